//! The browser half's side of the boundary: builds what the parse page loads
//! (`crates/bench-wasm`, twice), writes `config.json` for `bench/bench.mjs`, runs it, and
//! reads its `browser.json` into typed [`Browser`] results (a missing field is an error
//! that names it; see `report.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use super::report::{Browser, WasmBuild, WasmBuilds};
use crate::asset_names::Patterns;
use crate::util::{brotli_len, read, read_json, root, run_cmd, to_json_pretty, write, Result};

/// A site the browser half measures.
#[derive(Debug, Serialize)]
pub struct ConfigSite {
    /// Its name in the table (`sample`, `1000`, …).
    pub name: String,
    /// Its articles.
    pub content: PathBuf,
    /// Its `cargo xtask dist` output.
    pub dist: PathBuf,
    /// How many articles it has.
    pub articles: usize,
}

/// `config.json`, what `bench/bench.mjs` reads.
#[derive(Debug, Serialize)]
pub struct Config {
    /// Runs per figure.
    pub runs: usize,
    /// Where it writes `browser.json`.
    pub out: PathBuf,
    /// Where it writes Lighthouse reports.
    pub out_dir: PathBuf,
    /// The parse page's folder (with `pkg-app`, `pkg-o3`, `pathological.json`).
    pub page_dir: PathBuf,
    /// The sites.
    pub sites: Vec<ConfigSite>,
    /// Sites whose filter click is timed.
    pub filter_sites: Vec<String>,
    /// This very (release) build, for the native timings taken around each site's parse.
    pub native_parse: PathBuf,
    /// Sites Lighthouse audits.
    pub lighthouse_sites: Vec<String>,
    /// The hashed file-name rules (`asset_names`): which files are split modules, which
    /// may be cached forever.
    pub asset_names: Patterns,
}

/// Builds `crates/bench-wasm` with the app's release profile (`opt-level = "z"`, the
/// parse crates at 3) and with everything at 3, runs wasm-bindgen `--target web` and
/// binaryen's wasm-opt (as `cargo xtask wasm` does for the app) into `page/pkg-app` and
/// `page/pkg-o3`. Returns their sizes.
pub fn build_wasm(page: &Path) -> Result<WasmBuilds> {
    let build = |name: &str, level: &str, target_dir: PathBuf| -> Result<WasmBuild> {
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
        let bytes = read(&wasm)?;
        Ok(WasmBuild {
            opt_level: level.to_string(),
            wasm_bytes: bytes.len(),
            wasm_brotli_bytes: brotli_len(&bytes),
        })
    };
    Ok(WasmBuilds {
        app: build("app", "z", root().join("target"))?,
        o3: build("o3", "3", root().join("target/bench/cargo-o3"))?,
    })
}

/// Runs `bench/bench.mjs` with `config` (installing its node modules on first use) and
/// reads what it wrote.
pub fn run(config: &Config, out: &Path) -> Result<Browser> {
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
    write(&path, to_json_pretty("config.json", config)?)?;
    run_cmd(
        Command::new("node")
            .arg("bench.mjs")
            .arg(&path)
            .current_dir(&dir),
    )?;
    read_json(&config.out)
}
