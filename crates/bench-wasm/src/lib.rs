//! Broadsheet's core, exported to JavaScript for `cargo xtask bench`.
//!
//! The bench page hands the same file texts to this module and to the JS stack
//! (gray-matter / js-yaml / markdown-it) and times both. Two shapes are exported:
//! - `parse_front_matter(files)` / `parse_and_render(files)` take a JS array of strings,
//!   so the time includes copying each string into Wasm memory (UTF-16 -> UTF-8), which
//!   is what the app pays for text it fetched;
//! - `parse_front_matter_bytes(files)` / `parse_and_render_bytes(files)` take a JS array
//!   of `Uint8Array`s, the bytes as a fetch hands them over, which is how the app reads
//!   everything (`data::fetch_bytes`): they are copied in as they are and checked as UTF-8;
//! - `load(files)` copies the strings once, then `parse_front_matter_loaded()` /
//!   `parse_and_render_loaded()` time the parse alone.
//!
//! Each function does what the app does per article: split the file, read and validate
//! the front-matter into an `Article` (slug, dates, URL policy), and for the body render
//! markdown to safe HTML. They return a checksum so nothing is optimised away.

use std::cell::RefCell;

use broadsheet_core::markdown::render;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static LOADED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

use bench_parse::{front_matter_one, full_one, yaml_tree_alt_one, yaml_tree_serde_one};

fn each(files: &js_sys::Array, f: fn(&str, usize) -> u32) -> u32 {
    let mut sum = 0u32;
    for (i, v) in files.iter().enumerate() {
        if let Some(text) = v.as_string() {
            sum = sum.wrapping_add(f(&text, i));
        }
    }
    sum
}

fn each_bytes(files: &js_sys::Array, f: fn(&str, usize) -> u32) -> u32 {
    let mut sum = 0u32;
    for (i, v) in files.iter().enumerate() {
        // What gloo-net's `Response::binary` does with a fetched body, then the app's check.
        let Ok(array) = v.dyn_into::<js_sys::Uint8Array>() else {
            continue;
        };
        let bytes = array.to_vec();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            sum = sum.wrapping_add(f(text, i));
        }
    }
    sum
}

/// Renders one markdown body to safe HTML; returns the HTML length. Timed call by call
/// on hostile inputs: each call is how long opening that article blocks the page.
#[wasm_bindgen]
pub fn render_markdown(body: &str) -> u32 {
    render(body).html.len() as u32
}

/// Parses the front-matter of every string in `files`; returns how many are valid.
#[wasm_bindgen]
pub fn parse_front_matter(files: js_sys::Array) -> u32 {
    each(&files, front_matter_one)
}

/// Parses front-matter and renders the body of every string in `files`; returns a
/// checksum (total HTML length).
#[wasm_bindgen]
pub fn parse_and_render(files: js_sys::Array) -> u32 {
    each(&files, full_one)
}

/// [`parse_front_matter`] from each file's bytes (an array of `Uint8Array`).
#[wasm_bindgen]
pub fn parse_front_matter_bytes(files: js_sys::Array) -> u32 {
    each_bytes(&files, front_matter_one)
}

/// [`parse_and_render`] from each file's bytes (an array of `Uint8Array`).
#[wasm_bindgen]
pub fn parse_and_render_bytes(files: js_sys::Array) -> u32 {
    each_bytes(&files, full_one)
}

/// Copies `files` into Wasm memory for the `*_loaded` functions; returns total bytes.
#[wasm_bindgen]
pub fn load(files: js_sys::Array) -> u32 {
    let texts: Vec<String> = files.iter().filter_map(|v| v.as_string()).collect();
    let bytes = texts.iter().map(String::len).sum::<usize>() as u32;
    LOADED.with(|l| *l.borrow_mut() = texts);
    bytes
}

/// [`parse_front_matter`] on the strings given to [`load`].
#[wasm_bindgen]
pub fn parse_front_matter_loaded() -> u32 {
    each_loaded(front_matter_one)
}

/// [`yaml_tree_serde_one`] on the strings given to [`load`].
#[wasm_bindgen]
pub fn yaml_tree_serde_loaded() -> u32 {
    each_loaded(yaml_tree_serde_one)
}

/// [`yaml_tree_alt_one`] on the strings given to [`load`].
#[wasm_bindgen]
pub fn yaml_tree_alt_loaded() -> u32 {
    each_loaded(yaml_tree_alt_one)
}

fn each_loaded(f: fn(&str, usize) -> u32) -> u32 {
    LOADED.with(|l| {
        l.borrow()
            .iter()
            .enumerate()
            .fold(0u32, |s, (i, t)| s.wrapping_add(f(t, i)))
    })
}

/// [`parse_and_render`] on the strings given to [`load`].
#[wasm_bindgen]
pub fn parse_and_render_loaded() -> u32 {
    each_loaded(full_one)
}
