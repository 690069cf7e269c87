//! `sitemap.xml`: one `urlset` while the site has at most [`MAX_URLS`] URLs (the limit
//! of the sitemap protocol), else a sitemap index naming `sitemap-1.xml`,
//! `sitemap-2.xml`, … of at most that many URLs each.
//!
//! The chunks are cut from the oldest article on (the front page first), so a new
//! article lands in the last chunk and leaves every other one byte for byte as it was:
//! a deploy uploads one chunk and the index.
//!
//! `robots.txt` names the sitemap ([`robots`]), and only where crawlers read it.

use broadsheet_core::bundle::Bundle;
use broadsheet_core::date::to_rfc3339;
use broadsheet_core::markdown::escape_html as esc;
use broadsheet_core::Article;

use super::site::Site;
use crate::keys::Key;
use crate::util::tool_stamp;

/// URLs per sitemap file, as the protocol allows.
pub const MAX_URLS: usize = 50_000;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn lastmod(a: &Article) -> i64 {
    a.updated_at.unwrap_or(a.published_at)
}

fn url_entry(site: &Site, a: &Article) -> String {
    format!(
        "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
        esc(&site.article_url(a)),
        to_rfc3339(lastmod(a))
    )
}

fn front_entry(site: &Site) -> String {
    format!("<url><loc>{}</loc></url>", esc(site.url))
}

fn urlset(entries: &str) -> String {
    format!("{XML_HEAD}<urlset xmlns=\"{NS}\">{entries}</urlset>\n")
}

/// The sitemap files of the site, `(file name, XML)`, with at most `per_file` URLs in
/// each: `sitemap.xml` alone (the front page, then the articles in feed order) when all
/// fit, else the index `sitemap.xml` first, then `sitemap-1.xml`, … oldest first.
#[cfg(test)]
pub fn files(site: &Site, bundle: &Bundle, per_file: usize) -> Vec<(String, String)> {
    keyed_files(site, bundle, per_file, &|_, _| false)
        .into_iter()
        .filter_map(|(name, _, xml)| Some((name, xml?)))
        .collect()
}

/// What one file of the sitemap is made of: the site's address, whether it leads with
/// the front page, and each article's slug and date. Only these reach its XML.
fn chunk_key(site: &Site, front: bool, chunk: &[&Article]) -> u128 {
    let mut key = Key::new(&tool_stamp())
        .bytes(site.url.as_bytes())
        .u128(u128::from(front))
        .u128(chunk.len() as u128);
    for a in chunk {
        key = key.bytes(a.slug.as_bytes()).u128(lastmod(a) as u128);
    }
    key.finish()
}

