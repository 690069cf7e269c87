//! The small blocking script every page runs before its first paint (`src/theme.js`:
//! the reader's theme, the mark of a filtered link, the folded chart on a phone).
//!
//! It is inlined into the page by Trunk (`index.html` links [`OUTPUT`] with
//! `rel="inline"`), not fetched: a blocking external script holds the parser for a
//! round trip before the first card can be painted (35 ms of the first card at 10k
//! articles on 127.0.0.1, where the static page without it needed none). Inline, it is
//! part of every page, so a release build minifies it (4.2 KB -> 1.4 KB raw); the
//! policy allows it by its hash like the start script. Written by `cargo xtask bundle`,
//! Trunk's pre-build hook, before Trunk reads it.

use crate::out_files::write_if_changed;
use crate::util::{read, root, Result};

/// The script as written, relative to the repository root.
pub const SOURCE: &str = "src/theme.js";

/// What `index.html` inlines, relative to the repository root.
pub const OUTPUT: &str = "target/page/theme.js";

/// Writes [`OUTPUT`] from [`SOURCE`]: minified with Terser for a release build
/// (Trunk's `TRUNK_PROFILE`), as written otherwise (only when its bytes change, so
/// Trunk's watcher does not rebuild for nothing).
pub fn write() -> Result {
    let root = root();
    let source = read(&root.join(SOURCE))?;
    let bytes = if crate::minify::release_build() {
        let work = root.join("target/page/theme.min-work.js");
        crate::util::write(&work, &source)?;
        crate::minify::js_file(&work, false)?;
        read(&work)?
    } else {
        source
    };
    write_if_changed(&root.join(OUTPUT), &bytes)
}
