//! Writing `data/`: the summary, every list's head and numbered pages, each article's
//! source and related reading, the id buckets and the search index.
//!
//! Each file is made only when what it is made of changed: its path is given a key, the
//! hash of its inputs, and a file the last build wrote from the same key is kept without
//! making its bytes ([`unchanged_since`]). The keys, per kind:
//!
//! - a list page: its entries (slug, fallback id, front-matter text); a head: every entry
//!   of its list, since its overview counts them all;
//! - a source: the file's bytes;
//! - related reading and neighbours: the article's own *fingerprint* (what a link to it
//!   shows and what ranking reads: slug, title, language, source, category, tags, dates,
//!   pin), its neighbours' fingerprints, and per candidate window
//!   ([`RelatedIndex::windows`]) the sum of its articles' fingerprints: ranking reads
//!   nothing else, so an article whose windows hold the same articles has the same
//!   related reading;
//! - an id bucket: its (id, slug) pairs.
//!
//! Every key also hashes the xtask executable's stamp, so a new build of the tool makes
//! every file again (and writes only those whose bytes differ).

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

use broadsheet_core::bundle::{
    article_path, sidecar_path, Bundle, ListFile, Paging, META_PATH, RELATED_LIMIT,
};
use broadsheet_core::search;
use rayon::prelude::*;

use crate::articles::Built;
use crate::keys::Key;
use crate::out_files::{all_unchanged_since, unchanged_since, write_if_changed, write_keyed};
use crate::progress::Steps;
use crate::search_cache;
use crate::util::{to_json, tool_stamp, Error, Result};

/// Writes `site/data/feed/` (summary, and each list's head and numbered pages),
/// `site/data/articles/` (sources and related links), `site/data/ids/` (buckets of id ->
/// current slug) and `site/data/search/`, making only the files whose inputs changed
/// (see the module docs). Each part runs in parallel over its files; `steps` times the
/// parts. Returns each article's related-reading key, which its page's key includes.
pub fn write(built: &Built, site: &Path, steps: &mut Steps) -> Result<Vec<u128>> {
    let keys = write_lists_and_articles(built, site, steps)?;
    steps.run("ids", || write_ids(built, site))?;
    steps.run("search", || write_search(built, site))?;
    Ok(keys)
}

/// Writes the id buckets (`site/data/ids/`), each only when its (id, slug) pairs changed.
pub fn write_ids(built: &Built, site: &Path) -> Result {
    let salt = tool_stamp();
    for (path, bucket) in built.bundle.id_buckets() {
        let mut key = Key::new(&salt);
        for (part, slug) in &bucket {
            key = key.bytes(part.as_bytes()).bytes(slug.as_bytes());
        }
        let (key, file) = (key.finish(), site.join(&path));
        if !unchanged_since(&file, key) {
            write_keyed(&file, key, &to_json(&path, &bucket)?)?;
        }
    }
    Ok(())
}

/// [`write`] without the id buckets ([`write_ids`]) and the search index
/// ([`write_search`]), which depend on nothing else written here, so `dist` writes them
/// on another thread meanwhile.
pub fn write_lists_and_articles(
    built: &Built,
    site: &Path,
    steps: &mut Steps,
) -> Result<Vec<u128>> {
    let bundle = &built.bundle;
    let salt = tool_stamp();
    write_if_changed(&site.join(META_PATH), &to_json(META_PATH, &bundle.meta)?)?;
    steps.run("lists", || -> Result {
        // An entry is its slug, its file's name and its front-matter, which the hash of
        // the file's bytes stands for (not 90 MB of front-matter hashed again per build).
        let entry_keys: Vec<u128> = bundle
            .entries
            .par_iter()
            .zip(&built.files)
            .map(|(e, file)| {
                Key::new(&salt)
                    .bytes(e.slug.as_bytes())
                    .bytes(e.fallback_id.as_bytes())
                    .u128(file.hash)
                    .finish()
            })
            .collect();
        // Each entry encoded once, when a page to write first needs it: an article is in
        // half a dozen lists, and a build that shifts pages rewrites thousands of them.
        let encoded: Vec<OnceLock<Vec<u8>>> =
            (0..bundle.entries.len()).map(|_| OnceLock::new()).collect();
        let encoded_entry = |i: usize| -> serde_json::Result<&[u8]> {
            if let Some(bytes) = encoded[i].get() {
                return Ok(bytes);
            }
            let bytes = serde_json::to_vec(&bundle.entries[i])?;
            Ok(encoded[i].get_or_init(|| bytes))
        };
        bundle
            .list_members()
            .into_par_iter()
            .try_for_each(|(dir, members)| {
                let paging = Paging::of(members.len());
                let files =
                    std::iter::once(ListFile::Head).chain((0..paging.pages).map(ListFile::Page));
                for file in files {
                    let range = match file {
                        ListFile::Head => 0..members.len(),
                        page => paging.range(page),
                    };
                    let mut key = Key::new(&salt)
                        .bytes(dir.as_bytes())
                        .u128(range.len() as u128);
                    for &i in &members[range.clone()] {
                        key = key.u128(entry_keys[i]);
                    }
                    let key = key.finish();
                    let path = site.join(file.path(&dir));
                    if unchanged_since(&path, key) {
                        continue;
                    }
                    let json = match file {
                        ListFile::Head => bundle.list_file_json(&members, file),
                        ListFile::Page(_) => members[range]
                            .iter()
                            .map(|&i| encoded_entry(i))
                            .collect::<std::result::Result<Vec<&[u8]>, _>>()
                            .map(Bundle::page_json_of),
                    }
                    .map_err(|source| Error::Json {
                        what: file.path(&dir),
                        source,
                    })?;
                    write_keyed(&path, key, &json)?;
                }
                Ok(())
            })
    })?;
    let keys = steps.run("related", || related(built, site, &salt))?;
    steps.run("sources", || {
        (0..bundle.articles.len())
            .into_par_iter()
            .try_for_each(|i| -> Result {
                let path = site.join(article_path(&bundle.articles[i].0.slug));
                let key = Key::new(&salt).u128(built.files[i].hash).finish();
                if !unchanged_since(&path, key) {
                    write_keyed(&path, key, built.text(i)?.as_bytes())?;
                }
                Ok(())
            })
    })?;
    Ok(keys)
}

