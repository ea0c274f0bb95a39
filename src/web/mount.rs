//! Mounting: one open shadow root per widget, the shared stylesheet, options in, errors shown.
//! It stands above the widgets (it dispatches to each one's `mount`); what the widgets share
//! sits below them, in [`super::kit`].
//!
//! A [`WidgetHandle`] owns everything a widget made: its view (listeners, frame loop, timers,
//! sound) lives in one value, and unmounting is dropping it. Changing an option rebuilds the view
//! from the new configuration, which is what makes a live attribute change take effect; except
//! the options that only change the look and the contacts offered (`theme`, `support-*`,
//! `crisis-*`), which are shown in place, so a page restyling itself never restarts a visitor's
//! breathing or drops words they were typing.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::dom::{
    add_class, attrs, clear, focused, put_first, refocus, set_msg, unset, Builder, DomResult,
};
use super::events::{fire, Detail, Listener, Pending};
use super::kit::{
    crisis_line, footer_in, look_options, reflect_state, show_crisis, support_words, Contact, Ctx,
    Nested, WidgetView,
};
use super::{body_scan, breathing, check_in, grounding, plan, pleasure, summary};
use crate::core::config::{Config, WidgetConfig};
use crate::core::i18n::{Lang, Msg};
use crate::core::options::{
    contacts, describe_error, misspelt, theme, Common, OptionError, RawOptions, Theme, WidgetKind,
};

/// The CSS of every widget (`src/web/css/`, joined and minified by `build.rs`), adopted by each
/// shadow root as one shared constructable sheet. A [`Tail`](crate::Tail): kept after the
/// engine's other constants.
static CSS: crate::Tail<{ CSS_TEXT.len() }> = crate::Tail::new(CSS_TEXT);
const CSS_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/attune.css"));

local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// The widgets mounted on this page, to find one by its host when a call into it broke.
    static LIVE: RefCell<Vec<alloc::rc::Weak<Mounted>>> = const { RefCell::new(Vec::new()) };
    /// Listens, for as long as the engine runs, for the visitor's system turning dark or light.
    static SYSTEM: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// Every widget on the page, for a call that reaches them all.
fn live() -> Vec<Rc<Mounted>> {
    LIVE.with(|l| {
        l.try_borrow()
            .map(|l| l.iter().filter_map(alloc::rc::Weak::upgrade).vec())
            .unwrap_or_default()
    })
}

/// Every widget reads the look of the page behind it again (see [`follow_system`]).
fn look_again() {
    for m in live() {
        m.in_place(&[]);
    }
}

/// When the visitor's system turns dark or light, every widget with no `theme` looks at what
/// is behind it again: a page whose colours follow the system
/// (`@media (prefers-color-scheme: dark)`) has just changed them, and a widget that kept the
/// look it found at its mount would be a white card on a page gone dark.
fn follow_system() {
    SYSTEM.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            if s.is_none() {
                *s = super::dom::system_scheme().map(|media| {
                    Listener::new(&media, "change", |_| {
                        look_again();
                        // Read once more when a page easing its background to the new colour
                        // (`transition: background-color`) has got there: read at once, it was
                        // still nearly white.
                        super::clock::after(1000, look_again);
                    })
                });
            }
        }
    });
}

/// Starts afresh a widget whose state a broken call left unusable (see
/// [`super::events::Call`]), says so inside it, and tells the page (`attune:error`, code
/// `internal`). What was stored is untouched; what was typed and not saved is gone.
///
/// Page code that broke the call may break this build too (a patched browser API that throws
/// for a while): then the widget is tried again after 1, 2, 4, 8 and 16 seconds, each try
/// in a task of its own, so the page is never kept busy and a widget is not left half built.
fn recover(host: &HtmlElement) {
    let found = LIVE.with(|l| {
        l.try_borrow().ok().and_then(|l| {
            l.iter()
                .filter_map(alloc::rc::Weak::upgrade)
                .find(|m| &m.host == host)
        })
    });
    if let Some(m) = found {
        restart(&m);
    }
}

