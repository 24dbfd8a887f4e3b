//! The one ranking: the order of search hits, the order of the readings of an
//! address, and which readings a translation takes as tied. Each is a list of
//! criteria applied in order, a later one only breaking the ties of the earlier ones.
//! The notions they share (edits, a kind word that fits, official name before
//! variant or alias, diacritic fidelity, then level, era and code) come in the same
//! order in both lists.
//!
//! | # | search hit ([`hit_rank`], lower first) | reading of an address ([`Score`], [`reading_order`]) |
//! |---|---|---|
//! | 1 | a whole key before a key that only starts with the query (prefix mode) | more words of the input explained, from its first unit to the end |
//! | 2 | fewer edits (typo-tolerant mode) | more levels written and found (see [`Score::levels`]) |
//! | 3 | the kind word of the query fits the unit | fewer edits |
//! | 4 | the kind-like word read as a kind word before read as part of the name ("Xà Phìn") | more kind words that fit |
//! | 5 | official name, then spelling variant, historical name, alias | fewer names matched by a variant or alias |
//! | 6 | higher diacritic fidelity | higher diacritic fidelity (computed for readings tied on 1–5 and 7) |
//! | 7 | level: province, district, commune | a province is written |
//! | 8 | era: current, then legacy | era: current, legacy, then current with an old district |
//! | 9 | code (the unit's place in its table, in code order) | code of the deepest unit |
//! | 10 | | the order the parser made them in |
//!
//! **Equally good readings.** Two readings are equally good when criteria 1–7 agree
//! ([`Score::quality`]); the parser keeps only the readings equally good as the best,
//! and the address is ambiguous when several of them are of the best one's era.
//!
//! **Tied readings.** A translation takes the candidates of every reading tied with
//! the best ([`tied`]): the leading readings of its era, deepest level, edits and
//! street part (homonyms nothing in the address tells apart).
//!
//! **Scores.** [`hit_score`] turns a hit's rank into a number that never increases
//! along the order (`Hit::score`).

use std::cmp::Ordering;

use crate::address::Reading;
use crate::tables::index::{Table, Via};

// ---------------------------------------------------------------------------------
// Search hits: a `u64`, compared as a number, lower first.
//
// bit 63      prefix match that is not the whole key (criterion 1)
// bits 60..63 edit distance, at most 3 (MAX_EDITS of the typo-tolerant walk) (2)
// bit 59      the kind word does not fit (3)
// bit 58      the kind-like word read as part of the name (4)
// bits 56..58 origin of the key: name, spelling, historical, alias (5)
// bits 46..56 512 − fidelity (fidelity clamped to ±255) (6)
// bits 43..46 table: level, then era (7, 8)
// bits 0..17  the unit's index in its table (9)

/// The rank of a hit: lower is better. `partial`: a prefix match that is not the
/// whole key; `whole`: the kind-like word of the query was read as part of the name
/// ("Xà Phìn"); `t` and `i`: the unit's table and index in it.
#[allow(clippy::too_many_arguments)]
#[inline]
pub(crate) fn hit_rank(
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
        | (u64::from(distance.min(3)) << 60)
        | (u64::from(!kind_fits) << 59)
        | (u64::from(whole) << 58)
        | (via_class(via) << 56)
        | fidelity_bits(fidelity)
        | (table_rank(t) << 43)
        | u64::from(i)
}

/// The part of a rank that identifies a unit: table and index.
pub(crate) const IDENTITY: u64 = (7 << 43) | 0x1_FFFF;

/// The bits of a rank that hold the fidelity.
pub(crate) const FIDELITY: u64 = 0x3FF << 46;

/// The bits of a rank that hold the kind fitting (set: it does not).
pub(crate) const KIND_MISFITS: u64 = 1 << 59;

/// The fidelity part of a rank: higher fidelity ranks lower.
#[inline]
pub(crate) fn fidelity_bits(fidelity: i16) -> u64 {
    ((512 - i64::from(fidelity.clamp(-255, 255))) as u64) << 46
}

/// The rank of a key's origin (criterion 5): official names first.
#[inline]
pub(crate) fn via_class(via: Via) -> u64 {
    match via {
        Via::Name => 0,
        Via::Spelling => 1,
        Via::Historical => 2,
        Via::Alias => 3,
    }
}

/// The tables in rank order (criteria 7 and 8): level, then era.
pub(crate) const RANKED_TABLES: [Table; 5] = [
    Table::Province,
    Table::LegacyProvince,
    Table::LegacyDistrict,
    Table::Commune,
    Table::LegacyCommune,
];

/// The position of a table in [`RANKED_TABLES`].
#[inline]
fn table_rank(t: Table) -> u64 {
    match t {
        Table::Province => 0,
        Table::LegacyProvince => 1,
        Table::LegacyDistrict => 2,
        Table::Commune => 3,
        Table::LegacyCommune => 4,
    }
}

