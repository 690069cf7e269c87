//! Search cost per query on the sample site and generated 1k/10k sites: bytes a query
//! downloads (manifest + the shards it needs, raw and brotli) and native time to parse
//! those shards and rank. Part of `cargo xtask bench`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use broadsheet_core::search::{index_articles, Shard};

use super::report::SearchRow;
use crate::util::{brotli_len, median, root, to_json, Result};
use crate::{articles, corpus};

const QUERIES: [&str; 4] = ["market", "regulators network", "liqu", "bitcoin energy"];

/// Measures the sample site and the generated sites of `corpora` articles (generating
/// any that an earlier step did not); prints a table and returns the rows.
pub fn run(runs: usize, corpora: &[usize]) -> Result<Vec<SearchRow>> {
    let out = root().join("target/bench");
    let mut sites: Vec<(String, PathBuf)> = vec![("sample".into(), root().join("content"))];
    for &n in corpora {
        let dir = out.join(format!("corpus-{n}"));
        if !dir.join(format!("gen-{:06}.md", n - 1)).exists() {
            corpus::generate(n, 1, &dir)?;
        }
        sites.push((n.to_string(), dir));
    }
    println!("\nsearch per query (bytes: manifest + needed shards; time: native parse + rank):");
    println!(
        "{:<8} {:<20} {:>10} {:>12} {:>8} {:>10} {:>6}",
        "site", "query", "raw B", "brotli B", "shards", "ms", "hits"
    );
    let mut rows = Vec::new();
    for (site, dir) in &sites {
        let built = broadsheet_core::bundle::build(articles::read_content(dir)?);
        let index = index_articles(&built.articles);
        let manifest = to_json("the search manifest", &index.manifest)?;
        let shards: HashMap<String, Vec<u8>> = index
            .shards
            .iter()
            .map(|(n, s)| Ok((n.clone(), to_json(n, s)?)))
            .collect::<Result<_>>()?;
        for q in QUERIES {
            let needed = index.manifest.shards_for(q);
            let mut raw = manifest.len();
            let mut br = brotli_len(&manifest);
            for n in &needed {
                if let Some(bytes) = shards.get(n) {
                    raw += bytes.len();
                    br += brotli_len(bytes);
                }
            }
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..runs.max(3) {
                let t = Instant::now();
                let mut loaded: HashMap<String, Shard> = HashMap::new();
                for n in &needed {
                    if let Some(bytes) = shards.get(n) {
                        let shard: Shard = serde_json::from_slice(bytes)
                            .map_err(|e| format!("search shard {n}: {e}"))?;
                        loaded.insert(n.clone(), shard);
                    }
                }
                hits = index.manifest.search(q, &loaded).len();
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let ms = median(times);
            println!(
                "{site:<8} {q:<20} {raw:>10} {br:>12} {:>8} {ms:>10.2} {hits:>6}",
                needed.len()
            );
            rows.push(SearchRow {
                site: site.clone(),
                query: q.to_string(),
                raw_bytes: raw,
                brotli_bytes: br,
                shards: needed.len(),
                native_ms: ms,
                hits,
                manifest_brotli_bytes: brotli_len(&manifest),
            });
        }
    }
    Ok(rows)
}