/// Writes each article's related reading and neighbours (`data/articles/<slug>.json`)
/// whose key changed; returns every article's key.
fn related(built: &Built, site: &Path, salt: &str) -> Result<Vec<u128>> {
    let bundle = &built.bundle;
    let index = bundle.related_index();
    let prints: Vec<u128> = built.files.iter().map(|f| f.print).collect();
    // Per list of the index, the running sums of its articles' prints: a window's sum is
    // then the difference of two of them (wrapping, so equal to the sum of its prints),
    // not 200 prints gathered from all over the corpus for each window of each article.
    let prefix: Vec<Vec<u128>> = index
        .lists()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|list| {
            let mut sums = Vec::with_capacity(list.len() + 1);
            let mut sum = 0u128;
            sums.push(sum);
            for &j in *list {
                sum = sum.wrapping_add(prints[j]);
                sums.push(sum);
            }
            sums
        })
        .collect();
    let n = bundle.articles.len();
    (0..n)
        .into_par_iter()
        .map_init(
            || None,
            |scratch, i| -> Result<u128> {
                let print = |j: Option<usize>| j.map_or(0, |j| prints[j]);
                let mut key = Key::new(salt)
                    .u128(prints[i])
                    .bytes(bundle.entries[i].fallback_id.as_bytes())
                    .u128(print(i.checked_sub(1)))
                    .u128(print(Some(i + 1).filter(|&j| j < n)));
                for (list, range) in index.window_ranges(i) {
                    let sums = &prefix[list];
                    let sum = sums[range.end].wrapping_sub(sums[range.start]);
                    key = key.u128(range.len() as u128).u128(sum);
                }
                let key = key.finish();
                let path = site.join(sidecar_path(&bundle.articles[i].0.slug));
                if !unchanged_since(&path, key) {
                    let scratch = scratch.get_or_insert_with(|| index.scratch());
                    let (rel, links) =
                        bundle.sidecar(i, &index.related_with(i, RELATED_LIMIT, scratch));
                    write_keyed(&path, key, &to_json(&rel, &links)?)?;
                }
                Ok(key)
            },
        )
        .collect()
}
/// Articles tokenised per batch: the batch's token lists are merged into the index before
/// the next batch, so they never all sit in memory at once.
const SEARCH_BATCH: usize = 4096;

/// One article's tokens: from the last build's cache (in its vocabulary) or just made.
enum Tokens<'a> {
    Cached(&'a [(u32, u32)]),
    Fresh(search::DocTokens),
}

/// A document's tokens as (id, weight): the cache's own, or made by this build.
type DocIds<'c> = Cow<'c, [(u32, u32)]>;

/// Below this many documents to tokenise, a batch is tokenised on the calling thread.
const SEARCH_PARALLEL_FROM: usize = 16;

