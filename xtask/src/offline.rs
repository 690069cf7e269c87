//! The offline part of `dist`: stamps the service worker (`sw.js`) with this build's id
//! and its app-shell file list, so each deploy ships a byte-different worker that
//! precaches exactly its own shell and deletes the caches of older deploys.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::asset_names::is_hashed_asset;
use crate::util::{hex, read_dir, read_to_string, to_json_pretty, write_if_changed, Result};

const BUILD_MARK: &str = "__BROADSHEET_BUILD__";
const SHELL_MARK: &str = "/*__BROADSHEET_SHELL__*/";

/// Files of the shell besides the hashed assets: present in every build.
const FIXED: [&str; 7] = [
    "index.html",
    "theme.js",
    "manifest.webmanifest",
    "icons/favicon-32.png",
    "icons/favicon-64.png",
    "icons/icon-192.png",
    "icons/icon-512.png",
];

/// The worker text with its placeholders filled.
pub fn stamp(template: &str, build: &str, shell: &[String]) -> String {
    let list = shell
        .iter()
        .map(|f| serde_json::to_string(f).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(", ");
    template
        .replacen(BUILD_MARK, build, 1)
        .replacen(SHELL_MARK, &list, 1)
}

/// Stamps `out/sw.js` and writes `out/sw-manifest.json` (`{build, shell}`). The build id
/// is a hash of the shell page (which names the hashed assets), the other fixed files
/// (theme.js, the manifest, icons: their names never change, so their bytes are hashed)
/// and the article index, so it changes whenever the code, those files or the content do.
pub fn write_service_worker(out: &Path) -> Result {
    let sw_path = out.join("sw.js");
    let template = read_to_string(&sw_path)?;
    let mut shell: Vec<String> = read_dir(out)?
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| is_hashed_asset(n))
        .collect();
    shell.sort();
    for f in FIXED {
        if out.join(f).is_file() {
            shell.push(f.to_string());
        }
    }
    let mut hash = Sha256::new();
    // A worker serves these from its cache first: a build that changed one of them
    // (theme.js, say) under an unchanged page would otherwise keep the old copy in use.
    for f in FIXED
        .into_iter()
        .chain([broadsheet_core::bundle::META_PATH, "data/feed/all/0.json"])
    {
        hash.update(f.as_bytes());
        hash.update(std::fs::read(out.join(f)).unwrap_or_default());
    }
    hash.update(shell.join("\n"));
    let build = hex(&hash.finalize()[..8]);
    write_if_changed(&sw_path, stamp(&template, &build, &shell).as_bytes())?;
    let manifest = serde_json::json!({ "build": build, "shell": shell });
    write_if_changed(
        &out.join("sw-manifest.json"),
        &to_json_pretty("sw-manifest.json", &manifest)?,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The build id of a tiny site whose theme.js is `theme`.
    fn build_with_theme(dir: &Path, theme: &str) -> String {
        std::fs::write(dir.join("sw.js"), "const BUILD = '__BROADSHEET_BUILD__';").unwrap();
        std::fs::write(dir.join("index.html"), "<p>same page</p>").unwrap();
        std::fs::write(dir.join("theme.js"), theme).unwrap();
        write_service_worker(dir).unwrap();
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("sw-manifest.json")).unwrap()).unwrap();
        manifest["build"].as_str().unwrap().to_string()
    }

    #[test]
    fn a_changed_fixed_file_changes_the_build() {
        let dir = std::env::temp_dir().join(format!("broadsheet-sw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = build_with_theme(&dir, "// one");
        let again = build_with_theme(&dir, "// one");
        let changed = build_with_theme(&dir, "// two");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(first, again, "the same files, the same build");
        assert_ne!(first, changed, "only theme.js changed");
    }

    #[test]
    fn stamp_fills_both_placeholders() {
        let t = "const BUILD = '__BROADSHEET_BUILD__';\nconst SHELL = [/*__BROADSHEET_SHELL__*/];";
        let out = stamp(t, "abc", &["index.html".into(), "a\"b.js".into()]);
        assert_eq!(
            out,
            "const BUILD = 'abc';\nconst SHELL = [\"index.html\", \"a\\\"b.js\"];"
        );
    }
}
