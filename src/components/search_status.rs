//! The line above the feed's cards while searching.

use broadsheet_core::i18n::Locale;
use broadsheet_core::search::parse_query;
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

use crate::search::Matches;

/// The line above the cards while searching, in `t`'s language: a hint for a too-short
/// query, "Searching…" while `current`'s results are on their way (the cards are still
/// the last ones), or what the shown results answer.
pub fn status_line(t: &Locale, current: &FeedFilter, shown: &Matches) -> Option<AnyView> {
    let query = current.query.as_deref()?;
    if parse_query(query).is_empty() {
        let hint = t.t("search.short").to_string();
        return Some(
            view! { <p class="search-status" role="status" data-testid="search-hint">{hint}</p> }
                .into_any(),
        );
    }
    let Some(info) = shown.search.as_ref().filter(|_| shown.filter == *current) else {
        let searching = t.t("search.searching").to_string();
        return Some(
            view! { <p class="search-status" role="status" data-testid="search-pending">{searching}</p> }
                .into_any(),
        );
    };
    let n = shown.cards.len();
    let query = [("query", info.query.as_str())];
    if n == 0 && shown.exhausted {
        let none = t.fmt("search.no_match", &query);
        return Some(
            view! {
                <p class="search-status empty" role="status" data-testid="search-empty">{none}</p>
            }
            .into_any(),
        );
    }
    let summary = match (shown.exhausted, shown.total) {
        (true, _) => t.count("search.results", n as u64, &query),
        (false, Some(total)) => t.count("search.results", total as u64, &query),
        (false, None) => t.count("search.results_more", n as u64, &query),
    };
    Some(
        view! {
            <p class="search-status" role="status" data-testid="search-summary">{summary}</p>
        }
        .into_any(),
    )
}
