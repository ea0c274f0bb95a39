//! Options, from attributes, `data-` attributes or `Attune.mount(el, {...})`, parsed into typed
//! configs. Every value a page can give lands here first, as text; nothing here can panic, and
//! every refusal is an [`OptionError`] that names the option and what it takes.

use super::breathing::{
    BreathPattern, BreathingPlan, Length, BPM_RANGE, DEFAULT_BPM, MAX_BREATHS, MINUTES_RANGE,
};
use super::i18n::Lang;
use super::num::parse_decimal;

/// The exercises Attune offers, by the name used in `attune-NAME` and `data-attune="NAME"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    /// `attune-breathing`: the breathing pacer.
    Breathing,
}

/// Widget names this version can show, for error messages.
pub const WIDGET_NAMES: &[&str] = &["breathing"];

impl WidgetKind {
    /// Reads a widget name (`breathing` or `attune-breathing`).
    pub fn parse(name: &str) -> Result<Self, OptionError> {
        let name = name.trim().to_ascii_lowercase();
        match name.strip_prefix("attune-").unwrap_or(&name) {
            "breathing" => Ok(WidgetKind::Breathing),
            _ => Err(OptionError::UnknownWidget { given: clip(&name) }),
        }
    }

    /// The widget's name in events.
    pub fn as_str(self) -> &'static str {
        match self {
            WidgetKind::Breathing => "breathing",
        }
    }
}

/// What a refused option should have been; the catalog turns it into words.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// One of these words.
    OneOf(&'static [&'static str]),
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
        self.pairs.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn normalise_name(name: &str) -> String {
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
    /// The support contact's link; only safe schemes get here.
    pub support_href: Option<String>,
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

/// A widget's whole configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Options every widget takes.
    pub common: Common,
    /// The widget's own options.
    pub widget: WidgetConfig,
}

/// The per-widget part of a [`Config`].
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetConfig {
    /// The breathing pacer.
    Breathing(BreathingConfig),
}

impl Config {
    /// Parses a widget's options. `page_lang` is the page's `<html lang>`, used when no `lang`
    /// is given. Unknown option names are ignored (pages add their own attributes).
    pub fn parse(widget: &str, raw: &RawOptions, page_lang: Option<&str>) -> Result<Config, OptionError> {
        let kind = WidgetKind::parse(widget)?;
        let common = parse_common(raw, page_lang)?;
        let widget = match kind {
            WidgetKind::Breathing => WidgetConfig::Breathing(parse_breathing(raw)?),
        };
        Ok(Config { common, widget })
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
    let Some(given) = raw.get(option) else { return Ok(default) };
    let word = given.trim().to_ascii_lowercase();
    choices
        .iter()
        .position(|c| *c == word)
        .and_then(|i| values.get(i).copied())
        .ok_or_else(|| bad(option, given, Expected::OneOf(choices)))
}

fn on_off(raw: &RawOptions, option: &'static str, default: bool) -> Result<bool, OptionError> {
    let Some(given) = raw.get(option) else { return Ok(default) };
    match given.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        w if w == option => Ok(true),
        _ => Err(bad(option, given, Expected::OnOff)),
    }
}

fn number(raw: &RawOptions, option: &'static str, min: f64, max: f64) -> Result<Option<f64>, OptionError> {
    let Some(given) = raw.get(option) else { return Ok(None) };
    match parse_decimal(given) {
        Some(v) if (min..=max).contains(&v) => Ok(Some(v)),
        _ => Err(bad(option, given, Expected::Number { min, max })),
    }
}

fn safe_link(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["https:", "http:", "tel:", "mailto:"].iter().any(|s| lower.starts_with(s))
        && !lower.chars().any(|c| c.is_control())
}

