//! `translate` and `parse`: one result per input line, in input order, on all cores.

use std::io::{self, BufRead, BufReader, Read, Write};

use crate::cache::{Cache, Weigh};
use crate::model::ErrorOut;
use crate::pipeline::{self, Chunk, Failure, NoProgress};

/// The longest line kept; the rest of a longer line is skipped and the line reported
/// as too long (the library refuses addresses over 1 KiB anyway).
pub const MAX_LINE: usize = 64 * 1024;

/// Lines per chunk handed to a worker (fewer when input arrives slowly).
const CHUNK_LINES: usize = 1024;

/// Input bytes per chunk: long lines make smaller chunks, so memory stays bounded.
const CHUNK_BYTES: usize = 1 << 20;

/// Bytes of chunks in flight (see [`pipeline::Options::budget`]).
const IN_FLIGHT_BYTES: usize = 16 << 20;

/// Estimated output bytes of a line besides its own bytes (a JSON object).
const OUTPUT_ESTIMATE: usize = 512;

/// A line buffer that grew past this is shrunk after use.
const MAX_KEPT_LINE: usize = 16 << 10;

/// Longest line whose result is cached.
const MAX_CACHED_LINE: usize = 1024;

/// One input line.
#[derive(Debug, Default)]
pub struct Line {
    bytes: Vec<u8>,
    truncated: bool,
}

/// Where the lines come from.
pub enum Source {
    /// The command-line arguments, one input each.
    Args(Vec<String>),
    /// A stream (stdin, decoded), one input per line.
    Stream(Box<dyn Read + Send>),
}

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Resolved to one unit.
    Ok,
    /// A unit written was not found: resolved only to a higher level.
    Partial,
    /// Several candidates remain.
    Ambiguous,
    /// Nothing resolved, or the input could not be used.
    Error,
}

/// How many inputs ended how.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Inputs with status `ok`.
    pub ok: u64,
    /// Inputs with status `partial`.
    pub partial: u64,
    /// Inputs with status `ambiguous`.
    pub ambiguous: u64,
    /// Inputs with status `error`.
    pub errors: u64,
}

impl Counts {
    fn add(&mut self, s: Status) {
        match s {
            Status::Ok => self.ok += 1,
            Status::Partial => self.partial += 1,
            Status::Ambiguous => self.ambiguous += 1,
            Status::Error => self.errors += 1,
        }
    }

    /// All inputs.
    pub fn rows(&self) -> u64 {
        self.ok + self.partial + self.ambiguous + self.errors
    }
}

/// A cached result: the bytes printed and the status.
struct Cached {
    bytes: Vec<u8>,
    status: Status,
}

impl Weigh for Cached {
    fn weight(&self) -> usize {
        self.bytes.capacity()
    }
}

/// What a line is, for the renderer: its text, or why it has none.
pub enum Input<'a> {
    /// The line, valid UTF-8, without its line ending.
    Text(&'a str),
    /// A line that cannot be used: shown (lossily) with the error.
    Bad(&'a str, ErrorOut),
}

/// Reads one line without its terminator (`\n` or `\r\n`) into `line`; `false` at the
/// end of input.
fn read_line(r: &mut impl BufRead, line: &mut Line) -> io::Result<bool> {
    line.bytes.clear();
    line.truncated = false;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (take, found) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (avail.len(), false),
        };
        let room = MAX_LINE - line.bytes.len();
        if take > room {
            line.truncated = true;
        }
        line.bytes.extend_from_slice(&avail[..take.min(room)]);
        r.consume(take + usize::from(found));
        if found {
            break;
        }
    }
    if line.bytes.last() == Some(&b'\r') {
        line.bytes.pop();
    }
    Ok(any)
}

