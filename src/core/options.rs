//! Options, from attributes, `data-` attributes or `Attune.mount(el, {...})`, parsed into typed
//! configs. Every value a page can give lands here first, as text; nothing here can panic, and
//! every refusal is an [`OptionError`] that names the option and what it takes.

use super::body_scan::{Advance, ScanVariant, DEFAULT_SECONDS, SECONDS_RANGE};
use super::breathing::{
    BreathPattern, BreathingPlan, Length, BPM_RANGE, DEFAULT_BPM, MAX_BREATHS, MINUTES_RANGE,
};
use super::grounding::GroundingMode;
use super::i18n::{fill, ltr, text, Lang, Msg};
use super::num::{parse_decimal, push_secs, uint};
use super::plan::{PlanCue, DAYS_RANGE, DEFAULT_DAYS};
use super::records::clean_text;

/// The exercises Attune offers, by the name used in `attune-NAME` and `data-attune="NAME"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    /// `attune-breathing`: the breathing pacer.
    Breathing,
    /// `attune-grounding`: the 5-4-3-2-1 sensory scan.
    Grounding,
    /// `attune-body-scan`: the head-to-toe body scan and its short variants.
    BodyScan,
    /// `attune-check-in`: where am I right now.
    CheckIn,
    /// `attune-pleasure`: the micro-pleasure tracker.
    Pleasure,
    /// `attune-plan`: the 14-day reconnection plan.
    Plan,
    /// `attune-summary`: a printable summary of what was practised, to bring to a session.
    Summary,
}

/// Widget names this version can show, for error messages.
pub const WIDGET_NAMES: &[&str] = &[
    "breathing",
    "grounding",
    "body-scan",
    "check-in",
    "pleasure",
    "plan",
    "summary",
];

impl WidgetKind {
    /// Reads a widget name (`breathing` or `attune-breathing`).
    pub fn parse(name: &str) -> Result<Self, OptionError> {
        let name = name.trim().to_ascii_lowercase();
        match name.strip_prefix("attune-").unwrap_or(&name) {
            "breathing" => Ok(WidgetKind::Breathing),
            "grounding" => Ok(WidgetKind::Grounding),
            "body-scan" => Ok(WidgetKind::BodyScan),
            "check-in" => Ok(WidgetKind::CheckIn),
            "pleasure" => Ok(WidgetKind::Pleasure),
            "plan" => Ok(WidgetKind::Plan),
            "summary" => Ok(WidgetKind::Summary),
            _ => Err(OptionError::UnknownWidget { given: clip(&name) }),
        }
    }

    /// The widget's name in events.
    pub fn as_str(self) -> &'static str {
        match self {
            WidgetKind::Breathing => "breathing",
            WidgetKind::Grounding => "grounding",
            WidgetKind::BodyScan => "body-scan",
            WidgetKind::CheckIn => "check-in",
            WidgetKind::Pleasure => "pleasure",
            WidgetKind::Plan => "plan",
            WidgetKind::Summary => "summary",
        }
    }
}

/// What a refused option should have been; the catalog turns it into words.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A language the catalog has: one in `locales/`, or one the site registered.
    Lang,
    /// A number between these, inclusive (decimals allowed).
    Number {
        /// Smallest accepted.
        min: f64,
        /// Largest accepted.
        max: f64,
    },
    /// A whole number between these, inclusive.
    Whole {
        /// Smallest accepted.
        min: u32,
        /// Largest accepted.
        max: u32,
    },
    /// `true` or `false` (or the bare attribute).
    OnOff,
    /// A named breathing pattern or four numbers.
    Pattern,
    /// Letters, digits, `-` and `_`, up to 40.
    Key,
    /// An `https:`, `http:`, `tel:` or `mailto:` link.
    Link,
    /// Texts separated by `|`: 1 to `max_items` of them, each up to `max_len` characters.
    List {
        /// Most items.
        max_items: u32,
        /// Longest item, in characters.
        max_len: u32,
    },
    /// Four cue texts separated by `|`, in the order body, sensory, connection, meaning, or
    /// each labelled (`body: ...`).
    Cues,
}

/// Why options were refused. Each names the option, so the message can too.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionError {
    /// `data-attune="NAME"` or `widget` named no exercise we have.
    UnknownWidget {
        /// What was given, shortened.
        given: String,
    },
    /// An option had a value it does not take.
    BadValue {
        /// The option's name.
        option: &'static str,
        /// What was given, shortened.
        given: String,
        /// What it takes.
        expected: Expected,
    },
    /// Two options that exclude each other were both given.
    Conflict {
        /// One option.
        first: &'static str,
        /// The other.
        second: &'static str,
    },
    /// An option that only means something together with another value.
    OnlyWith {
        /// The option given.
        option: &'static str,
        /// The setting it needs, as the site owner would write it.
        needs: &'static str,
    },
}

/// Keeps quoted input short in messages, on a character boundary.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The options as given: names normalised to `kebab-case`, the last value of a name winning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawOptions {
    pairs: Vec<(String, String)>,
}

impl RawOptions {
    /// Collects name/value pairs. `storageKey` and `storage_key` both become `storage-key`.
    pub fn new<I, N, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<str>,
        V: Into<String>,
    {
        let mut out = RawOptions::default();
        for (name, value) in pairs {
            out.set(name.as_ref(), Some(value.into()));
        }
        out
    }

    /// Sets or (with `None`) removes one option, as an attribute change does.
    pub fn set(&mut self, name: &str, value: Option<String>) {
        let name = normalise_name(name);
        self.pairs.retain(|(n, _)| *n != name);
        if let Some(v) = value {
            self.pairs.push((name, v));
        }
    }

