//! The messy workload (`workload.rs`) is what its documentation says: real addresses
//! of every old province with the table's expectations, deterministic, with the
//! rewrites in the proportions measured on messy_real.tsv. (A module of its own:
//! `workload.rs` is also compiled into the benches and examples.)

use std::collections::BTreeSet;

use dvhc::{legacy, Commune};

use crate::workload::{messy_workload, rates, rewrite_counts};

/// The old province of a table's legacy code (none for a current `c:` code).
fn legacy_province(code: &str) -> Option<u32> {
    match code.len() {
        5 => legacy::Commune::get(code.parse().ok()?).map(|c| c.province().code().get()),
        3 => legacy::District::get(code.parse().ok()?).map(|d| d.province().code().get()),
        2 => legacy::Province::get(code.parse().ok()?).map(|p| p.code().get()),
        _ => None,
    }
}

#[test]
fn workload_covers_every_province_with_real_expectations() {
    let items = messy_workload();
    assert!(items.len() >= 3_000, "{} items", items.len());
    let provinces: BTreeSet<u32> = items
        .iter()
        .flat_map(|it| it.legacy.split(' ').filter_map(legacy_province))
        .collect();
    assert_eq!(provinces.len(), 63, "old provinces covered");
    // Every expected code is a current commune; most items are scored.
    for it in &items {
        for c in &it.expected {
            assert!(
                c.parse().ok().and_then(Commune::get).is_some(),
                "{}: {c}",
                it.origin
            );
        }
    }
    let scored = items.iter().filter(|it| !it.expected.is_empty()).count();
    assert!(
        scored * 10 >= items.len() * 9,
        "{scored} of {}",
        items.len()
    );
    assert!(items.iter().any(|it| it.split));
    // Deterministic.
    assert_eq!(items, messy_workload());
}

/// Each rewrite appears in about the proportion of [`rates`] (the rewritten
/// copies only; messy_real rows already carrying a tag are not rewritten again,
/// and a copy to which nothing applied gets one rewrite, so the realised share is
/// a little off the rate), and the rates are the measured tag frequencies.
#[test]
fn rewrites_appear_in_the_measured_proportions() {
    let rates = rates();
    let rate = |name: &str| rates.iter().find(|(s, _)| s.name() == name).unwrap().1;
    // The 334-row table's figures, as documented at the top of this file.
    for (name, want) in [
        ("remark", 0.21),
        ("glued", 0.28),
        ("separators", 0.22),
        ("no_separators", 0.06),
        ("no_kind", 0.24),
        ("no_diacritics", 0.15),
        ("extra_words", 0.39),
        ("typo", 0.06),
        ("case", 0.10),
    ] {
        assert!((rate(name) - want).abs() < 0.01, "{name}: {}", rate(name));
    }
    let items = messy_workload();
    let copies = items.iter().filter(|it| !it.rewrites.is_empty()).count();
    let counts = rewrite_counts(&items);
    eprintln!("rewritten copies: {copies}; per rewrite: {counts:?}");
    for (step, r) in &rates {
        let share = counts.get(step.name()).copied().unwrap_or(0) as f64 / copies as f64;
        assert!(
            share > r * 0.4 && share < r * 2.0 + 0.02,
            "{}: share {share:.3}, rate {r:.3}",
            step.name()
        );
    }
}
