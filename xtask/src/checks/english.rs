//! English names and codenames: how far each source follows the rules of
//! data/README.md ("English names and codenames"). Nothing here is written
//! to data/: the rules derive every value, and the figures below are the
//! evidence for them. A source value that departs from a rule is listed and
//! pinned, so that a change upstream is noticed.

use super::kinds::kind_id;
use crate::build::current::Current;
use crate::build::legacy::Legacy;
use crate::expected::SHARED_CODENAMES;
use crate::model::{CommuneKind, DistrictKind, LegacyCommuneKind, ProvinceKind};
use crate::sources::cas::CasCommune;
use crate::sources::gso::{GsoDistrict, GsoWard};
use crate::sources::nested::NdProvince;
use crate::sources::thanglequoc::{get, TlqDb};
use crate::table::expect_eq;
use crate::text::{english_name, full_english_name, slug};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

pub struct Inputs<'a> {
    pub cur: &'a Current,
    pub legacy: &'a Legacy,
    pub cas: &'a [CasCommune],
    pub gso_wards: &'a [GsoWard],
    pub gso_districts: &'a [GsoDistrict],
    pub tlq241: &'a TlqDb,
    /// thanglequoc v5 data file, Ba Chẽ's code already corrected by errata
    pub tlq5: &'a TlqDb,
    pub nested: &'a [NdProvince],
}

/// One unit of ours: level table, code → (official name, English kind word).
type Names = BTreeMap<String, (String, &'static str)>;

struct Ours {
    provinces: Names,
    communes: Names,
    legacy_provinces: Names,
    legacy_districts: Names,
    legacy_communes: Names,
}

fn ours(cur: &Current, legacy: &Legacy) -> Ours {
    let names = |it: &mut dyn Iterator<Item = (String, String, &'static str)>| -> Names {
        it.map(|(code, name, kind)| (code, (name, kind))).collect()
    };
    Ours {
        provinces: names(
            &mut cur
                .provinces
                .values()
                .map(|p| (p.code.clone(), p.name.clone(), p.kind.english())),
        ),
        communes: names(
            &mut cur
                .communes
                .values()
                .map(|c| (c.code.clone(), c.name.clone(), c.kind.english())),
        ),
        legacy_provinces: names(
            &mut legacy
                .provinces
                .values()
                .map(|p| (p.code.clone(), p.name.clone(), p.kind.english())),
        ),
        legacy_districts: names(
            &mut legacy
                .districts
                .values()
                .map(|d| (d.code.clone(), d.name.clone(), d.kind.english())),
        ),
        legacy_communes: names(
            &mut legacy
                .communes
                .values()
                .map(|c| (c.code.clone(), c.name.clone(), c.kind.english())),
        ),
    }
}

pub fn check(i: &Inputs) -> Result<()> {
    let o = ours(i.cur, i.legacy);
    check_ascii(&o)?;
    check_thanglequoc(&o, i.tlq5, i.tlq241)?;
    check_gso(&o, i.gso_wards, i.gso_districts)?;
    check_cas(&o, i.cas, i.gso_wards)?;
    check_slugs(i)
}

/// The rule yields printable ASCII for every unit of both structures.
fn check_ascii(o: &Ours) -> Result<()> {
    let all = [
        &o.provinces,
        &o.communes,
        &o.legacy_provinces,
        &o.legacy_districts,
        &o.legacy_communes,
    ];
    let mut n = 0;
    for (code, (name, _)) in all.iter().flat_map(|m| m.iter()) {
        let en = english_name(name);
        if !en.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
            bail!("English name of {code} {name:?} is not ASCII: {en:?}");
        }
        n += 1;
    }
    println!("  English names by the rule: {n} units of both structures, all printable ASCII");
    expect_eq("units named", n, 34 + 3321 + 63 + 696 + 10035)
}

