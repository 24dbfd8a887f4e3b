//! The OpenAPI document (server/openapi.json) matches the server: it is what
//! /openapi.json serves, it lists exactly the routes there are, and the responses to
//! sample requests of every operation (successes and errors) validate against the
//! schema it gives for their status and media type.

mod common;
use common::*;
use serde_json::{json, Value};

fn doc() -> Value {
    serde_json::from_str(dvhc_server::OPENAPI).expect("openapi.json is JSON")
}

/// A request for each documented path (codes filled in), and some error cases.
const SAMPLES: &[(&str, &str)] = &[
    ("/healthz", "/healthz"),
    ("/version", "/version"),
    ("/openapi.json", "/openapi.json"),
    ("/api/", "/api/"),
    ("/api/v2/", "/api/v2/"),
    ("/api/v2/", "/api/v2/?depth=2"),
    ("/api/v2/", "/api/v2/?depth=9"),
    ("/api/v2/", "/api/v2/?depth=x"),
    ("/api/v2/p/", "/api/v2/p/"),
    ("/api/v2/p/", "/api/v2/p/?search=hcm"),
    ("/api/v2/p/", "/api/v2/p/?search=%FF"),
    ("/api/v2/p/{code}", "/api/v2/p/79"),
    ("/api/v2/p/{code}", "/api/v2/p/79?depth=2"),
    ("/api/v2/p/{code}", "/api/v2/p/5"),
    ("/api/v2/p/{code}", "/api/v2/p/x"),
    ("/api/v2/w/", "/api/v2/w/"),
    ("/api/v2/w/", "/api/v2/w/?province=79&search=sai+gon"),
    ("/api/v2/w/", "/api/v2/w/?province=5"),
    ("/api/v2/w/", "/api/v2/w/?province=x"),
    ("/api/v2/w/{code}", "/api/v2/w/26740"),
    ("/api/v2/w/{code}", "/api/v2/w/1"),
    ("/api/v2/w/{code}", "/api/v2/w/1.5"),
    (
        "/api/v2/w/from-legacy/",
        "/api/v2/w/from-legacy/?legacy_code=73",
    ),
    (
        "/api/v2/w/from-legacy/",
        "/api/v2/w/from-legacy/?legacy_name=ben+nghe",
    ),
    (
        "/api/v2/w/from-legacy/",
        "/api/v2/w/from-legacy/?legacy_code=-",
    ),
    (
        "/api/v2/w/{code}/to-legacies/",
        "/api/v2/w/26740/to-legacies/",
    ),
    ("/api/v2/w/{code}/to-legacies/", "/api/v2/w/3/to-legacies/"),
    ("/api/v1/", "/api/v1/"),
    ("/api/v1/", "/api/v1/?depth=2"),
    ("/api/v1/", "/api/v1/?depth=3"),
    ("/api/v1/", "/api/v1/?depth=0"),
    ("/api/v1/p/", "/api/v1/p/"),
    ("/api/v1/p/{code}", "/api/v1/p/79?depth=3"),
    ("/api/v1/p/{code}", "/api/v1/p/3"),
    ("/api/v1/p/{code}", "/api/v1/p/%FF"),
    ("/api/v1/p/search/", "/api/v1/p/search/?q=ha"),
    ("/api/v1/p/search/", "/api/v1/p/search/"),
    ("/api/v1/d/", "/api/v1/d/"),
    ("/api/v1/d/{code}", "/api/v1/d/760?depth=2"),
    ("/api/v1/d/{code}", "/api/v1/d/0"),
    ("/api/v1/d/search/", "/api/v1/d/search/?q=quan+1&p=79"),
    ("/api/v1/w/", "/api/v1/w/"),
    ("/api/v1/w/{code}", "/api/v1/w/26740"),
    ("/api/v1/w/{code}", "/api/v1/w/2"),
    ("/api/v1/w/search/", "/api/v1/w/search/?q=ben+nghe&p=79"),
    ("/api/v1/w/search/", "/api/v1/w/search/?q=x:y"),
    ("/api/v1/w/search/", "/api/v1/w/search/?q=a&d=%FF"),
    ("/api/v1/version", "/api/v1/version"),
    (
        "/dvhc/translate",
        "/dvhc/translate?q=P.+B%E1%BA%BFn+Ngh%C3%A9%2C+Q.1%2C+TP.HCM",
    ),
    (
        "/dvhc/translate",
        "/dvhc/translate?q=P.+Da+Kao%2C+Q1&lat=10.79&lon=106.69&on=2025-07-01",
    ),
    ("/dvhc/translate", "/dvhc/translate?q="),
    ("/dvhc/translate", "/dvhc/translate"),
    (
        "/dvhc/parse",
        "/dvhc/parse?q=so+5+ap+2+xa+tan+thanh+huyen+thu+thua+long+an",
    ),
    ("/dvhc/parse", "/dvhc/parse?q=Ph%C6%B0%E1%BB%9Dng+1"),
    ("/dvhc/parse", "/dvhc/parse?q=%C3%97"),
    ("/dvhc/search", "/dvhc/search?q=ben+nghe"),
    (
        "/dvhc/search",
        "/dvhc/search?q=thanh&mode=prefix&era=current&level=province&limit=3",
    ),
    ("/dvhc/search", "/dvhc/search?q=a&mode=wrong"),
    ("/dvhc/get", "/dvhc/get?code=79"),
    ("/dvhc/get", "/dvhc/get?code=760&on=2025-06-30"),
    ("/dvhc/get", "/dvhc/get?code=26740&era=legacy"),
    ("/dvhc/get", "/dvhc/get?code=26740"),
    ("/dvhc/get", "/dvhc/get?code=98"),
    ("/dvhc/get", "/dvhc/get?code=1"),
    ("/dvhc/locate", "/dvhc/locate?lat=21.0285&lon=105.8542"),
    ("/dvhc/locate", "/dvhc/locate?lat=10&lon=115"),
    ("/dvhc/locate", "/dvhc/locate?lat=100&lon=0"),
];

