//! Helpers shared by the browser test files: a host element on the page, options as the loader
//! passes them, and the widget's open shadow root.
#![allow(dead_code)]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};

/// A fresh `<tag>` appended to the page's body.
pub fn host(tag: &str) -> HtmlElement {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let el: HtmlElement = doc
        .create_element(tag)
        .expect("element")
        .dyn_into()
        .expect("html element");
    doc.body()
        .expect("body")
        .append_child(&el)
        .expect("appended");
    el
}

/// Options as the loader passes them: `[name, value, name, value, ...]`.
pub fn options(pairs: &[(&str, &str)]) -> js_sys::Array {
    pairs
        .iter()
        .flat_map(|(n, v)| [JsValue::from(*n), JsValue::from(*v)])
        .collect()
}

/// The widget's open shadow root.
pub fn shadow(el: &HtmlElement) -> ShadowRoot {
    el.shadow_root().expect("an open shadow root")
}
