//! Full-text search in the browser over the static index in `data/search/` (see
//! [`broadsheet_core::search`]). Nothing is fetched until the reader searches; then the
//! manifest and only the shards the query needs are fetched, and kept in memory for the
//! rest of the visit.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use broadsheet_core::search::{
    parse_query, shard_path, Hit, Manifest, Shard, MANIFEST_PATH, SEARCH_VERSION,
};
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

use crate::data::{fetch_json, LoadError, Matches};

thread_local! {
    static MANIFEST: RefCell<Option<Rc<Manifest>>> = const { RefCell::new(None) };
    static SHARDS: RefCell<HashMap<String, Shard>> = RefCell::new(HashMap::new());
}

/// The ranked hits for one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The query as typed.
    pub query: String,
    /// Best first.
    pub hits: Vec<Hit>,
}

async fn manifest() -> Result<Rc<Manifest>, LoadError> {
    if let Some(m) = MANIFEST.with_borrow(Clone::clone) {
        return Ok(m);
    }
    let m: Manifest = fetch_json(MANIFEST_PATH, "the search index").await?;
    if m.version != SEARCH_VERSION {
        return Err(LoadError::BadIndex(format!(
            "search index version {} but this app reads version {SEARCH_VERSION}; reload the page",
            m.version
        )));
    }
    let m = Rc::new(m);
    MANIFEST.set(Some(m.clone()));
    Ok(m)
}

/// Searches the index, fetching the manifest and any shard not yet in memory.
pub async fn run(query: String) -> Result<Rc<Results>, LoadError> {
    let manifest = manifest().await?;
    for name in manifest.shards_for(&query) {
        if SHARDS.with_borrow(|s| s.contains_key(&name)) {
            continue;
        }
        let url = shard_path(&name);
        let shard: Shard = fetch_json(&url, "the search index").await?;
        SHARDS.with_borrow_mut(|s| s.insert(name, shard));
    }
    let hits = SHARDS.with_borrow(|shards| manifest.search(&query, shards));
    Ok(Rc::new(Results { query, hits }))
}

/// Forgets the fetched index (retry, new deploy).
pub fn clear_cache() {
    MANIFEST.set(None);
    SHARDS.with_borrow_mut(HashMap::clear);
}

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