/// Our kind word for a thanglequoc `administrative_units.code_name`.
fn our_word(table: &str, legacy: bool, unit: &str) -> Option<&'static str> {
    let id = kind_id(unit);
    match (table, legacy) {
        ("provinces", _) => ProvinceKind::from_id(&id).map(ProvinceKind::english),
        ("districts", _) => DistrictKind::from_id(&id).map(DistrictKind::english),
        ("wards", false) => CommuneKind::from_id(&id).map(CommuneKind::english),
        ("wards", true) => LegacyCommuneKind::from_id(&id).map(LegacyCommuneKind::english),
        _ => None,
    }
}

/// For one thanglequoc table: how many `name_en` equal the rule (the
/// others listed as "code:value"), whether every `full_name_en` puts the
/// source's own kind word where the digit rule puts it, and the kind words
/// that differ from ours ("kind:theirs").
fn tlq_table(
    db: &TlqDb,
    table: &str,
    reference: &Names,
    legacy: bool,
) -> Result<(usize, Vec<String>, Vec<String>)> {
    let units = db.rows("administrative_units")?;
    let word: BTreeMap<&str, (&str, &str)> = units
        .iter()
        .map(|u| {
            Ok((
                get(u, "id")?,
                (get(u, "code_name")?, get(u, "short_name_en")?),
            ))
        })
        .collect::<Result<_>>()?;
    let mut same = 0;
    let mut differ = Vec::new();
    let mut words = std::collections::BTreeSet::new();
    let rows = db.rows(table)?;
    for r in rows {
        let code = get(r, "code")?;
        let (name, _) = reference
            .get(code)
            .with_context(|| format!("{}: {table} {code} unknown", db.label))?;
        let name_en = get(r, "name_en")?;
        if name_en == english_name(name) {
            same += 1;
        } else {
            differ.push(format!("{code}:{name_en}"));
        }
        let (unit, theirs) = *word
            .get(get(r, "administrative_unit_id")?)
            .with_context(|| format!("{}: unit of {code}", db.label))?;
        let full = get(r, "full_name_en")?;
        if full != full_english_name(name_en, theirs) {
            bail!(
                "{}: {table} {code}: full_name_en {full:?} does not follow the digit rule",
                db.label
            );
        }
        let ours = our_word(table, legacy, unit)
            .with_context(|| format!("{}: unit {unit} of {code}", db.label))?;
        if ours != theirs {
            words.insert(format!("{}:{theirs}", kind_id(unit)));
        }
    }
    println!(
        "    {table}: name_en = rule {same}/{}; full_name_en word order = digit rule {n}/{n}; other kind words {words:?}; differing {differ:?}",
        rows.len(),
        n = rows.len()
    );
    Ok((same, differ, words.into_iter().collect()))
}

fn check_thanglequoc(o: &Ours, v5: &TlqDb, v241: &TlqDb) -> Result<()> {
    println!("  thanglequoc v5 (10 Aug 2026):");
    let (n, d, w) = tlq_table(v5, "provinces", &o.provinces, false)?;
    expect_eq(
        "v5 provinces name_en",
        (n, d),
        (32, vec![s("01:Hanoi"), s("31:Haiphong")]),
    )?;
    expect_eq("v5 province kind words", w, vec![])?;
    let (n, d, w) = tlq_table(v5, "wards", &o.communes, false)?;
    expect_eq(
        "v5 wards name_en",
        (n, d),
        (3319, vec![s("20333:Paracel"), s("22736:Spratly")]),
    )?;
    expect_eq(
        "v5 ward kind words",
        w,
        vec![s("dac_khu:Special administrative region")],
    )?;
    println!("  thanglequoc v2.4.1 (legacy):");
    let (n, d, w) = tlq_table(v241, "provinces", &o.legacy_provinces, true)?;
    expect_eq("v2.4.1 provinces", (n, d, w), (63, vec![], vec![]))?;
    let (n, d, w) = tlq_table(v241, "districts", &o.legacy_districts, true)?;
    expect_eq("v2.4.1 districts", (n, d, w), (696, vec![], vec![]))?;
    let (n, d, w) = tlq_table(v241, "wards", &o.legacy_communes, true)?;
    expect_eq(
        "v2.4.1 wards",
        (n, d, w),
        (10035, vec![], vec![s("thi_tran:Township")]),
    )
}

