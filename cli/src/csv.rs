//! `dvhc csv`: translate an address column of a CSV file, streaming, on all cores.
//!
//! [`run`] is the whole subcommand but for opening the file and drawing the progress
//! bar: the `dvhc` binary runs the same code on the file (or stdin) and stdout.
//!
//! The input is RFC 4180 CSV, read leniently by `csv-core` (quoted fields with doubled
//! quotes and line breaks, `\n`, `\r\n` or `\r` line ends, blank lines skipped, rows of
//! any length: short rows are padded to the header's width, long ones kept whole), or
//! JSON Lines ([`InputFormat::Jsonl`]). A record larger than
//! [`CsvOptions::max_record_bytes`], or a quote still open at the end of the input,
//! becomes an `error` row holding its first line read alone, and reading goes on at
//! the next line: one stray quote costs one row ([`Summary::unreadable`] counts them).
//! Every input row gives one output row, in input order: its fields, quoted where
//! needed, then the [`COLUMNS`], each row ending with `\n` (or one JSON object per
//! line, [`OutputFormat::Jsonl`]). Bytes outside the address column pass through
//! untouched, even when they are not UTF-8. A row that cannot be translated (an empty
//! or non-UTF-8 address, bad coordinates, an address that names no unit) gets status
//! `error` and a message; the run goes on. Memory is bounded whatever the input: by the
//! record limit, by chunks sized by their expected output within a byte budget, and by
//! the cache's budget.

use std::fmt;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use dvhc::translate::{TranslateError, Translator};
use dvhc::{Date, FullName};

use crate::cache::{Cache, Weigh};
use crate::engine;
use crate::model::{ErrorOut, Names};
use crate::pipeline::{self, Chunk, Failure, NoProgress, Progress};
use crate::progress::Bar;
use crate::records::{CsvReader, JsonlReader, Record};

/// The columns appended to every row, in order: the commune (filled only when the
/// address resolves to one unit), the province and the share (when every candidate
/// agrees on them), the status (`ok`, `ambiguous` or `error`), the number of
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

/// Bytes of output (estimated before translation: the row's fields, their padding
/// and the appended columns) per chunk; wide or padded rows make smaller chunks.
const CHUNK_BYTES: usize = 1 << 20;

/// Bytes of chunks in flight between the reader, the workers and the writer: with the
/// record limit, this is what bounds memory whatever the input.
const IN_FLIGHT_BYTES: usize = 16 << 20;

/// Estimated bytes of the appended columns of one row.
const APPENDED_ESTIMATE: usize = 256;

/// The default record limit (`--max-record-bytes`): 1 MiB.
pub const DEFAULT_MAX_RECORD: usize = 1 << 20;

/// How many problem lines a [`Summary`] lists.
pub const MAX_LISTED: usize = 10;

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
    /// The address column (`--column`): a header name (matched exactly, else after
    /// NFC normalisation and case folding, ignoring surrounding spaces), or without a
    /// header the column's number from 1.
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
    /// those in force now. A day before 1 July 2025 is refused
    /// ([`Error::Usage`]): the new units had no names then.
    pub on: Option<Date>,
    /// The largest record read whole, in input bytes (`--max-record-bytes`, default
    /// [`DEFAULT_MAX_RECORD`]). A larger one becomes an `error` row holding its first
    /// line alone, and reading goes on at the next line.
    pub max_record_bytes: usize,
    /// What the input is (`--input-format`): CSV (default) or JSON Lines, one object
    /// per line, `column` and `point` then naming its fields.
    pub input_format: InputFormat,
    /// What the output is (`--output-format`): CSV (default for CSV input; rows as
    /// read, then the appended [`COLUMNS`]) or JSON Lines (default for JSON Lines
    /// input; each row an object with its fields, keyed by the header, then the
    /// appended columns as members: empty ones `null`, `dvhc_candidates` a number).
    pub output_format: Option<OutputFormat>,
}

