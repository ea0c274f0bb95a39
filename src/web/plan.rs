//! The screen of the reconnection plan (7 to 28 days, default 14).
//!
//! Each day: the four cues (body, sensory, connection, meaning; the clinician's `cues` replace
//! their words) as toggle buttons, and an optional short "Today I noticed…" note. Below, the
//! grid of the plan's days: what was done shows as filled dots, and nothing else is marked, so an
//! untouched day is just a day. A past day can be opened from the grid and ticked afterwards
//! (people forget). "Start afresh" (after a confirm) ends the plan and starts a new one from
//! today; the old plan and its days are kept and listed under "Earlier plans". "Today" is the
//! visitor's local calendar day, looked at again every minute and when the tab comes back.
//!
//! State on the host: `data-state="idle"` before the first plan, `"running"` while a plan's days
//! last, `"done"` once they have passed. Events: `attune:ready`; `attune:start` when a plan
//! starts; `attune:entry` on each tick, untick or note (plan id, day number, cue id, how many
//! cues are done that day, whether there is a note; never the note's words); `attune:complete`
//! when a day's four cues are all ticked (the day's flow is complete; nothing is ever said
//! about days that aren't).

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

use super::clock::{day_watch, local_day, random_u32, wall_ms};
use super::data::{self, save_notice, DataUi, Outcome, RecordWidget, Vaults};
use super::dom::{
    attrs, clear, find, find_all, focus, focused, key, refocus, set_text, target, Builder,
    DomResult, Focus,
};
use super::events::{listen, Detail, Pending, Queued};
use super::kit::{
    care_footer, confirm, notice_hook, on_actions, page_hidden, reflect_state, set_notice,
    storage_notice, Ctx, MountResult, View, Widget,
};
use crate::core::days::LocalDay;
use crate::core::i18n::{fill, text, Lang, Msg};
use crate::core::num::uint;
use crate::core::plan::{
    back_after_a_gap, cell_label, cue_text, current, day_index, earlier, find_day, grid, restart,
    set_cue, set_note, Cell, DayPosition, PlanConfig, PlanCue, PlanDay, PlanItem, PlanRecord,
    ALL_CUES, MAX_NOTE,
};
use crate::core::records::{new_id, stamp, Kind};
use crate::core::summary::quoted;

struct Ui {
    build: Builder,
    notice: HtmlElement,
    /// The start screen, or the day shown (its cues and note).
    body: HtmlElement,
    /// "Saved", right below the note and its Save button (a live region, so it stays while
    /// the parts around it are drawn again).
    status: HtmlElement,
    /// The grid, "Start afresh" and the earlier plans.
    lower: HtmlElement,
}

struct Planner {
    host: HtmlElement,
    lang: Lang,
    cfg: PlanConfig,
    vaults: Vaults,
    ui: Ui,
    data: DataUi,
    /// The day opened from the grid (`None`: today).
    selected: Option<u8>,
    /// The "start afresh?" question is showing.
    confirming: bool,
    /// The day the note field was drawn for, and the note it was drawn with.
    note_drawn: (String, String),
    today: LocalDay,
    pending: Vec<Pending>,
}

/// Shows nothing of the contacts beyond the care footer, which the mount keeps; a summary open in
/// its records panel follows its look.
impl Widget for Planner {
    /// A note typed and not saved is kept as the plan is removed (the page moved on).
    fn unmounting(&mut self) {
        self.note_left();
    }

    fn inner(&self) -> Option<Box<dyn super::kit::Nested>> {
        self.data.nested()
    }
}

impl RecordWidget for Planner {
    fn vaults(&mut self) -> &mut Vaults {
        &mut self.vaults
    }

    fn records_panel(&mut self) -> Option<(&mut Vaults, &data::DataUi)> {
        Some((&mut self.vaults, &self.data))
    }

    fn records_changed(&mut self) {
        // "Saved" was said of a note of a plan that is gone ("Delete everything", here or in
        // another tab): it would stand under the start screen, beside "Everything was deleted."
        if self.plan().is_none() {
            set_text(&self.ui.status, "");
        }
        let focus = self.focused();
        if !self.refresh_day() {
            self.render();
        }
        self.refocus(focus);
        self.data.refresh(&mut self.vaults);
        let notice = data::notice_of(&mut self.vaults, Kind::Plan);
        set_notice(self.lang, &self.ui.notice, notice);
    }
}

impl Queued for Planner {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}

