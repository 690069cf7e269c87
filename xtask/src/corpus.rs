//! `cargo xtask gen-corpus --count N --seed S --out DIR`: deterministic synthetic articles
//! in the seed schema, for benchmarks and scale tests.

use std::path::{Path, PathBuf};

use crate::flags::{Args, Flag, Task};
use crate::out_files::write_if_changed;
use crate::util::Result;

/// `cargo xtask gen-corpus`.
pub const TASK: Task = Task {
    name: "gen-corpus",
    summary: "Deterministic synthetic articles in the seed schema.",
    about: "Same count and seed, same files, on any machine: for benchmarks and scale tests.",
    flags: &[
        Flag::value("--count", "N", "how many articles (default: 1000)"),
        Flag::value("--seed", "S", "the generator's seed (default: 1)"),
        Flag::value(
            "--out",
            "DIR",
            "the folder to write gen-NNNNNN.md into (required)",
        ),
    ],
    run,
};

/// A small deterministic generator (SplitMix64): same seed, same corpus, any machine.
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TAGS: [&str; 16] = [
    "BITCOIN",
    "ETHEREUM",
    "DEFI",
    "STABLECOINS",
    "POLICY",
    "SECURITY",
    "ENERGY",
    "MINING",
    "EUROPE",
    "ASIA",
    "LATIN AMERICA",
    "MIDDLE EAST",
    "ARTIFICIAL INTELLIGENCE",
    "EXCHANGES",
    "CBDC",
    "NFT",
];
const CATEGORIES: [&str; 8] = [
    "TECHNOLOGY",
    "MARKETS",
    "REGULATION",
    "SCIENCE",
    "CLIMATE",
    "CULTURE",
    "SECURITY",
    "OTHER",
];
const SOURCES: [(&str, &str); 6] = [
    ("The Ledger Post", "ledger-post"),
    ("Meridian Wire", "meridian-wire"),
    ("Circuit Daily", "circuit-daily"),
    ("Blocktide", "blocktide"),
    ("Noticias Cadena", "noticias-cadena"),
    ("Al Mizan Digital", "al-mizan-digital"),
];
const SENTIMENTS: [&str; 3] = ["POSITIVE", "NEUTRAL", "NEGATIVE"];
const WORDS: [&str; 24] = [
    "market",
    "regulators",
    "network",
    "validators",
    "liquidity",
    "energy",
    "grid",
    "token",
    "exchange",
    "report",
    "analysts",
    "protocol",
    "custody",
    "settlement",
    "miners",
    "policy",
    "treasury",
    "index",
    "volatility",
    "upgrade",
    "audit",
    "bridge",
    "reserve",
    "yield",
];
const LANGS: [&str; 5] = ["en", "en", "en", "es", "ar"];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(14);
    let mut s: Vec<&str> = (0..n).map(|_| rng.pick(&WORDS)).collect();
    let first = s[0].to_string();
    let cap = first[..1].to_uppercase() + &first[1..];
    s[0] = "";
    format!("{cap}{}.", s.join(" "))
}

