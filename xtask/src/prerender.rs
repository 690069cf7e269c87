//! Static pages and feeds written beside the app shell by `cargo xtask dist`:
//! one HTML page per article (readable without JavaScript, with link-preview tags),
//! the front page, `404.html`, RSS/Atom/JSON feeds, `sitemap.xml` and `robots.txt`.
//!
//! Every text comes from the core's validated [`Article`] and is escaped here; bodies
//! are the same safe HTML the app renders.

use std::path::Path;

use broadsheet_core::bundle::Bundle;
use broadsheet_core::card::{
    article_cover_markup, card_markup, kicker_markup, save_toggle_markup, CardOptions, ReaderMarks,
};
use broadsheet_core::chart::chart_markup;
use broadsheet_core::date::{format_date, format_date_time, to_rfc2822, to_rfc3339};
use broadsheet_core::facet_link::{card_footer_markup, FacetLink};
use broadsheet_core::feed::Facet;
use broadsheet_core::markdown::{contents, escape_html as esc, render};
use broadsheet_core::model::title_case;
use broadsheet_core::stats::{overview, CHART_DAYS, TOP_TAGS};
use broadsheet_core::Article;
use broadsheet_core::FeedFilter;

use crate::bundle::write_if_changed;

/// Newest articles in each feed.
const FEED_ITEMS: usize = 50;
/// Cards prerendered on the front page.
const FRONT_PAGE_CARDS: usize = 24;

/// Site-wide facts every page needs.
pub struct Site<'a> {
    /// Public base path (`/` or `/sub/`).
    pub base: &'a str,
    /// Absolute URL of the site root, ending in `/`.
    pub url: &'a str,
}

impl Site<'_> {
    /// Absolute URL of an article page.
    pub fn article_url(&self, a: &Article) -> String {
        format!("{}article/{}", self.url, a.slug)
    }

    /// Absolute URL for a cover variant (relative ones are under the site root).
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("https://") || url.starts_with("http://") {
            url.to_string()
        } else {
            format!("{}{}", self.url, url.trim_start_matches('/'))
        }
    }
}

/// The Trunk-built `index.html` split around the places pages fill in.
struct Template {
    html: String,
}

impl Template {
    fn page(&self, lang: &str, dir: &str, head: &str, body: &str) -> String {
        let mut html = self.html.replacen(
            "<html lang=\"en\">",
            &format!("<html lang=\"{}\" dir=\"{}\">", esc(lang), dir),
            1,
        );
        html = remove_between(&html, "<title>", "</title>");
        html = remove_default_description(&html);
        html = html.replacen("</head>", &format!("{head}</head>"), 1);
        html.replacen(
            "<body>",
            &format!("<body><div id=\"prerendered\">{body}</div>"),
            1,
        )
    }
}

fn remove_between(html: &str, open: &str, close: &str) -> String {
    match (html.find(open), html.find(close)) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &html[..a], &html[b + close.len()..]),
        _ => html.to_string(),
    }
}

fn remove_default_description(html: &str) -> String {
    let marker = "<meta name=\"description\"";
    match html.find(marker) {
        Some(a) => match html[a..].find('>') {
            Some(len) => format!("{}{}", &html[..a], &html[a + len + 1..]),
            None => html.to_string(),
        },
        None => html.to_string(),
    }
}

fn feed_links(site: &Site) -> String {
    format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Broadsheet (RSS)\" href=\"{b}feed.xml\">\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"Broadsheet (Atom)\" href=\"{b}atom.xml\">\
         <link rel=\"alternate\" type=\"application/feed+json\" title=\"Broadsheet (JSON Feed)\" href=\"{b}feed.json\">",
        b = esc(site.base)
    )
}

fn meta(property: &str, content: &str) -> String {
    format!(
        "<meta property=\"{property}\" content=\"{}\">",
        esc(content)
    )
}

fn meta_name(name: &str, content: &str) -> String {
    format!("<meta name=\"{name}\" content=\"{}\">", esc(content))
}

