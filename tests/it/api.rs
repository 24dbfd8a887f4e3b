//! The 1.0 API of issue #13 item 3: records as values (equality, hashing, order,
//! `Debug`), typed unit codes, batches on a chosen number of threads, error messages.

use std::collections::{BTreeSet, HashSet};

use dvhc::address::{parse, ParseError};
use dvhc::translate::{translate, TranslateError, Translator};
use dvhc::{legacy, Commune, Date, ParseDateError, Province, Unit, UnitCode};

#[test]
fn records_are_values_by_code() {
    let all: HashSet<&Commune> = Commune::all().iter().collect();
    assert_eq!(all.len(), 3321);
    let sai_gon = Commune::get("26740".parse().unwrap()).unwrap();
    assert!(all.contains(sai_gon));
    let mut provinces: Vec<&legacy::Province> = legacy::Province::all().iter().rev().collect();
    provinces.sort();
    assert!(provinces.windows(2).all(|w| w[0].code() < w[1].code()));
    assert_eq!(
        format!("{sai_gon:?}"),
        r#"Commune { code: 26740, name: "Phường Sài Gòn" }"#
    );
    let q1 = legacy::District::get("760".parse().unwrap()).unwrap();
    assert_eq!(
        format!("{q1:?}"),
        r#"legacy::District { code: 760, name: "Quận 1" }"#
    );
    // Units of different eras with the same code are different units.
    let old = Unit::LegacyCommune(legacy::Commune::get("26740".parse().unwrap()).unwrap());
    let new = Unit::Commune(sai_gon);
    assert_ne!(old, new);
    let set: BTreeSet<Unit> = [old, new, Unit::Province(sai_gon.province())].into();
    // Level, then era (current first), then code.
    let order: Vec<UnitCode> = set.iter().map(Unit::code).collect();
    assert!(matches!(
        order[..],
        [
            UnitCode::Province(_),
            UnitCode::Commune(_),
            UnitCode::LegacyCommune(_)
        ]
    ));
    assert_eq!(old.code().to_string(), "26740");
    assert_eq!(old.code().unit(), Some(old));
    let hcm = Province::get(79u32.try_into().unwrap()).unwrap();
    assert_eq!(u32::from(hcm.code()), 79);
}

#[test]
fn batches_on_any_number_of_threads_keep_the_input_order() {
    let lines: Vec<String> = legacy::Commune::all()
        .iter()
        .take(700)
        .map(|c| format!("{c}, {}, {}", c.district(), c.province()))
        .chain(["???".to_owned(), String::new()])
        .collect();
    let one: Vec<String> = lines
        .iter()
        .map(|l| format!("{:?}", translate(l).map(|t| t.formatted())))
        .collect();
    for n in [0, 1, 2, 3, 64, usize::MAX] {
        let out = Translator::new().threads(n).translate_batch(&lines);
        let got: Vec<String> = out
            .iter()
            .map(|r| format!("{:?}", r.as_ref().map(|t| t.formatted())))
            .collect();
        assert_eq!(got, one, "{n} threads");
    }
    assert!(Translator::new()
        .threads(8)
        .translate_batch::<&str>(&[])
        .is_empty());
}

#[test]
fn error_messages() {
    let cases: Vec<(String, &str)> = vec![
        (ParseError::Empty.to_string(), "the address is empty"),
        (
            ParseError::TooLong {
                len: 2000,
                max: 1024,
            }
            .to_string(),
            "the address is 2000 bytes long; the limit is 1024",
        ),
        (
            ParseError::NotFound.to_string(),
            "no province, district or commune recognised in the address",
        ),
        (
            parse("Tỉnh Xyz").unwrap_err().to_string(),
            "no province \"Tỉnh Xyz\"",
        ),
        (
            parse("Quận Xyz, TP.HCM").unwrap_err().to_string(),
            "no district \"Quận Xyz\" in Thành phố Hồ Chí Minh",
        ),
        (
            TranslateError::NoNewUnit.to_string(),
            "no new unit corresponds to the address",
        ),
        (
            TranslateError::NotCurrent.to_string(),
            "the address is in the pre-2025 structure; translate it instead",
        ),
        (
            "2025-7-1".parse::<Date>().unwrap_err().to_string(),
            "expected a date as YYYY-MM-DD",
        ),
        (
            ParseDateError::NoSuchDay.to_string(),
            "no such day in the calendar",
        ),
        (
            "12a".parse::<dvhc::ProvinceCode>().unwrap_err().to_string(),
            "character 3 of the code is not a digit 0-9",
        ),
        (
            "7".parse::<dvhc::ProvinceCode>().unwrap_err().to_string(),
            "a code of this level has 2 digits, not 1",
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}
