//! Invisible and look-alike characters: what [`normalize`] does to each.

use std::borrow::Cow;

/// What [`normalize`] does with one character: the one home of the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Kept as it is.
    Keep,
    /// Deleted: a character that is not there when the text is read.
    Delete,
    /// Replaced by another character.
    Replace(char),
}

/// What [`normalize`] does with `c` (the table in its documentation).
#[inline]
pub(crate) fn action(c: char) -> Action {
    match c {
        // Invisible inside a word: soft hyphen, zero-width space / non-joiner / joiner,
        // word joiner, byte-order mark (zero-width no-break space).
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Action::Delete,
        // Spaces that are not U+0020: no-break space, Ogham space mark, the
        // typographic spaces, narrow no-break space, medium mathematical space,
        // ideographic space.
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Action::Replace(' ')
        }
        // Fullwidth ASCII (letters, digits, punctuation) from East Asian input methods.
        '\u{FF01}'..='\u{FF5E}' => match char::from_u32(u32::from(c) - 0xFF01 + 0x21) {
            Some(a) => Action::Replace(a),
            None => Action::Keep,
        },
        // The Icelandic eth looks like đ in most fonts; Vietnamese has no eth.
        'Ð' => Action::Replace('Đ'),
        'ð' => Action::Replace('đ'),
        _ => Action::Keep,
    }
}

/// Normalises the invisible and look-alike characters that text copied from web
/// pages, word processors and spreadsheets carries, so that
/// `"T\u{200B}ỉnh"` reads as `"Tỉnh"`.
///
/// | characters | become | why |
/// |---|---|---|
/// | U+00AD soft hyphen, U+200B zero-width space, U+200C zero-width non-joiner, U+200D zero-width joiner, U+2060 word joiner, U+FEFF byte-order mark | nothing (deleted) | invisible; found *inside* words, where a space would split the word |
/// | U+00A0 no-break space, U+1680, U+2000–U+200A (en, em, thin, hair … spaces), U+202F narrow no-break space, U+205F, U+3000 ideographic space | a space | they separate words as a space does; runs are left for the tokenizer to collapse |
/// | U+FF01–U+FF5E fullwidth ASCII (`Ｑ１`, `，`) | the ASCII character | typed with an East Asian input method |
/// | U+00D0 `Ð`, U+00F0 `ð` (eth) | `Đ`, `đ` | drawn like đ in most fonts; Vietnamese has no eth |
///
/// Everything else is kept as it is; nothing is composed or decomposed. Tabs and line
/// breaks are kept too: they separate words already, and the address tokenizer reads
/// them as a break between parts, like a comma (a tab between two cells pasted
/// together), which a space would weaken. The result is borrowed when nothing changes, which is checked with one
/// pass over the bytes; it is never longer than the input. `normalize` is idempotent
/// and never panics.
///
/// Text in a legacy encoding seen through Windows-1252 can contain U+00AD and U+00D0
/// as letters (TCVN3 `\u{AD}` is ư, `Ð` is é): [`repair`](super::repair) it first, or call
/// [`clean`](super::clean), which does both in that order.
///
/// ```
/// use dvhc::text::normalize;
/// use std::borrow::Cow;
///
/// assert_eq!(normalize("Huyện Long Thành, T\u{200B}ỉnh Đồng Nai"), "Huyện Long Thành, Tỉnh Đồng Nai");
/// assert_eq!(normalize("Phư\u{AD}ờng\u{A0}1,\u{3000}Quận ３\tHCM"), "Phường 1, Quận 3\tHCM");
/// assert_eq!(normalize("ÐÀ NẴNG"), "ĐÀ NẴNG");
/// // Clean text is returned as it is, without allocating.
/// assert!(matches!(normalize("12 Lê Lợi, Phường Sài Gòn"), Cow::Borrowed(_)));
/// ```
pub fn normalize(input: &str) -> Cow<'_, str> {
    crate::work::add(input.len());
    let Some(start) = first_change(input) else {
        return Cow::Borrowed(input);
    };
    let mut out = String::with_capacity(input.len());
    out.push_str(&input[..start]);
    for c in input[start..].chars() {
        match action(c) {
            Action::Keep => out.push(c),
            Action::Delete => {}
            Action::Replace(r) => out.push(r),
        }
    }
    Cow::Owned(out)
}

