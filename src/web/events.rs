//! DOM events, both ways: listeners that remove themselves when dropped, and the `attune:*`
//! events the widgets fire on their host.

use crate::prelude::*;

use super::dom::set_field;
use alloc::rc::{Rc, Weak};
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// An event listener owned by a widget. Dropping it removes it, so unmounting a widget (dropping
/// its state) leaves nothing behind on the page.
///
/// Its closure takes a plain `JsValue`, as the engine's timers and frame loop do: one closure
/// kind for every repeating callback, so wasm-bindgen makes its shims and glue once.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn Fn(JsValue)>,
}

impl core::fmt::Debug for Listener {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Listener")
            .field("kind", &self.kind)
            .finish()
    }
}

impl Listener {
    /// Listens for `kind` on `target` until dropped. `Fn`, so that an event dispatched while
    /// the handler runs (a write it makes at once on a hidden page, announced to the widgets)
    /// may reach it again: a `FnMut` closure would throw there. A widget's state, already
    /// borrowed, is then left alone (see [`with_state`]).
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl Fn(Event) + 'static,
    ) -> Listener {
        let closure = Closure::wrap(
            Box::new(move |e: JsValue| handler(e.unchecked_into())) as Box<dyn Fn(JsValue)>
        );
        target
            .unchecked_ref::<Target>()
            .listen_with(kind, closure.as_ref());
        Listener {
            target: target.clone(),
            kind,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.target
            .unchecked_ref::<Target>()
            .stop_listening(self.kind, self.closure.as_ref());
    }
}

/// Listens for `kind` on `target` and hands each event to `f` together with the widget's state,
/// through [`with_state`]: the one shape of a widget's listeners, so no widget repeats the
/// weak-reference and borrow dance around its handlers.
pub fn listen<S: Queued + 'static>(
    target: &EventTarget,
    kind: &'static str,
    weak: &Weak<RefCell<S>>,
    f: fn(&mut S, &Event),
) -> Listener {
    let w = weak.clone();
    Listener::new(target, kind, move |e| with_state(&w, |s| f(s, &e)))
}

#[wasm_bindgen]
extern "C" {
    // The same calls as web-sys's, declared without `catch`: adding or removing a listener never
    // throws, nor does dispatching a fresh event (a listener's own error is reported, not
    // thrown), nor making one with a type, so no error branch is compiled for them.
    type Target;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn listen_with(this: &Target, kind: &str, f: &JsValue);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn stop_listening(this: &Target, kind: &str, f: &JsValue);
    #[wasm_bindgen(method, js_name = dispatchEvent)]
    fn send(this: &Target, event: &JsValue);
    #[wasm_bindgen(js_name = CustomEvent)]
    type Custom;
    #[wasm_bindgen(constructor, js_class = "CustomEvent")]
    fn new(kind: &str, init: &JsValue) -> Custom;

    /// A promise, as far as the engine uses one.
    pub type Thenable;
    #[wasm_bindgen(method, js_name = then)]
    fn then_either(this: &Thenable, ok: &JsValue, err: &JsValue);
}

/// A function the page calls once (a microtask, a timer, a lock's grant, a promise's outcome)
/// that runs `f` with its argument. Every one-shot callback of the engine is this one closure
/// type, so what wasm-bindgen makes for each closure type (its shims in the wasm and the glue)
/// is made once instead of once per callback.
pub fn once(f: Box<dyn FnOnce(JsValue)>) -> JsValue {
    Closure::once_into_js(move |v: JsValue| f(v))
}

/// What to do with a promise's outcome: its value, or `None` when it was rejected.
pub type Done = Box<dyn FnOnce(Option<JsValue>)>;

/// Calls `done` once with a promise's value, or with `None` when it is rejected.
pub fn settle(promise: &Thenable, done: Done) {
    let (ok, err) = either(Box::new(move |outcome| done(outcome.ok())));
    promise.then_either(&ok, &err);
}

/// Calls `f` once with a promise's outcome, its value or its reason alike, through one function
/// for both: for a caller that tells them apart itself and may have many promises waiting at
/// once (a wake lock asked for by each started widget). The function is made for `f` itself,
/// not through [`once`]: one allocation per waiting promise instead of two (with two, starting
/// and removing 500 pacers in one task grew the engine's memory by one page).
pub fn on_outcome<F: FnOnce(JsValue) + 'static>(promise: &Thenable, f: F) {
    let f = Closure::once_into_js(f);
    promise.then_either(&f, &f);
}

/// What was held while waiting for one of two outcomes.
type Waiting = (
    Box<dyn FnOnce(Result<JsValue, JsValue>)>,
    [Closure<dyn FnMut(JsValue)>; 2],
);

