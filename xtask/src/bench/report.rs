//! The typed shape of the bench's results: what the browser half (`bench/bench.mjs`)
//! writes to `browser.json`, what `--native-parse` prints for it, and what the Rust half
//! writes to `target/bench/report.json`.
//!
//! Why typed: the table used to look figures up by JSON pointer and printed `-` for any
//! it did not find, so a renamed key in `bench.mjs` quietly emptied a row. Now a figure
//! the browser could not take is an explicit `null` ([`Figure::NotMeasured`]), and a
//! missing field fails the bench when `browser.json` is read, naming the field.
//! Maps (keyed by site, page or timed case) hold what was run: a case that was not run at
//! a size (the O3 Wasm build at 10k, say) is absent, and the table shows it as not measured.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::figure::Figure;
use super::publish::Publish;
use super::table::Target;

/// What `cargo xtask bench --native-parse DIR` prints (one line): the native timings
/// the browser takes just before and after it times the same articles.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NativeParse {
    /// ms per pass, front-matter only.
    pub front_matter_ms: f64,
    /// ms per pass, front-matter and body.
    pub front_matter_and_body_ms: f64,
}

/// The native figures of one site.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NativeRow {
    /// The site's name (`sample`, `1000`, …).
    pub site: String,
    /// Articles read.
    pub articles: usize,
    /// Bytes of markdown.
    pub bytes: usize,
    /// ms per pass: a UTF-8 check of every file (the baseline).
    pub baseline_utf8_ms: f64,
    /// ms per pass: the bundler's front-matter read.
    pub native_front_matter_ms: f64,
    /// ms per pass: front-matter and body rendered.
    pub native_front_matter_and_body_ms: f64,
    /// Front-matter throughput.
    pub front_matter_mb_per_s: f64,
    /// Front-matter and body throughput.
    pub full_mb_per_s: f64,
    /// Front-matter over the baseline.
    pub ratio_front_matter_to_baseline: f64,
    /// ms per pass of the Wasm bench's own front-matter function, natively.
    pub native_same_as_wasm_front_matter_ms: f64,
    /// The same, front-matter and body.
    pub native_same_as_wasm_front_matter_and_body_ms: f64,
    /// The YAML parse alone, serde_yaml.
    pub native_yaml_tree_serde_yaml_ms: f64,
    /// The YAML parse alone, yaml-rust2.
    pub native_yaml_tree_yaml_rust2_ms: f64,
    /// The summary and first feed page, raw.
    pub first_data_bytes: usize,
    /// The same, brotli.
    pub first_data_brotli_bytes: usize,
}

/// A build of `crates/bench-wasm`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WasmBuild {
    /// Its opt-level (`z` or `3`).
    pub opt_level: String,
    /// Size of the Wasm after wasm-opt.
    pub wasm_bytes: usize,
    /// The same, brotli.
    pub wasm_brotli_bytes: usize,
}

/// The two builds of `crates/bench-wasm`: the app's profile, and everything at O3.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WasmBuilds {
    /// The app's release profile.
    pub app: WasmBuild,
    /// Everything at opt-level 3.
    pub o3: WasmBuild,
}

/// Raw and brotli sizes of a file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Sizes {
    /// Bytes.
    pub raw: usize,
    /// Bytes after brotli.
    pub brotli: usize,
}

/// A group of built files and their brotli total.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileGroup {
    /// Each file.
    pub files: BTreeMap<String, Sizes>,
    /// The sum of their brotli sizes.
    pub total_brotli_bytes: usize,
}

/// The data the app fetches before its first card.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FirstData {
    /// The files, relative to the site.
    pub files: Vec<String>,
    /// Their raw total.
    pub raw: usize,
    /// Their brotli total.
    pub brotli_bytes: usize,
}

/// Transfer sizes of one built site.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SiteSizes {
    /// html + js + wasm + css every page loads.
    pub shell: FileGroup,
    /// Split modules, fetched on first use.
    pub split_modules: FileGroup,
    /// The summary and first page of the feed.
    pub data_before_first_card: FirstData,
}

/// The browser half's results (`browser.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Browser {
    /// Chromium's version line.
    pub chromium: String,
    /// Runs asked for.
    pub runs: usize,
    /// Parse throughput per site, and pathological markdown in Wasm.
    pub parse: BrowserParse,
    /// First card and LCP per site.
    pub first_card: BTreeMap<String, FirstCard>,
    /// Filter latency per site (the filter sites only).
    pub filter: BTreeMap<String, Filter>,
    /// Lighthouse per site, then per page (`feed`, `article`, `static_baseline`).
    pub lighthouse: BTreeMap<String, BTreeMap<String, Lighthouse>>,
}

/// The parse page's results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BrowserParse {
    /// Hostile markdown rendered in Wasm.
    pub pathological_wasm: PathologicalWasm,
    /// Errors the page logged (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// Per site, keyed by its name (beside the two fields above in the JSON).
    #[serde(flatten)]
    pub sites: BTreeMap<String, ParseSite>,
}

