//! The UI's message tables (`locales/<language>.toml`): read, checked, and merged over
//! English for the site's language, which the build ships in `data/site.json` and writes
//! the static pages with ([`broadsheet_core::i18n::Locale`]).
//!
//! A table is TOML whose nested tables flatten into dotted keys. English is complete by
//! definition; another language's gaps are filled from English here, so the reader never
//! sees a key, and `locales_match_english` (tier 1) lists every gap so none ships
//! unnoticed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use broadsheet_core::i18n::{rules_parse, Locale, LOCALE_KEYS};

use crate::util::{read_to_string, root, Error, Result};

/// Where the tables live, relative to the repository root.
pub const DIR: &str = "locales";

/// The table every other is checked against and filled from.
pub const ENGLISH: &str = "en";

/// A table's flat `key → text` map.
pub type Table = BTreeMap<String, String>;

/// Reads `locales/<name>.toml` from `dir` as a flat table.
pub fn read_table(dir: &Path, name: &str) -> Result<Table> {
    let path = dir.join(format!("{name}.toml"));
    let text = read_to_string(&path)?;
    let value: toml::Table =
        toml::from_str(&text).map_err(|e| Error::Msg(format!("{}: {e}", path.display())))?;
    let mut out = Table::new();
    flatten(&path, "", &toml::Value::Table(value), &mut out)?;
    check_table(&path, &out)?;
    Ok(out)
}

fn flatten(path: &Path, prefix: &str, value: &toml::Value, out: &mut Table) -> Result {
    match value {
        toml::Value::Table(table) => {
            for (k, v) in table {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(path, &key, v, out)?;
            }
            Ok(())
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
            Ok(())
        }
        other => Err(Error::Msg(format!(
            "{}: `{prefix}` must be a string, not {}",
            path.display(),
            other.type_str()
        ))),
    }
}

/// What the formatting code relies on: rules that parse, twelve months, ten digits.
fn check_table(path: &Path, table: &Table) -> Result {
    let bad = |why: String| Err(Error::Msg(format!("{}: {why}", path.display())));
    if let Some(rules) = table.get("locale.plural") {
        if !rules_parse(rules) {
            return bad(format!("locale.plural does not parse: {rules:?}"));
        }
    }
    if let Some(months) = table.get("locale.months") {
        if months.split('|').count() != 12 {
            return bad("locale.months needs twelve names separated by |".into());
        }
    }
    if let Some(digits) = table.get("locale.digits") {
        if digits.chars().count() != 10 {
            return bad("locale.digits needs the ten digits 0 to 9".into());
        }
    }
    if let Some(dir) = table.get("locale.dir") {
        if dir != "ltr" && dir != "rtl" {
            return bad(format!("locale.dir is {dir:?}; it is ltr or rtl"));
        }
    }
    Ok(())
}

/// The table file for `language` in `dir`: the whole tag (`pt-BR.toml`), else its
/// language subtag (`pt.toml`); `None` when neither exists.
pub fn table_for(dir: &Path, language: &str) -> Option<String> {
    let whole = language.to_string();
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase();
    [whole, primary]
        .into_iter()
        .find(|name| dir.join(format!("{name}.toml")).is_file())
}

/// The languages `dir` has tables for, sorted.
pub fn available(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".toml").map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The repository's tables.
pub fn repo_dir() -> PathBuf {
    root().join(DIR)
}

/// The locale of `language` from the tables in `dir`: its table over English's, with
/// the time zone `zone`. A language without a table is an error naming the ones there
/// are (showing English words under another language's tag would be wrong for screen
/// readers and hyphenation alike).
pub fn locale(dir: &Path, language: &str, zone: Vec<(i64, i32)>) -> Result<Locale> {
    let mut messages = read_table(dir, ENGLISH)?;
    let Some(name) = table_for(dir, language) else {
        return Err(Error::Msg(format!(
            "no message table for language {language:?} in {}: there are {}; add {}/{}.toml \
             (copy en.toml and translate it)",
            dir.display(),
            available(dir).join(", "),
            dir.display(),
            language.split('-').next().unwrap_or(language)
        )));
    };
    if name != ENGLISH {
        let own = read_table(dir, &name)?;
        // A language brings its own plural forms: English's `.one`/`.other` must not
        // stand in for a category the language's rules never pick.
        messages.retain(|k, _| !is_plural_form(k) || own.contains_key(k) || !has_forms(&own, k));
        messages.extend(own);
    }
    for key in LOCALE_KEYS {
        if !messages.contains_key(key) {
            return Err(Error::Msg(format!("locales/en.toml lacks {key}")));
        }
    }
    Ok(Locale {
        language: language.to_string(),
        messages,
        zone,
    })
}

