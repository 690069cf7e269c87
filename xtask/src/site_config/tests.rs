//! `broadsheet.toml` read end to end: every error names the file, line, column and key;
//! defaults without a file; paths from the file's folder.

use std::path::{Path, PathBuf};

use super::colour::Rgb;
use super::{load, parse, ConfigError, SiteConfig};

/// A folder of its own per test, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir =
            std::env::temp_dir().join(format!("broadsheet-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn read(text: &str) -> Result<SiteConfig, ConfigError> {
    parse(
        text,
        Path::new("/elsewhere/site.toml"),
        super::palette().unwrap(),
    )
}

fn error(text: &str) -> String {
    read(text).unwrap_err().to_string()
}

#[test]
fn defaults_when_no_file_and_an_empty_file() {
    for config in [
        read("").unwrap(),
        SiteConfig::defaults(super::palette().unwrap()),
    ] {
        assert_eq!(config.title, "Broadsheet");
        assert_eq!(config.description, "The latest news, read in your browser.");
        assert_eq!(
            (config.language.as_str(), config.timezone.as_str()),
            ("en", "UTC")
        );
        assert_eq!((config.page_size, config.feed_items), (24, 50));
        assert!(config.site_url.is_none() && config.base_path.is_none());
        assert!(config.accent.is_none() && config.logo.is_none() && config.about.is_none());
        // No accent: the stylesheet's own.
        assert_eq!(config.theme_color(), Rgb(0x0b, 0x57, 0xa4));
        assert_eq!(config.dir(), "ltr");
        assert_eq!(config.zone_transitions().unwrap(), [(i64::MIN, 0)]);
    }
}

#[test]
fn the_sample_file_is_valid_and_changes_nothing() {
    let config = load(None).unwrap();
    assert!(
        config.file.is_some(),
        "the repository ships broadsheet.toml"
    );
    assert_eq!(config.title, "Broadsheet");
    assert_eq!(
        config.accent.map(|a| a.accent),
        Some(config.palette.light.accent)
    );
    assert_eq!(
        config.accent_dark.map(|a| a.accent),
        Some(config.palette.dark.accent)
    );
}

#[test]
fn a_missing_config_flag_file_is_an_error() {
    let e = load(Some(Path::new("/no/such/broadsheet.toml")))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("/no/such/broadsheet.toml: cannot read: "),
        "{e}"
    );
}

#[test]
fn every_value_is_read() {
    let dir = Folder::new("values");
    dir.file("about.md", b"# About\n");
    let text = r##"
title = "The Daily Planet"
description = "Metropolis news."
site_url = "https://planet.example.org/news"
base_path = "news"
language = "he-IL"
timezone = "Asia/Jerusalem"
accent = "#7a1f5c"
accent_dark = "#ffd166"
page_size = 48
feed_items = 500
about = "about.md"

[footer]
contact = "/contact/"
terms = "https://planet.example.org/terms"

[social]
twitter = "dailyplanet"
"##;
    let file = dir.file("site.toml", text.as_bytes());
    let c = load(Some(&file)).unwrap();
    assert_eq!(c.title, "The Daily Planet");
    assert_eq!(
        c.site_url.as_deref(),
        Some("https://planet.example.org/news/")
    );
    assert_eq!(c.base_path.as_deref(), Some("/news/"));
    assert_eq!(c.dir(), "rtl");
    assert_eq!(c.theme_color(), Rgb(0x7a, 0x1f, 0x5c));
    assert_eq!(c.accent_dark.map(|a| a.on_accent), Some(Rgb(0, 0, 0)));
    assert_eq!((c.page_size, c.feed_items), (48, 500));
    assert_eq!(c.about, Some(dir.0.join("about.md")));
    assert_eq!(c.footer.contact.as_deref(), Some("/contact/"));
    assert!(c.footer.about.is_none());
    assert_eq!(c.social.twitter.as_deref(), Some("@dailyplanet"));
    assert!(c.zone_transitions().unwrap().len() > 100);
}

