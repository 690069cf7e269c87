//! Keyboard shortcuts for the whole app and the `?` help overlay.
//!
//! Every shortcut drives a visible control (a card's title link, the back link, the
//! search box, the shortcuts button), so keys and pointer do the same thing. The main
//! file holds only the listener: the shortcuts and their help are the split module
//! `later`, fetched when the browser is first idle after the page loads, or by the first
//! key pressed before that (the first screen, the prerendered page, needs neither).

use broadsheet_core::markup::chrome::shortcuts_dialog_markup;
use futures::FutureExt;
use leptos::ev;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::components::error_card::load_failed;
use crate::split::split_fn;

/// True when the key press belongs to a text field, so shortcuts must stay quiet.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}

fn html(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// Moves focus `step` cards from the focused one (or to the first card).
fn move_focus(step: isize) {
    let Ok(links) = document().query_selector_all("[data-testid=feed] [data-testid=card-link]")
    else {
        return;
    };
    let len = links.length() as isize;
    if len == 0 {
        return;
    }
    let active = document().active_element();
    let current = (0..len).find(|i| {
        links
            .item(*i as u32)
            .zip(active.as_ref())
            .is_some_and(|(n, a)| {
                let a: &web_sys::Node = a.unchecked_ref();
                n.is_same_node(Some(a))
            })
    });
    let next = match current {
        Some(i) => (i + step).clamp(0, len - 1),
        None if step > 0 => 0,
        None => len - 1,
    };
    if let Some(el) = links
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Installs the shortcuts and renders the help overlay when open.
#[component]
pub fn KeyboardShortcuts(
    /// Whether the help overlay is open (shared with the footer's button).
    open: RwSignal<bool>,
) -> impl IntoView {
    let handle = window_event_listener(ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        // Once the module is loaded (`preload_key_pressed`), the call is ready on its
        // first poll, here in the listener, so it can still prevent the key's default
        // action. A key pressed before that loads the module and is handled when it
        // arrives; a module that cannot be fetched leaves the key to the browser.
        let mut pressed = Box::pin(key_pressed(ev, open));
        if pressed.as_mut().now_or_never().is_none() {
            leptos::task::spawn_local(async move {
                let _ = pressed.await;
            });
        }
    });
    on_cleanup(move || handle.remove());
    leptos::task::spawn_local(async {
        crate::scheduling::idle().await;
        // A failure is retried by the first key press.
        let _ = preload_key_pressed().await;
    });

    // The help, from the same module; if it cannot be fetched, an error card says so
    // (with "Try again") where the help would be.
    move || {
        open.get().then(|| {
            Suspend::new(SendWrapper::new(async move {
                shortcuts_help(open)
                    .await
                    .unwrap_or_else(|e| load_failed("shortcuts.title", e))
            }))
        })
    }
}

split_fn! { later, preload preload_key_pressed:
    /// Answers a key pressed outside a text field (modifier keys already ruled out).
    fn key_pressed(ev: web_sys::KeyboardEvent, open: RwSignal<bool>) -> () {
        on_key(&ev, open)
    }
}

split_fn! { later:
    /// The help overlay, which has the focus while it is open; its one button closes it.
    fn shortcuts_help(open: RwSignal<bool>) -> AnyView {
        view! { <ShortcutsHelp open/> }.into_any()
    }
}

/// Answers one key press: a shortcut runs and its default action is prevented.
fn on_key(ev: &web_sys::KeyboardEvent, open: RwSignal<bool>) {
    if typing(ev) {
        if ev.key() == "Escape" {
            if let Some(el) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.blur();
            }
        }
        return;
    }
    let on_article = html("[data-testid=article]").is_some();
    let handled = match ev.key().as_str() {
        "?" => {
            open.update(|o| *o = !*o);
            true
        }
        "Escape" if open.get_untracked() => {
            open.set(false);
            true
        }
        "j" if !on_article => {
            move_focus(1);
            true
        }
        "k" if !on_article => {
            move_focus(-1);
            true
        }
        "o" if !on_article => {
            let focused = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match focused.filter(|e| e.get_attribute("data-testid").as_deref() == Some("card-link"))
            {
                Some(link) => {
                    link.click();
                    true
                }
                None => false,
            }
        }
        "u" | "Backspace" if on_article => match html("[data-testid=back-to-feed]") {
            Some(back) => {
                back.click();
                true
            }
            None => false,
        },
        "/" => match html("[data-testid=search-input]") {
            Some(input) => {
                let _ = input.focus();
                true
            }
            None => false,
        },
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// The help overlay: the core's markup, with the focus on its close button.
#[component]
fn ShortcutsHelp(
    /// Whether the overlay is open; its button closes it.
    open: RwSignal<bool>,
) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(close) = html("[data-testid=shortcuts-close]") {
            let _ = close.focus();
        }
    });
    let markup = shortcuts_dialog_markup(&crate::site::site().locale);
    view! {
        <div class="markup-host" inner_html=markup on:click=move |ev| {
            if crate::dom::target_closest(&ev, "[data-testid=shortcuts-close]").is_some() {
                open.set(false);
            }
        }></div>
    }
}
