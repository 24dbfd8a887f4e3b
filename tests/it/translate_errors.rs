//! Bad input: unknown, ambiguous, truncated, contradictory, absurd or hostile. A typed
//! error or an ambiguous result listing candidates; never a panic, never a confident
//! answer that is wrong. (That over-long input costs no work is counted in
//! `tests/it/work_bounds.rs`.)

use crate::common::Rng;

use dvhc::address::{ParseError, MAX_ADDRESS_LEN};
use dvhc::search::Level;
use dvhc::translate::{translate, translate_at, TranslateError, Translation, Translator};

fn parse_error(input: &str) -> Option<ParseError> {
    match translate(input) {
        Err(TranslateError::Parse(e)) => Some(e),
        Err(e) => panic!("{input:?}: unexpected {e:?}"),
        Ok(_) => None,
    }
}

/// The invariants every successful translation keeps, whatever the input.
fn consistent(t: &Translation<'_>) {
    assert!(!t.candidates().is_empty(), "{:?}", t.input());
    // What resolves is the first candidate: the only one, or the one whose boundary
    // contains the point.
    assert!(t
        .resolved()
        .is_none_or(|c| std::ptr::eq(c, &t.candidates()[0])));
    assert!(t.readings() >= 1);
    assert!(t.input().contains(t.rest()), "{:?}", t.input());
    if t.candidates().len() > 1 {
        assert!(t.is_ambiguous() || t.ranking().is_some());
    }
    if t.level() != Level::Commune {
        assert!(t.legacy().is_none_or(|l| l.commune().is_none()));
    }
    let _ = t.to_string();
    for c in t.candidates() {
        let _ = t.format(c);
    }
}

#[test]
fn empty_and_blank_inputs_are_empty() {
    for input in [
        "",
        " ",
        "   \t\n  ",
        "\u{a0}\u{2003}\u{3000}",
        ",,,;;;...",
        "!!! ??? ---",
        "—–•·°",
        "😀🏠📍🇻🇳",
        "\u{0}\u{1}\u{7}\u{1b}\u{7f}",
        "\u{200b}\u{200d}\u{feff}",
        "\u{301}\u{303}\u{309}",
    ] {
        assert_eq!(parse_error(input), Some(ParseError::Empty), "{input:?}");
    }
}

#[test]
fn unknown_places_are_not_found() {
    for input in [
        "12 Nowhere Street, Atlantis",
        "asdf qwer zxcv",
        "12345",
        "Phường 99",
        "Quận 99",
        "Phường 999, Quận 99",
        "Xã",
        "A",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "Paris, France",
        "北京市",
        "Москва",
    ] {
        assert_eq!(parse_error(input), Some(ParseError::NotFound), "{input:?}");
    }
}

/// Over-long input is refused with its length and the limit.
#[test]
fn one_mebibyte_is_refused() {
    let unit = "Phường Bến Nghé, Quận 1, TP.HCM, ";
    let big = unit.repeat((1 << 20) / unit.len() + 1);
    assert!(big.len() >= 1 << 20);
    match translate(&big) {
        Err(TranslateError::Parse(ParseError::TooLong { len, max })) => {
            assert_eq!((len, max), (big.len(), MAX_ADDRESS_LEN));
        }
        other => panic!("{:?}", other.map(|t| t.to_string())),
    }
    assert!(matches!(
        translate_at(&big, 10.0, 106.0),
        Err(TranslateError::Parse(ParseError::TooLong { .. }))
    ));
    assert!(matches!(
        dvhc::translate::reverse_address(&big),
        Err(TranslateError::Parse(ParseError::TooLong { .. }))
    ));
    let inputs = [big.as_str(), "P. Bến Nghé, Q.1, TP.HCM"];
    let out = Translator::new().translate_batch(&inputs);
    assert!(out[0].is_err() && out[1].is_ok());
}

