//! The record tables (`generated/current.rs`, `generated/legacy.rs`): their format,
//! and the lookups by code that read them. Written by `cargo xtask codegen`
//! (`xtask/src/codegen/records.rs`).
//!
//! Each structure's units are arrays of records sorted by code; a record refers to
//! others by their index in these arrays (a parent) or by a `Span` of an index
//! array (its children, predecessors or successors; [`Span::of`](crate::tables::Span::of)). Names are [`Str`](crate::tables::Str)s into
//! `NAMES` (`generated/names.rs`), which also holds `RESOLUTIONS`.
//!
//! | table | element | what |
//! |---|---|---|
//! | `PROVINCES`, `COMMUNES` | [`Province`], [`Commune`] | the current units; a commune's `province` is an index in `PROVINCES` |
//! | `PROVINCE_BY_CODE` | `u8` | by province code (0–99): 1 + its index in `PROVINCES`, 0 for none |
//! | `COMMUNE_CODES` | `u32` | the commune codes, in the order of `COMMUNES` (for a binary search) |
//! | `COMMUNES_BY_POSTAL` | `u16` | indexes in `COMMUNES`, in the order of their postal codes (all distinct; for a binary search) |
//! | `PROVINCE_COMMUNES` | `u16` | the communes of each province (a [`Span`](crate::tables::Span) in the province), indexes in `COMMUNES` |
//! | `PROVINCE_PREDECESSORS` | `u8` | the old provinces each province was formed from, indexes in `LEGACY_PROVINCES` |
//! | `PREDECESSORS` | `(u16, Share)` | the old communes each commune was formed from, indexes in `LEGACY_COMMUNES`, whole or partial |
//! | `CHANGES` | [`Change`](crate::Change) | the changes after 1 July 2025, by date |
//! | `LEGACY_PROVINCES`, `LEGACY_DISTRICTS`, `LEGACY_COMMUNES` | records of [`legacy`] | the pre-2025 units; a parent is an index in its level's array; a province's `successor` an index in `PROVINCES` |
//! | `LEGACY_PROVINCE_BY_CODE`, `LEGACY_DISTRICT_BY_CODE` | `u8`, `u16` | by code: 1 + the index, 0 for none |
//! | `LEGACY_COMMUNE_CODES` | `u32` | the legacy commune codes, in the order of `LEGACY_COMMUNES` |
//! | `LEGACY_PROVINCE_DISTRICTS`, `LEGACY_DISTRICT_COMMUNES` | `u16` | children, as spans of indexes |
//! | `SUCCESSORS` | `(u16, Share)` | the new communes each old commune went into, indexes in `COMMUNES` |
//!
//! `u16::MAX` stands for "none" in the two island links: a current commune's
//! `island_district` (the communeless old district a đặc khu was formed from) and an
//! old district's `island_successor`.

use crate::legacy;
use crate::tables::generated as g;
use crate::units::current::{Commune, Province};

/// A unit's code as text, as its `Display` writes it, taken from the tables rather
/// than formatted: [`DIGITS3`](crate::units::code::DIGITS3) for provinces and
/// districts, `COMMUNE_CODE_TEXT` and `LEGACY_COMMUNE_CODE_TEXT` by the record's
/// place in its array. `None` for a record that is not in the tables (the crate
/// hands out none). Used by serialisation only (feature `serde`).
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn code_text(u: crate::Unit) -> Option<&'static str> {
    use crate::Unit;
    /// The place of `record` in `table`, by address.
    fn place<T>(table: &'static [T], record: &'static T) -> Option<usize> {
        let size = std::mem::size_of::<T>();
        let offset = (record as *const T as usize).checked_sub(table.as_ptr() as usize)?;
        let i = offset / size;
        (offset % size == 0 && i < table.len()).then_some(i)
    }
    fn five(text: &'static str, i: usize) -> Option<&'static str> {
        text.get(5 * i..5 * i + 5)
    }
    fn digits(value: usize, width: usize) -> Option<&'static str> {
        let at = (3 * value + 3).checked_sub(width)?;
        crate::units::code::DIGITS3.get(at..3 * value + 3)
    }
    match u {
        Unit::Province(p) => digits(p.code().get() as usize, 2),
        Unit::LegacyProvince(p) => digits(p.code().get() as usize, 2),
        Unit::LegacyDistrict(d) => digits(d.code().get() as usize, 3),
        Unit::Commune(c) => five(g::COMMUNE_CODE_TEXT, place(&g::COMMUNES, c)?),
        Unit::LegacyCommune(c) => five(g::LEGACY_COMMUNE_CODE_TEXT, place(&g::LEGACY_COMMUNES, c)?),
    }
}

