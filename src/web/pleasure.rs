//! The screen of the micro-pleasure tracker.
//!
//! Logging: pick one small act (the built-in suggestions, or the clinician's `suggestions`),
//! or write it in your own words; "did anything shift, even 1-2 percent?" on an optional 0-10
//! scale; the tiny signals as toggle buttons; Save. History: a 14- or 30-day chart drawn as
//! inline SVG (with a text alternative), the acts that most often brought any shift, the last
//! few entries and one gentle sentence. Below, the shared "your records" panel ([`super::data`]).
//!
//! State on the host: `data-state="idle"` while logging, `"done"` just after a save (until the
//! visitor starts the next entry). Events: `attune:ready`; `attune:entry` on each save (the
//! entry's id, act id, shift and signal ids, never the words typed); then `attune:complete`
//! (the logging flow ended: whether anything shifted, how many entries are kept, and on how
//! many of the last 7 days something shifted).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent};

use super::clock::{local_day, random_u32, wall_ms, Interval};
use super::data::{self, DataUi, Outcome, RecordWidget, Vaults};
use super::dom::{attrs, clear, press, scale, set_text, show, Builder, DomResult};
use super::events::{with_state, Detail, Listener, Pending, Queued};
use super::kit::{
    action_of, care_footer, reflect_state, set_notice, storage_notice, Ctx, MountResult, WidgetView,
};
use crate::core::days::LocalDay;
use crate::core::i18n::{fill, text, Lang, Msg};
use crate::core::num::{push_secs, sort_by, uint};
use crate::core::options::PleasureConfig;
use crate::core::pleasure::{
    act_label, bars, chart, chart_alt, day_label, signal_ids, summary, summary_text, to_csv,
    top_acts, BarKind, PleasureEntry, ACTS, MAX_ENTRY_TEXT, OWN, SIGNALS, SITE,
};
use crate::core::records::{clean_text, new_id, stamp, Kind};

/// SVG's namespace, for elements made with `createElementNS`.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The chart's drawing box, in SVG units: bars stand on `CHART_H`.
const CHART_W: f64 = 300.0;
const CHART_H: f64 = 80.0;

/// How many entries the "recently" list shows, and how many acts the "what helped" list.
const RECENT: usize = 5;
const TOP: usize = 5;

/// One suggestion button: a built-in act, or one of the clinician's.
struct Choice {
    act: &'static str,
    text: Option<String>,
}

struct Ui {
    base: HtmlElement,
    build: Builder,
    notice: HtmlElement,
    chips: Vec<HtmlElement>,
    own: HtmlInputElement,
    points: Vec<HtmlElement>,
    signals: Vec<HtmlElement>,
    need: HtmlElement,
    saved: HtmlElement,
    summary: HtmlElement,
    ranges: Vec<HtmlElement>,
    chart: HtmlElement,
    top: HtmlElement,
    recent_box: HtmlElement,
    recent: HtmlElement,
}

struct Tracker {
    host: HtmlElement,
    lang: Lang,
    choices: Vec<Choice>,
    vaults: Vaults,
    ui: Ui,
    data: DataUi,
    choice: Option<usize>,
    shift: Option<u8>,
    signals: u8,
    range: u32,
    today: LocalDay,
    pending: Vec<Pending>,
}

/// A mounted tracker. Dropping it removes every listener and timer it had.
pub struct PleasureView {
    _state: Rc<RefCell<Tracker>>,
    _listeners: Vec<Listener>,
    _ticker: Interval,
}

/// Shows nothing of the contacts beyond the care footer, which the mount keeps.
impl WidgetView for PleasureView {}

impl std::fmt::Debug for PleasureView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PleasureView").finish_non_exhaustive()
    }
}

impl RecordWidget for Tracker {
    fn vaults(&mut self) -> &mut Vaults {
        &mut self.vaults
    }

    fn records_changed(&mut self) {
        self.render_history();
        self.data.refresh(&mut self.vaults);
        let notice = data::notice_of(&mut self.vaults, Kind::Pleasure);
        set_notice(self.lang, &self.ui.notice, notice);
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

/// Builds the tracker in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &PleasureConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    ctx.head(
        "pleasure",
        text(lang, Msg::PleasureTitle),
        None,
        text(lang, Msg::PleasureIntro),
    )?;
    let mut vaults = Vaults::new(ctx.common, Kind::Pleasure);
    let notice = storage_notice(ctx, vaults.pleasure())?;

