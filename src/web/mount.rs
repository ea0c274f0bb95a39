//! Mounting: one open shadow root per widget, the shared stylesheet, options in, errors shown.
//!
//! A [`WidgetHandle`] owns everything a widget made: its view (listeners, frame loop, timers,
//! sound) lives in one value, and unmounting is dropping it. Changing an option rebuilds the view
//! from the new configuration, which is what makes a live attribute change take effect; except
//! the options that only change the look and the contacts offered (`theme`, `support-*`,
//! `crisis-*`), which are shown in place, so a page restyling itself never restarts a visitor's
//! breathing or drops words they were typing.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::dom::{attrs, clear, set_text, show, Builder, DomResult};
use super::events::{fire, Detail, Pending};
use super::{body_scan, breathing, check_in, grounding, plan, pleasure};
use crate::core::i18n::{describe_error, text, Lang, Msg};
use crate::core::options::{
    shown_in_place, Common, Config, OptionError, RawOptions, Theme, WidgetConfig, WidgetKind,
};

/// The CSS of every widget (`src/web/css/`, joined and minified by `build.rs`), adopted by each
/// shadow root as one shared constructable sheet.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/attune.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// The widgets mounted on this page, to find one by its host when a call into it broke.
    static LIVE: RefCell<Vec<std::rc::Weak<Mounted>>> = const { RefCell::new(Vec::new()) };
}

/// Starts afresh a widget whose state a broken call left unusable (see
/// [`super::events::Call`]), says so inside it, and tells the page (`attune:error`, code
/// `internal`). What was stored is untouched; what was typed and not saved is gone.
fn recover(host: &HtmlElement) {
    let found = LIVE.with(|l| {
        l.try_borrow().ok().and_then(|l| {
            l.iter()
                .filter_map(std::rc::Weak::upgrade)
                .find(|m| &m.host == host)
        })
    });
    let Some(m) = found else { return };
    web_sys::console::warn_1(
        &"Attune: something went wrong inside an exercise; it was started afresh.".into(),
    );
    m.rebuild();
    let raw = m.raw.try_borrow().map(|r| r.clone()).unwrap_or_default();
    let lang = Config::lang_for_errors(&raw, m.page_lang().as_deref());
    if let Some(base) = m.shadow.first_element_child() {
        if let Ok(p) = m.build.el(&base, "p", "notice") {
            attrs(&p, &[("role", "status"), ("part", "notice")]);
            set_text(&p, text(lang, Msg::Restarted));
            let _ = base.insert_before(&p, base.first_child().as_ref());
        }
    }
    let widget = WidgetKind::parse(&m.widget)
        .map(|k| k.as_str())
        .unwrap_or("unknown");
    let detail = Detail::new(widget).text("code", "internal");
    fire(&m.host, vec![Pending::new("attune:error", detail)]);
}

/// Gives a shadow root the widgets' styles: a constructable stylesheet where the browser has
/// them (allowed by a strict `style-src`), else a `<style>` element.
fn adopt_styles(root: &ShadowRoot, build: &Builder) {
    let sheet = SHEET.with(|s| {
        let mut s = s.try_borrow_mut().ok()?;
        if s.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            *s = Some(sheet);
        }
        s.clone()
    });
    match sheet {
        Some(sheet) => root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        None => {
            let _ = build.text(root, "style", "", CSS);
        }
    }
}

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
    fn nested(&self) -> Option<WidgetHandle> {
        None
    }
}

/// What each widget module's `mount` returns: its view and the events to fire once it is placed.
pub type MountResult = DomResult<(Box<dyn WidgetView>, Vec<Pending>)>;

/// What a widget is showing: the configuration it was built from, its box, the care footer's
/// contact, and its view. The first three are what an option shown in place changes.
struct Shown {
    config: Config,
    base: HtmlElement,
    footer: Option<Contact>,
    view: Box<dyn WidgetView>,
}

struct Mounted {
    host: HtmlElement,
    shadow: ShadowRoot,
    build: Builder,
    widget: String,
    raw: RefCell<RawOptions>,
    /// `None` while the widget shows an error instead.
    shown: RefCell<Option<Shown>>,
}

