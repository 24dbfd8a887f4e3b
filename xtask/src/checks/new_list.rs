//! Checks of the 2025-07-01 list (CAS) against PROVENANCE §1, §3, §5, §6.

use super::compare::{compare, UnitView, Units};
use super::kinds::kind_id;
use crate::build::current::Current;
use crate::errata::Errata;
use crate::expected::{NAMED_UNITS, PROVINCES_2025, SPOT_CHECKS};
use crate::model::Kind as _;
use crate::model::{CommuneKind, ProvinceKind};
use crate::sources::bando::BandoProvince;
use crate::sources::nested::NdProvince;
use crate::sources::thanglequoc::TlqDb;
use crate::table::expect_eq;
use crate::text::{clean, split_prefix, tone_key};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

/// [phường, xã, đặc khu, total] per province.
pub fn mix_by_province(
    communes: impl Iterator<Item = (String, CommuneKind)>,
) -> BTreeMap<String, [usize; 4]> {
    let mut m: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for (p, k) in communes {
        let e = m.entry(p).or_default();
        // The kinds in declaration order: phường, xã, đặc khu.
        let i = CommuneKind::ALL.iter().position(|&x| x == k).unwrap_or(0);
        e[i] += 1;
        e[3] += 1;
    }
    m
}

pub fn check_counts(cur: &Current) -> Result<()> {
    let tp = cur
        .provinces
        .values()
        .filter(|p| p.kind == ProvinceKind::Municipality)
        .count();
    let count = |k| cur.communes.values().filter(|c| c.kind == k).count();
    let kinds = [
        count(CommuneKind::Ward),
        count(CommuneKind::Commune),
        count(CommuneKind::SpecialZone),
    ];
    println!(
        "  CAS 2025-07-01: {} provinces ({} thành phố / {} tỉnh), {} communes ({} phường / {} xã / {} đặc khu)",
        cur.provinces.len(),
        tp,
        cur.provinces.len() - tp,
        cur.communes.len(),
        kinds[0],
        kinds[1],
        kinds[2]
    );
    expect_eq("provinces", cur.provinces.len(), 34)?;
    expect_eq("thành phố in 2025", tp, 6)?;
    expect_eq("communes", cur.communes.len(), 3321)?;
    expect_eq("phường/xã/đặc khu in 2025", kinds, [687, 2621, 13])?;

    let mix = mix_by_province(cur.communes.values().map(|c| (c.province.clone(), c.kind)));
    let mut resolutions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in cur.communes.values() {
        resolutions
            .entry(&c.province)
            .or_default()
            .insert(&c.resolution);
    }
    for (code, _, resolution, counts) in PROVINCES_2025 {
        let got = mix.get(code).copied().unwrap_or_default();
        expect_eq(&format!("§6 units of province {code}"), got, counts)?;
        let res: Vec<&str> = resolutions
            .get(code)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        expect_eq(
            &format!("§6 resolution of province {code}"),
            res,
            vec![resolution],
        )?;
    }
    expect_eq("§6 province codes", mix.len(), PROVINCES_2025.len())?;
    let distinct: BTreeSet<&str> = cur
        .communes
        .values()
        .map(|c| c.resolution.as_str())
        .collect();
    expect_eq("distinct NQ-UBTVQH15 resolutions", distinct.len(), 34)?;
    println!("  §6 per-province phường/xã/đặc khu totals and resolutions: 34/34 agree");
    spot_checks(cur)
}

fn spot_checks(cur: &Current) -> Result<()> {
    for (code, province, name) in SPOT_CHECKS {
        let c = cur
            .communes
            .get(code)
            .with_context(|| format!("spot check: {code} missing"))?;
        expect_eq(
            &format!("spot check {code}"),
            (c.province.as_str(), c.name.as_str()),
            (province, name),
        )?;
    }
    for (province, kind, name) in NAMED_UNITS {
        let hit = cur
            .communes
            .values()
            .any(|c| c.province == province && c.kind.id() == kind && c.name == name);
        if !hit {
            bail!("spot check: {kind} {name} missing in province {province}");
        }
    }
    println!(
        "  §5 spot checks: {} codes and {} named units present (Lâm Đồng 124 incl. 24781 Xuân Hương - Đà Lạt, Lạng Sơn 65)",
        SPOT_CHECKS.len(),
        NAMED_UNITS.len()
    );
    Ok(())
}

/// vietnam-provinces nested-divisions.json (GPL): verification only.
pub fn check_nested(cur: &Current, nd: &[NdProvince]) -> Result<()> {
    let mut communes = Units::new();
    let mut provinces = Units::new();
    for p in nd {
        let pcode = format!("{:02}", p.code);
        for w in &p.wards {
            let v = UnitView {
                full_name: clean(&w.name),
                kind: kind_id(&w.division_type),
                parent: pcode.clone(),
            };
            communes.insert(format!("{:05}", w.code), v);
        }
        let v = UnitView {
            full_name: clean(&p.name),
            kind: kind_id(&p.division_type),
            parent: String::new(),
        };
        provinces.insert(pcode, v);
    }
    let a = compare(&cur.commune_views(), &communes);
    println!(
        "  vietnam-provinces nested-divisions.json (GPL, verify only): {}",
        a.summary()
    );
    a.expect("nested-divisions communes", [3321, 3321, 0, 0, 0])?;
    expect_eq("nested-divisions commune kinds", a.kind_same, 3321)?;
    let b = compare(&cur.province_views(), &provinces);
    println!("    provinces: {}", b.summary());
    b.expect("nested-divisions provinces", [34, 34, 0, 0, 0])?;
    expect_eq("nested-divisions province kinds", b.kind_same, 34)
}

