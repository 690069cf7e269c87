//! Readable, unique and stable article slugs.
//!
//! Rule: `slug = <title words>-<id>`, where the title words are the title folded to
//! lowercase ASCII (common Latin diacritics folded, other characters dropped, runs of
//! separators become one `-`, cut at a word boundary to at most 60 characters) and `<id>`
//! is the article's `externalId` (or its file name without extension) in the same form.
//! The id makes the slug unique; because the bundle also names each article's current
//! slug by that id part (in an id bucket, `data/ids/<xx>.json`, see [`id_part`]), a link
//! made before a title change still finds the article.

use crate::fold::fold_char;

/// Longest title part of a slug, in bytes.
pub const MAX_TITLE_PART: usize = 60;

/// The ASCII folding of a lowercase non-ASCII letter (`é` → `e`), from the site's one
/// folding table; `None` for characters that fold to something else (Greek, Arabic…) or
/// not at all, which separate words.
fn fold(c: char) -> Option<&'static str> {
    fold_char(c).filter(|f| f.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Folds text into lowercase ASCII words joined by `-`.
///
/// ```
/// assert_eq!(broadsheet_article::slug::slugify("Café: 10% más — ¡hoy!"), "cafe-10-mas-hoy");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |c: char| {
        let piece: Option<&str> = if c.is_ascii_alphanumeric() {
            None
        } else if let Some(f) = fold(c) {
            Some(f)
        } else {
            pending_dash = !out.is_empty();
            return;
        };
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        match piece {
            Some(p) => out.push_str(p),
            None => out.push(c),
        }
    };
    for c in text.chars() {
        // ASCII lowercases to one character; `to_lowercase`'s general iterator was a
        // visible part of reading an article (profiled natively).
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            crate::case::lower_char(c).for_each(&mut push);
        }
    }
    out
}

/// The id part of a slug.
pub fn id_part(id: &str) -> String {
    let s = slugify(id);
    if s.is_empty() {
        "article".to_string()
    } else {
        s
    }
}

/// Builds the canonical slug of an article from its title and id.
///
/// ```
/// use broadsheet_article::slug::article_slug;
/// assert_eq!(article_slug("Wikipedia Reveals Deals", "57217389"), "wikipedia-reveals-deals-57217389");
/// ```
pub fn article_slug(title: &str, id: &str) -> String {
    let mut words = slugify(title);
    if words.len() > MAX_TITLE_PART {
        let cut = words[..=MAX_TITLE_PART]
            .rfind('-')
            .unwrap_or(MAX_TITLE_PART);
        words.truncate(cut);
    }
    let id = id_part(id);
    if words.is_empty() {
        id
    } else {
        format!("{words}-{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_table() {
        let cases = [
            ("Hello, World!", "hello-world"),
            ("  spaces   everywhere  ", "spaces-everywhere"),
            ("Ünïcödé Çafé", "unicode-cafe"),
            ("Straße", "strasse"),
            ("AI & the 2026 Budget", "ai-the-2026-budget"),
            ("مرحبا بالعالم", ""),
            ("---", ""),
            ("a<script>b", "a-script-b"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn long_titles_cut_at_word_boundary() {
        let slug = article_slug(
            "A very long headline about the many ways regulators across continents are rethinking stablecoins",
            "42",
        );
        assert!(slug.len() <= MAX_TITLE_PART + 3, "{slug}");
        assert!(slug.ends_with("-42"));
        assert!(!slug.contains("--"));
    }

    #[test]
    fn non_latin_title_falls_back_to_id() {
        assert_eq!(article_slug("مرحبا بالعالم", "58120001"), "58120001");
        assert_eq!(article_slug("", ""), "article");
    }

    #[test]
    fn the_id_is_the_last_part() {
        assert_eq!(article_slug("Old headline", "9001"), "old-headline-9001");
        assert_eq!(id_part("ID 9001"), "id-9001");
    }

    /// The folding table is shared with search, which knows more letters than the slug
    /// table that was here before; these were folded by both.
    #[test]
    fn latin_letters_fold_to_ascii() {
        let cases = [
            ("Łódź Œuvre", "lodz-oeuvre"),
            ("Dvořák Ťava Ůl", "dvorak-tava-ul"),
            ("Þór Đak", "thor-dak"),
            ("Ἀθήνα", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input}");
        }
    }
}
