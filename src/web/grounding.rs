//! The screen of the 5-4-3-2-1 grounding scan.

use wasm_bindgen::JsValue;

use super::mount::{Ctx, MountResult};
use crate::core::options::GroundingConfig;

/// Builds the widget in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(_ctx: &Ctx<'_>, _cfg: &GroundingConfig) -> MountResult {
    Err(JsValue::from_str("this widget's screen is not built yet"))
}
