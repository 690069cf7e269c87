//! Generated hostile inputs: strings concatenated from a grammar of dangerous fragments
//! (HTML tags, scripted URL schemes, brackets, quotes, fences, YAML syntax, entities,
//! control and exotic Unicode characters) go through the whole pipeline —
//! `frontmatter::split` -> `Article::from_front_matter` -> `markdown::render` — as a whole
//! file, as the body of a valid file, as a front-matter block and as a field value.
//!
//! Oracle: nothing panics, every rendered HTML passes the universal oracle of
//! `common/mod.rs`, and every accepted article keeps its text fields as text.

mod common;

use broadsheet_core::bundle::read_file;
use broadsheet_core::frontmatter::split;
use broadsheet_core::limits::{MAX_FIELD_CHARS, MAX_TAGS};
use broadsheet_core::markdown::render;
use broadsheet_core::Article;
use proptest::prelude::*;

use common::{assert_safe_html, check_article, VALID_FRONT_MATTER};

/// The grammar's terminals.
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    // HTML
    "<script>", "</script>", "<ScRiPt>", "<script\n>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">", "</a>", "<!--", "-->", "<!-->", "<style>", "</style>",
    "<base href=//evil.example>", "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<form>", "<input>", "<object data=x>", "<embed src=x>", "<p onclick=alert(1)>",
    "<noscript>", "<math>", "<details open ontoggle=alert(1)>", "<", ">", "/>", "=", "\"", "'",
    "`", "``", "```", "~~~", "onerror=", "onmouseover=", " on", "alert(1)",
    // URLs
    "javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:", "vbscript:", "data:",
    "data:text/html,", "file:///", "https://ok.example/", "http://i.example/i.png", "mailto:",
    "//evil.example", "\\", "/\\evil", "%3A", "%0A", "%6A", "#", "?", "<javascript:alert(1)>",
    "<https://ok.example>", "<a@b.example>",
    // Entities
    "&#106;", "&#x6A;", "&colon;", "&#58;", "&#x3A;", "&lt;", "&gt;", "&amp;", "&quot;", "&#0;",
    "&#9;", "&#10;", "&", ";",
    // Markdown structure
    "[", "]", "(", ")", "![", "](", "[x]: ", "[x]", "[^1]", "[^1]: ", "{#app}",
    "{onclick=alert(1)}", "# ", "## ", "> ", "- ", "1. ", "* ", "*", "**", "_", "~~", "|",
    "|---|", "\n|:-|-:|\n", "    ", "---", "***", "===", "\\", "[ ] ", "$$", "$",
    "## Impact on the market", "Impact on",
    // Lines and spaces
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "  ",
    // YAML
    "title: ", "publishedAt: ", "'2026-01-16T15:23:33Z'", "2026-02-30T25:00:00Z", "tags: ",
    "lang: ", "coverImage:\n  thumb: ", "source:\n  name: ", "externalId: ", "draft: maybe",
    "stickyWeight: 99999999999999999999999", "&a ", "*a", "&a [*a]", "{", "}", ":", ": ", "? ",
    "!!str ", "!!binary ", "%YAML 1.2\n", "...", "|-\n", ">-\n", "- a\n", "'", "\"\\u0000\"",
    // Unicode and controls
    "\u{0}", "\u{1}", "\u{7f}", "\u{feff}", "\u{200b}", "\u{202e}", "\u{a0}", "\u{2028}", "é",
    "ß", "مرحبا", "🦀", "\u{ff4a}", "\u{ff1a}", "\u{fffd}",
    // Harmless words
    "x", "hello", "Title", "alert",
];

/// Pieces URLs are made of: schemes (allowed, forbidden, disguised), hosts, separators.
#[rustfmt::skip]
const URL_PARTS: &[&str] = &[
    "https://", "http://", "HTTPS://", "mailto:", "javascript:", "JAVASCRIPT:", "jav\tascript:",
    "java&#x09;script:", "&#106;avascript:", "javascript&colon;", "javascript%3A",
    "%6Aavascript:", "vbscript:", "data:image/png;base64,AA", "data:text/html,", "file:///",
    "ftp://", "//", "/\\", "\\", "&#1;", " ", "%20", "\u{1}", "ok.example", "evil.example", "/",
    "a/b", "#x", "?q=\"", "'", "<", ">", "alert(1)", "i.png", "&amp;", "\u{ff1a}", "é",
];

