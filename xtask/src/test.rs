//! `cargo xtask test`: every tier, in order of speed, stopping at the first failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::flags::{Args, Task};
use crate::setup;
use crate::util::{copy, create_dir_all, read_dir, root, run_cmd, Result};

/// `cargo xtask test`.
pub const TASK: Task = Task {
    name: "test",
    summary: "Every test tier: article, core, xtask (native), wasm-bindgen (headless Chromium), end-to-end (Playwright).",
    about: "In order of speed, stopping at the first failure. The end-to-end tier builds several\n\
            sites with `cargo xtask dist` (root, /news/ sub-path, hostile content, a second deploy,\n\
            a 600-article archive) under target/e2e/.",
    flags: &[],
    run,
};

/// Runs the native, wasm-bindgen and end-to-end tiers.
fn run(_: &Args) -> Result {
    setup::tools_and_browser()?;
    let root = root();
    eprintln!("== tier 1: article, core and xtask, native");
    run_cmd(Command::new("cargo").current_dir(&root).args([
        "test",
        "-p",
        "broadsheet-article",
        "-p",
        "broadsheet-core",
        "-p",
        "xtask",
    ]))?;

    eprintln!("== tier 2: components in headless Chromium (wasm-bindgen-test)");
    run_cmd(
        Command::new("cargo")
            .current_dir(&root)
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .args([
                "test",
                "-p",
                "broadsheet",
                "--target",
                "wasm32-unknown-unknown",
            ]),
    )?;

    eprintln!("== tier 2b: incremental dist equals a clean build (random edits, seed printed)");
    run_cmd(Command::new("cargo").current_dir(&root).args([
        "test",
        "-p",
        "xtask",
        "--test",
        "incremental_dist",
        "--",
        "--ignored",
        "--nocapture",
    ]))?;

    eprintln!("== tier 3: end-to-end against release builds (root and /news/ sub-path)");
    let target = root.join("target");
    let root_dist = target.join("e2e/site-root");
    let sub_dist = target.join("e2e/site-news");
    // Through cargo, not this very executable: Trunk's pre-build hook runs
    // `cargo xtask bundle`, and a rebuild of xtask may replace the running binary. With
    // the profile of the `cargo xtask` alias, so there is one (optimised) build of it.
    let xtask = |args: &[&str]| {
        run_cmd(
            Command::new("cargo")
                .current_dir(&root)
                .args(["run", "--quiet", "--profile", "xtask", "-p", "xtask", "--"])
                .args(args),
        )
    };
    xtask(&[
        "dist",
        "--out",
        &root_dist.to_string_lossy(),
        "--site-url",
        "https://news.example.org/",
    ])?;
    xtask(&[
        "dist",
        "--out",
        &sub_dist.to_string_lossy(),
        "--base-path",
        "/news/",
        "--site-url",
        "https://example.org/news/",
    ])?;
    // A site from the samples plus the hostile corpus, for the hardening tests.
    let hostile_content = target.join("e2e/hostile-content");
    merge_content(
        &[
            root.join("content"),
            root.join("e2e/fixtures/hostile"),
            root.join("crates/core/tests/fixtures/hostile"),
        ],
        &hostile_content,
    )?;
    let hostile_dist = target.join("e2e/site-hostile");
    xtask(&[
        "dist",
        "--content",
        &hostile_content.to_string_lossy(),
        "--out",
        &hostile_dist.to_string_lossy(),
    ])?;
    // A second deploy of the same app with one more article, for the redeploy test.
    let v2_content = target.join("e2e/daily-v2-content");
    merge_content(
        &[root.join("content"), root.join("e2e/fixtures/daily")],
        &v2_content,
    )?;
    let v2_dist = target.join("e2e/site-v2");
    xtask(&[
        "dist",
        "--content",
        &v2_content.to_string_lossy(),
        "--out",
        &v2_dist.to_string_lossy(),
        "--site-url",
        "https://news.example.org/",
    ])?;
    // A generated archive several pages deep, for paging and windowing.
    let large_content = target.join("e2e/large-content");
    let large_dist = target.join("e2e/site-large");
    xtask(&[
        "gen-corpus",
        "--count",
        "600",
        "--seed",
        "7",
        "--out",
        &large_content.to_string_lossy(),
    ])?;
    xtask(&[
        "dist",
        "--content",
        &large_content.to_string_lossy(),
        "--out",
        &large_dist.to_string_lossy(),
    ])?;
    run_cmd(
        Command::new("node")
            .current_dir(root.join("e2e"))
            .env("DIST_LARGE", &large_dist)
            .env("DIST_V2", &v2_dist)
            .env("DIST_ROOT", &root_dist)
            .env("DIST_SUB", &sub_dist)
            .env("DIST_HOSTILE", &hostile_dist)
            .env("ARTIFACTS", target.join("e2e/artifacts"))
            .args(["--test", "--test-concurrency=1", "tests/"]),
    )
}

/// Fills `out` afresh with the `*.md` files of every folder in `dirs` (later folders win
/// on a name clash): the content folder of a test site.
fn merge_content(dirs: &[PathBuf], out: &Path) -> Result {
    let _ = std::fs::remove_dir_all(out);
    create_dir_all(out)?;
    for dir in dirs {
        for entry in read_dir(dir)? {
            if entry.path().extension().is_some_and(|e| e == "md") {
                copy(&entry.path(), &out.join(entry.file_name()))?;
            }
        }
    }
    Ok(())
}
