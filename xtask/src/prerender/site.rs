//! What every static page and feed knows about the site it is written for.

use broadsheet_core::i18n::Locale;
use broadsheet_core::site::SiteInfo;
use broadsheet_core::Article;

/// Site-wide facts every page needs.
pub struct Site<'a> {
    /// Public base path (`/` or `/sub/`).
    pub base: &'a str,
    /// Absolute URL of the site root, ending in `/`.
    pub url: &'a str,
    /// Name, footer links and the UI language, as the app reads them from `data/site.json`.
    pub info: &'a SiteInfo,
    /// The site's description (front page, feeds).
    pub description: &'a str,
    /// The site's `twitter:site` handle (`@name`), if any.
    pub twitter: Option<&'a str>,
    /// Newest articles in each feed.
    pub feed_items: usize,
}

impl Site<'_> {
    /// Absolute URL of an article page.
    pub fn article_url(&self, a: &Article) -> String {
        format!("{}article/{}", self.url, a.slug)
    }

    /// Absolute URL for a cover variant (relative ones are under the site root).
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("https://") || url.starts_with("http://") {
            url.to_string()
        } else {
            format!("{}{}", self.url, url.trim_start_matches('/'))
        }
    }

    /// The base path as the core's markup takes it: without its trailing slash.
    pub fn markup_base(&self) -> &str {
        self.base.trim_end_matches('/')
    }

    /// The UI's words.
    pub fn locale(&self) -> &Locale {
        &self.info.locale
    }
}

/// A site for the tests: `Broadsheet` in English at `base`/`url`.
#[cfg(test)]
pub fn test_site(base: &'static str, url: &'static str) -> Site<'static> {
    let info: &'static SiteInfo = Box::leak(Box::new(SiteInfo {
        title: "Broadsheet".into(),
        locale: crate::locales::locale(&crate::locales::repo_dir(), "en", Vec::new())
            .unwrap_or_else(|e| panic!("{e}")),
        ..Default::default()
    }));
    Site {
        base,
        url,
        info,
        description: "The latest news, read in your browser.",
        twitter: None,
        feed_items: broadsheet_core::feed_links::FEED_ITEMS,
    }
}
