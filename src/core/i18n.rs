//! The message catalog: every word a visitor or site owner reads, in every language.
//!
//! The words live in `locales/<tag>.json`, one file per language, in the format described in
//! [`super::locale`]. `build.rs` checks every file against English and writes the [`Msg`] keys
//! from `locales/en.json`, so a message the code names and English lacks is a compile error,
//! not a blank screen, and adding a language is adding a file. English is built in; the other
//! languages in `locales/` are fetched when a widget first needs one (the web layer does that
//! and hands the file here), and a site may add or adjust a language at run time
//! ([`register`]). Words are plain, warm and short, and never press.
//!
//! What grammar needs a browser (the plural category of a count, numbers and dates as a
//! locale writes them) comes from `Intl` through [`Formats`], which the web layer installs;
//! without it (on the host) English's rules and plain digits stand in, so the core stays
//! testable with `cargo test`.

use crate::prelude::*;

use core::cell::{Cell, RefCell};

use super::days::LocalDay;
use super::locale::{self, Plural, Problem};
use super::num::push_secs;

/// A language the widgets speak: a small handle on the catalog's list of languages, which
/// holds those in `locales/` (`Lang::En`, `Lang::Es`, `Lang::Fr`, `Lang::Ar`, ... in that
/// list's order, English first) and any a site registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(u8);

/// A language of `locales/`, as `build.rs` describes it.
struct Shipped {
    tag: &'static str,
    rtl: bool,
    intl: &'static str,
    words: Words,
}

/// Where a shipped language's words are.
#[cfg_attr(feature = "all-locales", allow(dead_code))]
enum Words {
    /// In the engine: the compiled messages, one per line (read through a function, since a
    /// constant cannot hold a reference to a [`Tail`](crate::Tail)).
    Built(fn() -> &'static str),
    /// In a file of its own next to the engine: its name and integrity hash.
    File(&'static str, &'static str),
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// English's words for message `i`, as built in: what a translation's placeholders are checked
/// against. Found by reading the messages up to it, so only for what is rare (a language is
/// looked up through its own list of words, see [`text`]).
fn english(i: usize) -> &'static str {
    EN_TEXT.text().split('\n').nth(i).unwrap_or("")
}

/// Where a language's words stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// Its words are here (or, for a registered language, English stands in for any missing).
    Ready,
    /// Its words are in a file not fetched yet: the file's name and integrity hash.
    Fetch(&'static str, &'static str),
    /// Its file is being fetched.
    Loading,
    /// Its file could not be fetched: English stands in.
    Failed,
}

struct Language {
    tag: &'static str,
    rtl: bool,
    intl: &'static str,
    /// Words built in, fetched or registered, by [`Msg`] index (empty until there are some).
    /// They are kept for the rest of the page's life: a language is loaded or registered once
    /// or a few times per page, and every widget in it holds its words as `&'static str`.
    words: Vec<Option<&'static str>>,
    load: Load,
    /// The messages already warned about as missing (one bit each).
    warned: Vec<u32>,
}

impl Language {
    fn shipped(s: &Shipped) -> Language {
        let (words, load) = match s.words {
            Words::Built(text) => (text().split('\n').map(Some).vec(), Load::Ready),
            Words::File(file, integrity) => (Vec::new(), Load::Fetch(file, integrity)),
        };
        Language {
            tag: s.tag,
            rtl: s.rtl,
            intl: s.intl,
            words,
            load,
            warned: Vec::new(),
        }
    }
}

local! {
    /// Filled on first use (see [`langs`]): a static's value must be made at compile time.
    static LANGS: RefCell<Vec<Language>> = const { RefCell::new(Vec::new()) };
    static FORMATS: Cell<Option<Formats>> = const { Cell::new(None) };
    /// Where the messages' keys stand, and the keys in [`Msg`] order, one per line, once they
    /// are here (`None` until the first change: [`KEYS`] stands for it).
    static NAMES: Cell<Option<(Load, &'static str)>> = const { Cell::new(None) };
}

/// Runs `f` on the list of languages; `None` only if it is in use (it never is while `f` runs
/// something else).
fn langs<R>(f: impl FnOnce(&mut Vec<Language>) -> R) -> Option<R> {
    LANGS
        .try_with(|l| {
            l.try_borrow_mut().ok().map(|mut l| {
                if l.is_empty() {
                    *l = SHIPPED.iter().map(Language::shipped).vec();
                }
                f(&mut l)
            })
        })
        .ok()
        .flatten()
}

/// Compares tags as BCP 47 does: without regard to case, `_` read as `-`.
fn same_tag(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            x.eq_ignore_ascii_case(&y) || matches!((x, y), (b'-', b'_') | (b'_', b'-'))
        })
}

