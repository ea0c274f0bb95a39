//! The 5-4-3-2-1 grounding scan: five things you can see, four you can feel, three you can hear,
//! two you can smell, one you can taste, then a short summary.
//!
//! [`GroundingScan`] is a plain step machine: [`GroundingScan::handle`] takes what the visitor
//! did and says what changed. It reads no clock and touches no DOM, so every path through it is
//! tested here.
//!
//! The counts are an invitation, not a requirement: every step can be left early, skipped, or
//! answered with "nothing right now", and none of these is treated as less than the others.
//!
//! The scan's options (`mode`, `rating`) are read here too, by [`parse`].

use crate::prelude::*;

use super::i18n::Msg;
use super::options::{on_off, one_of, OptionError, RawOptions};

/// The longest word or two kept from the write box, in characters.
pub const MAX_WORD_CHARS: usize = 60;

/// How the visitor answers a step (`mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroundingMode {
    /// One "noticed" tap per thing (the default).
    Tap,
    /// A word or two typed per thing.
    Write,
}

/// One sense of the 5-4-3-2-1 scan, in the order they are visited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroundingStep {
    /// Five things you can see.
    See,
    /// Four things you can feel on your skin or touch.
    Touch,
    /// Three things you can hear.
    Hear,
    /// Two things you can smell.
    Smell,
    /// One thing you can taste.
    Taste,
}

impl GroundingStep {
    /// Every step, in order.
    pub const ALL: [GroundingStep; 5] = [
        GroundingStep::See,
        GroundingStep::Touch,
        GroundingStep::Hear,
        GroundingStep::Smell,
        GroundingStep::Taste,
    ];

    /// How many things the step invites the visitor to notice: 5, 4, 3, 2, 1.
    pub fn target(self) -> u8 {
        match self {
            GroundingStep::See => 5,
            GroundingStep::Touch => 4,
            GroundingStep::Hear => 3,
            GroundingStep::Smell => 2,
            GroundingStep::Taste => 1,
        }
    }

    /// The stable id used in events and records: `see`, `touch`, `hear`, `smell`, `taste`.
    pub fn id(self) -> &'static str {
        match self {
            GroundingStep::See => "see",
            GroundingStep::Touch => "touch",
            GroundingStep::Hear => "hear",
            GroundingStep::Smell => "smell",
            GroundingStep::Taste => "taste",
        }
    }

    /// Zero-based position: `See` is 0, `Taste` is 4.
    pub fn index(self) -> usize {
        match self {
            GroundingStep::See => 0,
            GroundingStep::Touch => 1,
            GroundingStep::Hear => 2,
            GroundingStep::Smell => 3,
            GroundingStep::Taste => 4,
        }
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<GroundingStep> {
        match self {
            GroundingStep::See => Some(GroundingStep::Touch),
            GroundingStep::Touch => Some(GroundingStep::Hear),
            GroundingStep::Hear => Some(GroundingStep::Smell),
            GroundingStep::Smell => Some(GroundingStep::Taste),
            GroundingStep::Taste => None,
        }
    }

    /// The step before this one, if any.
    pub fn previous(self) -> Option<GroundingStep> {
        match self {
            GroundingStep::See => None,
            GroundingStep::Touch => Some(GroundingStep::See),
            GroundingStep::Hear => Some(GroundingStep::Touch),
            GroundingStep::Smell => Some(GroundingStep::Hear),
            GroundingStep::Taste => Some(GroundingStep::Smell),
        }
    }

    /// The step's invitation ("Look around. Notice five things you can see.").
    pub fn prompt(self) -> Msg {
        match self {
            GroundingStep::See => Msg::GroundingSee,
            GroundingStep::Touch => Msg::GroundingTouch,
            GroundingStep::Hear => Msg::GroundingHear,
            GroundingStep::Smell => Msg::GroundingSmell,
            GroundingStep::Taste => Msg::GroundingTaste,
        }
    }

    /// The sense's short name, for the summary ("Sight", "Touch").
    pub fn sense(self) -> Msg {
        match self {
            GroundingStep::See => Msg::SenseSee,
            GroundingStep::Touch => Msg::SenseTouch,
            GroundingStep::Hear => Msg::SenseHear,
            GroundingStep::Smell => Msg::SenseSmell,
            GroundingStep::Taste => Msg::SenseTaste,
        }
    }
}

