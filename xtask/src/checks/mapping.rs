//! Cross-checks of the mapping (PROVENANCE §4, §5, §6).

use crate::build::current::Current;
use crate::build::legacy::Legacy;
use crate::build::mapping::{Mapping, Share};
use crate::checks::compare::{compare, UnitView, Units};
use crate::checks::conversion::is_partial_note;
use crate::errata::Errata;
use crate::expected::{ISLAND_DISTRICTS, PROVINCES_2025};
use crate::model::CommuneKind;
use crate::model::Kind as _;
use crate::sources::dvhcvn::{apply_errata, Merges};
use crate::sources::vau::LegacyLink;
use crate::table::expect_eq;
use crate::text::split_prefix;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

/// legacy province → new province, derived from the pairs.
pub fn province_mapping(
    m: &Mapping,
    cur: &Current,
    legacy: &Legacy,
) -> Result<BTreeMap<String, String>> {
    let mut sets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (o, n) in m.pairs.keys() {
        let op = &legacy.communes.get(o).context("legacy code")?.province;
        let np = &cur.communes.get(n).context("current code")?.province;
        sets.entry(op.clone()).or_default().insert(np.clone());
    }
    for (d, n) in &m.districts {
        let op = &legacy.districts.get(d).context("legacy district")?.province;
        let np = &cur.communes.get(n).context("current code")?.province;
        sets.entry(op.clone()).or_default().insert(np.clone());
    }
    let mut out = BTreeMap::new();
    for (op, nps) in sets {
        if nps.len() != 1 {
            bail!("legacy province {op} maps to several new provinces {nps:?}");
        }
        out.insert(op, nps.into_iter().next().unwrap_or_default());
    }
    expect_eq("legacy provinces mapped", out.len(), legacy.provinces.len())?;
    let mut by_new: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (o, n) in &out {
        by_new.entry(n).or_default().push(o);
    }
    for (new, olds, _, _) in PROVINCES_2025 {
        expect_eq(
            &format!("§6 old provinces of {new}"),
            by_new.get(new).cloned().unwrap_or_default(),
            olds.to_vec(),
        )?;
    }
    println!("  old→new province: every legacy province maps to exactly one new province; §6 table agrees 34/34");
    Ok(out)
}

/// §5 spot checks on the mapping.
pub fn spot_checks(m: &Mapping, cur: &Current, legacy: &Legacy) -> Result<()> {
    let targets = m.targets();
    let t = |o: &str| targets.get(o).cloned().unwrap_or_default();
    let share = |o: &str, n: &str| m.pairs.get(&(o.to_string(), n.to_string())).copied();
    expect_eq(
        "Bến Nghé 26740 targets",
        t("26740"),
        BTreeSet::from(["26740"]),
    )?;
    expect_eq(
        "Bến Nghé 26740 share",
        share("26740", "26740"),
        Some(Share::Whole),
    )?;
    let tan_dinh = cur
        .communes
        .values()
        .find(|c| c.province == "79" && c.name == "Tân Định")
        .context("no Tân Định in 79")?;
    expect_eq(
        "Đa Kao 26737 targets",
        t("26737"),
        BTreeSet::from(["26740", tan_dinh.code.as_str()]),
    )?;
    expect_eq(
        "Đa Kao 26737 → 26740 share",
        share("26737", "26740"),
        Some(Share::Partial),
    )?;
    let bac_lieu: BTreeSet<&str> = m
        .pairs
        .keys()
        .filter(|(o, _)| legacy.communes.get(o).is_some_and(|c| c.province == "95"))
        .map(|(_, n)| n.as_str())
        .collect();
    expect_eq("new units fed by old Bạc Liêu (95)", bac_lieu.len(), 25)?;
    println!(
        "  spot checks: Bến Nghé 26740 → 26740 whole; Đa Kao 26737 → 26740 + {} (Tân Định) partial; old Bạc Liêu feeds 25 units",
        tan_dinh.code
    );
    Ok(())
}

fn pair_set(m: &Mapping) -> BTreeSet<(&str, &str)> {
    m.pairs
        .keys()
        .map(|(o, n)| (o.as_str(), n.as_str()))
        .collect()
}

fn merge_views(merges: &Merges) -> Units {
    merges
        .communes
        .iter()
        .map(|c| {
            let kind = split_prefix(&c.name, &CommuneKind::prefixes())
                .map(|(k, _)| k.id().to_string())
                .unwrap_or_default();
            (
                c.code.clone(),
                UnitView {
                    full_name: c.name.clone(),
                    kind,
                    parent: c.parent.clone(),
                },
            )
        })
        .collect()
}

