//! Reading CSV records with a size limit, line numbers and resynchronisation.
//!
//! The CSV dialect is `csv-core`'s, exactly what the `csv` crate reads (RFC 4180, read
//! leniently: quoted fields with doubled quotes and line breaks, `\n`, `\r\n` or `\r`
//! line ends, blank lines skipped, rows of any length). What this module adds is what a
//! data pipeline needs so that no row is lost without a word:
//!
//! * every record knows the line it starts on (lines counted by `\n`, from 1);
//! * a record larger than the limit is not read whole: it becomes a record with a
//!   [`Problem`], holding the fields of its first line read alone, and reading goes on
//!   at the line after that first line. One stray quote therefore costs one row, not
//!   the rest of the file, and memory stays bounded by the limit;
//! * a quoted field still open at the end of the input is treated the same way;
//! * records that span several lines (quoted line breaks) are counted, so a run can
//!   say where they are.

use std::cell::RefCell;
use std::io::{self, Read};

use csv_core::{ReadFieldResult, ReadRecordResult, Reader, ReaderBuilder};

/// Bytes read from the input at a time.
const READ_SIZE: usize = 64 << 10;

/// Why a record could not be read as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The record is larger than the limit (often an unclosed quote); its first line
    /// was read alone.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The first line alone is larger than the limit: nothing of it was kept.
    LineTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A quoted field is still open at the end of the input; the first line of its
    /// record was read alone.
    Unterminated,
    /// A JSON Lines line that is not a JSON object.
    NotJsonObject,
}

impl Problem {
    /// A sentence for the row's error column and the summary.
    pub fn message(self, line: u64) -> String {
        match self {
            Problem::TooLarge { limit } => format!(
                "line {line}: the record is larger than {limit} bytes (an unclosed quote?); \
                 this line was read alone"
            ),
            Problem::LineTooLarge { limit } => {
                format!("line {line}: the line is larger than {limit} bytes; it was skipped")
            }
            Problem::Unterminated => format!(
                "line {line}: a quote opened here is never closed; this line was read alone"
            ),
            Problem::NotJsonObject => {
                format!("line {line}: the line is not a JSON object; it was skipped")
            }
        }
    }

    /// A stable ASCII id, for JSON output.
    pub fn kind(self) -> &'static str {
        match self {
            Problem::TooLarge { .. } | Problem::LineTooLarge { .. } => "record_too_large",
            Problem::Unterminated => "unclosed_quote",
            Problem::NotJsonObject => "bad_json",
        }
    }
}

/// One CSV record: its fields (unquoted), where it starts and whether it was read whole.
#[derive(Debug, Default, Clone)]
pub struct Record {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// The line the record starts on, from 1.
    pub line: u64,
    /// How many line breaks the record holds inside quoted fields.
    pub inner_lines: u64,
    /// Why the record was not read whole, if it was not.
    pub problem: Option<Problem>,
}

impl Record {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        Some(&self.bytes[start..end])
    }

    /// The fields, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// The bytes of all fields together.
    pub fn data_len(&self) -> usize {
        self.bytes.len()
    }

    /// Heap bytes held (for releasing unusually large buffers).
    pub fn capacity(&self) -> usize {
        self.bytes.capacity() + 8 * self.ends.capacity()
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.line = 0;
        self.inner_lines = 0;
        self.problem = None;
    }

    /// A record of the given fields.
    #[cfg(test)]
    pub fn from_fields<'a>(fields: impl IntoIterator<Item = &'a [u8]>) -> Record {
        let mut r = Record::default();
        for f in fields {
            r.bytes.extend_from_slice(f);
            r.ends.push(r.bytes.len());
        }
        r
    }
}

/// The largest record limit.
pub const MAX_LIMIT: usize = 1 << 30;

