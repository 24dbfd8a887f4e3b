//! Postal codes (mã bưu chính) of the 3,321 communes and the two-digit
//! prefixes of the 34 provinces, from thanglequoc's data file of 10 August
//! 2026 (Decision 2334/QĐ-BKHCN of 24 August 2025; PROVENANCE §11).
//!
//! A single source: what can be checked is checked here (one code per
//! commune, five digits, no code shared, every code under one of its
//! province's prefixes, no prefix shared by two provinces) and pinned.

use crate::build::current::Current;
use crate::checks::compare::compare;
use crate::checks::new_list::tlq_views;
use crate::errata::Errata;
use crate::expected::{CHANGES, POSTAL_SAMPLES, POSTAL_UNUSED_PREFIXES};
use crate::sources::thanglequoc::{get, TlqDb};
use crate::table::expect_eq;
use crate::text::is_code;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

/// Source id of the v5 data file in errata and data/README.md.
pub const SOURCE: &str = "thanglequoc-v5";

pub struct Postal {
    /// commune code → five-digit postal code
    pub communes: BTreeMap<String, String>,
    /// (province code, two-digit prefix), every prefix of every province
    pub prefixes: BTreeSet<(String, String)>,
}

/// "10, 11, 12" → ["10", "11", "12"]; every item two digits.
pub fn parse_prefixes(raw: &str) -> Result<Vec<String>> {
    let items: Vec<String> = raw.split(',').map(|p| p.trim().to_string()).collect();
    if let Some(bad) = items.iter().find(|p| !is_code(p, 2)) {
        bail!("postal prefix {bad:?} in {raw:?} is not two digits");
    }
    Ok(items)
}

pub fn build(cur: &Current, db: &mut TlqDb, errata: &Errata) -> Result<Postal> {
    let raw = compare(
        &cur.commune_views(),
        &tlq_views(db, "wards", Some("province_code"))?,
    );
    println!("  thanglequoc v5 (10 Aug 2026, raw): {}", raw.summary());
    raw.expect("thanglequoc v5 raw", [3320, 3121, 182, 7, 10])?;
    db.apply_errata(errata, SOURCE)?;
    let fixed = compare(
        &cur.commune_views(),
        &tlq_views(db, "wards", Some("province_code"))?,
    );
    println!("    after errata: {}", fixed.summary());
    // "other" names and kinds: the kinds of 10 August 2026, i.e. the 10 Đồng
    // Nai xã that became phường under 237/NQ-UBTVQH16 (AMENDMENTS.md)
    fixed.expect("thanglequoc v5 fixed", [3321, 3122, 182, 7, 10])?;
    let dong_nai: Vec<String> = CHANGES
        .iter()
        .filter(|(_, _, basis)| *basis == "237/NQ-UBTVQH16")
        .map(|(_, code, _)| code.to_string())
        .collect();
    expect_eq(
        "thanglequoc v5 kinds unlike 2025-07-01",
        &fixed.kind_diff,
        &dong_nai,
    )?;
    expect_eq(
        "thanglequoc v5 names unlike 2025-07-01",
        &fixed.other,
        &dong_nai,
    )?;

    let mut prefixes = BTreeSet::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for r in db.rows("provinces")? {
        let province = get(r, "code")?;
        if !cur.provinces.contains_key(province) {
            bail!("thanglequoc v5: unknown province {province}");
        }
        for p in parse_prefixes(get(r, "postal_code_prefix")?)
            .with_context(|| format!("province {province}"))?
        {
            if let Some(other) = owner.insert(p.clone(), province.to_string()) {
                bail!("postal prefix {p} belongs to provinces {other} and {province}");
            }
            prefixes.insert((province.to_string(), p));
        }
    }
    expect_eq(
        "provinces with postal prefixes",
        prefixes
            .iter()
            .map(|(p, _)| p)
            .collect::<BTreeSet<_>>()
            .len(),
        34,
    )?;
    expect_eq("postal prefixes", prefixes.len(), 83)?;

    let mut communes = BTreeMap::new();
    let mut by_postal: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut off_prefix = Vec::new();
    for r in db.rows("wards")? {
        let code = get(r, "code")?;
        let c = cur
            .communes
            .get(code)
            .with_context(|| format!("thanglequoc v5: unknown commune {code}"))?;
        expect_eq(
            &format!("thanglequoc v5 province of {code}"),
            get(r, "province_code")?,
            c.province.as_str(),
        )?;
        let postal = get(r, "postal_code")?;
        if !is_code(postal, 5) {
            bail!("commune {code}: postal code {postal:?} is not five digits");
        }
        if owner.get(&postal[..2]) != Some(&c.province) {
            off_prefix.push(format!("{code}:{postal}"));
        }
        by_postal
            .entry(postal.to_string())
            .or_default()
            .push(code.to_string());
        if communes
            .insert(code.to_string(), postal.to_string())
            .is_some()
        {
            bail!("thanglequoc v5: commune {code} twice");
        }
    }
    let shared: Vec<String> = by_postal
        .iter()
        .filter(|(_, codes)| codes.len() > 1)
        .map(|(postal, codes)| format!("{postal}: {}", codes.join(", ")))
        .collect();
    let unused: Vec<String> = prefixes
        .iter()
        .filter(|(province, p)| {
            !communes.iter().any(|(c, postal)| {
                postal.starts_with(p.as_str()) && cur.communes[c].province == *province
            })
        })
        .map(|(province, p)| format!("{province}:{p}"))
        .collect();
    println!(
        "  postal codes: {} communes, {} distinct codes, {} prefixes of 34 provinces (none shared); codes under a prefix of another province: {}; codes shared by two communes: {}; prefixes no commune uses: {}",
        communes.len(),
        by_postal.len(),
        prefixes.len(),
        off_prefix.len(),
        shared.len(),
        unused.join(" ")
    );
    expect_eq(
        "communes with a postal code",
        communes.len(),
        cur.communes.len(),
    )?;
    expect_eq("codes under another province's prefix", off_prefix, vec![])?;
    expect_eq("postal codes shared by communes", shared, vec![])?;
    expect_eq(
        "prefixes no commune uses",
        unused,
        POSTAL_UNUSED_PREFIXES.map(String::from).to_vec(),
    )?;
    for (code, postal) in POSTAL_SAMPLES {
        expect_eq(
            &format!("postal code of {code}"),
            communes.get(code).map(String::as_str),
            Some(postal),
        )?;
    }
    println!(
        "    {} sample codes as pinned (incl. the two the official annex misprints)",
        POSTAL_SAMPLES.len()
    );
    Ok(Postal { communes, prefixes })
}

#[cfg(test)]
mod tests {
    use super::parse_prefixes;

    #[test]
    fn prefixes() {
        assert_eq!(parse_prefixes("10, 11,12").unwrap(), ["10", "11", "12"]);
        assert_eq!(parse_prefixes("01").unwrap(), ["01"]);
        assert!(parse_prefixes("1, 11").is_err());
        assert!(parse_prefixes("").is_err());
        assert!(parse_prefixes("10; 11").is_err());
    }
}
