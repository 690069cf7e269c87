//! The site header: the core's markup (the static pages' header too), with its search
//! form and daily controls wired on the element that holds it.

use broadsheet_core::markup::chrome::site_header_markup;
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::daily_controls::{keep_controls_current, on_click};
use crate::components::search_box::keep_search_working;

/// Masthead shown on every page. Its links are plain anchors, which the router follows
/// without a reload.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let host = NodeRef::<Div>::new();
    let on_submit = keep_search_working(host);
    keep_controls_current(host);
    view! {
        <div class="markup-host" node_ref=host inner_html=site_header_markup(&crate::site::site(), &crate::links::href(""), true)
            on:submit=move |ev| on_submit(ev.into())
            on:click=move |ev| on_click(&ev)></div>
    }
}
