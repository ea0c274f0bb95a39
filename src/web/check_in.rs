//! The screen of the "where am I right now" check-in: one tap on a five-point line, a fitting
//! next exercise, and a quiet way to say "I'm not safe right now".
//!
//! The mapping from a point to an exercise lives in [`crate::core::check_in`]. This module shows
//! the line, fires `attune:suggest` with the exercise and its options, points to that exercise
//! when the page already has it, and otherwise can open it inline: inside this widget's own
//! shadow root, on a container of its own, mounted like any other widget and unmounted with this
//! one. Nothing here diagnoses, scores, adds up or compares.

use crate::prelude::*;

use alloc::rc::{Rc, Weak};
use core::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlElement};

use super::clock::day_watch;
use super::dom::{
    attrs, clear, closest, find, find_all, focus, in_sight, press, set_field, set_text, show,
    Builder,
};
use super::events::{later, with_state, Detail, Listener, Pending, Queued};
use super::kit::{
    action_of, care_footer, crisis_line, data_value, nested_options, reflect_state, show_crisis,
    storage_notice, support_words, Contact, Ctx, MountResult, Nested, Opener, Others, View, Widget,
};
use super::session::{focus_inside, Keeper, Live};
use crate::core::check_in::{fits, suggestion, CheckInConfig, Point, Suggestion};
use crate::core::config::Config;
use crate::core::i18n::{text, Lang, Msg};
use crate::core::options::{Common, RawOptions};

const WIDGET: &str = "check-in";

struct Ui {
    /// The line's points, in `Point::ALL`'s order (by position).
    points: Vec<HtmlElement>,
    suggestion: HtmlElement,
    name: HtmlElement,
    reason: HtmlElement,
    go: HtmlElement,
    try_here: HtmlElement,
    close: HtmlElement,
    slot: HtmlElement,
    not_safe: HtmlElement,
    safety: HtmlElement,
    /// The crisis line (`crisis-text`, `crisis-href`) in the safety panel.
    crisis: Contact,
    /// The site's own contact (`support-text`, `support-href`) in the safety panel.
    support: Contact,
}

struct CheckIn {
    host: HtmlElement,
    build: Builder,
    lang: Lang,
    common: Common,
    cfg: CheckInConfig,
    ui: Ui,
    live: Live,
    keeper: Keeper,
    point: Option<Point>,
    /// The exercise opened inline, and the container it lives on.
    inline: Option<(Box<dyn Nested>, HtmlElement, &'static str)>,
    /// How to open it: the mount layer's, handed down.
    open: Opener,
    /// How to find the page's own copy of it: the mount layer's, handed down.
    others: Others,
    /// Which of the numb end's exercises is offered now.
    turn: u32,
    /// A suggestion made while the safety panel was open, which folds it away: said when the
    /// panel closes, not over its urgent lines.
    untold: bool,
    /// How often the numb end was chosen before (kept check-ins, then this visit's choices).
    numb_seen: u32,
    pending: Vec<Pending>,
}

impl Queued for CheckIn {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}

/// What to do once the check-in's state is let go of: mounting a widget or moving the focus to
/// another one both run page code (events), which may reach back into this widget.
#[derive(Default)]
enum After {
    #[default]
    Nothing,
    Mount {
        container: HtmlElement,
        widget: &'static str,
        raw: RawOptions,
    },
    Visit(Element),
}

/// The safety panel's contacts follow the page's options in place, an exercise opened inline
/// follows the check-in's look, and it goes when the check-in is unmounted.
impl Widget for CheckIn {
    fn unmounting(&mut self) {
        self.close_inline();
    }

    fn contacts_changed(&mut self, common: &Common) {
        self.common = common.clone();
        self.show_contacts();
    }

