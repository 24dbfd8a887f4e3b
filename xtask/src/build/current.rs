//! The current list as of 2025-07-01 from the CAS JSON.

use crate::checks::compare::{UnitView, Units};
use crate::model::Kind as _;
use crate::model::{Commune, CommuneKind, Province, ProvinceKind};
use crate::sources::cas::CasCommune;
use crate::table::expect_eq;
use crate::text::{clean, is_code, is_nfc_str, split_prefix};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

pub struct Current {
    pub provinces: BTreeMap<String, Province>,
    pub communes: BTreeMap<String, Commune>,
    /// Full names as written in CAS (cleaned), by code.
    pub full_names: BTreeMap<String, String>,
}

impl Current {
    /// Full names with type prefix, for code-by-code comparisons.
    pub fn commune_views(&self) -> Units {
        self.communes
            .iter()
            .map(|(code, c)| {
                let full = self.full_names.get(code).cloned().unwrap_or_default();
                let v = UnitView {
                    full_name: full,
                    kind: c.kind.id().into(),
                    parent: c.province.clone(),
                };
                (code.clone(), v)
            })
            .collect()
    }

    pub fn province_views(&self) -> Units {
        self.provinces
            .iter()
            .map(|(code, p)| {
                let v = UnitView {
                    full_name: format!("{} {}", p.kind.prefix(), p.name),
                    kind: p.kind.id().into(),
                    parent: String::new(),
                };
                (code.clone(), v)
            })
            .collect()
    }
}

/// "Số: 1656/NQ-UBTVQH15; Ngày: 16/06/2025" → ("1656/NQ-UBTVQH15", "16/06/2025").
fn parse_decree(decree: &str) -> Result<(String, String)> {
    let d = clean(decree);
    let (num, date) = d.split_once("; ").context("no '; ' separator")?;
    let num = num.strip_prefix("Số: ").context("no 'Số: '")?;
    let date = date.strip_prefix("Ngày: ").context("no 'Ngày: '")?;
    let (n, suffix) = num.split_once('/').context("no '/' in the number")?;
    let n: u32 = n.parse().context("resolution number")?;
    if suffix != "NQ-UBTVQH15" || !(1654..=1687).contains(&n) {
        bail!("not one of 1654–1687/NQ-UBTVQH15: {num}");
    }
    Ok((num.to_string(), date.to_string()))
}

fn province_of(c: &CasCommune) -> Result<Province> {
    let full = clean(&c.province_name);
    let (kind, name) = split_prefix(&full, &ProvinceKind::prefixes())
        .with_context(|| format!("province name without type prefix: {full:?}"))?;
    Ok(Province {
        code: c.province_code.clone(),
        name,
        kind,
    })
}

fn commune_of(c: &CasCommune) -> Result<Commune> {
    if !is_code(&c.code, 5) || !is_code(&c.province_code, 2) {
        bail!("bad code {:?} / {:?}", c.code, c.province_code);
    }
    let level = CommuneKind::from_prefix(&c.level)
        .with_context(|| format!("unknown administrativeLevel {:?}", c.level))?;
    let full = clean(&c.raw_name);
    let (kind, name) = split_prefix(&full, &CommuneKind::prefixes())
        .with_context(|| format!("name without type prefix: {full:?}"))?;
    if kind != level {
        bail!("name prefix {kind} disagrees with administrativeLevel {level}");
    }
    let (resolution, date) = parse_decree(&c.decree)?;
    expect_eq("resolution date", date.as_str(), "16/06/2025")?;
    Ok(Commune {
        code: c.code.clone(),
        province: c.province_code.clone(),
        name,
        kind,
        resolution,
    })
}

pub fn build(cas: &[CasCommune]) -> Result<Current> {
    let mut provinces: BTreeMap<String, Province> = BTreeMap::new();
    let mut communes = BTreeMap::new();
    let mut full_names = BTreeMap::new();
    for c in cas {
        let ctx = || format!("CAS commune {} {:?}", c.code, c.raw_name);
        let commune = commune_of(c).with_context(ctx)?;
        let province = province_of(c).with_context(ctx)?;
        match provinces.get(&province.code) {
            Some(p) if p.name != province.name || p.kind != province.kind => {
                bail!("CAS province {} has two names", p.code)
            }
            Some(_) => {}
            None => {
                provinces.insert(province.code.clone(), province);
            }
        }
        full_names.insert(c.code.clone(), clean(&c.raw_name));
        if communes.insert(commune.code.clone(), commune).is_some() {
            bail!("CAS: duplicate code {}", c.code);
        }
    }
    Ok(Current {
        provinces,
        communes,
        full_names,
    })
}

/// PROVENANCE §2.1 "Known problems" of the CAS JSON.
pub fn check_raw_quality(cas: &[CasCommune]) -> Result<()> {
    let ws = cas
        .iter()
        .filter(|c| c.raw_name.split_whitespace().collect::<Vec<_>>().join(" ") != c.raw_name)
        .count();
    let non_nfc = cas.iter().filter(|c| !is_nfc_str(&c.raw_name)).count();
    let curly = cas.iter().filter(|c| c.raw_name.contains('’')).count();
    println!("  CAS raw names: {ws} with stray whitespace, {non_nfc} not NFC, {curly} with ’");
    expect_eq("CAS names with stray whitespace", ws, 2)?;
    expect_eq("CAS names not NFC", non_nfc, 4)?;
    expect_eq("CAS names with curly apostrophe", curly, 7)
}
