//! Built indexes queried end to end: ranking, prefixes, shard selection and the files'
//! compact JSON.

use std::collections::HashMap;

use crate::search::format::{shard_name, Manifest, Shard};
use crate::search::index::{build_index, DocText, MAX_BUCKETS, MIN_BUCKETS};

struct Doc {
    slug: &'static str,
    t: i64,
    title: &'static str,
    description: &'static str,
    tags: Vec<String>,
    body: &'static str,
}

fn doc(slug: &'static str, t: i64, title: &'static str, body: &'static str) -> Doc {
    Doc {
        slug,
        t,
        title,
        description: "",
        tags: Vec::new(),
        body,
    }
}

fn index(docs: &[Doc]) -> (Manifest, HashMap<String, Shard>) {
    let built = build_index(docs.iter().map(|d| DocText {
        slug: d.slug,
        published_at: d.t,
        title: d.title,
        description: d.description,
        tags: &d.tags,
        category: "",
        source: "Wire",
        body: d.body,
    }));
    (built.manifest, built.shards.into_iter().collect())
}

fn slugs(m: &Manifest, shards: &HashMap<String, Shard>, q: &str) -> Vec<String> {
    m.search(q, shards).into_iter().map(|h| h.slug).collect()
}

const DAY: i64 = 86_400_000;

fn corpus() -> Vec<Doc> {
    vec![
        doc(
            "body-solar",
            10 * DAY,
            "Grid news",
            "solar solar solar solar solar solar solar solar solar solar solar solar solar solar",
        ),
        doc("title-solar", DAY, "Solar record", "Nothing else here."),
        doc("old-wind", DAY, "Wind farms", "Turbines and wind."),
        doc("new-wind", 5 * DAY, "Wind farms", "Turbines and wind."),
        Doc {
            tags: vec!["ENERGY".into()],
            description: "La energía del río",
            ..doc(
                "es",
                2 * DAY,
                "Sequía en Paraguay",
                "La generación hidroeléctrica.",
            )
        },
        doc(
            "ar",
            3 * DAY,
            "تحذير أمني",
            "حملة تصيد تستهدف مستخدمي المحافظ الرقمية",
        ),
    ]
}

#[test]
fn ranking_table() {
    let (m, shards) = index(&corpus());
    let cases: &[(&str, &[&str])] = &[
        // A title hit beats a body full of the word, even when the body is newer.
        ("solar", &["title-solar", "body-solar"]),
        // Same relevance: the newer article first.
        ("wind farms", &["new-wind", "old-wind"]),
        ("turbines", &["new-wind", "old-wind"]),
        // All words must match.
        ("solar wind", &[]),
        ("solar record", &["title-solar"]),
        // Folding both ways.
        ("energia", &["es"]),
        ("ENERGÍA", &["es"]),
        ("sequia paraguay", &["es"]),
        ("hidroelectrica", &["es"]),
        // Tags are searchable.
        ("energy", &["es"]),
        // Arabic, with and without hamza and harakat.
        ("امني", &["ar"]),
        ("أَمْنِي", &["ar"]),
        ("المحافظ", &["ar"]),
        // Nothing searchable.
        ("", &[]),
        ("a", &[]),
        ("zzz", &[]),
    ];
    for (q, want) in cases {
        assert_eq!(slugs(&m, &shards, q), *want, "{q:?}");
    }
}

#[test]
fn prefix_matching_table() {
    let (m, shards) = index(&corpus());
    let cases: &[(&str, &[&str])] = &[
        // The last word is a prefix while typing.
        ("sol", &["title-solar", "body-solar"]),
        ("turb", &["new-wind", "old-wind"]),
        ("ener", &["es"]),
        ("wind fa", &["new-wind", "old-wind"]),
        // Earlier words are not prefixes.
        ("wi farms", &[]),
        // A finished word (trailing space) is not a prefix.
        ("sol ", &[]),
        // Arabic prefix, past the article.
        ("المحا", &["ar"]),
    ];
    for (q, want) in cases {
        assert_eq!(slugs(&m, &shards, q), *want, "{q:?}");
    }
    // An exact match outranks a prefix-only match of the same weight.
    let (m, shards) = index(&[
        doc("exact", DAY, "Mine", ""),
        doc("longer", 2 * DAY, "Miners", ""),
    ]);
    assert_eq!(slugs(&m, &shards, "mine"), ["exact", "longer"]);
    let hits = m.search("mine", &shards);
    assert_eq!(hits[1].terms, ["miners"]);
}

