//! [`FeedContext`], the one context the app shares: the site summary, where the reader
//! was in the feed, the entries that failed to parse, and "load again".

use std::rc::Rc;

use broadsheet_core::bundle::FeedMeta;
use broadsheet_core::Report;
use leptos::prelude::*;

use crate::data::load_meta;
use crate::feed_place::{store_last_feed, stored_last_feed, FeedPlace};
use crate::fetch::LoadError;

/// The shared app state: the site summary, where the reader was in the feed, and
/// whether the problems notice was dismissed.
#[derive(Clone, Copy)]
pub struct FeedContext {
    /// The site summary (counts and rejected files).
    pub meta: LocalResource<Result<Rc<FeedMeta>, LoadError>>,
    /// Bumped to drop every cached page and article and load again.
    pub generation: RwSignal<u32>,
    /// Where the reader last left a feed view, for "back to feed".
    pub last_feed: RwSignal<FeedPlace>,
    /// Entries that failed to parse in Wasm, gathered from the pages read so far.
    pub failed: RwSignal<Vec<(String, Report)>>,
    /// True once the reader dismissed the "could not be shown" notice.
    pub notice_dismissed: RwSignal<bool>,
}

impl FeedContext {
    /// Creates the context and provides it to the component tree.
    pub fn provide() {
        let generation = RwSignal::new(0u32);
        provide_context(FeedContext {
            meta: LocalResource::new(move || {
                generation.track();
                load_meta()
            }),
            generation,
            last_feed: RwSignal::new(stored_last_feed().unwrap_or_default()),
            failed: RwSignal::new(Vec::new()),
            notice_dismissed: RwSignal::new(false),
        });
    }

    /// The context provided by [`FeedContext::provide`].
    pub fn get() -> Self {
        expect_context::<FeedContext>()
    }

    /// Records where the reader left the feed, in memory and in the tab's session storage
    /// (so "back" still finds the place after the article page was reloaded).
    pub fn remember_feed(&self, place: FeedPlace) {
        store_last_feed(&place);
        self.last_feed.set(place);
    }

    /// "Try again" after `error`: loads what failed again, or reloads the page when a
    /// part of the app's own code did not load, since after a redeploy the host may
    /// serve only the new build's files and the old build's module is then gone for good
    /// (reloading starts the current build).
    pub fn retry(&self, error: &LoadError) {
        if *error == LoadError::Code {
            let _ = window().location().reload();
        } else {
            self.reload();
        }
    }

    /// Forgets what was loaded and loads it again (after an error, or a new deploy).
    pub fn reload(&self) {
        crate::data::clear_cache();
        crate::search::clear_cache();
        self.failed.set(Vec::new());
        self.generation.update(|g| *g += 1);
    }

    /// Remembers entries that failed to parse, once each, for the problems notice.
    pub fn note_failed(&self, failed: &[(String, Report)]) {
        let new: Vec<_> = failed
            .iter()
            .filter(|f| self.failed.with_untracked(|all| !all.contains(f)))
            .cloned()
            .collect();
        if !new.is_empty() {
            self.failed.update(|all| all.extend(new));
        }
    }

    /// Every report for the problems notice: files rejected at build time, then entries
    /// that failed in Wasm.
    pub fn reports(&self) -> Vec<String> {
        let mut out: Vec<String> = match self.meta.get() {
            Some(Ok(meta)) => meta.rejected.iter().map(|r| r.to_string()).collect(),
            _ => Vec::new(),
        };
        self.failed
            .with(|f| out.extend(f.iter().map(|(_, r)| r.to_string())));
        out
    }

    /// The build or parse report for a slug that could not be shown, if any.
    pub fn failure_for(&self, slug: &str) -> Option<Report> {
        let built = match self.meta.get() {
            Some(Ok(meta)) => meta
                .rejected
                .iter()
                .find(|r| r.slug.as_deref() == Some(slug))
                .cloned(),
            _ => None,
        };
        built.or_else(|| {
            self.failed
                .with(|f| f.iter().find(|(s, _)| s == slug).map(|(_, r)| r.clone()))
        })
    }
}