    // Logging.
    let log = b.el(base, "div", "log")?;
    attrs(&log, &[("part", "log")]);
    let pick = b.text(&log, "p", "q", text(lang, Msg::PleasurePick))?;
    attrs(&pick, &[("id", "pick")]);
    let choices: Vec<Choice> = match &cfg.suggestions {
        Some(list) => list
            .iter()
            .map(|t| Choice {
                act: SITE,
                text: Some(t.clone()),
            })
            .collect(),
        None => ACTS
            .iter()
            .map(|a| Choice {
                act: a.id,
                text: None,
            })
            .collect(),
    };
    let chip_row = b.el(&log, "div", "chips")?;
    attrs(
        &chip_row,
        &[
            ("role", "group"),
            ("aria-labelledby", "pick"),
            ("part", "suggestions"),
        ],
    );
    let mut chips = Vec::with_capacity(choices.len());
    for (i, c) in choices.iter().enumerate() {
        let label = act_label(lang, c.act, c.text.as_deref());
        let chip = b.button(&chip_row, "chip", label, "act")?;
        attrs(
            &chip,
            &[("data-value", &uint(i as u64)), ("aria-pressed", "false")],
        );
        chips.push(chip);
    }
    let own_row = b.el(&log, "div", "own")?;
    let own_label = b.text(&own_row, "label", "", text(lang, Msg::PleasureOwnLabel))?;
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

    let shift_q = b.text(&log, "p", "q", text(lang, Msg::ShiftQuestion))?;
    attrs(&shift_q, &[("id", "shift-q")]);
    let points = scale(
        b,
        &log,
        "shift-q",
        text(lang, Msg::ShiftLow),
        text(lang, Msg::ShiftHigh),
        "shift",
    )?;

    let sig_q = b.text(&log, "p", "q", text(lang, Msg::SignalsQuestion))?;
    attrs(&sig_q, &[("id", "signals-q")]);
    let sig_row = b.el(&log, "div", "chips signals")?;
    attrs(
        &sig_row,
        &[
            ("role", "group"),
            ("aria-labelledby", "signals-q"),
            ("part", "signals"),
        ],
    );
    let mut signals = Vec::with_capacity(SIGNALS.len());
    for (i, s) in SIGNALS.iter().enumerate() {
        let btn = b.button(&sig_row, "chip", text(lang, s.msg), "signal")?;
        attrs(
            &btn,
            &[("data-value", &uint(i as u64)), ("aria-pressed", "false")],
        );
        signals.push(btn);
    }
    let need = b.text(&log, "p", "need", text(lang, Msg::PleasureNeedAct))?;
    need.set_hidden(true);
    let controls = b.el(&log, "div", "controls")?;
    attrs(&controls, &[("part", "controls")]);
    let save = b.button(&controls, "primary", text(lang, Msg::Save), "save")?;
    attrs(&save, &[("part", "button primary")]);
    let saved = b.el(&log, "p", "saved")?;
    attrs(&saved, &[("role", "status"), ("tabindex", "-1")]);

