//! The screen of the head-to-toe body scan and its palms and temperature variants.

use wasm_bindgen::JsValue;

use super::mount::{Ctx, MountResult};
use crate::core::options::BodyScanConfig;

/// Builds the widget in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(_ctx: &Ctx<'_>, _cfg: &BodyScanConfig) -> MountResult {
    Err(JsValue::from_str("this widget's screen is not built yet"))
}
