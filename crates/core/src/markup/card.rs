//! A feed card's whole markup, for the app's feed and saved list and for the prerendered
//! front page, so the static copy and the live one are the same card.
//!
//! The app writes a row of cards with one `innerHTML` instead of building each card's
//! dozens of elements, attributes and listeners one call at a time: a filter click at
//! 10,000 articles spent most of its frame doing that and tearing the old cards down.
//! What changes on a card afterwards (read state, saved state, relative dates, a cover
//! that fails) is applied by the app to the elements this markup marks with `data-`
//! attributes. Every value from an article is escaped here.

use crate::date::to_rfc3339;
use crate::feed::{Facet, FeedFilter};
use crate::i18n::Locale;
use crate::markdown::escape_html as esc;
use crate::markup::facet_link::{card_footer_markup, highlighted_markup, FacetLink};
use broadsheet_article::url::srcset_safe;
use broadsheet_article::{title_case, Article, Cover};

/// `sizes` of a feed card's cover: how wide the grid draws it.
pub const CARD_COVER_SIZES: &str = "(max-width: 640px) 100vw, (max-width: 1100px) 50vw, 25vw";

/// The reader's state for one article, as the card shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderMarks {
    /// Opened before: no "New" marker, drawn quieter.
    pub read: bool,
    /// In the Saved list: the toggle is pressed.
    pub saved: bool,
}

/// How a card is drawn.
#[derive(Debug, Clone, Copy)]
pub struct CardOptions<'a> {
    /// The UI's words and the time zone of dates.
    pub locale: &'a Locale,
    /// The site's base path without its trailing slash (`""` or `/news`).
    pub base: &'a str,
    /// Filters active in the feed, kept when a chip is followed.
    pub filter: &'a FeedFilter,
    /// Loads the cover eagerly with high priority (cards likely above the fold).
    pub eager: bool,
    /// Folded search terms to mark in the title and description.
    pub highlight: &'a [String],
    /// The reader's marks; `None` draws no "New" marker and no save toggle.
    pub marks: Option<ReaderMarks>,
    /// Now, for a relative date ("3 h ago"); `None` writes the calendar date (a static
    /// page cannot know when it is read).
    pub now_ms: Option<i64>,
    /// The app's live copy: test ids and the `data-` hooks its handlers use. The
    /// prerendered copy has none, so nothing finds it once the app has taken over.
    pub live: bool,
}

/// What a missing cover's placeholder stands for: the category, else the source.
pub fn placeholder_label(a: &Article) -> String {
    if a.category.is_empty() {
        a.source.name.clone()
    } else {
        title_case(&a.category)
    }
}

/// The first letter of [`placeholder_label`], drawn on the placeholder.
fn placeholder_initial(a: &Article) -> String {
    placeholder_label(a)
        .chars()
        .next()
        .unwrap_or('B')
        .to_string()
}

/// The cover box when there is no usable image or it failed: a designed placeholder of
/// the same 16:9 box, with the first letter of `initial`.
pub fn cover_placeholder_markup(initial: &str, live: bool) -> String {
    format!(
        "<div class=\"cover cover--placeholder\"{} aria-hidden=\"true\"><span class=\"cover__initial\">{}</span></div>",
        if live { " data-testid=\"cover-placeholder\"" } else { "" },
        esc(initial)
    )
}

/// A cover `<img>` with `srcset` from its variants. In HTML the attributes are all set
/// before the image starts loading, so `loading="lazy"` holds (set one by one from
/// script, `src` before `loading` would fetch at once). Live covers carry the
/// placeholder's letter for when they fail.
///
/// Each variant is exactly one `srcset` candidate: the image policy already encodes what
/// would split one (whitespace, commas), and a [`Cover`] built by hand goes through the
/// same encoding here (a no-op for a policy-checked URL).
pub fn cover_markup(cover: &Cover, sizes: &str, eager: bool, fallback: Option<&str>) -> String {
    let srcset = cover
        .variants
        .iter()
        .map(|(u, w)| format!("{} {w}w", esc(&srcset_safe(u))))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "<img class=\"cover\" src=\"{}\" srcset=\"{srcset}\" sizes=\"{}\" width=\"1600\" height=\"900\" alt=\"\" {}{}>",
        esc(cover.best_for(400)),
        esc(sizes),
        // The first covers are the largest paint: decoded with the frame that shows
        // them, not deferred past it as `decoding="async"` allows.
        if eager {
            "loading=\"eager\" fetchpriority=\"high\""
        } else {
            "loading=\"lazy\" fetchpriority=\"auto\" decoding=\"async\""
        },
        fallback
            .map(|f| format!(" data-fallback=\"{}\"", esc(f)))
            .unwrap_or_default()
    )
}

/// The "New" marker of an unread article.
pub fn unread_marker_markup(t: &Locale, live: bool) -> String {
    format!(
        "<span class=\"marker marker--new\"{}>{}<span class=\"visually-hidden\"> {}</span></span>",
        if live {
            " data-testid=\"unread-marker\""
        } else {
            ""
        },
        esc(t.t("card.new")),
        esc(t.t("card.unread"))
    )
}