impl Lang {
    /// Reads a BCP 47 tag: a language the catalog has by its whole tag (`pt-BR`, once
    /// registered), else by its primary subtag (`es-MX` is Spanish); unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let primary = locale::before(tag, |b| b == b'-' || b == b'_');
        langs(|l| {
            let by = |want: &str| l.iter().position(|x| same_tag(x.tag, want));
            by(tag).or_else(|| by(primary))
        })
        .flatten()
        .and_then(|i| u8::try_from(i).ok())
        .map(Lang)
    }

    fn get<R>(self, f: impl FnOnce(&Language) -> R) -> Option<R> {
        langs(|l| l.get(usize::from(self.0)).map(f)).flatten()
    }

    /// The language as shown: itself, or English where its file failed and English's words
    /// stand in, so that their `lang`, direction and numbers are English's too (a screen
    /// reader would read English words with an Arabic voice, right to left).
    fn shown(self) -> Option<(&'static str, bool, &'static str)> {
        self.get(|l| (l.load != Load::Failed).then_some((l.tag, l.rtl, l.intl)))
            .flatten()
    }

    /// The tag for `lang` attributes and speech synthesis.
    pub fn tag(self) -> &'static str {
        self.shown().map_or("en", |(tag, _, _)| tag)
    }

    /// The writing direction, for the widget's `dir` attribute: `"rtl"` or `"ltr"`.
    pub fn dir(self) -> &'static str {
        if self.rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(self) -> bool {
        self.shown().is_some_and(|(_, rtl, _)| rtl)
    }

    /// The locale `Intl` formats this language's numbers, dates and plurals with.
    pub fn intl(self) -> &'static str {
        self.shown().map_or("en", |(_, _, intl)| intl)
    }

    /// Where this language's words stand.
    pub fn load(self) -> Load {
        self.get(|l| l.load).unwrap_or(Load::Ready)
    }

    /// The tags of every language the catalog has, for messages.
    pub fn tags() -> Vec<&'static str> {
        langs(|l| l.iter().map(|x| x.tag).vec()).unwrap_or_default()
    }

    /// Whether the language has no words of its own: one a site named in `registerTranslation`
    /// whose words were all left out (the messages' keys could not load). It is then shown as
    /// English whole, as a language whose file failed.
    pub fn bare(self) -> bool {
        self.get(|l| l.load == Load::Ready && l.words.is_empty())
            .unwrap_or(false)
    }

    /// Whether its words could not load (its file, or for a site's own language the
    /// messages' keys), so English stands in for it.
    pub fn unloaded(self) -> bool {
        self.load() == Load::Failed
    }

    /// Marks this language's file as being fetched.
    pub fn loading(self) {
        self.set_load(Load::Loading);
    }

    /// Marks this language's file as failed to load: English stands in from now on.
    pub fn failed(self) {
        self.set_load(Load::Failed);
    }

    fn set_load(self, load: Load) {
        langs(|l| {
            if let Some(x) = l.get_mut(usize::from(self.0)) {
                x.load = load;
            }
        });
    }

    /// Takes this language's fetched file, as `(key, text)` pairs: a language file of
    /// `locales/`, checked against its integrity hash by the browser, so it is the file
    /// `build.rs` checked, which has every message in English's order. Its messages are taken
    /// by position and its settings (`_` keys) left, as the build gave them. Words a site
    /// registered for the language before it came in stay.
    pub fn loaded(self, messages: &[(String, String)]) {
        let intl = self.intl();
        langs(|l| {
            let Some(x) = l.get_mut(usize::from(self.0)) else {
                return;
            };
            x.words.resize(MSG_COUNT, None);
            let texts = messages.iter().filter(|(k, _)| !k.starts_with('_'));
            for (slot, (_, text)) in x.words.iter_mut().zip(texts) {
                if slot.is_none() {
                    *slot = locale::compile(text, intl)
                        .ok()
                        .map(|m| &*Box::leak(m.into_boxed_str()));
                }
            }
        });
        self.set_load(Load::Ready);
    }

    /// Takes `messages`, given at run time, into this language's words, settings (`_dir`,
    /// `_intl`) included (see [`register`]). A message English lacks, or with other
    /// placeholders than English's, is left out and reported; so is a bad setting.
    pub fn take(self, messages: &[(String, String)]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let (mut rtl, mut intl) = (self.dir() == "rtl", self.intl());
        for (key, value) in messages.iter().filter(|(k, _)| k.starts_with('_')) {
            match locale::check_meta(key, value) {
                Some(p) => problems.push(p),
                None if key == "_dir" => rtl = value == "rtl",
                None => intl = Box::leak(value.clone().into_boxed_str()),
            }
        }
        let mut taken = Vec::new();
        for (key, value) in messages.iter().filter(|(k, _)| !k.starts_with('_')) {
            let Some(i) = keys().position(|k| k == key) else {
                problems.push(Problem::Unknown(key.clone()));
                continue;
            };
            match locale::check_message(key, english(i), value) {
                Some(p) => problems.push(p),
                None => {
                    if let Ok(m) = locale::compile(value, intl) {
                        taken.push((i, &*Box::leak(m.into_boxed_str())));
                    }
                }
            }
        }
        langs(|l| {
            let Some(x) = l.get_mut(usize::from(self.0)) else {
                return;
            };
            x.words.resize(MSG_COUNT, None);
            for (i, m) in taken {
                if let Some(slot) = x.words.get_mut(i) {
                    *slot = Some(m);
                }
            }
            x.rtl = rtl;
            x.intl = intl;
        });
        problems
    }
}

