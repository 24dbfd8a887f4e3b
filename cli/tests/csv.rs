//! `dvhc csv`, run for real: CSV dialect details, appended columns, per-row errors,
//! order on many rows, exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use assert_cmd::Command;
use predicates::prelude::*;

const COLUMNS: [&str; 10] = [
    "dvhc_commune_code",
    "dvhc_commune_name",
    "dvhc_province_code",
    "dvhc_province_name",
    "dvhc_share",
    "dvhc_status",
    "dvhc_candidates",
    "dvhc_candidate_codes",
    "dvhc_formatted",
    "dvhc_error",
];

fn dvhc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dvhc"))
}

/// A file in this test target's scratch directory.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dvhc-cli-csv");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// The output's records; every record must have the same number of fields.
fn records(out: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let mut cmd = dvhc();
    cmd.arg("csv").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    cmd.assert().success().get_output().stdout.clone()
}

/// The appended column `name` of a record (given the header).
fn col<'a>(header: &[String], rec: &'a [String], name: &str) -> &'a str {
    let i = header.iter().position(|h| h == name).unwrap();
    &rec[i]
}

#[test]
fn quoted_fields_bom_crlf_empty_cells_and_ragged_rows() {
    let input = "\u{FEFF}id,note,address\r\n\
        1,\"a, \"\"quoted\"\"\r\nnote\",\"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\"\r\n\
        2,,\r\n\
        3\r\n\
        4,x,P. Đa Kao Q.1 TP.HCM\r\n";
    let path = temp_file("dialect.csv", input.as_bytes());
    let out = run(&["--column", "address", path.to_str().unwrap()], None);
    assert!(!out.starts_with(b"\xEF\xBB\xBF"), "no BOM in the output");
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    let header = &recs[0];
    let mut want: Vec<&str> = vec!["id", "note", "address"];
    want.extend(COLUMNS);
    assert_eq!(header, &want);

    let r1 = &recs[1];
    assert_eq!(r1[0], "1");
    assert_eq!(r1[1], "a, \"quoted\"\r\nnote", "quoted field kept verbatim");
    assert_eq!(r1[2], "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM");
    assert_eq!(col(header, r1, "dvhc_commune_code"), "26740");
    assert_eq!(col(header, r1, "dvhc_commune_name"), "Phường Sài Gòn");
    assert_eq!(col(header, r1, "dvhc_province_code"), "79");
    assert_eq!(
        col(header, r1, "dvhc_province_name"),
        "Thành phố Hồ Chí Minh"
    );
    assert_eq!(col(header, r1, "dvhc_share"), "whole");
    assert_eq!(col(header, r1, "dvhc_status"), "ok");
    assert_eq!(col(header, r1, "dvhc_candidates"), "1");
    assert_eq!(col(header, r1, "dvhc_candidate_codes"), "26740");
    assert_eq!(
        col(header, r1, "dvhc_formatted"),
        "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh"
    );
    assert_eq!(col(header, r1, "dvhc_error"), "");

    // Empty cell, and a short row (padded to the header's width).
    for r in [&recs[2], &recs[3]] {
        assert_eq!(col(header, r, "dvhc_status"), "error");
        assert_eq!(col(header, r, "dvhc_candidates"), "0");
        assert_eq!(col(header, r, "dvhc_error"), "the address is empty");
        assert_eq!(col(header, r, "dvhc_commune_code"), "");
    }
    assert_eq!(recs[3][0], "3");
    assert_eq!(recs[3][1], "");

    // A split commune: no commune chosen, the province and share they agree on.
    let r4 = &recs[4];
    assert_eq!(col(header, r4, "dvhc_status"), "ambiguous");
    assert_eq!(col(header, r4, "dvhc_commune_code"), "");
    assert_eq!(col(header, r4, "dvhc_province_code"), "79");
    assert_eq!(col(header, r4, "dvhc_share"), "partial");
    assert_eq!(col(header, r4, "dvhc_candidates"), "2");
    assert_eq!(col(header, r4, "dvhc_candidate_codes"), "26737|26740");
    assert_eq!(col(header, r4, "dvhc_formatted"), "");

    // Output lines end with \n; only the quoted field keeps its \r\n.
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches('\r').count(), 1);
}

#[test]
fn coordinates_resolve_split_communes_by_containment() {
    let input = "address,lat,lon\n\
        \"P. Đa Kao, Q.1, TP.HCM\",10.7765,106.7035\n\
        \"P. Đa Kao, Q.1, TP.HCM\",10.7925,106.6880\n\
        \"P. Đa Kao, Q.1, TP.HCM\",,\n\
        \"P. Đa Kao, Q.1, TP.HCM\",abc,106.7\n\
        \"P. Đa Kao, Q.1, TP.HCM\",95,106.7\n\
        \"P. Bến Nghé, Q.1, TP.HCM\",10.7765,106.7035\n";
    let out = run(
        &["--column", "address", "--lat", "lat", "--lon", "lon"],
        Some(input.as_bytes()),
    );
    let recs = records(&out);
    let h = &recs[0];
    let codes: Vec<&str> = recs[1..]
        .iter()
        .map(|r| col(h, r, "dvhc_candidate_codes"))
        .collect();
    assert_eq!(
        codes,
        ["26740|26737", "26737|26740", "26737|26740", "", "", "26740"]
    );
    // dvhc-geo's boundaries decide: each point lies inside one of the two candidates.
    assert_eq!(col(h, &recs[1], "dvhc_status"), "ok");
    assert_eq!(col(h, &recs[1], "dvhc_commune_code"), "26740");
    assert_eq!(col(h, &recs[2], "dvhc_status"), "ok");
    assert_eq!(col(h, &recs[2], "dvhc_commune_code"), "26737");
    // Without coordinates the split stays ambiguous.
    assert_eq!(col(h, &recs[3], "dvhc_status"), "ambiguous");
    assert_eq!(col(h, &recs[4], "dvhc_status"), "error");
    assert!(col(h, &recs[4], "dvhc_error").contains("not both numbers"));
    assert_eq!(col(h, &recs[5], "dvhc_status"), "error");
    assert!(col(h, &recs[5], "dvhc_error").contains("coordinates"));
    assert_eq!(col(h, &recs[6], "dvhc_status"), "ok");
}

