//! `cargo xtask setup`: installs the toolchain pieces these offline machines need, only
//! when missing. Each version is pinned here because a later one changed something the
//! build relies on (Trunk's hooks and offline mode, wasm-bindgen matching Cargo.lock,
//! wasm-split-cli's output names, which `cargo xtask wasm` expects).

use std::path::PathBuf;
use std::process::Command;

use crate::flags::{Args, Task};
use crate::util::{cmd_output as output, read_to_string, root, run_cmd, Result};

/// `cargo xtask setup`.
pub const TASK: Task = Task {
    name: "setup",
    summary: "Install what is missing: wasm32 target, trunk, wasm-bindgen-cli, wasm-split-cli, node tools.",
    about: "trunk 0.22.1, wasm-bindgen-cli at the version in Cargo.lock, wasm-split-cli 0.2.4,\n\
            and the node tools of e2e/ (playwright-core, axe-core, binaryen's wasm-opt).\n\
            Every other task that needs them runs this first.",
    flags: &[],
    run: |_: &Args| tools(),
};

/// Trunk release known to work offline (it builds the page, CSS and `public/`; the
/// app's Wasm comes from its post-build hook, `cargo xtask wasm`).
pub const TRUNK_VERSION: &str = "0.22.1";

/// The `wasm-bindgen` version pinned in Cargo.lock.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = read_to_string(&root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

/// The crate of `wasm-split-cli`, which splits the app's Wasm (`cargo xtask wasm`), at the
/// version whose output format that task expects.
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

/// Installs whatever the build needs and is missing.
pub fn tools() -> Result {
    install(false)
}

/// [`tools`], plus what only the tests need: Chromium and Python's feedparser.
pub fn tools_and_browser() -> Result {
    install(true)
}

fn install(with_browser: bool) -> Result {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let trunk = output("trunk", &["--version"]).unwrap_or_default();
    if !trunk.contains(TRUNK_VERSION) {
        eprintln!("installing trunk {TRUNK_VERSION} (about 13 minutes on 2 cores, once)");
        run_cmd(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--ignore-rust-version",
        ]))?;
    }
    let wbg = locked_wasm_bindgen()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !have.contains(&wbg) {
        // `--locked` fails for this crate here: a pinned dependency left the registry.
        run_cmd(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wbg]))?;
    }
    // It prints no version, but cargo knows what it installed.
    let installed = output("cargo", &["install", "--list"]).unwrap_or_default();
    if !installed.contains(&format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:")) {
        run_cmd(Command::new("cargo").args([
            "install",
            "--locked",
            "wasm_split_cli_support",
            "--version",
            WASM_SPLIT_VERSION,
            "--features",
            "build-binary",
        ]))?;
    }
    let e2e = root().join("e2e");
    if !e2e.join("node_modules/.bin/wasm-opt").exists()
        || !e2e.join("node_modules/playwright-core").exists()
    {
        run_cmd(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&e2e),
        )?;
    }
    if with_browser && output("python3", &["-c", "import feedparser"]).is_none() {
        // The feed tests validate RSS/Atom with a real parser from PyPI.
        run_cmd(Command::new("python3").args(["-m", "pip", "install", "--quiet", "feedparser"]))?;
    }
    if with_browser && !PathBuf::from("/usr/bin/chromium").exists() {
        run_cmd(Command::new("apt-get").arg("update"))?;
        run_cmd(Command::new("apt-get").args(["install", "-y", "chromium", "chromium-driver"]))?;
    }
    Ok(())
}
