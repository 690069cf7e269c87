//! The diacritic-folding table, one for the whole site: slugs and the search index fold
//! letters the same way (`Énergie` is `energie` in a URL and in a query).
//!
//! It maps one *lowercase* character to its folded form: Latin letters lose their
//! diacritics (`é` → `e`, `ß` → `ss`, `ł` → `l`, Vietnamese included), Greek loses tonos
//! and dialytika, Cyrillic `ё` becomes `е`, and Arabic alef forms, alef maksura and teh
//! marbuta are unified. What a caller keeps is its own rule: a slug keeps only ASCII
//! results, the search index keeps every script.

/// Latin Extended-A (U+0100..U+017F), one folded ASCII letter per code point; `.` where
/// the character has no one-letter folding (handled by [`fold_char`]'s explicit arms or
/// kept as it is).
const LATIN_EXT_A: &str = concat!(
    "aaaaaaccccccccdd", // U+0100
    "ddeeeeeeeeeegggg", // U+0110
    "gggghhhhiiiiiiii", // U+0120
    "ii..jjkkklllllll", // U+0130
    "lllnnnnnnnnnoooo", // U+0140
    "oo..rrrrrrssssss", // U+0150
    "ssttttttuuuuuuuu", // U+0160
    "uuuuwwyyyzzzzzzs", // U+0170
);

/// The folded form of one lowercase character, or `None` when it folds to itself.
///
/// ```
/// use broadsheet_article::fold::fold_char;
/// assert_eq!(fold_char('é'), Some("e"));
/// assert_eq!(fold_char('ß'), Some("ss"));
/// assert_eq!(fold_char('ά'), Some("α"));
/// assert_eq!(fold_char('x'), None);
/// ```
pub fn fold_char(c: char) -> Option<&'static str> {
    let code = c as u32;
    let mapped = match c {
        'æ' => "ae",
        'œ' => "oe",
        'ĳ' => "ij",
        'ß' => "ss",
        'þ' => "th",
        'ð' => "d",
        'ø' => "o",
        'ç' => "c",
        'ñ' => "n",
        'à'..='å' => "a",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ò'..='ö' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'ș' | 'ş' => "s",
        'ț' | 'ţ' => "t",
        'ơ' => "o",
        'ư' => "u",
        'ǎ' => "a",
        'ǐ' => "i",
        'ǒ' => "o",
        'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => "u",
        // Greek tonos and dialytika, final sigma.
        'ά' => "α",
        'έ' => "ε",
        'ή' => "η",
        'ί' | 'ϊ' | 'ΐ' => "ι",
        'ό' => "ο",
        'ύ' | 'ϋ' | 'ΰ' => "υ",
        'ώ' => "ω",
        'ς' => "σ",
        // Cyrillic yo.
        'ё' => "е",
        // Arabic: alef forms, alef maksura, teh marbuta.
        'أ' | 'إ' | 'آ' | 'ٱ' => "ا",
        'ى' => "ي",
        'ة' => "ه",
        _ if (0x100..0x180).contains(&code) => {
            let i = (code - 0x100) as usize;
            return Some(&LATIN_EXT_A[i..=i]).filter(|s| *s != ".");
        }
        // Vietnamese: Latin Extended Additional, by base letter ranges.
        _ if (0x1EA0..=0x1EF9).contains(&code) => match code {
            0x1EA0..=0x1EB7 => "a",
            0x1EB8..=0x1EC7 => "e",
            0x1EC8..=0x1ECB => "i",
            0x1ECC..=0x1EE3 => "o",
            0x1EE4..=0x1EF1 => "u",
            _ => "y",
        },
        _ => return None,
    };
    Some(mapped)
}