/// [`recover`] for `m` itself: a later try goes to the same widget, not to one the page has
/// mounted on its element since.
fn restart(m: &Rc<Mounted>) {
    let tries = m.tries.get();
    m.tries.set(tries + 1);
    if tries < 5 {
        let again = Rc::downgrade(m);
        super::clock::after(1000 << tries, move || {
            if let Some(m) = again
                .upgrade()
                .filter(|m| m.tries.get() > 0 && !m.replaced.get())
            {
                restart(&m);
            }
        });
    }
    m.rebuild(false);
    web_sys::console::warn_1(
        &"Attune: something went wrong inside an exercise; it was started afresh.".into(),
    );
    let raw = m.raw.try_borrow().map(|r| r.clone()).unwrap_or_default();
    let lang = Config::lang_for_errors(&raw, m.built_lang().as_deref());
    if let Some(base) = m.shadow.first_element_child() {
        let Ok(p) = m.build.el(&base, "p", "notice");
        attrs(&p, &[("role", "status"), ("part", "notice")]);
        set_msg(&p, lang, Msg::Restarted);
        put_first(&base, &p);
    }
    let widget = WidgetKind::parse(&m.widget)
        .map(|k| k.as_str())
        .unwrap_or_default();
    let detail = Detail::new(widget).text("code", "internal");
    fire(&m.host, vec![Pending::new("attune:error", detail)]);
}

/// Builds again every widget on the page that speaks `lang` (by its options and the page's
/// language when it was built): its words just came in (or, with
/// `failed`, could not, and it speaks English: `attune:error` with code `load` says so), or a
/// site registered or adjusted them.
pub fn refresh(lang: Lang, failed: bool) {
    for m in live() {
        if m.speaks() != lang {
            continue;
        }
        m.rebuild(false);
        if failed {
            m.tell_unloaded();
        }
    }
}

/// Gives a shadow root the widgets' styles: a constructable stylesheet where the browser has
/// them (allowed by a strict `style-src`), else (or where the root can't adopt it) a `<style>`
/// element.
fn adopt_styles(root: &ShadowRoot, build: &Builder) {
    let adopting: &super::dom::Adopter = wasm_bindgen::JsCast::unchecked_ref(root);
    let adopted = sheet().is_some_and(|s| adopting.set_sheets(&js_sys::Array::of1(&s)).is_ok());
    if !adopted {
        let _ = build.text(root, "style", "", CSS.text());
    }
}

/// Parses the widgets' stylesheet now (about 7 ms), before the first widget is mounted.
pub fn prepare_styles() {
    sheet();
}

/// The one stylesheet every widget's shadow root adopts, made on first use.
fn sheet() -> Option<CssStyleSheet> {
    SHEET.with(|s| {
        let mut s = s.try_borrow_mut().ok()?;
        if s.is_none() {
            *s = Some(super::dom::stylesheet(CSS.text()));
        }
        s.clone()
    })
}

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
    /// Replaced by a widget mounted on the same host while this one was being built (the page
    /// mounted again from an event this one fired): it shows nothing and leaves the host alone.
    replaced: Cell<bool>,
    /// The page's `<html lang>` when the widget was last built (or began waiting for words).
    built_for: RefCell<Option<String>>,
    /// Options changed in this task, applied together in a microtask (see
    /// [`WidgetHandle::set_option`]).
    changed: RefCell<Vec<String>>,
    /// Tries at starting the widget afresh that page code broke in turn (see [`recover`]).
    tries: Cell<u8>,
    /// The keys every widget answers alike ([`super::kit::widget_keys`]).
    _keys: Listener,
}

/// A mounted widget (the loader holds it by a number, see [`crate::web::mount_widget`]).
pub struct WidgetHandle {
    inner: Option<Rc<Mounted>>,
}

impl core::fmt::Debug for WidgetHandle {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WidgetHandle")
            .field("mounted", &self.inner.is_some())
            .finish()
    }
}

/// The name of the option an error is about, for `attune:error`.
fn option_of(err: &OptionError) -> &str {
    match err {
        OptionError::UnknownWidget { .. } => "widget",
        OptionError::BadValue { option, .. } | OptionError::OnlyWith { option, .. } => option,
        OptionError::Conflict { second, .. } => second,
        OptionError::UnknownOption { given } => given,
    }
}

/// After an option shown in place: the events to fire, and a widget opened inside this one that
/// should follow its look.
struct Restyled {
    events: Vec<Pending>,
    nested: Option<(Box<dyn Nested>, Common)>,
}

