//! The universal safety oracle for rendered article HTML, shared by `hostile.rs` (the
//! fixture corpus) and `properties.rs` (generated inputs).
//!
//! It does not trust the renderer's own reasoning: it re-reads the HTML as a browser
//! tokenizer would see its tags and checks each one against what `markdown::render` is
//! allowed to emit. Because every `<` in text is escaped by the renderer, any `<` in the
//! output must open one of the known tags below; anything else is a failure.

#![allow(dead_code)] // Each test crate uses a different part of this module.

use broadsheet_article::url::{check, SafeUrl, UrlUse};
use broadsheet_core::markdown::{escape_html, render};
use broadsheet_core::Article;

/// A valid front-matter, used to wrap bodies.
pub const VALID_FRONT_MATTER: &str = "title: T\npublishedAt: '2026-01-16T15:23:33Z'\n";

/// Elements that must never appear, whatever the input (checked case-insensitively, as a
/// plain substring, in addition to the tag-by-tag allowlist below).
const FORBIDDEN_TAGS: &[&str] = &[
    "<script",
    "<iframe",
    "<object",
    "<embed",
    "<base",
    "<meta",
    "<form",
    "<style",
    "<svg",
    "<math",
    "<input",
    "<button",
    "<link",
    "<frame",
    "<noscript",
    "<template",
];

/// Tags the renderer may emit.
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes each tag may carry.
fn allowed_attributes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["href", "title", "rel"],
        "img" => &["src", "alt", "title", "loading", "decoding"],
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => &["id"],
        "th" | "td" => &[],
        "ol" => &["start"],
        "section" => &["class", "data-testid"],
        _ => &[],
    }
}

/// Decodes the only entities `escape_html` produces. Any other `&` sequence inside an
/// attribute value is reported, since a browser would decode it and the URL check would
/// then have judged a different string.
fn decode_attribute(value: &str) -> Result<String, String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (decoded, len) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ]
        .iter()
        .find(|(entity, _)| tail.starts_with(entity))
        .map(|(entity, c)| (*c, entity.len()))
        .ok_or_else(|| format!("unescaped `&` in attribute value {value:?}"))?;
        out.push(decoded);
        rest = &tail[len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// An independent model of how a browser reads a URL attribute (WHATWG URL parsing, in
/// short): leading/trailing C0 controls and spaces are trimmed, tab and newline removed
/// anywhere, the scheme is the `[a-z][a-z0-9+.-]*` run before the first `:`, and `\`
/// counts as `/`. Returns why the URL would be dangerous, if it would.
fn browser_url_problem(value: &str, usage: UrlUse) -> Option<String> {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let url: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_len = url
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_ascii_lowercase()
                || (i > 0 && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')))
        })
        .count();
    if scheme_len > 0 && url[scheme_len..].starts_with(':') {
        let scheme = &url[..scheme_len];
        let allowed = match usage {
            UrlUse::Link => matches!(scheme, "http" | "https" | "mailto"),
            UrlUse::Image => scheme == "https",
        };
        return (!allowed).then(|| format!("scheme {scheme}: in {value:?}"));
    }
    let slashed = url.replace('\\', "/");
    slashed
        .starts_with("//")
        .then(|| format!("{value:?} leaves the site (protocol-relative)"))
}

/// One parsed start tag: its lowercase name and (name, raw value) attribute pairs.
struct StartTag<'a> {
    name: String,
    attributes: Vec<(String, Option<&'a str>)>,
}