    /// The value of an option, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An option's name as options are kept: `data-` dropped, `storageKey` and `storage_key` as
/// `storage-key`, lower case.
pub fn normalise_name(name: &str) -> String {
    let name = name.trim();
    let name = name.strip_prefix("data-").unwrap_or(name);
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else if c == '_' {
            out.push('-');
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light background.
    Light,
    /// Dark background.
    Dark,
    /// Follows the visitor's system setting.
    Auto,
    /// No `theme` given: follows the page the widget sits on (its `color-scheme`, else its
    /// background), light where the page says nothing. A dark card on a light practice site
    /// (because the visitor's phone is in dark mode) looks like a foreign object.
    Page,
}

impl Theme {
    /// The value as written in the option and in the box's `data-theme`, which the CSS reads.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
            Theme::Page => "page",
        }
    }
}

/// Where the visitor's records are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKind {
    /// `localStorage`: kept across visits.
    Local,
    /// `sessionStorage`: kept until the tab closes.
    Session,
    /// Nothing kept.
    None,
}

impl StorageKind {
    /// The value as written in the option.
    pub fn id(self) -> &'static str {
        match self {
            StorageKind::Local => "local",
            StorageKind::Session => "session",
            StorageKind::None => "none",
        }
    }
}

/// Options every widget takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Common {
    /// The language of every visible word.
    pub lang: Lang,
    /// Colour scheme.
    pub theme: Theme,
    /// Where records are kept.
    pub storage: StorageKind,
    /// Namespace of stored keys.
    pub storage_key: String,
    /// The site's own support contact, shown as text.
    pub support_text: Option<String>,
    /// The support contact's link; only safe links get here (see [`safe_link`]).
    pub support_href: Option<String>,
    /// A crisis line's words (`crisis-text`, such as "Call or text 988"), shown in the
    /// check-in's "I'm not safe right now" panel above the site's own contact.
    pub crisis_text: Option<String>,
    /// The crisis line's link (`crisis-href`, such as `tel:988`); only safe links get here.
    pub crisis_href: Option<String>,
}

/// Options a live widget shows in place: changing one never restarts the exercise, because it
/// only changes how the box looks (`theme`) or which contacts it offers, not what the visitor
/// is doing. Every other option builds the widget again.
pub const SHOWN_IN_PLACE: &[&str] = &[
    "theme",
    "support-text",
    "support-href",
    "crisis-text",
    "crisis-href",
];

/// Whether a changed option (by any of its spellings: `data-theme`, `supportHref`) is one of
/// [`SHOWN_IN_PLACE`].
pub fn shown_in_place(name: &str) -> bool {
    SHOWN_IN_PLACE.contains(&normalise_name(name).as_str())
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
    /// Offer the "how does your body feel now?" question at the end.
    pub rating: bool,
}

/// The grounding scan's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct GroundingConfig {
    /// Tap "noticed" per thing, or type a word or two (`mode`).
    pub mode: GroundingMode,
    /// Offer the "how present do you feel?" question at the end.
    pub rating: bool,
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
    /// Offer the "how does your body feel now?" question at the end.
    pub rating: bool,
}

/// The check-in's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInConfig {
    /// When the page has no widget for the suggestion, offer to open it inline below.
    pub inline: bool,
}

/// Which days the summary covers (see `core::summary`).
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

/// The summary's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryConfig {
    /// The period chosen when it opens (`period="7"`, `14`, `30` or `plan`); the visitor can
    /// choose another.
    pub period: Period,
}

/// The micro-pleasure tracker's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct PleasureConfig {
    /// The clinician's own suggestions (`suggestions="a walk after lunch|the blue mug"`),
    /// replacing the built-in list; `None` keeps the built-ins.
    pub suggestions: Option<Vec<String>>,
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

/// A widget's whole configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Options every widget takes.
    pub common: Common,
    /// The widget's own options.
    pub widget: WidgetConfig,
    /// Options refused without stopping the widget: a bad `support-href` or `crisis-href` is
    /// left out (its text stays, as plain text) and the rest is shown, because a safety line
    /// must not vanish behind an error box over a typo in a link. The page is still told.
    pub dropped: Vec<OptionError>,
}

/// The per-widget part of a [`Config`].
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetConfig {
    /// The breathing pacer.
    Breathing(BreathingConfig),
    /// The 5-4-3-2-1 grounding scan.
    Grounding(GroundingConfig),
    /// The body scan.
    BodyScan(BodyScanConfig),
    /// The check-in.
    CheckIn(CheckInConfig),
    /// The micro-pleasure tracker.
    Pleasure(PleasureConfig),
    /// The reconnection plan.
    Plan(PlanConfig),
    /// The summary to bring to a session.
    Summary(SummaryConfig),
}

impl Config {
    /// Parses a widget's options. `page_lang` is the page's `<html lang>`, used when no `lang`
    /// is given. Unknown option names are ignored (pages add their own attributes).
    pub fn parse(
        widget: &str,
        raw: &RawOptions,
        page_lang: Option<&str>,
    ) -> Result<Config, OptionError> {
        let kind = WidgetKind::parse(widget)?;
        let mut dropped = Vec::new();
        let common = parse_common(raw, page_lang, &mut dropped)?;
        let widget = match kind {
            WidgetKind::Breathing => WidgetConfig::Breathing(parse_breathing(raw)?),
            WidgetKind::Grounding => WidgetConfig::Grounding(parse_grounding(raw)?),
            WidgetKind::BodyScan => WidgetConfig::BodyScan(parse_body_scan(raw)?),
            WidgetKind::CheckIn => WidgetConfig::CheckIn(parse_check_in(raw)?),
            WidgetKind::Pleasure => WidgetConfig::Pleasure(parse_pleasure(raw)?),
            WidgetKind::Plan => WidgetConfig::Plan(parse_plan(raw)?),
            WidgetKind::Summary => WidgetConfig::Summary(parse_summary(raw)?),
        };
        Ok(Config {
            common,
            widget,
            dropped,
        })
    }

