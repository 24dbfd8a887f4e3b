//! API v2 compatibility: one test per endpoint, with the expectations of the provinces
//! web API's documented behaviour (server/COMPAT.md §3, §7) and of dvhc's data.

mod common;
use common::*;
use serde_json::{json, Value};

const PROVINCE_KEYS: &[&str] = &[
    "name",
    "code",
    "division_type",
    "codename",
    "phone_code",
    "wards",
];
const WARD_KEYS: &[&str] = &["name", "code", "division_type", "codename", "province_code"];
const LEGACY_WARD_KEYS: &[&str] = &[
    "name",
    "code",
    "division_type",
    "codename",
    "district_code",
    "province_code",
];

fn codes(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_u64().unwrap())
        .collect()
}

fn ward_codes(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["ward"]["code"].as_u64().unwrap())
        .collect()
}

#[test]
fn root_depth_1_lists_the_34_provinces() {
    let s = start();
    let r = get(s.addr, "/api/v2/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    let c = codes(&v);
    assert_eq!(c.len(), 34);
    assert!(c.windows(2).all(|w| w[0] < w[1]), "ascending by code");
    assert_eq!(keys_in_order(&first_element(&r.body)), PROVINCE_KEYS);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["wards"] == json!([])));
    // Names and kinds in force today: 9 centrally governed cities after 2026.
    let cities = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["division_type"] == "thành phố trung ương")
        .count();
    assert_eq!(cities, 9);
    assert_eq!(get(s.addr, "/api/v2/?depth=1").body, r.body);
}

