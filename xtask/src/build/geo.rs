//! data/geo.tsv: centre point and area (vietnamadminunits processed CSV,
//! i.e. bando's attribute data keyed by official code) and population
//! (bando ward CSV, joined on province, type and name).

use crate::build::current::Current;
use crate::checks::compare::{compare, UnitView, Units};
use crate::checks::kinds::kind_id;
use crate::checks::new_list::strip_bando_province;
use crate::errata::Errata;
use crate::expected::{BANDO_TYPE_ERRORS, CHANGES, WRONG_CENTRES};
use crate::model::Kind as _;
use crate::sources::bando::{BandoWard, SOURCE as BANDO};
use crate::sources::gis::GisWard;
use crate::sources::vau::{Location, LOCATION_SOURCE};
use crate::table::expect_eq;
use crate::text::tone_key;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

pub struct GeoRow {
    pub lat: String,
    pub lon: String,
    pub area: String,
    pub population: String,
}

fn is_decimal(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
}

fn in_range(s: &str, lo: f64, hi: f64) -> bool {
    is_decimal(s) && s.parse::<f64>().is_ok_and(|v| (lo..=hi).contains(&v))
}

fn location_views(locs: &[Location]) -> Units {
    locs.iter()
        .map(|l| {
            let v = UnitView {
                full_name: l.full_name.clone(),
                kind: kind_id(&l.kind),
                parent: l.province_code.clone(),
            };
            (l.code.clone(), v)
        })
        .collect()
}

/// Processed location CSV: names/types vs CAS, errata, number syntax.
fn locations(
    cur: &Current,
    locs: &mut [Location],
    errata: &Errata,
) -> Result<BTreeMap<String, (String, String, String)>> {
    let raw = compare(&cur.commune_views(), &location_views(locs));
    println!(
        "  vietnamadminunits processed location CSV (raw): {}",
        raw.summary()
    );
    raw.expect("processed CSV", [3321, 3303, 11, 7, 0])?;
    let want: Vec<String> = BANDO_TYPE_ERRORS
        .iter()
        .map(|(c, _)| c.to_string())
        .collect();
    let mut got = raw.kind_diff.clone();
    got.sort();
    let mut want_sorted = want;
    want_sorted.sort();
    expect_eq("processed CSV type errors", got, want_sorted)?;
    for l in locs.iter_mut() {
        errata.apply(LOCATION_SOURCE, &l.code, "wardType", &mut l.kind)?;
        errata.apply(LOCATION_SOURCE, &l.code, "wardLat", &mut l.lat)?;
        errata.apply(LOCATION_SOURCE, &l.code, "wardLon", &mut l.lon)?;
        errata.apply(LOCATION_SOURCE, &l.code, "wardAreaKm2", &mut l.area)?;
    }
    let fixed = compare(&cur.commune_views(), &location_views(locs));
    expect_eq("processed CSV kinds after errata", fixed.kind_same, 3321)?;
    let mut out = BTreeMap::new();
    for l in locs.iter() {
        let blank = l.lat.is_empty() || l.lon.is_empty();
        if blank != WRONG_CENTRES.contains(&l.code.as_str()) || l.lat.is_empty() != l.lon.is_empty()
        {
            bail!(
                "{}: centre blank = {blank}, but the wrong-centre list says otherwise",
                l.code
            );
        }
        let plausible = in_range(&l.lat, 7.0, 24.0) && in_range(&l.lon, 102.0, 118.0);
        if !blank && !plausible {
            bail!("{}: implausible centre {:?} {:?}", l.code, l.lat, l.lon);
        }
        if !l.area.is_empty() && !is_decimal(&l.area) {
            bail!("{}: bad area {:?}", l.code, l.area);
        }
        out.insert(
            l.code.clone(),
            (l.lat.clone(), l.lon.clone(), l.area.clone()),
        );
    }
    let empty_area = out.values().filter(|v| v.2.is_empty()).count();
    println!("    after errata: kinds 3321/3321; {} centres blanked (known wrong), {empty_area} empty areas", WRONG_CENTRES.len());
    Ok(out)
}

/// (province, kind, name) join key, tone- and case-insensitive.
fn join_key(province: &str, kind: &str, name: &str) -> (String, String, String) {
    (
        tone_key(province, true),
        kind_id(kind),
        tone_key(name, true),
    )
}

fn join(cur: &Current, wards: &[BandoWard]) -> Result<(BTreeMap<String, usize>, Vec<String>)> {
    let mut index = BTreeMap::new();
    for c in cur.communes.values() {
        let p = &cur.provinces.get(&c.province).context("province")?.name;
        if index
            .insert(join_key(p, c.kind.id(), &c.name), c.code.clone())
            .is_some()
        {
            bail!("join key of {} is not unique", c.code);
        }
    }
    let mut hits = BTreeMap::new();
    let mut misses = Vec::new();
    for (i, w) in wards.iter().enumerate() {
        match index.get(&join_key(
            &strip_bando_province(&w.province),
            &w.kind,
            &w.name,
        )) {
            Some(code) => {
                if hits.insert(code.clone(), i).is_some() {
                    bail!("bando: two rows join to {code}");
                }
            }
            None => misses.push(w.id.clone()),
        }
    }
    Ok((hits, misses))
}

