//! What the last build read from each article file, so the next one reads and parses
//! only the files that changed: a 100,000-article site is 883 MB of sources, and reading
//! and parsing them all took over a second of every build.
//!
//! Kept in `target/dist-state/<hash of the content folder's path>-parse-<nn>.bin`, in
//! [`SHARDS`] shards by a hash of the file's name, per file (by name, with its size and
//! modification time): the validated article, its front-matter text (what the list pages
//! carry), the hash of its bytes, where its body starts, and the key of its searchable
//! text ([`crate::search_cache::doc_key`]). A file whose size or time differ is read
//! again; so is every file after the xtask executable changes (its parser may differ:
//! the stamp is [`tool_stamp`]). Rejected files are not kept (they are read every time,
//! and are few). A missing or damaged shard is an empty one, never an error.
//!
//! Why shards: at 100,000 articles the records are 142 MB, and writing them all again
//! because one file changed took 0.28 s of a build; now only the shard holding the
//! changed file (about 2 MB) is written. A build reads the shards on every core, one at
//! a time per core into a buffer the next one reuses, reading each shard's files
//! through it before moving on ([`Shard::load`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

use broadsheet_core::{Article, Cover, Sentiment, TextDirection};

use crate::bin_codec::{FastMap, Reader, Writer};
use crate::in_place::{checked, write_checked};
use crate::util::{state_file, tool_stamp, Result};

/// Bump when the layout changes.
const MAGIC: &[u8; 8] = b"bparse04";

/// How many files the records are spread over: small enough that loading them is a few
/// dozen reads, large enough that one changed article rewrites about 2 MB at 100,000.
pub const SHARDS: usize = 64;

/// What a build keeps of one article file it read.
#[derive(Debug, Clone)]
pub struct Record {
    /// The validated article.
    pub article: Article,
    /// Its front-matter, without the fences.
    pub front_matter: String,
    /// xxh3-128 of the file's bytes.
    pub hash: u128,
    /// Where the body starts in the file.
    pub body_start: usize,
    /// The key of its searchable text (0 for a draft).
    pub doc_key: u128,
    /// What related reading reads of the article ([`crate::keys::fingerprint`]).
    pub print: u128,
}

/// One shard of the last build's records, decoded one by one when asked for.
#[derive(Debug, Default)]
pub struct Shard {
    bytes: Vec<u8>,
    index: Index,
}

/// The shard that keeps the record of the file `name`.
pub fn shard_of(name: &str) -> usize {
    (xxhash_rust::xxh3::xxh3_64(name.as_bytes()) % SHARDS as u64) as usize
}

fn shard_file(content: &Path, shard: usize) -> PathBuf {
    state_file(content, &format!("-parse-{shard:02}.bin"))
}

impl Shard {
    /// Shard `shard` of the last build from `content` (empty when none is kept), read
    /// into `buffer`: a build reads its shards one after another into the same few
    /// buffers, so the 142 MB of records at 100,000 articles never sit in memory at once
    /// (fresh memory, which the kernel zeroes, was a third of an incremental build's CPU).
    pub fn load(content: &Path, shard: usize, mut buffer: Vec<u8>) -> Shard {
        buffer.clear();
        let read = std::fs::File::open(shard_file(content, shard))
            .and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut buffer));
        let index = read
            .ok()
            .and_then(|_| read_index(checked(&buffer)?, tool_stamp().as_bytes()));
        match index {
            Some(index) => Shard {
                bytes: buffer,
                index,
            },
            None => Shard {
                bytes: buffer,
                index: Index::default(),
            },
        }
    }

    /// How many files the shard holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// The encoded record of `name` if the file still has this size and time.
    pub fn raw(&self, name: &str, size: u64, mtime: u64) -> Option<&[u8]> {
        let (s, t, range) = self.index.get(name)?;
        (*s == size && *t == mtime).then(|| &self.bytes[range.clone()])
    }

    /// The buffer the shard was read into, for the next one.
    pub fn into_buffer(self) -> Vec<u8> {
        self.bytes
    }
}

