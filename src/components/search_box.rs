//! The search box in the header (its markup: the header's, from the core). Typing
//! updates the feed's `?q=` (debounced), keeping the other filters; the first keystroke
//! of a search adds a history entry, the rest replace it, so Back leaves the search in
//! one step.

use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// How long typing must pause before the address (and so the results) follow.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The search input in the header markup under `host`.
fn input(host: NodeRef<Div>) -> Option<HtmlInputElement> {
    host.get_untracked()?
        .query_selector("#search-input")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Makes the search form in the header markup under `host` search: its input follows
/// `?q=` when the address changes elsewhere (a shared link, Back, "Clear all"), and
/// typing or submitting changes the address. Returns the form's submit handler.
pub fn keep_search_working(host: NodeRef<Div>) -> impl Fn(web_sys::Event) + Clone + 'static {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let url_q = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    // The last value this box wrote to the address: a different `?q=` came from
    // elsewhere and replaces what is in the box.
    let written = StoredValue::new(url_q.get_untracked());
    let filled = StoredValue::new(false);
    Effect::new(move |_| {
        let q = url_q.get();
        host.track();
        let Some(input) = input(host) else {
            return;
        };
        if !filled.get_value() {
            // The markup's box is empty: a loaded search link fills it.
            filled.set_value(true);
            input.set_value(&q);
        } else if q != written.get_value() {
            written.set_value(q.clone());
            input.set_value(&q);
        }
    });
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

    let go = move |value: String| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(None);
        if value == written.get_value() {
            return;
        }
        written.set_value(value.clone());
        let base = crate::links::href("/");
        let on_feed = location
            .pathname
            .with_untracked(|p| *p == base || *p == base.trim_end_matches('/'));
        let mut params = if on_feed {
            query.get_untracked()
        } else {
            Default::default()
        };
        let searching = params.get_str("q").is_some();
        params.remove("q");
        if !value.trim().is_empty() {
            params.replace("q", value);
        }
        navigate(
            &crate::links::href(&format!("/{}", params.to_query_string())),
            NavigateOptions {
                resolve: false,
                replace: on_feed && searching,
                scroll: !on_feed,
                ..Default::default()
            },
        );
    };

    // Listened for while capturing: the `input` event the takeover sends (a search typed
    // into the static copy, `crate::prerendered::reveal_app`) does not bubble. The header
    // lives as long as the app, so the listener is never removed (the effect holds it).
    let typed = go.clone();
    let on_input = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .filter(|t| t.id() == "search-input")
        else {
            return;
        };
        let value = target.value();
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let go = typed.clone();
        let handle = set_timeout_with_handle(move || go(value), DEBOUNCE).ok();
        timer.set_value(handle);
    });
    let listening = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(el) = host.get() {
            if !listening.get_value() {
                listening.set_value(true);
                let _ = el.add_event_listener_with_callback_and_bool(
                    "input",
                    on_input.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    });
    move |ev: web_sys::Event| {
        if crate::dom::target_closest(&ev, "[data-testid=search-form]").is_some() {
            ev.prevent_default();
            if let Some(input) = input(host) {
                go(input.value());
            }
        }
    }
}
