//! Broadsheet's pure logic, shared by the browser app and the build tool.
//!
//! Nothing here knows about Leptos, the DOM or the network, so every rule about what an
//! article *is* (front-matter split, model and defaults, slugs, safe markdown, feed order
//! and filters, the bundle format) is tested natively and behaves byte for byte the same
//! in Wasm and in `cargo xtask`.

pub mod bundle;
pub mod card;
pub mod chart;
pub mod date;
pub mod error;
pub mod facet_link;
pub mod feed;
pub mod frontmatter;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod reader_state;
pub mod related;
pub mod search;
pub mod slug;
pub mod stats;
pub mod url;
pub mod yaml_subset;

pub use error::{ArticleError, Report};
pub use feed::FeedFilter;
pub use model::{Article, Sentiment};
