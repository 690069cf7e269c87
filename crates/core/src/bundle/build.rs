//! Building the bundle: each file of `content/` read and validated once
//! ([`crate::bundle::read_one`]), bad files reported with `file:line: reason`, the rest
//! put in feed order ([`crate::bundle::assemble`]), paged per list, and given their neighbours and
//! related reading.

use std::collections::BTreeMap;

use broadsheet_article::Article;

use serde::Serialize;

use crate::bundle::assemble::Bundle;
use crate::bundle::layout::{
    article_path, head_path, id_path, page_path, sidecar_path, ArticleLink, ArticleSidecar,
    IdBucket, IndexEntry, ListHead, ListNames, ListPage, ALL_LIST, BUNDLE_VERSION, RELATED_LIMIT,
};
use crate::bundle::paging::{chunk_list, ListFile, Paging};
use crate::related::{neighbours, RelatedIndex};
use crate::stats::{overview, CHART_DAYS, TOP_TAGS};

/// One list, cut into its files (see [`crate::bundle::Paging`]).
#[derive(Debug, Clone)]
pub struct BuiltList {
    /// The list's folder under `data/feed/` (`all`, `tag/defi`…; see
    /// [`crate::bundle::list_dir`]).
    pub dir: String,
    /// `head.json`: the newest entries, the totals and the overview.
    pub head: ListHead,
    /// The numbered pages, page 0 (the oldest) first.
    pub pages: Vec<ListPage>,
}

impl BuiltList {
    /// Every file of the list: (path relative to the site root, JSON-ready value), the
    /// head first.
    pub fn files(&self) -> Vec<(String, ListFileData<'_>)> {
        let mut out = vec![(head_path(&self.dir), ListFileData::Head(&self.head))];
        out.extend(
            self.pages
                .iter()
                .enumerate()
                .map(|(p, page)| (page_path(&self.dir, p), ListFileData::Page(page))),
        );
        out
    }
}

/// The contents of one file of a list, as written (serialises as the file's JSON).
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum ListFileData<'a> {
    /// `head.json`.
    Head(&'a ListHead),
    /// A numbered page.
    Page(&'a ListPage),
}

/// [`ListHead`] borrowing its entries: the same JSON (same fields, same order).
#[derive(Serialize)]
struct HeadJson<'a> {
    version: u32,
    total: usize,
    pages: usize,
    entries: Vec<&'a IndexEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    overview: Option<crate::stats::Overview>,
}

/// [`ListPage`] borrowing its entries: the same JSON.
#[derive(Serialize)]
struct PageJson<'a> {
    version: u32,
    entries: Vec<&'a IndexEntry>,
}

impl Bundle {
    /// Every list, in a stable order (by folder). The `all` list is always there, even
    /// on a site with no articles.
    pub fn lists(&self) -> Vec<BuiltList> {
        self.list_members()
            .into_iter()
            .map(|(dir, members)| self.list(dir, &members))
            .collect()
    }

    /// Every list's folder and members (indices into [`Bundle::articles`], feed order),
    /// by folder; [`Bundle::list`] builds one, so lists can be built and written one at
    /// a time or in parallel.
    pub fn list_members(&self) -> Vec<(String, Vec<usize>)> {
        let mut names = ListNames::default();
        let (mut members, mut of_one): (Vec<Vec<usize>>, Vec<usize>) = Default::default();
        for (i, (a, _)) in self.articles.iter().enumerate() {
            names.lists_of(a, &mut of_one);
            for &list in &of_one {
                if members.len() <= list {
                    members.resize_with(list + 1, Vec::new);
                }
                members[list].push(i);
            }
        }
        if names.names.is_empty() {
            return vec![(ALL_LIST.to_string(), Vec::new())];
        }
        members.resize_with(names.names.len(), Vec::new);
        let mut lists: Vec<(String, Vec<usize>)> = names.names.into_iter().zip(members).collect();
        // Names are unique: the order is total, by folder as before.
        lists.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        lists
    }