fn s(x: &str) -> String {
    x.to_string()
}

/// Kind words GSO appends to its English names (any case; "Dist" once).
const GSO_WORDS: [&str; 9] = [
    "commune", "ward", "town", "township", "district", "dist", "precinct", "city", "province",
];

/// How a free-text English name relates to the rule's value: [exact, only
/// letter case, only once the diacritics the source kept are removed, other].
fn classify(source: &str, name: &str) -> usize {
    let words: Vec<&str> = source.split(' ').collect();
    let bare = match words.split_last() {
        Some((last, rest))
            if !rest.is_empty() && GSO_WORDS.contains(&last.to_lowercase().as_str()) =>
        {
            rest.join(" ")
        }
        _ => source.to_string(),
    };
    let want = english_name(name);
    if bare == want {
        0
    } else if bare.to_lowercase() == want.to_lowercase() {
        1
    } else if english_name(&bare).to_lowercase() == want.to_lowercase() {
        2
    } else {
        3
    }
}

fn check_gso(o: &Ours, wards: &[GsoWard], districts: &[GsoDistrict]) -> Result<()> {
    let mut c = [0usize; 4];
    let mut other = Vec::new();
    for w in wards.iter().filter(|w| !w.english.is_empty()) {
        let (name, _) = o.legacy_communes.get(&w.code).context("GSO ward code")?;
        let k = classify(&w.english, name);
        c[k] += 1;
        if k == 3 {
            other.push(format!("{}:{}", w.code, w.english));
        }
    }
    let mut d = [0usize; 4];
    for w in districts.iter().filter(|w| !w.english.is_empty()) {
        let (name, _) = o
            .legacy_districts
            .get(&w.code)
            .context("GSO district code")?;
        d[classify(&w.english, name)] += 1;
    }
    println!(
        "  GSO Tên Tiếng Anh (kind word dropped) vs the rule: communes {} (exact / case only / diacritics kept / other {}: {other:?}); districts {}",
        c.map(|x| x.to_string()).join(" / "),
        c[3],
        d.map(|x| x.to_string()).join(" / ")
    );
    expect_eq("GSO commune English names", c, [150, 1, 9, 5])?;
    expect_eq(
        "GSO commune English names not of the commune",
        other,
        vec![
            s("04066:Cập nhật tên theo NQ1280/NQ-UBTVQH15"),
            s("16763:Que Son Commune"),
            s("17110:Hoang Mai town"),
            s("23945:Chu Phong Commune"),
            s("26526:Ninh An Nguyên Commune"),
        ],
    )?;
    expect_eq("GSO district English names", d, [13, 0, 3, 0])
}

/// PROVENANCE §2.1: CAS `englishName` is left over from old units.
fn check_cas(o: &Ours, cas: &[CasCommune], gso: &[GsoWard]) -> Result<()> {
    let gso_en: BTreeMap<&str, &str> = gso
        .iter()
        .map(|w| (w.code.as_str(), w.english.as_str()))
        .collect();
    let filled: Vec<&CasCommune> = cas.iter().filter(|c| !c.english_name.is_empty()).collect();
    let old = filled
        .iter()
        .filter(|c| gso_en.get(c.code.as_str()) == Some(&c.english_name.as_str()))
        .count();
    let mut rule = 0;
    for c in &filled {
        let (name, _) = o.communes.get(&c.code).context("CAS code")?;
        if classify(&c.english_name, name) == 0 {
            rule += 1;
        }
    }
    println!(
        "  CAS englishName: {} filled; {old} equal GSO's Tên Tiếng Anh of the old commune with the same code; {rule} equal the rule for the current name",
        filled.len()
    );
    expect_eq(
        "CAS englishName (filled, old unit's, rule)",
        (filled.len(), old, rule),
        (47, 47, 11),
    )
}