fn parse_common(raw: &RawOptions, page_lang: Option<&str>) -> Result<Common, OptionError> {
    let lang = match raw.get("lang") {
        Some(given) => {
            Lang::from_tag(given).ok_or_else(|| bad("lang", given, Expected::OneOf(Lang::TAGS)))?
        }
        None => page_lang.and_then(Lang::from_tag).unwrap_or(Lang::En),
    };
    let theme = one_of(
        raw,
        "theme",
        &["light", "dark", "auto"],
        &[Theme::Light, Theme::Dark, Theme::Auto],
        Theme::Auto,
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
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(bad("storage-key", given, Expected::Key));
            }
            k.to_string()
        }
    };
    let support_text = raw
        .get("support-text")
        .map(|t| t.trim().chars().take(300).collect::<String>())
        .filter(|t| !t.is_empty());
    let support_href = match raw.get("support-href") {
        None => None,
        Some(h) if h.trim().is_empty() => None,
        Some(h) if safe_link(h) && h.len() <= 2000 => Some(h.trim().to_string()),
        Some(h) => return Err(bad("support-href", h, Expected::Link)),
    };
    Ok(Common {
        lang,
        theme,
        storage,
        storage_key,
        support_text,
        support_href,
    })
}

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
        other => BreathPattern::custom(other).ok_or_else(|| bad("pattern", given, Expected::Pattern))?,
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
            Some(v) if v.fract() == 0.0 && (1.0..=f64::from(MAX_BREATHS)).contains(&v) => Some(v as u32),
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
    let motion = one_of(raw, "motion", &["auto", "reduced"], &[Motion::Auto, Motion::Reduced], Motion::Auto)?;
    let rating = on_off(raw, "rating", true)?;
    Ok(BreathingConfig {
        plan: BreathingPlan { pattern, length, ramp },
        sound,
        vibrate,
        motion,
        rating,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breathing::PatternKind;

    fn parse(pairs: &[(&str, &str)]) -> Result<Config, OptionError> {
        Config::parse("breathing", &RawOptions::new(pairs.iter().copied()), None)
    }

    fn breathing(pairs: &[(&str, &str)]) -> BreathingConfig {
        match parse(pairs) {
            Ok(Config { widget: WidgetConfig::Breathing(b), .. }) => b,
            Err(e) => panic!("{pairs:?} refused: {e:?}"),
        }
    }

    #[test]
    fn defaults_are_gentle() {
        let b = breathing(&[]);
        assert_eq!(b.plan.pattern.id(), "resonance");
        assert_eq!(b.plan.length, Length::Minutes(3.0));
        assert_eq!((b.sound, b.vibrate, b.ramp_off()), (Sound::Off, false, true));
        assert!(b.rating);
        let c = parse(&[]).expect("defaults").common;
        assert_eq!((c.lang, c.theme, c.storage), (Lang::En, Theme::Auto, StorageKind::Local));
        assert_eq!(c.storage_key, "attune");
    }

    impl BreathingConfig {
        fn ramp_off(&self) -> bool {
            !self.plan.ramp
        }
    }

    #[test]
    fn named_and_custom_patterns() {
        assert_eq!(breathing(&[("pattern", "4-7-8")]).plan.pattern.id(), "4-7-8");
        assert_eq!(breathing(&[("pattern", " Box ")]).plan.pattern.id(), "box");
        assert_eq!(breathing(&[("pattern", "sigh")]).plan.pattern.id(), "sigh");
        assert_eq!(breathing(&[("pattern", "extended-exhale")]).plan.pattern.id(), "extended-exhale");
        assert_eq!(breathing(&[("pattern", "3.5-0-5.5-0")]).plan.pattern.timing_label(), "3.5-0-5.5-0");
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
            (&[("support-href", "javascript:alert(1)")], "support-href"),
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
            Err(OptionError::Conflict { first: "minutes", second: "breaths" })
        );
        assert!(matches!(parse(&[("pattern", "box"), ("bpm", "6")]), Err(OptionError::OnlyWith { option: "bpm", .. })));
    }

    #[test]
    fn unknown_widgets_and_options() {
        let raw = RawOptions::new([("title", "x"), ("tabindex", "0")]);
        assert!(Config::parse("breathing", &raw, None).is_ok());
        assert!(Config::parse("attune-breathing", &raw, None).is_ok());
        assert_eq!(
            Config::parse("yoga", &raw, None),
            Err(OptionError::UnknownWidget { given: "yoga".into() })
        );
    }

    #[test]
    fn names_are_normalised_and_last_wins() {
        let raw = RawOptions::new([("storageKey", "clinic"), ("data-minutes", "2"), ("minutes", "4")]);
        let c = Config::parse("breathing", &raw, None).expect("valid");
        assert_eq!(c.common.storage_key, "clinic");
        let WidgetConfig::Breathing(b) = c.widget;
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
        assert_eq!(c.common.lang, Lang::En);
        let raw = RawOptions::new([("lang", "en")]);
        assert_eq!(Config::parse("breathing", &raw, Some("es")).expect("valid").common.lang, Lang::En);
    }

    #[test]
    fn links_keep_only_safe_schemes() {
        for ok in ["https://example.org/help", "tel:+15551234", "mailto:care@example.org", "HTTP://x.y"] {
            let c = parse(&[("support-href", ok)]).expect("safe link");
            assert!(c.common.support_href.is_some());
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", "//evil.example", " vbscript:x", "https://x\n.y"] {
            assert!(parse(&[("support-href", bad)]).is_err(), "{bad}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "pattern", "bpm", "minutes", "breaths", "ramp", "sound", "vibrate", "motion", "rating", "lang",
        "theme", "storage", "storage-key", "support-text", "support-href",
    ];

    proptest! {
        #[test]
        fn no_option_value_panics(values in proptest::collection::vec(any::<String>(), NAMES.len()), widget in any::<String>()) {
            let raw = RawOptions::new(NAMES.iter().zip(values.iter()).map(|(n, v)| (*n, v.clone())));
            let _ = Config::parse(&widget, &raw, Some(&widget));
            let _ = Config::parse("breathing", &raw, None);
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
