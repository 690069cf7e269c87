//! The checks of single values of `broadsheet.toml` that need nothing but the value
//! (and, for files, the configuration's folder). Each returns the value as the site uses
//! it, or the problem in words; the caller adds the file, line and key.

use std::path::{Path, PathBuf};

/// A count in `range` that is a multiple of `step`.
pub fn count(n: i64, range: std::ops::RangeInclusive<u32>, step: u32) -> Result<u32, String> {
    let within = u32::try_from(n).ok().filter(|n| range.contains(n));
    match within {
        Some(n) if n % step == 0 => Ok(n),
        Some(_) | None if step > 1 => Err(format!(
            "{n} is not allowed: use a multiple of {step} from {} to {}",
            range.start(),
            range.end()
        )),
        _ => Err(format!(
            "{n} is not allowed: use {} to {}",
            range.start(),
            range.end()
        )),
    }
}

/// An X/Twitter handle (`broadsheet` or `@broadsheet`: 1-15 letters, digits or `_`),
/// with its leading `@`.
pub fn twitter(handle: &str) -> Result<String, String> {
    let name = handle.strip_prefix('@').unwrap_or(handle);
    let ok = (1..=15).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(format!("@{name}"))
    } else {
        Err(format!(
            "`{handle}` is not a handle (1-15 letters, digits or _, like @broadsheet)"
        ))
    }
}

/// A footer link: an absolute `http(s)` address with a host, or a path from the site's
/// root (`/about/`, not `//host` and not `about/`).
pub fn link(url: &str) -> Result<String, String> {
    let bad = |why: &str| {
        Err(format!(
            "`{url}` {why} (use an https:// address or a path starting with /)"
        ))
    };
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("is empty or contains whitespace");
    }
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty() || host.contains('@') {
            return bad("has no host name");
        }
        return Ok(url.to_string());
    }
    if url.starts_with("//") {
        return bad("is a scheme-relative address");
    }
    if url.starts_with('/') {
        return Ok(url.to_string());
    }
    bad("is neither an absolute http(s) address nor a path from the site's root")
}

/// `relative` taken from `folder`; it must be a file that exists.
pub fn existing_file(folder: &Path, relative: &str) -> Result<PathBuf, String> {
    if relative.trim().is_empty() {
        return Err("is empty; name a file relative to the configuration's folder".into());
    }
    let path = folder.join(relative);
    if path.is_file() {
        Ok(path)
    } else if path.exists() {
        Err(format!("`{relative}` is not a file ({})", path.display()))
    } else {
        Err(format!("`{relative}` does not exist ({})", path.display()))
    }
}

/// The logo: an existing PNG, JPEG, WebP or GIF (by its bytes, not its name). An SVG
/// is refused with what to do instead: the icons are PNGs drawn from it, and drawing an
/// SVG needs a renderer xtask does not carry.
pub fn logo(folder: &Path, relative: &str) -> Result<PathBuf, String> {
    let path = existing_file(folder, relative)?;
    let head = std::fs::read(&path)
        .map(|b| b.into_iter().take(512).collect::<Vec<u8>>())
        .map_err(|e| format!("`{relative}`: cannot read: {e}"))?;
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let svg = relative.to_ascii_lowercase().ends_with(".svg")
        || relative.to_ascii_lowercase().ends_with(".svgz")
        || text.contains("<svg");
    if svg {
        return Err(format!(
            "`{relative}` is an SVG; export it as a PNG (at least 512x512 pixels, \
             square) and point logo at that"
        ));
    }
    match image::guess_format(&head) {
        Ok(
            image::ImageFormat::Png
            | image::ImageFormat::Jpeg
            | image::ImageFormat::WebP
            | image::ImageFormat::Gif,
        ) => Ok(path),
        Ok(other) => Err(format!(
            "`{relative}` is {other:?}; use a PNG, JPEG, WebP or GIF"
        )),
        Err(_) => Err(format!(
            "`{relative}` is not an image xtask can read; use a PNG, JPEG, WebP or GIF"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_keep_to_their_range_and_step() {
        for (n, ok) in [(12, true), (24, true), (96, true), (0, false), (11, false)] {
            assert_eq!(count(n, 12..=96, 12).is_ok(), ok, "{n}");
        }
        for n in [108, -12, 30, i64::MAX] {
            let e = count(n, 12..=96, 12).unwrap_err();
            assert!(e.contains("multiple of 12 from 12 to 96"), "{n}: {e}");
        }
        assert_eq!(count(500, 1..=500, 1), Ok(500));
        assert!(count(501, 1..=500, 1).unwrap_err().contains("use 1 to 500"));
    }

    #[test]
    fn twitter_handles_get_their_at() {
        assert_eq!(twitter("broadsheet").unwrap(), "@broadsheet");
        assert_eq!(twitter("@Broad_sheet1").unwrap(), "@Broad_sheet1");
        for bad in ["", "@", "@sixteen_letters_", "a b", "@@x", "ünï"] {
            assert!(twitter(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_are_absolute_or_from_the_root() {
        for ok in [
            "https://x.org/terms",
            "HTTP://x.org",
            "/about/",
            "/contact?x#y",
        ] {
            assert_eq!(link(ok).as_deref(), Ok(ok));
        }
        for (bad, why) in [
            ("about", "neither"),
            ("//x.org", "scheme-relative"),
            ("https://", "no host"),
            ("mailto:a@b.org", "neither"),
            ("javascript:alert(1)", "neither"),
            ("/a b", "whitespace"),
        ] {
            let e = link(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
