//! Writing the files of a build: each written only when its bytes change, and recorded
//! in the open [`WriteLog`], so `dist` knows every file of the site it built (to delete
//! the rest) and what each one holds (to skip the next build's work).
//!
//! While `dist` runs, the state of the last build into its folder is loaded
//! ([`use_last`], see [`crate::out_state`]): a file is then compared by the hash of its
//! new bytes with the hash the state keeps, never read back, and a step that knows what
//! a file is made of asks [`unchanged_since`] with the hash of those inputs, so it does
//! not even make the bytes of a file whose inputs did not change.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::in_place::{overwrite, size_and_time};
#[cfg(test)]
use crate::out_state::Slot;
use crate::out_state::{content_hash, Entry, OutState};
use crate::util::Result;

/// One file a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    /// Its path.
    pub path: PathBuf,
    /// True when its bytes changed (or it is new); false when the file on disk already
    /// held them and was left alone.
    pub written: bool,
    /// Its size in bytes.
    pub size: u64,
    /// What the next build's state keeps of it; `None` when unknown (then the next build
    /// compares it on disk).
    pub entry: Option<Entry>,
    /// For a file the last build's state has: true for this build's first record of it,
    /// false for a later one. `None` for any other file.
    pub first: Option<bool>,
}

/// Whether a [`WriteLog`] is open: the write functions record only then.
static LOG_OPEN: AtomicBool = AtomicBool::new(false);

/// One thread's records while the log is open.
type Buffer = Arc<Mutex<Vec<Produced>>>;

/// Every thread's buffer of the files the write functions saw while the log was open. A
/// global, so steps that know nothing of it (`bundle::write`) are recorded too. Each
/// thread pushes to its own buffer: one shared list's lock, taken for each of the
/// 330,000 files of a 100,000-article site by both cores and the build's other thread,
/// was 7% of an incremental build.
static BUFFERS: Mutex<Vec<Buffer>> = Mutex::new(Vec::new());

thread_local! {
    /// This thread's entry in [`BUFFERS`], registered on its first record.
    static MINE: Buffer = {
        let mine = Buffer::default();
        BUFFERS.lock().unwrap_or_else(|e| e.into_inner()).push(Arc::clone(&mine));
        mine
    };
}

/// The last build's state of the folder being written, while [`use_last`] holds it.
static LAST: RwLock<Option<Last>> = RwLock::new(None);

struct Last {
    site: PathBuf,
    state: OutState,
    trusted: bool,
}

impl Last {
    /// `path` as the state names it, when it is inside the site.
    fn relative<'p>(&self, path: &'p Path) -> Option<&'p str> {
        match inside(&self.site, path) {
            Some(rel) => Some(rel),
            None => path.strip_prefix(&self.site).ok()?.to_str(),
        }
    }
}

fn record(path: &Path, written: bool, size: u64, entry: Option<Entry>) {
    if !LOG_OPEN.load(Ordering::Acquire) {
        return;
    }
    let first = {
        let last = LAST.read().unwrap_or_else(|e| e.into_inner());
        last.as_ref()
            .and_then(|last| Some(last.state.files.get(last.relative(path)?)?.mark_produced()))
    };
    let produced = Produced {
        path: path.to_path_buf(),
        written,
        size,
        entry,
        first,
    };
    MINE.with(|mine| {
        mine.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(produced)
    });
}

/// Empties every thread's buffer, handing back what they held.
fn drain_buffers() -> Vec<Produced> {
    let mut buffers = BUFFERS.lock().unwrap_or_else(|e| e.into_inner());
    let mut all = Vec::with_capacity(
        buffers
            .iter()
            .map(|b| b.lock().map_or(0, |b| b.len()))
            .sum(),
    );
    for buffer in buffers.iter() {
        all.append(&mut buffer.lock().unwrap_or_else(|e| e.into_inner()));
    }
    // The buffers of threads that ended (each build's own threads) are held only here.
    buffers.retain(|b| Arc::strong_count(b) > 1);
    all
}

/// Makes `state` (the last build into `site`; `trusted` when the folder is as it left it)
/// what the write functions compare with, until [`take_last`].
pub fn use_last(site: &Path, state: OutState, trusted: bool) {
    *LAST.write().unwrap_or_else(|e| e.into_inner()) = Some(Last {
        site: site.to_path_buf(),
        state,
        trusted,
    });
}

/// Stops comparing with a last build; its state, which the caller frees where it
/// chooses (dropping 300,000 entries is not free).
pub fn take_last() -> Option<OutState> {
    let last = LAST.write().unwrap_or_else(|e| e.into_inner()).take();
    last.map(|l| l.state)
}

/// `path` inside `root`, as a `/`-separated string, when it is plainly `root/…` in UTF-8.
/// A test of bytes: `Path::strip_prefix` parses both paths into components, and for the
/// 330,000 files of a 100,000-article site that took 3% of an incremental build.
pub fn inside<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    let rest = path
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root.as_os_str().as_encoded_bytes())?
        .strip_prefix(b"/")?;
    std::str::from_utf8(rest).ok().filter(|r| !r.contains('\\'))
}

/// True when the last build's state (see [`use_last`]) holds `rel` (relative to its
/// folder, with `/`).
pub fn last_has(rel: &str) -> bool {
    let last = LAST.read().unwrap_or_else(|e| e.into_inner());
    last.as_ref()
        .is_some_and(|l| l.state.files.contains_key(rel))
}

/// What the last build left at `path`, when known and still there: always while the
/// folder is trusted whole, else only when the file still has the recorded size and time.
fn last_entry(path: &Path) -> Option<Entry> {
    let last = LAST.read().unwrap_or_else(|e| e.into_inner());
    let last = last.as_ref()?;
    let entry = last.state.files.get(last.relative(path)?)?.entry;
    if last.trusted {
        return Some(entry);
    }
    let (size, mtime) = size_and_time(&std::fs::metadata(path).ok()?)?;
    (size == entry.size && mtime == entry.mtime).then_some(entry)
}

