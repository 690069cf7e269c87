//! Browser services for daily reading: the colour theme, the online/offline state, a
//! minute clock for relative dates, and the service worker that makes the app work
//! offline and installable.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// `localStorage` key of the chosen theme (owned by the core: `src/theme.js` (inlined into every page) reads it).
pub use broadsheet_core::page_script::THEME_KEY;

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
}

impl Theme {
    /// The `data-theme` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The other theme.
    pub fn flipped(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The theme the reader chose, if any.
pub fn stored_theme() -> Option<Theme> {
    storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .and_then(|t| Theme::parse(&t))
}

/// The system's preference.
pub fn system_theme() -> Theme {
    let dark = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Sets (or, with `None`, removes) `data-theme` on `<html>`. Called before the app mounts
/// so a stored choice applies before the first paint of the app.
pub fn apply_theme(theme: Option<Theme>) {
    if let Some(root) = document().document_element() {
        let _ = match theme {
            Some(t) => root.set_attribute("data-theme", t.as_str()),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// Applies the stored theme; call first thing at startup.
pub fn apply_stored_theme() {
    apply_theme(stored_theme());
}

/// App-wide browser state shared through context.
#[derive(Clone, Copy)]
pub struct Daily {
    /// The theme in effect (stored choice, else the system's).
    pub theme: RwSignal<Theme>,
    /// `navigator.onLine`, kept current by the `online`/`offline` events.
    pub online: RwSignal<bool>,
    /// Now, in Unix ms, updated every minute so relative dates stay true.
    pub now: RwSignal<i64>,
}

impl Daily {
    /// Creates the state, its listeners and timer, and provides it.
    pub fn provide() -> Self {
        let daily = Daily {
            theme: RwSignal::new(stored_theme().unwrap_or_else(system_theme)),
            online: RwSignal::new(window().navigator().on_line()),
            now: RwSignal::new(js_sys::Date::now() as i64),
        };
        let online = daily.online;
        // App-lifetime listeners: the handles are dropped on purpose.
        drop(window_event_listener(ev::online, move |_| online.set(true)));
        drop(window_event_listener(ev::offline, move |_| {
            online.set(false)
        }));
        let now = daily.now;
        set_interval(
            move || now.set(js_sys::Date::now() as i64),
            Duration::from_secs(60),
        );
        // Follow system changes while the reader has not chosen.
        if let Ok(Some(mq)) = window().match_media("(prefers-color-scheme: dark)") {
            let theme = daily.theme;
            let cb = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
                move |e: web_sys::MediaQueryListEvent| {
                    if stored_theme().is_none() {
                        theme.set(if e.matches() {
                            Theme::Dark
                        } else {
                            Theme::Light
                        });
                    }
                },
            );
            let _ = mq.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
            cb.forget();
        }
        provide_context(daily);
        daily
    }

    /// The provided state, if any.
    pub fn try_get() -> Option<Self> {
        use_context::<Daily>()
    }

    /// Switches to the other theme and remembers the choice.
    pub fn toggle_theme(&self) {
        let next = self.theme.get_untracked().flipped();
        if let Some(s) = storage() {
            let _ = s.set_item(THEME_KEY, next.as_str());
        }
        apply_theme(Some(next));
        self.theme.set(next);
    }
}

/// Registers `sw.js` (resolved against `<base>`, so it works under a sub-path). When a
/// new worker takes over from an old one (a redeploy), `on_update` runs so the app can
/// reload its data from the new deploy.
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let had_controller = container.controller().is_some();
    if had_controller {
        let cb = Closure::<dyn Fn()>::new(on_update);
        container.set_oncontrollerchange(Some(cb.as_ref().unchecked_ref()));
        cb.forget();
    }
    let promise = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        // Failure (e.g. an insecure origin) leaves the app working online only.
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// Asks the service worker to keep a copy of an article file for offline reading.
pub fn keep_offline(url: &str) {
    let url = url.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        // Fetched through the service worker, which caches article files it sees.
        let _ = gloo_net::http::Request::get(&url).send().await;
    });
}
