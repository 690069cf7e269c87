//! `cargo xtask bundle`: validates `content/` with the core and writes `data/`.

use std::path::{Path, PathBuf};

use std::collections::HashSet;

use broadsheet_core::bundle::{build, Bundle, META_PATH};
use broadsheet_core::search;

use crate::args::Args;
use crate::root;

/// Reads every `*.md` file of `dir` (sorted) as `(path shown in reports, bytes)`.
pub fn read_content(dir: &Path) -> crate::Result<Vec<(String, Vec<u8>)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
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

/// Writes `contents` unless the file already holds exactly that: the dev server watches
/// these folders and must not rebuild for an unchanged bundle.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> crate::Result {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Builds the bundle from `content`, prints its reports, and fails under `strict`.
pub fn bundle(content: &Path, strict: bool) -> crate::Result<Bundle> {
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
        return Err(format!(
            "{} files rejected (--strict)",
            bundle.meta.rejected.len()
        ));
    }
    Ok(bundle)
}

/// Writes `site/data/feed/` (summary and list pages), `site/data/articles/` (sources and
/// related links), `site/data/ids/` (id -> current slug) and `site/data/search/`,
/// removing stale files.
pub fn write(bundle: &Bundle, site: &Path) -> crate::Result {
    let mut written: HashSet<PathBuf> = HashSet::new();
    let mut put = |rel: &str, bytes: &[u8]| -> crate::Result {
        let path = site.join(rel);
        write_if_changed(&path, bytes)?;
        written.insert(path);
        Ok(())
    };
    put(META_PATH, &json(&bundle.meta)?)?;
    for (path, page) in bundle.pages() {
        put(&path, &json(&page)?)?;
    }
    for (path, text) in &bundle.sources {
        put(path, text.as_bytes())?;
    }
    for (path, links) in bundle.sidecars() {
        put(&path, &json(&links)?)?;
    }
    for (path, slug) in bundle.id_files() {
        put(&path, &json(&slug)?)?;
    }
    for dir in ["data/feed", "data/articles", "data/ids"] {
        remove_stale(&site.join(dir), &written);
    }
    // The single index of bundle version 1.
    let _ = std::fs::remove_file(site.join("data/index.json"));
    write_search(bundle, site)
}

/// A bundle file as JSON.
fn json<T: serde::Serialize>(value: &T) -> crate::Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| e.to_string())
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
fn write_search(bundle: &Bundle, site: &Path) -> crate::Result {
    let index = search::index_articles(&bundle.articles);
    let manifest = serde_json::to_vec(&index.manifest).map_err(|e| e.to_string())?;
    write_if_changed(&site.join(search::MANIFEST_PATH), &manifest)?;
    for (name, shard) in &index.shards {
        let json = serde_json::to_vec(shard).map_err(|e| e.to_string())?;
        write_if_changed(&site.join(search::shard_path(name)), &json)?;
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
pub fn run(argv: &[String]) -> crate::Result {
    // `cargo xtask dist` bundles into its own output; Trunk's pre-build hook then skips.
    if std::env::var_os("BROADSHEET_SKIP_BUNDLE").is_some() {
        return Ok(());
    }
    let args = Args::parse(argv, &["--content", "--out"], &["--strict"])?;
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("public"));
    let bundle = bundle(&content, args.flag("--strict"))?;
    write(&bundle, &out)
}
