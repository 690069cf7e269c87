//! `cargo xtask bench`: prints one table and writes `target/bench/report.json`.
//!
//! For the sample site (`content/`) and generated 1k / 10k corpora (seed 1):
//! 1. parse throughput natively (this process, always a release build: a debug
//!    `cargo xtask bench` re-runs itself with `cargo run --release`), and in headless
//!    Chromium, in one page: the core compiled to Wasm (`crates/bench-wasm`, with the app's
//!    release profile and all at `opt-level = 3`) against gray-matter, split + js-yaml,
//!    and markdown-it, bundled by esbuild, each from the files' bytes and from strings;
//! 2. brotli transfer sizes of the app shell and of the data fetched before the first
//!    card, from a `cargo xtask dist` of each site;
//! 3. time to the first card painted and LCP, against a static page with the same cards
//!    served by the same server;
//! 4. time from a tag-chip click to the updated feed being painted;
//! 5. Lighthouse (mobile) scores of the feed and an article page, served compressed.
//!
//! Browser parts live in `bench/` (node; `npm ci` on first use). Every figure is also
//! given as a ratio against a baseline measured in the same run. Nothing here asserts on
//! time: targets are reported, never enforced.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use broadsheet_core::bundle::{file_stem, page_path, read_file, ALL_LIST, META_PATH};
use broadsheet_core::markdown::render;
use serde_json::{json, Value};

use crate::args::Args;
use crate::setup::run_cmd;
use crate::{bundle, corpus, dist, root, setup};

/// The builds of `crates/bench-wasm` measured in Chromium, as (report key, table name):
/// the app's release profile, and everything at opt-level 3.
const WASM_VARIANTS: [(&str, &str); 2] = [("app", "app"), ("o3", "O3")];

/// Corpus sizes generated next to the sample site.
const CORPORA: [usize; 2] = [1_000, 10_000];
/// Generated sites measured natively only: parse speed and the bundle's first data.
const NATIVE_CORPORA: [usize; 1] = [100_000];
/// Sites whose filter click is timed, and sites Lighthouse audits.
const FILTER_SITES: [&str; 2] = ["sample", "10000"];
/// Lighthouse at 10k does not finish within its 4-minute timeout (the feed renders every
/// card), so it runs on the sample site only.
const LIGHTHOUSE_SITES: [&str; 1] = ["sample"];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Size of `bytes` after brotli at quality 11, as `dist` writes them.
pub(crate) fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        use std::io::Write;
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out.len()
}

/// Brotli size of a built file: its `.br` sibling written by `dist`, else computed.
fn brotli_of(path: &Path) -> Option<(usize, usize)> {
    let raw = std::fs::read(path).ok()?;
    let br = std::fs::metadata(format!("{}.br", path.display()))
        .map(|m| m.len() as usize)
        .unwrap_or_else(|_| brotli_len(&raw));
    Some((raw.len(), br))
}

/// Passes over a set so each timed sample handles at least ~2000 files (the page does the same).
fn reps(n: usize) -> usize {
    2000usize.div_ceil(n.max(1))
}

/// Parse timings (ms, medians of `runs`) for a set of files, as the bundler reads them.
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
/// is compared with, for the articles in DIR, as one line of JSON. The browser bench
/// runs it just before and just after it times the same articles in Chromium, so that
/// both sides of "Wasm / native" are measured under the same load: on a shared 2-core
/// machine the same code ran 20 % slower in one bench run than in the one before it,
/// which moved a ratio against a native figure taken minutes earlier across its target.
fn native_parse(dir: &Path, runs: usize) -> crate::Result {
    use bench_parse::{front_matter_one, full_one};
    let texts: Vec<String> = bundle::read_content(dir)?
        .into_iter()
        .filter_map(|(_, b)| String::from_utf8(b).ok())
        .collect();
    let [fm, full] = times_of(&texts, runs, [front_matter_one, full_one]);
    println!(
        "{}",
        json!({ "front_matter_ms": fm, "front_matter_and_body_ms": full })
    );
    Ok(())
}

