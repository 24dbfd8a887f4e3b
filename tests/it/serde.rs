//! serde support (feature `serde`): the value types as ids and zero-padded strings, and
//! the result types in the JSON shapes the `dvhc` tool prints (documented on each type).
#![cfg(feature = "serde")]

use dvhc::address::{self, parse};
use dvhc::search::{Mode, Search, Via};
use dvhc::translate::{self, reverse_address, translate, translate_at, Ranking, Translator};
use dvhc::{
    legacy, AsOf, Commune, CommuneCode, CommuneKind, Date, Era, Level, Province, ProvinceCode,
    Share, Status, Unit,
};
use serde_json::{json, Value};

fn to_json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn codes_round_trip_as_zero_padded_strings() {
    let c = CommuneCode::new(4).unwrap();
    assert_eq!(to_json(&c), "\"00004\"");
    assert_eq!(serde_json::from_str::<CommuneCode>("\"00004\"").unwrap(), c);
    // Deserialising is as strict as `FromStr`: no stripped zeros, no numbers.
    assert!(serde_json::from_str::<CommuneCode>("\"4\"").is_err());
    assert!(serde_json::from_str::<CommuneCode>("4").is_err());
    let p = ProvinceCode::new(1).unwrap();
    assert_eq!(to_json(&p), "\"01\"");
    let d = legacy::DistrictCode::new(1).unwrap();
    assert_eq!(to_json(&d), "\"001\"");
    assert_eq!(
        serde_json::from_str::<legacy::DistrictCode>("\"001\"").unwrap(),
        d
    );
    assert_eq!(to_json(&dvhc::UnitCode::from(d)), "\"001\"");
}

#[test]
fn ids_round_trip() {
    fn check<T>(values: &[T], ids: &[&str])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for (v, id) in values.iter().zip(ids) {
            assert_eq!(to_json(v), format!("\"{id}\""));
            assert_eq!(&serde_json::from_str::<T>(&format!("\"{id}\"")).unwrap(), v);
        }
        assert!(serde_json::from_str::<T>("\"nonsense\"").is_err());
    }
    check(&[Era::Current, Era::Legacy], &["current", "legacy"]);
    check(
        &[Level::Province, Level::District, Level::Commune],
        &["province", "district", "commune"],
    );
    check(
        &[Status::Ok, Status::Ambiguous, Status::Error],
        &["ok", "ambiguous", "error"],
    );
    check(
        &[Via::Name, Via::Spelling, Via::Historical, Via::Alias],
        &["name", "spelling", "historical", "alias"],
    );
    check(
        &[Mode::Exact, Mode::Prefix, Mode::Fuzzy],
        &["exact", "prefix", "fuzzy"],
    );
    check(&[Share::Whole, Share::Partial], &["whole", "partial"]);
    check(
        &[
            CommuneKind::Ward,
            CommuneKind::Commune,
            CommuneKind::SpecialZone,
        ],
        &["phuong", "xa", "dac_khu"],
    );
    assert!(serde_json::from_str::<CommuneKind>("\"quan\"").is_err());
    assert_eq!(to_json(&Ranking::Containment), "\"containment\"");
    assert_eq!(to_json(&Date::REFORM), "\"2025-07-01\"");
    assert_eq!(
        serde_json::from_str::<Date>("\"2026-04-30\"").unwrap(),
        Date::new(2026, 4, 30).unwrap()
    );
    assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
}

