//! A cover URL cannot add `srcset` candidates of its own choosing: whatever the
//! front-matter says, a card and an article page (live and static copies) carry exactly
//! one candidate per cover variant, each with the width the variant was given.
//!
//! The `srcset` attribute is read back with the HTML standard's parsing algorithm
//! ("parse a srcset attribute"), which is what a browser does with it.

use broadsheet_core::i18n::Locale;
use broadsheet_core::markup::article::{article_markup, ArticlePage};
use broadsheet_core::markup::card::{card_markup, cover_markup, CardOptions};
use broadsheet_core::{Article, Cover, FeedFilter};

/// One image candidate: its URL and its descriptors (`400w`).
#[derive(Debug, PartialEq)]
struct Candidate {
    url: String,
    descriptors: Vec<String>,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r')
}

/// The HTML standard's srcset parser, up to the candidate list (descriptors unparsed).
fn parse_srcset(input: &str) -> Vec<Candidate> {
    let chars: Vec<char> = input.chars().collect();
    let mut pos = 0;
    let mut out = Vec::new();
    loop {
        while pos < chars.len() && (is_space(chars[pos]) || chars[pos] == ',') {
            pos += 1;
        }
        if pos >= chars.len() {
            return out;
        }
        let start = pos;
        while pos < chars.len() && !is_space(chars[pos]) {
            pos += 1;
        }
        let mut url: String = chars[start..pos].iter().collect();
        let mut descriptors = Vec::new();
        if url.ends_with(',') {
            url = url.trim_end_matches(',').to_string();
        } else {
            while pos < chars.len() && is_space(chars[pos]) {
                pos += 1;
            }
            let mut current = String::new();
            let mut in_parens = false;
            loop {
                let Some(&c) = chars.get(pos) else {
                    if !current.is_empty() {
                        descriptors.push(current);
                    }
                    break;
                };
                pos += 1;
                if in_parens {
                    current.push(c);
                    in_parens = c != ')';
                } else if is_space(c) {
                    if !current.is_empty() {
                        descriptors.push(std::mem::take(&mut current));
                    }
                } else if c == ',' {
                    if !current.is_empty() {
                        descriptors.push(current);
                    }
                    break;
                } else {
                    current.push(c);
                    in_parens = c == '(';
                }
            }
        }
        out.push(Candidate { url, descriptors });
    }
}

/// The value of every `srcset` attribute in `html`, unescaped as an HTML parser would.
fn srcsets(html: &str) -> Vec<String> {
    html.split(" srcset=\"")
        .skip(1)
        .map(|rest| {
            let value = &rest[..rest.find('"').expect("attribute closes")];
            value
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

/// Each variant written into a srcset must be read back as one candidate, in order.
fn assert_one_candidate_per_variant(html: &str, variants: &[(String, u32)]) {
    let sets = srcsets(html);
    assert_eq!(sets.len(), 1, "one srcset in {html}");
    let candidates = parse_srcset(&sets[0]);
    assert_eq!(
        candidates.len(),
        variants.len(),
        "one candidate per variant in {:?}: {candidates:?}",
        sets[0]
    );
    for (candidate, (url, width)) in candidates.iter().zip(variants) {
        assert_eq!(&candidate.url, url);
        assert_eq!(candidate.descriptors, vec![format!("{width}w")]);
    }
}

/// Front-matter values that try to add candidates: spaces and commas, a trailing comma
/// (which ends a candidate early), a leading comma.
const HOSTILE_COVER: &str = concat!(
    "coverImage:\n",
    "  thumb: 'covers/a/thumb.jpg 1w, https://tracker.example/pixel.gif 9999w, covers/a/x.jpg'\n",
    "  small: 'https://img.example/a,b/small.jpg,'\n",
    "  regular: ',covers/a/regular.jpg 2000w'\n",
    "  full: 'covers/harbour at dawn.jpg'\n",
);

fn hostile_article() -> Article {
    let src = format!(
        "title: T\npublishedAt: 2025-01-01T00:00:00Z\ncategory: markets\nsource: {{name: Wire, key: wire}}\n{HOSTILE_COVER}"
    );
    Article::from_front_matter(&src, "a-b").expect("the article reads")
}

#[test]
fn hostile_cover_urls_are_one_candidate_each_in_the_model() {
    let a = hostile_article();
    let cover = a.cover.as_ref().expect("every variant passes, encoded");
    let urls: Vec<&str> = cover.variants.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(
        urls,
        [
            "covers/a/thumb.jpg%201w%2C%20https://tracker.example/pixel.gif%209999w%2C%20covers/a/x.jpg",
            "https://img.example/a%2Cb/small.jpg%2C",
            "%2Ccovers/a/regular.jpg%202000w",
            "covers/harbour%20at%20dawn.jpg",
        ]
    );
}

#[test]
fn a_card_has_one_candidate_per_variant() {
    let a = hostile_article();
    let variants = a.cover.as_ref().expect("cover").variants.clone();
    let filter = FeedFilter::default();
    for live in [true, false] {
        let html = card_markup(
            &a,
            &CardOptions {
                locale: &Locale::default(),
                base: "/news",
                filter: &filter,
                eager: false,
                highlight: &[],
                marks: None,
                now_ms: None,
                live,
            },
        );
        assert_one_candidate_per_variant(&html, &variants);
        assert!(!html.contains("tracker.example/pixel.gif 9999w"), "{html}");
    }
}

#[test]
fn an_article_page_has_one_candidate_per_variant() {
    let a = hostile_article();
    let variants = a.cover.as_ref().expect("cover").variants.clone();
    for live in [true, false] {
        let html = article_markup(
            &a,
            &ArticlePage {
                locale: &Locale::default(),
                base: "",
                back: "/",
                body: None,
                related: &[],
                prev: None,
                next: None,
                saved: false,
                now_ms: None,
                live,
            },
        );
        assert_one_candidate_per_variant(&html, &variants);
    }
}

#[test]
fn a_cover_built_by_hand_is_encoded_where_the_srcset_is_written() {
    let cover = Cover {
        variants: vec![
            ("a.jpg 1w, evil.gif".to_string(), 200),
            ("b.jpg,".to_string(), 400),
        ],
    };
    let html = cover_markup(&cover, "100vw", false, None);
    let encoded = [
        ("a.jpg%201w%2C%20evil.gif".to_string(), 200),
        ("b.jpg%2C".to_string(), 400),
    ];
    assert_one_candidate_per_variant(&html, &encoded);
}

#[test]
fn the_parser_sees_what_an_unencoded_srcset_would_have_become() {
    // The attack this guards against, read with the same parser: three candidates
    // (one the front-matter chose) where one was written, and a stray one after a
    // trailing comma.
    let raw = "covers/a/thumb.jpg 1w, https://tracker.example/pixel.gif 9999w, covers/a/x.jpg 200w";
    assert_eq!(parse_srcset(raw).len(), 3);
    assert_eq!(parse_srcset("b.jpg, 400w").len(), 2);
    assert_eq!(parse_srcset("a,b.jpg 400w, c.jpg 800w").len(), 2);
}
