//! The micro-pleasure tracker's logic: the small acts it suggests, the tiny signals it asks
//! about, what an entry is, and everything its history shows.
//!
//! Reward often returns quietly, after repetition, before pleasure is felt, so the
//! history looks for *any* shift, however small, and never counts what didn't happen: a missed
//! day is a neutral stub in the chart, never a gap drawn as failure, and there are no streaks.
//!
//! The tracker's option (`suggestions`) is read here too, by [`parse`].

use crate::prelude::*;

use super::days::{push_padded, LocalDay};
use super::i18n::{fill, text, Lang, Msg};
use super::json::{Fields, FromJson, Invalid, Object, ToJson, Value};
use super::num::{uint, within};
use super::options::{bad, text_list, Expected, OptionError, RawOptions};
use super::records::{
    valid_day_for, valid_id, valid_stamp, valid_text, valid_time, Record, MAX_RATING,
};

/// A built-in suggestion: a stable id (stored in entries) and its words in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Act {
    /// Stored in [`PleasureEntry::act`]; never changes, so old entries keep their meaning.
    pub id: &'static str,
    /// Its words.
    pub msg: Msg,
}

/// The built-in suggestions, small on purpose: smaller than "fun", easy to repeat.
pub const ACTS: [Act; 7] = [
    Act {
        id: "song",
        msg: Msg::ActSong,
    },
    Act {
        id: "sunlight",
        msg: Msg::ActSunlight,
    },
    Act {
        id: "texture",
        msg: Msg::ActTexture,
    },
    Act {
        id: "scent",
        msg: Msg::ActScent,
    },
    Act {
        id: "create",
        msg: Msg::ActCreate,
    },
    Act {
        id: "walk",
        msg: Msg::ActWalk,
    },
    Act {
        id: "warm-drink",
        msg: Msg::ActWarmDrink,
    },
];

/// [`PleasureEntry::act`] for something in the visitor's own words.
pub const OWN: &str = "own";

/// [`PleasureEntry::act`] for one of the clinician's `suggestions`; the text is kept in the
/// entry, so it still reads right if the site's list changes later.
pub const SITE: &str = "site";

/// A tiny behavioural-activation signal: a bit in [`PleasureEntry::signals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    /// Its id in exports and events.
    pub id: &'static str,
    /// Its bit in the mask.
    pub bit: u16,
    /// Its words.
    pub msg: Msg,
}

/// The signals a visitor may tick after an act. Any one of them counts as a shift: irritation
/// and nostalgia too, since feeling often comes back through the less pleasant doors first.
pub const SIGNALS: [Signal; 9] = [
    Signal {
        id: "shoulders",
        bit: 1,
        msg: Msg::SignalShoulders,
    },
    Signal {
        id: "time",
        bit: 2,
        msg: Msg::SignalTime,
    },
    Signal {
        id: "interest",
        bit: 4,
        msg: Msg::SignalInterest,
    },
    Signal {
        id: "more",
        bit: 8,
        msg: Msg::SignalMore,
    },
    Signal {
        id: "smile",
        bit: 16,
        msg: Msg::SignalSmile,
    },
    Signal {
        id: "warmth",
        bit: 32,
        msg: Msg::SignalWarmth,
    },
    Signal {
        id: "irritation",
        bit: 64,
        msg: Msg::SignalIrritation,
    },
    Signal {
        id: "nostalgia",
        bit: 128,
        msg: Msg::SignalNostalgia,
    },
    Signal {
        id: "preference",
        bit: 256,
        msg: Msg::SignalPreference,
    },
];

/// Every signal bit; a stored mask with any other bit is damaged.
pub const ALL_SIGNALS: u16 = 0b1_1111_1111;

/// Longest text an entry keeps (own words or the clinician's suggestion), in characters.
pub const MAX_ENTRY_TEXT: usize = 120;

/// Longest chart, in days: a year. Longer requests are shortened rather than allocating
/// whatever a caller asked for.
pub const MAX_CHART_DAYS: u32 = 366;

/// The words of a built-in act, by id.
pub fn act_msg(id: &str) -> Option<Msg> {
    ACTS.iter().find(|a| a.id == id).map(|a| a.msg)
}

/// What to call an act: a built-in's words in `lang`, else the entry's own text.
pub fn act_label<'a>(lang: Lang, act: &str, own_text: Option<&'a str>) -> &'a str {
    match act_msg(act) {
        Some(msg) => text(lang, msg),
        None => own_text.unwrap_or(""),
    }
}

/// The ids of the signals set in a mask, in catalog order.
pub fn signal_ids(mask: u16) -> impl Iterator<Item = &'static str> {
    SIGNALS
        .iter()
        .filter(move |s| mask & s.bit != 0)
        .map(|s| s.id)
}

/// Where an entry stands. Only [`Status::Logged`] entries are history; the other two exist so
/// that a pick and a deletion travel like any record: to another open tab, through a merge,
/// and away with "delete everything".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Done and noticed: part of the history. Stored without a `status` field, so documents
    /// written before picks and single deletions existed read and write back unchanged.
    #[default]
    Logged,
    /// Chosen to try ("go and do it, come back when you're ready"), not done yet. Kept so the
    /// pick survives a reload; becomes `Logged` when the visitor comes back.
    Picked,
    /// Deleted on its own. A tombstone with no words, shift or signals left in it, so another
    /// tab that still holds the entry cannot write it back.
    Deleted,
}

impl Status {
    fn name(self) -> Option<&'static str> {
        match self {
            Status::Logged => None,
            Status::Picked => Some("picked"),
            Status::Deleted => Some("deleted"),
        }
    }
}

impl FromJson for Status {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match String::from_json(v)?.as_str() {
            "picked" => Ok(Status::Picked),
            "deleted" => Ok(Status::Deleted),
            _ => Err(Invalid),
        }
    }
}

/// One logged act and whatever the visitor noticed after it (or a pick not done yet, or the
/// tombstone of a deleted entry: see [`Status`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PleasureEntry {
    /// Unique id (see [`crate::core::records::new_id`]).
    pub id: String,
    /// When it was logged, ms since the epoch.
    pub at: i64,
    /// The visitor's local day it was logged on.
    pub day: LocalDay,
    /// Last change, ms since the epoch.
    pub updated_at: i64,
    /// A built-in act's id, [`OWN`] or [`SITE`].
    pub act: String,
    /// The visitor's own words or the clinician's suggestion; none for built-ins.
    pub text: Option<String>,
    /// "Did anything shift, even 1-2 percent?" 0-10; `None` when not answered.
    pub shift: Option<u8>,
    /// Ticked [`SIGNALS`], as bits.
    pub signals: u16,
    /// Logged, picked or deleted.
    pub status: Status,
}

