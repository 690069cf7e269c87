//! Broadsheet's pure logic, shared by the browser app and the build tool.
//!
//! Nothing here knows about Leptos, the DOM or the network, so every rule about what an
//! article *is* (front-matter split, model and defaults, slugs, safe markdown, feed order
//! and filters, the bundle format) is tested natively and behaves byte for byte the same
//! in Wasm and in `cargo xtask`.
//!
//! Reading an article file (front-matter, model, slugs, URLs, markdown) lives in
//! `broadsheet-article`, re-exported here module by module.

pub use broadsheet_article::{
    date, error, frontmatter, limits, markdown, model, slug, url, yaml_subset,
};

pub mod bundle;
pub mod card;
pub mod chart;
pub mod facet_link;
pub mod feed;
pub mod reader_state;
pub mod related;
pub mod search;
pub mod stats;

pub use error::{ArticleError, Report};
pub use feed::FeedFilter;
pub use model::{Article, Sentiment};
