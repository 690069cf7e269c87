//! The `--out` folder of `dist`, managed whole: what was there before the build, and
//! after it, every file the build did not produce deleted (with the folders left
//! empty), and the list of what changed for a deploy to upload.
//!
//! Files are produced through `out_files` (`write_if_changed`, `write_keyed`, `keep`,
//! `unchanged_since`), which records them in the open `out_files::WriteLog`; a file
//! keeps its bytes and modification time unless its bytes change, so a sync by time or
//! by checksum moves only what this build changed.
//!
//! What was there before comes from the last build's state ([`crate::out_state`]) when
//! the folder is as that build left it, so a site of 330,000 files is not listed; else
//! the folder is listed. The state is written again once the folder is final.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::bin_codec::{FastMap, FastSet};
use crate::out_files::{inside, last_has, take_last, use_last, Produced};
use crate::out_state::{Encoded, Loaded, OutState};
use crate::util::{write, Result};

/// The folder as it was before the build.
#[derive(Debug, Default)]
pub struct Before {
    /// Every file, by path relative to the folder (with `/`), when the folder was listed;
    /// empty when it is known from the last build's state ([`Before::in_state`]).
    pub files: FastSet<String>,
    /// Folders that held nothing.
    empty_dirs: Vec<PathBuf>,
    /// True when the files are those of the last build's state (held by `out_files`
    /// until [`finish`]), not copied here: 330,000 paths cloned into a set took a
    /// quarter of a second.
    in_state: bool,
}

impl Before {
    /// True when the folder held `rel` before the build.
    pub fn had(&self, rel: &str) -> bool {
        if self.in_state {
            last_has(rel)
        } else {
            self.files.contains(rel)
        }
    }
}

/// Path of `path` relative to `root`, with `/`.
pub fn relative(root: &Path, path: &Path) -> String {
    if let Some(rel) = inside(root, path) {
        return rel.to_string();
    }
    let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if rel.contains('\\') {
        rel.replace('\\', "/")
    } else {
        rel.into_owned()
    }
}

/// What `out` holds before the build, and the last build's state of it made what the
/// write functions compare with ([`use_last`]). From the state alone when its stamp
/// matches the folder; else the folder is listed ([`scan`]) and the state, if any, is
/// used file by file. The kept state is deleted here, before anything changes the folder,
/// and written again by [`finish`].
pub fn before(out: &Path) -> Before {
    match OutState::load(out) {
        Some(Loaded {
            state,
            trusted: true,
        }) => {
            OutState::forget(out);
            use_last(out, state, true);
            Before {
                in_state: true,
                ..Before::default()
            }
        }
        loaded => {
            let before = scan(out);
            if let Some(Loaded { state, .. }) = loaded {
                OutState::forget(out);
                use_last(out, state, false);
            }
            before
        }
    }
}

/// Lists `out` (nothing when it does not exist yet). Reads directory entries only, no
/// file metadata, so a folder of a few hundred thousand files lists in a second or two.
pub fn scan(out: &Path) -> Before {
    fn walk(root: &Path, dir: &Path, into: &mut Before) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut any = false;
        for entry in entries.flatten() {
            any = true;
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(root, &path, into);
            } else {
                into.files.insert(relative(root, &path));
            }
        }
        if !any && dir != root {
            into.empty_dirs.push(dir.to_path_buf());
        }
    }
    let mut b = Before::default();
    walk(out, out, &mut b);
    b
}

/// What a build changed in its folder.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files whose bytes changed or that are new, sorted.
    pub written: Vec<String>,
    /// Files deleted, sorted.
    pub deleted: Vec<String>,
    /// Files produced with the bytes they already had.
    pub unchanged: usize,
    /// Files of the site now.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

/// A file produced by the build: whether it was written, its size, and what the next
/// build's state keeps of it.
pub type Seen = (bool, u64, Option<crate::out_state::Entry>);