/// Each cached file's name → (size, mtime, where its record is in the shard's bytes).
type Index = FastMap<String, (u64, u64, Range<usize>)>;

fn read_index(bytes: &[u8], tool: &[u8]) -> Option<Index> {
    let mut r = Reader(bytes);
    if tool.is_empty() || r.take(MAGIC.len())? != MAGIC || r.bytes()? != tool {
        return None;
    }
    let n = r.u32()? as usize;
    let mut index = Index::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let name = r.str()?.to_string();
        let (size, mtime) = (r.u64()?, r.u64()?);
        let record = r.bytes()?;
        let start = record.as_ptr() as usize - bytes.as_ptr() as usize;
        index.insert(name, (size, mtime, start..start + record.len()));
    }
    r.done().then_some(index)
}

/// One file's entry for [`save`].
pub struct Kept<'a> {
    /// The file's name.
    pub name: &'a str,
    /// Its size.
    pub size: u64,
    /// Its modification time.
    pub mtime: u64,
    /// Its encoded record.
    pub record: &'a [u8],
    /// True when the record was made by this build (not taken from the last one's).
    pub fresh: bool,
}

/// Writes shard `shard` of `content` with `files` (all of it: the files whose names
/// fall in it, [`shard_of`]) when it differs from `last` (that shard as the last build
/// left it): when a record is fresh, or a file was deleted or rejected.
pub fn save(content: &Path, shard: usize, last: &Shard, files: &[Kept]) -> Result {
    if files.len() == last.len() && !files.iter().any(|k| k.fresh) {
        return Ok(());
    }
    let tool = tool_stamp();
    let mut w = Writer::default();
    w.0.extend(MAGIC);
    w.bytes(tool.as_bytes());
    w.u32(files.len() as u32);
    for k in files {
        w.str(k.name);
        w.u64(k.size);
        w.u64(k.mtime);
        w.bytes(k.record);
    }
    write_checked(&shard_file(content, shard), w.0)
}

/// Deletes every shard kept for `content`.
#[cfg(test)]
pub fn forget(content: &Path) {
    for shard in 0..SHARDS {
        let _ = std::fs::remove_file(shard_file(content, shard));
    }
}

/// Deletes the unsharded cache of earlier builds (142 MB at 100,000 articles), which is
/// never read.
pub fn forget_unsharded(content: &Path) {
    let _ = std::fs::remove_file(state_file(content, "-parse.bin"));
}

/// `record` as the cache keeps it.
pub fn encode(record: &Record) -> Vec<u8> {
    let a = &record.article;
    let mut w = Writer(Vec::with_capacity(record.front_matter.len() * 2 + 256));
    w.u128(record.hash);
    w.u64(record.body_start as u64);
    w.u128(record.doc_key);
    w.u128(record.print);
    w.str(&record.front_matter);
    for s in [&a.id, &a.slug, &a.title, &a.description] {
        w.str(s);
    }
    w.i64(a.published_at);
    match a.updated_at {
        Some(t) => {
            w.u32(1);
            w.i64(t);
        }
        None => w.u32(0),
    }
    w.str(&a.lang);
    w.u32(match a.dir {
        TextDirection::Ltr => 0,
        TextDirection::Rtl => 1,
    });
    w.str(&a.source.name);
    w.str(&a.source.key);
    w.str(&a.category);
    w.u32(a.tags.len() as u32);
    for t in &a.tags {
        w.str(t);
    }
    w.i64(a.sticky_weight);
    match &a.sentiment {
        Sentiment::Positive => w.u32(0),
        Sentiment::Neutral => w.u32(1),
        Sentiment::Negative => w.u32(2),
        Sentiment::Other(s) => {
            w.u32(3);
            w.str(s);
        }
    }
    w.u64(a.score.to_bits());
    w.u32(u32::from(a.draft) | u32::from(a.ai_rewritten) << 1);
    match &a.cover {
        Some(c) => {
            w.u32(c.variants.len() as u32 + 1);
            for (url, width) in &c.variants {
                w.str(url);
                w.u32(*width);
            }
        }
        None => w.u32(0),
    }
    w.0
}

