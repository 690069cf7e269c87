//! `cargo xtask dist`: a deployable folder, built in the one order that works: the
//! bundle, the app shell (Trunk's build: page, styles, `public/`, and the app's Wasm
//! from its post-build hook; reused from `target/shell-cache/` while its inputs are
//! unchanged, see [`crate::shell`]), the Content-Security-Policy from the built page,
//! the prerendered pages, the service worker (whose build id hashes the final pages),
//! the host files (`_headers`, one `Cache-Control` rule per path; `.nojekyll`), and
//! compressed copies last.
//!
//! The `--out` folder is managed whole ([`crate::site_dir`]): a file is written only when
//! its bytes change, whatever the build did not produce is deleted, and the paths that
//! changed are printed (and listed in `--changes FILE`), so a deploy uploads only them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compress::{wants_copies, Candidate};
use crate::flags::{Args, Flag, Task};
use crate::out_files::{write_if_changed, WriteLog};
use crate::progress::{spinner, Steps};
use crate::shell::Source;
use crate::site_config::{normalize_base, SiteConfig};
use crate::site_dir::relative;
use crate::util::{root, Result};
use crate::{
    articles, bundle_data, compress, headers, icons, manifest, offline, prerender, setup, shell,
    site_config, site_dir, site_info, site_url, stylesheet,
};

/// `cargo xtask dist`.
pub const TASK: Task = Task {
    name: "dist",
    summary: "Release build of a deployable folder (default dist/).",
    about: "The app shell, the data bundle, a prerendered page per article, 404.html, feeds,\n\
            the service worker, Netlify _headers and .gz/.br copies of the shell's files (of\n\
            every text file with --precompress). Only files whose bytes change are written;\n\
            files of --out this build does not produce are deleted.",
    flags: &[
        Flag::value("--content", "DIR", "the articles (default: content/)"),
        Flag::value("--out", "DIR", "the folder to write (default: dist/)"),
        Flag::value(
            "--base-path",
            "/sub/",
            "the path the site is served under (default: broadsheet.toml's base_path, else /)",
        ),
        Flag::value(
            "--site-url",
            "URL",
            "its public address, for canonical links, previews, feeds and the sitemap (required, \
             unless broadsheet.toml's site_url or the host sets it: Netlify's URL, \
             CF_PAGES_URL, GitHub Actions' repository)",
        ),
        Flag::value(
            "--config",
            "FILE",
            "the site's configuration (default: broadsheet.toml, if present; see docs/CONFIG.md)",
        ),
        Flag::switch("--strict", "fail when any article is rejected"),
        Flag::switch(
            "--debug",
            "a debug build of the app (faster to build, larger)",
        ),
        Flag::switch(
            "--precompress",
            ".br/.gz copies of every text file, for nginx brotli_static/gzip_static",
        ),
        Flag::value(
            "--changes",
            "FILE",
            "write the paths this build wrote or deleted to FILE, one per line",
        ),
    ],
    run,
};

/// What to build, from the flags of `dist`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The articles.
    pub content: PathBuf,
    /// The folder to write (absolute).
    pub out: PathBuf,
    /// The base path, `/` or `/sub/path/`.
    pub base: String,
    /// The site's public URL, ending in `/`.
    pub site_url: String,
    /// Fail when any article is rejected.
    pub strict: bool,
    /// Build the app in debug mode.
    pub debug: bool,
    /// Compressed copies of every text file, not only of the shell's.
    pub precompress: bool,
    /// Where to list the paths written and deleted.
    pub changes: Option<PathBuf>,
    /// The site's configuration (`broadsheet.toml` or `--config FILE`).
    pub config: SiteConfig,
}

impl Options {
    /// The defaults for `content` written to `out`, served at `site_url` (at a domain's
    /// root), with the repository's `broadsheet.toml` (if any): what `cargo xtask dist
    /// --content CONTENT --out OUT --site-url URL --base-path /` builds.
    pub fn new(content: &Path, out: &Path, site_url: &str) -> Result<Self> {
        let site_url = site_url::validate(site_url, "the site URL")?;
        Self::with(
            content.to_path_buf(),
            out.to_path_buf(),
            "/".into(),
            site_url,
            site_config::load(None)?,
        )
    }

    fn with(
        content: PathBuf,
        out: PathBuf,
        base: String,
        site_url: String,
        config: SiteConfig,
    ) -> Result<Self> {
        let out = if out.is_absolute() {
            out
        } else {
            std::env::current_dir()
                .map_err(|e| format!("the current folder: {e}"))?
                .join(out)
        };
        Ok(Options {
            content,
            out,
            base,
            site_url,
            strict: false,
            debug: false,
            precompress: false,
            changes: None,
            config,
        })
    }
}

