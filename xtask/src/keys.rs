//! The keys of the build's caches: a file is made again only when the key of what it is
//! made of changed (see [`crate::bundle_data`] for what each kind of file hashes).

use broadsheet_core::Article;
use xxhash_rust::xxh3::{xxh3_128, xxh3_128_with_seed};

/// Hashes parts, each with its length, after the executable's stamp: a chain of 128-bit
/// xxh3 digests, each part hashed whole (seeded with its length) and folded into the
/// state with the one before.
///
/// Not a streaming hasher: its state is over 500 bytes, moved by every call of a key
/// built by value, and its buffering copied each small part (memmove was the first line
/// of an incremental build's profile, from the 100,000 related-reading keys and the
/// search and page fingerprints).
#[derive(Debug, Clone, Copy)]
pub struct Key(u128);

impl Key {
    /// A key salted with `salt` (the executable's stamp).
    pub fn new(salt: &str) -> Key {
        Key(xxh3_128(salt.as_bytes()))
    }

    /// Adds a byte string.
    pub fn bytes(self, b: &[u8]) -> Key {
        self.u128(xxh3_128_with_seed(b, b.len() as u64))
    }

    /// Adds a number.
    pub fn u128(self, v: u128) -> Key {
        let mut both = [0u8; 32];
        both[..16].copy_from_slice(&self.0.to_le_bytes());
        both[16..].copy_from_slice(&v.to_le_bytes());
        Key(xxh3_128(&both))
    }

    /// The key; never 0 (which means "no key").
    pub fn finish(self) -> u128 {
        self.0.max(1)
    }
}

/// What a link to `a` shows and what ranking and feed order read of it.
pub fn fingerprint(a: &Article) -> u128 {
    let mut k = Key::new("")
        .bytes(a.slug.as_bytes())
        .bytes(a.title.as_bytes())
        .bytes(a.lang.as_bytes())
        .bytes(a.source.name.as_bytes())
        .bytes(a.source.key.as_bytes())
        .bytes(a.category.as_bytes())
        .u128(a.published_at as u128)
        .u128(a.sticky_weight as u128)
        .u128(a.tags.len() as u128);
    for t in &a.tags {
        k = k.bytes(t.as_bytes());
    }
    k.finish()
}
