//! An article page: back link, header (kicker, title, standfirst, source and dates,
//! sentiment and tags, Share and Save), hero cover, reading time, table of contents, the
//! rendered body, and related reading with the previous and next articles.
//!
//! The body arrives already rendered ([`Rendered`]): this module never runs the
//! markdown renderer, so calling it keeps that renderer out of whichever Wasm file calls
//! it (the app's article split module).

use crate::bundle::ArticleLink;
use crate::date::to_rfc3339;
use crate::feed::{Facet, FeedFilter};
use crate::i18n::Locale;
use crate::markdown::{contents, escape_html as esc, Heading, Rendered};
use crate::markup::card::{
    article_cover_markup, article_lang_attrs, kicker_markup, save_toggle_markup, CardOptions,
};
use crate::markup::facet_link::{card_footer_markup, FacetLink};
use crate::markup::HERO_COVER_SIZES;
use broadsheet_article::{Article, TextDirection};

/// What an article page shows besides the article itself.
#[derive(Debug, Clone, Copy)]
pub struct ArticlePage<'a> {
    /// The UI's words and the time zone of dates.
    pub locale: &'a Locale,
    /// The site's base path without its trailing slash (`""` or `/news`).
    pub base: &'a str,
    /// Where "Back to the feed" goes (the app: the feed as the reader left it).
    pub back: &'a str,
    /// The rendered body; `None` draws no reading time, contents or body.
    pub body: Option<&'a Rendered>,
    /// Related reading, best first.
    pub related: &'a [ArticleLink],
    /// The article before it in the feed.
    pub prev: Option<&'a ArticleLink>,
    /// The article after it in the feed.
    pub next: Option<&'a ArticleLink>,
    /// Whether the reader has saved it (the Save toggle is pressed).
    pub saved: bool,
    /// Now, for relative dates ("3 h ago"); `None` writes calendar dates.
    pub now_ms: Option<i64>,
    /// The app's live copy: test ids and the `data-` hooks its listeners use.
    pub live: bool,
}

/// ` data-testid="…"` on the live copy, nothing on the static one.
fn testid(live: bool, id: &str) -> String {
    if live {
        format!(" data-testid=\"{id}\"")
    } else {
        String::new()
    }
}

/// A date in a `<time>`: relative when `now_ms` is known, with `data-ms` for the app's
/// minute clock on the live copy.
fn time_markup(t: &Locale, ms: i64, now_ms: Option<i64>, live: bool) -> String {
    let text = match now_ms {
        Some(now) => t.relative(ms, now),
        None => t.date(ms),
    };
    format!(
        "<time datetime=\"{}\"{}>{}</time>",
        to_rfc3339(ms),
        if live {
            format!(" data-ms=\"{ms}\"")
        } else {
            String::new()
        },
        esc(&text)
    )
}

/// The path of an article page under `base`.
pub fn article_href(base: &str, slug: &str) -> String {
    format!("{base}/article/{slug}")
}

/// The table of contents of an article's headings (levels 2 and 3), or nothing for a
/// short article. Links are `page#id`: with a `<base href>`, a bare `#id` would resolve
/// against the site root.
///
/// ```
/// use broadsheet_core::markdown::render;
/// use broadsheet_core::markup::article::toc_markup;
/// use broadsheet_core::i18n::Locale;
/// let mut t = Locale::default();
/// t.messages.insert("article.contents".into(), "Contents".into());
/// let r = render("## A\n## B\n### b\n## C\n");
/// let html = toc_markup(&t, &r.headings, "/article/x", "", true);
/// assert!(html.starts_with("<nav class=\"toc\" aria-label=\"Contents\" data-testid=\"toc\">"));
/// assert_eq!(html.matches("data-testid=\"toc-link\"").count(), 4);
/// assert_eq!(toc_markup(&t, &render("## A\n").headings, "/article/x", "", true), "");
/// ```
pub fn toc_markup(t: &Locale, headings: &[Heading], page: &str, lang: &str, live: bool) -> String {
    let Some(sections) = contents(headings) else {
        return String::new();
    };
    let link_id = testid(live, "toc-link");
    let items: String = sections
        .iter()
        .map(|h| {
            format!(
                "<li class=\"toc__item toc__item--h{}\"><a href=\"{}#{}\"{link_id}>{}</a></li>",
                h.level,
                esc(page),
                esc(&h.id),
                esc(&h.text)
            )
        })
        .collect();
    let contents = esc(t.t("article.contents"));
    format!(
        "<nav class=\"toc\" aria-label=\"{contents}\"{}><h2 class=\"toc__title\">{contents}</h2><ol class=\"toc__list\"{lang}>{items}</ol></nav>",
        testid(live, "toc")
    )
}

