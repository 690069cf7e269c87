//! Readable, unique and stable article slugs.
//!
//! Rule: `slug = <title words>-<id>`, where the title words are the title folded to
//! lowercase ASCII (common Latin diacritics folded, other characters dropped, runs of
//! separators become one `-`, cut at a word boundary to at most 60 characters) and `<id>`
//! is the article's `externalId` (or its file name without extension) in the same form.
//! The id makes the slug unique; because links are resolved by that id suffix too (see
//! [`matches_id`]), a link made before a title change still finds the article.

/// Longest title part of a slug, in bytes.
pub const MAX_TITLE_PART: usize = 60;

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'æ' => "ae",
        'ç' | 'č' | 'ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'ś' | 'š' => "s",
        'ź' | 'ż' | 'ž' => "z",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'ř' => "r",
        'ť' => "t",
        'þ' => "th",
        _ => return None,
    })
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
            c.to_lowercase().for_each(&mut push);
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

/// True when `slug` (from a URL) names the article with this id, whatever title words
/// precede the id: old links keep working after a title change.
pub fn matches_id(slug: &str, id: &str) -> bool {
    let id = id_part(id);
    slug == id
        || slug
            .strip_suffix(id.as_str())
            .is_some_and(|head| head.ends_with('-'))
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
    fn old_links_resolve_by_id_after_title_change() {
        let old = article_slug("Old headline", "9001");
        assert_eq!(old, "old-headline-9001");
        assert!(matches_id(&old, "9001"));
        assert!(matches_id("9001", "9001"));
        assert!(!matches_id("old-headline-19001", "9001"));
        assert!(!matches_id("old-headline-9001x", "9001"));
    }
}
