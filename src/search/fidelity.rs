//! Diacritic fidelity: how well the diacritics a query writes agree with a name's,
//! letter by letter, to tell apart names that fold alike.

use std::ops::Range;

use crate::text::letters::{letters, name_letter_at, name_letter_before, name_letters};
use crate::text::marks::TONES;
use crate::text::tokenize::Words;

const MAX_LETTERS: usize = 48;

/// The letters of a name or query with their diacritics, for [`Diacritics::fidelity`].
#[derive(Clone)]
pub(crate) struct Diacritics {
    base: [u8; MAX_LETTERS],
    marks: [u16; MAX_LETTERS],
    len: usize,
    /// Letters with diacritics.
    pub(crate) marked: u16,
    /// The text these letters come from has diacritics somewhere, so a letter
    /// written without them is written so on purpose.
    pub(crate) intentional: bool,
}

impl Diacritics {
    fn new() -> Diacritics {
        Diacritics {
            base: [0; MAX_LETTERS],
            marks: [0; MAX_LETTERS],
            len: 0,
            marked: 0,
            intentional: false,
        }
    }

    fn push(&mut self, b: u8, m: u16) {
        if self.len < MAX_LETTERS {
            self.base[self.len] = b;
            self.marks[self.len] = m;
            self.len += 1;
            self.marked += u16::from(m != 0);
        }
    }

    /// The letters of `words[range]` of `input`.
    pub(crate) fn of_words(input: &str, words: &Words, range: Range<usize>) -> Diacritics {
        let mut d = Diacritics::new();
        if input.is_ascii() {
            return d;
        }
        d.intentional = true;
        if range.is_empty() {
            return d;
        }
        // The words and what separates them: separators end words in `letters` too.
        let text = &input[words.word(range.start).start..words.word(range.end - 1).end];
        letters(text, |b, m| {
            d.push(b, m);
            true
        });
        d
    }

    /// The largest fidelity any name can have.
    pub(crate) fn max(&self) -> i16 {
        self.marked as i16
    }

