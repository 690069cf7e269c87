//! `cargo xtask test`: every tier, in order of speed, stopping at the first failure;
//! `--tier` picks some of them and a name filter narrows the tests inside each.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::flags::{Args, Flag, Task};
use crate::setup;
use crate::util::{copy, create_dir_all, read_dir, root, run_cmd, Error, Result};

/// `cargo xtask test`.
pub const TASK: Task = Task {
    name: "test",
    summary: "Every test tier: article, core, xtask (native), wasm-bindgen (headless Chromium), incremental dist, end-to-end (Playwright).",
    about: "In order of speed, stopping at the first failure. Tiers: 1 (or native): article, core\n\
            and xtask, native; 2 (or wasm): components in headless Chromium; incremental (or 2b):\n\
            incremental dist equals a clean build; 3 (or e2e): end-to-end, which first builds\n\
            several sites with `cargo xtask dist` (root, /news/ sub-path, hostile content, a\n\
            second deploy, a 600-article archive) under target/e2e/.\n\
            FILTER goes to cargo test's name filter (tiers 1, 2, incremental) and to node's\n\
            --test-name-pattern (a regular expression over test names; tier 3).\n\
            Installs what the chosen tiers need and is missing first (see cargo xtask setup).",
    flags: &[
        Flag::repeated(
            "--tier",
            "N",
            "run only these tiers: 1|native, 2|wasm, incremental|2b, 3|e2e (repeat or comma-separate)",
        ),
        Flag::value(
            "--filter",
            "TEXT",
            "only tests whose name matches TEXT (as FILTER)",
        ),
        Flag::positional("FILTER", "the same as --filter"),
    ],
    run,
};

/// One tier, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// 1: article, core and xtask, native.
    Native,
    /// 2: components in headless Chromium (wasm-bindgen-test).
    Wasm,
    /// Incremental `dist` equals a clean build (was "2b").
    Incremental,
    /// 3: end-to-end against release builds.
    E2e,
}

impl Tier {
    const ALL: [Tier; 4] = [Tier::Native, Tier::Wasm, Tier::Incremental, Tier::E2e];

    /// The names `--tier` accepts for it: its number first.
    fn names(self) -> &'static [&'static str] {
        match self {
            Tier::Native => &["1", "native"],
            Tier::Wasm => &["2", "wasm"],
            Tier::Incremental => &["incremental", "2b"],
            Tier::E2e => &["3", "e2e"],
        }
    }
}

/// What `cargo xtask test` runs: the tiers (in their order) and the name filter.
#[derive(Debug, PartialEq, Eq)]
struct Plan {
    tiers: Vec<Tier>,
    filter: Option<String>,
}

/// The plan from the flags: every tier unless `--tier` names some.
fn plan(args: &Args) -> Result<Plan> {
    let mut tiers = Vec::new();
    for name in args.values("--tier").iter().flat_map(|v| v.split(',')) {
        let name = name.trim();
        let tier = Tier::ALL
            .into_iter()
            .find(|t| t.names().iter().any(|n| n.eq_ignore_ascii_case(name)))
            .ok_or_else(|| {
                let known: Vec<String> = Tier::ALL.iter().map(|t| t.names().join("|")).collect();
                Error::Msg(format!(
                    "--tier `{name}`: no such tier (known: {})",
                    known.join(", ")
                ))
            })?;
        if !tiers.contains(&tier) {
            tiers.push(tier);
        }
    }
    if tiers.is_empty() {
        tiers = Tier::ALL.to_vec();
    }
    tiers.sort();
    let filter = match (args.value("--filter"), args.value("FILTER")) {
        (Some(_), Some(_)) => {
            return Err("give the name filter once: as FILTER or with --filter".into())
        }
        (a, b) => a.or(b).map(str::to_string),
    };
    Ok(Plan { tiers, filter })
}

/// Runs the tiers the flags ask for.
fn run(args: &Args) -> Result {
    let plan = plan(args)?;
    // Each tier's tools, installed only when missing: tier 1 needs none.
    let has = |t: Tier| plan.tiers.contains(&t);
    if has(Tier::E2e) {
        setup::tools_and_browser()?;
    } else if has(Tier::Incremental) {
        setup::tools()?;
    }
    if has(Tier::Wasm) {
        setup::wasm_tests()?;
    }
    let root = root();
    let filter = plan.filter.as_deref();
    // `cargo test … FILTER`: the name filter of every test binary.
    let cargo_test = |args: &[&str], after: &[&str]| {
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&root).arg("test").args(args);
        if filter.is_some() || !after.is_empty() {
            cmd.arg("--").args(filter).args(after);
        }
        cmd
    };
    for tier in &plan.tiers {
        match tier {
            Tier::Native => {
                eprintln!("== tier 1 (native): article, core and xtask");
                run_cmd(&mut cargo_test(
                    &[
                        "-p",
                        "broadsheet-article",
                        "-p",
                        "broadsheet-core",
                        "-p",
                        "xtask",
                    ],
                    &[],
                ))?;
            }
            Tier::Wasm => {
                eprintln!("== tier 2 (wasm): components in headless Chromium (wasm-bindgen-test)");
                run_cmd(
                    cargo_test(
                        &["-p", "broadsheet", "--target", "wasm32-unknown-unknown"],
                        &[],
                    )
                    .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
                )?;
            }
            Tier::Incremental => {
                eprintln!("== tier incremental: incremental dist equals a clean build (random edits, seed printed)");
                run_cmd(&mut cargo_test(
                    &["-p", "xtask", "--test", "incremental_dist"],
                    &["--ignored", "--nocapture"],
                ))?;
            }
            Tier::E2e => end_to_end(&root, filter)?,
        }
    }
    Ok(())
}

