//! Small DOM helpers shared by routes and components.

/// The elements of a `querySelectorAll` result, in document order, each wrapped only
/// when the iteration reaches it (a caller that stops at the first match wraps no more).
pub(crate) fn elements(
    list: Result<web_sys::NodeList, wasm_bindgen::JsValue>,
) -> impl Iterator<Item = web_sys::Element> {
    use wasm_bindgen::JsCast;
    let list = list.ok();
    let len = list.as_ref().map_or(0, web_sys::NodeList::length);
    (0..len).filter_map(move |i| list.as_ref()?.item(i)?.dyn_into().ok())
}

/// The element an event happened in, or its nearest ancestor, matching `selector`: how
/// a listener on an element holding core markup finds which control was used.
pub(crate) fn target_closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}
