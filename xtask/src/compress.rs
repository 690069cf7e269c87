//! `.br` and `.gz` copies for hosts that serve precompressed files (nginx's
//! `brotli_static` / `gzip_static`), each made once: compressed bytes are kept under
//! `target/compress-cache/` by the hash of what was compressed, so an unchanged file
//! (or the same file in another site) is never compressed again.
//!
//! Which files get copies is `dist`'s choice: by default the app shell (its hashed
//! `.wasm`/`.js`/`.css`, the pages it starts from, the worker, the manifest), which
//! every visit loads; with `--precompress`, every text file. GitHub Pages, Netlify and
//! Cloudflare compress on their own and ignore the copies.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::out_files::{keep, write_if_changed};
use crate::progress::bar;
use crate::util::{brotli, fast_hash, gzip, read, root, write, Result};

/// Extensions of the text files that get copies.
pub const COMPRESSIBLE: [&str; 10] = [
    "html",
    "js",
    "wasm",
    "css",
    "json",
    "md",
    "xml",
    "txt",
    "svg",
    "webmanifest",
];

/// Smaller files are sent as they are: a copy would save nothing worth a request header.
const MIN_BYTES: u64 = 512;

/// Bump when the compressors' settings change, so older cached bytes are not reused.
const CACHE_VERSION: &str = "br11w22-gzbest-1";

/// True when a file named `rel` of `size` bytes gets `.br`/`.gz` copies.
pub fn wants_copies(rel: &str, size: u64) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    size >= MIN_BYTES && COMPRESSIBLE.contains(&ext)
}

/// One file to give copies: its path relative to the site, and whether the build left
/// its bytes unchanged (then copies already on disk are kept without reading it).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Path relative to the site root, with `/`.
    pub rel: String,
    /// True when this build did not change the file's bytes.
    pub unchanged: bool,
}

/// The cache folder.
fn cache_dir() -> PathBuf {
    root().join("target/compress-cache")
}

/// The compressed bytes of `data` (`ext` `br` or `gz`), from the cache or made now and
/// kept.
fn cached(cache: &Path, key: &str, ext: &str, data: &[u8]) -> Result<Vec<u8>> {
    let path = cache.join(&key[..2]).join(format!("{key}.{ext}"));
    if let Ok(bytes) = std::fs::read(&path) {
        return Ok(bytes);
    }
    let bytes = if ext == "br" {
        brotli(data)
    } else {
        gzip(data)
    };
    // Written beside and renamed, so a build stopped half-way never leaves a torn entry.
    let tmp = path.with_extension(format!("{ext}.{}.tmp", std::process::id()));
    write(&tmp, &bytes)?;
    let _ = std::fs::rename(&tmp, &path);
    Ok(bytes)
}

/// Compresses the files `rels` of `site` into the cache, both copies of a file at once,
/// so that [`precompress`] later finds them made: `dist` calls it on a thread of its own
/// as soon as the front page and 404 page are final (the front page changes with every
/// new article, and its brotli at quality 11 is a tenth of a second that the feeds and
/// host files steps can hide). Failures are left for [`precompress`] to report.
pub fn warm(site: &Path, rels: &[&str]) {
    let cache = cache_dir();
    for rel in rels {
        let Ok(data) = std::fs::read(site.join(rel)) else {
            continue;
        };
        if !wants_copies(rel, data.len() as u64) {
            continue;
        }
        let _ = copies(&cache, &data);
    }
}

/// The brotli and gzip copies of `data`, from the cache or made now (both at once).
fn copies(cache: &Path, data: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let key = fast_hash(&[CACHE_VERSION.as_bytes(), data]);
    let (br, gz) = rayon::join(
        || cached(cache, &key, "br", data),
        || cached(cache, &key, "gz", data),
    );
    Ok((br?, gz?))
}

/// Writes `file.br` and `file.gz` beside each of `files` under `site` (both cores).
/// `exists` says whether a path (relative to `site`) was on disk before the build: an
/// unchanged file whose two copies exist keeps them untouched.
pub fn precompress(
    site: &Path,
    files: &[Candidate],
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Result {
    let cache = cache_dir();
    let progress = bar(files.len(), "compress");
    let result = files.par_iter().try_for_each(|file| -> Result {
        let (br, gz) = (format!("{}.br", file.rel), format!("{}.gz", file.rel));
        // Copies of an unchanged file are kept as the last build left them (known from its
        // state, or checked on disk), without reading the file.
        let kept = file.unchanged
            && exists(&br)
            && exists(&gz)
            && keep(&site.join(&br))
            && keep(&site.join(&gz));
        if !kept {
            let (br_bytes, gz_bytes) = copies(&cache, &read(&site.join(&file.rel))?)?;
            write_if_changed(&site.join(&br), &br_bytes)?;
            write_if_changed(&site.join(&gz), &gz_bytes)?;
        }
        progress.inc(1);
        Ok(())
    });
    progress.finish_and_clear();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_files_big_enough_get_copies() {
        assert!(wants_copies("article/a/index.html", 4096));
        assert!(wants_copies("broadsheet-0123456789abcdef_bg.wasm", 100_000));
        assert!(!wants_copies("index.html", 100));
        assert!(!wants_copies("covers/a.webp", 100_000));
        assert!(!wants_copies("index.html.br", 100_000));
    }

    #[test]
    fn copies_are_made_once_and_reused() {
        let site = std::env::temp_dir().join(format!("broadsheet-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        std::fs::create_dir_all(&site).unwrap();
        let text = "compress me please ".repeat(100);
        std::fs::write(site.join("a.html"), &text).unwrap();
        let files = [Candidate {
            rel: "a.html".into(),
            unchanged: false,
        }];
        precompress(&site, &files, &|_| false).unwrap();
        let br = std::fs::read(site.join("a.html.br")).unwrap();
        assert!(br.len() < text.len());
        assert_eq!(br, brotli(text.as_bytes()));
        assert!(std::fs::read(site.join("a.html.gz")).is_ok());
        // The same bytes again come from the cache, equal.
        precompress(&site, &files, &|_| false).unwrap();
        assert_eq!(std::fs::read(site.join("a.html.br")).unwrap(), br);
        let _ = std::fs::remove_dir_all(&site);
    }
}