/// Builds `crates/bench-wasm` with the app's release profile (`opt-level = "z"`, the
/// parse crates at 3) and with everything at 3, runs wasm-bindgen `--target web` and
/// binaryen's wasm-opt (as `cargo xtask wasm` does for the app) into `page/pkg-app` and `page/pkg-o3`.
/// Returns their sizes.
fn build_wasm(page: &Path) -> crate::Result<Value> {
    let mut sizes = serde_json::Map::new();
    for (name, level, target_dir) in [
        ("app", "z", root().join("target")),
        ("o3", "3", root().join("target/bench/cargo-o3")),
    ] {
        let mut cargo = Command::new("cargo");
        if name == "o3" {
            cargo.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", level);
        }
        run_cmd(
            cargo
                .current_dir(root())
                .args([
                    "build",
                    "--quiet",
                    "--release",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "bench-wasm",
                    "--target-dir",
                ])
                .arg(&target_dir),
        )?;
        let out = page.join(format!("pkg-{name}"));
        run_cmd(
            Command::new("wasm-bindgen")
                .args(["--target", "web", "--out-dir"])
                .arg(&out)
                .arg(target_dir.join("wasm32-unknown-unknown/release/bench_wasm.wasm")),
        )?;
        let wasm = out.join("bench_wasm_bg.wasm");
        run_cmd(
            Command::new("wasm-opt")
                .arg(format!("-O{level}"))
                .args(crate::wasm::WASM_OPT_FEATURES)
                .arg("-o")
                .arg(&wasm)
                .arg(&wasm),
        )?;
        let bytes = std::fs::read(&wasm).map_err(|e| e.to_string())?;
        sizes.insert(
            name.into(),
            json!({ "opt_level": level, "wasm_bytes": bytes.len(), "wasm_brotli_bytes": brotli_len(&bytes) }),
        );
    }
    Ok(Value::Object(sizes))
}

/// A split module of the app (`broadsheet-<hash>-<module>_bg.wasm`, see `cargo xtask
/// wasm`): fetched when first needed, so not part of the shell every page loads.
fn is_split_module(name: &str) -> bool {
    name.strip_prefix("broadsheet-")
        .and_then(|n| n.strip_suffix("_bg.wasm"))
        .is_some_and(|n| n.contains('-'))
}

