//! `cargo xtask wasm`: builds the app's Wasm in several files, as Trunk's post-build hook.
//!
//! Trunk 0.22 builds one Wasm file per app, so every page would download the code of
//! every page. This task builds the app with split points on (`src/split.rs`), lets
//! `wasm-split-cli` move each split module into its own file, runs wasm-bindgen and
//! (release) wasm-opt on every file, and writes them into Trunk's staging folder under
//! one content hash, named as `asset_names` says: the app every page starts, the loader
//! of the split modules (the app imports it), one file per split module, fetched on
//! first use, and one per chunk of code that several split modules (and not the main
//! file) share, which the loader fetches with the first of them.
//!
//! Then it names the first two in the page's start script (`index.html`).
//!
//! A release build uses the pinned nightly ([`setup::WASM_NIGHTLY`]) when it is
//! installed, to rebuild the standard library at the app's `opt-level = "z"` and abort on
//! a panic without formatting its message (`-Cpanic=immediate-abort`): the main file
//! went from 298.9 to 270.7 KB (brotli, same sources, same run). Without the nightly
//! (or with `BROADSHEET_WASM_RUST=stable`) it builds with stable, and says which.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::flags::{Args, Task};
use crate::minify;
use crate::setup;
use crate::util::{
    create_dir_all, hex, read, read_dir, read_to_string, root, run_cmd, write, Result,
};
use crate::wasm_names::{module_name, name_outputs, Outputs, NAMING_VERSION, TOOL_LOADER};

/// `cargo xtask wasm`.
pub const TASK: Task = Task {
    name: "wasm",
    summary: "Trunk's post-build hook: the app's Wasm with its split points, one file per split module.",
    about: "Run by Trunk (it reads TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL and TRUNK_PROFILE), not by hand.\n\
            Builds with `--cfg broadsheet_split`, splits with wasm-split-cli, binds, runs\n\
            wasm-opt (release) and fills the start script of index.html.",
    flags: &[],
    run: |_: &Args| run(),
};

/// The placeholders of the start script in `index.html`.
const JS_MARK: &str = "__BROADSHEET_JS__";
const WASM_MARK: &str = "__BROADSHEET_WASM__";

/// Wasm features the Rust target emits; wasm-opt is told them, because the split files
/// carry no feature section of their own.
/// What wasm-opt does to each file of a release build (see docs/BUILD.md for what else
/// was measured and why it is not used). `--low-memory-unused` lets it fold constant
/// offsets into loads and stores (-1.0 KB brotli of the main file): Rust's linker puts
/// the stack first, growing down from 1 MiB, and the data after it, so nothing but a
/// stack already a megabyte deep touches the first kilobyte. The target-features and
/// producers sections only inform linkers (-0.3 KB).
const WASM_OPT_PASSES: [&str; 4] = [
    "-Oz",
    "--low-memory-unused",
    "--strip-target-features",
    "--strip-producers",
];

pub const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The rustflags of a split build: the repository's own (`.cargo/config.toml`), the cfg
/// that turns split points on, and the relocations `wasm-split-cli` reads.
const SPLIT_RUSTFLAGS: &str =
    "--cfg erase_components --cfg broadsheet_split -Clink-args=--emit-relocs";

/// What a release build with the nightly adds to [`SPLIT_RUSTFLAGS`]: a panic aborts at
/// once (no panic message, location or formatting code), and `Debug` writes nothing
/// (−2.9 KB brotli), so text people see never uses `{:?}` (see `broadsheet_article::quoted`).
const NIGHTLY_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none";

/// What a release build with the nightly adds to cargo's arguments: the standard library
/// built from source, with the app's release profile (`opt-level = "z"`, LTO with the
/// app) rather than the shipped one's `opt-level = 3`.
const NIGHTLY_CARGO_ARGS: [&str; 1] = ["-Zbuild-std=std,panic_abort"];

/// Set to `stable` to build a release with stable even where the nightly is installed:
/// to read a panic's message in the console, or to compare the two builds.
pub const RUST_ENV: &str = "BROADSHEET_WASM_RUST";

/// The Rust that builds the app's Wasm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rust {
    /// The default toolchain, with the standard library as shipped.
    Stable,
    /// [`setup::WASM_NIGHTLY`], rebuilding the standard library for size.
    Nightly,
}