/// The prompts the note offers: the reflection on what numbness may protect from, and the
/// meaning cue's "Something I haven't said out loud is…".
const PROMPTS: [Msg; 2] = [Msg::PlanPromptProtect, Msg::PlanPromptUnsaid];

/// Builds the plan in `ctx.base`. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &PlanConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    ctx.head("plan", Msg::PlanTitle, None, Msg::PlanIntro)?;
    // What numbness is, said once and gently: protection, and feeling that returns by degrees.
    b.put_msg(base, "p", "why", lang, Msg::PlanWhy);
    let mut vaults = Vaults::new(ctx.common, Kind::Plan);
    let notice = storage_notice(ctx, vaults.plan())?;
    let body = b.el(base, "div", "plan-body")?;
    let status = b.el(base, "p", "plan-status")?;
    attrs(&status, &[("role", "status")]);
    let lower = b.el(base, "div", "plan-body")?;
    vaults
        .plan()
        .on_notice(notice_hook(lang, &notice, vec![status.clone()]));
    let data_ui = data::build(ctx, base, false)?;
    care_footer(ctx)?;

    let state = Rc::new(RefCell::new(Planner {
        host: ctx.host.clone(),
        lang,
        cfg: cfg.clone(),
        vaults,
        ui: Ui {
            build: b.clone(),
            notice,
            body,
            status,
            lower,
        },
        data: data_ui,
        selected: None,
        confirming: false,
        note_drawn: (String::new(), String::new()),
        today: local_day(wall_ms()),
        pending: Vec::new(),
    }));
    let weak = Rc::downgrade(&state);
    // A running plan keeps its length when `days` changes: `days` is the one shown.
    let (day, days, panel) = {
        let t = &mut *state.borrow_mut();
        t.render();
        t.data.refresh(&mut t.vaults);
        let today = t.today;
        let (day, days) = current(&t.vaults.plan().items()).map_or((0, cfg.days), |p| {
            let day = match day_index(p, today) {
                DayPosition::Day(i) => u32::from(i) + 1,
                _ => 0,
            };
            (day, p.days)
        });
        (day, days, data::on_panel(&t.data, &weak))
    };

    let on_click = on_actions(base, &weak, Planner::on_action);
    let on_key = listen(base, "keydown", &weak, |t: &mut Planner, e| {
        let on_note = target(e).is_some_and(|t| t.id() == "note");
        if on_note && key(e).as_deref() == Some("Enter") {
            e.prevent_default();
            t.save_note();
        }
    });
    // A note typed and left (Tab, a click or a tap elsewhere, another window) is kept without
    // pressing Save, before the click that took the focus away is handled (it may open another
    // day). `focusout`, not `change`: a field drawn again with the visitor's words in it fires
    // no `change`.
    let on_leave = listen(base, "focusout", &weak, |t: &mut Planner, e| {
        let on_note = target(e).is_some_and(|t| t.id() == "note");
        if on_note {
            t.note_left();
        }
    });
    let mut listeners = vec![on_click, on_key, on_leave];
    listeners.extend(panel);
    listeners.extend(data::watch(&weak));
    let (on_return, ticker) = day_watch(ctx.host, &weak, |t: &mut Planner| {
        if page_hidden(&t.host) {
            // The tab may be closing before the note field is left: kept now.
            t.note_left();
        }
        t.check_day();
    });
    listeners.extend(on_return);

    let ready = Pending::new(
        "attune:ready",
        Detail::new("plan")
            .text("version", crate::VERSION)
            .num("days", f64::from(days))
            .num("day", f64::from(day)),
    );
    View::mounted(state, listeners, Some(ticker), vec![ready])
}

/// `attune:entry` for a day just saved: its plan and number, how many cues are done and whether
/// it has a note (never the note's words); `what` adds what changed (a cue and its state).
fn day_entry(
    plan: &PlanRecord,
    index: u8,
    day: &PlanDay,
    what: impl FnOnce(Detail) -> Detail,
) -> Pending {
    let done = u8::try_from((day.done & ALL_CUES).count_ones()).unwrap_or(0);
    let detail = Detail::new("plan")
        .text("plan", &plan.id)
        .num("day", f64::from(index) + 1.0);
    Pending::new(
        "attune:entry",
        what(detail)
            .num("cues_done", f64::from(done))
            .flag("note", day.note.is_some()),
    )
}

fn index_of(el: &Element) -> Option<u8> {
    el.get_attribute("data-value")?.parse::<u8>().ok()
}