/// Brotli sizes of the app shell (html + js + wasm + css, split loader included), of the
/// split modules, and of the data fetched before the first card (the index), from a
/// built site.
fn site_sizes(site: &Path) -> crate::Result<Value> {
    let mut parts = serde_json::Map::new();
    let mut split = serde_json::Map::new();
    let (mut total, mut split_total) = (0, 0);
    let entries = std::fs::read_dir(site).map_err(|e| format!("{}: {e}", site.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let app_file =
            name.starts_with("broadsheet-") && (name.ends_with(".js") || name.ends_with(".wasm"));
        let shell = name == "index.html"
            || (app_file && !is_split_module(&name))
            || (name.starts_with("main-") && name.ends_with(".css"));
        if !(shell || app_file) {
            continue;
        }
        let Some((raw, br)) = brotli_of(&entry.path()) else {
            continue;
        };
        let sizes = json!({ "raw": raw, "brotli": br });
        if shell {
            total += br;
            parts.insert(name, sizes);
        } else {
            split_total += br;
            split.insert(name, sizes);
        }
    }
    // The app's first request pair: the site summary and the first page of the feed.
    let first = [META_PATH.to_string(), page_path(ALL_LIST, 0)];
    let (mut data_raw, mut data_br) = (0, 0);
    for file in &first {
        let (raw, br) = brotli_of(&site.join(file)).unwrap_or((0, 0));
        data_raw += raw;
        data_br += br;
    }
    Ok(json!({
        "shell": { "files": parts, "total_brotli_bytes": total },
        "split_modules": { "files": split, "total_brotli_bytes": split_total },
        "data_before_first_card": { "files": first, "raw": data_raw, "brotli_bytes": data_br },
    }))
}

/// Prints the hostile-markdown renders timed in Chromium (ms per call = how long opening
/// such an article blocks the page), each against ordinary text of the same size in the
/// same run; returns the worst case per size.
fn pathological_wasm(rows: &Value) -> Value {
    let Some(rows) = rows.as_array() else {
        return Value::Null;
    };
    println!(
        "\npathological markdown (render in Wasm, Chromium, one call = one block of the page):"
    );
    println!(
        "{:<34} {:>8} {:>10} {:>12}",
        "input", "KiB", "ms", "x ordinary"
    );
    let mut worst = serde_json::Map::new();
    let mut baseline = 0.0;
    for r in rows {
        let (Some(input), Some(kib), Some(ms)) =
            (r["input"].as_str(), r["kib"].as_u64(), r["ms"].as_f64())
        else {
            continue;
        };
        if input.starts_with("ordinary") {
            baseline = ms;
        }
        let ratio = ms / baseline.max(1e-9);
        println!("{input:<34} {kib:>8} {ms:>10.1} {ratio:>12.2}");
        let key = format!("{kib}_kib");
        let so_far = worst.get(&key).and_then(|w| w["ms"].as_f64());
        if so_far.is_none_or(|w| w < ms) {
            worst.insert(
                key,
                json!({ "input": input, "ms": ms, "ratio_to_ordinary": ratio }),
            );
        }
    }
    json!({ "rows": rows, "worst": worst })
}

fn node_bench(config: &Value, out: &Path) -> crate::Result<Value> {
    let dir = root().join("bench");
    if !dir.join("node_modules/playwright-core").exists()
        || !dir.join("node_modules/lighthouse").exists()
        || !dir.join("node_modules/esbuild").exists()
    {
        run_cmd(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
        )?;
    }
    let path = out.join("config.json");
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(config).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    run_cmd(
        Command::new("node")
            .arg("bench.mjs")
            .arg(&path)
            .current_dir(&dir),
    )?;
    let text = std::fs::read_to_string(out.join("browser.json")).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

struct Site {
    name: String,
    /// Built with `cargo xtask dist` and measured in Chromium; the largest corpus is
    /// measured natively only (its data before the first card comes from the bundle).
    browser: bool,
    content: PathBuf,
    dist: PathBuf,
    articles: usize,
}

/// `cargo xtask bench [--runs N] [--native-only] [--reuse-dist]` (and `--native-parse DIR`,
/// which the browser bench calls: [`native_parse`]).
pub fn run(argv: &[String]) -> crate::Result {
    let args = Args::parse(
        argv,
        &["--runs", "--native-parse"],
        &["--native-only", "--reuse-dist"],
    )?;
    if cfg!(debug_assertions) {
        // Native timings of a debug build would be meaningless: run the release build.
        eprintln!("bench: re-running as a release build (cargo run --release -p xtask)");
        return run_cmd(
            Command::new("cargo")
                .current_dir(root())
                .args(["run", "--quiet", "--release", "-p", "xtask", "--", "bench"])
                .args(argv),
        );
    }
    let runs: usize = args
        .value("--runs")
        .unwrap_or_else(|| "5".into())
        .parse()
        .map_err(|e| format!("--runs: {e}"))?;
    let runs = runs.max(1);
    if let Some(dir) = args.value("--native-parse") {
        return native_parse(Path::new(&dir), runs);
    }
    let started = Instant::now();
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let mut sites = vec![Site {
        name: "sample".into(),
        browser: true,
        content: root().join("content"),
        dist: out.join("site-sample"),
        articles: 0,
    }];
    let all = CORPORA.iter().map(|n| (*n, true));
    for (n, browser) in all.chain(NATIVE_CORPORA.iter().map(|n| (*n, false))) {
        let dir = out.join(format!("corpus-{n}"));
        corpus::generate(n, 1, &dir)?;
        sites.push(Site {
            name: format!("{n}"),
            browser,
            content: dir,
            dist: out.join(format!("site-{n}")),
            articles: n,
        });
    }

    // Native rows.
    let mut native = Vec::new();
    for site in &mut sites {
        eprintln!("bench: native {}", site.name);
        let files = bundle::read_content(&site.content)?;
        site.articles = files.len();
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
        let built = broadsheet_core::bundle::build(files.clone());
        // Before the first card: the summary and the first page. For comparison, the
        // single index of every front-matter that bundle version 1 shipped.
        let meta = serde_json::to_vec(&built.meta).map_err(|e| e.to_string())?;
        let first_page = built
            .pages()
            .into_iter()
            .find(|(p, _)| *p == page_path(ALL_LIST, 0))
            .map(|(_, page)| serde_json::to_vec(&page).map_err(|e| e.to_string()))
            .transpose()?
            .unwrap_or_default();
        let first_br = brotli_len(&meta) + brotli_len(&first_page);
        let whole = serde_json::to_vec(&built.entries).map_err(|e| e.to_string())?;
        let whole_br = brotli_len(&whole);
        let mb = bytes as f64 / 1e6;
        native.push(json!({
            "site": site.name, "articles": files.len(), "bytes": bytes,
            "baseline_utf8_ms": base, "native_front_matter_ms": fm, "native_front_matter_and_body_ms": full,
            "front_matter_mb_per_s": mb / (fm / 1e3), "full_mb_per_s": mb / (full / 1e3),
            "ratio_front_matter_to_baseline": fm / base.max(1e-9),
            "native_same_as_wasm_front_matter_ms": same_fm,
            "native_same_as_wasm_front_matter_and_body_ms": same_full,
            "native_yaml_tree_serde_yaml_ms": yaml_serde, "native_yaml_tree_yaml_rust2_ms": yaml_alt,
            "first_data_bytes": meta.len() + first_page.len(), "first_data_brotli_bytes": first_br,
            "whole_index_bytes": whole.len(), "whole_index_brotli_bytes": whole_br,
        }));
    }

    let mut report = json!({
        "runs": runs,
        "native_build": "release (cargo run --release -p xtask)",
        "parse": native,
    });
    if !args.flag("--native-only") {
        setup::run(false)?;
        if !Path::new("/usr/bin/chromium").exists() && std::env::var_os("CHROME_PATH").is_none() {
            return Err(
                "Chromium not found: install it (apt-get install chromium) or set CHROME_PATH"
                    .into(),
            );
        }
        let page = out.join("page");
        std::fs::create_dir_all(&page).map_err(|e| e.to_string())?;
        report["wasm_builds"] = build_wasm(&page)?;
        crate::bench_pathological::write_cases(&page)?;
        let mut sizes = serde_json::Map::new();
        for site in sites.iter().filter(|s| s.browser) {
            let built = site.dist.join("index.html").exists();
            if !(args.flag("--reuse-dist") && built) {
                eprintln!("bench: dist {}", site.name);
                dist::run(&[
                    "--content".into(),
                    site.content.display().to_string(),
                    "--out".into(),
                    site.dist.display().to_string(),
                ])?;
            }
            sizes.insert(site.name.clone(), site_sizes(&site.dist)?);
        }
        report["sizes"] = Value::Object(sizes);
        let config = json!({
            "runs": runs,
            "out": out.join("browser.json"),
            "out_dir": out,
            "page_dir": page,
            "sites": sites.iter().filter(|s| s.browser).map(|s| json!({
                "name": s.name, "content": s.content, "dist": s.dist, "articles": s.articles,
            })).collect::<Vec<_>>(),
            "filter_sites": FILTER_SITES,
            // This very (release) build, for the native timings taken around each
            // site's parse in Chromium.
            "native_parse": std::env::current_exe().map_err(|e| e.to_string())?,
            "lighthouse_sites": LIGHTHOUSE_SITES,
        });
        report["browser"] = node_bench(&config, &out)?;
        report["pathological_wasm"] =
            pathological_wasm(&report["browser"]["parse"]["pathological_wasm"]);
    }
    report["pathological_markdown"] = crate::bench_pathological::run(runs);
    report["search"] = crate::bench_search::run(runs)?;
    report["seconds"] = json!(started.elapsed().as_secs_f64());
    let (table, targets) = table(&report, &sites);
    report["targets"] = targets;
    println!("{table}");
    std::fs::write(
        out.join("report.json"),
        serde_json::to_vec_pretty(&report).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    println!("wrote target/bench/report.json");
    Ok(())
}

/// A number at a JSON pointer.
fn num(v: &Value, pointer: &str) -> Option<f64> {
    v.pointer(pointer).and_then(Value::as_f64)
}

fn fmt(x: Option<f64>, unit: &str) -> String {
    match x {
        None => "-".into(),
        Some(x) if unit == "x" => format!("{x:.2}x"),
        Some(x) if unit == "KB" => format!("{:.1} KB", x / 1024.0),
        Some(x) if x >= 100.0 => format!("{x:.0}{unit}"),
        Some(x) if x >= 10.0 => format!("{x:.1}{unit}"),
        Some(x) => format!("{x:.2}{unit}"),
    }
}

/// How a target compares: `<=` or `>=` a limit.
#[derive(Clone, Copy)]
enum Goal {
    AtMost(f64),
    AtLeast(f64),
}

impl Goal {
    fn met(self, x: f64) -> bool {
        match self {
            Goal::AtMost(l) => x <= l,
            Goal::AtLeast(l) => x >= l,
        }
    }

    fn show(self, unit: &str) -> String {
        match self {
            Goal::AtMost(l) if unit == "KB" => format!("<= {:.0} KB", l / 1024.0),
            Goal::AtMost(l) => format!("<= {l}{unit}"),
            Goal::AtLeast(l) => format!(">= {l}{unit}"),
        }
    }
}

struct Table {
    sites: Vec<String>,
    lines: Vec<String>,
    targets: Vec<Value>,
}

impl Table {
    fn section(&mut self, title: &str) {
        self.lines.push(String::new());
        self.lines.push(title.to_string());
    }

    /// One row: a label, a value per site, and an optional target checked per value.
    fn row(&mut self, label: &str, values: &[Option<f64>], unit: &str, goal: Option<Goal>) {
        let mut line = format!("  {label:<46}");
        for (site, v) in self.sites.iter().zip(values) {
            let mut cell = fmt(*v, unit);
            if let (Some(g), Some(x)) = (goal, v) {
                let met = g.met(*x);
                cell.push_str(if met { " ok" } else { " MISS" });
                self.targets.push(json!({
                    "metric": label, "site": site, "value": x, "unit": unit,
                    "target": g.show(unit), "met": met,
                }));
            }
            line.push_str(&format!(" {cell:>15}"));
        }
        if let Some(g) = goal {
            line.push_str(&format!("   target {}", g.show(unit)));
        }
        self.lines.push(line);
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

/// The printed table and the list of targets with their outcome.
fn table(report: &Value, sites: &[Site]) -> (String, Value) {
    let names: Vec<String> = sites.iter().map(|s| s.name.clone()).collect();
    let mut t = Table {
        sites: names.clone(),
        lines: Vec::new(),
        targets: Vec::new(),
    };
    let mut header = format!("{:<48}", "Broadsheet bench (medians)");
    for n in &names {
        header.push_str(&format!(" {n:>15}"));
    }
    t.lines.push(header);
    let native = |key: &str| -> Vec<Option<f64>> {
        (0..names.len())
            .map(|i| num(report, &format!("/parse/{i}/{key}")))
            .collect()
    };
    let per_site = |f: &dyn Fn(&str) -> Option<f64>| -> Vec<Option<f64>> {
        names.iter().map(|n| f(n)).collect()
    };
    t.section("Corpus");
    t.row("articles", &native("articles"), "", None);
    t.row(
        "MB of markdown",
        &native("bytes")
            .iter()
            .map(|b| b.map(|b| b / 1e6))
            .collect::<Vec<_>>(),
        "",
        None,
    );
    t.section("Native parse, release build (ms per pass)");
    t.row(
        "baseline: UTF-8 check of every file",
        &native("baseline_utf8_ms"),
        " ms",
        None,
    );
    t.row(
        "front-matter (bundler's read_file)",
        &native("native_front_matter_ms"),
        " ms",
        None,
    );
    t.row(
        "front-matter + body",
        &native("native_front_matter_and_body_ms"),
        " ms",
        None,
    );
    t.row(
        "front-matter / baseline",
        &native("ratio_front_matter_to_baseline"),
        "x",
        None,
    );
    t.row(
        "front-matter, same fn as Wasm",
        &native("native_same_as_wasm_front_matter_ms"),
        " ms",
        None,
    );
    let nat_full = native("native_same_as_wasm_front_matter_and_body_ms");
    let nat_fm = native("native_same_as_wasm_front_matter_ms");
    t.row(
        "front-matter + body, same fn as Wasm",
        &nat_full,
        " ms",
        None,
    );
    t.section("The YAML parse alone (front-matter into a generic tree), native");
    let yaml_serde = native("native_yaml_tree_serde_yaml_ms");
    let yaml_alt = native("native_yaml_tree_yaml_rust2_ms");
    t.row("serde_yaml (the app's parser)", &yaml_serde, " ms", None);
    t.row("yaml-rust2 (measured alternative)", &yaml_alt, " ms", None);
    t.row(
        "yaml-rust2 / serde_yaml",
        &yaml_alt
            .iter()
            .zip(&yaml_serde)
            .map(|(a, s)| ratio(*a, *s))
            .collect::<Vec<_>>(),
        "x",
        None,
    );
    t.row(
        "serde_yaml tree / whole front-matter read",
        &yaml_serde
            .iter()
            .zip(&nat_fm)
            .map(|(y, f)| ratio(*y, *f))
            .collect::<Vec<_>>(),
        "x",
        None,
    );
    t.section("Bundle, built natively (brotli)");
    t.row(
        "data before first card: summary + first page",
        &native("first_data_brotli_bytes"),
        "KB",
        Some(Goal::AtMost(64.0 * 1024.0)),
    );
    t.row(
        "  for comparison: every front-matter in one index (v1)",
        &native("whole_index_brotli_bytes"),
        "KB",
        None,
    );
    let b = &report["browser"];
    if b.is_object() {
        let p = |site: &str, key: &str| num(b, &format!("/parse/{site}/median_ms/{key}"));
        t.section("Parse in Chromium, one page (ms per pass)");
        for (label, key) in [
            ("JS gray-matter (front-matter)", "js_graymatter_fm"),
            ("JS split + js-yaml (front-matter)", "js_split_yaml_fm"),
            ("  same, from bytes", "js_split_yaml_fm_bytes"),
            ("JS gray-matter + markdown-it", "js_graymatter_full"),
            ("  same, from bytes", "js_graymatter_full_bytes"),
            ("JS split + js-yaml + markdown-it", "js_split_yaml_full"),
            ("  same, from bytes", "js_split_yaml_full_bytes"),
        ] {
            t.row(label, &per_site(&|s| p(s, key)), " ms", None);
        }
        for (v, name) in WASM_VARIANTS {
            for (what, key) in [
                ("front-matter, from bytes", "fm_bytes"),
                ("fm + body, from bytes", "full_bytes"),
                ("front-matter, from JS strings", "fm"),
                ("fm + body, from JS strings", "full"),
                ("front-matter, preloaded", "fm_loaded"),
                ("fm + body, preloaded", "full_loaded"),
            ] {
                let key = format!("wasm_{v}_{key}");
                t.row(
                    &format!("Wasm {name} {what}"),
                    &per_site(&|s| p(s, &key)),
                    " ms",
                    None,
                );
            }
        }
        // Native figures taken just before and after each site's parse in Chromium
        // (their mean), else the native section's, taken before the browser started.
        let around = |s: &str, key: &str| -> Option<f64> {
            let at = |when: &str| num(b, &format!("/parse/{s}/native_around/{when}/{key}"));
            Some((at("before")? + at("after")?) / 2.0)
        };
        let idx = |s: &str| names.iter().position(|n| n == s).unwrap_or(0);
        let nat_fm = per_site(&|s| around(s, "front_matter_ms").or(nat_fm[idx(s)]));
        let nat_full = per_site(&|s| around(s, "front_matter_and_body_ms").or(nat_full[idx(s)]));
        t.row(
            "native front-matter, same fn, around it",
            &nat_fm,
            " ms",
            None,
        );
        t.row(
            "native fm + body, same fn, around it",
            &nat_full,
            " ms",
            None,
        );
        t.section("Parse ratios (lower is better for Wasm; the goals are judged from bytes)");
        for (v, name) in WASM_VARIANTS {
            let w = |s: &str, key: &str| p(s, &format!("wasm_{v}_{key}"));
            for (label, wasm, js, goal) in [
                (
                    "fm+body / gray-matter+markdown-it, from bytes",
                    "full_bytes",
                    "js_graymatter_full_bytes",
                    Some(Goal::AtMost(0.2)),
                ),
                (
                    "fm+body / gray-matter+markdown-it, from strings",
                    "full",
                    "js_graymatter_full",
                    None,
                ),
                (
                    "fm+body / split+js-yaml+markdown-it, from bytes",
                    "full_bytes",
                    "js_split_yaml_full_bytes",
                    None,
                ),
                (
                    "fm / split+js-yaml, from bytes",
                    "fm_bytes",
                    "js_split_yaml_fm_bytes",
                    Some(Goal::AtMost(0.67)),
                ),
                (
                    "fm / split+js-yaml, from strings",
                    "fm",
                    "js_split_yaml_fm",
                    None,
                ),
                (
                    "fm / gray-matter, from strings",
                    "fm",
                    "js_graymatter_fm",
                    None,
                ),
                (
                    "YAML alone, serde_yaml (preloaded) / split+js-yaml",
                    "yaml_serde_loaded",
                    "js_split_yaml_fm",
                    None,
                ),
                (
                    "YAML alone, yaml-rust2 (preloaded) / split+js-yaml",
                    "yaml_alt_loaded",
                    "js_split_yaml_fm",
                    None,
                ),
            ] {
                t.row(
                    &format!("Wasm {name} {label}"),
                    &per_site(&|s| ratio(w(s, wasm), p(s, js))),
                    "x",
                    goal,
                );
            }
        }
        for (v, name) in WASM_VARIANTS {
            t.row(
                &format!("fm+body Wasm {name} (preloaded) / native"),
                &per_site(&|s| ratio(p(s, &format!("wasm_{v}_full_loaded")), nat_full[idx(s)])),
                "x",
                Some(Goal::AtMost(1.5)),
            );
            t.row(
                &format!("fm Wasm {name} (preloaded) / native"),
                &per_site(&|s| ratio(p(s, &format!("wasm_{v}_fm_loaded")), nat_fm[idx(s)])),
                "x",
                None,
            );
            t.row(
                &format!("fm+body Wasm {name} (from bytes) / native"),
                &per_site(&|s| ratio(p(s, &format!("wasm_{v}_full_bytes")), nat_full[idx(s)])),
                "x",
                None,
            );
        }
    }
    let sz = &report["sizes"];
    if sz.is_object() {
        t.section("Transfer sizes, brotli (from cargo xtask dist of each site)");
        t.row(
            "app shell: html + js + wasm + css",
            &per_site(&|s| num(sz, &format!("/{s}/shell/total_brotli_bytes"))),
            "KB",
            Some(Goal::AtMost(200.0 * 1024.0)),
        );
        t.row(
            "  split modules, fetched on first use (article, saved, search, non-plain YAML)",
            &per_site(&|s| num(sz, &format!("/{s}/split_modules/total_brotli_bytes"))),
            "KB",
            None,
        );
        t.row(
            "  split modules the feed fetched before its cards (Chromium, encoded)",
            &per_site(&|s| {
                num(
                    b,
                    &format!("/first_card/{s}/app/split_modules_before_app_cards"),
                )
            }),
            "KB",
            None,
        );
        t.row(
            "data before first card (summary + first page)",
            &per_site(&|s| num(sz, &format!("/{s}/data_before_first_card/brotli_bytes"))),
            "KB",
            Some(Goal::AtMost(64.0 * 1024.0)),
        );
        t.row(
            "  same, measured in Chromium (encoded)",
            &per_site(&|s| {
                num(
                    b,
                    &format!("/first_card/{s}/app/bytes_before_first_card/data"),
                )
            }),
            "KB",
            None,
        );
        t.row(
            "  same, uncompressed",
            &per_site(&|s| num(sz, &format!("/{s}/data_before_first_card/raw"))),
            "KB",
            None,
        );
        for (v, label) in [
            ("app", "bench-wasm, app profile (core alone), brotli"),
            ("o3", "bench-wasm O3 (core alone), brotli"),
        ] {
            let x = num(report, &format!("/wasm_builds/{v}/wasm_brotli_bytes"));
            t.row(label, &per_site(&|_| x), "KB", None);
        }
    }
    if b.is_object() {
        t.section("First card in Chromium, 1280x900, cold cache (ms from navigation)");
        let fc = |s: &str, k: &str| num(b, &format!("/first_card/{s}/{k}"));
        t.row(
            "app page: first card painted (prerendered copy)",
            &per_site(&|s| fc(s, "app/first_card_ms")),
            " ms",
            None,
        );
        t.row(
            "app page: the app's own cards in place",
            &per_site(&|s| fc(s, "app/app_cards_ms")),
            " ms",
            None,
        );
        t.row(
            "static page, same cards: first card painted",
            &per_site(&|s| fc(s, "static/first_card_ms")),
            " ms",
            None,
        );
        t.row(
            "first card app / static",
            &per_site(&|s| fc(s, "ratio_first_card")),
            "x",
            Some(Goal::AtMost(1.2)),
        );
        t.row("app LCP", &per_site(&|s| fc(s, "app/lcp_ms")), " ms", None);
        t.row(
            "static LCP",
            &per_site(&|s| fc(s, "static/lcp_ms")),
            " ms",
            None,
        );
        t.row(
            "LCP app / static",
            &per_site(&|s| fc(s, "ratio_lcp")),
            "x",
            None,
        );
        t.row(
            "app FCP (prerendered cards)",
            &per_site(&|s| fc(s, "app/fcp_ms")),
            " ms",
            None,
        );
        t.section("Filter: tag-chip click to updated feed painted");
        let f = |s: &str, k: &str| num(b, &format!("/filter/{s}/{k}"));
        t.row(
            "click -> feed painted (list page fetched; trace)",
            &per_site(&|s| f(s, "filter_ms")),
            " ms",
            None,
        );
        t.row(
            "same click, list page already loaded (all cards; trace)",
            &per_site(&|s| f(s, "filter_warm_ms")),
            " ms",
            Some(Goal::AtMost(16.0)),
        );
        t.row(
            "  of which first rows painted (list page fetched; trace)",
            &per_site(&|s| f(s, "filter_first_painted_ms")),
            " ms",
            None,
        );
        t.row(
            "  of which first rows painted (already loaded; trace)",
            &per_site(&|s| f(s, "filter_warm_first_painted_ms")),
            " ms",
            Some(Goal::AtMost(16.0)),
        );
        t.row(
            "  first task after that frame (already loaded)",
            &per_site(&|s| f(s, "filter_warm_first_task_after_frame_ms")),
            " ms",
            None,
        );
        t.row(
            "click -> last DOM change",
            &per_site(&|s| f(s, "dom_settled_ms")),
            " ms",
            None,
        );
        t.row(
            "baseline: one DOM change -> painted",
            &per_site(&|s| f(s, "frame_baseline_ms")),
            " ms",
            None,
        );
        t.row(
            "filter / baseline",
            &per_site(&|s| f(s, "ratio_to_frame")),
            "x",
            None,
        );
        t.row(
            "cards before the click",
            &per_site(&|s| f(s, "cards_before")),
            "",
            None,
        );
        t.row(
            "cards after the click",
            &per_site(&|s| f(s, "cards_after")),
            "",
            None,
        );
        t.section("Lighthouse 12 (mobile, simulated throttling), served with brotli");
        for page in ["feed", "article", "static_baseline"] {
            for (cat, goal) in [
                ("performance", 98.0),
                ("accessibility", 100.0),
                ("best_practices", 100.0),
                ("seo", 100.0),
            ] {
                let vals = per_site(&|s| num(b, &format!("/lighthouse/{s}/{page}/scores/{cat}")));
                if vals.iter().all(Option::is_none) {
                    continue;
                }
                let g = (page != "static_baseline").then_some(Goal::AtLeast(goal));
                t.row(&format!("{page} {cat}"), &vals, "", g);
            }
            let lcp = per_site(&|s| num(b, &format!("/lighthouse/{s}/{page}/metrics_ms/lcp")));
            if lcp.iter().any(Option::is_some) {
                t.row(&format!("{page} LCP (simulated)"), &lcp, " ms", None);
            }
        }
        let lr = per_site(&|s| {
            ratio(
                num(b, &format!("/lighthouse/{s}/feed/metrics_ms/lcp")),
                num(
                    b,
                    &format!("/lighthouse/{s}/static_baseline/metrics_ms/lcp"),
                ),
            )
        });
        if lr.iter().any(Option::is_some) {
            t.row("feed LCP / static LCP (simulated)", &lr, "x", None);
        }
    }
    t.lines.push(String::new());
    t.lines.push(format!(
        "took {:.0} s; details in target/bench/report.json",
        num(report, "/seconds").unwrap_or(0.0)
    ));
    (t.lines.join("\n"), Value::Array(t.targets))
}

#[cfg(test)]
mod tests {
    use super::is_split_module;

    #[test]
    fn split_modules_are_not_the_shell() {
        assert!(is_split_module(
            "broadsheet-c16ab6cff6e28072-article_bg.wasm"
        ));
        assert!(is_split_module(
            "broadsheet-c16ab6cff6e28072-chunk_3_bg.wasm"
        ));
        assert!(!is_split_module("broadsheet-c16ab6cff6e28072_bg.wasm"));
        assert!(!is_split_module("broadsheet-c16ab6cff6e28072-split.js"));
        assert!(!is_split_module("main-0123.css"));
    }
}
