//! The search box in the header. Typing updates the feed's `?q=` (debounced), keeping
//! the other filters; the first keystroke of a search adds a history entry, the rest
//! replace it, so Back leaves the search in one step.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// How long typing must pause before the address (and so the results) follow.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// A `role=search` form with a labelled search input bound to `?q=`.
#[component]
pub fn SearchBox() -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let url_q = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    let text = RwSignal::new(url_q.get_untracked());
    // The last value this box wrote to the address: a different `?q=` came from
    // elsewhere (a shared link, Back, "Clear all") and replaces what is in the box.
    let written = StoredValue::new(url_q.get_untracked());
    Effect::new(move |_| {
        let q = url_q.get();
        if q != written.get_value() {
            written.set_value(q.clone());
            text.set(q);
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
        let base = crate::href("/");
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
            &crate::href(&format!("/{}", params.to_query_string())),
            NavigateOptions {
                resolve: false,
                replace: on_feed && searching,
                scroll: !on_feed,
                ..Default::default()
            },
        );
    };

    let submit = go.clone();
    view! {
        <form class="site-header__search search-box" role="search" data-testid="search-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit(text.get_untracked());
            }>
            <label for="search-input" class="visually-hidden">"Search articles"</label>
            <input
                id="search-input"
                type="search"
                name="q"
                placeholder="Search articles"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                data-testid="search-input"
                prop:value=move || text.get()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    text.set(value.clone());
                    if let Some(t) = timer.get_value() {
                        t.clear();
                    }
                    let go = go.clone();
                    let handle = set_timeout_with_handle(move || go(value), DEBOUNCE).ok();
                    timer.set_value(handle);
                }
            />
        </form>
    }
}
