//! The feed's cards in chunks of one page each, with only the chunks near the viewport in
//! the DOM once the feed is long: a chunk that scrolls far away becomes an empty box of
//! its measured height, so reading deep into a large archive keeps the page small. Below
//! the cards, "Load more" (and, while the end of the feed is near, loading by itself).

use std::cell::Cell;
use std::sync::Arc;

use broadsheet_core::FeedFilter;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use crate::components::article_cards::{cards_markup, keep_cards_current};
use crate::search::Card;

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
    // The columns of `.feed` (style/3-feed.css): the page's content box (at most 1440px,
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

/// What each chunk of the feed shows, by position: a key that changes whenever its cards
/// do (the filter, the position and the slugs).
type ChunkKeys = Memo<Vec<String>>;

/// `px` as a CSS length, to the hundredth of a pixel, written with integers (no float
/// formatting in the main Wasm file).
fn css_px(px: f64) -> String {
    let h = broadsheet_core::markup::hundredths((px.max(0.0) * 100.0).round() as u64);
    format!("{h}px")
}

/// Calls `on_change(near, height)` whenever `target` comes within `margin_px` above or
/// below the viewport or leaves it, and once when observing starts; starts again (so
/// reports once more) whenever a signal read by `renew` changes; stops observing when
/// the owner is cleaned up.
pub(crate) fn observe(
    target: NodeRef<Div>,
    margin_px: f64,
    renew: impl Fn() + 'static,
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
    init.set_root_margin(&format!("{}px 0px", margin_px as u32));
    let Ok(observer) =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
    else {
        return;
    };
    let held = StoredValue::new_local(Some((observer, callback)));
    Effect::new(move |_| {
        renew();
        if let Some(el) = target.get() {
            held.with_value(|h| {
                if let Some((observer, _)) = h {
                    observer.unobserve(&el);
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
    let chunks: ChunkKeys = Memo::new(move |_| {
        let query = filter.with(FeedFilter::to_query);
        cards.with(|cards| {
            cards
                .chunks(crate::site::page_size())
                .enumerate()
                .map(|(i, c)| {
                    let slugs: Vec<&str> = c.iter().map(|(a, _)| a.slug.as_str()).collect();
                    format!("{query}#{i}#{}", slugs.join(","))
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
    let context = ChunkContext {
        chunks,
        cards,
        filter,
        windowed,
        progressive,
        first_render,
        owed,
    };
    // Chunks are kept by position: a filter click rewrites the first chunk's cards in
    // place, where a chunk per filter meant tearing down the old one (its reactive
    // owner, its observer, its element) and setting up a new one, all inside the frame
    // that must show the new cards.
    view! {
        <div class="feed-window" data-testid="feed" node_ref=node aria-busy=move || (busy.get() || owed.get() > 0).to_string()>
            <For
                each=move || 0..chunks.with(Vec::len)
                key=|index| *index
                let:index
            >
                <FeedChunk index=index context=context/>
            </For>
        </div>
    }
}

/// What every chunk reads from the feed around it.
#[derive(Clone, Copy)]
struct ChunkContext {
    chunks: ChunkKeys,
    cards: Signal<Vec<Card>>,
    filter: Signal<FeedFilter>,
    windowed: Signal<bool>,
    progressive: Signal<bool>,
    first_render: StoredValue<bool>,
    owed: RwSignal<usize>,
}

/// The cards a chunk holds now, as of its key.
struct ChunkCards {
    key: Option<String>,
    /// Counts changes of key, so that a late "draw the rest" for older cards is ignored.
    generation: u32,
    cards: Arc<[Card]>,
    filter: Arc<FeedFilter>,
    page_load: bool,
    /// Cards drawn in the first frame; the rest follow after it is painted.
    split: usize,
    /// Whether the rest is still owed to the next frame (counted in `owed`).
    owes: bool,
    /// Cards in the element now; `None` when they must all be written again.
    drawn: Option<usize>,
}

/// The chunk at `index`: its cards while near the viewport (or always, on short feeds),
/// else an empty box as tall as they were. When its cards change and new chunks may be
/// built progressively, only the first [`first_frame_cards`] are written at once and
/// the rest after the next paint, counted in `owed` meanwhile. Cards written when the
/// page is first shown load their first covers eagerly.
#[component]
fn FeedChunk(index: usize, context: ChunkContext) -> impl IntoView {
    let first = index * crate::site::page_size();
    let key = Memo::new(move |_| context.chunks.with(|c| c.get(index).cloned()));
    let near = RwSignal::new(true);
    let height = RwSignal::new(0.0f64);
    let node = NodeRef::<Div>::new();
    // New cards are measured afresh: observing starts again when they change.
    observe(
        node,
        KEEP_MARGIN_PX,
        move || key.track(),
        move |is_near, h| {
            if !is_near && near.get_untracked() {
                height.set(h);
            }
            if near.get_untracked() != is_near {
                near.set(is_near);
            }
        },
    );
    let shown = move || near.get() || !context.windowed.get();
    // Read and written only outside reactive reads: the arena holding it is borrowed
    // for the length of each access.
    let state = StoredValue::new(ChunkCards {
        key: None,
        generation: 0,
        cards: Arc::from([]),
        filter: Arc::default(),
        page_load: false,
        split: 0,
        owes: false,
        drawn: None,
    });
    // Notified once the rest of the current cards may be drawn.
    let rest_ready = Trigger::new();
    let settle = move |generation: u32| {
        let due = state
            .try_update_value(|s| {
                let due = s.generation == generation && s.owes;
                s.owes &= !due;
                due
            })
            .unwrap_or(false);
        if due {
            context.owed.try_update(|n| *n = n.saturating_sub(1));
            rest_ready.notify();
        }
    };
    on_cleanup(move || {
        if state.try_with_value(|s| s.owes) == Some(true) {
            context.owed.try_update(|n| *n = n.saturating_sub(1));
        }
    });
    Effect::new(move |_| {
        let key = key.get();
        let (changed, owed_before) = state.with_value(|s| (s.key != key, s.owes));
        if changed && !near.get_untracked() {
            // As a new chunk would: drawn until the observer, starting again, says the
            // cards are far (an empty box of a height measured on other cards would not
            // fit these).
            near.set(true);
        }
        let shown = shown();
        rest_ready.track();
        let Some(el) = node.get() else {
            return;
        };
        if changed {
            let new_cards: Arc<[Card]> = context.cards.with_untracked(|c| {
                c.get(first..(first + crate::site::page_size()).min(c.len()))
                    .map(Arc::from)
                    .unwrap_or_else(|| Arc::from([]))
            });
            let new_filter = Arc::new(context.filter.get_untracked());
            let page_load = context.first_render.get_value();
            let split = if context.progressive.get_untracked() {
                first_frame_cards(page_load).min(new_cards.len())
            } else {
                new_cards.len()
            };
            state.update_value(|s| {
                s.key = key;
                s.generation = s.generation.wrapping_add(1);
                s.owes = split < new_cards.len();
                s.cards = new_cards;
                s.filter = new_filter;
                s.page_load = page_load;
                s.split = split;
                s.drawn = None;
            });
        }
        let Some((chunk_cards, chunk_filter, page_load, want, drawn, owes, generation)) = state
            .try_update_value(|s| {
                let want = match (shown, s.owes) {
                    (false, _) => 0,
                    (true, true) => s.split,
                    (true, false) => s.cards.len(),
                };
                let drawn = s.drawn.replace(want);
                let (cards, filter) = (s.cards.clone(), s.filter.clone());
                (
                    cards,
                    filter,
                    s.page_load,
                    want,
                    drawn,
                    s.owes,
                    s.generation,
                )
            })
        else {
            return;
        };
        let markup = |range: std::ops::Range<usize>| {
            let start = range.start;
            let cards = chunk_cards[range]
                .iter()
                .map(|(a, terms)| (&**a, terms.as_slice()));
            cards_markup(cards, first + start, &chunk_filter, page_load)
        };
        // Later cards are added after the ones already there, which are left as they
        // are (their covers, and focus, stay).
        match drawn {
            Some(have) if have == want => {}
            Some(have) if have > 0 && want > have => {
                let _ = el.insert_adjacent_html("beforeend", &markup(have..want));
            }
            _ => el.set_inner_html(&markup(0..want)),
        }
        match (owed_before, owes) {
            (false, true) => context.owed.update(|n| *n += 1),
            (true, false) => context.owed.update(|n| *n = n.saturating_sub(1)),
            _ => {}
        }
        if changed && owes {
            crate::scheduling::after_next_paint(move || settle(generation));
        }
    });
    view! {
        <div class="feed feed-chunk" node_ref=node data-first=first
            style:height=move || (!shown()).then(|| css_px(height.get()))>
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
    let site = crate::site::site();
    // The button's two words, copied out of the table once.
    let words = StoredValue::new([
        site.locale.t("feed.loading").to_string(),
        site.locale.t("feed.load_more").to_string(),
    ]);
    let in_view = RwSignal::new(false);
    observe(
        node,
        MORE_MARGIN_PX,
        || (),
        move |near, _| in_view.set(near),
    );
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
            crate::scheduling::after_next_paint(move || {
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
                    {move || words.with_value(|[loading, more]| if pending.get() { loading.clone() } else { more.clone() })}
                </button>
            })}
        </div>
    }
}
