//! What the last build tokenised for the search index, so the next one tokenises only
//! the articles whose searchable text changed (an incremental build after one new
//! article re-reads its tokens, not a hundred thousand markdown bodies).
//!
//! Kept in `target/dist-state/<hash of the absolute --out path>-search.bin`: the
//! vocabulary, then per article the hash of everything [`search::doc_tokens`] reads
//! ([`doc_key`]) and its tokens as (id in the vocabulary, weight). Written by this
//! executable only: another build of xtask (whose tokeniser may differ) starts from
//! nothing, like the page state ([`crate::prerender::state`]). A missing, stale or
//! damaged file is an empty cache, never an error.

use std::ops::Range;
use std::path::Path;

use broadsheet_core::search::DocText;

use crate::bin_codec::{FastMap, Reader, Writer};
use crate::in_place::{checked, write_checked};
use crate::keys::Key;
use crate::util::{state_file, tool_stamp, write, Result};

/// Bump when the file's layout changes.
const MAGIC: &[u8; 8] = b"bsearch2";

/// The hash of everything [`broadsheet_core::search::doc_tokens`] reads from a document.
pub fn doc_key(doc: &DocText<'_>) -> u128 {
    let mut key = Key::new("")
        .bytes(doc.slug.as_bytes())
        .u128(doc.published_at as u128)
        .bytes(doc.title.as_bytes())
        .bytes(doc.description.as_bytes())
        .bytes(doc.category.as_bytes())
        .bytes(doc.source.as_bytes())
        .bytes(doc.body.as_bytes())
        .u128(doc.tags.len() as u128);
    for tag in doc.tags {
        key = key.bytes(tag.as_bytes());
    }
    key.finish()
}

/// The key of a whole index: the executable ([`tool_stamp`]) and, in feed order, each
/// document's key as the parse kept it ([`doc_key`]: everything of the document the
/// index reads, its slug and date included). The index is a function of exactly these,
/// so an equal key means equal files.
pub fn index_key(docs: impl Iterator<Item = u128>) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let salt = tool_stamp();
    h.update(&(salt.len() as u64).to_le_bytes());
    h.update(salt.as_bytes());
    for doc in docs {
        h.update(&doc.to_le_bytes());
    }
    h.digest128()
}

/// The last index written into `out`: its [`index_key`] and its shards' names, or
/// `None` when unknown (then the index is made again).
pub fn last_index(out: &Path) -> Option<(u128, Vec<String>)> {
    let text = std::fs::read_to_string(state_file(out, "-search-index.txt")).ok()?;
    let mut lines = text.lines();
    let key = u128::from_str_radix(lines.next()?, 16).ok()?;
    Some((key, lines.map(str::to_string).collect()))
}

/// Keeps the key and the shard names of the index just written into `out` for
/// [`last_index`].
pub fn save_index(out: &Path, key: u128, shards: &[String]) -> Result {
    let mut text = format!("{key:x}\n");
    for name in shards {
        text.push_str(name);
        text.push('\n');
    }
    write(&state_file(out, "-search-index.txt"), text)
}

/// The tokens of the last build: per [`doc_key`], (vocabulary id, weight).
#[derive(Debug, Default)]
pub struct Cache {
    /// The vocabulary, by id.
    pub vocab: Vec<String>,
    /// Document key -> where its tokens are in `tokens`.
    docs: FastMap<u128, Range<usize>>,
    /// Every document's tokens, one after another: one allocation, not one per document
    /// (100,000 of them took 0.05 s to make at 100,000 articles).
    tokens: Vec<(u32, u32)>,
}

fn parse(bytes: &[u8], tool: &[u8]) -> Option<Cache> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC || r.bytes()? != tool || tool.is_empty() {
        return None;
    }
    let words = r.u32()? as usize;
    let mut vocab = Vec::with_capacity(words);
    for _ in 0..words {
        vocab.push(String::from_utf8(r.bytes()?.to_vec()).ok()?);
    }
    let count = r.u32()? as usize;
    let mut docs = FastMap::with_capacity_and_hasher(count, Default::default());
    // Each pair is 8 bytes of what is left: enough room for all of them.
    let mut tokens = Vec::with_capacity(r.0.len() / 8);
    for _ in 0..count {
        let key = r.u128()?;
        let n = r.u32()? as usize;
        let start = tokens.len();
        for _ in 0..n {
            let id = r.u32()?;
            if id as usize >= words {
                return None;
            }
            tokens.push((id, r.u32()?));
        }
        docs.insert(key, start..tokens.len());
    }
    r.done().then_some(Cache {
        vocab,
        docs,
        tokens,
    })
}

impl Cache {
    /// The tokens of the document whose [`doc_key`] is `key`, if the last build had it.
    pub fn get(&self, key: u128) -> Option<&[(u32, u32)]> {
        self.docs.get(&key).map(|range| &self.tokens[range.clone()])
    }

    /// How many documents the cache holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// The tokens of the last build into `out`, or an empty cache.
    pub fn load(out: &Path) -> Cache {
        std::fs::read(state_file(out, "-search.bin"))
            .ok()
            .and_then(|bytes| parse(checked(&bytes)?, tool_stamp().as_bytes()))
            .unwrap_or_default()
    }

    /// Keeps `docs` ((key, tokens as (id in `vocab`, weight))) for the next build into
    /// `out`.
    pub fn save(out: &Path, vocab: &[String], docs: &[(u128, &[(u32, u32)])]) -> Result {
        let mut w = Writer::default();
        w.0.extend(MAGIC);
        w.bytes(tool_stamp().as_bytes());
        w.u32(vocab.len() as u32);
        for word in vocab {
            w.str(word);
        }
        w.u32(docs.len() as u32);
        for (key, tokens) in docs {
            w.u128(*key);
            w.u32(tokens.len() as u32);
            for &(id, weight) in tokens.iter() {
                w.u32(id);
                w.u32(weight);
            }
        }
        write_checked(&state_file(out, "-search.bin"), w.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_and_damage_is_an_empty_cache() {
        let out = std::env::temp_dir().join(format!("broadsheet-search-{}", std::process::id()));
        let vocab = vec!["grid".to_string(), "power".to_string()];
        let a: &[(u32, u32)] = &[(0, 24), (1, 3)];
        Cache::save(&out, &vocab, &[(7, a), (9, &[])]).unwrap();
        let back = Cache::load(&out);
        assert_eq!(back.vocab, vocab);
        assert_eq!(back.get(7), Some(a));
        assert_eq!(back.get(9), Some(&[][..]));
        assert_eq!((back.get(8), back.len()), (None, 2));
        let file = state_file(&out, "-search.bin");
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 3]).unwrap();
        assert_eq!(Cache::load(&out).len(), 0);
        let _ = std::fs::remove_file(&file);
    }

    #[test]
    fn the_key_follows_every_field() {
        let tags = ["A".to_string()];
        let doc = DocText {
            slug: "s",
            title: "t",
            tags: &tags,
            body: "b",
            ..Default::default()
        };
        let key = doc_key(&doc);
        assert_eq!(key, doc_key(&doc.clone()));
        for other in [
            DocText {
                body: "c",
                ..doc.clone()
            },
            DocText {
                tags: &[],
                ..doc.clone()
            },
            DocText {
                published_at: 1,
                ..doc.clone()
            },
            DocText {
                title: "",
                description: "t",
                ..doc.clone()
            },
        ] {
            assert_ne!(doc_key(&other), key);
        }
    }
}
