//! JSON text in and out for the visitor's records, in Rust alone.
//!
//! Why not the browser's `JSON.parse` and `JSON.stringify`: the page owns them. A page that
//! defines `Array.prototype.toJSON` (as Prototype.js does) turned every stored array into a
//! string; a page that replaces `JSON.parse`, or adds properties to `Object.prototype`, could
//! hand us values that are not what was stored, or that throw when read. Records are the one
//! thing a visitor can lose, so their text is read and written here, where nothing on the page
//! reaches.
//!
//! Why not `serde_json`: our documents hold strings, whole numbers, booleans, arrays and
//! objects, nothing else; this reader and writer cover exactly that and cost a fraction of the
//! bytes. A number with a fraction or an exponent is read (so a document of a newer version can
//! still be recognised by its header) but refused where a record wants a number.
//!
//! Reading goes through a [`Value`] tree nested at most [`MAX_DEPTH`] deep, so a hostile file
//! nested thousands deep is refused instead of running the wasm out of stack.

use crate::prelude::*;

use super::num::push_uint;

/// The text is not JSON, or the value does not have the shape of the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

impl core::fmt::Display for Invalid {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("invalid JSON data")
    }
}

impl core::error::Error for Invalid {}

/// How deep arrays and objects may nest. Our documents nest six levels at most (a bundle's
/// plan section's item's day); the rest of the room is for other apps' harmless data.
pub const MAX_DEPTH: usize = 32;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits an `i64` (written without fraction or exponent).
    Int(i64),
    /// Any other number: valid JSON, but nothing a record holds.
    Other,
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Value>),
    /// An object's members in their order (a repeated key: the last one counts, as in JS).
    Obj(Vec<(Key, Value)>),
}

/// An object member's name. A short one (all of ours are) is kept inline rather than in an
/// allocation of its own: a file of 50,000 entries has 400,000 of them, and reading it spent
/// much of its time allocating and freeing them.
#[derive(Debug, Clone, PartialEq)]
pub struct Key(KeyText);

#[derive(Debug, Clone, PartialEq)]
enum KeyText {
    Short(u8, [u8; SHORT_KEY]),
    Long(String),
}

const SHORT_KEY: usize = 22;

impl Key {
    /// The member's name.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.bytes()).unwrap_or("")
    }

    fn bytes(&self) -> &[u8] {
        match &self.0 {
            KeyText::Short(len, bytes) => bytes.get(..usize::from(*len)).unwrap_or(&[]),
            KeyText::Long(s) => s.as_bytes(),
        }
    }

    fn new(text: &str) -> Key {
        let mut bytes = [0u8; SHORT_KEY];
        match bytes.get_mut(..text.len()) {
            Some(room) => {
                room.copy_from_slice(text.as_bytes());
                Key(KeyText::Short(text.len() as u8, bytes))
            }
            None => Key(KeyText::Long(text.to_string())),
        }
    }
}

impl From<&str> for Key {
    fn from(text: &str) -> Key {
        Key::new(text)
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.bytes() == other.as_bytes()
    }
}

impl Value {
    /// The member `key` of an object (the last, if repeated); `None` for a missing key, a
    /// `null` member, or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(members) => members
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| **v != Value::Null),
            _ => None,
        }
    }
}

