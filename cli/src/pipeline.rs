//! An ordered, bounded, parallel map from input chunks to output bytes.
//!
//! The calling thread reads chunks of items; worker threads turn each chunk into the
//! bytes to print; a writer thread prints the chunks in input order. A fixed set of
//! chunk buffers circulates between the three (reader → workers → writer → reader), so
//! memory is bounded by `in_flight` chunks whatever the input's size, buffers are reused
//! rather than reallocated, and a reader that outruns the writer simply waits.
//!
//! When the writer fails (a closed pipe, a full disk) every thread stops at its next
//! hand-over; when the reader fails, what was read before is still written. A panic in
//! a worker stops the writer, hence every thread, and is then raised again.
//!
//! Memory is also bounded in bytes: the reader gives each chunk a weight (its
//! expected size) and does not hand out more than [`Options::budget`] bytes of chunks
//! at once, but for one chunk alone, however large.
//!
//! [`Options::inline`] runs the same reading, processing and writing on the calling
//! thread, one chunk after the other, without spawning any thread.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

/// Output capacity a chunk keeps for reuse; more is given back after an unusually
/// large chunk.
const MAX_KEPT_OUT: usize = 1 << 20;

/// A chunk of input items and the bytes they produce.
#[derive(Debug, Default)]
pub struct Chunk<T> {
    /// Item slots; only the first `len` hold this chunk's input (the rest are kept for
    /// reuse).
    pub items: Vec<T>,
    /// How many items the chunk holds.
    pub len: usize,
    /// The output of the chunk, filled by a worker.
    pub out: Vec<u8>,
    /// The chunk's expected size in bytes, set by the reader (0: not counted).
    pub weight: usize,
}

impl<T: Default> Chunk<T> {
    /// The next free slot, appended if needed; bumps `len`.
    pub fn next_slot(&mut self) -> &mut T {
        if self.len == self.items.len() {
            self.items.push(T::default());
        }
        self.len += 1;
        &mut self.items[self.len - 1]
    }

    /// Gives back the last slot taken with [`next_slot`](Self::next_slot) (the read
    /// found the end of input).
    pub fn unget(&mut self) {
        self.len -= 1;
    }
}

/// The most worker threads a pipeline runs (more are refused by the command line).
pub const MAX_WORKERS: usize = 256;

/// How the pipeline is sized.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Worker threads; 0 for none (everything on the calling thread).
    pub workers: usize,
    /// Chunks in circulation: bounds memory, and how far the reader may run ahead.
    pub in_flight: usize,
    /// Bytes of chunk weight in circulation at once (one chunk may exceed it alone).
    pub budget: usize,
}

impl Options {
    /// `workers` workers (1 to [`MAX_WORKERS`]) and enough chunks to keep them all
    /// busy, within `budget` bytes of chunk weight.
    pub fn with_workers(workers: usize, budget: usize) -> Options {
        let workers = workers.clamp(1, MAX_WORKERS);
        Options {
            workers,
            in_flight: 2 * workers + 2,
            budget,
        }
    }

    /// No thread at all: each chunk is read, processed and written on the calling
    /// thread before the next is read.
    pub fn inline() -> Options {
        Options {
            workers: 0,
            in_flight: 1,
            budget: usize::MAX,
        }
    }

    /// The weight a chunk should aim at so that every chunk in circulation fits the
    /// budget, between `min` and `max`.
    pub fn chunk_target(&self, min: usize, max: usize) -> usize {
        (self.budget / self.in_flight.max(1)).clamp(min, max)
    }
}

/// Chunk weight in circulation, and whether the writer has stopped.
#[derive(Default)]
struct Gate {
    state: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Gate {
    /// Waits until `weight` more bytes fit `budget` (or nothing is in circulation, or
    /// the writer stopped), then counts them in.
    fn enter(&self, weight: usize, budget: usize) {
        let Ok(mut s) = self.state.lock() else { return };
        while s.0 > 0 && s.0.saturating_add(weight) > budget && !s.1 {
            s = match self.changed.wait(s) {
                Ok(s) => s,
                Err(_) => return,
            };
        }
        s.0 = s.0.saturating_add(weight);
    }

    fn leave(&self, weight: usize) {
        if let Ok(mut s) = self.state.lock() {
            s.0 = s.0.saturating_sub(weight);
        }
        self.changed.notify_all();
    }

    fn close(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.1 = true;
        }
        self.changed.notify_all();
    }
}

/// Where a pipeline failed.
#[derive(Debug)]
pub enum Failure {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed.
    Write(io::Error),
}

/// Called by the writer after each chunk is written, with the number of items.
pub trait Progress: Send {
    /// A chunk of `items` items was written.
    fn advance(&mut self, items: usize);
    /// Everything was written (or the run stopped).
    fn finish(&mut self);
}

/// No progress report.
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&mut self, _: usize) {}
    fn finish(&mut self) {}
}

/// What the workers hand the writer.
enum Done<T> {
    /// A processed chunk and its sequence number.
    Chunk(u64, Chunk<T>),
    /// A worker panicked: the chunk it held will never come, so the writer stops, and
    /// with it every thread; the scope then raises the panic again.
    Panicked,
}

