//! The publishing rows of `cargo xtask bench`: `cargo xtask dist` of generated corpora
//! (seed 1) at 1k, 10k and 100k articles, run as a child process exactly as a publisher
//! types it, against Debian's Hugo building the same files.
//!
//! Per size: the full build into an empty folder with the app shell already built (one
//! untimed `dist` first warms the shell cache), the incremental build after one more
//! generated article is added to the content folder (same `--out`; the median of
//! three, each adding one more), the peak memory of
//! each (GNU time), the output's file count, size and files per article; and Hugo's full
//! build of the same files (1k and 10k). A step that fails leaves its figures not
//! measured, with the reason in the report and under the table; nothing is made up.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::figure::Figure;
use super::hugo;
use super::measure::{ensure_apt, output_stats, timed, OutputStats, Timing, GNU_TIME};
use super::table::{ratio, Cell, Goal, Table, Target};
use crate::corpus;
use crate::util::{cmd_output, root, Result};

/// Corpus sizes of the publishing rows; the last is skipped by `--no-100k`.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// Sizes Hugo builds too (the anchor is judged at 10k).
const HUGO_SIZES: [usize; 2] = [1_000, 10_000];
/// The size at which dist is compared with Hugo and its files per article are judged (the
/// issue's 10k figure; small sites have more shared files per article).
const HUGO_TARGET_SIZE: usize = 10_000;
/// The public URL given to every build.
const SITE_URL: &str = "https://example.org/";

/// The publishing section of `report.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Publish {
    /// The command each build runs (`cargo xtask dist …`).
    pub dist_command: String,
    /// How peak memory is measured, or why it is not.
    pub peak_memory: String,
    /// The untimed first `dist` that warms the shell cache.
    pub warm_up: Timing,
    /// Hugo's version, or why it could not run.
    pub hugo: HugoInfo,
    /// One entry per corpus size.
    pub sites: Vec<PublishSite>,
}

/// The anchor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HugoInfo {
    /// `hugo version`, when it could run.
    pub version: Option<String>,
    /// Why it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What Hugo was told about our front-matter.
    pub front_matter: String,
}

/// The publishing figures at one size.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishSite {
    /// Articles in the corpus.
    pub articles: usize,
    /// `dist` into an empty folder, shell cache warm.
    pub full: Timing,
    /// `dist` into the same folder after adding one article.
    pub incremental: Timing,
    /// What the full build wrote.
    pub output: Option<OutputStats>,
    /// Hugo on the same files (absent at sizes it does not build).
    pub hugo: Option<HugoSite>,
    /// dist full / Hugo full.
    pub ratio_full_to_hugo: Figure,
}

/// Hugo at one size.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HugoSite {
    /// `hugo --quiet --destination …` into an empty folder, after one untimed build.
    pub full: Timing,
    /// What it wrote.
    pub output: Option<OutputStats>,
}

/// Samples per figure at `n` articles: fewer for the larger corpora.
fn samples(n: usize, runs: usize) -> usize {
    match n {
        0..=1_000 => runs.min(3),
        1_001..=10_000 => runs.min(2),
        _ => 1,
    }
}

/// Incremental builds per size (see [`measure_dist`]).
const INCREMENTAL_SAMPLES: usize = 3;

/// What runs a build: `cargo xtask dist` from the workspace root, or `hugo`.
struct Builder {
    dir: PathBuf,
    gnu_time: bool,
}

impl Builder {
    fn dist_args(content: &Path, out: &Path) -> Vec<String> {
        [
            "xtask",
            "dist",
            "--content",
            &content.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--site-url",
            SITE_URL,
        ]
        .map(String::from)
        .to_vec()
    }

    /// One timed `dist`; first (untimed) makes sure cargo has nothing to rebuild, so a
    /// concurrent edit of xtask is never timed as part of a build.
    fn dist(
        &self,
        content: &Path,
        out: &Path,
        log: &str,
    ) -> std::result::Result<super::measure::Sample, String> {
        if cmd_output("cargo", &["xtask", "--help"]).is_none() {
            return Err("`cargo xtask --help` failed: xtask does not build".into());
        }
        timed(
            "cargo",
            &Self::dist_args(content, out),
            &root(),
            &self.dir.join(log),
            self.gnu_time,
        )
    }
}

