//! API v1 compatibility: one test per endpoint, with the expectations of the provinces
//! web API's documented behaviour (server/COMPAT.md §4, §7) and of dvhc's data.

mod common;
use common::*;
use serde_json::{json, Value};

const PROVINCE_KEYS: &[&str] = &[
    "name",
    "code",
    "division_type",
    "codename",
    "phone_code",
    "districts",
];
const DISTRICT_KEYS: &[&str] = &[
    "name",
    "code",
    "division_type",
    "codename",
    "province_code",
    "wards",
];
const WARD_KEYS: &[&str] = &["name", "code", "division_type", "codename", "district_code"];

fn codes(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_u64().unwrap())
        .collect()
}

#[test]
fn root_and_provinces() {
    let s = start();
    // Upstream test 1.
    let r = get(s.addr, "/api/v1/p/");
    assert_eq!(r.status, 200);
    let v = r.json();
    let c = codes(&v);
    assert_eq!(c.len(), 63);
    assert!(c.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(keys_in_order(&first_element(&r.body)), PROVINCE_KEYS);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["districts"] == json!([])));
    assert_eq!(get(s.addr, "/api/v1/").body, r.body);
    assert_eq!(get(s.addr, "/api/v1/?depth=1").body, r.body);
    // Correct kinds (upstream sends "tỉnh" for all 63): 6 cities on 2025-06-30.
    let cities = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["division_type"] == "thành phố trung ương")
        .count();
    assert_eq!(cities, 6);
}

#[test]
fn root_depths_2_and_3() {
    let s = start();
    // Depth 2: upstream answers 500 here; dvhc answers with the districts.
    let r = get(s.addr, "/api/v1/?depth=2");
    assert_eq!(r.status, 200);
    let v = r.json();
    let districts: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["districts"].as_array().unwrap())
        .collect();
    assert_eq!(districts.len(), 696);
    assert!(districts.iter().all(|d| d["wards"] == json!([])));
    // Depth 3: the whole tree in the shape of upstream's file.
    let r = get(s.addr, "/api/v1/?depth=3");
    assert_eq!(r.status, 200);
    let first = first_element(&r.body);
    assert_eq!(
        keys_in_order(&first),
        [
            "name",
            "code",
            "codename",
            "division_type",
            "phone_code",
            "districts"
        ]
    );
    let district = element(&member(&first, "districts"), 0);
    assert_eq!(
        keys_in_order(&district),
        [
            "name",
            "code",
            "codename",
            "division_type",
            "short_codename",
            "wards"
        ]
    );
    assert_eq!(
        keys_in_order(&element(&member(&district, "wards"), 0)),
        [
            "name",
            "code",
            "codename",
            "division_type",
            "short_codename"
        ]
    );
    let v = r.json();
    // short_codename (COMPAT.md §5.3): the bare name's slug; numbered names and a
    // unit beside a namesake of the same or a higher kind keep the kind word.
    let hanoi = &v[0];
    assert_eq!(
        (&hanoi["codename"], &hanoi["phone_code"]),
        (&json!("thanh_pho_ha_noi"), &json!(24))
    );
    let ba_dinh = &hanoi["districts"][0];
    assert_eq!(
        (&ba_dinh["codename"], &ba_dinh["short_codename"]),
        (&json!("quan_ba_dinh"), &json!("ba_dinh"))
    );
    let phuc_xa = &ba_dinh["wards"][0];
    assert_eq!(
        (&phuc_xa["codename"], &phuc_xa["short_codename"]),
        (&json!("phuong_phuc_xa"), &json!("phuc_xa"))
    );
    let district = |p: &Value, code: u64| {
        p["districts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .unwrap()
            .clone()
    };
    let gia_lam = district(hanoi, 18);
    let short_of = |d: &Value, code: u64| {
        d["wards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["code"] == code)
            .unwrap()["short_codename"]
            .clone()
    };
    assert_eq!(short_of(&gia_lam, 526), "yen_vien"); // Thị trấn Yên Viên
    assert_eq!(short_of(&gia_lam, 532), "xa_yen_vien"); // Xã Yên Viên
                                                        // Same kind, names differing only in diacritics: both keep the kind word.
    let yen_bai = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == 15)
        .unwrap();
    let tran_yen = district(yen_bai, 138);
    assert_eq!(short_of(&tran_yen, 4516), "xa_minh_quan"); // Xã Minh Quán
    assert_eq!(short_of(&tran_yen, 4567), "xa_minh_quan"); // Xã Minh Quân
    let hcm = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == 79)
        .unwrap();
    assert_eq!(hcm["phone_code"], 28);
    let quan_1 = district(hcm, 760);
    assert_eq!(quan_1["short_codename"], "quan_1");
    assert_eq!(short_of(&district(hcm, 770), 27127), "phuong_14"); // Quận 3, Phường 14
    let wards: usize = v
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["districts"].as_array().unwrap())
        .map(|d| d["wards"].as_array().unwrap().len())
        .sum();
    assert_eq!(wards, 10_035);
    let r = get(s.addr, "/api/v1/?depth=4");
    assert_eq!(r.status, 422);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    assert_eq!(v["detail"][0]["type"], "less_than_equal");
    assert_eq!(v["detail"][0]["ctx"], json!({"le": 3}));
    assert_eq!(v["detail"][0]["loc"], json!(["query", "depth"]));
}

