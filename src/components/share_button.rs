//! Share: the Web Share API where the browser has it, else copy the link, with a
//! confirmation announced to screen readers.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What happened, in words for the status line.
async fn share(url: String, title: String) -> Result<&'static str, String> {
    let navigator: JsValue = window().navigator().into();
    let get = |obj: &JsValue, key: &str| {
        js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    };
    let share_fn = get(&navigator, "share");
    if let Some(f) = share_fn.dyn_ref::<js_sys::Function>() {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.clone().into());
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        if let Ok(p) = f.call1(&navigator, &data) {
            if let Ok(promise) = p.dyn_into::<js_sys::Promise>() {
                return match JsFuture::from(promise).await {
                    Ok(_) => Ok("Shared."),
                    // The reader closed the share sheet: not an error worth a message.
                    Err(_) => Ok(""),
                };
            }
        }
    }
    let clipboard = get(&navigator, "clipboard");
    let write = get(&clipboard, "writeText");
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return Err(format!("Copy this link: {url}"));
    };
    let promise = write
        .call1(&clipboard, &url.clone().into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| format!("Copy this link: {url}"))?;
    JsFuture::from(promise)
        .await
        .map(|_| "Link copied to the clipboard.")
        .map_err(|_| format!("Copy this link: {url}"))
}

/// Shares the current page (its Share button is in the core's article markup) and
/// writes what happened into `status`, a live region read to screen readers.
pub fn share_into(status: web_sys::Element, title: String) {
    let url = window().location().href().unwrap_or_default();
    leptos::task::spawn_local(async move {
        let message = match share(url, title).await {
            Ok(m) => m.to_string(),
            Err(m) => m,
        };
        status.set_text_content(Some(&message));
    });
}
