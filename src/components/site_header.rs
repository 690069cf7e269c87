//! The site header with the masthead link home.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::daily_controls::DailyControls;
use crate::components::search_box::SearchBox;

/// Masthead shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href=crate::href("/") attr:class="site-header__brand" attr:data-testid="home-link">
                <span class="site-header__logo" aria-hidden="true">"B"</span>
                <span class="site-header__name">"Broadsheet"</span>
            </A>
            <SearchBox/>
            <DailyControls/>
        </header>
    }
}