/// Runs the pipeline.
///
/// * `read` fills a chunk (from `len == 0`) and returns whether more input may follow;
///   it runs on the calling thread, so it need not be `Send`.
/// * `init` makes each worker's state (caches, encoders).
/// * `process` turns a filled chunk into its output bytes, in `chunk.out`.
///
/// The output is flushed whenever the writer has nothing more to write for the moment,
/// so a slow producer (`tail -f | dvhc translate`) sees each result promptly.
pub fn run<T, S, R, I, P, O>(
    opts: Options,
    mut read: R,
    init: I,
    process: P,
    mut out: O,
    mut progress: Box<dyn Progress + '_>,
) -> Result<(), Failure>
where
    T: Default + Send,
    R: FnMut(&mut Chunk<T>) -> io::Result<bool>,
    I: Fn() -> S + Sync,
    P: Fn(&mut S, &mut Chunk<T>) + Sync,
    O: Write + Send,
{
    if opts.workers == 0 {
        let result = run_inline(read, init, process, &mut out, &mut *progress);
        progress.finish();
        return result;
    }
    let gate = Gate::default();
    let gate = &gate;
    thread::scope(|s| {
        let (free_tx, free_rx) = mpsc::sync_channel::<Chunk<T>>(opts.in_flight);
        for _ in 0..opts.in_flight {
            // Cannot fail: the channel has room for every chunk and its receiver lives.
            let _ = free_tx.send(Chunk::default());
        }
        let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Chunk<T>)>(opts.in_flight);
        // Shared by the workers only: when they are all gone, the reader's sends fail
        // instead of blocking.
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<Done<T>>(opts.in_flight);
        for _ in 0..opts.workers {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let (init, process) = (&init, &process);
            s.spawn(move || {
                let mut state = init();
                loop {
                    let job = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return, // another worker panicked; the scope re-raises it
                    };
                    let Ok((seq, mut chunk)) = job else { return };
                    chunk.out.clear();
                    let run = panic::catch_unwind(AssertUnwindSafe(|| {
                        process(&mut state, &mut chunk);
                    }));
                    if let Err(p) = run {
                        let _ = done_tx.send(Done::Panicked);
                        panic::resume_unwind(p);
                    }
                    if done_tx.send(Done::Chunk(seq, chunk)).is_err() {
                        return; // the writer stopped
                    }
                }
            });
        }
        drop(work_rx);
        drop(done_tx);

        let writer = s.spawn(move || -> io::Result<()> {
            let result = write_in_order(done_rx, &free_tx, &mut out, &mut *progress, gate);
            gate.close();
            progress.finish();
            result
        });

        let mut read_error = None;
        let mut seq = 0u64;
        loop {
            // Waits for a free chunk: the writer gives them back as it prints.
            let Ok(mut chunk) = free_rx.recv() else { break };
            chunk.len = 0;
            chunk.weight = 0;
            let more = match read(&mut chunk) {
                Ok(more) => more,
                Err(e) => {
                    read_error = Some(e);
                    false
                }
            };
            if chunk.len > 0 {
                gate.enter(chunk.weight, opts.budget);
                if work_tx.send((seq, chunk)).is_err() {
                    break;
                }
                seq += 1;
            }
            if !more {
                break;
            }
        }
        drop(work_tx);
        drop(free_rx);
        let written = match writer.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match (written, read_error) {
            (Err(e), _) => Err(Failure::Write(e)),
            (Ok(()), Some(e)) => Err(Failure::Read(e)),
            (Ok(()), None) => Ok(()),
        }
    })
}

