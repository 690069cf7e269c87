//! The feeds read back with a strict XML 1.0 parser (`roxmltree`, which rejects what
//! XML forbids, control characters included): required fields, the id rule across a
//! title edit, each filter's feed holding only its filter's articles, and hostile text.

use std::collections::HashMap;

use broadsheet_core::bundle::{build, Bundle};
use broadsheet_core::feed_links::{facet_feed_path, FEED_ITEMS};
use broadsheet_core::{Facet, FeedFilter};
use roxmltree::{Document, Node};

use super::feed_id::entry_id;
use super::feed_items::held_body;
use super::feeds::files;
use super::site::Site;

fn site() -> Site<'static> {
    super::site::test_site("/news/", "https://example.org/news/")
}

/// Article `i` of a corpus: three tags from a few, a category, a source, a sentiment,
/// and a language, so every facet has values shared by several articles.
fn article(i: usize, title: &str) -> (String, Vec<u8>) {
    let tags = ["Bitcoin", "DeFi", "Policy", "AI", "Markets"];
    let sentiments = ["POSITIVE", "NEGATIVE", "NEUTRAL", "odd"];
    let text = format!(
        "---\ntitle: \"{title}\"\npublishedAt: '2025-{:02}-{:02}T{:02}:00:00Z'\nexternalId: 'id-{i}'\n\
         lang: {}\nsource: {{ name: Source {}, key: src-{} }}\ncategory: CAT{}\n\
         tags: [{}, {}]\nsentiment: {}\n---\n## Heading\nBody of {i} with <b>html</b> & more.\n",
        i % 12 + 1,
        i % 28 + 1,
        i % 24,
        ["en", "de", "fr"][i % 3],
        i % 4,
        i % 4,
        i % 3,
        tags[i % tags.len()],
        tags[(i / 2) % tags.len()].to_uppercase(),
        sentiments[i % sentiments.len()],
    );
    (format!("a{i:03}.md"), text.into_bytes())
}

fn corpus(n: usize, title: impl Fn(usize) -> String) -> Bundle {
    build((0..n).map(|i| article(i, &title(i))))
}

fn all_files(bundle: &Bundle) -> HashMap<String, String> {
    files(&site(), bundle, &held_body)
        .unwrap()
        .into_iter()
        .collect()
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.tag_name().name() == name)
}

fn child_text<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    child(node, name).and_then(|c| c.text()).unwrap_or("")
}

/// Entry ids by their link, after checking Atom's required fields.
fn atom_entries(xml: &str) -> Vec<(String, String)> {
    let doc = Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    for field in ["id", "title", "updated"] {
        assert!(!child_text(feed, field).is_empty(), "feed {field}");
    }
    feed.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| {
            for field in ["id", "title", "updated"] {
                assert!(!child_text(e, field).is_empty(), "entry {field}");
            }
            assert!(e
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .is_some());
            let link = child(e, "link").and_then(|l| l.attribute("href")).unwrap();
            (child_text(e, "id").to_string(), link.to_string())
        })
        .collect()
}

#[test]
fn every_feed_is_strict_xml_with_the_required_fields() {
    let files = all_files(&corpus(70, |i| format!("Story {i}")));
    let rss = Document::parse(&files["feed.xml"]).unwrap();
    let channel = child(rss.root_element(), "channel").unwrap();
    for field in ["title", "link", "description", "language"] {
        assert!(!child_text(channel, field).is_empty(), "channel {field}");
    }
    let items: Vec<Node> = channel
        .children()
        .filter(|c| c.tag_name().name() == "item")
        .collect();
    assert_eq!(items.len(), FEED_ITEMS);
    for item in &items {
        let guid = child(*item, "guid").unwrap();
        assert_eq!(guid.attribute("isPermaLink"), Some("false"));
        assert!(guid
            .text()
            .unwrap()
            .starts_with("tag:example.org,2026:news/id-"));
        let content = item
            .children()
            .find(|c| {
                c.tag_name() == ("http://purl.org/rss/1.0/modules/content/", "encoded").into()
            })
            .expect("content:encoded");
        assert!(
            content.text().unwrap().contains("<h2 id=\"h-"),
            "the rendered body"
        );
    }
    assert_eq!(atom_entries(&files["atom.xml"]).len(), FEED_ITEMS);
    let json: serde_json::Value = serde_json::from_str(&files["feed.json"]).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    let first = &json["items"][0];
    assert!(first["id"].as_str().unwrap().starts_with("tag:"));
    assert!(first["language"].is_string());
    for (path, xml) in files.iter().filter(|(p, _)| p.starts_with("feeds/")) {
        assert!(!atom_entries(xml).is_empty(), "{path}");
    }
}

