//! One module per route.

pub mod article;
pub mod feed;
pub mod not_found;
pub mod saved;

use leptos::prelude::*;

use crate::data::{FeedContext, LoadError};

/// A page that could not be shown (`heading`), why, and a retry that fetches whatever
/// failed again (the page's data, or a part of the app: then the page is reloaded).
pub fn load_failed(heading: &'static str, e: LoadError, ctx: FeedContext) -> AnyView {
    let message = e.to_string();
    let retry = move |_| ctx.retry(&e);
    view! {
        <section class="error-card" role="alert" data-testid="feed-error">
            <h1>{heading}</h1>
            <p>{message}</p>
            <button type="button" class="button" on:click=retry>"Try again"</button>
        </section>
    }
    .into_any()
}