    // History.
    let history = b.el(base, "section", "history")?;
    attrs(
        &history,
        &[("aria-labelledby", "history-title"), ("part", "history")],
    );
    let h = b.text(&history, "h3", "", text(lang, Msg::HistoryTitle))?;
    attrs(&h, &[("id", "history-title")]);
    let summary_line = b.text(&history, "p", "summary", "")?;
    attrs(&summary_line, &[("part", "summary")]);
    let range_row = b.el(&history, "div", "range")?;
    attrs(
        &range_row,
        &[
            ("role", "group"),
            ("aria-label", text(lang, Msg::ChartRange)),
        ],
    );
    let mut ranges = Vec::new();
    for (days, msg) in [(14u64, Msg::Last14), (30, Msg::Last30)] {
        let r = b.button(&range_row, "seg", text(lang, msg), "range")?;
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
    b.text(&history, "h4", "", text(lang, Msg::TopActsTitle))?;
    let top = b.el(&history, "div", "top")?;
    let recent_box = b.el(&history, "div", "recent-box")?;
    b.text(&recent_box, "h4", "", text(lang, Msg::PleasureRecent))?;
    let recent = b.el(&recent_box, "ul", "recent")?;
    attrs(&recent, &[("part", "entries")]);

    let data_ui = data::build(b, base, lang, true)?;
    care_footer(ctx)?;

    let ui = Ui {
        base: base.clone(),
        build: b.clone(),
        notice,
        chips,
        own: own.clone(),
        points,
        signals,
        need,
        saved,
        summary: summary_line,
        ranges,
        chart: chart_box,
        top,
        recent_box,
        recent,
    };
    let state = Rc::new(RefCell::new(Tracker {
        host: ctx.host.clone(),
        lang,
        choices,
        vaults,
        ui,
        data: data_ui,
        choice: None,
        shift: None,
        signals: 0,
        range: 14,
        today: local_day(wall_ms()),
        pending: Vec::new(),
    }));
    let weak = Rc::downgrade(&state);
    let (count, input) = {
        let t = &mut *state.borrow_mut();
        t.render_history();
        t.data.refresh(&mut t.vaults);
        reflect_state(&t.host, "idle", None);
        let count = t.vaults.pleasure().items().len();
        (count, t.data.input.clone())
    };

    let w = weak.clone();
    let on_click = Listener::new(base, "click", move |e: Event| {
        let Some((action, el)) = action_of(&e) else {
            return;
        };
        with_state(&w, |t| t.on_action(&action, &el));
    });
    let w = weak.clone();
    let on_input = Listener::new(&own, "input", move |_| {
        with_state(&w, |t| t.typed());
    });
    let w = weak.clone();
    let on_key = Listener::new(&own, "keydown", move |e: Event| {
        if e.dyn_ref::<KeyboardEvent>()
            .is_some_and(|k| k.key() == "Enter")
        {
            e.prevent_default();
            with_state(&w, |t| t.save());
        }
    });
    let w = weak.clone();
    let on_file = Listener::new(&input, "change", move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let w = w.clone();
        data::read_chosen(&input, move |result| {
            with_state(&w, |t| {
                if data::imported(&mut t.vaults, &t.data, result) {
                    t.records_changed();
                }
            });
        });
    });
    let mut listeners = vec![on_click, on_input, on_key, on_file];
    listeners.extend(data::watch(&weak));
    if let Some(doc) = ctx.host.owner_document() {
        let w = weak.clone();
        listeners.push(Listener::new(&doc, "visibilitychange", move |_| {
            with_state(&w, |t| t.check_day());
        }));
    }
    let w = weak.clone();
    let ticker = Interval::new(60_000, move || with_state(&w, |t| t.check_day()));

    let ready = Pending::new(
        "attune:ready",
        Detail::new("pleasure")
            .text("version", crate::VERSION)
            .num("entries", count as f64),
    );
    let view = PleasureView {
        _state: state,
        _listeners: listeners,
        _ticker: ticker,
    };
    Ok((Box::new(view), vec![ready]))
}

/// The `data-value` of a clicked element as a small index.
fn index_of(el: &Element) -> Option<usize> {
    el.get_attribute("data-value")?.parse::<usize>().ok()
}

