//! The not-found page for unknown paths and slugs.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

/// "Page not found", with a way back to the feed.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(move |_| crate::reveal_app());
    view! { <NotFoundMessage what="page"/> }
}

/// The not-found message for a `what` ("page", "article").
#[component]
pub fn NotFoundMessage(
    /// What was not found.
    what: &'static str,
) -> impl IntoView {
    view! {
        <Title text="Not found"/>
        <Meta name="robots" content="noindex"/>
        <section class="not-found" data-testid="not-found">
            <h1>{format!("This {what} does not exist")}</h1>
            <p>"The link may be mistyped, or the article may have been withdrawn."</p>
            <p><A href=crate::href("/") attr:class="button">"Go to the front page"</A></p>
        </section>
    }
}
