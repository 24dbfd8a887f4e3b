//! Names on a date: the one rule for which full name and kind of a current unit a
//! result shows ([`Names`], internal) and [`AsOf`], the public way to ask for it.

use std::fmt;

use crate::text::english::{Codename, FullNameEn};
use crate::units::current::{Commune, Province};
use crate::units::date::Date;
use crate::units::kind::{CommuneKind, FullName, ProvinceKind};
use crate::units::unit::Unit;

/// Which law names current units: the one in force on a day, or the newest.
///
/// A day before 1 July 2025 names current units as on 1 July 2025, the day they came
/// into being (they had no name before). Legacy units have one name, that of
/// 30 June 2025, whatever the day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Names {
    on: Option<Date>,
}

impl Names {
    /// The newest law.
    pub(crate) const NOW: Names = Names { on: None };

    /// The law in force on `date` (`None`: the newest).
    pub(crate) fn on(date: Option<Date>) -> Names {
        Names {
            on: date.map(|d| d.max(Date::REFORM)),
        }
    }

    /// The day, if any (from 1 July 2025).
    pub(crate) fn date(self) -> Option<Date> {
        self.on
    }

    /// The full name of a current province.
    pub(crate) fn province(self, p: &Province) -> FullName {
        self.on
            .and_then(|d| p.full_name_on(d))
            .unwrap_or_else(|| p.full_name())
    }

    /// The kind of a current province.
    pub(crate) fn province_kind(self, p: &Province) -> ProvinceKind {
        self.on.and_then(|d| p.kind_on(d)).unwrap_or(p.kind())
    }

    /// The full name of a current commune.
    pub(crate) fn commune(self, c: &Commune) -> FullName {
        self.on
            .and_then(|d| c.full_name_on(d))
            .unwrap_or_else(|| c.full_name())
    }

    /// The kind of a current commune.
    pub(crate) fn commune_kind(self, c: &Commune) -> CommuneKind {
        self.on.and_then(|d| c.kind_on(d)).unwrap_or(c.kind())
    }

    /// The full name of a unit of either era.
    pub(crate) fn unit(self, u: Unit) -> FullName {
        match u {
            Unit::Province(p) => self.province(p),
            Unit::Commune(c) => self.commune(c),
            other => other.full_name(),
        }
    }

    /// The kind id of a unit of either era.
    pub(crate) fn unit_kind_id(self, u: Unit) -> &'static str {
        self.unit_kind_words(u).0
    }

    /// The kind id and English kind word of a unit of either era.
    fn unit_kind_words(self, u: Unit) -> (&'static str, &'static str) {
        match u {
            Unit::Province(p) => {
                let k = self.province_kind(p);
                (k.id(), k.english())
            }
            Unit::Commune(c) => {
                let k = self.commune_kind(c);
                (k.id(), k.english())
            }
            Unit::LegacyProvince(p) => (p.kind().id(), p.kind().english()),
            Unit::LegacyDistrict(d) => (d.kind().id(), d.kind().english()),
            Unit::LegacyCommune(c) => (c.kind().id(), c.kind().english()),
        }
    }

    /// The full English name of a unit of either era.
    pub(crate) fn unit_en(self, u: Unit) -> FullNameEn<'static> {
        FullNameEn::new(u.name_en(), self.unit_kind_words(u).1)
    }

    /// The codename of a unit of either era.
    pub(crate) fn unit_codename(self, u: Unit) -> Codename {
        Codename::new(self.unit_kind_words(u).0, u.name_en())
    }
}

