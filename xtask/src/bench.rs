//! `cargo xtask bench`: prints a table and writes `target/bench/report.json`.
//!
//! Measured now: native throughput of the core (front-matter only, and front-matter +
//! body) on the sample site and generated 1k/10k corpora, as ratios against a baseline
//! measured in the same run (reading the same bytes as UTF-8), and brotli transfer sizes
//! of the app shell and of the data fetched before the first card. The in-browser
//! comparison against the JS stack is not built yet (see the issue note).

use std::path::Path;
use std::time::Instant;

use broadsheet_core::bundle::{file_stem, read_file};
use broadsheet_core::markdown::render;

use crate::args::Args;
use crate::{bundle, corpus, root};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        use std::io::Write;
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out.len()
}

/// Parse timings (ms, medians of `runs`) for a set of files.
fn parse_times(files: &[(String, Vec<u8>)], runs: usize) -> (f64, f64, f64) {
    let mut base = Vec::new();
    let mut fm = Vec::new();
    let mut full = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let n: usize = files
            .iter()
            .map(|(_, b)| std::str::from_utf8(b).map_or(0, str::len))
            .sum();
        std::hint::black_box(n);
        base.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        for (name, b) in files {
            std::hint::black_box(read_file(name, b).is_ok());
        }
        fm.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        for (name, b) in files {
            if let Ok((_, text)) = read_file(name, b) {
                let body = broadsheet_core::frontmatter::split(&text)
                    .map(|s| s.body)
                    .unwrap_or("");
                std::hint::black_box(render(body));
            }
            std::hint::black_box(file_stem(name));
        }
        full.push(t.elapsed().as_secs_f64() * 1e3);
    }
    (median(base), median(fm), median(full))
}

/// `cargo xtask bench [--runs N]`.
pub fn run(argv: &[String]) -> crate::Result {
    let args = Args::parse(argv, &["--runs"], &[])?;
    let runs: usize = args
        .value("--runs")
        .unwrap_or_else(|| "5".into())
        .parse()
        .map_err(|e| format!("--runs: {e}"))?;
    let out = root().join("target/bench");
    let mut rows = Vec::new();
    let mut sites: Vec<(String, std::path::PathBuf)> =
        vec![("sample".into(), root().join("content"))];
    for n in [1_000usize, 10_000] {
        let dir = out.join(format!("corpus-{n}"));
        corpus::generate(n, 1, &dir)?;
        sites.push((format!("{n}"), dir));
    }
    println!(
        "{:<8} {:>9} {:>10} {:>12} {:>14} {:>12} {:>16}",
        "site", "articles", "MB", "baseline ms", "front-matter", "fm + body", "index (br)"
    );
    for (name, dir) in &sites {
        let files = bundle::read_content(dir)?;
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let (base, fm, full) = parse_times(&files, runs);
        let built = broadsheet_core::bundle::build(files.clone());
        let index = serde_json::to_vec(&built.index).map_err(|e| e.to_string())?;
        let index_br = brotli_len(&index);
        let mb = bytes as f64 / 1e6;
        println!(
            "{name:<8} {:>9} {mb:>10.2} {base:>12.2} {:>8.1} MB/s {:>6.1} MB/s {:>13} B",
            files.len(),
            mb / (fm / 1e3),
            mb / (full / 1e3),
            index_br
        );
        rows.push(serde_json::json!({
            "site": name, "articles": files.len(), "bytes": bytes,
            "baseline_utf8_ms": base, "native_front_matter_ms": fm, "native_front_matter_and_body_ms": full,
            "front_matter_mb_per_s": mb / (fm / 1e3), "full_mb_per_s": mb / (full / 1e3),
            "ratio_front_matter_to_baseline": fm / base.max(1e-9),
            "index_json_bytes": index.len(), "index_json_brotli_bytes": index_br,
        }));
    }
    let shell = shell_sizes(&root().join("target/e2e/site-root"));
    if let Some(s) = &shell {
        println!(
            "app shell (brotli): {} B  [html + js + wasm + css, from target/e2e/site-root]",
            s["total_brotli_bytes"]
        );
    } else {
        println!("app shell: build it first with `cargo xtask test` or `cargo xtask dist --out target/e2e/site-root`");
    }
    let report = serde_json::json!({ "parse": rows, "shell": shell });
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(
        out.join("report.json"),
        serde_json::to_vec_pretty(&report).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    println!("wrote target/bench/report.json");
    Ok(())
}

fn shell_sizes(site: &Path) -> Option<serde_json::Value> {
    let mut parts = serde_json::Map::new();
    let mut total = 0;
    for entry in std::fs::read_dir(site).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let shell = name == "index.html"
            || (name.starts_with("broadsheet-")
                && (name.ends_with(".js") || name.ends_with(".wasm")))
            || (name.starts_with("main-") && name.ends_with(".css"));
        if shell {
            let bytes = std::fs::read(entry.path()).ok()?;
            let br = brotli_len(&bytes);
            total += br;
            parts.insert(
                name,
                serde_json::json!({ "raw": bytes.len(), "brotli": br }),
            );
        }
    }
    Some(serde_json::json!({ "files": parts, "total_brotli_bytes": total }))
}
