//! `dvhc csv`: translate an address column of a CSV file, streaming, on all cores.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use csv::ByteRecord;
use dvhc::translate::Translator;

use crate::cache::{Cache, Weigh};
use crate::model::{translation_status, ErrorOut, Names, Ref};
use crate::pipeline::{self, Chunk, Failure, NoProgress, Progress};
use crate::progress::Bar;
use crate::Fail;

/// The columns appended to every row, in order.
pub const COLUMNS: [&str; 10] = [
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

/// Rows per chunk handed to a worker.
const CHUNK_ROWS: usize = 2048;

/// Input bytes per chunk: wide rows make smaller chunks, so memory stays bounded.
const CHUNK_BYTES: usize = 1 << 20;

/// A record buffer that grew past this is released after use.
const MAX_KEPT_RECORD: usize = 64 << 10;

/// Longest cache key (address plus coordinates), in bytes.
const MAX_CACHED_KEY: usize = 1024;

/// What `dvhc csv` was asked to do.
pub struct Options {
    /// The input file; stdin when `None` or `-`.
    pub input: Option<PathBuf>,
    /// The address column: a header name, or a 1-based index with `no_header`.
    pub column: String,
    /// Latitude and longitude columns.
    pub point: Option<(String, String)>,
    /// The input has no header row.
    pub no_header: bool,
    /// Field delimiter.
    pub delimiter: u8,
    /// Worker threads.
    pub threads: usize,
    /// Show a progress bar (only ever on a terminal).
    pub progress: bool,
    /// Bytes of results kept for repeated addresses.
    pub cache_bytes: usize,
    /// How to render names.
    pub names: Names,
    /// The translator.
    pub translator: Translator,
}

/// The appended fields of one row, already encoded: each field preceded by the
/// delimiter, then the line end.
struct Appended {
    encoded: Box<[u8]>,
    status: Status,
}

#[derive(Clone, Copy)]
enum Status {
    Ok,
    Ambiguous,
    Error,
}

impl Weigh for Appended {
    fn weight(&self) -> usize {
        self.encoded.len() + std::mem::size_of::<Appended>()
    }
}

impl Appended {
    fn new(fields: [&str; COLUMNS.len()], status: Status, delimiter: u8) -> Appended {
        let mut encoded = Vec::with_capacity(fields.iter().map(|f| f.len() + 1).sum::<usize>() + 1);
        for f in fields {
            encoded.push(delimiter);
            push_field(&mut encoded, f.as_bytes(), delimiter);
        }
        encoded.push(b'\n');
        Appended {
            encoded: encoded.into_boxed_slice(),
            status,
        }
    }

    fn error(e: ErrorOut, delimiter: u8) -> Appended {
        Appended::new(
            ["", "", "", "", "", "error", "0", "", "", &e.message],
            Status::Error,
            delimiter,
        )
    }
}

/// Appends one CSV field (RFC 4180): quoted, with quotes doubled, when it holds the
/// delimiter, a quote or a line break; verbatim otherwise.
fn push_field(out: &mut Vec<u8>, field: &[u8], delimiter: u8) {
    if field
        .iter()
        .any(|&b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r')
    {
        out.push(b'"');
        for &b in field {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field);
    }
}

/// Appends the fields of `rec`, then empty fields up to `width`; no line end.
fn push_record(out: &mut Vec<u8>, rec: &ByteRecord, width: usize, delimiter: u8) {
    for (i, f) in rec.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        push_field(out, f, delimiter);
    }
    if rec.len() == 1 && rec[0].is_empty() {
        // A lone empty field is written `""`, not as an empty line.
        out.extend_from_slice(b"\"\"");
    }
    for _ in rec.len()..width {
        out.push(delimiter);
    }
}

/// Translates one address (with an optional point) into the appended fields.
fn translate_row(
    tr: &Translator,
    names: Names,
    address: &str,
    point: Option<(f64, f64)>,
    delimiter: u8,
) -> Appended {
    let result = match point {
        Some((lat, lon)) => tr.translate_at(address, lat, lon),
        None => tr.translate(address),
    };
    let t = match result {
        Ok(t) => t,
        Err(e) => return Appended::error(ErrorOut::translate(&e), delimiter),
    };
    let candidates = t.candidates();
    let status = translation_status(&t);
    let Some(first) = candidates.first() else {
        return Appended::error(
            ErrorOut {
                kind: "not_found",
                message: "no new unit corresponds to the address".to_owned(),
            },
            delimiter,
        );
    };
    let resolved = t.resolved();
    let commune = resolved
        .and_then(|c| c.commune())
        .map(|c| Ref::of(dvhc::search::Unit::Commune(c), names));
    // The province and the share are shown when every candidate agrees on them (a
    // split commune stays within one province; its parts are all partial).
    let same_province = candidates
        .iter()
        .all(|c| std::ptr::eq(c.province(), first.province()));
    let province =
        same_province.then(|| Ref::of(dvhc::search::Unit::Province(first.province()), names));
    let share = if candidates.iter().all(|c| c.share() == first.share()) {
        first.share().id()
    } else {
        ""
    };
    let codes: Vec<String> = candidates
        .iter()
        .map(|c| match c.commune() {
            Some(m) => m.code().to_string(),
            None => c.province().code().to_string(),
        })
        .collect();
    let count = candidates.len().to_string();
    let formatted = t.formatted().unwrap_or_default();
    let (commune_code, commune_name) = commune
        .as_ref()
        .map_or(("", ""), |r| (r.code.as_str(), r.name.as_str()));
    let (province_code, province_name) = province
        .as_ref()
        .map_or(("", ""), |r| (r.code.as_str(), r.name.as_str()));
    Appended::new(
        [
            commune_code,
            commune_name,
            province_code,
            province_name,
            share,
            status,
            &count,
            &codes.join("|"),
            &formatted,
            "",
        ],
        if status == "ok" {
            Status::Ok
        } else {
            Status::Ambiguous
        },
        delimiter,
    )
}

/// Reads a coordinate pair; `None` when both cells are empty.
fn point(lat: &[u8], lon: &[u8]) -> Result<Option<(f64, f64)>, ErrorOut> {
    let text = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(str::trim)
            .unwrap_or("?")
            .to_owned()
    };
    let (lat, lon) = (text(lat), text(lon));
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    match (lat.parse::<f64>(), lon.parse::<f64>()) {
        (Ok(a), Ok(b)) => Ok(Some((a, b))),
        _ => Err(ErrorOut {
            kind: "bad_coordinates",
            message: format!("latitude {lat:?} / longitude {lon:?} are not both numbers"),
        }),
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Finds the column: a header name (exact, else ignoring case and surrounding spaces),
/// or a 1-based index without header.
fn column_index(header: Option<&ByteRecord>, name: &str, what: &str) -> Result<usize, Fail> {
    let Some(header) = header else {
        return match name.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n - 1),
            _ => Err(Fail::Usage(format!(
                "{what} {name:?}: without a header row, give the column's number (1 for the first)"
            ))),
        };
    };
    let exact = header.iter().position(|h| h == name.as_bytes());
    let loose = || {
        let want = name.trim().to_lowercase();
        header
            .iter()
            .position(|h| String::from_utf8_lossy(h).trim().to_lowercase() == want)
    };
    exact.or_else(loose).ok_or_else(|| {
        let names: Vec<String> = header
            .iter()
            .map(|h| format!("{:?}", String::from_utf8_lossy(h)))
            .collect();
        Fail::Usage(format!(
            "{what} {name:?} is not in the header; the columns are {}",
            names.join(", ")
        ))
    })
}

