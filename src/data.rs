//! Loading the bundle: fetch `data/index.json`, parse every article's front-matter in
//! Wasm with the core, and share the result through one context type.

use std::rc::Rc;

use broadsheet_core::bundle::{BundleIndex, INDEX_PATH, INDEX_VERSION};
use broadsheet_core::feed::sort_feed;
use broadsheet_core::{Article, Report};
use leptos::prelude::*;
use thiserror::Error;

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
}

/// The loaded feed: every article that parsed, in feed order, and every one that did not.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    /// Published articles (drafts removed), pinned first then newest.
    pub articles: Vec<Article>,
    /// `source` path of each article, parallel to `articles`.
    pub sources: Vec<String>,
    /// Articles that could not be shown: rejected at build time or failing in Wasm.
    pub failed: Vec<(String, Report)>,
}

impl Feed {
    /// Parses the index's front-matter texts in Wasm.
    pub fn from_index(index: BundleIndex) -> Self {
        let mut failed: Vec<(String, Report)> = index
            .rejected
            .into_iter()
            .map(|r| (r.slug.clone().unwrap_or_default(), r))
            .collect();
        let mut parsed: Vec<(Article, String)> = Vec::with_capacity(index.articles.len());
        for entry in index.articles {
            match Article::from_front_matter(&entry.fm, &entry.fallback_id) {
                Ok(a) if a.draft => {}
                Ok(a) => parsed.push((a, entry.source)),
                Err(e) => failed.push((entry.slug.clone(), Report::from_error(&entry.source, &e))),
            }
        }
        let mut articles: Vec<Article> = parsed.iter().map(|(a, _)| a.clone()).collect();
        sort_feed(&mut articles);
        let sources = articles
            .iter()
            .map(|a| {
                parsed
                    .iter()
                    .find(|(p, _)| p.slug == a.slug)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default()
            })
            .collect();
        Feed {
            articles,
            sources,
            failed,
        }
    }

    /// Finds an article by URL slug: the canonical slug, or any slug ending in its id
    /// (so links made before a title change still work). Returns its index.
    pub fn find(&self, slug: &str) -> Option<usize> {
        self.articles
            .iter()
            .position(|a| a.slug == slug)
            .or_else(|| {
                self.articles
                    .iter()
                    .position(|a| broadsheet_core::slug::matches_id(slug, &a.id))
            })
    }

    /// The build or parse report for a slug that could not be shown, if any.
    pub fn failure_for(&self, slug: &str) -> Option<&Report> {
        self.failed
            .iter()
            .find(|(s, _)| !s.is_empty() && s == slug)
            .map(|(_, r)| r)
    }
}

pub(crate) async fn fetch_text(url: &str) -> Result<String, LoadError> {
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
    resp.text().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        reason: e.to_string(),
    })
}

/// Fetches and parses the index.
pub async fn load_feed() -> Result<Rc<Feed>, LoadError> {
    let text = fetch_text(INDEX_PATH).await?;
    if text.trim_start().starts_with('<') {
        return Err(LoadError::WrongContent {
            url: INDEX_PATH.to_string(),
            expected: "the article index",
        });
    }
    let index: BundleIndex =
        serde_json::from_str(&text).map_err(|e| LoadError::BadIndex(e.to_string()))?;
    if index.version != INDEX_VERSION {
        return Err(LoadError::BadIndex(format!(
            "version {} but this app reads version {INDEX_VERSION}; reload the page",
            index.version
        )));
    }
    Ok(Rc::new(Feed::from_index(index)))
}

/// Fetches an article's source file and returns its markdown body. Checks that what
/// arrived really is an article file, since some servers answer any path with HTML.
pub async fn load_body(source: String) -> Result<String, LoadError> {
    let text = fetch_text(&source).await?;
    broadsheet_core::frontmatter::split(&text)
        .map(|s| s.body.to_string())
        .map_err(|_| LoadError::WrongContent {
            url: source,
            expected: "an article file",
        })
}

/// The shared app state: the feed resource, where the reader was in the feed, and
/// whether the problems notice was dismissed.
#[derive(Clone, Copy)]
pub struct FeedContext {
    /// The loaded feed.
    pub feed: LocalResource<Result<Rc<Feed>, LoadError>>,
    /// Query string of the last feed view (`""` or `?tag=…`) and its scroll offset, for
    /// "back to feed".
    pub last_feed: RwSignal<(String, f64)>,
    /// True once the reader dismissed the "could not be shown" notice.
    pub notice_dismissed: RwSignal<bool>,
}

impl FeedContext {
    /// Creates the context and provides it to the component tree.
    pub fn provide() {
        provide_context(FeedContext {
            feed: LocalResource::new(load_feed),
            last_feed: RwSignal::new((String::new(), 0.0)),
            notice_dismissed: RwSignal::new(false),
        });
    }

    /// The context provided by [`FeedContext::provide`].
    pub fn get() -> Self {
        expect_context::<FeedContext>()
    }
}
