//! What serialising a result costs over computing it: translates (or parses) every
//! line of a file, and with `--json` also writes each result as a JSON line into a
//! reused buffer with the tool's writer, as `dvhc translate`/`parse` do (with
//! `--serde-json`, with serde_json instead). Run both under callgrind and divide the
//! difference in instructions by the number of lines:
//!
//! ```sh
//! python3 cli/bench/gen_addresses.py 200000 0 /tmp/200k.csv
//! python3 -c 'import csv,sys;[print(r["address"]) for r in csv.DictReader(sys.stdin)]' </tmp/200k.csv >/tmp/200k.txt
//! cargo build --profile profiling -p dvhc-cli --example json_cost
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.plain target/profiling/examples/json_cost translate /tmp/200k.txt
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.json  target/profiling/examples/json_cost translate /tmp/200k.txt --json
//! ```
//!
//! It prints the number of lines and a checksum of the output, so that neither run
//! can be optimised away. `--time` instead translates every line once, then times
//! serialising the kept results with the tool's writer and with serde_json, passes
//! alternating (best of 7 each), and prints the cost per line of each.

use std::hint::black_box;
use std::time::Duration;

use dvhc::translate::{Outcome, Translator};
use dvhc::{address, AsOf};

/// One JSON line of `value` into `buf`: the tool's writer, or serde_json's.
fn write(value: &impl serde::Serialize, serde_json: bool, buf: &mut Vec<u8>) {
    if serde_json {
        let _ = serde_json::to_writer(&mut *buf, value);
        buf.push(b'\n');
    } else {
        dvhc_cli::json::line(value, buf);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [mode, path, ..] if mode == "translate" || mode == "parse" => {
            (mode.as_str(), path.as_str())
        }
        _ => {
            eprintln!("usage: json_cost translate|parse FILE [--json [--serde-json] | --time]");
            std::process::exit(2);
        }
    };
    let json = args.iter().any(|a| a == "--json");
    let serde_json = args.iter().any(|a| a == "--serde-json");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let lines: Vec<&str> = text.lines().collect();
    let translator = Translator::new();
    if args.iter().any(|a| a == "--time") {
        time(mode, &lines, &translator);
        return;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut sum = 0usize;
    for line in &lines {
        buf.clear();
        if mode == "translate" {
            let r = translator.translate(line);
            if json {
                write(&Outcome::new(line, &r), serde_json, &mut buf);
            }
            sum += black_box(&r).as_ref().map_or(0, |t| t.candidates().len());
        } else {
            let r = address::parse(line);
            if json {
                write(
                    &AsOf::new(address::Outcome::new(line, &r), None),
                    serde_json,
                    &mut buf,
                );
            }
            sum += black_box(&r).as_ref().map_or(0, |a| a.readings().len());
        }
        sum += black_box(&buf).len();
    }
    println!("{} lines, checksum {sum}", lines.len());
}

/// One pass over the kept results: with serde_json or not, into the buffer.
type Pass<'a> = dyn FnMut(bool, &mut Vec<u8>) + 'a;

/// Times serialising results already computed, with each writer: passes alternate,
/// and the best of 7 of each is kept.
fn time(mode: &str, lines: &[&str], translator: &Translator) {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut best = [Duration::MAX; 2];
    let translated: Vec<_>;
    let parsed: Vec<_>;
    let mut pass: Box<Pass> = if mode == "translate" {
        translated = lines.iter().map(|l| translator.translate(l)).collect();
        Box::new(|sj, buf| {
            for (l, r) in lines.iter().zip(&translated) {
                buf.clear();
                write(&Outcome::new(l, r), sj, buf);
                black_box(&buf);
            }
        })
    } else {
        parsed = lines.iter().map(|l| address::parse(l)).collect();
        Box::new(|sj, buf| {
            for (l, r) in lines.iter().zip(&parsed) {
                buf.clear();
                write(&AsOf::new(address::Outcome::new(l, r), None), sj, buf);
                black_box(&buf);
            }
        })
    };
    for _ in 0..7 {
        for (i, sj) in [false, true].into_iter().enumerate() {
            let start = std::time::Instant::now();
            pass(sj, &mut buf);
            best[i] = best[i].min(start.elapsed());
        }
    }
    let per_line = |d: Duration| d.as_nanos() as f64 / lines.len().max(1) as f64;
    println!(
        "{mode}: {} lines, serialising per line (best of 7): the tool's writer {:.0} ns, serde_json {:.0} ns",
        lines.len(),
        per_line(best[0]),
        per_line(best[1]),
    );
}
