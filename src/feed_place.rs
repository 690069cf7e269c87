//! Where the reader left the feed (its query, scroll offset, cards loaded and top card),
//! kept in memory by the app's context (`FeedContext`) and in the tab's session
//! storage, so "back to feed" finds the place even after the article page was reloaded.

use leptos::prelude::window;

use crate::scheduling::after_next_paint;

/// Session-storage key of the stored [`FeedPlace`].
const LAST_FEED_KEY: &str = "broadsheet.lastFeed";

/// Where the reader left a feed view, for "back to feed".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedPlace {
    /// Query string of the view (`""` or `?tag=…`).
    pub url: String,
    /// The window's scroll offset: where to go back to when the top card is no longer
    /// in the feed (a new deploy).
    pub y: f64,
    /// How many cards the view had loaded.
    pub loaded: usize,
    /// The card at the top of the window (its slug) and where its top was, in pixels
    /// from the window's top: coming back, that card is put there again.
    pub anchor: Option<(String, f64)>,
}

impl FeedPlace {
    /// The stored form: `y`, `loaded`, the anchor's top and slug (empty without one)
    /// and the query string, one per line, the query last so it may hold anything. The
    /// offsets are whole pixels: a half pixel is not a place a reader can tell apart,
    /// and integers keep float parsing and printing (and serde_json) out of the Wasm
    /// every page loads.
    fn to_stored(&self) -> String {
        let (slug, top) = match &self.anchor {
            Some((slug, top)) => (slug.as_str(), *top),
            None => ("", 0.0),
        };
        format!(
            "{}\n{}\n{}\n{}\n{}",
            self.y.round() as i64,
            self.loaded,
            top.round() as i64,
            slug,
            self.url
        )
    }

    /// Reads [`FeedPlace::to_stored`]'s form back (`None` for anything else, such as a
    /// place an older version stored).
    fn from_stored(text: &str) -> Option<Self> {
        let mut lines = text.splitn(5, '\n');
        let y: i64 = lines.next()?.parse().ok()?;
        let loaded: usize = lines.next()?.parse().ok()?;
        let top: i64 = lines.next()?.parse().ok()?;
        let slug = lines.next()?;
        let url = lines.next()?.to_string();
        Some(Self {
            url,
            y: y as f64,
            loaded,
            anchor: (!slug.is_empty()).then(|| (slug.to_string(), top as f64)),
        })
    }

    /// True when this place is in the view at `url`, scrolled down.
    pub fn is_down_in(&self, url: &str) -> bool {
        self.url == url && self.y > 0.0
    }
}

/// The last feed place stored in this tab, if it reads back as one.
pub fn stored_last_feed() -> Option<FeedPlace> {
    let storage = window().session_storage().ok().flatten()?;
    let stored = storage.get_item(LAST_FEED_KEY).ok().flatten()?;
    let place = FeedPlace::from_stored(&stored)?;
    // Stored by this app, but still read defensively: a query string, a slug and sane
    // numbers.
    let sane_anchor = place
        .anchor
        .as_ref()
        .is_none_or(|(slug, top)| slug.len() <= 500 && top.is_finite());
    (place.url.len() <= 2_000
        && place.y.is_finite()
        && place.y >= 0.0
        && place.loaded <= 100_000
        && sane_anchor)
        .then_some(place)
}

/// Stores `place` in the tab's session storage (see [`stored_last_feed`]).
pub fn store_last_feed(place: &FeedPlace) {
    // Written after the click's frame: it runs on every click on the feed, filter
    // chips included, and the storage write was a visible part of that frame.
    let stored = place.to_stored();
    after_next_paint(move || {
        if let Some(storage) = window().session_storage().ok().flatten() {
            let _ = storage.set_item(LAST_FEED_KEY, &stored);
        }
    });
}
