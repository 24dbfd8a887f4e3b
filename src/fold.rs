//! Name folding: the one normalisation every key and every query goes through.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

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
/// Vietnamese input folds to ASCII. Letters of other scripts are kept, lower-cased.
/// The result is returned borrowed when the input is already folded, which is the
/// common case for keys and for queries typed without diacritics.
///
/// `fold` is idempotent: `fold(&fold(s)) == fold(s)`.
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
    if is_folded(input) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    // `true` while the last thing written was a separator (or nothing yet), so that
    // runs of separators collapse and no leading space is written.
    let mut at_gap = true;
    let mut pending_space = false;
    for c in input.chars() {
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_alphanumeric() {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(b.to_ascii_lowercase() as char);
                at_gap = false;
            } else if !at_gap {
                pending_space = true;
                at_gap = true;
            }
            continue;
        }
        fold_char(c, &mut out, &mut at_gap, &mut pending_space);
    }
    Cow::Owned(out)
}

/// Folds one non-ASCII character into `out`.
fn fold_char(c: char, out: &mut String, at_gap: &mut bool, pending_space: &mut bool) {
    // A combining mark on its own (decomposed input) is dropped without breaking the word.
    if is_combining_mark(c) {
        return;
    }
    let mut emit = |ch: char, out: &mut String| {
        if *pending_space {
            out.push(' ');
            *pending_space = false;
        }
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            // Lower-casing may itself produce a combining mark (`İ` → `i̇`): decompose
            // again and drop marks, so that folding stays idempotent.
            for lower in ch.to_lowercase() {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                });
            }
        }
        *at_gap = false;
    };
    match c {
        // đ, Đ, and the look-alikes that Vietnamese text sometimes carries by mistake:
        // Ð (U+00D0, Icelandic eth) and ɖ (U+0256).
        'đ' | 'Đ' | 'Ð' | 'ð' | 'ɖ' | 'Ɖ' => emit('d', out),
        _ => {
            let mut base: Option<char> = None;
            decompose_canonical(c, |d| {
                if base.is_none() && !is_combining_mark(d) {
                    base = Some(d);
                }
            });
            match base {
                Some(b) if b.is_alphanumeric() => emit(b, out),
                _ => {
                    if !*at_gap {
                        *pending_space = true;
                        *at_gap = true;
                    }
                }
            }
        }
    }
}

/// `true` when `s` is already a folded key: ASCII lower-case letters and digits in
/// words separated by single spaces, with no leading or trailing space.
pub(crate) fn is_folded(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut prev_space = true;
    for &b in bytes {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => prev_space = false,
            b' ' if !prev_space => prev_space = true,
            _ => return false,
        }
    }
    !prev_space || bytes.is_empty()
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
    }

    #[test]
    fn nfd_equals_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let s = "Xuân Hương - Đà Lạt, Thuỷ Nguyên";
        let nfd: String = s.nfd().collect();
        assert_eq!(fold(s), fold(&nfd));
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
    }

    #[test]
    fn fast_path() {
        assert!(matches!(fold("an binh"), Cow::Borrowed(_)));
        assert!(matches!(fold("an  binh"), Cow::Owned(_)));
        assert!(matches!(fold(" an"), Cow::Owned(_)));
        assert!(matches!(fold("an "), Cow::Owned(_)));
        assert!(matches!(fold(""), Cow::Borrowed(_)));
    }
}
