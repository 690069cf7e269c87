//! The bundle the app fetches, built from the files of `content/`: lists of raw
//! front-matter (every article, and one list per facet value), each a head of the newest
//! entries plus full pages numbered from the oldest end (`paging.rs`), so a new article
//! rewrites few files; one source file per article with its related reading beside it;
//! and the id buckets that let an old link find an article's current slug.
//!
//! Pages carry each article's front-matter *text*, not parsed fields, so the app parses
//! it in Wasm with the same code the bundler used to validate it. What the app needs
//! before the first cards is [`META_PATH`] plus the head of one list, whatever the
//! size of the archive. A filter fetches the list of its facet value (`tag`, `sentiment`,
//! `category`, `source`, `day`), never the whole corpus; further pages arrive as the
//! reader scrolls. An article's body is fetched when the article is opened.
//!
//! `layout.rs` says what the files are and where they go (the format the app reads);
//! `paging.rs` how a list is cut into files; `read.rs` reads one file; `build.rs` puts
//! the files read into a [`Bundle`].

mod assemble;
mod build;
mod from_json;
mod layout;
mod paging;
mod read;

pub use assemble::{assemble, assemble_with_origins, build, Bundle, ReadOutcome};
pub use build::{BuiltList, ListFileData};
pub use from_json::id_bucket_from_json;
pub use layout::{
    article_path, head_path, id_bucket, id_candidates, id_path, list_dir, page_path, path_key,
    sidecar_path, ArticleLink, ArticleSidecar, FeedMeta, IdBucket, IndexEntry, ListHead, ListPage,
    ALL_LIST, BUNDLE_VERSION, ID_BUCKETS, META_PATH, PAGE_SIZE, RELATED_LIMIT,
};
pub use paging::{chunk_list, ListFile, Paging};
pub use read::{file_stem, guess_slug, read_file, read_one, ReadFile, Source};
