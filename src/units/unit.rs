//! [`Unit`], a unit of either structure at any level, with its [`Era`], [`Level`] and
//! [`UnitCode`]: what search hits, parsed addresses and translations are made of.

use std::fmt;

use crate::legacy;
use crate::tables::Str;
use crate::text::english::{Codename, FullNameEn};
use crate::units::code::{
    CommuneCode, LegacyCommuneCode, LegacyDistrictCode, LegacyProvinceCode, ProvinceCode,
};
use crate::units::current::{Commune, Province};
use crate::units::date::Date;
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

    /// Reads the code of a unit of any level, as people give it: the level follows
    /// from the number of digits (2 province, 3 district, 5 commune), the era is
    /// `era`, or when that is `None` the structure in force on `on`: legacy for a
    /// district code and for a day before 1 July 2025, current otherwise. This is how
    /// `dvhc get` and the bindings read a code; look the unit up with
    /// [`UnitCode::unit`].
    ///
    /// # Errors
    /// [`UnitCodeError`]: not digits only, a width other than 2, 3 or 5, a district
    /// in the current structure, or a current unit on a day before it existed.
    ///
    /// ```
    /// use dvhc::{Date, Era, UnitCode, UnitCodeError};
    ///
    /// let c = UnitCode::parse_in("26740", None, None)?;
    /// assert_eq!(c.unit().unwrap().to_string(), "Phường Sài Gòn");
    /// let old = UnitCode::parse_in("26740", Some(Era::Legacy), None)?;
    /// assert_eq!(old.unit().unwrap().to_string(), "Phường Bến Nghé");
    /// // On a day before the reform, the structure then in force.
    /// let then = UnitCode::parse_in("26740", None, Some(Date::LAST_LEGACY_DAY))?;
    /// assert_eq!(then, old);
    /// assert_eq!(UnitCode::parse_in(" 760 ", None, None)?.level(), dvhc::Level::District);
    ///
    /// assert_eq!(UnitCode::parse_in("7a", None, None), Err(UnitCodeError::NotDigits));
    /// assert_eq!(UnitCode::parse_in("7901", None, None), Err(UnitCodeError::Width(4)));
    /// assert_eq!(UnitCode::parse_in("760", Some(Era::Current), None), Err(UnitCodeError::DistrictNotCurrent));
    /// assert_eq!(
    ///     UnitCode::parse_in("79", Some(Era::Current), Some(Date::LAST_LEGACY_DAY)),
    ///     Err(UnitCodeError::CurrentBeforeReform(Date::LAST_LEGACY_DAY))
    /// );
    /// # Ok::<(), UnitCodeError>(())
    /// ```
    pub fn parse_in(
        s: &str,
        era: Option<Era>,
        on: Option<Date>,
    ) -> Result<UnitCode, UnitCodeError> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(UnitCodeError::NotDigits);
        }
        let before = on.filter(|&d| d < Date::REFORM);
        let era = match (s.len(), era, before) {
            (3, Some(Era::Current), _) => return Err(UnitCodeError::DistrictNotCurrent),
            (3, _, _) => Era::Legacy,
            (_, Some(Era::Current), Some(d)) => return Err(UnitCodeError::CurrentBeforeReform(d)),
            (_, Some(e), _) => e,
            (_, None, Some(_)) => Era::Legacy,
            (_, None, None) => Era::Current,
        };
        // Digits only and of the right width: the typed parses cannot fail.
        let bad = |_| UnitCodeError::NotDigits;
        Ok(match (s.len(), era) {
            (2, Era::Current) => UnitCode::Province(s.parse().map_err(bad)?),
            (2, Era::Legacy) => UnitCode::LegacyProvince(s.parse().map_err(bad)?),
            (3, _) => UnitCode::LegacyDistrict(s.parse().map_err(bad)?),
            (5, Era::Current) => UnitCode::Commune(s.parse().map_err(bad)?),
            (5, Era::Legacy) => UnitCode::LegacyCommune(s.parse().map_err(bad)?),
            (n, _) => return Err(UnitCodeError::Width(n)),
        })
    }

    /// The sort key: level, era, value.
    fn key(self) -> (Level, Era, u32) {
        (self.level(), self.era(), self.get())
    }
}