    /// How well the diacritics of this query agree with `name`, letter by letter: +1
    /// for each letter where they agree and either has diacritics, −1 where they
    /// differ. Letters are aligned from the start and, after the first letter that
    /// differs (a typo), from the end. A syllable's tone counts once, wherever it is
    /// placed (`Hoà` = `Hòa`). 0 when the text has no diacritics at all.
    ///
    /// The letters of the name are each letter with its diacritics but the tone, and
    /// after each word a letter of its own (base 0) for the word's tone. Every such
    /// letter has a byte position in the name, increasing along the sequence: its
    /// character's, or for a tone the end of its word. From the start this reads the
    /// name only as far as the query's letters go; the alignment from the end reads
    /// the name backwards, from its last word, and stops at the position where the
    /// letters first differed. (A test checks this against the plain reading of the
    /// whole name, `Diacritics::fidelity_reference`.)
    pub(crate) fn fidelity(&self, name: &str) -> i16 {
        if !self.intentional {
            return 0;
        }
        // From the start, while the letters agree: `stop` is the position of the first
        // letter that differs, letter `i` of both.
        let s = name.as_bytes();
        let mut score = 0i16;
        let mut i = 0;
        let mut in_word = false;
        let mut tone = 0u16;
        let mut p = 0;
        let stop = 'forward: loop {
            // A run of ASCII letters: no diacritics (and no tone). (Bytes from 0x80 on
            // stay above `z` with 0x20 set.)
            while let Some(&c) = s.get(p) {
                let l = c | 0x20;
                if !l.is_ascii_lowercase() {
                    break;
                }
                if i >= self.len {
                    return score;
                }
                if self.base[i] != l {
                    break 'forward p;
                }
                score -= i16::from(self.marks[i] != 0);
                i += 1;
                p += 1;
                in_word = true;
            }
            let Some(&c0) = s.get(p) else {
                // The tone of the last word, at the end.
                if !in_word || i >= self.len {
                    return score;
                }
                if self.base[i] == 0 {
                    return score + agreement(self.marks[i], tone);
                }
                break s.len();
            };
            let at = p;
            let letter = if c0 < 0x80 {
                p += 1;
                None
            } else {
                let (letter, width) = name_letter_at(s, p);
                p += width;
                letter
            };
            let (b, m) = match letter {
                Some((b, m)) => {
                    tone |= m & TONES;
                    in_word = true;
                    (b, m & !TONES)
                }
                None if in_word => {
                    in_word = false;
                    (0, std::mem::take(&mut tone))
                }
                None => continue,
            };
            if i >= self.len {
                return score;
            }
            if self.base[i] != b {
                break at;
            }
            score += agreement(self.marks[i], m);
            i += 1;
        };
        // A typo: the rest from the end. The name's letters from `i` on are those at
        // `stop` or after. A name of 47 bytes or fewer has at most 48 letters (a letter
        // per character and a tone per word), all of which a `Diacritics` would hold;
        // a longer one is read whole into one, so that the cap applies the same.
        if name.len() >= MAX_LETTERS {
            return score + self.tail_from_end(name, i);
        }
        let mut qi = self.len;
        let mut end = s.len();
        loop {
            // The last word before `end`: where it ends and starts, and its tone.
            let word_end = loop {
                if end == 0 {
                    return score;
                }
                match name_letter_before(s, end) {
                    (_, Some(_)) => break end,
                    (at, None) => end = at,
                }
            };
            let mut start = word_end;
            let mut tone = 0u16;
            while start > 0 {
                match name_letter_before(s, start) {
                    (at, Some((_, m))) => {
                        tone |= m & TONES;
                        start = at;
                    }
                    (_, None) => break,
                }
            }
            // Its tone, at the word's end, then its letters backwards.
            if qi <= i || word_end < stop || self.base[qi - 1] != 0 {
                return score;
            }
            qi -= 1;
            score += agreement(self.marks[qi], tone);
            let mut at = word_end;
            while at > start {
                // Every character of the word is a letter.
                let (from, letter) = name_letter_before(s, at);
                let (b, m) = letter.unwrap_or_default();
                if qi <= i || from < stop || self.base[qi - 1] != b {
                    return score;
                }
                qi -= 1;
                score += agreement(self.marks[qi], m & !TONES);
                at = from;
            }
            end = start;
        }
    }

    /// The alignment from the end for a long name: every letter of the name read
    /// into a `Diacritics` (at most `MAX_LETTERS`), then compared backwards down to
    /// letter `i`.
    #[cold]
    fn tail_from_end(&self, name: &str, i: usize) -> i16 {
        let mut n = Diacritics::new();
        name_letters(name, |b, m| {
            n.push(b, m);
            true
        });
        self.agreement_from_end(&n, i)
    }

    /// [`Diacritics::fidelity`] computed plainly: every letter of the name read, then
    /// aligned from the start and from the end.
    #[cfg(test)]
    fn fidelity_reference(&self, name: &str) -> i16 {
        if !self.intentional {
            return 0;
        }
        let mut score = 0i16;
        let mut i = 0;
        let mut stopped = false;
        name_letters(name, |b, m| {
            if i >= self.len {
                return false;
            }
            if self.base[i] != b {
                stopped = true;
                return false;
            }
            score += agreement(self.marks[i], m);
            i += 1;
            true
        });
        if !stopped || i >= self.len {
            return score;
        }
        let mut n = Diacritics::new();
        name_letters(name, |b, m| {
            n.push(b, m);
            true
        });
        if i >= n.len {
            return score;
        }
        score + self.agreement_from_end(&n, i)
    }

    /// The diacritics' agreement of the letters this query and `n` share at their
    /// ends, aligned from the end and stopping at the first difference or at letter
    /// `i` (where the alignment from the start stopped).
    fn agreement_from_end(&self, n: &Diacritics, i: usize) -> i16 {
        let mut score = 0;
        let (mut qi, mut ni) = (self.len, n.len);
        while qi > i && ni > i && self.base[qi - 1] == n.base[ni - 1] {
            qi -= 1;
            ni -= 1;
            score += agreement(self.marks[qi], n.marks[ni]);
        }
        score
    }
}

