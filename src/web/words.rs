//! The words' browser side: `Intl` for plurals, numbers and dates, fetching a language's file
//! when a widget first needs it, and `Attune.registerTranslation`.
//!
//! A language other than English lives in a file of its own next to the engine
//! (`attune-fr-<hash>.json`), because each one built in would cost every visitor about 5 KB of
//! gzip for words they never read (see the README's size table). The engine knows each file's
//! name and SHA-256 from the build, and fetches it with that `integrity`, so a file that was
//! changed on the server never shows: the browser refuses it, and the widget speaks English.
//! The fetch is same-origin as the engine, so it passes a strict `connect-src 'self'`.

use crate::prelude::*;

use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::set_field;
use super::events::{settle, Thenable};
use crate::core::days::LocalDay;
use crate::core::i18n::{self, Formats, Lang, Load};
use crate::core::locale::Plural;

#[wasm_bindgen]
extern "C" {
    /// `Intl.PluralRules`
    #[wasm_bindgen(js_namespace = Intl)]
    type PluralRules;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method)]
    fn select(this: &PluralRules, n: f64) -> String;

    /// `Intl.NumberFormat`
    #[wasm_bindgen(js_namespace = Intl)]
    type NumberFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, js_name = format)]
    fn format_number(this: &NumberFormat, n: f64) -> String;

    /// `Intl.DateTimeFormat`
    #[wasm_bindgen(js_namespace = Intl)]
    #[derive(Clone)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_name = format)]
    fn format_date(this: &DateTimeFormat, date: &js_sys::Date) -> String;

    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with(url: &str, init: &JsValue) -> Thenable;

    type Response;
    #[wasm_bindgen(method, getter)]
    fn ok(this: &Response) -> bool;
    #[wasm_bindgen(method)]
    fn json(this: &Response) -> Thenable;
}

local! {
    /// The URL the loader was loaded from: language files sit next to it.
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Where a bundler put each language file, by its name in `dist/` (from the ES-module
    /// entry: a bundler copies the files it sees in `new URL(...)` and renames them).
    static MOVED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// Date formats by locale, made once: a chart writes a date per day, and each format
    /// costs about 0.1 ms to make.
    static DATES: RefCell<Vec<(String, bool, DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
}

/// An options object from pairs.
fn object(pairs: &[(&str, &JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        set_field(&o, k, v);
    }
    o.into()
}

// Plural rules and number formats are made afresh on each call: calls are few (a handful per
// screen), and a cache would cost more bytes than the time it saves. A locale `Intl` refuses
// has none, and the catalog's own fallback stands in.

fn plural(locale: &str, n: f64) -> Plural {
    PluralRules::new(locale)
        .ok()
        .and_then(|p| Plural::from_name(&p.select(n)))
        .unwrap_or(if n == 1.0 { Plural::One } else { Plural::Other })
}

/// `locale` as the visitor's browser writes its dates where the browser's language is a variant
/// of it ("en-GB" for "en": "Sat 22 March", where "en" alone writes "Sat, March 22"): its
/// language and region only, so a calendar or digits the browser's tag names (`-u-ca-buddhist`)
/// stay the widget's. A locale with settings of its own (Arabic's digits) stays as it is.
fn own(locale: &str) -> String {
    if !locale.contains('-') {
        if let Some(l) = super::dom::window().and_then(|w| w.navigator().language()) {
            let rest = l.strip_prefix(locale).and_then(|r| r.strip_prefix('-'));
            let region = crate::core::locale::before(rest.unwrap_or(""), |b| b == b'-');
            if region.len() > 1 {
                return [locale, "-", region].cat();
            }
        }
    }
    locale.to_string()
}

fn number(locale: &str, n: f64) -> String {
    // (In the widget's own locale: a browser in en-ZA would write "2,5 minutes" beside the
    // pattern's "3.5-0-5.5-0", which the site wrote with dots.)
    match NumberFormat::new(
        locale,
        &object(&[("maximumFractionDigits", &JsValue::from(2))]),
    ) {
        Ok(f) => f.format_number(n),
        Err(_) => {
            let mut s = String::new();
            crate::core::num::push_secs(&mut s, n);
            s
        }
    }
}

fn date(locale: &str, day: LocalDay, year: bool) -> String {
    // A day of another year says so: last spring's entries and plans, or late December's days
    // in January, must not read as this year's. (Here, where the clock may be read.)
    let year =
        year || day.to_ymd().0 != super::clock::local_day(super::clock::wall_ms()).to_ymd().0;
    let format = DATES.with(|all| {
        let mut all = all.try_borrow_mut().ok()?;
        if let Some((.., f)) = all.iter().find(|(l, y, _)| l == locale && *y == year) {
            return Some(f.clone());
        }
        // The month in full: short, Spanish writes Tuesday and March alike ("mar, 3 mar").
        // A calendar day is written as UTC's midnight of that date: a format made before the
        // device changed time zone (a flight) keeps its zone, and a day a zone skipped
        // (Samoa's 2011-12-30) has no local midnight.
        let options = object(&[
            ("weekday", &JsValue::from_str("short")),
            ("month", &JsValue::from_str("long")),
            ("day", &JsValue::from_str("numeric")),
            ("timeZone", &JsValue::from_str("UTC")),
            (
                "year",
                &if year {
                    "numeric".into()
                } else {
                    JsValue::UNDEFINED
                },
            ),
        ]);
        let f = DateTimeFormat::new(&own(locale), &options).ok()?;
        all.push((locale.to_string(), year, f.clone()));
        Some(f)
    });
    let at = js_sys::Date::new(&JsValue::from(f64::from(day.0) * 86_400_000.0));
    match format {
        Some(f) => crate::core::i18n::glue_numbers(&f.format_date(&at)),
        None => day.to_iso(),
    }
}

fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// Gives the catalog the browser's plural rules, number and date formats, and console.
pub fn install() {
    i18n::use_formats(Formats {
        plural,
        number,
        date,
        warn,
    });
}

local! {
    /// What to do when a language's words arrive, fail or change: the mount layer builds the
    /// widgets speaking it again. Handed in, since the mount layer stands above this module.
    static ON_ARRIVED: core::cell::Cell<Option<fn(Lang, bool)>> = const { core::cell::Cell::new(None) };
}

/// Sets what to do when `lang`'s words arrive (`failed`: they could not, so English stands in),
/// or a site registers or adjusts them.
pub fn on_arrived(handler: fn(Lang, bool)) {
    ON_ARRIVED.with(|h| h.set(Some(handler)));
}

fn tell_widgets(lang: Lang, failed: bool) {
    if let Some(handler) = ON_ARRIVED.with(core::cell::Cell::get) {
        handler(lang, failed);
    }
}

/// Where the language files are and the translations registered so far (see
/// [`crate::web::start`]).
pub fn start(base: String, words: js_sys::Array, moved: JsValue) {
    BASE.with(|b| {
        if let Ok(mut b) = b.try_borrow_mut() {
            *b = Some(base);
        }
    });
    if moved.is_object() {
        MOVED.with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                *m = Some(moved);
            }
        });
    }
    for call in words.iter() {
        let call: &js_sys::Array = call.unchecked_ref();
        register_translation(call.get(0), call.get(1));
    }
}