/// The current province with this code (`PROVINCE_BY_CODE`).
#[inline]
pub(crate) fn province(code: u8) -> Option<&'static Province> {
    match g::PROVINCE_BY_CODE[usize::from(code)] {
        0 => None,
        i => Some(&g::PROVINCES[usize::from(i - 1)]),
    }
}

/// The current commune with this code (`COMMUNE_CODES`).
#[inline]
pub(crate) fn commune(code: u32) -> Option<&'static Commune> {
    g::COMMUNE_CODES
        .binary_search(&code)
        .ok()
        .map(|i| &g::COMMUNES[i])
}

/// The current commune with this postal code (`COMMUNES_BY_POSTAL`).
#[inline]
pub(crate) fn commune_by_postal(code: u32) -> Option<&'static Commune> {
    g::COMMUNES_BY_POSTAL
        .binary_search_by_key(&code, |&i| g::COMMUNES[usize::from(i)].postal_code.0)
        .ok()
        .map(|i| &g::COMMUNES[usize::from(g::COMMUNES_BY_POSTAL[i])])
}

/// The legacy province with this code (`LEGACY_PROVINCE_BY_CODE`).
#[inline]
pub(crate) fn legacy_province(code: u8) -> Option<&'static legacy::Province> {
    match g::LEGACY_PROVINCE_BY_CODE[usize::from(code)] {
        0 => None,
        i => Some(&g::LEGACY_PROVINCES[usize::from(i - 1)]),
    }
}

/// The legacy district with this code (`LEGACY_DISTRICT_BY_CODE`).
#[inline]
pub(crate) fn legacy_district(code: u16) -> Option<&'static legacy::District> {
    match g::LEGACY_DISTRICT_BY_CODE[usize::from(code)] {
        0 => None,
        i => Some(&g::LEGACY_DISTRICTS[usize::from(i - 1)]),
    }
}

/// The legacy commune with this code (`LEGACY_COMMUNE_CODES`).
#[inline]
pub(crate) fn legacy_commune(code: u32) -> Option<&'static legacy::Commune> {
    g::LEGACY_COMMUNE_CODES
        .binary_search(&code)
        .ok()
        .map(|i| &g::LEGACY_COMMUNES[i])
}

/// The old island district of index `i`, `None` for `u16::MAX`.
#[inline]
pub(crate) fn island_district(i: u16) -> Option<&'static legacy::District> {
    g::LEGACY_DISTRICTS.get(usize::from(i))
}

/// The đặc khu of index `i`, `None` for `u16::MAX`.
#[inline]
pub(crate) fn island_successor(i: u16) -> Option<&'static Commune> {
    g::COMMUNES.get(usize::from(i))
}

#[cfg(test)]
mod tests {
    use crate::{legacy, Commune, Province, Unit};

    /// Every unit's code text is its code as `Display` writes it.
    #[test]
    fn code_text_of_every_unit() {
        let units = Province::all()
            .iter()
            .map(Unit::Province)
            .chain(Commune::all().iter().map(Unit::Commune))
            .chain(legacy::Province::all().iter().map(Unit::LegacyProvince))
            .chain(legacy::District::all().iter().map(Unit::LegacyDistrict))
            .chain(legacy::Commune::all().iter().map(Unit::LegacyCommune));
        let mut n = 0;
        for u in units {
            assert_eq!(super::code_text(u), Some(&*u.code().to_string()), "{u:?}");
            n += 1;
        }
        assert_eq!(n, 34 + 3321 + 63 + 696 + 10_035);
    }

    /// A record that is not in the tables has none (a copy, at another address).
    #[test]
    fn code_text_of_a_copy() {
        let c = &Commune::all()[7];
        let copy: &'static Commune = Box::leak(Box::new(Commune { code: c.code, ..*c }));
        assert_eq!(super::code_text(Unit::Commune(copy)), None);
        let c = &legacy::Commune::all()[7];
        let copy: &'static legacy::Commune =
            Box::leak(Box::new(legacy::Commune { code: c.code, ..*c }));
        assert_eq!(super::code_text(Unit::LegacyCommune(copy)), None);
    }
}
