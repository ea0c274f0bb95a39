//! A widget's whole configuration ([`Config`]): the options every widget takes, read by
//! [`options`](super::options), and the widget's own, each read beside the widget's model
//! ([`breathing::parse`], [`grounding::parse`], ...), so that one file holds all there is to
//! know about one exercise. [`Config::parse`] dispatches on the widget's name.
//!
//! This module stands above the widget modules; none of them, nor `options`, knows it. Where a
//! widget needs to look at another's configuration (the check-in, at the exercises already on
//! the page), it is handed a view ([`WidgetConfig::page_widget`]).

use crate::prelude::*;

use super::body_scan::{self, BodyScanConfig};
use super::breathing::{self, BreathingConfig};
use super::check_in::{self, CheckInConfig, PageWidget};
use super::grounding::{self, GroundingConfig};
use super::i18n::Lang;
use super::options::{clip, is_option, parse_common, Common, OptionError, RawOptions, WidgetKind};
use super::plan::{self, PlanConfig};
use super::pleasure::{self, PleasureConfig};
use super::summary::{self, SummaryConfig};

/// A widget's whole configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Options every widget takes.
    pub common: Common,
    /// The widget's own options.
    pub widget: WidgetConfig,
    /// Options refused without stopping the widget: a bad `support-href` or `crisis-href` is
    /// left out (its text stays, as plain text) and the rest is shown, because a safety line
    /// must not vanish behind an error box over a typo in a link. The page is still told. So is
    /// a name no widget takes, which changes nothing.
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
    /// is given. A name no widget takes is left out and kept in [`Config::dropped`], so the page
    /// is told; one another widget takes is ignored.
    pub fn parse(
        widget: &str,
        raw: &RawOptions,
        page_lang: Option<&str>,
    ) -> Result<Config, OptionError> {
        let kind = WidgetKind::parse(widget)?;
        let mut dropped = Vec::new();
        let common = parse_common(raw, page_lang, &mut dropped)?;
        for name in raw.names() {
            if !is_option(name) {
                dropped.push(OptionError::UnknownOption { given: clip(name) });
            }
        }
        let widget = match kind {
            WidgetKind::Breathing => WidgetConfig::Breathing(breathing::parse(raw)?),
            WidgetKind::Grounding => WidgetConfig::Grounding(grounding::parse(raw)?),
            WidgetKind::BodyScan => WidgetConfig::BodyScan(body_scan::parse(raw)?),
            WidgetKind::CheckIn => WidgetConfig::CheckIn(check_in::parse(raw)?),
            WidgetKind::Pleasure => WidgetConfig::Pleasure(pleasure::parse(raw)?),
            WidgetKind::Plan => WidgetConfig::Plan(plan::parse(raw)?),
            WidgetKind::Summary => WidgetConfig::Summary(summary::parse(raw)?),
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
    ///
    /// [`SHOWN_IN_PLACE`]: super::options::SHOWN_IN_PLACE
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
        raw.value("lang")
            .and_then(Lang::from_tag)
            .or_else(|| page_lang.and_then(Lang::from_tag))
            .unwrap_or(Lang::En)
    }
}