impl Rust {
    /// The nightly for a release build when it is installed and [`RUST_ENV`] does not
    /// ask for stable; stable otherwise. Debug builds keep stable: they are for working
    /// on the app, where a panic should say what and where.
    pub fn pick(release: bool) -> Rust {
        let stable_asked = std::env::var(RUST_ENV).is_ok_and(|v| v == "stable");
        if release && !stable_asked && setup::wasm_nightly_ready() {
            Rust::Nightly
        } else {
            Rust::Stable
        }
    }

    /// How the build says which Rust it used (and the shell cache tells builds apart).
    pub fn label(self) -> &'static str {
        match self {
            Rust::Stable => "stable",
            Rust::Nightly => setup::WASM_NIGHTLY,
        }
    }
}

/// Fails when serde_yaml's code is in the main Wasm file rather than in its split module
/// (`src/data.rs`, `read_front_matter`): something every page runs would then read YAML
/// with it directly, and the file would grow by about 36 KB (brotli) again. Its code
/// carries the source paths of its panics (`unsafe-libyaml-<version>/src/…`), which is
/// what is looked for.
fn check_main_has_no_yaml(main_wasm: &[u8]) -> Result {
    const MARK: &[u8] = b"unsafe-libyaml-";
    if main_wasm.windows(MARK.len()).any(|w| w == MARK) {
        return Err(
            "serde_yaml's code is in the main Wasm file: app code reads YAML without \
             going through `read_front_matter` (src/data.rs), which loads it as a split module"
                .into(),
        );
    }
    Ok(())
}

/// The page with its start script pointed at this build's files under `base`.
pub fn fill_start_script(html: &str, base: &str, outputs: &Outputs) -> Result<String> {
    if !html.contains(JS_MARK) || !html.contains(WASM_MARK) {
        return Err(
            format!("index.html has no start script naming {JS_MARK} and {WASM_MARK}").into(),
        );
    }
    Ok(html
        .replace(JS_MARK, &format!("{base}{}", outputs.js))
        .replace(WASM_MARK, &format!("{base}{}", outputs.wasm)))
}

/// Splits, binds and (release) optimises the app built at `built`, working in `work`.
fn split_and_bind(built: &Path, work: &Path, release: bool) -> Result<Outputs> {
    let _ = std::fs::remove_dir_all(work);
    let (split_dir, bound_dir) = (work.join("split"), work.join("bound"));
    create_dir_all(&bound_dir)?;
    run_cmd(
        Command::new("wasm-split-cli")
            .args(["--target", "web", "--out-name", "broadsheet"])
            .arg(built)
            .arg(&split_dir),
    )?;
    run_cmd(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--keep-lld-exports",
                "--no-demangle",
                "--no-typescript",
                "--out-name",
                "broadsheet",
                "--out-dir",
            ])
            .arg(&bound_dir)
            .arg(split_dir.join("broadsheet.wasm")),
    )?;
    check_main_has_no_yaml(&read(&split_dir.join("broadsheet.wasm"))?)?;
    let main_wasm = bound_dir.join("broadsheet_bg.wasm");
    let mut chunk_paths = BTreeMap::new();
    // Only the files this task knows how to name and serve: a JS snippet of a
    // dependency, say, would otherwise be left out of the site while the build looked
    // fine.
    for entry in read_dir(&split_dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if module_name(&name).is_some() {
            chunk_paths.insert(name, entry.path());
        } else if name != "broadsheet.wasm" && name != TOOL_LOADER {
            return Err(format!(
                "wasm-split-cli wrote {name}, which `cargo xtask wasm` does not ship"
            )
            .into());
        }
    }
    for entry in read_dir(&bound_dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "broadsheet.js" && name != "broadsheet_bg.wasm" {
            return Err(format!(
                "wasm-bindgen wrote {name}, which `cargo xtask wasm` does not ship"
            )
            .into());
        }
    }
    if release {
        for path in std::iter::once(&main_wasm).chain(chunk_paths.values()) {
            run_cmd(
                Command::new("wasm-opt")
                    .args(WASM_OPT_PASSES)
                    .args(WASM_OPT_FEATURES)
                    .arg(path)
                    .arg("-o")
                    .arg(path),
            )?;
        }
    }
    let mut chunks = BTreeMap::new();
    for (tool_name, path) in chunk_paths {
        chunks.insert(tool_name, read(&path)?);
    }
    let (glue_path, loader_path) = (bound_dir.join("broadsheet.js"), split_dir.join(TOOL_LOADER));
    if release {
        for path in [&glue_path, &loader_path] {
            minify::js_file(path, true)?;
        }
    }
    let glue = String::from_utf8_lossy(&read(&glue_path)?).into_owned();
    let loader = String::from_utf8_lossy(&read(&loader_path)?).into_owned();
    name_outputs(&glue, read(&main_wasm)?, &loader, chunks)
}

