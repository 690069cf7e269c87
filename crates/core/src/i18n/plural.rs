//! Plural categories from rules written as data, so a language's table brings its own
//! rules and adding a language adds no code.
//!
//! A rule set is a `;`-separated list of `category: condition`, tried in order; a count
//! no condition matches is `other`. Conditions are the integer part of CLDR's plural
//! rule syntax (the UI only counts whole things): the operand `n`, optionally `n % m`,
//! compared with `=` or `!=` against a list of values and ranges, joined by `and` (which
//! binds tighter) and `or`. Arabic, for example:
//!
//! ```text
//! zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99
//! ```
//!
//! A rule set that does not parse counts everything as `other`; the table test rejects
//! such a table before it ships.

/// The plural category of `n` under `rules` (`"one"`, `"few"`, … or `"other"`).
///
/// ```
/// use broadsheet_core::i18n::plural_category;
/// assert_eq!(plural_category("one: n = 1", 1), "one");
/// assert_eq!(plural_category("one: n = 1", 21), "other");
/// let ar = "zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99";
/// assert_eq!(plural_category(ar, 103), "few");
/// assert_eq!(plural_category(ar, 111), "many");
/// assert_eq!(plural_category(ar, 100), "other");
/// ```
pub fn plural_category(rules: &str, n: u64) -> &str {
    for rule in rules.split(';') {
        let Some((category, condition)) = rule.split_once(':') else {
            continue;
        };
        if matches(condition, n) == Some(true) {
            return category.trim();
        }
    }
    "other"
}

/// Whether every rule in `rules` parses (for the table check).
pub fn rules_parse(rules: &str) -> bool {
    rules
        .split(';')
        .filter(|r| !r.trim().is_empty())
        .all(|rule| {
            rule.split_once(':')
                .is_some_and(|(cat, cond)| !cat.trim().is_empty() && matches(cond, 0).is_some())
        })
}

/// Whether `n` meets `condition`; `None` when it does not parse.
fn matches(condition: &str, n: u64) -> Option<bool> {
    let mut any = false;
    for alternative in condition.split(" or ") {
        let mut all = true;
        for relation in alternative.split(" and ") {
            all &= relation_holds(relation, n)?;
        }
        any |= all;
    }
    Some(any)
}

/// One `n [% m] (=|!=) list` relation.
fn relation_holds(relation: &str, n: u64) -> Option<bool> {
    let (lhs, rhs, negated) = match relation.split_once("!=") {
        Some((l, r)) => (l, r, true),
        None => {
            let (l, r) = relation.split_once('=')?;
            (l, r, false)
        }
    };
    let value = match lhs.trim().split_once('%') {
        Some((operand, modulus)) => {
            (operand.trim() == "n").then_some(())?;
            let m: u64 = modulus.trim().parse().ok()?;
            n.checked_rem(m)?
        }
        None => {
            (lhs.trim() == "n").then_some(())?;
            n
        }
    };
    let mut found = false;
    for item in rhs.split(',') {
        let (lo, hi) = match item.trim().split_once("..") {
            Some((lo, hi)) => (
                lo.trim().parse::<u64>().ok()?,
                hi.trim().parse::<u64>().ok()?,
            ),
            None => {
                let v = item.trim().parse::<u64>().ok()?;
                (v, v)
            }
        };
        found |= (lo..=hi).contains(&value);
    }
    Some(found != negated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        let ru = "one: n % 10 = 1 and n % 100 != 11; few: n % 10 = 2..4 and n % 100 != 12..14; many: n % 10 = 0 or n % 10 = 5..9 or n % 100 = 11..14";
        let cases: &[(&str, u64, &str)] = &[
            ("", 1, "other"),
            ("one: n = 1", 0, "other"),
            ("one: n = 1", 1, "one"),
            ("one: n = 0,1", 0, "one"),
            (ru, 1, "one"),
            (ru, 11, "many"),
            (ru, 21, "one"),
            (ru, 22, "few"),
            (ru, 12, "many"),
            (ru, 25, "many"),
            ("one: n % 0 = 1", 1, "other"),
        ];
        for (rules, n, want) in cases {
            assert_eq!(plural_category(rules, *n), *want, "{rules} {n}");
        }
    }

    #[test]
    fn bad_rules_are_found() {
        assert!(rules_parse(""));
        assert!(rules_parse("one: n = 1"));
        assert!(rules_parse("one: n = 1; few: n % 100 = 3..10"));
        assert!(!rules_parse("one n = 1"));
        assert!(!rules_parse("one: i = 1"));
        assert!(!rules_parse("one: n = x"));
        assert!(!rules_parse(": n = 1"));
    }
}
