//! The realistic messy workload (issue #14, performance): real addresses of every
//! province, as found and rewritten the messy ways people write them, for the `messy`
//! criterion group (`benches/translate.rs`), the latency harness and the fifth
//! writing of the peer comparison (`examples/compare_runner.rs`).
//!
//! # What is in it
//! The base addresses are real, not generated from dvhc's names:
//! * every row of `tests/data/messy_real.tsv` (334 addresses copied verbatim from
//!   public lists, every old province), and
//! * every row of `tests/data/translate_cases.tsv` that is an address (not the
//!   `error` and `unsure` rows): addresses of well-known places written by hand.
//!
//! Each base address is in the workload as found, and [`VARIANTS`] more times with
//! rewrites of `rewrite.rs` applied, each independently with the probability in
//! [`rates`], in the order of [`STEPS`]. A rewrite whose tag a messy_real row already
//! carries is not applied to it again, and a variant to which no rewrite applied gets
//! one, drawn with the same weights. Finally the items are shuffled with a fixed seed.
//! Everything is deterministic: the same tables give the same workload. As a file,
//! with each address's origin, rewrites and expected answer:
//! `cargo run --release --example compare_runner -- messy > messy.tsv`.
//!
//! # Where the proportions come from
//! The rate of a rewrite is the share of messy_real.tsv rows that carry the tags it
//! reproduces ([`STEPS`]), counted when the workload is built (so they follow the
//! table): remark 21 %, glued 28 %, dash/slash/semicolon/newline/full-stop separators
//! 22 %, no separator 6 %, no kind word 24 %, no diacritics 15 %, extra words 39 %,
//! typo 6 %, all upper or lower case 10 % (figures of the 334-row table). The table
//! was collected from text that was already Unicode, so it has no invisible
//! characters, look-alikes or legacy encodings; their rates here are assumptions, not
//! measurements: [`ASSUMED`].
//!
//! # Expected answers
//! From the tables, never from dvhc: messy_real's `candidates` (computed from
//! data/mapping.tsv by `check_messy_real.py`) and translate_cases' `codes`. Rows
//! whose expectation is not a complete set of new communes (province-level rows,
//! translate_cases' `contains` rows) have an empty [`Item::expected`] and are not
//! scored.
#![allow(dead_code)]

use std::collections::BTreeMap;

use super::common::Rng;
use super::rewrite::{self, Family};

/// Rewritten copies of each base address, besides the address as found.
pub const VARIANTS: usize = 4;

/// A rewrite the workload applies: a metamorphic family, a typo or a case change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Family(Family),
    Typo,
    Case,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Family(f) => f.name(),
            Step::Typo => "typo",
            Step::Case => "case",
        }
    }

    fn apply(self, input: &str, seed: u64) -> Option<String> {
        match self {
            Step::Family(f) => f.apply(input, seed),
            Step::Typo => rewrite::typo(input, seed),
            Step::Case => rewrite::case(input, seed),
        }
    }
}

/// The rewrites in the order they are applied, with the messy_real.tsv tags each
/// reproduces (an empty list: the rate is in [`ASSUMED`]). Text rewrites come first,
/// character rewrites last, and the legacy encodings at the very end, as a
/// spreadsheet saved in VNI turns whatever text it holds into mojibake.
pub const STEPS: &[(Step, &[&str])] = &[
    (Step::Family(Family::ExtraWords), &["extra_words"]),
    (Step::Family(Family::Remark), &["remark"]),
    (Step::Family(Family::NoKind), &["no_kind"]),
    (Step::Family(Family::Glued), &["glued"]),
    (Step::Typo, &["typo"]),
    (
        Step::Family(Family::Separators),
        &["dash", "slash", "semicolon", "newline", "dot_separator"],
    ),
    (Step::Family(Family::NoSeparators), &["no_separator"]),
    (Step::Family(Family::NoDiacritics), &["no_diacritics"]),
    (Step::Case, &["upper", "lower"]),
    (Step::Family(Family::Lookalike), &[]),
    (Step::Family(Family::Invisible), &[]),
    (Step::Family(Family::Vni), &[]),
    (Step::Family(Family::Tcvn3), &[]),
];

/// Rates of the rewrites messy_real.tsv cannot measure (its sources were Unicode
/// text): a guess of how often text copied from web pages, PDFs and old
/// spreadsheets carries them.
pub const ASSUMED: &[(&str, f64)] = &[
    ("lookalike", 0.01),
    ("invisible", 0.03),
    ("vni", 0.01),
    ("tcvn3", 0.01),
];

/// Exclusive pairs: a variant gets at most one of the two.
const EXCLUSIVE: &[(&str, &str)] = &[
    ("separators", "no_separators"),
    ("vni", "tcvn3"),
    ("no_kind", "glued"),
];

/// One address of the workload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub input: String,
    /// Where the base address comes from: `messy_real.tsv:123`, `translate_cases.tsv:45`.
    pub origin: String,
    /// The rewrites applied, in order (empty: the address as found).
    pub rewrites: Vec<&'static str>,
    /// Every new commune the address may designate, from the table; empty when the
    /// table gives no complete set (not scored).
    pub expected: Vec<String>,
    /// The old unit(s) of the table, space-separated (5 digits: commune, 3: district,
    /// 2: province, `c:NNNNN`: a current commune).
    pub legacy: String,
    /// One old commune split between several new ones.
    pub split: bool,
}

/// A base address: input, origin, expected, legacy, split, messy_real tags.
struct Base {
    input: String,
    origin: String,
    expected: Vec<String>,
    legacy: String,
    split: bool,
    tags: Vec<String>,
}