/// "Related reading": a list of links, or nothing when there are none.
pub fn related_markup(t: &Locale, related: &[ArticleLink], base: &str, live: bool) -> String {
    if related.is_empty() {
        return String::new();
    }
    let link_id = testid(live, "related-link");
    let items: String = related
        .iter()
        .map(|a| {
            format!(
                "<li class=\"related__item\" lang=\"{}\" dir=\"{}\"><a href=\"{}\"{link_id}>{}</a><span class=\"related__meta\">{}</span></li>",
                esc(&a.lang),
                TextDirection::of_lang(&a.lang).as_str(),
                esc(&article_href(base, &a.slug)),
                esc(&a.title),
                esc(&a.source)
            )
        })
        .collect();
    format!(
        "<section class=\"related\" aria-labelledby=\"related-title\"{}><h2 id=\"related-title\">{}</h2><ul class=\"related__list\">{items}</ul></section>",
        testid(live, "related"),
        esc(t.t("article.related"))
    )
}

/// Links to the previous and next article in feed order.
pub fn prev_next_markup(
    t: &Locale,
    prev: Option<&ArticleLink>,
    next: Option<&ArticleLink>,
    base: &str,
    live: bool,
) -> String {
    let link = |a: &ArticleLink, rel: &str, label: &str| {
        format!(
            "<a href=\"{}\" rel=\"{rel}\" class=\"prev-next__{rel}\"{}><span class=\"prev-next__label\">{label}</span>\
             <span class=\"prev-next__title\" lang=\"{}\" dir=\"{}\">{}</span></a>",
            esc(&article_href(base, &a.slug)),
            testid(live, &format!("{rel}-article")),
            esc(&a.lang),
            TextDirection::of_lang(&a.lang).as_str(),
            esc(&a.title)
        )
    };
    format!(
        "<nav class=\"prev-next\" aria-label=\"{}\">{}{}</nav>",
        esc(t.t("article.more")),
        prev.map(|a| link(a, "prev", &esc(t.t("article.previous"))))
            .unwrap_or_default(),
        next.map(|a| link(a, "next", &esc(t.t("article.next"))))
            .unwrap_or_default()
    )
}

