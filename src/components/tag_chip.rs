//! A chip that filters the feed by one facet value (tag, category or source).

use broadsheet_core::feed::Facet;
use broadsheet_core::markup::facet_link::FacetLink;
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
    let chip = FacetLink::chip(
        &crate::site::site().locale,
        facet,
        &value,
        &current.unwrap_or_default(),
        &crate::links::href(""),
    );
    view! {
        <a href=chip.href class=chip.class title=chip.title data-testid=chip.testid>
            {chip.label}
        </a>
    }
}
