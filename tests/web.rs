//! Component tests in headless Chromium (`cargo test --target wasm32-unknown-unknown`).

#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use broadsheet::components::sentiment_badge::SentimentBadge;
use broadsheet_core::i18n::Locale;
use broadsheet_core::markup::card::article_cover_markup;
use broadsheet_core::site::SiteInfo;
use broadsheet_core::{Article, FeedFilter, Sentiment};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The English table of `locales/en.toml`, as the build ships it in `data/site.json`.
/// Reads only what the tables use: `[section]`, `key = "text"` (no escapes), comments.
fn english() -> Locale {
    let mut messages = std::collections::BTreeMap::new();
    let mut section = "";
    for line in include_str!("../locales/en.toml").lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
        } else if let Some((key, value)) = line.split_once(" = ").filter(|_| !line.starts_with('#'))
        {
            let value = value.trim().trim_start_matches('"').trim_end_matches('"');
            messages.insert(format!("{section}.{key}"), value.to_string());
        }
    }
    Locale::new("en", messages)
}

/// The site every mounted view speaks for: the sample site, in English.
fn english_site() -> Arc<SiteInfo> {
    Arc::new(SiteInfo {
        title: "Broadsheet".into(),
        locale: english(),
        ..Default::default()
    })
}

/// Mounts `f` in a new element of the page, with the English site as context.
fn mount<F, N>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        broadsheet::site::set_site(english_site());
        f()
    });
    handle.forget();
    el
}