/// Two functions for the two ways something can end (a promise kept or broken, a lock granted
/// or refused): the first one called runs `done` (with `Ok` from the first function, `Err`
/// from the second) and lets go of both. A one-shot callback that is never called is never
/// freed, and one of these two never is: each would keep a little memory for good.
pub fn either(done: Box<dyn FnOnce(Result<JsValue, JsValue>)>) -> (JsValue, JsValue) {
    let slot: Rc<RefCell<Option<Waiting>>> = Rc::new(RefCell::new(None));
    let side = |kept: bool| {
        let slot = slot.clone();
        Closure::wrap(Box::new(move |value: JsValue| {
            let waiting = slot.try_borrow_mut().ok().and_then(|mut s| s.take());
            if let Some((done, both)) = waiting {
                done(if kept { Ok(value) } else { Err(value) });
                // Freed once this call returns (wasm-bindgen counts the call in progress).
                drop(both);
            }
        }) as Box<dyn FnMut(JsValue)>)
    };
    let (first, second) = (side(true), side(false));
    let functions = (first.as_ref().clone(), second.as_ref().clone());
    if let Ok(mut s) = slot.try_borrow_mut() {
        *s = Some((done, [first, second]));
    }
    functions
}

/// The `detail` of an event: ids, counts, ratings and timings, never text the visitor typed.
#[derive(Debug)]
pub struct Detail(js_sys::Object);

impl Detail {
    /// A detail naming the widget that fired it; none when `widget` is empty (an element asked
    /// for a widget there is none of: the page's types have no name for it).
    pub fn new(widget: &str) -> Detail {
        let d = Detail(js_sys::Object::new());
        if widget.is_empty() {
            return d;
        }
        d.text("widget", widget)
    }

    /// Adds a string field (an id or a fixed word, never visitor input).
    pub fn text(self, key: &str, value: &str) -> Detail {
        self.value(key, &value.into())
    }

    /// Adds a number field.
    pub fn num(self, key: &str, value: f64) -> Detail {
        self.value(key, &value.into())
    }

    /// Adds a boolean field.
    pub fn flag(self, key: &str, value: bool) -> Detail {
        self.value(key, &value.into())
    }

    /// Adds a field holding a value built from ids and numbers only (an array of counts, an
    /// object of option names and values), never visitor input.
    pub fn value(self, key: &str, value: &JsValue) -> Detail {
        set_field(&self.0, key, value);
        self
    }
}

/// An event waiting to be fired. Widgets collect these while they hold their state and fire
/// them after letting go, so a page listener that unmounts or reconfigures the widget from inside
/// the event never meets a widget half-way through an update.
#[derive(Debug)]
pub struct Pending {
    name: &'static str,
    detail: Detail,
}

impl Pending {
    /// An `attune:NAME` event (pass the whole name, `attune:phase`).
    pub fn new(name: &'static str, detail: Detail) -> Pending {
        Pending { name, detail }
    }
}

/// Fires events on the host: bubbling and composed, so they cross the shadow boundary and reach
/// page analytics listening on `document`. A host not on the page (removed, maybe by a page
/// listener of the event before, for a route change) stops its events at itself: then its
/// document hears them too.
pub fn fire(host: &web_sys::Element, events: Vec<Pending>) {
    for p in events {
        // Read before: an event whose listener removes the host has reached the page already.
        let page = (!host.is_connected())
            .then(|| host.owner_document())
            .flatten();
        dispatch(host, p.name, true, &p.detail.0);
        if let Some(page) = page {
            dispatch(&page, p.name, true, &p.detail.0);
        }
    }
}

/// Fires a `CustomEvent` of type `kind` with `detail` on `target`; `crossing`: bubbling and
/// composed, so it crosses the shadow boundary.
pub fn dispatch(target: &EventTarget, kind: &str, crossing: bool, detail: &JsValue) {
    let init = js_sys::Object::new();
    let crossing = JsValue::from_bool(crossing);
    set_field(&init, "bubbles", &crossing);
    set_field(&init, "composed", &crossing);
    set_field(&init, "detail", detail);
    target
        .unchecked_ref::<Target>()
        .send(&Custom::new(kind, &init));
}

/// A widget's state that queues its events while it is borrowed (see [`with_state`]).
pub trait Queued {
    /// The host element the events are fired on.
    fn host(&self) -> &web_sys::HtmlElement;
    /// The events waiting to be fired.
    fn queue(&mut self) -> &mut Vec<Pending>;
}

/// Runs `f` on a widget's state, then fires the events it queued after letting go of the state:
/// a page listener may unmount or reconfigure the widget from inside an event, and must never
/// meet it half-way through an update. Returns what `f` returned (the default if the widget is
/// gone or busy).
pub fn with_state<S: Queued, R: Default>(
    weak: &Weak<RefCell<S>>,
    f: impl FnOnce(&mut S) -> R,
) -> R {
    let mut f = Some(f);
    let mut out = R::default();
    run_state(weak, &mut |s| {
        if let Some(f) = f.take() {
            out = f(s);
        }
    });
    out
}

