//! The summary a visitor can bring to a session: what was practised over a chosen period, made
//! from the records in their own browser, as days and words, never as scores.
//!
//! It reads the three kinds of records as they are stored and shows each practice on the local
//! day it was recorded on (the `day` every record carries, not a day worked out again from its
//! time stamp, so a late-evening session stays on its evening after a move across time zones).
//! Nothing is totalled against a target and nothing is ranked: a day with nothing recorded is
//! simply not listed, and the charts draw it as a quiet, empty day.
//!
//! Words the visitor typed (their own pleasant acts, the words of the 5-4-3-2-1 scan, plan
//! notes) are left out unless [`Include::own_words`] is set; the web layer never remembers that
//! choice, so it is made afresh each time.
//!
//! The summary's option (`period`, a [`Period`]) is read here too, by [`parse`].

use crate::prelude::*;

use super::body_scan::{Region, Sensation};
use super::check_in::Point;
use super::days::LocalDay;
use super::grounding::GroundingStep;
use super::i18n::{after_colon, fill, in_list, text, Lang, Msg};
use super::locale::before;
use super::num::uint;
use super::options::{one_of, OptionError, RawOptions};
use super::plan::{PlanCue, PlanItem, PlanRecord};
use super::pleasure::{act_msg, PleasureEntry, OWN, SIGNALS};
use super::records::{isolated, SessionRecord};

/// Which days the summary covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The last `n` days, today included.
    Days(u32),
    /// The current plan's days so far (its whole length once it has ended).
    Plan,
}

impl Period {
    /// The choices offered, in order: 7, 14 and 30 days, and the current plan.
    pub const ALL: [Period; 4] = [
        Period::Days(7),
        Period::Days(14),
        Period::Days(30),
        Period::Plan,
    ];

    /// Reads the `period` option: `7`, `14`, `30` or `plan`.
    pub fn parse(s: &str) -> Option<Period> {
        match s.trim() {
            "7" => Some(Period::Days(7)),
            "14" => Some(Period::Days(14)),
            "30" => Some(Period::Days(30)),
            "plan" => Some(Period::Plan),
            _ => None,
        }
    }

    /// The option's value for this period.
    pub fn id(self) -> String {
        match self {
            Period::Days(n) => uint(u64::from(n)),
            Period::Plan => "plan".to_string(),
        }
    }
}

/// The longest period a summary covers, in days: a plan of 28 days fits, and a year-long plan
/// can't make an endless page.
pub const MAX_DAYS: u32 = 31;

/// A period's words in the chooser: "Last 14 days", "This plan".
pub fn period_label(lang: Lang, period: Period) -> String {
    match period {
        Period::Days(n) => fill(text(lang, Msg::SumLastDays), &[("n", &uint(u64::from(n)))]),
        Period::Plan => text(lang, Msg::SumThisPlan).to_string(),
    }
}

/// What goes into the summary. Everything but the visitor's own words, unless they say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Include {
    /// Breathing sessions: pattern, length, the body rating when given.
    pub breathing: bool,
    /// The 5-4-3-2-1 scan and the body scans: what was noticed, by sense or region.
    pub scans: bool,
    /// Check-in points.
    pub check_in: bool,
    /// Micro-pleasures: what was tried, any shift, the tiny signals.
    pub pleasure: bool,
    /// The plan's days and the cues done.
    pub plan: bool,
    /// Words the visitor typed. Off unless ticked, each time.
    pub own_words: bool,
}

impl Include {
    /// Whether any kind that counts as practice goes in (a check-in says where the visitor
    /// was, not that they practised): the practice chart is drawn only then.
    pub fn any_practice(&self) -> bool {
        self.breathing || self.scans || self.pleasure || self.plan
    }

    /// Whether every kind goes in: only then does an empty sheet mean nothing was kept.
    pub fn every_kind(&self) -> bool {
        self.breathing && self.scans && self.check_in && self.pleasure && self.plan
    }
}

impl Default for Include {
    fn default() -> Self {
        Include {
            breathing: true,
            scans: true,
            check_in: true,
            pleasure: true,
            plan: true,
            own_words: false,
        }
    }
}

/// The first and last day covered, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first day.
    pub start: LocalDay,
    /// The last day.
    pub end: LocalDay,
}

impl Span {
    /// Whether `day` is inside.
    pub fn contains(&self, day: LocalDay) -> bool {
        day.since(self.start) >= 0 && self.end.since(day) >= 0
    }

    /// How many days it covers.
    pub fn len(&self) -> u32 {
        u32::try_from(self.end.since(self.start) + 1).unwrap_or(0)
    }

