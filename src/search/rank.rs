//! The order of search hits.

use crate::tables::index::{Table, Via};

/// The rank of a key's origin in results: official names first.
pub(super) fn via_class(via: Via) -> u64 {
    match via {
        Via::Name => 0,
        Via::Spelling => 1,
        Via::Historical => 2,
        Via::Alias => 3,
    }
}

/// The tables in rank order: level, then era.
pub(super) const RANKED_TABLES: [Table; 5] = [
    Table::Province,
    Table::LegacyProvince,
    Table::LegacyDistrict,
    Table::Commune,
    Table::LegacyCommune,
];

/// The position of a table in [`RANKED_TABLES`].
fn table_rank(t: Table) -> u64 {
    match t {
        Table::Province => 0,
        Table::LegacyProvince => 1,
        Table::LegacyDistrict => 2,
        Table::Commune => 3,
        Table::LegacyCommune => 4,
    }
}

/// The part of a rank that identifies a unit: table and index.
pub(super) const IDENTITY: u64 = (7 << 43) | 0x1_FFFF;

/// The rank of a hit: lower is better. `whole`: the kind-like word of the query was
/// read as part of the name ("Xà Phìn"), which comes after reading it as a kind word.
#[allow(clippy::too_many_arguments)]
pub(super) fn rank(
    partial: bool,
    distance: u8,
    kind_fits: bool,
    whole: bool,
    via: Via,
    fidelity: i16,
    t: Table,
    i: u16,
) -> u64 {
    (u64::from(partial) << 63)
        | (u64::from(distance.min(7)) << 60)
        | (u64::from(!kind_fits) << 59)
        | (u64::from(whole) << 58)
        | (via_class(via) << 56)
        | fidelity_bits(fidelity)
        | (table_rank(t) << 43)
        | u64::from(i)
}

/// The bits of a rank that hold the fidelity.
pub(super) const FIDELITY: u64 = 0x3FF << 46;

/// The fidelity part of a rank: higher fidelity ranks lower.
#[inline]
pub(super) fn fidelity_bits(fidelity: i16) -> u64 {
    ((512 - i64::from(fidelity.clamp(-255, 255))) as u64) << 46
}

/// The bits of a rank that hold the kind fitting (set: it does not).
pub(super) const KIND_MISFITS: u64 = 1 << 59;
