//! `dvhc csv`: translate an address column of a CSV file, streaming, on all cores.
//!
//! [`run`] is the whole subcommand but for opening the file and drawing the progress
//! bar: the `dvhc` binary runs the same code on the file (or stdin) and stdout.
//!
//! The input is RFC 4180 CSV, read leniently: quoted fields with doubled quotes and
//! line breaks, a UTF-8 byte-order mark at the start (dropped), `\n`, `\r\n` or `\r`
//! line ends, blank lines skipped, rows of any length (short rows are padded to the
//! header's width, long ones kept whole). Every input row gives one output row, in
//! input order: its fields, quoted where needed, then the [`COLUMNS`], each row ending
//! with `\n`. Bytes outside the address column pass through untouched, even when they
//! are not UTF-8. A row that cannot be translated (an empty or non-UTF-8 address, bad
//! coordinates, an address that names no unit) gets status `error` and a message; the
//! run goes on.

use std::fmt;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use csv::ByteRecord;
use dvhc::translate::{TranslateError, Translator};
use dvhc::{Date, FullName};

use dvhc::Era;

use crate::cache::{Cache, Weigh};
use crate::engine;
use crate::model::{ErrorOut, Names};
use crate::pipeline::{self, Chunk, Failure, NoProgress, Progress};
use crate::progress::Bar;

/// The columns appended to every row, in order: the commune (filled only when the
/// address resolves to one unit), the province and the share (when every candidate
/// agrees on them), the status (`ok`, `partial`, `ambiguous` or `error`: see
/// `dvhc::Status`), the number of
/// candidates, their codes (`|`-separated, best first), the new address in official
/// form when it resolves to one unit, and the error message of a row in error.
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

/// Where the rows are translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// On the calling thread only, one chunk of rows after the other: no thread is
    /// spawned. For embedding, tests and fuzzing.
    Inline,
    /// On this many worker threads (0 counts as 1), with one more thread writing the
    /// output in order while the calling thread reads the input. What `dvhc csv -j N`
    /// does.
    Workers(usize),
}

impl Default for Threads {
    /// One worker per core.
    fn default() -> Threads {
        Threads::Workers(
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        )
    }
}

/// What [`run`] is asked to do: the options of `dvhc csv`.
///
/// Made with [`CsvOptions::new`], then changed field by field.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CsvOptions {
    /// The address column (`--column`): a header name (matched exactly, else ignoring
    /// case and surrounding spaces), or without a header the column's number from 1.
    pub column: String,
    /// Latitude and longitude columns (`--lat`, `--lon`), named like `column`.
    pub point: Option<(String, String)>,
    /// The first row is a header (default); it is written back with the appended
    /// column names. Without one (`--no-header`), no header is written either.
    pub has_header: bool,
    /// The field delimiter (`--delimiter`, default `,`): an ASCII byte other than `"`,
    /// `\r` and `\n`.
    pub delimiter: u8,
    /// Where the rows are translated (`-j`; default: one worker per core).
    pub threads: Threads,
    /// Bytes of results kept for repeated addresses (`--cache-mb`; default 16 MiB;
    /// 0 disables the cache).
    pub cache_bytes: usize,
    /// Render names and kinds in force on this day (`--era-out`); `None` (default):
    /// those in force now.
    pub on: Option<Date>,
    /// Read every address in this structure only (`--assume`); `None` (default):
    /// either.
    pub assume: Option<Era>,
}

impl CsvOptions {
    /// The defaults of `dvhc csv --column COLUMN`.
    pub fn new(column: impl Into<String>) -> CsvOptions {
        CsvOptions {
            column: column.into(),
            point: None,
            has_header: true,
            delimiter: b',',
            threads: Threads::default(),
            cache_bytes: 16 << 20,
            on: None,
            assume: None,
        }
    }
}

/// How many rows [`run`] wrote, by status (the header not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// Data rows read and written: `ok + partial + ambiguous + errors`.
    pub rows: u64,
    /// Rows with status `ok`.
    pub ok: u64,
    /// Rows with status `partial`.
    pub partial: u64,
    /// Rows with status `ambiguous`.
    pub ambiguous: u64,
    /// Rows with status `error`.
    pub errors: u64,
}

