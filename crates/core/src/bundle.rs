//! The bundle the app fetches, built from the files of `content/`: small newest-first
//! pages of raw front-matter, the same pages per facet value, and one source file per
//! article with its related reading beside it.
//!
//! Pages carry each article's front-matter *text*, not parsed fields, so the app parses
//! it in Wasm with the same code the bundler used to validate it. What the app needs
//! before the first cards is [`META_PATH`] plus the first page of one list, whatever the
//! size of the archive. A filter fetches the list of its facet value (`tag`, `sentiment`,
//! `category`, `source`, `day`), never the whole corpus; further pages arrive as the
//! reader scrolls. An article's body is fetched when the article is opened.

use serde::{Deserialize, Serialize};

use crate::error::{ArticleError, Report};
use crate::feed::{sort_feed, Facet, FeedFilter};
use crate::limits::MAX_FILE_BYTES;
use crate::model::{Article, Sentiment};
use crate::stats::{overview, Overview, CHART_DAYS, TOP_TAGS};

/// Bumped whenever the data layout changes, so an old app never misreads new data.
pub const BUNDLE_VERSION: u32 = 2;
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

/// One page of one list (`data/feed/<list>/<n>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage {
    /// [`BUNDLE_VERSION`].
    pub version: u32,
    /// Articles in the whole list.
    pub total: usize,
    /// Pages in the whole list.
    pub pages: usize,
    /// This page's articles, in feed order.
    pub entries: Vec<IndexEntry>,
    /// On the first page only: the sentiment overview of the whole list (the chart above
    /// the feed), so it never needs the whole list loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Overview>,
}

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
    format!("data/articles/{slug}.md")
}

/// Path of an article's [`ArticleSidecar`], relative to the site root.
pub fn sidecar_path(slug: &str) -> String {
    format!("data/articles/{slug}.json")
}

/// Path of the file naming the current slug of the article whose id reads `id_part` in
/// slugs (`data/ids/<id part>.json`, a JSON string): links made before a title change
/// end in the same id, and find the article through it.
pub fn id_path(id_part: &str) -> String {
    format!("data/ids/{id_part}.json")
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
    for b in value.to_lowercase().bytes() {
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
        return format!("tag/{}", path_key(t));
    }
    let singles = [
        (Facet::Source, &filter.source),
        (Facet::Day, &filter.day),
        (Facet::Category, &filter.category),
    ];
    for (facet, value) in singles {
        if let Some(v) = value {
            return format!("{}/{}", facet.key(), path_key(v));
        }
    }
    match &filter.sentiment {
        Some(s) => format!("sentiment/{}", Sentiment::parse(s).as_str()),
        None => ALL_LIST.to_string(),
    }
}

/// Path of page `n` of a list, relative to the site root.
pub fn page_path(list: &str, n: usize) -> String {
    format!("data/feed/{list}/{n}.json")
}

/// Every list `a` belongs to (see [`list_dir`]).
fn lists_of(a: &Article) -> Vec<String> {
    let mut out = vec![ALL_LIST.to_string()];
    let mut tags: Vec<String> = a.tags.iter().map(|t| path_key(t)).collect();
    tags.sort();
    tags.dedup();
    out.extend(tags.into_iter().map(|t| format!("tag/{t}")));
    out.push(format!("source/{}", path_key(&a.source.key)));
    out.push(format!(
        "day/{}",
        path_key(
            crate::date::to_rfc3339(a.published_at)
                .get(..10)
                .unwrap_or("")
        )
    ));
    if !a.category.is_empty() {
        out.push(format!("category/{}", path_key(&a.category)));
    }
    out.push(format!("sentiment/{}", a.sentiment.as_str()));
    out
}

/// A built bundle, ready to be written to disk.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The site summary.
    pub meta: FeedMeta,
    /// One entry per published article, in feed order.
    pub entries: Vec<IndexEntry>,
    /// (path relative to the site root, file contents) for each article source.
    pub sources: Vec<(String, String)>,
    /// The validated articles, in feed order (for prerendering and feeds).
    pub articles: Vec<(Article, String)>,
    /// How many drafts were left out.
    pub drafts: usize,
}

