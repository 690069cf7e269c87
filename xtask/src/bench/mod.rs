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
//! 5. Lighthouse (mobile) scores of the feed and an article page, served compressed;
//! 6. publishing: `cargo xtask dist` at 1k, 10k and 100k articles (full and incremental
//!    build time, peak memory, output files) against Debian's Hugo on the same files.
//!
//! Browser parts live in `bench/` (node; `npm ci` on first use). Every figure is also
//! given as a ratio against a baseline measured in the same run. Nothing here asserts on
//! time: targets are reported, never enforced.
//!
//! The parts: `native` (parse timings in this process), `sizes` (transfer sizes of a
//! built site), `browser` (the node half: its config and its typed results),
//! `pathological` and `search` (their own small tables), `publish` (the publishing rows,
//! with `measure` timing child processes and `hugo` the anchor site), `report` and
//! `figure` (every result type), `table` and `summary` (the printed table). Only this
//! file knows the order.

mod browser;
mod figure;
mod hugo;
mod measure;
mod native;
mod pathological;
mod publish;
mod report;
mod search;
mod sizes;
mod summary;
mod table;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::flags::{Args, Flag, Task};
use crate::site_config::SiteConfig;
use crate::util::{create_dir_all, root, run_cmd, to_json_pretty, write, Result};
use crate::{corpus, dist, setup, site_config};

/// `cargo xtask bench`.
pub const TASK: Task = Task {
    name: "bench",
    summary: "Parse, size, first-card, filter, Lighthouse, pathological-markdown and search figures; a table and target/bench/report.json.",
    about: "Sample, 1k and 10k sites: parse throughput natively and in Chromium (Wasm vs\n\
            gray-matter/js-yaml/markdown-it), transfer sizes, first card and LCP vs a static\n\
            page, filter latency, Lighthouse, pathological markdown per KiB, search bytes and\n\
            time per query (release build, ~15 min).",
    flags: &[
        Flag::value("--runs", "N", "samples per figure (default: 5)"),
        Flag::switch("--native-only", "skip everything that needs Chromium"),
        Flag::switch("--reuse-dist", "reuse the sites built by an earlier run"),
        Flag::switch(
            "--no-100k",
            "skip the 100k-article figures (native parse and publishing)",
        ),
        Flag::switch(
            "--publish-only",
            "native parse and the publishing rows (dist vs Hugo) only, no browser",
        ),
        Flag::value(
            "--config",
            "FILE",
            "the configuration of the sites the bench builds (default: broadsheet.toml)",
        ),
        Flag::value(
            "--native-parse",
            "DIR",
            "internal (bench/bench.mjs): print native parse timings of DIR as JSON",
        ),
    ],
    run,
};

/// Corpus sizes generated next to the sample site, measured natively and in Chromium.
const CORPORA: [usize; 2] = [1_000, 10_000];
/// Generated sites measured natively only: parse speed and the bundle's first data.
const NATIVE_CORPORA: [usize; 1] = [100_000];
/// Sites whose filter click is timed, and sites Lighthouse audits.
const FILTER_SITES: [&str; 2] = ["sample", "10000"];
/// Lighthouse at 10k does not finish within its 4-minute timeout (the feed renders every
/// card), so it runs on the sample site only.
const LIGHTHOUSE_SITES: [&str; 1] = ["sample"];

/// A site of the bench.
struct Site {
    name: String,
    /// Built with `cargo xtask dist` and measured in Chromium; the largest corpus is
    /// measured natively only (its data before the first card comes from the bundle).
    browser: bool,
    content: PathBuf,
    dist: PathBuf,
    articles: usize,
}

