//! Making readings: the units found for each level, numbered in the order made, and
//! not made at all when a reading already made is better.

use super::parser::Parser;
use super::spans::Found;
use super::{CurrentUnits, LegacyUnits, Reading, Units};
use crate::legacy;
use crate::rank::Score;
use crate::search::Via;
use crate::units::current::Province;
use crate::units::Unit;

impl Parser<'_> {
    /// Whether a reading made explains more words than any reading can whose units
    /// start at `reach` or after.
    pub(super) fn beaten(&self, reach: usize) -> bool {
        self.readings
            .iter()
            .any(|r| usize::from(r.score.words) > self.units_end - reach)
    }

    pub(super) fn push_current(
        &mut self,
        p: Option<Found>,
        prov: &'static Province,
        c: Option<Found>,
        stale: Option<(Found, &'static legacy::District)>,
    ) {
        let commune = c.and_then(|c| match c.unit {
            Unit::Commune(x) => Some(x),
            _ => None,
        });
        crate::work::add(1);
        let parts = [p, c];
        let mut score = self.score(&parts, if stale.is_some() { 0 } else { 2 });
        let mut start = leftmost(&parts);
        if let Some((d, _)) = stale {
            // The old district's words are explained, but it is not a level.
            start = start.map(|s| s.min(d.start));
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
            parts: [
                p.map(|f| (f.unit, f.start)),
                c.map(|f| (f.unit, f.start)),
                None,
            ],
            seq,
        });
    }

    pub(super) fn push_legacy(
        &mut self,
        p: Option<Found>,
        d: Option<Found>,
        prov: &'static legacy::Province,
        dist: Option<&'static legacy::District>,
        c: Option<Found>,
    ) {
        let commune = c.and_then(|c| match c.unit {
            Unit::LegacyCommune(x) => Some(x),
            _ => None,
        });
        crate::work::add(1);
        let parts = [p, d, c];
        let score = self.score(&parts, 1);
        let Some(seq) = self.number(&score) else {
            return;
        };
        let start = leftmost(&parts);
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
            parts: parts.map(|f| f.map(|f| (f.unit, f.start))),
            seq,
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
