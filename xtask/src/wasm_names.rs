//! How the files of one build of the app are named (`broadsheet-<hash>…`, see
//! `asset_names`) and how the references between them are rewritten to those names:
//! the part of `cargo xtask wasm` that works on the tools' output as text and bytes.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::asset_names::app_stem;
use crate::util::{hex, Result};

/// How the split tool names its files (`wasm_split_cli_support` 0.2).
pub const TOOL_LOADER: &str = "__wasm_split.js";
const TOOL_MAIN_JS: &str = "./broadsheet.js";

/// The version of how `name_outputs` names and rewrites files, for the cache key: bump
/// it when that changes, so outputs made the old way are not reused.
pub const NAMING_VERSION: &str = "3";

/// One build's output files, by final name.
#[derive(Debug, PartialEq)]
pub struct Outputs {
    /// The app's JS glue.
    pub js: String,
    /// The app's Wasm.
    pub wasm: String,
    /// Every file to write, by name.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Names the files of a build and rewrites the references between them: the glue's
/// import of the loader, the loader's import of the glue and its URLs of the split
/// modules and shared chunks (`chunks`: the tool's file name, `split_<module>.wasm` or
/// `chunk_<n>.wasm` -> Wasm). Fails when the tools' output does not have
/// the references this expects, rather than ship an app that cannot load its modules.
pub fn name_outputs(
    glue: &str,
    main_wasm: Vec<u8>,
    loader: &str,
    chunks: BTreeMap<String, Vec<u8>>,
) -> Result<Outputs> {
    let mut hasher = Sha256::new();
    hasher.update(glue.as_bytes());
    hasher.update(&main_wasm);
    hasher.update(loader.as_bytes());
    for (name, bytes) in &chunks {
        hasher.update(name.as_bytes());
        hasher.update(bytes);
    }
    let stem = app_stem(&hex(&hasher.finalize()[..8]));
    let (js, wasm, loader_name) = (
        format!("{stem}.js"),
        format!("{stem}_bg.wasm"),
        format!("{stem}-split.js"),
    );

    // Only the import statement: the Wasm's own import names stay those of the tool,
    // and the glue's import object is keyed by them.
    // Both as wasm-bindgen writes it and as the minifier does (`from"./…"`).
    let tool_loader = format!("\"./{TOOL_LOADER}\"");
    let mut renamed = glue.to_string();
    for from in ["from ", "from"] {
        renamed = renamed.replace(
            &format!("{from}{tool_loader}"),
            &format!("{from}\"./{loader_name}\""),
        );
    }
    if renamed == glue {
        return Err(format!(
            "wasm-bindgen's glue has no `from {tool_loader}`: was the app built with split points?"
        )
        .into());
    }
    let glue = renamed;
    let main_ref = format!("\"{TOOL_MAIN_JS}\"");
    if !loader.contains(&main_ref) {
        return Err(format!("the split loader does not import {main_ref}").into());
    }
    let mut loader = loader.replace(&main_ref, &format!("\"./{js}\""));
    let mut files = BTreeMap::new();
    for (tool_name, bytes) in chunks {
        let tool_ref = format!("\"./{tool_name}\"");
        if !loader.contains(&tool_ref) {
            return Err(format!("the split loader does not fetch {tool_ref}").into());
        }
        let module = module_name(&tool_name)
            .ok_or_else(|| format!("{tool_name} is not a split module or shared chunk"))?;
        let name = format!("{stem}-{module}_bg.wasm");
        loader = loader.replace(&tool_ref, &format!("\"./{name}\""));
        if files.insert(name, bytes).is_some() {
            return Err(format!("two split files would both be named after `{module}`").into());
        }
    }
    if loader.contains("\"./split_") || loader.contains("\"./chunk_") {
        return Err("the split loader names a file this build does not ship".into());
    }
    files.insert(js.clone(), glue.into_bytes());
    files.insert(wasm.clone(), main_wasm);
    files.insert(loader_name, loader.into_bytes());
    Ok(Outputs { js, wasm, files })
}

/// The name a file of the split tool keeps in ours: `split_article.wasm` is the module
/// `article`, `chunk_3.wasm` the shared chunk `chunk_3`; `None` for any other file.
pub fn module_name(tool_name: &str) -> Option<&str> {
    let stem = tool_name.strip_suffix(".wasm")?;
    let module = match stem.strip_prefix("split_") {
        Some(module) => module,
        None => stem.starts_with("chunk_").then_some(stem)?,
    };
    let plain = !module.is_empty()
        && module
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    plain.then_some(module)
}

#[cfg(test)]
pub mod tests {
    use super::*;

