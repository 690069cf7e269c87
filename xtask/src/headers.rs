//! Security and caching for the built site: the Content-Security-Policy (with hashes of
//! the page's inline start script, computed from the built HTML) and Netlify `_headers`.
//! (Compressed copies are `compress`'s.)

use sha2::{Digest, Sha256};

use crate::asset_names::IMMUTABLE_GLOBS;
use crate::util::Result;

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
    inline_hashes(html, "script")
}

/// `'sha256-…'` sources for every `<style>` element in `html` (the accents a site's
/// configuration adds to its pages).
pub fn inline_style_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "style")
}

/// The hashes of the inline `<tag>` elements of `html` (those without `src`).
fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let (opening, closing) = (format!("<{tag}"), format!("</{tag}>"));
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&opening) {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let open = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find(&closing) else {
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

/// The policy, allowing the inline scripts and styles whose hashes are given.
/// `wasm-unsafe-eval` is what instantiating WebAssembly needs; no `unsafe-inline`, no
/// `unsafe-eval`.
pub fn policy(hashes: &[String], styles: &[String], base: BaseUri) -> String {
    let base = match base {
        BaseUri::None => "'none'",
        BaseUri::SameOrigin => "'self'",
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'{}; \
         img-src 'self' https:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri {base}; form-action 'none'",
        hashes.join(" "),
        styles.iter().map(|h| format!(" {h}")).collect::<String>()
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

/// `Cache-Control` of hashed assets ([`IMMUTABLE_GLOBS`]): their names change with their bytes.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of `covers/`: a day.
pub const ONE_DAY: &str = "public, max-age=86400";
/// `Cache-Control` of everything else (pages, `data/`, feeds, the worker, icons): a
/// redeploy is seen at once.
pub const REVALIDATE: &str = "no-cache";

/// One rule of `_headers`: a path pattern (`*` matches any characters, `/` included, as
/// Netlify and Cloudflare Pages match it) and the headers it adds.
pub type Rule = (String, Vec<(&'static str, String)>);

/// The rules of `_headers` for a site served under `base` whose files are `files`
/// (paths relative to the site, with `/`; the ones this build wrote).
///
/// Netlify and Cloudflare Pages apply *every* rule that matches a path (Cloudflare joins
/// two values of one header with a comma), so each path must match exactly one
/// `Cache-Control` rule: the security headers go on `{base}*` without one, the front
/// page's URL (`{base}`), each top-level file and each top-level folder (`{base}data/*`)
/// get their own rule, and the hashed assets theirs ([`IMMUTABLE_GLOBS`]). Numbered
/// siblings share a rule (`sitemap-*.xml`). Checked here for one file of every kind:
/// a build whose files would match two rules, or none, fails.
pub fn rules(base: &str, policy: &str, files: &[&str]) -> Result<Vec<Rule>> {
    let cache = |value: &str| vec![("Cache-Control", value.to_string())];
    let mut rules: Vec<Rule> = vec![(
        format!("{base}*"),
        vec![
            (
                "Content-Security-Policy",
                format!("{policy}; frame-ancestors 'none'"),
            ),
            ("X-Content-Type-Options", "nosniff".into()),
            ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        ],
    )];
    rules.push((base.to_string(), cache(REVALIDATE)));
    let mut top = std::collections::BTreeMap::new();
    for file in files {
        match file.split_once('/') {
            Some((dir, rest)) => {
                let value = if dir == "covers" { ONE_DAY } else { REVALIDATE };
                top.insert(format!("{dir}/*"), value);
                // A top-level page (`about/index.html`) is also asked for as `about`,
                // which the folder's rule does not match.
                if rest == "index.html" {
                    top.insert(dir.to_string(), value);
                }
            }
            None if crate::asset_names::is_hashed_asset(file) => {}
            None => {
                top.insert(numbered_as_glob(file), REVALIDATE);
            }
        }
    }
    rules.extend(
        top.into_iter()
            .map(|(p, v)| (format!("{base}{p}"), cache(v))),
    );
    for glob in IMMUTABLE_GLOBS {
        rules.push((format!("{base}{glob}"), cache(IMMUTABLE)));
    }
    check_one_cache_rule(&rules, &representatives(base, files))?;
    Ok(rules)
}

/// `sitemap-12.xml` as `sitemap-*.xml`: a number after a `-` and before a `.` becomes `*`.
fn numbered_as_glob(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find('-') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with('.') {
            out.push('*');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// The request paths checked: the front page, and one file of every (top-level entry,
/// extension), with the directory URLs of an `index.html`. The rules only look at the
/// top-level name and the end of a path, so one of each kind stands for all.
fn representatives(base: &str, files: &[&str]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut paths = vec![base.to_string()];
    for file in files {
        let top = file.split('/').next().unwrap_or_default();
        let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
        let key = if file.contains('/') {
            (top, ext)
        } else {
            (*file, "")
        };
        if !seen.insert(key) {
            continue;
        }
        paths.push(format!("{base}{file}"));
        if let Some(dir) = file.strip_suffix("/index.html") {
            paths.push(format!("{base}{dir}/"));
            paths.push(format!("{base}{dir}"));
        }
    }
    paths
}

/// Whether `path` matches `pattern`, where `*` matches any characters (`/` included).
pub fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// The values of every `Cache-Control` the rules give `path`, as a host applies them.
pub fn cache_controls<'a>(rules: &'a [Rule], path: &str) -> Vec<&'a str> {
    rules
        .iter()
        .filter(|(pattern, _)| matches(pattern, path))
        .flat_map(|(_, headers)| headers.iter())
        .filter(|(name, _)| *name == "Cache-Control")
        .map(|(_, value)| value.as_str())
        .collect()
}

fn check_one_cache_rule(rules: &[Rule], paths: &[String]) -> Result {
    for path in paths {
        let found = cache_controls(rules, path);
        if found.len() != 1 {
            return Err(format!(
                "_headers: {path} matches {} Cache-Control rules ({found:?}); hosts merge \
                 every matching rule, so each path must match exactly one",
                found.len()
            )
            .into());
        }
    }
    Ok(())
}

/// `_headers` (Netlify's format, which Cloudflare Pages reads too) from [`rules`].
pub fn netlify_headers(base: &str, policy: &str, files: &[&str]) -> Result<String> {
    let mut out = String::new();
    for (pattern, headers) in rules(base, policy, files)? {
        out.push_str(&pattern);
        out.push('\n');
        for (name, value) in headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files of a build, as `dist` passes them (shell, pages, data, feeds, covers).
    const FILES: &[&str] = &[
        "index.html",
        "404.html",
        "sw.js",
        "sw-manifest.json",
        "manifest.webmanifest",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "sitemap-1.xml",
        "sitemap-2.xml",
        "robots.txt",
        "broadsheet-3e6c95f359666a3b.js",
        "broadsheet-3e6c95f359666a3b_bg.wasm",
        "broadsheet-3e6c95f359666a3b-split.js",
        "broadsheet-3e6c95f359666a3b-article_bg.wasm",
        "broadsheet-3e6c95f359666a3b-chunk_5_bg.wasm",
        "main-c2432a53893cc85c.css",
        "article/a-title/index.html",
        "article/b-title/index.html",
        "about/index.html",
        "data/feed/meta.json",
        "data/feed/all/head.json",
        "data/articles/a-title.md",
        "data/search/manifest.json",
        "icons/icon-192.png",
        "covers/city/800.jpg",
    ];

    /// The paths a browser asks for, with the `Cache-Control` each must get.
    fn expected(base: &str) -> Vec<(String, &'static str)> {
        let mut paths: Vec<(String, &str)> = FILES
            .iter()
            .map(|f| {
                let want = if crate::asset_names::is_hashed_asset(f) {
                    IMMUTABLE
                } else if f.starts_with("covers/") {
                    ONE_DAY
                } else {
                    REVALIDATE
                };
                (format!("{base}{f}"), want)
            })
            .collect();
        for page in ["", "article/a-title", "article/a-title/", "sitemap-3.xml"] {
            paths.push((format!("{base}{page}"), REVALIDATE));
        }
        paths
    }

    /// Every path gets exactly one `Cache-Control`, evaluated as Netlify and Cloudflare
    /// Pages do (every matching rule applies), and the one of its kind: what the single
    /// `/*` rule plus overrides used to mean, without the merge.
    #[test]
    fn every_path_matches_exactly_one_cache_rule() {
        for base in ["/", "/news/"] {
            let rules = rules(base, "P", FILES).unwrap();
            for (path, want) in expected(base) {
                assert_eq!(cache_controls(&rules, &path), [want], "{path}");
                let csp = rules
                    .iter()
                    .filter(|(p, _)| matches(p, &path))
                    .flat_map(|(_, h)| h.iter())
                    .filter(|(n, _)| *n == "Content-Security-Policy")
                    .count();
                assert_eq!(csp, 1, "{path}");
            }
        }
    }

    #[test]
    fn the_file_has_one_rule_per_kind() {
        let text = netlify_headers("/news/", "P", FILES).unwrap();
        assert!(text.starts_with(
            "/news/*\n  Content-Security-Policy: P; frame-ancestors 'none'\n  \
             X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\
             /news/\n  Cache-Control: no-cache\n"
        ));
        for rule in [
            "/news/article/*\n  Cache-Control: no-cache\n",
            "/news/covers/*\n  Cache-Control: public, max-age=86400\n",
            "/news/sitemap-*.xml\n  Cache-Control: no-cache\n",
            "/news/*.wasm\n  Cache-Control: public, max-age=31536000, immutable\n",
            "/news/about\n  Cache-Control: no-cache\n",
            "/news/about/*\n  Cache-Control: no-cache\n",
        ] {
            assert_eq!(text.matches(rule).count(), 1, "{rule}");
        }
        assert_eq!(text.matches("Cache-Control").count(), 21, "{text}");
    }

    #[test]
    fn a_file_matching_two_rules_fails_the_build() {
        let e = rules("/", "P", &["index.html", "data/x.wasm"]).unwrap_err();
        assert!(e.to_string().contains("/data/x.wasm matches 2"), "{e}");
    }

    #[test]
    fn globs_match_as_hosts_do() {
        assert!(matches("/*", "/a/b.html"));
        assert!(matches("/news/*.wasm", "/news/x_bg.wasm"));
        assert!(!matches("/news/*.wasm", "/news/x_bg.wasm.br"));
        assert!(matches("/broadsheet-*.js", "/broadsheet-1-split.js"));
        assert!(!matches("/", "/index.html"));
        assert!(matches("/a*b*c", "/abxbc"));
        assert!(!matches("/a*bc", "/abc/x"));
        assert_eq!(numbered_as_glob("sitemap-12.xml"), "sitemap-*.xml");
        assert_eq!(numbered_as_glob("404.html"), "404.html");
        assert_eq!(numbered_as_glob("sw-manifest.json"), "sw-manifest.json");
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
        assert!(policy(&h, &[], BaseUri::None).contains("base-uri 'none';"));
        assert!(policy(&h, &[], BaseUri::SameOrigin).contains("base-uri 'self';"));
        assert!(!policy(&h, &[], BaseUri::None).contains("unsafe-inline"));
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
