//! Fuzzes the whole untrusted-content path: split -> parse -> render, with an oracle on
//! the HTML (no panic is checked by libFuzzer itself).
#![no_main]

use broadsheet_core::markdown::render;
use broadsheet_core::model::Article;
use broadsheet_core::url::{check, UrlUse};
use libfuzzer_sys::fuzz_target;

/// Fails when rendered HTML holds anything executable or a disallowed URL.
fn oracle(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<iframe", "<object", "<embed", "<base", "<meta", "<form", "<style", "<svg"] {
        assert!(!lower.contains(bad), "{bad} in output: {html}");
    }
    // Walk every tag and look at its attributes.
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        for attr in tag.split_whitespace().skip(1) {
            let name = attr.split('=').next().unwrap_or("").to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler attribute {attr} in {tag}");
            if let Some(v) = attr.strip_prefix("href=\"") {
                let url = v.trim_end_matches('"').replace("&amp;", "&");
                assert!(check(&url, UrlUse::Link).is_some(), "disallowed link {url}");
            }
            if let Some(v) = attr.strip_prefix("src=\"") {
                let url = v.trim_end_matches('"').replace("&amp;", "&");
                assert!(check(&url, UrlUse::Image).is_some(), "disallowed image {url}");
            }
        }
        rest = &rest[open + close..];
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((_article, body)) = Article::from_file(text, "fuzz") {
        oracle(&render(body).html);
    }
    oracle(&render(text).html);
});
