//! Breathing patterns, the session schedule, and the pacer's state machine.
//!
//! A pattern is a short list of [`Segment`]s (inhale, holds, exhale). A [`Schedule`] lays the
//! breaths of one session out on a time line, and [`BreathingSession::tick`] answers "what is
//! happening now" as a pure function of the elapsed active time. There are no chained timers, so
//! the answer is right at any instant, also after a hidden tab, a frozen machine or a jittery
//! frame clock.
//!
//! The pacer's options (`pattern`, `minutes`, `sound`, ...) are read here too, by [`parse`] into
//! a [`BreathingConfig`], and so are the words for its cues and patterns ([`cue_text`],
//! [`pattern_label`]).

use crate::prelude::*;

use super::i18n::{self, fill, ltr, text, Lang, Msg};
pub use super::num::push_secs;
use super::num::{parse_decimal, within};
use super::options::{bad, number, on_off, one_of, Expected, OptionError, RawOptions};

/// The four phases of a breath, as reflected in the host's `data-phase` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Breathing in: the shape grows.
    Inhale,
    /// Holding with full lungs: the shape rests large.
    HoldIn,
    /// Breathing out: the shape shrinks.
    Exhale,
    /// Resting with empty lungs: the shape rests small.
    HoldOut,
}

impl Phase {
    /// The attribute value (`data-phase`) and event name for this phase.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Inhale => "inhale",
            Phase::HoldIn => "hold-in",
            Phase::Exhale => "exhale",
            Phase::HoldOut => "hold-out",
        }
    }
}

/// What the pacer says during a segment. Differs from [`Phase`] only for the sigh's second,
/// shorter inhale ("a little more"), which is still an inhale to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// "Breathe in".
    In,
    /// "A little more": the sigh's top-up inhale.
    TopUp,
    /// "Hold" with full lungs.
    HoldIn,
    /// "Breathe out".
    Out,
    /// "Rest" with empty lungs.
    HoldOut,
}

/// One timed part of a breath.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// The phase the page sees.
    pub phase: Phase,
    /// The words the visitor hears and reads.
    pub cue: Cue,
    /// Length in seconds; zero-length segments are skipped.
    pub secs: f64,
    /// How full the shape is at the end of this segment, 0 (small) to 1 (large).
    pub level_to: f64,
}

/// The named patterns, plus `Custom` for `in-holdIn-out-holdOut` given in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PatternKind {
    /// Box breathing, 4-4-4-4.
    Box,
    /// 4-7-8: in for 4, hold for 7, out for 8.
    FourSevenEight,
    /// Resonance breathing: equal in and out at `bpm` breaths a minute (default 5.5).
    Resonance {
        /// Breaths per minute, 3 to 10.
        bpm: f64,
    },
    /// A longer exhale than inhale, 4-0-6-0.
    ExtendedExhale,
    /// The physiological sigh: a long inhale, a short top-up, a long exhale.
    Sigh,
    /// Any `in-holdIn-out-holdOut` in seconds.
    Custom,
}

/// Breaths per minute of `resonance` when no `bpm` is given.
pub const DEFAULT_BPM: f64 = 5.5;
/// The `bpm` range accepted for `resonance`.
pub const BPM_RANGE: (f64, f64) = (3.0, 10.0);
/// The longest any one segment of a custom pattern may last, in seconds.
pub const MAX_SEGMENT_SECS: f64 = 60.0;

/// A breathing pattern: what one breath looks like.
#[derive(Debug, Clone, PartialEq)]
pub struct BreathPattern {
    /// Which pattern this is.
    pub kind: PatternKind,
    /// The segments of one breath, in order. Zero-length ones are kept (custom patterns name four
    /// numbers) and skipped by the schedule.
    pub segments: Vec<Segment>,
}

fn seg(phase: Phase, cue: Cue, secs: f64, level_to: f64) -> Segment {
    Segment {
        phase,
        cue,
        secs,
        level_to,
    }
}

impl BreathPattern {
    /// A four-part pattern: in, hold, out, hold, in seconds.
    pub fn four_part(
        kind: PatternKind,
        inhale: f64,
        hold_in: f64,
        exhale: f64,
        hold_out: f64,
    ) -> Self {
        BreathPattern {
            kind,
            segments: vec![
                seg(Phase::Inhale, Cue::In, inhale, 1.0),
                seg(Phase::HoldIn, Cue::HoldIn, hold_in, 1.0),
                seg(Phase::Exhale, Cue::Out, exhale, 0.0),
                seg(Phase::HoldOut, Cue::HoldOut, hold_out, 0.0),
            ],
        }
    }

    /// Box breathing: 4 in, 4 hold, 4 out, 4 rest.
    pub fn box_breathing() -> Self {
        Self::four_part(PatternKind::Box, 4.0, 4.0, 4.0, 4.0)
    }

    /// 4-7-8: 4 in, 7 hold, 8 out.
    pub fn four_seven_eight() -> Self {
        Self::four_part(PatternKind::FourSevenEight, 4.0, 7.0, 8.0, 0.0)
    }

    /// Resonance: equal in and out, `bpm` breaths a minute (clamped to [`BPM_RANGE`]).
    pub fn resonance(bpm: f64) -> Self {
        let bpm = if bpm.is_finite() {
            within(bpm, BPM_RANGE.0, BPM_RANGE.1)
        } else {
            DEFAULT_BPM
        };
        let half = 30.0 / bpm;
        Self::four_part(PatternKind::Resonance { bpm }, half, 0.0, half, 0.0)
    }

    /// A longer exhale: 4 in, 6 out.
    pub fn extended_exhale() -> Self {
        Self::four_part(PatternKind::ExtendedExhale, 4.0, 0.0, 6.0, 0.0)
    }

    /// The physiological sigh: a long inhale to most of the way, a short top-up, a long
    /// unhurried exhale, and a short rest.
    pub fn sigh() -> Self {
        BreathPattern {
            kind: PatternKind::Sigh,
            segments: vec![
                seg(Phase::Inhale, Cue::In, 2.5, 0.8),
                seg(Phase::Inhale, Cue::TopUp, 1.0, 1.0),
                seg(Phase::Exhale, Cue::Out, 6.0, 0.0),
                seg(Phase::HoldOut, Cue::HoldOut, 1.5, 0.0),
            ],
        }
    }

