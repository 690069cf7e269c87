//! Reading the articles for a build: every `*.md` file of the content folder, through
//! the parse cache ([`crate::parse_cache`]): a file whose size and time are those of the
//! last build is not read again; its article and front-matter come from the cache, and
//! its text is read again only by a step that needs it ([`Built::text`]).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use broadsheet_core::bundle::{assemble_with_origins, read_one, Bundle, ReadFile, Source};
use broadsheet_core::search;
use broadsheet_core::Report;
use rayon::prelude::*;

use crate::in_place::size_and_time;
use crate::out_state::content_hash;
use crate::parse_cache::{self, Record};
use crate::progress::Steps;
use crate::search_cache;
use crate::util::{read, read_dir, root, Error, Result};

/// One article file of the content folder.
struct ContentFile {
    /// Its path as reports show it.
    shown: String,
    path: PathBuf,
    /// Its folder entry, when it is a plain file: its metadata is then read relative to
    /// the folder (a full path's lookup, component by component, was half of the cost of
    /// reading 100,000 files' sizes and times).
    entry: Option<std::fs::DirEntry>,
}

impl ContentFile {
    /// Its metadata, following a symbolic link.
    fn metadata(&self) -> std::io::Result<std::fs::Metadata> {
        match &self.entry {
            Some(entry) => entry.metadata(),
            None => std::fs::metadata(&self.path),
        }
    }
}

/// Every `*.md` file of `dir`, sorted by the path shown. Reads the folder's entries
/// only: the files' metadata is read in parallel by the caller.
fn content_files(dir: &Path) -> Result<Vec<ContentFile>> {
    let mut files = Vec::new();
    // Once, not per file: at 100,000 files, asking for the root and stripping it by
    // path components each time took 0.05 s.
    let root = root();
    for entry in read_dir(dir)? {
        let path = entry.path();
        let kind = entry.file_type();
        let plain = kind.as_ref().is_ok_and(|t| t.is_file());
        let linked = kind.is_ok_and(|t| t.is_symlink()) && path.is_file();
        if (plain || linked) && path.extension().is_some_and(|e| e == "md") {
            let shown = match crate::out_files::inside(&root, &path) {
                Some(rel) => rel.to_string(),
                None => path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned(),
            };
            files.push(ContentFile {
                shown,
                path,
                entry: plain.then_some(entry),
            });
        }
    }
    files.sort_by(|a, b| a.shown.cmp(&b.shown));
    Ok(files)
}

/// Reads every `*.md` file of `dir` (sorted) as `(path shown in reports, bytes)`.
pub fn read_content(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    content_files(dir)?
        .into_iter()
        .map(|f| Ok((f.shown, read(&f.path)?)))
        .collect()
}

/// What xtask knows of an article's file beyond the bundle.
#[derive(Debug, Clone)]
pub struct FileInfo {
    /// The file.
    pub path: PathBuf,
    /// xxh3-128 of its bytes.
    pub hash: u128,
    /// Where its body starts.
    pub body_start: usize,
    /// The key of its searchable text ([`search_cache::doc_key`]).
    pub doc_key: u128,
    /// What related reading reads of it ([`crate::keys::fingerprint`]), kept by
    /// the parse cache rather than hashed again for every article of every build.
    pub print: u128,
}

/// The bundle and, per article in the same (feed) order, what xtask knows of its file.
#[derive(Debug)]
pub struct Built {
    /// The bundle.
    pub bundle: Bundle,
    /// Per article of `bundle.articles`.
    pub files: Vec<FileInfo>,
}

impl Built {
    /// The whole text of article `i`: held, or read again (a file unchanged since the last
    /// build is held by its front-matter only). Fails when the file changed since it was
    /// first looked at in this build.
    pub fn text(&self, i: usize) -> Result<Cow<'_, str>> {
        let (Some((_, source)), Some(info)) = (self.bundle.articles.get(i), self.files.get(i))
        else {
            return Err(format!("no article {i}").into());
        };
        if let Some(text) = source.text() {
            return Ok(Cow::Borrowed(text));
        }
        let bytes = read(&info.path)?;
        if content_hash(&bytes) != info.hash {
            return Err(format!(
                "{} changed while dist was running; run it again",
                info.path.display()
            )
            .into());
        }
        String::from_utf8(bytes)
            .map(Cow::Owned)
            .map_err(|e| Error::Msg(format!("{}: {e}", info.path.display())))
    }

    /// The markdown body of article `i` (see [`Built::text`]).
    pub fn body(&self, i: usize) -> Result<Cow<'_, str>> {
        if let Some(body) = self.bundle.articles.get(i).and_then(|(_, s)| s.body()) {
            return Ok(Cow::Borrowed(body));
        }
        let start = self.files.get(i).map_or(0, |f| f.body_start);
        let text = self.text(i)?;
        text.get(start..)
            .map(|body| Cow::Owned(body.to_string()))
            .ok_or_else(|| format!("article {i}: body offset {start} out of range").into())
    }
}