#[test]
fn bad_bytes_and_dates() {
    let mut input = b"name,address\n".to_vec();
    input.extend_from_slice(b"\xFFkeep,\"Xa Long Thanh, Huyen Long Thanh, Dong Nai\"\n");
    input.extend_from_slice(b"ok,bad \xFF address\n");
    let out = run(
        &["--column", "ADDRESS", "--era-out", "2025-07-01"],
        Some(&input),
    );
    // Non-UTF-8 bytes outside the address column pass through untouched.
    assert!(out.windows(5).any(|w| w == b"\xFFkeep"));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_slice());
    let recs: Vec<csv::ByteRecord> = r.byte_records().map(Result::unwrap).collect();
    assert_eq!(&recs[1][3], "Xã Long Thành".as_bytes());
    assert_eq!(&recs[1][5], "Tỉnh Đồng Nai".as_bytes());
    assert_eq!(&recs[2][7], b"error");
    assert_eq!(&recs[2][11], b"the input is not valid UTF-8");
}

#[test]
fn no_header_tab_delimited() {
    let input = "1\tx\tP. Bến Nghé, Q.1, TP.HCM\n2\ty\t\n";
    let out = run(
        &["--no-header", "--delimiter", "tab", "--column", "3"],
        Some(input.as_bytes()),
    );
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let f: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(f.len(), 3 + COLUMNS.len());
    assert_eq!(f[3], "26740");
    assert_eq!(f[8], "ok");
    assert!(lines[1].contains("\terror\t"));
}

#[test]
fn empty_and_header_only_inputs() {
    run(&["--column", "a"], Some(b""))
        .is_empty()
        .then_some(())
        .unwrap();
    let out = run(&["--column", "a"], Some(b"a,b\r\n"));
    let mut want = String::from("a,b");
    for c in COLUMNS {
        want.push(',');
        want.push_str(c);
    }
    want.push('\n');
    assert_eq!(String::from_utf8(out).unwrap(), want);
}

#[test]
fn usage_and_io_errors() {
    dvhc()
        .args(["csv", "--column", "nope"])
        .write_stdin("a,b\n1,2\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("\"a\", \"b\""));
    dvhc()
        .args(["csv", "--column", "a", "--lat", "a"])
        .write_stdin("a\n")
        .assert()
        .code(2);
    dvhc()
        .args(["csv", "--no-header", "--column", "address"])
        .write_stdin("a\n")
        .assert()
        .code(2);
    dvhc().args(["csv"]).write_stdin("a\n").assert().code(2);
    // A quote or a line break as the delimiter would make the output unreadable.
    for d in ["\"", "\n", "ab", "é"] {
        dvhc()
            .args(["csv", "--column", "a", "--delimiter", d])
            .write_stdin("a\n")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("delimiter"));
    }
    dvhc()
        .args(["csv", "--column", "a", "/nonexistent/dvhc/input.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot open"));
}

#[test]
fn hundred_thousand_rows_in_order() {
    let pool: [(&str, &str, &str); 5] = [
        ("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM", "ok", "26740"),
        ("P. Đa Kao, Q.1, TP.HCM", "ambiguous", ""),
        ("", "error", ""),
        ("Phường Sài Gòn, TP.HCM", "ok", "26740"),
        ("\"quoted\", P. Bến Thành, Q1, HCM", "ok", "26743"),
    ];
    let rows = 100_000;
    let mut input = Vec::with_capacity(rows * 60);
    input.extend_from_slice(b"id,address,other\n");
    for i in 0..rows {
        let a = pool[i % pool.len()].0.replace('"', "\"\"");
        writeln!(input, "{i},\"{a}\",x{}", i % 7).unwrap();
    }
    let path = temp_file("rows_100k.csv", &input);
    let start = Instant::now();
    let out = run(
        &["--column", "address", "-j", "3", path.to_str().unwrap()],
        None,
    );
    eprintln!("100,000 rows in {:.2?}", start.elapsed());
    let mut r = csv::ReaderBuilder::new().from_reader(out.as_slice());
    let header = r.headers().unwrap().clone();
    let status = header.iter().position(|h| h == "dvhc_status").unwrap();
    let code = header
        .iter()
        .position(|h| h == "dvhc_commune_code")
        .unwrap();
    let mut n = 0;
    for (i, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        let (addr, want_status, want_code) = pool[i % pool.len()];
        assert_eq!(&rec[0], i.to_string(), "row order");
        assert_eq!(&rec[1], addr);
        assert_eq!(&rec[2], format!("x{}", i % 7));
        assert_eq!(&rec[status], want_status, "row {i}");
        assert_eq!(&rec[code], want_code, "row {i}");
        n += 1;
    }
    assert_eq!(n, rows);
}
