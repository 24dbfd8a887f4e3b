//! Detection and repair of VNI-Windows and TCVN3 text that was decoded as
//! Windows-1252 or Latin-1 ("mojibake").

use std::borrow::Cow;

use super::invisible::{action, normalize, untouched, Action};
use super::legacy_encodings::{byte_of, cp1252_char, tcvn3_push, vni_push, LegacyEncoding};
use super::syllable::{is_lenient, is_plain_ascii, is_standard};
use crate::tables::generated as g;
use crate::tables::layout::key_hash;

/// The result of [`repair`] and [`clean`]: the text, and the legacy encoding it was
/// repaired from, if it was.
///
/// ```
/// use dvhc::text::{repair, LegacyEncoding};
///
/// let r = repair("Tænh Ñoàng Nai");
/// assert_eq!(r.text(), "Tỉnh Đồng Nai");
/// assert_eq!(r.encoding(), Some(LegacyEncoding::Vni));
/// assert!(repair("Tỉnh Đồng Nai").encoding().is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired<'a> {
    text: Cow<'a, str>,
    encoding: Option<LegacyEncoding>,
}

impl<'a> Repaired<'a> {
    /// The text, repaired if it needed to be.
    ///
    /// ```
    /// assert_eq!(dvhc::text::repair("Hµ Néi").text(), "Hà Nội");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The legacy encoding the text was repaired from; `None` when it was left as it
    /// was.
    ///
    /// ```
    /// use dvhc::text::{repair, LegacyEncoding};
    /// assert_eq!(repair("Hµ Néi").encoding(), Some(LegacyEncoding::Tcvn3));
    /// assert_eq!(repair("Hà Nội").encoding(), None);
    /// ```
    pub fn encoding(&self) -> Option<LegacyEncoding> {
        self.encoding
    }

    /// The text, borrowed from the input when nothing was changed.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// assert!(matches!(dvhc::text::repair("Hà Nội").into_text(), Cow::Borrowed(_)));
    /// ```
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }
}

