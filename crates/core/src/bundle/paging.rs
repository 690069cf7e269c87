//! How one list is cut into files, numbered from its oldest end so that a new article
//! changes few of them.
//!
//! A list of `total` entries in feed order (pins first, then newest) is written as a
//! *head* (`head.json`: the newest [`Paging::head`] entries, with the list's totals and
//! overview) and *numbered pages* `0.json`, `1.json`… each of exactly [`PAGE_SIZE`]
//! entries, page 0 holding the **oldest** ones. Read in display order the files are the
//! head, then page `m-1`, …, page 0.
//!
//! The head holds every entry of a list shorter than `2 × PAGE_SIZE`, else `PAGE_SIZE +
//! total % PAGE_SIZE` (so between 24 and 47): the first screen always comes whole from
//! one file, and every numbered page is full. One more newest article therefore rewrites
//! only the head of each list it is in, plus, when the head would pass 47 entries, one new
//! numbered page (the head's oldest 24); no existing numbered page changes. Editing an
//! article rewrites the one file that holds its entry.
//!
//! The app reads *display pages* (positions `[24n, 24n + 24)` in feed order, the unit
//! the feed shows and loads), which [`Paging::display_page`] maps to pieces of at most
//! two files.

use std::ops::Range;

use crate::bundle::layout::{head_path, page_path, PAGE_SIZE};

/// One file of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListFile {
    /// `head.json`: the newest entries.
    Head,
    /// `<p>.json`: numbered page `p`, counted from the oldest end.
    Page(usize),
}

impl ListFile {
    /// This file's path in `list`, relative to the site root.
    pub fn path(self, list: &str) -> String {
        match self {
            ListFile::Head => head_path(list),
            ListFile::Page(p) => page_path(list, p),
        }
    }
}

/// The files a list of `total` entries is cut into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Entries in the list.
    pub total: usize,
    /// Entries in the head (the newest ones).
    pub head: usize,
    /// Numbered pages, each of exactly [`PAGE_SIZE`] entries.
    pub pages: usize,
}

impl Paging {
    /// How a list of `total` entries is cut.
    ///
    /// ```
    /// use broadsheet_core::bundle::Paging;
    /// let p = Paging::of(100);
    /// assert_eq!((p.head, p.pages), (28, 3));
    /// assert_eq!((Paging::of(47).head, Paging::of(47).pages), (47, 0));
    /// ```
    pub fn of(total: usize) -> Self {
        let head = if total < 2 * PAGE_SIZE {
            total
        } else {
            PAGE_SIZE + total % PAGE_SIZE
        };
        Paging {
            total,
            head,
            pages: (total - head) / PAGE_SIZE,
        }
    }

    /// The feed positions `file` holds (empty for a page that does not exist).
    pub fn range(&self, file: ListFile) -> Range<usize> {
        match file {
            ListFile::Head => 0..self.head,
            ListFile::Page(p) if p < self.pages => {
                let end = self.total - p * PAGE_SIZE;
                end - PAGE_SIZE..end
            }
            ListFile::Page(_) => 0..0,
        }
    }

    /// The file holding feed position `pos`, and the entry's index in that file; `None`
    /// past the end of the list.
    pub fn locate(&self, pos: usize) -> Option<(ListFile, usize)> {
        if pos >= self.total {
            None
        } else if pos < self.head {
            Some((ListFile::Head, pos))
        } else {
            let from_head = pos - self.head;
            let file = ListFile::Page(self.pages - 1 - from_head / PAGE_SIZE);
            Some((file, from_head % PAGE_SIZE))
        }
    }

    /// Display pages of `size` cards in the list (at least one, possibly empty). The
    /// site's page size (`broadsheet.toml`'s `page_size`) is how many cards the reader
    /// gets at a time; the files keep [`PAGE_SIZE`] entries whatever it is.
    pub fn display_pages(&self, size: usize) -> usize {
        self.total.div_ceil(size.max(1)).max(1)
    }

