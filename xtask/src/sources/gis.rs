//! thanglequoc v4.2.0 GIS export (`wards.geojson.xz`, one Feature per
//! line): only the feature properties are read, not the geometry.

use crate::errata::Errata;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

pub const SOURCE: &str = "thanglequoc-gis";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Props {
    code: String,
    full_name: String,
    area_km2: f64,
    province_code: String,
}

pub struct GisWard {
    pub full_name: String,
    pub area_km2: f64,
    pub province: String,
}

/// Properties of every ward feature, by (raw) code.
pub fn read(path: &Path) -> Result<BTreeMap<String, GisWard>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = BufReader::with_capacity(1 << 20, xz2::read::XzDecoder::new(file));
    let mut out = BTreeMap::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: decompressing", path.display()))?;
        let Some(at) = line.find("\"properties\":") else {
            continue;
        };
        let rest = &line[at + "\"properties\":".len()..];
        let p: Props = serde_json::Deserializer::from_str(rest)
            .into_iter()
            .next()
            .context("no properties object")?
            .with_context(|| format!("{} line {}: properties", path.display(), i + 1))?;
        let w = GisWard {
            full_name: crate::text::clean(&p.full_name),
            area_km2: p.area_km2,
            province: p.province_code,
        };
        if out.insert(p.code.clone(), w).is_some() {
            bail!("{}: duplicate code {}", path.display(), p.code);
        }
    }
    Ok(out)
}

/// Re-keys wards whose code has an erratum (field `code`).
pub fn apply_errata(
    wards: &BTreeMap<String, GisWard>,
    errata: &Errata,
) -> Result<BTreeMap<String, GisWard>> {
    let mut out = BTreeMap::new();
    for (code, w) in wards {
        let mut c = code.clone();
        errata.apply(SOURCE, code, "code", &mut c)?;
        let w = GisWard {
            full_name: w.full_name.clone(),
            area_km2: w.area_km2,
            province: w.province.clone(),
        };
        if out.insert(c.clone(), w).is_some() {
            bail!("{SOURCE}: code {c} twice after errata");
        }
    }
    Ok(out)
}
