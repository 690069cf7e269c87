//! Sentiment overview numbers for the chart above the feed: counts per day over a window
//! of days, and the sentiment split of the most frequent tags.

use serde::{Deserialize, Serialize};

use broadsheet_article::date::day_number;
use broadsheet_article::{Article, Sentiment};

/// Days in the chart's window (eight weeks).
pub const CHART_DAYS: usize = 56;
/// Tags in the chart's split.
pub const TOP_TAGS: usize = 6;

/// Counts of each tone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    /// Positive articles.
    pub positive: usize,
    /// Neutral articles.
    pub neutral: usize,
    /// Negative articles.
    pub negative: usize,
    /// Articles with a sentiment this version does not know.
    pub other: usize,
}

impl Split {
    /// Adds one article's sentiment.
    pub fn add(&mut self, s: &Sentiment) {
        match s {
            Sentiment::Positive => self.positive += 1,
            Sentiment::Neutral => self.neutral += 1,
            Sentiment::Negative => self.negative += 1,
            Sentiment::Other(_) => self.other += 1,
        }
    }

    /// All articles counted.
    pub fn total(&self) -> usize {
        self.positive + self.neutral + self.negative + self.other
    }
}

/// One day of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayBucket {
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    /// The day's articles by tone.
    pub split: Split,
}

/// One of the top tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagBucket {
    /// The tag as written on the first article carrying it.
    pub tag: String,
    /// Its articles by tone.
    pub split: Split,
}

/// Everything the chart draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// `days` consecutive days, oldest first, ending on the newest article's day.
    pub days: Vec<DayBucket>,
    /// Articles within the window, by tone.
    pub in_window: Split,
    /// Articles given, by tone (including any older than the window).
    pub all: Split,
    /// Top tags by article count (ties: alphabetical), at most `top_tags`.
    pub tags: Vec<TagBucket>,
}

/// Aggregates `articles` (already filtered) into a window of `days` days ending on the
/// newest article's day, plus the split of the `top_tags` most frequent tags.
///
/// ```
/// use broadsheet_core::stats::overview;
/// let o = overview(&[], 7, 3);
/// assert!(o.days.is_empty() && o.tags.is_empty());
/// ```
pub fn overview(articles: &[&Article], days: usize, top_tags: usize) -> Overview {
    let mut all = Split::default();
    for a in articles {
        all.add(&a.sentiment);
    }
    let Some(last) = articles.iter().map(|a| day_number(a.published_at)).max() else {
        return Overview {
            days: Vec::new(),
            in_window: all,
            all,
            tags: Vec::new(),
        };
    };
    let days = days.max(1);
    let first = last - (days as i64 - 1);
    let mut buckets: Vec<DayBucket> = (first..=last)
        .map(|day| DayBucket {
            day,
            split: Split::default(),
        })
        .collect();
    let mut in_window = Split::default();
    for a in articles {
        let d = day_number(a.published_at);
        if d >= first {
            buckets[(d - first) as usize].split.add(&a.sentiment);
            in_window.add(&a.sentiment);
        }
    }
    // One bucket per tag compared case-insensitively, named as its first article spells
    // it. Found through maps (by spelling, then by lower case) rather than a scan of the
    // buckets with a lower-casing per comparison: a 100,000-article list took a second.
    let mut tags: Vec<TagBucket> = Vec::new();
    // Fx, not SipHash: hashing every tag of every list's articles was 4% of an
    // incremental build at 100,000 articles.
    let mut by_spelling: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut by_lower: rustc_hash::FxHashMap<String, usize> = Default::default();
    for a in articles {
        for t in &a.tags {
            let at = match by_spelling.get(t.as_str()) {
                Some(&at) => at,
                None => {
                    let next = tags.len();
                    let at = *by_lower
                        .entry(broadsheet_article::case::to_lower(t))
                        .or_insert(next);
                    if at == next {
                        tags.push(TagBucket {
                            tag: t.clone(),
                            split: Split::default(),
                        });
                    }
                    by_spelling.insert(t, at);
                    at
                }
            };
            tags[at].split.add(&a.sentiment);
        }
    }
    tags.sort_by(|a, b| {
        b.split
            .total()
            .cmp(&a.split.total())
            .then_with(|| a.tag.cmp(&b.tag))
    });
    tags.truncate(top_tags);
    Overview {
        days: buckets,
        in_window,
        all,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn article(day: i64, hour: i64, sentiment: &str, tags: &[&str]) -> Article {
        let mut a =
            Article::from_front_matter("title: T\npublishedAt: '2026-01-01T00:00:00Z'\n", "x")
                .unwrap();
        a.published_at = day * DAY + hour * 3_600_000;
        a.sentiment = Sentiment::parse(sentiment);
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a
    }

    #[test]
    fn days_table() {
        let v = [
            article(100, 1, "POSITIVE", &[]),
            article(100, 23, "NEGATIVE", &[]),
            article(98, 12, "NEUTRAL", &[]),
            article(90, 0, "POSITIVE", &[]),
            article(99, 5, "WEIRD", &[]),
        ];
        let refs: Vec<&Article> = v.iter().collect();
        let o = overview(&refs, 3, 5);
        // (day, positive, neutral, negative, other)
        let got: Vec<(i64, usize, usize, usize, usize)> = o
            .days
            .iter()
            .map(|b| {
                let s = b.split;
                (b.day, s.positive, s.neutral, s.negative, s.other)
            })
            .collect();
        assert_eq!(got, [(98, 0, 1, 0, 0), (99, 0, 0, 0, 1), (100, 1, 0, 1, 0)]);
        assert_eq!(o.in_window.total(), 4, "day 90 is outside the window");
        assert_eq!(o.all.total(), 5);
        assert_eq!(o.all.positive, 2);
    }

    #[test]
    fn empty_and_zero_days() {
        let o = overview(&[], 0, 0);
        assert!(o.days.is_empty());
        let a = article(5, 0, "POSITIVE", &[]);
        let o = overview(&[&a], 0, 0);
        assert_eq!(o.days.len(), 1, "at least one day");
        assert_eq!(o.days[0].split.positive, 1);
    }

    #[test]
    fn negative_timestamps_are_bucketed_by_floor() {
        let a = article(-1, 3, "NEGATIVE", &[]);
        let o = overview(&[&a], 2, 0);
        assert_eq!(o.days.last().unwrap().day, -1);
        assert_eq!(o.days.last().unwrap().split.negative, 1);
    }

    #[test]
    fn top_tags_by_count_then_name_case_insensitive() {
        let v = [
            article(1, 0, "POSITIVE", &["DEFI", "POLICY"]),
            article(1, 0, "NEGATIVE", &["defi"]),
            article(1, 0, "NEUTRAL", &["AI", "POLICY"]),
            article(1, 0, "NEUTRAL", &["ZED"]),
        ];
        let refs: Vec<&Article> = v.iter().collect();
        let o = overview(&refs, 1, 3);
        let got: Vec<(&str, usize, usize, usize)> = o
            .tags
            .iter()
            .map(|t| {
                (
                    t.tag.as_str(),
                    t.split.positive,
                    t.split.neutral,
                    t.split.negative,
                )
            })
            .collect();
        assert_eq!(
            got,
            [("DEFI", 1, 0, 1), ("POLICY", 1, 1, 0), ("AI", 0, 1, 0)]
        );
    }
}