impl Planner {
    /// The welcome back goes once today holds something, whatever gave it (a tick in another
    /// tab, a note saved as the field is left): drawn in place, the day has no full redraw.
    fn drop_welcome(&mut self, cells: &[Cell], index: u8) {
        if !self.back_after_a_gap(cells, index) {
            if let Some(w) = self.root().and_then(|r| find(&r, ".welcome")) {
                w.remove();
            }
        }
    }

    /// Days away count no day with anything kept, in the plan or by another widget. The
    /// sessions and small pleasures are read (and their changes heard from then on) only when
    /// the plan's own days would welcome the visitor back.
    fn back_after_a_gap(&mut self, cells: &[Cell], index: u8) -> bool {
        if !back_after_a_gap(cells, index, &[]) {
            return false;
        }
        let mut days = Vec::new();
        for s in self.vaults.sessions().items().iter() {
            days.push(s.day);
        }
        for e in self.vaults.pleasure().items().iter() {
            if e.logged() {
                days.push(e.day);
            }
        }
        back_after_a_gap(cells, index, &days)
    }

    fn root(&self) -> Option<ShadowRoot> {
        self.host.shadow_root()
    }

    fn focused(&self) -> Option<Focus> {
        focused(&self.root()?)
    }

    /// Gone with what was drawn: the words of a plan whose days passed (not its "Start a new
    /// plan", which a stray Enter would press), else the first control there now, not the
    /// page's <body>.
    fn refocus(&self, focus: Option<Focus>) {
        // (Something else, neither a control nor named, was not drawn again: it keeps it.)
        if let (Some(root), Some(focus)) = (self.root(), focus) {
            if !matches!(focus, Focus::Other) {
                refocus(&root, focus, ".over[tabindex], button");
            }
        }
    }

    fn focus_on(&self, root: &ShadowRoot, selector: &str) {
        if let Some(el) = find(root, selector) {
            focus(el.unchecked_ref());
        }
    }

    fn focus_selector(&self, selector: &str) {
        if let Some(root) = self.root() {
            self.focus_on(&root, selector);
        }
    }

    fn plan(&mut self) -> Option<PlanRecord> {
        current(&self.vaults.plan().items()).cloned()
    }

    /// The day the cues and note are about: the one opened from the grid, else today.
    fn shown_day(&mut self, plan: &PlanRecord) -> Option<u8> {
        let today = match day_index(plan, self.today) {
            DayPosition::Day(i) => Some(i),
            DayPosition::After | DayPosition::Before => None,
        };
        self.selected
            .filter(|s| *s < plan.days && today.is_none_or(|t| *s <= t))
            .or(today)
    }

    fn on_action(&mut self, action: &str, el: &Element) {
        match action {
            "start" | "restart-yes" => self.start_plan(),
            "restart" => {
                self.confirming = true;
                self.render();
                self.focus_selector("[data-action=\"restart-cancel\"]");
            }
            "restart-cancel" => {
                self.confirming = false;
                self.render();
                self.focus_selector("[data-action=\"restart\"]");
            }
            "cue" => {
                if let Some(cue) =
                    index_of(el).and_then(|i| PlanCue::ALL.get(usize::from(i)).copied())
                {
                    let on = el.get_attribute("aria-pressed").as_deref() != Some("true");
                    self.tick(cue, on);
                }
            }
            "note" => self.save_note(),
            "prompt" => self.begin_note(el),
            "day" => {
                self.selected = index_of(el);
                set_text(&self.ui.status, "");
                self.render();
                self.focus_selector("#day-title");
            }
            "today" => {
                self.selected = None;
                set_text(&self.ui.status, "");
                self.render();
                self.focus_selector("#day-title");
            }
            _ => {
                let outcome =
                    data::act(action, &mut self.vaults, &mut self.data, &|_| String::new());
                if outcome == Outcome::Changed {
                    self.selected = None;
                    self.confirming = false;
                    self.records_changed();
                }
            }
        }
    }

    fn start_plan(&mut self) {
        let now = wall_ms();
        self.today = local_day(now);
        let (today, days) = (self.today, self.cfg.days);
        let id = new_id(now, random_u32());
        let mut started = false;
        self.vaults.plan().change(now, |doc| {
            let at = stamp(now, doc.cleared_at);
            if let Some(next) = restart(&doc.items, today, days, &id, at) {
                for item in next {
                    if !doc.items.contains(&item) {
                        doc.upsert(item);
                    }
                }
                started = true;
            }
        });
        if !started {
            return;
        }
        self.selected = None;
        self.confirming = false;
        set_text(&self.ui.status, "");
        self.render();
        self.focus_selector("#day-title");
        self.pending.push(Pending::new(
            "attune:start",
            Detail::new("plan")
                .text("plan", &id)
                .num("days", f64::from(days)),
        ));
    }

