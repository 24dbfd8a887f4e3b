//! `dvhc_cli::csv::run`, the library function behind `dvhc csv` (and the fuzz target
//! `cli_csv`): threads, cache and errors, and regressions found by fuzzing or review.

use std::io::{self, Write};

use dvhc_cli::csv::{run, CsvOptions, Error, Summary, Threads, COLUMNS};

fn options(column: &str) -> CsvOptions {
    let mut o = CsvOptions::new(column);
    o.threads = Threads::Inline;
    o
}

fn run_ok(input: &[u8], o: &CsvOptions) -> (Vec<u8>, Summary) {
    let mut out = Vec::new();
    let s = run(input, &mut out, o).unwrap_or_else(|e| panic!("{e}"));
    (out, s)
}

/// The records of `out`, fields lossily decoded.
fn records(out: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(out)
        .byte_records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect()
        })
        .collect()
}

/// The appended field `name` of a data row.
fn appended<'a>(rec: &'a [String], name: &str) -> &'a str {
    let i = COLUMNS.iter().position(|c| *c == name).unwrap();
    &rec[rec.len() - COLUMNS.len() + i]
}

const INPUT: &str = "id,address,lat,lon\r\n\
    1,\"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\",,\r\n\
    2,\"P. Đa Kao, Q.1, TP.HCM\",10.7765,106.7035\r\n\
    3,\"P. Đa Kao, Q.1, TP.HCM\",,\r\n\
    4,,,\r\n\
    5,\"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\",x,1\r\n";

#[test]
fn threads_and_cache_change_nothing() {
    let mut o = options("address");
    o.point = Some(("lat".into(), "lon".into()));
    let (want, summary) = run_ok(INPUT.as_bytes(), &o);
    assert_eq!(
        (summary.rows, summary.ok, summary.ambiguous, summary.errors),
        (5, 2, 1, 2)
    );
    for threads in [Threads::Inline, Threads::Workers(1), Threads::Workers(3)] {
        for cache_bytes in [0, 1 << 20] {
            o.threads = threads;
            o.cache_bytes = cache_bytes;
            let (out, s) = run_ok(INPUT.as_bytes(), &o);
            assert_eq!(s, summary, "{threads:?} {cache_bytes}");
            assert!(out == want, "{threads:?} {cache_bytes}");
        }
    }
    let recs = records(&want, b',');
    assert_eq!(recs.len(), 6);
    assert_eq!(appended(&recs[2], "dvhc_commune_code"), "26740");
    assert_eq!(appended(&recs[3], "dvhc_status"), "ambiguous");
    assert_eq!(appended(&recs[4], "dvhc_error"), "the address is empty");
    assert!(appended(&recs[5], "dvhc_error").contains("not both numbers"));
}

#[test]
fn usage_errors_write_nothing() {
    let input = b"a,b\n1,2\n";
    let mut out = Vec::new();
    let e = run(&input[..], &mut out, &options("c")).unwrap_err();
    assert!(
        matches!(&e, Error::Usage(m) if m.contains("\"a\", \"b\"")),
        "{e}"
    );
    let mut o = options("a");
    o.has_header = false;
    assert!(matches!(
        run(&input[..], &mut out, &o),
        Err(Error::Usage(_))
    ));
    o.column = "0".into();
    assert!(matches!(
        run(&input[..], &mut out, &o),
        Err(Error::Usage(_))
    ));
    for delimiter in [b'"', b'\n', b'\r', 0xC3] {
        let mut o = options("a");
        o.delimiter = delimiter;
        let e = run(&input[..], &mut out, &o).unwrap_err();
        assert!(
            matches!(&e, Error::Usage(m) if m.contains("delimiter")),
            "{e}"
        );
    }
    assert!(out.is_empty());
    // An empty input is no error, whatever the column: there is no header to look in.
    assert_eq!(run_ok(b"", &options("c")), (Vec::new(), Summary::default()));
}

