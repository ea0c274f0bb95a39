//! The summary's screen: a page to bring to a session, made from the records in this browser.
//!
//! Above, a short form that is never printed: which days (the last 7, 14 or 30, or the current
//! plan), what goes in, and "include my own words" (off, and never remembered). Below, the sheet:
//! the days covered, up to two small charts drawn as inline SVG, each only when its kinds go in
//! (days with some practice, and any shift after a small pleasure), the tiny signals counted,
//! day by day what was practised, and an empty "What I'd like to talk about" box to write in by
//! hand. The care footer and the site's contact close it.
//!
//! **Printing.** "Print or save as PDF" calls `window.print()`, but the work is done by the
//! `beforeprint` and `afterprint` events (the browser's own Print command and headless
//! Chromium's `page.pdf()` fire them too): the summary marks its host, and every host around it
//! up through the shadow roots, with `data-attune-print`; a stylesheet adopted by the document
//! (constructable, so a strict Content-Security-Policy with Trusted Types allows it) shows, in
//! print, only the marked path, and each widget's own stylesheet hides its other parts. Black on
//! white, readable without colour.
//!
//! State on the host: `data-state="idle"`. Events: `attune:ready`; `attune:complete` when the
//! visitor prints (`period`, `days` with something in them; never the records themselves).

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, HtmlElement, HtmlInputElement};

use super::clock::{day_watch, local_day, wall_ms};
use super::data::{self, RecordWidget, Vaults};
use super::dom::{
    attrs, clear, enable, find, set_attr, set_text, shadow_root, show, unset, Builder, DomResult,
};
use super::events::{listen, Detail, Pending, Queued};
use super::kit::{care_footer, on_actions, reflect_state, Ctx, MountResult, View, Widget};
use crate::core::days::LocalDay;
use crate::core::i18n::{date, date_with_year, fill, text, Lang, Msg};
use crate::core::num::{self, uint};
use crate::core::plan::current;
use crate::core::records::Kind;
use crate::core::summary::{
    build, period_label, span, Include, Period, Records, Summary, SummaryConfig,
};

/// The attribute that marks what is printed: the summary's host and each host around it.
const MARK: &str = "data-attune-print";

/// Shown in print only along the marked path; everything else on the page is left out. Only
/// while something is marked, so printing the page otherwise is as the site made it. The
/// `:host` rules do the same inside another component's shadow root the summary is in (its
/// heading, another widget beside it), where the document's rules cannot reach.
const PRINT_CSS: &str = "@media print{\
html:has([data-attune-print]),html:has([data-attune-print]) body{background:#fff!important;color-scheme:light!important;margin:0!important;padding:0!important}\
html:has([data-attune-print]) body *:not(:has([data-attune-print])):not([data-attune-print]){display:none!important}\
html:has([data-attune-print]) body :has([data-attune-print]){display:block!important;position:static!important;margin:0!important;padding:0!important;border:0!important;box-shadow:none!important;background:none!important;width:auto!important;max-width:none!important;min-height:0!important;height:auto!important;overflow:visible!important;transform:none!important;columns:auto!important}\
[data-attune-print]{display:block!important;margin:0!important;max-width:none!important}\
html:has([data-attune-print]) body{page:attune}\
:host([data-attune-print]){display:block!important;margin:0!important;padding:0!important;border:0!important;box-shadow:none!important;background:none!important}\
:host([data-attune-print]) :not(:has([data-attune-print])):not([data-attune-print]){display:none!important}\
:host([data-attune-print]) :has([data-attune-print]){display:block!important;position:static!important;margin:0!important;padding:0!important;border:0!important;box-shadow:none!important;background:none!important}}\
@page attune{@bottom-center{content:counter(page) \" / \" counter(pages);direction:ltr;font:9pt sans-serif;color:#444}}";

/// The include checkboxes, in order, with their words.
const KINDS: [Msg; 5] = [
    Msg::SumIncBreathing,
    Msg::SumIncScans,
    Msg::SumIncCheckIn,
    Msg::SumIncPleasure,
    Msg::SumIncPlan,
];

/// The chart's drawing box, in SVG units.
const CHART_W: f64 = 300.0;
const CHART_H: f64 = 36.0;