#[test]
fn ids_survive_a_title_edit_and_are_the_same_in_every_format() {
    let before = all_files(&corpus(5, |i| format!("Story {i}")));
    let after = all_files(&corpus(5, |i| {
        if i == 2 {
            "A new headline".into()
        } else {
            format!("Story {i}")
        }
    }));
    let ids = |files: &HashMap<String, String>| -> Vec<String> {
        let mut ids: Vec<String> = atom_entries(&files["atom.xml"])
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&before), ids(&after));
    let links = |files: &HashMap<String, String>| -> Vec<String> {
        atom_entries(&files["atom.xml"])
            .into_iter()
            .map(|(_, link)| link)
            .collect()
    };
    assert_ne!(
        links(&before),
        links(&after),
        "the slug, hence the link, did change"
    );
    let id = entry_id(site().url, "id-2");
    assert_eq!(id, "tag:example.org,2026:news/id-2");
    for name in ["feed.xml", "atom.xml", "feed.json"] {
        assert!(after[name].contains(&id), "{name}");
    }
}

#[test]
fn each_filter_feed_holds_the_newest_of_its_filter_only() {
    let bundle = corpus(130, |i| format!("Story {i}"));
    let files = all_files(&bundle);
    let by_link: HashMap<String, &broadsheet_core::Article> = bundle
        .articles
        .iter()
        .map(|(a, _)| (site().article_url(a), a))
        .collect();
    let mut checked = 0;
    for (facet, value) in [
        (Facet::Tag, "bitcoin"),
        (Facet::Tag, "DEFI"),
        (Facet::Category, "cat1"),
        (Facet::Source, "src-2"),
        (Facet::Sentiment, "negative"),
        (Facet::Sentiment, "ODD"),
    ] {
        let path = facet_feed_path(facet, value).unwrap();
        let filter = FeedFilter::default().with(facet, value);
        let entries = atom_entries(files.get(&path).unwrap_or_else(|| panic!("{path}")));
        let mut matching: Vec<&broadsheet_core::Article> = bundle
            .articles
            .iter()
            .map(|(a, _)| a)
            .filter(|a| filter.matches(a))
            .collect();
        matching.sort_by(|a, b| {
            b.published_at
                .cmp(&a.published_at)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        matching.truncate(FEED_ITEMS);
        let got: Vec<&str> = entries
            .iter()
            .map(|(_, link)| by_link[link].slug.as_str())
            .collect();
        let want: Vec<&str> = matching.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(got, want, "{path}");
        checked += 1;
    }
    assert_eq!(checked, 6);
    // Every facet value has its feed, and no feed is of a value no article has.
    let feeds = files.keys().filter(|p| p.starts_with("feeds/")).count();
    assert_eq!(feeds, 5 + 3 + 4 + 4);
}

#[test]
fn forbidden_characters_never_reach_a_feed() {
    let hostile = "---\ntitle: \"Bell\\x07 and \\x01null\\x0b title ]]> <script>\"\n\
        description: \"Desc\\x1f with \\x02 controls & \\uFFFE\"\npublishedAt: '2026-01-01T00:00:00Z'\n\
        externalId: \"ext\\x01id\"\nsource: { name: \"Src\\x03\", key: src }\ncategory: \"C\\x04\"\n\
        tags: [\"T\\x05ag\"]\nlang: en\n---\nBody \u{1} with \u{8} controls and \u{b}.\n";
    let bundle = build([
        ("h.md".to_string(), hostile.as_bytes().to_vec()),
        article(1, "Plain"),
    ]);
    assert_eq!(bundle.articles.len(), 2, "{:?}", bundle.meta.rejected);
    for (path, contents) in all_files(&bundle) {
        if path.ends_with(".xml") {
            Document::parse(&contents).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        assert!(
            !contents
                .chars()
                .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r') || c == '\u{fffe}'),
            "{path}"
        );
    }
    let files = all_files(&bundle);
    assert!(files["atom.xml"].contains("Bell and null title ]]&gt; &lt;script&gt;"));
    assert!(files["atom.xml"].contains("tag:example.org,2026:news/ext%01id"));
    // The path keeps the control character's byte as `_05`, as the bundle's list does.
    assert!(files["feeds/tag/t_05ag.xml"].contains("<title>Broadsheet — Tag</title>"));
}

/// The checks above mean something only if the parser is strict.
#[test]
fn the_parser_rejects_what_xml_forbids() {
    assert!(Document::parse("<a>ok\t\n</a>").is_ok());
    assert!(Document::parse("<a>\u{1}</a>").is_err());
    assert!(Document::parse("<a b=\"\u{b}\"/>").is_err());
    assert!(Document::parse("<a>&#1;</a>").is_err());
}
