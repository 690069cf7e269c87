//! Typed errors for article files, each convertible to a `file:line: reason` report.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why an article file could not be used. `line` values are 1-based lines of the file.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ArticleError {
    /// The file does not start with a `---` line.
    #[error("no front-matter: the file must start with a line containing only `---`")]
    NoFrontMatter,
    /// The opening `---` has no closing `---` line.
    #[error("unclosed front-matter: no closing `---` line after the opening one on line {0}")]
    Unclosed(usize),
    /// The front-matter block is empty.
    #[error("empty front-matter: at least `title` and `publishedAt` are required")]
    EmptyFrontMatter,
    /// The YAML could not be read into the article schema.
    #[error("{message}")]
    Yaml {
        /// Line of the problem, where serde_yaml knows it.
        line: Option<usize>,
        /// serde_yaml's explanation, cleaned up for people.
        message: String,
    },
    /// A required field is absent or blank.
    #[error("missing required field `{0}`")]
    MissingField(&'static str),
    /// A date field is not a valid RFC 3339 timestamp.
    #[error("`{field}` is not an RFC 3339 date-time ({reason}): {}", quoted(.value))]
    BadDate {
        /// The front-matter key.
        field: &'static str,
        /// The offending text (shortened).
        value: String,
        /// What is wrong with it.
        reason: String,
        /// Line of the key, where found.
        line: Option<usize>,
    },
    /// The file is not valid UTF-8.
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    /// The file or one of its parts is over a documented limit.
    #[error("{what} is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Which part ("file", "front-matter").
        what: &'static str,
        /// Actual size.
        size: usize,
        /// The limit from [`crate::limits`].
        limit: usize,
    },
}

impl ArticleError {
    /// The 1-based line in the file where the problem is, where known.
    pub fn line(&self) -> Option<usize> {
        match self {
            ArticleError::NoFrontMatter | ArticleError::EmptyFrontMatter => Some(1),
            ArticleError::Unclosed(line) => Some(*line),
            ArticleError::Yaml { line, .. } | ArticleError::BadDate { line, .. } => *line,
            _ => None,
        }
    }

    /// Shifts a line relative to the front-matter block to a line of the whole file
    /// (`first_fm_line` is the `front_matter_line` of the file's front-matter split).
    pub fn offset_lines(mut self, first_fm_line: usize) -> Self {
        match &mut self {
            ArticleError::Yaml { line, .. } | ArticleError::BadDate { line, .. } => {
                if let Some(l) = line {
                    *l += first_fm_line - 1;
                }
            }
            _ => {}
        }
        self
    }
}

/// One problem with one file, as shown to publishers and readers: `file:line: reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The file, relative to the content folder.
    pub file: String,
    /// 1-based line, or 0 when unknown.
    pub line: usize,
    /// What is wrong, in words a publisher can act on.
    pub reason: String,
    /// The slug the article would have had, as far as it can be told from the broken
    /// file, so a deep link to it explains the problem instead of saying "not found".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
}

impl Report {
    /// Builds a report for `file` from an error.
    pub fn from_error(file: &str, err: &ArticleError) -> Self {
        Report {
            file: file.to_string(),
            line: err.line().unwrap_or(0),
            reason: err.to_string(),
            slug: None,
        }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.reason)
        } else {
            write!(f, "{}: {}", self.file, self.reason)
        }
    }
}

/// `s` in double quotes with the escapes `{:?}` gives a string (`"a \"b\"\n"`), written
/// without `Debug`: release builds of the app compile `Debug` formatting out
/// (`-Zfmt-debug=none`), and this text is shown to people.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '\'' {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::quoted;

    proptest! {
        #[test]
        fn quoted_is_what_debug_writes(s in any::<String>()) {
            prop_assert_eq!(quoted(&s), format!("{s:?}"));
        }
    }

    #[test]
    fn quoted_escapes_quotes_and_controls_but_not_apostrophes() {
        for s in [
            "it's",
            "a \"b\"\n\t\\",
            "\u{301}e\u{301}",
            "\u{0}\u{7f}\u{200b}",
        ] {
            assert_eq!(quoted(s), format!("{s:?}"));
        }
    }
}
