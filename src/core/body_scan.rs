//! The head-to-toe body scan and its two short variants (palms together; warm and cool).
//!
//! A scan is a list of [`ScanStep`]s, each resting for the same number of seconds. [`BodyScan`]
//! is told the time like the breathing pacer: where the scan is follows from the active
//! (unpaused) time since the start, never from chained timers, so a tick after a hidden tab
//! lands in the right place. The visitor may tag each step with what is there
//! ([`Sensation`]s, "nothing noticed" among them) and an optional 0-10 intensity.
//!
//! The scan's options (`seconds`, `advance`, `variant`, `rating`) are read here too, by
//! [`parse`].

use crate::prelude::*;

use super::i18n::{fill, in_list, text, Lang, Msg};
use super::num::{parse_decimal, within};
use super::options::{bad, on_off, one_of, Expected, OptionError, RawOptions};

/// `seconds` when none is given.
pub const DEFAULT_SECONDS: u32 = 20;
/// The `seconds` accepted, inclusive.
pub const SECONDS_RANGE: (u32, u32) = (2, 120);
/// The highest intensity.
pub const MAX_INTENSITY: u8 = 10;

/// How the scan moves from one step to the next (`advance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    /// Each step moves on by itself when its time is up (the default).
    Auto,
    /// Only the visitor moves on; the time is a gentle progress cue.
    Manual,
}

/// Which scan (`variant`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanVariant {
    /// The ten regions, head to toe (the default).
    Full,
    /// Press the palms together, notice the pressure, release, notice.
    Palms,
    /// Hold something warm, or step into cool air, and notice.
    Temperature,
}

impl ScanVariant {
    /// The variant's id, as in `variant="palms"`.
    pub fn id(self) -> &'static str {
        match self {
            ScanVariant::Full => "full",
            ScanVariant::Palms => "palms",
            ScanVariant::Temperature => "temperature",
        }
    }

    /// The steps, in order.
    pub fn steps(self) -> &'static [ScanStep] {
        match self {
            ScanVariant::Full => FULL_STEPS,
            ScanVariant::Palms => PALMS_STEPS,
            ScanVariant::Temperature => TEMPERATURE_STEPS,
        }
    }

    /// How its length and a step's place are said: the body scan's are parts of the body, the
    /// short exercises' are steps ("4 steps", "Step 2 of 4").
    pub fn step_words(self) -> (Msg, Msg) {
        match self {
            ScanVariant::Full => (Msg::ScanLength, Msg::PartOf),
            _ => (Msg::StepsLength, Msg::StepOf),
        }
    }

    /// The title shown above the scan.
    pub fn title(self) -> Msg {
        match self {
            ScanVariant::Full => Msg::BodyScanTitle,
            ScanVariant::Palms => Msg::PalmsTitle,
            ScanVariant::Temperature => Msg::TemperatureTitle,
        }
    }

    /// The short introduction.
    pub fn intro(self) -> Msg {
        match self {
            ScanVariant::Full => Msg::BodyScanIntro,
            ScanVariant::Palms => Msg::PalmsIntro,
            ScanVariant::Temperature => Msg::TemperatureIntro,
        }
    }
}

/// A region of the body, head to toe. The order is the scan's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    /// Head and face.
    Head,
    /// Jaw.
    Jaw,
    /// Neck and shoulders.
    Neck,
    /// Arms and hands.
    Arms,
    /// Chest.
    Chest,
    /// Belly.
    Belly,
    /// Back.
    Back,
    /// Hips.
    Hips,
    /// Legs.
    Legs,
    /// Feet.
    Feet,
}

impl Region {
    /// Every region, head to toe.
    pub const ALL: [Region; 10] = [
        Region::Head,
        Region::Jaw,
        Region::Neck,
        Region::Arms,
        Region::Chest,
        Region::Belly,
        Region::Back,
        Region::Hips,
        Region::Legs,
        Region::Feet,
    ];

    /// The stable id: `head`, `jaw`, `neck`, `arms`, `chest`, `belly`, `back`, `hips`, `legs`,
    /// `feet`.
    pub fn id(self) -> &'static str {
        match self {
            Region::Head => "head",
            Region::Jaw => "jaw",
            Region::Neck => "neck",
            Region::Arms => "arms",
            Region::Chest => "chest",
            Region::Belly => "belly",
            Region::Back => "back",
            Region::Hips => "hips",
            Region::Legs => "legs",
            Region::Feet => "feet",
        }
    }

    /// The region's name ("Neck and shoulders").
    pub fn name(self) -> Msg {
        match self {
            Region::Head => Msg::RegionHead,
            Region::Jaw => Msg::RegionJaw,
            Region::Neck => Msg::RegionNeck,
            Region::Arms => Msg::RegionArms,
            Region::Chest => Msg::RegionChest,
            Region::Belly => Msg::RegionBelly,
            Region::Back => Msg::RegionBack,
            Region::Hips => Msg::RegionHips,
            Region::Legs => Msg::RegionLegs,
            Region::Feet => Msg::RegionFeet,
        }
    }

    /// The invitation while resting on the region.
    pub fn prompt(self) -> Msg {
        match self {
            Region::Head => Msg::PromptHead,
            Region::Jaw => Msg::PromptJaw,
            Region::Neck => Msg::PromptNeck,
            Region::Arms => Msg::PromptArms,
            Region::Chest => Msg::PromptChest,
            Region::Belly => Msg::PromptBelly,
            Region::Back => Msg::PromptBack,
            Region::Hips => Msg::PromptHips,
            Region::Legs => Msg::PromptLegs,
            Region::Feet => Msg::PromptFeet,
        }
    }
}

/// The steps of the palms variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PalmsStep {
    /// Bring the palms together.
    Join,
    /// Press gently and notice the pressure.
    Press,
    /// Slowly release.
    Release,
    /// Notice what is there afterwards.
    Notice,
}

/// The steps of the temperature variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemperatureStep {
    /// Find something warm to hold, or cooler air.
    Find,
    /// Notice the temperature on the skin.
    Feel,
    /// Stay with it a little longer.
    Stay,
    /// Let go and notice what stays.
    After,
}

/// One resting place of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanStep {
    /// A region of the full scan.
    Region(Region),
    /// A step of the palms variant.
    Palms(PalmsStep),
    /// A step of the temperature variant.
    Temperature(TemperatureStep),
}

const FULL_STEPS: &[ScanStep] = &[
    ScanStep::Region(Region::Head),
    ScanStep::Region(Region::Jaw),
    ScanStep::Region(Region::Neck),
    ScanStep::Region(Region::Arms),
    ScanStep::Region(Region::Chest),
    ScanStep::Region(Region::Belly),
    ScanStep::Region(Region::Back),
    ScanStep::Region(Region::Hips),
    ScanStep::Region(Region::Legs),
    ScanStep::Region(Region::Feet),
];