    fn tick(&mut self, cue: PlanCue, on: bool) {
        let Some(plan) = self.plan() else { return };
        let Some(index) = self.shown_day(&plan) else {
            return;
        };
        let now = wall_ms();
        let before = find_day(&self.vaults.plan().items(), &plan.id, index).map_or(0, |d| d.done);
        let mut saved = None;
        self.vaults.plan().change(now, |doc| {
            let at = stamp(now, doc.cleared_at);
            if let Some(day) = set_cue(&doc.items, &plan, index, cue, on, at) {
                saved = Some(day.clone());
                doc.upsert(PlanItem::Day(day));
            }
        });
        let Some(day) = saved else { return };
        set_text(&self.ui.status, "");
        let focus = self.focused();
        self.render();
        self.refocus(focus);
        self.pending.push(day_entry(&plan, index, &day, |d| {
            d.text("cue", cue.id()).flag("done", on)
        }));
        if day.done & ALL_CUES == ALL_CUES && before & ALL_CUES != ALL_CUES {
            self.pending.push(Pending::new(
                "attune:complete",
                Detail::new("plan")
                    .text("plan", &plan.id)
                    .num("day", f64::from(index) + 1.0)
                    .num("days", f64::from(plan.days))
                    .num("cues_done", 4.0),
            ));
        }
    }

    /// A prompt chosen for the note: it becomes the note's first words when the field is
    /// empty (never over what the visitor wrote), and the field takes the focus to go on.
    fn begin_note(&mut self, el: &Element) {
        let Some(msg) = index_of(el).and_then(|i| PROMPTS.get(usize::from(i))) else {
            return;
        };
        let Some(input) = self.note_input() else {
            return;
        };
        // An empty field, or another prompt left as it is: the visitor's own words never.
        let value = input.value();
        if value.trim().is_empty() || self.just_prompt(&value) {
            let words = [text(self.lang, *msg), " "].cat();
            input.set_value(&words);
        }
        focus(&input);
        super::dom::caret_to_end(&input);
    }

    /// What the visitor is typing in the note field and has not saved: not the kept note, nor
    /// a prompt left as it is.
    fn draft(&self) -> Option<String> {
        self.note_input()
            .map(|i| i.value())
            .filter(|v| *v != self.note_drawn.1 && !self.just_prompt(v))
    }

    /// Whether the note's words are one of the prompts as offered, nothing of the visitor's.
    fn just_prompt(&self, words: &str) -> bool {
        PROMPTS.iter().any(|m| text(self.lang, *m) == words.trim())
    }

    fn note_input(&self) -> Option<HtmlInputElement> {
        // (Only ever the note field, a <textarea> read through the input binding.)
        Some(self.root()?.get_element_by_id("note")?.unchecked_into())
    }

    /// The note field was left: a draft (see [`Planner::draft`]) is saved.
    /// Nothing is drawn again: the button being pressed must still be there for its click.
    fn note_left(&mut self) {
        if self.draft().is_some() {
            // (A click that took the focus to another plan of the same records on this page
            // builds on it there, written or not: see `storage::Vault::change`.)
            self.keep_note(false);
        }
    }

