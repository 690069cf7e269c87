//! The sentiment badge: icon + text + colour (never colour alone), linking to a filter.

use broadsheet_core::markup::facet_link::FacetLink;
use broadsheet_core::{FeedFilter, Sentiment};
use leptos::prelude::*;

use crate::links::href;

/// A badge for `sentiment`; following it filters the feed by that sentiment.
#[component]
pub fn SentimentBadge(
    /// The article's sentiment.
    sentiment: Sentiment,
    /// Filters already active, kept when the badge is followed.
    #[prop(optional)]
    current: Option<FeedFilter>,
) -> impl IntoView {
    let badge = FacetLink::sentiment(
        &crate::site::site().locale,
        &sentiment,
        &current.unwrap_or_default(),
        &href(""),
    );
    view! {
        <a href=badge.href class=badge.class title=badge.title data-testid=badge.testid>
            <span class="sentiment-badge__icon" aria-hidden="true">{sentiment.icon()}</span>
            <span class="sentiment-badge__label">{badge.label}</span>
        </a>
    }
}
