//! The card shown when something could not be loaded: what, why, and "Try again".

use leptos::prelude::*;

use crate::feed_context::FeedContext;
use crate::fetch::LoadError;

/// An alert that something could not be loaded: the caller's heading, the error's
/// message (which names the file and what went wrong), and a "Try again" button that
/// loads whatever failed again, or reloads the page when a part of the app's own code
/// did not load (see [`FeedContext::retry`]).
///
/// ```ignore
/// view! { <ErrorCard error=e><h2>"The news could not be loaded"</h2></ErrorCard> }
/// ```
#[component]
pub fn ErrorCard(
    /// What failed.
    error: LoadError,
    /// The card's heading, at the level its page needs (`<h1>` when the card is the
    /// whole page, `<h2>` under the page's own heading).
    children: Children,
) -> impl IntoView {
    let ctx = FeedContext::get();
    let message = error.to_string();
    view! {
        <section class="error-card" role="alert" data-testid="feed-error">
            {children()}
            <p>{message}</p>
            <button type="button" class="button" data-testid="retry"
                on:click=move |_| ctx.retry(&error)>"Try again"</button>
        </section>
    }
}

/// A page that could not be shown: the [`ErrorCard`] as the whole page, `heading` its
/// `<h1>`. Takes the error last, so a route can pass it to `unwrap_or_else`.
pub fn load_failed(heading: &'static str, error: LoadError) -> AnyView {
    view! { <ErrorCard error=error><h1>{heading}</h1></ErrorCard> }.into_any()
}