/// One site's parse timings in Chromium.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParseSite {
    /// Files parsed.
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
    /// Passes per timed sample.
    pub reps_per_sample: usize,
    /// Samples per case.
    pub runs: usize,
    /// ms per pass, per case that ran (`js_graymatter_fm`, `wasm_app_full_bytes`, …).
    pub median_ms: BTreeMap<String, Figure>,
    /// Every sample, per case.
    pub samples_ms: BTreeMap<String, Vec<Figure>>,
    /// A checksum per case, to see that every stack parsed the same.
    pub checks: BTreeMap<String, serde_json::Value>,
    /// Native timings just before and after; `null` when either failed.
    #[serde(deserialize_with = "Option::deserialize")]
    pub native_around: Option<Around>,
}

impl ParseSite {
    /// The median of `case`; not measured when the case did not run for this site.
    pub fn median(&self, case: &str) -> Figure {
        self.median_ms.get(case).copied().unwrap_or_default()
    }
}

/// Native timings taken around a site's parse in Chromium.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Around {
    /// Just before.
    pub before: NativeParse,
    /// Just after.
    pub after: NativeParse,
}

/// Pathological markdown rendered in Wasm, or why it could not be.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PathologicalWasm {
    /// One row per case and size.
    Rows(Vec<WasmPathologicalRow>),
    /// The page could not run it.
    Failed {
        /// Why.
        error: String,
    },
}

/// One hostile input rendered in Wasm.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WasmPathologicalRow {
    /// The case.
    pub input: String,
    /// Its size.
    pub kib: u64,
    /// ms for one render (median).
    pub ms: Figure,
    /// The same per KiB.
    pub ms_per_kib: Figure,
}

/// First card, app against a static page with the same cards.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FirstCard {
    /// Page loads of each.
    pub runs: usize,
    /// The app.
    pub app: CardLoad,
    /// The static page.
    #[serde(rename = "static")]
    pub static_page: CardLoad,
    /// App over static, first card.
    pub ratio_first_card: Figure,
    /// App over static, LCP.
    pub ratio_lcp: Figure,
    /// Every load.
    pub samples: serde_json::Value,
}

/// Medians of the loads of one page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CardLoad {
    /// First card painted.
    pub first_card_ms: Figure,
    /// First card in the DOM.
    pub card_in_dom_ms: Figure,
    /// The app's own cards in place.
    pub app_cards_ms: Figure,
    /// Largest contentful paint.
    pub lcp_ms: Figure,
    /// First contentful paint.
    pub fcp_ms: Figure,
    /// Encoded bytes fetched before the first card, by kind.
    pub bytes_before_first_card: BytesBefore,
    /// Encoded bytes of split modules fetched before the app's cards.
    pub split_modules_before_app_cards: Figure,
}

/// Encoded bytes fetched before the first card.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BytesBefore {
    /// The page.
    pub html: Figure,
    /// `data/`.
    pub data: Figure,
    /// js, wasm, css.
    pub shell: Figure,
    /// Anything else.
    pub other: Figure,
}

/// A tag-chip click timed to the updated feed painted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Filter {
    /// Page loads.
    pub runs: usize,
    /// Clicks with the list page in memory.
    pub warm_clicks: usize,
    /// Click to feed painted, list page fetched.
    pub filter_ms: Figure,
    /// The same, list page in memory.
    pub filter_warm_ms: Figure,
    /// Click to first rows painted, fetched.
    pub filter_first_painted_ms: Figure,
    /// The same, in memory.
    pub filter_warm_first_painted_ms: Figure,
    /// First task after the first rows' frame, fetched.
    pub filter_first_task_after_frame_ms: Figure,
    /// The same, in memory.
    pub filter_warm_first_task_after_frame_ms: Figure,
    /// Click to the last DOM change.
    pub dom_settled_ms: Figure,
    /// One trivial DOM change to painted.
    pub frame_baseline_ms: Figure,
    /// Filter over that baseline.
    pub ratio_to_frame: Figure,
    /// Cards before the click.
    pub cards_before: Figure,
    /// Cards after it.
    pub cards_after: Figure,
    /// The tag clicked.
    pub tag: String,
    /// The query it led to.
    pub query: String,
    /// Every click.
    pub samples: serde_json::Value,
}

/// One Lighthouse audit, or why it failed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Lighthouse {
    /// It ran.
    Ran(Box<LighthouseRun>),
    /// Lighthouse failed.
    Failed {
        /// The page.
        url: String,
        /// Why.
        error: String,
    },
}

/// A Lighthouse run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LighthouseRun {
    /// The page.
    pub url: String,
    /// Its full report.
    pub report: String,
    /// Category scores, 0 to 100.
    pub scores: Scores,
    /// Simulated metrics.
    pub metrics_ms: Metrics,
    /// Audits that lost points, per category.
    pub failing_audits: serde_json::Value,
    /// Details of a few audits.
    pub details: serde_json::Value,
    /// Lighthouse's own error, when it had one (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_error: Option<String>,
}