/// `<head>` tags for an article: title, description, canonical, Open Graph, Twitter.
pub fn article_head(site: &Site, a: &Article) -> String {
    let url = site.article_url(a);
    let description = if a.description.is_empty() {
        a.title.clone()
    } else {
        a.description.clone()
    };
    let mut h = format!("<title>{} · Broadsheet</title>", esc(&a.title));
    h += &meta_name("description", &description);
    h += &format!("<link rel=\"canonical\" href=\"{}\">", esc(&url));
    h += &meta("og:type", "article");
    h += &meta("og:site_name", "Broadsheet");
    h += &meta("og:title", &a.title);
    h += &meta("og:description", &description);
    h += &meta("og:url", &url);
    h += &meta("og:locale", &a.lang.replace('-', "_"));
    if let Some(cover) = &a.cover {
        let (img, width) = cover
            .variants
            .iter()
            .find(|(_, w)| *w == 1080)
            .or(cover.variants.last())
            .cloned()
            .unwrap_or_default();
        h += &meta("og:image", &site.absolute(&img));
        h += &meta("og:image:alt", &a.title);
        h += &meta("og:image:width", &width.to_string());
        h += &meta("og:image:height", &(width * 9 / 16).to_string());
        h += &meta_name("twitter:card", "summary_large_image");
        h += &meta_name("twitter:image", &site.absolute(&img));
        h += &meta_name("twitter:image:alt", &a.title);
    } else {
        h += &meta_name("twitter:card", "summary");
    }
    h += &meta("article:published_time", &to_rfc3339(a.published_at));
    h += &meta(
        "article:modified_time",
        &to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
    );
    if !a.category.is_empty() {
        h += &meta("article:section", &title_case(&a.category));
    }
    for t in &a.tags {
        h += &meta("article:tag", t);
    }
    h += &meta_name("twitter:title", &a.title);
    h += &meta_name("twitter:description", &description);
    h + &feed_links(site)
}

/// The article as static HTML (same classes as the app, so it looks the same).
pub fn article_body(site: &Site, a: &Article, markdown: &str) -> String {
    let rendered = render(markdown);
    let base = site.base.trim_end_matches('/');
    let none = FeedFilter::default();
    let static_options = CardOptions {
        base,
        filter: &none,
        eager: true,
        highlight: &[],
        marks: None,
        now_ms: None,
        live: false,
    };
    let updated = a
        .updated_at
        .map(|u| format!(" · <span class=\"article__updated\">Updated <time datetime=\"{}\">{}</time></span>", to_rfc3339(u), format_date(u)))
        .unwrap_or_default();
    let source = FacetLink::chip(Facet::Source, &a.source.key, &FeedFilter::default(), base);
    let page_url = format!("{}article/{}", site.base, a.slug);
    let toc = contents(&rendered.headings)
        .map(|sections| {
            let items: String = sections
                .iter()
                .map(|h| {
                    format!(
                        "<li class=\"toc__item toc__item--h{}\"><a href=\"{}#{}\">{}</a></li>",
                        h.level,
                        esc(&page_url),
                        esc(&h.id),
                        esc(&h.text)
                    )
                })
                .collect();
            format!("<nav class=\"toc\" aria-label=\"Contents\"><h2 class=\"toc__title\">Contents</h2><ol class=\"toc__list\">{items}</ol></nav>")
        })
        .unwrap_or_default();
    let article = format!(
        "<article class=\"article\" lang=\"{lang}\" dir=\"{dir}\">\
         <p class=\"article__back\" dir=\"ltr\" lang=\"en\"><a href=\"{home}\">← Back to the feed</a></p>\
         <header class=\"article__header\"><div class=\"card__kicker\">{kicker}</div><h1 class=\"article__title\">{title}</h1>{desc}\
         <p class=\"article__meta\"><a href=\"{source_href}\" class=\"card__source\">{source}</a> · <span title=\"{pub_full}\">Published <time datetime=\"{pub_iso}\">{pub_text}</time></span>{updated}</p>\
         <div class=\"card__footer\">{footer}</div>\
         <div class=\"article__actions\"><span class=\"share\"><button type=\"button\" class=\"button share-button\">Share</button><span class=\"share__status\"></span></span>{save}</div></header>\
         <div class=\"article__hero\">{hero}</div>\
         <p class=\"article__reading-time\">{minutes} min read</p>{toc}\
         <div class=\"prose\">{html}</div></article>",
        lang = esc(&a.lang),
        dir = a.dir.as_str(),
        home = esc(site.base),
        kicker = kicker_markup(a, &static_options, false),
        title = esc(&a.title),
        desc = if a.description.is_empty() { String::new() } else { format!("<p class=\"article__standfirst\">{}</p>", esc(&a.description)) },
        source_href = esc(&source.href),
        source = esc(&a.source.name),
        pub_iso = to_rfc3339(a.published_at),
        pub_full = format_date_time(a.published_at),
        pub_text = format_date(a.published_at),
        footer = card_footer_markup(&a.sentiment, &a.tags, &FeedFilter::default(), base),
        save = save_toggle_markup(a, false, false),
        hero = article_cover_markup(a, "(max-width: 960px) 100vw, 960px", true, false),
        minutes = rendered.reading_minutes(),
        html = rendered.html,
    );
    with_chrome(site, &article)
}

