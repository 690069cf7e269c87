//! `cargo xtask bundle`: validates `content/` with the core ([`crate::articles`]) and
//! writes `data/` ([`crate::bundle_data`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::articles::{self, Built};
use crate::bundle_data;
use crate::flags::{Args, Flag, Task};
use crate::out_files::WriteLog;
use crate::progress::Steps;
use crate::util::{root, Result};

/// `cargo xtask bundle`.
pub const TASK: Task = Task {
    name: "bundle",
    summary: "Validate content/*.md and write DIR/data/ (default: public/).",
    about: "Bad files are reported as path:line: reason and skipped. Trunk's pre-build hook\n\
            runs this, so a plain `trunk serve` also shows the current articles.",
    flags: &[
        Flag::value("--content", "DIR", "the articles (default: content/)"),
        Flag::value(
            "--out",
            "DIR",
            "the site folder to write data/ into (default: public/)",
        ),
        Flag::switch("--strict", "fail when any file is rejected"),
    ],
    run,
};

/// Writes `site/data/` as [`bundle_data::write`] does, then deletes the files of
/// `data/feed/`, `data/articles/` and `data/ids/` it did not write (a folder `dist` does
/// not manage, such as `public/`).
pub fn write(built: &Built, site: &Path, steps: &mut Steps) -> Result {
    let log = WriteLog::open();
    bundle_data::write(built, site, steps)?;
    let written: HashSet<PathBuf> = log.close().into_iter().map(|p| p.path).collect();
    steps.run("stale", || {
        for dir in ["data/feed", "data/articles", "data/ids"] {
            remove_stale(&site.join(dir), &written);
        }
    });
    Ok(())
}

/// Deletes every file under `dir` that this build did not write, and folders left empty.
fn remove_stale(dir: &Path, keep: &HashSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // The entry's type comes with the listing: no stat per file.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_stale(&path, keep);
            let _ = std::fs::remove_dir(&path);
        } else if !keep.contains(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// `cargo xtask bundle [--content DIR] [--out DIR] [--strict]`.
fn run(args: &Args) -> Result {
    // Trunk reads the page script and the stylesheet after this hook, for `serve` and
    // `dist` alike.
    // `cargo xtask dist` bundles into its own output (and puts the accents into its
    // pages); Trunk's pre-build hook then only writes the stock stylesheet.
    crate::page_script::write()?;
    if std::env::var_os("BROADSHEET_SKIP_BUNDLE").is_some() {
        return crate::stylesheet::write(None);
    }
    let config = crate::site_config::load_from_env()?;
    crate::stylesheet::write(Some(&config))?;
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("public"));
    let mut steps = Steps::default();
    let bundle = steps.run_parts("read", |parts| {
        articles::read_all(&content, args.switch("--strict"), parts)
    })?;
    steps.run_parts("data", |parts| write(&bundle, &out, parts))?;
    let about = crate::site_info::about_html(&config)?;
    crate::site_info::write(
        &out,
        &crate::site_info::site_info(&config)?,
        about.as_deref(),
    )?;
    eprintln!("bundle: {}", steps.summary());
    Ok(())
}
