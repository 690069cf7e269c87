//! The feed of the filtered view: named in the page's head (`<link rel="alternate">`,
//! for feed readers and browser extensions) and offered as a visible "Subscribe" link.
//! Where the feed is, and whether the filter has one, is the core's rule
//! (`broadsheet_core::feed_links`), the one the build writes the feeds by.

use broadsheet_core::feed_links::{filter_feed, FILTER_FEED_TYPE};
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

/// The feed of `filter`'s view when it has one (a single tag, category, source or
/// sentiment); nothing otherwise.
#[component]
pub fn FeedSubscribe(filter: FeedFilter) -> impl IntoView {
    let site = crate::site::site();
    filter_feed(&site, &filter).map(|feed| {
        let t = &site.locale;
        let href = crate::links::href(&format!("/{}", feed.path));
        let (text, title) = (
            t.t("feed.subscribe").to_string(),
            t.t("feed.subscribe_title").to_string(),
        );
        // Read after the visible word, so the link's name says which feed it is.
        let which = t.fmt("feed.subscribe_to", &[("title", &feed.title)]);
        // `target` keeps the router from taking the click: the feed is a file, not a route.
        crate::head::head_tag(
            "link",
            &[
                ("rel", "alternate"),
                ("type", FILTER_FEED_TYPE),
                ("title", &feed.title),
                ("href", &href),
            ],
        );
        view! {
            <a class="filter-bar__subscribe" href=href type=FILTER_FEED_TYPE target="_self"
                title=title data-testid="subscribe-feed">
                {text}<span class="visually-hidden">" "{which}</span>
            </a>
        }
    })
}
