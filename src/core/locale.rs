//! The language files (`locales/<tag>.json`): how they are read, checked and filled in.
//!
//! One module serves both sides of the build, so that what `build.rs` checks is exactly what the
//! engine reads: `build.rs` includes this file to check every shipped language against English
//! and to compile the built-in tables, and the engine uses it to read a language fetched at run
//! time or given to `Attune.registerTranslation`. That is also why it depends on nothing else in
//! the crate.
//!
//! A language file is one flat JSON object. Each key names a message (`"Start"`), and its value
//! is the message's text, with `{name}` where a value goes and, where a count changes the words,
//! a plural block in the ICU style translators know:
//! `{n, plural, one {# breath} other {# breaths}}`, where `#` is the count. The categories are
//! those of `Intl.PluralRules` (`zero`, `one`, `two`, `few`, `many`, `other`); a language uses
//! the ones its grammar needs, and `other` is always there. Keys starting with `_` describe the
//! language instead of naming a message: `_dir` (`"rtl"` for a right-to-left script) and
//! `_intl` (the locale `Intl` formats with, when it is not the file's tag).

use crate::prelude::*;

/// A plural category, as `Intl.PluralRules` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    /// `zero`
    Zero,
    /// `one`
    One,
    /// `two`
    Two,
    /// `few`
    Few,
    /// `many`
    Many,
    /// `other`: every language has it, and it is the fallback.
    Other,
    /// `=0`: a form for none at all, whatever the language's category for 0, so that no
    /// sentence has to say "on 0 days". Never a category `Intl` answers with.
    Nothing,
}

impl Plural {
    const NAMES: [(&'static str, Plural); 7] = [
        ("zero", Plural::Zero),
        ("one", Plural::One),
        ("two", Plural::Two),
        ("few", Plural::Few),
        ("many", Plural::Many),
        ("other", Plural::Other),
        ("=0", Plural::Nothing),
    ];

    /// The category `Intl.PluralRules.prototype.select` answered with.
    pub fn from_name(name: &str) -> Option<Plural> {
        Plural::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| *p)
    }

    fn name(self) -> &'static str {
        Plural::NAMES
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("other", |(n, _)| n)
    }
}

/// Why a message could not be read.
pub type Syntax = &'static str;

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Adds `name` to the sorted list `out`, once. (Not `sort` and `dedup`: the standard library's
/// sorts cost kilobytes of wasm each, and these lists hold a handful of names.)
fn insert<'m>(out: &mut Vec<&'m str>, name: &'m str) {
    let at = out.iter().position(|n| *n >= name).unwrap_or(out.len());
    if out.get(at) != Some(&name) {
        out.insert(at, name);
    }
}

/// One pass over a message, for every use of it: checking it and listing its placeholders,
/// compiling it (`stamp`: written back as it is, with its plural blocks stamped with the
/// locale), or filling it in. A single pass, without building a tree first, keeps this small
/// in the wasm, where every widget's words go through it.
struct Walker<'m, 'x> {
    out: String,
    names: Vec<&'m str>,
    slots: &'x [(&'x str, &'x str)],
    plural: &'x dyn Fn(&str, f64) -> Plural,
    stamp: Option<&'x str>,
    /// How many plural blocks the walk is inside: capped at [`MAX_NESTING`].
    depth: u8,
}

/// How deep plural blocks may nest in a message. Ours never nest; a message given at run time
/// (`registerTranslation`) nested thousands deep would otherwise run the engine out of stack.
/// The refusal's words name the number too: change both together.
pub const MAX_NESTING: u8 = 4;

