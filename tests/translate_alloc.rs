//! Translation allocates nothing beyond its result: counted with a global allocator
//! that counts the allocations of the current thread. The parse of the address, done
//! by `dvhc::address::parse`, is measured alongside and printed
//! (`-- --nocapture`); translation may add exactly one allocation to it: the
//! candidates of the result.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use dvhc::translate::Translator;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// thread-local `Cell` without destructor, which neither allocates nor panics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        // SAFETY: forwarded with the caller's pointer, layout and size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made on this thread by `f`.
fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (ALLOCATIONS.with(Cell::get) - before, out)
}

#[test]
fn translation_adds_one_allocation_to_the_parse() {
    let translator = Translator::new();
    let on_date = Translator::new().on("2025-07-01".parse().unwrap());
    for input in [
        // whole, split, abbreviated, no diacritics, with typo, historical name
        "12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        "125 Hai Bà Trưng, P. Đa Kao, Q.1, TP.HCM",
        "so 5 ap 2 xa tan thanh huyen thu thua long an",
        "Phuong Ben Ngeh, Quan 1, TP HCM",
        "Phường 10, Quận 3, TP.HCM",
        // district and province level, island district, current structure
        "Quận 1, TP.HCM",
        "Huyện Côn Đảo, Bà Rịa - Vũng Tàu",
        "Tỉnh Bình Dương",
        "Phường Sài Gòn, TP.HCM",
        "Thị trấn Long Thành, Huyện Long Thành, Tỉnh Đồng Nai",
    ] {
        // Warm up lazily initialised state (none expected, but be fair).
        let _ = translator.translate(input);
        let (parse, parsed) = count(|| dvhc::address::parse(input));
        let parsed = parsed.unwrap();
        assert!(!parsed.is_ambiguous(), "{input}");
        let (translate, t) = count(|| translator.translate(input));
        let t = t.unwrap();
        eprintln!(
            "{parse:3} allocations to parse, {translate:3} to translate ({} candidates): {input}",
            t.candidates().len()
        );
        assert!(
            translate <= parse + 1,
            "{input}: {translate} allocations, parse alone {parse}"
        );
        // Rendering on a date and ranking by a point add nothing either.
        let (dated, _) = count(|| on_date.translate(input));
        assert!(dated <= parse + 1, "{input}: {dated} on a date");
        let (at, _) = count(|| translator.translate_at(input, 10.79, 106.69));
        assert!(at <= parse + 1, "{input}: {at} with a point");
        // Reading the result allocates nothing; formatting allocates its string.
        let (read, _) = count(|| {
            (
                t.candidates().len(),
                t.legacy().map(|l| l.province().code()),
                t.resolved().map(|c| c.share()),
                t.rest().len(),
                t.level(),
            )
        });
        assert_eq!(read, 0, "{input}");
        if let Some(c) = t.resolved() {
            let (fmt, s) = count(|| t.format(c));
            assert!(fmt <= 2, "{input}: {fmt} allocations to format {s:?}");
        }
    }
}