/// The tokens of the documents `batch` (indices in feed order), each with its key: from
/// the cache, or made. Only the documents the cache does not hold are tokenised, in
/// parallel when there are enough of them: looking up the others is too little work for
/// the thread pool, whose threads are busy with the rest of the build meanwhile (waiting
/// for them was 0.4 s of an incremental build at 100,000 articles).
fn batch_tokens<'c>(
    built: &Built,
    cache: &'c search_cache::Cache,
    batch: &[usize],
) -> Result<Vec<(u128, Tokens<'c>)>> {
    let fresh = |i: usize| -> Result<(u128, Tokens<'c>)> {
        let body = built.body(i)?;
        let doc = search::DocText::of(&built.bundle.articles[i].0, &body);
        Ok((
            search_cache::doc_key(&doc),
            Tokens::Fresh(search::doc_tokens(&doc)),
        ))
    };
    // The key the parse kept; the body is read only for a document the cache does not
    // hold.
    let cached = |i: usize| {
        let key = built.files[i].doc_key;
        cache.get(key).map(|tokens| (key, Tokens::Cached(tokens)))
    };
    let missing = batch.iter().filter(|&&i| cached(i).is_none()).count();
    if missing < SEARCH_PARALLEL_FROM {
        return batch
            .iter()
            .map(|&i| cached(i).map_or_else(|| fresh(i), Ok))
            .collect();
    }
    batch
        .par_iter()
        .map(|&i| cached(i).map_or_else(|| fresh(i), Ok))
        .collect()
}

/// Writes the full-text index: `site/data/search/manifest.json` and one file per shard,
/// removing shards a previous build left behind. Articles whose searchable text the
/// last build into `site` already tokenised take their tokens from its cache
/// ([`search_cache`]); the others are tokenised in parallel, a batch at a time; all are
/// merged in feed order.
pub fn write_search(built: &Built, site: &Path) -> Result {
    let bundle = &built.bundle;
    // Most builds change no searchable text: then the last build's files are this one's,
    // and neither its cache (0.1 s to load at 100,000 articles) nor the index (0.3 s) is
    // made again.
    let index_key = search_cache::index_key(built.files.iter().map(|file| file.doc_key));
    if let Some((key, shards)) = search_cache::last_index(site) {
        let mut paths = vec![site.join(search::MANIFEST_PATH)];
        paths.extend(shards.iter().map(|n| site.join(search::shard_path(n))));
        if key == index_key && all_unchanged_since(&paths, index_key) {
            remove_other_shards(site, &shards);
            return Ok(());
        }
    }
    let cache = search_cache::Cache::load(site);
    let mut builder = search::IndexBuilder::default();
    // The cache's token ids in the builder's numbering.
    let from_cache: Vec<u32> = cache.vocab.iter().map(|t| builder.token_id(t)).collect();
    // Always so (the builder starts empty and the vocabulary has no repeats), checked: a
    // cached document's tokens are then taken as they are, not copied.
    let same_ids = from_cache
        .iter()
        .enumerate()
        .all(|(i, &id)| id as usize == i);
    let mut kept: Vec<(u128, DocIds)> = Vec::with_capacity(bundle.articles.len());
    let mut fresh = 0;
    let indices: Vec<usize> = (0..bundle.articles.len()).collect();
    for batch in indices.chunks(SEARCH_BATCH) {
        let docs = batch_tokens(built, &cache, batch)?;
        for (&i, (key, tokens)) in batch.iter().zip(docs) {
            let a = &bundle.articles[i].0;
            let ids = match tokens {
                Tokens::Cached(tokens) => {
                    let ids = if same_ids {
                        Cow::Borrowed(tokens)
                    } else {
                        Cow::Owned(
                            tokens
                                .iter()
                                .map(|&(id, w)| (from_cache[id as usize], w))
                                .collect(),
                        )
                    };
                    let meta = search::DocMeta {
                        slug: a.slug.clone(),
                        published_at: a.published_at,
                    };
                    builder.add_ids(meta, &ids);
                    ids
                }
                Tokens::Fresh(doc) => {
                    fresh += 1;
                    Cow::Owned(builder.add(doc))
                }
            };
            kept.push((key, ids));
        }
    }
    if fresh > 0 || kept.len() != cache.len() {
        let docs: Vec<(u128, &[(u32, u32)])> = kept.iter().map(|(k, ids)| (*k, &ids[..])).collect();
        search_cache::Cache::save(site, builder.tokens(), &docs)?;
    }
    drop(kept);
    drop(cache);
    let index = builder.finish();
    let manifest = to_json(search::MANIFEST_PATH, &index.manifest)?;
    write_keyed(&site.join(search::MANIFEST_PATH), index_key, &manifest)?;
    index.shards.par_iter().try_for_each(|(name, shard)| {
        let path = search::shard_path(name);
        write_keyed(&site.join(&path), index_key, &to_json(&path, shard)?)
    })?;
    remove_other_shards(site, &index.manifest.shards);
    search_cache::save_index(site, index_key, &index.manifest.shards)
}

/// Removes the files of the search folder that are neither the manifest nor one of
/// `shards`: what a previous build left behind.
fn remove_other_shards(site: &Path, shards: &[String]) {
    let keep = |file: &str| {
        file == "manifest.json"
            || file
                .strip_suffix(".json")
                .is_some_and(|n| shards.iter().any(|s| s == n))
    };
    if let Ok(entries) = std::fs::read_dir(site.join(search::SEARCH_DIR)) {
        for entry in entries.flatten() {
            if !keep(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
