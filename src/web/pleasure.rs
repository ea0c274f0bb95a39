//! The screen of the micro-pleasure tracker.
//!
//! Logging goes in steps, one screen each: pick one small act (the built-in suggestions, the
//! clinician's `suggestions`, or the visitor's own words); "go and do it, come back when you're
//! ready" (the pick is stored, so it waits through a reload, and can be changed or dropped);
//! "did anything shift, even 1 or 2 percent?" on an optional 0-10 scale; the tiny signals; saved,
//! with one warm line. "I've already done it" skips the waiting. History, shown from the first
//! entry on: a 14- or 30-day chart drawn as inline SVG (with a text alternative and a legend),
//! what seemed to help, the last few entries (each can be edited or deleted) and one gentle
//! sentence. Below, the shared "your records" panel ([`super::data`]).
//!
//! State on the host: `data-state="idle"` while logging, `"done"` just after a save (until the
//! visitor starts the next entry). Events: `attune:ready`; `attune:entry` on each save (the
//! entry's id, act id, shift and signal ids, `edited` when an entry was changed; never the
//! words typed); then, for a new entry, `attune:complete` (whether anything shifted, how many
//! entries are kept, and on how many of the last 7 days something shifted).

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::clock::{day_watch, local_day, local_minute, random_u32, wall_ms};
use super::data::{self, save_notice, DataUi, Outcome, RecordWidget, Vaults};
use super::dom::{
    attrs, clear, find, find_all, focus, key, press, scale, set_msg, set_text, show, target,
    Builder, DomResult,
};
use super::events::{listen, Detail, Pending, Queued};
use super::kit::{
    care_footer, confirm, notice_hook, on_actions, reflect_state, set_notice, storage_notice, Ctx,
    MountResult, View, Widget,
};
use super::storage::Notice;
use crate::core::days::LocalDay;
use crate::core::i18n::{decimal_comma, fill, text, Lang, Msg};
use crate::core::num::{push_secs, uint};
use crate::core::pleasure::{
    act_label, bars, chart, chart_alt, current_pick, day_label, newest_first, signal_ids, summary,
    summary_text, to_csv, top_acts, BarKind, PleasureConfig, PleasureEntry, Status, ACTS,
    MAX_ENTRY_TEXT, OWN, SIGNALS, SITE,
};
use crate::core::records::{clean_text, new_id, rtl_first, stamp, Kind};

/// SVG's namespace, for elements made with `createElementNS`.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The chart's drawing box, in SVG units: bars stand on `CHART_H`.
const CHART_W: f64 = 300.0;
const CHART_H: f64 = 80.0;

/// How many entries the "recently" list shows, and how many acts "what seemed to help".
const RECENT: usize = 5;
const TOP: usize = 5;

/// One suggestion button: a built-in act, or one of the clinician's.
struct Choice {
    act: &'static str,
    text: Option<String>,
}

/// The logging flow, one screen at a time, so each fits a phone without scrolling and the
/// visitor is sent off to actually do the thing before being asked about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Pick one small thing, or write your own.
    Pick,
    /// "Take your time; come back when you're ready." The pick is stored meanwhile.
    Away,
    /// "Did anything shift, even 1 or 2 percent?"
    Shift,
    /// The tiny signals, then Save.
    Signals,
    /// Saved, with one warm line.
    Saved,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Pick,
        Step::Away,
        Step::Shift,
        Step::Signals,
        Step::Saved,
    ];

    fn name(self) -> &'static str {
        match self {
            Step::Pick => "pick",
            Step::Away => "away",
            Step::Shift => "shift",
            Step::Signals => "signals",
            Step::Saved => "saved",
        }
    }
}

struct Ui {
    build: Builder,
    notice: HtmlElement,
    /// One box per [`Step`], in `Step::ALL` order; only the current one is shown.
    steps: Vec<HtmlElement>,
    /// Where focus goes when each step opens (its question or title).
    leads: Vec<HtmlElement>,
    editing: HtmlElement,
    chips: Vec<HtmlElement>,
    own: HtmlInputElement,
    go: HtmlElement,
    now: HtmlElement,
    cancel: HtmlElement,
    pick_what: HtmlElement,
    pick_when: HtmlElement,
    dropped: HtmlElement,
    points: Vec<HtmlElement>,
    signals: Vec<HtmlElement>,
    save: HtmlElement,
    need: HtmlElement,
    saved: HtmlElement,
    history: HtmlElement,
    summary: HtmlElement,
    ranges: Vec<HtmlElement>,
    chart: HtmlElement,
    top: HtmlElement,
    recent: HtmlElement,
    said: HtmlElement,
}

struct Tracker {
    host: HtmlElement,
    lang: Lang,
    choices: Vec<Choice>,
    vaults: Vaults,
    ui: Ui,
    data: DataUi,
    step: Step,
    choice: Option<usize>,
    shift: Option<u8>,
    signals: u16,
    /// The stored pick this flow completes, if the visitor chose "I'll try this".
    pick_id: Option<String>,
    /// That pick is being changed ("Change it"): Cancel, or Escape, leaves it as it was.
    changing: bool,
    /// This tab's pick, logged in another tab while it was being answered here: an answer
    /// saved here takes its place, so one pick is never logged twice.
    answered: Option<String>,
    /// The answers were opened from a pick's card ("I'm back"), so Back leads to the card.
    via_card: bool,
    /// The entry being changed, if the visitor chose Edit on one.
    editing: Option<PleasureEntry>,
    /// The entry whose "Delete?" question is open.
    confirming: Option<String>,
    /// The entry the "Saved" step confirms, so that step goes when the entry is deleted.
    saved: Option<String>,
    range: u32,
    today: LocalDay,
    pending: Vec<Pending>,
}

/// Shows nothing of the contacts beyond the care footer, which the mount keeps; a summary open in
/// its records panel follows its look.
impl Widget for Tracker {
    fn inner(&self) -> Option<Box<dyn super::kit::Nested>> {
        self.data.nested()
    }
}

