//! The feed of the filtered view: named in the page's head (`<link rel="alternate">`,
//! for feed readers and browser extensions) and offered as a visible "Subscribe" link.
//! Where the feed is, and whether the filter has one, is the core's rule
//! (`broadsheet_core::feed_links`), the one the build writes the feeds by.

use broadsheet_core::feed_links::{filter_feed, FILTER_FEED_TYPE};
use broadsheet_core::FeedFilter;
use leptos::prelude::*;
use leptos_meta::Link;

/// The feed of `filter`'s view when it has one (a single tag, category, source or
/// sentiment); nothing otherwise.
#[component]
pub fn FeedSubscribe(filter: FeedFilter) -> impl IntoView {
    filter_feed(&filter).map(|feed| {
        let href = crate::links::href(&format!("/{}", feed.path));
        // `target` keeps the router from taking the click: the feed is a file, not a route.
        view! {
            <Link rel="alternate" type_=FILTER_FEED_TYPE title=feed.title.clone() href=href.clone()/>
            <a class="filter-bar__subscribe" href=href type=FILTER_FEED_TYPE target="_self" data-testid="subscribe-feed">
                "Subscribe"<span class="visually-hidden">" to the feed "{feed.title}</span>
            </a>
        }
    })
}