const PALMS_STEPS: &[ScanStep] = &[
    ScanStep::Palms(PalmsStep::Join),
    ScanStep::Palms(PalmsStep::Press),
    ScanStep::Palms(PalmsStep::Release),
    ScanStep::Palms(PalmsStep::Notice),
];

const TEMPERATURE_STEPS: &[ScanStep] = &[
    ScanStep::Temperature(TemperatureStep::Find),
    ScanStep::Temperature(TemperatureStep::Feel),
    ScanStep::Temperature(TemperatureStep::Stay),
    ScanStep::Temperature(TemperatureStep::After),
];

impl ScanStep {
    /// The stable id for `attune:step` and records: a region's id, or `palms-join`,
    /// `palms-press`, `palms-release`, `palms-notice`, `temperature-find`, `temperature-feel`,
    /// `temperature-stay`, `temperature-after`.
    pub fn id(self) -> &'static str {
        match self {
            ScanStep::Region(r) => r.id(),
            ScanStep::Palms(PalmsStep::Join) => "palms-join",
            ScanStep::Palms(PalmsStep::Press) => "palms-press",
            ScanStep::Palms(PalmsStep::Release) => "palms-release",
            ScanStep::Palms(PalmsStep::Notice) => "palms-notice",
            ScanStep::Temperature(TemperatureStep::Find) => "temperature-find",
            ScanStep::Temperature(TemperatureStep::Feel) => "temperature-feel",
            ScanStep::Temperature(TemperatureStep::Stay) => "temperature-stay",
            ScanStep::Temperature(TemperatureStep::After) => "temperature-after",
        }
    }

    /// What the visitor is invited to do or notice.
    pub fn prompt(self) -> Msg {
        match self {
            ScanStep::Region(r) => r.prompt(),
            ScanStep::Palms(PalmsStep::Join) => Msg::PalmsJoin,
            ScanStep::Palms(PalmsStep::Press) => Msg::PalmsPress,
            ScanStep::Palms(PalmsStep::Release) => Msg::PalmsRelease,
            ScanStep::Palms(PalmsStep::Notice) => Msg::PalmsNotice,
            ScanStep::Temperature(TemperatureStep::Find) => Msg::TemperatureFind,
            ScanStep::Temperature(TemperatureStep::Feel) => Msg::TemperatureFeel,
            ScanStep::Temperature(TemperatureStep::Stay) => Msg::TemperatureStay,
            ScanStep::Temperature(TemperatureStep::After) => Msg::TemperatureAfter,
        }
    }

    /// The step's short name, where what was noticed in it is listed at the end: a region's
    /// name, or what the visitor did ("Pressing", "On the skin"), not a bare "Part 2 of 4".
    pub fn name(self) -> Msg {
        match self {
            ScanStep::Region(r) => r.name(),
            ScanStep::Palms(PalmsStep::Join) => Msg::StepHandsTogether,
            ScanStep::Palms(PalmsStep::Press) => Msg::StepPressing,
            ScanStep::Palms(PalmsStep::Release) => Msg::StepLettingGo,
            ScanStep::Temperature(TemperatureStep::Find) => Msg::StepWarmOrCool,
            ScanStep::Temperature(TemperatureStep::Feel) => Msg::StepOnTheSkin,
            ScanStep::Temperature(TemperatureStep::Stay) => Msg::StepStaying,
            ScanStep::Palms(PalmsStep::Notice) | ScanStep::Temperature(TemperatureStep::After) => {
                Msg::StepAfterwards
            }
        }
    }

    /// Where on the body outline what is noticed in this step shows: the region itself, or the
    /// arms and hands for both variants (palms, and the hands around a mug or in cool air).
    pub fn area(self) -> Region {
        match self {
            ScanStep::Region(r) => r,
            ScanStep::Palms(_) | ScanStep::Temperature(_) => Region::Arms,
        }
    }
}

/// Something the visitor may notice in a region. "Nothing noticed" is a full answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensation {
    /// Warmth.
    Warmth,
    /// Coolness.
    Coolness,
    /// Tension.
    Tension,
    /// Ease.
    Ease,
    /// Tingling.
    Tingling,
    /// Pressure.
    Pressure,
    /// Heaviness.
    Heaviness,
    /// Lightness.
    Lightness,
    /// Movement.
    Movement,
    /// Nothing noticed: excludes the others.
    Nothing,
}

impl Sensation {
    /// Every sensation, in the order the tags are shown ("nothing noticed" last).
    pub const ALL: [Sensation; 10] = [
        Sensation::Warmth,
        Sensation::Coolness,
        Sensation::Tension,
        Sensation::Ease,
        Sensation::Tingling,
        Sensation::Pressure,
        Sensation::Heaviness,
        Sensation::Lightness,
        Sensation::Movement,
        Sensation::Nothing,
    ];

    /// The stable id: `warmth`, `coolness`, `tension`, `ease`, `tingling`, `pressure`,
    /// `heaviness`, `lightness`, `movement`, `nothing`.
    pub fn id(self) -> &'static str {
        match self {
            Sensation::Warmth => "warmth",
            Sensation::Coolness => "coolness",
            Sensation::Tension => "tension",
            Sensation::Ease => "ease",
            Sensation::Tingling => "tingling",
            Sensation::Pressure => "pressure",
            Sensation::Heaviness => "heaviness",
            Sensation::Lightness => "lightness",
            Sensation::Movement => "movement",
            Sensation::Nothing => "nothing",
        }
    }

    /// Reads an id (as a tag button's `data-value` carries it).
    pub fn from_id(id: &str) -> Option<Sensation> {
        Sensation::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The tag's words.
    pub fn name(self) -> Msg {
        match self {
            Sensation::Warmth => Msg::SenseWarmth,
            Sensation::Coolness => Msg::SenseCoolness,
            Sensation::Tension => Msg::SenseTension,
            Sensation::Ease => Msg::SenseEase,
            Sensation::Tingling => Msg::SenseTingling,
            Sensation::Pressure => Msg::SensePressure,
            Sensation::Heaviness => Msg::SenseHeaviness,
            Sensation::Lightness => Msg::SenseLightness,
            Sensation::Movement => Msg::SenseMovement,
            Sensation::Nothing => Msg::SenseNothing,
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// What the visitor tagged in one step.
///
/// Several sensations may be chosen together. "Nothing noticed" excludes them: choosing it
/// clears the others (and the intensity), choosing another clears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tags {
    bits: u16,
    intensity: Option<u8>,
}

impl Tags {
    /// Whether a sensation is chosen.
    pub fn contains(&self, s: Sensation) -> bool {
        self.bits & s.bit() != 0
    }

    /// The chosen sensations, in [`Sensation::ALL`] order.
    pub fn sensations(&self) -> impl Iterator<Item = Sensation> + '_ {
        Sensation::ALL.into_iter().filter(|s| self.contains(*s))
    }

    /// The intensity, 0 to 10, if given.
    pub fn intensity(&self) -> Option<u8> {
        self.intensity
    }

    /// Nothing chosen, no intensity.
    pub fn is_empty(&self) -> bool {
        self.bits == 0 && self.intensity.is_none()
    }

    /// Something was noticed: a sensation other than "nothing", or an intensity.
    pub fn noticed_something(&self) -> bool {
        (self.bits & !Sensation::Nothing.bit()) != 0 || self.intensity.is_some()
    }

    /// Chooses or unchooses a sensation, keeping "nothing noticed" exclusive.
    pub fn toggle(&mut self, s: Sensation) {
        if self.contains(s) {
            self.bits &= !s.bit();
        } else if s == Sensation::Nothing {
            self.bits = s.bit();
            self.intensity = None;
        } else {
            self.bits = (self.bits & !Sensation::Nothing.bit()) | s.bit();
        }
    }

    /// Sets (or with `None` clears) the intensity. Refused (returns false) above 10, and while
    /// "nothing noticed" is chosen.
    pub fn set_intensity(&mut self, value: Option<u8>) -> bool {
        match value {
            Some(v) if v > MAX_INTENSITY || self.contains(Sensation::Nothing) => false,
            _ => {
                let changed = self.intensity != value;
                self.intensity = value;
                changed
            }
        }
    }
}

/// Where a scan is in its life, as in the host's `data-state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanState {
    /// Not started, or stopped.
    Idle,
    /// Resting on a step, the time running.
    Running,
    /// Paused: the time stands still.
    Paused,
    /// The last step is over: the summary.
    Done,
}

