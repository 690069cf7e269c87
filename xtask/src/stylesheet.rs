//! The stylesheet the page loads, joined from the parts in `style/`.
//!
//! One file per area keeps each part short enough to read, while the page still makes one
//! render-blocking request: the parts are joined, in name order (`1-tokens.css` first,
//! so later parts win the cascade), into [`OUTPUT`], which `index.html` links for Trunk.
//! Written by `cargo xtask bundle`, Trunk's pre-build hook, before Trunk reads it.
//!
//! When `broadsheet.toml` sets `accent` or `accent_dark`, a block that overrides the
//! accent's custom properties is appended, in the very selectors the tokens file uses
//! for each theme, so it wins the cascade exactly where the stock values would apply.

use std::path::{Path, PathBuf};

use crate::out_files::write_if_changed;
use crate::site_config::colour::{AccentSet, Block, Theme};
use crate::site_config::SiteConfig;
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

/// The declarations of one theme's accent.
fn declarations(set: &AccentSet) -> String {
    format!(
        "--accent: {a}; --focus: {a}; --accent-strong: {s}; --accent-tint: {t}; \
         --on-accent: {o};",
        a = set.accent,
        s = set.strong,
        t = set.tint,
        o = set.on_accent
    )
}

/// One rule in `block` setting `set`'s properties.
fn rule(block: &Block, set: &AccentSet) -> String {
    let inner = format!("{} {{ {} }}", block.selector, declarations(set));
    match &block.at_rule {
        Some(at) => format!("{at} {{\n  {inner}\n}}\n"),
        None => format!("{inner}\n"),
    }
}

/// The override block for the configured accents; empty when none differs from the
/// stock one (so a configuration that names today's colours changes no byte).
pub fn accent_overrides(config: &SiteConfig) -> String {
    let differs = |set: &Option<AccentSet>, theme: &Theme| set.filter(|s| s.accent != theme.accent);
    let mut css = String::new();
    if let Some(set) = differs(&config.accent, &config.palette.light) {
        let light = Block {
            at_rule: None,
            selector: ":root".into(),
        };
        css.push_str(&rule(&light, &set));
    }
    if let Some(set) = differs(&config.accent_dark, &config.palette.dark) {
        for block in &config.palette.dark_blocks {
            css.push_str(&rule(block, &set));
        }
    }
    if css.is_empty() {
        css
    } else {
        format!("\n/* broadsheet.toml: the site's accent colours */\n{css}")
    }
}

/// Writes [`OUTPUT`] from `style/` and, for `serve`, the accents of `config` (only when
/// its bytes change, so Trunk's watcher does not rebuild for nothing). `dist` passes
/// `None`: its app shell is one for every configuration (and cached as such), and it
/// writes the accents into each page instead (`dist::with_accents`). A release build
/// (Trunk's `TRUNK_PROFILE`) gets it minified; `serve` keeps it as written, to read.
pub fn write(config: Option<&SiteConfig>) -> Result {
    let root = root();
    let mut css = joined(&root.join("style"))?;
    if let Some(config) = config {
        css.push_str(&accent_overrides(config));
    }
    if crate::minify::release_build() {
        css = crate::minify::css(&css);
    }
    write_if_changed(&root.join(OUTPUT), css.as_bytes())
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

    fn config(text: &str) -> SiteConfig {
        let palette = crate::site_config::palette().unwrap();
        crate::site_config::parse(text, &root().join("test.toml"), palette).unwrap()
    }

    #[test]
    fn accents_override_both_dark_selectors_and_stock_ones_nothing() {
        assert_eq!(accent_overrides(&config("")), "");
        // Today's colours: no override, the stylesheet keeps its bytes.
        let stock = "accent = \"#0b57a4\"\naccent_dark = \"#8CC0FF\"\n";
        assert_eq!(accent_overrides(&config(stock)), "");
        let css = accent_overrides(&config("accent = \"#7a1f5c\"\n"));
        assert!(
            css.contains(":root { --accent: #7a1f5c; --focus: #7a1f5c;"),
            "{css}"
        );
        assert!(css.contains("--on-accent: #ffffff;"), "{css}");
        assert!(!css.contains("data-theme"), "{css}");
        let css = accent_overrides(&config("accent_dark = \"#ffd166\"\n"));
        assert!(!css.contains(":root {"), "{css}");
        assert!(
            css.contains("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) { --accent: #ffd166;"),
            "{css}"
        );
        assert!(
            css.contains(":root[data-theme=\"dark\"] { --accent: #ffd166;"),
            "{css}"
        );
        assert!(css.contains("--on-accent: #000000;"), "{css}");
    }

    #[test]
    fn the_page_links_the_joined_stylesheet() {
        let index = std::fs::read_to_string(root().join("index.html")).unwrap();
        assert!(index.contains(&format!("rel=\"css\" href=\"{OUTPUT}\"")));
    }

    #[test]
    fn the_stylesheet_keeps_its_rules() {
        let css = joined(&root().join("style")).unwrap();
        let min = crate::minify::css(&css);
        assert!(
            min.len() * 10 < css.len() * 8,
            "{} -> {}",
            css.len(),
            min.len()
        );
        // Every rule is still there: as many blocks, and no comment.
        assert_eq!(
            min.matches('{').count(),
            css.matches('{').count() - comment_braces(&css)
        );
        assert!(!min.contains("/*"));
    }

    /// Braces inside comments (the minifier drops them with the comment).
    fn comment_braces(css: &str) -> usize {
        css.split("/*")
            .skip(1)
            .map(|c| c.split("*/").next().unwrap_or("").matches('{').count())
            .sum()
    }
}
