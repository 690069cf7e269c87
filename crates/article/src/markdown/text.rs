//! The plain text of a markdown body, for the search index.

use pulldown_cmark::{Event, Parser};

use crate::markdown::options::OPTIONS;

/// The plain text of a markdown body: text, inline code and code blocks, image alt
/// text; raw HTML and link destinations are left out. Parsed with the renderer's
/// options, so the words indexed are the words shown.
///
/// ```
/// use broadsheet_article::markdown::plain_text;
/// // Every element's end is a space, so words never run together.
/// assert_eq!(plain_text("Some **bold** [link](https://x.example)"), "Some bold  link  ");
/// ```
pub fn plain_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for event in Parser::new_ext(body, OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Rule => out.push(' '),
            _ => {}
        }
    }
    out
}
