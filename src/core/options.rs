//! What every widget's options share: the options as given ([`RawOptions`]), the common ones
//! ([`Common`]: language, theme, storage, contacts), the refusals ([`OptionError`]) and their
//! sentences ([`describe_error`]), and the small readers each widget's own options are parsed
//! with. Every value a page can give lands here first, as text; nothing here can panic, and
//! every refusal names the option and what it takes.
//!
//! Each widget's own options are parsed beside its model (`breathing::parse`, ...), and the
//! `config` module puts a widget's whole configuration together. This module stands below
//! both and knows none of the widgets.

use crate::prelude::*;

use super::i18n::{fill, ltr, text, Lang, Msg};
use super::locale::before;
use super::num::{parse_decimal, push_secs, uint};
use super::records::{bidi_control, clean_text, without_bidi};

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

/// Every option a widget takes, space-separated: a name given that no widget takes (a misspelt
/// `minuts` in `Attune.mount`, where the loader passes every key on) is told to the page. A name
/// another widget takes is not: a page's template may give one tag another's options.
/// `tests/option_table.rs` checks this against `src/options.json`.
pub const OPTION_NAMES: &str = "lang theme storage storage-key support-text support-href crisis-text crisis-href pattern bpm minutes breaths ramp sound vibrate motion rating mode seconds advance variant inline suggestions days cues period";

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
    /// One of these breathing pattern names, or four numbers. The names come with the refusal
    /// because the breathing pacer, above this module, owns them.
    Pattern(&'static [&'static str]),
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
    /// A name no widget takes (see [`OPTION_NAMES`]): left out, and the page told.
    UnknownOption {
        /// The name as kept (`kebab-case`), shortened.
        given: String,
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
pub(crate) fn clip(s: &str) -> String {
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
        self.pairs.keep_only(|(n, _)| *n != name);
        if let Some(v) = value {
            self.pairs.push((name, v));
        }
    }

    /// The names given, as kept.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(n, _)| n.as_str())
    }

    /// The value of an option, if given, as written.
    pub fn literal(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of an option, if given. `null` and `undefined` count as not given: what a
    /// template writes for a missing variable, and what a property set to nothing leaves as the
    /// attribute (`el.lang = null`, as React does when a prop is dropped); shown, they would be
    /// a "null" suggestion or contact, or an error box.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.literal(name)
            .filter(|v| !matches!(v.trim(), "null" | "undefined"))
    }

    /// The value of an option that takes one word or number, if given: an empty value counts as
    /// not given too (`theme=""` from a framework's empty variable is the default, not an error
    /// that would throw a running exercise away). A list or a switch reads [`RawOptions::get`]
    /// (an empty list is refused; a bare switch is on).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.trim().is_empty())
    }
}

/// Whether a widget takes an option of this name (see [`OPTION_NAMES`]).
pub fn is_option(name: &str) -> bool {
    OPTION_NAMES.split(' ').any(|known| known == name)
}

/// Whether an attribute of a widget's element looks like a misspelt option (`minuts`,
/// `patern`, `data-breath`, `storage_key`): a plain name (letters, hyphens and underscores, so
/// no framework's `:minutes` or `x-bind:...`) with the first letter of an option of five
/// letters or more and one letter left out, added or changed, or two swapped. The loader hands
/// the engine only the attributes that are options, so such a typo would otherwise change
/// nothing and say nothing; the page's own attributes (`id`, `class`, `data-model`,
/// `data-emotion`) are far from them.
pub fn misspelt(attr: &str) -> bool {
    let a = attr.as_bytes();
    if !a
        .iter()
        .all(|b| b.is_ascii_lowercase() || b"-_".contains(b))
    {
        return false;
    }
    let mut near = false;
    for known in OPTION_NAMES.split(' ') {
        let k = known.as_bytes();
        if a == k {
            return false;
        }
        near |= k.len() > 4 && a.first() == k.first() && one_edit(a, k);
    }
    near
}