#[test]
fn root_depth_2_is_the_whole_tree() {
    let s = start();
    let r = get(s.addr, "/api/v2/?depth=2");
    assert_eq!(r.status, 200);
    let v = r.json();
    let provinces = v.as_array().unwrap();
    assert_eq!(provinces.len(), 34);
    let first = first_element(&r.body);
    // The file's shape (COMPAT.md §3.1): codename before division_type, no
    // province_code, short_codename.
    assert_eq!(
        keys_in_order(&first),
        [
            "name",
            "code",
            "codename",
            "division_type",
            "phone_code",
            "wards"
        ]
    );
    let ward = element(&member(&first, "wards"), 0);
    assert_eq!(
        keys_in_order(&ward),
        [
            "name",
            "code",
            "codename",
            "division_type",
            "short_codename"
        ]
    );
    let hanoi = &provinces[0];
    assert_eq!(
        (&hanoi["codename"], &hanoi["phone_code"]),
        (&json!("ha_noi"), &json!(24))
    );
    let ba_dinh = &hanoi["wards"][0];
    assert_eq!(ba_dinh["name"], "Phường Ba Đình");
    assert_eq!(ba_dinh["codename"], "phuong_ba_dinh");
    assert_eq!(ba_dinh["short_codename"], "ba_dinh");
    // Upstream's file loses a leading "Phượng" (COMPAT.md §5.3); dvhc does not.
    let phuong_duc = provinces
        .iter()
        .flat_map(|p| p["wards"].as_array().unwrap())
        .find(|w| w["name"] == "Xã Phượng Dực")
        .unwrap();
    assert_eq!(phuong_duc["short_codename"], "phuong_duc");
    let total: usize = provinces
        .iter()
        .map(|p| p["wards"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 3321);
    for p in provinces {
        let c = codes(&p["wards"]);
        assert!(c.windows(2).all(|w| w[0] < w[1]), "wards ascending");
    }
}

#[test]
fn root_depth_out_of_range_is_422() {
    let s = start();
    let r = get(s.addr, "/api/v2/?depth=3");
    assert_eq!(r.status, 422);
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    let v = r.json();
    assert_eq!(v["type"], "request-validation-failed");
    assert_eq!(v["status"], 422);
    assert_eq!(v["errors"][0]["type"], "less_than_equal");
    assert_eq!(v["errors"][0]["loc"], json!(["query", "depth"]));
    assert_eq!(v["errors"][0]["input"], "3");
    assert_eq!(v["errors"][0]["ctx"], json!({"le": 2}));
    assert!(v.get("detail").is_none());
    let v = get(s.addr, "/api/v2/?depth=0").json();
    assert_eq!(v["errors"][0]["type"], "greater_than_equal");
    assert_eq!(v["errors"][0]["ctx"], json!({"ge": 1}));
    let v = get(s.addr, "/api/v2/?depth=abc").json();
    assert_eq!(v["errors"][0]["type"], "int_parsing");
    // The last of repeated parameters wins.
    let r = get(s.addr, "/api/v2/?depth=3&depth=2");
    assert_eq!(r.status, 200);
    assert!(r.json()[0]["wards"].as_array().unwrap().len() > 10);
}

#[test]
fn provinces_list_and_search() {
    let s = start();
    let r = get(s.addr, "/api/v2/p/");
    assert_eq!(r.status, 200);
    assert_eq!(codes(&r.json()).len(), 34);
    assert_eq!(r.body, get(s.addr, "/api/v2/").body);
    // Upstream test: search=Hà Nội is non-empty; diacritics do not matter.
    for q in ["H%C3%A0%20N%E1%BB%99i", "ha+noi", "HA%20NOI"] {
        let r = get(s.addr, &format!("/api/v2/p/?search={q}"));
        assert_eq!(codes(&r.json())[0], 1, "{q}");
        assert_eq!(keys_in_order(&first_element(&r.body)), PROVINCE_KEYS);
    }
    // dvhc's search knows abbreviations and aliases (a documented difference).
    assert_eq!(codes(&get(s.addr, "/api/v2/p/?search=hcm").json())[0], 79);
    assert_eq!(
        codes(&get(s.addr, "/api/v2/p/?search=S%C3%A0i%20G%C3%B2n").json())[0],
        79
    );
    // A prefix finds the provinces it starts, best first.
    let ha = codes(&get(s.addr, "/api/v2/p/?search=ha").json());
    assert!(ha.contains(&1) && ha.contains(&42), "{ha:?}");
    // No match: an empty list, never 404.
    let r = get(s.addr, "/api/v2/p/?search=zzzz");
    assert_eq!((r.status, r.json()), (200, json!([])));
    // Blank: all of them.
    assert_eq!(
        codes(&get(s.addr, "/api/v2/p/?search=%20").json()).len(),
        34
    );
}

#[test]
fn province_by_code() {
    let s = start();
    let r = get(s.addr, "/api/v2/p/1");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(keys_in_order(&r.text()), PROVINCE_KEYS);
    assert_eq!(v["code"], 1);
    assert_eq!(v["name"], "Thành phố Hà Nội");
    assert_eq!(v["division_type"], "thành phố trung ương");
    // v2 province codenames have no kind word (COMPAT.md §5.2, §5.4).
    assert_eq!(v["codename"], "ha_noi");
    assert_eq!(v["phone_code"], 24);
    assert_eq!(v["wards"], json!([]));
    let v = get(s.addr, "/api/v2/p/79").json();
    assert_eq!(
        (&v["codename"], &v["phone_code"]),
        (&json!("ho_chi_minh"), &json!(28))
    );
    let v = get(s.addr, "/api/v2/p/46").json();
    assert_eq!(
        (&v["codename"], &v["phone_code"]),
        (&json!("hue"), &json!(234))
    );
    // Bắc Ninh: the code of the old province whose name it bears (222), not 204.
    assert_eq!(get(s.addr, "/api/v2/p/24").json()["phone_code"], 222);
    // Quảng Ninh became a centrally governed city on 2026-09-01; its codename has
    // no kind word, so it did not change.
    let v = get(s.addr, "/api/v2/p/22").json();
    assert_eq!(v["name"], "Thành phố Quảng Ninh");
    assert_eq!(v["codename"], "quang_ninh");
    assert_eq!(v["division_type"], "thành phố trung ương");
    // Depth 2: every ward of the province, with province_code, by code.
    let r = get(s.addr, "/api/v2/p/1?depth=2");
    let v = r.json();
    let wards = v["wards"].as_array().unwrap();
    let hanoi = dvhc::Province::get("01".parse().unwrap()).unwrap();
    assert_eq!(wards.len(), hanoi.communes().len());
    assert!(wards.iter().all(|w| w["province_code"] == 1));
    assert_eq!(
        keys_in_order(&element(&member(&r.text(), "wards"), 0)),
        WARD_KEYS
    );
    let c = codes(&v["wards"]);
    assert!(c.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(get(s.addr, "/api/v2/p/1?depth=3").status, 422);
}

#[test]
fn province_codes_are_read_as_upstream_reads_integers() {
    let s = start();
    for t in ["01", "+1", "1.0", "%201"] {
        let r = get(s.addr, &format!("/api/v2/p/{t}"));
        assert_eq!((r.status, r.json()["code"].clone()), (200, json!(1)), "{t}");
    }
    for t in ["1.5", "abc", "%FF"] {
        let r = get(s.addr, &format!("/api/v2/p/{t}"));
        assert_eq!(r.status, 422, "{t}");
        let v = r.json();
        assert_eq!(v["errors"][0]["type"], "int_parsing");
        assert_eq!(v["errors"][0]["loc"], json!(["path", "code"]));
    }
    assert_eq!(
        get(s.addr, "/api/v2/p/abc").json()["errors"][0]["input"],
        "abc"
    );
    let r = get(s.addr, "/api/v2/p/99999999999999999999999");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"type": "province-not-exist", "title": "Province not exist", "status": 404,
               "detail": "No province has code 99999999999999999999999"})
    );
    assert_eq!(
        get(s.addr, "/api/v2/p/99").json()["detail"],
        "No province has code 99"
    );
    assert_eq!(get(s.addr, "/api/v2/p/-1").status, 404);
    assert_eq!(
        get(s.addr, "/api/v2/p/+007").json()["detail"],
        "No province has code 7"
    );
}

