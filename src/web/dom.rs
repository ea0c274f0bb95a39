//! Small element builders. Text goes in with `textContent` only: nothing an option or a
//! visitor wrote is ever parsed as HTML.

use crate::prelude::*;

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node, NodeList};

use crate::core::i18n::{text, Lang, Msg};

/// Building a view cannot fail: every tag is one of ours and every element is new, so neither
/// `createElement` nor `appendChild` can throw. The error type is uninhabited, so `?` on a
/// builder costs no code, where a real error branch in every builder call (dropping every
/// element made so far on the way out) once made up a large share of the engine's bytes.
pub type DomResult<T> = Result<T, core::convert::Infallible>;

#[wasm_bindgen]
extern "C" {
    /// The page's `window` (absent where there is none).
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Option<web_sys::Window>;
}

#[wasm_bindgen]
extern "C" {
    /// A document or a shadow root, as far as its adopted stylesheets go (the widgets' styles,
    /// the summary's print styles).
    pub type Adopter;
    /// The sheets it has adopted.
    #[wasm_bindgen(method, getter = adoptedStyleSheets)]
    pub fn sheets(this: &Adopter) -> js_sys::Array;
    /// Throws for a shadow root in another document (an element of a same-origin iframe's):
    /// the page's constructed sheet can't be shared with it.
    #[wasm_bindgen(method, catch, setter = adoptedStyleSheets)]
    pub fn set_sheets(this: &Adopter, list: &js_sys::Array) -> Result<(), JsValue>;
}

/// The page's window. web-sys's `window()` looks it up through js-sys's search of four globals
/// for whichever holds the global object, which is code of its own in the wasm and the glue.
pub fn window() -> Option<web_sys::Window> {
    WINDOW.with(Clone::clone)
}

#[wasm_bindgen]
extern "C" {
    // Calls on the window and on stylesheets that cannot throw as the engine makes them (an
    // element for `getComputedStyle`, fixed media queries, a stylesheet it constructed itself),
    // declared without web-sys's `catch` and its error branch at each call.
    #[wasm_bindgen(extends = web_sys::Window)]
    type Win;
    #[wasm_bindgen(method, js_name = getComputedStyle)]
    fn computed(this: &Win, el: &Element) -> Declarations;
    #[wasm_bindgen(method, js_name = matchMedia)]
    fn media(this: &Win, query: &str) -> Media;
    #[wasm_bindgen(method, js_name = print)]
    fn print_page(this: &Win);
    #[wasm_bindgen(method, getter, js_name = innerHeight)]
    fn height(this: &Win) -> f64;

    type Declarations;
    #[wasm_bindgen(method, js_name = getPropertyValue)]
    fn value(this: &Declarations, property: &str) -> String;

    type Media;
    #[wasm_bindgen(method, getter)]
    fn matches(this: &Media) -> bool;

    #[wasm_bindgen(extends = web_sys::CssStyleSheet)]
    type Sheet;
    #[wasm_bindgen(constructor, js_class = "CSSStyleSheet")]
    fn new() -> Sheet;
    #[wasm_bindgen(method, js_name = replaceSync)]
    fn fill(this: &Sheet, css: &str);
}

fn win() -> Option<Win> {
    window().map(JsCast::unchecked_into)
}

/// The computed value of a CSS property of `el` ("" where there is no window).
pub fn computed_style(el: &Element, property: &str) -> String {
    win()
        .map(|w| w.computed(el).value(property))
        .unwrap_or_default()
}

/// Whether the visitor asked their system for reduced motion.
pub fn reduced_motion() -> bool {
    win().is_some_and(|w| w.media("(prefers-reduced-motion: reduce)").matches())
}

/// The visitor's system choice of dark or light, to listen to for its `change`.
pub fn system_scheme() -> Option<web_sys::EventTarget> {
    win().map(|w| w.media("(prefers-color-scheme: dark)").unchecked_into())
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = win() {
        w.print_page();
    }
}

/// A constructed stylesheet holding `css`, for shadow roots and documents to adopt.
pub fn stylesheet(css: &str) -> web_sys::CssStyleSheet {
    let sheet = Sheet::new();
    sheet.fill(css);
    sheet.unchecked_into()
}

