//! Following a link of an article's table of contents (its markup:
//! `broadsheet_core::markup::article::toc_markup`).

use leptos::prelude::*;

/// Scrolls to the heading and records the fragment without a router navigation: with a
/// `<base href>` a bare `#id` link would resolve against the site root, not this page.
pub fn jump_to(id: &str) {
    let doc = document();
    if let Some(el) = doc.get_element_by_id(id) {
        el.scroll_into_view();
        let path = window().location().pathname().unwrap_or_default();
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}#{id}")),
            );
        }
    }
}
