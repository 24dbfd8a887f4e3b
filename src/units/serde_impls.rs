//! `serde` support for the value types and records (feature `serde`), and what every
//! other serialisable type shares: the unit reference, names on a date, sequences
//! written without collecting them.
//!
//! The shapes are documented on the types and, with their conventions, in the crate
//! documentation ("Serialisation"); the `dvhc` command-line tool prints exactly these.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::text::english::{Codename, FullNameEn};
use crate::units::code::{
    padded, CommuneCode, LegacyCommuneCode, LegacyDistrictCode, LegacyProvinceCode, PostalCode,
    PostalPrefix, ProvinceCode,
};
use crate::units::kind::{
    CommuneKind, DistrictKind, FullName, Geo, LegacyCommuneKind, ProvinceKind, Share,
};
use crate::units::names::{AsOf, Names};
use crate::units::status::Status;
use crate::units::unit::{Era, Level, Unit, UnitCode};
use crate::{legacy, ChangeDetail, Commune, Date, Province};

/// Serialises `self` with current units named by `names`: what every type whose
/// shape holds names of current units implements, so that a date given at the top
/// (a translator's, an [`AsOf`]) reaches every name inside.
pub(crate) trait SerializeWith {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error>;
}

/// `T` serialised with `names`.
pub(crate) struct With<'r, T: ?Sized>(pub(crate) &'r T, pub(crate) Names);

impl<T: SerializeWith + ?Sized> Serialize for With<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_with(self.1, s)
    }
}

/// A sequence serialised from an iterator, without collecting it.
pub(crate) struct Seq<F>(pub(crate) F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// Codes serialise as zero-padded strings, written from a stack buffer.
macro_rules! code_serde {
    ($($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut buf = [0; 10];
                s.serialize_str(padded(self.get(), <$t>::WIDTH, &mut buf))
            }
        }
        /// Strictly: the official width, leading zeros included (as `FromStr`).
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(D::Error::custom)
            }
        }
    )+};
}
code_serde!(
    ProvinceCode,
    CommuneCode,
    LegacyProvinceCode,
    LegacyDistrictCode,
    LegacyCommuneCode,
    PostalCode,
    PostalPrefix
);

impl Serialize for UnitCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0; 10];
        s.serialize_str(padded(self.get(), self.width(), &mut buf))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(D::Error::custom)
    }
}

/// Serialises as the ASCII id (`"phuong"`, `"legacy"`), deserialises from it.
macro_rules! via_id {
    ($what:literal: $($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$t>::from_id(&s)
                    .ok_or_else(|| D::Error::custom(format_args!(concat!("unknown ", $what, " {:?}"), s)))
            }
        }
    )+};
}
via_id!("kind": ProvinceKind, CommuneKind, DistrictKind, LegacyCommuneKind);
via_id!("era": Era);
via_id!("level": Level);
via_id!("status": Status);
via_id!("search mode": crate::search::Mode);
via_id!("origin": crate::search::Via);

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        match &*s {
            "whole" => Ok(Share::Whole),
            "partial" => Ok(Share::Partial),
            _ => Err(D::Error::custom(format_args!("unknown share {s:?}"))),
        }
    }
}

/// The full English name as one string, `"Sai Gon Ward"`.
impl Serialize for FullNameEn<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The codename as one string, `"phuong_sai_gon"`.
impl Serialize for Codename {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The full name as one string, `"Phường Sài Gòn"`, written without allocating.
impl Serialize for FullName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_assembled(s, |w| {
            w.push_str(self.prefix);
            w.push(' ');
            w.push_str(self.name);
            Ok(())
        })
    }
}

/// Serialises as one string what `write` writes, assembled in a buffer kept for the
/// thread and handed over whole (`serialize_str`): a serializer escapes one string
/// at a time, where `collect_str` would go through the formatting machinery and
/// escape each piece on its own. (A `String`, not bytes: no UTF-8 check to pay.)
pub(crate) fn serialize_assembled<S, F>(s: S, write: F) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    F: Fn(&mut String) -> std::fmt::Result,
{
    use std::cell::RefCell;
    thread_local! {
        static BUF: RefCell<String> = const { RefCell::new(String::new()) };
    }
    /// Kept no larger than this between calls (a long formatted address is rare).
    const KEEP: usize = 1 << 10;
    // The serializer is handed the text while the buffer is borrowed; were it to come
    // back here (it has no reason to), the nested call allocates instead.
    BUF.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            if buf.capacity() > KEEP {
                buf.shrink_to(KEEP);
            }
            // Writing to a String cannot fail.
            let _ = write(&mut buf);
            s.serialize_str(&buf)
        }
        Err(_) => {
            let mut own = String::new();
            let _ = write(&mut own);
            s.serialize_str(&own)
        }
    })
}

