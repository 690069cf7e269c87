//! Broadsheet's pure logic, shared by the browser app and the build tool.
//!
//! Nothing here knows about Leptos, the DOM or the network, so every rule about what an
//! article *is* (front-matter split, model and defaults, slugs, safe markdown, feed order
//! and filters, the bundle format) is tested natively and behaves byte for byte the same
//! in Wasm and in `cargo xtask`.
//!
//! Reading an article file (front-matter, model, slugs, URLs, markdown) lives in
//! `broadsheet-article`. This crate re-exports what its callers use of it: the article
//! types and errors at the root, and the modules whose functions are called by name
//! ([`date`], [`frontmatter`], [`limits`], [`markdown`]). Its own modules: [`feed`]
//! (order, filters, facets), [`feed_links`] (where the subscription feeds live), [`bundle`] (the data files), [`search`], [`stats`],
//! [`related`], [`reader_state`], and the HTML both the app and the prerendered pages
//! show, [`markup`].

pub use broadsheet_article::{date, frontmatter, limits, markdown};
pub use broadsheet_article::{
    title_case, Article, ArticleError, Cover, Report, Sentiment, TextDirection,
};

pub mod bundle;
pub mod feed;
pub mod feed_links;
pub mod i18n;
pub mod json;
pub mod markup;
pub mod page_script;
pub mod reader_state;
pub mod related;
pub mod search;
pub mod site;
pub mod stats;

pub use feed::{Facet, FeedFilter};