/// At the limit the address still translates; one byte over, it does not.
#[test]
fn the_length_limit_is_exact() {
    let units = ", P. Bến Nghé, Q.1, TP.HCM";
    let street = "x".repeat(MAX_ADDRESS_LEN - units.len());
    let at_limit = format!("{street}{units}");
    assert_eq!(at_limit.len(), MAX_ADDRESS_LEN);
    let t = translate(&at_limit).unwrap();
    assert_eq!(t.resolved().unwrap().commune().unwrap().name(), "Sài Gòn");
    assert_eq!(t.rest(), street);
    let over = format!("x{at_limit}");
    assert!(matches!(
        parse_error(&over),
        Some(ParseError::TooLong { len, .. }) if len == MAX_ADDRESS_LEN + 1
    ));
}

/// A long street part (more words than the parser considers) is kept verbatim.
#[test]
fn many_words_before_the_units() {
    let street = "ngõ 1 ".repeat(100);
    let input = format!("{street}, P. Bến Nghé, Q.1, TP.HCM");
    let t = translate(&input).unwrap();
    assert_eq!(t.resolved().unwrap().commune().unwrap().code().get(), 26740);
    assert_eq!(t.rest(), street.trim_end());
}

/// Noise around a good address: emoji, control characters, odd separators and
/// whitespace, decomposed (NFD) letters. The address still translates, to the same
/// place.
#[test]
fn noise_around_a_good_address() {
    let nfd: String = {
        use std::fmt::Write;
        // "Phường Bến Nghé" with decomposed vowels: base letter + combining marks.
        let mut s = String::new();
        write!(
            s,
            "Phu\u{31b}\u{300}o\u{31b}ng Be\u{302}\u{301}n Nghe\u{301}, Qua\u{323}\u{302}n 1, TP.HCM"
        )
        .unwrap();
        s
    };
    for input in [
        "🏠 12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM 📍",
        "P. Bến Nghé,\u{0} Q.1,\u{7} TP.HCM",
        "  P. Bến Nghé ,,, Q.1 ;; TP.HCM  ",
        "P. Bến Nghé\tQ.1\tTP.HCM",
        "P. Bến Nghé\r\nQ.1\r\nTP.HCM",
        "P. Bến Nghé | Q.1 | TP.HCM",
        "P. Bến Nghé / Q.1 / TP.HCM",
        "P.\u{a0}Bến\u{a0}Nghé, Q.1, TP.HCM",
        "(P. Bến Nghé), [Q.1], {TP.HCM}",
        "PHƯỜNG BẾN NGHÉ, QUẬN 1, TP.HCM",
        "pHưỜnG bẾn NgHé, qUậN 1, tP.hCm",
        nfd.as_str(),
    ] {
        let t = translate(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        consistent(&t);
        let c = t
            .resolved()
            .unwrap_or_else(|| panic!("{input:?}: ambiguous"));
        assert_eq!(c.commune().unwrap().code().get(), 26740, "{input:?}");
    }
}

/// A commune written with a district it is not in: the result is not a confident
/// translation, or it says which written unit it overruled.
#[test]
fn contradictory_commune_and_district_is_not_confident() {
    for input in [
        "Phường Bến Nghé, Quận 3, TP.HCM",
        "Xã An Bình, Quận 1, TP.HCM",
        "Phường Đa Kao, Quận 5, Thành phố Hồ Chí Minh",
        "Phường Hàng Trống, Quận Cầu Giấy, Hà Nội",
        "Xã Hòa Khánh, Huyện Cần Giờ, TP.HCM",
        "Phường Bến Thành, Quận 3, TP.HCM",
    ] {
        match translate(input) {
            Err(_) => {}
            Ok(t) => {
                consistent(&t);
                // Either not one answer, or one that says which unit it overruled.
                assert!(
                    t.resolved().is_none() || !t.conflicts().is_empty(),
                    "{input:?}: confident {}",
                    t
                );
                if let Some(c) = t.legacy().and_then(|l| l.commune()) {
                    assert!(
                        t.conflicts().iter().any(|k| {
                            let c = dvhc::Unit::LegacyCommune(c);
                            k.by() == c || k.overruled() == c
                        }),
                        "{input:?}: read the commune as {c} of {} without a conflict",
                        c.district()
                    );
                }
            }
        }
    }
}

/// Absurd units with a real province: at most the province, said so.
#[test]
fn absurd_units_translate_no_deeper_than_the_province() {
    for input in [
        "Phường 999, Quận 99, TP.HCM",
        "Xã Không Tồn Tại, Huyện Không Có, Tỉnh Lâm Đồng",
        "Phường 0, Hà Nội",
    ] {
        match translate(input) {
            Err(_) => {}
            Ok(t) => {
                consistent(&t);
                assert_eq!(t.level(), Level::Province, "{input:?}: {t}");
                assert!(t.candidates().iter().all(|c| c.commune().is_none()));
            }
        }
    }
}

/// Truncated input: only a kind word, or a unit cut short. Never a confident answer.
#[test]
fn truncated_input_is_never_confident() {
    for input in [
        "Phường",
        "Quận",
        "Tỉnh",
        "Xã",
        "Thị trấn",
        "TP.",
        "P.",
        "Q.",
        "Phường 1",
    ] {
        match translate(input) {
            Err(TranslateError::Parse(_)) => {}
            Err(e) => panic!("{input:?}: {e:?}"),
            Ok(t) => {
                consistent(&t);
                assert!(t.resolved().is_none(), "{input:?}: confident {t}");
            }
        }
    }
}

/// Homonyms nothing tells apart: every candidate listed, none chosen.
#[test]
fn homonyms_list_every_candidate() {
    let t = translate("Phường 1").unwrap();
    assert!(t.is_ambiguous() && t.readings() > 20);
    assert!(t.formatted().is_none());
    let t = translate("Phường 2, TP.HCM").unwrap();
    assert!(t.is_ambiguous() && t.readings() >= 8);
}

#[test]
fn bad_coordinates_are_refused() {
    for (lat, lon) in [
        (f64::NAN, 106.0),
        (10.0, f64::NAN),
        (f64::INFINITY, 106.0),
        (10.0, f64::NEG_INFINITY),
        (90.1, 0.0),
        (-90.1, 0.0),
        (0.0, 180.1),
        (0.0, -180.1),
    ] {
        assert_eq!(
            translate_at("P. Đa Kao, Q.1, TP.HCM", lat, lon).unwrap_err(),
            TranslateError::BadCoordinates
        );
    }
    // The edges of the range are valid, and a point far from Việt Nam still ranks.
    for (lat, lon) in [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)] {
        let t = translate_at("P. Đa Kao, Q.1, TP.HCM", lat, lon).unwrap();
        assert!(t.is_ambiguous());
        consistent(&t);
    }
}