/// The star and label of a save toggle, pressed or not (its accessible name adds the
/// title after them).
pub fn save_state_text(t: &Locale, saved: bool) -> (&'static str, &str) {
    if saved {
        ("★", t.t("card.saved"))
    } else {
        ("☆", t.t("card.save"))
    }
}

/// The Save/Unsave toggle of an article (a live one finds its article through the card
/// it is in).
pub fn save_toggle_markup(t: &Locale, a: &Article, saved: bool, live: bool) -> String {
    let (star, label) = save_state_text(t, saved);
    let label = esc(label);
    let hooks = if live {
        " data-testid=\"save-toggle\""
    } else {
        ""
    };
    format!(
        "<button type=\"button\" class=\"save-toggle{}\" aria-pressed=\"{saved}\"{hooks}><span aria-hidden=\"true\">{star}</span><span class=\"save-toggle__label\">{label}</span><span class=\"visually-hidden\">: {}</span></button>",
        if saved { " save-toggle--on" } else { "" },
        esc(&a.title)
    )
}

/// The markers and category chip above a title. On a feed card (`on_card`) these
/// include "Pinned" and, while the reader has not opened it, "New".
pub fn kicker_markup(a: &Article, o: &CardOptions, on_card: bool) -> String {
    let mut out = String::new();
    if on_card && o.marks.is_some_and(|m| !m.read) {
        out.push_str(&unread_marker_markup(o.locale, o.live));
    }
    if on_card && a.is_pinned() {
        out.push_str(&format!(
            "<span class=\"marker marker--pinned\">{}</span>",
            esc(o.locale.t("card.pinned"))
        ));
    }
    if !a.category.is_empty() {
        out.push_str(
            &FacetLink::chip(o.locale, Facet::Category, &a.category, o.filter, o.base)
                .text_markup(),
        );
    }
    if a.ai_rewritten {
        out.push_str(&format!(
            "<span class=\"marker marker--ai\" title=\"{}\"{}>{}</span>",
            esc(o.locale.t("card.ai_title")),
            if o.live {
                " data-testid=\"ai-marker\""
            } else {
                ""
            },
            esc(o.locale.t("card.ai"))
        ));
    }
    out
}

/// ` lang="…" dir="…"` of an article's own language, on the elements that hold its text
/// (the card around them speaks the site's language).
pub fn article_lang_attrs(a: &Article) -> String {
    format!(" lang=\"{}\" dir=\"{}\"", esc(&a.lang), a.dir.as_str())
}

/// An article's cover, or its placeholder when it has no usable image.
pub fn article_cover_markup(a: &Article, sizes: &str, eager: bool, live: bool) -> String {
    let initial = placeholder_initial(a);
    match &a.cover {
        Some(c) => cover_markup(c, sizes, eager, live.then_some(initial.as_str())),
        None => cover_placeholder_markup(&initial, live),
    }
}

