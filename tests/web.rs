//! Browser tests of the web layer: `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use attune::web::{mount, WidgetHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod common;
use common::{host, options, shadow};

wasm_bindgen_test_configure!(run_in_browser);

fn part_text(el: &HtmlElement, part: &str) -> String {
    shadow(el)
        .query_selector(&format!("[part~={part}]"))
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn action_text(el: &HtmlElement, action: &str) -> String {
    shadow(el)
        .query_selector(&format!("[data-action={action}]"))
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Waits for options set on a live widget to be applied: they are gathered and applied
/// together in a microtask, which runs before this one.
async fn applied() {
    let done = js_sys::Promise::resolve(&JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
}

fn click(el: &HtmlElement, action: &str) {
    let b: HtmlElement = shadow(el)
        .query_selector(&format!("[data-action={action}]"))
        .ok()
        .flatten()
        .expect("the button")
        .dyn_into()
        .expect("html");
    b.click();
}

#[wasm_bindgen_test]
fn mounts_in_an_open_shadow_root_idle() {
    let el = host("div");
    let handle = mount(
        el.clone(),
        "breathing".into(),
        options(&[("pattern", "box")]),
    );
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    assert!(part_text(&el, "pattern").contains("4-4-4-4"));
    assert_eq!(action_text(&el, "toggle"), "Start");
    assert!(
        el.inner_html().is_empty(),
        "nothing leaks into the light DOM"
    );
    handle.unmount();
}

#[wasm_bindgen_test]
fn start_pause_resume_stop_reflect_on_the_host() {
    let el = host("attune-breathing");
    let handle = mount(
        el.clone(),
        "breathing".into(),
        options(&[("pattern", "4-7-8")]),
    );
    click(&el, "toggle");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    assert_eq!(el.get_attribute("data-phase").as_deref(), Some("inhale"));
    assert_eq!(part_text(&el, "phase"), "Breathe in");
    click(&el, "toggle");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("paused"));
    click(&el, "toggle");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    click(&el, "stop");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    assert_eq!(el.get_attribute("data-phase"), None);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn an_option_change_rebuilds_the_widget() {
    let el = host("div");
    let handle: WidgetHandle = mount(
        el.clone(),
        "breathing".into(),
        options(&[("pattern", "box")]),
    );
    handle.set_option("pattern", Some("4-2-6-0".into()));
    applied().await;
    assert!(part_text(&el, "pattern").contains("4-2-6-0"));
    handle.set_option("lang", Some("es".into()));
    applied().await;
    assert_eq!(action_text(&el, "toggle"), "Empezar");
    handle.set_option("minutes", Some("abc".into()));
    applied().await;
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("error"));
    assert!(part_text(&el, "error").contains("\"minutes\""));
    handle.set_option("minutes", None);
    applied().await;
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    handle.unmount();
}

#[wasm_bindgen_test]
fn bad_options_show_a_message_and_fire_an_error_event() {
    let el = host("div");
    let seen = std::rc::Rc::new(std::cell::Cell::new(0));
    let s = seen.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| s.set(s.get() + 1));
    el.add_event_listener_with_callback("attune:error", listener.as_ref().unchecked_ref())
        .expect("listen");
    let handle = mount(el.clone(), "yoga".into(), options(&[]));
    assert_eq!(seen.get(), 1);
    assert!(part_text(&el, "error").contains("\"yoga\""));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_look_and_the_contacts_change_in_place() {
    let el = host("div");
    let errors = std::rc::Rc::new(std::cell::Cell::new(0));
    let e = errors.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| e.set(e.get() + 1));
    el.add_event_listener_with_callback("attune:error", listener.as_ref().unchecked_ref())
        .expect("listen");
    let handle = mount(
        el.clone(),
        "breathing".into(),
        options(&[("pattern", "box"), ("support-text", "Call us")]),
    );
    click(&el, "toggle");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    let toggle = shadow(&el)
        .query_selector("[data-action=toggle]")
        .ok()
        .flatten()
        .expect("the button");
    let base = || {
        shadow(&el)
            .query_selector("[part~=base]")
            .ok()
            .flatten()
            .expect("the box")
    };

    handle.set_option("theme", Some("dark".into()));
    handle.set_option("support-href", Some("tel:+15550100".into()));
    handle.set_option("crisis-href", Some("tel:988".into()));
    applied().await;
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    assert_eq!(base().get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(shadow(&el).contains(Some(&toggle)), "the same elements");
    let link = shadow(&el)
        .query_selector("a[part~=support]")
        .ok()
        .flatten()
        .expect("the link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("tel:+15550100"));
    assert_eq!(errors.get(), 0);

    // A bad link: left out, told once, the rest goes on.
    handle.set_option("support-href", Some("javascript:alert(1)".into()));
    applied().await;
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    assert!(shadow(&el).query_selector("a").ok().flatten().is_none());
    assert!(part_text(&el, "footer").ends_with("Call us"));
    assert_eq!(errors.get(), 1);

    // Anything else builds the widget again.
    handle.set_option("minutes", Some("2".into()));
    applied().await;
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    assert_eq!(base().get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(
        errors.get(),
        2,
        "the bad link is told again with the new widget"
    );
    handle.unmount();
}

#[wasm_bindgen_test]
fn text_from_options_stays_text() {
    let el = host("div");
    let evil = "<img src=x onerror=\"window.pwned=1\">";
    let handle = mount(
        el.clone(),
        "breathing".into(),
        options(&[
            ("support-text", evil),
            ("support-href", "https://example.org"),
        ]),
    );
    let root = shadow(&el);
    assert!(root.query_selector("img").ok().flatten().is_none());
    assert_eq!(part_text(&el, "support"), evil);
    handle.unmount();
}

#[wasm_bindgen_test]
fn unmount_leaves_nothing_running() {
    let el = host("div");
    let handle = mount(el.clone(), "breathing".into(), options(&[]));
    click(&el, "toggle");
    handle.unmount();
    assert_eq!(el.get_attribute("data-state"), None);
    assert_eq!(el.get_attribute("data-phase"), None);
    assert_eq!(shadow(&el).child_element_count(), 0);
    // Mounting again on the same host reuses its shadow root.
    let again = mount(el.clone(), "breathing".into(), options(&[]));
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    again.unmount();
}

mod stored_records {
    use attune::core::days::LocalDay;
    use attune::core::records::{Envelope, Kind, LoadError, SessionRecord};
    use attune::web::storage::{decode, encode};
    use wasm_bindgen_test::*;

    fn record(id: &str) -> SessionRecord {
        SessionRecord {
            id: id.into(),
            widget: "breathing".into(),
            at: 1_795_435_200_000,
            day: LocalDay(20_780),
            updated_at: 1_795_435_200_000,
            completed: true,
            rating: Some(7),
            counts: vec![12],
            tags: vec!["pattern:box".into()],
            point: None,
            words: vec!["warm \"tea\", <b>".into()],
        }
    }

    #[wasm_bindgen_test]
    fn what_is_written_reads_back_the_same() {
        let mut doc: Envelope<SessionRecord> = Envelope::new(Kind::Sessions);
        doc.upsert(record("a1"));
        doc.upsert(record("b2"));
        let text = attune::core::json::to_string(&doc);
        assert_eq!(
            decode::<SessionRecord>(&text, Kind::Sessions),
            Ok(doc.clone())
        );
        let again = encode(&doc);
        assert_eq!(decode::<SessionRecord>(&again, Kind::Sessions), Ok(doc));
    }

    #[wasm_bindgen_test]
    fn hostile_or_foreign_values_are_refused_without_a_panic() {
        let cases = [
            "", "{", "null", "[]", "42", "\"x\"", "{\"app\":\"other\",\"kind\":\"sessions\",\"version\":1}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":99,\"items\":[]}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[{\"id\":1}]}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":{\"length\":1e9}}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1.5,\"items\":[]}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[{\"id\":\"x\",\"widget\":\"breathing\",\"at\":1e300,\"day\":1,\"updated_at\":1}]}",
        ];
        for text in cases {
            assert!(
                decode::<SessionRecord>(text, Kind::Sessions).is_err(),
                "{text}"
            );
        }
        // Hostile nesting, where an unknown field is skipped and where an item is expected: the
        // reader gives up at a fixed depth instead of running the wasm out of stack.
        let deep = ["[".repeat(50_000), "]".repeat(50_000)].concat();
        let in_field = [
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"x\":",
            &deep,
            ",\"items\":[]}",
        ]
        .concat();
        let in_items = [
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":",
            &deep,
            "}",
        ]
        .concat();
        assert!(decode::<SessionRecord>(&in_field, Kind::Sessions).is_err());
        assert!(decode::<SessionRecord>(&in_items, Kind::Sessions).is_err());
        assert_eq!(
            decode::<SessionRecord>(
                "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":3,\"items\":[]}",
                Kind::Sessions
            ),
            Err(LoadError::NewerVersion(3))
        );
    }
}

#[wasm_bindgen_test]
fn a_host_without_a_shadow_root_says_so() {
    let el = host("input");
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let s = seen.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            let code = js_sys::Reflect::get(&e.detail(), &"code".into()).ok();
            s.borrow_mut()
                .push(code.and_then(|c| c.as_string()).unwrap_or_default());
        });
    el.add_event_listener_with_callback("attune:error", listener.as_ref().unchecked_ref())
        .expect("listen");
    let handle = mount(el.clone(), "breathing".into(), options(&[]));
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("error"));
    assert_eq!(*seen.borrow(), vec!["mount".to_string()]);
    handle.unmount();
}

/// Of two functions for a promise kept or broken, the first call runs the callback once and
/// frees both: calling the other afterwards is refused by the glue instead of reaching a
/// callback that would otherwise be kept in memory for good.
#[wasm_bindgen_test]
fn either_runs_once_and_frees_both_functions() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let seen: Rc<RefCell<Vec<String>>> = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    let (kept, broken) = attune::web::events::either(Box::new(move |outcome| {
        let word = match outcome {
            Ok(v) => format!("kept {}", v.as_string().unwrap_or_default()),
            Err(v) => format!("broken {}", v.as_string().unwrap_or_default()),
        };
        log.borrow_mut().push(word);
    }));
    let kept: js_sys::Function = kept.unchecked_into();
    let broken: js_sys::Function = broken.unchecked_into();
    assert!(broken.call1(&JsValue::NULL, &"no".into()).is_ok());
    assert_eq!(*seen.borrow(), vec!["broken no".to_string()]);
    // Both are freed now: the glue refuses a call to either of them.
    assert!(kept.call1(&JsValue::NULL, &"yes".into()).is_err());
    assert!(broken.call1(&JsValue::NULL, &"again".into()).is_err());
    assert_eq!(seen.borrow().len(), 1);
}