impl RecordWidget for Tracker {
    fn vaults(&mut self) -> &mut Vaults {
        &mut self.vaults
    }

    fn records_panel(&mut self) -> Option<(&mut Vaults, &data::DataUi)> {
        Some((&mut self.vaults, &self.data))
    }

    fn records_changed(&mut self) {
        // "The entry was deleted." was about an entry of before an import, "Delete
        // everything" or another tab's change: it would stand beside what is said of those.
        set_text(&self.ui.said, "");
        self.redraw();
    }
}

impl Tracker {
    /// Shows the records again after a change made here.
    fn redraw(&mut self) {
        self.render_history();
        self.data.refresh(&mut self.vaults);
        let notice = data::notice_of(&mut self.vaults, Kind::Pleasure);
        set_notice(self.lang, &self.ui.notice, notice);
        self.sync_pick();
    }
}

impl Queued for Tracker {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}

/// A step's box: hidden until shown, with its question or title as the place focus goes.
fn step_box(b: &Builder, log: &HtmlElement, step: Step) -> DomResult<HtmlElement> {
    let el = b.el(log, "div", "step")?;
    attrs(&el, &[("data-step", step.name())]);
    el.set_hidden(step != Step::Pick);
    Ok(el)
}

/// A question line that names a group and takes focus when its step opens.
fn lead(
    b: &Builder,
    parent: &HtmlElement,
    id: &str,
    lang: Lang,
    msg: Msg,
) -> DomResult<HtmlElement> {
    // A heading: a screen reader can find each step's question as it finds the scans' steps.
    let q = b.msg(parent, "h3", "q", lang, msg)?;
    attrs(&q, &[("id", id), ("tabindex", "-1")]);
    Ok(q)
}

/// A row of toggle chips (`aria-pressed`), each `data-action=action`, `data-value` its index.
fn chip_row<'a>(
    b: &Builder,
    parent: &HtmlElement,
    class: &str,
    labelled_by: &str,
    part: &str,
    labels: impl Iterator<Item = &'a str>,
    action: &str,
) -> DomResult<Vec<HtmlElement>> {
    let row = b.el(parent, "div", class)?;
    attrs(
        &row,
        &[
            ("role", "group"),
            ("aria-labelledby", labelled_by),
            ("part", part),
        ],
    );
    let mut chips = Vec::new();
    for (i, label) in labels.enumerate() {
        let chip = b.button(&row, "chip", label, action)?;
        attrs(
            &chip,
            &[("data-value", &uint(i as u64)), ("aria-pressed", "false")],
        );
        chips.push(chip);
    }
    Ok(chips)
}

/// The row of buttons at the foot of a step.
fn controls(b: &Builder, parent: &HtmlElement) -> DomResult<HtmlElement> {
    let row = b.el(parent, "div", "controls")?;
    attrs(&row, &[("part", "controls")]);
    Ok(row)
}

fn primary(
    b: &Builder,
    row: &HtmlElement,
    lang: Lang,
    msg: Msg,
    action: &str,
) -> DomResult<HtmlElement> {
    let btn = b.msg_button(row, "primary", lang, msg, action)?;
    attrs(&btn, &[("part", "button primary")]);
    Ok(btn)
}