/// How a step was answered.
///
/// Always consistent with its count: `Noticed` holds at least one thing, `NothingRightNow` and
/// `Skipped` hold none, `Open` may hold some (a step the visitor is on, or went back from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAnswer {
    /// Not answered yet.
    Open,
    /// Left with at least one thing noticed.
    Noticed,
    /// "Nothing right now": a full answer, taken without comment.
    NothingRightNow,
    /// Passed over without noticing anything.
    Skipped,
}

impl StepAnswer {
    /// The stable id for events and records: `open`, `noticed`, `nothing-right-now`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepAnswer::Open => "open",
            StepAnswer::Noticed => "noticed",
            StepAnswer::NothingRightNow => "nothing-right-now",
            StepAnswer::Skipped => "skipped",
        }
    }
}

/// What the visitor noticed in one step: one entry per thing, with the word typed for it (write
/// mode) or none (a tap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    items: Vec<Option<String>>,
    answer: StepAnswer,
}

impl StepRecord {
    fn new() -> Self {
        StepRecord {
            items: Vec::new(),
            answer: StepAnswer::Open,
        }
    }

    /// How many things were noticed (never more than the step's target).
    pub fn count(&self) -> u8 {
        u8::try_from(self.items.len()).unwrap_or(u8::MAX)
    }

    /// The words typed, in order. Shown back to the visitor only; never put in events.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|w| w.as_deref())
    }

    /// How the step was answered.
    pub fn answer(&self) -> StepAnswer {
        self.answer
    }
}

/// Where the scan is. One state per step, then the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroundingState {
    /// On a step, inviting the visitor to notice things with that sense.
    Step(GroundingStep),
    /// All five senses visited: the summary and the optional "how present do you feel?".
    Summary,
}

impl GroundingState {
    /// The stable id for `attune:step`: the step's id, or `summary`.
    pub fn id(self) -> &'static str {
        match self {
            GroundingState::Step(s) => s.id(),
            GroundingState::Summary => "summary",
        }
    }
}

/// Something the visitor did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroundingEvent {
    /// Tapped "noticed" for one thing.
    Noticed,
    /// Took the last noticed thing back.
    Unnoticed,
    /// Typed a word or two for one thing (write mode). Trimmed and kept to
    /// [`MAX_WORD_CHARS`]; an empty word is ignored.
    Word(String),
    /// "Nothing right now": this step is done, with nothing noticed.
    NothingRightNow,
    /// Passed over this step.
    Skip,
    /// Went on, whatever the count.
    Next,
    /// Went back to the previous step.
    Back,
    /// Answered "how present do you feel?" with 0 to 10, or `None` to skip the question.
    Rate(Option<u8>),
    /// Started over from the first step, with nothing kept.
    Restart,
}

/// The "how present do you feel?" answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// Not answered (yet).
    NotAnswered,
    /// The visitor chose not to answer.
    Skipped,
    /// 0 to 10.
    Given(u8),
}

impl Rating {
    /// The value, when one was given.
    pub fn value(self) -> Option<u8> {
        match self {
            Rating::Given(v) => Some(v),
            Rating::NotAnswered | Rating::Skipped => None,
        }
    }
}

/// What an event did, for the web layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Anything changed: re-render.
    pub changed: bool,
    /// The state changed (a new step, or the summary): announce it and fire `attune:step`.
    pub step_changed: bool,
    /// The step ended by itself because its count was reached (the previous step's last thing
    /// was just noticed).
    pub advanced_by_itself: bool,
    /// The summary was reached for the first time since the start (or a restart): fire
    /// `attune:complete` and save the session once.
    pub completed: bool,
    /// The rating question was answered (or skipped) with this event.
    pub rated: bool,
}

/// One step in the summary: counts and answers only, no words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepSummary {
    /// The step.
    pub step: GroundingStep,
    /// Things noticed.
    pub count: u8,
    /// Things invited (5, 4, 3, 2 or 1). Not a score: shown, if at all, as "3 noticed".
    pub target: u8,
    /// How the step was answered.
    pub answer: StepAnswer,
}

/// The whole scan in numbers, for the summary screen, `attune:complete` and the session record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroundingSummary {
    /// The five steps, in order.
    pub steps: [StepSummary; 5],
    /// The "how present do you feel?" answer.
    pub rating: Rating,
}

