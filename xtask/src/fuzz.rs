//! `cargo xtask fuzz [--seconds N]`: the long coverage-guided run of the untrusted-content
//! path (split -> parse -> render) with cargo-fuzz on the nightly toolchain. The short,
//! stable-toolchain version of the same oracle is the proptest in `cargo xtask test`.

use std::process::Command;

use crate::flags::{Args, Flag, Task};
use crate::util::{copy, create_dir_all, read_dir, root, run_cmd, Result};

/// `cargo xtask fuzz`.
pub const TASK: Task = Task {
    name: "fuzz",
    summary: "Coverage-guided fuzzing of split -> parse -> render (cargo-fuzz, nightly).",
    about: "Seeded with content/ and the hostile corpus; installs cargo-fuzz when missing.",
    flags: &[Flag::value(
        "--seconds",
        "N",
        "how long to run (default: 300)",
    )],
    run,
};

/// Runs the fuzzer, seeded with the hostile corpus and the sample articles.
fn run(args: &Args) -> Result {
    let seconds: u64 = args.parsed_or("--seconds", 300)?;
    let fuzz = root().join("fuzz");
    let has_fuzz = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_fuzz {
        run_cmd(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    let corpus = fuzz.join("corpus/split_parse_render");
    create_dir_all(&corpus)?;
    for dir in [
        root().join("content"),
        root().join("e2e/fixtures/hostile"),
        root().join("crates/core/tests/fixtures/hostile"),
    ] {
        for entry in read_dir(&dir)? {
            let target = corpus.join(entry.file_name());
            if !target.exists() && entry.metadata().is_ok_and(|m| m.len() < 256 * 1024) {
                copy(&entry.path(), &target)?;
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
