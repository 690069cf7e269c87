//! `<time>` with a machine-readable `datetime` and a relative phrase.

use broadsheet_core::date::{format_date_time, relative, to_rfc3339};
use leptos::prelude::*;

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A relative date ("3 h ago") with the exact UTC time as its title.
#[component]
pub fn RelativeTime(
    /// Unix milliseconds.
    ms: i64,
    /// Text before the date, e.g. "Updated".
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView {
    // Re-rendered by the minute clock (see `crate::daily::Daily`) while the page is open.
    let daily = crate::daily::Daily::try_get();
    let text = move || {
        let now = daily.map_or_else(now_ms, |d| d.now.get());
        if prefix.is_empty() {
            relative(ms, now)
        } else {
            format!("{prefix} {}", relative(ms, now))
        }
    };
    view! {
        <time datetime=to_rfc3339(ms) title=format_date_time(ms)>{text}</time>
    }
}
