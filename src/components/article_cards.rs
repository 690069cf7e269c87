//! Feed cards as markup from [`broadsheet_core::markup::card`], kept current by listeners on
//! the element that holds them.
//!
//! A row of cards is one `innerHTML` write, and dropping a page of them is removing
//! one element: built as components, each card was dozens of DOM calls, reactive nodes
//! and listeners, and a filter click at 10,000 articles spent most of its frame
//! building the new cards and tearing the old ones down. What changes on a card later
//! is applied here, to the elements the core's markup marks: saving (one click listener
//! for all toggles), a cover that fails (one capturing `error` listener), read and saved
//! state changed anywhere (mark all as read, another card's toggle), and relative dates
//! on the minute clock. An article page (`broadsheet_core::markup::article`) is kept
//! current by the same listeners: its Save toggle, hero cover and dates are the cards'.

use broadsheet_core::bundle::{article_path, sidecar_path};
use broadsheet_core::i18n::Locale;
use broadsheet_core::markup::card::{
    card_markup, cover_placeholder_markup, save_state_text, unread_marker_markup, CardOptions,
    ReaderMarks,
};
use broadsheet_core::{Article, FeedFilter};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use crate::components::relative_time::now_ms;
use crate::daily::Daily;
use crate::reader_state::ReaderStore;

/// Cards drawn with eager, high-priority covers when a page is first shown: those
/// likely above the fold (the prerendered front page's too).
pub use broadsheet_core::markup::EAGER_COVERS as EAGER_CARDS;

/// The markup of `cards`, the first of which is the feed's card number `first`, as
/// the reader's state is now. With `page_load`, the first [`EAGER_CARDS`] covers load
/// eagerly and first (the page's largest paint); otherwise (cards replaced by a filter
/// or added by scrolling) every cover is lazy, which also starts its fetch after the
/// frame that shows the cards instead of inside it.
pub fn cards_markup<'a>(
    cards: impl ExactSizeIterator<Item = (&'a Article, &'a [String])>,
    first: usize,
    filter: &FeedFilter,
    page_load: bool,
) -> String {
    let base = crate::links::href("");
    let site = crate::site::site();
    let store = ReaderStore::try_get();
    let now = Daily::try_get().map_or_else(now_ms, |d| d.now.get_untracked());
    let mut out = String::with_capacity(cards.len() * 2048);
    for (i, (article, terms)) in cards.enumerate() {
        let marks = store.map(|s| {
            s.state.with_untracked(|state| ReaderMarks {
                read: state.is_read(&article.id),
                saved: state.is_saved(&article.id),
            })
        });
        out.push_str(&card_markup(
            article,
            &CardOptions {
                locale: &site.locale,
                base: &base,
                filter,
                eager: page_load && first + i < EAGER_CARDS,
                highlight: terms,
                marks,
                now_ms: Some(now),
                live: true,
            },
        ));
    }
    out
}

/// Shows a save toggle pressed or not; untouched when it already does.
fn show_saved(t: &Locale, button: &Element, saved: bool) {
    let pressed = if saved { "true" } else { "false" };
    if button.get_attribute("aria-pressed").as_deref() == Some(pressed) {
        return;
    }
    let _ = button.set_attribute("aria-pressed", pressed);
    let _ = button
        .class_list()
        .toggle_with_force("save-toggle--on", saved);
    let (star, label) = save_state_text(t, saved);
    if let Ok(Some(icon)) = button.query_selector("[aria-hidden]") {
        icon.set_text_content(Some(star));
    }
    if let Ok(Some(text)) = button.query_selector(".save-toggle__label") {
        text.set_text_content(Some(label));
    }
}