/// dvhcvn/20250701 merges.json (PROVENANCE §2.4, §3, §4).
pub fn check_merges(
    cur: &Current,
    m: &Mapping,
    provinces: &BTreeMap<String, String>,
    merges: &mut Merges,
    legacy: &Legacy,
    errata: &Errata,
) -> Result<()> {
    let links: usize = merges.communes.iter().map(|c| c.links.len()).sum();
    let full = merges
        .communes
        .iter()
        .flat_map(|c| &c.links)
        .filter(|l| l.1 == "full")
        .count();
    println!(
        "  dvhcvn/20250701 merges.json: {} provinces, {} communes, {links} links ({full} full, {} partial)",
        merges.provinces.len(),
        merges.communes.len(),
        links - full
    );
    expect_eq(
        "merges.json counts",
        (merges.provinces.len(), merges.communes.len(), links, full),
        (34, 3321, 10604, 9592),
    )?;
    let raw = compare(&cur.commune_views(), &merge_views(merges));
    println!(
        "    new-list names (1027/CTK-CSCL transcription), raw: {}",
        raw.summary()
    );
    raw.expect("merges.json names raw", [3320, 3302, 11, 7, 0])?;
    apply_errata(merges, errata)?;
    let fixed = compare(&cur.commune_views(), &merge_views(merges));
    println!("    after errata: {}", fixed.summary());
    fixed.expect("merges.json names fixed", [3321, 3303, 11, 7, 0])?;
    let mut theirs: BTreeMap<(&str, &str), bool> = BTreeMap::new();
    let mut their_targets: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in &merges.communes {
        for (old, kind) in &c.links {
            theirs.insert((old, &c.code), kind == "partial");
            their_targets.entry(old).or_default().insert(&c.code);
        }
    }
    let ours = pair_set(m);
    let common: Vec<(&str, &str)> = ours
        .iter()
        .filter(|p| theirs.contains_key(*p))
        .copied()
        .collect();
    let targets = m.targets();
    let mut identical = 0;
    let mut superset = 0;
    let mut different = 0;
    for (o, t) in &targets {
        match their_targets.get(o) {
            Some(x) if x == t => identical += 1,
            Some(x) if x.is_superset(t) => superset += 1,
            _ => different += 1,
        }
    }
    let key = |p: &(&str, &str)| (p.0.to_string(), p.1.to_string());
    let flags = common
        .iter()
        .filter(|p| theirs.get(*p).copied() == m.pairs.get(&key(p)).map(|s| *s == Share::Partial))
        .count();
    let note_flags = common
        .iter()
        .filter(|p| {
            let partial = m
                .notes
                .get(&key(p))
                .is_some_and(|n| n.iter().any(|n| is_partial_note(n)));
            theirs.get(*p).copied() == Some(partial)
        })
        .count();
    let extra: Vec<&str> = their_targets
        .keys()
        .filter(|o| !legacy.communes.contains_key(**o))
        .copied()
        .collect();
    let islands: Vec<(String, String)> = ISLAND_DISTRICTS
        .iter()
        .map(|(d, c)| (d.to_string(), c.to_string()))
        .collect();
    let island_ok = islands
        .iter()
        .filter(|(d, c)| {
            their_targets
                .get(d.as_str())
                .is_some_and(|t| t.len() == 1 && t.contains(c.as_str()))
        })
        .count();
    println!(
        "    after errata: pairs in common {}/{}, identical target sets {identical}/{} ({superset} supersets, {different} different), partial flags agree {note_flags}/{} with the NSO notes ({flags} with our share column), extra old codes {} (incl. {island_ok} island districts keyed by district code)",
        common.len(),
        ours.len(),
        targets.len(),
        common.len(),
        extra.len()
    );
    expect_eq(
        "merges.json (common pairs, identical, supersets, different, flags, extra)",
        (
            common.len(),
            identical,
            superset,
            different,
            note_flags,
            extra.len(),
        ),
        (10559, 10009, 20, 6, 10538, 17),
    )?;
    expect_eq("merges.json island districts", island_ok, 5)?;
    let mut their_prov = BTreeMap::new();
    for p in &merges.provinces {
        for (old, _) in &p.links {
            their_prov.insert(old.clone(), p.code.clone());
        }
    }
    let agree = provinces
        .iter()
        .filter(|(o, n)| their_prov.get(*o) == Some(n))
        .count();
    println!("    province merges agree {agree}/{}", provinces.len());
    expect_eq(
        "merges.json province merges",
        (agree, their_prov.len()),
        (63, 63),
    )
}

/// vietnamadminunits convert_legacy_2025_simple.csv (PROVENANCE §4).
pub fn check_convert(
    m: &Mapping,
    links: &[LegacyLink],
    districts: &[String],
    rows: usize,
) -> Result<()> {
    expect_eq("convert_legacy rows", rows, 10602)?;
    let want: Vec<String> = ISLAND_DISTRICTS
        .iter()
        .map(|(d, _)| d.to_string())
        .collect();
    let mut ds = districts.to_vec();
    ds.sort();
    expect_eq("convert_legacy rows without a ward code", ds, want)?;
    let mut their: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut divided: BTreeMap<&str, bool> = BTreeMap::new();
    for l in links {
        their.entry(&l.old_code).or_default().insert(&l.new_code);
        *divided.entry(&l.old_code).or_default() |= l.divided;
    }
    let ours = pair_set(m);
    let common = links
        .iter()
        .map(|l| (l.old_code.as_str(), l.new_code.as_str()))
        .collect::<BTreeSet<_>>()
        .intersection(&ours)
        .count();
    let targets = m.targets();
    let identical = targets
        .iter()
        .filter(|(o, t)| their.get(*o) == Some(*t))
        .count();
    let flag = targets
        .iter()
        .filter(|(o, t)| divided.get(*o).copied() == Some(t.len() > 1))
        .count();
    let n_div = divided.values().filter(|d| **d).count();
    println!(
        "  vietnamadminunits convert_legacy_2025_simple.csv: pairs in common {common}/{}, identical target sets {identical}/{}, divided flag agrees {flag}/{} (NSO 440 split, this file {n_div})",
        ours.len(),
        targets.len(),
        targets.len()
    );
    expect_eq(
        "convert_legacy (common, identical, flag, divided)",
        (common, identical, flag, n_div),
        (10564, 10002, 10004, 471),
    )
}