impl GroundingSummary {
    /// All things noticed, over all steps.
    pub fn total_noticed(&self) -> u32 {
        self.steps.iter().map(|s| u32::from(s.count)).sum()
    }
}

/// The 5-4-3-2-1 step machine. It reads no clock and touches no DOM.
///
/// States and their transitions (any event not listed leaves the state as it is and reports no
/// change):
/// - `Step(See)`, `Step(Touch)`, `Step(Hear)`, `Step(Smell)`, `Step(Taste)`:
///   - `Noticed` / `Word(w)`: one more thing noticed. When that makes the step's count (5, 4, 3,
///     2, 1), the step ends as `Noticed` and the scan moves on **by itself** to the next step
///     (from `Taste`, to `Summary`); `Back` brings the step back with all it held. On a step that
///     is already full (reached again with `Back`), more are not taken: `Next` goes on. An empty
///     word changes nothing.
///   - `Unnoticed`: the last thing noticed is taken back (nothing when there is none).
///   - `NothingRightNow`: the step ends with nothing noticed (anything noticed on it is let go:
///     the latest answer wins) and the scan moves on.
///   - `Skip`, `Next`: the scan moves on; the step ends as `Noticed` when it holds something,
///     else as `Skipped`. The count is an invitation, not a requirement.
///   - `Back`: to the previous step, which keeps what was noticed there. From `Step(See)`,
///     nothing happens.
///   - `Rate(_)`: ignored.
/// - `Summary`:
///   - `Rate(Some(0..=10))`: the rating is kept (the last one wins); `Rate(None)`: the question
///     is skipped; a value above 10 is ignored.
///   - `Back`: to `Step(Taste)`, keeping everything. Coming back to `Summary` later does not
///     complete the scan a second time.
///   - anything else: ignored.
/// - any state, `Restart`: to `Step(See)`, with every step and the rating cleared.
///
/// Why move on by itself after a full count: the visitor asked for nothing more, and one fewer
/// button to find matters on a phone or with a screen reader; the step change is announced, and
/// `Back` is always there. Before a full count it never moves on by itself: the visitor decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroundingScan {
    state: GroundingState,
    steps: [StepRecord; 5],
    rating: Rating,
    completed: bool,
}

impl Default for GroundingScan {
    fn default() -> Self {
        Self::new()
    }
}

/// Trims a typed word, drops control characters, folds runs of white space into one space and
/// keeps at most [`MAX_WORD_CHARS`] characters.
pub fn clean_word(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c.is_control() {
            continue;
        }
        let extra = if space { 2 } else { 1 };
        if chars + extra > MAX_WORD_CHARS {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
        chars += extra;
    }
    out
}

impl GroundingScan {
    /// A scan on its first step, nothing noticed yet.
    pub fn new() -> Self {
        GroundingScan {
            state: GroundingState::Step(GroundingStep::See),
            steps: [
                StepRecord::new(),
                StepRecord::new(),
                StepRecord::new(),
                StepRecord::new(),
                StepRecord::new(),
            ],
            rating: Rating::NotAnswered,
            completed: false,
        }
    }

    /// Where the scan is.
    pub fn state(&self) -> GroundingState {
        self.state
    }

    /// What was noticed in one step.
    pub fn record(&self, step: GroundingStep) -> &StepRecord {
        let [see, touch, hear, smell, taste] = &self.steps;
        match step {
            GroundingStep::See => see,
            GroundingStep::Touch => touch,
            GroundingStep::Hear => hear,
            GroundingStep::Smell => smell,
            GroundingStep::Taste => taste,
        }
    }

    fn record_mut(&mut self, step: GroundingStep) -> &mut StepRecord {
        let [see, touch, hear, smell, taste] = &mut self.steps;
        match step {
            GroundingStep::See => see,
            GroundingStep::Touch => touch,
            GroundingStep::Hear => hear,
            GroundingStep::Smell => smell,
            GroundingStep::Taste => taste,
        }
    }

    /// The rating question's answer.
    pub fn rating(&self) -> Rating {
        self.rating
    }

    /// The scan in numbers (no words).
    pub fn summary(&self) -> GroundingSummary {
        let one = |step: GroundingStep| {
            let r = self.record(step);
            StepSummary {
                step,
                count: r.count(),
                target: step.target(),
                answer: r.answer,
            }
        };
        GroundingSummary {
            steps: GroundingStep::ALL.map(one),
            rating: self.rating,
        }
    }

