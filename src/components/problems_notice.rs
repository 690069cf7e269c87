//! A dismissable notice that some articles could not be shown, with the reasons.

use leptos::prelude::*;

use crate::feed_context::FeedContext;

/// Lists the `file:line: reason` of every article left out (rejected at build time, or
/// failing to parse in Wasm); hidden once dismissed.
#[component]
pub fn ProblemsNotice() -> impl IntoView {
    let ctx = FeedContext::get();
    move || {
        let reports = ctx.reports();
        let count = reports.len();
        (count > 0 && !ctx.notice_dismissed.get()).then(|| {
            let items = reports
                .iter()
                .map(|r| view! { <li><code>{r.clone()}</code></li> })
                .collect_view();
            let summary = if count == 1 {
                "1 article could not be shown".to_string()
            } else {
                format!("{count} articles could not be shown")
            };
            view! {
                <aside class="notice" role="status" data-testid="problems-notice">
                    <details>
                        <summary>{summary}</summary>
                        <ul class="notice__list">{items}</ul>
                    </details>
                    <button type="button" class="notice__dismiss" data-testid="dismiss-notice"
                        on:click=move |_| ctx.notice_dismissed.set(true)>
                        "Dismiss"
                    </button>
                </aside>
            }
        })
    }
}
