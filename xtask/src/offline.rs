//! The offline part of `dist`: stamps the service worker (`sw.js`) with this build's id
//! and its app-shell file list, so each deploy ships a byte-different worker that
//! precaches exactly its own shell and deletes the caches of older deploys.

use sha2::{Digest, Sha256};

use crate::asset_names::is_hashed_asset;
use crate::util::{hex, to_json_pretty, Result};

const BUILD_MARK: &str = "__BROADSHEET_BUILD__";
const SHELL_MARK: &str = "/*__BROADSHEET_SHELL__*/";

/// Files of the shell besides the hashed assets: present in every build.
const FIXED: [&str; 6] = [
    "index.html",
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

/// The stamped worker (`sw.js`) and `sw-manifest.json` (`{build, shell}`) of a site
/// whose top-level files are `names` and whose files read as `file` (path relative to
/// the site; `None` when missing); `template` is the worker as Trunk copied it. The build
/// id is a hash of the shell page (which names the hashed assets), the other fixed files
/// (the manifest, icons: their names never change, so their bytes are hashed)
/// and the article index, so it changes whenever the code, those files or the content do.
pub fn service_worker(
    template: &str,
    names: &[String],
    file: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<(String, Vec<u8>)> {
    let mut shell: Vec<String> = names
        .iter()
        .filter(|n| is_hashed_asset(n))
        .cloned()
        .collect();
    shell.sort();
    let mut fixed: Vec<(&str, Option<Vec<u8>>)> = Vec::new();
    for f in FIXED.into_iter().chain([
        broadsheet_core::bundle::META_PATH,
        "data/feed/all/head.json",
    ]) {
        fixed.push((f, file(f)));
    }
    for (f, bytes) in fixed.iter().take(FIXED.len()) {
        if bytes.is_some() {
            shell.push(f.to_string());
        }
    }
    let mut hash = Sha256::new();
    // A worker serves these from its cache first: a build that changed one of them
    // (the manifest, say) under an unchanged page would otherwise keep the old copy in use.
    for (f, bytes) in &fixed {
        hash.update(f.as_bytes());
        hash.update(bytes.as_deref().unwrap_or_default());
    }
    hash.update(shell.join("\n"));
    let build = hex(&hash.finalize()[..8]);
    let manifest = serde_json::json!({ "build": build, "shell": shell });
    Ok((
        stamp(template, &build, &shell),
        to_json_pretty("sw-manifest.json", &manifest)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::out_files::write_if_changed;
    use crate::util::{read_dir, read_to_string};
    use std::path::Path;

    /// Stamps `out/sw.js` and writes `out/sw-manifest.json` from the files in `out`
    /// ([`service_worker`]).
    pub fn write_service_worker(out: &Path) -> Result {
        let sw_path = out.join("sw.js");
        let template = read_to_string(&sw_path)?;
        let names: Vec<String> = read_dir(out)?
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        let (sw, manifest) =
            service_worker(&template, &names, &|f| std::fs::read(out.join(f)).ok())?;
        write_if_changed(&sw_path, sw.as_bytes())?;
        write_if_changed(&out.join("sw-manifest.json"), &manifest)?;
        Ok(())
    }

    /// The build id of a tiny site whose web app manifest is `manifest`.
    fn build_with_manifest(dir: &Path, manifest: &str) -> String {
        std::fs::write(dir.join("sw.js"), "const BUILD = '__BROADSHEET_BUILD__';").unwrap();
        std::fs::write(dir.join("index.html"), "<p>same page</p>").unwrap();
        std::fs::write(dir.join("manifest.webmanifest"), manifest).unwrap();
        write_service_worker(dir).unwrap();
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("sw-manifest.json")).unwrap()).unwrap();
        manifest["build"].as_str().unwrap().to_string()
    }

    #[test]
    fn a_changed_fixed_file_changes_the_build() {
        let dir = std::env::temp_dir().join(format!("broadsheet-sw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = build_with_manifest(&dir, "{\"name\": \"one\"}");
        let again = build_with_manifest(&dir, "{\"name\": \"one\"}");
        let changed = build_with_manifest(&dir, "{\"name\": \"two\"}");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(first, again, "the same files, the same build");
        assert_ne!(first, changed, "only the manifest changed");
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
