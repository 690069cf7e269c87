//! Splits an article file into its raw YAML front-matter and its markdown body.
//!
//! The rule (as in Zola and Jekyll): after an optional UTF-8 BOM, the first line is
//! exactly `---`; the front-matter ends at the next line that is exactly `---`. Trailing
//! spaces and `\r` are tolerated on both fence lines, so CRLF files work. A `---` inside a
//! value (`title: a --- b`) is not a fence because it is not alone on its line.

use crate::error::ArticleError;
use crate::limits::MAX_FRONT_MATTER_BYTES;

/// A file split into borrowed parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, without them.
    pub front_matter: &'a str,
    /// Everything after the closing fence line.
    pub body: &'a str,
    /// 1-based file line of the first front-matter line: always 2, as the opening fence
    /// is line 1 (a BOM does not add a line). Errors found in the front-matter add it
    /// ([`ArticleError::offset_lines`]) to point at lines of the file.
    pub front_matter_line: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Splits `src` into front-matter and body.
///
/// ```
/// let s = broadsheet_article::frontmatter::split("---\ntitle: Hi\n---\nBody").unwrap();
/// assert_eq!(s.front_matter, "title: Hi\n");
/// assert_eq!(s.body, "Body");
/// ```
pub fn split(src: &str) -> Result<Split<'_>, ArticleError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let (first, rest) = match src.find('\n') {
        Some(i) => (&src[..i], &src[i + 1..]),
        None => (src, ""),
    };
    if !is_fence(first) {
        return Err(ArticleError::NoFrontMatter);
    }
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if is_fence(line) {
            let front_matter = &rest[..offset];
            if front_matter.len() > MAX_FRONT_MATTER_BYTES {
                return Err(ArticleError::TooLarge {
                    what: "front-matter",
                    size: front_matter.len(),
                    limit: MAX_FRONT_MATTER_BYTES,
                });
            }
            return Ok(Split {
                front_matter,
                body: &rest[offset + line.len()..],
                front_matter_line: 2,
            });
        }
        offset += line.len();
        if offset > MAX_FRONT_MATTER_BYTES {
            return Err(ArticleError::TooLarge {
                what: "front-matter",
                size: offset,
                limit: MAX_FRONT_MATTER_BYTES,
            });
        }
    }
    Err(ArticleError::Unclosed(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Table of (name, input, expected front-matter, expected body) for accepted files.
    #[test]
    fn accepted_shapes() {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("plain", "---\na: 1\n---\nbody\n", "a: 1\n", "body\n"),
            ("bom", "\u{feff}---\na: 1\n---\nbody", "a: 1\n", "body"),
            (
                "crlf",
                "---\r\na: 1\r\n---\r\nbody\r\n",
                "a: 1\r\n",
                "body\r\n",
            ),
            ("empty front-matter", "---\n---\nbody", "", "body"),
            ("no body", "---\na: 1\n---", "a: 1\n", ""),
            (
                "trailing spaces on fences",
                "--- \na: 1\n---  \nb",
                "a: 1\n",
                "b",
            ),
            (
                "dashes inside a value",
                "---\ntitle: a --- b\n---\nx",
                "title: a --- b\n",
                "x",
            ),
            (
                "rule in the body stays in the body",
                "---\na: 1\n---\nabove\n\n---\n\nbelow",
                "a: 1\n",
                "above\n\n---\n\nbelow",
            ),
        ];
        for (name, input, fm, body) in cases {
            let s = split(input).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.front_matter, *fm, "{name}");
            assert_eq!(s.body, *body, "{name}");
        }
    }

    #[test]
    fn rejected_shapes() {
        let cases: &[(&str, &str, ArticleError)] = &[
            ("no front-matter", "# Title\n", ArticleError::NoFrontMatter),
            ("empty file", "", ArticleError::NoFrontMatter),
            (
                "fence not first",
                "\n---\na: 1\n---\n",
                ArticleError::NoFrontMatter,
            ),
            (
                "four dashes",
                "----\na: 1\n----\n",
                ArticleError::NoFrontMatter,
            ),
            ("unclosed", "---\na: 1\nbody", ArticleError::Unclosed(1)),
        ];
        for (name, input, want) in cases {
            assert_eq!(split(input).unwrap_err(), *want, "{name}");
        }
    }

    #[test]
    fn oversized_front_matter_is_refused_without_scanning_everything() {
        let big = format!("---\n{}", "a: 1\n".repeat(20_000));
        assert!(matches!(
            split(&big),
            Err(ArticleError::TooLarge {
                what: "front-matter",
                ..
            })
        ));
    }
}