#[test]
fn served_document_is_the_file() {
    let s = start();
    let r = get(s.addr, "/openapi.json");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, dvhc_server::OPENAPI.as_bytes());
    let d = doc();
    assert_eq!(d["openapi"], "3.1.0");
    assert_eq!(d["info"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn every_route_is_documented_and_every_documented_path_is_served() {
    let d = doc();
    let mut documented: Vec<&str> = d["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    documented.sort_unstable();
    let mut sampled: Vec<&str> = SAMPLES.iter().map(|(p, _)| *p).collect();
    sampled.sort_unstable();
    sampled.dedup();
    assert_eq!(
        documented, sampled,
        "a path without samples, or a sample of an undocumented path"
    );
    // And no route is missing from the document: the router's routes, listed.
    let s = start();
    for (path, target) in SAMPLES {
        let r = get(s.addr, target);
        assert!(
            !(r.status == 404 && r.text().contains("Not Found")),
            "{path} ({target}) is documented but not routed"
        );
    }
}

#[test]
fn responses_match_their_schemas() {
    let d = doc();
    let s = start();
    for (path, target) in SAMPLES {
        let r = get(s.addr, target);
        let op = &d["paths"][*path]["get"];
        let resp = &op["responses"][r.status.to_string()];
        assert!(
            resp.is_object(),
            "{target}: status {} is not documented",
            r.status
        );
        if r.status == 307 {
            assert!(r.header("location").is_some());
            continue;
        }
        let ct = r.header("content-type").unwrap();
        let schema = &resp["content"][ct]["schema"];
        assert!(
            schema.is_object(),
            "{target}: {ct} is not documented for {}",
            r.status
        );
        let mut root = schema.clone();
        root["components"] = d["components"].clone();
        let validator = jsonschema::validator_for(&root).expect("a valid schema");
        let body = r.json();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .take(3)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{target} ({}): {errors:?}", r.status);
    }
}

#[test]
fn schemas_reject_extra_fields() {
    // The schemas are strict (additionalProperties: false), as strict clients are:
    // a field added to a response without the document fails the test above.
    let d = doc();
    let mut root = json!({"$ref": "#/components/schemas/V2Ward"});
    root["components"] = d["components"].clone();
    let v = jsonschema::validator_for(&root).unwrap();
    let ward = json!({"name": "Phường Sài Gòn", "code": 26740, "division_type": "phường",
                      "codename": "phuong_sai_gon", "province_code": 79});
    assert!(v.is_valid(&ward));
    let mut extra = ward.clone();
    extra["x"] = json!(1);
    assert!(!v.is_valid(&extra));
}
