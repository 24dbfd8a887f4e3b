//! The record tables: `current.rs` (provinces, communes, their links and the changes
//! after 2025) and `legacy.rs` (the pre-2025 provinces, districts and communes), the
//! names going into the shared string pool.

use std::collections::{BTreeSet, HashMap};

use super::emit::{float, index_of, span, Out, Pool};
use super::load::Data;

/// What the records refer to by position, computed once from the data and checked:
/// children by parent, the mapping both ways, island districts, the province each old
/// province went into, resolutions and the changes.
pub(super) struct Links<'d> {
    resolutions: Vec<&'d str>,
    p_codes: Vec<u32>,
    c_codes: Vec<u32>,
    lp_codes: Vec<u32>,
    ld_codes: Vec<u32>,
    pub(super) lc_codes: Vec<u32>,
    province_communes: Vec<Vec<usize>>,
    province_districts: Vec<Vec<usize>>,
    district_communes: Vec<Vec<usize>>,
    successors: Vec<Vec<(usize, &'d str)>>,
    predecessors: Vec<Vec<(usize, &'d str)>>,
    island_of_commune: HashMap<usize, usize>,
    island_of_district: HashMap<usize, usize>,
    province_successor: Vec<usize>,
    province_predecessors: Vec<Vec<usize>>,
    province_resolution: Vec<BTreeSet<&'d str>>,
    change_lines: Vec<String>,
}

impl<'d> Links<'d> {
    pub(super) fn new(d: &'d Data) -> Links<'d> {
        let resolutions: Vec<&str> = d
            .communes
            .iter()
            .map(|c| c.resolution.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let p_codes: Vec<u32> = d.provinces.iter().map(|p| p.code).collect();
        let c_codes: Vec<u32> = d.communes.iter().map(|c| c.code).collect();
        let lp_codes: Vec<u32> = d.legacy_provinces.iter().map(|p| p.code).collect();
        let ld_codes: Vec<u32> = d.legacy_districts.iter().map(|p| p.code).collect();
        let lc_codes: Vec<u32> = d.legacy_communes.iter().map(|p| p.code).collect();

        // Children, grouped by parent, each group sorted by code.
        let mut province_communes: Vec<Vec<usize>> = vec![Vec::new(); d.provinces.len()];
        for (i, c) in d.communes.iter().enumerate() {
            province_communes[index_of(&p_codes, c.parent, "communes.tsv province")].push(i);
        }
        let mut province_districts: Vec<Vec<usize>> = vec![Vec::new(); d.legacy_provinces.len()];
        for (i, c) in d.legacy_districts.iter().enumerate() {
            province_districts[index_of(&lp_codes, c.parent, "legacy/districts.tsv province")]
                .push(i);
        }
        let mut district_communes: Vec<Vec<usize>> = vec![Vec::new(); d.legacy_districts.len()];
        for (i, c) in d.legacy_communes.iter().enumerate() {
            district_communes[index_of(&ld_codes, c.parent, "legacy/communes.tsv district")]
                .push(i);
        }

        // Mapping, both directions.
        let mut successors: Vec<Vec<(usize, &str)>> = vec![Vec::new(); d.legacy_communes.len()];
        let mut predecessors: Vec<Vec<(usize, &str)>> = vec![Vec::new(); d.communes.len()];
        for (old, new, share) in &d.mapping {
            let o = index_of(&lc_codes, *old, "mapping.tsv legacy_commune");
            let n = index_of(&c_codes, *new, "mapping.tsv commune");
            successors[o].push((n, share));
            predecessors[n].push((o, share));
        }
        let mut island_of_commune: HashMap<usize, usize> = HashMap::new();
        let mut island_of_district: HashMap<usize, usize> = HashMap::new();
        for (district, commune) in &d.island {
            let di = index_of(
                &ld_codes,
                *district,
                "mapping_districts.tsv legacy_district",
            );
            let ci = index_of(&c_codes, *commune, "mapping_districts.tsv commune");
            assert!(
                district_communes[di].is_empty(),
                "mapping_districts.tsv: district {district} has communes; map them instead"
            );
            island_of_commune.insert(ci, di);
            island_of_district.insert(di, ci);
        }
        for (i, s) in successors.iter().enumerate() {
            let code = lc_codes[i];
            assert!(!s.is_empty(), "legacy commune {code:05} has no successor");
            let expect = if s.len() > 1 {
                "Share::Partial"
            } else {
                "Share::Whole"
            };
            assert!(
                s.iter().all(|(_, share)| *share == expect),
                "legacy commune {code:05}: share must be partial exactly when split"
            );
        }
        for (i, p) in predecessors.iter().enumerate() {
            assert!(
                !p.is_empty() || island_of_commune.contains_key(&i),
                "commune {:05} has no predecessor",
                c_codes[i]
            );
        }
        // Province level: every legacy province goes whole into exactly one new province.
        let mut province_successor = vec![None; d.legacy_provinces.len()];
        for (o, s) in successors.iter().enumerate() {
            let lp = index_of(
                &lp_codes,
                d.legacy_districts[index_of(&ld_codes, d.legacy_communes[o].parent, "")].parent,
                "",
            );
            for (n, _) in s {
                let np = index_of(&p_codes, d.communes[*n].parent, "");
                match province_successor[lp] {
                    None => province_successor[lp] = Some(np),
                    Some(prev) => assert_eq!(
                        prev, np,
                        "legacy province {:02} maps to two new provinces",
                        lp_codes[lp]
                    ),
                }
            }
        }
        for (di, ci) in &island_of_district {
            let lp = index_of(&lp_codes, d.legacy_districts[*di].parent, "");
            let np = index_of(&p_codes, d.communes[*ci].parent, "");
            assert_eq!(province_successor[lp], Some(np), "island district province");
        }
        let province_successor: Vec<usize> = province_successor
            .iter()
            .enumerate()
            .map(|(i, s)| s.unwrap_or_else(|| panic!("legacy province {} unmapped", lp_codes[i])))
            .collect();
        let mut province_predecessors: Vec<Vec<usize>> = vec![Vec::new(); d.provinces.len()];
        for (lp, np) in province_successor.iter().enumerate() {
            province_predecessors[*np].push(lp);
        }
        assert!(province_predecessors.iter().all(|p| !p.is_empty()));

        // Province resolutions: every commune of a province was formed by one resolution.
        let mut province_resolution: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); d.provinces.len()];
        for c in &d.communes {
            province_resolution[index_of(&p_codes, c.parent, "")].insert(&c.resolution);
        }

        // Changes must end in the current state.
        let mut change_lines = Vec::new();
        for (date, level, code, before, after, basis) in &d.changes {
            let (y, m, dd) = (&date[0..4], &date[5..7], &date[8..10]);
            assert!(date.len() == 10 && &date[4..5] == "-" && &date[7..8] == "-");
            let detail = if level == "province" {
                let p = &d.provinces[index_of(&p_codes, *code, "changes.tsv province")];
                assert_eq!(
                    &p.kind, after,
                    "province {code:02}: last change must match kind"
                );
                format!("ChangeDetail::ProvinceKind {{ code: ProvinceCode({code}), before: {before}, after: {after} }}")
            } else {
                let c = &d.communes[index_of(&c_codes, *code, "changes.tsv commune")];
                assert_eq!(
                    &c.kind, after,
                    "commune {code:05}: last change must match kind"
                );
                format!("ChangeDetail::CommuneKind {{ code: CommuneCode({code}), before: {before}, after: {after} }}")
            };
            change_lines.push(format!(
                "Change {{ date: Date {{ year: {}, month: {}, day: {} }}, detail: {detail}, legal_basis: {basis:?} }}",
                y.parse::<u16>().unwrap(),
                m.parse::<u8>().unwrap(),
                dd.parse::<u8>().unwrap()
            ));
        }

        for code in d.geo.keys() {
            index_of(&c_codes, *code, "geo.tsv");
        }
        Links {
            resolutions,
            p_codes,
            c_codes,
            lp_codes,
            ld_codes,
            lc_codes,
            province_communes,
            province_districts,
            district_communes,
            successors,
            predecessors,
            island_of_commune,
            island_of_district,
            province_successor,
            province_predecessors,
            province_resolution,
            change_lines,
        }
    }

    /// The resolutions that formed the current communes, sorted: the records refer to
    /// them by position.
    pub(super) fn resolutions(&self) -> &[&'d str] {
        &self.resolutions
    }

    fn resolution_index(&self, r: &str) -> usize {
        self.resolutions.binary_search(&r).unwrap()
    }
}

/// `current.rs`: the current provinces and communes, by code and in code order.
pub(super) fn current(d: &Data, l: &Links, pool: &mut Pool) -> String {
    let mut out = Out::new(
        "use crate::tables::{Span, Str};\n\
         use crate::units::code::{CommuneCode, PostalCode, PostalPrefix, ProvinceCode};\n\
         use crate::units::current::{Change, ChangeDetail, Commune, Province};\n\
         use crate::units::date::Date;\n\
         use crate::units::kind::{CommuneKind as CK, Geo, ProvinceKind as PK, Share};\n\n",
    );
    let mut by_code = [0u8; 100];
    for (i, p) in d.provinces.iter().enumerate() {
        by_code[p.code as usize] = u8::try_from(i + 1).unwrap();
    }
    out.push_str("/// Province index + 1 by code, 0 for none.\n");
    out.array("PROVINCE_BY_CODE", "u8", &by_code);

    let mut flat = Vec::new();
    let mut pred_flat = Vec::new();
    let mut prefix_flat: Vec<u32> = Vec::new();
    let mut lines = Vec::new();
    for (i, p) in d.provinces.iter().enumerate() {
        let res = &l.province_resolution[i];
        assert_eq!(
            res.len(),
            1,
            "province {:02}: communes from several resolutions",
            p.code
        );
        let s = span(flat.len(), l.province_communes[i].len());
        flat.extend(l.province_communes[i].iter().copied());
        let ps = span(pred_flat.len(), l.province_predecessors[i].len());
        pred_flat.extend(l.province_predecessors[i].iter().copied());
        let prefixes: Vec<u32> = d
            .postal_prefixes
            .iter()
            .filter(|(province, _)| *province == p.code)
            .map(|&(_, prefix)| prefix)
            .collect();
        assert!(
            !prefixes.is_empty(),
            "postal_prefixes.tsv: province {:02} has no prefix",
            p.code
        );
        let pp = span(prefix_flat.len(), prefixes.len());
        prefix_flat.extend(prefixes);
        lines.push(format!(
            "Province {{ code: ProvinceCode({}), name: {}, kind: {}, resolution: {}, communes: {s}, predecessors: {ps}, postal_prefixes: {pp}, phone_code: {} }}",
            p.code,
            pool.add(&p.name),
            p.kind,
            l.resolution_index(res.iter().next().unwrap()),
            namesake_area_code(d, p),
        ));
    }
    for (province, prefix) in &d.postal_prefixes {
        index_of(&l.p_codes, *province, "postal_prefixes.tsv province");
        let owners = d
            .postal_prefixes
            .iter()
            .filter(|(_, x)| x == prefix)
            .count();
        assert_eq!(owners, 1, "postal prefix {prefix:02} of several provinces");
    }
    out.records("PROVINCES", "Province", &lines);
    out.array("PROVINCE_COMMUNES", "u16", &flat);
    out.array("PROVINCE_PREDECESSORS", "u8", &pred_flat);
    out.push_str("/// The postal code prefixes of the provinces (`Province::postal_prefixes`).\n");
    out.array(
        "POSTAL_PREFIXES",
        "PostalPrefix",
        &prefix_flat
            .iter()
            .map(|p| format!("PostalPrefix({p})"))
            .collect::<Vec<_>>(),
    );
    out.array("COMMUNE_CODES", "u32", &l.c_codes);
    out.str_static(
        "The codes of `COMMUNES` as text, five digits each, in the same order (what a \
         serializer writes, without formatting it each time).",
        "COMMUNE_CODE_TEXT",
        &code_text(&l.c_codes),
    );

    let mut pflat: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for (i, c) in d.communes.iter().enumerate() {
        let s = span(pflat.len(), l.predecessors[i].len());
        pflat.extend(
            l.predecessors[i]
                .iter()
                .map(|(o, sh)| format!("({o}, {sh})")),
        );
        let island = l
            .island_of_commune
            .get(&i)
            .map_or(u16::MAX, |&x| u16::try_from(x).unwrap());
        let postal = *d
            .postal_codes
            .get(&c.code)
            .unwrap_or_else(|| panic!("postal_codes.tsv: no code for commune {:05}", c.code));
        assert!(
            d.postal_prefixes.contains(&(c.parent, postal / 1000)),
            "commune {:05}: postal code {postal:05} under no prefix of province {:02}",
            c.code,
            c.parent
        );
        lines.push(format!(
            "Commune {{ code: CommuneCode({}), name: {}, kind: {}, province: {}, resolution: {}, geo: {}, predecessors: {s}, island_district: {island}, postal_code: PostalCode({postal}) }}",
            c.code,
            pool.add(&c.name),
            c.kind,
            index_of(&l.p_codes, c.parent, ""),
            l.resolution_index(&c.resolution),
            geo(d, c.code),
        ));
    }
    assert_eq!(
        d.postal_codes.len(),
        d.communes.len(),
        "postal_codes.tsv: a code of no commune"
    );
    let distinct: BTreeSet<u32> = d.postal_codes.values().copied().collect();
    assert_eq!(
        distinct.len(),
        d.postal_codes.len(),
        "postal_codes.tsv: a code shared"
    );
    out.records("COMMUNES", "Commune", &lines);
    // Postal codes are distinct (asserted above): the communes in postal code order,
    // for `Commune::by_postal_code`'s binary search.
    let mut by_postal: Vec<usize> = (0..d.communes.len()).collect();
    by_postal.sort_by_key(|&i| d.postal_codes[&d.communes[i].code]);
    out.push_str(
        "/// The communes by postal code, indexes in `COMMUNES` (`Commune::by_postal_code`).\n",
    );
    out.array("COMMUNES_BY_POSTAL", "u16", &by_postal);
    out.array("PREDECESSORS", "(u16, Share)", &pflat);
    out.records("CHANGES", "Change", &l.change_lines);
    out.finish()
}

/// The telephone area code of a current province: that of the legacy province whose
/// name it bears (data/README.md, "Telephone area codes").
fn namesake_area_code(d: &Data, p: &super::load::Province) -> u32 {
    let namesakes: Vec<_> = d
        .legacy_provinces
        .iter()
        .filter(|lp| lp.name == p.name)
        .collect();
    assert_eq!(
        namesakes.len(),
        1,
        "province {:02}: not exactly one legacy province of its name",
        p.code
    );
    area_code(d, namesakes[0].code)
}

/// The telephone area code of a legacy province.
fn area_code(d: &Data, legacy_province: u32) -> u32 {
    *d.area_codes.get(&legacy_province).unwrap_or_else(|| {
        panic!("area_codes_curated.tsv: no code for legacy province {legacy_province:02}")
    })
}

/// The `Geo` literal of a current commune (NaN and `u32::MAX` where unknown).
fn geo(d: &Data, code: u32) -> String {
    let Some([lat, lon, area, pop]) = d.geo.get(&code) else {
        return "Geo { lat: f64::NAN, lon: f64::NAN, area_km2: f64::NAN, population: u32::MAX }"
            .to_owned();
    };
    assert_eq!(
        lat.is_empty(),
        lon.is_empty(),
        "geo {code}: lat without lon"
    );
    let pop = if pop.is_empty() {
        "u32::MAX".to_owned()
    } else {
        let v: u32 = pop
            .parse()
            .unwrap_or_else(|_| panic!("geo {code}: population"));
        assert!(v < u32::MAX);
        v.to_string()
    };
    format!(
        "Geo {{ lat: {}, lon: {}, area_km2: {}, population: {pop} }}",
        float(lat, "lat", code),
        float(lon, "lon", code),
        float(area, "area", code)
    )
}

/// `legacy.rs`: the pre-2025 provinces, districts and communes, by code and in code
/// order.
pub(super) fn legacy(d: &Data, l: &Links, pool: &mut Pool) -> String {
    let mut out = Out::new(
        "use crate::legacy::{Commune, District, Province};\n\
         use crate::tables::{Span, Str};\n\
         use crate::units::code::{LegacyCommuneCode, LegacyDistrictCode, LegacyProvinceCode};\n\
         use crate::units::kind::{DistrictKind as DK, LegacyCommuneKind as LK, ProvinceKind as PK, Share};\n\n",
    );
    let mut by_code = [0u8; 100];
    for (i, p) in d.legacy_provinces.iter().enumerate() {
        by_code[p.code as usize] = u8::try_from(i + 1).unwrap();
    }
    out.push_str("/// Legacy province index + 1 by code, 0 for none.\n");
    out.array("LEGACY_PROVINCE_BY_CODE", "u8", &by_code);
    let mut flat = Vec::new();
    let mut lines = Vec::new();
    for (i, p) in d.legacy_provinces.iter().enumerate() {
        let s = span(flat.len(), l.province_districts[i].len());
        flat.extend(l.province_districts[i].iter().copied());
        lines.push(format!(
            "Province {{ code: LegacyProvinceCode({}), name: {}, kind: {}, districts: {s}, successor: {}, phone_code: {} }}",
            p.code,
            pool.add(&p.name),
            p.kind,
            l.province_successor[i],
            area_code(d, p.code),
        ));
    }
    assert_eq!(
        d.area_codes.len(),
        d.legacy_provinces.len(),
        "area_codes_curated.tsv: a code of no legacy province"
    );
    out.records("LEGACY_PROVINCES", "Province", &lines);
    out.array("LEGACY_PROVINCE_DISTRICTS", "u16", &flat);

    let mut by_code = vec![0u16; 1000];
    for (i, p) in d.legacy_districts.iter().enumerate() {
        by_code[p.code as usize] = u16::try_from(i + 1).unwrap();
    }
    out.push_str("/// Legacy district index + 1 by code, 0 for none.\n");
    out.array("LEGACY_DISTRICT_BY_CODE", "u16", &by_code);
    let mut flat = Vec::new();
    let mut lines = Vec::new();
    for (i, p) in d.legacy_districts.iter().enumerate() {
        let s = span(flat.len(), l.district_communes[i].len());
        flat.extend(l.district_communes[i].iter().copied());
        let island = l
            .island_of_district
            .get(&i)
            .map_or(u16::MAX, |&x| u16::try_from(x).unwrap());
        lines.push(format!(
            "District {{ code: LegacyDistrictCode({}), name: {}, kind: {}, province: {}, communes: {s}, island_successor: {island} }}",
            p.code,
            pool.add(&p.name),
            p.kind,
            index_of(&l.lp_codes, p.parent, "")
        ));
    }
    out.records("LEGACY_DISTRICTS", "District", &lines);
    out.array("LEGACY_DISTRICT_COMMUNES", "u16", &flat);
    out.array("LEGACY_COMMUNE_CODES", "u32", &l.lc_codes);
    out.str_static(
        "The codes of `LEGACY_COMMUNES` as text, five digits each, in the same order.",
        "LEGACY_COMMUNE_CODE_TEXT",
        &code_text(&l.lc_codes),
    );

    let mut sflat: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for (i, c) in d.legacy_communes.iter().enumerate() {
        let s = span(sflat.len(), l.successors[i].len());
        sflat.extend(l.successors[i].iter().map(|(n, sh)| format!("({n}, {sh})")));
        lines.push(format!(
            "Commune {{ code: LegacyCommuneCode({}), name: {}, kind: {}, district: {}, successors: {s} }}",
            c.code,
            pool.add(&c.name),
            c.kind,
            index_of(&l.ld_codes, c.parent, "")
        ));
    }
    out.records("LEGACY_COMMUNES", "Commune", &lines);
    out.array("SUCCESSORS", "(u16, Share)", &sflat);
    out.finish()
}

/// Five-digit codes written one after another.
fn code_text(codes: &[u32]) -> String {
    codes
        .iter()
        .map(|c| {
            assert!(*c < 100_000, "commune code {c} over five digits");
            format!("{c:05}")
        })
        .collect()
}

/// Bytes of the code texts (`COMMUNE_CODE_TEXT`, `LEGACY_COMMUNE_CODE_TEXT`).
pub(super) fn code_text_bytes(d: &Data) -> usize {
    5 * (d.communes.len() + d.legacy_communes.len())
}