impl Mounted {
    /// The language of the page around the widget: the nearest `lang` above it, out through
    /// the shadow roots of the components it is in (a Spanish section of an English page
    /// speaks Spanish, as CSS's `:lang()` reads it), else the document's.
    fn page_lang(&self) -> Option<String> {
        // A tag's own `lang` is its option, read as options are (`lang="null"` from a
        // framework's dropped prop is the option not given, not a language), so from its
        // parent. Any other element's own `lang` is the page's word on it, as for `:lang()`:
        // `<div data-attune="breathing" lang="es">` speaks Spanish (its option is `data-lang`).
        let outside = |el: &Element| super::dom::shadow_root(&el.get_root_node()).map(|r| r.host());
        let tag = self.host.local_name().starts_with("attune-");
        let mut at: Option<Element> = if tag {
            // (A tag at the top of a shadow root has no parent element: its host is next.)
            self.host.parent_element().or_else(|| outside(&self.host))
        } else {
            Some(self.host.clone().into())
        };
        while let Some(el) = at {
            if let Some(found) = super::dom::closest(&el, "[lang]:not([lang=''])") {
                return found.get_attribute("lang");
            }
            at = outside(&el);
        }
        self.host
            .owner_document()?
            .document_element()?
            .get_attribute("lang")
    }

    /// The attributes of the widget's element that look like misspelt options (see
    /// [`misspelt`]): a tag's own, a placeholder's `data-` ones. The loader passes on only the
    /// options, so `minuts="2"` would be dropped without a word.
    fn misspelt_attributes(&self) -> Vec<OptionError> {
        let tag = self.host.local_name().starts_with("attune-");
        let names = self.host.get_attribute_names();
        let mut out = Vec::new();
        for i in 0..names.length() {
            let Some(given) = names.get(i).as_string() else {
                continue;
            };
            let typo = match given.strip_prefix("data-") {
                Some(rest) => !tag && misspelt(rest),
                None => tag && misspelt(&given),
            };
            if typo {
                out.push(OptionError::UnknownOption { given });
            }
        }
        out
    }

    /// The page's language the widget was last built for.
    fn built_lang(&self) -> Option<String> {
        self.built_for.try_borrow().ok().and_then(|l| l.clone())
    }

    /// The language the widget speaks: by its options and the page's language as it was when
    /// it was built (a page may change `<html lang>` since; a widget running in another
    /// language keeps its place).
    fn speaks(&self) -> Lang {
        let raw = self.raw.try_borrow().map(|r| r.clone()).unwrap_or_default();
        Config::lang_for_errors(&raw, self.built_lang().as_deref())
    }

    /// Tells the page the widget speaks English because its language's words could not load
    /// (`attune:error`, code `load`): when they fail, and when it is put on the page or set to
    /// speak that language after.
    fn tell_unloaded(&self) {
        let widget = WidgetKind::parse(&self.widget)
            .map(|k| k.as_str())
            .unwrap_or_default();
        let detail = Detail::new(widget)
            .text("code", "load")
            .text("message", "the words for this language could not load");
        fire(&self.host, vec![Pending::new("attune:error", detail)]);
    }

