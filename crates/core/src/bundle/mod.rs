//! The bundle the app fetches, built from the files of `content/`: small newest-first
//! pages of raw front-matter, the same pages per facet value, and one source file per
//! article with its related reading beside it.
//!
//! Pages carry each article's front-matter *text*, not parsed fields, so the app parses
//! it in Wasm with the same code the bundler used to validate it. What the app needs
//! before the first cards is [`META_PATH`] plus the first page of one list, whatever the
//! size of the archive. A filter fetches the list of its facet value (`tag`, `sentiment`,
//! `category`, `source`, `day`), never the whole corpus; further pages arrive as the
//! reader scrolls. An article's body is fetched when the article is opened.
//!
//! `layout.rs` says what the files are and where they go (the format the app reads);
//! `build.rs` reads the content folder's files into a [`Bundle`].

mod build;
mod layout;

pub use build::{build, file_stem, guess_slug, read_file, Bundle};
pub use layout::{
    article_path, id_candidates, id_path, list_dir, page_path, path_key, sidecar_path, ArticleLink,
    ArticleSidecar, FeedMeta, IndexEntry, ListPage, ALL_LIST, BUNDLE_VERSION, META_PATH, PAGE_SIZE,
    RELATED_LIMIT,
};