    /// Shows in place what changed elsewhere (another tab, another plan on the page) when the
    /// same day of the same plan is still what is shown: the cues' states, the note where the
    /// visitor is not typing, the grid and the earlier plans. The day's buttons stay, so one
    /// being pressed keeps its click. `false` when the whole body must be drawn again.
    fn refresh_day(&mut self) -> bool {
        if self.confirming || local_day(wall_ms()) != self.today {
            return false;
        }
        let Some(plan) = self.plan() else {
            return false;
        };
        let Some(index) = self.shown_day(&plan) else {
            return false;
        };
        if self.note_drawn.0 != crate::core::plan::day_id(&plan.id, index) {
            return false;
        }
        let (Some(root), Some(input)) = (self.root(), self.note_input()) else {
            return false;
        };
        let items = self.vaults.plan().items();
        let day = find_day(&items, &plan.id, index);
        let done = day.map_or(0, |d| d.done);
        let note = day.and_then(|d| d.note.clone()).unwrap_or_default();
        let cells = grid(&items, &plan, self.today);
        drop(items);
        // The day's four cues, in their order.
        let buttons = find_all(&root, "[data-action=cue]");
        for (i, cue) in PlanCue::ALL.iter().enumerate() {
            if let Some(b) = buttons.item(i as u32) {
                let on = done & cue.bit() != 0;
                attrs(
                    b.unchecked_ref(),
                    &[("aria-pressed", if on { "true" } else { "false" })],
                );
            }
        }
        if input.value() == self.note_drawn.1 {
            input.set_value(&note);
            self.note_drawn.1 = note;
        } else if note != self.note_drawn.1 && self.draft().is_some() {
            // Typed here while the day's note was saved elsewhere: kept, these words will
            // replace it, so the visitor sees what they replace (and may keep some of it); a
            // note deleted elsewhere leaves nothing to tell. (A prompt left as it is replaces
            // nothing.)
            let lang = self.lang;
            let told = if note.is_empty() {
                String::new()
            } else {
                fill(
                    text(lang, Msg::NoteChangedElsewhere),
                    &[("note", &quoted(lang, &note))],
                )
            };
            set_text(&self.ui.status, &told);
            self.note_drawn.1 = note;
        }
        self.drop_welcome(&cells, index);
        for cell in cells {
            self.draw_square(&cell, plan.days);
        }
        // The earlier plans, drawn again at the end (an import may have added one), open if
        // the visitor had opened them.
        let old = find(&root, ".earlier");
        let open = old.as_ref().is_some_and(|d| d.has_attribute("open"));
        if let Some(d) = old {
            d.remove();
        }
        let (b, lower) = (self.ui.build.clone(), self.ui.lower.clone());
        let _ = self.draw_earlier(&b, &lower);
        if let Some(d) = find(&root, ".earlier").filter(|_| open) {
            attrs(&d, &[("open", "")]);
        }
        true
    }

    /// Draws one square of the grid again, in place.
    fn draw_square(&self, cell: &Cell, total: u8) {
        let square = self.root().and_then(|r| {
            let at = uint(u64::from(cell.index));
            find(
                &r,
                &["[data-action=\"day\"][data-value=\"", &at, "\"]"].cat(),
            )
        });
        if let Some(square) = square {
            let square: HtmlElement = square.unchecked_into();
            clear(&square);
            let _ = draw_cell(&self.ui.build, &square, self.lang, cell, total);
        }
    }

    fn save_note(&mut self) {
        self.keep_note(true);
    }

    /// Saves the note field's words for the day shown; `redraw`: shows the day again with them.
    fn keep_note(&mut self, redraw: bool) {
        let Some(plan) = self.plan() else { return };
        let Some(index) = self.shown_day(&plan) else {
            return;
        };
        let Some(input) = self.note_input() else {
            return;
        };
        let words = input.value();
        // A prompt chosen and left as it is is not the visitor's note (yet): Save keeps
        // nothing, and the field takes the focus back for their words.
        if self.just_prompt(&words) {
            focus(&input);
            super::dom::caret_to_end(&input);
            return;
        }
        // Kept already (the field was left on the way to Save): Save stores it again (a write
        // that failed is tried again) but tells the page of no new entry.
        let changed = words != self.note_drawn.1;
        let mut saved = None;
        if changed || redraw {
            let now = wall_ms();
            self.vaults.plan().change(now, |doc| {
                let at = stamp(now, doc.cleared_at);
                if let Some(day) = set_note(&doc.items, &plan, index, &words, at) {
                    saved = Some(day.clone());
                    doc.upsert(PlanItem::Day(day));
                }
            });
            if saved.is_none() {
                return;
            }
            // Saved, so no longer a draft to keep: the field shows the note as kept.
            self.note_drawn.1 = words;
        }
        if redraw {
            let focus = self.focused();
            self.render();
            self.refocus(focus);
        } else {
            // Its square in the grid says there is a note at once (words and label).
            let cells = grid(&self.vaults.plan().items(), &plan, self.today);
            self.drop_welcome(&cells, index);
            if let Some(cell) = cells.iter().find(|c| c.index == index) {
                self.draw_square(cell, plan.days);
            }
        }
        let notice = save_notice(&mut self.vaults, Kind::Plan);
        confirm(self.lang, &self.ui.status, Msg::Saved, notice);
        if let Some(day) = saved.filter(|_| changed) {
            self.pending.push(day_entry(&plan, index, &day, |d| d));
        }
    }

