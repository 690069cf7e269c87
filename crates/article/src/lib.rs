//! Reading one article file: the front-matter split and parse, the article model and
//! its defaults, slugs, the URL policy, and markdown to safe HTML.
//!
//! `broadsheet-core` re-exports the parts the app and `cargo xtask` use, so they see one
//! core. It is a crate of its own for its build profile: this is the code whose speed
//! the parse benchmarks measure, and the release build compiles it for speed while the
//! rest of the app's Wasm is compiled for size (`Cargo.toml`).
//!
//! Public API: [`Article`] and its parts at the root, read with
//! [`Article::from_front_matter`] / [`Article::from_file`] ([`frontmatter`]); errors as
//! [`ArticleError`] and [`Report`]; and the modules [`date`], [`fold`], [`limits`],
//! [`markdown`], [`slug`] and [`url`], whose free functions and constants are used by
//! name. The model and the error type live in private modules and are re-exported here.
//!
//! Module dependencies run one way (no two files import each other): `frontmatter`'s
//! entry points use `model`, which validates the raw types of `frontmatter/raw.rs` with
//! `date`, `slug`, `url` and `limits`; `markdown` uses `slug` and `url`; `slug` uses
//! `fold`.

pub mod case;
pub mod date;
mod error;
pub mod fold;
pub mod frontmatter;
pub mod limits;
pub mod markdown;
mod model;
pub mod slug;
pub mod url;

pub use error::{quoted, ArticleError, Report};
pub use model::{title_case, Article, Cover, Sentiment, Source, TextDirection};
