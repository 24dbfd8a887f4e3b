//! Checks of the pre-2025 list against PROVENANCE §1, §2.1 and §4.

use super::compare::{compare, UnitView, Units};
use super::new_list::tlq_views;
use crate::build::legacy::Legacy;
use crate::expected::{GSO_LEVEL_ERRORS, ISLAND_DISTRICTS};
use crate::model::Kind as _;
use crate::model::{DistrictKind, LegacyCommuneKind, ProvinceKind};
use crate::sources::gso::GsoWard;
use crate::sources::thanglequoc::TlqDb;
use crate::table::expect_eq;
use anyhow::Result;
use std::collections::BTreeSet;

fn count<T, K: PartialEq + Copy>(
    items: impl Iterator<Item = T>,
    kinds: &[K],
    f: impl Fn(&T) -> K,
) -> Vec<usize> {
    let items: Vec<T> = items.collect();
    kinds
        .iter()
        .map(|k| items.iter().filter(|i| f(i) == *k).count())
        .collect()
}

pub fn check_counts(l: &Legacy, raw: &[GsoWard]) -> Result<()> {
    let p = count(
        l.provinces.values(),
        &[ProvinceKind::Province, ProvinceKind::Municipality],
        |p| p.kind,
    );
    let d = count(
        l.districts.values(),
        &[
            DistrictKind::UrbanDistrict,
            DistrictKind::RuralDistrict,
            DistrictKind::Town,
            DistrictKind::City,
        ],
        |d| d.kind,
    );
    let c = count(
        l.communes.values(),
        &[
            LegacyCommuneKind::Ward,
            LegacyCommuneKind::Commune,
            LegacyCommuneKind::Township,
        ],
        |c| c.kind,
    );
    println!(
        "  GSO 2025-06-30: {} provinces ({} tỉnh / {} thành phố), {} districts ({} quận / {} huyện / {} thị xã / {} thành phố), {} communes ({} phường / {} xã / {} thị trấn)",
        l.provinces.len(), p[0], p[1], l.districts.len(), d[0], d[1], d[2], d[3], l.communes.len(), c[0], c[1], c[2]
    );
    expect_eq(
        "legacy provinces (tỉnh, thành phố)",
        (l.provinces.len(), p),
        (63, vec![57, 6]),
    )?;
    expect_eq(
        "legacy districts by kind",
        (l.districts.len(), d),
        (696, vec![49, 508, 52, 87]),
    )?;
    expect_eq(
        "legacy communes by kind",
        (l.communes.len(), c),
        (10035, vec![1726, 7692, 617]),
    )?;

    let levels = ["Phường", "Xã", "Thị trấn"];
    let raw_levels: Vec<usize> = levels
        .iter()
        .map(|lv| raw.iter().filter(|w| w.level == *lv).count())
        .collect();
    println!(
        "  GSO raw `Cấp`: {} phường / {} xã / {} thị trấn (3 errors, fixed by errata)",
        raw_levels[0], raw_levels[1], raw_levels[2]
    );
    expect_eq("GSO raw Cấp counts", raw_levels, vec![1724, 7695, 616])?;
    let wrong: Vec<(String, String)> = raw
        .iter()
        .filter_map(|w| {
            let kind = l.communes.get(&w.code)?.kind;
            (LegacyCommuneKind::from_prefix(&w.level) != Some(kind))
                .then(|| (w.code.clone(), kind.id().to_string()))
        })
        .collect();
    let want: Vec<(String, String)> = GSO_LEVEL_ERRORS
        .iter()
        .map(|(c, k)| (c.to_string(), k.to_string()))
        .collect();
    expect_eq(
        "GSO Cấp values that disagree with the name prefix",
        wrong,
        want,
    )?;
    let english = raw.iter().filter(|w| !w.english.is_empty()).count();
    expect_eq("GSO non-empty Tên Tiếng Anh", english, 165)?;

    let with_communes: BTreeSet<&str> = l.communes.values().map(|c| c.district.as_str()).collect();
    let empty: Vec<&str> = l
        .districts
        .keys()
        .map(String::as_str)
        .filter(|d| !with_communes.contains(d))
        .collect();
    let want: Vec<&str> = ISLAND_DISTRICTS.iter().map(|(d, _)| *d).collect();
    expect_eq("districts without communes", empty, want)?;
    Ok(())
}

fn views(l: &Legacy) -> (Units, Units, Units) {
    let c = l
        .communes
        .values()
        .map(|c| {
            let full = l.full_names.get(&c.code).cloned().unwrap_or_default();
            (
                c.code.clone(),
                UnitView {
                    full_name: full,
                    kind: c.kind.id().into(),
                    parent: c.district.clone(),
                },
            )
        })
        .collect();
    let d = l
        .districts
        .values()
        .map(|d| {
            let full = format!("{} {}", d.kind.prefix(), d.name);
            (
                d.code.clone(),
                UnitView {
                    full_name: full,
                    kind: d.kind.id().into(),
                    parent: d.province.clone(),
                },
            )
        })
        .collect();
    let p = l
        .provinces
        .values()
        .map(|p| {
            let full = format!("{} {}", p.kind.prefix(), p.name);
            (
                p.code.clone(),
                UnitView {
                    full_name: full,
                    kind: p.kind.id().into(),
                    parent: String::new(),
                },
            )
        })
        .collect();
    (c, d, p)
}

/// thanglequoc v2.4.1 vs GSO (PROVENANCE §4).
pub fn check_tlq241(l: &Legacy, db: &TlqDb) -> Result<()> {
    let (c, d, p) = views(l);
    let a = compare(&c, &tlq_views(db, "wards", Some("district_code"))?);
    println!("  thanglequoc v2.4.1 communes: {}", a.summary());
    a.expect("thanglequoc v2.4.1 communes", [10035, 10031, 4, 0, 0])?;
    expect_eq("thanglequoc v2.4.1 commune kinds", a.kind_same, 10035)?;
    let b = compare(&d, &tlq_views(db, "districts", Some("province_code"))?);
    println!("    districts: {}", b.summary());
    expect_eq(
        "thanglequoc v2.4.1 districts",
        (b.common, b.other.len(), b.parent_same, b.kind_same),
        (696, 0, 696, 696),
    )?;
    let e = compare(&p, &tlq_views(db, "provinces", None)?);
    println!("    provinces: {}", e.summary());
    e.expect("thanglequoc v2.4.1 provinces", [63, 63, 0, 0, 0])?;
    expect_eq("thanglequoc v2.4.1 province kinds", e.kind_same, 63)
}
