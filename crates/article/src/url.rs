//! The URL policy for untrusted content: which links and images may appear at all.
//!
//! Links may use `http`, `https` or `mailto`, or be relative to the site; images may use
//! `https` or be relative (same-origin). Anything else is dropped, never rewritten into
//! something clickable. Checks follow what browsers do before resolving a URL: ASCII tab
//! and newline are removed, leading/trailing C0 controls and spaces are trimmed, and `\`
//! counts as `/`, so `java\tscript:` or `/\evil.example` cannot sneak through.
//!
//! An accepted image URL never holds a character that ends or splits a `srcset` image
//! candidate (HTML's ASCII whitespace and the comma): those are percent-encoded, so one
//! front-matter value cannot add candidates of its own to a cover's `srcset`. Encoded,
//! not refused: `covers/Harbour at dawn.jpg` is a legitimate file name, and `%20` is
//! exactly what a browser sends for the space in `src`; a server decodes `%2C` back to
//! the comma of `a,b.jpg` before looking the file up, so such covers keep working.

/// What the URL will be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// `<a href>`.
    Link,
    /// `<img src>` or a cover image.
    Image,
}

/// Where an accepted URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeUrl {
    /// Absolute `http(s)`/`mailto` URL: gets `rel="noopener noreferrer nofollow"`.
    External(String),
    /// Path or fragment on this site, resolved against the site's base.
    Relative(String),
}

impl SafeUrl {
    /// The URL text.
    pub fn as_str(&self) -> &str {
        match self {
            SafeUrl::External(s) | SafeUrl::Relative(s) => s,
        }
    }
}