impl<'m> Walker<'m, '_> {
    /// Reads `s` up to the `}` that closes the block it is in (`nested`) or to its end, writing
    /// it out when `emit`. `count` is what `#` stands for, inside a plural form. Returns the
    /// rest after that `}`.
    fn walk(
        &mut self,
        s: &'m str,
        nested: bool,
        count: Option<&str>,
        emit: bool,
    ) -> Result<&'m str, Syntax> {
        let mut rest = s;
        loop {
            let stop = rest.find(|c| c == '{' || c == '}' || (count.is_some() && c == '#'));
            let Some(at) = stop else {
                if nested {
                    return Err("a { is never closed");
                }
                if emit {
                    self.out.push_str(rest);
                }
                return Ok("");
            };
            // (`at` is a `{` found in `rest`, so this always splits; `split_at_checked` only
            // keeps a panic path, with its messages, out of the engine.)
            let (text, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
            if emit {
                self.out.push_str(text);
            }
            let mut chars = tail.chars();
            match chars.next() {
                Some('}') if nested => return Ok(chars.as_str()),
                Some('}') => return Err("a } has no {"),
                Some('#') => {
                    if emit {
                        self.out.push_str(count.unwrap_or("#"));
                    }
                    rest = chars.as_str();
                }
                _ => rest = self.block(chars.as_str(), emit)?,
            }
        }
    }

    /// Reads what follows a `{`: `name}`, or `name, plural[:locale], one {...} other {...}}`.
    fn block(&mut self, s: &'m str, emit: bool) -> Result<&'m str, Syntax> {
        let end = s
            .bytes()
            .position(|b| matches!(b, b'}' | b',' | b'{'))
            .ok_or("a { is never closed")?;
        let name = s.get(..end).unwrap_or("").trim();
        if !is_name(name) {
            return Err("a {placeholder} name is not letters, digits and _");
        }
        insert(&mut self.names, name);
        let value = self.slots.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        let rest = s.get(end..).unwrap_or("");
        if let Some(after) = rest.strip_prefix('}') {
            if emit {
                match value {
                    Some(v) => self.out.push_str(v),
                    None => self.out.push_str(&["{", name, "}"].cat()),
                }
            }
            return Ok(after);
        }
        let rest = rest
            .strip_prefix(',')
            .ok_or("a { inside a {placeholder}")?
            .trim_start()
            .strip_prefix("plural")
            .ok_or("a {name, ...} block that is not \"plural\"")?;
        if self.depth >= MAX_NESTING {
            return Err("plural blocks are nested more than 4 deep");
        }
        self.depth += 1;
        let (locale, rest) = match rest.strip_prefix(':') {
            Some(t) => t
                .split_at_checked(t.find(',').unwrap_or(t.len()))
                .unwrap_or((t, "")),
            None => ("", rest),
        };
        let mut rest = rest
            .trim_start()
            .strip_prefix(',')
            .ok_or("a plural block has no forms")?;
        // The forms, checked (and their placeholders listed) but not written yet.
        let mut forms: [Option<(Plural, &'m str)>; 7] = [None; 7];
        let mut n = 0;
        let after = loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix('}') {
                break after;
            }
            let open = rest.find('{').ok_or("a plural form has no {text}")?;
            let category = Plural::from_name(rest.get(..open).unwrap_or("").trim())
                .ok_or("a plural form is not zero, one, two, few, many, other or =0")?;
            if forms.iter().flatten().any(|(p, _)| *p == category) {
                return Err("a plural form is given twice");
            }
            let body = rest.get(open + 1..).unwrap_or("");
            let after = self.walk(body, true, Some("#"), false)?;
            if let Some(slot) = forms.get_mut(n) {
                *slot = Some((
                    category,
                    body.get(..body.len() - after.len() - 1).unwrap_or(""),
                ));
                n += 1;
            }
            rest = after;
        };
        let form = |c: Plural| {
            forms
                .iter()
                .flatten()
                .find(|(p, _)| *p == c)
                .map(|(_, b)| *b)
        };
        let Some(other) = form(Plural::Other) else {
            return Err("a plural block has no \"other\" form");
        };
        match self.stamp {
            _ if !emit => {}
            Some(stamp) => {
                self.out
                    .push_str(&["{", name, ",plural:", stamp, ","].cat());
                for (category, body) in forms.iter().flatten() {
                    self.out.push_str(category.name());
                    self.out.push('{');
                    self.walk(body, false, Some("#"), true)?;
                    self.out.push('}');
                }
                self.out.push('}');
            }
            None => {
                let given = value.unwrap_or("");
                let category = match number(given) {
                    Some(v) if v == 0.0 && form(Plural::Nothing).is_some() => Plural::Nothing,
                    Some(v) => (self.plural)(locale, v),
                    None => Plural::Other,
                };
                self.walk(form(category).unwrap_or(other), false, Some(given), true)?;
            }
        }
        self.depth -= 1;
        Ok(after)
    }
}

fn no_plural(_: &str, _: f64) -> Plural {
    Plural::Other
}

fn walker<'m, 'x>(
    slots: &'x [(&'x str, &'x str)],
    plural: &'x dyn Fn(&str, f64) -> Plural,
    stamp: Option<&'x str>,
) -> Walker<'m, 'x> {
    Walker {
        out: String::new(),
        names: Vec::new(),
        slots,
        plural,
        stamp,
        depth: 0,
    }
}

/// The names of a message's values (`{n}`, and the count of a plural block), sorted, each once.
pub fn placeholders(message: &str) -> Result<Vec<&str>, Syntax> {
    let mut w = walker(&[], &no_plural, None);
    w.walk(message, false, None, false)?;
    Ok(w.names)
}

/// A message as the engine keeps it: its plural blocks carry `locale`, whose plural rules
/// choose their form, so that filling the message in needs nothing but the message. A message
/// without a plural block comes back as it was written.
pub fn compile(message: &str, locale: &str) -> Result<String, Syntax> {
    let mut w = walker(&[], &no_plural, Some(locale));
    w.walk(message, false, None, true)?;
    Ok(w.out)
}

/// A count as written in a slot (`12`, `5.5`, or `5,5` where a comma is the decimal mark).
fn number(text: &str) -> Option<f64> {
    let mut value = 0f64;
    let mut scale = 0f64;
    let mut digits = 0;
    for c in text.trim().chars() {
        match c {
            '0'..='9' => {
                let d = f64::from(c as u32 - '0' as u32);
                if scale > 0.0 {
                    value += d / scale;
                    scale *= 10.0;
                } else {
                    value = value * 10.0 + d;
                }
                digits += 1;
            }
            '.' | ',' if scale == 0.0 => scale = 10.0,
            _ => return None,
        }
    }
    (digits > 0 && digits <= 15).then_some(value)
}

/// The part of `s` before the first byte that `stop` picks (all of `s` if none does). For
/// ASCII stops: one small loop where `split([..]).next()` compiles a searcher for each set of
/// characters.
pub fn before(s: &str, stop: impl Fn(u8) -> bool) -> &str {
    s.bytes()
        .position(stop)
        .and_then(|i| s.get(..i))
        .unwrap_or(s)
}

/// Fills a message's `{name}` slots with values and picks each plural block's form, asking
/// `plural` for the category of its count in the block's locale. A slot with no value stays
/// as written; a count that is not a number takes the `other` form. A message that cannot be
/// read (the catalog holds none: every message is checked before it is taken) comes back as
/// it is.
pub fn fill(
    template: &str,
    slots: &[(&str, &str)],
    plural: &dyn Fn(&str, f64) -> Plural,
) -> String {
    let mut w = walker(slots, plural, None);
    match w.walk(template, false, None, true) {
        Ok(_) => w.out,
        Err(_) => template.to_string(),
    }
}

/// What is wrong with a language file, or with one of its messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A message English has is missing.
    Missing(String),
    /// A key that is no message.
    Unknown(String),
    /// A key given twice.
    Twice(String),
    /// A message that cannot be read.
    Syntax(String, Syntax),
    /// A message with other `{placeholders}` than English's.
    Placeholders {
        /// The message.
        key: String,
        /// English's placeholders.
        expected: Vec<String>,
        /// This language's.
        found: Vec<String>,
    },
    /// A `_` key that is not `_dir` (`"ltr"` or `"rtl"`) or `_intl` (a locale).
    Meta(String),
    /// A message of a language file with a line break, which the engine keeps its built-in
    /// messages apart with.
    LineBreak(String),
}