/// The input formats of [`run`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum InputFormat {
    /// CSV, with [`CsvOptions::delimiter`].
    #[default]
    Csv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

/// The output formats of [`run`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OutputFormat {
    /// CSV, with [`CsvOptions::delimiter`].
    Csv,
    /// JSON Lines: one JSON object per row.
    Jsonl,
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
            max_record_bytes: DEFAULT_MAX_RECORD,
            input_format: InputFormat::Csv,
            output_format: None,
        }
    }
}

/// A row that could not be read as CSV: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The line the row starts on, from 1.
    pub line: u64,
    /// What went wrong, for people.
    pub message: String,
}

/// How many rows [`run`] wrote, by status (the header not counted), and the rows that
/// could not be read as CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// Data rows read and written: `ok + ambiguous + errors`.
    pub rows: u64,
    /// Rows with status `ok`.
    pub ok: u64,
    /// Rows with status `ambiguous`.
    pub ambiguous: u64,
    /// Rows with status `error` (the unreadable ones included).
    pub errors: u64,
    /// Rows that could not be read as CSV (a record over the size limit, a quote never
    /// closed): each is written as an `error` row holding its first line read alone.
    pub unreadable: u64,
    /// The first [`MAX_LISTED`] of them.
    pub unreadable_lines: Vec<Unreadable>,
    /// Records that span several lines (line breaks inside quotes), and the first
    /// line of the first of them: legitimate, but also what a stray quote looks like.
    pub multiline: u64,
    /// The line the first multi-line record starts on.
    pub first_multiline: Option<u64>,
    /// Input columns named like an appended column (a file `dvhc csv` wrote): they
    /// were left out, and the appended columns written afresh.
    pub replaced_columns: usize,
}

impl Summary {
    /// The one-line summary printed at the end of a run (no line end).
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} rows: {} ok, {} ambiguous, {} errors",
            self.rows, self.ok, self.ambiguous, self.errors
        );
        if self.unreadable > 0 {
            let lines: Vec<String> = self
                .unreadable_lines
                .iter()
                .map(|u| u.line.to_string())
                .collect();
            let more = if self.unreadable > self.unreadable_lines.len() as u64 {
                ", ..."
            } else {
                ""
            };
            s.push_str(&format!(
                " ({} unreadable, at line {}{more})",
                self.unreadable,
                lines.join(", ")
            ));
        }
        if let Some(l) = self.first_multiline {
            s.push_str(&format!(
                "; {} records span several lines, the first at line {l}",
                self.multiline
            ));
        }
        if self.replaced_columns > 0 {
            s.push_str(&format!(
                "; {} dvhc_* input columns replaced",
                self.replaced_columns
            ));
        }
        s
    }
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
    Ambiguous,
    Error,
}

impl Weigh for Appended {
    fn weight(&self) -> usize {
        self.encoded.len() + std::mem::size_of::<Appended>()
    }
}

/// How the appended fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// CSV fields, each preceded by this delimiter; the row ends with `\n`.
    Csv(u8),
    /// JSON members `"dvhc_…": value` (the first without a comma: the row writer puts
    /// one after the input's members); the object ends with `}\n`. Empty fields are
    /// `null`, the candidate count a number, the rest strings.
    Json,
}

/// Writes the appended fields of a row.
struct Fields<'a> {
    out: &'a mut Vec<u8>,
    form: Form,
    /// The appended column being written (JSON keys).
    i: usize,
}

/// Whether fields of ASCII letters, digits and `|` never need quoting with this
/// delimiter.
fn plain_delimiter(delimiter: u8) -> bool {
    !(delimiter.is_ascii_alphanumeric() || delimiter == b'|')
}

/// Appends `text` as a JSON string (bytes that are not UTF-8 become U+FFFD).
fn push_json_str(out: &mut Vec<u8>, text: &[u8]) {
    let text = String::from_utf8_lossy(text);
    out.push(b'"');
    let mut rest = text.as_bytes();
    while let Some(i) = rest
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
    {
        out.extend_from_slice(&rest[..i]);
        match rest[i] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            c => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(c >> 4)]);
                out.push(HEX[usize::from(c & 15)]);
            }
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

