//! Reusable view pieces, one per file.

pub mod article_cards;
pub mod daily_controls;
pub mod error_card;
pub mod feed_extras;
pub mod feed_subscribe;
pub mod feed_window;
pub mod filter_bar;
pub mod keyboard_shortcuts;
pub mod problems_notice;
pub mod relative_time;
pub mod search_box;
pub mod search_status;
pub mod sentiment_badge;
pub mod sentiment_chart;
pub mod share_button;
pub mod site_header;
pub mod state_notice;
pub mod table_of_contents;
pub mod tag_chip;
