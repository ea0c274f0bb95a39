//! The screen of the micro-pleasure tracker.

use wasm_bindgen::JsValue;

use super::mount::{Ctx, MountResult};
use crate::core::options::PleasureConfig;

/// Builds the widget in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(_ctx: &Ctx<'_>, _cfg: &PleasureConfig) -> MountResult {
    Err(JsValue::from_str("this widget's screen is not built yet"))
}