/// `{"lat", "lon", "area_km2", "population"}`, each `null` when unknown.
impl Serialize for Geo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Geo", 4)?;
        st.serialize_field("lat", &self.centroid().map(|(lat, _)| lat))?;
        st.serialize_field("lon", &self.centroid().map(|(_, lon)| lon))?;
        st.serialize_field("area_km2", &self.area_km2())?;
        st.serialize_field("population", &self.population())?;
        st.end()
    }
}

/// A unit reference, `{"code", "name"}`: the zero-padded code and the full name (of
/// a current unit, as `names` say).
#[derive(Clone, Copy)]
pub(crate) struct Ref(pub(crate) Unit, pub(crate) Names);

impl Serialize for Ref {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Ref", 2)?;
        match crate::tables::records::code_text(self.0) {
            Some(text) => st.serialize_field("code", text)?,
            None => st.serialize_field("code", &self.0.code())?,
        }
        st.serialize_field("name", &self.1.unit(self.0))?;
        st.end()
    }
}

/// The province a unit is in (itself for a province).
pub(crate) fn province_of(u: Unit) -> Unit {
    match u {
        Unit::Province(_) | Unit::LegacyProvince(_) => u,
        Unit::Commune(c) => Unit::Province(c.province()),
        Unit::LegacyDistrict(d) => Unit::LegacyProvince(d.province()),
        Unit::LegacyCommune(c) => Unit::LegacyProvince(c.province()),
    }
}

/// The legacy district a unit is in (itself for a district).
pub(crate) fn district_of(u: Unit) -> Option<Unit> {
    match u {
        Unit::LegacyDistrict(_) => Some(u),
        Unit::LegacyCommune(c) => Some(Unit::LegacyDistrict(c.district())),
        _ => None,
    }
}

/// A unit another one went into or came from: `{"code", "name", "share"}`, and for
/// a predecessor `"district"` (a legacy commune's district, else `null`).
struct Related {
    unit: Unit,
    share: Share,
    /// `Some(district)` for a predecessor (`"district"` written), `None` for a successor.
    district: Option<Option<Unit>>,
    names: Names,
}

impl Serialize for Related {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = if self.district.is_some() { 4 } else { 3 };
        let mut st = s.serialize_struct("Related", n)?;
        st.serialize_field("code", &self.unit.code())?;
        st.serialize_field("name", &self.names.unit(self.unit))?;
        st.serialize_field("share", &self.share)?;
        if let Some(d) = self.district {
            st.serialize_field("district", &d.map(|d| Ref(d, self.names)))?;
        }
        st.end()
    }
}

/// A change of kind: `{"date", "kind_before", "kind_after", "legal_basis"}`.
struct KindChange {
    date: Date,
    before: &'static str,
    after: &'static str,
    legal_basis: &'static str,
}

impl Serialize for KindChange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("KindChange", 4)?;
        st.serialize_field("date", &self.date)?;
        st.serialize_field("kind_before", self.before)?;
        st.serialize_field("kind_after", self.after)?;
        st.serialize_field("legal_basis", self.legal_basis)?;
        st.end()
    }
}

/// The changes of kind of a current unit since 1 July 2025.
fn kind_changes(u: Unit) -> impl Iterator<Item = KindChange> {
    crate::changes().iter().filter_map(move |ch| {
        let (before, after) = match (u, ch.detail()) {
            (
                Unit::Province(p),
                ChangeDetail::ProvinceKind {
                    code,
                    before,
                    after,
                },
            ) if code == p.code() => (before.id(), after.id()),
            (
                Unit::Commune(c),
                ChangeDetail::CommuneKind {
                    code,
                    before,
                    after,
                },
            ) if code == c.code() => (before.id(), after.id()),
            _ => return None,
        };
        Some(KindChange {
            date: ch.date(),
            before,
            after,
            legal_basis: ch.legal_basis(),
        })
    })
}

/// The units a legacy unit went into.
fn successors(u: Unit, names: Names) -> Vec<Related> {
    let related = |c: &'static Commune, share| Related {
        unit: Unit::Commune(c),
        share,
        district: None,
        names,
    };
    match u {
        Unit::LegacyProvince(p) => vec![Related {
            unit: Unit::Province(p.successor()),
            share: Share::Whole,
            district: None,
            names,
        }],
        Unit::LegacyDistrict(d) => d
            .successors()
            .into_iter()
            .map(|(c, s)| related(c, s))
            .collect(),
        Unit::LegacyCommune(c) => c.successors().map(|(c, s)| related(c, s)).collect(),
        _ => Vec::new(),
    }
}