/// Every file the build produced, by path relative to the folder, each once.
#[derive(Debug, Default)]
pub struct Files {
    /// Files of the last build's state produced once: nearly all of them, taken as they
    /// were recorded, never hashed into a map.
    once: Vec<(String, Seen)>,
    /// The others (new files, files produced more than once), merged by path.
    merged: FastMap<String, Seen>,
}

impl Files {
    /// Gathers `produced`: a file produced twice counts as written if either wrote it,
    /// with the last one's size and entry.
    fn of(out: &Path, produced: Vec<Produced>) -> Files {
        // Paths recorded again after their first record (rare): their first record is
        // merged too.
        let again: FastSet<String> = produced
            .iter()
            .filter(|p| p.first == Some(false))
            .map(|p| relative(out, &p.path))
            .collect();
        let mut files = Files {
            once: Vec::with_capacity(produced.len()),
            merged: FastMap::default(),
        };
        for p in produced {
            let first = p.first;
            let rel = into_relative(out, p.path);
            let seen = (p.written, p.size, p.entry);
            if first == Some(true) && (again.is_empty() || !again.contains(&rel)) {
                files.once.push((rel, seen));
                continue;
            }
            let e = files.merged.entry(rel).or_insert((false, p.size, None));
            e.0 |= p.written;
            e.1 = p.size;
            e.2 = p.entry;
        }
        files
    }

    /// Each file with what was recorded of it.
    fn iter(&self) -> impl Iterator<Item = (&String, &Seen)> {
        self.once
            .iter()
            .map(|(rel, seen)| (rel, seen))
            .chain(&self.merged)
    }

    /// How many files.
    fn len(&self) -> usize {
        self.once.len() + self.merged.len()
    }
}

/// What [`finish`] is done with: the last build's state and this one's files.
pub type Spent = (Option<OutState>, Files);

/// `path` relative to `out` (see [`relative`]), reusing `path`'s own buffer.
fn into_relative(out: &Path, path: PathBuf) -> String {
    let Some(cut) = inside(out, &path).map(|rel| path.as_os_str().len() - rel.len()) else {
        return relative(out, &path);
    };
    match path.into_os_string().into_string() {
        Ok(mut rel) => {
            rel.drain(..cut);
            rel
        }
        Err(path) => relative(out, Path::new(&path)),
    }
}

/// Deletes every file of `out` that was there `before` and is not in `produced`, then
/// the folders this leaves empty (and those that were empty already), and keeps the
/// state of the folder for the next build. Also hands back the last build's state and
/// this build's files, for the caller to free when it chooses.
pub fn finish(out: &Path, before: &Before, produced: Vec<Produced>) -> Result<(Changes, Spent)> {
    let files = Files::of(out, produced);
    let last = take_last();
    let seen = &files;
    // The next build's state is encoded on another thread while stale files are
    // deleted here (0.1 s at 100,000 articles); stamped and kept once nothing changes.
    let (changes, encoded) = std::thread::scope(|scope| {
        let encoded = scope.spawn(|| {
            Encoded::of(
                seen.iter()
                    .filter_map(|(rel, (_, _, entry))| Some((rel.as_str(), entry.as_ref()?))),
            )
        });
        let changes = sweep(out, before, seen, last.as_ref());
        (changes, encoded.join())
    });
    let encoded = encoded.map_err(|_| "the thread encoding the folder's state panicked")?;
    encoded.save(out)?;
    Ok((changes, (last, files)))
}