impl WidgetConfig {
    /// This widget as the check-in sees an exercise already on the page (see
    /// [`check_in::fits`]). The check-in stands below this module, so it is handed this view
    /// instead of reading a `WidgetConfig` itself.
    pub fn page_widget(&self) -> PageWidget<'_> {
        match self {
            WidgetConfig::Breathing(c) => PageWidget::Breathing(c),
            WidgetConfig::BodyScan(c) => PageWidget::BodyScan(c),
            WidgetConfig::Grounding(_) => PageWidget::Grounding,
            WidgetConfig::Pleasure(_) => PageWidget::Pleasure,
            WidgetConfig::CheckIn(_) | WidgetConfig::Plan(_) | WidgetConfig::Summary(_) => {
                PageWidget::Other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breathing::Length;
    use crate::core::options::{
        describe_error, safe_link, shown_in_place, Expected, StorageKind, Theme, SHOWN_IN_PLACE,
    };

    fn error_for(pairs: &[(&str, &str)], lang: Lang) -> String {
        match Config::parse("breathing", &RawOptions::new(pairs.iter().copied()), None) {
            Err(e) => describe_error(lang, &e),
            Ok(_) => panic!("{pairs:?} was accepted"),
        }
    }

    #[test]
    fn long_input_is_clipped_in_messages() {
        let long = "x".repeat(500);
        let m = error_for(&[("theme", &long)], Lang::En);
        assert!(m.len() < 200, "{m}");
    }

    #[test]
    fn a_language_not_known_is_refused_with_the_known_ones() {
        let raw = RawOptions::new([("lang", "xx")]);
        let err = Config::parse("breathing", &raw, None).expect_err("not a language");
        let said = describe_error(Lang::En, &err);
        assert!(said.contains("\"en\", \"ar\", \"es\" or \"fr\""), "{said}");
    }

    fn parse(pairs: &[(&str, &str)]) -> Result<Config, OptionError> {
        Config::parse("breathing", &RawOptions::new(pairs.iter().copied()), None)
    }

    #[test]
    fn an_empty_word_or_number_is_an_option_not_given() {
        // What a framework writes for an empty variable (`theme={dark ? "dark" : ""}`).
        let blank = [
            ("theme", ""),
            ("pattern", " "),
            ("minutes", ""),
            ("lang", ""),
            ("sound", ""),
            ("storage", ""),
        ];
        assert_eq!(parse(&blank).ok(), parse(&[]).ok());
        // What `${theme}` writes for a missing variable, and `el.lang = null` leaves: words,
        // numbers, switches and contacts alike.
        let unset = [
            ("theme", "undefined"),
            ("lang", "null"),
            ("minutes", "null"),
            ("rating", "null"),
            ("ramp", "undefined"),
            ("support-text", "undefined"),
            ("support-href", "null"),
        ];
        assert_eq!(parse(&unset).ok(), parse(&[]).ok());
        // Lists too: the built-in suggestions, not one called "null".
        let pleasure = |pairs: &[(&str, &str)]| {
            Config::parse("pleasure", &RawOptions::new(pairs.iter().copied()), None).ok()
        };
        assert_eq!(pleasure(&[("suggestions", " null ")]), pleasure(&[]));
        // Except the namespace: records kept under "undefined" by such a template stay there.
        let key = parse(&[("storage-key", "undefined")]).map(|c| c.common.storage_key);
        assert_eq!(key.ok().as_deref(), Some("undefined"));
        assert!(parse(&[("theme", "nul")]).is_err());
        for widget in ["body-scan", "plan"] {
            let raw = RawOptions::new([("seconds", ""), ("days", ""), ("advance", "")]);
            let none = RawOptions::new([("theme", "auto")]);
            assert_eq!(
                Config::parse(widget, &raw, None).ok().map(|c| c.widget),
                Config::parse(widget, &none, None).ok().map(|c| c.widget)
            );
        }
        // A list left empty is still said to be one, and a bare switch is on.
        let raw = RawOptions::new([("suggestions", "")]);
        assert!(Config::parse("pleasure", &raw, None).is_err());
        assert!(parse(&[("rating", "")]).is_ok());
    }

    #[test]
    fn common_defaults_are_gentle() {
        let c = parse(&[]).expect("defaults").common;
        assert_eq!(
            (c.lang, c.theme, c.storage),
            (Lang::En, Theme::Page, StorageKind::Local)
        );
        assert_eq!(c.storage_key, "attune");
    }

    #[test]
    fn bad_common_values_name_the_option() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("theme", "purple")], "theme"),
            (&[("storage", "cloud")], "storage"),
            (&[("storage-key", "a b")], "storage-key"),
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
        let long = ["https://example.org/", &"x".repeat(2000)].cat();
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
    fn a_name_no_widget_takes_is_told_and_changes_nothing() {
        let c = parse(&[
            ("minuts", "2"),
            ("storageKey", "mine"),
            ("Pattern", "box"),
            ("data-sound", "chime"),
        ])
        .expect("valid");
        let same = parse(&[
            ("storage-key", "mine"),
            ("pattern", "box"),
            ("sound", "chime"),
        ])
        .expect("valid");
        assert_eq!((&c.common, &c.widget), (&same.common, &same.widget));
        assert_eq!(
            c.dropped,
            [OptionError::UnknownOption {
                given: "minuts".into()
            }]
        );
        assert_eq!(
            describe_error(Lang::En, &c.dropped[0]),
            "There is no option called \"minuts\", so it was left out."
        );
        // Another widget's option is not told: a template may give one tag another's options.
        let plan = Config::parse("plan", &RawOptions::new([("pattern", "box")]), None);
        assert_eq!(plan.expect("valid").dropped, []);
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
        // Not cut short (a number's last digits could go): the built-in words stand in, and
        // the page is told what the option takes.
        let exact = "é".repeat(300);
        let c = parse(&[("crisis-text", &exact)]).expect("valid");
        assert_eq!(c.common.crisis_text.as_deref(), Some(exact.as_str()));
        assert!(c.dropped.is_empty());
        let long = [&exact, " 988"].concat();
        let c = parse(&[("crisis-text", &long), ("support-text", "Ring us")]).expect("valid");
        assert_eq!(c.common.crisis_text, None);
        assert_eq!(c.common.support_text.as_deref(), Some("Ring us"));
        let said = c.dropped.iter().map(|e| describe_error(Lang::En, e)).vec();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said.iter()
                .all(|m| m.contains("crisis-text") && m.contains("a text of up to 300 characters")),
            "{said:?}"
        );
        // A number written with a right-to-left override would show its digits reversed.
        let c = parse(&[("crisis-text", "Call 0800\u{202E}1234 567")]).expect("valid");
        assert_eq!(c.common.crisis_text.as_deref(), Some("Call 08001234 567"));
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

/// The check-in's suggestions, parsed and matched as the page's own widgets are.
#[cfg(test)]
mod check_in_tests {
    use super::*;
    use crate::core::check_in::{fits, suggestion, Point};

