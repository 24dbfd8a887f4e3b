//! `fold` and `search_key` on arbitrary text.
//!
//! Properties (all documented on the functions): no panic; `fold` is idempotent,
//! gives the same key for the NFC and NFD forms of the input, has no leading,
//! trailing or doubled space; `search_key` is idempotent and has no space except
//! between two digits. Output size is bounded by a small multiple of the input
//! (a Hangul syllable, 3 bytes, decomposes into 3 jamo of 3 bytes each).
#![no_main]

use dvhc::{fold, search_key};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;

    let f = fold(s);
    assert!(
        f.len() <= 3 * s.len(),
        "fold grew {} -> {}",
        s.len(),
        f.len()
    );
    assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    assert_eq!(fold(&f), f, "fold is not idempotent on {s:?}");

    let nfd: String = s.nfd().collect();
    assert_eq!(fold(&nfd), f, "NFD differs on {s:?}");
    let nfc: String = s.nfc().collect();
    assert_eq!(fold(&nfc), f, "NFC differs on {s:?}");

    let k = search_key(s);
    assert!(k.len() <= f.len());
    assert_eq!(search_key(&k), k, "search_key is not idempotent on {s:?}");
    let b = k.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b' ' {
            assert!(
                i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit),
                "stray space in key {k:?} of {s:?}"
            );
        }
    }
});
