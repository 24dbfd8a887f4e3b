//! [`Unit`], a unit of either structure at any level, with its [`Era`], [`Level`] and
//! [`UnitCode`]: what search hits, parsed addresses and translations are made of.

use std::fmt;

use crate::legacy;
use crate::tables::Str;
use crate::units::code::{
    CommuneCode, LegacyCommuneCode, LegacyDistrictCode, LegacyProvinceCode, ProvinceCode,
};
use crate::units::current::{Commune, Province};
use crate::units::kind::FullName;

/// Which structure a unit belongs to: the *era* of a unit, an address or a
/// translation's input.
///
/// ```
/// use dvhc::search::Search;
/// use dvhc::Era;
/// let hits = Search::new().era(Era::Legacy).run("Bình Dương");
/// assert!(hits.iter().all(|h| h.unit().era() == Era::Legacy));
/// assert_eq!(Era::Legacy.id(), "legacy");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    /// The structure in force from 1 July 2025.
    Current,
    /// The structure in force to 30 June 2025.
    Legacy,
}

impl Era {
    /// `"current"` or `"legacy"`: the stable ASCII id used in serialised output.
    ///
    /// ```
    /// assert_eq!(dvhc::Era::Current.id(), "current");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Era::Current => "current",
            Era::Legacy => "legacy",
        }
    }

    /// The era with this [`id`](Self::id), if any.
    ///
    /// ```
    /// assert_eq!(dvhc::Era::from_id("legacy"), Some(dvhc::Era::Legacy));
    /// assert_eq!(dvhc::Era::from_id("old"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Era> {
        match id {
            "current" => Some(Era::Current),
            "legacy" => Some(Era::Legacy),
            _ => None,
        }
    }
}

/// The [`id`](Era::id).
impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// The level of a unit.
///
/// ```
/// use dvhc::search::Search;
/// use dvhc::Level;
/// let hits = Search::new().level(Level::District).run("Quận 1");
/// assert!(hits.iter().all(|h| h.unit().level() == Level::District));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Province or centrally governed city.
    Province,
    /// District (legacy structure only).
    District,
    /// Commune, ward, township or special zone.
    Commune,
}

impl Level {
    /// `"province"`, `"district"` or `"commune"`: the stable ASCII id used in
    /// serialised output.
    ///
    /// ```
    /// assert_eq!(dvhc::Level::District.id(), "district");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }

    /// The level with this [`id`](Self::id), if any.
    ///
    /// ```
    /// assert_eq!(dvhc::Level::from_id("commune"), Some(dvhc::Level::Commune));
    /// ```
    pub fn from_id(id: &str) -> Option<Level> {
        match id {
            "province" => Some(Level::Province),
            "district" => Some(Level::District),
            "commune" => Some(Level::Commune),
            _ => None,
        }
    }
}

/// The [`id`](Level::id).
impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// The official code of a [`Unit`], typed by era and level.
///
/// Its `Display` is the zero-padded code (`"79"`, `"760"`, `"26740"`); it orders like
/// [`Unit`]: by level, then era, then value.
///
/// ```
/// use dvhc::{search::Search, UnitCode};
/// let hit = &Search::new().run("Phường Bến Nghé")[0];
/// let code = hit.unit().code();
/// assert_eq!(code.to_string(), "26740");
/// assert_eq!(code.get(), 26740);
/// assert!(matches!(code, UnitCode::LegacyCommune(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnitCode {
    /// The code of a current province.
    Province(ProvinceCode),
    /// The code of a current commune.
    Commune(CommuneCode),
    /// The code of a pre-2025 province.
    LegacyProvince(LegacyProvinceCode),
    /// The code of a pre-2025 district.
    LegacyDistrict(LegacyDistrictCode),
    /// The code of a pre-2025 commune.
    LegacyCommune(LegacyCommuneCode),
}

impl UnitCode {
    /// The numeric value.
    ///
    /// ```
    /// let c = dvhc::UnitCode::from(dvhc::CommuneCode::new(4).unwrap());
    /// assert_eq!(c.get(), 4);
    /// ```
    pub const fn get(self) -> u32 {
        match self {
            UnitCode::Province(c) => c.get(),
            UnitCode::Commune(c) => c.get(),
            UnitCode::LegacyProvince(c) => c.get(),
            UnitCode::LegacyDistrict(c) => c.get(),
            UnitCode::LegacyCommune(c) => c.get(),
        }
    }

