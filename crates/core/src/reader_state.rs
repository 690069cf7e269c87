//! The reader's own state, kept in the browser (`localStorage`) and exported as a file:
//! which articles were read and which were saved for later.
//!
//! Stored data is untrusted (another app on the origin, an old version, a hand-edited
//! export), so parsing validates everything and reports a typed [`StateError`]; it never
//! panics and never grows without bound.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::json::{read_json, required, write_string, JsonError, JsonReader};

/// Version of the stored layout; bumped when it changes incompatibly.
pub const STATE_VERSION: u32 = 1;
/// `localStorage` key the app uses.
pub const STORAGE_KEY: &str = "broadsheet.reader.v1";
/// Largest accepted stored or imported text, in bytes (1 MiB).
pub const MAX_STATE_BYTES: usize = 1024 * 1024;
/// Most read ids kept; the oldest-sorted ones are dropped beyond this.
pub const MAX_READ: usize = 5_000;
/// Most saved articles kept.
pub const MAX_SAVED: usize = 1_000;
/// Longest accepted article id, in bytes.
pub const MAX_ID_BYTES: usize = 200;

/// One saved article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedItem {
    /// Article id.
    pub id: String,
    /// Unix ms when it was saved.
    #[serde(rename = "savedAt")]
    pub saved_at: i64,
    /// The article's slug when saved, to fetch it by (ids are not file names). Empty in
    /// files that predate it, or when what was stored is not slug-shaped.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub slug: String,
}

/// What is stored and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    /// [`STATE_VERSION`].
    pub version: u32,
    /// Ids of articles the reader opened (or marked read).
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// Saved articles, most recently saved first.
    #[serde(default)]
    pub saved: Vec<SavedItem>,
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            version: STATE_VERSION,
            read: BTreeSet::new(),
            saved: Vec::new(),
        }
    }
}

/// Why stored or imported state was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StateError {
    /// Larger than [`MAX_STATE_BYTES`].
    #[error("the data is too large ({0} bytes)")]
    TooLarge(usize),
    /// Not JSON, or not the expected shape.
    #[error("this is not Broadsheet reader data: {0}")]
    Malformed(String),
    /// A version this app does not read.
    #[error("unsupported version {0} (this app reads version {STATE_VERSION})")]
    Version(u32),
    /// An id is empty, too long or contains control characters.
    #[error("invalid article id {}", broadsheet_article::quoted(.0))]
    BadId(String),
    /// More entries than the limits allow.
    #[error("too many entries ({0})")]
    TooMany(usize),
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID_BYTES && !id.chars().any(char::is_control)
}