/// "12345" → "12345"; "30,509" → "30509"; "đang cập nhật" (or blanked) → "".
fn population(raw: &str) -> Result<String> {
    if raw.is_empty() || raw == "đang cập nhật" {
        return Ok(String::new());
    }
    let groups: Vec<&str> = raw.split(',').collect();
    let ok = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups[0].len() <= if groups.len() > 1 { 3 } else { usize::MAX };
    if !ok {
        bail!("bad population {raw:?}");
    }
    Ok(groups.concat())
}

fn bando_counts(wards: &[BandoWard]) -> Result<()> {
    let n = |k: &str| wards.iter().filter(|w| w.kind == k).count();
    let kinds = [n("xã"), n("phường"), n("đặc khu")];
    let minus = wards.iter().filter(|w| w.maxa == "-1").count();
    let dup = wards.iter().filter(|w| w.maxa == "621").count();
    let no_area = wards.iter().filter(|w| w.area.is_empty()).count();
    println!(
        "  bando ward CSV: {} rows ({} xã / {} phường / {} đặc khu), maxa -1 ×{minus}, maxa 621 ×{dup}, {no_area} empty areas",
        wards.len(),
        kinds[0],
        kinds[1],
        kinds[2]
    );
    expect_eq(
        "bando rows and kinds",
        (wards.len(), kinds),
        (3321, [2621, 687, 13]),
    )?;
    expect_eq(
        "bando maxa quirks / empty areas",
        (minus, dup, no_area),
        (9, 2, 2),
    )
}

pub fn build(
    cur: &Current,
    locs: &mut [Location],
    wards: &mut [BandoWard],
    gis: &BTreeMap<String, GisWard>,
    errata: &Errata,
) -> Result<BTreeMap<String, GeoRow>> {
    check_gis(cur, gis, " (raw)", [3320, 3121, 182, 7, 10])?;
    let gis = &crate::sources::gis::apply_errata(gis, errata)?;
    check_gis(cur, gis, " after errata", [3321, 3122, 182, 7, 10])?;
    let raw_area: BTreeMap<String, String> = locs
        .iter()
        .map(|l| (l.code.clone(), l.area.clone()))
        .collect();
    let raw_empty = raw_area.values().filter(|a| a.is_empty()).count();
    expect_eq("empty areas in the processed CSV", raw_empty, 2)?;
    let centres = locations(cur, locs, errata)?;
    bando_counts(wards)?;
    let (raw_hits, misses) = join(cur, wards)?;
    println!(
        "    bando join on (province, type, name), raw: {}/3321; misses (bando id) {misses:?}",
        raw_hits.len()
    );
    expect_eq("bando raw join", raw_hits.len(), 3317)?;
    let raw_population: Vec<String> = wards.iter().map(|w| w.population.clone()).collect();
    for w in wards.iter_mut() {
        errata.apply(BANDO, &w.id, "loai", &mut w.kind)?;
        errata.apply(BANDO, &w.id, "dansonguoi", &mut w.population)?;
    }
    let (hits, misses) = join(cur, wards)?;
    expect_eq(
        "bando join after errata (hits, misses)",
        (hits.len(), misses.len()),
        (3321, 0),
    )?;
    for (code, kind) in BANDO_TYPE_ERRORS {
        let w = hits
            .get(code)
            .and_then(|i| wards.get(*i))
            .context("bando type error row")?;
        expect_eq(
            &format!("bando type of {code} after errata"),
            kind_id(&w.kind),
            kind.to_string(),
        )?;
    }

    let mut out = BTreeMap::new();
    let (mut same_point, mut same_area, mut unknown) = (0, 0, 0);
    for (code, (lat, lon, area)) in &centres {
        let w = hits
            .get(code)
            .and_then(|i| wards.get(*i))
            .context("joined bando row")?;
        let pop = population(&w.population).with_context(|| format!("bando id {}", w.id))?;
        unknown += usize::from(pop.is_empty());
        same_point += usize::from(*lat == w.lat && *lon == w.lon);
        same_area += usize::from(*area == w.area);
        let row = GeoRow {
            lat: lat.clone(),
            lon: lon.clone(),
            area: area.clone(),
            population: pop,
        };
        out.insert(code.clone(), row);
    }
    println!(
        "    after errata: joined 3321/3321; bando centre = processed CSV for {same_point}/3321 (9 blanked), area for {same_area}/3321; population unknown for {unknown}"
    );
    expect_eq(
        "processed CSV centres equal to bando",
        same_point,
        3321 - WRONG_CENTRES.len(),
    )?;
    let raw_pop: BTreeMap<String, String> = hits
        .iter()
        .map(|(code, i)| {
            (
                code.clone(),
                raw_population.get(*i).cloned().unwrap_or_default(),
            )
        })
        .collect();
    check_copies(&raw_area, &raw_pop, &out, gis)?;
    Ok(out)
}

