//! What the app shares with `public/theme.js`, the small blocking script in every page's
//! `<head>` that applies the reader's choices before the first paint (the prerendered page
//! shows well before the app starts). The script is plain JavaScript and cannot import
//! these, so it spells them too; `xtask`'s tests check that it spells them exactly so.

/// `localStorage` key of the reader's colour theme (`"light"` or `"dark"`; absent: the
/// system's).
pub const THEME_KEY: &str = "broadsheet.theme";

/// `localStorage` key of the reader's choice for the sentiment chart (`"open"` or
/// `"folded"`; absent: [`CHART_FOLDED_QUERY`] decides).
pub const CHART_KEY: &str = "broadsheet.chart";

/// The screens where the chart starts folded: narrow, or as short as a phone turned on its
/// side (40em is also the phone breakpoint of the stylesheet).
pub const CHART_FOLDED_QUERY: &str = "(max-width: 39.99em), (max-height: 34.99em)";

/// Every value above, as the script must spell it (in single quotes).
pub const ALL: &[&str] = &[THEME_KEY, CHART_KEY, CHART_FOLDED_QUERY];