/// Whether `a` is `b` with one byte left out, added or changed, or two neighbours swapped:
/// what is left between their common start and end is at most one byte, or two swapped.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (a.get(start..).unwrap_or(&[]), b.get(start..).unwrap_or(&[]));
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (
        a.get(..a.len() - end).unwrap_or(&[]),
        b.get(..b.len() - end).unwrap_or(&[]),
    );
    a.len().max(b.len()) <= 1 || matches!((a, b), ([p, q], [x, y]) if p == y && q == x)
}

/// An option's name as options are kept: `data-` dropped, `storageKey` and `storage_key` as
/// `storage-key`, lower case.
pub fn normalise_name(name: &str) -> String {
    let name = name.trim();
    let name = name.strip_prefix("data-").unwrap_or(name);
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            // (Not before the first letter: `{ Pattern: 'box' }` is `pattern`.)
            if !out.is_empty() {
                out.push('-');
            }
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
    /// No `theme` given: follows the page the widget sits on (the colour behind it, else its
    /// `color-scheme`), light where the page says nothing. A dark card on a light practice site
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

/// A refusal of `given` for `option`, the input shortened for the message.
pub(crate) fn bad(option: &'static str, given: &str, expected: Expected) -> OptionError {
    OptionError::BadValue {
        option,
        given: clip(given),
        expected,
    }
}

/// Reads a choice of words (in any case) as the value at the same place in `values`; `default`
/// when the option is not given.
/// The `theme` option ([`Theme::Page`] when not given). Read alone too, for the look of the
/// box that says what is wrong with the other options.
pub fn theme(raw: &RawOptions) -> Result<Theme, OptionError> {
    one_of(
        raw,
        "theme",
        &["light", "dark", "auto"],
        &[Theme::Light, Theme::Dark, Theme::Auto],
        Theme::Page,
    )
}

pub(crate) fn one_of<T: Copy>(
    raw: &RawOptions,
    option: &'static str,
    choices: &'static [&'static str],
    values: &[T],
    default: T,
) -> Result<T, OptionError> {
    Ok(choice(raw, option, choices)?
        .and_then(|i| values.get(i).copied())
        .unwrap_or(default))
}

/// [`one_of`]'s reading, compiled once for every kind of value: where the given word stands
/// among `choices` (`None` when the option is not given).
#[inline(never)]
fn choice(
    raw: &RawOptions,
    option: &'static str,
    choices: &'static [&'static str],
) -> Result<Option<usize>, OptionError> {
    let Some(given) = raw.value(option) else {
        return Ok(None);
    };
    let word = given.trim().to_ascii_lowercase();
    match choices.iter().position(|c| *c == word) {
        Some(i) => Ok(Some(i)),
        None => Err(bad(option, given, Expected::OneOf(choices))),
    }
}

