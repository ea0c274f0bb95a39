//! The pure core: everything that can be decided without a browser.
//!
//! Nothing here reads a clock or touches the DOM; the web layer passes the time in. That is what
//! makes the schedule exact (a phase is a function of elapsed time) and testable with `cargo test`.

pub mod body_scan;
pub mod breathing;
pub mod bundle;
pub mod check_in;
pub mod config;
pub mod days;
pub mod grounding;
pub mod i18n;
pub mod json;
pub mod locale;
pub mod num;
pub mod options;
pub mod plan;
pub mod pleasure;
pub mod records;
pub mod summary;