/// Parses the start tag whose `<` is at `html[0]`; returns it and its length in bytes.
/// Attribute values must be double-quoted (the renderer always quotes them); an unquoted
/// or single-quoted value is reported, since it would mean content wrote the tag.
fn parse_start_tag(html: &str) -> Result<(StartTag<'_>, usize), String> {
    let b = html.as_bytes();
    let mut i = 1;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = html[1..i].to_string();
    let mut attributes = Vec::new();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return Err(format!("unterminated tag <{name}")),
            Some(b'>') => return Ok((StartTag { name, attributes }, i + 1)),
            Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                return Ok((StartTag { name, attributes }, i + 2))
            }
            _ => {}
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if start == i {
            return Err(format!("stray {:?} in tag <{name}", b[i] as char));
        }
        let attr = html[start..i].to_string();
        if b.get(i) == Some(&b'=') {
            i += 1;
            if b.get(i) != Some(&b'"') {
                return Err(format!("attribute {attr} of <{name}> is not double-quoted"));
            }
            let value_start = i + 1;
            let len = html[value_start..]
                .find('"')
                .ok_or_else(|| format!("unterminated value of {attr} in <{name}>"))?;
            attributes.push((attr, Some(&html[value_start..value_start + len])));
            i = value_start + len + 1;
        } else {
            attributes.push((attr, None));
        }
    }
}

fn url_use(tag: &str) -> UrlUse {
    if tag == "img" {
        UrlUse::Image
    } else {
        UrlUse::Link
    }
}

/// Checks one start tag against the allowlist and the URL policy (both
/// `broadsheet_article::url::check` and the independent browser model above).
fn check_start_tag(tag: &StartTag<'_>) -> Result<(), String> {
    let name = tag.name.as_str();
    if !ALLOWED_TAGS.contains(&name) {
        return Err(format!("tag <{name}> is not one the renderer may emit"));
    }
    let mut external = false;
    let mut rel = None;
    for (attr, value) in &tag.attributes {
        let lower = attr.to_ascii_lowercase();
        if lower.starts_with("on") {
            return Err(format!("event handler attribute {attr} on <{name}>"));
        }
        if !allowed_attributes(name).contains(&attr.as_str()) {
            return Err(format!("attribute {attr} is not allowed on <{name}>"));
        }
        let raw = value.ok_or_else(|| format!("attribute {attr} on <{name}> has no value"))?;
        if raw.contains(['<', '>', '\'']) {
            return Err(format!("unescaped markup in {attr}={raw:?} on <{name}>"));
        }
        let value = decode_attribute(raw)?;
        if matches!((name, attr.as_str()), ("a", "href") | ("img", "src")) {
            if let Some(why) = browser_url_problem(&value, url_use(name)) {
                return Err(format!("{attr} would be dangerous in a browser: {why}"));
            }
        }
        let digits = !value.is_empty() && value.bytes().all(|c| c.is_ascii_digit());
        let generated_id = value.starts_with("h-")
            && value
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        let expected = match (name, attr.as_str()) {
            ("a", "href") => match check(&value, UrlUse::Link) {
                Some(safe) if safe.as_str() == value => {
                    external = matches!(safe, SafeUrl::External(_));
                    true
                }
                _ => false,
            },
            ("img", "src") => check(&value, UrlUse::Image).is_some_and(|s| s.as_str() == value),
            ("a", "rel") => {
                rel = Some(value.clone());
                true
            }
            (_, "id") => generated_id,
            ("ol", "start") => digits,
            ("section", "class") => value == "article-callout",
            ("section", "data-testid") => value == "impact-callout",
            ("img", "loading") => value == "lazy",
            ("img", "decoding") => value == "async",
            _ => true,
        };
        if !expected {
            return Err(format!(
                "{attr}={value:?} on <{name}> fails the policy for that attribute"
            ));
        }
    }
    if name == "a" && external && rel.as_deref() != Some("noopener noreferrer nofollow") {
        return Err("external link without rel=\"noopener noreferrer nofollow\"".into());
    }
    Ok(())
}

