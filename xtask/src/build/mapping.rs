//! Old → new mapping from the NSO conversion table (after errata).

use crate::build::current::Current;
use crate::build::legacy::Legacy;
use crate::checks::conversion::is_partial_note;
use crate::sources::conversion::ConvRow;
use crate::table::expect_eq;
use crate::text::split_paren_code;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    Whole,
    Partial,
}

impl Share {
    pub fn id(self) -> &'static str {
        match self {
            Share::Whole => "whole",
            Share::Partial => "partial",
        }
    }
}

pub struct Mapping {
    /// (legacy commune, commune) → share
    pub pairs: BTreeMap<(String, String), Share>,
    /// (legacy district, commune) for the communeless island districts
    pub districts: Vec<(String, String)>,
    /// notes of every pair, in file order
    pub notes: BTreeMap<(String, String), Vec<String>>,
}

impl Mapping {
    pub fn targets(&self) -> BTreeMap<&str, BTreeSet<&str>> {
        let mut m: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (o, n) in self.pairs.keys() {
            m.entry(o).or_default().insert(n);
        }
        m
    }
}

/// Rows without an old commune code: island districts (mapped) and the
/// Kim Sơn coastal alluvial area (not a unit; reported, not mapped).
fn district_rows(rows: &[&ConvRow], legacy: &Legacy) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for r in rows {
        if r.old_name.is_empty() && r.note.starts_with("Sắp xếp toàn bộ huyện") {
            let (_, d) = split_paren_code(&r.old_district)
                .with_context(|| format!("record {}: no district code", r.record))?;
            if !legacy.districts.contains_key(&d) {
                bail!("record {}: unknown district {d}", r.record);
            }
            out.push((d, r.new_code.clone()));
        } else {
            skipped.push(r);
        }
    }
    match skipped.as_slice() {
        [r] if r.new_code == "14698" && r.old_name.contains("bãi bồi") => println!(
            "    not mapped (not a unit): record {}: {:?} → {} {}",
            r.record, r.old_name, r.new_code, r.new_name
        ),
        _ => bail!("unexpected rows without an old code: {skipped:?}"),
    }
    out.sort();
    Ok(out)
}

pub fn build(rows: &[ConvRow], cur: &Current, legacy: &Legacy) -> Result<Mapping> {
    let mut notes: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut without = Vec::new();
    for r in rows {
        if !cur.communes.contains_key(&r.new_code) {
            bail!(
                "conversion record {}: unknown new code {}",
                r.record,
                r.new_code
            );
        }
        if r.old_code.is_empty() {
            without.push(r);
            continue;
        }
        if !legacy.communes.contains_key(&r.old_code) {
            bail!(
                "conversion record {}: unknown old code {}",
                r.record,
                r.old_code
            );
        }
        notes
            .entry((r.old_code.clone(), r.new_code.clone()))
            .or_default()
            .push(r.note.clone());
    }
    let districts = district_rows(&without, legacy)?;
    let mut n_targets: BTreeMap<&str, usize> = BTreeMap::new();
    for (o, _) in notes.keys() {
        *n_targets.entry(o).or_default() += 1;
    }
    let pairs = notes
        .keys()
        .map(|(o, n)| {
            let share = if n_targets.get(o.as_str()).copied().unwrap_or(0) > 1 {
                Share::Partial
            } else {
                Share::Whole
            };
            ((o.clone(), n.clone()), share)
        })
        .collect();
    Ok(Mapping {
        pairs,
        districts,
        notes,
    })
}

/// Coverage, split count and the note-based flag (PROVENANCE §2.2, §4).
pub fn check(m: &Mapping, cur: &Current, legacy: &Legacy) -> Result<()> {
    let targets = m.targets();
    let split = targets.values().filter(|t| t.len() > 1).count();
    let mut news: BTreeSet<&str> = m.pairs.keys().map(|(_, n)| n.as_str()).collect();
    let via_pairs = news.len();
    news.extend(m.districts.iter().map(|(_, n)| n.as_str()));
    println!(
        "  mapping: {} pairs, {} legacy communes ({} split), {} current communes via pairs + {} via island districts = {}",
        m.pairs.len(),
        targets.len(),
        split,
        via_pairs,
        m.districts.len(),
        news.len()
    );
    expect_eq("mapping pairs", m.pairs.len(), 10565)?;
    expect_eq(
        "legacy communes covered",
        targets.len(),
        legacy.communes.len(),
    )?;
    expect_eq("current communes covered", news.len(), cur.communes.len())?;
    expect_eq("split legacy communes", split, 440)?;
    let want: Vec<(String, String)> = crate::expected::ISLAND_DISTRICTS
        .iter()
        .map(|(d, c)| (d.to_string(), c.to_string()))
        .collect();
    expect_eq("island district mapping", m.districts.clone(), want)?;

    let mut disagree = Vec::new();
    for (pair, share) in &m.pairs {
        let flags: BTreeSet<bool> = m
            .notes
            .get(pair)
            .into_iter()
            .flatten()
            .map(|n| is_partial_note(n))
            .collect();
        if flags.len() != 1 {
            bail!("pair {pair:?} has mixed notes");
        }
        if flags.contains(&true) != (*share == Share::Partial) {
            disagree.push((pair.clone(), m.notes.get(pair).cloned().unwrap_or_default()));
        }
    }
    let want = vec![(
        ("18796".to_string(), "18823".to_string()),
        vec!["Nhập toàn bộ diện tích".to_string()],
    )];
    expect_eq(
        "pairs where the note-based flag differs from the target count",
        disagree,
        want,
    )?;
    println!("    share (partial iff >1 target) = note-based flag for all pairs but Kỳ Lợi 18796 → 18823 (\"Nhập toàn bộ diện tích\")");
    Ok(())
}
