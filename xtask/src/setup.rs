//! Installs the toolchain pieces these offline machines need, only when missing.
//! See `../shared/TOOLCHAIN.md`-style notes in the README for why each is pinned.

use std::path::PathBuf;
use std::process::Command;

use crate::root;

/// Trunk release known to work offline (it builds the page, CSS and `public/`; the
/// app's Wasm comes from its post-build hook, `cargo xtask wasm`).
pub const TRUNK_VERSION: &str = "0.22.1";

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    Command::new(cmd)
        .args(args)
        .envs(tool_env())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Runs a command with the tool PATH, failing with its name on a non-zero exit.
pub fn run_cmd(cmd: &mut Command) -> crate::Result {
    let shown = format!("{cmd:?}");
    eprintln!("$ {shown}");
    let status = cmd
        .envs(tool_env())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// `PATH` with the node tools (wasm-opt from npm's binaryen) and cargo's bin first, so
/// Debian's broken wasm-opt is never picked up.
pub fn tool_env() -> Vec<(String, String)> {
    let mut parts: Vec<PathBuf> = vec![root().join("e2e/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").into_os_string())
    }) {
        parts.push(PathBuf::from(home).join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    let joined = std::env::join_paths(parts)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    vec![("PATH".to_string(), joined)]
}

/// The `wasm-bindgen` version pinned in Cargo.lock.
pub fn locked_wasm_bindgen() -> crate::Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
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

/// Installs whatever is missing. `with_browser` also ensures Chromium (tests only).
pub fn run(with_browser: bool) -> crate::Result {
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