/// Where the messages' keys stand, and the keys, one per line (empty until they are here).
fn names() -> (Load, &'static str) {
    NAMES
        .try_with(Cell::get)
        .ok()
        .flatten()
        .unwrap_or(match KEYS {
            Words::Built(text) => (Load::Ready, text()),
            Words::File(file, integrity) => (Load::Fetch(file, integrity), ""),
        })
}

fn set_names(names: (Load, &'static str)) {
    let _ = NAMES.try_with(|n| n.set(Some(names)));
}

/// The messages' keys in [`Msg`] order (none until they are here).
fn keys() -> impl Iterator<Item = &'static str> {
    names().1.split('\n').filter(|k| !k.is_empty())
}

/// Where the messages' keys stand. A translation given at run time names its messages by
/// them, so [`register`] needs them ([`Load::Ready`]); only such a page fetches their file.
pub fn keys_load() -> Load {
    names().0
}

/// Marks the keys' file as being fetched.
pub fn keys_loading() {
    set_names((Load::Loading, ""));
}

/// Takes the keys from their file (checked against its integrity hash by the browser: one per
/// line, in [`Msg`] order), or with `None` their failure to load: then no translation given at
/// run time can be read.
pub fn keys_loaded(keys: Option<String>) {
    set_names(match keys {
        Some(k) => (Load::Ready, Box::leak(k.into_boxed_str())),
        None => (Load::Failed, ""),
    });
}

/// What a browser knows of a locale's grammar, through `Intl`. The web layer installs it;
/// without it, English's plural rule and plain digits stand in.
#[derive(Debug, Clone, Copy)]
pub struct Formats {
    /// The plural category of a count in a locale (`Intl.PluralRules`).
    pub plural: fn(&str, f64) -> Plural,
    /// A number as a locale writes it, with at most one decimal (`Intl.NumberFormat`).
    pub number: fn(&str, f64) -> String,
    /// A day as a locale writes it: "Mon, November 23" (`Intl.DateTimeFormat`), with its
    /// year when `true` or when the day is not in the year the device's clock is in.
    pub date: fn(&str, LocalDay, bool) -> String,
    /// Tells the site's developer something (the console).
    pub warn: fn(&str),
}

/// Installs the browser's [`Formats`].
pub fn use_formats(formats: Formats) {
    let _ = FORMATS.try_with(|f| f.set(Some(formats)));
}

fn formats() -> Option<Formats> {
    FORMATS.try_with(Cell::get).ok().flatten()
}

/// English's plural rule (and Spanish's, for every count a widget shows).
fn plural_fallback(_locale: &str, n: f64) -> Plural {
    if n == 1.0 {
        Plural::One
    } else {
        Plural::Other
    }
}

fn plural(locale: &str, n: f64) -> Plural {
    let rule: fn(&str, f64) -> Plural = formats().map_or(plural_fallback, |f| f.plural);
    rule(locale, n)
}

/// Whether `locale` (a BCP 47 tag: the browser's own language) writes a decimal comma, as a
/// Spanish, French or German spreadsheet does, which then separates cells with `;`.
pub fn decimal_comma(locale: &str) -> bool {
    formats().is_some_and(|f| (f.number)(locale, 0.5).bytes().any(|b| b == b','))
}

/// A number in `lang`'s writing (`5,5` in French), at most one decimal.
pub fn number(lang: Lang, v: f64) -> String {
    match formats() {
        Some(f) => (f.number)(lang.intl(), v),
        None => {
            let mut s = String::new();
            push_secs(&mut s, v);
            s
        }
    }
}

/// A day in `lang`'s writing, "Mon, November 23", or "Sat, March 15, 2025" in another year than
/// today's (on the host: `2026-11-23`).
pub fn date(lang: Lang, day: LocalDay) -> String {
    format_day(lang, day, false)
}