/// Runs `render` over every input, printing the results in input order.
///
/// `render` appends one result (JSON line or text block) for an input to the buffer
/// (the chunk's output); results are cached by input line.
pub fn run(
    source: Source,
    workers: usize,
    cache_bytes: usize,
    out: Box<dyn Write + Send + '_>,
    render: impl Fn(Input<'_>, &mut Vec<u8>) -> Status + Sync,
) -> Result<Counts, Failure> {
    let cache: Cache<Cached> = Cache::new(cache_bytes, MAX_CACHED_LINE);
    let counts = std::sync::Mutex::new(Counts::default());
    let process = |_: &mut (), chunk: &mut Chunk<Line>| {
        let mut mine = Counts::default();
        let Chunk {
            items, len, out, ..
        } = chunk;
        for line in &items[..*len] {
            if !line.truncated {
                let hit = cache.with(&line.bytes, |v| {
                    out.extend_from_slice(&v.bytes);
                    v.status
                });
                if let Some(status) = hit {
                    mine.add(status);
                    continue;
                }
            }
            // Rendered straight into the chunk's output; the cache copies it from there.
            // (Vectorised UTF-8 check: std's was ~700 instructions per address line.)
            let start = out.len();
            let status = match simdutf8::basic::from_utf8(&line.bytes) {
                _ if line.truncated => {
                    let lossy = String::from_utf8_lossy(&line.bytes[..1024.min(line.bytes.len())]);
                    render(Input::Bad(&lossy, ErrorOut::line_too_long(MAX_LINE)), out)
                }
                Ok(text) => render(Input::Text(text), out),
                Err(_) => {
                    let lossy = String::from_utf8_lossy(&line.bytes);
                    render(Input::Bad(&lossy, ErrorOut::invalid_utf8()), out)
                }
            };
            mine.add(status);
            if !line.truncated {
                cache.insert_with(&line.bytes, || Cached {
                    bytes: out[start..].to_vec(),
                    status,
                });
            }
        }
        if let Ok(mut c) = counts.lock() {
            c.ok += mine.ok;
            c.partial += mine.partial;
            c.ambiguous += mine.ambiguous;
            c.errors += mine.errors;
        }
        for line in &mut items[..*len] {
            if line.bytes.capacity() > MAX_KEPT_LINE {
                line.bytes = Vec::new();
            }
        }
    };
    let opts = pipeline::Options::with_workers(workers, IN_FLIGHT_BYTES);
    let result = match source {
        Source::Args(args) => {
            let mut it = args.into_iter();
            pipeline::run(
                opts,
                |chunk: &mut Chunk<Line>| {
                    while chunk.len < CHUNK_LINES {
                        let Some(a) = it.next() else { return Ok(false) };
                        let slot = chunk.next_slot();
                        slot.bytes.clear();
                        slot.bytes.extend_from_slice(a.as_bytes());
                        slot.truncated = false;
                    }
                    Ok(true)
                },
                || (),
                process,
                out,
                Box::new(NoProgress),
            )
        }
        Source::Stream(input) => {
            let mut reader = BufReader::with_capacity(1 << 16, input);
            let mut first = true;
            pipeline::run(
                opts,
                |chunk: &mut Chunk<Line>| read_chunk(&mut reader, chunk, &mut first),
                || (),
                process,
                out,
                Box::new(NoProgress),
            )
        }
    };
    result?;
    Ok(counts.into_inner().unwrap_or_default())
}

/// Fills `chunk` with lines; hands it over early when no more input is buffered, so
/// results of slowly arriving input are not held back.
fn read_chunk<R: Read>(
    reader: &mut BufReader<R>,
    chunk: &mut Chunk<Line>,
    first: &mut bool,
) -> io::Result<bool> {
    let mut bytes = 0;
    while chunk.len < CHUNK_LINES && bytes < CHUNK_BYTES {
        let slot = chunk.next_slot();
        if !read_line(reader, slot)? {
            chunk.unget();
            return Ok(false);
        }
        let n = slot.bytes.len();
        bytes += n;
        if std::mem::take(first) && slot.bytes.starts_with(b"\xEF\xBB\xBF") {
            slot.bytes.drain(..3);
        }
        chunk.weight += 2 * n + OUTPUT_ESTIMATE;
        if reader.buffer().is_empty() {
            break;
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<(Vec<u8>, bool)> {
        let mut r = BufReader::with_capacity(4, input);
        let mut line = Line::default();
        let mut out = Vec::new();
        while read_line(&mut r, &mut line).unwrap() {
            out.push((line.bytes.clone(), line.truncated));
        }
        out
    }

    #[test]
    fn splits_lines() {
        assert_eq!(
            lines(b"ab\r\n\ncd"),
            [
                (b"ab".to_vec(), false),
                (vec![], false),
                (b"cd".to_vec(), false)
            ]
        );
        assert!(lines(b"").is_empty());
        let long = vec![b'x'; MAX_LINE + 10];
        let got = lines(&[long.as_slice(), b"\nok\n"].concat());
        assert_eq!(got.len(), 2);
        assert!(got[0].1 && got[0].0.len() == MAX_LINE);
        assert_eq!(got[1], (b"ok".to_vec(), false));
    }
}
