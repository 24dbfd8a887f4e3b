//! `serde` support for parsed addresses (feature `serde`): the shapes documented on
//! [`Address`] and [`Outcome`].

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{
    Address, Conflict, CurrentUnits, LegacyUnits, Outcome, ParseError, Reading, Units, Unresolved,
    WrittenPostalCode,
};
use crate::units::names::{AsOf, Names};
use crate::units::serde_impls::{Ref, Seq, SerializeWith, With};
use crate::units::Unit;

/// `{"kind", "message"}`.
impl Serialize for ParseError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("ParseError", 2)?;
        st.serialize_field("kind", self.id())?;
        st.serialize_field("message", &format_args!("{self}"))?;
        st.end()
    }
}

impl SerializeWith for Conflict {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Conflict", 2)?;
        st.serialize_field("overruled", &Ref(self.overruled, names))?;
        st.serialize_field("by", &Ref(self.by, names))?;
        st.end()
    }
}

/// `{"overruled": ref, "by": ref}`: the unit overruled and the unit kept that
/// contradicts it.
impl Serialize for Conflict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(Names::NOW, s)
    }
}

/// `{"code", "agreement", "commune"}`: the postal code as written (five or six
/// digits), how it agrees with the units read (`commune`, `province`, `contradicts`,
/// `unknown`), and the current commune whose code it is, as a reference, or `null`.
impl Serialize for WrittenPostalCode<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("PostalCode", 3)?;
        // Its digits in ASCII, as read (the text may be in fullwidth digits).
        st.serialize_field("code", &crate::text::normalize(self.text()))?;
        st.serialize_field("agreement", self.agreement().id())?;
        st.serialize_field(
            "commune",
            &self.commune().map(|c| Ref(Unit::Commune(c), Names::NOW)),
        )?;
        st.end()
    }
}

/// `{"text", "level"}`: the words, verbatim, and the level of the unit they seem to
/// name.
impl Serialize for Unresolved<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Unresolved", 2)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("level", &self.level)?;
        st.end()
    }
}

/// `{"province", "district", "commune"}` of either structure.
fn units<S: Serializer>(
    province: Option<Unit>,
    district: Option<Unit>,
    commune: Option<Unit>,
    names: Names,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Units", 3)?;
    st.serialize_field("province", &province.map(|u| Ref(u, names)))?;
    st.serialize_field("district", &district.map(|u| Ref(u, names)))?;
    st.serialize_field("commune", &commune.map(|u| Ref(u, names)))?;
    st.end()
}

impl SerializeWith for LegacyUnits {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        units(
            Some(Unit::LegacyProvince(self.province)),
            self.district.map(Unit::LegacyDistrict),
            self.commune.map(Unit::LegacyCommune),
            names,
            s,
        )
    }
}

/// `{"province": ref, "district": ref | null, "commune": ref | null}`.
impl Serialize for LegacyUnits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(Names::NOW, s)
    }
}

impl SerializeWith for CurrentUnits {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        units(
            Some(Unit::Province(self.province)),
            None,
            self.commune.map(Unit::Commune),
            names,
            s,
        )
    }
}

/// `{"province": ref, "district": null, "commune": ref | null}`: districts no longer
/// exist (an old district written out of habit is not a unit of the address).
impl Serialize for CurrentUnits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(Names::NOW, s)
    }
}

impl SerializeWith for Units {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Units::Legacy(u) => u.serialize_with(names, s),
            Units::Current(u) => u.serialize_with(names, s),
        }
    }
}

/// As [`LegacyUnits`] or [`CurrentUnits`].
impl Serialize for Units {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(Names::NOW, s)
    }
}

impl SerializeWith for Reading<'_> {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Reading", 2)?;
        st.serialize_field("structure", &self.era())?;
        st.serialize_field("units", &With(&self.units, names))?;
        st.end()
    }
}

/// `{"structure", "units"}`, as in [`Address`]'s `alternatives`.
impl Serialize for Reading<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(Names::NOW, s)
    }
}

/// The alternatives of an address: its other readings when it is ambiguous.
struct Alternatives<'r, 'a>(&'r Address<'a>, Names);

impl Serialize for Alternatives<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let others = match self.0.is_ambiguous() {
            true => &self.0.readings()[1..],
            false => &[],
        };
        s.collect_seq(others.iter().map(|r| With(r, self.1)))
    }
}

impl<E: Serialize> SerializeWith for Outcome<'_, '_, E> {
    fn serialize_with<S: Serializer>(&self, names: Names, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Address", 12)?;
        st.serialize_field("input", self.input)?;
        st.serialize_field("status", &self.status())?;
        match self.result {
            Ok(a) => {
                let best = a.reading();
                st.serialize_field("structure", &best.era())?;
                st.serialize_field("units", &With(&best.units, names))?;
                st.serialize_field("alternatives", &Alternatives(a, names))?;
                st.serialize_field("rest", best.rest())?;
                st.serialize_field("unresolved", &a.unresolved())?;
                st.serialize_field("remarks", &Seq(|| a.remarks()))?;
                st.serialize_field("conflict", &best.conflict.as_ref().map(|c| With(c, names)))?;
                st.serialize_field("repaired", &a.repaired)?;
                st.serialize_field("postal_code", &a.postal_code())?;
                st.serialize_field("error", &None::<()>)?;
            }
            Err(e) => {
                st.serialize_field("structure", &None::<()>)?;
                st.serialize_field("units", &NoUnits)?;
                // A slice, not an array (a tuple to serde): the same seq as a success.
                st.serialize_field("alternatives", &[(); 0][..])?;
                st.serialize_field("rest", "")?;
                st.serialize_field("unresolved", &None::<()>)?;
                st.serialize_field("remarks", &[(); 0][..])?;
                st.serialize_field("conflict", &None::<()>)?;
                st.serialize_field("repaired", &None::<()>)?;
                st.serialize_field("postal_code", &None::<()>)?;
                st.serialize_field("error", e)?;
            }
        }
        st.end()
    }
}

/// `{"province": null, "district": null, "commune": null}`.
struct NoUnits;

impl Serialize for NoUnits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        units(None, None, None, Names::NOW, s)
    }
}

/// The shape documented on [`Address`]; `status` `"error"` and `error` set for a
/// failure.
impl<E: Serialize> Serialize for Outcome<'_, '_, E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(Names::NOW, s)
    }
}

/// The shape documented on [`Address`], names by the newest law.
impl Serialize for Address<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Outcome::<ParseError> {
            input: self.input,
            result: Ok(self),
        }
        .serialize_with(Names::NOW, s)
    }
}

/// The shape documented on [`Address`], current units named as on the date.
impl Serialize for AsOf<&Address<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = *self.value();
        Outcome::<ParseError> {
            input: a.input,
            result: Ok(a),
        }
        .serialize_with(self.names(), s)
    }
}

/// The shape documented on [`Address`], current units named as on the date.
impl<E: Serialize> Serialize for AsOf<Outcome<'_, '_, E>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize_with(self.names(), s)
    }
}
