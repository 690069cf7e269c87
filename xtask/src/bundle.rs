//! `cargo xtask bundle`: validates `content/` with the core and writes `data/`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use broadsheet_core::bundle::{build, Bundle, META_PATH};
use broadsheet_core::search;

use crate::flags::{Args, Flag, Task};
use crate::util::{read, read_dir, root, to_json, write_if_changed, Result};

/// `cargo xtask bundle`.
pub const TASK: Task = Task {
    name: "bundle",
    summary: "Validate content/*.md and write DIR/data/ (default: public/).",
    about: "Bad files are reported as path:line: reason and skipped. Trunk's pre-build hook\n\
            runs this, so a plain `trunk serve` also shows the current articles.",
    flags: &[
        Flag::value("--content", "DIR", "the articles (default: content/)"),
        Flag::value(
            "--out",
            "DIR",
            "the site folder to write data/ into (default: public/)",
        ),
        Flag::switch("--strict", "fail when any file is rejected"),
    ],
    run,
};

/// Reads every `*.md` file of `dir` (sorted) as `(path shown in reports, bytes)`.
pub fn read_content(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in read_dir(dir)? {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let bytes = read(&path)?;
            let shown = path
                .strip_prefix(root())
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            files.push((shown, bytes));
        }
    }
    files.sort();
    Ok(files)
}

/// Builds the bundle from `content`, prints its reports, and fails under `strict`.
pub fn bundle(content: &Path, strict: bool) -> Result<Bundle> {
    let bundle = build(read_content(content)?);
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
    Ok(bundle)
}

/// Writes `site/data/feed/` (summary, and each list's head and numbered pages),
/// `site/data/articles/` (sources and related links), `site/data/ids/` (buckets of id ->
/// current slug) and `site/data/search/`, removing stale files. Files whose bytes are
/// unchanged are left alone, so one new article touches few of them.
pub fn write(bundle: &Bundle, site: &Path) -> Result {
    // The search index, the slowest part, shares nothing with the rest: on another core.
    let (files, search) = rayon::join(|| write_files(bundle, site), || write_search(bundle, site));
    files.and(search)
}

/// Everything [`write`] writes but the search index.
fn write_files(bundle: &Bundle, site: &Path) -> Result {
    let mut written: HashSet<PathBuf> = HashSet::new();
    let mut put = |rel: &str, bytes: &[u8]| -> Result {
        let path = site.join(rel);
        write_if_changed(&path, bytes)?;
        written.insert(path);
        Ok(())
    };
    put(META_PATH, &to_json(META_PATH, &bundle.meta)?)?;
    for list in bundle.lists() {
        for (path, file) in list.files() {
            put(&path, &to_json(&path, &file)?)?;
        }
    }
    for (path, text) in &bundle.sources {
        put(path, text.as_bytes())?;
    }
    for (path, links) in bundle.sidecars() {
        put(&path, &to_json(&path, &links)?)?;
    }
    for (path, bucket) in bundle.id_buckets() {
        put(&path, &to_json(&path, &bucket)?)?;
    }
    for dir in ["data/feed", "data/articles", "data/ids"] {
        remove_stale(&site.join(dir), &written);
    }
    Ok(())
}

/// Deletes every file under `dir` that this build did not write, and folders left empty.
fn remove_stale(dir: &Path, keep: &HashSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_stale(&path, keep);
            let _ = std::fs::remove_dir(&path);
        } else if !keep.contains(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Writes the full-text index: `site/data/search/manifest.json` and one file per shard,
/// removing shards a previous build left behind.
fn write_search(bundle: &Bundle, site: &Path) -> Result {
    let index = search::index_articles(&bundle.articles);
    let manifest = to_json(search::MANIFEST_PATH, &index.manifest)?;
    write_if_changed(&site.join(search::MANIFEST_PATH), &manifest)?;
    for (name, shard) in &index.shards {
        let path = search::shard_path(name);
        write_if_changed(&site.join(&path), &to_json(&path, shard)?)?;
    }
    let keep = |file: &str| {
        file == "manifest.json"
            || file
                .strip_suffix(".json")
                .is_some_and(|n| index.manifest.shards.iter().any(|s| s == n))
    };
    if let Ok(entries) = std::fs::read_dir(site.join(search::SEARCH_DIR)) {
        for entry in entries.flatten() {
            if !keep(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// `cargo xtask bundle [--content DIR] [--out DIR] [--strict]`.
fn run(args: &Args) -> Result {
    // Trunk reads the stylesheet after this hook, for `serve` and `dist` alike.
    crate::stylesheet::write()?;
    // `cargo xtask dist` bundles into its own output; Trunk's pre-build hook then skips.
    if std::env::var_os("BROADSHEET_SKIP_BUNDLE").is_some() {
        return Ok(());
    }
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("public"));
    let bundle = bundle(&content, args.switch("--strict"))?;
    write(&bundle, &out)
}