/// Parses JSON text (RFC 8259; whitespace around it allowed, nothing else after it).
pub fn parse(text: &str) -> Result<Value, Invalid> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = p.value(0)?;
    p.space();
    if p.at == p.bytes.len() {
        Ok(value)
    } else {
        Err(Invalid)
    }
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Result<u8, Invalid> {
        let b = self.peek().ok_or(Invalid)?;
        self.at += 1;
        Ok(b)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn word(&mut self, word: &[u8], value: Value) -> Result<Value, Invalid> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(value)
        } else {
            Err(Invalid)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Invalid> {
        self.space();
        match self.peek().ok_or(Invalid)? {
            b'{' | b'[' if depth >= MAX_DEPTH => Err(Invalid),
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(Value::Str),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'n' => self.word(b"null", Value::Null),
            _ => self.number(),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Invalid> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Arr(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.space();
            match self.next()? {
                b',' => {}
                b']' => return Ok(Value::Arr(items)),
                _ => return Err(Invalid),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Invalid> {
        self.at += 1;
        let mut members = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Obj(members));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(Invalid);
            }
            let key = self.key()?;
            self.space();
            if self.next()? != b':' {
                return Err(Invalid);
            }
            members.push((key, self.value(depth)?));
            self.space();
            match self.next()? {
                b',' => {}
                b'}' => return Ok(Value::Obj(members)),
                _ => return Err(Invalid),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Invalid> {
        let mut n = 0;
        for _ in 0..4 {
            let d = char::from(self.next()?).to_digit(16).ok_or(Invalid)?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    /// An object member's name: read in place when it has no escapes and is short (see
    /// [`Key`]), else as any string.
    fn key(&mut self) -> Result<Key, Invalid> {
        let start = self.at + 1;
        let mut end = start;
        while matches!(self.bytes.get(end), Some(b) if *b != b'"' && *b != b'\\' && *b >= 0x20) {
            end += 1;
        }
        if self.bytes.get(end) == Some(&b'"') && end - start <= SHORT_KEY {
            let text = self.bytes.get(start..end).ok_or(Invalid)?;
            let text = core::str::from_utf8(text).map_err(|_| Invalid)?;
            self.at = end + 1;
            return Ok(Key::new(text));
        }
        self.string().map(|s| Key::new(&s))
    }

    fn string(&mut self) -> Result<String, Invalid> {
        self.at += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once (the input is valid UTF-8 and the run
            // stops only at ASCII bytes, so the slice is too).
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            let run = self.bytes.get(start..self.at).ok_or(Invalid)?;
            out.push_str(core::str::from_utf8(run).map_err(|_| Invalid)?);
            match self.next()? {
                b'"' => return Ok(out),
                b'\\' => {}
                _ => return Err(Invalid), // a raw control character
            }
            let c = match self.next()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let hi = self.hex4()?;
                    let lone = char::REPLACEMENT_CHARACTER;
                    if (0xD800..0xDC00).contains(&hi) {
                        // A surrogate pair is two escapes; a lone half has no character (JS
                        // keeps it in a string, and the browser hands it to us as U+FFFD).
                        let pair = self.bytes.get(self.at..self.at + 2) == Some(b"\\u");
                        let save = self.at;
                        let lo = if pair {
                            self.at += 2;
                            self.hex4()?
                        } else {
                            0
                        };
                        if (0xDC00..0xE000).contains(&lo) {
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                .unwrap_or(lone)
                        } else {
                            self.at = save;
                            lone
                        }
                    } else {
                        char::from_u32(hi).unwrap_or(lone)
                    }
                }
                _ => return Err(Invalid),
            };
            out.push(c);
        }
    }

    fn number(&mut self) -> Result<Value, Invalid> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let digits = self.at;
        let mut n: i64 = 0;
        let mut fits = true;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            let next = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(i64::from(b - b'0')));
            fits &= next.is_some();
            n = next.unwrap_or(0);
            self.at += 1;
        }
        let count = self.at - digits;
        if count == 0 || (count > 1 && self.bytes.get(digits) == Some(&b'0')) {
            return Err(Invalid);
        }
        let mut whole = fits;
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits()?;
            whole = false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.digits()?;
            whole = false;
        }
        Ok(if whole {
            Value::Int(if negative { -n } else { n })
        } else {
            Value::Other
        })
    }

    fn digits(&mut self) -> Result<(), Invalid> {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        if self.at == start {
            Err(Invalid)
        } else {
            Ok(())
        }
    }
}

// ---- typed values in and out ----

/// A type read out of a parsed JSON value. Hand-written for each record type (a dozen lines
/// each): serde's generated visitors cost tens of kilobytes in the wasm for the same job.
pub trait FromJson: Sized {
    /// Reads the value, or says it does not have this type's shape.
    fn from_json(v: &Value) -> Result<Self, Invalid>;
}

/// A type written as JSON text.
pub trait ToJson {
    /// Appends the value's JSON text to `out`.
    fn write_json(&self, out: &mut String);
}

/// Parses JSON text and reads a typed value out of it.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Invalid> {
    T::from_json(&parse(text)?)
}

/// Writes `value` as compact JSON text, in the shape the browser's `JSON.stringify` gave our
/// documents before: fields in declaration order, absent optional fields left out.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

