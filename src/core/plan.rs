//! The reconnection plan's logic: four small cues a day (body, sensory, connection, meaning), an
//! optional "today I noticed…" line, a grid of the plan's days, and a fresh start at any time.
//!
//! The grid shows what was done and nothing else: a day without ticks is just a day, never a
//! mark of failure. "Today" is the visitor's local calendar day ([`LocalDay`]), so a plan
//! started at 23:30 is on its second day at 00:10, not its third and not still its first.
//!
//! The plan's options (`days`, `cues`) are read here too, by [`parse`].

use crate::prelude::*;

use super::days::LocalDay;
use super::i18n::{fill, text, Lang, Msg};
use super::json::{Fields, FromJson, Invalid, Object, ToJson, Value};
use super::num::{parse_decimal, uint};
use super::options::{bad, text_list, Expected, OptionError, RawOptions};
use super::records::{
    clean_text, stamp, valid_day, valid_id, valid_stamp, valid_text, Envelope, ImportError, Record,
};

/// One of the four daily cues, each a bit in [`PlanDay::done`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanCue {
    /// A few minutes of gentle movement.
    Body,
    /// One deliberate sensory moment.
    Sensory,
    /// One small contact with someone.
    Connection,
    /// One small act that matters to the visitor.
    Meaning,
}

impl PlanCue {
    /// The cues in the order they are shown (and given in the `cues` option).
    pub const ALL: [PlanCue; 4] = [
        PlanCue::Body,
        PlanCue::Sensory,
        PlanCue::Connection,
        PlanCue::Meaning,
    ];

    /// Its bit in [`PlanDay::done`]: 1, 2, 4, 8.
    pub fn bit(self) -> u8 {
        1 << self.index()
    }

    /// Its place in [`PlanCue::ALL`] and in a custom `cues` list.
    pub fn index(self) -> usize {
        match self {
            PlanCue::Body => 0,
            PlanCue::Sensory => 1,
            PlanCue::Connection => 2,
            PlanCue::Meaning => 3,
        }
    }

    /// Its id in events and in the `cues` option's labels.
    pub fn id(self) -> &'static str {
        match self {
            PlanCue::Body => "body",
            PlanCue::Sensory => "sensory",
            PlanCue::Connection => "connection",
            PlanCue::Meaning => "meaning",
        }
    }

    /// The cue by its id.
    pub fn from_id(id: &str) -> Option<PlanCue> {
        PlanCue::ALL.iter().copied().find(|c| c.id() == id)
    }

    /// Its short name ("Body").
    pub fn name(self) -> Msg {
        match self {
            PlanCue::Body => Msg::PlanBody,
            PlanCue::Sensory => Msg::PlanSensory,
            PlanCue::Connection => Msg::PlanConnection,
            PlanCue::Meaning => Msg::PlanMeaning,
        }
    }

    /// Its default invitation, used unless the clinician set `cues`.
    pub fn default_text(self) -> Msg {
        match self {
            PlanCue::Body => Msg::PlanBodyText,
            PlanCue::Sensory => Msg::PlanSensoryText,
            PlanCue::Connection => Msg::PlanConnectionText,
            PlanCue::Meaning => Msg::PlanMeaningText,
        }
    }
}

/// Every cue bit; a stored day with any other bit is damaged.
pub const ALL_CUES: u8 = 0b1111;

/// Plan lengths the `days` option accepts.
pub const DAYS_RANGE: (u8, u8) = (7, 28);

/// The plan length when `days` is not given.
pub const DEFAULT_DAYS: u8 = 14;

/// Longest "today I noticed…" note, in characters: one line.
pub const MAX_NOTE: usize = 140;

/// Longest plan id: a day's id adds `.` and up to two digits and must stay within 64.
pub const MAX_PLAN_ID: usize = 60;

/// The words of a cue: the clinician's (`cues` option) if given, else the catalog's.
pub fn cue_text(lang: Lang, cue: PlanCue, custom: Option<&[String; 4]>) -> &str {
    match custom.and_then(|c| c.get(cue.index())) {
        Some(t) => t.as_str(),
        None => text(lang, cue.default_text()),
    }
}

/// One plan: when it started, how long it runs, and whether it was ended by a fresh start.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanRecord {
    /// Unique id, at most [`MAX_PLAN_ID`] characters.
    pub id: String,
    /// Its first local day (day 1 to the visitor, index 0 here).
    pub started: LocalDay,
    /// How many days it runs, 7 to 28.
    pub days: u8,
    /// The local day a fresh start ended it; its record and days are kept.
    pub ended: Option<LocalDay>,
    /// Last change, ms since the epoch.
    pub updated_at: i64,
}

/// One day of a plan: which cues were done and the optional note. Only days the visitor touched
/// are stored.
///
/// **Merging**: a day is one record, and of two copies the later `updated_at` wins whole
/// (ties to the greater copy), like every other record. The alternative, OR-ing the `done`
/// bits of both copies, would lose every untick: a cue unticked in one tab would come back from
/// the other. Later-wins keeps [`crate::core::records::merge`] generic, commutative and
/// associative; the cost is that two tabs ticking *different* cues of the same day within the
/// same moment, before either has seen the other's write, keep only the later tick. The web layer
/// merges the stored copy in before every write and on every `storage` event, so in practice a
/// tab edits the latest day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanDay {
    /// `<plan id>.<index>`, so each plan day has exactly one record.
    pub id: String,
    /// The plan's id.
    pub plan: String,
    /// Day index from 0 (shown as day 1).
    pub index: u8,
    /// Done cues, as [`PlanCue::bit`]s.
    pub done: u8,
    /// "Today I noticed…", one line.
    pub note: Option<String>,
    /// Last change, ms since the epoch.
    pub updated_at: i64,
}

impl FromJson for PlanRecord {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(PlanRecord {
            id: f.need("id")?,
            started: f.need("started")?,
            days: f.need("days")?,
            ended: f.or_default("ended")?,
            updated_at: f.need("updated_at")?,
        })
    }
}

impl ToJson for PlanRecord {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .put("id", &self.id)
            .put("started", &self.started)
            .put("days", &self.days)
            .put_some("ended", &self.ended)
            .put("updated_at", &self.updated_at)
            .close();
    }
}