/// The outputs for this very build (`input`, the Wasm cargo wrote) from the last run
/// when they were made from the same bytes, else from `make`, kept for the next run.
/// `cargo xtask test` and `bench` build several sites from one app: this spares each
/// one after the first its splitting and wasm-opt.
fn cached_or(work: &Path, input: &[u8], make: impl FnOnce() -> Result<Outputs>) -> Result<Outputs> {
    let cache = work.join("cache");
    let mut hasher = Sha256::new();
    // Everything besides the input that shapes the outputs.
    for part in [
        NAMING_VERSION,
        setup::WASM_SPLIT_VERSION,
        &setup::locked_wasm_bindgen().unwrap_or_default(),
        &WASM_OPT_FEATURES.join(" "),
        &WASM_OPT_PASSES.join(" "),
        &minify::TERSER_ARGS.join(" "),
        setup::TERSER_VERSION,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(input);
    let key = hex(&hasher.finalize());
    let names = cache.join("names.json");
    if let Ok(text) = read_to_string(&names) {
        if let Ok(cached) = serde_json::from_str::<CachedNames>(&text) {
            if cached.input == key {
                let mut files = BTreeMap::new();
                for name in cached.files {
                    files.insert(name.clone(), read(&cache.join(&name))?);
                }
                return Ok(Outputs {
                    js: cached.js,
                    wasm: cached.wasm,
                    files,
                });
            }
        }
    }
    let outputs = make()?;
    let _ = std::fs::remove_dir_all(&cache);
    for (name, bytes) in &outputs.files {
        write(&cache.join(name), bytes)?;
    }
    let record = CachedNames {
        input: key,
        js: outputs.js.clone(),
        wasm: outputs.wasm.clone(),
        files: outputs.files.keys().cloned().collect(),
    };
    write(&names, crate::util::to_json("names.json", &record)?)?;
    Ok(outputs)
}

/// What `cached_or` keeps beside the cached files.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedNames {
    /// SHA-256 of the Wasm the outputs were made from.
    input: String,
    js: String,
    wasm: String,
    files: Vec<String>,
}

/// The page without the `data-trunk-skip` link Trunk leaves in it for the Rust app.
pub fn without_skipped_app(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.split_inclusive('\n') {
        if !(line
            .trim_start()
            .starts_with("<link data-trunk rel=\"rust\"")
            && line.contains("data-trunk-skip"))
        {
            out.push_str(line);
        }
    }
    out
}

fn env(name: &str) -> Result<String> {
    std::env::var(name)
        .map_err(|_| format!("{name} is not set: run this as Trunk's post_build hook").into())
}