    /// Whether it covers no day (never, for a span made by [`span`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every day, oldest first.
    pub fn days(&self) -> impl Iterator<Item = LocalDay> + '_ {
        (0..self.len()).map(|i| self.start.plus(i as i32))
    }
}

/// The days a period covers on `today`. `None` for [`Period::Plan`] with no plan, or with a
/// plan that starts after today.
pub fn span(period: Period, today: LocalDay, plan: Option<&PlanRecord>) -> Option<Span> {
    match period {
        Period::Days(n) => {
            let n = n.clamp(1, MAX_DAYS) as i32;
            Some(Span {
                start: today.plus(1 - n),
                end: today,
            })
        }
        Period::Plan => {
            let p = plan?;
            let last = p.started.plus(i32::from(p.days.max(1)) - 1);
            let end = if last.since(today) > 0 { today } else { last };
            if end.since(p.started) < 0 {
                return None;
            }
            let start = if end.since(p.started) >= i64::from(MAX_DAYS) {
                end.plus(1 - MAX_DAYS as i32)
            } else {
                p.started
            };
            Some(Span { start, end })
        }
    }
}

/// One day of the summary: each practice recorded that day, in words, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The local day.
    pub day: LocalDay,
    /// One line per practice.
    pub lines: Vec<String>,
}

/// One day of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartDay {
    /// The local day.
    pub day: LocalDay,
    /// Anything of what was chosen was practised that day.
    pub practised: bool,
    /// The largest "did anything shift" answer of the day's micro-pleasures, if any.
    pub shift: Option<u8>,
    /// Any micro-pleasure that day shifted something (a rating of 1 or more, or a signal).
    pub shifted: bool,
}

/// Everything the summary shows, in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The days covered.
    pub span: Span,
    /// The days with something recorded, oldest first.
    pub days: Vec<Day>,
    /// Every day of the span, oldest first, for the two small charts.
    pub chart: Vec<ChartDay>,
    /// The tiny signals noticed after micro-pleasures: each one's words and how many times,
    /// in the catalog's order; signals never ticked are left out.
    pub signals: Vec<(Msg, u32)>,
}

impl Summary {
    /// Days on which anything chosen was practised.
    pub fn practice_days(&self) -> usize {
        self.chart.iter().filter(|d| d.practised).count()
    }
}

/// The records a summary is made from, as stored.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    /// The breathing, scan and check-in sessions.
    pub sessions: &'a [SessionRecord],
    /// The micro-pleasure entries (picks and deleted ones are skipped).
    pub pleasure: &'a [PleasureEntry],
    /// The plans and their days.
    pub plan: &'a [PlanItem],
}

/// Makes the summary of `span`. Each practice becomes a line on its day; what
/// [`Include`] leaves out is not read.
pub fn build(lang: Lang, records: Records<'_>, span: Span, include: Include) -> Summary {
    // (day, time, line, practice): sorted afterwards, so the kinds interleave in time order. A
    // check-in says where the visitor was, not that they practised: a day of check-ins alone
    // is no day of practice in the chart (a therapist would read the opposite picture).
    let mut lines: Vec<(LocalDay, i64, String, bool)> = Vec::new();
    for s in records.sessions {
        if !span.contains(s.day) {
            continue;
        }
        let line = match s.widget.as_str() {
            "breathing" if include.breathing => Some(breathing_line(lang, s)),
            "grounding" if include.scans => Some(grounding_line(lang, s, include.own_words)),
            "body-scan" | "palms" | "temperature" if include.scans => Some(body_line(lang, s)),
            "check-in" if include.check_in => check_in_line(lang, s),
            _ => None,
        };
        if let Some(line) = line {
            lines.push((s.day, s.at, line, s.widget != "check-in"));
        }
    }
    let mut signals = [0u32; SIGNALS.len()];
    if include.pleasure {
        for e in records.pleasure {
            if !e.logged() || !span.contains(e.day) {
                continue;
            }
            for (n, s) in signals.iter_mut().zip(SIGNALS.iter()) {
                *n += u32::from(e.signals & s.bit != 0);
            }
            lines.push((e.day, e.at, pleasure_line(lang, e, include.own_words), true));
        }
    }
    if include.plan {
        plan_lines(lang, records, span, include.own_words, &mut lines);
    }
    super::num::sort_by(&mut lines, |a, b| (a.0, a.1) < (b.0, b.1));

    let mut days: Vec<Day> = Vec::new();
    for (day, _, line, _) in lines.iter() {
        match days.last_mut() {
            Some(d) if d.day == *day => d.lines.push(line.clone()),
            _ => days.push(Day {
                day: *day,
                lines: vec![line.clone()],
            }),
        }
    }
    let chart = span
        .days()
        .map(|day| {
            let shifts = records
                .pleasure
                .iter()
                .filter(|e| include.pleasure && e.logged() && e.day == day);
            ChartDay {
                day,
                practised: lines.iter().any(|l| l.0 == day && l.3),
                shift: shifts.clone().filter_map(|e| e.shift).max(),
                shifted: shifts.clone().any(PleasureEntry::shifted),
            }
        })
        .vec();
    Summary {
        span,
        days,
        chart,
        signals: SIGNALS
            .iter()
            .zip(signals)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s.msg, n))
            .vec(),
    }
}