#[wasm_bindgen]
extern "C" {
    // The same calls as web-sys's and js-sys's, declared without `catch`: none can throw where
    // the engine makes them (fixed tags, attribute names, classes and selectors, fresh elements,
    // custom properties, objects of its own), so no error branch is compiled at each call.
    #[wasm_bindgen(extends = Node)]
    type Parent;
    #[wasm_bindgen(method, js_name = createElement)]
    fn make(this: &Parent, tag: &str) -> HtmlElement;
    #[wasm_bindgen(method, js_name = createElementNS)]
    fn make_ns(this: &Parent, ns: &str, tag: &str) -> Element;
    #[wasm_bindgen(method, js_name = appendChild)]
    fn put(this: &Parent, child: &Node);
    #[wasm_bindgen(method, js_name = append)]
    fn put_text(this: &Parent, text: &str);
    #[wasm_bindgen(method, js_name = focus)]
    fn focus_now(this: &Parent);
    #[wasm_bindgen(method, js_name = focus)]
    fn focus_with(this: &Parent, options: &js_sys::Object);
    #[wasm_bindgen(method, js_name = setSelectionRange)]
    fn select_range(this: &Parent, start: u32, end: u32);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    fn drop_attribute(this: &Parent, name: &str);
    #[wasm_bindgen(method, js_name = closest)]
    fn nearest(this: &Parent, selector: &str) -> Option<Element>;
    #[wasm_bindgen(method, js_name = getClientRects)]
    fn boxes(this: &Parent) -> js_sys::Array;
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn visible(this: &Parent, options: &js_sys::Object) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, js_name = getBoundingClientRect)]
    fn bounds(this: &Parent) -> Bounds;
    type Bounds;
    #[wasm_bindgen(method, getter)]
    fn top(this: &Bounds) -> f64;
    #[wasm_bindgen(method, getter)]
    fn bottom(this: &Bounds) -> f64;
    type Style;
    #[wasm_bindgen(method, getter, js_name = style)]
    fn style_of(this: &Parent) -> Style;
    #[wasm_bindgen(method, js_name = setProperty)]
    fn set_style_property(this: &Style, name: &str, value: &str);
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &str, value: &JsValue);
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attr(this: &Parent, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = removeChild)]
    fn take_child(this: &Parent, child: &Node);
    #[wasm_bindgen(method, js_name = insertBefore)]
    fn put_before(this: &Parent, node: &Node, before: Option<&Node>);
    #[wasm_bindgen(method, js_name = querySelector)]
    fn find_one(this: &Parent, selector: &str) -> Option<Element>;
    #[wasm_bindgen(method, js_name = querySelectorAll)]
    fn find_every(this: &Parent, selector: &str) -> NodeList;
    #[wasm_bindgen(method, getter, js_name = classList)]
    fn classes(this: &Parent) -> Classes;
    type Classes;
    #[wasm_bindgen(method, js_name = add)]
    fn add_token(this: &Classes, token: &str);
}

#[wasm_bindgen]
extern "C" {
    /// A value read for what it is by its own members, not by `instanceof`: `instanceof
    /// Element` is false for an element of another window (a same-origin iframe's, a
    /// picture-in-picture window's), where a widget may be mounted or moved, and its clicks and
    /// keys would go unheard.
    type Shape;
    #[wasm_bindgen(method, getter, js_name = nodeType)]
    fn node_type(this: &Shape) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn host(this: &Shape) -> Option<Element>;
    #[wasm_bindgen(method, getter)]
    fn key(this: &Shape) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = altKey)]
    fn alt_key(this: &Shape) -> Option<bool>;
    #[wasm_bindgen(method, getter, js_name = metaKey)]
    fn meta_key(this: &Shape) -> Option<bool>;
    #[wasm_bindgen(method, getter, js_name = isComposing)]
    fn composing(this: &Shape) -> Option<bool>;
    #[wasm_bindgen(method, getter, js_name = keyCode)]
    fn key_code(this: &Shape) -> Option<f64>;
    #[wasm_bindgen(method, getter, js_name = relatedTarget)]
    fn related(this: &Shape) -> JsValue;
}

