//! Language tags for `broadsheet.toml`: BCP 47 syntax (RFC 5646, section 2.1), and the
//! writing direction a tag implies.
//!
//! Only the syntax is checked, not the IANA registry: a registry copy would go stale,
//! and a well-formed tag a browser does not know is harmless (it falls back to its own
//! language), while a malformed one (`en_US`, `english`) is always a mistake.

/// Languages written right to left, by primary subtag (ISO 639): Arabic, Hebrew,
/// Persian, Urdu, Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Central Kurdish.
const RTL_LANGUAGES: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"];

/// Scripts written right to left (ISO 15924): a script subtag decides over the
/// language (`az-Arab` is right to left, `ku-Latn` is not).
const RTL_SCRIPTS: [&str; 9] = [
    "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr",
];

/// Checks that `tag` is a well-formed BCP 47 language tag: a language (2-3 or 5-8
/// letters), then optionally a script (4 letters), a region (2 letters or 3 digits),
/// variants (5-8 letters or digits, or a digit and 3 more), extensions (a singleton and
/// subtags of 2-8) and a private use part (`x-…`). The error says which part is wrong.
pub fn validate(tag: &str) -> Result<(), String> {
    if tag.contains('_') {
        return Err(format!(
            "separates its parts with `_`; BCP 47 uses `-` (`{}`)",
            tag.replace('_', "-")
        ));
    }
    let parts: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    if parts.iter().any(|p| p.is_empty()) {
        return Err("has an empty part (a leading, trailing or doubled `-`)".into());
    }
    let language = parts[0];
    if !(alpha(language) && matches!(language.len(), 2 | 3 | 5..=8)) {
        return Err(format!(
            "starts with `{language}`: the language must be 2-3 letters (`en`, `ckb`) \
             or 5-8 letters"
        ));
    }
    let mut i = 1;
    if parts.get(i).is_some_and(|p| p.len() == 4 && alpha(p)) {
        i += 1; // script
    }
    if parts
        .get(i)
        .is_some_and(|p| (p.len() == 2 && alpha(p)) || (p.len() == 3 && digits(p)))
    {
        i += 1; // region
    }
    let is_variant = |p: &str| {
        alnum(p)
            && ((5..=8).contains(&p.len())
                || (p.len() == 4 && p.bytes().next().is_some_and(|b| b.is_ascii_digit())))
    };
    while parts.get(i).is_some_and(|p| is_variant(p)) {
        i += 1;
    }
    while let Some(part) = parts.get(i) {
        if part.len() != 1 || !alnum(part) {
            return Err(format!(
                "has `{part}` where a script (4 letters), a region (2 letters or 3 \
                 digits), a variant (5-8 letters or digits) or an extension (`u-…`) \
                 may stand"
            ));
        }
        let private = part.eq_ignore_ascii_case("x");
        i += 1;
        let start = i;
        let ok = |p: &str| alnum(p) && (if private { 1..=8 } else { 2..=8 }).contains(&p.len());
        while parts.get(i).is_some_and(|p| ok(p)) {
            i += 1;
        }
        if i == start {
            return Err(format!(
                "has the singleton `{part}` with no subtag after it (extensions take \
                 subtags of {} letters or digits)",
                if private { "1-8" } else { "2-8" }
            ));
        }
        if private && i < parts.len() {
            return Err(format!("has `{}` after its private use part", parts[i]));
        }
    }
    Ok(())
}

/// True when text in `language` (a BCP 47 tag such as `ar`, `ar-EG`, `az-Arab`) is
/// written right to left: a script subtag decides, else the primary language.
pub fn is_rtl(language: &str) -> bool {
    let mut parts = language.split(['-', '_']);
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(script) = parts
        .next()
        .filter(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return RTL_SCRIPTS.contains(&script.to_ascii_lowercase().as_str());
    }
    RTL_LANGUAGES.contains(&primary.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags_pass() {
        for tag in [
            "en",
            "en-GB",
            "es-419",
            "zh-Hant-TW",
            "sr-Latn",
            "ckb",
            "de-CH-1996",
            "sl-rozaj-biske",
            "en-US-u-ca-gregory",
            "en-x-house",
            "hy-Latn-IT-arevela",
        ] {
            assert_eq!(validate(tag), Ok(()), "{tag}");
        }
    }

    #[test]
    fn malformed_tags_say_why() {
        for (tag, why) in [
            ("en_US", "uses `-` (`en-US`)"),
            ("e", "language must be 2-3 letters"),
            ("englishlanguage", "language must be 2-3 letters"),
            ("abcd", "language must be 2-3 letters"),
            ("en-", "empty part"),
            ("en--US", "empty part"),
            ("en-USA", "has `USA` where a script"),
            ("12", "language must be"),
            ("en-u", "singleton `u` with no subtag"),
            ("en-x", "singleton `x` with no subtag"),
            ("en-US-Latn", "has `Latn` where"),
        ] {
            let e = validate(tag).expect_err(tag);
            assert!(e.contains(why), "{tag}: {e}");
        }
    }

    #[test]
    fn right_to_left_languages() {
        for (tag, rtl) in [
            ("ar", true),
            ("ar-EG", true),
            ("AR", true),
            ("he-IL", true),
            ("fa", true),
            ("ckb-IQ", true),
            ("yi", true),
            ("ur-Arab-PK", true),
            ("az-Arab", true),
            ("ku-Latn", false),
            ("ar-Latn", false),
            ("en", false),
            ("en-US", false),
            ("de", false),
            ("ark", false),
            ("", false),
        ] {
            assert_eq!(is_rtl(tag), rtl, "{tag}");
        }
    }
}
