//! Character classes of addresses: letters and digits, and the separators that end a
//! segment. (The diacritics are `marks.rs`; the words, `vocab.rs`.)

/// The separators that end a segment of an address (a comma and what people write
/// instead of one), as a pattern: the one list, for [`is_hard_break`] and
/// [`is_segment_end`].
macro_rules! hard_breaks {
    () => {
        ',' | ';' | '\n' | '\r' | '|' | '\t' | '/' | '\\' | '，' | '、' | '；'
    };
}

/// Whether `c` ends a segment of an address: "12 Lê Lợi, P. Bến Nghé" has two. (The
/// tokenizer makes one exception: a slash between digits is part of a house number,
/// "18/3".)
#[inline]
pub(crate) fn is_hard_break(c: char) -> bool {
    matches!(c, hard_breaks!())
}

/// Whether `c` ends the segment of the deepest unit when translation tells homonyms
/// apart by their diacritics: a [hard break](is_hard_break) but `\\` and `；`, which
/// that segment has never ended at. (A drift from the tokenizer's list, kept so that
/// answers do not change; it goes when the separators are revised.)
#[inline]
pub(crate) fn is_segment_end(c: char) -> bool {
    matches!(c, hard_breaks!()) && !matches!(c, '\\' | '；')
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
mod tests {
    use super::*;

    #[test]
    fn separators() {
        let breaks: Vec<char> = (0u32..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| is_hard_break(c))
            .collect();
        assert_eq!(
            breaks,
            ['\t', '\n', '\r', ',', '/', ';', '\\', '|', '、', '，', '；']
        );
        let ends: Vec<char> = breaks.into_iter().filter(|&c| is_segment_end(c)).collect();
        assert_eq!(ends, ['\t', '\n', '\r', ',', '/', ';', '|', '、', '，']);
    }

    #[test]
    fn latin_letters_are_alphanumeric() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