/// The part of a tag after `prefix:`, for tags like `pattern:4-7-8`.
fn tag_value<'a>(s: &'a SessionRecord, prefix: &str) -> Option<&'a str> {
    s.tags
        .iter()
        .find_map(|t| t.strip_prefix(prefix)?.strip_prefix(':'))
}

fn breathing_line(lang: Lang, s: &SessionRecord) -> String {
    let name = match tag_value(s, "pattern") {
        Some("box") => Msg::PatternBox,
        Some("4-7-8") => Msg::Pattern478,
        Some("extended-exhale") => Msg::PatternExtended,
        Some("sigh") => Msg::PatternSigh,
        Some("custom") => Msg::PatternCustom,
        _ => Msg::PatternResonance,
    };
    let mut line = [
        text(lang, Msg::SumBreathing),
        text(lang, Msg::LabelSep),
        &after_colon(lang, text(lang, name)),
    ]
    .cat();
    if let Some(n) = s.counts.first().filter(|n| **n > 0) {
        line.push_str(" · ");
        line.push_str(&fill(
            text(lang, Msg::Breaths),
            &[("n", &uint(u64::from(*n)))],
        ));
    }
    stopped_early(lang, &mut line, s);
    rated(lang, &mut line, s.rating, Msg::SumBodyAfter);
    line
}

/// Adds "stopped before the end" to a session that was not completed.
fn stopped_early(lang: Lang, line: &mut String, s: &SessionRecord) {
    if !s.completed {
        line.push_str(" · ");
        line.push_str(text(lang, Msg::SumStoppedEarly));
    }
}

/// Adds "…: 6 out of 10" when a rating was given.
fn rated(lang: Lang, line: &mut String, rating: Option<u8>, msg: Msg) {
    if let Some(r) = rating {
        line.push_str(" · ");
        line.push_str(&fill(text(lang, msg), &[("n", &uint(u64::from(r)))]));
    }
}

fn grounding_line(lang: Lang, s: &SessionRecord, own_words: bool) -> String {
    let mut noticed = Vec::new();
    let mut nothing = Vec::new();
    for step in GroundingStep::ALL {
        let answer = s
            .tags
            .iter()
            .find_map(|t| t.strip_prefix(step.id())?.strip_prefix(':'));
        match answer {
            // Senses in the line's lists, lower case as in a sentence ("noticed: sight").
            Some("noticed") => noticed.push(in_list(text(lang, step.sense()))),
            Some("nothing-right-now") => nothing.push(in_list(text(lang, step.sense()))),
            _ => {}
        }
    }
    let mut line = [text(lang, Msg::SumGrounding), " · "].cat();
    let mut parts = Vec::new();
    if !noticed.is_empty() {
        let mut part = fill(
            text(lang, Msg::SumNoticedBy),
            &[("list", &noticed.joined(text(lang, Msg::ListSep)))],
        );
        // The words are what was noticed: beside the senses that found something, not after
        // the last group, where they would read as what "nothing at the time" found.
        if own_words && !s.words.is_empty() {
            part.push_str(" (");
            part.push_str(
                &s.words
                    .iter()
                    .map(|w| isolated(w, lang.rtl()))
                    .vec()
                    .joined(text(lang, Msg::ListSep)),
            );
            part.push(')');
        }
        parts.push(part);
    }
    if !nothing.is_empty() {
        parts.push(fill(
            text(lang, Msg::SumNothingBy),
            &[("list", &nothing.joined(text(lang, Msg::ListSep)))],
        ));
    }
    if parts.is_empty() {
        parts.push(text(lang, Msg::SumTookAMoment).to_string());
    }
    line.push_str(&parts.joined(" · "));
    stopped_early(lang, &mut line, s);
    rated(lang, &mut line, s.rating, Msg::SumPresentAfter);
    line
}

