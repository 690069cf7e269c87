//! A responsive cover image with a designed placeholder when absent or broken.

use broadsheet_core::model::Cover;
use leptos::prelude::*;

/// Cover image with `srcset` from the variants; a placeholder replaces it when there is
/// no usable URL or the image fails to load. The box keeps a 16:9 ratio either way, so
/// nothing moves when it loads or fails.
#[component]
pub fn CoverImage(
    /// Variants that passed the image policy, if any.
    cover: Option<Cover>,
    /// The `sizes` attribute: how wide the image is drawn.
    sizes: &'static str,
    /// Loads eagerly with high priority (the first cards and the article hero).
    #[prop(optional)]
    eager: bool,
    /// Text for the placeholder (the article's category or source).
    label: String,
) -> impl IntoView {
    let failed = RwSignal::new(false);
    let initial = label.chars().next().unwrap_or('B').to_string();
    move || {
        match (&cover, failed.get()) {
        (Some(cover), false) => {
            let srcset = cover
                .variants
                .iter()
                .map(|(url, w)| format!("{url} {w}w"))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                // Attributes are set in this order, and setting `src` starts the fetch:
                // `loading` and `sizes` must already be there or a lazy cover loads at once.
                <img
                    loading=if eager { "eager" } else { "lazy" }
                    fetchpriority=if eager { "high" } else { "auto" }
                    decoding="async"
                    class="cover"
                    width="1600"
                    height="900"
                    alt=""
                    sizes=sizes
                    srcset=srcset
                    src=cover.best_for(400).to_string()
                    on:error=move |_| failed.set(true)
                />
            }
            .into_any()
        }
        _ => view! {
            <div class="cover cover--placeholder" data-testid="cover-placeholder" aria-hidden="true">
                <span class="cover__initial">{initial.clone()}</span>
            </div>
        }
        .into_any(),
    }
    }
}
