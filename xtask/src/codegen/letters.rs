//! `letters.rs`: the ASCII base letter and the diacritics of every precomposed Latin
//! letter that Vietnamese text uses, read from the Unicode decompositions, so that
//! folding and the diacritic fidelity need no decomposition at run time.

use std::ops::RangeInclusive;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::emit::Out;
use super::marks;

/// The ranges of the tables: Latin-1 Supplement, Latin Extended-A and the Vietnamese
/// ơ/ư of Latin Extended-B; the Vietnamese letters of Latin Extended Additional.
const RANGES: [(&str, RangeInclusive<u32>); 2] =
    [("LATIN", 0xC0..=0x1B0), ("VIETNAMESE", 0x1EA0..=0x1EF9)];

pub(super) fn letters() -> String {
    let mut out = Out::new("");
    for (name, range) in RANGES {
        let (start, end) = (*range.start(), *range.end());
        let (base, marks): (Vec<u8>, Vec<u16>) = range.map(letter).unzip();
        out.push_str(&format!(
            "/// The lower-case ASCII base letter of U+{start:04X}..=U+{end:04X}, by code point from\n\
             /// U+{start:04X}; 0 for a character that is not a letter with one ASCII base.\n"
        ));
        out.array(&format!("{name}_BASE"), "u8", &base);
        out.push_str(&format!(
            "/// The diacritics of the letters of `{name}_BASE` (bits of `text::marks`).\n"
        ));
        out.array(&format!("{name}_MARKS"), "u16", &marks);
    }
    out.finish()
}

/// The base letter (0 for none) and the marks of code point `u`.
fn letter(u: u32) -> (u8, u16) {
    let Some(c) = char::from_u32(u) else {
        return (0, 0);
    };
    // đ is a letter of its own, not d and a mark; ð looks like it.
    if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
        return (b'd', marks::STROKE);
    }
    let (mut base, mut letters, mut bits) = (None, 0, 0);
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            bits |= marks::of(d);
        } else {
            base = Some(d);
            letters += 1;
        }
    });
    match base {
        Some(b) if letters == 1 && b.is_ascii_alphanumeric() => {
            (b.to_ascii_lowercase() as u8, bits)
        }
        _ => (0, 0),
    }
}
