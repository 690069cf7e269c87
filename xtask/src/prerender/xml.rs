//! Text made safe for XML 1.0: everything a feed writes goes through [`text`].
//!
//! XML 1.0 allows tab, line feed, carriage return and the characters from U+0020 on,
//! except the surrogates (which a Rust string cannot hold) and U+FFFE/U+FFFF. Any other
//! character (the C0 controls, say, which an article's front-matter may carry) makes the
//! whole document malformed, and a strict reader rejects the feed, so it is dropped.

use std::borrow::Cow;

use broadsheet_core::markdown::escape_html;

/// True for a character XML 1.0 allows in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` without the characters XML 1.0 forbids (borrowed when it has none).
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// `s` as XML element content or a double-quoted attribute value: forbidden characters
/// dropped, then `&`, `<`, `>`, `"` and `'` escaped.
pub fn text(s: &str) -> String {
    escape_html(&clean(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_the_rest_escaped() {
        assert_eq!(text("a\u{0}b\u{1}c\u{8}\u{b}\u{c}\u{1f}d"), "abcd");
        assert_eq!(text("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
        assert_eq!(text("\u{fffe}\u{ffff}x\u{fffd}"), "x\u{fffd}");
        assert_eq!(
            text("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(text("😀 é \u{7f} \u{85}"), "😀 é \u{7f} \u{85}");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_char_below_space_but_three_is_forbidden() {
        for c in (0u8..0x20).map(char::from) {
            assert_eq!(
                is_xml_char(c),
                matches!(c, '\t' | '\n' | '\r'),
                "{:#x}",
                c as u32
            );
        }
    }
}