/// Counts of row statuses, for the summary.
#[derive(Default)]
struct Counts {
    ok: AtomicU64,
    ambiguous: AtomicU64,
    error: AtomicU64,
}

/// Runs `dvhc csv`.
pub fn run(opts: Options, out: Box<dyn Write + Send + '_>) -> Result<(), Fail> {
    let (input, size): (Box<dyn Read>, Option<u64>) = match &opts.input {
        Some(p) if p.as_os_str() != "-" => {
            let f =
                File::open(p).map_err(|e| Fail::Io(format!("cannot open {}: {e}", p.display())))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        }
        _ => (Box::new(io::stdin()), None),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(opts.delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    let read_fail = |e: io::Error| Fail::Io(format!("cannot read the input: {e}"));

    let mut header = ByteRecord::new();
    let has_header = !opts.no_header;
    if has_header
        && !rdr
            .read_byte_record(&mut header)
            .map_err(|e| read_fail(csv_error(e)))?
    {
        return Ok(()); // An empty file: nothing to do.
    }
    let header_ref = has_header.then_some(&header);
    let col = column_index(header_ref, &opts.column, "--column")?;
    let point_cols = match &opts.point {
        Some((lat, lon)) => Some((
            column_index(header_ref, lat, "--lat")?,
            column_index(header_ref, lon, "--lon")?,
        )),
        None => None,
    };
    let width = if has_header { header.len() } else { 0 };

    let mut out = out;
    if has_header {
        let mut bytes = Vec::new();
        push_record(&mut bytes, &header, 0, opts.delimiter);
        for c in COLUMNS {
            bytes.push(opts.delimiter);
            push_field(&mut bytes, c.as_bytes(), opts.delimiter);
        }
        bytes.push(b'\n');
        match out.write_all(&bytes) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
            r => r.map_err(|e| Fail::Io(format!("cannot write the output: {e}")))?,
        }
    }

    let cache: Cache<Appended> = Cache::new(opts.cache_bytes, MAX_CACHED_KEY);
    let counts = Counts::default();
    let position = Arc::new(AtomicU64::new(0));
    let progress: Box<dyn Progress> = if opts.progress {
        Box::new(Bar::new(size, Arc::clone(&position)))
    } else {
        Box::new(NoProgress)
    };
    let (tr, names, delimiter) = (&opts.translator, opts.names, opts.delimiter);

    let process = |_: &mut (), chunk: &mut Chunk<ByteRecord>| {
        let Chunk { items, len, out } = chunk;
        let mut key = Vec::new();
        let (mut ok, mut ambiguous, mut error) = (0u64, 0u64, 0u64);
        for rec in &items[..*len] {
            let cell = |i: usize| rec.get(i).unwrap_or(b"");
            let address = cell(col);
            let pt = point_cols.map(|(a, b)| (cell(a), cell(b)));
            key.clear();
            key.extend_from_slice(address);
            if let Some((a, b)) = pt {
                // 0xFF never occurs in UTF-8: the parts cannot run together.
                key.push(0xFF);
                key.extend_from_slice(a);
                key.push(0xFF);
                key.extend_from_slice(b);
            }
            push_record(out, rec, width, delimiter);
            let status = match cache.with(&key, |a| {
                out.extend_from_slice(&a.encoded);
                a.status
            }) {
                Some(s) => s,
                None => {
                    let appended =
                        match (std::str::from_utf8(address), pt.map(|(a, b)| point(a, b))) {
                            (Err(_), _) => Appended::error(ErrorOut::invalid_utf8(), delimiter),
                            (_, Some(Err(e))) => Appended::error(e, delimiter),
                            (Ok(text), p) => translate_row(
                                tr,
                                names,
                                text,
                                p.and_then(Result::ok).flatten(),
                                delimiter,
                            ),
                        };
                    out.extend_from_slice(&appended.encoded);
                    let s = appended.status;
                    cache.insert(&key, appended);
                    s
                }
            };
            match status {
                Status::Ok => ok += 1,
                Status::Ambiguous => ambiguous += 1,
                Status::Error => error += 1,
            }
        }
        for rec in &mut items[..*len] {
            if rec.as_slice().len() > MAX_KEPT_RECORD {
                *rec = ByteRecord::new();
            }
        }
        counts.ok.fetch_add(ok, Ordering::Relaxed);
        counts.ambiguous.fetch_add(ambiguous, Ordering::Relaxed);
        counts.error.fetch_add(error, Ordering::Relaxed);
    };

    let result = pipeline::run(
        pipeline::Options::with_workers(opts.threads),
        |chunk: &mut Chunk<ByteRecord>| {
            let mut bytes = 0;
            while chunk.len < CHUNK_ROWS && bytes < CHUNK_BYTES {
                let slot = chunk.next_slot();
                if !rdr.read_byte_record(slot).map_err(csv_error)? {
                    chunk.unget();
                    position.store(rdr.position().byte(), Ordering::Relaxed);
                    return Ok(false);
                }
                bytes += slot.as_slice().len() + 8 * slot.len();
            }
            position.store(rdr.position().byte(), Ordering::Relaxed);
            Ok(true)
        },
        || (),
        process,
        out,
        progress,
    );
    if opts.progress {
        let (ok, amb, err) = (
            counts.ok.load(Ordering::Relaxed),
            counts.ambiguous.load(Ordering::Relaxed),
            counts.error.load(Ordering::Relaxed),
        );
        eprintln!("dvhc csv: {ok} ok, {amb} ambiguous, {err} errors");
    }
    match result {
        Ok(()) => Ok(()),
        Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Failure::Write(e)) => Err(Fail::Io(format!("cannot write the output: {e}"))),
        Err(Failure::Read(e)) => Err(read_fail(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        let a = Appended::new(
            ["a", "", "c,c", "", "", "ok", "1", "", "say \"hi\"", "x\ny"],
            Status::Ok,
            b',',
        );
        assert_eq!(
            &*a.encoded,
            b",a,,\"c,c\",,,ok,1,,\"say \"\"hi\"\"\",\"x\ny\"\n"
        );
        let mut out = Vec::new();
        let rec = ByteRecord::from(vec!["1", "a;b", ""]);
        push_record(&mut out, &rec, 5, b';');
        assert_eq!(out, b"1;\"a;b\";;;");
        out.clear();
        push_record(&mut out, &ByteRecord::from(vec![""]), 0, b',');
        assert_eq!(out, b"\"\"");
    }

    #[test]
    fn points() {
        assert_eq!(point(b"", b" ").unwrap(), None);
        assert_eq!(point(b"10.5", b" 106.7 ").unwrap(), Some((10.5, 106.7)));
        assert_eq!(point(b"x", b"1").unwrap_err().kind, "bad_coordinates");
        assert_eq!(point(b"1", b"").unwrap_err().kind, "bad_coordinates");
    }
}
