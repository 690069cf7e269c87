//! The Save/Unsave toggle on cards and the article page.

use leptos::prelude::*;

use crate::reader_state::ReaderStore;
use broadsheet_core::bundle::{article_path, sidecar_path};
use broadsheet_core::card::save_state_text;

/// A pressed/unpressed button that keeps an article in the Saved list (and its text
/// available offline).
#[component]
pub fn SaveToggle(
    /// Article id.
    id: String,
    /// Article slug, used to find its source file for offline reading.
    slug: String,
    /// Title, for the button's accessible name.
    title: String,
) -> impl IntoView {
    let Some(store) = ReaderStore::try_get() else {
        return ().into_any();
    };
    let id_check = id.clone();
    let saved = Memo::new(move |_| store.is_saved(&id_check));
    let on_click = move |_| {
        if store.toggle_saved(&id, &slug) {
            // Fetched now so the service worker has them for reading offline.
            crate::daily::keep_offline(&article_path(&slug));
            crate::daily::keep_offline(&sidecar_path(&slug));
        }
    };
    view! {
        <button type="button" class="save-toggle" class:save-toggle--on=move || saved.get()
            aria-pressed=move || if saved.get() { "true" } else { "false" }
            data-testid="save-toggle" on:click=on_click>
            <span aria-hidden="true">{move || save_state_text(saved.get()).0}</span>
            <span class="save-toggle__label">{move || save_state_text(saved.get()).1}</span>
            <span class="visually-hidden">{format!(": {title}")}</span>
        </button>
    }
    .into_any()
}
