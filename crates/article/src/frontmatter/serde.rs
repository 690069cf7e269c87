//! The complete reader: serde_yaml, for front-matter of any shape.
//!
//! It defines what a file means (the plain reader is held to it) and gives the messages
//! publishers see for YAML that does not fit the schema. It is also the heaviest code an
//! article needs, so the app reaches it only through [`crate::model::Article`]'s
//! `from_front_matter`, called inside a split Wasm module; nothing on the app's main path
//! may call [`read`].

use crate::error::ArticleError;
use crate::frontmatter::raw::RawFrontMatter;
use crate::model::Article;

/// Reads `fm` with `serde_yaml` alone, whatever its shape, and validates it.
pub(crate) fn read(fm: &str, fallback_id: &str) -> Result<Article, ArticleError> {
    if fm.trim().is_empty() {
        return Err(ArticleError::EmptyFrontMatter);
    }
    let raw: RawFrontMatter = serde_yaml::from_str(fm).map_err(|e| yaml_error(&e))?;
    Article::from_raw(raw, fm, fallback_id)
}

/// serde_yaml's error as a report: its line where it knows one, its message without the
/// position (the report carries the line already).
fn yaml_error(err: &serde_yaml::Error) -> ArticleError {
    let line = err.location().map(|l| l.line());
    // serde_yaml appends " at line X column Y"; the report carries the line already.
    let mut message = err.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    ArticleError::Yaml {
        line,
        message: format!("YAML: {message}"),
    }
}
