//! `serde` support (feature `serde`): codes as zero-padded strings, kinds and shares as
//! their ASCII ids, dates as ISO 8601, records as flat objects.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::units::code::{
    CommuneCode, LegacyCommuneCode, LegacyDistrictCode, LegacyProvinceCode, ProvinceCode,
};
use crate::units::kind::{CommuneKind, DistrictKind, LegacyCommuneKind, ProvinceKind, Share};
use crate::{legacy, Commune, Date, Province};

/// Serialises through `Display` and deserialises through `FromStr`.
macro_rules! via_string {
    ($($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(D::Error::custom)
            }
        }
    )+};
}
via_string!(
    ProvinceCode,
    CommuneCode,
    LegacyProvinceCode,
    LegacyDistrictCode,
    LegacyCommuneCode,
    Date
);

/// Serialises as the ASCII id (`"phuong"`), deserialises from it.
macro_rules! via_id {
    ($($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$t>::from_id(&s).ok_or_else(|| D::Error::custom(format_args!("unknown kind {s:?}")))
            }
        }
    )+};
}
via_id!(ProvinceKind, CommuneKind, DistrictKind, LegacyCommuneKind);

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

/// Serialises a record as a flat object: code, name, kind, full name and, where the
/// record has one, its parent's code.
macro_rules! serialize_record {
    ($t:ty, $name:literal $(, $field:literal => |$r:ident| $value:expr)?) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct($name, 5)?;
                st.serialize_field("code", &self.code())?;
                st.serialize_field("name", self.name())?;
                st.serialize_field("kind", &self.kind())?;
                st.serialize_field("full_name", &self.full_name().to_string())?;
                $(
                    let $r = self;
                    st.serialize_field($field, &$value)?;
                )?
                st.end()
            }
        }
    };
}

serialize_record!(Province, "Province");
serialize_record!(Commune, "Commune", "province" => |c| c.province().code());
serialize_record!(legacy::Province, "Province");
serialize_record!(legacy::District, "District", "province" => |d| d.province().code());
serialize_record!(legacy::Commune, "Commune", "district" => |c| c.district().code());
