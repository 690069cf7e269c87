//! What the reader's pages know about the site itself: its name, the footer's links and
//! the UI language, from `broadsheet.toml`. The build writes it to `data/site.json`
//! ([`SITE_PATH`]); the prerendered pages are written from the same value, so the app
//! that takes a page over shows the same header, footer and words.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// Where the app reads the site's description, relative to the site root.
pub const SITE_PATH: &str = "data/site.json";

/// Where the app reads the about page's text: safe HTML the build renders from the
/// publisher's markdown file (`broadsheet.toml`'s `about`).
pub const ABOUT_DATA_PATH: &str = "data/about.html";

/// A link in the site footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FooterLink {
    /// The message key of its text (`site.about`, `site.contact`, `site.terms`).
    pub label: String,
    /// Where it goes: an absolute URL, or a path from the site root (`about`).
    pub href: String,
}

/// The site, as every page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// The site's name: the header, page titles, feeds.
    pub title: String,
    /// The header draws the logo's icon instead of a monogram.
    #[serde(default)]
    pub logo: bool,
    /// The footer's links, in order.
    #[serde(default)]
    pub footer: Vec<FooterLink>,
    /// The site has an about page (`about`, from `broadsheet.toml`'s `about` file).
    #[serde(default)]
    pub about: bool,
    /// Cards the reader gets at a time: the front page's, and each "Load more".
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// The UI language and the time zone of displayed dates.
    pub locale: Locale,
}

/// The page size of a site that does not set one: the data files' own.
fn default_page_size() -> usize {
    crate::bundle::PAGE_SIZE
}

impl Default for SiteInfo {
    fn default() -> Self {
        SiteInfo {
            title: String::new(),
            logo: false,
            footer: Vec::new(),
            about: false,
            page_size: default_page_size(),
            locale: Locale::default(),
        }
    }
}

impl SiteInfo {
    /// A page title: what the page shows, then the site's name; the site's name alone
    /// for an empty `text`.
    ///
    /// ```
    /// use broadsheet_core::site::SiteInfo;
    /// let site = SiteInfo { title: "Die Zeitung".into(), ..Default::default() };
    /// assert_eq!(site.page_title("Saved"), "Saved · Die Zeitung");
    /// assert_eq!(site.page_title(""), "Die Zeitung");
    /// ```
    pub fn page_title(&self, text: &str) -> String {
        if text.is_empty() {
            self.title.clone()
        } else {
            format!("{text} · {}", self.title)
        }
    }

    /// The header's monogram: the first letter of the name, upper-cased.
    pub fn monogram(&self) -> String {
        self.title
            .chars()
            .find(|c| c.is_alphanumeric())
            .map(|c| broadsheet_article::case::upper_char(c).collect())
            .unwrap_or_default()
    }

    /// A footer link's address for `base` (the site's base path without its trailing
    /// slash): site paths are put under the base path, absolute URLs kept.
    pub fn footer_href(link: &FooterLink, base: &str) -> String {
        if link.href.contains("://") {
            link.href.clone()
        } else {
            format!("{base}/{}", link.href.trim_start_matches('/'))
        }
    }
}
