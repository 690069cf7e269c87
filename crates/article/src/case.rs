//! Upper- and lower-casing with compact tables (written by `build.rs` from the standard
//! library's own mappings): the same results as `char::to_lowercase` and
//! `char::to_uppercase`, in about a third of the standard library's table size, which
//! matters in the Wasm file every page loads. Everything on the reader's path (slugs,
//! tags, sentiments, title case, search words) cases text through here.

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// The characters one character maps to (at most three).
#[derive(Debug, Clone)]
pub struct CaseMapping {
    chars: [char; 3],
    len: u8,
    next: u8,
}

impl Iterator for CaseMapping {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self
            .chars
            .get(usize::from(self.next))
            .filter(|_| self.next < self.len)?;
        self.next += 1;
        Some(*c)
    }
}

impl CaseMapping {
    fn one(c: char) -> Self {
        CaseMapping {
            chars: [c, '\0', '\0'],
            len: 1,
            next: 0,
        }
    }
}

fn map(c: char, runs: &[(u32, u16, u8, i32)], multi: &[(u32, [u32; 3])]) -> CaseMapping {
    let cp = u32::from(c);
    if let Ok(i) = multi.binary_search_by_key(&cp, |m| m.0) {
        let mut out = CaseMapping::one(c);
        out.len = 0;
        for &m in multi[i].1.iter().filter(|&&m| m != 0) {
            out.chars[usize::from(out.len)] = char::from_u32(m).unwrap_or(c);
            out.len += 1;
        }
        return out;
    }
    // The last run starting at or before `cp`.
    let i = runs.partition_point(|r| r.0 <= cp);
    let Some(&(start, len, stride, delta)) = i.checked_sub(1).and_then(|i| runs.get(i)) else {
        return CaseMapping::one(c);
    };
    let offset = cp - start;
    let stride = u32::from(stride);
    if offset % stride != 0 || offset / stride >= u32::from(len) {
        return CaseMapping::one(c);
    }
    let mapped = cp.checked_add_signed(delta).and_then(char::from_u32);
    CaseMapping::one(mapped.unwrap_or(c))
}

/// `c` in lower case, as [`char::to_lowercase`] gives it.
pub fn lower_char(c: char) -> CaseMapping {
    if c.is_ascii() {
        return CaseMapping::one(c.to_ascii_lowercase());
    }
    map(c, &LOWER_RUNS, &LOWER_MULTI)
}

/// `c` in upper case, as [`char::to_uppercase`] gives it.
pub fn upper_char(c: char) -> CaseMapping {
    if c.is_ascii() {
        return CaseMapping::one(c.to_ascii_uppercase());
    }
    map(c, &UPPER_RUNS, &UPPER_MULTI)
}

/// `s` in upper case: the same as [`str::to_uppercase`].
pub fn to_upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    s.chars().flat_map(upper_char).collect()
}

/// `s` in lower case: the same as [`str::to_lowercase`], except that a capital sigma
/// ends a word (`ς`) when it follows a letter and no letter follows it, where the
/// standard library also looks through case-ignorable characters (apostrophes,
/// combining marks) on either side.
pub fn to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'Σ' {
            let after_letter = prev.is_some_and(char::is_alphabetic);
            let before_letter = chars.peek().is_some_and(|n| n.is_alphabetic());
            out.push(if after_letter && !before_letter {
                'ς'
            } else {
                'σ'
            });
        } else {
            out.extend(lower_char(c));
        }
        prev = Some(c);
    }
    out
}

/// `a` and `b` are the same ignoring case ([`to_lower`] of each).
pub fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    to_lower(a) == to_lower(b)
}

#[cfg(test)]
mod tests;