    /// Whether `other` is the same exercise as this one, differing at most in the options
    /// [`SHOWN_IN_PLACE`]: then a live widget can show `other` without being built again.
    /// Anything else that differs (a new common option too) means building it again.
    pub fn same_exercise(&self, other: &Config) -> bool {
        let mut look_alike = other.common.clone();
        look_alike.theme = self.common.theme;
        look_alike
            .support_text
            .clone_from(&self.common.support_text);
        look_alike
            .support_href
            .clone_from(&self.common.support_href);
        look_alike.crisis_text.clone_from(&self.common.crisis_text);
        look_alike.crisis_href.clone_from(&self.common.crisis_href);
        look_alike == self.common && other.widget == self.widget
    }

    /// The language to speak when options could not be parsed at all (for the error itself).
    pub fn lang_for_errors(raw: &RawOptions, page_lang: Option<&str>) -> Lang {
        raw.get("lang")
            .and_then(Lang::from_tag)
            .or_else(|| page_lang.and_then(Lang::from_tag))
            .unwrap_or(Lang::En)
    }
}

fn bad(option: &'static str, given: &str, expected: Expected) -> OptionError {
    OptionError::BadValue {
        option,
        given: clip(given),
        expected,
    }
}

fn one_of<T: Copy>(
    raw: &RawOptions,
    option: &'static str,
    choices: &'static [&'static str],
    values: &[T],
    default: T,
) -> Result<T, OptionError> {
    let Some(given) = raw.get(option) else {
        return Ok(default);
    };
    let word = given.trim().to_ascii_lowercase();
    choices
        .iter()
        .position(|c| *c == word)
        .and_then(|i| values.get(i).copied())
        .ok_or_else(|| bad(option, given, Expected::OneOf(choices)))
}

fn on_off(raw: &RawOptions, option: &'static str, default: bool) -> Result<bool, OptionError> {
    let Some(given) = raw.get(option) else {
        return Ok(default);
    };
    match given.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        w if w == option => Ok(true),
        _ => Err(bad(option, given, Expected::OnOff)),
    }
}

fn number(
    raw: &RawOptions,
    option: &'static str,
    min: f64,
    max: f64,
) -> Result<Option<f64>, OptionError> {
    let Some(given) = raw.get(option) else {
        return Ok(None);
    };
    match parse_decimal(given) {
        Some(v) if (min..=max).contains(&v) => Ok(Some(v)),
        _ => Err(bad(option, given, Expected::Number { min, max })),
    }
}

/// Whether a link may be made live. Only schemes that lead to a person are taken (`https:`,
/// `http:`, `tel:`, `mailto:`; never `javascript:` or `data:`), and only links that lead
/// somewhere: a web link needs a host (`https://` alone, or `https:///x`, is a dead link in a
/// moment of need), `tel:` and `mailto:` need something after the colon. Control characters
/// are refused anywhere, white space in the host.
pub fn safe_link(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    if lower.chars().any(|c| c.is_control()) {
        return false;
    }
    if let Some(rest) = lower
        .strip_prefix("https:")
        .or_else(|| lower.strip_prefix("http:"))
    {
        let Some(rest) = rest.strip_prefix("//") else {
            return false;
        };
        // Browsers read `\` like `/` in web links, so it ends the host too.
        let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = match host_port.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => host_port.split(':').next().unwrap_or(""),
        };
        return !host.is_empty() && !host.chars().any(char::is_whitespace);
    }
    ["tel:", "mailto:"].iter().any(|s| {
        lower
            .strip_prefix(s)
            .is_some_and(|rest| !rest.trim().is_empty())
    })
}

/// A contact's words (`support-text`, `crisis-text`): trimmed, at most 300 characters; `None`
/// when empty.
fn contact_text(raw: &RawOptions, option: &str) -> Option<String> {
    raw.get(option)
        .map(|t| t.trim().chars().take(300).collect::<String>())
        .filter(|t| !t.is_empty())
}

/// A contact's link (`support-href`, `crisis-href`). An empty one is no link; a refused one is
/// no link either, and goes to `dropped` instead of stopping the widget (see [`Config::dropped`]).
fn contact_link(
    raw: &RawOptions,
    option: &'static str,
    dropped: &mut Vec<OptionError>,
) -> Option<String> {
    let given = raw.get(option)?;
    let href = given.trim();
    if href.is_empty() {
        return None;
    }
    if href.len() <= 2000 && safe_link(href) {
        return Some(href.to_string());
    }
    dropped.push(bad(option, given, Expected::Link));
    None
}

fn parse_common(
    raw: &RawOptions,
    page_lang: Option<&str>,
    dropped: &mut Vec<OptionError>,
) -> Result<Common, OptionError> {
    let lang = match raw.get("lang") {
        Some(given) => Lang::from_tag(given).ok_or_else(|| bad("lang", given, Expected::Lang))?,
        None => page_lang.and_then(Lang::from_tag).unwrap_or(Lang::En),
    };
    let theme = one_of(
        raw,
        "theme",
        &["light", "dark", "auto"],
        &[Theme::Light, Theme::Dark, Theme::Auto],
        Theme::Page,
    )?;
    let storage = one_of(
        raw,
        "storage",
        &["local", "session", "none"],
        &[StorageKind::Local, StorageKind::Session, StorageKind::None],
        StorageKind::Local,
    )?;
    let storage_key = match raw.get("storage-key") {
        None => "attune".to_string(),
        Some(given) => {
            let k = given.trim();
            let ok = !k.is_empty()
                && k.len() <= 40
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(bad("storage-key", given, Expected::Key));
            }
            k.to_string()
        }
    };
    Ok(Common {
        lang,
        theme,
        storage,
        storage_key,
        support_text: contact_text(raw, "support-text"),
        support_href: contact_link(raw, "support-href", dropped),
        crisis_text: contact_text(raw, "crisis-text"),
        crisis_href: contact_link(raw, "crisis-href", dropped),
    })
}

/// How many breaths a 4-7-8 session lasts when neither `minutes` nor `breaths` is given.
pub const FOUR_SEVEN_EIGHT_BREATHS: u32 = 4;