/// What changed, with every file of `out` that was there `before` (or in `last`, the
/// last build's state, when `before` was taken from it) and is not in `files` deleted,
/// and then the folders left empty.
fn sweep(out: &Path, before: &Before, files: &Files, last: Option<&OutState>) -> Changes {
    let mut changes = Changes {
        files: files.len(),
        ..Changes::default()
    };
    for (rel, (written, size, _)) in files.iter() {
        changes.bytes += size;
        if *written {
            changes.written.push(rel.clone());
        } else {
            changes.unchanged += 1;
        }
    }
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let mut with_parents = |from: Option<&Path>| {
        let mut dir = from;
        while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
            if !dirs.insert(d.to_path_buf()) {
                break;
            }
            dir = d.parent();
        }
    };
    for d in &before.empty_dirs {
        with_parents(Some(d));
    }
    // A listed folder (the state was not trusted) is checked against the paths produced;
    // the state's files by their marks.
    let produced: FastSet<&str> = if before.files.is_empty() {
        FastSet::default()
    } else {
        files.iter().map(|(rel, _)| rel.as_str()).collect()
    };
    let listed = before
        .files
        .iter()
        .filter(|rel| !produced.contains(rel.as_str()));
    let in_state = last.iter().filter(|_| before.in_state);
    let unmarked = in_state.flat_map(|s| {
        s.files
            .iter()
            .filter(|(_, slot)| !slot.produced())
            .map(|(rel, _)| rel)
    });
    for rel in listed.chain(unmarked) {
        let path = out.join(rel);
        // Already gone is fine: a step may have removed its own stale files.
        let _ = std::fs::remove_file(&path);
        changes.deleted.push(rel.clone());
        with_parents(path.parent());
    }
    // Deepest first, so a parent is tried once its children are gone.
    let mut dirs: Vec<PathBuf> = dirs.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = std::fs::remove_dir(d);
    }
    changes.written.sort();
    changes.deleted.sort();
    changes
}

/// Paths listed in the log, at most this many of each kind.
const SHOWN: usize = 20;

impl Changes {
    /// The lines of a `--changes` file: `written <path>` and `deleted <path>`.
    pub fn lines(&self) -> String {
        let mut out = String::new();
        for p in &self.written {
            out.push_str(&format!("written {p}\n"));
        }
        for p in &self.deleted {
            out.push_str(&format!("deleted {p}\n"));
        }
        out
    }

    /// Writes [`Changes::lines`] to `file`.
    pub fn write_to(&self, file: &Path) -> Result {
        write(file, self.lines())
    }