    /// Throws the old view away and builds one from the current options: `fresh`, for the
    /// page's language of now (a new mount, an option changed); else for the one it was built
    /// for (its words arrived, or it starts afresh after an error). Options it leaves out are
    /// told when it is built from them (`fresh`) or first built (its words arrived), not again
    /// when it is built again for new words or after an error.
    fn rebuild(&self, fresh: bool) {
        // A keyboard visitor in the old view stays in the new one: on the same control or field,
        // else on the widget's title (not on a control a stray Enter would press), not on the
        // page's <body>.
        let focus = focused(&self.shadow);
        let old = self.shown.try_borrow_mut().ok().map(|mut v| v.take());
        let first = !matches!(old, Some(Some(_)));
        let tell = fresh || first;
        drop(old);
        let raw = self.raw.try_borrow().ok().map(|r| r.clone());
        let page_lang = if fresh {
            self.page_lang()
        } else {
            self.built_lang()
        };
        if let Ok(mut l) = self.built_for.try_borrow_mut() {
            l.clone_from(&page_lang);
        }
        let job = raw.and_then(|raw| {
            // A language whose words are still to be fetched: nothing shows until they are in,
            // and then `refresh` builds the widget again (no flash of English first).
            let lang = Config::lang_for_errors(&raw, page_lang.as_deref());
            if !super::words::ready(lang) {
                return None;
            }
            let parsed = Config::parse(&self.widget, &raw, page_lang.as_deref());
            // The page's look, read before this build changes anything: read after it, the
            // browser works out the styles of every new element at once to answer (a first
            // mount took 5 to 10 ms longer), rather than once before the next frame.
            // A widget whose options are wrong still shows its error box in the theme asked
            // for, where that one is right: a dark site's box is dark.
            let look = match &parsed {
                Ok(c) => c.common.theme,
                Err(_) => theme(&raw).unwrap_or(Theme::Page),
            };
            Some((lang, parsed, scheme(look, &self.host)))
        });
        clear(&self.shadow);
        adopt_styles(&self.shadow, &self.build);
        let Some((lang, parsed, theme)) = job else {
            return;
        };
        let (shown, events) = match parsed {
            Ok(mut config) => {
                let lang = config.common.lang;
                // (Once, as it is first built: an option changed since has not changed them.)
                if first {
                    config.dropped.extend(self.misspelt_attributes());
                }
                let told = if tell { &config.dropped[..] } else { &[] };
                let dropped: Vec<Pending> =
                    told.iter().map(|err| self.option_error(lang, err)).vec();
                let Ok((shown, mut events)) = self.build_view(config, theme);
                events.extend(dropped);
                (Some(shown), events)
            }
            Err(err) => (None, self.show_error(lang, &err, theme)),
        };
        super::dom::nest_headings(&self.host, &self.shadow);
        // Built whole, however it came to be built: a try at starting it afresh still pending
        // has nothing left to do.
        self.tries.set(0);
        if let Ok(mut slot) = self.shown.try_borrow_mut() {
            *slot = shown;
        }
        if let Some(focus) = focus {
            refocus(&self.shadow, focus, ".title, .error-title");
        }
        fire(&self.host, events);
    }

    /// Shows the current options without building the widget again, when they differ from what
    /// it shows only in the options shown in place: the box's theme, the care footer's contact
    /// and what the view draws of the contacts are updated, and the exercise, anything typed and
    /// the focus stay as they are. A link refused now is told to the page when its option is
    /// among those just `changed`. `None` when the widget must be built again instead: the
    /// options do not parse (the error box shows why), it shows an error now, or more than the
    /// look changed.
    fn restyle(&self, changed: &[String]) -> Option<Restyled> {
        let raw = self.raw.try_borrow().ok()?.clone();
        let config = Config::parse(&self.widget, &raw, self.built_lang().as_deref()).ok()?;
        let mut slot = self.shown.try_borrow_mut().ok()?;
        let shown = slot.as_mut()?;
        if !shown.config.same_exercise(&config) {
            return None;
        }
        let common = &config.common;
        let lang = common.lang;
        attrs(
            &shown.base,
            &[("data-theme", scheme(common.theme, &self.host))],
        );
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
            .filter(|err| changed.iter().any(|name| option_of(err) == name))
            .map(|err| self.option_error(lang, err))
            .vec();
        let nested = shown.view.nested().map(|n| (n, common.clone()));
        shown.config = config;
        Some(Restyled { events, nested })
    }

    /// Applies a [`Mounted::restyle`] or, when it cannot be done in place, builds the widget
    /// again.
    fn apply(&self, changed: &[String]) {
        if !self.in_place(changed) {
            self.rebuild(true);
            // Set to speak a language whose words could not load: told, as at a mount.
            if changed.iter().any(|c| c == "lang") && self.speaks().unloaded() {
                self.tell_unloaded();
            }
        }
    }

    /// Applies a [`Mounted::restyle`], if it can be done in place (the box's look read again,
    /// with nothing `changed`). Events are fired once nothing here is borrowed, since page code
    /// may reach back.
    fn in_place(&self, changed: &[String]) -> bool {
        let Some(Restyled { events, nested }) = self.restyle(changed) else {
            return false;
        };
        if let Some((handle, common)) = nested {
            handle.follow_look(&common);
        }
        fire(&self.host, events);
        true
    }

    /// Applies the options [`WidgetHandle::set_option`] gathered: in place when they make the
    /// same exercise (only the look or the contacts differ, or nothing: one removed and set
    /// back), else by building the widget again.
    fn apply_changed(&self) {
        let Ok(changed) = self
            .changed
            .try_borrow_mut()
            .map(|mut c| core::mem::take(&mut *c))
        else {
            return;
        };
        if changed.is_empty() || self.replaced.get() {
            return;
        }
        self.apply(&changed);
    }

