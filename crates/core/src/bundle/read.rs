//! Reading one file of `content/`: decoded, split and validated once. Pure and
//! independent per file, so a build tool may read files in any order or in parallel and
//! hand the outcomes to [`crate::bundle::assemble`].

use std::ops::Range;

use broadsheet_article::limits::MAX_FILE_BYTES;
use broadsheet_article::{frontmatter, Article, ArticleError, Report};

/// The file name without its extension.
pub fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem)
}

/// Best-effort slug of a file that failed validation: its `title` and `externalId` when
/// the YAML still reads as a mapping, else the file name. Never fails.
pub fn guess_slug(name: &str, bytes: &[u8]) -> String {
    let stem = file_stem(name);
    let text = String::from_utf8_lossy(bytes);
    let fields = frontmatter::split(&text)
        .ok()
        .and_then(|s| serde_yaml::from_str::<serde_yaml::Mapping>(s.front_matter).ok());
    let get = |key: &str| {
        fields.as_ref().and_then(|m| match m.get(key) {
            Some(serde_yaml::Value::String(s)) => Some(s.clone()),
            Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let id = get("externalId").unwrap_or_else(|| stem.to_string());
    broadsheet_article::slug::article_slug(&get("title").unwrap_or_default(), &id)
}

/// An article's source text, held once, with where its front-matter and body are (so
/// nothing splits or copies a file a second time). A build tool that knows a file is
/// unchanged since its last build may hold its front-matter alone
/// ([`Source::front_matter_only`]); then [`Source::text`] and [`Source::body`] answer
/// `None`, and the caller reads the file again if it needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    text: String,
    front_matter: Range<usize>,
    body_start: usize,
    whole: bool,
}

impl Source {
    /// A source of which only the front-matter (without its fences) is held.
    pub fn front_matter_only(front_matter: String) -> Self {
        let end = front_matter.len();
        Source {
            text: front_matter,
            front_matter: 0..end,
            body_start: end,
            whole: false,
        }
    }

    /// The whole file, when held.
    pub fn text(&self) -> Option<&str> {
        self.whole.then_some(self.text.as_str())
    }

    /// The front-matter, without its fences.
    pub fn front_matter(&self) -> &str {
        &self.text[self.front_matter.clone()]
    }

    /// The front-matter, handed over: moved out when it is all this source holds (which
    /// then holds nothing), copied when the whole file is held (which keeps it). What
    /// [`crate::bundle::assemble`] puts in a list entry, where a copy of every article's
    /// front-matter was 90 MB of an incremental build at 100,000 articles.
    pub fn take_front_matter(&mut self) -> String {
        if self.whole {
            return self.front_matter().to_string();
        }
        let text = std::mem::take(&mut self.text);
        self.front_matter = 0..0;
        self.body_start = 0;
        text
    }

    /// The markdown body, when held.
    pub fn body(&self) -> Option<&str> {
        self.whole.then(|| &self.text[self.body_start..])
    }

    /// Where the body starts in the file (bytes), when held: what a build tool keeps to
    /// find the body when it reads the file again.
    pub fn body_offset(&self) -> Option<usize> {
        self.whole.then_some(self.body_start)
    }
}

/// One file, read and validated: the article and its source.
#[derive(Debug, Clone)]
pub struct ReadFile {
    /// The validated article.
    pub article: Article,
    /// Its text.
    pub source: Source,
}

/// Decodes, splits and validates one file, keeping `bytes` as its text (no copy).
fn read(name: &str, bytes: Vec<u8>) -> Result<ReadFile, (ArticleError, Vec<u8>)> {
    if bytes.len() > MAX_FILE_BYTES {
        let e = ArticleError::TooLarge {
            what: "file",
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        };
        return Err((e, bytes));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Err((ArticleError::InvalidUtf8(at), e.into_bytes()));
        }
    };
    // What `Article::from_file` does, keeping the split's positions.
    let parsed = frontmatter::split(&text).and_then(|split| {
        let article = Article::from_front_matter(split.front_matter, file_stem(name))
            .map_err(|e| e.offset_lines(split.front_matter_line))?;
        // Both parts borrow from `text`: their offsets in it.
        let fm_start = split.front_matter.as_ptr() as usize - text.as_ptr() as usize;
        Ok((
            article,
            fm_start..fm_start + split.front_matter.len(),
            text.len() - split.body.len(),
        ))
    });
    match parsed {
        Ok((article, front_matter, body_start)) => Ok(ReadFile {
            article,
            source: Source {
                text,
                front_matter,
                body_start,
                whole: true,
            },
        }),
        Err(e) => Err((e, text.into_bytes())),
    }
}

/// Reads one file as a build does: the article and its source, or the report that
/// rejects it (`file:line: reason`, with a best-effort slug).
pub fn read_one(name: &str, bytes: Vec<u8>) -> Result<ReadFile, Report> {
    read(name, bytes).map_err(|(e, bytes)| Report {
        slug: Some(guess_slug(name, &bytes)),
        ..Report::from_error(name, &e)
    })
}

/// Decodes and validates one file; returns the article and its source text.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<(Article, String), ArticleError> {
    read(name, bytes.to_vec())
        .map(|file| (file.article, file.source.text))
        .map_err(|(e, _)| e)
}