    /// What the log shows: every path when there are few, else a count and the first.
    pub fn shown(&self) -> String {
        let mut out = String::new();
        for (verb, list) in [("written", &self.written), ("deleted", &self.deleted)] {
            if list.is_empty() {
                continue;
            }
            if list.len() <= SHOWN {
                for p in list {
                    out.push_str(&format!("  {verb} {p}\n"));
                }
            } else {
                out.push_str(&format!("  {verb} {} files, first:\n", list.len()));
                for p in list.iter().take(5) {
                    out.push_str(&format!("    {p}\n"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_produced_again_or_new_are_merged_by_path() {
        let out = Path::new("/site");
        let record = |rel: &str, written: bool, size: u64, first: Option<bool>| Produced {
            path: out.join(rel),
            written,
            size,
            entry: None,
            first,
        };
        let files = Files::of(
            out,
            vec![
                record("a.html", false, 1, Some(true)),
                record("b.html", false, 2, Some(true)),
                record("new.html", true, 3, None),
                record("b.html", true, 7, Some(false)),
                record("new.html", false, 4, None),
            ],
        );
        assert_eq!(files.len(), 3);
        assert_eq!(files.once, [("a.html".to_string(), (false, 1, None))]);
        assert_eq!(files.merged["b.html"], (true, 7, None));
        assert_eq!(files.merged["new.html"], (true, 4, None));
    }

    #[test]
    fn what_the_build_did_not_produce_is_deleted() {
        let out = std::env::temp_dir().join(format!("broadsheet-site-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        for f in [
            "keep.html",
            "old/gone.html",
            "a/b/stale.json",
            "a/kept.json",
        ] {
            write(&out.join(f), "x").unwrap();
        }
        std::fs::create_dir_all(out.join("empty/inner")).unwrap();
        let b = scan(&out);
        assert_eq!(b.files.len(), 4);
        let produced = vec![
            Produced {
                path: out.join("keep.html"),
                written: false,
                size: 1,
                entry: None,
                first: None,
            },
            Produced {
                path: out.join("a/kept.json"),
                written: true,
                size: 1,
                entry: None,
                first: None,
            },
            Produced {
                path: out.join("new.txt"),
                written: true,
                size: 3,
                entry: None,
                first: None,
            },
        ];
        let (c, _) = finish(&out, &b, produced).unwrap();
        assert_eq!(c.written, ["a/kept.json", "new.txt"]);
        assert_eq!(c.deleted, ["a/b/stale.json", "old/gone.html"]);
        assert_eq!((c.unchanged, c.files, c.bytes), (1, 3, 5));
        assert!(!out.join("old").exists() && !out.join("a/b").exists());
        assert!(!out.join("empty").exists());
        assert!(out.join("a/kept.json").exists() && out.join("keep.html").exists());
        assert_eq!(
            c.lines(),
            "written a/kept.json\nwritten new.txt\ndeleted a/b/stale.json\ndeleted old/gone.html\n"
        );
        OutState::forget(&out);
        let _ = std::fs::remove_dir_all(&out);
    }
}

/// A file every Broadsheet site holds (the bundle's summary): a folder with it is one
/// that `dist` built before.
const SITE_MARK: &str = "data/feed/meta.json";

/// Refuses an `--out` folder that `dist` must not manage: the build deletes every file
/// there that it did not produce, so a mistyped `--out .` or `--out ~` would delete the
/// sources or a home folder. Allowed: a missing or empty folder, or an earlier build
/// (it holds [`SITE_MARK`]); never the file system root, the home folder, the repository
/// or a folder holding it, nor the content folder or anything around or inside it.
pub fn check_out(out: &Path, content: &Path, repo: &Path) -> Result {
    let full = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (out_full, content, repo) = (full(out), full(content), full(repo));
    let home = std::env::var_os("HOME").map(|h| full(Path::new(&h)));
    let refuse = |why: &str| -> Result {
        Err(format!(
            "--out {}: {why}; choose a new or empty folder",
            out.display()
        )
        .into())
    };
    if out_full.parent().is_none() || home.as_deref() == Some(out_full.as_path()) {
        return refuse("is the file system root or the home folder");
    }
    if repo.starts_with(&out_full) {
        return refuse("holds this repository, and dist deletes what it did not write there");
    }
    if content.starts_with(&out_full) || out_full.starts_with(&content) {
        return refuse("is or holds the articles (--content)");
    }
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    if !empty && !out.join(SITE_MARK).is_file() {
        return refuse(&format!(
            "is not empty and holds no earlier build ({SITE_MARK}), and dist deletes every \
             file there that it did not write (remove the folder if a first build failed)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod out_tests {
    use super::check_out;

    #[test]
    fn a_folder_that_is_not_a_site_is_never_swept() {
        let tmp = std::env::temp_dir().join(format!("broadsheet-out-{}", std::process::id()));
        let (repo, content, out) = (tmp.join("repo"), tmp.join("repo/content"), tmp.join("site"));
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(repo.join("Cargo.toml"), "").unwrap();
        // New, then empty: fine.
        assert!(check_out(&out, &content, &repo).is_ok());
        std::fs::create_dir_all(&out).unwrap();
        assert!(check_out(&out, &content, &repo).is_ok());
        // Someone's files: refused, with the reason.
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_out(&out, &content, &repo).unwrap_err().to_string();
        assert!(err.contains("is not empty"), "{err}");
        // An earlier build: fine.
        std::fs::create_dir_all(out.join("data/feed")).unwrap();
        std::fs::write(out.join("data/feed/meta.json"), "{}").unwrap();
        assert!(check_out(&out, &content, &repo).is_ok());
        // The repository, a folder above it, the articles: refused.
        for bad in [&repo, &tmp, &content] {
            assert!(
                check_out(bad, &content, &repo).is_err(),
                "{}",
                bad.display()
            );
        }
        assert!(check_out(&content.join("x"), &content, &repo).is_err());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
