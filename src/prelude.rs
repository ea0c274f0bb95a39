//! What std's prelude gives every module and `core`'s does not, and the engine's own list
//! helpers ([`IntoVec`], [`Cat`]). `build.rs` includes this file too, for `core/locale.rs`.

pub(crate) use alloc::{
    boxed::Box,
    string::{String, ToString},
    vec::Vec,
};

/// `.vec()` in place of `.collect::<Vec<_>>()`: a plain loop of `push`. std's `collect` is
/// compiled again for each iterator chain it collects, with a path for the size hint and
/// two loops in each copy; for the engine's 50-odd chains that was 1.5 KB gzip more.
pub(crate) trait IntoVec: Iterator + Sized {
    /// The items, in order.
    fn vec(self) -> Vec<Self::Item> {
        let mut v = Vec::new();
        for x in self {
            v.push(x);
        }
        v
    }
}

impl<I: Iterator> IntoVec for I {}

/// `.cat()` and `.joined(sep)` in place of `.concat()` and `.join(sep)` on a list of words
/// (`&str` or `String`): one plain loop, where std's is its generic `join` (about 1 KB of
/// wasm).
pub(crate) trait Cat {
    /// The parts, one after another.
    fn cat(&self) -> String {
        self.joined("")
    }
    /// The parts, `sep` between each two.
    fn joined(&self, sep: &str) -> String;
}

impl<S: AsRef<str>> Cat for [S] {
    fn joined(&self, sep: &str) -> String {
        let mut s = String::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(part.as_ref());
        }
        s
    }
}

/// `.keep_only(f)` in place of `.retain(f)`: the kept items collected again by `.vec()`, where
/// std's `retain` is compiled for each use with its two passes and its guard for a panicking
/// test (about 200 B of wasm each).
pub(crate) trait Keep<T> {
    /// Keeps the items `f` says yes to, in order.
    fn keep_only(&mut self, f: impl FnMut(&T) -> bool);
}

impl<T> Keep<T> for Vec<T> {
    fn keep_only(&mut self, mut f: impl FnMut(&T) -> bool) {
        for x in core::mem::take(self) {
            if f(&x) {
                self.push(x);
            }
        }
    }
}
