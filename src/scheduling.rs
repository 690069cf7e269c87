//! Yielding the main thread between steps of work.
//!
//! The first time Wasm code runs, the browser compiles it on the main thread, so the
//! app's first steps (mounting, parsing the first page, building the first cards) are
//! long tasks however little they do. Ending the task between those steps lets the
//! browser handle input and paint in between, instead of one task of all of them.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Resolves in a new task (a zero-delay timeout), after anything already queued.
/// Outside a window (no timer to ask) it resolves at once.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let queued = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if queued != Some(true) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` in a task after the next frame is painted: a timeout queued from an
/// animation frame callback runs after that frame's paint. Work the next frame does not
/// need (the rest of a page of cards, the chart's new bars) waits here.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

/// Resolves when the browser is idle (`requestIdleCallback`, at most two seconds away),
/// or after a zero-delay timeout where there is no such call: the moment to fetch code
/// the first screen does not need, such as the split module of keyboard shortcuts.
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
            return;
        };
        let request = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
        let asked = request.is_some_and(|f| f.call2(&window, &resolve, &options).is_ok());
        if !asked
            && window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_err()
        {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}
