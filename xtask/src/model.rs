//! Unit kinds and their spellings as type prefixes.

use std::fmt;

macro_rules! kind_enum {
    ($name:ident { $($variant:ident => $id:literal, $prefix:literal, $english:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        #[allow(dead_code)]
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Identifier written to the TSV files.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
            /// Vietnamese type prefix as in full names.
            pub fn prefix(self) -> &'static str {
                match self { $($name::$variant => $prefix),+ }
            }
            /// English kind word of full English names (data/README.md,
            /// "English names"; Circular 03/2009/TT-BNG).
            pub fn english(self) -> &'static str {
                match self { $($name::$variant => $english),+ }
            }
            pub fn prefixes() -> Vec<(&'static str, $name)> {
                let mut v: Vec<_> = Self::ALL.iter().map(|k| (k.prefix(), *k)).collect();
                // longest first so that "Thành phố" is tried before shorter ones
                v.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
                v
            }
            pub fn from_id(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|k| k.id() == s)
            }
            pub fn from_prefix(s: &str) -> Option<$name> {
                let l = s.trim().to_lowercase();
                Self::ALL.iter().copied().find(|k| k.prefix().to_lowercase() == l)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

kind_enum!(ProvinceKind {
    ThanhPho => "thanh_pho", "Thành phố", "City";
    Tinh => "tinh", "Tỉnh", "Province";
});

kind_enum!(CommuneKind {
    Phuong => "phuong", "Phường", "Ward";
    Xa => "xa", "Xã", "Commune";
    DacKhu => "dac_khu", "Đặc khu", "Special Zone";
});

kind_enum!(DistrictKind {
    Quan => "quan", "Quận", "District";
    Huyen => "huyen", "Huyện", "District";
    ThiXa => "thi_xa", "Thị xã", "Town";
    ThanhPho => "thanh_pho", "Thành phố", "City";
});

kind_enum!(LegacyCommuneKind {
    Phuong => "phuong", "Phường", "Ward";
    Xa => "xa", "Xã", "Commune";
    ThiTran => "thi_tran", "Thị trấn", "Town";
});

/// Current (2025-07-01 base) province.
#[derive(Debug, Clone)]
pub struct Province {
    pub code: String,
    pub name: String,
    pub kind: ProvinceKind,
}

/// Current commune as of 2025-07-01 (kind before the 2026 amendments).
#[derive(Debug, Clone)]
pub struct Commune {
    pub code: String,
    pub province: String,
    pub name: String,
    pub kind: CommuneKind,
    pub resolution: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Commune,
    Province,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Commune => "commune",
            Level::Province => "province",
        }
    }
}

/// One row of data/changes.tsv.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub date: String,
    pub level: Level,
    pub code: String,
    pub before: String,
    pub after: String,
    pub legal_basis: String,
}

#[derive(Debug, Clone)]
pub struct LegacyProvince {
    pub code: String,
    pub name: String,
    pub kind: ProvinceKind,
}

#[derive(Debug, Clone)]
pub struct LegacyDistrict {
    pub code: String,
    pub province: String,
    pub name: String,
    pub kind: DistrictKind,
}

#[derive(Debug, Clone)]
pub struct LegacyCommune {
    pub code: String,
    pub district: String,
    pub province: String,
    pub name: String,
    pub kind: LegacyCommuneKind,
}