/// A value shown with the names and kinds in force on a date: a [`Unit`], or (with
/// the `serde` feature) a parsed [`Address`](crate::address::Address) or parse
/// [`Outcome`](crate::address::Outcome) to serialise.
///
/// Current units are named as on `date` (Đồng Nai is `Tỉnh Đồng Nai` before
/// 30 April 2026, `Thành phố Đồng Nai` from then on); a date before 1 July 2025 names
/// them as on 1 July 2025, the day they came into being; `None` names them by the
/// newest law, as the values themselves do. Legacy units have one name whatever the
/// date. A [`Translator`](crate::translate::Translator) takes its date with
/// [`Translator::on`](crate::translate::Translator::on) instead.
///
/// # Examples
/// ```
/// use dvhc::{AsOf, Date, Province, Unit};
///
/// let dong_nai = Unit::Province(Province::get("75".parse().unwrap()).unwrap());
/// assert_eq!(AsOf::new(dong_nai, Some(Date::REFORM)).to_string(), "Tỉnh Đồng Nai");
/// assert_eq!(AsOf::new(dong_nai, None).to_string(), "Thành phố Đồng Nai");
/// // Before the reform: the name it came into being with.
/// assert_eq!(AsOf::new(dong_nai, Some(Date::LAST_LEGACY_DAY)).to_string(), "Tỉnh Đồng Nai");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf<T> {
    value: T,
    date: Option<Date>,
}

impl<T> AsOf<T> {
    /// `value`, shown with the names in force on `date` (`None`: the newest law).
    ///
    /// ```
    /// let a = dvhc::AsOf::new(3, Some(dvhc::Date::REFORM));
    /// assert_eq!(*a.value(), 3);
    /// ```
    pub const fn new(value: T, date: Option<Date>) -> AsOf<T> {
        AsOf { value, date }
    }

    /// The value.
    ///
    /// ```
    /// assert_eq!(*dvhc::AsOf::new("x", None).value(), "x");
    /// ```
    pub const fn value(&self) -> &T {
        &self.value
    }

    /// The date as given (serialised as `"on"` where a shape has that field).
    ///
    /// ```
    /// use dvhc::{AsOf, Date};
    /// assert_eq!(AsOf::new((), Some(Date::LAST_LEGACY_DAY)).date(), Some(Date::LAST_LEGACY_DAY));
    /// ```
    pub const fn date(&self) -> Option<Date> {
        self.date
    }

    /// The naming rule for the date.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn names(&self) -> Names {
        Names::on(self.date)
    }
}

impl AsOf<Unit> {
    /// The full name in force on the date.
    ///
    /// ```
    /// use dvhc::{AsOf, Commune, Date, Unit};
    /// let c = Unit::Commune(Commune::get("26368".parse().unwrap()).unwrap());
    /// assert_eq!(AsOf::new(c, Some(Date::REFORM)).full_name().prefix(), "Xã");
    /// assert_eq!(AsOf::new(c, None).full_name().prefix(), "Phường");
    /// ```
    pub fn full_name(&self) -> FullName {
        Names::on(self.date).unit(self.value)
    }

    /// The [`id`](crate::CommuneKind::id) of the kind in force on the date, e.g.
    /// `"xa"`.
    ///
    /// ```
    /// use dvhc::{AsOf, Commune, Date, Unit};
    /// let c = Unit::Commune(Commune::get("26368".parse().unwrap()).unwrap());
    /// assert_eq!(AsOf::new(c, Some(Date::REFORM)).kind_id(), "xa");
    /// ```
    pub fn kind_id(&self) -> &'static str {
        Names::on(self.date).unit_kind_id(self.value)
    }

    /// The full English name in force on the date.
    ///
    /// ```
    /// use dvhc::{AsOf, Commune, Date, Unit};
    /// let c = Unit::Commune(Commune::get("26368".parse().unwrap()).unwrap());
    /// assert_eq!(AsOf::new(c, Some(Date::REFORM)).full_name_en().to_string(), "Long Thanh Commune");
    /// assert_eq!(AsOf::new(c, None).full_name_en().to_string(), "Long Thanh Ward");
    /// ```
    pub fn full_name_en(&self) -> FullNameEn<'static> {
        Names::on(self.date).unit_en(self.value)
    }

    /// The codename in force on the date.
    ///
    /// ```
    /// use dvhc::{AsOf, Commune, Date, Unit};
    /// let c = Unit::Commune(Commune::get("26368".parse().unwrap()).unwrap());
    /// assert_eq!(AsOf::new(c, Some(Date::REFORM)).codename().to_string(), "xa_long_thanh");
    /// ```
    pub fn codename(&self) -> Codename {
        Names::on(self.date).unit_codename(self.value)
    }
}

/// The full name in force on the date.
impl fmt::Display for AsOf<Unit> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Names::on(self.date).unit(self.value).fmt(f)
    }
}