fn percent_decode_lossy(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a byte ends or splits a `srcset` image candidate: HTML's ASCII whitespace (a
/// URL is the run of bytes up to the next one) and the comma (a trailing comma ends the
/// candidate, so its width descriptor would start a candidate of its own).
fn splits_srcset(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r' | b',')
}

/// `url` with every byte that would end or split a `srcset` candidate percent-encoded
/// (`%20`, `%2C`…); borrowed when there is none, as for every URL [`check`] accepted as
/// an [`UrlUse::Image`]. Encoding twice changes nothing (`%` itself is kept).
///
/// ```
/// use broadsheet_article::url::srcset_safe;
/// assert_eq!(srcset_safe("a b.jpg 1w, evil.jpg"), "a%20b.jpg%201w%2C%20evil.jpg");
/// assert_eq!(srcset_safe("covers/a/small.jpg"), "covers/a/small.jpg");
/// ```
pub fn srcset_safe(url: &str) -> std::borrow::Cow<'_, str> {
    if !url.bytes().any(splits_srcset) {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match u8::try_from(c) {
            Ok(b) if splits_srcset(b) => out.push_str(&format!("%{b:02X}")),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Schemes that must never appear, even percent-encoded in what looks like a path.
const FORBIDDEN: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];

/// Applies the policy. Returns `None` when the URL must be dropped.
///
/// ```
/// use broadsheet_article::url::{check, UrlUse, SafeUrl};
/// assert_eq!(check("https://a.example/x", UrlUse::Link), Some(SafeUrl::External("https://a.example/x".into())));
/// assert_eq!(check(" JaVa\tScRiPt:alert(1)", UrlUse::Link), None);
/// assert_eq!(check("http://a.example/i.png", UrlUse::Image), None);
/// // An image URL cannot split a `srcset` candidate: spaces and commas are encoded.
/// assert_eq!(check("covers/a b.jpg 9w, https://t.example/p.gif", UrlUse::Image).unwrap().as_str(),
///            "covers/a%20b.jpg%209w%2C%20https://t.example/p.gif");
/// ```
pub fn check(raw: &str, usage: UrlUse) -> Option<SafeUrl> {
    // Most URLs (every cover image) are printable ASCII without `%` or `\`. For those,
    // trimming, removing tabs, decoding and squeezing change nothing, so the four copies
    // `normalize` makes are skipped; the scheme rules are the same ones.
    let plain = raw
        .bytes()
        .all(|b| matches!(b, b'!'..=b'~') && b != b'%' && b != b'\\');
    let cleaned = if plain {
        // Today `classify` refuses these schemes anyway; the same check as on the slow
        // path keeps them refused if its allow-list ever grows.
        if raw.is_empty() || raw.len() > MAX_URL_LEN || starts_forbidden(raw) {
            return None;
        }
        raw.to_string()
    } else {
        normalize(raw)?
    };
    let safe = classify(cleaned, usage)?;
    Some(match (usage, safe) {
        (UrlUse::Image, SafeUrl::External(s)) => SafeUrl::External(encoded_for_srcset(s)),
        (UrlUse::Image, SafeUrl::Relative(s)) => SafeUrl::Relative(encoded_for_srcset(s)),
        (_, safe) => safe,
    })
}

/// [`srcset_safe`] for an owned URL, which is kept as it is in the usual case.
fn encoded_for_srcset(url: String) -> String {
    if url.bytes().any(splits_srcset) {
        srcset_safe(&url).into_owned()
    } else {
        url
    }
}

/// Longest URL accepted, in bytes.
const MAX_URL_LEN: usize = 4096;

/// Whether `s` starts with a [`FORBIDDEN`] scheme, in any case.
fn starts_forbidden(s: &str) -> bool {
    FORBIDDEN.iter().any(|f| {
        s.as_bytes()
            .get(..f.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(f.as_bytes()))
    })
}

/// The URL as a browser would read it (trimmed, tabs and newlines removed), or `None`
/// when it is empty, too long, holds controls, or is a forbidden scheme even after
/// percent-decoding and removing whitespace.
fn normalize(raw: &str) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.len() > MAX_URL_LEN {
        return None;
    }
    if cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    let decoded = percent_decode_lossy(&cleaned.to_ascii_lowercase());
    let squeezed: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    (!starts_forbidden(&squeezed)).then_some(cleaned)
}

/// Applies the scheme rules to a normalized URL.
fn classify(cleaned: String, usage: UrlUse) -> Option<SafeUrl> {
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    let scheme = match (scheme_end, path_start) {
        (Some(c), Some(p)) if c < p => Some(&cleaned[..c]),
        (Some(c), None) => Some(&cleaned[..c]),
        _ => None,
    };
    match scheme {
        Some(s) => {
            let is = |name: &str| s.eq_ignore_ascii_case(name);
            let allowed = match usage {
                UrlUse::Link => is("http") || is("https") || is("mailto"),
                UrlUse::Image => is("https"),
            };
            let hierarchical = !is("mailto");
            let rest = &cleaned[s.len() + 1..];
            // `https:evil.example` or `https:/\x` are host-less forms browsers repair in
            // surprising ways; only the plain `scheme://host` shape is accepted.
            if !allowed || (hierarchical && !rest.starts_with("//")) || rest.contains('\\') {
                return None;
            }
            Some(SafeUrl::External(cleaned))
        }
        None => {
            // Protocol-relative (`//host`) and backslash tricks (`/\host`) leave the site.
            if cleaned.starts_with("//") || cleaned.contains('\\') {
                return None;
            }
            Some(SafeUrl::Relative(cleaned))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_policy_table() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "https://example.org/a?b=c#d",
                Some("https://example.org/a?b=c#d"),
            ),
            ("http://example.org", Some("http://example.org")),
            ("HTTPS://EXAMPLE.ORG", Some("HTTPS://EXAMPLE.ORG")),
            ("mailto:desk@example.org", Some("mailto:desk@example.org")),
            ("#section", Some("#section")),
            ("other/page", Some("other/page")),
            ("/article/x", Some("/article/x")),
            ("javascript:alert(1)", None),
            ("JavaScript:alert(1)", None),
            (" \x01javascript:alert(1)", None),
            ("java\tscript:alert(1)", None),
            ("java\nscript:alert(1)", None),
            ("javascript%3Aalert(1)", None),
            ("%6Aavascript:alert(1)", None),
            ("vbscript:msgbox(1)", None),
            ("data:text/html,<script>alert(1)</script>", None),
            ("file:///etc/passwd", None),
            ("ftp://example.org", None),
            ("//evil.example/x", None),
            ("/\\evil.example", None),
            ("\\\\evil.example", None),
            ("https:evil.example", None),
            ("https:\\\\evil.example", None),
            ("", None),
            ("   ", None),
        ];
        for (input, want) in cases {
            let got = check(input, UrlUse::Link);
            assert_eq!(got.as_ref().map(SafeUrl::as_str), *want, "{input:?}");
        }
    }

    #[test]
    fn image_policy_table() {
        let cases: &[(&str, bool)] = &[
            ("https://images.example/a.jpg", true),
            ("covers/a/thumb.jpg", true),
            ("/covers/a.jpg", true),
            ("http://images.example/a.jpg", false),
            ("data:image/png;base64,AAAA", false),
            ("javascript:alert(1)", false),
            ("mailto:a@b", false),
            ("//images.example/a.jpg", false),
        ];
        for (input, ok) in cases {
            assert_eq!(check(input, UrlUse::Image).is_some(), *ok, "{input:?}");
        }
    }

    /// The policy as it was written before the plain-ASCII fast path: every URL goes
    /// through all the copies. `check` must agree with it on every input.
    fn reference(raw: &str, usage: UrlUse) -> Option<SafeUrl> {
        let trimmed = raw.trim_matches(|c: char| c <= ' ');
        let cleaned: String = trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        if cleaned.is_empty() || cleaned.len() > 4096 || cleaned.chars().any(char::is_control) {
            return None;
        }
        let lower = cleaned.to_ascii_lowercase();
        let squeezed: String = percent_decode_lossy(&lower)
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        if FORBIDDEN.iter().any(|f| squeezed.starts_with(f)) {
            return None;
        }
        let scheme = match (lower.find(':'), lower.find(['/', '?', '#'])) {
            (Some(c), Some(p)) if c < p => Some(&lower[..c]),
            (Some(c), None) => Some(&lower[..c]),
            _ => None,
        };
        match scheme {
            Some(s) => {
                let allowed = match usage {
                    UrlUse::Link => matches!(s, "http" | "https" | "mailto"),
                    UrlUse::Image => s == "https",
                };
                let rest = &cleaned[s.len() + 1..];
                if !allowed || (s != "mailto" && !rest.starts_with("//")) || rest.contains('\\') {
                    return None;
                }
                Some(SafeUrl::External(for_use(cleaned, usage)))
            }
            None if cleaned.starts_with("//") || cleaned.contains('\\') => None,
            None => Some(SafeUrl::Relative(for_use(cleaned, usage))),
        }
    }

    /// An image URL as `srcset` needs it, spelled out: no whitespace, no comma.
    fn for_use(url: String, usage: UrlUse) -> String {
        if usage == UrlUse::Link {
            return url;
        }
        url.replace(' ', "%20")
            .replace('\t', "%09")
            .replace('\n', "%0A")
            .replace('\x0c', "%0C")
            .replace('\r', "%0D")
            .replace(',', "%2C")
    }

    /// The pieces URLs are made of in the generated checks: schemes in any case, the
    /// separators the policy looks at, escapes, controls and non-ASCII characters.
    const PIECES: &[&str] = &[
        "https",
        "HTTP",
        "mailto",
        "MailTo",
        "javascript",
        "JaVaScRiPt",
        "data",
        "file",
        "vbscript",
        ":",
        "//",
        "/",
        "\\",
        "?",
        "#",
        "%",
        "%3A",
        "%3a",
        "%6A",
        "%09",
        "%zz",
        " ",
        "\t",
        "\n",
        "\r",
        "\x01",
        "\x0c",
        "\x7f",
        ",",
        " 9w,",
        "é",
        "\u{a0}",
        "a",
        "x.example",
        ".",
        "!",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 50_000,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn fast_path_agrees_with_the_full_policy(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..7)
        ) {
            let url = pieces.concat();
            for usage in [UrlUse::Link, UrlUse::Image] {
                proptest::prop_assert_eq!(check(&url, usage), reference(&url, usage), "{:?} {:?}", url, usage);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 20_000,
            ..proptest::test_runner::Config::default()
        })]

        /// Whatever the front-matter says, an accepted image URL is one `srcset` candidate
        /// URL (no whitespace, no comma), and checking it again keeps it as it is.
        #[test]
        fn image_urls_never_split_a_srcset_candidate(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..7)
        ) {
            let url = pieces.concat();
            if let Some(safe) = check(&url, UrlUse::Image) {
                let s = safe.as_str();
                proptest::prop_assert!(!s.bytes().any(|b| b.is_ascii_whitespace() || b == b','), "{:?} -> {:?}", url, s);
                let again = check(s, UrlUse::Image);
                proptest::prop_assert_eq!(again.as_ref().map(SafeUrl::as_str), Some(s));
                proptest::prop_assert_eq!(srcset_safe(s), s);
            }
        }
    }

    #[test]
    fn image_urls_are_encoded_for_srcset_and_links_are_not() {
        let cases: &[(&str, &str)] = &[
            ("covers/harbour at dawn.jpg", "covers/harbour%20at%20dawn.jpg"),
            ("https://i.example/a,b.jpg", "https://i.example/a%2Cb.jpg"),
            (
                "https://i.example/x.jpg 1w, https://evil.example/t.gif 9999w, https://i.example/y.jpg",
                "https://i.example/x.jpg%201w%2C%20https://evil.example/t.gif%209999w%2C%20https://i.example/y.jpg",
            ),
            ("covers/x.jpg,", "covers/x.jpg%2C"),
            (",covers/x.jpg", "%2Ccovers/x.jpg"),
            ("covers/a%20b.jpg", "covers/a%20b.jpg"),
            ("  covers/x.jpg\t ", "covers/x.jpg"),
        ];
        for (input, want) in cases {
            assert_eq!(
                check(input, UrlUse::Image).as_ref().map(SafeUrl::as_str),
                Some(*want),
                "{input:?}"
            );
        }
        assert_eq!(check("covers/x.jpg\x0c1w", UrlUse::Image), None);
        assert_eq!(
            check("https://a.example/x y,z", UrlUse::Link)
                .as_ref()
                .map(SafeUrl::as_str),
            Some("https://a.example/x y,z")
        );
    }

    #[test]
    fn long_urls_are_refused_past_the_limit() {
        let long = format!("https://x.example/{}", "a".repeat(4096));
        assert_eq!(check(&long, UrlUse::Link), None);
        assert_eq!(
            check(&long[..4096], UrlUse::Link),
            reference(&long[..4096], UrlUse::Link)
        );
        assert!(check(&long[..4096], UrlUse::Link).is_some());
    }

    #[test]
    fn relative_versus_external() {
        assert!(matches!(
            check("a/b", UrlUse::Link),
            Some(SafeUrl::Relative(_))
        ));
        assert!(matches!(
            check("https://x.example", UrlUse::Link),
            Some(SafeUrl::External(_))
        ));
    }
}
