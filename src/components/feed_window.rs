//! The feed's cards in chunks of one page each, with only the chunks near the viewport in
//! the DOM once the feed is long: a chunk that scrolls far away becomes an empty box of
//! its measured height, so reading deep into a large archive keeps the page small. Below
//! the cards, "Load more" (and, while the end of the feed is near, loading by itself).

use std::cell::Cell;

use broadsheet_core::bundle::PAGE_SIZE;
use broadsheet_core::FeedFilter;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use crate::components::article_cards::{cards_markup, keep_cards_current};
use crate::data::Card;

/// How far outside the viewport a chunk stays rendered: a screen or two of scrolling.
const KEEP_MARGIN_PX: f64 = 1500.0;
/// How close the end of the feed must come before more is loaded by itself.
const MORE_MARGIN_PX: f64 = 800.0;
/// Feeds of up to this many chunks keep every card in the DOM (find-in-page works).
const ALWAYS_RENDERED_CHUNKS: usize = 4;
/// Narrowest feed column, in CSS pixels (`17rem` in the feed grid's rule).
const MIN_COLUMN_PX: f64 = 272.0;

thread_local! {
    /// The window's width as last read; cleared when the window is resized.
    static WINDOW_WIDTH: Cell<Option<f64>> = const { Cell::new(None) };
    /// Whether the listener that clears it is in place.
    static WATCHING_RESIZE: Cell<bool> = const { Cell::new(false) };
}

/// The window's width, read once per size. Reading `innerWidth` lays the page out when
/// its layout is out of date, as it is in the middle of a filter click: a whole-page
/// layout of 4-5 ms at 10k articles, every click, until this was kept.
fn window_width() -> f64 {
    if let Some(width) = WINDOW_WIDTH.get() {
        return width;
    }
    let width = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    WINDOW_WIDTH.set(Some(width));
    if !WATCHING_RESIZE.replace(true) {
        // For the app's lifetime: the handle is dropped on purpose.
        drop(window_event_listener(leptos::ev::resize, |_| {
            WINDOW_WIDTH.set(None)
        }));
    }
    width
}

/// Columns of the feed grid at the window's width.
fn feed_columns() -> usize {
    // The columns of `.feed` (style/main.css): the page's content box (at most 1440px,
    // less the gutters) filled with columns of at least 17rem, 1rem or 1.5rem apart, up
    // to four. Worked out from the window's width, as reading the layout here would
    // force one mid-update.
    let width = window_width();
    let (gutter, gap) = match width {
        w if w >= 1024.0 => (32.0, 24.0),
        w if w >= 640.0 => (24.0, 24.0),
        _ => (16.0, 16.0),
    };
    let content = width.min(1440.0) - 2.0 * gutter;
    (((content + gap) / (MIN_COLUMN_PX + gap)).floor() as usize).clamp(1, 4)
}

/// Cards of a new chunk built in the frame that shows it; the rest follow right after
/// that frame is painted, so the first cards reach the screen without waiting for a
/// whole page of them. When the app first replaces the prerendered feed: two rows, as
/// much as a tall screen shows, so nothing below the cards is drawn and then pushed
/// down. Later (a filter click, loading more): one row, all that shows under the
/// header, filters and chart (and the rest arrives one frame later).
pub fn first_frame_cards(first_render: bool) -> usize {
    feed_columns() * if first_render { 2 } else { 1 }
}

/// Up to one page of cards, keyed so that loading more keeps earlier chunks as they are.
#[derive(Clone)]
struct Chunk {
    key: String,
    first: usize,
    cards: Vec<Card>,
}

