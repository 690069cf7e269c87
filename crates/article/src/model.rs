//! The article model: what the front-matter schema means, with defaults and validation.
//!
//! Reading happens in two steps, as in Zola: a reader in `frontmatter/` turns the YAML
//! into a raw front-matter (every field optional, unknown fields ignored), then
//! [`Article::from_raw`] here checks the required fields and dates and produces the
//! [`Article`] the app renders. This module only validates: it never sees YAML, so it
//! depends on the raw types and nothing else of the reading.

use crate::date::parse_rfc3339;
use crate::error::ArticleError;
use crate::frontmatter::raw::{CoverImage, RawFrontMatter};
use crate::limits::{MAX_FIELD_CHARS, MAX_TAGS};
use crate::slug::article_slug;
use crate::url::{check, UrlUse};

/// The tone of an article. Unknown values are kept and shown neutrally, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sentiment {
    /// Good news.
    Positive,
    /// Neither.
    Neutral,
    /// Bad news.
    Negative,
    /// A value this version does not know, kept as written (uppercased).
    Other(String),
}

impl Sentiment {
    /// Parses a front-matter value, case-insensitively.
    pub fn parse(s: &str) -> Self {
        let upper = crate::case::to_upper(s.trim());
        match upper.as_str() {
            "POSITIVE" => Sentiment::Positive,
            "NEUTRAL" | "" => Sentiment::Neutral,
            "NEGATIVE" => Sentiment::Negative,
            _ => Sentiment::Other(upper.chars().take(40).collect()),
        }
    }

    /// Modifier for CSS classes (`sentiment-badge--positive`); unknown values map to
    /// `unknown` so no content reaches a class name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Sentiment::Positive => "positive",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "negative",
            Sentiment::Other(_) => "unknown",
        }
    }

    /// Value used in URLs and front-matter (`POSITIVE`, or the unknown value itself).
    pub fn key(&self) -> String {
        match self {
            Sentiment::Other(s) => s.clone(),
            known => crate::case::to_upper(known.as_str()),
        }
    }

    /// Human label.
    pub fn label(&self) -> String {
        match self {
            Sentiment::Positive => "Positive".into(),
            Sentiment::Neutral => "Neutral".into(),
            Sentiment::Negative => "Negative".into(),
            Sentiment::Other(s) => title_case(s),
        }
    }

    /// A symbol so the badge never relies on colour alone.
    pub fn icon(&self) -> &'static str {
        match self {
            Sentiment::Positive => "▲",
            Sentiment::Neutral => "●",
            Sentiment::Negative => "▼",
            Sentiment::Other(_) => "◆",
        }
    }
}

/// `ARTIFICIAL INTELLIGENCE` -> `Artificial Intelligence`, for display of upper-case keys.
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = crate::case::to_lower(w);
            let mut c = lower.chars();
            match c.next() {
                Some(f) => crate::case::upper_char(f).chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text direction of an article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextDirection {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu…).
    Rtl,
}

impl TextDirection {
    /// Value of the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }

    /// Direction for a BCP 47 tag.
    pub fn of_lang(lang: &str) -> Self {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "ar" | "he" | "iw" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb" => {
                TextDirection::Rtl
            }
            _ => TextDirection::Ltr,
        }
    }
}

/// A cover image whose URLs passed the image policy, widest last.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    /// (url, width in px) pairs usable in `srcset`.
    pub variants: Vec<(String, u32)>,
}

impl Cover {
    /// Keeps only variants whose URLs pass the image policy; `None` when none do.
    pub fn from_raw(raw: &CoverImage) -> Option<Self> {
        let pairs = [
            (&raw.thumb, 200),
            (&raw.small, 400),
            (&raw.regular, 1080),
            (&raw.full, 1600),
        ];
        let mut variants: Vec<(String, u32)> = Vec::new();
        for (url, width) in pairs {
            if let Some(safe) = url.as_deref().and_then(|u| check(u, UrlUse::Image)) {
                if !variants.iter().any(|(u, _)| u == safe.as_str()) {
                    variants.push((safe.as_str().to_string(), width));
                }
            }
        }
        if variants.is_empty() {
            if let Some(safe) = raw.raw.as_deref().and_then(|u| check(u, UrlUse::Image)) {
                variants.push((safe.as_str().to_string(), 1600));
            }
        }
        (!variants.is_empty()).then_some(Cover { variants })
    }

