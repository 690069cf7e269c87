//! Entry point: drops the prerendered static copy of the page and mounts the app.

fn main() {
    console_error_panic_hook::set_once();
    // The stored theme first, so the app never paints in the wrong colours.
    broadsheet::daily::apply_stored_theme();
    // Prerendered pages carry a static copy for readers without JavaScript and for
    // crawlers; the app renders the same content itself, so the copy goes first.
    if let Some(node) = leptos::prelude::document().get_element_by_id("prerendered") {
        node.remove();
    }
    leptos::mount::mount_to_body(broadsheet::App);
}