#[test]
fn province_by_code() {
    let s = start();
    // Upstream test 2.
    let r = get(s.addr, "/api/v1/p/1");
    assert_eq!(r.status, 200);
    assert_eq!(keys_in_order(&r.text()), PROVINCE_KEYS);
    assert_eq!(
        r.json(),
        json!({"name": "Thành phố Hà Nội", "code": 1, "division_type": "thành phố trung ương",
               "codename": "thanh_pho_ha_noi", "phone_code": 24, "districts": []})
    );
    // Area codes of the pre-2025 provinces (COMPAT.md §5.4): Bắc Giang 204, Cao Bằng 206.
    assert_eq!(get(s.addr, "/api/v1/p/24").json()["phone_code"], 204);
    let v = get(s.addr, "/api/v1/p/4").json();
    assert_eq!(
        (&v["codename"], &v["phone_code"]),
        (&json!("tinh_cao_bang"), &json!(206))
    );
    // The first-party demo's call: depth 2 fills the district picker.
    let r = get(s.addr, "/api/v1/p/79?depth=2");
    let v = r.json();
    let d = &v["districts"];
    assert!(d.as_array().unwrap().iter().any(|d| d["name"] == "Quận 1"));
    assert_eq!(
        keys_in_order(&element(&member(&r.text(), "districts"), 0)),
        DISTRICT_KEYS
    );
    assert!(d
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["wards"] == json!([])));
    let v = get(s.addr, "/api/v1/p/79?depth=3").json();
    assert!(v["districts"][0]["wards"].as_array().unwrap().len() > 5);
    let r = get(s.addr, "/api/v1/p/99");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json(), json!({"detail": "invalid-province-code"}));
    assert_eq!(
        get(s.addr, "/api/v1/p/99999999999999999999").json(),
        json!({"detail": "invalid-province-code"})
    );
    let v = get(s.addr, "/api/v1/p/abc").json();
    assert_eq!(v["detail"][0]["type"], "int_parsing");
    assert_eq!(v["detail"][0]["input"], "abc");
}

#[test]
fn districts() {
    let s = start();
    // Upstream test 4 (a 500 upstream): all 696 districts, by province then code.
    let v = get(s.addr, "/api/v1/d/").json();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 696);
    let pc: Vec<u64> = all
        .iter()
        .map(|d| d["province_code"].as_u64().unwrap())
        .collect();
    assert!(pc.windows(2).all(|w| w[0] <= w[1]));
    // Upstream test 5.
    let r = get(s.addr, "/api/v1/d/1");
    assert_eq!(r.status, 200);
    assert_eq!(keys_in_order(&r.text()), DISTRICT_KEYS);
    assert_eq!(
        r.json(),
        json!({"name": "Quận Ba Đình", "code": 1, "division_type": "quận",
               "codename": "quan_ba_dinh", "province_code": 1, "wards": []})
    );
    let v = get(s.addr, "/api/v1/d/1?depth=2").json();
    let wards = v["wards"].as_array().unwrap();
    assert!(wards.iter().any(|w| w["name"] == "Phường Phúc Xá"));
    assert!(wards.iter().all(|w| w["district_code"] == 1));
    // The 5 island districts without communes are found (404 upstream).
    let v = get(s.addr, "/api/v1/d/318?depth=2").json();
    assert_eq!(
        (v["name"].as_str(), v["wards"].clone()),
        (Some("Huyện Bạch Long Vĩ"), json!([]))
    );
    assert_eq!(get(s.addr, "/api/v1/d/1?depth=3").status, 422);
    assert_eq!(
        get(s.addr, "/api/v1/d/999").json(),
        json!({"detail": "invalid-district-code"})
    );
}

#[test]
fn wards() {
    let s = start();
    // Upstream test 7: every ward, in province, district, ward order.
    let r = get(s.addr, "/api/v1/w/");
    let v = r.json();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 10_035);
    assert_eq!(keys_in_order(&first_element(&r.body)), WARD_KEYS);
    let expected: Vec<u64> = dvhc::legacy::Province::all()
        .iter()
        .flat_map(|p| p.districts())
        .flat_map(|d| d.communes())
        .map(|c| u64::from(c.code().get()))
        .collect();
    assert_eq!(codes(&v), expected);
    // Upstream test 8.
    let r = get(s.addr, "/api/v1/w/1");
    assert_eq!(r.status, 200);
    assert_eq!(keys_in_order(&r.text()), WARD_KEYS);
    assert_eq!(
        r.json(),
        json!({"name": "Phường Phúc Xá", "code": 1, "division_type": "phường",
               "codename": "phuong_phuc_xa", "district_code": 1})
    );
    assert_eq!(
        get(s.addr, "/api/v1/w/26740").json()["name"],
        "Phường Bến Nghé"
    );
    assert_eq!(
        get(s.addr, "/api/v1/w/1000000").json(),
        json!({"detail": "invalid-ward-code"})
    );
}

