//! "Where am I right now?": one tap on a five-point line, and a fitting next exercise.
//!
//! The check-in never diagnoses and never scores. The five points are the visitor's own words
//! for a moment, not a measurement of them: nothing is added up, compared or judged, and no
//! point is better than another. A point only chooses which exercise to offer next, following
//! the two zones of arousal: gentle activation for the low, shut-down end; a longer, slower
//! out-breath for the stirred-up, overwhelmed end; a small pleasure when there is some room.
//!
//! The check-in's option (`inline`) is read here too, by [`parse`].

use super::body_scan::BodyScanConfig;
use super::breathing::{BreathingConfig, Phase};
use super::i18n::Msg;
use super::options::{on_off, OptionError, RawOptions};

/// A point on the line, from shut down and numb, through settled, to overwhelmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Point {
    /// Shut down and numb.
    ShutDown,
    /// A bit flat or far away.
    Low,
    /// Settled.
    Settled,
    /// A bit stirred up.
    Stirred,
    /// Overwhelmed.
    Overwhelmed,
}

impl Point {
    /// The line, in order.
    pub const ALL: [Point; 5] = [
        Point::ShutDown,
        Point::Low,
        Point::Settled,
        Point::Stirred,
        Point::Overwhelmed,
    ];

    /// The stable id for events and records: `shut-down`, `low`, `settled`, `stirred`,
    /// `overwhelmed`.
    pub fn id(self) -> &'static str {
        match self {
            Point::ShutDown => "shut-down",
            Point::Low => "low",
            Point::Settled => "settled",
            Point::Stirred => "stirred",
            Point::Overwhelmed => "overwhelmed",
        }
    }

    /// The position on the line, 0 (shut down) to 4 (overwhelmed). A position, not a score.
    pub fn index(self) -> u8 {
        match self {
            Point::ShutDown => 0,
            Point::Low => 1,
            Point::Settled => 2,
            Point::Stirred => 3,
            Point::Overwhelmed => 4,
        }
    }

    /// The point at a position, if it is on the line.
    pub fn from_index(i: u8) -> Option<Point> {
        Point::ALL.into_iter().find(|p| p.index() == i)
    }

    /// Reads an id.
    pub fn from_id(id: &str) -> Option<Point> {
        Point::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The point's words ("Shut down and numb").
    pub fn label(self) -> Msg {
        match self {
            Point::ShutDown => Msg::PointShutDown,
            Point::Low => Msg::PointLow,
            Point::Settled => Msg::PointSettled,
            Point::Stirred => Msg::PointStirred,
            Point::Overwhelmed => Msg::PointOverwhelmed,
        }
    }
}

/// A next exercise to offer, as `attune:suggest` carries it and as an inline mount would be
/// configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// The widget's name, as in `attune-NAME`.
    pub widget: &'static str,
    /// Its options, name and value, as on the element.
    pub options: &'static [(&'static str, &'static str)],
    /// Why it is offered, in a line that invites and does not press.
    pub reason: Msg,
}

/// The exercises offered at the numb, shut-down end, in turn: each gently activating, none
/// asking anything of feelings. A visitor who often checks in there is not met by the same one
/// every time.
pub const NUMB_TURNS: [Suggestion; 4] = [
    Suggestion {
        widget: "body-scan",
        options: &[("variant", "temperature")],
        reason: Msg::ReasonShutDown,
    },
    Suggestion {
        widget: "body-scan",
        options: &[("variant", "palms")],
        reason: Msg::ReasonNumbPalms,
    },
    Suggestion {
        widget: "grounding",
        options: &[],
        reason: Msg::ReasonNumbGrounding,
    },
    Suggestion {
        widget: "pleasure",
        options: &[],
        reason: Msg::ReasonNumbPleasure,
    },
];

