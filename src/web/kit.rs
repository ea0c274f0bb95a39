//! The widgets' shared kit: what every widget's view is built with and shows the same way.
//!
//! It sits below the widgets and knows none of them: the context a view is built in ([`Ctx`]),
//! the heading, the state on the host, the care footer and its contact, the storage notice, the
//! click dispatch helpers, and the shape every view has ([`WidgetView`]). The mount layer above
//! the widgets builds the context and hands it down, with an [`Opener`] for the one widget that
//! opens another inside itself (the check-in), so no widget imports the mount layer.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::clock::Interval;
use super::dom::{
    add_class, append_text, attrs, clear, closest, set_attr, set_text, show, unset, Builder,
    DomResult,
};
use super::events::{Listener, Pending};
use crate::core::i18n::{text, Lang, Msg};
use crate::core::options::{Common, RawOptions};

/// A widget's whole runtime (listeners, loops, timers, sound), held to be dropped: dropping the
/// view is unmounting it. It also shows the options that change in place (see
/// [`crate::core::options::SHOWN_IN_PLACE`]) where the widget draws them itself; the box's theme
/// and the care footer are the mount's own business.
pub trait WidgetView {
    /// Shows changed contacts (`support-*`, `crisis-*`) where this widget draws them besides
    /// the care footer. Runs no page code (fires no events): the mount fires them afterwards.
    fn show_contacts(&self, _common: &Common) {}

    /// A widget this one opened inside itself (the check-in's exercise opened inline), which
    /// follows this one's theme and contacts.
    fn nested(&self) -> Option<Box<dyn Nested>> {
        None
    }
}

/// What each widget module's `mount` returns: its view and the events to fire once it is placed.
pub type MountResult = DomResult<(Box<dyn WidgetView>, Vec<Pending>)>;

/// What a widget's state tells the mount layer through its [`View`]. Every method has a
/// default: most widgets have nothing running on its own and nothing opened inside them.
pub trait Widget {
    /// Stops what runs on its own (a session with its clock and sound, an exercise opened
    /// inside it, a print mark) as the widget is unmounted; its listeners go right after.
    fn unmounting(&mut self) {}
    /// Shows changed contacts where the widget draws them itself (see
    /// [`WidgetView::show_contacts`]).
    fn contacts_changed(&mut self, _common: &Common) {}
    /// A widget opened inside this one (see [`WidgetView::nested`]).
    fn inner(&self) -> Option<Box<dyn Nested>> {
        None
    }
}

/// A mounted widget, whichever it is: its state, the listeners that reach the state and the
/// timer that wakes it, held until it is unmounted. Dropping it is unmounting it.
pub struct View<S: Widget> {
    state: Rc<RefCell<S>>,
    _listeners: Vec<Listener>,
    _ticker: Option<Interval>,
}

impl<S: Widget + 'static> View<S> {
    /// The mount result for `state`, kept alive by `listeners` and woken by `ticker`, with the
    /// events to fire once placed.
    pub fn mounted(
        state: Rc<RefCell<S>>,
        listeners: Vec<Listener>,
        ticker: Option<Interval>,
        events: Vec<Pending>,
    ) -> MountResult {
        let view = View {
            state,
            _listeners: listeners,
            _ticker: ticker,
        };
        Ok((Box::new(view), events))
    }
}

impl<S: Widget> WidgetView for View<S> {
    fn show_contacts(&self, common: &Common) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.contacts_changed(common);
        }
    }

    fn nested(&self) -> Option<Box<dyn Nested>> {
        self.state.try_borrow().ok()?.inner()
    }
}

impl<S: Widget> Drop for View<S> {
    fn drop(&mut self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.unmounting();
        }
    }
}

impl<S: Widget> core::fmt::Debug for View<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("View").finish_non_exhaustive()
    }
}

