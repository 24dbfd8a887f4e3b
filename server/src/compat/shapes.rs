//! The JSON objects of the provinces web API (COMPAT.md §3, §4): their one home.
//!
//! Field names, order and types are that API's, so that an existing client decodes
//! them unchanged; every value comes from the library (names and kinds in force
//! today for current units, as of 30 June 2025 for legacy ones).

use dvhc::legacy::{self, DistrictKind};
use dvhc::{Codename, CommuneKind, FullName, ProvinceKind, Unit};
use serde::{Serialize, Serializer};

/// The `division_type` of a province of either structure.
pub(crate) fn province_type(kind: ProvinceKind) -> &'static str {
    match kind {
        ProvinceKind::Municipality => "thành phố trung ương",
        ProvinceKind::Province => "tỉnh",
        // A kind added to the library later: its prefix, until it gets a line here
        // (the test `every_kind_has_a_division_type` fails until then).
        other => other.prefix(),
    }
}

/// The `division_type` of a current commune.
pub(crate) fn commune_type(kind: CommuneKind) -> &'static str {
    match kind {
        CommuneKind::Ward => "phường",
        CommuneKind::Commune => "xã",
        CommuneKind::SpecialZone => "đặc khu",
        other => other.prefix(),
    }
}

/// The `division_type` of a legacy district.
pub(crate) fn district_type(kind: DistrictKind) -> &'static str {
    match kind {
        DistrictKind::UrbanDistrict => "quận",
        DistrictKind::RuralDistrict => "huyện",
        DistrictKind::Town => "thị xã",
        DistrictKind::City => "thành phố",
        other => other.prefix(),
    }
}

/// The `division_type` of a legacy commune.
pub(crate) fn legacy_commune_type(kind: legacy::CommuneKind) -> &'static str {
    match kind {
        legacy::CommuneKind::Ward => "phường",
        legacy::CommuneKind::Commune => "xã",
        legacy::CommuneKind::Township => "thị trấn",
        other => other.prefix(),
    }
}

/// Serialises a full name as one string ("Phường Sài Gòn") without allocating.
fn full_name<S: Serializer>(name: &FullName, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(name)
}

/// Shapes of API v2 (current structure).
pub(crate) mod v2 {
    use super::*;

    /// `Province`: `name, code, division_type, codename, phone_code, wards`.
    #[derive(Debug, Serialize)]
    pub(crate) struct Province {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        /// The short codename (COMPAT.md §5.2): see [`province_codename`].
        pub(crate) codename: Codename,
        pub(crate) phone_code: u16,
        pub(crate) wards: Vec<Ward>,
    }

    /// The `codename` of a v2 province: upstream's v2 writes provinces without their
    /// kind word (`ha_noi`, `ho_chi_minh`; COMPAT.md §5.2), which is the library's
    /// short codename. Its v1 provinces and all communes keep the kind word (the
    /// library's codename).
    pub(crate) fn province_codename(p: &dvhc::Province) -> Codename {
        p.short_codename()
    }

    impl Province {
        /// The province, with its wards when `wards` is set.
        pub(crate) fn of(p: &dvhc::Province, wards: bool) -> Province {
            Province {
                name: p.full_name(),
                code: p.code().get(),
                division_type: province_type(p.kind()),
                codename: province_codename(p),
                phone_code: p.phone_code(),
                wards: if wards {
                    p.communes().map(Ward::of).collect()
                } else {
                    Vec::new()
                },
            }
        }
    }

    /// `Ward`: `name, code, division_type, codename, province_code`.
    #[derive(Debug, Serialize)]
    pub(crate) struct Ward {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        pub(crate) codename: Codename,
        pub(crate) province_code: u32,
    }

    impl Ward {
        /// The commune.
        pub(crate) fn of(c: &dvhc::Commune) -> Ward {
            Ward {
                name: c.full_name(),
                code: c.code().get(),
                division_type: commune_type(c.kind()),
                codename: c.codename(),
                province_code: c.province().code().get(),
            }
        }
    }

    /// `WardWithLegacySource`: `source_code, ward`.
    #[derive(Debug, Serialize)]
    pub(crate) struct WardWithLegacySource {
        pub(crate) source_code: u32,
        pub(crate) ward: Ward,
    }

    /// `LegacyWard`: `name, code, division_type, codename, district_code,
    /// province_code` (pre-2025 codes).
    #[derive(Debug, Serialize)]
    pub(crate) struct LegacyWard {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        pub(crate) codename: Codename,
        pub(crate) district_code: u32,
        pub(crate) province_code: u32,
    }

