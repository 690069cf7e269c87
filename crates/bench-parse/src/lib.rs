//! The per-file work `cargo xtask bench` times: what the app does for one article file,
//! and the YAML parse alone with serde_yaml and with yaml-rust2. One copy, compiled
//! natively into xtask and to Wasm through `crates/bench-wasm`, so both time the same code.

use broadsheet_core::markdown::render;
use broadsheet_core::Article;

fn fallback_id(i: usize) -> String {
    format!("f{i}")
}

/// Front-matter of one file: split, parse, validate. 1 when it is a valid article.
pub fn front_matter_one(text: &str, i: usize) -> u32 {
    u32::from(Article::from_file(text, &fallback_id(i)).is_ok())
}

/// Front-matter and body of one file; returns the rendered HTML length (0 on error).
pub fn full_one(text: &str, i: usize) -> u32 {
    match Article::from_file(text, &fallback_id(i)) {
        Ok((article, body)) => {
            let html = render(body).html;
            (html.len() + article.slug.len()) as u32
        }
        Err(_) => 0,
    }
}

/// The front-matter of one file into serde_yaml's generic tree: the YAML parse alone,
/// without the schema and validation of [`front_matter_one`]. Returns the key count.
pub fn yaml_tree_serde_one(text: &str, _i: usize) -> u32 {
    broadsheet_core::frontmatter::split(text).map_or(0, |s| {
        serde_yaml::from_str::<serde_yaml::Value>(s.front_matter)
            .map_or(0, |v| v.as_mapping().map_or(1, |m| m.len() as u32))
    })
}

/// The same parse with yaml-rust2, a pure-Rust YAML parser, to size the alternative the
/// issue asks about before anyone swaps the user's chosen crate.
pub fn yaml_tree_alt_one(text: &str, _i: usize) -> u32 {
    broadsheet_core::frontmatter::split(text).map_or(0, |s| {
        yaml_rust2::YamlLoader::load_from_str(s.front_matter).map_or(0, |docs| {
            docs.first()
                .and_then(|d| d.as_hash())
                .map_or(1, |h| h.len() as u32)
        })
    })
}
