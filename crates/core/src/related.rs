//! Related reading and neighbours in feed order.
//!
//! Weighting follows Hugo's related content: each shared tag counts 100, the same
//! category 50, the same source 10; ties go to the article closest in publication time,
//! then to the newer one. Articles sharing nothing are never "related".

use broadsheet_article::Article;

/// Shared-tag weight.
pub const TAG_WEIGHT: u32 = 100;
/// Same-category weight.
pub const CATEGORY_WEIGHT: u32 = 50;
/// Same-source weight.
pub const SOURCE_WEIGHT: u32 = 10;

fn score(a: &Article, b: &Article) -> u32 {
    let tags = a
        .tags
        .iter()
        .filter(|t| b.tags.iter().any(|u| u.eq_ignore_ascii_case(t)))
        .count() as u32;
    let category =
        u32::from(!a.category.is_empty() && a.category.eq_ignore_ascii_case(&b.category));
    let source = u32::from(a.source.key == b.source.key);
    tags * TAG_WEIGHT + category * CATEGORY_WEIGHT + source * SOURCE_WEIGHT
}

/// Indices of up to `limit` articles related to `articles[of]`, best first. Only tags and
/// category make an article related; a shared source only breaks ties.
///
/// ```
/// use broadsheet_core::related::related;
/// let parse = |t: &str, tags: &str| broadsheet_core::Article::from_front_matter(
///     &format!("title: {t}\npublishedAt: '2026-01-01T00:00:00Z'\ntags: [{tags}]\n"), t).unwrap();
/// let v = vec![parse("a", "X, Y"), parse("b", "Y"), parse("c", "Z"), parse("d", "X, Y")];
/// assert_eq!(related(&v, 0, 3), vec![3, 1]);
/// ```
pub fn related(articles: &[Article], of: usize, limit: usize) -> Vec<usize> {
    let Some(me) = articles.get(of) else {
        return Vec::new();
    };
    let others = articles.iter().enumerate().filter(|(i, _)| *i != of);
    rank(me, others, limit)
}

/// The best `limit` of `candidates` for `me`, by weight, then nearness in time, then
/// recency.
fn rank<'a>(
    me: &Article,
    candidates: impl Iterator<Item = (usize, &'a Article)>,
    limit: usize,
) -> Vec<usize> {
    rank_scored(
        me.published_at,
        candidates.map(|(i, other)| (i, score(me, other), other.published_at)),
        limit,
    )
}

/// [`rank`] of candidates already scored: (index, score, publication time).
fn rank_scored(
    me_at: i64,
    candidates: impl Iterator<Item = (usize, u32, i64)>,
    limit: usize,
) -> Vec<usize> {
    let mut scored: Vec<(u32, i64, i64, usize)> = candidates
        .filter(|&(_, s, _)| s >= CATEGORY_WEIGHT)
        .map(|(i, s, at)| (s, (at - me_at).abs(), at, i))
        .collect();
    let order = |a: &(u32, i64, i64, usize), b: &(u32, i64, i64, usize)| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(b.2.cmp(&a.2))
            .then(a.3.cmp(&b.3))
    };
    // A total order (ties end on the index): the best `limit`, then those sorted, is
    // exactly the head of the whole list sorted.
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, order);
        scored.truncate(limit);
    }
    scored.sort_by(order);
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, _, i)| i)
        .collect()
}

/// Candidates per shared tag or category that [`related_all`] scores: the articles
/// nearest in publication time within that tag. Lists no longer than twice this are taken
/// whole, so small sites get exactly [`related`]'s answer.
pub const RELATED_WINDOW: usize = 200;

/// [`related`] for every article at once, for a build that writes each article's related
/// reading beside it. Scoring every pair is quadratic (10^10 pairs at 100,000 articles),
/// so candidates come from the article's own tags and category: per tag, the
/// [`RELATED_WINDOW`] articles nearest in time. Exact whenever no tag or category holds
/// more than twice that many articles; beyond, a rival sharing the same tags but far away
/// in time can be missed, which the time tie-break would rank low anyway.
pub fn related_all(articles: &[Article], limit: usize) -> Vec<Vec<usize>> {
    let refs: Vec<&Article> = articles.iter().collect();
    let index = RelatedIndex::new(&refs);
    let mut scratch = index.scratch();
    (0..refs.len())
        .map(|i| index.related_with(i, limit, &mut scratch))
        .collect()
}