    /// Applies one event; see the type's documentation for every transition.
    pub fn handle(&mut self, event: GroundingEvent) -> Outcome {
        let before = self.state;
        let mut out = Outcome::default();
        match (self.state, event) {
            (_, GroundingEvent::Restart) => {
                *self = GroundingScan::new();
                out.changed = true;
            }
            (GroundingState::Step(step), GroundingEvent::Noticed) => {
                self.notice(step, None, &mut out)
            }
            (GroundingState::Step(step), GroundingEvent::Word(raw)) => {
                let word = clean_word(&raw);
                if !word.is_empty() {
                    self.notice(step, Some(word), &mut out);
                }
            }
            (GroundingState::Step(step), GroundingEvent::Unnoticed) => {
                let r = self.record_mut(step);
                if r.items.pop().is_some() {
                    if r.items.is_empty() && r.answer == StepAnswer::Noticed {
                        r.answer = StepAnswer::Open;
                    }
                    out.changed = true;
                }
            }
            (GroundingState::Step(step), GroundingEvent::NothingRightNow) => {
                let r = self.record_mut(step);
                r.items.clear();
                r.answer = StepAnswer::NothingRightNow;
                self.go_on(step, &mut out);
            }
            (GroundingState::Step(step), GroundingEvent::Skip | GroundingEvent::Next) => {
                let r = self.record_mut(step);
                r.answer = if r.items.is_empty() {
                    StepAnswer::Skipped
                } else {
                    StepAnswer::Noticed
                };
                self.go_on(step, &mut out);
            }
            (GroundingState::Step(step), GroundingEvent::Back) => {
                if let Some(prev) = step.previous() {
                    self.state = GroundingState::Step(prev);
                }
            }
            (GroundingState::Step(_), GroundingEvent::Rate(_)) => {}
            (GroundingState::Summary, GroundingEvent::Back) => {
                self.state = GroundingState::Step(GroundingStep::Taste);
            }
            (GroundingState::Summary, GroundingEvent::Rate(value)) => {
                let rating = match value {
                    None => Some(Rating::Skipped),
                    Some(v) if v <= 10 => Some(Rating::Given(v)),
                    Some(_) => None,
                };
                if let Some(r) = rating {
                    out.changed = self.rating != r;
                    out.rated = true;
                    self.rating = r;
                }
            }
            (
                GroundingState::Summary,
                GroundingEvent::Noticed
                | GroundingEvent::Unnoticed
                | GroundingEvent::Word(_)
                | GroundingEvent::NothingRightNow
                | GroundingEvent::Skip
                | GroundingEvent::Next,
            ) => {}
        }
        if self.state != before {
            out.step_changed = true;
            out.changed = true;
        }
        out
    }

    fn notice(&mut self, step: GroundingStep, word: Option<String>, out: &mut Outcome) {
        let r = self.record_mut(step);
        if r.count() >= step.target() {
            return;
        }
        r.items.push(word);
        out.changed = true;
        if matches!(r.answer, StepAnswer::NothingRightNow | StepAnswer::Skipped) {
            r.answer = StepAnswer::Open;
        }
        if r.count() >= step.target() {
            r.answer = StepAnswer::Noticed;
            out.advanced_by_itself = true;
            self.go_on(step, out);
        }
    }

    fn go_on(&mut self, step: GroundingStep, out: &mut Outcome) {
        out.changed = true;
        match step.next() {
            Some(next) => self.state = GroundingState::Step(next),
            None => {
                self.state = GroundingState::Summary;
                if !self.completed {
                    self.completed = true;
                    out.completed = true;
                }
            }
        }
    }
}

/// The grounding scan's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct GroundingConfig {
    /// Tap "noticed" per thing, or type a word or two (`mode`).
    pub mode: GroundingMode,
    /// Offer the "how present do you feel?" question at the end.
    pub rating: bool,
}

/// Reads the grounding scan's own options: `mode`, `rating`.
pub fn parse(raw: &RawOptions) -> Result<GroundingConfig, OptionError> {
    let mode = one_of(
        raw,
        "mode",
        &["tap", "write"],
        &[GroundingMode::Tap, GroundingMode::Write],
        GroundingMode::Tap,
    )?;
    let rating = on_off(raw, "rating", true)?;
    Ok(GroundingConfig { mode, rating })
}