/// A day in `lang`'s writing with its year, "Mon, November 23, 2026": for a page kept on file.
pub fn date_with_year(lang: Lang, day: LocalDay) -> String {
    format_day(lang, day, true)
}

fn format_day(lang: Lang, day: LocalDay, year: bool) -> String {
    match formats() {
        Some(f) => (f.date)(lang.intl(), day, year),
        None => day.to_iso(),
    }
}

/// A date's number kept on a line with its month ("Mon, November" at a line's end left "23"
/// alone on the next), and its other spaces left to break at: held whole, a date wider than a
/// line at a large text size was broken inside a word ("décemb|re"). A space after a number
/// joins it to what follows ("23 novembre", "23 de", "Mon 23 November"); a space before one
/// joins it only where the number ends the date or its part ("November 23"), so a weekday
/// ("lun. 23", "Mon 23") can stay at a line's end; and a year after a comma may go to the next
/// line ("November 23," and "2026" held as one were wider than a phone's line at twice the
/// text size, and broke inside "2026").
pub fn glue_numbers(date: &str) -> String {
    let b = date.as_bytes();
    let mut out = String::with_capacity(date.len() + 4);
    let mut before = ' ';
    for (i, mut c) in date.char_indices() {
        let this = c;
        if c == ' ' {
            let mut end = i + 1;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            if before.is_ascii_digit()
                || before != ',' && end > i + 1 && matches!(b.get(end), None | Some(b','))
            {
                c = '\u{a0}';
            }
        }
        out.push(c);
        before = this;
    }
    out
}

/// A name as it reads inside a sentence's list: capitalised as a heading ("Chest", "Sight"),
/// lower case there ("chest", "sight"). Every shipped name starts with an ASCII letter, so this
/// needs no Unicode tables; any other first letter stays as it is.
pub fn in_list(name: &str) -> String {
    let mut chars = name.chars();
    let mut out = String::with_capacity(name.len());
    if let Some(first) = chars.next() {
        out.push(first.to_ascii_lowercase());
        out.push_str(chars.as_str());
    }
    out
}

/// A name after a label's colon ("Breathing: Box breathing"): lower case where the language
/// writes it so, French and Spanish ("Respiration : respiration carrée"); as it is in English,
/// and in a language a site added, which may keep its capitals (German's nouns).
pub fn after_colon(lang: Lang, name: &str) -> String {
    if lang == Lang::Fr || lang == Lang::Es {
        in_list(name)
    } else {
        name.to_string()
    }
}

/// Looks a message up. A registered language that lacks it gives English's words, and the
/// console says so once per message.
pub fn text(lang: Lang, msg: Msg) -> &'static str {
    let i = msg as usize;
    let found = langs(|l| {
        let x = l.get_mut(usize::from(lang.0))?;
        let own = x.words.get(i).copied().flatten();
        if let Some(t) = own {
            return Some(Ok(t));
        }
        // Missing: say so once, when the language's words are all there is to it (a file not
        // fetched yet or that failed has said so already, and English always has everything).
        if x.load != Load::Ready || lang.0 == 0 {
            return None;
        }
        let (word, bit) = (i / 32, 1u32 << (i % 32));
        if x.warned.len() <= word {
            x.warned.resize(word + 1, 0);
        }
        let seen = x.warned.get(word).is_some_and(|w| w & bit != 0);
        if let Some(w) = x.warned.get_mut(word) {
            *w |= bit;
        }
        (!seen).then_some(Err(x.tag))
    })
    .flatten();
    match found {
        Some(Ok(t)) => t,
        Some(Err(tag)) => {
            let key = keys().nth(i);
            if let (Some(f), Some(key)) = (formats(), key) {
                (f.warn)(
                    &[
                        "Attune: the \"",
                        tag,
                        "\" translation has no \"",
                        key,
                        "\"; English is shown for it.",
                    ]
                    .cat(),
                );
            }
            in_english(i)
        }
        None => in_english(i),
    }
}

/// Message `i` as English shows it on this page (a site may have adjusted English's words):
/// what stands in for a language that lacks it.
fn in_english(i: usize) -> &'static str {
    langs(|l| l.first().and_then(|x| x.words.get(i).copied().flatten()))
        .flatten()
        .unwrap_or_else(|| english(i))
}

/// Fills a message's `{name}` slots with values, and picks the form of each plural block
/// (`{n, plural, one {# day} other {# days}}`) for its count, by the rules of the message's
/// language.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    locale::fill(template, slots, &plural)
}

