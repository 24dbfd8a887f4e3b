//! Making readings: the units found for each level, numbered in the order made, and
//! not made at all when a reading already made is better.

use super::parser::Parser;
use super::spans::Found;
use super::{Conflict, CurrentUnits, LegacyUnits, Reading, Units};
use crate::legacy;
use crate::rank::Score;
use crate::search::Via;
use crate::units::current::Province;
use crate::units::Unit;

impl Parser<'_, '_> {
    /// Whether a reading made is better than any consistent reading can be whose
    /// units start at `reach` or after and that has at most `levels` levels.
    pub(super) fn hopeless(&self, reach: usize, levels: u8) -> bool {
        let words = (self.units_end - reach).min(255) as u8;
        self.best_quality.is_some_and(|(w, consistent, l, ..)| {
            w > words || (w == words && consistent && l > levels)
        })
    }

    pub(super) fn push_current(
        &mut self,
        p: Option<Found>,
        prov: &'static Province,
        c: Option<Found>,
        stale: Option<(Found, &'static legacy::District)>,
        conflict: Option<(Conflict, usize)>,
    ) {
        let commune = c.and_then(|c| match c.unit {
            Unit::Commune(x) => Some(x),
            _ => None,
        });
        crate::work::add(1);
        let parts = [p, c];
        let mut score = self.score(&parts, if stale.is_some() { 0 } else { 2 }, conflict);
        let mut start = leftmost(&parts);
        if let Some((d, _)) = stale {
            // The old district's words are explained, but it is not a level.
            start = start.map(|s| s.min(d.start));
        }
        if let Some((_, over)) = conflict {
            // So are the words of a unit overruled.
            start = Some(start.map_or(over, |s| s.min(over)));
        }
        if let Some(s) = start {
            score.words = (self.units_end - s).min(255) as u8;
        }
        let Some(seq) = self.number(&score) else {
            return;
        };
        self.readings.push(Reading {
            units: Units::Current(CurrentUnits {
                province: prov,
                commune,
                legacy_district: stale.map(|(_, d)| d),
            }),
            // Set in `finish`, for the readings kept.
            rest: "",
            score,
            first_word: start.unwrap_or(self.units_end),
            parts: with_overruled(
                [
                    p.map(|f| (f.unit, f.start)),
                    c.map(|f| (f.unit, f.start)),
                    None,
                ],
                conflict,
            ),
            seq,
            conflict: conflict.map(|(c, _)| c),
        });
    }

    pub(super) fn push_legacy(
        &mut self,
        p: Option<Found>,
        d: Option<Found>,
        prov: &'static legacy::Province,
        dist: Option<&'static legacy::District>,
        c: Option<Found>,
        conflict: Option<(Conflict, usize)>,
    ) {
        let commune = c.and_then(|c| match c.unit {
            Unit::LegacyCommune(x) => Some(x),
            _ => None,
        });
        crate::work::add(1);
        let parts = [p, d, c];
        let mut score = self.score(&parts, 1, conflict);
        let mut start = leftmost(&parts);
        if let Some((_, over)) = conflict {
            // The words of a unit overruled are explained.
            start = Some(start.map_or(over, |s| s.min(over)));
            score.words = (self.units_end - start.unwrap_or(over)).min(255) as u8;
        }
        let Some(seq) = self.number(&score) else {
            return;
        };
        self.readings.push(Reading {
            units: Units::Legacy(LegacyUnits {
                province: prov,
                district: dist,
                commune,
                commune_via: c.map_or(Via::Name, |c| c.via),
            }),
            // Set in `finish`, for the readings kept.
            rest: "",
            score,
            first_word: start.unwrap_or(self.units_end),
            parts: with_overruled(parts.map(|f| f.map(|f| (f.unit, f.start))), conflict),
            seq,
            conflict: conflict.map(|(c, _)| c),
        });
    }

    /// The number (`seq`) of a reading about to be made with `score`; `None` when a
    /// reading made before is of a better quality, which `finish` would drop it for
    /// (the best quality first, one reading per deepest unit, then only the best).
    #[inline]
    pub(super) fn number(&mut self, score: &Score) -> Option<u32> {
        let seq = self.readings_made;
        self.readings_made += 1;
        let q = score.quality();
        if self.best_quality.is_some_and(|b| q < b) {
            return None;
        }
        if self.best_quality.is_none_or(|b| q > b) {
            self.best_quality = Some(q);
        }
        Some(seq)
    }
}

pub(super) fn leftmost(parts: &[Option<Found>]) -> Option<usize> {
    parts.iter().flatten().map(|f| f.start).min()
}

/// The units of a reading and the word each starts at, with the unit overruled, if
/// any, in the free slot: its diacritics count as the others' do, so that two
/// readings that overrule each other's unit tie ([`Parser::fidelity`]).
fn with_overruled(
    mut parts: [Option<(Unit, usize)>; 3],
    conflict: Option<(Conflict, usize)>,
) -> [Option<(Unit, usize)>; 3] {
    if let Some((c, start)) = conflict {
        if let Some(slot) = parts.iter_mut().find(|p| p.is_none()) {
            *slot = Some((c.overruled(), start));
        }
    }
    parts
}