struct Ui {
    build: Builder,
    periods: Vec<(Period, HtmlInputElement)>,
    kinds: Vec<HtmlInputElement>,
    own: HtmlInputElement,
    no_plan: HtmlElement,
    /// Heard, not seen: the days a newly chosen period covers (the sheet shows them).
    said: HtmlElement,
    print: HtmlElement,
    sheet: HtmlElement,
    /// Print again at the sheet's end: on a phone the first is thousands of pixels above.
    print_end: HtmlElement,
}

struct SummaryWidget {
    host: HtmlElement,
    lang: Lang,
    vaults: Vaults,
    ui: Ui,
    period: Period,
    include: Include,
    /// Whether this summary marked the page for printing (and so must unmark it).
    marked: bool,
    /// The day it was last drawn on: a summary left open overnight draws the new day's.
    today: LocalDay,
    pending: Vec<Pending>,
}

/// Unmounted, the summary takes away any print mark it left.
impl Widget for SummaryWidget {
    fn unmounting(&mut self) {
        self.unmark();
    }
}

impl Queued for SummaryWidget {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}

impl RecordWidget for SummaryWidget {
    fn vaults(&mut self) -> &mut Vaults {
        &mut self.vaults
    }

    fn records_changed(&mut self) {
        self.render();
    }
}

/// An `<input type=…>` inside its own `<label>`, so the words are its name and a larger target.
fn choice(
    b: &Builder,
    parent: &HtmlElement,
    kind: &str,
    name: &str,
    words: &str,
) -> DomResult<HtmlInputElement> {
    let label = b.el(parent, "label", "choice")?;
    let input: HtmlInputElement = b.el(&label, "input", "")?.unchecked_into();
    attrs(&input, &[("type", kind), ("name", name)]);
    b.put_text(&label, "span", "", words);
    Ok(input)
}

/// A `<fieldset>` with its legend.
fn group(b: &Builder, parent: &HtmlElement, lang: Lang, legend: Msg) -> DomResult<HtmlElement> {
    let set = b.el(parent, "fieldset", "group")?;
    b.put_msg(&set, "legend", "", lang, legend);
    Ok(set)
}

/// Builds the summary in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &SummaryConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    let t = |m| text(lang, m);
    ctx.head("summary", Msg::SumTitle, None, Msg::SumIntro)?;

    let form = b.el(base, "div", "form")?;
    attrs(&form, &[("part", "controls")]);
    let when = group(b, &form, lang, Msg::SumPeriod)?;
    let mut periods = Vec::new();
    for p in Period::ALL {
        let input = choice(b, &when, "radio", "period", &period_label(lang, p))?;
        input.set_value(&p.id());
        input.set_checked(p == cfg.period);
        periods.push((p, input));
    }
    // Said as it appears (a live region, there from the start and empty until needed): the
    // sheet shrinks away when "This plan" finds no plan, and a screen reader should hear why.
    let no_plan = b.el(&when, "p", "hint")?;
    attrs(&no_plan, &[("role", "status")]);
    let said = b.el(&when, "p", "visually-hidden")?;
    attrs(&said, &[("role", "status")]);
    let what = group(b, &form, lang, Msg::SumWhat)?;
    let mut kinds = Vec::new();
    for msg in KINDS {
        let input = choice(b, &what, "checkbox", "include", t(msg))?;
        input.set_checked(true);
        kinds.push(input);
    }
    let own = choice(b, &what, "checkbox", "own-words", t(Msg::SumOwnWords))?;
    attrs(&own, &[("aria-describedby", "own-hint")]);
    let hint = b.msg(&what, "p", "hint", lang, Msg::SumOwnWordsHint)?;
    attrs(&hint, &[("id", "own-hint")]);
    let row = b.el(&form, "div", "controls")?;
    let print = b.msg_button(&row, "primary", lang, Msg::SumPrint, "print")?;
    attrs(&print, &[("part", "button primary")]);

    let sheet = b.el(base, "section", "sheet")?;
    attrs(
        &sheet,
        &[("part", "sheet"), ("aria-labelledby", "sheet-title")],
    );
    let end = b.el(base, "div", "form controls")?;
    b.put_msg_button(&end, "", lang, Msg::SumPrint, "print");
    care_footer(ctx)?;

    let state = Rc::new(RefCell::new(SummaryWidget {
        host: ctx.host.clone(),
        lang,
        vaults: Vaults::new(ctx.common, Kind::Sessions),
        ui: Ui {
            build: b.clone(),
            periods,
            kinds,
            own,
            no_plan,
            said,
            print,
            print_end: end,
            sheet,
        },
        period: cfg.period,
        include: Include::default(),
        marked: false,
        today: local_day(wall_ms()),
        pending: Vec::new(),
    }));
    state.borrow_mut().render();
    reflect_state(ctx.host, "idle", None);

    let weak = Rc::downgrade(&state);
    let on_change = listen(&form, "change", &weak, |s: &mut SummaryWidget, _| {
        s.read_form()
    });
    let on_click = on_actions(base, &weak, |s: &mut SummaryWidget, action, _| {
        if action == "print" {
            s.print();
        }
    });
    let mut listeners = vec![on_change, on_click];
    if let Some(win) = super::dom::window() {
        if let Some(doc) = win.document() {
            adopt_print_css(&doc);
        }
        listeners.push(listen(
            &win,
            "beforeprint",
            &weak,
            // A summary the visitor can't see (a panel closed again, a tab switched away
            // from) leaves the page to print as it is shown.
            |s: &mut SummaryWidget, _| {
                if super::dom::laid_out(&s.host) {
                    s.mark();
                }
            },
        ));
        listeners.push(listen(
            &win,
            "afterprint",
            &weak,
            |s: &mut SummaryWidget, _| s.unmark(),
        ));
    }
    listeners.extend(data::watch(&weak));
    let (on_return, ticker) = day_watch(ctx.host, &weak, SummaryWidget::check_day);
    listeners.extend(on_return);
    let ready = Pending::new(
        "attune:ready",
        Detail::new("summary").text("version", crate::VERSION),
    );
    View::mounted(state, listeners, Some(ticker), vec![ready])
}