/// Link-like shapes; `{u}` is replaced by a generated URL.
#[rustfmt::skip]
const LINK_SHAPES: &[&str] = &[
    "[t]({u})", "![alt]({u})", "[t](<{u}>)", "[t]({u} \"ti\\\"tle\")", "![a\"b]({u} 'q')",
    "[![i]({u})]({u})", "<{u}>", "[r]\n\n[r]: {u}\n", "![r][r]\n\n[r]: {u} \"t\"\n",
];

/// A link, image, autolink or reference definition whose URL is built from [`URL_PARTS`],
/// so the URL policy is reached far more often than by chance concatenation.
fn link() -> impl Strategy<Value = String> {
    let url = proptest::collection::vec(proptest::sample::select(URL_PARTS), 1..5)
        .prop_map(|v| v.concat());
    let shape = proptest::sample::select(LINK_SHAPES);
    (shape, url).prop_map(|(shape, url)| shape.replace("{u}", &url))
}

/// A string from the grammar: fragments and links, with a few arbitrary characters and
/// short plain runs mixed in.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        3 => link(),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z ]{1,6}",
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

/// Renders a body and applies the oracle.
fn render_checked(body: &str, context: &str) {
    assert_safe_html(&render(body).html, context);
}

/// Checks an accepted article and the length/count limits the model promises.
fn article_checked(article: &Article, context: &str) {
    check_article(article).unwrap_or_else(|e| panic!("{context}: {e}"));
    assert!(
        article.title.chars().count() <= MAX_FIELD_CHARS,
        "{context}: title over the field limit"
    );
    assert!(article.tags.len() <= MAX_TAGS, "{context}: too many tags");
}

/// The whole pipeline on one file text: split, parse, render (the body is rendered even
/// when the front-matter is refused, since it is untrusted either way).
fn pipeline(file: &str, context: &str) -> Option<Article> {
    let parsed = split(file).ok().map(|s| {
        render_checked(s.body, context);
        Article::from_front_matter(s.front_matter, "prop")
    });
    // `read_file` is what the bundler calls; it must agree with the steps above.
    let via_bundle = read_file("prop.md", file.as_bytes());
    match (&parsed, &via_bundle) {
        (Some(Ok(a)), Ok((b, _))) => assert_eq!(a, b, "{context}: read_file disagrees"),
        (Some(Ok(_)), Err(e)) => panic!("{context}: read_file refused an accepted file: {e}"),
        (_, Ok(_)) => panic!("{context}: read_file accepted a refused file"),
        _ => {}
    }
    let article = parsed?.ok()?;
    article_checked(&article, context);
    Some(article)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3_000,
        // Shrinking a failure of this grammar needs few iterations to get readable.
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    })]

    /// The input as a whole file, as the body of a valid file, as a front-matter block
    /// and as the value of `title`: no panic, safe HTML, text fields stay text.
    #[test]
    fn hostile_strings_never_yield_unsafe_html(input in hostile()) {
        // As a whole file, and as a markdown body on its own.
        pipeline(&input, "whole input");
        render_checked(&input, "input as body");

        // As the body of a valid file: always accepted, body passed through verbatim.
        let wrapped = format!("---\n{VALID_FRONT_MATTER}---\n{input}");
        let s = split(&wrapped).expect("a valid front-matter always splits");
        prop_assert_eq!(s.body, input.as_str());
        prop_assert!(pipeline(&wrapped, "input as body of a valid file").is_some());

        // As a front-matter block (refusal is fine; acceptance must be safe).
        pipeline(&format!("---\n{input}\n---\nbody"), "input as front-matter");
        pipeline(
            &format!("---\n{VALID_FRONT_MATTER}{input}\n---\nbody"),
            "input appended to a valid front-matter",
        );

        // As a (single-quoted YAML) field value: accepted, and kept verbatim as text.
        let quoted = input.replace('\'', "''");
        let as_title = format!("---\ntitle: '{quoted}'\npublishedAt: '2026-01-16T15:23:33Z'\n---\n");
        if let Some(a) = pipeline(&as_title, "input as a title") {
            prop_assert!(!a.title.is_empty());
        }
        let as_desc = format!("---\n{VALID_FRONT_MATTER}description: '{quoted}'\ntags: ['{quoted}']\n---\n");
        pipeline(&as_desc, "input as description and tag");
    }
}
