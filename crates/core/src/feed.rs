//! Feed order and filters, and their round trip through the URL query string.
//!
//! The URL is the state that survives reload and sharing, so a [`FeedFilter`] is built
//! from query pairs and written back as a query string here, not in the UI.

use broadsheet_article::{Article, Sentiment};

/// Sorts for the feed: pinned articles first by descending weight, then newest first;
/// ties broken by slug so the order is stable across builds.
pub fn sort_feed(articles: &mut [Article]) {
    articles.sort_by(feed_order);
}

/// The order [`sort_feed`] sorts by.
pub fn feed_order(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.sticky_weight
        .max(0)
        .cmp(&a.sticky_weight.max(0))
        .then(b.published_at.cmp(&a.published_at))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Which facet a filter constrains. Its [`Facet::key`] is the one spelling of the facet
/// in query strings and in the bundle's list folders (`data/feed/tag/…`); Rust code
/// that needs `"tag"`, `"sentiment"`… asks for it here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// `?tag=` (repeatable; all must match).
    Tag,
    /// `?sentiment=`.
    Sentiment,
    /// `?category=`.
    Category,
    /// `?source=` (the source key).
    Source,
    /// `?q=` (text search).
    Query,
    /// `?day=YYYY-MM-DD` (published that UTC day).
    Day,
}

impl Facet {
    /// Every facet, in the order a query string lists them.
    pub const ALL: [Facet; 6] = [
        Facet::Tag,
        Facet::Sentiment,
        Facet::Category,
        Facet::Source,
        Facet::Query,
        Facet::Day,
    ];

    /// The facet a query-string key names, if any.
    ///
    /// ```
    /// use broadsheet_core::Facet;
    /// assert_eq!(Facet::from_key("tag"), Some(Facet::Tag));
    /// assert_eq!(Facet::from_key("Tag"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The query-string key.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Tag => "tag",
            Facet::Sentiment => "sentiment",
            Facet::Category => "category",
            Facet::Source => "source",
            Facet::Query => "q",
            Facet::Day => "day",
        }
    }
}

/// The active feed filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedFilter {
    /// Every one of these tags must be on the article.
    pub tags: Vec<String>,
    /// Sentiment key (`POSITIVE`…).
    pub sentiment: Option<String>,
    /// Category key.
    pub category: Option<String>,
    /// Source key.
    pub source: Option<String>,
    /// Free text (`?q=`). Answered by the full-text index ([`crate::search`]), not by
    /// [`FeedFilter::matches`], so the feed has one notion of what a search finds.
    pub query: Option<String>,
    /// UTC publication day, `YYYY-MM-DD`.
    pub day: Option<String>,
}

fn eq_ci(a: &str, b: &str) -> bool {
    broadsheet_article::case::same_ignoring_case(a, b)
}