/// A record back from [`encode`]'s bytes.
pub fn decode(bytes: &[u8]) -> Option<Record> {
    let mut r = Reader(bytes);
    let s = |r: &mut Reader| r.str().map(str::to_string);
    let hash = r.u128()?;
    let body_start = r.u64()? as usize;
    let doc_key = r.u128()?;
    let print = r.u128()?;
    let front_matter = s(&mut r)?;
    let (id, slug, title, description) = (s(&mut r)?, s(&mut r)?, s(&mut r)?, s(&mut r)?);
    let published_at = r.i64()?;
    let updated_at = match r.u32()? {
        0 => None,
        _ => Some(r.i64()?),
    };
    let lang = s(&mut r)?;
    let dir = match r.u32()? {
        0 => TextDirection::Ltr,
        _ => TextDirection::Rtl,
    };
    let (source_name, source_key) = (s(&mut r)?, s(&mut r)?);
    let category = s(&mut r)?;
    let tags = (0..r.u32()?)
        .map(|_| s(&mut r))
        .collect::<Option<Vec<_>>>()?;
    let sticky_weight = r.i64()?;
    let sentiment = match r.u32()? {
        0 => Sentiment::Positive,
        1 => Sentiment::Neutral,
        2 => Sentiment::Negative,
        _ => Sentiment::Other(s(&mut r)?),
    };
    let score = f64::from_bits(r.u64()?);
    let flags = r.u32()?;
    let cover = match r.u32()? {
        0 => None,
        n => Some(Cover {
            variants: (1..n)
                .map(|_| Some((s(&mut r)?, r.u32()?)))
                .collect::<Option<Vec<_>>>()?,
        }),
    };
    let mut article = Article {
        id,
        slug,
        title,
        description,
        published_at,
        updated_at,
        lang,
        dir,
        // The article crate's `Source` is not re-exported by the core (the bundle has
        // its own): filled in below.
        source: Default::default(),
        category,
        tags,
        sticky_weight,
        sentiment,
        score,
        draft: flags & 1 != 0,
        cover,
        ai_rewritten: flags & 2 != 0,
    };
    article.source.name = source_name;
    article.source.key = source_key;
    r.done().then_some(Record {
        article,
        front_matter,
        hash,
        body_start,
        doc_key,
        print,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field survives the round trip: a field added to `Article` and not to the
    /// codec fails to compile above, a field encoded wrong fails here.
    #[test]
    fn a_record_reads_back_equal() {
        let fm = "title: 'Grid power'\npublishedAt: '2026-01-02T03:04:05Z'\nupdatedAt: '2026-01-03T00:00:00Z'\nlang: ar\nsource:\n  name: Wire\n  key: wire\ncategory: ENERGY\ntags: [A, b]\nstickyWeight: 2\nsentiment: odd\nscore: 0.5\ndraft: true\ncoverImage:\n  small: 'https://images.example.com/1/small.jpg'\nai:\n  rewritten: true\n";
        let article = Article::from_front_matter(fm, "x").unwrap();
        assert!(article.cover.is_some() && article.draft && article.ai_rewritten);
        let record = Record {
            article,
            front_matter: fm.to_string(),
            hash: 5,
            body_start: 42,
            doc_key: 7,
            print: 9,
        };
        let back = decode(&encode(&record)).unwrap();
        assert!(decode(&encode(&record)[1..]).is_none());
        assert_eq!(back.article, record.article);
        assert_eq!(
            (
                back.front_matter,
                back.hash,
                back.body_start,
                back.doc_key,
                back.print
            ),
            (record.front_matter, 5, 42, 7, 9)
        );
    }
}