/// One file read for a build: from the cache, or read and parsed now.
struct Read<'c> {
    name: String,
    size: u64,
    mtime: u64,
    outcome: std::result::Result<ReadFile, Report>,
    /// The cache's record (kept as it was, or just encoded); none for a rejected file.
    record: Option<Cow<'c, [u8]>>,
    info: Option<FileInfo>,
}

/// A file read, without its record (kept or not by then).
struct Done {
    name: String,
    outcome: std::result::Result<ReadFile, Report>,
    info: Option<FileInfo>,
}

impl Read<'_> {
    /// What the rest of the build needs of it.
    fn done(self) -> Done {
        Done {
            name: self.name,
            outcome: self.outcome,
            info: self.info,
        }
    }
}

/// Reads one file: from `cache` when its size and time match, else from disk.
fn read_file<'c>(cache: &'c parse_cache::Shard, file: ContentFile) -> Result<Read<'c>> {
    let meta = file.metadata().map_err(|source| Error::Io {
        action: "reading",
        path: file.path.clone(),
        source,
    })?;
    let ContentFile {
        shown: name, path, ..
    } = file;
    let (size, mtime) = size_and_time(&meta).unwrap_or((meta.len(), 0));
    if let Some(raw) = cache.raw(&name, size, mtime) {
        if let Some(record) = parse_cache::decode(raw) {
            let info = FileInfo {
                path,
                hash: record.hash,
                body_start: record.body_start,
                doc_key: record.doc_key,
                print: record.print,
            };
            let file = ReadFile {
                article: record.article,
                source: Source::front_matter_only(record.front_matter),
            };
            return Ok(Read {
                name,
                size,
                mtime,
                outcome: Ok(file),
                record: Some(Cow::Borrowed(raw)),
                info: Some(info),
            });
        }
    }
    let bytes = read(&path)?;
    let hash = content_hash(&bytes);
    let outcome = read_one(&name, bytes);
    let (record, info) = match &outcome {
        Ok(file) => {
            let body = file.source.body().unwrap_or_default();
            let doc_key = if file.article.draft {
                0
            } else {
                search_cache::doc_key(&search::DocText::of(&file.article, body))
            };
            let print = crate::keys::fingerprint(&file.article);
            let record = Record {
                article: file.article.clone(),
                front_matter: file.source.front_matter().to_string(),
                hash,
                body_start: file.source.body_offset().unwrap_or_default(),
                doc_key,
                print,
            };
            let info = FileInfo {
                path,
                hash,
                body_start: record.body_start,
                doc_key,
                print,
            };
            (Some(Cow::Owned(parse_cache::encode(&record))), Some(info))
        }
        Err(_) => (None, None),
    };
    Ok(Read {
        name,
        size,
        mtime,
        outcome,
        record,
        info,
    })
}