/// Adds or adjusts a language at run time (`Attune.registerTranslation`): `messages` are
/// `(key, text)` pairs as in a language file, settings (`_dir`, `_intl`) included. Messages are
/// laid over what the language has (a language of `locales/` keeps the rest of its words; a new
/// one has English for the rest). A message that is no message English has, or that has other
/// placeholders than English's, is left out and reported; so is a bad setting. Err when the
/// tag is not a language tag, or there are too many languages. Needs the messages' keys
/// ([`keys_load`]): without them every message is reported as unknown.
pub fn register(
    tag: &str,
    messages: &[(String, String)],
) -> Result<(Lang, Vec<Problem>), &'static str> {
    let lang = reserve(tag)?;
    Ok((lang, lang.take(messages)))
}

/// The language a translation given at run time is for: one the catalog has by this tag, or a
/// new one with English's words until it has its own. Err as for [`register`].
pub fn reserve(tag: &str) -> Result<Lang, &'static str> {
    let tag = tag.trim();
    if !locale::valid_tag(tag) {
        return Err("this is not a language tag (such as \"de\" or \"pt-BR\")");
    }
    if let Some(i) = langs(|l| l.iter().position(|x| same_tag(x.tag, tag))).flatten() {
        return Ok(Lang(u8::try_from(i).map_err(|_| "too many languages")?));
    }
    let i = langs(|l| l.len()).unwrap_or(usize::MAX);
    let lang = Lang(
        u8::try_from(i)
            .ok()
            .filter(|i| *i < 200)
            .ok_or("too many languages")?,
    );
    let tag: &'static str = Box::leak(tag.to_ascii_lowercase().into_boxed_str());
    langs(|l| {
        l.push(Language {
            tag,
            rtl: false,
            intl: tag,
            words: Vec::new(),
            load: Load::Ready,
            warned: Vec::new(),
        })
    });
    Ok(lang)
}

/// `s` kept left to right inside a right-to-left language's text: numbers joined by `-`
/// (`4-4-4-4`) and quoted option values would otherwise be laid out back to front, because
/// after Arabic letters the bidirectional algorithm reads digits as Arabic numbers, which a
/// `-` does not join. The marks (a left-to-right isolate) are invisible.
pub fn ltr(lang: Lang, s: &str) -> String {
    if lang.dir() == "rtl" {
        ["\u{2066}", s, "\u{2069}"].cat()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_keeps_its_number_with_its_month_and_breaks_after_its_weekday() {
        let nb = |s: &str| glue_numbers(s).replace('\u{a0}', "~");
        assert_eq!(nb("Mon, November 23"), "Mon, November~23");
        assert_eq!(nb("Mon 23 November"), "Mon 23~November");
        assert_eq!(nb("lun. 23 novembre"), "lun. 23~novembre");
        assert_eq!(nb("lun, 23 de noviembre"), "lun, 23~de noviembre");
        assert_eq!(nb("Mon, November 23, 2026"), "Mon, November~23, 2026");
        assert_eq!(nb("الاثنين، 23 نوفمبر"), "الاثنين، 23~نوفمبر");
        assert_eq!(nb("2026-11-23"), "2026-11-23");
        assert_eq!(nb(""), "");
    }

    /// A date begins with its short weekday ("mer. 5 mars", "mié, 5 de marzo"), which an
    /// article before it would turn into "le mer. 5 mars": the sentences put it after a colon.
    #[test]
    fn no_article_stands_before_a_date() {
        for (file, articles) in [
            ("fr", &["le", "du", "au", "l’", "l'"][..]),
            ("es", &["el", "del", "al"][..]),
        ] {
            let path = format!("{}/locales/{file}.json", env!("CARGO_MANIFEST_DIR"));
            // "Du {start}" at a sentence's start counts too.
            let words = std::fs::read_to_string(&path)
                .unwrap_or_default()
                .to_lowercase();
            assert!(words.contains("{date}"), "{path} was not read");
            for article in articles {
                let gap = if article.ends_with(['’', '\'']) {
                    ""
                } else {
                    " "
                };
                for date in ["{date}", "{start}", "{end}"] {
                    let before = [article, gap, date].concat();
                    assert!(!words.contains(&before), "{file}: \"{before}\"");
                }
            }
        }
    }

    /// French puts a space before `:`, `;`, `?`, `!` and `»` and after `«` that never breaks:
    /// an ordinary one lets the mark start a line of its own on a narrow screen.
    #[test]
    fn french_marks_keep_their_space() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/fr.json");
        let words = std::fs::read_to_string(path).unwrap_or_default();
        assert!(words.contains("\u{a0}:"), "{path} was not read");
        for mark in [" :", " ;", " ?", " !", " »", "« "] {
            assert!(!words.contains(mark), "fr: an ordinary space in \"{mark}\"");
        }
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(
            fill(text(Lang::Es, Msg::BreathOf), &[("n", "2"), ("total", "9")]),
            "Respiración 2 de 9"
        );
    }

    #[test]
    fn page_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("de"), None);
    }
}

