//! "Related reading" and previous/next links under an article.

use broadsheet_core::bundle::ArticleLink;
use broadsheet_core::model::TextDirection;
use leptos::prelude::*;

/// A compact list of related articles (nothing when the list is empty).
#[component]
pub fn RelatedArticles(
    /// Related articles, best first.
    articles: Vec<ArticleLink>,
) -> impl IntoView {
    (!articles.is_empty()).then(|| {
        let items = articles
            .into_iter()
            .map(|a| {
                view! {
                    <li class="related__item" lang=a.lang.clone() dir=TextDirection::of_lang(&a.lang).as_str()>
                        <a href=crate::href(&format!("/article/{}", a.slug)) data-testid="related-link">{a.title.clone()}</a>
                        <span class="related__meta">{a.source.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-title" data-testid="related">
                <h2 id="related-title">"Related reading"</h2>
                <ul class="related__list">{items}</ul>
            </section>
        }
    })
}

/// Links to the previous and next article in feed order.
#[component]
pub fn PrevNext(
    /// The article before this one in the feed.
    prev: Option<ArticleLink>,
    /// The article after this one in the feed.
    next: Option<ArticleLink>,
) -> impl IntoView {
    let link = |a: ArticleLink, rel: &'static str, label: &'static str| {
        view! {
            <a href=crate::href(&format!("/article/{}", a.slug)) rel=rel class=format!("prev-next__{rel}") data-testid=format!("{rel}-article")>
                <span class="prev-next__label">{label}</span>
                <span class="prev-next__title" lang=a.lang.clone() dir=TextDirection::of_lang(&a.lang).as_str()>{a.title.clone()}</span>
            </a>
        }
    };
    view! {
        <nav class="prev-next" aria-label="More articles">
            {prev.map(|a| link(a, "prev", "← Previous"))}
            {next.map(|a| link(a, "next", "Next →"))}
        </nav>
    }
}
