//! `cargo xtask`: Broadsheet's build-time tool, reusing `broadsheet-core`.
//!
//! Every task a newcomer or CI needs is here, so there is one way to do each thing.
//! This file only mounts: each task declares itself (name, summary, flags, entry point)
//! as a [`flags::Task`] in its own module, and `cargo xtask --help` is derived from the
//! table below.
//!
//! Module map. Tasks: `setup`, `bundle`, `serve`, `dist` (with `site_url`, `shell`,
//! `headers`, `offline`, `prerender`, `compress` and `site_dir` as its steps), `test`, `corpus` (`gen-corpus`), `bench`, `fuzz`, `wasm`.
//! Shared: `flags` (declaring and parsing flags), `util` (errors that name the file,
//! commands, file I/O and the write log, compression, medians), `progress` (bars and
//! step timings), `asset_names` (the `broadsheet-<hash>`
//! file-name rules). Invariants: `util`, `flags` and `asset_names` import no task module;
//! no two files import each other, directly or around a circle; no file over 600 lines
//! (both checked by `xtask/tests/house_rules`).

mod articles;
mod asset_names;
mod bench;
mod bin_codec;
mod bundle;
mod bundle_data;
mod compress;
mod corpus;
mod dist;
mod flags;
mod fuzz;
mod headers;
mod icons;
mod in_place;
mod keys;
mod locales;
mod manifest;
mod minify;
mod offline;
mod out_files;
mod out_state;
mod page_script;
mod parse_cache;
mod prerender;
mod progress;
mod search_cache;
mod serve;
mod setup;
mod shell;
mod site_config;
mod site_dir;
mod site_info;
mod site_url;
mod stylesheet;
mod test;
mod util;
mod wasm;
mod wasm_names;

use std::process::ExitCode;

use flags::{Parsed, Task};

/// Every task, in the order `cargo xtask --help` lists them. Their names and flags are
/// contracts (README, CI, Trunk.toml's hooks, `bench/bench.mjs`).
const TASKS: &[Task] = &[
    setup::TASK,
    bundle::TASK,
    serve::TASK,
    dist::TASK,
    test::TASK,
    corpus::TASK,
    bench::TASK,
    fuzz::TASK,
    wasm::TASK,
];

/// mimalloc, not the system allocator: a build of 100,000 articles makes millions of
/// small strings and paths, and with glibc's allocator an incremental build took about
/// 25% more user CPU (assembling the bundle alone 0.4 s against 0.2 s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.is_empty() || matches!(argv[0].as_str(), "--help" | "-h" | "help") {
        print!("{}", flags::help(TASKS));
        return ExitCode::SUCCESS;
    }
    let name = argv.remove(0);
    let Some(task) = TASKS.iter().find(|t| t.name == name) else {
        eprintln!("xtask: unknown task `{name}`\n\n{}", flags::help(TASKS));
        return ExitCode::FAILURE;
    };
    let result = match flags::parse(task.flags, &argv) {
        Ok(Parsed::Help) => {
            print!("{}", flags::task_help(task));
            Ok(())
        }
        Ok(Parsed::Run(args)) => (task.run)(&args),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TASKS;

    /// The task names are contracts: scripts, CI, the README and Trunk's hooks use them.
    #[test]
    fn every_task_name_is_kept() {
        let names: Vec<&str> = TASKS.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "setup",
                "bundle",
                "serve",
                "dist",
                "test",
                "gen-corpus",
                "bench",
                "fuzz",
                "wasm"
            ]
        );
    }

    /// So is every flag; each has help, and no two share a name.
    #[test]
    fn every_flag_is_kept_and_explained() {
        let flags = |task: &str| -> Vec<&str> {
            let t = TASKS.iter().find(|t| t.name == task).unwrap();
            t.flags.iter().map(|f| f.name).collect()
        };
        assert_eq!(flags("bundle"), ["--content", "--out", "--strict"]);
        assert_eq!(flags("serve"), ["--port", "--config"]);
        assert_eq!(
            flags("dist"),
            [
                "--content",
                "--out",
                "--base-path",
                "--site-url",
                "--config",
                "--strict",
                "--debug",
                "--precompress",
                "--changes"
            ]
        );
        assert_eq!(flags("gen-corpus"), ["--count", "--seed", "--out"]);
        assert_eq!(
            flags("bench"),
            [
                "--runs",
                "--native-only",
                "--reuse-dist",
                "--no-100k",
                "--publish-only",
                "--config",
                "--native-parse"
            ]
        );
        assert_eq!(flags("fuzz"), ["--seconds"]);
        for t in TASKS {
            assert!(
                !t.summary.is_empty() && !t.summary.contains('\n'),
                "{}",
                t.name
            );
            for (i, f) in t.flags.iter().enumerate() {
                assert!(!f.help.is_empty(), "{} {}", t.name, f.name);
                assert!(t.flags[i + 1..].iter().all(|g| g.name != f.name));
            }
        }
    }
}
