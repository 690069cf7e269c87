//! One Atom feed per tag, category, source and sentiment value
//! (`feeds/<facet>/<value>.xml`, paths from `broadsheet_core::feed_links`, which the
//! app links from the filtered view): the newest articles of that value only, as many
//! as the main feed holds.
//!
//! Atom rather than RSS: its entries carry their own language (`xml:lang`) and a
//! required, stable id and update date, and every feed reader reads it. One format per
//! filter keeps the file count at one per facet value.

use std::collections::{BTreeMap, BTreeSet};

use broadsheet_core::feed_links::{facet_feed_path, facet_label, feed_title};
use broadsheet_core::i18n::Locale;
use broadsheet_core::markup::facet_link::sentiment_label;
use broadsheet_core::{Article, Facet, FeedFilter};

use super::feed_items::Item;
use super::site::Site;

/// One filter's feed, before it is written.
pub struct FacetFeed<'a> {
    /// Path relative to the site root.
    pub path: String,
    /// The filter, for the link to its view.
    pub filter: FeedFilter,
    /// `Broadsheet — <value>`, the value as the newest article spells it.
    pub title: String,
    /// Its articles, newest first.
    pub items: Vec<&'a Item>,
}

/// The facet values `a` has a feed for: (facet, value as the filter reads it, label).
fn values(t: &Locale, a: &Article) -> Vec<(Facet, String, String)> {
    let mut out: Vec<(Facet, String, String)> = a
        .tags
        .iter()
        .map(|tag| (Facet::Tag, tag.clone(), facet_label(t, Facet::Tag, tag)))
        .collect();
    if !a.category.is_empty() {
        out.push((
            Facet::Category,
            a.category.clone(),
            facet_label(t, Facet::Category, &a.category),
        ));
    }
    out.push((Facet::Source, a.source.key.clone(), a.source.name.clone()));
    out.push((
        Facet::Sentiment,
        a.sentiment.key(),
        sentiment_label(t, &a.sentiment),
    ));
    out
}

/// Every facet value's feed, by path, from `newest` (every article, newest first).
pub fn collect<'a>(site: &Site, newest: &[&'a Item]) -> Vec<FacetFeed<'a>> {
    let mut feeds: BTreeMap<String, FacetFeed<'a>> = BTreeMap::new();
    for &item in newest {
        // Two spellings of one tag (`DeFi`, `DEFI`) are one feed: the article once.
        let mut seen = BTreeSet::new();
        for (facet, value, label) in values(site.locale(), &item.0) {
            let Some(path) = facet_feed_path(facet, &value) else {
                continue;
            };
            if !seen.insert(path.clone()) {
                continue;
            }
            let feed = feeds.entry(path.clone()).or_insert_with(|| FacetFeed {
                path,
                filter: FeedFilter::default().with(facet, &value),
                title: feed_title(site.info, &label),
                items: Vec::new(),
            });
            if feed.items.len() < site.feed_items {
                feed.items.push(item);
            }
        }
    }
    feeds.into_values().collect()
}
