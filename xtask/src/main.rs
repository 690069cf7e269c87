//! `cargo xtask`: Broadsheet's build-time tool, reusing `broadsheet-core`.
//!
//! Every task a newcomer or CI needs is here, so there is one way to do each thing:
//! `setup`, `bundle`, `serve`, `dist`, `test`. Run `cargo xtask --help` for details.

mod args;
mod bench;
mod bench_pathological;
mod bench_search;
mod bundle;
mod corpus;
mod dist;
mod fuzz;
mod headers;
mod offline;
mod prerender;
mod setup;
mod test;
mod wasm;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task> [options]

Tasks:
  setup                 Install what is missing: wasm32 target, trunk 0.22.1,
                        wasm-bindgen-cli (the version in Cargo.lock), wasm-split-cli
                        0.2.4, node tools (playwright-core, axe-core, binaryen's wasm-opt).
  bundle [--content DIR] [--out DIR] [--strict]
                        Validate content/*.md and write DIR/data/ (default: public/).
                        Bad files are reported as path:line: reason and skipped;
                        --strict makes any report fatal.
  serve [--port N]      setup + bundle, then serve the site on 127.0.0.1 with live reload.
  dist [--content DIR] [--out DIR] [--base-path /sub/] [--site-url URL] [--strict] [--debug]
                        Release build of a deployable folder (default dist/): app shell,
                        data bundle, a prerendered page per article, 404.html.
  gen-corpus --count N --seed S --out DIR
                        Deterministic synthetic articles in the seed schema.
  bench [--runs N] [--native-only] [--reuse-dist]
                        Sample, 1k and 10k sites: parse throughput natively and in
                        Chromium (Wasm vs gray-matter/js-yaml/markdown-it), transfer
                        sizes, first card and LCP vs a static page, filter latency,
                        Lighthouse, pathological markdown per KiB, search bytes and
                        time per query; prints a table and
                        writes target/bench/report.json (release build, ~15 min).
  fuzz [--seconds N]    Coverage-guided fuzzing of split -> parse -> render (cargo-fuzz,
                        nightly toolchain), seeded with content/ and the hostile corpus.
  wasm                  Trunk's post-build hook: builds the app's Wasm with its split
                        points, in one file per split module (wasm-split-cli).
  test                  Every test tier: article, core (native), wasm-bindgen (headless Chromium),
                        end-to-end (Playwright against a built dist/).
";

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Lower-case hex of `bytes` (digests in file names, build ids and cache keys).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An error that ends the task with a message.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.is_empty() || argv.iter().any(|a| a == "--help" || a == "-h") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let task = argv.remove(0);
    let result = match task.as_str() {
        "setup" => setup::run(false),
        "bundle" => bundle::run(&argv),
        "serve" => dist::serve(&argv),
        "dist" => dist::run(&argv),
        "test" => test::run(&argv),
        "fuzz" => fuzz::run(&argv),
        "bench" => bench::run(&argv),
        "gen-corpus" => corpus::run(&argv),
        "wasm" => wasm::run(),
        other => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}
