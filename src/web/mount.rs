//! Mounting: one open shadow root per widget, the shared stylesheet, options in, errors shown.
//!
//! A [`WidgetHandle`] owns everything a widget made: its view (listeners, frame loop, timers,
//! sound) lives in one value, and unmounting is dropping it. Changing an option rebuilds the view
//! from the new configuration, which is what makes a live attribute change take effect.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::dom::{attrs, clear, Builder, DomResult};
use super::events::{fire, Detail, Pending};
use super::{body_scan, breathing, check_in, grounding, plan, pleasure};
use crate::core::i18n::{describe_error, text, Lang, Msg};
use crate::core::options::{
    Common, Config, OptionError, RawOptions, Theme, WidgetConfig, WidgetKind,
};

/// The CSS of every widget (`src/web/css/`, joined and minified by `build.rs`), adopted by each
/// shadow root as one shared constructable sheet.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/attune.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
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

/// What a widget is showing: its whole runtime (listeners, loops, timers, sound), held only to
/// be dropped. Dropping the view is unmounting it.
type View = Option<Box<dyn std::any::Any>>;

/// What each widget module's `mount` returns: its view and the events to fire once it is placed.
pub type MountResult = DomResult<(Box<dyn std::any::Any>, Vec<Pending>)>;

struct Mounted {
    host: HtmlElement,
    shadow: ShadowRoot,
    build: Builder,
    widget: String,
    raw: RefCell<RawOptions>,
    view: RefCell<View>,
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

/// The quiet line every widget ends with: these exercises support, not replace, care; and the
/// site's own support contact where one is given. Only safe link schemes reach here.
pub fn care_footer(ctx: &Ctx<'_>) -> DomResult<()> {
    let lang = ctx.lang();
    let footer = ctx.build.el(ctx.base, "footer", "footer")?;
    attrs(&footer, &[("part", "footer")]);
    let p = ctx.build.text(&footer, "p", "", text(lang, Msg::NotCare))?;
    let label = ctx
        .common
        .support_text
        .as_deref()
        .unwrap_or(text(lang, Msg::SupportDefault));
    match &ctx.common.support_href {
        Some(href) => {
            p.append_with_str_1(" ").ok();
            let a = ctx.build.text(&p, "a", "support", label)?;
            attrs(
                &a,
                &[
                    ("href", href),
                    ("part", "support"),
                    ("target", "_blank"),
                    ("rel", "noopener"),
                ],
            );
        }
        None if ctx.common.support_text.is_some() => {
            p.append_with_str_1(" ").ok();
            ctx.build.text(&p, "span", "support", label)?;
        }
        None => {}
    }
    Ok(())
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
        let old = self.view.try_borrow_mut().ok().map(|mut v| v.take());
        drop(old);
        clear(&self.shadow);
        adopt_styles(&self.shadow, &self.build);
        let raw = match self.raw.try_borrow() {
            Ok(r) => r.clone(),
            Err(_) => return,
        };
        let page_lang = self.page_lang();
        let (view, events) = match Config::parse(&self.widget, &raw, page_lang.as_deref()) {
            Ok(config) => match self.build_view(&config) {
                Ok((view, events)) => (Some(view), events),
                Err(_) => (None, self.show_broken(config.common.lang)),
            },
            Err(err) => {
                let lang = Config::lang_for_errors(&raw, page_lang.as_deref());
                (None, self.show_error(lang, &err))
            }
        };
        if let Ok(mut slot) = self.view.try_borrow_mut() {
            *slot = view;
        }
        fire(&self.host, events);
    }

    fn base(&self, common: &Common) -> DomResult<HtmlElement> {
        let base = self.build.el(&self.shadow, "div", "attune")?;
        let theme = match common.theme {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        };
        attrs(
            &base,
            &[
                ("part", "base"),
                ("lang", common.lang.tag()),
                ("data-theme", theme),
            ],
        );
        Ok(base)
    }

