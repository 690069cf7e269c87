//! The reader's words in the site's language: one message table per language, shipped
//! as data (`data/site.json`), so the app's Wasm holds keys, not sentences, and a new
//! language is a new table, not new code.
//!
//! A [`Locale`] is a flat table of `key → text` plus the site's time zone. Besides the
//! UI's messages, keys under `locale.` describe the language itself: `locale.dir`
//! (`ltr`/`rtl`), `locale.plural` (rules, see [`plural_category`]), `locale.digits`
//! (ten digits, when not 0-9), `locale.group` (the thousands separator), and the date
//! patterns `locale.months` (twelve names, `|`-separated), `locale.date`,
//! `locale.time` and `locale.date_time`. A message with a count has one key per plural category
//! (`time.days_ago.one`, `time.days_ago.other`).
//!
//! The build fills a language's gaps from English before it ships the table (and a test
//! reports every gap), so a lookup only misses for a key no table has; it then shows the
//! key, which the tests catch. The prerendered pages and the app format with the same
//! table and the same code, so they show the same strings.

mod dates;
mod plural;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use plural::{plural_category, rules_parse};

/// Keys every table must define for the language itself (not UI messages).
pub const LOCALE_KEYS: [&str; 8] = [
    "locale.dir",
    "locale.plural",
    "locale.digits",
    "locale.group",
    "locale.months",
    "locale.date",
    "locale.time",
    "locale.date_time",
];

/// A language's messages and the site's time zone: everything the UI needs to speak to
/// the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locale {
    /// The BCP 47 tag of the UI language (`de`, `ar-EG`).
    pub language: String,
    /// `key → text`.
    pub messages: BTreeMap<String, String>,
    /// The site's time zone as UTC offsets: `(from, minutes)` pairs in time order, each
    /// offset in force from `from` (ms since the epoch) until the next. Empty is UTC.
    #[serde(default)]
    pub zone: Vec<(i64, i32)>,
}

impl Locale {
    /// A locale of `language` with `messages`, in UTC.
    pub fn new(language: &str, messages: BTreeMap<String, String>) -> Self {
        Locale {
            language: language.to_string(),
            messages,
            zone: Vec::new(),
        }
    }

    /// The text of `key`, or the key itself when no table has it.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.messages.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value in `args`. Values are
    /// inserted as given: callers escape them for HTML where it matters.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }

    /// The text of `key` for a count of `n`: the form of `n`'s plural category
    /// (`key.one`, …, else `key.other`, else `key` for a text that does not vary), with `{n}` written in the language's digits and
    /// the other `args` filled in.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let category = plural_category(self.t("locale.plural"), n);
        let form = self
            .messages
            .get(&format!("{key}.{category}"))
            .or_else(|| self.messages.get(&format!("{key}.other")))
            .or_else(|| self.messages.get(key))
            .map_or(key, String::as_str);
        let number = self.number(n);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(("n", number.as_str()));
        all.extend_from_slice(args);
        fill(form, &all)
    }

    /// `n` in the language's digits, with its thousands separator.
    ///
    /// ```
    /// use broadsheet_core::i18n::Locale;
    /// let mut l = Locale::default();
    /// l.messages.insert("locale.group".into(), ".".into());
    /// assert_eq!(l.number(1234567), "1.234.567");
    /// l.messages.insert("locale.digits".into(), "٠١٢٣٤٥٦٧٨٩".into());
    /// assert_eq!(l.number(305), "٣٠٥");
    /// ```
    pub fn number(&self, n: u64) -> String {
        let plain = n.to_string();
        let digits: Vec<char> = self
            .messages
            .get("locale.digits")
            .map(|d| d.chars().collect())
            .filter(|d: &Vec<char>| d.len() == 10)
            .unwrap_or_default();
        let group = self.messages.get("locale.group").map_or("", String::as_str);
        let mut out = String::with_capacity(plain.len() * 2);
        for (i, c) in plain.bytes().enumerate() {
            if i > 0 && (plain.len() - i) % 3 == 0 {
                out.push_str(group);
            }
            match digits.get(usize::from(c - b'0')) {
                Some(d) => out.push(*d),
                None => out.push(char::from(c)),
            }
        }
        out
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.t("locale.dir") == "rtl"
    }

    /// The `dir` attribute's value: `rtl` or `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }
}

/// `text` with each `{name}` of `args` replaced by its value; other braces stay.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The English table of `locales/en.toml`, for tests.
#[cfg(test)]
pub(crate) fn english() -> Locale {
    fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>) {
        match value {
            toml::Value::Table(table) => {
                for (k, v) in table {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&key, v, out);
                }
            }
            toml::Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            other => panic!("{prefix}: not a string: {other}"),
        }
    }
    let text = include_str!("../../../../locales/en.toml");
    let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("en.toml: {e}"));
    let mut messages = BTreeMap::new();
    flatten("", &value, &mut messages);
    Locale::new("en", messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(pairs: &[(&str, &str)]) -> Locale {
        Locale::new(
            "xx",
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn fills_named_arguments_and_leaves_other_braces() {
        assert_eq!(
            fill("a {x} b {y} {z", &[("x", "1"), ("y", "{x}")]),
            "a 1 b {x} {z"
        );
        assert_eq!(fill("{}", &[]), "{}");
        assert_eq!(fill("ünï {n}", &[("n", "ç")]), "ünï ç");
    }

    #[test]
    fn counts_pick_the_plural_form() {
        let l = locale(&[
            ("locale.plural", "one: n = 1"),
            ("x.one", "{n} day in {w}"),
            ("x.other", "{n} days in {w}"),
            ("locale.group", ","),
        ]);
        assert_eq!(l.count("x", 1, &[("w", "May")]), "1 day in May");
        assert_eq!(l.count("x", 1200, &[("w", "May")]), "1,200 days in May");
        assert_eq!(l.count("missing", 2, &[]), "missing");
    }

    #[test]
    fn a_missing_key_shows_itself() {
        let l = locale(&[("a", "A")]);
        assert_eq!(l.t("a"), "A");
        assert_eq!(l.t("b.c"), "b.c");
        assert_eq!(l.dir(), "ltr");
        assert!(locale(&[("locale.dir", "rtl")]).is_rtl());
    }
}
