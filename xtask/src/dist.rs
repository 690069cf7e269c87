//! `cargo xtask dist`: a deployable folder, built in the one order that works: the
//! bundle, Trunk's build (page, styles, `public/`, and the app's Wasm from its post-build
//! hook), the Content-Security-Policy from the built page, the prerendered pages, the
//! service worker (whose build id hashes the final pages), `_headers`, and compressed
//! copies last, of everything.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::flags::{Args, Flag, Task};
use crate::util::{read_to_string, root, run_cmd, write, write_if_changed, Result};
use crate::{bundle, headers, offline, prerender, setup};

/// `cargo xtask dist`.
pub const TASK: Task = Task {
    name: "dist",
    summary: "Release build of a deployable folder (default dist/).",
    about: "The app shell, the data bundle, a prerendered page per article, 404.html, feeds,\n\
            the service worker, Netlify _headers and .gz/.br copies of text files.",
    flags: &[
        Flag::value("--content", "DIR", "the articles (default: content/)"),
        Flag::value("--out", "DIR", "the folder to write (default: dist/)"),
        Flag::value(
            "--base-path",
            "/sub/",
            "the path the site is served under (default: /)",
        ),
        Flag::value(
            "--site-url",
            "URL",
            "its public URL, for feeds and canonical links (default: http://127.0.0.1:8080<base>)",
        ),
        Flag::switch("--strict", "fail when any article is rejected"),
        Flag::switch(
            "--debug",
            "a debug build of the app (faster to build, larger)",
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
}

impl Options {
    /// The defaults for `content` written to `out`: what `cargo xtask dist --content
    /// CONTENT --out OUT` builds.
    pub fn new(content: &Path, out: &Path) -> Result<Self> {
        Self::from_args(content.to_path_buf(), out.to_path_buf(), None, None)
    }

    fn from_args(
        content: PathBuf,
        out: PathBuf,
        base: Option<&str>,
        site_url: Option<&str>,
    ) -> Result<Self> {
        let out = if out.is_absolute() {
            out
        } else {
            std::env::current_dir()
                .map_err(|e| format!("the current folder: {e}"))?
                .join(out)
        };
        let base = normalize_base(base.unwrap_or("/"));
        let site_url = site_url
            .map(str::to_string)
            .unwrap_or_else(|| format!("http://127.0.0.1:8080{base}"));
        let site_url = format!("{}/", site_url.trim_end_matches('/'));
        Ok(Options {
            content,
            out,
            base,
            site_url,
            strict: false,
            debug: false,
        })
    }
}

/// Normalises a base path to `/` or `/sub/path/`.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// `cargo xtask dist [--content DIR] [--out DIR] [--base-path P] [--site-url U] [--strict] [--debug]`.
fn run(args: &Args) -> Result {
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    let mut options = Options::from_args(
        content,
        out,
        args.value("--base-path"),
        args.value("--site-url"),
    )?;
    options.strict = args.switch("--strict");
    options.debug = args.switch("--debug");
    build(&options)
}

/// Builds the site `options` describe.
pub fn build(options: &Options) -> Result {
    setup::tools()?;
    let Options {
        content,
        out,
        base,
        site_url,
        ..
    } = options;
    let bundle = bundle::bundle(content, options.strict)?;

    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(root())
        .env("BROADSHEET_SKIP_BUNDLE", "1")
        .args(["build", "--public-url", base, "--dist"])
        .arg(out);
    if !options.debug {
        trunk.arg("--release");
    }
    run_cmd(&mut trunk)?;
    // Trunk copied whatever `public/data` held; the bundle for *this* content replaces it.
    let _ = std::fs::remove_dir_all(out.join("data"));
    bundle::write(&bundle, out)?;
    // The policy hashes the page's inline start script, so it is computed from this very build
    // and written into the template before any page is derived from it.
    let shell_path = out.join("index.html");
    let shell = read_to_string(&shell_path)?;
    let hashes = headers::inline_script_hashes(&shell);
    let meta_policy = headers::policy(&hashes, headers::BaseUri::None);
    write(&shell_path, headers::add_meta(&shell, &meta_policy))?;
    prerender::site(&bundle, out, base, site_url)?;
    // After the pages: the worker's build id hashes the final shell and index.
    offline::write_service_worker(out)?;
    write_if_changed(
        &out.join("_headers"),
        headers::netlify_headers(
            base,
            &headers::policy(&hashes, headers::BaseUri::SameOrigin),
        )
        .as_bytes(),
    )?;
    headers::precompress(out)?;
    eprintln!("dist: wrote {}", out.display());
    Ok(())
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
    fn site_url_defaults_follow_the_base() {
        let o = Options::from_args("c".into(), "/o".into(), Some("news"), None).unwrap();
        assert_eq!(o.site_url, "http://127.0.0.1:8080/news/");
        let o = Options::from_args("c".into(), "/o".into(), None, Some("https://x.org")).unwrap();
        assert_eq!(
            (o.base.as_str(), o.site_url.as_str()),
            ("/", "https://x.org/")
        );
    }
}