#[cfg(test)]
mod tests {
    use super::*;
    use GroundingEvent as E;
    use GroundingState::{Step, Summary};
    use GroundingStep::*;

    fn taps(scan: &mut GroundingScan, n: usize) -> Vec<Outcome> {
        (0..n).map(|_| scan.handle(E::Noticed)).collect()
    }

    #[test]
    fn starts_on_seeing_with_nothing_noticed() {
        let scan = GroundingScan::new();
        assert_eq!(scan.state(), Step(See));
        assert_eq!(scan.state().id(), "see");
        assert!(GroundingStep::ALL
            .iter()
            .all(|s| scan.record(*s).count() == 0));
        assert_eq!(GroundingStep::ALL.map(|s| s.target()), [5, 4, 3, 2, 1]);
        assert_eq!(scan.rating(), Rating::NotAnswered);
    }

    #[test]
    fn a_full_count_moves_on_by_itself_and_says_so() {
        let mut scan = GroundingScan::new();
        let outs = taps(&mut scan, 4);
        assert!(outs.iter().all(|o| o.changed && !o.step_changed));
        assert_eq!(scan.record(See).count(), 4);
        assert_eq!(scan.state(), Step(See));
        let fifth = scan.handle(E::Noticed);
        assert!(fifth.step_changed && fifth.advanced_by_itself && !fifth.completed);
        assert_eq!(scan.state(), Step(Touch));
        assert_eq!(scan.record(See).answer(), StepAnswer::Noticed);
        assert_eq!(scan.record(See).count(), 5);
    }

    #[test]
    fn tapping_through_every_sense_completes_once() {
        let mut scan = GroundingScan::new();
        let outs = taps(&mut scan, 5 + 4 + 3 + 2);
        assert_eq!(scan.state(), Step(Taste));
        assert_eq!(outs.iter().filter(|o| o.step_changed).count(), 4);
        let last = scan.handle(E::Noticed);
        assert!(last.completed && last.step_changed && last.advanced_by_itself);
        assert_eq!(scan.state(), Summary);
        assert_eq!(scan.summary().total_noticed(), 15);
        // Back to taste and forward again: the summary, but not a second completion.
        assert!(scan.handle(E::Back).step_changed);
        assert_eq!(scan.state(), Step(Taste));
        assert_eq!(scan.record(Taste).count(), 1);
        let again = scan.handle(E::Next);
        assert_eq!(scan.state(), Summary);
        assert!(again.step_changed && !again.completed);
    }

    #[test]
    fn next_goes_on_before_the_count_is_full() {
        let mut scan = GroundingScan::new();
        taps(&mut scan, 2);
        let o = scan.handle(E::Next);
        assert!(o.step_changed && !o.advanced_by_itself);
        assert_eq!(scan.state(), Step(Touch));
        assert_eq!(scan.record(See).answer(), StepAnswer::Noticed);
        assert_eq!(scan.record(See).count(), 2);
        // Next with nothing noticed reads as a skip.
        scan.handle(E::Next);
        assert_eq!(scan.record(Touch).answer(), StepAnswer::Skipped);
    }

    #[test]
    fn skip_passes_over_a_step_and_keeps_what_was_noticed() {
        let mut scan = GroundingScan::new();
        let o = scan.handle(E::Skip);
        assert!(o.step_changed);
        assert_eq!(
            (scan.state(), scan.record(See).answer()),
            (Step(Touch), StepAnswer::Skipped)
        );
        scan.handle(E::Noticed);
        scan.handle(E::Skip);
        assert_eq!(scan.record(Touch).answer(), StepAnswer::Noticed);
        assert_eq!(scan.record(Touch).count(), 1);
        // Every step can be skipped, all the way to the summary.
        scan.handle(E::Skip);
        scan.handle(E::Skip);
        let o = scan.handle(E::Skip);
        assert!(o.completed);
        let s = scan.summary();
        let answers: Vec<_> = s.steps.iter().map(|x| x.answer).collect();
        assert_eq!(
            answers,
            [
                StepAnswer::Skipped,
                StepAnswer::Noticed,
                StepAnswer::Skipped,
                StepAnswer::Skipped,
                StepAnswer::Skipped
            ]
        );
    }

