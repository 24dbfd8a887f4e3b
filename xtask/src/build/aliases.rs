//! data/aliases.tsv: other spellings of official names.
//!
//! * `tone`: differs from the official name only in tone placement, letter
//!   case or apostrophe form (pure case differences are not kept);
//! * `spelling`: another old spelling from the NSO conversion table;
//! * `historical`: ASCII keys of former names from vietnamadminunits'
//!   alias_ward.csv, tied to a legacy commune by its folded full names.

use crate::build::current::Current;
use crate::build::legacy::Legacy;
use crate::model::Kind as _;
use crate::model::{CommuneKind, DistrictKind, LegacyCommuneKind, ProvinceKind};
use crate::sources::conversion::ConvRow;
use crate::sources::thanglequoc::TlqDb;
use crate::sources::vau::AliasRow;
use crate::table::expect_eq;
use crate::text::{ascii_fold, name_diff, split_paren_code, split_prefix, NameDiff};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};

pub const PROVINCE: &str = "province";
pub const COMMUNE: &str = "commune";
pub const LEGACY_PROVINCE: &str = "legacy_province";
pub const LEGACY_DISTRICT: &str = "legacy_district";
pub const LEGACY_COMMUNE: &str = "legacy_commune";

#[derive(Default)]
pub struct Aliases {
    /// (level, code) → official name without prefix
    official: BTreeMap<(&'static str, String), String>,
    /// (level, code, alias) → (kind, source)
    pub rows: BTreeMap<(&'static str, String, String), (&'static str, &'static str)>,
    case_only: usize,
}

impl Aliases {
    fn new(cur: &Current, legacy: &Legacy) -> Aliases {
        let mut official = BTreeMap::new();
        for p in cur.provinces.values() {
            official.insert((PROVINCE, p.code.clone()), p.name.clone());
        }
        for c in cur.communes.values() {
            official.insert((COMMUNE, c.code.clone()), c.name.clone());
        }
        for p in legacy.provinces.values() {
            official.insert((LEGACY_PROVINCE, p.code.clone()), p.name.clone());
        }
        for d in legacy.districts.values() {
            official.insert((LEGACY_DISTRICT, d.code.clone()), d.name.clone());
        }
        for c in legacy.communes.values() {
            official.insert((LEGACY_COMMUNE, c.code.clone()), c.name.clone());
        }
        Aliases {
            official,
            ..Default::default()
        }
    }

    /// Offers a variant (without type prefix). Kept as `tone`, or as
    /// `spelling` if `spelling_ok`; otherwise a non-tone difference is an error.
    fn offer(
        &mut self,
        level: &'static str,
        code: &str,
        variant: &str,
        source: &'static str,
        spelling_ok: bool,
    ) -> Result<()> {
        let official = self
            .official
            .get(&(level, code.to_string()))
            .with_context(|| format!("{source}: unknown {level} {code}"))?;
        let kind = match name_diff(official, variant) {
            NameDiff::Exact => return Ok(()),
            NameDiff::Case => {
                self.case_only += 1;
                return Ok(());
            }
            NameDiff::Tone | NameDiff::Apostrophe => "tone",
            NameDiff::Other if spelling_ok => "spelling",
            NameDiff::Other => {
                bail!("{source}: {level} {code} {variant:?} is not a tone variant of {official:?}")
            }
        };
        self.rows
            .entry((level, code.to_string(), variant.to_string()))
            .or_insert((kind, source));
        Ok(())
    }
}

fn bare<K: Copy>(full: &str, prefixes: &[(&str, K)]) -> String {
    split_prefix(full, prefixes)
        .map(|(_, n)| n)
        .unwrap_or_else(|| full.to_string())
}

fn from_conversion(a: &mut Aliases, rows: &[ConvRow]) -> Result<()> {
    const S: &str = "nso-conversion";
    let (pp, cp, dp, lp) = (
        ProvinceKind::prefixes(),
        CommuneKind::prefixes(),
        DistrictKind::prefixes(),
        LegacyCommuneKind::prefixes(),
    );
    for r in rows {
        let (name, code) = split_paren_code(&r.new_province).context("new province label")?;
        a.offer(PROVINCE, &code, &bare(&name, &pp), S, false)?;
        a.offer(COMMUNE, &r.new_code, &bare(&r.new_name, &cp), S, false)?;
        if let Some((name, code)) = split_paren_code(&r.old_district) {
            a.offer(LEGACY_DISTRICT, &code, &bare(&name, &dp), S, true)?;
        }
        if let Some((name, code)) = split_paren_code(&r.old_province) {
            a.offer(LEGACY_PROVINCE, &code, &bare(&name, &pp), S, false)?;
        }
        if !r.old_code.is_empty() {
            a.offer(
                LEGACY_COMMUNE,
                &r.old_code,
                &bare(&r.old_name, &lp),
                S,
                true,
            )?;
        }
    }
    Ok(())
}

fn from_thanglequoc(
    a: &mut Aliases,
    db: &TlqDb,
    source: &'static str,
    legacy_levels: bool,
) -> Result<()> {
    let pp = ProvinceKind::prefixes();
    let (plevel, clevel) = if legacy_levels {
        (LEGACY_PROVINCE, LEGACY_COMMUNE)
    } else {
        (PROVINCE, COMMUNE)
    };
    for (code, u) in db.units("provinces", None)? {
        a.offer(plevel, &code, &bare(&u.full_name, &pp), source, false)?;
    }
    if legacy_levels {
        let dp = DistrictKind::prefixes();
        for (code, u) in db.units("districts", None)? {
            a.offer(
                LEGACY_DISTRICT,
                &code,
                &bare(&u.full_name, &dp),
                source,
                false,
            )?;
        }
        let lp = LegacyCommuneKind::prefixes();
        for (code, u) in db.units("wards", None)? {
            a.offer(clevel, &code, &bare(&u.full_name, &lp), source, false)?;
        }
    } else {
        let cp = CommuneKind::prefixes();
        for (code, u) in db.units("wards", None)? {
            a.offer(clevel, &code, &bare(&u.full_name, &cp), source, false)?;
        }
    }
    Ok(())
}

const NAMED_PREFIXES: [&str; 4] = ["thitran", "phuong", "xa", "tt"];
const NUMBERED_PREFIXES: [&str; 8] = ["thitran", "phuong", "ward", "xa", "tt", "p", "f", "x"];

/// ASCII base of an alias keyword: kind prefix removed, numbers without
/// leading zeros. A keyword that another keyword of the same ward repeats
/// behind a prefix ("phuongcach" next to "xaphuongcach") is already bare.
pub fn base_keyword(k: &str, group: &BTreeSet<&str>) -> String {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let number = |s: &str| {
        let t = s.trim_start_matches('0');
        if t.is_empty() {
            "0".to_string()
        } else {
            t.to_string()
        }
    };
    if digits(k) {
        return number(k);
    }
    for p in NUMBERED_PREFIXES {
        if let Some(rest) = k.strip_prefix(p).filter(|r| digits(r)) {
            return number(rest);
        }
    }
    let is_bare = group
        .iter()
        .any(|o| NAMED_PREFIXES.iter().any(|p| o.strip_prefix(p) == Some(k)));
    if !is_bare {
        for p in NAMED_PREFIXES {
            if let Some(rest) = k.strip_prefix(p).filter(|r| !r.is_empty()) {
                return rest.to_string();
            }
        }
    }
    k.to_string()
}

type Triple = (String, String, String);

/// Compact lowercase form that keeps diacritics ("Xã Đông Thành" →
/// "xãđôngthành"); alias_ward writes ward keys this way where the ASCII
/// fold is ambiguous.
fn compact_lower(s: &str) -> String {
    crate::text::clean(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Folded (province, district, commune) full names → legacy codes. Besides
/// the GSO name, the conversion table's spelling of the old commune is
/// indexed too (alias_ward often uses it), and so is the commune name in
/// compact lowercase with its diacritics.
fn fold_index(
    legacy: &Legacy,
    conversion: &[ConvRow],
) -> Result<BTreeMap<Triple, BTreeSet<String>>> {
    let mut spellings: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (code, full) in &legacy.full_names {
        spellings.entry(code).or_default().insert(full);
    }
    for r in conversion.iter().filter(|r| !r.old_code.is_empty()) {
        spellings
            .entry(&r.old_code)
            .or_default()
            .insert(&r.old_name);
    }
    let mut idx: BTreeMap<Triple, BTreeSet<String>> = BTreeMap::new();
    for c in legacy.communes.values() {
        let d = legacy.districts.get(&c.district).context("district")?;
        let p = legacy.provinces.get(&d.province).context("province")?;
        let pf = ascii_fold(&format!("{} {}", p.kind.prefix(), p.name));
        let df = ascii_fold(&format!("{} {}", d.kind.prefix(), d.name));
        for name in spellings.get(c.code.as_str()).into_iter().flatten() {
            for ward in [ascii_fold(name), compact_lower(name)] {
                idx.entry((pf.clone(), df.clone(), ward))
                    .or_default()
                    .insert(c.code.clone());
            }
        }
    }
    Ok(idx)
}

fn from_alias_ward(
    a: &mut Aliases,
    legacy: &Legacy,
    conversion: &[ConvRow],
    rows: &[AliasRow],
) -> Result<()> {
    let idx = fold_index(legacy, conversion)?;
    let folded: Vec<(Triple, String)> = rows
        .iter()
        .map(|r| {
            let ward = if r.ward_key.is_ascii() {
                ascii_fold(&r.ward_key)
            } else {
                compact_lower(&r.ward_key)
            };
            let key = (
                ascii_fold(&r.province_key),
                ascii_fold(&r.district_key),
                ward,
            );
            (key, ascii_fold(&r.keyword))
        })
        .collect();
    let mut groups: BTreeMap<&Triple, BTreeSet<&str>> = BTreeMap::new();
    for (key, kw) in &folded {
        groups.entry(key).or_default().insert(kw);
    }
    let empty = BTreeSet::new();
    let (mut tied, mut dropped, mut same, before) = (0, 0, 0, a.rows.len());
    for (key, kw) in &folded {
        let code = match idx.get(key) {
            Some(codes) if codes.len() == 1 => codes.iter().next().context("code")?,
            _ => {
                dropped += 1;
                continue;
            }
        };
        tied += 1;
        let base = base_keyword(kw, groups.get(key).unwrap_or(&empty));
        let official = &legacy.communes.get(code).context("legacy code")?.name;
        if base.is_empty() || base == ascii_fold(official) {
            same += 1;
            continue;
        }
        a.rows
            .entry((LEGACY_COMMUNE, code.clone(), base))
            .or_insert(("historical", "alias_ward"));
    }
    let added = a.rows.len() - before;
    println!(
        "    alias_ward.csv: {} rows, {tied} tied to a legacy commune code, {dropped} dropped (no unique match), {same} equal to the official name; {added} historical aliases",
        rows.len()
    );
    expect_eq("alias_ward rows", rows.len(), 3963)?;
    Ok(())
}

pub struct Inputs<'a> {
    pub conversion: &'a [ConvRow],
    pub tlq241: &'a TlqDb,
    pub tlq302: &'a TlqDb,
    pub tlq_now: &'a TlqDb,
    pub alias_ward: &'a [AliasRow],
}

pub fn build(cur: &Current, legacy: &Legacy, inp: &Inputs) -> Result<Aliases> {
    let mut a = Aliases::new(cur, legacy);
    from_conversion(&mut a, inp.conversion)?;
    from_thanglequoc(&mut a, inp.tlq241, "thanglequoc-v2.4.1", true)?;
    from_thanglequoc(&mut a, inp.tlq302, "thanglequoc-v3.0.2", false)?;
    from_thanglequoc(&mut a, inp.tlq_now, "thanglequoc-v4.2.0", false)?;
    from_alias_ward(&mut a, legacy, inp.conversion, inp.alias_ward)?;
    let mut stats: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for ((level, _, _), (kind, source)) in &a.rows {
        *stats.entry((level, kind, source)).or_default() += 1;
    }
    println!(
        "  aliases: {} rows ({} case-only variants not kept)",
        a.rows.len(),
        a.case_only
    );
    for ((level, kind, source), n) in stats {
        println!("    {level:<16} {kind:<10} {source:<20} {n}");
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::base_keyword;
    use std::collections::BTreeSet;

    #[test]
    fn keywords() {
        let g: BTreeSet<&str> = ["phuongcach", "xaphuongcach", "xaleloi"]
            .into_iter()
            .collect();
        assert_eq!(base_keyword("phuongcach", &g), "phuongcach");
        assert_eq!(base_keyword("xaphuongcach", &g), "phuongcach");
        assert_eq!(base_keyword("xaleloi", &g), "leloi");
        let e = BTreeSet::new();
        assert_eq!(base_keyword("phuong06", &e), "6");
        assert_eq!(base_keyword("f10", &e), "10");
        assert_eq!(base_keyword("ward10", &e), "10");
        assert_eq!(base_keyword("tttroi", &e), "troi");
        assert_eq!(base_keyword("xuanthanh", &e), "xuanthanh");
    }
}