/// Why [`UnitCode::parse_in`] could not read a code.
///
/// ```
/// assert_eq!(
///     dvhc::UnitCodeError::Width(4).to_string(),
///     "a code has 2 digits (province), 3 (legacy district) or 5 (commune), not 4"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum UnitCodeError {
    /// The code is empty or has a character other than an ASCII digit (after
    /// trimming surrounding white space).
    #[error("a code is made of digits only")]
    NotDigits,
    /// The code has this many digits, not 2, 3 or 5.
    #[error("a code has 2 digits (province), 3 (legacy district) or 5 (commune), not {0}")]
    Width(usize),
    /// A 3-digit code, a district, asked for in the current structure.
    #[error("3-digit codes are districts, which exist only in the legacy structure")]
    DistrictNotCurrent,
    /// A current unit asked for on this day, before 1 July 2025 when current units
    /// came into being.
    #[error("current units came into being on {reform}; on {0} the unit with this code is a legacy one", reform = Date::REFORM)]
    CurrentBeforeReform(Date),
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
/// # JSON (feature `serde`)
/// A unit with its relations, as `dvhc get` prints it (conventions in the crate
/// documentation, "Serialisation"); the records ([`Commune`], [`legacy::District`], …)
/// serialise alike, and [`AsOf`](crate::AsOf) names current units as on a date:
///
/// ```json
/// {"code": "26740", "name": "Phường Sài Gòn", "kind": "phuong", "level": "commune",
///  "era": "current", "province": ref | null, "district": ref | null,
///  "successors": [{"code", "name", "share"}],
///  "predecessors": [{"code", "name", "share", "district": ref | null}],
///  "short_name": "Sài Gòn", "on": "2025-07-01" | null, "resolution": "1685/NQ-UBTVQH15" | null,
///  "geo": {"lat", "lon", "area_km2", "population"} | null,
///  "changes": [{"date", "kind_before", "kind_after", "legal_basis"}],
///  "name_en": "Sai Gon", "full_name_en": "Sai Gon Ward", "codename": "phuong_sai_gon",
///  "short_codename": "sai_gon", "postal_code": "71016" | null,
///  "postal_code_prefixes": ["70", ...], "phone_code": 28 | null}
/// ```
///
/// * `name`, `kind`, `full_name_en`, `codename`: in force now, or on the date `on`;
///   `short_name` and `name_en` are the bare name and its English form.
/// * `province`: the province the unit is in (`null` for a province); `district`: the
///   legacy district of a legacy commune.
/// * `successors` (legacy units): the current units it went into, each `whole` or
///   `partial`; `predecessors` (current units): the legacy units it was formed from,
///   with a legacy commune's district (a đặc khu formed from a whole island district
///   lists that district).
/// * `resolution`, `geo`, `changes`: the resolution that formed a current unit, the
///   centre, area and population of a current commune, and the changes of kind since
///   1 July 2025.
/// * `postal_code` (current communes), `postal_code_prefixes` (current provinces, else
///   `[]`), `phone_code` (provinces of both structures: the telephone area code).
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

    /// The English name (the name without diacritics), e.g. `"Ben Nghe"`.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(Unit::LegacyCommune(c).name_en(), "Ben Nghe");
    /// ```
    pub fn name_en(&self) -> &'static str {
        self.name_ref().en()
    }

    /// The full English name (kind in force now), e.g. `Ben Nghe Ward`.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(Unit::LegacyCommune(c).full_name_en().to_string(), "Ben Nghe Ward");
    /// ```
    pub fn full_name_en(&self) -> FullNameEn<'static> {
        match self {
            Unit::Province(u) => u.full_name_en(),
            Unit::Commune(u) => u.full_name_en(),
            Unit::LegacyProvince(u) => u.full_name_en(),
            Unit::LegacyDistrict(u) => u.full_name_en(),
            Unit::LegacyCommune(u) => u.full_name_en(),
        }
    }

    /// The codename (kind in force now), e.g. `phuong_ben_nghe`.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(Unit::LegacyCommune(c).codename().to_string(), "phuong_ben_nghe");
    /// ```
    pub fn codename(&self) -> Codename {
        match self {
            Unit::Province(u) => u.codename(),
            Unit::Commune(u) => u.codename(),
            Unit::LegacyProvince(u) => u.codename(),
            Unit::LegacyDistrict(u) => u.codename(),
            Unit::LegacyCommune(u) => u.codename(),
        }
    }

    /// The short codename, e.g. `ben_nghe`.
    ///
    /// ```
    /// use dvhc::Unit;
    /// let c = dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(Unit::LegacyCommune(c).short_codename().to_string(), "ben_nghe");
    /// ```
    pub fn short_codename(&self) -> Codename {
        Codename::new("", self.name_en())
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
