//! The CLI's CSV path, `dvhc_cli::csv::run` (what `dvhc csv` runs), on arbitrary bytes.
//!
//! Input: 6 option bytes, then the CSV.
//! * byte 0: bit 0 header row, bit 1 `--lat/--lon` columns, bit 2 result cache on,
//!   bit 3 run again with worker threads and the cache toggled, bits 4–5 delimiter
//!   (`,` `;` tab `|`), bit 6 `--era-out 2025-07-01`, bit 7 byte 4 is the delimiter;
//! * byte 1: the address column: a header name, written exactly or in other case with
//!   spaces around, or a name in no column; without header a number 0–5;
//! * bytes 2, 3: the latitude and longitude columns, likewise but always written
//!   exactly (header names, or numbers 0–5);
//! * byte 4: with bit 7 of byte 0, the delimiter (any byte);
//! * byte 5: bits 0–1 the record limit (`--max-record-bytes`): the default, 8, 40 or
//!   200 bytes, so that records over the limit are common; bits 2–5 the encoding
//!   (`--encoding`, read with `dvhc_cli::decode::open` as `dvhc csv` does): 0 and
//!   9–15 none (the bytes go to `run` as they are), 1–8 `auto`, `utf-8`, `utf-16`,
//!   `utf-16le`, `utf-16be`, `windows-1258`, `tcvn3`, `vni`.
//!
//! Decoding: `open` fails only with `auto` (an 8-bit input whose encoding is not
//! clear); what a decoder gives is UTF-8, and NFC for Windows-1258, TCVN3 and VNI;
//! TCVN3 and VNI read through the streaming reader equal the library's `decode` of the
//! whole input, in NFC. The decoded bytes are then the CSV below.
//!
//! Properties: no panic. `Err` only for a delimiter that is not ASCII or is a quote or
//! a line break, a column that is not in the header or not a number from 1 (or, without
//! header, past the first row), a header over the record limit (and then nothing is
//! written). On `Ok`:
//! * every output row is CSV with the 10 appended fields, consistent as below, and
//!   the summary counts them; a row that could not be read as CSV (`summary.unreadable`)
//!   is an `error` whose message starts with its line number, lines not decreasing;
//! * when every row could be read, with the input read by the same CSV reader as the
//!   reference:
//! * the output is CSV again, one record per input record, in order: the header plus
//!   the 10 `COLUMNS`, each row's fields unchanged and padded with empty fields to the
//!   header's width, then 10 appended fields;
//! * the appended fields are consistent: status `ok`, `partial`, `ambiguous` or
//!   `error`; the candidate count matches the codes; an `error` row has a message and
//!   nothing else, other rows no message; an `ok` row has a formatted address and its
//!   commune, if any, is the first candidate; an `ambiguous` row has neither; a
//!   `partial` row is either; a row whose address is not UTF-8 is an `error`;
//! * the summary counts the rows and statuses written;
//! * the output is UTF-8 exactly when every input field is, has a `\r` only where an
//!   input field has one, and ends with `\n` (nothing at all for no input record);
//! * with worker threads and the cache toggled, the output is the same bytes.
#![no_main]

use csv::ByteRecord;
use dvhc::Date;
use dvhc_cli::csv::{run, CsvOptions, Error, Summary, Threads, COLUMNS};
use dvhc_cli::decode::{open, Encoding, OpenError};
use libfuzzer_sys::fuzz_target;
use std::io::Read;
use unicode_normalization::UnicodeNormalization;

const ENCODINGS: [Encoding; 8] = [
    Encoding::Auto,
    Encoding::Utf8,
    Encoding::Utf16,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
    Encoding::Windows1258,
    Encoding::Tcvn3,
    Encoding::Vni,
];