    #[test]
    fn nothing_right_now_is_a_full_answer() {
        let mut scan = GroundingScan::new();
        let o = scan.handle(E::NothingRightNow);
        assert!(o.step_changed && o.changed && !o.advanced_by_itself);
        assert_eq!(scan.state(), Step(Touch));
        assert_eq!(scan.record(See).answer(), StepAnswer::NothingRightNow);
        assert_eq!(scan.record(See).count(), 0);
        // Answering it after noticing something: the latest answer wins.
        taps(&mut scan, 2);
        scan.handle(E::NothingRightNow);
        assert_eq!(scan.record(Touch).answer(), StepAnswer::NothingRightNow);
        assert_eq!(scan.record(Touch).count(), 0);
        for _ in 0..3 {
            scan.handle(E::NothingRightNow);
        }
        assert_eq!(scan.state(), Summary);
        let s = scan.summary();
        assert!(s
            .steps
            .iter()
            .all(|x| x.answer == StepAnswer::NothingRightNow && x.count == 0));
        assert_eq!(s.total_noticed(), 0);
    }

    #[test]
    fn unnoticed_takes_back_the_last_one_only() {
        let mut scan = GroundingScan::new();
        assert!(!scan.handle(E::Unnoticed).changed);
        scan.handle(E::Word("the lamp".into()));
        scan.handle(E::Noticed);
        let o = scan.handle(E::Unnoticed);
        assert!(o.changed && !o.step_changed);
        assert_eq!(scan.record(See).count(), 1);
        assert_eq!(scan.record(See).words().collect::<Vec<_>>(), ["the lamp"]);
    }

    #[test]
    fn back_from_the_first_step_does_nothing() {
        let mut scan = GroundingScan::new();
        scan.handle(E::Noticed);
        let o = scan.handle(E::Back);
        assert_eq!(o, Outcome::default());
        assert_eq!(scan.state(), Step(See));
        assert_eq!(scan.record(See).count(), 1);
    }

    #[test]
    fn back_keeps_what_was_noticed_there() {
        let mut scan = GroundingScan::new();
        taps(&mut scan, 3);
        scan.handle(E::Next);
        scan.handle(E::Noticed);
        let o = scan.handle(E::Back);
        assert!(o.step_changed);
        assert_eq!(scan.state(), Step(See));
        assert_eq!(scan.record(See).count(), 3);
        // The step left by Back keeps its thing too, and is still open.
        assert_eq!(scan.record(Touch).count(), 1);
        assert_eq!(scan.record(Touch).answer(), StepAnswer::Open);
        // Two more finish seeing: the scan moves on by itself to touch, which still holds one.
        taps(&mut scan, 2);
        assert_eq!(scan.state(), Step(Touch));
        assert_eq!(scan.record(Touch).count(), 1);
    }

    #[test]
    fn a_full_step_reached_again_takes_no_more() {
        let mut scan = GroundingScan::new();
        taps(&mut scan, 5);
        scan.handle(E::Back);
        let o = scan.handle(E::Noticed);
        assert_eq!(o, Outcome::default());
        assert_eq!((scan.state(), scan.record(See).count()), (Step(See), 5));
        assert!(!scan.handle(E::Word("more".into())).changed);
        // Taking one back reopens it; noticing again moves on by itself.
        scan.handle(E::Unnoticed);
        assert_eq!(scan.record(See).answer(), StepAnswer::Noticed);
        assert!(scan.handle(E::Noticed).advanced_by_itself);
        assert_eq!(scan.state(), Step(Touch));
    }

    #[test]
    fn noticing_again_after_nothing_right_now_reopens_the_step() {
        let mut scan = GroundingScan::new();
        scan.handle(E::NothingRightNow);
        scan.handle(E::Back);
        assert_eq!(scan.record(See).answer(), StepAnswer::NothingRightNow);
        scan.handle(E::Noticed);
        assert_eq!(scan.record(See).answer(), StepAnswer::Open);
        scan.handle(E::Next);
        assert_eq!(scan.record(See).answer(), StepAnswer::Noticed);
        // And emptying a noticed step reopens it.
        scan.handle(E::Back);
        scan.handle(E::Unnoticed);
        assert_eq!(
            (scan.record(See).count(), scan.record(See).answer()),
            (0, StepAnswer::Open)
        );
    }