/// `value` as an element, if it is one, of whichever window (see [`Shape`]).
pub fn element(value: &JsValue) -> Option<Element> {
    // (Read on an object only: a member of null, a focus going nowhere, would throw.)
    (value.is_object() && value.unchecked_ref::<Shape>().node_type() == Some(1.0))
        .then(|| value.clone().unchecked_into())
}

/// `node` as a shadow root, if it is one (a fragment with a host), of whichever window.
pub fn shadow_root(node: &Node) -> Option<web_sys::ShadowRoot> {
    let shape = node.unchecked_ref::<Shape>();
    (shape.node_type() == Some(11.0) && shape.host().is_some())
        .then(|| node.clone().unchecked_into())
}

/// The key of a key event (`KeyboardEvent.key`), of whichever window; `None` for another event
/// (a script's bare `new Event("keydown")`), and with Alt or Cmd (Meta) held: that is the
/// browser's or the system's shortcut (Alt+← and Cmd+← go back a page), not the widget's.
pub fn key(event: &web_sys::Event) -> Option<String> {
    let s = event.unchecked_ref::<Shape>();
    // A key that belongs to an input method still composing Chinese, Japanese or Korean text
    // (Safari says so only by the code 229, after the composition ends) is the method's own:
    // Enter there picks the characters, it does not save the note.
    if s.alt_key() == Some(true)
        || s.meta_key() == Some(true)
        || s.composing() == Some(true)
        || s.key_code() == Some(229.0)
    {
        return None;
    }
    s.key()
}

/// Where the focus goes in a `focusout` (`FocusEvent.relatedTarget`), if to an element.
pub fn focus_to(event: &web_sys::Event) -> Option<Element> {
    element(&event.unchecked_ref::<Shape>().related())
}

/// The element an event happened on, if an element (see [`element`]).
pub fn target(event: &web_sys::Event) -> Option<Element> {
    element(event.target()?.as_ref())
}

/// The first element under `root` that matches `selector`, one of the engine's own
/// (`querySelector` throws only on a selector that does not parse).
pub fn find(root: &Node, selector: &str) -> Option<Element> {
    root.unchecked_ref::<Parent>().find_one(selector)
}

/// Every element under `root` that matches `selector`, one of the engine's own (see [`find`]).
pub fn find_all(root: &Node, selector: &str) -> NodeList {
    root.unchecked_ref::<Parent>().find_every(selector)
}

/// Makes the headings under `root` one level deeper than their tags when `host` is a widget the
/// engine opened inside another (the check-in's exercise, the tracker's summary), so a screen
/// reader's list of headings nests it where it shows. The styles are written for the tags.
pub fn nest_headings(host: &Element, root: &Node) {
    // (Inside a shadow root: the page's own element of that class is not one.)
    if !matches!(host.class_name().as_str(), "inline-widget" | "summary-host")
        || shadow_root(&host.get_root_node()).is_none()
    {
        return;
    }
    let list = find_all(root, "h2, h3, h4");
    for i in 0..list.length() {
        let Some(h) = list.item(i) else { continue };
        let h: &Element = h.unchecked_ref();
        if let Some(&n) = h.tag_name().as_bytes().get(1) {
            if let Ok(level) = core::str::from_utf8(&[n + 1]) {
                set_attr(h, "aria-level", level);
            }
        }
    }
}

/// Sets an attribute: the engine's names are valid, so `setAttribute` never throws, and no
/// error branch is compiled at each call.
pub fn set_attr(el: &Element, name: &str, value: &str) {
    el.unchecked_ref::<Parent>().set_attr(name, value);
}

/// Adds a class of the engine's own (a valid token, so `classList.add` never throws).
pub fn add_class(el: &Element, class: &str) {
    el.unchecked_ref::<Parent>().classes().add_token(class);
}

/// Puts `node` first in `parent`.
pub fn put_first(parent: &Node, node: &Node) {
    parent
        .unchecked_ref::<Parent>()
        .put_before(node, parent.first_child().as_ref());
}

/// The nearest of `el` and its ancestors that matches `selector`, one of the engine's own
/// (`closest` throws only on a selector that does not parse).
pub fn closest(el: &Element, selector: &str) -> Option<Element> {
    el.unchecked_ref::<Parent>().nearest(selector)
}

