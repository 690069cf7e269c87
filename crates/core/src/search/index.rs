//! Building the index: every field of every article tokenised, weighted and capped, then
//! spread over as many shards as the corpus needs.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use broadsheet_article::markdown::plain_text;
use broadsheet_article::Article;

use crate::bundle::Source;
use crate::search::format::{shard_name, DocMeta, Manifest, SearchIndex, Shard, SEARCH_VERSION};
use crate::search::tokenize::{for_each_word, indexable};

/// Weight of one title occurrence.
pub const TITLE: u32 = 24;
/// Weight of one tag occurrence.
pub const TAGS: u32 = 8;
/// Weight of a description occurrence.
pub const DESCRIPTION: u32 = 6;
/// Weight of a source-name or category occurrence.
pub const SOURCE: u32 = 3;
/// Weight of one body occurrence.
pub const BODY: u32 = 1;
/// Body occurrences counted at most (so no body outweighs a title hit).
pub const BODY_CAP: u32 = 12;
/// Occurrences counted at most in the title, tags and description (the category and the
/// source name count once).
const FIELD_CAP: u32 = 3;
/// Aim for shards of about this many bytes of JSON.
const TARGET_SHARD_BYTES: usize = 2048;
/// Bounds of the shard count.
pub(super) const MIN_BUCKETS: u32 = 16;
pub(super) const MAX_BUCKETS: u32 = 256;

/// What one document contributes to the index.
#[derive(Debug, Clone, Default)]
pub struct DocText<'a> {
    /// Slug (what a hit returns).
    pub slug: &'a str,
    /// Unix ms of publication.
    pub published_at: i64,
    /// Headline.
    pub title: &'a str,
    /// Summary.
    pub description: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// Category key.
    pub category: &'a str,
    /// Source name.
    pub source: &'a str,
    /// Markdown body.
    pub body: &'a str,
}

impl<'a> DocText<'a> {
    /// The searchable text of an article and its markdown body.
    pub fn of(article: &'a Article, body: &'a str) -> Self {
        DocText {
            slug: &article.slug,
            published_at: article.published_at,
            title: &article.title,
            description: &article.description,
            tags: &article.tags,
            category: &article.category,
            source: &article.source.name,
            body,
        }
    }
}

/// What one document puts in the index: its manifest entry and its tokens with their
/// weights (each token once, in no particular order). Pure and independent per document
/// ([`doc_tokens`]), so a build tool can tokenise documents in parallel and add them to an
/// [`IndexBuilder`] in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTokens {
    /// The manifest entry.
    pub meta: DocMeta,
    /// (token, weight).
    pub tokens: Vec<(String, u32)>,
}

/// Adds one occurrence of each indexable token of `text` to `counts`.
fn count_tokens(text: &str, counts: &mut HashMap<String, u32>) {
    for_each_word(text, |_, w| {
        if !indexable(w) {
            return;
        }
        match counts.get_mut(w) {
            Some(n) => *n += 1,
            None => {
                counts.insert(w.to_string(), 1);
            }
        }
    });
}

/// Tokenises and weighs one document.
pub fn doc_tokens(doc: &DocText<'_>) -> DocTokens {
    let body = plain_text(doc.body);
    let tags = doc.tags.join(" ");
    let fields: [(&str, u32, u32); 6] = [
        (doc.title, TITLE, FIELD_CAP),
        (&tags, TAGS, FIELD_CAP),
        (doc.description, DESCRIPTION, FIELD_CAP),
        (doc.category, SOURCE, 1),
        (doc.source, SOURCE, 1),
        (&body, BODY, BODY_CAP),
    ];
    let mut weights: HashMap<String, u32> = HashMap::default();
    let mut counts: HashMap<String, u32> = HashMap::default();
    for (text, weight, cap) in fields {
        count_tokens(text, &mut counts);
        for (t, count) in counts.drain() {
            *weights.entry(t).or_default() += weight * count.min(cap);
        }
    }
    DocTokens {
        meta: DocMeta {
            slug: doc.slug.to_string(),
            published_at: doc.published_at,
        },
        tokens: weights.into_iter().collect(),
    }
}

/// The index being built: documents added in order ([`IndexBuilder::add`]), then cut into
/// shards ([`IndexBuilder::finish`]). Tokens are interned: a build tool that keeps
/// documents' tokens between builds can add them by id ([`IndexBuilder::token_id`],
/// [`IndexBuilder::add_ids`]).
#[derive(Debug, Clone, Default)]
pub struct IndexBuilder {
    metas: Vec<DocMeta>,
    // token -> id, and id -> token.
    ids: HashMap<String, u32>,
    tokens: Vec<String>,
    // id -> flat postings [doc, weight, …], docs ascending (they are added in order).
    postings: Vec<Vec<u32>>,
}