/// `cargo xtask dist [--content DIR] [--out DIR] [--base-path P] [--site-url U]
/// [--config FILE] [--strict] [--debug] [--precompress] [--changes FILE]`.
fn run(args: &Args) -> Result {
    // Flags win over the file, the file over the host's variables, those over defaults.
    let config = site_config::load(args.value("--config").map(Path::new))?;
    if let Some(file) = args.value("--config") {
        // Trunk's build hook (`cargo xtask bundle`, which writes the stylesheet with the
        // accents) has no flags: it finds the file through the environment it inherits.
        // Set before any thread starts.
        let file = std::path::absolute(file).map_err(|e| format!("{file}: {e}"))?;
        std::env::set_var(site_config::CONFIG_ENV, file);
    }
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    let chosen_base = args
        .value("--base-path")
        .map(normalize_base)
        .or_else(|| config.base_path.clone());
    let mut base = chosen_base.clone().unwrap_or_else(|| "/".into());
    let (site_url, from) =
        site_url::from_env(args.value("--site-url"), config.site_url.as_deref(), &base)?;
    // A GitHub Pages project site is served under /<repo>/: without a base path from
    // the flag or the file, pages must link there, not under the host's root.
    if chosen_base.is_none() && from == site_url::GITHUB_PAGES {
        base = normalize_base(path_of(&site_url));
    }
    eprintln!("dist: site address {site_url} (from {from})");
    if !site_url.ends_with(&base) {
        eprintln!(
            "dist: note: the address {site_url} does not end in the base path {base}: \
             pages link under {base}; pass --base-path if the site is served elsewhere"
        );
    }
    let mut options = Options::with(content, out, base, site_url, config)?;
    options.strict = args.switch("--strict");
    options.debug = args.switch("--debug");
    options.precompress = args.switch("--precompress");
    options.changes = args.value("--changes").map(PathBuf::from);
    let leftovers = build_keeping(&options)?;
    // The process ends now: see [`Leftovers`].
    std::mem::forget(leftovers);
    Ok(())
}

/// The large structures a finished build still holds (the articles, the output folder's
/// state before and after, per-article keys). Freeing them took about 0.3 s at 100,000
/// articles (millions of small allocations); the command line leaks them on purpose,
/// since its process exits right after, while [`build`] (tests, bench) frees them.
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn std::any::Any>>);

impl Leftovers {
    /// Holds `thing` until the leftovers are dropped (or leaked).
    fn hold<T: 'static>(&mut self, thing: T) {
        self.0.push(Box::new(thing));
    }
}

/// The app's page with what the configuration adds to every page's `<head>`: the
/// accent colours (the shell's stylesheet is the stock one, shared by every site and
/// cached as such) and the touch icon drawn from the logo.
fn with_site_head(page: &str, config: &SiteConfig) -> String {
    let accents = stylesheet::accent_overrides(config);
    let page = page.replacen(
        "<link rel=\"apple-touch-icon\" href=\"icons/icon-192.png\">",
        "<link rel=\"apple-touch-icon\" href=\"icons/apple-touch-icon.png\">",
        1,
    );
    if accents.is_empty() {
        return page;
    }
    // After the stylesheet's link, so it wins the cascade with the same selectors.
    page.replacen(
        "</head>",
        &format!("<style>{}</style></head>", accents.trim()),
        1,
    )
}

/// The produced files `_headers` needs to see: every top-level file and one file per
/// top-level folder and extension, in the order produced. Its rules depend on nothing
/// else (see `headers::rules`), and naming 330,000 paths to it cost a fifth of a second.
fn header_representatives(out: &Path, produced: &[crate::out_files::Produced]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut files = Vec::new();
    for p in produced {
        let Some(rel) = crate::out_files::inside(out, &p.path) else {
            files.push(relative(out, &p.path));
            continue;
        };
        let key = match rel.split_once('/') {
            Some((top, rest)) => (top, rest.rsplit_once('.').map_or("", |(_, e)| e)),
            None => (rel, ""),
        };
        if seen.insert(key) {
            files.push(rel.to_string());
        }
    }
    files
}

/// The path of an absolute URL (`https://h/a/b/` -> `/a/b/`).
fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// Builds the site `options` describe.
pub fn build(options: &Options) -> Result {
    build_keeping(options).map(drop)
}

