//! Character classes of addresses: letters and digits, and the separators that end a
//! segment.

pub(crate) fn is_hard_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '\n' | '\r' | '|' | '\t' | '/' | '\\' | '，' | '、' | '；'
    )
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

#[cfg(test)]
mod alnum_tests {
    #[test]
    fn latin_letters_are_alphanumeric() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
