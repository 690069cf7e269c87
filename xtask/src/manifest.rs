//! `manifest.webmanifest`, the web app manifest, written from `broadsheet.toml`: the
//! site's name, description, language and direction, colours, and the icons
//! [`crate::icons`] draws (the same paths as `public/icons/`).

use std::path::Path;

use serde::Serialize;

use crate::out_files::write_if_changed;
use crate::site_config::SiteConfig;
use crate::util::{to_json_pretty, Result};

/// The file's name, at the site's root (what `index.html` links).
pub const FILE_NAME: &str = "manifest.webmanifest";

/// The longest `short_name` (what fits under an icon on a home screen).
pub const SHORT_NAME_MAX: usize = 12;

/// The manifest as serialised (field order is the file's order).
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: String,
    description: &'a str,
    start_url: &'a str,
    scope: &'a str,
    display: &'a str,
    background_color: String,
    theme_color: String,
    lang: &'a str,
    dir: &'a str,
    icons: Vec<Icon>,
}

#[derive(Debug, Serialize)]
struct Icon {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
}

/// The icons the manifest lists: (file under `icons/`, size, purpose). The favicons and
/// the Apple touch icon are linked from the page, not listed here.
pub const ICONS: [(&str, u32, &str); 4] = [
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("maskable-192.png", 192, "maskable"),
    ("maskable-512.png", 512, "maskable"),
];

/// `title` cut to at most [`SHORT_NAME_MAX`] characters at a word boundary (a single
/// longer first word is cut inside it).
pub fn short_name(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= SHORT_NAME_MAX {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        let with = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if with.chars().count() > SHORT_NAME_MAX {
            break;
        }
        out = with;
    }
    // "Die Morgenpost" would keep only its article: when the cut leaves a word of three
    // letters or fewer, the longest word that fits names the site better.
    let longest = title
        .split_whitespace()
        .filter(|w| w.chars().count() <= SHORT_NAME_MAX)
        .max_by_key(|w| w.chars().count())
        .unwrap_or_default();
    if (1..=3).contains(&out.chars().count()) && out.chars().count() < longest.chars().count() {
        out = longest.to_string();
    }
    if out.is_empty() {
        title.chars().take(SHORT_NAME_MAX).collect()
    } else {
        out
    }
}

/// The manifest's bytes for `config` (pretty JSON, ending in a newline).
pub fn json(config: &SiteConfig) -> Result<Vec<u8>> {
    let manifest = Manifest {
        name: &config.title,
        short_name: short_name(&config.title),
        description: &config.description,
        start_url: ".",
        scope: ".",
        display: "standalone",
        background_color: config.palette.light.bg.to_string(),
        theme_color: config.theme_color().to_string(),
        lang: &config.language,
        dir: config.dir(),
        icons: ICONS
            .iter()
            .map(|&(file, size, purpose)| Icon {
                src: format!("icons/{file}"),
                sizes: format!("{size}x{size}"),
                kind: "image/png",
                purpose,
            })
            .collect(),
    };
    let mut bytes = to_json_pretty(FILE_NAME, &manifest)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes [`FILE_NAME`] into `dir` (only when its bytes change).
pub fn write(config: &SiteConfig, dir: &Path) -> Result {
    write_if_changed(&dir.join(FILE_NAME), &json(config)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::root;

    fn config(text: &str) -> SiteConfig {
        let palette = crate::site_config::palette().unwrap();
        crate::site_config::parse(text, &root().join("test.toml"), palette).unwrap()
    }

    #[test]
    fn short_names_cut_at_a_word() {
        for (title, want) in [
            ("Broadsheet", "Broadsheet"),
            ("The Daily Planet", "The Daily"),
            ("Twelve chars", "Twelve chars"),
            ("Extraordinarily Long", "Extraordinar"),
            ("Le Monde diplomatique", "Le Monde"),
            ("Die Morgenpost", "Morgenpost"),
            ("  Spaced  ", "Spaced"),
        ] {
            assert_eq!(short_name(title), want, "{title}");
        }
    }

    #[test]
    fn the_manifest_follows_the_configuration() {
        let text = "title = \"Al-Masry Al-Youm\"\nlanguage = \"ar-EG\"\naccent = \"#7a1f5c\"\n";
        let value: serde_json::Value =
            serde_json::from_slice(&json(&config(text)).unwrap()).unwrap();
        assert_eq!(value["name"], "Al-Masry Al-Youm");
        assert_eq!(value["short_name"], "Al-Masry");
        assert_eq!(value["lang"], "ar-EG");
        assert_eq!(value["dir"], "rtl");
        assert_eq!(value["theme_color"], "#7a1f5c");
        assert_eq!(value["background_color"], "#f7f5f0");
        assert_eq!(value["start_url"], ".");
        assert_eq!(value["icons"].as_array().unwrap().len(), 4);
        assert_eq!(value["icons"][3]["src"], "icons/maskable-512.png");
        assert_eq!(value["icons"][3]["purpose"], "maskable");
    }

    #[test]
    fn the_defaults_give_todays_fields() {
        let ours: serde_json::Value = serde_json::from_slice(&json(&config("")).unwrap()).unwrap();
        let shipped = std::fs::read(root().join("public").join(FILE_NAME)).unwrap();
        let shipped: serde_json::Value = serde_json::from_slice(&shipped).unwrap();
        for key in [
            "name",
            "short_name",
            "start_url",
            "scope",
            "display",
            "background_color",
            "lang",
            "dir",
            "icons",
        ] {
            assert_eq!(ours[key], shipped[key], "{key}");
        }
    }
}
