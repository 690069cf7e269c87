//! An incremental `dist` equals a clean build, byte for byte.
//!
//! A generated corpus (`gen-corpus --count 200`) goes through a random sequence of edits
//! (add an article, edit a body, edit a title (so its slug changes), change tags, toggle
//! `draft`, delete an article, change `stickyWeight`). After each edit, `cargo xtask dist`
//! builds into the same `--out` (incremental) and into an empty folder (clean), and the
//! test checks that:
//!
//! 1. both folders hold the same set of paths, with the same bytes;
//! 2. a file of the incremental folder whose bytes did not change kept its mtime (it was
//!    not rewritten);
//! 3. the `--changes FILE` of the incremental build lists exactly the paths whose bytes
//!    changed (new files included) or that were deleted.
//!
//! It builds the site about 35 times, so it is `#[ignore]`d in a plain `cargo test`:
//! `cargo xtask test` runs it as a tier of its own, before the end-to-end tier:
//!
//! ```sh
//! cargo test -p xtask --test incremental_dist -- --ignored --nocapture
//! ```
//!
//! The edits come from a seeded generator; the seed is printed first and in every
//! failure. Replay a run with `BROADSHEET_EDIT_SEED=<seed>`; `BROADSHEET_EDITS=<n>` sets
//! how many edits (default 16).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

/// Articles the site starts with.
const ARTICLES: usize = 200;
/// Further generated articles that "add an article" draws from.
const POOL: usize = 40;
/// Edits per run, unless `BROADSHEET_EDITS` says otherwise.
const DEFAULT_EDITS: usize = 16;
/// The `gen-corpus` seed of the articles (the edits have their own seed).
const CORPUS_SEED: &str = "11";
/// Differences listed per kind in a failure.
const SHOWN: usize = 12;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// SplitMix64, as `gen-corpus` uses: the same seed gives the same edits on any machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn env_number(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    Some(
        v.trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}={v}: {e}")),
    )
}

/// Runs `cargo xtask <args>` from the repository root; the output on failure.
fn xtask(args: &[&str]) -> Result<(), String> {
    let out = Command::new("cargo")
        .current_dir(repo())
        .args(["xtask"])
        .args(args)
        .output()
        .map_err(|e| format!("could not start cargo xtask: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let tail = |b: &[u8]| -> String {
        let s = String::from_utf8_lossy(b);
        let lines: Vec<&str> = s.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    };
    Err(format!(
        "cargo xtask {} failed ({}):\n{}\n{}",
        args.join(" "),
        out.status,
        tail(&out.stdout),
        tail(&out.stderr)
    ))
}

fn dist(content: &Path, out: &Path, changes: Option<&Path>) -> Result<(), String> {
    let (content, out) = (content.to_string_lossy(), out.to_string_lossy());
    let mut args = vec![
        "dist",
        "--content",
        &content,
        "--out",
        &out,
        "--site-url",
        "https://example.org/",
    ];
    let changes = changes.map(|c| c.to_string_lossy().into_owned());
    if let Some(c) = &changes {
        args.extend(["--changes", c]);
    }
    xtask(&args)
}

/// Every file under `dir`, by path relative to it (with `/`), with its bytes and mtime.
type Snapshot = BTreeMap<String, (Vec<u8>, SystemTime)>;

fn snapshot(dir: &Path) -> Snapshot {
    fn walk(root: &Path, dir: &Path, into: &mut Snapshot) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                walk(root, &path, into);
            } else {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel = rel.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
                let mtime = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(SystemTime::UNIX_EPOCH);
                into.insert(rel, (bytes, mtime));
            }
        }
    }
    let mut s = Snapshot::new();
    walk(dir, dir, &mut s);
    s
}

/// The paths a `--changes` file lists. Read leniently: JSON (every string in it), or
/// one path per line, possibly after a marker (`+ path`, `deleted path`); absolute paths
/// under `out` and `./` prefixes are made relative to `out`.
fn listed_changes(file: &Path, out: &Path) -> Result<BTreeSet<String>, String> {
    let text =
        std::fs::read_to_string(file).map_err(|e| format!("--changes {}: {e}", file.display()))?;
    let mut raw: Vec<String> = Vec::new();
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        fn strings(v: &serde_json::Value, into: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => into.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, into)),
                serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, into)),
                _ => {}
            }
        }
        let v: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("--changes {} is not JSON: {e}", file.display()))?;
        strings(&v, &mut raw);
    } else {
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let path = line.rsplit(char::is_whitespace).next().unwrap_or(line);
            raw.push(path.to_string());
        }
    }
    let out_prefix = format!("{}/", out.to_string_lossy().trim_end_matches('/'));
    Ok(raw
        .into_iter()
        .map(|p| {
            let p = p.strip_prefix(&out_prefix).unwrap_or(&p);
            p.trim_start_matches("./").to_string()
        })
        .collect())
}