/// Lighthouse category scores.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scores {
    /// Performance.
    pub performance: Figure,
    /// Accessibility.
    pub accessibility: Figure,
    /// Best practices.
    pub best_practices: Figure,
    /// SEO.
    pub seo: Figure,
}

/// Lighthouse metrics (simulated).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Metrics {
    /// First contentful paint.
    pub fcp: Figure,
    /// Largest contentful paint.
    pub lcp: Figure,
    /// Total blocking time.
    pub tbt: Figure,
    /// Speed index.
    pub si: Figure,
    /// Cumulative layout shift.
    pub cls: Figure,
}

/// A native pathological-markdown row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathologicalRow {
    /// The case.
    pub input: String,
    /// Its size.
    pub kib: usize,
    /// µs per KiB (median).
    pub us_per_kib: f64,
    /// Against ordinary text of the same size.
    pub ratio_to_ordinary: f64,
}

/// The worst Wasm render per size.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorstCase {
    /// The case.
    pub input: String,
    /// ms for one render.
    pub ms: f64,
    /// Against ordinary text of the same size.
    pub ratio_to_ordinary: f64,
}

/// Pathological markdown in Wasm: the rows, and the worst case per size (`64_kib`, …).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathologicalWasmSummary {
    /// As the browser sent them.
    pub rows: PathologicalWasm,
    /// The worst case per size.
    pub worst: BTreeMap<String, WorstCase>,
}

/// One search query on one site.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchRow {
    /// The site.
    pub site: String,
    /// The query.
    pub query: String,
    /// Manifest and needed shards, raw.
    pub raw_bytes: usize,
    /// The same, brotli.
    pub brotli_bytes: usize,
    /// Shards needed.
    pub shards: usize,
    /// Native parse and rank (median).
    pub native_ms: f64,
    /// Results.
    pub hits: usize,
    /// The manifest alone, brotli.
    pub manifest_brotli_bytes: usize,
}

/// `target/bench/report.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Runs per figure.
    pub runs: usize,
    /// How the native figures were built.
    pub native_build: String,
    /// Native figures per site.
    pub parse: Vec<NativeRow>,
    /// The bench-wasm builds (browser runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wasm_builds: Option<WasmBuilds>,
    /// Transfer sizes per built site (browser runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizes: Option<BTreeMap<String, SiteSizes>>,
    /// Transfer sizes of the sample site built with stable, the fallback of machines
    /// without the pinned nightly (browser runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stable_fallback: Option<SiteSizes>,
    /// The browser half's results (browser runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<Browser>,
    /// Pathological markdown in Wasm (browser runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pathological_wasm: Option<PathologicalWasmSummary>,
    /// Pathological markdown, native.
    pub pathological_markdown: Vec<PathologicalRow>,
    /// Search per query.
    pub search: Vec<SearchRow>,
    /// Publishing: dist at 1k/10k/100k against Hugo (absent when not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<Publish>,
    /// Seconds the bench took.
    pub seconds: f64,
    /// Every target and its outcome.
    pub targets: Vec<Target>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_figure_is_an_error_and_null_is_not_measured() {
        let ok: Scores = serde_json::from_str(
            r#"{"performance": 99, "accessibility": null, "best_practices": 100.0, "seo": 100}"#,
        )
        .unwrap();
        assert_eq!(ok.performance, Figure::Measured(99.0));
        assert_eq!(ok.accessibility, Figure::NotMeasured);
        let missing = serde_json::from_str::<Scores>(
            r#"{"performance": 99, "accessibility": 1, "best_practices": 1}"#,
        )
        .unwrap_err();
        assert!(
            missing.to_string().contains("missing field `seo`"),
            "{missing}"
        );
    }

    #[test]
    fn native_around_must_be_there_even_when_null() {
        let site = r#"{"files": 1, "bytes": 2, "reps_per_sample": 3, "runs": 1,
            "median_ms": {"wasm_app_fm": 1.5}, "samples_ms": {"wasm_app_fm": [1.5]},
            "checks": {"wasm_app_fm": 7}"#;
        let with_null = format!("{site}, \"native_around\": null}}");
        let parsed: ParseSite = serde_json::from_str(&with_null).unwrap();
        assert_eq!(parsed.median("wasm_app_fm"), Figure::Measured(1.5));
        assert_eq!(parsed.median("wasm_o3_fm"), Figure::NotMeasured);
        assert!(serde_json::from_str::<ParseSite>(&format!("{site}}}")).is_err());
    }

    #[test]
    fn parse_sites_sit_beside_the_pathological_rows() {
        let json = r#"{"pathological_wasm": {"error": "no render"}, "sample": {"files": 1,
            "bytes": 2, "reps_per_sample": 3, "runs": 1, "median_ms": {}, "samples_ms": {},
            "checks": {}, "native_around": null}}"#;
        let p: BrowserParse = serde_json::from_str(json).unwrap();
        assert!(matches!(
            p.pathological_wasm,
            PathologicalWasm::Failed { .. }
        ));
        assert_eq!(p.sites.keys().collect::<Vec<_>>(), ["sample"]);
    }
}
