//! Header controls for daily reading: the Saved link, the theme toggle and the offline
//! indicator.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::daily::{Daily, Theme};
use crate::reader_state::ReaderStore;

/// Saved link, theme toggle and offline indicator, for the site header.
#[component]
pub fn DailyControls() -> impl IntoView {
    let daily = Daily::try_get();
    let store = ReaderStore::try_get();
    let saved_count = move || store.map_or(0, |s| s.state.with(|st| st.saved.len()));
    let dark = move || daily.is_some_and(|d| d.theme.get() == Theme::Dark);
    let offline = move || daily.is_some_and(|d| !d.online.get());
    view! {
        <div class="daily-controls">
            <span class="offline-indicator" class:offline-indicator--on=offline role="status"
                data-testid="offline-indicator">
                {move || offline().then_some("Offline — showing saved copies")}
            </span>
            <A href=crate::href("/saved") attr:class="daily-controls__saved" attr:data-testid="saved-link">
                <span aria-hidden="true">"★"</span>"Saved"
                <span class="daily-controls__count" data-testid="saved-count">
                    {move || match saved_count() { 0 => String::new(), n => format!(" ({n})") }}
                </span>
            </A>
            <button type="button" class="theme-toggle" data-testid="theme-toggle"
                aria-pressed=move || if dark() { "true" } else { "false" }
                on:click=move |_| { if let Some(d) = daily { d.toggle_theme() } }>
                <span aria-hidden="true">{move || if dark() { "☾ " } else { "☀ " }}</span>
                "Dark theme"
            </button>
        </div>
    }
}

/// "Mark all as read" for the articles in view; hidden when none is unread.
#[component]
pub fn MarkAllRead(
    /// Ids of the articles in view.
    ids: Vec<String>,
) -> impl IntoView {
    let Some(store) = ReaderStore::try_get() else {
        return ().into_any();
    };
    let ids = StoredValue::new(ids);
    let unread = move || {
        ids.with_value(|ids| {
            store
                .state
                .with(|s| ids.iter().filter(|id| !s.is_read(id)).count())
        })
    };
    view! {
        <div class="mark-all">
            <button type="button" class="notice__dismiss" data-testid="mark-all-read"
                disabled=move || unread() == 0
                on:click=move |_| ids.with_value(|ids| store.mark_all_read(ids))>
                "Mark all as read"
            </button>
            <span class="mark-all__count" data-testid="unread-count">
                {move || match unread() { 0 => "All caught up".to_string(), 1 => "1 unread".to_string(), n => format!("{n} unread") }}
            </span>
        </div>
    }
    .into_any()
}
