//! The about page (`/about`, when the site has one): the publisher's text, which the
//! build renders from markdown to safe HTML in `data/about.html`.

use leptos::html::Article;
use leptos::prelude::*;

use crate::components::error_card::load_failed;
use crate::feed_context::FeedContext;
use crate::routes::not_found::NotFound;
use crate::site::{load_about, site};

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
        load_about()
    });
    // At once when it arrives: no prerendered copy shows this page's text.
    Effect::new(move |_| {
        if page.with(Option::is_some) {
            crate::prerendered::reveal_app();
        }
    });
    let label = site.locale.t("site.about").to_string();
    let loading = site.locale.t("feed.loading").to_string();
    // The text's own heading names the page, as read from the page (entities decoded).
    crate::head::set_title(&label);
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
        crate::head::set_title(&heading.unwrap_or_else(|| label.clone()));
    });
    view! {
        {move || match page.get() {
            None => view! { <p class="loading" role="status">{loading.clone()}</p> }.into_any(),
            Some(Err(e)) => load_failed("about.load_failed", e),
            Some(Ok(html)) => view! {
                <article class="prose about" data-testid="about" node_ref=host inner_html=html></article>
            }
            .into_any(),
        }}
    }
    .into_any()
}