/// How two letters' diacritics agree: +1 the same (and some), −1 different, 0 none.
#[inline(always)]
fn agreement(a: u16, b: u16) -> i16 {
    match (a == b, a | b) {
        (_, 0) => 0,
        (true, _) => 1,
        (false, _) => -1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy;

    #[test]
    fn fidelity() {
        let q = |s: &str| Diacritics::of_words(s, &Words::new(s), 0..Words::new(s).len());
        assert_eq!(q("hoa binh").fidelity("Hòa Bình"), 0);
        assert_eq!(q("Hòa Bình").fidelity("Hòa Bình"), 2);
        assert_eq!(q("Hòa Bình").fidelity("Hoà Bình"), 2);
        assert_eq!(q("Hoà Bình").fidelity("Hòa Bình"), 2);
        assert_eq!(q("Hòa Bình").fidelity("Hóa Bình"), 0);
        assert_eq!(q("Hòa Binh").fidelity("Hòa Bình"), 0);
        assert_eq!(q("Ba Đình").fidelity("Ba Đình"), 2);
        assert_eq!(q("Ba Đình").fidelity("Bà Đình"), 1);
        assert_eq!(q("Cẩm Giàng").fidelity("Cẩm Giang"), 1);
        assert_eq!(q("Cẩm Giàng").fidelity("Cẩm Giàng"), 3);
        // Decomposed input.
        assert_eq!(q("Ho\u{300}a Bi\u{300}nh").fidelity("Hòa Bình"), 2);
        // A typo: aligned from both ends.
        assert_eq!(q("Hòa Bìnnh").fidelity("Hòa Bình"), 2);
        // A prefix.
        assert_eq!(q("Tân").fidelity("Tân Phú"), 1);
        assert_eq!(q("Tân").fidelity("Tản Lĩnh"), -2);
    }

    /// The fidelity read from both ends of the name equals the plain reading of every
    /// letter, for queries made from the names (whole, cut short, with a typo, with
    /// other diacritics) against names that share their start and a spread of others.
    #[test]
    fn fidelity_equals_reference() {
        let mut names: Vec<&str> = crate::Province::all().iter().map(|u| u.name()).collect();
        names.extend(crate::Commune::all().iter().map(|u| u.name()));
        names.extend(legacy::Province::all().iter().map(|u| u.name()));
        names.extend(legacy::District::all().iter().map(|u| u.name()));
        names.extend(legacy::Commune::all().iter().map(|u| u.name()));
        // Long names (more letters than a `Diacritics` holds, or nearly), and names
        // with digits, punctuation or no letters.
        names.extend([
            "Văn Miếu - Quốc Tử Giám Văn Miếu - Quốc Tử Giám",
            "Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bìn",
            "Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bình",
            "Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bình",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Phường 1",
            "1",
            "",
            " - ",
            "Ea H'leo",
            "Đắk Lắk - ",
            "Thị trấn Nông trường Mộc Châu",
        ]);
        names.sort_unstable();
        names.dedup();
        let step = if cfg!(debug_assertions) { 11 } else { 3 };
        let mut checked = 0;
        for (at, src) in names.iter().enumerate().step_by(step) {
            let chars: Vec<char> = src.chars().collect();
            let mut queries = vec![src.to_string(), src.to_uppercase()];
            for n in [1, 2, 3, 4, 5, 6, 8, 10, 12] {
                queries.push(chars.iter().take(n).collect());
            }
            for i in (0..chars.len()).step_by(3) {
                // A letter dropped, and one written with other diacritics.
                let mut v = chars.clone();
                v.remove(i);
                queries.push(v.iter().collect());
                let mut v = chars.clone();
                v[i] = match v[i] {
                    'a' => 'à',
                    'à' | 'á' | 'ạ' => 'a',
                    'o' => 'ô',
                    'ô' => 'ộ',
                    'ư' => 'u',
                    'u' => 'ú',
                    'đ' => 'd',
                    'n' => 'ñ',
                    c => c,
                };
                queries.push(v.iter().collect());
                queries.push(v.iter().take(i + 2).collect());
            }
            queries.push(format!("{src} {src}"));
            queries.push(format!("Ho\u{300}a {src}"));
            let near = &names[at.saturating_sub(12)..(at + 12).min(names.len())];
            for q in &queries {
                let words = Words::new(q);
                let d = Diacritics::of_words(q, &words, 0..words.len());
                for name in near.iter().chain(names.iter().step_by(389)) {
                    assert_eq!(
                        d.fidelity(name),
                        d.fidelity_reference(name),
                        "query {q:?}, name {name:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }
}
