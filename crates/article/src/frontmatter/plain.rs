//! The plain reader: a fast reader for the plain shape of front-matter that ingest
//! pipelines write, in front of `serde_yaml` (`serde.rs`).
//!
//! Reading YAML with `serde_yaml` is most of the cost of parsing an article (its scanner
//! handles all of YAML, one character at a time). The files Broadsheet reads are almost
//! always the same simple block mapping: `key: value` lines, three nested blocks of
//! `key: value` lines and one block list of tags. [`parse`] reads exactly that shape and
//! nothing more; the moment a file uses anything else (comments, flow collections,
//! multi-line or escaped strings, anchors, tags, reserved words, odd indentation, tabs,
//! duplicate keys…) it gives up and returns `None`, and the caller reads the file with
//! `serde_yaml` as before. So `serde_yaml` stays the definition of what a file means:
//! whenever this returns `Some`, the value is the one `serde_yaml` produces, which the
//! tests check on the samples, the hostile fixtures and thousands of mutated files.

use crate::frontmatter::raw::{CoverImage, RawAi, RawFrontMatter, RawSource, Scalar};

/// One value on the right of `key:`.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    /// Quoted: always a string.
    Quoted(String),
    /// Plain: a string, a number or a boolean depending on the field.
    Plain(String),
}

/// Reads `fm` if it has the plain shape described in the module docs, else `None`.
///
/// ```
/// use broadsheet_article::frontmatter::parse_plain;
/// let raw = parse_plain("title: 'Hi'\ntags:\n  - A\n  - B\nscore: 5\n").unwrap();
/// assert_eq!(raw.title.as_deref(), Some("Hi"));
/// assert_eq!(raw.tags.map(|t| t.len()), Some(2));
/// assert!(parse_plain("title: [not, plain]\n").is_none());
/// ```
pub fn parse(fm: &str) -> Option<RawFrontMatter> {
    let mut raw = RawFrontMatter::default();
    let mut seen: Vec<&str> = Vec::with_capacity(20);
    let mut lines = Lines::new(fm)?;
    while let Some((indent, line)) = lines.next()? {
        if indent != 0 {
            return None;
        }
        let (key, rest) = key_and_rest(line)?;
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        if rest.is_empty() {
            // A nested block: the lines after it, indented more.
            match key {
                "source" => raw.source = Some(source(&mut lines)?),
                "coverImage" => raw.cover_image = Some(cover(&mut lines)?),
                "ai" => raw.ai = Some(ai(&mut lines)?),
                "tags" => raw.tags = Some(list(&mut lines)?),
                _ => return None,
            }
            continue;
        }
        let value = value(rest)?;
        // A plain or quoted value never continues on the next line here.
        if lines.peek_indent()? > 0 {
            return None;
        }
        match key {
            "title" => raw.title = Some(string(value)?),
            "description" => raw.description = Some(string(value)?),
            "publishedAt" => raw.published_at = Some(string(value)?),
            "updatedAt" => raw.updated_at = Some(string(value)?),
            "lang" => raw.lang = Some(string(value)?),
            "externalId" => raw.external_id = Some(scalar(value)?),
            "category" => raw.category = Some(string(value)?),
            "sentiment" => raw.sentiment = Some(string(value)?),
            "stickyWeight" => raw.sticky_weight = Some(integer(&value)?),
            "score" => raw.score = Some(number(&value)?),
            "draft" => raw.draft = Some(boolean(&value)?),
            // Blocks written inline (`tags: A`) are left to serde (and its error).
            "source" | "coverImage" | "ai" | "tags" => return None,
            // Unknown keys are ignored, as serde does.
            _ => {}
        }
    }
    // An empty document is not a mapping at all: serde's answer, not ours.
    (!seen.is_empty()).then_some(raw)
}

/// The front-matter's lines as (indent, text without the indent), skipping blank ones.
struct Lines<'a> {
    rest: std::str::Lines<'a>,
    peeked: Option<(usize, &'a str)>,
    /// Whether the block has a `\r` at all: most have none, and then no line is searched
    /// for one.
    has_cr: bool,
}

impl<'a> Lines<'a> {
    /// Gives up on input with characters YAML rejects or treats specially anywhere.
    fn new(fm: &'a str) -> Option<Self> {
        // Printable ASCII is checked a byte at a time; from the first other byte (a
        // character boundary, as all before it is ASCII) a character at a time.
        let plain_ascii = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\r');
        if let Some(i) = fm.bytes().position(|b| !plain_ascii(&b)) {
            if !fm[i..].chars().all(allowed) {
                return None;
            }
        }
        Some(Self {
            rest: fm.lines(),
            peeked: None,
            has_cr: fm.as_bytes().contains(&b'\r'),
        })
    }