impl Bundle {
    /// Every list page: (path relative to the site root, page), lists in a stable order.
    pub fn pages(&self) -> Vec<(String, ListPage)> {
        let mut lists: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, (a, _)) in self.articles.iter().enumerate() {
            for list in lists_of(a) {
                lists.entry(list).or_default().push(i);
            }
        }
        let mut out = Vec::new();
        for (list, members) in lists {
            let pages = members.len().div_ceil(PAGE_SIZE).max(1);
            let whole: Vec<&Article> = members.iter().map(|&i| &self.articles[i].0).collect();
            let mut summary = Some(overview(&whole, CHART_DAYS, TOP_TAGS));
            for (n, chunk) in members.chunks(PAGE_SIZE).enumerate() {
                out.push((
                    page_path(&list, n),
                    ListPage {
                        version: BUNDLE_VERSION,
                        total: members.len(),
                        pages,
                        entries: chunk.iter().map(|&i| self.entries[i].clone()).collect(),
                        overview: summary.take(),
                    },
                ));
            }
        }
        if self.articles.is_empty() {
            out.push((
                page_path(ALL_LIST, 0),
                ListPage {
                    version: BUNDLE_VERSION,
                    total: 0,
                    pages: 1,
                    entries: Vec::new(),
                    overview: None,
                },
            ));
        }
        out
    }

    /// Every article's id file: (path relative to the site root, current slug). When two
    /// ids read the same in slugs, the first article in feed order keeps the file.
    pub fn id_files(&self) -> Vec<(String, String)> {
        let mut seen = std::collections::HashSet::new();
        self.articles
            .iter()
            .filter_map(|(a, _)| {
                let part = crate::slug::id_part(&a.id);
                seen.insert(part.clone())
                    .then(|| (id_path(&part), a.slug.clone()))
            })
            .collect()
    }

    /// Every article's [`ArticleSidecar`]: (path relative to the site root, sidecar).
    pub fn sidecars(&self) -> Vec<(String, ArticleSidecar)> {
        let articles: Vec<Article> = self.articles.iter().map(|(a, _)| a.clone()).collect();
        let related = crate::related::related_all(&articles, RELATED_LIMIT);
        articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let (prev, next) = crate::related::neighbours(articles.len(), i);
                let links = ArticleSidecar {
                    fallback_id: self
                        .entries
                        .get(i)
                        .map(|e| e.fallback_id.clone())
                        .unwrap_or_default(),
                    prev: prev.map(|p| ArticleLink::to(&articles[p])),
                    next: next.map(|n| ArticleLink::to(&articles[n])),
                    related: related[i]
                        .iter()
                        .map(|&r| ArticleLink::to(&articles[r]))
                        .collect(),
                };
                (sidecar_path(&a.slug), links)
            })
            .collect()
    }
}

/// The file name without its extension.
pub fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem)
}