    #[test]
    fn the_low_end_is_activating_and_the_high_end_lengthens_the_exhale() {
        for p in [Point::ShutDown, Point::Low] {
            for turn in 0..8 {
                assert_ne!(suggestion(p, turn).widget, "breathing", "{p:?}");
            }
        }
        for p in [Point::Stirred, Point::Overwhelmed] {
            let s = suggestion(p, 0);
            let raw = RawOptions::new(s.options.iter().copied());
            match Config::parse(s.widget, &raw, None) {
                Ok(Config {
                    widget: WidgetConfig::Breathing(b),
                    ..
                }) => {
                    let inhale = b
                        .plan
                        .pattern
                        .segments
                        .first()
                        .map(|x| x.secs)
                        .unwrap_or(0.0);
                    let exhale = b
                        .plan
                        .pattern
                        .segments
                        .get(2)
                        .map(|x| x.secs)
                        .unwrap_or(0.0);
                    assert!(exhale > inhale, "{p:?}");
                }
                other => panic!("{p:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_suggestion_mounts_with_valid_options() {
        for p in Point::ALL {
            for turn in 0..4 {
                let s = suggestion(p, turn);
                let raw = RawOptions::new(s.options.iter().copied());
                let parsed = Config::parse(s.widget, &raw, None);
                assert!(parsed.is_ok(), "{p:?}: {parsed:?}");
                // What the check-in opens inline fits what it suggests.
                assert!(
                    fits(&s, parsed.map(|c| c.widget).unwrap().page_widget()),
                    "{p:?} {turn}"
                );
            }
        }
    }

    #[test]
    fn each_widget_is_seen_by_the_check_in_as_itself() {
        let widget = |name: &str, options: &[(&str, &str)]| {
            let raw = RawOptions::new(options.iter().copied());
            Config::parse(name, &raw, None).map(|c| c.widget).unwrap()
        };
        let breathing = widget("breathing", &[("pattern", "box")]);
        let WidgetConfig::Breathing(b) = &breathing else {
            panic!("not breathing")
        };
        assert_eq!(breathing.page_widget(), PageWidget::Breathing(b));
        let scan = widget("body-scan", &[("variant", "palms")]);
        let WidgetConfig::BodyScan(s) = &scan else {
            panic!("not the body scan")
        };
        assert_eq!(scan.page_widget(), PageWidget::BodyScan(s));
        assert_eq!(
            widget("grounding", &[("mode", "write")]).page_widget(),
            PageWidget::Grounding
        );
        assert_eq!(widget("pleasure", &[]).page_widget(), PageWidget::Pleasure);
        for other in ["check-in", "plan", "summary"] {
            assert_eq!(
                widget(other, &[]).page_widget(),
                PageWidget::Other,
                "{other}"
            );
        }
        assert!(fits(
            &suggestion(Point::Low, 0),
            widget("grounding", &[("mode", "write")]).page_widget()
        ));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::*;
    use crate::core::options::safe_link;
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod scan_and_check_in_prop {
    use super::*;
    use crate::core::body_scan::SECONDS_RANGE;
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
    }
}