impl Problem {
    /// The problem in a sentence, for the build's error and the console.
    pub fn describe(&self) -> String {
        let quote = |k: &str| ["\"", k, "\""].cat();
        match self {
            Problem::Missing(k) => [&quote(k), " is missing"].cat(),
            Problem::Unknown(k) => [&quote(k), " is not a message English has"].cat(),
            Problem::Twice(k) => [&quote(k), " is given twice"].cat(),
            Problem::LineBreak(k) => [&quote(k), " has a line break; write it as one line"].cat(),
            Problem::Syntax(k, why) => [&quote(k), ": ", why].cat(),
            Problem::Placeholders {
                key,
                expected,
                found,
            } => {
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        ["{", &v.joined("}, {"), "}"].cat()
                    }
                };
                [
                    &quote(key),
                    " has the placeholders ",
                    &list(found),
                    " where English has ",
                    &list(expected),
                ]
                .cat()
            }
            Problem::Meta(k) => [
                &quote(k),
                " is not a setting (_dir: \"ltr\" or \"rtl\"; _intl: a locale such as \"ar-u-nu-latn\")",
            ]
            .cat(),
        }
    }
}

/// A language tag as the `lang` option and `registerTranslation` take it: letters, then
/// subtags of letters and digits, separated by `-`, at most 35 characters (`es`, `pt-BR`,
/// `ar-u-nu-latn`).
pub fn valid_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks a setting (a `_` key) of a language.
pub fn check_meta(key: &str, value: &str) -> Option<Problem> {
    let ok = match key {
        "_dir" => value == "ltr" || value == "rtl",
        "_intl" => valid_tag(value),
        _ => false,
    };
    (!ok).then(|| Problem::Meta(key.to_string()))
}

