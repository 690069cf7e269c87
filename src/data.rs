//! Loading the bundle (see [`broadsheet_core::bundle`]): the site summary, pages of
//! front-matter parsed in Wasm with the core, and single articles. Everything fetched is
//! kept in memory for the rest of the visit, so going back, loading more or combining
//! filters never fetches a file twice.
//!
//! Built on [`crate::fetch`] (HTTP and errors) and [`crate::split`] (the split modules of
//! the markdown renderer and serde_yaml); searching and combining filters is the layer
//! above (`search`), which this one never names.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use broadsheet_core::bundle::{
    article_path, head_path, id_bucket_from_json, id_candidates, id_path, sidecar_path,
    ArticleSidecar, FeedMeta, IdBucket, IndexEntry, ListFile, ListHead, ListPage, Paging, ALL_LIST,
    BUNDLE_VERSION, META_PATH,
};
use broadsheet_core::frontmatter;
use broadsheet_core::markdown::{render, Rendered};
use broadsheet_core::stats::Overview;
use broadsheet_core::{Article, ArticleError, Report};

use crate::fetch::{check_version, fetch_json, fetch_text, is_html, LoadError};
use crate::scheduling::next_task;
use crate::split::split_fn;

thread_local! {
    /// Display pages, by list and number.
    static PAGES: RefCell<HashMap<(String, usize), Rc<LoadedPage>>> = RefCell::new(HashMap::new());
    /// Lists' heads, by list.
    static HEADS: RefCell<HashMap<String, Rc<LoadedHead>>> = RefCell::new(HashMap::new());
    /// Files of lists (heads and numbered pages), by URL.
    static LIST_FILES: RefCell<HashMap<String, Rc<ListEntries>>> = RefCell::new(HashMap::new());
    static ARTICLES: RefCell<HashMap<String, Option<Rc<LoadedArticle>>>> = RefCell::new(HashMap::new());
}

/// Forgets every page and article fetched, so the next reads go to the network (retry,
/// new deploy). The search index is forgotten on its own (`search::clear_cache`).
pub fn clear_cache() {
    PAGES.with_borrow_mut(HashMap::clear);
    HEADS.with_borrow_mut(HashMap::clear);
    LIST_FILES.with_borrow_mut(HashMap::clear);
    ARTICLES.with_borrow_mut(HashMap::clear);
}

/// One display page of a list (feed positions `[24n, 24n + 24)`), parsed.
#[derive(Debug)]
pub struct LoadedPage {
    /// Articles in the whole list.
    pub total: usize,
    /// Display pages in the whole list.
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

/// Fetches the site summary.
pub async fn load_meta() -> Result<Rc<FeedMeta>, LoadError> {
    let meta: FeedMeta = fetch_json(META_PATH, "the site summary", FeedMeta::from_json).await?;
    check_version(META_PATH, meta.version, BUNDLE_VERSION)?;
    Ok(Rc::new(meta))
}

/// A list's head, fetched: how the list is cut into files, and its overview.
#[derive(Debug)]
struct LoadedHead {
    paging: Paging,
    overview: Option<Overview>,
}

/// The entries of one file of a list, their front-matter parsed when first needed (the
/// head holds up to 47 entries; the first screen parses only its 24).
#[derive(Debug)]
struct ListEntries {
    entries: Vec<IndexEntry>,
    parsed: RefCell<Vec<Option<Parsed>>>,
}

/// One entry's front-matter, read.
#[derive(Debug, Clone)]
enum Parsed {
    Shown(Arc<Article>),
    Draft,
    Failed(String, Report),
}

impl ListEntries {
    fn new(entries: Vec<IndexEntry>) -> Rc<Self> {
        let parsed = RefCell::new(vec![None; entries.len()]);
        Rc::new(ListEntries { entries, parsed })
    }