fn body_line(lang: Lang, s: &SessionRecord) -> String {
    let title = match s.widget.as_str() {
        "palms" => Msg::PalmsTitle,
        "temperature" => Msg::TemperatureTitle,
        _ => Msg::BodyScanTitle,
    };
    // Region by region (the variants' steps all belong to the hands): what was noticed there.
    let mut by_area: Vec<(&str, Vec<String>)> = Vec::new();
    for t in &s.tags {
        let mut it = t.splitn(2, ':');
        let (Some(step), Some(what)) = (it.next(), it.next()) else {
            continue;
        };
        // A strength tag (`chest:intensity:6`) adds nothing here: the sensations carry it.
        let Some(words) = Sensation::from_id(what).map(|s| in_list(text(lang, s.name()))) else {
            continue;
        };
        let area = Region::ALL
            .iter()
            .find(|r| r.id() == step)
            .map_or("", |r| text(lang, r.name()));
        match by_area.iter_mut().find(|(a, _)| *a == area) {
            Some((_, list)) => list.push(words),
            None => by_area.push((area, vec![words])),
        }
    }
    let mut line = text(lang, title).to_string();
    // Nothing in particular noticed (as the scan's end said): a scan taken all the same, not a
    // title alone.
    if by_area.is_empty() {
        line.push_str(" · ");
        line.push_str(text(lang, Msg::SumBodyNothing));
    } else {
        let parts: Vec<String> = by_area
            .iter()
            .map(|(area, list)| {
                let list = list.joined(text(lang, Msg::ListSep));
                if area.is_empty() {
                    list
                } else {
                    [area, " (", &list, ")"].cat()
                }
            })
            .vec();
        line.push_str(" · ");
        line.push_str(&parts.joined(" · "));
    }
    stopped_early(lang, &mut line, s);
    rated(lang, &mut line, s.rating, Msg::SumBodyAfter);
    line
}

fn check_in_line(lang: Lang, s: &SessionRecord) -> Option<String> {
    let point = Point::from_index(s.point?)?;
    Some(
        [
            text(lang, Msg::SumCheckIn),
            text(lang, Msg::LabelSep),
            &after_colon(lang, text(lang, point.label())),
        ]
        .cat(),
    )
}

/// The visitor's own words in the language's quotation marks, kept in their own direction
/// (an English note in an Arabic line).
pub fn quoted(lang: Lang, words: &str) -> String {
    fill(
        text(lang, Msg::SumQuoted),
        &[("words", &isolated(words, lang.rtl()))],
    )
}

fn pleasure_line(lang: Lang, e: &PleasureEntry, own_words: bool) -> String {
    let what = match (act_msg(&e.act), e.act.as_str()) {
        // The act's name without its examples ("A familiar scent", not "...: soap, tea,
        // lotion"), which would put a second colon on the line.
        (Some(m), _) => after_colon(lang, before(text(lang, m), |b| b == b':').trim_end()),
        (None, OWN) if !own_words => text(lang, Msg::SumOwnThing).to_string(),
        (None, _) => isolated(e.text.as_deref().unwrap_or_default(), lang.rtl()),
    };
    let mut line = [
        text(lang, Msg::SumPleasure),
        text(lang, Msg::LabelSep),
        &what,
        &e.noticed(lang),
    ]
    .cat();
    // Tried although nothing shifted is worth as much to bring to a session: said, not left out.
    if e.shift == Some(0) && e.signals == 0 {
        line.push_str(" · ");
        line.push_str(text(lang, Msg::SumNoShiftThisTime));
    }
    line
}

fn plan_lines(
    lang: Lang,
    records: Records<'_>,
    span: Span,
    own_words: bool,
    out: &mut Vec<(LocalDay, i64, String, bool)>,
) {
    // A plan ended by a fresh start can share a day with the new one: its days are named as
    // an earlier plan's, so "day 14" and "day 1" on one date don't read as one plan.
    let now = crate::core::plan::current(records.plan).map(|p| p.id.as_str());
    for item in records.plan {
        let d = match item {
            // Where a plan began, so two plans in one period don't read as one.
            PlanItem::Plan(p) => {
                if span.contains(p.started) && !crate::core::plan::passed_over(records.plan, p) {
                    let line = fill(
                        text(lang, Msg::SumPlanBegan),
                        &[("days", &uint(u64::from(p.days)))],
                    );
                    out.push((p.started, i64::MIN, line, false));
                }
                continue;
            }
            PlanItem::Day(d) => d,
        };
        let Some(plan) = records.plan.iter().find_map(|i| match i {
            PlanItem::Plan(p) if p.id == d.plan => Some(p),
            _ => None,
        }) else {
            continue;
        };
        let day = plan.started.plus(i32::from(d.index));
        if !span.contains(day) {
            continue;
        }
        let cues: Vec<String> = PlanCue::ALL
            .iter()
            .filter(|c| d.done & c.bit() != 0)
            .map(|c| after_colon(lang, text(lang, c.name())))
            .vec();
        // A note held back with the visitor's words still says the day had one: writing a
        // line may have been the day's whole practice.
        let note = d.note.as_deref();
        if cues.is_empty() && note.is_none() {
            continue;
        }
        let mut line = fill(
            text(
                lang,
                if now == Some(plan.id.as_str()) {
                    Msg::SumPlanDay
                } else {
                    Msg::SumEarlierPlanDay
                },
            ),
            &[("n", &uint(u64::from(d.index) + 1))],
        );
        if !cues.is_empty() {
            line.push_str(text(lang, Msg::LabelSep));
            line.push_str(&cues.joined(text(lang, Msg::ListSep)));
        }
        if let Some(n) = note {
            line.push_str(" · ");
            if own_words {
                line.push_str(&quoted(lang, n));
            } else {
                line.push_str(text(lang, Msg::SumOwnNote));
            }
        }
        // Plan days have no time of their own: after the day's other practices.
        out.push((day, i64::MAX, line, true));
    }
}