/// The universal oracle: `Ok` when `html` contains only tags and attributes the renderer
/// may emit, no event handler, and only URLs that pass [`check`] for their use.
pub fn check_html(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if let Some(bad) = FORBIDDEN_TAGS.iter().find(|t| lower.contains(*t)) {
        return Err(format!("forbidden element {bad}"));
    }
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tail = &rest[i..];
        let next = tail.as_bytes().get(1).copied();
        let consumed = match next {
            Some(b'/') => {
                let end = tail
                    .find('>')
                    .ok_or_else(|| "unterminated end tag".to_string())?;
                let name = &tail[2..end];
                if !ALLOWED_TAGS.contains(&name) {
                    return Err(format!(
                        "end tag </{name}> is not one the renderer may emit"
                    ));
                }
                end + 1
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, len) = parse_start_tag(tail)?;
                check_start_tag(&tag)?;
                len
            }
            _ => {
                let shown: String = tail.chars().take(20).collect();
                return Err(format!("raw `<` outside a known tag at {shown:?}"));
            }
        };
        rest = &tail[consumed..];
    }
    Ok(())
}

/// Panics with `context` and the offending HTML when [`check_html`] fails.
pub fn assert_safe_html(html: &str, context: &str) {
    if let Err(why) = check_html(html) {
        let shown: String = html.chars().take(2_000).collect();
        panic!("{context}: unsafe HTML: {why}\n--- html (first 2000 chars) ---\n{shown}");
    }
}

/// Checks that a front-matter text field can only ever be shown as text: escaping it
/// leaves no markup characters, and even pushed through the markdown renderer it
/// yields safe HTML that never contains the raw value when that value has markup.
pub fn check_text_field(value: &str) -> Result<(), String> {
    if escape_html(value).contains(['<', '>', '"', '\'']) {
        return Err(format!("escape_html left markup in {value:?}"));
    }
    let html = render(value).html;
    check_html(&html).map_err(|e| format!("{value:?} rendered as markdown: {e}"))?;
    if appears_unescaped(value, &html) {
        return Err(format!("{value:?} appears unescaped in rendered HTML"));
    }
    Ok(())
}

/// True when `value` is markup that would be unsafe as HTML and `html` contains it
/// verbatim, i.e. unescaped. Values that are not unsafe markup on their own (`<`, `a<b`,
/// `<p>`) are skipped: they can coincide with the renderer's own tags, and whatever
/// `html` holds is covered by [`check_html`] anyway.
pub fn appears_unescaped(value: &str, html: &str) -> bool {
    value.contains('<') && value.contains('>') && check_html(value).is_err() && html.contains(value)
}

/// Every text field of an article that a page may show.
pub fn text_fields(a: &Article) -> Vec<(&'static str, &str)> {
    let mut fields = vec![
        ("title", a.title.as_str()),
        ("description", a.description.as_str()),
        ("category", a.category.as_str()),
        ("source.name", a.source.name.as_str()),
        ("source.key", a.source.key.as_str()),
        ("id", a.id.as_str()),
        ("slug", a.slug.as_str()),
    ];
    fields.extend(a.tags.iter().map(|t| ("tag", t.as_str())));
    fields
}

/// Invariants every accepted article keeps, whatever its front-matter said: text fields
/// stay text, cover URLs pass the image policy, `lang` is a plain tag, the slug is
/// URL-safe.
pub fn check_article(a: &Article) -> Result<(), String> {
    for (name, value) in text_fields(a) {
        check_text_field(value).map_err(|e| format!("{name}: {e}"))?;
    }
    if let Some(cover) = &a.cover {
        for (url, _) in &cover.variants {
            if check(url, UrlUse::Image).is_none() {
                return Err(format!("cover URL {url:?} fails the image policy"));
            }
        }
    }
    if a.lang.is_empty()
        || !a
            .lang
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-')
    {
        return Err(format!("lang {:?} is not a plain language tag", a.lang));
    }
    if !a
        .slug
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        return Err(format!("slug {:?} is not URL-safe", a.slug));
    }
    if a.title.trim().is_empty() {
        return Err("accepted article with an empty title".into());
    }
    Ok(())
}
