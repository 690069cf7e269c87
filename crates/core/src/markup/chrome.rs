//! The frame around every page: the site header (masthead, search box, daily controls),
//! the footer, and the not-found message.
//!
//! In the static copy the header's controls are inert until the app takes over, except
//! search, which is a plain GET form (the app reads its `?q=` like any shared search
//! link). The app writes the same markup and wires the controls by their test ids.

use crate::i18n::Locale;
use crate::markdown::escape_html as esc;
use crate::site::SiteInfo;

/// ` lang="…" dir="…"` of the site's UI language, for chrome inside an element in an
/// article's language.
pub fn ui_lang_attrs(l: &Locale) -> String {
    format!(" lang=\"{}\" dir=\"{}\"", esc(&l.language), l.dir())
}

/// The site header: the masthead link home, the search form and the daily controls
/// (offline indicator, Saved link with its count, theme toggle). `base` is the site's
/// base path without its trailing slash.
///
/// ```
/// use broadsheet_core::markup::chrome::site_header_markup;
/// use broadsheet_core::site::SiteInfo;
/// let site = SiteInfo { title: "Die Zeitung".into(), ..Default::default() };
/// let live = site_header_markup(&site, "/news", true);
/// assert!(live.contains("href=\"/news/saved\""));
/// assert!(live.contains("id=\"search-input\""));
/// assert!(live.contains(">Die Zeitung</span>"));
/// assert!(!site_header_markup(&site, "/news", false).contains(" id="));
/// ```
pub fn site_header_markup(site: &SiteInfo, base: &str, live: bool) -> String {
    let t = &site.locale;
    let search_label = esc(t.t("site.search_label"));
    let base = esc(base);
    let id = |testid: &str| {
        if live {
            format!(" data-testid=\"{testid}\"")
        } else {
            String::new()
        }
    };
    // The logo is drawn from the icon the build made of it; without one, a monogram.
    let logo = if site.logo {
        format!("<img class=\"site-header__logo site-header__logo--image\" src=\"{base}/icons/favicon-64.png\" width=\"32\" height=\"32\" alt=\"\">")
    } else {
        format!(
            "<span class=\"site-header__logo\" aria-hidden=\"true\">{}</span>",
            esc(&site.monogram())
        )
    };
    format!(
        "<header class=\"site-header\"><a href=\"{base}/\" class=\"site-header__brand\"{home}>\
         {logo}<span class=\"site-header__name\">{name}</span></a>\
         <form class=\"site-header__search search-box\" role=\"search\" action=\"{base}/\" method=\"get\"{form}>\
         {label}<input{input_id} type=\"search\" name=\"q\"{aria_label} placeholder=\"{search_label}\" autocomplete=\"off\" spellcheck=\"false\" enterkeyhint=\"search\"{input}></form>\
         <div class=\"daily-controls\"><span class=\"offline-indicator\" role=\"status\"{offline}></span>\
         <a href=\"{base}/saved\" class=\"daily-controls__saved\"{saved}><span aria-hidden=\"true\">★</span>{saved_text}<span class=\"daily-controls__count\"{count}></span></a>\
         <button type=\"button\" class=\"theme-toggle\" aria-pressed=\"false\"{theme}><span aria-hidden=\"true\">{icon}</span>{dark}</button></div></header>",
        name = esc(&site.title),
        home = id("home-link"),
        form = id("search-form"),
        // The app's box is labelled by a `<label>`; the static copy cannot use the id
        // (the app's own header is in the document too), so it has an `aria-label`.
        label = if live {
            format!("<label for=\"search-input\" class=\"visually-hidden\">{search_label}</label>")
        } else {
            String::new()
        },
        input_id = if live { " id=\"search-input\"" } else { "" },
        aria_label = if live {
            String::new()
        } else {
            format!(" aria-label=\"{search_label}\"")
        },
        input = id("search-input"),
        offline = id("offline-indicator"),
        saved = id("saved-link"),
        saved_text = esc(t.t("site.saved_link")),
        count = id("saved-count"),
        theme = id("theme-toggle"),
        dark = esc(t.t("site.dark_theme")),
        icon = theme_icon(false),
    )
}

/// The about page's path under the site root (from `broadsheet.toml`'s `about` file).
pub const ABOUT_PATH: &str = "about";

/// The theme toggle's icon: a moon while the dark theme is on, else a sun.
pub fn theme_icon(dark: bool) -> &'static str {
    if dark {
        "☾ "
    } else {
        "☀ "
    }
}

/// The Saved link's count: nothing at zero, else " (n)" in the language's digits.
pub fn saved_count_label(t: &Locale, saved: usize) -> String {
    match saved {
        0 => String::new(),
        n => format!(" ({})", t.number(n as u64)),
    }
}

/// The site footer: the publisher's links (about, contact, terms), the site's line and
/// the keyboard shortcuts button (inert in the static copy).
pub fn site_footer_markup(site: &SiteInfo, base: &str, live: bool) -> String {
    let t = &site.locale;
    let links: String = site
        .footer
        .iter()
        .map(|link| {
            format!(
                "<li><a href=\"{}\"{}>{}</a></li>",
                esc(&SiteInfo::footer_href(link, base)),
                // The about page is one of the app's routes; another path of the site is a
                // file the app does not know, which the browser must load itself.
                if link.href.contains("://") || link.href.trim_matches('/') == ABOUT_PATH {
                    ""
                } else {
                    " rel=\"external\""
                },
                esc(t.t(&link.label))
            )
        })
        .collect();
    let nav = if links.is_empty() {
        String::new()
    } else {
        format!(
            "<nav class=\"site-footer__links\" aria-label=\"{}\"><ul>{links}</ul></nav>",
            esc(t.t("site.footer_nav"))
        )
    };
    format!(
        "<footer class=\"site-footer\">{nav}<p>{}</p>\
         <button type=\"button\" class=\"button button--quiet\" aria-keyshortcuts=\"?\"{}>{}</button></footer>",
        esc(&t.fmt("site.footer_note", &[("title", &site.title)])),
        if live {
            " data-testid=\"shortcuts-button\""
        } else {
            ""
        },
        esc(t.t("site.shortcuts_button")),
    )
}

