//! Fuzzes the whole untrusted-content path: split -> parse -> render, checked by the same
//! HTML oracle as the core's hostile-corpus and property tests (no event-handler
//! attributes, no forbidden elements, every href/src allowed by the URL policy).
#![no_main]

use broadsheet_core::markdown::render;
use broadsheet_core::Article;
use libfuzzer_sys::fuzz_target;

#[path = "../../crates/core/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((article, body)) = Article::from_file(text, "fuzz") {
        common::assert_safe_html(&render(body).html, "body");
        if let Err(e) = common::check_article(&article) {
            panic!("article fields: {e}");
        }
    }
    common::assert_safe_html(&render(text).html, "whole file");
});