/// Errors display a message and compare by value.
#[test]
fn errors_are_typed_and_displayable() {
    let e = translate("").unwrap_err();
    assert_eq!(e, TranslateError::Parse(ParseError::Empty));
    assert!(!e.to_string().is_empty());
    assert!(!TranslateError::BadCoordinates.to_string().is_empty());
    assert!(!TranslateError::NotCurrent.to_string().is_empty());
    let e: Box<dyn std::error::Error> = Box::new(TranslateError::NotCurrent);
    assert!(e.source().is_none());
}

/// The batch API keeps order and errors in place, on inputs of every kind.
#[test]
fn batch_keeps_order_and_errors() {
    let inputs: Vec<String> = (0..500)
        .map(|i| match i % 5 {
            0 => String::new(),
            1 => format!("{i} Lê Lợi, P. Bến Nghé, Q.1, TP.HCM"),
            2 => "x".repeat(MAX_ADDRESS_LEN + 1),
            3 => "P. Đa Kao, Q.1, TP.HCM".to_owned(),
            _ => "Nowhere".to_owned(),
        })
        .collect();
    let out = Translator::new().translate_batch(&inputs);
    assert_eq!(out.len(), inputs.len());
    for (i, r) in out.iter().enumerate() {
        match (i % 5, r) {
            (0, Err(TranslateError::Parse(ParseError::Empty)))
            | (2, Err(TranslateError::Parse(ParseError::TooLong { .. })))
            | (4, Err(TranslateError::Parse(ParseError::NotFound))) => {}
            (1, Ok(t)) => assert_eq!(t.rest(), format!("{i} Lê Lợi")),
            (3, Ok(t)) => assert!(t.is_ambiguous()),
            (_, r) => panic!("{i}: {:?}", r.as_ref().map(|t| t.to_string())),
        }
    }
    let none: [&str; 0] = [];
    assert!(Translator::new().translate_batch(&none).is_empty());
}