/// Measures every size of `sizes` (generating the corpora); never fails on a build, only
/// when a corpus cannot be written.
pub fn run(sizes: &[usize], runs: usize) -> Result<Publish> {
    let dir = root().join("target/bench/publish");
    crate::util::create_dir_all(&dir)?;
    let (gnu_time, peak_memory) = match ensure_apt(GNU_TIME, "time", "peak memory") {
        Ok(_) => (
            true,
            format!(
                "{GNU_TIME} -f %M: peak resident memory of the build or any process it waited for"
            ),
        ),
        Err(e) => (false, format!("not measured: {e}")),
    };
    let builder = Builder {
        dir: dir.clone(),
        gnu_time,
    };
    let hugo = match hugo::ensure() {
        Ok(v) => HugoInfo {
            version: Some(v),
            error: None,
            front_matter: hugo::FRONT_MATTER.into(),
        },
        Err(e) => {
            eprintln!("bench: Hugo rows not measured: {e}");
            HugoInfo {
                version: None,
                error: Some(e),
                front_matter: hugo::FRONT_MATTER.into(),
            }
        }
    };
    let mut warm_up = Timing::default();
    let mut sites = Vec::new();
    for (i, &n) in sizes.iter().enumerate() {
        let content = dir.join(format!("content-{n}"));
        corpus::generate(n, 1, &content)?;
        remove_extra_articles(&content, n);
        let out = dir.join(format!("site-{n}"));
        if i == 0 {
            eprintln!("bench: publish: warming the shell cache (untimed dist of {n})");
            let _ = std::fs::remove_dir_all(&out);
            warm_up.add(builder.dist(&content, &out, "warm-up.log"));
        }
        let mut site = measure_dist(&builder, &content, &out, n, runs);
        remove_extra_articles(&content, n);
        if HUGO_SIZES.contains(&n) {
            site.hugo = Some(measure_hugo(&builder, &hugo, &dir, &content, n, runs));
        }
        let hugo_s = site.hugo.as_ref().and_then(|h| h.full.median_s.get());
        site.ratio_full_to_hugo = ratio(site.full.median_s.get(), hugo_s).into();
        sites.push(site);
    }
    Ok(Publish {
        dist_command: format!(
            "cargo {}",
            Builder::dist_args(Path::new("CONTENT"), Path::new("OUT")).join(" ")
        ),
        peak_memory,
        warm_up,
        hugo,
        sites,
    })
}

