//! How well a reading explains the input: the values of its [`Score`] (the criteria
//! and their order are `rank.rs`), and the diacritic fidelity that breaks ties.

use super::parser::Parser;
use super::spans::Found;
use super::Reading;
use crate::rank::Score;
use crate::search::fidelity::Diacritics;
use crate::search::{self, Via};

impl Parser<'_> {
    pub(super) fn score(&self, parts: &[Option<Found>], era: u8) -> Score {
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
            Some(s) => self.units_end - s,
            None => 0,
        };
        Score {
            levels,
            words: consumed.min(255) as u8,
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
            let end = (start + 1..self.units_end)
                .find(|&i| self.buffers.words.word(i).hard_break_before)
                .unwrap_or(self.units_end);
            let from = match self.buffers.words.kind_at(start, end) {
                Some((_, n, _)) if start + n < end => start + n,
                _ => start,
            };
            sum += Diacritics::of_words(self.input, &self.buffers.words, from..end)
                .fidelity(unit.name());
        }
        (sum.clamp(-127, 127) + 128) as u8
    }
}