impl Tracker {
    fn on_action(&mut self, action: &str, el: &Element) {
        match action {
            "act" => {
                let i = index_of(el);
                self.choice = if self.choice == i { None } else { i };
                if self.choice.is_some() {
                    self.ui.own.set_value("");
                }
                self.show_choice();
                self.editing();
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
                    for (b, s) in self.ui.signals.iter().zip(SIGNALS.iter()) {
                        attrs(
                            b,
                            &[(
                                "aria-pressed",
                                if self.signals & s.bit != 0 {
                                    "true"
                                } else {
                                    "false"
                                },
                            )],
                        );
                    }
                }
                self.editing();
            }
            "save" => self.save(),
            "range" => {
                self.range = if index_of(el) == Some(30) { 30 } else { 14 };
                for (b, days) in self.ui.ranges.iter().zip([14, 30]) {
                    attrs(
                        b,
                        &[(
                            "aria-pressed",
                            if self.range == days { "true" } else { "false" },
                        )],
                    );
                }
                self.render_chart();
            }
            _ => {
                let lang = self.lang;
                let outcome = data::act(action, &mut self.vaults, &self.data, |v| {
                    to_csv(&v.pleasure().items(), lang)
                });
                if outcome == Outcome::Changed {
                    self.records_changed();
                }
            }
        }
    }

    fn show_choice(&self) {
        for (i, chip) in self.ui.chips.iter().enumerate() {
            attrs(
                chip,
                &[(
                    "aria-pressed",
                    if self.choice == Some(i) {
                        "true"
                    } else {
                        "false"
                    },
                )],
            );
        }
    }

    /// The visitor is filling in a new entry: the last one's "saved" line goes.
    fn editing(&mut self) {
        show(&self.ui.need, false);
        set_text(&self.ui.saved, "");
        reflect_state(&self.host, "idle", None);
    }

    fn typed(&mut self) {
        if !self.ui.own.value().trim().is_empty() && self.choice.is_some() {
            self.choice = None;
            self.show_choice();
        }
        self.editing();
    }

    fn save(&mut self) {
        let lang = self.lang;
        let own = clean_text(&self.ui.own.value(), MAX_ENTRY_TEXT);
        let (act, words) = match (own, self.choice.and_then(|i| self.choices.get(i))) {
            (Some(t), _) => (OWN, Some(t)),
            (None, Some(c)) => (c.act, c.text.clone()),
            (None, None) => {
                show(&self.ui.need, true);
                if let Some(first) = self.ui.chips.first() {
                    let _ = first.focus();
                }
                return;
            }
        };
        let now = wall_ms();
        let cleared = self.vaults.pleasure().document().cleared_at;
        let entry = PleasureEntry {
            id: new_id(now, random_u32()),
            at: now,
            day: local_day(now),
            updated_at: stamp(now, cleared),
            act: act.to_string(),
            text: words,
            shift: self.shift,
            signals: self.signals,
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
        let ids: Vec<&str> = signal_ids(entry.signals).collect();
        detail = detail
            .num("signals", ids.len() as f64)
            .text("signal_ids", &ids.join(","));
        let shifted = entry.shifted();
        let id = entry.id.clone();
        self.vaults.pleasure().save(now, entry);
        self.vaults.announce();

        // A fresh form for next time.
        self.choice = None;
        self.shift = None;
        self.signals = 0;
        self.ui.own.set_value("");
        self.show_choice();
        press(&self.ui.points, None);
        press(&self.ui.signals, None);
        show(&self.ui.need, false);

        self.records_changed();
        let items = self.vaults.pleasure().items();
        let week = summary(&items, local_day(now));
        let total = items.len();
        set_text(
            &self.ui.saved,
            &[text(lang, Msg::Saved), ". ", &summary_text(lang, &week)].concat(),
        );
        let _ = self.ui.saved.focus();
        reflect_state(&self.host, "done", None);
        self.pending.push(Pending::new("attune:entry", detail));
        self.pending.push(Pending::new(
            "attune:complete",
            Detail::new("pleasure")
                .text("id", &id)
                .flag("shifted", shifted)
                .num("entries", total as f64)
                .num("days_with_shift_7", f64::from(week.days_with_shift_7)),
        ));
    }

    fn check_day(&mut self) {
        if local_day(wall_ms()) != self.today {
            self.render_history();
        }
    }

    fn render_history(&mut self) {
        let lang = self.lang;
        self.today = local_day(wall_ms());
        let today = self.today;
        let items = self.vaults.pleasure().items();
        set_text(
            &self.ui.summary,
            &summary_text(lang, &summary(&items, today)),
        );

        let b = &self.ui.build;
        clear(&self.ui.top);
        let top = top_acts(&items, TOP);
        if top.is_empty() {
            let _ = b.text(&self.ui.top, "p", "empty", text(lang, Msg::TopActsEmpty));
        } else if let Ok(list) = b.el(&self.ui.top, "ol", "top-list") {
            for s in &top {
                let label = act_label(lang, &s.act, s.text.as_deref());
                let line = fill(
                    text(lang, Msg::TopActShifts),
                    &[("act", label), ("n", &uint(u64::from(s.shifted)))],
                );
                let _ = b.text(&list, "li", "", &line);
            }
        }

        clear(&self.ui.recent);
        let mut recent: Vec<&PleasureEntry> = items.iter().collect();
        sort_by(&mut recent, |a, b| (b.at, &b.id) < (a.at, &a.id));
        show(&self.ui.recent_box, !recent.is_empty());
        for e in recent.into_iter().take(RECENT) {
            let _ = recent_item(b, &self.ui.recent, lang, e);
        }
        drop(items);
        self.render_chart();
    }

    fn render_chart(&mut self) {
        let lang = self.lang;
        let items = self.vaults.pleasure().items();
        let points = chart(&items, self.today, self.range);
        clear(&self.ui.chart);
        let _ = draw_chart(&self.ui.build, &self.ui.chart, &self.ui.base, lang, &points);
    }
}

