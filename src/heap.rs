//! The engine's allocator: blocks in size classes (8, 12, 16, 24, 32, 48, ... bytes: each power
//! of two from 8 and the step halfway to the next), with a list of freed blocks for each class
//! to hand out again.
//!
//! The engine's allocations are many small, short-lived strings and lists of a few sizes, and
//! a page holds it for minutes: a freed block comes back at once for the next of its class,
//! and memory settles at its high-water mark (over 1,000 mounts of a pacer it stays at the
//! 1152 KB it had with talc). Each call is a few instructions, and the whole is 1.2 KB gzip
//! less than talc, which the engine used before, and 0.2 KB less than rlsf, the smallest
//! general allocator measured (docs/performance.md). What it gives up: a block is never
//! split or merged, so a request may take up to half as much again as it asks for, and memory
//! freed in one class serves only that class. (With powers of two alone, up to twice as much:
//! `make bench`'s mounts then took one 64 KB page more.)
//!
//! The logic is plain Rust over addresses, so the host tests run it on a buffer of their own;
//! the engine gives it the wasm's memory (see [`Engine`]).

use core::alloc::Layout;

/// How many classes there are: two for each power of two an address can hold.
const CLASSES: usize = 2 * usize::BITS as usize;

/// The free lists and the memory not yet handed out.
pub(crate) struct Heap {
    /// The first freed block of each class; each freed block holds the address of the next
    /// (0 ends the list).
    free: [usize; CLASSES],
    /// Where the memory not yet handed out starts, and where it ends.
    top: usize,
    end: usize,
}

impl Heap {
    /// An empty heap: the first allocation asks `grow` for memory (or see [`Heap::starting`]).
    pub(crate) const fn new() -> Self {
        Self::starting(0, 0)
    }

    /// A heap that first hands out the memory from `top` to `end`.
    pub(crate) const fn starting(top: usize, end: usize) -> Self {
        Self {
            free: [0; CLASSES],
            top,
            end,
        }
    }

    /// The class of `layout`: the smallest block size (see [`Heap::size`]) of at least its size,
    /// its alignment and 8 (a block must hold a free list's link).
    fn class(layout: Layout) -> usize {
        let n = layout.size().max(layout.align()).max(8);
        let bits = (usize::BITS - (n - 1).leading_zeros()) as usize;
        // Between 2^(bits-1) and 2^bits, a block of 1.5 * 2^(bits-1) where that is enough.
        2 * bits - usize::from(n <= 3 << (bits - 2))
    }

    /// The bytes of a block of `class`: `2^k` for class `2k`, and `1.5 * 2^(k-1)` for class
    /// `2k - 1`, halfway to it.
    fn size(class: usize) -> usize {
        let bits = class.div_ceil(2);
        if class.is_multiple_of(2) {
            1 << bits
        } else {
            3 << (bits - 2)
        }
    }

    /// A block for `layout`, or `None` when memory cannot grow. `grow(bytes)` adds at least
    /// `bytes` of memory and returns where the added memory starts and ends.
    ///
    /// # Safety
    /// The heap's memory (from [`Heap::starting`] and `grow`) must be writable and used by
    /// nothing else; the blocks freed by [`Heap::free`] must have come from this heap.
    pub(crate) unsafe fn alloc(
        &mut self,
        layout: Layout,
        grow: impl FnOnce(usize) -> Option<(usize, usize)>,
    ) -> Option<usize> {
        let class = Self::class(layout);
        let head = self.free.get_mut(class)?;
        let size = Self::size(class);
        // Alignments are powers of two, at most the block's size: a freed block is aligned to
        // whatever it was first cut for, so it serves a stricter alignment only if it meets it.
        if *head != 0 && *head & (layout.align() - 1) == 0 {
            let block = *head;
            // SAFETY: a freed block of this heap holds the next block's address.
            *head = unsafe { *(block as *const usize) };
            return Some(block);
        }
        let align = layout.align().max(8);
        let cut = |top: usize| {
            let at = top.checked_add(align - 1)? & !(align - 1);
            Some((at, at.checked_add(size)?))
        };
        let (mut at, mut next) = cut(self.top)?;
        if next > self.end {
            let (start, end) = grow(size.checked_add(align)?)?;
            if start != self.end {
                // Memory grown by someone else lies between: start again after it.
                self.top = start;
            }
            self.end = end;
            (at, next) = cut(self.top)?;
            if next > self.end {
                return None;
            }
        }
        self.top = next;
        Some(at)
    }