/// Builds the tracker in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &PleasureConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    let t = |m| text(lang, m);
    ctx.head("pleasure", Msg::PleasureTitle, None, Msg::PleasureIntro)?;
    let mut vaults = Vaults::new(ctx.common, Kind::Pleasure);
    let notice = storage_notice(ctx, vaults.pleasure())?;

    let log = b.el(base, "div", "log")?;
    attrs(&log, &[("part", "log")]);
    let editing = b.text(&log, "p", "editing", "")?;
    editing.set_hidden(true);
    attrs(&editing, &[("id", "editing")]);

    // 1. Pick.
    let pick = step_box(b, &log, Step::Pick)?;
    let pick_q = lead(b, &pick, "pick", lang, Msg::PleasurePick)?;
    // Opened to change an entry, the focus comes to this question: a screen reader hears that
    // it is changing the entry of that day, which the line above says (empty otherwise).
    attrs(&pick_q, &[("aria-describedby", "editing")]);
    let choices: Vec<Choice> = match &cfg.suggestions {
        Some(list) => list
            .iter()
            .map(|t| Choice {
                act: SITE,
                text: Some(t.clone()),
            })
            .vec(),
        None => ACTS
            .iter()
            .map(|a| Choice {
                act: a.id,
                text: None,
            })
            .vec(),
    };
    let chips = chip_row(
        b,
        &pick,
        "chips",
        "pick",
        "suggestions",
        choices
            .iter()
            .map(|c| act_label(lang, c.act, c.text.as_deref())),
        "act",
    )?;
    let own_row = b.el(&pick, "div", "own")?;
    let own_label = b.msg(&own_row, "label", "", lang, Msg::PleasureOwnLabel)?;
    attrs(&own_label, &[("for", "own")]);
    let own: HtmlInputElement = b.el(&own_row, "input", "")?.unchecked_into();
    attrs(
        &own,
        &[
            ("type", "text"),
            ("id", "own"),
            ("maxlength", &uint(MAX_ENTRY_TEXT as u64)),
            ("autocomplete", "off"),
            ("part", "input"),
        ],
    );
    let need = b.el(&pick, "p", "need")?;
    attrs(&need, &[("role", "alert")]);
    need.set_hidden(true);
    let dropped = b.text(&pick, "p", "dropped", "")?;
    attrs(&dropped, &[("role", "status")]);
    let row = controls(b, &pick)?;
    let go = primary(b, &row, lang, Msg::PleasureGo, "go")?;
    let now = b.msg_button(&row, "quiet", lang, Msg::PleasureDoneAlready, "now")?;
    let cancel = b.msg_button(&row, "quiet", lang, Msg::Cancel, "cancel")?;
    cancel.set_hidden(true);

    // 2. Away: go and do it.
    let away = step_box(b, &log, Step::Away)?;
    let away_q = lead(b, &away, "away-q", lang, Msg::PleasureAwayTitle)?;
    let card = b.el(&away, "div", "pick-card")?;
    b.put_msg(&card, "p", "pick-label", lang, Msg::PleasureYourPick);
    let pick_what = b.text(&card, "p", "pick-what", "")?;
    let pick_when = b.text(&card, "p", "pick-when", "")?;
    // The pick waits through a reload only where the browser keeps it: not with `storage`
    // "none" or "session" (gone with the tab), nor where storage refused us.
    let lasting =
        vaults.lasting() && matches!(vaults.pleasure().notice(), None | Some(Notice::KeptAside));
    let away_hint = if lasting {
        Msg::PleasureAway
    } else {
        Msg::PleasureAwayHere
    };
    b.put_msg(&away, "p", "hint", lang, away_hint);
    let row = controls(b, &away)?;
    primary(b, &row, lang, Msg::PleasureBack, "back")?;
    b.put_msg_button(&row, "quiet", lang, Msg::PleasureChange, "change");
    b.put_msg_button(&row, "quiet", lang, Msg::PleasureDrop, "drop");

    // 3. Did anything shift?
    let shift = step_box(b, &log, Step::Shift)?;
    let shift_q = lead(b, &shift, "shift-q", lang, Msg::ShiftQuestion)?;
    let points = scale(
        b,
        &shift,
        "shift-q",
        t(Msg::ShiftLow),
        t(Msg::ShiftHigh),
        "shift",
    )?;
    let row = controls(b, &shift)?;
    primary(b, &row, lang, Msg::Next, "next")?;
    b.put_msg_button(&row, "quiet", lang, Msg::Back, "prev");

    // 4. Tiny signals.
    let sig = step_box(b, &log, Step::Signals)?;
    let sig_q = lead(b, &sig, "signals-q", lang, Msg::SignalsQuestion)?;
    let signals = chip_row(
        b,
        &sig,
        "chips signals",
        "signals-q",
        "signals",
        SIGNALS.iter().map(|s| t(s.msg)),
        "signal",
    )?;
    b.put_msg(&sig, "p", "hint", lang, Msg::SignalsNote);
    let row = controls(b, &sig)?;
    let save = primary(b, &row, lang, Msg::Save, "save")?;
    b.put_msg_button(&row, "quiet", lang, Msg::Back, "prev");

    // 5. Saved.
    let done = step_box(b, &log, Step::Saved)?;
    // Not a live region: the focus always moves here after a save, and is heard (said again by
    // a live region, it was heard twice). A write that fails later is said by the notice line.
    let saved = b.el(&done, "p", "saved")?;
    attrs(&saved, &[("tabindex", "-1")]);
    b.put_msg(&done, "p", "hint", lang, Msg::PleasureDimmer);
    // An ordinary button, not the filled one: one small thing is enough for today, and another
    // is there without being the next thing asked of the visitor.
    let row = controls(b, &done)?;
    b.put_msg_button(&row, "", lang, Msg::PleasureAgain, "again");

    // History: nothing of it until the first entry.
    let history = b.el(base, "section", "history")?;
    attrs(
        &history,
        &[("aria-labelledby", "history-title"), ("part", "history")],
    );
    let h = b.msg(&history, "h3", "", lang, Msg::HistoryTitle)?;
    attrs(&h, &[("id", "history-title"), ("tabindex", "-1")]);
    let summary_line = b.text(&history, "p", "summary", "")?;
    attrs(&summary_line, &[("part", "summary")]);
    let range_row = b.el(&history, "div", "range")?;
    attrs(
        &range_row,
        &[("role", "group"), ("aria-label", t(Msg::ChartRange))],
    );
    let mut ranges = Vec::new();
    for (days, msg) in [(14u64, Msg::Last14), (30, Msg::Last30)] {
        let r = b.button(&range_row, "seg", t(msg), "range")?;
        attrs(
            &r,
            &[
                ("data-value", &uint(days)),
                ("aria-pressed", if days == 14 { "true" } else { "false" }),
            ],
        );
        ranges.push(r);
    }
    let chart_box = b.el(&history, "div", "chart")?;
    attrs(&chart_box, &[("part", "chart")]);
    let legend = b.el(&history, "ul", "legend")?;
    for (class, msg) in [("logged", Msg::LegendTried), ("shift", Msg::LegendShift)] {
        let li = b.el(&legend, "li", "")?;
        let swatch = b.el(&li, "span", ["swatch ", class].cat().as_str())?;
        attrs(&swatch, &[("aria-hidden", "true")]);
        b.put_text(&li, "span", "", t(msg));
    }
    b.put_msg(&history, "h4", "", lang, Msg::TopActsTitle);
    let top = b.el(&history, "div", "top")?;
    b.put_msg(&history, "h4", "", lang, Msg::PleasureRecent);
    let recent = b.el(&history, "ul", "recent")?;
    attrs(&recent, &[("part", "entries")]);
    // Beside the history, not in it: it says so when the last entry is deleted, and the
    // history goes with it.
    let said = b.el(base, "p", "said")?;
    attrs(&said, &[("role", "status")]);
    vaults.pleasure().on_notice(notice_hook(
        lang,
        &notice,
        vec![saved.clone(), said.clone()],
    ));

    let data_ui = data::build(ctx, base, true)?;
    care_footer(ctx)?;

    let ui = Ui {
        build: b.clone(),
        notice,
        steps: vec![pick, away, shift, sig, done],
        leads: vec![pick_q, away_q, shift_q, sig_q, saved.clone()],
        editing,
        chips,
        own: own.clone(),
        go,
        now,
        cancel,
        pick_what,
        pick_when,
        dropped,
        points,
        signals,
        save,
        need,
        saved,
        history,
        summary: summary_line,
        ranges,
        chart: chart_box,
        top,
        recent,
        said,
    };
    let state = Rc::new(RefCell::new(Tracker {
        host: ctx.host.clone(),
        lang,
        choices,
        vaults,
        ui,
        data: data_ui,
        step: Step::Pick,
        choice: None,
        shift: None,
        signals: 0,
        pick_id: None,
        changing: false,
        answered: None,
        via_card: false,
        editing: None,
        confirming: None,
        saved: None,
        range: 14,
        today: local_day(wall_ms()),
        pending: Vec::new(),
    }));
    let weak = Rc::downgrade(&state);
    let (count, panel) = {
        let t = &mut *state.borrow_mut();
        t.render_history();
        t.data.refresh(&mut t.vaults);
        t.sync_pick();
        reflect_state(&t.host, "idle", None);
        let count = newest_first(&t.vaults.pleasure().items()).len();
        (count, data::on_panel(&t.data, &weak))
    };

    let on_click = on_actions(base, &weak, Tracker::on_action);
    let on_input = listen(&own, "input", &weak, |t: &mut Tracker, _| t.typed());
    // Enter in the own-words field chooses it; Escape anywhere in the steps while an entry is
    // being changed leaves it unchanged, as Cancel does (on the later steps only Back led there),
    // and so does Escape while a pick is being changed.
    let on_key = listen(&log, "keydown", &weak, |t: &mut Tracker, e| {
        let Some(el) = target(e) else { return };
        match key(e).as_deref() {
            Some("Enter") if el.id() == "own" => t.go(false),
            Some("Escape") if t.editing.is_some() || t.changing => t.on_action("cancel", &el),
            _ => return,
        }
        e.prevent_default();
    });
    let mut listeners = vec![on_click, on_input, on_key];
    listeners.extend(panel);
    listeners.extend(data::watch(&weak));
    let (on_return, ticker) = day_watch(ctx.host, &weak, Tracker::check_day);
    listeners.extend(on_return);

    let ready = Pending::new(
        "attune:ready",
        Detail::new("pleasure")
            .text("version", crate::VERSION)
            .num("entries", count as f64),
    );
    View::mounted(state, listeners, Some(ticker), vec![ready])
}