/// The sitemap files as [`files`] makes them, `(file name, key, XML)`, each with the key
/// of what it is made of ([`chunk_key`]; 0 for the index, which is always made): a file
/// for which `unchanged(name, key)` holds is not made (its XML is `None`). Making the
/// 100,000 URLs of a large site took 0.1 s of every build, whose chunks but the last
/// rarely change.
pub fn keyed_files(
    site: &Site,
    bundle: &Bundle,
    per_file: usize,
    unchanged: &dyn Fn(&str, u128) -> bool,
) -> Vec<(String, u128, Option<String>)> {
    let per_file = per_file.max(2);
    let articles: Vec<&Article> = bundle.articles.iter().map(|(a, _)| a).collect();
    if articles.len() < per_file {
        let name = "sitemap.xml".to_string();
        let key = chunk_key(site, true, &articles);
        if unchanged(&name, key) {
            return vec![(name, key, None)];
        }
        let entries: String = std::iter::once(front_entry(site))
            .chain(articles.iter().map(|a| url_entry(site, a)))
            .collect();
        return vec![(name, key, Some(urlset(&entries)))];
    }
    let mut oldest_first = articles;
    oldest_first.sort_by(|a, b| {
        a.published_at
            .cmp(&b.published_at)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    // The front page leads the first chunk; every chunk but the last is full.
    let mut chunks: Vec<(String, u128, Option<String>, Option<i64>)> = Vec::new();
    let mut rest = oldest_first.as_slice();
    let mut first = true;
    while first || !rest.is_empty() {
        let take = (per_file - usize::from(first)).min(rest.len());
        let (chunk, tail) = rest.split_at(take);
        let name = format!("sitemap-{}.xml", chunks.len() + 1);
        let key = chunk_key(site, first, chunk);
        let xml = (!unchanged(&name, key)).then(|| {
            let mut entries = if first {
                front_entry(site)
            } else {
                String::new()
            };
            entries.extend(chunk.iter().map(|a| url_entry(site, a)));
            urlset(&entries)
        });
        chunks.push((name, key, xml, chunk.iter().map(|a| lastmod(a)).max()));
        rest = tail;
        first = false;
    }
    let index: String = chunks
        .iter()
        .enumerate()
        .map(|(i, (_, _, _, newest))| {
            let lastmod = newest
                .map(|t| format!("<lastmod>{}</lastmod>", to_rfc3339(t)))
                .unwrap_or_default();
            format!(
                "<sitemap><loc>{}sitemap-{}.xml</loc>{lastmod}</sitemap>",
                esc(site.url),
                i + 1
            )
        })
        .collect();
    let mut out = vec![(
        "sitemap.xml".to_string(),
        0,
        Some(format!(
            "{XML_HEAD}<sitemapindex xmlns=\"{NS}\">{index}</sitemapindex>\n"
        )),
    )];
    out.extend(
        chunks
            .into_iter()
            .map(|(name, key, xml, _)| (name, key, xml)),
    );
    out
}

/// `robots.txt`, naming the sitemap by its absolute URL; `None` under a sub-path:
/// crawlers read `/robots.txt` at the host's root only, so a file at `/news/robots.txt`
/// would never be read (the host's own one may name this sitemap instead).
pub fn robots(site: &Site) -> Option<String> {
    (site.base == "/").then(|| {
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.url
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::bundle::build;

    fn site() -> Site<'static> {
        super::super::site::test_site("/", "https://example.org/")
    }

    /// Articles `0..n`, article `i` published on day `i` (so `a0` is the oldest).
    fn bundle(n: usize) -> Bundle {
        build((0..n).map(|i| {
            (
                format!("a{i}.md"),
                format!(
                    "---\ntitle: Article {i}\nexternalId: {i}\npublishedAt: 2025-{:02}-{:02}T00:00:00Z\n---\nText.\n",
                    i / 28 + 1,
                    i % 28 + 1
                )
                .into_bytes(),
            )
        }))
    }

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .collect()
    }

    #[test]
    fn a_small_site_has_one_plain_urlset() {
        let files = files(&site(), &bundle(3), 10);
        assert_eq!(files.len(), 1);
        let (name, xml) = &files[0];
        assert_eq!(name, "sitemap.xml");
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.org/</loc></url>"));
        assert!(xml.ends_with("</urlset>\n"));
        assert_eq!(locs(xml).len(), 4);
        // Exactly full still fits in one file.
        assert_eq!(files_count(9, 10), 1);
    }

    fn files_count(articles: usize, per_file: usize) -> usize {
        files(&site(), &bundle(articles), per_file).len()
    }

    #[test]
    fn a_large_site_has_an_index_of_chunks_oldest_first() {
        let files = files(&site(), &bundle(25), 10);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert_eq!(
            locs(index),
            [
                "https://example.org/sitemap-1.xml",
                "https://example.org/sitemap-2.xml",
                "https://example.org/sitemap-3.xml"
            ]
        );
        assert_eq!(index.matches("<lastmod>").count(), 3);
        // 26 URLs: the front page and 9 oldest, then 10, then the 6 newest.
        let counts: Vec<usize> = files[1..].iter().map(|(_, x)| locs(x).len()).collect();
        assert_eq!(counts, [10, 10, 6]);
        assert_eq!(locs(&files[1].1)[0], "https://example.org/");
        let all: Vec<&str> = files[1..].iter().flat_map(|(_, x)| locs(x)).collect();
        let b = bundle(25);
        let mut want: Vec<&Article> = b.articles.iter().map(|(a, _)| a).collect();
        want.sort_by_key(|a| a.published_at);
        for (i, a) in want.iter().enumerate() {
            assert_eq!(all[i + 1], site().article_url(a));
        }
    }

    #[test]
    fn a_new_article_changes_only_the_last_chunk_and_the_index() {
        let before = files(&site(), &bundle(25), 10);
        let after = files(&site(), &bundle(26), 10);
        assert_eq!(before.len(), after.len());
        assert_eq!(before[1], after[1]);
        assert_eq!(before[2], after[2]);
        assert_ne!(before[3], after[3]);
        // Filling the last chunk opens a new one; the full ones stay.
        let grown = files(&site(), &bundle(30), 10);
        assert_eq!(grown.len(), 5);
        assert_eq!(grown[1..3], before[1..3]);
        assert_eq!(locs(&grown[4].1).len(), 1);
    }

    #[test]
    fn robots_txt_only_at_the_hosts_root_with_the_absolute_sitemap() {
        assert_eq!(
            robots(&site()).unwrap(),
            "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
        );
        let sub = super::super::site::test_site("/news/", "https://example.org/news/");
        assert_eq!(robots(&sub), None);
    }

    #[test]
    fn the_protocol_limit_is_fifty_thousand() {
        assert_eq!(MAX_URLS, 50_000);
    }
}