    /// Takes `block` back, for the next request of its class.
    ///
    /// # Safety
    /// `block` came from [`Heap::alloc`] on this heap with the same `layout`, and is not used
    /// again.
    pub(crate) unsafe fn free(&mut self, block: usize, layout: Layout) {
        if let Some(head) = self.free.get_mut(Self::class(layout)) {
            // SAFETY: the block is ours again, and at least 8 bytes long and aligned to 8.
            unsafe { *(block as *mut usize) = *head };
            *head = block;
        }
    }
}

/// The engine's global allocator: one [`Heap`] over the wasm's memory, starting with what the
/// module's data leaves free and growing the memory 64 KiB pages at a time. `realloc` is
/// `GlobalAlloc`'s own (a new block, and a copy): a list that grows by doubling changes class
/// each time anyway.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Engine(core::cell::UnsafeCell<Heap>);

// SAFETY: the engine has one thread (`src/lib.rs` refuses a build with atomics).
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for Engine {}

#[cfg(target_arch = "wasm32")]
extern "C" {
    /// Where the linker left the memory after the module's data free.
    static __heap_base: u8;
}

#[cfg(target_arch = "wasm32")]
impl Engine {
    /// The engine's heap, which finds its memory at the first allocation.
    pub(crate) const fn new() -> Self {
        Self(core::cell::UnsafeCell::new(Heap::new()))
    }

    /// Adds whole pages for `bytes`: where they start and end.
    fn grow(bytes: usize) -> Option<(usize, usize)> {
        let pages = bytes.checked_add(0xffff)? >> 16;
        let old = core::arch::wasm32::memory_grow(0, pages);
        if old == usize::MAX {
            return None;
        }
        Some((
            old.checked_mul(1 << 16)?,
            (old + pages).checked_mul(1 << 16)?,
        ))
    }

    #[allow(clippy::mut_from_ref)]
    fn heap(&self) -> &mut Heap {
        // SAFETY: one thread, and no allocator call runs inside another.
        let heap = unsafe { &mut *self.0.get() };
        if heap.end == 0 {
            // Only the symbol's address is taken, never its value.
            let base = core::ptr::addr_of!(__heap_base) as usize;
            *heap = Heap::starting(base, core::arch::wasm32::memory_size(0) << 16);
        }
        heap
    }
}

#[cfg(target_arch = "wasm32")]
unsafe impl core::alloc::GlobalAlloc for Engine {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the memory past `__heap_base` and what `grow` adds is the heap's alone.
        unsafe { self.heap().alloc(layout, Self::grow) }.unwrap_or(0) as *mut u8
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as `GlobalAlloc::dealloc` promises.
        unsafe { self.heap().free(block as usize, layout) }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::vec::Vec;

    /// A heap over a buffer of the test's own, which `grow` hands out 64 KiB at a time.
    struct Arena {
        buffer: Vec<u64>,
        given: usize,
    }

    impl Arena {
        fn new(bytes: usize) -> Self {
            Self {
                buffer: vec![0; bytes / 8],
                given: 0,
            }
        }

        fn base(&self) -> usize {
            self.buffer.as_ptr() as usize
        }

        fn grow(&mut self) -> impl FnOnce(usize) -> Option<(usize, usize)> + '_ {
            move |bytes| {
                let add = (bytes + 0xffff) & !0xffff;
                if self.given + add > self.buffer.len() * 8 {
                    return None;
                }
                let start = self.base() + self.given;
                self.given += add;
                Some((start, start + add))
            }
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_powers_of_two_and_halfway_steps_from_eight_bytes() {
        let block = |size, align| Heap::size(Heap::class(layout(size, align)));
        for (size, expected) in [
            (1, 8),
            (8, 8),
            (9, 12),
            (12, 12),
            (13, 16),
            (17, 24),
            (25, 32),
            (4096, 4096),
            (4097, 6144),
            (6145, 8192),
        ] {
            assert_eq!(block(size, 1), expected, "{size} bytes");
        }
        assert_eq!(block(3, 32), 32, "at least the alignment");
        assert_eq!(
            block(24, 16),
            24,
            "aligned where it is cut, not by its size"
        );
    }