/// A character from a mix of ASCII, Vietnamese letters, combining marks, control
/// characters, separators, emoji and any other scalar value.
trait RandomChar {
    fn char(&mut self) -> char;
}

impl RandomChar for Rng {
    fn char(&mut self) -> char {
        const VI: &str = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠ";
        match self.below(8) {
            0..=2 => char::from(b' ' + self.below(95) as u8),
            3 => VI.chars().nth(self.below(VI.chars().count())).unwrap(),
            4 => char::from_u32(0x300 + self.below(0x70) as u32).unwrap(),
            5 => [
                ',', ';', '.', '-', '/', '\t', '\n', '\0', '\u{7f}', '\u{a0}',
            ][self.below(10)],
            6 => char::from_u32(0x1f300 + self.below(0x300) as u32).unwrap(),
            _ => loop {
                if let Some(c) = char::from_u32(self.below(0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }
}

const FUZZ_CASES: usize = if cfg!(debug_assertions) { 300 } else { 5000 };

/// Arbitrary text never panics; a translation keeps its invariants.
#[test]
fn arbitrary_text_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..FUZZ_CASES {
        let n = rng.below(120);
        let s: String = (0..n).map(|_| rng.char()).collect();
        if let Ok(t) = translate(&s) {
            consistent(&t);
        }
    }
}

/// Real addresses damaged at random (characters deleted, inserted or replaced) never
/// panic, with or without coordinates, in either direction; a translation keeps its
/// invariants.
#[test]
fn damaged_addresses_never_panic() {
    const REAL: [&str; 8] = [
        "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
        "Xã Tân Thành, Huyện Thủ Thừa, Tỉnh Long An",
        "Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh",
        "Thôn 3, xã Kiên Thành, huyện Trấn Yên, Yên Bái",
        "Huyện Côn Đảo, Bà Rịa - Vũng Tàu",
        "Phường Sài Gòn, TP.HCM",
        "so 5 ap 2 xa tan thanh huyen thu thua long an",
        "Phường 1",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for i in 0..FUZZ_CASES {
        let mut chars: Vec<char> = REAL[i % REAL.len()].chars().collect();
        for _ in 0..rng.below(6) {
            let at = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, rng.char()),
                _ if at < chars.len() => chars[at] = rng.char(),
                _ => {}
            }
        }
        let s: String = chars.into_iter().collect();
        if let Ok(t) = translate(&s) {
            consistent(&t);
        }
        let (lat, lon) = (
            rng.below(180_000) as f64 / 1000.0 - 90.0,
            rng.below(360_000) as f64 / 1000.0 - 180.0,
        );
        if let Ok(t) = translate_at(&s, lat, lon) {
            consistent(&t);
        }
        let _ = dvhc::translate::reverse_address(&s);
    }
}

/// A remark written after the address with only a space before it ("… TP.HCM gần
/// chợ") is a remark, as after a comma; the same words after a kind or place word,
/// or before a unit written with its kind word, are not.
#[test]
fn remark_after_a_space() {
    use dvhc::translate::translate;
    let code = |s: &str| {
        let t = translate(s).unwrap();
        let c: Vec<String> = t
            .candidates()
            .iter()
            .map(|c| c.commune().unwrap().code().to_string())
            .collect();
        (t.status().id(), c, t.rest().to_owned())
    };
    let want = (
        "ok",
        vec!["26743".to_owned()],
        "135 Nam Kỳ Khởi Nghĩa".to_owned(),
    );
    for remark in ["gần chợ", "ngã tư Bảy Hiền", "cạnh trường THPT Trần Phú"] {
        let a = format!("135 Nam Kỳ Khởi Nghĩa, P. Bến Thành, Q.1, TP.HCM {remark}");
        assert_eq!(code(&a), want, "{a}");
        let p = dvhc::address::parse(&a).unwrap();
        assert_eq!(p.remarks().collect::<Vec<_>>(), [remark], "{a}");
    }
    // Units written after the remark word: not a trailing remark.
    let a = "135 Nam Kỳ Khởi Nghĩa gần chợ P. Bến Thành Q.1 TP.HCM";
    assert_eq!(code(a).1, want.1);
    assert_eq!(dvhc::address::parse(a).unwrap().remarks().count(), 0);
    // After a place word, a name.
    let a = "Ấp Ngã Ba Xã Tân Phú Huyện Châu Thành Tỉnh Tiền Giang";
    assert_eq!(dvhc::address::parse(a).unwrap().remarks().count(), 0);
    // After a word that folds like a kind or place word but is written otherwise (Tĩnh
    // is not Tỉnh, Dương not Đường): a remark.
    for (a, remark) in [
        (
            "X. Hồng Lộc, H. Thạch Hà, T. Hà Tĩnh cạnh trường Tiểu học Lê Lợi",
            "cạnh trường Tiểu học Lê Lợi",
        ),
        (
            "Xã Lai Khê, Huyện Kim Thành, Tỉnh Hải Dương đối diện UBND xã",
            "đối diện UBND xã",
        ),
    ] {
        let p = dvhc::address::parse(a).unwrap();
        assert_eq!(p.remarks().collect::<Vec<_>>(), [remark], "{a}");
        let t = translate(a).unwrap();
        assert_eq!(t.status().id(), "ok", "{a}");
    }
}

/// A typo in the district ("Knih Môn") is read with the typo-tolerant pass even when
/// a thorough reading that skips it (a current commune of the same letters, with the
/// old province's name as an alias) reaches the commune: that reading does not agree
/// with every unit written, the typo-tolerant one does, and ranks above it.
#[test]
fn a_typo_beats_a_reading_that_skips_a_unit() {
    let t = dvhc::translate::translate("thôn Huề Trì, xã An Phụ, Knih Môn, Hải Dương").unwrap();
    let legacy = t.legacy().expect("read in the old structure");
    assert_eq!(legacy.commune().unwrap().code().to_string(), "10732");
    assert_eq!(t.status().id(), "ok");
    let c = t.candidates()[0].commune().unwrap();
    assert_eq!(c.code().to_string(), "10729");
}

/// A label and its colon before the units ("Trụ sở chính:", "Giao hàng tới:") do not
/// hide a unit written after them that is not found: the answer stops above it
/// (`partial`), as without the label, never a confident `ok`.
#[test]
fn a_label_does_not_hide_an_unresolved_unit() {
    for a in [
        "Quận Xyz, Hà Nội",
        "Trụ sở chính: Quận Xyz, Hà Nội",
        "Giao hàng tới: Quận Xyz, Hà Nội",
    ] {
        let t = dvhc::translate::translate(a).unwrap();
        assert_eq!(t.status().id(), "partial", "{a}");
    }
    // A label alone is no unit.
    let t = dvhc::translate::translate("Địa chỉ: TP.HCM").unwrap();
    assert_eq!(t.status().id(), "ok");
}
