//! A one-line progress bar on stderr (used only when stderr is a terminal).

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::pipeline::Progress;

/// Rows written, rate and, for a file, the share of bytes read.
pub struct Bar {
    start: Instant,
    last: Option<Instant>,
    rows: u64,
    total_bytes: Option<u64>,
    bytes_read: Arc<AtomicU64>,
}

impl Bar {
    /// A bar for an input of `total_bytes` (unknown for a pipe), whose reader stores
    /// its position in `bytes_read`.
    pub fn new(total_bytes: Option<u64>, bytes_read: Arc<AtomicU64>) -> Bar {
        Bar {
            start: Instant::now(),
            last: None,
            rows: 0,
            total_bytes: total_bytes.filter(|&n| n > 0),
            bytes_read,
        }
    }

    fn draw(&self) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = self.rows as f64 / secs;
        let mut line = String::from("\r\x1b[2K");
        match self.total_bytes {
            Some(total) => {
                let read = self.bytes_read.load(Ordering::Relaxed).min(total);
                let frac = read as f64 / total as f64;
                let width = 30;
                let filled = (frac * width as f64) as usize;
                line.push('[');
                line.extend(std::iter::repeat_n('#', filled));
                line.extend(std::iter::repeat_n('-', width - filled));
                line.push_str(&format!("] {:5.1}%  ", frac * 100.0));
            }
            None => line.push_str("  "),
        }
        line.push_str(&format!("{} rows  {:.0} rows/s", self.rows, rate));
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }
}

impl Progress for Bar {
    fn advance(&mut self, items: usize) {
        self.rows += items as u64;
        let now = Instant::now();
        if self
            .last
            .is_none_or(|t| now.duration_since(t) >= Duration::from_millis(100))
        {
            self.last = Some(now);
            self.draw();
        }
    }

    fn finish(&mut self) {
        self.draw();
        let secs = self.start.elapsed().as_secs_f64();
        eprintln!("\r\x1b[2Kdvhc csv: {} rows in {secs:.1} s", self.rows);
    }
}
