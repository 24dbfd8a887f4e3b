//! Unit kinds and their spellings as type prefixes.

pub use dvhc::legacy::{CommuneKind as LegacyCommuneKind, DistrictKind};
pub use dvhc::{CommuneKind, ProvinceKind};

/// The kind enums of `dvhc` (the one home of the kind ids and prefixes), and how the
/// sources write them: as the type prefix of a full name.
pub trait Kind: Copy + PartialEq + 'static {
    /// Every kind.
    fn all() -> &'static [Self];
    /// The Vietnamese type prefix, as in full names.
    fn prefix_of(self) -> &'static str;
    /// Every kind with its prefix, the longest prefix first (so that "Thành phố" is
    /// tried before shorter ones).
    fn prefixes() -> Vec<(&'static str, Self)> {
        let mut v: Vec<_> = Self::all().iter().map(|k| (k.prefix_of(), *k)).collect();
        v.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        v
    }
    /// The kind whose prefix `s` is, in any case.
    fn from_prefix(s: &str) -> Option<Self> {
        let l = s.trim().to_lowercase();
        Self::all()
            .iter()
            .copied()
            .find(|k| k.prefix_of().to_lowercase() == l)
    }
}

macro_rules! kind {
    ($($t:ty),+) => {$(
        impl Kind for $t {
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
            fn prefix_of(self) -> &'static str {
                self.prefix()
            }
        }
    )+};
}
kind!(ProvinceKind, CommuneKind, DistrictKind, LegacyCommuneKind);

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
