//! The bundle's data layout: the files the app fetches, their paths, and which lists an
//! article belongs to. Changing a type or a path here changes what the app must read:
//! bump [`BUNDLE_VERSION`].

use rustc_hash::FxHashMap;

use broadsheet_article::{Article, Report, Sentiment};
use serde::{Deserialize, Serialize};

use crate::feed::{Facet, FeedFilter};
use crate::stats::Overview;

/// Bumped whenever the data layout changes, so an old app never misreads new data.
pub const BUNDLE_VERSION: u32 = 3;
/// Articles per list page: a multiple of 1, 2, 3 and 4 so every grid row fills.
pub const PAGE_SIZE: usize = 24;
/// Path of the site summary, relative to the site root.
pub const META_PATH: &str = "data/feed/meta.json";
/// Related articles kept per article.
pub const RELATED_LIMIT: usize = 4;

/// One published article in a list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Canonical slug (the app recomputes it and checks they agree).
    pub slug: String,
    /// Id used when the front-matter has no `externalId`: the file name without extension.
    pub fallback_id: String,
    /// Raw front-matter text.
    pub fm: String,
}

/// What [`META_PATH`] holds: the counts and reports the whole site shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedMeta {
    /// [`BUNDLE_VERSION`].
    pub version: u32,
    /// Published articles.
    pub total: usize,
    /// Articles per list page ([`PAGE_SIZE`] when built).
    pub page_size: usize,
    /// Files left out because they failed validation, so readers can be told.
    pub rejected: Vec<Report>,
}

/// The newest entries of one list (`data/feed/<list>/head.json`), with what the whole
/// list needs: the app's first request for a list, and the only one before its first
/// screen. How a list is cut into files is [`crate::bundle::Paging`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListHead {
    /// [`BUNDLE_VERSION`].
    pub version: u32,
    /// Articles in the whole list.
    pub total: usize,
    /// Numbered pages of the list ([`ListPage`]), each of [`PAGE_SIZE`] entries.
    pub pages: usize,
    /// The newest entries, in feed order (all of a list shorter than two pages).
    pub entries: Vec<IndexEntry>,
    /// The sentiment overview of the whole list (the chart above the feed), so it never
    /// needs the whole list loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Overview>,
}

/// One numbered page of one list (`data/feed/<list>/<p>.json`, page 0 the oldest):
/// exactly [`PAGE_SIZE`] entries in feed order. It says nothing about the rest of the
/// list, so a new article never rewrites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage {
    /// [`BUNDLE_VERSION`].
    pub version: u32,
    /// This page's articles, in feed order.
    pub entries: Vec<IndexEntry>,
}

/// What an id bucket (`data/ids/<xx>.json`) holds: id part (as it reads in slugs) ->
/// the current slug of the article with that id.
pub type IdBucket = std::collections::BTreeMap<String, String>;

/// A link to another article: enough to show its title without fetching it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    /// Canonical slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Language tag, for `lang`.
    pub lang: String,
    /// Source name.
    pub source: String,
}

impl ArticleLink {
    /// The link to `a`.
    pub fn to(a: &Article) -> Self {
        ArticleLink {
            slug: a.slug.clone(),
            title: a.title.clone(),
            lang: a.lang.clone(),
            source: a.source.name.clone(),
        }
    }
}

/// What `data/articles/<slug>.json` holds beside the article's source: what the source
/// alone cannot say. Its neighbours in feed order and its related reading are computed at
/// build time over the whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSidecar {
    /// Id used when the front-matter has no `externalId`: the file name without extension.
    pub fallback_id: String,
    /// The article before it in the feed.
    pub prev: Option<ArticleLink>,
    /// The article after it in the feed.
    pub next: Option<ArticleLink>,
    /// Related reading, best first.
    pub related: Vec<ArticleLink>,
}

/// Path of an article's source file, relative to the site root.
pub fn article_path(slug: &str) -> String {
    // Joined, not `format!`ed: a build makes this path for every article (and the
    // formatting machinery showed in its profile).
    ["data/articles/", slug, ".md"].concat()
}

/// Path of an article's [`ArticleSidecar`], relative to the site root.
pub fn sidecar_path(slug: &str) -> String {
    ["data/articles/", slug, ".json"].concat()
}

/// Id buckets: at most this many `data/ids/<xx>.json` files, whatever the archive size.
pub const ID_BUCKETS: u32 = 256;