/// [`run`] without threads: read a chunk, process it, write it, and again.
fn run_inline<T, S, R, I, P>(
    mut read: R,
    init: I,
    process: P,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<(), Failure>
where
    T: Default,
    R: FnMut(&mut Chunk<T>) -> io::Result<bool>,
    I: Fn() -> S,
    P: Fn(&mut S, &mut Chunk<T>),
{
    let mut state = init();
    let mut chunk = Chunk::default();
    loop {
        chunk.len = 0;
        chunk.weight = 0;
        let (more, read_error) = match read(&mut chunk) {
            Ok(more) => (more, None),
            Err(e) => (false, Some(e)),
        };
        if chunk.len > 0 {
            chunk.out.clear();
            process(&mut state, &mut chunk);
            out.write_all(&chunk.out)
                .and_then(|()| out.flush())
                .map_err(Failure::Write)?;
            progress.advance(chunk.len);
            chunk.out.clear();
            chunk.out.shrink_to(MAX_KEPT_OUT);
        }
        if let Some(e) = read_error {
            return Err(Failure::Read(e));
        }
        if !more {
            return out.flush().map_err(Failure::Write);
        }
    }
}

fn write_in_order<T>(
    done_rx: Receiver<Done<T>>,
    free_tx: &mpsc::SyncSender<Chunk<T>>,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
    gate: &Gate,
) -> io::Result<()> {
    let mut next = 0u64;
    let mut pending: BTreeMap<u64, Chunk<T>> = BTreeMap::new();
    loop {
        let msg = match done_rx.try_recv() {
            Ok(msg) => msg,
            Err(TryRecvError::Empty) => {
                // Nothing ready: show what we have before waiting.
                out.flush()?;
                match done_rx.recv() {
                    Ok(msg) => msg,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        let Done::Chunk(seq, chunk) = msg else {
            return Err(io::Error::other("a worker thread panicked"));
        };
        pending.insert(seq, chunk);
        while let Some(mut chunk) = pending.remove(&next) {
            out.write_all(&chunk.out)?;
            progress.advance(chunk.len);
            next += 1;
            gate.leave(chunk.weight);
            // An unusually large chunk does not keep its memory.
            chunk.out.clear();
            chunk.out.shrink_to(MAX_KEPT_OUT);
            // The reader may have stopped; the chunk is then simply dropped.
            let _ = free_tx.send(chunk);
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_bounds() {
        for opts in [Options::with_workers(3, 1 << 20), Options::inline()] {
            keeps_order(opts);
        }
    }

    fn keeps_order(opts: Options) {
        let total = 10_000usize;
        let mut next = 0usize;
        let mut sink = Vec::new();
        run(
            opts,
            |c: &mut Chunk<usize>| {
                while c.len < 7 && next < total {
                    *c.next_slot() = next;
                    next += 1;
                }
                Ok(next < total)
            },
            || (),
            |_, c| {
                for &i in &c.items[..c.len] {
                    // Uneven work so chunks finish out of order.
                    if i % 13 == 0 {
                        thread::yield_now();
                    }
                    c.out.extend_from_slice(format!("{i}\n").as_bytes());
                }
            },
            &mut sink,
            Box::new(NoProgress),
        )
        .unwrap();
        let text = String::from_utf8(sink).unwrap();
        let got: Vec<usize> = text.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(got, (0..total).collect::<Vec<_>>());
    }

    #[test]
    fn chunks_in_flight_stay_within_the_byte_budget() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        /// Counts the chunks written (one `write_all` each).
        struct Counting<'a>(&'a AtomicUsize);
        impl Write for Counting<'_> {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.fetch_add(1, Ordering::SeqCst);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let written = AtomicUsize::new(0);
        let mut sent = 0usize;
        let mut worst = 0usize;
        // 8 workers would hold 18 chunks; a budget of 3 chunks' weight holds 3.
        run(
            Options::with_workers(8, 3 * 1000),
            |c: &mut Chunk<u8>| {
                worst = worst.max(sent - written.load(Ordering::SeqCst));
                *c.next_slot() = 1;
                c.weight = 1000;
                sent += 1;
                Ok(sent < 300)
            },
            || (),
            |_, c| c.out.push(b'x'),
            Counting(&written),
            Box::new(NoProgress),
        )
        .unwrap();
        assert_eq!(written.load(Ordering::SeqCst), 300);
        assert!(worst <= 3, "{worst} chunks in flight");
        // One chunk over the whole budget still goes through, alone.
        let mut n = 0;
        let mut out = Vec::new();
        run(
            Options::with_workers(2, 10),
            |c: &mut Chunk<u8>| {
                *c.next_slot() = 1;
                c.weight = 1 << 20;
                n += 1;
                Ok(n < 5)
            },
            || (),
            |_, c| c.out.push(b'x'),
            &mut out,
            Box::new(NoProgress),
        )
        .unwrap();
        assert_eq!(out, b"xxxxx");
    }

    #[test]
    fn write_failure_stops_everything() {
        for opts in [Options::with_workers(2, 1 << 20), Options::inline()] {
            write_failure_stops(opts);
        }
    }

    #[test]
    fn a_worker_panic_stops_everything() {
        // Run in a thread of its own, so that a hang fails the test instead of
        // blocking it.
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let r = std::panic::catch_unwind(|| {
                let mut n = 0u64;
                // An endless input: the run must still end, with the worker's panic.
                run(
                    Options::with_workers(3, 1 << 20),
                    |c: &mut Chunk<u64>| {
                        *c.next_slot() = n;
                        n += 1;
                        Ok(true)
                    },
                    || (),
                    |_, c| {
                        assert!(c.items[0] != 100, "a panic in a worker");
                        c.out.push(b'x');
                    },
                    io::sink(),
                    Box::new(NoProgress),
                )
            });
            let _ = tx.send(r.is_err());
        });
        let ended = rx.recv_timeout(std::time::Duration::from_secs(20));
        assert_eq!(ended, Ok(true), "the panic is raised, nothing hangs");
    }

    fn write_failure_stops(opts: Options) {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        // An endless input: the run must still end.
        let r = run(
            opts,
            |c: &mut Chunk<u8>| {
                *c.next_slot() = 1;
                Ok(true)
            },
            || (),
            |_, c| c.out.push(b'x'),
            Broken,
            Box::new(NoProgress),
        );
        assert!(matches!(r, Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe));
    }
}