local! {
    /// The one print stylesheet, adopted by each document a summary is shown in.
    static PRINT_SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Adds the print stylesheet to a document or a shadow root, once.
fn adopt_print_css(into: &web_sys::Node) {
    let sheet = PRINT_SHEET.with(|s| {
        let mut s = s.try_borrow_mut().ok()?;
        if s.is_none() {
            *s = Some(super::dom::stylesheet(PRINT_CSS));
        }
        s.clone()
    });
    let Some(sheet) = sheet else { return };
    let into: &super::dom::Adopter = wasm_bindgen::JsCast::unchecked_ref(into);
    let list = into.sheets();
    if !list.includes(&sheet, 0) {
        list.push(&sheet);
        let _ = into.set_sheets(&list);
    }
}

/// The host, and each host around it through the shadow roots, with the box of each
/// enclosing widget: what must stay visible in print.
fn print_path(host: &HtmlElement) -> Vec<Element> {
    let mut out = Vec::new();
    let mut node: Element = host.clone().into();
    for _ in 0..8 {
        out.push(node.clone());
        let Some(root) = shadow_root(&node.get_root_node()) else {
            break;
        };
        if let Some(base) = find(&root, ".attune") {
            out.push(base);
        }
        node = root.host();
    }
    out
}

impl SummaryWidget {
    fn read_form(&mut self) {
        let was = self.period;
        if let Some((p, _)) = self.ui.periods.iter().find(|(_, i)| i.checked()) {
            self.period = *p;
        }
        let on: Vec<bool> = self.ui.kinds.iter().map(HtmlInputElement::checked).vec();
        let at = |i: usize| on.get(i).copied().unwrap_or(true);
        self.include = Include {
            breathing: at(0),
            scans: at(1),
            check_in: at(2),
            pleasure: at(3),
            plan: at(4),
            own_words: self.ui.own.checked(),
        };
        let s = self.render();
        if self.period != was {
            let days = s.map(|s| span_line(self.lang, &s)).unwrap_or_default();
            set_text(&self.ui.said, &days);
        }
    }

    /// Marks the path to this summary for printing, unless another summary on the page
    /// already did.
    fn mark(&mut self) {
        let taken = self
            .host
            .owner_document()
            .and_then(|d| find(&d, &["[", MARK, "]"].cat()))
            .is_some();
        if taken && !self.marked {
            return;
        }
        // Again: a site's script may have set the document's own list since, without it.
        if let Some(doc) = super::dom::window().and_then(|w| w.document()) {
            adopt_print_css(&doc);
        }
        self.render();
        for el in print_path(&self.host) {
            set_attr(&el, MARK, "");
            // In another component's shadow root, not a widget's own (see `PRINT_CSS`).
            let root = el.get_root_node();
            if shadow_root(&root).is_some() && find(&root, ".attune").is_none() {
                adopt_print_css(&root);
            }
        }
        self.marked = true;
    }

    fn unmark(&mut self) {
        if !self.marked {
            return;
        }
        for el in print_path(&self.host) {
            unset(&el, MARK);
        }
        self.marked = false;
    }

    fn print(&mut self) {
        self.mark();
        let days = self.summary().map_or(0, |s| s.days.len());
        self.pending.push(Pending::new(
            "attune:complete",
            Detail::new("summary")
                .text("period", &self.period.id())
                .num("days", days as f64),
        ));
        super::dom::print();
    }

    /// The summary of the chosen period, or `None` when it is the plan and there is none.
    fn summary(&mut self) -> Option<Summary> {
        let today = local_day(wall_ms());
        // Read in place: years of records are not copied for each redraw.
        let (pleasure, plan, sessions) = self.vaults.all();
        let plan_items = plan.items();
        let sp = span(self.period, today, current(&plan_items))?;
        let (sessions, pleasure) = (sessions.items(), pleasure.items());
        let records = Records {
            sessions: &sessions,
            pleasure: &pleasure,
            plan: &plan_items,
        };
        Some(build(self.lang, records, sp, self.include))
    }

    fn check_day(&mut self) {
        if local_day(wall_ms()) != self.today {
            self.render();
        }
    }

    /// Draws the sheet anew and gives back what it shows.
    fn render(&mut self) -> Option<Summary> {
        self.today = local_day(wall_ms());
        let summary = self.summary();
        let lang = self.lang;
        set_text(
            &self.ui.no_plan,
            if summary.is_none() {
                text(lang, Msg::SumNoPlan)
            } else {
                ""
            },
        );
        // Nothing to print without a plan: no empty sheet, and Print waits for a period.
        show(&self.ui.sheet, summary.is_some());
        show(&self.ui.print_end, summary.is_some());
        enable(&self.ui.print, summary.is_some());
        let b = self.ui.build.clone();
        clear(&self.ui.sheet);
        let _ = draw_sheet(&b, &self.ui.sheet, lang, summary.as_ref(), self.include);
        super::dom::nest_headings(&self.host, &self.ui.sheet);
        summary
    }
}

/// The days a summary covers, in words. One day is said once, not "Wed, Dec 2 to Wed, Dec 2".
fn span_line(lang: Lang, s: &Summary) -> String {
    let start = date(lang, s.span.start);
    if s.span.start == s.span.end {
        start
    } else {
        fill(
            text(lang, Msg::SumSpan),
            &[("start", &start), ("end", &date(lang, s.span.end))],
        )
    }
}

/// The printed page, with a chart only for what goes in: one of a kind left out would say "none"
/// of what was there.
fn draw_sheet(
    b: &Builder,
    sheet: &HtmlElement,
    lang: Lang,
    s: Option<&Summary>,
    inc: Include,
) -> DomResult<()> {
    let t = |m| text(lang, m);
    let Some(s) = s else {
        return Ok(());
    };
    // Printed, the title and the days head every page (a loose page can still be placed).
    let top = b.el(sheet, "div", "sheet-top")?;
    let h = b.msg(&top, "h3", "sheet-title", lang, Msg::SumSheetTitle)?;
    attrs(&h, &[("id", "sheet-title")]);
    b.put_text(&top, "p", "span", &span_line(lang, s));

    let charts = b.el(sheet, "div", "charts")?;
    let practised = s.practice_days() as u64;
    let shifted = s.chart.iter().filter(|d| d.shifted).count() as u64;
    // Each chart's first and last day under it, as the tracker's chart has them: bars alone
    // do not say which day is which on a sheet read later.
    let ends = [date(lang, s.span.start), date(lang, s.span.end)];
    if inc.any_practice() {
        chart(
            b,
            &charts,
            &ends,
            t(Msg::SumPracticeChart),
            &fill(t(Msg::SumPracticeAlt), &[("n", &uint(practised))]),
            s.chart
                .iter()
                .map(|d| if d.practised { Some(1.0) } else { None }),
        )?;
    }
    if inc.pleasure {
        chart(
            b,
            &charts,
            &ends,
            t(Msg::SumShiftChart),
            &fill(t(Msg::SumShiftAlt), &[("n", &uint(shifted))]),
            s.chart.iter().map(|d| {
                d.shifted
                    .then(|| f64::from(d.shift.unwrap_or(1).max(1)) / 10.0)
            }),
        )?;
    }

    if !s.signals.is_empty() {
        b.put_msg(sheet, "h4", "", lang, Msg::SumSignals);
        let list = b.el(sheet, "ul", "signals")?;
        for (msg, n) in &s.signals {
            let line = fill(
                t(Msg::SumSignalTimes),
                &[("signal", t(*msg)), ("n", &uint(u64::from(*n)))],
            );
            b.put_text(&list, "li", "", &line);
        }
    }

    b.put_msg(sheet, "h4", "", lang, Msg::SumDays);
    if s.days.is_empty() {
        // With a kind left out, "nothing was kept" could deny what was.
        let why = if inc.every_kind() {
            Msg::SumNothing
        } else {
            Msg::SumNoneChosen
        };
        b.put_msg(sheet, "p", "empty", lang, why);
    } else {
        let list = b.el(sheet, "dl", "days")?;
        for d in &s.days {
            b.put_text(&list, "dt", "", &date(lang, d.day));
            let dd = b.el(&list, "dd", "")?;
            let ul = b.el(&dd, "ul", "")?;
            for line in &d.lines {
                b.put_text(&ul, "li", "", line);
            }
        }
    }

    let talk = b.el(sheet, "div", "talk")?;
    b.put_msg(&talk, "h4", "", lang, Msg::SumTalk);
    let lines = b.el(&talk, "div", "lines")?;
    attrs(&lines, &[("aria-hidden", "true")]);
    for _ in 0..5 {
        b.el(&lines, "div", "line")?;
    }
    // With its year, for a therapist's file.
    let made = fill(
        t(Msg::SumMadeOn),
        &[("date", &date_with_year(lang, local_day(wall_ms())))],
    );
    b.put_text(sheet, "p", "made", &made);
    Ok(())
}

/// One small chart: a titled strip of day marks (inline SVG) and what it shows in words, seen
/// and printed (bars alone say little on paper). `None` is a quiet stub for a day; `Some(v)` a
/// bar `v` (0 to 1) of the height.
fn chart(
    b: &Builder,
    parent: &HtmlElement,
    ends: &[String; 2],
    title: &str,
    alt: &str,
    values: impl ExactSizeIterator<Item = Option<f64>>,
) -> DomResult<()> {
    let fig = b.el(parent, "figure", "mini")?;
    b.put_text(&fig, "figcaption", "", title);
    let svg = b.svg(
        &fig,
        "svg",
        &[
            ("viewBox", &["0 0 300 ", &uint(CHART_H as u64 + 1)].cat()),
            // Bars from edge to edge, under the first and last day, also where print caps the
            // chart's height on wide paper.
            ("preserveAspectRatio", "none"),
            ("class", "mini-svg"),
            ("aria-hidden", "true"),
            ("focusable", "false"),
        ],
    );
    if values.len() > 1 {
        let axis = b.el(&fig, "div", "axis")?;
        attrs(&axis, &[("aria-hidden", "true")]);
        for end in ends {
            b.put_text(&axis, "span", "", end);
        }
    }
    b.put_text(&fig, "p", "alt", alt);
    let n = values.len().max(1) as f64;
    let slot = CHART_W / n;
    for (i, v) in values.enumerate() {
        let h = match v {
            Some(v) => num::round(CHART_H * v.clamp(0.15, 1.0)),
            None => 2.0,
        };
        let x = num::round(i as f64 * slot + slot * 0.15);
        let w = num::round((slot * 0.7).max(1.0));
        b.svg(
            &svg,
            "rect",
            &[
                ("x", &uint(x as u64)),
                ("y", &uint((CHART_H - h) as u64)),
                ("width", &uint(w as u64)),
                ("height", &uint(h as u64)),
                ("class", if v.is_some() { "on" } else { "off" }),
            ],
        );
    }
    Ok(())
}
