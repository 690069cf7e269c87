//! A reader (and a string writer) for the JSON files the build writes (the bundle's lists, sidecars and id
//! buckets, the search index) and for the reader's stored state, so the app reads
//! them without serde_json.
//!
//! serde_json's generic deserializer, instantiated once per type the app reads, was
//! about 6 % of the code in the Wasm file every page downloads; this reader is one small
//! pull parser, and each type's reader (`from_json` next to the type) asks it for exactly
//! the fields it has. It accepts what any JSON writer produces: strict syntax, escapes
//! (surrogate pairs included), unknown fields skipped, nesting limited to [`MAX_DEPTH`].
//! Numbers are read as integers, the only numbers the bundle holds; a fraction or an
//! exponent where an integer is wanted is an error, and skipped anywhere else.

use std::borrow::Cow;

use thiserror::Error;

/// Arrays and objects nested deeper than this are an error, so a hostile file cannot
/// exhaust the stack.
pub const MAX_DEPTH: u32 = 64;

/// Why a JSON text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum JsonError {
    /// Not JSON, or not the shape wanted, at this byte offset.
    #[error("{reason} at byte {offset}")]
    Syntax {
        /// Byte offset of the problem.
        offset: usize,
        /// What was expected or found.
        reason: &'static str,
    },
    /// An object lacks a field its type requires.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// An object has a field its type refuses.
    #[error("unknown field")]
    UnknownField,
}

/// Reads `text` whole with `read`: anything but whitespace after the value is an error.
pub fn read_json<'a, T>(
    text: &'a str,
    read: impl FnOnce(&mut JsonReader<'a>) -> Result<T, JsonError>,
) -> Result<T, JsonError> {
    let mut r = JsonReader::new(text);
    let value = read(&mut r)?;
    r.skip_ws();
    if r.pos < r.bytes.len() {
        return r.fail("trailing characters");
    }
    Ok(value)
}

/// `value`, or the error that names `field` as missing.
pub fn required<T>(value: Option<T>, field: &'static str) -> Result<T, JsonError> {
    value.ok_or(JsonError::MissingField(field))
}

/// A cursor over a JSON text: each call reads one value of the kind asked for.
#[derive(Debug)]
pub struct JsonReader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
}

impl<'a> JsonReader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        JsonReader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    fn fail<T>(&self, reason: &'static str) -> Result<T, JsonError> {
        Err(JsonError::Syntax {
            offset: self.pos,
            reason,
        })
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8, reason: &'static str) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.fail(reason)
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        if self.depth >= MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.depth += 1;
        Ok(())
    }

    /// Reads an object, calling `field` with the reader and each key; `field` must read
    /// (or [`skip`](Self::skip)) the key's value.
    pub fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.eat(b'{', "expected an object")?;
        self.enter()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                if self.peek() != Some(b'"') {
                    return self.fail("expected a key");
                }
                let key = self.string_cow()?;
                self.eat(b':', "expected `:`")?;
                field(self, &key)?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.fail("expected `,` or `}`"),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads an array, calling `item` with the reader for each element.
    pub fn array(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.eat(b'[', "expected an array")?;
        self.enter()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                item(self)?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.fail("expected `,` or `]`"),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads an array whose elements `read` reads, into a vector.
    pub fn vec<T>(
        &mut self,
        mut read: impl FnMut(&mut Self) -> Result<T, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        let mut out = Vec::new();
        self.array(|r| {
            out.push(read(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Reads `null` as `None`, anything else with `read`.
    pub fn option<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, JsonError>,
    ) -> Result<Option<T>, JsonError> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            self.fail("expected a value")
        }
    }

    /// Reads a string.
    pub fn string(&mut self) -> Result<String, JsonError> {
        self.string_cow().map(Cow::into_owned)
    }

    /// Reads a string, borrowed from the text when it has no escapes.
    fn string_cow(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.eat(b'"', "expected a string")?;
        let start = self.pos;
        // The common case: no escape before the closing quote.
        loop {
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    let s = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => return self.fail("control character in a string"),
                Some(_) => self.pos += 1,
                None => return self.fail("unterminated string"),
            }
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Only ASCII bytes stop the run, so both ends are character boundaries.
            out.push_str(&self.text[run..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = self.bytes.get(self.pos).copied();
                    self.pos += 1;
                    match escaped {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return self.fail("invalid escape");
                        }
                    }
                }
                Some(_) => return self.fail("control character in a string"),
                None => return self.fail("unterminated string"),
            }
        }
    }

    /// The character of a `\uXXXX` escape whose `\u` was just read: a surrogate pair's
    /// second half must follow its first.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.bytes[self.pos..].starts_with(b"\\u") {
                return self.fail("lone surrogate in a string");
            }
            self.pos += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return self.fail("lone surrogate in a string");
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.fail("lone surrogate in a string"),
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.bytes.get(self.pos) {
                Some(&b) => (b as char).to_digit(16),
                None => None,
            };
            match digit {
                Some(d) => value = value * 16 + d,
                None => return self.fail("invalid \\u escape"),
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// Reads a non-negative integer.
    pub fn u64(&mut self) -> Result<u64, JsonError> {
        self.skip_ws();
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(&b @ b'0'..=b'9') = self.bytes.get(self.pos) {
            value = match value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
            {
                Some(v) => v,
                None => return self.fail("integer too large"),
            };
            self.pos += 1;
        }
        let digits = self.pos - start;
        if digits == 0 || (digits > 1 && self.bytes[start] == b'0') {
            self.pos = start;
            return self.fail("expected an integer");
        }
        if let Some(b'.' | b'e' | b'E') = self.bytes.get(self.pos) {
            return self.fail("expected an integer");
        }
        Ok(value)
    }

    /// Reads an integer that fits `usize`.
    pub fn usize(&mut self) -> Result<usize, JsonError> {
        let v = self.u64()?;
        usize::try_from(v).or_else(|_| self.fail("integer too large"))
    }

    /// Reads an integer that fits `u32`.
    pub fn u32(&mut self) -> Result<u32, JsonError> {
        let v = self.u64()?;
        u32::try_from(v).or_else(|_| self.fail("integer too large"))
    }

    /// Reads a signed integer.
    pub fn i64(&mut self) -> Result<i64, JsonError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let magnitude = self.u64()?;
        let value = if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        };
        value.map_or_else(|| self.fail("integer too large"), Ok)
    }

    /// Skips one value of any kind.
    pub fn skip(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'{') => self.object(|r, _| r.skip()),
            Some(b'[') => self.array(Self::skip),
            Some(b'"') => self.string_cow().map(drop),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.skip_number(),
            _ => self.fail("expected a value"),
        }
    }

    fn skip_number(&mut self) -> Result<(), JsonError> {
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let digits = |r: &mut Self| {
            let start = r.pos;
            while let Some(b'0'..=b'9') = r.bytes.get(r.pos) {
                r.pos += 1;
            }
            if r.pos == start {
                r.fail("expected a digit")
            } else {
                Ok(())
            }
        };
        digits(self)?;
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            digits(self)?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            digits(self)?;
        }
        Ok(())
    }
}

/// Appends `s` as a JSON string (quotes included), escaped as serde_json escapes it:
/// `"`, `\\` and control characters, everything else as it is.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        // Only ASCII bytes are escaped, so both ends of the run are boundaries.
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests;