/// Tier 3: builds the test sites under target/e2e/, then runs `e2e/tests/` with Node.
fn end_to_end(root: &Path, filter: Option<&str>) -> Result {
    eprintln!("== tier 3 (e2e): end-to-end against release builds (root and /news/ sub-path)");
    let target = root.join("target");
    let root_dist = target.join("e2e/site-root");
    let sub_dist = target.join("e2e/site-news");
    // Through cargo, not this very executable: Trunk's pre-build hook runs
    // `cargo xtask bundle`, and a rebuild of xtask may replace the running binary. With
    // the profile of the `cargo xtask` alias, so there is one (optimised) build of it.
    let xtask = |args: &[&str]| {
        run_cmd(
            Command::new("cargo")
                .current_dir(root)
                .args(["run", "--quiet", "--profile", "xtask", "-p", "xtask", "--"])
                .args(args),
        )
    };
    // Every site has a public address of its own (dist requires one): the tests check
    // canonical links, previews and feeds against it.
    let site_url = "https://news.example.org/";
    xtask(&[
        "dist",
        "--out",
        &root_dist.to_string_lossy(),
        "--site-url",
        site_url,
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
        "--site-url",
        site_url,
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
        site_url,
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
        "--site-url",
        site_url,
    ])?;
    // Publishers' own sites (broadsheet.toml): a German one with a name, accents, a logo
    // and an about page, an Arabic, right-to-left one, and a Japanese one.
    let mut configured = Vec::new();
    for name in ["de", "ar", "ja"] {
        let dist = target.join(format!("e2e/site-{name}"));
        let config = root.join(format!("e2e/fixtures/site-{name}/broadsheet.toml"));
        xtask(&[
            "dist",
            "--config",
            &config.to_string_lossy(),
            "--out",
            &dist.to_string_lossy(),
            "--site-url",
            site_url,
        ])?;
        configured.push((format!("DIST_{}", name.to_uppercase()), dist));
    }
    let mut node = Command::new("node");
    node.envs(configured);
    node.current_dir(root.join("e2e"))
        .env("DIST_LARGE", &large_dist)
        .env("DIST_V2", &v2_dist)
        .env("DIST_ROOT", &root_dist)
        .env("DIST_SUB", &sub_dist)
        .env("DIST_HOSTILE", &hostile_dist)
        .env("ARTIFACTS", target.join("e2e/artifacts"))
        .args(["--test", "--test-concurrency=1"]);
    if let Some(pattern) = filter {
        node.arg(format!("--test-name-pattern={pattern}"));
    }
    run_cmd(node.arg("tests/"))
}

/// Fills `out` afresh with the `*.md` files of every folder in `dirs` (later folders win
/// on a name clash): the content folder of a test site.
fn merge_content(dirs: &[PathBuf], out: &Path) -> Result {
    let _ = std::fs::remove_dir_all(out);
    create_dir_all(out)?;
    for dir in dirs {
        for entry in read_dir(dir)? {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let to = out.join(entry.file_name());
                // Two fixtures of one name would silently leave one of them untested.
                if to.exists() {
                    return Err(format!(
                        "{} has the name of a fixture in another folder: rename one",
                        entry.path().display()
                    )
                    .into());
                }
                copy(&entry.path(), &to)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::{parse, Parsed};

    fn plan_of(argv: &[&str]) -> Result<Plan> {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        match parse(TASK.flags, &argv)? {
            Parsed::Run(args) => plan(&args),
            Parsed::Help => Err("help".into()),
        }
    }

    #[test]
    fn every_tier_by_default_in_order() {
        let p = plan_of(&[]).unwrap();
        assert_eq!(p.tiers, Tier::ALL);
        assert_eq!(p.filter, None);
    }

    #[test]
    fn tiers_by_number_or_name_repeated_or_comma_separated_run_in_order() {
        use Tier::*;
        let table: &[(&[&str], &[Tier])] = &[
            (&["--tier", "1"], &[Native]),
            (&["--tier=3"], &[E2e]),
            (&["--tier", "3", "--tier", "1"], &[Native, E2e]),
            (&["--tier", "e2e,2b,1"], &[Native, Incremental, E2e]),
            (
                &["--tier", "incremental", "--tier=wasm"],
                &[Wasm, Incremental],
            ),
            (&["--tier", "1,native"], &[Native]),
            (&["--tier", "E2E"], &[E2e]),
        ];
        for (argv, want) in table {
            assert_eq!(plan_of(argv).unwrap().tiers, *want, "{argv:?}");
        }
    }

    #[test]
    fn a_filter_as_bare_argument_or_flag() {
        for argv in [
            &["reader"][..],
            &["--filter", "reader"][..],
            &["--filter=reader"][..],
            &["--tier", "1", "reader"][..],
        ] {
            assert_eq!(
                plan_of(argv).unwrap().filter.as_deref(),
                Some("reader"),
                "{argv:?}"
            );
        }
    }

    #[test]
    fn mistakes_are_named() {
        let table: &[(&[&str], &str)] = &[
            (
                &["--tier", "4"],
                "--tier `4`: no such tier (known: 1|native, 2|wasm, incremental|2b, 3|e2e)",
            ),
            (&["--tier", "1,"], "--tier ``"),
            (&["--tier"], "--tier needs a value"),
            (&["a", "b"], "only one FILTER"),
            (&["a", "--filter", "b"], "give the name filter once"),
        ];
        for (argv, want) in table {
            let e = plan_of(argv).unwrap_err().to_string();
            assert!(e.contains(want), "{argv:?}: {e}");
        }
    }
}
