//! Static pages and feeds written beside the app shell by `cargo xtask dist`:
//! one HTML page per article (readable without JavaScript, with link-preview tags),
//! the front page, `404.html`, RSS/Atom/JSON feeds, `sitemap.xml` and `robots.txt`.
//!
//! The pages' visible parts come from the core's `markup` module, the very functions the
//! app writes its views with, so the static copy and the app that replaces it are the
//! same markup ([`pages`]); this module only places them in the Trunk-built template
//! and writes the files. Feeds are in [`feeds`].

mod feeds;
mod pages;
mod site;

use std::path::Path;

use broadsheet_core::bundle::{
    page_path, sidecar_path, ArticleSidecar, Bundle, ListPage, ALL_LIST,
};
use broadsheet_core::markdown::escape_html as esc;
use broadsheet_core::stats::Overview;

use crate::util::{read_to_string, write_if_changed, Result};

pub use pages::{article_body, article_head};
pub use site::Site;

/// The Trunk-built `index.html` split around the places pages fill in.
struct Template {
    html: String,
}

impl Template {
    fn page(&self, lang: &str, dir: &str, head: &str, body: &str) -> String {
        let mut html = self.html.replacen(
            "<html lang=\"en\">",
            &format!("<html lang=\"{}\" dir=\"{}\">", esc(lang), dir),
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

/// The overview of every article, as the bundle step wrote it on the first page of the
/// `all` list (the page the app's front page loads first): the chart the static copy
/// shows is the one the app shows, counted once.
fn written_overview(out: &Path) -> Result<Option<Overview>> {
    let path = page_path(ALL_LIST, 0);
    let text = read_to_string(&out.join(&path))?;
    let page: ListPage = serde_json::from_str(&text)
        .map_err(|source| crate::util::Error::Json { what: path, source })?;
    Ok(page.overview)
}

/// An article's related reading and neighbours, as the bundle step wrote them beside its
/// source; none when the file is missing or unreadable (the page is still whole).
fn written_sidecar(out: &Path, slug: &str) -> ArticleSidecar {
    std::fs::read_to_string(out.join(sidecar_path(slug)))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes every static page and feed into `out`, which already holds Trunk's build and
/// the data bundle (`bundle::write`).
pub fn site(bundle: &Bundle, out: &Path, base: &str, url: &str) -> Result {
    let shell = std::fs::read_to_string(out.join("index.html"))
        .map_err(|e| format!("reading the built index.html: {e}"))?;
    let template = Template { html: shell };
    let site = Site { base, url };
    for (a, body) in &bundle.articles {
        let sidecar = written_sidecar(out, &a.slug);
        let page = template.page(
            &a.lang,
            a.dir.as_str(),
            &article_head(&site, a),
            &article_body(&site, a, body, &sidecar),
        );
        write_if_changed(
            &out.join("article").join(&a.slug).join("index.html"),
            page.as_bytes(),
        )?;
    }
    let overview = written_overview(out)?;
    write_if_changed(
        &out.join("index.html"),
        template
            .page(
                "en",
                "ltr",
                &pages::front_head(&site),
                &pages::front_page_body(&site, bundle, overview.as_ref()),
            )
            .as_bytes(),
    )?;
    write_if_changed(
        &out.join("404.html"),
        template
            .page(
                "en",
                "ltr",
                &pages::not_found_head(),
                &pages::not_found_body(&site),
            )
            .as_bytes(),
    )?;
    feeds::write(&site, bundle, out)
}
