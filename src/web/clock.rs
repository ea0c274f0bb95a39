//! The one clock and the loops that read it.
//!
//! Every widget reads time from `performance.now()` and hands it to a core state machine. The
//! loops only decide *when* to look; what is shown is computed from the time itself, so a skipped
//! frame, a throttled timer or a tab hidden for an hour changes nothing.

use crate::prelude::*;

use alloc::rc::{Rc, Weak};
use core::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

use super::events::{with_state, Listener, Queued};

/// Milliseconds on the page's monotonic clock.
pub fn now() -> f64 {
    performance_now()
}

// Timer and frame ids as numbers, not `i32`: browsers hand out small ids, but fake clocks in
// test tools (and some embedders) use ids past `i32::MAX`, and a truncated id cancels nothing.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = requestAnimationFrame)]
    fn request_animation_frame(callback: &JsValue) -> f64;
    #[wasm_bindgen(js_name = cancelAnimationFrame)]
    fn cancel_animation_frame(id: f64);
    #[wasm_bindgen(js_name = setInterval)]
    fn set_interval(callback: &JsValue, ms: i32) -> f64;
    #[wasm_bindgen(js_name = clearInterval)]
    fn clear_interval(id: f64);
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &JsValue, ms: i32) -> f64;
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    /// Fills `bytes` with random bytes (every browser that runs the engine has it).
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn random_fill(bytes: &mut [u8]);
}

/// Runs `then` in a task of its own, after what is queued now: for splitting one long piece
/// of work (reading a large import) so the page can paint and answer input in between.
pub fn next_task(then: impl FnOnce() + 'static) {
    after(0, then);
}

/// Runs `then` once, `ms` milliseconds from now.
pub fn after(ms: i32, then: impl FnOnce() + 'static) {
    set_timeout(&super::events::once(Box::new(move |_| then())), ms);
}

/// The frame callback a loop hands to `requestAnimationFrame`, kept until the loop stops.
type FrameCallback = RefCell<Option<Closure<dyn FnMut(JsValue)>>>;

struct LoopShared {
    id: Cell<Option<f64>>,
    callback: FrameCallback,
}

fn request(shared: &LoopShared) {
    if shared.id.get().is_some() {
        return;
    }
    let Ok(cb) = shared.callback.try_borrow() else {
        return;
    };
    if let Some(cb) = cb.as_ref() {
        shared.id.set(Some(request_animation_frame(cb.as_ref())));
    }
}

/// A `requestAnimationFrame` loop. The callback gets the clock's time and returns whether it
/// wants another frame. Dropping the loop cancels the pending frame.
pub struct FrameLoop {
    shared: Rc<LoopShared>,
}

impl core::fmt::Debug for FrameLoop {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FrameLoop")
            .field("pending", &self.shared.id.get().is_some())
            .finish()
    }
}

impl FrameLoop {
    /// A stopped loop around `on_frame`.
    pub fn new(mut on_frame: impl FnMut(f64) -> bool + 'static) -> FrameLoop {
        let shared = Rc::new(LoopShared {
            id: Cell::new(None),
            callback: RefCell::new(None),
        });
        let weak: Weak<LoopShared> = Rc::downgrade(&shared);
        // The frame's own time is not read (the clock is `now()`), so the callback is of the one
        // kind every repeating callback of the engine is (see `Listener`).
        let closure = Closure::wrap(Box::new(move |_t: JsValue| {
            let Some(shared) = weak.upgrade() else { return };
            shared.id.set(None);
            if on_frame(now()) {
                request(&shared);
            }
        }) as Box<dyn FnMut(JsValue)>);
        *shared.callback.borrow_mut() = Some(closure);
        FrameLoop { shared }
    }

    /// Asks for the next frame (once, however often it is called).
    pub fn start(&self) {
        request(&self.shared);
    }

    /// Cancels the pending frame.
    pub fn stop(&self) {
        if let Some(id) = self.shared.id.take() {
            cancel_animation_frame(id);
        }
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.stop();
        if let Ok(mut cb) = self.shared.callback.try_borrow_mut() {
            cb.take();
        }
    }
}

/// A repeating timer, cleared when dropped. Used beside the frame loop for work that must go on
/// while the tab is hidden (sound cues), where browsers pause animation frames but still run
/// timers about once a second.
pub struct Interval {
    id: f64,
    _closure: Closure<dyn FnMut(JsValue)>,
}

impl core::fmt::Debug for Interval {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Interval").field("id", &self.id).finish()
    }
}

