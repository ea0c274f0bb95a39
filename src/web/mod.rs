//! The web layer: what the loader calls, and everything that touches the browser.
//!
//! It is thin on purpose: the core decides, this layer shows. Each widget's DOM lives in the
//! module named after it ([`breathing`]); the shared parts are [`mount`] (shadow root, options,
//! errors), [`events`] (DOM events in and out), [`dom`] (element builders that only ever set
//! text), [`clock`] (the frame loop and the one clock), [`audio`] (chimes) and [`device`] (speech,
//! vibration, screen wake lock).

use crate::prelude::*;

pub mod audio;
pub mod body_scan;
pub mod breathing;
pub mod check_in;
pub mod clock;
pub mod data;
pub mod device;
pub mod dom;
pub mod events;
pub mod grounding;
pub mod kit;
pub mod mount;
pub mod plan;
pub mod pleasure;
pub mod session;
pub mod storage;
pub mod summary;
pub mod words;

use wasm_bindgen::prelude::*;

pub use mount::WidgetHandle;
pub use words::register_translation;

/// The loader calls this once, when the engine is ready and before any widget is mounted:
/// `base` is where the loader itself was loaded from (`https://example.org/attune/attune.js`),
/// next to which the language files are fetched, as the engine's own files are; `words` holds
/// the `registerTranslation` calls made before the engine was there, as `[lang, messages]`;
/// `moved` (from the ES-module entry, else `undefined`) maps a language file's name to the
/// URL a bundler gave it.
///
/// It also does now what the first mount would otherwise do inside its own task: parse the
/// stylesheet and make a number format (see [`words::warm`]).
#[wasm_bindgen]
pub fn start(base: String, words: js_sys::Array, moved: JsValue) {
    words::start(base, words, moved);
    mount::prepare_styles();
    words::warm();
}

/// Mounts a widget into `host` (a custom element or a `[data-attune]` placeholder).
///
/// `options` is a flat array `[name, value, name, value, ...]` of strings. This never throws for
/// bad options: the widget shows the problem inside its own box, sets `data-state="error"` and
/// fires `attune:error`, so the rest of the page goes on working.
pub fn mount(host: web_sys::HtmlElement, widget: String, options: js_sys::Array) -> WidgetHandle {
    let mut pairs = Vec::new();
    let mut i = 0;
    while i + 1 < options.length() {
        if let (Some(n), Some(v)) = (options.get(i).as_string(), options.get(i + 1).as_string()) {
            pairs.push((n, v));
        }
        i += 2;
    }
    WidgetHandle::mount(host, widget, crate::core::options::RawOptions::new(pairs))
}

local! {
    /// The widgets the loader mounted, by the number it holds for each (its index + 1).
    static HANDLES: core::cell::RefCell<Vec<Option<WidgetHandle>>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// [`mount`] for the loader, which holds the widget by a number: a plain number crosses into
/// script with none of the code wasm-bindgen makes for an exported object (its class, its
/// ownership and borrow checks, a finalizer), and the engine's own references keep every
/// mounted widget alive until it is unmounted anyway.
#[wasm_bindgen(js_name = mount)]
pub fn mount_widget(host: web_sys::HtmlElement, widget: String, options: js_sys::Array) -> u32 {
    let handle = Some(mount(host, widget, options));
    HANDLES.with(|all| {
        let Ok(mut all) = all.try_borrow_mut() else {
            return 0;
        };
        // The first free number, else a new one.
        match all.iter().position(Option::is_none) {
            Some(at) => {
                if let Some(slot) = all.get_mut(at) {
                    *slot = handle;
                }
                at as u32 + 1
            }
            None => {
                all.push(handle);
                all.len() as u32
            }
        }
    })
}

/// The mounted widget behind the loader's number, for a call that may run page code (events):
/// a handle of its own, so the list is not borrowed while it runs.
fn handle(id: u32) -> Option<WidgetHandle> {
    HANDLES.with(|all| {
        let all = all.try_borrow().ok()?;
        all.get((id as usize).checked_sub(1)?)?
            .as_ref()
            .map(WidgetHandle::another)
    })
}

/// [`WidgetHandle::set_option`], for the loader.
#[wasm_bindgen]
pub fn set_option(id: u32, name: &str, value: Option<String>) {
    if let Some(h) = handle(id) {
        h.set_option(name, value);
    }
}

/// [`WidgetHandle::unmount`], for the loader: the number is free again after.
#[wasm_bindgen]
pub fn unmount(id: u32) {
    let taken = HANDLES.with(|all| {
        let mut all = all.try_borrow_mut().ok()?;
        all.get_mut((id as usize).checked_sub(1)?)?.take()
    });
    if let Some(h) = taken {
        h.unmount();
    }
}

/// The library version, for `Attune.version`.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