/// The whole `<article>` of an article page.
///
/// ```
/// use broadsheet_core::markdown::render;
/// use broadsheet_core::markup::article::{article_markup, ArticlePage};
/// use broadsheet_core::{i18n::Locale, Article};
/// let a = Article::from_front_matter("title: '<b>Hi</b>'\npublishedAt: 2025-01-01T00:00:00Z\n", "x").unwrap();
/// let body = render("Text.");
/// let page = ArticlePage { locale: &Locale::default(), base: "", back: "/", body: Some(&body), related: &[], prev: None,
///     next: None, saved: false, now_ms: None, live: true };
/// let html = article_markup(&a, &page);
/// assert!(html.contains("data-testid=\"article-title\">&lt;b&gt;Hi&lt;/b&gt;</h1>"));
/// assert!(html.contains("<div class=\"prose\" lang=\"en\" dir=\"ltr\" data-testid=\"article-body\"><p>Text.</p>"));
/// ```
pub fn article_markup(a: &Article, p: &ArticlePage) -> String {
    let none = FeedFilter::default();
    let t = p.locale;
    let lang = article_lang_attrs(a);
    let card_options = CardOptions {
        locale: t,
        base: p.base,
        filter: &none,
        eager: true,
        highlight: &[],
        marks: None,
        now_ms: p.now_ms,
        live: p.live,
    };
    let hooks = if p.live {
        format!(
            " data-testid=\"article\" data-slug=\"{}\" data-id=\"{}\"",
            esc(&a.slug),
            esc(&a.id)
        )
    } else {
        String::new()
    };
    let standfirst = if a.description.is_empty() {
        String::new()
    } else {
        format!(
            "<p class=\"article__standfirst\"{lang}>{}</p>",
            esc(&a.description)
        )
    };
    let updated = a
        .updated_at
        .map(|u| {
            format!(
                " · <span class=\"article__updated\" title=\"{}\"{}>{}</span>",
                esc(&t.date_time(u)),
                testid(p.live, "updated"),
                t.fmt(
                    "article.updated",
                    &[("date", &time_markup(t, u, p.now_ms, p.live))]
                )
            )
        })
        .unwrap_or_default();
    let source = FacetLink::chip(t, Facet::Source, &a.source.key, &none, p.base);
    let body = p
        .body
        .map(|r| {
            format!(
                "<p class=\"article__reading-time\"{}>{}</p>{}<div class=\"prose\"{lang}{}>{}</div>",
                testid(p.live, "reading-time"),
                esc(&t.count("article.reading_time", r.reading_minutes() as u64, &[])),
                toc_markup(t, &r.headings, &article_href(p.base, &a.slug), &lang, p.live),
                testid(p.live, "article-body"),
                r.html
            )
        })
        .unwrap_or_default();
    format!(
        "<article class=\"article\"{hooks}>\
         <p class=\"article__back\"><a href=\"{back}\"{back_id}>{back_text}</a></p>\
         <header class=\"article__header\"><div class=\"card__kicker\">{kicker}</div>\
         <h1 class=\"article__title\"{lang}{title_id}>{title}</h1>{standfirst}\
         <p class=\"article__meta\"><a href=\"{source_href}\" class=\"card__source\">{source}</a> · \
         <span title=\"{pub_full}\">{published}</span>{updated}</p>\
         <div class=\"card__footer\">{footer}</div>\
         <div class=\"article__actions\"><span class=\"share\"><button type=\"button\" class=\"button share-button\"{share_id}>{share}</button>\
         <span class=\"share__status\" role=\"status\" aria-live=\"polite\"{status_id}></span></span>{save}</div></header>\
         <div class=\"article__hero\">{hero}</div>{body}\
         <footer class=\"article__footer\">{related}{prev_next}</footer></article>",
        back = esc(p.back),
        back_text = esc(t.t("article.back")),
        share = esc(t.t("article.share")),
        back_id = testid(p.live, "back-to-feed"),
        kicker = kicker_markup(a, &card_options, false),
        title_id = testid(p.live, "article-title"),
        title = esc(&a.title),
        source_href = esc(&source.href),
        source = esc(&a.source.name),
        pub_full = esc(&t.date_time(a.published_at)),
        published = t.fmt("article.published", &[("date", &time_markup(t, a.published_at, p.now_ms, p.live))]),
        footer = card_footer_markup(t, &a.sentiment, &a.tags, &none, p.base),
        share_id = testid(p.live, "share-button"),
        status_id = testid(p.live, "share-status"),
        save = save_toggle_markup(t, a, p.saved, p.live),
        hero = article_cover_markup(a, HERO_COVER_SIZES, true, p.live),
        related = related_markup(t, p.related, p.base, p.live),
        prev_next = prev_next_markup(t, p.prev, p.next, p.base, p.live),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    fn article(extra: &str) -> Article {
        let src = format!(
            "title: T\ndescription: D\npublishedAt: 2025-01-01T00:00:00Z\nupdatedAt: 2025-01-02T00:00:00Z\ncategory: markets\nsource: {{name: Wire, key: wire}}\ntags: [AI]\n{extra}"
        );
        match Article::from_front_matter(&src, "a-b") {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    fn page<'a>(
        body: Option<&'a Rendered>,
        links: &'a [ArticleLink],
        live: bool,
    ) -> ArticlePage<'a> {
        ArticlePage {
            locale: Box::leak(Box::new(crate::i18n::english())),
            base: "/news",
            back: "/news/",
            body,
            related: links,
            prev: links.first(),
            next: links.last(),
            saved: false,
            now_ms: None,
            live,
        }
    }

    #[test]
    fn hostile_text_stays_text() {
        let mut a = article("");
        a.title = "\"><img src=x onerror=alert(1)>".into();
        a.description = "<svg onload=alert(1)>".into();
        a.source.name = "<b>".into();
        a.lang = "en\" onmouseover=\"x".into();
        let links = vec![ArticleLink {
            slug: "s\"><script>".into(),
            title: "<script>alert(1)</script>".into(),
            lang: "x\"y".into(),
            source: "<i>".into(),
        }];
        let body = render("## <b>A</b>\n## B\n## C\n");
        for live in [true, false] {
            let html = article_markup(&a, &page(Some(&body), &links, live));
            for bad in [
                "<img src=x",
                "<svg",
                "<script",
                "<b>",
                "<i>",
                "\" onmouseover",
                "x\"y",
            ] {
                assert!(!html.contains(bad), "{bad} in {html}");
            }
        }
    }

    #[test]
    fn toc_lists_sections_and_escapes_their_text() {
        let body = render("# T\n## One & two\n### Sub\n## B\n## C\n");
        let html = toc_markup(
            &crate::i18n::english(),
            &body.headings,
            "/news/article/a\"b",
            "",
            false,
        );
        assert!(html
            .contains("<li class=\"toc__item toc__item--h2\"><a href=\"/news/article/a&quot;b#"));
        assert!(html.contains(">One &amp; two</a>"), "{html}");
        assert!(html.contains("toc__item--h3"));
        assert!(
            !html.contains(">T</a>"),
            "level 1 is the title, not a section"
        );
        assert!(!html.contains("data-testid"));
    }

    #[test]
    fn only_the_live_copy_has_hooks_and_both_have_the_same_elements() {
        let body = render("## A\n## B\n## C\nText.");
        let links = vec![ArticleLink {
            slug: "other".into(),
            title: "Other".into(),
            lang: "ar".into(),
            source: "Wire".into(),
        }];
        let live = article_markup(&article(""), &page(Some(&body), &links, true));
        let copy = article_markup(&article(""), &page(Some(&body), &links, false));
        for hook in [
            "article",
            "back-to-feed",
            "article-title",
            "updated",
            "share-button",
            "share-status",
            "save-toggle",
            "reading-time",
            "toc",
            "toc-link",
            "article-body",
            "related-link",
            "prev-article",
            "next-article",
        ] {
            let hook = format!("data-testid=\"{hook}\"");
            assert!(live.contains(&hook), "{hook} missing from {live}");
            assert!(!copy.contains(&hook), "{hook} in the static copy");
        }
        assert!(live.contains("data-ms=\"") && !copy.contains("data-ms"));
        // The same elements in the same order: only attributes differ.
        let tags = |html: &str| -> Vec<String> {
            html.split('<')
                .skip(1)
                .map(|t| t.split([' ', '>']).next().unwrap_or("").to_string())
                .collect()
        };
        assert_eq!(tags(&live), tags(&copy));
        assert!(
            live.contains(&format!("sizes=\"{HERO_COVER_SIZES}\""))
                || live.contains("cover--placeholder")
        );
    }

    #[test]
    fn dates_are_relative_when_now_is_known() {
        let a = article("");
        let mut p = page(None, &[], true);
        p.now_ms = Some(a.published_at + 3 * 3_600_000);
        let html = article_markup(&a, &p);
        assert!(html.contains(">3 h ago</time>"), "{html}");
        assert!(
            !html.contains("article__reading-time"),
            "no body, no reading time"
        );
    }
}
