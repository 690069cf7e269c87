//! A dismissable notice that some articles could not be shown, with the reasons.

use leptos::prelude::*;

use crate::feed_context::FeedContext;

/// Lists the `file:line: reason` of every article left out (rejected at build time, or
/// failing to parse in Wasm); hidden once dismissed.
#[component]
pub fn ProblemsNotice() -> impl IntoView {
    let ctx = FeedContext::get();
    let site = crate::site::site();
    move || {
        let t = &site.locale;
        let reports = ctx.reports();
        let count = reports.len();
        (count > 0 && !ctx.notice_dismissed.get()).then(|| {
            let items = reports
                .iter()
                .map(|r| view! { <li><code>{r.clone()}</code></li> })
                .collect_view();
            let summary = t.count("problems.count", count as u64, &[]);
            let dismiss = t.t("problems.dismiss").to_string();
            // A `<div>`: `<aside>` may not take the role `status` (axe's `aria-allowed-role`).
            view! {
                <div class="notice" role="status" data-testid="problems-notice">
                    <details>
                        <summary>{summary}</summary>
                        <ul class="notice__list">{items}</ul>
                    </details>
                    <button type="button" class="notice__dismiss" data-testid="dismiss-notice"
                        on:click=move |_| ctx.notice_dismissed.set(true)>
                        {dismiss}
                    </button>
                </div>
            }
        })
    }
}
