//! Full-text search from static files, the Pagefind way.
//!
//! At build time [`build_index`] tokenises every article (title, description, tags,
//! category, source name and the markdown body as plain text) and writes an inverted
//! index split into *shards* by token prefix: a token's shard is a hash of its first two
//! characters (three after the Arabic article `ال`), bucketed into [`Manifest::buckets`]
//! shards. The browser first fetches the small [`Manifest`] (documents and shard names),
//! then only the shards its query words need ([`Manifest::shards_for`]), and ranks the
//! documents with [`Manifest::search`].
//!
//! Tokens are lowercase and diacritic-folded (`Energía` and `energia` are one token;
//! Arabic harakat and tatweel are dropped, alef forms unified), split on anything that is
//! not a letter or digit in any script; Han and kana characters are one token each.
//!
//! Ranking: every query word must match (AND). A word scores the field-weighted count of
//! its best-matching token times that token's rarity (IDF); a title hit outweighs any
//! amount of body text ([`TITLE`] > [`BODY_CAP`] × [`BODY`]). The last word of a query
//! also matches as a prefix (search as you type), a little below an exact match. Newer
//! articles get a bounded boost, and exact ties go to the newer article.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};
use serde::{Deserialize, Serialize};

use crate::model::Article;

/// Bumped whenever the index layout changes.
pub const SEARCH_VERSION: u32 = 1;
/// Folder of the search index, relative to the site root.
pub const SEARCH_DIR: &str = "data/search";
/// Path of the manifest, relative to the site root.
pub const MANIFEST_PATH: &str = "data/search/manifest.json";

/// Weight of one title occurrence.
pub const TITLE: u32 = 24;
/// Weight of one tag or description occurrence.
pub const TAGS: u32 = 8;
/// Weight of a description occurrence.
pub const DESCRIPTION: u32 = 6;
/// Weight of a source-name or category occurrence.
pub const SOURCE: u32 = 3;
/// Weight of one body occurrence.
pub const BODY: u32 = 1;
/// Body occurrences counted at most (so no body outweighs a title hit).
pub const BODY_CAP: u32 = 12;
/// Occurrences counted at most in the other fields.
const FIELD_CAP: u32 = 3;
/// Longest token, in characters; longer words are cut.
pub const MAX_TOKEN_CHARS: usize = 40;
/// Most query words used (the rest are ignored).
pub const MAX_QUERY_WORDS: usize = 8;
/// Aim for shards of about this many bytes of JSON.
const TARGET_SHARD_BYTES: usize = 2048;
/// Bounds of the shard count.
const MIN_BUCKETS: u32 = 16;
const MAX_BUCKETS: u32 = 256;
/// Half-life of the recency boost, in days, and its largest size (a factor of 1.15).
const RECENCY_HALF_LIFE_DAYS: f64 = 30.0;
const RECENCY_BOOST: f64 = 0.15;
/// A prefix-only match scores this fraction of an exact one.
const PREFIX_FACTOR: f64 = 0.75;

/// A document in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Article slug.
    #[serde(rename = "s")]
    pub slug: String,
    /// Publication time, Unix ms.
    #[serde(rename = "t")]
    pub published_at: i64,
}

/// `data/search/manifest.json`: the documents and the shards that exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`SEARCH_VERSION`].
    #[serde(rename = "v")]
    pub version: u32,
    /// How many hash buckets tokens are spread over.
    #[serde(rename = "b")]
    pub buckets: u32,
    /// Documents; a posting's document number indexes this list.
    #[serde(rename = "d")]
    pub docs: Vec<DocMeta>,
    /// Names of the non-empty shards, sorted (`data/search/<name>.json`).
    #[serde(rename = "s")]
    pub shards: Vec<String>,
}

/// One shard: token -> flat postings `[doc, weight, doc, weight, …]`, docs ascending.
pub type Shard = BTreeMap<String, Vec<u32>>;

/// A built index, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    /// The manifest.
    pub manifest: Manifest,
    /// (name, shard) for every non-empty shard, sorted by name.
    pub shards: Vec<(String, Shard)>,
}