/// Repairs text in VNI-Windows or TCVN3 (ABC) that a program decoded as Windows-1252
/// or Latin-1, and says which encoding it was.
///
/// Vietnamese typed with the VNI or ABC fonts of the 1990s–2000s is stored as bytes
/// that Western software shows as `Xaõ Long Thaønh, Tænh Ñoàng Nai` (VNI) or
/// `X· Long Thµnh, TØnh §ång Nai` (TCVN3); government spreadsheets still carry it.
/// `repair` finds the reading of the text that is Vietnamese:
///
/// 1. The text is seen as the bytes it came from (each character one byte of
///    Windows-1252 or Latin-1). Text with any other character is not mojibake and is
///    returned as it is, at once: that is every text with ơ, ư, ă, đ or a letter with
///    a dot below, so correct Vietnamese almost never goes further.
/// 2. Its words (runs of letters; for the legacy readings every byte from 0xA1 up is a
///    letter) are read three ways: as they are, as VNI and as TCVN3.
/// 3. If every word is Vietnamese as it is (the lenient syllable check: minority place
///    names such as `Krông` or `Pơnan` pass) the text is left alone: genuine
///    Vietnamese that happens to be all Latin-1 (`Hòa Bình`) is never touched.
/// 4. A legacy reading counts when every word it gives is a standard Vietnamese
///    syllable — initial, rime from the closed list, tone on the right vowel, only sắc
///    or nặng on a stop final — or a word of an official place name. When both
///    readings count, the one whose words are all place-name words wins, and if that
///    does not decide, nothing is repaired. When neither counts, a reading of three
///    words or more, all acceptable but one and two of them place-name words (a
///    typo: `Phöôøng Thaûo Ñieànn, TP Thuû Ñöùc` is Phường Thảo Điềnn, TP Thủ Đức),
///    is taken if it is the only one.
/// 5. Evidence against: nothing is repaired when the text has as many ASCII words
///    that are not Vietnamese (`carte`, `Street`) as words to repair; a text whose
///    only word to repair has a single non-ASCII character is repaired only when that
///    word is a place-name word and another word is Vietnamese or a number (`où`
///    alone would read as VNI `ó`; `Quaän 1` and `Phöôøng 12` are repaired).
///
/// TCVN3 has no capitals with tones (capital-only fonts drew small-letter codes as
/// capitals), so a TCVN3 text with no ASCII small letter and two words with two ASCII
/// capitals each is taken to be in capitals: `THµNH PHè Hµ NéI` → `THÀNH PHỐ HÀ NỘI`. A repaired text also loses the
/// zero-width characters [`normalize`] deletes (except U+00AD, which is TCVN3's ư).
///
/// Text with a reading that is itself plausible Vietnamese cannot be told apart from
/// it and is left alone: TCVN3 `An Phó` is `An Phú`, but `An Phó` is Vietnamese too.
/// With a kind word (`X· An Phó`) or more words there is almost always evidence. (The
/// address parser goes one step further: when such a text does not read well as it
/// is, it also reads the legacy reading, and takes it if that reads better, as VNI
/// `TP. Hoà Chí Minh` does.)
/// Bytes already lost to a UTF-8 decoder (U+FFFD) cannot be repaired: [`decode`] the
/// original bytes instead.
///
/// Time is linear in the input; correct Vietnamese costs one pass over the characters
/// up to its first non-Latin-1 letter, and does not allocate. Never panics.
///
/// [`decode`]: super::decode
///
/// ```
/// use dvhc::text::{repair, LegacyEncoding};
///
/// let vni = repair("Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai");
/// assert_eq!(vni.text(), "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai");
/// assert_eq!(vni.encoding(), Some(LegacyEncoding::Vni));
///
/// let tcvn3 = repair("12 Lª Lîi, Ph\u{AD}êng BÕn NghÐ, QuËn 1");
/// assert_eq!(tcvn3.text(), "12 Lê Lợi, Phường Bến Nghé, Quận 1");
/// assert_eq!(tcvn3.encoding(), Some(LegacyEncoding::Tcvn3));
///
/// // Correct Vietnamese, and other languages, are left as they are.
/// for s in ["Hòa Bình", "Ấp Bình Tiền 2", "Müller Straße", "à la carte", "Señor Núñez"] {
///     assert_eq!(repair(s).text(), s);
///     assert_eq!(repair(s).encoding(), None);
/// }
/// ```
pub fn repair(input: &str) -> Repaired<'_> {
    crate::work::add(input.len());
    let unchanged = Repaired {
        text: Cow::Borrowed(input),
        encoding: None,
    };
    // Fast path: ASCII, or a character that is not a byte of Windows-1252 / Latin-1.
    if !maybe_mojibake(input) {
        return unchanged;
    }
    // Vietnamese as it is (checked without allocating): left alone.
    if as_is_vietnamese(input) {
        return unchanged;
    }
    // (A reading identical to the text, as TCVN3 reads some Latin-1 letters as
    // themselves, is no repair.)
    match Mojibake::read(input).and_then(|m| m.repaired()) {
        Some((text, encoding)) if text != input => Repaired {
            text: Cow::Owned(text),
            encoding: Some(encoding),
        },
        _ => unchanged,
    }
}

/// Whether `input` may be legacy-encoded text seen through Windows-1252 or Latin-1:
/// not ASCII, and every character one of their bytes (or [`transparent`]). Looked
/// for from the lead bytes of U+0100 and above: Vietnamese text has one early, at its
/// first ơ, ư, ă, đ or letter with a dot below or hook.
pub(crate) fn maybe_mojibake(input: &str) -> bool {
    !input.is_ascii()
        && input.bytes().enumerate().all(|(i, b)| {
            b < 0xC4
                || input
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .is_none_or(|c| byte_of(c).is_some() || transparent(c))
        })
}

/// The legacy reading of a text that [`repair`] leaves alone, for a caller that
/// checks it: [`repair`] leaves text that is Vietnamese as it is (VNI `TP. Hoà Chí
/// Minh` is TP. Hồ Chí Minh, but "Hoà" is a word too), and one word with one legacy
/// byte (TCVN3 `HuÕ` is Huế), which is weak evidence. The parser tries this only when
/// the text as it is does not read well, and keeps it only when it reads well
/// ([`parse_with`](crate::address::parser::parse_with)); a lone word is taken here
/// when it is a place-name word and the word as written is none (`Hoà` is not read as
/// VNI Hồ). `None` for text without such a reading.
pub(crate) fn second_reading(input: &str) -> Option<(String, LegacyEncoding)> {
    if !maybe_mojibake(input) {
        return None;
    }
    let m = Mojibake::read(input)?;
    m.choose(&m.spans(), true).filter(|(text, _)| text != input)
}