/// Reads [`Record`]s from bytes; see the module documentation.
pub struct CsvReader<R> {
    inner: R,
    core: Reader,
    delimiter: u8,
    /// Raw input: `buf[start..end]` is kept, `start` being where the current record
    /// began and `pos` how far the parser has read.
    buf: Vec<u8>,
    start: usize,
    pos: usize,
    end: usize,
    eof: bool,
    /// The line number at `buf[start]`.
    line: u64,
    limit: usize,
    /// The parser was just reset: its next input must not be taken for a byte-order
    /// mark (csv-core drops one at the start of what it reads).
    fresh: bool,
    /// Input bytes read so far (for a progress bar).
    consumed: u64,
}

impl<R: Read> CsvReader<R> {
    /// A reader of records of at most `limit` bytes of input each (clamped to
    /// 1..=[`MAX_LIMIT`]). A UTF-8 byte-order mark at the very start is dropped.
    pub fn new(inner: R, delimiter: u8, limit: usize) -> CsvReader<R> {
        CsvReader {
            inner,
            core: parser(delimiter),
            delimiter,
            buf: Vec::new(),
            start: 0,
            pos: 0,
            end: 0,
            eof: false,
            line: 1,
            limit: limit.clamp(1, MAX_LIMIT),
            fresh: false,
            consumed: 0,
        }
    }

    /// Input bytes consumed by the records read so far.
    pub fn position(&self) -> u64 {
        self.consumed
    }