/// A mounted widget, as the loader holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    inner: Option<Rc<Mounted>>,
}

impl std::fmt::Debug for WidgetHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WidgetHandle")
            .field("mounted", &self.inner.is_some())
            .finish()
    }
}

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
    /// The care footer's contact, once [`care_footer`] made it, for the mount to keep.
    footer: RefCell<Option<Contact>>,
}

impl Ctx<'_> {
    /// The language of the widget.
    pub fn lang(&self) -> Lang {
        self.common.lang
    }

    /// Every widget's opening: its class on the box, the title (`part="title"`), an optional
    /// sub-line (text and part name), and the intro. Returns the intro, which some widgets update.
    pub fn head(
        &self,
        class: &str,
        title: &str,
        sub: Option<(&str, &str)>,
        intro: &str,
    ) -> DomResult<HtmlElement> {
        let b = self.build;
        self.base.class_list().add_1(class).ok();
        let head = b.el(self.base, "div", "head")?;
        let t = b.text(&head, "h2", "title", title)?;
        attrs(&t, &[("part", "title")]);
        if let Some((line, part)) = sub {
            let s = b.text(&head, "p", "sub", line)?;
            attrs(&s, &[("part", part)]);
        }
        b.text(&head, "p", "intro", intro)
    }
}

/// Sets the host's `data-state` (and, when given, `data-phase`; `None` removes it).
pub fn reflect_state(host: &HtmlElement, state: &str, phase: Option<&str>) {
    if host.get_attribute("data-state").as_deref() != Some(state) {
        let _ = host.set_attribute("data-state", state);
    }
    match phase {
        Some(p) if host.get_attribute("data-phase").as_deref() != Some(p) => {
            let _ = host.set_attribute("data-phase", p);
        }
        None if host.has_attribute("data-phase") => {
            let _ = host.remove_attribute("data-phase");
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
                let (before, after) = self
                    .template
                    .split_once(self.slot)
                    .unwrap_or((self.template, ""));
                self.line.append_with_str_1(before)?;
                let el = b.el(&self.line, tag, self.class)?;
                self.line.append_with_str_1(after)?;
                self.words = Some(el.clone());
                el
            }
        };
        set_text(&el, words);
        if let Some(href) = href {
            attrs(
                &el,
                &[
                    ("href", href),
                    ("part", self.class),
                    ("target", "_blank"),
                    ("rel", "noopener"),
                ],
            );
        }
        show(&self.line, true);
        Ok(())
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
/// site's own support contact where one is given. Only safe links reach here.
pub fn care_footer(ctx: &Ctx<'_>) -> DomResult<()> {
    let lang = ctx.lang();
    let footer = ctx.build.el(ctx.base, "footer", "footer")?;
    attrs(&footer, &[("part", "footer")]);
    let p = ctx.build.text(&footer, "p", "", text(lang, Msg::NotCare))?;
    let line = ctx.build.el(&p, "span", "contact-line")?;
    let mut contact = Contact::new(line, " {support}", "{support}", "support");
    contact.show(
        ctx.build,
        support_words(ctx.common, lang),
        ctx.common.support_href.as_deref(),
    )?;
    if let Ok(mut slot) = ctx.footer.try_borrow_mut() {
        *slot = Some(contact);
    }
    Ok(())
}

/// The options shown in place, as a widget opened inside another one is given them: the values
/// the outer one accepted, so nothing refused is passed on (`None` removes the option).
pub fn look_options(common: &Common) -> [(&'static str, Option<String>); 5] {
    [
        ("theme", Some(common.theme.id().to_string())),
        ("support-text", common.support_text.clone()),
        ("support-href", common.support_href.clone()),
        ("crisis-text", common.crisis_text.clone()),
        ("crisis-href", common.crisis_href.clone()),
    ]
}

/// The name of the option an error is about, for `attune:error`.
fn option_of(err: &OptionError) -> &'static str {
    match err {
        OptionError::UnknownWidget { .. } => "widget",
        OptionError::BadValue { option, .. } | OptionError::OnlyWith { option, .. } => option,
        OptionError::Conflict { second, .. } => second,
    }
}

/// After an option shown in place: the events to fire, and a widget opened inside this one that
/// should follow its look.
struct Restyled {
    events: Vec<Pending>,
    nested: Option<(WidgetHandle, Common)>,
}

impl Mounted {
    fn page_lang(&self) -> Option<String> {
        self.host
            .owner_document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
    }

    /// Throws the old view away and builds one from the current options.
    fn rebuild(&self) {
        let old = self.shown.try_borrow_mut().ok().map(|mut v| v.take());
        drop(old);
        clear(&self.shadow);
        adopt_styles(&self.shadow, &self.build);
        let raw = match self.raw.try_borrow() {
            Ok(r) => r.clone(),
            Err(_) => return,
        };
        let page_lang = self.page_lang();
        let (shown, events) = match Config::parse(&self.widget, &raw, page_lang.as_deref()) {
            Ok(config) => {
                let lang = config.common.lang;
                let dropped: Vec<Pending> = config
                    .dropped
                    .iter()
                    .map(|err| self.option_error(lang, err))
                    .collect();
                match self.build_view(config) {
                    Ok((shown, mut events)) => {
                        events.extend(dropped);
                        (Some(shown), events)
                    }
                    Err(_) => (None, self.show_broken(lang)),
                }
            }
            Err(err) => {
                let lang = Config::lang_for_errors(&raw, page_lang.as_deref());
                (None, self.show_error(lang, &err))
            }
        };
        if let Ok(mut slot) = self.shown.try_borrow_mut() {
            *slot = shown;
        }
        fire(&self.host, events);
    }

    /// Shows the current options without building the widget again, when they differ from what
    /// it shows only in the options shown in place: the box's theme, the care footer's contact
    /// and what the view draws of the contacts are updated, and the exercise, anything typed and
    /// the focus stay as they are. A link refused now is told to the page when it is `changed`,
    /// the option just set. `None` when the widget must be built again instead: the options do
    /// not parse (the error box shows why), it shows an error now, or more than the look changed.
    fn restyle(&self, changed: Option<&str>) -> Option<Restyled> {
        let raw = self.raw.try_borrow().ok()?.clone();
        let config = Config::parse(&self.widget, &raw, self.page_lang().as_deref()).ok()?;
        let mut slot = self.shown.try_borrow_mut().ok()?;
        let shown = slot.as_mut()?;
        if !shown.config.same_exercise(&config) {
            return None;
        }
        let common = &config.common;
        let lang = common.lang;
        attrs(&shown.base, &[("data-theme", common.theme.id())]);
        if let Some(footer) = &mut shown.footer {
            let _ = footer.show(
                &self.build,
                support_words(common, lang),
                common.support_href.as_deref(),
            );
        }
        shown.view.show_contacts(common);
        let events = config
            .dropped
            .iter()
            .filter(|err| changed.is_some_and(|name| option_of(err) == name))
            .map(|err| self.option_error(lang, err))
            .collect();
        let nested = shown.view.nested().map(|n| (n, common.clone()));
        shown.config = config;
        Some(Restyled { events, nested })
    }

    /// Applies a [`Mounted::restyle`] or, when it cannot be done in place, builds the widget
    /// again. Events are fired once nothing here is borrowed, since page code may reach back.
    fn apply(&self, changed: Option<&str>) {
        match self.restyle(changed) {
            Some(Restyled { events, nested }) => {
                if let Some((handle, common)) = nested {
                    handle.follow_look(&common);
                }
                fire(&self.host, events);
            }
            None => self.rebuild(),
        }
    }

    fn base(&self, common: &Common) -> DomResult<HtmlElement> {
        let base = self.build.el(&self.shadow, "div", "attune")?;
        attrs(
            &base,
            &[
                ("part", "base"),
                ("lang", common.lang.tag()),
                ("data-theme", common.theme.id()),
            ],
        );
        Ok(base)
    }

    fn build_view(&self, config: Config) -> DomResult<(Shown, Vec<Pending>)> {
        let base = self.base(&config.common)?;
        let ctx = Ctx {
            host: &self.host,
            base: &base,
            build: &self.build,
            common: &config.common,
            footer: RefCell::new(None),
        };
        let (view, events) = match &config.widget {
            WidgetConfig::Breathing(c) => breathing::mount(&ctx, c),
            WidgetConfig::Grounding(c) => grounding::mount(&ctx, c),
            WidgetConfig::BodyScan(c) => body_scan::mount(&ctx, c),
            WidgetConfig::CheckIn(c) => check_in::mount(&ctx, c),
            WidgetConfig::Pleasure(c) => pleasure::mount(&ctx, c),
            WidgetConfig::Plan(c) => plan::mount(&ctx, c),
        }?;
        let footer = ctx.footer.into_inner();
        Ok((
            Shown {
                config,
                base,
                footer,
                view,
            },
            events,
        ))
    }

    /// An option refused: one console warning naming it, and the `attune:error` to fire.
    fn option_error(&self, lang: Lang, err: &OptionError) -> Pending {
        let message = describe_error(lang, err);
        let tag = self.host.tag_name().to_ascii_lowercase();
        web_sys::console::warn_1(&["Attune <", &tag, ">: ", &message].concat().into());
        let widget = WidgetKind::parse(&self.widget)
            .map(|k| k.as_str())
            .unwrap_or("unknown");
        Pending::new(
            "attune:error",
            Detail::new(widget)
                .text("code", "option")
                .text("option", option_of(err))
                .text("message", &message),
        )
    }

    /// The browser refused to build the widget (a DOM call failed): say so in the box instead of
    /// leaving it blank, and tell the page.
    fn show_broken(&self, lang: Lang) -> Vec<Pending> {
        clear(&self.shadow);
        adopt_styles(&self.shadow, &self.build);
        web_sys::console::warn_1(
            &"Attune: this exercise could not be built in this browser.".into(),
        );
        reflect_state(&self.host, "error", None);
        if let Ok(p) = self.build.text(
            &self.shadow,
            "p",
            "attune is-error",
            text(lang, Msg::ErrorTitle),
        ) {
            attrs(&p, &[("part", "error")]);
        }
        let widget = WidgetKind::parse(&self.widget)
            .map(|k| k.as_str())
            .unwrap_or("unknown");
        vec![Pending::new(
            "attune:error",
            Detail::new(widget).text("code", "mount"),
        )]
    }

    fn show_error(&self, lang: Lang, err: &OptionError) -> Vec<Pending> {
        let event = self.option_error(lang, err);
        reflect_state(&self.host, "error", None);
        let common = Common {
            lang,
            theme: Theme::Auto,
            storage: crate::core::options::StorageKind::None,
            storage_key: String::new(),
            support_text: None,
            support_href: None,
            crisis_text: None,
            crisis_href: None,
        };
        if let Ok(base) = self.base(&common) {
            base.class_list().add_1("is-error").ok();
            let _ = self
                .build
                .text(&base, "p", "error-title", text(lang, Msg::ErrorTitle));
            if let Ok(m) = self
                .build
                .text(&base, "p", "error-message", &describe_error(lang, err))
            {
                attrs(&m, &[("part", "error")]);
            }
            let _ = self
                .build
                .text(&base, "p", "error-hint", text(lang, Msg::ErrorOwnerHint));
        }
        vec![event]
    }
}

impl WidgetHandle {
    /// Mounts `widget` into `host` with `raw` options. See [`crate::web::mount`].
    pub fn mount(host: HtmlElement, widget: String, raw: RawOptions) -> WidgetHandle {
        let shadow = match host.shadow_root() {
            Some(s) => Some(s),
            None => host
                .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
                .ok(),
        };
        let (Some(shadow), Some(build)) = (shadow, Builder::for_node(&host)) else {
            // The loader checks the host before it calls (Attune.mount throws), and the check-in
            // mounts into a <div> of its own, so this should not happen; if it does, the page is
            // told as for any widget that failed, not left with a silent, empty handle.
            web_sys::console::warn_1(
                &"Attune: this element cannot hold a widget (it cannot have an open shadow root); use a <div>.".into(),
            );
            reflect_state(&host, "error", None);
            let kind = WidgetKind::parse(&widget)
                .map(|k| k.as_str())
                .unwrap_or("unknown");
            let detail = Detail::new(kind).text("code", "mount");
            fire(&host, vec![Pending::new("attune:error", detail)]);
            return WidgetHandle { inner: None };
        };
        let mounted = Rc::new(Mounted {
            host,
            shadow,
            build,
            widget,
            raw: RefCell::new(raw),
            shown: RefCell::new(None),
        });
        super::events::on_broken(recover);
        LIVE.with(|l| {
            if let Ok(mut l) = l.try_borrow_mut() {
                l.retain(|m| m.strong_count() > 0);
                l.push(Rc::downgrade(&mounted));
            }
        });
        mounted.rebuild();
        WidgetHandle {
            inner: Some(mounted),
        }
    }
}

impl WidgetHandle {
    /// Another handle on the same widget, for a widget that opened it inside itself to pass its
    /// look on. Only the one kept by its opener unmounts it.
    pub(crate) fn share(&self) -> WidgetHandle {
        WidgetHandle {
            inner: self.inner.clone(),
        }
    }

    /// Takes on an outer widget's look and contacts (see [`look_options`]), in place.
    fn follow_look(&self, common: &Common) {
        let Some(m) = &self.inner else { return };
        match m.raw.try_borrow_mut() {
            Ok(mut raw) => {
                for (name, value) in look_options(common) {
                    raw.set(name, value);
                }
            }
            Err(_) => return,
        }
        m.apply(None);
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies a changed option (`None`: the attribute was removed). The look and the contacts
    /// (`theme`, `support-*`, `crisis-*`) are shown in place; any other option rebuilds the
    /// widget, as a different exercise.
    pub fn set_option(&self, name: &str, value: Option<String>) {
        let Some(m) = &self.inner else { return };
        if let Ok(mut raw) = m.raw.try_borrow_mut() {
            if raw.get(name).map(str::to_string) == value {
                return;
            }
            raw.set(name, value);
        }
        if shown_in_place(name) {
            m.apply(Some(&crate::core::options::normalise_name(name)));
        } else {
            m.rebuild();
        }
    }

    /// Removes the widget: every listener, frame, timer and sound it had goes with it, and the
    /// host is left as the page made it (an empty shadow root, no `data-state`).
    pub fn unmount(mut self) {
        if let Some(m) = self.inner.take() {
            let old = m.shown.try_borrow_mut().ok().map(|mut v| v.take());
            drop(old);
            clear(&m.shadow);
            let _ = m.host.remove_attribute("data-state");
            let _ = m.host.remove_attribute("data-phase");
        }
    }
}

/// Reads the value of an `<input>`-less element attribute as a number, for delegated clicks.
pub fn data_value(el: &web_sys::Element) -> Option<u32> {
    let v = crate::core::num::parse_decimal(&el.get_attribute("data-value")?)?;
    (v.fract() == 0.0 && v <= 10.0).then_some(v as u32)
}

/// The nearest element (the target itself or an ancestor inside the widget) with a
/// `data-action`, for the one click listener each widget has.
pub fn action_of(event: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let el = target.closest("[data-action]").ok()??;
    Some((el.get_attribute("data-action")?, el))
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
    vault.on_notice(notice_hook(ctx.lang(), &p));
    Ok(p)
}

/// Keeps a line made by [`storage_notice`] current when a vault's notice changes later.
pub fn notice_hook(lang: Lang, line: &HtmlElement) -> super::storage::NoticeHook {
    let line = line.clone();
    std::rc::Rc::new(move |notice| set_notice(lang, &line, notice))
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
    super::dom::set_text(line, msg.map(|m| text(lang, m)).unwrap_or(""));
    super::dom::show(line, msg.is_some());
}