    /// The variant closest to `width` from above (or the widest).
    pub fn best_for(&self, width: u32) -> &str {
        self.variants
            .iter()
            .find(|(_, w)| *w >= width)
            .or(self.variants.last())
            .map(|(u, _)| u.as_str())
            .unwrap_or_default()
    }
}

/// Where an article came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    /// Display name ("Unknown source" when absent).
    pub name: String,
    /// Stable key used in filters (slug of the name when absent).
    pub key: String,
}

/// A validated article, ready to render. Read one with [`Article::from_front_matter`]
/// or [`Article::from_file`] (defined in `frontmatter/mod.rs`, beside the readers they
/// choose between).
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// `externalId`, or the file name without extension.
    pub id: String,
    /// Canonical URL slug (see [`crate::slug`]).
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Summary; empty when absent.
    pub description: String,
    /// Unix ms of first publication.
    pub published_at: i64,
    /// Unix ms of the last update, only when later than publication.
    pub updated_at: Option<i64>,
    /// BCP 47 language tag (`en` when absent or malformed).
    pub lang: String,
    /// Writing direction derived from `lang`.
    pub dir: TextDirection,
    /// Where it came from.
    pub source: Source,
    /// Category key, e.g. "TECHNOLOGY"; empty when absent.
    pub category: String,
    /// Tags, deduplicated, in the author's order.
    pub tags: Vec<String>,
    /// Pinned when above zero.
    pub sticky_weight: i64,
    /// Tone.
    pub sentiment: Sentiment,
    /// Pipeline score.
    pub score: f64,
    /// Drafts are never published.
    pub draft: bool,
    /// Cover image, when one passed the image policy.
    pub cover: Option<Cover>,
    /// True when `ai.rewritten`.
    pub ai_rewritten: bool,
}

fn clip(s: &str) -> String {
    let t = s.trim();
    if t.chars().count() > MAX_FIELD_CHARS {
        t.chars().take(MAX_FIELD_CHARS).collect()
    } else {
        t.to_string()
    }
}