    fn check_day(&mut self) {
        if local_day(wall_ms()) != self.today {
            // A note being typed as the day turns keeps its day in view, to be saved to the
            // day it was written for ("Back to today" is there); otherwise today comes up.
            // (A prompt left as it is is not the visitor's words: today comes up.)
            let typing = self.draft().is_some();
            self.selected = match self.plan() {
                Some(plan) if typing => self.shown_day(&plan),
                _ => None,
            };
            // "Saved" was said of a day before this one.
            set_text(&self.ui.status, "");
            // Only here does the day turn: a tick or a note made past midnight, before this
            // look, is for the day on screen, and a redraw for a change made elsewhere keeps
            // that day until this look moves the view on.
            self.today = local_day(wall_ms());
            let focus = self.focused();
            self.render();
            self.refocus(focus);
        }
    }

    /// Draws the body again from the records: the start screen, or the day, the grid and the
    /// earlier plans. A note being typed is kept, not saved: in the same day's field, or in
    /// the new plan's when another tab started afresh meanwhile (the words were not lost with
    /// the plan's end). A note left is saved as the field is left, so only a change made
    /// elsewhere redraws under a draft.
    fn render(&mut self) {
        let draft = self.draft();
        self.note_drawn.0 = String::new();
        clear(&self.ui.body);
        clear(&self.ui.lower);
        let _ = self.draw();
        if let (Some(draft), Some(input)) = (draft, self.note_input()) {
            input.set_value(&draft);
        }
    }

    fn draw(&mut self) -> DomResult<()> {
        let lang = self.lang;
        let b = self.ui.build.clone();
        let (body, lower) = (self.ui.body.clone(), self.ui.lower.clone());
        let Some(plan) = self.plan() else {
            reflect_state(&self.host, "idle", None);
            let days = uint(u64::from(self.cfg.days));
            b.put_text(
                &body,
                "p",
                "start-copy",
                &fill(text(lang, Msg::PlanStartDays), &[("days", &days)]),
            );
            let row = b.el(&body, "div", "controls")?;
            let start = b.msg_button(&row, "primary", lang, Msg::PlanStart, "start")?;
            attrs(&start, &[("part", "button primary")]);
            self.draw_earlier(&b, &lower)?;
            return Ok(());
        };
        let position = day_index(&plan, self.today);
        reflect_state(
            &self.host,
            if position == DayPosition::After {
                "done"
            } else {
                "running"
            },
            None,
        );
        match position {
            DayPosition::After => {
                // (Where the focus goes when the control it was on went with the plan's days.)
                let over = b.msg(&body, "p", "over", lang, Msg::PlanOver)?;
                attrs(&over, &[("tabindex", "-1")]);
                // What the days held, not the empty squares, is the last word of a plan.
                let held = grid(&self.vaults.plan().items(), &plan, self.today)
                    .iter()
                    .filter(|c| c.held())
                    .count();
                if held > 0 {
                    let words = fill(text(lang, Msg::PlanOverDays), &[("n", &uint(held as u64))]);
                    b.put_text(&body, "p", "over", &words);
                }
                let row = b.el(&body, "div", "controls")?;
                let again =
                    b.msg_button(&row, "primary", lang, Msg::PlanRestartYes, "restart-yes")?;
                attrs(&again, &[("part", "button primary")]);
            }
            DayPosition::Before => {
                let date = data::date_label(lang, plan.started);
                b.put_text(
                    &body,
                    "p",
                    "over",
                    &fill(text(lang, Msg::PlanBefore), &[("date", &date)]),
                );
            }
            DayPosition::Day(t) => {
                let cells = grid(&self.vaults.plan().items(), &plan, self.today);
                if self.shown_day(&plan) == Some(t) && self.back_after_a_gap(&cells, t) {
                    b.put_msg(&body, "p", "over welcome", lang, Msg::PlanWelcomeBack);
                }
            }
        }
        if let Some(index) = self.shown_day(&plan) {
            let today = matches!(position, DayPosition::Day(t) if t == index);
            self.draw_day(&b, &body, &plan, index, today)?;
        }
        self.draw_grid(&b, &lower, &plan)?;
        if position != DayPosition::After {
            let row = b.el(&lower, "div", "restart")?;
            b.put_msg_button(&row, "quiet", lang, Msg::PlanRestart, "restart");
            if self.confirming {
                let confirm = b.el(&lower, "div", "confirm")?;
                attrs(
                    &confirm,
                    &[("role", "group"), ("aria-labelledby", "restart-q")],
                );
                let q = b.msg(&confirm, "p", "", lang, Msg::PlanRestartConfirm)?;
                attrs(&q, &[("id", "restart-q")]);
                let buttons = b.el(&confirm, "div", "confirm-actions")?;
                b.put_msg_button(
                    &buttons,
                    "primary",
                    lang,
                    Msg::PlanRestartYes,
                    "restart-yes",
                );
                let cancel = b.msg_button(&buttons, "", lang, Msg::Cancel, "restart-cancel")?;
                attrs(&cancel, &[("data-escape", "")]);
            }
        }
        self.draw_earlier(&b, &lower)
    }

