//! Lookup by code, navigation and old→new primitives.
//!
//! `cargo bench --bench lookup`. Inputs are every code of the tables in a fixed order,
//! so each iteration does real, varied work.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dvhc::{legacy, Commune, CommuneCode, Province};

fn lookups(c: &mut Criterion) {
    let communes: Vec<CommuneCode> = Commune::all().iter().map(Commune::code).collect();
    let legacy_communes: Vec<legacy::CommuneCode> = legacy::Commune::all()
        .iter()
        .map(legacy::Commune::code)
        .collect();
    let provinces: Vec<_> = Province::all().iter().map(Province::code).collect();

    let mut i = 0;
    c.bench_function("Commune::get", |b| {
        b.iter(|| {
            i = (i + 1) % communes.len();
            black_box(Commune::get(black_box(communes[i])))
        })
    });
    let mut i = 0;
    c.bench_function("legacy::Commune::get", |b| {
        b.iter(|| {
            i = (i + 1) % legacy_communes.len();
            black_box(legacy::Commune::get(black_box(legacy_communes[i])))
        })
    });
    let mut i = 0;
    c.bench_function("Province::get", |b| {
        b.iter(|| {
            i = (i + 1) % provinces.len();
            black_box(Province::get(black_box(provinces[i])))
        })
    });
    c.bench_function("parse CommuneCode", |b| {
        b.iter(|| black_box(black_box("26740").parse::<CommuneCode>()))
    });
    let hcm = Province::get("79".parse().unwrap()).unwrap();
    c.bench_function("iterate 168 communes of a province", |b| {
        b.iter(|| {
            black_box(hcm)
                .communes()
                .map(|c| c.code().get())
                .sum::<u32>()
        })
    });
    let mut i = 0;
    c.bench_function("legacy successors", |b| {
        b.iter(|| {
            i = (i + 1) % legacy_communes.len();
            let old = legacy::Commune::get(legacy_communes[i]).unwrap();
            black_box(old.successors().count())
        })
    });
}

criterion_group!(benches, lookups);
criterion_main!(benches);
