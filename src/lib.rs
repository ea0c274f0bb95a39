//! Attune: gentle, body-first exercises for people who feel emotionally numb, as widgets that any
//! website can embed with one script tag.
//!
//! The crate has two layers, kept apart so the logic can be tested exactly on the host:
//! - [`core`]: pure Rust, no browser APIs. Breathing patterns and their schedule, option parsing
//!   into typed configs with typed errors, the message catalog. Time is always an argument.
//! - `web` (wasm32 only): custom-element mounting, shadow roots, rendering, events, the frame
//!   clock, Web Audio. It turns browser input into calls on the core and the core's answers into DOM.
#![deny(missing_docs, missing_debug_implementations)]
// The engine needs no more than `core` and `alloc`. Without std, a panic in the shipped build
// (the `small-panic` feature) traps at once, without std's panic hook and the code that
// formats its message for a console nobody reads there: 0.8 KB gzip, and 0.4 KB more for
// plain statics in place of std's thread-locals (docs/performance.md). The host and the
// browser tests link std, which brings its own panic handler.
#![no_std]

#[macro_use]
extern crate alloc;
#[cfg(any(not(feature = "small-panic"), not(target_arch = "wasm32"), test))]
extern crate std;

/// State kept for the life of the page. On the host, where the tests run on many threads at
/// once, std's `thread_local!`; in the engine (wasm32 without threads) a plain static, without
/// std's thread-local machinery.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! local {
    ($($t:tt)*) => { std::thread_local! { $($t)* } };
}
#[cfg(target_arch = "wasm32")]
macro_rules! local {
    ($($(#[$m:meta])* static $name:ident: $t:ty = const { $init:expr };)*) => {
        $($(#[$m])* static $name: $crate::Local<$t> = $crate::Local($init);)*
    };
}

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("`local!` statics assume one thread: build without the atomics feature");

/// A [`local!`] static in the engine: one thread only, so sharing it is sound.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Local<T>(pub(crate) T);

// SAFETY: wasm32 without the atomics feature (checked above) has one thread.
#[cfg(target_arch = "wasm32")]
unsafe impl<T> Sync for Local<T> {}

#[cfg(target_arch = "wasm32")]
impl<T> Local<T> {
    /// As `LocalKey::with`.
    pub(crate) fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }

    /// As `LocalKey::try_with`, which never fails here.
    pub(crate) fn try_with<R>(
        &'static self,
        f: impl FnOnce(&T) -> R,
    ) -> Result<R, ::core::convert::Infallible> {
        Ok(f(&self.0))
    }
}

/// A long text of the engine's own (the widgets' CSS, a built-in language's words), kept after
/// every other constant in memory.
///
/// Why: the wasm's code names a constant by its address, a signed number written in as many
/// bytes as it needs: two below 8 KB, three below 1 MB. The linker lays out the read-only
/// constants first and then the statics that can change, so as a changeable static (an
/// `UnsafeCell`, never written) the two long texts no longer push the constants that the code
/// names thousands of times out of the first 8 KB (0.2 KB gzip; the data starts at 1 KB since
/// the stack comes after it, see the Makefile).
pub(crate) struct Tail<const N: usize>(::core::cell::UnsafeCell<[u8; N]>);

// SAFETY: nothing ever writes to a `Tail` (its cell is private and only read, by `text`), so
// reading it from several threads (the host's tests) is sound.
unsafe impl<const N: usize> Sync for Tail<N> {}

impl<const N: usize> Tail<N> {
    /// Copies `text`, which must be `N` bytes long (a build error otherwise).
    pub(crate) const fn new(text: &str) -> Self {
        let from = text.as_bytes();
        assert!(
            from.len() == N,
            "a Tail's length is its text's length in bytes"
        );
        let mut bytes = [0u8; N];
        let mut i = 0;
        while i < N {
            bytes[i] = from[i];
            i += 1;
        }
        Tail(::core::cell::UnsafeCell::new(bytes))
    }

    /// The text.
    pub(crate) fn text(&'static self) -> &'static str {
        // SAFETY: the cell is never written (see above), so a shared borrow of it for the
        // program's life is sound, and its bytes are a copy of a `&str`'s, so valid UTF-8.
        unsafe { ::core::str::from_utf8_unchecked(&*self.0.get()) }
    }
}

/// The shipped engine's panic: stop at once (a trap), with no message.
#[cfg(all(feature = "small-panic", target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &::core::panic::PanicInfo) -> ! {
    ::core::arch::wasm32::unreachable()
}

/// What std's prelude gives every module and `core`'s does not, and the engine's list helpers.
mod prelude;

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The library version, shown by `Attune.version` and carried in file names of `dist/`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// The engine's allocator (size classes, see `heap.rs`): 1.2 KB gzip less than talc, which was
// itself smaller than the standard library's dlmalloc. On the host it is only tested.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod heap;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: heap::Engine = heap::Engine::new();