    /// Parses `in-holdIn-out-holdOut` in seconds (`4-2-6-0`, `3.5-0-5.5-0`). The inhale and the
    /// exhale must be longer than zero, holds may be zero, and no part may exceed
    /// [`MAX_SEGMENT_SECS`].
    pub fn custom(text: &str) -> Option<Self> {
        let mut parts = [0.0f64; 4];
        let mut count = 0;
        for piece in text.trim().split('-') {
            let piece = piece.trim();
            if piece.len() > 8 || count >= 4 {
                return None;
            }
            // To a tenth of a second, as the pattern's label shows it: what runs is what it says
            // (4.25 showed as 4.3 and ran as 4.25).
            let value = super::num::round(parse_decimal(piece)? * 10.0) / 10.0;
            if !(0.0..=MAX_SEGMENT_SECS).contains(&value) {
                return None;
            }
            if let Some(slot) = parts.get_mut(count) {
                *slot = value;
            }
            count += 1;
        }
        let [inhale, hold_in, exhale, hold_out] = parts;
        if count != 4 || inhale < 0.5 || exhale < 0.5 {
            return None;
        }
        Some(Self::four_part(
            PatternKind::Custom,
            inhale,
            hold_in,
            exhale,
            hold_out,
        ))
    }

    /// Seconds of one breath.
    pub fn cycle_secs(&self) -> f64 {
        self.segments.iter().map(|s| s.secs).sum()
    }

    /// The pattern as numbers, `4-7-8-0` or `2.5+1-6-1.5` for the sigh; used in event details
    /// and summaries.
    pub fn timing_label(&self) -> String {
        self.timing(None)
    }

    /// The same with `lang`'s decimals when given (`2,5+1-6-1,5` in French), as a visitor
    /// reads it beside "5,5 breaths a minute".
    fn timing(&self, lang: Option<Lang>) -> String {
        let mut out = String::new();
        let mut prev: Option<Phase> = None;
        for s in &self.segments {
            if prev.is_some() {
                out.push(if prev == Some(s.phase) { '+' } else { '-' });
            }
            match lang {
                Some(lang) => out.push_str(&i18n::number(lang, s.secs)),
                None => push_secs(&mut out, s.secs),
            }
            prev = Some(s.phase);
        }
        out
    }

    /// The stable id of the pattern for events: `box`, `4-7-8`, `resonance`, `extended-exhale`,
    /// `sigh` or `custom`.
    pub fn id(&self) -> &'static str {
        match self.kind {
            PatternKind::Box => "box",
            PatternKind::FourSevenEight => "4-7-8",
            PatternKind::Resonance { .. } => "resonance",
            PatternKind::ExtendedExhale => "extended-exhale",
            PatternKind::Sigh => "sigh",
            PatternKind::Custom => "custom",
        }
    }
}

/// How long a session lasts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    /// About this many minutes, rounded to the nearest whole breath.
    Minutes(f64),
    /// Exactly this many breaths.
    Breaths(u32),
}

/// The shortest and longest `minutes` accepted.
pub const MINUTES_RANGE: (f64, f64) = (0.5, 120.0);
/// The most `breaths` accepted.
pub const MAX_BREATHS: u32 = 1000;

/// The breathing part of a widget's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct BreathingPlan {
    /// The pattern to follow.
    pub pattern: BreathPattern,
    /// The session length.
    pub length: Length,
    /// Start easy and lengthen the exhale (and holds) gently towards the pattern.
    pub ramp: bool,
}

/// A session laid out on a time line, in milliseconds of active (unpaused) time.
///
/// With `ramp`, the first breaths start easy (no holds, exhale no longer than the inhale) and
/// grow linearly to the target over the first two thirds of the session; the rest follow the
/// target. The ramped breaths' start times are precomputed so any instant is found by a binary
/// search, and the steady part by arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    easy: Vec<f64>,
    target: Vec<f64>,
    segments: Vec<Segment>,
    ramp_breaths: u32,
    /// Start of breath k for k in 0..=ramp_breaths.
    ramp_starts: Vec<f64>,
    steady_cycle_ms: f64,
    total_breaths: u32,
}

/// Where in a session an instant falls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    /// Zero-based breath index.
    pub breath: u32,
    /// Index of the segment within the breath.
    pub segment: usize,
    /// The segment's phase.
    pub phase: Phase,
    /// The segment's words.
    pub cue: Cue,
    /// Milliseconds since this segment began.
    pub into_ms: f64,
    /// The segment's length in milliseconds.
    pub len_ms: f64,
    /// How full the shape is, 0 to 1, eased.
    pub level: f64,
    /// True once the session's last breath has ended.
    pub done: bool,
}

impl Schedule {
    /// Lays out a session for a plan.
    pub fn new(plan: &BreathingPlan) -> Self {
        let segments = plan.pattern.segments.clone();
        let mut target: Vec<f64> = segments.iter().map(|s| s.secs * 1000.0).vec();
        let mut easy = target.clone();
        let inhale_ms: f64 = segments
            .iter()
            .zip(&target)
            .filter(|(s, _)| s.phase == Phase::Inhale)
            .map(|(_, ms)| *ms)
            .sum();
        let exhale_ms: f64 = segments
            .iter()
            .zip(&target)
            .filter(|(s, _)| s.phase == Phase::Exhale)
            .map(|(_, ms)| *ms)
            .sum();
        if plan.ramp {
            // The target always has a longer exhale than inhale; the start has none.
            let grow = if exhale_ms < inhale_ms * 1.5 && exhale_ms > 0.0 {
                (inhale_ms * 1.5) / exhale_ms
            } else {
                1.0
            };
            let shrink = if exhale_ms > inhale_ms && exhale_ms > 0.0 {
                inhale_ms / exhale_ms
            } else {
                1.0
            };
            for ((s, t), e) in segments.iter().zip(target.iter_mut()).zip(easy.iter_mut()) {
                match s.phase {
                    Phase::Exhale => {
                        *t *= grow;
                        *e *= shrink;
                    }
                    Phase::HoldIn | Phase::HoldOut => *e = 0.0,
                    Phase::Inhale => {}
                }
            }
        }
        let steady_cycle_ms: f64 = target.iter().sum::<f64>().max(1.0);
        let mut schedule = Schedule {
            easy,
            target,
            segments,
            ramp_breaths: 0,
            ramp_starts: vec![0.0],
            steady_cycle_ms,
            total_breaths: 1,
        };
        let estimate = match plan.length {
            Length::Breaths(n) => n.clamp(1, MAX_BREATHS),
            Length::Minutes(m) => {
                let ms = within(m, MINUTES_RANGE.0, MINUTES_RANGE.1) * 60_000.0;
                (super::num::round(ms / steady_cycle_ms) as u32).clamp(1, MAX_BREATHS * 10)
            }
        };
        if plan.ramp {
            schedule.ramp_breaths =
                (super::num::round(f64::from(estimate) * 2.0 / 3.0) as u32).max(1);
            let mut t = 0.0;
            schedule.ramp_starts.clear();
            for k in 0..=schedule.ramp_breaths {
                schedule.ramp_starts.push(t);
                t += schedule.breath_len_ms(k);
            }
        }
        schedule.total_breaths = match plan.length {
            Length::Breaths(n) => n.clamp(1, MAX_BREATHS),
            Length::Minutes(m) => {
                let goal = within(m, MINUTES_RANGE.0, MINUTES_RANGE.1) * 60_000.0;
                let k = schedule.breath_index_at(goal);
                let before = (goal - schedule.breath_start_ms(k)).abs();
                let after = (schedule.breath_start_ms(k + 1) - goal).abs();
                (if after < before { k + 1 } else { k }).max(1)
            }
        };
        schedule
    }

