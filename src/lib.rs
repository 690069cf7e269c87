//! Broadsheet's browser app: a thin Leptos layer over `broadsheet-core`.
//!
//! `App` provides the shared feed data and the route table; routes live in
//! [`routes`], reusable pieces in [`components`], fetching and parsing in [`data`].

pub mod components;
pub mod daily;
pub mod data;
pub mod reader_state;
pub mod routes;
pub mod search;

mod scheduling;
mod split;
pub use scheduling::{after_next_paint, next_task};

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use crate::components::keyboard_shortcuts::KeyboardShortcuts;
use crate::components::site_header::SiteHeader;
use crate::data::FeedContext;
use crate::routes::saved::SavedPage;
use crate::routes::{article::ArticlePage, feed::FeedPage, not_found::NotFound};

/// The elements of a `querySelectorAll` result, in document order, each wrapped only
/// when the iteration reaches it (a caller that stops at the first match wraps no more).
pub(crate) fn elements(
    list: Result<web_sys::NodeList, wasm_bindgen::JsValue>,
) -> impl Iterator<Item = web_sys::Element> {
    use wasm_bindgen::JsCast;
    let list = list.ok();
    let len = list.as_ref().map_or(0, web_sys::NodeList::length);
    (0..len).filter_map(move |i| list.as_ref()?.item(i)?.dyn_into().ok())
}

/// The path the site is deployed under, without a trailing slash (`""` at the root,
/// `"/news"` under a sub-path), read from the `<base href>` that Trunk writes.
pub fn base_path() -> String {
    let uri = leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    path_of_url(&uri).trim_end_matches('/').to_string()
}

thread_local! {
    static BASE: String = base_path();
}

/// An in-app link: `path` (starting with `/`) under the deploy base path. Leptos's `<A>`
/// does not add the router's base to absolute paths, so every link goes through here.
///
/// At the root `href("/article/x")` is `/article/x`; under `/news/` it is `/news/article/x`.
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

/// The path part of an absolute URL (`https://h/x/y?q` -> `/x/y`).
pub fn path_of_url(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or("/")
}

/// When the page was prerendered: a new, hidden element after the static copy for the
/// app to render into, so the copy stays on screen until the app has something to show.
pub fn hidden_app_root() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    let copy = document.get_element_by_id("prerendered")?;
    let root = document.create_element("div").ok()?;
    root.set_id("app");
    root.set_attribute("hidden", "").ok()?;
    copy.after_with_node_1(&root).ok()?;
    root.dyn_into().ok()
}

/// Swaps the app in for the prerendered copy (if any); routes call it once their content
/// is ready, so the page never shows a loading state the copy had already answered.
pub fn reveal_app() {
    use wasm_bindgen::JsCast;
    use web_sys::HtmlInputElement;
    let document = leptos::prelude::document();
    let Some(copy) = document.get_element_by_id("prerendered") else {
        return;
    };
    // A search typed into the copy's box before the app started carries over, focus too.
    let typed = copy
        .query_selector("input[name=q]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
    let had_focus = typed.as_ref().is_some_and(|input| {
        document
            .active_element()
            .is_some_and(|active| active == ***input)
    });
    // The chart stays as the copy shows it (folded for a phone before the first paint,
    // or opened or folded by the reader since), so nothing below it moves.
    let chart_open = components::sentiment_chart::prerendered_chart_open();
    copy.remove();
    if let Some(root) = document.get_element_by_id("app") {
        let _ = root.remove_attribute("hidden");
    }
    if let (Some(open), Ok(Some(chart))) =
        (chart_open, document.query_selector("#app details.chart"))
    {
        let _ = chart.toggle_attribute_with_force("open", open);
    }
    let Some(input) = document
        .get_element_by_id("search-input")
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(text) = typed.map(|t| t.value()).filter(|t| !t.is_empty()) {
        input.set_value(&text);
        // The app's own handler runs the search, as if the text had been typed there.
        if let Ok(event) = web_sys::Event::new("input") {
            let _ = input.dispatch_event(&event);
        }
    }
    if had_focus {
        let _ = input.focus();
    }
}

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
    let base = BASE.with(String::clone);
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
            <footer class="site-footer">
                <p>"Broadsheet — a static news reader in Rust and WebAssembly."</p>
                <button type="button" class="button button--quiet" data-testid="shortcuts-button"
                    aria-keyshortcuts="?" on:click=move |_| shortcuts_open.set(true)>
                    "Keyboard shortcuts"
                </button>
            </footer>
        </Router>
    }
}