impl FromJson for PlanDay {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(PlanDay {
            id: f.need("id")?,
            plan: f.need("plan")?,
            index: f.need("index")?,
            done: f.or_default("done")?,
            note: f.or_default("note")?,
            updated_at: f.need("updated_at")?,
        })
    }
}

impl ToJson for PlanDay {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .put("id", &self.id)
            .put("plan", &self.plan)
            .put("index", &self.index)
            .put("done", &self.done)
            .put_some("note", &self.note)
            .put("updated_at", &self.updated_at)
            .close();
    }
}

/// The id of a plan's day: `<plan>.<index>`.
pub fn day_id(plan: &str, index: u8) -> String {
    [plan, ".", &uint(u64::from(index))].cat()
}

/// What the `plan` document holds: plans and their touched days, side by side.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlanItem {
    /// A plan, current or ended.
    Plan(PlanRecord),
    /// A day of some plan.
    Day(PlanDay),
}

/// Stored as `{"plan": {...}}` or `{"day": {...}}`.
impl FromJson for PlanItem {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match v {
            Value::Obj(members) => match members.as_slice() {
                [(tag, body)] if tag == "plan" => PlanRecord::from_json(body).map(PlanItem::Plan),
                [(tag, body)] if tag == "day" => PlanDay::from_json(body).map(PlanItem::Day),
                _ => Err(Invalid),
            },
            _ => Err(Invalid),
        }
    }
}

impl ToJson for PlanItem {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::open(out);
        match self {
            PlanItem::Plan(p) => o.put("plan", p),
            PlanItem::Day(d) => o.put("day", d),
        };
        o.close();
    }
}

fn valid_plan_id(id: &str) -> bool {
    valid_id(id) && id.len() <= MAX_PLAN_ID
}

impl Record for PlanItem {
    // A day holds its ticks and its note together: a note written on the phone and a tick made
    // on the laptop would be one lost when the later copy came in whole.
    const IMPORT_TAKES_LATER: bool = false;

    fn prune(items: &mut Vec<Self>) {
        let plans = items
            .iter()
            .filter_map(|i| match i {
                PlanItem::Plan(p) => Some(p.id.clone()),
                PlanItem::Day(_) => None,
            })
            .vec();
        items.keep_only(|i| match i {
            PlanItem::Day(d) => plans.contains(&d.plan),
            PlanItem::Plan(_) => true,
        });
    }

    fn id(&self) -> &str {
        match self {
            PlanItem::Plan(p) => &p.id,
            PlanItem::Day(d) => &d.id,
        }
    }

    fn updated_at(&self) -> i64 {
        match self {
            PlanItem::Plan(p) => p.updated_at,
            PlanItem::Day(d) => d.updated_at,
        }
    }

    fn set_updated_at(&mut self, at_ms: i64) {
        match self {
            PlanItem::Plan(p) => p.updated_at = at_ms,
            PlanItem::Day(d) => d.updated_at = at_ms,
        }
    }

    fn valid(&self) -> bool {
        match self {
            PlanItem::Plan(p) => {
                valid_plan_id(&p.id)
                    && (DAYS_RANGE.0..=DAYS_RANGE.1).contains(&p.days)
                    && valid_day(p.started)
                    && p.ended.is_none_or(valid_day)
                    && valid_stamp(p.updated_at)
            }
            PlanItem::Day(d) => {
                valid_plan_id(&d.plan)
                    && d.index < DAYS_RANGE.1
                    && d.id == day_id(&d.plan, d.index)
                    && d.done & !ALL_CUES == 0
                    && d.note
                        .as_deref()
                        .is_none_or(|n| !n.trim().is_empty() && valid_text(n, MAX_NOTE))
                    && valid_stamp(d.updated_at)
            }
        }
    }
}

/// Every plan, current and ended.
pub fn plans(items: &[PlanItem]) -> impl Iterator<Item = &PlanRecord> {
    items.iter().filter_map(|i| match i {
        PlanItem::Plan(p) => Some(p),
        PlanItem::Day(_) => None,
    })
}

/// The plan in use: the latest started one not ended (ties to the greater id, so two tabs
/// agree). `None` before the first start.
pub fn current(items: &[PlanItem]) -> Option<&PlanRecord> {
    plans(items)
        .filter(|p| p.ended.is_none())
        .max_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)))
}

/// The stored day `index` of plan `plan`, if the visitor touched it.
pub fn find_day<'a>(items: &'a [PlanItem], plan: &str, index: u8) -> Option<&'a PlanDay> {
    items.iter().find_map(|i| match i {
        PlanItem::Day(d) if d.plan == plan && d.index == index => Some(d),
        _ => None,
    })
}

/// Where today is in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPosition {
    /// The plan starts later (only after a clock change).
    Before,
    /// Today is this day of the plan, from 0.
    Day(u8),
    /// The plan's days have passed.
    After,
}

/// Today's place in the plan, by local calendar days since it started.
pub fn day_index(plan: &PlanRecord, today: LocalDay) -> DayPosition {
    let n = today.since(plan.started);
    if n < 0 {
        DayPosition::Before
    } else if n >= i64::from(plan.days) {
        DayPosition::After
    } else {
        u8::try_from(n).map_or(DayPosition::After, DayPosition::Day)
    }
}

/// One square of the plan's grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Day index from 0 (shown as day 1).
    pub index: u8,
    /// Its local day.
    pub day: LocalDay,
    /// Cues done, as bits. Zero is shown as a plain day, not as "missed".
    pub done: u8,
    /// A "today I noticed…" note was written.
    pub has_note: bool,
    /// It is today.
    pub is_today: bool,
    /// It is before today.
    pub is_past: bool,
    /// It is after today.
    pub is_future: bool,
}

impl Cell {
    /// Whether the day holds anything of the visitor's: a cue ticked or a note. What an ended
    /// plan counts, never the days without.
    pub fn held(&self) -> bool {
        self.done != 0 || self.has_note
    }
}

/// Whether the visitor comes back to the plan after days away: an earlier day of the plan holds
/// something of theirs, the two days before today nothing, and today nothing yet. Today is
/// then said to stand on its own: a missed day is started again without judgment, never made
/// up. One of those three days with any other record kept (`elsewhere`: a session of another
/// exercise, a check-in, a small pleasure) was no day away, ticked in the plan or not: a
/// visitor who came every day is not welcomed back.
pub fn back_after_a_gap(cells: &[Cell], today: u8, elsewhere: &[LocalDay]) -> bool {
    let t = usize::from(today);
    let held = |i: usize| cells.get(i).is_some_and(Cell::held);
    let here = |i: usize| held(i) || cells.get(i).is_some_and(|c| elsewhere.contains(&c.day));
    t >= 3 && !here(t) && !here(t - 1) && !here(t - 2) && (0..t - 2).any(held)
}