/// Working memory for [`RelatedIndex::related_with`]: one per thread, reused across
/// articles (which candidates this article has already seen).
#[derive(Debug, Clone)]
pub struct RelatedScratch {
    seen: Vec<usize>,
    candidates: Vec<usize>,
}

/// An article as [`score`] sees it: lower-cased tags and category, and the source key,
/// each interned (equal ids, equal strings).
#[derive(Debug, Clone)]
struct Keys {
    tags: Vec<u32>,
    category: Option<u32>,
    source: u32,
    published_at: i64,
}

/// [`score`] on interned keys.
fn score_keys(a: &Keys, b: &Keys) -> u32 {
    let tags = a.tags.iter().filter(|t| b.tags.contains(t)).count() as u32;
    let category = u32::from(a.category.is_some() && a.category == b.category);
    let source = u32::from(a.source == b.source);
    tags * TAG_WEIGHT + category * CATEGORY_WEIGHT + source * SOURCE_WEIGHT
}

/// What [`related_all`] shares between articles: each article's keys and, per tag and
/// per category, its articles sorted by publication time. Built once; then
/// [`RelatedIndex::related`] answers for one article, so a build tool can ask for every
/// article in parallel.
#[derive(Debug, Clone, Default)]
pub struct RelatedIndex {
    keys: Vec<Keys>,
    tags: Vec<Vec<usize>>,
    categories: Vec<Vec<usize>>,
}

/// The id of `key`, given the next one when new.
fn intern(ids: &mut rustc_hash::FxHashMap<String, u32>, key: String) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(key).or_insert(next)
}

impl RelatedIndex {
    /// The index of `articles` (what [`RelatedIndex::related`]'s indices point into).
    pub fn new(articles: &[&Article]) -> Self {
        let mut tag_ids = Default::default();
        let mut category_ids = Default::default();
        let mut source_ids = Default::default();
        let keys: Vec<Keys> = articles
            .iter()
            .map(|a| Keys {
                tags: a
                    .tags
                    .iter()
                    .map(|t| intern(&mut tag_ids, t.to_ascii_lowercase()))
                    .collect(),
                category: (!a.category.is_empty())
                    .then(|| intern(&mut category_ids, a.category.to_ascii_lowercase())),
                source: intern(&mut source_ids, a.source.key.clone()),
                published_at: a.published_at,
            })
            .collect();
        let mut tags = vec![Vec::new(); tag_ids.len()];
        let mut categories = vec![Vec::new(); category_ids.len()];
        for (i, k) in keys.iter().enumerate() {
            let mut own = k.tags.clone();
            own.sort_unstable();
            own.dedup();
            for t in own {
                tags[t as usize].push(i);
            }
            if let Some(c) = k.category {
                categories[c as usize].push(i);
            }
        }
        for list in tags.iter_mut().chain(categories.iter_mut()) {
            list.sort_by_key(|&i| (keys[i].published_at, i));
        }
        RelatedIndex {
            keys,
            tags,
            categories,
        }
    }

    /// Working memory for [`RelatedIndex::related_with`].
    pub fn scratch(&self) -> RelatedScratch {
        RelatedScratch {
            seen: vec![usize::MAX; self.keys.len()],
            candidates: Vec::new(),
        }
    }