/// Reads a switch: `true`, `on`, `yes`, `1`, empty or the option's own name (a bare attribute)
/// for on; `false`, `off`, `no`, `0` for off; `default` when not given.
pub(crate) fn on_off(
    raw: &RawOptions,
    option: &'static str,
    default: bool,
) -> Result<bool, OptionError> {
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

/// Reads a number from `min` to `max`, decimals allowed; `None` when not given.
pub(crate) fn number(
    raw: &RawOptions,
    option: &'static str,
    min: f64,
    max: f64,
) -> Result<Option<f64>, OptionError> {
    let Some(given) = raw.value(option) else {
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
    if lower.chars().any(|c| c.is_control() || bidi_control(c)) {
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
        let authority = before(rest, |b| matches!(b, b'/' | b'\\' | b'?' | b'#'));
        // What follows the last `@` (a user name may come before it).
        let host_port = match authority.bytes().rposition(|b| b == b'@') {
            Some(at) => authority.get(at + 1..).unwrap_or(""),
            None => authority,
        };
        let host = match host_port.strip_prefix('[') {
            Some(v6) => before(v6, |b| b == b']'),
            None => before(host_port, |b| b == b':'),
        };
        return !host.is_empty() && !host.chars().any(char::is_whitespace);
    }
    ["tel:", "mailto:"].iter().any(|s| {
        lower
            .strip_prefix(s)
            .is_some_and(|rest| !rest.trim().is_empty())
    })
}

/// Whether a link [`safe_link`] took (as kept: trimmed) leads to a web page, which opens in a
/// tab of its own, rather than to the phone or the mail app, which a new tab would leave blank.
/// Its first letter tells `http(s):` from `tel:` and `mailto:`.
pub fn web_link(href: &str) -> bool {
    href.as_bytes().first().is_some_and(|b| b | 0x20 == b'h')
}

/// The most characters of a contact's words (`support-text`, `crisis-text`).
const CONTACT_MAX_CHARS: u32 = 300;

/// A contact's words (`support-text`, `crisis-text`), trimmed; `None` when empty. Longer than
/// 300 characters, they go to `dropped` and the built-in words stand in: cut short, a crisis
/// line's number could lose its last digits without anyone seeing why.
fn contact_text(
    raw: &RawOptions,
    option: &'static str,
    dropped: &mut Vec<OptionError>,
) -> Option<String> {
    let given = raw.get(option)?;
    let words = given.trim();
    if words.chars().count() > CONTACT_MAX_CHARS as usize {
        let max_len = CONTACT_MAX_CHARS;
        dropped.push(bad(
            option,
            given,
            Expected::List {
                max_items: 1,
                max_len,
            },
        ));
        return None;
    }
    (!words.is_empty()).then(|| without_bidi(words))
}

/// A contact's link (`support-href`, `crisis-href`). An empty one is no link; a refused one is
/// no link either, and goes to `dropped` instead of stopping the widget (see `Config::dropped`).
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

/// Reads the options every widget takes. A refused contact link goes to `dropped` and the rest
/// goes on; any other refusal stops the widget.
pub(crate) fn parse_common(
    raw: &RawOptions,
    page_lang: Option<&str>,
    dropped: &mut Vec<OptionError>,
) -> Result<Common, OptionError> {
    let lang = match raw.value("lang") {
        Some(given) => Lang::from_tag(given).ok_or_else(|| bad("lang", given, Expected::Lang))?,
        None => page_lang.and_then(Lang::from_tag).unwrap_or(Lang::En),
    };
    let theme = theme(raw)?;
    let storage = one_of(
        raw,
        "storage",
        &["local", "session", "none"],
        &[StorageKind::Local, StorageKind::Session, StorageKind::None],
        StorageKind::Local,
    )?;
    // As written, "undefined" too: records a template kept under such a name before stay
    // reachable under it. Empty is not given.
    let storage_key = match raw.literal("storage-key").filter(|v| !v.trim().is_empty()) {
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
        ..contacts(raw, lang, dropped)
    })
}

/// The site's contacts alone (a refused link goes to `dropped`), the rest left at its quietest:
/// a widget whose other options are refused still offers the visitor the crisis line and the
/// site's contact in its error box.
pub fn contacts(raw: &RawOptions, lang: Lang, dropped: &mut Vec<OptionError>) -> Common {
    Common {
        lang,
        theme: Theme::Page,
        storage: StorageKind::None,
        storage_key: String::new(),
        support_text: contact_text(raw, "support-text", dropped),
        support_href: contact_link(raw, "support-href", dropped),
        crisis_text: contact_text(raw, "crisis-text", dropped),
        crisis_href: contact_link(raw, "crisis-href", dropped),
    }
}

/// Splits a `|` list into tidy items (white space runs become one space), refusing an empty
/// item, one longer than `max_len` characters, or more than `max_items`.
pub(crate) fn text_list(given: &str, max_items: u32, max_len: u32) -> Option<Vec<String>> {
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

/// Items in a list: `"a", "b" or "c"` (with `or` false: `"a", "b", "c"`), in `lang`'s words.
fn quoted_list(lang: Lang, items: &[&str], or: bool) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| ltr(lang, &["\"", i, "\""].cat()))
        .vec();
    let sep = text(lang, Msg::ListSep);
    match quoted.split_last() {
        Some((last, rest)) if or && !rest.is_empty() => fill(
            text(lang, Msg::ListOr),
            &[("list", &rest.joined(sep)), ("last", last)],
        ),
        _ => quoted.joined(sep),
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
        // The words the documentation uses; "true", "yes", "1" and the rest work too.
        Expected::OnOff => quoted_list(lang, &["on", "off"], true),
        Expected::Pattern(names) => fill(
            text(lang, Msg::TakesPattern),
            &[("names", &quoted_list(lang, names, false))],
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
        OptionError::UnknownOption { given } => {
            fill(text(lang, Msg::ErrNoOption), &[("given", given)])
        }
    }
}

/// The option a widget's parser refused, for the widgets' own option tests.
#[cfg(test)]
pub(crate) fn refused_option<T: core::fmt::Debug>(r: Result<T, OptionError>) -> &'static str {
    match r {
        Err(OptionError::BadValue { option, .. }) => option,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_option_is_told_and_the_pages_own_attributes_are_not() {
        for typo in [
            "minuts",
            "minute",
            "patern",
            "pattren",
            "breath",
            "sond",
            "themes",
            "suport-text",
            "storage-keys",
            "varient",
            "motoin",
            "storage_key",
            "support_text",
        ] {
            assert!(misspelt(typo), "{typo}");
        }
        for own in [
            "minutes",
            "pattern",
            "id",
            "class",
            "style",
            "title",
            "hidden",
            "slot",
            "role",
            "part",
            "dir",
            "tabindex",
            "attune",
            "sound-off",
            "ramps-up",
            "v-cloak",
            "aria-label",
            "_ngcontent-c1",
            ":minutes",
            "x-bind:theme",
            "model",
            "node",
            "code",
            "more",
            "move",
            "day",
            "emotion",
            "langs",
            "lan",
            "cue",
            "mode",
            "inert",
        ] {
            assert!(!misspelt(own), "{own}");
        }
    }

    #[test]
    fn every_widget_is_known_by_name() {
        for (name, kind) in [
            ("grounding", WidgetKind::Grounding),
            ("body-scan", WidgetKind::BodyScan),
            ("check-in", WidgetKind::CheckIn),
        ] {
            assert_eq!(WidgetKind::parse(name), Ok(kind));
            assert_eq!(WidgetKind::parse(&["attune-", name].cat()), Ok(kind));
            assert_eq!(kind.as_str(), name);
            assert!(WIDGET_NAMES.contains(&name));
        }
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
        // The host is what follows the last `@`, up to a port, path, query or fragment.
        assert!(safe_link("https://me@care.example:8443/path?q#top"));
        assert!(safe_link("https://[::1]:8080/"));
        assert!(!safe_link("https://me@care.example@/"));
        assert!(!safe_link("https://me@:80/"));
        assert!(safe_link("tel:1"));
        assert!(safe_link("mailto:a"));
        // A link that would show one number and dial another: refused.
        assert!(!safe_link("tel:\u{202E}889"));
        assert!(!safe_link("https://care.example/\u{2067}x"));
        // Which of them open in a tab of their own.
        for (href, web) in [
            ("https://a", true),
            ("HTTP://a", true),
            ("tel:1", false),
            ("MAILTO:a", false),
        ] {
            assert_eq!(web_link(href), web, "{href}");
        }
    }

    #[test]
    fn a_bad_switch_names_the_words_the_documentation_uses() {
        let raw = RawOptions::new([("ramp", "maybe")]);
        let err = on_off(&raw, "ramp", false).expect_err("refused");
        let words = describe_error(Lang::En, &err);
        assert!(
            words.contains("\"on\"") && words.contains("\"off\""),
            "{words}"
        );
        assert!(!words.contains("true"), "{words}");
        for (given, want) in [
            ("on", true),
            ("off", false),
            ("true", true),
            ("0", false),
            ("", true),
        ] {
            let raw = RawOptions::new([("ramp", given)]);
            assert_eq!(on_off(&raw, "ramp", false), Ok(want), "{given:?}");
        }
    }
}
