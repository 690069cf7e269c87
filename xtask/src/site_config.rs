//! `broadsheet.toml`: the site's configuration (title, address, language, colours, logo,
//! paging), read by `cargo xtask serve`, `dist` and `bench`, documented key by key in
//! `docs/CONFIG.md`.
//!
//! [`load`] reads the file at the repository's top (or the one `--config FILE` names),
//! in two passes over the same text: toml's span-keeping table first, so an unknown key
//! is reported at its own line, then serde into [`Raw`] with a span on every value, so
//! a bad value is too. Validation then turns [`Raw`] into [`SiteConfig`]: defaults
//! applied, paths absolute, colours checked for contrast against the page's own
//! backgrounds (read from `style/1-tokens.css`). Every error reads
//! `file:line:column: key: problem`, like the article errors.
//!
//! Precedence, applied by the tasks: flags, then this file, then the host's variables,
//! then the defaults here.

mod check;
pub mod colour;
pub mod language;
pub mod timezone;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::util::root;
use colour::{AccentSet, Rgb, Tokens};

/// The configuration file's name, at the repository's top.
pub const FILE_NAME: &str = "broadsheet.toml";

/// The variable through which `serve` and `dist` pass `--config FILE` to Trunk's
/// build hook (`cargo xtask bundle`, which writes the stylesheet): a hook has no flags.
pub const CONFIG_ENV: &str = "BROADSHEET_CONFIG";

/// The default `title`.
pub const DEFAULT_TITLE: &str = "Broadsheet";
/// The default `description`.
pub const DEFAULT_DESCRIPTION: &str = "The latest news, read in your browser.";
/// The default `language`.
pub const DEFAULT_LANGUAGE: &str = "en";
/// The default `timezone`.
pub const DEFAULT_TIMEZONE: &str = "UTC";
/// The default `page_size`.
pub const DEFAULT_PAGE_SIZE: u32 = 24;
/// The default `feed_items`.
pub const DEFAULT_FEED_ITEMS: u32 = 50;
/// `page_size` must be a multiple of this: the card grid has 1 to 4 columns, so whole
/// rows need a multiple of 12.
pub const PAGE_SIZE_STEP: u32 = 12;
/// The allowed `page_size`s.
pub const PAGE_SIZES: std::ops::RangeInclusive<u32> = 12..=96;
/// The allowed `feed_items`.
pub const FEED_ITEMS: std::ops::RangeInclusive<u32> = 1..=500;

/// Every top-level key, in the order the documentation lists them.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "site_url",
    "base_path",
    "language",
    "timezone",
    "logo",
    "accent",
    "accent_dark",
    "page_size",
    "feed_items",
    "footer",
    "about",
    "social",
];
/// The keys of `[footer]`.
pub const FOOTER_KEYS: &[&str] = &["about", "contact", "terms"];
/// The keys of `[social]`.
pub const SOCIAL_KEYS: &[&str] = &["twitter"];

/// Why the configuration cannot be used. The text starts with the file, and its line
/// and column when known, then names the key and the problem.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read (a missing `--config FILE`, permissions).
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        /// The file as named.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A problem at a place in the file.
    #[error("{}:{line}:{column}: {message}", file.display())]
    At {
        /// The file as named.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The key and what is wrong with it.
        message: String,
    },
    /// A problem with the file as a whole (or a file it relies on).
    #[error("{}: {message}", file.display())]
    File {
        /// The file as named.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl From<ConfigError> for crate::util::Error {
    fn from(e: ConfigError) -> Self {
        crate::util::Error::Msg(e.to_string())
    }
}

/// The links of the page footer; each an absolute http(s) address or a path starting
/// with `/` (under the site's base path).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footer {
    /// "About".
    pub about: Option<String>,
    /// "Contact".
    pub contact: Option<String>,
    /// "Terms".
    pub terms: Option<String>,
}

/// The site's social accounts, for link previews.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Social {
    /// The X/Twitter handle, always with its leading `@`.
    pub twitter: Option<String>,
}