/// The units a current unit came from.
fn predecessors(u: Unit, names: Names) -> Vec<Related> {
    match u {
        // Every legacy province went whole into one current province.
        Unit::Province(p) => p
            .predecessors()
            .map(|old| Related {
                unit: Unit::LegacyProvince(old),
                share: Share::Whole,
                district: Some(None),
                names,
            })
            .collect(),
        Unit::Commune(c) => c
            .predecessors()
            .map(|(old, share)| Related {
                unit: Unit::LegacyCommune(old),
                share,
                district: Some(Some(Unit::LegacyDistrict(old.district()))),
                names,
            })
            // The 5 đặc khu formed from a whole island district without communes.
            .chain(c.island_district().map(|d| Related {
                unit: Unit::LegacyDistrict(d),
                share: Share::Whole,
                district: Some(None),
                names,
            }))
            .collect(),
        _ => Vec::new(),
    }
}

/// The description of a unit (`dvhc get`): see [`Unit`]'s documentation.
impl SerializeWith for AsOf<Unit> {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        let u = *self.value();
        let mut st = s.serialize_struct("Unit", 21)?;
        st.serialize_field("code", &u.code())?;
        st.serialize_field("name", &names.unit(u))?;
        st.serialize_field("kind", names.unit_kind_id(u))?;
        st.serialize_field("level", &u.level())?;
        st.serialize_field("era", &u.era())?;
        let province = province_of(u);
        st.serialize_field("province", &(province != u).then_some(Ref(province, names)))?;
        let district = match u {
            Unit::LegacyCommune(c) => Some(Ref(Unit::LegacyDistrict(c.district()), names)),
            _ => None,
        };
        st.serialize_field("district", &district)?;
        st.serialize_field("successors", &successors(u, names))?;
        st.serialize_field("predecessors", &predecessors(u, names))?;
        st.serialize_field("short_name", u.name())?;
        st.serialize_field("on", &self.date())?;
        let resolution = match u {
            Unit::Province(p) => Some(p.resolution()),
            Unit::Commune(c) => Some(c.resolution()),
            _ => None,
        };
        st.serialize_field("resolution", &resolution)?;
        let geo = match u {
            Unit::Commune(c) => Some(c.geo()),
            _ => None,
        };
        st.serialize_field("geo", &geo)?;
        st.serialize_field("changes", &Seq(|| kind_changes(u)))?;
        st.serialize_field("name_en", u.name_en())?;
        st.serialize_field("full_name_en", &names.unit_en(u))?;
        st.serialize_field("codename", &names.unit_codename(u))?;
        st.serialize_field("short_codename", &u.short_codename())?;
        let postal_code = match u {
            Unit::Commune(c) => Some(c.postal_code()),
            _ => None,
        };
        st.serialize_field("postal_code", &postal_code)?;
        let prefixes = match u {
            Unit::Province(p) => p.postal_code_prefixes(),
            _ => &[],
        };
        st.serialize_field("postal_code_prefixes", prefixes)?;
        let phone_code = match u {
            Unit::Province(p) => Some(p.phone_code()),
            Unit::LegacyProvince(p) => Some(p.phone_code()),
            _ => None,
        };
        st.serialize_field("phone_code", &phone_code)?;
        st.end()
    }
}

/// The description of the unit with names in force on the date (see [`Unit`]).
impl Serialize for AsOf<Unit> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(self.names(), s)
    }
}

/// The description of the unit, names by the newest law: the shape documented on
/// [`Unit`].
impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        AsOf::new(*self, None).serialize(s)
    }
}

/// Records serialise as the [`Unit`] they are.
macro_rules! serialize_record {
    ($($t:ty => $v:ident),+) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                // Records are only ever reached as `&'static`: look the code up to get one.
                match <$t>::get(self.code()) {
                    Some(r) => Unit::$v(r).serialize(s),
                    None => Err(serde::ser::Error::custom("not a record of the tables")),
                }
            }
        }
    )+};
}
serialize_record!(
    Province => Province,
    Commune => Commune,
    legacy::Province => LegacyProvince,
    legacy::District => LegacyDistrict,
    legacy::Commune => LegacyCommune
);
