//! Reading the bundle's JSON files in the app, with [`crate::json`]: each file type's
//! fields, as serde writes them at build time (a test reads back what `serde_json`
//! wrote for each). Unknown fields are skipped, as serde's derives do, so a newer build
//! may add a field without breaking an app that still runs the old code.

use broadsheet_article::Report;

use crate::json::{read_json, required, JsonError, JsonReader};
use crate::stats::{DayBucket, Overview, Split, TagBucket};

use super::layout::{
    ArticleLink, ArticleSidecar, FeedMeta, IdBucket, IndexEntry, ListHead, ListPage,
};

impl FeedMeta {
    /// Reads [`super::META_PATH`]'s text.
    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        read_json(text, |r| {
            let (mut version, mut total, mut page_size, mut rejected) = (None, None, None, None);
            r.object(|r, key| {
                match key {
                    "version" => version = Some(r.u32()?),
                    "total" => total = Some(r.usize()?),
                    "page_size" => page_size = Some(r.usize()?),
                    "rejected" => rejected = Some(r.vec(report)?),
                    _ => r.skip()?,
                }
                Ok(())
            })?;
            Ok(FeedMeta {
                version: required(version, "version")?,
                total: required(total, "total")?,
                page_size: required(page_size, "page_size")?,
                rejected: required(rejected, "rejected")?,
            })
        })
    }
}

impl ListHead {
    /// Reads a list's `head.json`.
    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        read_json(text, |r| {
            let (mut version, mut total, mut pages, mut entries) = (None, None, None, None);
            let mut overview = None;
            r.object(|r, key| {
                match key {
                    "version" => version = Some(r.u32()?),
                    "total" => total = Some(r.usize()?),
                    "pages" => pages = Some(r.usize()?),
                    "entries" => entries = Some(r.vec(index_entry)?),
                    "overview" => overview = r.option(read_overview)?,
                    _ => r.skip()?,
                }
                Ok(())
            })?;
            Ok(ListHead {
                version: required(version, "version")?,
                total: required(total, "total")?,
                pages: required(pages, "pages")?,
                entries: required(entries, "entries")?,
                overview,
            })
        })
    }
}

impl ListPage {
    /// Reads a list's numbered page.
    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        read_json(text, |r| {
            let (mut version, mut entries) = (None, None);
            r.object(|r, key| {
                match key {
                    "version" => version = Some(r.u32()?),
                    "entries" => entries = Some(r.vec(index_entry)?),
                    _ => r.skip()?,
                }
                Ok(())
            })?;
            Ok(ListPage {
                version: required(version, "version")?,
                entries: required(entries, "entries")?,
            })
        })
    }
}

impl ArticleSidecar {
    /// Reads an article's `.json` sidecar.
    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        read_json(text, |r| {
            let mut fallback_id = None;
            let mut sidecar = ArticleSidecar::default();
            let mut related = None;
            r.object(|r, key| {
                match key {
                    "fallback_id" => fallback_id = Some(r.string()?),
                    "prev" => sidecar.prev = r.option(article_link)?,
                    "next" => sidecar.next = r.option(article_link)?,
                    "related" => related = Some(r.vec(article_link)?),
                    _ => r.skip()?,
                }
                Ok(())
            })?;
            sidecar.fallback_id = required(fallback_id, "fallback_id")?;
            sidecar.related = required(related, "related")?;
            Ok(sidecar)
        })
    }
}

/// Reads an id bucket (`data/ids/<xx>.json`).
pub fn id_bucket_from_json(text: &str) -> Result<IdBucket, JsonError> {
    read_json(text, |r| {
        let mut bucket = IdBucket::new();
        r.object(|r, key| {
            bucket.insert(key.to_string(), r.string()?);
            Ok(())
        })?;
        Ok(bucket)
    })
}

fn index_entry(r: &mut JsonReader) -> Result<IndexEntry, JsonError> {
    let (mut slug, mut fallback_id, mut fm) = (None, None, None);
    r.object(|r, key| {
        match key {
            "slug" => slug = Some(r.string()?),
            "fallback_id" => fallback_id = Some(r.string()?),
            "fm" => fm = Some(r.string()?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(IndexEntry {
        slug: required(slug, "slug")?,
        fallback_id: required(fallback_id, "fallback_id")?,
        fm: required(fm, "fm")?,
    })
}

fn article_link(r: &mut JsonReader) -> Result<ArticleLink, JsonError> {
    let (mut slug, mut title, mut lang, mut source) = (None, None, None, None);
    r.object(|r, key| {
        match key {
            "slug" => slug = Some(r.string()?),
            "title" => title = Some(r.string()?),
            "lang" => lang = Some(r.string()?),
            "source" => source = Some(r.string()?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(ArticleLink {
        slug: required(slug, "slug")?,
        title: required(title, "title")?,
        lang: required(lang, "lang")?,
        source: required(source, "source")?,
    })
}

fn report(r: &mut JsonReader) -> Result<Report, JsonError> {
    let (mut file, mut line, mut reason, mut slug) = (None, None, None, None);
    r.object(|r, key| {
        match key {
            "file" => file = Some(r.string()?),
            "line" => line = Some(r.usize()?),
            "reason" => reason = Some(r.string()?),
            "slug" => slug = r.option(JsonReader::string)?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(Report {
        file: required(file, "file")?,
        line: required(line, "line")?,
        reason: required(reason, "reason")?,
        slug,
    })
}

fn read_overview(r: &mut JsonReader) -> Result<Overview, JsonError> {
    let (mut days, mut in_window, mut all, mut tags) = (None, None, None, None);
    r.object(|r, key| {
        match key {
            "days" => days = Some(r.vec(day_bucket)?),
            "in_window" => in_window = Some(split(r)?),
            "all" => all = Some(split(r)?),
            "tags" => tags = Some(r.vec(tag_bucket)?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(Overview {
        days: required(days, "days")?,
        in_window: required(in_window, "in_window")?,
        all: required(all, "all")?,
        tags: required(tags, "tags")?,
    })
}

fn day_bucket(r: &mut JsonReader) -> Result<DayBucket, JsonError> {
    let (mut day, mut counts) = (None, None);
    r.object(|r, key| {
        match key {
            "day" => day = Some(r.i64()?),
            "split" => counts = Some(split(r)?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(DayBucket {
        day: required(day, "day")?,
        split: required(counts, "split")?,
    })
}

fn tag_bucket(r: &mut JsonReader) -> Result<TagBucket, JsonError> {
    let (mut tag, mut counts) = (None, None);
    r.object(|r, key| {
        match key {
            "tag" => tag = Some(r.string()?),
            "split" => counts = Some(split(r)?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(TagBucket {
        tag: required(tag, "tag")?,
        split: required(counts, "split")?,
    })
}

fn split(r: &mut JsonReader) -> Result<Split, JsonError> {
    let (mut positive, mut neutral, mut negative, mut other) = (None, None, None, None);
    r.object(|r, key| {
        match key {
            "positive" => positive = Some(r.usize()?),
            "neutral" => neutral = Some(r.usize()?),
            "negative" => negative = Some(r.usize()?),
            "other" => other = Some(r.usize()?),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(Split {
        positive: required(positive, "positive")?,
        neutral: required(neutral, "neutral")?,
        negative: required(negative, "negative")?,
        other: required(other, "other")?,
    })
}

#[cfg(test)]
mod tests;
