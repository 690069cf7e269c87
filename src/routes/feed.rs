//! The front page: the filtered feed of article cards.

use std::sync::Arc;

use broadsheet_core::{Facet, FeedFilter};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::components::error_card::ErrorCard;
use crate::components::feed_extras::{extras_failed, feed_extras, load_feed_extras, FeedView};
use crate::components::feed_window::{FeedWindow, LoadMore};
use crate::feed_context::FeedContext;
use crate::feed_place::FeedPlace;
use crate::fetch::LoadError;
use crate::search::{load_matches, Matches};

/// The feed route (`/`), filtered by the URL query.
#[component]
pub fn FeedPage() -> impl IntoView {
    crate::head::set_title("");
    let ctx = FeedContext::get();
    let query = use_query_map();
    let location = use_location();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let mut pairs: Vec<(&'static str, String)> = Vec::new();
            for facet in Facet::ALL {
                let key = facet.key();
                if facet == Facet::Tag {
                    pairs.extend(
                        q.get_all(key)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|t| (key, t)),
                    );
                } else if let Some(v) = q.get(key) {
                    pairs.push((key, v));
                }
            }
            FeedFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    let url = move || location.search.get_untracked();

    // How many cards to load, for the filter it was set for: a new filter starts again
    // from one page, and coming back to the same view loads as far as the reader had got.
    let last = ctx.last_feed.get_untracked();
    // Coming back to a place down the feed, the feed must be whole at once; after that,
    // new cards may be built over two frames.
    let progressive = RwSignal::new(!last.is_down_in(&url()));
    let owed = RwSignal::new(0usize);
    let settling = Signal::derive(move || owed.get() > 0);
    let start = if last.url == url() {
        last.loaded.max(crate::site::page_size())
    } else {
        crate::site::page_size()
    };
    let wanted = RwSignal::new((filter.get_untracked(), start));
    let wanted_now = move || {
        let f = filter.get();
        wanted.with(|(wf, n)| {
            if *wf == f {
                *n
            } else {
                crate::site::page_size()
            }
        })
    };
    // With the cards, whether the code of what shows above them could be fetched: it is
    // fetched with the first data, and at once after that. One resource, not two: each
    // is generic code of its own in the file every page downloads.
    let matches: LocalResource<Result<(Arc<Matches>, bool), LoadError>> =
        LocalResource::new(move || {
            let f = filter.get();
            let n = wanted_now();
            ctx.generation.track();
            async move {
                let (found, extras) = futures::join!(load_matches(f, n), load_feed_extras());
                found.map(|m| (m, extras))
            }
        });
    let shown = Memo::new(move |_| {
        matches
            .get()
            .and_then(Result::ok)
            .map(|(m, _)| MatchesRef(m))
    });
    let extras = Memo::new(move |_| matches.with(|m| matches!(m, Some(Ok((_, true))))));
    let pending = Signal::derive(move || {
        shown.with(|m| {
            m.as_ref()
                .is_none_or(|m| m.0.filter != filter.get() || m.0.wanted < wanted_now())
        })
    });
    let exhausted =
        Signal::derive(move || shown.with(|m| m.as_ref().is_none_or(|m| m.0.exhausted)));
    let more = Callback::new(move |()| {
        let f = filter.get_untracked();
        let next = shown.with_untracked(|m| m.as_ref().map_or(0, |m| m.0.cards.len()))
            + crate::site::page_size();
        wanted.set((f, next));
    });
    Effect::new(move |_| {
        if let Some(m) = shown.get() {
            ctx.note_failed(&m.0.failed);
        }
    });

    // Remember where the reader was, so "back to feed" returns to the same place.
    // Recorded in the capture phase of the click that leaves the feed: by the time the
    // route is cleaned up, the router has already scrolled the window to the top.
    let remember = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        ctx.remember_feed(FeedPlace {
            url: url(),
            y: window().scroll_y().unwrap_or(0.0),
            loaded: shown.with_untracked(|m| m.as_ref().map_or(0, |m| m.0.cards.len())),
            anchor: top_card(),
        });
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
    let state = Memo::new(move |_| match matches.get() {
        None => 0,
        Some(Err(_)) => 1,
        Some(Ok(_)) => 2,
    });
    // Once, when the cards first arrive: the app takes over from the prerendered copy,
    // and a reader coming back is put where they were.
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        if state.get() == 0 || restored.get_value() {
            return;
        }
        restored.set_value(true);
        crate::prerendered::reveal_app();
        let place = ctx.last_feed.get_untracked();
        if place.is_down_in(&url()) {
            request_animation_frame(move || {
                return_to(&place);
                progressive.set(true);
            });
        } else {
            progressive.set(true);
        }
    });

    let cards = Signal::derive(move || {
        shown.with(|m| m.as_ref().map(|m| m.0.cards.clone()).unwrap_or_default())
    });
    let shown_filter = Signal::derive(move || {
        shown.with(|m| m.as_ref().map(|m| m.0.filter.clone()).unwrap_or_default())
    });
    let articles = Signal::derive(move || {
        cards.with(|c| c.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>())
    });
    let view_of = FeedView {
        filter,
        shown: Signal::derive(move || shown.with(|m| m.as_ref().map(|m| m.0.clone()))),
        shown_filter,
        articles,
    };
    let site = crate::site::site();
    let t = |key: &str| site.locale.t(key).to_string();
    let (load_failed, no_match) = (t("feed.load_failed"), t("feed.no_match"));

    view! {
        <h1 class="visually-hidden">{t("feed.heading")}</h1>
        {move || match state.get() {
            0 => view! { <FeedSkeleton/> }.into_any(),
            1 => match matches.get() {
                Some(Err(error)) => {
                    let heading = load_failed.clone();
                    view! { <ErrorCard error=error><h2>{heading}</h2></ErrorCard> }.into_any()
                }
                // `state` is 1 only while `matches` holds an error.
                _ => ().into_any(),
            },
            _ => { let no_match = no_match.clone(); view! {
                // Ready on its first poll: `extras` is true once its module is loaded.
                {move || if extras.get() {
                    Suspend::new(SendWrapper::new(async move {
                        feed_extras(view_of).await.unwrap_or_else(|_| extras_failed())
                    }))
                    .into_any()
                } else {
                    extras_failed()
                }}
                {move || (cards.with(Vec::is_empty) && exhausted.get() && filter.with(|f| f.query.is_none())).then(|| view! {
                    <p class="empty" data-testid="feed-empty">{no_match.clone()}</p>
                })}
                <FeedWindow cards=cards filter=shown_filter busy=pending progressive=progressive.into() owed=owed/>
                <LoadMore exhausted=exhausted pending=pending settling=settling on_more=more/>
            }.into_any() },
        }}
    }
}