/// `input` read in the encoding selected by `sel` (`None`: as it is), checked as the
/// module documentation says; `None` when `open` refused it.
fn decoded(input: &[u8], sel: u8) -> Option<Vec<u8>> {
    let Some(&e) = usize::from(sel)
        .checked_sub(1)
        .and_then(|i| ENCODINGS.get(i))
    else {
        return Some(input.to_vec());
    };
    let opened = match open(Box::new(std::io::Cursor::new(input.to_vec())), e) {
        Ok(o) => o,
        Err(OpenError::Usage(m)) => {
            assert_eq!(e, Encoding::Auto, "{m}");
            assert!(m.contains("--encoding"), "{m}");
            return None;
        }
        Err(OpenError::Read(err)) => panic!("reading from memory: {err}"),
    };
    let mut out = Vec::new();
    { opened.reader }
        .read_to_end(&mut out)
        .expect("decoding from memory cannot fail");
    let legacy = match e {
        Encoding::Tcvn3 => Some(dvhc::text::LegacyEncoding::Tcvn3),
        Encoding::Vni => Some(dvhc::text::LegacyEncoding::Vni),
        _ => None,
    };
    if e != Encoding::Auto && e != Encoding::Utf8 {
        assert!(opened.note.is_none());
        let text = std::str::from_utf8(&out).expect("decoded text is UTF-8");
        if matches!(e, Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni) {
            assert!(unicode_normalization::is_nfc(text), "NFC");
        }
        if let Some(l) = legacy {
            let whole: String = dvhc::text::decode(input, l).nfc().collect();
            assert_eq!(text, whole, "read in blocks as decoded whole");
        }
    }
    Some(out)
}

const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

const LIMITS: [usize; 4] = [dvhc_cli::csv::DEFAULT_MAX_RECORD, 8, 40, 200];

/// Every record of `bytes`, read the way `dvhc csv` reads them: what the `csv` crate's
/// reader (no headers, flexible) returns, which is csv-core's records (a leading
/// UTF-8 byte-order mark dropped) with its buffers grown as needed. The parser is
/// csv-core's own, built once per delimiter and reset for the next input: building
/// it cost most of an execution (1.8 million instrumented instructions each time),
/// and `csv::Reader` builds one for every input.
fn records(bytes: &[u8], delimiter: u8) -> Vec<ByteRecord> {
    use std::cell::RefCell;
    thread_local! {
        static BUILT: RefCell<Vec<(u8, csv_core::Reader)>> = const { RefCell::new(Vec::new()) };
    }
    let kept = BUILT.with(|b| {
        let mut b = b.borrow_mut();
        let i = b.iter().position(|(d, _)| *d == delimiter)?;
        Some(b.swap_remove(i).1)
    });
    let mut core =
        kept.unwrap_or_else(|| csv_core::ReaderBuilder::new().delimiter(delimiter).build());
    let records = read_records(&mut core, bytes);
    core.reset();
    BUILT.with(|b| b.borrow_mut().push((delimiter, core)));
    records
}

/// The records of `bytes`, read by `core` from its initial state.
fn read_records(core: &mut csv_core::Reader, bytes: &[u8]) -> Vec<ByteRecord> {
    use csv_core::ReadRecordResult::{End, InputEmpty, OutputEndsFull, OutputFull, Record};
    let (mut out, mut ends) = (vec![0; 64], vec![0; 8]);
    let mut input = bytes;
    let mut records = Vec::new();
    loop {
        let (mut o, mut e) = (0, 0);
        loop {
            let (res, nin, nout, nend) = core.read_record(input, &mut out[o..], &mut ends[e..]);
            input = &input[nin..];
            o += nout;
            e += nend;
            match res {
                InputEmpty => continue,
                OutputFull => out.resize(out.len() * 2, 0),
                OutputEndsFull => ends.resize(ends.len() * 2, 0),
                Record => break,
                End => return records,
            }
        }
        let mut rec = ByteRecord::new();
        let mut start = 0;
        for &end in &ends[..e] {
            rec.push_field(&out[start..end]);
            start = end;
        }
        records.push(rec);
    }
}

/// The documented loose match: ignoring case and surrounding spaces.
fn loose(field: &[u8], name: &str) -> bool {
    String::from_utf8_lossy(field).trim().to_lowercase() == name.trim().to_lowercase()
}