/// Best-effort slug of a file that failed validation: its `title` and `externalId` when
/// the YAML still reads as a mapping, else the file name. Never fails.
pub fn guess_slug(name: &str, bytes: &[u8]) -> String {
    let stem = file_stem(name);
    let text = String::from_utf8_lossy(bytes);
    let fields = crate::frontmatter::split(&text)
        .ok()
        .and_then(|s| serde_yaml::from_str::<serde_yaml::Mapping>(s.front_matter).ok());
    let get = |key: &str| {
        fields.as_ref().and_then(|m| match m.get(key) {
            Some(serde_yaml::Value::String(s)) => Some(s.clone()),
            Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let id = get("externalId").unwrap_or_else(|| stem.to_string());
    crate::slug::article_slug(&get("title").unwrap_or_default(), &id)
}

/// Decodes and validates one file; returns the article and its source text.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<(Article, String), ArticleError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ArticleError::TooLarge {
            what: "file",
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text =
        std::str::from_utf8(bytes).map_err(|e| ArticleError::InvalidUtf8(e.valid_up_to()))?;
    let (article, _) = Article::from_file(text, file_stem(name))?;
    Ok((article, text.to_string()))
}

/// Builds the bundle from `(file name, bytes)` pairs. Bad files, duplicate ids and
/// duplicate slugs are reported and skipped; drafts are left out silently (counted).
pub fn build(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Bundle {
    let mut files: Vec<(String, Vec<u8>)> = files.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rejected = Vec::new();
    let mut kept: Vec<(Article, String, String)> = Vec::new();
    let mut drafts = 0;
    // id -> file and slug -> file of the articles kept so far.
    let mut ids: std::collections::HashMap<String, String> = Default::default();
    let mut slugs: std::collections::HashMap<String, String> = Default::default();
    for (name, bytes) in files {
        match read_file(&name, &bytes) {
            Err(e) => rejected.push(Report {
                slug: Some(guess_slug(&name, &bytes)),
                ..Report::from_error(&name, &e)
            }),
            Ok((article, _)) if article.draft => drafts += 1,
            Ok((article, text)) => {
                if let Some(other) = ids.get(&article.id) {
                    rejected.push(Report {
                        file: name,
                        line: 0,
                        reason: format!("duplicate id {:?}: already used by {other}", article.id),
                        slug: None,
                    });
                } else if let Some(other) = slugs.get(&article.slug) {
                    rejected.push(Report {
                        file: name,
                        line: 0,
                        reason: format!(
                            "duplicate slug {:?}: already used by {other}",
                            article.slug
                        ),
                        slug: None,
                    });
                } else {
                    ids.insert(article.id.clone(), name.clone());
                    slugs.insert(article.slug.clone(), name.clone());
                    kept.push((article, text, name));
                }
            }
        }
    }
    let mut articles: Vec<Article> = kept.iter().map(|(a, _, _)| a.clone()).collect();
    sort_feed(&mut articles);
    let mut entries = Vec::with_capacity(articles.len());
    let mut sources = Vec::with_capacity(articles.len());
    let mut ordered = Vec::with_capacity(articles.len());
    let by_slug: std::collections::HashMap<&str, usize> = kept
        .iter()
        .enumerate()
        .map(|(i, (a, _, _))| (a.slug.as_str(), i))
        .collect();
    for article in articles {
        let Some((_, text, name)) = by_slug.get(article.slug.as_str()).map(|&i| &kept[i]) else {
            continue;
        };
        let Ok(split) = crate::frontmatter::split(text) else {
            continue;
        };
        entries.push(IndexEntry {
            slug: article.slug.clone(),
            fallback_id: file_stem(name).to_string(),
            fm: split.front_matter.to_string(),
        });
        sources.push((article_path(&article.slug), text.clone()));
        ordered.push((article, split.body.to_string()));
    }
    Bundle {
        meta: FeedMeta {
            version: BUNDLE_VERSION,
            total: entries.len(),
            page_size: PAGE_SIZE,
            rejected,
        },
        entries,
        sources,
        articles: ordered,
        drafts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> (String, Vec<u8>) {
        (name.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn reports_bad_files_and_keeps_the_rest() {
        let b = build([
            file(
                "good.md",
                "---\ntitle: Good\npublishedAt: '2026-01-02T00:00:00Z'\nexternalId: 1\n---\nbody",
            ),
            file(
                "older.md",
                "---\ntitle: Older\npublishedAt: '2026-01-01T00:00:00Z'\n---\nbody",
            ),
            file("bad-date.md", "---\ntitle: X\npublishedAt: tomorrow\n---\n"),
            file(
                "draft.md",
                "---\ntitle: D\npublishedAt: '2026-01-01T00:00:00Z'\ndraft: true\n---\n",
            ),
            file(
                "zz-dup-id.md",
                "---\ntitle: Other\npublishedAt: '2026-01-01T00:00:00Z'\nexternalId: '1'\n---\n",
            ),
            (
                "latin1.md".to_string(),
                b"---\ntitle: caf\xe9\n---\n".to_vec(),
            ),
        ]);
        let slugs: Vec<&str> = b.entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["good-1", "older-older"]);
        let reports: Vec<String> = b.meta.rejected.iter().map(|r| r.to_string()).collect();
        assert_eq!(reports.len(), 3, "{reports:#?}");
        assert!(
            reports[0].starts_with("bad-date.md:3: `publishedAt` is not an RFC 3339"),
            "{}",
            reports[0]
        );
        assert!(
            reports[1].starts_with("latin1.md: invalid UTF-8 at byte 14"),
            "{}",
            reports[1]
        );
        assert!(
            reports[2].starts_with("zz-dup-id.md: duplicate id \"1\": already used by good.md"),
            "{}",
            reports[2]
        );
        assert_eq!(b.drafts, 1);
        assert_eq!(
            b.meta.rejected[0].slug.as_deref(),
            Some("x-bad-date"),
            "title + file name"
        );
        assert_eq!(
            b.meta.rejected[1].slug.as_deref(),
            Some("caf-latin1"),
            "lossy decoding still finds the title"
        );
        assert_eq!(b.sources[0].0, "data/articles/good-1.md");
        assert_eq!(b.entries[1].fallback_id, "older");
    }

    #[test]
    fn pages_split_every_list_and_cover_every_facet() {
        let files: Vec<(String, Vec<u8>)> = (0..30)
            .map(|i| {
                let tags = if i % 3 == 0 { "[DeFi, Solar]" } else { "[Solar]" };
                file(
                    &format!("a{i:02}.md"),
                    &format!(
                        "---\ntitle: A{i}\npublishedAt: '2026-01-{:02}T00:00:00Z'\ntags: {tags}\nsentiment: {}\nsource: {{name: S, key: wire}}\n---\nbody",
                        1 + i % 28,
                        if i % 2 == 0 { "POSITIVE" } else { "NEGATIVE" }
                    ),
                )
            })
            .collect();
        let b = build(files);
        let pages = b.pages();
        let get = |path: &str| pages.iter().find(|(p, _)| p == path).map(|(_, page)| page);
        let all0 = get("data/feed/all/0.json").unwrap();
        assert_eq!(
            (all0.total, all0.pages, all0.entries.len()),
            (30, 2, PAGE_SIZE)
        );
        assert_eq!(get("data/feed/all/1.json").unwrap().entries.len(), 6);
        let all = all0
            .overview
            .as_ref()
            .expect("first pages carry the list's overview");
        assert_eq!(all.all.total(), 30);
        assert_eq!(all.all.positive, 15);
        assert!(get("data/feed/all/1.json").unwrap().overview.is_none());
        let defi = get("data/feed/tag/defi/0.json")
            .unwrap()
            .overview
            .as_ref()
            .unwrap();
        assert_eq!(defi.all.total(), 10);
        assert_eq!(all0.entries[0].slug, b.entries[0].slug, "feed order kept");
        assert_eq!(get("data/feed/tag/defi/0.json").unwrap().total, 10);
        assert_eq!(get("data/feed/tag/solar/0.json").unwrap().total, 30);
        assert_eq!(
            get("data/feed/sentiment/positive/0.json").unwrap().total,
            15
        );
        assert_eq!(get("data/feed/source/wire/0.json").unwrap().total, 30);
        assert_eq!(get("data/feed/day/2026-01-01/0.json").unwrap().total, 2);
        // What the app asks for is what the bundler wrote.
        for (pairs, total) in [
            (vec![("tag", "DEFI")], 10),
            (vec![("sentiment", "Negative")], 15),
            (vec![("day", "2026-01-02"), ("sentiment", "positive")], 2),
        ] {
            let f = FeedFilter::from_pairs(pairs);
            assert_eq!(
                get(&page_path(&list_dir(&f), 0)).unwrap().total,
                total,
                "{f:?}"
            );
        }
        let ids = b.id_files();
        assert_eq!(ids.len(), 30);
        assert_eq!(ids[0].1, b.entries[0].slug);
        let old = format!(
            "an-old-headline-{}",
            ids[0]
                .0
                .trim_start_matches("data/ids/")
                .trim_end_matches(".json")
        );
        assert!(id_candidates(&old).iter().any(|c| id_path(c) == ids[0].0));
        let links = b.sidecars();
        assert_eq!(links.len(), 30);
        assert_eq!(links[0].1.prev, None);
        assert_eq!(links[1].1.prev.as_ref().unwrap().slug, b.entries[0].slug);
        assert_eq!(links[0].1.related.len(), RELATED_LIMIT);
    }

    #[test]
    fn an_empty_site_still_has_a_first_page() {
        let b = build(Vec::new());
        let pages = b.pages();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].0, "data/feed/all/0.json");
        assert!(pages[0].1.entries.is_empty());
    }

    #[test]
    fn index_entries_reparse_to_the_same_article() {
        let b = build([file(
            "a.md",
            "---\ntitle: A\npublishedAt: '2026-01-02T00:00:00Z'\n---\nbody",
        )]);
        let e = &b.entries[0];
        let again = Article::from_front_matter(&e.fm, &e.fallback_id).unwrap();
        assert_eq!(again.slug, e.slug);
    }
}
