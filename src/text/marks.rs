//! The diacritics of Vietnamese letters, as bits: the one list of the combining marks
//! (the five tones first), from which every other form is derived. The generator
//! (`cargo xtask codegen`) includes this file to make the letter tables of
//! `tables/generated/letters.rs`, so the tables and the code that reads them share it.

/// Combining grave accent (huyền).
pub(crate) const GRAVE: u16 = 1;
/// Combining acute accent (sắc).
pub(crate) const ACUTE: u16 = 2;
/// Combining tilde (ngã).
pub(crate) const TILDE: u16 = 4;
/// Combining hook above (hỏi).
pub(crate) const HOOK: u16 = 8;
/// Combining dot below (nặng).
pub(crate) const DOT: u16 = 16;
/// Combining circumflex (â, ê, ô).
pub(crate) const CIRCUMFLEX: u16 = 32;
/// Combining breve (ă).
pub(crate) const BREVE: u16 = 64;
/// Combining horn (ơ, ư).
pub(crate) const HORN: u16 = 128;
/// Any other combining mark.
pub(crate) const OTHER: u16 = 256;
/// The stroke of đ, which is a letter of its own rather than `d` and a mark (the
/// generated tables give it; named for the generator and the tests).
#[allow(dead_code)]
pub(crate) const STROKE: u16 = 512;

/// The combining marks of Vietnamese and their bits: the five tones, then the marks
/// that make the letters â ê ô ă ơ ư.
pub(crate) const MARKS: [(char, u16); 8] = [
    ('\u{300}', GRAVE),
    ('\u{301}', ACUTE),
    ('\u{303}', TILDE),
    ('\u{309}', HOOK),
    ('\u{323}', DOT),
    ('\u{302}', CIRCUMFLEX),
    ('\u{306}', BREVE),
    ('\u{31B}', HORN),
];

/// How many of [`MARKS`] are tones.
const TONE_COUNT: usize = 5;

/// The tone marks as combining characters, in the order of [`MARKS`].
pub(crate) const TONE_CHARS: [char; TONE_COUNT] = {
    let mut t = ['\0'; TONE_COUNT];
    let mut i = 0;
    while i < TONE_COUNT {
        t[i] = MARKS[i].0;
        i += 1;
    }
    t
};

/// The bits of the marks that make a syllable's tone.
pub(crate) const TONES: u16 = {
    let mut bits = 0;
    let mut i = 0;
    while i < TONE_COUNT {
        bits |= MARKS[i].1;
        i += 1;
    }
    bits
};

/// The bit of a combining mark ([`OTHER`] for one that is not Vietnamese).
pub(crate) fn of(m: char) -> u16 {
    MARKS
        .iter()
        .find(|&&(c, _)| c == m)
        .map_or(OTHER, |&(_, bit)| bit)
}