/// A score in 0..=1000 from a hit's rank, higher is better, that never increases
/// along the rank order: each of criteria 1–6 takes away more points than all the
/// later ones together can (criteria 7–9 order hits the score does not tell apart).
///
/// | criterion | points taken away |
/// |---|---|
/// | prefix match, not the whole key | 448 |
/// | each edit (at most 3, [`hit_rank`]) | 112 |
/// | kind word does not fit | 56 |
/// | kind-like word read as part of the name | 28 |
/// | origin: spelling variant, historical name, alias | 7, 14, 21 |
/// | fidelity below 0, each point (at most 3) | 2 |
pub(crate) fn hit_score(rank: u64) -> u32 {
    let partial = (rank >> 63) as u32;
    let distance = ((rank >> 60) & 3) as u32;
    let misfit = ((rank >> 59) & 1) as u32;
    let whole = ((rank >> 58) & 1) as u32;
    let origin = ((rank >> 56) & 3) as u32;
    let fidelity = 512 - ((rank & FIDELITY) >> 46) as i64;
    let unfaithful = (-fidelity).clamp(0, 3) as u32;
    1000 - (448 * partial + 112 * distance + 56 * misfit + 28 * whole + 7 * origin + 2 * unfaithful)
}

// ---------------------------------------------------------------------------------
// Readings of an address.

/// [`Score::quality`].
pub(crate) type Quality = (u8, u8, u8, u8, u8, u8, bool);

/// How well a reading explains the input, criteria 1–8 of the readings; compared
/// field by field, greater is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Score {
    /// Words explained: from the leftmost unit found to the end. The reading that
    /// explains most of the input wins ("Phường Sài Gòn, Quận 1, TP.HCM" is a current
    /// ward with an old district, not an old district with an unknown ward).
    pub(crate) words: u8,
    /// Levels written and found (province, district, commune), counting a unit
    /// written with a kind word when the kind fits ("Xã Liên Sơn Lắk" is not the old
    /// "Thị trấn Liên Sơn" of "Huyện Lắk"), and one written without when it starts a
    /// comma-separated segment or ends the address ("Xã Nam Hà Lâm Hà" is one name,
    /// not "Xã Nam Hà, Lâm Hà").
    pub(crate) levels: u8,
    /// Fewer edits is better, so this is stored negated as `u8::MAX - edits`.
    pub(crate) exactness: u8,
    /// Kind words that fit the units found.
    pub(crate) kinds: u8,
    /// Names matched by a variant or alias rather than the official name, stored
    /// negated as `u8::MAX - count`.
    pub(crate) names: u8,
    /// Diacritics of the input that agree with the names found, offset by 128.
    pub(crate) fidelity: u8,
    /// A province is written: "Hà Giang" alone is the province, not its capital
    /// city (which is written "TP. Hà Giang").
    pub(crate) province: bool,
    /// On a complete tie, the current structure (an address without a district that
    /// reads in both is most likely written in the current one), unless the current
    /// reading skipped an old district: 2 current, 1 legacy, 0 current with an old
    /// district.
    pub(crate) era: u8,
    /// The edits (`exactness` holds them for the order).
    pub(crate) edits: u8,
}

impl Score {
    /// The part of the score that decides whether two readings explain the input
    /// equally well (criteria 1–7; the era preference aside).
    #[inline]
    pub(crate) fn quality(&self) -> Quality {
        (
            self.words,
            self.levels,
            self.exactness,
            self.kinds,
            self.names,
            self.fidelity,
            self.province,
        )
    }
}

/// The order of readings, best first: their [`Score`], then the code of the deepest
/// unit, then the order they were made in. A total order, so a sort need not be
/// stable (and needs no buffer).
#[inline]
pub(crate) fn reading_order(a: &Reading<'_>, b: &Reading<'_>) -> Ordering {
    b.score
        .cmp(&a.score)
        .then_with(|| a.deepest().code_value().cmp(&b.deepest().code_value()))
        .then(a.seq.cmp(&b.seq))
}

/// Whether reading `r`, equally good as `best` (the first reading of an ambiguous
/// address), is tied with it for a translation: the same era, deepest level, edits
/// and street part.
#[inline]
pub(crate) fn tied(best: &Reading<'_>, r: &Reading<'_>) -> bool {
    r.era() == best.era()
        && r.deepest().level() == best.deepest().level()
        && r.edits() == best.edits()
        && r.rest() == best.rest()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every combination of the criteria the score counts, in rank order: the score
    /// never increases.
    #[test]
    fn hit_score_follows_the_rank() {
        let mut ranks = Vec::new();
        for partial in [false, true] {
            for distance in 0..=3u8 {
                for kind_fits in [true, false] {
                    for whole in [false, true] {
                        for via in [Via::Name, Via::Spelling, Via::Historical, Via::Alias] {
                            for fidelity in -6..=6 {
                                for t in RANKED_TABLES {
                                    let r = hit_rank(
                                        partial, distance, kind_fits, whole, via, fidelity, t, 7,
                                    );
                                    ranks.push(r);
                                }
                            }
                        }
                    }
                }
            }
        }
        ranks.sort_unstable();
        let scores: Vec<u32> = ranks.iter().map(|&r| hit_score(r)).collect();
        for (w, r) in scores.windows(2).zip(ranks.windows(2)) {
            assert!(
                w[0] >= w[1],
                "{:064b} {} then {:064b} {}",
                r[0],
                w[0],
                r[1],
                w[1]
            );
        }
        assert_eq!(scores[0], 1000);
        assert!(scores.iter().all(|&s| s <= 1000));
        assert_eq!(*scores.last().unwrap(), 1000 - 895);
        let best = hit_rank(false, 0, true, false, Via::Name, 2, Table::Commune, 0);
        assert_eq!(hit_score(best), 1000);
        let alias = hit_rank(false, 1, false, false, Via::Alias, -1, Table::Commune, 0);
        assert_eq!(hit_score(alias), 1000 - 112 - 56 - 21 - 2);
    }
}
