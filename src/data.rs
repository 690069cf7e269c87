//! Loading the bundle (see [`broadsheet_core::bundle`]): the site summary, pages of
//! front-matter parsed in Wasm with the core, and single articles. Everything fetched is
//! kept in memory for the rest of the visit, so going back, loading more or combining
//! filters never fetches a file twice.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use broadsheet_core::bundle::{
    article_path, id_candidates, id_path, list_dir, page_path, sidecar_path, ArticleSidecar,
    FeedMeta, ListPage, ALL_LIST, BUNDLE_VERSION, META_PATH, PAGE_SIZE,
};
use broadsheet_core::error::ArticleError;
use broadsheet_core::feed::Facet;
use broadsheet_core::frontmatter;
use broadsheet_core::markdown::{render, Rendered};
use broadsheet_core::search::parse_query;
use broadsheet_core::stats::Overview;
use broadsheet_core::{Article, FeedFilter, Report};
use leptos::prelude::*;
use thiserror::Error;

use crate::split::split_fn;

/// Why data could not be loaded.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    /// The request itself failed (offline, DNS, CORS…).
    #[error("could not reach {url}: {reason}")]
    Network {
        /// What was requested.
        url: String,
        /// The browser's explanation.
        reason: String,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// What was requested.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The server answered, but not with what was asked for (e.g. a dev server's
    /// `index.html` fallback for a missing file).
    #[error("{url} is not {expected}")]
    WrongContent {
        /// What was requested.
        url: String,
        /// What it should have been.
        expected: &'static str,
    },
    /// The index could not be read.
    #[error("the article index is unreadable: {0}")]
    BadIndex(String),
    /// A part of the app's own code (a split module) could not be fetched.
    #[error("a part of this app did not load; check the connection")]
    Code,
}

thread_local! {
    static PAGES: RefCell<HashMap<String, Rc<LoadedPage>>> = RefCell::new(HashMap::new());
    static ARTICLES: RefCell<HashMap<String, Option<Rc<LoadedArticle>>>> = RefCell::new(HashMap::new());
}

/// Forgets everything fetched, so the next reads go to the network (retry, new deploy).
pub fn clear_cache() {
    PAGES.with_borrow_mut(HashMap::clear);
    ARTICLES.with_borrow_mut(HashMap::clear);
    crate::search::clear_cache();
}

/// One list page, parsed.
#[derive(Debug)]
pub struct LoadedPage {
    /// Articles in the whole list.
    pub total: usize,
    /// Pages in the whole list.
    pub pages: usize,
    /// This page's articles that parsed, in feed order (shared with the cards built
    /// from them, so showing a page again copies no article).
    pub articles: Vec<Arc<Article>>,
    /// This page's entries that did not parse in Wasm (slug, report).
    pub failed: Vec<(String, Report)>,
    /// The whole list's sentiment overview (first pages only).
    pub overview: Option<Overview>,
}

/// One article, fetched on its own: for the article page, search results and /saved.
#[derive(Debug)]
pub struct LoadedArticle {
    /// The parsed front-matter.
    pub article: Article,
    /// The markdown body.
    pub body: String,
    /// Neighbours and related reading.
    pub sidecar: ArticleSidecar,
    /// The body as safe HTML, made by [`load_article`]: an article page needs it, a
    /// list of saved articles does not.
    rendered: OnceCell<Rendered>,
}

impl LoadedArticle {
    /// The body rendered to safe HTML (with its headings and word count), once
    /// [`load_article`] has rendered it.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.rendered.get()
    }
}

split_fn! { article:
    /// The markdown renderer is only needed by article pages: the same split module as
    /// the article page's view, so opening an article loads both at once.
    fn render_body(body: String) -> Rendered {
        render(&body)
    }
}

split_fn! { yaml:
    /// Front-matter outside the plain shape pipelines write is read by serde_yaml, which
    /// is then fetched as a module of its own: most sites never need it, and it is about
    /// 36 KB (brotli) that the file every page downloads no longer carries.
    fn read_with_serde_yaml(fm: String, fallback_id: String) -> Result<Article, ArticleError> {
        Article::from_front_matter(&fm, &fallback_id)
    }
}

/// Reads one article's front-matter as [`Article::from_front_matter`] does, loading
/// serde_yaml only for a block that is not in the plain shape. The outer error is a
/// module that did not load; the inner one is the article's own.
async fn read_front_matter(
    fm: &str,
    fallback_id: &str,
) -> Result<Result<Article, ArticleError>, LoadError> {
    match Article::from_plain_front_matter(fm, fallback_id) {
        Some(read) => Ok(read),
        None => read_with_serde_yaml(fm.to_string(), fallback_id.to_string()).await,
    }
}

fn is_html(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"<")
}

