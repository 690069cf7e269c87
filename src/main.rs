//! Entry point: drops the prerendered static copy of the page and mounts the app.

fn main() {
    console_error_panic_hook::set_once();
    // The stored theme first, so the app never paints in the wrong colours.
    broadsheet::daily::apply_stored_theme();
    // Prerendered pages carry a static copy, for readers without JavaScript, crawlers and
    // a first paint before the app has data. The app renders into a hidden root beside
    // it and swaps itself in once its own content is ready (`reveal_app`).
    // Mounting starts a task of its own: instantiating the module and the app's first
    // render are each a long task the first time (see `next_task`), better not one.
    // Every view speaks the site's language, so the site's description comes first.
    wasm_bindgen_futures::spawn_local(async {
        broadsheet::next_task().await;
        let site = broadsheet::load_site().await;
        let app = move || leptos::view! { <broadsheet::App site=site/> };
        match broadsheet::hidden_app_root() {
            Some(root) => leptos::mount::mount_to(root, app).forget(),
            None => leptos::mount::mount_to_body(app),
        }
    });
}