/// Why [`run`] stopped. A bad row is not an error: it gets status `error`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The options do not fit the input: a column that is not in the header, a
    /// column number that is not a number from 1, a delimiter that cannot be used.
    /// Nothing was written. (`dvhc` exits with status 2.)
    Usage(String),
    /// Reading the input failed; what was read before has been written.
    Read(io::Error),
    /// Writing the output failed (a closed pipe, a full disk); the run stopped.
    Write(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Read(e) => write!(f, "cannot read the input: {e}"),
            Error::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Usage(_) => None,
            Error::Read(e) | Error::Write(e) => Some(e),
        }
    }
}

/// Whether `b` can separate fields: ASCII, and not a quote or a line break (those
/// would make the output unreadable).
pub(crate) fn usable_delimiter(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n')
}

/// The progress bar of `dvhc csv` on a terminal.
pub(crate) struct ProgressBar {
    /// The input's size, when it is a file.
    pub total_bytes: Option<u64>,
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
    Partial,
    Ambiguous,
    Error,
}

impl Weigh for Appended {
    fn weight(&self) -> usize {
        self.encoded.len() + std::mem::size_of::<Appended>()
    }
}

/// Writes the appended fields of a row, each preceded by the delimiter.
struct Fields<'a> {
    out: &'a mut Vec<u8>,
    delimiter: u8,
}

/// Whether fields of ASCII letters, digits and `|` never need quoting with this
/// delimiter.
fn plain_delimiter(delimiter: u8) -> bool {
    !(delimiter.is_ascii_alphanumeric() || delimiter == b'|')
}

impl Fields<'_> {
    fn put(&mut self, field: &[u8]) {
        self.out.push(self.delimiter);
        push_field(self.out, field, self.delimiter);
    }

    /// A field of ASCII letters, digits and `|` only (codes, counts, ids).
    fn put_ascii(&mut self, field: &[u8]) {
        debug_assert!(field
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'|'));
        if plain_delimiter(self.delimiter) {
            self.out.push(self.delimiter);
            self.out.extend_from_slice(field);
        } else {
            self.put(field);
        }
    }

    /// A field of digits and `|` built in `buf` first (codes, counts).
    fn put_digits(&mut self, buf: &mut Vec<u8>, build: impl FnOnce(&mut Vec<u8>)) {
        buf.clear();
        build(buf);
        self.put_ascii(buf);
    }

    /// A full name, `prefix name`, written in place unless it needs quoting.
    fn put_name(&mut self, buf: &mut Vec<u8>, name: Option<FullName>) {
        let Some(n) = name else {
            self.put(b"");
            return;
        };
        let (prefix, name) = (n.prefix().as_bytes(), n.name().as_bytes());
        let d = self.delimiter;
        if d != b' ' && !needs_quotes(prefix, d) && !needs_quotes(name, d) {
            self.out.push(d);
            self.out.extend_from_slice(prefix);
            self.out.push(b' ');
            self.out.extend_from_slice(name);
            return;
        }
        buf.clear();
        buf.extend_from_slice(prefix);
        buf.push(b' ');
        buf.extend_from_slice(name);
        self.put(buf);
    }

    fn end(self) {
        self.out.push(b'\n');
    }
}

/// Writes the appended fields of a row in error.
fn append_error(out: &mut Vec<u8>, e: &ErrorOut, delimiter: u8) -> Status {
    let mut f = Fields { out, delimiter };
    for field in ["", "", "", "", "", "error", "0", "", ""] {
        f.put(field.as_bytes());
    }
    f.put(e.message.as_bytes());
    f.end();
    Status::Error
}

/// Appends `n` in decimal, zero-padded to `width` digits.
fn push_number(buf: &mut Vec<u8>, n: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in digits.len() - i..width {
        buf.push(b'0');
    }
    buf.extend_from_slice(&digits[i..]);
}

/// Whether a CSV field must be quoted: it holds the delimiter, a quote or a line
/// break.
fn needs_quotes(field: &[u8], delimiter: u8) -> bool {
    // Most fields are short: a plain loop beats setting up a vectorised search.
    if field.len() < 32 {
        field
            .iter()
            .any(|&b| matches!(b, b'"' | b'\n' | b'\r') || b == delimiter)
    } else {
        memchr::memchr3(b'"', b'\n', b'\r', field).is_some()
            || memchr::memchr(delimiter, field).is_some()
    }
}

