//! Reads the lossless GIS export `wards.geojson.xz` (one GeoJSON Feature per
//! line, PROVENANCE §10.1) into integer coordinates.

use super::Pt;
use crate::errata::Errata;
use crate::sources::gis::SOURCE;
use anyhow::{bail, ensure, Context, Result};
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// One commune: its official code and its MultiPolygon. Every ring is closed
/// (first point == last point), has no repeated consecutive points and at
/// least 4 points; coordinates are integer micro-degrees `[lon, lat]`.
pub struct Ward {
    pub code: u32,
    pub polygons: Vec<Vec<Vec<Pt>>>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Props,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Props {
    code: String,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

/// Degrees to micro-degrees. The export has 6 decimals except for 100
/// coordinates (intersection points added by `ST_MakeValid`, 25 communes),
/// which are rounded (by less than 0.06 m); `rounded` counts them. Rings
/// that this collapses (slivers under 1 m²) are dropped and counted.
fn micro(v: f64, rounded: &mut usize) -> Result<i32> {
    ensure!(
        v.is_finite() && v.abs() < 1000.0,
        "coordinate {v} out of range"
    );
    let m = (v * 1e6).round();
    if (v * 1e6 - m).abs() > 1e-3 {
        *rounded += 1;
    }
    Ok(m as i32)
}

/// Every ward, sorted by (corrected) code. `errata` supplies the code fixes
/// of source `thanglequoc-gis` (Ba Chẽ 06978 → 06970).
pub fn read(path: &Path, errata: &Errata) -> Result<(Vec<Ward>, u64, usize, usize)> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = BufReader::with_capacity(1 << 20, xz2::read::XzDecoder::new(file));
    let mut wards = Vec::new();
    let mut bytes = 0u64;
    let mut rounded = 0;
    let mut dropped = 0;
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: decompressing", path.display()))?;
        bytes += line.len() as u64 + 1;
        let body = line.trim_end_matches(',');
        if !body.starts_with("{\"type\":\"Feature\"") {
            continue;
        }
        let f: Feature = serde_json::from_str(body)
            .with_context(|| format!("{} line {}", path.display(), i + 1))?;
        ensure!(
            f.geometry.kind == "MultiPolygon",
            "line {}: geometry {}",
            i + 1,
            f.geometry.kind
        );
        let mut code = f.properties.code.clone();
        errata.apply(SOURCE, &f.properties.code, "code", &mut code)?;
        ensure!(
            code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()),
            "line {}: bad code {code:?}",
            i + 1
        );
        let mut polygons = Vec::with_capacity(f.geometry.coordinates.len());
        for poly in &f.geometry.coordinates {
            let mut rings = Vec::with_capacity(poly.len());
            for ring in poly {
                let mut r: Vec<Pt> = Vec::with_capacity(ring.len());
                for c in ring {
                    let p = [micro(c[0], &mut rounded)?, micro(c[1], &mut rounded)?];
                    if r.last() != Some(&p) {
                        r.push(p);
                    }
                }
                ensure!(r.first() == r.last(), "{code}: ring not closed");
                if r.len() < 4 || super::simplify::area2(&r) == 0 {
                    // a sliver of ST_MakeValid that rounding collapsed (< 1 m²)
                    dropped += 1;
                    if rings.is_empty() {
                        break; // the outer ring: drop the polygon with its holes
                    }
                    continue;
                }
                rings.push(r);
            }
            if !rings.is_empty() {
                polygons.push(rings);
            }
        }
        ensure!(!polygons.is_empty(), "{code}: no polygon left");
        wards.push(Ward {
            code: code.parse()?,
            polygons,
        });
    }
    wards.sort_by_key(|w| w.code);
    for w in wards.windows(2) {
        if w[0].code == w[1].code {
            bail!("{}: code {:05} twice", path.display(), w[0].code);
        }
    }
    Ok((wards, bytes, rounded, dropped))
}
