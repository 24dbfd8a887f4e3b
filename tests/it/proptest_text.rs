//! Property tests for the entry points that take short user text: code and date
//! parsing, `fold` and `search_key`.
//!
//! Each property holds for every input (no panic, round trips, documented
//! normalisation laws) and is checked on arbitrary strings and on adversarial shapes:
//! very long inputs, combining-mark floods, mixed scripts, separators only. Case
//! counts are kept small so the suite stays fast in debug builds; the fuzz targets in
//! `fuzz/` run the same properties for millions of inputs.

use crate::common::flood_into;

use dvhc::{fold, legacy, search_key, CommuneCode, Date, ParseCodeError, ProvinceCode};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Text that looks like what people type into an address form, in several scripts,
/// with Vietnamese letters precomposed and decomposed, and with separators.
fn mixed_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([a-zA-Z0-9 ,./\\-'’–]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐƯƠ]|[\u{0300}-\u{036f}]|[\u{0400}-\u{04ff}]|[\u{4e00}-\u{4e40}]|[\u{ac00}-\u{ac40}]|[\u{0600}-\u{0640}]|[\u{1f600}-\u{1f640}]|[İıẞßǅǄ\u{fb01}\u{2126}\u{212b}]){0,80}",
    )
    .unwrap()
}

/// Adversarial shapes: a base text with a flood of one character or word inserted.
fn flood() -> impl Strategy<Value = String> {
    (
        mixed_text(),
        prop_oneof![
            Just("\u{0301}"),
            Just("\u{0323}\u{0302}"),
            Just(","),
            Just(" "),
            Just("phường "),
            Just("0"),
            Just("Đ"),
            Just("\u{ac00}"),
        ],
        0usize..3000,
        any::<usize>(),
    )
        .prop_map(|(base, unit, n, at)| flood_into(&base, unit, n, at))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), mixed_text(), flood()]
}

fn check_fold(s: &str) -> Result<(), TestCaseError> {
    let f = fold(s);
    prop_assert!(
        f.len() <= 3 * s.len(),
        "fold grew {} -> {}",
        s.len(),
        f.len()
    );
    prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    prop_assert_eq!(fold(&f), f.clone(), "idempotent");
    let nfd: String = s.nfd().collect();
    prop_assert_eq!(fold(&nfd), f.clone(), "NFD");
    let nfc: String = s.nfc().collect();
    prop_assert_eq!(fold(&nfc), f.clone(), "NFC");
    let k = search_key(s);
    prop_assert!(k.len() <= f.len());
    prop_assert_eq!(search_key(&k), k.clone(), "search_key idempotent");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn fold_laws(s in any_text()) {
        check_fold(&s)?;
    }

    #[test]
    fn vietnamese_folds_to_ascii(s in "[a-zA-Z0-9 ,.àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸ]{0,60}") {
        let f = fold(&s);
        prop_assert!(f.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '), "{:?}", f);
        let k = search_key(&s);
        prop_assert!(k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '), "{:?}", k);
    }

    #[test]
    fn codes_round_trip(s in prop_oneof![any::<String>(), "[ \t0-9]{0,8}", "[0-9]{1,6}[a-z٠-٩]?"]) {
        macro_rules! check {
            ($ty:ty) => {
                match s.parse::<$ty>() {
                    Ok(c) => {
                        prop_assert_eq!(c.to_string(), s.trim());
                        prop_assert_eq!(c.to_string().parse::<$ty>(), Ok(c));
                    }
                    Err(ParseCodeError::Empty) => prop_assert!(s.trim().is_empty()),
                    Err(ParseCodeError::WrongLength { expected, found }) => {
                        prop_assert_eq!(expected, <$ty>::WIDTH);
                        prop_assert_ne!(found, expected);
                    }
                    Err(ParseCodeError::NotADigit { position }) => {
                        // 1-based, and the character there is the first non-digit.
                        prop_assert!(position >= 1 && position <= s.trim().chars().count());
                        let c = s.trim().chars().nth(position - 1).unwrap();
                        prop_assert!(!c.is_ascii_digit());
                        prop_assert!(s.trim().chars().take(position - 1).all(|c| c.is_ascii_digit()));
                    }
                    Err(e) => prop_assert!(false, "unexpected error {:?}", e),
                }
                // Lenient parsing accepts what strict parsing does, and pads shorter
                // digit strings; it refuses everything else strict parsing refuses.
                match (s.parse::<$ty>(), <$ty>::parse_lenient(&s)) {
                    (Ok(a), b) => prop_assert_eq!(Ok(a), b),
                    (Err(ParseCodeError::WrongLength { expected, found }), Ok(c)) => {
                        prop_assert!(found < expected);
                        prop_assert_eq!(c.get(), s.trim().parse::<u32>().unwrap());
                    }
                    (Err(a), b) => prop_assert_eq!(Err(a), b),
                }
            };
        }
        check!(ProvinceCode);
        check!(CommuneCode);
        check!(legacy::ProvinceCode);
        check!(legacy::DistrictCode);
        check!(legacy::CommuneCode);
    }

    #[test]
    fn dates_round_trip(s in prop_oneof![any::<String>(), "[ ]?[0-9]{4}-[0-9]{2}-[0-9]{2}[ ]?", "[0-9-]{8,12}"]) {
        if let Ok(d) = s.parse::<Date>() {
            prop_assert_eq!(d.to_string(), s.trim());
            prop_assert_eq!(Date::new(d.year(), d.month(), d.day()), Some(d));
        }
    }
}

/// Long input (256 KiB): `fold` and `search_key` keep their laws and their output
/// bound; they have no length limit and run in time linear in the input.
#[test]
fn long_inputs() {
    let len = 1 << 18;
    for unit in [
        "Phường Bến Nghé, ",
        "a\u{0301}",
        ",",
        "\u{0301}",
        "\u{ac00}",
        "0",
    ] {
        let s = unit.repeat(len / unit.len());
        check_fold(&s).unwrap();
    }
}