impl FromJson for PleasureEntry {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(PleasureEntry {
            id: f.need("id")?,
            at: f.need("at")?,
            day: f.need("day")?,
            updated_at: f.need("updated_at")?,
            act: f.need("act")?,
            text: f.or_default("text")?,
            shift: f.or_default("shift")?,
            signals: f.or_default("signals")?,
            status: match f.or_default::<Option<Status>>("status")? {
                Some(s) => s,
                None => Status::Logged,
            },
        })
    }
}

impl ToJson for PleasureEntry {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .put("id", &self.id)
            .put("at", &self.at)
            .put("day", &self.day)
            .put("updated_at", &self.updated_at)
            .put("act", &self.act)
            .put_some("text", &self.text)
            .put_some("shift", &self.shift)
            .put("signals", &self.signals)
            .put_some("status", &self.status.name())
            .close();
    }
}

impl PleasureEntry {
    /// Whether this is part of the history (not a pick waiting, not deleted).
    pub fn logged(&self) -> bool {
        self.status == Status::Logged
    }

    /// What is kept of this entry once the visitor deletes it: the id and times, stamped
    /// `updated_at`, and nothing they wrote or noticed.
    pub fn tombstone(&self, updated_at: i64) -> PleasureEntry {
        PleasureEntry {
            id: self.id.clone(),
            at: self.at,
            day: self.day,
            updated_at,
            act: self.act.clone(),
            text: None,
            shift: None,
            signals: 0,
            status: Status::Deleted,
        }
    }

    /// Whether anything shifted at all: a rating of 1 or more, or any signal. This is what the
    /// history counts; a 0 or no answer is simply not counted, never held against anyone.
    pub fn shifted(&self) -> bool {
        self.shift.is_some_and(|s| s >= 1) || self.signals & ALL_SIGNALS != 0
    }

    /// What was noticed after the act, in words: " · a shift of 3 out of 10 · A smile, …", or
    /// nothing. Shared by the tracker's recent list and the summary.
    pub fn noticed(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(s) = self.shift.filter(|s| *s > 0) {
            out.push_str(" · ");
            out.push_str(&fill(
                text(lang, Msg::RecentShift),
                &[("n", &uint(u64::from(s)))],
            ));
        }
        let signals = self.signal_words(lang);
        if !signals.is_empty() {
            // Each its own part, as they are written: capitals mid-line read wrong after a
            // comma, and lower case would break "I" and German nouns.
            out.push_str(" · ");
            out.push_str(&signals.joined(" · "));
        }
        out
    }

    /// The signals noticed, in `lang`'s words, in catalog order.
    pub fn signal_words(&self, lang: Lang) -> Vec<&'static str> {
        SIGNALS
            .iter()
            .filter(|s| self.signals & s.bit != 0)
            .map(|s| text(lang, s.msg))
            .vec()
    }

    /// What to call this entry's act in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        act_label(lang, &self.act, self.text.as_deref())
    }
}

impl Record for PleasureEntry {
    fn id(&self) -> &str {
        &self.id
    }

    fn updated_at(&self) -> i64 {
        self.updated_at
    }

    fn set_updated_at(&mut self, at_ms: i64) {
        self.updated_at = at_ms;
    }

    fn gone(&self) -> bool {
        self.status == Status::Deleted
    }

    fn valid(&self) -> bool {
        let text_ok = match (self.status, self.act.as_str(), self.text.as_deref()) {
            (Status::Deleted, _, t) => t.is_none() && self.shift.is_none() && self.signals == 0,
            (_, OWN | SITE, Some(t)) => !t.trim().is_empty() && valid_text(t, MAX_ENTRY_TEXT),
            (_, OWN | SITE, None) => false,
            (_, act, t) => {
                act_msg(act).is_some() && t.is_none_or(|t| valid_text(t, MAX_ENTRY_TEXT))
            }
        };
        text_ok
            && valid_id(&self.id)
            && valid_time(self.at)
            && valid_stamp(self.updated_at)
            && valid_day_for(self.day, self.at)
            && self.shift.is_none_or(|s| s <= MAX_RATING)
            && self.signals & !ALL_SIGNALS == 0
    }
}

/// The logged entries (history), newest first.
pub fn newest_first(items: &[PleasureEntry]) -> Vec<&PleasureEntry> {
    let mut rows: Vec<&PleasureEntry> = items.iter().filter(|i| i.logged()).vec();
    super::num::sort_by(&mut rows, |a, b| (b.at, &b.id) < (a.at, &a.id));
    rows
}

/// The pick waiting to be tried, if any: the newest (two tabs might each have made one).
pub fn current_pick(items: &[PleasureEntry]) -> Option<&PleasureEntry> {
    items
        .iter()
        .filter(|i| i.status == Status::Picked)
        .max_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)))
}

/// One day of the history chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPoint {
    /// The local day.
    pub day: LocalDay,
    /// Acts logged that day; 0 is just a day.
    pub entries: u32,
    /// The largest "did anything shift" answer that day, if any was given.
    pub best_shift: Option<u8>,
    /// Whether any entry that day shifted something (a rating of 1+ or a signal).
    pub shifted: bool,
}

/// The last `days` days up to and including `today`, oldest first, one point per day; days
/// with nothing logged have zero entries. Entries outside the window (also ones dated in the
/// future by a changed clock) are left out. `days` is capped at [`MAX_CHART_DAYS`].
pub fn chart(items: &[PleasureEntry], today: LocalDay, days: u32) -> Vec<DayPoint> {
    let n = days.min(MAX_CHART_DAYS);
    let start = today.plus(1 - n as i32);
    let mut points: Vec<DayPoint> = (0..n)
        .map(|i| DayPoint {
            day: start.plus(i as i32),
            entries: 0,
            best_shift: None,
            shifted: false,
        })
        .vec();
    for item in items.iter().filter(|i| i.logged()) {
        let offset = item.day.since(start);
        let Some(point) = usize::try_from(offset).ok().and_then(|i| points.get_mut(i)) else {
            continue;
        };
        point.entries += 1;
        point.best_shift = point.best_shift.max(item.shift);
        point.shifted |= item.shifted();
    }
    points
}

/// How one act has gone, for "the acts that most often brought a shift".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActStat {
    /// A built-in id, [`OWN`] or [`SITE`].
    pub act: String,
    /// For own words and site suggestions, the words as last written; `None` for built-ins.
    pub text: Option<String>,
    /// Times it was logged.
    pub tries: u32,
    /// Times anything shifted after it.
    pub shifted: u32,
}

