//! Reading `data/*.tsv`: every file the generator uses, validated (NFC, LF, headers,
//! sorted unique codes, known kinds) with a precise message on the first problem.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use unicode_normalization::is_nfc;

/// A parsed TSV file: rows of fields, with the line number (1-based) of each row.
pub(super) struct Tsv {
    pub(super) path: String,
    pub(super) rows: Vec<(usize, Vec<String>)>,
}

impl Tsv {
    fn read(root: &Path, rel: &str, header: &[&str]) -> Tsv {
        let path = root.join(rel);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(!text.contains('\r'), "{rel}: CR found; use LF line endings");
        assert!(text.ends_with('\n'), "{rel}: missing final newline");
        assert!(is_nfc(&text), "{rel}: not NFC");
        let mut lines = text.lines().enumerate();
        let (_, head) = lines.next().unwrap_or_else(|| panic!("{rel}: empty"));
        assert_eq!(
            head.split('\t').collect::<Vec<_>>(),
            header,
            "{rel}: header"
        );
        let rows = lines
            .map(|(i, line)| {
                let fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
                assert_eq!(
                    fields.len(),
                    header.len(),
                    "{rel}:{}: expected {} fields",
                    i + 1,
                    header.len()
                );
                for f in &fields {
                    assert_eq!(f.trim(), f, "{rel}:{}: stray white space in {f:?}", i + 1);
                }
                (i + 1, fields)
            })
            .collect();
        Tsv {
            path: rel.to_owned(),
            rows,
        }
    }

    fn num(&self, line: usize, field: &str, width: usize) -> u32 {
        assert!(
            field.len() == width && field.bytes().all(|b| b.is_ascii_digit()),
            "{}:{line}: {field:?} is not a {width}-digit code",
            self.path
        );
        field.parse().unwrap()
    }
}

/// A kind id of the data (`phuong`, `thi_tran`, …) as the path of its variant in the
/// generated code (`CK::Ward`) and its prefix in a full name (`Phường`), by the
/// crate's own `from_id` and `prefix`: the ids, the variants and the prefixes have one
/// home, the kind enums of `dvhc`.
type KindOf = fn(&str) -> Option<Kind>;