/// The app's header and footer around a page's `main` content, so the static copy is laid
/// out like the app that replaces it (nothing jumps when it takes over). Controls that
/// need the app (theme, shortcuts) are inert until then; search is a plain GET form, and
/// the app reads its `?q=` like any shared search link. No ids: the app's own copy is
/// already in the document, hidden, while this one shows.
fn with_chrome(site: &Site, main: &str) -> String {
    let base = esc(site.base);
    format!(
        "<header class=\"site-header\"><a href=\"{base}\" class=\"site-header__brand\">\
         <span class=\"site-header__logo\" aria-hidden=\"true\">B</span><span class=\"site-header__name\">Broadsheet</span></a>\
         <form class=\"site-header__search search-box\" role=\"search\" action=\"{base}\" method=\"get\">\
         <input type=\"search\" name=\"q\" aria-label=\"Search articles\" placeholder=\"Search articles\" autocomplete=\"off\" spellcheck=\"false\" enterkeyhint=\"search\"></form>\
         <div class=\"daily-controls\"><span class=\"offline-indicator\"></span>\
         <a href=\"{base}saved\" class=\"daily-controls__saved\"><span aria-hidden=\"true\">★</span>Saved<span class=\"daily-controls__count\"></span></a>\
         <button type=\"button\" class=\"theme-toggle\" aria-pressed=\"false\"><span aria-hidden=\"true\">☀ </span>Dark theme</button></div></header>\
         <main class=\"page\">{main}</main>\
         <footer class=\"site-footer\"><p>Broadsheet — a static news reader in Rust and WebAssembly.</p>\
         <button type=\"button\" class=\"button button--quiet\">Keyboard shortcuts</button></footer>"
    )
}

/// A feed card as the app draws it for a first visit (every article new, none saved).
fn card(site: &Site, a: &Article, eager: bool) -> String {
    card_markup(
        a,
        &CardOptions {
            base: site.base.trim_end_matches('/'),
            filter: &FeedFilter::default(),
            eager,
            highlight: &[],
            marks: Some(ReaderMarks::default()),
            now_ms: None,
            live: false,
        },
    )
}

/// The front page as the app first shows it: the sentiment overview of every article,
/// the "mark all as read" row and the first page of cards.
fn front_page_body(site: &Site, bundle: &Bundle) -> String {
    let first: Vec<&Article> = bundle
        .articles
        .iter()
        .take(FRONT_PAGE_CARDS)
        .map(|(a, _)| a)
        .collect();
    let cards: String = first
        .iter()
        .enumerate()
        .map(|(i, a)| card(site, a, i < 4))
        .collect();
    let all: Vec<&Article> = bundle.articles.iter().map(|(a, _)| a).collect();
    let chart = chart_markup(
        &overview(&all, CHART_DAYS, TOP_TAGS),
        site.base.trim_end_matches('/'),
        &FeedFilter::default(),
    )
    .map(|markup| format!("<details class=\"chart\" open>{markup}</details>"))
    .unwrap_or_default();
    let unread = match first.len() {
        0 => "All caught up".to_string(),
        1 => "1 unread".to_string(),
        n => format!("{n} unread"),
    };
    with_chrome(
        site,
        &format!(
            "<h1 class=\"visually-hidden\">Latest news</h1>{chart}\
             <div class=\"mark-all\"><button type=\"button\" class=\"notice__dismiss\">Mark all as read</button>\
             <span class=\"mark-all__count\">{unread}</span></div><div class=\"feed\">{cards}</div>"
        ),
    )
}

fn not_found_body(site: &Site) -> String {
    let section = format!(
        "<section class=\"not-found\"><h1>This page does not exist</h1>\
         <p>The link may be mistyped, or the article may have been withdrawn.</p>\
         <p><a class=\"button\" href=\"{}\">Go to the front page</a></p></section>",
        esc(site.base)
    );
    with_chrome(site, &section)
}

/// Newest first, ignoring pins: feeds are chronological.
fn newest(bundle: &Bundle) -> Vec<&(Article, String)> {
    let mut v: Vec<&(Article, String)> = bundle.articles.iter().collect();
    v.sort_by(|a, b| {
        b.0.published_at
            .cmp(&a.0.published_at)
            .then_with(|| a.0.slug.cmp(&b.0.slug))
    });
    v.truncate(FEED_ITEMS);
    v
}