/// Makes a number format, so the first widget's mount does not pay for it: about 3 ms, or about
/// 20 ms more where it is the page's first `Intl` object (the browser loads its locale data
/// then). The loader makes that first one while the engine downloads (`www/core.js`); an engine
/// loaded some other way pays for it here.
pub fn warm() {
    let _ = NumberFormat::new("en", &JsValue::UNDEFINED);
}

/// Whether `lang`'s words are here (or will never come, so English stands in), and no
/// translation the site gave for it waits for the messages' keys. If its file is still to be
/// fetched, starts that, and the widgets in `lang` are built again once it is in (see
/// [`on_arrived`]).
pub fn ready(lang: Lang) -> bool {
    let here = match lang.load() {
        Load::Ready | Load::Failed => true,
        Load::Loading => false,
        Load::Fetch(file, integrity) => {
            install();
            lang.loading();
            fetch(
                file,
                integrity,
                Box::new(move |words| arrived(lang, file, words)),
            );
            false
        }
    };
    here && !waiting(lang)
}

/// Whether a translation the site gave for `lang` waits for the messages' keys: its widgets
/// wait with it, so they never show the words it is about to change.
fn waiting(lang: Lang) -> bool {
    WAITING.with(|w| {
        w.try_borrow()
            .is_ok_and(|w| w.iter().any(|(l, ..)| *l == lang))
    })
}

/// Fetches `file` next to the loader (or where a bundler moved it), checked against
/// `integrity` by the browser, and hands `done` what its JSON holds (`None` if it could not).
fn fetch(file: &'static str, integrity: &'static str, done: Box<dyn FnOnce(Option<JsValue>)>) {
    let base = BASE.with(|b| b.try_borrow().ok().and_then(|b| b.clone()));
    let moved = MOVED.with(|m| {
        let m = m.try_borrow().ok()?;
        js_sys::Reflect::get(m.as_ref()?, &JsValue::from_str(file))
            .ok()?
            .as_string()
    });
    let path = moved.as_deref().unwrap_or(file);
    let url = base.and_then(|b| web_sys::Url::new_with_base(path, &b).ok());
    let Some(url) = url else {
        return done(None);
    };
    let init = object(&[("integrity", &JsValue::from_str(integrity))]);
    let got = move |response: Option<JsValue>| match response
        .and_then(|r| r.dyn_into::<Response>().ok())
    {
        Some(r) if r.ok() => settle(&r.json(), done),
        _ => done(None),
    };
    settle(&fetch_with(&url.href(), &init), Box::new(got));
}