/// Pattern names accepted by `pattern`, for messages.
pub const PATTERN_NAMES: &[&str] = &["box", "4-7-8", "resonance", "extended-exhale", "sigh"];

fn parse_breathing(raw: &RawOptions) -> Result<BreathingConfig, OptionError> {
    let bpm = number(raw, "bpm", BPM_RANGE.0, BPM_RANGE.1)?;
    let given = raw.get("pattern").unwrap_or("resonance");
    let pattern = match given.trim().to_ascii_lowercase().as_str() {
        "box" => BreathPattern::box_breathing(),
        "4-7-8" => BreathPattern::four_seven_eight(),
        "resonance" => BreathPattern::resonance(bpm.unwrap_or(DEFAULT_BPM)),
        "extended-exhale" => BreathPattern::extended_exhale(),
        "sigh" => BreathPattern::sigh(),
        other => {
            BreathPattern::custom(other).ok_or_else(|| bad("pattern", given, Expected::Pattern))?
        }
    };
    if bpm.is_some() && pattern.id() != "resonance" {
        return Err(OptionError::OnlyWith {
            option: "bpm",
            needs: "pattern=\"resonance\"",
        });
    }
    let minutes = number(raw, "minutes", MINUTES_RANGE.0, MINUTES_RANGE.1)?;
    let breaths = match raw.get("breaths") {
        None => None,
        Some(given) => match parse_decimal(given) {
            Some(v) if v.fract() == 0.0 && (1.0..=f64::from(MAX_BREATHS)).contains(&v) => {
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
        (Some(m), None) => Length::Minutes(m),
        // 4-7-8 is usually learnt four breaths at a time: a long hold is a lot to ask for
        // three minutes. Every other pattern: three minutes.
        (None, None) if pattern.id() == "4-7-8" => Length::Breaths(FOUR_SEVEN_EIGHT_BREATHS),
        (None, None) => Length::Minutes(3.0),
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
    Ok(BreathingConfig {
        plan: BreathingPlan {
            pattern,
            length,
            ramp,
        },
        sound,
        vibrate,
        motion,
        rating,
    })
}

fn parse_grounding(raw: &RawOptions) -> Result<GroundingConfig, OptionError> {
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

fn parse_body_scan(raw: &RawOptions) -> Result<BodyScanConfig, OptionError> {
    let (min, max) = SECONDS_RANGE;
    let seconds = match raw.get("seconds") {
        None => DEFAULT_SECONDS,
        Some(given) => match parse_decimal(given) {
            Some(v) if v.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(&v) => {
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

fn parse_check_in(raw: &RawOptions) -> Result<CheckInConfig, OptionError> {
    Ok(CheckInConfig {
        inline: on_off(raw, "inline", true)?,
    })
}

/// Most clinician suggestions, and the longest one in characters.
pub const SUGGESTIONS_LIMITS: (u32, u32) = (20, 80);

/// Longest clinician cue text, in characters.
pub const CUE_MAX_LEN: u32 = 120;

/// Splits a `|` list into tidy items (white space runs become one space), refusing an empty
/// item, one longer than `max_len` characters, or more than `max_items`.
fn text_list(given: &str, max_items: u32, max_len: u32) -> Option<Vec<String>> {
    let mut items = Vec::new();
    for part in given.split('|') {
        if items.len() >= max_items as usize {
            return None;
        }
        let item = clean_text(part, max_len as usize + 1)?;
        if item.chars().count() > max_len as usize {
            return None;
        }
        items.push(item);
    }
    Some(items)
}

fn parse_pleasure(raw: &RawOptions) -> Result<PleasureConfig, OptionError> {
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

/// Reads `cues`: four parts, either all in the order body, sensory, connection, meaning, or
/// labelled (`meaning: ...|body: ...`) in any order. A labelled part must sit where its label
/// says when the others are not labelled.
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
            PlanCue::from_id(&label.trim().to_ascii_lowercase())
                .map(|cue| (cue, rest.trim().to_string()))
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

fn parse_plan(raw: &RawOptions) -> Result<PlanConfig, OptionError> {
    let (min, max) = DAYS_RANGE;
    let days = match raw.get("days") {
        None => DEFAULT_DAYS,
        Some(given) => match parse_decimal(given) {
            Some(v) if v.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(&v) => {
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

fn parse_summary(raw: &RawOptions) -> Result<SummaryConfig, OptionError> {
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

/// Items in a list: `"a", "b" or "c"` (with `or` false: `"a", "b", "c"`), in `lang`'s words.
fn quoted_list(lang: Lang, items: &[&str], or: bool) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| ltr(lang, &["\"", i, "\""].concat()))
        .collect();
    let sep = text(lang, Msg::ListSep);
    match quoted.split_last() {
        Some((last, rest)) if or && !rest.is_empty() => fill(
            text(lang, Msg::ListOr),
            &[("list", &rest.join(sep)), ("last", last)],
        ),
        _ => quoted.join(sep),
    }
}

fn num(v: f64) -> String {
    let mut s = String::new();
    push_secs(&mut s, v);
    s
}

/// What an option takes, in words. Values are written as the site owner types them (`0.5`,
/// never `0,5`), since that is what the option reads.
fn takes(lang: Lang, expected: &Expected) -> String {
    let range =
        |msg, min: String, max: String| fill(text(lang, msg), &[("min", &min), ("max", &max)]);
    match expected {
        Expected::OneOf(list) => quoted_list(lang, list, true),
        Expected::Lang => quoted_list(lang, &Lang::tags(), true),
        Expected::Number { min, max } => range(Msg::TakesNumber, num(*min), num(*max)),
        Expected::Whole { min, max } => range(
            Msg::TakesWhole,
            uint(u64::from(*min)),
            uint(u64::from(*max)),
        ),
        Expected::OnOff => quoted_list(lang, &["true", "false"], true),
        Expected::Pattern => fill(
            text(lang, Msg::TakesPattern),
            &[("names", &quoted_list(lang, PATTERN_NAMES, false))],
        ),
        Expected::Key => text(lang, Msg::TakesKey).to_string(),
        Expected::Link => text(lang, Msg::TakesLink).to_string(),
        Expected::List { max_items, max_len } => fill(
            text(lang, Msg::TakesList),
            &[
                ("n", &uint(u64::from(*max_items))),
                ("len", &uint(u64::from(*max_len))),
            ],
        ),
        Expected::Cues => text(lang, Msg::TakesCues).to_string(),
    }
}

/// A readable sentence for an option error (on the widget and in `attune:error`), naming the option and what it takes. Quoted input
/// is only ever shown as text.
pub fn describe_error(lang: Lang, err: &OptionError) -> String {
    match err {
        OptionError::UnknownWidget { given } => fill(
            text(lang, Msg::ErrNoWidget),
            &[
                ("given", given),
                ("list", &quoted_list(lang, WIDGET_NAMES, true)),
            ],
        ),
        OptionError::BadValue {
            option,
            given,
            expected,
        } => fill(
            text(lang, Msg::ErrBadValue),
            &[
                ("option", option),
                ("given", given),
                ("takes", &takes(lang, expected)),
            ],
        ),
        OptionError::Conflict { first, second } => fill(
            text(lang, Msg::ErrConflict),
            &[("first", first), ("second", second)],
        ),
        OptionError::OnlyWith { option, needs } => fill(
            text(lang, Msg::ErrOnlyWith),
            &[("option", option), ("needs", needs)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_for(pairs: &[(&str, &str)], lang: Lang) -> String {
        match Config::parse("breathing", &RawOptions::new(pairs.iter().copied()), None) {
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
    fn long_input_is_clipped_in_messages() {
        let long = "x".repeat(500);
        let m = error_for(&[("theme", &long)], Lang::En);
        assert!(m.len() < 200, "{m}");
    }

    #[test]
    fn list_and_cue_errors_say_what_the_options_take() {
        let raw = RawOptions::new([("suggestions", "a||b")]);
        let err = Config::parse("pleasure", &raw, None).expect_err("empty item");
        assert_eq!(
            describe_error(Lang::En, &err),
            "The option \"suggestions\" can't be \"a||b\". It takes 1 to 20 texts separated by \"|\", each up to 80 characters."
        );
        let raw = RawOptions::new([("cues", "a|b")]);
        let err = Config::parse("plan", &raw, None).expect_err("two parts");
        let es = describe_error(Lang::Es, &err);
        assert!(
            es.starts_with("La opción \"cues\"")
                && es.contains("body, sensory, connection, meaning"),
            "{es}"
        );
        let raw = RawOptions::new([("days", "40")]);
        let err = Config::parse("plan", &raw, None).expect_err("too long");
        assert!(describe_error(Lang::En, &err).ends_with("a whole number from 7 to 28."));
    }

    #[test]
    fn a_language_not_known_is_refused_with_the_known_ones() {
        let raw = RawOptions::new([("lang", "xx")]);
        let err = Config::parse("breathing", &raw, None).expect_err("not a language");
        let said = describe_error(Lang::En, &err);
        assert!(said.contains("\"en\", \"ar\", \"es\" or \"fr\""), "{said}");
    }

    use crate::core::breathing::PatternKind;

    fn parse(pairs: &[(&str, &str)]) -> Result<Config, OptionError> {
        Config::parse("breathing", &RawOptions::new(pairs.iter().copied()), None)
    }

    fn breathing(pairs: &[(&str, &str)]) -> BreathingConfig {
        match parse(pairs) {
            Ok(Config {
                widget: WidgetConfig::Breathing(b),
                ..
            }) => b,
            Ok(other) => panic!("{pairs:?} gave {other:?}"),
            Err(e) => panic!("{pairs:?} refused: {e:?}"),
        }
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
        let c = parse(&[]).expect("defaults").common;
        assert_eq!(
            (c.lang, c.theme, c.storage),
            (Lang::En, Theme::Page, StorageKind::Local)
        );
        assert_eq!(c.storage_key, "attune");
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
            (&[("theme", "purple")], "theme"),
            (&[("storage", "cloud")], "storage"),
            (&[("storage-key", "a b")], "storage-key"),
            (&[("ramp", "maybe")], "ramp"),
            (&[("lang", "xx")], "lang"),
        ];
        for (pairs, option) in cases {
            match parse(pairs) {
                Err(OptionError::BadValue { option: o, .. }) => assert_eq!(o, *option),
                other => panic!("{pairs:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn conflicts_and_misplaced_options() {
        assert_eq!(
            parse(&[("minutes", "3"), ("breaths", "10")]),
            Err(OptionError::Conflict {
                first: "minutes",
                second: "breaths"
            })
        );
        assert!(matches!(
            parse(&[("pattern", "box"), ("bpm", "6")]),
            Err(OptionError::OnlyWith { option: "bpm", .. })
        ));
    }

    #[test]
    fn unknown_widgets_and_options() {
        let raw = RawOptions::new([("title", "x"), ("tabindex", "0")]);
        assert!(Config::parse("breathing", &raw, None).is_ok());
        assert!(Config::parse("attune-breathing", &raw, None).is_ok());
        assert_eq!(
            Config::parse("yoga", &raw, None),
            Err(OptionError::UnknownWidget {
                given: "yoga".into()
            })
        );
    }

    #[test]
    fn names_are_normalised_and_last_wins() {
        let raw = RawOptions::new([
            ("storageKey", "clinic"),
            ("data-minutes", "2"),
            ("minutes", "4"),
        ]);
        let c = Config::parse("breathing", &raw, None).expect("valid");
        assert_eq!(c.common.storage_key, "clinic");
        let WidgetConfig::Breathing(b) = c.widget else {
            panic!("not breathing")
        };
        assert_eq!(b.plan.length, Length::Minutes(4.0));
        let mut raw = raw;
        raw.set("minutes", None);
        assert!(raw.get("minutes").is_none());
    }

    #[test]
    fn language_comes_from_the_option_then_the_page() {
        let c = Config::parse("breathing", &RawOptions::default(), Some("es-MX")).expect("valid");
        assert_eq!(c.common.lang, Lang::Es);
        let c = Config::parse("breathing", &RawOptions::default(), Some("fr")).expect("valid");
        assert_eq!(c.common.lang, Lang::Fr);
        let c = Config::parse("breathing", &RawOptions::default(), Some("de")).expect("valid");
        assert_eq!(c.common.lang, Lang::En);
        let raw = RawOptions::new([("lang", "en")]);
        assert_eq!(
            Config::parse("breathing", &raw, Some("es"))
                .expect("valid")
                .common
                .lang,
            Lang::En
        );
    }

    #[test]
    fn links_keep_only_safe_schemes() {
        for ok in [
            "https://example.org/help",
            "tel:+15551234",
            "mailto:care@example.org",
            "HTTP://x.y",
            " https://example.org ",
            "https://user@example.org:8443/x?y#z",
            "https://[::1]/help",
            "tel:988",
        ] {
            let c = parse(&[("support-href", ok), ("crisis-href", ok)]).expect("safe link");
            assert_eq!(c.common.support_href.as_deref(), Some(ok.trim()), "{ok}");
            assert_eq!(c.common.crisis_href.as_deref(), Some(ok.trim()), "{ok}");
            assert_eq!(c.dropped, [], "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            " vbscript:x",
            "https://x\n.y",
            "example.org",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn links_that_lead_nowhere_are_refused() {
        for dead in [
            "https://",
            "http://",
            "HTTPS://",
            "https:///x",
            "https://?q",
            "https://#top",
            "https://@/",
            "https://:443/",
            "https://[]/",
            "https:example.org",
            "https:/example.org",
            "https://\\evil.example",
            "https:// example.org",
            "tel:",
            "tel:  ",
            "mailto:",
            " mailto: ",
        ] {
            assert!(!safe_link(dead), "{dead:?}");
        }
        assert!(safe_link("https://a"));
        assert!(safe_link("tel:1"));
        assert!(safe_link("mailto:a"));
    }

    #[test]
    fn a_bad_link_is_left_out_and_named_not_fatal() {
        let c = parse(&[
            ("support-text", "Our crisis page"),
            ("support-href", "javascript:alert(1)"),
            ("crisis-href", "https://"),
            ("crisis-text", "Call or text 988"),
            ("theme", "dark"),
        ])
        .expect("a bad link does not stop the widget");
        assert_eq!(c.common.support_href, None);
        assert_eq!(c.common.support_text.as_deref(), Some("Our crisis page"));
        assert_eq!(c.common.crisis_href, None);
        assert_eq!(c.common.crisis_text.as_deref(), Some("Call or text 988"));
        assert_eq!(c.common.theme, Theme::Dark);
        assert_eq!(
            c.dropped,
            [
                OptionError::BadValue {
                    option: "support-href",
                    given: "javascript:alert(1)".into(),
                    expected: Expected::Link,
                },
                OptionError::BadValue {
                    option: "crisis-href",
                    given: "https://".into(),
                    expected: Expected::Link,
                },
            ]
        );
        // An empty link is no link, not a mistake; a link too long to be real is one.
        let c = parse(&[("support-href", "  "), ("crisis-href", "")]).expect("valid");
        assert_eq!((c.common.support_href, c.dropped), (None, vec![]));
        let long = ["https://example.org/", &"x".repeat(2000)].concat();
        let c = parse(&[("crisis-href", &long)]).expect("valid");
        assert!(matches!(
            c.dropped.as_slice(),
            [OptionError::BadValue {
                option: "crisis-href",
                ..
            }]
        ));
        // Another option's mistake still stops the widget, whatever the links are.
        assert!(matches!(
            parse(&[("support-href", "javascript:x"), ("theme", "purple")]),
            Err(OptionError::BadValue {
                option: "theme",
                ..
            })
        ));
    }

    #[test]
    fn crisis_options_are_read_like_the_support_contact() {
        let c = parse(&[
            ("crisis-text", "  Call or text 988 "),
            ("crisisHref", "tel:988"),
        ])
        .expect("valid")
        .common;
        assert_eq!(c.crisis_text.as_deref(), Some("Call or text 988"));
        assert_eq!(c.crisis_href.as_deref(), Some("tel:988"));
        let none = parse(&[("crisis-text", "   ")]).expect("valid").common;
        assert_eq!((none.crisis_text, none.crisis_href), (None, None));
        let long = "é".repeat(400);
        let c = parse(&[("crisis-text", &long)]).expect("valid").common;
        assert_eq!(c.crisis_text.map(|t| t.chars().count()), Some(300));
    }

    #[test]
    fn look_and_contacts_are_shown_in_place_and_nothing_else() {
        for name in SHOWN_IN_PLACE {
            assert!(shown_in_place(name), "{name}");
        }
        assert!(shown_in_place("data-theme") && shown_in_place("supportHref"));
        assert!(shown_in_place("crisis_text"));
        for name in [
            "lang",
            "storage",
            "storage-key",
            "pattern",
            "minutes",
            "mode",
            "x",
        ] {
            assert!(!shown_in_place(name), "{name}");
        }

        let base = parse(&[("pattern", "box"), ("support-text", "Call us")]).expect("valid");
        let look = parse(&[
            ("pattern", "box"),
            ("theme", "dark"),
            ("support-text", "Write to us"),
            ("support-href", "mailto:care@example.org"),
            ("crisis-text", "Call or text 988"),
            ("crisis-href", "tel:988"),
        ])
        .expect("valid");
        assert!(base.same_exercise(&look) && look.same_exercise(&base));
        assert!(base.same_exercise(&base));
        for changed in [
            &[("pattern", "4-7-8"), ("support-text", "Call us")][..],
            &[
                ("pattern", "box"),
                ("support-text", "Call us"),
                ("lang", "es"),
            ],
            &[("pattern", "box"), ("storage", "none")],
            &[("pattern", "box"), ("storage-key", "clinic")],
            &[("pattern", "box"), ("minutes", "5")],
        ] {
            let other = parse(changed).expect("valid");
            assert!(!base.same_exercise(&other), "{changed:?}");
        }
        let grounding = Config::parse("grounding", &RawOptions::default(), None).expect("valid");
        assert!(!parse(&[]).expect("valid").same_exercise(&grounding));
    }

    #[test]
    fn ids_read_back_as_options() {
        for t in [Theme::Light, Theme::Dark, Theme::Auto] {
            let c = parse(&[("theme", t.id())]).expect("valid");
            assert_eq!(c.common.theme, t);
        }
        for k in [StorageKind::Local, StorageKind::Session, StorageKind::None] {
            let c = parse(&[("storage", k.id())]).expect("valid");
            assert_eq!(c.common.storage, k);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "pattern",
        "bpm",
        "minutes",
        "breaths",
        "ramp",
        "sound",
        "vibrate",
        "motion",
        "rating",
        "lang",
        "theme",
        "storage",
        "storage-key",
        "support-text",
        "support-href",
        "crisis-text",
        "crisis-href",
    ];

    proptest! {
        #[test]
        fn no_option_value_panics(values in proptest::collection::vec(any::<String>(), NAMES.len()), widget in any::<String>()) {
            let raw = RawOptions::new(NAMES.iter().zip(values.iter()).map(|(n, v)| (*n, v.clone())));
            let _ = Config::parse(&widget, &raw, Some(&widget));
            let _ = Config::parse("breathing", &raw, None);
        }

        #[test]
        fn a_link_never_stops_the_widget(href in any::<String>(), web in "(?i)(https?:)?/{0,3}[a-z0-9.:@\\[\\]/ ]{0,12}") {
            for given in [href.as_str(), web.as_str()] {
                for name in ["support-href", "crisis-href"] {
                    let raw = RawOptions::new([(name, given)]);
                    let config = Config::parse("check-in", &raw, None);
                    prop_assert!(config.is_ok(), "{:?}", config);
                    let Ok(c) = config else { continue };
                    let kept = if name == "support-href" { c.common.support_href } else { c.common.crisis_href };
                    prop_assert_eq!(kept.is_some() || given.trim().is_empty(), c.dropped.is_empty());
                    if let Some(k) = kept {
                        prop_assert!(safe_link(&k));
                        let lower = k.to_ascii_lowercase();
                        prop_assert!(lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("tel:") || lower.starts_with("mailto:"), "{}", k);
                        prop_assert!(lower.len() > "http://".len() || lower.starts_with("tel:") || lower.starts_with("mailto:"), "{}", k);
                    }
                }
            }
        }

        #[test]
        fn one_bad_value_names_its_option(i in 0..NAMES.len(), v in "[^a-z0-9]{1,12}") {
            let name = NAMES[i];
            let raw = RawOptions::new([(name, v.clone())]);
            if let Err(OptionError::BadValue { option, .. }) = Config::parse("breathing", &raw, None) {
                prop_assert_eq!(option, name);
            }
        }
    }
}

/// Options of the two record-keeping widgets: `attune-pleasure` and `attune-plan`.
#[cfg(test)]
mod record_widget_options {
    use super::*;

    fn pleasure(pairs: &[(&str, &str)]) -> Result<PleasureConfig, OptionError> {
        match Config::parse("pleasure", &RawOptions::new(pairs.iter().copied()), None)?.widget {
            WidgetConfig::Pleasure(p) => Ok(p),
            other => panic!("not the pleasure tracker: {other:?}"),
        }
    }

    fn plan(pairs: &[(&str, &str)]) -> Result<PlanConfig, OptionError> {
        match Config::parse("attune-plan", &RawOptions::new(pairs.iter().copied()), None)?.widget {
            WidgetConfig::Plan(p) => Ok(p),
            other => panic!("not the plan: {other:?}"),
        }
    }

    fn refused_option<T: std::fmt::Debug>(r: Result<T, OptionError>) -> &'static str {
        match r {
            Err(OptionError::BadValue { option, .. }) => option,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn both_widgets_are_known_by_name() {
        assert_eq!(
            WidgetKind::parse("attune-pleasure"),
            Ok(WidgetKind::Pleasure)
        );
        assert_eq!(WidgetKind::parse(" Plan "), Ok(WidgetKind::Plan));
        assert_eq!(WidgetKind::Pleasure.as_str(), "pleasure");
        assert_eq!(WidgetKind::Plan.as_str(), "plan");
        assert!(WIDGET_NAMES.contains(&"pleasure") && WIDGET_NAMES.contains(&"plan"));
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
        let twenty = vec!["tea"; 20].join("|");
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
        let too_many = vec!["tea"; 21].join("|");
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
        for bad in ["6", "29", "14.5", "", "two weeks", "-14", "1e1", "300"] {
            assert_eq!(refused_option(plan(&[("days", bad)])), "days", "{bad}");
        }
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
        let long = ["body: ", &"x".repeat(121), "|b|c|d"].concat();
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
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod record_widget_prop {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "suggestions",
        "days",
        "cues",
        "lang",
        "storage",
        "storage-key",
    ];

    proptest! {
        #[test]
        fn no_pleasure_or_plan_option_panics(values in proptest::collection::vec(any::<String>(), NAMES.len())) {
            let raw = RawOptions::new(NAMES.iter().zip(values.iter()).map(|(n, v)| (*n, v.clone())));
            let _ = Config::parse("pleasure", &raw, None);
            let _ = Config::parse("plan", &raw, None);
        }

        #[test]
        fn list_like_input_never_panics(parts in proptest::collection::vec("[a-zA-Z: \u{e9}\n|]{0,140}", 0..30)) {
            let given = parts.join("|");
            for name in ["suggestions", "cues"] {
                let raw = RawOptions::new([(name, given.clone())]);
                for widget in ["pleasure", "plan"] {
                    if let Err(OptionError::BadValue { option, .. }) = Config::parse(widget, &raw, None) {
                        prop_assert_eq!(option, name);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod scan_and_check_in_tests {
    use super::*;

    fn widget(name: &str, pairs: &[(&str, &str)]) -> Result<WidgetConfig, OptionError> {
        Config::parse(name, &RawOptions::new(pairs.iter().copied()), None).map(|c| c.widget)
    }

    #[test]
    fn the_three_widgets_have_names_and_gentle_defaults() {
        for (name, kind) in [
            ("grounding", WidgetKind::Grounding),
            ("body-scan", WidgetKind::BodyScan),
            ("check-in", WidgetKind::CheckIn),
        ] {
            assert_eq!(WidgetKind::parse(name), Ok(kind));
            assert_eq!(WidgetKind::parse(&["attune-", name].concat()), Ok(kind));
            assert_eq!(kind.as_str(), name);
            assert!(WIDGET_NAMES.contains(&name));
        }
        assert_eq!(
            widget("grounding", &[]),
            Ok(WidgetConfig::Grounding(GroundingConfig {
                mode: GroundingMode::Tap,
                rating: true
            }))
        );
        assert_eq!(
            widget("body-scan", &[]),
            Ok(WidgetConfig::BodyScan(BodyScanConfig {
                seconds: 20,
                advance: Advance::Auto,
                variant: ScanVariant::Full,
                rating: true,
            }))
        );
        assert_eq!(
            widget("check-in", &[]),
            Ok(WidgetConfig::CheckIn(CheckInConfig { inline: true }))
        );
    }

    #[test]
    fn their_options_are_read() {
        assert_eq!(
            widget("grounding", &[("mode", " Write "), ("rating", "false")]),
            Ok(WidgetConfig::Grounding(GroundingConfig {
                mode: GroundingMode::Write,
                rating: false
            }))
        );
        assert_eq!(
            widget(
                "body-scan",
                &[
                    ("seconds", "2"),
                    ("advance", "manual"),
                    ("variant", "palms")
                ]
            ),
            Ok(WidgetConfig::BodyScan(BodyScanConfig {
                seconds: 2,
                advance: Advance::Manual,
                variant: ScanVariant::Palms,
                rating: true,
            }))
        );
        assert!(matches!(
            widget(
                "body-scan",
                &[("seconds", "120"), ("variant", "temperature")]
            ),
            Ok(WidgetConfig::BodyScan(BodyScanConfig {
                seconds: 120,
                variant: ScanVariant::Temperature,
                ..
            }))
        ));
        assert_eq!(
            widget("check-in", &[("inline", "false")]),
            Ok(WidgetConfig::CheckIn(CheckInConfig { inline: false }))
        );
    }

    #[test]
    fn bad_values_name_the_option_and_what_it_takes() {
        let cases: &[(&str, &[(&str, &str)], &str)] = &[
            ("grounding", &[("mode", "speak")], "mode"),
            ("grounding", &[("rating", "maybe")], "rating"),
            ("body-scan", &[("seconds", "1")], "seconds"),
            ("body-scan", &[("seconds", "121")], "seconds"),
            ("body-scan", &[("seconds", "20.5")], "seconds"),
            ("body-scan", &[("seconds", "abc")], "seconds"),
            ("body-scan", &[("seconds", "-5")], "seconds"),
            ("body-scan", &[("advance", "fast")], "advance"),
            ("body-scan", &[("variant", "feet")], "variant"),
            ("check-in", &[("inline", "sometimes")], "inline"),
        ];
        for (name, pairs, option) in cases {
            match widget(name, pairs) {
                Err(OptionError::BadValue { option: o, .. }) => {
                    assert_eq!(o, *option, "{name} {pairs:?}")
                }
                other => panic!("{name} {pairs:?} gave {other:?}"),
            }
        }
        assert_eq!(
            widget("body-scan", &[("seconds", "1")]),
            Err(OptionError::BadValue {
                option: "seconds",
                given: "1".into(),
                expected: Expected::Whole { min: 2, max: 120 }
            })
        );
        assert_eq!(
            widget("body-scan", &[("variant", "x")]),
            Err(OptionError::BadValue {
                option: "variant",
                given: "x".into(),
                expected: Expected::OneOf(&["full", "palms", "temperature"]),
            })
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod scan_and_check_in_prop {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "mode",
        "rating",
        "seconds",
        "advance",
        "variant",
        "inline",
        "lang",
        "support-href",
        "crisis-href",
    ];

    proptest! {
        #[test]
        fn no_option_value_panics(values in proptest::collection::vec(any::<String>(), NAMES.len())) {
            let raw = RawOptions::new(NAMES.iter().zip(values.iter()).map(|(n, v)| (*n, v.clone())));
            for w in ["grounding", "body-scan", "check-in"] {
                if let Ok(Config { widget: WidgetConfig::BodyScan(b), .. }) = Config::parse(w, &raw, None) {
                    prop_assert!((SECONDS_RANGE.0..=SECONDS_RANGE.1).contains(&b.seconds));
                }
            }
        }

        #[test]
        fn any_whole_seconds_in_range_are_taken(s in 2u32..=120) {
            let raw = RawOptions::new([("seconds", s.to_string())]);
            let got = Config::parse("body-scan", &raw, None).map(|c| c.widget);
            let ok = matches!(got, Ok(WidgetConfig::BodyScan(BodyScanConfig { seconds, .. })) if seconds == s);
            prop_assert!(ok, "seconds={} gave {:?}", s, got);
        }
    }
}
