//! serde support (feature `serde`): codes as zero-padded strings, kinds as ids.
#![cfg(feature = "serde")]

use dvhc::{legacy, Commune, CommuneCode, CommuneKind, Date, ProvinceCode, Share};

#[test]
fn codes_round_trip_as_zero_padded_strings() {
    let c = CommuneCode::new(4).unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), "\"00004\"");
    assert_eq!(serde_json::from_str::<CommuneCode>("\"00004\"").unwrap(), c);
    assert!(serde_json::from_str::<CommuneCode>("\"4\"").is_err());
    assert!(serde_json::from_str::<CommuneCode>("4").is_err());
    let p = ProvinceCode::new(1).unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"01\"");
    let d = legacy::DistrictCode::new(1).unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"001\"");
    assert_eq!(
        serde_json::from_str::<legacy::DistrictCode>("\"001\"").unwrap(),
        d
    );
}

#[test]
fn kinds_shares_dates() {
    assert_eq!(
        serde_json::to_string(&CommuneKind::SpecialZone).unwrap(),
        "\"dac_khu\""
    );
    assert_eq!(
        serde_json::from_str::<CommuneKind>("\"phuong\"").unwrap(),
        CommuneKind::Ward
    );
    assert!(serde_json::from_str::<CommuneKind>("\"quan\"").is_err());
    assert_eq!(
        serde_json::to_string(&Share::Partial).unwrap(),
        "\"partial\""
    );
    assert_eq!(
        serde_json::from_str::<Share>("\"whole\"").unwrap(),
        Share::Whole
    );
    assert_eq!(
        serde_json::to_string(&Date::REFORM).unwrap(),
        "\"2025-07-01\""
    );
    assert_eq!(
        serde_json::from_str::<Date>("\"2026-04-30\"").unwrap(),
        Date::new(2026, 4, 30).unwrap()
    );
    assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
}

#[test]
fn records_serialise_flat() {
    let c = Commune::get("26740".parse().unwrap()).unwrap();
    let v: serde_json::Value = serde_json::to_value(c).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"code": "26740", "name": "Sài Gòn", "kind": "phuong",
                           "full_name": "Phường Sài Gòn", "province": "79"})
    );
    let old = legacy::Commune::get("26740".parse().unwrap()).unwrap();
    let v: serde_json::Value = serde_json::to_value(old).unwrap();
    assert_eq!(v["district"], "760");
    assert_eq!(v["full_name"], "Phường Bến Nghé");
}