    #[test]
    fn words_are_trimmed_kept_short_and_empty_ones_ignored() {
        let mut scan = GroundingScan::new();
        assert!(!scan.handle(E::Word("   ".into())).changed);
        assert!(!scan.handle(E::Word("\u{7}\n".into())).changed);
        assert!(scan.handle(E::Word("  a  blue\tmug \n".into())).changed);
        let long = "ñ".repeat(200);
        scan.handle(E::Word(long));
        let words: Vec<&str> = scan.record(See).words().collect();
        assert_eq!(words.first(), Some(&"a blue mug"));
        assert_eq!(
            words.get(1).map(|w| w.chars().count()),
            Some(MAX_WORD_CHARS)
        );
        assert_eq!(scan.record(See).count(), 2);
        // Words count like taps, and the fifth moves on.
        for w in ["window", "my hands", "a plant"] {
            scan.handle(E::Word(w.into()));
        }
        assert_eq!(scan.state(), Step(Touch));
        assert_eq!(scan.record(See).words().count(), 5);
    }

    #[test]
    fn the_rating_is_only_taken_at_the_summary() {
        let mut scan = GroundingScan::new();
        assert_eq!(scan.handle(E::Rate(Some(5))), Outcome::default());
        assert_eq!(scan.rating(), Rating::NotAnswered);
        for _ in 0..5 {
            scan.handle(E::Skip);
        }
        assert_eq!(scan.state(), Summary);
        let o = scan.handle(E::Rate(Some(7)));
        assert!(o.rated && o.changed && !o.step_changed);
        assert_eq!(scan.summary().rating, Rating::Given(7));
        assert!(!scan.handle(E::Rate(Some(11))).rated);
        assert_eq!(scan.rating().value(), Some(7));
        scan.handle(E::Rate(Some(0)));
        assert_eq!(scan.rating(), Rating::Given(0));
        let o = scan.handle(E::Rate(None));
        assert!(o.rated);
        assert_eq!(scan.rating(), Rating::Skipped);
        // Step events do nothing at the summary.
        for e in [
            E::Noticed,
            E::Unnoticed,
            E::Word("x".into()),
            E::NothingRightNow,
            E::Skip,
            E::Next,
        ] {
            assert_eq!(scan.handle(e), Outcome::default());
        }
        assert_eq!(scan.state(), Summary);
    }

    #[test]
    fn back_from_the_summary_keeps_the_rating_and_counts() {
        let mut scan = GroundingScan::new();
        taps(&mut scan, 15);
        scan.handle(E::Rate(Some(4)));
        let o = scan.handle(E::Back);
        assert!(o.step_changed && !o.completed);
        assert_eq!(scan.state(), Step(Taste));
        assert_eq!(scan.rating(), Rating::Given(4));
        assert_eq!(scan.summary().total_noticed(), 15);
    }

    #[test]
    fn restart_clears_everything_from_anywhere() {
        let mut scan = GroundingScan::new();
        taps(&mut scan, 15);
        scan.handle(E::Rate(Some(9)));
        let o = scan.handle(E::Restart);
        assert!(o.step_changed && o.changed && !o.completed);
        assert_eq!(scan, GroundingScan::new());
        // A new run completes again, once.
        let outs: Vec<Outcome> = (0..5).map(|_| scan.handle(E::Skip)).collect();
        assert_eq!(outs.iter().filter(|o| o.completed).count(), 1);
        assert!(outs.last().is_some_and(|o| o.completed));
        assert_eq!(scan.state(), Summary);
        // Restart from a middle step too.
        scan.handle(E::Restart);
        scan.handle(E::NothingRightNow);
        assert!(scan.handle(E::Restart).step_changed);
        assert_eq!(scan.state(), Step(See));
        assert_eq!(scan.record(See).answer(), StepAnswer::Open);
    }

