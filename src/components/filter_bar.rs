//! The active filters, each a removable chip, the filter's feed (when it has one), plus
//! "clear all".

use broadsheet_core::feed::Facet;
use broadsheet_core::title_case;
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

use crate::components::feed_subscribe::FeedSubscribe;

/// The message key of a facet's name on a chip.
fn facet_key(facet: Facet) -> &'static str {
    match facet {
        Facet::Tag => "facet.tag",
        Facet::Sentiment => "facet.sentiment",
        Facet::Category => "facet.category",
        Facet::Source => "facet.source",
        Facet::Query => "facet.search",
        Facet::Day => "facet.day",
    }
}

/// Shows what the feed is filtered by; renders nothing when unfiltered.
#[component]
pub fn FilterBar(
    /// The active filters.
    filter: Memo<FeedFilter>,
    /// How many articles pass them ("3 articles", "24+ articles").
    shown: Signal<String>,
) -> impl IntoView {
    let site = crate::site::site();
    move || {
        let f = filter.get();
        let t = &site.locale;
        (!f.is_empty()).then(|| {
            let chips = f
                .active()
                .into_iter()
                .map(|(facet, value)| {
                    let href = crate::links::href(&format!("/{}", f.without(facet, &value).to_query()));
                    let shown_value = match facet {
                        Facet::Tag | Facet::Category => title_case(&value),
                        _ => value.clone(),
                    };
                    let name = t.t(facet_key(facet));
                    let label = t.fmt("facet.remove", &[("facet", name), ("value", &shown_value)]);
                    let name = name.to_string();
                    view! {
                        <li>
                            <a href=href class="active-filter" aria-label=label data-testid="active-filter">
                                <span class="active-filter__facet">{name}": "</span>
                                <span class="active-filter__value">{shown_value}</span>
                                <span class="active-filter__remove" aria-hidden="true">" ×"</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            let (active, clear) = (t.t("facet.active").to_string(), t.t("facet.clear_all").to_string());
            view! {
                <section class="filter-bar" aria-label=active data-testid="filter-bar">
                    <p class="filter-bar__count" role="status">
                        {move || shown.get()}
                    </p>
                    <ul class="filter-bar__chips">{chips}</ul>
                    <FeedSubscribe filter=f.clone()/>
                    <a href=crate::links::href("/") class="filter-bar__clear" data-testid="clear-filters">{clear}</a>
                </section>
            }
        })
    }
}