/// One edit of the content folder, described for the log.
fn edit(rng: &mut Rng, content: &Path, pool: &mut Vec<PathBuf>, n: usize) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(content)
        .expect("the content folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let file = files[rng.below(files.len())].clone();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&file).expect("an article");
    let (front, body) = split(&text);
    let set = |front: String, body: &str| {
        std::fs::write(&file, format!("---\n{front}---\n{body}")).expect("writing an article")
    };
    match rng.below(7) {
        0 if !pool.is_empty() => {
            let from = pool.remove(0);
            let to = content.join(from.file_name().unwrap());
            std::fs::copy(&from, &to).expect("adding an article");
            format!("add {}", to.file_name().unwrap().to_string_lossy())
        }
        1 => {
            set(
                front.to_string(),
                &format!("{body}\nAn added paragraph, edit {n}: the market moved.\n"),
            );
            format!("edit the body of {name}")
        }
        2 => {
            let title = format!("title: 'Edited headline {n} about {}'", rng.below(1000));
            set(replace_line(front, "title:", &title), body);
            format!("edit the title of {name} (its slug changes)")
        }
        3 => {
            const TAGS: [&str; 6] = ["BITCOIN", "POLICY", "ENERGY", "EUROPE", "NFT", "EDITED"];
            let mut tags: Vec<&str> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let t = TAGS[rng.below(TAGS.len())];
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            let list: String = tags.iter().map(|t| format!("  - {t}\n")).collect();
            set(replace_tags(front, &list), body);
            format!("set the tags of {name} to {tags:?}")
        }
        4 => {
            // Half the time a draft is published again, so un-drafting is exercised as
            // often as drafting (a random file is rarely a draft).
            let drafts: Vec<&PathBuf> = files
                .iter()
                .filter(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("\ndraft: true\n")))
                .collect();
            let (file, text) = match drafts.get(rng.below(2 * drafts.len().max(1))) {
                Some(&draft) => (
                    draft.clone(),
                    std::fs::read_to_string(draft).expect("a draft"),
                ),
                None => (file.clone(), text.clone()),
            };
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let (front, body) = split(&text);
            let draft = front.contains("\ndraft: true");
            let new = format!("draft: {}", !draft);
            std::fs::write(
                &file,
                format!("---\n{}---\n{body}", replace_line(front, "draft:", &new)),
            )
            .expect("writing an article");
            format!("set {new} in {name}")
        }
        5 if files.len() > ARTICLES / 2 => {
            std::fs::remove_file(&file).expect("deleting an article");
            format!("delete {name}")
        }
        _ => {
            let weight = 1 + rng.below(5);
            let line = format!("stickyWeight: {weight}");
            set(replace_line(front, "stickyWeight:", &line), body);
            format!("set {line} in {name}")
        }
    }
}

/// A generated article's front-matter (with its final newline) and body.
fn split(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").expect("front-matter first");
    let end = rest.find("\n---\n").expect("a closing fence") + 1;
    (&rest[..end], &rest[end + 4..])
}

