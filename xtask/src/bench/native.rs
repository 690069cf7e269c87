//! Native parse timings (this process, a release build) and the bundle's first data,
//! per site; and `--native-parse`, the same timings the browser half asks for around
//! each site it times in Chromium.

use std::path::Path;
use std::time::Instant;

use broadsheet_core::bundle::{file_stem, head_path, read_file, ALL_LIST};
use broadsheet_core::markdown::render;

use super::report::{NativeParse, NativeRow};
use crate::articles;
use crate::util::{brotli_len, median, to_json, Result};

/// Passes over a set so each timed sample handles at least ~2000 files (the page does the same).
fn reps(n: usize) -> usize {
    2000usize.div_ceil(n.max(1))
}

/// Parse timings (ms, medians of `runs`) for a set of files, as the bundler reads them:
/// a UTF-8 check (the baseline), the front-matter, front-matter and body.
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

/// Native timings of exactly what the Wasm exports do (ms per pass, medians): front-matter,
/// front-matter + body, and the YAML parse alone with serde_yaml and with yaml-rust2.
fn same_as_wasm_times(texts: &[String], runs: usize) -> [f64; 4] {
    use bench_parse::{front_matter_one, full_one, yaml_tree_alt_one, yaml_tree_serde_one};
    times_of(
        texts,
        runs,
        [
            front_matter_one,
            full_one,
            yaml_tree_serde_one,
            yaml_tree_alt_one,
        ],
    )
}

/// Medians over `runs` of the ms per pass of each of `fns` over `texts`, the functions
/// taking turns within each run.
fn times_of<const N: usize>(
    texts: &[String],
    runs: usize,
    fns: [fn(&str, usize) -> u32; N],
) -> [f64; N] {
    let k = reps(texts.len());
    let mut out: [Vec<f64>; N] = std::array::from_fn(|_| Vec::new());
    for _ in 0..runs {
        for (f, out) in fns.iter().zip(out.iter_mut()) {
            let t = Instant::now();
            for _ in 0..k {
                let s = texts
                    .iter()
                    .enumerate()
                    .fold(0u32, |s, (i, t)| s.wrapping_add(f(t, i)));
                std::hint::black_box(s);
            }
            out.push(t.elapsed().as_secs_f64() * 1e3 / k as f64);
        }
    }
    out.map(median)
}

/// `cargo xtask bench --native-parse DIR [--runs N]`: the native timings the Wasm parse
/// is compared with, for the articles in DIR, as one line of JSON ([`NativeParse`]). The
/// browser bench runs it just before and just after it times the same articles in
/// Chromium, so that both sides of "Wasm / native" are measured under the same load: on
/// a shared 2-core machine the same code ran 20 % slower in one bench run than in the one
/// before it, which moved a ratio against a native figure taken minutes earlier across
/// its target.
pub fn native_parse(dir: &Path, runs: usize) -> Result {
    use bench_parse::{front_matter_one, full_one};
    let texts: Vec<String> = articles::read_content(dir)?
        .into_iter()
        .filter_map(|(_, b)| String::from_utf8(b).ok())
        .collect();
    let [front_matter_ms, front_matter_and_body_ms] =
        times_of(&texts, runs, [front_matter_one, full_one]);
    let line = NativeParse {
        front_matter_ms,
        front_matter_and_body_ms,
    };
    println!(
        "{}",
        String::from_utf8_lossy(&to_json("native parse", &line)?)
    );
    Ok(())
}

/// The native row of the site `name` whose articles are in `content`.
pub fn row(name: &str, content: &Path, runs: usize) -> Result<NativeRow> {
    let files = articles::read_content(content)?;
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    // The largest corpus takes seconds per pass: fewer passes, same medians.
    let runs = if files.len() > 50_000 {
        runs.min(2)
    } else {
        runs
    };
    let (base, fm, full) = parse_times(&files, runs);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|(_, b)| String::from_utf8(b.clone()).ok())
        .collect();
    let [same_fm, same_full, yaml_serde, yaml_alt] = same_as_wasm_times(&texts, runs);
    let articles = files.len();
    let built = broadsheet_core::bundle::build(files);
    // Before the first card: the summary and the head of the `all` list.
    let meta = to_json("the feed summary", &built.meta)?;
    let first_path = head_path(ALL_LIST);
    let first_page = built
        .lists()
        .into_iter()
        .find(|l| l.dir == ALL_LIST)
        .map(|l| to_json(&first_path, &l.head))
        .transpose()?
        .unwrap_or_default();
    let mb = bytes as f64 / 1e6;
    Ok(NativeRow {
        site: name.to_string(),
        articles,
        bytes,
        baseline_utf8_ms: base,
        native_front_matter_ms: fm,
        native_front_matter_and_body_ms: full,
        front_matter_mb_per_s: mb / (fm / 1e3),
        full_mb_per_s: mb / (full / 1e3),
        ratio_front_matter_to_baseline: fm / base.max(1e-9),
        native_same_as_wasm_front_matter_ms: same_fm,
        native_same_as_wasm_front_matter_and_body_ms: same_full,
        native_yaml_tree_serde_yaml_ms: yaml_serde,
        native_yaml_tree_yaml_rust2_ms: yaml_alt,
        first_data_bytes: meta.len() + first_page.len(),
        first_data_brotli_bytes: brotli_len(&meta) + brotli_len(&first_page),
    })
}