    fn inner(&self) -> Option<Box<dyn Nested>> {
        self.inline.as_ref().map(|(handle, _, _)| handle.share())
    }
}

/// Runs `f` on the check-in's state through [`with_state`] (its events fired once the state is
/// let go of), then does what `f` asked for after them.
fn with_check_in(weak: &Weak<RefCell<CheckIn>>, f: impl FnOnce(&mut CheckIn) -> After) {
    match with_state(weak, f) {
        After::Nothing => {}
        After::Visit(el) => visit(&el),
        After::Mount {
            container,
            widget,
            raw,
        } => {
            // The page's listeners may have unmounted the check-in meanwhile.
            let Some(rc) = weak.upgrade() else { return };
            let open = match rc.try_borrow() {
                Ok(c) => c.open,
                Err(_) => return,
            };
            let handle = open(container.clone(), widget.to_string(), raw);
            let kept = match rc.try_borrow_mut() {
                Ok(mut c) if container.is_connected() => {
                    c.inline = Some((handle, container.clone(), widget));
                    c.render_actions();
                    true
                }
                _ => {
                    handle.unmount();
                    false
                }
            };
            if kept {
                if let Some(first) = first_control(&container) {
                    focus(&first);
                }
            }
        }
    }
}

/// The suggested exercise's name, as the visitor would recognise it.
fn exercise_name(s: &Suggestion) -> Msg {
    match s.widget {
        "grounding" => Msg::GroundingTitle,
        "pleasure" => Msg::PleasureTitle,
        "breathing" => Msg::PatternExtended,
        _ if s.options.contains(&("variant", "palms")) => Msg::PalmsTitle,
        _ if s.options.contains(&("variant", "temperature")) => Msg::TemperatureTitle,
        _ => Msg::BodyScanTitle,
    }
}

/// Builds the check-in in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &CheckInConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    ctx.head("check-in", Msg::CheckInTitle, None, Msg::CheckInIntro)?;

    let line_box = b.el(base, "div", "line-box")?;
    let label = b.msg(&line_box, "p", "line-label", lang, Msg::CheckInLine)?;
    attrs(&label, &[("id", "line-label")]);
    let line = b.el(&line_box, "div", "line")?;
    attrs(
        &line,
        &[
            ("role", "toolbar"),
            ("aria-labelledby", "line-label"),
            ("part", "line"),
        ],
    );
    let mut points = Vec::new();
    for p in Point::ALL {
        let btn = b.el(&line, "button", "point")?;
        let index = crate::core::num::uint(u64::from(p.index()));
        attrs(
            &btn,
            &[
                ("type", "button"),
                ("data-action", "point"),
                ("data-value", &index),
                ("data-point", p.id()),
                ("part", "button point"),
            ],
        );
        let mark = b.el(&btn, "span", "mark")?;
        attrs(&mark, &[("aria-hidden", "true")]);
        b.put_text(&btn, "span", "point-label", text(lang, p.label()));
        points.push(btn);
    }
    press(&points, None);

    // The safety panel opens here, above the suggestion, which folds away meanwhile: when
    // someone is not safe, nothing else comes first. Its button stays quiet, below. What to do
    // comes first in it: the emergency line, where the focus goes (a screen reader reads it),
    // then the crisis line and the site's contact, which the live region says after it (so
    // nothing is heard twice); then when to get help (a heading, which a screen reader's list
    // of headings finds), and the quieter line about weeks of numbness.
    let safety = b.el(base, "div", "safety")?;
    attrs(&safety, &[("id", "safety"), ("part", "safety")]);
    safety.set_hidden(true);
    let emergency = b.msg(&safety, "p", "emergency", lang, Msg::EmergencyLine)?;
    attrs(&emergency, &[("tabindex", "-1")]);
    // The crisis line first: it is the more urgent of the two.
    let crisis = crisis_line(b, &safety, lang)?;
    let support = Contact::new(
        b.el(&safety, "p", "contact")?,
        text(lang, Msg::ContactSupport),
        "{support}",
        "support",
    );
    b.put_msg(&safety, "h3", "safety-title", lang, Msg::SafetyTitle);
    let signs = b.el(&safety, "ul", "signs")?;
    for m in [
        Msg::SafetyHarm,
        Msg::SafetyDetached,
        Msg::SafetySelfCare,
        Msg::SafetyInjury,
    ] {
        b.put_text(&signs, "li", "", text(lang, m));
    }
    b.put_msg(&safety, "p", "weeks", lang, Msg::SafetyWeeks);