    /// The widget's box, in `theme` (what [`scheme`] made of the widget's option).
    fn base(&self, common: &Common, theme: &str) -> DomResult<HtmlElement> {
        let base = self.build.el(&self.shadow, "div", "attune")?;
        attrs(
            &base,
            &[
                ("part", "base"),
                ("lang", common.lang.tag()),
                ("dir", common.lang.dir()),
                ("data-theme", theme),
            ],
        );
        Ok(base)
    }

    fn build_view(&self, config: Config, theme: &str) -> DomResult<(Shown, Vec<Pending>)> {
        let base = self.base(&config.common, theme)?;
        let ctx = Ctx::new(
            &self.host,
            &base,
            &self.build,
            &config.common,
            (open_nested, others),
        );
        let (view, events) = match &config.widget {
            WidgetConfig::Breathing(c) => breathing::mount(&ctx, c),
            WidgetConfig::Grounding(c) => grounding::mount(&ctx, c),
            WidgetConfig::BodyScan(c) => body_scan::mount(&ctx, c),
            WidgetConfig::CheckIn(c) => check_in::mount(&ctx, c),
            WidgetConfig::Pleasure(c) => pleasure::mount(&ctx, c),
            WidgetConfig::Plan(c) => plan::mount(&ctx, c),
            WidgetConfig::Summary(c) => summary::mount(&ctx, c),
        }?;
        let footer = ctx.take_footer();
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
        web_sys::console::warn_1(&["Attune <", &tag, ">: ", &message].cat().into());
        let widget = WidgetKind::parse(&self.widget)
            .map(|k| k.as_str())
            .unwrap_or_default();
        Pending::new(
            "attune:error",
            Detail::new(widget)
                .text("code", "option")
                .text("option", option_of(err))
                .text("message", &message),
        )
    }

    fn show_error(&self, lang: Lang, err: &OptionError, theme: &str) -> Vec<Pending> {
        let event = self.option_error(lang, err);
        reflect_state(&self.host, "error", None);
        // The site's contacts stay, where their own options are right: a visitor who needed the
        // check-in's crisis line is not left with a note for the site's owner alone.
        let common = match self.raw.try_borrow() {
            Ok(raw) => contacts(&raw, lang, &mut Vec::new()),
            Err(_) => contacts(&RawOptions::default(), lang, &mut Vec::new()),
        };
        let Ok(base) = self.base(&common, theme);
        add_class(&base, "is-error");
        let Ok(t) = self
            .build
            .msg(&base, "p", "error-title", lang, Msg::ErrorTitle);
        attrs(&t, &[("tabindex", "-1")]);
        let Ok(m) = self
            .build
            .text(&base, "p", "error-message", &describe_error(lang, err));
        attrs(&m, &[("part", "error")]);
        let _ = self
            .build
            .msg(&base, "p", "error-hint", lang, Msg::ErrorOwnerHint);
        let b = &self.build;
        // A check-in's "I'm not safe right now" is gone with it: its first line stays.
        if self.widget == WidgetKind::CheckIn.as_str() {
            let _ = b.msg(&base, "p", "emergency", lang, Msg::EmergencyLine);
        }
        let Ok(mut crisis) = crisis_line(b, &base, lang);
        show_crisis(&mut crisis, b, &common);
        let _ = footer_in(b, &base, &common);
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
                .unwrap_or_default();
            let detail = Detail::new(kind).text("code", "mount");
            fire(&host, vec![Pending::new("attune:error", detail)]);
            return WidgetHandle { inner: None };
        };
        let mounted = Rc::new(Mounted {
            host,
            build,
            widget,
            raw: RefCell::new(raw),
            shown: RefCell::new(None),
            replaced: Cell::new(false),
            built_for: RefCell::new(None),
            changed: RefCell::new(Vec::new()),
            tries: Cell::new(0),
            _keys: super::kit::widget_keys(&shadow),
            shadow,
        });
        super::events::on_broken(recover);
        super::words::install();
        super::words::on_arrived(refresh);
        follow_system();
        let mut replaced = Vec::new();
        LIVE.with(|l| {
            if let Ok(mut l) = l.try_borrow_mut() {
                l.keep_only(|m| match m.upgrade() {
                    Some(m) if m.host == mounted.host => {
                        replaced.push(m);
                        false
                    }
                    Some(_) => true,
                    None => false,
                });
                l.push(Rc::downgrade(&mounted));
            }
        });
        // Only while the page mounts again from an event the widget there fired while it was
        // being built (the loader stops any other first): that one stops now, and no language
        // arriving later builds it again.
        for m in replaced {
            m.replaced.set(true);
            let old = m.shown.try_borrow_mut().ok().map(|mut v| v.take());
            drop(old);
        }
        mounted.rebuild(true);
        if mounted.speaks().unloaded() {
            mounted.tell_unloaded();
        }
        WidgetHandle {
            inner: Some(mounted),
        }
    }
}