    fn draw_day(
        &mut self,
        b: &Builder,
        body: &HtmlElement,
        plan: &PlanRecord,
        index: u8,
        is_today: bool,
    ) -> DomResult<()> {
        let lang = self.lang;
        let day = find_day(&self.vaults.plan().items(), &plan.id, index).cloned();
        let done = day.as_ref().map_or(0, |d| d.done);
        // (No name of its own: a named section is a region, and a screen reader Tabbing to a
        // cue heard the day's title twice over, for the region and for the cues' group.)
        let section = b.el(body, "section", "day")?;
        attrs(&section, &[("part", "day")]);
        let date = data::date_label(lang, plan.started.plus(i32::from(index)));
        let heading = fill(
            text(lang, Msg::PlanDayTitle),
            &[
                ("n", &uint(u64::from(index) + 1)),
                ("total", &uint(u64::from(plan.days))),
                ("date", &date),
            ],
        );
        let h = b.text(&section, "h3", "day-title", &heading)?;
        attrs(&h, &[("id", "day-title"), ("tabindex", "-1")]);
        if !is_today {
            // Once the plan's days have passed, today is none of them.
            let back = match day_index(plan, self.today) {
                DayPosition::Day(_) => Msg::PlanBackToday,
                _ => Msg::Back,
            };
            b.put_msg_button(&section, "quiet back", lang, back, "today");
        }
        let cues = b.el(&section, "div", "cues")?;
        attrs(
            &cues,
            &[
                ("role", "group"),
                ("aria-labelledby", "day-title"),
                ("part", "cues"),
            ],
        );
        for cue in PlanCue::ALL {
            let on = done & cue.bit() != 0;
            let btn = b.el(&cues, "button", "cue")?;
            attrs(
                &btn,
                &[
                    ("type", "button"),
                    ("data-action", "cue"),
                    ("data-value", &uint(cue.index() as u64)),
                    ("data-cue", cue.id()),
                    ("aria-pressed", if on { "true" } else { "false" }),
                    ("part", "cue"),
                ],
            );
            let tick = b.el(&btn, "span", "tick")?;
            attrs(&tick, &[("aria-hidden", "true")]);
            let words = b.el(&btn, "span", "cue-words")?;
            b.put_text(&words, "span", "cue-name", text(lang, cue.name()));
            b.put_text(
                &words,
                "span",
                "cue-text",
                cue_text(lang, cue, self.cfg.cues.as_ref()),
            );
        }
        let note = b.el(&section, "div", "note-row")?;
        let label_words = if is_today {
            Msg::PlanNoteLabel
        } else {
            Msg::PlanNoteLabelPast
        };
        let label = b.text(&note, "label", "", text(lang, label_words))?;
        attrs(&label, &[("for", "note")]);
        let line = b.el(&note, "div", "note-line")?;
        // A text box that wraps, so the whole note is in sight at any text size or width (on
        // one line, a phone at twice the text size showed its last few words). Enter still
        // saves it; the note is one paragraph. Reached through the input binding: `value` and
        // `setSelectionRange` are the same on both elements (one binding fewer in the engine).
        let input: HtmlInputElement = b.el(&line, "textarea", "")?.unchecked_into();
        attrs(
            &input,
            &[
                ("rows", "2"),
                ("id", "note"),
                ("maxlength", &uint(MAX_NOTE as u64)),
                ("autocomplete", "off"),
                ("aria-describedby", "note-hint"),
                ("part", "input"),
            ],
        );
        let drawn = day
            .as_ref()
            .and_then(|d| d.note.clone())
            .unwrap_or_default();
        input.set_value(&drawn);
        self.note_drawn = (crate::core::plan::day_id(&plan.id, index), drawn);
        b.put_msg_button(&line, "", lang, Msg::Save, "note");
        let hint = b.msg(&note, "p", "hint", lang, Msg::PlanNoteHint)?;
        attrs(&hint, &[("id", "note-hint")]);
        let prompts = b.el(&note, "div", "prompts")?;
        attrs(
            &prompts,
            &[("role", "group"), ("aria-labelledby", "prompts-label")],
        );
        let p = b.msg(
            &prompts,
            "span",
            "prompts-label",
            lang,
            Msg::PlanPromptsLabel,
        )?;
        attrs(&p, &[("id", "prompts-label")]);
        for (i, msg) in PROMPTS.iter().enumerate() {
            let btn = b.button(&prompts, "quiet prompt", text(lang, *msg), "prompt")?;
            attrs(&btn, &[("data-value", &uint(i as u64))]);
        }
        Ok(())
    }