/// Fires what a widget kept as it was removed (its `attune:entry`), once the removal is over:
/// a page listener may mount again on the same element, which must not meet it half-way. On an
/// element removed from the page, the document hears it too.
pub fn fire_after(host: &HtmlElement, events: Vec<Pending>) {
    if events.is_empty() {
        return;
    }
    // An exercise the check-in opened inside itself goes with its container: then the
    // check-in, which its events would have reached, is told.
    let outer = super::dom::shadow_root(&host.get_root_node()).map(|r| r.host());
    let host: web_sys::Element = host.clone().into();
    super::events::microtask(Box::new(move |_| {
        let gone = !host.is_connected();
        super::events::fire(outer.filter(|_| gone).as_ref().unwrap_or(&host), events);
    }));
}

/// Whether the page `host` is on is hidden: another tab in front, or the tab closing (a
/// record kept then is written at once: a lock asked for would be granted too late).
pub fn page_hidden(host: &HtmlElement) -> bool {
    host.owner_document().is_some_and(|d| d.hidden())
}

/// A widget opened inside another one (the check-in's exercise), as the mount layer made it.
pub trait Nested {
    /// Takes on the outer widget's look and contacts (see [`look_options`]), in place.
    fn follow_look(&self, common: &Common);
    /// Another handle on the same widget, for passing the look on; only the opener's own
    /// handle unmounts it.
    fn share(&self) -> Box<dyn Nested>;
    /// Removes it: every listener, frame and timer it had goes with it.
    fn unmount(self: Box<Self>);
}

/// How a widget asks the mount layer to open another one inside it: the mount layer stands
/// above the widgets, so it hands this down instead of being imported.
pub type Opener = fn(HtmlElement, String, RawOptions) -> Box<dyn Nested>;

/// How a widget asks the mount layer for a widget of a kind running in a document or shadow
/// root (`scope`) that passes a test of its element and the options it runs with.
pub type Others = fn(
    &web_sys::Node,
    &str,
    &dyn Fn(&web_sys::Element, &RawOptions) -> bool,
) -> Option<web_sys::Element>;

/// Things every widget shows the same way, handed to a widget's view when it is built.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The element the page placed.
    pub host: &'a HtmlElement,
    /// The widget's box inside the shadow root.
    pub base: &'a HtmlElement,
    /// Builds elements.
    pub build: &'a Builder,
    /// The common options.
    pub common: &'a Common,
    /// Opens another widget inside this one (the check-in's exercise).
    pub open: Opener,
    /// The widgets of a kind running beside this one (the check-in's "on this page").
    pub others: Others,
    /// The care footer's contact, once [`care_footer`] made it, for the mount to keep.
    footer: RefCell<Option<Contact>>,
}

impl<'a> Ctx<'a> {
    /// What a widget is built with: its host, its box, the builder, the common options, and how
    /// to open another widget inside it or find one beside it.
    pub fn new(
        host: &'a HtmlElement,
        base: &'a HtmlElement,
        build: &'a Builder,
        common: &'a Common,
        (open, others): (Opener, Others),
    ) -> Ctx<'a> {
        Ctx {
            host,
            base,
            build,
            common,
            open,
            others,
            footer: RefCell::new(None),
        }
    }

    /// The care footer's contact, for the mount to keep up to date.
    pub fn take_footer(&self) -> Option<Contact> {
        self.footer.try_borrow_mut().ok().and_then(|mut f| f.take())
    }

    /// The language of the widget.
    pub fn lang(&self) -> Lang {
        self.common.lang
    }

    /// Every widget's opening: its class on the box, the title (`part="title"`), an optional
    /// sub-line (text and part name), and the intro. Returns the intro, which some widgets update.
    pub fn head(
        &self,
        class: &str,
        title: Msg,
        sub: Option<(&str, &str)>,
        intro: Msg,
    ) -> DomResult<HtmlElement> {
        let (b, lang) = (self.build, self.lang());
        add_class(self.base, class);
        let head = b.el(self.base, "div", "head")?;
        let t = b.msg(&head, "h2", "title", lang, title)?;
        // (Focusable from script: where the focus goes when a widget is built again.)
        attrs(&t, &[("part", "title"), ("tabindex", "-1")]);
        if let Some((line, part)) = sub {
            let s = b.text(&head, "p", "sub", line)?;
            attrs(&s, &[("part", part)]);
        }
        b.msg(&head, "p", "intro", lang, intro)
    }
}