/// Checks one message against English's: it must be readable and have the same placeholders.
pub fn check_message(key: &str, english: &str, message: &str) -> Option<Problem> {
    // Far longer than any message needs (the longest is about 1.3 KB): read no further, since
    // reading a message's placeholders takes longer the more it has.
    if message.len() > 4096 {
        return Some(Problem::Syntax(key.to_string(), "longer than 4096 bytes"));
    }
    let found = match placeholders(message) {
        Ok(p) => p,
        Err(why) => return Some(Problem::Syntax(key.to_string(), why)),
    };
    let expected = placeholders(english).unwrap_or_default();
    (found != expected).then(|| Problem::Placeholders {
        key: key.to_string(),
        expected: expected.iter().map(|s| s.to_string()).collect(),
        found: found.iter().map(|s| s.to_string()).collect(),
    })
}

/// Checks a whole language against English (`reference`, which is checked against itself):
/// every message English has, no other, each readable, with English's placeholders. An empty
/// list means the language can ship.
pub fn check(reference: &[(String, String)], language: &[(String, String)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, (key, message)) in language.iter().enumerate() {
        if language.iter().take(i).any(|(k, _)| k == key) {
            problems.push(Problem::Twice(key.clone()));
        } else if key.starts_with('_') {
            problems.extend(check_meta(key, message));
        } else {
            match reference.iter().find(|(k, _)| k == key) {
                None => problems.push(Problem::Unknown(key.clone())),
                Some((_, english)) => problems.extend(check_message(key, english, message)),
            }
            if message.contains('\n') {
                problems.push(Problem::LineBreak(key.clone()));
            }
        }
    }
    for (key, _) in reference {
        if !key.starts_with('_') && !language.iter().any(|(k, _)| k == key) {
            problems.push(Problem::Missing(key.clone()));
        }
    }
    problems
}