/// `front` with its line starting `key` replaced by `line`.
fn replace_line(front: &str, key: &str, line: &str) -> String {
    front
        .lines()
        .map(|l| if l.starts_with(key) { line } else { l })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `front` with the items of its `tags:` list replaced by `list`.
fn replace_tags(front: &str, list: &str) -> String {
    let mut out = String::new();
    let mut in_tags = false;
    for l in front.lines() {
        if in_tags && l.starts_with("  - ") {
            continue;
        }
        in_tags = l == "tags:";
        out.push_str(l);
        out.push('\n');
        if in_tags {
            out.push_str(list);
        }
    }
    out
}

/// What went wrong after one edit: every check, each with a few examples.
fn check(
    before: &Snapshot,
    inc: &Snapshot,
    clean: &Snapshot,
    listed: &BTreeSet<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut report = |what: &str, paths: Vec<&String>| {
        if !paths.is_empty() {
            let shown: Vec<&str> = paths.iter().take(SHOWN).map(|p| p.as_str()).collect();
            problems.push(format!(
                "{what}: {} path(s): {}{}",
                paths.len(),
                shown.join(", "),
                if paths.len() > SHOWN { ", …" } else { "" }
            ));
        }
    };
    report(
        "only in the incremental build (stale, not deleted)",
        inc.keys().filter(|p| !clean.contains_key(*p)).collect(),
    );
    report(
        "only in the clean build (missing from the incremental one)",
        clean.keys().filter(|p| !inc.contains_key(*p)).collect(),
    );
    report(
        "bytes differ between the incremental and the clean build",
        inc.iter()
            .filter(|(p, (b, _))| clean.get(*p).is_some_and(|(c, _)| c != b))
            .map(|(p, _)| p)
            .collect(),
    );
    report(
        "same bytes as before the edit, but rewritten (mtime changed)",
        inc.iter()
            .filter(|(p, (b, t))| before.get(*p).is_some_and(|(ob, ot)| ob == b && ot != t))
            .map(|(p, _)| p)
            .collect(),
    );
    let changed: BTreeSet<&String> = inc
        .iter()
        .filter(|(p, (b, _))| before.get(*p).is_none_or(|(ob, _)| ob != b))
        .map(|(p, _)| p)
        .chain(before.keys().filter(|p| !inc.contains_key(*p)))
        .collect();
    report(
        "changed or deleted but not in --changes",
        changed
            .iter()
            .filter(|p| !listed.contains(**p))
            .copied()
            .collect(),
    );
    report(
        "in --changes but the bytes did not change",
        listed.iter().filter(|p| !changed.contains(p)).collect(),
    );
    problems
}

#[test]
#[ignore = "builds the site ~35 times; run by `cargo xtask test` (see the file's docs)"]
fn incremental_dist_equals_a_clean_build() {
    let seed = env_number("BROADSHEET_EDIT_SEED").unwrap_or_else(|| {
        let t = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        t.as_secs() ^ u64::from(t.subsec_nanos())
    });
    let edits = env_number("BROADSHEET_EDITS").map_or(DEFAULT_EDITS, |n| n as usize);
    let replay = format!("BROADSHEET_EDIT_SEED={seed} BROADSHEET_EDITS={edits}");
    eprintln!("incremental dist: seed {seed} ({replay} to replay)");
    let work = repo().join("target/incremental-dist");
    let (pool_dir, content) = (work.join("pool"), work.join("content"));
    let (inc, clean, changes) = (
        work.join("incremental"),
        work.join("clean"),
        work.join("changes.txt"),
    );
    for dir in [&content, &inc, &clean] {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::fs::create_dir_all(&content).unwrap();
    let count = (ARTICLES + POOL).to_string();
    let pool_s = pool_dir.to_string_lossy();
    xtask(&[
        "gen-corpus",
        "--count",
        &count,
        "--seed",
        CORPUS_SEED,
        "--out",
        &pool_s,
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let mut pool: Vec<PathBuf> = Vec::new();
    for i in 0..ARTICLES + POOL {
        let file = pool_dir.join(format!("gen-{i:06}.md"));
        if i < ARTICLES {
            std::fs::copy(&file, content.join(file.file_name().unwrap())).unwrap();
        } else {
            pool.push(file);
        }
    }
    let started = Instant::now();
    dist(&content, &inc, None).unwrap_or_else(|e| panic!("first build: {e}"));
    eprintln!(
        "incremental dist: first build {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut rng = Rng(seed);
    let mut history: Vec<String> = Vec::new();
    for n in 1..=edits {
        let what = edit(&mut rng, &content, &mut pool, n);
        history.push(format!("{n}. {what}"));
        let before = snapshot(&inc);
        let _ = std::fs::remove_file(&changes);
        let t = Instant::now();
        let fail = |e: String| -> ! {
            panic!(
                "after edit {n} ({what}), seed {seed} ({replay} to replay):\n{e}\nedits:\n{}",
                history.join("\n")
            )
        };
        dist(&content, &inc, Some(&changes)).unwrap_or_else(|e| fail(e));
        let inc_s = t.elapsed().as_secs_f64();
        let _ = std::fs::remove_dir_all(&clean);
        let t = Instant::now();
        dist(&content, &clean, None).unwrap_or_else(|e| fail(e));
        let clean_s = t.elapsed().as_secs_f64();
        eprintln!("edit {n}/{edits}: {what}: incremental {inc_s:.1} s, clean {clean_s:.1} s");
        let listed = listed_changes(&changes, &inc).unwrap_or_else(|e| fail(e));
        let problems = check(&before, &snapshot(&inc), &snapshot(&clean), &listed);
        if !problems.is_empty() {
            fail(problems.join("\n"));
        }
    }
    eprintln!(
        "incremental dist: {edits} edits, every incremental build equal to a clean one ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
}