    let sug = b.el(base, "div", "suggestion")?;
    attrs(&sug, &[("part", "suggestion")]);
    sug.set_hidden(true);
    b.put_msg(&sug, "p", "lead", lang, Msg::SuggestLead);
    let name = b.text(&sug, "h3", "suggestion-name", "")?;
    attrs(&name, &[("id", "suggestion-name")]);
    let reason = b.text(&sug, "p", "reason", "")?;
    let actions = b.el(&sug, "div", "controls")?;
    attrs(&actions, &[("part", "controls")]);
    let go = b.msg_button(&actions, "primary", lang, Msg::GoToExercise, "go")?;
    let try_here = b.msg_button(&actions, "primary", lang, Msg::TryHere, "try")?;
    let close = b.msg_button(&actions, "", lang, Msg::CloseInline, "close")?;
    for el in [&go, &try_here, &close] {
        el.set_hidden(true);
    }
    let slot = b.el(base, "div", "inline-slot")?;

    let safety_row = b.el(base, "div", "safety-row")?;
    let not_safe = b.msg_button(
        &safety_row,
        "quiet not-safe",
        lang,
        Msg::NotSafe,
        "not-safe",
    )?;
    attrs(
        &not_safe,
        &[
            ("aria-expanded", "false"),
            ("aria-controls", "safety"),
            ("part", "button not-safe"),
        ],
    );

    let live = Live::new(b, base)?;
    let keeper = Keeper::open(ctx);
    let numb_seen = keeper
        .vault()
        .items()
        .iter()
        .filter(|r| r.widget == WIDGET && r.point == Some(Point::ShutDown.index()))
        .count() as u32;
    storage_notice(ctx, keeper.vault())?;
    care_footer(ctx)?;

    let state = Rc::new(RefCell::new(CheckIn {
        host: ctx.host.clone(),
        build: b.clone(),
        lang,
        common: ctx.common.clone(),
        cfg: cfg.clone(),
        ui: Ui {
            points,
            suggestion: sug,
            name,
            reason,
            go,
            try_here,
            close,
            slot,
            not_safe,
            safety,
            crisis,
            support,
        },
        live,
        keeper,
        point: None,
        inline: None,
        open: ctx.open,
        others: ctx.others,
        turn: 0,
        untold: false,
        numb_seen,
        pending: Vec::new(),
    }));
    if let Ok(mut c) = state.try_borrow_mut() {
        c.show_contacts();
    }
    reflect_state(ctx.host, "idle", None);

    let weak = Rc::downgrade(&state);
    let w = weak.clone();
    let on_click = Listener::new(base, "click", move |e: Event| {
        let Some((action, el)) = action_of(&e) else {
            return;
        };
        // Clicks inside an exercise opened inline are its own business.
        if closest(&el, ".inline-slot").is_some() {
            return;
        }
        with_check_in(&w, |c| match action.as_str() {
            "point" => {
                c.choose(data_value(&el).and_then(|v| Point::from_index(v as u8)));
                After::Nothing
            }
            "go" => c.go(),
            "try" => c.open_inline(),
            "close" => {
                let had_focus = focus_inside(&c.host);
                c.close_inline();
                c.render_actions();
                if had_focus {
                    focus(&c.ui.try_here);
                }
                After::Nothing
            }
            "not-safe" => {
                c.toggle_safety();
                After::Nothing
            }
            _ => After::Nothing,
        });
    });
    let ready = Pending::new(
        "attune:ready",
        Detail::new(WIDGET).text("version", crate::VERSION),
    );
    let (on_return, ticker) = day_watch(ctx.host, &weak, CheckIn::check_day);
    let mut listeners = vec![on_click];
    listeners.extend(on_return);
    View::mounted(state, listeners, Some(ticker), vec![ready])
}

/// The page's own copy of the suggested exercise, if it has one the visitor can see, running
/// beside the check-in with options that make the same exercise (see [`fits`]): a 4-7-8 pacer
/// on the page is no match for "a longer out-breath". By the options it runs with, not its
/// attributes: the page may have mounted it over any element, or over a tag with options of
/// its own. (The loader mounts every widget on the page once the engine is in, so a tag not
/// running yet is one that has just been added.)
fn on_page(host: &HtmlElement, s: &Suggestion, others: Others) -> Option<Element> {
    let w = s.widget;
    // Where the check-in is: the page's document, or the shadow root of the component (an app
    // built of web components) that holds it and its exercises.
    others(&host.get_root_node(), w, &|el, raw| {
        // One the visitor can't see (hidden by the page's CSS or `hidden`, in a closed
        // <details>, a tab panel not shown, still waiting for its words) can't be gone to: it
        // opens here instead.
        in_sight(el) && Config::parse(w, raw, None).is_ok_and(|c| fits(s, c.widget.page_widget()))
    })
}

