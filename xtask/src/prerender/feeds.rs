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
use super::feed_items::{newest_first, Bodies, BodyOf, Item};
use super::site::Site;
use super::sitemap;
use super::xml::{clean, text};
use crate::keys::Key;
use crate::out_files::{unchanged_since, write_keyed};
use crate::util::{tool_stamp, Result};
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
/// per facet value (the feed tests read them).
#[cfg(test)]
pub fn files(site: &Site, bundle: &Bundle, body_of: &BodyOf) -> Result<Vec<(String, String)>> {
    chosen_files(site, bundle, body_of, &|_, _| true)
}

/// The main feeds' paths.
const MAIN_PATHS: [&str; 3] = ["feed.xml", "atom.xml", "feed.json"];

/// [`files`], only those `wanted(path, items)` chooses; only their items' bodies are
/// rendered.
fn chosen_files(
    site: &Site,
    bundle: &Bundle,
    body_of: &BodyOf,
    wanted: &(dyn Fn(&str, &[&Item]) -> bool + Sync),
) -> Result<Vec<(String, String)>> {
    let newest = newest_first(&bundle.articles);
    let main: Vec<&Item> = newest.iter().take(site.feed_items).copied().collect();
    let facets = facet_feeds::collect(site, &newest);
    let main_wanted = MAIN_PATHS.iter().any(|p| wanted(p, &main));
    let facets: Vec<_> = facets
        .into_iter()
        .filter(|f| wanted(&f.path, &f.items))
        .collect();
    let main_items = if main_wanted { &main[..] } else { &[] };
    let bodies = Bodies::render(
        main_items
            .iter()
            .chain(facets.iter().flat_map(|f| f.items.iter()))
            .copied(),
        body_of,
    )?;
    let home = site.url;
    let mut out = Vec::new();
    if main_wanted {
        let main_atom = AtomFeed {
            title: &site.info.title,
            id: home,
            home,
            self_url: &format!("{home}atom.xml"),
        };
        out.push(("feed.xml".to_string(), rss(site, &main, &bodies)));
        out.push((
            "atom.xml".to_string(),
            atom::document(site, &main_atom, &main, &bodies),
        ));
        out.push(("feed.json".to_string(), json_feed(site, &main, &bodies)?));
    }
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

/// Writes the feeds and the sitemap into `out` (`robots.txt` is `sitemap::robots`). A
/// feed is made only when its key changed: the site, its path, and per item
/// `key_of(item)` (what the item's file holds), so the bodies of a few thousand
/// articles are not read and rendered again for feeds whose items are the same.
pub fn write(
    site: &Site,
    bundle: &Bundle,
    body_of: &BodyOf,
    key_of: &(dyn Fn(&Item) -> u128 + Sync),
    out: &Path,
) -> Result {
    let salt = tool_stamp();
    let site_info = serde_json::to_string(site.info).unwrap_or_default();
    let key = |path: &str, items: &[&Item]| {
        // The site's name, description, language and words are in every feed.
        let mut k = Key::new(&salt)
            .bytes(site.url.as_bytes())
            .bytes(site.base.as_bytes())
            .bytes(site_info.as_bytes())
            .bytes(site.description.as_bytes())
            .bytes(&site.feed_items.to_le_bytes());
        // The main feeds share a key; each facet feed has its own.
        if !MAIN_PATHS.contains(&path) {
            k = k.bytes(path.as_bytes());
        }
        for item in items {
            k = k.u128(key_of(item));
        }
        k.finish()
    };
    let keys = std::sync::Mutex::new(std::collections::HashMap::new());
    let wanted = |path: &str, items: &[&Item]| {
        let k = key(path, items);
        if let Ok(mut keys) = keys.lock() {
            keys.insert(path.to_string(), k);
        }
        !unchanged_since(&out.join(path), k)
    };
    let chosen = chosen_files(site, bundle, body_of, &wanted)?;
    let keys = keys.into_inner().unwrap_or_else(|e| e.into_inner());
    for (path, contents) in chosen {
        let k = keys.get(&path).copied().unwrap_or_default();
        write_keyed(&out.join(path), k, contents.as_bytes())?;
    }
    let unchanged = |name: &str, key: u128| key != 0 && unchanged_since(&out.join(name), key);
    for (name, key, xml) in sitemap::keyed_files(site, bundle, sitemap::MAX_URLS, &unchanged) {
        if let Some(xml) = xml {
            write_keyed(&out.join(name), key, xml.as_bytes())?;
        }
    }
    Ok(())
}