/// `cargo xtask bench [--runs N] [--native-only] [--reuse-dist] [--no-100k]
/// [--publish-only] [--config FILE]` (and `--native-parse DIR`, which the browser bench
/// calls).
fn run(args: &Args) -> Result {
    if cfg!(debug_assertions) {
        // Native timings of a debug build would be meaningless: run the release build.
        eprintln!("bench: re-running as a release build (cargo run --release -p xtask)");
        let argv: Vec<String> = std::env::args().skip(2).collect();
        return run_cmd(
            Command::new("cargo")
                .current_dir(root())
                .args(["run", "--quiet", "--release", "-p", "xtask", "--", "bench"])
                .args(argv),
        );
    }
    let runs: usize = args.parsed_or("--runs", 5)?.max(1);
    let config = site_config::load(args.value("--config").map(Path::new))?;
    if let Some(dir) = args.value("--native-parse") {
        return native::native_parse(Path::new(dir), runs);
    }
    let started = Instant::now();
    let out = root().join("target/bench");
    create_dir_all(&out)?;
    let mut sites = vec![Site {
        name: "sample".into(),
        browser: true,
        content: root().join("content"),
        dist: out.join("site-sample"),
        articles: 0,
    }];
    let no_100k = args.switch("--no-100k");
    let publish_only = args.switch("--publish-only");
    if publish_only && args.switch("--native-only") {
        return Err("--publish-only and --native-only exclude each other".into());
    }
    let all = CORPORA.iter().map(|n| (*n, true));
    let native_only = NATIVE_CORPORA
        .iter()
        .filter(|n| !(no_100k && **n >= 100_000));
    for (n, browser) in all.chain(native_only.map(|n| (*n, false))) {
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

    let mut parse = Vec::new();
    for site in &mut sites {
        eprintln!("bench: native {}", site.name);
        let row = native::row(&site.name, &site.content, runs)?;
        site.articles = row.articles;
        parse.push(row);
    }

    let mut report = report::Report {
        runs,
        native_build: "release (cargo run --release -p xtask)".into(),
        parse,
        wasm_builds: None,
        sizes: None,
        stable_fallback: None,
        browser: None,
        pathological_wasm: None,
        pathological_markdown: Vec::new(),
        search: Vec::new(),
        publish: None,
        seconds: 0.0,
        targets: Vec::new(),
    };
    if !args.switch("--native-only") {
        let sizes: Vec<usize> = publish::SIZES
            .into_iter()
            .filter(|n| !(no_100k && *n >= 100_000))
            .collect();
        report.publish = Some(publish::run(&sizes, runs)?);
    }
    if !args.switch("--native-only") && !publish_only {
        let reuse = args.switch("--reuse-dist");
        let config_path = args.value("--config").map(Path::new);
        browser_part(&mut report, &sites, &out, runs, reuse, &config, config_path)?;
    }
    if !publish_only {
        report.pathological_markdown = pathological::native(runs);
        report.search = search::run(runs, &CORPORA)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    let names: Vec<String> = sites.iter().map(|s| s.name.clone()).collect();
    let (table, targets) = summary::table(&report, &names);
    report.targets = targets;
    println!("{table}");
    write(
        &out.join("report.json"),
        to_json_pretty("report.json", &report)?,
    )?;
    println!("wrote target/bench/report.json");
    Ok(())
}

/// The sample site built as a machine without the pinned nightly builds it (stable, see
/// `docs/BUILD.md`), by a `dist` of its own (the choice is read from the environment of
/// Trunk's hook): its sizes, so the fallback's main Wasm file is reported too.
fn stable_fallback(
    sample: &Site,
    out: &Path,
    reuse_dist: bool,
    config_path: Option<&Path>,
) -> Result<report::SiteSizes> {
    let dir = out.join("site-sample-stable");
    if !(reuse_dist && dir.join("index.html").exists()) {
        eprintln!("bench: dist sample, stable fallback");
        let exe = std::env::current_exe().map_err(|e| format!("this executable's path: {e}"))?;
        let mut cmd = Command::new(exe);
        cmd.current_dir(root())
            .arg("dist")
            .arg("--content")
            .arg(&sample.content)
            .arg("--out")
            .arg(&dir)
            .args(["--site-url", "http://127.0.0.1:8080/"])
            .env(crate::wasm::RUST_ENV, "stable");
        if let Some(path) = config_path {
            cmd.arg("--config").arg(path);
        }
        run_cmd(&mut cmd)?;
    }
    sizes::site_sizes(&dir)
}

/// Everything that needs Chromium: the bench-wasm builds, a `dist` of each browser site
/// and its sizes, then the node half.
fn browser_part(
    report: &mut report::Report,
    sites: &[Site],
    out: &Path,
    runs: usize,
    reuse_dist: bool,
    config: &SiteConfig,
    config_path: Option<&Path>,
) -> Result {
    setup::tools()?;
    if !Path::new("/usr/bin/chromium").exists() && std::env::var_os("CHROME_PATH").is_none() {
        return Err(
            "Chromium not found: install it (apt-get install chromium) or set CHROME_PATH".into(),
        );
    }
    let page = out.join("page");
    create_dir_all(&page)?;
    report.wasm_builds = Some(browser::build_wasm(&page)?);
    pathological::write_cases(&page)?;
    let mut sizes = std::collections::BTreeMap::new();
    for site in sites.iter().filter(|s| s.browser) {
        let built = site.dist.join("index.html").exists();
        if !(reuse_dist && built) {
            eprintln!("bench: dist {}", site.name);
            // The bench serves the site itself, on 127.0.0.1 (the address is only in
            // canonical links and feeds; kept as before so sizes stay comparable).
            let url = "http://127.0.0.1:8080/";
            let mut options = dist::Options::new(&site.content, &site.dist, url)?;
            options.config = config.clone();
            dist::build(&options)?;
        }
        sizes.insert(site.name.clone(), sizes::site_sizes(&site.dist)?);
    }
    report.sizes = Some(sizes);
    if let Some(sample) = sites.iter().find(|s| s.name == "sample") {
        report.stable_fallback = Some(stable_fallback(sample, out, reuse_dist, config_path)?);
    }
    let config = browser::Config {
        runs,
        out: out.join("browser.json"),
        out_dir: out.to_path_buf(),
        page_dir: page,
        sites: sites
            .iter()
            .filter(|s| s.browser)
            .map(|s| browser::ConfigSite {
                name: s.name.clone(),
                content: s.content.clone(),
                dist: s.dist.clone(),
                articles: s.articles,
            })
            .collect(),
        filter_sites: FILTER_SITES.map(String::from).to_vec(),
        native_parse: std::env::current_exe()
            .map_err(|e| format!("this executable's path: {e}"))?,
        lighthouse_sites: LIGHTHOUSE_SITES.map(String::from).to_vec(),
        asset_names: crate::asset_names::Patterns::new(),
    };
    let results = browser::run(&config, out)?;
    report.pathological_wasm = Some(pathological::wasm(&results.parse.pathological_wasm));
    report.browser = Some(results);
    Ok(())
}
