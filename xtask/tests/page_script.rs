//! `public/theme.js` runs before the app and cannot import Rust constants, so it spells
//! the storage keys and the media query the app owns (`broadsheet_core::page_script`).
//! This guards against the two drifting apart: a renamed key would make the static page
//! and the app disagree about the reader's theme or chart.

use broadsheet_core::page_script::ALL;

#[test]
fn theme_js_spells_every_shared_value_as_the_core_does() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/theme.js");
    let script = std::fs::read_to_string(&path).expect("public/theme.js reads");
    for value in ALL {
        assert!(
            script.contains(&format!("'{value}'")),
            "public/theme.js does not spell '{value}' (broadsheet_core::page_script)"
        );
    }
}
