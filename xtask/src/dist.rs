//! `cargo xtask dist` (a deployable folder) and `cargo xtask serve` (the dev server).

use std::path::PathBuf;
use std::process::Command;

use crate::args::Args;
use crate::setup::run_cmd;
use crate::{bundle, headers, offline, prerender, root, setup};

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
pub fn run(argv: &[String]) -> crate::Result {
    let args = Args::parse(
        argv,
        &["--content", "--out", "--base-path", "--site-url"],
        &["--strict", "--debug"],
    )?;
    setup::run(false)?;
    let content = args
        .value("--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("content"));
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir()
            .map_err(|e| e.to_string())?
            .join(out)
    };
    let base = normalize_base(&args.value("--base-path").unwrap_or_else(|| "/".into()));
    let site_url = args
        .value("--site-url")
        .unwrap_or_else(|| format!("http://127.0.0.1:8080{base}"));
    let site_url = format!("{}/", site_url.trim_end_matches('/'));
    let bundle = bundle::bundle(&content, args.flag("--strict"))?;

    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(root())
        .env("BROADSHEET_SKIP_BUNDLE", "1")
        .args(["build", "--public-url", &base, "--dist"])
        .arg(&out);
    if !args.flag("--debug") {
        trunk.arg("--release");
    }
    run_cmd(&mut trunk)?;
    // Trunk copied whatever `public/data` held; the bundle for *this* content replaces it.
    let _ = std::fs::remove_dir_all(out.join("data"));
    bundle::write(&bundle, &out)?;
    // The policy hashes the page's inline start script, so it is computed from this very build
    // and written into the template before any page is derived from it.
    let shell_path = out.join("index.html");
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("reading {}: {e}", shell_path.display()))?;
    let hashes = headers::inline_script_hashes(&shell);
    let meta_policy = headers::policy(&hashes, headers::BaseUri::None);
    std::fs::write(&shell_path, headers::add_meta(&shell, &meta_policy))
        .map_err(|e| e.to_string())?;
    prerender::site(&bundle, &out, &base, &site_url)?;
    // After the pages: the worker's build id hashes the final shell and index.
    offline::write_service_worker(&out)?;
    bundle::write_if_changed(
        &out.join("_headers"),
        headers::netlify_headers(
            &base,
            &headers::policy(&hashes, headers::BaseUri::SameOrigin),
        )
        .as_bytes(),
    )?;
    headers::precompress(&out)?;
    eprintln!("dist: wrote {}", out.display());
    Ok(())
}

/// `cargo xtask serve [--port N]`: setup, bundle, then Trunk's dev server (live reload).
pub fn serve(argv: &[String]) -> crate::Result {
    let args = Args::parse(argv, &["--port"], &[])?;
    setup::run(false)?;
    let b = bundle::bundle(&root().join("content"), false)?;
    bundle::write(&b, &root().join("public"))?;
    let port = args.value("--port").unwrap_or_else(|| "8080".into());
    eprintln!("serving on http://127.0.0.1:{port}/");
    run_cmd(Command::new("trunk").current_dir(root()).args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
    ]))
}

#[cfg(test)]
mod tests {
    use super::normalize_base;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("news"), "/news/");
        assert_eq!(normalize_base("/a/b"), "/a/b/");
    }
}
