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

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
use serde::de::{EnumAccess, IntoDeserializer, VariantAccess, Visitor};
use serde::ser::{self, Serialize};

use super::num::push_uint;

/// The text is not JSON, or the value does not have the shape of the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid JSON data")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        // The message is never shown to anyone (stored data that can't be read is kept aside,
        // an import is refused whole), and formatting it would cost bytes.
        Invalid
    }
}

impl ser::Error for Invalid {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Invalid
    }
}

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
    Obj(Vec<(String, Value)>),
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

/// Parses JSON text and reads a typed value out of it.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Invalid> {
    from_value(&parse(text)?)
}

/// Reads a typed value out of a parsed one.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, Invalid> {
    T::deserialize(value)
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
            let key = self.string()?;
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
            out.push_str(std::str::from_utf8(run).map_err(|_| Invalid)?);
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

// ---- reading typed values out of a `Value` ----

impl<'de> Deserializer<'de> for &Value {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(n) if *n >= 0 => visitor.visit_u64(n.unsigned_abs()),
            Value::Int(n) => visitor.visit_i64(*n),
            Value::Other => Err(Invalid),
            Value::Str(s) => visitor.visit_str(s),
            Value::Arr(items) => visitor.visit_seq(Items(items.iter())),
            Value::Obj(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        // Unit variants are strings; the others are objects with one key, the variant's name.
        match self {
            Value::Str(tag) => visitor.visit_enum(Variant(tag, None)),
            Value::Obj(members) => match members.as_slice() {
                [(tag, value)] => visitor.visit_enum(Variant(tag, Some(value))),
                _ => Err(Invalid),
            },
            _ => Err(Invalid),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        // Anything may sit in a field we don't know, numbers we don't read included.
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Items<'a>(std::slice::Iter<'a, Value>);

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Invalid> {
        self.0.next().map(|v| seed.deserialize(v)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'a> {
    members: std::slice::Iter<'a, (String, Value)>,
    value: Option<&'a Value>,
}

impl<'de> MapAccess<'de> for Members<'_> {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Invalid> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key.as_str().into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        seed.deserialize(self.value.take().ok_or(Invalid)?)
    }
}

struct Variant<'a>(&'a str, Option<&'a Value>);

/// A variant's body, if it has one.
struct Body<'a>(Option<&'a Value>);

impl<'de, 'a> EnumAccess<'de> for Variant<'a> {
    type Error = Invalid;
    type Variant = Body<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Invalid> {
        let tag = seed.deserialize(self.0.into_deserializer())?;
        Ok((tag, Body(self.1)))
    }
}

impl<'de> VariantAccess<'de> for Body<'_> {
    type Error = Invalid;

    fn unit_variant(self) -> Result<(), Invalid> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Invalid> {
        seed.deserialize(self.0.ok_or(Invalid)?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Invalid> {
        self.0.ok_or(Invalid)?.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        self.0.ok_or(Invalid)?.deserialize_any(visitor)
    }
}

// ---- writing ----

/// Writes `value` as compact JSON text, with the same shape the browser's `JSON.stringify`
/// gave our documents before: fields in declaration order, `None` fields left out.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Invalid> {
    let mut out = String::new();
    value.serialize(Writer(&mut out))?;
    Ok(out)
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

struct Writer<'a>(&'a mut String);

/// An array or object being written: whether a member has been written yet, so commas go
/// between members only.
struct Compound<'a> {
    out: &'a mut String,
    first: bool,
    /// The closing text: `]`, `}`, or `}}` for a variant's body.
    close: &'static str,
}