/// The `data-theme` the CSS reads: the site's choice, or for [`Theme::Page`] what the page the
/// widget sits on looks like (see [`page_scheme`]).
///
/// What the page looks like is kept for the rest of the task, for the widgets that go in the
/// same place: the loader mounts several in one task, and reading a computed style after the
/// one before had built its elements made the browser work out their styles at once, a few ms
/// for each widget (twenty were all ready 20-50 ms sooner). Only the page's own code running
/// in the same task, between two mounts, could change the look in between.
fn scheme(theme: Theme, host: &HtmlElement) -> &'static str {
    if theme != Theme::Page {
        return theme.id();
    }
    let parent = host.parent_element();
    let seen = SEEN.with(Cell::take);
    let first = seen.is_none();
    let look = match seen {
        Some((place, look)) if parent.as_ref() == Some(&place) => look,
        _ => page_scheme(host),
    };
    if let Some(place) = parent {
        if first {
            super::events::microtask(Box::new(|_| drop(SEEN.with(Cell::take))));
        }
        SEEN.with(|s| s.set(Some((place, look))));
    }
    look
}

local! {
    /// The place the last widget of this task went in, and what the page looks like there.
    static SEEN: Cell<Option<(web_sys::Element, &'static str)>> = const { Cell::new(None) };
}

/// What the page looks like where `host` is: the colour behind the widget (the first ancestor
/// with a background: a white card on a page that also allows dark stays light, whatever the
/// visitor's system turns to later), else the page's `color-scheme` (a page that declares both
/// and paints no background of its own is painted by the browser as the system asks, and the
/// widget follows it live, "auto"), else the colour of the words around it (light words on a
/// dark gradient), else light.
fn page_scheme(host: &HtmlElement) -> &'static str {
    let style = super::dom::computed_style;
    let mut declared = String::new();
    if let Some(doc) = host.owner_document() {
        // The page's `color-scheme`: in its CSS, else in `<meta name="color-scheme">`.
        declared = doc
            .document_element()
            .map(|root| style(&root, "color-scheme"))
            .unwrap_or_default();
        if declared == "normal" || declared.is_empty() {
            if let Ok(Some(meta)) = doc.query_selector("meta[name=color-scheme]") {
                declared = meta.get_attribute("content").unwrap_or_default();
            }
        }
    }
    // Keywords, such as "light dark" or "only dark" (compared word by word, which also keeps
    // std's substring searcher out of the engine).
    let says = |word: &str| declared.split_ascii_whitespace().any(|w| w == word);
    let (light, dark) = (says("light"), says("dark"));
    // An element not in the page yet (a framework mounts, then inserts it) has nothing
    // around it: the page's body is what it will most likely sit on.
    let around = if host.is_connected() {
        outer(host)
    } else {
        host.owner_document().and_then(|d| d.body()).map(Into::into)
    };
    let mut el = around.clone();
    while let Some(e) = el {
        if let Some(is_dark) = dark_colour(&style(&e, "background-color")) {
            return if is_dark { "dark" } else { "light" };
        }
        el = outer(&e);
    }
    match (light, dark) {
        (true, true) => "auto",
        (false, true) => "dark",
        (true, false) => "light",
        // No colour behind it (a gradient or a picture): light words around it mean a dark page.
        _ => match around.map(|e| dark_colour(&style(&e, "color"))) {
            Some(Some(false)) => "dark",
            _ => "light",
        },
    }
}

/// The element around `el`, out through a shadow root to its host: a widget inside another
/// component's shadow root sits on what that component sits on.
fn outer(el: &web_sys::Element) -> Option<web_sys::Element> {
    el.parent_element()
        .or_else(|| Some(super::dom::shadow_root(&el.parent_node()?)?.host()))
}

