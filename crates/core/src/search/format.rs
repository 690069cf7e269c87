//! The index's files: the manifest the browser fetches first, the shards it fetches per
//! query word, and which shard a token lives in. Changing anything here changes the
//! files on disk: bump [`SEARCH_VERSION`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::json::{read_json, required, JsonError, JsonReader};

/// Bumped whenever the index layout changes.
pub const SEARCH_VERSION: u32 = 1;
/// Folder of the search index, relative to the site root.
pub const SEARCH_DIR: &str = "data/search";
/// Path of the manifest, relative to the site root.
pub const MANIFEST_PATH: &str = "data/search/manifest.json";

/// A document in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Article slug.
    #[serde(rename = "s")]
    pub slug: String,
    /// Publication time, Unix ms.
    #[serde(rename = "t")]
    pub published_at: i64,
}

/// `data/search/manifest.json`: the documents and the shards that exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`SEARCH_VERSION`].
    #[serde(rename = "v")]
    pub version: u32,
    /// How many hash buckets tokens are spread over.
    #[serde(rename = "b")]
    pub buckets: u32,
    /// Documents; a posting's document number indexes this list.
    #[serde(rename = "d")]
    pub docs: Vec<DocMeta>,
    /// Names of the non-empty shards, sorted (`data/search/<name>.json`).
    #[serde(rename = "s")]
    pub shards: Vec<String>,
}

/// One shard: token -> flat postings `[doc, weight, doc, weight, …]`, docs ascending.
pub type Shard = BTreeMap<String, Vec<u32>>;

impl Manifest {
    /// Reads [`MANIFEST_PATH`]'s text (with [`crate::json`], so the app needs no
    /// serde_json; unknown fields are skipped, as serde's derive does).
    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        read_json(text, |r| {
            let (mut version, mut buckets, mut docs, mut shards) = (None, None, None, None);
            r.object(|r, key| {
                match key {
                    "v" => version = Some(r.u32()?),
                    "b" => buckets = Some(r.u32()?),
                    "d" => docs = Some(r.vec(doc_meta)?),
                    "s" => shards = Some(r.vec(JsonReader::string)?),
                    _ => r.skip()?,
                }
                Ok(())
            })?;
            Ok(Manifest {
                version: required(version, "v")?,
                buckets: required(buckets, "b")?,
                docs: required(docs, "d")?,
                shards: required(shards, "s")?,
            })
        })
    }
}

fn doc_meta(r: &mut JsonReader) -> Result<DocMeta, JsonError> {
    let (mut slug, mut published_at) = (None, None);
    r.object(|r, key| {
        match key {
            "s" => slug = Some(r.string()?),
            "t" => published_at = Some(r.i64()?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(DocMeta {
        slug: required(slug, "s")?,
        published_at: required(published_at, "t")?,
    })
}

/// Reads a shard's text.
pub fn shard_from_json(text: &str) -> Result<Shard, JsonError> {
    read_json(text, |r| {
        let mut shard = Shard::new();
        r.object(|r, token| {
            shard.insert(token.to_string(), r.vec(JsonReader::u32)?);
            Ok(())
        })?;
        Ok(shard)
    })
}

/// A built index, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    /// The manifest.
    pub manifest: Manifest,
    /// (name, shard) for every non-empty shard, sorted by name.
    pub shards: Vec<(String, Shard)>,
}

/// Path of a shard, relative to the site root.
pub fn shard_path(name: &str) -> String {
    format!("{SEARCH_DIR}/{name}.json")
}

/// Characters of a token that choose its shard: two, or three after a leading `ال`
/// (most Arabic words start with the article, which would crowd one shard).
pub(crate) fn key_chars(token: &str) -> usize {
    if token.starts_with("ال") {
        3
    } else {
        2
    }
}

/// The shard key of a token: its first [`key_chars`] characters (the whole token if
/// shorter).
fn shard_key(token: &str) -> &str {
    match token.char_indices().nth(key_chars(token)) {
        Some((i, _)) => &token[..i],
        None => token,
    }
}

fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Name of the shard holding `token`, for `buckets` buckets.
pub fn shard_name(token: &str, buckets: u32) -> String {
    format!("{:02x}", fnv1a(shard_key(token)) % buckets.max(1))
}
