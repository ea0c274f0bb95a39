//! Browser tests of the scans and the check-in: `wasm-pack test --headless --chrome`.
//! Each widget mounts idle, a step advances, and unmounting leaves nothing behind.
#![cfg(target_arch = "wasm32")]

use attune::web::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

mod common;
use common::{host, options, shadow};

wasm_bindgen_test_configure!(run_in_browser);

fn find(el: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    shadow(el)
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

fn text_of(el: &HtmlElement, selector: &str) -> String {
    find(el, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(el: &HtmlElement, selector: &str) {
    find(el, selector).expect(selector).click();
}

fn state(el: &HtmlElement) -> Option<String> {
    el.get_attribute("data-state")
}

/// How many `attune:NAME` events have come, and the listener that counts them.
type Counter = (
    std::rc::Rc<std::cell::Cell<u32>>,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// Counts `attune:NAME` events on `el` for as long as the returned closure lives.
fn count(el: &HtmlElement, name: &str) -> Counter {
    let seen = std::rc::Rc::new(std::cell::Cell::new(0));
    let s = seen.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| s.set(s.get() + 1));
    el.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
        .expect("listen");
    (seen, listener)
}

#[wasm_bindgen_test]
fn grounding_mounts_on_seeing_and_moves_on_after_five() {
    let el = host("attune-grounding");
    let (steps, _keep) = count(&el, "attune:step");
    let handle = mount(
        el.clone(),
        "grounding".into(),
        options(&[("storage", "none")]),
    );
    assert_eq!(state(&el).as_deref(), Some("idle"));
    assert_eq!(text_of(&el, ".step .step-title"), "Sight");
    for _ in 0..5 {
        click(&el, "[data-action=notice]");
    }
    assert_eq!(state(&el).as_deref(), Some("running"));
    assert_eq!(text_of(&el, ".step .step-title"), "Touch");
    assert_eq!(
        text_of(&el, ".tally-count"),
        "",
        "no \"0 of 4\" before anything is noticed"
    );
    assert_eq!(steps.get(), 2, "seeing when the scan started, then touch");
    click(&el, "[data-action=back]");
    assert_eq!(text_of(&el, ".tally-count"), "5 noticed");
    handle.unmount();
    assert_eq!(state(&el), None);
    assert_eq!(shadow(&el).child_element_count(), 0);
}

#[wasm_bindgen_test]
fn grounding_write_mode_takes_words_as_text() {
    let el = host("div");
    let handle = mount(
        el.clone(),
        "grounding".into(),
        options(&[("mode", "write"), ("storage", "none")]),
    );
    let input: HtmlInputElement = find(&el, "input")
        .expect("a field")
        .dyn_into()
        .expect("input");
    input.set_value("<img src=x> a lamp");
    click(&el, "[data-action=add]");
    assert_eq!(text_of(&el, ".chip"), "<img src=x> a lamp");
    assert!(shadow(&el).query_selector("img").ok().flatten().is_none());
    assert_eq!(input.value(), "");
    handle.unmount();
}

#[wasm_bindgen_test]
fn body_scan_starts_and_moves_on_by_hand_then_unmounts_cleanly() {
    let el = host("attune-body-scan");
    let handle = mount(
        el.clone(),
        "body-scan".into(),
        options(&[("seconds", "5"), ("storage", "none")]),
    );
    assert_eq!(state(&el).as_deref(), Some("idle"));
    click(&el, "[data-action=toggle]");
    assert_eq!(state(&el).as_deref(), Some("running"));
    assert_eq!(text_of(&el, ".stage-scan .step-title"), "Head and face");
    click(&el, "[data-action=tag][data-value=warmth]");
    assert_eq!(
        find(&el, "[data-value=warmth]")
            .and_then(|b| b.get_attribute("aria-pressed"))
            .as_deref(),
        Some("true")
    );
    click(&el, "[data-action=next]");
    assert_eq!(text_of(&el, ".stage-scan .step-title"), "Jaw");
    assert_eq!(
        find(&el, "[data-value=warmth]")
            .and_then(|b| b.get_attribute("aria-pressed"))
            .as_deref(),
        Some("false")
    );
    click(&el, "[data-action=toggle]");
    assert_eq!(state(&el).as_deref(), Some("paused"));
    // The outline is drawn as SVG by the Rust code, one group per region.
    let regions = shadow(&el)
        .query_selector_all(".outline-figure [data-region]")
        .expect("regions")
        .length();
    assert_eq!(regions, 10);
    handle.unmount();
    assert_eq!(state(&el), None);
    assert_eq!(shadow(&el).child_element_count(), 0);
}

#[wasm_bindgen_test]
fn body_scan_variants_mount_with_their_own_steps() {
    let el = host("div");
    let handle = mount(
        el.clone(),
        "body-scan".into(),
        options(&[("variant", "palms"), ("storage", "none")]),
    );
    click(&el, "[data-action=toggle]");
    assert_eq!(text_of(&el, ".stage-scan .step-title"), "Hands together");
    assert_eq!(text_of(&el, ".step-meta"), "Step 1 of 4");
    for _ in 0..4 {
        click(&el, "[data-action=next]");
    }
    assert_eq!(state(&el).as_deref(), Some("done"));
    assert!(text_of(&el, "[part~=outline-text]").starts_with("Nothing in particular"));
    handle.unmount();
}

#[wasm_bindgen_test]
fn check_in_suggests_and_opens_inline_then_unmounts_both() {
    let el = host("attune-check-in");
    let (suggests, _keep) = count(&el, "attune:suggest");
    let handle = mount(
        el.clone(),
        "check-in".into(),
        options(&[("storage", "none")]),
    );
    assert_eq!(state(&el).as_deref(), Some("idle"));
    click(&el, "[data-action=point][data-value='1']");
    assert_eq!(state(&el).as_deref(), Some("done"));
    assert_eq!(suggests.get(), 1);
    click(&el, "[data-action=try]");
    let inner = find(&el, ".inline-widget").expect("the exercise opened below");
    assert_eq!(state(&inner).as_deref(), Some("idle"));
    assert!(inner.shadow_root().is_some());
    handle.unmount();
    assert_eq!(state(&el), None);
    assert_eq!(state(&inner), None, "the inline exercise went with it");
    assert_eq!(
        inner.shadow_root().map(|r| r.child_element_count()),
        Some(0)
    );
}