/// The exercise that fits a point:
/// - shut down: one of [`NUMB_TURNS`] (the temperature scan, the palms, the 5-4-3-2-1 scan, a
///   small pleasure), by `turn`, so it varies;
/// - a bit flat or far away: the 5-4-3-2-1 grounding scan;
/// - settled: a micro-pleasure;
/// - a bit stirred up: breathing with a longer exhale;
/// - overwhelmed: breathing with a longer exhale that starts easy (`ramp`), for when long
///   exhales are hard at first.
pub fn suggestion(point: Point, turn: u32) -> Suggestion {
    match point {
        Point::ShutDown => {
            let i = turn as usize % NUMB_TURNS.len();
            NUMB_TURNS.get(i).copied().unwrap_or(NUMB_TURNS[0])
        }
        Point::Low => Suggestion {
            widget: "grounding",
            options: &[],
            reason: Msg::ReasonLow,
        },
        Point::Settled => Suggestion {
            widget: "pleasure",
            options: &[],
            reason: Msg::ReasonSettled,
        },
        Point::Stirred => Suggestion {
            widget: "breathing",
            options: &[("pattern", "extended-exhale")],
            reason: Msg::ReasonStirred,
        },
        Point::Overwhelmed => Suggestion {
            widget: "breathing",
            options: &[("pattern", "extended-exhale"), ("ramp", "on")],
            reason: Msg::ReasonOverwhelmed,
        },
    }
}

/// An exercise already on the page, as much of it as [`fits`] reads. The widget's whole
/// configuration is put together above this module, which hands the check-in this view of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageWidget<'a> {
    /// A breathing pacer: its pattern decides.
    Breathing(&'a BreathingConfig),
    /// A body scan: its variant decides.
    BodyScan(&'a BodyScanConfig),
    /// A 5-4-3-2-1 grounding scan: any fits.
    Grounding,
    /// A micro-pleasure tracker: any fits.
    Pleasure,
    /// A widget no suggestion names (the check-in, the plan, the summary).
    Other,
}

/// Whether an exercise already on the page (its options as the page set them, parsed) is the
/// one a suggestion means, so the check-in may point to it instead of opening one inline:
/// - breathing: a pattern with no holds and an out-breath at least as long as the in-breath
///   (extended exhale, resonance, the sigh, a custom pattern of that shape); a 4-7-8 pacer
///   with its 7-second hold is no place to send someone who is overwhelmed, and for the
///   overwhelmed end one with its ramp, as its words say it "starts easy";
/// - the body scan: the same variant (the palms and the temperature steps are exercises of
///   their own);
/// - the 5-4-3-2-1 scan and the micro-pleasure tracker: any.
pub fn fits(s: &Suggestion, page: PageWidget<'_>) -> bool {
    match page {
        PageWidget::Breathing(c) if s.widget == "breathing" => {
            let (mut inhale, mut exhale, mut holds) = (0.0, 0.0, 0.0);
            for seg in &c.plan.pattern.segments {
                match seg.phase {
                    Phase::Inhale => inhale += seg.secs,
                    Phase::Exhale => exhale += seg.secs,
                    Phase::HoldIn | Phase::HoldOut => holds += seg.secs,
                }
            }
            // One that "starts easy and lengthens gently", as the overwhelmed end's words say,
            // only with its ramp.
            let ramp = s.options.iter().any(|(k, _)| *k == "ramp");
            holds == 0.0 && exhale >= inhale && exhale > 0.0 && (c.plan.ramp || !ramp)
        }
        PageWidget::BodyScan(c) if s.widget == "body-scan" => {
            let want = s
                .options
                .iter()
                .find(|(k, _)| *k == "variant")
                .map_or("full", |(_, v)| *v);
            c.variant.id() == want
        }
        PageWidget::Grounding => s.widget == "grounding",
        PageWidget::Pleasure => s.widget == "pleasure",
        _ => false,
    }
}

/// The words for the crisis line in the "I'm not safe right now" panel: the site's
/// `crisis-text`, else what its link leads to (`tel:988` reads "988", a web link reads as
/// itself), so a crisis line given only as a link is still there in words. `None` when the site
/// gave neither.
pub fn crisis_words<'a>(text: Option<&'a str>, href: Option<&'a str>) -> Option<&'a str> {
    if let Some(t) = text {
        return Some(t);
    }
    let href = href?;
    match href.split_once(':') {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("tel") || scheme.eq_ignore_ascii_case("mailto") =>
        {
            Some(rest.trim())
        }
        _ => Some(href),
    }
}

/// The check-in's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInConfig {
    /// When the page has no widget for the suggestion, offer to open it inline below.
    pub inline: bool,
}

