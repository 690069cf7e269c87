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

/// How a [`FeedPlace`] is stored: a flat tuple, the slug empty when there is no anchor.
/// (A derived struct form was 1.4 KB more brotli in the Wasm every page loads.)
type StoredPlace = (String, f64, usize, String, f64);

impl FeedPlace {
    fn to_stored(&self) -> StoredPlace {
        let (slug, top) = self.anchor.clone().unwrap_or_default();
        (self.url.clone(), self.y, self.loaded, slug, top)
    }

    fn from_stored((url, y, loaded, slug, top): StoredPlace) -> Self {
        let anchor = (!slug.is_empty()).then_some((slug, top));
        Self {
            url,
            y,
            loaded,
            anchor,
        }
    }

    /// True when this place is in the view at `url`, scrolled down.
    pub fn is_down_in(&self, url: &str) -> bool {
        self.url == url && self.y > 0.0
    }
}

/// The last feed place stored in this tab, if it reads back as one.
pub fn stored_last_feed() -> Option<FeedPlace> {
    let storage = window().session_storage().ok().flatten()?;
    let json = storage.get_item(LAST_FEED_KEY).ok().flatten()?;
    let place = FeedPlace::from_stored(serde_json::from_str(&json).ok()?);
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
        let json = serde_json::to_string(&stored);
        if let (Some(storage), Ok(json)) = (window().session_storage().ok().flatten(), json) {
            let _ = storage.set_item(LAST_FEED_KEY, &json);
        }
    });
}
