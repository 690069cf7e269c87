//! Full-text search in the browser over the static index in `data/search/` (see
//! [`broadsheet_core::search`]). Nothing is fetched until the reader searches; then the
//! manifest and only the shards the query needs are fetched, and kept in memory for the
//! rest of the visit.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use broadsheet_core::feed::Facet;
use broadsheet_core::search::{
    parse_query, shard_path, Hit, Manifest, Shard, MANIFEST_PATH, SEARCH_VERSION,
};
use broadsheet_core::{Article, FeedFilter};
use leptos::prelude::*;

use crate::data::{fetch_text, Feed, LoadError};

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

/// What a search resource holds: nothing while not searching.
pub type Outcome = Option<Result<Rc<Results>, LoadError>>;

fn parse<T: serde::de::DeserializeOwned>(url: &str, text: &str) -> Result<T, LoadError> {
    if text.trim_start().starts_with('<') {
        return Err(LoadError::WrongContent {
            url: url.to_string(),
            expected: "the search index",
        });
    }
    serde_json::from_str(text).map_err(|e| LoadError::BadIndex(format!("{url}: {e}")))
}

async fn manifest() -> Result<Rc<Manifest>, LoadError> {
    if let Some(m) = MANIFEST.with_borrow(Clone::clone) {
        return Ok(m);
    }
    let m: Manifest = parse(MANIFEST_PATH, &fetch_text(MANIFEST_PATH).await?)?;
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
        let shard: Shard = parse(&url, &fetch_text(&url).await?)?;
        SHARDS.with_borrow_mut(|s| s.insert(name, shard));
    }
    let hits = SHARDS.with_borrow(|shards| manifest.search(&query, shards));
    Ok(Rc::new(Results { query, hits }))
}

/// The search for the filter's `?q=`, re-run when it changes; holds `None` (and fetches
/// nothing) while there is no searchable query.
pub fn use_search(filter: Memo<FeedFilter>) -> LocalResource<Outcome> {
    let query =
        Memo::new(move |_| filter.with(|f| f.query.clone().filter(|q| !parse_query(q).is_empty())));
    LocalResource::new(move || {
        let q = query.get();
        async move {
            match q {
                Some(q) => Some(run(q).await),
                None => None,
            }
        }
    })
}

/// The cards to show, each with the search terms to highlight, and the line that goes
/// above them while searching ("3 results for “solar”", "Searching…", an error).
pub fn visible(
    feed: &Feed,
    filter: &FeedFilter,
    outcome: Option<Outcome>,
) -> (Vec<(Article, Vec<String>)>, Option<AnyView>) {
    let searchable = filter
        .query
        .as_deref()
        .is_some_and(|q| !parse_query(q).is_empty());
    if !searchable {
        let hint = filter.query.is_some().then(|| {
            view! { <p class="search-status" role="status" data-testid="search-hint">"Type at least two letters to search."</p> }
                .into_any()
        });
        let all = filter.without(Facet::Query, "").apply(&feed.articles);
        let cards = all.into_iter().map(|a| (a.clone(), Vec::new())).collect();
        return (cards, hint);
    }
    match outcome.flatten() {
        None => (
            Vec::new(),
            Some(
                view! { <p class="search-status" role="status" data-testid="search-pending">"Searching…"</p> }
                    .into_any(),
            ),
        ),
        Some(Err(e)) => (
            Vec::new(),
            Some(
                view! {
                    <p class="search-status error-card" role="alert" data-testid="search-error">
                        {format!("Search is unavailable: {e}")}
                    </p>
                }
                .into_any(),
            ),
        ),
        Some(Ok(results)) => {
            let others = filter.without(Facet::Query, "");
            let cards: Vec<(Article, Vec<String>)> = results
                .hits
                .iter()
                .filter_map(|h| {
                    let a = feed.articles.iter().find(|a| a.slug == h.slug)?;
                    others.matches(a).then(|| (a.clone(), h.terms.clone()))
                })
                .collect();
            let status = match cards.len() {
                0 => view! {
                    <p class="search-status empty" role="status" data-testid="search-empty">
                        {format!("No articles match “{}”.", results.query)}
                    </p>
                }
                .into_any(),
                n => {
                    // While a newer query is on its way these are the last results, so
                    // the line names the query they answer.
                    let noun = if n == 1 { "result" } else { "results" };
                    let answered = &results.query;
                    view! {
                        <p class="search-status" role="status" data-testid="search-summary">
                            {format!("{n} {noun} for “{answered}”")}
                        </p>
                    }
                    .into_any()
                }
            };
            (cards, Some(status))
        }
    }
}
