//! Tokenising: text folded (lowercase, diacritics gone, Arabic normalised) and cut into
//! words, the same way for documents at build time and for queries in the browser.

use std::ops::Range;

use broadsheet_article::case::lower_char;
use broadsheet_article::fold::fold_char;

/// Longest token, in characters; longer words are cut.
pub const MAX_TOKEN_CHARS: usize = 40;

/// Characters dropped without splitting a word: combining marks, Arabic harakat,
/// tatweel, zero-width (non-)joiners, soft hyphens.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'       // combining diacritics (decomposed input)
        | '\u{0610}'..='\u{061A}'     // Arabic signs
        | '\u{064B}'..='\u{065F}'     // Arabic harakat
        | '\u{0670}'                  // superscript alef
        | '\u{06D6}'..='\u{06ED}'     // Quranic marks
        | '\u{0640}'                  // tatweel
        | '\u{200C}'..='\u{200D}'     // zero width (non-)joiner
        | '\u{00AD}'                  // soft hyphen
    )
}

/// Han ideographs and kana: scripts written without spaces; each character is a token.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
    )
}

/// Part of a word: letters and digits of any script, plus the dependent vowel signs and
/// viramas of Indic scripts (which are not all `Alphabetic`), minus the dandas.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || (matches!(c, '\u{0900}'..='\u{0DFF}') && !matches!(c, '\u{0964}' | '\u{0965}'))
}

/// Appends the folded form of one lowercase character (the site's one folding table,
/// shared with slugs).
fn push_folded(c: char, out: &mut String) {
    match fold_char(c) {
        Some(folded) => out.push_str(folded),
        None => out.push(c),
    }
}

/// Folds text: lowercase, diacritics removed, Arabic normalised. Separators are kept.
///
/// ```
/// use broadsheet_core::search::fold;
/// assert_eq!(fold("Energía Ünïcödé"), "energia unicode");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_ignorable(c) {
            continue;
        }
        for l in lower_char(c) {
            if !is_ignorable(l) {
                push_folded(l, &mut out);
            }
        }
    }
    out
}

/// Every word of `text` as (byte range in `text`, folded token), including one-character
/// words. The range covers the original spelling, for highlighting.
pub fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for_each_word(text, |range, w| out.push((range, w.to_string())));
    out
}

/// Calls `f` with every word of `text`, as [`words`] lists them, without allocating per
/// word (the build tokenises every article).
pub fn for_each_word(text: &str, mut f: impl FnMut(Range<usize>, &str)) {
    // The word being read: its start and end in `text`, and its folded text in `word`.
    let mut span: Option<(usize, usize)> = None;
    let mut word = String::new();
    let mut piece = String::new();
    let mut flush = |span: &mut Option<(usize, usize)>, word: &mut String| {
        if let Some((s, e)) = span.take() {
            if let Some((cut, _)) = word.char_indices().nth(MAX_TOKEN_CHARS) {
                word.truncate(cut);
            }
            f(s..e, word);
            word.clear();
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            // ASCII is never ignorable nor CJK, lowercases to one character and folds to
            // itself (a test checks this against the slow path).
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
                match span.as_mut() {
                    Some((_, e)) => *e = i + 1,
                    None => span = Some((i, i + 1)),
                }
            } else {
                flush(&mut span, &mut word);
            }
            continue;
        }
        let end = i + c.len_utf8();
        if is_ignorable(c) {
            if let Some((_, e)) = span.as_mut() {
                *e = end;
            }
            continue;
        }
        if is_cjk(c) {
            flush(&mut span, &mut word);
            word.push_str(&fold(&text[i..end]));
            span = Some((i, end));
            flush(&mut span, &mut word);
            continue;
        }
        piece.clear();
        for l in lower_char(c) {
            if !is_ignorable(l) {
                push_folded(l, &mut piece);
            }
        }
        if !piece.is_empty() && piece.chars().all(is_word_char) {
            word.push_str(&piece);
            match span.as_mut() {
                Some((_, e)) => *e = end,
                None => span = Some((i, end)),
            }
        } else {
            flush(&mut span, &mut word);
        }
    }
    flush(&mut span, &mut word);
}

/// True for tokens worth indexing: two characters or more, or one Han/kana character.
pub(crate) fn indexable(token: &str) -> bool {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => is_cjk(c),
        (Some(_), Some(_)) => true,
        _ => false,
    }
}

/// The indexable tokens of `text`, in order.
///
/// ```
/// use broadsheet_core::search::tokenize;
/// assert_eq!(tokenize("Cross-Chain Bridge, a $41M hack!"), ["cross", "chain", "bridge", "41m", "hack"]);
/// ```
pub fn tokenize(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, w)| w)
        .filter(|w| indexable(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let cases = [
            ("Energía", "energia"),
            ("ÜBER straße", "uber strasse"),
            ("Ça déjà vu", "ca deja vu"),
            ("Łódź Œuvre", "lodz oeuvre"),
            ("Ștefan Ţara", "stefan tara"),
            ("Tiếng Việt", "tieng viet"),
            ("e\u{301}nergi\u{301}a", "energia"),
            ("Ἀθήνα ΆΘΗΝΑ", "ἀθηνα αθηνα"),
            ("Ёлка", "елка"),
            ("مُحَمَّد", "محمد"),
            ("العمـــلات", "العملات"),
            ("أمن إطار آراء", "امن اطار اراء"),
            ("المستقرة على", "المستقره علي"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    #[test]
    fn ascii_folds_to_itself() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert!(!is_ignorable(c) && !is_cjk(c), "{c:?}");
            assert_eq!(fold_char(c.to_ascii_lowercase()), None, "{c:?}");
            assert_eq!(c.is_alphanumeric(), c.is_ascii_alphanumeric(), "{c:?}");
            let lower: Vec<char> = lower_char(c).collect();
            assert_eq!(lower, [c.to_ascii_lowercase()], "{c:?}");
        }
    }

    #[test]
    fn tokenising_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Hello, World!", &["hello", "world"]),
            ("Cross-Chain Bridge", &["cross", "chain", "bridge"]),
            ("a b cd", &["cd"]),
            ("$41 Million in 2027", &["41", "million", "in", "2027"]),
            (
                "La sequía pone en aprietos",
                &["la", "sequia", "pone", "en", "aprietos"],
            ),
            ("تحذير أمني", &["تحذير", "امني"]),
            ("السعودية تدرس إطاراً", &["السعوديه", "تدرس", "اطارا"]),
            ("हिन्दी भाषा।", &["हिन्दी", "भाषा"]),
            ("東京タワー", &["東", "京", "タ", "ワ", "ー"]),
            (
                "zero\u{200C}width zero\u{200B}space",
                &["zerowidth", "zero", "space"],
            ),
            ("", &[]),
            ("— … !!", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(tokenize(input), *want, "{input}");
        }
        let long = "x".repeat(100);
        assert_eq!(tokenize(&long)[0].chars().count(), MAX_TOKEN_CHARS);
    }
}
