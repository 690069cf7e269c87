//! The Saved view (`/saved`): saved articles, most recently saved first, with export to
//! and import from a JSON file. Its view is the split module `saved`: the feed, which
//! every visit starts with, does not download it (the offline worker precaches it with
//! the rest of the app, so the list still opens offline).

use broadsheet_core::FeedFilter;
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::components::article_cards::{cards_markup, keep_cards_current};
use crate::components::error_card::{load_failed, ErrorCard};
use crate::data::load_articles;
use crate::feed_context::FeedContext;
use crate::fetch::LoadError;
use crate::reader_state::ReaderStore;
use crate::split::split_fn;

/// Name of the exported file.
pub const EXPORT_NAME: &str = "broadsheet-reader.json";

/// Offers `text` as the export file; the error is the message key of why not.
fn download(text: &str) -> Result<(), &'static str> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "saved.no_file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "saved.no_file")?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| "saved.no_download")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(EXPORT_NAME);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The Saved route: "Loading…" until its split module is loaded, then the page.
#[component]
pub fn SavedPage() -> impl IntoView {
    let code = LocalResource::new(|| async {
        preload_saved_view().await?;
        Ok::<(), LoadError>(())
    });
    let failed = |e| load_failed("saved.load_failed", e);
    let site = crate::site::site();
    crate::head::set_title(site.locale.t("saved.title"));
    let loading = site.locale.t("saved.loading").to_string();
    // At once: the static copy a direct load shows is another page (the front page, or
    // the host's 404), never this one.
    Effect::new(move |_| crate::prerendered::reveal_app());
    let page = move || match code.get() {
        None => view! { <p class="loading" role="status">{loading.clone()}</p> }.into_any(),
        Some(Err(e)) => failed(e),
        // Ready on its first poll: the resource has loaded this function's module.
        Some(Ok(())) => Suspend::new(SendWrapper::new(async move {
            saved_view().await.unwrap_or_else(failed)
        }))
        .into_any(),
    };
    view! {
        {page}
    }
}

split_fn! { saved, preload preload_saved_view:
    /// The Saved page's view, in its own split module.
    fn saved_view() -> AnyView {
        view! { <SavedView/> }.into_any()
    }
}

/// The saved list with its export and import tools.
#[component]
fn SavedView() -> impl IntoView {
    let ctx = FeedContext::get();
    let store = ReaderStore::try_get().expect("ReaderStore is provided by App");
    let message = RwSignal::new(None::<(bool, String)>);
    // Read by handlers, which run outside the component's owner.
    let t = |key: &str| crate::site::site().locale.t(key).to_string();

    let export = move |_| {
        message.set(Some(match download(&store.export_json()) {
            Ok(()) => (
                true,
                crate::site::site()
                    .locale
                    .fmt("saved.exported", &[("file", EXPORT_NAME)]),
            ),
            Err(why) => (false, {
                let s = crate::site::site();
                s.locale
                    .fmt("saved.export_failed", &[("reason", s.locale.t(why))])
            }),
        }))
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > broadsheet_core::reader_state::MAX_STATE_BYTES as f64 {
            message.set(Some((false, t("saved.too_large"))));
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let result = match text {
                None => Err(None),
                Some(text) => store.import(&text).map_err(|e| Some(e.to_string())),
            };
            // The reason an import failed is the reader-state rules' own (English) detail.
            let site = crate::site::site();
            let l = &site.locale;
            let said = match &result {
                Ok(n) => l.fmt(
                    "saved.imported",
                    &[
                        (
                            "saved",
                            &l.count("saved.imported_saved", n.saved as u64, &[]),
                        ),
                        ("read", &l.count("saved.imported_read", n.read as u64, &[])),
                    ],
                ),
                Err(why) => l.fmt(
                    "saved.import_failed",
                    &[("reason", why.as_deref().unwrap_or(l.t("saved.unreadable")))],
                ),
            };
            message.set(Some((result.is_ok(), said)));
        });
    };

    // The saved articles' own files, fetched together (and cached for the visit).
    let slugs = Memo::new(move |_| {
        store.state.with(|s| {
            s.saved
                .iter()
                .map(|i| i.slug.clone())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
    });
    // Each answer carries the slugs it was fetched for: until it matches the saved list
    // (just after a save, unsave or import), the list says it is busy and counts nothing
    // as missing.
    let loaded = LocalResource::new(move || {
        let wanted = slugs.get();
        ctx.generation.track();
        async move {
            let result = load_articles(&wanted).await;
            (wanted, result)
        }
    });
    let cards_node = NodeRef::<Div>::new();
    keep_cards_current(cards_node);

    let list = move || {
        let saved = store.state.with(|s| s.saved.clone());
        if saved.is_empty() {
            return view! {
                <p class="empty" data-testid="saved-empty">{t("saved.empty")}</p>
            }
            .into_any();
        }
        match loaded.get() {
            None => view! { <p class="loading" role="status">{t("saved.loading")}</p> }.into_any(),
            Some((_, Err(e))) => {
                let heading = t("saved.load_failed");
                view! { <ErrorCard error=e><h2>{heading}</h2></ErrorCard> }.into_any()
            }
            Some((loaded_for, Ok(articles))) => {
                let busy = slugs.with(|current| *current != loaded_for);
                let found = |id: &str| articles.iter().find(|a| a.article.id == id);
                let missing = if busy {
                    0
                } else {
                    saved.iter().filter(|s| found(&s.id).is_none()).count()
                };
                let cards: Vec<_> = saved
                    .iter()
                    .filter_map(|s| found(&s.id).map(|a| (&a.article, &[][..])))
                    .collect();
                let cards = cards_markup(cards.into_iter(), 0, &FeedFilter::default(), true);
                view! {
                    {(missing > 0).then(|| view! {
                        <p class="saved__missing" data-testid="saved-missing">
                            {crate::site::site().locale.count("saved.gone", missing as u64, &[])}
                        </p>
                    })}
                    <div class="feed" data-testid="feed" aria-busy=busy.to_string() inner_html=cards></div>
                }
                .into_any()
            }
        }
    };

    view! {
        <div class="saved">
            <header class="saved__header">
                <h1 class="saved__title">{t("saved.heading")}</h1>
                <div class="saved__tools">
                    <button type="button" class="notice__dismiss" data-testid="export" on:click=export>
                        {t("saved.export")}
                    </button>
                    <label class="notice__dismiss saved__import">
                        {t("saved.import")}
                        <input type="file" accept="application/json,.json" class="visually-hidden"
                            data-testid="import-file" on:change=import/>
                    </label>
                </div>
            </header>
            <p class="saved__hint">{t("saved.explain")}</p>
            <p role="status" class="saved__message" data-testid="import-message"
                class:saved__message--error=move || message.get().is_some_and(|(ok, _)| !ok)>
                {move || message.get().map(|(_, m)| m)}
            </p>
            <div node_ref=cards_node>{list}</div>
        </div>
    }
}