/// Calls `on_change(near, height)` whenever `target` comes within `margin_px` above or
/// below the viewport or leaves it; stops observing when the owner is cleaned up.
pub(crate) fn observe(
    target: NodeRef<Div>,
    margin_px: f64,
    on_change: impl Fn(bool, f64) + 'static,
) {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for entry in entries.iter() {
            if let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() {
                on_change(
                    entry.is_intersecting(),
                    entry.bounding_client_rect().height(),
                );
            }
        }
    });
    let init = IntersectionObserverInit::new();
    init.set_root_margin(&format!("{margin_px}px 0px"));
    let Ok(observer) =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
    else {
        return;
    };
    let held = StoredValue::new_local(Some((observer, callback)));
    Effect::new(move |_| {
        if let Some(el) = target.get() {
            held.with_value(|h| {
                if let Some((observer, _)) = h {
                    observer.observe(&el);
                }
            });
        }
    });
    on_cleanup(move || {
        held.try_update_value(|h| {
            if let Some((observer, _)) = h.take() {
                observer.disconnect();
            }
        });
    });
}

/// The cards, chunked and windowed.
#[component]
pub fn FeedWindow(
    /// Matching articles with their search terms, in order.
    cards: Signal<Vec<Card>>,
    /// The filter they match (kept by chip links; part of each chunk's key).
    filter: Signal<FeedFilter>,
    /// True while newer cards are on their way (the shown ones are the last answer).
    busy: Signal<bool>,
    /// Whether new chunks may build their cards over two frames; off while the feed must
    /// reach its full height at once (a reader coming back to a scroll position).
    progressive: Signal<bool>,
    /// How many chunks still owe cards to the next frame: the feed says it is busy until
    /// then, and "Load more" waits for the feed's full height.
    owed: RwSignal<usize>,
) -> impl IntoView {
    let chunks = Memo::new(move |_| {
        let query = filter.with(FeedFilter::to_query);
        cards.with(|cards| {
            cards
                .chunks(PAGE_SIZE)
                .enumerate()
                .map(|(i, c)| {
                    let slugs: Vec<&str> = c.iter().map(|(a, _)| a.slug.as_str()).collect();
                    (format!("{query}#{i}#{}", slugs.join(",")), i * PAGE_SIZE)
                })
                .collect::<Vec<_>>()
        })
    });
    let windowed = Signal::derive(move || chunks.with(Vec::len) > ALWAYS_RENDERED_CHUNKS);
    // Chunks built in this task are the first render; any built after a frame are not.
    let first_render = StoredValue::new(true);
    request_animation_frame(move || {
        first_render.try_set_value(false);
    });
    let node = NodeRef::<Div>::new();
    keep_cards_current(node);
    view! {
        <div class="feed-window" data-testid="feed" node_ref=node aria-busy=move || (busy.get() || owed.get() > 0).to_string()>
            <For
                each=move || {
                    chunks.get().into_iter().map(|(key, first)| {
                        let cards = cards.with_untracked(|c| c[first..(first + PAGE_SIZE).min(c.len())].to_vec());
                        Chunk { key, first, cards }
                    }).collect::<Vec<_>>()
                }
                key=|c| c.key.clone()
                let:chunk
            >
                <FeedChunk chunk=chunk filter=filter.get_untracked() windowed=windowed
                    progressive=progressive.get_untracked().then(|| first_frame_cards(first_render.get_value()))
                    page_load=first_render.get_value() owed=owed/>
            </For>
        </div>
    }
}

