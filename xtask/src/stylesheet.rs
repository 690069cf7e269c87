//! The stylesheet the page loads, joined from the parts in `style/`.
//!
//! One file per area keeps each part short enough to read, while the page still makes one
//! render-blocking request: the parts are joined, in name order (`1-tokens.css` first,
//! so later parts win the cascade), into [`OUTPUT`], which `index.html` links for Trunk.
//! Written by `cargo xtask bundle`, Trunk's pre-build hook, before Trunk reads it.

use std::path::{Path, PathBuf};

use crate::out_files::write_if_changed;
use crate::util::{read_dir, read_to_string, root, Result};

/// Where the joined stylesheet goes, relative to the repository root (what `index.html`
/// links).
pub const OUTPUT: &str = "target/style/main.css";

/// The parts of `dir`, in the order they are joined.
fn parts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut parts: Vec<PathBuf> = read_dir(dir)?
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "css"))
        .collect();
    parts.sort();
    Ok(parts)
}

/// The parts of `dir` joined into one stylesheet.
pub fn joined(dir: &Path) -> Result<String> {
    let mut css = String::new();
    for part in parts(dir)? {
        css.push_str(&read_to_string(&part)?);
    }
    Ok(css)
}

/// Writes [`OUTPUT`] from `style/` (only when its bytes change, so Trunk's watcher does
/// not rebuild for nothing).
pub fn write() -> Result {
    let root = root();
    write_if_changed(&root.join(OUTPUT), joined(&root.join("style"))?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_joined_in_name_order() {
        let dir = std::env::temp_dir().join(format!("broadsheet-style-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in [
            ("2-b.css", "b{}\n"),
            ("1-a.css", "a{}\n"),
            ("notes.txt", "x"),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        assert_eq!(joined(&dir).unwrap(), "a{}\nb{}\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_page_links_the_joined_stylesheet() {
        let index = std::fs::read_to_string(root().join("index.html")).unwrap();
        assert!(index.contains(&format!("rel=\"css\" href=\"{OUTPUT}\"")));
    }
}
