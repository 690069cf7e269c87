//! Security and caching for the built site: the Content-Security-Policy (with hashes of
//! the page's inline start script, computed from the built HTML) and Netlify `_headers`.
//! (Compressed copies are `compress`'s.)

use sha2::{Digest, Sha256};

use crate::asset_names::IMMUTABLE_GLOBS;

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `'sha256-…'` sources for every inline `<script>` (no `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let open = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        if !open.contains(" src=") {
            let digest = Sha256::digest(&rest.as_bytes()[body_start..body_start + close]);
            hashes.push(format!("'sha256-{}'", base64(&digest)));
        }
        rest = &rest[body_start + close..];
    }
    hashes
}

/// Which `<base>` elements a policy allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseUri {
    /// `'none'`: for the `<meta>` policy, which the page's own `<base href>` precedes, so
    /// it binds every `<base>` that could come later and never the site's own.
    None,
    /// `'self'`: for the header policy, which applies from the first byte and so also to
    /// the page's own `<base href>` that sub-path deploys rely on. The meta policy in
    /// every page still adds `'none'` for anything after it.
    SameOrigin,
}

/// The policy. `wasm-unsafe-eval` is what instantiating WebAssembly needs; no
/// `unsafe-inline`, no `unsafe-eval`.
pub fn policy(hashes: &[String], base: BaseUri) -> String {
    let base = match base {
        BaseUri::None => "'none'",
        BaseUri::SameOrigin => "'self'",
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' https:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri {base}; form-action 'none'",
        hashes.join(" ")
    )
}

/// Adds the policy as a `<meta>` right after `<base>`: the page's own base is set before
/// the policy exists, and `base-uri 'none'` binds any later one.
pub fn add_meta(html: &str, policy: &str) -> String {
    let tag = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    match html.find("<base ") {
        Some(i) => match html[i..].find('>') {
            Some(end) => format!("{}{tag}{}", &html[..i + end + 1], &html[i + end + 1..]),
            None => html.replacen("<head>", &format!("<head>{tag}"), 1),
        },
        None => html.replacen("<head>", &format!("<head>{tag}"), 1),
    }
}

/// Netlify `_headers`: hashed assets ([`IMMUTABLE_GLOBS`]) cached forever; HTML, data and
/// feeds revalidated.
pub fn netlify_headers(base: &str, policy: &str) -> String {
    let mut out = format!(
        "{base}*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Cache-Control: no-cache\n"
    );
    for glob in IMMUTABLE_GLOBS {
        out.push_str(&format!(
            "{base}{glob}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    out.push_str(&format!(
        "{base}covers/*\n  Cache-Control: public, max-age=86400\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `_headers` of a sub-path deploy, as every build before the globs moved to
    /// `asset_names` wrote it: `dist` output must not change by a byte.
    #[test]
    fn netlify_headers_are_unchanged() {
        let want = "/news/*\n  Content-Security-Policy: P; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Cache-Control: no-cache\n\
         /news/*.wasm\n  Cache-Control: public, max-age=31536000, immutable\n\
         /news/broadsheet-*.js\n  Cache-Control: public, max-age=31536000, immutable\n\
         /news/main-*.css\n  Cache-Control: public, max-age=31536000, immutable\n\
         /news/covers/*\n  Cache-Control: public, max-age=86400\n";
        assert_eq!(netlify_headers("/news/", "P"), want);
    }

    #[test]
    fn base64_matches_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html = "<script src=\"a.js\"></script><script type=\"module\">alert(1)</script>";
        // sha256("alert(1)") in base64, as browsers compute it.
        assert_eq!(
            inline_script_hashes(html),
            ["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
        );
    }

    #[test]
    fn meta_policy_forbids_every_base_the_header_allows_the_sites_own() {
        let h = vec!["'sha256-x'".to_string()];
        assert!(policy(&h, BaseUri::None).contains("base-uri 'none';"));
        assert!(policy(&h, BaseUri::SameOrigin).contains("base-uri 'self';"));
        assert!(!policy(&h, BaseUri::None).contains("unsafe-inline"));
    }

    #[test]
    fn meta_goes_after_base() {
        let out = add_meta(
            "<head><base href=\"/news/\"><title>x</title>",
            "default-src 'self'",
        );
        assert!(out.starts_with(
            "<head><base href=\"/news/\"><meta http-equiv=\"Content-Security-Policy\""
        ));
    }
}
