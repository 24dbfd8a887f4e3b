//! Address translation: one address at a time by kind of input, the messy workload of
//! real addresses (`tests/it/workload.rs`), reverse lookup, and a batch on all cores
//! against a single-thread loop.
//!
//! `cargo bench --bench translate -- --warm-up-time 1 --measurement-time 3`
//!
//! Inputs are generated from the tables with a fixed seed (a small xorshift, no extra
//! dependencies), so every run measures the same addresses: each iteration translates
//! the next address of a list of a few thousand. The batch size is 100,000 addresses,
//! or `DVHC_BENCH_BATCH`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dvhc::legacy;
use dvhc::translate::{reverse_address, Translator};
use dvhc::Commune;

#[path = "../tests/it/common.rs"]
mod common;
#[path = "../tests/it/rewrite.rs"]
mod rewrite;
#[path = "../tests/it/workload.rs"]
mod workload;
use common::{strip, Rng, STREETS};

fn abbreviate(prefix: &str) -> &'static str {
    match prefix {
        "Phường" => "P.",
        "Xã" => "X.",
        "Thị trấn" => "TT.",
        "Quận" => "Q.",
        "Huyện" => "H.",
        "Thị xã" => "TX.",
        "Thành phố" => "TP.",
        _ => "",
    }
}

fn with_street(street: &str, units: String) -> String {
    if street.is_empty() {
        units
    } else {
        format!("{street}, {units}")
    }
}

fn official(c: &legacy::Commune) -> String {
    format!(
        "{}, {}, {}",
        c.full_name(),
        c.district().full_name(),
        c.province().full_name()
    )
}

fn abbreviated(c: &legacy::Commune) -> String {
    let (d, p) = (c.district(), c.province());
    let part = |prefix: &str, name: &str| match abbreviate(prefix) {
        "" => name.to_owned(),
        a => format!("{a} {name}"),
    };
    format!(
        "{}, {}, {}",
        part(c.full_name().prefix(), c.name()),
        part(d.full_name().prefix(), d.name()),
        part(p.full_name().prefix(), p.name())
    )
}

/// One typing error in the commune name: a letter dropped, doubled or swapped with the
/// next, away from the first letter.
fn typo(rng: &mut Rng, c: &legacy::Commune) -> Option<String> {
    let name: Vec<char> = c.name().chars().collect();
    let letters: Vec<usize> = (1..name.len().saturating_sub(1))
        .filter(|&i| name[i].is_alphabetic() && name[i + 1].is_alphabetic())
        .collect();
    if name.len() < 6 || letters.is_empty() {
        return None;
    }
    let i = rng.pick(&letters);
    let mut t = name.clone();
    match rng.below(3) {
        0 => {
            t.remove(i);
        }
        1 => t.insert(i, name[i]),
        _ => t.swap(i, i + 1),
    }
    let t: String = t.into_iter().collect();
    Some(format!(
        "{} {t}, {}, {}",
        c.full_name().prefix(),
        c.district().full_name(),
        c.province().full_name()
    ))
}

struct Inputs {
    unique: Vec<String>,
    split: Vec<String>,
    abbreviated: Vec<String>,
    no_diacritics: Vec<String>,
    typo: Vec<String>,
    district: Vec<String>,
    current: Vec<String>,
    /// What a typical day's input looks like: mostly unique communes written every
    /// way, some split, some with typos, some already new.
    mixed: Vec<String>,
}

const PER_KIND: usize = 2_000;

fn inputs() -> Inputs {
    let mut rng = Rng(0x5eed_d0c5_2025_0701);
    let all = legacy::Commune::all();
    let whole: Vec<&legacy::Commune> = all.iter().filter(|c| !c.is_split()).collect();
    let split: Vec<&legacy::Commune> = all.iter().filter(|c| c.is_split()).collect();
    let mut generate = |f: &mut dyn FnMut(&mut Rng) -> Option<String>| {
        let mut v = Vec::with_capacity(PER_KIND);
        while v.len() < PER_KIND {
            if let Some(s) = f(&mut rng) {
                v.push(s);
            }
        }
        v
    };
    let unique = generate(&mut |r| Some(with_street(r.pick(STREETS), official(r.pick(&whole)))));
    let split_v = generate(&mut |r| Some(with_street(r.pick(STREETS), official(r.pick(&split)))));
    let abbreviated_v =
        generate(&mut |r| Some(with_street(r.pick(STREETS), abbreviated(r.pick(&whole)))));
    let no_diacritics = generate(&mut |r| {
        let s = with_street(r.pick(STREETS), official(r.pick(&whole)));
        Some(if r.below(2) == 0 {
            strip(&s)
        } else {
            strip(&s).to_lowercase()
        })
    });
    let typo_v = generate(&mut |r| {
        let c = r.pick(&whole);
        typo(r, c)
    });
    let district = generate(&mut |r| {
        let d = &legacy::District::all()[r.below(legacy::District::all().len())];
        Some(format!("{}, {}", d.full_name(), d.province().full_name()))
    });
    let current = generate(&mut |r| {
        let c = &Commune::all()[r.below(Commune::all().len())];
        Some(with_street(
            r.pick(STREETS),
            format!("{}, {}", c.full_name(), c.province().full_name()),
        ))
    });
    let mut mixed = Vec::with_capacity(PER_KIND);
    for i in 0..PER_KIND {
        let list = match i % 10 {
            0..=2 => &unique,
            3..=4 => &abbreviated_v,
            5..=6 => &no_diacritics,
            7 => &split_v,
            8 => &typo_v,
            _ => &current,
        };
        mixed.push(list[i].clone());
    }
    Inputs {
        unique,
        split: split_v,
        abbreviated: abbreviated_v,
        no_diacritics,
        typo: typo_v,
        district,
        current,
        mixed,
    }
}