/// Fetches and decodes a JSON file of the bundle. A dev server's `index.html` answer
/// for a missing file is reported as such, not as a JSON syntax error.
pub(crate) async fn fetch_json<T: serde::de::DeserializeOwned>(
    url: &str,
    expected: &'static str,
) -> Result<T, LoadError> {
    let bytes = fetch_data(url, expected).await?;
    decode_json(url, &bytes)
}

/// Fetches a data file's bytes: `expected` names it in the error when the host answers
/// with a page instead (a SPA fallback serving `index.html` for a missing file).
pub(crate) async fn fetch_data(url: &str, expected: &'static str) -> Result<Vec<u8>, LoadError> {
    let bytes = fetch_bytes(url).await?;
    if is_html(&bytes) {
        return Err(LoadError::WrongContent {
            url: url.to_string(),
            expected,
        });
    }
    Ok(bytes)
}

/// Reads the JSON data file fetched from `url`.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(
    url: &str,
    bytes: &[u8],
) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| LoadError::BadIndex(format!("{url}: {e}")))
}

fn check_version(version: u32) -> Result<(), LoadError> {
    if version == BUNDLE_VERSION {
        Ok(())
    } else {
        Err(LoadError::BadIndex(format!(
            "version {version} but this app reads version {BUNDLE_VERSION}; reload the page"
        )))
    }
}

/// Fetches the site summary.
pub async fn load_meta() -> Result<Rc<FeedMeta>, LoadError> {
    let meta: FeedMeta = fetch_json(META_PATH, "the site summary").await?;
    check_version(meta.version)?;
    Ok(Rc::new(meta))
}

/// Fetches page `n` of a list and parses its front-matter in Wasm. A list that does not
/// exist (no article has that tag) is an empty list.
pub async fn load_page(list: &str, n: usize) -> Result<Rc<LoadedPage>, LoadError> {
    let url = page_path(list, n);
    if let Some(page) = PAGES.with_borrow(|p| p.get(&url).cloned()) {
        return Ok(page);
    }
    let page: ListPage = match fetch_json(&url, "a page of the feed").await {
        // A host that answers every missing path with the app (single-page fallback)
        // says "no such list" with HTML. `ALL_LIST` is always built, so only a facet's
        // list may be missing like that.
        Err(LoadError::Status { status: 404, .. }) if n == 0 => empty_list(),
        Err(LoadError::WrongContent { .. }) if n == 0 && list != ALL_LIST => empty_list(),
        other => other?,
    };
    check_version(page.version)?;
    let mut articles = Vec::with_capacity(page.entries.len());
    let mut failed = Vec::new();
    for entry in page.entries {
        match read_front_matter(&entry.fm, &entry.fallback_id).await? {
            Ok(a) if a.draft => {}
            Ok(a) => articles.push(Arc::new(a)),
            Err(e) => failed.push((
                entry.slug.clone(),
                Report::from_error(&article_path(&entry.slug), &e),
            )),
        }
    }
    let loaded = Rc::new(LoadedPage {
        total: page.total,
        pages: page.pages,
        articles,
        failed,
        overview: page.overview,
    });
    PAGES.with_borrow_mut(|p| p.insert(url, loaded.clone()));
    // The cards are built in the next task, not in this one with the parsing.
    crate::next_task().await;
    Ok(loaded)
}

/// The answer for a list no article belongs to.
fn empty_list() -> ListPage {
    ListPage {
        version: BUNDLE_VERSION,
        total: 0,
        pages: 0,
        entries: Vec::new(),
        overview: None,
    }
}

/// Fetches one article to read, and its sidecar; `None` when no such article is
/// published.
pub async fn load_article(slug: &str) -> Result<Option<Rc<LoadedArticle>>, LoadError> {
    let found = fetch_article(slug).await?;
    // The body is rendered here and the page is built in a task of its own: the first
    // render also compiles the markdown code (Wasm is compiled when first called), and
    // building the page on top of that was the longest task of an article's start-up.
    // Saved lists load articles too, but never render their bodies.
    if let Some(loaded) = found.as_ref().filter(|l| l.rendered.get().is_none()) {
        let rendered = render_body(loaded.body.clone()).await?;
        let _ = loaded.rendered.set(rendered);
    }
    crate::next_task().await;
    Ok(found)
}