/// The plan's days as a grid, day 1 first. An ended plan's grid stops at the day it ended.
pub fn grid(items: &[PlanItem], plan: &PlanRecord, today: LocalDay) -> Vec<Cell> {
    let mut len = i64::from(plan.days);
    if let Some(ended) = plan.ended {
        // Ended on a day before some it has (started afresh after the clock went back, or
        // after a flight west put "today" before its start): those days stay shown.
        let kept = items
            .iter()
            .filter_map(|i| match i {
                PlanItem::Day(d) if d.plan == plan.id => Some(i64::from(d.index) + 1),
                _ => None,
            })
            .fold(1, i64::max);
        len = len.min((ended.since(plan.started) + 1).max(kept));
    }
    let len = u8::try_from(len.max(0)).unwrap_or(plan.days);
    let mut cells: Vec<Cell> = (0..len)
        .map(|index| {
            let day = plan.started.plus(i32::from(index));
            Cell {
                index,
                day,
                done: 0,
                has_note: false,
                is_today: day == today,
                is_past: day < today,
                is_future: day > today,
            }
        })
        .vec();
    for item in items {
        if let PlanItem::Day(d) = item {
            if d.plan == plan.id {
                if let Some(cell) = cells.get_mut(usize::from(d.index)) {
                    cell.done = d.done & ALL_CUES;
                    cell.has_note = d.note.is_some();
                }
            }
        }
    }
    cells
}

/// A square of the grid in words, for its label: "Day 3 of 14 · Body, Connection · today".
/// Undone cues are not listed; nothing is said about what wasn't done.
pub fn cell_label(lang: Lang, cell: &Cell, total: u8) -> String {
    let mut out = fill(
        text(lang, Msg::PlanDayOf),
        &[
            ("n", &uint(u64::from(cell.index) + 1)),
            ("total", &uint(u64::from(total))),
        ],
    );
    let done: Vec<&str> = PlanCue::ALL
        .iter()
        .filter(|c| cell.done & c.bit() != 0)
        .map(|c| text(lang, c.name()))
        .vec();
    if !done.is_empty() {
        out.push_str(" · ");
        out.push_str(&done.joined(text(lang, Msg::ListSep)));
    }
    if cell.has_note {
        out.push_str(" · ");
        out.push_str(text(lang, Msg::PlanHasNote));
    }
    if cell.is_today {
        out.push_str(" · ");
        out.push_str(text(lang, Msg::PlanToday));
    }
    out
}

/// Whether plan `p` was ended the day it began with nothing in it (no tick or note kept):
/// "Start afresh" answered in two tabs (the second ends the plan the first
/// began) or taken back at once. Kept in the records, it is not shown as a plan of its own.
pub fn passed_over(items: &[PlanItem], p: &PlanRecord) -> bool {
    p.ended == Some(p.started)
        && !items.iter().any(
            |i| matches!(i, PlanItem::Day(d) if d.plan == p.id && (d.done != 0 || d.note.is_some())),
        )
}

/// Plans that are not the one in use: ended by a fresh start, or imported beside it, less
/// those [`passed_over`]. Newest first.
pub fn earlier(items: &[PlanItem]) -> Vec<&PlanRecord> {
    let now = current(items).map(|p| p.id.as_str());
    let mut out: Vec<&PlanRecord> = plans(items)
        .filter(|p| Some(p.id.as_str()) != now && !passed_over(items, p))
        .vec();
    super::num::sort_by(&mut out, |a, b| (b.started, &b.id) < (a.started, &a.id));
    out
}

/// Readies an imported plans document so it never takes the place of the plan the visitor is
/// following: while a plan runs here, every new plan in the file arrives ended (listed under
/// "Earlier plans", on the day its own days ran out, or today); with no plan running here, the
/// file's latest open plan may carry on, and its other open plans arrive ended. A plan that
/// starts more than two days after `today` is refused ([`ImportError::FuturePlan`]): no real
/// plan does. Up to two days is a backup made in another time zone (at one moment, the local
/// dates of two places differ by up to two), which the plan's view shows as starting soon.
pub fn arriving(
    here: &[PlanItem],
    mut incoming: Envelope<PlanItem>,
    today: LocalDay,
    now_ms: i64,
) -> Result<Envelope<PlanItem>, ImportError> {
    if plans(&incoming.items).any(|p| p.started > today.plus(2)) {
        return Err(ImportError::FuturePlan);
    }
    let is_new = |id: &str| !plans(here).any(|p| p.id == id);
    let carries_on = if current(here).is_some() {
        None
    } else {
        plans(&incoming.items)
            .filter(|p| p.ended.is_none() && is_new(&p.id))
            .max_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)))
            .map(|p| p.id.clone())
    };
    for item in incoming.items.iter_mut() {
        if let PlanItem::Plan(p) = item {
            if p.ended.is_none() && is_new(&p.id) && carries_on.as_ref() != Some(&p.id) {
                let last = p.started.plus(i32::from(p.days.max(1)) - 1);
                p.ended = Some(last.min(today).max(p.started));
                p.updated_at = stamp(now_ms, p.updated_at);
            }
        }
    }
    Ok(incoming)
}

/// A fresh start: ends every open plan on `today` (keeping its record and its days) and starts
/// a new one of `days` days (brought into 7-28) with id `new_id`. Returns the whole new item
/// list, or `None` if `new_id` is not a usable plan id or is already taken.
pub fn restart(
    items: &[PlanItem],
    today: LocalDay,
    days: u8,
    new_id: &str,
    now_ms: i64,
) -> Option<Vec<PlanItem>> {
    if !valid_plan_id(new_id) || items.iter().any(|i| i.id() == new_id) {
        return None;
    }
    let mut out: Vec<PlanItem> = items
        .iter()
        .map(|item| match item {
            PlanItem::Plan(p) if p.ended.is_none() => PlanItem::Plan(PlanRecord {
                ended: Some(today),
                updated_at: stamp(now_ms, p.updated_at),
                ..p.clone()
            }),
            other => other.clone(),
        })
        .vec();
    out.push(PlanItem::Plan(PlanRecord {
        id: new_id.to_string(),
        started: today,
        days: days.max(DAYS_RANGE.0).min(DAYS_RANGE.1),
        ended: None,
        updated_at: now_ms,
    }));
    Some(out)
}