/// The keyboard shortcuts: the keys (any one of them) and the message key of what they
/// do, as the help dialog lists them.
pub const SHORTCUTS: [(&[&str], &str); 7] = [
    (&["j"], "shortcuts.next"),
    (&["k"], "shortcuts.previous"),
    (&["o", "Enter"], "shortcuts.open"),
    (&["u", "Backspace"], "shortcuts.back"),
    (&["/"], "shortcuts.search"),
    (&["?"], "shortcuts.help"),
    (&["Esc"], "shortcuts.close_help"),
];

/// The keyboard shortcuts dialog (the app shows it on `?` or the footer's button; its
/// close button is `data-testid="shortcuts-close"`).
///
/// ```
/// use broadsheet_core::i18n::Locale;
/// use broadsheet_core::markup::chrome::shortcuts_dialog_markup;
/// let html = shortcuts_dialog_markup(&Locale::default());
/// assert!(html.contains("role=\"dialog\"") && html.contains("<kbd>Esc</kbd>"));
/// ```
pub fn shortcuts_dialog_markup(t: &Locale) -> String {
    // "o or Enter": each key in its own `<kbd>`, joined by the language's word.
    let or = format!(" {} ", esc(t.t("shortcuts.or")));
    let rows: String = SHORTCUTS
        .iter()
        .map(|(keys, what)| {
            let keys: Vec<String> = keys
                .iter()
                .map(|k| format!("<kbd>{}</kbd>", esc(k)))
                .collect();
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                keys.join(&or),
                esc(t.t(what))
            )
        })
        .collect();
    format!(
        "<div class=\"kbd-help\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"kbd-help-title\" data-testid=\"shortcuts-help\">\
         <div class=\"kbd-help__panel\"><h2 id=\"kbd-help-title\">{}</h2>\
         <table class=\"kbd-help__table\"><tbody>{rows}</tbody></table>\
         <button type=\"button\" class=\"button\" data-testid=\"shortcuts-close\">{}</button></div></div>",
        esc(t.t("shortcuts.title")),
        esc(t.t("shortcuts.close"))
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
    /// The message key of the heading.
    pub fn key(self) -> &'static str {
        match self {
            Missing::Page => "not_found.page",
            Missing::Article => "not_found.article",
        }
    }
}

/// "This page does not exist", with a way back to the front page.
///
/// ```
/// use broadsheet_core::markup::chrome::{not_found_markup, Missing};
/// use broadsheet_core::i18n::Locale;
/// let mut t = Locale::default();
/// t.messages.insert("not_found.article".into(), "This article does not exist".into());
/// let html = not_found_markup(&t, Missing::Article, "", true);
/// assert!(html.contains("<h1>This article does not exist</h1>"));
/// assert!(html.contains("href=\"/\""));
/// ```
pub fn not_found_markup(t: &Locale, what: Missing, base: &str, live: bool) -> String {
    format!(
        "<section class=\"not-found\"{}><h1>{}</h1>\
         <p>{}</p>\
         <p><a class=\"button\" href=\"{}/\">{}</a></p></section>",
        if live {
            " data-testid=\"not-found\""
        } else {
            ""
        },
        esc(t.t(what.key())),
        esc(t.t("not_found.explanation")),
        esc(base),
        esc(t.t("not_found.front_page")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::FooterLink;

    fn site() -> SiteInfo {
        SiteInfo {
            title: "Broadsheet".into(),
            footer: vec![
                FooterLink {
                    label: "site.about".into(),
                    href: "about".into(),
                },
                FooterLink {
                    label: "site.terms".into(),
                    href: "https://example.com/t".into(),
                },
                FooterLink {
                    label: "site.contact".into(),
                    href: "/contact.html".into(),
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn footer_links_go_under_the_base_path_unless_absolute() {
        let html = site_footer_markup(&site(), "/news", true);
        assert!(html.contains("href=\"/news/about\">"), "{html}");
        assert!(html.contains("href=\"https://example.com/t\">"), "{html}");
        assert!(
            html.contains("href=\"/news/contact.html\" rel=\"external\""),
            "{html}"
        );
        assert!(!site_footer_markup(&SiteInfo::default(), "", true).contains("<nav"));
    }

    #[test]
    fn only_the_live_copy_has_ids_and_hooks() {
        for html in [
            site_header_markup(&site(), "", false),
            site_footer_markup(&site(), "", false),
            not_found_markup(&site().locale, Missing::Page, "", false),
        ] {
            assert!(
                !html.contains("data-testid") && !html.contains(" id="),
                "{html}"
            );
        }
        let header = site_header_markup(&site(), "", true);
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
        let html = site_header_markup(&site(), "/a\"><script>", true);
        assert!(!html.contains("<script>") && html.contains("/a&quot;&gt;&lt;script&gt;/saved"));
    }

    #[test]
    fn labels() {
        assert_eq!(saved_count_label(&Locale::default(), 0), "");
        assert_eq!(saved_count_label(&Locale::default(), 2), " (2)");
        assert_eq!(theme_icon(true), "☾ ");
    }
}