    /// Fraction of the way from the easy breath to the target breath for breath `k`.
    fn ramp_fraction(&self, k: u32) -> f64 {
        if self.ramp_breaths == 0 {
            1.0
        } else {
            (f64::from(k) / f64::from(self.ramp_breaths)).min(1.0)
        }
    }

    /// Length of segment `i` of breath `k`, in ms.
    fn segment_ms(&self, k: u32, i: usize) -> f64 {
        let f = self.ramp_fraction(k);
        let easy = self.easy.get(i).copied().unwrap_or(0.0);
        let target = self.target.get(i).copied().unwrap_or(0.0);
        easy + (target - easy) * f
    }

    fn breath_len_ms(&self, k: u32) -> f64 {
        (0..self.segments.len())
            .map(|i| self.segment_ms(k, i))
            .sum::<f64>()
            .max(1.0)
    }

    /// When breath `k` starts, in ms of active time.
    pub fn breath_start_ms(&self, k: u32) -> f64 {
        let last = self.ramp_breaths;
        match self.ramp_starts.get(k as usize) {
            Some(t) if k <= last => *t,
            _ => {
                let ramp_end = self.ramp_starts.last().copied().unwrap_or(0.0);
                ramp_end + f64::from(k.saturating_sub(last)) * self.steady_cycle_ms
            }
        }
    }

    /// The breath under way at `t` ms (breaths past the end included).
    fn breath_index_at(&self, t: f64) -> u32 {
        let t = if t.is_finite() { t.max(0.0) } else { 0.0 };
        let ramp_end = self.ramp_starts.last().copied().unwrap_or(0.0);
        if t < ramp_end {
            // Largest k with ramp_starts[k] <= t.
            let idx = self.ramp_starts.partition_point(|s| *s <= t);
            return idx.saturating_sub(1) as u32;
        }
        let steady = super::num::floor((t - ramp_end) / self.steady_cycle_ms);
        let steady = if steady.is_finite() {
            steady.min(f64::from(u32::MAX / 2))
        } else {
            0.0
        };
        self.ramp_breaths.saturating_add(steady as u32)
    }

    /// Number of breaths in the session.
    pub fn total_breaths(&self) -> u32 {
        self.total_breaths
    }

    /// Length of the whole session in ms of active time.
    pub fn total_ms(&self) -> f64 {
        self.breath_start_ms(self.total_breaths)
    }

    /// What is happening `t` ms into the session (active time). Pure: the same `t` always gives
    /// the same answer, whatever was asked before.
    pub fn at(&self, t: f64) -> Moment {
        let t = if t.is_finite() { t.max(0.0) } else { 0.0 };
        if t >= self.total_ms() {
            let (phase, cue) = self.last_segment();
            return Moment {
                breath: self.total_breaths.saturating_sub(1),
                segment: self.segments.len().saturating_sub(1),
                phase,
                cue,
                into_ms: 0.0,
                len_ms: 0.0,
                level: 0.0,
                done: true,
            };
        }
        let k = self
            .breath_index_at(t)
            .min(self.total_breaths.saturating_sub(1));
        let mut seg_start = self.breath_start_ms(k);
        let mut level_from = 0.0;
        let mut found = None;
        for (i, s) in self.segments.iter().enumerate() {
            let len = self.segment_ms(k, i);
            if len <= 0.0 {
                continue;
            }
            if t < seg_start + len {
                found = Some((i, s, len));
                break;
            }
            seg_start += len;
            level_from = s.level_to;
        }
        // Rounding can leave `t` a hair past the last segment: count it as the last one.
        let (i, s, len) = match found {
            Some(x) => x,
            None => match self.last_nonzero(k) {
                Some((i, s, len)) => {
                    seg_start = t;
                    level_from = s.level_to;
                    (i, s, len)
                }
                None => return self.at(self.total_ms()),
            },
        };
        let into = within(t - seg_start, 0.0, len);
        let x = into / len;
        // Smoothstep: eases in and out like a breath, without pulling trigonometry into the wasm.
        let eased = x * x * (3.0 - 2.0 * x);
        let level = level_from + (s.level_to - level_from) * eased;
        Moment {
            breath: k,
            segment: i,
            phase: s.phase,
            cue: s.cue,
            into_ms: into,
            len_ms: len,
            level: within(level, 0.0, 1.0),
            done: false,
        }
    }

    fn last_nonzero(&self, k: u32) -> Option<(usize, &Segment, f64)> {
        self.segments
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s, self.segment_ms(k, i)))
            .rfind(|(_, _, len)| *len > 0.0)
    }

    fn last_segment(&self) -> (Phase, Cue) {
        self.segments
            .iter()
            .rev()
            .find(|s| s.secs > 0.0)
            .map(|s| (s.phase, s.cue))
            .unwrap_or((Phase::HoldOut, Cue::HoldOut))
    }

    /// The next instant, after `t`, at which a segment begins, if the session has one. Used to
    /// schedule sound cues ahead on the audio clock.
    pub fn next_boundary_ms(&self, t: f64) -> Option<f64> {
        let m = self.at(t);
        if m.done {
            return None;
        }
        let next = t - m.into_ms + m.len_ms;
        (next < self.total_ms()).then_some(next)
    }
}

