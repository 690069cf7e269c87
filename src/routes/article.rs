//! The article page (`/article/<slug>`): the article's own file (front-matter parsed in
//! Wasm) and its sidecar of related links, fetched together.

use std::rc::Rc;

use broadsheet_core::card::placeholder_label;
use broadsheet_core::date::format_date_time;
use broadsheet_core::feed::Facet;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use send_wrapper::SendWrapper;

use crate::components::cover_image::CoverImage;
use crate::components::related_articles::{PrevNext, RelatedArticles};
use crate::components::relative_time::RelativeTime;
use crate::components::save_toggle::SaveToggle;
use crate::components::sentiment_badge::SentimentBadge;
use crate::components::share_button::ShareButton;
use crate::components::table_of_contents::TableOfContents;
use crate::components::tag_chip::TagChip;
use crate::data::{current_slug, load_article, FeedContext, LoadError, LoadedArticle};
use crate::routes::load_failed;
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
        Some(_) => crate::reveal_app(),
        None => {}
    });

    move || {
        match loaded.get() {
        None => view! { <p class="loading" role="status" data-testid="article-loading">"Loading…"</p> }.into_any(),
        Some(Err(e)) => load_failed("The article could not be loaded", e, ctx),
        // Ready on its first poll: the resource has preloaded this function's module.
        Some(Ok(Lookup::Found(a))) => Suspend::new(SendWrapper::new(async move {
            article_view(a).await.unwrap_or_else(|e| load_failed("The article could not be loaded", e, ctx))
        })).into_any(),
        Some(Ok(Lookup::Moved(_))) => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
        Some(Ok(Lookup::Missing)) => match ctx.failure_for(&slug.get()) {
            Some(report) => view! {
                <Title text="Article unavailable"/>
                <section class="error-card" role="alert" data-testid="article-invalid">
                    <h1>"This article cannot be shown"</h1>
                    <p>"Its file has a problem the publisher needs to fix:"</p>
                    <p><code>{report.to_string()}</code></p>
                    <p><A href=crate::href("/") attr:class="button">"Go to the front page"</A></p>
                </section>
            }.into_any(),
            None => view! { <NotFoundMessage what="article"/> }.into_any(),
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

/// A loaded article: hero, headline, metadata and the rendered body.
#[component]
fn ArticleView(loaded: Rc<LoadedArticle>) -> impl IntoView {
    let ctx = FeedContext::get();
    let article = loaded.article.clone();
    let sidecar = loaded.sidecar.clone();
    // Opening an article marks it read (after mount, not during render).
    let read_id = article.id.clone();
    Effect::new(move |_| {
        if let Some(store) = crate::reader_state::ReaderStore::try_get() {
            store.mark_read(&read_id);
        }
    });
    let back = move || crate::href(&format!("/{}", ctx.last_feed.with(|p| p.url.clone())));
    let category = (!article.category.is_empty())
        .then(|| view! { <TagChip facet=Facet::Category value=article.category.clone()/> });
    let tags = article
        .tags
        .iter()
        .map(|t| view! { <li><TagChip facet=Facet::Tag value=t.clone()/></li> })
        .collect_view();
    let placeholder = placeholder_label(&article);
    let description = article.description.clone();
    let share_title = article.title.clone();
    view! {
        <Title text=article.title.clone()/>
        <Meta name="description" content=description/>
        <article class="article" lang=article.lang.clone() dir=article.dir.as_str() data-testid="article">
            <p class="article__back" dir="ltr" lang="en">
                <A href=back attr:data-testid="back-to-feed">"← Back to the feed"</A>
            </p>
            <header class="article__header">
                <div class="card__kicker">
                    {category}
                    {article.ai_rewritten.then(|| view! {
                        <span class="marker marker--ai" title="This text was rewritten by an AI model" data-testid="ai-marker">"AI-rewritten"</span>
                    })}
                </div>
                <h1 class="article__title" data-testid="article-title">{article.title.clone()}</h1>
                {(!article.description.is_empty()).then(|| view! { <p class="article__standfirst">{article.description.clone()}</p> })}
                <p class="article__meta">
                    <a href=crate::href(&format!("/?source={}", broadsheet_core::feed::encode_component(&article.source.key))) class="card__source">{article.source.name.clone()}</a>
                    " · "
                    <span title=format_date_time(article.published_at)>"Published "<RelativeTime ms=article.published_at/></span>
                    {article.updated_at.map(|u| view! { " · " <span class="article__updated" data-testid="updated"><RelativeTime ms=u prefix="Updated"/></span> })}
                </p>
                <div class="card__footer">
                    <SentimentBadge sentiment=article.sentiment.clone()/>
                    <ul class="card__tags" aria-label="Tags">{tags}</ul>
                </div>
                <div class="article__actions">
                    <ShareButton title=share_title/>
                    <SaveToggle id=article.id.clone() slug=article.slug.clone() title=article.title.clone()/>
                </div>
            </header>
            <div class="article__hero">
                <CoverImage cover=article.cover.clone() sizes="(max-width: 960px) 100vw, 960px" eager=true label=placeholder/>
            </div>
            {
                loaded.rendered().map(|rendered| view! {
                    <p class="article__reading-time" data-testid="reading-time">{format!("{} min read", rendered.reading_minutes())}</p>
                    <TableOfContents headings=rendered.headings.clone()/>
                    <div class="prose" data-testid="article-body" inner_html=rendered.html.clone()></div>
                })
            }
            <footer class="article__footer" dir="ltr" lang="en">
                <RelatedArticles articles=sidecar.related/>
                <PrevNext prev=sidecar.prev next=sidecar.next/>
            </footer>
        </article>
    }
}
