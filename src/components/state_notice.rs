//! The notice shown once when the reader's stored read/saved state was unreadable.

use leptos::prelude::*;

use crate::reader_state::ReaderStore;

/// Says the stored reader data was unreadable and the reader started fresh, with why;
/// hidden once dismissed.
#[component]
pub fn CorruptStateNotice() -> impl IntoView {
    let store = ReaderStore::try_get();
    let site = crate::site::site();
    move || {
        let store = store?;
        let why = store.corrupt.get()?;
        let t = &site.locale;
        let text = t.fmt("problems.state_unreadable", &[("reason", &why)]);
        let dismiss = t.t("problems.dismiss").to_string();
        // A `<div>`: `<aside>` may not take the role `status` (axe's `aria-allowed-role`).
        Some(view! {
            <div class="notice notice--state" role="status" data-testid="state-notice">
                <p>{text}</p>
                <button type="button" class="notice__dismiss" data-testid="state-notice-dismiss"
                    on:click=move |_| store.corrupt.set(None)>{dismiss}</button>
            </div>
        })
    }
}