/// What one document contributes to the index.
#[derive(Debug, Clone, Default)]
pub struct DocText<'a> {
    /// Slug (what a hit returns).
    pub slug: &'a str,
    /// Unix ms of publication.
    pub published_at: i64,
    /// Headline.
    pub title: &'a str,
    /// Summary.
    pub description: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// Category key.
    pub category: &'a str,
    /// Source name.
    pub source: &'a str,
    /// Markdown body.
    pub body: &'a str,
}

impl<'a> DocText<'a> {
    /// The searchable text of an article and its markdown body.
    pub fn of(article: &'a Article, body: &'a str) -> Self {
        DocText {
            slug: &article.slug,
            published_at: article.published_at,
            title: &article.title,
            description: &article.description,
            tags: &article.tags,
            category: &article.category,
            source: &article.source.name,
            body,
        }
    }
}

/// Path of a shard, relative to the site root.
pub fn shard_path(name: &str) -> String {
    format!("{SEARCH_DIR}/{name}.json")
}

// ---------------------------------------------------------------------------------------
// Tokenising

const LATIN_EXT_A: &[u8] = concat!(
    "aaaaaaccccccccdd", // U+0100
    "ddeeeeeeeeeegggg", // U+0110
    "gggghhhhiiiiiiii", // U+0120
    "ii..jjkkklllllll", // U+0130
    "lllnnnnnnnnnoooo", // U+0140
    "oo..rrrrrrssssss", // U+0150
    "ssttttttuuuuuuuu", // U+0160
    "uuuuwwyyyzzzzzzs", // U+0170
)
.as_bytes();

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
fn is_cjk(c: char) -> bool {
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

/// Appends the folded form of one lowercase character.
fn push_folded(c: char, out: &mut String) {
    let code = c as u32;
    let mapped: Option<&str> = match c {
        'æ' => Some("ae"),
        'œ' => Some("oe"),
        'ĳ' => Some("ij"),
        'ß' => Some("ss"),
        'þ' => Some("th"),
        'ð' => Some("d"),
        'ø' => Some("o"),
        'ç' => Some("c"),
        'ñ' => Some("n"),
        'à'..='å' => Some("a"),
        'è'..='ë' => Some("e"),
        'ì'..='ï' => Some("i"),
        'ò'..='ö' => Some("o"),
        'ù'..='ü' => Some("u"),
        'ý' | 'ÿ' => Some("y"),
        'ș' | 'ş' => Some("s"),
        'ț' | 'ţ' => Some("t"),
        'ơ' => Some("o"),
        'ư' => Some("u"),
        'ǎ' => Some("a"),
        'ǐ' => Some("i"),
        'ǒ' => Some("o"),
        'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => Some("u"),
        // Greek tonos and dialytika, final sigma.
        'ά' => Some("α"),
        'έ' => Some("ε"),
        'ή' => Some("η"),
        'ί' | 'ϊ' | 'ΐ' => Some("ι"),
        'ό' => Some("ο"),
        'ύ' | 'ϋ' | 'ΰ' => Some("υ"),
        'ώ' => Some("ω"),
        'ς' => Some("σ"),
        // Cyrillic yo.
        'ё' => Some("е"),
        // Arabic: alef forms, alef maksura, teh marbuta.
        'أ' | 'إ' | 'آ' | 'ٱ' => Some("ا"),
        'ى' => Some("ي"),
        'ة' => Some("ه"),
        _ => None,
    };
    if let Some(m) = mapped {
        out.push_str(m);
    } else if (0x100..0x180).contains(&code) {
        let b = LATIN_EXT_A[(code - 0x100) as usize];
        if b == b'.' {
            out.push(c);
        } else {
            out.push(b as char);
        }
    } else if (0x1EA0..=0x1EF9).contains(&code) {
        // Vietnamese: Latin Extended Additional, by base letter ranges.
        out.push(match code {
            0x1EA0..=0x1EB7 => 'a',
            0x1EB8..=0x1EC7 => 'e',
            0x1EC8..=0x1ECB => 'i',
            0x1ECC..=0x1EE3 => 'o',
            0x1EE4..=0x1EF1 => 'u',
            _ => 'y',
        });
    } else {
        out.push(c);
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
        for l in c.to_lowercase() {
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
    let mut current: Option<(usize, usize, String)> = None;
    let mut piece = String::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_ignorable(c) {
            if let Some((_, e, _)) = current.as_mut() {
                *e = end;
            }
            continue;
        }
        if is_cjk(c) {
            if let Some((s, e, w)) = current.take() {
                out.push((s..e, w));
            }
            out.push((i..end, fold(&text[i..end])));
            continue;
        }
        piece.clear();
        for l in c.to_lowercase() {
            if !is_ignorable(l) {
                push_folded(l, &mut piece);
            }
        }
        if !piece.is_empty() && piece.chars().all(is_word_char) {
            match current.as_mut() {
                Some((_, e, w)) => {
                    *e = end;
                    w.push_str(&piece);
                }
                None => current = Some((i, end, piece.clone())),
            }
        } else if let Some((s, e, w)) = current.take() {
            out.push((s..e, w));
        }
    }
    if let Some((s, e, w)) = current.take() {
        out.push((s..e, w));
    }
    for (_, w) in out.iter_mut() {
        if let Some((cut, _)) = w.char_indices().nth(MAX_TOKEN_CHARS) {
            w.truncate(cut);
        }
    }
    out
}

/// True for tokens worth indexing: two characters or more, or one Han/kana character.
fn indexable(token: &str) -> bool {
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

/// The plain text of a markdown body: text, inline code and code blocks, image alt
/// text; raw HTML and link destinations are left out.
pub fn markdown_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Rule => out.push(' '),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Shards

/// Characters of a token that choose its shard: two, or three after a leading `ال`
/// (most Arabic words start with the article, which would crowd one shard).
fn key_chars(token: &str) -> usize {
    if token.starts_with("ال") {
        3
    } else {
        2
    }
}

/// The shard key of a token: its first [`key_chars`] characters (the whole token if
/// shorter).
fn shard_key(token: &str) -> &str {
    match token.char_indices().nth(key_chars(token)) {
        Some((i, _)) => &token[..i],
        None => token,
    }
}

fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Name of the shard holding `token`, for `buckets` buckets.
pub fn shard_name(token: &str, buckets: u32) -> String {
    format!("{:02x}", fnv1a(shard_key(token)) % buckets.max(1))
}

// ---------------------------------------------------------------------------------------
// Building

/// Builds the index of `docs`; document numbers follow their order.
pub fn build_index<'a>(docs: impl IntoIterator<Item = DocText<'a>>) -> SearchIndex {
    let mut metas = Vec::new();
    // token -> doc -> weight
    let mut postings: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (n, doc) in docs.into_iter().enumerate() {
        let n = n as u32;
        metas.push(DocMeta {
            slug: doc.slug.to_string(),
            published_at: doc.published_at,
        });
        let body = markdown_text(doc.body);
        let tags = doc.tags.join(" ");
        let fields: [(&str, u32, u32); 6] = [
            (doc.title, TITLE, FIELD_CAP),
            (&tags, TAGS, FIELD_CAP),
            (doc.description, DESCRIPTION, FIELD_CAP),
            (doc.category, SOURCE, 1),
            (doc.source, SOURCE, 1),
            (&body, BODY, BODY_CAP),
        ];
        let mut weights: HashMap<String, u32> = HashMap::new();
        for (text, weight, cap) in fields {
            let mut counts: HashMap<String, u32> = HashMap::new();
            for t in tokenize(text) {
                *counts.entry(t).or_default() += 1;
            }
            for (t, count) in counts {
                *weights.entry(t).or_default() += weight * count.min(cap);
            }
        }
        for (t, w) in weights {
            postings.entry(t).or_default().insert(n, w);
        }
    }
    // Size estimate: the token, quotes, colon, comma, and ~6 bytes per posting pair.
    let bytes: usize = postings
        .iter()
        .map(|(t, p)| t.len() + 4 + p.len() * 6)
        .sum();
    let buckets = (bytes / TARGET_SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .clamp(MIN_BUCKETS as usize, MAX_BUCKETS as usize) as u32;
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (token, docs) in postings {
        let flat: Vec<u32> = docs.into_iter().flat_map(|(d, w)| [d, w]).collect();
        shards
            .entry(shard_name(&token, buckets))
            .or_default()
            .insert(token, flat);
    }
    SearchIndex {
        manifest: Manifest {
            version: SEARCH_VERSION,
            buckets,
            docs: metas,
            shards: shards.keys().cloned().collect(),
        },
        shards: shards.into_iter().collect(),
    }
}

/// Builds the index of a bundle's articles (article, markdown body), in feed order.
pub fn index_articles(articles: &[(Article, String)]) -> SearchIndex {
    build_index(articles.iter().map(|(a, body)| DocText::of(a, body)))
}

// ---------------------------------------------------------------------------------------
// Querying

/// One word of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded token.
    pub token: String,
    /// Also matches tokens starting with it (the word being typed).
    pub prefix: bool,
}

/// The searchable words of a query: folded, deduplicated, at most [`MAX_QUERY_WORDS`];
/// the last one is a prefix when it is at least as long as its shard key (so a prefix
/// never needs more than one shard). Empty when nothing in it is searchable.
pub fn parse_query(query: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    for token in tokenize(query) {
        if !out.iter().any(|w| w.token == token) && out.len() < MAX_QUERY_WORDS {
            out.push(QueryWord {
                token,
                prefix: false,
            });
        }
    }
    let ends_in_word = query
        .chars()
        .last()
        .is_some_and(|c| !c.is_whitespace() && !is_cjk(c));
    if let Some(last) = out.last_mut() {
        last.prefix = ends_in_word && last.token.chars().count() >= key_chars(&last.token);
    }
    out
}

/// A ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document number (index into [`Manifest::docs`]).
    pub doc: u32,
    /// Its slug.
    pub slug: String,
    /// Relevance with the recency boost; higher first.
    pub score: f64,
    /// The folded tokens that matched, for highlighting ([`highlight`]).
    pub terms: Vec<String>,
}

impl Manifest {
    /// Names of the shards a query needs (only ones that exist), without duplicates.
    pub fn shards_for(&self, query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in parse_query(query) {
            let name = shard_name(&w.token, self.buckets);
            if !out.contains(&name) && self.shards.binary_search(&name).is_ok() {
                out.push(name);
            }
        }
        out
    }

    /// Runs a query against the shards it needs (missing shards match nothing): the
    /// documents matching every word, best first.
    pub fn search(&self, query: &str, shards: &HashMap<String, Shard>) -> Vec<Hit> {
        let words = parse_query(query);
        if words.is_empty() || self.docs.is_empty() {
            return Vec::new();
        }
        let n = self.docs.len() as f64;
        // doc -> (score, matched terms, words matched)
        let mut acc: HashMap<u32, (f64, Vec<String>, usize)> = HashMap::new();
        for (wi, word) in words.iter().enumerate() {
            let Some(shard) = shards.get(&shard_name(&word.token, self.buckets)) else {
                return Vec::new();
            };
            let candidates: Vec<(&String, &Vec<u32>)> = if word.prefix {
                shard
                    .range(word.token.clone()..)
                    .take_while(|(t, _)| t.starts_with(word.token.as_str()))
                    .collect()
            } else {
                shard.get_key_value(&word.token).into_iter().collect()
            };
            // doc -> (best score for this word, terms)
            let mut best: HashMap<u32, (f64, Vec<String>)> = HashMap::new();
            for (token, flat) in candidates {
                let df = (flat.len() / 2) as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                let factor = if *token == word.token {
                    1.0
                } else {
                    PREFIX_FACTOR
                };
                for pair in flat.chunks_exact(2) {
                    let s = f64::from(pair[1]) * idf * factor;
                    let e = best.entry(pair[0]).or_insert((0.0, Vec::new()));
                    e.0 = e.0.max(s);
                    e.1.push(token.clone());
                }
            }
            for (doc, (s, terms)) in best {
                if wi > 0 && acc.get(&doc).is_none_or(|a| a.2 != wi) {
                    continue;
                }
                let e = acc.entry(doc).or_insert((0.0, Vec::new(), 0));
                e.0 += s;
                e.1.extend(terms);
                e.2 = wi + 1;
            }
        }
        let newest = self.docs.iter().map(|d| d.published_at).max().unwrap_or(0);
        let mut hits: Vec<Hit> = acc
            .into_iter()
            .filter(|(doc, (_, _, matched))| {
                *matched == words.len() && (*doc as usize) < self.docs.len()
            })
            .map(|(doc, (score, mut terms, _))| {
                let meta = &self.docs[doc as usize];
                let age_days = (newest - meta.published_at).max(0) as f64 / 86_400_000.0;
                let boost = 1.0 + RECENCY_BOOST * 0.5f64.powf(age_days / RECENCY_HALF_LIFE_DAYS);
                terms.sort();
                terms.dedup();
                Hit {
                    doc,
                    slug: meta.slug.clone(),
                    score: score * boost,
                    terms,
                }
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| {
                    let (da, db) = (&self.docs[a.doc as usize], &self.docs[b.doc as usize]);
                    db.published_at.cmp(&da.published_at)
                })
                .then(a.doc.cmp(&b.doc))
        });
        hits
    }
}

