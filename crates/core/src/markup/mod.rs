//! Every HTML fragment that both the prerendered page and the app show, written once.
//!
//! `cargo xtask dist` writes a static page per article, the front page and `404.html`
//! from these functions; the app writes the same strings with one `innerHTML` and wires
//! what is interactive (save, share, table of contents, search, theme) with listeners on
//! the element that holds them. So the static copy and the app that replaces it cannot
//! drift apart: there is no second copy to drift. A `live` flag adds what only the app
//! needs (test ids, `data-` hooks for its listeners); the static copy has no ids, since
//! the app's own copy is already in the document, hidden, while the static one shows.
//!
//! Every value from an article is escaped here, attributes included.
//!
//! Markup that needs the markdown renderer's output ([`article`]) takes it as input and
//! never calls the renderer: the app calls it from its article split module, so the
//! renderer stays out of the main Wasm file.

pub mod article;
pub mod card;
pub mod chart;
pub mod chrome;
pub mod facet_link;

pub use card::CARD_COVER_SIZES;

use crate::i18n::Locale;
use crate::markdown::escape_html;

/// Cards on one page of a list when `broadsheet.toml` sets no `page_size`
/// ([`crate::site::SiteInfo::page_size`]): the front page's prerendered cards, the app's
/// first page and each page it adds while scrolling.
pub const CARDS_PER_PAGE: usize = crate::bundle::PAGE_SIZE;

/// Cards whose covers load eagerly with high priority when a page is first shown: those
/// likely above the fold (four columns on a wide screen).
pub const EAGER_COVERS: usize = 4;

// A page of cards fills every row of a one- to four-column grid, and the eager covers
// are on the first page: checked when the core is compiled.
const _: () = assert!(CARDS_PER_PAGE % 12 == 0 && EAGER_COVERS <= CARDS_PER_PAGE);

/// `sizes` of an article's hero cover: the article column is at most 960 px wide.
pub const HERO_COVER_SIZES: &str = "(max-width: 960px) 100vw, 960px";

/// A length given in hundredths of a unit, written with at most two decimals (`50`,
/// `12.5`, `33.33`), for SVG and CSS lengths. Computed in integers: identical in Wasm and
/// natively, and without float formatting, whose code and tables would otherwise be in
/// the Wasm file every page loads.
pub fn hundredths(hundredths: u64) -> String {
    let (whole, part) = (hundredths / 100, hundredths % 100);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    }
}

/// The feed's count of unread articles in view, beside "Mark all as read".
///
/// ```
/// use broadsheet_core::i18n::Locale;
/// use broadsheet_core::markup::unread_label;
/// let mut t = Locale::default();
/// t.messages.insert("feed.all_caught_up".into(), "All caught up".into());
/// t.messages.insert("feed.unread.other".into(), "{n} unread".into());
/// assert_eq!(unread_label(&t, 0), "All caught up");
/// assert_eq!(unread_label(&t, 24), "24 unread");
/// ```
pub fn unread_label(t: &Locale, unread: usize) -> String {
    match unread {
        0 => t.t("feed.all_caught_up").to_string(),
        n => t.count("feed.unread", n as u64, &[]),
    }
}

/// The "Mark all as read" row above the feed, for `unread` articles in view (the button
/// is disabled when there are none).
pub fn mark_all_markup(t: &Locale, unread: usize, live: bool) -> String {
    let (button_id, count_id) = if live {
        (
            " data-testid=\"mark-all-read\"",
            " data-testid=\"unread-count\"",
        )
    } else {
        ("", "")
    };
    format!(
        "<div class=\"mark-all\"><button type=\"button\" class=\"notice__dismiss\"{button_id}{}>{}</button>\
         <span class=\"mark-all__count\"{count_id}>{}</span></div>",
        if unread == 0 { " disabled" } else { "" },
        escape_html(t.t("feed.mark_all")),
        escape_html(&unread_label(t, unread))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_all_row_is_disabled_only_when_all_is_read() {
        let t = &crate::i18n::english();
        assert!(mark_all_markup(t, 0, false).contains(" disabled>Mark all as read"));
        assert!(mark_all_markup(t, 0, false).contains(">All caught up</span>"));
        assert!(!mark_all_markup(t, 3, true).contains("disabled"));
        assert!(mark_all_markup(t, 3, true).contains("data-testid=\"unread-count\">3 unread<"));
        assert!(!mark_all_markup(t, 3, false).contains("data-testid"));
    }
}
