//! RSS, Atom and JSON feeds of the newest articles, one Atom feed per facet value
//! ([`facet_feeds`]) and the sitemap ([`sitemap`]).
//!
//! Every feed names an article by the same id ([`feed_id`]: a `tag:` URI from the
//! article's id, so a title edit changes no id), writes its text through [`xml`] (no
//! character XML 1.0 forbids) and carries its body as the pages render it.

use std::path::Path;

use broadsheet_core::date::{to_rfc2822, to_rfc3339};

use super::atom::{self, AtomFeed};
use super::facet_feeds;
use super::feed_id::entry_id;
use super::feed_items::{newest_first, Bodies, Item};
use super::site::Site;
use super::sitemap;
use super::xml::{clean, text};
use crate::util::{write_if_changed, Result};
use broadsheet_core::bundle::Bundle;

fn rss(site: &Site, items: &[&Item], bodies: &Bodies) -> String {
    let items_xml: String = items
        .iter()
        .map(|(a, _)| {
            let url = site.article_url(a);
            let cats: String = a.tags.iter().map(|t| format!("<category>{}</category>", text(t))).collect();
            format!(
                "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">{}</guid><pubDate>{}</pubDate>\
                 <description>{}</description><content:encoded>{}</content:encoded>{cats}</item>",
                text(&a.title),
                text(&url),
                text(&entry_id(site.url, &a.id)),
                to_rfc2822(a.published_at),
                text(&a.description),
                text(bodies.of(a)),
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>{n}</title><link>{u}</link><description>{}</description><language>{}</language>\
         <atom:link href=\"{u}feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>{items_xml}</channel></rss>\n",
        text(site.description),
        text(&site.locale().language),
        n = text(&site.info.title),
        u = text(site.url)
    )
}

fn json_feed(site: &Site, items: &[&Item], bodies: &Bodies) -> Result<String> {
    let s = |v: &str| clean(v).into_owned();
    let json_items: Vec<serde_json::Value> = items
        .iter()
        .map(|(a, _)| {
            let mut item = serde_json::json!({
                "id": entry_id(site.url, &a.id),
                "url": s(&site.article_url(a)),
                "title": s(&a.title),
                "summary": s(&a.description),
                "content_html": s(bodies.of(a)),
                "date_published": to_rfc3339(a.published_at),
                "date_modified": to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
                "tags": a.tags.iter().map(|t| s(t)).collect::<Vec<_>>(),
                "language": s(&a.lang),
                "authors": [{ "name": s(&a.source.name) }],
            });
            if let Some(c) = &a.cover {
                item["image"] = serde_json::Value::String(s(&site.absolute(c.best_for(1080))));
            }
            item
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": s(&site.info.title),
        "description": s(site.description),
        "home_page_url": site.url,
        "feed_url": format!("{}feed.json", site.url),
        "language": site.locale().language,
        "items": json_items,
    });
    Ok(serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())?)
}

/// Every feed as (path relative to the site root, contents): the main three, then one
/// per facet value.
pub fn files(site: &Site, bundle: &Bundle) -> Result<Vec<(String, String)>> {
    let newest = newest_first(&bundle.articles);
    let main: Vec<&Item> = newest.iter().take(site.feed_items).copied().collect();
    let facets = facet_feeds::collect(site, &newest);
    let bodies = Bodies::render(
        main.iter()
            .chain(facets.iter().flat_map(|f| f.items.iter()))
            .copied(),
    );
    let home = site.url;
    let main_atom = AtomFeed {
        title: &site.info.title,
        id: home,
        home,
        self_url: &format!("{home}atom.xml"),
    };
    let mut out = vec![
        ("feed.xml".to_string(), rss(site, &main, &bodies)),
        (
            "atom.xml".to_string(),
            atom::document(site, &main_atom, &main, &bodies),
        ),
        ("feed.json".to_string(), json_feed(site, &main, &bodies)?),
    ];
    for f in &facets {
        let self_url = format!("{home}{}", f.path);
        let feed = AtomFeed {
            title: &f.title,
            id: &self_url,
            home: &format!("{home}{}", f.filter.to_query()),
            self_url: &self_url,
        };
        out.push((
            f.path.clone(),
            atom::document(site, &feed, &f.items, &bodies),
        ));
    }
    Ok(out)
}

/// Writes the feeds and the sitemap into `out` (`robots.txt` is `sitemap::robots`).
pub fn write(site: &Site, bundle: &Bundle, out: &Path) -> Result {
    for (path, contents) in files(site, bundle)? {
        write_if_changed(&out.join(path), contents.as_bytes())?;
    }
    for (name, xml) in sitemap::files(site, bundle, sitemap::MAX_URLS) {
        write_if_changed(&out.join(name), xml.as_bytes())?;
    }
    Ok(())
}