/// The byte offset of the first character that [`action`] changes, if any.
///
/// Looks at the bytes, not the characters: ASCII text is checked with the standard
/// library's word-at-a-time `is_ascii`; otherwise one table look-up per character
/// decides, and only lead bytes that can start a changed character (and their second
/// byte) are looked at further, so Vietnamese text, whose letters start with 0xC3,
/// 0xC4, 0xC6 or 0xE1 0xBA / 0xBB, is passed over quickly. Checked against [`action`]
/// for every character in the tests.
#[inline]
fn first_change(input: &str) -> Option<usize> {
    let bytes = input.as_bytes();
    if input.is_ascii() || screen(bytes) & MAY_CHANGE == 0 {
        return None;
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        let lead = LEAD[usize::from(b)];
        if lead & CHECK != 0 {
            // 0xC3 and 0xE1 start most Vietnamese letters: look at the second byte
            // here, and leave the rare leads to `suspect`.
            let second = bytes.get(i + 1).copied().unwrap_or(0);
            let maybe = match b {
                0xC3 => matches!(second, 0x90 | 0xB0),
                0xE1 => second == 0x9A,
                _ => true,
            };
            if maybe && suspect(input, i) {
                return Some(i);
            }
        }
        i += usize::from(lead & !CHECK);
    }
    None
}

/// `true` when `input` has no character [`normalize`] changes and a Vietnamese letter
/// that no byte of Windows-1252 or Latin-1 stands for (ă, đ, ĩ, ơ, ư or any letter of
/// U+1E00..=U+1EFF), which [`repair`](super::repair) leaves alone at once; or when it
/// is ASCII. Decided in the one pass over the bytes [`normalize`] makes anyway, so
/// that clean Vietnamese costs one scan, not two. `false` says nothing.
#[inline]
pub(super) fn untouched(input: &str) -> bool {
    if input.is_ascii() {
        return true;
    }
    let seen = screen(input.as_bytes());
    seen & MAY_CHANGE == 0 && seen & BEYOND_LATIN1 != 0
}

/// A screen without branches over every pair of bytes: the [`PAIR_SECOND`] bits of
/// the pairs [`PAIR_FIRST`] starts. Most Vietnamese text has no [`MAY_CHANGE`] bit,
/// and is done with here.
#[inline]
fn screen(bytes: &[u8]) -> u8 {
    let mut seen = 0;
    let mut first = 0;
    for &b in bytes {
        seen |= first & PAIR_SECOND[usize::from(b)];
        first = PAIR_FIRST[usize::from(b)];
    }
    seen | (first & ANY)
}

/// `true` when the character at `i` (which starts with a [`CHECK`] byte) is one
/// [`action`] changes.
#[cold]
fn suspect(input: &str, i: usize) -> bool {
    let bytes = input.as_bytes();
    let second = bytes.get(i + 1).copied().unwrap_or(0);
    let maybe = match bytes[i] {
        // U+00A0, U+00AD
        0xC2 => matches!(second, 0xA0 | 0xAD),
        // U+00D0, U+00F0
        0xC3 => matches!(second, 0x90 | 0xB0),
        // U+1680
        0xE1 => second == 0x9A,
        // U+2000..=U+206F
        0xE2 => matches!(second, 0x80 | 0x81),
        // U+3000
        0xE3 => second == 0x80,
        // U+FEFF, U+FF01..=U+FF5E
        _ => matches!(second, 0xBB..=0xBD),
    };
    maybe
        && input
            .get(i..)
            .and_then(|s| s.chars().next())
            .is_some_and(|c| action(c) != Action::Keep)
}

/// [`PAIR_FIRST`] / [`PAIR_SECOND`] bits: 0xC3 then 0x90 or 0xB0 (Ð, ð); 0xE1 then
/// 0x9A (U+1680); a rare lead byte (0xC2, 0xE2, 0xE3, 0xEF) then anything. These may
/// start a character [`action`] changes.
const AFTER_C3: u8 = 1;
const AFTER_E1: u8 = 2;
const ANY: u8 = 4;
const MAY_CHANGE: u8 = AFTER_C3 | AFTER_E1 | ANY;