    /// The candidates [`RelatedIndex::related_with`] scores for article `me_i`: per tag
    /// and then its category, the articles of that tag nearest in time (indices in feed
    /// order, sorted by time; `me_i` itself included). Its answer depends on nothing but
    /// these articles and `me_i`, so a build tool that hashes them can tell whose related
    /// reading may have changed without ranking anything.
    pub fn windows(&self, me_i: usize) -> impl Iterator<Item = &[usize]> + '_ {
        let me = self.keys.get(me_i);
        let lists = me
            .into_iter()
            .flat_map(|me| me.tags.iter().map(|&t| &self.tags[t as usize]))
            .chain(
                me.and_then(|me| me.category)
                    .map(|c| &self.categories[c as usize]),
            );
        lists.map(move |list| {
            if list.len() <= 2 * RELATED_WINDOW {
                &list[..]
            } else {
                let at = me.map_or(0, |me| {
                    list.partition_point(|&i| {
                        (self.keys[i].published_at, i) < (me.published_at, me_i)
                    })
                });
                let lo = at.saturating_sub(RELATED_WINDOW / 2);
                let hi = (lo + RELATED_WINDOW).min(list.len());
                &list[hi.saturating_sub(RELATED_WINDOW)..hi]
            }
        })
    }

    /// What [`related_all`] answers for article `me_i` (allocates working memory the size
    /// of the corpus: for many articles, use [`RelatedIndex::related_with`]).
    pub fn related(&self, me_i: usize, limit: usize) -> Vec<usize> {
        self.related_with(me_i, limit, &mut self.scratch())
    }

    /// [`RelatedIndex::related`] with working memory from [`RelatedIndex::scratch`].
    pub fn related_with(
        &self,
        me_i: usize,
        limit: usize,
        scratch: &mut RelatedScratch,
    ) -> Vec<usize> {
        let Some(me) = self.keys.get(me_i) else {
            return Vec::new();
        };
        let RelatedScratch { seen, candidates } = scratch;
        candidates.clear();
        for window in self.windows(me_i) {
            for &i in window {
                if i != me_i && seen[i] != me_i {
                    seen[i] = me_i;
                    candidates.push(i);
                }
            }
        }
        // Ranking is a total order, so the order candidates come in does not matter;
        // each is scored once.
        rank_scored(
            me.published_at,
            candidates.iter().map(|&i| {
                let other = &self.keys[i];
                (i, score_keys(me, other), other.published_at)
            }),
            limit,
        )
    }
}

/// The previous and next index in feed order (`None` at either end).
pub fn neighbours(len: usize, of: usize) -> (Option<usize>, Option<usize>) {
    let prev = of.checked_sub(1).filter(|_| of < len);
    let next = Some(of + 1).filter(|n| *n < len);
    (prev, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(slug: &str, day: i64, category: &str, source: &str, tags: &[&str]) -> Article {
        let mut a =
            Article::from_front_matter("title: T\npublishedAt: '2026-01-01T00:00:00Z'\n", slug)
                .unwrap();
        a.slug = slug.into();
        a.published_at = day * 86_400_000;
        a.category = category.into();
        a.source.key = source.into();
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a
    }

    #[test]
    fn weighting_table() {
        let v = vec![
            art("me", 10, "MARKETS", "s1", &["BITCOIN", "ENERGY"]),
            art("two-tags", 1, "OTHER", "s2", &["bitcoin", "ENERGY"]),
            art("one-tag-same-cat", 9, "MARKETS", "s2", &["BITCOIN"]),
            art("one-tag-near", 11, "OTHER", "s2", &["ENERGY"]),
            art("one-tag-far", 30, "OTHER", "s2", &["ENERGY"]),
            art("same-cat-only", 10, "MARKETS", "s2", &[]),
            art("same-source-only", 10, "OTHER", "s1", &[]),
            art("nothing", 10, "OTHER", "s2", &["DEFI"]),
        ];
        let slugs: Vec<&str> = related(&v, 0, 10)
            .iter()
            .map(|i| v[*i].slug.as_str())
            .collect();
        assert_eq!(
            slugs,
            [
                "two-tags",
                "one-tag-same-cat",
                "one-tag-near",
                "one-tag-far",
                "same-cat-only"
            ]
        );
        assert_eq!(related(&v, 0, 2).len(), 2);
        assert!(related(&v, 99, 3).is_empty());
        let all = related_all(&v, 10);
        for (i, got) in all.iter().enumerate() {
            assert_eq!(*got, related(&v, i, 10), "article {i}");
        }
    }

    #[test]
    fn related_all_stays_near_in_time_on_big_tags() {
        let v: Vec<Article> = (0..2_000)
            .map(|d| art(&format!("a{d}"), d, "", "s", &["BIG"]))
            .collect();
        let all = related_all(&v, 4);
        assert_eq!(all[1000].len(), 4);
        for i in &all[1000] {
            assert!((v[*i].published_at - v[1000].published_at).abs() <= 2 * 86_400_000);
        }
    }

    #[test]
    fn neighbours_at_the_ends() {
        assert_eq!(neighbours(3, 0), (None, Some(1)));
        assert_eq!(neighbours(3, 1), (Some(0), Some(2)));
        assert_eq!(neighbours(3, 2), (Some(1), None));
        assert_eq!(neighbours(1, 0), (None, None));
    }
}