/// [`repair`], then [`normalize`]: the text clean-up to run before parsing. The order
/// matters: TCVN3 seen through Windows-1252 uses U+00AD and U+00D0 as letters.
///
/// ```
/// use dvhc::text::{clean, LegacyEncoding};
/// use std::borrow::Cow;
///
/// let c = clean("Ph\u{AD}êng\u{A0}BÕn NghÐ");
/// assert_eq!(c.text(), "Phường Bến Nghé");
/// assert_eq!(c.encoding(), Some(LegacyEncoding::Tcvn3));
///
/// let c = clean("Xã Long Thành, T\u{200B}ỉnh Đồng Nai");
/// assert_eq!(c.text(), "Xã Long Thành, Tỉnh Đồng Nai");
/// assert_eq!(c.encoding(), None);
/// assert!(matches!(clean("Tỉnh Đồng Nai").into_text(), Cow::Borrowed(_)));
/// ```
pub fn clean(input: &str) -> Repaired<'_> {
    if untouched(input) {
        crate::work::add(input.len());
        return Repaired {
            text: Cow::Borrowed(input),
            encoding: None,
        };
    }
    let Repaired { text, encoding } = repair(input);
    let text = match text {
        Cow::Borrowed(s) => normalize(s),
        Cow::Owned(s) => match normalize(&s) {
            Cow::Borrowed(_) => Cow::Owned(s),
            Cow::Owned(n) => Cow::Owned(n),
        },
    };
    Repaired { text, encoding }
}

/// `true` when every word of `input` with a character beyond ASCII is Vietnamese as
/// it is (lenient syllable check, or a word of an official name): step 3 of
/// [`repair`], on the text itself. Words are as [`Mojibake::words`] sees them (runs of
/// ASCII letters and U+00A1..=U+00FF); a text with a [`transparent`] character, which
/// would join two runs, is left to the full check.
fn as_is_vietnamese(input: &str) -> bool {
    let letter = |c: char| c.is_ascii_alphabetic() || ('\u{A1}'..='\u{FF}').contains(&c);
    !input.chars().any(transparent)
        && input
            .split(|c: char| !letter(c))
            .filter(|w| !w.is_ascii())
            .all(|w| is_lenient(w) || known(w))
}

/// Characters [`normalize`] deletes that stand for no byte: skipped when the text is
/// seen as bytes (U+00AD is a byte, 0xAD, and stays).
fn transparent(c: char) -> bool {
    c != '\u{AD}' && action(c) == Action::Delete
}

/// Text seen as the bytes it was decoded from.
struct Mojibake {
    /// The characters, without the [`transparent`] ones.
    chars: Vec<char>,
    /// Their bytes.
    bytes: Vec<u8>,
    /// How many characters the text had, the transparent ones included.
    input_chars: usize,
}

/// A reading of every word of a text.
struct Reading {
    /// Every word is acceptable.
    valid: bool,
    /// Every word is a word of an official place name.
    known: bool,
    /// The words, in order.
    words: Vec<String>,
    /// Every word is a word of the encoding (each may still be unacceptable).
    decoded: bool,
    /// How many words are neither a standard syllable nor a place-name word.
    bad: usize,
}

impl Reading {
    /// All words but one are acceptable, of three or more, and at least two are
    /// place-name words: a typo in one word of a legacy-encoded address ("Phöôøng
    /// Thaûo Ñieànn, TP Thuû Ñöùc" is Phường Thảo Điềnn, Thủ Đức).
    fn one_typo(&self) -> bool {
        self.decoded
            && self.bad == 1
            && self.words.len() >= 3
            && self.words.iter().filter(|w| known(w)).nth(1).is_some()
    }
}

impl Mojibake {
    /// The text as bytes; `None` for text with a character that is not one byte.
    fn read(input: &str) -> Option<Mojibake> {
        let mut chars = Vec::with_capacity(input.len());
        let mut bytes = Vec::with_capacity(input.len());
        let mut input_chars = 0;
        for c in input.chars() {
            input_chars += 1;
            if !transparent(c) {
                chars.push(c);
                bytes.push(byte_of(c)?);
            }
        }
        Some(Mojibake {
            chars,
            bytes,
            input_chars,
        })
    }

