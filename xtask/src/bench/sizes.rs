//! Transfer sizes of a built site: the app shell every page loads, the split modules
//! fetched on first use, and the data before the first card (brotli, as `dist` writes
//! them). Which file is which comes from `asset_names`.

use std::path::Path;

use broadsheet_core::bundle::{head_path, ALL_LIST, META_PATH};

use super::report::{FileGroup, FirstData, SiteSizes, Sizes};
use crate::asset_names::{is_hashed_asset, is_split_module};
use crate::util::{brotli_len, read_dir, Result};

/// Sizes of a built file: its `.br` sibling written by `dist`, else computed.
fn sizes_of(path: &Path) -> Option<Sizes> {
    let raw = std::fs::read(path).ok()?;
    let brotli = std::fs::metadata(format!("{}.br", path.display()))
        .map(|m| m.len() as usize)
        .unwrap_or_else(|_| brotli_len(&raw));
    Some(Sizes {
        raw: raw.len(),
        brotli,
    })
}

/// Brotli sizes of the app shell (html + js + wasm + css, split loader included), of the
/// split modules, and of the data fetched before the first card, from a built site.
pub fn site_sizes(site: &Path) -> Result<SiteSizes> {
    let mut shell = FileGroup::default();
    let mut split = FileGroup::default();
    for entry in read_dir(site)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        let group = if is_split_module(&name) {
            &mut split
        } else if name == "index.html" || is_hashed_asset(&name) {
            &mut shell
        } else {
            continue;
        };
        let Some(sizes) = sizes_of(&entry.path()) else {
            continue;
        };
        group.total_brotli_bytes += sizes.brotli;
        group.files.insert(name, sizes);
    }
    // The app's first request pair: the site summary and the head of the feed.
    let files = vec![META_PATH.to_string(), head_path(ALL_LIST)];
    let (mut raw, mut brotli_bytes) = (0, 0);
    for file in &files {
        if let Some(s) = sizes_of(&site.join(file)) {
            raw += s.raw;
            brotli_bytes += s.brotli;
        }
    }
    Ok(SiteSizes {
        shell,
        split_modules: split,
        data_before_first_card: FirstData {
            files,
            raw,
            brotli_bytes,
        },
    })
}