/// The plural categories a key can end in.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Whether `key` is one plural form of a counted message (`x.y.one`).
pub fn is_plural_form(key: &str) -> bool {
    key.rsplit_once('.')
        .is_some_and(|(_, last)| CATEGORIES.contains(&last))
}

/// Whether `table` has any plural form of the message `key` is a form of.
fn has_forms(table: &Table, key: &str) -> bool {
    let Some((stem, _)) = key.rsplit_once('.') else {
        return false;
    };
    CATEGORIES
        .iter()
        .any(|c| table.contains_key(&format!("{stem}.{c}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::i18n::plural_category;
    use std::collections::BTreeSet;

    /// The messages of a table, plural forms folded into their stem.
    fn stems(table: &Table) -> BTreeSet<String> {
        table
            .keys()
            .map(|k| match k.rsplit_once('.') {
                Some((stem, last)) if CATEGORIES.contains(&last) => stem.to_string(),
                _ => k.clone(),
            })
            .collect()
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
            .filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
            .collect()
    }

    /// Every table has exactly English's messages, each counted message has a form for
    /// every category its language's rules can pick, and no text names a placeholder
    /// English does not fill.
    #[test]
    fn locales_match_english() {
        let dir = repo_dir();
        let en = read_table(&dir, ENGLISH).expect("en");
        let en_stems = stems(&en);
        let mut problems = Vec::new();
        for name in available(&dir).into_iter().filter(|n| n != ENGLISH) {
            let table = match read_table(&dir, &name) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            let own = stems(&table);
            for missing in en_stems.difference(&own) {
                problems.push(format!(
                    "{name}.toml lacks {missing} (English shows instead)"
                ));
            }
            for extra in own.difference(&en_stems) {
                problems.push(format!("{name}.toml has {extra}, which en.toml does not"));
            }
            let rules = table.get("locale.plural").cloned().unwrap_or_default();
            let picked: BTreeSet<&str> = (0..1000).map(|n| plural_category(&rules, n)).collect();
            for stem in own
                .iter()
                .filter(|s| has_forms(&table, &format!("{s}.other")))
            {
                for category in &picked {
                    if !table.contains_key(&format!("{stem}.{category}")) {
                        problems.push(format!("{name}.toml: {stem} has no `{category}` form"));
                    }
                }
            }
            for (key, text) in &table {
                let stem = stems(&Table::from([(key.clone(), String::new())]));
                let english: BTreeSet<String> = en
                    .iter()
                    .filter(|(k, _)| stems(&Table::from([((*k).clone(), String::new())])) == stem)
                    .flat_map(|(_, v)| placeholders(v))
                    .chain(["n".to_string()])
                    .collect();
                for p in placeholders(text) {
                    if !english.contains(&p) {
                        problems.push(format!(
                            "{name}.toml: {key} uses {{{p}}}, which English never fills"
                        ));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_language_falls_back_to_english_per_key_and_unknown_languages_are_errors() {
        let dir = std::env::temp_dir().join(format!("bs-locales-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::copy(repo_dir().join("en.toml"), dir.join("en.toml")).expect("copy");
        std::fs::write(
            dir.join("xx.toml"),
            "[locale]\nplural = \"\"\n[feed]\nload_more = \"Mehr\"\nunread.other = \"{n} neu\"\n",
        )
        .expect("write");
        let l = locale(&dir, "xx-YY", vec![]).expect("locale");
        assert_eq!(l.t("feed.load_more"), "Mehr");
        assert_eq!(l.t("feed.loading"), "Loading…");
        assert_eq!(l.count("feed.unread", 1, &[]), "1 neu");
        let err = locale(&dir, "fr", vec![]).expect_err("fr").to_string();
        assert!(err.contains("\"fr\"") && err.contains("en, xx"), "{err}");
        std::fs::write(dir.join("zz.toml"), "[locale]\nmonths = \"a|b\"\n").expect("write");
        let err = locale(&dir, "zz", vec![]).expect_err("zz").to_string();
        assert!(err.contains("twelve"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
