//! Reading Rust source as text: comments and literals blanked out, and every path that
//! names a module of the same crate (`crate::`, `super::`, `self::`, a child's name).

use std::collections::BTreeSet;
use std::path::Path;

/// A module path inside one crate (`[]` is the crate root).
pub type ModPath = Vec<String>;

/// One reference from a file to another module: where, and the path as written.
#[derive(Debug, Clone)]
pub struct Reference {
    pub line: usize,
    pub written: String,
    pub target: ModPath,
}

/// The module a `src/` file is, or `None` for files outside the module tree (`bin/`).
pub fn module_of(relative: &Path) -> Option<ModPath> {
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let file = parts.pop()?;
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    let stem = file.strip_suffix(".rs")?;
    match stem {
        "lib" | "main" if parts.is_empty() => {}
        "mod" => {}
        _ => parts.push(stem.to_string()),
    }
    Some(parts)
}

/// Source text with comments, strings and char literals blanked out (newlines kept, so
/// line numbers still hold).
pub fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && {
                let start = if c == 'b' { i + 2 } else { i + 1 };
                let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
                chars.get(start + hashes) == Some(&'"')
            }
        {
            // A raw string: r"…", r#"…"#, br"…".
            let start = if c == 'b' { i + 2 } else { i + 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            let mut j = start + hashes + 1;
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while j < chars.len() && !chars[j..].starts_with(&closing) {
                j += 1;
            }
            let end = (j + closing.len()).min(chars.len());
            out.extend(chars[i..end].iter().map(|&ch| blank(ch)));
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&ch| ch == '\'')
                    .map(|p| i + 2 + p + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(std::iter::repeat_n(' ', end - i));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Reads an identifier at `i` (after spaces), returning it and the index after it.
fn ident_at(chars: &[char], mut i: usize) -> Option<(String, usize)> {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(|&c| is_ident(c)) {
        i += 1;
    }
    (i > start).then(|| (chars[start..i].iter().collect(), i))
}

/// Skips spaces and one `::`, returning the index after it.
fn double_colon_at(chars: &[char], mut i: usize) -> Option<usize> {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    (chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':')).then_some(i + 2)
}

/// The paths written from index `i` on (just after a `::`): `a::b`, or a `{a, b::c}`
/// group, each as the list of its segments.
fn paths_after(chars: &[char], i: usize) -> Vec<Vec<String>> {
    let mut j = i;
    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
        j += 1;
    }
    if chars.get(j) == Some(&'{') {
        let mut paths = Vec::new();
        let mut k = j + 1;
        loop {
            while chars.get(k).is_some_and(|c| c.is_whitespace() || *c == ',') {
                k += 1;
            }
            match chars.get(k) {
                None | Some('}') => break,
                _ => {}
            }
            let before = k;
            let (found, after) = path_from(chars, k);
            paths.extend(found);
            k = after.max(before + 1);
            // Skip `as name` and anything else up to the next item of this group.
            let mut depth = 0;
            while let Some(&c) = chars.get(k) {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => break,
                    _ => {}
                }
                k += 1;
            }
        }
        paths
    } else {
        path_from(chars, j).0
    }
}

/// The index of the `}` that closes the `{` at `open` (or the end of the text).
fn closing_brace(chars: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    chars.len()
}

/// One path starting at an identifier (`a::b::{c, d}` counts as `a::b::c`, `a::b::d`).
fn path_from(chars: &[char], i: usize) -> (Vec<Vec<String>>, usize) {
    let mut segments = Vec::new();
    let mut k = i;
    while let Some((name, after)) = ident_at(chars, k) {
        segments.push(name);
        k = after;
        match double_colon_at(chars, k) {
            Some(after_colons) => {
                let mut j = after_colons;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                if chars.get(j) == Some(&'{') {
                    let inner = paths_after(chars, j);
                    let paths = inner
                        .into_iter()
                        .map(|tail| segments.iter().cloned().chain(tail).collect())
                        .collect();
                    return (paths, closing_brace(chars, j) + 1);
                }
                k = after_colons;
            }
            None => break,
        }
    }
    (vec![segments], k)
}

/// Every reference in one file's code to a module of its crate.
pub fn references(code: &str, own: &ModPath, modules: &BTreeSet<ModPath>) -> Vec<Reference> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    // Inline modules (`mod tests { … }`): their `super::` is the file's own module.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            _ => {}
        }
        let starts_word = !i
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_some_and(|&p| is_ident(p) || p == ':');
        if !(starts_word && is_ident(c)) {
            i += 1;
            continue;
        }
        let Some((word, after)) = ident_at(&chars, i) else {
            i += 1;
            continue;
        };
        let here: ModPath = own
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        if word == "mod" {
            if let Some((name, after_name)) = ident_at(&chars, after) {
                let mut j = after_name;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                if chars.get(j) == Some(&'{') {
                    inline.push((name, depth));
                }
            }
            i = after;
            continue;
        }
        let Some(after_colons) = double_colon_at(&chars, after) else {
            i = after;
            continue;
        };
        let dollar = i > 0 && chars[i - 1] == '$';
        let (base, relative): (ModPath, bool) = match word.as_str() {
            "crate" => (Vec::new(), false),
            "self" => (here.clone(), false),
            "super" => {
                let mut base = here.clone();
                base.pop();
                (base, false)
            }
            // A child module's name, written from its parent.
            _ => {
                let mut child = here.clone();
                child.push(word.clone());
                if dollar || !modules.contains(&child) {
                    i = after;
                    continue;
                }
                (here.clone(), true)
            }
        };
        let paths = if relative {
            path_from(&chars, i).0
        } else {
            paths_after(&chars, after_colons)
        };
        for segments in paths {
            let mut base = base.clone();
            let mut rest = segments.as_slice();
            // `super::super::x`
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            let mut target = base.clone();
            let mut best = base.clone();
            for segment in rest {
                target.push(segment.clone());
                if modules.contains(&target) {
                    best = target.clone();
                } else {
                    break;
                }
            }
            found.push(Reference {
                line,
                written: if relative {
                    segments.join("::")
                } else {
                    format!("{word}::{}", segments.join("::"))
                },
                target: best,
            });
        }
        i = after;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_finds_every_kind_of_reference() {
        let modules: BTreeSet<ModPath> = [
            vec![],
            vec!["a".to_string()],
            vec!["b".to_string()],
            vec!["b".to_string(), "c".to_string()],
        ]
        .into_iter()
        .collect();
        let code = code_only(
            "use crate::{a::Thing, b::c::{X, Y as Z}};\n\
         // crate::nothing_in_comments\n\
         let s = \"crate::b not in strings\";\n\
         fn f<'x>() -> char { 'c' }\n\
         mod tests { use super::*; }\n\
         c::run();\n\
         $crate::a::go!();\n",
        );
        let own = vec!["b".to_string()];
        let targets: Vec<(usize, ModPath)> = references(&code, &own, &modules)
            .into_iter()
            .map(|r| (r.line, r.target))
            .collect();
        assert_eq!(
            targets,
            vec![
                (1, vec!["a".to_string()]),
                (1, vec!["b".to_string(), "c".to_string()]),
                (1, vec!["b".to_string(), "c".to_string()]),
                (5, vec!["b".to_string()]),
                (6, vec!["b".to_string(), "c".to_string()]),
                (7, vec!["a".to_string()]),
            ]
        );
    }
}
