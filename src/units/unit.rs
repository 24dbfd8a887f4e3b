//! [`Unit`], a unit of either structure at any level, with its [`Era`] and [`Level`]:
//! what search hits, parsed addresses and translations are made of.

use std::fmt;

use crate::legacy;
use crate::tables::Str;
use crate::units::current::{Commune, Province};
use crate::units::kind::FullName;

/// Which structure a unit belongs to.
///
/// ```
/// use dvhc::search::{Era, Search};
/// let hits = Search::new().era(Era::Legacy).run("Bình Dương");
/// assert!(hits.iter().all(|h| h.unit().era() == Era::Legacy));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    /// The structure in force from 1 July 2025.
    Current,
    /// The structure in force to 30 June 2025.
    Legacy,
}

/// The level of a unit.
///
/// ```
/// use dvhc::search::{Level, Search};
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

/// A unit of either structure, at any level.
///
/// ```
/// use dvhc::search::{Search, Unit};
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
    /// use dvhc::search::{Era, Unit};
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
    /// use dvhc::search::{Level, Unit};
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

    /// The official code as a zero-padded string of its level's width.
    ///
    /// ```
    /// use dvhc::search::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).code(), "00004");
    /// ```
    pub fn code(&self) -> String {
        match self {
            Unit::Province(u) => u.code().to_string(),
            Unit::Commune(u) => u.code().to_string(),
            Unit::LegacyProvince(u) => u.code().to_string(),
            Unit::LegacyDistrict(u) => u.code().to_string(),
            Unit::LegacyCommune(u) => u.code().to_string(),
        }
    }

    /// The numeric value of the code.
    ///
    /// ```
    /// use dvhc::search::Unit;
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
    /// use dvhc::search::Unit;
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
    /// use dvhc::search::Unit;
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
        self.era() == other.era()
            && self.level() == other.level()
            && self.code_value() == other.code_value()
    }
}

impl Eq for Unit {}

impl fmt::Display for Unit {
    /// The full official name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}
