use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

use super::*;
use crate::model::Article;

#[test]
fn numbers_read_as_the_standard_parser_reads_them_or_are_left_to_serde() {
    let read = |s: &str| number(&Value::Plain(s.into()));
    for s in [
        "0.73",
        "51",
        "-3.5",
        "0",
        "-0",
        "123456.789",
        "9007199254740992",
        "0.1",
    ] {
        assert_eq!(
            read(s).map(f64::to_bits),
            s.parse::<f64>().ok().map(f64::to_bits),
            "{s}"
        );
    }
    // Beyond the fast path: serde reads them.
    for s in [
        "9007199254740993",
        "0.12345678901234567890123",
        "1e5",
        "1.",
        ".5",
        "01.5",
    ] {
        assert_eq!(read(s), None, "{s}");
    }
}

proptest! {
    #[test]
    fn any_decimal_is_exact_or_declined(whole in "-?[0-9]{1,18}", fraction in "[0-9]{0,24}") {
        let s = if fraction.is_empty() { whole } else { format!("{whole}.{fraction}") };
        if let Some(v) = number(&Value::Plain(s.clone())) {
            prop_assert_eq!(v.to_bits(), s.parse::<f64>().unwrap().to_bits(), "{}", s);
        }
    }
}

/// What serde_yaml reads, for comparison.
fn serde(fm: &str) -> Option<RawFrontMatter> {
    serde_yaml::from_str(fm).ok()
}

/// Either `parse` declines, or it agrees with serde_yaml exactly; and so does the
/// validated article (or error) the app reads without serde_yaml.
fn agrees(fm: &str) -> bool {
    match parse(fm) {
        None => true,
        Some(fast) => {
            serde(fm).as_ref() == Some(&fast)
                && Article::from_raw(fast, fm, "id") == crate::frontmatter::serde::read(fm, "id")
        }
    }
}

const SEED: &str = "title: EU-Parlament billigt strengere Meldepflichten für Krypto\ndescription: 'Anbieter müssen ab 2027 melden. Branchenverbände kritisieren den ''Aufwand''.'\npublishedAt: '2026-10-02T09:30:00.000Z'\nupdatedAt: '2026-10-02T09:30:00.000Z'\nlang: de\nexternalId: '58120026'\nsource:\n  name: Handelsblick\n  key: handelsblick\n  type: RSS\ncategory: REGULATION\ntags:\n  - POLICY\n  - EUROPE\n  - EXCHANGES\nstickyWeight: 0\nsentiment: NEUTRAL\nscore: 51\ndraft: false\ncoverImage:\n  raw: 'covers/krypto-steuer/full.jpg'\n  full: 'covers/krypto-steuer/full.jpg'\n  regular: 'covers/krypto-steuer/regular.jpg'\n  small: 'covers/krypto-steuer/small.jpg'\n  thumb: 'covers/krypto-steuer/thumb.jpg'\nai:\n  rewritten: true\n  expandedAt: '2026-10-02T10:15:00.000Z'\n  version: 1\n";

#[test]
fn reads_the_seed_shape_like_serde() {
    let fast = parse(SEED).expect("the seed shape is read");
    assert_eq!(Some(fast.clone()), serde(SEED));
    assert_eq!(
        fast.description.as_deref(),
        Some("Anbieter müssen ab 2027 melden. Branchenverbände kritisieren den 'Aufwand'.")
    );
    assert_eq!(fast.tags.map(|t| t.len()), Some(3));
    assert_eq!(fast.score, Some(51.0));
    assert_eq!(fast.ai.and_then(|a| a.version), Some(Scalar("1".into())));
}

#[test]
fn table_of_accepted_shapes() {
    let cases = [
        "title: x\ntags:\n- A\n- B\nlang: en\n",
        "title: \"double quoted\"\n",
        "title: x\nexternalId: 42\nscore: -1.5\nstickyWeight: -3\n",
        "title: x\n\nsource:\n    name: Four spaces\n    key: k\n\ndraft: true\n",
        "title: x\nunknown: value\nsource:\n  name: Wire\n  other: 'ignored'\n",
        "title: Ünïcödé ✓ 📰\n",
        "title: a - b, c\n",
        "title: ''\n",
        "title: x\r\nlang: de\r\n",
    ];
    for fm in cases {
        let fast = parse(fm).unwrap_or_else(|| panic!("declined {fm:?}"));
        assert_eq!(Some(fast), serde(fm), "{fm:?}");
    }
}