/// The feed's cards in the page, in order, each looked up only when asked for: this runs
/// on every click on the feed, filter chips included, so it stops at the card it needs.
fn feed_cards() -> impl Iterator<Item = web_sys::Element> {
    crate::dom::elements(document().query_selector_all(".feed [data-testid=article-card]"))
}

/// The first card not yet scrolled past: its slug, and its top relative to the window's
/// top (negative when it is part-way off the top).
fn top_card() -> Option<(String, f64)> {
    feed_cards().find_map(|card| {
        let rect = card.get_bounding_client_rect();
        if rect.bottom() <= 0.0 {
            return None;
        }
        Some((card.get_attribute("data-slug")?, rect.top()))
    })
}

/// Scrolls the feed back to `place`: its top card where it was on screen, or, when that
/// card is not in this feed any more, the same scroll offset. The card, not the offset:
/// the reader may come back at another width (a phone turned, a window resized), where
/// the same offset is other cards.
fn return_to(place: &FeedPlace) {
    let anchor = place.anchor.as_ref().and_then(|(slug, top)| {
        let card = feed_cards()
            .find(|c| c.get_attribute("data-slug").as_deref() == Some(slug.as_str()))?;
        Some((card, *top))
    });
    match anchor {
        Some((card, top)) => {
            let now = card.get_bounding_client_rect().top();
            window().scroll_by_with_x_and_y(0.0, now - top);
        }
        None => window().scroll_to_with_x_and_y(0.0, place.y),
    }
}

/// [`Matches`] compared by identity, so a memo of it changes only when new results land.
#[derive(Clone)]
struct MatchesRef(Arc<Matches>);

impl PartialEq for MatchesRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Placeholder cards while the index loads, so the layout does not jump.
#[component]
fn FeedSkeleton() -> impl IntoView {
    view! {
        <div class="feed feed--loading" aria-busy="true" data-testid="feed-loading">
            <p class="visually-hidden" role="status">{crate::site::site().locale.t("feed.loading_news").to_string()}</p>
            {(0..8).map(|_| view! {
                <div class="card card--skeleton" aria-hidden="true">
                    <div class="cover cover--placeholder"></div>
                    <div class="card__body"><div class="skeleton-line"></div><div class="skeleton-line skeleton-line--short"></div></div>
                </div>
            }).collect_view()}
        </div>
    }
}
