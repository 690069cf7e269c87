//! `cargo xtask setup`: installs the toolchain pieces these offline machines need, only
//! when missing. Each version is pinned here because a later one changed something the
//! build relies on (Trunk's hooks and offline mode, wasm-bindgen matching Cargo.lock,
//! wasm-split-cli's output names, which `cargo xtask wasm` expects).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::flags::{Args, Task};
use crate::util::{cmd_output as output, read_to_string, root, run_cmd, Result};

/// `cargo xtask setup`.
pub const TASK: Task = Task {
    name: "setup",
    summary: "Install what is missing: wasm32 target, the app's nightly, trunk, wasm-bindgen-cli, wasm-split-cli, node tools.",
    about: "The pinned nightly of the app's release Wasm (optional: stable is used without it),\n\
            trunk 0.22.1, wasm-bindgen-cli at the version in Cargo.lock, wasm-split-cli 0.2.4,\n\
            and the node tools of e2e/ (playwright-core, axe-core, binaryen's wasm-opt), each\n\
            only when missing, saying what it installs. Every other task that needs them runs\n\
            this first; `cargo xtask test` also checks Chromium and chromedriver (apt-get, as\n\
            root on Debian) and Python's feedparser, and stops with the command to run where\n\
            it cannot install them.",
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

/// The Terser that minifies the app's JavaScript in a release build, pinned exactly in
/// `e2e/package.json` (a test checks they agree): its version is part of the key of the
/// built app's cache, so another Terser's output is never served under an old name.
pub const TERSER_VERSION: &str = "5.51.4";

/// The nightly a release build of the app's Wasm uses when it is installed (`cargo xtask
/// wasm`): it rebuilds the standard library for size and drops panic messages, for a
/// main Wasm file about 20 KB (brotli) smaller than stable's. Pinned, because the flags
/// it takes (`-Cpanic=immediate-abort`) are unstable and changed spelling before; a date
/// whose mirror has `rust-src` and the wasm32 target (nightly-2026-05-19 lacks the
/// target).
pub const WASM_NIGHTLY: &str = "nightly-2026-05-20";

/// Installs whatever the build needs and is missing.
pub fn tools() -> Result {
    wasm_target()?;
    wasm_nightly();
    cargo_tools()?;
    node_tools()
}

/// Whether [`WASM_NIGHTLY`] is installed with what a release build of the app needs from
/// it: the standard library's source (to rebuild it) and the wasm32 target.
pub fn wasm_nightly_ready() -> bool {
    let installed = output("rustup", &["toolchain", "list"]).unwrap_or_default();
    let Some(name) = installed
        .lines()
        .find(|l| l.starts_with(WASM_NIGHTLY))
        .and_then(|l| l.split_whitespace().next())
    else {
        return false;
    };
    // rustup keeps each toolchain in a folder of its name, which is its sysroot: looking
    // there spares `rustup run … rustc --print sysroot`, a quarter of a second of every
    // `dist` on a busy machine. Anywhere else, rustup is asked.
    let home = std::env::var_os("RUSTUP_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".rustup")));
    let folder = home
        .map(|h| h.join("toolchains").join(name))
        .filter(|d| d.join("lib/rustlib").is_dir());
    let sysroot = match folder {
        Some(folder) => folder,
        None => match output(
            "rustup",
            &["run", WASM_NIGHTLY, "rustc", "--print", "sysroot"],
        ) {
            Some(printed) => PathBuf::from(printed.trim()),
            None => return false,
        },
    };
    let rustlib = sysroot.join("lib/rustlib");
    rustlib.join("src/rust/library/std/Cargo.toml").is_file()
        && rustlib.join("wasm32-unknown-unknown/lib").is_dir()
}

/// Installs [`WASM_NIGHTLY`] when missing. Never fails the task: without it release
/// builds use stable, and say so.
fn wasm_nightly() {
    if output("rustup", &["--version"]).is_none() || wasm_nightly_ready() {
        return;
    }
    installing(
        &format!("{WASM_NIGHTLY} with rust-src and the wasm32 target (rustup, minimal profile)"),
        "release builds of the app rebuild the standard library with it, for a smaller main Wasm file",
    );
    let install = run_cmd(Command::new("rustup").args([
        "toolchain",
        "install",
        WASM_NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
        "--target",
        "wasm32-unknown-unknown",
    ]));
    if let Err(e) = install {
        eprintln!(
            "setup: {WASM_NIGHTLY} could not be installed ({e}); release builds of the app \
             use stable instead, for a main Wasm file about 20 KB (brotli) bigger"
        );
    }
}

/// [`tools`], plus what only the tests need: Chromium with chromedriver and Python's
/// feedparser.
pub fn tools_and_browser() -> Result {
    tools()?;
    browser()?;
    feedparser()
}

/// What the wasm-bindgen tier needs: the target, wasm-bindgen's test runner, Chromium
/// and chromedriver.
pub fn wasm_tests() -> Result {
    wasm_target()?;
    wasm_bindgen()?;
    browser()
}

/// Says what is installed, and why, before installing it.
fn installing(what: &str, why: &str) {
    eprintln!("setup: installing {what} ({why})");
}

fn wasm_target() -> Result {
    let Some(targets) = output("rustup", &["target", "list", "--installed"]) else {
        // Without rustup the target is either there (cargo will say) or must be added by
        // hand; nothing here can add it.
        return Ok(());
    };
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        installing(
            "the wasm32-unknown-unknown target",
            "the app is WebAssembly",
        );
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

fn wasm_bindgen() -> Result {
    let wbg = locked_wasm_bindgen()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !have.contains(&wbg) {
        installing(
            &format!("wasm-bindgen-cli {wbg}"),
            "the version in Cargo.lock; builds the app and runs the wasm tests",
        );
        // `--locked` fails for this crate here: a pinned dependency left the registry.
        run_cmd(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wbg]))?;
    }
    Ok(())
}

fn cargo_tools() -> Result {
    let trunk = output("trunk", &["--version"]).unwrap_or_default();
    if !trunk.contains(TRUNK_VERSION) {
        installing(
            &format!("trunk {TRUNK_VERSION}"),
            "builds the app shell; about 13 minutes on 2 cores, once",
        );
        run_cmd(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--ignore-rust-version",
        ]))?;
    }
    wasm_bindgen()?;
    // It prints no version, but cargo knows what it installed.
    let installed = output("cargo", &["install", "--list"]).unwrap_or_default();
    if !installed.contains(&format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:")) {
        installing(
            &format!("wasm-split-cli {WASM_SPLIT_VERSION}"),
            "splits the app's Wasm into modules fetched on first use",
        );
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
    Ok(())
}

