//! Search and filtering in the browser: the cards for a filter ([`load_matches`]), from
//! the static full-text index in `data/search/` (see [`broadsheet_core::search`]) while
//! searching, or from the list pages of [`crate::data`] otherwise.
//!
//! Nothing of the index is fetched until the reader searches; then the manifest and only
//! the shards the query needs are fetched, and kept in memory for the rest of the visit.
//! Reading and ranking the index is the split module `search`, fetched with the manifest
//! on the first search.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use broadsheet_core::bundle::list_dir;
use broadsheet_core::feed::Facet;
use broadsheet_core::i18n::Locale;
use broadsheet_core::search::{
    parse_query, shard_from_json, shard_path, Hit, Manifest, Shard, MANIFEST_PATH, SEARCH_VERSION,
};
use broadsheet_core::stats::Overview;
use broadsheet_core::{Article, FeedFilter, Report};

use crate::data::{load_articles, load_page};
use crate::fetch::{check_version, decode_json, fetch_data, LoadError};
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
    let manifest = match MANIFEST.with_borrow(Clone::clone) {
        Some(kept) => ManifestSource::Kept(kept),
        None => {
            let (bytes, code) = futures::join!(fetch_data(MANIFEST_PATH, INDEX), preload_search());
            // The data's error first: offline, both fail, and a network error is retried
            // without reloading the page.
            let bytes = bytes?;
            code?;
            ManifestSource::File(bytes)
        }
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
    /// The manifest (read from its file on the first search, and kept) and the shards
    /// `query` needs that are not in memory yet.
    fn shards_to_fetch(query: String, manifest: ManifestSource) -> Result<(Rc<Manifest>, Vec<String>), LoadError> {
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

/// Where the manifest of a search comes from.
enum ManifestSource {
    /// In memory since an earlier search (taken before any await, so a retry clearing
    /// the cache meanwhile cannot leave this search without one).
    Kept(Rc<Manifest>),
    /// Its file, just fetched: read and kept on this first search.
    File(Vec<u8>),
}

/// The manifest from `source`, kept in memory for the next searches.
fn keep_manifest(source: ManifestSource) -> Result<Rc<Manifest>, LoadError> {
    match source {
        ManifestSource::Kept(m) => Ok(m),
        ManifestSource::File(bytes) => {
            let m = decode_json(MANIFEST_PATH, &bytes, Manifest::from_json)?;
            check_version(MANIFEST_PATH, m.version, SEARCH_VERSION)?;
            let m = Rc::new(m);
            MANIFEST.set(Some(m.clone()));
            Ok(m)
        }
    }
}

/// Keeps the fetched shards in memory, then ranks the hits for `query`.
fn rank(
    query: String,
    manifest: &Manifest,
    fetched: Vec<(String, String, Vec<u8>)>,
) -> Result<Rc<Results>, LoadError> {
    for (name, url, bytes) in fetched {
        let shard = decode_json(&url, &bytes, shard_from_json)?;
        SHARDS.with_borrow_mut(|s| s.insert(name, shard));
    }
    let hits = SHARDS.with_borrow(|shards| manifest.search(&query, shards));
    Ok(Rc::new(Results { query, hits }))
}

/// Forgets the fetched index (retry, new deploy); the pages and articles have their own:
/// [`crate::data::clear_cache`].
pub fn clear_cache() {
    MANIFEST.set(None);
    SHARDS.with_borrow_mut(HashMap::clear);
}

/// What the search part of a filter found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchInfo {
    /// The query as typed.
    pub query: String,
    /// Articles the index matched, before the other filters.
    pub hits: usize,
}

/// One card of the feed: the article and the folded search terms to mark in it.
pub type Card = (Arc<Article>, Vec<String>);

/// The cards for one filter, as far as the reader has scrolled.
#[derive(Debug)]
pub struct Matches {
    /// The filter these answer.
    pub filter: FeedFilter,
    /// How many cards were asked for.
    pub wanted: usize,
    /// Matching articles in feed (or search rank) order, each with the search terms to
    /// highlight.
    pub cards: Vec<Card>,
    /// True when there are no more matches to load.
    pub exhausted: bool,
    /// How many articles match in all, when known without loading them all.
    pub total: Option<usize>,
    /// Entries of the pages read that did not parse in Wasm.
    pub failed: Vec<(String, Report)>,
    /// Set while searching.
    pub search: Option<SearchInfo>,
    /// The bundler's sentiment overview, when the filter is exactly one list.
    pub overview: Option<Overview>,
}

impl Matches {
    /// "24 articles", or "24+ articles" while more may match, in `t`'s language.
    pub fn count_label(&self, t: &Locale) -> String {
        match (self.total, self.exhausted) {
            (Some(n), _) => t.count("feed.count", n as u64, &[]),
            (None, true) => t.count("feed.count", self.cards.len() as u64, &[]),
            (None, false) => t.count("feed.count_more", self.cards.len() as u64, &[]),
        }
    }
}

/// Loads at least `wanted` cards matching `filter` (fewer when there are not that many):
/// list pages of the narrowest facet in the filter, or, while searching, the ranked hits
/// of the static search index, each checked against the whole filter.
pub async fn load_matches(filter: FeedFilter, wanted: usize) -> Result<Arc<Matches>, LoadError> {
    let searchable = filter
        .query
        .as_deref()
        .filter(|q| !parse_query(q).is_empty())
        .map(str::to_string);
    let others = filter.without(Facet::Query, "");
    let mut cards = Vec::new();
    let mut failed = Vec::new();
    let (exhausted, total, search, overview) = match searchable {
        Some(q) => {
            let results = run(q.clone()).await?;
            let mut next = 0;
            while cards.len() < wanted && next < results.hits.len() {
                let batch =
                    &results.hits[next..(next + crate::site::page_size()).min(results.hits.len())];
                next += batch.len();
                let slugs: Vec<String> = batch.iter().map(|h| h.slug.clone()).collect();
                for loaded in load_articles(&slugs).await? {
                    if others.matches(&loaded.article) {
                        let terms = batch
                            .iter()
                            .find(|h| h.slug == loaded.article.slug)
                            .map(|h| h.terms.clone())
                            .unwrap_or_default();
                        cards.push((Arc::new(loaded.article.clone()), terms));
                    }
                }
            }
            let exhausted = next >= results.hits.len();
            let total = (others.is_empty()).then_some(results.hits.len());
            let info = SearchInfo {
                query: results.query.clone(),
                hits: results.hits.len(),
            };
            (exhausted, total, Some(info), None)
        }
        None => {
            let list = list_dir(&others);
            let mut n = 0;
            let mut summary = None;
            let (list_total, pages) = loop {
                let page = load_page(&list, n).await?;
                if n == 0 {
                    summary = page.overview.clone();
                }
                failed.extend(page.failed.iter().cloned());
                cards.extend(
                    page.articles
                        .iter()
                        .filter(|a| others.matches(a))
                        .map(|a| (a.clone(), Vec::new())),
                );
                n += 1;
                if n >= page.pages || cards.len() >= wanted {
                    break (page.total, page.pages);
                }
            };
            let exhausted = n >= pages;
            // A list holds exactly one facet value's articles.
            let exact = others.active().len() <= 1;
            let total = exact.then_some(list_total);
            (exhausted, total, None, summary.filter(|_| exact))
        }
    };
    Ok(Arc::new(Matches {
        filter,
        wanted,
        cards,
        exhausted,
        total,
        failed,
        search,
        overview,
    }))
}
