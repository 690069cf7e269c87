//! Reading an article file's front-matter, laid out like Zola's `front_matter/`:
//!
//! - `split.rs` finds the `---` fences and borrows the front-matter and body;
//! - `raw.rs` holds the raw front-matter types, every field optional;
//! - `plain.rs` reads the plain shape ingest pipelines write, without serde_yaml;
//! - `serde.rs` reads any other shape with serde_yaml;
//! - `crate::model` (`model.rs`) validates the raw fields into an [`Article`].
//!
//! The entry points are here: [`split`], then [`Article::from_front_matter`] (plain
//! reader first, serde_yaml for anything else) or [`Article::from_plain_front_matter`]
//! (the plain reader alone, so the app's main Wasm file never links serde_yaml); and
//! [`Article::from_file`] for both steps at once.

pub(crate) mod plain;
pub(crate) mod raw;
mod serde;
mod split;

pub use plain::parse as parse_plain;
pub use raw::{CoverImage, RawAi, RawFrontMatter, RawSource, Scalar};
pub use split::{split, Split};

use crate::error::ArticleError;
use crate::model::Article;

impl Article {
    /// Reads and validates front-matter text. `fallback_id` (the file name without its
    /// extension) is the id when `externalId` is absent. Line numbers in the error are
    /// relative to the front-matter; see [`Article::from_file`] for file lines.
    ///
    /// ```
    /// let a = broadsheet_article::Article::from_front_matter(
    ///     "title: Hello\npublishedAt: '2026-01-16T15:23:33Z'\n", "hello").unwrap();
    /// assert_eq!(a.slug, "hello-hello");
    /// assert_eq!(a.lang, "en");
    /// ```
    pub fn from_front_matter(fm: &str, fallback_id: &str) -> Result<Article, ArticleError> {
        Article::from_plain_front_matter(fm, fallback_id)
            .unwrap_or_else(|| serde::read(fm, fallback_id))
    }

    /// Reads front-matter in the plain shape ingest pipelines write (see
    /// [`parse_plain`]) without `serde_yaml`; `None` when the block has any other shape,
    /// which only [`Article::from_front_matter`] reads. A `Some` is the result serde_yaml
    /// would have given (tests hold the plain reader to that on the samples, the hostile
    /// fixtures and generated mutants), so the app can keep `serde_yaml` out of the code
    /// every page downloads and fetch it only for a file that needs it.
    ///
    /// ```
    /// use broadsheet_article::Article;
    /// let plain = "title: Hello\npublishedAt: '2026-01-16T15:23:33Z'\n";
    /// let article = Article::from_plain_front_matter(plain, "hello").unwrap().unwrap();
    /// assert_eq!(article.slug, "hello-hello");
    /// assert_eq!(Article::from_plain_front_matter("title: [a, b]\n", "x"), None);
    /// ```
    pub fn from_plain_front_matter(
        fm: &str,
        fallback_id: &str,
    ) -> Option<Result<Article, ArticleError>> {
        if fm.trim().is_empty() {
            return Some(Err(ArticleError::EmptyFrontMatter));
        }
        plain::parse(fm).map(|raw| Article::from_raw(raw, fm, fallback_id))
    }

    /// Splits a whole file and reads its front-matter; error lines are file lines.
    pub fn from_file<'a>(
        src: &'a str,
        fallback_id: &str,
    ) -> Result<(Article, &'a str), ArticleError> {
        let split = split(src)?;
        let article = Article::from_front_matter(split.front_matter, fallback_id)
            .map_err(|e| e.offset_lines(split.front_matter_line))?;
        Ok((article, split.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_problem_and_line() {
        let cases: &[(&str, &str, Option<usize>)] = &[
            (
                "publishedAt: '2026-01-16T15:23:33Z'\n",
                "missing required field `title`",
                None,
            ),
            ("title: T\n", "missing required field `publishedAt`", None),
            (
                "title: T\npublishedAt: 'soon'\n",
                "`publishedAt` is not an RFC 3339",
                Some(2),
            ),
            (
                "title: T\npublishedAt: '2026-02-30T00:00:00Z'\n",
                "day out of range",
                Some(2),
            ),
            ("title: [unclosed\n", "YAML", Some(1)),
            (
                "title: T\ntags: solo\npublishedAt: '2026-01-16T15:23:33Z'\n",
                "invalid type",
                Some(2),
            ),
            ("title: T\ntitle: U\n", "duplicate", None),
            ("- a\n- b\n", "invalid type", None),
            (
                "title: T\npublishedAt: '2026-01-16T15:23:33Z'\n---\ntitle: U\n",
                "more than one document",
                None,
            ),
            (
                "title: T\npublishedAt: '2026-01-16T15:23:33Z'\ndraft: maybe\n",
                "invalid type",
                Some(3),
            ),
            ("   \n", "empty front-matter", Some(1)),
        ];
        for (fm, want, line) in cases {
            let err = Article::from_front_matter(fm, "x").unwrap_err();
            assert!(err.to_string().contains(want), "{fm:?}: got {err}");
            if line.is_some() {
                assert_eq!(err.line(), *line, "{fm:?}: {err}");
            }
        }
    }

    #[test]
    fn file_lines_include_the_opening_fence() {
        let err = Article::from_file("---\ntitle: T\npublishedAt: nope\n---\n", "x").unwrap_err();
        assert_eq!(err.line(), Some(3));
    }
}