/// The site's configuration, validated, with every default applied and every path
/// absolute.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The file read, as named; `None` when there was none (all defaults).
    pub file: Option<PathBuf>,
    /// The site's name: page titles, the manifest, the monogram icon.
    pub title: String,
    /// One sentence for link previews, feeds and the manifest.
    pub description: String,
    /// The public address, validated like `--site-url` and ending in `/`.
    pub site_url: Option<String>,
    /// The base path, normalised like `--base-path` (`/` or `/sub/`).
    pub base_path: Option<String>,
    /// A well-formed BCP 47 tag.
    pub language: String,
    /// An IANA time-zone name known to the bundled database.
    pub timezone: String,
    /// The logo image (PNG, JPEG, WebP or GIF).
    pub logo: Option<PathBuf>,
    /// The light theme's accent and its derived colours, when configured.
    pub accent: Option<AccentSet>,
    /// The dark theme's, when configured (else the stock dark accent stays).
    pub accent_dark: Option<AccentSet>,
    /// Cards per list page.
    pub page_size: u32,
    /// Entries per feed.
    pub feed_items: u32,
    /// Footer links.
    pub footer: Footer,
    /// A markdown file for an about page.
    pub about: Option<PathBuf>,
    /// Social accounts.
    pub social: Social,
    /// Both themes' backgrounds and stock accents, read from `style/1-tokens.css`.
    pub palette: Tokens,
}

impl SiteConfig {
    /// Every default, with the palette of `tokens` (what [`load`] gives without a file).
    pub fn defaults(palette: Tokens) -> SiteConfig {
        SiteConfig {
            file: None,
            title: DEFAULT_TITLE.into(),
            description: DEFAULT_DESCRIPTION.into(),
            site_url: None,
            base_path: None,
            language: DEFAULT_LANGUAGE.into(),
            timezone: DEFAULT_TIMEZONE.into(),
            logo: None,
            accent: None,
            accent_dark: None,
            page_size: DEFAULT_PAGE_SIZE,
            feed_items: DEFAULT_FEED_ITEMS,
            footer: Footer::default(),
            about: None,
            social: Social::default(),
            palette,
        }
    }

    /// The colour of `<meta name="theme-color">` and the manifest's `theme_color`: the
    /// configured accent, else the stylesheet's stock one.
    pub fn theme_color(&self) -> Rgb {
        self.accent.map_or(self.palette.light.accent, |a| a.accent)
    }

    /// `rtl` or `ltr`, from the language.
    pub fn dir(&self) -> &'static str {
        if language::is_rtl(&self.language) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The offsets of the site's time zone over [`timezone::YEARS`] (see
    /// [`timezone::zone_transitions`]).
    pub fn zone_transitions(&self) -> Result<Vec<(i64, i32)>, timezone::UnknownZone> {
        let (from, to) = (*timezone::YEARS.start(), *timezone::YEARS.end());
        timezone::zone_transitions(&self.timezone, from, to)
    }
}

/// The file as written: every key optional, each value with its place in the text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    site_url: Option<Spanned<String>>,
    base_path: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
    accent_dark: Option<Spanned<String>>,
    page_size: Option<Spanned<i64>>,
    feed_items: Option<Spanned<i64>>,
    footer: Option<RawFooter>,
    about: Option<Spanned<String>>,
    social: Option<RawSocial>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFooter {
    about: Option<Spanned<String>>,
    contact: Option<Spanned<String>>,
    terms: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSocial {
    twitter: Option<Spanned<String>>,
}

/// Reads the configuration: `explicit` (from `--config FILE`; it must exist), else
/// `broadsheet.toml` at the repository's top (absent: every default).
pub fn load(explicit: Option<&Path>) -> Result<SiteConfig, ConfigError> {
    let palette = palette()?;
    let (file, text) = match explicit {
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|source| ConfigError::Read {
                file: file.to_path_buf(),
                source,
            })?;
            (file.to_path_buf(), text)
        }
        None => {
            let file = root().join(FILE_NAME);
            match std::fs::read_to_string(&file) {
                Ok(text) => (file, text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(SiteConfig::defaults(palette))
                }
                Err(source) => return Err(ConfigError::Read { file, source }),
            }
        }
    };
    parse(&text, &file, palette)
}

