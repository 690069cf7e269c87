//! The front-matter exactly as written: every field optional, unknown fields ignored.
//!
//! These are the types both readers fill in (`plain.rs` by hand for the plain shape,
//! `serde.rs` through serde_yaml for everything else), so they are the one place that
//! says which keys a file may have and how they are spelled. What the values *mean*
//! (required fields, defaults, dates) is the article model's business (`model.rs`).
//!
//! The serde names matter beyond reading: serde_yaml's messages name the type
//! (`expected struct RawFrontMatter`), and those messages are what publishers see.

use serde::{Deserialize, Deserializer, Serialize};

/// A scalar that may be written as a string or a number in YAML (`externalId: 42` and
/// `externalId: '42'` mean the same id).
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Any {
            S(String),
            I(i64),
            U(u64),
            F(f64),
        }
        Ok(Scalar(
            match Any::deserialize(d)
                .map_err(|_| serde::de::Error::custom("expected a string or a number"))?
            {
                Any::S(s) => s,
                Any::I(i) => i.to_string(),
                Any::U(u) => u.to_string(),
                Any::F(f) => f.to_string(),
            },
        ))
    }
}

/// The `source` block.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawSource {
    /// Display name, e.g. "Decrypt".
    pub name: Option<String>,
    /// Stable key, e.g. "decrypt".
    pub key: Option<String>,
    /// How it was ingested, e.g. "RSS".
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// The `coverImage` block: one image in several widths.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct CoverImage {
    /// The original upload.
    pub raw: Option<String>,
    /// Full size (about 1600 px wide or more).
    pub full: Option<String>,
    /// 1080 px wide.
    pub regular: Option<String>,
    /// 400 px wide.
    pub small: Option<String>,
    /// 200 px wide.
    pub thumb: Option<String>,
}

/// The `ai` block.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawAi {
    /// True when the text was rewritten by a model.
    pub rewritten: bool,
    /// When the rewrite happened (RFC 3339).
    #[serde(rename = "expandedAt")]
    pub expanded_at: Option<String>,
    /// Version of the rewriting pipeline.
    pub version: Option<Scalar>,
}

/// The front-matter exactly as written; every field optional, unknown fields ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawFrontMatter {
    /// Headline (required).
    pub title: Option<String>,
    /// One- or two-sentence summary.
    pub description: Option<String>,
    /// First publication (required, RFC 3339).
    pub published_at: Option<String>,
    /// Last update (RFC 3339).
    pub updated_at: Option<String>,
    /// BCP 47 language tag.
    pub lang: Option<String>,
    /// The ingest pipeline's id.
    pub external_id: Option<Scalar>,
    /// Where it came from.
    pub source: Option<RawSource>,
    /// One category, e.g. "TECHNOLOGY".
    pub category: Option<String>,
    /// Topic tags.
    pub tags: Option<Vec<Scalar>>,
    /// Pinned when above zero; higher first.
    pub sticky_weight: Option<i64>,
    /// POSITIVE, NEUTRAL, NEGATIVE (others shown neutrally).
    pub sentiment: Option<String>,
    /// Ranking score from the pipeline.
    pub score: Option<f64>,
    /// Never published when true.
    pub draft: Option<bool>,
    /// Cover image variants.
    pub cover_image: Option<CoverImage>,
    /// AI rewrite provenance.
    pub ai: Option<RawAi>,
}
