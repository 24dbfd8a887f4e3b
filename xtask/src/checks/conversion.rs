//! Checks of the NSO conversion table itself (PROVENANCE §2.2 and §3/§4),
//! before and after errata.

use super::compare::{compare, UnitView, Units};
use crate::build::current::Current;
use crate::build::legacy::Legacy;
use crate::errata::Errata;
use crate::model::Kind as _;
use crate::model::LegacyCommuneKind;
use crate::sources::conversion::{apply_errata, ConvRow, Conversion};
use crate::table::expect_eq;
use crate::text::{ascii_fold, edit_distance, name_diff, split_paren_code, split_prefix, NameDiff};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

/// Note says the old commune is only partly merged ("một phần",
/// "phần còn lại"), whitespace- and typo-tolerant ("Nhâp").
pub fn is_partial_note(note: &str) -> bool {
    let n = crate::text::clean(note)
        .to_lowercase()
        .replace("nhâp", "nhập");
    n.contains("một phần") || n.contains("phần còn lại")
}

/// New-side names per code, the worst difference from CAS kept.
fn new_side(cur: &Current, rows: &[ConvRow]) -> Units {
    let reference = cur.commune_views();
    let mut out: Units = BTreeMap::new();
    for r in rows {
        let kind = split_prefix(&r.new_name, &crate::model::CommuneKind::prefixes())
            .map(|(k, _)| k.id().to_string())
            .unwrap_or_else(|| format!("?{}", r.new_name));
        let parent = split_paren_code(&r.new_province)
            .map(|(_, c)| c)
            .unwrap_or_default();
        let v = UnitView {
            full_name: r.new_name.clone(),
            kind,
            parent,
        };
        let worse = match (out.get(&r.new_code), reference.get(&r.new_code)) {
            (Some(old), Some(re)) => {
                name_diff(&re.full_name, &v.full_name) > name_diff(&re.full_name, &old.full_name)
            }
            (None, _) => true,
            _ => false,
        };
        if worse {
            out.insert(r.new_code.clone(), v);
        }
    }
    out
}

fn note_counts(rows: &[ConvRow]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for r in rows {
        let key = match r.note.as_str() {
            "Nhập toàn bộ" => "Nhập toàn bộ",
            "Nhập một phần" => "Nhập một phần",
            "Nhập một phần diện tích" => "Nhập một phần diện tích",
            "Nhâp một phần diện tích" => "Nhâp một phần diện tích (typo)",
            "Nhập một phần diện tích, toàn bộ dân số" => {
                "Nhập một phần diện tích, toàn bộ dân số"
            }
            "Nhập một phần dân số" => "Nhập một phần dân số",
            "Giữ nguyên" => "Giữ nguyên",
            "Đổi tên" => "Đổi tên",
            "Đổi loại hình" => "Đổi loại hình",
            n if n.starts_with("Sắp xếp toàn bộ huyện") => "Sắp xếp toàn bộ huyện …",
            _ => "other",
        };
        *m.entry(key).or_default() += 1;
    }
    m
}

/// Old-side labels: (district label code ≠ GSO, province label code ≠ GSO),
/// keyed by old commune code, or district code for rows without one.
fn label_mismatches(rows: &[ConvRow], legacy: &Legacy) -> (Vec<String>, Vec<String>) {
    let mut d = Vec::new();
    let mut p = Vec::new();
    for r in rows {
        let label_district = split_paren_code(&r.old_district).map(|x| x.1);
        let label_province = split_paren_code(&r.old_province).map(|x| x.1);
        let (key, district, province) = match legacy.communes.get(&r.old_code) {
            Some(c) => (&r.old_code, Some(c.district.clone()), c.province.clone()),
            None => {
                // rows without an old commune: check the district's province
                let Some(dc) = label_district.as_ref() else {
                    continue;
                };
                let Some(d) = legacy.districts.get(dc) else {
                    continue;
                };
                (dc, Some(d.code.clone()), d.province.clone())
            }
        };
        if label_district != district {
            d.push(key.clone());
        }
        if label_province != Some(province) {
            p.push(key.clone());
        }
    }
    (d, p)
}

