//! `cargo xtask fuzz [--seconds N]`: the long coverage-guided run of the untrusted-content
//! path (split -> parse -> render) with cargo-fuzz on the nightly toolchain. The short,
//! stable-toolchain version of the same oracle is the proptest in `cargo xtask test`.

use std::process::Command;

use crate::args::Args;
use crate::root;
use crate::setup::run_cmd;

/// Runs the fuzzer, seeded with the hostile corpus and the sample articles.
pub fn run(argv: &[String]) -> crate::Result {
    let args = Args::parse(argv, &["--seconds"], &[])?;
    let seconds = args.value("--seconds").unwrap_or_else(|| "300".into());
    let fuzz = root().join("fuzz");
    let has_fuzz = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_fuzz {
        run_cmd(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    let corpus = fuzz.join("corpus/split_parse_render");
    std::fs::create_dir_all(&corpus).map_err(|e| e.to_string())?;
    for dir in [
        root().join("content"),
        root().join("e2e/fixtures/hostile"),
        root().join("crates/core/tests/fixtures/hostile"),
    ] {
        for entry in std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
        {
            let target = corpus.join(entry.file_name());
            if !target.exists() && entry.metadata().is_ok_and(|m| m.len() < 256 * 1024) {
                std::fs::copy(entry.path(), target).map_err(|e| e.to_string())?;
            }
        }
    }
    run_cmd(Command::new("cargo").current_dir(&fuzz).args([
        "+nightly",
        "fuzz",
        "run",
        "split_parse_render",
        "--",
        &format!("-max_total_time={seconds}"),
        "-max_len=65536",
    ]))
}