/// Splits `text` into (segment, highlighted) runs: words whose folded form is one of
/// `terms` are highlighted. Concatenating the segments gives `text` back.
///
/// ```
/// use broadsheet_core::search::highlight;
/// let runs = highlight("La energía solar", &["energia".to_string()]);
/// assert_eq!(runs, [("La ", false), ("energía", true), (" solar", false)]);
/// ```
pub fn highlight<'t>(text: &'t str, terms: &[String]) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    if terms.is_empty() {
        if !text.is_empty() {
            out.push((text, false));
        }
        return out;
    }
    let mut at = 0;
    for (range, token) in words(text) {
        if terms.contains(&token) {
            if range.start > at {
                out.push((&text[at..range.start], false));
            }
            out.push((&text[range.clone()], true));
            at = range.end;
        }
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
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

    #[test]
    fn markdown_bodies_become_plain_text() {
        let text = markdown_text(
            "## Head\n\nSome **bold** [link](https://evil.example/secretword) `code`\n\n<div>rawhtml</div>\n\n![alt words](x.png)",
        );
        let tokens = tokenize(&text);
        for want in ["head", "bold", "link", "code", "alt", "words"] {
            assert!(tokens.contains(&want.to_string()), "{want} in {tokens:?}");
        }
        for not in ["secretword", "evil", "rawhtml", "div", "https"] {
            assert!(!tokens.contains(&not.to_string()), "{not} in {tokens:?}");
        }
    }

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
                ..doc("es", 2 * DAY, "Sequía en Paraguay", "La generación hidroeléctrica.")
            },
            doc("ar", 3 * DAY, "تحذير أمني", "حملة تصيد تستهدف مستخدمي المحافظ الرقمية"),
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
    fn query_parsing() {
        let p = parse_query("Wind  WIND fa");
        assert_eq!(
            p,
            [
                QueryWord {
                    token: "wind".into(),
                    prefix: false
                },
                QueryWord {
                    token: "fa".into(),
                    prefix: true
                },
            ]
        );
        assert!(!parse_query("wind ")[0].prefix);
        // Too short to be a prefix without opening every Arabic shard.
        assert!(!parse_query("ال")[0].prefix);
        assert!(parse_query("الم")[0].prefix);
        assert_eq!(parse_query(&"word ".repeat(20)).len(), 1);
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
    fn highlight_table() {
        let terms = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, bool)]);
        let cases: &[Case] = &[
            (
                "Solar record",
                &["solar"],
                &[("Solar", true), (" record", false)],
            ),
            ("Solarpunk", &["solar"], &[("Solarpunk", false)]),
            (
                "La energía, hoy",
                &["energia"],
                &[("La ", false), ("energía", true), (", hoy", false)],
            ),
            (
                "تحذير أمني",
                &["امني"],
                &[("تحذير ", false), ("أمني", true)],
            ),
            (
                "a <b>",
                &["b"],
                &[("a <", false), ("b", true), (">", false)],
            ),
            ("", &["x"], &[]),
            ("text", &[], &[("text", false)]),
        ];
        for (text, t, want) in cases {
            let got = highlight(text, &terms(t));
            assert_eq!(got, *want, "{text}");
            assert_eq!(got.iter().map(|(s, _)| *s).collect::<String>(), *text);
        }
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
}