    /// Reads more input after `end`, first moving `buf[start..end]` to the front.
    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.pos -= self.start;
            self.end -= self.start;
            self.start = 0;
        }
        if self.buf.len() < self.end + READ_SIZE {
            self.buf.resize(self.end + READ_SIZE, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Marks the record at `start` as done, the next one starting at `at`.
    fn advance(&mut self, at: usize) {
        self.line += memchr::memchr_iter(b'\n', &self.buf[self.start..at]).count() as u64;
        self.advance_counted(at);
    }

    /// [`advance`](Self::advance) when `line` is already counted.
    fn advance_counted(&mut self, at: usize) {
        self.consumed += (at - self.start) as u64;
        self.start = at;
        self.pos = at;
    }

    fn restart_parser(&mut self) {
        self.core.reset();
        self.fresh = true;
    }

    /// Reads the next record into `rec`; `false` at the end of the input.
    pub fn read(&mut self, rec: &mut Record) -> io::Result<bool> {
        rec.clear();
        // csv-core counts the line breaks it reads: what it reads of this record is
        // the difference (no second pass over the bytes).
        let lines_before = self.core.line();
        let (mut len, mut nends) = (0usize, 0usize);
        rec.bytes.resize(rec.bytes.capacity().max(256), 0);
        rec.ends.resize(rec.ends.capacity().max(16), 0);
        loop {
            if self.pos == self.end && !self.eof {
                self.fill()?;
            }
            if self.pos - self.start > self.limit {
                rec.bytes.truncate(len);
                rec.ends.truncate(nends);
                self.too_large(rec)?;
                return Ok(true);
            }
            let at_end = self.pos == self.end;
            let input: &[u8] = if at_end {
                // The end of the input. A line break tells a quoted field still open
                // (it takes the line break) from a record that simply ends here.
                b"\n"
            } else if std::mem::take(&mut self.fresh) {
                &self.buf[self.pos..self.pos + 1]
            } else {
                &self.buf[self.pos..self.end]
            };
            let (res, nin, nout, nend) =
                self.core
                    .read_record(input, &mut rec.bytes[len..], &mut rec.ends[nends..]);
            len += nout;
            nends += nend;
            if !at_end {
                self.pos += nin;
            }
            match res {
                ReadRecordResult::InputEmpty if at_end => {
                    rec.bytes.truncate(len);
                    rec.ends.truncate(nends);
                    if len > 0 || nends > 0 {
                        self.unterminated(rec);
                        return Ok(true);
                    }
                    // Blank: nothing more.
                    self.advance(self.end);
                    return Ok(false);
                }
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grow = rec.bytes.len();
                    rec.bytes.resize(2 * grow, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grow = rec.ends.len();
                    rec.ends.resize(2 * grow, 0);
                }
                ReadRecordResult::Record => {
                    rec.bytes.truncate(len);
                    rec.ends.truncate(nends);
                    let lines = self.core.line() - lines_before - u64::from(at_end);
                    self.finish(rec, lines);
                    return Ok(true);
                }
                ReadRecordResult::End => {
                    rec.bytes.truncate(len);
                    rec.ends.truncate(nends);
                    self.advance(self.pos);
                    return Ok(false);
                }
            }
        }
    }

    /// Line numbers of a record read whole (which holds `lines` line breaks, its
    /// terminator's included), then on to the next.
    fn finish(&mut self, rec: &mut Record, lines: u64) {
        let raw = &self.buf[self.start..self.pos];
        let lead = raw
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let lead_lines = raw[..lead].iter().filter(|&&b| b == b'\n').count() as u64;
        let terminator = u64::from(raw.last() == Some(&b'\n') && raw.len() > lead);
        rec.line = self.line + lead_lines;
        rec.inner_lines = lines.saturating_sub(lead_lines + terminator);
        self.line += lines;
        let at = self.pos;
        self.advance_counted(at);
    }

    /// Where the first line of the current record starts and ends (`None` for the end
    /// when its line break is not in the buffer).
    fn first_line(&self) -> (usize, Option<usize>) {
        let raw = &self.buf[self.start..self.end];
        let lead = raw
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let from = self.start + lead;
        let end = memchr::memchr2(b'\n', b'\r', &self.buf[from..self.end]).map(|i| from + i);
        (from, end)
    }

    /// The current record's first line, read alone, as the record; reading goes on
    /// after that line.
    fn first_line_alone(&mut self, rec: &mut Record, line_end: usize, problem: Problem) {
        let (from, _) = self.first_line();
        rec.line =
            self.line + memchr::memchr_iter(b'\n', &self.buf[self.start..from]).count() as u64;
        read_alone(&self.buf[from..line_end], self.delimiter, rec);
        rec.problem = Some(problem);
        // Past the line's terminator (`\r\n` counts as one).
        let mut next = line_end + 1;
        if self.buf[line_end] == b'\r' && self.buf.get(next) == Some(&b'\n') && next < self.end {
            next += 1;
        }
        self.advance(next);
        self.restart_parser();
    }

    /// The current record runs past the limit.
    fn too_large(&mut self, rec: &mut Record) -> io::Result<()> {
        let limit = self.limit;
        let (from, end) = self.first_line();
        if let Some(end) = end.filter(|&e| e - from <= limit) {
            self.first_line_alone(rec, end, Problem::TooLarge { limit });
            return Ok(());
        }
        // The first line alone is too large: skip to its end.
        rec.line =
            self.line + memchr::memchr_iter(b'\n', &self.buf[self.start..from]).count() as u64;
        rec.ends.clear();
        rec.bytes.clear();
        rec.problem = Some(Problem::LineTooLarge { limit });
        self.advance(from);
        loop {
            if self.pos == self.end {
                if self.eof {
                    break;
                }
                // Nothing before `pos` is needed any more.
                self.consumed += (self.pos - self.start) as u64;
                self.start = self.pos;
                self.fill()?;
                continue;
            }
            match memchr::memchr2(b'\n', b'\r', &self.buf[self.pos..self.end]) {
                Some(i) => {
                    // The terminator is read by the restarted parser as a blank line.
                    self.pos += i;
                    break;
                }
                None => self.pos = self.end,
            }
        }
        self.consumed += (self.pos - self.start) as u64;
        self.start = self.pos;
        self.restart_parser();
        Ok(())
    }

    /// A quoted field is open at the end of the input.
    fn unterminated(&mut self, rec: &mut Record) {
        match self.first_line() {
            (_, Some(end)) => self.first_line_alone(rec, end, Problem::Unterminated),
            (_, None) => {
                // A one-line record: read it alone, as it is.
                let end = self.end;
                let (from, _) = self.first_line();
                rec.line = self.line
                    + memchr::memchr_iter(b'\n', &self.buf[self.start..from]).count() as u64;
                read_alone(&self.buf[from..end], self.delimiter, rec);
                rec.problem = Some(Problem::Unterminated);
                self.advance(end);
                self.restart_parser();
            }
        }
    }
}

/// Reads JSON Lines into [`Record`]s of 4 fields: the address, the latitude and the
/// longitude (the values of the fields asked for: a string's text, another value's JSON
/// text, empty when absent or null), then the object's members but the `dvhc_*` ones
/// (`"key":value,...`, compact), ready to be written back with new `dvhc_*` members.
///
/// Blank lines are skipped; a line over the limit or that is not a JSON object is a
/// record with a [`Problem`].
pub struct JsonlReader<R> {
    inner: io::BufReader<R>,
    line: u64,
    limit: usize,
    consumed: u64,
    buf: Vec<u8>,
    /// The field names: address, latitude, longitude.
    names: [String; 3],
    /// The most `dvhc_*` members left out of one object.
    pub replaced: usize,
}

/// The members of a JSON object, in order, values as they are written.
struct Members<'a>(Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de> serde::Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl<R: Read> JsonlReader<R> {
    /// A reader of lines of at most `limit` bytes; `names` are the address, latitude
    /// and longitude fields (the last two may be empty: not read).
    pub fn new(inner: R, limit: usize, names: [String; 3]) -> JsonlReader<R> {
        JsonlReader {
            inner: io::BufReader::with_capacity(READ_SIZE, inner),
            line: 0,
            limit: limit.clamp(1, MAX_LIMIT),
            consumed: 0,
            buf: Vec::new(),
            names,
            replaced: 0,
        }
    }

    /// Input bytes consumed so far.
    pub fn position(&self) -> u64 {
        self.consumed
    }

    /// Reads one line into `buf` (without its line end); `Some(true)` when it was
    /// longer than the limit (then only its start is kept); `None` at the end.
    fn read_line(&mut self) -> io::Result<Option<bool>> {
        use std::io::BufRead;
        self.buf.clear();
        let mut any = false;
        let mut over = false;
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            any = true;
            let (take, found) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            let room = self.limit.saturating_sub(self.buf.len());
            over |= take > room;
            self.buf.extend_from_slice(&avail[..take.min(room)]);
            let used = take + usize::from(found);
            self.inner.consume(used);
            self.consumed += used as u64;
            if found {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.line += 1;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Some(over))
    }

    /// Reads the next object into `rec`; `false` at the end of the input.
    pub fn read(&mut self, rec: &mut Record) -> io::Result<bool> {
        loop {
            rec.clear();
            let Some(over) = self.read_line()? else {
                return Ok(false);
            };
            rec.line = self.line;
            if over {
                rec.problem = Some(Problem::LineTooLarge { limit: self.limit });
                return Ok(true);
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue; // a blank line
            }
            let members: Members<'_> = match std::str::from_utf8(&self.buf)
                .ok()
                .and_then(|t| serde_json::from_str(t).ok())
            {
                Some(m) => m,
                None => {
                    rec.problem = Some(Problem::NotJsonObject);
                    return Ok(true);
                }
            };
            for name in &self.names {
                let value = members
                    .0
                    .iter()
                    .rev()
                    .find(|(k, _)| !name.is_empty() && k == name)
                    .map(|(_, v)| v.get());
                match value {
                    None | Some("null") => {}
                    Some(v) if v.starts_with('"') => {
                        let text: String = serde_json::from_str(v).unwrap_or_default();
                        rec.bytes.extend_from_slice(text.as_bytes());
                    }
                    Some(v) => rec.bytes.extend_from_slice(v.as_bytes()),
                }
                rec.ends.push(rec.bytes.len());
            }
            let mut replaced = 0;
            let mut first = true;
            for (k, v) in &members.0 {
                if crate::csv::COLUMNS.contains(&k.as_str()) {
                    replaced += 1;
                    continue;
                }
                if !first {
                    rec.bytes.push(b',');
                }
                first = false;
                // Writing a string into memory cannot fail.
                let _ = serde_json::to_writer(&mut rec.bytes, k);
                rec.bytes.push(b':');
                rec.bytes.extend_from_slice(v.get().as_bytes());
            }
            rec.ends.push(rec.bytes.len());
            self.replaced = self.replaced.max(replaced);
            return Ok(true);
        }
    }
}