/// The `data-value` of a clicked element as a small index.
fn index_of(el: &Element) -> Option<usize> {
    el.get_attribute("data-value")?.parse::<usize>().ok()
}

fn pressed(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

impl Tracker {
    fn on_action(&mut self, action: &str, el: &Element) {
        match action {
            "act" => {
                let i = index_of(el);
                // The words typed stay, greyed while a suggestion is pressed: let go of it, or
                // type, and they are the choice again (they were emptied, and lost).
                self.choice = if self.choice == i { None } else { i };
                self.show_choice();
                self.editing();
            }
            "go" => self.go(false),
            "now" => self.go(true),
            "back" => {
                self.via_card = true;
                self.open(Step::Shift);
            }
            "change" => {
                self.restore_pick();
                self.changing = true;
                self.open(Step::Pick);
            }
            "drop" => self.drop_pick(),
            "next" => self.open(Step::Signals),
            "prev" => {
                let to = match self.step {
                    Step::Signals => Step::Shift,
                    _ if self.via_card && self.editing.is_none() => {
                        // Back to the card of the pick as stored now: since "I'm back",
                        // another tab may have changed it, logged it, or let it go and
                        // picked another.
                        self.step = Step::Away;
                        self.sync_pick();
                        self.step
                    }
                    _ => Step::Pick,
                };
                self.open(to);
            }
            "shift" => {
                let v = index_of(el).map(|v| v.min(10) as u8);
                self.shift = if self.shift == v { None } else { v };
                press(&self.ui.points, self.shift.map(u32::from));
                self.editing();
            }
            "signal" => {
                if let Some(s) = index_of(el).and_then(|i| SIGNALS.get(i)) {
                    self.signals ^= s.bit;
                    self.show_signals();
                }
                self.editing();
            }
            "save" => self.save(),
            "again" => {
                self.fresh();
                set_text(&self.ui.saved, "");
                reflect_state(&self.host, "idle", None);
                self.open(Step::Pick);
            }
            "cancel" => {
                let edited = self.editing.take();
                self.fresh();
                // A pick waiting comes back into the controls: its card, and "I'm back", were
                // left with nothing.
                self.restore_pick();
                self.sync_pick();
                let to = if self.pick_id.is_some() {
                    Step::Away
                } else {
                    Step::Pick
                };
                self.open(to);
                // Back where the visitor chose Edit, as Save and "Keep it" do, not ten Tab
                // stops above it.
                if let Some(e) = edited {
                    self.focus_entry_button("entry-edit", &e.id);
                }
            }
            "entry-edit" => {
                if let Some(id) = el.get_attribute("data-value") {
                    self.edit(&id);
                }
            }
            "entry-delete" => {
                self.confirming = el.get_attribute("data-value");
                self.render_recent();
                // On "Keep it", as every confirm step does: the question is read as its
                // group's name, and Enter or Escape keeps the entry.
                self.focus_in_recent("[data-action=entry-keep]");
            }
            "entry-keep" => {
                let id = self.confirming.take();
                self.render_recent();
                if let Some(id) = id {
                    self.focus_entry_button("entry-delete", &id);
                }
            }
            "entry-delete-yes" => self.delete_confirmed(),
            "range" => {
                self.range = if index_of(el) == Some(30) { 30 } else { 14 };
                for (b, days) in self.ui.ranges.iter().zip([14, 30]) {
                    attrs(b, &[("aria-pressed", pressed(self.range == days))]);
                }
                self.render_chart();
            }
            _ => {
                let lang = self.lang;
                let outcome = data::act(action, &mut self.vaults, &mut self.data, &|v| {
                    // Separated as the visitor's own spreadsheet expects, which follows their
                    // system's language (the browser's), not the widget's: a Mexican one
                    // splits on `,`, a Spanish one on `;`.
                    let sep = match super::dom::window().and_then(|w| w.navigator().language()) {
                        Some(l) if decimal_comma(&l) => ';',
                        _ => ',',
                    };
                    to_csv(&v.pleasure().items(), lang, sep, local_minute)
                });
                if outcome == Outcome::Changed {
                    self.records_changed();
                }
            }
        }
    }

    /// Shows one step, and moves focus to its question so a screen reader hears where it is.
    fn open(&mut self, step: Step) {
        self.open_from(step, false);
    }

    /// [`Self::open`], from below the step (the history's Edit) when `below`.
    fn open_from(&mut self, step: Step, below: bool) {
        self.step = step;
        for (s, el) in Step::ALL.iter().zip(&self.ui.steps) {
            show(el, *s == step);
        }
        self.show_cancel();
        if step == Step::Away {
            self.show_pick();
        }
        // The whole step, where the screen holds it: the focus brings only its question into
        // view, and a page's heading above the widget can leave Save half below the fold.
        // From the history below it, by its top in one move: the focus would jump the page to
        // the question first, to glide on after.
        let i = Step::ALL.iter().position(|s| *s == step).unwrap_or(0);
        let (shown, lead) = (self.ui.steps.get(i), self.ui.leads.get(i));
        if below {
            if let Some(el) = shown {
                super::dom::to_view(el, web_sys::ScrollLogicalPosition::Start);
            }
            if let Some(lead) = lead {
                super::dom::focus_in_place(lead);
            }
        } else {
            if let Some(lead) = lead {
                focus(lead);
            }
            if let Some(el) = shown {
                super::dom::to_view(el, web_sys::ScrollLogicalPosition::Nearest);
            }
        }
    }

    /// What is chosen now: the chip pressed, else the words typed (typing lets a chip go).
    fn chosen(&self) -> Option<(&'static str, Option<String>)> {
        match self.choice.and_then(|i| self.choices.get(i)) {
            Some(c) => Some((c.act, c.text.clone())),
            None => clean_text(&self.ui.own.value(), MAX_ENTRY_TEXT).map(|t| (OWN, Some(t))),
        }
    }

    /// "I'll try this" (`done_already` false: the pick is stored and the visitor sent off to
    /// do it) or "I've already done it" (straight to the questions).
    /// Nothing chosen yet: says so (an alert, so a screen reader hears why the focus moved)
    /// and puts the focus on the first thing to choose.
    fn ask_for_act(&self) {
        show(&self.ui.need, true);
        super::dom::say_again(&self.ui.need, text(self.lang, Msg::PleasureNeedAct));
        if let Some(first) = self.ui.chips.first() {
            focus(first);
        }
    }

    fn go(&mut self, done_already: bool) {
        let Some((act, words)) = self.chosen() else {
            self.ask_for_act();
            return;
        };
        show(&self.ui.need, false);
        set_text(&self.ui.dropped, "");
        self.via_card = false;
        if self.editing.is_some() || done_already {
            self.open(Step::Shift);
            return;
        }
        self.answered = None;
        let now = wall_ms();
        let cleared = self.vaults.pleasure().document().cleared_at;
        let id = self
            .pick_id
            .clone()
            .unwrap_or_else(|| new_id(now, random_u32()));
        self.pick_id = Some(id.clone());
        self.vaults.pleasure().save(
            now,
            PleasureEntry {
                id,
                at: now,
                day: local_day(now),
                updated_at: stamp(now, cleared),
                act: act.to_string(),
                text: words,
                shift: None,
                signals: 0,
                status: Status::Picked,
            },
        );
        self.open(Step::Away);
    }

    /// Puts the stored pick back into the first step's controls.
    fn restore_pick(&mut self) {
        let items = self.vaults.pleasure().items();
        let Some(p) = self
            .pick_id
            .as_deref()
            .and_then(|id| items.iter().find(|i| i.id == id))
            .cloned()
        else {
            return;
        };
        drop(items);
        self.load(&p);
    }

    /// Fills the controls from an entry (a pick coming back, or an entry being edited).
    fn load(&mut self, e: &PleasureEntry) {
        let index = self.choices.iter().position(|c| {
            c.act == e.act && (c.act != SITE || c.text.as_deref() == e.text.as_deref())
        });
        let typed = match (index, e.text.as_deref()) {
            (None, Some(t)) => t,
            _ => "",
        };
        self.choice = index;
        self.ui.own.set_value(typed);
        self.shift = e.shift;
        self.signals = e.signals;
        self.show_choice();
        press(&self.ui.points, self.shift.map(u32::from));
        self.show_signals();
    }

    /// "Not today": the pick is let go (deleted, in every tab), and the first step comes back.
    fn drop_pick(&mut self) {
        if let Some(id) = self.pick_id.take() {
            self.delete(&id);
        }
        self.fresh();
        set_msg(&self.ui.dropped, self.lang, Msg::PleasureDropped);
        self.open(Step::Pick);
    }

    /// Follows the stored pick: shown on reload and when another tab makes or drops one. The
    /// visitor's place is never taken from under them mid-answer.
    fn sync_pick(&mut self) {
        let stored = current_pick(&self.vaults.pleasure().items()).cloned();
        if self.editing.is_some() {
            return;
        }
        // "Saved" is no longer true of an entry deleted since (on its own, or with "Delete
        // everything", here or in another tab).
        if self.step == Step::Saved
            && self
                .saved
                .as_deref()
                .is_some_and(|id| !self.vaults.pleasure().document().live(id))
        {
            set_text(&self.ui.saved, "");
            reflect_state(&self.host, "idle", None);
            self.back_to_pick();
        }
        match (stored, self.step) {
            (Some(p), Step::Pick | Step::Away | Step::Saved)
                if self.pick_id.as_deref() != Some(p.id.as_str())
                    && !(self.step == Step::Pick && self.chosen().is_some()) =>
            {
                self.pick_id = Some(p.id.clone());
                self.load(&p);
                if self.step == Step::Saved {
                    reflect_state(&self.host, "idle", None);
                }
                self.step = Step::Away;
                self.show_step_only();
            }
            // Changed in another tab ("Change it" keeps its id): the card, and what "I'm
            // back" goes on to log, follow it.
            (Some(p), Step::Away) => {
                self.load(&p);
                self.show_step_only();
            }
            (None, Step::Away) => {
                self.pick_id = None;
                self.fresh();
                self.back_to_pick();
            }
            (None, _) if self.step != Step::Saved => {
                if let Some(id) = &self.pick_id {
                    let items = self.vaults.pleasure().items();
                    // Logged or let go in another tab: no longer this tab's pick, so nothing
                    // here can let go of that entry or make it a pick again.
                    let status = items.iter().find(|i| &i.id == id).map(|i| i.status);
                    if status != Some(Status::Picked) {
                        drop(items);
                        if status == Some(Status::Logged) {
                            self.answered = self.pick_id.take();
                        }
                        self.pick_id = None;
                        self.show_cancel();
                    }
                }
            }
            _ => {}
        }
    }

    /// Cancel, on the first step, leaves an entry's edit, or a pick's change, as it was: shown
    /// only while there is one (a change ends as the step moves on, or as another tab logs or
    /// lets go of the pick).
    fn show_cancel(&mut self) {
        if self.step != Step::Pick || self.pick_id.is_none() {
            self.changing = false;
        }
        show(&self.ui.cancel, self.editing.is_some() || self.changing);
    }

    /// The first step, for a change made in another tab: the focus on the step going away goes
    /// to the first step's question, not out of the widget.
    fn back_to_pick(&mut self) {
        let focus_on_step = Step::ALL
            .iter()
            .position(|s| *s == self.step)
            .and_then(|i| self.ui.steps.get(i))
            .zip(self.host.shadow_root().and_then(|r| r.active_element()))
            .is_some_and(|(step, active)| step.contains(Some(&active)));
        if focus_on_step {
            self.open(Step::Pick);
        } else {
            self.step = Step::Pick;
            self.show_step_only();
        }
    }

    /// Shows the current step without moving focus (for changes the visitor didn't make here).
    fn show_step_only(&mut self) {
        for (s, el) in Step::ALL.iter().zip(&self.ui.steps) {
            show(el, *s == self.step);
        }
        self.show_cancel();
        self.show_pick();
    }

    /// The card of the pick waiting: what it is, and the day it was picked when that was not
    /// today (a visitor back after days away may not remember it as theirs).
    fn show_pick(&mut self) {
        let lang = self.lang;
        let what = self
            .chosen()
            .map(|(act, words)| rtl_first(act_label(lang, act, words.as_deref()), lang.rtl()));
        set_text(&self.ui.pick_what, what.as_deref().unwrap_or(""));
        let today = local_day(wall_ms());
        let items = self.vaults.pleasure().items();
        let when = self
            .pick_id
            .as_deref()
            .and_then(|id| items.iter().find(|i| i.id == id))
            .filter(|p| p.day < today)
            .map(|p| {
                fill(
                    text(lang, Msg::PleasurePickedOn),
                    &[("date", &data::date_label(lang, p.day))],
                )
            });
        drop(items);
        set_text(&self.ui.pick_when, when.as_deref().unwrap_or(""));
        show(&self.ui.pick_when, when.is_some());
    }

    fn show_choice(&self) {
        for (i, chip) in self.ui.chips.iter().enumerate() {
            attrs(chip, &[("aria-pressed", pressed(self.choice == Some(i)))]);
        }
    }

    fn show_signals(&self) {
        for (b, s) in self.ui.signals.iter().zip(SIGNALS.iter()) {
            attrs(b, &[("aria-pressed", pressed(self.signals & s.bit != 0))]);
        }
    }

    /// Empties every answer, for the next entry.
    fn fresh(&mut self) {
        self.answered = None;
        self.via_card = false;
        self.choice = None;
        self.shift = None;
        self.signals = 0;
        self.ui.own.set_value("");
        self.show_choice();
        press(&self.ui.points, None);
        self.show_signals();
        show(&self.ui.need, false);
        self.show_editing();
    }

    /// The visitor is filling in a new entry: the last one's "saved" line goes.
    fn editing(&mut self) {
        show(&self.ui.need, false);
        set_text(&self.ui.dropped, "");
        if self.step == Step::Saved || self.ui.saved.text_content().is_some_and(|t| !t.is_empty()) {
            set_text(&self.ui.saved, "");
            reflect_state(&self.host, "idle", None);
        }
    }

    fn typed(&mut self) {
        if !self.ui.own.value().trim().is_empty() && self.choice.is_some() {
            self.choice = None;
            self.show_choice();
        }
        self.editing();
    }

    /// Opens an entry of the history for changing, at the first step.
    fn edit(&mut self, id: &str) {
        let found = self
            .vaults
            .pleasure()
            .items()
            .iter()
            .find(|i| i.id == id && i.logged())
            .cloned();
        let Some(e) = found else {
            return;
        };
        self.load(&e);
        self.editing = Some(e);
        self.show_editing();
        set_text(&self.ui.saved, "");
        reflect_state(&self.host, "idle", None);
        self.open_from(Step::Pick, true);
    }

    /// The "changing the entry from …" line and the buttons that differ while editing.
    fn show_editing(&mut self) {
        let lang = self.lang;
        let line = self.editing.as_ref().map(|e| {
            fill(
                text(lang, Msg::PleasureEditing),
                &[("date", &data::date_label(lang, e.day))],
            )
        });
        set_text(&self.ui.editing, line.as_deref().unwrap_or(""));
        show(&self.ui.editing, line.is_some());
        show(&self.ui.now, line.is_none());
        self.show_cancel();
        let (go, save) = if line.is_some() {
            (Msg::Next, Msg::PleasureSaveChanges)
        } else {
            (Msg::PleasureGo, Msg::Save)
        };
        set_text(&self.ui.go, text(lang, go));
        set_text(&self.ui.save, text(lang, save));
    }

    fn save(&mut self) {
        let lang = self.lang;
        let Some((act, words)) = self.chosen() else {
            self.open(Step::Pick);
            self.ask_for_act();
            return;
        };
        let now = wall_ms();
        let cleared = self.vaults.pleasure().document().cleared_at;
        let edited = self.editing.take();
        // Deleted in another tab while it was being changed here (on its own, or with
        // "Delete everything"): the deletion stands, said on the step that opens (the history
        // may be gone with its last entry).
        if edited
            .as_ref()
            .is_some_and(|e| !self.vaults.pleasure().document().live(&e.id))
        {
            self.fresh();
            self.open(Step::Pick);
            set_msg(&self.ui.dropped, lang, Msg::EntryDeletedElsewhere);
            return;
        }
        // This tab's pick, logged in another tab since: this answer takes that entry's place
        // (unless it was deleted since, then the answer is a new entry).
        let again = self
            .answered
            .take()
            .filter(|id| self.pick_id.is_none() && self.vaults.pleasure().document().live(id));
        let (id, at, day) = match &edited {
            Some(e) => (e.id.clone(), e.at, e.day),
            None => (
                self.pick_id
                    .take()
                    .or_else(|| again.clone())
                    .unwrap_or_else(|| new_id(now, random_u32())),
                now,
                local_day(now),
            ),
        };
        let entry = PleasureEntry {
            id,
            at,
            day,
            updated_at: stamp(now, cleared),
            act: act.to_string(),
            text: words,
            shift: self.shift,
            signals: self.signals,
            status: Status::Logged,
        };
        let mut detail = Detail::new("pleasure")
            .text("id", &entry.id)
            .text("act", act);
        if let Some(i) = self.choice.filter(|_| act == SITE) {
            detail = detail.num("suggestion", i as f64);
        }
        if let Some(s) = entry.shift {
            detail = detail.num("shift", f64::from(s));
        }
        let ids: Vec<&str> = signal_ids(entry.signals).vec();
        detail = detail
            .num("signals", ids.len() as f64)
            .text("signal_ids", &ids.joined(","));
        if edited.is_some() || again.is_some() {
            detail = detail.flag("edited", true);
        }
        let shifted = entry.shifted();
        let id = entry.id.clone();
        self.vaults.pleasure().save(now, entry);

        self.fresh();
        self.records_changed();
        self.pending.push(Pending::new("attune:entry", detail));
        if edited.is_some() {
            set_text(&self.ui.saved, "");
            self.open(Step::Pick);
            let notice = save_notice(&mut self.vaults, Kind::Pleasure);
            confirm(lang, &self.ui.said, Msg::Saved, notice);
            self.focus_entry_button("entry-edit", &id);
            return;
        }
        let items = self.vaults.pleasure().items();
        let week = summary(&items, local_day(now));
        let total = newest_first(&items).len();
        drop(items);
        let notice = save_notice(&mut self.vaults, Kind::Pleasure);
        confirm(lang, &self.ui.saved, Msg::PleasureSavedWarm, notice);
        self.saved = Some(id.clone());
        self.open(Step::Saved);
        reflect_state(&self.host, "done", None);
        if again.is_some() {
            return;
        }
        self.pending.push(Pending::new(
            "attune:complete",
            Detail::new("pleasure")
                .text("id", &id)
                .flag("shifted", shifted)
                .num("entries", total as f64)
                .num("days_with_shift_7", f64::from(week.days_with_shift_7)),
        ));
    }

    /// Deletes one record (an entry or a pick): a tombstone takes its place, so no other tab
    /// brings it back.
    fn delete(&mut self, id: &str) {
        let now = wall_ms();
        let vault = self.vaults.pleasure();
        let cleared = vault.document().cleared_at;
        let found = vault.items().iter().find(|i| i.id == id).cloned();
        if let Some(e) = found {
            vault.save(now, e.tombstone(stamp(now, cleared)));
        }
    }

    fn delete_confirmed(&mut self) {
        let Some(id) = self.confirming.take() else {
            return;
        };
        self.delete(&id);
        if self.editing.as_ref().is_some_and(|e| e.id == id) {
            self.editing = None;
            self.fresh();
            self.open(Step::Pick);
        }
        self.redraw();
        let notice = self.vaults.pleasure().notice();
        confirm(self.lang, &self.ui.said, Msg::EntryDeleted, notice);
        // The history's heading, or, with the last entry gone and the history hidden, the open
        // step's question: never nowhere.
        if !self.ui.history.hidden() {
            if let Some(h) = find(&self.ui.history, "h3") {
                focus(h.unchecked_ref());
            }
        } else if let Some(lead) = Step::ALL
            .iter()
            .position(|s| *s == self.step)
            .and_then(|i| self.ui.leads.get(i))
        {
            focus(lead);
        }
    }

    /// Moves focus to an element of the recent list, by one of the engine's own selectors.
    fn focus_in_recent(&self, selector: &str) {
        if let Some(el) = find(&self.ui.recent, selector) {
            focus(el.unchecked_ref());
        }
    }

    /// Moves focus to an entry's Edit or Delete button.
    fn focus_entry_button(&self, action: &str, id: &str) {
        for el in self.entry_buttons(action) {
            if el.get_attribute("data-value").as_deref() == Some(id) {
                focus(&el);
            }
        }
    }

    fn entry_buttons(&self, action: &str) -> Vec<HtmlElement> {
        let mut out = Vec::new();
        let selector = ["button[data-action=\"", action, "\"]"].cat();
        let list = find_all(&self.ui.recent, &selector);
        for i in 0..list.length() {
            if let Some(el) = list.get(i) {
                out.push(el.unchecked_into());
            }
        }
        out
    }

    fn check_day(&mut self) {
        if local_day(wall_ms()) != self.today {
            self.render_history();
            if self.step == Step::Away {
                self.show_pick();
            }
        }
    }

    fn render_history(&mut self) {
        let lang = self.lang;
        self.today = local_day(wall_ms());
        let today = self.today;
        let items = self.vaults.pleasure().items();
        let any = items.iter().any(PleasureEntry::logged);
        show(&self.ui.history, any);
        set_text(
            &self.ui.summary,
            &summary_text(lang, &summary(&items, today)),
        );

        let b = &self.ui.build;
        clear(&self.ui.top);
        let top = top_acts(&items, TOP);
        if top.is_empty() {
            let _ = b.msg(&self.ui.top, "p", "empty", lang, Msg::TopActsEmpty);
        } else {
            let Ok(list) = b.el(&self.ui.top, "ul", "top-list");
            for s in &top {
                let what = rtl_first(act_label(lang, &s.act, s.text.as_deref()), lang.rtl());
                let _ = b.text(&list, "li", "", &what);
            }
        }
        drop(items);
        if self.confirming.as_deref().is_some_and(|id| {
            !self
                .vaults
                .pleasure()
                .items()
                .iter()
                .any(|i| i.id == id && i.logged())
        }) {
            self.confirming = None;
        }
        self.render_recent();
        self.render_chart();
    }

    fn render_recent(&mut self) {
        let lang = self.lang;
        // Another tab's change rebuilds the list: a confirm step with the focus in it keeps
        // it, on "Keep it" (not dropped to the page, where Escape would no longer answer it).
        let asked = self.confirming.is_some()
            && self
                .host
                .shadow_root()
                .and_then(|r| r.active_element())
                .is_some_and(|a| self.ui.recent.contains(Some(&a)));
        let items = self.vaults.pleasure().items();
        let b = &self.ui.build;
        clear(&self.ui.recent);
        for e in newest_first(&items).into_iter().take(RECENT) {
            let asking = self.confirming.as_deref() == Some(e.id.as_str());
            let _ = recent_item(b, &self.ui.recent, lang, e, asking);
        }
        drop(items);
        if asked {
            self.focus_in_recent("[data-action=entry-keep]");
        }
    }

    fn render_chart(&mut self) {
        let lang = self.lang;
        let items = self.vaults.pleasure().items();
        let points = chart(&items, self.today, self.range);
        clear(&self.ui.chart);
        let _ = draw_chart(&self.ui.build, &self.ui.chart, lang, &points);
    }
}

/// One line of the "recently" list: what, then when, any shift and the signals noticed; then
/// Edit and Delete, or, once Delete was chosen, the question whether to.
fn recent_item(
    b: &Builder,
    list: &HtmlElement,
    lang: Lang,
    e: &PleasureEntry,
    asking: bool,
) -> DomResult<()> {
    let li = b.el(list, "li", "")?;
    let what = rtl_first(e.label(lang), lang.rtl());
    b.put_text(&li, "span", "what", &what);
    let date = data::date_label(lang, e.day);
    let meta = [date.as_str(), &e.noticed(lang)].cat();
    b.put_text(&li, "span", "when", &meta);
    let row = b.el(&li, "div", "entry-actions")?;
    if asking {
        let q = b.msg(&row, "p", "confirm-q", lang, Msg::EntryDeleteConfirm)?;
        attrs(&q, &[("id", "entry-q")]);
        attrs(&row, &[("role", "group"), ("aria-labelledby", "entry-q")]);
        let yes = b.msg_button(&row, "danger", lang, Msg::EntryDelete, "entry-delete-yes")?;
        attrs(&yes, &[("data-value", &e.id)]);
        let keep = b.msg_button(&row, "quiet", lang, Msg::EntryKeep, "entry-keep")?;
        attrs(&keep, &[("data-escape", "")]);
        return Ok(());
    }
    let vars = [("what", what.as_str()), ("date", date.as_str())];
    for (action, msg, label) in [
        ("entry-edit", Msg::EntryEdit, Msg::EntryEditLabel),
        ("entry-delete", Msg::EntryDelete, Msg::EntryDeleteLabel),
    ] {
        let btn = b.button(&row, "quiet small", text(lang, msg), action)?;
        attrs(
            &btn,
            &[
                ("data-value", &e.id),
                ("aria-label", &fill(text(lang, label), &vars)),
            ],
        );
    }
    Ok(())
}

fn num(v: f64) -> String {
    let mut s = String::new();
    push_secs(&mut s, v);
    s
}

/// The chart as inline SVG: one bar per day, a quiet stub for a day with nothing logged, a low
/// soft bar for a day with something logged, a taller accent bar with any shift. It is one
/// image to assistive technology (`role="img"`, its words in `aria-label`); each bar's `<title>`
/// gives the day in words to a pointer. The first and last dates are written under it.
fn draw_chart(
    b: &Builder,
    parent: &HtmlElement,
    lang: Lang,
    points: &[crate::core::pleasure::DayPoint],
) -> DomResult<()> {
    let view = ["0 0 ", &num(CHART_W), " ", &num(CHART_H + 1.0)].cat();
    let svg = b.svg(
        parent,
        "svg",
        &[
            ("viewBox", &view),
            ("class", "chart-svg"),
            ("role", "img"),
            ("aria-label", &chart_alt(lang, points)),
            ("focusable", "false"),
        ],
    );
    let y = num(CHART_H + 0.5);
    b.svg(
        &svg,
        "line",
        &[
            ("x1", "0"),
            ("x2", &num(CHART_W)),
            ("y1", &y),
            ("y2", &y),
            ("class", "baseline"),
        ],
    );
    for (bar, point) in bars(points, CHART_W, CHART_H).iter().zip(points) {
        let class = match bar.kind {
            BarKind::Empty => "bar empty",
            BarKind::Logged => "bar logged",
            BarKind::Shift => "bar shift",
        };
        let rx = num((bar.w / 4.0).min(3.0));
        let rect = b.svg(
            &svg,
            "rect",
            &[
                ("x", &num(bar.x)),
                ("y", &num(bar.y)),
                ("width", &num(bar.w)),
                ("height", &num(bar.h)),
                ("rx", &rx),
                ("class", class),
            ],
        );
        let title = b.svg(&rect, "title", &[]);
        title.set_text_content(Some(&day_label(lang, point)));
    }
    let axis = b.el(parent, "div", "axis")?;
    attrs(&axis, &[("aria-hidden", "true")]);
    if let (Some(first), Some(_)) = (points.first(), points.last()) {
        b.put_text(&axis, "span", "", &data::date_label(lang, first.day));
        b.put_msg(&axis, "span", "", lang, Msg::PlanToday);
    }
    Ok(())
}