/// Where the pacer is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Not started, or stopped.
    Idle,
    /// Breathing.
    Running,
    /// Paused: the time line stands still.
    Paused,
    /// The last breath has ended.
    Done,
}

impl SessionState {
    /// The host's `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Idle => "idle",
            SessionState::Running => "running",
            SessionState::Paused => "paused",
            SessionState::Done => "done",
        }
    }
}

/// What the pacer shows at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The session state after this tick.
    pub state: SessionState,
    /// Where in the schedule the session is.
    pub moment: Moment,
    /// Whole seconds left in this segment, for the countdown (at least 1 while it runs).
    pub seconds_left: u32,
    /// Share of the session behind us, 0 to 1.
    pub progress: f64,
    /// True when this tick entered a new segment (or a first one): announce it, once.
    pub entered_segment: bool,
    /// True when this tick is the one that ended the session.
    pub just_finished: bool,
    /// Active milliseconds so far.
    pub elapsed_ms: f64,
}

/// The breathing pacer's state machine. It reads no clock: every call is told the time.
///
/// Transitions:
/// - `Idle --start(now)--> Running`
/// - `Running --pause(now)--> Paused --resume(now)--> Running` (paused time does not count)
/// - `Running --tick(now) past the end--> Done`
/// - `any --stop()--> Idle`; `Done --start(now)--> Running` (again from the first breath)
///
/// Time never runs backwards: a tick with an earlier time than one already seen is read as the
/// latest time seen, so a jittery or non-monotonic clock cannot move the pacer back.
#[derive(Debug, Clone)]
pub struct BreathingSession {
    schedule: Schedule,
    state: SessionState,
    started_at: f64,
    paused_at: f64,
    paused_total: f64,
    latest: f64,
    last_segment: Option<(u32, usize)>,
}

impl BreathingSession {
    /// A session for a plan, idle.
    pub fn new(plan: &BreathingPlan) -> Self {
        BreathingSession {
            schedule: Schedule::new(plan),
            state: SessionState::Idle,
            started_at: 0.0,
            paused_at: 0.0,
            paused_total: 0.0,
            latest: f64::NEG_INFINITY,
            last_segment: None,
        }
    }

    /// The session's schedule.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The current state.
    pub fn state(&self) -> SessionState {
        self.state
    }

    fn clamp_now(&mut self, now: f64) -> f64 {
        let now = if now.is_finite() { now } else { self.latest };
        let now = if now.is_finite() {
            now.max(self.latest)
        } else {
            0.0
        };
        self.latest = now;
        now
    }

    /// Starts from the first breath (from idle or done); ignored while running or paused.
    pub fn start(&mut self, now: f64) {
        if matches!(self.state, SessionState::Idle | SessionState::Done) {
            let now = self.clamp_now(now);
            self.state = SessionState::Running;
            self.started_at = now;
            self.paused_total = 0.0;
            self.last_segment = None;
        }
    }

    /// Pauses a running session.
    pub fn pause(&mut self, now: f64) {
        if self.state == SessionState::Running {
            self.paused_at = self.clamp_now(now);
            self.state = SessionState::Paused;
        }
    }

    /// Resumes a paused session where it left off.
    pub fn resume(&mut self, now: f64) {
        if self.state == SessionState::Paused {
            let now = self.clamp_now(now);
            self.paused_total += now - self.paused_at;
            self.state = SessionState::Running;
            self.last_segment = None;
        }
    }

    /// Stops and returns to idle.
    pub fn stop(&mut self) {
        self.state = SessionState::Idle;
        self.last_segment = None;
    }

    /// Active milliseconds at `now`, not counting pauses.
    pub fn elapsed_ms(&self, now: f64) -> f64 {
        match self.state {
            SessionState::Idle => 0.0,
            SessionState::Done => self.schedule.total_ms(),
            SessionState::Paused => (self.paused_at - self.started_at - self.paused_total).max(0.0),
            SessionState::Running => (now - self.started_at - self.paused_total).max(0.0),
        }
    }

    /// Advances to `now` and says what to show.
    pub fn tick(&mut self, now: f64) -> Frame {
        let now = self.clamp_now(now);
        let elapsed = self.elapsed_ms(now);
        let moment = self.schedule.at(elapsed);
        let mut just_finished = false;
        if self.state == SessionState::Running && moment.done {
            self.state = SessionState::Done;
            just_finished = true;
        }
        let key = (moment.breath, moment.segment);
        let entered_segment = self.state == SessionState::Running && self.last_segment != Some(key);
        if self.state == SessionState::Running {
            self.last_segment = Some(key);
        }
        let left_ms = (moment.len_ms - moment.into_ms).max(0.0);
        let seconds_left = if moment.done {
            0
        } else {
            (super::num::ceil(left_ms / 1000.0) as u32).max(1)
        };
        let total = self.schedule.total_ms();
        let progress = if total > 0.0 {
            within(elapsed / total, 0.0, 1.0)
        } else {
            1.0
        };
        Frame {
            state: self.state,
            moment,
            seconds_left,
            progress,
            entered_segment,
            just_finished,
            elapsed_ms: elapsed.min(total),
        }
    }
}

/// The words for a cue.
pub fn cue_text(lang: Lang, cue: Cue) -> &'static str {
    text(
        lang,
        match cue {
            Cue::In => Msg::CueIn,
            Cue::TopUp => Msg::CueTopUp,
            Cue::HoldIn => Msg::CueHoldIn,
            Cue::Out => Msg::CueOut,
            Cue::HoldOut => Msg::CueHoldOut,
        },
    )
}

/// A pattern as a visitor reads it: "4-7-8 breathing · 4-7-8", "Slow, even breathing · 5.5
/// breaths a minute".
pub fn pattern_label(lang: Lang, pattern: &BreathPattern) -> String {
    let name = text(
        lang,
        match pattern.kind {
            PatternKind::Box => Msg::PatternBox,
            PatternKind::FourSevenEight => Msg::Pattern478,
            PatternKind::Resonance { .. } => Msg::PatternResonance,
            PatternKind::ExtendedExhale => Msg::PatternExtended,
            PatternKind::Sigh => Msg::PatternSigh,
            PatternKind::Custom => Msg::PatternCustom,
        },
    );
    let mut out = String::from(name);
    if pattern.kind == PatternKind::FourSevenEight {
        return out;
    }
    out.push_str(" · ");
    match pattern.kind {
        PatternKind::Resonance { bpm } => out.push_str(&fill(
            text(lang, Msg::BreathsPerMinute),
            &[("n", &i18n::number(lang, bpm))],
        )),
        _ => out.push_str(&ltr(lang, &pattern.timing(Some(lang)))),
    }
    out
}

