//! What the pages and the app know of the site, from `broadsheet.toml`: the
//! [`SiteInfo`] the build writes to `data/site.json` (the app's words, name, footer) and
//! prerenders every page with, and the about page rendered from its markdown.

use std::path::Path;

use broadsheet_core::markdown::render;
use broadsheet_core::markup::chrome::ABOUT_PATH;
use broadsheet_core::site::{FooterLink, SiteInfo, ABOUT_DATA_PATH, SITE_PATH};

use crate::locales;
use crate::out_files::write_if_changed;
use crate::site_config::SiteConfig;
use crate::util::{read_to_string, Error, Result};

/// The site as pages show it: name, logo, footer links and the UI locale (the tables in
/// `locales/`, with the zone's offsets for dates).
pub fn site_info(config: &SiteConfig) -> Result<SiteInfo> {
    let zone = config
        .zone_transitions()
        .map_err(|e| Error::Msg(e.to_string()))?;
    let locale = locales::locale(&locales::repo_dir(), &config.language, zone)?;
    let mut footer = Vec::new();
    // The about page the build renders wins over an about address.
    let about = if config.about.is_some() {
        Some(ABOUT_PATH.to_string())
    } else {
        config.footer.about.clone()
    };
    for (label, href) in [
        ("site.about", about),
        ("site.contact", config.footer.contact.clone()),
        ("site.terms", config.footer.terms.clone()),
    ] {
        if let Some(href) = href {
            footer.push(FooterLink {
                label: label.to_string(),
                href,
            });
        }
    }
    Ok(SiteInfo {
        title: config.title.clone(),
        logo: config.logo.is_some(),
        footer,
        about: config.about.is_some(),
        page_size: config.page_size as usize,
        locale,
    })
}

/// The about page's body as safe HTML (the articles' renderer and its rules), when the
/// site has one.
pub fn about_html(config: &SiteConfig) -> Result<Option<String>> {
    config
        .about
        .as_ref()
        .map(|path| read_to_string(path).map(|text| render(&text).html))
        .transpose()
}

/// Writes `data/site.json` and, when there is one, `data/about.html` under `out`.
pub fn write(out: &Path, info: &SiteInfo, about: Option<&str>) -> Result {
    let json = serde_json::to_vec(info).map_err(|source| Error::Json {
        what: SITE_PATH.to_string(),
        source,
    })?;
    write_if_changed(&out.join(SITE_PATH), &json)?;
    if let Some(html) = about {
        write_if_changed(&out.join(ABOUT_DATA_PATH), html.as_bytes())?;
    }
    Ok(())
}