impl<'a> Compound<'a> {
    fn open(out: &'a mut String, open: &str, close: &'static str) -> Compound<'a> {
        out.push_str(open);
        Compound {
            out,
            first: true,
            close,
        }
    }

    fn comma(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.comma();
        let before = self.out.len();
        value.serialize(Writer(self.out))?;
        if self.out.len() == before {
            // `None` writes nothing; in an array it is `null`, as in JS.
            self.out.push_str("null");
        }
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Invalid> {
        let before = self.out.len();
        let first = self.first;
        self.comma();
        push_string(self.out, key);
        self.out.push(':');
        let after_key = self.out.len();
        value.serialize(Writer(self.out))?;
        if self.out.len() == after_key {
            // `None`: the member is left out, as `JSON.stringify` leaves out `undefined`.
            self.out.truncate(before);
            self.first = first;
        }
        Ok(())
    }

    fn end(self) -> Result<(), Invalid> {
        self.out.push_str(self.close);
        Ok(())
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Invalid;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Invalid> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Invalid> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Invalid> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Invalid> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Invalid> {
        push_int(self.0, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Invalid> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Invalid> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Invalid> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Invalid> {
        push_uint(self.0, v);
        Ok(())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Invalid> {
        Err(Invalid) // no record holds a fraction; formatting one would cost kilobytes
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Invalid> {
        Err(Invalid)
    }
    fn serialize_char(self, v: char) -> Result<(), Invalid> {
        push_string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Invalid> {
        push_string(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Invalid> {
        Err(Invalid)
    }
    fn serialize_none(self) -> Result<(), Invalid> {
        Ok(()) // nothing: the enclosing field is left out
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Invalid> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Invalid> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Invalid> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Invalid> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Invalid> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Invalid> {
        let mut c = Compound::open(self.0, "{", "}");
        c.field(variant, value)?;
        c.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Invalid> {
        Ok(Compound::open(self.0, "[", "]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Invalid> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Invalid> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Invalid> {
        push_variant_key(self.0, variant);
        Ok(Compound::open(self.0, "[", "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Invalid> {
        Ok(Compound::open(self.0, "{", "}"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Invalid> {
        Ok(Compound::open(self.0, "{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Invalid> {
        push_variant_key(self.0, variant);
        Ok(Compound::open(self.0, "{", "}}"))
    }
}

fn push_variant_key(out: &mut String, variant: &str) {
    out.push('{');
    push_string(out, variant);
    out.push(':');
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.item(value)
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.item(value)
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.item(value)
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.item(value)
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Invalid> {
        // Keys must be strings; one written as anything else makes invalid JSON, so refuse.
        self.comma();
        let before = self.out.len();
        key.serialize(Writer(self.out))?;
        if !self.out[before..].starts_with('"') {
            return Err(Invalid);
        }
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        let before = self.out.len();
        value.serialize(Writer(self.out))?;
        if self.out.len() == before {
            self.out.push_str("null");
        }
        Ok(())
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Invalid> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Invalid;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Invalid> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Invalid> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2, 3.5, 1e3, true, false, null, "x\"\\\/\n\u00e9\ud83d\ude00"], "b": {}} "#)
            .unwrap();
        let Value::Obj(m) = &v else { panic!() };
        assert_eq!(m[0].0, "a");
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

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Item {
        Plan(Inner),
        Day { n: u8 },
        Gone,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Inner {
        id: String,
        #[serde(default)]
        note: Option<String>,
        at: i64,
        #[serde(default)]
        list: Vec<u8>,
    }

    #[test]
    fn writes_what_json_stringify_wrote() {
        let items = vec![
            Item::Plan(Inner {
                id: "a\u{1}\"b".into(),
                note: None,
                at: -5,
                list: vec![1, 2],
            }),
            Item::Day { n: 3 },
            Item::Gone,
        ];
        let text = to_string(&items).unwrap();
        assert_eq!(
            text,
            r#"[{"plan":{"id":"a\u0001\"b","at":-5,"list":[1,2]}},{"day":{"n":3}},"gone"]"#
        );
        let back: Vec<Item> = from_str(&text).unwrap();
        assert_eq!(back, items);
        // Valid JSON for any other reader too.
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }

    #[test]
    fn none_fields_are_left_out_wherever_they_stand() {
        #[derive(Serialize)]
        struct S {
            a: Option<u8>,
            b: Option<u8>,
            c: Option<u8>,
        }
        let s = |a, b, c| to_string(&S { a, b, c }).unwrap();
        assert_eq!(s(None, None, None), "{}");
        assert_eq!(s(None, Some(1), None), r#"{"b":1}"#);
        assert_eq!(s(Some(1), None, Some(2)), r#"{"a":1,"c":2}"#);
        assert_eq!(to_string(&vec![None, Some(1u8)]).unwrap(), "[null,1]");
    }

    #[test]
    fn unknown_fields_of_any_kind_are_ignored_but_wrong_types_refused() {
        let inner: Inner = from_str(r#"{"id":"x","at":1,"extra":[1.5,{"y":2e9}]}"#).unwrap();
        assert_eq!(inner.id, "x");
        assert!(from_str::<Inner>(r#"{"id":"x","at":1.5}"#).is_err());
        assert!(from_str::<Inner>(r#"{"id":"x","at":"1"}"#).is_err());
        assert!(from_str::<Inner>(r#"{"id":"x"}"#).is_err());
        assert!(from_str::<Inner>(r#"{"id":"x","at":1,"list":[300]}"#).is_err());
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
        /// Whatever serde_json writes, we read back to the same value and write identically.
        #[test]
        fn agrees_with_serde_json(v in value()) {
            let text = serde_json::to_string(&v).unwrap();
            let ours: serde_json::Value = from_str(&text).unwrap();
            prop_assert_eq!(&ours, &v);
            prop_assert_eq!(to_string(&ours).unwrap(), text);
        }

        /// Arbitrary text never panics the reader.
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse(&s);
        }
    }
}