fn day_to_edit(items: &[PlanItem], plan: &PlanRecord, index: u8) -> Option<PlanDay> {
    if index >= plan.days {
        return None;
    }
    Some(
        find_day(items, &plan.id, index)
            .cloned()
            .unwrap_or_else(|| PlanDay {
                id: day_id(&plan.id, index),
                plan: plan.id.clone(),
                index,
                done: 0,
                note: None,
                updated_at: i64::MIN,
            }),
    )
}

/// Ticks (`on`) or unticks a cue on day `index` of `plan`: the day record to save, stamped later
/// than the copy it replaces. `None` if the plan has no such day.
pub fn set_cue(
    items: &[PlanItem],
    plan: &PlanRecord,
    index: u8,
    cue: PlanCue,
    on: bool,
    now_ms: i64,
) -> Option<PlanDay> {
    let mut day = day_to_edit(items, plan, index)?;
    day.done = if on {
        day.done | cue.bit()
    } else {
        day.done & !cue.bit()
    };
    day.updated_at = stamp(now_ms, day.updated_at);
    Some(day)
}

/// Sets the "today I noticed…" note of day `index` (tidied to one line of at most
/// [`MAX_NOTE`] characters; blank removes it). `None` if the plan has no such day.
pub fn set_note(
    items: &[PlanItem],
    plan: &PlanRecord,
    index: u8,
    note: &str,
    now_ms: i64,
) -> Option<PlanDay> {
    let mut day = day_to_edit(items, plan, index)?;
    day.note = clean_text(note, MAX_NOTE);
    day.updated_at = stamp(now_ms, day.updated_at);
    Some(day)
}

/// The reconnection plan's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanConfig {
    /// Days in a plan, 7 to 28 (default 14).
    pub days: u8,
    /// The clinician's cue texts in the order body, sensory, connection, meaning; `None` keeps
    /// the catalog's.
    pub cues: Option<[String; 4]>,
}

/// Longest clinician cue text, in characters.
pub const CUE_MAX_LEN: u32 = 120;

/// Reads `cues`: four parts, either all in the order body, sensory, connection, meaning, or
/// labelled (`meaning: ...|body: ...`, `sensory` or `senses`) in any order. A labelled part must
/// sit where its label says when the others are not labelled.
fn parse_cues(given: &str) -> Option<[String; 4]> {
    let parts = text_list(given, 4, CUE_MAX_LEN + 12)?;
    if parts.len() != 4 {
        return None;
    }
    let mut slots: [Option<String>; 4] = Default::default();
    let mut all_labelled = true;
    let mut split = Vec::with_capacity(4);
    for part in &parts {
        let labelled = part.split_once(':').and_then(|(label, rest)| {
            let label = label.trim().to_ascii_lowercase();
            // "senses", as the plan's own button names it, is the sensory cue too.
            let id = if label == "senses" { "sensory" } else { &label };
            PlanCue::from_id(id).map(|cue| (cue, rest.trim().to_string()))
        });
        all_labelled &= labelled.is_some();
        split.push(labelled);
    }
    for (i, (part, labelled)) in parts.into_iter().zip(split).enumerate() {
        let (cue, text) = match labelled {
            Some((cue, text)) if all_labelled || cue.index() == i => (cue.index(), text),
            Some(_) => return None,
            None => (i, part),
        };
        if text.is_empty() || text.chars().count() > CUE_MAX_LEN as usize {
            return None;
        }
        let slot = slots.get_mut(cue)?;
        if slot.is_some() {
            return None;
        }
        *slot = Some(text);
    }
    let [Some(a), Some(b), Some(c), Some(d)] = slots else {
        return None;
    };
    Some([a, b, c, d])
}

