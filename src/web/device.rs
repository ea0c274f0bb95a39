//! The device's own helpers, each used only where the browser has it: speech synthesis,
//! vibration and the screen wake lock. Missing support is never an error, only a quieter widget.

use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

#[wasm_bindgen]
extern "C" {
    /// The page's speech synthesis (absent in a browser without one).
    #[wasm_bindgen(thread_local_v2, js_name = speechSynthesis)]
    static SPEECH: Option<SpeechSynthesis>;

    #[wasm_bindgen(extends = SpeechSynthesisUtterance)]
    type Utterance;
    #[wasm_bindgen(constructor, js_class = "SpeechSynthesisUtterance")]
    fn new(text: &str) -> Utterance;
}

fn synth() -> Option<SpeechSynthesis> {
    SPEECH.with(Clone::clone)
}

/// A voice on this device for a language (`en`, `es`). Only a local one: a browser's network
/// voices ("Google US English" in Chrome) send every word spoken to a server, and nothing the
/// visitor does may leave their browser.
fn local_voice(lang: &str) -> Option<web_sys::SpeechSynthesisVoice> {
    synth()?.get_voices().iter().find_map(|v| {
        v.dyn_into::<web_sys::SpeechSynthesisVoice>()
            .ok()
            .filter(|v| v.local_service() && v.lang().to_ascii_lowercase().starts_with(lang))
    })
}

/// Whether this device has a voice of its own for a language (`en`, `es`).
pub fn has_voice(lang: &str) -> bool {
    local_voice(lang).is_some()
}

/// Speaks a short cue in the device's own voice for `lang`, cutting off any cue still being
/// spoken; says nothing where there is none. Whether it spoke.
pub fn speak(text: &str, lang: &str) -> bool {
    // Where there is speech synthesis there are utterances: made only then.
    let (Some(s), Some(voice)) = (synth(), local_voice(lang)) else {
        return false;
    };
    let u = Utterance::new(text);
    u.set_lang(lang);
    u.set_voice(Some(&voice));
    u.set_rate(0.85);
    s.cancel();
    s.speak(&u);
    true
}

/// Stops speaking.
pub fn hush() {
    if let Some(s) = synth() {
        s.cancel();
    }
}

/// Vibrates in a pattern of on/off milliseconds, where the device can.
pub fn vibrate(pattern: &[u32]) {
    let Some(w) = super::dom::window() else {
        return;
    };
    let nav = w.navigator();
    if !js_sys::Reflect::has(&nav, &"vibrate".into()).unwrap_or(false) {
        return;
    }
    let _ = nav.vibrate_with_pattern(&super::dom::numbers(pattern));
}

/// Keeps the screen awake while a session runs (Screen Wake Lock, where supported).
#[derive(Debug, Default)]
pub struct WakeLock {
    wanted: Rc<Cell<bool>>,
    asking: Rc<Cell<bool>>,
    sentinel: Rc<RefCell<Option<JsValue>>>,
}

fn call_method(target: &JsValue, name: &str, arg: Option<&JsValue>) -> Option<JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    match arg {
        Some(a) => f.call1(target, a).ok(),
        None => f.call0(target).ok(),
    }
}

impl WakeLock {
    /// Asks for the lock or lets it go, when that changes what was wanted.
    pub fn want(&self, on: bool) {
        if on != self.wanted.get() {
            if on {
                self.acquire();
            } else {
                self.release();
            }
        }
    }

    /// Asks for the lock (again, if the browser dropped it when the tab was hidden).
    pub fn acquire(&self) {
        self.wanted.set(true);
        // One request at a time: a quick start-pause-resume must not end up holding two locks.
        if self.asking.get() {
            return;
        }
        if self.sentinel.borrow().as_ref().is_some_and(|s| {
            !js_sys::Reflect::get(s, &"released".into())
                .ok()
                .and_then(|r| r.as_bool())
                .unwrap_or(true)
        }) {
            return;
        }
        let Some(w) = super::dom::window() else {
            return;
        };
        let Ok(lock) = js_sys::Reflect::get(&w.navigator(), &"wakeLock".into()) else {
            return;
        };
        if lock.is_undefined() || lock.is_null() {
            return;
        }
        let Some(promise) = call_method(&lock, "request", Some(&"screen".into())) else {
            return;
        };
        let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
            return;
        };
        self.asking.set(true);
        let wanted = self.wanted.clone();
        let asking = self.asking.clone();
        let slot = self.sentinel.clone();
        // One function for both outcomes: a refusal has no `release`, so it is told apart below.
        let done = move |value: JsValue| {
            asking.set(false);
            let is_sentinel = js_sys::Reflect::has(&value, &"release".into()).unwrap_or(false);
            if !is_sentinel {
                return;
            }
            let kept = wanted.get()
                && slot.try_borrow_mut().is_ok_and(|mut s| {
                    if let Some(old) = s.replace(value.clone()) {
                        let _ = call_method(&old, "release", None);
                    }
                    true
                });
            if !kept {
                let _ = call_method(&value, "release", None);
            }
        };
        super::events::on_outcome(promise.unchecked_ref(), done);
    }

    /// Lets the screen sleep again.
    pub fn release(&self) {
        self.wanted.set(false);
        if let Some(s) = self
            .sentinel
            .try_borrow_mut()
            .ok()
            .and_then(|mut s| s.take())
        {
            let _ = call_method(&s, "release", None);
        }
    }
}

impl Drop for WakeLock {
    fn drop(&mut self) {
        self.release();
    }
}