/// Sets the host's `data-state` (and, when given, `data-phase`; `None` removes it).
pub fn reflect_state(host: &HtmlElement, state: &str, phase: Option<&str>) {
    if host.get_attribute("data-state").as_deref() != Some(state) {
        set_attr(host, "data-state", state);
    }
    match phase {
        Some(p) if host.get_attribute("data-phase").as_deref() != Some(p) => {
            set_attr(host, "data-phase", p);
        }
        None if host.has_attribute("data-phase") => {
            unset(host, "data-phase");
        }
        _ => {}
    }
}

/// A contact inside a line of words ("Contact {support}"): the site's support contact or a
/// crisis line, a live link when the option parser let a safe one through (see
/// [`crate::core::options::safe_link`]), plain words otherwise. Kept with the view so a changed
/// option updates it in place: a link that stays a link is the same element, so the focus on it
/// stays too.
#[derive(Debug)]
pub struct Contact {
    line: HtmlElement,
    template: &'static str,
    slot: &'static str,
    class: &'static str,
    words: Option<HtmlElement>,
}

impl Contact {
    /// An empty contact in `line`. `template` holds `slot` (such as `{support}`) where the
    /// contact's words go; `class` is the class of the words and, on a link, its part name.
    pub fn new(
        line: HtmlElement,
        template: &'static str,
        slot: &'static str,
        class: &'static str,
    ) -> Contact {
        show(&line, false);
        Contact {
            line,
            template,
            slot,
            class,
            words: None,
        }
    }

    /// Shows `words`, linked to `href` when there is one. Without words the line is emptied
    /// and hidden: no stray "Contact" for the page's text or a screen reader to find.
    pub fn show(&mut self, b: &Builder, words: Option<&str>, href: Option<&str>) -> DomResult<()> {
        let Some(words) = words else {
            clear(&self.line);
            self.words = None;
            show(&self.line, false);
            return Ok(());
        };
        let tag = if href.is_some() { "a" } else { "span" };
        let el = match &self.words {
            Some(el) if el.tag_name().eq_ignore_ascii_case(tag) => el.clone(),
            _ => {
                clear(&self.line);
                let (before, after) = around(self.template, self.slot);
                append_text(&self.line, before);
                let el = b.el(&self.line, tag, self.class)?;
                append_text(&self.line, after);
                self.words = Some(el.clone());
                el
            }
        };
        set_text(&el, &crate::core::records::numbers_in_order(words));
        if let Some(href) = href {
            // A page opens in a tab of its own, so the exercise stays.
            let web = crate::core::options::web_link(href);
            attrs(
                &el,
                &[
                    ("href", href),
                    ("part", self.class),
                    ("target", if web { "_blank" } else { "" }),
                    ("rel", "noopener"),
                ],
            );
        }
        show(&self.line, true);
        Ok(())
    }
}

/// The text before and after `slot` in `template` (all of it before, when `slot` is not in it).
/// A plain search: `str::split_once` with a text pattern would bring the standard library's
/// substring searcher into the engine, with its panic messages and their Unicode tables.
fn around<'a>(template: &'a str, slot: &str) -> (&'a str, &'a str) {
    let at = (!slot.is_empty())
        .then(|| {
            template
                .as_bytes()
                .windows(slot.len())
                .position(|w| w == slot.as_bytes())
        })
        .flatten();
    match at.and_then(|i| Some((template.get(..i)?, template.get(i + slot.len()..)?))) {
        Some(parts) => parts,
        None => (template, ""),
    }
}

/// The words for the site's support contact: its `support-text`, else "Support" when there is
/// only a link; `None` when the site gave no contact.
pub fn support_words(common: &Common, lang: Lang) -> Option<&str> {
    match (&common.support_text, &common.support_href) {
        (Some(t), _) => Some(t),
        (None, Some(_)) => Some(text(lang, Msg::SupportDefault)),
        (None, None) => None,
    }
}

