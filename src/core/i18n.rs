//! The message catalog: every word a visitor or site owner reads, in English and Spanish.
//!
//! Words are plain, warm and short, and never press (see CONTENT.md). Messages are looked up by
//! a [`Msg`] key so a missing translation is a compile error, not a blank screen.

use super::breathing::{BreathPattern, Cue, PatternKind};
use super::num::{push_secs, uint};
use super::options::{Expected, OptionError, PATTERN_NAMES, WIDGET_NAMES};

/// A language the widgets speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English, the default.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Accepted `lang` values, for messages.
    pub const TAGS: &'static [&'static str] = &["en", "es"];

    /// Reads a BCP 47 tag by its primary subtag: `es-MX` is Spanish; unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The tag for `lang` attributes and speech synthesis.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

/// Keys of the catalog.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    BreathingTitle,
    BreathingIntro,
    Start,
    Pause,
    Resume,
    Stop,
    Again,
    CueIn,
    CueTopUp,
    CueHoldIn,
    CueOut,
    CueHoldOut,
    ReadyWords,
    PausedWords,
    StoppedWords,
    DoneWords,
    KeysHint,
    BreathOf,
    SecondsLeft,
    SessionProgress,
    RatingQuestion,
    RatingLow,
    RatingHigh,
    Skip,
    Thanks,
    NotCare,
    SupportDefault,
    NoVoice,
    ErrorTitle,
    ErrorOwnerHint,
    PatternBox,
    Pattern478,
    PatternResonance,
    PatternExtended,
    PatternSigh,
    PatternCustom,
    BreathsPerMinute,
    MinutesShort,
    Breaths,
}

/// Looks a message up.
pub fn text(lang: Lang, msg: Msg) -> &'static str {
    let (en, es) = match msg {
        Msg::BreathingTitle => ("Breathe with the circle", "Respira con el círculo"),
        Msg::BreathingIntro => (
            "Follow the circle as it grows and settles. There is nothing to get right; pause whenever you like.",
            "Sigue el círculo mientras crece y se calma. No hay nada que hacer bien; puedes pausar cuando quieras.",
        ),
        Msg::Start => ("Start", "Empezar"),
        Msg::Pause => ("Pause", "Pausar"),
        Msg::Resume => ("Resume", "Seguir"),
        Msg::Stop => ("Stop", "Parar"),
        Msg::Again => ("Breathe again", "Respirar otra vez"),
        Msg::CueIn => ("Breathe in", "Inhala"),
        Msg::CueTopUp => ("A little more", "Un poco más"),
        Msg::CueHoldIn => ("Hold gently", "Sostén suavemente"),
        Msg::CueOut => ("Breathe out", "Exhala"),
        Msg::CueHoldOut => ("Rest", "Descansa"),
        Msg::ReadyWords => ("Ready when you are", "Cuando quieras"),
        Msg::PausedWords => ("Paused. Resume when you like.", "En pausa. Sigue cuando quieras."),
        Msg::StoppedWords => ("Stopped.", "Detenido."),
        Msg::DoneWords => ("Done. Take a moment before you move on.", "Listo. Tómate un momento antes de seguir."),
        Msg::KeysHint => ("Space starts or pauses. Escape stops.", "Espacio empieza o pausa. Escape detiene."),
        Msg::BreathOf => ("Breath {n} of {total}", "Respiración {n} de {total}"),
        Msg::SecondsLeft => ("seconds left", "segundos"),
        Msg::SessionProgress => ("Session progress", "Progreso de la sesión"),
        Msg::RatingQuestion => (
            "If you like: how does your body feel now?",
            "Si quieres: ¿cómo sientes tu cuerpo ahora?",
        ),
        Msg::RatingLow => ("0 far away or tense", "0 lejano o tenso"),
        Msg::RatingHigh => ("10 settled and here", "10 tranquilo y presente"),
        Msg::Skip => ("Skip", "Omitir"),
        Msg::Thanks => ("Thank you for taking this time.", "Gracias por darte este tiempo."),
        Msg::NotCare => (
            "These exercises can support, not replace, professional care.",
            "Estos ejercicios pueden acompañar, no reemplazar, la atención profesional.",
        ),
        Msg::SupportDefault => ("Support", "Apoyo"),
        Msg::NoVoice => (
            "This browser has no voice for this language, so you will hear soft chimes instead.",
            "Este navegador no tiene voz en este idioma, así que oirás campanas suaves.",
        ),
        Msg::ErrorTitle => ("This exercise can't start yet", "Este ejercicio aún no puede empezar"),
        Msg::ErrorOwnerHint => (
            "A note for the site owner: please check the widget's options.",
            "Nota para quien gestiona el sitio: revisa las opciones del widget.",
        ),
        Msg::PatternBox => ("Box breathing", "Respiración cuadrada"),
        Msg::Pattern478 => ("4-7-8 breathing", "Respiración 4-7-8"),
        Msg::PatternResonance => ("Slow, even breathing", "Respiración lenta y pareja"),
        Msg::PatternExtended => ("Longer out-breath", "Exhalación más larga"),
        Msg::PatternSigh => ("Calming sigh", "Suspiro calmante"),
        Msg::PatternCustom => ("Your own pace", "Tu propio ritmo"),
        Msg::BreathsPerMinute => ("breaths a minute", "respiraciones por minuto"),
        Msg::MinutesShort => ("min", "min"),
        Msg::Breaths => ("breaths", "respiraciones"),
    };
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// Fills `{name}` slots of a message with values.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in slots {
        let key = ["{", name, "}"].concat();
        out = out.replace(&key, value);
    }
    out
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
        PatternKind::Resonance { bpm } => {
            push_secs(&mut out, bpm);
            out.push(' ');
            out.push_str(text(lang, Msg::BreathsPerMinute));
        }
        _ => out.push_str(&pattern.timing_label()),
    }
    out
}

