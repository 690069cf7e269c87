//! The site's own description ([`SiteInfo`]: its name, footer links and the reader's
//! language), read once from `data/site.json` and shared with every view.
//!
//! A leaf beside the data loaders: it uses only [`crate::fetch`]. The app's root loads it
//! before it renders anything (`App`), provides it as context, and views read it with
//! [`site`]; code that runs outside a reactive owner (event handlers, tasks) reads the
//! same value, kept here for the visit.

use std::cell::RefCell;
use std::sync::Arc;

use broadsheet_core::site::{SiteInfo, SITE_PATH};
use leptos::prelude::*;

use crate::fetch::{fetch_json, fetch_text, LoadError};

thread_local! {
    /// The site, once loaded: it does not change during a visit (a deploy that changes
    /// it is picked up by the next page load).
    static SITE: RefCell<Option<Arc<SiteInfo>>> = const { RefCell::new(None) };
}

/// Fetches `data/site.json`, or answers the copy already loaded (a retry after another
/// load failed, a new deploy) without a request.
pub async fn load_site() -> Result<Arc<SiteInfo>, LoadError> {
    if let Some(kept) = loaded() {
        return Ok(kept);
    }
    let site: SiteInfo = fetch_json(SITE_PATH, "the site's description").await?;
    let site = Arc::new(site);
    SITE.set(Some(site.clone()));
    Ok(site)
}

/// The site, when it has been loaded.
pub fn loaded() -> Option<Arc<SiteInfo>> {
    SITE.with_borrow(Clone::clone)
}

/// Makes `site` the context of the views below the caller (the app's root, or a test).
pub fn provide_site(site: Arc<SiteInfo>) {
    provide_context(site);
}

/// The site the views speak for: the context, else the loaded copy; `None` before
/// either exists (the app's root still loading it).
pub fn try_site() -> Option<Arc<SiteInfo>> {
    use_context::<Arc<SiteInfo>>().or_else(loaded)
}

/// The site the views speak for ([`try_site`]). Before it exists (a component rendered
/// alone), an empty site, whose lookups show their keys.
pub fn site() -> Arc<SiteInfo> {
    try_site().unwrap_or_default()
}

/// Sets `<html lang dir>` to the site's language: the prerendered pages carry them
/// already, the plain `index.html` of the dev server does not.
pub fn set_document_language(site: &SiteInfo) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", &site.locale.language);
        let _ = root.set_attribute("dir", site.locale.dir());
    }
}

/// The about page's text, relative to the site root: safe HTML the build renders from
/// the publisher's markdown file (`broadsheet.toml`'s `about`).
pub const ABOUT_DATA: &str = "data/about.html";

/// Fetches the about page's text.
pub async fn load_about() -> Result<String, LoadError> {
    let html = fetch_text(ABOUT_DATA).await?;
    // The text is a fragment; a whole document is a host's page for a missing file.
    let start = html.trim_start().as_bytes();
    let document = start
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"<!doc") || s.eq_ignore_ascii_case(b"<html"));
    if document {
        return Err(LoadError::WrongContent {
            url: ABOUT_DATA.to_string(),
            expected: "the about page's text",
        });
    }
    Ok(html)
}
