//! Counting words for reading time, fast: it was half of rendering's time.

/// How many words `text` has, exactly as `text.split_whitespace().count()` counts them.
/// That decodes every character, and counting was half of `render`'s time (profiled
/// natively), so ASCII runs, most of any article, are counted eight bytes at a time: a
/// word starts wherever a non-space follows a space (or the start). Only the non-ASCII
/// characters between those runs (curly quotes, dashes, accents) are decoded, one by one.
pub(crate) fn count_words(text: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let ones = |b: u8| u64::from_ne_bytes([b; 8]);
    // Bit 7 of each byte set where that byte is ASCII whitespace as `char::is_whitespace`
    // sees it: space, or tab to carriage return (9..=13). Exact for bytes below 0x80
    // (no carry or borrow crosses a byte).
    let spaces = |v: u64| {
        let x = v ^ ones(b' ');
        let is_blank = !(((x & LOW7) + LOW7) | x) & HIGH;
        let raised = v | HIGH;
        let is_control_space = raised.wrapping_sub(ones(9)) & !raised.wrapping_sub(ones(14)) & HIGH;
        is_blank | is_control_space
    };
    let bytes = text.as_bytes();
    let mut words = 0;
    // Bit 7 set if the character before `i` was a space: the text starts after one.
    let mut before = 0x80u64;
    let mut i = 0;
    while i < bytes.len() {
        let mut chunk = [b' '; 8];
        let n = (bytes.len() - i).min(8);
        chunk[..n].copy_from_slice(&bytes[i..i + n]);
        let v = u64::from_le_bytes(chunk);
        if v & HIGH == 0 {
            // A short last chunk is padded with spaces, which start no word.
            let s = spaces(v);
            let shifted = (s << 8) | before;
            words += (!s & shifted & HIGH).count_ones() as usize;
            before = s >> 56;
            i += n;
            continue;
        }
        // One character: an ASCII byte, or a whole multi-byte character. `i` is always
        // on a character boundary, since chunks are taken only when all ASCII.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let space = if c.is_whitespace() { 0x80 } else { 0 };
        if space == 0 && before != 0 {
            words += 1;
        }
        before = space;
        i += c.len_utf8();
    }
    words
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    fn same(t: &str) {
        assert_eq!(count_words(t), t.split_whitespace().count(), "{t:?}");
    }

    /// Every whitespace character, ASCII, and characters sharing a first byte with
    /// whitespace.
    fn alphabet() -> Vec<char> {
        let mut alphabet: Vec<char> = (0..=0x3000u32)
            .chain(0x1_F600..0x1_F610)
            .filter_map(char::from_u32)
            .filter(|c| {
                let mut b = [0; 4];
                let first = c.encode_utf8(&mut b).as_bytes()[0];
                c.is_whitespace() || c.is_ascii() || matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3)
            })
            .collect();
        alphabet.extend(['é', '字', '\u{2060}', '\u{200B}']);
        alphabet
    }

    #[test]
    fn words_are_counted_like_split_whitespace() {
        for c in &alphabet() {
            same(&c.to_string());
            same(&format!("x{c}y {c} z{c}"));
        }
        // ASCII, counted eight bytes at a time: every pair of ASCII bytes at every offset
        // around a chunk boundary.
        for a in 0..128u8 {
            for b in 0..128u8 {
                for at in [0, 6, 7, 8, 15] {
                    let mut v = vec![b'x'; 17];
                    v[at] = a;
                    v[at + 1] = b;
                    same(&String::from_utf8(v).unwrap_or_default());
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        /// Random strings over that alphabet.
        #[test]
        fn any_text_over_the_alphabet(s in proptest::collection::vec(select(alphabet()), 0..24)) {
            same(&s.into_iter().collect::<String>());
        }

        /// ASCII runs long enough to be counted eight bytes at a time, between non-ASCII
        /// characters at every offset.
        #[test]
        fn ascii_runs_between_other_characters(s in proptest::collection::vec(
            prop_oneof![1 => select(alphabet()), 1 => Just(' '), 2 => Just('a')],
            0..61,
        )) {
            same(&s.into_iter().collect::<String>());
        }

        /// ASCII text of every length up to 40, half of it whitespace so that words of
        /// every length occur.
        #[test]
        fn ascii_text_half_whitespace(s in proptest::collection::vec(
            prop_oneof![
                select(vec![' ', '\t', '\n', '\x0B', '\x0C', '\r']),
                (0u8..128).prop_map(char::from),
            ],
            0..41,
        )) {
            same(&s.into_iter().collect::<String>());
        }
    }
}
