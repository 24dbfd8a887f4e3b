//! An input as the parser reads it: [`repair`]ed, then [`normalize`]d, with the way
//! back to the input's own byte offsets, so that the parts of it a result reports
//! (the street part, remarks) are the input's, verbatim.

use std::borrow::Cow;

use super::invisible::{action, normalize, Action};
use super::repair::repair;
use super::LegacyEncoding;

/// The clean form of an input: nothing when the input is clean already (the usual
/// case, which allocates nothing), else the repaired and the normalised text.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// The input repaired from a legacy encoding, when it was.
    repaired: Option<String>,
    /// The (repaired) input normalised, when that changed it.
    normalized: Option<String>,
    encoding: Option<LegacyEncoding>,
}

impl Cleaned {
    /// Cleans `input` ([`clean`](super::clean), in two steps kept apart).
    pub(crate) fn new(input: &str) -> Cleaned {
        let r = repair(input);
        let encoding = r.encoding();
        let repaired = match r.into_text() {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s),
        };
        let normalized = match normalize(repaired.as_deref().unwrap_or(input)) {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s),
        };
        Cleaned {
            repaired,
            normalized,
            encoding,
        }
    }

    /// Whether the input needed no cleaning.
    pub(crate) fn is_clean(&self) -> bool {
        self.repaired.is_none() && self.normalized.is_none()
    }

    /// The legacy encoding the input was repaired from, if it was.
    pub(crate) fn encoding(&self) -> Option<LegacyEncoding> {
        self.encoding
    }

    /// The text to parse: `input` cleaned.
    pub(crate) fn text<'s>(&'s self, input: &'s str) -> &'s str {
        self.normalized
            .as_deref()
            .or(self.repaired.as_deref())
            .unwrap_or(input)
    }

    /// The byte offset in `input` of byte offset `at` of the [`text`](Self::text),
    /// at a character boundary of both. Exact where the text changed characters one
    /// for one or deleted them; where a repair joined bytes into letters, the
    /// punctuation, spaces and digits, which it keeps, are the landmarks: an offset
    /// at a word's start or end maps to that word's start or end.
    pub(crate) fn to_input(&self, input: &str, at: usize) -> usize {
        let r = match &self.normalized {
            Some(n) => normalized_to_source(self.repaired.as_deref().unwrap_or(input), n, at),
            None => at,
        };
        match &self.repaired {
            Some(repaired) => repaired_to_input(input, repaired, r),
            None => r.min(input.len()),
        }
    }
}

/// The offset in `source` of offset `at` of `normalize(source)` (`normalized`):
/// each character of `source` becomes none or one character of it.
fn normalized_to_source(source: &str, normalized: &str, at: usize) -> usize {
    if at >= normalized.len() {
        return source.len();
    }
    let mut out = 0;
    for (i, c) in source.char_indices() {
        crate::work::add(1);
        if out >= at {
            return i;
        }
        out += match action(c) {
            Action::Keep => c.len_utf8(),
            Action::Delete => 0,
            Action::Replace(r) => r.len_utf8(),
        };
    }
    source.len()
}

/// Whether `c` is kept by a repair as it is, and so marks a place in both texts:
/// ASCII other than letters (spaces, punctuation, digits).
fn landmark(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_alphabetic()
}

/// The offset in `input` of offset `at` of `repaired`, its repair.
fn repaired_to_input(input: &str, repaired: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    if at >= repaired.len() {
        return input.len();
    }
    let count = |s: &str| s.chars().filter(|&c| landmark(c)).count();
    crate::work::add(input.len() + repaired.len());
    if count(input) != count(repaired) {
        // Not the same landmarks (no repair does that): the same character count.
        let n = repaired[..at].chars().count();
        return input.char_indices().nth(n).map_or(input.len(), |(i, _)| i);
    }
    let before = count(&repaired[..at]);
    let on_landmark = repaired[at..].chars().next().is_some_and(landmark);
    // On a landmark: that landmark; else the start of the word it is in (just after
    // the landmark before it, or the start).
    let mut seen = 0;
    for (i, c) in input.char_indices() {
        if landmark(c) {
            if on_landmark && seen == before {
                return i;
            }
            seen += 1;
            if !on_landmark && seen == before {
                return i + c.len_utf8();
            }
        }
    }
    if before == 0 {
        0
    } else {
        input.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The input's offset of the text's first byte of `word`.
    fn start_of(input: &str, word: &str) -> (usize, String) {
        let c = Cleaned::new(input);
        let text = c.text(input).to_owned();
        let at = text.find(word).unwrap();
        let i = c.to_input(input, at);
        (i, input[i..].to_owned())
    }

    #[test]
    fn clean_input_is_kept() {
        let c = Cleaned::new("12 Lê Lợi, Phường Sài Gòn");
        assert!(c.is_clean());
        assert_eq!(
            c.text("12 Lê Lợi, Phường Sài Gòn"),
            "12 Lê Lợi, Phường Sài Gòn"
        );
        assert_eq!(c.to_input("12 Lê Lợi, Phường Sài Gòn", 5), 5);
    }

    #[test]
    fn offsets_map_back_through_normalize() {
        let input = "Số\u{A0}7, Xã Long Thành, T\u{200B}ỉnh Đồng Nai";
        let (i, tail) = start_of(input, "Xã");
        assert_eq!(tail, "Xã Long Thành, T\u{200B}ỉnh Đồng Nai");
        assert_eq!(&input[..i], "Số\u{A0}7, ");
        let (_, tail) = start_of(input, "Đồng");
        assert_eq!(tail, "Đồng Nai");
    }

    #[test]
    fn offsets_map_back_through_a_repair() {
        let input = "Soá 7, Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai";
        let c = Cleaned::new(input);
        assert_eq!(c.encoding(), Some(LegacyEncoding::Vni));
        assert_eq!(
            c.text(input),
            "Số 7, Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai"
        );
        let (i, tail) = start_of(input, "Xã");
        assert_eq!(tail, "Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai");
        assert_eq!(&input[..i], "Soá 7, ");
        // On a landmark: the same one.
        let text = c.text(input);
        let comma = text.find(',').unwrap();
        assert_eq!(&input[c.to_input(input, comma)..][..1], ",");
        assert_eq!(c.to_input(input, text.len()), input.len());
    }
}
