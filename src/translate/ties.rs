//! Homonyms that nothing in an address tells apart: the readings tied with the best
//! one, and the diacritics of the input that may still tell them apart.

use super::{Address, Reading};
use crate::rank;

/// The readings that explain the address as well as the best one: the best alone
/// unless the address is ambiguous.
///
/// When the address is ambiguous the parser lists the tied readings first; they are
/// the leading readings of the best one's structure, edits and street part (what
/// follows them, if anything, is a reading in the other structure). Their levels may
/// differ: two readings that each overrule a unit of the other ("Phường Bến Nghé,
/// Quận 3": the ward of Quận 1, or Quận 3) tie. Among ties whose names differ only in diacritics (Xã Minh Quán and Xã Minh
/// Quân of one district), those whose official name the input writes letter for
/// letter are kept, when some but not all are: the diacritics the writer typed tell
/// them apart.
pub(super) fn tied_readings<'r, 'a>(parsed: &'r Address<'a>) -> Tied<'r, 'a> {
    let all = parsed.readings();
    let best = &all[0];
    if !parsed.is_ambiguous() {
        return Tied {
            readings: &all[..1],
            segment: None,
        };
    }
    let n = all.iter().take_while(|r| rank::tied(best, r)).count();
    let mut tied = Tied {
        readings: &all[..n],
        segment: None,
    };
    // Homonyms (of one level) may differ in their diacritics only.
    let level = best.deepest().level();
    if n > 1 && all[..n].iter().all(|r| r.deepest().level() == level) {
        // Homonyms of one name ("Phường 1" in dozens of districts): the input writes
        // all of them or none, and all are kept either way.
        let name = best.deepest().name();
        if all[..n].iter().all(|r| r.deepest().name() == name) {
            return tied;
        }
        tied.segment = first_unit_segment(parsed.input(), best.rest());
        if tied.kept().next().is_none() {
            tied.segment = None;
        }
    }
    tied
}

/// The readings tied with the best one; those kept are the ones whose name the
/// input's `segment` writes with its diacritics, or all when there is no `segment`.
pub(super) struct Tied<'r, 'a> {
    readings: &'r [Reading<'a>],
    segment: Option<&'a str>,
}

impl<'r, 'a> Tied<'r, 'a> {
    pub(super) fn kept(&self) -> impl Iterator<Item = &'r Reading<'a>> + '_ {
        // Homonyms share their name: "Phường 1" tied in dozens of districts is
        // compared once, not once per reading.
        let mut last: Option<(&'static str, bool)> = None;
        self.readings.iter().filter(move |r| {
            let Some(s) = self.segment else {
                return true;
            };
            let name = r.deepest().name();
            match last {
                Some((n, kept)) if n == name => kept,
                _ => {
                    let kept = contains_name(s, name);
                    last = Some((name, kept));
                    kept
                }
            }
        })
    }
}

/// The deepest unit's part of the input: from the end of the street part `rest` (a
/// slice of `input`) to the next comma or similar break. `None` when the input has no
/// diacritics (nothing to tell homonyms apart by).
pub(super) fn first_unit_segment<'a>(input: &'a str, rest: &str) -> Option<&'a str> {
    if input.is_ascii() {
        return None;
    }
    let offset = (rest.as_ptr() as usize)
        .checked_sub(input.as_ptr() as usize)
        .filter(|o| o + rest.len() <= input.len())
        .map_or(0, |o| o + rest.len());
    let tail =
        input[offset..].trim_start_matches(|c: char| !crate::text::chars::is_alphanumeric(c));
    let end = tail
        .find(crate::text::chars::is_hard_break)
        .unwrap_or(tail.len());
    Some(&tail[..end])
}

/// The words of `s`: runs of letters, digits and combining marks.
pub(super) fn words(s: &str) -> impl Iterator<Item = &str> + Clone {
    use unicode_normalization::char::is_combining_mark;
    s.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .filter(|w| !w.is_empty())
}

/// Whether two words have the same letters and diacritics in any case, wherever the
/// tone mark sits: the old and the new tone placement are the same word ("Hoà" =
/// "Hòa", "Thuỷ" = "Thủy"), as they are in the official names, which use both.
pub(super) fn same_word(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    crate::work::add(a.len() + b.len());
    use crate::text::marks::TONE_CHARS as TONES;
    let tones = |w: &str| {
        let mut n = [0u8; 5];
        for c in w.nfd() {
            if let Some(i) = TONES.iter().position(|&t| t == c) {
                n[i] = n[i].saturating_add(1);
            }
        }
        n
    };
    let letters_a = a.nfd().flat_map(char::to_lowercase);
    let letters_b = b.nfd().flat_map(char::to_lowercase);
    tones(a) == tones(b)
        && letters_a
            .filter(|c| !TONES.contains(c))
            .eq(letters_b.filter(|c| !TONES.contains(c)))
}

/// Whether the words of `segment` contain the words of `name` in a row, with the
/// same letters and diacritics (see [`same_word`]). Allocates nothing.
pub(super) fn contains_name(segment: &str, name: &str) -> bool {
    let name_words = words(name);
    let n = name_words.clone().count();
    if n == 0 {
        return false;
    }
    let mut seg = words(segment);
    loop {
        let here = seg.clone();
        if here.clone().take(n).count() < n {
            return false;
        }
        if here.zip(name_words.clone()).all(|(a, b)| same_word(a, b)) {
            return true;
        }
        seg.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_does_not_matter() {
        assert!(contains_name("Hoà Bình", "Hòa Bình"));
        assert!(contains_name("SƠN THUỶ", "sơn thủy"));
        assert!(contains_name("Ho\u{300}a", "Hoà"));
        assert!(!contains_name("Minh Quán", "Minh Quân"));
        assert!(!contains_name("Sa Pả", "Sa Pa"));
        assert!(!contains_name("Hòa", "Hoa"));
        assert!(same_word("Hoà", "hòa"));
        assert!(!same_word("Hoa", "Hoan"));
        assert!(!same_word("Hoàn", "Hoa"));
        assert_eq!(
            words("H’ Neng, (Đắk)").collect::<Vec<_>>(),
            ["H", "Neng", "Đắk"]
        );
        let seg = "phường sa pả";
        assert!(contains_name(seg, "Sa Pả"));
        assert!(!contains_name(seg, "Sa Pa"));
        assert!(!contains_name(seg, ""));
        assert!(!contains_name("sa", "Sa Pả"));
        assert!(contains_name("x sa pả y", "Sa Pả"));
        let input = "12 Lê Lợi, Xã Sơn Thủy, Huyện X";
        let seg = first_unit_segment(input, &input[..input.find(',').unwrap()]).unwrap();
        assert_eq!(seg, "Xã Sơn Thủy");
        assert!(contains_name(seg, "Sơn Thuỷ"));
        assert!(first_unit_segment("xa son thuy", "").is_none());
    }
}
