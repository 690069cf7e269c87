//! A chip that filters the feed by one facet value (tag, category or source).

use broadsheet_core::feed::Facet;
use broadsheet_core::model::title_case;
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

/// A link to the feed filtered by `facet=value`, added to the `current` filters.
#[component]
pub fn TagChip(
    /// Which facet the chip filters by.
    facet: Facet,
    /// The facet value, as in the front-matter.
    value: String,
    /// Filters already active, kept when the chip is followed.
    #[prop(optional)]
    current: Option<FeedFilter>,
) -> impl IntoView {
    let href = crate::href(&format!(
        "/{}",
        current.unwrap_or_default().with(facet, &value).to_query()
    ));
    let label = match facet {
        Facet::Tag | Facet::Category => title_case(&value),
        _ => value.clone(),
    };
    let class = format!("chip chip--{}", facet.key());
    let title = format!(
        "Show only articles with {} {label}",
        facet.label().to_lowercase()
    );
    view! {
        <a href=href class=class title=title data-testid=format!("chip-{}", facet.key())>
            {label}
        </a>
    }
}
