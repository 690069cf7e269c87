//! Full-text search in the browser over the static index in `data/search/` (see
//! [`broadsheet_core::search`]). Nothing is fetched until the reader searches; then the
//! manifest and only the shards the query needs are fetched, and kept in memory for the
//! rest of the visit. Reading and ranking the index is the split module `search`,
//! fetched with the manifest on the first search.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use broadsheet_core::search::{
    parse_query, shard_path, Hit, Manifest, Shard, MANIFEST_PATH, SEARCH_VERSION,
};
use broadsheet_core::FeedFilter;
use leptos::prelude::*;

use crate::data::{decode_json, fetch_data, LoadError, Matches};
use crate::split::split_fn;

/// What a failed fetch of the index calls it.
const INDEX: &str = "the search index";

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

/// Searches the index, fetching the manifest and any shard not yet in memory (the
/// shards a query needs are fetched together).
pub async fn run(query: String) -> Result<Rc<Results>, LoadError> {
    let manifest = if MANIFEST.with_borrow(Option::is_some) {
        None
    } else {
        let (bytes, code) = futures::join!(fetch_data(MANIFEST_PATH, INDEX), preload_search());
        // The data's error first: offline, both fail, and a network error is retried
        // without reloading the page.
        let bytes = bytes?;
        code?;
        Some(bytes)
    };
    let (manifest, missing) = shards_to_fetch(query.clone(), manifest).await??;
    let fetched = futures::future::join_all(missing.into_iter().map(|name| async move {
        let url = shard_path(&name);
        let bytes = fetch_data(&url, INDEX).await;
        (name, url, bytes)
    }))
    .await;
    let mut shards = Vec::with_capacity(fetched.len());
    for (name, url, bytes) in fetched {
        shards.push((name, url, bytes?));
    }
    search_shards(query, manifest, shards).await?
}

split_fn! { search, preload preload_search:
    /// The manifest (read from `manifest`, its file, on the first search, and kept) and
    /// the shards `query` needs that are not in memory yet.
    fn shards_to_fetch(query: String, manifest: Option<Vec<u8>>) -> Result<(Rc<Manifest>, Vec<String>), LoadError> {
        keep_manifest(manifest).map(|m| {
            let missing = m
                .shards_for(&query)
                .into_iter()
                .filter(|name| SHARDS.with_borrow(|s| !s.contains_key(name)))
                .collect();
            (m, missing)
        })
    }
}

split_fn! { search:
    /// Reads the fetched shards (name, URL, file) into memory, then ranks the hits for
    /// `query`.
    fn search_shards(query: String, manifest: Rc<Manifest>, fetched: Vec<(String, String, Vec<u8>)>) -> Result<Rc<Results>, LoadError> {
        rank(query, &manifest, fetched)
    }
}

/// The manifest in memory, after reading it from `file` if it is given.
fn keep_manifest(file: Option<Vec<u8>>) -> Result<Rc<Manifest>, LoadError> {
    if let Some(bytes) = file {
        let m: Manifest = decode_json(MANIFEST_PATH, &bytes)?;
        if m.version != SEARCH_VERSION {
            return Err(LoadError::BadIndex(format!(
                "search index version {} but this app reads version {SEARCH_VERSION}; reload the page",
                m.version
            )));
        }
        MANIFEST.set(Some(Rc::new(m)));
    }
    MANIFEST
        .with_borrow(Clone::clone)
        .ok_or_else(|| LoadError::BadIndex(format!("{MANIFEST_PATH}: not loaded")))
}

/// Keeps the fetched shards in memory, then ranks the hits for `query`.
fn rank(
    query: String,
    manifest: &Manifest,
    fetched: Vec<(String, String, Vec<u8>)>,
) -> Result<Rc<Results>, LoadError> {
    for (name, url, bytes) in fetched {
        let shard: Shard = decode_json(&url, &bytes)?;
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