/// `c` in lower case, for grouping a visitor's own words: ASCII, the Latin letters of Western
/// and Central European languages, Greek (a final sigma as any sigma) and Cyrillic. Other
/// letters stay as written (Arabic has no case). Not `char::to_lowercase`, whose tables for every script cost the engine
/// about 9 KB gzip for a grouping that only these scripts need.
fn fold_case(c: char) -> char {
    let n = c as u32;
    let lower = match n {
        0x41..=0x5A | 0xC0..=0xDE if n != 0xD7 => n + 0x20,
        // Latin Extended-A: capitals and small letters alternate, in two runs of pairs.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n.is_multiple_of(2) => n + 1,
        0x139..=0x148 | 0x179..=0x17E if !n.is_multiple_of(2) => n + 1,
        0x178 => 0xFF,
        0x391..=0x3A9 if n != 0x3A2 => n + 0x20,
        0x386 => 0x3AC,
        0x388..=0x38A => n + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => n + 0x3F,
        // A final sigma is the same letter as any other small sigma.
        0x3C2 => 0x3C3,
        0x400..=0x40F => n + 0x50,
        0x410..=0x42F => n + 0x20,
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The acts that most often brought any shift, most first (then the more tried, then by name),
/// at most `limit`. Acts that never brought one are left out: the list shows what helps, it
/// doesn't count what didn't. Built-ins group by id; own words and site suggestions group by
/// their words, ignoring case and extra spaces ("A walk " and "a walk" are one act).
pub fn top_acts(items: &[PleasureEntry], limit: usize) -> Vec<ActStat> {
    // Each entry with its group's key, sorted so a group's entries sit together (a sort rather
    // than a map keeps the wasm small; n log n either way).
    let mut keyed: Vec<(String, &PleasureEntry)> = items
        .iter()
        .filter(|i| i.logged())
        .map(|item| {
            let key = match act_msg(&item.act) {
                Some(_) => item.act.clone(),
                None => {
                    let words: Vec<&str> =
                        item.text.as_deref().unwrap_or("").split_whitespace().vec();
                    let mut key = String::from("~");
                    key.extend(words.joined(" ").chars().map(fold_case));
                    key
                }
            };
            (key, item)
        })
        .vec();
    super::num::sort_by(&mut keyed, |a, b| a.0 < b.0);
    let mut stats: Vec<(String, ActStat)> = Vec::new();
    let mut newest: (i64, &str) = (i64::MIN, "");
    for (key, item) in keyed {
        let own_text = act_msg(&item.act)
            .is_none()
            .then(|| item.text.clone())
            .flatten();
        let this = (item.at, item.id.as_str());
        let same = stats.last().is_some_and(|(k, _)| *k == key);
        if !same {
            stats.push((
                key,
                ActStat {
                    act: item.act.clone(),
                    text: own_text.clone(),
                    tries: 0,
                    shifted: 0,
                },
            ));
            newest = this;
        }
        let Some((_, slot)) = stats.last_mut() else {
            continue;
        };
        slot.tries += 1;
        slot.shifted += u32::from(item.shifted());
        if this > newest {
            slot.act = item.act.clone();
            slot.text = own_text;
            newest = this;
        }
    }
    stats.keep_only(|(_, s)| s.shifted > 0);
    super::num::sort_by(&mut stats, |(ka, a), (kb, b)| {
        (b.shifted, b.tries, ka) < (a.shifted, a.tries, kb)
    });
    stats.into_iter().take(limit).map(|(_, s)| s).vec()
}

/// The week at a glance, for one gentle sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Of the last 7 days (today included), days with anything logged.
    pub days_logged_7: u32,
    /// Of those, days where anything shifted.
    pub days_with_shift_7: u32,
    /// Nothing was logged outside those 7 days: the visitor began this week, so "this past
    /// week" would read as a week of trying.
    pub first_week: bool,
}

/// Counts the last 7 days, today included.
pub fn summary(items: &[PleasureEntry], today: LocalDay) -> Summary {
    let week = chart(items, today, 7);
    let start = today.plus(-6);
    Summary {
        days_logged_7: week.iter().filter(|p| p.entries > 0).count() as u32,
        days_with_shift_7: week.iter().filter(|p| p.shifted).count() as u32,
        // (An entry dated after today, from a clock or a time zone changed since, is earlier
        // history too: "yet" would deny a shift it holds.)
        first_week: !items
            .iter()
            .any(|i| i.logged() && (i.day < start || i.day > today)),
    }
}

/// The summary in words: "A shift on 4 of the last 7 days." When nothing shifted, or nothing
/// was logged, a kind sentence instead of a zero.
pub fn summary_text(lang: Lang, s: &Summary) -> String {
    if s.days_with_shift_7 > 0 {
        fill(
            text(lang, Msg::SummaryShift),
            &[("n", &uint(u64::from(s.days_with_shift_7))), ("total", "7")],
        )
    } else if s.days_logged_7 > 0 {
        text(
            lang,
            if s.first_week {
                Msg::SummaryNoShiftYet
            } else {
                Msg::SummaryNoShift
            },
        )
        .to_string()
    } else {
        text(lang, Msg::SummaryNothing).to_string()
    }
}

/// The chart's text alternative: over how many days, on how many something was logged, and on
/// how many something shifted.
pub fn chart_alt(lang: Lang, points: &[DayPoint]) -> String {
    let logged = points.iter().filter(|p| p.entries > 0).count() as u64;
    let shifted = points.iter().filter(|p| p.shifted).count() as u64;
    fill(
        text(lang, Msg::ChartAlt),
        &[
            ("total", &uint(points.len() as u64)),
            ("logged", &uint(logged)),
            ("shifted", &uint(shifted)),
        ],
    )
}

/// One day of the chart in words, for its bar's tooltip and screen readers.
pub fn day_label(lang: Lang, point: &DayPoint) -> String {
    let date = super::i18n::date(lang, point.day);
    let entries = uint(u64::from(point.entries));
    match (point.entries, point.best_shift) {
        (0, _) => fill(text(lang, Msg::ChartDayNothing), &[("date", &date)]),
        (_, Some(s)) if s > 0 => fill(
            text(lang, Msg::ChartDayShift),
            &[
                ("date", &date),
                ("entries", &entries),
                ("shift", &uint(u64::from(s))),
            ],
        ),
        // A tiny signal with no shift on the scale is drawn as a shift: said as one too.
        _ => fill(
            text(
                lang,
                if point.shifted {
                    Msg::ChartDaySignal
                } else {
                    Msg::ChartDayLogged
                },
            ),
            &[("date", &date), ("entries", &entries)],
        ),
    }
}

/// How a bar is drawn. None of them is red or alarming; an empty day is a quiet stub.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarKind {
    /// Nothing logged: a tiny neutral stub, so the day is there without being a hole.
    Empty,
    /// Something logged, no shift noticed: a low, soft bar.
    Logged,
    /// Something shifted: taller with the best answer.
    Shift,
}