#[test]
fn search_provinces() {
    let s = start();
    // Upstream test 3.
    let r = get(s.addr, "/api/v1/p/search/?q=H%C3%A0%20N%E1%BB%99i");
    assert_eq!(r.status, 200);
    assert_eq!(
        keys_in_order(&first_element(&r.body)),
        ["name", "code", "matches"]
    );
    let v = r.json();
    assert_eq!(v[0]["code"], 1);
    assert_eq!(v[0]["matches"], json!({"ha": [10, 12], "noi": [13, 16]}));
    // Old provinces by old names.
    assert_eq!(
        get(s.addr, "/api/v1/p/search/?q=ha+giang").json()[0]["code"],
        2
    );
}

#[test]
fn search_districts() {
    let s = start();
    // Upstream test 6.
    assert!(!get(s.addr, "/api/v1/d/search/?q=Ho%C3%A0n%20Ki%E1%BA%BFm")
        .json()
        .as_array()
        .unwrap()
        .is_empty());
    // COMPAT.md §4.6, observed upstream.
    assert_eq!(
        get(s.addr, "/api/v1/d/search/?q=hoan+kiem&p=1").json(),
        json!([{"name": "Quận Hoàn Kiếm", "code": 2, "matches": {"hoan": [5, 9], "kiem": [10, 14]}}])
    );
    assert_eq!(
        get(s.addr, "/api/v1/d/search/?q=hoan+kiem&p=2").json(),
        json!([])
    );
    assert_eq!(get(s.addr, "/api/v1/d/search/?q=hoan+kiem&p=x").status, 422);
}

#[test]
fn search_wards() {
    let s = start();
    // Upstream test 9.
    let v = get(s.addr, "/api/v1/w/search/?q=Ph%C3%BAc%20X%C3%A1").json();
    assert_eq!(v[0]["name"], "Phường Phúc Xá");
    // COMPAT.md §4.9: Bến Nghé first.
    let v = get(s.addr, "/api/v1/w/search/?q=ben+nghe&p=79").json();
    assert_eq!(
        v[0],
        json!({"name": "Phường Bến Nghé", "code": 26740, "matches": {"ben": [7, 10], "nghe": [11, 15]}})
    );
    // Required terms.
    let v = get(s.addr, "/api/v1/w/search/?q=%2Bben%20%2Bnghe").json();
    assert_eq!(codes(&v), [26740]);
    // Excluded terms and prefixes.
    let v = get(s.addr, "/api/v1/w/search/?q=ben*+-nghe&d=760").json();
    let c = codes(&v);
    assert!(c.contains(&26743) && !c.contains(&26740), "{c:?}");
    // The district filter wins over the province filter.
    let v = get(s.addr, "/api/v1/w/search/?q=ben+nghe&d=760&p=1").json();
    assert_eq!(codes(&v), [26740]);
    assert_eq!(
        get(s.addr, "/api/v1/w/search/?q=ben+nghe&d=761").json(),
        json!([])
    );
    // No English stop words: "An" finds the An … wards.
    assert!(!get(s.addr, "/api/v1/w/search/?q=an")
        .json()
        .as_array()
        .unwrap()
        .is_empty());
    // Blank → [], missing → 422 with FastAPI's shape, bad syntax → its own 422.
    assert_eq!(get(s.addr, "/api/v1/w/search/?q=").json(), json!([]));
    assert_eq!(get(s.addr, "/api/v1/w/search/?q=%20").json(), json!([]));
    let r = get(s.addr, "/api/v1/w/search/");
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "missing", "loc": ["query", "q"], "msg": "Field required", "input": null}]})
    );
    for q in ["foo:ha", "%2B", "-"] {
        let r = get(s.addr, &format!("/api/v1/w/search/?q={q}"));
        assert_eq!(r.status, 422, "{q}");
        assert_eq!(r.json(), json!({"detail": "unrecognized-search-query"}));
    }
    let long = "a".repeat(300);
    assert_eq!(
        get(s.addr, &format!("/api/v1/w/search/?q={long}")).status,
        422
    );
}

#[test]
fn version_and_errors() {
    let s = start();
    let r = get(s.addr, "/api/v1/version");
    assert_eq!(r.json(), json!({"data_version": "2025-06-30"}));
    let r = get(s.addr, "/api/v1/nothing");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json(), json!({"detail": "Not Found"}));
    // The search routes without their slash redirect (upstream: 422).
    for (from, to) in [
        ("/api/v1/p/search?q=x", "/api/v1/p/search/?q=x"),
        ("/api/v1/d/search", "/api/v1/d/search/"),
        ("/api/v1/w/search?q=ben", "/api/v1/w/search/?q=ben"),
        ("/api/v1/version/", "/api/v1/version"),
        ("/api/v1", "/api/v1/"),
        ("/api/v1/p/1/?depth=2", "/api/v1/p/1?depth=2"),
    ] {
        let r = get(s.addr, from);
        assert_eq!((r.status, r.header("location")), (307, Some(to)), "{from}");
    }
}
