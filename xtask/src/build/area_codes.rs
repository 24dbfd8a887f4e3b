//! `data/area_codes_curated.tsv`: the fixed-line telephone area code (mã
//! vùng) of each of the 63 legacy provinces, written by hand because no
//! staged source has them (legal basis and evidence in data/README.md).
//!
//! The importer does not write this file; it validates it and cross-checks
//! the rule that derives a current province's single area code: the code of
//! the legacy province whose name the current province bears.

use crate::build::current::Current;
use crate::build::legacy::Legacy;
use crate::expected::PROVINCES_2025;
use crate::sources::nested::NdProvince;
use crate::table::{expect_eq, read_text};
use crate::text::{is_code, tone_key};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE: &str = "data/area_codes_curated.tsv";
const HEADER: &str = "legacy_province\tarea_code";

/// Parses and validates the table: the header, one row per legacy province
/// in code order, area codes of two digits (Hà Nội 24, Hồ Chí Minh 28) or
/// three (2xx), none used twice.
pub fn parse(text: &str, legacy: &Legacy) -> Result<BTreeMap<String, String>> {
    let mut lines = text.lines();
    expect_eq(&format!("{FILE} header"), lines.next(), Some(HEADER))?;
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut last = String::new();
    for (n, line) in lines.enumerate() {
        let row = n + 2;
        let (province, code) = line
            .split_once('\t')
            .with_context(|| format!("{FILE}:{row}: expected two tab-separated fields"))?;
        if !legacy.provinces.contains_key(province) {
            bail!("{FILE}:{row}: {province:?} is not a legacy province code");
        }
        if province <= last.as_str() {
            bail!("{FILE}:{row}: {province} is out of order or repeated");
        }
        let two = matches!(province, "01" | "79");
        let width = if two { 2 } else { 3 };
        if !is_code(code, width) || !code.starts_with('2') {
            bail!(
                "{FILE}:{row}: area code {code:?} is not 2 followed by {} digits",
                width - 1
            );
        }
        if let Some((other, _)) = out.iter().find(|(_, c)| *c == code) {
            bail!("{FILE}:{row}: area code {code} already belongs to {other}");
        }
        last = province.to_string();
        out.insert(province.to_string(), code.to_string());
    }
    expect_eq(
        &format!("{FILE}: legacy provinces"),
        out.len(),
        legacy.provinces.len(),
    )?;
    Ok(out)
}

/// The legacy province each current province is named after, among the
/// legacy provinces merged into it.
pub fn namesakes(cur: &Current, legacy: &Legacy) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for (new, olds, _, _) in PROVINCES_2025 {
        let p = cur.provinces.get(new).context("province of §6")?;
        let same: Vec<&str> = olds
            .iter()
            .copied()
            .filter(|o| {
                legacy
                    .provinces
                    .get(*o)
                    .is_some_and(|lp| tone_key(&lp.name, true) == tone_key(&p.name, true))
            })
            .collect();
        match same.as_slice() {
            [one] => out.insert(new.to_string(), one.to_string()),
            _ => bail!(
                "province {new} {}: namesakes among {olds:?}: {same:?}",
                p.name
            ),
        };
    }
    Ok(out)
}

pub fn check(
    root: &Path,
    cur: &Current,
    legacy: &Legacy,
    nested: &[NdProvince],
) -> Result<BTreeMap<String, String>> {
    let codes = parse(&read_text(&root.join(FILE))?, legacy)?;
    let namesakes = namesakes(cur, legacy)?;
    let renamed = namesakes.iter().filter(|(n, o)| n != o).count();
    let mut by_name = 0;
    let mut by_code = 0;
    for p in nested {
        let new = format!("{:02}", p.code);
        let phone = p.phone_code.to_string();
        let old = namesakes.get(&new).context("nested province")?;
        if codes.get(old) == Some(&phone) {
            by_name += 1;
        }
        if codes.get(&new) == Some(&phone) {
            by_code += 1;
        }
    }
    println!(
        "  {FILE}: 63 legacy area codes; current province's code = code of its namesake legacy province (named after one with another code: {renamed}): agrees with nested-divisions.json phone_code {by_name}/{} (by equal province code instead: {by_code})",
        nested.len()
    );
    expect_eq("namesakes with another code", renamed, 7)?;
    expect_eq("area codes by namesake vs nested-divisions", by_name, 34)?;
    expect_eq("area codes by equal code vs nested-divisions", by_code, 27)?;
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LegacyProvince, ProvinceKind};

    fn legacy(codes: &[&str]) -> Legacy {
        Legacy {
            provinces: codes
                .iter()
                .map(|c| {
                    let p = LegacyProvince {
                        code: c.to_string(),
                        name: format!("P{c}"),
                        kind: ProvinceKind::Province,
                    };
                    (c.to_string(), p)
                })
                .collect(),
            districts: BTreeMap::new(),
            communes: BTreeMap::new(),
            full_names: BTreeMap::new(),
        }
    }

    #[test]
    fn validates() {
        let l = legacy(&["01", "02"]);
        let ok = parse("legacy_province\tarea_code\n01\t24\n02\t219\n", &l).unwrap();
        assert_eq!(ok["02"], "219");
        for bad in [
            "legacy_province\tarea_code\n02\t219\n01\t24\n",
            "legacy_province\tarea_code\n01\t24\n02\t24\n",
            "legacy_province\tarea_code\n01\t24\n02\t319\n",
            "legacy_province\tarea_code\n01\t241\n02\t219\n",
            "legacy_province\tarea_code\n01\t24\n",
            "legacy_province\tarea_code\n01\t24\n03\t219\n",
            "province\tarea_code\n01\t24\n02\t219\n",
        ] {
            assert!(parse(bad, &l).is_err(), "{bad:?}");
        }
    }
}
