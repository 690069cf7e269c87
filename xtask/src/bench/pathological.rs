//! Worst-case cost of rendering hostile markdown, per KiB, against ordinary article text
//! measured in the same run (issue: "bounded cost"). Part of `cargo xtask bench`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use broadsheet_core::markdown::render;

use super::report::{PathologicalRow, PathologicalWasm, PathologicalWasmSummary, WorstCase};
use crate::util::{median, to_json, write, Result};

/// Builds `kib` KiB of a pathological input from a repeating unit.
fn repeat_to(unit: &str, prefix: &str, kib: usize) -> String {
    let mut s = String::from(prefix);
    while s.len() < kib * 1024 {
        s.push_str(unit);
    }
    s
}

fn cases(kib: usize) -> Vec<(&'static str, String)> {
    let ordinary = "## Section\n\nThe *market* moved as [regulators](https://example.org) met; analysts said `yields` rose.\n\n- one\n- two\n\n";
    let refs: String = (0..kib * 30)
        .map(|i| format!("[r{i}]: https://example.org/{i}\n"))
        .collect();
    vec![
        (
            "ordinary article text (baseline)",
            repeat_to(ordinary, "", kib),
        ),
        ("nested block quotes", repeat_to(">", "", kib)),
        ("nested lists", repeat_to("- ", "", kib)),
        ("unclosed brackets", repeat_to("[", "", kib)),
        ("unclosed link destinations", repeat_to("[a](", "", kib)),
        ("emphasis runs", repeat_to("*a **a ", "", kib)),
        ("repeated headings", repeat_to("# a\n", "", kib)),
        (
            "huge reference map",
            format!("{}\n{}", repeat_to("[r1] ", "", kib / 2), refs),
        ),
        (
            "raw HTML soup",
            repeat_to("<div><script>x</script><img onerror=1>", "", kib),
        ),
    ]
}

/// Sizes measured in the browser: a large article, and the largest file accepted.
const BROWSER_KIB: [usize; 2] = [64, broadsheet_core::limits::MAX_FILE_BYTES / 1024];

/// Writes `pathological.json` (every case at [`BROWSER_KIB`]) for the bench page, which
/// times the core's render in Wasm on each, one call at a time.
pub fn write_cases(dir: &Path) -> Result {
    /// One case as the page reads it.
    #[derive(serde::Serialize)]
    struct Case {
        input: &'static str,
        kib: usize,
        text: String,
    }
    let cases: Vec<Case> = BROWSER_KIB
        .iter()
        .flat_map(|&kib| {
            cases(kib)
                .into_iter()
                .map(move |(input, text)| Case { input, kib, text })
        })
        .collect();
    write(
        &dir.join("pathological.json"),
        to_json("pathological.json", &cases)?,
    )
}

/// Renders each case at 64 KiB and 1 MiB; returns rows with µs per KiB and the ratio to
/// ordinary text, and prints a table.
pub fn native(runs: usize) -> Vec<PathologicalRow> {
    let mut rows = Vec::new();
    println!("\npathological markdown (render, native):");
    println!(
        "{:<34} {:>8} {:>12} {:>14}",
        "input", "KiB", "µs per KiB", "x ordinary"
    );
    for kib in [64usize, 1024] {
        let mut baseline = 0.0;
        for (name, input) in cases(kib) {
            let per_kib = median(
                (0..runs)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(render(&input));
                        t.elapsed().as_secs_f64() * 1e6 / (input.len() as f64 / 1024.0)
                    })
                    .collect(),
            );
            if baseline == 0.0 {
                baseline = per_kib;
            }
            println!(
                "{name:<34} {kib:>8} {per_kib:>12.1} {:>14.2}",
                per_kib / baseline
            );
            rows.push(PathologicalRow {
                input: name.to_string(),
                kib,
                us_per_kib: per_kib,
                ratio_to_ordinary: per_kib / baseline,
            });
        }
    }
    rows
}

/// Prints the hostile-markdown renders timed in Chromium (ms per call = how long opening
/// such an article blocks the page), each against ordinary text of the same size in the
/// same run; returns them with the worst case per size.
pub fn wasm(rows: &PathologicalWasm) -> PathologicalWasmSummary {
    let mut worst: BTreeMap<String, WorstCase> = BTreeMap::new();
    println!(
        "\npathological markdown (render in Wasm, Chromium, one call = one block of the page):"
    );
    match rows {
        PathologicalWasm::Failed { error } => println!("not measured: {error}"),
        PathologicalWasm::Rows(list) => {
            println!(
                "{:<34} {:>8} {:>10} {:>12}",
                "input", "KiB", "ms", "x ordinary"
            );
            let mut baseline = 0.0;
            for r in list {
                let Some(ms) = r.ms.get() else {
                    println!("{:<34} {:>8} {:>10}", r.input, r.kib, "-");
                    continue;
                };
                if r.input.starts_with("ordinary") {
                    baseline = ms;
                }
                let ratio = ms / f64::max(baseline, 1e-9);
                println!("{:<34} {:>8} {ms:>10.1} {ratio:>12.2}", r.input, r.kib);
                let key = format!("{}_kib", r.kib);
                if worst.get(&key).is_none_or(|w| w.ms < ms) {
                    worst.insert(
                        key,
                        WorstCase {
                            input: r.input.clone(),
                            ms,
                            ratio_to_ordinary: ratio,
                        },
                    );
                }
            }
        }
    }
    PathologicalWasmSummary {
        rows: rows.clone(),
        worst,
    }
}