pub fn check_and_fix(
    cur: &Current,
    legacy: &Legacy,
    conv: &mut Conversion,
    errata: &Errata,
) -> Result<()> {
    let rows = &conv.rows;
    println!(
        "  NSO conversion table: {} data rows, {} province headings",
        rows.len(),
        conv.headings
    );
    expect_eq(
        "conversion data rows / headings",
        (rows.len(), conv.headings),
        (10571, 34),
    )?;
    let notes = note_counts(rows);
    println!("    notes: {notes:?}");
    let want = [
        ("Nhập toàn bộ", 9464),
        ("Nhập một phần", 823),
        ("Nhập một phần diện tích", 82),
        ("Nhâp một phần diện tích (typo)", 1),
        ("Nhập một phần diện tích, toàn bộ dân số", 58),
        ("Nhập một phần dân số", 2),
        ("Giữ nguyên", 127),
        ("Đổi tên", 2),
        ("Đổi loại hình", 2),
        ("Sắp xếp toàn bộ huyện …", 5),
        ("other", 5),
    ];
    for (k, n) in want {
        expect_eq(
            &format!("conversion notes {k:?}"),
            notes.get(k).copied().unwrap_or(0),
            n,
        )?;
    }
    let partial_rows = rows.iter().filter(|r| is_partial_note(&r.note)).count();
    expect_eq("rows mentioning một phần / phần còn lại", partial_rows, 969)?;
    let no_code = rows.iter().filter(|r| r.old_code.is_empty()).count();
    expect_eq("rows without an old commune code", no_code, 6)?;

    // raw figures
    let raw = compare(&cur.commune_views(), &new_side(cur, rows));
    println!("    new side (raw): {}", raw.summary());
    raw.expect("conversion new side raw", [3321, 3303, 12, 5, 1])?;
    let olds: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.old_code.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    let direct = olds
        .iter()
        .filter(|c| legacy.communes.contains_key(**c))
        .count();
    println!(
        "    old codes matching GSO before the code fixes: {direct}/{}",
        legacy.communes.len()
    );
    expect_eq("old codes matching GSO directly", direct, 10033)?;
    let (d, p) = label_mismatches(rows, legacy);
    println!(
        "    old district/province labels disagreeing with GSO (raw): {} / {} {p:?}",
        d.len(),
        p.len()
    );
    let want: Vec<String> = ["471", "27691", "30781"].map(String::from).to_vec();
    expect_eq(
        "raw Tỉnh cũ mismatches (2 communes, Cồn Cỏ district)",
        (d.len(), p),
        (0, want),
    )?;

    apply_errata(&mut conv.rows, errata)?;
    let rows = &conv.rows;
    let fixed = compare(&cur.commune_views(), &new_side(cur, rows));
    println!("    new side after errata: {}", fixed.summary());
    fixed.expect("conversion new side fixed", [3321, 3304, 12, 5, 0])?;
    expect_eq("conversion new side kinds", fixed.kind_same, 3321)?;
    let olds: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.old_code.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    let covered = olds
        .iter()
        .filter(|c| legacy.communes.contains_key(**c))
        .count();
    expect_eq(
        "old codes after fixes (covered, distinct)",
        (covered, olds.len()),
        (10035, 10035),
    )?;
    let (d, p) = label_mismatches(rows, legacy);
    expect_eq(
        "old labels disagreeing after errata",
        (d.len(), p.len()),
        (0, 0),
    )?;
    println!("    after errata: all 10,035 old codes covered; old district/province labels agree with GSO");
    check_old_names(rows, legacy)
}

/// Fold used to bound spelling variants: ASCII, "nông trường" → "nt".
fn spelling_fold(s: &str) -> String {
    ascii_fold(s).replace("nongtruong", "nt")
}

/// Old names vs GSO: tone placement, case or apostrophe, or a close
/// spelling variant (ASCII edit distance ≤ 3).
fn check_old_names(rows: &[ConvRow], legacy: &Legacy) -> Result<()> {
    let prefixes = LegacyCommuneKind::prefixes();
    let mut by: BTreeMap<NameDiff, usize> = BTreeMap::new();
    let mut codes: BTreeMap<NameDiff, BTreeSet<&str>> = BTreeMap::new();
    let mut prefix_diff = Vec::new();
    let mut max_distance = 0;
    for r in rows.iter().filter(|r| !r.old_code.is_empty()) {
        let gso_full = legacy
            .full_names
            .get(&r.old_code)
            .context("old code not in GSO")?;
        let gso = legacy
            .communes
            .get(&r.old_code)
            .context("old code not in GSO")?;
        let diff = name_diff(gso_full, &r.old_name);
        *by.entry(diff).or_default() += 1;
        codes.entry(diff).or_default().insert(&r.old_code);
        let (kind, bare) = match split_prefix(&r.old_name, &prefixes) {
            Some((k, b)) => (Some(k), b),
            None => (None, r.old_name.clone()),
        };
        if kind.is_some_and(|k| k != gso.kind) {
            prefix_diff.push(r.old_code.clone());
        }
        if diff == NameDiff::Other {
            let dist = edit_distance(&spelling_fold(&gso.name), &spelling_fold(&bare));
            max_distance = max_distance.max(dist);
            if dist > 3 {
                bail!(
                    "old name {:?} of {} is not a spelling variant of GSO {:?}",
                    r.old_name,
                    r.old_code,
                    gso_full
                );
            }
        }
    }
    let differing: usize = by
        .iter()
        .filter(|(k, _)| **k != NameDiff::Exact)
        .map(|(_, v)| v)
        .sum();
    println!(
        "    old names vs GSO: {differing} rows differ: case only {}, tone placement {}, apostrophe {}, other spelling {} ({} codes, max ASCII edit distance {max_distance}); type prefix differs in {} rows {:?}",
        by.get(&NameDiff::Case).unwrap_or(&0),
        by.get(&NameDiff::Tone).unwrap_or(&0),
        by.get(&NameDiff::Apostrophe).unwrap_or(&0),
        by.get(&NameDiff::Other).unwrap_or(&0),
        codes.get(&NameDiff::Other).map_or(0, BTreeSet::len),
        prefix_diff.len(),
        prefix_diff
    );
    let n = |d| by.get(&d).copied().unwrap_or(0);
    expect_eq(
        "old names vs GSO (differing, case, tone, apostrophe, spelling)",
        (
            differing,
            n(NameDiff::Case),
            n(NameDiff::Tone),
            n(NameDiff::Apostrophe),
            n(NameDiff::Other),
        ),
        (377, 70, 109, 7, 191),
    )?;
    expect_eq(
        "old names whose type prefix differs from GSO",
        prefix_diff,
        vec!["13369".to_string(), "22267".to_string()],
    )
}
