//! What the feeds are made of: articles newest first, each body rendered once however
//! many feeds hold it.

use std::borrow::Cow;
use std::collections::HashMap;

use broadsheet_core::bundle::Source;
use broadsheet_core::markdown::render;
use broadsheet_core::Article;
use rayon::prelude::*;

use crate::util::Result;

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

/// Gives an item's markdown body (held, or read again: see `articles::Built::body`).
pub type BodyOf<'b> = dyn Fn(&Item) -> Result<Cow<'b, str>> + Sync + 'b;

/// The body of an item whose source is held whole (tests, and bundles built in memory),
/// copied.
pub fn held_body(item: &Item) -> Result<Cow<'static, str>> {
    item.1
        .body()
        .map(|body| Cow::Owned(body.to_string()))
        .ok_or_else(|| format!("{}: the body is not held", item.0.slug).into())
}

/// Each article's body as safe HTML, from the `markdown::render` the pages use.
pub struct Bodies(HashMap<String, String>);

impl Bodies {
    /// Renders the bodies of `items` (on every core), once each; `body_of` gives each
    /// one's markdown.
    pub fn render<'a>(items: impl Iterator<Item = &'a Item>, body_of: &BodyOf) -> Result<Bodies> {
        let mut unique: HashMap<&str, &Item> = HashMap::new();
        for item in items {
            unique.entry(item.0.slug.as_str()).or_insert(item);
        }
        let unique: Vec<(&str, &Item)> = unique.into_iter().collect();
        Ok(Bodies(
            unique
                .par_iter()
                .map(|(slug, item)| Ok((slug.to_string(), render(&body_of(item)?).html)))
                .collect::<Result<_>>()?,
        ))
    }

    /// The HTML of `a`'s body (empty when it was not rendered).
    pub fn of(&self, a: &Article) -> &str {
        self.0.get(&a.slug).map_or("", String::as_str)
    }
}
