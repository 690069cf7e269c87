//! Putting the files read into a bundle: bad files reported with `file:line: reason`,
//! duplicate ids and slugs left out (the first by name kept), drafts counted, the rest
//! in feed order ([`crate::feed::feed_order`]'s).

use std::cmp::Reverse;

use broadsheet_article::{Article, Report};

use crate::bundle::layout::{FeedMeta, IndexEntry, BUNDLE_VERSION, PAGE_SIZE};
use crate::bundle::read::{file_stem, read_one, ReadFile, Source};

/// A built bundle, ready to be written to disk.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The site summary.
    pub meta: FeedMeta,
    /// One entry per published article, in feed order.
    pub entries: Vec<IndexEntry>,
    /// The validated articles and their sources (held once), in feed order.
    pub articles: Vec<(Article, Source)>,
    /// How many drafts were left out.
    pub drafts: usize,
}

/// Builds the bundle from `(file name, bytes)` pairs. Bad files, duplicate ids and
/// duplicate slugs are reported and skipped; drafts are left out silently (counted).
pub fn build(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Bundle {
    assemble(
        files
            .into_iter()
            .map(|(name, bytes)| {
                let read = read_one(&name, bytes);
                (name, read)
            })
            .collect(),
    )
}

/// A file's name and what reading it gave.
pub type ReadOutcome = (String, Result<ReadFile, Report>);

/// Builds the bundle from files already read ([`read_one`], in any order): what
/// [`build`] does after reading. Files are taken in name order, so of two with the same
/// id or slug the first by name is kept.
pub fn assemble(files: Vec<ReadOutcome>) -> Bundle {
    assemble_with_origins(files).0
}

/// [`assemble`], also saying where each entry came from: the position in `files` of the
/// file of `entries[k]` is `origins[k]`. What lets a build tool find what else it knows
/// of an article's file without a map keyed by file name.
pub fn assemble_with_origins(files: Vec<ReadOutcome>) -> (Bundle, Vec<usize>) {
    let mut files: Vec<(usize, ReadOutcome)> = files.into_iter().enumerate().collect();
    files.sort_by(|a, b| a.1 .0.cmp(&b.1 .0));
    // (position in name order, report): put in that order at the end, as the files are.
    let mut rejected: Vec<(usize, Report)> = Vec::new();
    // (file, name, position in `files` as given, position in name order) of the
    // published articles, before duplicates are left out.
    let mut candidates: Vec<(ReadFile, String, usize, usize)> = Vec::with_capacity(files.len());
    let mut drafts = 0;
    for (at, (origin, (name, read))) in files.into_iter().enumerate() {
        match read {
            Err(report) => rejected.push((at, report)),
            Ok(file) if file.article.draft => drafts += 1,
            Ok(file) => candidates.push((file, name, origin, at)),
        }
    }
    // Of two articles with one id or slug, the first by name is kept. The maps borrow
    // the keys (Fx, not SipHash): copying 200,000 of them at 100,000 articles was most
    // of this step, which every build waits for.
    let mut kept = vec![true; candidates.len()];
    {
        let capacity = candidates.len();
        let mut ids: rustc_hash::FxHashMap<&str, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(capacity, Default::default());
        let mut slugs: rustc_hash::FxHashMap<&str, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(capacity, Default::default());
        for (k, (file, name, _, at)) in candidates.iter().enumerate() {
            let article = &file.article;
            let duplicate = if let Some(&other) = ids.get(article.id.as_str()) {
                Some(format!(
                    "duplicate id {:?}: already used by {}",
                    article.id, candidates[other].1
                ))
            } else if let Some(&other) = slugs.get(article.slug.as_str()) {
                Some(format!(
                    "duplicate slug {:?}: already used by {}",
                    article.slug, candidates[other].1
                ))
            } else {
                ids.insert(&article.id, k);
                slugs.insert(&article.slug, k);
                None
            };
            if let Some(reason) = duplicate {
                kept[k] = false;
                rejected.push((
                    *at,
                    Report {
                        file: name.clone(),
                        line: 0,
                        reason,
                        slug: None,
                    },
                ));
            }
        }
    }
    rejected.sort_by_key(|(at, _)| *at);
    let rejected: Vec<Report> = rejected.into_iter().map(|(_, report)| report).collect();
    // Slugs are unique among the kept articles, so the order is total. Positions are
    // sorted, by a compact copy of what [`feed_order`] compares (the articles themselves
    // are several hundred bytes each, scattered: a comparison read two of them).
    let mut order: Vec<(Reverse<i64>, Reverse<i64>, &str, usize)> = candidates
        .iter()
        .enumerate()
        .filter(|(k, _)| kept[*k])
        .map(|(k, (file, ..))| {
            let a = &file.article;
            (
                Reverse(a.sticky_weight.max(0)),
                Reverse(a.published_at),
                a.slug.as_str(),
                k,
            )
        })
        .collect();
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(.., k)| k).collect();
    let mut kept: Vec<Option<(ReadFile, String, usize)>> = candidates
        .into_iter()
        .map(|(file, name, origin, _)| Some((file, name, origin)))
        .collect();
    let mut entries = Vec::with_capacity(kept.len());
    let mut articles = Vec::with_capacity(kept.len());
    let mut origins = Vec::with_capacity(kept.len());
    for (mut file, name, origin) in order.into_iter().filter_map(|i| kept.get_mut(i)?.take()) {
        origins.push(origin);
        entries.push(IndexEntry {
            slug: file.article.slug.clone(),
            fallback_id: file_stem(&name).to_string(),
            fm: file.source.take_front_matter(),
        });
        articles.push((file.article, file.source));
    }
    let bundle = Bundle {
        meta: FeedMeta {
            version: BUNDLE_VERSION,
            total: entries.len(),
            page_size: PAGE_SIZE,
            rejected,
        },
        entries,
        articles,
        drafts,
    };
    (bundle, origins)
}
