//! The article page (`/article/<slug>`): the article's own file (front-matter parsed in
//! Wasm) and its sidecar of related links, fetched together.

use std::rc::Rc;

use broadsheet_core::markup::article::{article_markup, ArticlePage};
use broadsheet_core::markup::chrome::Missing;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use send_wrapper::SendWrapper;

use crate::components::article_cards::keep_cards_current;
use crate::components::error_card::load_failed;
use crate::components::relative_time::now_ms;
use crate::components::share_button::share_into;
use crate::components::table_of_contents::jump_to;
use crate::data::{current_slug, load_article, LoadedArticle};
use crate::feed_context::FeedContext;
use crate::fetch::LoadError;
use crate::routes::not_found::NotFoundMessage;
use crate::split::split_fn;

/// What a slug in the URL turned out to name.
#[derive(Clone)]
enum Lookup {
    /// A published article.
    Found(Rc<LoadedArticle>),
    /// An article whose title (so slug) changed since the link was made: its current slug.
    Moved(String),
    /// Nothing published.
    Missing,
}

/// The article route.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let ctx = FeedContext::get();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let loaded: LocalResource<Result<Lookup, LoadError>> = LocalResource::new(move || {
        let s = slug.get();
        ctx.generation.track();
        async move {
            // The article's code (a split module) is fetched with the article's files, so
            // it costs no extra round trip, and the page's first build is ready at once.
            let (found, code) = futures::join!(load_article(&s), preload_article_view());
            Ok(match found? {
                Some(a) => {
                    code?;
                    Lookup::Found(a)
                }
                // A link made before a title change: its id still finds the article.
                None => current_slug(&s)
                    .await
                    .map_or(Lookup::Missing, Lookup::Moved),
            })
        }
    });
    let navigate = use_navigate();
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Lookup::Moved(current))) => navigate(
            &format!("/article/{current}"),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        ),
        Some(_) => crate::prerendered::reveal_app(),
        None => {}
    });

    let site = crate::site::site();
    move || {
        let t = |key: &str| site.locale.t(key).to_string();
        match loaded.get() {
        None => view! { <p class="loading" role="status" data-testid="article-loading">{t("article.loading")}</p> }.into_any(),
        Some(Err(e)) => load_failed("article.load_failed", e),
        // Ready on its first poll: the resource has preloaded this function's module.
        Some(Ok(Lookup::Found(a))) => Suspend::new(SendWrapper::new(async move {
            article_view(a).await.unwrap_or_else(|e| load_failed("article.load_failed", e))
        })).into_any(),
        Some(Ok(Lookup::Moved(_))) => view! { <p class="loading" role="status">{t("article.loading")}</p> }.into_any(),
        Some(Ok(Lookup::Missing)) => match ctx.failure_for(&slug.get()) {
            Some(report) => { let front_page = t("not_found.front_page"); crate::head::set_title(&t("article.unavailable")); view! {
                <section class="error-card" role="alert" data-testid="article-invalid">
                    <h1>{t("article.cannot_show")}</h1>
                    <p>{t("article.publisher_fix")}</p>
                    <p><code>{report.to_string()}</code></p>
                    <p><a href=crate::links::href("/") class="button">{front_page}</a></p>
                </section>
            }.into_any() },
            None => view! { <NotFoundMessage what=Missing::Article/> }.into_any(),
        },
    }
    }
}

split_fn! { article, preload preload_article_view:
    /// A loaded article's page, in the article split module (with the markdown renderer
    /// that `load_article` runs first): the feed never downloads it.
    fn article_view(loaded: Rc<LoadedArticle>) -> AnyView {
        view! { <ArticleView loaded/> }.into_any()
    }
}

/// A loaded article, written by the core's [`article_markup`] (the markup its static copy
/// has too) with one `innerHTML`. What is live in it is wired on the element that holds
/// it: Save, a cover that fails and the minute clock's relative dates as on feed cards
/// ([`keep_cards_current`]); Share and the table of contents by the click listener
/// here. Its links are plain anchors, which the router follows without a reload.
#[component]
fn ArticleView(loaded: Rc<LoadedArticle>) -> impl IntoView {
    let ctx = FeedContext::get();
    let article = &loaded.article;
    let sidecar = &loaded.sidecar;
    // Opening an article marks it read (after mount, not during render).
    let read_id = article.id.clone();
    Effect::new(move |_| {
        if let Some(store) = crate::reader_state::ReaderStore::try_get() {
            store.mark_read(&read_id);
        }
    });
    let base = crate::links::href("");
    let back = crate::links::href(&format!(
        "/{}",
        ctx.last_feed.with_untracked(|p| p.url.clone())
    ));
    let saved = crate::reader_state::ReaderStore::try_get()
        .is_some_and(|s| s.state.with_untracked(|st| st.is_saved(&article.id)));
    let now = crate::daily::Daily::try_get().map_or_else(now_ms, |d| d.now.get_untracked());
    let site = crate::site::site();
    let markup = article_markup(
        article,
        &ArticlePage {
            locale: &site.locale,
            base: &base,
            back: &back,
            body: loaded.rendered(),
            related: &sidecar.related,
            prev: sidecar.prev.as_ref(),
            next: sidecar.next.as_ref(),
            saved,
            now_ms: Some(now),
            live: true,
        },
    );
    let host = NodeRef::<Div>::new();
    keep_cards_current(host);
    let share_title = article.title.clone();
    crate::head::set_title(&article.title);
    crate::head::head_tag(
        "meta",
        &[("name", "description"), ("content", &article.description)],
    );
    view! {
        <div class="markup-host" node_ref=host inner_html=markup
            on:click=move |ev| on_click(&ev, &share_title)></div>
    }
}

/// A click in the article: a contents link jumps to its heading without a router
/// navigation; Share shares the page and says how in its status line.
fn on_click(ev: &web_sys::MouseEvent, title: &str) {
    if let Some(link) = crate::dom::target_closest(ev, "[data-testid=toc-link]") {
        ev.prevent_default();
        let href = link.get_attribute("href").unwrap_or_default();
        if let Some((_, id)) = href.split_once('#') {
            jump_to(id);
        }
    } else if let Some(share) = crate::dom::target_closest(ev, "[data-testid=share-button]")
        .and_then(|button| button.closest(".share").ok().flatten())
    {
        if let Ok(Some(status)) = share.query_selector("[data-testid=share-status]") {
            share_into(status, title.to_string());
        }
    }
}
