//! Translates pre-2025 addresses into the current structure.
//!
//! Addresses come from the command line, or from standard input one per line when
//! none are given (blank lines and `#` comments are skipped):
//!
//! ```text
//! cargo run --release --example translate -- "P. Bến Nghé, Q.1, TP.HCM"
//! cargo run --release --example translate < examples/data/old_addresses.txt
//! ```
//!
//! Each input is printed with its translation: one line when it resolves to a single
//! new commune, every candidate (flagged whole or partial) when the old commune was
//! split or the input stops above commune level.

use std::io::{self, BufRead, Write};

use dvhc::translate::{Translation, Translator};
use dvhc::Era;

fn main() -> io::Result<()> {
    let translator = Translator::new();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let emit = |line: &str, out: &mut dyn Write| -> io::Result<()> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        match translator.translate(line) {
            Ok(t) => print_translation(&t, out),
            Err(e) => writeln!(out, "{line}\n    ✗ {e}"),
        }
    };
    if args.is_empty() {
        for line in io::stdin().lock().lines() {
            match emit(&line?, &mut out) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
                r => r?,
            }
        }
    } else {
        for a in &args {
            emit(a, &mut out)?;
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

fn print_translation(t: &Translation<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", t.input())?;
    if t.era() == Era::Current {
        return writeln!(out, "    = {} (already in the current structure)", t);
    }
    match t.formatted() {
        Some(one) => writeln!(out, "    → {one}"),
        None => {
            writeln!(
                out,
                "    → {} candidates ({}):",
                t.candidates().len(),
                if t.readings() > 1 {
                    "ambiguous name"
                } else {
                    "split or above commune level"
                }
            )?;
            for c in t.candidates() {
                writeln!(out, "      - {} ({})", t.format(c), c.share())?;
            }
            Ok(())
        }
    }
}
