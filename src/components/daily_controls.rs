//! Header controls for daily reading (the Saved link's count, the theme toggle and the
//! offline indicator, in the header's core markup) and the feed's "Mark all as read" row.

use broadsheet_core::markup::chrome::{saved_count_label, theme_icon};
use broadsheet_core::markup::{mark_all_markup, unread_label};
use leptos::html::Div;
use leptos::prelude::*;

use crate::daily::{Daily, Theme};
use crate::reader_state::ReaderStore;

/// The element under `host` with test id `id`.
fn find(host: NodeRef<Div>, id: &str) -> Option<web_sys::Element> {
    host.get()?
        .query_selector(&format!("[data-testid={id}]"))
        .ok()
        .flatten()
}

/// Keeps the daily controls in the header markup under `host` current: the saved count,
/// the theme toggle's state and the offline indicator.
pub fn keep_controls_current(host: NodeRef<Div>) {
    let daily = Daily::try_get();
    let store = ReaderStore::try_get();
    let site = crate::site::site();
    let offline_text = site.locale.t("site.offline").to_string();
    Effect::new(move |_| {
        let n = store.map_or(0, |s| s.state.with(|st| st.saved.len()));
        if let Some(count) = find(host, "saved-count") {
            count.set_text_content(Some(&saved_count_label(&site.locale, n)));
        }
    });
    Effect::new(move |_| {
        let dark = daily.is_some_and(|d| d.theme.get() == Theme::Dark);
        if let Some(toggle) = find(host, "theme-toggle") {
            let _ = toggle.set_attribute("aria-pressed", if dark { "true" } else { "false" });
            if let Ok(Some(icon)) = toggle.query_selector("[aria-hidden]") {
                icon.set_text_content(Some(theme_icon(dark)));
            }
        }
    });
    Effect::new(move |_| {
        let offline = daily.is_some_and(|d| !d.online.get());
        if let Some(indicator) = find(host, "offline-indicator") {
            let _ = indicator
                .class_list()
                .toggle_with_force("offline-indicator--on", offline);
            indicator.set_text_content(offline.then_some(offline_text.as_str()));
        }
    });
}

/// A click in the header: the theme toggle flips the theme.
pub fn on_click(ev: &web_sys::Event) {
    if crate::dom::target_closest(ev, "[data-testid=theme-toggle]").is_some() {
        if let Some(d) = Daily::try_get() {
            d.toggle_theme();
        }
    }
}

/// "Mark all as read" for the articles in view, disabled when none is unread (the row's
/// markup is the prerendered front page's too).
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
    let host = NodeRef::<Div>::new();
    let site = crate::site::site();
    let markup = mark_all_markup(&site.locale, untrack(unread), true);
    Effect::new(move |_| {
        let n = unread();
        if let Some(button) = find(host, "mark-all-read") {
            let _ = button.toggle_attribute_with_force("disabled", n == 0);
        }
        if let Some(count) = find(host, "unread-count") {
            count.set_text_content(Some(&unread_label(&site.locale, n)));
        }
    });
    view! {
        <div class="markup-host" node_ref=host inner_html=markup on:click=move |ev| {
            if crate::dom::target_closest(&ev, "[data-testid=mark-all-read]").is_some() {
                ids.with_value(|ids| store.mark_all_read(ids));
            }
        }></div>
    }
    .into_any()
}