/// The summary's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryConfig {
    /// The period chosen when it opens (`period="7"`, `14`, `30` or `plan`); the visitor can
    /// choose another.
    pub period: Period,
}

/// Reads the summary's own option: `period`.
pub fn parse(raw: &RawOptions) -> Result<SummaryConfig, OptionError> {
    let period = one_of(
        raw,
        "period",
        &["7", "14", "30", "plan"],
        &[
            Period::Days(7),
            Period::Days(14),
            Period::Days(30),
            Period::Plan,
        ],
        Period::Days(14),
    )?;
    Ok(SummaryConfig { period })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::days::MS_PER_DAY;
    use crate::core::plan::PlanDay;
    use crate::core::pleasure::Status;

    const TODAY: LocalDay = LocalDay(20_780); // 2026-11-23

    fn at(day: LocalDay, hour: i64) -> i64 {
        i64::from(day.0) * MS_PER_DAY + hour * 3_600_000
    }

    fn session(id: &str, widget: &str, day: LocalDay, hour: i64) -> SessionRecord {
        SessionRecord {
            id: id.into(),
            widget: widget.into(),
            at: at(day, hour),
            day,
            updated_at: at(day, hour),
            completed: true,
            rating: None,
            counts: Vec::new(),
            tags: Vec::new(),
            point: None,
            words: Vec::new(),
        }
    }

    fn pleasure(id: &str, day: LocalDay, act: &str, text: Option<&str>) -> PleasureEntry {
        PleasureEntry {
            id: id.into(),
            at: at(day, 12),
            day,
            updated_at: at(day, 12),
            act: act.into(),
            text: text.map(str::to_string),
            shift: Some(3),
            signals: 1 | 16,
            status: Status::Logged,
        }
    }

    fn records<'a>(
        sessions: &'a [SessionRecord],
        pleasure: &'a [PleasureEntry],
        plan: &'a [PlanItem],
    ) -> Records<'a> {
        Records {
            sessions,
            pleasure,
            plan,
        }
    }

    fn fortnight() -> Span {
        span(Period::Days(14), TODAY, None).expect("a span")
    }

    #[test]
    fn check_ins_alone_are_no_practice_and_every_kind_means_all_five() {
        let all = Include::default();
        assert!(all.any_practice() && all.every_kind());
        let check_ins = Include {
            breathing: false,
            scans: false,
            pleasure: false,
            plan: false,
            ..all
        };
        assert!(!check_ins.any_practice() && !check_ins.every_kind());
        let no_plan = Include { plan: false, ..all };
        assert!(no_plan.any_practice() && !no_plan.every_kind());
    }

    #[test]
    fn an_empty_history_is_an_empty_page_of_quiet_days() {
        let s = build(
            Lang::En,
            records(&[], &[], &[]),
            fortnight(),
            Include::default(),
        );
        assert!(s.days.is_empty());
        assert_eq!(s.chart.len(), 14);
        assert!(s.chart.iter().all(|d| !d.practised && d.shift.is_none()));
        assert!(s.signals.is_empty());
        assert_eq!(s.practice_days(), 0);
    }

    #[test]
    fn a_line_s_label_takes_the_language_s_own_colon() {
        let file =
            crate::core::locale::read_object(include_str!("../../locales/fr.json")).expect("reads");
        Lang::Fr.loaded(&file);
        let mut b = session("b", "breathing", TODAY, 9);
        b.tags = vec!["pattern:4-7-8".into()];
        let mut c = session("c", "check-in", TODAY, 7);
        c.point = Some(0);
        let sessions = [b, c];
        let s = build(
            Lang::Fr,
            records(&sessions, &[], &[]),
            fortnight(),
            Include::default(),
        );
        let lines = s.days.first().map(|d| d.lines.clone()).unwrap_or_default();
        assert_eq!(
            lines,
            [
                "Où j’en étais\u{a0}: tout semble éteint, engourdi",
                "Respiration\u{a0}: respiration 4\u{2011}7\u{2011}8",
            ]
        );
    }

    #[test]
    fn a_scan_left_mid_way_says_so_after_what_was_noticed() {
        let mut g = session("g", "grounding", TODAY, 8);
        g.completed = false;
        g.tags = vec![
            "see:noticed".into(),
            "touch:noticed".into(),
            "hear:open".into(),
        ];
        let s = build(
            Lang::En,
            records(&[g], &[], &[]),
            fortnight(),
            Include::default(),
        );
        assert_eq!(
            s.days[0].lines,
            ["5\u{2011}4\u{2011}3\u{2011}2\u{2011}1 exercise · noticed: sight, touch · stopped before the end"]
        );
    }

    #[test]
    fn a_small_pleasure_is_named_without_its_examples() {
        let mut scent = pleasure("p", TODAY, "scent", None);
        scent.shift = Some(2);
        scent.signals = 0;
        let p = [scent];
        let s = build(
            Lang::En,
            records(&[], &p, &[]),
            fortnight(),
            Include::default(),
        );
        assert_eq!(
            s.days[0].lines,
            ["Tried a small pleasure: A familiar scent · a shift of 2 out of 10"]
        );
    }

    #[test]
    fn a_day_of_check_ins_alone_is_no_practice_and_a_try_that_shifted_nothing_is_said() {
        let mut c = session("c", "check-in", TODAY.plus(-1), 9);
        c.point = Some(0);
        let mut warm = pleasure("p", TODAY, "warm-drink", None);
        warm.shift = Some(0);
        warm.signals = 0;
        let sessions = [c];
        let p = [warm];
        let s = build(
            Lang::En,
            records(&sessions, &p, &[]),
            fortnight(),
            Include::default(),
        );
        let practised = s.chart.iter().filter(|d| d.practised).map(|d| d.day).vec();
        assert_eq!(
            practised,
            [TODAY],
            "the check-in's day is listed, not counted as practice"
        );
        assert_eq!(s.days.len(), 2);
        assert_eq!(
            s.days[1].lines,
            ["Tried a small pleasure: A warm drink · nothing shifted this time"]
        );
    }

    #[test]
    fn one_day_lists_each_practice_in_time_order_in_words() {
        let mut b = session("b", "breathing", TODAY, 9);
        b.tags = vec!["pattern:4-7-8".into()];
        b.counts = vec![4];
        b.rating = Some(6);
        let mut g = session("g", "grounding", TODAY, 8);
        g.tags = vec![
            "see:noticed".into(),
            "touch:skipped".into(),
            "hear:noticed".into(),
            "smell:nothing-right-now".into(),
            "taste:noticed".into(),
        ];
        g.words = vec!["the blue mug".into()];
        let mut c = session("c", "check-in", TODAY, 7);
        c.point = Some(0);
        let mut scan = session("s", "body-scan", TODAY, 10);
        scan.tags = vec![
            "chest:warmth".into(),
            "chest:intensity:6".into(),
            "jaw:tension".into(),
        ];
        let p = [pleasure("p", TODAY, OWN, Some("tea in the garden"))];
        // A scan where nothing in particular was noticed is still a scan taken, not a title.
        let mut warm = session("w", "temperature", TODAY, 11);
        warm.tags = vec!["skin:intensity:2".into()];
        let sessions = [b, g, c, scan, warm];
        let s = build(
            Lang::En,
            records(&sessions, &p, &[]),
            fortnight(),
            Include::default(),
        );
        assert_eq!(s.days.len(), 1);
        assert_eq!(
            s.days[0].lines,
            [
                "Check-in: Shut down and numb",
                "5\u{2011}4\u{2011}3\u{2011}2\u{2011}1 exercise · noticed: sight, hearing, taste · nothing at the time: smell",
                "Breathing: 4\u{2011}7\u{2011}8 breathing · 4\u{a0}breaths · at ease afterwards: 6 out of 10",
                "Body scan, head to toe · Chest (warmth) · Jaw (tension)",
                "Warm or cool · nothing in particular noticed",
                "Tried a small pleasure: something of my own · a shift of 3 out of 10 · My shoulders dropped · A smile",
            ]
        );
        assert!(
            !format!("{s:?}").contains("tea in the garden"),
            "own words left out"
        );
        assert!(!format!("{s:?}").contains("blue mug"), "own words left out");
        assert_eq!(
            s.signals,
            [(Msg::SignalShoulders, 1), (Msg::SignalSmile, 1)]
        );
        assert_eq!(
            s.chart.last().map(|d| (d.practised, d.shift, d.shifted)),
            Some((true, Some(3), true))
        );

        let with_words = Include {
            own_words: true,
            ..Include::default()
        };
        let s = build(
            Lang::En,
            records(&sessions, &p, &[]),
            fortnight(),
            with_words,
        );
        let all = s.days[0].lines.join("\n");
        assert!(
            all.contains("Tried a small pleasure: tea in the garden"),
            "{all}"
        );
        assert!(
            all.contains(
                "noticed: sight, hearing, taste (the blue mug) · nothing at the time: smell"
            ),
            "the words sit with the senses that noticed something: {all}"
        );
        // Words that turn the text's direction (from an imported file) turn nothing on the
        // sheet: "a shift of 3 out of 10" stays as it is after them.
        let p = [pleasure("p", TODAY, OWN, Some("\u{202E}tea in the garden"))];
        let s = build(Lang::En, records(&[], &p, &[]), fortnight(), with_words);
        assert_eq!(
            s.days[0].lines[0],
            "Tried a small pleasure: tea in the garden · a shift of 3 out of 10 · My shoulders dropped · A smile"
        );
        // Words of the other direction take their own, between an isolate and its end.
        let p = [pleasure("p", TODAY, OWN, Some("كوب شاي!"))];
        let s = build(Lang::En, records(&[], &p, &[]), fortnight(), with_words);
        assert!(
            s.days[0].lines[0].starts_with("Tried a small pleasure: \u{2068}كوب شاي!\u{2069} · "),
            "{}",
            s.days[0].lines[0]
        );
    }

    #[test]
    fn what_is_left_out_is_not_read_and_other_periods_stay_out() {
        let old = session("o", "breathing", TODAY.plus(-14), 9);
        let recent = session("r", "breathing", TODAY.plus(-13), 9);
        let gap = session("g", "check-in", TODAY.plus(-3), 9);
        let sessions = [old, recent, gap];
        let s = build(
            Lang::En,
            records(&sessions, &[], &[]),
            fortnight(),
            Include::default(),
        );
        assert_eq!(
            s.days.iter().map(|d| d.day).collect::<Vec<_>>(),
            [TODAY.plus(-13)],
            "the 14th day back is outside; a check-in without a point says nothing"
        );
        let none = Include {
            breathing: false,
            ..Include::default()
        };
        assert!(
            build(Lang::En, records(&sessions, &[], &[]), fortnight(), none)
                .days
                .is_empty()
        );
        let week = span(Period::Days(7), TODAY, None).expect("span");
        assert!(build(
            Lang::En,
            records(&sessions, &[], &[]),
            week,
            Include::default()
        )
        .days
        .is_empty());
        // Picks and deleted entries are not practice.
        let mut picked = pleasure("a", TODAY, "walk", None);
        picked.status = Status::Picked;
        let gone = pleasure("b", TODAY, "song", None).tombstone(at(TODAY, 13));
        let s = build(
            Lang::En,
            records(&[], &[picked, gone], &[]),
            fortnight(),
            Include::default(),
        );
        assert!(s.days.is_empty() && s.signals.is_empty());
    }

    #[test]
    fn the_local_day_a_record_was_kept_on_decides_its_day() {
        // Kept at 23:30 on the evening of the 22nd somewhere west of UTC: its time stamp is
        // already the 23rd in UTC, but it belongs to the evening it happened on.
        let mut late = session("l", "breathing", TODAY.plus(-1), 0);
        late.at = at(TODAY, 4);
        late.updated_at = late.at;
        let s = build(
            Lang::En,
            records(&[late], &[], &[]),
            fortnight(),
            Include::default(),
        );
        assert_eq!(s.days.first().map(|d| d.day), Some(TODAY.plus(-1)));
    }

    #[test]
    fn the_plan_period_follows_the_plan_and_its_days() {
        let plan = PlanRecord {
            id: "plan-1".into(),
            started: TODAY.plus(-4),
            days: 14,
            ended: None,
            updated_at: at(TODAY.plus(-4), 9),
        };
        let day = |index: u8, done: u8, note: Option<&str>| {
            PlanItem::Day(PlanDay {
                id: crate::core::plan::day_id("plan-1", index),
                plan: "plan-1".into(),
                index,
                done,
                note: note.map(str::to_string),
                updated_at: at(TODAY, 9),
            })
        };
        let items = vec![
            PlanItem::Plan(plan.clone()),
            day(0, 0b0101, Some("the kettle")),
            day(2, 0, Some("only a note")),
        ];
        let sp = span(Period::Plan, TODAY, Some(&plan)).expect("a plan span");
        assert_eq!((sp.start, sp.end, sp.len()), (TODAY.plus(-4), TODAY, 5));
        let s = build(Lang::En, records(&[], &[], &items), sp, Include::default());
        assert_eq!(
            s.days.len(),
            2,
            "a day with only a note is a day of practice, its words left out"
        );
        assert_eq!(
            s.days[0].lines,
            [
                "Started a plan of 14 days",
                "Plan, day 1: Body, Connection · a note of my own"
            ]
        );
        assert_eq!(s.days[1].lines, ["Plan, day 3 · a note of my own"]);
        assert!(
            !format!("{s:?}").contains("only a note"),
            "own words left out"
        );
        let words = Include {
            own_words: true,
            ..Include::default()
        };
        let s = build(Lang::En, records(&[], &[], &items), sp, words);
        assert_eq!(s.days[1].lines, ["Plan, day 3 · “only a note”"]);
        assert_eq!(
            s.days[0].lines,
            [
                "Started a plan of 14 days",
                "Plan, day 1: Body, Connection · “the kettle”"
            ]
        );
        // Each language quotes the visitor's words in its own marks.
        let file =
            crate::core::locale::read_object(include_str!("../../locales/fr.json")).expect("reads");
        Lang::Fr.loaded(&file);
        let fr = build(Lang::Fr, records(&[], &[], &items), sp, words);
        let line = fr.days[1].lines.concat();
        assert!(line.ends_with(" · «\u{a0}only a note\u{a0}»"), "{line}");
        assert_eq!(span(Period::Plan, TODAY, None), None);
        let later = PlanRecord {
            started: TODAY.plus(2),
            ..plan.clone()
        };
        assert_eq!(span(Period::Plan, TODAY, Some(&later)), None);
        let long_done = PlanRecord {
            started: TODAY.plus(-100),
            days: 28,
            ..plan
        };
        let sp = span(Period::Plan, TODAY, Some(&long_done)).expect("an ended plan");
        assert_eq!((sp.start, sp.len()), (TODAY.plus(-100), 28));
    }

    #[test]
    fn a_day_of_a_plan_ended_by_a_fresh_start_is_named_as_an_earlier_plan() {
        let plan = |id: &str, started: LocalDay, ended: Option<LocalDay>| {
            PlanItem::Plan(PlanRecord {
                id: id.into(),
                started,
                days: 14,
                ended,
                updated_at: at(TODAY, 9),
            })
        };
        let day = |plan: &str, index: u8| {
            PlanItem::Day(PlanDay {
                id: crate::core::plan::day_id(plan, index),
                plan: plan.into(),
                index,
                done: 0b0001,
                note: None,
                updated_at: at(TODAY, 9),
            })
        };
        let items = vec![
            plan("old", TODAY.plus(-13), Some(TODAY)),
            day("old", 13),
            plan("new", TODAY, None),
            day("new", 0),
        ];
        let s = build(
            Lang::En,
            records(&[], &[], &items),
            fortnight(),
            Include::default(),
        );
        let mut lines = s.days.last().expect("today").lines.clone();
        lines.sort();
        assert_eq!(
            lines,
            [
                "Earlier plan, day 14: Body",
                "Plan, day 1: Body",
                "Started a plan of 14 days"
            ]
        );
        // Each plan's start is marked on its day, so two plans don't read as one, and starting
        // one is not counted as practice.
        assert_eq!(s.days.len(), 2);
        assert_eq!(s.days[0].day, TODAY.plus(-13));
        assert_eq!(s.days[0].lines, ["Started a plan of 14 days"]);
        let started = s.chart.iter().find(|c| c.day == TODAY.plus(-13));
        assert_eq!(started.map(|c| c.practised), Some(false));

        // One started afresh the day it began, with nothing in it ("Start afresh" answered in
        // two tabs), is not a start of its own.
        let mut items = items;
        items.push(plan("passed", TODAY, Some(TODAY)));
        let s = build(
            Lang::En,
            records(&[], &[], &items),
            fortnight(),
            Include::default(),
        );
        let today = s.days.last().expect("today").lines.clone();
        assert_eq!(today.iter().filter(|l| l.starts_with("Started")).count(), 1);
    }

    #[test]
    fn periods_read_and_write_their_option_values() {
        for p in Period::ALL {
            assert_eq!(Period::parse(&p.id()), Some(p));
        }
        assert_eq!(Period::parse("365"), None);
        assert_eq!(period_label(Lang::En, Period::Days(14)), "Last 14 days");
    }
}