#[test]
fn table_of_declined_shapes() {
    let cases = [
        ("comment", "title: x # note\n"),
        ("comment line", "# note\ntitle: x\n"),
        ("flow list", "title: x\ntags: [A, B]\n"),
        ("multi-line plain", "title: one\n  two\n"),
        ("multi-line quoted", "title: 'one\n  two'\n"),
        ("escape", "title: \"a\\tb\"\n"),
        ("block scalar", "description: |\n  text\n"),
        ("anchor", "title: &a x\n"),
        ("tag", "title: !!str x\n"),
        ("null word", "description: null\n"),
        ("tilde", "description: ~\n"),
        ("bool word", "title: yes\n"),
        ("plain number as text", "title: 2026\n"),
        ("plain date", "publishedAt: 2026-10-02T09:30:00Z\n"),
        ("leading zero", "externalId: 007\n"),
        ("quoted number field", "score: '5'\n"),
        ("exponent", "score: 1e3\n"),
        ("duplicate key", "title: a\ntitle: b\n"),
        ("duplicate nested key", "source:\n  name: a\n  name: b\n"),
        ("tab", "title:\tx\n"),
        ("lone carriage return", "title: x\ry\n"),
        ("uneven block", "source:\n  name: a\n   key: b\n"),
        ("empty block", "source:\ntitle: x\n"),
        ("indented top", "  title: x\n"),
        ("quoted key", "'title': x\n"),
        ("mapping in value", "title: a: b\n"),
        ("text after quote", "title: 'a' b\n"),
        ("nested list", "tags:\n  - - A\n"),
        ("control char", "title: a\u{7}b\n"),
        ("byte order mark", "title: a\u{feff}\n"),
        ("not a mapping", "- a\n"),
    ];
    for (name, fm) in cases {
        assert!(
            parse(fm).is_none(),
            "{name}: {fm:?} should be left to serde"
        );
    }
}

/// Characters YAML treats specially, spaces, reserved words and odd numbers.
const PIECES: &[&str] = &[
    " ", "  ", "\n", ":", ": ", "-", "- ", "'", "''", "\"", "#", " #", "[", "]", "{", "}", ",",
    "&", "*", "!", "|", ">", "%", "@", "`", "?", "~", "null", "true", "no", "0", "007", "1.5",
    ".5", "1e3", "-", "\\", "\t", "é", "\u{a0}", "\u{2028}", "x",
];

/// One small edit at a position chosen relative to the text's length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, &'static str),
    /// Removes one to three characters.
    Remove(Index, usize),
}

/// A line of the seed removed (`true`) or repeated elsewhere (`false`).
type LineEdit = Option<(Index, bool, Index)>;

/// The seed with a third of the time one line removed or repeated, then one to four
/// small edits: what a hand-edited or badly generated file looks like.
fn mutant() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        1 => (any::<Index>(), any::<bool>(), any::<Index>()).prop_map(Some),
        2 => Just(None),
    ];
    let edit = prop_oneof![
        3 => (any::<Index>(), proptest::sample::select(PIECES)).prop_map(|(i, p)| Edit::Insert(i, p)),
        1 => (any::<Index>(), 1..=3usize).prop_map(|(i, n)| Edit::Remove(i, n)),
    ];
    (line, proptest::collection::vec(edit, 1..=4)).prop_map(|(line, edits)| apply(line, &edits))
}

fn apply(line: LineEdit, edits: &[Edit]) -> String {
    let lines: Vec<&str> = SEED.lines().collect();
    let mut text = match line {
        Some((which, remove, to)) => {
            let mut l = lines.clone();
            let i = which.index(l.len());
            if remove {
                l.remove(i);
            } else {
                l.insert(to.index(l.len()), lines[i]);
            }
            l.join("\n") + "\n"
        }
        None => SEED.to_string(),
    };
    for edit in edits {
        let (Edit::Insert(at, _) | Edit::Remove(at, _)) = edit;
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match edit {
            Edit::Remove(_, n) => {
                let mut end = (at + n).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            }
            Edit::Insert(_, piece) => text.insert_str(at, piece),
        }
    }
    text
}

/// Thousands of small edits of the seed: whenever the fast reader accepts one,
/// serde_yaml must read the very same value.
#[test]
fn mutated_front_matter_is_read_like_serde_or_declined() {
    let config = Config {
        cases: 20_000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let (accepted, total) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    let result = runner.run(&mutant(), |text| {
        total.set(total.get() + 1);
        if parse(&text).is_some() {
            accepted.set(accepted.get() + 1);
        }
        prop_assert!(agrees(&text), "differs from serde_yaml on:\n{}", text);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The check is only worth something if many mutants are still read fast.
    let (accepted, total) = (accepted.get(), total.get());
    assert!(accepted > total / 5, "{accepted} of {total} accepted");
}