/// `cargo xtask wasm` (from Trunk, which sets `TRUNK_*`): builds, splits, binds,
/// optimises (release) and writes the app's files into the staging folder.
fn run() -> Result {
    // A plain `trunk build` or `trunk serve` comes here without `cargo xtask setup`:
    // never fall back on whatever wasm-opt is on the PATH (Debian's corrupts modules).
    setup::tools()?;
    let staging = PathBuf::from(env("TRUNK_STAGING_DIR")?);
    let base = env("TRUNK_PUBLIC_URL")?;
    let release = env("TRUNK_PROFILE")? == "release";
    let profile = if release { "release" } else { "debug" };
    // Its own target folder: other wasm32 builds (the wasm-bindgen tests, clippy) use
    // the repository's rustflags, and sharing one folder would rebuild everything each
    // time the flags change. The nightly's build has one of its own for the same reason.
    let rust = Rust::pick(release);
    let (mut cargo, target, rustflags) = match rust {
        Rust::Stable => (
            Command::new("cargo"),
            root().join("target/split"),
            SPLIT_RUSTFLAGS.to_string(),
        ),
        Rust::Nightly => {
            let mut cargo = Command::new("rustup");
            cargo.args(["run", setup::WASM_NIGHTLY, "cargo"]);
            (
                cargo,
                root().join("target/split-nightly"),
                format!("{SPLIT_RUSTFLAGS} {NIGHTLY_RUSTFLAGS}"),
            )
        }
    };
    eprintln!(
        "wasm: {profile} build with {}{}",
        rust.label(),
        match rust {
            Rust::Nightly => " (standard library rebuilt for size, panics abort at once)",
            Rust::Stable if release => {
                " (the pinned nightly is not installed, or BROADSHEET_WASM_RUST=stable: the \
                 main Wasm file is about 20 KB (brotli) bigger; `cargo xtask setup` installs it)"
            }
            Rust::Stable => "",
        }
    );
    cargo
        .current_dir(root())
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", rustflags)
        .args([
            "build",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "broadsheet",
            "--bin",
            "broadsheet",
            "--target-dir",
        ])
        .arg(&target);
    if rust == Rust::Nightly {
        cargo.args(NIGHTLY_CARGO_ARGS);
    }
    if release {
        cargo.arg("--release");
    }
    run_cmd(&mut cargo)?;
    let built = target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("broadsheet.wasm");

    let work = target.join("wasm-split").join(profile);
    let outputs = cached_or(&work, &read(&built)?, || {
        split_and_bind(&built, &work.join("build"), release)
    })?;
    for (name, bytes) in &outputs.files {
        write(&staging.join(name), bytes)?;
    }
    let page = staging.join("index.html");
    let html = String::from_utf8_lossy(&read(&page)?).into_owned();
    write(
        &page,
        fill_start_script(&without_skipped_app(&html), &base, &outputs)?,
    )?;
    let shared = outputs
        .files
        .keys()
        .filter(|n| n.contains("-chunk_"))
        .count();
    eprintln!(
        "wasm: {} files ({} split modules, {shared} shared chunks) in {}",
        outputs.files.len(),
        outputs.files.len().saturating_sub(3 + shared),
        staging.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm_names::tests::{chunks, GLUE, LOADER};

    #[test]
    fn yaml_code_in_the_main_file_fails_the_build() {
        assert!(check_main_has_no_yaml(b"\0asm ... core/src/str/mod.rs ...").is_ok());
        let with_yaml = b"\0asm ... unsafe-libyaml-0.2.11/src/scanner.rs ...";
        assert!(check_main_has_no_yaml(with_yaml).is_err());
    }

    #[test]
    fn start_script_names_the_build_under_the_base() {
        let out = name_outputs(GLUE, vec![1], LOADER, chunks()).unwrap();
        let html = "<script type=\"module\">import('__BROADSHEET_JS__').then((a) => a.default({ module_or_path: '__BROADSHEET_WASM__' }));</script>";
        let filled = fill_start_script(html, "/news/", &out).unwrap();
        assert!(filled.contains(&format!("import('/news/{}')", out.js)));
        assert!(filled.contains(&format!("'/news/{}'", out.wasm)));
        assert!(fill_start_script("<p>no script</p>", "/", &out).is_err());
    }

    #[test]
    fn a_build_from_the_same_wasm_reuses_the_last_outputs() {
        let work =
            std::env::temp_dir().join(format!("broadsheet-wasm-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        let make = |main: u8| move || name_outputs(GLUE, vec![main], LOADER, chunks());
        let first = cached_or(&work, b"wasm one", make(1)).unwrap();
        let again = cached_or(&work, b"wasm one", || Err("made again".into())).unwrap();
        assert_eq!(again, first);
        let other = cached_or(&work, b"wasm two", make(2)).unwrap();
        assert_ne!(other.js, first.js);
        assert!(cached_or(&work, b"wasm three", || Err("made".into())).is_err());
        let _ = std::fs::remove_dir_all(&work);
    }

    #[test]
    fn the_skipped_app_link_is_dropped() {
        let html = "<head>\n    <link data-trunk rel=\"rust\" href=\"Cargo.toml\" data-trunk-skip data-trunk-id=\"0\">\n    <link rel=\"icon\" href=\"favicon.svg\">\n</head>";
        assert_eq!(
            without_skipped_app(html),
            "<head>\n    <link rel=\"icon\" href=\"favicon.svg\">\n</head>"
        );
    }
}