thread_local! {
    /// Parsers a reader of this thread has finished with, reset, by delimiter.
    static PARSERS: RefCell<Vec<(u8, Reader)>> = const { RefCell::new(Vec::new()) };
}

/// A parser for `delimiter`, in its initial state. Building one compiles its state
/// machine over every byte value (1.8 million instructions in a fuzzing build), which every
/// run and every record read alone would otherwise pay again: one the thread
/// finished with is reused. (Reset, not copied: csv-core's `Clone` does not copy
/// the whole state machine.)
fn parser(delimiter: u8) -> Reader {
    let kept = PARSERS.with(|p| {
        let mut p = p.try_borrow_mut().ok()?;
        let i = p.iter().position(|(d, _)| *d == delimiter)?;
        Some(p.swap_remove(i).1)
    });
    kept.unwrap_or_else(|| ReaderBuilder::new().delimiter(delimiter).build())
}

/// Keeps `core`, reset, for the thread's next [`parser`] of `delimiter`.
fn give_back(delimiter: u8, mut core: Reader) {
    core.reset();
    PARSERS.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            if p.len() < 4 {
                p.push((delimiter, core));
            }
        }
    });
}

impl<R> Drop for CsvReader<R> {
    fn drop(&mut self) {
        give_back(self.delimiter, std::mem::take(&mut self.core));
    }
}

