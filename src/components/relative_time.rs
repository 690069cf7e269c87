//! The clock relative dates are measured against. Dates themselves are written by the
//! core's markup (`<time data-ms>`) and kept current on the minute clock
//! ([`crate::components::article_cards::keep_cards_current`]).

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
