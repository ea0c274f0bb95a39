//! The screen of the 14-day reconnection plan.

use wasm_bindgen::JsValue;

use super::mount::{Ctx, MountResult};
use crate::core::options::PlanConfig;

/// Builds the widget in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(_ctx: &Ctx<'_>, _cfg: &PlanConfig) -> MountResult {
    Err(JsValue::from_str("this widget's screen is not built yet"))
}