/// The first message of `language` that does not stand where English's has it (settings, the
/// `_` keys, may stand anywhere), for a language that [`check`] passed. A fetched language file
/// is read by position, in English's order, so the build refuses one in another order.
pub fn out_of_order<'a>(
    reference: &[(String, String)],
    language: &'a [(String, String)],
) -> Option<&'a str> {
    let messages = |l: &'a [(String, String)]| l.iter().filter(|(k, _)| !k.starts_with('_'));
    messages(language)
        .zip(reference.iter().filter(|(k, _)| !k.starts_with('_')))
        .find(|((k, _), (english, _))| k != english)
        .map(|((k, _), _)| k.as_str())
}

/// Reads a language file: one JSON object whose values are all strings, members in order.
/// The error says what is wrong and on which line.
pub fn read_object(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut r = Reader {
        text: text.trim_start_matches('\u{feff}'),
        at: 0,
    };
    r.object().map_err(|why| {
        let mut line = r
            .text
            .get(..r.at)
            .map_or(0, |t| t.bytes().filter(|b| *b == b'\n').count())
            + 1;
        // Digits by hand: `to_string` would bring in the formatting machinery.
        let mut digits = Vec::new();
        while line > 0 || digits.is_empty() {
            digits.insert(0, char::from(b'0' + (line % 10) as u8));
            line /= 10;
        }
        [why, " (line ", &digits.into_iter().collect::<String>(), ")"].cat()
    })
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.at..).unwrap_or("")
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        let hit = self.rest().starts_with(c);
        if hit {
            self.at += c.len_utf8();
        }
        hit
    }

    fn object(&mut self) -> Result<Vec<(String, String)>, &'static str> {
        let mut members = Vec::new();
        if !self.eat('{') {
            return Err("a language file is one JSON object: expected {");
        }
        if !self.eat('}') {
            loop {
                let key = self.string()?;
                if !self.eat(':') {
                    return Err("expected : after a key");
                }
                self.skip_space();
                if !self.rest().starts_with('"') {
                    return Err("every value must be a string");
                }
                let value = self.string()?;
                members.push((key, value));
                if self.eat('}') {
                    break;
                }
                if !self.eat(',') {
                    return Err("expected , or } after a value");
                }
            }
        }
        self.skip_space();
        if self.rest().is_empty() {
            Ok(members)
        } else {
            Err("text after the object's closing }")
        }
    }

    fn hex4(&mut self) -> Result<u32, &'static str> {
        let digits = self
            .rest()
            .get(..4)
            .ok_or("a \\u escape needs four hex digits")?;
        let v =
            u32::from_str_radix(digits, 16).map_err(|_| "a \\u escape needs four hex digits")?;
        self.at += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, &'static str> {
        if !self.eat('"') {
            return Err("expected a string in \"double quotes\"");
        }
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let stop = rest
                .find(|c: char| c == '"' || c == '\\' || c < ' ')
                .ok_or("a string is never closed")?;
            out.push_str(rest.get(..stop).unwrap_or(""));
            self.at += stop;
            let mut chars = self.rest().chars();
            match chars.next() {
                Some('"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    let esc = chars.next().ok_or("a string is never closed")?;
                    self.at += 2;
                    out.push(match esc {
                        '"' => '"',
                        '\\' => '\\',
                        '/' => '/',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.rest().starts_with("\\u") {
                                    return Err("a \\u escape is half a surrogate pair");
                                }
                                self.at += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err("a \\u escape is half a surrogate pair");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or("a \\u escape is half a surrogate pair")?
                        }
                        _ => return Err("an unknown \\ escape in a string"),
                    });
                }
                _ => return Err("a control character (such as a line break) inside a string"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// English's plural rule, as `Intl.PluralRules("en")` answers.
    fn english(_tag: &str, n: f64) -> Plural {
        if n == 1.0 {
            Plural::One
        } else {
            Plural::Other
        }
    }

    /// Arabic's, as `Intl.PluralRules("ar")` answers (CLDR).
    fn arabic(_tag: &str, n: f64) -> Plural {
        let m = n % 100.0;
        match n {
            _ if n.fract() != 0.0 => Plural::Other,
            _ if n == 0.0 => Plural::Zero,
            _ if n == 1.0 => Plural::One,
            _ if n == 2.0 => Plural::Two,
            _ if (3.0..=10.0).contains(&m) => Plural::Few,
            _ if (11.0..=99.0).contains(&m) => Plural::Many,
            _ => Plural::Other,
        }
    }

    #[test]
    fn a_message_far_longer_than_any_is_refused_before_it_is_read() {
        let long = "{a}".repeat(2000);
        assert_eq!(
            check_message("Start", "Start", &long),
            Some(Problem::Syntax("Start".into(), "longer than 4096 bytes"))
        );
        assert_eq!(check_message("Start", "Start", &"x".repeat(4096)), None);
    }

    #[test]
    fn the_check_passes_a_matching_language() {
        let en = pairs(&[("Start", "Start"), ("BreathOf", "Breath {n} of {total}")]);
        let es = pairs(&[
            ("_dir", "ltr"),
            ("BreathOf", "Respiración {n} de {total}"),
            ("Start", "Empezar"),
        ]);
        assert_eq!(check(&en, &en), []);
        assert_eq!(check(&en, &es), []);
    }

    #[test]
    fn messages_out_of_englishs_order_are_found() {
        let en = pairs(&[("Start", "Start"), ("Stop", "Stop"), ("Again", "Again")]);
        let es = pairs(&[
            ("_dir", "ltr"),
            ("Start", "Empezar"),
            ("Stop", "Parar"),
            ("Again", "Otra vez"),
        ]);
        assert_eq!(out_of_order(&en, &es), None, "settings stand anywhere");
        let fr = pairs(&[
            ("Start", "Commencer"),
            ("Again", "Encore"),
            ("Stop", "Arrêter"),
        ]);
        assert_eq!(out_of_order(&en, &fr), Some("Again"));
    }

    #[test]
    fn the_check_fails_on_a_missing_key() {
        let en = pairs(&[("Start", "Start"), ("Stop", "Stop")]);
        let fr = pairs(&[("Start", "Commencer")]);
        let problems = check(&en, &fr);
        assert_eq!(problems, [Problem::Missing("Stop".into())]);
        assert_eq!(problems[0].describe(), "\"Stop\" is missing");
    }

    #[test]
    fn the_check_fails_on_a_mismatched_placeholder() {
        let en = pairs(&[("BreathOf", "Breath {n} of {total}")]);
        let fr = pairs(&[("BreathOf", "Respiration {n} sur {totl}")]);
        let problems = check(&en, &fr);
        assert_eq!(
            problems,
            [Problem::Placeholders {
                key: "BreathOf".into(),
                expected: vec!["n".into(), "total".into()],
                found: vec!["n".into(), "totl".into()],
            }]
        );
        assert_eq!(
            problems[0].describe(),
            "\"BreathOf\" has the placeholders {n}, {totl} where English has {n}, {total}"
        );
        // One missing, and one too many, are both caught.
        let fewer = pairs(&[("BreathOf", "Respiration {n}")]);
        assert_eq!(check(&en, &fewer).len(), 1);
        let more = pairs(&[("Start", "Start")]);
        let extra = pairs(&[("Start", "Commencer {n}")]);
        assert_eq!(check(&more, &extra).len(), 1);
    }

    #[test]
    fn before_cuts_at_the_first_stop() {
        assert_eq!(before("es-MX_x", |b| b == b'-' || b == b'_'), "es");
        assert_eq!(before("pt_BR", |b| b == b'-' || b == b'_'), "pt");
        assert_eq!(before("fr", |b| b == b'-'), "fr");
        assert_eq!(before("", |b| b == b'-'), "");
        assert_eq!(before("ñ:1", |b| b == b':'), "ñ");
    }

    #[test]
    fn the_check_fails_on_a_line_break() {
        let en = pairs(&[("Start", "Start")]);
        let es = pairs(&[("Start", "Empezar\nahora")]);
        let problems = check(&en, &es);
        assert_eq!(problems, [Problem::LineBreak("Start".into())]);
        assert_eq!(
            problems[0].describe(),
            "\"Start\" has a line break; write it as one line"
        );
        assert_eq!(
            check(&es, &es),
            problems,
            "English is checked against itself"
        );
    }

    #[test]
    fn a_plural_block_counts_as_its_placeholder() {
        let en = pairs(&[("Days", "{days} days")]);
        let ar = pairs(&[(
            "Days",
            "{days, plural, one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}",
        )]);
        assert_eq!(check(&en, &ar), []);
    }

    #[test]
    fn the_check_reports_unknown_repeated_and_unreadable_keys_and_bad_settings() {
        let en = pairs(&[("Start", "Start"), ("Stop", "Stop")]);
        let bad = pairs(&[
            ("Start", "Commencer"),
            ("Start", "Démarrer"),
            ("Stop", "Arrêter {"),
            ("Strat", "Commencer"),
            ("_dir", "sideways"),
            ("_font", "serif"),
        ]);
        assert_eq!(
            check(&en, &bad),
            [
                Problem::Twice("Start".into()),
                Problem::Syntax("Stop".into(), "a { is never closed"),
                Problem::Unknown("Strat".into()),
                Problem::Meta("_dir".into()),
                Problem::Meta("_font".into()),
            ]
        );
    }

    #[test]
    fn bad_messages_are_refused() {
        for bad in [
            "a } alone",
            "{open",
            "{n, plural, one {# a}}",
            "{n, plural, one {# a} other {# b}",
            "{n, plural, some {# a} other {# b}}",
            "{n, plural, other {# a} other {# b}}",
            "{n, select, a {x} other {y}}",
            "{a b}",
            "{}",
        ] {
            assert!(placeholders(bad).is_err(), "{bad}");
        }
        assert_eq!(
            placeholders("{a} and {n, plural, one {# {a}} other {# {b}}}"),
            Ok(vec!["a", "b", "n"])
        );
    }

    /// A page's `registerTranslation` is input: plural blocks nested thousands deep (here two
    /// million bytes) are refused, where reading them used to run out of stack (a trap that
    /// stopped every widget on the page). Four deep still reads and fills in.
    #[test]
    fn plural_blocks_nested_too_deep_are_refused() {
        let nested = |depth: usize| "{n, plural, other {".repeat(depth) + "#" + &"}}".repeat(depth);
        let four = nested(usize::from(MAX_NESTING));
        assert_eq!(placeholders(&four), Ok(vec!["n"]));
        assert_eq!(
            fill(&compile(&four, "en").unwrap(), &[("n", "3")], &english),
            "3"
        );
        for depth in [usize::from(MAX_NESTING) + 1, 100_000] {
            assert_eq!(
                placeholders(&nested(depth)),
                Err("plural blocks are nested more than 4 deep")
            );
            assert!(check_message(
                "Breaths",
                "{n, plural, one {# breath} other {# breaths}}",
                &nested(depth)
            )
            .is_some());
        }
    }

    #[test]
    fn plural_forms_are_chosen_by_the_category_given() {
        let m = compile(
            "{n, plural, one {# part} other {# parts}} · {s, plural, one {# second} other {# seconds}} each",
            "en",
        )
        .expect("reads");
        assert_eq!(
            m,
            "{n,plural:en,one{# part}other{# parts}} · {s,plural:en,one{# second}other{# seconds}} each"
        );
        assert_eq!(
            fill(&m, &[("n", "1"), ("s", "20")], &english),
            "1 part · 20 seconds each"
        );
        let ar = compile(
            "{n, plural, zero {لا شيء} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}",
            "ar",
        )
        .expect("reads");
        let days = |n: &str| fill(&ar, &[("n", n)], &arabic);
        assert_eq!(days("1"), "يوم واحد");
        assert_eq!(days("2"), "يومان");
        assert_eq!(days("7"), "7 أيام");
        assert_eq!(days("14"), "14 يومًا");
        assert_eq!(days("100"), "100 يوم");
        // The locale reaches the rules.
        let seen = core::cell::RefCell::new(String::new());
        let spy = |tag: &str, _: f64| {
            seen.borrow_mut().push_str(tag);
            Plural::Other
        };
        fill(&ar, &[("n", "3")], &spy);
        assert_eq!(*seen.borrow(), "ar");
    }

    #[test]
    fn an_exact_zero_form_says_none_in_words() {
        let m = compile(
            "a shift noticed {n, plural, =0 {on no day yet} one {on # day} other {on # days}}",
            "en",
        )
        .expect("reads");
        let said = |n: &str| fill(&m, &[("n", n)], &english);
        assert_eq!(said("0"), "a shift noticed on no day yet");
        assert_eq!(said("1"), "a shift noticed on 1 day");
        assert_eq!(said("3"), "a shift noticed on 3 days");
        // Without an `=0` form, 0 takes the language's own category ("other" in English).
        let plain = compile("{n, plural, one {# day} other {# days}}", "en").expect("reads");
        assert_eq!(fill(&plain, &[("n", "0")], &english), "0 days");
        assert!(compile("{n, plural, =1 {one} other {#}}", "en").is_err());
        assert!(compile("{n, plural, =0 {x} =0 {y} other {#}}", "en").is_err());
    }

    #[test]
    fn filling_keeps_what_it_cannot_fill() {
        assert_eq!(
            fill("Breath {n} of {total}", &[("n", "2")], &english),
            "Breath 2 of {total}"
        );
        let m = compile("{n, plural, one {# day} other {# days}}", "en").expect("reads");
        assert_eq!(fill(&m, &[("n", "many")], &english), "many days");
        assert_eq!(fill(&m, &[("n", "5,5")], &english), "5,5 days");
        // Not a message a checked catalog holds: it comes back as it is.
        assert_eq!(fill("{a} }", &[("a", "x")], &english), "{a} }");
        assert_eq!(fill("# {a}", &[("a", "x")], &english), "# x");
    }

    #[test]
    fn files_are_read_as_flat_objects_of_strings() {
        let text = "\u{feff}{\n  \"A\": \"tab\\tquote\\\" \\u00e9 \\ud83d\\ude42\",\n  \"_dir\": \"rtl\"\n}\n";
        assert_eq!(
            read_object(text),
            Ok(pairs(&[("A", "tab\tquote\" é 🙂"), ("_dir", "rtl")]))
        );
        assert_eq!(read_object("{}"), Ok(vec![]));
        for (bad, why) in [
            ("[]", "expected {"),
            ("{\"A\": 1}", "every value must be a string"),
            ("{\"A\": \"x\",}", "expected a string"),
            ("{\"A\": \"x\"} x", "text after"),
            ("{\n\"A\": \"line\nbreak\"}", "(line 2)"),
            ("{\"A\": \"\\ud83d\"}", "surrogate"),
        ] {
            let err = read_object(bad).expect_err(bad);
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn tags_are_checked() {
        for ok in ["en", "es-419", "pt-BR", "ar-u-nu-latn", "de"] {
            assert!(valid_tag(ok), "{ok}");
        }
        for bad in ["", "e", "en_", "en--x", "1en", "en-toolongsubtag", "<b>"] {
            assert!(!valid_tag(bad), "{bad}");
        }
    }
}
