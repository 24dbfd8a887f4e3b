//! The `dvhc` binary's subcommands, run for real: output contracts, input rules, exit
//! codes.

use std::io::{Read, Write};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

fn dvhc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dvhc"))
}

/// Runs `dvhc` with `args` (and `stdin`), expects success, returns the JSON lines.
fn json_lines(args: &[&str], stdin: Option<&[u8]>) -> Vec<Value> {
    let mut cmd = dvhc();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

fn assert_ref(v: &Value, code: &str, name: &str) {
    assert_eq!(keys(v), ["code", "name"], "{v}");
    assert_eq!(v["code"], code, "{v}");
    assert_eq!(v["name"], name, "{v}");
}

const TRANSLATE_KEYS: [&str; 14] = [
    "candidates",
    "conflicts",
    "error",
    "formatted",
    "input",
    "legacy",
    "level",
    "postal_code",
    "remarks",
    "repaired",
    "rest",
    "status",
    "structure",
    "unresolved",
];

#[test]
fn translate_resolves_an_old_address() {
    let v = json_lines(&["translate", "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM"], None);
    assert_eq!(v.len(), 1);
    let t = &v[0];
    assert_eq!(keys(t), TRANSLATE_KEYS);
    assert_eq!(t["input"], "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM");
    assert_eq!(t["status"], "ok");
    assert_eq!(t["structure"], "legacy");
    assert_eq!(t["rest"], "12 Lê Lợi");
    assert_ref(&t["legacy"]["province"], "79", "Thành phố Hồ Chí Minh");
    assert_ref(&t["legacy"]["district"], "760", "Quận 1");
    assert_ref(&t["legacy"]["commune"], "26740", "Phường Bến Nghé");
    let c = t["candidates"].as_array().unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(
        keys(&c[0]),
        ["commune", "distance_km", "province", "share", "structure"]
    );
    assert_ref(&c[0]["commune"], "26740", "Phường Sài Gòn");
    assert_ref(&c[0]["province"], "79", "Thành phố Hồ Chí Minh");
    assert_eq!(c[0]["share"], "whole");
    assert!(c[0]["distance_km"].is_null());
    assert_eq!(
        t["formatted"],
        "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh"
    );
    assert!(t["error"].is_null());
}

#[test]
fn translate_zero_pads_codes() {
    let v = json_lines(&["translate", "Phường Phúc Xá, Quận Ba Đình, Hà Nội"], None);
    let t = &v[0];
    assert_eq!(t["legacy"]["province"]["code"], "01");
    assert_eq!(t["legacy"]["district"]["code"], "001");
    assert_eq!(t["legacy"]["commune"]["code"], "00001");
    let code = t["candidates"][0]["commune"]["code"].as_str().unwrap();
    assert!(code.len() == 5 && code.starts_with("000"), "{code}");
}

#[test]
fn translate_split_commune_is_ambiguous() {
    let v = json_lines(
        &["translate", "125 Hai Bà Trưng, P. Đa Kao, Q.1, TP.HCM"],
        None,
    );
    let t = &v[0];
    assert_eq!(t["status"], "ambiguous");
    assert!(t["formatted"].is_null());
    let c = t["candidates"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    assert!(c.iter().all(|c| c["share"] == "partial"));
    let names: Vec<&str> = c
        .iter()
        .map(|c| c["commune"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Phường Tân Định", "Phường Sài Gòn"]);
}

#[test]
fn translate_current_address() {
    let v = json_lines(&["translate", "Phường Sài Gòn, TP.HCM"], None);
    let t = &v[0];
    assert_eq!(t["status"], "ok");
    assert_eq!(t["structure"], "current");
    assert!(t["legacy"].is_null());
    assert_eq!(t["candidates"].as_array().unwrap().len(), 1);
    assert_eq!(t["formatted"], "Phường Sài Gòn, Thành phố Hồ Chí Minh");
}

#[test]
fn translate_names_in_force_on_a_date() {
    let a = "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai";
    let then = json_lines(&["translate", "--on", "2025-07-01", a], None);
    assert_eq!(then[0]["formatted"], "Xã Long Thành, Tỉnh Đồng Nai");
    assert_eq!(
        then[0]["candidates"][0]["province"]["name"],
        "Tỉnh Đồng Nai"
    );
    let now = json_lines(&["translate", a], None);
    assert_eq!(now[0]["formatted"], "Phường Long Thành, Thành phố Đồng Nai");
    dvhc()
        .args(["translate", "--on", "2025-13-01", a])
        .assert()
        .code(2);
}

#[test]
fn translate_reads_stdin_one_object_per_line_in_order() {
    let input =
        b"\xEF\xBB\xBF12 L\xC3\xAA L\xE1\xBB\xA3i, P. B\xE1\xBA\xBFn Ngh\xC3\xA9, Q.1, TP.HCM\r\n\
        \r\n\
        nowhere at all\n\
        bad \xFF utf8\n\
        P. \xC4\x90a Kao, Q.1, TP.HCM";
    let v = json_lines(&["translate"], Some(input));
    assert_eq!(v.len(), 5);
    for t in &v {
        assert_eq!(keys(t), TRANSLATE_KEYS);
    }
    assert_eq!(v[0]["input"], "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM");
    assert_eq!(v[0]["status"], "ok");
    assert_eq!(v[1]["input"], "");
    assert_eq!(v[1]["status"], "error");
    assert_eq!(v[1]["error"]["kind"], "empty");
    assert!(v[1]["structure"].is_null() && v[1]["legacy"].is_null());
    assert_eq!(v[1]["rest"], "");
    assert_eq!(v[2]["error"]["kind"], "not_found");
    assert_eq!(v[3]["error"]["kind"], "invalid_utf8");
    assert_eq!(v[3]["input"], "bad \u{FFFD} utf8");
    assert_eq!(v[4]["status"], "ambiguous");
}

#[test]
fn translate_many_lines_keep_their_order() {
    let pool = [
        ("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM", "ok"),
        ("P. Đa Kao, Q.1, TP.HCM", "ambiguous"),
        ("", "error"),
    ];
    let mut input = String::new();
    for i in 0..5000 {
        input.push_str(pool[i % 3].0);
        input.push('\n');
    }
    let v = json_lines(&["translate", "-j", "3"], Some(input.as_bytes()));
    assert_eq!(v.len(), 5000);
    for (i, t) in v.iter().enumerate() {
        assert_eq!(t["input"], pool[i % 3].0, "line {i}");
        assert_eq!(t["status"], pool[i % 3].1, "line {i}");
    }
}

#[test]
fn translate_text_format() {
    dvhc()
        .args([
            "translate",
            "--format",
            "text",
            "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
            "P. Đa Kao, Q.1, TP.HCM",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "→ 12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh",
        ))
        .stdout(predicate::str::contains("2 candidates"));
}

#[test]
fn parse_contract() {
    let v = json_lines(
        &[
            "parse",
            "so 5 ap 2 xa tan thanh huyen thu thua long an",
            "Phường 1",
            "",
            "Xã Đức Trọng, Lâm Đồng",
        ],
        None,
    );
    assert_eq!(v.len(), 4);
    let expected = [
        "alternatives",
        "conflict",
        "error",
        "input",
        "postal_code",
        "remarks",
        "repaired",
        "rest",
        "status",
        "structure",
        "units",
        "unresolved",
    ];
    for p in &v {
        assert_eq!(keys(p), expected);
        assert_eq!(keys(&p["units"]), ["commune", "district", "province"]);
    }
    assert_eq!(v[0]["status"], "ok");
    assert_eq!(v[0]["structure"], "legacy");
    assert_eq!(v[0]["rest"], "so 5 ap 2");
    assert_ref(&v[0]["units"]["province"], "80", "Tỉnh Long An");
    assert_eq!(v[0]["units"]["district"]["name"], "Huyện Thủ Thừa");
    assert_eq!(v[0]["units"]["commune"]["name"], "Xã Tân Thành");
    assert_eq!(v[0]["alternatives"], Value::Array(vec![]));

    assert_eq!(v[1]["status"], "ambiguous");
    let alts = v[1]["alternatives"].as_array().unwrap();
    assert!(alts.len() > 20);
    assert_eq!(keys(&alts[0]), ["structure", "units"]);

    assert_eq!(v[2]["status"], "error");
    assert_eq!(v[2]["error"]["kind"], "empty");
    assert!(v[2]["units"]["province"].is_null());

    assert_eq!(v[3]["structure"], "current");
    assert!(v[3]["units"]["district"].is_null());
    assert_ref(&v[3]["units"]["province"], "68", "Tỉnh Lâm Đồng");
}

#[test]
fn parse_reads_stdin() {
    let v = json_lines(&["parse"], Some(b"Q.1, TP.HCM\nHN\n"));
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["units"]["district"]["code"], "760");
    assert_eq!(v[1]["units"]["province"]["code"], "01");
}

#[test]
fn search_contract_and_filters() {
    let v = json_lines(&["search", "Bến", "Nghé"], None);
    assert!(!v.is_empty());
    let h = &v[0];
    assert_eq!(
        keys(h),
        ["code", "district", "era", "kind", "level", "name", "province", "score"]
    );
    assert_eq!(h["code"], "26740");
    assert_eq!(h["name"], "Phường Bến Nghé");
    assert_eq!(h["kind"], "phuong");
    assert_eq!(h["level"], "commune");
    assert_eq!(h["era"], "legacy");
    assert_ref(&h["province"], "79", "Thành phố Hồ Chí Minh");
    assert_ref(&h["district"], "760", "Quận 1");
    assert!(h["score"].as_u64().unwrap() > 900);

    let v = json_lines(
        &[
            "search", "--era", "current", "--level", "commune", "xuan", "huong", "da", "lat",
        ],
        None,
    );
    assert_eq!(v[0]["name"], "Phường Xuân Hương - Đà Lạt");
    assert!(v[0]["district"].is_null());
    assert!(v
        .iter()
        .all(|h| h["era"] == "current" && h["level"] == "commune"));

    let v = json_lines(&["search", "--limit", "3", "Phường 1"], None);
    assert_eq!(v.len(), 3);
    let scores: Vec<u64> = v.iter().map(|h| h["score"].as_u64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );

    // --in: a legacy district, and a province code of both structures.
    let v = json_lines(&["search", "--in", "760", "--prefix", "Bến"], None);
    let codes: Vec<&str> = v.iter().map(|h| h["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["26740", "26743"]);
    let v = json_lines(&["search", "--fuzzy", "--in", "79", "Ben Ngheh"], None);
    assert_eq!(v[0]["code"], "26740");
    let v = json_lines(
        &["search", "--era", "current", "--in", "68", "Đức Trọng"],
        None,
    );
    assert_eq!(v.len(), 1);

    // A province hit is its own province.
    let v = json_lines(
        &["search", "--level", "province", "--era", "current", "HN"],
        None,
    );
    assert_ref(&v[0]["province"], "01", "Thành phố Hà Nội");
    assert_eq!(v[0]["kind"], "thanh_pho");

    // Nothing found: no output, success.
    dvhc()
        .args(["search", "zzzzqqq"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn search_usage_errors() {
    dvhc()
        .args(["search", "--prefix", "--fuzzy", "x"])
        .assert()
        .code(2);
    dvhc().args(["search"]).assert().code(2);
    dvhc()
        .args(["search", "--in", "1234", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--in"));
    dvhc()
        .args(["search", "--in", "760", "--era", "current", "x"])
        .assert()
        .code(2);
    dvhc().args(["search", "--in", "03", "x"]).assert().code(2);
    dvhc()
        .args(["search", "--level", "town", "x"])
        .assert()
        .code(2);
}

#[test]
fn get_current_commune() {
    let v = json_lines(&["get", "26740"], None);
    assert_eq!(v.len(), 1);
    let u = &v[0];
    for k in [
        "code",
        "name",
        "kind",
        "level",
        "era",
        "province",
        "district",
        "successors",
        "predecessors",
    ] {
        assert!(u.get(k).is_some(), "missing {k}: {u}");
    }
    assert_eq!(u["name"], "Phường Sài Gòn");
    assert_eq!(u["kind"], "phuong");
    assert_eq!(u["level"], "commune");
    assert_eq!(u["era"], "current");
    assert_ref(&u["province"], "79", "Thành phố Hồ Chí Minh");
    assert!(u["district"].is_null());
    assert_eq!(u["successors"], Value::Array(vec![]));
    let preds = u["predecessors"].as_array().unwrap();
    let ben_nghe = preds.iter().find(|p| p["code"] == "26740").unwrap();
    assert_eq!(keys(ben_nghe), ["code", "district", "name", "share"]);
    assert_eq!(ben_nghe["name"], "Phường Bến Nghé");
    assert_eq!(ben_nghe["share"], "whole");
    assert_ref(&ben_nghe["district"], "760", "Quận 1");
    assert_eq!(u["resolution"], "1685/NQ-UBTVQH15");
    assert!(u["geo"]["lat"].as_f64().unwrap() > 10.0);
}

#[test]
fn get_legacy_units() {
    let c = &json_lines(&["get", "26737", "--era", "legacy"], None)[0];
    assert_eq!(c["name"], "Phường Đa Kao");
    assert_eq!(c["era"], "legacy");
    assert_ref(&c["district"], "760", "Quận 1");
    let s: Vec<(&str, &str)> = c["successors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["share"].as_str().unwrap()))
        .collect();
    assert_eq!(
        s,
        [
            ("Phường Tân Định", "partial"),
            ("Phường Sài Gòn", "partial")
        ]
    );
    assert_eq!(c["predecessors"], Value::Array(vec![]));

    let d = &json_lines(&["get", "760"], None)[0];
    assert_eq!(d["level"], "district");
    assert_eq!(d["era"], "legacy");
    assert_eq!(d["kind"], "quan");
    assert_eq!(d["name"], "Quận 1");
    assert_eq!(d["successors"].as_array().unwrap().len(), 4);

    let p = &json_lines(&["get", "74", "--era", "legacy"], None)[0];
    assert_eq!(p["name"], "Tỉnh Bình Dương");
    assert!(p["province"].is_null());
    let s = p["successors"].as_array().unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["code"], "79");
}

#[test]
fn get_current_province_and_dates() {
    let p = &json_lines(&["get", "79"], None)[0];
    let old: Vec<&str> = p["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(old, ["74", "77", "79"]);

    let now = &json_lines(&["get", "75"], None)[0];
    assert_eq!(now["name"], "Thành phố Đồng Nai");
    assert_eq!(now["kind"], "thanh_pho");
    let then = &json_lines(&["get", "75", "--on", "2026-01-01"], None)[0];
    assert_eq!(then["name"], "Tỉnh Đồng Nai");
    assert_eq!(then["kind"], "tinh");
    assert_eq!(then["on"], "2026-01-01");
}

#[test]
fn get_errors() {
    dvhc()
        .args(["get", "02"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--era legacy"));
    dvhc().args(["get", "1234"]).assert().code(2);
    dvhc().args(["get", "7a"]).assert().code(2);
    dvhc()
        .args(["get", "760", "--era", "current"])
        .assert()
        .code(2);
    dvhc()
        .args(["get", "26740", "--era", "medieval"])
        .assert()
        .code(2);
}

#[test]
fn get_by_postal_code() {
    // data/postal_codes.tsv: 00004 Ba Đình 11120, 26740 Sài Gòn 71016, 06970 Ba Chẽ 02006.
    for (postal, code, name) in [
        ("11120", "00004", "Phường Ba Đình"),
        ("71016", "26740", "Phường Sài Gòn"),
        ("02006", "06970", "Xã Ba Chẽ"),
    ] {
        let v = json_lines(&["get", postal, "--postal"], None);
        assert_eq!(v.len(), 1);
        assert_eq!((&v[0]["code"], &v[0]["name"]), (&json!(code), &json!(name)));
        assert_eq!(v[0]["postal_code"], postal);
        // The same object as `get CODE`.
        assert_eq!(v, json_lines(&["get", code], None));
    }
    dvhc()
        .args(["get", "11120", "--postal", "--format", "text"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Phường Ba Đình (00004"));
    dvhc()
        .args(["get", "99999", "--postal"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no commune has the postal code 99999",
        ));
    for bad in [
        &["get", "1112", "--postal"][..],
        &["get", "1112x", "--postal"],
        &["get", "11120", "--postal", "--era", "legacy"],
        &["get", "11120", "--postal", "--on", "2025-06-30"],
    ] {
        dvhc().args(bad).assert().code(2);
    }
}

#[test]
fn get_text_format() {
    dvhc()
        .args(["get", "760", "--format", "text"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Quận 1 (760, legacy district, quan)",
        ))
        .stdout(predicate::str::contains("Phường Sài Gòn (26740) [partial]"));
}

#[test]
fn help_has_examples() {
    for sub in ["translate", "parse", "search", "get", "csv"] {
        dvhc()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
    dvhc()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status"));
    dvhc().assert().code(2);
    dvhc().arg("frobnicate").assert().code(2);
}

#[test]
fn closed_pipe_is_quiet() {
    let mut input = String::new();
    for _ in 0..50_000 {
        input.push_str("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\n");
    }
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_dvhc"))
        .arg("translate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // The child may stop reading once its output pipe is gone.
        let _ = stdin.write_all(input.as_bytes());
    });
    // Like `| head -c 100`: read a little, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(stderr, "");
}

#[test]
fn locate_finds_the_containing_commune() {
    // A point inside Phường Tân Định (old Đa Kao's northern part).
    let v = json_lines(&["locate", "10.79479", "106.689172"], None);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["code"], "26737");
    assert_eq!(v[0]["name"], "Phường Tân Định");
    assert_eq!(v[0]["level"], "commune");
    assert_ref(&v[0]["province"], "79", "Thành phố Hồ Chí Minh");
    // At sea: not found (exit 1), with a message; bad coordinates: usage (exit 2).
    dvhc()
        .args(["locate", "10.0", "109.5"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no commune contains"));
    dvhc()
        .args(["locate", "100", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latitude"));
    dvhc().args(["locate", "NaN", "1"]).assert().code(2);
}

/// Every command's JSON is, byte for byte, what `serde_json` writes for the library's
/// value (the one home of the shape), one object per line: whatever the tool does to
/// write JSON faster must change nothing.
#[test]
fn json_is_the_librarys_serde_json() {
    use dvhc::translate::{Outcome, Translator};
    use dvhc::{address, AsOf, Unit};

    let stdout = |args: &[&str], stdin: &str| {
        let out = dvhc()
            .args(args)
            .write_stdin(stdin)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    fn line<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap() + "\n"
    }
    // Escapes of every kind, a separator JSON leaves as it is, and real addresses.
    let inputs = [
        "P. Bến Nghé, Q.1, TP.HCM",
        "Phường Xyz, Quận 1, TP.HCM",
        "Quận 1, TP.HCM",
        "\"Sài Gòn\" \\ \t\u{1}\u{7f}\u{2028} phường 1",
    ];
    let stdin = inputs.join("\n") + "\n";

    let translator = Translator::new().with_locator(dvhc_geo::Boundaries);
    let want: String = inputs
        .iter()
        .map(|i| line(&Outcome::new(i, &translator.translate(i))))
        .collect();
    assert_eq!(stdout(&["translate"], &stdin), want);

    let want: String = inputs
        .iter()
        .map(|i| {
            line(&AsOf::new(
                address::Outcome::new(i, &address::parse(i)),
                None,
            ))
        })
        .collect();
    assert_eq!(stdout(&["parse"], &stdin), want);

    let want: String = dvhc::search::Search::new()
        .run("sai gon")
        .iter()
        .map(line)
        .collect();
    assert!(want.lines().count() > 1);
    assert_eq!(stdout(&["search", "sai", "gon"], ""), want);

    let unit = |code: &str| Unit::Commune(dvhc::Commune::get(code.parse().unwrap()).unwrap());
    assert_eq!(
        stdout(&["get", "26740"], ""),
        line(&AsOf::new(unit("26740"), None))
    );
    assert_eq!(
        stdout(&["locate", "10.79479", "106.689172"], ""),
        line(&AsOf::new(unit("26737"), None))
    );
}
