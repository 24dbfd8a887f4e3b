//! Letters with their diacritics: the base letter and the marks of every letter of a
//! text or of a name, a syllable's tone read apart wherever it is placed.

use unicode_normalization::char::is_combining_mark;

use crate::text::marks::{self, TONES};

/// Calls `f(base, marks)` for every Latin letter of `text`, in order: its ASCII base
/// and the set of its diacritics (precomposed or combining). Digits and other
/// characters are skipped.
pub(crate) fn letters(text: &str, mut f: impl FnMut(u8, u16) -> bool) {
    // The tone of a syllable is one mark, wherever it is written (old "Hoà", new
    // "Hòa"): it is taken off its letter and given as a letter of its own (base 0)
    // after the word.
    let mut in_word = false;
    let mut tone = 0u16;
    // The letter before, held back until its combining marks are known.
    let mut held: Option<(u8, u16)> = None;
    crate::work::add(text.len());
    for c in text.chars() {
        let u = c as u32;
        let letter = if u < 0x80 {
            let b = u as u8;
            b.is_ascii_alphabetic().then_some((b | 0x20, 0))
        } else if let Some(l) = crate::text::fold::latin_letter(c) {
            Some(l)
        } else if (0x300..=0x36F).contains(&u) || is_combining_mark(c) {
            if let Some((_, m)) = &mut held {
                *m |= marks::of(c);
            }
            continue;
        } else {
            None
        };
        if let Some((b, m)) = held.take() {
            tone |= m & TONES;
            if !f(b, m & !TONES) {
                return;
            }
        }
        match letter {
            Some(l) => {
                held = Some(l);
                in_word = true;
            }
            None if in_word => {
                if !f(0, std::mem::take(&mut tone)) {
                    return;
                }
                in_word = false;
            }
            None => {}
        }
    }
    if let Some((b, m)) = held {
        tone |= m & TONES;
        if !f(b, m & !TONES) {
            return;
        }
    }
    if in_word {
        f(0, tone);
    }
}

/// A character of a name (NFC) as a letter: its ASCII base and its diacritics.
#[inline(always)]
pub(crate) fn name_letter(c: char) -> Option<(u8, u16)> {
    let u = c as u32;
    if u < 0x80 {
        let b = u as u8;
        b.is_ascii_alphabetic().then_some((b | 0x20, 0))
    } else {
        crate::text::fold::latin_letter(c)
    }
}

/// The character of a name (valid UTF-8) beginning at byte `p`, not ASCII, as a
/// letter ([`name_letter`]), and its length in bytes.
#[inline(always)]
pub(crate) fn name_letter_at(s: &[u8], p: usize) -> (Option<(u8, u16)>, usize) {
    let c0 = u32::from(s[p]);
    let next = |k: usize| u32::from(s[p + k] & 0x3F);
    let (u, width) = if c0 < 0xE0 {
        ((c0 & 0x1F) << 6 | next(1), 2)
    } else if c0 < 0xF0 {
        ((c0 & 0x0F) << 12 | next(1) << 6 | next(2), 3)
    } else {
        // Beyond the Latin letters.
        return (None, 4);
    };
    (
        char::from_u32(u).and_then(crate::text::fold::latin_letter),
        width,
    )
}

/// The character of a name (valid UTF-8) ending at byte `end`: where it begins,
/// and it as a letter ([`name_letter`]).
#[inline(always)]
pub(crate) fn name_letter_before(s: &[u8], end: usize) -> (usize, Option<(u8, u16)>) {
    let c = s[end - 1];
    if c < 0x80 {
        let l = c | 0x20;
        return (end - 1, l.is_ascii_lowercase().then_some((l, 0)));
    }
    let mut at = end - 1;
    while s[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    (at, name_letter_at(s, at).0)
}

/// [`letters`] for a name of the tables, which is NFC: every letter is one character.
pub(crate) fn name_letters(name: &str, mut f: impl FnMut(u8, u16) -> bool) {
    let mut in_word = false;
    let mut tone = 0u16;
    for c in name.chars() {
        match name_letter(c) {
            Some((b, m)) => {
                tone |= m & TONES;
                if !f(b, m & !TONES) {
                    return;
                }
                in_word = true;
            }
            None if in_word => {
                if !f(0, std::mem::take(&mut tone)) {
                    return;
                }
                in_word = false;
            }
            None => {}
        }
    }
    if in_word {
        f(0, tone);
    }
}
