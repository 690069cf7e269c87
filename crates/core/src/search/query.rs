//! Querying: a query parsed into folded words, matched against the shards it needs and
//! ranked (see the module docs of `search` for the ranking rules), and the matched words
//! highlighted in the text shown.

use std::collections::HashMap;

use crate::search::format::{key_chars, shard_name, Manifest, Shard};
use crate::search::tokenize::{is_cjk, tokenize, words};

/// Most query words used (the rest are ignored).
pub const MAX_QUERY_WORDS: usize = 8;
/// Half-life of the recency boost, in days, and its largest size (a factor of 1.15).
const RECENCY_HALF_LIFE_DAYS: f64 = 30.0;
const RECENCY_BOOST: f64 = 0.15;
/// A prefix-only match scores this fraction of an exact one.
const PREFIX_FACTOR: f64 = 0.75;

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
}