    /// The spans of the words: runs of ASCII letters and bytes from 0xA1 up.
    fn words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0xA1;
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < self.bytes.len() && !letter(self.bytes[i]) {
                i += 1;
            }
            let start = i;
            while i < self.bytes.len() && letter(self.bytes[i]) {
                i += 1;
            }
            (i > start).then_some((start, i))
        })
    }

    /// The repaired text and its encoding, when the evidence is clear.
    ///
    /// A soft hyphen alone right after punctuation ("Long Hưng -\u{AD} Châu Thành")
    /// is the hyphenation mark it is, not TCVN3's "ư": no evidence, and
    /// [`normalize`] deletes it.
    fn repaired(&self) -> Option<(String, LegacyEncoding)> {
        let spans = self.spans();
        // Step 3 for a text with a transparent character, which the fast check
        // leaves here: Vietnamese as it is once they are gone ("Xã An\u{200D} Phú")
        // is left alone.
        if self.chars.len() < self.input_chars
            && spans.iter().all(|&(s, e)| {
                let w: String = self.chars[s..e].iter().collect();
                is_lenient(&w) || known(&w)
            })
        {
            return None;
        }
        self.choose(&spans, false)
    }

    /// The words to repair: those with a byte from 0x80 up, but a lone soft hyphen.
    fn spans(&self) -> Vec<(usize, usize)> {
        let lone_soft_hyphen = |s: usize, e: usize| {
            e - s == 1 && self.bytes[s] == 0xAD && s > 0 && !self.bytes[s - 1].is_ascii_whitespace()
        };
        self.words()
            .filter(|&(s, e)| self.bytes[s..e].iter().any(|&b| b >= 0x80))
            .filter(|&(s, e)| !lone_soft_hyphen(s, e))
            .collect()
    }

    /// The one legacy reading the evidence supports, applied; `None` when there is
    /// none or more than one. With `verified`, the caller checks the reading itself,
    /// and one word with one legacy byte is evidence enough when the word as written
    /// is not one.
    fn choose(&self, spans: &[(usize, usize)], verified: bool) -> Option<(String, LegacyEncoding)> {
        // Written in capitals: no ASCII small letter, and two words with two ASCII
        // capitals each (one such word may be a minority name: `X· SRã` is Xã SRó).
        let all_caps = !self.bytes.iter().any(u8::is_ascii_lowercase)
            && self
                .words()
                .filter(|&(s, e)| {
                    self.bytes[s..e]
                        .iter()
                        .filter(|b| b.is_ascii_uppercase())
                        .count()
                        >= 2
                })
                .nth(1)
                .is_some();
        let vni = self.reading(spans, |w| {
            let mut out = String::with_capacity(w.len() * 2);
            w.iter().all(|&b| vni_push(&mut out, b)).then_some(out)
        });
        let tcvn3 = self.reading(spans, |w| {
            let mut out = String::with_capacity(w.len() * 3);
            w.iter().for_each(|&b| tcvn3_push(&mut out, b));
            Some(if all_caps { out.to_uppercase() } else { out })
        });
        let (reading, encoding) = match (vni.valid, tcvn3.valid) {
            (true, false) => (vni, LegacyEncoding::Vni),
            (false, true) => (tcvn3, LegacyEncoding::Tcvn3),
            (true, true) if vni.known != tcvn3.known => {
                if vni.known {
                    (vni, LegacyEncoding::Vni)
                } else {
                    (tcvn3, LegacyEncoding::Tcvn3)
                }
            }
            // Neither reads cleanly: one with a single typo among place-name words.
            (false, false) => match (vni.one_typo(), tcvn3.one_typo()) {
                (true, false) => (vni, LegacyEncoding::Vni),
                (false, true) => (tcvn3, LegacyEncoding::Tcvn3),
                _ => return None,
            },
            _ => return None,
        };
        // Evidence against: ASCII words that are not Vietnamese, or one lone word
        // that is no place-name word.
        let noise = self
            .words()
            .filter(|&(s, e)| {
                let w = &self.bytes[s..e];
                w.len() >= 2
                    && w.iter().all(u8::is_ascii)
                    && !w.iter().all(u8::is_ascii_uppercase)
                    && std::str::from_utf8(w).is_ok_and(|w| !known(w) && !is_plain_ascii(w))
            })
            .count();
        if noise >= spans.len() {
            return None;
        }
        // One word to repair with one legacy byte is weak evidence (`où` reads as VNI
        // `ó`, a word of the place name Mò Ó): it must be a place-name word, next to a
        // Vietnamese word or a number.
        let weak =
            |&(s, e): &(usize, usize)| self.bytes[s..e].iter().filter(|&&b| b >= 0x80).count() < 2;
        // Where the caller verifies the reading, a lone word is evidence enough
        // when it is a place-name word and the word as written is no word at all
        // (TCVN3 `HuÕ` is Huế; `Hoà`, a word, is not VNI Hồ).
        let as_written = |&(s, e): &(usize, usize)| self.chars[s..e].iter().collect::<String>();
        if spans.len() == 1
            && weak(&spans[0])
            && !(verified && reading.known && !known(&as_written(&spans[0])))
        {
            let vietnamese_ascii = self.words().any(|(s, e)| {
                let w = &self.bytes[s..e];
                w.iter().all(u8::is_ascii)
                    && std::str::from_utf8(w).is_ok_and(|w| known(w) || is_plain_ascii(w))
            });
            let number = self.bytes.iter().any(u8::is_ascii_digit);
            if !reading.known || !(vietnamese_ascii || number) {
                return None;
            }
        }
        let mut out = String::with_capacity(self.bytes.len() * 2);
        let mut at = 0;
        for (&(s, e), word) in spans.iter().zip(&reading.words) {
            self.push_between(&mut out, at, s);
            out.push_str(word);
            at = e;
        }
        self.push_between(&mut out, at, self.chars.len());
        Some((out, encoding))
    }

    /// Appends the characters `s..e` between words: as they are, except that a C1
    /// control (the text came through Latin-1) becomes the Windows-1252 punctuation it
    /// stood for, as [`decode`](super::decode) reads it.
    fn push_between(&self, out: &mut String, s: usize, e: usize) {
        for (&c, &b) in self.chars[s..e].iter().zip(&self.bytes[s..e]) {
            out.push(if ('\u{80}'..='\u{9F}').contains(&c) {
                cp1252_char(b)
            } else {
                c
            });
        }
    }

    /// Reads every word of `spans` with `decode` (`None`: not a word of the encoding).
    fn reading(
        &self,
        spans: &[(usize, usize)],
        decode: impl Fn(&[u8]) -> Option<String>,
    ) -> Reading {
        let mut r = Reading {
            valid: true,
            known: true,
            words: Vec::with_capacity(spans.len()),
            decoded: true,
            bad: 0,
        };
        for &(s, e) in spans {
            let Some(w) = decode(&self.bytes[s..e]) else {
                r.valid = false;
                r.decoded = false;
                return r;
            };
            let k = known(&w);
            r.known &= k;
            if !(k || is_standard(&w)) {
                r.valid = false;
                r.bad += 1;
                // More than one unacceptable word: no reading (see `one_typo`).
                if r.bad > 1 {
                    return r;
                }
            }
            r.words.push(w);
        }
        r
    }
}

