//! Helpers shared by the integration tests (and `benches/translate.rs`, which
//! includes this file): reading unit references of the case tables, the usual kind
//! abbreviations, street parts, tone-placement pairs, diacritic stripping and a small
//! deterministic generator.
#![allow(dead_code)]

use dvhc::search::{Era, Level, Unit};
use unicode_normalization::UnicodeNormalization;

/// `L/C:26740` → (era, level, code): era `L` (to 30 June 2025) or `C` (current),
/// level `P`, `D` or `C`.
pub fn unit_ref(s: &str) -> (Era, Level, u32) {
    let (kind, code) = s
        .split_once(':')
        .unwrap_or_else(|| panic!("bad unit {s:?}"));
    let era = match &kind[..1] {
        "L" => Era::Legacy,
        "C" => Era::Current,
        other => panic!("bad era {other:?}"),
    };
    let level = match &kind[2..] {
        "P" => Level::Province,
        "D" => Level::District,
        "C" => Level::Commune,
        other => panic!("bad level {other:?}"),
    };
    (era, level, code.parse().unwrap())
}

/// Whether `u` is the unit of a [`unit_ref`].
pub fn is(u: Unit, (era, level, code): (Era, Level, u32)) -> bool {
    u.era() == era && u.level() == level && u.code_value() == code
}

/// The usual abbreviation of a kind prefix ("Phường" → "P.").
pub fn abbreviation(prefix: &str) -> &'static str {
    match prefix {
        "Thành phố" => "TP.",
        "Tỉnh" => "T.",
        "Quận" => "Q.",
        "Huyện" => "H.",
        "Thị xã" => "TX.",
        "Phường" => "P.",
        "Xã" => "X.",
        "Thị trấn" => "TT.",
        "Đặc khu" => "ĐK.",
        other => panic!("unknown kind prefix {other:?}"),
    }
}

/// Street parts written in front of the units: a house number and street, an alley,
/// a hamlet ("Ấp Bình Hòa" is also the name of communes, as in real addresses), a
/// group and quarter, or nothing.
pub const STREETS: &[&str] = &[
    "12 Lê Lợi",
    "Số 5 ngõ 42 Trần Hưng Đạo",
    "Thôn 3",
    "Ấp Bình Hòa",
    "Tổ 7, Khu phố 2",
    "45/12 Nguyễn Trãi",
    "Xóm Đông",
    "",
];

/// The syllable endings written with the tone mark in the old and in the new place
/// ("oà" ↔ "òa", "uỷ" ↔ "ủy").
pub const TONE_PAIRS: &[(&str, &str)] = &[
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

/// Vietnamese letters with diacritics and their bare forms (lower and upper case).
const MARKED: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ\
                      ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
const BARE: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd\
                    AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD";

/// The text without Vietnamese diacritics (đ → d), case and punctuation kept.
pub fn strip(s: &str) -> String {
    s.nfc()
        .map(|c| match MARKED.chars().position(|m| m == c) {
            Some(i) => BARE.chars().nth(i).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// xorshift64*: a small deterministic generator, so generated inputs are
/// reproducible without extra dependencies.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// `base` with `piece` repeated `n` times inserted at byte `at` (modulo its length,
/// moved back to a character boundary): the adversarial "flood" shapes of the
/// property tests.
pub fn flood_into(base: &str, piece: &str, n: usize, at: usize) -> String {
    let mut cut = at % (base.len() + 1);
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{}{}", &base[..cut], piece.repeat(n), &base[cut..])
}