/// Each mistake, the place it is reported at, and words the message must hold.
#[test]
fn mistakes_name_the_file_line_column_and_key() {
    let table: &[(&str, &str)] = &[
        (
            "title = \"x\"\n\n\n\n\n\ncolour = \"#fff\"\n",
            "site.toml:7:1: unknown key `colour` (known keys: title, description, site_url,",
        ),
        ("[footer]\nabout = \"/a/\"\nhome = \"/\"\n", "site.toml:3:1: unknown key `footer.home` (known keys: about, contact, terms)"),
        ("[social]\nmastodon = \"@a\"\n", "site.toml:2:1: unknown key `social.mastodon`"),
        ("title = \"x\"\naccent = \"#12345\"\n", "site.toml:2:10: accent \"#12345\" is not a colour (#rgb or #rrggbb)"),
        ("accent = \"#ffff00\"", "site.toml:1:10: accent #ffff00 has contrast 1.0:1 against the page background #f7f5f0; WCAG AA needs 4.5:1"),
        ("accent = \"#777\"", "accent #777777 has contrast 4.1:1 against the page background #f7f5f0"),
        ("accent_dark = \"#0b57a4\"", "site.toml:1:15: accent_dark #0b57a4 has contrast 2.5:1 against the page background #121417"),
        ("language = \"en_US\"", "site.toml:1:12: language \"en_US\" is not a BCP 47 tag: it separates its parts with `_`"),
        ("language = \"en-GB-oed-x\"", "language \"en-GB-oed-x\" is not a BCP 47 tag"),
        ("timezone = \"Europe/Pariss\"", "site.toml:1:12: timezone `Europe/Pariss` is not a time zone"),
        ("page_size = 100", "site.toml:1:13: page_size 100 is not allowed: use a multiple of 12 from 12 to 96"),
        ("page_size = 30", "page_size 30 is not allowed"),
        ("page_size = 0", "page_size 0 is not allowed"),
        ("feed_items = 0", "feed_items 0 is not allowed: use 1 to 500"),
        ("page_size = \"24\"", "site.toml:1:13: page_size: invalid type: string \"24\", expected i64"),
        ("[footer]\nterms = \"terms.html\"", "site.toml:2:9: footer.terms `terms.html` is neither"),
        ("about = \"missing.md\"", "site.toml:1:9: about `missing.md` does not exist (/elsewhere/missing.md)"),
        ("logo = \"logo.png\"", "logo `logo.png` does not exist"),
        ("site_url = \"example.org\"", "site.toml:1:12: site_url: `example.org` is not an absolute http(s) URL"),
        ("[social]\ntwitter = \"@far_too_long_handle\"", "site.toml:2:11: social.twitter `@far_too_long_handle` is not a handle"),
        ("title = \"\"", "site.toml:1:9: title is empty"),
        ("title = \"x", "site.toml:1:"),
    ];
    for (text, want) in table {
        let e = error(text);
        assert!(e.contains(want), "{text:?}\n  got:  {e}\n  want: {want}");
        assert!(e.starts_with("/elsewhere/site.toml:"), "{e}");
    }
}

#[test]
fn the_logo_must_be_a_raster_image() {
    let dir = Folder::new("logo");
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(4, 2, image::Rgba([1, 2, 3, 255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    dir.file("logo.png", &png);
    dir.file("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    dir.file("disguised.png", b"<?xml version=\"1.0\"?>\n<svg/>");
    dir.file("notes.png", b"not an image");
    let config = |logo: &str| {
        let file = dir.file("site.toml", format!("logo = \"{logo}\"\n").as_bytes());
        load(Some(&file))
    };
    assert_eq!(
        config("logo.png").unwrap().logo,
        Some(dir.0.join("logo.png"))
    );
    for (logo, want) in [
        ("logo.svg", "is an SVG; export it as a PNG"),
        ("disguised.png", "is an SVG; export it as a PNG"),
        ("notes.png", "not an image"),
        (".", "is not a file"),
    ] {
        let e = config(logo).unwrap_err().to_string();
        assert!(e.contains(want) && e.contains(":1:8: logo "), "{logo}: {e}");
    }
}

#[test]
fn line_and_column_count_characters() {
    let text = "a = 1\nb = \"é\" x";
    assert_eq!(super::line_column(text, 0), (1, 1));
    assert_eq!(super::line_column(text, 6), (2, 1));
    // After the two-byte é, byte 14 is the eighth character of line 2.
    assert_eq!(super::line_column(text, 14), (2, 8));
    assert_eq!(super::line_column(text, 999), (2, 10));
}