/// Fetches one article and its sidecar (or finds it among those already fetched).
async fn fetch_article(slug: &str) -> Result<Option<Rc<LoadedArticle>>, LoadError> {
    if let Some(hit) = ARTICLES.with_borrow(|a| a.get(slug).cloned()) {
        return Ok(hit);
    }
    let sidecar_url = sidecar_path(slug);
    let source_url = article_path(slug);
    let (sidecar, text) = futures::join!(
        fetch_json::<ArticleSidecar>(&sidecar_url, "an article's links"),
        fetch_text(&source_url)
    );
    let found = match sidecar {
        // Not published (or never was): the caller explains.
        Err(LoadError::Status { status: 404, .. }) | Err(LoadError::WrongContent { .. }) => None,
        Err(e) => return Err(e),
        Ok(sidecar) => {
            let text = text?;
            let wrong = || LoadError::WrongContent {
                url: source_url.clone(),
                expected: "an article file",
            };
            if is_html(text.as_bytes()) {
                return Err(wrong());
            }
            let unreadable = |e: ArticleError| LoadError::BadIndex(format!("{source_url}: {e}"));
            let split = frontmatter::split(&text).map_err(unreadable)?;
            let article = read_front_matter(split.front_matter, &sidecar.fallback_id)
                .await?
                .map_err(|e| unreadable(e.offset_lines(split.front_matter_line)))?;
            Some(Rc::new(LoadedArticle {
                article,
                body: split.body.to_string(),
                sidecar,
                rendered: OnceCell::new(),
            }))
        }
    };
    ARTICLES.with_borrow_mut(|a| a.insert(slug.to_string(), found.clone()));
    Ok(found)
}

/// The current slug of the article an unknown `slug` names by its id: a link made before
/// the article's title changed. `None` when no published article has that id.
pub async fn current_slug(slug: &str) -> Option<String> {
    for part in id_candidates(slug) {
        if let Ok(current) = fetch_json::<String>(&id_path(part), "an id file").await {
            let slug_shaped = current
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            return (slug_shaped && !current.is_empty() && current != slug).then_some(current);
        }
    }
    None
}

/// Fetches several articles at once, in the given order, leaving out unpublished ones.
pub async fn load_articles(slugs: &[String]) -> Result<Vec<Rc<LoadedArticle>>, LoadError> {
    let loads = slugs.iter().map(|s| fetch_article(s));
    let mut out = Vec::with_capacity(slugs.len());
    for loaded in futures::future::join_all(loads).await {
        out.extend(loaded?);
    }
    Ok(out)
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
    /// "24 articles", or "24+ articles" while more may match.
    pub fn count_label(&self) -> String {
        match (self.total, self.exhausted) {
            (Some(1), _) => "1 article".to_string(),
            (Some(n), _) => format!("{n} articles"),
            (None, true) if self.cards.len() == 1 => "1 article".to_string(),
            (None, true) => format!("{} articles", self.cards.len()),
            (None, false) => format!("{}+ articles", self.cards.len()),
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
            let results = crate::search::run(q.clone()).await?;
            let mut next = 0;
            while cards.len() < wanted && next < results.hits.len() {
                let batch = &results.hits[next..(next + PAGE_SIZE).min(results.hits.len())];
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

/// Fetches `url` as UTF-8 text.
pub(crate) async fn fetch_text(url: &str) -> Result<String, LoadError> {
    String::from_utf8(fetch_bytes(url).await?).map_err(|_| LoadError::WrongContent {
        url: url.to_string(),
        expected: "UTF-8 text",
    })
}

/// Fetches `url` as bytes. Everything the app reads goes through here: the bytes are
/// copied into Wasm as they are, where a JS string would be re-encoded from UTF-16
/// (measured: 10 ms per 7 MB, as long as parsing their front-matter).
pub(crate) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
    if !resp.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    resp.binary().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        reason: e.to_string(),
    })
}

/// Session-storage key of [`FeedContext::last_feed`].
const LAST_FEED_KEY: &str = "broadsheet.lastFeed";

/// Where the reader left a feed view, for "back to feed".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedPlace {
    /// Query string of the view (`""` or `?tag=…`).
    pub url: String,
    /// The window's scroll offset: where to go back to when the top card is no longer
    /// in the feed (a new deploy).
    pub y: f64,
    /// How many cards the view had loaded.
    pub loaded: usize,
    /// The card at the top of the window (its slug) and where its top was, in pixels
    /// from the window's top: coming back, that card is put there again.
    pub anchor: Option<(String, f64)>,
}

/// How a [`FeedPlace`] is stored: a flat tuple, the slug empty when there is no anchor.
/// (A derived struct form was 1.4 KB more brotli in the Wasm every page loads.)
type StoredPlace = (String, f64, usize, String, f64);

impl FeedPlace {
    fn to_stored(&self) -> StoredPlace {
        let (slug, top) = self.anchor.clone().unwrap_or_default();
        (self.url.clone(), self.y, self.loaded, slug, top)
    }

    fn from_stored((url, y, loaded, slug, top): StoredPlace) -> Self {
        let anchor = (!slug.is_empty()).then_some((slug, top));
        Self {
            url,
            y,
            loaded,
            anchor,
        }
    }

    /// True when this place is in the view at `url`, scrolled down.
    pub fn is_down_in(&self, url: &str) -> bool {
        self.url == url && self.y > 0.0
    }
}

