//! What the feeds are made of: articles newest first, each body rendered once however
//! many feeds hold it.

use std::collections::HashMap;

use broadsheet_core::bundle::Source;
use broadsheet_core::markdown::render;
use broadsheet_core::Article;
use rayon::prelude::*;

/// An article and its source file (front-matter and body), as the bundle holds them.
pub type Item = (Article, Source);

/// Every article newest first, ignoring pins (feeds are chronological); ties by slug.
pub fn newest_first(articles: &[Item]) -> Vec<&Item> {
    let mut v: Vec<&Item> = articles.iter().collect();
    v.sort_by(|a, b| {
        b.0.published_at
            .cmp(&a.0.published_at)
            .then_with(|| a.0.slug.cmp(&b.0.slug))
    });
    v
}

/// Each article's body as safe HTML, from the `markdown::render` the pages use.
pub struct Bodies(HashMap<String, String>);

impl Bodies {
    /// Renders the bodies of `items` (on every core), once each.
    pub fn render<'a>(items: impl Iterator<Item = &'a Item>) -> Bodies {
        let mut unique: HashMap<&str, &str> = HashMap::new();
        for (a, source) in items {
            unique.entry(a.slug.as_str()).or_insert(source.body());
        }
        let unique: Vec<(&str, &str)> = unique.into_iter().collect();
        Bodies(
            unique
                .par_iter()
                .map(|(slug, body)| (slug.to_string(), render(body).html))
                .collect(),
        )
    }

    /// The HTML of `a`'s body (empty when it was not rendered).
    pub fn of(&self, a: &Article) -> &str {
        self.0.get(&a.slug).map_or("", String::as_str)
    }
}
