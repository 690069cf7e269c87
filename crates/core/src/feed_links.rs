//! Where the subscription feeds live: the site's main feeds, and one Atom feed per tag,
//! category, source and sentiment value. The build writes each feed at the path these
//! functions give and the app links the one of the filter it shows, so both follow one
//! rule.
//!
//! A filter's feed is `feeds/<facet>/<value>.xml`, the value written as the bundle
//! writes list folders ([`path_key`]: lower-cased, so `?tag=DeFi` and `?tag=DEFI`, which
//! filter alike, share one feed). A sentiment is written by its key (`negative`, or an
//! unknown value as written), so each value has its own feed.

use broadsheet_article::{title_case, Sentiment};

use crate::bundle::path_key;
use crate::feed::{Facet, FeedFilter};
use crate::i18n::Locale;
use crate::markup::facet_link::sentiment_label;
use crate::site::SiteInfo;

/// Newest articles in each feed, the main ones and every filter's, unless
/// `broadsheet.toml` sets `feed_items`.
pub const FEED_ITEMS: usize = 50;
/// The main feeds, relative to the site root: (path, media type, format name).
pub const MAIN_FEEDS: [(&str, &str, &str); 3] = [
    ("feed.xml", "application/rss+xml", "RSS"),
    ("atom.xml", "application/atom+xml", "Atom"),
    ("feed.json", "application/feed+json", "JSON Feed"),
];
/// The media type of every filter's feed (Atom).
pub const FILTER_FEED_TYPE: &str = "application/atom+xml";
/// The facets that have a feed per value.
pub const FEED_FACETS: [Facet; 4] = [Facet::Tag, Facet::Category, Facet::Source, Facet::Sentiment];

/// Path of the feed of `facet=value`, relative to the site root; none for a facet
/// without feeds (search, day) or a value that names no path.
///
/// ```
/// use broadsheet_core::feed_links::facet_feed_path;
/// use broadsheet_core::Facet;
/// assert_eq!(facet_feed_path(Facet::Tag, "Bitcoin").as_deref(), Some("feeds/tag/bitcoin.xml"));
/// assert_eq!(facet_feed_path(Facet::Sentiment, "negative").as_deref(), Some("feeds/sentiment/negative.xml"));
/// assert_eq!(facet_feed_path(Facet::Day, "2026-01-16"), None);
/// ```
pub fn facet_feed_path(facet: Facet, value: &str) -> Option<String> {
    let key = match facet {
        Facet::Tag | Facet::Category | Facet::Source => path_key(value.trim()),
        Facet::Sentiment => path_key(&Sentiment::parse(value).key()),
        Facet::Query | Facet::Day => return None,
    };
    (!key.is_empty()).then(|| format!("feeds/{}/{key}.xml", facet.key()))
}

/// How a filter value is named in a feed's title: as the filter chips show it.
pub fn facet_label(t: &Locale, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Tag | Facet::Category => title_case(value),
        Facet::Sentiment => sentiment_label(t, &Sentiment::parse(value)),
        _ => value.to_string(),
    }
}

/// A feed's title: the site's name, then what it holds (`Broadsheet — Bitcoin`).
pub fn feed_title(site: &SiteInfo, label: &str) -> String {
    site.locale.fmt(
        "feed.feed_title",
        &[("site", &site.title), ("label", label)],
    )
}

/// The feed of one filtered view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterFeed {
    /// Path relative to the site root ([`facet_feed_path`]).
    pub path: String,
    /// Its title ([`feed_title`]).
    pub title: String,
}

/// The feed that holds exactly what `filter` shows: one when the filter is a single tag,
/// category, source or sentiment; none when unfiltered (the main feeds) or when it
/// combines facets or has a search or a day (no feed holds exactly those).
///
/// ```
/// use broadsheet_core::feed_links::filter_feed;
/// use broadsheet_core::FeedFilter;
/// use broadsheet_core::site::SiteInfo;
/// let mut site = SiteInfo { title: "Broadsheet".into(), ..Default::default() };
/// site.locale.messages.insert("feed.feed_title".into(), "{site} — {label}".into());
/// let f = filter_feed(&site, &FeedFilter::from_pairs([("tag", "BITCOIN")])).unwrap();
/// assert_eq!((f.path.as_str(), f.title.as_str()), ("feeds/tag/bitcoin.xml", "Broadsheet — Bitcoin"));
/// assert_eq!(filter_feed(&site, &FeedFilter::from_pairs([("tag", "A"), ("sentiment", "positive")])), None);
/// ```
pub fn filter_feed(site: &SiteInfo, filter: &FeedFilter) -> Option<FilterFeed> {
    let active = filter.active();
    let [(facet, value)] = active.as_slice() else {
        return None;
    };
    Some(FilterFeed {
        path: facet_feed_path(*facet, value)?,
        title: feed_title(site, &facet_label(&site.locale, *facet, value)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feed_facet_has_a_path_and_others_none() {
        for facet in Facet::ALL {
            let path = facet_feed_path(facet, "Some Value");
            assert_eq!(path.is_some(), FEED_FACETS.contains(&facet), "{facet:?}");
        }
        assert_eq!(
            facet_feed_path(Facet::Category, "a/b").as_deref(),
            Some("feeds/category/a_2fb.xml")
        );
        assert_eq!(
            facet_feed_path(Facet::Sentiment, "Weird").as_deref(),
            Some("feeds/sentiment/weird.xml")
        );
        assert_eq!(facet_feed_path(Facet::Tag, " "), None);
    }

    #[test]
    fn only_single_facet_filters_have_a_feed() {
        let site = SiteInfo {
            title: "Broadsheet".into(),
            locale: crate::i18n::english(),
            ..Default::default()
        };
        let feed = |pairs: &[(&str, &str)]| {
            filter_feed(&site, &FeedFilter::from_pairs(pairs.iter().copied()))
        };
        assert_eq!(feed(&[]), None);
        assert_eq!(feed(&[("q", "bitcoin")]), None);
        assert_eq!(feed(&[("day", "2026-01-16")]), None);
        assert_eq!(feed(&[("tag", "a"), ("tag", "b")]), None);
        let s = feed(&[("sentiment", "negative")]).unwrap();
        assert_eq!(s.path, "feeds/sentiment/negative.xml");
        assert_eq!(s.title, "Broadsheet — Negative");
        let src = feed(&[("source", "decrypt")]).unwrap();
        assert_eq!(src.path, "feeds/source/decrypt.xml");
        let cat = feed(&[("category", "TECHNOLOGY")]).unwrap();
        assert_eq!(cat.title, "Broadsheet — Technology");
    }
}
