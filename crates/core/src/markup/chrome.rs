//! The frame around every page: the site header (masthead, search box, daily controls),
//! the footer, and the not-found message.
//!
//! In the static copy the header's controls are inert until the app takes over, except
//! search, which is a plain GET form (the app reads its `?q=` like any shared search
//! link). The app writes the same markup and wires the controls by their test ids.

use crate::markdown::escape_html as esc;

/// The label of the search box (its accessible name and placeholder).
pub const SEARCH_LABEL: &str = "Search articles";

/// The site header: the masthead link home, the search form and the daily controls
/// (offline indicator, Saved link with its count, theme toggle). `base` is the site's
/// base path without its trailing slash.
///
/// ```
/// use broadsheet_core::markup::chrome::site_header_markup;
/// let live = site_header_markup("/news", true);
/// assert!(live.contains("href=\"/news/saved\""));
/// assert!(live.contains("id=\"search-input\""));
/// assert!(!site_header_markup("/news", false).contains(" id="));
/// ```
pub fn site_header_markup(base: &str, live: bool) -> String {
    let base = esc(base);
    let id = |testid: &str| {
        if live {
            format!(" data-testid=\"{testid}\"")
        } else {
            String::new()
        }
    };
    format!(
        "<header class=\"site-header\"><a href=\"{base}/\" class=\"site-header__brand\"{home}>\
         <span class=\"site-header__logo\" aria-hidden=\"true\">B</span><span class=\"site-header__name\">Broadsheet</span></a>\
         <form class=\"site-header__search search-box\" role=\"search\" action=\"{base}/\" method=\"get\"{form}>\
         {label}<input{input_id} type=\"search\" name=\"q\"{aria_label} placeholder=\"{SEARCH_LABEL}\" autocomplete=\"off\" spellcheck=\"false\" enterkeyhint=\"search\"{input}></form>\
         <div class=\"daily-controls\"><span class=\"offline-indicator\" role=\"status\"{offline}></span>\
         <a href=\"{base}/saved\" class=\"daily-controls__saved\"{saved}><span aria-hidden=\"true\">★</span>Saved<span class=\"daily-controls__count\"{count}></span></a>\
         <button type=\"button\" class=\"theme-toggle\" aria-pressed=\"false\"{theme}><span aria-hidden=\"true\">{icon}</span>Dark theme</button></div></header>",
        home = id("home-link"),
        form = id("search-form"),
        // The app's box is labelled by a `<label>`; the static copy cannot use the id
        // (the app's own header is in the document too), so it has an `aria-label`.
        label = if live {
            format!("<label for=\"search-input\" class=\"visually-hidden\">{SEARCH_LABEL}</label>")
        } else {
            String::new()
        },
        input_id = if live { " id=\"search-input\"" } else { "" },
        aria_label = if live {
            String::new()
        } else {
            format!(" aria-label=\"{SEARCH_LABEL}\"")
        },
        input = id("search-input"),
        offline = id("offline-indicator"),
        saved = id("saved-link"),
        count = id("saved-count"),
        theme = id("theme-toggle"),
        icon = theme_icon(false),
    )
}

/// The theme toggle's icon: a moon while the dark theme is on, else a sun.
pub fn theme_icon(dark: bool) -> &'static str {
    if dark {
        "☾ "
    } else {
        "☀ "
    }
}

/// The Saved link's count: nothing at zero, else " (n)".
pub fn saved_count_label(saved: usize) -> String {
    match saved {
        0 => String::new(),
        n => format!(" ({n})"),
    }
}

/// What the offline indicator says while the browser is offline.
pub const OFFLINE_TEXT: &str = "Offline — showing saved copies";

/// The site footer with the keyboard shortcuts button (inert in the static copy).
pub fn site_footer_markup(live: bool) -> String {
    format!(
        "<footer class=\"site-footer\"><p>Broadsheet — a static news reader in Rust and WebAssembly.</p>\
         <button type=\"button\" class=\"button button--quiet\" aria-keyshortcuts=\"?\"{}>Keyboard shortcuts</button></footer>",
        if live {
            " data-testid=\"shortcuts-button\""
        } else {
            ""
        }
    )
}

/// What a not-found message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// An unknown path.
    Page,
    /// An unknown article slug.
    Article,
}

impl Missing {
    /// The word for it in the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Missing::Page => "page",
            Missing::Article => "article",
        }
    }
}

/// "This page does not exist", with a way back to the front page.
///
/// ```
/// use broadsheet_core::markup::chrome::{not_found_markup, Missing};
/// let html = not_found_markup(Missing::Article, "", true);
/// assert!(html.contains("<h1>This article does not exist</h1>"));
/// assert!(html.contains("href=\"/\""));
/// ```
pub fn not_found_markup(what: Missing, base: &str, live: bool) -> String {
    format!(
        "<section class=\"not-found\"{}><h1>This {} does not exist</h1>\
         <p>The link may be mistyped, or the article may have been withdrawn.</p>\
         <p><a class=\"button\" href=\"{}/\">Go to the front page</a></p></section>",
        if live {
            " data-testid=\"not-found\""
        } else {
            ""
        },
        what.as_str(),
        esc(base)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_live_copy_has_ids_and_hooks() {
        for html in [
            site_header_markup("", false),
            site_footer_markup(false),
            not_found_markup(Missing::Page, "", false),
        ] {
            assert!(
                !html.contains("data-testid") && !html.contains(" id="),
                "{html}"
            );
        }
        let header = site_header_markup("", true);
        for hook in [
            "home-link",
            "search-form",
            "search-input",
            "offline-indicator",
            "saved-link",
            "saved-count",
            "theme-toggle",
        ] {
            assert!(
                header.contains(&format!("data-testid=\"{hook}\"")),
                "{hook}"
            );
        }
    }

    #[test]
    fn the_base_path_is_escaped() {
        let html = site_header_markup("/a\"><script>", true);
        assert!(!html.contains("<script>") && html.contains("/a&quot;&gt;&lt;script&gt;/saved"));
    }

    #[test]
    fn labels() {
        assert_eq!(saved_count_label(0), "");
        assert_eq!(saved_count_label(2), " (2)");
        assert_eq!(theme_icon(true), "☾ ");
    }
}