fn single(c: &mut Criterion) {
    let inputs = inputs();
    let translator = Translator::new();
    let mut group = c.benchmark_group("translate");
    for (name, list) in [
        ("mixed", &inputs.mixed),
        ("unique", &inputs.unique),
        ("split", &inputs.split),
        ("abbreviated", &inputs.abbreviated),
        ("no_diacritics", &inputs.no_diacritics),
        ("typo", &inputs.typo),
        ("district", &inputs.district),
        ("current", &inputs.current),
    ] {
        let ok = list
            .iter()
            .filter(|a| translator.translate(a).is_ok())
            .count();
        eprintln!("translate/{name}: {ok} of {} inputs translate", list.len());
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % list.len();
                black_box(translator.translate(black_box(&list[i])).ok())
            })
        });
    }
    let mut i = 0;
    let points: Vec<(f64, f64)> = inputs
        .split
        .iter()
        .enumerate()
        .map(|(k, _)| (10.0 + (k % 13) as f64, 105.0 + (k % 7) as f64 * 0.3))
        .collect();
    group.bench_function("split_at_point", |b| {
        b.iter(|| {
            i = (i + 1) % inputs.split.len();
            let (lat, lon) = points[i];
            black_box(
                translator
                    .translate_at(black_box(&inputs.split[i]), lat, lon)
                    .ok(),
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("reverse");
    let mut i = 0;
    group.bench_function("reverse_address", |b| {
        b.iter(|| {
            i = (i + 1) % inputs.current.len();
            black_box(reverse_address(black_box(&inputs.current[i])).ok())
        })
    });
    let communes = Commune::all();
    let mut i = 0;
    group.bench_function("predecessors", |b| {
        b.iter(|| {
            i = (i + 1) % communes.len();
            black_box(communes[i].predecessors().count())
        })
    });
    group.finish();
}

/// The messy workload: real addresses of every province as found and rewritten the
/// messy ways of issue #14 (see `tests/it/workload.rs`), one address per iteration.
/// Criterion reports means and medians of batches; per-address percentiles (p99, max)
/// come from `cargo run --release --example compare_runner -- latency`.
fn messy(c: &mut Criterion) {
    let items = workload::messy_workload();
    let translator = Translator::new();
    let all: Vec<&str> = items.iter().map(|it| it.input.as_str()).collect();
    let as_found: Vec<&str> = items
        .iter()
        .filter(|it| it.rewrites.is_empty())
        .map(|it| it.input.as_str())
        .collect();
    let rewritten: Vec<&str> = items
        .iter()
        .filter(|it| !it.rewrites.is_empty())
        .map(|it| it.input.as_str())
        .collect();
    let mut group = c.benchmark_group("messy");
    for (name, list) in [
        ("workload", &all),
        ("as_found", &as_found),
        ("rewritten", &rewritten),
    ] {
        let ok = list
            .iter()
            .filter(|a| translator.translate(a).is_ok())
            .count();
        eprintln!("messy/{name}: {ok} of {} inputs translate", list.len());
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % list.len();
                black_box(translator.translate(black_box(list[i])).ok())
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let n: usize = std::env::var("DVHC_BENCH_BATCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let inputs = inputs();
    let addresses: Vec<&str> = (0..n)
        .map(|i| inputs.mixed[i % inputs.mixed.len()].as_str())
        .collect();
    let translator = Translator::new();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(100));
    group.bench_with_input(
        BenchmarkId::new("single_thread_loop", n),
        &addresses,
        |b, a| {
            b.iter(|| {
                let out: Vec<_> = a.iter().map(|s| translator.translate(s)).collect();
                black_box(out.len())
            })
        },
    );
    group.bench_with_input(
        BenchmarkId::new("translate_batch", n),
        &addresses,
        |b, a| b.iter(|| black_box(translator.translate_batch(a).len())),
    );
    group.finish();
}

criterion_group!(benches, single, messy, batch);
criterion_main!(benches);
