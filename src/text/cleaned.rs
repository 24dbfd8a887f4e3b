//! An input as the parser reads it: [`repair`]ed, then [`normalize`]d, with the way
//! back to the input's own byte offsets, so that the parts of it a result reports
//! (the street part, remarks) are the input's, verbatim.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::invisible::{action, normalize, untouched, Action};
use super::repair::{maybe_mojibake, repair, second_reading};
use super::LegacyEncoding;

/// The clean form of an input: nothing when the input is clean already (the usual
/// case, which allocates nothing), else the repaired and the normalised text, and
/// (made when first needed) the maps from their offsets back to the input's.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// The input repaired from a legacy encoding, when it was.
    repaired: Option<String>,
    /// The (repaired) input normalised, when that changed it.
    normalized: Option<String>,
    encoding: Option<LegacyEncoding>,
    /// (offset in the normalised text, offset in its source) right after each
    /// character normalize changed.
    normalized_map: OnceCell<Vec<(usize, usize)>>,
    /// The repair's landmarks: (offset in the repaired text, offset in the input) of
    /// each; or, when the landmarks differ, of each character.
    repaired_map: OnceCell<Landmarks>,
}

/// The places a repaired text and its input have in common.
#[derive(Debug)]
struct Landmarks {
    /// (offset in the repaired text, offset in the input), in order.
    at: Vec<(usize, usize)>,
    /// Every character is one (the landmarks differ: characters are matched one for
    /// one instead).
    chars: bool,
}

impl Cleaned {
    /// Cleans `input` ([`clean`](super::clean), in two steps kept apart).
    pub(crate) fn new(input: &str) -> Cleaned {
        if untouched(input) {
            crate::work::add(input.len());
            return Cleaned::default();
        }
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
            ..Cleaned::default()
        }
    }

    /// Whether `input` may have a [`second_reading`](Self::second_reading): a quick
    /// check (every character a byte of Windows-1252 or Latin-1, not all ASCII).
    pub(crate) fn may_read_otherwise(input: &str) -> bool {
        maybe_mojibake(input)
    }

    /// The input read in the legacy encoding that [`repair`] did not dare to take
    /// (the text is Vietnamese as it is too, or the evidence is one word:
    /// [`second_reading`]), normalised; `None` when there is no such reading.
    pub(crate) fn second_reading(input: &str) -> Option<Cleaned> {
        let (repaired, encoding) = second_reading(input)?;
        let normalized = match normalize(&repaired) {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s),
        };
        Some(Cleaned {
            repaired: Some(repaired),
            normalized,
            encoding: Some(encoding),
            ..Cleaned::default()
        })
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
    ///
    /// The maps are made once, in time linear in the input; each offset is then
    /// found by binary search.
    pub(crate) fn to_input(&self, input: &str, at: usize) -> usize {
        let r = match &self.normalized {
            Some(n) => {
                let source = self.repaired.as_deref().unwrap_or(input);
                let map = self.normalized_map.get_or_init(|| normalized_map(source));
                if at >= n.len() {
                    source.len()
                } else {
                    // The last change at or before `at`; unchanged characters after it.
                    let k = map.partition_point(|&(o, _)| o <= at);
                    match k {
                        0 => at,
                        _ => map[k - 1].1 + (at - map[k - 1].0),
                    }
                }
            }
            None => at,
        };
        match &self.repaired {
            Some(repaired) => {
                let map = self.repaired_map.get_or_init(|| landmarks(input, repaired));
                repaired_to_input(input, repaired, map, r)
            }
            None => r.min(input.len()),
        }
    }
}

impl Cleaned {
    /// The range of `input` that range `r` of the [`text`](Self::text) came from:
    /// [`to_input`](Self::to_input) of both ends, without the characters the clean-up
    /// deleted (invisible ones) at its end, so that a reported part ends where its
    /// last character does: "36114" of "…36114\u{AD}" is those five digits.
    pub(crate) fn range_to_input(&self, input: &str, r: Range<usize>) -> Range<usize> {
        let start = self.to_input(input, r.start);
        let end = self.to_input(input, r.end).max(start);
        if self.normalized.is_none() {
            return start..end;
        }
        match input.get(start..end) {
            Some(part) => {
                let kept = part.trim_end_matches(|c| matches!(action(c), Action::Delete));
                start..start + kept.len()
            }
            None => start..end,
        }
    }
}

/// [`Cleaned::normalized_map`] of `source`.
fn normalized_map(source: &str) -> Vec<(usize, usize)> {
    crate::work::add(source.len());
    let mut map = Vec::new();
    let mut out = 0;
    for (i, c) in source.char_indices() {
        let (len, changed) = match action(c) {
            Action::Keep => (c.len_utf8(), false),
            Action::Delete => (0, true),
            Action::Replace(r) => (r.len_utf8(), true),
        };
        out += len;
        if changed {
            map.push((out, i + c.len_utf8()));
        }
    }
    map
}

/// Whether `c` is kept by a repair as it is, and so marks a place in both texts:
/// ASCII other than letters (spaces, punctuation, digits).
fn landmark(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_alphabetic()
}

/// [`Cleaned::repaired_map`] of `input` and `repaired`, its repair.
fn landmarks(input: &str, repaired: &str) -> Landmarks {
    crate::work::add(input.len() + repaired.len());
    let marks = |s: &str| {
        s.char_indices()
            .filter(|&(_, c)| landmark(c))
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let (a, b) = (marks(repaired), marks(input));
    if a.len() == b.len() {
        return Landmarks {
            at: a.into_iter().zip(b).collect(),
            chars: false,
        };
    }
    // Not the same landmarks (no repair does that): the same character count.
    Landmarks {
        at: repaired
            .char_indices()
            .map(|(i, _)| i)
            .zip(input.char_indices().map(|(i, _)| i))
            .collect(),
        chars: true,
    }
}

/// The offset in `input` of offset `at` of `repaired`, its repair, by the landmarks.
fn repaired_to_input(input: &str, repaired: &str, marks: &Landmarks, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    if at >= repaired.len() {
        return input.len();
    }
    let at_mark = |k: usize| marks.at.get(k).is_some_and(|&(r, _)| r == at);
    // The landmarks before `at`.
    let k = marks.at.partition_point(|&(r, _)| r < at);
    if marks.chars || at_mark(k) {
        // On a landmark (or a character, when they are matched one for one): it.
        return marks.at.get(k).map_or(input.len(), |&(_, i)| i);
    }
    // Else the start of the word `at` is in: just after the landmark before it, or
    // the start.
    match k {
        0 => 0,
        _ => {
            let i = marks.at[k - 1].1;
            i + input[i..].chars().next().map_or(0, char::len_utf8)
        }
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