pub fn tlq_views(db: &TlqDb, table: &str, parent: Option<&str>) -> Result<Units> {
    Ok(db
        .units(table, parent)?
        .into_iter()
        .map(|(code, u)| {
            let v = UnitView {
                full_name: u.full_name,
                kind: kind_id(&u.unit),
                parent: u.parent,
            };
            (code, v)
        })
        .collect())
}

/// thanglequoc v3.0.2: raw figures of PROVENANCE §3, then after errata.
pub fn check_tlq302(cur: &Current, db: &mut TlqDb, errata: &Errata) -> Result<()> {
    let reference = cur.commune_views();
    let raw = compare(&reference, &tlq_views(db, "wards", Some("province_code"))?);
    println!("  thanglequoc v3.0.2 (raw): {}", raw.summary());
    raw.expect("thanglequoc v3.0.2 raw", [3320, 3301, 11, 7, 1])?;
    expect_eq(
        "thanglequoc v3.0.2 extra codes",
        raw.extra.clone(),
        vec!["06978".to_string()],
    )?;
    db.apply_errata(errata, "thanglequoc-v3.0.2")?;
    let fixed = compare(&reference, &tlq_views(db, "wards", Some("province_code"))?);
    println!("    after errata: {}", fixed.summary());
    fixed.expect("thanglequoc v3.0.2 fixed", [3321, 3303, 11, 7, 0])?;
    expect_eq("thanglequoc v3.0.2 kinds", fixed.kind_same, 3321)?;
    let counts = count_kinds(&tlq_views(db, "wards", None)?);
    expect_eq(
        "thanglequoc v3.0.2 phường/xã/đặc khu",
        counts,
        [687, 2621, 13],
    )?;
    let p = compare(&cur.province_views(), &tlq_views(db, "provinces", None)?);
    println!("    provinces: {}", p.summary());
    expect_eq(
        "thanglequoc v3.0.2 province codes and kinds",
        (p.common, p.kind_same),
        (34, 34),
    )
}

pub fn count_kinds(units: &Units) -> [usize; 3] {
    let n = |k: &str| units.values().filter(|u| u.kind == k).count();
    [n("phuong"), n("xa"), n("dac_khu")]
}

/// Letter 915/CTK-CSCL: the 34 province codes.
pub fn check_915(cur: &Current, letter: &[(String, String)]) -> Result<()> {
    let mut agree = 0;
    for (code, name) in letter {
        let p = cur
            .provinces
            .get(code)
            .with_context(|| format!("915/CTK-CSCL: unknown province code {code}"))?;
        let bare = split_prefix(name, &ProvinceKind::prefixes())
            .map(|(_, n)| n)
            .unwrap_or_else(|| name.clone());
        if tone_key(&bare, true) == tone_key(&p.name, true) {
            agree += 1;
        }
    }
    println!(
        "  letter 915/CTK-CSCL: {} codes, names agree {agree}/34",
        letter.len()
    );
    expect_eq("915/CTK-CSCL codes", letter.len(), 34)?;
    expect_eq("915/CTK-CSCL names", agree, 34)
}

/// bando province file: the per-province type counts in `con`.
pub fn check_bando_provinces(cur: &Current, rows: &[BandoProvince]) -> Result<()> {
    let mix = mix_by_province(cur.communes.values().map(|c| (c.province.clone(), c.kind)));
    let by_name: BTreeMap<String, &str> = cur
        .provinces
        .values()
        .map(|p| (tone_key(&p.name, true), p.code.as_str()))
        .collect();
    let mut agree = 0;
    for r in rows {
        let bare = strip_bando_province(&r.name);
        let code = by_name
            .get(&tone_key(&bare, true))
            .with_context(|| format!("bando province {:?} unknown", r.name))?;
        if Some(parse_composition(&r.composition)?) == mix.get(*code).copied() {
            agree += 1;
        }
    }
    println!(
        "  bando province `con` type counts agree {agree}/{}",
        rows.len()
    );
    expect_eq("bando province type counts", (agree, rows.len()), (34, 34))
}

/// "tỉnh X", "thành phố X", "Thủ đô X" → "X".
pub fn strip_bando_province(name: &str) -> String {
    let table = [("Thủ đô", ()), ("Thành phố", ()), ("Tỉnh", ())];
    split_prefix(name, &table)
        .map(|(_, n)| n)
        .unwrap_or_else(|| name.to_string())
}

/// "54 ĐVHC (02 đặc khu, 30 phường, 22 xã)" → [30, 22, 2, 54].
fn parse_composition(s: &str) -> Result<[usize; 4]> {
    let (total, rest) = s
        .split_once(" ĐVHC (")
        .with_context(|| format!("bad `con` {s:?}"))?;
    let mut out = [
        0,
        0,
        0,
        total
            .trim()
            .parse()
            .with_context(|| format!("bad `con` {s:?}"))?,
    ];
    let inner = rest.trim_end_matches(')').replace(" và ", ", ");
    for part in inner.split(", ") {
        let (n, what) = part
            .split_once(' ')
            .with_context(|| format!("bad `con` part {part:?}"))?;
        let n: usize = n
            .parse()
            .with_context(|| format!("bad `con` part {part:?}"))?;
        let i = match what {
            "phường" => 0,
            "xã" => 1,
            "đặc khu" => 2,
            _ => bail!("bad `con` part {part:?}"),
        };
        out[i] = n;
    }
    Ok(out)
}