/// `true` when `word` (any case) is a word of an official name of either structure,
/// kind words included: a lookup in the generated lexicon (`LEXICON`, the words of
/// every official full name, lower-cased, each once, in byte order; `LEXICON_ENDS`,
/// where each ends; `LEXICON_HASH`, 1 + each word's index at its
/// [`key_hash`](crate::tables::layout::key_hash), linear probing, at most half full,
/// so that an empty slot ends every probe sequence).
pub(super) fn known(word: &str) -> bool {
    let word = word.to_lowercase();
    let mask = g::LEXICON_HASH.len() - 1;
    let mut slot = key_hash(word.as_bytes()) as usize & mask;
    loop {
        match usize::from(g::LEXICON_HASH[slot]) {
            0 => return false,
            i if lexicon_word(i - 1) == word => return true,
            _ => slot = (slot + 1) & mask,
        }
    }
}

/// Word `i` of the lexicon.
#[inline]
fn lexicon_word(i: usize) -> &'static str {
    let ends = &g::LEXICON_ENDS;
    let start = if i == 0 { 0 } else { usize::from(ends[i - 1]) };
    &g::LEXICON[start..usize::from(ends[i])]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexicon as it was built at run time, on first use, before it was
    /// generated: the words of every official full name of both structures,
    /// lower-cased.
    fn lexicon_at_run_time() -> std::collections::HashSet<Box<str>> {
        let mut set = std::collections::HashSet::new();
        let mut add = |name: String| {
            for w in name.split(|c: char| !c.is_alphabetic()) {
                if !w.is_empty() {
                    set.insert(w.to_lowercase().into_boxed_str());
                }
            }
        };
        crate::Province::all()
            .iter()
            .for_each(|u| add(u.full_name().to_string()));
        crate::Commune::all()
            .iter()
            .for_each(|u| add(u.full_name().to_string()));
        crate::legacy::Province::all()
            .iter()
            .for_each(|u| add(u.full_name().to_string()));
        crate::legacy::District::all()
            .iter()
            .for_each(|u| add(u.full_name().to_string()));
        crate::legacy::Commune::all()
            .iter()
            .for_each(|u| add(u.full_name().to_string()));
        set
    }

    /// The generated lexicon holds the words the run-time construction found, each
    /// once, in byte order, and `known` finds each of them in any case and nothing
    /// else.
    #[test]
    fn generated_lexicon_equals_the_run_time_construction() {
        let ends = &g::LEXICON_ENDS;
        let words: Vec<&str> = (0..ends.len()).map(lexicon_word).collect();
        assert_eq!(usize::from(*ends.last().unwrap()), g::LEXICON.len());
        // Every word once in the hash table, which is at most half full.
        let mut slots: Vec<u16> = g::LEXICON_HASH
            .iter()
            .copied()
            .filter(|&s| s != 0)
            .collect();
        slots.sort_unstable();
        assert!(slots.iter().copied().eq(1..=ends.len() as u16));
        assert!(2 * slots.len() <= g::LEXICON_HASH.len());
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        let mut want: Vec<Box<str>> = lexicon_at_run_time().into_iter().collect();
        want.sort_unstable();
        assert_eq!(words, want.iter().map(|w| &**w).collect::<Vec<_>>());
        for w in &want {
            assert!(known(w) && known(&w.to_uppercase()), "{w}");
            let mut shorter = w.chars();
            shorter.next_back();
            for other in [
                format!("{w}x"),
                format!("x{w}"),
                shorter.as_str().to_owned(),
            ] {
                if !want.iter().any(|x| **x == *other) {
                    assert!(!known(&other), "{other}");
                }
            }
        }
        assert!(!known("") && !known("hnoi") && known("Hà") && known("PHƯỜNG"));
    }

    /// The fast path of `clean` (and of the parser's clean-up) is taken only when
    /// the slow path would change nothing; and it is taken for clean Vietnamese.
    #[test]
    fn untouched_agrees_with_repair_and_normalize() {
        let slow = |s: &str| {
            let r = repair(s);
            r.encoding().is_none()
                && matches!(r.text, Cow::Borrowed(_))
                && matches!(normalize(s), Cow::Borrowed(_))
        };
        for u in (0..=0x10FFFF).filter(|u| !(0xD800..=0xDFFF).contains(u)) {
            let Some(c) = char::from_u32(u) else { continue };
            // With a letter beyond Latin-1 before, after, or none; next to a
            // TCVN3-looking word.
            for s in [
                format!("ab{c}cd"),
                format!("Ph\u{AD}êng {c}ư"),
                format!("ế{c}"),
                format!("X· {c} Long Thµnh ơ"),
            ] {
                if untouched(&s) {
                    assert!(slow(&s), "U+{u:04X} in {s:?}");
                }
            }
        }
        for s in [
            "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
            "X. Nàn Xỉn, H. Xín Mần, T. Hà Giang",
            "phuong ben nghe",
            "Xã Đông Hòa",
            "Ấp Ơ Rô",
        ] {
            assert!(untouched(s), "{s}");
        }
        for s in [
            "Hòa Bình",
            "X· Long Thµnh",
            "Xaõ Long Thaønh",
            "Tỉnh\u{A0}Đồng Nai",
        ] {
            assert!(!untouched(s), "{s}");
        }
    }

    #[test]
    fn issue_examples() {
        let r = repair("Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai");
        assert_eq!(r.text(), "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai");
        assert_eq!(r.encoding(), Some(LegacyEncoding::Vni));
        let r = clean("Xã Long Thành, Huyện Long Thành, T\u{200B}ỉnh Đồng Nai");
        assert_eq!(r.text(), "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai");
        assert_eq!(r.encoding(), None);
    }

    /// One typo among place-name words does not hide the encoding; two do, and so
    /// does a typo in genuine Vietnamese that is all Latin-1.
    #[test]
    fn one_typo() {
        let r = repair("Phöôøng Thaûo Ñieànn, TP Thuû Ñöùc, TP.HCM");
        assert_eq!(r.text(), "Phường Thảo Điềnn, TP Thủ Đức, TP.HCM");
        assert_eq!(r.encoding(), Some(LegacyEncoding::Vni));
        let r = repair("Ph\u{AD}êng C¸i KhÕe, QuËn Ninh KiÒu, CÇn Th¬");
        assert_eq!(r.text(), "Phường Cái Khếe, Quận Ninh Kiều, Cần Thơ");
        assert_eq!(r.encoding(), Some(LegacyEncoding::Tcvn3));
        // The other words need only be acceptable (Nè for Né is a syllable).
        let r = repair("Phöôøng Muõi Neø, Thaønh phoá Phan Thieât, Bình Thuaän");
        assert_eq!(r.text(), "Phường Mũi Nè, Thành phố Phan Thiêt, Bình Thuận");
        for s in [
            "Phöôøng Thaûo Ñieànn, TP Thuû Ñöùcc",
            "Hòa Bìnhh, Cô Giang, Hòa Vang",
            "Thaûo Ñieànn",
        ] {
            assert_eq!(repair(s).text(), s, "{s}");
            assert_eq!(repair(s).encoding(), None, "{s}");
        }
    }

    #[test]
    fn tcvn3_capitals() {
        let r = repair("HUYÖN L¹C S¥N");
        assert_eq!(r.text(), "HUYỆN LẠC SƠN");
        assert_eq!(repair("X· SRã").text(), "Xã SRó");
        // One capital is not a capital-only text.
        assert_eq!(repair("Hµ Néi").text(), "Hà Nội");
        assert_eq!(repair("X· A Lï").text(), "Xã A Lù");
        assert_eq!(repair("AL B¸, QUY NH¥N").text(), "AL BÁ, QUY NHƠN");
        assert_eq!(
            repair("AL B¸, QUY NH¥N, B×NH §ÞNH").text(),
            "AL BÁ, QUY NHƠN, BÌNH ĐỊNH"
        );
    }

    #[test]
    fn latin1_view() {
        // The same bytes seen through Latin-1: 0x80-0x9F are C1 controls there. None
        // of them is a letter of VNI or TCVN3, so they only separate words.
        let r = repair("X· Long Thµnh\u{96}TØnh §ång Nai");
        assert_eq!(r.text(), "Xã Long Thành–Tỉnh Đồng Nai");
        let r = repair("X· Long Thµnh – TØnh §ång Nai");
        assert_eq!(r.text(), "Xã Long Thành – Tỉnh Đồng Nai");
    }

    #[test]
    fn invisible_characters_do_not_hide_mojibake() {
        let r = repair("Tæ\u{200B}nh Ñoàng Nai");
        assert_eq!(r.text(), "Tỉnh Đồng Nai");
    }

    #[test]
    fn left_alone() {
        for s in [
            "",
            "Ha Noi",
            "Hòa Bình",
            "Cô Giang",
            "où",
            "hån",
            "Loïc Dupont",
            "Vincom Center, QuËn",
            "naïve café",
            "Ñandú",
            "Ea H’Leo",
            // Vietnamese as it is once the invisible characters are gone (read as
            // VNI "Xó An Phỳ" before).
            "\u{FEFF}Xã An Phú",
            "Xã An\u{200D} Phú",
            "\u{FFFD}\u{FFFD} N\u{FFFD}i",
            // A soft hyphen after a dash: a hyphenation mark, not TCVN3's "ư".
            "AP 1 - LONG HUNG -\u{AD} CHAU THANH - TIEN GIANG",
        ] {
            assert_eq!(repair(s).text(), s, "{s}");
            assert_eq!(repair(s).encoding(), None, "{s}");
        }
    }
}