/// The bucket of an id part (as it reads in slugs): two lowercase hex digits. The hash is
/// 32-bit FNV-1a over the id part's UTF-8 bytes (offset basis `0x811c9dc5`, prime
/// `0x01000193`), its four bytes xor-ed together. The build writes, and the app reads,
/// with this function; its values are pinned by a test, because changing it would make
/// every deployed app look in the wrong file.
///
/// ```
/// use broadsheet_core::bundle::id_bucket;
/// assert_eq!(id_bucket("57217389"), "20");
/// ```
pub fn id_bucket(id_part: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in id_part.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    let folded = (h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24)) & (ID_BUCKETS - 1);
    format!("{folded:02x}")
}

/// Path of the [`IdBucket`] that names the current slug of the article whose id reads
/// `id_part` in slugs (`data/ids/<id_bucket(id_part)>.json`): links made before a title
/// change end in the same id, and find the article through it.
pub fn id_path(id_part: &str) -> String {
    format!("data/ids/{}.json", id_bucket(id_part))
}

/// The id parts an unknown slug may end in, shortest first: the last one, two and three
/// `-`-separated words (ids may contain dashes once slugified).
///
/// ```
/// use broadsheet_core::bundle::id_candidates;
/// assert_eq!(id_candidates("old-title-90000001"), ["90000001", "title-90000001", "old-title-90000001"]);
/// ```
pub fn id_candidates(slug: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut end = slug.len();
    while out.len() < 3 {
        match slug[..end].rfind('-') {
            Some(i) => {
                out.push(&slug[i + 1..]);
                end = i;
            }
            None => {
                out.push(slug);
                break;
            }
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// A facet value made safe as one path segment on any host and file system: lower-cased
/// (filters compare case-insensitively), ASCII letters, digits and `-` kept, every other
/// byte written `_xx`.
///
/// ```
/// use broadsheet_core::bundle::path_key;
/// assert_eq!(path_key("DeFi"), "defi");
/// assert_eq!(path_key("a/b c_é"), "a_2fb_20c_5f_c3_a9");
/// ```
pub fn path_key(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in broadsheet_article::case::to_lower(value).bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02x}"));
        }
    }
    out
}

/// The list of every published article (the unfiltered feed). It is always built, even
/// empty, so its first page exists on every site.
pub const ALL_LIST: &str = "all";

/// The list a filtered feed is drawn from: a facet value's own list when the filter has
/// one (the narrowest kind first), else every article. Its entries are a superset of the
/// matches; the app still applies the whole filter.
///
/// ```
/// use broadsheet_core::{bundle::list_dir, FeedFilter};
/// let f = FeedFilter::from_pairs([("sentiment", "positive"), ("tag", "DeFi")]);
/// assert_eq!(list_dir(&f), "tag/defi");
/// assert_eq!(list_dir(&FeedFilter::default()), "all");
/// ```
pub fn list_dir(filter: &FeedFilter) -> String {
    if let Some(t) = filter.tags.first() {
        return list(Facet::Tag, &path_key(t));
    }
    let singles = [
        (Facet::Source, &filter.source),
        (Facet::Day, &filter.day),
        (Facet::Category, &filter.category),
    ];
    for (facet, value) in singles {
        if let Some(v) = value {
            return list(facet, &path_key(v));
        }
    }
    match &filter.sentiment {
        Some(s) => list(Facet::Sentiment, Sentiment::parse(s).as_str()),
        None => ALL_LIST.to_string(),
    }
}

/// The list of one facet value, `<facet key>/<value as a path segment>`.
fn list(facet: Facet, segment: &str) -> String {
    format!("{}/{segment}", facet.key())
}

/// Path of a list's [`ListHead`], relative to the site root.
pub fn head_path(list: &str) -> String {
    format!("data/feed/{list}/head.json")
}

/// Path of numbered page `p` of a list (page 0 the oldest; see
/// [`crate::bundle::Paging`]), relative to the site root.
pub fn page_path(list: &str, p: usize) -> String {
    format!("data/feed/{list}/{p}.json")
}

/// Every list `a` belongs to (see [`list_dir`]).
#[cfg(test)]
pub(crate) fn lists_of(a: &Article) -> Vec<String> {
    let mut out = vec![ALL_LIST.to_string()];
    let mut tags: Vec<String> = a.tags.iter().map(|t| path_key(t)).collect();
    tags.sort();
    tags.dedup();
    out.extend(tags.into_iter().map(|t| list(Facet::Tag, &t)));
    out.push(list(Facet::Source, &path_key(&a.source.key)));
    let day = broadsheet_article::date::to_rfc3339(a.published_at);
    out.push(list(Facet::Day, &path_key(day.get(..10).unwrap_or(""))));
    if !a.category.is_empty() {
        out.push(list(Facet::Category, &path_key(&a.category)));
    }
    out.push(list(Facet::Sentiment, a.sentiment.as_str()));
    out
}

