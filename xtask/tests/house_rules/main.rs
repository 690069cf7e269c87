//! The house rules that `docs/ARCHITECTURE.md` promises, checked on every `cargo xtask test`:
//!
//! - no source file over 600 lines (a file that long holds more than one thing);
//! - no import circle between the files of a crate: if `a.rs` refers to `b.rs` (through
//!   `crate::`, `super::`, `self::` or a child module's name), nothing `b.rs` reaches may
//!   refer back to `a.rs`. Modules that depend one way can be read, tested and moved one
//!   at a time.
//!
//! The checks read the source as text (comments and literals removed), so they need no
//! compiler support and run in milliseconds.

mod graph;
mod source_text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The longest a source file may be.
const MAX_LINES: usize = 600;

/// Extensions of hand-written source files (generated data and fixtures are not source).
const SOURCE_EXTENSIONS: &[&str] = &["rs", "mjs", "js", "css", "html", "py", "sh", "toml"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// Tracked and new (not ignored) files, relative to the repository root.
fn repo_files() -> Vec<PathBuf> {
    let out = Command::new("git")
        .current_dir(repo())
        .args(["ls-files", "--cached", "--others", "--exclude-standard"])
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git ls-files failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .filter(|p| repo().join(p).is_file())
        .collect()
}

fn is_source(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    SOURCE_EXTENSIONS.contains(&ext)
        && !path.components().any(|c| c.as_os_str() == "fixtures")
        && name != "Cargo.lock"
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = repo_files()
        .into_iter()
        .filter(|p| is_source(p))
        .filter_map(|p| {
            let text = std::fs::read_to_string(repo().join(&p)).ok()?;
            let lines = text.lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines (split them by responsibility):\n{}",
        long.join("\n")
    );
}

use graph::circles;
use source_text::{code_only, module_of, references, ModPath};

/// The `src/` trees of the workspace's crates.
fn source_trees(files: &[PathBuf]) -> BTreeMap<PathBuf, Vec<PathBuf>> {
    let mut trees: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let parts: Vec<_> = file.components().collect();
        let Some(src) = parts.iter().position(|c| c.as_os_str() == "src") else {
            continue;
        };
        let root: PathBuf = parts[..=src].iter().collect();
        if repo().join(&root).join("lib.rs").exists() || repo().join(&root).join("main.rs").exists()
        {
            trees.entry(root).or_default().push(file.clone());
        }
    }
    trees
}

/// Every import circle in the workspace, described for a person.
fn import_circles() -> Vec<String> {
    let files = repo_files();
    let mut report = Vec::new();
    for (root, tree) in source_trees(&files) {
        let mut by_module: BTreeMap<ModPath, PathBuf> = BTreeMap::new();
        for file in &tree {
            let Ok(relative) = file.strip_prefix(&root) else {
                continue;
            };
            // Beside a lib.rs, main.rs is a crate of its own that uses the library by name.
            let own_crate =
                relative == Path::new("main.rs") && tree.iter().any(|f| f.ends_with("src/lib.rs"));
            if let Some(module) = module_of(relative).filter(|_| !own_crate) {
                by_module.insert(module, file.clone());
            }
        }
        let modules: BTreeSet<ModPath> = by_module.keys().cloned().collect();
        let mut graph: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
        let mut examples: BTreeMap<(ModPath, ModPath), String> = BTreeMap::new();
        for (module, file) in &by_module {
            let text = std::fs::read_to_string(repo().join(file)).unwrap_or_default();
            let edges = graph.entry(module.clone()).or_default();
            for r in references(&code_only(&text), module, &modules) {
                if &r.target != module && by_module.contains_key(&r.target) {
                    edges.insert(r.target.clone());
                    examples
                        .entry((module.clone(), r.target.clone()))
                        .or_insert_with(|| format!("{}:{}: {}", file.display(), r.line, r.written));
                }
            }
        }
        for group in circles(&graph) {
            let members: BTreeSet<&ModPath> = group.iter().collect();
            let mut lines = vec![format!(
                "circle in {}: {}",
                root.display(),
                group
                    .iter()
                    .map(|m| by_module[m].display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )];
            for ((from, to), example) in &examples {
                if members.contains(from) && members.contains(to) {
                    lines.push(format!("  {example}"));
                }
            }
            report.push(lines.join("\n"));
        }
    }
    report
}

#[test]
fn no_import_circle_between_files() {
    let found = import_circles();
    assert!(
        found.is_empty(),
        "files that reach each other through imports (make one of them depend on the other, \
         or move what both need into a module of its own):\n{}",
        found.join("\n")
    );
}

/// Crates that must stay pure: every rule about articles is tested natively, fast.
const PURE_CRATES: &[&str] = &["crates/article", "crates/core"];
/// Dependencies that would tie a crate to the browser.
const BROWSER_CRATES: &[&str] = &[
    "leptos",
    "leptos_router",
    "leptos_meta",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "gloo-net",
];

#[test]
fn the_pure_crates_know_nothing_of_the_browser() {
    for dir in PURE_CRATES {
        let path = repo().join(dir).join("Cargo.toml");
        let manifest = std::fs::read_to_string(&path).expect("the crate's manifest reads");
        for line in manifest.lines() {
            let name = line.split(['=', '.']).next().unwrap_or("").trim();
            assert!(
                !BROWSER_CRATES.contains(&name),
                "{}: `{name}` ties a pure crate to the browser",
                path.display()
            );
        }
    }
}
