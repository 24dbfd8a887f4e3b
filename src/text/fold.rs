//! Name folding: the one normalisation every key and every query goes through.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::tables::generated as g;
#[cfg(test)]
use crate::text::marks;

/// Folds a name or query to its search key.
///
/// The key is what two spellings of one name have in common, so that
/// `"Xuân Hương – Đà Lạt"`, `"xuan huong da lat"` and `"XUÂN HƯƠNG, ĐÀ LẠT"` compare equal:
///
/// 1. canonical decomposition (NFD), so precomposed and decomposed input agree, and
///    old and new tone placement (`Hoà`/`Hòa`, `Thuỷ`/`Thủy`) agree after step 2;
/// 2. combining marks (tones, breve, circumflex, horn) are dropped;
/// 3. `đ`/`Đ` become `d` (they are letters of their own, not `d` plus a mark);
/// 4. letters are lower-cased;
/// 5. every run of characters that are neither letters nor digits (spaces, punctuation,
///    apostrophes `'` and `’`, dashes, control characters, emoji) becomes one space, and
///    leading and trailing spaces are dropped.
///
/// Vietnamese input folds to ASCII. Letters of other scripts are kept, decomposed and
/// lower-cased. The result is returned borrowed when the input is already folded,
/// which is the common case for keys and for queries typed without diacritics.
///
/// `fold` is idempotent (`fold(&fold(s)) == fold(s)`), gives the same result for the
/// NFC and NFD forms of a string, never panics, and runs in time linear in the input.
///
/// # Examples
/// ```
/// use dvhc::fold;
///
/// assert_eq!(fold("Phường Xuân Hương - Đà Lạt"), "phuong xuan huong da lat");
/// assert_eq!(fold("Thuỷ"), fold("Thủy"));
/// assert_eq!(fold("  TP.HCM  "), "tp hcm");
/// assert_eq!(fold("Ea H’Leo"), "ea h leo");
/// // Already folded: no allocation.
/// assert!(matches!(fold("ben nghe"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fold(input: &str) -> Cow<'_, str> {
    // One pass over the input.
    crate::work::add(input.len());
    let bytes = input.as_bytes();
    // The longest prefix that is already folded.
    let mut ok = 0;
    let mut prev_space = true;
    while ok < bytes.len() {
        match bytes[ok] {
            b'a'..=b'z' | b'0'..=b'9' => prev_space = false,
            b' ' if !prev_space => prev_space = true,
            _ => break,
        }
        ok += 1;
    }
    if ok == bytes.len() && !prev_space {
        return Cow::Borrowed(input);
    }
    if bytes.is_empty() {
        return Cow::Borrowed(input);
    }
    let mut sink = StringSink {
        out: String::with_capacity(input.len()),
        at_gap: true,
        pending_space: false,
    };
    // Copy the folded prefix as is; a trailing space in it becomes a pending one.
    let head = &input[..ok];
    match head.strip_suffix(' ') {
        Some(h) => {
            sink.out.push_str(h);
            sink.at_gap = true;
            sink.pending_space = !h.is_empty();
        }
        None => {
            sink.out.push_str(head);
            sink.at_gap = head.is_empty();
        }
    }
    for c in input[ok..].chars() {
        fold_char(c, &mut sink);
    }
    Cow::Owned(sink.out)
}

/// Receives the output of [`fold_char`]: letters and digits, and gaps (runs of
/// separators). Combining marks produce nothing: they belong to the letter before.
pub(crate) trait FoldSink {
    /// A folded letter or digit (ASCII for Vietnamese).
    fn letter(&mut self, c: char);
    /// A separator.
    fn gap(&mut self);
}

struct StringSink {
    out: String,
    /// The last thing written was a separator (or nothing yet).
    at_gap: bool,
    /// A space is owed before the next letter.
    pending_space: bool,
}

impl FoldSink for StringSink {
    #[inline]
    fn letter(&mut self, c: char) {
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        self.out.push(c);
        self.at_gap = false;
    }

    #[inline]
    fn gap(&mut self) {
        if !self.at_gap {
            self.pending_space = true;
            self.at_gap = true;
        }
    }
}

/// The ASCII base and the diacritics (bits of [`marks`](crate::text::marks)) of a precomposed Latin
/// letter of the generated tables (`LATIN_*`, `VIETNAMESE_*`).
#[inline]
pub(crate) fn latin_letter(c: char) -> Option<(u8, u16)> {
    let u = c as u32;
    let (b, m) = match u {
        0xC0..=0x1B0 => {
            let i = (u - 0xC0) as usize;
            (g::LATIN_BASE[i], g::LATIN_MARKS[i])
        }
        0x1EA0..=0x1EF9 => {
            let i = (u - 0x1EA0) as usize;
            (g::VIETNAMESE_BASE[i], g::VIETNAMESE_MARKS[i])
        }
        _ => return None,
    };
    (b != 0).then_some((b, m))
}

/// The ASCII base of a precomposed Latin letter, from the same tables.
#[inline]
pub(crate) fn latin_base(c: char) -> Option<u8> {
    let u = c as u32;
    let b = match u {
        0xC0..=0x1B0 => g::LATIN_BASE[(u - 0xC0) as usize],
        0x1EA0..=0x1EF9 => g::VIETNAMESE_BASE[(u - 0x1EA0) as usize],
        _ => return None,
    };
    (b != 0).then_some(b)
}

