//! The line above the feed's cards while searching.

use broadsheet_core::search::parse_query;
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

use crate::search::Matches;

/// The line above the cards while searching: a hint for a too-short query, "Searching…"
/// while `current`'s results are on their way (the cards are still the last ones), or
/// what the shown results answer.
pub fn status_line(current: &FeedFilter, shown: &Matches) -> Option<AnyView> {
    let query = current.query.as_deref()?;
    if parse_query(query).is_empty() {
        return Some(
            view! { <p class="search-status" role="status" data-testid="search-hint">"Type at least two letters to search."</p> }
                .into_any(),
        );
    }
    let Some(info) = shown.search.as_ref().filter(|_| shown.filter == *current) else {
        return Some(
            view! { <p class="search-status" role="status" data-testid="search-pending">"Searching…"</p> }
                .into_any(),
        );
    };
    let n = shown.cards.len();
    if n == 0 && shown.exhausted {
        return Some(
            view! {
                <p class="search-status empty" role="status" data-testid="search-empty">
                    {format!("No articles match “{}”.", info.query)}
                </p>
            }
            .into_any(),
        );
    }
    let count = match (shown.exhausted, shown.total) {
        (true, _) => n.to_string(),
        (false, Some(total)) => total.to_string(),
        (false, None) => format!("{n}+"),
    };
    let noun = if count == "1" { "result" } else { "results" };
    Some(
        view! {
            <p class="search-status" role="status" data-testid="search-summary">
                {format!("{count} {noun} for “{}”", info.query)}
            </p>
        }
        .into_any(),
    )
}