/// Reads the reconnection plan's own options: `days`, `cues`.
pub fn parse(raw: &RawOptions) -> Result<PlanConfig, OptionError> {
    let (min, max) = DAYS_RANGE;
    let days = match raw.value("days") {
        None => DEFAULT_DAYS,
        Some(given) => match parse_decimal(given) {
            Some(v)
                if super::num::fract(v) == 0.0
                    && (f64::from(min)..=f64::from(max)).contains(&v) =>
            {
                v as u8
            }
            _ => {
                let expected = Expected::Whole {
                    min: u32::from(min),
                    max: u32::from(max),
                };
                return Err(bad("days", given, expected));
            }
        },
    };
    let cues = match raw.get("cues") {
        None => None,
        Some(given) => Some(parse_cues(given).ok_or_else(|| bad("cues", given, Expected::Cues))?),
    };
    Ok(PlanConfig { days, cues })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{merge, Envelope, Kind};

    const NOW: i64 = 1_795_435_200_000;

    fn ymd(y: i32, m: u32, d: u32) -> LocalDay {
        LocalDay::from_ymd(y, m, d).unwrap_or(LocalDay(0))
    }

    fn started(items: &[PlanItem]) -> PlanRecord {
        current(items)
            .cloned()
            .unwrap_or_else(|| panic!("a current plan in {items:?}"))
    }

    #[test]
    fn coming_back_after_two_days_or_more_away_and_only_then() {
        // Day indexes with something held, today's index, and whether it is a coming back.
        let cases: [(&[u8], u8, bool); 8] = [
            (&[0], 3, true),
            (&[0, 1, 2, 3], 8, true),
            (&[0], 2, false),    // one day away is no absence
            (&[0, 2], 3, false), // the day before yesterday held something
            (&[1], 3, false),    // nor only yesterday's day before
            (&[], 5, false),     // never begun: the plan's own words
            (&[0, 5], 5, false), // today already holds something
            (&[0], 0, false),
        ];
        for (held, today, want) in cases {
            test_case(held, today, &[], want);
        }
        // Days with a session or a small pleasure kept, and no tick in the plan.
        test_case(&[0], 3, &[LocalDay(2)], false);
        test_case(&[0], 3, &[LocalDay(1)], false);
        test_case(&[0], 3, &[LocalDay(3)], false); // practised today already
        test_case(&[], 4, &[LocalDay(0)], false); // another exercise alone never began the plan
        test_case(&[0], 4, &[LocalDay(0), LocalDay(9)], true); // none of the days away

        fn test_case(held: &[u8], today: u8, elsewhere: &[LocalDay], want: bool) {
            let cells = (0..14u8)
                .map(|index| Cell {
                    index,
                    day: LocalDay(i32::from(index)),
                    done: u8::from(held.contains(&index)),
                    has_note: false,
                    is_today: index == today,
                    is_past: index < today,
                    is_future: index > today,
                })
                .collect::<Vec<_>>();
            assert_eq!(
                back_after_a_gap(&cells, today, elsewhere),
                want,
                "{held:?} {elsewhere:?} today {today}"
            );
        }
    }

    #[test]
    fn an_imported_plan_never_replaces_the_running_one() {
        let today = ymd(2026, 11, 30);
        let mine = restart(&[], ymd(2026, 11, 25), 14, "mine", NOW).unwrap_or_default();
        let theirs = restart(&[], ymd(2026, 11, 28), 14, "theirs", NOW).unwrap_or_default();
        let file = Envelope {
            items: theirs.clone(),
            ..Envelope::new(Kind::Plan)
        };
        let arrived = arriving(&mine, file.clone(), today, NOW + 1).expect("a past plan");
        let mut all = mine.clone();
        all.extend(arrived.items);
        assert_eq!(started(&all).id, "mine");
        let listed: Vec<&str> = earlier(&all).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(listed, ["theirs"]);
        assert!(plans(&all).any(|p| p.id == "theirs" && p.ended == Some(today)));

        // With no plan running here, the file's open plan carries on.
        let arrived = arriving(&[], file.clone(), today, NOW + 1).expect("a past plan");
        assert_eq!(started(&arrived.items).id, "theirs");

        // One made in a time zone up to two days ahead arrives (ended, on the day it starts);
        // one that starts later than that is refused.
        let abroad = restart(&[], ymd(2026, 12, 2), 14, "abroad", NOW).unwrap_or_default();
        let file = Envelope {
            items: abroad,
            ..Envelope::new(Kind::Plan)
        };
        let arrived = arriving(&mine, file, today, NOW).expect("a backup from abroad");
        assert!(plans(&arrived.items).all(|p| p.ended == Some(ymd(2026, 12, 2))));
        let later = restart(&[], ymd(2026, 12, 3), 14, "later", NOW).unwrap_or_default();
        let file = Envelope {
            items: later,
            ..Envelope::new(Kind::Plan)
        };
        assert_eq!(
            arriving(&mine, file, today, NOW).map(|_| ()),
            Err(ImportError::FuturePlan)
        );
    }

    #[test]
    fn an_import_keeps_a_day_written_here_when_the_other_device_ticked_it_later() {
        // The phone wrote a note on today, the laptop ticked Body on it a moment later: the
        // laptop's later copy, whole, would lose the note. An import keeps this device's day.
        let today = ymd(2026, 11, 30);
        let items = restart(&[], ymd(2026, 11, 25), 14, "mine", NOW).unwrap_or_default();
        let plan = started(&items);
        let note = set_note(&items, &plan, 5, "the sun at the bus stop", NOW + 1).expect("a day");
        let tick = set_cue(&items, &plan, 5, PlanCue::Body, true, NOW + 2).expect("a day");
        let mut phone = items.clone();
        phone.push(PlanItem::Day(note.clone()));
        let mut laptop = items;
        laptop.push(PlanItem::Day(tick));
        let here = Envelope {
            items: phone,
            ..Envelope::new(Kind::Plan)
        };
        let file = Envelope {
            items: laptop,
            ..Envelope::new(Kind::Plan)
        };
        let arrived = arriving(&here.items, file, today, NOW + 3).expect("ours");
        let (after, report) =
            crate::core::records::import(&here, arrived, crate::core::records::MAX_TIME_MS)
                .expect("ours");
        assert_eq!(find_day(&after.items, "mine", 5), Some(&note));
        assert_eq!((report.updated, report.added), (0, 0));
    }

    #[test]
    fn a_plan_that_ran_out_long_ago_arrives_ended_on_its_last_day() {
        let mine = restart(&[], ymd(2026, 11, 25), 14, "mine", NOW).unwrap_or_default();
        let old = restart(&[], ymd(2026, 1, 1), 7, "old", NOW).unwrap_or_default();
        let file = Envelope {
            items: old,
            ..Envelope::new(Kind::Plan)
        };
        let arrived = arriving(&mine, file, ymd(2026, 11, 30), NOW).expect("a past plan");
        assert!(plans(&arrived.items).any(|p| p.ended == Some(ymd(2026, 1, 7))));
    }

    #[test]
    fn a_plan_started_late_in_the_evening_is_on_day_two_just_after_midnight() {
        // Started at 23:30 on the 23rd (local), looked at 00:10 on the 24th (local). In UTC-8
        // both moments fall on the same UTC day (the 24th), in UTC+9 on two different ones;
        // only the local day counts.
        let items = restart(&[], ymd(2026, 11, 23), 14, "p1", NOW).unwrap_or_default();
        let plan = started(&items);
        assert_eq!(day_index(&plan, ymd(2026, 11, 23)), DayPosition::Day(0));
        assert_eq!(day_index(&plan, ymd(2026, 11, 24)), DayPosition::Day(1));
        assert_eq!(day_index(&plan, ymd(2026, 11, 22)), DayPosition::Before);
        // Over a month end and a daylight-saving weekend alike.
        let items = restart(&[], ymd(2026, 3, 28), 14, "p2", NOW).unwrap_or_default();
        assert_eq!(
            day_index(&started(&items), ymd(2026, 4, 1)),
            DayPosition::Day(4)
        );
    }

    #[test]
    fn plans_of_seven_and_twenty_eight_days() {
        for days in [7u8, 28] {
            let items = restart(&[], ymd(2026, 2, 1), days, "p", NOW).unwrap_or_default();
            let plan = started(&items);
            let last = plan.started.plus(i32::from(days) - 1);
            assert_eq!(day_index(&plan, last), DayPosition::Day(days - 1));
            assert_eq!(day_index(&plan, last.plus(1)), DayPosition::After);
            let g = grid(&items, &plan, last);
            assert_eq!(g.len(), usize::from(days));
            assert_eq!(g.last().map(|c| (c.is_today, c.day)), Some((true, last)));
        }
        assert_eq!(
            started(&restart(&[], ymd(2026, 2, 1), 3, "p", NOW).unwrap_or_default()).days,
            7
        );
        assert_eq!(
            started(&restart(&[], ymd(2026, 2, 1), 99, "p", NOW).unwrap_or_default()).days,
            28
        );
    }

    #[test]
    fn a_plan_ended_before_days_it_has_still_shows_them() {
        let items = restart(&[], ymd(2026, 11, 20), 14, "p", NOW).unwrap_or_default();
        let plan = started(&items);
        let mut items = items;
        items.extend(set_cue(&items, &plan, 3, PlanCue::Body, true, NOW).map(PlanItem::Day));
        // The clock went back to the 21st, and the visitor started afresh there.
        let items = restart(&items, ymd(2026, 11, 21), 14, "q", NOW).unwrap_or_default();
        let old = plans(&items).find(|p| p.id == "p").cloned().expect("kept");
        assert_eq!(old.ended, Some(ymd(2026, 11, 21)));
        let g = grid(&items, &old, ymd(2026, 11, 21));
        assert_eq!(g.len(), 4, "its fourth day, ticked, is still shown");
        assert_eq!(g.get(3).map(|c| c.done), Some(1));
        // The days shown of a plan started on `from` and ended by a fresh start on `to`.
        let shown = |from: LocalDay, to: LocalDay| {
            let items = restart(&[], from, 14, "t", NOW).unwrap_or_default();
            let items = restart(&items, to, 14, "u", NOW).unwrap_or_default();
            let old = plans(&items).find(|p| p.id == "t").cloned().expect("kept");
            grid(&items, &old, to).len()
        };
        // Started "tomorrow" (a flight west) and ended today: its first day stays.
        assert_eq!(shown(ymd(2026, 11, 24), ymd(2026, 11, 23)), 1);
        // Ended in its run, with nothing after: as long as it ran.
        assert_eq!(shown(ymd(2026, 11, 20), ymd(2026, 11, 25)), 6);
    }

    #[test]
    fn the_grid_shows_what_was_done_and_nothing_about_the_rest() {
        let items = restart(&[], ymd(2026, 11, 20), 14, "p", NOW).unwrap_or_default();
        let plan = started(&items);
        let mut items = items;
        items.extend(set_cue(&items, &plan, 0, PlanCue::Body, true, NOW).map(PlanItem::Day));
        items.extend(
            set_note(&items, &plan, 2, "  a flicker of\n irritation ", NOW).map(PlanItem::Day),
        );
        let g = grid(&items, &plan, ymd(2026, 11, 23));
        let summary: Vec<(u8, bool, bool, bool, bool)> = g
            .iter()
            .take(5)
            .map(|c| (c.done, c.has_note, c.is_past, c.is_today, c.is_future))
            .collect();
        assert_eq!(
            summary,
            [
                (1, false, true, false, false),
                (0, false, true, false, false),
                (0, true, true, false, false),
                (0, false, false, true, false),
                (0, false, false, false, true),
            ]
        );
        assert_eq!(
            find_day(&items, "p", 2)
                .and_then(|d| d.note.clone())
                .as_deref(),
            Some("a flicker of irritation")
        );
        let held: Vec<bool> = g.iter().take(4).map(Cell::held).collect();
        assert_eq!(
            held,
            [true, false, true, false],
            "a tick or a note, not a plain day"
        );
        let first = g.first().copied().expect("cells");
        assert_eq!(cell_label(Lang::En, &first, 14), "Day 1 of 14 · Body");
        let today = g.get(3).copied().expect("cells");
        assert_eq!(cell_label(Lang::Es, &today, 14), "Día 4 de 14 · hoy");
    }

    #[test]
    fn ticking_and_unticking_a_cue() {
        let items = restart(&[], ymd(2026, 11, 20), 14, "p", NOW).unwrap_or_default();
        let plan = started(&items);
        let mut env = Envelope::<PlanItem>::new(Kind::Plan);
        env.items = items;
        for (cue, on, expect) in [
            (PlanCue::Body, true, 0b0001),
            (PlanCue::Meaning, true, 0b1001),
            (PlanCue::Meaning, true, 0b1001),
            (PlanCue::Body, false, 0b1000),
        ] {
            let day = set_cue(&env.items, &plan, 1, cue, on, NOW).expect("day 2 exists");
            assert_eq!(day.done, expect);
            assert_eq!(day.id, "p.1");
            assert!(PlanItem::Day(day.clone()).valid());
            env.upsert(PlanItem::Day(day));
        }
        let stamps: Vec<i64> = env.items.iter().map(|i| i.updated_at()).collect();
        assert!(
            stamps.contains(&(NOW + 3)),
            "each edit wins over the last even within one ms: {stamps:?}"
        );
        assert_eq!(
            set_cue(&env.items, &plan, 14, PlanCue::Body, true, NOW),
            None
        );
        let cleared = set_note(&env.items, &plan, 1, "   ", NOW).expect("day exists");
        assert_eq!(cleared.note, None);
        let long = set_note(&env.items, &plan, 1, &"é".repeat(500), NOW).expect("day exists");
        assert_eq!(long.note.map(|n| n.chars().count()), Some(MAX_NOTE));
    }

    #[test]
    fn a_fresh_start_keeps_the_old_plan_and_its_days() {
        let items = restart(&[], ymd(2026, 11, 1), 14, "old", NOW).unwrap_or_default();
        let old = started(&items);
        let mut items = items;
        items.extend(set_cue(&items, &old, 3, PlanCue::Sensory, true, NOW).map(PlanItem::Day));
        let items = restart(&items, ymd(2026, 11, 23), 21, "new", NOW + 5).expect("fresh id");
        let plan = started(&items);
        assert_eq!(
            (plan.id.as_str(), plan.started, plan.days),
            ("new", ymd(2026, 11, 23), 21)
        );
        let old = plans(&items)
            .find(|p| p.id == "old")
            .cloned()
            .expect("kept");
        assert_eq!(old.ended, Some(ymd(2026, 11, 23)));
        assert_eq!(
            find_day(&items, "old", 3).map(|d| d.done),
            Some(PlanCue::Sensory.bit())
        );
        assert!(
            grid(&items, &plan, ymd(2026, 11, 23))
                .iter()
                .all(|c| c.done == 0),
            "the new plan starts blank"
        );
        assert_eq!(grid(&items, &old, ymd(2026, 11, 23)).len(), 14);
        assert!(items.iter().all(Record::valid));
        assert_eq!(
            restart(&items, ymd(2026, 11, 24), 14, "new", NOW),
            None,
            "ids are never reused"
        );
        assert_eq!(restart(&items, ymd(2026, 11, 24), 14, "a.b", NOW), None);
        // Ended early, its grid stops at the day it ended.
        let short = restart(&items, ymd(2026, 11, 25), 14, "third", NOW + 9).expect("fresh id");
        let ended = plans(&short)
            .find(|p| p.id == "new")
            .cloned()
            .expect("kept");
        assert_eq!(grid(&short, &ended, ymd(2026, 11, 25)).len(), 3);
    }

    #[test]
    fn a_plan_started_afresh_the_day_it_began_with_nothing_marked_is_no_earlier_plan() {
        let day = ymd(2026, 11, 23);
        let items = restart(&[], ymd(2026, 11, 1), 14, "old", NOW).unwrap_or_default();
        // "Start afresh" answered in one tab, then in another: "new" ends the day it began.
        let items = restart(&items, day, 14, "new", NOW + 1).expect("fresh id");
        let items = restart(&items, day, 14, "third", NOW + 2).expect("fresh id");
        let listed = |items: &[PlanItem]| earlier(items).iter().map(|p| p.id.clone()).vec();
        assert_eq!(listed(&items), ["old"]);
        // Marked, or carried on to another day, it is an earlier plan like any.
        let new = plans(&items)
            .find(|p| p.id == "new")
            .cloned()
            .expect("kept");
        let mut marked = items.clone();
        marked.extend(set_note(&items, &new, 0, "tea", NOW + 3).map(PlanItem::Day));
        assert_eq!(listed(&marked), ["new", "old"]);
        // A tick taken back leaves nothing in it.
        let mut unticked = items.clone();
        unticked.extend(set_cue(&items, &new, 0, PlanCue::Body, false, NOW + 3).map(PlanItem::Day));
        assert_eq!(listed(&unticked), ["old"]);
        let items = restart(&items, day.plus(1), 14, "fourth", NOW + 4).expect("fresh id");
        assert_eq!(listed(&items), ["third", "old"]);
    }

    #[test]
    fn two_tabs_merge_plan_days_by_the_later_edit() {
        let items = restart(&[], ymd(2026, 11, 20), 14, "p", NOW).unwrap_or_default();
        let plan = started(&items);
        let mut a = Envelope::<PlanItem>::new(Kind::Plan);
        a.items = items;
        let mut b = a.clone();
        // Different days in two tabs: both survive.
        a.upsert(PlanItem::Day(
            set_cue(&a.items, &plan, 0, PlanCue::Body, true, NOW + 1).expect("day"),
        ));
        b.upsert(PlanItem::Day(
            set_cue(&b.items, &plan, 1, PlanCue::Sensory, true, NOW + 2).expect("day"),
        ));
        let m = merge(&a, &b);
        assert_eq!(
            grid(&m.items, &plan, ymd(2026, 11, 21))
                .iter()
                .map(|c| c.done)
                .take(2)
                .collect::<Vec<_>>(),
            [1, 2]
        );
        // The same day: the later edit wins whole (an untick must be able to win too).
        let mut a2 = m.clone();
        let mut b2 = m.clone();
        a2.upsert(PlanItem::Day(
            set_cue(&a2.items, &plan, 0, PlanCue::Body, false, NOW + 10).expect("day"),
        ));
        b2.upsert(PlanItem::Day(
            set_cue(&b2.items, &plan, 0, PlanCue::Meaning, true, NOW + 5).expect("day"),
        ));
        let m2 = merge(&a2, &b2);
        assert_eq!(find_day(&m2.items, "p", 0).map(|d| d.done), Some(0));
        assert_eq!(merge(&b2, &a2), m2);
    }

    #[test]
    fn a_note_saved_in_a_tab_that_missed_delete_everything_goes_with_its_plan() {
        let items = restart(&[], ymd(2026, 11, 20), 14, "p", NOW).unwrap_or_default();
        let plan = started(&items);
        let mut a = Envelope::<PlanItem>::new(Kind::Plan);
        a.items = items;
        a.upsert(PlanItem::Day(
            set_note(&a.items, &plan, 0, "my private words", NOW + 1).expect("day"),
        ));
        // Another tab deletes everything; this one, not told yet, saves a tick after it.
        let mut cleared = a.clone();
        cleared.clear(NOW + 10);
        a.upsert(PlanItem::Day(
            set_cue(&a.items, &plan, 0, PlanCue::Body, true, NOW + 20).expect("day"),
        ));
        let m = merge(&a, &cleared);
        assert_eq!(m.items, []);
        assert_eq!(merge(&cleared, &a), m);
        // A stored copy that already holds such a day reads as it is, so the merge differs
        // from it and is written again.
        let stored = Envelope {
            items: a
                .items
                .iter()
                .filter(|i| matches!(i, PlanItem::Day(_)))
                .cloned()
                .collect(),
            ..cleared.clone()
        };
        assert_eq!(
            stored.clone().checked(Kind::Plan).map(|d| d.items.len()),
            Ok(1)
        );
        assert_eq!(merge(&cleared, &stored).items, []);
        // A plan started after the clear keeps its days.
        let mut fresh = m.clone();
        fresh.items = restart(&[], ymd(2026, 11, 20), 14, "q", NOW + 30).unwrap_or_default();
        let q = started(&fresh.items);
        fresh.upsert(PlanItem::Day(
            set_cue(&fresh.items, &q, 0, PlanCue::Body, true, NOW + 31).expect("day"),
        ));
        assert_eq!(merge(&fresh, &m).items.len(), 2);
    }

    #[test]
    fn the_stored_form_reads_back_and_limits_hold() {
        let items = restart(&[], ymd(2026, 11, 20), 14, "p", NOW).unwrap_or_default();
        let plan = started(&items);
        let mut env = Envelope::<PlanItem>::new(Kind::Plan);
        env.items = items;
        env.upsert(PlanItem::Day(
            set_note(&env.items, &plan, 0, "Today I noticed the kettle", NOW).expect("day"),
        ));
        let json = crate::core::json::to_string(&env);
        assert!(json.contains("{\"plan\":{\"id\":\"p\""), "{json}");
        let back: Envelope<PlanItem> = crate::core::json::from_str(&json).expect("reads");
        assert_eq!(back.checked(Kind::Plan), Ok(env));
        let bad = [
            PlanItem::Plan(PlanRecord {
                days: 6,
                ..plan.clone()
            }),
            PlanItem::Plan(PlanRecord {
                days: 29,
                ..plan.clone()
            }),
            PlanItem::Plan(PlanRecord {
                id: "x".repeat(61),
                ..plan.clone()
            }),
            PlanItem::Plan(PlanRecord {
                started: LocalDay(i32::MAX),
                ..plan.clone()
            }),
            PlanItem::Day(PlanDay {
                id: "p.3".into(),
                plan: "p".into(),
                index: 2,
                done: 0,
                note: None,
                updated_at: NOW,
            }),
            PlanItem::Day(PlanDay {
                id: "p.2".into(),
                plan: "p".into(),
                index: 2,
                done: 16,
                note: None,
                updated_at: NOW,
            }),
            PlanItem::Day(PlanDay {
                id: "p.28".into(),
                plan: "p".into(),
                index: 28,
                done: 0,
                note: None,
                updated_at: NOW,
            }),
            PlanItem::Day(PlanDay {
                id: "p.2".into(),
                plan: "p".into(),
                index: 2,
                done: 0,
                note: Some("n".repeat(141)),
                updated_at: NOW,
            }),
        ];
        for item in bad {
            assert!(!item.valid(), "{item:?}");
        }
    }

    #[test]
    fn cue_words_come_from_the_clinician_or_the_catalog() {
        let custom = [
            "stretch by the window".to_string(),
            "b".into(),
            "c".into(),
            "d".into(),
        ];
        assert_eq!(
            cue_text(Lang::En, PlanCue::Body, Some(&custom)),
            "stretch by the window"
        );
        assert_eq!(
            cue_text(Lang::Es, PlanCue::Meaning, None),
            text(Lang::Es, Msg::PlanMeaningText)
        );
        for c in PlanCue::ALL {
            assert_eq!(PlanCue::from_id(c.id()), Some(c));
            assert_eq!(
                PlanCue::ALL
                    .iter()
                    .filter(|o| o.bit() & c.bit() != 0)
                    .count(),
                1
            );
        }
    }
}

