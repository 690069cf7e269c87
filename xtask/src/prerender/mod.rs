//! Static pages and feeds written beside the app shell by `cargo xtask dist`:
//! one HTML page per article (readable without JavaScript, with link-preview tags),
//! the front page, `404.html`, RSS/Atom/JSON feeds and an Atom feed per facet value,
//! `sitemap.xml` ([`sitemap`]) and, at a host's root only, `robots.txt`. Article pages
//! are rendered on every core, and only when their inputs changed since the last build
//! into the same folder (a page's key, see `out_files::unchanged_since`).
//!
//! The pages' visible parts come from the core's `markup` module, the very functions the
//! app writes its views with, so the static copy and the app that replaces it are the
//! same markup ([`pages`]); this module only places them in the Trunk-built template
//! and writes the files. Feeds are in [`feeds`].

mod atom;
mod facet_feeds;
mod feed_id;
mod feed_items;
#[cfg(test)]
mod feed_tests;
mod feeds;
mod pages;
mod site;
mod sitemap;
mod xml;

use std::path::Path;

use broadsheet_core::bundle::{head_path, sidecar_path, ArticleSidecar, ListHead, ALL_LIST};
use broadsheet_core::markdown::escape_html as esc;
use broadsheet_core::markup::chrome::ABOUT_PATH;
use broadsheet_core::stats::Overview;
use rayon::prelude::*;

use crate::articles::Built;
use crate::keys::Key;
use crate::out_files::{unchanged_since, write_if_changed, write_keyed};
use crate::progress::bar;
use crate::util::{read_to_string, tool_stamp, Result};

pub use pages::{article_body, article_head};
pub use site::Site;

/// The Trunk-built `index.html` split around the places pages fill in.
struct Template {
    html: String,
}

impl Template {
    /// A page in the site's UI language (an article's own language is on the elements
    /// that hold its text).
    fn page(&self, site: &Site, head: &str, body: &str) -> String {
        let locale = site.locale();
        let mut html = self.html.replacen(
            "<html lang=\"en\">",
            &format!(
                "<html lang=\"{}\" dir=\"{}\">",
                esc(&locale.language),
                locale.dir()
            ),
            1,
        );
        html = remove_between(&html, "<title>", "</title>");
        html = remove_default_description(&html);
        html = html.replacen("</head>", &format!("{head}</head>"), 1);
        html.replacen(
            "<body>",
            &format!("<body><div id=\"prerendered\">{body}</div>"),
            1,
        )
    }
}

fn remove_between(html: &str, open: &str, close: &str) -> String {
    match (html.find(open), html.find(close)) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &html[..a], &html[b + close.len()..]),
        _ => html.to_string(),
    }
}

fn remove_default_description(html: &str) -> String {
    let marker = "<meta name=\"description\"";
    match html.find(marker) {
        Some(a) => match html[a..].find('>') {
            Some(len) => format!("{}{}", &html[..a], &html[a + len + 1..]),
            None => html.to_string(),
        },
        None => html.to_string(),
    }
}

/// The overview of every article, as the bundle step wrote it in the head of the `all`
/// list (the file the app's front page loads first): the chart the static copy
/// shows is the one the app shows, counted once.
fn written_overview(out: &Path) -> Result<Option<Overview>> {
    let path = head_path(ALL_LIST);
    let text = read_to_string(&out.join(&path))?;
    let page: ListHead = serde_json::from_str(&text)
        .map_err(|source| crate::util::Error::Json { what: path, source })?;
    Ok(page.overview)
}

/// An article's related reading and neighbours, from the bytes the bundle step wrote
/// beside its source; none when the file is missing or unreadable (the page is still
/// whole).
fn parse_sidecar(bytes: Option<&[u8]>) -> ArticleSidecar {
    bytes
        .and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_default()
}

/// Bump when an article page's markup changes in a way its inputs do not show (every
/// key also changes whenever the xtask executable changes).
const PAGE_VERSION: &str = "2";

/// How many article pages a [`site`] call rendered and how many it found unchanged.
#[derive(Debug, Default, Clone, Copy)]
pub struct PageCounts {
    /// Rendered (and written when their bytes changed).
    pub rendered: usize,
    /// Skipped: same inputs as the last build, file untouched since.
    pub skipped: usize,
}

