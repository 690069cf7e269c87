//! The document's `<head>` as the routes change it: the title, and tags that belong to
//! one view (an article's description, a filtered view's feed link, `noindex` on a
//! not-found page).
//!
//! A few DOM calls instead of `leptos_meta`: its context, formatter and tag components
//! were a measurable part of the main Wasm file for four titles and three tags.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Sets the page's title: `text`, then the site's name (the name alone for `""`).
pub fn set_title(text: &str) {
    document().set_title(&crate::site::site().page_title(text));
}

/// Adds `<tag attrs…>` to the document's head for as long as the calling view is
/// mounted (it is removed when the view is cleaned up).
pub fn head_tag(tag: &str, attrs: &[(&str, &str)]) {
    let document = document();
    let (Some(head), Ok(element)) = (document.head(), document.create_element(tag)) else {
        return;
    };
    for (name, value) in attrs {
        let _ = element.set_attribute(name, value);
    }
    if head.append_child(&element).is_ok() {
        let element = SendWrapper::new(element);
        on_cleanup(move || element.remove());
    }
}
