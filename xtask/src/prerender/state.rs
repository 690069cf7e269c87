//! What the last `dist` into a folder rendered, so the next one renders only the article
//! pages whose inputs changed.
//!
//! Kept in `target/dist-state/<hash of the absolute --out path>.json`: per page, the
//! hash of its inputs (the article's source, its related reading and neighbours, the
//! page template and the site options) and the size and modification time the file had
//! once written. A page is skipped only when its inputs hash the same *and* the file on
//! disk still has that size and time, so a deleted or hand-edited page is rebuilt. A
//! new build of xtask (its executable's size or time differ) starts from nothing, since
//! its markup may differ.

use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::util::{state_file, to_json, tool_stamp, write, Result};

/// One rendered page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    /// Hash of its inputs.
    pub key: String,
    /// Its size once written.
    pub size: u64,
    /// Its modification time once written (ns since the epoch).
    pub mtime: u64,
}

/// The pages of the last build into one folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    /// The executable that rendered them.
    tool: String,
    /// Page path (relative to the site) -> what was rendered there.
    pub pages: HashMap<String, Rendered>,
}

/// Size and modification time of `path`, as [`Rendered`] keeps them.
pub fn stamp(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((meta.len(), mtime.as_nanos() as u64))
}

impl State {
    /// The state of the last build into `out`, or an empty one.
    pub fn load(out: &Path) -> State {
        let tool = tool_stamp();
        std::fs::read(state_file(out, ".json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<State>(&bytes).ok())
            .filter(|s| s.tool == tool && !tool.is_empty())
            .unwrap_or(State {
                tool,
                pages: HashMap::new(),
            })
    }

    /// A state for this executable holding `pages`.
    pub fn with_pages(pages: HashMap<String, Rendered>) -> State {
        State {
            tool: tool_stamp(),
            pages,
        }
    }

    /// Keeps this state for the next build into `out`.
    pub fn save(&self, out: &Path) -> Result {
        write(&state_file(out, ".json"), to_json("dist state", self)?)
    }

    /// What the last build rendered at `rel` when it is still there unchanged on disk
    /// (`site` the site folder) and came from inputs hashing to `key`.
    pub fn unchanged(&self, site: &Path, rel: &str, key: &str) -> Option<&Rendered> {
        let last = self.pages.get(rel).filter(|r| r.key == key)?;
        (stamp(&site.join(rel)) == Some((last.size, last.mtime))).then_some(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_unchanged_only_while_its_file_is() {
        let site = std::env::temp_dir().join(format!("broadsheet-state-{}", std::process::id()));
        std::fs::create_dir_all(&site).unwrap();
        let page = site.join("a.html");
        std::fs::write(&page, "one").unwrap();
        let (size, mtime) = stamp(&page).unwrap();
        let mut state = State::default();
        state.pages.insert(
            "a.html".into(),
            Rendered {
                key: "k".into(),
                size,
                mtime,
            },
        );
        assert!(state.unchanged(&site, "a.html", "k").is_some());
        assert!(state.unchanged(&site, "a.html", "other").is_none());
        std::fs::write(&page, "two!").unwrap();
        assert!(state.unchanged(&site, "a.html", "k").is_none());
        std::fs::remove_file(&page).unwrap();
        assert!(state.unchanged(&site, "a.html", "k").is_none());
        let _ = std::fs::remove_dir_all(&site);
    }
}