    impl LegacyWard {
        /// The legacy commune.
        pub(crate) fn of(c: &legacy::Commune) -> LegacyWard {
            LegacyWard {
                name: c.full_name(),
                code: c.code().get(),
                division_type: legacy_commune_type(c.kind()),
                codename: c.codename(),
                district_code: c.district().code().get(),
                province_code: c.province().code().get(),
            }
        }
    }

    /// A province of the whole tree (`/api/v2/?depth=2`), in the order of upstream's
    /// file: `name, code, codename, division_type, phone_code, wards`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeProvince {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) codename: Codename,
        pub(crate) division_type: &'static str,
        pub(crate) phone_code: u16,
        pub(crate) wards: Vec<TreeWard>,
    }

    impl TreeProvince {
        /// The province with all its wards.
        pub(crate) fn of(p: &dvhc::Province) -> TreeProvince {
            TreeProvince {
                name: p.full_name(),
                code: p.code().get(),
                codename: province_codename(p),
                division_type: province_type(p.kind()),
                phone_code: p.phone_code(),
                wards: p.communes().map(TreeWard::of).collect(),
            }
        }
    }

    /// A ward of the whole tree: `name, code, codename, division_type, short_codename`
    /// (the library's short codename: upstream's file has no other rule for v2,
    /// COMPAT.md §5.3).
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeWard {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) codename: Codename,
        pub(crate) division_type: &'static str,
        pub(crate) short_codename: Codename,
    }

    impl TreeWard {
        /// The commune.
        pub(crate) fn of(c: &dvhc::Commune) -> TreeWard {
            TreeWard {
                name: c.full_name(),
                code: c.code().get(),
                codename: c.codename(),
                division_type: commune_type(c.kind()),
                short_codename: c.short_codename(),
            }
        }
    }
}

/// Shapes of API v1 (pre-2025 structure).
pub(crate) mod v1 {
    use super::*;

