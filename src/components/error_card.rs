//! The card shown when something could not be loaded: what, why, and "Try again".

use leptos::prelude::*;

use crate::feed_context::FeedContext;
use crate::fetch::LoadError;

/// An alert that something could not be loaded: the caller's heading, what went wrong in
/// the reader's language (`errors.*`, by [`LoadError::message_key`]) above the error's
/// technical detail (which names the file), and a "Try again" button that loads whatever
/// failed again, or reloads the page when a part of the app's own code did not load (see
/// [`FeedContext::retry`]). Before the site's description is loaded there is no message
/// table: then the card is in English, the detail its message.
///
/// ```ignore
/// view! { <ErrorCard error=e><h2>{t("feed.load_failed")}</h2></ErrorCard> }
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
    let detail = error.to_string();
    let site = crate::site::loaded();
    let message = site
        .as_ref()
        .map(|s| view! { <p>{s.locale.t(error.message_key()).to_string()}</p> });
    let retry = site.map_or_else(
        || "Try again".to_string(),
        |s| s.locale.t("errors.try_again").to_string(),
    );
    view! {
        <section class="error-card" role="alert" data-testid="feed-error">
            {children()}
            {message}
            <p><code>{detail}</code></p>
            <button type="button" class="button" data-testid="retry"
                on:click=move |_| ctx.retry(&error)>{retry}</button>
        </section>
    }
}

/// A page that could not be shown: the [`ErrorCard`] as the whole page, the text of
/// message key `heading` its `<h1>`. Takes the error last, so a route can pass it to
/// `unwrap_or_else`.
pub fn load_failed(heading: &'static str, error: LoadError) -> AnyView {
    let heading = crate::site::site().locale.t(heading).to_string();
    view! { <ErrorCard error=error><h1>{heading}</h1></ErrorCard> }.into_any()
}