#[test]
fn units_serialise_as_their_description() {
    let c = Commune::get("26740".parse().unwrap()).unwrap();
    let v: Value = serde_json::to_value(c).unwrap();
    assert_eq!(
        v,
        json!({
            "code": "26740", "name": "Phường Sài Gòn", "kind": "phuong", "level": "commune",
            "era": "current", "province": {"code": "79", "name": "Thành phố Hồ Chí Minh"},
            "district": null, "successors": [],
            "predecessors": [
                {"code": "26737", "name": "Phường Đa Kao", "share": "partial",
                 "district": {"code": "760", "name": "Quận 1"}},
                {"code": "26740", "name": "Phường Bến Nghé", "share": "whole",
                 "district": {"code": "760", "name": "Quận 1"}},
                {"code": "26746", "name": "Phường Nguyễn Thái Bình", "share": "partial",
                 "district": {"code": "760", "name": "Quận 1"}}],
            "short_name": "Sài Gòn", "on": null, "resolution": "1685/NQ-UBTVQH15",
            "geo": {"lat": 10.7805, "lon": 106.704, "area_km2": 3.04, "population": 47022},
            "changes": [],
            "name_en": "Sai Gon", "full_name_en": "Sai Gon Ward", "codename": "phuong_sai_gon",
            "short_codename": "sai_gon", "postal_code": "71016", "postal_code_prefixes": [],
            "phone_code": null
        })
    );
    // Members in the documented order.
    let json = to_json(c);
    let keys = [
        "code",
        "name",
        "kind",
        "level",
        "era",
        "province",
        "district",
        "successors",
        "predecessors",
        "short_name",
        "on",
        "resolution",
        "geo",
        "changes",
        "name_en",
        "full_name_en",
        "codename",
        "short_codename",
        "postal_code",
        "postal_code_prefixes",
        "phone_code",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| json.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
    // A province: its prefixes and telephone area code.
    let hcm: Value = serde_json::to_value(Province::get("79".parse().unwrap()).unwrap()).unwrap();
    assert_eq!(
        hcm["postal_code_prefixes"],
        json!(["70", "71", "72", "73", "74", "75", "78"])
    );
    assert_eq!(hcm["phone_code"], 28);
    assert_eq!(hcm["codename"], "thanh_pho_ho_chi_minh");
    // A record and its `Unit` serialise alike.
    assert_eq!(to_json(c), to_json(&Unit::Commune(c)));
    // Legacy: the successors, the district.
    let old = legacy::Commune::get("26737".parse().unwrap()).unwrap();
    let v: Value = serde_json::to_value(old).unwrap();
    assert_eq!(v["district"], json!({"code": "760", "name": "Quận 1"}));
    assert_eq!(
        v["successors"],
        json!([{"code": "26737", "name": "Phường Tân Định", "share": "partial"},
               {"code": "26740", "name": "Phường Sài Gòn", "share": "partial"}])
    );
    assert_eq!(v["resolution"], Value::Null);
    // An island district: its đặc khu, whole.
    let con_dao = legacy::District::get("755".parse().unwrap()).unwrap();
    let v: Value = serde_json::to_value(con_dao).unwrap();
    assert_eq!(
        v["successors"],
        json!([{"code": "26732", "name": "Đặc khu Côn Đảo", "share": "whole"}])
    );
}

#[test]
fn dates_rename_current_units_and_are_reported() {
    let dong_nai = Unit::Province(Province::get("75".parse().unwrap()).unwrap());
    let now: Value = serde_json::to_value(dong_nai).unwrap();
    assert_eq!(now["name"], "Thành phố Đồng Nai");
    assert_eq!(now["kind"], "thanh_pho");
    assert_eq!(now["on"], Value::Null);
    assert_eq!(
        now["changes"],
        json!([{"date": "2026-04-30", "kind_before": "tinh", "kind_after": "thanh_pho",
                "legal_basis": "30/2026/QH16"}])
    );
    let then: Value = serde_json::to_value(AsOf::new(dong_nai, Some(Date::REFORM))).unwrap();
    assert_eq!(then["name"], "Tỉnh Đồng Nai");
    assert_eq!(then["full_name_en"], "Dong Nai Province");
    assert_eq!(then["codename"], "tinh_dong_nai");
    assert_eq!(now["codename"], "thanh_pho_dong_nai");
    assert_eq!(then["kind"], "tinh");
    assert_eq!(then["on"], "2025-07-01");
    // Before the reform: the names of 1 July 2025; the date is reported as given.
    let before: Value =
        serde_json::to_value(AsOf::new(dong_nai, Some(Date::LAST_LEGACY_DAY))).unwrap();
    assert_eq!(before["name"], "Tỉnh Đồng Nai");
    assert_eq!(before["on"], "2025-06-30");
    // A legacy unit's successors are named as on the date.
    let old = Unit::LegacyProvince(legacy::Province::get("75".parse().unwrap()).unwrap());
    let v: Value = serde_json::to_value(AsOf::new(old, Some(Date::REFORM))).unwrap();
    assert_eq!(v["successors"][0]["name"], "Tỉnh Đồng Nai");
    assert_eq!(v["name"], "Tỉnh Đồng Nai");
}

#[test]
fn hits() {
    let hits = Search::new().run("Bến Nghé");
    assert_eq!(
        to_json(&hits[0]),
        r#"{"code":"26740","name":"Phường Bến Nghé","kind":"phuong","level":"commune","era":"legacy","province":{"code":"79","name":"Thành phố Hồ Chí Minh"},"district":{"code":"760","name":"Quận 1"},"score":1000}"#
    );
    let p = &Search::new()
        .level(Level::Province)
        .era(Era::Current)
        .run("Huế")[0];
    let v: Value = serde_json::to_value(p).unwrap();
    assert_eq!(
        v["province"],
        json!({"code": "46", "name": "Thành phố Huế"})
    );
    assert_eq!(v["district"], Value::Null);
}

#[test]
fn translations() {
    let input = "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM";
    let t = translate(input).unwrap();
    assert_eq!(
        to_json(&t),
        r#"{"input":"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM","status":"ok","structure":"legacy","legacy":{"province":{"code":"79","name":"Thành phố Hồ Chí Minh"},"district":{"code":"760","name":"Quận 1"},"commune":{"code":"26740","name":"Phường Bến Nghé"}},"rest":"12 Lê Lợi","candidates":[{"province":{"code":"79","name":"Thành phố Hồ Chí Minh"},"commune":{"code":"26740","name":"Phường Sài Gòn"},"share":"whole","distance_km":null}],"formatted":"12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh","error":null}"#
    );
    // The outcome of a success is the translation; an owned translation serialises alike.
    let r = translate(input);
    assert_eq!(to_json(&translate::Outcome::new(input, &r)), to_json(&t));
    assert_eq!(to_json(&t.clone().into_owned()), to_json(&t));
    // Ambiguous, with distances rounded to metres.
    let t = translate_at("P. Đa Kao, Q.1, TP.HCM", 10.79, 106.69).unwrap();
    let v: Value = serde_json::to_value(&t).unwrap();
    assert_eq!(v["status"], "ambiguous");
    assert_eq!(v["formatted"], Value::Null);
    let d = v["candidates"][0]["distance_km"].as_f64().unwrap();
    assert_eq!(
        d,
        (t.candidates()[0].distance_km().unwrap() * 1000.0).round() / 1000.0
    );
    // Names on the translator's date, in candidates and formatted alike.
    let t = Translator::new()
        .on(Date::REFORM)
        .translate("Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai")
        .unwrap();
    let v: Value = serde_json::to_value(&t).unwrap();
    assert_eq!(v["candidates"][0]["commune"]["name"], "Xã Long Thành");
    assert_eq!(v["candidates"][0]["province"]["name"], "Tỉnh Đồng Nai");
    assert_eq!(v["formatted"], "Xã Long Thành, Tỉnh Đồng Nai");
    assert_eq!(
        serde_json::to_value(t.candidates()[0]).unwrap(),
        v["candidates"][0]
    );
}

#[test]
fn failures_have_the_same_shape() {
    let r = translate("Phường Xyz, Quận 1, TP.HCM");
    assert_eq!(
        to_json(&translate::Outcome::new("x", &r)),
        r#"{"input":"x","status":"error","structure":null,"legacy":null,"rest":"","candidates":[],"formatted":null,"error":{"kind":"parse","message":"no commune \"Phường Xyz\" in Quận 1"}}"#
    );
    let e = translate_at("Huế", f64::NAN, 0.0).unwrap_err();
    assert_eq!(
        to_json(&e),
        r#"{"kind":"bad_coordinates","message":"coordinates out of range: latitude must be within ±90 and longitude within ±180"}"#
    );
    // A caller's own error type.
    #[derive(serde::Serialize)]
    struct Mine {
        kind: &'static str,
    }
    let mine = Mine {
        kind: "invalid_utf8",
    };
    let v: Value = serde_json::to_value(address::Outcome::failed("?", &mine)).unwrap();
    assert_eq!(v["status"], "error");
    assert_eq!(v["error"], json!({"kind": "invalid_utf8"}));
    assert_eq!(
        v["units"],
        json!({"province": null, "district": null, "commune": null})
    );
}

#[test]
fn addresses() {
    let a = parse("Phường 1, Quận 3, TP.HCM").unwrap();
    assert_eq!(
        to_json(&a),
        r#"{"input":"Phường 1, Quận 3, TP.HCM","status":"ok","structure":"legacy","units":{"province":{"code":"79","name":"Thành phố Hồ Chí Minh"},"district":{"code":"770","name":"Quận 3"},"commune":{"code":"27160","name":"Phường 1"}},"alternatives":[],"rest":"","error":null}"#
    );
    // Ambiguous: the other readings.
    let a = parse("Phường 1").unwrap();
    let v: Value = serde_json::to_value(&a).unwrap();
    assert_eq!(v["status"], "ambiguous");
    assert_eq!(
        v["alternatives"].as_array().unwrap().len(),
        a.readings().len() - 1
    );
    assert_eq!(
        v["alternatives"][0],
        serde_json::to_value(a.readings()[1]).unwrap()
    );
    // Current units on a date.
    let a = parse("Xã Long Thành, Đồng Nai").unwrap();
    let v: Value = serde_json::to_value(AsOf::new(&a, Some(Date::REFORM))).unwrap();
    assert_eq!(
        v["units"],
        json!({"province": {"code": "75", "name": "Tỉnh Đồng Nai"}, "district": null,
               "commune": {"code": "26368", "name": "Xã Long Thành"}})
    );
    let r = parse("Xã Long Thành, Đồng Nai");
    let o = address::Outcome::new("Xã Long Thành, Đồng Nai", &r);
    assert_eq!(
        to_json(&AsOf::new(o, Some(Date::REFORM))),
        to_json(&AsOf::new(&a, Some(Date::REFORM)))
    );
    assert_eq!(to_json(&o), to_json(&a));
}

#[test]
fn legacy_forms() {
    let forms = reverse_address("12 Lê Lợi, Phường Sài Gòn, TP.HCM").unwrap();
    let f = forms.iter().find(|f| f.share() == Share::Whole).unwrap();
    assert_eq!(
        to_json(f),
        r#"{"rest":"12 Lê Lợi","commune":{"code":"26740","name":"Phường Bến Nghé"},"district":{"code":"760","name":"Quận 1"},"province":{"code":"79","name":"Thành phố Hồ Chí Minh"},"share":"whole","formatted":"12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"}"#
    );
}