/// [`build`], handing back what it is done with instead of freeing it.
pub fn build_keeping(options: &Options) -> Result<Leftovers> {
    let mut leftovers = Leftovers::default();
    let mut steps = Steps::default();
    let out = &options.out;
    site_dir::check_out(out, &options.content, &root())?;
    // The folder's last state, the tools and the app shell depend on nothing the
    // articles do, and are mostly waiting (reading the state, a few commands checking
    // the tools when the shell is to be built, the shell's inputs hashed): 0.4 s of a
    // 100,000-article incremental build, so they run on their own thread while the
    // articles are read.
    let log = WriteLog::open();
    let (built, beside) = std::thread::scope(|scope| {
        let beside = scope.spawn(|| {
            let start = Instant::now();
            let before = site_dir::before(out);
            let scan_took = start.elapsed();
            let start = Instant::now();
            let cached = shell::cached(&options.base, options.debug);
            let mut shell_took = start.elapsed();
            let mut tools_took = std::time::Duration::ZERO;
            // The tools are checked only when the shell is to be built.
            let shell = match cached {
                Ok(Some(files)) => Ok((files, Source::Cached)),
                Ok(None) => {
                    let start = Instant::now();
                    let tools = setup::tools();
                    tools_took = start.elapsed();
                    let start = Instant::now();
                    let shell = tools.and_then(|()| shell::build(&options.base, options.debug));
                    shell_took += start.elapsed();
                    shell
                }
                Err(e) => Err(e),
            };
            (before, shell, [scan_took, tools_took, shell_took])
        });
        let built = steps.run_parts("read", |parts| {
            let s = spinner("reading the articles");
            let built = articles::read_all(&options.content, options.strict, parts);
            s.finish_and_clear();
            built
        });
        // The time the main thread waits here is shown as a step of its own.
        (built, steps.run("wait", || beside.join()))
    });
    let (before, shell, [scan_took, tools_took, shell_took]) = beside
        .map_err(|_| "the thread scanning --out and checking the tools and the shell panicked")?;
    for (name, took) in [
        ("scan", scan_took),
        ("tools", tools_took),
        ("shell", shell_took),
    ] {
        steps.alongside(name, took, "read");
    }
    let (shell, shell_source) = shell?;
    let built = built?;
    let config = &options.config;
    let info = site_info::site_info(config)?;
    let about = site_info::about_html(config)?;
    let text = |name: &str| -> Result<String> {
        let bytes = shell
            .get(name)
            .ok_or_else(|| format!("the app shell has no {name}"))?;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    };
    // The policy hashes the page's inline start script, so it is computed from this very
    // build and written into the template before any page is derived from it.
    let page = with_site_head(&text("index.html")?, config);
    let hashes = headers::inline_script_hashes(&page);
    let styles = headers::inline_style_hashes(&page);
    let template = headers::add_meta(
        &page,
        &headers::policy(&hashes, &styles, headers::BaseUri::None),
    );
    let twitter = config.social.twitter.clone();
    let site = prerender::Site {
        base: &options.base,
        url: &options.site_url,
        info: &info,
        description: &config.description,
        twitter: twitter.as_deref(),
        feed_items: config.feed_items as usize,
    };
    // The id buckets and the search index depend only on the articles, and making them
    // is mostly one core's work (0.15 s and 0.3 s at 100,000 articles): they are written
    // on their own thread while the rest of the data, the pages and the feeds are made.
    let (rest, beside) = std::thread::scope(|scope| {
        let beside = scope.spawn(|| {
            let start = Instant::now();
            let ids = bundle_data::write_ids(&built, out);
            let ids_took = start.elapsed();
            let start = Instant::now();
            let search = ids.and_then(|()| bundle_data::write_search(&built, out));
            (search, [ids_took, start.elapsed()])
        });
        let rest = (|| -> Result<_> {
            let related = steps.run_parts("data", |parts| {
                let s = spinner("writing the data bundle");
                let done =
                    bundle_data::write_lists_and_articles(&built, out, parts).and_then(|related| {
                        site_info::write(out, &info, about.as_deref())?;
                        Ok(related)
                    });
                s.finish_and_clear();
                done
            })?;
            steps.run("shell files", || -> Result {
                // Not the page (every page is made from it), the worker (stamped below), nor
                // what the configuration makes: the manifest and the icons.
                for (name, bytes) in &shell {
                    let configured = name == manifest::FILE_NAME || name.starts_with("icons/");
                    if name != "index.html" && name != "sw.js" && !configured {
                        write_if_changed(&out.join(name), bytes)?;
                    }
                }
                icons::write(config, &out.join("icons"))?;
                manifest::write(config, out)
            })?;
            let pages = steps.run("pages", || {
                prerender::site(&built, &related, out, &site, &template, about.as_deref())
            })?;
            // The pages that get compressed copies are final now: their copies are made
            // meanwhile (the scope waits for it before the compress step).
            scope.spawn(|| compress::warm(out, &["index.html", "404.html"]));
            steps.run("feeds", || prerender::feeds(&built, out, &site))?;
            Ok((related, pages))
        })();
        (rest, steps.run("wait", || beside.join()))
    });
    let (beside, [ids_took, search_took]) =
        beside.map_err(|_| "the thread writing the id buckets and the search index panicked")?;
    for (name, took) in [("ids", ids_took), ("search", search_took)] {
        steps.alongside(name, took, "data, pages and feeds");
    }
    let (related, pages) = rest?;
    beside?;
    steps.run("worker", || -> Result {
        // After the pages: the worker's build id hashes the final shell and index.
        let top: Vec<String> = shell.keys().filter(|n| !n.contains('/')).cloned().collect();
        let (sw, manifest) =
            offline::service_worker(&text("sw.js")?, &top, &|f| std::fs::read(out.join(f)).ok())?;
        write_if_changed(&out.join("sw.js"), sw.as_bytes())?;
        write_if_changed(&out.join("sw-manifest.json"), &manifest)
    })?;
    let mut produced = log.close();
    let log = WriteLog::open();
    steps.run("host files", || -> Result {
        // After every other file: `_headers` has a rule for each top-level entry.
        let files = header_representatives(out, &produced);
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        let policy = headers::policy(&hashes, &styles, headers::BaseUri::SameOrigin);
        let text = headers::netlify_headers(&options.base, &policy, &files)?;
        write_if_changed(&out.join("_headers"), text.as_bytes())?;
        // GitHub Pages runs Jekyll on a published branch, which drops every path with a
        // segment starting with `_` (data files are named with `_xx` escapes).
        write_if_changed(&out.join(".nojekyll"), b"")
    })?;
    produced.extend(log.close());
    let copies: Vec<Candidate> = produced
        .iter()
        .map(|p| (relative(out, &p.path), p))
        .filter(|(rel, p)| {
            wants_copies(rel, p.size)
                && (options.precompress
                    || shell.contains_key(rel)
                    || rel == "index.html"
                    || rel == "404.html")
        })
        .map(|(rel, p)| Candidate {
            rel,
            unchanged: !p.written,
        })
        .collect();
    let log = WriteLog::open();
    steps.run("compress", || {
        compress::precompress(out, &copies, &|rel| before.had(rel))
    })?;
    produced.extend(log.close());
    let (changes, states) = steps.run("sync", || site_dir::finish(out, &before, produced))?;
    leftovers.hold(states);
    leftovers.hold(before);
    if let Some(file) = &options.changes {
        changes.write_to(file)?;
    }
    eprint!("{}", changes.shown());
    let bundle = &built.bundle;
    eprintln!(
        "dist: {} articles read: {} published, {} drafts left out, {} rejected",
        bundle.entries.len() + bundle.drafts + bundle.meta.rejected.len(),
        bundle.entries.len(),
        bundle.drafts,
        bundle.meta.rejected.len()
    );
    eprintln!(
        "dist: shell {}; article pages: {} rendered, {} unchanged (skipped); {} compressed copies{}",
        match shell_source {
            Source::Built => "built by Trunk",
            Source::Cached => "from target/shell-cache",
        },
        pages.rendered,
        pages.skipped,
        copies.len() * 2,
        if options.precompress { " (--precompress)" } else { "" },
    );
    eprintln!(
        "dist: files {} written, {} unchanged, {} deleted; the site: {} files, {:.1} MB",
        changes.written.len(),
        changes.unchanged,
        changes.deleted.len(),
        changes.files,
        changes.bytes as f64 / 1e6
    );
    eprintln!("dist: {} in {}", out.display(), steps.summary());
    leftovers.hold((built, related, shell, pages, copies));
    Ok(leftovers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("news"), "/news/");
        assert_eq!(normalize_base("/a/b"), "/a/b/");
    }

    #[test]
    fn a_site_url_is_required_and_validated() {
        let o = Options::new(Path::new("c"), Path::new("/o"), "https://x.org").unwrap();
        assert_eq!(
            (o.base.as_str(), o.site_url.as_str()),
            ("/", "https://x.org/")
        );
        assert!(Options::new(Path::new("c"), Path::new("/o"), "x.org").is_err());
    }
}