    pub const GLUE: &str = "import * as import1 from \"./__wasm_split.js\"\nconst imports = { \"./__wasm_split.js\": import1 };";
    pub const LOADER: &str = "import { initSync } from \"./broadsheet.js\";\nfetch(new URL(\"./chunk_3.wasm\", import.meta.url));\nfetch(new URL(\"./split_article.wasm\", import.meta.url));";

    pub fn chunks() -> BTreeMap<String, Vec<u8>> {
        BTreeMap::from([
            ("split_article.wasm".to_string(), vec![0, 97, 115, 109]),
            ("chunk_3.wasm".to_string(), vec![0, 97, 115, 109, 3]),
        ])
    }

    #[test]
    fn files_share_one_hash_and_name_each_other() {
        let out = name_outputs(GLUE, vec![1, 2, 3], LOADER, chunks()).unwrap();
        let stem = out.js.trim_end_matches(".js");
        assert_eq!(out.wasm, format!("{stem}_bg.wasm"));
        let names: Vec<&String> = out.files.keys().collect();
        assert_eq!(names.len(), 5);
        let loader = String::from_utf8(out.files[&format!("{stem}-split.js")].clone()).unwrap();
        assert!(loader.contains(&format!("from \"./{}\"", out.js)));
        assert!(loader.contains(&format!("\"./{stem}-article_bg.wasm\"")));
        assert!(loader.contains(&format!("\"./{stem}-chunk_3_bg.wasm\"")));
        assert!(!loader.contains("split_article") && !loader.contains("./broadsheet.js"));
        assert!(!loader.contains("\"./chunk_3.wasm\""));
        let glue = String::from_utf8(out.files[&out.js].clone()).unwrap();
        assert!(glue.contains(&format!("from \"./{stem}-split.js\"")));
        // The import object stays keyed by the module name inside the Wasm.
        assert!(glue.contains("{ \"./__wasm_split.js\": import1 }"));
    }

    #[test]
    fn minified_glue_is_renamed_too() {
        // Terser writes `from"…"` and keeps the import object's keys as they are.
        let glue = "import*as e from\"./__wasm_split.js\";const t={\"./__wasm_split.js\":e};";
        let out = name_outputs(glue, vec![1], LOADER, chunks()).unwrap();
        let stem = out.js.trim_end_matches(".js");
        let glue = String::from_utf8(out.files[&out.js].clone()).unwrap();
        assert!(
            glue.contains(&format!("from\"./{stem}-split.js\"")),
            "{glue}"
        );
        assert!(glue.contains("{\"./__wasm_split.js\":e}"), "{glue}");
        assert!(name_outputs("import*as e from\"./x.js\"", vec![1], LOADER, chunks()).is_err());
    }

    #[test]
    fn any_change_renames_every_file() {
        let a = name_outputs(GLUE, vec![1, 2, 3], LOADER, chunks()).unwrap();
        let mut other = chunks();
        other.insert("chunk_3.wasm".into(), vec![9]);
        let b = name_outputs(GLUE, vec![1, 2, 3], LOADER, other).unwrap();
        assert_ne!(a.js, b.js);
        assert!(a.files.keys().all(|k| !b.files.contains_key(k)));
    }

    #[test]
    fn missing_references_fail_the_build() {
        assert!(name_outputs("no import", vec![], LOADER, chunks()).is_err());
        assert!(name_outputs(GLUE, vec![], "no import", chunks()).is_err());
        let mut unknown = chunks();
        unknown.insert("split_search.wasm".into(), vec![]);
        assert!(name_outputs(GLUE, vec![], LOADER, unknown).is_err());
        let mut missing = chunks();
        missing.remove("chunk_3.wasm");
        assert!(name_outputs(GLUE, vec![], LOADER, missing).is_err());
        // A module named like a chunk would overwrite it.
        let mut clash = chunks();
        clash.insert("split_chunk_3.wasm".into(), vec![]);
        let loader = format!("{LOADER}\nfetch(\"./split_chunk_3.wasm\");");
        assert!(name_outputs(GLUE, vec![], &loader, clash).is_err());
    }

    #[test]
    fn only_split_modules_and_shared_chunks_are_named() {
        assert_eq!(module_name("split_article.wasm"), Some("article"));
        assert_eq!(module_name("chunk_12.wasm"), Some("chunk_12"));
        for other in [
            "broadsheet.wasm",
            "split_.wasm",
            "split_a-b.wasm",
            "chunk_3.js",
            "snippet.wasm",
        ] {
            assert_eq!(module_name(other), None, "{other}");
        }
    }
}
