//! Split points: code only some pages need, kept out of the Wasm every page downloads.
//!
//! `cargo xtask wasm` (Trunk's post-build hook) builds the app with the
//! `broadsheet_split` cfg, and `wasm-split-cli` then moves each split module's code into
//! its own Wasm file, fetched the first time one of its functions is called. Without the
//! cfg (wasm-bindgen tests, `cargo check`) the same functions are plain async functions,
//! so the app behaves the same either way.

/// Declares `fn name(args) -> T` in the split module `module`. Callers `.await` a
/// `Result<T, LoadError>`: the module's file is fetched on the first call, and a failed
/// fetch is an error the page shows (with "Try again"), not a crash. Functions that name
/// the same module share one file, loaded once.
///
/// `preload NAME` also declares `async fn NAME() -> Result<(), _>`, which loads the
/// module for this function: once it has succeeded, the first call of the function is
/// ready on its first poll (each function keeps its own loaded flag, so loading the
/// module through a sibling still leaves one trip through the JS loader).
///
/// Arguments and results stay Rust values in the shared memory, so any type works; only
/// the code moves.
macro_rules! split_fn {
    ($module:ident $(, preload $preload:ident)?: $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(broadsheet_split)]
        #[::leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload(#[doc = "Loads this function's split module."] $preload))?
        )]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::fetch::LoadError> {
            Ok($body)
        }

        #[cfg(not(broadsheet_split))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::fetch::LoadError> {
            Ok($body)
        }

        $(
            #[cfg(not(broadsheet_split))]
            #[doc = "Loads this function's split module (nothing to load in this build)."]
            async fn $preload() -> Result<(), $crate::fetch::LoadError> {
                Ok(())
            }
        )?
    };
}

pub(crate) use split_fn;

#[cfg(broadsheet_split)]
impl From<leptos::wasm_split::SplitLoaderError> for crate::fetch::LoadError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        crate::fetch::LoadError::Code
    }
}