impl ScanState {
    /// The host's `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            ScanState::Idle => "idle",
            ScanState::Running => "running",
            ScanState::Paused => "paused",
            ScanState::Done => "done",
        }
    }
}

/// What the scan shows at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanFrame {
    /// The state after this tick.
    pub state: ScanState,
    /// Zero-based index of the current step.
    pub index: usize,
    /// The current step.
    pub step: ScanStep,
    /// Share of the current step's time behind us, 0 to 1 (1 when done).
    pub progress: f64,
    /// Whole seconds left in this step (at least 1 while time remains; 0 once it is up, which
    /// in manual mode means "move on whenever you like").
    pub seconds_left: u32,
    /// True on the first tick in a new step (also one reached by `next` or `back`, or several
    /// steps on after a hidden tab): announce it, once.
    pub entered_region: bool,
    /// True on the tick that reports the end of the last step.
    pub just_finished: bool,
    /// The visitor touched this step's tags or strength: time no longer moves it on (in
    /// `Advance::Auto` too) until Next.
    pub held: bool,
    /// Active milliseconds since the start, pauses not counted.
    pub elapsed_ms: f64,
}

/// The body scan's state machine. It reads no clock: every call is told the time, in
/// milliseconds.
///
/// Transitions:
/// - `Idle --start(now)--> Running` on the first step, tags cleared.
/// - `Running --pause(now)--> Paused --resume(now)--> Running`: paused time does not count, so a
///   pause just before a step's end resumes in the same step at the same point, however long.
/// - `Running --tick(now)--> Running` on a later step, in `Advance::Auto`, when the step's
///   time is up. A tick after a long gap (a hidden tab) lands on the step the time says,
///   several steps on if need be; that step is announced once (`entered_region`), the steps in
///   between are not.
/// - `Running --tick(now) past the last step's time--> Done` (`Advance::Auto` only). In
///   `Advance::Manual` time never moves the scan: progress stops at 1 and waits.
/// - `Running | Paused --next(now)-->` the next step, its time from the start, in the same
///   state; from the last step, `Done`.
/// - `Running | Paused --back(now)-->` the previous step, its time from the start; on the first
///   step nothing happens. `Done --back(now)--> Running` on the last step, tags kept.
/// - `Running | Paused --hold(now)-->` the same state, with the current step held: time no
///   longer moves it on, as in `Advance::Manual`, until `next` or `back` (someone choosing a tag
///   is not hurried to the next region).
/// - `Done --start(now)--> Running` from the first step again, tags cleared.
/// - `any --stop()--> Idle`; tags are kept until the next start, for the summary.
///
/// Time never runs backwards: a time earlier than one already seen is read as the latest seen,
/// and a time that is not a number changes nothing.
#[derive(Debug, Clone)]
pub struct BodyScan {
    variant: ScanVariant,
    steps: &'static [ScanStep],
    step_ms: f64,
    advance: Advance,
    state: ScanState,
    index: usize,
    /// Active ms at which the current step began.
    step_start: f64,
    /// Active ms behind us when the current run (since start or the last resume) began; while
    /// paused, all active ms so far.
    active_before: f64,
    /// When the current run began.
    run_from: f64,
    done_elapsed: f64,
    latest: f64,
    announced: Option<usize>,
    finish_unreported: bool,
    /// The step the visitor is answering, which time does not move on from.
    held: Option<usize>,
    tags: Vec<Tags>,
}

impl BodyScan {
    /// An idle scan of `variant`, each step resting `seconds` (kept within [`SECONDS_RANGE`]).
    pub fn new(variant: ScanVariant, seconds: u32, advance: Advance) -> Self {
        let steps = variant.steps();
        let seconds = seconds.clamp(SECONDS_RANGE.0, SECONDS_RANGE.1);
        BodyScan {
            variant,
            steps,
            step_ms: f64::from(seconds) * 1000.0,
            advance,
            state: ScanState::Idle,
            index: 0,
            step_start: 0.0,
            active_before: 0.0,
            run_from: 0.0,
            done_elapsed: 0.0,
            latest: f64::NEG_INFINITY,
            announced: None,
            finish_unreported: false,
            held: None,
            tags: vec![Tags::default(); steps.len()],
        }
    }

    /// The variant.
    pub fn variant(&self) -> ScanVariant {
        self.variant
    }

