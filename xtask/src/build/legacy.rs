//! The pre-2025 list (as of 2025-06-30) from the GSO exports.

use crate::errata::Errata;
use crate::model::Kind as _;
use crate::model::{
    DistrictKind, LegacyCommune, LegacyCommuneKind, LegacyDistrict, LegacyProvince, ProvinceKind,
};
use crate::sources::gso::{GsoDistrict, GsoWard};
use crate::text::{is_code, split_prefix};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

pub const GSO_WARD_SOURCE: &str = "gso-ward";

pub struct Legacy {
    pub provinces: BTreeMap<String, LegacyProvince>,
    pub districts: BTreeMap<String, LegacyDistrict>,
    pub communes: BTreeMap<String, LegacyCommune>,
    /// Full names as written by GSO (cleaned), by code.
    pub full_names: BTreeMap<String, String>,
}

fn add_province(map: &mut BTreeMap<String, LegacyProvince>, code: &str, full: &str) -> Result<()> {
    if !is_code(code, 2) {
        bail!("bad province code {code:?}");
    }
    let (kind, name) = split_prefix(full, &ProvinceKind::prefixes())
        .with_context(|| format!("province without type prefix: {full:?}"))?;
    let p = LegacyProvince {
        code: code.into(),
        name,
        kind,
    };
    match map.get(code) {
        Some(old) if old.name != p.name || old.kind != p.kind => {
            bail!("province {code} has two names: {:?} / {full:?}", old.name)
        }
        Some(_) => Ok(()),
        None => {
            map.insert(code.into(), p);
            Ok(())
        }
    }
}

fn district_of(d: &GsoDistrict) -> Result<LegacyDistrict> {
    if !is_code(&d.code, 3) {
        bail!("bad district code {:?}", d.code);
    }
    let (kind, name) = split_prefix(&d.name, &DistrictKind::prefixes())
        .with_context(|| format!("district without type prefix: {:?}", d.name))?;
    let level = DistrictKind::from_prefix(&d.level)
        .with_context(|| format!("district {}: unknown Cấp {:?}", d.code, d.level))?;
    if level != kind {
        bail!(
            "district {}: Cấp {:?} disagrees with the name prefix",
            d.code,
            d.level
        );
    }
    Ok(LegacyDistrict {
        code: d.code.clone(),
        province: d.province_code.clone(),
        name,
        kind,
    })
}

/// Kind from the name prefix; the (corrected) `Cấp` must agree.
fn commune_of(w: &GsoWard, errata: &Errata) -> Result<LegacyCommune> {
    if !is_code(&w.code, 5) {
        bail!("bad commune code {:?}", w.code);
    }
    let (kind, name) = split_prefix(&w.name, &LegacyCommuneKind::prefixes())
        .with_context(|| format!("commune {} without type prefix: {:?}", w.code, w.name))?;
    let mut level = w.level.clone();
    errata.apply(GSO_WARD_SOURCE, &w.code, "Cấp", &mut level)?;
    if LegacyCommuneKind::from_prefix(&level) != Some(kind) {
        bail!(
            "commune {}: Cấp {:?} disagrees with name {:?}",
            w.code,
            level,
            w.name
        );
    }
    Ok(LegacyCommune {
        code: w.code.clone(),
        district: w.district_code.clone(),
        province: w.province_code.clone(),
        name,
        kind,
    })
}

pub fn build(wards: &[GsoWard], districts: &[GsoDistrict], errata: &Errata) -> Result<Legacy> {
    let mut provinces = BTreeMap::new();
    let mut dmap = BTreeMap::new();
    let mut district_names = BTreeMap::new();
    for d in districts {
        add_province(&mut provinces, &d.province_code, &d.province_name)
            .with_context(|| format!("GSO district {}", d.code))?;
        let ld = district_of(d).context("GSO district list")?;
        district_names.insert(d.code.clone(), d.name.clone());
        if dmap.insert(ld.code.clone(), ld).is_some() {
            bail!("GSO: duplicate district {}", d.code);
        }
    }
    let mut communes = BTreeMap::new();
    let mut full_names = BTreeMap::new();
    for w in wards {
        let ctx = || format!("GSO ward {} {:?}", w.code, w.name);
        add_province(&mut provinces, &w.province_code, &w.province_name).with_context(ctx)?;
        let d: &LegacyDistrict = dmap
            .get(&w.district_code)
            .with_context(|| format!("{}: unknown district {}", ctx(), w.district_code))?;
        if d.province != w.province_code
            || district_names.get(&w.district_code) != Some(&w.district_name)
        {
            bail!(
                "{}: district {} {:?} disagrees with the district list",
                ctx(),
                w.district_code,
                w.district_name
            );
        }
        let c = commune_of(w, errata).with_context(ctx)?;
        full_names.insert(w.code.clone(), w.name.clone());
        if communes.insert(c.code.clone(), c).is_some() {
            bail!("GSO: duplicate commune {}", w.code);
        }
    }
    Ok(Legacy {
        provinces,
        districts: dmap,
        communes,
        full_names,
    })
}
