//! The feed's extras: everything above its cards (the problems notice, the active
//! filters, the search status, the sentiment chart and the "Mark all as read" row), in
//! the split module `feed_extras`. The first screen is the prerendered page; the app
//! needs this code only when it takes over, so the module is fetched with the feed's
//! first data (no extra round trip) and the feed waits for both before it swaps in
//! (nothing below them moves). If the module cannot be fetched, the cards show under a
//! notice that says so.

use std::sync::Arc;

use broadsheet_core::{Article, FeedFilter};
use leptos::prelude::*;

use crate::components::daily_controls::MarkAllRead;
use crate::components::filter_bar::FilterBar;
use crate::components::problems_notice::ProblemsNotice;
use crate::components::search_status::status_line;
use crate::components::sentiment_chart::{chart_overview, SentimentChart};
use crate::feed_context::FeedContext;
use crate::fetch::LoadError;
use crate::search::Matches;
use crate::split::split_fn;

/// The feed route's signals the extras are drawn from.
#[derive(Clone, Copy)]
pub struct FeedView {
    /// The filter in the URL.
    pub filter: Memo<FeedFilter>,
    /// The results shown (the newest that arrived), once there are any.
    pub shown: Signal<Option<Arc<Matches>>>,
    /// The filter the shown results answer.
    pub shown_filter: Signal<FeedFilter>,
    /// The articles shown.
    pub articles: Signal<Vec<Arc<Article>>>,
}

split_fn! { feed_extras, preload preload_feed_extras:
    /// What the feed shows above its cards, for `feed`.
    pub(crate) fn feed_extras(feed: FeedView) -> AnyView {
        view! { <FeedExtras feed/> }.into_any()
    }
}

/// Fetches the module of [`feed_extras`], so its first call is ready on its first poll;
/// whether it could be fetched.
pub async fn load_feed_extras() -> bool {
    preload_feed_extras().await.is_ok()
}

/// In place of the extras when their module could not be fetched: says so, with "Try
/// again" (which reloads the page, see [`FeedContext::retry`]); the cards still show.
pub fn extras_failed() -> AnyView {
    let ctx = FeedContext::get();
    let t = |key: &str| crate::site::site().locale.t(key).to_string();
    view! {
        <div class="notice" role="status" data-testid="extras-failed">
            <p>{t("errors.module")}</p>
            <button type="button" class="notice__dismiss" data-testid="retry"
                on:click=move |_| ctx.retry(&LoadError::Code)>{t("errors.try_again")}</button>
        </div>
    }
    .into_any()
}

/// The problems notice, the active filters, the search status, the chart of the
/// articles shown (counted by the bundler when the results carry it, else here) and the
/// row that marks them all read.
#[component]
fn FeedExtras(
    /// The feed route's signals.
    feed: FeedView,
) -> impl IntoView {
    let FeedView {
        filter,
        shown,
        shown_filter,
        articles,
    } = feed;
    let site = crate::site::site();
    let count = {
        let site = site.clone();
        Signal::derive(move || {
            shown.with(|m| {
                m.as_ref()
                    .map(|m| m.count_label(&site.locale))
                    .unwrap_or_default()
            })
        })
    };
    let overview = Memo::new(move |_| {
        shown
            .with(|m| m.as_ref().and_then(|m| m.overview.clone()))
            .unwrap_or_else(|| articles.with(|a| chart_overview(a)))
    });
    view! {
        <ProblemsNotice/>
        <FilterBar filter=filter shown=count/>
        {move || shown.with(|m| m.as_ref().and_then(|m| status_line(&site.locale, &filter.get(), m)))}
        <SentimentChart overview=overview.into() filter=shown_filter/>
        {move || view! { <MarkAllRead ids=articles.with(|a| a.iter().map(|a| a.id.clone()).collect())/> }}
    }
}
