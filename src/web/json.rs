//! Reading the visitor's stored records: a small serde deserializer over the values that the
//! browser's own `JSON.parse` makes.
//!
//! Why not `serde-wasm-bindgen` for this direction too: its errors format serde's messages,
//! which pulls float and debug formatting into the wasm (about a tenth of its size). Here an
//! error is just "this is not a valid record": the message was never shown to anyone anyway,
//! since stored data that fails to read is kept aside as it is, and an import is refused whole.

use js_sys::{Array, Object};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use wasm_bindgen::{JsCast, JsValue};

/// The value does not have the shape of the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid data")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Invalid
    }
}

/// Reads a typed value out of a parsed JSON value.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, Invalid> {
    T::deserialize(Value(value, 0))
}

/// How deep arrays and objects may nest. Our records nest four levels; a hostile file nesting
/// thousands deep would otherwise run the wasm out of stack, which takes every widget down.
const MAX_DEPTH: u16 = 32;

/// Parses JSON text with the browser's `JSON.parse` and reads a typed value out of it.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Invalid> {
    from_js(js_sys::JSON::parse(text).map_err(|_| Invalid)?)
}

/// Largest integer a JSON number holds exactly.
const SAFE: f64 = 9_007_199_254_740_991.0;

/// A parsed value and how deep it sits.
struct Value(JsValue, u16);

impl<'de> Deserializer<'de> for Value {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        let Value(v, depth) = self;
        if depth > MAX_DEPTH {
            return Err(Invalid);
        }
        if v.is_null() || v.is_undefined() {
            return visitor.visit_unit();
        }
        if let Some(b) = v.as_bool() {
            return visitor.visit_bool(b);
        }
        if let Some(n) = v.as_f64() {
            return if n.fract() == 0.0 && (0.0..=SAFE).contains(&n) {
                visitor.visit_u64(n as u64)
            } else if n.fract() == 0.0 && (-SAFE..0.0).contains(&n) {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            };
        }
        if let Some(s) = v.as_string() {
            return visitor.visit_string(s);
        }
        if Array::is_array(&v) {
            let items: Array = v.unchecked_into();
            return visitor.visit_seq(Items {
                items,
                next: 0,
                depth: depth + 1,
            });
        }
        match v.dyn_into::<Object>() {
            Ok(object) => {
                let keys = Object::keys(&object);
                visitor.visit_map(Fields {
                    object,
                    keys,
                    next: 0,
                    value: None,
                    depth: depth + 1,
                })
            }
            Err(_) => Err(Invalid),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
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
        let Value(v, depth) = self;
        if let Some(tag) = v.as_string() {
            return visitor.visit_enum(Variant {
                tag,
                value: None,
                depth,
            });
        }
        let object: Object = v.dyn_into().map_err(|_| Invalid)?;
        let keys = Object::keys(&object);
        if keys.length() != 1 {
            return Err(Invalid);
        }
        let key = keys.get(0);
        let tag = key.as_string().ok_or(Invalid)?;
        let value = js_sys::Reflect::get(&object, &key).map_err(|_| Invalid)?;
        visitor.visit_enum(Variant {
            tag,
            value: Some(value),
            depth: depth + 1,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Items {
    items: Array,
    next: u32,
    depth: u16,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Invalid> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Value(item, self.depth)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.length().saturating_sub(self.next) as usize)
    }
}

struct Fields {
    object: Object,
    keys: Array,
    next: u32,
    value: Option<JsValue>,
    depth: u16,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Invalid> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.next);
        self.next += 1;
        self.value = Some(js_sys::Reflect::get(&self.object, &key).map_err(|_| Invalid)?);
        seed.deserialize(Value(key, self.depth)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        seed.deserialize(Value(self.value.take().ok_or(Invalid)?, self.depth))
    }
}

struct Variant {
    tag: String,
    value: Option<JsValue>,
    depth: u16,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Invalid;
    type Variant = Payload;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Payload), Invalid> {
        let tag = seed.deserialize(Value(JsValue::from(self.tag), self.depth))?;
        Ok((tag, Payload(self.value, self.depth)))
    }
}

struct Payload(Option<JsValue>, u16);

impl<'de> de::VariantAccess<'de> for Payload {
    type Error = Invalid;

    fn unit_variant(self) -> Result<(), Invalid> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Invalid> {
        seed.deserialize(Value(self.0.ok_or(Invalid)?, self.1))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Invalid> {
        Value(self.0.ok_or(Invalid)?, self.1).deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        Value(self.0.ok_or(Invalid)?, self.1).deserialize_any(visitor)
    }
}