impl IndexBuilder {
    /// The id of `token` (the same for every call with the same token).
    pub fn token_id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.tokens.len() as u32;
        self.ids.insert(token.to_string(), id);
        self.tokens.push(token.to_string());
        self.postings.push(Vec::new());
        id
    }

    /// Every token by id ([`IndexBuilder::token_id`]).
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// Adds the next document; document numbers follow the order of the calls. Returns
    /// its tokens as (id, weight).
    pub fn add(&mut self, doc: DocTokens) -> Vec<(u32, u32)> {
        let ids: Vec<(u32, u32)> = doc
            .tokens
            .iter()
            .map(|(t, w)| (self.token_id(t), *w))
            .collect();
        self.add_ids(doc.meta, &ids);
        ids
    }

    /// Adds the next document given its tokens as (id, weight), each id once.
    pub fn add_ids(&mut self, meta: DocMeta, tokens: &[(u32, u32)]) {
        let n = self.metas.len() as u32;
        self.metas.push(meta);
        for &(id, w) in tokens {
            self.postings[id as usize].extend([n, w]);
        }
    }

    /// The finished index.
    pub fn finish(self) -> SearchIndex {
        // Tokens no document used (interned ahead by a caller) are not in the index.
        let postings: Vec<(String, Vec<u32>)> = self
            .tokens
            .into_iter()
            .zip(self.postings)
            .filter(|(_, p)| !p.is_empty())
            .collect();
        // Size estimate: the token, quotes, colon, comma, and ~6 bytes per posting pair.
        let bytes: usize = postings
            .iter()
            .map(|(t, p)| t.len() + 4 + p.len() / 2 * 6)
            .sum();
        let buckets = (bytes / TARGET_SHARD_BYTES)
            .max(1)
            .next_power_of_two()
            .clamp(MIN_BUCKETS as usize, MAX_BUCKETS as usize) as u32;
        let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
        for (token, flat) in postings {
            shards
                .entry(shard_name(&token, buckets))
                .or_default()
                .insert(token, flat);
        }
        SearchIndex {
            manifest: Manifest {
                version: SEARCH_VERSION,
                buckets,
                docs: self.metas,
                shards: shards.keys().cloned().collect(),
            },
            shards: shards.into_iter().collect(),
        }
    }
}

/// Builds the index of `docs`; document numbers follow their order.
pub fn build_index<'a>(docs: impl IntoIterator<Item = DocText<'a>>) -> SearchIndex {
    let mut builder = IndexBuilder::default();
    for doc in docs {
        builder.add(doc_tokens(&doc));
    }
    builder.finish()
}

/// Builds the index of a bundle's articles and their sources, in feed order (sources
/// held whole, as [`crate::bundle::read_one`] reads them; a body not held counts as
/// empty).
pub fn index_articles(articles: &[(Article, Source)]) -> SearchIndex {
    build_index(
        articles
            .iter()
            .map(|(a, s)| DocText::of(a, s.body().unwrap_or_default())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenize::tokenize;

    #[test]
    fn documents_added_by_id_build_the_same_index() {
        let tags = ["Grid".to_string()];
        let docs = [
            DocText {
                slug: "a",
                title: "Grid power",
                tags: &tags,
                body: "Power *grid* news",
                ..Default::default()
            },
            DocText {
                slug: "b",
                title: "Other news",
                body: "grid",
                ..Default::default()
            },
        ];
        let want = build_index(docs.iter().cloned());
        let mut builder = IndexBuilder::default();
        // A token no document uses, interned ahead (as from an older cache).
        builder.token_id("unused");
        let first = builder.add(doc_tokens(&docs[0]));
        let again = doc_tokens(&docs[1]);
        let ids: Vec<(u32, u32)> = again
            .tokens
            .iter()
            .map(|(t, w)| (builder.token_id(t), *w))
            .collect();
        builder.add_ids(again.meta, &ids);
        assert_eq!(
            builder.tokens()[first[0].0 as usize],
            doc_tokens(&docs[0]).tokens[0].0
        );
        assert_eq!(builder.finish(), want);
    }

    #[test]
    fn markdown_bodies_become_plain_text() {
        let text = plain_text(
            "## Head\n\nSome **bold** [link](https://evil.example/secretword) `code`\n\n<div>rawhtml</div>\n\n![alt words](x.png)",
        );
        let tokens = tokenize(&text);
        for want in ["head", "bold", "link", "code", "alt", "words"] {
            assert!(tokens.contains(&want.to_string()), "{want} in {tokens:?}");
        }
        for not in ["secretword", "evil", "rawhtml", "div", "https"] {
            assert!(!tokens.contains(&not.to_string()), "{not} in {tokens:?}");
        }
    }
}
