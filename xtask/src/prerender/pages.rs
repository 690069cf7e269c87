//! The static pages' `<head>` tags and bodies. Bodies are the core's markup (the app's
//! own views, see `broadsheet_core::markup`) with no live hooks: this module chooses
//! what a first visit sees (no article read or saved, calendar dates) and adds nothing of
//! its own.

use broadsheet_core::bundle::{ArticleSidecar, Bundle};
use broadsheet_core::date::to_rfc3339;
use broadsheet_core::feed_links::MAIN_FEEDS;
use broadsheet_core::markdown::{escape_html as esc, render};
use broadsheet_core::markup::article::{article_markup, ArticlePage};
use broadsheet_core::markup::card::{card_markup, CardOptions, ReaderMarks};
use broadsheet_core::markup::chart::chart_markup;
use broadsheet_core::markup::chrome::{
    not_found_markup, site_footer_markup, site_header_markup, Missing,
};
use broadsheet_core::markup::{mark_all_markup, EAGER_COVERS};
use broadsheet_core::stats::Overview;
use broadsheet_core::FeedFilter;
use broadsheet_core::{title_case, Article};

use super::site::Site;

/// The main feeds, which every static page names (its pages are unfiltered; the app
/// names a filtered view's own feed).
fn feed_links(site: &Site) -> String {
    MAIN_FEEDS
        .iter()
        .map(|(path, media_type, format)| {
            format!(
                "<link rel=\"alternate\" type=\"{media_type}\" title=\"{}\" href=\"{}{path}\">",
                esc(&site.locale().fmt(
                    "feeds.alternate",
                    &[("site", &site.info.title), ("format", format)]
                )),
                esc(site.base)
            )
        })
        .collect()
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

/// `twitter:site`, when the site has a handle.
fn twitter_site(site: &Site) -> String {
    site.twitter
        .map(|handle| meta_name("twitter:site", handle))
        .unwrap_or_default()
}

/// `<head>` tags for an article: title, description, canonical, Open Graph, Twitter.
pub fn article_head(site: &Site, a: &Article) -> String {
    let url = site.article_url(a);
    let description = if a.description.is_empty() {
        a.title.clone()
    } else {
        a.description.clone()
    };
    let mut h = format!("<title>{}</title>", esc(&site.info.page_title(&a.title)));
    h += &meta_name("description", &description);
    h += &format!("<link rel=\"canonical\" href=\"{}\">", esc(&url));
    h += &meta("og:type", "article");
    h += &meta("og:site_name", &site.info.title);
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
    h += &twitter_site(site);
    h + &feed_links(site)
}

/// The article as static HTML: the app's article view as a first visit sees it.
pub fn article_body(site: &Site, a: &Article, markdown: &str, sidecar: &ArticleSidecar) -> String {
    let rendered = render(markdown);
    let base = site.markup_base();
    let article = article_markup(
        a,
        &ArticlePage {
            locale: site.locale(),
            base,
            back: site.base,
            body: Some(&rendered),
            related: &sidecar.related,
            prev: sidecar.prev.as_ref(),
            next: sidecar.next.as_ref(),
            saved: false,
            now_ms: None,
            live: false,
        },
    );
    with_chrome(site, &article)
}

/// The app's header and footer around a page's `main` content, so the static copy is laid
/// out like the app that replaces it (nothing jumps when it takes over).
fn with_chrome(site: &Site, main: &str) -> String {
    format!(
        "{}<main class=\"page\">{main}</main>{}",
        site_header_markup(site.info, site.markup_base(), false),
        site_footer_markup(site.info, site.markup_base(), false)
    )
}

/// A feed card as the app draws it for a first visit (every article new, none saved).
fn card(site: &Site, a: &Article, eager: bool) -> String {
    card_markup(
        a,
        &CardOptions {
            locale: site.locale(),
            base: site.markup_base(),
            filter: &FeedFilter::default(),
            eager,
            highlight: &[],
            marks: Some(ReaderMarks::default()),
            now_ms: None,
            live: false,
        },
    )
}

/// `<head>` tags of the front page.
pub fn front_head(site: &Site) -> String {
    format!(
        "<title>{}</title>{}<link rel=\"canonical\" href=\"{u}\">{}{}{}{}{}{}{}",
        esc(&site.info.title),
        meta_name("description", site.description),
        meta("og:type", "website"),
        meta("og:site_name", &site.info.title),
        meta("og:title", &site.info.title),
        meta("og:description", site.description),
        meta("og:url", site.url),
        twitter_site(site),
        feed_links(site),
        u = esc(site.url)
    )
}

/// The front page as the app first shows it: the sentiment overview of every article
/// (as the bundle step counted it), the "mark all as read" row and the first page of
/// cards.
pub fn front_page_body(site: &Site, bundle: &Bundle, overview: Option<&Overview>) -> String {
    let first: Vec<&Article> = bundle
        .articles
        .iter()
        .take(site.info.page_size)
        .map(|(a, _)| a)
        .collect();
    let cards: String = first
        .iter()
        .enumerate()
        .map(|(i, a)| card(site, a, i < EAGER_COVERS))
        .collect();
    let chart = overview
        .and_then(|o| chart_markup(site.locale(), o, site.markup_base(), &FeedFilter::default()))
        .map(|markup| format!("<details class=\"chart\" open>{markup}</details>"))
        .unwrap_or_default();
    with_chrome(
        site,
        &format!(
            "<h1 class=\"visually-hidden\">{}</h1>{chart}{}<div class=\"feed\">{cards}</div>",
            esc(site.locale().t("feed.heading")),
            mark_all_markup(site.locale(), first.len(), false)
        ),
    )
}

/// `<head>` tags of `404.html`.
pub fn not_found_head(site: &Site) -> String {
    format!(
        "<title>{}</title>{}",
        esc(&site.info.page_title(site.locale().t("not_found.title"))),
        meta_name("robots", "noindex")
    )
}

/// `404.html`'s body.
pub fn not_found_body(site: &Site) -> String {
    with_chrome(
        site,
        &not_found_markup(site.locale(), Missing::Page, site.markup_base(), false),
    )
}

/// The about page's title: the text of its first heading, else the footer's word.
fn about_title(site: &Site, html: &str) -> String {
    html.split_once("<h1")
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</h1>"))
        .map(|(inner, _)| strip_tags(inner))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| site.locale().t("site.about").to_string())
}

