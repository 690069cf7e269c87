//! The reader's read/saved state: a signal shared through context, loaded from and saved
//! to `localStorage`. The rules (validation, limits, merge) live in
//! [`broadsheet_core::reader_state`].

use broadsheet_core::reader_state::{MergeCount, ReaderState, StateError, STORAGE_KEY};
use leptos::prelude::*;

/// Where a corrupted stored copy is moved, so it is not lost before the reader decides.
const CORRUPT_KEY: &str = "broadsheet.reader.v1.corrupt";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Shared read/saved state.
#[derive(Clone, Copy)]
pub struct ReaderStore {
    /// The state itself; every change is written back to `localStorage`.
    pub state: RwSignal<ReaderState>,
    /// Set when the stored data was unreadable and the reader started fresh.
    pub corrupt: RwSignal<Option<String>>,
}

impl ReaderStore {
    /// Loads the stored state (or starts fresh) and provides it to the tree.
    pub fn provide() -> Self {
        let (state, corrupt) = match storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        {
            None => (ReaderState::default(), None),
            Some(text) => match ReaderState::parse(&text) {
                Ok(s) => (s, None),
                Err(e) => {
                    if let Some(s) = storage() {
                        let _ =
                            s.set_item(CORRUPT_KEY, &text.chars().take(4096).collect::<String>());
                        let _ = s.remove_item(STORAGE_KEY);
                    }
                    (ReaderState::default(), Some(e.to_string()))
                }
            },
        };
        let store = ReaderStore {
            state: RwSignal::new(state),
            corrupt: RwSignal::new(corrupt),
        };
        provide_context(store);
        store
    }

    /// The provided store, when there is one (components also render without it in tests).
    pub fn try_get() -> Option<Self> {
        use_context::<ReaderStore>()
    }

    fn save(&self) {
        let json = self.state.with_untracked(ReaderState::to_json);
        if let Some(s) = storage() {
            // Quota errors leave the in-memory state working for this visit.
            let _ = s.set_item(STORAGE_KEY, &json);
        }
    }

    /// Whether the article was read (tracked).
    pub fn is_read(&self, id: &str) -> bool {
        self.state.with(|s| s.is_read(id))
    }

    /// Whether the article is saved (tracked).
    pub fn is_saved(&self, id: &str) -> bool {
        self.state.with(|s| s.is_saved(id))
    }

    /// Marks one article read.
    pub fn mark_read(&self, id: &str) {
        if self.state.with_untracked(|s| s.is_read(id)) {
            return;
        }
        self.state.update(|s| {
            s.mark_read(id);
        });
        self.save();
    }

    /// Marks many articles read.
    pub fn mark_all_read(&self, ids: &[String]) {
        self.state.update(|s| {
            s.mark_all_read(ids.iter().map(String::as_str));
        });
        self.save();
    }

    /// Saves or unsaves; returns whether it is now saved.
    pub fn toggle_saved(&self, id: &str, slug: &str) -> bool {
        let now = js_sys::Date::now() as i64;
        let mut saved = false;
        self.state.update(|s| saved = s.toggle_saved(id, slug, now));
        self.save();
        saved
    }

    /// Validates and merges an imported file.
    pub fn import(&self, text: &str) -> Result<MergeCount, StateError> {
        let other = ReaderState::parse(text)?;
        let mut count = MergeCount::default();
        self.state.update(|s| count = s.merge(&other));
        self.save();
        Ok(count)
    }

    /// The export file's text.
    pub fn export_json(&self) -> String {
        self.state.with_untracked(ReaderState::to_json)
    }
}