impl<'a> Fields<'a> {
    fn new(out: &'a mut Vec<u8>, form: Form) -> Fields<'a> {
        Fields { out, form, i: 0 }
    }

    /// The separator before the next field, and its key in JSON.
    fn start(&mut self) {
        match self.form {
            Form::Csv(d) => self.out.push(d),
            Form::Json => {
                if self.i > 0 {
                    self.out.push(b',');
                }
                self.out.push(b'"');
                self.out
                    .extend_from_slice(COLUMNS.get(self.i).unwrap_or(&"dvhc").as_bytes());
                self.out.extend_from_slice(b"\":");
            }
        }
        self.i += 1;
    }

    fn put(&mut self, field: &[u8]) {
        self.start();
        match self.form {
            Form::Csv(d) => push_field(self.out, field, d),
            Form::Json if field.is_empty() => self.out.extend_from_slice(b"null"),
            Form::Json => push_json_str(self.out, field),
        }
    }

    /// A field of ASCII letters, digits and `|` only (codes, counts, ids).
    fn put_ascii(&mut self, field: &[u8]) {
        debug_assert!(field
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'|'));
        match self.form {
            Form::Csv(d) if plain_delimiter(d) => {
                self.out.push(d);
                self.out.extend_from_slice(field);
                self.i += 1;
            }
            Form::Json if COLUMNS.get(self.i) == Some(&"dvhc_candidates") => {
                self.start();
                self.out.extend_from_slice(field);
            }
            _ => self.put(field),
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
        if let Form::Csv(d) = self.form {
            if d != b' ' && !needs_quotes(prefix, d) && !needs_quotes(name, d) {
                self.out.push(d);
                self.out.extend_from_slice(prefix);
                self.out.push(b' ');
                self.out.extend_from_slice(name);
                self.i += 1;
                return;
            }
        }
        buf.clear();
        buf.extend_from_slice(prefix);
        buf.push(b' ');
        buf.extend_from_slice(name);
        self.put(buf);
    }

    fn end(self) {
        match self.form {
            Form::Csv(_) => self.out.push(b'\n'),
            Form::Json => self.out.extend_from_slice(b"}\n"),
        }
    }
}

/// Writes the appended fields of a row in error.
fn append_error(out: &mut Vec<u8>, e: &ErrorOut, form: Form) -> Status {
    let mut f = Fields::new(out, form);
    for field in ["", "", "", "", ""] {
        f.put(field.as_bytes());
    }
    f.put_ascii(b"error");
    f.put_ascii(b"0");
    f.put(b"");
    f.put(b"");
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

/// Which input columns are written: all, or all but some (`dvhc_*` columns of an
/// earlier run, replaced by the new ones).
#[derive(Clone, Copy)]
struct Keep<'a> {
    /// `dropped[i]`: column `i` is left out. Empty: every column is kept.
    dropped: &'a [bool],
}

impl Keep<'_> {
    fn keeps(self, i: usize) -> bool {
        !self.dropped.get(i).copied().unwrap_or(false)
    }
}

/// Appends the kept fields of `rec`, then empty fields up to `width` (in input
/// columns); no line end.
fn push_record(out: &mut Vec<u8>, rec: &Record, width: usize, delimiter: u8, keep: Keep<'_>) {
    if keep.dropped.is_empty() {
        for (i, f) in rec.iter().enumerate() {
            if i > 0 {
                out.push(delimiter);
            }
            push_field(out, f, delimiter);
        }
        if rec.len() == 1 && rec.get(0).is_some_and(<[u8]>::is_empty) {
            // A lone empty field is written `""`, not as an empty line.
            out.extend_from_slice(b"\"\"");
        }
        for _ in rec.len()..width {
            out.push(delimiter);
        }
        return;
    }
    let mut first = true;
    let mut lone_empty = true;
    for i in 0..rec.len().max(width) {
        if !keep.keeps(i) {
            continue;
        }
        if !first {
            out.push(delimiter);
            lone_empty = false;
        }
        first = false;
        let f = rec.get(i).unwrap_or_default();
        lone_empty &= f.is_empty();
        push_field(out, f, delimiter);
    }
    if !first && lone_empty {
        out.extend_from_slice(b"\"\"");
    }
}