/// The lists of many articles, as [`lists_of`] names them, each by a number into
/// [`ListNames::names`], with each facet value's list named once: naming every list of
/// every article anew was 800,000 strings made and compared at 100,000 articles.
#[derive(Debug, Default)]
pub(crate) struct ListNames<'a> {
    /// (kind of facet, value as written) -> list number.
    by_value: FxHashMap<(u8, &'a str), usize>,
    /// Day (ms since the epoch / one day) -> list number.
    by_day: FxHashMap<i64, usize>,
    /// List name -> number: two values written differently may share a list (`A`, `a`).
    by_name: FxHashMap<String, usize>,
    /// The list names, by number.
    pub names: Vec<String>,
}

/// Milliseconds in a day: days start at multiples of it (UTC, as in [`lists_of`]).
const DAY_MS: i64 = 86_400_000;

impl<'a> ListNames<'a> {
    /// The number of the list called `name`.
    fn number_of(&mut self, name: String) -> usize {
        let next = self.names.len();
        *self.by_name.entry(name).or_insert_with_key(|name| {
            self.names.push(name.clone());
            next
        })
    }

    /// The number of the list of facet value `value` (of kind `kind`), naming it with
    /// `name` the first time.
    fn number(&mut self, kind: u8, value: &'a str, name: impl FnOnce() -> String) -> usize {
        if let Some(&n) = self.by_value.get(&(kind, value)) {
            return n;
        }
        let n = self.number_of(name());
        self.by_value.insert((kind, value), n);
        n
    }

    /// Into `out`, the numbers of the lists `a` is in (sorted, each once).
    pub(crate) fn lists_of(&mut self, a: &'a Article, out: &mut Vec<usize>) {
        out.clear();
        out.push(self.number(0, "", || ALL_LIST.to_string()));
        for t in &a.tags {
            out.push(self.number(1, t, || list(Facet::Tag, &path_key(t))));
        }
        let source = &a.source.key;
        out.push(self.number(2, source, || list(Facet::Source, &path_key(source))));
        let day = a.published_at.div_euclid(DAY_MS);
        let n = match self.by_day.get(&day) {
            Some(&n) => n,
            None => {
                let text = broadsheet_article::date::to_rfc3339(a.published_at);
                let n = self.number_of(list(Facet::Day, &path_key(text.get(..10).unwrap_or(""))));
                self.by_day.insert(day, n);
                n
            }
        };
        out.push(n);
        if !a.category.is_empty() {
            let category = &a.category;
            out.push(self.number(3, category, || list(Facet::Category, &path_key(category))));
        }
        let sentiment = a.sentiment.as_str();
        out.push(self.number(4, sentiment, || list(Facet::Sentiment, sentiment)));
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo names exactly the lists [`lists_of`] names, values that share a list
    /// (tags differing in case) included.
    #[test]
    fn list_names_agree_with_lists_of() {
        let fms = [
            "title: A\npublishedAt: '2026-01-02T23:59:59Z'\nsource:\n  name: W\n  key: wire\ncategory: ENERGY\ntags: [Grid, grid, solar]\nsentiment: positive\n",
            "title: B\npublishedAt: '2026-01-03T00:00:00Z'\nsource:\n  name: W\n  key: Wire\ntags: [GRID]\nsentiment: odd\n",
            "title: C\npublishedAt: '1969-12-31T12:00:00Z'\nsource:\n  name: X\n  key: x\ncategory: ENERGY\n",
        ];
        let articles: Vec<Article> = fms
            .iter()
            .map(|fm| Article::from_front_matter(fm, "x").unwrap())
            .collect();
        let mut names = ListNames::default();
        let mut got = Vec::new();
        for a in &articles {
            names.lists_of(a, &mut got);
            let mut named: Vec<String> = got.iter().map(|&n| names.names[n].clone()).collect();
            let mut want = lists_of(a);
            named.sort();
            want.sort();
            want.dedup();
            assert_eq!(named, want);
        }
    }

    /// Deployed apps look ids up with this function: its values must never change
    /// (computed independently, in Python, when it was written).
    #[test]
    fn id_buckets_are_pinned() {
        for (part, bucket) in [
            ("57217389", "20"),
            ("1", "83"),
            ("article", "4e"),
            ("gen-000001", "5a"),
            ("90000001", "12"),
            ("", "c5"),
        ] {
            assert_eq!(id_bucket(part), bucket, "{part:?}");
        }
        assert_eq!(id_path("90000001"), "data/ids/12.json");
    }
}
