//! One article in the feed grid.

use std::sync::Arc;

use broadsheet_core::facet_link::{card_footer_markup, highlighted_markup};
use broadsheet_core::feed::Facet;
use broadsheet_core::model::title_case;
use broadsheet_core::{Article, FeedFilter};
use leptos::prelude::*;

use crate::components::cover_image::CoverImage;
use crate::components::relative_time::RelativeTime;
use crate::components::save_toggle::SaveToggle;
use crate::components::tag_chip::TagChip;

/// A feed card: cover, title (the one link to the article), summary and metadata.
#[component]
pub fn ArticleCard(
    /// The article.
    #[prop(into)]
    article: Arc<Article>,
    /// Filters active in the feed, kept when a chip is followed.
    filter: FeedFilter,
    /// Loads the cover eagerly (cards above the fold).
    #[prop(optional)]
    eager: bool,
    /// Folded search terms to mark in the title and description.
    #[prop(optional)]
    highlight: Vec<String>,
) -> impl IntoView {
    let href = crate::href(&format!("/article/{}", article.slug));
    let placeholder_label = if article.category.is_empty() {
        article.source.name.clone()
    } else {
        title_case(&article.category)
    };
    let category = (!article.category.is_empty()).then(|| {
        view! { <TagChip facet=Facet::Category value=article.category.clone() current=filter.clone()/> }
    });
    // The title, description and footer are static: each is written as one string of
    // markup (escaped by the core), which builds a card in a fraction of the DOM calls.
    let base = crate::href("");
    let footer = card_footer_markup(&article.sentiment, &article.tags, &filter, &base);
    let title_html = highlighted_markup(&article.title, &highlight);
    let description_html = (!article.description.is_empty())
        .then(|| highlighted_markup(&article.description, &highlight));
    let source_href = crate::href(&format!(
        "/{}",
        filter.with(Facet::Source, &article.source.key).to_query()
    ));
    let pinned = article.is_pinned();
    // Read state: a "New" marker until the article is opened (only with a store).
    let store = crate::reader_state::ReaderStore::try_get();
    let read_id = article.id.clone();
    let is_read = Memo::new(move |_| store.is_some_and(|s| s.is_read(&read_id)));
    let unread_marker = move || {
        (store.is_some() && !is_read.get()).then(|| view! {
            <span class="marker marker--new" data-testid="unread-marker">"New"<span class="visually-hidden">" (unread)"</span></span>
        })
    };
    let source_name = article.source.name.clone();
    let save = view! { <SaveToggle id=article.id.clone() slug=article.slug.clone() title=article.title.clone()/> };
    view! {
        <article
            class="card"
            class:card--pinned=pinned
            class:card--read=move || is_read.get()
            lang=article.lang.clone()
            dir=article.dir.as_str()
            data-testid="article-card"
            data-slug=article.slug.clone()
        >
            <CoverImage
                cover=article.cover.clone()
                sizes="(max-width: 640px) 100vw, (max-width: 1100px) 50vw, 25vw"
                eager=eager
                label=placeholder_label
            />
            <div class="card__body">
                <div class="card__kicker">
                    {unread_marker}
                    {pinned.then(|| view! { <span class="marker marker--pinned">"Pinned"</span> })}
                    {category}
                    {article.ai_rewritten.then(|| view! {
                        <span class="marker marker--ai" title="This text was rewritten by an AI model" data-testid="ai-marker">"AI-rewritten"</span>
                    })}
                </div>
                <h2 class="card__title">
                    <a href=href data-testid="card-link" inner_html=title_html></a>
                </h2>
                {description_html.map(|html| view! { <p class="card__description" inner_html=html></p> })}
                <p class="card__meta">
                    <a href=source_href class="card__source" data-testid="chip-source">{source_name}</a>
                    " · "
                    <RelativeTime ms=article.published_at/>
                </p>
                <div class="card__footer" inner_html=footer></div>
                <div class="card__actions">{save}</div>
            </div>
        </article>
    }
}
