//! Contents list for long articles, linking to the generated heading ids.

use broadsheet_core::markdown::{contents, Heading};
use leptos::prelude::*;

/// Scrolls to the heading and records the fragment without a router navigation: with a
/// `<base href>` a bare `#id` link would resolve against the site root, not this page.
fn jump_to(id: &str) {
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

/// A `<nav>` of the article's level-2 and level-3 headings; nothing for short articles.
#[component]
pub fn TableOfContents(
    /// Headings from the rendered body.
    headings: Vec<Heading>,
) -> impl IntoView {
    contents(&headings).map(|sections| {
        let path = window().location().pathname().unwrap_or_default();
        let items = sections
            .into_iter()
            .map(|h| {
                let id = h.id.clone();
                let class = format!("toc__item toc__item--h{}", h.level);
                view! {
                    <li class=class>
                        <a
                            href=format!("{path}#{}", h.id)
                            data-testid="toc-link"
                            on:click=move |ev| {
                                ev.prevent_default();
                                jump_to(&id);
                            }
                        >
                            {h.text}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="toc" aria-label="Contents" data-testid="toc">
                <h2 class="toc__title">"Contents"</h2>
                <ol class="toc__list">{items}</ol>
            </nav>
        }
    })
}
