//! Text with search terms marked, built from text nodes and `<mark>` elements (never
//! HTML strings, since article text is untrusted).

use broadsheet_core::search::highlight;
use leptos::prelude::*;

/// `text` with every word whose folded form is one of `terms` wrapped in `<mark>`.
#[component]
pub fn Highlighted(
    /// The text to show.
    text: String,
    /// Folded search terms (from a search hit); none shows the plain text.
    #[prop(optional)]
    terms: Vec<String>,
) -> impl IntoView {
    highlight(&text, &terms)
        .into_iter()
        .map(|(segment, marked)| {
            let segment = segment.to_string();
            if marked {
                view! { <mark class="search-hit">{segment}</mark> }.into_any()
            } else {
                segment.into_any()
            }
        })
        .collect_view()
}
