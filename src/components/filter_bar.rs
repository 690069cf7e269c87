//! The active filters, each a removable chip, the filter's feed (when it has one), plus
//! "clear all".

use broadsheet_core::title_case;
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

use crate::components::feed_subscribe::FeedSubscribe;

/// Shows what the feed is filtered by; renders nothing when unfiltered.
#[component]
pub fn FilterBar(
    /// The active filters.
    filter: Memo<FeedFilter>,
    /// How many articles pass them ("3 articles", "24+ articles").
    shown: Signal<String>,
) -> impl IntoView {
    move || {
        let f = filter.get();
        (!f.is_empty()).then(|| {
            let chips = f
                .active()
                .into_iter()
                .map(|(facet, value)| {
                    let href = crate::links::href(&format!("/{}", f.without(facet, &value).to_query()));
                    let shown_value = match facet {
                        broadsheet_core::feed::Facet::Tag | broadsheet_core::feed::Facet::Category => title_case(&value),
                        _ => value.clone(),
                    };
                    let label = format!("Remove filter {}: {shown_value}", facet.label());
                    view! {
                        <li>
                            <a href=href class="active-filter" aria-label=label data-testid="active-filter">
                                <span class="active-filter__facet">{facet.label()}": "</span>
                                <span class="active-filter__value">{shown_value}</span>
                                <span class="active-filter__remove" aria-hidden="true">" ×"</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="filter-bar" aria-label="Active filters" data-testid="filter-bar">
                    <p class="filter-bar__count" role="status">
                        {move || shown.get()}
                    </p>
                    <ul class="filter-bar__chips">{chips}</ul>
                    <FeedSubscribe filter=f.clone()/>
                    <a href=crate::links::href("/") class="filter-bar__clear" data-testid="clear-filters">"Clear all"</a>
                </section>
            }
        })
    }
}