    /// The files of the list in folder `dir` with these members (from
    /// [`Bundle::list_members`]) as written: (path relative to the site root, JSON), the
    /// head first. The bytes of [`Bundle::list`]'s files, without copying any entry.
    pub fn list_json(
        &self,
        dir: &str,
        members: &[usize],
    ) -> Result<Vec<(String, Vec<u8>)>, serde_json::Error> {
        let paging = Paging::of(members.len());
        std::iter::once(ListFile::Head)
            .chain((0..paging.pages).map(ListFile::Page))
            .map(|file| Ok((file.path(dir), self.list_file_json(members, file)?)))
            .collect()
    }

    /// One file of a list with these members (from [`Bundle::list_members`]), as
    /// [`Bundle::list_json`] writes it: a build tool that knows the other files are
    /// unchanged makes only this one.
    pub fn list_file_json(
        &self,
        members: &[usize],
        file: ListFile,
    ) -> Result<Vec<u8>, serde_json::Error> {
        let paging = Paging::of(members.len());
        let entries: Vec<&IndexEntry> = members[paging.range(file)]
            .iter()
            .map(|&i| &self.entries[i])
            .collect();
        match file {
            ListFile::Head => {
                let whole: Vec<&Article> = members.iter().map(|&i| &self.articles[i].0).collect();
                serde_json::to_vec(&HeadJson {
                    version: BUNDLE_VERSION,
                    total: members.len(),
                    pages: paging.pages,
                    entries,
                    overview: (!whole.is_empty()).then(|| overview(&whole, CHART_DAYS, TOP_TAGS)),
                })
            }
            ListFile::Page(_) => serde_json::to_vec(&PageJson {
                version: BUNDLE_VERSION,
                entries,
            }),
        }
    }

