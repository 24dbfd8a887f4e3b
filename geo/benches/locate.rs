//! `cargo bench -p dvhc-geo --bench locate`: point lookups and index build.
//!
//! Inputs: the 20,000 seeded random land points of `data/land_points.tsv`
//! in file order (each query a different place, so the caches are cold, as
//! for a pipeline over scattered addresses), one point over and over (hot
//! caches), points uniform over the whole data bounding box (mostly sea: the
//! cheap case), and points just off the coast for `nearest`; then the cost
//! of the lazy start-up (decode + index build).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

fn land_points() -> Vec<(f64, f64)> {
    include_str!("../data/land_points.tsv")
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split('\t');
            let lat = f.next().unwrap().parse().unwrap();
            let lon = f.next().unwrap().parse().unwrap();
            (lat, lon)
        })
        .collect()
}

/// Deterministic points uniform in 7–24°N, 102–118°E.
fn box_points(n: usize) -> Vec<(f64, f64)> {
    let mut s = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| (7.0 + 17.0 * next(), 102.0 + 16.0 * next()))
        .collect()
}

fn benches(c: &mut Criterion) {
    dvhc_geo::preload();
    let land = land_points();
    let sea = box_points(20_000);

    let mut i = 0;
    c.bench_function("locate/land", |b| {
        b.iter(|| {
            i = (i + 1) % land.len();
            let (lat, lon) = land[i];
            black_box(dvhc_geo::locate(black_box(lat), black_box(lon)))
        })
    });
    c.bench_function("locate/one point (cache-hot)", |b| {
        b.iter(|| {
            black_box(dvhc_geo::locate(
                black_box(21.037446),
                black_box(105.829422),
            ))
        })
    });
    let mut i = 0;
    c.bench_function("locate/bbox", |b| {
        b.iter(|| {
            i = (i + 1) % sea.len();
            let (lat, lon) = sea[i];
            black_box(dvhc_geo::locate(black_box(lat), black_box(lon)))
        })
    });
    let mut i = 0;
    c.bench_function("locate_all/land", |b| {
        b.iter(|| {
            i = (i + 1) % land.len();
            let (lat, lon) = land[i];
            black_box(dvhc_geo::locate_all(black_box(lat), black_box(lon)).map(|h| h.count()))
        })
    });
    // points offshore, within 5 km of the coast
    let coast: Vec<(f64, f64)> = sea
        .iter()
        .copied()
        .filter(|&(lat, lon)| {
            dvhc_geo::locate(lat, lon).unwrap().is_none()
                && dvhc_geo::nearest(lat, lon, 5.0).unwrap().is_some()
        })
        .take(500)
        .collect();
    let mut i = 0;
    c.bench_function("nearest/offshore 5 km", |b| {
        b.iter(|| {
            i = (i + 1) % coast.len();
            let (lat, lon) = coast[i];
            black_box(dvhc_geo::nearest(black_box(lat), black_box(lon), 5.0))
        })
    });
    let mut g = c.benchmark_group("index");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("decode + build", |b| {
        b.iter(|| black_box(dvhc_geo::__private::build_index()))
    });
    g.finish();
}

criterion_group!(locate, benches);
criterion_main!(locate);
