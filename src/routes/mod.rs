//! One module per route.

pub mod about;
pub mod article;
pub mod feed;
pub mod not_found;
pub mod saved;