    /// The steps, in order.
    pub fn steps(&self) -> &'static [ScanStep] {
        self.steps
    }

    /// The current state.
    pub fn state(&self) -> ScanState {
        self.state
    }

    /// Zero-based index of the current step.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The current step.
    pub fn step(&self) -> ScanStep {
        self.steps
            .get(self.index)
            .copied()
            .unwrap_or(ScanStep::Region(Region::Head))
    }

    fn last_index(&self) -> usize {
        self.steps.len().saturating_sub(1)
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

    /// Active milliseconds at `now`, pauses not counted.
    fn elapsed_at(&self, now: f64) -> f64 {
        match self.state {
            ScanState::Idle => 0.0,
            ScanState::Done => self.done_elapsed,
            ScanState::Paused => self.active_before,
            ScanState::Running => self.active_before + (now - self.run_from).max(0.0),
        }
    }

    /// In auto mode, moves the step on to where the time says (maybe past the end).
    fn catch_up(&mut self, now: f64) {
        if self.state != ScanState::Running
            || self.advance == Advance::Manual
            || self.held == Some(self.index)
        {
            return;
        }
        let elapsed = self.elapsed_at(now);
        let into = elapsed - self.step_start;
        if into < self.step_ms {
            return;
        }
        let whole = super::num::floor(into / self.step_ms);
        let left = (self.last_index() - self.index.min(self.last_index())) as f64;
        if whole > left {
            self.index = self.last_index();
            self.finish(self.step_start + (left + 1.0) * self.step_ms);
        } else {
            self.index += whole as usize;
            self.step_start += whole * self.step_ms;
        }
    }

    fn finish(&mut self, elapsed: f64) {
        self.state = ScanState::Done;
        self.done_elapsed = elapsed;
        self.finish_unreported = true;
    }

    fn restart_clock(&mut self, now: f64) {
        self.active_before = 0.0;
        self.run_from = now;
        self.step_start = 0.0;
    }

    /// Starts from the first step (from idle or done), clearing the tags; ignored while running
    /// or paused.
    pub fn start(&mut self, now: f64) {
        if matches!(self.state, ScanState::Idle | ScanState::Done) {
            let now = self.clamp_now(now);
            self.restart_clock(now);
            self.state = ScanState::Running;
            self.index = 0;
            self.announced = None;
            self.finish_unreported = false;
            self.held = None;
            self.tags.iter_mut().for_each(|t| *t = Tags::default());
        }
    }

    /// Holds the current step (the visitor is choosing its tags or strength): first catching
    /// up with the time, so a touch lands on the step the visitor sees, then letting time stop
    /// moving it on until `next` or `back`.
    pub fn hold(&mut self, now: f64) {
        if matches!(self.state, ScanState::Running | ScanState::Paused) {
            let now = self.clamp_now(now);
            self.catch_up(now);
            if self.state != ScanState::Done {
                self.held = Some(self.index);
            }
        }
    }

    /// Lets time move the current step on again after a hold nobody answered (the keyboard
    /// passed through the tags and on, choosing nothing). The step's time starts afresh, so
    /// the time spent held skips nothing; a step with tags chosen stays held.
    pub fn release(&mut self, now: f64) {
        let answered = self.tags(self.index).is_some_and(|t| !t.is_empty());
        if self.held == Some(self.index) && !answered {
            let now = self.clamp_now(now);
            self.held = None;
            self.step_start = self.elapsed_at(now);
        }
    }

    /// Pauses a running scan (in auto mode, first catching up with the time).
    pub fn pause(&mut self, now: f64) {
        if self.state == ScanState::Running {
            let now = self.clamp_now(now);
            self.catch_up(now);
            if self.state == ScanState::Running {
                self.active_before = self.elapsed_at(now);
                self.state = ScanState::Paused;
            }
        }
    }

    /// Resumes a paused scan at the same point of the same step.
    pub fn resume(&mut self, now: f64) {
        if self.state == ScanState::Paused {
            let now = self.clamp_now(now);
            self.run_from = now;
            self.state = ScanState::Running;
        }
    }

    /// Moves on to the next step (from the last one: done), running or paused.
    pub fn next(&mut self, now: f64) {
        if !matches!(self.state, ScanState::Running | ScanState::Paused) {
            return;
        }
        let now = self.clamp_now(now);
        self.catch_up(now);
        if self.state == ScanState::Done {
            return;
        }
        let elapsed = self.elapsed_at(now);
        self.held = None;
        if self.index < self.last_index() {
            self.index += 1;
            self.step_start = elapsed;
        } else {
            self.finish(elapsed);
        }
    }

    /// Goes back to the previous step (nothing on the first); from done, back to the last step,
    /// running again.
    pub fn back(&mut self, now: f64) {
        let now = self.clamp_now(now);
        match self.state {
            ScanState::Idle => {}
            ScanState::Done => {
                // The active time goes on from where it ended; the last step starts afresh.
                self.active_before = self.done_elapsed;
                self.run_from = now;
                self.step_start = self.done_elapsed;
                self.index = self.last_index();
                self.state = ScanState::Running;
                self.finish_unreported = false;
                self.announced = None;
            }
            ScanState::Running | ScanState::Paused => {
                self.catch_up(now);
                if self.state == ScanState::Done {
                    return;
                }
                if self.index > 0 {
                    self.index -= 1;
                    self.held = None;
                    self.step_start = self.elapsed_at(now);
                }
            }
        }
    }

    /// Stops and returns to idle. The tags stay readable until the next start.
    pub fn stop(&mut self) {
        self.state = ScanState::Idle;
        self.index = 0;
        self.announced = None;
        self.finish_unreported = false;
    }

    /// Advances to `now` and says what to show.
    pub fn tick(&mut self, now: f64) -> ScanFrame {
        let now = self.clamp_now(now);
        self.catch_up(now);
        let elapsed = self.elapsed_at(now);
        let into = within(elapsed - self.step_start, 0.0, self.step_ms);
        let left = self.step_ms - into;
        let (progress, seconds_left) = match self.state {
            ScanState::Idle => (0.0, (self.step_ms / 1000.0) as u32),
            ScanState::Done => (1.0, 0),
            ScanState::Running | ScanState::Paused => {
                let secs = if left > 0.0 {
                    (super::num::ceil(left / 1000.0) as u32).max(1)
                } else {
                    0
                };
                (within(into / self.step_ms, 0.0, 1.0), secs)
            }
        };
        let live = matches!(self.state, ScanState::Running | ScanState::Paused);
        let entered_region = live && self.announced != Some(self.index);
        if live {
            self.announced = Some(self.index);
        }
        let just_finished = core::mem::take(&mut self.finish_unreported);
        let held = live && self.advance == Advance::Auto && self.held == Some(self.index);
        ScanFrame {
            held,
            state: self.state,
            index: self.index,
            step: self.step(),
            progress,
            seconds_left,
            entered_region,
            just_finished,
            elapsed_ms: elapsed,
        }
    }

    /// When, at the latest, the next tick is needed after `now`: the end of the current step's
    /// time while running (a step change in auto mode, the cue completing in manual mode).
    /// `None` when nothing will change by itself.
    pub fn next_deadline(&self, now: f64) -> Option<f64> {
        if self.state != ScanState::Running {
            return None;
        }
        let now = if now.is_finite() {
            now.max(self.latest)
        } else {
            self.latest
        };
        let into = self.elapsed_at(now) - self.step_start;
        (into < self.step_ms).then_some(now + (self.step_ms - into))
    }

    /// Whether time is holding the current step for the visitor (see [`BodyScan::hold`]).
    pub fn held(&self) -> bool {
        self.held == Some(self.index)
    }

    /// The tags of step `index`, if there is such a step.
    pub fn tags(&self, index: usize) -> Option<&Tags> {
        self.tags.get(index)
    }

    /// Chooses or unchooses a sensation on the current step, while running or paused. Returns
    /// whether anything changed.
    pub fn toggle_tag(&mut self, s: Sensation) -> bool {
        if !matches!(self.state, ScanState::Running | ScanState::Paused) {
            return false;
        }
        match self.tags.get_mut(self.index) {
            Some(t) => {
                t.toggle(s);
                true
            }
            None => false,
        }
    }

    /// Sets or clears the current step's intensity (0 to 10), while running or paused. Returns
    /// whether anything changed; see [`Tags::set_intensity`] for what is refused.
    pub fn set_intensity(&mut self, value: Option<u8>) -> bool {
        if !matches!(self.state, ScanState::Running | ScanState::Paused) {
            return false;
        }
        self.tags
            .get_mut(self.index)
            .is_some_and(|t| t.set_intensity(value))
    }

    /// The regions where something was noticed (not "nothing"), head to toe, each once: what
    /// the body outline lights up.
    pub fn noticed_regions(&self) -> Vec<Region> {
        let mut out: Vec<Region> = self
            .steps
            .iter()
            .zip(&self.tags)
            .filter(|(_, t)| t.noticed_something())
            .map(|(s, _)| s.area())
            .vec();
        // The small sort in `num`: the standard one costs kilobytes of wasm per use.
        crate::core::num::sort_by(&mut out, |a, b| a < b);
        out.dedup();
        out
    }
}