/// A language's file came in (`Some` with its words) or could not: either way, the widgets
/// waiting for it are built now, in it or in English. The file was read by the browser's own
/// JSON reader (`Response.json()`): unlike a visitor's records, words need no shelter from
/// the page, which can set any words it likes through `registerTranslation` anyway.
fn arrived(lang: Lang, file: &str, words: Option<JsValue>) {
    let ok = words.is_some();
    if let Some(w) = words {
        lang.loaded(&pairs(&w, |_| {}));
    }
    if !ok {
        // Its own tag, read before it is marked failed (from then on it is shown as English).
        let tag = lang.tag();
        lang.failed();
        warn(
            &[
                "Attune: the words for \"",
                tag,
                "\" could not load (",
                file,
                ", or it does not match its integrity hash); the exercises show English instead.",
            ]
            .cat(),
        );
    }
    tell_widgets(lang, !ok);
}

/// An object's own string members as `(key, text)` pairs; `skipped` hears of the others.
fn pairs(object: &JsValue, skipped: impl Fn(&str)) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !object.is_object() {
        return out;
    }
    let members: &js_sys::Object = object.unchecked_ref();
    for key in js_sys::Object::keys(members).iter() {
        let Some(key) = key.as_string() else { continue };
        match js_sys::Reflect::get(object, &JsValue::from_str(&key)).map(|v| v.as_string()) {
            Ok(Some(text)) => out.push((key, text)),
            _ => skipped(&key),
        }
    }
    out
}

local! {
    /// Translations given before the messages' keys came in (the language, and the call's
    /// arguments): made again when they do.
    static WAITING: RefCell<Vec<(Lang, JsValue, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// `Attune.registerTranslation(lang, messages)`: adds a language, or adjusts one, without a
/// build. `messages` is an object of message keys and texts as in a language file
/// (`{ Start: "Beginnen", _dir: "ltr" }`). A message it lacks is shown in English (the console
/// says so once per message); a key that is no message, a text with other placeholders than
/// English's, or a bad tag is warned about and left out. Widgets already showing that language
/// are built again in it.
///
/// The messages' keys are a file of their own (only a page that registers a translation needs
/// them), fetched with the first call: until they are in, the translation waits, and so do the
/// widgets in its language, which then show its words at once.
#[wasm_bindgen]
pub fn register_translation(lang: JsValue, messages: JsValue) {
    install();
    let tag = lang.as_string().unwrap_or_default();
    let say = |what: &str| warn(&["Attune.registerTranslation(\"", &tag, "\"): ", what].cat());
    if !messages.is_object() {
        return say("the messages must be an object, such as { Start: \"Beginnen\" }");
    }
    let target = match i18n::reserve(&tag) {
        Ok(target) => target,
        Err(why) => return say(why),
    };
    match i18n::keys_load() {
        Load::Ready => {}
        Load::Failed => {
            say("the messages' keys could not load, so these words were left out");
            return left_out(target);
        }
        load => {
            WAITING.with(|w| {
                if let Ok(mut w) = w.try_borrow_mut() {
                    w.push((target, lang, messages));
                }
            });
            if let Load::Fetch(file, integrity) = load {
                i18n::keys_loading();
                fetch(
                    file,
                    integrity,
                    Box::new(move |keys| keys_arrived(file, keys)),
                );
            }
            return;
        }
    }
    let pairs = pairs(&messages, |key| {
        say(&["\"", key, "\" is not text, so it was left out"].cat())
    });
    for p in target.take(&pairs) {
        say(&[&p.describe(), ", so it was left out"].cat());
    }
    tell_widgets(target, false);
}

/// The messages' keys came in (`Some` with the file's JSON: one string, a key per line) or
/// could not: the translations waiting for them are made again, taken or left out, and their
/// widgets built.
fn keys_arrived(file: &str, keys: Option<JsValue>) {
    let keys = keys.and_then(|k| k.as_string());
    if keys.is_none() {
        warn(
            &[
                "Attune: the messages' keys could not load (",
                file,
                ", or it does not match its integrity hash).",
            ]
            .cat(),
        );
    }
    i18n::keys_loaded(keys);
    let waiting = WAITING.with(|w| w.try_borrow_mut().map(|mut w| core::mem::take(&mut *w)));
    for (_, lang, messages) in waiting.unwrap_or_default() {
        register_translation(lang, messages);
    }
}

/// A translation left out (the messages' keys could not load): a language with no words but
/// the site's is shown as English whole, like a language whose file failed (its `lang`,
/// direction and numbers too, not German digits under English words), and its widgets say
/// so (`attune:error`, `load`); a shipped language keeps its own words.
fn left_out(target: Lang) {
    let bare = target.bare();
    if bare {
        target.failed();
    }
    tell_widgets(target, bare);
}
