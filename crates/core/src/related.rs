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
    // Where each article stands in each of its lists, as (list number, position): article
    // `i`'s are `places[place_start[i]..place_start[i + 1]]`. Found once here, not by a
    // binary search of each list for each article (scattered reads of every article's
    // time: most of the related step of an incremental build at 100,000 articles).
    places: Vec<(u32, u32)>,
    place_start: Vec<usize>,
}

/// Interns keys: the same id for equal keys, the next one for a new key.
#[derive(Default)]
struct Interner {
    ids: rustc_hash::FxHashMap<String, u32>,
    // The key being looked up, in a buffer reused for every lookup: a key is allocated
    // only when new (a few hundred at 100,000 articles, not half a million).
    buffer: String,
}

impl Interner {
    /// The id of `key`, lower-cased (ASCII) when `lower`.
    fn id(&mut self, key: &str, lower: bool) -> u32 {
        self.buffer.clear();
        self.buffer.push_str(key);
        if lower {
            self.buffer.make_ascii_lowercase();
        }
        if let Some(&id) = self.ids.get(self.buffer.as_str()) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(self.buffer.clone(), next);
        next
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

impl RelatedIndex {
    /// The index of `articles` (what [`RelatedIndex::related`]'s indices point into).
    pub fn new(articles: &[&Article]) -> Self {
        let mut tag_ids = Interner::default();
        let mut category_ids = Interner::default();
        let mut source_ids = Interner::default();
        let keys: Vec<Keys> = articles
            .iter()
            .map(|a| Keys {
                tags: a.tags.iter().map(|t| tag_ids.id(t, true)).collect(),
                category: (!a.category.is_empty()).then(|| category_ids.id(&a.category, true)),
                source: source_ids.id(&a.source.key, false),
                published_at: a.published_at,
            })
            .collect();
        let mut tags = vec![Vec::new(); tag_ids.len()];
        let mut categories = vec![Vec::new(); category_ids.len()];
        let mut own = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            own.clear();
            own.extend_from_slice(&k.tags);
            own.sort_unstable();
            own.dedup();
            for &t in &own {
                tags[t as usize].push(i);
            }
            if let Some(c) = k.category {
                categories[c as usize].push(i);
            }
        }
        for list in tags.iter_mut().chain(categories.iter_mut()) {
            list.sort_by_key(|&i| (keys[i].published_at, i));
        }
        let lists = || tags.iter().chain(&categories);
        let mut place_start = vec![0; keys.len() + 1];
        for &i in lists().flatten() {
            place_start[i + 1] += 1;
        }
        for i in 0..keys.len() {
            place_start[i + 1] += place_start[i];
        }
        let mut next = place_start.clone();
        let mut places = vec![(0, 0); place_start[keys.len()]];
        for (n, list) in lists().enumerate() {
            for (at, &i) in list.iter().enumerate() {
                places[next[i]] = (n as u32, at as u32);
                next[i] += 1;
            }
        }
        RelatedIndex {
            keys,
            tags,
            categories,
            places,
            place_start,
        }
    }

    /// Where article `i` stands in list `n` of [`RelatedIndex::lists`], if it is in it.
    fn place(&self, i: usize, n: usize) -> Option<usize> {
        let own = self
            .places
            .get(*self.place_start.get(i)?..*self.place_start.get(i + 1)?)?;
        own.iter()
            .find(|&&(list, _)| list as usize == n)
            .map(|&(_, at)| at as usize)
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
        self.window_ranges(me_i)
            .map(move |(n, range)| &self.list(n)[range])
    }

    /// List `n` of [`RelatedIndex::lists`].
    fn list(&self, n: usize) -> &[usize] {
        match n.checked_sub(self.tags.len()) {
            None => &self.tags[n],
            Some(c) => &self.categories[c],
        }
    }

    /// Every list [`RelatedIndex::windows`] cuts: one per tag, then one per category, each
    /// the articles that have it sorted by time. Numbered as
    /// [`RelatedIndex::window_ranges`] names them.
    pub fn lists(&self) -> impl Iterator<Item = &[usize]> + '_ {
        self.tags.iter().chain(&self.categories).map(Vec::as_slice)
    }

    /// [`RelatedIndex::windows`] as (list number in [`RelatedIndex::lists`], range in
    /// it): what lets a build tool sum something over each window from prefix sums of its
    /// list instead of visiting its 200 articles.
    pub fn window_ranges(
        &self,
        me_i: usize,
    ) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
        let me = self.keys.get(me_i);
        let tags = self.tags.len();
        let lists = me
            .into_iter()
            .flat_map(|me| me.tags.iter().map(|&t| t as usize))
            .chain(me.and_then(|me| me.category).map(|c| tags + c as usize));
        lists.map(move |n| {
            let list = self.list(n);
            if list.len() <= 2 * RELATED_WINDOW {
                (n, 0..list.len())
            } else {
                // Its own place: where (its time, itself) falls in the list's order.
                let at = self.place(me_i, n).unwrap_or_else(|| {
                    me.map_or(0, |me| {
                        list.partition_point(|&i| {
                            (self.keys[i].published_at, i) < (me.published_at, me_i)
                        })
                    })
                });
                let lo = at.saturating_sub(RELATED_WINDOW / 2);
                let hi = (lo + RELATED_WINDOW).min(list.len());
                (n, hi.saturating_sub(RELATED_WINDOW)..hi)
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
    fn each_article_knows_its_place_in_each_of_its_lists() {
        // Big tags (windows cut from the middle), equal times, a repeated tag in other
        // case, articles without category or tags.
        let tags = [["BIG", "big"], ["BIG", "ODD"], ["EVEN", "BIG"]];
        let v: Vec<Article> = (0..1_500)
            .map(|d| {
                let cat = ["", "MARKETS", "POLICY"][d % 3];
                let tags: &[&str] = if d % 7 == 0 { &[] } else { &tags[d % 3] };
                art(&format!("a{d}"), (d as i64 * 37) % 400, cat, "s", tags)
            })
            .collect();
        let refs: Vec<&Article> = v.iter().collect();
        let index = RelatedIndex::new(&refs);
        let lists: Vec<&[usize]> = index.lists().collect();
        for i in 0..v.len() {
            let me = &index.keys[i];
            let mut seen = 0;
            for (n, list) in lists.iter().enumerate() {
                let searched = list
                    .partition_point(|&j| (index.keys[j].published_at, j) < (me.published_at, i));
                let found = index.place(i, n);
                if list.contains(&i) {
                    seen += 1;
                    assert_eq!(found, Some(searched), "article {i}, list {n}");
                } else {
                    assert_eq!(found, None, "article {i}, list {n}");
                }
            }
            assert_eq!(seen, index.place_start[i + 1] - index.place_start[i]);
            for ((n, range), window) in index.window_ranges(i).zip(index.windows(i)) {
                assert_eq!(&lists[n][range.clone()], window);
                assert!(range.len() <= 2 * RELATED_WINDOW);
                assert!(
                    lists[n][range].contains(&i),
                    "article {i} in its own window"
                );
            }
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