/// Deletes the articles an incremental run added (`gen-<i>` for `i >= n`).
fn remove_extra_articles(content: &Path, n: usize) {
    let Ok(entries) = std::fs::read_dir(content) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let index = name
            .strip_prefix("gen-")
            .and_then(|r| r.strip_suffix(".md"))
            .and_then(|i| i.parse::<usize>().ok());
        if index.is_some_and(|i| i >= n) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Full builds into an empty folder, then incremental builds each after one more article.
fn measure_dist(b: &Builder, content: &Path, out: &Path, n: usize, runs: usize) -> PublishSite {
    let mut full = Timing::default();
    for k in 0..samples(n, runs) {
        eprintln!("bench: publish: dist {n}, full build {}", k + 1);
        let _ = std::fs::remove_dir_all(out);
        full.add(b.dist(content, out, &format!("dist-{n}-full-{k}.log")));
    }
    let output = match &full.error {
        Some(_) if full.samples_s.is_empty() => None,
        _ => output_stats(out, n)
            .map_err(|e| full.error.get_or_insert(e).clone())
            .ok(),
    };
    let mut incremental = Timing::default();
    if full.samples_s.is_empty() {
        incremental = Timing::failed("no full build to add to");
    }
    // Three at every size, for a true median: the first runs while the disk still
    // writes back what the full build wrote (3.4 GB at 100k), which a site published
    // again minutes later never meets; every sample is in report.json.
    for k in 0..INCREMENTAL_SAMPLES {
        if full.samples_s.is_empty() {
            break;
        }
        // The next article gen-corpus would write, one more per sample.
        let i = n + k;
        let text = corpus::article_at(1, i);
        if let Err(e) = crate::util::write(&content.join(corpus::file_name(i)), text) {
            incremental.add(Err(e.to_string()));
            break;
        }
        eprintln!(
            "bench: publish: dist {n}, incremental build {} (article {i} added)",
            k + 1
        );
        incremental.add(b.dist(content, out, &format!("dist-{n}-incremental-{k}.log")));
    }
    PublishSite {
        articles: n,
        full,
        incremental,
        output,
        hugo: None,
        ratio_full_to_hugo: Figure::NotMeasured,
    }
}

/// Hugo on the same files: one untimed build, then timed builds into an empty folder.
fn measure_hugo(
    b: &Builder,
    info: &HugoInfo,
    dir: &Path,
    content: &Path,
    n: usize,
    runs: usize,
) -> HugoSite {
    let failed = |why: String| HugoSite {
        full: Timing::failed(why),
        output: None,
    };
    if let Some(e) = &info.error {
        return failed(e.clone());
    }
    let site = dir.join("hugo-site");
    if let Err(e) = hugo::write_site(&site, content) {
        return failed(e);
    }
    let dest = dir.join(format!("hugo-public-{n}"));
    let mut full = Timing::default();
    for k in 0..=samples(n, runs) {
        eprintln!(
            "bench: publish: hugo {n}, {}",
            if k == 0 {
                "warm-up".to_string()
            } else {
                format!("full build {k}")
            }
        );
        let _ = std::fs::remove_dir_all(&dest);
        let run = timed(
            "hugo",
            &hugo::args(&site, &dest),
            &site,
            &dir.join(format!("hugo-{n}-{k}.log")),
            b.gnu_time,
        );
        if k == 0 {
            if let Err(e) = run {
                return failed(e);
            }
        } else {
            full.add(run);
        }
    }
    let output = output_stats(&dest, n).ok();
    HugoSite { full, output }
}

/// The publishing table: one column per size, "not measured" where a build failed, and
/// the reasons below it.
pub fn table(p: &Publish) -> (Vec<String>, Vec<Target>) {
    let names: Vec<String> = p.sites.iter().map(|s| s.articles.to_string()).collect();
    let mut t = Table::new("Publishing: cargo xtask dist vs Hugo (medians)", &names);
    let nm = Cell::Missing("not measured");
    let cells = |f: &dyn Fn(&PublishSite) -> Option<f64>| -> Vec<Cell> {
        p.sites
            .iter()
            .map(|s| f(s).map_or(nm, Cell::Value))
            .collect()
    };
    let hugo_cells = |f: &dyn Fn(&HugoSite) -> Option<f64>| -> Vec<Cell> {
        p.sites
            .iter()
            .map(|s| match &s.hugo {
                None => Cell::Missing("not run"),
                Some(h) => f(h).map_or(nm, Cell::Value),
            })
            .collect()
    };
    let at = |size: usize, g: Goal| -> Vec<Option<Goal>> {
        p.sites
            .iter()
            .map(|s| (s.articles == size).then_some(g))
            .collect()
    };
    let none = vec![None; p.sites.len()];
    let mb = |x: Figure| x.get().map(|b| b / (1024.0 * 1024.0));
    t.section("Time (dist with the app shell already built)");
    t.row_cells(
        "dist, full build into an empty folder",
        &cells(&|s| s.full.median_s.get()),
        " s",
        &at(100_000, Goal::AtMost(60.0)),
    );
    t.row_cells(
        "dist, incremental: one article added",
        &cells(&|s| s.incremental.median_s.get()),
        " s",
        &at(100_000, Goal::AtMost(2.0)),
    );
    t.row_cells(
        "Hugo, full build of the same files",
        &hugo_cells(&|h| h.full.median_s.get()),
        " s",
        &none,
    );
    let ratio_cells: Vec<Cell> = p
        .sites
        .iter()
        .map(|s| match (&s.hugo, s.ratio_full_to_hugo.get()) {
            (None, _) => Cell::Missing("not run"),
            (_, Some(x)) => Cell::Value(x),
            (_, None) => nm,
        })
        .collect();
    t.row_cells(
        "dist full / Hugo full",
        &ratio_cells,
        "x",
        &at(HUGO_TARGET_SIZE, Goal::AtMost(1.0)),
    );
    t.section("Peak memory (max resident set of the build and its children)");
    t.row_cells(
        "dist, full build",
        &cells(&|s| mb(s.full.peak_rss_bytes)),
        " MB",
        &at(100_000, Goal::AtMost(2048.0)),
    );
    t.row_cells(
        "dist, incremental",
        &cells(&|s| mb(s.incremental.peak_rss_bytes)),
        " MB",
        &none,
    );
    t.row_cells(
        "Hugo, full build",
        &hugo_cells(&|h| mb(h.full.peak_rss_bytes)),
        " MB",
        &none,
    );
    t.section("Output");
    t.row_cells(
        "dist: files",
        &cells(&|s| s.output.map(|o| o.files as f64)),
        "",
        &none,
    );
    t.row_cells(
        "dist: MB",
        &cells(&|s| s.output.map(|o| o.bytes as f64 / 1e6)),
        "",
        &none,
    );
    t.row_cells(
        "dist: files per article",
        &cells(&|s| s.output.map(|o| o.files_per_article)),
        "",
        &at(HUGO_TARGET_SIZE, Goal::AtMost(4.0)),
    );
    t.row_cells(
        "Hugo: files",
        &hugo_cells(&|h| h.output.map(|o| o.files as f64)),
        "",
        &none,
    );
    t.row_cells(
        "Hugo: MB",
        &hugo_cells(&|h| h.output.map(|o| o.bytes as f64 / 1e6)),
        "",
        &none,
    );
    t.row_cells(
        "Hugo: files per article",
        &hugo_cells(&|h| h.output.map(|o| o.files_per_article)),
        "",
        &none,
    );
    let mut notes = vec![
        String::new(),
        format!(
            "  dist: `{}`; peak memory: {}",
            p.dist_command, p.peak_memory
        ),
    ];
    match (&p.hugo.version, &p.hugo.error) {
        (Some(v), _) => notes.push(format!("  Hugo: {v}; {}", p.hugo.front_matter)),
        (None, Some(e)) => notes.push(format!("  Hugo not measured: {e}")),
        (None, None) => {}
    }
    if let Some(e) = &p.warm_up.error {
        notes.push(format!("  warm-up dist failed: {e}"));
    }
    for s in &p.sites {
        for (what, e) in [
            ("dist full", &s.full.error),
            ("dist incremental", &s.incremental.error),
            ("Hugo", &s.hugo.as_ref().and_then(|h| h.full.error.clone())),
        ] {
            if let Some(e) = e {
                notes.push(format!("  {} at {}: {e}", what, s.articles));
            }
        }
    }
    t.lines.extend(notes);
    (t.lines, t.targets)
}