/// The quiet line every widget ends with: these exercises support, not replace, care; and the
/// site's own support contact where one is given. Only safe links reach here. A `div`, not a
/// `<footer>`: straight in a page's body, each widget's footer would be another landmark for
/// the whole page (`contentinfo`), which screen readers list beside the page's own.
pub fn care_footer(ctx: &Ctx<'_>) -> DomResult<()> {
    let contact = footer_in(ctx.build, ctx.base, ctx.common)?;
    if let Ok(mut slot) = ctx.footer.try_borrow_mut() {
        *slot = Some(contact);
    }
    Ok(())
}

/// The crisis line (`crisis-text`, `crisis-href`) in `parent`, hidden until [`show_crisis`]
/// gives it words: the check-in's safety panel has one, and so has any widget's error box.
pub fn crisis_line(b: &Builder, parent: &HtmlElement, lang: Lang) -> DomResult<Contact> {
    let line = b.el(parent, "p", "contact crisis-line")?;
    Ok(Contact::new(
        line,
        text(lang, Msg::ContactCrisis),
        "{crisis}",
        "crisis",
    ))
}

/// Shows the crisis line of `common` in `crisis` (a line made by [`crisis_line`]).
pub fn show_crisis(crisis: &mut Contact, b: &Builder, common: &Common) {
    let href = common.crisis_href.as_deref();
    let words = crate::core::check_in::crisis_words(common.crisis_text.as_deref(), href);
    let _ = crisis.show(b, words, href);
}

/// The care footer at the end of `base` (a widget's, or an error box's); returns its contact.
pub fn footer_in(b: &Builder, base: &HtmlElement, common: &Common) -> DomResult<Contact> {
    let lang = common.lang;
    let footer = b.el(base, "div", "footer")?;
    attrs(&footer, &[("part", "footer")]);
    let p = b.msg(&footer, "p", "", lang, Msg::NotCare)?;
    let line = b.el(&p, "span", "contact-line")?;
    let mut contact = Contact::new(line, " {support}", "{support}", "support");
    contact.show(
        b,
        support_words(common, lang),
        common.support_href.as_deref(),
    )?;
    Ok(contact)
}

/// The options shown in place, as a widget opened inside another one is given them: the values
/// the outer one accepted, so nothing refused is passed on (`None` removes the option).
pub fn look_options(common: &Common) -> [(&'static str, Option<String>); 5] {
    [
        // Without a theme of its own the outer widget follows the page; so does the inner one.
        (
            "theme",
            (common.theme != crate::core::options::Theme::Page)
                .then(|| common.theme.id().to_string()),
        ),
        ("support-text", common.support_text.clone()),
        ("support-href", common.support_href.clone()),
        ("crisis-text", common.crisis_text.clone()),
        ("crisis-href", common.crisis_href.clone()),
    ]
}

/// The options a widget opened inside another one starts from: the outer one's language,
/// storage and namespace (so both read the same records), and its look and contacts.
pub fn nested_options(common: &Common) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("lang".to_string(), common.lang.tag().to_string()),
        ("storage".to_string(), common.storage.id().to_string()),
        ("storage-key".to_string(), common.storage_key.clone()),
    ];
    for (name, value) in look_options(common) {
        if let Some(v) = value {
            pairs.push((name.to_string(), v));
        }
    }
    pairs
}

/// Reads the value of an `<input>`-less element attribute as a number, for delegated clicks.
pub fn data_value(el: &web_sys::Element) -> Option<u32> {
    let v = crate::core::num::parse_decimal(&el.get_attribute("data-value")?)?;
    (crate::core::num::fract(v) == 0.0 && v <= 10.0).then_some(v as u32)
}

/// The nearest element (the target itself or an ancestor inside the widget) with a
/// `data-action`, for the one click listener each widget has.
pub fn action_of(event: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    action_at(&super::dom::target(event)?)
}

/// The nearest of `el` and its ancestors with a `data-action`: the action and that element.
pub fn action_at(el: &web_sys::Element) -> Option<(String, web_sys::Element)> {
    let el = closest(el, "[data-action]")?;
    Some((el.get_attribute("data-action")?, el))
}