/// A feed card: cover, title (the one link to the article), summary, source and date,
/// sentiment and tags, and the save toggle.
///
/// ```
/// use broadsheet_core::markup::card::{card_markup, CardOptions};
/// use broadsheet_core::{i18n::Locale, Article, FeedFilter};
/// let a = Article::from_front_matter("title: <b>Hi</b>\npublishedAt: 2025-01-01T00:00:00Z\n", "x").unwrap();
/// let html = card_markup(&a, &CardOptions { locale: &Locale::default(), base: "/news", filter: &FeedFilter::default(),
///     eager: false, highlight: &[], marks: None, now_ms: None, live: true });
/// let link = format!("href=\"/news/article/{}\" data-testid=\"card-link\">&lt;b&gt;Hi&lt;/b&gt;</a>", a.slug);
/// assert!(html.contains(&link));
/// ```
pub fn card_markup(a: &Article, o: &CardOptions) -> String {
    let read = o.marks.is_some_and(|m| m.read);
    let t = o.locale;
    let source = FacetLink::chip(t, Facet::Source, &a.source.key, o.filter, o.base);
    let cover = article_cover_markup(a, CARD_COVER_SIZES, o.eager, o.live);
    let description = if a.description.is_empty() {
        String::new()
    } else {
        format!(
            "<p class=\"card__description\"{}>{}</p>",
            article_lang_attrs(a),
            highlighted_markup(&a.description, o.highlight)
        )
    };
    let date = match o.now_ms {
        Some(now) => t.relative(a.published_at, now),
        None => t.date(a.published_at),
    };
    let (hooks, link_id, source_id, time_hook) = if o.live {
        (
            format!(
                " data-testid=\"article-card\" data-slug=\"{}\" data-id=\"{}\"",
                esc(&a.slug),
                esc(&a.id)
            ),
            " data-testid=\"card-link\"",
            " data-testid=\"chip-source\"",
            format!(" data-ms=\"{}\"", a.published_at),
        )
    } else {
        (String::new(), "", "", String::new())
    };
    let save = o
        .marks
        .map(|m| save_toggle_markup(t, a, m.saved, o.live))
        .unwrap_or_default();
    format!(
        "<article class=\"card{pinned}{read}\"{hooks}>{cover}<div class=\"card__body\">\
         <div class=\"card__kicker\">{kicker}</div>\
         <h2 class=\"card__title\"{lang}><a href=\"{base}/article/{slug}\"{link_id}>{title}</a></h2>{description}\
         <p class=\"card__meta\"><a href=\"{source_href}\" class=\"card__source\"{source_id}>{source_name}</a> · <time datetime=\"{iso}\" title=\"{full}\"{time_hook}>{date}</time></p>\
         <div class=\"card__footer\">{footer}</div>\
         <div class=\"card__actions\">{save}</div>\
         </div></article>",
        pinned = if a.is_pinned() { " card--pinned" } else { "" },
        read = if read { " card--read" } else { "" },
        lang = article_lang_attrs(a),
        kicker = kicker_markup(a, o, true),
        base = esc(o.base),
        slug = esc(&a.slug),
        title = highlighted_markup(&a.title, o.highlight),
        source_href = esc(&source.href),
        source_name = esc(&a.source.name),
        iso = to_rfc3339(a.published_at),
        full = t.date_time(a.published_at),
        footer = card_footer_markup(t, &a.sentiment, &a.tags, o.filter, o.base),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(extra: &str) -> Article {
        let src = format!(
            "title: T\ndescription: D\npublishedAt: 2025-01-01T00:00:00Z\ncategory: markets\nsource: {{name: Wire, key: wire}}\n{extra}"
        );
        match Article::from_front_matter(&src, "a-b") {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    fn options(marks: Option<ReaderMarks>, live: bool) -> CardOptions<'static> {
        CardOptions {
            locale: Box::leak(Box::new(crate::i18n::english())),
            base: "",
            filter: Box::leak(Box::default()),
            eager: false,
            highlight: &[],
            marks,
            now_ms: None,
            live,
        }
    }

    fn o_locale() -> &'static Locale {
        Box::leak(Box::new(crate::i18n::english()))
    }

    #[test]
    fn reader_marks_decide_new_read_and_saved() {
        let a = article("");
        let fresh = card_markup(&a, &options(Some(ReaderMarks::default()), true));
        assert!(
            fresh.contains(&unread_marker_markup(o_locale(), true))
                && !fresh.contains("card--read")
        );
        assert!(fresh.contains("aria-pressed=\"false\"") && fresh.contains(">Save<"));
        let marks = ReaderMarks {
            read: true,
            saved: true,
        };
        let seen = card_markup(&a, &options(Some(marks), true));
        assert!(!seen.contains("marker--new") && seen.contains("class=\"card card--read\""));
        assert!(seen.contains("aria-pressed=\"true\"") && seen.contains(">Saved<"));
        let anonymous = card_markup(&a, &options(None, true));
        assert!(!anonymous.contains("marker--new") && !anonymous.contains("save-toggle"));
    }

    #[test]
    fn only_the_live_copy_has_hooks() {
        let a = article("coverImage: {small: 'https://img.example/s.jpg'}\n");
        let live = card_markup(&a, &options(Some(ReaderMarks::default()), true));
        let copy = card_markup(&a, &options(Some(ReaderMarks::default()), false));
        for hook in [
            "data-testid=\"article-card\"",
            "data-id=\"a-b\"",
            "data-slug=\"",
            "data-testid=\"card-link\"",
            "data-testid=\"save-toggle\"",
            "data-testid=\"unread-marker\"",
            "data-fallback=\"M\"",
            "data-ms=\"",
        ] {
            assert!(live.contains(hook), "{hook} missing from {live}");
            assert!(!copy.contains(hook), "{hook} in the static copy {copy}");
        }
    }

    #[test]
    fn dates_are_relative_only_when_now_is_known() {
        let a = article("");
        let mut o = options(None, true);
        assert!(card_markup(&a, &o).contains(">1 Jan 2025</time>"));
        o.now_ms = Some(a.published_at + 3 * 3_600_000);
        assert!(card_markup(&a, &o).contains(">3 h ago</time>"));
    }

    #[test]
    fn hostile_text_stays_text() {
        let a = article("tags: ['<script>x</script>']\n");
        let mut a = a;
        a.title = "\"><img src=x onerror=alert(1)>".into();
        a.description = "<svg onload=alert(1)>".into();
        a.source.name = "<b>".into();
        let html = card_markup(&a, &options(Some(ReaderMarks::default()), true));
        assert!(
            !html.contains("<img src=x") && !html.contains("<svg") && !html.contains("<script"),
            "{html}"
        );
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn search_terms_are_marked_in_title_and_description() {
        let a = article("");
        let terms = vec!["t".to_string(), "d".to_string()];
        let mut o = options(None, true);
        o.highlight = &terms;
        let html = card_markup(&a, &o);
        assert!(
            html.contains("<mark class=\"search-hit\">T</mark></a>"),
            "{html}"
        );
        assert!(
            html.contains("<p class=\"card__description\" lang=\"en\" dir=\"ltr\"><mark class=\"search-hit\">D</mark></p>"),
            "{html}"
        );
    }
}