/// One article's file text.
pub fn article(rng: &mut Rng, i: usize) -> String {
    let day = 1 + (i * 7 + rng.below(5)) % 900;
    let published = broadsheet_core::date::to_rfc3339(
        1_700_000_000_000 + day as i64 * 86_400_000 + rng.below(86_400) as i64 * 1000,
    );
    let (source, key) = SOURCES[rng.below(SOURCES.len())];
    let mut tags: Vec<&str> = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let t = rng.pick(&TAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let title: String = (0..4 + rng.below(9))
        .map(|_| rng.pick(&WORDS))
        .collect::<Vec<_>>()
        .join(" ");
    let cover = if rng.below(5) == 0 {
        String::new()
    } else {
        let c = rng.below(1000);
        format!("coverImage:\n  raw: 'https://images.example.com/{c}/raw.jpg'\n  full: 'https://images.example.com/{c}/full.jpg'\n  regular: 'https://images.example.com/{c}/regular.jpg'\n  small: 'https://images.example.com/{c}/small.jpg'\n  thumb: 'https://images.example.com/{c}/thumb.jpg'\n")
    };
    let mut body = String::new();
    for section in 0..2 + rng.below(5) {
        body.push_str(&format!("## Section {section}: {}\n\n", rng.pick(&WORDS)));
        for _ in 0..1 + rng.below(4) {
            let para: Vec<String> = (0..3 + rng.below(5)).map(|_| sentence(rng)).collect();
            body.push_str(&para.join(" "));
            body.push_str("\n\n");
        }
    }
    body.push_str("## Impact on the crypto market\n\n");
    for _ in 0..3 {
        body.push_str(&format!("- {}\n", sentence(rng)));
    }
    format!(
        "---\ntitle: '{t}'\ndescription: '{d}'\npublishedAt: '{published}'\nupdatedAt: '{published}'\nlang: {lang}\nexternalId: '{id}'\nsource:\n  name: {source}\n  key: {key}\n  type: RSS\ncategory: {cat}\ntags:\n{tags}stickyWeight: 0\nsentiment: {sent}\nscore: {score}\ndraft: false\n{cover}ai:\n  rewritten: {ai}\n  expandedAt: '{published}'\n  version: 1\n---\n{body}",
        t = title[..1].to_uppercase() + &title[1..],
        d = sentence(rng),
        lang = rng.pick(&LANGS),
        id = 90_000_000 + i,
        cat = rng.pick(&CATEGORIES),
        tags = tags.iter().map(|t| format!("  - {t}\n")).collect::<String>(),
        sent = rng.pick(&SENTIMENTS),
        score = rng.below(100),
        ai = rng.below(2) == 0,
    )
}

/// Writes `count` articles into `out`.
pub fn generate(count: usize, seed: u64, out: &Path) -> Result {
    let mut rng = Rng::new(seed);
    for i in 0..count {
        write_if_changed(&out.join(file_name(i)), article(&mut rng, i).as_bytes())?;
    }
    Ok(())
}

/// The article `generate(count, seed, …)` writes as `gen-<i>.md` for any `count > i`,
/// without writing the others: the "one more article" of the publishing bench.
pub fn article_at(seed: u64, i: usize) -> String {
    let mut rng = Rng::new(seed);
    for j in 0..i {
        article(&mut rng, j);
    }
    article(&mut rng, i)
}

/// The file name `generate` gives article `i`.
pub fn file_name(i: usize) -> String {
    format!("gen-{i:06}.md")
}

/// `cargo xtask gen-corpus --count N --seed S --out DIR`.
fn run(args: &Args) -> Result {
    let count: usize = args.parsed_or("--count", 1000)?;
    let seed: u64 = args.parsed_or("--seed", 1)?;
    let out = args
        .value("--out")
        .map(PathBuf::from)
        .ok_or("--out DIR is required")?;
    generate(count, seed, &out)?;
    eprintln!(
        "gen-corpus: wrote {count} articles (seed {seed}) to {}",
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_valid() {
        let a: Vec<String> = {
            let mut r = Rng::new(7);
            (0..50).map(|i| article(&mut r, i)).collect()
        };
        let b: Vec<String> = {
            let mut r = Rng::new(7);
            (0..50).map(|i| article(&mut r, i)).collect()
        };
        assert_eq!(a, b);
        assert_eq!(article_at(7, 49), a[49]);
        let files = a
            .into_iter()
            .enumerate()
            .map(|(i, t)| (format!("gen-{i}.md"), t.into_bytes()));
        let bundle = broadsheet_core::bundle::build(files);
        assert!(
            bundle.meta.rejected.is_empty(),
            "{:?}",
            bundle.meta.rejected
        );
        assert_eq!(bundle.entries.len(), 50);
    }
}
