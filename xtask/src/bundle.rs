//! `cargo xtask bundle`: validates `content/` with the core and writes `data/`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use broadsheet_core::bundle::{
    article_path, assemble, read_one, Bundle, ReadFile, META_PATH, RELATED_LIMIT,
};
use broadsheet_core::search;
use broadsheet_core::Report;
use rayon::prelude::*;

use crate::flags::{Args, Flag, Task};
use crate::progress::Steps;
use crate::search_cache;
use crate::util::{read, read_dir, root, to_json, write_if_changed, Result};

/// `cargo xtask bundle`.
pub const TASK: Task = Task {
    name: "bundle",
    summary: "Validate content/*.md and write DIR/data/ (default: public/).",
    about: "Bad files are reported as path:line: reason and skipped. Trunk's pre-build hook\n\
            runs this, so a plain `trunk serve` also shows the current articles.",
    flags: &[
        Flag::value("--content", "DIR", "the articles (default: content/)"),
        Flag::value(
            "--out",
            "DIR",
            "the site folder to write data/ into (default: public/)",
        ),
        Flag::switch("--strict", "fail when any file is rejected"),
    ],
    run,
};

/// Every `*.md` file of `dir` as `(path shown in reports, path)`, sorted.
fn content_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for entry in read_dir(dir)? {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let shown = path
                .strip_prefix(root())
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            files.push((shown, path));
        }
    }
    files.sort();
    Ok(files)
}

/// Reads every `*.md` file of `dir` (sorted) as `(path shown in reports, bytes)`.
pub fn read_content(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    content_files(dir)?
        .into_iter()
        .map(|(shown, path)| Ok((shown, read(&path)?)))
        .collect()
}

/// Builds the bundle from `content`, prints its reports, and fails under `strict`. The
/// files are read and validated in parallel (each on its own, [`read_one`]), then put
/// together in order ([`assemble`]); `steps` times both.
pub fn bundle(content: &Path, strict: bool, steps: &mut Steps) -> Result<Bundle> {
    let files = content_files(content)?;
    let read: Vec<(String, std::result::Result<ReadFile, Report>)> = steps.run("parse", || {
        files
            .into_par_iter()
            .map(|(shown, path)| {
                let bytes = read(&path)?;
                let file = read_one(&shown, bytes);
                Ok((shown, file))
            })
            .collect::<Result<_>>()
    })?;
    let bundle = steps.run("assemble", || assemble(read));
    for report in &bundle.meta.rejected {
        eprintln!("{report}");
    }
    eprintln!(
        "bundle: {} articles, {} drafts left out, {} files rejected",
        bundle.entries.len(),
        bundle.drafts,
        bundle.meta.rejected.len()
    );
    if strict && !bundle.meta.rejected.is_empty() {
        return Err(format!("{} files rejected (--strict)", bundle.meta.rejected.len()).into());
    }
    Ok(bundle)
}

/// Articles tokenised per batch: the batch's token lists are merged into the index before
/// the next batch, so they never all sit in memory at once.
const SEARCH_BATCH: usize = 4096;

/// Writes `site/data/feed/` (summary, and each list's head and numbered pages),
/// `site/data/articles/` (sources and related links), `site/data/ids/` (buckets of id ->
/// current slug) and `site/data/search/`, removing stale files. Files whose bytes are
/// unchanged are left alone, so one new article touches few of them. Each part runs in
/// parallel over its files and writes them as it goes; `steps` times the parts.
pub fn write(bundle: &Bundle, site: &Path, steps: &mut Steps) -> Result {
    let put = |rel: &str, bytes: &[u8]| -> Result<PathBuf> {
        let path = site.join(rel);
        write_if_changed(&path, bytes)?;
        Ok(path)
    };
    let mut written: HashSet<PathBuf> = HashSet::new();
    written.insert(put(META_PATH, &to_json(META_PATH, &bundle.meta)?)?);
    let lists: Vec<PathBuf> = steps.run("lists", || {
        let members = bundle.list_members();
        let done: Vec<Result<Vec<PathBuf>>> = members
            .into_par_iter()
            .map(|(dir, members)| {
                let files = bundle.list_json(&dir, &members).map_err(|source| {
                    crate::util::Error::Json {
                        what: format!("data/feed/{dir}"),
                        source,
                    }
                })?;
                files.iter().map(|(path, json)| put(path, json)).collect()
            })
            .collect();
        done.into_iter()
            .collect::<Result<Vec<Vec<PathBuf>>>>()
            .map(|v| v.concat())
    })?;
    written.extend(lists);
    let related: Vec<PathBuf> = steps.run("related", || {
        let index = bundle.related_index();
        (0..bundle.articles.len())
            .into_par_iter()
            .map_init(
                || index.scratch(),
                |scratch, i| {
                    let (path, links) =
                        bundle.sidecar(i, &index.related_with(i, RELATED_LIMIT, scratch));
                    put(&path, &to_json(&path, &links)?)
                },
            )
            .collect::<Result<_>>()
    })?;
    written.extend(related);
    let sources: Vec<PathBuf> = steps.run("sources", || {
        bundle
            .articles
            .par_iter()
            .map(|(a, source)| put(&article_path(&a.slug), source.text().as_bytes()))
            .collect::<Result<_>>()
    })?;
    written.extend(sources);
    steps.run("ids", || -> Result {
        for (path, bucket) in bundle.id_buckets() {
            written.insert(put(&path, &to_json(&path, &bucket)?)?);
        }
        Ok(())
    })?;
    steps.run("stale", || {
        for dir in ["data/feed", "data/articles", "data/ids"] {
            remove_stale(&site.join(dir), &written);
        }
    });
    drop(written);
    steps.run("search", || write_search(bundle, site))
}

