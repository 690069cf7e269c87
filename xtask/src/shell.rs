//! The app shell of `dist` (Trunk's build: the page, the stylesheet, `public/` and the
//! split Wasm from its post-build hook), built once per set of inputs.
//!
//! The inputs of that build (the app's and the pure crates' sources, `style/`,
//! `public/` without `public/data`, `index.html`, `Trunk.toml`, the manifests, the lock
//! file, the cargo config, the parts of xtask its hooks run, the base path and
//! `--debug`) are hashed; Trunk builds into `target/shell-cache/<hash>/`, and a later
//! `dist` with the same hash reads that folder instead of running Trunk. A build of
//! articles only, the common case, never compiles anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{cmd_output, fast_hash, read, read_dir, root, run_cmd, Result};

/// Bump when what the shell holds changes in a way its inputs do not show.
const SHELL_VERSION: &str = "1";

/// Entries of the cache kept besides the one in use (other base paths, `--debug`).
const KEEP: usize = 4;

/// Folders and files of the repository whose bytes shape the shell. All of xtask's
/// sources count: Trunk's hooks run `cargo xtask bundle` (the stylesheet) and `cargo
/// xtask wasm` (the split build), and those reach most of xtask's shared modules.
const INPUT_DIRS: [&str; 5] = ["src", "crates", "style", "public", "xtask/src"];
const INPUT_FILES: [&str; 6] = [
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
    ".cargo/config.toml",
    "xtask/Cargo.toml",
];

/// Tools whose version changes the shell's bytes for the same sources (wasm-bindgen and
/// wasm-opt are pinned by `setup` and `Cargo.lock`/`e2e/package-lock.json`, both inputs).
const INPUT_TOOLS: [&str; 2] = ["rustc", "trunk"];

/// Every file of the shell, by path relative to the site root (with `/`).
pub type Files = BTreeMap<String, Vec<u8>>;

/// Adds every file under `dir` to `into` as (path relative to `root`, bytes), skipping
/// build output (`target`, `node_modules`) and the bundle Trunk would copy
/// (`public/data`).
fn collect(root: &Path, dir: &Path, into: &mut Vec<(String, PathBuf)>) -> Result {
    for entry in read_dir(dir)? {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        // Trunk's lock and staging folder, editors' swap files.
        if name.starts_with('.') {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if name == "target" || name == "node_modules" || rel == "public/data" {
                continue;
            }
            collect(root, &path, into)?;
        } else {
            into.push((rel, path));
        }
    }
    Ok(())
}

/// The hash of the shell's inputs for this base path and mode.
pub fn input_hash(base: &str, debug: bool) -> Result<String> {
    input_hash_with(base, debug, crate::wasm::Rust::pick(!debug))
}

/// [`input_hash`], for the app built with `rust`.
fn input_hash_with(base: &str, debug: bool, rust: crate::wasm::Rust) -> Result<String> {
    let root = root();
    let mut files = Vec::new();
    for dir in INPUT_DIRS {
        collect(&root, &root.join(dir), &mut files)?;
    }
    for file in INPUT_FILES {
        files.push((file.to_string(), root.join(file)));
    }
    files.sort();
    let mut parts: Vec<Vec<u8>> = vec![
        SHELL_VERSION.into(),
        base.into(),
        if debug { "debug" } else { "release" }.into(),
    ];
    // A release shell is built with the pinned nightly when it is installed, else stable.
    parts.push(rust.label().into());
    for tool in INPUT_TOOLS {
        parts.push(
            cmd_output(tool, &["--version"])
                .unwrap_or_default()
                .into_bytes(),
        );
    }
    for (rel, path) in files {
        parts.push(rel.into_bytes());
        parts.push(std::fs::read(&path).unwrap_or_default());
    }
    let borrowed: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Ok(fast_hash(&borrowed))
}

/// The files under `dir`, by path relative to it.
fn read_tree(dir: &Path) -> Result<Files> {
    let mut paths = Vec::new();
    collect(dir, dir, &mut paths)?;
    let mut files = Files::new();
    for (rel, path) in paths {
        files.insert(rel, read(&path)?);
    }
    Ok(files)
}

/// Whether [`build`] ran Trunk or read the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Trunk built it (and the cache now holds it).
    Built,
    /// The cache held it.
    Cached,
}

/// The shell for `base` (`--debug` when `debug`) from the cache, when its inputs are
/// unchanged and no tool would be installed first: then `dist` need not check the tools
/// ([`crate::setup::tools`], a dozen commands, `rustup` ones among them: 0.2 to 0.5 s of
/// a build on a busy machine), which only building the shell uses. `None` otherwise, and
/// when a release build would fall back to stable for want of the nightly, which the
/// check installs (and the shell built with it differs).
pub fn cached(base: &str, debug: bool) -> Result<Option<Files>> {
    let rust = crate::wasm::Rust::pick(!debug);
    if !debug
        && rust == crate::wasm::Rust::Stable
        && !std::env::var(crate::wasm::RUST_ENV).is_ok_and(|v| v == "stable")
    {
        return Ok(None);
    }
    let dir = root()
        .join("target/shell-cache")
        .join(input_hash_with(base, debug, rust)?);
    if !dir.is_dir() {
        return Ok(None);
    }
    // Marks it as recently used, for the pruning in [`build`].
    let _ = std::fs::File::open(&dir).and_then(|f| f.set_modified(std::time::SystemTime::now()));
    Ok(Some(read_tree(&dir)?))
}

/// The shell for `base` (`--debug` when `debug`): from the cache when its inputs are
/// unchanged, else built by Trunk and kept.
pub fn build(base: &str, debug: bool) -> Result<(Files, Source)> {
    let cache = root().join("target/shell-cache");
    let hash = input_hash(base, debug)?;
    let dir = cache.join(&hash);
    if dir.is_dir() {
        // Marks it as recently used, for the pruning below.
        let _ =
            std::fs::File::open(&dir).and_then(|f| f.set_modified(std::time::SystemTime::now()));
        return Ok((read_tree(&dir)?, Source::Cached));
    }
    let tmp = cache.join(format!("{hash}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(root())
        .env("BROADSHEET_SKIP_BUNDLE", "1")
        .args(["build", "--public-url", base, "--dist"])
        .arg(&tmp);
    if !debug {
        trunk.arg("--release");
    }
    run_cmd(&mut trunk)?;
    // Trunk copied whatever `public/data` held: the bundle of each build replaces it.
    let _ = std::fs::remove_dir_all(tmp.join("data"));
    let files = read_tree(&tmp)?;
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&tmp, &dir)
        .map_err(|e| format!("keeping the shell in {}: {e}", dir.display()))?;
    prune(&cache, &hash);
    Ok((files, Source::Built))
}

/// Deletes all but the [`KEEP`] most recently used entries besides `current`, and
/// folders left over an hour ago by builds that were stopped.
fn prune(cache: &Path, current: &str) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == current {
            continue;
        }
        let used = entry
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        if name.contains(".tmp-") {
            // Another build may be writing there right now: only old ones are leftovers.
            if used.elapsed().is_ok_and(|age| age.as_secs() > 3600) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
            continue;
        }
        others.push((used, entry.path()));
    }
    others.sort();
    let drop = others.len().saturating_sub(KEEP);
    for (_, path) in others.into_iter().take(drop) {
        let _ = std::fs::remove_dir_all(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_base_and_the_mode() {
        let a = input_hash("/", false).unwrap();
        assert_eq!(a, input_hash("/", false).unwrap());
        assert_ne!(a, input_hash("/news/", false).unwrap());
        assert_ne!(a, input_hash("/", true).unwrap());
    }
}
