//! Worst-case cost of rendering hostile markdown, per KiB, against ordinary article text
//! measured in the same run (issue: "bounded cost"). Part of `cargo xtask bench`.

use std::time::Instant;

use broadsheet_core::markdown::render;

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
pub fn write_cases(dir: &std::path::Path) -> crate::Result {
    let cases: Vec<serde_json::Value> = BROWSER_KIB
        .iter()
        .flat_map(|&kib| {
            cases(kib).into_iter().map(
                move |(name, text)| serde_json::json!({ "input": name, "kib": kib, "text": text }),
            )
        })
        .collect();
    let json = serde_json::to_vec(&cases).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("pathological.json"), json).map_err(|e| e.to_string())
}

/// Renders each case at 64 KiB and 1 MiB; returns rows with µs per KiB and the ratio to
/// ordinary text, and prints a table.
pub fn run(runs: usize) -> serde_json::Value {
    let mut rows = Vec::new();
    println!("\npathological markdown (render, native):");
    println!(
        "{:<34} {:>8} {:>12} {:>14}",
        "input", "KiB", "µs per KiB", "x ordinary"
    );
    for kib in [64usize, 1024] {
        let mut baseline = 0.0;
        for (name, input) in cases(kib) {
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(render(&input));
                    t.elapsed().as_secs_f64() * 1e6 / (input.len() as f64 / 1024.0)
                })
                .collect();
            times.sort_by(f64::total_cmp);
            let per_kib = times[times.len() / 2];
            if baseline == 0.0 {
                baseline = per_kib;
            }
            println!(
                "{name:<34} {kib:>8} {per_kib:>12.1} {:>14.2}",
                per_kib / baseline
            );
            rows.push(serde_json::json!({
                "input": name, "kib": kib, "us_per_kib": per_kib, "ratio_to_ordinary": per_kib / baseline,
            }));
        }
    }
    serde_json::Value::Array(rows)
}