/// Brings every card under `root` (and an article page's Save toggle) in line with the
/// reader's read and saved state.
fn show_reader_state(t: &Locale, root: &Element, store: ReaderStore) {
    store.state.with_untracked(|state| {
        for card in crate::dom::elements(root.query_selector_all("[data-id][data-slug]")) {
            let Some(id) = card.get_attribute("data-id") else {
                continue;
            };
            let read = state.is_read(&id);
            let is_card = card.get_attribute("data-testid").as_deref() == Some("article-card");
            if is_card && card.class_list().contains("card--read") != read {
                let _ = card.class_list().toggle_with_force("card--read", read);
                let marker = card
                    .query_selector("[data-testid=unread-marker]")
                    .ok()
                    .flatten();
                match (read, marker) {
                    (true, Some(marker)) => marker.remove(),
                    (false, None) => {
                        if let Ok(Some(kicker)) = card.query_selector(".card__kicker") {
                            let _ = kicker
                                .insert_adjacent_html("afterbegin", &unread_marker_markup(t, true));
                        }
                    }
                    _ => {}
                }
            }
            if let Ok(Some(button)) = card.query_selector("[data-testid=save-toggle]") {
                show_saved(t, &button, state.is_saved(&id));
            }
        }
    });
}

/// A click on a save toggle under the container: saves or unsaves its article.
fn on_click(ev: &Event, store: ReaderStore) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-testid=save-toggle]").ok().flatten())
    else {
        return;
    };
    // A card, or the article page's `<article>`: both carry the article's id and slug.
    let Some(card) = button.closest("[data-id][data-slug]").ok().flatten() else {
        return;
    };
    let (Some(id), Some(slug)) = (
        card.get_attribute("data-id"),
        card.get_attribute("data-slug"),
    ) else {
        return;
    };
    if store.toggle_saved(&id, &slug) {
        // Fetched now so the service worker has them for reading offline.
        crate::daily::keep_offline(&article_path(&slug));
        crate::daily::keep_offline(&sidecar_path(&slug));
    }
}

/// A cover that failed to load (`error` does not bubble: caught while capturing) gives
/// way to its placeholder, in the same 16:9 box.
fn on_error(ev: &Event) {
    let Some(img) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Some(initial) = img.get_attribute("data-fallback") {
        img.set_outer_html(&cover_placeholder_markup(&initial, true));
    }
}

/// Keeps the cards written under `container` working and current (see the module
/// docs) for as long as the calling component lives.
pub fn keep_cards_current(container: NodeRef<Div>) {
    let store = ReaderStore::try_get();
    let click = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
        if let Some(store) = store {
            on_click(&ev, store);
        }
    });
    let error = Closure::<dyn Fn(Event)>::new(move |ev: Event| on_error(&ev));
    // (event, listener, capture); `error` does not bubble, so it is caught capturing.
    let listeners = [("click", click, false), ("error", error, true)];
    // The listeners, and the element they were added to once it exists.
    let held = StoredValue::new_local(Some((listeners, None::<Element>)));
    Effect::new(move |_| {
        let Some(el) = container.get() else {
            return;
        };
        held.update_value(|h| {
            if let Some((listeners, added_to @ None)) = h {
                for (event, f, capture) in listeners.iter() {
                    let _ = el.add_event_listener_with_callback_and_bool(
                        event,
                        f.as_ref().unchecked_ref(),
                        *capture,
                    );
                }
                *added_to = Some(el.clone().into());
            }
        });
    });
    on_cleanup(move || {
        // Removed before the closures are freed: a cover of a card just taken out of
        // the page can still fail, and its event would reach a freed closure.
        held.try_update_value(|h| {
            if let Some((listeners, Some(el))) = h.take() {
                for (event, f, capture) in listeners.iter() {
                    let _ = el.remove_event_listener_with_callback_and_bool(
                        event,
                        f.as_ref().unchecked_ref(),
                        *capture,
                    );
                }
            }
        });
    });

    // Later changes only: cards are written as the state was when they were built.
    let site = crate::site::site();
    if let Some(store) = store {
        let site = site.clone();
        Effect::new(move |ran: Option<()>| {
            store.state.track();
            if ran.is_some() {
                if let Some(el) = container.get_untracked() {
                    show_reader_state(&site.locale, &el, store);
                }
            }
        });
    }
    if let Some(daily) = Daily::try_get() {
        Effect::new(move |ran: Option<()>| {
            let now = daily.now.get();
            let Some(el) = container.get_untracked() else {
                return;
            };
            if ran.is_none() {
                return;
            }
            for time in crate::dom::elements(el.query_selector_all("time[data-ms]")) {
                if let Some(ms) = time.get_attribute("data-ms").and_then(|v| v.parse().ok()) {
                    time.set_text_content(Some(&site.locale.relative(ms, now)));
                }
            }
        });
    }
}
