//! The front page: the filtered feed of article cards.

use broadsheet_core::FeedFilter;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};
use wasm_bindgen::JsCast;

use crate::components::article_card::ArticleCard;
use crate::components::daily_controls::MarkAllRead;
use crate::components::filter_bar::FilterBar;
use crate::components::problems_notice::ProblemsNotice;
use crate::components::sentiment_chart::SentimentChart;
use crate::data::FeedContext;

/// Cards rendered with eager images: those likely above the fold on a wide screen.
const EAGER_CARDS: usize = 4;

/// The feed route (`/`), filtered by the URL query.
#[component]
pub fn FeedPage() -> impl IntoView {
    let ctx = FeedContext::get();
    let query = use_query_map();
    let location = use_location();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let mut pairs: Vec<(&'static str, String)> = q
                .get_all("tag")
                .unwrap_or_default()
                .into_iter()
                .map(|t| ("tag", t))
                .collect();
            for key in ["sentiment", "category", "source", "q", "day"] {
                if let Some(v) = q.get(key) {
                    pairs.push((key, v));
                }
            }
            FeedFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    let shown = RwSignal::new(0usize);
    // `?q=` is answered by the static full-text index, fetched on the first search.
    let search = crate::search::use_search(filter);

    // Remember where the reader was, so "back to feed" returns to the same place.
    let url = move || location.search.get_untracked();
    // Recorded in the capture phase of the click that leaves the feed: by the time the
    // route is cleaned up, the router has already scrolled the window to the top.
    let remember = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let y = window().scroll_y().unwrap_or(0.0);
        ctx.last_feed.set((url(), y));
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        remember.as_ref().unchecked_ref(),
        true,
    );
    let remember = StoredValue::new_local(remember);
    on_cleanup(move || {
        remember.try_with_value(|c| {
            let _ = window().remove_event_listener_with_callback_and_bool(
                "click",
                c.as_ref().unchecked_ref(),
                true,
            );
        });
    });
    let restore = move || {
        let (last_url, y) = ctx.last_feed.get_untracked();
        if last_url == url() && y > 0.0 {
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        }
    };

    view! {
        <Title text=""/>
        <h1 class="visually-hidden">"Latest news"</h1>
        {move || match ctx.feed.get() {
            None => view! { <FeedSkeleton/> }.into_any(),
            Some(Err(e)) => view! {
                <section class="error-card" role="alert" data-testid="feed-error">
                    <h2>"The news could not be loaded"</h2>
                    <p>{e.to_string()}</p>
                    <button type="button" class="button" data-testid="retry"
                        on:click=move |_| ctx.feed.refetch()>"Try again"</button>
                </section>
            }.into_any(),
            Some(Ok(feed)) => {
                let f = filter.get();
                let (found, search_status) = crate::search::visible(&feed, &f, search.get());
                let (visible, marks): (Vec<_>, Vec<_>) = found.into_iter().unzip();
                shown.set(visible.len());
                let reports: Vec<String> = feed.failed.iter().map(|(_, r)| r.to_string()).collect();
                let empty = visible.is_empty() && search_status.is_none();
                let visible_ids: Vec<String> = visible.iter().map(|a| a.id.clone()).collect();
                let chart = view! { <SentimentChart articles=visible.clone() filter=f.clone()/> };
                let cards = visible
                    .into_iter()
                    .zip(marks)
                    .enumerate()
                    .map(|(i, (a, terms))| view! { <ArticleCard article=a filter=f.clone() eager={i < EAGER_CARDS} highlight=terms/> })
                    .collect_view();
                restore();
                view! {
                    <ProblemsNotice reports=reports/>
                    <FilterBar filter=filter shown=shown.into()/>
                    {search_status}
                    {chart}
                    <MarkAllRead ids=visible_ids/>
                    {empty.then(|| view! {
                        <p class="empty" data-testid="feed-empty">"No articles match these filters."</p>
                    })}
                    <div class="feed" data-testid="feed">{cards}</div>
                }.into_any()
            }
        }}
    }
}

/// Placeholder cards while the index loads, so the layout does not jump.
#[component]
fn FeedSkeleton() -> impl IntoView {
    view! {
        <div class="feed feed--loading" aria-busy="true" data-testid="feed-loading">
            <p class="visually-hidden" role="status">"Loading the latest news…"</p>
            {(0..8).map(|_| view! {
                <div class="card card--skeleton" aria-hidden="true">
                    <div class="cover cover--placeholder"></div>
                    <div class="card__body"><div class="skeleton-line"></div><div class="skeleton-line skeleton-line--short"></div></div>
                </div>
            }).collect_view()}
        </div>
    }
}
