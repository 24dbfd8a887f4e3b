//! `dvhc::text` on arbitrary input: `normalize`, `repair`, `clean` on the text,
//! `decode` / `decode_to` / `encode` on the bytes, in both legacy encodings.
//!
//! Properties (all documented on the functions): no panic; `normalize` is idempotent
//! and never lengthens its input; `repair` reports an encoding exactly when it changed
//! the text, and at most triples its size; decoding in chunks equals decoding whole;
//! a successful `encode` decodes back to the NFC form of its input.
#![no_main]

use dvhc::text::{clean, decode, decode_to, encode, normalize, repair, LegacyEncoding};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;

    let n = normalize(s);
    assert!(n.len() <= s.len());
    assert_eq!(normalize(&n), n, "normalize is not idempotent on {s:?}");

    let r = repair(s);
    assert_eq!(r.encoding().is_none(), r.text() == s);
    assert!(r.text().len() <= 3 * s.len());
    let c = clean(s);
    assert!(c.text().len() <= 3 * s.len());

    for e in LegacyEncoding::ALL {
        let d = decode(data, e);
        assert!(d.chars().count() <= data.len());
        let cut = data.first().map_or(1, |&b| usize::from(b % 7) + 1);
        let mut chunked = String::new();
        for chunk in data.chunks(cut) {
            decode_to(chunk, e, &mut chunked);
        }
        assert_eq!(chunked, d);
        if let Ok(bytes) = encode(s, e) {
            let nfc: String = s.nfc().collect();
            assert_eq!(decode(&bytes, e), nfc, "round trip of {s:?} in {e}");
        }
    }
});