/// Builds the bundle from `content`, prints its reports, and fails under `strict`. The
/// files are read and validated in parallel (each on its own, [`read_one`], or from the
/// parse cache), then put together in order ([`assemble_with_origins`]); `steps` times the parts.
pub fn read_all(content: &Path, strict: bool, steps: &mut Steps) -> Result<Built> {
    let files = steps.run("list", || content_files(content))?;
    let count = files.len();
    // Each file with its place in name order, to put them back in it (what `assemble_with_origins`
    // sorts by: sorted input is sorted in one pass).
    let mut by_shard: Vec<Vec<(usize, ContentFile)>> =
        (0..parse_cache::SHARDS).map(|_| Vec::new()).collect();
    for (at, file) in files.into_iter().enumerate() {
        by_shard[parse_cache::shard_of(&file.shown)].push((at, file));
    }
    // A shard at a time (on every core): its last records read into a buffer the next
    // shard reuses, its files read through them, and the shard written again if changed.
    let done: Vec<Vec<(usize, Done)>> = steps.run("parse", || {
        by_shard
            .into_par_iter()
            .enumerate()
            .map_init(
                Vec::new,
                |buffer, (i, files)| -> Result<Vec<(usize, Done)>> {
                    let last = parse_cache::Shard::load(content, i, std::mem::take(buffer));
                    let (places, read): (Vec<usize>, Vec<Read>) = files
                        .into_iter()
                        .map(|(at, file)| Ok((at, read_file(&last, file)?)))
                        .collect::<Result<Vec<(usize, Read)>>>()?
                        .into_iter()
                        .unzip();
                    let kept: Vec<parse_cache::Kept> = read
                        .iter()
                        .filter_map(|r| {
                            Some(parse_cache::Kept {
                                name: &r.name,
                                size: r.size,
                                mtime: r.mtime,
                                record: r.record.as_deref()?,
                                fresh: matches!(r.record, Some(Cow::Owned(_))),
                            })
                        })
                        .collect();
                    parse_cache::save(content, i, &last, &kept)?;
                    drop(kept);
                    let done = places
                        .into_iter()
                        .zip(read.into_iter().map(Read::done))
                        .collect();
                    *buffer = last.into_buffer();
                    Ok(done)
                },
            )
            .collect::<Result<_>>()
    })?;
    parse_cache::forget_unsharded(content);
    let mut in_order: Vec<Option<Done>> = (0..count).map(|_| None).collect();
    for (at, d) in done.into_iter().flatten() {
        in_order[at] = Some(d);
    }
    let mut infos: Vec<Option<FileInfo>> = Vec::with_capacity(count);
    let mut outcomes = Vec::with_capacity(count);
    for r in in_order.into_iter().flatten() {
        infos.push(r.info);
        outcomes.push((r.name, r.outcome));
    }
    let (bundle, origins) = steps.run("assemble", || assemble_with_origins(outcomes));
    let files = origins
        .iter()
        .zip(&bundle.entries)
        .map(|(&at, e)| {
            infos
                .get_mut(at)
                .and_then(Option::take)
                .ok_or_else(|| Error::Msg(format!("no file read for {}", e.slug)))
        })
        .collect::<Result<Vec<FileInfo>>>()?;
    for report in &bundle.meta.rejected {
        eprintln!("{report}");
    }
    eprintln!(
        "bundle: {} articles, {} drafts left out, {} files rejected",
        bundle.entries.len(),
        bundle.drafts,
        bundle.meta.rejected.len()
    );
    if strict && !bundle.meta.rejected.is_empty() {
        return Err(format!("{} files rejected (--strict)", bundle.meta.rejected.len()).into());
    }
    Ok(Built { bundle, files })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str) -> String {
        format!("---\ntitle: {title}\npublishedAt: '2026-01-02T00:00:00Z'\n---\nBody.\n")
    }

    /// Plain files are read through their folder entry, links through their path (to
    /// what they point at); an edit of either is seen by the next read, whatever the
    /// cache holds.
    #[cfg(unix)]
    #[test]
    fn plain_and_linked_files_are_read_and_edits_seen() {
        let dir = std::env::temp_dir().join(format!("broadsheet-articles-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (content, elsewhere) = (dir.join("content"), dir.join("elsewhere"));
        std::fs::create_dir_all(&content).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(content.join("plain.md"), article("Plain")).unwrap();
        std::fs::write(elsewhere.join("target.md"), article("Linked")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("target.md"), content.join("linked.md")).unwrap();
        std::fs::write(content.join("notes.txt"), "not an article").unwrap();
        let titles = || {
            let built = read_all(&content, true, &mut Steps::default()).unwrap();
            let mut t: Vec<String> = built
                .bundle
                .articles
                .iter()
                .map(|(a, _)| a.title.clone())
                .collect();
            t.sort();
            t
        };
        assert_eq!(titles(), ["Linked", "Plain"]);
        // Other lengths, so the size alone tells the cache the files changed.
        std::fs::write(content.join("plain.md"), article("Plain, edited")).unwrap();
        std::fs::write(elsewhere.join("target.md"), article("Linked, edited")).unwrap();
        assert_eq!(titles(), ["Linked, edited", "Plain, edited"]);
        parse_cache::forget(&content);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