/// The catalog entries of the record-keeping widgets (issue 3).
#[cfg(test)]
mod issue3_tests {
    use super::*;

    #[test]
    fn record_messages_fill_their_slots() {
        assert_eq!(
            fill(
                text(Lang::En, Msg::ImportDone),
                &[("added", "3"), ("skipped", "12")]
            ),
            "Imported: 3 records added, 12 already here."
        );
        assert_eq!(
            fill(
                text(Lang::Es, Msg::PlanDayOf),
                &[("n", "2"), ("total", "14")]
            ),
            "Día 2 de 14"
        );
        assert_eq!(text(Lang::En, Msg::PlanNoteLabel), "Today I noticed…");
        for lang in [Lang::En, Lang::Es] {
            let header = text(lang, Msg::CsvHeader);
            assert_eq!(header.split(',').count(), 6, "{header}");
        }
    }
}

/// The catalog entries the scans' and the check-in's screens added (issue 4).
#[cfg(test)]
mod issue4_screen_tests {
    use super::*;

    #[test]
    fn screen_messages_exist_in_both_languages_and_fill_their_slots() {
        for msg in [
            Msg::GoToExercise,
            Msg::CloseInline,
            Msg::ScanLength,
            Msg::ScanStopped,
            Msg::NoticedSoFar,
            Msg::SummaryTitle,
        ] {
            let (en, es) = (text(Lang::En, msg), text(Lang::Es, msg));
            assert!(!en.is_empty() && !es.is_empty() && en != es, "{msg:?}");
        }
        assert_eq!(
            fill(text(Lang::En, Msg::ScanLength), &[("n", "10"), ("s", "20")]),
            "10 parts · 20 seconds each"
        );
        assert_eq!(
            fill(text(Lang::Es, Msg::ScanLength), &[("n", "4"), ("s", "3")]),
            "4 partes · 3 segundos cada una"
        );
        // The check-in splits these around their slot to put the link in the middle.
        for lang in [Lang::En, Lang::Es] {
            assert_eq!(
                text(lang, Msg::ContactSupport).matches("{support}").count(),
                1
            );
            assert_eq!(
                text(lang, Msg::ContactCrisis).matches("{crisis}").count(),
                1
            );
        }
        assert_eq!(
            fill(
                text(Lang::En, Msg::ContactCrisis),
                &[("crisis", "Call or text 988")]
            ),
            "A crisis line, right now: Call or text 988"
        );
        assert!(text(Lang::Es, Msg::ContactCrisis).starts_with("Una línea de ayuda en crisis"));
    }
}

/// The languages of `locales/`, plural forms, and languages registered at run time.
#[cfg(test)]
mod language_tests {
    use super::*;

    /// The plural rules `Intl.PluralRules` answers with (CLDR), for the languages shipped.
    fn cldr(locale: &str, n: f64) -> Plural {
        let whole = n.fract() == 0.0;
        match locale.split('-').next().unwrap_or("") {
            "fr" if n < 2.0 => Plural::One,
            "ar" => {
                let m = n % 100.0;
                match n {
                    _ if !whole => Plural::Other,
                    _ if n == 0.0 => Plural::Zero,
                    _ if n == 1.0 => Plural::One,
                    _ if n == 2.0 => Plural::Two,
                    _ if (3.0..=10.0).contains(&m) => Plural::Few,
                    _ if (11.0..=99.0).contains(&m) => Plural::Many,
                    _ => Plural::Other,
                }
            }
            _ if n == 1.0 && whole => Plural::One,
            _ => Plural::Other,
        }
    }

