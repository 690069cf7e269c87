//! The feed's extras: the sentiment chart and the "Mark all as read" row, in the split
//! module `feed_extras`. The first screen is the prerendered page, which has both as
//! static markup; the app needs their code only when it takes over, so the module is
//! fetched with the feed's first data (no extra round trip) and the feed waits for both
//! before it swaps in (nothing below the chart moves). If the module cannot be fetched,
//! the feed shows without them.

use std::sync::Arc;

use broadsheet_core::stats::Overview;
use broadsheet_core::{Article, FeedFilter};
use leptos::prelude::*;

use crate::components::daily_controls::MarkAllRead;
use crate::components::sentiment_chart::{chart_overview, SentimentChart};
use crate::split::split_fn;

split_fn! { feed_extras, preload preload_feed_extras:
    /// The chart of `articles` matching `filter` (counted by the bundler when `summary`
    /// has it, else here) and the row that marks them all read.
    pub(crate) fn feed_extras(summary: Signal<Option<Overview>>, articles: Signal<Vec<Arc<Article>>>, filter: Signal<FeedFilter>) -> AnyView {
        let overview = Memo::new(move |_| {
            summary
                .get()
                .unwrap_or_else(|| articles.with(|a| chart_overview(a)))
        });
        view! {
            <SentimentChart overview=overview.into() filter=filter/>
            {move || view! { <MarkAllRead ids=articles.with(|a| a.iter().map(|a| a.id.clone()).collect())/> }}
        }
        .into_any()
    }
}

/// Fetches the module of [`feed_extras`], so its first call is ready on its first poll;
/// whether it could be fetched.
pub async fn load_feed_extras() -> bool {
    preload_feed_extras().await.is_ok()
}