/// The plan's own options, read by [`parse`].
#[cfg(test)]
mod option_tests {
    use super::*;
    use crate::core::options::{describe_error, refused_option};

    fn plan(pairs: &[(&str, &str)]) -> Result<PlanConfig, OptionError> {
        parse(&RawOptions::new(pairs.iter().copied()))
    }

    #[test]
    fn plan_days_default_to_fourteen_and_take_seven_to_twenty_eight() {
        assert_eq!(
            plan(&[]),
            Ok(PlanConfig {
                days: 14,
                cues: None
            })
        );
        assert_eq!(plan(&[("days", "7")]).map(|p| p.days), Ok(7));
        assert_eq!(plan(&[("days", " 28 ")]).map(|p| p.days), Ok(28));
        for bad in ["6", "29", "14.5", "two weeks", "-14", "1e1", "300"] {
            assert_eq!(refused_option(plan(&[("days", bad)])), "days", "{bad}");
        }
        // Empty is not given (a framework's empty variable).
        assert_eq!(plan(&[("days", "")]).map(|p| p.days), Ok(14));
        assert!(matches!(
            plan(&[("days", "0")]),
            Err(OptionError::BadValue {
                expected: Expected::Whole { min: 7, max: 28 },
                ..
            })
        ));
    }

    #[test]
    fn cues_in_order_or_labelled_in_any_order() {
        let want = Some([
            "stretch".to_string(),
            "tea".into(),
            "text Ana".into(),
            "water the plant".into(),
        ]);
        let ordered = plan(&[("cues", "stretch|tea|text Ana|water the plant")]).expect("valid");
        assert_eq!(ordered.cues, want);
        let labelled = plan(&[(
            "cues",
            "meaning: water the plant|Body: stretch| connection:text Ana|sensory: tea",
        )])
        .expect("valid");
        assert_eq!(labelled.cues, want);
        let senses = plan(&[(
            "cues",
            "meaning: water the plant|body: stretch|connection: text Ana|Senses: tea",
        )])
        .expect("the button's own word is a label too");
        assert_eq!(senses.cues, want);
        let some = plan(&[(
            "cues",
            "body: stretch|tea|connection: text Ana|water the plant",
        )])
        .expect("valid");
        assert_eq!(some.cues, want);
        let colon = plan(&[("cues", "Note: slow|b|c|d")]).expect("an unknown label is just text");
        assert_eq!(
            colon.cues.map(|c| c[0].clone()).as_deref(),
            Some("Note: slow")
        );
    }

    #[test]
    fn bad_cues_name_the_option() {
        let long = ["body: ", &"x".repeat(121), "|b|c|d"].cat();
        for given in [
            "",
            "a|b|c",
            "a|b|c|d|e",
            "a||c|d",
            "body: a|body: b|sensory: c|meaning: d",
            "sensory: a|b|c|d",
            "body:|b|c|d",
            long.as_str(),
        ] {
            assert_eq!(
                refused_option(plan(&[("cues", given)])),
                "cues",
                "{given:?}"
            );
        }
        assert!(matches!(
            plan(&[("cues", "x")]),
            Err(OptionError::BadValue {
                expected: Expected::Cues,
                ..
            })
        ));
    }

    #[test]
    fn refused_cues_and_days_say_what_the_options_take() {
        let err = plan(&[("cues", "a|b")]).expect_err("two parts");
        let es = describe_error(Lang::Es, &err);
        assert!(
            es.starts_with("La opción \"cues\"")
                && es.contains("body, sensory, connection, meaning"),
            "{es}"
        );
        let err = plan(&[("days", "40")]).expect_err("too long");
        assert!(describe_error(Lang::En, &err).ends_with("a whole number from 7 to 28."));
    }
}
