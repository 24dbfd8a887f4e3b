//! `serde` support for translations (feature `serde`): the shapes documented on
//! [`Translation`], [`Candidate`], [`Outcome`] and [`LegacyForm`].

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{Candidate, LegacyForm, Outcome, Ranking, TranslateError, Translation};
use crate::units::names::Names;
use crate::units::serde_impls::{serialize_assembled, Ref, Seq, With};
use crate::units::status::Status;
use crate::units::Unit;

/// `{"kind", "message"}`.
impl Serialize for TranslateError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("TranslateError", 2)?;
        st.serialize_field("kind", self.id())?;
        st.serialize_field("message", &format_args!("{self}"))?;
        st.end()
    }
}

/// The [`id`](Ranking::id).
impl Serialize for Ranking {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// `{"province", "commune", "share", "distance_km", "structure"}`.
impl Serialize for Candidate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names = self.names;
        let mut st = s.serialize_struct("Candidate", 5)?;
        st.serialize_field("province", &Ref(Unit::Province(self.province), names))?;
        st.serialize_field(
            "commune",
            &self.commune.map(|c| Ref(Unit::Commune(c), names)),
        )?;
        st.serialize_field("share", &self.share)?;
        // Rounded to metres: more digits would claim a precision centroids lack.
        st.serialize_field(
            "distance_km",
            &self.distance_km.map(|d| (d * 1000.0).round() / 1000.0),
        )?;
        st.serialize_field("structure", &self.era)?;
        st.end()
    }
}

/// The new address of the resolved candidate, as [`Translation::format`] writes it,
/// serialised as one string from a buffer the thread keeps.
struct Formatted<'r, 'a>(&'r Translation<'a>, &'r Candidate);

impl Serialize for Formatted<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_assembled(s, |w| self.0.write_formatted(self.1, w))
    }
}

/// The shape documented on [`Translation`].
impl Serialize for Translation<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Translation", 14)?;
        st.serialize_field("input", self.input())?;
        st.serialize_field("status", &self.status())?;
        st.serialize_field("structure", &self.era)?;
        st.serialize_field("legacy", &self.legacy.as_ref().map(|l| With(l, self.names)))?;
        st.serialize_field("rest", self.rest())?;
        st.serialize_field("candidates", &self.candidates)?;
        match self.resolved() {
            Some(c) => st.serialize_field("formatted", &Some(Formatted(self, c)))?,
            None => st.serialize_field("formatted", &None::<()>)?,
        }
        st.serialize_field("level", &self.level)?;
        st.serialize_field("unresolved", &self.unresolved())?;
        st.serialize_field("remarks", &Seq(|| self.remarks()))?;
        st.serialize_field(
            "conflicts",
            &Seq(|| self.conflicts.iter().map(|c| With(c, self.names))),
        )?;
        st.serialize_field("repaired", &self.repaired)?;
        st.serialize_field("postal_code", &self.postal_code())?;
        st.serialize_field("error", &None::<()>)?;
        st.end()
    }
}

/// The shape documented on [`Translation`]; `status` `"error"` and `error` set for a
/// failure.
impl<E: Serialize> Serialize for Outcome<'_, '_, E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = match self.result {
            Ok(t) => return t.serialize(s),
            Err(e) => e,
        };
        let mut st = s.serialize_struct("Translation", 14)?;
        st.serialize_field("input", self.input)?;
        st.serialize_field("status", &Status::Error)?;
        st.serialize_field("structure", &None::<()>)?;
        st.serialize_field("legacy", &None::<()>)?;
        st.serialize_field("rest", "")?;
        // A slice, not an array: serde writes arrays as tuples, and typed formats
        // (Arrow through serde_arrow) need the same seq as a success gives.
        st.serialize_field("candidates", &[(); 0][..])?;
        st.serialize_field("formatted", &None::<()>)?;
        st.serialize_field("level", &None::<()>)?;
        st.serialize_field("unresolved", &None::<()>)?;
        st.serialize_field("remarks", &[(); 0][..])?;
        st.serialize_field("conflicts", &[(); 0][..])?;
        st.serialize_field("repaired", &None::<()>)?;
        st.serialize_field("postal_code", &None::<()>)?;
        st.serialize_field("error", e)?;
        st.end()
    }
}

/// `{"rest", "commune", "district", "province", "share", "formatted"}`: the old
/// commune (`null` for the 5 island districts), district and province as references,
/// the share, and the old address in official form.
impl Serialize for LegacyForm<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names = Names::NOW;
        let mut st = s.serialize_struct("LegacyForm", 6)?;
        st.serialize_field("rest", self.rest())?;
        st.serialize_field(
            "commune",
            &self.commune().map(|c| Ref(Unit::LegacyCommune(c), names)),
        )?;
        st.serialize_field(
            "district",
            &Ref(Unit::LegacyDistrict(self.district()), names),
        )?;
        st.serialize_field(
            "province",
            &Ref(Unit::LegacyProvince(self.district().province()), names),
        )?;
        st.serialize_field("share", &self.share())?;
        st.serialize_field("formatted", &format_args!("{self}"))?;
        st.end()
    }
}
