//! `cargo xtask serve`: the dev server. Trunk serves and watches (live reload); its hooks
//! rebuild the bundle (`cargo xtask bundle`) and the app's Wasm (`cargo xtask wasm`) on
//! every change, so this only prepares the first build.

use std::path::Path;
use std::process::Command;

use crate::flags::{Args, Flag, Task};
use crate::util::{root, run_cmd, Result};
use crate::{articles, bundle, setup, site_config};

/// `cargo xtask serve`.
pub const TASK: Task = Task {
    name: "serve",
    summary: "setup + bundle, then serve the site on 127.0.0.1 with live reload.",
    about: "Trunk's dev server: edits to src/, crates/, style/, public/ or content/ rebuild\n\
            and reload the page.",
    flags: &[
        Flag::value("--port", "N", "the port (default: 8080)"),
        Flag::value(
            "--config",
            "FILE",
            "the site's configuration (default: broadsheet.toml, if present; see docs/CONFIG.md)",
        ),
    ],
    run,
};

/// `cargo xtask serve [--port N] [--config FILE]`: setup, bundle, then Trunk's dev
/// server (live reload).
fn run(args: &Args) -> Result {
    // Read first, so a mistake in the file is reported before anything is built.
    let explicit = args.value("--config").map(Path::new);
    site_config::load(explicit)?;
    // Trunk's hooks have no flags: they find the file through the environment.
    let config_env = match explicit {
        Some(file) => std::path::absolute(file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .into_os_string(),
        None => Default::default(),
    };
    setup::tools()?;
    let mut steps = crate::progress::Steps::default();
    let b = articles::read_all(&root().join("content"), false, &mut steps)?;
    bundle::write(&b, &root().join("public"), &mut steps)?;
    let port = args.value("--port").unwrap_or("8080");
    eprintln!("serving on http://127.0.0.1:{port}/");
    run_cmd(
        Command::new("trunk")
            .current_dir(root())
            .env(site_config::CONFIG_ENV, config_env)
            .args(["serve", "--address", "127.0.0.1", "--port", port]),
    )
}