/// Appends one CSV field (RFC 4180): quoted, with quotes doubled, when it holds the
/// delimiter, a quote or a line break; verbatim otherwise.
fn push_field(out: &mut Vec<u8>, field: &[u8], delimiter: u8) {
    if !needs_quotes(field, delimiter) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    let mut rest = field;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
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

/// Translates one address (with an optional point) and writes the appended fields to
/// `out`; `buf` is scratch space.
fn translate_row(
    tr: &Translator,
    names: Names,
    address: &str,
    point: Option<(f64, f64)>,
    delimiter: u8,
    out: &mut Vec<u8>,
    buf: &mut Vec<u8>,
) -> Status {
    let result = match point {
        Some((lat, lon)) => tr.translate_at(address, lat, lon),
        None => tr.translate(address),
    };
    let t = match result {
        Ok(t) => t,
        Err(e) => return append_error(out, &ErrorOut::translate(&e), delimiter),
    };
    let candidates = t.candidates();
    let Some(first) = candidates.first() else {
        let e = ErrorOut::translate(&TranslateError::NoNewUnit);
        return append_error(out, &e, delimiter);
    };
    let status = t.status();
    let commune = t.resolved().and_then(|c| c.commune());
    // The province and the share are shown when every candidate agrees on them (a
    // split commune stays within one province; its parts are all partial).
    let province = candidates
        .iter()
        .all(|c| std::ptr::eq(c.province(), first.province()))
        .then(|| first.province());
    let share = if candidates.iter().all(|c| c.share() == first.share()) {
        first.share().id()
    } else {
        ""
    };
    let mut f = Fields { out, delimiter };
    match commune {
        Some(c) => f.put_digits(buf, |b| push_number(b, c.code().get(), 5)),
        None => f.put(b""),
    }
    f.put_name(buf, commune.map(|c| names.commune_name(c)));
    match province {
        Some(p) => f.put_digits(buf, |b| push_number(b, p.code().get(), 2)),
        None => f.put(b""),
    }
    f.put_name(buf, province.map(|p| names.province_name(p)));
    f.put_ascii(share.as_bytes());
    f.put_ascii(status.id().as_bytes());
    f.put_digits(buf, |b| push_number(b, candidates.len() as u32, 1));
    f.put_digits(buf, |b| {
        for (i, c) in candidates.iter().enumerate() {
            if i > 0 {
                b.push(b'|');
            }
            match c.commune() {
                Some(m) => push_number(b, m.code().get(), 5),
                None => push_number(b, c.province().code().get(), 2),
            }
        }
    });
    match t.formatted() {
        Some(text) => f.put(text.as_bytes()),
        None => f.put(b""),
    }
    f.put(b"");
    f.end();
    match status {
        dvhc::Status::Ok => Status::Ok,
        dvhc::Status::Partial => Status::Partial,
        _ => Status::Ambiguous,
    }
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
fn column_index(header: Option<&ByteRecord>, name: &str, what: &str) -> Result<usize, Error> {
    let Some(header) = header else {
        return match name.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n - 1),
            _ => Err(Error::Usage(format!(
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
        Error::Usage(format!(
            "{what} {name:?} is not in the header; the columns are {}",
            names.join(", ")
        ))
    })
}

/// A worker's buffers, reused from row to row.
#[derive(Default)]
struct Scratch {
    /// The cache key: the address, then the coordinate cells and their lengths.
    key: Vec<u8>,
    /// A field being built before it is quoted.
    buf: Vec<u8>,
}

/// Counts of row statuses, for the summary.
#[derive(Default)]
struct Counts {
    ok: AtomicU64,
    partial: AtomicU64,
    ambiguous: AtomicU64,
    error: AtomicU64,
}

/// Runs `dvhc csv` on `input`, writing to `output`.
///
/// Nothing is written for an empty input (not even a header). With
/// [`Threads::Inline`] no thread is spawned; otherwise the threads are joined before
/// this returns, a panic in one of them is resumed here.
///
/// # Errors
///
/// [`Error::Usage`] when a column cannot be found or the delimiter cannot be used,
/// [`Error::Read`] and [`Error::Write`] when the input or the output fails. A bad row
/// is not an error: it gets status `error` and its message in the output.
///
/// # Examples
///
/// ```
/// use dvhc_cli::csv::{run, CsvOptions, Threads};
///
/// let mut options = CsvOptions::new("address");
/// options.threads = Threads::Inline;
/// let input = "id,address\n1,\"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\"\n2,\n";
/// let mut output = Vec::new();
/// let summary = run(input.as_bytes(), &mut output, &options).unwrap();
/// assert_eq!((summary.rows, summary.ok, summary.errors), (2, 1, 1));
/// let output = String::from_utf8(output).unwrap();
/// assert!(output.starts_with("id,address,dvhc_commune_code,"));
/// assert!(output.contains(",26740,Phường Sài Gòn,79,"));
/// ```
pub fn run<R: Read, W: Write + Send>(
    input: R,
    output: W,
    options: &CsvOptions,
) -> Result<Summary, Error> {
    run_with(input, output, options, None)
}

/// [`run`], with a progress bar on stderr when `bar` is given (the binary's way).
pub(crate) fn run_with<R: Read, W: Write + Send>(
    input: R,
    mut output: W,
    options: &CsvOptions,
    bar: Option<ProgressBar>,
) -> Result<Summary, Error> {
    let delimiter = options.delimiter;
    if !usable_delimiter(delimiter) {
        return Err(Error::Usage(format!(
            "the delimiter {:?} cannot be used: give an ASCII character other than a quote \
             or a line break",
            char::from(delimiter)
        )));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(input);

    let mut header = ByteRecord::new();
    let has_header = options.has_header;
    if has_header
        && !rdr
            .read_byte_record(&mut header)
            .map_err(|e| Error::Read(csv_error(e)))?
    {
        return Ok(Summary::default()); // An empty input: nothing to do.
    }
    let header_ref = has_header.then_some(&header);
    let col = column_index(header_ref, &options.column, "--column")?;
    let point_cols = match &options.point {
        Some((lat, lon)) => Some((
            column_index(header_ref, lat, "--lat")?,
            column_index(header_ref, lon, "--lon")?,
        )),
        None => None,
    };
    let width = if has_header { header.len() } else { 0 };

    if has_header {
        let mut bytes = Vec::new();
        push_record(&mut bytes, &header, 0, delimiter);
        for c in COLUMNS {
            bytes.push(delimiter);
            push_field(&mut bytes, c.as_bytes(), delimiter);
        }
        bytes.push(b'\n');
        output.write_all(&bytes).map_err(Error::Write)?;
    }

    let translator: Translator = engine::translator(engine::Setup {
        on: options.on,
        assume: options.assume,
    });
    let names = Names { on: options.on };
    let cache: Cache<Appended> = Cache::new(options.cache_bytes, MAX_CACHED_KEY);
    let counts = Counts::default();
    let position = Arc::new(AtomicU64::new(0));
    let progress: Box<dyn Progress> = match &bar {
        Some(b) => Box::new(Bar::new(b.total_bytes, Arc::clone(&position))),
        None => Box::new(NoProgress),
    };
    let tr = &translator;

    let process = |scratch: &mut Scratch, chunk: &mut Chunk<ByteRecord>| {
        let Chunk { items, len, out } = chunk;
        let Scratch { key, buf } = scratch;
        let (mut ok, mut partial, mut ambiguous, mut error) = (0u64, 0u64, 0u64, 0u64);
        for rec in &items[..*len] {
            let cell = |i: usize| rec.get(i).unwrap_or(b"");
            let address = cell(col);
            let pt = point_cols.map(|(a, b)| (cell(a), cell(b)));
            key.clear();
            key.extend_from_slice(address);
            if let Some((a, b)) = pt {
                // The cells, then the first two lengths: the parts cannot run together,
                // whatever bytes they hold (a separator byte could be in a cell that
                // is not UTF-8).
                key.extend_from_slice(a);
                key.extend_from_slice(b);
                key.extend_from_slice(&(address.len() as u64).to_le_bytes());
                key.extend_from_slice(&(a.len() as u64).to_le_bytes());
            }
            push_record(out, rec, width, delimiter);
            let status = match cache.with(key, |a| {
                out.extend_from_slice(&a.encoded);
                a.status
            }) {
                Some(s) => s,
                None => {
                    let start = out.len();
                    let status = match (
                        simdutf8::basic::from_utf8(address),
                        pt.map(|(a, b)| point(a, b)),
                    ) {
                        (Err(_), _) => append_error(out, &ErrorOut::invalid_utf8(), delimiter),
                        (_, Some(Err(e))) => append_error(out, &e, delimiter),
                        (Ok(text), p) => translate_row(
                            tr,
                            names,
                            text,
                            p.and_then(Result::ok).flatten(),
                            delimiter,
                            out,
                            buf,
                        ),
                    };
                    cache.insert_with(key, || Appended {
                        encoded: out[start..].into(),
                        status,
                    });
                    status
                }
            };
            match status {
                Status::Ok => ok += 1,
                Status::Partial => partial += 1,
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
        counts.partial.fetch_add(partial, Ordering::Relaxed);
        counts.ambiguous.fetch_add(ambiguous, Ordering::Relaxed);
        counts.error.fetch_add(error, Ordering::Relaxed);
    };

    let pipeline_options = match options.threads {
        Threads::Inline => pipeline::Options::inline(),
        Threads::Workers(n) => pipeline::Options::with_workers(n),
    };
    let result = pipeline::run(
        pipeline_options,
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
        Scratch::default,
        process,
        output,
        progress,
    );
    let ok = counts.ok.load(Ordering::Relaxed);
    let partial = counts.partial.load(Ordering::Relaxed);
    let ambiguous = counts.ambiguous.load(Ordering::Relaxed);
    let errors = counts.error.load(Ordering::Relaxed);
    if bar.is_some() {
        eprintln!("dvhc csv: {ok} ok, {partial} partial, {ambiguous} ambiguous, {errors} errors");
    }
    match result {
        Ok(()) => Ok(Summary {
            rows: ok + partial + ambiguous + errors,
            ok,
            partial,
            ambiguous,
            errors,
        }),
        Err(Failure::Write(e)) => Err(Error::Write(e)),
        Err(Failure::Read(e)) => Err(Error::Read(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        let mut out = Vec::new();
        let e = ErrorOut {
            kind: "x",
            message: "say \"hi\", x\ny".to_owned(),
        };
        append_error(&mut out, &e, b',');
        assert_eq!(out, b",,,,,,error,0,,,\"say \"\"hi\"\", x\ny\"\n");
        out.clear();
        push_number(&mut out, 7, 5);
        push_number(&mut out, 4_294_967_295, 2);
        push_number(&mut out, 0, 1);
        assert_eq!(out, b"0000742949672950");
        out.clear();
        let rec = ByteRecord::from(vec!["1", "a;b", ""]);
        push_record(&mut out, &rec, 5, b';');
        assert_eq!(out, b"1;\"a;b\";;;");
        out.clear();
        push_record(&mut out, &ByteRecord::from(vec![""]), 0, b',');
        assert_eq!(out, b"\"\"");
    }

    #[test]
    fn names_and_codes_quoted_only_when_needed() {
        let name = dvhc::Commune::get("26740".parse().unwrap()).map(|c| c.full_name());
        let mut buf = Vec::new();
        for (delimiter, want) in [
            (b',', ",Phường Sài Gòn,26740,a|b"),
            (b' ', " \"Phường Sài Gòn\" 26740 a|b"),
            (b'|', "|Phường Sài Gòn|26740|\"a|b\""),
            (b'2', "2Phường Sài Gòn2\"26740\"2a|b"),
        ] {
            let mut out = Vec::new();
            let mut f = Fields {
                out: &mut out,
                delimiter,
            };
            f.put_name(&mut buf, name);
            f.put_digits(&mut buf, |b| push_number(b, 26740, 5));
            f.put_ascii(b"a|b");
            assert_eq!(
                out,
                want.as_bytes(),
                "delimiter {:?}",
                char::from(delimiter)
            );
        }
    }

    #[test]
    fn points() {
        assert_eq!(point(b"", b" ").unwrap(), None);
        assert_eq!(point(b"10.5", b" 106.7 ").unwrap(), Some((10.5, 106.7)));
        assert_eq!(point(b"x", b"1").unwrap_err().kind, "bad_coordinates");
        assert_eq!(point(b"1", b"").unwrap_err().kind, "bad_coordinates");
    }
}