    #[test]
    fn prompts_and_counts_read_naturally_in_both_languages() {
        use crate::core::i18n::{fill, text, Lang};
        use crate::core::num::uint;
        let r = |lang, n: u8| fill(text(lang, Msg::NoticedCount), &[("n", &uint(u64::from(n)))]);
        assert_eq!(r(Lang::En, 2), "2 noticed");
        assert_eq!(r(Lang::Es, 1), "1 cosa notada");
        assert_eq!(r(Lang::Es, 2), "2 cosas notadas");
        assert_eq!(
            text(Lang::En, See.prompt()),
            "Look around. Notice five things you can see."
        );
        for step in GroundingStep::ALL {
            for lang in [Lang::En, Lang::Es] {
                assert!(
                    !text(lang, step.prompt()).is_empty() && !text(lang, step.sense()).is_empty()
                );
            }
            assert_ne!(text(Lang::En, step.prompt()), text(Lang::Es, step.prompt()));
        }
    }

    #[test]
    fn summary_names_each_sense_by_id_without_words() {
        let mut scan = GroundingScan::new();
        scan.handle(E::Word("private words".into()));
        scan.handle(E::Next);
        scan.handle(E::NothingRightNow);
        scan.handle(E::Skip);
        taps(&mut scan, 2);
        scan.handle(E::Noticed);
        let s = scan.summary();
        let ids: Vec<_> = s
            .steps
            .iter()
            .map(|x| (x.step.id(), x.count, x.answer.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("see", 1, "noticed"),
                ("touch", 0, "nothing-right-now"),
                ("hear", 0, "skipped"),
                ("smell", 2, "noticed"),
                ("taste", 1, "noticed"),
            ]
        );
        assert!(!format!("{s:?}").contains("private"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    fn event() -> impl Strategy<Value = GroundingEvent> {
        prop_oneof![
            3 => Just(GroundingEvent::Noticed),
            1 => Just(GroundingEvent::Unnoticed),
            2 => any::<String>().prop_map(GroundingEvent::Word),
            1 => Just(GroundingEvent::NothingRightNow),
            1 => Just(GroundingEvent::Skip),
            1 => Just(GroundingEvent::Next),
            2 => Just(GroundingEvent::Back),
            1 => any::<Option<u8>>().prop_map(GroundingEvent::Rate),
            1 => Just(GroundingEvent::Restart),
        ]
    }

    proptest! {
        #[test]
        fn no_sequence_of_events_panics_or_breaks_the_rules(events in proptest::collection::vec(event(), 0..200)) {
            let mut scan = GroundingScan::new();
            let mut completions = 0;
            for e in events {
                let restart = e == GroundingEvent::Restart;
                let before = scan.state();
                let o = scan.handle(e);
                if restart {
                    completions = 0;
                }
                completions += u32::from(o.completed);
                prop_assert!(completions <= 1);
                prop_assert_eq!(o.step_changed, before != scan.state());
                prop_assert!(!o.step_changed || o.changed);
                if o.completed {
                    prop_assert_eq!(scan.state(), GroundingState::Summary);
                }
                for step in GroundingStep::ALL {
                    let r = scan.record(step);
                    prop_assert!(r.count() <= step.target());
                    prop_assert!(r.words().all(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS && w.trim() == w));
                    match r.answer() {
                        StepAnswer::Noticed => prop_assert!(r.count() > 0),
                        StepAnswer::NothingRightNow | StepAnswer::Skipped => prop_assert_eq!(r.count(), 0),
                        StepAnswer::Open => {}
                    }
                }
                if let Rating::Given(v) = scan.rating() {
                    prop_assert!(v <= 10);
                }
            }
        }
    }
}

/// The scan's own options, read by [`parse`].
#[cfg(test)]
mod option_tests {
    use super::*;

    fn options(pairs: &[(&str, &str)]) -> Result<GroundingConfig, OptionError> {
        parse(&RawOptions::new(pairs.iter().copied()))
    }

    #[test]
    fn gentle_defaults_and_options_read() {
        assert_eq!(
            options(&[]),
            Ok(GroundingConfig {
                mode: GroundingMode::Tap,
                rating: true
            })
        );
        assert_eq!(
            options(&[("mode", " Write "), ("rating", "false")]),
            Ok(GroundingConfig {
                mode: GroundingMode::Write,
                rating: false
            })
        );
    }

    #[test]
    fn bad_values_name_the_option() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("mode", "speak")], "mode"),
            (&[("rating", "maybe")], "rating"),
        ];
        for (pairs, option) in cases {
            match options(pairs) {
                Err(OptionError::BadValue { option: o, .. }) => assert_eq!(o, *option, "{pairs:?}"),
                other => panic!("{pairs:?} gave {other:?}"),
            }
        }
    }
}
