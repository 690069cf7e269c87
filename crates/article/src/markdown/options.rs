//! The pulldown-cmark options every reader of a body uses, in one place: the HTML
//! renderer and the search index's plain text must parse a body the same way.

use pulldown_cmark::Options;

/// Tables, strikethrough and smart punctuation. Deliberately not enabled:
/// HEADING_ATTRIBUTES (attribute injection, id clobbering), FOOTNOTES (content-chosen
/// ids), TASKLISTS (form controls), metadata blocks, math.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);