    /// The next non-blank line as `Some(Some((indent, text)))`, `Some(None)` at the end, or
    /// `None` to give up (comments, `\r` other than before `\n`).
    fn next(&mut self) -> Option<Option<(usize, &'a str)>> {
        if let Some(p) = self.peeked.take() {
            return Some(Some(p));
        }
        for line in self.rest.by_ref() {
            if self.has_cr && line.contains('\r') {
                return None;
            }
            let text = trim_spaces(line);
            if text.is_empty() {
                continue;
            }
            if text.starts_with('#') {
                return None;
            }
            let indent = line.len() - line.trim_start_matches(' ').len();
            return Some(Some((indent, text)));
        }
        Some(None)
    }

    /// Returns a line taken with [`Lines::next`], to be read again next.
    fn put_back(&mut self, line: (usize, &'a str)) {
        self.peeked = Some(line);
    }

    /// Indent of the next non-blank line (0 at the end).
    fn peek_indent(&mut self) -> Option<usize> {
        if self.peeked.is_none() {
            self.peeked = self.next()?;
        }
        Some(self.peeked.map_or(0, |(indent, _)| indent))
    }

    /// The next line if it belongs to a block indented by exactly `indent` (the first
    /// line sets it when `None`). A line indented differently but more than zero makes
    /// the reader give up.
    fn next_in_block(&mut self, indent: &mut Option<usize>) -> Option<Option<&'a str>> {
        let next = self.peek_indent()?;
        if self.peeked.is_none() {
            return Some(None);
        }
        match *indent {
            None if next > 0 => *indent = Some(next),
            Some(i) if next == i => {}
            _ if next == 0 => return Some(None),
            _ => return None,
        }
        Some(self.peeked.take().map(|(_, text)| text))
    }
}

/// `s` without spaces at either end (spaces only: tabs never get this far).
fn trim_spaces(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| c != b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c != b' ').map_or(start, |i| i + 1);
    &s[start..end]
}

/// Characters libyaml accepts in a document and that need no special handling here.
fn allowed(c: char) -> bool {
    // Tabs, controls, C1 codes (NEL is a line break), the line and paragraph separators
    // (breaks too, in YAML 1.1) and byte order marks are all left to serde.
    matches!(c, '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// Splits `key: rest` (or `key:` with an empty rest). Keys are plain identifiers.
fn key_and_rest(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let mut chars = key.chars();
    if !chars.next()?.is_ascii_alphabetic() || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let rest = &line[colon + 1..];
    if rest.is_empty() {
        return Some((key, rest));
    }
    Some((key, trim_spaces(rest.strip_prefix(' ')?)))
}

/// A one-line value: `'single'` (with `''` for a quote), `"double"` without escapes, or
/// a plain scalar that cannot be mistaken for anything but itself.
fn value(text: &str) -> Option<Value> {
    if let Some(mut body) = text.strip_prefix('\'') {
        let mut out = String::new();
        loop {
            let quote = body.find('\'')?;
            out.push_str(&body[..quote]);
            body = &body[quote + 1..];
            // `''` is one quote inside; a single one ends the string, and the line.
            match body.strip_prefix('\'') {
                Some(rest) => {
                    out.push('\'');
                    body = rest;
                }
                None => return body.is_empty().then_some(Value::Quoted(out)),
            }
        }
    }
    if let Some(body) = text.strip_prefix('"') {
        let end = body.find(['"', '\\'])?;
        return (body.as_bytes()[end] == b'"' && body[end + 1..].is_empty())
            .then(|| Value::Quoted(body[..end].to_string()));
    }
    let first = text.chars().next()?;
    let plain_start = first.is_alphanumeric()
        || (first == '-' && text[1..].starts_with(|c: char| c.is_ascii_digit()));
    // `: ` would start a mapping, ` #` a comment, and a final `:` a key.
    let bytes = text.as_bytes();
    let special = bytes.windows(2).any(|w| w == b": " || w == b" #");
    if !plain_start || special || text.ends_with(':') {
        return None;
    }
    Some(Value::Plain(text.to_string()))
}

/// Plain words YAML reads as null or a boolean (in either of its versions), and other
/// spellings a reader could take for something other than text.
fn is_reserved(word: &str) -> bool {
    const WORDS: [&str; 12] = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
    ];
    word.len() <= 8 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Digits with an optional minus, no leading zeros: read the same way by every YAML.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// A string field: quoted, or plain text that starts with a letter and is no reserved
/// word (plain numbers and dates are left to serde).
fn string(value: Value) -> Option<String> {
    match value {
        Value::Quoted(s) => Some(s),
        Value::Plain(s) if s.starts_with(char::is_alphabetic) && !is_reserved(&s) => Some(s),
        Value::Plain(_) => None,
    }
}

/// A string-or-number field ([`Scalar`]): integers are written back in decimal.
fn scalar(value: Value) -> Option<Scalar> {
    match value {
        Value::Plain(s) if is_integer(&s) => Some(Scalar(s.parse::<i64>().ok()?.to_string())),
        other => string(other).map(Scalar),
    }
}

fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Plain(s) if is_integer(s) => s.parse().ok(),
        _ => None,
    }
}