    fn draw_grid(&mut self, b: &Builder, body: &HtmlElement, plan: &PlanRecord) -> DomResult<()> {
        let lang = self.lang;
        let shown = self.shown_day(plan);
        let cells = grid(&self.vaults.plan().items(), plan, self.today);
        let label = b.msg(body, "p", "q grid-label", lang, Msg::PlanGridLabel)?;
        attrs(&label, &[("id", "grid-label")]);
        let list = b.el(body, "ol", "grid")?;
        attrs(
            &list,
            &[
                ("aria-labelledby", "grid-label"),
                ("part", "grid"),
                ("data-days", &uint(u64::from(plan.days))),
            ],
        );
        for cell in &cells {
            let li = b.el(&list, "li", "")?;
            let el = if cell.is_future {
                b.el(&li, "span", "cell")?
            } else {
                let btn = b.el(&li, "button", "cell")?;
                let pressed = shown == Some(cell.index);
                attrs(
                    &btn,
                    &[
                        ("type", "button"),
                        ("data-action", "day"),
                        ("data-value", &uint(u64::from(cell.index))),
                        ("aria-pressed", if pressed { "true" } else { "false" }),
                    ],
                );
                btn
            };
            draw_cell(b, &el, lang, cell, plan.days)?;
        }
        Ok(())
    }

    fn draw_earlier(&mut self, b: &Builder, body: &HtmlElement) -> DomResult<()> {
        let lang = self.lang;
        let today = self.today;
        let items = self.vaults.plan().items();
        let ended = earlier(&items);
        if ended.is_empty() {
            return Ok(());
        }
        let details = b.el(body, "details", "earlier")?;
        attrs(&details, &[("part", "earlier")]);
        b.put_msg(&details, "summary", "", lang, Msg::PlanEarlier);
        for plan in ended {
            let date = data::date_label(lang, plan.started);
            // The days it ran, as its grid shows them: a plan of 14 days started afresh on its
            // third is "3 days", not 14.
            let cells = grid(&items, plan, today);
            let line = fill(
                text(lang, Msg::PlanEarlierItem),
                &[("date", &date), ("days", &uint(cells.len() as u64))],
            );
            b.put_text(&details, "p", "earlier-title", &line);
            let list = b.el(&details, "ol", "grid mini")?;
            for cell in cells {
                let li = b.el(&list, "li", "")?;
                let span = b.el(&li, "span", "cell")?;
                draw_cell(
                    b,
                    &span,
                    lang,
                    &Cell {
                        is_today: false,
                        ..cell
                    },
                    plan.days,
                )?;
            }
        }
        Ok(())
    }
}

/// One square of a grid: the day's number and a dot for each cue done (nothing drawn for what
/// wasn't), with the day in words for screen readers.
fn draw_cell(b: &Builder, el: &HtmlElement, lang: Lang, cell: &Cell, total: u8) -> DomResult<()> {
    let mut class = String::from("cell");
    if cell.done != 0 {
        class.push_str(" has-done");
    }
    if cell.is_today {
        class.push_str(" is-today");
        attrs(el, &[("aria-current", "date")]);
    }
    if cell.is_future {
        class.push_str(" is-future");
    }
    el.set_class_name(&class);
    let n = b.text(el, "span", "n", &uint(u64::from(cell.index) + 1))?;
    attrs(&n, &[("aria-hidden", "true")]);
    let dots = b.el(el, "span", "dots")?;
    attrs(&dots, &[("aria-hidden", "true")]);
    for cue in PlanCue::ALL {
        let on = cell.done & cue.bit() != 0;
        b.el(&dots, "span", if on { "dot on" } else { "dot" })?;
    }
    if cell.has_note {
        // A word, not a symbol: plain to read at a glance (the cell's label says it in full).
        let mark = b.msg(el, "span", "has-note", lang, Msg::PlanNoteMark)?;
        attrs(&mark, &[("aria-hidden", "true")]);
    }
    b.put_text(
        el,
        "span",
        "visually-hidden",
        &cell_label(lang, cell, total),
    );
    Ok(())
}
