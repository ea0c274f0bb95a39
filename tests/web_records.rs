//! Browser tests of the record-keeping widgets (micro-pleasure tracker, plan) and the shared
//! "your records" panel: `wasm-pack test --headless --chrome`. Everything here uses
//! `storage="none"` (memory, shared by the page's widgets) with its own `storage-key`.
#![cfg(target_arch = "wasm32")]

use attune::core::i18n::Lang;
use attune::core::options::{Common, StorageKind, Theme};
use attune::core::records::Kind;
use attune::web::data::Vaults;
use attune::web::{mount, WidgetHandle};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

mod common;
use common::{host, options, shadow};

wasm_bindgen_test_configure!(run_in_browser);

fn texts(el: &HtmlElement, css: &str) -> Vec<String> {
    let list = shadow(el).query_selector_all(css).expect("a selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

fn find(el: &HtmlElement, css: &str) -> HtmlElement {
    shadow(el)
        .query_selector(css)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("{css}"))
        .dyn_into()
        .expect("html")
}

fn click(el: &HtmlElement, css: &str) {
    find(el, css).click();
}

fn mounted(widget: &str, pairs: &[(&str, &str)]) -> (HtmlElement, WidgetHandle) {
    let el = host(&["attune-", widget].concat());
    let handle = mount(el.clone(), widget.into(), options(pairs));
    (el, handle)
}

#[wasm_bindgen_test]
fn pleasure_mounts_saves_an_entry_and_shows_it() {
    let (el, handle) = mounted(
        "pleasure",
        &[("storage", "none"), ("storage-key", "web-p1")],
    );
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    assert_eq!(texts(&el, "button[data-action=act]").len(), 7);
    assert!(texts(&el, ".recent li").is_empty());
    click(&el, "button[data-action=act][data-value='5']");
    click(&el, "button[data-action=shift][data-value='3']");
    click(&el, "button[data-action=signal][data-value='0']");
    click(&el, "button[data-action=save]");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("done"));
    assert_eq!(texts(&el, ".recent .what"), ["A short walk"]);
    assert_eq!(texts(&el, ".summary"), ["A shift on 1 of the last 7 days."]);
    assert_eq!(texts(&el, ".top-list li"), ["A short walk"]);
    // The site chose storage="none": said plainly in the records panel, no warning.
    assert_eq!(
        texts(&el, ".stays"),
        ["This page keeps no history: nothing is saved."]
    );
    assert!(find(&el, "[part~=notice]").hidden());
    // A second widget on the page, same namespace: it reads what the first kept in memory.
    let (other, h2) = mounted(
        "pleasure",
        &[("storage", "none"), ("storage-key", "web-p1")],
    );
    assert_eq!(texts(&other, ".recent .what"), ["A short walk"]);
    h2.unmount();
    handle.unmount();
    assert_eq!(shadow(&el).child_element_count(), 0);
}

#[wasm_bindgen_test]
fn pleasure_takes_own_words_as_text_and_the_clinicians_list() {
    let (el, handle) = mounted(
        "pleasure",
        &[
            ("storage", "none"),
            ("storage-key", "web-p2"),
            ("suggestions", "the blue mug|<b>tea</b>"),
        ],
    );
    assert_eq!(
        texts(&el, "button[data-action=act]"),
        ["the blue mug", "<b>tea</b>"]
    );
    let own: HtmlInputElement = find(&el, "#own").dyn_into().expect("input");
    own.set_value("<img src=x onerror=alert(1)>");
    click(&el, "button[data-action=save]");
    assert_eq!(
        texts(&el, ".recent .what"),
        ["<img src=x onerror=alert(1)>"]
    );
    assert!(shadow(&el).query_selector("img").ok().flatten().is_none());
    assert!(shadow(&el).query_selector("b").ok().flatten().is_none());
    // Nothing chosen: a gentle hint, nothing saved.
    click(&el, "button[data-action=save]");
    assert!(!find(&el, ".need").hidden());
    assert_eq!(texts(&el, ".recent li").len(), 1);
    handle.unmount();
}

#[wasm_bindgen_test]
fn the_chart_is_svg_with_words() {
    let (el, handle) = mounted(
        "pleasure",
        &[("storage", "none"), ("storage-key", "web-p3")],
    );
    let svg = find_el(&el, ".chart svg");
    assert_eq!(
        svg.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Last 14 days: nothing logged.")
    );
    assert_eq!(
        svg.query_selector_all("rect")
            .map(|l| l.length())
            .unwrap_or(0),
        14
    );
    click(&el, "button[data-action=range][data-value='30']");
    let svg = find_el(&el, ".chart svg");
    assert_eq!(
        svg.query_selector_all("rect")
            .map(|l| l.length())
            .unwrap_or(0),
        30
    );
    handle.unmount();
}

fn find_el(el: &HtmlElement, css: &str) -> web_sys::Element {
    shadow(el)
        .query_selector(css)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("{css}"))
}