#[test]
fn write_errors_stop_the_run() {
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    for threads in [Threads::Inline, Threads::Workers(2)] {
        for has_header in [true, false] {
            let mut o = options("1");
            o.threads = threads;
            o.has_header = has_header;
            o.column = if has_header { "address" } else { "2" }.into();
            let r = run(INPUT.as_bytes(), Broken, &o);
            assert!(
                matches!(&r, Err(Error::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe),
                "{r:?}"
            );
        }
    }
}

/// Regression: the result cache keyed a row by its address and coordinate cells
/// joined with 0xFF bytes, which cannot occur in UTF-8, but can in cells that are not
/// UTF-8: `\xFF,,` and `,,\xFF` had the same key, so the second row got the first
/// row's result (invalid UTF-8 address) instead of its own (bad coordinates).
#[test]
fn cache_keys_of_non_utf8_cells_do_not_collide() {
    let input = b"address,lat,lon\n\xFF,,\n,,\xFF\n";
    let mut o = options("address");
    o.point = Some(("lat".into(), "lon".into()));
    let (cached, _) = run_ok(input, &o);
    o.cache_bytes = 0;
    let (uncached, _) = run_ok(input, &o);
    assert!(cached == uncached);
    let recs = records(&cached, b',');
    assert_eq!(
        appended(&recs[1], "dvhc_error"),
        "the input is not valid UTF-8"
    );
    assert!(appended(&recs[2], "dvhc_error").contains("not both numbers"));
}

/// Found by fuzzing (`cli_csv`, a harness false positive, kept as a pin): only the first
/// BOM is the encoding signature; a second U+FEFF is the first header field's content
/// and is written back byte for byte.
#[test]
fn a_second_bom_is_content() {
    let input = b"\xEF\xBB\xBF\xEF\xBB\xBFname,address\nx,Quan 1 TP HCM\n";
    let (out, s) = run_ok(input, &options("address"));
    assert_eq!(s.rows, 1);
    assert!(
        out.starts_with(b"\xEF\xBB\xBFname,address,dvhc_"),
        "{out:?}"
    );
    assert!(!out.starts_with(b"\xEF\xBB\xBF\xEF\xBB\xBF"));
}

#[test]
fn unreadable_rows_are_counted_and_the_rest_is_read() {
    // A stray quote on line 3, with a small record limit: that line alone is an error
    // row, every other row is read; the same with worker threads.
    let mut input = String::from("id,address\n1,P. Bến Nghé Q1 HCM\n2,\"P. Đa Kao\n");
    for i in 3..50 {
        input.push_str(&format!("{i},P. Bến Nghé Q1 HCM\n"));
    }
    let mut o = options("address");
    o.max_record_bytes = 200;
    let (out, s) = run_ok(input.as_bytes(), &o);
    assert_eq!((s.rows, s.ok, s.errors, s.unreadable), (49, 48, 1, 1));
    assert_eq!(s.unreadable_lines[0].line, 3);
    let recs = records(&out, b',');
    assert_eq!(recs.len(), 50);
    assert_eq!(recs[2][1], "P. Đa Kao");
    assert!(
        appended(&recs[2], "dvhc_error").starts_with("line 3: the record is larger than 200 bytes")
    );
    assert_eq!(recs[49][0], "49");
    o.threads = Threads::Workers(3);
    let (again, s2) = run_ok(input.as_bytes(), &o);
    assert_eq!((again, s2), (out, s));
}

#[test]
fn json_lines_output_from_the_library() {
    let mut o = options("address");
    o.output_format = Some(dvhc_cli::csv::OutputFormat::Jsonl);
    let (out, s) = run_ok(
        b"id,address\n1,\"P. B\xe1\xba\xbfn Ngh\xc3\xa9, Q1, HCM\"\n",
        &o,
    );
    assert_eq!(s.ok, 1);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["id"], "1");
    assert_eq!(v["dvhc_commune_code"], "26740");
    assert_eq!(v["dvhc_candidates"], 1);
    assert_eq!(v["dvhc_share"], "whole");
    assert_eq!(v["dvhc_error"], serde_json::Value::Null);
}

/// The CSV parser is reused from one run (and one record read alone) to the next on
/// a thread, reset in between: after runs with other delimiters, a stray quote left
/// open and a BOM, a run gives what it gives on a fresh thread.
#[test]
fn runs_one_after_another_on_a_thread_are_alike() {
    let run_with = |d: u8| {
        let input = "\u{feff}id,address\n1,\"P. Bến Nghé, Q1\" HCM\n2,\"P. Đa Kao\n3,Quận 1\n"
            .replace(',', &char::from(d).to_string());
        let mut o = options("address");
        o.max_record_bytes = 40;
        o.delimiter = d;
        run_ok(input.as_bytes(), &o)
    };
    let delimiters = [b',', b';', b'\t', b','];
    let fresh: Vec<_> = delimiters
        .iter()
        .map(|&d| std::thread::spawn(move || run_with(d)).join().unwrap())
        .collect();
    assert_eq!(fresh[0].1.unreadable, 1);
    assert_eq!(fresh[0].1.rows, 3);
    for _ in 0..2 {
        for (d, want) in delimiters.iter().zip(&fresh) {
            assert_eq!(&run_with(*d), want, "delimiter {d}");
        }
    }
}