fn check_slugs(i: &Inputs) -> Result<()> {
    let mut wards = 0;
    let mut short_diff = Vec::new();
    let mut province_short = 0;
    let mut province_full = 0;
    for p in i.nested {
        let code = format!("{:02}", p.code);
        let prov = i.cur.provinces.get(&code).context("nested province")?;
        province_short += usize::from(p.codename == slug(&prov.name));
        province_full +=
            usize::from(p.codename == slug(&format!("{} {}", prov.kind.prefix(), prov.name)));
        for w in &p.wards {
            let code = format!("{:05}", w.code);
            let c = i.cur.communes.get(&code).context("nested ward")?;
            if w.codename == slug(&format!("{} {}", c.kind.prefix(), c.name)) {
                wards += 1;
            }
            if w.short_codename != slug(&c.name) {
                short_diff.push(format!("{code}:{}", w.short_codename));
            }
        }
    }
    short_diff.sort();
    println!(
        "  nested-divisions.json codenames vs slug(kind + name): wards {wards}/3321; short_codename vs slug(name): differ {short_diff:?}; province codename = slug(name) {province_short}/34, = slug(kind + name) {province_full}/34"
    );
    expect_eq("nested ward codenames", wards, 3321)?;
    expect_eq(
        "nested short_codenames that drop a leading Phượng/Phương",
        short_diff,
        vec![
            s("05563:tien"),
            s("10279:duc"),
            s("30043:thinh"),
            s("31426:binh"),
        ],
    )?;
    expect_eq(
        "nested province codenames",
        (province_short, province_full),
        (34, 0),
    )?;

    let o = ours(i.cur, i.legacy);
    let tlq = |db: &TlqDb, table: &str, names: &Names| -> Result<Vec<String>> {
        let mut diff = Vec::new();
        for r in db.rows(table)? {
            let code = get(r, "code")?;
            let (name, _) = names.get(code).context("thanglequoc code")?;
            let theirs = get(r, "code_name")?;
            if theirs != slug(name) {
                diff.push(format!("{code}:{theirs}"));
            }
        }
        Ok(diff)
    };
    let v5 = [
        tlq(i.tlq5, "provinces", &o.provinces)?,
        tlq(i.tlq5, "wards", &o.communes)?,
    ];
    let v241 = [
        tlq(i.tlq241, "provinces", &o.legacy_provinces)?,
        tlq(i.tlq241, "districts", &o.legacy_districts)?,
        tlq(i.tlq241, "wards", &o.legacy_communes)?,
    ];
    println!("  thanglequoc code_name vs slug(name), departures: v5 {v5:?}, v2.4.1 {v241:?}");
    expect_eq("v5 code_name departures", v5, [vec![], vec![]])?;
    expect_eq(
        "v2.4.1 code_name departures (punctuation kept)",
        v241,
        [
            vec![],
            vec![s("582:phan_rang-thap_cham")],
            vec![s("02902:n.t_phong_hai")],
        ],
    )?;

    // names that differ only in diacritics share a codename and an English name
    let mut seen: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for c in i.cur.communes.values() {
        let key = (
            c.province.clone(),
            slug(&format!("{} {}", c.kind.prefix(), c.name)),
        );
        seen.entry(key).or_default().push(&c.code);
    }
    let dup: Vec<String> = seen
        .iter()
        .filter(|(_, codes)| codes.len() > 1)
        .map(|((_, s), codes)| format!("{s}:{}", codes.join("/")))
        .collect();
    println!(
        "  current communes (2025 kinds) sharing a codename within their province: {}",
        dup.join(" ")
    );
    expect_eq(
        "codenames shared within a province",
        dup,
        SHARED_CODENAMES.map(String::from).to_vec(),
    )
}
