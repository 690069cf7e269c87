//! Full-text search from static files, the Pagefind way.
//!
//! At build time [`build_index`] tokenises every article (title, description, tags,
//! category, source name and the markdown body as plain text) and writes an inverted
//! index split into *shards* by token prefix: a token's shard is a hash of its first two
//! characters (three after the Arabic article `ال`), bucketed into [`Manifest::buckets`]
//! shards. The browser first fetches the small [`Manifest`] (documents and shard names),
//! then only the shards its query words need ([`Manifest::shards_for`]), and ranks the
//! documents with [`Manifest::search`].
//!
//! Tokens are lowercase and diacritic-folded (`Energía` and `energia` are one token;
//! Arabic harakat and tatweel are dropped, alef forms unified), split on anything that is
//! not a letter or digit in any script; Han and kana characters are one token each.
//!
//! Ranking: every query word must match (AND). A word scores the field-weighted count of
//! its best-matching token times that token's rarity (IDF); a title hit outweighs any
//! amount of body text ([`TITLE`] > [`BODY_CAP`] × [`BODY`]). The last word of a query
//! also matches as a prefix (search as you type), a little below an exact match. Newer
//! articles get a bounded boost, and exact ties go to the newer article.
//!
//! Files by responsibility: `tokenize.rs` (folding and words, shared by building and
//! querying), `format.rs` (the manifest and shard files and how tokens map to shards),
//! `index.rs` (building and weighting), `query.rs` (parsing, matching, ranking,
//! highlighting); `tests.rs` runs built indexes through queries.

mod format;
mod index;
mod query;
#[cfg(test)]
mod tests;
mod tokenize;

pub use format::{
    shard_from_json, shard_name, shard_path, DocMeta, Manifest, SearchIndex, Shard, MANIFEST_PATH,
    SEARCH_DIR, SEARCH_VERSION,
};
pub use index::{
    build_index, doc_tokens, index_articles, DocText, DocTokens, IndexBuilder, BODY, BODY_CAP,
    DESCRIPTION, SOURCE, TAGS, TITLE,
};
pub use query::{highlight, parse_query, Hit, QueryWord, MAX_QUERY_WORDS};
pub use tokenize::{fold, for_each_word, tokenize, words, MAX_TOKEN_CHARS};
