//! The sentiment badge: icon + text + colour (never colour alone), linking to a filter.

use broadsheet_core::feed::Facet;
use broadsheet_core::{FeedFilter, Sentiment};
use leptos::prelude::*;

/// A badge for `sentiment`; following it filters the feed by that sentiment.
#[component]
pub fn SentimentBadge(
    /// The article's sentiment.
    sentiment: Sentiment,
    /// Filters already active, kept when the badge is followed.
    #[prop(optional)]
    current: Option<FeedFilter>,
) -> impl IntoView {
    let href = crate::href(&format!(
        "/{}",
        current
            .unwrap_or_default()
            .with(Facet::Sentiment, &sentiment.key())
            .to_query()
    ));
    let class = format!("sentiment-badge sentiment-badge--{}", sentiment.as_str());
    let label = sentiment.label();
    let title = format!("Show only {} articles", label.to_lowercase());
    view! {
        <a href=href class=class title=title data-testid="sentiment-badge">
            <span class="sentiment-badge__icon" aria-hidden="true">{sentiment.icon()}</span>
            <span class="sentiment-badge__label">{label}</span>
        </a>
    }
}
