//! vietnamadminunits: processed location CSV, third mapping, alias keywords.

use crate::table::Table;
use crate::text::{clean, pad_code};
use anyhow::{Context, Result};
use std::path::Path;

pub const LOCATION_SOURCE: &str = "vau-location";

pub struct Location {
    pub code: String,
    pub province_code: String,
    pub full_name: String,
    pub kind: String,
    pub lat: String,
    pub lon: String,
    pub area: String,
}

pub fn read_locations(path: &Path) -> Result<Vec<Location>> {
    let t = Table::read(path)?;
    let [pc, w, wt, wc, lat, lon, area] = t.cols([
        "provinceCode",
        "ward",
        "wardType",
        "wardCode",
        "wardLat",
        "wardLon",
        "wardAreaKm2",
    ])?;
    t.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Ok(Location {
                code: pad_code(&r[wc], 5).with_context(|| format!("{} row {}", t.file, i + 2))?,
                province_code: pad_code(&r[pc], 2)?,
                full_name: clean(&r[w]),
                kind: clean(&r[wt]),
                lat: r[lat].trim().into(),
                lon: r[lon].trim().into(),
                area: r[area].trim().into(),
            })
        })
        .collect()
}

pub struct LegacyLink {
    pub old_code: String,
    pub new_code: String,
    pub divided: bool,
}

/// convert_legacy_2025_simple.csv; rows without a ward code (the island
/// districts) are returned separately as their district codes.
pub fn read_convert(path: &Path) -> Result<(Vec<LegacyLink>, Vec<String>, usize)> {
    let t = Table::read(path)?;
    let [wc, nc, dv, dc] = t.cols(["wardCode", "newWardCode", "isDividedWard", "districtCode"])?;
    let mut links = Vec::new();
    let mut districts = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        let ctx = || format!("{} row {}", t.file, i + 2);
        let raw = r[wc].trim();
        if raw.is_empty() {
            districts.push(pad_code(&r[dc], 3).with_context(ctx)?);
            continue;
        }
        let digits = raw.strip_suffix(".0").unwrap_or(raw);
        links.push(LegacyLink {
            old_code: pad_code(digits, 5).with_context(ctx)?,
            new_code: pad_code(&r[nc], 5).with_context(ctx)?,
            divided: match r[dv].trim() {
                "True" => true,
                "False" => false,
                other => anyhow::bail!("{}: isDividedWard {other:?}", ctx()),
            },
        });
    }
    Ok((links, districts, t.rows.len()))
}

pub struct AliasRow {
    pub province_key: String,
    pub district_key: String,
    pub ward_key: String,
    pub keyword: String,
}

pub fn read_aliases(path: &Path) -> Result<Vec<AliasRow>> {
    let t = Table::read(path)?;
    let [p, d, w, k] = t.cols(["province_key", "district_key", "ward_key", "alias_keyword"])?;
    Ok(t.rows
        .iter()
        .map(|r| AliasRow {
            province_key: r[p].trim().into(),
            district_key: r[d].trim().into(),
            ward_key: r[w].trim().into(),
            keyword: r[k].trim().into(),
        })
        .collect())
}