fn node_tools() -> Result {
    let e2e = root().join("e2e");
    let terser =
        std::fs::read_to_string(e2e.join("node_modules/terser/package.json")).unwrap_or_default();
    if e2e.join("node_modules/.bin/wasm-opt").exists()
        && e2e.join("node_modules/playwright-core").exists()
        && terser.contains(&format!("\"version\": \"{TERSER_VERSION}\""))
    {
        return Ok(());
    }
    if output("npm", &["--version"]).is_none() {
        return Err(
            "the node tools of e2e/ (wasm-opt, terser, playwright-core, axe-core) are missing and npm \
             is not installed: install Node.js 20 with npm (Debian: `apt-get install -y nodejs \
             npm`), then run `npm ci` in e2e/"
                .into(),
        );
    }
    installing(
        "the node tools of e2e/ with `npm ci`",
        "binaryen's wasm-opt, terser, playwright-core, axe-core, from e2e/package-lock.json",
    );
    run_cmd(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e),
    )
}

/// Chromium and chromedriver where the tests look for them.
fn browser() -> Result {
    let missing: Vec<&str> = [
        ("/usr/bin/chromium", "chromium"),
        ("/usr/bin/chromedriver", "chromium-driver"),
    ]
    .iter()
    .filter(|(path, _)| !Path::new(path).exists())
    .map(|(_, package)| *package)
    .collect();
    apt_install(
        &missing,
        "headless Chromium for the wasm-bindgen and end-to-end tests, at /usr/bin/chromium \
         and /usr/bin/chromedriver",
    )
}

/// Python's feedparser, which the feed tests validate RSS/Atom with.
fn feedparser() -> Result {
    if output("python3", &["-c", "import feedparser"]).is_some() {
        return Ok(());
    }
    if output("python3", &["-m", "pip", "--version"]).is_some() {
        installing(
            "Python's feedparser with pip (python3 -m pip install feedparser)",
            "the feed tests validate RSS/Atom with it",
        );
        let pip = run_cmd(Command::new("python3").args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "feedparser",
        ]));
        if pip.is_ok() {
            return Ok(());
        }
    }
    // No pip, or pip refused (a system Python managed by apt): Debian packages it.
    apt_install(
        &["python3-feedparser"],
        "the feed tests validate RSS/Atom with it",
    )
}

/// Installs Debian's `packages` with apt-get (none when empty), saying what and why;
/// where that cannot be done (not Debian, not root), an error with the command to run.
fn apt_install(packages: &[&str], why: &str) -> Result {
    if packages.is_empty() {
        return Ok(());
    }
    let list = packages.join(" ");
    let debian =
        output("apt-get", &["--version"]).is_some() && Path::new("/etc/debian_version").exists();
    if !debian {
        return Err(format!(
            "{list} missing ({why}), and this is not Debian with apt-get: install the \
             equivalent with your system's package manager (on Debian: `apt-get install -y \
             {list}`)"
        )
        .into());
    }
    if output("id", &["-u"]).is_none_or(|uid| uid.trim() != "0") {
        return Err(format!(
            "{list} missing ({why}), and installing needs root: run `sudo apt-get install -y \
             {list}`, then this command again"
        )
        .into());
    }
    installing(&format!("{list} with apt-get"), why);
    let apt = |args: &[&str]| {
        run_cmd(
            Command::new("apt-get")
                .env("DEBIAN_FRONTEND", "noninteractive")
                .args(args),
        )
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y"];
    install.extend_from_slice(packages);
    apt(&install)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_json_pins_the_terser_of_the_cache_key() {
        let package = std::fs::read_to_string(root().join("e2e/package.json")).unwrap();
        assert!(
            package.contains(&format!("\"terser\": \"{TERSER_VERSION}\"")),
            "e2e/package.json must pin terser {TERSER_VERSION} exactly"
        );
    }
}