fn sample(extra: &str) -> Article {
    Article::from_front_matter(
        &format!("title: 'Grid <b>storage</b>'\npublishedAt: '2026-01-16T15:23:33Z'\nexternalId: 7\n{extra}"),
        "x",
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn sentiment_badge_has_icon_text_and_modifier() {
    let el = mount(|| view! { <Router><SentimentBadge sentiment=Sentiment::Negative/></Router> });
    let badge = el
        .query_selector(".sentiment-badge--negative")
        .unwrap()
        .expect("badge");
    assert_eq!(badge.text_content().unwrap(), "▼Negative");
    assert_eq!(badge.get_attribute("href").unwrap(), "/?sentiment=NEGATIVE");
}

#[wasm_bindgen_test]
fn unknown_sentiment_is_shown_neutrally() {
    let el = mount(
        || view! { <Router><SentimentBadge sentiment=Sentiment::parse("ecstatic")/></Router> },
    );
    let badge = el
        .query_selector(".sentiment-badge--unknown")
        .unwrap()
        .expect("badge");
    assert!(badge.text_content().unwrap().contains("Ecstatic"));
}

/// The feed window holding `articles`, built all at once.
fn mount_feed(articles: Vec<Article>) -> web_sys::HtmlElement {
    use broadsheet::components::feed_window::FeedWindow;
    let cards: Vec<broadsheet::search::Card> = articles
        .into_iter()
        .map(|a| (std::sync::Arc::new(a), Vec::new()))
        .collect();
    mount(move || {
        view! {
            <FeedWindow cards=Signal::stored(cards) filter=Signal::stored(FeedFilter::default())
                busy=Signal::stored(false) progressive=Signal::stored(false) owed=RwSignal::new(0)/>
        }
    })
}

#[wasm_bindgen_test]
async fn card_title_is_escaped_and_links_to_the_article() {
    let el = mount_feed(vec![sample(
        "ai:\n  rewritten: true\ntags: [DEFI, 'POLICY']\n",
    )]);
    leptos::task::tick().await;
    let link = el
        .query_selector("[data-testid=card-link]")
        .unwrap()
        .expect("title link");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "/article/grid-b-storage-b-7"
    );
    assert_eq!(link.text_content().unwrap(), "Grid <b>storage</b>");
    assert!(
        el.query_selector("b").unwrap().is_none(),
        "markup in a title must stay text"
    );
    assert!(el
        .query_selector("[data-testid=ai-marker]")
        .unwrap()
        .is_some());
    assert_eq!(el.query_selector_all(".chip--tag").unwrap().length(), 2);
    assert_eq!(
        el.query_selector("time")
            .unwrap()
            .unwrap()
            .get_attribute("datetime")
            .unwrap(),
        "2026-01-16T15:23:33Z"
    );
}

#[wasm_bindgen_test]
async fn a_card_cover_that_fails_gives_way_to_the_placeholder() {
    let el = mount_feed(vec![sample(
        "category: markets\ncoverImage:\n  small: '/no-such-cover.jpg'\n",
    )]);
    leptos::task::tick().await;
    assert!(el.query_selector("img.cover").unwrap().is_some());
    for _ in 0..50 {
        if el.query_selector("img.cover").unwrap().is_none() {
            break;
        }
        sleep(40).await;
    }
    let placeholder = el
        .query_selector("[data-testid=cover-placeholder]")
        .unwrap()
        .expect("placeholder after the cover failed");
    assert_eq!(placeholder.text_content().as_deref(), Some("M"));
    assert!(el.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
fn missing_cover_shows_the_placeholder() {
    let a = sample("category: markets\n");
    let el = mount(
        move || view! { <div inner_html=article_cover_markup(&a, "100vw", false, true)></div> },
    );
    assert!(el
        .query_selector("[data-testid=cover-placeholder]")
        .unwrap()
        .is_some());
    assert!(el.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn sentiment_chart_counts_and_accessible_summary() {
    use broadsheet::components::sentiment_chart::{chart_overview, SentimentChart};
    let a = sample("sentiment: POSITIVE\ntags: [DEFI]\n");
    let mut b = sample("sentiment: NEGATIVE\ntags: [DEFI]\n");
    b.published_at += 2 * 86_400_000;
    let overview = RwSignal::new(chart_overview(&[a.into(), b.into()]));
    let filter = RwSignal::new(FeedFilter::default());
    let el = mount(move || {
        view! { <Router><SentimentChart overview=overview.into() filter=filter.into()/></Router> }
    });
    let svg = el
        .query_selector("[data-testid=sentiment-chart]")
        .unwrap()
        .expect("chart");
    // A group, not an image: its bars are links a keyboard can reach.
    assert_eq!(svg.get_attribute("role").unwrap(), "group");
    assert!(svg
        .get_attribute("aria-label")
        .unwrap()
        .contains("2 articles in view"));
    let days = el.query_selector_all("[data-testid=chart-day]").unwrap();
    assert_eq!(days.length(), 2, "one bar per day with articles");
    let bar = days
        .item(0)
        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        .expect("bar");
    assert_eq!(bar.get_attribute("role").as_deref(), Some("link"));
    assert_eq!(bar.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(bar
        .get_attribute("aria-label")
        .is_some_and(|l| l.starts_with("Show only ")));
    assert_eq!(
        el.query_selector_all("[data-testid=chart-table] tbody tr")
            .unwrap()
            .length(),
        2
    );
    let tag = el
        .query_selector("[data-testid=chart-tag]")
        .unwrap()
        .expect("tag row");
    assert_eq!(tag.get_attribute("data-total").unwrap(), "2");

    // No articles in view: the chart is hidden at once, and shown again at once.
    let details = el
        .query_selector("[data-testid=sentiment-overview]")
        .unwrap()
        .expect("details");
    let full = overview.get_untracked();
    overview.set(chart_overview(&[]));
    leptos::task::tick().await;
    assert!(details.has_attribute("hidden"));
    assert!(el
        .query_selector("[data-testid=chart-day]")
        .unwrap()
        .is_none());
    overview.set(full);
    leptos::task::tick().await;
    assert!(!details.has_attribute("hidden"));
    let bars = || {
        el.query_selector_all("[data-testid=chart-day]")
            .unwrap()
            .length()
    };
    assert_eq!(bars(), 2);

    // Other bars (a filter) are drawn after the next frame, which shows the new cards;
    // the chart says it is busy until then, and only the newest overview is drawn.
    let one_day =
        |sentiment: &str| chart_overview(&[sample(&format!("sentiment: {sentiment}\n")).into()]);
    overview.set(one_day("NEUTRAL"));
    leptos::task::tick().await;
    overview.set(one_day("NEGATIVE"));
    leptos::task::tick().await;
    assert_eq!(bars(), 2, "the old bars stay for this frame");
    assert_eq!(details.get_attribute("aria-busy").as_deref(), Some("true"));
    sleep(200).await;
    assert_eq!(bars(), 1);
    assert_eq!(details.get_attribute("aria-busy").as_deref(), Some("false"));
    let legend = el
        .query_selector("[data-testid=chart-legend][data-sentiment=NEGATIVE]")
        .unwrap()
        .expect("legend");
    assert_eq!(legend.get_attribute("data-count").as_deref(), Some("1"));

    // The same overview and filter again: nothing is redrawn, now or after the frame.
    let svg = el
        .query_selector("[data-testid=sentiment-chart]")
        .unwrap()
        .expect("chart");
    overview.set(overview.get_untracked());
    leptos::task::tick().await;
    assert_eq!(details.get_attribute("aria-busy").as_deref(), Some("false"));
    sleep(200).await;
    assert!(svg.is_connected(), "the drawn chart is kept");

    // A new filter alone gives the bars new links.
    let day_link = || {
        el.query_selector("[data-testid=chart-day]")
            .unwrap()
            .and_then(|bar| bar.get_attribute("data-href"))
            .unwrap_or_default()
    };
    assert!(!day_link().contains("sentiment="), "{}", day_link());
    filter.set(FeedFilter::from_pairs([("sentiment", "NEGATIVE")]));
    leptos::task::tick().await;
    assert_eq!(details.get_attribute("aria-busy").as_deref(), Some("true"));
    sleep(200).await;
    assert!(day_link().contains("sentiment=NEGATIVE"), "{}", day_link());
}

#[wasm_bindgen_test]
async fn card_shows_unread_marker_and_save_toggle_with_a_store() {
    use broadsheet::reader_state::ReaderStore;
    let _ = window().local_storage().unwrap().unwrap().clear();
    use broadsheet::components::feed_window::FeedWindow;
    let cards = vec![(std::sync::Arc::new(sample("")), Vec::new())];
    let el = mount(move || {
        let store = ReaderStore::provide();
        view! {
            <FeedWindow cards=Signal::stored(cards) filter=Signal::stored(FeedFilter::default())
                busy=Signal::stored(false) progressive=Signal::stored(false) owed=RwSignal::new(0)/>
            <button id="read" on:click=move |_| store.mark_read("7")>"read"</button>
        }
    });
    leptos::task::tick().await;
    assert!(el
        .query_selector("[data-testid=unread-marker]")
        .unwrap()
        .is_some());
    let toggle: web_sys::HtmlElement = el
        .query_selector("[data-testid=save-toggle]")
        .unwrap()
        .expect("save toggle")
        .unchecked_into();
    assert_eq!(toggle.get_attribute("aria-pressed").unwrap(), "false");
    toggle.click();
    leptos::task::tick().await;
    assert_eq!(toggle.get_attribute("aria-pressed").unwrap(), "true");
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("broadsheet.reader.v1")
        .unwrap()
        .unwrap();
    assert!(stored.contains("\"7\""));
    let read: web_sys::HtmlElement = el
        .query_selector("#read")
        .unwrap()
        .unwrap()
        .unchecked_into();
    read.click();
    leptos::task::tick().await;
    assert!(el
        .query_selector("[data-testid=unread-marker]")
        .unwrap()
        .is_none());
    assert!(el.query_selector(".card--read").unwrap().is_some());
}

/// Resolves after `ms` milliseconds (long enough for a frame and the timeout after it).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn cards(n: usize) -> Vec<broadsheet::search::Card> {
    (0..n)
        .map(|i| {
            let fm = format!(
                "title: 'Story {i}'\npublishedAt: '2026-01-16T15:23:33Z'\nexternalId: {i}\n"
            );
            let article = Article::from_front_matter(&fm, "x").unwrap();
            (std::sync::Arc::new(article), Vec::new())
        })
        .collect()
}

fn card_count(el: &web_sys::HtmlElement) -> u32 {
    el.query_selector_all("[data-testid=article-card]")
        .unwrap()
        .length()
}

#[wasm_bindgen_test]
async fn feed_window_builds_the_first_rows_at_once_and_the_rest_after_the_paint() {
    use broadsheet::components::feed_window::{first_frame_cards, FeedWindow};
    let owed = RwSignal::new(0usize);
    let shown = RwSignal::new(cards(24));
    let el = mount(move || {
        view! {
            <Router>
                <FeedWindow cards=shown.into() filter=Signal::stored(FeedFilter::default())
                    busy=Signal::stored(false) progressive=Signal::stored(true) owed=owed/>
            </Router>
        }
    });
    let feed = el
        .query_selector("[data-testid=feed]")
        .unwrap()
        .expect("feed");
    let (first, later) = (first_frame_cards(true), first_frame_cards(false));
    assert!(
        first >= 2 && first % 2 == 0 && later == first / 2,
        "{first} {later}"
    );
    // Written in the task that built the feed (effects run in its microtasks).
    leptos::task::tick().await;
    assert_eq!(card_count(&el), first as u32, "two rows in the first frame");
    assert_eq!(owed.get_untracked(), 1);
    assert_eq!(feed.get_attribute("aria-busy").as_deref(), Some("true"));
    sleep(200).await;
    assert_eq!(card_count(&el), 24, "the rest right after");
    assert_eq!(owed.get_untracked(), 0);
    leptos::task::tick().await;
    assert_eq!(feed.get_attribute("aria-busy").as_deref(), Some("false"));

    // A page loaded later (more cards, or a filter): one row at once, then the rest.
    shown.set(cards(48));
    leptos::task::tick().await;
    assert_eq!(
        card_count(&el),
        24 + later as u32,
        "one row of the new page first"
    );
    sleep(200).await;
    assert_eq!(card_count(&el), 48);
    assert_eq!(owed.get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn feed_window_builds_everything_at_once_when_not_progressive() {
    use broadsheet::components::feed_window::FeedWindow;
    let el = mount(move || {
        view! {
            <Router>
                <FeedWindow cards=Signal::stored(cards(24)) filter=Signal::stored(FeedFilter::default())
                    busy=Signal::stored(false) progressive=Signal::stored(false) owed=RwSignal::new(0)/>
            </Router>
        }
    });
    leptos::task::tick().await;
    assert_eq!(card_count(&el), 24);
}

#[wasm_bindgen_test]
fn cover_markup_is_lazy_with_every_variant() {
    // Parsed from markup, every attribute is set before the image starts loading (set
    // one by one from script, `src` before `loading` would fetch at once).
    let a = sample("category: markets\ncoverImage:\n  small: 'https://img.example/s.jpg'\n  regular: 'https://img.example/r.jpg'\n");
    assert!(a.cover.is_some());
    let el = mount(
        move || view! { <div inner_html=article_cover_markup(&a, "100vw", false, true)></div> },
    );
    let img = el.query_selector("img.cover").unwrap().expect("img");
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(img.get_attribute("sizes").as_deref(), Some("100vw"));
    assert!(img
        .get_attribute("srcset")
        .is_some_and(|s| s.contains("https://img.example/r.jpg")));
}

/// `next_task` ends the current task: a timeout queued before it has run by the time it
/// resolves, which a microtask (a resolved promise) would not have waited for.
#[wasm_bindgen_test]
async fn next_task_resolves_after_work_already_queued() {
    use std::cell::Cell;
    use std::rc::Rc;
    let ran = Rc::new(Cell::new(false));
    let flag = ran.clone();
    set_timeout(move || flag.set(true), std::time::Duration::ZERO);
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
        &wasm_bindgen::JsValue::UNDEFINED,
    ))
    .await;
    assert!(!ran.get(), "a microtask comes before the queued timeout");
    broadsheet::next_task().await;
    assert!(
        ran.get(),
        "the queued timeout ran before next_task resolved"
    );
}

#[wasm_bindgen_test]
async fn card_dates_follow_the_minute_clock() {
    use broadsheet::components::feed_window::FeedWindow;
    use broadsheet::daily::Daily;
    use std::cell::Cell;
    use std::rc::Rc;
    let article = sample("");
    let published = article.published_at;
    let cards = vec![(std::sync::Arc::new(article), Vec::new())];
    let clock = Rc::new(Cell::new(None::<Daily>));
    let keep = clock.clone();
    let el = mount(move || {
        keep.set(Some(Daily::provide()));
        view! {
            <FeedWindow cards=Signal::stored(cards) filter=Signal::stored(FeedFilter::default())
                busy=Signal::stored(false) progressive=Signal::stored(false) owed=RwSignal::new(0)/>
        }
    });
    leptos::task::tick().await;
    let time = el.query_selector("time").unwrap().expect("date");
    let later = published + 3 * 3_600_000;
    let expected = english().relative(published, later);
    assert_ne!(time.text_content().as_deref(), Some(expected.as_str()));
    clock.get().expect("clock").now.set(later);
    leptos::task::tick().await;
    assert_eq!(time.text_content().as_deref(), Some(expected.as_str()));
}

#[wasm_bindgen_test]
fn search_status_and_filter_count_speak_the_site_language() {
    use broadsheet::components::search_status::status_line;
    use broadsheet::search::{Matches, SearchInfo};
    let t = english();
    let filter = FeedFilter::from_pairs([("q", "miners")]);
    let matches = |n: usize, exhausted: bool, total: Option<usize>| Matches {
        filter: filter.clone(),
        wanted: n,
        cards: cards(n),
        exhausted,
        total,
        failed: Vec::new(),
        search: Some(SearchInfo {
            query: "miners".into(),
            hits: n,
        }),
        overview: None,
    };
    assert_eq!(matches(1, true, Some(1)).count_label(&t), "1 article");
    assert_eq!(matches(24, false, None).count_label(&t), "24+ articles");
    assert_eq!(matches(3, true, None).count_label(&t), "3 articles");
    let shown = matches(3, true, Some(3));
    let el = mount(move || status_line(&english(), &filter, &shown));
    let line = el
        .query_selector("[data-testid=search-summary]")
        .unwrap()
        .expect("summary");
    assert_eq!(
        line.text_content().as_deref(),
        Some("3 results for “miners”")
    );
}

/// Guards axe's `aria-allowed-role`: the notice was an `<aside role="status">`.
#[wasm_bindgen_test]
async fn problems_notice_is_a_status_that_counts_in_the_site_language() {
    use broadsheet::components::problems_notice::ProblemsNotice;
    use broadsheet::feed_context::FeedContext;
    let error = Article::from_front_matter("title: no date\n", "x").unwrap_err();
    let report = broadsheet_core::Report::from_error("data/articles/x.md", &error);
    let el = mount(move || {
        FeedContext::provide();
        FeedContext::get().note_failed(&[("x".to_string(), report)]);
        view! { <ProblemsNotice/> }
    });
    leptos::task::tick().await;
    let notice = el
        .query_selector("[data-testid=problems-notice]")
        .unwrap()
        .expect("notice");
    assert_eq!(notice.tag_name(), "DIV");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("status"));
    let summary = notice.query_selector("summary").unwrap().expect("summary");
    assert_eq!(
        summary.text_content().as_deref(),
        Some("1 article could not be shown")
    );
}