/// A widget's one click listener on its base: a click on (or inside) an element with a
/// `data-action` hands the action and that element to `f`, with the widget's state.
///
/// The second click of a double click is dropped: the first often puts new controls where the
/// visitor pressed ("Start a plan", then the first cue; Start, then Pause), and the second would
/// choose for them. A control meant to be pressed again and again quickly (counting "Noticed
/// one") carries `data-repeat`, and every click on it counts.
pub fn on_actions<S: super::events::Queued + 'static>(
    base: &web_sys::Node,
    weak: &alloc::rc::Weak<RefCell<S>>,
    f: fn(&mut S, &str, &web_sys::Element),
) -> Listener {
    let w = weak.clone();
    Listener::new(base, "click", move |e| {
        if let Some((action, el)) = meant(&e) {
            super::events::with_state(&w, |s| f(s, &action, &el));
        }
    })
}

/// [`action_of`] a click the visitor meant (see [`on_actions`]). Apart from the generic
/// listener, so it is compiled once for every widget.
fn meant(e: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    let (action, el) = action_of(e)?;
    if e.unchecked_ref::<Clicked>().detail() > 1.0 && !el.has_attribute("data-repeat") {
        return None;
    }
    Some((action, el))
}

#[wasm_bindgen]
extern "C" {
    /// A click, for its count of quick clicks in one place (`UIEvent.detail`: 0 from the
    /// keyboard or a script, 2 for the second click of a double click; NaN for a bare `Event`).
    type Clicked;
    #[wasm_bindgen(method, getter)]
    fn detail(this: &Clicked) -> f64;
}

/// Whether a key event comes from a control that has its own use for Space (a button, a link,
/// a field), so a widget's own Space shortcut leaves it alone.
pub fn on_control(event: &web_sys::Event) -> bool {
    super::dom::target(event)
        .is_some_and(|t| matches!(t.tag_name().as_str(), "BUTTON" | "A" | "INPUT"))
}

/// The keys every widget answers alike, heard once on its shadow root (the mount layer holds
/// the listener):
/// - Escape in a confirm step ("Delete everything", deleting an entry, "Start afresh") answers it
///   as its cancel button does: the button beside the focus marked `data-escape`, clicked. In a
///   panel a button opened (`aria-controls`, `aria-expanded`), it closes it by that button.
/// - A row of choices (`role="toolbar"`: a 0-10 scale, the check-in's line) is one Tab stop:
///   the arrow keys, Home and End move between its points, stopping at its ends (mirrored in a
///   right-to-left language), and the point moved to is the row's Tab stop; a point is chosen
///   only when pressed.
pub fn widget_keys(root: &web_sys::Node) -> Listener {
    Listener::new(root, "keydown", |e| {
        let (Some(k), Some(t)) = (super::dom::key(&e), super::dom::target(&e)) else {
            return;
        };
        let Some(row) = t.parent_element() else {
            return;
        };
        let to = if k == "Escape" {
            super::dom::find(row.as_ref(), "[data-escape]").or_else(|| {
                // Inside a panel a button opened (the check-in's "I'm not safe right now"):
                // that button, which closes it.
                let panel = super::dom::closest(&t, "[id]")?;
                let opener = ["[aria-expanded=true][aria-controls=", &panel.id(), "]"].cat();
                super::dom::find(&t.get_root_node(), &opener)
            })
        } else if row.get_attribute("role").as_deref() == Some("toolbar") {
            let rtl = super::dom::computed_style(&row, "direction") == "rtl";
            let forward = match k.as_str() {
                "ArrowRight" => Some(!rtl),
                "ArrowLeft" => Some(rtl),
                "ArrowDown" => Some(true),
                "ArrowUp" => Some(false),
                _ => None,
            };
            match (k.as_str(), forward) {
                ("Home", _) => row.first_element_child(),
                ("End", _) => row.last_element_child(),
                (_, Some(true)) => t.next_element_sibling(),
                (_, Some(false)) => t.previous_element_sibling(),
                _ => return,
            }
        } else {
            return;
        };
        let Some(to) = to else { return };
        e.prevent_default();
        let to: HtmlElement = to.unchecked_into();
        if k == "Escape" {
            to.click();
        } else {
            set_attr(&t, "tabindex", "-1");
            set_attr(&to, "tabindex", "0");
            super::dom::focus(&to);
        }
    })
}

