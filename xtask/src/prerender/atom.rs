//! Atom 1.0 documents (RFC 4287): the main `atom.xml` and every filter's feed. The
//! site's address is their `xml:base`, so a relative link or image in a body resolves.

use broadsheet_core::date::to_rfc3339;

use super::feed_id::entry_id;
use super::feed_items::{Bodies, Item};
use super::site::Site;
use super::xml::text;

/// What an Atom feed says about itself.
pub struct AtomFeed<'a> {
    /// `<title>`.
    pub title: &'a str,
    /// `<id>`: a URI that never changes.
    pub id: &'a str,
    /// The page the feed is the feed of (`rel="alternate"`).
    pub home: &'a str,
    /// The feed's own address (`rel="self"`).
    pub self_url: &'a str,
}

fn entry(site: &Site, (a, _): &Item, bodies: &Bodies) -> String {
    let url = site.article_url(a);
    let mut e = format!(
        "<entry xml:lang=\"{}\"><title>{}</title><id>{}</id><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\
         <published>{}</published><updated>{}</updated><author><name>{}</name></author>",
        text(&a.lang),
        text(&a.title),
        text(&entry_id(site.url, &a.id)),
        text(&url),
        to_rfc3339(a.published_at),
        to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
        text(&a.source.name),
    );
    if !a.description.is_empty() {
        e += &format!("<summary>{}</summary>", text(&a.description));
    }
    e += &format!("<content type=\"html\">{}</content>", text(bodies.of(a)));
    for t in &a.tags {
        e += &format!("<category term=\"{}\"/>", text(t));
    }
    e + "</entry>"
}

/// The Atom document of `feed` holding `items` (newest first).
pub fn document(site: &Site, feed: &AtomFeed, items: &[&Item], bodies: &Bodies) -> String {
    let updated = items
        .iter()
        .map(|(a, _)| a.updated_at.unwrap_or(a.published_at))
        .max()
        .unwrap_or(0);
    let entries: String = items.iter().map(|item| entry(site, item, bodies)).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">\
         <title>{}</title><id>{}</id><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/><updated>{}</updated>\
         <subtitle>{}</subtitle><author><name>{}</name></author>{entries}</feed>\n",
        text(&site.locale().language),
        text(site.url),
        text(feed.title),
        text(feed.id),
        text(feed.home),
        text(feed.self_url),
        to_rfc3339(updated),
        text(site.description),
        text(&site.info.title),
    )
}
