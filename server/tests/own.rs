//! dvhc's own endpoints (`/dvhc/…`): the bodies are exactly the library's
//! serialisations (the shapes' one home), GET for one item and POST for a batch;
//! and every bad request gets its 4xx.

mod common;
use common::*;
use dvhc::search::{Mode, Search};
use dvhc::translate::{Outcome, Translator};
use dvhc::{address, AsOf, Date, Era, Unit};
use serde_json::{json, Value};

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn post(addr: std::net::SocketAddr, target: &str, body: &str) -> Resp {
    request(
        addr,
        "POST",
        target,
        "Content-Type: application/json\r\n",
        body.as_bytes(),
    )
}

const ADDRESSES: &[&str] = &[
    "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
    "P. Đa Kao, Q1, TP HCM",
    "so 5 ap 2 xa tan thanh huyen thu thua long an",
    "Phường Sài Gòn, Thành phố Hồ Chí Minh",
    "",
    "Phường Xyz, Quận 1, TP.HCM",
];

#[test]
fn translate_is_the_librarys_outcome() {
    let s = start();
    let t = Translator::new().with_locator(dvhc_geo::Boundaries);
    for a in ADDRESSES {
        let r = get(s.addr, &format!("/dvhc/translate?q={}", enc(a)));
        assert_eq!(r.status, 200, "{a}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        let result = t.translate(a);
        let expected = serde_json::to_string(&Outcome::new(a, &result)).unwrap();
        assert_eq!(r.text(), expected, "{a}");
    }
    // Names in force on a date, and a point that resolves a split commune.
    let a = "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai";
    let on = Date::new(2025, 7, 1).unwrap();
    let r = get(
        s.addr,
        &format!("/dvhc/translate?q={}&on=2025-07-01", enc(a)),
    );
    let result = t.clone().on(on).translate(a);
    assert_eq!(
        r.text(),
        serde_json::to_string(&Outcome::new(a, &result)).unwrap()
    );
    let a = "P. Đa Kao, Q1, TP HCM";
    let r = get(
        s.addr,
        &format!("/dvhc/translate?q={}&lat=10.79&lon=106.69", enc(a)),
    );
    let result = t.translate_at(a, 10.79, 106.69);
    assert_eq!(
        r.text(),
        serde_json::to_string(&Outcome::new(a, &result)).unwrap()
    );
    assert_eq!(r.json()["status"], "ok");
    for q in [
        "lat=10.79",
        "lon=106.69",
        "lat=10.79&lon=200",
        "lat=x&lon=1",
    ] {
        let r = get(s.addr, &format!("/dvhc/translate?q=Hu%E1%BA%BF&{q}"));
        assert_eq!(r.status, 422, "{q}");
    }
    // Batch: the same objects, in order.
    let body = serde_json::to_string(ADDRESSES).unwrap();
    let r = post(s.addr, "/dvhc/translate", &body);
    assert_eq!(r.status, 200);
    let items = r.json();
    assert_eq!(items.as_array().unwrap().len(), ADDRESSES.len());
    for (i, a) in ADDRESSES.iter().enumerate() {
        let one = get(s.addr, &format!("/dvhc/translate?q={}", enc(a))).json();
        assert_eq!(items[i], one, "{a}");
    }
}

#[test]
fn parse_is_the_librarys_outcome() {
    let s = start();
    for a in ADDRESSES {
        let r = get(s.addr, &format!("/dvhc/parse?q={}", enc(a)));
        assert_eq!(r.status, 200);
        let result = address::parse(a);
        let expected =
            serde_json::to_string(&AsOf::new(address::Outcome::new(a, &result), None)).unwrap();
        assert_eq!(r.text(), expected, "{a}");
    }
    let r = post(s.addr, "/dvhc/parse", r#"["Phường 1, TP.HCM", "Huế"]"#);
    let v = r.json();
    assert_eq!(v[0]["status"], "ambiguous");
    assert_eq!(v[1]["status"], "ok");
}

#[test]
fn search_is_the_librarys_hits() {
    let s = start();
    let r = get(
        s.addr,
        "/dvhc/search?q=ben+ngheh&mode=fuzzy&within=79&era=legacy",
    );
    let hits = Search::new()
        .mode(Mode::Fuzzy)
        .limit(10)
        .within_legacy_province("79".parse().unwrap())
        .run("ben ngheh");
    assert_eq!(r.text(), serde_json::to_string(&hits).unwrap());
    assert_eq!(r.json()[0]["name"], "Phường Bến Nghé");
    // Defaults: exact, both structures, 10 hits at most.
    let v = get(s.addr, "/dvhc/search?q=Ph%C6%B0%E1%BB%9Dng%201").json();
    assert_eq!(v.as_array().unwrap().len(), 10);
    let v = get(s.addr, "/dvhc/search?q=Ph%C6%B0%E1%BB%9Dng%201&limit=100").json();
    let all = Search::new().run("Phường 1").len();
    assert!(all > 10);
    assert_eq!(v.as_array().unwrap().len(), all.min(100));
    let v = get(
        s.addr,
        "/dvhc/search?q=xuan+huo&mode=prefix&era=current&level=commune&limit=3",
    )
    .json();
    assert_eq!(v[0]["name"], "Phường Xuân Hương - Đà Lạt");
    // A 2-digit `within` without an era: both structures, best first.
    let v = get(s.addr, "/dvhc/search?q=Thu+Duc&within=79").json();
    let eras: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["era"].as_str().unwrap())
        .collect();
    assert!(eras.contains(&"current") || eras.contains(&"legacy"), "{v}");
    // Batch: one list per query.
    let r = post(s.addr, "/dvhc/search?limit=1", r#"["Huế", "zzzz"]"#);
    let v = r.json();
    assert_eq!(v[0].as_array().unwrap().len(), 1);
    assert_eq!(v[1], json!([]));
    // Bad options.
    for (q, field) in [
        ("mode=x", "mode"),
        ("era=old", "era"),
        ("level=x", "level"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("within=7", "within"),
        ("within=0.5", "within"),
    ] {
        let r = get(s.addr, &format!("/dvhc/search?q=a&{q}"));
        assert_eq!(r.status, 422, "{q}");
        assert_eq!(r.json()["errors"][0]["loc"], json!(["query", field]), "{q}");
    }
    assert_eq!(
        get(s.addr, "/dvhc/search").json()["errors"][0]["type"],
        "missing"
    );
    // A code of no unit, or one that cannot hold what is asked: no hits.
    for q in [
        "within=99",
        "within=760&era=current",
        "within=760&level=district",
    ] {
        assert_eq!(
            get(s.addr, &format!("/dvhc/search?q=a&{q}")).json(),
            json!([]),
            "{q}"
        );
    }
}

#[test]
fn get_is_the_librarys_unit() {
    let s = start();
    for (q, unit) in [
        (
            "code=79",
            Unit::Province(dvhc::Province::get("79".parse().unwrap()).unwrap()),
        ),
        (
            "code=26740&era=legacy",
            Unit::LegacyCommune(dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap()),
        ),
        (
            "code=760",
            Unit::LegacyDistrict(dvhc::legacy::District::get("760".parse().unwrap()).unwrap()),
        ),
        (
            "code=26740",
            Unit::Commune(dvhc::Commune::get("26740".parse().unwrap()).unwrap()),
        ),
    ] {
        let r = get(s.addr, &format!("/dvhc/get?{q}"));
        assert_eq!(r.status, 200, "{q}");
        assert_eq!(
            r.text(),
            serde_json::to_string(&AsOf::new(unit, None)).unwrap(),
            "{q}"
        );
    }
    let on = Date::new(2026, 1, 1).unwrap();
    let dong_nai = Unit::Province(dvhc::Province::get("75".parse().unwrap()).unwrap());
    let r = get(s.addr, "/dvhc/get?code=75&on=2026-01-01");
    assert_eq!(
        r.text(),
        serde_json::to_string(&AsOf::new(dong_nai, Some(on))).unwrap()
    );
    assert_eq!(r.json()["name"], "Tỉnh Đồng Nai");
    // Unknown: 404; malformed: 422.
    let r = get(s.addr, "/dvhc/get?code=99");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["detail"], "No unit has code 99");
    assert_eq!(get(s.addr, "/dvhc/get?code=760&era=current").status, 404);
    for q in [
        "code=abc",
        "code=1234",
        "code=0",
        "code=",
        "era=x&code=79",
        "on=2025-13-01&code=79",
    ] {
        assert_eq!(get(s.addr, &format!("/dvhc/get?{q}")).status, 422, "{q}");
    }
    // Batch: null for what is not a unit.
    let v = post(s.addr, "/dvhc/get?era=legacy", r#"["26740", "99999", "x"]"#).json();
    assert_eq!(v[0]["name"], "Phường Bến Nghé");
    assert_eq!((v[1].clone(), v[2].clone()), (Value::Null, Value::Null));
    // The code is read as `dvhc get` reads it: before the reform, the legacy unit.
    let v = get(s.addr, "/dvhc/get?code=26740&on=2025-06-30").json();
    assert_eq!(
        (&v["name"], &v["era"]),
        (&json!("Phường Bến Nghé"), &json!("legacy"))
    );
    // A current unit on that day: none (valid parameters, no such unit).
    assert_eq!(
        get(s.addr, "/dvhc/get?code=26740&on=2025-06-30&era=current").status,
        404
    );
}

#[test]
fn get_by_postal_code() {
    let s = start();
    // data/postal_codes.tsv: 00004 Ba Đình 11120, 06970 Ba Chẽ 02006.
    for (postal, code) in [("11120", "00004"), ("02006", "06970"), ("71016", "26740")] {
        let r = get(s.addr, &format!("/dvhc/get?code={postal}&postal=true"));
        assert_eq!(r.status, 200, "{postal}");
        assert_eq!(
            r.text(),
            get(s.addr, &format!("/dvhc/get?code={code}")).text()
        );
        assert_eq!(r.json()["postal_code"], postal);
    }
    let r = get(s.addr, "/dvhc/get?code=99999&postal=true");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["detail"], "No unit has postal code 99999");
    for q in [
        "code=1112x&postal=true",
        "code=&postal=true",
        "code=11120&postal=yes",
    ] {
        let r = get(s.addr, &format!("/dvhc/get?{q}"));
        assert_eq!(r.status, 422, "{q}");
    }
    // Postal codes are the current communes' five digits: none of another width,
    // in the legacy structure or before 1 July 2025.
    for q in [
        "code=11&postal=true",
        "code=1112&postal=true",
        "code=11120&postal=true&era=legacy",
        "code=11120&postal=true&on=2025-06-30",
    ] {
        let r = get(s.addr, &format!("/dvhc/get?{q}"));
        assert_eq!(r.status, 404, "{q}");
    }
    let r = get(s.addr, "/dvhc/get?code=11120&postal=true&on=2025-07-01");
    assert_eq!(r.json()["name"], "Phường Ba Đình");
    // postal=false is the default.
    assert_eq!(get(s.addr, "/dvhc/get?code=11120&postal=false").status, 404);
    // Batch.
    let v = post(s.addr, "/dvhc/get?postal=1", r#"["11120", "99999", "1"]"#).json();
    assert_eq!(v[0]["name"], "Phường Ba Đình");
    assert_eq!((v[1].clone(), v[2].clone()), (Value::Null, Value::Null));
}

#[test]
fn locate_is_the_librarys_unit() {
    let s = start();
    let r = get(s.addr, "/dvhc/locate?lat=10.7769&lon=106.7009");
    assert_eq!(r.status, 200);
    let c = dvhc_geo::locate(10.7769, 106.7009).unwrap().unwrap();
    assert_eq!(
        r.text(),
        serde_json::to_string(&AsOf::new(Unit::Commune(c), None)).unwrap()
    );
    assert_eq!(r.json()["era"], Era::Current.id());
    // At sea: 404; out of range or not numbers: 422.
    assert_eq!(get(s.addr, "/dvhc/locate?lat=10&lon=115").status, 404);
    for q in [
        "lat=91&lon=0",
        "lat=x&lon=1",
        "lat=1",
        "lon=1",
        "lat=NaN&lon=1",
        "",
    ] {
        assert_eq!(get(s.addr, &format!("/dvhc/locate?{q}")).status, 422, "{q}");
    }
    let v = post(
        s.addr,
        "/dvhc/locate",
        "[[10.7769, 106.7009], [10, 115], [95, 0]]",
    )
    .json();
    assert_eq!(v[0]["code"], "26740");
    assert_eq!((v[1].clone(), v[2].clone()), (Value::Null, Value::Null));
}

#[test]
fn bad_batches_get_a_4xx() {
    let s = start_with(dvhc_server::Config {
        max_body: 64 * 1024,
        ..dvhc_server::Config::default()
    });
    // Not JSON, not an array, wrong items.
    for body in ["", "{", "{\"q\": 1}", "[1]", "[\"a\", null]", "\u{FEFF}[]"] {
        let r = post(s.addr, "/dvhc/translate", body);
        assert!(r.status == 400 || r.status == 422, "{body:?}: {}", r.status);
        assert_eq!(r.header("content-type"), Some("application/problem+json"));
    }
    assert_eq!(post(s.addr, "/dvhc/translate", "[]").json(), json!([]));
    // Not JSON by its media type.
    let r = request(
        s.addr,
        "POST",
        "/dvhc/translate",
        "Content-Type: text/plain\r\n",
        b"[]",
    );
    assert_eq!(r.status, 415);
    // Too many items.
    let many = serde_json::to_string(&vec!["Huế"; 1001]).unwrap();
    let r = post(s.addr, "/dvhc/parse", &many);
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"][0]["type"], "too_long");
    let ok = serde_json::to_string(&vec!["Huế"; 1000]).unwrap();
    assert_eq!(
        post(s.addr, "/dvhc/parse", &ok)
            .json()
            .as_array()
            .unwrap()
            .len(),
        1000
    );
    // Too large a body, declared or not.
    let big = format!("[\"{}\"]", "a".repeat(70 * 1024));
    let r = post(s.addr, "/dvhc/translate", &big);
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["type"], "http-payload-too-large");
    let chunked = format!(
        "POST /dvhc/translate HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    assert_eq!(raw(s.addr, chunked.as_bytes()).status, 413);
    // Other methods.
    let r = request(s.addr, "PUT", "/dvhc/translate", "", b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD, POST, OPTIONS"));
    // POST to a compatible endpoint: 405 as upstream.
    assert_eq!(post(s.addr, "/api/v2/p/", "[]").status, 405);
    // Still serving.
    assert_eq!(get(s.addr, "/dvhc/get?code=79").status, 200);
}