/// Writes the input's part of each output row.
struct RowWriter {
    form: Form,
    /// The header's width (0 without header): short rows are padded to it.
    width: usize,
    /// Input columns left out (`dvhc_*` columns of an earlier run).
    dropped: Vec<bool>,
    /// JSON output of CSV rows: the `"key":` of each header column (numbers from 1
    /// past the header, or without one).
    keys: Vec<Vec<u8>>,
    /// The rows are JSON Lines objects: their members are field 3.
    jsonl_in: bool,
    /// The bytes of `keys`.
    keys_len: usize,
}

impl RowWriter {
    /// The estimated output of a row: its fields (with room for quotes), the padding
    /// to the header's width, the keys of JSON output, the appended columns, and its
    /// field index.
    fn weight(&self, rec: &Record) -> usize {
        let n = rec.len().max(self.width);
        let base = rec.data_len() + rec.data_len() / 8 + 8 * rec.len() + n + APPENDED_ESTIMATE;
        match self.form {
            Form::Csv(_) => base,
            Form::Json => base + self.keys_len + 12 * n,
        }
    }

    fn push(&self, out: &mut Vec<u8>, rec: &Record) {
        let keep = Keep {
            dropped: &self.dropped,
        };
        match self.form {
            Form::Csv(d) => push_record(out, rec, self.width, d, keep),
            Form::Json if self.jsonl_in => {
                out.push(b'{');
                let members = rec.get(3).unwrap_or_default();
                out.extend_from_slice(members);
                if !members.is_empty() {
                    out.push(b',');
                }
            }
            Form::Json => {
                out.push(b'{');
                for i in 0..rec.len().max(self.width) {
                    if !keep.keeps(i) {
                        continue;
                    }
                    match self.keys.get(i) {
                        Some(k) => out.extend_from_slice(k),
                        None => {
                            out.push(b'"');
                            push_number(out, (i + 1) as u32, 1);
                            out.extend_from_slice(b"\":");
                        }
                    }
                    push_json_str(out, rec.get(i).unwrap_or_default());
                    out.push(b',');
                }
            }
        }
    }
}

/// The `"key":` of a JSON member.
fn json_key(name: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(name.len() + 3);
    push_json_str(&mut k, name);
    k.push(b':');
    k
}

