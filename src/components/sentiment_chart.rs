//! Sentiment overview above the feed: stacked bars of positive/neutral/negative articles
//! per day, and the split of the top tags. Drawn as SVG by the app; a visually hidden
//! table carries the same numbers for screen readers.

use std::sync::Arc;

use broadsheet_core::date::to_rfc3339;
use broadsheet_core::feed::Facet;
use broadsheet_core::model::title_case;
use broadsheet_core::stats::{overview, Overview, Split};
use broadsheet_core::{Article, FeedFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

pub use broadsheet_core::stats::{CHART_DAYS, TOP_TAGS};

const BAR_W: f64 = 10.0;
const PLOT_H: f64 = 100.0;

fn day_key(day: i64) -> String {
    to_rfc3339(day * 86_400_000)[..10].to_string()
}

fn summary(s: &Split) -> String {
    let mut out = format!(
        "{} positive, {} neutral, {} negative",
        s.positive, s.neutral, s.negative
    );
    if s.other > 0 {
        out.push_str(&format!(", {} other", s.other));
    }
    out
}

/// The overview of `articles`, counted in the browser (filters no list answers alone).
pub fn chart_overview(articles: &[Arc<Article>]) -> Overview {
    let refs: Vec<&Article> = articles.iter().map(|a| &**a).collect();
    overview(&refs, CHART_DAYS, TOP_TAGS)
}

/// Stacked segments (class, key, count) bottom to top.
fn segments(s: &Split) -> [(&'static str, &'static str, usize); 4] {
    [
        ("positive", "POSITIVE", s.positive),
        ("neutral", "NEUTRAL", s.neutral),
        ("negative", "NEGATIVE", s.negative),
        ("unknown", "", s.other),
    ]
}

/// The overview of the feed as currently filtered: precomputed by the bundler for a whole
/// list, or counted from the loaded articles (see [`chart_overview`]).
#[component]
pub fn SentimentChart(
    /// What to draw.
    overview: Overview,
    /// The active filter, extended by clicks.
    filter: FeedFilter,
) -> impl IntoView {
    let o = overview;
    if o.days.is_empty() {
        return ().into_any();
    }
    let navigate = use_navigate();
    let max = o
        .days
        .iter()
        .map(|d| d.split.total())
        .max()
        .unwrap_or(1)
        .max(1);
    let unit = PLOT_H / max as f64;
    let width = BAR_W * o.days.len() as f64;
    let first = day_key(o.days[0].day);
    let last = day_key(o.days[o.days.len() - 1].day);
    let label = format!(
        "Sentiment of the {} articles in view, {first} to {last}, per day: {}.",
        o.in_window.total(),
        summary(&o.in_window)
    );
    let bars = o
        .days
        .iter()
        .enumerate()
        .filter(|(_, d)| d.split.total() > 0)
        .map(|(i, d)| {
            let key = day_key(d.day);
            // The full path (with the base) and no resolving, so a sub-path deploy gets
            // `/news/?day=…` like every `<A>` link, not `/news?day=…`.
            let target = crate::href(&format!("/{}", filter.with(Facet::Day, &key).to_query()));
            let nav = navigate.clone();
            let x = i as f64 * BAR_W + 1.0;
            let mut y = PLOT_H;
            let rects = segments(&d.split)
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(class, key, n)| {
                    let h = n as f64 * unit;
                    y -= h;
                    view! {
                        <rect class=format!("chart__seg chart__seg--{class}") x=x y=y
                            width=BAR_W - 2.0 height=h data-sentiment=key data-count=n/>
                    }
                })
                .collect_view();
            let tip = format!("{key}: {}", summary(&d.split));
            let go = move || {
                nav(
                    &target,
                    NavigateOptions {
                        resolve: false,
                        ..Default::default()
                    },
                )
            };
            let by_key = go.clone();
            let label = format!("Show only {tip}");
            // A bar is a link for the keyboard too: focusable, and followed with Enter.
            view! {
                <g class="chart__bar" data-testid="chart-day" data-day=key.clone()
                    data-total=d.split.total() tabindex="0" role="link"
                    aria-label=label
                    on:click=move |_| go()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            by_key();
                        }
                    }>
                    <title>{tip}</title>
                    <rect class="chart__hit" x=x - 1.0 y=0 width=BAR_W height=PLOT_H/>
                    {rects}
                </g>
            }
        })
        .collect_view();
    let legend = segments(&o.all)
        .into_iter()
        .filter(|(class, _, n)| *class != "unknown" || *n > 0)
        .map(|(class, key, n)| {
            let name = if key.is_empty() {
                "Other".to_string()
            } else {
                title_case(key)
            };
            let link = (!key.is_empty()).then(|| {
                crate::href(&format!(
                    "/{}",
                    filter.with(Facet::Sentiment, key).to_query()
                ))
            });
            let body = view! {
                <span class=format!("chart__swatch chart__seg--{class}") aria-hidden="true"></span>
                {format!("{name} {n}")}
            };
            match link {
                Some(href) => view! {
                    <li><a href=href class="chart__legend-link" data-testid="chart-legend"
                        data-sentiment=key data-count=n>{body}</a></li>
                }
                .into_any(),
                None => view! { <li class="chart__legend-item">{body}</li> }.into_any(),
            }
        })
        .collect_view();
    let rows = o
        .days
        .iter()
        .filter(|d| d.split.total() > 0)
        .map(|d| {
            view! {
                <tr>
                    <th scope="row">{day_key(d.day)}</th>
                    <td>{d.split.positive}</td><td>{d.split.neutral}</td>
                    <td>{d.split.negative}</td><td>{d.split.other}</td>
                </tr>
            }
        })
        .collect_view();
    let tag_max = o
        .tags
        .iter()
        .map(|t| t.split.total())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let tags = o
        .tags
        .iter()
        .map(|t| {
            let href = crate::href(&format!("/{}", filter.with(Facet::Tag, &t.tag).to_query()));
            let total = t.split.total();
            let mut x = 0.0;
            let segs = segments(&t.split)
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(class, _, n)| {
                    let w = n as f64 * 100.0 / tag_max;
                    let seg = view! {
                        <rect class=format!("chart__seg chart__seg--{class}") x=x y=0 width=w height=10/>
                    };
                    x += w;
                    seg
                })
                .collect_view();
            view! {
                <li class="chart__tag" data-testid="chart-tag" data-total=total>
                    <a href=href class="chart__tag-link">{format!("{} ({total})", title_case(&t.tag))}</a>
                    <svg class="chart__tag-bar" viewBox="0 0 100 10" preserveAspectRatio="none"
                        role="img" aria-label=format!("{}: {}", title_case(&t.tag), summary(&t.split))>
                        {segs}
                    </svg>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="chart" open data-testid="sentiment-overview">
            <summary class="chart__summary">"Sentiment overview"</summary>
            <div class="chart__body">
                <div class="chart__days">
                    <svg class="chart__svg" viewBox=format!("0 0 {width} {PLOT_H}")
                        preserveAspectRatio="none" role="group" aria-label=label.clone()
                        data-testid="sentiment-chart" data-from=first.clone() data-to=last.clone()>
                        {bars}
                    </svg>
                    <p class="chart__axis" aria-hidden="true"><span>{first.clone()}</span><span>{last.clone()}</span></p>
                    <ul class="chart__legend" aria-label="Filter by sentiment">{legend}</ul>
                </div>
                <table class="visually-hidden" data-testid="chart-table">
                    <caption>{label}</caption>
                    <thead><tr><th scope="col">"Day"</th><th scope="col">"Positive"</th><th scope="col">"Neutral"</th><th scope="col">"Negative"</th><th scope="col">"Other"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {(!o.tags.is_empty()).then(|| view! {
                    <div class="chart__tags">
                        <h2 class="chart__heading">"Top tags"</h2>
                        <ul class="chart__tag-list">{tags}</ul>
                    </div>
                })}
            </div>
        </details>
    }
    .into_any()
}