/// True when the last build wrote `path` from inputs hashing to `key` (non-zero) and it
/// is still there: then it is recorded as produced, unchanged, and the caller need not
/// make its bytes.
pub fn unchanged_since(path: &Path, key: u128) -> bool {
    match last_entry(path) {
        Some(e) if key != 0 && e.key == key => {
            record(path, false, e.size, Some(e));
            true
        }
        _ => false,
    }
}

/// [`unchanged_since`] for a group of files made together: true, and all recorded, only
/// when every one of them is; else nothing is recorded (the caller makes them all).
pub fn all_unchanged_since(paths: &[PathBuf], key: u128) -> bool {
    if key == 0 {
        return false;
    }
    let mut entries = Vec::with_capacity(paths.len());
    for path in paths {
        match last_entry(path) {
            Some(e) if e.key == key => entries.push(e),
            _ => return false,
        }
    }
    for (path, e) in paths.iter().zip(entries) {
        record(path, false, e.size, Some(e));
    }
    true
}

/// Records `path` as produced and unchanged when the last build left it there (the
/// caller knows its bytes did not change); false when nothing is known of it.
pub fn keep(path: &Path) -> bool {
    match last_entry(path) {
        Some(e) => {
            record(path, false, e.size, Some(e));
            true
        }
        None => false,
    }
}

/// Writes `contents` unless the file already holds exactly that: the dev server watches
/// these folders and must not rebuild for an unchanged bundle, and a deploy that syncs
/// by modification time uploads only what changed. While a [`WriteLog`] is open, the
/// file is recorded in it, written or not.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result {
    write_keyed(path, 0, contents)
}

/// [`write_if_changed`], remembering that `contents` were made from inputs hashing to
/// `key` (see [`unchanged_since`]).
pub fn write_keyed(path: &Path, key: u128, contents: &[u8]) -> Result {
    let hash = content_hash(contents);
    let size = contents.len() as u64;
    let same = match last_entry(path) {
        Some(e) => (e.hash == hash && e.size == size).then_some(e.mtime),
        // Unknown: compare on disk (a different size needs no read).
        None => std::fs::metadata(path)
            .ok()
            .filter(|m| m.len() == size)
            .filter(|_| std::fs::read(path).is_ok_and(|old| old == contents))
            .and_then(|m| size_and_time(&m))
            .map(|(_, mtime)| mtime),
    };
    let (written, mtime) = match same {
        Some(mtime) => (false, mtime),
        None => (true, overwrite(path, contents)?),
    };
    let entry = Entry {
        hash,
        key,
        size,
        mtime,
    };
    record(path, written, size, Some(entry));
    Ok(())
}

/// The open write log: from [`WriteLog::open`] to [`WriteLog::close`] (or drop), every
/// file written through this module, on any thread, is recorded. One at a time per
/// process.
pub struct WriteLog(());

impl WriteLog {
    /// Starts recording (anything recorded before is dropped).
    pub fn open() -> Self {
        drain_buffers();
        LOG_OPEN.store(true, Ordering::Release);
        WriteLog(())
    }

    /// Stops recording; what was recorded: in order for each thread, one thread's after
    /// another's (nothing that reads the log depends on the order between threads).
    pub fn close(self) -> Vec<Produced> {
        LOG_OPEN.store(false, Ordering::Release);
        drain_buffers()
    }
}

impl Drop for WriteLog {
    fn drop(&mut self) {
        if LOG_OPEN.swap(false, Ordering::AcqRel) {
            drain_buffers();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of files under `site`: other tests of this binary, on other threads,
    /// may write files through this module while the log is open.
    fn under(site: &Path, records: Vec<Produced>) -> Vec<Produced> {
        records
            .into_iter()
            .filter(|p| p.path.starts_with(site))
            .collect()
    }

    /// The globals are shared by every test of this module: one test, in order.
    #[test]
    fn files_are_compared_by_hash_and_kept_by_key() {
        let site =
            std::env::temp_dir().join(format!("broadsheet-out-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        let a = site.join("x/a.html");
        let log = WriteLog::open();
        write_keyed(&a, 9, b"one").unwrap();
        write_if_changed(&a, b"one").unwrap();
        let first = under(&site, log.close());
        assert_eq!(first.len(), 2);
        assert!(first[0].written && !first[1].written, "{first:?}");
        let entry = first[0].entry.unwrap();
        assert_eq!((entry.key, entry.size), (9, 3));
        // With the last build's state: the key skips the work; equal bytes are not
        // written; other bytes are.
        let mut state = OutState::default();
        state.files.insert("x/a.html".into(), Slot::new(entry));
        use_last(&site, state, true);
        let log = WriteLog::open();
        assert!(unchanged_since(&a, 9));
        assert!(!unchanged_since(&a, 8));
        assert!(keep(&a) && !keep(&site.join("other.html")));
        write_keyed(&a, 8, b"one").unwrap();
        write_keyed(&a, 8, b"two").unwrap();
        let second = under(&site, log.close());
        let written: Vec<bool> = second.iter().map(|p| p.written).collect();
        assert_eq!(written, [false, false, false, true]);
        assert_eq!(std::fs::read(&a).unwrap(), b"two");
        // Rewritten in place: a shorter file is cut to its new length.
        write_if_changed(&a, b"a longer text").unwrap();
        write_if_changed(&a, b"ab").unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"ab");
        take_last();
        let _ = std::fs::remove_dir_all(&site);
    }
}
