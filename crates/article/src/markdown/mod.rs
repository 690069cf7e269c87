//! Markdown to safe HTML, the same in the browser and in prerendered pages.
//!
//! Article bodies are untrusted. pulldown-cmark parses them; this module then rewrites
//! the event stream before HTML is written so that:
//! - raw HTML (block or inline) is dropped, keeping only the text between tags;
//! - links pass [`crate::url::check`] for links, images for images; a failing link keeps
//!   its text without an `<a>`, a failing image becomes its alt text;
//! - external links get `rel="noopener noreferrer nofollow"`;
//! - heading ids are generated here (`h-<words>`), never taken from the content, so no
//!   `{#id}` or `{onclick=…}` attribute syntax and no DOM clobbering (heading attributes
//!   and footnotes stay disabled);
//! - code-block info strings never reach a `class`;
//! - block containers deeper than [`crate::limits::MAX_RENDER_DEPTH`] are flattened.
//!
//! A closing "Impact on … market" section is wrapped in a callout `<section>`.
//!
//! The search index reads bodies too ([`plain_text`]); both readers share the parser
//! options of `options.rs`, so what the index sees is what the page shows.

mod options;
mod render;
mod text;
mod words;

pub use render::{contents, escape_html, render, Heading, Rendered, MIN_SECTIONS};
pub use text::plain_text;