/// Reads the check-in's own option: `inline`.
pub fn parse(raw: &RawOptions) -> Result<CheckInConfig, OptionError> {
    Ok(CheckInConfig {
        inline: on_off(raw, "inline", true)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::{text, Lang};
    use crate::core::options::RawOptions;
    use crate::prelude::*;

    #[test]
    fn ids_and_positions_round_trip() {
        let ids: Vec<_> = Point::ALL.iter().map(|p| p.id()).collect();
        assert_eq!(
            ids,
            ["shut-down", "low", "settled", "stirred", "overwhelmed"]
        );
        for p in Point::ALL {
            assert_eq!(Point::from_index(p.index()), Some(p));
            assert_eq!(Point::from_id(p.id()), Some(p));
        }
        assert_eq!(Point::from_index(5), None);
        assert_eq!(Point::from_id("fine"), None);
    }

    #[test]
    fn each_point_gets_its_fitting_exercise() {
        let got: Vec<_> = Point::ALL
            .iter()
            .map(|p| (suggestion(*p, 0).widget, suggestion(*p, 0).options))
            .collect();
        let want: [(&str, &[(&str, &str)]); 5] = [
            ("body-scan", &[("variant", "temperature")]),
            ("grounding", &[]),
            ("pleasure", &[]),
            ("breathing", &[("pattern", "extended-exhale")]),
            (
                "breathing",
                &[("pattern", "extended-exhale"), ("ramp", "on")],
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn the_numb_end_varies_among_the_gentle_activating_exercises() {
        let seen: Vec<(&str, &[(&str, &str)])> = (0..4)
            .map(|t| {
                let s = suggestion(Point::ShutDown, t);
                (s.widget, s.options)
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("body-scan", &[("variant", "temperature")][..]),
                ("body-scan", &[("variant", "palms")][..]),
                ("grounding", &[][..]),
                ("pleasure", &[][..]),
            ]
        );
        assert_eq!(
            suggestion(Point::ShutDown, 4),
            suggestion(Point::ShutDown, 0)
        );
    }

    fn breathing(options: &[(&str, &str)]) -> BreathingConfig {
        let raw = RawOptions::new(options.iter().copied());
        crate::core::breathing::parse(&raw).unwrap()
    }

    fn body_scan(options: &[(&str, &str)]) -> BodyScanConfig {
        let raw = RawOptions::new(options.iter().copied());
        crate::core::body_scan::parse(&raw).unwrap()
    }

    #[test]
    fn a_breathing_widget_fits_the_stirred_up_end_only_with_no_holds_and_a_long_enough_exhale() {
        for (point, ramp) in [(Point::Stirred, "off"), (Point::Overwhelmed, "on")] {
            let s = suggestion(point, 0);
            for fitting in ["extended-exhale", "resonance", "3.5-0-5.5-0", "4-0-4-0"] {
                assert!(
                    fits(
                        &s,
                        PageWidget::Breathing(&breathing(&[("pattern", fitting), ("ramp", ramp)]))
                    ),
                    "{fitting}"
                );
            }
            assert!(
                fits(&s, PageWidget::Breathing(&breathing(&[("ramp", ramp)]))),
                "the default, resonance"
            );
            for not in ["4-7-8", "box", "4-2-6-0", "4-0-3-0", "5-0-4-2"] {
                assert!(
                    !fits(
                        &s,
                        PageWidget::Breathing(&breathing(&[("pattern", not), ("ramp", ramp)]))
                    ),
                    "{not}"
                );
            }
            assert!(!fits(&s, PageWidget::Grounding));
        }
        // The overwhelmed end's pacer "starts easy and lengthens gently": one without its ramp
        // is not that one; the stirred-up end takes one with a ramp too.
        let (overwhelmed, stirred) = (
            suggestion(Point::Overwhelmed, 0),
            suggestion(Point::Stirred, 0),
        );
        let plain = breathing(&[("pattern", "extended-exhale")]);
        assert!(!fits(&overwhelmed, PageWidget::Breathing(&plain)));
        assert!(fits(&stirred, PageWidget::Breathing(&plain)));
    }

    #[test]
    fn a_body_scan_fits_only_in_the_same_variant() {
        let temperature = suggestion(Point::ShutDown, 0);
        assert!(fits(
            &temperature,
            PageWidget::BodyScan(&body_scan(&[("variant", "temperature")]))
        ));
        assert!(!fits(&temperature, PageWidget::BodyScan(&body_scan(&[]))));
        assert!(!fits(
            &temperature,
            PageWidget::BodyScan(&body_scan(&[("variant", "palms")]))
        ));
        assert!(fits(&suggestion(Point::Low, 0), PageWidget::Grounding));
        assert!(fits(&suggestion(Point::Settled, 0), PageWidget::Pleasure));
    }

    #[test]
    fn the_safety_line_is_there_with_or_without_a_contact() {
        use crate::core::i18n::fill;
        assert_eq!(
            text(Lang::En, Msg::EmergencyLine),
            "Call your local emergency number now if you have hurt yourself, might act on thoughts of suicide or self-harm, or can't stay safe. You don't have to face this alone."
        );
        assert!(text(Lang::Es, Msg::EmergencyLine).contains("emergencia"));
        assert_eq!(text(Lang::En, Msg::NotSafe), "I'm not safe right now");
        let contact = fill(
            text(Lang::En, Msg::ContactSupport),
            &[("support", "the clinic, 555 0100")],
        );
        assert_eq!(contact, "You can also reach out: the clinic, 555 0100");
        assert!(fill(text(Lang::Es, Msg::ContactSupport), &[("support", "X")]).ends_with('X'));
    }

    #[test]
    fn the_crisis_line_always_has_words() {
        assert_eq!(
            crisis_words(Some("Call or text 988"), Some("tel:988")),
            Some("Call or text 988")
        );
        assert_eq!(crisis_words(Some("Call 988"), None), Some("Call 988"));
        assert_eq!(crisis_words(None, Some("tel:988")), Some("988"));
        assert_eq!(crisis_words(None, Some("TEL: 988")), Some("988"));
        assert_eq!(
            crisis_words(None, Some("mailto:help@example.org")),
            Some("help@example.org")
        );
        assert_eq!(
            crisis_words(None, Some("https://988lifeline.org")),
            Some("https://988lifeline.org")
        );
        assert_eq!(crisis_words(None, None), None);
    }

    #[test]
    fn every_point_and_reason_has_words_in_both_languages() {
        for p in Point::ALL {
            for lang in [Lang::En, Lang::Es] {
                assert!(!text(lang, p.label()).is_empty());
                for turn in 0..4 {
                    assert!(!text(lang, suggestion(p, turn).reason).is_empty());
                }
            }
            assert_ne!(text(Lang::En, p.label()), text(Lang::Es, p.label()));
        }
    }
}

/// The check-in's own option, read by [`parse`].
#[cfg(test)]
mod option_tests {
    use super::*;

    #[test]
    fn inline_is_on_unless_turned_off() {
        let options = |pairs: &[(&str, &str)]| parse(&RawOptions::new(pairs.iter().copied()));
        assert_eq!(options(&[]), Ok(CheckInConfig { inline: true }));
        assert_eq!(
            options(&[("inline", "false")]),
            Ok(CheckInConfig { inline: false })
        );
        assert!(matches!(
            options(&[("inline", "sometimes")]),
            Err(OptionError::BadValue {
                option: "inline",
                ..
            })
        ));
    }
}
