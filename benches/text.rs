//! What `dvhc::text` costs per call on clean addresses (the address parser will run
//! `clean` on every input), and on mojibake.
//!
//! `cargo bench --bench text`. The inputs are the lines of
//! `examples/data/old_addresses.txt` and the inputs of `tests/data/translate_cases.tsv`;
//! each iteration takes the next line.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dvhc::text::{clean, mojibake, normalize, repair, LegacyEncoding};

/// The clean addresses: every non-comment line of both files.
fn addresses() -> Vec<String> {
    let old = include_str!("../examples/data/old_addresses.txt");
    let cases = include_str!("../tests/data/translate_cases.tsv");
    old.lines()
        .chain(cases.lines().filter_map(|l| l.split('\t').next()))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn bench(c: &mut Criterion) {
    let clean_inputs = addresses();
    let garbled: Vec<String> = clean_inputs
        .iter()
        .filter_map(|s| mojibake(s, LegacyEncoding::Vni).ok())
        .collect();
    let mut g = c.benchmark_group("text");
    for (name, inputs) in [("clean input", &clean_inputs), ("VNI mojibake", &garbled)] {
        let mut i = 0;
        g.bench_function(format!("normalize, {name}"), |b| {
            b.iter(|| {
                i = (i + 1) % inputs.len();
                black_box(normalize(black_box(&inputs[i])));
            })
        });
        let mut i = 0;
        g.bench_function(format!("repair, {name}"), |b| {
            b.iter(|| {
                i = (i + 1) % inputs.len();
                black_box(repair(black_box(&inputs[i])));
            })
        });
        let mut i = 0;
        g.bench_function(format!("clean, {name}"), |b| {
            b.iter(|| {
                i = (i + 1) % inputs.len();
                black_box(clean(black_box(&inputs[i])));
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
