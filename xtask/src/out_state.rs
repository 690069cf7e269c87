//! What the last `dist` left in its `--out` folder, kept between builds so the next one
//! neither lists the folder nor reads back the files it compares: per file, the hash of
//! its bytes, the hash of the inputs it was made from (when the step that wrote it knows
//! them), its size and its modification time.
//!
//! Kept in `target/dist-state/<hash of the absolute --out path>-out.bin` with a stamp of
//! the folder (device, inode and modification time of `--out` itself, taken after the
//! build's last change to it). A build trusts the state without looking at the files
//! when the stamp still matches: the folder is the one the state describes and no entry
//! at its top was added, removed or renamed since. When the stamp differs (the folder
//! was deleted, replaced or copied, or a top-level file changed), the state is used per
//! file, only where the file still has the size and time it records, and the folder is
//! listed as before. The state is deleted as soon as a build starts changing the folder
//! and written again at its end, so a build stopped half-way leaves none to trust.
//!
//! What a stamp cannot see: a file edited by hand deep inside the folder. `dist` owns its
//! `--out` (see `site_dir::check_out`); delete the folder, or the state file, to make the
//! next build compare every file again.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::bin_codec::{FastMap, Reader, Writer};
use crate::in_place::{checked, size_and_time, write_checked};
use crate::util::{state_file, Result};

/// Bump when the file's layout changes.
const MAGIC: &[u8; 8] = b"bsout002";

/// One file of the folder, as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// xxh3-128 of its bytes ([`content_hash`]).
    pub hash: u128,
    /// Hash of the inputs it was made from; 0 when the writer did not say.
    pub key: u128,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in ns since the epoch.
    pub mtime: u64,
}

/// The hash [`Entry::hash`] keeps.
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The folder's own identity and time: device, inode, modification time (ns).
#[cfg(unix)]
fn stamp(out: &Path) -> Option<(u64, u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(out).ok()?;
    let (_, mtime) = size_and_time(&m)?;
    Some((m.dev(), m.ino(), mtime))
}

/// Elsewhere the folder is never trusted whole (each file is checked instead).
#[cfg(not(unix))]
fn stamp(_out: &Path) -> Option<(u64, u64, u64)> {
    None
}

/// The files of the folder after the last build, by path relative to it (with `/`).
#[derive(Debug, Default)]
pub struct OutState {
    /// Path -> entry, and whether this build has produced the file yet.
    pub files: FastMap<String, Slot>,
}

/// One file of the last build's state, marked once this build produces it: the files
/// left unmarked at the end are the ones to delete, found without gathering the 330,000
/// paths a 100,000-article build produces into a set (0.13 s of every build).
#[derive(Debug)]
pub struct Slot {
    /// What the last build left.
    pub entry: Entry,
    produced: AtomicBool,
}

impl Slot {
    /// A file not yet produced by this build.
    pub fn new(entry: Entry) -> Slot {
        Slot {
            entry,
            produced: AtomicBool::new(false),
        }
    }

    /// Marks the file produced; true the first time.
    pub fn mark_produced(&self) -> bool {
        !self.produced.swap(true, Ordering::Relaxed)
    }

    /// True once [`Slot::mark_produced`] was called.
    pub fn produced(&self) -> bool {
        self.produced.load(Ordering::Relaxed)
    }
}

/// A state read back, and whether its stamp still matches the folder.
#[derive(Debug)]
pub struct Loaded {
    /// The state.
    pub state: OutState,
    /// True when the folder is as the last build left it (see the module docs).
    pub trusted: bool,
}

fn parse(bytes: &[u8]) -> Option<((u64, u64, u64), OutState)> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let stamp = (r.u64()?, r.u64()?, r.u64()?);
    let n = r.u32()? as usize;
    let mut files = FastMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let path = r.str()?.to_string();
        let entry = Entry {
            hash: r.u128()?,
            key: r.u128()?,
            size: r.u64()?,
            mtime: r.u64()?,
        };
        files.insert(path, Slot::new(entry));
    }
    r.done().then_some((stamp, OutState { files }))
}

impl OutState {
    /// The state the last build into `out` left, if any, and whether to trust it whole.
    pub fn load(out: &Path) -> Option<Loaded> {
        let bytes = std::fs::read(state_file(out, "-out.bin")).ok()?;
        let (kept, state) = parse(checked(&bytes)?)?;
        let trusted = stamp(out) == Some(kept);
        Some(Loaded { state, trusted })
    }

    /// Deletes the kept state of `out`: called before a build changes the folder.
    pub fn forget(out: &Path) {
        let _ = std::fs::remove_file(state_file(out, "-out.bin"));
    }
}

/// A state's files encoded, not yet stamped: encoded while the build still changes the
/// folder, stamped and kept once it is done ([`Encoded::save`]).
pub struct Encoded(Vec<u8>);

/// Where the stamp goes in the kept bytes, after [`MAGIC`].
const STAMP_AT: usize = MAGIC.len();

impl Encoded {
    /// The files `entries` name, without gathering them into an [`OutState`] first:
    /// building that map of 330,000 paths again took 0.15 s of every build at 100,000
    /// articles.
    pub fn of<'a>(entries: impl Iterator<Item = (&'a str, &'a Entry)>) -> Encoded {
        let mut w = Writer(Vec::with_capacity(entries.size_hint().0 * 100 + 64));
        w.0.extend(MAGIC);
        // The stamp, filled in by `save`.
        w.0.extend([0; 24]);
        // The count, known once every entry is written.
        let count_at = w.0.len();
        w.u32(0);
        let mut n: u32 = 0;
        for (path, e) in entries {
            w.str(path);
            w.u128(e.hash);
            w.u128(e.key);
            w.u64(e.size);
            w.u64(e.mtime);
            n += 1;
        }
        w.0[count_at..count_at + 4].copy_from_slice(&n.to_le_bytes());
        Encoded(w.0)
    }

    /// Keeps this state for the next build into `out`, stamped with the folder as it is
    /// now (call it after the build's last change to the folder).
    pub fn save(mut self, out: &Path) -> Result {
        let Some((dev, ino, mtime)) = stamp(out) else {
            return Ok(());
        };
        let stamp = [dev, ino, mtime].map(u64::to_le_bytes).concat();
        self.0[STAMP_AT..STAMP_AT + stamp.len()].copy_from_slice(&stamp);
        write_checked(&state_file(out, "-out.bin"), self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_is_trusted_only_while_the_folder_is_the_same() {
        let out = std::env::temp_dir().join(format!("broadsheet-out-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let mut s = OutState::default();
        let e = Entry {
            hash: 1,
            key: 2,
            size: 3,
            mtime: 4,
        };
        s.files.insert("a/b.html".into(), Slot::new(e));
        Encoded::of(s.files.iter().map(|(p, slot)| (p.as_str(), &slot.entry)))
            .save(&out)
            .unwrap();
        let back = OutState::load(&out).unwrap();
        assert!(back.trusted);
        assert_eq!(back.state.files["a/b.html"].entry, e);
        // A new top-level file changes the folder's time: used per file only.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("new.txt"), "x").unwrap();
        assert!(!OutState::load(&out).unwrap().trusted);
        OutState::forget(&out);
        assert!(OutState::load(&out).is_none());
        let _ = std::fs::remove_dir_all(&out);
    }
}