impl FeedFilter {
    /// Builds a filter from query pairs; unknown keys and empty values are ignored.
    ///
    /// ```
    /// use broadsheet_core::FeedFilter;
    /// let f = FeedFilter::from_pairs([("tag", "DEFI"), ("sentiment", "positive"), ("x", "y")]);
    /// assert_eq!(f.to_query(), "?tag=DEFI&sentiment=POSITIVE");
    /// ```
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = FeedFilter::default();
        for (k, v) in pairs {
            let v = v.trim();
            if v.is_empty() || v.len() > 200 {
                continue;
            }
            let Some(facet) = Facet::from_key(k) else {
                continue;
            };
            match facet {
                Facet::Tag if !f.tags.iter().any(|t| eq_ci(t, v)) && f.tags.len() < 8 => {
                    f.tags.push(v.to_string())
                }
                Facet::Tag => {}
                Facet::Sentiment => f.sentiment = Some(broadsheet_article::case::to_upper(v)),
                Facet::Category => f.category = Some(v.to_string()),
                Facet::Source => f.source = Some(v.to_string()),
                Facet::Query => f.query = Some(v.to_string()),
                Facet::Day if is_day(v) => f.day = Some(v.to_string()),
                Facet::Day => {}
            }
        }
        f
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == FeedFilter::default()
    }

    /// The active filters as (facet, value) pairs, in query order.
    pub fn active(&self) -> Vec<(Facet, String)> {
        let mut out: Vec<(Facet, String)> =
            self.tags.iter().map(|t| (Facet::Tag, t.clone())).collect();
        let singles = [
            (Facet::Sentiment, &self.sentiment),
            (Facet::Category, &self.category),
            (Facet::Source, &self.source),
            (Facet::Query, &self.query),
            (Facet::Day, &self.day),
        ];
        for (facet, value) in singles {
            if let Some(v) = value {
                out.push((facet, v.clone()));
            }
        }
        out
    }

    /// A copy with `facet=value` added (a tag is added; other facets are replaced).
    pub fn with(&self, facet: Facet, value: &str) -> Self {
        let mut f = self.clone();
        let value = value.to_string();
        match facet {
            Facet::Tag => {
                if !f.tags.iter().any(|t| eq_ci(t, &value)) {
                    f.tags.push(value)
                }
            }
            Facet::Sentiment => f.sentiment = Some(broadsheet_article::case::to_upper(&value)),
            Facet::Category => f.category = Some(value),
            Facet::Source => f.source = Some(value),
            Facet::Query => f.query = Some(value),
            Facet::Day => f.day = is_day(&value).then_some(value),
        }
        f
    }

    /// A copy without `facet=value`.
    pub fn without(&self, facet: Facet, value: &str) -> Self {
        let mut f = self.clone();
        match facet {
            Facet::Tag => f.tags.retain(|t| !eq_ci(t, value)),
            Facet::Sentiment => f.sentiment = None,
            Facet::Category => f.category = None,
            Facet::Source => f.source = None,
            Facet::Query => f.query = None,
            Facet::Day => f.day = None,
        }
        f
    }

    /// The query string (`?tag=A&sentiment=POSITIVE`), or `""` when empty.
    pub fn to_query(&self) -> String {
        let parts: Vec<String> = self
            .active()
            .into_iter()
            .map(|(facet, v)| format!("{}={}", facet.key(), encode_component(&v)))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// True when the article passes every active facet filter (all but the text query,
    /// which only the search index answers).
    pub fn matches(&self, a: &Article) -> bool {
        self.tags
            .iter()
            .all(|t| a.tags.iter().any(|at| eq_ci(at, t)))
            && self
                .sentiment
                .as_deref()
                .is_none_or(|s| Sentiment::parse(s) == a.sentiment)
            && self
                .category
                .as_deref()
                .is_none_or(|c| eq_ci(c, &a.category))
            && self
                .source
                .as_deref()
                .is_none_or(|s| eq_ci(s, &a.source.key))
            && self
                .day
                .as_deref()
                .is_none_or(|d| broadsheet_article::date::to_rfc3339(a.published_at).starts_with(d))
    }

    /// The articles passing the filter, in their given order.
    pub fn apply<'a>(&self, articles: &'a [Article]) -> Vec<&'a Article> {
        articles.iter().filter(|a| self.matches(a)).collect()
    }
}

