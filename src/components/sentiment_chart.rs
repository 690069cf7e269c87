//! Sentiment overview above the feed: stacked bars of positive/neutral/negative articles
//! per day, and the split of the top tags. The markup comes whole from
//! [`broadsheet_core::markup::chart`] and is written with one `innerHTML`, so a filter change
//! replaces hundreds of SVG elements in one call instead of one call per attribute.

use std::sync::Arc;

use broadsheet_core::markup::chart::chart_markup;
use broadsheet_core::page_script::{CHART_FOLDED_QUERY as FOLDED_QUERY, CHART_KEY};
use broadsheet_core::stats::{overview, Overview};
use broadsheet_core::{Article, FeedFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::links::href;

pub use broadsheet_core::stats::{CHART_DAYS, TOP_TAGS};

/// The overview of `articles`, counted in the browser (filters no list answers alone).
pub fn chart_overview(articles: &[Arc<Article>]) -> Overview {
    let refs: Vec<&Article> = articles.iter().map(|a| &**a).collect();
    overview(&refs, CHART_DAYS, TOP_TAGS)
}

/// Whether the prerendered chart is open, while the static copy is still in the page.
pub fn prerendered_chart_open() -> Option<bool> {
    let details = document()
        .query_selector("#prerendered details.chart")
        .ok()
        .flatten()?;
    Some(details.has_attribute("open"))
}

/// Whether the chart starts open. As the static copy shows it, while there is one: the
/// reader is looking at it (folded before the first paint by `src/theme.js` (inlined into every page), perhaps
/// opened since). Else as the reader last left it, else open on screens larger than a
/// phone's: on a phone the open chart fills the first screen, and a news reader's first
/// screen is for the news.
fn starts_open() -> bool {
    if let Some(open) = prerendered_chart_open() {
        return open;
    }
    let chosen = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(CHART_KEY).ok().flatten());
    match chosen.as_deref() {
        Some("open") => true,
        Some("folded") => false,
        _ => !window()
            .match_media(FOLDED_QUERY)
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

/// The link of the day bar an event happened in, if any (bars carry it in `data-href`).
fn bar_link(ev: &web_sys::Event) -> Option<String> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("[data-href]")
        .ok()??
        .get_attribute("data-href")
}

/// The chart of `overview`, its links narrowing `filter` (markup from
/// [`broadsheet_core::markup::chart::chart_markup`]); hidden while there is nothing to draw. The
/// `<details>` itself stays, so a reader who folded the chart keeps it folded while
/// filtering, and the next visit starts as the reader left it. On a phone it starts
/// folded. Day bars are links for the mouse and the keyboard (Enter), followed by one
/// listener here rather than one per bar.
#[component]
pub fn SentimentChart(
    /// The articles in view, counted.
    overview: Signal<Overview>,
    /// The filter they match, which the chart's links narrow.
    filter: Signal<FeedFilter>,
) -> impl IntoView {
    let navigate = use_navigate();
    let follow = move |ev: &web_sys::Event| {
        let Some(target) = bar_link(ev) else {
            return;
        };
        ev.prevent_default();
        // The full path (with the base) and no resolving, so a sub-path deploy gets
        // `/news/?day=…` like every other link, not `/news?day=…`.
        navigate(
            &target,
            NavigateOptions {
                resolve: false,
                ..Default::default()
            },
        );
    };
    let on_key = follow.clone();
    let markup_now = move || {
        let site = crate::site::site();
        overview.with_untracked(|o| {
            filter.with_untracked(|f| chart_markup(&site.locale, o, &href(""), f))
        })
    };
    // New bars are written (and their markup made) two frames after the change: the
    // first shows the new cards' first row, the next the rest of the page of cards,
    // which are made in the task between the two (feed_window.rs). The chart's markup
    // and its 300-odd SVG elements (50 KB at 10k articles) once took the largest part of
    // the first frame, and then, queued beside the rest of the cards, made their frame
    // wait about 10 ms more (a trace at 10k articles). The chart
    // is as tall for any filter (fixed room for its tag rows and legend,
    // style/5-reader.css), so nothing below it moves when the bars change; only showing or
    // hiding it is at once.
    let drawn = RwSignal::new(markup_now());
    let pending = RwSignal::new(false);
    // What the chart was last asked to show, and a count of the asks: only the newest
    // is drawn.
    let asked = StoredValue::new((overview.get_untracked(), filter.get_untracked()));
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let wanted = (overview.get(), filter.get());
        if asked.with_value(|a| *a == wanted) {
            return;
        }
        let empty = wanted.0.days.is_empty();
        asked.set_value(wanted);
        let turn = latest.get_value() + 1;
        latest.set_value(turn);
        let showing = drawn.with_untracked(Option::is_some);
        if showing == empty {
            // Shown or hidden at once.
            pending.set(false);
            drawn.set(markup_now());
            return;
        }
        if empty {
            pending.set(false);
            return;
        }
        pending.set(true);
        crate::scheduling::after_next_paint(move || {
            crate::scheduling::after_next_paint(move || {
                // The chart may be gone meanwhile.
                if latest.try_get_value() == Some(turn) {
                    if let Some(next) = overview.try_with_untracked(|_| markup_now()) {
                        drawn.try_set(next);
                    }
                    pending.try_set(false);
                }
            });
        });
    });
    view! {
        <details class="chart" open=starts_open() data-testid="sentiment-overview"
            aria-busy=move || pending.get().to_string()
            hidden=move || drawn.with(Option::is_none)
            inner_html=move || drawn.get().unwrap_or_default()
            on:click=move |ev| follow(&ev)
            on:keydown=move |ev| {
                if ev.key() == "Enter" {
                    on_key(&ev);
                }
            }>
        </details>
    }
}