    /// Where display page `n` of `size` cards (feed positions `[size·n, size·n + size)`)
    /// is: pieces of files, in display order, each a range of entry indices inside that
    /// file. At [`PAGE_SIZE`] cards, at most two files, and page 0 is in the head alone.
    ///
    /// ```
    /// use broadsheet_core::bundle::{ListFile, Paging};
    /// let p = Paging::of(100); // head 28, pages 2, 1, 0
    /// assert_eq!(p.display_page(0, 24), [(ListFile::Head, 0..24)]);
    /// assert_eq!(p.display_page(1, 24), [(ListFile::Head, 24..28), (ListFile::Page(2), 0..20)]);
    /// assert_eq!(p.display_page(4, 24), [(ListFile::Page(0), 20..24)]);
    /// assert_eq!(p.display_page(0, 36), [(ListFile::Head, 0..28), (ListFile::Page(2), 0..8)]);
    /// ```
    pub fn display_page(&self, n: usize, size: usize) -> Vec<(ListFile, Range<usize>)> {
        let size = size.max(1);
        let mut out: Vec<(ListFile, Range<usize>)> = Vec::new();
        let end = ((n + 1) * size).min(self.total);
        let mut pos = n * size;
        while pos < end {
            let Some((file, at)) = self.locate(pos) else {
                break;
            };
            let file_end = self.range(file).end;
            let take = file_end.min(end) - pos;
            out.push((file, at..at + take));
            pos += take;
        }
        out
    }
}

/// A list cut into its files: the head, and the numbered pages with page 0 the oldest.
/// `items` is the list in feed order.
///
/// ```
/// use broadsheet_core::bundle::chunk_list;
/// let items: Vec<u32> = (0..50).collect();
/// let (head, pages) = chunk_list(&items);
/// assert_eq!(head, (0..26).collect::<Vec<_>>());
/// assert_eq!(pages, [(26..50).collect::<Vec<_>>()]);
/// ```
pub fn chunk_list<T: Clone>(items: &[T]) -> (Vec<T>, Vec<Vec<T>>) {
    let paging = Paging::of(items.len());
    let head = items[paging.range(ListFile::Head)].to_vec();
    let pages = (0..paging.pages)
        .map(|p| items[paging.range(ListFile::Page(p))].to_vec())
        .collect();
    (head, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_holds_a_full_first_screen_and_pages_are_full() {
        // total -> (head, numbered pages)
        let table = [
            (0, 0, 0),
            (1, 1, 0),
            (23, 23, 0),
            (24, 24, 0),
            (47, 47, 0),
            (48, 24, 1),
            (49, 25, 1),
            (71, 47, 1),
            (72, 24, 2),
            (100, 28, 3),
            (1000, 40, 40),
        ];
        for (total, head, pages) in table {
            let p = Paging::of(total);
            assert_eq!((p.head, p.pages), (head, pages), "total {total}");
            assert_eq!(p.head + p.pages * PAGE_SIZE, total);
            if total >= PAGE_SIZE {
                assert!(
                    (PAGE_SIZE..2 * PAGE_SIZE).contains(&p.head),
                    "total {total}"
                );
            }
        }
    }

    #[test]
    fn display_pages_cover_the_list_in_order_from_few_files() {
        for size in [12, 24, 36, 48, 96] {
            for total in 0..300 {
                let p = Paging::of(total);
                let mut seen = 0;
                for n in 0..p.display_pages(size) {
                    let pieces = p.display_page(n, size);
                    assert!(
                        pieces.len() <= size.div_ceil(PAGE_SIZE) + 1,
                        "size {size}, total {total}, page {n}"
                    );
                    if n == 0 && size <= PAGE_SIZE {
                        assert!(pieces.iter().all(|(f, _)| *f == ListFile::Head));
                    }
                    for (file, r) in pieces {
                        let whole = p.range(file);
                        assert!(r.end <= whole.len(), "total {total}, page {n}");
                        assert_eq!(whole.start + r.start, seen, "contiguous, in order");
                        seen += r.len();
                    }
                }
                assert_eq!(seen, total);
                assert!(p.display_page(p.display_pages(size), size).is_empty());
            }
        }
    }
}