/// [`load`] for Trunk's build hook: the file `serve` or `dist` passed in
/// [`CONFIG_ENV`], else the default one.
pub fn load_from_env() -> Result<SiteConfig, ConfigError> {
    let explicit = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty());
    load(explicit.as_deref().map(Path::new))
}

/// The palette from `style/1-tokens.css`.
pub fn palette() -> Result<Tokens, ConfigError> {
    let file = root().join(colour::TOKENS);
    let css = std::fs::read_to_string(&file).map_err(|source| ConfigError::Read {
        file: PathBuf::from(colour::TOKENS),
        source,
    })?;
    colour::tokens(&css).map_err(|message| ConfigError::File {
        file: PathBuf::from(colour::TOKENS),
        message,
    })
}

/// How a path is shown in errors: relative to the repository when inside it.
fn shown(file: &Path) -> PathBuf {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    absolute
        .strip_prefix(root())
        .map_or_else(|_| file.to_path_buf(), Path::to_path_buf)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Builds errors at places in one file.
struct Errors<'a> {
    text: &'a str,
    file: PathBuf,
}

impl Errors<'_> {
    fn at(&self, span: Range<usize>, message: String) -> ConfigError {
        let (line, column) = line_column(self.text, span.start);
        ConfigError::At {
            file: self.file.clone(),
            line,
            column,
            message,
        }
    }

    fn whole(&self, message: String) -> ConfigError {
        ConfigError::File {
            file: self.file.clone(),
            message,
        }
    }
}

/// Reports the first key of `table` not in `known` (`prefix` names its table).
fn unknown_keys(
    table: &DeTable<'_>,
    known: &[&str],
    prefix: &str,
    errors: &Errors,
) -> Result<(), ConfigError> {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if !known.contains(&name) {
            return Err(errors.at(
                key.span(),
                format!(
                    "unknown key `{prefix}{name}` (known keys: {})",
                    known.join(", ")
                ),
            ));
        }
        let nested = match name {
            "footer" if prefix.is_empty() => Some(FOOTER_KEYS),
            "social" if prefix.is_empty() => Some(SOCIAL_KEYS),
            _ => None,
        };
        if let (Some(keys), DeValue::Table(inner)) = (nested, value.get_ref()) {
            unknown_keys(inner, keys, &format!("{name}."), errors)?;
        }
    }
    Ok(())
}

/// The key (`footer.about`) whose value spans byte `offset`, for serde's type errors.
fn key_at(table: &DeTable<'_>, offset: usize) -> Option<String> {
    table.iter().find_map(|(key, value)| {
        let name = key.get_ref().as_ref();
        let inner = match value.get_ref() {
            DeValue::Table(inner) => key_at(inner, offset).map(|k| format!("{name}.{k}")),
            _ => None,
        };
        inner.or_else(|| value.span().contains(&offset).then(|| name.to_string()))
    })
}

/// Parses and validates the text of `file` (named as given; relative paths in it are
/// taken from its folder).
pub fn parse(text: &str, file: &Path, palette: Tokens) -> Result<SiteConfig, ConfigError> {
    let errors = Errors {
        text,
        file: shown(file),
    };
    let table = DeTable::parse(text).map_err(|e| match e.span() {
        Some(span) => errors.at(span, e.message().trim().to_string()),
        None => errors.whole(e.message().trim().to_string()),
    })?;
    unknown_keys(table.get_ref(), KEYS, "", &errors)?;
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => {
                let message = match key_at(table.get_ref(), span.start) {
                    Some(key) => format!("{key}: {message}"),
                    None => message,
                };
                errors.at(span, message)
            }
            None => errors.whole(message),
        }
    })?;
    let folder = std::path::absolute(file)
        .ok()
        .and_then(|f| f.parent().map(Path::to_path_buf))
        .unwrap_or_else(root);
    let mut config = SiteConfig::defaults(palette);
    config.file = Some(file.to_path_buf());
    apply(raw, &folder, &errors, &mut config)?;
    Ok(config)
}