fn messy_real() -> Vec<Base> {
    let mut out = Vec::new();
    let mut header = true;
    for (i, line) in include_str!("../data/messy_real.tsv").lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if std::mem::take(&mut header) {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let (input, legacy, candidates, mess) = (f[0], f[1], f[2], f[5]);
        let codes: Vec<&str> = candidates
            .split(' ')
            .filter(|c| !c.is_empty() && *c != "|")
            .collect();
        let province_level = codes.iter().any(|c| c.starts_with("p:"));
        let mut expected: Vec<String> = codes
            .iter()
            .map(|c| c.split('/').next().unwrap_or(c).to_owned())
            .collect();
        expected.sort();
        expected.dedup();
        let split = legacy.len() == 5 && codes.len() > 1 && codes.iter().all(|c| c.ends_with("/p"));
        out.push(Base {
            input: input.to_owned(),
            origin: format!("messy_real.tsv:{}", i + 1),
            expected: if province_level { Vec::new() } else { expected },
            legacy: legacy.to_owned(),
            split,
            tags: mess
                .split(':')
                .next()
                .unwrap_or_default()
                .split(',')
                .map(|t| t.trim().to_owned())
                .collect(),
        });
    }
    out
}

fn translate_cases() -> Vec<Base> {
    let mut out: Vec<Base> = Vec::new();
    for (i, line) in include_str!("../data/translate_cases.tsv")
        .lines()
        .enumerate()
    {
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || f.len() < 4 || f[0] == "input" {
            continue;
        }
        let (input, status, legacy, codes) = (f[0], f[1], f[2], f[3]);
        if matches!(status, "error" | "unsure") || out.iter().any(|b| b.input == input) {
            continue;
        }
        let scored = matches!(status, "one" | "split" | "district" | "current" | "homonym")
            && codes.split(' ').all(|c| c.len() == 5);
        out.push(Base {
            input: input.to_owned(),
            origin: format!("translate_cases.tsv:{}", i + 1),
            expected: if scored {
                codes.split(' ').map(str::to_owned).collect()
            } else {
                Vec::new()
            },
            legacy: legacy.to_owned(),
            split: status == "split",
            tags: Vec::new(),
        });
    }
    out
}

/// The rate of each rewrite of [`STEPS`]: the share of messy_real.tsv rows carrying
/// one of its tags, or the [`ASSUMED`] rate.
pub fn rates() -> Vec<(Step, f64)> {
    let rows = messy_real();
    STEPS
        .iter()
        .map(|&(step, tags)| {
            let rate = if tags.is_empty() {
                ASSUMED
                    .iter()
                    .find(|(n, _)| *n == step.name())
                    .map_or(0.0, |(_, r)| *r)
            } else {
                let n = rows
                    .iter()
                    .filter(|r| r.tags.iter().any(|t| tags.contains(&t.as_str())))
                    .count();
                n as f64 / rows.len() as f64
            };
            (step, rate)
        })
        .collect()
}

/// The messy workload: every base address as found and in [`VARIANTS`] rewritten
/// copies, shuffled with a fixed seed.
pub fn messy_workload() -> Vec<Item> {
    let rates = rates();
    let total: f64 = rates.iter().map(|(_, r)| r).sum();
    let mut items = Vec::new();
    let mut bases = messy_real();
    bases.extend(translate_cases());
    for (b, base) in bases.iter().enumerate() {
        let item = |input: String, rewrites: Vec<&'static str>| Item {
            input,
            origin: base.origin.clone(),
            rewrites,
            expected: base.expected.clone(),
            legacy: base.legacy.clone(),
            split: base.split,
        };
        items.push(item(base.input.clone(), Vec::new()));
        for v in 1..=VARIANTS {
            let mut rng = Rng(0x776f_726b_6c6f_6164 ^ ((b as u64) << 8 | v as u64));
            let mut text = base.input.clone();
            let mut applied: Vec<&'static str> = Vec::new();
            for &(step, rate) in &rates {
                if (rng.below(1_000_000) as f64) < rate * 1e6 {
                    try_step(step, base, &mut text, &mut applied, &mut rng);
                }
            }
            // At least one rewrite, drawn with the same weights.
            for _ in 0..8 {
                if !applied.is_empty() {
                    break;
                }
                let mut x = rng.below(1_000_000) as f64 / 1e6 * total;
                let step = rates
                    .iter()
                    .find(|(_, r)| {
                        x -= r;
                        x < 0.0
                    })
                    .map_or(rates[0].0, |(s, _)| *s);
                try_step(step, base, &mut text, &mut applied, &mut rng);
            }
            if !applied.is_empty() {
                items.push(item(text, applied));
            }
        }
    }
    let mut rng = Rng(0x7368_7566_666c_6521);
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
    items
}

/// Applies `step` to `text` unless it does not apply, the base row already carries
/// its tag, or the variant already has it or its exclusive partner.
fn try_step(
    step: Step,
    base: &Base,
    text: &mut String,
    applied: &mut Vec<&'static str>,
    rng: &mut Rng,
) {
    let tags = STEPS
        .iter()
        .find(|(s, _)| *s == step)
        .map_or(&[][..], |(_, t)| *t);
    let excluded = EXCLUSIVE.iter().any(|&(a, b)| {
        (step.name() == a && applied.contains(&b)) || (step.name() == b && applied.contains(&a))
    });
    if excluded
        || applied.contains(&step.name())
        || base.tags.iter().any(|t| tags.contains(&t.as_str()))
    {
        return;
    }
    if let Some(new) = step.apply(text, rng.next()) {
        *text = new;
        applied.push(step.name());
    }
}

/// How many items carry each rewrite (for reports and the proportions test).
pub fn rewrite_counts(items: &[Item]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for it in items {
        for r in &it.rewrites {
            *counts.entry(*r).or_insert(0) += 1;
        }
    }
    counts
}