/// An integer, or digits with one decimal point between digits, whose value a double
/// reaches in one correctly rounded division: at most 2^53 as digits without the point,
/// at most 22 of them after it (Clinger's fast path, so the result is exactly what
/// `str::parse` gives). Anything else is left to serde, in its split module: the
/// standard library's general float parser and its tables (about 10 KB) would
/// otherwise be in the Wasm file every page loads, for `score: 0.73`.
fn number(value: &Value) -> Option<f64> {
    // Powers of ten a double holds exactly.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let Value::Plain(s) = value else {
        return None;
    };
    let (whole, fraction) = match s.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (s.as_str(), ""),
    };
    if !is_integer(whole) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (negative, whole) = match whole.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, whole),
    };
    let mut mantissa: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        if mantissa > 1 << 53 {
            return None;
        }
    }
    let value = mantissa as f64 / *POW10.get(fraction.len())?;
    Some(if negative { -value } else { value })
}

fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Plain(s) if s == "true" => Some(true),
        Value::Plain(s) if s == "false" => Some(false),
        _ => None,
    }
}

/// The `key: value` lines of a nested block, each passed to `set`; `None` if the block
/// is empty, repeats a key or holds anything else.
fn block<'a>(
    lines: &mut Lines<'a>,
    mut set: impl FnMut(&'a str, Value) -> Option<()>,
) -> Option<()> {
    let mut indent = None;
    let mut seen: Vec<&str> = Vec::with_capacity(6);
    while let Some(line) = lines.next_in_block(&mut indent)? {
        let (key, rest) = key_and_rest(line)?;
        if rest.is_empty() || seen.contains(&key) {
            return None;
        }
        seen.push(key);
        set(key, value(rest)?)?;
    }
    indent.map(|_| ())
}

fn source(lines: &mut Lines<'_>) -> Option<RawSource> {
    let mut s = RawSource::default();
    block(lines, |key, v| {
        match key {
            "name" => s.name = Some(string(v)?),
            "key" => s.key = Some(string(v)?),
            "type" => s.kind = Some(string(v)?),
            _ => {}
        }
        Some(())
    })?;
    Some(s)
}

fn cover(lines: &mut Lines<'_>) -> Option<CoverImage> {
    let mut c = CoverImage::default();
    block(lines, |key, v| {
        let slot = match key {
            "raw" => &mut c.raw,
            "full" => &mut c.full,
            "regular" => &mut c.regular,
            "small" => &mut c.small,
            "thumb" => &mut c.thumb,
            _ => return Some(()),
        };
        *slot = Some(string(v)?);
        Some(())
    })?;
    Some(c)
}

fn ai(lines: &mut Lines<'_>) -> Option<RawAi> {
    let mut a = RawAi::default();
    block(lines, |key, v| {
        match key {
            "rewritten" => a.rewritten = boolean(&v)?,
            "expandedAt" => a.expanded_at = Some(string(v)?),
            "version" => a.version = Some(scalar(v)?),
            _ => {}
        }
        Some(())
    })?;
    Some(a)
}

/// A block list of scalars (`- value` lines), indented or not.
fn list(lines: &mut Lines<'_>) -> Option<Vec<Scalar>> {
    let mut items = Vec::new();
    // Items may sit at the key's own indent (zero) or deeper, all at the same one.
    let at_zero = lines.peek_indent()? == 0;
    let mut indent = None;
    loop {
        let line = if at_zero {
            match lines.next()? {
                Some((0, text)) if text.starts_with("- ") => text,
                Some(other) => {
                    lines.put_back(other);
                    break;
                }
                None => break,
            }
        } else {
            match lines.next_in_block(&mut indent)? {
                Some(text) => text,
                None => break,
            }
        };
        items.push(scalar(value(trim_spaces(line.strip_prefix("- ")?))?)?);
    }
    (!items.is_empty()).then_some(items)
}

#[cfg(test)]
mod tests;
