//! What the app shares with `src/theme.js`, the small script inlined into every page's
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

/// The attribute the script sets on `<html>` when the front page opens with a filter in
/// its query (a shared `/?tag=…` link). The prerendered copy is the unfiltered front
/// page, so while it is on screen the stylesheet draws its cards, chart and unread row as
/// a loading state of the same size (`style/3-feed.css`); the app's takeover removes the
/// copy (`#prerendered`), and with it everything the attribute styles.
pub const FILTERED_ATTR: &str = "data-filtered";

/// The query keys that filter the front page: [`crate::feed::Facet`]'s keys (a test
/// checks they are the same).
pub const FILTER_KEYS: [&str; 6] = ["tag", "sentiment", "category", "source", "q", "day"];

/// Every value above, as the script must spell it (in single quotes).
pub const ALL: &[&str] = &[
    THEME_KEY,
    CHART_KEY,
    CHART_FOLDED_QUERY,
    FILTERED_ATTR,
    FILTER_KEYS[0],
    FILTER_KEYS[1],
    FILTER_KEYS[2],
    FILTER_KEYS[3],
    FILTER_KEYS[4],
    FILTER_KEYS[5],
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Facet;

    #[test]
    fn filter_keys_are_the_facets_keys() {
        let mut keys: Vec<&str> = Facet::ALL.iter().map(|f| f.key()).collect();
        let mut ours = FILTER_KEYS.to_vec();
        keys.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, keys);
    }
}