#[wasm_bindgen_test]
fn plan_starts_ticks_and_restarts_keeping_the_old_plan() {
    let (el, handle) = mounted(
        "plan",
        &[
            ("storage", "none"),
            ("storage-key", "web-plan1"),
            ("days", "7"),
        ],
    );
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("idle"));
    click(&el, "button[data-action=start]");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("running"));
    assert!(texts(&el, "#day-title")
        .first()
        .is_some_and(|t| t.starts_with("Day 1 of 7")));
    assert_eq!(texts(&el, ".plan-body > .grid > li").len(), 7);
    click(&el, "button[data-action=cue][data-value='1']");
    assert_eq!(
        find(&el, "button[data-action=cue][data-value='1']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        shadow(&el)
            .query_selector_all(".plan-body > .grid .dot.on")
            .map(|l| l.length())
            .unwrap_or(0),
        1
    );
    click(&el, "button[data-action=restart]");
    click(&el, "button[data-action=restart-yes]");
    assert_eq!(
        find(&el, "button[data-action=cue][data-value='1']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("false")
    );
    assert_eq!(texts(&el, ".earlier-title").len(), 1);
    assert_eq!(
        shadow(&el)
            .query_selector_all(".earlier .dot.on")
            .map(|l| l.length())
            .unwrap_or(0),
        1
    );
    handle.unmount();
}

fn common(namespace: &str) -> Common {
    Common {
        lang: Lang::En,
        theme: Theme::Auto,
        storage: StorageKind::None,
        storage_key: namespace.to_string(),
        support_text: None,
        support_href: None,
        crisis_text: None,
        crisis_href: None,
    }
}

/// Imports `text` into memory-backed vaults. The file's records are read in a task after the
/// one that reads its JSON; with memory storage no lock is needed, so the answer is there then.
async fn import(
    vaults: &mut Vaults,
    text: &str,
    now: i64,
) -> Result<attune::core::records::ImportReport, attune::core::records::ImportError> {
    let out = std::rc::Rc::new(std::cell::RefCell::new(None));
    let o = out.clone();
    vaults.import_text(text, now, move |r| *o.borrow_mut() = Some(r));
    let answer = out.borrow_mut().take();
    if let Some(refused) = answer {
        // Refused before any records were read (not JSON at all).
        return refused;
    }
    next_task().await;
    let answer = out.borrow_mut().take();
    answer.expect("memory storage answers in the task that reads the records")
}

/// Waits for the browser's next task.
async fn next_task() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback(&resolve)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(tick)
        .await
        .expect("the timer fires");
}

#[wasm_bindgen_test]
async fn export_delete_import_brings_every_kind_back() {
    let (el, handle) = mounted(
        "pleasure",
        &[("storage", "none"), ("storage-key", "web-data")],
    );
    click(&el, "button[data-action=act][data-value='0']");
    click(&el, "button[data-action=save]");
    click(&el, "button[data-action=act][data-value='1']");
    click(&el, "button[data-action=save]");
    handle.unmount();
    let mut vaults = Vaults::new(&common("web-data"), Kind::Pleasure);
    assert_eq!(vaults.pleasure().items().len(), 2);
    let ids: Vec<String> = vaults
        .pleasure()
        .items()
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let (file, _) = vaults.export_json(1_795_435_200_000);
    assert!(
        file.starts_with("{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1,"),
        "{file}"
    );
    // Memory storage needs no lock, but "Delete everything" reaches the namespace in the
    // browser's storage too (other tests left records there), under its lock.
    let gone = std::rc::Rc::new(std::cell::Cell::new(None));
    let g = gone.clone();
    vaults.delete_all(1_795_435_200_000, Box::new(move |ok| g.set(Some(ok))));
    for _ in 0..50 {
        if gone.get().is_some() {
            break;
        }
        next_task().await;
    }
    assert_eq!(
        gone.get(),
        Some(true),
        "deleted, and verified by reading back"
    );
    assert!(vaults.pleasure().items().is_empty());
    let report = import(&mut vaults, &file, 1_795_435_300_000)
        .await
        .expect("our own file");
    assert_eq!((report.added, report.skipped), (2, 0));
    let back: Vec<String> = vaults
        .pleasure()
        .items()
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(back, ids);
    let again = import(&mut vaults, &file, 1_795_435_400_000)
        .await
        .expect("our own file");
    assert_eq!((again.added, again.skipped), (0, 2));
    for bad in [
        "",
        "null",
        "[1]",
        "{\"theme\":\"dark\"}",
        &file[..file.len() / 2],
    ] {
        assert!(
            import(&mut vaults, bad, 1_795_435_500_000).await.is_err(),
            "{bad}"
        );
    }
    assert_eq!(
        vaults.pleasure().items().len(),
        2,
        "a refused file changes nothing"
    );
    // And the widget shows what is there now.
    let (el, handle) = mounted(
        "pleasure",
        &[("storage", "none"), ("storage-key", "web-data")],
    );
    assert_eq!(texts(&el, ".recent li").len(), 2);
    handle.unmount();
}