/// A kind: the path of its variant in the generated code, and its prefix.
type Kind = (String, &'static str);

fn province_kind(id: &str) -> Option<Kind> {
    dvhc::ProvinceKind::from_id(id).map(|k| (format!("PK::{k:?}"), k.prefix()))
}
fn commune_kind(id: &str) -> Option<Kind> {
    dvhc::CommuneKind::from_id(id).map(|k| (format!("CK::{k:?}"), k.prefix()))
}
fn district_kind(id: &str) -> Option<Kind> {
    dvhc::legacy::DistrictKind::from_id(id).map(|k| (format!("DK::{k:?}"), k.prefix()))
}
fn legacy_commune_kind(id: &str) -> Option<Kind> {
    dvhc::legacy::CommuneKind::from_id(id).map(|k| (format!("LK::{k:?}"), k.prefix()))
}

fn kind_variant(path: &str, line: usize, id: &str, kind_of: KindOf) -> Kind {
    kind_of(id).unwrap_or_else(|| panic!("{path}:{line}: unknown kind {id:?}"))
}

pub(super) struct Province {
    pub(super) code: u32,
    pub(super) name: String,
    pub(super) kind: String,
    /// The kind's prefix in the full name (`Phường`).
    pub(super) prefix: &'static str,
}
pub(super) struct Commune {
    pub(super) code: u32,
    pub(super) parent: u32,
    pub(super) name: String,
    pub(super) kind: String,
    /// The kind's prefix in the full name (`Phường`).
    pub(super) prefix: &'static str,
    pub(super) resolution: String,
}
pub(super) struct District {
    pub(super) code: u32,
    pub(super) parent: u32,
    pub(super) name: String,
    pub(super) kind: String,
    /// The kind's prefix in the full name (`Phường`).
    pub(super) prefix: &'static str,
}

/// Checks that codes are strictly increasing (sorted and unique).
fn assert_sorted(path: &str, codes: impl Iterator<Item = u32>) {
    let mut prev = None;
    for c in codes {
        if let Some(p) = prev {
            assert!(
                c > p,
                "{path}: code {c} after {p}: not sorted or not unique"
            );
        }
        prev = Some(c);
    }
}

/// Reads a `code name kind` table of provinces, checking order and kinds.
fn read_provinces(root: &Path, path: &str) -> Vec<Province> {
    let t = Tsv::read(root, path, &["code", "name", "kind"]);
    let rows: Vec<Province> = t
        .rows
        .iter()
        .map(|(l, f)| {
            let (kind, prefix) = kind_variant(&t.path, *l, &f[2], province_kind);
            Province {
                code: t.num(*l, &f[0], 2),
                name: f[1].clone(),
                kind,
                prefix,
            }
        })
        .collect();
    assert_sorted(&t.path, rows.iter().map(|p| p.code));
    rows
}

/// Reads a `code <parent> name kind` table of legacy units, with the code and
/// parent-code widths given, checking order and kinds.
fn read_children(
    root: &Path,
    path: &str,
    parent: &str,
    (width, parent_width): (usize, usize),
    kinds: KindOf,
) -> Vec<District> {
    let t = Tsv::read(root, path, &["code", parent, "name", "kind"]);
    let rows: Vec<District> = t
        .rows
        .iter()
        .map(|(l, f)| {
            let (kind, prefix) = kind_variant(&t.path, *l, &f[3], kinds);
            District {
                code: t.num(*l, &f[0], width),
                parent: t.num(*l, &f[1], parent_width),
                name: f[2].clone(),
                kind,
                prefix,
            }
        })
        .collect();
    assert_sorted(&t.path, rows.iter().map(|p| p.code));
    rows
}

pub(super) struct Data {
    pub(super) provinces: Vec<Province>,
    pub(super) communes: Vec<Commune>,
    pub(super) changes: Vec<(String, String, u32, String, String, String)>,
    pub(super) legacy_provinces: Vec<Province>,
    pub(super) legacy_districts: Vec<District>,
    pub(super) legacy_communes: Vec<District>,
    pub(super) mapping: Vec<(u32, u32, String)>,
    pub(super) island: Vec<(u32, u32)>,
    pub(super) geo: HashMap<u32, [String; 4]>,
    /// (level, code, alias, origin variant) from data/aliases.tsv and
    /// data/aliases_curated.tsv.
    pub(super) aliases: Vec<(String, u32, String, &'static str)>,
    /// Current commune code → postal code (data/postal_codes.tsv).
    pub(super) postal_codes: HashMap<u32, u32>,
    /// (current province code, two-digit prefix), sorted (data/postal_prefixes.tsv).
    pub(super) postal_prefixes: Vec<(u32, u32)>,
    /// Legacy province code → telephone area code (data/area_codes_curated.tsv).
    pub(super) area_codes: HashMap<u32, u32>,
}

/// Reads and validates every input of the generator.
pub(super) fn load(root: &Path) -> Data {
    let provinces = read_provinces(root, "data/provinces.tsv");

    let t = Tsv::read(
        root,
        "data/communes.tsv",
        &["code", "province", "name", "kind", "resolution"],
    );
    let communes: Vec<Commune> = t
        .rows
        .iter()
        .map(|(l, f)| {
            let (kind, prefix) = kind_variant(&t.path, *l, &f[3], commune_kind);
            Commune {
                code: t.num(*l, &f[0], 5),
                parent: t.num(*l, &f[1], 2),
                name: f[2].clone(),
                kind,
                prefix,
                resolution: f[4].clone(),
            }
        })
        .collect();
    assert_sorted(&t.path, communes.iter().map(|c| c.code));

    let t = Tsv::read(
        root,
        "data/changes.tsv",
        &[
            "date",
            "level",
            "code",
            "field",
            "before",
            "after",
            "legal_basis",
        ],
    );
    let changes = t
        .rows
        .iter()
        .map(|(l, f)| {
            assert_eq!(
                f[3], "kind",
                "{}:{l}: only kind changes are modelled",
                t.path
            );
            let (width, kinds) = match f[1].as_str() {
                "province" => (2, province_kind as KindOf),
                "commune" => (5, commune_kind as KindOf),
                other => panic!("{}:{l}: unknown level {other:?}", t.path),
            };
            let code = t.num(*l, &f[2], width);
            (
                f[0].clone(),
                f[1].clone(),
                code,
                kind_variant(&t.path, *l, &f[4], kinds).0,
                kind_variant(&t.path, *l, &f[5], kinds).0,
                f[6].clone(),
            )
        })
        .collect::<Vec<_>>();
    let keys: Vec<_> = changes
        .iter()
        .map(|c| (c.0.clone(), c.1.clone(), c.2))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "data/changes.tsv: not sorted"
    );

    let legacy_provinces = read_provinces(root, "data/legacy/provinces.tsv");

    let legacy_districts = read_children(
        root,
        "data/legacy/districts.tsv",
        "province",
        (3, 2),
        district_kind,
    );

    let legacy_communes = read_children(
        root,
        "data/legacy/communes.tsv",
        "district",
        (5, 3),
        legacy_commune_kind,
    );

    let t = Tsv::read(
        root,
        "data/mapping.tsv",
        &["legacy_commune", "commune", "share"],
    );
    let mapping: Vec<(u32, u32, String)> = t
        .rows
        .iter()
        .map(|(l, f)| {
            let share = match f[2].as_str() {
                "whole" => "Share::Whole",
                "partial" => "Share::Partial",
                other => panic!("{}:{l}: unknown share {other:?}", t.path),
            };
            (t.num(*l, &f[0], 5), t.num(*l, &f[1], 5), share.to_owned())
        })
        .collect();
    assert!(
        mapping
            .windows(2)
            .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)),
        "data/mapping.tsv: not sorted by (legacy_commune, commune) or duplicate pair"
    );

    let t = Tsv::read(
        root,
        "data/mapping_districts.tsv",
        &["legacy_district", "commune"],
    );
    let island = t
        .rows
        .iter()
        .map(|(l, f)| (t.num(*l, &f[0], 3), t.num(*l, &f[1], 5)))
        .collect();

    let t = Tsv::read(
        root,
        "data/geo.tsv",
        &["code", "lat", "lon", "area_km2", "population"],
    );
    let geo = t
        .rows
        .iter()
        .map(|(l, f)| {
            (
                t.num(*l, &f[0], 5),
                [f[1].clone(), f[2].clone(), f[3].clone(), f[4].clone()],
            )
        })
        .collect();

    let mut aliases = Vec::new();
    for (file, header) in [
        (
            "data/aliases.tsv",
            ["level", "code", "alias", "kind", "source"],
        ),
        (
            "data/aliases_curated.tsv",
            ["level", "code", "alias", "kind", "note"],
        ),
    ] {
        let t = Tsv::read(root, file, &header);
        for (l, f) in &t.rows {
            let width = match f[0].as_str() {
                "province" | "legacy_province" => 2,
                "legacy_district" => 3,
                "commune" | "legacy_commune" => 5,
                other => panic!("{file}:{l}: unknown level {other:?}"),
            };
            let origin = match f[3].as_str() {
                "tone" | "spelling" => "Via::Spelling",
                "historical" if file.ends_with("aliases.tsv") => "Via::Historical",
                _ => "Via::Alias",
            };
            assert!(!f[2].is_empty(), "{file}:{l}: empty alias");
            aliases.push((f[0].clone(), t.num(*l, &f[1], width), f[2].clone(), origin));
        }
    }

    let t = Tsv::read(root, "data/postal_codes.tsv", &["code", "postal_code"]);
    let postal: Vec<(u32, u32)> = t
        .rows
        .iter()
        .map(|(l, f)| (t.num(*l, &f[0], 5), t.num(*l, &f[1], 5)))
        .collect();
    assert_sorted(&t.path, postal.iter().map(|p| p.0));
    let postal_codes: HashMap<u32, u32> = postal.into_iter().collect();

    let t = Tsv::read(root, "data/postal_prefixes.tsv", &["province", "prefix"]);
    let postal_prefixes: Vec<(u32, u32)> = t
        .rows
        .iter()
        .map(|(l, f)| (t.num(*l, &f[0], 2), t.num(*l, &f[1], 2)))
        .collect();
    assert!(
        postal_prefixes.windows(2).all(|w| w[0] < w[1]),
        "data/postal_prefixes.tsv: not sorted by (province, prefix) or duplicate row"
    );

    let t = Tsv::read(
        root,
        "data/area_codes_curated.tsv",
        &["legacy_province", "area_code"],
    );
    let area: Vec<(u32, u32)> = t
        .rows
        .iter()
        .map(|(l, f)| {
            let width = f[1].len();
            assert!(
                (2..=3).contains(&width),
                "{}:{l}: area code {:?} is not 2 or 3 digits",
                t.path,
                f[1]
            );
            (t.num(*l, &f[0], 2), t.num(*l, &f[1], width))
        })
        .collect();
    assert_sorted(&t.path, area.iter().map(|a| a.0));
    let area_codes: HashMap<u32, u32> = area.into_iter().collect();

    Data {
        postal_codes,
        postal_prefixes,
        area_codes,
        aliases,
        provinces,
        communes,
        changes,
        legacy_provinces,
        legacy_districts,
        legacy_communes,
        mapping,
        island,
        geo,
    }
}
