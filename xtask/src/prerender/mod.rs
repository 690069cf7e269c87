//! Static pages and feeds written beside the app shell by `cargo xtask dist`:
//! one HTML page per article (readable without JavaScript, with link-preview tags),
//! the front page, `404.html`, RSS/Atom/JSON feeds and an Atom feed per facet value,
//! `sitemap.xml` ([`sitemap`]) and, at a host's root only, `robots.txt`. Article pages
//! are rendered on every core, and only when their inputs changed since the last build
//! into the same folder ([`state`]).
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
mod state;
mod xml;

use std::collections::HashMap;
use std::path::Path;

use broadsheet_core::bundle::{
    head_path, sidecar_path, ArticleSidecar, Bundle, ListHead, ALL_LIST,
};
use broadsheet_core::markdown::escape_html as esc;
use broadsheet_core::markup::chrome::ABOUT_PATH;
use broadsheet_core::stats::Overview;
use rayon::prelude::*;

use crate::progress::bar;
use crate::util::{fast_hash, note_unchanged, read_to_string, write_if_changed, Result};

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

/// Bump when an article page's markup changes in a way its inputs do not show (the
/// build state is also dropped whenever the xtask executable changes).
const PAGE_VERSION: &str = "1";

/// How many article pages a [`site`] call rendered and how many it found unchanged.
#[derive(Debug, Default, Clone, Copy)]
pub struct PageCounts {
    /// Rendered (and written when their bytes changed).
    pub rendered: usize,
    /// Skipped: same inputs as the last build, file untouched since.
    pub skipped: usize,
}

/// Writes the article pages (both cores), skipping those whose inputs are those of the
/// last build into `out` and whose files are untouched since ([`state`]).
fn article_pages(
    bundle: &Bundle,
    out: &Path,
    site: &Site,
    template: &Template,
) -> Result<PageCounts> {
    let last = state::State::load(out);
    // Everything site-wide a page shows: its name, words, links and handle.
    let site_info = serde_json::to_string(site.info).unwrap_or_default();
    let shared = fast_hash(&[
        PAGE_VERSION.as_bytes(),
        template.html.as_bytes(),
        site.base.as_bytes(),
        site.url.as_bytes(),
        site_info.as_bytes(),
        site.description.as_bytes(),
        site.twitter.unwrap_or_default().as_bytes(),
    ]);
    let progress = bar(bundle.articles.len(), "pages");
    let done: Vec<Result<(String, state::Rendered, bool)>> = bundle
        .articles
        .par_iter()
        .map(|(a, source)| {
            let rel = format!("article/{}/index.html", a.slug);
            let sidecar = std::fs::read(out.join(sidecar_path(&a.slug))).ok();
            let key = fast_hash(&[
                shared.as_bytes(),
                a.slug.as_bytes(),
                a.id.as_bytes(),
                source.text().as_bytes(),
                sidecar.as_deref().unwrap_or_default(),
            ]);
            progress.inc(1);
            let path = out.join(&rel);
            if let Some(kept) = last.unchanged(out, &rel, &key) {
                note_unchanged(&path, kept.size);
                return Ok((rel, kept.clone(), false));
            }
            let page = template.page(
                site,
                &article_head(site, a),
                &article_body(site, a, source.body(), &parse_sidecar(sidecar.as_deref())),
            );
            write_if_changed(&path, page.as_bytes())?;
            let (size, mtime) = state::stamp(&path).unwrap_or_default();
            Ok((rel, state::Rendered { key, size, mtime }, true))
        })
        .collect();
    progress.finish_and_clear();
    let mut pages = HashMap::with_capacity(done.len());
    let mut counts = PageCounts::default();
    for item in done {
        let (rel, rendered, fresh) = item?;
        if fresh {
            counts.rendered += 1;
        } else {
            counts.skipped += 1;
        }
        pages.insert(rel, rendered);
    }
    state::State::with_pages(pages).save(out)?;
    Ok(counts)
}

/// Writes every static page and feed into `out`, which already holds the data bundle
/// (`bundle::write`); `shell` is the app's page (Trunk's `index.html` with its
/// Content-Security-Policy), the template of every page. `about` is the about page's
/// rendered HTML, when the site has one.
pub fn site(
    bundle: &Bundle,
    out: &Path,
    site: &Site,
    shell: &str,
    about: Option<&str>,
) -> Result<PageCounts> {
    let template = Template {
        html: shell.to_string(),
    };
    let counts = article_pages(bundle, out, site, &template)?;
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
    feeds::write(site, bundle, out)?;
    if let Some(robots) = sitemap::robots(site) {
        write_if_changed(&out.join("robots.txt"), robots.as_bytes())?;
    }
    Ok(counts)
}