/// Translates one address (with an optional point) and writes the appended fields to
/// `out`; `buf` is scratch space.
fn translate_row(
    tr: &Translator,
    names: Names,
    address: &str,
    point: Option<(f64, f64)>,
    form: Form,
    out: &mut Vec<u8>,
    buf: &mut Vec<u8>,
) -> Status {
    let result = match point {
        Some((lat, lon)) => tr.translate_at(address, lat, lon),
        None => tr.translate(address),
    };
    let t = match result {
        Ok(t) => t,
        Err(e) => return append_error(out, &ErrorOut::translate(&e), form),
    };
    let candidates = t.candidates();
    let Some(first) = candidates.first() else {
        let e = ErrorOut::translate(&TranslateError::NoNewUnit);
        return append_error(out, &e, form);
    };
    let status = t.status().id();
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
    let mut f = Fields::new(out, form);
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
    f.put_ascii(status.as_bytes());
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
    if status == "ok" {
        Status::Ok
    } else {
        Status::Ambiguous
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

/// A header name as compared loosely: NFC, case folded, surrounding spaces trimmed.
fn loose_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim().nfc().flat_map(char::to_lowercase).collect()
}

/// Finds the column: a header name (exact, else after NFC normalisation and case
/// folding, ignoring surrounding spaces), or a 1-based index without header.
fn column_index(header: Option<&Record>, name: &str, what: &str) -> Result<usize, Error> {
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
        let want = loose_key(name);
        header
            .iter()
            .position(|h| loose_key(&String::from_utf8_lossy(h)) == want)
    };
    exact.or_else(loose).ok_or_else(|| {
        let names: Vec<String> = header
            .iter()
            .map(|h| format!("{:?}", String::from_utf8_lossy(h)))
            .collect();
        let mut m = format!(
            "{what} {name:?} is not in the header; the columns are {}",
            names.join(", ")
        );
        if header.len() == 1 {
            let h = header.get(0).unwrap_or_default();
            for (d, flag) in [(b'\t', "tab"), (b';', "';'"), (b'|', "'|'")] {
                if h.contains(&d) {
                    m.push_str(&format!(" (is the delimiter {flag}? give -d {flag})"));
                    break;
                }
            }
        }
        Error::Usage(m)
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

/// The first date a subcommand that prints current units can render.
pub(crate) fn check_date(on: Option<Date>, flag: &str) -> Result<(), Error> {
    match on {
        Some(d) if d < Date::REFORM => Err(Error::Usage(format!(
            "{flag} {d}: the new units did not exist before {}; they have no names on that day",
            Date::REFORM
        ))),
        _ => Ok(()),
    }
}

/// The address column, the point's columns, and how rows are written.
struct Layout {
    col: usize,
    point_cols: Option<(usize, usize)>,
    writer: RowWriter,
}

/// Where things are in CSV rows, from the header (or the first row): the address
/// column, the point's columns, and how rows are written.
fn csv_layout(
    first: &Record,
    options: &CsvOptions,
    form: Form,
    summary: &mut Summary,
) -> Result<Layout, Error> {
    let has_header = options.has_header;
    if let (true, Some(p)) = (has_header, first.problem) {
        return Err(Error::Usage(format!(
            "the header cannot be read: {} (--max-record-bytes)",
            p.message(first.line)
        )));
    }
    let header_ref = has_header.then_some(first);
    let col = column_index(header_ref, &options.column, "--column")?;
    let point_cols = match &options.point {
        Some((lat, lon)) => Some((
            column_index(header_ref, lat, "--lat")?,
            column_index(header_ref, lon, "--lon")?,
        )),
        None => None,
    };
    let asked = [
        (Some(col), "--column"),
        (point_cols.map(|p| p.0), "--lat"),
        (point_cols.map(|p| p.1), "--lon"),
    ];
    if !has_header {
        let width = first.len();
        for (i, flag) in asked {
            if let Some(i) = i.filter(|&i| i >= width) {
                return Err(Error::Usage(format!(
                    "{flag} {}: the first row has only {width} fields",
                    i + 1
                )));
            }
        }
    }
    // A file this tool wrote: its dvhc_* columns are replaced, not repeated.
    let dropped: Vec<bool> = match header_ref {
        Some(h) => h
            .iter()
            .map(|f| COLUMNS.iter().any(|c| c.as_bytes() == f))
            .collect(),
        None => Vec::new(),
    };
    summary.replaced_columns = dropped.iter().filter(|&&d| d).count();
    let dropped = if summary.replaced_columns > 0 {
        dropped
    } else {
        Vec::new()
    };
    for (i, flag) in asked {
        if let Some(i) = i.filter(|&i| dropped.get(i).copied().unwrap_or(false)) {
            return Err(Error::Usage(format!(
                "{flag}: column {} is one of the columns dvhc csv appends",
                i + 1
            )));
        }
    }
    let keys = match (form, header_ref) {
        (Form::Json, Some(h)) => h.iter().map(json_key).collect(),
        _ => Vec::new(),
    };
    let writer = RowWriter {
        form,
        width: if has_header { first.len() } else { 0 },
        dropped,
        keys_len: keys.iter().map(Vec::len).sum(),
        keys,
        jsonl_in: false,
    };
    Ok(Layout {
        col,
        point_cols,
        writer,
    })
}

/// The records' reader.
enum Source<R> {
    Csv(Box<CsvReader<R>>),
    Jsonl(JsonlReader<R>),
}

impl<R: Read> Source<R> {
    fn read(&mut self, rec: &mut Record) -> io::Result<bool> {
        match self {
            Source::Csv(r) => r.read(rec),
            Source::Jsonl(r) => r.read(rec),
        }
    }

    fn position(&self) -> u64 {
        match self {
            Source::Csv(r) => r.position(),
            Source::Jsonl(r) => r.position(),
        }
    }
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
    check_date(options.on, "--era-out")?;
    let form = match (options.output_format, options.input_format) {
        (Some(OutputFormat::Csv), InputFormat::Jsonl) => {
            return Err(Error::Usage(
                "CSV output needs CSV input (JSON objects need not share their keys): \
                 use --output-format jsonl"
                    .to_owned(),
            ))
        }
        (Some(OutputFormat::Jsonl), _) | (None, InputFormat::Jsonl) => Form::Json,
        _ => Form::Csv(delimiter),
    };

    let mut summary = Summary::default();
    let note_problem = |rec: &Record, summary: &mut Summary| {
        if let Some(p) = rec.problem {
            summary.unreadable += 1;
            if summary.unreadable_lines.len() < MAX_LISTED {
                summary.unreadable_lines.push(crate::csv::Unreadable {
                    line: rec.line,
                    message: p.message(rec.line),
                });
            }
        }
        if rec.inner_lines > 0 {
            summary.multiline += 1;
            summary.first_multiline.get_or_insert(rec.line);
        }
    };

    let (mut rdr, col, point_cols, writer, mut pending) = match options.input_format {
        InputFormat::Jsonl => {
            let (lat, lon) = options.point.clone().unwrap_or_default();
            let names = [options.column.clone(), lat, lon];
            let rdr = Source::Jsonl(JsonlReader::new(input, options.max_record_bytes, names));
            let writer = RowWriter {
                form,
                width: 0,
                dropped: Vec::new(),
                keys: Vec::new(),
                jsonl_in: true,
                keys_len: 0,
            };
            (rdr, 0, options.point.as_ref().map(|_| (1, 2)), writer, None)
        }
        InputFormat::Csv => {
            let mut rdr = CsvReader::new(input, delimiter, options.max_record_bytes);
            // The header, or the first row: columns are checked before anything is
            // written.
            let mut first = Record::default();
            if !rdr.read(&mut first).map_err(Error::Read)? {
                // An empty input: nothing to do (the output is flushed: a file is made).
                output.flush().map_err(Error::Write)?;
                return Ok(Summary::default());
            }
            let Layout {
                col,
                point_cols,
                writer,
            } = csv_layout(&first, options, form, &mut summary)?;
            if options.has_header {
                note_problem(&first, &mut summary);
                if let Form::Csv(_) = form {
                    let mut bytes = Vec::new();
                    writer.push(&mut bytes, &first);
                    for c in COLUMNS {
                        bytes.push(delimiter);
                        push_field(&mut bytes, c.as_bytes(), delimiter);
                    }
                    bytes.push(b'\n');
                    output.write_all(&bytes).map_err(Error::Write)?;
                }
            }
            let pending = (!options.has_header).then_some(first);
            (Source::Csv(Box::new(rdr)), col, point_cols, writer, pending)
        }
    };

    let translator: Translator = engine::translator(engine::Setup { on: options.on });
    let names = Names { on: options.on };
    let cache: Cache<Appended> = Cache::new(options.cache_bytes, MAX_CACHED_KEY);
    let counts = Counts::default();
    let position = Arc::new(AtomicU64::new(0));
    let progress: Box<dyn Progress> = match &bar {
        Some(b) => Box::new(Bar::new(b.total_bytes, Arc::clone(&position))),
        None => Box::new(NoProgress),
    };
    let tr = &translator;

    let process = |scratch: &mut Scratch, chunk: &mut Chunk<Record>| {
        let Chunk {
            items, len, out, ..
        } = chunk;
        let Scratch { key, buf } = scratch;
        let (mut ok, mut ambiguous, mut error) = (0u64, 0u64, 0u64);
        for rec in &items[..*len] {
            writer.push(out, rec);
            if let Some(p) = rec.problem {
                let e = ErrorOut {
                    kind: p.kind(),
                    message: p.message(rec.line),
                };
                append_error(out, &e, form);
                error += 1;
                continue;
            }
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
                        (Err(_), _) => append_error(out, &ErrorOut::invalid_utf8(), form),
                        (_, Some(Err(e))) => append_error(out, &e, form),
                        (Ok(text), p) => translate_row(
                            tr,
                            names,
                            text,
                            p.and_then(Result::ok).flatten(),
                            form,
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
                Status::Ambiguous => ambiguous += 1,
                Status::Error => error += 1,
            }
        }
        for rec in &mut items[..*len] {
            if rec.capacity() > MAX_KEPT_RECORD {
                *rec = Record::default();
            }
        }
        counts.ok.fetch_add(ok, Ordering::Relaxed);
        counts.ambiguous.fetch_add(ambiguous, Ordering::Relaxed);
        counts.error.fetch_add(error, Ordering::Relaxed);
    };

    let pipeline_options = match options.threads {
        Threads::Inline => pipeline::Options::inline(),
        Threads::Workers(n) => pipeline::Options::with_workers(n, IN_FLIGHT_BYTES),
    };
    let target = pipeline_options.chunk_target(64 << 10, CHUNK_BYTES);
    let result = pipeline::run(
        pipeline_options,
        |chunk: &mut Chunk<Record>| {
            while chunk.len < CHUNK_ROWS && chunk.weight < target {
                let slot = chunk.next_slot();
                match pending.take() {
                    Some(first) => *slot = first,
                    None => {
                        if !rdr.read(slot)? {
                            chunk.unget();
                            position.store(rdr.position(), Ordering::Relaxed);
                            return Ok(false);
                        }
                    }
                }
                note_problem(slot, &mut summary);
                chunk.weight += writer.weight(slot);
            }
            position.store(rdr.position(), Ordering::Relaxed);
            Ok(true)
        },
        Scratch::default,
        process,
        output,
        progress,
    );
    if let Source::Jsonl(r) = &rdr {
        summary.replaced_columns = r.replaced;
    }
    summary.ok = counts.ok.load(Ordering::Relaxed);
    summary.ambiguous = counts.ambiguous.load(Ordering::Relaxed);
    summary.errors = counts.error.load(Ordering::Relaxed);
    summary.rows = summary.ok + summary.ambiguous + summary.errors;
    match result {
        Ok(()) => Ok(summary),
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
        append_error(&mut out, &e, Form::Csv(b','));
        assert_eq!(out, b",,,,,,error,0,,,\"say \"\"hi\"\", x\ny\"\n");
        out.clear();
        push_number(&mut out, 7, 5);
        push_number(&mut out, 4_294_967_295, 2);
        push_number(&mut out, 0, 1);
        assert_eq!(out, b"0000742949672950");
        out.clear();
        let all = Keep { dropped: &[] };
        let rec = Record::from_fields([&b"1"[..], b"a;b", b""]);
        push_record(&mut out, &rec, 5, b';', all);
        assert_eq!(out, b"1;\"a;b\";;;");
        out.clear();
        push_record(&mut out, &Record::from_fields([&b""[..]]), 0, b',', all);
        assert_eq!(out, b"\"\"");
        out.clear();
        let some = Keep {
            dropped: &[false, true, false, true],
        };
        push_record(&mut out, &rec, 5, b';', some);
        assert_eq!(out, b"1;;");
        out.clear();
        push_record(
            &mut out,
            &Record::from_fields([&b""[..], b"x"]),
            0,
            b',',
            some,
        );
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
            let mut f = Fields::new(&mut out, Form::Csv(delimiter));
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