    /// Entries `range` (clamped to the file), parsed: each at most once per visit.
    async fn read(&self, range: Range<usize>) -> Result<Vec<Parsed>, LoadError> {
        let range = range.start.min(self.entries.len())..range.end.min(self.entries.len());
        let mut out = Vec::with_capacity(range.len());
        for i in range {
            if let Some(done) = self.parsed.borrow()[i].clone() {
                out.push(done);
                continue;
            }
            let entry = &self.entries[i];
            let parsed = match read_front_matter(&entry.fm, &entry.fallback_id).await? {
                Ok(a) if a.draft => Parsed::Draft,
                Ok(a) => Parsed::Shown(Arc::new(a)),
                Err(e) => Parsed::Failed(
                    entry.slug.clone(),
                    Report::from_error(&article_path(&entry.slug), &e),
                ),
            };
            self.parsed.borrow_mut()[i] = Some(parsed.clone());
            out.push(parsed);
        }
        Ok(out)
    }
}

/// Fetches a list's head (or finds it in memory). A list that does not exist (no article
/// has that tag) is an empty list.
async fn load_head(list: &str) -> Result<Rc<LoadedHead>, LoadError> {
    if let Some(head) = HEADS.with_borrow(|h| h.get(list).cloned()) {
        return Ok(head);
    }
    let url = head_path(list);
    let head: ListHead = match fetch_json(&url, "a page of the feed", ListHead::from_json).await {
        // A host that answers every missing path with the app (single-page fallback)
        // says "no such list" with HTML. `ALL_LIST` is always built, so only a facet's
        // list may be missing like that.
        Err(LoadError::Status { status: 404, .. }) => empty_list(),
        Err(LoadError::WrongContent { .. }) if list != ALL_LIST => empty_list(),
        other => other?,
    };
    check_version(&url, head.version, BUNDLE_VERSION)?;
    let paging = Paging {
        total: head.total,
        head: head.entries.len(),
        pages: head.pages,
    };
    let loaded = Rc::new(LoadedHead {
        paging,
        overview: head.overview,
    });
    LIST_FILES.with_borrow_mut(|f| f.insert(url, ListEntries::new(head.entries)));
    HEADS.with_borrow_mut(|h| h.insert(list.to_string(), loaded.clone()));
    Ok(loaded)
}

/// Fetches the numbered pages among `files` not yet in memory, together.
async fn load_list_files(list: &str, files: &[ListFile]) -> Result<(), LoadError> {
    let missing: Vec<String> = files
        .iter()
        .map(|f| f.path(list))
        .filter(|url| LIST_FILES.with_borrow(|f| !f.contains_key(url)))
        .collect();
    let fetched = futures::future::join_all(missing.iter().map(|url| async move {
        fetch_json(url, "a page of the feed", ListPage::from_json).await
    }))
    .await;
    for (url, page) in missing.into_iter().zip(fetched) {
        let page = page?;
        check_version(&url, page.version, BUNDLE_VERSION)?;
        LIST_FILES.with_borrow_mut(|f| f.insert(url, ListEntries::new(page.entries)));
    }
    Ok(())
}

/// Fetches display page `n` of a list (the site's page size `s` of cards, feed positions
/// `[s·n, s·n + s)`: from the list's head and the numbered pages they fall in, fetched
/// together) and parses its front-matter in
/// Wasm. The first page needs the head alone. A list that does not exist (no article has
/// that tag) is an empty list.
pub async fn load_page(list: &str, n: usize) -> Result<Rc<LoadedPage>, LoadError> {
    let key = (list.to_string(), n);
    if let Some(page) = PAGES.with_borrow(|p| p.get(&key).cloned()) {
        return Ok(page);
    }
    let head = load_head(list).await?;
    let size = crate::site::page_size();
    let pieces = head.paging.display_page(n, size);
    let files: Vec<ListFile> = pieces.iter().map(|(f, _)| *f).collect();
    load_list_files(list, &files).await?;
    let mut articles = Vec::with_capacity(size);
    let mut failed = Vec::new();
    for (file, range) in pieces {
        let url = file.path(list);
        let Some(entries) = LIST_FILES.with_borrow(|f| f.get(&url).cloned()) else {
            continue;
        };
        for parsed in entries.read(range).await? {
            match parsed {
                Parsed::Shown(a) => articles.push(a),
                Parsed::Draft => {}
                Parsed::Failed(slug, report) => failed.push((slug, report)),
            }
        }
    }
    let loaded = Rc::new(LoadedPage {
        total: head.paging.total,
        pages: head.paging.display_pages(size),
        articles,
        failed,
        overview: if n == 0 { head.overview.clone() } else { None },
    });
    PAGES.with_borrow_mut(|p| p.insert(key, loaded.clone()));
    // The cards are built in the next task, not in this one with the parsing.
    next_task().await;
    Ok(loaded)
}

/// The answer for a list no article belongs to.
fn empty_list() -> ListHead {
    ListHead {
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
    next_task().await;
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
        fetch_json(
            &sidecar_url,
            "an article's links",
            ArticleSidecar::from_json
        ),
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
            let unreadable = |error: ArticleError| LoadError::BadArticle {
                url: source_url.clone(),
                error,
            };
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
/// the article's title changed. `None` when no published article has that id. The id
/// buckets of every candidate id part are fetched together.
pub async fn current_slug(slug: &str) -> Option<String> {
    let candidates = id_candidates(slug);
    let mut urls: Vec<String> = candidates.iter().map(|c| id_path(c)).collect();
    urls.sort();
    urls.dedup();
    let buckets = futures::future::join_all(
        urls.iter()
            .map(|url| fetch_json(url, "an id bucket", id_bucket_from_json)),
    )
    .await;
    let found: HashMap<&str, IdBucket> = urls
        .iter()
        .map(String::as_str)
        .zip(buckets)
        .filter_map(|(url, b)| Some((url, b.ok()?)))
        .collect();
    let current = candidates
        .iter()
        .find_map(|c| found.get(id_path(c).as_str())?.get(*c))?;
    let slug_shaped = current
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (slug_shaped && !current.is_empty() && current != slug).then(|| current.clone())
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
