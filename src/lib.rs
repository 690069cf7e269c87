//! Broadsheet's browser app: a thin Leptos layer over `broadsheet-core`.
//!
//! `App` provides the shared feed data and the route table; routes live in
//! [`routes`], reusable pieces in [`components`]; data loading in layers, each using only
//! those below it: [`fetch`], [`data`], [`search`], then [`feed_context`].

pub mod components;
pub mod daily;
pub mod data;
pub mod feed_context;
pub mod feed_place;
pub mod fetch;
pub mod reader_state;
pub mod routes;
pub mod search;

mod dom;
mod links;
mod prerendered;
mod scheduling;
mod split;
pub use links::{base_path, href, path_of_url};
pub use prerendered::{hidden_app_root, reveal_app};
pub use scheduling::{after_next_paint, next_task};

use broadsheet_core::markup::chrome::site_footer_markup;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use crate::components::keyboard_shortcuts::KeyboardShortcuts;
use crate::components::site_header::SiteHeader;
use crate::feed_context::FeedContext;
use crate::routes::saved::SavedPage;
use crate::routes::{article::ArticlePage, feed::FeedPage, not_found::NotFound};

/// The whole app: shared data, `<head>` defaults and the route table.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    FeedContext::provide();
    // Daily reading: theme, online state, minute clock, read/saved state, offline worker.
    daily::Daily::provide();
    reader_state::ReaderStore::provide();
    let ctx = FeedContext::get();
    daily::register_service_worker(move || ctx.reload());
    let base = links::href("");
    let shortcuts_open = RwSignal::new(false);
    // The page's own route is mounted in a task of its own, after the one that mounts
    // the header and footer: Wasm code is compiled when it is first called, so mounting
    // everything at once was one long task (50-90 ms in traces of the sample site, about
    // half of it compiling). Between two shorter ones the browser can handle input.
    let routes_ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        next_task().await;
        routes_ready.set(true);
    });
    view! {
        <Title formatter=|text: String| {
            if text.is_empty() { "Broadsheet".to_string() } else { format!("{text} · Broadsheet") }
        }/>
        <Router base=base>
            // `#main` would resolve against `<base href>`, i.e. the front page: move focus here instead.
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                if let Some(main) = document().get_element_by_id("main") {
                    use wasm_bindgen::JsCast;
                    if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                        let _ = main.focus();
                    }
                }
            }>"Skip to content"</a>
            <KeyboardShortcuts open=shortcuts_open/>
            <SiteHeader/>
            <main id="main" class="page" tabindex="-1">
                <reader_state::CorruptStateNotice/>
                <Show when=move || routes_ready.get()>
                    // Flat, not nested: no route has children, and the flat router is
                    // 9 KB (brotli) less Wasm in the file every page downloads.
                    <FlatRoutes fallback=NotFound>
                        <Route path=path!("/") view=FeedPage/>
                        <Route path=path!("/article/:slug") view=ArticlePage/>
                        <Route path=path!("/saved") view=SavedPage/>
                    </FlatRoutes>
                </Show>
            </main>
            // The footer's markup is the static pages' too; its one button opens the help.
            <div class="markup-host" inner_html=site_footer_markup(true) on:click=move |ev| {
                if dom::target_closest(&ev, "[data-testid=shortcuts-button]").is_some() {
                    shortcuts_open.set(true);
                }
            }></div>
        </Router>
    }
}
