//! Properties of how a list is cut into files (`bundle::paging`): the files read in
//! display order are the feed, every numbered page is full, and a new newest article
//! changes only the head and at most one new numbered page.

use std::collections::BTreeMap;

use broadsheet_core::bundle::{chunk_list, ListFile, Paging, PAGE_SIZE};
use proptest::prelude::*;

/// The files of a list of `items` (feed order): file -> its entries.
fn files(items: &[u32]) -> BTreeMap<ListFile, Vec<u32>> {
    let (head, pages) = chunk_list(items);
    let mut out = BTreeMap::from([(ListFile::Head, head)]);
    out.extend(
        pages
            .into_iter()
            .enumerate()
            .map(|(p, page)| (ListFile::Page(p), page)),
    );
    out
}

proptest! {
    #[test]
    fn files_in_display_order_are_the_feed(len in 0usize..400) {
        let items: Vec<u32> = (0..len as u32).collect();
        let (head, pages) = chunk_list(&items);
        // (a) head, then page m-1 … page 0.
        let mut joined = head.clone();
        for page in pages.iter().rev() {
            joined.extend(page);
        }
        prop_assert_eq!(&joined, &items);
        // (c) every numbered page is full; the head holds a full first screen.
        prop_assert!(pages.iter().all(|p| p.len() == PAGE_SIZE));
        prop_assert!(head.len() == len || (PAGE_SIZE..2 * PAGE_SIZE).contains(&head.len()));
        // The display pages the app reads are the feed, 24 at a time.
        let paging = Paging::of(len);
        let files = files(&items);
        for n in 0..paging.display_pages(PAGE_SIZE) {
            let mut page: Vec<u32> = Vec::new();
            for (file, range) in paging.display_page(n, PAGE_SIZE) {
                page.extend(&files[&file][range]);
            }
            let want = &items[(n * PAGE_SIZE).min(len)..((n + 1) * PAGE_SIZE).min(len)];
            prop_assert_eq!(&page[..], want);
        }
    }

    #[test]
    fn a_new_article_changes_the_head_and_at_most_one_new_page(len in 0usize..400, extra in 1usize..4) {
        // Items are distinct; the newest come first.
        let mut items: Vec<u32> = (0..len as u32).rev().collect();
        let mut before = files(&items);
        for k in 0..extra {
            items.insert(0, (len + k) as u32);
            let after = files(&items);
            // (b) nothing disappears; only the head and one new page differ.
            prop_assert!(before.keys().all(|f| after.contains_key(f)));
            let changed: Vec<ListFile> = after
                .iter()
                .filter(|(f, entries)| before.get(f) != Some(entries))
                .map(|(f, _)| *f)
                .collect();
            prop_assert!(changed.len() <= 2, "{:?}", changed);
            for f in &changed {
                prop_assert!(*f == ListFile::Head || !before.contains_key(f), "{:?} rewritten", f);
            }
            before = after;
        }
    }

    #[test]
    fn editing_an_article_changes_one_file(len in 1usize..400, at in any::<prop::sample::Index>()) {
        let mut items: Vec<u32> = (0..len as u32).collect();
        let before = files(&items);
        items[at.index(len)] += 10_000;
        let after = files(&items);
        let changed = after.iter().filter(|(f, e)| before.get(f) != Some(e)).count();
        prop_assert_eq!(changed, 1);
    }
}
