//! Reusable view pieces, one per file.

pub mod article_card;
pub mod cover_image;
pub mod filter_bar;
pub mod problems_notice;
pub mod relative_time;
pub mod sentiment_badge;
pub mod site_header;
pub mod tag_chip;