/// thanglequoc GIS feature properties vs CAS (PROVENANCE §10.2).
fn check_gis(
    cur: &Current,
    gis: &BTreeMap<String, GisWard>,
    label: &str,
    want: [usize; 5],
) -> Result<()> {
    let views: Units = gis
        .iter()
        .map(|(code, w)| {
            let kind =
                crate::text::split_prefix(&w.full_name, &crate::model::CommuneKind::prefixes())
                    .map(|(k, _)| k.id().to_string())
                    .unwrap_or_default();
            let v = UnitView {
                full_name: w.full_name.clone(),
                kind,
                parent: w.province.clone(),
            };
            (code.clone(), v)
        })
        .collect();
    let a = compare(&cur.commune_views(), &views);
    println!(
        "  thanglequoc v4.2.0 GIS ward properties{label}: {}",
        a.summary()
    );
    a.expect(&format!("GIS wards{label}"), want)?;
    let dong_nai: Vec<String> = CHANGES
        .iter()
        .filter(|(d, c, _)| *d == "2026-04-30" && c.len() == 5)
        .map(|(_, c, _)| c.to_string())
        .collect();
    expect_eq(
        "GIS wards already phường (Đồng Nai 2026)",
        a.kind_diff.clone(),
        dong_nai,
    )
}

/// bando's attribute table copies area and population between units (mostly
/// namesakes in other provinces). A (area, population) pair shared verbatim
/// by several units is a copy for every member whose area differs from its
/// polygon's area; so is the row of a unit with a known-wrong centre whose
/// area differs. The errata must blank exactly those values.
fn check_copies(
    raw_area: &BTreeMap<String, String>,
    raw_pop: &BTreeMap<String, String>,
    out: &BTreeMap<String, GeoRow>,
    gis: &BTreeMap<String, GisWard>,
) -> Result<()> {
    let polygon_agrees = |code: &str| -> bool {
        let area = raw_area.get(code).and_then(|a| a.parse::<f64>().ok());
        matches!((area, gis.get(code)), (Some(a), Some(g)) if a == g.area_km2)
    };
    let known = |p: &str| !p.is_empty() && p != "đang cập nhật";
    let mut groups: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (code, area) in raw_area {
        let pop = raw_pop.get(code).map(String::as_str).unwrap_or_default();
        if !area.is_empty() && known(pop) {
            groups.entry((area, pop)).or_default().push(code);
        }
    }
    let shared: Vec<&str> = groups
        .values()
        .filter(|g| g.len() > 1)
        .flatten()
        .copied()
        .collect();
    let mut copies: BTreeSet<&str> = shared
        .iter()
        .copied()
        .filter(|c| !polygon_agrees(c))
        .collect();
    copies.extend(WRONG_CENTRES.iter().copied().filter(|c| !polygon_agrees(c)));
    let blanked_area: BTreeSet<&str> = out
        .iter()
        .filter(|(c, g)| g.area.is_empty() && raw_area.get(*c).is_some_and(|a| !a.is_empty()))
        .map(|(c, _)| c.as_str())
        .collect();
    let blanked_pop: BTreeSet<&str> = out
        .iter()
        .filter(|(c, g)| g.population.is_empty() && raw_pop.get(*c).is_some_and(|p| known(p)))
        .map(|(c, _)| c.as_str())
        .collect();
    let agree = raw_area.keys().filter(|c| polygon_agrees(c)).count();
    println!(
        "    area = polygon area (GIS) for {agree}/3319; (area, population) shared verbatim by {} units in {} groups; {} rows are copies (area and population blanked by errata)",
        shared.len(),
        groups.values().filter(|g| g.len() > 1).count(),
        copies.len()
    );
    // An area of exactly 0 is a placeholder for a missing value (the map portal's
    // own cell is empty for these units), not a measurement: it is blanked too.
    let zero_area: BTreeSet<&str> = raw_area
        .iter()
        .filter(|(_, a)| a.parse::<f64>().is_ok_and(|v| v == 0.0))
        .map(|(c, _)| c.as_str())
        .collect();
    println!(
        "    {} areas of 0.0 km² are placeholders (blanked by errata)",
        zero_area.len()
    );
    expect_eq(
        "units whose area the errata blank = detected copies + zero placeholders",
        blanked_area,
        copies.union(&zero_area).copied().collect(),
    )?;
    expect_eq(
        "units whose population the errata blank = detected copies",
        blanked_pop,
        copies,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations() {
        assert_eq!(population("30,509").unwrap(), "30509");
        assert_eq!(population("102136").unwrap(), "102136");
        assert_eq!(population("đang cập nhật").unwrap(), "");
        assert!(population("1,23").is_err());
        assert!(population("12.5").is_err());
    }
}
