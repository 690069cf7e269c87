//! The id every feed gives an article: a `tag:` URI (RFC 4151) made from the site's
//! address and the article's id, never from its title or slug, so editing a title does
//! not make feed readers show the article again.
//!
//! `tag:<host>,2026:<site path><article id>`: the host of `--site-url` (lower-cased, no
//! port), the fixed date `2026` (the year this rule was adopted: RFC 4151 asks for a date
//! on which the publisher held the name, and it must never change, or every id would),
//! the site URL's path without its leading `/` (so two sites on one host differ), and
//! the article's `externalId` (or file name) percent-encoded. RSS (`<guid
//! isPermaLink="false">`), Atom (`<id>`) and JSON Feed (`id`) carry the same id.

/// The date part of every tag URI: fixed forever.
pub const TAG_DATE: &str = "2026";

/// Percent-encodes every byte but RFC 3986's unreserved characters (and `/` when
/// `slash` is true).
fn encode(s: &str, slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The tagging entity's name and the path prefix for a site at `site_url`
/// (`https://Example.org:8443/news/` -> `("example.org", "news/")`).
fn authority(site_url: &str) -> (String, String) {
    let rest = site_url.split_once("://").map_or(site_url, |(_, r)| r);
    let (host_port, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host_port = host_port.rsplit('@').next().unwrap_or(host_port);
    let host = host_port.split(':').next().unwrap_or(host_port);
    let host: String = host
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    let host = if host.is_empty() {
        "localhost".to_string()
    } else {
        host
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_start_matches('/');
    let path = if path.is_empty() || path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    (host, encode(&path, true))
}

/// The id of the article whose id is `article_id` on the site at `site_url`.
///
/// `entry_id("https://news.example.org/", "57217389")` is
/// `tag:news.example.org,2026:57217389`.
pub fn entry_id(site_url: &str, article_id: &str) -> String {
    let (host, path) = authority(site_url);
    format!("tag:{host},{TAG_DATE}:{path}{}", encode(article_id, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_rule() {
        assert_eq!(
            entry_id("https://news.example.org/", "57217389"),
            "tag:news.example.org,2026:57217389"
        );
        assert_eq!(
            entry_id("https://Example.ORG:8443/news/", "gen-000001"),
            "tag:example.org,2026:news/gen-000001"
        );
        assert_eq!(
            entry_id("http://user@127.0.0.1:8080", "a b/é\u{1}<"),
            "tag:127.0.0.1,2026:a%20b%2F%C3%A9%01%3C"
        );
        assert_eq!(entry_id("https://h.org/a/b", "x"), "tag:h.org,2026:a/b/x");
    }

    /// RFC 4151's grammar: `tag:` DNSname `,` date `:` specific, where specific is
    /// pchar / `/` / `?` (here only unreserved, `%XX` and `/`).
    #[test]
    fn ids_are_valid_tag_uris() {
        for (url, id) in [
            ("https://news.example.org/", "57217389"),
            ("https://x.org/n e/ws/", "\u{0}\u{7f} ü ]]> & \"'"),
            ("[::1]", ""),
        ] {
            let tag = entry_id(url, id);
            let rest = tag.strip_prefix("tag:").unwrap();
            let (entity, specific) = rest.split_once(':').unwrap();
            let (name, date) = entity.split_once(',').unwrap();
            assert_eq!(date, TAG_DATE);
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
                "{tag}"
            );
            assert!(
                specific
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%/".contains(&b)),
                "{tag}"
            );
        }
    }
}