/// The first visible button or field inside a widget's shadow root.
fn first_control(host: &Element) -> Option<HtmlElement> {
    let root = host.shadow_root()?;
    let list = find_all(&root, "button, input, a[href]");
    (0..list.length())
        .filter_map(|i| Some(list.item(i)?.unchecked_into::<HtmlElement>()))
        .find(|el| closest(el, "[hidden]").is_none())
}

/// Brings another widget on the page into view and puts the focus on its title: a screen
/// reader, taken far down the page, hears which exercise it is in (its first control alone,
/// "Start, button", said nothing of where), and the next Tab is that control; on that control
/// where the page hides the title.
fn visit(el: &Element) {
    // Its box, which a host the page made `display: contents` does not have.
    let target = super::dom::widget_box(el);
    super::dom::to_view(
        target.as_ref().unwrap_or(el),
        web_sys::ScrollLogicalPosition::Start,
    );
    let root = el.shadow_root();
    if let Some(title) = root.as_ref().and_then(|r| find(r, ".title")) {
        super::dom::focus_in_place(title.unchecked_ref());
    }
    // A title the page hides (`::part(title) { display: none }`) takes no focus.
    if root.and_then(|r| r.active_element()).is_none() {
        if let Some(first) = first_control(el) {
            super::dom::focus_in_place(&first);
        }
    }
}

impl CheckIn {
    /// The safety panel's crisis line and site contact, from the current options: a live link
    /// only where the option parser let a safe one through, plain words otherwise, nothing when
    /// the site gave none (the emergency line then stands on its own).
    fn show_contacts(&mut self) {
        let (c, b, lang) = (&self.common, &self.build, self.lang);
        show_crisis(&mut self.ui.crisis, b, c);
        let _ = self
            .ui
            .support
            .show(b, support_words(c, lang), c.support_href.as_deref());
    }

    fn suggested(&self) -> Option<Suggestion> {
        self.point.map(|p| suggestion(p, self.turn))
    }

    /// Tells a screen reader the suggestion: its lead, the exercise and why.
    fn say_suggestion(&mut self, s: &Suggestion) {
        let lang = self.lang;
        self.live.say(
            &[
                text(lang, Msg::SuggestLead),
                " ",
                text(lang, exercise_name(s)),
                ". ",
                text(lang, s.reason),
            ]
            .cat(),
        );
    }

