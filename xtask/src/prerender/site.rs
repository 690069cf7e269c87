//! What every static page and feed knows about the site it is written for.

use broadsheet_core::Article;

/// Site-wide facts every page needs.
pub struct Site<'a> {
    /// Public base path (`/` or `/sub/`).
    pub base: &'a str,
    /// Absolute URL of the site root, ending in `/`.
    pub url: &'a str,
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
}
