//! Browser tests of the languages: `wasm-pack test --headless --chrome`. The tests build every
//! language of `locales/` into the engine (the `all-locales` feature), since there is no
//! `dist/` to fetch them from here; fetching is tested end to end (`tests/e2e/languages.test.mjs`).
#![cfg(target_arch = "wasm32")]

use attune::web::{mount, register_translation};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod common;
use common::{host, options, shadow};

wasm_bindgen_test_configure!(run_in_browser);

fn base(el: &HtmlElement) -> web_sys::Element {
    shadow(el)
        .query_selector("[part~=base]")
        .ok()
        .flatten()
        .expect("the widget's box")
}

fn text_of(el: &HtmlElement, selector: &str) -> String {
    shadow(el)
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn arabic_is_right_to_left_and_french_left_to_right() {
    let ar = host("div");
    let handle = mount(ar.clone(), "check-in".into(), options(&[("lang", "ar")]));
    let b = base(&ar);
    assert_eq!(b.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(b.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(text_of(&ar, "[part~=title]"), "كيف حالك في هذه اللحظة؟");
    handle.unmount();
    let fr = host("div");
    let handle = mount(
        fr.clone(),
        "breathing".into(),
        options(&[("lang", "fr-CA")]),
    );
    assert_eq!(base(&fr).get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(text_of(&fr, "[data-action=toggle]"), "Commencer");
    handle.unmount();
}

#[wasm_bindgen_test]
fn intl_writes_numbers_and_chooses_plural_forms() {
    let fr = host("div");
    let handle = mount(fr.clone(), "breathing".into(), options(&[("lang", "fr")]));
    assert!(text_of(&fr, "[part~=pattern]").contains("5,5\u{a0}respirations par minute"));
    handle.unmount();
    let ar = host("div");
    let handle = mount(
        ar.clone(),
        "body-scan".into(),
        options(&[("lang", "ar"), ("seconds", "2")]),
    );
    let sub = shadow(&ar).text_content().unwrap_or_default();
    assert!(sub.contains("10 أجزاء · ثانيتان لكلّ منها"), "{sub}");
    handle.unmount();
}

#[wasm_bindgen_test]
fn a_registered_language_is_taken_by_widgets_already_waiting_for_it() {
    let el = host("div");
    let handle = mount(el.clone(), "breathing".into(), options(&[("lang", "nl")]));
    assert_eq!(
        el.get_attribute("data-state").as_deref(),
        Some("error"),
        "not a language yet"
    );
    let words = js_sys::Object::new();
    js_sys::Reflect::set(&words, &"Start".into(), &"Beginnen".into()).expect("set");
    js_sys::Reflect::set(&words, &"Start2".into(), &"x".into()).expect("set");
    js_sys::Reflect::set(&words, &"Stop".into(), &JsValue::from(3)).expect("set");
    register_translation("nl".into(), words.into());
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    assert_eq!(text_of(&el, "[data-action=toggle]"), "Beginnen");
    assert_eq!(
        text_of(&el, "[data-action=stop]"),
        "Stop",
        "English for the rest"
    );
    // Not an object, or not a tag: warned about, nothing thrown, nothing changed.
    register_translation("nl".into(), "Beginnen".into());
    register_translation(JsValue::NULL, js_sys::Object::new().into());
    assert_eq!(text_of(&el, "[data-action=toggle]"), "Beginnen");
    handle.unmount();
}
