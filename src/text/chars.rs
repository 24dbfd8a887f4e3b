//! Character classes of addresses: letters and digits, and the separators between
//! units (the one home of the separator list).
//!
//! | class | characters | between units |
//! |---|---|---|
//! | strong break | `,` `;` `\|` `/` `\` line breaks, tab, `，` `、` `；`, brackets | always a break: no unit name spans it |
//! | weak break | `-` `‐` `‑` `–` `—` `−` | a break, unless an official name spans it ("Bà Rịa - Vũng Tàu", "Xuân Hương - Đà Lạt") |
//! | part of a house number | `/` and `-` between two digits (`18/3`, `19-21`) | no break |
//! | bracket | `(` `[` `{` and their closing forms, fullwidth `（` `）` | a strong break; what they enclose is a remark |
//!
//! Everything else that is neither a letter nor a digit (spaces, dots, quotes) only
//! separates words.

/// How a character separates the words on either side of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// Not a unit separator (a space, a dot, a letter…).
    None,
    /// A dash: a break between units unless a name spans it.
    Weak,
    /// A comma or the like: always a break.
    Strong,
    /// An opening bracket: a strong break, and a remark starts.
    Open,
    /// A closing bracket: a strong break, and a remark ends.
    Close,
}

/// The separator class of `c` (the table in the module documentation). `/` and `-`
/// between digits are not separators: the caller checks the neighbours.
#[inline]
pub(crate) fn sep(c: char) -> Sep {
    match c {
        ',' | ';' | '\n' | '\r' | '|' | '\t' | '/' | '\\' | '，' | '、' | '；' => Sep::Strong,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => Sep::Weak,
        '(' | '[' | '{' | '（' | '［' => Sep::Open,
        ')' | ']' | '}' | '）' | '］' => Sep::Close,
        _ => Sep::None,
    }
}

/// Whether `c` always ends a segment of units (a strong break or a bracket).
#[inline]
pub(crate) fn is_hard_break(c: char) -> bool {
    matches!(sep(c), Sep::Strong | Sep::Open | Sep::Close)
}

/// [`char::is_alphanumeric`], without the Unicode table search for ASCII and for
/// the precomposed Latin letters of Vietnamese (all of which are alphabetic).
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        crate::text::fold::latin_base(c).is_some() || c.is_alphanumeric()
    }
}

/// Whether `c` is an upper-case letter. Fast for ASCII and the precomposed letters of
/// Vietnamese, which alternate upper and lower case in their blocks.
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    let u = u32::from(c);
    match u {
        0x41..=0x5A => true,
        0..=0x7F => false,
        0xC0..=0xDE => u != 0xD7,
        0xDF..=0xFF => false,
        // Ă ă … Đ đ … Ĩ ĩ: pairs, the capital first.
        0x100..=0x137 | 0x1EA0..=0x1EF9 => u % 2 == 0,
        0x1A0 | 0x1AF => true,
        0x1A1 | 0x1B0 => false,
        _ => c.is_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_are_alphanumeric() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn upper_case() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
        }
        for c in "ẠẢẤẦẨẪẬĂẮẰẲẴẶỆỰỸĐƠƯ".chars() {
            assert!(is_upper(c), "{c}");
        }
        for c in "ạảấầẩẫậăắằẳẵặệựỹđơư".chars() {
            assert!(!is_upper(c), "{c}");
        }
    }

    #[test]
    fn separators() {
        // The whole list, so that a separator added or lost is seen.
        let of = |class: Sep| -> Vec<char> {
            (0u32..0x10000)
                .filter_map(char::from_u32)
                .filter(|&c| sep(c) == class)
                .collect()
        };
        assert_eq!(
            of(Sep::Strong),
            ['\t', '\n', '\r', ',', '/', ';', '\\', '|', '、', '，', '；']
        );
        assert_eq!(
            of(Sep::Weak),
            ['-', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2212}']
        );
        assert_eq!(of(Sep::Open), ['(', '[', '{', '（', '［']);
        assert_eq!(of(Sep::Close), [')', ']', '}', '）', '］']);
        assert_eq!(sep(','), Sep::Strong);
        assert_eq!(sep('–'), Sep::Weak);
        assert_eq!(sep('('), Sep::Open);
        assert_eq!(sep(']'), Sep::Close);
        assert_eq!(sep('.'), Sep::None);
        assert!(is_hard_break('('));
        assert!(!is_hard_break('-'));
    }
}