/// Slugs are fetched as file names: lower-case ASCII letters, digits and `-` only, so a
/// hand-edited file can never point a request anywhere else.
fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_ID_BYTES
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads the stored layout (its version already checked). Saved items refuse unknown
/// fields, the state itself ignores them (as the serde derives above do).
fn read_state(r: &mut JsonReader) -> Result<ReaderState, JsonError> {
    let mut state = ReaderState::default();
    r.object(|r, key| {
        match key {
            "version" => state.version = r.u32()?,
            "read" => {
                state.read.clear();
                r.array(|r| {
                    state.read.insert(r.string()?);
                    Ok(())
                })?;
            }
            "saved" => state.saved = r.vec(read_saved_item)?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(state)
}

fn read_saved_item(r: &mut JsonReader) -> Result<SavedItem, JsonError> {
    let (mut id, mut saved_at, mut slug) = (None, None, String::new());
    let mut unknown = false;
    r.object(|r, key| {
        match key {
            "id" => id = Some(r.string()?),
            "savedAt" => saved_at = Some(r.i64()?),
            "slug" => slug = r.string()?,
            _ => {
                unknown = true;
                r.skip()?;
            }
        }
        Ok(())
    })?;
    if unknown {
        return Err(JsonError::UnknownField);
    }
    Ok(SavedItem {
        id: required(id, "id")?,
        saved_at: required(saved_at, "savedAt")?,
        slug,
    })
}

fn short(id: &str) -> String {
    id.chars().take(40).collect()
}

impl ReaderState {
    /// Parses and validates stored or imported JSON.
    pub fn parse(text: &str) -> Result<Self, StateError> {
        if text.len() > MAX_STATE_BYTES {
            return Err(StateError::TooLarge(text.len()));
        }
        let malformed = |e: JsonError| StateError::Malformed(e.to_string());
        // Read the version first, so a future layout gets a clear message.
        let version = read_json(text, |r| {
            let mut version = None;
            r.object(|r, key| {
                match key {
                    "version" => version = Some(r.u64()?),
                    _ => r.skip()?,
                }
                Ok(())
            })?;
            Ok(version)
        })
        .map_err(malformed)?
        .ok_or_else(|| StateError::Malformed("no version".into()))?;
        if version != u64::from(STATE_VERSION) {
            return Err(StateError::Version(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        let state = read_json(text, read_state).map_err(malformed)?;
        if state.read.len() > MAX_READ {
            return Err(StateError::TooMany(state.read.len()));
        }
        if state.saved.len() > MAX_SAVED {
            return Err(StateError::TooMany(state.saved.len()));
        }
        if let Some(bad) = state.read.iter().find(|id| !valid_id(id)) {
            return Err(StateError::BadId(short(bad)));
        }
        if let Some(bad) = state.saved.iter().find(|s| !valid_id(&s.id)) {
            return Err(StateError::BadId(short(&bad.id)));
        }
        let mut out = ReaderState {
            version: STATE_VERSION,
            read: state.read,
            saved: Vec::with_capacity(state.saved.len()),
        };
        // Duplicates in hand-edited files: keep the first (most recent) entry.
        for mut item in state.saved {
            if !valid_slug(&item.slug) {
                item.slug.clear();
            }
            if !out.is_saved(&item.id) {
                out.saved.push(item);
            }
        }
        Ok(out)
    }

    /// Pretty JSON for the export file (also what is stored): what serde_json's pretty
    /// printer writes for this type, written without it (the app stores the state from
    /// the Wasm file every page loads).
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"version\": {},\n  \"read\": ", self.version);
        if self.read.is_empty() {
            out.push_str("[]");
        } else {
            out.push('[');
            for (i, id) in self.read.iter().enumerate() {
                out.push_str(if i == 0 { "\n    " } else { ",\n    " });
                write_string(&mut out, id);
            }
            out.push_str("\n  ]");
        }
        out.push_str(",\n  \"saved\": ");
        if self.saved.is_empty() {
            out.push_str("[]");
        } else {
            out.push('[');
            for (i, item) in self.saved.iter().enumerate() {
                out.push_str(if i == 0 {
                    "\n    {\n      \"id\": "
                } else {
                    ",\n    {\n      \"id\": "
                });
                write_string(&mut out, &item.id);
                out.push_str(&format!(",\n      \"savedAt\": {}", item.saved_at));
                if !item.slug.is_empty() {
                    out.push_str(",\n      \"slug\": ");
                    write_string(&mut out, &item.slug);
                }
                out.push_str("\n    }");
            }
            out.push_str("\n  ]");
        }
        out.push_str("\n}");
        out
    }

    /// True when the article was read.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// True when the article is saved.
    pub fn is_saved(&self, id: &str) -> bool {
        self.saved.iter().any(|s| s.id == id)
    }

    /// Marks one article read. Returns false when nothing changed.
    pub fn mark_read(&mut self, id: &str) -> bool {
        if !valid_id(id) || self.read.contains(id) {
            return false;
        }
        if self.read.len() >= MAX_READ {
            let first = self.read.iter().next().cloned();
            if let Some(first) = first {
                self.read.remove(&first);
            }
        }
        self.read.insert(id.to_string())
    }

    /// Marks every id read; returns how many were new.
    pub fn mark_all_read<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        ids.into_iter().filter(|id| self.mark_read(id)).count()
    }

    /// Saves (at the front) or unsaves an article; returns whether it is now saved.
    pub fn toggle_saved(&mut self, id: &str, slug: &str, now_ms: i64) -> bool {
        if self.is_saved(id) {
            self.saved.retain(|s| s.id != id);
            false
        } else if valid_id(id) && self.saved.len() < MAX_SAVED {
            self.saved.insert(
                0,
                SavedItem {
                    id: id.to_string(),
                    saved_at: now_ms,
                    slug: if valid_slug(slug) {
                        slug.to_string()
                    } else {
                        String::new()
                    },
                },
            );
            true
        } else {
            false
        }
    }

    /// Merges an imported state: read sets are united; saved items not yet present are
    /// added, and the list is ordered most recently saved first. Returns how many read
    /// ids and saved items were new.
    pub fn merge(&mut self, other: &ReaderState) -> MergeCount {
        let mut count = MergeCount::default();
        for id in &other.read {
            if self.read.len() >= MAX_READ {
                break;
            }
            if self.read.insert(id.clone()) {
                count.read += 1;
            }
        }
        for item in &other.saved {
            if self.saved.len() >= MAX_SAVED {
                break;
            }
            if !self.is_saved(&item.id) {
                self.saved.push(item.clone());
                count.saved += 1;
            }
        }
        // Stable: equal timestamps keep their order.
        self.saved.sort_by_key(|s| std::cmp::Reverse(s.saved_at));
        count
    }
}

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCount {
    /// New read ids.
    pub read: usize,
    /// New saved articles.
    pub saved: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(json: &str) -> ReaderState {
        ReaderState::parse(json).unwrap()
    }

    #[test]
    fn parse_table() {
        type Check = fn(&Result<ReaderState, StateError>) -> bool;
        let cases: &[(&str, &str, Check)] = &[
            ("empty object has no version", "{}", |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("minimal", r#"{"version":1}"#, |r| {
                r.as_ref()
                    .is_ok_and(|s| s.read.is_empty() && s.saved.is_empty())
            }),
            ("not json", "not json", |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("empty text", "", |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("array", "[1,2]", |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("future version", r#"{"version":2,"read":[]}"#, |r| {
                *r == Err(StateError::Version(2))
            }),
            ("huge version", r#"{"version":99999999999}"#, |r| {
                *r == Err(StateError::Version(u32::MAX))
            }),
            ("string version", r#"{"version":"1"}"#, |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("read is not a list", r#"{"version":1,"read":"a"}"#, |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("read has numbers", r#"{"version":1,"read":[1]}"#, |r| {
                matches!(r, Err(StateError::Malformed(_)))
            }),
            ("empty id", r#"{"version":1,"read":[""]}"#, |r| {
                matches!(r, Err(StateError::BadId(_)))
            }),
            (
                "control char id",
                r#"{"version":1,"read":["a\u0000b"]}"#,
                |r| matches!(r, Err(StateError::BadId(_))),
            ),
            (
                "saved item without savedAt",
                r#"{"version":1,"saved":[{"id":"a"}]}"#,
                |r| matches!(r, Err(StateError::Malformed(_))),
            ),
            (
                "saved item with unknown field",
                r#"{"version":1,"saved":[{"id":"a","savedAt":1,"x":2}]}"#,
                |r| matches!(r, Err(StateError::Malformed(_))),
            ),
            (
                "duplicates collapse",
                r#"{"version":1,"read":["a","a"],"saved":[{"id":"a","savedAt":2},{"id":"a","savedAt":1}]}"#,
                |r| {
                    r.as_ref().is_ok_and(|s| {
                        s.read.len() == 1 && s.saved.len() == 1 && s.saved[0].saved_at == 2
                    })
                },
            ),
            (
                "unknown top-level fields are ignored",
                r#"{"version":1,"theme":"dark"}"#,
                |r| r.is_ok(),
            ),
        ];
        for (name, json, check) in cases {
            let r = ReaderState::parse(json);
            assert!(check(&r), "{name}: {r:?}");
        }
    }

    #[test]
    fn size_and_count_limits() {
        let big = format!(
            r#"{{"version":1,"read":["{}"]}}"#,
            "a".repeat(MAX_STATE_BYTES)
        );
        assert!(matches!(
            ReaderState::parse(&big),
            Err(StateError::TooLarge(_))
        ));
        let long_id = format!(
            r#"{{"version":1,"read":["{}"]}}"#,
            "a".repeat(MAX_ID_BYTES + 1)
        );
        assert!(matches!(
            ReaderState::parse(&long_id),
            Err(StateError::BadId(_))
        ));
        let many: Vec<String> = (0..=MAX_READ).map(|i| format!("\"{i}\"")).collect();
        let many = format!(r#"{{"version":1,"read":[{}]}}"#, many.join(","));
        assert_eq!(
            ReaderState::parse(&many),
            Err(StateError::TooMany(MAX_READ + 1))
        );
    }

    #[test]
    fn round_trip_through_json() {
        let mut s = ReaderState::default();
        s.mark_read("a");
        s.toggle_saved("b", "b-b", 10);
        s.toggle_saved("c", "c-c", 20);
        let back = ok(&s.to_json());
        assert_eq!(back, s);
        assert_eq!(back.saved[0].id, "c", "most recent first");
    }

    #[test]
    fn to_json_writes_what_serde_json_pretty_writes() {
        let mut s = ReaderState::default();
        assert_eq!(s.to_json(), serde_json::to_string_pretty(&s).unwrap());
        s.mark_read("zeta \"quoted\" \\ é 中 😀");
        s.mark_read("a\u{7f}");
        assert_eq!(s.to_json(), serde_json::to_string_pretty(&s).unwrap());
        s.toggle_saved("no slug", "../x", -5);
        s.toggle_saved("b", "b-b", 10);
        assert_eq!(s.to_json(), serde_json::to_string_pretty(&s).unwrap());
        s.read.clear();
        let json = s.to_json();
        assert_eq!(json, serde_json::to_string_pretty(&s).unwrap());
        assert_eq!(ok(&json), s);
    }

    #[test]
    fn toggles_and_marks() {
        let mut s = ReaderState::default();
        assert!(s.mark_read("x"));
        assert!(!s.mark_read("x"));
        assert!(!s.mark_read(""));
        assert_eq!(s.mark_all_read(["x", "y", "z"]), 2);
        assert!(s.toggle_saved("x", "a-x", 1));
        assert_eq!(s.saved[0].slug, "a-x");
        assert!(s.is_saved("x"));
        assert!(!s.toggle_saved("x", "a-x", 2));
        assert!(!s.is_saved("x"));
        assert!(!s.toggle_saved("", "", 3));
        assert!(s.toggle_saved("y", "../../etc", 4));
        assert_eq!(s.saved[0].slug, "", "never a path");
    }

    #[test]
    fn merge_unites_and_orders_by_saved_at() {
        let mut mine = ok(r#"{"version":1,"read":["a"],"saved":[{"id":"s1","savedAt":5}]}"#);
        let theirs = ok(
            r#"{"version":1,"read":["a","b"],"saved":[{"id":"s2","savedAt":9},{"id":"s1","savedAt":1},{"id":"s3","savedAt":2}]}"#,
        );
        let n = mine.merge(&theirs);
        assert_eq!(n, MergeCount { read: 1, saved: 2 });
        let order: Vec<&str> = mine.saved.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(order, ["s2", "s1", "s3"]);
        assert_eq!(mine.saved[1].saved_at, 5, "own entry kept");
        assert_eq!(mine.merge(&theirs), MergeCount::default(), "idempotent");
    }
}