/// One chunk: its cards while near the viewport (or always, on short feeds), else an
/// empty box as tall as they were. With `progressive: Some(n)`, only the first `n` cards
/// (see [`first_frame_cards`]) are built at once and the rest after the next paint,
/// counted in `owed` meanwhile. `page_load` marks the chunks built when the page is
/// first shown (their first covers load eagerly).
#[component]
fn FeedChunk(
    chunk: Chunk,
    filter: FeedFilter,
    windowed: Signal<bool>,
    progressive: Option<usize>,
    page_load: bool,
    owed: RwSignal<usize>,
) -> impl IntoView {
    let near = RwSignal::new(true);
    let height = RwSignal::new(0.0f64);
    let node = NodeRef::<Div>::new();
    observe(node, KEEP_MARGIN_PX, move |is_near, h| {
        if !is_near && near.get_untracked() {
            height.set(h);
        }
        if near.get_untracked() != is_near {
            near.set(is_near);
        }
    });
    let shown = move || near.get() || !windowed.get();
    let Chunk { first, cards, .. } = chunk;
    let split = progressive.map_or(cards.len(), |n| n.min(cards.len()));
    let total = cards.len();
    let rest_ready = RwSignal::new(split == total);
    if !rest_ready.get_untracked() {
        owed.update(|n| *n += 1);
        let settle = move || {
            // Only once, whether the cards arrive or the chunk goes away first.
            if rest_ready.try_get_untracked() == Some(false) {
                rest_ready.set(true);
                owed.try_update(|n| *n = n.saturating_sub(1));
            }
        };
        crate::after_next_paint(settle);
        on_cleanup(move || {
            if rest_ready.try_get_untracked() == Some(false) {
                owed.try_update(|n| *n = n.saturating_sub(1));
            }
        });
    }
    let markup = move |range: std::ops::Range<usize>| {
        let start = range.start;
        let cards = cards[range]
            .iter()
            .map(|(a, terms)| (&**a, terms.as_slice()));
        cards_markup(cards, first + start, &filter, page_load)
    };
    // Cards in the chunk's element now. Later cards are added after the ones already
    // there, which are left as they are (their covers, and focus, stay).
    let drawn = StoredValue::new(0usize);
    Effect::new(move |_| {
        let Some(el) = node.get() else {
            return;
        };
        let want = match (shown(), rest_ready.get()) {
            (false, _) => 0,
            (true, false) => split,
            (true, true) => total,
        };
        let have = drawn.get_value();
        if want > have && have > 0 {
            let _ = el.insert_adjacent_html("beforeend", &markup(have..want));
        } else if want != have {
            el.set_inner_html(&markup(0..want));
        }
        drawn.set_value(want);
    });
    view! {
        <div class="feed feed-chunk" node_ref=node data-first=first
            style:height=move || (!shown()).then(|| format!("{}px", height.get()))>
        </div>
    }
}

/// "Load more" under the feed; while it is near the viewport, more loads by itself.
#[component]
pub fn LoadMore(
    /// Nothing more to load.
    exhausted: Signal<bool>,
    /// A load is under way.
    pending: Signal<bool>,
    /// Cards are still being built: the end of the feed is about to move down.
    settling: Signal<bool>,
    /// Asks for the next page of cards.
    on_more: Callback<()>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let in_view = RwSignal::new(false);
    observe(node, MORE_MARGIN_PX, move |near, _| in_view.set(near));
    // The observer reports crossings a frame late, so the distance is checked again
    // now: a feed that has just grown must not load a page nobody scrolled to.
    let still_near = move || {
        node.get_untracked().is_some_and(|el| {
            let viewport = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            el.get_bounding_client_rect().top() <= viewport + MORE_MARGIN_PX
        })
    };
    let wants_more = move || in_view.get() && !exhausted.get() && !pending.get() && !settling.get();
    Effect::new(move |_| {
        if wants_more() {
            // Checked after the next paint, when the layout is done anyway: read now, in
            // the middle of what changed these signals (a filter click), it forced a
            // layout of the whole page (10 ms of a 40 ms click at 10k articles).
            crate::after_next_paint(move || {
                // Gone (the feed was left), or the reason passed meanwhile.
                let alive = in_view.try_get_untracked().is_some();
                if alive && untrack(wants_more) && still_near() {
                    on_more.run(());
                }
            });
        }
    });
    view! {
        <div class="load-more" node_ref=node>
            {move || (!exhausted.get()).then(|| view! {
                <button type="button" class="button" data-testid="load-more"
                    disabled=pending aria-busy=move || pending.get().to_string()
                    on:click=move |_| on_more.run(())>
                    {move || if pending.get() { "Loading…" } else { "Load more" }}
                </button>
            })}
        </div>
    }
}
