//! `src/theme.js` runs before the app and cannot import Rust constants, so it spells
//! the storage keys and the media query the app owns (`broadsheet_core::page_script`).
//! This guards against the two drifting apart: a renamed key would make the static page
//! and the app disagree about the reader's theme or chart.

use broadsheet_core::page_script::ALL;

#[test]
fn theme_js_spells_every_shared_value_as_the_core_does() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/theme.js");
    let script = std::fs::read_to_string(&path).expect("src/theme.js reads");
    for value in ALL {
        assert!(
            script.contains(&format!("'{value}'")),
            "src/theme.js does not spell '{value}' (broadsheet_core::page_script)"
        );
    }
}

/// The stylesheet draws the static copy of a filtered front page as a loading state under
/// the attribute theme.js sets; a renamed attribute would paint unfiltered cards again.
#[test]
fn the_stylesheet_styles_the_attribute_theme_js_sets() {
    use broadsheet_core::page_script::FILTERED_ATTR;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../style/3-feed.css");
    let css = std::fs::read_to_string(&path).expect("style/3-feed.css reads");
    assert!(
        css.contains(&format!("[{FILTERED_ATTR}] #prerendered .card")),
        "style/3-feed.css does not hide the static cards under [{FILTERED_ATTR}]"
    );
}