/// Says, inside the widget, what the visitor should know about their records, if anything:
/// history won't be kept, new entries can't be kept right now, or something stored was kept
/// aside; and keeps saying what is true when that changes later (a write fails, storage
/// recovers). Returns the line.
pub fn storage_notice<T>(
    ctx: &Ctx<'_>,
    vault: &super::storage::Vault<T>,
) -> DomResult<HtmlElement> {
    let p = ctx.build.el(ctx.base, "p", "notice")?;
    attrs(&p, &[("role", "status"), ("part", "notice")]);
    set_notice(ctx.lang(), &p, vault.notice());
    vault.on_notice(notice_hook(ctx.lang(), &p, Vec::new()));
    Ok(p)
}

/// Keeps a line made by [`storage_notice`] current when a vault's notice changes later, and
/// the `confirms` lines too, where they confirm a save ([`confirm`]): a write refused after
/// "Saved" was said (it lands a moment later, under the lock) changes what they say.
pub fn notice_hook(
    lang: Lang,
    line: &HtmlElement,
    confirms: Vec<HtmlElement>,
) -> super::storage::NoticeHook {
    let line = line.clone();
    alloc::rc::Rc::new(move |notice| {
        set_notice(lang, &line, notice);
        for c in &confirms {
            let said = c.text_content().unwrap_or_default();
            let said = said.trim_end();
            if let Some((kept, _)) = CONFIRMS
                .iter()
                .find(|(k, h)| said == text(lang, *k) || said == text(lang, *h))
            {
                // Only when the words change: the same ones again would be heard again.
                let now = text(lang, confirm_msg(*kept, notice));
                if now != said {
                    set_text(c, now);
                }
            }
        }
    })
}

/// The words that confirm a save or a deletion, each with the words for when storage refuses
/// the write (a full quota, storage switched off, a newer version's data): the change holds
/// while the page stays open, not after.
const CONFIRMS: [(Msg, Msg); 3] = [
    (Msg::Saved, Msg::SavedHere),
    (Msg::PleasureSavedWarm, Msg::PleasureSavedHere),
    (Msg::EntryDeleted, Msg::EntryDeletedHere),
];

/// Says on `line` that a record was saved: `kept` (one of [`CONFIRMS`]), or its words for a
/// write that storage refuses, by the vault's `notice`.
pub fn confirm(lang: Lang, line: &HtmlElement, kept: Msg, notice: Option<super::storage::Notice>) {
    super::dom::say_again(line, text(lang, confirm_msg(kept, notice)));
}

/// `kept`, or its words for a write that storage refuses (see [`CONFIRMS`]).
fn confirm_msg(kept: Msg, notice: Option<super::storage::Notice>) -> Msg {
    use super::storage::Notice;
    let refused = matches!(
        notice,
        Some(Notice::NotSaved | Notice::NotKept | Notice::Newer)
    );
    CONFIRMS
        .iter()
        .find(|(k, _)| *k == kept)
        .filter(|_| refused)
        .map_or(kept, |(_, here)| *here)
}

/// Updates a line made by [`storage_notice`].
pub fn set_notice(lang: Lang, line: &HtmlElement, notice: Option<super::storage::Notice>) {
    use super::storage::Notice;
    let msg = match notice {
        None => None,
        Some(Notice::NotKept) => Some(Msg::StorageUnavailable),
        Some(Notice::NotSaved) => Some(Msg::StorageFull),
        Some(Notice::KeptAside) => Some(Msg::StorageDamaged),
        Some(Notice::Newer) => Some(Msg::StorageNewer),
    };
    set_text(line, msg.map(|m| text(lang, m)).unwrap_or(""));
    show(line, msg.is_some());
}
