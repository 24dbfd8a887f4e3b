//! What serialising a result costs over computing it: translates (or parses) every
//! line of a file, and with `--json` also writes each result as a JSON line into a
//! reused buffer, as `dvhc translate`/`parse` do. Run both under callgrind and divide
//! the difference in instructions by the number of lines:
//!
//! ```sh
//! python3 cli/bench/gen_addresses.py 200000 0 /tmp/200k.csv
//! python3 -c 'import csv,sys;[print(r["address"]) for r in csv.DictReader(sys.stdin)]' </tmp/200k.csv >/tmp/200k.txt
//! cargo build --profile profiling --features serde --example json_cost
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.plain target/profiling/examples/json_cost translate /tmp/200k.txt
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.json  target/profiling/examples/json_cost translate /tmp/200k.txt --json
//! ```
//!
//! It prints the number of lines and a checksum of the output, so that neither run
//! can be optimised away. `--time` instead translates every line once, then times
//! serialising the kept results (best of 7 passes) and prints the cost per line.

use std::hint::black_box;

use dvhc::translate::{Outcome, Translator};
use dvhc::{address, AsOf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [mode, path, ..] => (mode.as_str(), path.as_str()),
        _ => {
            eprintln!("usage: json_cost translate|parse FILE [--json]");
            std::process::exit(2);
        }
    };
    let json = args.iter().any(|a| a == "--json");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let translator = Translator::new();
    if args.iter().any(|a| a == "--time") {
        time(mode, &text, &translator);
        return;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let (mut lines, mut sum) = (0usize, 0usize);
    for line in text.lines() {
        lines += 1;
        buf.clear();
        match mode {
            "translate" => {
                let r = translator.translate(line);
                if json {
                    let _ = serde_json::to_writer(&mut buf, &Outcome::new(line, &r));
                    buf.push(b'\n');
                }
                sum += black_box(&r).as_ref().map_or(0, |t| t.candidates().len());
            }
            "parse" => {
                let r = address::parse(line);
                if json {
                    let o = AsOf::new(address::Outcome::new(line, &r), None);
                    let _ = serde_json::to_writer(&mut buf, &o);
                    buf.push(b'\n');
                }
                sum += black_box(&r).as_ref().map_or(0, |a| a.readings().len());
            }
            _ => {
                eprintln!("unknown mode {mode:?}");
                std::process::exit(2);
            }
        }
        sum += black_box(&buf).len();
    }
    println!("{lines} lines, checksum {sum}");
}

/// Times serialising results already computed: the best of 7 passes over all lines.
fn time(mode: &str, text: &str, translator: &Translator) {
    let lines: Vec<&str> = text.lines().collect();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut best = |f: &mut dyn FnMut(&mut Vec<u8>)| {
        (0..7)
            .map(|_| {
                let start = std::time::Instant::now();
                f(&mut buf);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let elapsed = match mode {
        "translate" => {
            let results: Vec<_> = lines.iter().map(|l| translator.translate(l)).collect();
            best(&mut |buf: &mut Vec<u8>| {
                for (l, r) in lines.iter().zip(&results) {
                    buf.clear();
                    let _ = serde_json::to_writer(&mut *buf, &Outcome::new(l, r));
                    black_box(&buf);
                }
            })
        }
        _ => {
            let results: Vec<_> = lines.iter().map(|l| address::parse(l)).collect();
            best(&mut |buf: &mut Vec<u8>| {
                for (l, r) in lines.iter().zip(&results) {
                    buf.clear();
                    let o = AsOf::new(address::Outcome::new(l, r), None);
                    let _ = serde_json::to_writer(&mut *buf, &o);
                    black_box(&buf);
                }
            })
        }
    };
    let per_line = elapsed.as_nanos() as f64 / lines.len().max(1) as f64;
    println!(
        "{mode}: {} lines, serialising {per_line:.0} ns per line (best of 7)",
        lines.len()
    );
}
