//! The one owner of the hashed file names of a build: `broadsheet-<hash>…` for the app's
//! files (`cargo xtask wasm`) and Trunk's `main-<hash>.css`.
//!
//! Several places act on these names: the Wasm task names the files, the service worker
//! precaches them and serves them cache-first, `_headers` marks them immutable, the bench
//! tells the shell from the split modules and its server sends their cache headers. Each
//! used to restate the rule; now the Rust ones call this module, the bench page and server
//! get the patterns from the bench's `config.json`, and a test holds `public/sw.js` (which
//! ships as it is, so it cannot be generated for the dev server) to
//! [`HASHED_PATTERN`] character for character.
//!
//! The names, for a build whose files hash to `<hash>` (16 lower-case hex digits):
//!
//! - `broadsheet-<hash>.js` and `broadsheet-<hash>_bg.wasm`: the app every page starts;
//! - `broadsheet-<hash>-split.js`: the loader of the split modules;
//! - `broadsheet-<hash>-<module>_bg.wasm`: a split module (`article`, `yaml`, …) or a
//!   chunk several of them share (`chunk_<n>`), fetched on first use;
//! - `main-<hash>.css`: the style sheet, named by Trunk.

/// The stem every app file starts with, before its hash.
const APP_PREFIX: &str = "broadsheet-";
/// Trunk's style sheet, before its hash.
const STYLE_PREFIX: &str = "main-";

/// The JavaScript regular expression (source, without slashes) that matches a URL or path
/// ending in a hashed asset: the service worker's `HASHED`.
pub const HASHED_PATTERN: &str =
    r"(?:^|\/)(?:broadsheet-[0-9a-f]+(?:-[a-z0-9_]+)?(?:_bg\.wasm|\.js)|main-[0-9a-f]+\.css)$";

/// The JavaScript regular expression (source) that matches a URL ending in a split module
/// or shared chunk: never part of the shell the feed loads.
pub const SPLIT_MODULE_PATTERN: &str = r"\/broadsheet-[0-9a-f]+-[a-z0-9_]+_bg\.wasm$";

/// Path globs a host may cache forever, as `_headers` writes them (after the base path).
pub const IMMUTABLE_GLOBS: [&str; 3] = ["*.wasm", "broadsheet-*.js", "main-*.css"];

/// [`IMMUTABLE_GLOBS`] as one JavaScript regular expression (source), for the bench server.
pub const IMMUTABLE_PATTERN: &str = r"(\.wasm|broadsheet-[^/]*\.js|main-[^/]*\.css)$";

/// The stem of every file of the app build whose digest is `hash` (lower-case hex).
pub fn app_stem(hash: &str) -> String {
    format!("{APP_PREFIX}{hash}")
}

fn is_hex(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn is_module_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The parts of an app file name: (hash, module or `split`, is it Wasm).
fn app_parts(name: &str) -> Option<(&str, Option<&str>, bool)> {
    let rest = name.strip_prefix(APP_PREFIX)?;
    let (stem, wasm) = match rest.strip_suffix("_bg.wasm") {
        Some(stem) => (stem, true),
        None => (rest.strip_suffix(".js")?, false),
    };
    let (hash, module) = match stem.split_once('-') {
        Some((hash, module)) => (hash, Some(module)),
        None => (stem, None),
    };
    let ok = is_hex(hash) && module.is_none_or(is_module_name);
    ok.then_some((hash, module, wasm))
}

/// True for a file of the app (`cargo xtask wasm`) or Trunk's style sheet, by its file
/// name: what the service worker precaches and serves cache-first. Exactly the names
/// [`HASHED_PATTERN`] matches.
pub fn is_hashed_asset(name: &str) -> bool {
    app_parts(name).is_some()
        || name
            .strip_prefix(STYLE_PREFIX)
            .and_then(|n| n.strip_suffix(".css"))
            .is_some_and(is_hex)
}

/// True for a split module or shared chunk of the app: fetched when first needed, so not
/// part of the shell every page loads. Exactly the names [`SPLIT_MODULE_PATTERN`] matches.
pub fn is_split_module(name: &str) -> bool {
    matches!(app_parts(name), Some((_, Some(_), true)))
}

/// The patterns the JavaScript half of the bench needs, for its `config.json`.
#[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Patterns {
    /// [`HASHED_PATTERN`].
    pub hashed: String,
    /// [`SPLIT_MODULE_PATTERN`].
    pub split_module: String,
    /// [`IMMUTABLE_PATTERN`].
    pub immutable: String,
}

impl Patterns {
    /// This module's patterns.
    pub fn new() -> Self {
        Patterns {
            hashed: HASHED_PATTERN.into(),
            split_module: SPLIT_MODULE_PATTERN.into(),
            immutable: IMMUTABLE_PATTERN.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_table() {
        // (name, hashed asset, split module)
        let cases = [
            ("broadsheet-cbc913f173cbe7ff.js", true, false),
            ("broadsheet-cbc913f173cbe7ff_bg.wasm", true, false),
            ("broadsheet-cbc913f173cbe7ff-split.js", true, false),
            ("broadsheet-cbc913f173cbe7ff-article_bg.wasm", true, true),
            ("broadsheet-cbc913f173cbe7ff-chunk_3_bg.wasm", true, true),
            ("main-0123abcd.css", true, false),
            ("index.html", false, false),
            ("sw.js", false, false),
            ("robots.txt", false, false),
            ("broadsheet-x.js.gz", false, false),
            ("broadsheet-cbc913f173cbe7ff.js.br", false, false),
            ("broadsheet-reader.json", false, false),
            ("broadsheet-XYZ.js", false, false),
            ("broadsheet-cbc9-Article_bg.wasm", false, false),
            ("main-style.css", false, false),
        ];
        for (name, hashed, split) in cases {
            assert_eq!(is_hashed_asset(name), hashed, "{name}");
            assert_eq!(is_split_module(name), split, "{name}");
        }
    }

    #[test]
    fn names_made_here_are_recognised_here() {
        let stem = app_stem("0011aabbccddeeff");
        for name in [
            format!("{stem}.js"),
            format!("{stem}_bg.wasm"),
            format!("{stem}-split.js"),
        ] {
            assert!(is_hashed_asset(&name) && !is_split_module(&name), "{name}");
        }
        assert!(is_split_module(&format!("{stem}-search_bg.wasm")));
    }

    /// `public/sw.js` ships as written (the dev server serves it unbuilt), so it states
    /// the pattern itself; this holds it to the one here.
    #[test]
    fn the_service_worker_uses_this_pattern() {
        let sw = std::fs::read_to_string(crate::util::root().join("public/sw.js")).unwrap();
        let line = format!("const HASHED = /{HASHED_PATTERN}/;");
        assert!(
            sw.contains(&line),
            "public/sw.js must declare `{line}` (xtask/src/asset_names.rs owns the rule)"
        );
    }

    #[test]
    fn immutable_globs_and_pattern_agree() {
        // Each glob, with `*` as "anything but a slash", is one branch of the pattern.
        let branches: Vec<String> = IMMUTABLE_GLOBS
            .iter()
            .map(|g| {
                let g = g.replace('.', r"\.");
                match g.strip_prefix('*') {
                    Some(rest) => rest.to_string(),
                    None => g.replace('*', "[^/]*"),
                }
            })
            .collect();
        assert_eq!(IMMUTABLE_PATTERN, format!("({})$", branches.join("|")));
    }
}