/// The text of an HTML fragment the markdown renderer wrote (entities kept as written).
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `<head>` tags of the about page (`html` is its rendered, safe body).
pub fn about_head(site: &Site, html: &str) -> String {
    // The heading's text is already escaped by the renderer.
    format!(
        "<title>{} · {}</title><link rel=\"canonical\" href=\"{}about\">{}{}",
        about_title(site, html),
        esc(&site.info.title),
        esc(site.url),
        meta("og:site_name", &site.info.title),
        feed_links(site)
    )
}

/// The about page as the app shows it.
pub fn about_body(site: &Site, html: &str) -> String {
    with_chrome(
        site,
        &format!("<article class=\"prose about\">{html}</article>"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::bundle::build;
    use broadsheet_core::markup::CARDS_PER_PAGE;
    use broadsheet_core::markup::HERO_COVER_SIZES;

    fn bundle(n: usize) -> Bundle {
        build((0..n).map(|i| {
            (
                format!("a{i}.md"),
                format!(
                    "---\ntitle: Article {i}\npublishedAt: 2025-01-{:02}T00:00:00Z\ncoverImage: {{small: 'https://img.example/{i}.jpg'}}\n---\n## A\n## B\n## C\nText.\n",
                    i % 28 + 1
                )
                .into_bytes(),
            )
        }))
    }

    fn site() -> Site<'static> {
        super::super::site::test_site("/news/", "https://example.org/news/")
    }

    /// Static pages are unfiltered: they name the main feeds, never a filter's.
    #[test]
    fn static_pages_name_the_main_feeds() {
        let head = front_head(&site());
        for (media_type, title, file) in [
            ("application/rss+xml", "RSS", "feed.xml"),
            ("application/atom+xml", "Atom", "atom.xml"),
            ("application/feed+json", "JSON Feed", "feed.json"),
        ] {
            let link = format!(
                "<link rel=\"alternate\" type=\"{media_type}\" title=\"Broadsheet ({title})\" href=\"/news/{file}\">"
            );
            assert!(head.contains(&link), "{link}");
        }
        assert!(!head.contains("feeds/"));
    }

    /// Guards the drift this module once had: its own card count and eager-cover count,
    /// apart from the app's.
    #[test]
    fn the_front_page_uses_the_app_constants() {
        let b = bundle(CARDS_PER_PAGE + 5);
        let html = front_page_body(&site(), &b, None);
        assert_eq!(
            html.matches("<article class=\"card").count(),
            CARDS_PER_PAGE
        );
        assert_eq!(html.matches("loading=\"eager\"").count(), EAGER_COVERS);
        assert!(html.contains(&mark_all_markup(site().locale(), CARDS_PER_PAGE, false)));
        // The site's page size, when it sets one.
        let mut info = site().info.clone();
        info.page_size = 12;
        let small = Site {
            info: &info,
            ..site()
        };
        let html = front_page_body(&small, &b, None);
        assert_eq!(html.matches("<article class=\"card").count(), 12);
        let empty = front_page_body(&site(), &bundle(0), None);
        assert!(empty.contains("All caught up") && empty.contains(" disabled>"));
    }

    /// The static article is the app's article markup, with the app's hero `sizes` and
    /// no `decoding="async"` on the eager hero (both once differed here).
    #[test]
    fn the_article_page_is_the_app_markup_without_hooks() {
        let b = bundle(1);
        let Some((a, body)) = b.articles.first() else {
            panic!("no article built");
        };
        let html = article_body(
            &site(),
            a,
            body.body().unwrap_or_default(),
            &ArticleSidecar::default(),
        );
        assert!(html.contains(&format!("sizes=\"{HERO_COVER_SIZES}\"")));
        assert!(!html.contains("decoding=\"async\""));
        assert!(html.contains("<nav class=\"toc\""));
        assert!(html.contains("href=\"/news/article/"));
        for hook in [
            "\"article\"",
            "\"article-title\"",
            "\"save-toggle\"",
            "\"toc-link\"",
        ] {
            assert!(!html.contains(&format!("data-testid={hook}")), "{hook}");
        }
        assert!(!html.contains("data-ms") && !html.contains("data-fallback"));
        assert!(html.contains(&site_header_markup(site().info, "/news", false)));
        assert!(html.ends_with(&site_footer_markup(site().info, "/news", false)));
    }
}