/// Reads `line` as one record on its own (a quote still open ends with the line).
fn read_alone(line: &[u8], delimiter: u8, rec: &mut Record) {
    let mut core = parser(delimiter);
    rec.bytes.clear();
    rec.ends.clear();
    rec.bytes.resize(line.len() + 1, 0);
    let mut input = line;
    let mut len = 0;
    // A byte-order mark is content here: the first call sees at most one byte.
    let mut first = true;
    loop {
        let take = if std::mem::take(&mut first) {
            input.len().min(1)
        } else {
            input.len()
        };
        let (res, nin, nout) = core.read_field(&input[..take], &mut rec.bytes[len..]);
        input = &input[nin..];
        len += nout;
        match res {
            ReadFieldResult::Field { record_end } => {
                rec.ends.push(len);
                if record_end {
                    break;
                }
            }
            ReadFieldResult::End => break,
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {
                if take == 0 && input.is_empty() && nin == 0 && nout == 0 {
                    // Not expected: the parser always ends on empty input.
                    break;
                }
            }
        }
    }
    rec.bytes.truncate(len);
    give_back(delimiter, core);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], limit: usize) -> Vec<(u64, Vec<String>, Option<Problem>)> {
        let mut r = CsvReader::new(io::Cursor::new(input.to_vec()), b',', limit);
        let mut rec = Record::default();
        let mut out = Vec::new();
        while r.read(&mut rec).unwrap() {
            let fields = rec
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            out.push((rec.line, fields, rec.problem));
        }
        assert_eq!(r.position(), input.len() as u64, "every byte consumed");
        out
    }

    fn plain(rows: &[(u64, &[&str])]) -> Vec<(u64, Vec<String>, Option<Problem>)> {
        rows.iter()
            .map(|(l, f)| (*l, f.iter().map(|s| (*s).to_owned()).collect(), None))
            .collect()
    }

    #[test]
    fn reads_like_the_csv_crate() {
        let input = b"\xEF\xBB\xBFa,b\r\n\r\n\"x\ny\",\"q\"\"\"\n3\n\n4,,\n5";
        assert_eq!(
            read_all(input, 1 << 20),
            plain(&[
                (1, &["a", "b"]),
                (3, &["x\ny", "q\""]),
                (5, &["3"]),
                (7, &["4", "", ""]),
                (8, &["5"]),
            ])
        );
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&input[..]);
        assert_eq!(r.byte_records().count(), 5);
    }

    #[test]
    fn a_stray_quote_costs_one_line() {
        let mut input = b"id,address\n0,\"P. Ben Nghe\n".to_vec();
        for i in 1..2000 {
            input.extend_from_slice(format!("{i},Quan 1\n").as_bytes());
        }
        let rows = read_all(&input, 1000);
        assert_eq!(rows.len(), 2001);
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[1].1, ["0", "P. Ben Nghe"]);
        assert_eq!(rows[1].2, Some(Problem::TooLarge { limit: 1000 }));
        assert_eq!(rows[2], (3, vec!["1".into(), "Quan 1".into()], None));
        assert_eq!(rows[2000].0, 2001);
        // Below the limit, the quote open at the end of the input is found too.
        let rows = read_all(&input, 1 << 20);
        assert_eq!(rows.len(), 2001);
        assert_eq!(rows[1].2, Some(Problem::Unterminated));
        assert!(rows[2..].iter().all(|r| r.2.is_none()));
    }

    #[test]
    fn long_lines_and_crlf() {
        let mut input = b"a\r\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        input.extend_from_slice(b"\r\nb,\"c\"\r\n");
        let rows = read_all(&input, 100);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].2, Some(Problem::LineTooLarge { limit: 100 }));
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[2], (3, vec!["b".into(), "c".into()], None));
        // A huge last line without a line break.
        let rows = read_all(&input[..input.len() - 9], 100);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].2, Some(Problem::LineTooLarge { limit: 100 }));
    }

    #[test]
    fn json_lines() {
        let input = "{\"id\":1,\"address\":\"P. B\\u1ebfn\",\"lat\":10.5,\"dvhc_status\":\"ok\"}\n\n[1]\n{\"address\":null}\r\n{\"x\":\"".to_owned()
            + &"y".repeat(100)
            + "\"}\n";
        let names = ["address".to_owned(), "lat".to_owned(), "lon".to_owned()];
        let mut r = JsonlReader::new(input.as_bytes(), 90, names);
        let mut rec = Record::default();
        let mut got = Vec::new();
        while r.read(&mut rec).unwrap() {
            let fields: Vec<String> = rec
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            got.push((rec.line, fields, rec.problem));
        }
        assert_eq!(got[0].0, 1);
        assert_eq!(
            got[0].1,
            [
                "P. Bến",
                "10.5",
                "",
                "\"id\":1,\"address\":\"P. B\\u1ebfn\",\"lat\":10.5"
            ]
        );
        assert_eq!((got[1].0, got[1].2), (3, Some(Problem::NotJsonObject)));
        assert_eq!(got[2].1, ["", "", "", "\"address\":null"]);
        assert_eq!(
            (got[3].0, got[3].2),
            (5, Some(Problem::LineTooLarge { limit: 90 }))
        );
        assert_eq!(got.len(), 4);
        assert_eq!(r.replaced, 1);
        assert_eq!(r.position(), input.len() as u64);
    }

    #[test]
    fn an_open_quote_on_the_last_line() {
        assert_eq!(
            read_all(b"a\n\"b,c", 100),
            vec![
                (1, vec!["a".into()], None),
                (2, vec!["b,c".into()], Some(Problem::Unterminated)),
            ]
        );
        // A record that ends at the end of the input without a line break is fine.
        assert_eq!(
            read_all(b"a\n\"b\",c", 100),
            plain(&[(1, &["a"]), (2, &["b", "c"])])
        );
        // After a resync, a byte-order mark at a line start is content.
        let rows = read_all(b"\"a\n\xEF\xBB\xBFb\n", 100);
        assert_eq!(rows[1].1, ["\u{FEFF}b"]);
    }
}