fn valid_lang(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// 1-based line within `fm` of the top-level `key:`, for precise reports.
fn line_of_key(fm: &str, key: &str) -> Option<usize> {
    fm.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

impl Article {
    /// Validates the fields read from `fm` (which error lines point into): the second
    /// step of every reader in `frontmatter/`, so both readers validate alike.
    pub(crate) fn from_raw(
        raw: RawFrontMatter,
        fm: &str,
        fallback_id: &str,
    ) -> Result<Article, ArticleError> {
        let title = raw
            .title
            .as_deref()
            .map(clip)
            .filter(|t| !t.is_empty())
            .ok_or(ArticleError::MissingField("title"))?;
        let published_raw = raw
            .published_at
            .as_deref()
            .ok_or(ArticleError::MissingField("publishedAt"))?;
        let date = |field: &'static str, key: &str, value: &str| {
            parse_rfc3339(value.trim()).map_err(|reason| ArticleError::BadDate {
                field,
                value: value.chars().take(40).collect(),
                reason,
                line: line_of_key(fm, key),
            })
        };
        let published_at = date("publishedAt", "publishedAt", published_raw)?;
        let updated_at = match raw.updated_at.as_deref() {
            Some(u) if !u.trim().is_empty() => Some(date("updatedAt", "updatedAt", u)?),
            _ => None,
        }
        .filter(|u| *u > published_at);
        let id = raw
            .external_id
            .map(|s| s.0.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| fallback_id.to_string());
        let lang = raw
            .lang
            .map(|l| l.trim().to_string())
            .filter(|l| valid_lang(l))
            .unwrap_or_else(|| "en".to_string());
        let source = raw.source.unwrap_or_default();
        let source_name = source
            .name
            .as_deref()
            .map(clip)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Unknown source".to_string());
        let source_key = source
            .key
            .as_deref()
            .map(crate::slug::slugify)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| crate::slug::slugify(&source_name));
        let mut tags: Vec<String> = Vec::new();
        for t in raw.tags.unwrap_or_default() {
            let t = clip(&t.0);
            if !t.is_empty() && !tags.contains(&t) && tags.len() < MAX_TAGS {
                tags.push(t);
            }
        }
        Ok(Article {
            slug: article_slug(&title, &id),
            id,
            title,
            description: raw.description.as_deref().map(clip).unwrap_or_default(),
            published_at,
            updated_at,
            dir: TextDirection::of_lang(&lang),
            lang,
            source: Source {
                name: source_name,
                key: source_key,
            },
            category: raw.category.as_deref().map(clip).unwrap_or_default(),
            tags,
            sticky_weight: raw.sticky_weight.unwrap_or(0),
            sentiment: raw
                .sentiment
                .as_deref()
                .map(Sentiment::parse)
                .unwrap_or(Sentiment::Neutral),
            score: raw.score.filter(|s| s.is_finite()).unwrap_or(0.0),
            draft: raw.draft.unwrap_or(false),
            cover: raw.cover_image.as_ref().and_then(Cover::from_raw),
            ai_rewritten: raw.ai.map(|a| a.rewritten).unwrap_or(false),
        })
    }

    /// True when the article is pinned to the top of the feed.
    pub fn is_pinned(&self) -> bool {
        self.sticky_weight > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "title: T\npublishedAt: '2026-01-16T15:23:33Z'\n";

    fn parse(extra: &str) -> Result<Article, ArticleError> {
        Article::from_front_matter(&format!("{MIN}{extra}"), "file-stem")
    }

    #[test]
    fn defaults_for_optional_fields() {
        let a = parse("").unwrap();
        assert_eq!(a.id, "file-stem");
        assert_eq!(a.lang, "en");
        assert_eq!(a.dir, TextDirection::Ltr);
        assert_eq!(a.sentiment, Sentiment::Neutral);
        assert_eq!(a.source.name, "Unknown source");
        assert!(a.tags.is_empty() && a.cover.is_none() && !a.draft && !a.ai_rewritten);
        assert_eq!(a.sticky_weight, 0);
        assert_eq!(a.updated_at, None);
    }

    #[test]
    fn ids_may_be_numbers_or_strings() {
        assert_eq!(parse("externalId: 57217389\n").unwrap().id, "57217389");
        assert_eq!(parse("externalId: '57217389'\n").unwrap().id, "57217389");
        assert_eq!(
            parse("externalId: 18446744073709551615\n").unwrap().id,
            "18446744073709551615"
        );
    }

    #[test]
    fn unknown_values_are_kept_neutrally() {
        let a = parse("sentiment: ECSTATIC\nunknownField: [1, 2]\n").unwrap();
        assert_eq!(a.sentiment, Sentiment::Other("ECSTATIC".into()));
        assert_eq!(a.sentiment.as_str(), "unknown");
        assert_eq!(
            parse("sentiment: negative\n").unwrap().sentiment,
            Sentiment::Negative
        );
    }

    #[test]
    fn rtl_languages_and_bad_language_tags() {
        assert_eq!(parse("lang: ar\n").unwrap().dir, TextDirection::Rtl);
        assert_eq!(parse("lang: he-IL\n").unwrap().dir, TextDirection::Rtl);
        assert_eq!(parse("lang: '\" onload=x'\n").unwrap().lang, "en");
    }

    #[test]
    fn updated_only_when_later() {
        assert!(parse("updatedAt: '2026-01-17T00:00:00Z'\n")
            .unwrap()
            .updated_at
            .is_some());
        assert!(parse("updatedAt: '2026-01-16T15:23:33Z'\n")
            .unwrap()
            .updated_at
            .is_none());
    }

    #[test]
    fn cover_urls_follow_the_image_policy() {
        let a = parse("coverImage:\n  thumb: 'javascript:alert(1)'\n  small: 'covers/a/small.jpg'\n  regular: 'http://insecure.example/r.jpg'\n").unwrap();
        let cover = a.cover.unwrap();
        assert_eq!(
            cover.variants,
            vec![("covers/a/small.jpg".to_string(), 400)]
        );
        assert!(parse("coverImage:\n  thumb: 'data:image/png;base64,AA'\n")
            .unwrap()
            .cover
            .is_none());
    }
}
