//! The screen of the "where am I right now" check-in.

use wasm_bindgen::JsValue;

use super::mount::{Ctx, MountResult};
use crate::core::options::CheckInConfig;

/// Builds the widget in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(_ctx: &Ctx<'_>, _cfg: &CheckInConfig) -> MountResult {
    Err(JsValue::from_str("this widget's screen is not built yet"))
}