/// A widget's own box (`.attune` in its shadow root): what is laid out and seen, where a page
/// may make the host `display: contents`. `None` before the widget is built.
pub fn widget_box(host: &Element) -> Option<Element> {
    host.shadow_root().and_then(|r| find(&r, ".attune"))
}

/// Whether a widget is laid out on the page: its box not under `display: none` (a closed
/// dialog, a `hidden` panel) nor skipped by `content-visibility` (`hidden="until-found"`), nor
/// its element in a closed `<details>` or under `visibility: hidden` (a closed off-canvas
/// panel). In a tab the visitor switched away from it still is.
/// (Its box, not its element, which a page may make `display: contents`.)
pub fn laid_out(host: &Element) -> bool {
    let base = widget_box(host);
    let el = base.as_ref().unwrap_or(host).unchecked_ref::<Parent>();
    // Content the browser skips (`hidden="until-found"`, an accordion's) keeps its boxes.
    el.boxes().length() > 0
        && el.visible(&js_sys::Object::new()).unwrap_or(true)
        && closest(host, "details:not([open])").is_none()
        && computed_style(host, "visibility") == "visible"
}

/// Whether the visitor can see a widget, to be sent to it: built (a widget still waiting for
/// its words has no box yet), and not hidden, invisible or transparent, nor skipped by
/// `content-visibility` (`hidden="until-found"`) or in a closed `<details>` it is slotted into;
/// as [`laid_out`] where the browser has no `checkVisibility`.
pub fn in_sight(host: &Element) -> bool {
    let Some(base) = widget_box(host) else {
        return false;
    };
    let options = js_sys::Object::new();
    set_field(&options, "visibilityProperty", &JsValue::TRUE);
    set_field(&options, "opacityProperty", &JsValue::TRUE);
    base.unchecked_ref::<Parent>()
        .visible(&options)
        .unwrap_or_else(|_| laid_out(host))
}

/// Removes an attribute (`removeAttribute` never throws).
pub fn unset(el: &Element, name: &str) {
    el.unchecked_ref::<Parent>().drop_attribute(name);
}

/// Enables a button, or disables it (greyed out where it stands, out of the Tab order).
pub fn enable(el: &Element, on: bool) {
    if on {
        unset(el, "disabled");
    } else {
        set_attr(el, "disabled", "");
    }
}

/// Sets a custom property of an element's own style (`--level`), which never throws.
pub fn set_var(el: &HtmlElement, name: &str, value: &str) {
    el.unchecked_ref::<Parent>()
        .style_of()
        .set_style_property(name, value);
}

/// Sets `key` on an object the engine made itself (an event's detail, an options object):
/// `Reflect.set` cannot throw there, so no error branch is compiled at each field.
pub fn set_field(object: &JsValue, key: &str, value: &JsValue) {
    reflect_set(object, key, value);
}

/// A JS array of small numbers, for event details (and a vibration's pattern).
pub fn numbers(values: &[u32]) -> JsValue {
    let array = js_sys::Array::new();
    for v in values {
        array.push(&JsValue::from(f64::from(*v)));
    }
    array.into()
}

/// Moves the focus to `el`. `focus()` never throws, so it is bound without `catch`, sparing an
/// error branch at each of the many places a widget moves the focus.
pub fn focus(el: &HtmlElement) {
    el.unchecked_ref::<Parent>().focus_now();
}

/// What had the focus in a widget's shadow root, to find its like in a view drawn again: a
/// control by its action (and value: one of a row of choices), else an element by its id.
#[derive(Debug)]
pub enum Focus {
    /// A control's `data-action` and `data-value`.
    Action(String, Option<String>),
    /// An element's `id` (a field, a heading).
    Id(String),
    /// Something with neither (the focus is in the widget all the same).
    Other,
}

/// What has the focus under `root`; `None` when nothing there has it.
pub fn focused(root: &web_sys::ShadowRoot) -> Option<Focus> {
    let el = root.active_element()?;
    if let Some(a) = el.get_attribute("data-action") {
        return Some(Focus::Action(a, el.get_attribute("data-value")));
    }
    let id = el.id();
    Some(if id.is_empty() {
        Focus::Other
    } else {
        Focus::Id(id)
    })
}

