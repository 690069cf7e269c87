//! RSS, Atom and JSON feeds of the newest articles, the sitemap ([`sitemap`]) and
//! `robots.txt`.

use std::path::Path;

use broadsheet_core::bundle::{Bundle, Source};
use broadsheet_core::date::{to_rfc2822, to_rfc3339};
use broadsheet_core::markdown::{escape_html as esc, render};
use broadsheet_core::Article;

use super::site::Site;
use super::sitemap;
use crate::util::{write_if_changed, Result};

/// Newest articles in each feed.
const FEED_ITEMS: usize = 50;

/// Newest first, ignoring pins: feeds are chronological.
fn newest(bundle: &Bundle) -> Vec<&(Article, Source)> {
    let mut v: Vec<&(Article, Source)> = bundle.articles.iter().collect();
    v.sort_by(|a, b| {
        b.0.published_at
            .cmp(&a.0.published_at)
            .then_with(|| a.0.slug.cmp(&b.0.slug))
    });
    v.truncate(FEED_ITEMS);
    v
}

fn rss(site: &Site, bundle: &Bundle) -> String {
    let items: String = newest(bundle)
        .iter()
        .map(|(a, _)| {
            let url = site.article_url(a);
            let cats: String = a.tags.iter().map(|t| format!("<category>{}</category>", esc(t))).collect();
            format!(
                "<item><title>{}</title><link>{u}</link><guid isPermaLink=\"true\">{u}</guid><pubDate>{}</pubDate><description>{}</description>{cats}</item>",
                esc(&a.title), to_rfc2822(a.published_at), esc(&a.description), u = esc(&url)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\
         <title>Broadsheet</title><link>{u}</link><description>The latest news on Broadsheet</description><language>en</language>\
         <atom:link href=\"{u}feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>{items}</channel></rss>\n",
        u = esc(site.url)
    )
}

fn atom(site: &Site, bundle: &Bundle) -> String {
    let list = newest(bundle);
    let updated = list
        .iter()
        .map(|(a, _)| a.updated_at.unwrap_or(a.published_at))
        .max()
        .unwrap_or(0);
    let entries: String = list
        .iter()
        .map(|(a, body)| {
            let url = site.article_url(a);
            let cats: String = a.tags.iter().map(|t| format!("<category term=\"{}\"/>", esc(t))).collect();
            format!(
                "<entry><title>{}</title><id>{u}</id><link rel=\"alternate\" href=\"{u}\"/><published>{}</published><updated>{}</updated>\
                 <author><name>{}</name></author><summary>{}</summary><content type=\"html\">{}</content>{cats}</entry>",
                esc(&a.title), to_rfc3339(a.published_at), to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
                esc(&a.source.name), esc(&a.description), esc(&render(body.body()).html), u = esc(&url)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Broadsheet</title>\
         <id>{u}</id><link rel=\"alternate\" href=\"{u}\"/><link rel=\"self\" href=\"{u}atom.xml\"/><updated>{}</updated>{entries}</feed>\n",
        to_rfc3339(updated), u = esc(site.url)
    )
}

fn json_feed(site: &Site, bundle: &Bundle) -> Result<String> {
    let items: Vec<serde_json::Value> = newest(bundle)
        .iter()
        .map(|(a, body)| {
            let mut item = serde_json::json!({
                "id": site.article_url(a),
                "url": site.article_url(a),
                "title": a.title,
                "summary": a.description,
                "content_html": render(body.body()).html,
                "date_published": to_rfc3339(a.published_at),
                "date_modified": to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
                "tags": a.tags,
                "language": a.lang,
                "authors": [{ "name": a.source.name }],
            });
            if let Some(c) = &a.cover {
                item["image"] = serde_json::Value::String(site.absolute(c.best_for(1080)));
            }
            item
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Broadsheet",
        "home_page_url": site.url,
        "feed_url": format!("{}feed.json", site.url),
        "language": "en",
        "items": items,
    });
    Ok(serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())?)
}

/// Writes the feeds, the sitemap and `robots.txt` into `out`.
pub fn write(site: &Site, bundle: &Bundle, out: &Path) -> Result {
    write_if_changed(&out.join("feed.xml"), rss(site, bundle).as_bytes())?;
    write_if_changed(&out.join("atom.xml"), atom(site, bundle).as_bytes())?;
    write_if_changed(&out.join("feed.json"), json_feed(site, bundle)?.as_bytes())?;
    for (name, xml) in sitemap::files(site, bundle, sitemap::MAX_URLS) {
        write_if_changed(&out.join(name), xml.as_bytes())?;
    }
    write_if_changed(
        &out.join("robots.txt"),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.url
        )
        .as_bytes(),
    )
}