/// Normalises a base path to `/` or `/sub/path/` (`--base-path` and `base_path` alike).
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Validates each value of `raw` into `config`; the first problem is the error.
fn apply(
    raw: Raw,
    folder: &Path,
    errors: &Errors,
    config: &mut SiteConfig,
) -> Result<(), ConfigError> {
    // Each check gives the value or the problem in words; this adds the place and key.
    let at =
        |key: &str, v: &Spanned<String>, why: String| errors.at(v.span(), format!("{key} {why}"));
    let text = |key: &str, v: Spanned<String>| -> Result<String, ConfigError> {
        let value = v.get_ref().trim();
        if value.is_empty() {
            return Err(at(
                key,
                &v,
                "is empty; leave the key out for the default".into(),
            ));
        }
        Ok(value.to_string())
    };
    if let Some(v) = raw.title {
        config.title = text("title", v)?;
    }
    if let Some(v) = raw.description {
        config.description = text("description", v)?;
    }
    if let Some(v) = raw.site_url {
        let url = crate::site_url::validate(v.get_ref(), "site_url")
            .map_err(|e| errors.at(v.span(), e.to_string()))?;
        config.site_url = Some(url);
    }
    if let Some(v) = raw.base_path {
        config.base_path = Some(normalize_base(v.get_ref()));
    }
    if let Some(v) = raw.language {
        language::validate(v.get_ref()).map_err(|why| {
            at(
                "language",
                &v,
                format!("\"{}\" is not a BCP 47 tag: it {why}", v.get_ref()),
            )
        })?;
        config.language = v.into_inner();
    }
    if let Some(v) = raw.timezone {
        timezone::lookup(v.get_ref()).map_err(|e| at("timezone", &v, e.to_string()))?;
        config.timezone = v.into_inner();
    }
    if let Some(v) = raw.logo {
        config.logo = Some(check::logo(folder, v.get_ref()).map_err(|why| at("logo", &v, why))?);
    }
    let accent = |key: &str, v: &Spanned<String>, dark: bool| -> Result<AccentSet, ConfigError> {
        let colour = Rgb::parse(v.get_ref().trim()).ok_or_else(|| {
            at(
                key,
                v,
                format!("\"{}\" is not a colour (#rgb or #rrggbb)", v.get_ref()),
            )
        })?;
        let theme = if dark {
            &config.palette.dark
        } else {
            &config.palette.light
        };
        colour::accent_set(colour, theme, dark).map_err(|f| {
            let which = if f.colour == colour {
                format!("{colour}")
            } else {
                format!("{colour} (derived {})", f.colour)
            };
            at(
                key,
                v,
                format!(
                    "{which} has contrast {} against {}; WCAG AA needs {}",
                    colour::ratio(f.ratio),
                    f.against,
                    colour::ratio(colour::AA)
                ),
            )
        })
    };
    if let Some(v) = &raw.accent {
        config.accent = Some(accent("accent", v, false)?);
    }
    if let Some(v) = &raw.accent_dark {
        config.accent_dark = Some(accent("accent_dark", v, true)?);
    }
    let number = |key: &str, v: Spanned<i64>, range, step| {
        check::count(*v.get_ref(), range, step)
            .map_err(|why| errors.at(v.span(), format!("{key} {why}")))
    };
    if let Some(v) = raw.page_size {
        config.page_size = number("page_size", v, PAGE_SIZES, PAGE_SIZE_STEP)?;
    }
    if let Some(v) = raw.feed_items {
        config.feed_items = number("feed_items", v, FEED_ITEMS, 1)?;
    }
    if let Some(footer) = raw.footer {
        let link = |key: &str, v: Option<Spanned<String>>| {
            v.map(|v| check::link(v.get_ref()).map_err(|why| at(key, &v, why)))
                .transpose()
        };
        config.footer = Footer {
            about: link("footer.about", footer.about)?,
            contact: link("footer.contact", footer.contact)?,
            terms: link("footer.terms", footer.terms)?,
        };
    }
    if let Some(v) = raw.about {
        config.about =
            Some(check::existing_file(folder, v.get_ref()).map_err(|why| at("about", &v, why))?);
    }
    if let Some(twitter) = raw.social.and_then(|s| s.twitter) {
        config.social.twitter = Some(
            check::twitter(twitter.get_ref()).map_err(|why| at("social.twitter", &twitter, why))?,
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests;