/// The body outline's text alternative: "Something was noticed in: chest, arms and hands." or,
/// when nothing was, a sentence that says that is fine too.
pub fn outline_text(lang: Lang, regions: &[Region]) -> String {
    if regions.is_empty() {
        return text(lang, Msg::OutlineNothing).to_string();
    }
    let mut list = String::new();
    for (i, r) in regions.iter().enumerate() {
        if i > 0 {
            list.push_str(text(lang, Msg::ListSep));
        }
        list.push_str(&in_list(text(lang, r.name())));
    }
    fill(text(lang, Msg::OutlineNoticed), &[("regions", &list)])
}

/// The body scan's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyScanConfig {
    /// Seconds each region rests, within [`SECONDS_RANGE`].
    pub seconds: u32,
    /// Moving on by itself or by hand.
    pub advance: Advance,
    /// The full scan or a short variant.
    pub variant: ScanVariant,
    /// Offer the "how at ease is your body now?" question at the end.
    pub rating: bool,
}

/// Reads the body scan's own options: `seconds`, `advance`, `variant`, `rating`.
pub fn parse(raw: &RawOptions) -> Result<BodyScanConfig, OptionError> {
    let (min, max) = SECONDS_RANGE;
    let seconds = match raw.value("seconds") {
        None => DEFAULT_SECONDS,
        Some(given) => match parse_decimal(given) {
            Some(v)
                if super::num::fract(v) == 0.0
                    && (f64::from(min)..=f64::from(max)).contains(&v) =>
            {
                v as u32
            }
            _ => return Err(bad("seconds", given, Expected::Whole { min, max })),
        },
    };
    let advance = one_of(
        raw,
        "advance",
        &["auto", "manual"],
        &[Advance::Auto, Advance::Manual],
        Advance::Auto,
    )?;
    let variant = one_of(
        raw,
        "variant",
        &["full", "palms", "temperature"],
        &[
            ScanVariant::Full,
            ScanVariant::Palms,
            ScanVariant::Temperature,
        ],
        ScanVariant::Full,
    )?;
    let rating = on_off(raw, "rating", true)?;
    Ok(BodyScanConfig {
        seconds,
        advance,
        variant,
        rating,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(seconds: u32, advance: Advance) -> BodyScan {
        BodyScan::new(ScanVariant::Full, seconds, advance)
    }

    fn region(f: &ScanFrame) -> &'static str {
        f.step.id()
    }

    #[test]
    fn a_hold_nobody_answered_is_released_with_the_steps_time_afresh() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.hold(5_000.0); // the keyboard reached the tags
        assert_eq!(s.tick(65_000.0).index, 0, "held a minute");
        s.release(65_000.0); // and went on, choosing nothing
        let f = s.tick(65_000.0);
        assert_eq!(
            (f.index, f.held),
            (0, false),
            "nothing skipped for the time held"
        );
        assert_eq!(s.tick(84_900.0).index, 0);
        assert_eq!(
            s.tick(85_000.0).index,
            1,
            "a whole step's time from the release"
        );
        // With a tag chosen, the hold stays.
        s.hold(86_000.0);
        s.toggle_tag(Sensation::Warmth);
        s.release(87_000.0);
        assert!(s.tick(200_000.0).held);
        assert_eq!(s.tick(200_000.0).index, 1);
    }

    #[test]
    fn a_tag_chosen_at_15_s_holds_the_region_past_20_s_until_next() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        assert_eq!(region(&s.tick(15_000.0)), "head");
        s.hold(15_000.0);
        assert!(s.toggle_tag(Sensation::Warmth));
        let f = s.tick(20_500.0);
        assert_eq!(region(&f), "head", "no jump while the visitor answers");
        assert!(f.held);
        assert_eq!(f.seconds_left, 0);
        assert_eq!(s.next_deadline(20_500.0), None, "nothing to wake up for");
        // A minute later, still there; Next moves on, and the next region runs on time again.
        assert_eq!(region(&s.tick(80_000.0)), "head");
        s.next(80_000.0);
        let f = s.tick(80_000.0);
        assert_eq!(region(&f), "jaw");
        assert!(!f.held);
        assert_eq!(region(&s.tick(100_500.0)), "neck");
    }

    #[test]
    fn a_touch_just_after_the_time_lands_on_the_region_shown_by_then() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.tick(19_000.0);
        // The region changed at 20 s; a tap at 20.3 s holds the new one, not the old.
        s.hold(20_300.0);
        let f = s.tick(45_000.0);
        assert_eq!(region(&f), "jaw");
        assert!(f.held);
        // Back releases the hold too.
        s.back(45_000.0);
        assert!(!s.held());
        assert_eq!(region(&s.tick(66_000.0)), "jaw");
    }

    #[test]
    fn regions_and_ids_are_head_to_toe() {
        let ids: Vec<_> = ScanVariant::Full.steps().iter().map(|s| s.id()).collect();
        assert_eq!(
            ids,
            ["head", "jaw", "neck", "arms", "chest", "belly", "back", "hips", "legs", "feet"]
        );
        assert_eq!(Region::ALL.map(|r| r.id()).to_vec(), ids);
        assert_eq!(ScanVariant::Palms.steps().len(), 4);
        assert_eq!(ScanVariant::Temperature.steps().len(), 4);
        for s in Sensation::ALL {
            assert_eq!(Sensation::from_id(s.id()), Some(s));
        }
        assert_eq!(Sensation::from_id("joy"), None);
    }

    #[test]
    fn idle_shows_the_first_region_and_nothing_runs() {
        let mut s = scan(20, Advance::Auto);
        let f = s.tick(50_000.0);
        assert_eq!(
            (f.state, f.index, f.progress, f.seconds_left),
            (ScanState::Idle, 0, 0.0, 20)
        );
        assert!(!f.entered_region && !f.just_finished);
        assert!(!s.toggle_tag(Sensation::Warmth));
        s.next(60_000.0);
        s.pause(60_000.0);
        s.resume(60_000.0);
        s.back(60_000.0);
        assert_eq!((s.state(), s.index()), (ScanState::Idle, 0));
    }

    #[test]
    fn auto_mode_rests_then_moves_on_and_announces_once() {
        let mut s = scan(20, Advance::Auto);
        s.start(1_000.0);
        let f = s.tick(1_000.0);
        assert!(f.entered_region);
        assert_eq!(
            (region(&f), f.seconds_left, f.state),
            ("head", 20, ScanState::Running)
        );
        let f = s.tick(11_000.0);
        assert!(!f.entered_region);
        assert!((f.progress - 0.5).abs() < 1e-9);
        assert_eq!(f.seconds_left, 10);
        assert_eq!(s.tick(20_999.0).seconds_left, 1);
        let f = s.tick(21_000.0);
        assert_eq!(
            (region(&f), f.entered_region, f.seconds_left),
            ("jaw", true, 20)
        );
        assert!(!s.tick(21_016.0).entered_region);
        assert_eq!(s.next_deadline(21_016.0), Some(41_000.0));
    }

    #[test]
    fn auto_mode_finishes_after_the_last_region_once() {
        let mut s = scan(2, Advance::Auto);
        s.start(0.0);
        assert_eq!(s.tick(19_999.0).index, 9);
        let f = s.tick(20_000.0);
        assert!(f.just_finished);
        assert_eq!(
            (f.state, f.progress, f.seconds_left, f.index),
            (ScanState::Done, 1.0, 0, 9)
        );
        assert_eq!(f.elapsed_ms, 20_000.0);
        let f = s.tick(30_000.0);
        assert!(!f.just_finished && !f.entered_region);
        assert_eq!(f.elapsed_ms, 20_000.0);
        assert_eq!(s.next_deadline(30_000.0), None);
    }

    #[test]
    fn a_pause_across_a_boundary_resumes_in_the_same_region_at_the_same_point() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.tick(0.0);
        s.pause(19_500.0);
        // Well past the boundary, still paused in the first region.
        let f = s.tick(25_000.0);
        assert_eq!(
            (f.state, region(&f), f.seconds_left),
            (ScanState::Paused, "head", 1)
        );
        assert!(!f.entered_region);
        assert_eq!(s.next_deadline(25_000.0), None);
        s.resume(30_000.0);
        let f = s.tick(30_400.0);
        assert_eq!((f.state, region(&f)), (ScanState::Running, "head"));
        assert!((f.progress - 0.995).abs() < 1e-9);
        let f = s.tick(30_500.0);
        assert_eq!(region(&f), "jaw");
        assert!(f.entered_region);
    }

    #[test]
    fn a_long_pause_changes_nothing() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.tick(45_000.0);
        s.pause(45_000.0);
        let before = s.tick(45_000.0);
        let during = s.tick(45_000.0 + 6.0 * 3_600_000.0);
        assert_eq!(
            (during.index, during.progress, during.seconds_left),
            (before.index, before.progress, before.seconds_left)
        );
        assert_eq!(during.elapsed_ms, 45_000.0);
        s.resume(45_000.0 + 6.0 * 3_600_000.0);
        let after = s.tick(45_000.0 + 6.0 * 3_600_000.0);
        assert_eq!((after.index, after.state), (2, ScanState::Running));
        assert!((after.progress - 0.25).abs() < 1e-9);
        assert!(!after.entered_region && !after.just_finished);
    }

    #[test]
    fn manual_mode_waits_for_the_visitor() {
        let mut s = scan(20, Advance::Manual);
        s.start(0.0);
        s.tick(0.0);
        let f = s.tick(600_000.0);
        assert_eq!(
            (region(&f), f.state, f.progress, f.seconds_left),
            ("head", ScanState::Running, 1.0, 0)
        );
        assert!(!f.entered_region);
        assert_eq!(s.next_deadline(600_000.0), None);
        s.next(600_000.0);
        let f = s.tick(605_000.0);
        assert_eq!((region(&f), f.seconds_left), ("jaw", 15));
        assert!(f.entered_region);
        assert_eq!(s.next_deadline(605_000.0), Some(620_000.0));
        for k in 0..8 {
            s.next(610_000.0 + f64::from(k));
        }
        assert_eq!(s.tick(700_000.0).index, 9);
        s.next(700_000.0);
        let f = s.tick(700_001.0);
        assert!(f.just_finished);
        assert_eq!(f.state, ScanState::Done);
    }

    #[test]
    fn a_long_hidden_gap_lands_several_regions_on_and_announces_once() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.tick(5_000.0);
        // Hidden for 95 s: 100 s in, the sixth region (belly) has just begun.
        let f = s.tick(100_000.0);
        assert_eq!((f.index, region(&f), f.seconds_left), (5, "belly", 20));
        assert!(f.entered_region);
        assert!(!s.tick(100_001.0).entered_region);
        // Hidden past the end: done, once.
        let f = s.tick(10_000_000.0);
        assert!(f.just_finished && !f.entered_region);
        assert_eq!(
            (f.state, f.index, f.elapsed_ms),
            (ScanState::Done, 9, 200_000.0)
        );
    }

    #[test]
    fn pausing_after_a_hidden_gap_pauses_where_the_time_says() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.pause(70_000.0);
        let f = s.tick(80_000.0);
        assert_eq!((f.state, f.index), (ScanState::Paused, 3));
        assert!(f.entered_region);
        assert!((f.progress - 0.5).abs() < 1e-9);
        // And past the end, the pause finds the scan done.
        let mut s = scan(2, Advance::Auto);
        s.start(0.0);
        s.pause(90_000.0);
        let f = s.tick(90_000.0);
        assert_eq!(f.state, ScanState::Done);
        assert!(f.just_finished);
    }

    #[test]
    fn next_and_back_move_by_hand_and_restart_the_step_time() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.tick(0.0);
        s.next(5_000.0);
        let f = s.tick(5_000.0);
        assert_eq!((region(&f), f.seconds_left), ("jaw", 20));
        assert!(f.entered_region);
        s.back(10_000.0);
        let f = s.tick(10_000.0);
        assert_eq!((region(&f), f.seconds_left), ("head", 20));
        assert!(f.entered_region);
        // Back on the first step does nothing, not even to its time.
        s.back(15_000.0);
        let f = s.tick(15_000.0);
        assert_eq!((region(&f), f.seconds_left), ("head", 15));
        assert!(!f.entered_region);
        // Next while paused: the next step, still paused, from its start.
        s.pause(16_000.0);
        s.next(17_000.0);
        let f = s.tick(50_000.0);
        assert_eq!(
            (f.state, region(&f), f.seconds_left),
            (ScanState::Paused, "jaw", 20)
        );
        assert!(f.entered_region);
        s.resume(60_000.0);
        assert_eq!(s.tick(70_000.0).seconds_left, 10);
        // Back while paused.
        s.pause(70_000.0);
        s.back(71_000.0);
        let f = s.tick(71_000.0);
        assert_eq!(
            (f.state, region(&f), f.seconds_left),
            (ScanState::Paused, "head", 20)
        );
    }

    #[test]
    fn next_catches_up_with_the_time_first() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        // The tab was hidden for 45 s: the scan is in the third region, so next goes to the fourth.
        s.next(45_000.0);
        assert_eq!(s.tick(45_000.0).index, 3);
    }

    #[test]
    fn back_from_done_returns_to_the_last_step_with_tags_kept() {
        let mut s = scan(2, Advance::Auto);
        s.start(0.0);
        s.tick(19_000.0);
        assert!(s.toggle_tag(Sensation::Heaviness));
        s.tick(20_000.0);
        assert_eq!(s.state(), ScanState::Done);
        assert!(!s.toggle_tag(Sensation::Ease));
        s.back(30_000.0);
        let f = s.tick(30_000.0);
        assert_eq!(
            (f.state, region(&f), f.seconds_left),
            (ScanState::Running, "feet", 2)
        );
        assert!(f.entered_region);
        assert!(s.tags(9).is_some_and(|t| t.contains(Sensation::Heaviness)));
        let f = s.tick(32_000.0);
        assert!(f.just_finished);
        assert_eq!(f.elapsed_ms, 22_000.0);
    }

    #[test]
    fn stop_goes_idle_keeps_tags_and_start_clears_them() {
        let mut s = scan(20, Advance::Auto);
        s.start(0.0);
        s.tick(25_000.0);
        assert!(s.toggle_tag(Sensation::Tension));
        s.stop();
        let f = s.tick(30_000.0);
        assert_eq!((f.state, f.index, f.elapsed_ms), (ScanState::Idle, 0, 0.0));
        assert_eq!(s.noticed_regions(), [Region::Jaw]);
        s.start(40_000.0);
        assert_eq!(s.noticed_regions(), []);
        let f = s.tick(40_000.0);
        assert_eq!(
            (f.state, f.index, f.seconds_left),
            (ScanState::Running, 0, 20)
        );
        assert!(f.entered_region);
        // Start while running is ignored.
        s.start(50_000.0);
        assert_eq!(s.tick(50_000.0).seconds_left, 10);
    }

    #[test]
    fn time_going_backwards_or_nan_does_not_move_the_scan_back() {
        let mut s = scan(20, Advance::Auto);
        s.start(100.0);
        let ahead = s.tick(50_100.0);
        let back = s.tick(2_000.0);
        assert_eq!(
            (back.index, back.elapsed_ms),
            (ahead.index, ahead.elapsed_ms)
        );
        let nan = s.tick(f64::NAN);
        assert_eq!(nan.elapsed_ms, ahead.elapsed_ms);
        let inf = s.tick(f64::INFINITY);
        assert_eq!(inf.elapsed_ms, ahead.elapsed_ms);
    }

    #[test]
    fn seconds_are_kept_in_range() {
        let mut s = BodyScan::new(ScanVariant::Full, 0, Advance::Auto);
        s.start(0.0);
        assert_eq!(s.tick(0.0).seconds_left, 2);
        let mut s = BodyScan::new(ScanVariant::Full, u32::MAX, Advance::Auto);
        s.start(0.0);
        assert_eq!(s.tick(0.0).seconds_left, 120);
    }

    #[test]
    fn nothing_noticed_is_exclusive_with_the_other_tags() {
        let mut t = Tags::default();
        t.toggle(Sensation::Warmth);
        t.toggle(Sensation::Tingling);
        assert!(t.set_intensity(Some(4)));
        assert_eq!(
            t.sensations().collect::<Vec<_>>(),
            [Sensation::Warmth, Sensation::Tingling]
        );
        assert!(t.noticed_something());
        t.toggle(Sensation::Nothing);
        assert_eq!(t.sensations().collect::<Vec<_>>(), [Sensation::Nothing]);
        assert_eq!(t.intensity(), None);
        assert!(!t.noticed_something() && !t.is_empty());
        assert!(!t.set_intensity(Some(2)));
        t.toggle(Sensation::Pressure);
        assert_eq!(t.sensations().collect::<Vec<_>>(), [Sensation::Pressure]);
        // Toggling again unchooses; nothing noticed can be unchosen too.
        t.toggle(Sensation::Pressure);
        assert!(t.is_empty());
        t.toggle(Sensation::Nothing);
        t.toggle(Sensation::Nothing);
        assert!(t.is_empty());
        assert!(!t.set_intensity(Some(11)));
        assert!(t.set_intensity(Some(10)));
        assert!(!t.set_intensity(Some(10)));
        assert!(t.set_intensity(None));
    }

    #[test]
    fn a_scan_with_every_sensation_and_strength_chosen_fits_one_record() {
        // Each part: every sensation but "nothing" (which excludes them), and a strength.
        let per_step = Sensation::ALL.len();
        for variant in [
            ScanVariant::Full,
            ScanVariant::Palms,
            ScanVariant::Temperature,
        ] {
            let steps = variant.steps();
            assert!(steps.len() * per_step <= crate::core::records::MAX_TAGS);
            let tags = steps
                .iter()
                .flat_map(|s| {
                    [
                        [s.id(), ":movement"].concat(),
                        [s.id(), ":intensity:10"].concat(),
                    ]
                })
                .collect::<Vec<_>>();
            assert!(tags.iter().all(|t| crate::core::records::valid_tag(t)));
        }
        assert_eq!(FULL_STEPS.len() * per_step, 100);
    }

    #[test]
    fn tags_belong_to_the_current_step_and_light_up_the_outline() {
        let mut s = scan(20, Advance::Manual);
        s.start(0.0);
        assert!(s.toggle_tag(Sensation::Nothing));
        s.next(1.0);
        s.next(2.0);
        s.next(3.0);
        s.next(4.0);
        assert!(s.toggle_tag(Sensation::Warmth));
        assert!(s.toggle_tag(Sensation::Movement));
        s.back(5.0);
        assert!(s.set_intensity(Some(3)));
        s.pause(6.0);
        s.next(7.0);
        s.next(8.0);
        assert!(s.toggle_tag(Sensation::Nothing));
        assert!(s
            .tags(4)
            .is_some_and(|t| t.contains(Sensation::Warmth) && t.contains(Sensation::Movement)));
        assert_eq!(s.tags(3).and_then(|t| t.intensity()), Some(3));
        assert!(s.tags(99).is_none());
        assert_eq!(s.noticed_regions(), [Region::Arms, Region::Chest]);
        assert_eq!(
            outline_text(Lang::En, &s.noticed_regions()),
            "Something was noticed in: arms and hands, chest."
        );
        assert!(outline_text(Lang::Es, &s.noticed_regions()).contains("brazos y manos, pecho"));
        assert_ne!(
            outline_text(Lang::En, &[]),
            outline_text(Lang::En, &[Region::Feet])
        );
    }

    #[test]
    fn variants_are_short_guided_sequences_on_the_same_machine() {
        let mut s = BodyScan::new(ScanVariant::Palms, 10, Advance::Auto);
        s.start(0.0);
        let ids: Vec<&str> = (0..4)
            .map(|k| s.tick(f64::from(k) * 10_000.0).step.id())
            .collect();
        assert_eq!(
            ids,
            ["palms-join", "palms-press", "palms-release", "palms-notice"]
        );
        assert!(s.toggle_tag(Sensation::Pressure));
        assert!(s.tick(40_000.0).just_finished);
        assert_eq!(s.noticed_regions(), [Region::Arms]);
        let mut t = BodyScan::new(ScanVariant::Temperature, 20, Advance::Manual);
        t.start(0.0);
        assert_eq!(t.tick(0.0).step.id(), "temperature-find");
        for k in 0..4 {
            t.next(f64::from(k));
        }
        assert!(t.tick(5.0).just_finished);
        assert_eq!(t.noticed_regions(), []);
        assert_eq!(t.variant().id(), "temperature");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone, Copy)]
    enum Ev {
        Start(f64),
        Pause(f64),
        Resume(f64),
        Next(f64),
        Back(f64),
        Stop,
        Tick(f64),
        Tag(usize),
        Intensity(Option<u8>),
    }

    fn time() -> impl Strategy<Value = f64> {
        prop_oneof![
            8 => 0.0f64..2_000_000.0,
            1 => proptest::num::f64::ANY,
        ]
    }

    fn ev() -> impl Strategy<Value = Ev> {
        prop_oneof![
            1 => time().prop_map(Ev::Start),
            1 => time().prop_map(Ev::Pause),
            1 => time().prop_map(Ev::Resume),
            1 => time().prop_map(Ev::Next),
            1 => time().prop_map(Ev::Back),
            1 => Just(Ev::Stop),
            4 => time().prop_map(Ev::Tick),
            1 => (0usize..12).prop_map(Ev::Tag),
            1 => any::<Option<u8>>().prop_map(Ev::Intensity),
        ]
    }

    proptest! {
        #[test]
        fn no_sequence_of_events_panics_or_breaks_the_rules(
            variant in 0u8..3,
            seconds in any::<u32>(),
            manual: bool,
            events in proptest::collection::vec(ev(), 0..120),
        ) {
            let variant = match variant { 0 => ScanVariant::Full, 1 => ScanVariant::Palms, _ => ScanVariant::Temperature };
            let advance = if manual { Advance::Manual } else { Advance::Auto };
            let mut s = BodyScan::new(variant, seconds, advance);
            let mut last_elapsed = 0.0;
            for e in events {
                let was = s.state();
                match e {
                    Ev::Start(t) => {
                        s.start(t);
                        last_elapsed = 0.0;
                    }
                    Ev::Pause(t) => s.pause(t),
                    Ev::Resume(t) => s.resume(t),
                    Ev::Next(t) => s.next(t),
                    Ev::Back(t) => s.back(t),
                    Ev::Stop => {
                        s.stop();
                        last_elapsed = 0.0;
                    }
                    Ev::Tick(t) => {
                        let f = s.tick(t);
                        prop_assert!((0.0..=1.0).contains(&f.progress));
                        prop_assert!(f.index < s.steps().len());
                        prop_assert!(f.seconds_left <= SECONDS_RANGE.1);
                        prop_assert!(f.elapsed_ms.is_finite() && f.elapsed_ms >= 0.0);
                        if f.state == ScanState::Running && was == ScanState::Running {
                            prop_assert!(f.elapsed_ms >= last_elapsed);
                        }
                        last_elapsed = f.elapsed_ms;
                        if f.just_finished {
                            prop_assert_eq!(f.state, ScanState::Done);
                        }
                    }
                    Ev::Tag(i) => {
                        if let Some(sen) = Sensation::ALL.get(i) {
                            s.toggle_tag(*sen);
                        }
                    }
                    Ev::Intensity(v) => {
                        s.set_intensity(v);
                    }
                }
                if manual && was == ScanState::Running && s.state() == ScanState::Done {
                    prop_assert!(matches!(e, Ev::Next(_)));
                }
                for k in 0..s.steps().len() {
                    let t = s.tags(k).copied().unwrap_or_default();
                    if t.contains(Sensation::Nothing) {
                        prop_assert_eq!(t.sensations().count(), 1);
                        prop_assert_eq!(t.intensity(), None);
                    }
                    prop_assert!(t.intensity().is_none_or(|v| v <= MAX_INTENSITY));
                }
            }
        }
    }
}