/// Puts the focus back on what `focus` names in a view drawn again under `root`, else (not
/// there, or hidden in this view) on the first match of `fallback`.
pub fn refocus(root: &web_sys::ShadowRoot, focus: Focus, fallback: &str) {
    let selector = match focus {
        Focus::Action(a, Some(v)) => ["[data-action=\"", &a, "\"][data-value=\"", &v, "\"]"].cat(),
        Focus::Action(a, None) => ["[data-action=\"", &a, "\"]"].cat(),
        Focus::Id(id) => ["#", &id].cat(),
        Focus::Other => fallback.to_string(),
    };
    for s in [&selector[..], fallback] {
        if let Some(el) = find(root, s) {
            self::focus(el.unchecked_ref());
        }
        if root.active_element().is_some() {
            return;
        }
    }
}

/// Scrolls `el` into view at `at` (gently, unless the visitor asked for less motion).
pub fn to_view(el: &web_sys::Element, at: web_sys::ScrollLogicalPosition) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(at);
    opts.set_behavior(if reduced_motion() {
        web_sys::ScrollBehavior::Auto
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Brings `el`, below the screen, just into view, as far as `keep` (above it) stays on the
/// screen too: with large text on a phone the two can be more than a screen apart, and then
/// `keep` goes to the screen's top, with as much below it as fits.
pub fn to_view_keeping(el: &Element, keep: &Element) {
    let Some(w) = win() else { return };
    let bottom = el.unchecked_ref::<Parent>().bounds().bottom();
    let room = w.height();
    if bottom <= room {
        return;
    }
    if bottom - keep.unchecked_ref::<Parent>().bounds().top() <= room {
        to_view(el, web_sys::ScrollLogicalPosition::Nearest);
    } else {
        to_view(keep, web_sys::ScrollLogicalPosition::Start);
    }
}

/// Moves the focus to `el` without scrolling it into view (the caller has scrolled already).
pub fn focus_in_place(el: &HtmlElement) {
    let options = js_sys::Object::new();
    set_field(&options, "preventScroll", &JsValue::TRUE);
    el.unchecked_ref::<Parent>().focus_with(&options);
}

/// Puts the caret at the end of a text field's value. On a text field it cannot throw.
pub fn caret_to_end(input: &web_sys::HtmlInputElement) {
    let end = input.value().encode_utf16().count() as u32;
    input.unchecked_ref::<Parent>().select_range(end, end);
}

/// Appends `child` to `parent`.
pub fn append(parent: &Node, child: &Node) {
    parent.unchecked_ref::<Parent>().put(child);
}

/// Appends a text node to `parent`.
pub fn append_text(parent: &Node, text: &str) {
    parent.unchecked_ref::<Parent>().put_text(text);
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Builds elements in one document.
#[derive(Debug, Clone)]
pub struct Builder {
    doc: Document,
}

impl Builder {
    /// A builder for the document that owns `node`.
    pub fn for_node(node: &Node) -> Option<Builder> {
        node.owner_document().map(|doc| Builder { doc })
    }

    /// `<tag class="class">`, appended to `parent`.
    pub fn el(&self, parent: &Node, tag: &str, class: &str) -> DomResult<HtmlElement> {
        let el = self.doc.unchecked_ref::<Parent>().make(tag);
        if !class.is_empty() {
            el.set_class_name(class);
        }
        append(parent, &el);
        Ok(el)
    }

    /// An SVG `<tag>` with attributes, appended to `parent`.
    pub fn svg(&self, parent: &Node, tag: &str, pairs: &[(&str, &str)]) -> Element {
        let el = self.doc.unchecked_ref::<Parent>().make_ns(SVG_NS, tag);
        attrs(&el, pairs);
        append(parent, &el);
        el
    }

    /// Like [`Builder::el`], with text content.
    pub fn text(
        &self,
        parent: &Node,
        tag: &str,
        class: &str,
        text: &str,
    ) -> DomResult<HtmlElement> {
        let el = self.el(parent, tag, class)?;
        el.set_text_content(Some(text));
        Ok(el)
    }

    /// [`Builder::put_text`] with a message of the catalog (see [`Builder::msg`]).
    pub fn put_msg(&self, parent: &Node, tag: &str, class: &str, lang: Lang, msg: Msg) {
        let _ = self.text(parent, tag, class, text(lang, msg));
    }
    /// [`Builder::text`] with a message of the catalog in `lang`. The call sites name the
    /// message, and its words are looked up here once, instead of at each of about 90 sites
    /// (0.5 KB gzip).
    pub fn msg(
        &self,
        parent: &Node,
        tag: &str,
        class: &str,
        lang: Lang,
        msg: Msg,
    ) -> DomResult<HtmlElement> {
        self.text(parent, tag, class, text(lang, msg))
    }
    /// [`Builder::put_button`] with a message of the catalog (see [`Builder::msg`]).
    pub fn put_msg_button(&self, parent: &Node, class: &str, lang: Lang, msg: Msg, action: &str) {
        let _ = self.button(parent, class, text(lang, msg), action);
    }
    /// [`Builder::button`] with a message of the catalog (see [`Builder::msg`]).
    pub fn msg_button(
        &self,
        parent: &Node,
        class: &str,
        lang: Lang,
        msg: Msg,
        action: &str,
    ) -> DomResult<HtmlElement> {
        self.button(parent, class, text(lang, msg), action)
    }

    /// [`Builder::text`] for an element nothing refers to later: the handle is dropped here,
    /// once, rather than at each of the 60 places that build one (0.15 KB gzip).
    pub fn put_text(&self, parent: &Node, tag: &str, class: &str, text: &str) {
        let _ = self.text(parent, tag, class, text);
    }

    /// [`Builder::button`] for a button nothing refers to later (see [`Builder::put_text`]).
    pub fn put_button(&self, parent: &Node, class: &str, text: &str, action: &str) {
        let _ = self.button(parent, class, text, action);
    }

    /// A `<button type="button">` with text and a `data-action` for the widget's one click
    /// listener to dispatch on.
    pub fn button(
        &self,
        parent: &Node,
        class: &str,
        text: &str,
        action: &str,
    ) -> DomResult<HtmlElement> {
        let b = self.text(parent, "button", class, text)?;
        attrs(
            &b,
            &[
                ("type", "button"),
                ("data-action", action),
                ("part", "button"),
            ],
        );
        Ok(b)
    }
}

/// Sets several attributes (see [`set_attr`]).
pub fn attrs(el: &Element, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        set_attr(el, k, v);
    }
}

/// Sets text only when it changed, to keep per-frame work near zero.
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Puts `words` in a status or alert line so that they are heard even when the line says them
/// already (a second save of a note, a second press of a button that asks for a choice): the
/// same words come back with a no-break space, and a screen reader hears a change.
pub fn say_again(el: &Element, words: &str) {
    if el.text_content().as_deref() == Some(words) {
        set_text(el, &[words, "\u{a0}"].cat());
    } else {
        set_text(el, words);
    }
}

/// [`set_text`] with a message of the catalog in `lang` (see [`Builder::msg`]).
pub fn set_msg(el: &Element, lang: Lang, msg: Msg) {
    set_text(el, text(lang, msg));
}

/// Shows or hides an element.
pub fn show(el: &HtmlElement, visible: bool) {
    if el.hidden() == visible {
        el.set_hidden(!visible);
    }
}

/// Removes every child of a node.
pub fn clear(node: &Node) {
    while let Some(child) = node.first_child() {
        node.unchecked_ref::<Parent>().take_child(&child);
    }
}

/// A 0-10 scale of buttons (each `data-action=action`, `data-value=n`, `aria-pressed`), with
/// its two end labels read to screen readers on the end buttons and shown under the row.
/// Used wherever a widget asks an optional "how ... now?" question; nothing is ever scored.
pub fn scale(
    b: &Builder,
    parent: &Node,
    labelled_by: &str,
    low: &str,
    high: &str,
    action: &str,
) -> DomResult<Vec<HtmlElement>> {
    let row = b.el(parent, "div", "scale")?;
    attrs(
        &row,
        &[
            ("role", "toolbar"),
            ("aria-labelledby", labelled_by),
            ("part", "scale"),
        ],
    );
    let mut points = Vec::new();
    for v in 0..=10u64 {
        let label = crate::core::num::uint(v);
        let btn = b.button(&row, "point", &label, action)?;
        attrs(&btn, &[("data-value", &label)]);
        match v {
            0 => attrs(&btn, &[("aria-label", low)]),
            10 => attrs(&btn, &[("aria-label", high)]),
            _ => {}
        }
        points.push(btn);
    }
    let ends = b.el(parent, "div", "scale-ends")?;
    attrs(&ends, &[("aria-hidden", "true")]);
    b.put_text(&ends, "span", "", low);
    b.put_text(&ends, "span", "", high);
    press(&points, None);
    Ok(points)
}

/// Marks the chosen point of a row of choices (a [`scale`], the check-in's line), or none. The
/// row is one Tab stop (see [`super::kit::widget_keys`]): the chosen point, else the first.
pub fn press(points: &[HtmlElement], chosen: Option<u32>) {
    let stop = chosen.map_or(0, |c| c as usize);
    for (i, p) in points.iter().enumerate() {
        let on = chosen.is_some_and(|c| c as usize == i);
        attrs(
            p,
            &[
                ("aria-pressed", if on { "true" } else { "false" }),
                ("tabindex", if i == stop { "0" } else { "-1" }),
            ],
        );
    }
}

/// The optional question at the end of an exercise ("how at ease is your body now?"): a box
/// holding the question (focusable, so focus can be moved to it), a [`scale`] and a Skip button.
#[derive(Debug)]
pub struct EndQuestion {
    /// The box, to show or hide.
    pub panel: HtmlElement,
    /// The question line.
    pub question: HtmlElement,
    /// The 0-10 buttons.
    pub points: Vec<HtmlElement>,
}

/// The end of a scan's summary, as the scans show it: the optional question, the thanks said
/// once it is answered (hidden until then), and the row for the caller's buttons.
#[derive(Debug)]
pub struct SummaryEnd {
    /// The question's box, when the site asks it.
    pub rating: Option<HtmlElement>,
    /// Its 0-10 buttons (none without the question).
    pub points: Vec<HtmlElement>,
    /// The thanks line.
    pub thanks: HtmlElement,
    /// The row of controls.
    pub controls: HtmlElement,
}

/// Builds a [`SummaryEnd`] in `parent`. `ask` is the question's id and messages (see
/// [`end_question`]; its Skip carries `rate-skip`), `None` when the site turned it off.
pub fn summary_end(
    b: &Builder,
    parent: &Node,
    lang: Lang,
    ask: Option<(&str, [Msg; 3])>,
) -> DomResult<SummaryEnd> {
    let (rating, points) = match ask {
        Some((id, words)) => {
            let q = end_question(b, parent, id, lang, words, "rate-skip")?;
            (Some(q.panel), q.points)
        }
        None => (None, Vec::new()),
    };
    let thanks = b.msg(parent, "p", "thanks", lang, Msg::Thanks)?;
    thanks.set_hidden(true);
    let controls = b.el(parent, "div", "controls")?;
    attrs(&controls, &[("part", "controls")]);
    Ok(SummaryEnd {
        rating,
        points,
        thanks,
        controls,
    })
}

/// Builds an [`EndQuestion`]: `id` names the question for the scale's label, `ask` gives
/// the question and the scale's two ends; the scale's buttons carry `data-action="rate"`,
/// Skip carries `skip_action`.
pub fn end_question(
    b: &Builder,
    parent: &Node,
    id: &str,
    lang: Lang,
    ask: [Msg; 3],
    skip_action: &str,
) -> DomResult<EndQuestion> {
    let [question, low, high] = ask.map(|m| text(lang, m));
    let skip = text(lang, Msg::Skip);
    let panel = b.el(parent, "div", "rating")?;
    let q = b.text(&panel, "p", "question", question)?;
    attrs(&q, &[("id", id), ("tabindex", "-1")]);
    let points = scale(b, &panel, id, low, high, "rate")?;
    b.put_button(&panel, "quiet", skip, skip_action);
    Ok(EndQuestion {
        panel,
        question: q,
        points,
    })
}