    fn build_view(&self, config: &Config) -> MountResult {
        let base = self.base(&config.common)?;
        let ctx = Ctx {
            host: &self.host,
            base: &base,
            build: &self.build,
            common: &config.common,
        };
        match &config.widget {
            WidgetConfig::Breathing(c) => breathing::mount(&ctx, c),
            WidgetConfig::Grounding(c) => grounding::mount(&ctx, c),
            WidgetConfig::BodyScan(c) => body_scan::mount(&ctx, c),
            WidgetConfig::CheckIn(c) => check_in::mount(&ctx, c),
            WidgetConfig::Pleasure(c) => pleasure::mount(&ctx, c),
            WidgetConfig::Plan(c) => plan::mount(&ctx, c),
        }
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
        let message = describe_error(lang, err);
        let tag = self.host.tag_name().to_ascii_lowercase();
        web_sys::console::warn_1(&["Attune <", &tag, ">: ", &message].concat().into());
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
            if let Ok(m) = self.build.text(&base, "p", "error-message", &message) {
                attrs(&m, &[("part", "error")]);
            }
            let _ = self
                .build
                .text(&base, "p", "error-hint", text(lang, Msg::ErrorOwnerHint));
        }
        let option = match err {
            OptionError::UnknownWidget { .. } => "widget",
            OptionError::BadValue { option, .. } | OptionError::OnlyWith { option, .. } => option,
            OptionError::Conflict { second, .. } => second,
        };
        let widget = WidgetKind::parse(&self.widget)
            .map(|k| k.as_str())
            .unwrap_or("unknown");
        vec![Pending::new(
            "attune:error",
            Detail::new(widget)
                .text("code", "option")
                .text("option", option)
                .text("message", &message),
        )]
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
            web_sys::console::warn_1(
                &"Attune: this element cannot hold a widget; use a <div>.".into(),
            );
            return WidgetHandle { inner: None };
        };
        let mounted = Rc::new(Mounted {
            host,
            shadow,
            build,
            widget,
            raw: RefCell::new(raw),
            view: RefCell::new(None),
        });
        mounted.rebuild();
        WidgetHandle {
            inner: Some(mounted),
        }
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies a changed option (`None`: the attribute was removed) and rebuilds the widget.
    pub fn set_option(&self, name: &str, value: Option<String>) {
        let Some(m) = &self.inner else { return };
        if let Ok(mut raw) = m.raw.try_borrow_mut() {
            if raw.get(name).map(str::to_string) == value {
                return;
            }
            raw.set(name, value);
        }
        m.rebuild();
    }

    /// Removes the widget: every listener, frame, timer and sound it had goes with it, and the
    /// host is left as the page made it (an empty shadow root, no `data-state`).
    pub fn unmount(mut self) {
        if let Some(m) = self.inner.take() {
            let old = m.view.try_borrow_mut().ok().map(|mut v| v.take());
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
/// history won't be kept, or something stored was kept aside. Returns the line, to update later.
pub fn storage_notice(
    ctx: &Ctx<'_>,
    notice: Option<super::storage::Notice>,
) -> DomResult<HtmlElement> {
    let p = ctx.build.el(ctx.base, "p", "notice")?;
    attrs(&p, &[("role", "status"), ("part", "notice")]);
    set_notice(ctx.lang(), &p, notice);
    Ok(p)
}

/// Updates a line made by [`storage_notice`].
pub fn set_notice(lang: Lang, line: &HtmlElement, notice: Option<super::storage::Notice>) {
    use super::storage::Notice;
    let msg = match notice {
        None => None,
        Some(Notice::NotKept) | Some(Notice::NotSaved) => Some(Msg::StorageUnavailable),
        Some(Notice::KeptAside) => Some(Msg::StorageDamaged),
        Some(Notice::Newer) => Some(Msg::StorageNewer),
    };
    super::dom::set_text(line, msg.map(|m| text(lang, m)).unwrap_or(""));
    super::dom::show(line, msg.is_some());
}