/// The scan's own options, read by [`parse`].
#[cfg(test)]
mod option_tests {
    use super::*;

    fn options(pairs: &[(&str, &str)]) -> Result<BodyScanConfig, OptionError> {
        parse(&RawOptions::new(pairs.iter().copied()))
    }

    #[test]
    fn gentle_defaults_and_options_read() {
        assert_eq!(
            options(&[]),
            Ok(BodyScanConfig {
                seconds: 20,
                advance: Advance::Auto,
                variant: ScanVariant::Full,
                rating: true,
            })
        );
        assert_eq!(
            options(&[
                ("seconds", "2"),
                ("advance", "manual"),
                ("variant", "palms")
            ]),
            Ok(BodyScanConfig {
                seconds: 2,
                advance: Advance::Manual,
                variant: ScanVariant::Palms,
                rating: true,
            })
        );
        assert!(matches!(
            options(&[("seconds", "120"), ("variant", "temperature")]),
            Ok(BodyScanConfig {
                seconds: 120,
                variant: ScanVariant::Temperature,
                ..
            })
        ));
    }

    #[test]
    fn bad_values_name_the_option_and_what_it_takes() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("seconds", "1")], "seconds"),
            (&[("seconds", "121")], "seconds"),
            (&[("seconds", "20.5")], "seconds"),
            (&[("seconds", "abc")], "seconds"),
            (&[("seconds", "-5")], "seconds"),
            (&[("advance", "fast")], "advance"),
            (&[("variant", "feet")], "variant"),
        ];
        for (pairs, option) in cases {
            match options(pairs) {
                Err(OptionError::BadValue { option: o, .. }) => assert_eq!(o, *option, "{pairs:?}"),
                other => panic!("{pairs:?} gave {other:?}"),
            }
        }
        assert_eq!(
            options(&[("seconds", "1")]),
            Err(OptionError::BadValue {
                option: "seconds",
                given: "1".into(),
                expected: Expected::Whole { min: 2, max: 120 }
            })
        );
        assert_eq!(
            options(&[("variant", "x")]),
            Err(OptionError::BadValue {
                option: "variant",
                given: "x".into(),
                expected: Expected::OneOf(&["full", "palms", "temperature"]),
            })
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod option_prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_whole_seconds_in_range_are_taken(s in 2u32..=120) {
            let raw = RawOptions::new([("seconds", s.to_string())]);
            let got = parse(&raw);
            let ok = matches!(got, Ok(BodyScanConfig { seconds, .. }) if seconds == s);
            prop_assert!(ok, "seconds={} gave {:?}", s, got);
        }
    }
}