/// Deletes every file under `dir` that this build did not write, and folders left empty.
fn remove_stale(dir: &Path, keep: &HashSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // The entry's type comes with the listing: no stat per file.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_stale(&path, keep);
            let _ = std::fs::remove_dir(&path);
        } else if !keep.contains(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// One article's tokens: from the last build's cache (in its vocabulary) or just made.
enum Tokens<'a> {
    Cached(&'a [(u32, u32)]),
    Fresh(search::DocTokens),
}

/// Writes the full-text index: `site/data/search/manifest.json` and one file per shard,
/// removing shards a previous build left behind. Articles whose searchable text the
/// last build into `site` already tokenised take their tokens from its cache
/// ([`search_cache`]); the others are tokenised in parallel, a batch at a time; all are
/// merged in feed order.
fn write_search(bundle: &Bundle, site: &Path) -> Result {
    let cache = search_cache::Cache::load(site);
    let mut builder = search::IndexBuilder::default();
    // The cache's token ids in the builder's numbering.
    let from_cache: Vec<u32> = cache.vocab.iter().map(|t| builder.token_id(t)).collect();
    let mut kept: Vec<(u128, Vec<(u32, u32)>)> = Vec::with_capacity(bundle.articles.len());
    let mut fresh = 0;
    for batch in bundle.articles.chunks(SEARCH_BATCH) {
        let docs: Vec<(u128, Tokens)> = batch
            .par_iter()
            .map(|(a, source)| {
                let doc = search::DocText::of(a, source.body());
                let key = search_cache::doc_key(&doc);
                match cache.docs.get(&key) {
                    Some(tokens) => (key, Tokens::Cached(tokens)),
                    None => (key, Tokens::Fresh(search::doc_tokens(&doc))),
                }
            })
            .collect();
        for ((a, _), (key, tokens)) in batch.iter().zip(docs) {
            let ids = match tokens {
                Tokens::Cached(tokens) => {
                    let ids: Vec<(u32, u32)> = tokens
                        .iter()
                        .map(|&(id, w)| (from_cache[id as usize], w))
                        .collect();
                    let meta = search::DocMeta {
                        slug: a.slug.clone(),
                        published_at: a.published_at,
                    };
                    builder.add_ids(meta, &ids);
                    ids
                }
                Tokens::Fresh(doc) => {
                    fresh += 1;
                    builder.add(doc)
                }
            };
            kept.push((key, ids));
        }
    }
    if fresh > 0 || kept.len() != cache.docs.len() {
        let docs: Vec<(u128, &[(u32, u32)])> =
            kept.iter().map(|(k, ids)| (*k, ids.as_slice())).collect();
        search_cache::Cache::save(site, builder.tokens(), &docs)?;
    }
    drop((cache, kept));
    let index = builder.finish();
    let manifest = to_json(search::MANIFEST_PATH, &index.manifest)?;
    write_if_changed(&site.join(search::MANIFEST_PATH), &manifest)?;
    index.shards.par_iter().try_for_each(|(name, shard)| {
        let path = search::shard_path(name);
        write_if_changed(&site.join(&path), &to_json(&path, shard)?)
    })?;
    let keep = |file: &str| {
        file == "manifest.json"
            || file
                .strip_suffix(".json")
                .is_some_and(|n| index.manifest.shards.iter().any(|s| s == n))
    };
    if let Ok(entries) = std::fs::read_dir(site.join(search::SEARCH_DIR)) {
        for entry in entries.flatten() {
            if !keep(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// `cargo xtask bundle [--content DIR] [--out DIR] [--strict]`.
fn run(args: &Args) -> Result {
    // Trunk reads the stylesheet after this hook, for `serve` and `dist` alike.
    // `cargo xtask dist` bundles into its own output (and puts the accents into its
    // pages); Trunk's pre-build hook then only writes the stock stylesheet.
    if std::env::var_os("BROADSHEET_SKIP_BUNDLE").is_some() {
        return crate::stylesheet::write(None);
    }
    let config = crate::site_config::load_from_env()?;
    crate::stylesheet::write(Some(&config))?;
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("public"));
    let mut steps = Steps::default();
    let bundle = steps.run_parts("read", |parts| {
        bundle(&content, args.switch("--strict"), parts)
    })?;
    steps.run_parts("data", |parts| write(&bundle, &out, parts))?;
    let about = crate::site_info::about_html(&config)?;
    crate::site_info::write(
        &out,
        &crate::site_info::site_info(&config)?,
        about.as_deref(),
    )?;
    eprintln!("bundle: {}", steps.summary());
    Ok(())
}
