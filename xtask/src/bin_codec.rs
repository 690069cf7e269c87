//! The little binary format of the caches `dist` keeps between builds (the output
//! folder's state, parsed articles, search tokens): little-endian numbers and
//! length-prefixed byte strings, written and read by one pair of types so the caches
//! never drift apart in how they spell a number.
//!
//! Why not JSON: the output state of a 100,000-article site has 330,000 entries and is
//! read and written by every build; as JSON that alone took a sizeable share of a
//! two-second incremental build.

/// A hash map for the caches' keys (paths of the output folder, names of article files):
/// std's SipHash guards against keys chosen by an attacker, which these are not, and
/// hashing the output state's 330,000 paths several times a build with it was 6% of an
/// incremental build at 100,000 articles.
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastHash>;

/// A hash set keyed like [`FastMap`].
pub type FastSet<K> = std::collections::HashSet<K, FastHash>;

/// Builds [`FastHasher`]s.
pub type FastHash = std::hash::BuildHasherDefault<FastHasher>;

/// xxh3 (64-bit) over each piece written, chained through its seed.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }

    fn write_u8(&mut self, b: u8) {
        // `str` ends every key with one: mixed in cheaply.
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Appends numbers and byte strings to a buffer.
#[derive(Debug, Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    /// A `u32`.
    pub fn u32(&mut self, v: u32) {
        self.0.extend(v.to_le_bytes());
    }

    /// A `u64`.
    pub fn u64(&mut self, v: u64) {
        self.0.extend(v.to_le_bytes());
    }

    /// An `i64`.
    pub fn i64(&mut self, v: i64) {
        self.0.extend(v.to_le_bytes());
    }

    /// A `u128`.
    pub fn u128(&mut self, v: u128) {
        self.0.extend(v.to_le_bytes());
    }

    /// A byte string, its length first.
    pub fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend(b);
    }

    /// A string, its length first.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
}

/// Reads what [`Writer`] wrote; every read is `None` past the end.
#[derive(Debug)]
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A `u64`.
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// An `i64`.
    pub fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A `u128`.
    pub fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    /// A byte string.
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    /// A string (UTF-8).
    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// True when everything was read.
    pub fn done(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_a_short_buffer_reads_none() {
        let mut w = Writer::default();
        w.u32(7);
        w.u64(1 << 40);
        w.i64(-3);
        w.u128(u128::MAX - 1);
        w.str("grid");
        let mut r = Reader(&w.0);
        assert_eq!(r.u32(), Some(7));
        assert_eq!(r.u64(), Some(1 << 40));
        assert_eq!(r.i64(), Some(-3));
        assert_eq!(r.u128(), Some(u128::MAX - 1));
        assert_eq!(r.str(), Some("grid"));
        assert!(r.done());
        assert_eq!(Reader(&w.0[..3]).u32(), None);
    }
}