    local! {
        static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    fn warn(message: &str) {
        WARNED.with(|w| w.borrow_mut().push(message.to_string()));
    }

    fn browser() {
        use_formats(Formats {
            plural: cldr,
            number: |_, v| {
                let mut s = String::new();
                push_secs(&mut s, v);
                s
            },
            date: |_, day, _| day.to_iso(),
            warn,
        });
    }

    fn warnings() -> Vec<String> {
        WARNED.with(|w| w.borrow().clone())
    }

    const SHIPPED_LANGS: [Lang; 4] = [Lang::En, Lang::Ar, Lang::Es, Lang::Fr];

    #[test]
    fn every_shipped_language_has_every_message() {
        assert_eq!(Lang::tags(), ["en", "ar", "es", "fr"]);
        for lang in SHIPPED_LANGS {
            assert_eq!(
                lang.load(),
                Load::Ready,
                "the tests build every language in"
            );
            for (i, key) in keys().enumerate() {
                let t = langs(|l| {
                    l.get(usize::from(lang.0))
                        .and_then(|x| x.words.get(i).copied().flatten())
                })
                .flatten()
                .unwrap_or("");
                assert!(!t.trim().is_empty(), "{} has no {key}", lang.tag());
            }
            let header = text(lang, Msg::CsvHeader);
            assert_eq!(header.split(',').count(), 6, "{header}");
        }
        assert_eq!(keys_load(), Load::Ready, "the tests build the keys in");
        assert_eq!(keys().count(), MSG_COUNT);
    }

    #[test]
    fn languages_know_their_direction_and_locale() {
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Ar.intl(), "ar-u-nu-latn");
        for lang in [Lang::En, Lang::Es, Lang::Fr] {
            assert_eq!(lang.dir(), "ltr");
            assert_eq!(lang.intl(), lang.tag());
        }
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("AR_eg"), Some(Lang::Ar));
    }

    #[test]
    fn plural_forms_follow_the_browsers_rules() {
        browser();
        let days = |lang, n: &str| fill(text(lang, Msg::PlanStartDays), &[("days", n)]);
        assert!(
            days(Lang::Ar, "7").starts_with("7 أيام،"),
            "{}",
            days(Lang::Ar, "7")
        );
        assert!(
            days(Lang::Ar, "14").starts_with("14 يومًا،"),
            "{}",
            days(Lang::Ar, "14")
        );
        assert!(days(Lang::Fr, "28").starts_with("28 jours,"));
        let parts =
            |lang, n: &str, s: &str| fill(text(lang, Msg::ScanLength), &[("n", n), ("s", s)]);
        assert_eq!(parts(Lang::Ar, "4", "2"), "4 أجزاء · ثانيتان لكلّ منها");
        assert_eq!(parts(Lang::Ar, "10", "20"), "10 أجزاء · 20 ثانية لكلّ منها");
        assert_eq!(
            parts(Lang::Fr, "4", "3"),
            "4 parties · 3\u{a0}secondes chacune"
        );
        assert_eq!(
            fill(text(Lang::Fr, Msg::NoticedN), &[("n", "1")]),
            "vous avez remarqué une chose"
        );
        assert_eq!(
            fill(text(Lang::Es, Msg::NoticedN), &[("n", "1")]),
            "notaste una cosa"
        );
        // A decimal count takes `other` in Arabic.
        assert_eq!(
            fill(text(Lang::Ar, Msg::BreathsPerMinute), &[("n", "5.5")]),
            "5.5\u{a0}نفَس في الدقيقة"
        );
    }

    #[test]
    fn without_a_browser_english_rules_stand_in() {
        assert_eq!(
            fill(text(Lang::En, Msg::Breaths), &[("n", "1")]),
            "1\u{a0}breath"
        );
        assert_eq!(
            fill(text(Lang::En, Msg::Breaths), &[("n", "12")]),
            "12\u{a0}breaths"
        );
        assert_eq!(
            fill(text(Lang::Es, Msg::NoticedN), &[("n", "3")]),
            "notaste algunas cosas"
        );
        assert_eq!(number(Lang::Fr, 5.5), "5.5");
        assert_eq!(date(Lang::Fr, LocalDay(0)), LocalDay(0).to_iso());
    }

    #[test]
    fn a_language_registered_at_run_time_falls_back_to_english_warning_once_per_message() {
        browser();
        assert_eq!(Lang::from_tag("de"), None);

        let messages = [
            ("Start".to_string(), "Beginnen".to_string()),
            (
                "BreathOf".to_string(),
                "Atemzug {n} von {total}".to_string(),
            ),
        ];
        let (de, problems) = register("de", &messages).expect("registered");
        assert_eq!(problems, []);
        assert_eq!(Lang::from_tag("de-AT"), Some(de));
        assert_eq!(de.tag(), "de");
        assert_eq!(de.dir(), "ltr");
        assert_eq!(text(de, Msg::Start), "Beginnen");
        assert_eq!(
            fill(text(de, Msg::BreathOf), &[("n", "2"), ("total", "9")]),
            "Atemzug 2 von 9"
        );
        assert!(warnings().is_empty());
        assert_eq!(text(de, Msg::Stop), "Stop");
        assert_eq!(text(de, Msg::Stop), "Stop");
        assert_eq!(text(de, Msg::Pause), "Pause");
        assert_eq!(
            warnings(),
            [
                "Attune: the \"de\" translation has no \"Stop\"; English is shown for it.",
                "Attune: the \"de\" translation has no \"Pause\"; English is shown for it.",
            ]
        );
        // More words later are laid over the first ones.
        let more = [("Stop".to_string(), "Anhalten".to_string())];
        assert_eq!(register("DE", &more).map(|(l, _)| l), Ok(de));
        assert_eq!(
            (text(de, Msg::Stop), text(de, Msg::Start)),
            ("Anhalten", "Beginnen")
        );
    }

    #[test]
    fn a_shipped_language_can_be_adjusted() {
        let fix = [("Start".to_string(), "Comenzar".to_string())];
        assert_eq!(register("es", &fix).map(|(l, _)| l), Ok(Lang::Es));
        assert_eq!(text(Lang::Es, Msg::Start), "Comenzar");
        assert_eq!(text(Lang::Es, Msg::Stop), "Parar");
    }

    #[test]
    fn bad_registrations_are_refused_or_left_out() {
        assert!(register("not a tag", &[]).is_err());
        assert!(register("", &[]).is_err());
        let messages = [
            ("Start".to_string(), "Commencez {n}".to_string()),
            ("Strat".to_string(), "x".to_string()),
            ("Stop".to_string(), "Halt {".to_string()),
            ("_dir".to_string(), "rtl".to_string()),
            ("Pause".to_string(), "Pausa".to_string()),
        ];
        let (he, problems) = register("he", &messages).expect("registered");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(he.dir(), "rtl");
        assert_eq!(text(he, Msg::Pause), "Pausa");
        assert_eq!(text(he, Msg::Start), "Start");
    }

    #[test]
    fn a_fetched_file_is_read_by_position_its_settings_aside() {
        // Arabic's file begins with its settings (`_dir`, `_intl`); every message after them
        // must land on its own key, the last one too.
        let file = locale::read_object(include_str!("../../locales/ar.json")).expect("reads");
        assert!(file.first().is_some_and(|(k, _)| k.starts_with('_')));
        let lang = reserve("ar-test").expect("a new language");
        assert!(lang.bare(), "no words of its own yet");
        assert!(!Lang::En.bare() && !Lang::Ar.bare());
        lang.loaded(&file);
        assert!(!lang.bare());
        for msg in [
            Msg::BreathingTitle,
            Msg::Stop,
            Msg::CsvHeader,
            Msg::ContactCrisis,
        ] {
            assert_eq!(text(lang, msg), text(Lang::Ar, msg), "{msg:?}");
        }
        let last = file.last().map(|(k, _)| k.clone()).expect("a message");
        let i = keys().position(|k| k == last).expect("a key");
        assert_eq!(i, MSG_COUNT - 1);
        let words = langs(|l| l.last().and_then(|x| x.words.get(i).copied().flatten()));
        // (A plural block names its language's locale, which differs.)
        assert_eq!(
            words
                .flatten()
                .map(|w| w.replace("ar-test", "ar-u-nu-latn")),
            Lang::Ar
                .get(|x| x.words.get(i).copied().flatten())
                .flatten()
                .map(str::to_string)
        );
        assert_eq!(lang.load(), Load::Ready);
    }

    #[test]
    fn a_language_whose_file_failed_is_shown_as_english() {
        let ar = Lang::from_tag("ar").expect("shipped");
        assert_eq!(
            (ar.tag(), ar.dir(), ar.intl()),
            ("ar", "rtl", "ar-u-nu-latn")
        );
        ar.failed();
        assert_eq!((ar.tag(), ar.dir(), ar.intl()), ("en", "ltr", "en"));
    }

    #[test]
    fn translations_wait_for_the_keys_and_are_unknown_without_them() {
        let all = keys().vec().joined("\n");
        keys_loaded(None);
        assert_eq!(keys_load(), Load::Failed);
        let (_, problems) = register("de", &[("Start".into(), "Beginnen".into())]).expect("a tag");
        assert_eq!(problems, [Problem::Unknown("Start".into())]);
        keys_loaded(Some(all));
        assert_eq!(keys_load(), Load::Ready);
        let (de, problems) = register("de", &[("Start".into(), "Beginnen".into())]).expect("a tag");
        assert_eq!(problems, []);
        assert_eq!(text(de, Msg::Start), "Beginnen");
    }

    #[test]
    fn a_fetched_file_keeps_the_words_a_site_registered_first() {
        let lang = Lang::Fr;
        let mine = [("Start".to_string(), "C'est parti".to_string())];
        register("fr", &mine).expect("registered");
        let file = locale::read_object(include_str!("../../locales/fr.json")).expect("reads");
        lang.loaded(&file);
        assert_eq!(text(lang, Msg::Start), "C'est parti");
        assert_eq!(text(lang, Msg::Stop), "Arrêter");
        assert_eq!(lang.load(), Load::Ready);
    }
}