    #[test]
    fn a_freed_block_serves_the_next_request_of_its_class() {
        let mut arena = Arena::new(1 << 20);
        let mut heap = Heap::new();
        unsafe {
            let a = heap.alloc(layout(24, 8), arena.grow()).unwrap();
            let b = heap.alloc(layout(100, 8), arena.grow()).unwrap();
            heap.free(a, layout(24, 8));
            assert_eq!(heap.alloc(layout(20, 4), arena.grow()), Some(a));
            assert_ne!(heap.alloc(layout(24, 8), arena.grow()), Some(b));
        }
        assert_eq!(arena.given, 1 << 16, "one page was enough");
    }

    #[test]
    fn a_freed_block_not_aligned_enough_is_left_for_another_request() {
        let mut arena = Arena::new(1 << 20);
        arena.given = 1 << 16;
        let start = (arena.base() + 63) & !63;
        let mut heap = Heap::starting(start + 8, start + 4096);
        unsafe {
            let a = heap.alloc(layout(64, 8), arena.grow()).unwrap();
            assert_eq!(a, start + 8);
            heap.free(a, layout(64, 8));
            let b = heap.alloc(layout(64, 64), arena.grow()).unwrap();
            assert_eq!(b, start + 128, "cut anew, aligned");
            assert_eq!(heap.alloc(layout(64, 8), arena.grow()), Some(a));
        }
    }

    #[test]
    fn memory_grown_elsewhere_is_skipped_and_none_left_is_refused() {
        let mut arena = Arena::new(1 << 20);
        let start = arena.base();
        // The heap starts with 64 bytes; the arena's first page went to someone else.
        arena.given = 1 << 16;
        let mut heap = Heap::starting(start, start + 64);
        unsafe {
            assert_eq!(heap.alloc(layout(64, 8), arena.grow()), Some(start));
            let next = heap.alloc(layout(64, 8), arena.grow());
            assert_eq!(next, Some(start + (1 << 16)));
            assert_eq!(heap.alloc(layout(1 << 21, 8), arena.grow()), None);
            assert_eq!(
                heap.alloc(layout(isize::MAX as usize - 64, 8), arena.grow()),
                None
            );
        }
    }

    proptest! {
        /// Whatever the order of requests and frees, live blocks are aligned, inside the
        /// heap's memory, and never overlap: each keeps what was written to it.
        #[test]
        fn live_blocks_never_overlap(
            ops in proptest::collection::vec((0usize..3000, 0u32..7, any::<bool>()), 1..400),
        ) {
            let mut arena = Arena::new(16 << 20);
            let mut heap = Heap::new();
            let mut live: Vec<(usize, Layout, u8)> = Vec::new();
            for (i, (size, align, free)) in ops.into_iter().enumerate() {
                if free && !live.is_empty() {
                    let (block, l, mark) = live.swap_remove(i % live.len());
                    let bytes =
                        unsafe { core::slice::from_raw_parts(block as *const u8, l.size()) };
                    prop_assert!(bytes.iter().all(|&b| b == mark), "a block kept its contents");
                    unsafe { heap.free(block, l) };
                    continue;
                }
                let l = layout(size.max(1), 1 << align);
                let block = unsafe { heap.alloc(l, arena.grow()) }.unwrap();
                prop_assert_eq!(block % l.align(), 0);
                let (start, end) = (arena.base(), arena.base() + arena.given);
                prop_assert!(block >= start && block + l.size() <= end);
                let mark = i as u8;
                unsafe { core::ptr::write_bytes(block as *mut u8, mark, l.size()) };
                live.push((block, l, mark));
            }
            live.sort_by_key(|b| b.0);
            for pair in live.windows(2) {
                prop_assert!(pair[0].0 + pair[0].1.size() <= pair[1].0);
            }
        }
    }
}
