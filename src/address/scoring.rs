//! How well a reading explains the input: the score its readings are ranked by.

use super::parser::Parser;
use super::spans::Found;
use super::{Conflict, Reading};
use crate::search::fidelity::Diacritics;
use crate::search::{self, Via};

/// [`Score::quality`].
pub(super) type Quality = (u8, bool, u8, u8, u8, u8, u8, bool);

/// How well a reading explains the input; compared lexicographically, greater is
/// better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Score {
    /// Words explained: from the leftmost unit found to the end. The reading that
    /// explains most of the input wins ("Phường Sài Gòn, Quận 1, TP.HCM" is a current
    /// ward with an old district, not an old district with an unknown ward).
    pub(super) words: u8,
    /// No written unit was overruled, and the units are written together: a reading
    /// whose units all agree ranks above one that keeps two agreeing units and
    /// overrules a third ("Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu":
    /// Long Thành is in Đồng Nai), or one that finds them apart ("Huyện Yên
    /// Dũng-Xã Hương Gián-… - Bắc Giang").
    pub(super) consistent: bool,
    /// Levels written and found (province, district, commune), counting a unit
    /// written with a kind word when the kind fits ("Xã Liên Sơn Lắk" is not the old
    /// "Thị trấn Liên Sơn" of "Huyện Lắk"), and one written without when it starts a
    /// comma-separated segment or ends the address ("Xã Nam Hà Lâm Hà" is one name,
    /// not "Xã Nam Hà, Lâm Hà").
    pub(super) levels: u8,
    /// Fewer edits is better, so this is stored negated as `u8::MAX - edits`.
    pub(super) exactness: u8,
    /// Kind words that fit the units found.
    pub(super) kinds: u8,
    /// Names matched by a variant or alias rather than the official name, stored
    /// negated as `u8::MAX - count`.
    pub(super) names: u8,
    /// Diacritics of the input that agree with the names found, offset by 128.
    pub(super) fidelity: u8,
    /// A province is written: "Hà Giang" alone is the province, not its capital
    /// city (which is written "TP. Hà Giang").
    pub(super) province: bool,
    /// On a complete tie, the current structure (an address without a district that
    /// reads in both is most likely written in the current one), unless the current
    /// reading skipped an old district: 2 current, 1 legacy, 0 current with an old
    /// district.
    pub(super) era: u8,
    pub(super) edits: u8,
}

impl Score {
    /// The part of the score that decides whether two readings explain the input
    /// equally well (the era preference aside).
    pub(super) fn quality(&self) -> Quality {
        (
            self.words,
            self.consistent,
            self.levels,
            self.exactness,
            self.kinds,
            self.names,
            self.fidelity,
            self.province,
        )
    }
}

impl Parser<'_, '_> {
    pub(super) fn score(
        &self,
        parts: &[Option<Found>],
        era: u8,
        conflict: Option<(Conflict, usize)>,
    ) -> Score {
        // One pass over the units found.
        let mut first = None::<usize>;
        let (mut edits, mut levels, mut kinds, mut via, mut province) = (0u8, 0u8, 0u8, 0u8, false);
        for f in parts.iter().flatten() {
            first = Some(first.map_or(f.start, |s| s.min(f.start)));
            edits = edits.saturating_add(f.edits);
            levels += u8::from(if f.kinded { f.kind_fits } else { f.delimited });
            kinds += u8::from(f.kind_fits);
            via += u8::from(f.via != Via::Name);
            province |= f.unit.level() == search::Level::Province;
        }
        let consumed = match first {
            Some(s) => self.end - s,
            None => 0,
        };
        Score {
            levels,
            words: consumed.min(255) as u8,
            consistent: conflict.is_none() && !self.apart,
            exactness: u8::MAX - edits,
            kinds,
            names: u8::MAX - via,
            // Computed only to break ties, in `finish`.
            fidelity: 128,
            province,
            era,
            edits,
        }
    }

    /// How well the diacritics written for the units of a reading agree with their
    /// names, offset by 128.
    pub(super) fn fidelity(&self, r: &Reading<'_>) -> u8 {
        let mut sum = 0i16;
        for &(unit, start) in r.parts.iter().flatten() {
            crate::work::add(1);
            // The words of the name: from its start to the next comma (or the end).
            let end = (start + 1..self.end)
                .find(|&i| self.s.words.word(i).hard_break_before)
                .unwrap_or(self.end);
            let from = match self.s.words.kind_at(start, end) {
                Some((_, n, _)) if start + n < end => start + n,
                _ => start,
            };
            sum += Diacritics::of_words(self.text, &self.s.words, from..end).fidelity(unit.name());
        }
        (sum.clamp(-127, 127) + 128) as u8
    }
}
