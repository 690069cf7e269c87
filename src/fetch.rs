//! Fetching the bundle's files: HTTP, decoding and version checks, and [`LoadError`],
//! what every load in the app fails with.
//!
//! The bottom layer of data loading: it uses nothing else in this crate, so the loaders
//! (`data`, `search`) and the split points (`split`) can all build on it without
//! importing each other.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use broadsheet_core::json::JsonError;
use broadsheet_core::{ArticleError, Report};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use thiserror::Error;

/// Why data could not be loaded. Each variant names what failed (the URL), so the
/// message a reader sees says which file it was and why.
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
    /// A JSON data file (a page of the feed, the site summary, the search index…) did
    /// not decode.
    #[error("{url} is unreadable: {reason}")]
    BadJson {
        /// The file.
        url: String,
        /// What was wrong, and where.
        reason: String,
    },
    /// A data file was written for another version of the app: a deploy happened since
    /// this page was loaded, and reloading starts the matching build.
    #[error("{url} is version {found} but this app reads version {expected}; reload the page")]
    WrongVersion {
        /// The file.
        url: String,
        /// The version the file declares.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// An article's own file was fetched but is not a readable article. Shown as its
    /// `file:line: reason` report, as the problems notice shows build-time rejections.
    #[error("the article could not be read: {}", Report::from_error(.url, .error))]
    BadArticle {
        /// The article's file.
        url: String,
        /// What is wrong with it.
        error: ArticleError,
    },
    /// A part of the app's own code (a split module) could not be fetched.
    #[error("a part of this app did not load; check the connection")]
    Code,
}

impl LoadError {
    /// The message key of what a reader is told (`errors.*`): the variant's English text
    /// above stays as the technical detail shown under it.
    pub fn message_key(&self) -> &'static str {
        match self {
            LoadError::Network { .. } | LoadError::Status { .. } => "errors.unreachable",
            LoadError::WrongContent { .. }
            | LoadError::BadJson { .. }
            | LoadError::BadArticle { .. } => "errors.bad_data",
            LoadError::WrongVersion { .. } => "errors.outdated",
            LoadError::Code => "errors.module",
        }
    }
}

/// True when a data file's bytes are an HTML page (a host's fallback for a missing file).
pub(crate) fn is_html(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"<")
}

/// Fetches and decodes a JSON file of the bundle. A dev server's `index.html` answer
/// for a missing file is reported as such, not as a JSON syntax error.
pub(crate) async fn fetch_json<T>(
    url: &str,
    expected: &'static str,
    read: fn(&str) -> Result<T, JsonError>,
) -> Result<T, LoadError> {
    let bytes = fetch_data(url, expected).await?;
    decode_json(url, &bytes, read)
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

/// Reads the JSON data file fetched from `url` with `read` (a type's `from_json`: the
/// core's reader, not serde_json, which was 6 % of this file's code).
pub(crate) fn decode_json<T>(
    url: &str,
    bytes: &[u8],
    read: fn(&str) -> Result<T, JsonError>,
) -> Result<T, LoadError> {
    let bad = |reason: String| LoadError::BadJson {
        url: url.to_string(),
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|_| bad("not UTF-8".to_string()))?;
    read(text).map_err(|e| bad(e.to_string()))
}

/// Checks that the file at `url`, which declares format version `found`, is the
/// `expected` one this build reads.
pub(crate) fn check_version(url: &str, found: u32, expected: u32) -> Result<(), LoadError> {
    if found == expected {
        Ok(())
    } else {
        Err(LoadError::WrongVersion {
            url: url.to_string(),
            found,
            expected,
        })
    }
}

/// Fetches `url` as UTF-8 text.
pub(crate) async fn fetch_text(url: &str) -> Result<String, LoadError> {
    String::from_utf8(fetch_bytes(url).await?).map_err(|_| LoadError::WrongContent {
        url: url.to_string(),
        expected: "UTF-8 text",
    })
}

/// A request on its way, awaited by everyone who asks for its URL meanwhile.
type InFlight = Shared<LocalBoxFuture<'static, Result<Rc<[u8]>, LoadError>>>;

thread_local! {
    /// Requests on their way, by URL: the page's first data is asked for while the
    /// site's description loads, and again by the route once the app is mounted; the
    /// second ask joins the first instead of fetching the file twice.
    static IN_FLIGHT: RefCell<HashMap<String, InFlight>> = RefCell::default();
}

/// Fetches `url` as bytes. Everything the app reads goes through here: the bytes are
/// copied into Wasm as they are, where a JS string would be re-encoded from UTF-16
/// (measured: 10 ms per 7 MB, as long as parsing their front-matter).
pub(crate) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let request = IN_FLIGHT.with_borrow_mut(|m| {
        m.entry(url.to_string())
            .or_insert_with(|| request(url.to_string()).boxed_local().shared())
            .clone()
    });
    let result = request.await;
    // Done: a later ask (a retry, a reload of the data) fetches again.
    IN_FLIGHT.with_borrow_mut(|m| m.remove(url));
    result.map(|bytes| bytes.to_vec())
}

/// One GET of `url`.
async fn request(url: String) -> Result<Rc<[u8]>, LoadError> {
    let url = url.as_str();
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
    resp.binary()
        .await
        .map(Rc::from)
        .map_err(|e| LoadError::Network {
            url: url.to_string(),
            reason: e.to_string(),
        })
}
