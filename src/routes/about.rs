//! The about page (`/about`, when the site has one): the publisher's text, which the
//! build renders from markdown to safe HTML in `data/about.html`. Its view is in the
//! split module `later` (fetched with the text, so it costs no extra round trip).

use leptos::html::Article;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::components::error_card::load_failed;
use crate::feed_context::FeedContext;
use crate::routes::not_found::NotFound;
use crate::site::{load_about, site};
use crate::split::split_fn;

/// The about route: the page's text, titled by its first heading; not found when the
/// site has no about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let site = site();
    if !site.about {
        return view! { <NotFound/> }.into_any();
    }
    let ctx = FeedContext::get();
    let page = LocalResource::new(move || {
        ctx.generation.track();
        async {
            let (html, code) = futures::join!(load_about(), preload_about_view());
            code?;
            html
        }
    });
    // At once when it arrives: no prerendered copy shows this page's text.
    Effect::new(move |_| {
        if page.with(Option::is_some) {
            crate::prerendered::reveal_app();
        }
    });
    let loading = site.locale.t("feed.loading").to_string();
    crate::head::set_title(site.locale.t("site.about"));
    let failed = |e| load_failed("about.load_failed", e);
    view! {
        {move || match page.get() {
            None => view! { <p class="loading" role="status">{loading.clone()}</p> }.into_any(),
            Some(Err(e)) => failed(e),
            // Ready on its first poll: the resource has loaded this function's module.
            Some(Ok(html)) => Suspend::new(SendWrapper::new(async move {
                about_view(html).await.unwrap_or_else(failed)
            }))
            .into_any(),
        }}
    }
    .into_any()
}

split_fn! { later, preload preload_about_view:
    /// The about page's text, in the split module `later`.
    fn about_view(html: String) -> AnyView {
        view! { <About html/> }.into_any()
    }
}

/// The publisher's text, and the page titled by its own first heading, as read from the
/// page (entities decoded).
#[component]
fn About(
    /// The text, safe HTML.
    html: String,
) -> impl IntoView {
    let host = NodeRef::<Article>::new();
    Effect::new(move |_| {
        let Some(el) = host.get() else {
            return;
        };
        let heading = el
            .query_selector("h1")
            .ok()
            .flatten()
            .and_then(|h| h.text_content())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let label = || site().locale.t("site.about").to_string();
        crate::head::set_title(&heading.unwrap_or_else(label));
    });
    view! {
        <article class="prose about" data-testid="about" node_ref=host inner_html=html></article>
    }
}
