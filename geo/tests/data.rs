//! The embedded boundary data: drift, size and shape.
//!
//! `cargo xtask geo` writes `data/boundaries.bin` and, next to the code,
//! `src/generated/meta.rs` with its size and checksum; CI runs
//! `cargo xtask geo --check` to fail when either would change. These tests
//! fail when the two disagree (a hand edit, a partial regeneration) and pin
//! the size, so that growth is a conscious choice.

#[allow(dead_code)]
mod meta {
    include!("../src/generated/meta.rs");
}
use meta::*;

static DATA: &[u8] = include_bytes!("../data/boundaries.bin");

fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn data_matches_the_checksum_the_importer_wrote() {
    assert_eq!(
        DATA.len(),
        DATA_LEN,
        "data/boundaries.bin vs src/generated/meta.rs"
    );
    assert_eq!(
        fnv1a64(DATA),
        DATA_FNV1A64,
        "data/boundaries.bin changed without src/generated/meta.rs: run `cargo xtask geo`"
    );
}

/// Pinned: update this number deliberately when the data changes. The
/// budget is 4 MB (the crate must stay far below crates.io's 10 MB).
#[test]
fn data_size_is_pinned() {
    assert_eq!(DATA.len(), 3_356_377);
    assert!(DATA.len() <= 4_000_000);
    assert_eq!(TOLERANCE_M, dvhc_geo::TOLERANCE_METRES);
    assert_eq!(QUANTUM_MICRODEG, 1);
}

/// The decoded index has the shape the importer wrote and covers every
/// current commune.
#[test]
fn decoded_shape() {
    let s = dvhc_geo::index_stats();
    eprintln!("{s:#?}");
    assert_eq!(s.communes, dvhc::Commune::all().len());
    assert_eq!(s.communes, 3_321);
    assert_eq!(s.polygons, 5_393);
    assert_eq!(s.rings, 5_400);
    assert_eq!(s.arcs, 13_715);
    assert_eq!(s.vertices, VERTICES);
    assert_eq!(s.data_bytes, DATA_LEN);
    assert!(s.mixed_cells < s.cells);
    assert!(s.max_segments_per_cell < 1_000);
    // memory of the index, stated in the README: about 8.9 MB
    assert!(s.heap_bytes < 12 << 20, "{} bytes", s.heap_bytes);
}

/// The stated accuracy: at least 99.9 % of random land points agree with
/// the full-resolution polygons.
#[test]
fn stated_accuracy() {
    assert_eq!(LAND_POINTS, 20_000);
    const { assert!(LAND_AGREE * 1000 >= LAND_POINTS * 999) };
    let report = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/ACCURACY.md"))
        .expect("data/ACCURACY.md");
    assert!(
        report.contains(&format!("| {LAND_POINTS} | {LAND_AGREE} (")),
        "ACCURACY.md is stale"
    );
}