/// A column option from a selector byte: `(name, must be found)`.
fn column(header: Option<&ByteRecord>, sel: u8) -> (String, bool) {
    match header {
        Some(h) if !h.is_empty() && sel % 4 != 3 => {
            let name = String::from_utf8_lossy(&h[usize::from(sel >> 2) % h.len()]).into_owned();
            if sel % 4 == 1 {
                (format!("  {}\t", name.to_uppercase()), false)
            } else {
                (name, true)
            }
        }
        Some(_) => ("dvhc fuzz: no such column".to_owned(), false),
        None if sel % 4 == 3 => ("address".to_owned(), false),
        None => {
            let n = usize::from(sel >> 2) % 6;
            (n.to_string(), n >= 1)
        }
    }
}

fn field(rec: &ByteRecord, i: usize) -> &str {
    std::str::from_utf8(&rec[i]).expect("appended fields are UTF-8")
}

fn is_code(s: &str, widths: &[usize]) -> bool {
    widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Checks the appended fields of one output row; returns its status.
fn check_appended(a: &[&str]) -> &'static str {
    let [commune_code, commune_name, province_code, province_name, share, status, count, codes, formatted, error] =
        a
    else {
        unreachable!()
    };
    let n: usize = count.parse().expect("dvhc_candidates is a number");
    let codes: Vec<&str> = if codes.is_empty() {
        Vec::new()
    } else {
        codes.split('|').collect()
    };
    assert_eq!(codes.len(), n, "{a:?}");
    assert!(codes.iter().all(|c| is_code(c, &[2, 5])), "{a:?}");
    assert!(["", "whole", "partial"].contains(share), "{a:?}");
    assert_eq!(commune_code.is_empty(), commune_name.is_empty(), "{a:?}");
    assert_eq!(province_code.is_empty(), province_name.is_empty(), "{a:?}");
    if !commune_code.is_empty() {
        assert!(is_code(commune_code, &[5]), "{a:?}");
        assert!(codes.contains(commune_code), "{a:?}");
    }
    if !province_code.is_empty() {
        assert!(is_code(province_code, &[2]), "{a:?}");
    }
    match *status {
        "error" => {
            assert_eq!(n, 0, "{a:?}");
            assert!(!error.is_empty(), "{a:?}");
            assert!(
                a[..5].iter().all(|f| f.is_empty()) && formatted.is_empty(),
                "{a:?}"
            );
            "error"
        }
        "ok" | "ambiguous" | "partial" => {
            assert!(n >= 1, "{a:?}");
            assert!(error.is_empty(), "{a:?}");
            // A partial row (a unit written was not found) is resolved or ambiguous
            // at the level reached.
            if *status == "ambiguous" || *status == "partial" && formatted.is_empty() {
                assert!(commune_code.is_empty() && formatted.is_empty(), "{a:?}");
                if *status == "partial" {
                    "partial"
                } else {
                    "ambiguous"
                }
            } else {
                // Resolved to the first candidate: its commune, or a province alone.
                assert!(!formatted.is_empty(), "{a:?}");
                let first = codes[0];
                let want = if first.len() == 5 { first } else { "" };
                assert_eq!(*commune_code, want, "{a:?}");
                if *status == "partial" {
                    "partial"
                } else {
                    "ok"
                }
            }
        }
        other => panic!("status {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    let (opts, raw) = data.split_at(6);
    let Some(input) = decoded(raw, (opts[5] >> 2) & 15) else {
        return;
    };
    let input = &input[..];
    let flags = opts[0];
    let delimiter = if flags & 128 != 0 {
        opts[4]
    } else {
        DELIMITERS[usize::from(flags >> 4) & 3]
    };
    let has_header = flags & 1 != 0;
    if !delimiter.is_ascii() || matches!(delimiter, b'"' | b'\r' | b'\n') {
        let mut options = CsvOptions::new("address");
        options.delimiter = delimiter;
        options.threads = Threads::Inline;
        let mut out = Vec::new();
        let r = run(input, &mut out, &options);
        assert!(matches!(r, Err(Error::Usage(_))), "delimiter {delimiter}");
        assert!(out.is_empty());
        return;
    }

    let inp = records(input, delimiter);
    let header = if has_header { inp.first() } else { None };
    let (name, mut must_find) = column(header, opts[1]);
    let mut options = CsvOptions::new(name.clone());
    let mut names = vec![name];
    options.has_header = has_header;
    options.delimiter = delimiter;
    options.threads = Threads::Inline;
    options.cache_bytes = if flags & 4 != 0 { 1 << 20 } else { 0 };
    if flags & 2 != 0 {
        let (lat, lat_found) = column(header, opts[2] & !3);
        let (lon, lon_found) = column(header, opts[3] & !3);
        must_find &= lat_found && lon_found;
        names.extend([lat.clone(), lon.clone()]);
        options.point = Some((lat, lon));
    }
    if flags & 64 != 0 {
        options.on = Date::new(2025, 7, 1);
    }
    options.max_record_bytes = LIMITS[usize::from(opts[5] & 3)];
    if header.is_none() {
        // Without header, a column number must also be within the first row.
        let width = inp.first().map_or(0, ByteRecord::len);
        must_find &= names
            .iter()
            .all(|n| n.parse::<usize>().is_ok_and(|i| i <= width));
    }

    let mut out = Vec::new();
    let summary = match run(input, &mut out, &options) {
        Ok(s) => s,
        Err(Error::Usage(m)) => {
            assert!(out.is_empty(), "output before a usage error");
            if m.starts_with("the header cannot be read") {
                assert!(has_header);
                return;
            }
            if m.contains("is one of the columns dvhc csv appends") {
                assert!(header
                    .is_some_and(|h| h.iter().any(|f| COLUMNS.iter().any(|c| c.as_bytes() == f))));
                return;
            }
            // The reference's first record may differ from the tool's when it could
            // not be read whole (a quote, or the limit): then only the kind of error is
            // checked.
            let unsure = input.contains(&b'"') || input.len() > options.max_record_bytes;
            assert!(!must_find || unsure, "{m}");
            // The error is right: some name is in no column.
            match header {
                Some(h) if !unsure => assert!(names
                    .iter()
                    .any(|n| !h.iter().any(|f| f == n.as_bytes() || loose(f, n)))),
                Some(_) => {}
                None => {
                    let width = inp.first().map_or(0, ByteRecord::len);
                    assert!(
                        unsure
                            || names.iter().any(|n| !matches!(
                                n.trim().parse::<usize>(), Ok(i) if i >= 1 && i <= width
                            )),
                        "{m}"
                    );
                }
            }
            return;
        }
        Err(e) => panic!("{e}"),
    };

    if has_header && inp.is_empty() {
        assert!(out.is_empty());
        assert_eq!(summary, Summary::default());
        return;
    }
    if summary.unreadable > 0 || summary.replaced_columns > 0 {
        check_structure(&out, delimiter, has_header, &summary);
        differential(input, &out, &summary, &options, flags);
        return;
    }
    // The reader strips a leading BOM: one is put in front so that a U+FEFF the
    // output starts with (content: the input's second BOM) is read back as content.
    let outp = records(&[b"\xEF\xBB\xBF", &out[..]].concat(), delimiter);
    assert_eq!(outp.len(), inp.len(), "one output record per input record");
    assert_eq!(out.is_empty(), inp.is_empty());
    assert!(out.is_empty() || out.ends_with(b"\n"));
    let width = header.map_or(0, ByteRecord::len);
    let data_rows = if has_header {
        let mut want = inp[0].clone();
        for c in COLUMNS {
            want.push_field(c.as_bytes());
        }
        assert_eq!(outp[0], want, "header");
        1
    } else {
        0
    };

    let (mut ok, mut partial, mut ambiguous, mut errors) = (0u64, 0u64, 0u64, 0u64);
    for (i, (r, o)) in inp.iter().zip(&outp).enumerate().skip(data_rows) {
        let kept = r.len().max(width);
        assert_eq!(o.len(), kept + COLUMNS.len(), "row {i}: {r:?} -> {o:?}");
        assert!(r.iter().zip(o.iter()).all(|(a, b)| a == b), "row {i}");
        assert!((r.len()..kept).all(|j| o[j].is_empty()), "row {i}");
        let appended: Vec<&str> = (kept..o.len()).map(|j| field(o, j)).collect();
        match check_appended(&appended) {
            "ok" => ok += 1,
            "partial" => partial += 1,
            "ambiguous" => ambiguous += 1,
            _ => errors += 1,
        }
        // The address column, as the options name it.
        let col = match header {
            Some(h) => h
                .iter()
                .position(|f| f == names[0].as_bytes())
                .or_else(|| h.iter().position(|f| loose(f, &names[0]))),
            None => names[0].parse::<usize>().ok().map(|n| n - 1),
        }
        .expect("the column was found");
        let address = r.get(col).unwrap_or(b"");
        if std::str::from_utf8(address).is_err() {
            assert_eq!(appended[5], "error");
            assert_eq!(appended[9], "the input is not valid UTF-8");
        }
    }
    let rows = (inp.len() - data_rows) as u64;
    assert_eq!(
        (
            summary.rows,
            summary.ok,
            summary.partial,
            summary.ambiguous,
            summary.errors
        ),
        (rows, ok, partial, ambiguous, errors)
    );

    let all_utf8 = inp
        .iter()
        .all(|r| r.iter().all(|f| std::str::from_utf8(f).is_ok()));
    assert_eq!(std::str::from_utf8(&out).is_ok(), all_utf8);
    let any_cr = inp.iter().any(|r| r.iter().any(|f| f.contains(&b'\r')));
    if !any_cr {
        assert!(!out.contains(&b'\r'));
    }

    differential(input, &out, &summary, &options, flags);
});

/// With bit 3: worker threads and the cache toggled change no byte.
fn differential(input: &[u8], out: &[u8], summary: &Summary, options: &CsvOptions, flags: u8) {
    if flags & 8 != 0 {
        let mut options = options.clone();
        options.threads = Threads::Workers(1);
        options.cache_bytes = if options.cache_bytes == 0 { 1 << 20 } else { 0 };
        let mut again = Vec::new();
        let s = run(input, &mut again, &options).expect("same input, same options");
        assert_eq!(&s, summary);
        assert!(again == out, "threads and cache change nothing");
    }
}

/// What holds whether or not every row could be read: the output is CSV, every data
/// row ends with 10 consistent appended fields, the summary counts them, and the
/// unreadable rows are errors that give their line, lines not decreasing.
fn check_structure(out: &[u8], delimiter: u8, has_header: bool, summary: &Summary) {
    let outp = records(&[b"\xEF\xBB\xBF", out].concat(), delimiter);
    let data = if has_header {
        &outp[1.min(outp.len())..]
    } else {
        &outp[..]
    };
    assert_eq!(data.len() as u64, summary.rows);
    assert!(out.is_empty() || out.ends_with(b"\n"));
    let (mut ok, mut partial, mut ambiguous, mut errors, mut unreadable) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut last_line = 0u64;
    for o in data {
        assert!(o.len() >= COLUMNS.len(), "{o:?}");
        let appended: Vec<&str> = (o.len() - COLUMNS.len()..o.len())
            .map(|j| field(o, j))
            .collect();
        match check_appended(&appended) {
            "ok" => ok += 1,
            "partial" => partial += 1,
            "ambiguous" => ambiguous += 1,
            _ => errors += 1,
        }
        if let Some(rest) = appended[9].strip_prefix("line ") {
            let n: u64 = rest
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a line number");
            // Lines are counted by `\n`: a resynchronisation at a lone `\r` stays on the
            // same line.
            assert!(
                n >= last_line,
                "lines do not decrease: {n} after {last_line}"
            );
            last_line = n;
            unreadable += 1;
        }
    }
    assert_eq!(
        (
            summary.ok,
            summary.partial,
            summary.ambiguous,
            summary.errors
        ),
        (ok, partial, ambiguous, errors)
    );
    assert_eq!(summary.unreadable, unreadable);
    assert_eq!(
        summary.unreadable_lines.len() as u64,
        unreadable.min(dvhc_cli::csv::MAX_LISTED as u64)
    );
}