#[test]
fn wards_list_filter_and_search() {
    let s = start();
    // Upstream test 13: the full list (upstream itself returns [] here, a bug).
    let r = get(s.addr, "/api/v2/w/");
    let c = codes(&r.json());
    assert_eq!(c.len(), 3321);
    assert!(c.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(keys_in_order(&first_element(&r.body)), WARD_KEYS);
    // Upstream test 14: the first ward by code.
    let r = get(s.addr, &format!("/api/v2/w/{}", c[0]));
    assert_eq!(r.status, 200);
    // One province's wards.
    let v = get(s.addr, "/api/v2/w/?province=1").json();
    let hanoi = dvhc::Province::get("01".parse().unwrap()).unwrap();
    assert_eq!(codes(&v).len(), hanoi.communes().len());
    // Search, sorted by code.
    assert_eq!(
        codes(&get(s.addr, "/api/v2/w/?search=S%C3%A0i+G%C3%B2n").json()),
        [26740]
    );
    assert_eq!(
        codes(&get(s.addr, "/api/v2/w/?search=sai+gon&province=79").json()),
        [26740]
    );
    assert_eq!(
        get(s.addr, "/api/v2/w/?search=sai+gon&province=1").json(),
        json!([])
    );
    // Bến Nghé no longer exists.
    assert_eq!(get(s.addr, "/api/v2/w/?search=ben+nghe").json(), json!([]));
    let v = get(s.addr, "/api/v2/w/?search=ba+dinh").json();
    let c = codes(&v);
    assert!(c.contains(&4) && c.windows(2).all(|w| w[0] < w[1]), "{c:?}");
    // An unknown province: the same request without it.
    let r = get(s.addr, "/api/v2/w/?province=99&search=x");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/api/v2/w/?search=x"));
    let r = get(s.addr, "/api/v2/w/?province=-5");
    assert_eq!((r.status, r.header("location")), (307, Some("/api/v2/w/")));
    assert_eq!(
        get(s.addr, "/api/v2/w/?province=0")
            .json()
            .as_array()
            .unwrap()
            .len(),
        3321
    );
    assert_eq!(get(s.addr, "/api/v2/w/?province=abc").status, 422);
}

#[test]
fn ward_by_code() {
    let s = start();
    let r = get(s.addr, "/api/v2/w/26740");
    assert_eq!(r.status, 200);
    assert_eq!(keys_in_order(&r.text()), WARD_KEYS);
    assert_eq!(
        r.json(),
        json!({"name": "Phường Sài Gòn", "code": 26740, "division_type": "phường",
               "codename": "phuong_sai_gon", "province_code": 79})
    );
    // Official spelling: the curly apostrophe; the codename drops it.
    let v = get(s.addr, "/api/v2/w/24184").json();
    assert_eq!(v["name"], "Xã Ea H’Leo");
    assert_eq!(v["codename"], "xa_ea_hleo");
    assert_eq!(
        get(s.addr, "/api/v2/w/06994").json()["codename"],
        "dac_khu_van_don"
    );
    assert_eq!(
        get(s.addr, "/api/v2/w/26732").json()["division_type"],
        "đặc khu"
    );
    let r = get(s.addr, "/api/v2/w/1");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"type": "ward-not-exist", "title": "Ward not exist", "status": 404, "detail": "No ward has code 1"})
    );
    assert_eq!(get(s.addr, "/api/v2/w/abc").status, 422);
}

