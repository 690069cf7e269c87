//! Reading one article file: the front-matter split and parse, the article model and
//! its defaults, slugs, the URL policy, and markdown to safe HTML.
//!
//! `broadsheet-core` re-exports every module here under its own name, so the app and
//! `cargo xtask` see one core. It is a crate of its own for its build profile: this is
//! the code whose speed the parse benchmarks measure, and the release build compiles it
//! for speed while the rest of the app's Wasm is compiled for size (`Cargo.toml`).

pub mod date;
pub mod error;
pub mod frontmatter;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod slug;
pub mod url;
pub mod yaml_subset;

pub use error::{ArticleError, Report};
pub use model::{Article, Sentiment};
