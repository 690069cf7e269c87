//! The site's own description ([`SiteInfo`]: its name, footer links and the reader's
//! language), read once from `data/site.json` and shared with every view.
//!
//! A leaf beside the data loaders: it uses only [`crate::fetch`]. `main` loads it before
//! the app mounts, and views, handlers and tasks alike read it with [`site`]: one value,
//! kept here for the visit (it cannot change during one), so no reactive context.

use std::cell::RefCell;
use std::sync::Arc;

use broadsheet_core::i18n::Locale;
use broadsheet_core::site::{FooterLink, SiteInfo, ABOUT_DATA_PATH, SITE_PATH};
use js_sys::{Array, Object, Reflect, JSON};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::fetch::{fetch_data, fetch_text, LoadError};

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
    let bytes = fetch_data(SITE_PATH, "the site's description").await?;
    let bad = |reason: &str| LoadError::BadJson {
        url: SITE_PATH.to_string(),
        reason: reason.to_string(),
    };
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8"))?;
    let value = JSON::parse(&text).map_err(|_| bad("not JSON"))?;
    let site = Arc::new(read_site(&value).ok_or_else(|| bad("not a site description"))?);
    SITE.set(Some(site.clone()));
    Ok(site)
}

/// A [`SiteInfo`] from the parsed `data/site.json`, read through the browser's own JSON
/// parser: a serde reader of these few fields cost the main Wasm file more than the
/// whole message table weighs. `None` when a field is missing or of another type.
fn read_site(value: &JsValue) -> Option<SiteInfo> {
    let field = |object: &JsValue, name: &str| Reflect::get(object, &JsValue::from_str(name)).ok();
    let text = |object: &JsValue, name: &str| field(object, name)?.as_string();
    let flag = |object: &JsValue, name: &str| field(object, name).and_then(|v| v.as_bool());
    let locale = field(value, "locale")?;
    let mut messages = std::collections::BTreeMap::new();
    for entry in Object::entries(&Object::from(field(&locale, "messages")?)) {
        let pair = Array::from(&entry);
        messages.insert(pair.get(0).as_string()?, pair.get(1).as_string()?);
    }
    let zone = Array::from(&field(&locale, "zone")?)
        .iter()
        .map(|step| {
            let step = Array::from(&step);
            // `as` saturates: the first step's start, i64::MIN, comes back as itself.
            Some((step.get(0).as_f64()? as i64, step.get(1).as_f64()? as i32))
        })
        .collect::<Option<Vec<_>>>()?;
    let footer = Array::from(&field(value, "footer")?)
        .iter()
        .map(|link| {
            Some(FooterLink {
                label: text(&link, "label")?,
                href: text(&link, "href")?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(SiteInfo {
        title: text(value, "title")?,
        logo: flag(value, "logo").unwrap_or(false),
        footer,
        about: flag(value, "about").unwrap_or(false),
        page_size: field(value, "page_size")
            .and_then(|v| v.as_f64())
            .map_or(broadsheet_core::bundle::PAGE_SIZE, |n| (n as usize).max(1)),
        locale: Locale {
            language: text(&locale, "language")?,
            messages,
            zone,
        },
    })
}

/// The site, when it has been loaded.
pub fn loaded() -> Option<Arc<SiteInfo>> {
    SITE.with_borrow(Clone::clone)
}

/// Makes `site` the one the views speak for, as [`load_site`] does (for tests, which
/// mount components without loading a file).
pub fn set_site(site: Arc<SiteInfo>) {
    SITE.set(Some(site));
}

/// The site the views speak for ([`loaded`]). Before it exists (a component rendered
/// alone), an empty site, whose lookups show their keys.
pub fn site() -> Arc<SiteInfo> {
    loaded().unwrap_or_default()
}

/// Cards the reader gets at a time (the site's `page_size`).
pub fn page_size() -> usize {
    site().page_size
}

/// Sets `<html lang dir>` to the site's language: the prerendered pages carry them
/// already, the plain `index.html` of the dev server does not.
pub fn set_document_language(site: &SiteInfo) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", &site.locale.language);
        let _ = root.set_attribute("dir", site.locale.dir());
    }
}

/// Fetches the about page's text.
pub async fn load_about() -> Result<String, LoadError> {
    let html = fetch_text(ABOUT_DATA_PATH).await?;
    // The text is a fragment; a whole document is a host's page for a missing file.
    let start = html.trim_start().as_bytes();
    let document = start
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"<!doc") || s.eq_ignore_ascii_case(b"<html"));
    if document {
        return Err(LoadError::WrongContent {
            url: ABOUT_DATA_PATH.to_string(),
            expected: "the about page's text",
        });
    }
    Ok(html)
}
