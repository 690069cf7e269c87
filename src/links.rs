//! In-app links under the deploy base path (the `<base href>` Trunk writes).

/// The path the site is deployed under, without a trailing slash (`""` at the root,
/// `"/news"` under a sub-path), read from the `<base href>` that Trunk writes.
pub fn base_path() -> String {
    let uri = leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    path_of_url(&uri).trim_end_matches('/').to_string()
}

thread_local! {
    static BASE: String = base_path();
}

/// An in-app link: `path` (starting with `/`) under the deploy base path. Leptos's `<A>`
/// does not add the router's base to absolute paths, so every link goes through here.
///
/// At the root `href("/article/x")` is `/article/x`; under `/news/` it is `/news/article/x`.
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

/// The path part of an absolute URL (`https://h/x/y?q` -> `/x/y`).
pub fn path_of_url(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or("/")
}
