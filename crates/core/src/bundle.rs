//! The bundle the app fetches: an index of raw front-matter plus one source file per
//! article, built from the files of `content/`.
//!
//! The index carries each article's front-matter *text*, not parsed fields, so the app
//! parses it in Wasm with the same code the bundler used to validate it. The feed needs
//! only the index; an article's body is fetched when the article is opened.

use serde::{Deserialize, Serialize};

use crate::error::{ArticleError, Report};
use crate::feed::sort_feed;
use crate::limits::MAX_FILE_BYTES;
use crate::model::Article;

/// Bumped whenever the index layout changes, so an old app never misreads new data.
pub const INDEX_VERSION: u32 = 1;
/// Path of the index, relative to the site root.
pub const INDEX_PATH: &str = "data/index.json";

/// One published article in the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Canonical slug (the app recomputes it and checks they agree).
    pub slug: String,
    /// Id used when the front-matter has no `externalId`: the file name without extension.
    pub fallback_id: String,
    /// Path of the full source file, relative to the site root.
    pub source: String,
    /// Raw front-matter text.
    pub fm: String,
}

/// What `data/index.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleIndex {
    /// [`INDEX_VERSION`].
    pub version: u32,
    /// Published articles in feed order.
    pub articles: Vec<IndexEntry>,
    /// Files left out because they failed validation, so readers can be told.
    pub rejected: Vec<Report>,
}

/// A built bundle, ready to be written to disk.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The index.
    pub index: BundleIndex,
    /// (path relative to the site root, file contents) for each article source.
    pub sources: Vec<(String, String)>,
    /// The validated articles, in feed order (for prerendering and feeds).
    pub articles: Vec<(Article, String)>,
    /// How many drafts were left out.
    pub drafts: usize,
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
    for (name, bytes) in files {
        match read_file(&name, &bytes) {
            Err(e) => rejected.push(Report {
                slug: Some(guess_slug(&name, &bytes)),
                ..Report::from_error(&name, &e)
            }),
            Ok((article, _)) if article.draft => drafts += 1,
            Ok((article, text)) => {
                if let Some((_, _, other)) = kept.iter().find(|(a, _, _)| a.id == article.id) {
                    rejected.push(Report {
                        file: name,
                        line: 0,
                        reason: format!("duplicate id {:?}: already used by {other}", article.id),
                        slug: None,
                    });
                } else if let Some((_, _, other)) =
                    kept.iter().find(|(a, _, _)| a.slug == article.slug)
                {
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
    for article in articles {
        let Some((_, text, name)) = kept.iter().find(|(a, _, _)| a.slug == article.slug) else {
            continue;
        };
        let Ok(split) = crate::frontmatter::split(text) else {
            continue;
        };
        let source = format!("data/articles/{}.md", article.slug);
        entries.push(IndexEntry {
            slug: article.slug.clone(),
            fallback_id: file_stem(name).to_string(),
            source: source.clone(),
            fm: split.front_matter.to_string(),
        });
        sources.push((source, text.clone()));
        ordered.push((article, split.body.to_string()));
    }
    Bundle {
        index: BundleIndex {
            version: INDEX_VERSION,
            articles: entries,
            rejected,
        },
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
        let slugs: Vec<&str> = b.index.articles.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["good-1", "older-older"]);
        let reports: Vec<String> = b.index.rejected.iter().map(|r| r.to_string()).collect();
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
            b.index.rejected[0].slug.as_deref(),
            Some("x-bad-date"),
            "title + file name"
        );
        assert_eq!(
            b.index.rejected[1].slug.as_deref(),
            Some("caf-latin1"),
            "lossy decoding still finds the title"
        );
        assert_eq!(b.sources[0].0, "data/articles/good-1.md");
        assert_eq!(b.index.articles[1].fallback_id, "older");
    }

    #[test]
    fn index_entries_reparse_to_the_same_article() {
        let b = build([file(
            "a.md",
            "---\ntitle: A\npublishedAt: '2026-01-02T00:00:00Z'\n---\nbody",
        )]);
        let e = &b.index.articles[0];
        let again = Article::from_front_matter(&e.fm, &e.fallback_id).unwrap();
        assert_eq!(again.slug, e.slug);
    }
}