/// Whether a computed colour (a background, or the words') is dark; `None` when it is
/// transparent or in no form read here. Browsers give `rgb(...)`/`rgba(...)`, but keep a colour
/// written as `oklch(...)`, `oklab(...)`, `lab(...)`, `lch(...)` or `color(display-p3 ...)`
/// in that form (Tailwind's colours are `oklch`, so its dark sections read as no colour at all).
fn dark_colour(color: &str) -> Option<bool> {
    let open = color.bytes().position(|b| b == b'(')?;
    let (kind, inner) = (
        color.get(..open)?,
        color.get(open + 1..)?.strip_suffix(')')?,
    );
    // (`color()`'s first word names its colour space.)
    let mut parts = inner
        .split([',', ' ', '/'])
        .filter_map(crate::core::num::parse_decimal);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some_and(|alpha| alpha < 0.5) {
        return None;
    }
    // How light, as each form gives it: sRGB's channels weighed (on the gamma values, close
    // enough to tell a dark page from a light one), OKLab's lightness (0-1), CIE Lab's
    // (0-100). The four thresholds meet at about #737373.
    let luma = 0.2126 * a + 0.7152 * b + 0.0722 * c;
    Some(match kind {
        "rgb" | "rgba" => luma < 0.45 * 255.0,
        "color" => luma < 0.45,
        "oklch" | "oklab" => a < 0.554,
        "lab" | "lch" => a < 48.5,
        _ => return None,
    })
}

/// Mounts a widget inside another (the [`super::kit::Opener`] the mount layer hands down).
fn open_nested(host: HtmlElement, widget: String, raw: RawOptions) -> Box<dyn Nested> {
    Box::new(WidgetHandle::mount(host, widget, raw))
}

/// The first widget of kind `widget` running in `scope` that passes `test` of its host and its
/// options as last given (the [`super::kit::Others`] the mount layer hands down).
fn others(
    scope: &web_sys::Node,
    widget: &str,
    test: &dyn Fn(&web_sys::Element, &RawOptions) -> bool,
) -> Option<web_sys::Element> {
    LIVE.with(|l| {
        l.try_borrow()
            .ok()?
            .iter()
            .filter_map(alloc::rc::Weak::upgrade)
            .find(|m| {
                !m.replaced.get()
                    && WidgetKind::parse(&m.widget).is_ok_and(|k| k.as_str() == widget)
                    && m.host.get_root_node() == *scope
                    && m.raw.try_borrow().is_ok_and(|raw| test(&m.host, &raw))
            })
            .map(|m| m.host.clone().into())
    })
}

impl Nested for WidgetHandle {
    fn share(&self) -> Box<dyn Nested> {
        Box::new(self.another())
    }

    fn unmount(self: Box<Self>) {
        WidgetHandle::unmount(*self);
    }

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
        m.apply(&[]);
    }
}

impl WidgetHandle {
    /// Another handle on the same widget.
    pub(crate) fn another(&self) -> WidgetHandle {
        WidgetHandle {
            inner: self.inner.clone(),
        }
    }

    /// Applies a changed option (`None`: the attribute was removed). The look and the contacts
    /// (`theme`, `support-*`, `crisis-*`) are shown in place; any other option rebuilds the
    /// widget, as a different exercise. Options changed in one task are applied together, in
    /// a microtask: a framework sets `breaths` and then removes `minutes`, and the widget is
    /// built once from both, with no error for the moment in between that had the two.
    pub fn set_option(&self, name: &str, value: Option<String>) {
        let Some(m) = &self.inner else { return };
        if let Ok(mut raw) = m.raw.try_borrow_mut() {
            if raw.get(name).map(str::to_string) == value {
                return;
            }
            raw.set(name, value);
        }
        let Ok(mut changed) = m.changed.try_borrow_mut() else {
            return;
        };
        if changed.is_empty() {
            let m = Rc::downgrade(m);
            super::events::microtask(Box::new(move |_| {
                if let Some(m) = m.upgrade() {
                    m.apply_changed();
                }
            }));
        }
        changed.push(crate::core::options::normalise_name(name));
    }

    /// Removes the widget: every listener, frame, timer and sound it had goes with it, and the
    /// host is left as the page made it (an empty shadow root, no `data-state`).
    pub fn unmount(mut self) {
        if let Some(m) = self.inner.take().filter(|m| !m.replaced.get()) {
            // Gone for good: a try at starting it afresh still pending leaves the host alone.
            m.replaced.set(true);
            let old = m.shown.try_borrow_mut().ok().map(|mut v| v.take());
            drop(old);
            clear(&m.shadow);
            unset(&m.host, "data-state");
            unset(&m.host, "data-phase");
        }
    }
}