/// One bar of the inline SVG chart, in the SVG's own units (rounded to tenths).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge (SVG y grows downwards); `y + h` is the baseline.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height, never negative.
    pub h: f64,
    /// The day it stands for.
    pub day: LocalDay,
    /// The best shift that day, if one was given.
    pub value: Option<u8>,
    /// Entries that day.
    pub entries: u32,
    /// How to draw it.
    pub kind: BarKind,
}

/// Lays the points out as bars across `width` and up from the bottom of `height`. A day with a
/// shift rises with its best answer (a signal alone counts as a small shift); a day with an
/// entry but no shift is a low bar; an empty day is a stub. Nonsense sizes give no bars.
pub fn bars(points: &[DayPoint], width: f64, height: f64) -> Vec<Bar> {
    let width = within(width, 0.0, 10_000.0);
    let height = within(height, 0.0, 10_000.0);
    if points.is_empty() || width <= 0.0 || height <= 0.0 {
        return Vec::new();
    }
    let slot = width / points.len() as f64;
    let gap = slot * 0.25;
    let stub = within(height * 0.03, 1.0, height);
    let low = height * 0.12;
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (kind, h) = if p.entries == 0 {
                (BarKind::Empty, stub)
            } else if p.shifted {
                let v = f64::from(p.best_shift.unwrap_or(0).clamp(1, MAX_RATING));
                (BarKind::Shift, low + (height - low) * v / 10.0)
            } else {
                (BarKind::Logged, low)
            };
            let h = tenths(within(h, 0.0, height));
            Bar {
                x: tenths(i as f64 * slot + gap / 2.0),
                y: tenths(height - h),
                w: tenths(slot - gap),
                h,
                day: p.day,
                value: p.best_shift,
                entries: p.entries,
                kind,
            }
        })
        .vec()
}

fn tenths(v: f64) -> f64 {
    super::num::round(v * 10.0) / 10.0
}