fn quoted_list(items: &[&str], or: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { or } else { ", " });
        }
        out.push('"');
        out.push_str(item);
        out.push('"');
    }
    out
}

fn num(v: f64) -> String {
    let mut s = String::new();
    push_secs(&mut s, v);
    s
}

/// A readable sentence for an option error, naming the option and what it takes. Quoted input
/// is only ever shown as text.
pub fn describe_error(lang: Lang, err: &OptionError) -> String {
    let (or, es) = match lang {
        Lang::En => (" or ", false),
        Lang::Es => (" o ", true),
    };
    match err {
        OptionError::UnknownWidget { given } => {
            let list = quoted_list(WIDGET_NAMES, or);
            if es {
                ["No hay ningún ejercicio llamado \"", given, "\". Usa ", &list, "."].concat()
            } else {
                ["There is no exercise called \"", given, "\". Use ", &list, "."].concat()
            }
        }
        OptionError::BadValue { option, given, expected } => {
            let takes = match expected {
                Expected::OneOf(list) => quoted_list(list, or),
                Expected::Number { min, max } => {
                    if es {
                        ["un número de ", &num(*min), " a ", &num(*max)].concat()
                    } else {
                        ["a number from ", &num(*min), " to ", &num(*max)].concat()
                    }
                }
                Expected::Whole { min, max } => {
                    if es {
                        ["un número entero de ", &uint(u64::from(*min)), " a ", &uint(u64::from(*max))].concat()
                    } else {
                        ["a whole number from ", &uint(u64::from(*min)), " to ", &uint(u64::from(*max))].concat()
                    }
                }
                Expected::OnOff => quoted_list(&["true", "false"], or),
                Expected::Pattern => {
                    let names = quoted_list(PATTERN_NAMES, ", ");
                    if es {
                        [&names, " o cuatro números en segundos, como \"4-2-6-0\""].concat()
                    } else {
                        [&names, ", or four numbers of seconds like \"4-2-6-0\""].concat()
                    }
                }
                Expected::Key => {
                    if es {
                        "letras, números, \"-\" o \"_\" (hasta 40)".to_string()
                    } else {
                        "letters, digits, \"-\" or \"_\" (up to 40)".to_string()
                    }
                }
                Expected::Link => {
                    if es {
                        "un enlace que empiece por https:, http:, tel: o mailto:".to_string()
                    } else {
                        "a link starting with https:, http:, tel: or mailto:".to_string()
                    }
                }
            };
            if es {
                ["La opción \"", option, "\" no acepta \"", given, "\". Acepta ", &takes, "."].concat()
            } else {
                ["The option \"", option, "\" can't be \"", given, "\". It takes ", &takes, "."].concat()
            }
        }
        OptionError::Conflict { first, second } => {
            if es {
                ["Usa \"", first, "\" o \"", second, "\", no las dos."].concat()
            } else {
                ["Use either \"", first, "\" or \"", second, "\", not both."].concat()
            }
        }
        OptionError::OnlyWith { option, needs } => {
            if es {
                ["La opción \"", option, "\" solo sirve con ", needs, "."].concat()
            } else {
                ["The option \"", option, "\" only works with ", needs, "."].concat()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::options::{Config, RawOptions};

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
        assert!(p.contains("\"pattern\"") && p.contains("\"4-7-8\"") && p.contains("\"sigh\""), "{p}");
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
    fn labels_read_naturally() {
        assert_eq!(pattern_label(Lang::En, &BreathPattern::resonance(5.5)), "Slow, even breathing · 5.5 breaths a minute");
        assert_eq!(pattern_label(Lang::En, &BreathPattern::box_breathing()), "Box breathing · 4-4-4-4");
        assert_eq!(fill(text(Lang::Es, Msg::BreathOf), &[("n", "2"), ("total", "9")]), "Respiración 2 de 9");
    }

    #[test]
    fn page_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("de"), None);
    }
}