    /// [`Bundle::list_file_json`] of a page ([`ListFile::Page`]) from its entries each
    /// already encoded as `serde_json` writes an [`IndexEntry`]: the same bytes. A build
    /// tool that writes many pages sharing entries (an article is in half a dozen lists)
    /// encodes each entry once.
    pub fn page_json_of<'a>(entries: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
        let mut out = format!("{{\"version\":{BUNDLE_VERSION},\"entries\":[").into_bytes();
        for (k, entry) in entries.into_iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(entry);
        }
        out.extend_from_slice(b"]}");
        out
    }

    /// The list in folder `dir` with these members (from [`Bundle::list_members`]).
    pub fn list(&self, dir: String, members: &[usize]) -> BuiltList {
        let whole: Vec<&Article> = members.iter().map(|&i| &self.articles[i].0).collect();
        let overview = (!whole.is_empty()).then(|| overview(&whole, CHART_DAYS, TOP_TAGS));
        let entries: Vec<IndexEntry> = members.iter().map(|&i| self.entries[i].clone()).collect();
        let (head, pages) = chunk_list(&entries);
        BuiltList {
            dir,
            head: ListHead {
                version: BUNDLE_VERSION,
                total: entries.len(),
                pages: pages.len(),
                entries: head,
                overview,
            },
            pages: pages
                .into_iter()
                .map(|entries| ListPage {
                    version: BUNDLE_VERSION,
                    entries,
                })
                .collect(),
        }
    }

    /// The id buckets: (path relative to the site root, id part -> current slug), at most
    /// [`crate::bundle::ID_BUCKETS`] files. When two ids read the same in slugs, the first
    /// article in feed order keeps the name.
    pub fn id_buckets(&self) -> Vec<(String, IdBucket)> {
        let mut buckets: BTreeMap<String, IdBucket> = Default::default();
        for (a, _) in &self.articles {
            let part = broadsheet_article::slug::id_part(&a.id);
            buckets
                .entry(id_path(&part))
                .or_default()
                .entry(part)
                .or_insert_with(|| a.slug.clone());
        }
        buckets.into_iter().collect()
    }

    /// Every article source held whole: (path relative to the site root, text).
    pub fn sources(&self) -> impl Iterator<Item = (String, &str)> + '_ {
        self.articles
            .iter()
            .filter_map(|(a, s)| Some((article_path(&a.slug), s.text()?)))
    }

    /// The index that finds every article's related reading ([`RelatedIndex::related`]
    /// per article, in any order or in parallel).
    pub fn related_index(&self) -> RelatedIndex {
        RelatedIndex::new(&self.article_refs())
    }

    /// The articles alone, in feed order.
    pub fn article_refs(&self) -> Vec<&Article> {
        self.articles.iter().map(|(a, _)| a).collect()
    }

    /// Article `i`'s [`ArticleSidecar`], given its related reading (indices, best first):
    /// (path relative to the site root, sidecar).
    pub fn sidecar(&self, i: usize, related: &[usize]) -> (String, ArticleSidecar) {
        let a = &self.articles[i].0;
        let link = |j: usize| ArticleLink::to(&self.articles[j].0);
        let (prev, next) = neighbours(self.articles.len(), i);
        let links = ArticleSidecar {
            fallback_id: self
                .entries
                .get(i)
                .map(|e| e.fallback_id.clone())
                .unwrap_or_default(),
            prev: prev.map(link),
            next: next.map(link),
            related: related.iter().map(|&r| link(r)).collect(),
        };
        (sidecar_path(&a.slug), links)
    }

    /// Every article's [`ArticleSidecar`]: (path relative to the site root, sidecar).
    pub fn sidecars(&self) -> Vec<(String, ArticleSidecar)> {
        let refs = self.article_refs();
        let index = RelatedIndex::new(&refs);
        let mut scratch = index.scratch();
        (0..refs.len())
            .map(|i| self.sidecar(i, &index.related_with(i, RELATED_LIMIT, &mut scratch)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::assemble::build;
    use crate::bundle::layout::{id_candidates, list_dir};
    use crate::feed::FeedFilter;

    fn file(name: &str, text: &str) -> (String, Vec<u8>) {
        (name.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn pages_of_encoded_entries_are_the_pages() {
        let files = (0..130u32).map(|n| {
            let text = format!(
                "---\ntitle: 'Quote \" and \\\\ back {n}'\npublishedAt: '2026-01-{:02}T00:00:00Z'\nexternalId: {n}\ntags: [A, 'B{}']\n---\nbody",
                1 + n % 28,
                n % 3
            );
            file(&format!("f{n:03}.md"), &text)
        });
        let b = build(files);
        let mut pages = 0;
        for (_, members) in b.list_members() {
            let paging = Paging::of(members.len());
            for page in (0..paging.pages).map(ListFile::Page) {
                let encoded: Vec<Vec<u8>> = members[paging.range(page)]
                    .iter()
                    .map(|&i| serde_json::to_vec(&b.entries[i]).unwrap())
                    .collect();
                assert_eq!(
                    Bundle::page_json_of(encoded.iter().map(Vec::as_slice)),
                    b.list_file_json(&members, page).unwrap()
                );
                pages += 1;
            }
        }
        assert!(pages > 5, "{pages} pages");
    }

    #[test]
    fn feed_order_and_reports_in_name_order() {
        use crate::feed::feed_order;
        let fm = |id: u32, day: u32, sticky: i64, title: &str| {
            format!(
                "---\ntitle: {title}\npublishedAt: '2026-01-{day:02}T00:00:00Z'\nexternalId: {id}\nstickyWeight: {sticky}\n---\nbody"
            )
        };
        let mut files = Vec::new();
        for n in 0..60u32 {
            // Equal days (ties broken by slug), a few sticky, one bad file among them,
            // and a duplicate id that must be reported where it stands.
            let text = match n {
                7 => "---\ntitle: X\npublishedAt: never\n---\n".to_string(),
                20 => fm(3, 5, 0, "Dup id"),
                _ => fm(n, 1 + n % 4, i64::from(n % 9 == 0) * i64::from(n), "T"),
            };
            files.push(file(&format!("f{n:02}.md"), &text));
        }
        let b = build(files);
        for pair in b.articles.windows(2) {
            assert_eq!(
                feed_order(&pair[0].0, &pair[1].0),
                std::cmp::Ordering::Less,
                "{} before {}",
                pair[0].0.slug,
                pair[1].0.slug
            );
        }
        let reported: Vec<&str> = b.meta.rejected.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(reported, ["f07.md", "f20.md"]);
        assert!(b.meta.rejected[1].reason.starts_with("duplicate id"));
        assert_eq!(b.articles.len(), 58);
    }

    #[test]
    fn reports_bad_files_and_keeps_the_rest() {
        let b = build([
            file(
                "good.md",
                "---\ntitle: Good\npublishedAt: '2026-01-02T00:00:00Z'\nexternalId: 1\n---\nbody",
            ),
            file(
                "older.md",
                "---\ntitle: Older\npublishedAt: '2026-01-01T00:00:00Z'\n---\nbody",
            ),
            file("bad-date.md", "---\ntitle: X\npublishedAt: tomorrow\n---\n"),
            file(
                "draft.md",
                "---\ntitle: D\npublishedAt: '2026-01-01T00:00:00Z'\ndraft: true\n---\n",
            ),
            file(
                "zz-dup-id.md",
                "---\ntitle: Other\npublishedAt: '2026-01-01T00:00:00Z'\nexternalId: '1'\n---\n",
            ),
            (
                "latin1.md".to_string(),
                b"---\ntitle: caf\xe9\n---\n".to_vec(),
            ),
        ]);
        let slugs: Vec<&str> = b.entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["good-1", "older-older"]);
        let reports: Vec<String> = b.meta.rejected.iter().map(|r| r.to_string()).collect();
        assert_eq!(reports.len(), 3, "{reports:#?}");
        assert!(
            reports[0].starts_with("bad-date.md:3: `publishedAt` is not an RFC 3339"),
            "{}",
            reports[0]
        );
        assert!(
            reports[1].starts_with("latin1.md: invalid UTF-8 at byte 14"),
            "{}",
            reports[1]
        );
        assert!(
            reports[2].starts_with("zz-dup-id.md: duplicate id \"1\": already used by good.md"),
            "{}",
            reports[2]
        );
        assert_eq!(b.drafts, 1);
        assert_eq!(
            b.meta.rejected[0].slug.as_deref(),
            Some("x-bad-date"),
            "title + file name"
        );
        assert_eq!(
            b.meta.rejected[1].slug.as_deref(),
            Some("caf-latin1"),
            "lossy decoding still finds the title"
        );
        assert_eq!(b.sources().next().unwrap().0, "data/articles/good-1.md");
        assert_eq!(b.entries[1].fallback_id, "older");
    }

    #[test]
    fn pages_split_every_list_and_cover_every_facet() {
        let files: Vec<(String, Vec<u8>)> = (0..30)
            .map(|i| {
                let tags = if i % 3 == 0 { "[DeFi, Solar]" } else { "[Solar]" };
                file(
                    &format!("a{i:02}.md"),
                    &format!(
                        "---\ntitle: A{i}\npublishedAt: '2026-01-{:02}T00:00:00Z'\ntags: {tags}\nsentiment: {}\nsource: {{name: S, key: wire}}\n---\nbody",
                        1 + i % 28,
                        if i % 2 == 0 { "POSITIVE" } else { "NEGATIVE" }
                    ),
                )
            })
            .collect();
        let b = build(files);
        let lists = b.lists();
        let get = |dir: &str| lists.iter().find(|l| l.dir == dir).map(|l| &l.head);
        let all = lists.iter().find(|l| l.dir == "all").unwrap();
        // 30 entries: fewer than two pages, so the head holds them all.
        assert_eq!(
            (all.head.total, all.head.pages, all.head.entries.len()),
            (30, 0, 30)
        );
        assert!(all.pages.is_empty());
        assert_eq!(
            all.files()
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>(),
            ["data/feed/all/head.json"]
        );
        let overview = all
            .head
            .overview
            .as_ref()
            .expect("heads carry the list's overview");
        assert_eq!(overview.all.total(), 30);
        assert_eq!(overview.all.positive, 15);
        let defi = get("tag/defi").unwrap().overview.as_ref().unwrap();
        assert_eq!(defi.all.total(), 10);
        assert_eq!(all.head.entries, b.entries, "feed order kept");
        assert_eq!(get("tag/defi").unwrap().total, 10);
        assert_eq!(get("tag/solar").unwrap().total, 30);
        assert_eq!(get("sentiment/positive").unwrap().total, 15);
        assert_eq!(get("source/wire").unwrap().total, 30);
        assert_eq!(get("day/2026-01-01").unwrap().total, 2);
        // What the app asks for is what the bundler wrote.
        for (pairs, total) in [
            (vec![("tag", "DEFI")], 10),
            (vec![("sentiment", "Negative")], 15),
            (vec![("day", "2026-01-02"), ("sentiment", "positive")], 2),
        ] {
            let f = FeedFilter::from_pairs(pairs);
            assert_eq!(get(&list_dir(&f)).unwrap().total, total, "{f:?}");
        }
        let buckets = b.id_buckets();
        assert_eq!(buckets.iter().map(|(_, m)| m.len()).sum::<usize>(), 30);
        let (path, bucket) = buckets
            .iter()
            .find(|(_, m)| m.values().any(|s| *s == b.entries[0].slug))
            .unwrap();
        let part = bucket
            .iter()
            .find(|(_, s)| **s == b.entries[0].slug)
            .unwrap()
            .0;
        let old = format!("an-old-headline-{part}");
        assert!(id_candidates(&old).iter().any(|c| id_path(c) == *path));
        let links = b.sidecars();
        assert_eq!(links.len(), 30);
        assert_eq!(links[0].1.prev, None);
        assert_eq!(links[1].1.prev.as_ref().unwrap().slug, b.entries[0].slug);
        assert_eq!(links[0].1.related.len(), RELATED_LIMIT);
    }

    #[test]
    fn list_json_is_the_lists_files_as_json() {
        let files: Vec<(String, Vec<u8>)> = (0..120)
            .map(|i| {
                file(
                    &format!("a{i:03}.md"),
                    &format!(
                        "---\ntitle: A{i}\npublishedAt: '2026-01-{:02}T00:00:00Z'\ntags: [T{}]\n---\nbody",
                        1 + i % 28,
                        i % 3
                    ),
                )
            })
            .chain([file("empty.md", "---\ntitle: E\npublishedAt: '2026-01-01T00:00:00Z'\n---\n")])
            .collect();
        let b = build(files);
        for ((dir, members), list) in b.list_members().into_iter().zip(b.lists()) {
            let want: Vec<(String, Vec<u8>)> = list
                .files()
                .into_iter()
                .map(|(p, f)| (p, serde_json::to_vec(&f).unwrap()))
                .collect();
            assert_eq!(b.list_json(&dir, &members).unwrap(), want, "{dir}");
        }
        let empty = build(Vec::new());
        let (dir, members) = &empty.list_members()[0];
        assert_eq!(
            empty.list_json(dir, members).unwrap()[0].1,
            serde_json::to_vec(&empty.lists()[0].files()[0].1).unwrap()
        );
    }

    #[test]
    fn an_empty_site_still_has_a_head() {
        let b = build(Vec::new());
        let lists = b.lists();
        assert_eq!(lists.len(), 1);
        let files = lists[0].files();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "data/feed/all/head.json");
        assert_eq!(lists[0].head.total, 0);
        assert!(lists[0].head.entries.is_empty());
        assert!(b.id_buckets().is_empty());
    }

    #[test]
    fn long_lists_are_numbered_from_the_oldest_end() {
        let article = |i: usize| {
            file(
                &format!("a{i:03}.md"),
                &format!(
                    "---\ntitle: A{i}\npublishedAt: '2026-01-01T{:02}:{:02}:00Z'\nexternalId: {i}\n---\nbody",
                    i / 60,
                    i % 60
                ),
            )
        };
        let written = |n: usize| -> Vec<(String, String)> {
            let b = build((0..n).map(article));
            let lists = b.lists();
            let all = lists.iter().find(|l| l.dir == "all").unwrap();
            all.files()
                .into_iter()
                .map(|(p, f)| (p, serde_json::to_string(&f).unwrap()))
                .collect()
        };
        let before = written(100);
        let paths: Vec<&str> = before.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "data/feed/all/head.json",
                "data/feed/all/0.json",
                "data/feed/all/1.json",
                "data/feed/all/2.json"
            ]
        );
        assert!(
            before[1].1.contains("\"slug\":\"a23-23\""),
            "page 0 is the oldest"
        );
        assert!(!before[1].1.contains("\"slug\":\"a24-24\""));
        // One newer article rewrites the head only.
        let after = written(101);
        assert_eq!(after.len(), before.len());
        assert_ne!(after[0], before[0]);
        assert_eq!(after[1..], before[1..]);
    }

    #[test]
    fn index_entries_reparse_to_the_same_article() {
        let b = build([file(
            "a.md",
            "---\ntitle: A\npublishedAt: '2026-01-02T00:00:00Z'\n---\nbody",
        )]);
        let e = &b.entries[0];
        let again = Article::from_front_matter(&e.fm, &e.fallback_id).unwrap();
        assert_eq!(again.slug, e.slug);
    }
}
