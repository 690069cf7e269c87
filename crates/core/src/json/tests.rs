use proptest::prelude::*;

use super::*;

fn string(text: &str) -> Result<String, JsonError> {
    read_json(text, JsonReader::string)
}

#[test]
fn strings_read_as_serde_json_reads_them() {
    for text in [
        r#""""#,
        r#""plain""#,
        r#""a\"b\\c\/d\b\f\n\r\t""#,
        r#""\u00e9\u4e2d\ud83d\ude00 mixed é 中 😀""#,
        r#""tail escape\n""#,
    ] {
        let ours = string(text).unwrap();
        let theirs: String = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs, "{text}");
    }
}

#[test]
fn bad_strings_are_errors() {
    for text in [
        r#""open"#,
        "\"raw\ncontrol\"",
        r#""\x""#,
        r#""\u12""#,
        r#""\ud800""#,
        r#""\ud800\u0041""#,
        r#""\udc00""#,
        r#""ends in \"#,
    ] {
        assert!(string(text).is_err(), "{text}");
        assert!(serde_json::from_str::<String>(text).is_err(), "{text}");
    }
}

#[test]
fn integers_are_strict() {
    assert_eq!(read_json("0", JsonReader::u64), Ok(0));
    assert_eq!(read_json(" 42 ", JsonReader::u64), Ok(42));
    assert_eq!(
        read_json("18446744073709551615", JsonReader::u64),
        Ok(u64::MAX)
    );
    assert_eq!(
        read_json("-9223372036854775808", JsonReader::i64),
        Ok(i64::MIN)
    );
    assert_eq!(read_json("-7", JsonReader::i64), Ok(-7));
    for bad in [
        "18446744073709551616",
        "01",
        "-",
        "1.5",
        "1e3",
        "",
        "x",
        "-1",
    ] {
        assert!(read_json(bad, JsonReader::u64).is_err(), "{bad}");
    }
    assert!(read_json("4294967296", JsonReader::u32).is_err());
    assert!(read_json("9223372036854775808", JsonReader::i64).is_err());
}

/// Reads `{"a": [..ints..], "b": "..."}`, skipping other keys.
fn pair(text: &str) -> Result<(Vec<u64>, Option<String>), JsonError> {
    read_json(text, |r| {
        let (mut a, mut b) = (None, None);
        r.object(|r, key| {
            match key {
                "a" => a = Some(r.vec(JsonReader::u64)?),
                "b" => b = r.option(JsonReader::string)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok((required(a, "a")?, b))
    })
}

#[test]
fn objects_skip_unknown_fields_of_any_kind() {
    let text = r#" { "x": {"y": [1, -2.5e-3, true, false, null, {}, []]}, "a" : [1,2, 3],
        "b": null, "z": "s\"" } "#;
    assert_eq!(pair(text), Ok((vec![1, 2, 3], None)));
    assert_eq!(
        pair(r#"{"b":"t","a":[]}"#),
        Ok((vec![], Some("t".to_string())))
    );
    assert_eq!(pair(r#"{"b":"t"}"#), Err(JsonError::MissingField("a")));
}

#[test]
fn malformed_containers_are_errors() {
    for bad in [
        r#"{"a":[1,2,]}"#,
        r#"{"a":[1 2]}"#,
        r#"{"a":[1],}"#,
        r#"{a:[1]}"#,
        r#"{"a" [1]}"#,
        r#"{"a":[1]} x"#,
        r#"{"a":[1]"#,
        r#"[1]"#,
        r#"{"a":[1],"q":tru}"#,
        r#"{"a":[1],"q":-}"#,
        r#"{"a":[1],"q":1.}"#,
    ] {
        assert!(pair(bad).is_err(), "{bad}");
    }
}

#[test]
fn nesting_is_limited() {
    let deep = |n: usize| format!(r#"{{"a":[],"q":{}{}}}"#, "[".repeat(n), "]".repeat(n));
    assert!(pair(&deep(MAX_DEPTH as usize - 1)).is_ok());
    assert!(matches!(
        pair(&deep(MAX_DEPTH as usize)),
        Err(JsonError::Syntax {
            reason: "nested too deeply",
            ..
        })
    ));
    // A hostile file far deeper than the stack could take is refused, not a crash.
    assert!(pair(&deep(1_000_000)).is_err());
}

proptest! {
    #[test]
    fn any_string_round_trips(s in any::<String>()) {
        let text = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(string(&text), Ok(s));
    }

    #[test]
    fn any_integers_round_trip(v in any::<Vec<i64>>(), u in any::<u64>()) {
        let text = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(read_json(&text, |r| r.vec(JsonReader::i64)), Ok(v));
        prop_assert_eq!(read_json(&u.to_string(), JsonReader::u64), Ok(u));
    }
}

#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let all_ascii: String = (0u8..128).map(char::from).collect();
    for s in ["", "plain", "a\"b\\c/d", "é 中 😀 \u{2028}", &all_ascii] {
        let mut ours = String::new();
        write_string(&mut ours, s);
        assert_eq!(ours, serde_json::to_string(s).unwrap());
        assert_eq!(read_json(&ours, JsonReader::string).as_deref(), Ok(s));
    }
}

proptest! {
    #[test]
    fn any_string_is_written_as_serde_json_writes_it(s in any::<String>()) {
        let mut ours = String::new();
        write_string(&mut ours, &s);
        prop_assert_eq!(ours, serde_json::to_string(&s).unwrap());
    }
}

/// Any JSON value: what serde_json writes for it, compact or pretty.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_is_skipped_whole_and_any_cut_of_it_is_an_error(v in any_json(), pretty in any::<bool>(), cut in any::<prop::sample::Index>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        prop_assert_eq!(read_json(&text, JsonReader::skip), Ok(()));
        // A strict prefix of an array, object or string is never a whole value.
        if matches!(v, serde_json::Value::Array(_) | serde_json::Value::Object(_) | serde_json::Value::String(_)) {
            let ends: Vec<usize> = (0..text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let end = ends[cut.index(ends.len())];
            prop_assert!(read_json(&text[..end], JsonReader::skip).is_err(), "{}", &text[..end]);
        }
    }
}