/// Writes the article pages (both cores), skipping those the last build into `out`
/// wrote from the same inputs: the template and site, the article's file, and its
/// related reading and neighbours (`related[i]`, the key `bundle_data::write` gave them).
fn article_pages(
    built: &Built,
    related: &[u128],
    out: &Path,
    site: &Site,
    template: &Template,
) -> Result<PageCounts> {
    // Everything site-wide a page shows: its name, words, links and handle.
    let site_info = serde_json::to_string(site.info).unwrap_or_default();
    let shared = Key::new(&tool_stamp())
        .bytes(PAGE_VERSION.as_bytes())
        .bytes(template.html.as_bytes())
        .bytes(site.base.as_bytes())
        .bytes(site.url.as_bytes())
        .bytes(site_info.as_bytes())
        .bytes(site.description.as_bytes())
        .bytes(site.twitter.unwrap_or_default().as_bytes())
        .finish();
    let articles = &built.bundle.articles;
    let progress = bar(articles.len(), "pages");
    let done: Vec<Result<bool>> = (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let a = &articles[i].0;
            progress.inc(1);
            let path = out.join(format!("article/{}/index.html", a.slug));
            let key = Key::new("")
                .u128(shared)
                .bytes(a.slug.as_bytes())
                .bytes(a.id.as_bytes())
                .u128(built.files.get(i).map_or(0, |f| f.hash))
                .u128(related.get(i).copied().unwrap_or_default())
                .finish();
            if unchanged_since(&path, key) {
                return Ok(false);
            }
            // The bundle step has just written (or kept) it.
            let sidecar = std::fs::read(out.join(sidecar_path(&a.slug))).ok();
            let page = template.page(
                site,
                &article_head(site, a),
                &article_body(site, a, &built.body(i)?, &parse_sidecar(sidecar.as_deref())),
            );
            write_keyed(&path, key, page.as_bytes())?;
            Ok(true)
        })
        .collect();
    progress.finish_and_clear();
    let mut counts = PageCounts::default();
    for rendered in done {
        if rendered? {
            counts.rendered += 1;
        } else {
            counts.skipped += 1;
        }
    }
    Ok(counts)
}

/// Writes the feeds, the sitemaps and `robots.txt` into `out`: they depend on the
/// articles and the site only, not on the data or the pages.
pub fn feeds(built: &Built, out: &Path, site: &Site) -> Result {
    let bundle = &built.bundle;
    // Fast, not SipHash: 100,000 slugs per build.
    let position: crate::bin_codec::FastMap<&str, usize> = bundle
        .articles
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (a.slug.as_str(), i))
        .collect();
    let body_of = |item: &feed_items::Item| match position.get(item.0.slug.as_str()) {
        Some(&i) => built.body(i),
        None => feed_items::held_body(item),
    };
    let key_of = |item: &feed_items::Item| {
        let hash = position
            .get(item.0.slug.as_str())
            .and_then(|&i| built.files.get(i))
            .map_or(0, |f| f.hash);
        Key::new("")
            .bytes(item.0.slug.as_bytes())
            .bytes(item.0.id.as_bytes())
            .u128(hash)
            .finish()
    };
    feeds::write(site, bundle, &body_of, &key_of, out)?;
    if let Some(robots) = sitemap::robots(site) {
        write_if_changed(&out.join("robots.txt"), robots.as_bytes())?;
    }
    Ok(())
}

/// Writes every static page into `out` (the feeds are [`feeds`]), which already holds
/// the data bundle (`bundle::write`); `shell` is the app's page (Trunk's `index.html` with its
/// Content-Security-Policy), the template of every page. `about` is the about page's
/// rendered HTML, when the site has one.
pub fn site(
    built: &Built,
    related: &[u128],
    out: &Path,
    site: &Site,
    shell: &str,
    about: Option<&str>,
) -> Result<PageCounts> {
    let bundle = &built.bundle;
    let template = Template {
        html: shell.to_string(),
    };
    let counts = article_pages(built, related, out, site, &template)?;
    let overview = written_overview(out)?;
    write_if_changed(
        &out.join("index.html"),
        template
            .page(
                site,
                &pages::front_head(site),
                &pages::front_page_body(site, bundle, overview.as_ref()),
            )
            .as_bytes(),
    )?;
    write_if_changed(
        &out.join("404.html"),
        template
            .page(
                site,
                &pages::not_found_head(site),
                &pages::not_found_body(site),
            )
            .as_bytes(),
    )?;
    if let Some(about) = about {
        write_if_changed(
            &out.join(ABOUT_PATH).join("index.html"),
            template
                .page(
                    site,
                    &pages::about_head(site, about),
                    &pages::about_body(site, about),
                )
                .as_bytes(),
        )?;
    }
    Ok(counts)
}