    /// How deep a province or district is expanded.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub(crate) enum Depth {
        /// The unit alone (`districts`/`wards` empty).
        One,
        /// With its children.
        Two,
        /// With its grandchildren (provinces only).
        Three,
    }

    /// `Province`: `name, code, division_type, codename, phone_code, districts`.
    #[derive(Debug, Serialize)]
    pub(crate) struct Province {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        pub(crate) codename: Codename,
        pub(crate) phone_code: u16,
        pub(crate) districts: Vec<District>,
    }

    impl Province {
        /// The province, expanded to `depth`.
        pub(crate) fn of(p: &legacy::Province, depth: Depth) -> Province {
            Province {
                name: p.full_name(),
                code: p.code().get(),
                division_type: province_type(p.kind()),
                codename: p.codename(),
                phone_code: p.phone_code(),
                districts: match depth {
                    Depth::One => Vec::new(),
                    Depth::Two => p.districts().map(|d| District::of(d, Depth::One)).collect(),
                    Depth::Three => p.districts().map(|d| District::of(d, Depth::Two)).collect(),
                },
            }
        }
    }

    /// `District`: `name, code, division_type, codename, province_code, wards`.
    #[derive(Debug, Serialize)]
    pub(crate) struct District {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        pub(crate) codename: Codename,
        pub(crate) province_code: u32,
        pub(crate) wards: Vec<Ward>,
    }

    impl District {
        /// The district, with its wards from depth 2.
        pub(crate) fn of(d: &legacy::District, depth: Depth) -> District {
            District {
                name: d.full_name(),
                code: d.code().get(),
                division_type: district_type(d.kind()),
                codename: d.codename(),
                province_code: d.province().code().get(),
                wards: if depth >= Depth::Two {
                    d.communes().map(Ward::of).collect()
                } else {
                    Vec::new()
                },
            }
        }
    }

    /// `Ward`: `name, code, division_type, codename, district_code`.
    #[derive(Debug, Serialize)]
    pub(crate) struct Ward {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        pub(crate) codename: Codename,
        pub(crate) district_code: u32,
    }

    impl Ward {
        /// The legacy commune.
        pub(crate) fn of(c: &legacy::Commune) -> Ward {
            Ward {
                name: c.full_name(),
                code: c.code().get(),
                division_type: legacy_commune_type(c.kind()),
                codename: c.codename(),
                district_code: c.district().code().get(),
            }
        }
    }

    /// A province of the whole tree (`/api/v1/?depth=3`), in the order of upstream's
    /// file: `name, code, codename, division_type, phone_code, districts`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeProvince {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) codename: Codename,
        pub(crate) division_type: &'static str,
        pub(crate) phone_code: u16,
        pub(crate) districts: Vec<TreeDistrict>,
    }

    impl TreeProvince {
        /// The province with all its districts and communes.
        pub(crate) fn of(p: &legacy::Province) -> TreeProvince {
            let districts: Vec<Unit> = p.districts().map(Unit::LegacyDistrict).collect();
            TreeProvince {
                name: p.full_name(),
                code: p.code().get(),
                codename: p.codename(),
                division_type: province_type(p.kind()),
                phone_code: p.phone_code(),
                districts: p
                    .districts()
                    .map(|d| TreeDistrict::of(d, &districts))
                    .collect(),
            }
        }
    }

    /// The `short_codename` of a unit of upstream's v1 file (COMPAT.md §5.3), from the
    /// library's codenames: the short codename, except that a numbered name
    /// (`Quận 1`) keeps its kind word, and so does a unit whose short codename a
    /// sibling of the same or a higher rank shares (`Xã Yên Viên` beside `Thị trấn
    /// Yên Viên`: `xa_yen_vien` and `yen_vien`; two `Xã Minh Quán`/`Xã Minh Quân`:
    /// both prefixed). Urban kinds (quận, thị xã, thành phố; phường, thị trấn) rank
    /// above rural ones (huyện, xã).
    fn short_codename(unit: Unit, siblings: &[Unit]) -> Codename {
        let rank = |u: &Unit| match u {
            Unit::LegacyDistrict(d) => u8::from(d.kind() != DistrictKind::RuralDistrict),
            Unit::LegacyCommune(c) => u8::from(c.kind() != legacy::CommuneKind::Commune),
            _ => 0,
        };
        let own = unit.short_codename();
        let numbered = unit.name().bytes().any(|b| b.is_ascii_digit());
        let yields = || {
            siblings
                .iter()
                .any(|s| *s != unit && rank(s) >= rank(&unit) && s.short_codename() == own)
        };
        if numbered || yields() {
            unit.codename()
        } else {
            own
        }
    }

    /// A district of the whole tree: `name, code, codename, division_type,
    /// short_codename, wards`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeDistrict {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) codename: Codename,
        pub(crate) division_type: &'static str,
        pub(crate) short_codename: Codename,
        pub(crate) wards: Vec<TreeWard>,
    }

    impl TreeDistrict {
        /// The district, among the districts of its province.
        fn of(d: &'static legacy::District, siblings: &[Unit]) -> TreeDistrict {
            let communes: Vec<Unit> = d.communes().map(Unit::LegacyCommune).collect();
            TreeDistrict {
                name: d.full_name(),
                code: d.code().get(),
                codename: d.codename(),
                division_type: district_type(d.kind()),
                short_codename: short_codename(Unit::LegacyDistrict(d), siblings),
                wards: d.communes().map(|c| TreeWard::of(c, &communes)).collect(),
            }
        }
    }

    /// A ward of the whole tree: `name, code, codename, division_type, short_codename`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeWard {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) codename: Codename,
        pub(crate) division_type: &'static str,
        pub(crate) short_codename: Codename,
    }

    impl TreeWard {
        /// The commune, among the communes of its district.
        fn of(c: &'static legacy::Commune, siblings: &[Unit]) -> TreeWard {
            TreeWard {
                name: c.full_name(),
                code: c.code().get(),
                codename: c.codename(),
                division_type: legacy_commune_type(c.kind()),
                short_codename: short_codename(Unit::LegacyCommune(c), siblings),
            }
        }
    }

    /// `SearchResult`: `name, code, matches` (term → `[start, end)` in `name`, in
    /// characters).
    #[derive(Debug, Serialize)]
    pub(crate) struct SearchResult {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) matches: std::collections::BTreeMap<String, [usize; 2]>,
    }

    /// `Version`: `data_version`.
    #[derive(Debug, Serialize)]
    pub(crate) struct Version {
        pub(crate) data_version: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of the library has its own lower-case `division_type`: a kind added
    /// to the library fails here until it gets a line above.
    #[test]
    fn every_kind_has_a_division_type() {
        for &k in ProvinceKind::ALL {
            let t = province_type(k);
            assert!(t.starts_with(&k.prefix().to_lowercase()), "{k:?} → {t}");
        }
        assert_eq!(
            province_type(ProvinceKind::Municipality),
            "thành phố trung ương"
        );
        for &k in CommuneKind::ALL {
            assert_eq!(commune_type(k), k.prefix().to_lowercase(), "{k:?}");
        }
        for &k in DistrictKind::ALL {
            assert_eq!(district_type(k), k.prefix().to_lowercase(), "{k:?}");
        }
        for &k in legacy::CommuneKind::ALL {
            assert_eq!(legacy_commune_type(k), k.prefix().to_lowercase(), "{k:?}");
        }
    }
}