    /// The visitor tapped a point: show and fire the fitting suggestion, keep the moment.
    fn choose(&mut self, point: Option<Point>) {
        let Some(point) = point else { return };
        // A page left open overnight: the morning's answer is a new check-in, not a change to
        // yesterday's.
        if self.keeper.from_earlier_day() {
            self.keeper.forget();
        }
        // The same point again (a second tap, a double click) is no new answer: nothing to
        // keep, say or tell the page. The page may have changed since, so where the suggestion
        // points (here, or to the page's own exercise) is looked at again.
        if self.point == Some(point) && self.keeper.has_record() {
            self.render_actions();
            return;
        }
        let old = self.suggested();
        if point == Point::ShutDown && self.point != Some(point) {
            // The numb end offers its gentle exercises in turn, not the same one every time:
            // counted over the visits kept in storage, and the choices of this one.
            self.turn = self.numb_seen;
            self.numb_seen = self.numb_seen.wrapping_add(1);
        }
        self.point = Some(point);
        let s = suggestion(point, self.turn);
        if old.map(|o| (o.widget, o.options)) != Some((s.widget, s.options)) {
            self.close_inline();
        }
        press(&self.ui.points, Some(u32::from(point.index())));
        let lang = self.lang;
        set_text(&self.ui.name, text(lang, exercise_name(&s)));
        set_text(&self.ui.reason, text(lang, s.reason));
        show(&self.ui.suggestion, true);
        self.untold = !self.ui.safety.hidden();
        // Seen where it appears: with large text on a phone, it begins a screen below the
        // point tapped, which stays on the screen too.
        if let Some(p) = self
            .ui
            .points
            .get(usize::from(point.index()))
            .filter(|_| !self.untold)
        {
            super::dom::to_view_keeping(&self.ui.name, p);
        }
        let present = self.render_actions();
        reflect_state(&self.host, "done", None);
        if !self.untold {
            self.say_suggestion(&s);
        }

        let options = js_sys::Object::new();
        for (k, v) in s.options {
            set_field(&options, k, &JsValue::from_str(v));
        }
        let position = f64::from(point.index());
        self.pending.push(Pending::new(
            "attune:step",
            Detail::new(WIDGET)
                .text("step", "suggestion")
                .num("index", 1.0)
                .text("point", point.id())
                .num("position", position),
        ));
        self.pending.push(Pending::new(
            "attune:suggest",
            Detail::new(s.widget)
                .text("point", point.id())
                .value("options", &options)
                .flag("on_page", present)
                .text("from", WIDGET),
        ));
        self.pending.push(Pending::new(
            "attune:complete",
            Detail::new(WIDGET)
                .text("point", point.id())
                .num("position", position)
                .text("suggested", s.widget),
        ));
        let tags = vec![["point:", point.id()].cat(), ["suggest:", s.widget].cat()];
        let edit = |r: &mut crate::core::records::SessionRecord| {
            r.completed = true;
            r.point = Some(point.index());
            r.tags = tags.clone();
        };
        let mut entry = self.keeper.save(WIDGET, WIDGET, edit);
        if entry.is_none() && !self.keeper.has_record() {
            // The check-in's record was deleted elsewhere ("Delete everything") since the last
            // answer: this answer is a new check-in, which holds nothing of the deleted one.
            self.keeper.forget();
            entry = self.keeper.save(WIDGET, WIDGET, edit);
        }
        self.pending.extend(entry);
    }

    /// A new day on a page left open: yesterday's answer no longer shows as the visitor's
    /// answer now (an exercise open below it stays as it is).
    fn check_day(&mut self) {
        if self.inline.is_some() || !self.keeper.from_earlier_day() {
            return;
        }
        self.keeper.forget();
        self.point = None;
        press(&self.ui.points, None);
        show(&self.ui.suggestion, false);
        reflect_state(&self.host, "idle", None);
    }

    /// Which of "go to it", "try it here" and "close it" fit now. Whether the page has the
    /// exercise (for `attune:suggest`, from the same look).
    fn render_actions(&self) -> bool {
        let Some(s) = self.suggested() else {
            return false;
        };
        let present = on_page(&self.host, &s, self.others).is_some();
        let open = self.inline.is_some();
        show(&self.ui.go, present && !open);
        show(&self.ui.try_here, !present && !open && self.cfg.inline);
        show(&self.ui.close, open);
        present
    }

    fn go(&mut self) -> After {
        let Some(s) = self.suggested() else {
            return After::Nothing;
        };
        match on_page(&self.host, &s, self.others) {
            Some(el) => After::Visit(el),
            None => {
                // It left the page since: offer it here instead.
                self.render_actions();
                After::Nothing
            }
        }
    }

    /// Opens the suggested exercise below, with this widget's language, storage, theme and
    /// contacts.
    fn open_inline(&mut self) -> After {
        let Some(s) = self.suggested() else {
            return After::Nothing;
        };
        if self.inline.is_some() || !self.cfg.inline {
            return After::Nothing;
        }
        let Ok(container) = self.build.el(&self.ui.slot, "div", "inline-widget");
        attrs(&container, &[("part", "inline"), ("data-widget", s.widget)]);
        let c = &self.common;
        let mut pairs: Vec<(String, String)> = s
            .options
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .vec();
        pairs.extend(nested_options(c));
        show(&self.ui.try_here, false);
        After::Mount {
            container,
            widget: s.widget,
            raw: RawOptions::new(pairs),
        }
    }

    fn close_inline(&mut self) {
        if let Some((handle, container, _)) = self.inline.take() {
            handle.unmount();
            container.remove();
        }
        clear(&self.ui.slot);
    }