/// Which sounds mark the phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sound {
    /// Silent (the default).
    Off,
    /// Soft Web Audio tones, a different one for in and out.
    Chime,
    /// The phase spoken by the browser's speech synthesis.
    Voice,
}

/// Whether the shape may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Follow `prefers-reduced-motion`.
    Auto,
    /// Never grow or shrink; brightness and words only.
    Reduced,
}

/// The breathing pacer's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct BreathingConfig {
    /// Pattern, length, ramp.
    pub plan: BreathingPlan,
    /// Sound cues.
    pub sound: Sound,
    /// Vibration cues where the device has them.
    pub vibrate: bool,
    /// Motion preference.
    pub motion: Motion,
    /// Offer the "how at ease is your body now?" question at the end.
    pub rating: bool,
}

/// How many breaths a 4-7-8 session lasts when neither `minutes` nor `breaths` is given.
pub const FOUR_SEVEN_EIGHT_BREATHS: u32 = 4;

/// Pattern names accepted by `pattern`, for messages.
pub const PATTERN_NAMES: &[&str] = &["box", "4-7-8", "resonance", "extended-exhale", "sigh"];

/// Reads the breathing pacer's own options: `pattern`, `bpm`, `minutes` or `breaths`, `ramp`,
/// `sound`, `vibrate`, `motion`, `rating`.
pub fn parse(raw: &RawOptions) -> Result<BreathingConfig, OptionError> {
    let bpm = number(raw, "bpm", BPM_RANGE.0, BPM_RANGE.1)?;
    let given = raw.value("pattern").unwrap_or("resonance");
    let pattern = match given.trim().to_ascii_lowercase().as_str() {
        "box" => BreathPattern::box_breathing(),
        "4-7-8" => BreathPattern::four_seven_eight(),
        "resonance" => BreathPattern::resonance(bpm.unwrap_or(DEFAULT_BPM)),
        "extended-exhale" => BreathPattern::extended_exhale(),
        "sigh" => BreathPattern::sigh(),
        other => BreathPattern::custom(other)
            .ok_or_else(|| bad("pattern", given, Expected::Pattern(PATTERN_NAMES)))?,
    };
    if bpm.is_some() && pattern.id() != "resonance" {
        return Err(OptionError::OnlyWith {
            option: "bpm",
            needs: "pattern=\"resonance\"",
        });
    }
    let minutes = number(raw, "minutes", MINUTES_RANGE.0, MINUTES_RANGE.1)?;
    let breaths = match raw.value("breaths") {
        None => None,
        Some(given) => match parse_decimal(given) {
            Some(v)
                if super::num::fract(v) == 0.0 && (1.0..=f64::from(MAX_BREATHS)).contains(&v) =>
            {
                Some(v as u32)
            }
            _ => {
                return Err(bad(
                    "breaths",
                    given,
                    Expected::Whole {
                        min: 1,
                        max: MAX_BREATHS,
                    },
                ))
            }
        },
    };
    let length = match (minutes, breaths) {
        (Some(_), Some(_)) => {
            return Err(OptionError::Conflict {
                first: "minutes",
                second: "breaths",
            })
        }
        (_, Some(b)) => Length::Breaths(b),
        // 4-7-8 is usually learnt four breaths at a time: a long hold is a lot to ask for
        // three minutes. Every other pattern: three minutes.
        (None, None) if pattern.id() == "4-7-8" => Length::Breaths(FOUR_SEVEN_EIGHT_BREATHS),
        (m, None) => Length::Minutes(m.unwrap_or(3.0)),
    };
    let ramp = on_off(raw, "ramp", false)?;
    let sound = one_of(
        raw,
        "sound",
        &["off", "chime", "voice"],
        &[Sound::Off, Sound::Chime, Sound::Voice],
        Sound::Off,
    )?;
    let vibrate = on_off(raw, "vibrate", false)?;
    let motion = one_of(
        raw,
        "motion",
        &["auto", "reduced"],
        &[Motion::Auto, Motion::Reduced],
        Motion::Auto,
    )?;
    let rating = on_off(raw, "rating", true)?;
    let mut plan = BreathingPlan {
        pattern,
        length,
        ramp,
    };
    // A session runs whole breaths. Minutes that come to one breath (a 4-minute breath asked
    // for half a minute) are that breath, named so, not minutes it won't keep.
    if Schedule::new(&plan).total_breaths() == 1 {
        plan.length = Length::Breaths(1);
    }
    Ok(BreathingConfig {
        plan,
        sound,
        vibrate,
        motion,
        rating,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(pattern: BreathPattern, length: Length, ramp: bool) -> BreathingPlan {
        BreathingPlan {
            pattern,
            length,
            ramp,
        }
    }

    fn phase_at(s: &Schedule, secs: f64) -> Phase {
        s.at(secs * 1000.0).phase
    }

    #[test]
    fn box_phases_at_boundaries() {
        let s = Schedule::new(&plan(
            BreathPattern::box_breathing(),
            Length::Minutes(3.0),
            false,
        ));
        assert_eq!(phase_at(&s, 0.0), Phase::Inhale);
        assert_eq!(phase_at(&s, 3.999), Phase::Inhale);
        assert_eq!(phase_at(&s, 4.0), Phase::HoldIn);
        assert_eq!(phase_at(&s, 8.0), Phase::Exhale);
        assert_eq!(phase_at(&s, 12.0), Phase::HoldOut);
        assert_eq!(phase_at(&s, 15.999), Phase::HoldOut);
        assert_eq!(phase_at(&s, 16.0), Phase::Inhale);
        assert_eq!(s.at(16_000.0).breath, 1);
        // 3 minutes of 16 s breaths: 11.25, nearest whole breath is 11.
        assert_eq!(s.total_breaths(), 11);
        assert!(s.at(11.0 * 16_000.0).done);
        assert!(!s.at(11.0 * 16_000.0 - 1.0).done);
    }

    #[test]
    fn four_seven_eight_skips_the_empty_rest() {
        let s = Schedule::new(&plan(
            BreathPattern::four_seven_eight(),
            Length::Breaths(4),
            false,
        ));
        assert_eq!(phase_at(&s, 3.9), Phase::Inhale);
        assert_eq!(phase_at(&s, 4.0), Phase::HoldIn);
        assert_eq!(phase_at(&s, 10.99), Phase::HoldIn);
        assert_eq!(phase_at(&s, 11.0), Phase::Exhale);
        assert_eq!(phase_at(&s, 18.99), Phase::Exhale);
        assert_eq!(phase_at(&s, 19.0), Phase::Inhale);
        assert_eq!(s.total_ms(), 4.0 * 19_000.0);
    }

    #[test]
    fn resonance_rate_follows_bpm() {
        let s = Schedule::new(&plan(
            BreathPattern::resonance(5.5),
            Length::Minutes(10.0),
            false,
        ));
        let half = 30_000.0 / 5.5;
        assert_eq!(s.at(half - 1.0).phase, Phase::Inhale);
        assert_eq!(s.at(half + 1.0).phase, Phase::Exhale);
        assert_eq!(s.total_breaths(), 55);
        let six = Schedule::new(&plan(
            BreathPattern::resonance(6.0),
            Length::Minutes(1.0),
            false,
        ));
        assert_eq!(six.at(4_999.0).phase, Phase::Inhale);
        assert_eq!(six.at(5_000.0).phase, Phase::Exhale);
        assert_eq!(six.total_breaths(), 6);
    }

    #[test]
    fn an_hour_in_the_phase_is_still_exact() {
        let s = Schedule::new(&plan(
            BreathPattern::box_breathing(),
            Length::Minutes(120.0),
            false,
        ));
        // 3600 s is 225 whole 16 s breaths: a new inhale starts exactly then.
        let m = s.at(3_600_000.0);
        assert_eq!((m.breath, m.phase), (225, Phase::Inhale));
        assert_eq!(s.at(3_600_000.0 - 0.5).phase, Phase::HoldOut);
        assert_eq!(s.at(3_600_000.0 + 8_000.0).phase, Phase::Exhale);
    }

    #[test]
    fn sigh_has_two_inhales_then_a_long_exhale() {
        let s = Schedule::new(&plan(BreathPattern::sigh(), Length::Breaths(3), false));
        let a = s.at(1_000.0);
        let b = s.at(3_000.0);
        let c = s.at(4_000.0);
        assert_eq!((a.phase, a.cue), (Phase::Inhale, Cue::In));
        assert_eq!((b.phase, b.cue), (Phase::Inhale, Cue::TopUp));
        assert_eq!((c.phase, c.cue), (Phase::Exhale, Cue::Out));
        assert!(b.level > 0.8 - 1e-9 && b.level <= 1.0);
        assert_eq!(BreathPattern::sigh().timing_label(), "2.5+1-6-1.5");
    }

    #[test]
    fn custom_patterns_parse_with_decimals() {
        let p = BreathPattern::custom("3.5-0-5.5-0").expect("valid");
        assert_eq!(p.timing_label(), "3.5-0-5.5-0");
        // Written with decimal commas, as a French or Spanish clinician would: the same pattern.
        assert_eq!(BreathPattern::custom("3,5-0-5,5-0"), Some(p.clone()));
        // What runs is what the label says, to a tenth.
        let p = BreathPattern::custom("4.25-0-6-0").expect("valid");
        assert_eq!(p.timing_label(), "4.3-0-6-0");
        assert_eq!(p.cycle_secs(), 10.3);
        assert!(
            BreathPattern::custom("0.44-0-4-0").is_none(),
            "0.4 s in: below the least"
        );
        assert!(BreathPattern::custom("4-2-6-0").is_some());
        for bad in [
            "",
            "4-4-4",
            "4-4-4-4-4",
            "0-0-4-0",
            "4--4-4",
            "-4-4-4-4",
            "4-4-4-61",
            "a-b-c-d",
            "1e1-0-4-0",
            "4.-0-4-0x",
            "NaN-0-4-0",
            "inf-0-4-0",
        ] {
            assert!(
                BreathPattern::custom(bad).is_none(),
                "{bad} should be refused"
            );
        }
    }

    #[test]
    fn shape_grows_rests_and_shrinks() {
        let s = Schedule::new(&plan(
            BreathPattern::box_breathing(),
            Length::Breaths(2),
            false,
        ));
        let levels: Vec<f64> = [0.0, 2.0, 3.99, 6.0, 10.0, 14.0]
            .iter()
            .map(|t| s.at(t * 1000.0).level)
            .collect();
        assert!(levels[0] < 0.01);
        assert!((levels[1] - 0.5).abs() < 0.01);
        assert!(levels[2] > 0.99);
        assert!((levels[3] - 1.0).abs() < 1e-9);
        assert!((levels[4] - 0.5).abs() < 0.01);
        assert!(levels[5] < 1e-9);
    }

    #[test]
    fn ramp_starts_easy_and_reaches_a_longer_exhale() {
        let p = plan(BreathPattern::box_breathing(), Length::Breaths(30), true);
        let s = Schedule::new(&p);
        // First breath: no holds, exhale equal to inhale.
        assert_eq!(s.at(3_999.0).phase, Phase::Inhale);
        assert_eq!(s.at(4_001.0).phase, Phase::Exhale);
        assert_eq!(s.at(8_001.0).phase, Phase::Inhale);
        // After the ramp (20 breaths), the target: 4 in, 4 hold, 6 out, 4 rest.
        let k = 25;
        let start = s.breath_start_ms(k);
        assert_eq!(s.at(start + 4_001.0).phase, Phase::HoldIn);
        assert_eq!(s.at(start + 8_001.0).phase, Phase::Exhale);
        assert_eq!(s.at(start + 13_999.0).phase, Phase::Exhale);
        assert_eq!(s.at(start + 14_001.0).phase, Phase::HoldOut);
        // Breaths never get shorter along the ramp.
        let lens: Vec<f64> = (0..30)
            .map(|k| s.breath_start_ms(k + 1) - s.breath_start_ms(k))
            .collect();
        assert!(lens.windows(2).all(|w| w[1] >= w[0] - 1e-9));
    }

    #[test]
    fn ramp_on_minutes_ends_near_the_minutes() {
        let p = plan(
            BreathPattern::four_seven_eight(),
            Length::Minutes(5.0),
            true,
        );
        let s = Schedule::new(&p);
        assert!(
            (s.total_ms() - 300_000.0).abs() < 12_000.0,
            "{}",
            s.total_ms()
        );
    }

    #[test]
    fn session_pause_does_not_count_and_countdown_is_whole_seconds() {
        let mut session = BreathingSession::new(&plan(
            BreathPattern::box_breathing(),
            Length::Breaths(2),
            false,
        ));
        session.start(1_000.0);
        let f = session.tick(1_000.0);
        assert!(f.entered_segment);
        assert_eq!(f.seconds_left, 4);
        assert_eq!(session.tick(1_500.0).seconds_left, 4);
        assert!(!session.tick(1_600.0).entered_segment);
        assert_eq!(session.tick(4_100.0).seconds_left, 1);
        session.pause(4_500.0);
        // A long pause: nothing moves.
        let f = session.tick(600_000.0);
        assert_eq!(
            (f.state, f.moment.phase),
            (SessionState::Paused, Phase::Inhale)
        );
        session.resume(600_000.0);
        let f = session.tick(600_000.0 + 600.0);
        assert_eq!(f.moment.phase, Phase::HoldIn);
        assert!(f.entered_segment);
    }

    #[test]
    fn session_finishes_once_and_reports_it() {
        let mut session = BreathingSession::new(&plan(
            BreathPattern::extended_exhale(),
            Length::Breaths(1),
            false,
        ));
        session.start(0.0);
        assert!(!session.tick(9_999.0).just_finished);
        let f = session.tick(10_000.0);
        assert!(f.just_finished);
        assert_eq!(f.state, SessionState::Done);
        assert_eq!(f.progress, 1.0);
        assert!(!session.tick(20_000.0).just_finished);
        session.start(30_000.0);
        assert_eq!(session.tick(30_001.0).state, SessionState::Running);
    }

    #[test]
    fn time_going_backwards_does_not_move_the_pacer_back() {
        let mut session = BreathingSession::new(&plan(
            BreathPattern::box_breathing(),
            Length::Breaths(5),
            false,
        ));
        session.start(100.0);
        let ahead = session.tick(100.0 + 9_000.0);
        let back = session.tick(100.0 + 2_000.0);
        assert_eq!(back.moment.phase, ahead.moment.phase);
        assert_eq!(back.elapsed_ms, ahead.elapsed_ms);
        let nan = session.tick(f64::NAN);
        assert_eq!(nan.elapsed_ms, ahead.elapsed_ms);
    }

    /// An independent, obviously correct walk through the breaths, in whole microseconds.
    fn reference(plan: &BreathingPlan, s: &Schedule, t_ms: f64) -> Option<(u32, usize)> {
        let t = (t_ms * 1000.0).round() as i64;
        let mut start: i64 = 0;
        for k in 0..s.total_breaths() {
            for i in 0..plan.pattern.segments.len() {
                let len = (s.segment_ms(k, i) * 1000.0).round() as i64;
                if len == 0 {
                    continue;
                }
                if t < start + len {
                    return Some((k, i));
                }
                start += len;
            }
        }
        None
    }

    #[test]
    fn jittered_ticks_agree_with_a_plain_walk_for_every_pattern() {
        let patterns = [
            BreathPattern::box_breathing(),
            BreathPattern::four_seven_eight(),
            BreathPattern::resonance(5.5),
            BreathPattern::resonance(3.0),
            BreathPattern::extended_exhale(),
            BreathPattern::sigh(),
            BreathPattern::custom("3.5-0-5.5-0").expect("valid"),
        ];
        for pattern in patterns {
            for ramp in [false, true] {
                let p = plan(pattern.clone(), Length::Minutes(6.0), ramp);
                let s = Schedule::new(&p);
                let mut seed: u64 = 0x9e37_79b9;
                let mut t = 0.0;
                while t < s.total_ms() {
                    // A jittery frame clock: 0 to 50 ms steps, sometimes a jump of seconds.
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    t += (seed % 50) as f64
                        + if seed.is_multiple_of(97) {
                            7_321.5
                        } else {
                            0.37
                        };
                    let m = s.at(t);
                    let want = reference(&p, &s, t);
                    let got = (!m.done).then_some((m.breath, m.segment));
                    if got != want {
                        // Only a rounding hair from a boundary may disagree.
                        let edge = (m.into_ms).min(m.len_ms - m.into_ms);
                        assert!(
                            edge < 0.002,
                            "{} ramp={ramp} at {t}: {got:?} vs {want:?}",
                            pattern.id()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(
            pattern_label(Lang::En, &BreathPattern::resonance(5.5)),
            "Slow, even breathing · 5.5\u{a0}breaths a minute"
        );
        assert_eq!(
            pattern_label(Lang::En, &BreathPattern::box_breathing()),
            "Box breathing · 4-4-4-4"
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn custom_never_panics(s in ".{0,40}") {
            let _ = BreathPattern::custom(&s);
        }

        #[test]
        fn any_time_gives_a_sane_moment(t in proptest::num::f64::ANY, secs in 0.5f64..20.0, ramp: bool) {
            let p = BreathingPlan { pattern: BreathPattern::four_part(PatternKind::Custom, secs, 1.0, secs * 1.3, 0.0), length: Length::Minutes(60.0), ramp };
            let s = Schedule::new(&p);
            let m = s.at(t);
            prop_assert!((0.0..=1.0).contains(&m.level));
            prop_assert!(m.into_ms >= 0.0 && m.into_ms <= m.len_ms);
        }

        #[test]
        fn ticks_in_any_order_never_go_back(times in proptest::collection::vec(0.0f64..4_000_000.0, 1..60)) {
            let p = BreathingPlan { pattern: BreathPattern::four_seven_eight(), length: Length::Minutes(60.0), ramp: false };
            let mut session = BreathingSession::new(&p);
            session.start(0.0);
            let mut last = 0.0;
            for t in times {
                let f = session.tick(t);
                prop_assert!(f.elapsed_ms >= last);
                last = f.elapsed_ms;
            }
        }
    }
}

/// The pacer's own options, read by [`parse`].
#[cfg(test)]
mod option_tests {
    use super::*;
    use crate::core::options::describe_error;

    fn options(pairs: &[(&str, &str)]) -> Result<BreathingConfig, OptionError> {
        parse(&RawOptions::new(pairs.iter().copied()))
    }

    fn breathing(pairs: &[(&str, &str)]) -> BreathingConfig {
        match options(pairs) {
            Ok(b) => b,
            Err(e) => panic!("{pairs:?} refused: {e:?}"),
        }
    }

    fn error_for(pairs: &[(&str, &str)], lang: Lang) -> String {
        match options(pairs) {
            Err(e) => describe_error(lang, &e),
            Ok(_) => panic!("{pairs:?} was accepted"),
        }
    }

    #[test]
    fn errors_name_the_option_and_its_values() {
        assert_eq!(
            error_for(&[("minutes", "abc")], Lang::En),
            "The option \"minutes\" can't be \"abc\". It takes a number from 0.5 to 120."
        );
        let p = error_for(&[("pattern", "4-7-9-x")], Lang::En);
        assert!(
            p.contains("\"pattern\"") && p.contains("\"4-7-8\"") && p.contains("\"sigh\""),
            "{p}"
        );
        let s = error_for(&[("sound", "loud")], Lang::Es);
        assert!(s.starts_with("La opción \"sound\""), "{s}");
        assert!(s.contains("\"off\", \"chime\" o \"voice\""), "{s}");
    }

    #[test]
    fn minutes_that_come_to_one_breath_are_one_breath() {
        let one = Length::Breaths(1);
        for (pairs, expected) in [
            (&[("pattern", "60-60-60-60"), ("minutes", "0.5")][..], one),
            (&[("pattern", "60-60-60-60"), ("minutes", "5")], one),
            (&[("pattern", "60-60-60-60")], one),
            (&[("pattern", "60-60-60-60"), ("minutes", "6")], one),
            (
                &[("pattern", "60-60-60-60"), ("minutes", "7")],
                Length::Minutes(7.0),
            ),
            (
                &[("pattern", "4-7-8"), ("minutes", "0.5")],
                Length::Minutes(0.5),
            ),
            // Half way between one breath and two: the session rounds to one.
            (&[("pattern", "15-15-15-15"), ("minutes", "1.5")], one),
            (&[("pattern", "30-30-30-30")], one),
            // Easy breaths first: more of them fit, so minutes stay minutes...
            (
                &[("pattern", "60-60-60-60"), ("minutes", "5"), ("ramp", "on")],
                Length::Minutes(5.0),
            ),
            // ...unless one easy breath is the whole session.
            (
                &[("pattern", "60-0-60-0"), ("minutes", "3"), ("ramp", "on")],
                one,
            ),
            (
                &[("pattern", "box"), ("minutes", "0.5")],
                Length::Minutes(0.5),
            ),
        ] {
            assert_eq!(breathing(pairs).plan.length, expected, "{pairs:?}");
        }
        // The session is as long as before: the one breath minutes came to.
        let one = breathing(&[("pattern", "60-60-60-60"), ("minutes", "0.5")]);
        let asked = BreathingPlan {
            length: Length::Minutes(0.5),
            ..one.plan.clone()
        };
        assert_eq!(Schedule::new(&one.plan), Schedule::new(&asked));
        assert_eq!(Schedule::new(&one.plan).total_ms(), 240_000.0);
    }

    #[test]
    fn a_4_7_8_session_with_no_length_is_four_breaths() {
        let b = breathing(&[("pattern", "4-7-8")]);
        assert_eq!(b.plan.length, Length::Breaths(4));
        let b = breathing(&[("pattern", "4-7-8"), ("minutes", "2")]);
        assert_eq!(b.plan.length, Length::Minutes(2.0));
        let b = breathing(&[("pattern", "4-7-8"), ("breaths", "8")]);
        assert_eq!(b.plan.length, Length::Breaths(8));
        assert_eq!(
            breathing(&[("pattern", "box")]).plan.length,
            Length::Minutes(3.0)
        );
    }

    #[test]
    fn defaults_are_gentle() {
        let b = breathing(&[]);
        assert_eq!(b.plan.pattern.id(), "resonance");
        assert_eq!(b.plan.length, Length::Minutes(3.0));
        assert_eq!(
            (b.sound, b.vibrate, b.ramp_off()),
            (Sound::Off, false, true)
        );
        assert!(b.rating);
    }

    impl BreathingConfig {
        fn ramp_off(&self) -> bool {
            !self.plan.ramp
        }
    }

    #[test]
    fn named_and_custom_patterns() {
        assert_eq!(
            breathing(&[("pattern", "4-7-8")]).plan.pattern.id(),
            "4-7-8"
        );
        assert_eq!(breathing(&[("pattern", " Box ")]).plan.pattern.id(), "box");
        assert_eq!(breathing(&[("pattern", "sigh")]).plan.pattern.id(), "sigh");
        assert_eq!(
            breathing(&[("pattern", "extended-exhale")])
                .plan
                .pattern
                .id(),
            "extended-exhale"
        );
        assert_eq!(
            breathing(&[("pattern", "3.5-0-5.5-0")])
                .plan
                .pattern
                .timing_label(),
            "3.5-0-5.5-0"
        );
        let r = breathing(&[("pattern", "resonance"), ("bpm", "6")]);
        assert_eq!(r.plan.pattern.kind, PatternKind::Resonance { bpm: 6.0 });
    }

    #[test]
    fn bad_values_name_the_option() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("pattern", "4-7-9-x")], "pattern"),
            (&[("minutes", "abc")], "minutes"),
            (&[("minutes", "0")], "minutes"),
            (&[("minutes", "-3")], "minutes"),
            (&[("minutes", "1e2")], "minutes"),
            (&[("breaths", "2.5")], "breaths"),
            (&[("bpm", "12")], "bpm"),
            (&[("sound", "loud")], "sound"),
            (&[("ramp", "maybe")], "ramp"),
        ];
        for (pairs, option) in cases {
            match options(pairs) {
                Err(OptionError::BadValue { option: o, .. }) => assert_eq!(o, *option),
                other => panic!("{pairs:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn conflicts_and_misplaced_options() {
        assert_eq!(
            options(&[("minutes", "3"), ("breaths", "10")]),
            Err(OptionError::Conflict {
                first: "minutes",
                second: "breaths"
            })
        );
        assert!(matches!(
            options(&[("pattern", "box"), ("bpm", "6")]),
            Err(OptionError::OnlyWith { option: "bpm", .. })
        ));
    }
}