/// One line of the "recently" list: what, then when, any shift and the signals noticed.
fn recent_item(b: &Builder, list: &HtmlElement, lang: Lang, e: &PleasureEntry) -> DomResult<()> {
    let li = b.el(list, "li", "")?;
    b.text(&li, "span", "what", e.label(lang))?;
    let mut meta = data::date_label(lang, e.day);
    if let Some(s) = e.shift.filter(|s| *s > 0) {
        meta.push_str(" · ");
        meta.push_str(&fill(
            text(lang, Msg::RecentShift),
            &[("n", &uint(u64::from(s)))],
        ));
    }
    let words: Vec<&str> = SIGNALS
        .iter()
        .filter(|s| e.signals & s.bit != 0)
        .map(|s| text(lang, s.msg))
        .collect();
    if !words.is_empty() {
        meta.push_str(" · ");
        meta.push_str(&words.join(", "));
    }
    b.text(&li, "span", "when", &meta)?;
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
    base: &HtmlElement,
    lang: Lang,
    points: &[crate::core::pleasure::DayPoint],
) -> DomResult<()> {
    let Some(doc) = base.owner_document() else {
        return Ok(());
    };
    let svg = doc.create_element_ns(Some(SVG_NS), "svg")?;
    let view = ["0 0 ", &num(CHART_W), " ", &num(CHART_H + 1.0)].concat();
    attrs(
        &svg,
        &[
            ("viewBox", &view),
            ("class", "chart-svg"),
            ("role", "img"),
            ("aria-label", &chart_alt(lang, points)),
            ("focusable", "false"),
        ],
    );
    parent.append_child(&svg)?;
    let base_line = doc.create_element_ns(Some(SVG_NS), "line")?;
    let y = num(CHART_H + 0.5);
    attrs(
        &base_line,
        &[
            ("x1", "0"),
            ("x2", &num(CHART_W)),
            ("y1", &y),
            ("y2", &y),
            ("class", "baseline"),
        ],
    );
    svg.append_child(&base_line)?;
    for (bar, point) in bars(points, CHART_W, CHART_H).iter().zip(points) {
        let rect = doc.create_element_ns(Some(SVG_NS), "rect")?;
        let class = match bar.kind {
            BarKind::Empty => "bar empty",
            BarKind::Logged => "bar logged",
            BarKind::Shift => "bar shift",
        };
        let rx = num((bar.w / 4.0).min(3.0));
        attrs(
            &rect,
            &[
                ("x", &num(bar.x)),
                ("y", &num(bar.y)),
                ("width", &num(bar.w)),
                ("height", &num(bar.h)),
                ("rx", &rx),
                ("class", class),
            ],
        );
        let title = doc.create_element_ns(Some(SVG_NS), "title")?;
        title.set_text_content(Some(&day_label(lang, point)));
        rect.append_child(&title)?;
        svg.append_child(&rect)?;
    }
    let axis = b.el(parent, "div", "axis")?;
    attrs(&axis, &[("aria-hidden", "true")]);
    if let (Some(first), Some(_)) = (points.first(), points.last()) {
        b.text(&axis, "span", "", &data::date_label(lang, first.day))?;
        b.text(&axis, "span", "", text(lang, Msg::PlanToday))?;
    }
    Ok(())
}