#[test]
fn from_legacy() {
    let s = start();
    let r = get(s.addr, "/api/v2/w/from-legacy/?legacy_code=26740");
    let v = r.json();
    assert_eq!(
        v,
        json!([{"source_code": 26740, "ward": {"name": "Phường Sài Gòn", "code": 26740,
                 "division_type": "phường", "codename": "phuong_sai_gon", "province_code": 79}}])
    );
    assert_eq!(
        keys_in_order(&first_element(&r.body)),
        ["source_code", "ward"]
    );
    assert_eq!(
        keys_in_order(&member(&first_element(&r.body), "ward")),
        WARD_KEYS
    );
    // Cửa Nam was split four ways.
    let v = get(s.addr, "/api/v2/w/from-legacy/?legacy_code=73").json();
    let mut c = ward_codes(&v);
    c.sort_unstable();
    assert_eq!(c, [4, 70, 82, 226]);
    assert!(v.as_array().unwrap().iter().all(|x| x["source_code"] == 73));
    // By name, nationwide; upstream test 19.
    let v = get(
        s.addr,
        "/api/v2/w/from-legacy/?legacy_name=B%E1%BA%BFn+Ngh%C3%A9",
    )
    .json();
    assert_eq!(ward_codes(&v), [26740]);
    assert_eq!(v[0]["source_code"], 26740);
    let r = get(
        s.addr,
        "/api/v2/w/from-legacy/?legacy_name=Ba%20%C4%90%C3%ACnh",
    );
    assert_eq!(r.status, 200);
    assert!(!r.json().as_array().unwrap().is_empty());
    // The code wins over the name.
    let v = get(
        s.addr,
        "/api/v2/w/from-legacy/?legacy_code=26740&legacy_name=Ba%20%C4%90%C3%ACnh",
    )
    .json();
    assert_eq!(ward_codes(&v), [26740]);
    // Nothing asked, an unknown code, a ward-less island district's code: [].
    for q in [
        "",
        "?legacy_code=0",
        "?legacy_code=999999",
        "?legacy_code=318",
        "?legacy_code=-4",
    ] {
        let r = get(s.addr, &format!("/api/v2/w/from-legacy/{q}"));
        assert_eq!((r.status, r.json()), (200, json!([])), "{q}");
    }
    // Each current ward once.
    let v = get(s.addr, "/api/v2/w/from-legacy/?legacy_name=phuong+1").json();
    let c = ward_codes(&v);
    let mut d = c.clone();
    d.sort_unstable();
    d.dedup();
    assert_eq!(c.len(), d.len());
    assert_eq!(
        get(s.addr, "/api/v2/w/from-legacy/?legacy_code=x").status,
        422
    );
}

#[test]
fn to_legacies() {
    let s = start();
    let r = get(s.addr, "/api/v2/w/26740/to-legacies/");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(codes(&v), [26737, 26740, 26746]);
    assert_eq!(keys_in_order(&first_element(&r.body)), LEGACY_WARD_KEYS);
    assert_eq!(
        v[0],
        json!({"name": "Phường Đa Kao", "code": 26737, "division_type": "phường",
               "codename": "phuong_da_kao", "district_code": 760, "province_code": 79})
    );
    // Upstream test 16: Phường Ba Đình, formed from parts of 10 old wards.
    let v = get(s.addr, "/api/v2/w/4/to-legacies/").json();
    let ba_dinh = dvhc::Commune::get("00004".parse().unwrap()).unwrap();
    assert_eq!(codes(&v).len(), ba_dinh.predecessors().len());
    assert_eq!(&codes(&v)[..3], [4, 13, 16]);
    // Upstream tests 17 and 18.
    assert!(!get(s.addr, "/api/v2/w/26710/to-legacies/")
        .json()
        .as_array()
        .unwrap()
        .is_empty());
    let r = get(s.addr, "/api/v2/w/999999/to-legacies/");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["type"], "ward-not-exist");
    // A special zone formed from a ward-less island district.
    assert_eq!(
        get(s.addr, "/api/v2/w/11948/to-legacies/").json(),
        json!([])
    );
}

#[test]
fn slash_redirects_keep_the_query() {
    let s = start();
    for (from, to) in [
        ("/api/v2", "/api/v2/"),
        ("/api/v2?depth=2", "/api/v2/?depth=2"),
        ("/api/v2/p", "/api/v2/p/"),
        ("/api/v2/p?search=ha", "/api/v2/p/?search=ha"),
        ("/api/v2/p/1/", "/api/v2/p/1"),
        ("/api/v2/p/1/?depth=2", "/api/v2/p/1?depth=2"),
        ("/api/v2/w", "/api/v2/w/"),
        ("/api/v2/w/4/", "/api/v2/w/4"),
        ("/api/v2/w/4/to-legacies", "/api/v2/w/4/to-legacies/"),
        // Upstream answers 422 here (route shadowing); dvhc redirects.
        (
            "/api/v2/w/from-legacy?legacy_code=73",
            "/api/v2/w/from-legacy/?legacy_code=73",
        ),
        ("/api", "/api/"),
        ("/api/", "/api/v1/"),
    ] {
        let r = get(s.addr, from);
        assert_eq!(r.status, 307, "{from}");
        assert_eq!(r.header("location"), Some(to), "{from}");
        assert!(r.body.is_empty());
    }
}

#[test]
fn unknown_paths_are_problem_404s() {
    let s = start();
    for t in [
        "/api/v2/version",
        "/api/v2/d/",
        "/api/v2/p/1/x",
        "/api/v2//p/",
        "/api/v3/",
    ] {
        let r = get(s.addr, t);
        assert_eq!(r.status, 404, "{t}");
        assert_eq!(r.header("content-type"), Some("application/problem+json"));
        assert_eq!(
            r.json(),
            json!({"type": "http-not-found", "title": "Not Found", "status": 404, "detail": "Not Found"})
        );
    }
}