/// And these start a Vietnamese letter beyond Latin-1 that is no byte of
/// Windows-1252 and that [`normalize`] keeps: 0xC4 then anything (U+0100..=U+013F:
/// Ă ă Đ đ Ĩ ĩ); 0xC6 then 0xA0, 0xA1, 0xAF or 0xB0 (Ơ ơ Ư ư); 0xE1 then 0xB8..=0xBB
/// (U+1E00..=U+1EFF, the letters with a dot below, a hook and the rest).
const AFTER_C4: u8 = 8;
const AFTER_C6: u8 = 16;
const AFTER_E1_LETTER: u8 = 32;
const BEYOND_LATIN1: u8 = AFTER_C4 | AFTER_C6 | AFTER_E1_LETTER;

/// The bits of a first byte.
const PAIR_FIRST: [u8; 256] = {
    let mut t = [0; 256];
    t[0xC2] = ANY;
    t[0xE2] = ANY;
    t[0xE3] = ANY;
    t[0xEF] = ANY;
    t[0xC3] = AFTER_C3;
    t[0xC4] = AFTER_C4;
    t[0xC6] = AFTER_C6;
    t[0xE1] = AFTER_E1 | AFTER_E1_LETTER;
    t
};

/// The bits of a second byte.
const PAIR_SECOND: [u8; 256] = {
    let mut t = [ANY | AFTER_C4; 256];
    t[0x90] |= AFTER_C3;
    t[0xB0] |= AFTER_C3 | AFTER_C6;
    t[0x9A] |= AFTER_E1;
    t[0xA0] |= AFTER_C6;
    t[0xA1] |= AFTER_C6;
    t[0xAF] |= AFTER_C6;
    t[0xB8] |= AFTER_E1_LETTER;
    t[0xB9] |= AFTER_E1_LETTER;
    t[0xBA] |= AFTER_E1_LETTER;
    t[0xBB] |= AFTER_E1_LETTER;
    t
};

/// Marks, in [`LEAD`], a byte that may start a character [`action`] changes.
const CHECK: u8 = 0x80;

/// For each byte of UTF-8: the length of the character it starts (1 for a
/// continuation byte, which a step never lands on), with [`CHECK`] set when the
/// character may be one [`action`] changes.
const LEAD: [u8; 256] = {
    let mut t = [1; 256];
    let mut b = 0xC0;
    while b < 0x100 {
        t[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    t[0xC2] |= CHECK;
    t[0xC3] |= CHECK;
    t[0xE1] |= CHECK;
    t[0xE2] |= CHECK;
    t[0xE3] |= CHECK;
    t[0xEF] |= CHECK;
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_scan_agrees_with_the_rule() {
        for u in (0..=0x10FFFF).filter(|u| !(0xD800..=0xDFFF).contains(u)) {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("ab{c}cd");
            let want = (action(c) != Action::Keep).then_some(2);
            assert_eq!(first_change(&s), want, "U+{u:04X}");
        }
    }

    #[test]
    fn rules() {
        assert_eq!(
            normalize("a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}f\u{AD}g"),
            "abcdefg"
        );
        assert_eq!(
            normalize("a b\u{A0}c\u{2009}d\u{202F}e\u{3000}f"),
            "a b c d e f"
        );
        assert_eq!(
            normalize("ＰＨƯỜＮＧ　１２，ＱＵẬＮ　３"),
            "PHƯỜNG 12,QUẬN 3"
        );
        assert_eq!(normalize("ÐÐð"), "ĐĐđ");
        assert!(matches!(normalize("a\tb\nc"), Cow::Borrowed(_)));
        assert_eq!(normalize("a\nb\r\n"), "a\nb\r\n");
        assert!(matches!(
            normalize("Hà Nội – Việt Nam 😀"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(normalize(""), Cow::Borrowed(_)));
    }

    #[test]
    fn idempotent_and_not_longer() {
        let s = "\u{FEFF}Ｘã\u{AD} Long\u{A0}Thành\u{2009}\u{200B}";
        let once = normalize(s);
        assert!(once.len() <= s.len());
        assert_eq!(normalize(&once), once);
    }
}
