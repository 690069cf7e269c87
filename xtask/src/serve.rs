//! `cargo xtask serve`: the dev server. Trunk serves and watches (live reload); its hooks
//! rebuild the bundle (`cargo xtask bundle`) and the app's Wasm (`cargo xtask wasm`) on
//! every change, so this only prepares the first build.

use std::process::Command;

use crate::flags::{Args, Flag, Task};
use crate::util::{root, run_cmd, Result};
use crate::{articles, bundle, setup};

/// `cargo xtask serve`.
pub const TASK: Task = Task {
    name: "serve",
    summary: "setup + bundle, then serve the site on 127.0.0.1 with live reload.",
    about: "Trunk's dev server: edits to src/, crates/, style/, public/ or content/ rebuild\n\
            and reload the page.",
    flags: &[Flag::value("--port", "N", "the port (default: 8080)")],
    run,
};

/// `cargo xtask serve [--port N]`: setup, bundle, then Trunk's dev server (live reload).
fn run(args: &Args) -> Result {
    setup::tools()?;
    let mut steps = crate::progress::Steps::default();
    let b = articles::read_all(&root().join("content"), false, &mut steps)?;
    bundle::write(&b, &root().join("public"), &mut steps)?;
    let port = args.value("--port").unwrap_or("8080");
    eprintln!("serving on http://127.0.0.1:{port}/");
    run_cmd(Command::new("trunk").current_dir(root()).args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        port,
    ]))
}