fn rss(site: &Site, bundle: &Bundle) -> String {
    let items: String = newest(bundle)
        .iter()
        .map(|(a, _)| {
            let url = site.article_url(a);
            let cats: String = a.tags.iter().map(|t| format!("<category>{}</category>", esc(t))).collect();
            format!(
                "<item><title>{}</title><link>{u}</link><guid isPermaLink=\"true\">{u}</guid><pubDate>{}</pubDate><description>{}</description>{cats}</item>",
                esc(&a.title), to_rfc2822(a.published_at), esc(&a.description), u = esc(&url)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\
         <title>Broadsheet</title><link>{u}</link><description>The latest news on Broadsheet</description><language>en</language>\
         <atom:link href=\"{u}feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>{items}</channel></rss>\n",
        u = esc(site.url)
    )
}

fn atom(site: &Site, bundle: &Bundle) -> String {
    let list = newest(bundle);
    let updated = list
        .iter()
        .map(|(a, _)| a.updated_at.unwrap_or(a.published_at))
        .max()
        .unwrap_or(0);
    let entries: String = list
        .iter()
        .map(|(a, body)| {
            let url = site.article_url(a);
            let cats: String = a.tags.iter().map(|t| format!("<category term=\"{}\"/>", esc(t))).collect();
            format!(
                "<entry><title>{}</title><id>{u}</id><link rel=\"alternate\" href=\"{u}\"/><published>{}</published><updated>{}</updated>\
                 <author><name>{}</name></author><summary>{}</summary><content type=\"html\">{}</content>{cats}</entry>",
                esc(&a.title), to_rfc3339(a.published_at), to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
                esc(&a.source.name), esc(&a.description), esc(&render(body).html), u = esc(&url)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Broadsheet</title>\
         <id>{u}</id><link rel=\"alternate\" href=\"{u}\"/><link rel=\"self\" href=\"{u}atom.xml\"/><updated>{}</updated>{entries}</feed>\n",
        to_rfc3339(updated), u = esc(site.url)
    )
}

fn json_feed(site: &Site, bundle: &Bundle) -> crate::Result<String> {
    let items: Vec<serde_json::Value> = newest(bundle)
        .iter()
        .map(|(a, body)| {
            let mut item = serde_json::json!({
                "id": site.article_url(a),
                "url": site.article_url(a),
                "title": a.title,
                "summary": a.description,
                "content_html": render(body).html,
                "date_published": to_rfc3339(a.published_at),
                "date_modified": to_rfc3339(a.updated_at.unwrap_or(a.published_at)),
                "tags": a.tags,
                "language": a.lang,
                "authors": [{ "name": a.source.name }],
            });
            if let Some(c) = &a.cover {
                item["image"] = serde_json::Value::String(site.absolute(c.best_for(1080)));
            }
            item
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Broadsheet",
        "home_page_url": site.url,
        "feed_url": format!("{}feed.json", site.url),
        "language": "en",
        "items": items,
    });
    serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())
}

fn sitemap(site: &Site, bundle: &Bundle) -> String {
    let urls: String = bundle
        .articles
        .iter()
        .map(|(a, _)| {
            format!(
                "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
                esc(&site.article_url(a)),
                to_rfc3339(a.updated_at.unwrap_or(a.published_at))
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{}</loc></url>{urls}</urlset>\n",
        esc(site.url)
    )
}

/// Writes every static page and feed into `out`, which already holds Trunk's build.
pub fn site(bundle: &Bundle, out: &Path, base: &str, url: &str) -> crate::Result {
    let shell = std::fs::read_to_string(out.join("index.html"))
        .map_err(|e| format!("reading the built index.html: {e}"))?;
    let template = Template { html: shell };
    let site = Site { base, url };
    for (a, body) in &bundle.articles {
        let page = template.page(
            &a.lang,
            a.dir.as_str(),
            &article_head(&site, a),
            &article_body(&site, a, body),
        );
        write_if_changed(
            &out.join("article").join(&a.slug).join("index.html"),
            page.as_bytes(),
        )?;
    }
    let front_head = format!(
        "<title>Broadsheet</title>{}<link rel=\"canonical\" href=\"{u}\">{}{}{}{}",
        meta_name("description", "The latest news, read in your browser."),
        meta("og:type", "website"),
        meta("og:title", "Broadsheet"),
        meta("og:url", url),
        feed_links(&site),
        u = esc(url)
    );
    write_if_changed(
        &out.join("index.html"),
        template
            .page("en", "ltr", &front_head, &front_page_body(&site, bundle))
            .as_bytes(),
    )?;
    let nf_head = format!(
        "<title>Not found · Broadsheet</title>{}",
        meta_name("robots", "noindex")
    );
    write_if_changed(
        &out.join("404.html"),
        template
            .page("en", "ltr", &nf_head, &not_found_body(&site))
            .as_bytes(),
    )?;
    write_if_changed(&out.join("feed.xml"), rss(&site, bundle).as_bytes())?;
    write_if_changed(&out.join("atom.xml"), atom(&site, bundle).as_bytes())?;
    write_if_changed(&out.join("feed.json"), json_feed(&site, bundle)?.as_bytes())?;
    write_if_changed(&out.join("sitemap.xml"), sitemap(&site, bundle).as_bytes())?;
    write_if_changed(
        &out.join("robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {url}sitemap.xml\n").as_bytes(),
    )?;
    Ok(())
}