impl Interval {
    /// Calls `tick` every `ms` milliseconds until dropped.
    pub fn new(ms: i32, mut tick: impl FnMut() + 'static) -> Interval {
        let closure = Closure::wrap(Box::new(move |_| tick()) as Box<dyn FnMut(JsValue)>);
        let id = set_interval(closure.as_ref(), ms);
        Interval {
            id,
            _closure: closure,
        }
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        clear_interval(self.id);
    }
}

/// Milliseconds since the Unix epoch, on the wall clock: for record times, never for timing.
/// Held within the times a stored record may carry (1970 to 3000): a clock set before or past
/// them would write a record that makes the whole stored document unreadable.
pub fn wall_ms() -> i64 {
    (js_sys::Date::now() as i64).clamp(0, crate::core::records::MAX_TIME_MS)
}

/// The visitor's local calendar day at `ms`, from the browser's own time zone rules: a plan
/// started at 23:30 is one day older at 00:10, and daylight-saving changes don't matter.
pub fn local_day(ms: i64) -> crate::core::days::LocalDay {
    let d = js_sys::Date::new(&JsValue::from(ms as f64));
    crate::core::days::LocalDay::from_ymd(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or(crate::core::days::LocalDay(0))
}

/// The minute of the visitor's local day at `ms` (for the spreadsheet's times).
pub fn local_minute(ms: i64) -> u32 {
    let d = js_sys::Date::new(&JsValue::from(ms as f64));
    d.get_hours() * 60 + d.get_minutes()
}

/// A random number for record ids (not for secrets).
pub fn random_u32() -> u32 {
    let mut bytes = [0u8; 4];
    random_fill(&mut bytes);
    u32::from_le_bytes(bytes)
}

/// Calls `check` with the widget's state when the visitor comes back to the page (or leaves
/// it) and once a minute: how a widget left open overnight notices that the day has turned.
pub fn day_watch<S: Queued + 'static>(
    host: &web_sys::HtmlElement,
    weak: &Weak<RefCell<S>>,
    check: fn(&mut S),
) -> (Option<Listener>, Interval) {
    let w = weak.clone();
    let on_return = host
        .owner_document()
        .map(|doc| Listener::new(&doc, "visibilitychange", move |_| with_state(&w, check)));
    let w = weak.clone();
    let ticker = Interval::new(60_000, move || with_state(&w, check));
    (on_return, ticker)
}

/// A widget state that looks at the clock while its session runs.
pub trait Timed: Queued {
    /// Shows what the session says at `now`. Returns whether to keep looking.
    fn update(&mut self, now: f64) -> bool;
    /// Pauses the session if it runs: the visitor left the page (which may come back from the
    /// back/forward cache) or the site hid the widget (a closed dialog or panel). Time spent
    /// away was not practice, and must not end the session as done when the page comes back.
    /// (A tab switched away from, or a laptop's lid closed, is not leaving: the session goes
    /// on, on schedule.)
    fn hold(&mut self);
}

/// What runs beside the frames while a session runs: the timer, and the listener for the
/// visitor leaving the page.
type Watch = (Interval, Option<Listener>);

/// The two loops a timed session needs, started and stopped together: animation frames for the
/// picture, and a 250 ms timer for the work that must go on while the tab is hidden (browsers
/// pause frames there but still run timers, about once a second), which also looks whether
/// the widget is still laid out on the page.
pub struct Ticking {
    frames: FrameLoop,
    timer: Option<Watch>,
    start_timer: Box<dyn Fn() -> Watch>,
}

impl core::fmt::Debug for Ticking {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ticking")
            .field("running", &self.timer.is_some())
            .finish()
    }
}

impl Ticking {
    /// Stopped loops that call `update` on the state behind `state`.
    pub fn new<S: Timed + 'static>(state: &Weak<RefCell<S>>) -> Ticking {
        let w = state.clone();
        let frames = FrameLoop::new(move |t| with_state(&w, |s| s.update(t)));
        let w = state.clone();
        let start_timer = Box::new(move || {
            let t = w.clone();
            let timer = Interval::new(250, move || {
                with_state(&t, |s| {
                    if super::dom::laid_out(s.host()) {
                        s.update(now());
                    } else {
                        s.hold();
                    }
                });
            });
            let w = w.clone();
            let leave = super::dom::window()
                .map(|win| Listener::new(&win, "pagehide", move |_| with_state(&w, S::hold)));
            (timer, leave)
        });
        Ticking {
            frames,
            timer: None,
            start_timer,
        }
    }

    /// Starts looking at the clock.
    pub fn start(&mut self) {
        self.frames.start();
        if self.timer.is_none() {
            self.timer = Some((self.start_timer)());
        }
    }

    /// Stops both loops.
    pub fn stop(&mut self) {
        self.frames.stop();
        self.timer = None;
    }
}