impl FromJson for String {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match v {
            Value::Str(s) => Ok(s.clone()),
            _ => Err(Invalid),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => Err(Invalid),
        }
    }
}

impl FromJson for i64 {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match v {
            Value::Int(n) => Ok(*n),
            _ => Err(Invalid),
        }
    }
}

/// Whole numbers of narrower types: refused when out of their range.
macro_rules! narrow_int {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &Value) -> Result<Self, Invalid> {
                <$t>::try_from(i64::from_json(v)?).map_err(|_| Invalid)
            }
        }
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                push_int(out, i64::from(*self));
            }
        }
    )*};
}
narrow_int!(u8, u16, u32, i32);

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match v {
            // A loop, not `collect::<Result<Vec<_>, _>>()`: std's adapter for stopping at the
            // first error cost about 0.7 KB gzip over its copies for each kind of item.
            Value::Arr(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.push(T::from_json(item)?);
                }
                Ok(out)
            }
            _ => Err(Invalid),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        push_string(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        push_string(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        push_int(out, *self);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// The members of a JSON object, read by name.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a>(&'a [(Key, Value)]);

impl<'a> Fields<'a> {
    /// The members of `v`, which must be an object.
    pub fn of(v: &'a Value) -> Result<Fields<'a>, Invalid> {
        match v {
            Value::Obj(members) => Ok(Fields(members)),
            _ => Err(Invalid),
        }
    }

    fn find(&self, key: &str) -> Option<&'a Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A member that must be there.
    pub fn need<T: FromJson>(&self, key: &str) -> Result<T, Invalid> {
        T::from_json(self.find(key).ok_or(Invalid)?)
    }

    /// A member that may be missing (then the type's default); present, it must have the type.
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, Invalid> {
        self.find(key).map_or(Ok(T::default()), T::from_json)
    }
}

/// Writes one JSON object, member by member.
#[derive(Debug)]
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens an object in `out`.
    pub fn open(out: &'a mut String) -> Object<'a> {
        out.push('{');
        Object { out, first: true }
    }

    /// Writes one member.
    pub fn put<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_string(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// Writes a member only when there is a value: an absent one is left out, as
    /// `JSON.stringify` left out `undefined`.
    pub fn put_some<T: ToJson>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.put(key, v);
        }
        self
    }

    /// Closes the object.
    pub fn close(&mut self) {
        self.out.push('}');
    }
}

/// Appends `s` as a JSON string literal, escaped as `JSON.stringify` escapes it.
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                let n = c as usize;
                for d in [n >> 4, n & 15] {
                    out.push(char::from(*HEX.get(d).unwrap_or(&b'0')));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a whole number.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

impl ToJson for Value {
    /// Writes any parsed value back (a number that is not whole, which no record holds, as
    /// `null`).
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null | Value::Other => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Int(n) => push_int(out, *n),
            Value::Str(s) => push_string(out, s),
            Value::Arr(items) => items.write_json(out),
            Value::Obj(members) => {
                let mut o = Object::open(out);
                for (k, v) in members {
                    o.put(k.as_str(), v);
                }
                o.close();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2, 3.5, 1e3, true, false, null, "x\"\\\/\n\u00e9\ud83d\ude00"], "b": {}} "#)
            .unwrap();
        let Value::Obj(m) = &v else { panic!() };
        assert_eq!(m[0].0.as_str(), "a");
        assert_eq!(
            m[0].1,
            Value::Arr(vec![
                Value::Int(1),
                Value::Int(-2),
                Value::Other,
                Value::Other,
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
                Value::Str("x\"\\/\né😀".into()),
            ])
        );
        assert_eq!(v.get("b"), Some(&Value::Obj(vec![])));
    }

    #[test]
    fn refuses_what_json_parse_refuses() {
        for bad in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "tru",
            "nul",
            "\"a",
            "\"\t\"",
            "{'a':1}",
            "[1] x",
            "{\"a\" 1}",
            "\"\\x\"",
            "\"\\u12\"",
            "NaN",
            "Infinity",
            "\u{feff}{}",
        ] {
            assert_eq!(parse(bad), Err(Invalid), "{bad:?}");
        }
    }

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        assert_eq!(parse(r#""\ud800x""#), Ok(Value::Str("\u{fffd}x".into())));
        assert_eq!(parse(r#""\udc00""#), Ok(Value::Str("\u{fffd}".into())));
        assert_eq!(
            parse(r#""\ud800\u0041""#),
            Ok(Value::Str("\u{fffd}A".into()))
        );
    }

    #[test]
    fn nesting_is_limited() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep), Err(Invalid));
        let hostile = "[".repeat(100_000);
        assert_eq!(parse(&hostile), Err(Invalid));
    }

    #[test]
    fn numbers_beyond_i64_are_not_whole() {
        assert_eq!(parse("9223372036854775807"), Ok(Value::Int(i64::MAX)));
        assert_eq!(parse("-9223372036854775807"), Ok(Value::Int(-i64::MAX)));
        assert_eq!(parse("99999999999999999999"), Ok(Value::Other));
        assert_eq!(parse("-0"), Ok(Value::Int(0)));
    }

    #[derive(Debug, PartialEq, Default)]
    struct Inner {
        id: String,
        note: Option<String>,
        at: i64,
        list: Vec<u8>,
    }

    impl FromJson for Inner {
        fn from_json(v: &Value) -> Result<Self, Invalid> {
            let f = Fields::of(v)?;
            Ok(Inner {
                id: f.need("id")?,
                note: f.or_default("note")?,
                at: f.need("at")?,
                list: f.or_default("list")?,
            })
        }
    }

    impl ToJson for Inner {
        fn write_json(&self, out: &mut String) {
            Object::open(out)
                .put("id", &self.id)
                .put_some("note", &self.note)
                .put("at", &self.at)
                .put("list", &self.list)
                .close();
        }
    }

    #[test]
    fn writes_what_json_stringify_wrote() {
        let items = vec![
            Inner {
                id: "a\u{1}\"b".into(),
                note: None,
                at: -5,
                list: vec![1, 2],
            },
            Inner {
                id: "c".into(),
                note: Some("tea".into()),
                at: 7,
                list: vec![],
            },
        ];
        let text = to_string(&items);
        assert_eq!(
            text,
            r#"[{"id":"a\u0001\"b","at":-5,"list":[1,2]},{"id":"c","note":"tea","at":7,"list":[]}]"#
        );
        let back: Vec<Inner> = from_str(&text).unwrap();
        assert_eq!(back, items);
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }

    #[test]
    fn unknown_fields_of_any_kind_are_ignored_but_wrong_types_refused() {
        let inner: Inner = from_str(r#"{"id":"x","at":1,"extra":[1.5,{"y":2e9}]}"#).unwrap();
        assert_eq!(inner.id, "x");
        assert!(from_str::<Inner>(r#"{"id":"x","at":1.5}"#).is_err());
        assert!(from_str::<Inner>(r#"{"id":"x","at":"1"}"#).is_err());
        assert!(from_str::<Inner>(r#"{"id":"x"}"#).is_err());
        assert!(from_str::<Inner>(r#"{"id":"x","at":1,"list":[300]}"#).is_err());
        assert!(from_str::<Inner>(r#"[]"#).is_err());
        let n: Inner = from_str(r#"{"id":"x","at":1,"note":null}"#).unwrap();
        assert_eq!(n.note, None);
    }

    #[test]
    fn strings_round_trip_through_serde_json() {
        for s in [
            "",
            "plain",
            "é ü 漢字 😀",
            "\u{0}\u{1f}\u{7f}",
            "\u{2028}\u{2029}",
            "</script>",
        ] {
            let mut mine = String::new();
            push_string(&mut mine, s);
            assert_eq!(serde_json::from_str::<String>(&mine).unwrap(), s);
            let theirs = serde_json::to_string(s).unwrap();
            assert_eq!(from_str::<String>(&theirs).unwrap(), s);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever serde_json writes, we read and write back identically.
        #[test]
        fn agrees_with_serde_json(v in value()) {
            let text = serde_json::to_string(&v).unwrap();
            let ours = parse(&text).unwrap();
            prop_assert_eq!(to_string(&ours), text);
        }

        /// Arbitrary text never panics the reader.
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse(&s);
        }
    }
}