    fn toggle_safety(&mut self) {
        let open = self.ui.safety.hidden();
        let in_panel = self
            .host
            .shadow_root()
            .and_then(|r| r.active_element())
            .is_some_and(|a| self.ui.safety.contains(Some(&a)));
        show(&self.ui.safety, open);
        attrs(
            &self.ui.not_safe,
            &[("aria-expanded", if open { "true" } else { "false" })],
        );
        // The suggestion and an exercise opened here fold away while the panel is open (the
        // stylesheet's doing: they follow the panel).
        if open {
            // An exercise running here pauses, through its own Pause, so the visitor comes
            // back to it where they left it.
            if let Some((_, container, _)) = &self.inline {
                let running =
                    |c: &HtmlElement| c.get_attribute("data-state").as_deref() == Some("running");
                let pause = container
                    .shadow_root()
                    .filter(|_| running(container))
                    .and_then(|root| find(&root, "[data-action=toggle]"));
                if let Some(pause) = pause {
                    // Once this click listener has returned: the click bubbles up to it. Still
                    // running then: Pause is a toggle, and the panel may have been opened twice
                    // in one task (a script's clicks), each open queueing a click.
                    let container = container.clone();
                    later(move || {
                        if running(&container) {
                            pause.unchecked_ref::<HtmlElement>().click();
                            // Paused without a word: the panel's urgent lines are what a
                            // screen reader says now, not "Resume when you like" beside them.
                            if let Some(live) = container
                                .shadow_root()
                                .and_then(|r| find(&r, "[aria-live]"))
                            {
                                live.set_text_content(None);
                            }
                        }
                    });
                }
            }
            // The panel opens above, away from its button. Its urgent lines (the emergency line,
            // the crisis line, the site's contact) come into view, the last at the foot of the
            // screen, so a small phone shows the numbers; the focus goes to the first, so the
            // keyboard and a screen reader are where the words are.
            let lines = find_all(&self.ui.safety, ".emergency, .contact:not([hidden])");
            if let Some(last) = lines.item(lines.length().saturating_sub(1)) {
                super::dom::to_view(last.unchecked_ref(), web_sys::ScrollLogicalPosition::End);
            }
            if let Some(first) = self.ui.safety.first_element_child() {
                super::dom::focus_in_place(first.unchecked_ref());
            }
            self.live.say(&urgent_lines(&self.ui.safety));
        } else {
            match self
                .suggested()
                .filter(|_| core::mem::take(&mut self.untold))
            {
                Some(s) => self.say_suggestion(&s),
                None => self.live.say(""),
            }
            // The exercise paused as the panel opened unfolds above its button: the focus goes
            // to its Resume, which comes into view with it (not left above a phone's screen)
            // and tells a screen reader the exercise is waiting.
            let resume = self
                .inline
                .as_ref()
                .filter(|(_, c, _)| c.get_attribute("data-state").as_deref() == Some("paused"))
                .and_then(|(_, c, _)| c.shadow_root())
                .and_then(|r| find(&r, "[data-action=toggle]"));
            if in_panel {
                // Closed from inside (Escape): the focus goes back to its button, not into the
                // exercise, where a second Escape would stop it.
                focus(&self.ui.not_safe);
            } else if let Some(resume) = resume {
                super::dom::focus(resume.unchecked_ref());
            }
        }
    }
}

/// What the live region says as the safety panel opens: the two contact lines after the
/// emergency line (crisis line, then the site's) where shown, a sentence each (not the panel's
/// text run together). The emergency line itself has the focus, and is read from there.
fn urgent_lines(panel: &HtmlElement) -> String {
    let mut out = String::new();
    let mut line = panel.first_element_child();
    for _ in 0..2 {
        let Some(el) = line.and_then(|l| l.next_element_sibling()) else {
            break;
        };
        if !el.unchecked_ref::<HtmlElement>().hidden() {
            let said = el.text_content().unwrap_or_default();
            out.push_str(&said);
            // A line that ends a sentence itself (a site's words may) gets no second stop.
            if said.as_bytes().last() != Some(&b'.') {
                out.push('.');
            }
            out.push(' ');
        }
        line = Some(el);
    }
    out
}