    /// The era of the unit this code belongs to.
    ///
    /// ```
    /// let c = dvhc::UnitCode::from(dvhc::legacy::DistrictCode::new(760).unwrap());
    /// assert_eq!(c.era(), dvhc::Era::Legacy);
    /// ```
    pub const fn era(self) -> Era {
        match self {
            UnitCode::Province(_) | UnitCode::Commune(_) => Era::Current,
            _ => Era::Legacy,
        }
    }

    /// The level of the unit this code belongs to.
    ///
    /// ```
    /// let c = dvhc::UnitCode::from(dvhc::legacy::DistrictCode::new(760).unwrap());
    /// assert_eq!(c.level(), dvhc::Level::District);
    /// ```
    pub const fn level(self) -> Level {
        match self {
            UnitCode::Province(_) | UnitCode::LegacyProvince(_) => Level::Province,
            UnitCode::LegacyDistrict(_) => Level::District,
            UnitCode::Commune(_) | UnitCode::LegacyCommune(_) => Level::Commune,
        }
    }

    /// The number of digits of the code, leading zeros included (2, 3 or 5).
    ///
    /// ```
    /// let c = dvhc::UnitCode::from(dvhc::ProvinceCode::new(1).unwrap());
    /// assert_eq!(c.width(), 2);
    /// ```
    pub const fn width(self) -> usize {
        match self.level() {
            Level::Province => 2,
            Level::District => 3,
            Level::Commune => 5,
        }
    }

    /// The unit with this code, if there is one.
    ///
    /// ```
    /// let c = dvhc::UnitCode::from(dvhc::ProvinceCode::new(79).unwrap());
    /// assert_eq!(c.unit().unwrap().to_string(), "Thành phố Hồ Chí Minh");
    /// ```
    pub fn unit(self) -> Option<Unit> {
        match self {
            UnitCode::Province(c) => Province::get(c).map(Unit::Province),
            UnitCode::Commune(c) => Commune::get(c).map(Unit::Commune),
            UnitCode::LegacyProvince(c) => legacy::Province::get(c).map(Unit::LegacyProvince),
            UnitCode::LegacyDistrict(c) => legacy::District::get(c).map(Unit::LegacyDistrict),
            UnitCode::LegacyCommune(c) => legacy::Commune::get(c).map(Unit::LegacyCommune),
        }
    }

    /// The sort key: level, era, value.
    fn key(self) -> (Level, Era, u32) {
        (self.level(), self.era(), self.get())
    }
}

impl PartialOrd for UnitCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By level, then era (current first), then value.
impl Ord for UnitCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// Zero-padded to the official width.
impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::units::code::pad(self.get(), self.width(), f)
    }
}

macro_rules! unit_code_from {
    ($($t:ty => $v:ident),+) => {$(
        impl From<$t> for UnitCode {
            fn from(c: $t) -> UnitCode {
                UnitCode::$v(c)
            }
        }
    )+};
}
unit_code_from!(
    ProvinceCode => Province,
    CommuneCode => Commune,
    LegacyProvinceCode => LegacyProvince,
    LegacyDistrictCode => LegacyDistrict,
    LegacyCommuneCode => LegacyCommune
);

