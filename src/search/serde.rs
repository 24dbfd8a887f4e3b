//! `serde` support for search hits (feature `serde`).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::search::Hit;
use crate::units::names::Names;
use crate::units::serde_impls::{district_of, province_of, Ref};

/// `{"code", "name", "kind", "level", "era", "province", "district", "score"}`: see
/// [`Hit`].
impl Serialize for Hit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let u = self.unit();
        let names = Names::NOW;
        let mut st = s.serialize_struct("Hit", 8)?;
        st.serialize_field("code", &u.code())?;
        st.serialize_field("name", &u.full_name())?;
        st.serialize_field("kind", names.unit_kind_id(u))?;
        st.serialize_field("level", &u.level())?;
        st.serialize_field("era", &u.era())?;
        st.serialize_field("province", &Ref(province_of(u), names))?;
        st.serialize_field("district", &district_of(u).map(|d| Ref(d, names)))?;
        st.serialize_field("score", &self.score())?;
        st.end()
    }
}
