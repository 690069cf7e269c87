//! Size and depth limits applied to untrusted article files.
//!
//! They exist so that no single file can make the bundler or the browser hang or use
//! unbounded memory; a file over a limit is reported and skipped like any other bad file.

/// Largest accepted front-matter block, in bytes (64 KiB).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Largest accepted article file (front-matter + body), in bytes (256 KiB: ten times a
/// long read). The app renders an article's markdown on the main thread when it is
/// opened, and the worst hostile input costs ~0.46 ms per KiB in Wasm (`cargo xtask
/// bench`), so this keeps the worst single block around a tenth of a second.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// Deepest nesting of block containers (quotes, lists) kept in rendered HTML; deeper
/// containers are flattened into their parent so the DOM depth stays bounded.
pub const MAX_RENDER_DEPTH: usize = 24;
/// Most tags kept per article; the rest are ignored.
pub const MAX_TAGS: usize = 24;
/// Longest title, description or other single text field kept, in characters.
pub const MAX_FIELD_CHARS: usize = 2_000;
