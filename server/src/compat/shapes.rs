//! The JSON objects of the provinces web API (COMPAT.md §3, §4): their one home.
//!
//! Field names, order and types are that API's, so that an existing client decodes
//! them unchanged; every value comes from the library (names and kinds in force
//! today for current units, as of 30 June 2025 for legacy ones).

use dvhc::legacy::{self, DistrictKind};
use dvhc::{CommuneKind, FullName, ProvinceKind};
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
        pub(crate) wards: Vec<Ward>,
    }

    impl Province {
        /// The province, with its wards when `wards` is set.
        pub(crate) fn of(p: &dvhc::Province, wards: bool) -> Province {
            Province {
                name: p.full_name(),
                code: p.code().get(),
                division_type: province_type(p.kind()),
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
        pub(crate) province_code: u32,
    }

    impl Ward {
        /// The commune.
        pub(crate) fn of(c: &dvhc::Commune) -> Ward {
            Ward {
                name: c.full_name(),
                code: c.code().get(),
                division_type: commune_type(c.kind()),
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
        pub(crate) division_type: &'static str,
        pub(crate) wards: Vec<TreeWard>,
    }

    impl TreeProvince {
        /// The province with all its wards.
        pub(crate) fn of(p: &dvhc::Province) -> TreeProvince {
            TreeProvince {
                name: p.full_name(),
                code: p.code().get(),
                division_type: province_type(p.kind()),
                wards: p.communes().map(TreeWard::of).collect(),
            }
        }
    }

    /// A ward of the whole tree: `name, code, codename, division_type, short_codename`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeWard {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
    }

    impl TreeWard {
        /// The commune.
        pub(crate) fn of(c: &dvhc::Commune) -> TreeWard {
            TreeWard {
                name: c.full_name(),
                code: c.code().get(),
                division_type: commune_type(c.kind()),
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
        pub(crate) districts: Vec<District>,
    }

    impl Province {
        /// The province, expanded to `depth`.
        pub(crate) fn of(p: &legacy::Province, depth: Depth) -> Province {
            Province {
                name: p.full_name(),
                code: p.code().get(),
                division_type: province_type(p.kind()),
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
        pub(crate) district_code: u32,
    }

    impl Ward {
        /// The legacy commune.
        pub(crate) fn of(c: &legacy::Commune) -> Ward {
            Ward {
                name: c.full_name(),
                code: c.code().get(),
                division_type: legacy_commune_type(c.kind()),
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
        pub(crate) division_type: &'static str,
        pub(crate) districts: Vec<TreeDistrict>,
    }

    impl TreeProvince {
        /// The province with all its districts and communes.
        pub(crate) fn of(p: &legacy::Province) -> TreeProvince {
            TreeProvince {
                name: p.full_name(),
                code: p.code().get(),
                division_type: province_type(p.kind()),
                districts: p.districts().map(TreeDistrict::of).collect(),
            }
        }
    }

    /// A district of the whole tree: `name, code, codename, division_type,
    /// short_codename, wards`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeDistrict {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
        pub(crate) wards: Vec<TreeWard>,
    }

    impl TreeDistrict {
        fn of(d: &legacy::District) -> TreeDistrict {
            TreeDistrict {
                name: d.full_name(),
                code: d.code().get(),
                division_type: district_type(d.kind()),
                wards: d.communes().map(TreeWard::of).collect(),
            }
        }
    }

    /// A ward of the whole tree: `name, code, codename, division_type, short_codename`.
    #[derive(Debug, Serialize)]
    pub(crate) struct TreeWard {
        #[serde(serialize_with = "full_name")]
        pub(crate) name: FullName,
        pub(crate) code: u32,
        pub(crate) division_type: &'static str,
    }

    impl TreeWard {
        fn of(c: &legacy::Commune) -> TreeWard {
            TreeWard {
                name: c.full_name(),
                code: c.code().get(),
                division_type: legacy_commune_type(c.kind()),
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