/// [`with_state`]'s body, compiled once per widget rather than once per call site.
fn run_state<S: Queued>(weak: &Weak<RefCell<S>>, f: &mut dyn FnMut(&mut S)) {
    let Some(rc) = weak.upgrade() else { return };
    let (events, host) = {
        let Ok(mut s) = rc.try_borrow_mut() else {
            return;
        };
        let call = Call::enter(s.host());
        f(&mut s);
        call.leave();
        (core::mem::take(s.queue()), s.host().clone())
    };
    fire(&host, events);
}

local! {
    /// The widgets whose state a call is changing right now, innermost last.
    static ACTIVE: RefCell<Vec<web_sys::HtmlElement>> =
        const { RefCell::new(Vec::new()) };
    /// Whether the check after the current task is already queued.
    static CHECK_QUEUED: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
    /// `queueMicrotask` and the check it runs, made once, on first use.
    static CHECK: core::cell::OnceCell<Option<(js_sys::Function, JsValue)>> =
        const { core::cell::OnceCell::new() };
    /// What the mount layer does with a widget whose call never finished.
    static ON_BROKEN: core::cell::Cell<Option<fn(&web_sys::HtmlElement)>> =
        const { core::cell::Cell::new(None) };
}

/// One call that changes a widget's state, from [`Call::enter`] to [`Call::leave`].
///
/// Why: a JavaScript exception thrown into the engine (a page that patched a browser API to
/// throw, say) unwinds the wasm without running any Rust destructor, so the widget's state
/// stays borrowed and every later click would do nothing, in silence. A call that never left is
/// found right after the task that ran it (a microtask, which runs only once the whole stack
/// has unwound), and the widget is handed to [`on_broken`]'s handler, which starts it afresh
/// and says so. A call that returns normally costs a push, a pop and, once per task, one queued
/// microtask.
#[derive(Debug)]
pub struct Call(());

impl Call {
    /// Notes that a call on the widget of `host` begins.
    pub fn enter(host: &web_sys::HtmlElement) -> Call {
        ACTIVE.with(|a| {
            if let Ok(mut a) = a.try_borrow_mut() {
                a.push(host.clone());
            }
        });
        if !CHECK_QUEUED.with(|q| q.replace(true)) {
            CHECK.with(|c| {
                if let Some((queue, check)) = c.get_or_init(make_check) {
                    let _ = queue.call1(&JsValue::UNDEFINED, check);
                }
            });
        }
        Call(())
    }

    /// Notes that the call returned.
    pub fn leave(self) {
        ACTIVE.with(|a| {
            if let Ok(mut a) = a.try_borrow_mut() {
                a.pop();
            }
        });
    }
}

/// Runs `f` once the current event listener has returned (a microtask, so still within the
/// visitor's gesture). A click made from inside a widget's own click listener would otherwise
/// reach that listener again while it runs.
pub fn later(f: impl FnOnce() + 'static) {
    microtask(Box::new(move |_| f()));
}

/// Runs `f` in a microtask: once the script running now has returned, before anything else
/// happens, through the page's `queueMicrotask` that the call check looked up once.
pub fn microtask(f: Box<dyn FnOnce(JsValue)>) {
    CHECK.with(|c| {
        if let Some((queue, _)) = c.get_or_init(make_check) {
            let _ = queue.call1(&JsValue::UNDEFINED, &once(f));
        }
    });
}

/// Sets what to do with a widget whose call never returned (the mount layer rebuilds it).
pub fn on_broken(handler: fn(&web_sys::HtmlElement)) {
    ON_BROKEN.with(|h| h.set(Some(handler)));
}

fn make_check() -> Option<(js_sys::Function, JsValue)> {
    let w = super::dom::window()?;
    let queue: js_sys::Function = js_sys::Reflect::get(&w, &JsValue::from_str("queueMicrotask"))
        .ok()?
        .dyn_into()
        .ok()?;
    let check = Closure::<dyn FnMut(JsValue)>::new(|_| {
        CHECK_QUEUED.with(|q| q.set(false));
        let broken: Vec<web_sys::HtmlElement> = ACTIVE.with(|a| {
            a.try_borrow_mut()
                .map(|mut a| core::mem::take(&mut *a))
                .unwrap_or_default()
        });
        let handler = ON_BROKEN.with(|h| h.get());
        if let Some(handler) = handler {
            for host in broken.iter().rev() {
                handler(host);
            }
        }
    });
    // Made once per page and kept for the page's life, like the engine itself.
    Some((queue, check.into_js_value()))
}
