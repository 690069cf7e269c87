//! Broadsheet's browser app: a thin Leptos layer over `broadsheet-core`.
//!
//! `App` provides the shared feed data and the route table; routes live in
//! [`routes`], reusable pieces in [`components`]; data loading in layers, each using only
//! those below it: [`fetch`] (and [`site`], the site's description and language), [`data`],
//! [`search`], then [`feed_context`].

pub mod components;
pub mod daily;
pub mod data;
pub mod feed_context;
pub mod feed_place;
pub mod fetch;
pub mod reader_state;
pub mod routes;
pub mod search;
pub mod site;

mod dom;
mod head;
mod links;
mod prerendered;
mod scheduling;
mod split;
pub use links::{base_path, href, path_of_url};
pub use prerendered::{hidden_app_root, reveal_app};
pub use scheduling::{after_next_paint, next_task};

use std::sync::Arc;

use broadsheet_core::bundle::ALL_LIST;
use broadsheet_core::markup::chrome::{site_footer_markup, ABOUT_PATH};
use broadsheet_core::site::SiteInfo;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{path, StaticSegment};

use crate::components::error_card::ErrorCard;
use crate::components::keyboard_shortcuts::KeyboardShortcuts;
use crate::components::site_header::SiteHeader;
use crate::components::state_notice::CorruptStateNotice;
use crate::feed_context::FeedContext;
use crate::fetch::LoadError;
use crate::routes::about::AboutPage;
use crate::routes::saved::SavedPage;
use crate::routes::{article::ArticlePage, feed::FeedPage, not_found::NotFound};
use crate::split::split_fn;

/// The whole app, for `site`, the site's description `main` loaded before mounting it:
/// shared data, then the page in the site's language; or, when the description could
/// not be loaded, an error card in English (there are no words of the site's language
/// without it).
#[component]
pub fn App(
    /// The site's description, or why it could not be loaded.
    site: Result<Arc<SiteInfo>, LoadError>,
) -> impl IntoView {
    FeedContext::provide();
    // Daily reading: theme, online state, minute clock, read/saved state, offline worker.
    daily::Daily::provide();
    reader_state::ReaderStore::provide();
    let ctx = FeedContext::get();
    // Offline reading needs the worker; the first screen does not.
    leptos::task::spawn_local(async move {
        scheduling::idle().await;
        // A module that cannot be fetched now (offline, say) leaves the app online-only
        // for this visit, as a worker that cannot be registered does.
        let _ = register_worker(ctx).await;
    });
    match site {
        Ok(site) => view! { <Shell site=site/> }.into_any(),
        Err(error) => {
            prerendered::reveal_app();
            view! {
                <main id="main" class="page">
                    <ErrorCard error=error><h1>"The site could not be loaded"</h1></ErrorCard>
                </main>
            }
            .into_any()
        }
    }
}

split_fn! { later:
    /// Registers the offline worker ([`daily::register_service_worker`]), in the split
    /// module `later`, fetched when the browser is first idle; a new deploy's worker
    /// taking over reloads the data.
    fn register_worker(ctx: FeedContext) -> () {
        daily::register_service_worker(move || ctx.reload())
    }
}

/// Loads the site's description (`data/site.json`), and starts loading the first data
/// of the page being opened at the same time (the front page's first list page and the
/// feed's split module `feed_extras`, or an article, kept in memory for its route), so
/// waiting for the site adds no round trip before the first card. Only the site is
/// awaited: the app mounts (hidden) as soon as it can speak, and the route reports any
/// error of its data when it loads it again.
pub async fn load_site() -> Result<Arc<SiteInfo>, LoadError> {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let route = path
        .strip_prefix(&links::href(""))
        .unwrap_or_default()
        .to_string();
    let front_page = location.search().unwrap_or_default().is_empty();
    let preload = async move {
        if let Some(slug) = route.strip_prefix("/article/") {
            let _ = data::load_article(slug.trim_end_matches('/')).await;
        } else if route.trim_end_matches('/').is_empty() {
            // The code of what the feed shows above its cards too, with its first data
            // (any filter).
            let first = async {
                if front_page {
                    let _ = data::load_page(ALL_LIST, 0).await;
                }
            };
            futures::join!(first, components::feed_extras::load_feed_extras());
        }
    };
    // Not Leptos's executor: it is set up when the app mounts, after this.
    wasm_bindgen_futures::spawn_local(preload);
    site::load_site().await
}

/// The page around every route: the skip link, header, routes and footer, in the
/// language of `site`.
#[component]
fn Shell(
    /// The site's description.
    site: Arc<SiteInfo>,
) -> impl IntoView {
    site::set_document_language(&site);
    let base = links::href("");
    let footer = site_footer_markup(&site, &base, true);
    let skip = site.locale.t("site.skip_to_content").to_string();
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
            }>{skip}</a>
            <KeyboardShortcuts open=shortcuts_open/>
            <SiteHeader/>
            <main id="main" class="page" tabindex="-1">
                <CorruptStateNotice/>
                <Show when=move || routes_ready.get()>
                    // Flat, not nested: no route has children, and the flat router is
                    // 9 KB (brotli) less Wasm in the file every page downloads.
                    <FlatRoutes fallback=NotFound>
                        <Route path=path!("/") view=FeedPage/>
                        <Route path=path!("/article/:slug") view=ArticlePage/>
                        <Route path=path!("/saved") view=SavedPage/>
                        <Route path=(StaticSegment(ABOUT_PATH),) view=AboutPage/>
                    </FlatRoutes>
                </Show>
            </main>
            // The footer's markup is the static pages' too; its one button opens the help.
            <div class="markup-host" inner_html=footer on:click=move |ev| {
                if dom::target_closest(&ev, "[data-testid=shortcuts-button]").is_some() {
                    shortcuts_open.set(true);
                }
            }></div>
        </Router>
    }
}
