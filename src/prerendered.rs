//! The app taking over from the prerendered static copy of a page: it renders hidden
//! beside the copy, then swaps in once a route has something to show.

/// When the page was prerendered: a new, hidden element after the static copy for the
/// app to render into, so the copy stays on screen until the app has something to show.
pub fn hidden_app_root() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    let copy = document.get_element_by_id("prerendered")?;
    let root = document.create_element("div").ok()?;
    root.set_id("app");
    root.set_attribute("hidden", "").ok()?;
    copy.after_with_node_1(&root).ok()?;
    root.dyn_into().ok()
}

/// Swaps the app in for the prerendered copy (if any); routes call it once their content
/// is ready, so the page never shows a loading state the copy had already answered.
pub fn reveal_app() {
    use wasm_bindgen::JsCast;
    use web_sys::HtmlInputElement;
    let document = leptos::prelude::document();
    let Some(copy) = document.get_element_by_id("prerendered") else {
        return;
    };
    // A search typed into the copy's box before the app started carries over, focus too.
    let typed = copy
        .query_selector("input[name=q]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
    let had_focus = typed.as_ref().is_some_and(|input| {
        document
            .active_element()
            .is_some_and(|active| active == ***input)
    });
    // The chart stays as the copy shows it (folded for a phone before the first paint,
    // or opened or folded by the reader since), so nothing below it moves.
    let chart_open = crate::components::sentiment_chart::prerendered_chart_open();
    copy.remove();
    if let Some(root) = document.get_element_by_id("app") {
        let _ = root.remove_attribute("hidden");
    }
    if let (Some(open), Ok(Some(chart))) =
        (chart_open, document.query_selector("#app details.chart"))
    {
        let _ = chart.toggle_attribute_with_force("open", open);
    }
    let Some(input) = document
        .get_element_by_id("search-input")
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(text) = typed.map(|t| t.value()).filter(|t| !t.is_empty()) {
        input.set_value(&text);
        // The app's own handler runs the search, as if the text had been typed there.
        if let Ok(event) = web_sys::Event::new("input") {
            let _ = input.dispatch_event(&event);
        }
    }
    if had_focus {
        let _ = input.focus();
    }
}
