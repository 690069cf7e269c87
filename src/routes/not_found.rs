//! The not-found page for unknown paths and slugs.

use broadsheet_core::markup::chrome::{not_found_markup, Missing};
use leptos::prelude::*;

/// "Page not found", with a way back to the feed.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(move |_| crate::prerendered::reveal_app());
    view! { <NotFoundMessage what=Missing::Page/> }
}

/// The not-found message (the markup `404.html` has too); its link is a plain anchor,
/// which the router follows without a reload.
#[component]
pub fn NotFoundMessage(
    /// What was not found.
    what: Missing,
) -> impl IntoView {
    let site = crate::site::site();
    let t = &site.locale;
    crate::head::set_title(t.t("not_found.title"));
    crate::head::head_tag("meta", &[("name", "robots"), ("content", "noindex")]);
    view! {
        <div class="markup-host" inner_html=not_found_markup(t, what, &crate::links::href(""), true)></div>
    }
}
