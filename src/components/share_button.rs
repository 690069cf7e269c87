//! Share: the Web Share API where the browser has it, else copy the link, with a
//! confirmation announced to screen readers.

use broadsheet_core::i18n::Locale;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What happened, as the message key for the status line (empty: nothing to say), or
/// the link to copy by hand when it could not be copied.
async fn share(url: &str, title: String) -> Result<&'static str, ()> {
    let navigator: JsValue = window().navigator().into();
    let get = |obj: &JsValue, key: &str| {
        js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    };
    let share_fn = get(&navigator, "share");
    if let Some(f) = share_fn.dyn_ref::<js_sys::Function>() {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        if let Ok(p) = f.call1(&navigator, &data) {
            if let Ok(promise) = p.dyn_into::<js_sys::Promise>() {
                return match JsFuture::from(promise).await {
                    Ok(_) => Ok("article.shared"),
                    // The reader closed the share sheet: not an error worth a message.
                    Err(_) => Ok(""),
                };
            }
        }
    }
    let clipboard = get(&navigator, "clipboard");
    let write = get(&clipboard, "writeText");
    let write = write.dyn_ref::<js_sys::Function>().ok_or(())?;
    let promise = write
        .call1(&clipboard, &url.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or(())?;
    JsFuture::from(promise)
        .await
        .map(|_| "article.copied")
        .map_err(|_| ())
}

/// Shares the current page (its Share button is in the core's article markup) and
/// writes what happened, in the site's language, into `status`, a live region read to
/// screen readers.
pub fn share_into(status: web_sys::Element, title: String) {
    let url = window().location().href().unwrap_or_default();
    let site = crate::site::site();
    leptos::task::spawn_local(async move {
        let t: &Locale = &site.locale;
        let message = match share(&url, title).await {
            Ok("") => String::new(),
            Ok(key) => t.t(key).to_string(),
            Err(()) => t.fmt("article.copy_link", &[("url", &url)]),
        };
        status.set_text_content(Some(&message));
    });
}