/// `YYYY-MM-DD` shape (digits and dashes only, so it is safe in a query string).
fn is_day(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Percent-encodes a query-string component (RFC 3986 unreserved characters kept).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, published: i64, sticky: i64, tags: &[&str], sentiment: &str) -> Article {
        let mut a =
            Article::from_front_matter("title: T\npublishedAt: '2026-01-01T00:00:00Z'\n", slug)
                .unwrap();
        a.slug = slug.into();
        a.published_at = published;
        a.sticky_weight = sticky;
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a.sentiment = Sentiment::parse(sentiment);
        a
    }

    #[test]
    fn pinned_first_by_weight_then_newest() {
        let mut v = vec![
            article("old", 1, 0, &[], "NEUTRAL"),
            article("new", 3, 0, &[], "NEUTRAL"),
            article("pin5", 0, 5, &[], "NEUTRAL"),
            article("pin10", 0, 10, &[], "NEUTRAL"),
            article("negative-weight", 2, -3, &[], "NEUTRAL"),
            article("same-time-b", 3, 0, &[], "NEUTRAL"),
        ];
        sort_feed(&mut v);
        let order: Vec<&str> = v.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(
            order,
            [
                "pin10",
                "pin5",
                "new",
                "same-time-b",
                "negative-weight",
                "old"
            ]
        );
    }

    #[test]
    fn filters_combine_and_ignore_case() {
        let v = vec![
            article("a", 1, 0, &["DEFI", "POLICY"], "POSITIVE"),
            article("b", 2, 0, &["DEFI"], "NEGATIVE"),
            article("c", 3, 0, &["POLICY"], "POSITIVE"),
        ];
        let slugs = |f: &FeedFilter| {
            f.apply(&v)
                .iter()
                .map(|a| a.slug.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            slugs(&FeedFilter::from_pairs([("tag", "defi")])),
            ["a", "b"]
        );
        assert_eq!(
            slugs(&FeedFilter::from_pairs([
                ("tag", "DEFI"),
                ("tag", "POLICY")
            ])),
            ["a"]
        );
        assert_eq!(
            slugs(&FeedFilter::from_pairs([("sentiment", "positive")])),
            ["a", "c"]
        );
        assert_eq!(slugs(&FeedFilter::default()), ["a", "b", "c"]);
    }

    #[test]
    fn unknown_sentiment_filter_matches_only_that_value() {
        let v = vec![
            article("a", 1, 0, &[], "ECSTATIC"),
            article("b", 1, 0, &[], "NEUTRAL"),
        ];
        let f = FeedFilter::from_pairs([("sentiment", "ecstatic")]);
        assert_eq!(f.apply(&v).len(), 1);
    }

    #[test]
    fn query_round_trip_and_chip_removal() {
        let f = FeedFilter::default()
            .with(Facet::Tag, "ARTIFICIAL INTELLIGENCE")
            .with(Facet::Sentiment, "negative")
            .with(Facet::Tag, "artificial intelligence");
        assert_eq!(
            f.to_query(),
            "?tag=ARTIFICIAL%20INTELLIGENCE&sentiment=NEGATIVE"
        );
        assert_eq!(
            f.without(Facet::Tag, "ARTIFICIAL INTELLIGENCE").to_query(),
            "?sentiment=NEGATIVE"
        );
        assert!(f
            .without(Facet::Tag, "x")
            .without(Facet::Sentiment, "")
            .without(Facet::Tag, "ARTIFICIAL INTELLIGENCE")
            .is_empty());
    }

    #[test]
    fn day_filter_table() {
        // 2026-01-01T00:00:00Z = 1_767_225_600_000 ms.
        let base = 1_767_225_600_000;
        let v = vec![
            article("a", base, 0, &[], "POSITIVE"),
            article("b", base + 86_399_999, 0, &[], "NEGATIVE"),
            article("c", base + 86_400_000, 0, &[], "POSITIVE"),
        ];
        let cases: &[(&str, &str, &[&str])] = &[
            ("day=2026-01-01", "?day=2026-01-01", &["a", "b"]),
            ("day=2026-01-02", "?day=2026-01-02", &["c"]),
            ("day=2026-1-2", "", &["a", "b", "c"]),
            ("day=yesterday", "", &["a", "b", "c"]),
            (
                "day=2026-01-01&sentiment=positive",
                "?sentiment=POSITIVE&day=2026-01-01",
                &["a"],
            ),
        ];
        for (q, back, want) in cases {
            let pairs: Vec<(&str, &str)> = q.split('&').filter_map(|p| p.split_once('=')).collect();
            let f = FeedFilter::from_pairs(pairs);
            assert_eq!(f.to_query(), *back, "{q}");
            let got: Vec<&str> = f.apply(&v).iter().map(|a| a.slug.as_str()).collect();
            assert_eq!(got, *want, "{q}");
        }
        let f = FeedFilter::default().with(Facet::Day, "2026-01-02");
        assert_eq!(f.to_query(), "?day=2026-01-02");
        assert!(f.without(Facet::Day, "").is_empty());
        assert!(FeedFilter::default().with(Facet::Day, "bad").is_empty());
    }

    #[test]
    fn the_text_query_is_left_to_the_search_index() {
        let a = article("a", 1, 0, &["DEFI"], "NEUTRAL");
        assert!(FeedFilter::from_pairs([("q", "nothing like it")]).matches(&a));
        assert!(!FeedFilter::from_pairs([("q", "x"), ("tag", "SOLAR")]).matches(&a));
    }
}