/// A unit of either structure, at any level.
///
/// Two units are equal when they are the same unit (era, level and code); units
/// order by level, then era (current first), then code.
///
/// ```
/// use dvhc::search::Search;
/// use dvhc::Unit;
/// let hit = &Search::new().run("Phường Bến Nghé")[0];
/// match hit.unit() {
///     Unit::LegacyCommune(c) => assert_eq!(c.code().to_string(), "26740"),
///     other => panic!("unexpected {other}"),
/// }
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Unit {
    /// A current province.
    Province(&'static Province),
    /// A current commune.
    Commune(&'static Commune),
    /// A pre-2025 province.
    LegacyProvince(&'static legacy::Province),
    /// A pre-2025 district.
    LegacyDistrict(&'static legacy::District),
    /// A pre-2025 commune.
    LegacyCommune(&'static legacy::Commune),
}

impl Unit {
    /// The era of the unit.
    ///
    /// ```
    /// use dvhc::{Era, Unit};
    /// let p = dvhc::Province::all().first().unwrap();
    /// assert_eq!(Unit::Province(p).era(), Era::Current);
    /// ```
    pub fn era(&self) -> Era {
        match self {
            Unit::Province(_) | Unit::Commune(_) => Era::Current,
            _ => Era::Legacy,
        }
    }

    /// The level of the unit.
    ///
    /// ```
    /// use dvhc::{Level, Unit};
    /// let d = dvhc::legacy::District::all().first().unwrap();
    /// assert_eq!(Unit::LegacyDistrict(d).level(), Level::District);
    /// ```
    pub fn level(&self) -> Level {
        match self {
            Unit::Province(_) | Unit::LegacyProvince(_) => Level::Province,
            Unit::LegacyDistrict(_) => Level::District,
            Unit::Commune(_) | Unit::LegacyCommune(_) => Level::Commune,
        }
    }

    /// The official code, typed by era and level; its `Display` is zero-padded to the
    /// level's width. Allocates nothing.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).code().to_string(), "00004");
    /// ```
    pub fn code(&self) -> UnitCode {
        match self {
            Unit::Province(u) => UnitCode::Province(u.code()),
            Unit::Commune(u) => UnitCode::Commune(u.code()),
            Unit::LegacyProvince(u) => UnitCode::LegacyProvince(u.code()),
            Unit::LegacyDistrict(u) => UnitCode::LegacyDistrict(u.code()),
            Unit::LegacyCommune(u) => UnitCode::LegacyCommune(u.code()),
        }
    }

    /// The numeric value of the code.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).code_value(), 4);
    /// ```
    pub fn code_value(&self) -> u32 {
        match self {
            Unit::Province(u) => u.code().get(),
            Unit::Commune(u) => u.code().get(),
            Unit::LegacyProvince(u) => u.code().get(),
            Unit::LegacyDistrict(u) => u.code().get(),
            Unit::LegacyCommune(u) => u.code().get(),
        }
    }

    /// The name without the kind prefix.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).name(), "Ba Đình");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name_ref().get()
    }

    /// Where the name is in the string pool (homonyms usually share it).
    #[inline]
    pub(crate) fn name_ref(&self) -> Str {
        match self {
            Unit::Province(u) => u.name,
            Unit::Commune(u) => u.name,
            Unit::LegacyProvince(u) => u.name,
            Unit::LegacyDistrict(u) => u.name,
            Unit::LegacyCommune(u) => u.name,
        }
    }

    /// The full official name (in force now), e.g. `Phường Sài Gòn`.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).full_name().to_string(), "Phường Ba Đình");
    /// ```
    pub fn full_name(&self) -> FullName {
        match self {
            Unit::Province(u) => u.full_name(),
            Unit::Commune(u) => u.full_name(),
            Unit::LegacyProvince(u) => u.full_name(),
            Unit::LegacyDistrict(u) => u.full_name(),
            Unit::LegacyCommune(u) => u.full_name(),
        }
    }

    /// The current province of a current unit, or the legacy province of a legacy one.
    pub(crate) fn province_code(&self) -> u32 {
        match self {
            Unit::Province(u) => u.code().get(),
            Unit::Commune(u) => u.province().code().get(),
            Unit::LegacyProvince(u) => u.code().get(),
            Unit::LegacyDistrict(u) => u.province().code().get(),
            Unit::LegacyCommune(u) => u.province().code().get(),
        }
    }

    pub(crate) fn district_code(&self) -> Option<u32> {
        match self {
            Unit::LegacyDistrict(u) => Some(u.code().get()),
            Unit::LegacyCommune(u) => Some(u.district().code().get()),
            _ => None,
        }
    }
}

impl PartialEq for Unit {
    fn eq(&self, other: &Unit) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Unit {}

impl std::hash::Hash for Unit {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl PartialOrd for Unit {
    fn partial_cmp(&self, other: &Unit) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By level, then era (current first), then code.
impl Ord for Unit {
    fn cmp(&self, other: &Unit) -> std::cmp::Ordering {
        self.code().cmp(&other.code())
    }
}

impl fmt::Display for Unit {
    /// The full official name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}
