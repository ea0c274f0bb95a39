//! Attune: gentle, body-first exercises for people who feel emotionally numb, as widgets that any
//! website can embed with one script tag.
//!
//! The crate has two layers, kept apart so the logic can be tested exactly on the host:
//! - [`core`]: pure Rust, no browser APIs. Breathing patterns and their schedule, option parsing
//!   into typed configs with typed errors, the message catalog. Time is always an argument.
//! - `web` (wasm32 only): custom-element mounting, shadow roots, rendering, events, the frame
//!   clock, Web Audio. It turns browser input into calls on the core and the core's answers into DOM.
#![deny(missing_docs, missing_debug_implementations)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The library version, shown by `Attune.version` and carried in file names of `dist/`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// talc in place of the standard library's dlmalloc: about 5 KB less code in the engine, and as
// fast for the many small strings the records are read into (see the README's size table).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