/// Folds one character into `sink`: its lower-cased base letters, or a gap.
#[inline]
pub(crate) fn fold_char(c: char, sink: &mut impl FoldSink) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            sink.letter(c.to_ascii_lowercase());
        } else {
            sink.gap();
        }
        return;
    }
    if let Some(b) = latin_base(c) {
        sink.letter(b as char);
        return;
    }
    fold_other(c, sink);
}

/// [`fold_char`] for characters outside the fast tables.
#[cold]
fn fold_other(c: char, sink: &mut impl FoldSink) {
    // A combining mark on its own (decomposed input) is dropped without breaking the word.
    if is_combining_mark(c) {
        return;
    }
    // Look-alikes of đ that Vietnamese text sometimes carries by mistake: ɖ (U+0256).
    if matches!(c, 'ɖ' | 'Ɖ') {
        sink.letter('d');
        return;
    }
    // Every character of the decomposition counts (a Hangul syllable decomposes into
    // several letters), so that NFC and NFD input fold alike.
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if !d.is_alphanumeric() {
            sink.gap();
            return;
        }
        if d.is_ascii() {
            sink.letter(d.to_ascii_lowercase());
            return;
        }
        // Lower-casing may itself produce a combining mark (`İ` → `i̇`) or a character
        // with a decomposition: decompose again and drop marks, so that folding stays
        // idempotent.
        for lower in d.to_lowercase() {
            decompose_canonical(lower, |e| {
                if is_combining_mark(e) {
                } else if e.is_alphanumeric() {
                    sink.letter(e);
                } else {
                    sink.gap();
                }
            });
        }
    });
}

/// `true` when `s` is already a folded key: ASCII lower-case letters and digits in
/// words separated by single spaces, with no leading or trailing space.
#[cfg(test)]
pub(crate) fn is_folded(s: &str) -> bool {
    matches!(fold(s), Cow::Borrowed(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Thành phố Hồ Chí Minh"), "thanh pho ho chi minh");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        assert_eq!(fold("Phường 01"), "phuong 01");
        assert_eq!(fold("Hoà"), fold("Hòa"));
        assert_eq!(fold("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        assert_eq!(fold("Ðà Nẵng"), "da nang");
        assert_eq!(fold("ɖà"), "da");
    }

    #[test]
    fn tones_are_the_five_tone_marks() {
        use marks::*;
        assert_eq!(TONES, GRAVE | ACUTE | TILDE | HOOK | DOT);
        assert_eq!(
            TONE_CHARS,
            ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}']
        );
        assert_eq!(of('\u{309}'), HOOK);
        assert_eq!(of('\u{31B}'), HORN);
        assert_eq!(of('\u{308}'), OTHER);
    }

    #[test]
    fn tables_agree_with_unicode() {
        for u in (0xC0..=0x1B0).chain(0x1EA0..=0x1EF9) {
            let c = char::from_u32(u).unwrap();
            let mut base = None;
            let mut n = 0;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    base = Some(d);
                    n += 1;
                }
            });
            let want = match (c, base) {
                ('đ' | 'Đ' | 'ð' | 'Ð', _) => Some(b'd'),
                (_, Some(b)) if n == 1 && b.is_ascii_alphanumeric() => {
                    Some(b.to_ascii_lowercase() as u8)
                }
                _ => None,
            };
            assert_eq!(latin_base(c), want, "U+{u:04X} {c}");
            let mut m = 0;
            decompose_canonical(c, |d| {
                if is_combining_mark(d) {
                    m |= marks::of(d);
                }
            });
            if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
                m = marks::STROKE;
            }
            if let Some(b) = want {
                assert_eq!(latin_letter(c), Some((b, m)), "U+{u:04X} {c}");
            }
        }
    }

    #[test]
    fn nfd_equals_nfc() {
        use unicode_normalization::UnicodeNormalization;
        for s in [
            "Xuân Hương - Đà Lạt, Thuỷ Nguyên",
            "한국어 İstanbul",
            "Ǆ ǅ ǆ ≠ Å",
        ] {
            let nfd: String = s.nfd().collect();
            assert_eq!(fold(s), fold(&nfd), "{s}");
        }
    }

    #[test]
    fn separators_collapse() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("   "), "");
        assert_eq!(fold("...,;"), "");
        assert_eq!(fold("a,,  b"), "a b");
        assert_eq!(fold("\u{0301}a"), "a");
        assert_eq!(fold("P.7"), "p 7");
        assert_eq!(fold("😀Huế😀"), "hue");
        assert_eq!(fold("ab cd  ef"), "ab cd ef");
        assert_eq!(fold("ab Cd"), "ab cd");
        assert_eq!(fold("ab "), "ab");
        assert_eq!(fold("ab ,cd"), "ab cd");
    }

    #[test]
    fn fast_path() {
        assert!(matches!(fold("an binh"), Cow::Borrowed(_)));
        assert!(matches!(fold("an  binh"), Cow::Owned(_)));
        assert!(matches!(fold(" an"), Cow::Owned(_)));
        assert!(matches!(fold("an "), Cow::Owned(_)));
        assert!(matches!(fold(""), Cow::Borrowed(_)));
        assert!(is_folded("a b"));
        assert!(!is_folded("a b "));
    }
}
