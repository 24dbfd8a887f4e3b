//! Folding, search and address parsing over realistic query lists.
//!
//! `cargo bench --bench search`. Every input list is built deterministically from the
//! tables (every n-th unit, written the ways people write it), and each iteration takes
//! the next input, so the medians are over varied, real work rather than one warm case.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dvhc::search::{Mode, Search};
use dvhc::{address, fold, legacy, Commune};

/// Every `step`-th item of `all`, at most `n`.
fn sample<T>(all: &[T], step: usize, n: usize) -> impl Iterator<Item = &T> {
    all.iter().step_by(step).take(n)
}

/// `s` cut to at most `n` characters.
fn chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A deterministic "random" number from a counter.
fn mix(i: usize) -> usize {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    x as usize
}

/// 30-character names with diacritics: a commune's full name and its district's.
fn names_30() -> Vec<String> {
    sample(legacy::Commune::all(), 97, 100)
        .map(|c| {
            let s = format!(
                "{} {} {}",
                c.full_name(),
                c.district().name(),
                c.province().name()
            );
            chars(&s, 30)
        })
        .collect()
}

/// Names as people type them: official, no diacritics, upper case, with an
/// abbreviated kind word, or bare.
fn exact_queries() -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in sample(legacy::Commune::all(), 53, 200).enumerate() {
        let full = c.full_name().to_string();
        out.push(match i % 5 {
            0 => full,
            1 => fold(&full).into_owned(),
            2 => c.name().to_uppercase(),
            3 => format!("P. {}", c.name()),
            _ => c.name().to_owned(),
        });
    }
    for (i, c) in sample(Commune::all(), 17, 200).enumerate() {
        out.push(match i % 2 {
            0 => c.full_name().to_string(),
            _ => fold(c.name()).into_owned(),
        });
    }
    for p in dvhc::Province::all() {
        out.push(p.name().to_owned());
    }
    out
}

/// Autocomplete prefixes: the first 3 to 10 characters of a name, with or without
/// diacritics.
fn prefixes() -> Vec<String> {
    sample(legacy::Commune::all(), 41, 250)
        .enumerate()
        .map(|(i, c)| {
            let name = if i % 2 == 0 {
                c.name().to_owned()
            } else {
                fold(c.name()).into_owned()
            };
            chars(&name, 3 + mix(i) % 8)
        })
        .collect()
}

/// Names with one typo (a letter deleted, doubled or replaced), no diacritics
/// half of the time.
fn typos() -> Vec<String> {
    sample(legacy::Commune::all(), 43, 240)
        .filter(|c| c.name().chars().filter(|c| c.is_alphabetic()).count() >= 5)
        .enumerate()
        .map(|(i, c)| {
            let name = if i % 2 == 0 {
                c.name().to_owned()
            } else {
                fold(c.name()).into_owned()
            };
            let v: Vec<char> = name.chars().collect();
            let at = 1 + mix(i) % (v.len() - 1);
            let mut w = v.clone();
            match i % 3 {
                0 => {
                    w.remove(at);
                }
                1 => w.insert(at, v[at]),
                _ => w[at] = if v[at] == 'x' { 'y' } else { 'x' },
            }
            w.into_iter().collect()
        })
        .collect()
}

const STREETS: &[&str] = &[
    "12 Lê Lợi",
    "Số 45 Nguyễn Trãi",
    "18/3 Trần Hưng Đạo",
    "Tổ 3, Ấp 2",
    "Thôn Đông",
    "Khu phố 4",
    "27A Hai Bà Trưng",
    "105 đường 30/4",
];

/// Addresses of 50 to 70 characters in the styles people use: full official names,
/// abbreviations, no diacritics, no commas; old and new structures.
fn addresses() -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in sample(legacy::Commune::all(), 29, 600).enumerate() {
        let street = STREETS[mix(i) % STREETS.len()];
        let d = c.district();
        let p = c.province();
        let a = match i % 4 {
            0 => format!(
                "{street}, {}, {}, {}",
                c.full_name(),
                d.full_name(),
                p.name()
            ),
            1 => format!("{street}, {}, {}, {}", c.name(), d.name(), p.full_name()),
            2 => fold(&format!(
                "{street} {} {} {}",
                c.full_name(),
                d.full_name(),
                p.name()
            ))
            .into_owned(),
            _ => {
                let new = c.successors().next().unwrap().0;
                format!(
                    "{street}, {}, {}",
                    new.full_name(),
                    new.province().full_name()
                )
            }
        };
        if (50..=70).contains(&a.chars().count()) {
            out.push(a);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let names = names_30();
    let mut i = 0;
    c.bench_function("fold 30-char name", |b| {
        b.iter(|| {
            i = (i + 1) % names.len();
            black_box(fold(black_box(&names[i])))
        })
    });
    let folded: Vec<String> = names.iter().map(|n| fold(n).into_owned()).collect();
    let mut i = 0;
    c.bench_function("fold 30-char name, already folded", |b| {
        b.iter(|| {
            i = (i + 1) % folded.len();
            black_box(fold(black_box(&folded[i])))
        })
    });

    let exact = exact_queries();
    let s = Search::new();
    let mut i = 0;
    c.bench_function("search exact", |b| {
        b.iter(|| {
            i = (i + 1) % exact.len();
            black_box(s.run(black_box(&exact[i])))
        })
    });

    let pre = prefixes();
    let s = Search::new().mode(Mode::Prefix).limit(10);
    let mut i = 0;
    c.bench_function("search prefix top-10", |b| {
        b.iter(|| {
            i = (i + 1) % pre.len();
            black_box(s.run(black_box(&pre[i])))
        })
    });

    let typo = typos();
    let s = Search::new().mode(Mode::Fuzzy);
    let mut i = 0;
    c.bench_function("search fuzzy", |b| {
        b.iter(|| {
            i = (i + 1) % typo.len();
            black_box(s.run(black_box(&typo[i])))
        })
    });

    let addr = addresses();
    let mut i = 0;
    c.bench_function("parse address", |b| {
        b.iter(|| {
            i = (i + 1) % addr.len();
            black_box(address::parse(black_box(&addr[i])))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