/// The history as CSV (RFC 4180, CRLF line ends; the web layer puts a byte-order mark before
/// it, by which spreadsheet programs know UTF-8): a header row in `lang`, then one row per entry
/// in time order: local date, time in ms, act id, the act's words, shift (empty if unanswered),
/// the signals in `lang`'s words joined by `; `. Cells are separated by `sep`: `;` for a
/// spreadsheet that reads decimal commas (a Spanish, French or German one splits on `;`, and
/// showed each row of a `,` file in one cell), else `,`. Every cell is quoted when needed and cells that a spreadsheet
/// would run as a formula are defused (see [`push_csv_cell`]).
pub fn to_csv(items: &[PleasureEntry], lang: Lang, sep: char, minute: fn(i64) -> u32) -> String {
    let mut rows = newest_first(items);
    rows.reverse();
    let mut out = String::with_capacity(64 + rows.len() * 64);
    for (i, name) in text(lang, Msg::CsvHeader).split(',').enumerate() {
        if i > 0 {
            out.push(sep);
        }
        push_csv_cell(&mut out, name);
    }
    out.push_str("\r\n");
    for e in rows {
        // The local time, "08:05": a spreadsheet shows it as a time (a count of milliseconds
        // was a number in scientific notation).
        let m = minute(e.at);
        let mut at = String::new();
        push_padded(&mut at, u64::from(m / 60 % 24), 2);
        at.push(':');
        push_padded(&mut at, u64::from(m % 60), 2);
        let shift = e.shift.map(|s| uint(u64::from(s))).unwrap_or_default();
        // In words, as the tracker showed them: the spreadsheet is for the visitor to read.
        let signals = e.signal_words(lang);
        let cells = [
            e.day.to_iso(),
            at,
            e.act.clone(),
            e.label(lang).to_string(),
            shift,
            signals.joined("; "),
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            push_csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

/// Appends one CSV cell. A cell a spreadsheet would take for a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return, also after leading spaces) gets a leading `'`, so the
/// visitor's words stay words. A cell with a comma, semicolon, quote, CR or LF is quoted, quotes
/// doubled: either separator, so that a spreadsheet splitting on the other one still keeps the
/// cell whole (and never finds a formula in a part of it).
pub fn push_csv_cell(out: &mut String, cell: &str) {
    let risky = |c: char| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r');
    let defuse = cell.starts_with(risky) || cell.trim_start_matches(' ').starts_with(risky);
    let quote = cell
        .bytes()
        .any(|b| matches!(b, b',' | b';' | b'"' | b'\r' | b'\n'));
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// The micro-pleasure tracker's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct PleasureConfig {
    /// The clinician's own suggestions (`suggestions="a walk after lunch|the blue mug"`),
    /// replacing the built-in list; `None` keeps the built-ins.
    pub suggestions: Option<Vec<String>>,
}

/// Most clinician suggestions, and the longest one in characters.
pub const SUGGESTIONS_LIMITS: (u32, u32) = (20, 80);

/// Reads the micro-pleasure tracker's own option: `suggestions`.
pub fn parse(raw: &RawOptions) -> Result<PleasureConfig, OptionError> {
    let (max_items, max_len) = SUGGESTIONS_LIMITS;
    let suggestions = match raw.get("suggestions") {
        None => None,
        Some(given) => Some(
            text_list(given, max_items, max_len)
                .ok_or_else(|| bad("suggestions", given, Expected::List { max_items, max_len }))?,
        ),
    };
    Ok(PleasureConfig { suggestions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::days::MS_PER_DAY;
    use crate::core::records::{import, Envelope, ImportReport, Kind, MAX_TIME_MS};

    const TODAY: LocalDay = LocalDay(20_780); // 2026-11-23
    const TODAY_MS: i64 = 20_780 * MS_PER_DAY + 20 * 3_600_000;

    /// An entry on `days_ago` at local noon-ish.
    fn entry(
        id: &str,
        days_ago: i32,
        act: &str,
        text: Option<&str>,
        shift: Option<u8>,
        signals: u16,
    ) -> PleasureEntry {
        let day = TODAY.plus(-days_ago);
        let at = i64::from(day.0) * MS_PER_DAY + 12 * 3_600_000;
        PleasureEntry {
            id: id.to_string(),
            at,
            day,
            updated_at: at,
            act: act.to_string(),
            text: text.map(str::to_string),
            shift,
            signals,
            status: Status::Logged,
        }
    }

    #[test]
    fn built_ins_and_signals_have_words_in_both_languages() {
        for a in ACTS {
            assert!(!text(Lang::En, a.msg).is_empty() && !text(Lang::Es, a.msg).is_empty());
            assert!(valid_id(a.id));
        }
        let mut all = 0;
        for s in SIGNALS {
            assert_eq!(all & s.bit, 0, "bits are distinct");
            all |= s.bit;
        }
        assert_eq!(all, ALL_SIGNALS);
        assert_eq!(
            signal_ids(1 | 32).collect::<Vec<_>>(),
            ["shoulders", "warmth"]
        );
        assert_eq!(
            act_label(Lang::En, "song", None),
            text(Lang::En, Msg::ActSong)
        );
        assert_eq!(
            act_label(Lang::En, OWN, Some("the blue mug")),
            "the blue mug"
        );
    }

    #[test]
    fn entries_are_checked_against_the_limits() {
        assert!(entry("a", 0, "song", None, Some(3), 5).valid());
        assert!(entry("a", 0, OWN, Some("tea in the garden"), None, 0).valid());
        assert!(entry("a", 0, SITE, Some("the blue mug"), Some(0), 0).valid());
        let bad = [
            entry("a", 0, "yodel", None, None, 0),
            entry("a", 0, OWN, None, None, 0),
            entry("a", 0, OWN, Some("  "), None, 0),
            entry("a", 0, OWN, Some(&"x".repeat(121)), None, 0),
            entry("a", 0, "song", None, Some(11), 0),
            entry("a", 0, "song", None, None, 512),
            entry("a/b", 0, "song", None, None, 0),
            PleasureEntry {
                day: TODAY.plus(3),
                ..entry("a", 0, "song", None, None, 0)
            },
            PleasureEntry {
                at: -1,
                ..entry("a", 0, "song", None, None, 0)
            },
        ];
        for e in bad {
            assert!(!e.valid(), "{e:?}");
        }
    }

    #[test]
    fn an_empty_history_is_a_row_of_quiet_days() {
        let c = chart(&[], TODAY, 14);
        assert_eq!(c.len(), 14);
        assert_eq!(c.first().map(|p| p.day), Some(TODAY.plus(-13)));
        assert_eq!(c.last().map(|p| p.day), Some(TODAY));
        assert!(c
            .iter()
            .all(|p| p.entries == 0 && p.best_shift.is_none() && !p.shifted));
        assert_eq!(
            summary(&[], TODAY),
            Summary {
                first_week: true,
                ..Summary::default()
            }
        );
        assert!(top_acts(&[], 5).is_empty());
        assert!(chart(&[], TODAY, 0).is_empty());
        assert_eq!(chart(&[], TODAY, u32::MAX).len(), MAX_CHART_DAYS as usize);
    }

    #[test]
    fn chart_counts_days_with_gaps_and_many_entries() {
        let items = [
            entry("a", 0, "song", None, Some(2), 0),
            entry("b", 0, "walk", None, Some(5), 0),
            entry("c", 0, "walk", None, None, 0),
            entry("d", 3, "scent", None, Some(0), 0),
            entry("e", 5, "scent", None, None, 16),
            entry("f", 14, "song", None, Some(9), 0), // just outside 14 days
            entry("g", -1, "song", None, Some(9), 0), // "tomorrow": a changed clock
        ];
        let c = chart(&items, TODAY, 14);
        let today = c.last().copied().expect("14 points");
        assert_eq!(
            (today.entries, today.best_shift, today.shifted),
            (3, Some(5), true)
        );
        let d3 = c.get(13 - 3).copied().expect("point");
        assert_eq!((d3.entries, d3.best_shift, d3.shifted), (1, Some(0), false));
        let d5 = c.get(13 - 5).copied().expect("point");
        assert_eq!(
            (d5.entries, d5.best_shift, d5.shifted),
            (1, None, true),
            "a signal alone is a shift"
        );
        assert_eq!(c.iter().map(|p| p.entries).sum::<u32>(), 5);
        assert_eq!(
            chart(&items, TODAY, 30)
                .iter()
                .map(|p| p.entries)
                .sum::<u32>(),
            6
        );
        assert_eq!(
            summary(&items, TODAY),
            Summary {
                days_logged_7: 3,
                days_with_shift_7: 2,
                first_week: false,
            }
        );
    }

    #[test]
    fn one_day_of_history() {
        let items = [entry("a", 0, "song", None, Some(1), 0)];
        assert_eq!(
            summary(&items, TODAY),
            Summary {
                days_logged_7: 1,
                days_with_shift_7: 1,
                first_week: true,
            }
        );
        // A week later it has left the summary, without any "broken streak".
        assert_eq!(
            summary(&items, TODAY.plus(7)),
            Summary {
                first_week: false,
                ..Summary::default()
            }
        );
        assert_eq!(summary(&items, TODAY.plus(6)).days_with_shift_7, 1);
    }

    #[test]
    fn the_summary_sentence_is_gentle() {
        let s = Summary {
            days_logged_7: 5,
            days_with_shift_7: 4,
            first_week: false,
        };
        assert_eq!(
            summary_text(Lang::En, &s),
            "A shift on 4 of the last 7 days."
        );
        assert_eq!(
            summary_text(Lang::Es, &s),
            "Algún cambio en 4 de los últimos 7\u{a0}días."
        );
        let none = summary_text(
            Lang::En,
            &Summary {
                days_logged_7: 2,
                days_with_shift_7: 0,
                first_week: false,
            },
        );
        let empty = summary_text(Lang::En, &Summary::default());
        for t in [&none, &empty] {
            assert!(!t.contains('0'), "no zero counts: {t}");
        }
        assert_ne!(none, empty);
    }

    #[test]
    fn a_first_week_without_a_shift_is_not_called_a_past_week() {
        // Began today, tried one thing, noticed nothing: no week of trying lies behind it.
        let items = [entry("a", 0, "song", None, Some(0), 0)];
        let words = summary_text(Lang::En, &summary(&items, TODAY));
        assert!(words.starts_with("No shift noticed yet,"), "{words}");
        assert!(!words.contains("week"), "{words}");
        // Six days on, still the first week.
        let words = summary_text(Lang::En, &summary(&items, TODAY.plus(6)));
        assert!(words.starts_with("No shift noticed yet,"), "{words}");
        // With an entry from before the week, it is a past week like any other.
        let items = [
            entry("a", 0, "song", None, Some(0), 0),
            entry("b", 7, "song", None, Some(0), 0),
        ];
        let words = summary_text(Lang::En, &summary(&items, TODAY));
        assert!(
            words.starts_with("No shift noticed this past week,"),
            "{words}"
        );
        // A shift dated tomorrow (logged before a flight west) is history, not "yet" to come.
        let flown = [
            entry("a", 0, "song", None, Some(0), 0),
            entry("b", -1, "song", None, Some(5), 0),
        ];
        let words = summary_text(Lang::En, &summary(&flown, TODAY));
        assert!(
            words.starts_with("No shift noticed this past week,"),
            "{words}"
        );
        for lang in [Lang::Fr, Lang::Es, Lang::Ar] {
            let s = summary(&items[..1], TODAY);
            assert_ne!(summary_text(lang, &s), summary_text(Lang::En, &s));
        }
    }

    #[test]
    fn top_acts_groups_and_orders_what_helped() {
        let items = [
            entry("a", 0, OWN, Some("A walk  by the river"), Some(3), 0),
            entry("b", 1, OWN, Some(" a walk by the RIVER "), None, 0),
            entry("c", 2, OWN, Some("a walk by the river"), Some(1), 0),
            entry("d", 0, "song", None, Some(2), 0),
            entry("e", 1, "song", None, None, 4),
            entry("f", 2, "song", None, Some(0), 0),
            entry("g", 3, "song", None, Some(0), 0),
            entry("h", 0, "scent", None, Some(0), 0),
            entry("i", 0, SITE, Some("the blue mug"), Some(4), 0),
        ];
        let top = top_acts(&items, 10);
        let summary: Vec<(&str, Option<&str>, u32, u32)> = top
            .iter()
            .map(|s| (s.act.as_str(), s.text.as_deref(), s.tries, s.shifted))
            .collect();
        assert_eq!(
            summary,
            [
                ("song", None, 4, 2),
                (OWN, Some("A walk  by the river"), 3, 2),
                (SITE, Some("the blue mug"), 1, 1),
            ],
            "scent never brought a shift, so it isn't listed"
        );
        assert_eq!(top_acts(&items, 1).len(), 1);
        assert!(top_acts(&items, 0).is_empty());
    }

    #[test]
    fn own_words_group_across_case_in_european_scripts() {
        let items = [
            entry("a", 0, OWN, Some("CAFÉ AU LAIT À L'ÉTÉ"), Some(3), 0),
            entry("b", 1, OWN, Some("café au lait à l'été"), Some(2), 0),
            entry("c", 2, OWN, Some("ПРОГУЛКА"), Some(2), 0),
            entry("d", 3, OWN, Some("прогулка"), Some(2), 0),
            entry("e", 4, OWN, Some("ŁĄKA ΘΆΛΑΣΣΑΣ"), Some(2), 0),
            entry("f", 5, OWN, Some("łąka θάλασσας"), Some(2), 0),
        ];
        let tries: Vec<u32> = top_acts(&items, 10).iter().map(|s| s.tries).collect();
        assert_eq!(tries, [2, 2, 2]);
    }

    #[test]
    fn case_folding_agrees_with_unicode_where_it_folds() {
        for n in 0..0x530u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let folded = fold_case(c);
            let mut lower = c.to_lowercase();
            let unicode = (lower.len() == 1).then(|| lower.next()).flatten();
            if folded != c && c != 'ς' {
                assert_eq!(Some(folded), unicode, "U+{n:04X}");
            }
        }
        for c in ('A'..='Z')
            .chain('À'..='Þ')
            .chain('Ā'..='Ž')
            .chain('Α'..='Ω')
            .chain('Ѐ'..='Я')
        {
            let unicode: String = c.to_lowercase().collect();
            if c != '×'
                && c != '\u{3A2}'
                && c != 'İ'
                && unicode.chars().count() == 1
                && unicode != c.to_string()
            {
                assert_eq!(fold_case(c).to_string(), unicode, "{c}");
            }
        }
    }

    #[test]
    fn text_alternatives_describe_the_chart() {
        let items = [
            entry("a", 0, "song", None, Some(6), 0),
            entry("b", 2, "walk", None, None, 0),
        ];
        let c = chart(&items, TODAY, 14);
        assert_eq!(
            chart_alt(Lang::En, &c),
            "Last 14 days: something tried on 2 days, a shift noticed on 1 of them."
        );
        // No count of nothing: none shifted, or none logged, is said in words.
        let flat = chart(&[entry("b", 2, "walk", None, None, 0)], TODAY, 14);
        assert_eq!(
            chart_alt(Lang::En, &flat),
            "Last 14 days: something tried on 1 day."
        );
        assert_eq!(
            chart_alt(Lang::En, &chart(&[], TODAY, 7)),
            "Last 7 days: nothing logged."
        );
        let today = c.last().copied().expect("point");
        assert_eq!(
            day_label(Lang::En, &today),
            "2026-11-23: 1 thing tried, a shift of 6 out of 10"
        );
        let first = c.first().copied().expect("point");
        assert_eq!(day_label(Lang::En, &first), "2026-11-10: nothing logged");
        let d2 = c.get(11).copied().expect("point");
        assert_eq!(day_label(Lang::Es, &d2), "2026-11-21: probaste 1 cosa");
        // A 0 on the scale with a tiny signal: drawn as a shift, and said as what it was.
        let signal = chart(&[entry("c", 0, "walk", None, Some(0), 1)], TODAY, 7);
        let day = signal.last().copied().expect("point");
        assert!(day.shifted);
        assert_eq!(
            day_label(Lang::En, &day),
            "2026-11-23: 1 thing tried, a tiny signal noticed"
        );
    }

    #[test]
    fn bars_are_never_negative_and_empty_days_are_stubs() {
        let items = [
            entry("a", 0, "song", None, Some(10), 0),
            entry("b", 1, "walk", None, Some(0), 0),
            entry("c", 2, "walk", None, None, 2),
        ];
        let c = chart(&items, TODAY, 4);
        let b = bars(&c, 200.0, 100.0);
        assert_eq!(b.len(), 4);
        let kinds: Vec<BarKind> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BarKind::Empty,
                BarKind::Shift,
                BarKind::Logged,
                BarKind::Shift
            ]
        );
        for bar in &b {
            assert!(
                bar.h > 0.0 && bar.y >= 0.0 && bar.w > 0.0 && bar.x >= 0.0,
                "{bar:?}"
            );
            assert!(
                (bar.y + bar.h - 100.0).abs() < 0.11,
                "stands on the baseline: {bar:?}"
            );
            assert!(bar.x + bar.w <= 200.0);
        }
        let h: Vec<f64> = b.iter().map(|b| b.h).collect();
        assert_eq!(h, [3.0, 20.8, 12.0, 100.0]);
        assert_eq!(b.first().map(|b| (b.x, b.w)), Some((6.3, 37.5)));
        assert!(bars(&c, f64::NAN, 100.0).is_empty());
        assert!(bars(&c, -5.0, 100.0).is_empty());
        assert!(bars(&[], 200.0, 100.0).is_empty());
        assert!(bars(&c, 1e300, 1e300)
            .iter()
            .all(|b| b.h.is_finite() && b.h <= 10_000.0));
    }

    /// The minute of the day in UTC, as the tests' time zone.
    fn utc(ms: i64) -> u32 {
        (ms.rem_euclid(MS_PER_DAY) / 60_000) as u32
    }

    fn csv_of(e: PleasureEntry) -> String {
        let csv = to_csv(&[e], Lang::En, ',', utc);
        csv.split_once("\r\n")
            .map(|(_, row)| row.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn csv_has_a_header_and_one_row_per_entry_in_time_order() {
        let items = [
            entry("b", 0, "song", None, Some(4), 1 | 4),
            entry("a", 1, "walk", None, None, 0),
        ];
        let csv = to_csv(&items, Lang::En, ',', utc);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines,
            [
                "date,time,act code,act,shift,signals",
                "2026-11-22,12:00,walk,A short walk,,",
                "2026-11-23,12:00,song,A favourite song from before,4,\"My shoulders dropped; A flicker of interest\"",
                "",
            ]
        );
        assert!(to_csv(&[], Lang::Es, ',', utc).starts_with("fecha,"));
        assert!(to_csv(&items, Lang::Es, ';', |_| 8 * 60 + 5)
            .starts_with("fecha;hora;código;actividad;cambio;señales\r\n2026-11-22;08:05;"));
    }

    #[test]
    fn csv_quotes_the_visitors_words() {
        let row = |t: &str| csv_of(entry("a", 0, OWN, Some(t), None, 0));
        assert!(row("tea, then a nap").contains(",\"tea, then a nap\","));
        assert!(row("the \"good\" mug").contains(",\"the \"\"good\"\" mug\","));
        assert!(row("line one\r\nline two").contains(",\"line one\r\nline two\","));
        // A semicolon too: a spreadsheet that splits on it keeps the cell whole, and finds no
        // formula in its second part.
        assert!(row("a;=1+1;").contains(",\"a;=1+1;\","));
        assert!(row("<img src=x onerror=alert(1)>").contains(",<img src=x onerror=alert(1)>,"));
    }

    #[test]
    fn csv_defuses_spreadsheet_formulas() {
        let row = |t: &str| csv_of(entry("a", 0, OWN, Some(t), None, 0));
        assert!(row("=HYPERLINK(\"http://x\",\"y\")")
            .contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
        assert!(row("+1+1").contains(",'+1+1,"));
        assert!(row("-2+3").contains(",'-2+3,"));
        assert!(row("@SUM(A1)").contains(",'@SUM(A1),"));
        assert!(row("\t=1").contains(",'\t=1,"));
        assert!(row("\r=1").contains(",\"'\r=1\","));
        assert!(row("  =1").contains(",'  =1,"));
        assert!(row("a = b").contains(",a = b,"));
        let mut cell = String::new();
        push_csv_cell(&mut cell, "");
        assert_eq!(cell, "");
    }

    #[test]
    fn an_exported_history_imports_back_without_duplicates() {
        let mut env = Envelope::new(Kind::Pleasure);
        env.upsert(entry("a", 0, OWN, Some("tea, \"hot\""), Some(2), 3));
        env.upsert(entry("b", 1, "song", None, None, 0));
        let json = crate::core::json::to_string(&env);
        let file: Envelope<PleasureEntry> = crate::core::json::from_str(&json).expect("reads");
        let (same, report) = import(&env, file, MAX_TIME_MS).expect("ours");
        assert_eq!(
            report,
            ImportReport {
                added: 0,
                updated: 0,
                skipped: 2,
                dropped: 0
            }
        );
        assert_eq!(same, env);
        let hostile = r#"{"app":"attune","kind":"pleasure","version":1,"items":[{"id":"x","at":1795435200000,"day":20780,"updated_at":1795435200000,"act":"own","text":"ok","signals":1023}]}"#;
        let file: Envelope<PleasureEntry> = crate::core::json::from_str(hostile).expect("decodes");
        assert!(import(&env, file, MAX_TIME_MS).is_err());
    }

    #[test]
    fn picks_and_deletions_are_records_but_not_history() {
        use crate::core::json::{from_str, to_string};
        use crate::core::records::merge;
        let done = entry("a", 0, "walk", None, Some(4), 1);
        let picked = PleasureEntry {
            status: Status::Picked,
            shift: None,
            signals: 0,
            ..entry("b", 0, OWN, Some("tea outside"), None, 0)
        };
        let gone = entry("c", 1, OWN, Some("my words"), Some(6), 2).tombstone(TODAY_MS);
        assert!(done.valid() && picked.valid() && gone.valid());
        assert_eq!(
            (gone.text.as_deref(), gone.shift, gone.signals),
            (None, None, 0)
        );
        let mut leaky = gone.clone();
        leaky.text = Some("my words".into());
        assert!(!leaky.valid(), "a tombstone keeps no words");

        // A logged entry is written exactly as before the status existed.
        let text = to_string(&done);
        assert!(!text.contains("status"), "{text}");
        assert_eq!(from_str::<PleasureEntry>(&text), Ok(done.clone()));
        let text = to_string(&picked);
        assert!(text.ends_with(r#""status":"picked"}"#), "{text}");
        assert_eq!(from_str::<PleasureEntry>(&text), Ok(picked.clone()));
        assert_eq!(
            from_str::<PleasureEntry>(&to_string(&gone)),
            Ok(gone.clone())
        );
        let odd = text.replace("picked", "maybe");
        assert!(from_str::<PleasureEntry>(&odd).is_err());

        let items = [done.clone(), picked.clone(), gone.clone()];
        assert_eq!(summary(&items, TODAY).days_logged_7, 1);
        assert_eq!(
            chart(&items, TODAY, 7)
                .iter()
                .map(|p| p.entries)
                .sum::<u32>(),
            1
        );
        assert_eq!(newest_first(&items).len(), 1);
        assert_eq!(top_acts(&items, 5).len(), 1);
        assert_eq!(to_csv(&items, Lang::En, ',', utc).lines().count(), 2);
        assert_eq!(current_pick(&items).map(|p| p.id.as_str()), Some("b"));
        assert_eq!(current_pick(core::slice::from_ref(&done)), None);

        // Another tab still holding the entry cannot bring it back.
        let mut here = Envelope::new(Kind::Pleasure);
        here.upsert(gone.clone());
        let mut there = Envelope::new(Kind::Pleasure);
        there.upsert(entry("c", 1, OWN, Some("my words"), Some(6), 2));
        let m = merge(&here, &there);
        assert_eq!(m.items, vec![gone.clone()]);
        assert!(
            !m.live("c") && there.live("c"),
            "a tombstone is not a live copy"
        );
        // A backup holding the entry, imported here: left out and counted so (not "already
        // there", which it is not). A file's own tombstone of an entry never here adds nothing.
        let mut file = there.clone();
        file.upsert(entry("d", 1, "song", None, None, 0).tombstone(TODAY_MS));
        let (after, report) = import(&here, file, MAX_TIME_MS).expect("ours");
        assert_eq!(after.items, vec![gone.clone()]);
        assert_eq!(
            report,
            ImportReport {
                added: 0,
                updated: 0,
                skipped: 0,
                dropped: 2
            }
        );
        // A deletion made on the other device travels: its tombstone, later than the copy
        // here, deletes the entry here too, and is counted as brought up to date.
        let mut phone = Envelope::new(Kind::Pleasure);
        phone.upsert(entry("e", 1, OWN, Some("private words"), Some(3), 0));
        let mut laptop = phone.clone();
        let e_gone = laptop.items[0].tombstone(TODAY_MS + 60_000);
        laptop.upsert(e_gone.clone());
        let (phone, moved) = import(&phone, laptop, MAX_TIME_MS).expect("ours");
        assert_eq!(phone.items, vec![e_gone.clone()]);
        assert_eq!((moved.updated, moved.added, moved.skipped), (1, 0, 1));
        // Also from a device whose clock ran ahead: the deletion, held back in time, still
        // deletes (it hides nothing saved after it).
        let mut phone = Envelope::new(Kind::Pleasure);
        phone.upsert(entry("e", 1, OWN, Some("private words"), Some(3), 0));
        let mut laptop = Envelope::new(Kind::Pleasure);
        laptop.upsert(e_gone);
        let (mut phone, moved) = import(&phone, laptop, TODAY_MS + 1).expect("ours");
        assert!(phone.items.iter().all(|e| e.gone()));
        assert_eq!(moved.updated, 1);
        assert!(phone.items.iter().all(|e| e.updated_at == TODAY_MS + 1));
        // Stamped at the last valid time in the file, it is held back too: "Delete everything"
        // would take its time, and every entry made after it would be dropped by the next read.
        let mut forged = Envelope::new(Kind::Pleasure);
        forged.upsert(entry("e", 1, OWN, None, None, 0).tombstone(MAX_TIME_MS));
        (phone, _) = import(&phone, forged, TODAY_MS + 1).expect("ours");
        phone.clear(TODAY_MS);
        let mut f = entry("f", 1, OWN, None, None, 0);
        f.updated_at = crate::core::records::stamp(TODAY_MS, phone.cleared_at);
        phone.upsert(f);
        assert!(merge(&phone, &Envelope::new(Kind::Pleasure)).live("f"));

        // Nor can one that edits it after the deletion (its stamp is later), in either order.
        let mut edited = entry("c", 1, OWN, Some("my new words"), Some(9), 2);
        edited.updated_at = gone.updated_at + 60_000;
        let mut late = Envelope::new(Kind::Pleasure);
        late.upsert(edited);
        assert_eq!(merge(&here, &late).items, vec![gone.clone()]);
        assert_eq!(merge(&late, &here).items, vec![gone.clone()]);
        // Saved here over the tombstone (this tab had read the deletion): still deleted.
        let mut mine = here.clone();
        mine.upsert(late.items.remove(0));
        assert_eq!(mine.items, vec![gone]);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn csv_cells_round_trip_and_never_start_a_formula(t in any::<String>()) {
            let mut cell = String::new();
            push_csv_cell(&mut cell, &t);
            let inner = if cell.starts_with('"') && cell.len() >= 2 && t.contains([',', ';', '"', '\r', '\n']) {
                cell.get(1..cell.len() - 1).unwrap_or("").replace("\"\"", "\"")
            } else {
                cell.clone()
            };
            let first = inner.trim_start_matches(' ').chars().next();
            prop_assert!(!matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) || inner.starts_with('\''));
            let original = inner.strip_prefix('\'').filter(|_| inner != t).unwrap_or(&inner);
            prop_assert_eq!(original, t.as_str());
        }

        #[test]
        fn statistics_never_panic(days in any::<u32>(), today in any::<i32>(), w in any::<f64>(), h in any::<f64>(), shift in any::<Option<u8>>(), signals in any::<u8>(), d in any::<i32>()) {
            let e = PleasureEntry { id: "a".into(), at: 0, day: LocalDay(d), updated_at: 0, act: OWN.into(), text: None, shift, signals: u16::from(signals), status: Status::Logged };
            let items = [e];
            let c = chart(&items, LocalDay(today), days);
            let _ = bars(&c, w, h);
            let _ = top_acts(&items, 3);
            let _ = summary(&items, LocalDay(today));
            let _ = to_csv(&items, Lang::Es, ',', |ms| ms as u32);
            let _ = chart_alt(Lang::En, &c);
            for p in &c { let _ = day_label(Lang::En, p); }
        }
    }
}

/// The tracker's own option, read by [`parse`].
#[cfg(test)]
mod option_tests {
    use super::*;
    use crate::core::options::{describe_error, refused_option};

    fn pleasure(pairs: &[(&str, &str)]) -> Result<PleasureConfig, OptionError> {
        parse(&RawOptions::new(pairs.iter().copied()))
    }

    #[test]
    fn suggestions_replace_the_built_in_list() {
        assert_eq!(pleasure(&[]), Ok(PleasureConfig { suggestions: None }));
        let p =
            pleasure(&[("suggestions", " a walk after lunch |the blue\n  mug")]).expect("valid");
        assert_eq!(
            p.suggestions,
            Some(vec![
                "a walk after lunch".to_string(),
                "the blue mug".to_string()
            ])
        );
        let twenty = ["tea"; 20].joined("|");
        assert_eq!(
            pleasure(&[("suggestions", &twenty)]).map(|p| p.suggestions.map(|s| s.len())),
            Ok(Some(20))
        );
        let eighty = "é".repeat(80);
        assert!(pleasure(&[("suggestions", &eighty)]).is_ok());
        let html = pleasure(&[("suggestions", "<b>tea</b>")]).expect("kept as text");
        assert_eq!(html.suggestions, Some(vec!["<b>tea</b>".to_string()]));
    }

    #[test]
    fn bad_suggestions_name_the_option() {
        let too_many = ["tea"; 21].joined("|");
        let too_long = "é".repeat(81);
        for given in [
            "",
            "  ",
            "tea||walk",
            "tea|",
            "|",
            too_many.as_str(),
            too_long.as_str(),
        ] {
            assert_eq!(
                refused_option(pleasure(&[("suggestions", given)])),
                "suggestions",
                "{given:?}"
            );
        }
        let err = pleasure(&[("suggestions", "")]).err();
        assert!(matches!(
            err,
            Some(OptionError::BadValue {
                expected: Expected::List {
                    max_items: 20,
                    max_len: 80
                },
                ..
            })
        ));
    }

    #[test]
    fn a_refused_list_says_what_the_option_takes() {
        let err = pleasure(&[("suggestions", "a||b")]).expect_err("empty item");
        assert_eq!(
            describe_error(Lang::En, &err),
            "The option \"suggestions\" can't be \"a||b\". It takes 1 to 20 texts separated by \"|\", each up to 80 characters."
        );
    }
}