/// The last feed place stored in this tab, if it reads back as one.
fn stored_last_feed() -> Option<FeedPlace> {
    let storage = window().session_storage().ok().flatten()?;
    let json = storage.get_item(LAST_FEED_KEY).ok().flatten()?;
    let place = FeedPlace::from_stored(serde_json::from_str(&json).ok()?);
    // Stored by this app, but still read defensively: a query string, a slug and sane
    // numbers.
    let sane_anchor = place
        .anchor
        .as_ref()
        .is_none_or(|(slug, top)| slug.len() <= 500 && top.is_finite());
    (place.url.len() <= 2_000
        && place.y.is_finite()
        && place.y >= 0.0
        && place.loaded <= 100_000
        && sane_anchor)
        .then_some(place)
}

/// The shared app state: the site summary, where the reader was in the feed, and
/// whether the problems notice was dismissed.
#[derive(Clone, Copy)]
pub struct FeedContext {
    /// The site summary (counts and rejected files).
    pub meta: LocalResource<Result<Rc<FeedMeta>, LoadError>>,
    /// Bumped to drop every cached page and article and load again.
    pub generation: RwSignal<u32>,
    /// Where the reader last left a feed view, for "back to feed".
    pub last_feed: RwSignal<FeedPlace>,
    /// Entries that failed to parse in Wasm, gathered from the pages read so far.
    pub failed: RwSignal<Vec<(String, Report)>>,
    /// True once the reader dismissed the "could not be shown" notice.
    pub notice_dismissed: RwSignal<bool>,
}

impl FeedContext {
    /// Creates the context and provides it to the component tree.
    pub fn provide() {
        let generation = RwSignal::new(0u32);
        provide_context(FeedContext {
            meta: LocalResource::new(move || {
                generation.track();
                load_meta()
            }),
            generation,
            last_feed: RwSignal::new(stored_last_feed().unwrap_or_default()),
            failed: RwSignal::new(Vec::new()),
            notice_dismissed: RwSignal::new(false),
        });
    }

    /// The context provided by [`FeedContext::provide`].
    pub fn get() -> Self {
        expect_context::<FeedContext>()
    }

    /// Records where the reader left the feed, in memory and in the tab's session storage
    /// (so "back" still finds the place after the article page was reloaded).
    pub fn remember_feed(&self, place: FeedPlace) {
        // Written after the click's frame: it runs on every click on the feed, filter
        // chips included, and the storage write was a visible part of that frame.
        let stored = place.to_stored();
        crate::after_next_paint(move || {
            let json = serde_json::to_string(&stored);
            if let (Some(storage), Ok(json)) = (window().session_storage().ok().flatten(), json) {
                let _ = storage.set_item(LAST_FEED_KEY, &json);
            }
        });
        self.last_feed.set(place);
    }

    /// "Try again" after `error`: loads what failed again, or reloads the page when a
    /// part of the app's own code did not load, since after a redeploy the host may
    /// serve only the new build's files and the old build's module is then gone for good
    /// (reloading starts the current build).
    pub fn retry(&self, error: &LoadError) {
        if *error == LoadError::Code {
            let _ = window().location().reload();
        } else {
            self.reload();
        }
    }

    /// Forgets what was loaded and loads it again (after an error, or a new deploy).
    pub fn reload(&self) {
        clear_cache();
        self.failed.set(Vec::new());
        self.generation.update(|g| *g += 1);
    }

    /// Remembers entries that failed to parse, once each, for the problems notice.
    pub fn note_failed(&self, failed: &[(String, Report)]) {
        let new: Vec<_> = failed
            .iter()
            .filter(|f| self.failed.with_untracked(|all| !all.contains(f)))
            .cloned()
            .collect();
        if !new.is_empty() {
            self.failed.update(|all| all.extend(new));
        }
    }

    /// Every report for the problems notice: files rejected at build time, then entries
    /// that failed in Wasm.
    pub fn reports(&self) -> Vec<String> {
        let mut out: Vec<String> = match self.meta.get() {
            Some(Ok(meta)) => meta.rejected.iter().map(|r| r.to_string()).collect(),
            _ => Vec::new(),
        };
        self.failed
            .with(|f| out.extend(f.iter().map(|(_, r)| r.to_string())));
        out
    }

    /// The build or parse report for a slug that could not be shown, if any.
    pub fn failure_for(&self, slug: &str) -> Option<Report> {
        let built = match self.meta.get() {
            Some(Ok(meta)) => meta
                .rejected
                .iter()
                .find(|r| r.slug.as_deref() == Some(slug))
                .cloned(),
            _ => None,
        };
        built.or_else(|| {
            self.failed
                .with(|f| f.iter().find(|(s, _)| s == slug).map(|(_, r)| r.clone()))
        })
    }
}