#[test]
fn hits_carry_matched_terms() {
    let (m, shards) = index(&corpus());
    let hits = m.search("Wind tur", &shards);
    assert_eq!(hits[0].terms, ["turbines", "wind"]);
    let hits = m.search("energía", &shards);
    assert_eq!(hits[0].terms, ["energia"]);
}

#[test]
fn shard_selection() {
    let (m, shards) = index(&corpus());
    assert!(m.shards.len() >= 2, "{:?}", m.shards);
    assert_eq!(m.shards.len(), shards.len());
    let cases: &[(&str, usize)] = &[
        ("", 0),
        ("a", 0),
        ("solar", 1),
        ("SOLAR Solar", 1),
        ("sol", 1),
    ];
    for (q, n) in cases {
        assert_eq!(m.shards_for(q).len(), *n, "{q:?}: {:?}", m.shards_for(q));
    }
    // A prefix and its completions always live in the same shard.
    assert_eq!(m.shards_for("so"), m.shards_for("solar"));
    assert_eq!(m.shards_for("المح"), m.shards_for("المحافظ"));
    assert_eq!(shard_name("energia", 64), shard_name("energy", 64));
    // Searching with only the listed shards gives the full answer.
    let needed: HashMap<String, Shard> = m
        .shards_for("wind turbines")
        .into_iter()
        .map(|n| (n.clone(), shards[&n].clone()))
        .collect();
    assert_eq!(
        slugs(&m, &needed, "wind turbines"),
        ["new-wind", "old-wind"]
    );
    // Every token sits in the shard its name says.
    for (name, shard) in &shards {
        for token in shard.keys() {
            assert_eq!(&shard_name(token, m.buckets), name, "{token}");
        }
    }
}

#[test]
fn shard_count_grows_with_the_corpus() {
    let (small, _) = index(&corpus());
    assert_eq!(small.buckets, MIN_BUCKETS);
    let words: Vec<String> = (0..20_000).map(|i| format!("w{i:05}x")).collect();
    let body = words.join(" ");
    let big = build_index([DocText {
        slug: "big",
        body: &body,
        ..DocText::default()
    }]);
    assert!(big.manifest.buckets > MIN_BUCKETS && big.manifest.buckets <= MAX_BUCKETS);
}

#[test]
fn manifest_and_shards_are_compact_json() {
    let built = build_index(corpus().iter().map(|d| DocText {
        slug: d.slug,
        published_at: d.t,
        title: d.title,
        body: d.body,
        ..DocText::default()
    }));
    let m = serde_json::to_string(&built.manifest).unwrap();
    assert!(
        m.starts_with("{\"v\":1,\"b\":16,\"d\":[{\"s\":\"body-solar\",\"t\":864000000}"),
        "{m}"
    );
    let again: Manifest = serde_json::from_str(&m).unwrap();
    assert_eq!(again, built.manifest);
    let (_, shard) = &built.shards[0];
    let text = serde_json::to_string(shard).unwrap();
    assert!(!text.contains(' '), "{text}");
}

#[test]
fn manifest_and_shards_read_back_without_serde_json() {
    let built = build_index(corpus().iter().map(|d| DocText {
        slug: d.slug,
        published_at: d.t - 2_000_000_000_000,
        title: d.title,
        body: d.body,
        ..DocText::default()
    }));
    let m = serde_json::to_string(&built.manifest).unwrap();
    assert_eq!(Manifest::from_json(&m), Ok(built.manifest.clone()));
    assert!(!built.shards.is_empty());
    for (name, shard) in &built.shards {
        let text = serde_json::to_string(shard).unwrap();
        assert_eq!(super::shard_from_json(&text).as_ref(), Ok(shard), "{name}");
    }
}
