//! The parser: its state and buffers, the passes over an address (exact names, then
//! names with typos), the readings below each province found, and the choice of the
//! best readings at the end.

use std::cell::Cell;
use std::ops::Range;

use super::spans::{Found, SpanHit};
use super::{Address, ParseError, Reading, MAX_ADDRESS_LEN};
use crate::legacy;
use crate::rank::{self, Quality};
use crate::search;
use crate::tables::index::Table;
use crate::text::chars::is_alphanumeric;
use crate::text::tokenize::Words;
use crate::text::vocab::{KindWord, Tag};
use crate::units::current::Province;
use crate::units::Unit;

/// The most words of an address considered for its units (from the right). Words
/// further left are kept verbatim in the street part.
pub(super) const MAX_WORDS: usize = 64;

/// The most words one unit name (with its kind word) may span.
pub(super) const MAX_SPAN: usize = 7;

/// The most words a province name may span in a typo-tolerant match.
pub(super) const MAX_FUZZY_PROVINCE_SPAN: usize = 5;

/// Parses `input` and lends the result to `f`. The work buffers, the readings' among
/// them, are reused from one call to the next on the same thread, so that parsing
/// allocates nothing once they have grown to fit (an error's message aside).
///
/// If `f` parses too (a [`Locate`](crate::translate::Locate) implementation may),
/// that parse works in buffers of its own.
pub(crate) fn parse_with<'a, R>(
    input: &'a str,
    f: impl FnOnce(&Address<'a>) -> R,
) -> Result<R, ParseError> {
    if input.len() > MAX_ADDRESS_LEN {
        return Err(ParseError::TooLong {
            len: input.len(),
            max: MAX_ADDRESS_LEN,
        });
    }
    let mut buffers = BUFFERS
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default();
    let readings = recycle(std::mem::take(&mut buffers.readings));
    let mut parser = Parser {
        input,
        first_word: 0,
        units_end: 0,
        with_typos: false,
        readings,
        readings_made: 0,
        best_quality: None,
        buffers,
    };
    let parsed = parser.parse();
    let Parser {
        readings,
        mut buffers,
        ..
    } = parser;
    let out = match parsed {
        Ok(ambiguous) => {
            let address = Address {
                input,
                readings,
                ambiguous,
            };
            let out = f(&address);
            buffers.readings = recycle(address.readings);
            Ok(out)
        }
        Err(e) => {
            buffers.readings = recycle(readings);
            Err(e)
        }
    };
    // On a thread being torn down there is nowhere to keep the buffers: they go.
    let _ = BUFFERS.try_with(|c| c.set(Some(buffers)));
    out
}

/// An empty vector for readings of any lifetime, with the allocation of `v`.
pub(super) fn recycle<'b>(mut v: Vec<Reading<'_>>) -> Vec<Reading<'b>> {
    v.clear();
    // Collecting into a vector of the same layout reuses the allocation; there is
    // nothing to collect. (`filter_map` is what changes the lifetime of the type.)
    #[allow(clippy::unnecessary_filter_map)]
    v.into_iter().filter_map(|_| None).collect()
}

thread_local! {
    /// The parser's work buffers, between two parses on this thread.
    /// Boxed, so that taking and putting back moves a pointer, not the buffers.
    static BUFFERS: Cell<Option<Box<Buffers>>> = const { Cell::new(None) };
}

/// The buffers of a parse, all empty between parses.
#[derive(Default)]
pub(super) struct Buffers {
    pub(super) words: Words,
    /// For each end of a span looked at, its span hits in `hits`.
    pub(super) spans: Vec<(usize, Range<usize>)>,
    pub(super) hits: Vec<SpanHit>,
    /// The reversed key of the span being extended, and the keys equal to each of
    /// its suffixes.
    pub(super) rkey: Vec<u8>,
    pub(super) exact_at: Vec<Range<usize>>,
    /// The units found by [`Parser::find`], a stack: each call pushes its results
    /// above those of the calls still using theirs.
    pub(super) found: Vec<Found>,
    /// The typo-tolerant matches of the words `start..end`: (start, end, their
    /// matches in `fuzzy_hits`).
    pub(super) fuzzy_spans: Vec<(usize, usize, Range<usize>)>,
    /// (entry, distance) for each key matched.
    pub(super) fuzzy_hits: Vec<(u16, u8)>,
    /// The key of the span being matched with typos.
    pub(super) fuzzy_key: String,
    pub(super) readings: Vec<Reading<'static>>,
}

/// The index of the first trailing noise word: "Việt Nam", "VN", postcodes.
pub(super) fn strip_noise(words: &Words, first: usize) -> usize {
    let mut end = words.len();
    while end > first {
        crate::work::add(1);
        let last = words.key(end - 1);
        let n = match last {
            "vietnam" | "vn" => 1,
            "nam" if end >= 2 && words.key(end - 2) == "viet" => 2,
            _ if (5..=6).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit()) => 1,
            _ => 0,
        };
        if n == 0 || end - n <= first {
            break;
        }
        end -= n;
    }
    end
}

pub(super) struct Parser<'a> {
    pub(super) input: &'a str,
    /// The first word that may belong to a unit (the last [`MAX_WORDS`] words are
    /// read for units).
    pub(super) first_word: usize,
    /// The end of the words that may belong to a unit (trailing noise removed).
    pub(super) units_end: usize,
    /// Whether names with typos are looked for (the second pass).
    pub(super) with_typos: bool,
    pub(super) readings: Vec<Reading<'a>>,
    /// The readings made in this pass, kept in `readings` or not (their `seq`).
    pub(super) readings_made: u32,
    /// The best quality of the readings made in this pass.
    pub(super) best_quality: Option<Quality>,
    /// The work buffers, reused from one parse to the next on a thread.
    pub(super) buffers: Box<Buffers>,
}

/// A filter on the units found.
pub(super) type Accept<'f> = &'f dyn Fn(&Unit) -> bool;

impl<'a> Parser<'a> {
    /// Parses the input into `readings`; returns how many of them are equally good
    /// in the best structure.
    pub(super) fn parse(&mut self) -> Result<usize, ParseError> {
        let b = &mut self.buffers;
        b.words.refill(self.input);
        b.spans.clear();
        b.hits.clear();
        b.fuzzy_spans.clear();
        b.found.clear();
        b.fuzzy_hits.clear();
        if b.words.len() == 0 {
            return Err(ParseError::Empty);
        }
        self.first_word = b.words.len().saturating_sub(MAX_WORDS);
        self.units_end = strip_noise(&b.words, self.first_word);
        // First exact names only; names with typos only when that leaves a unit
        // written with its kind word unresolved, or finds nothing.
        self.run();
        if self.needs_fuzzy() {
            self.readings.clear();
            (self.readings_made, self.best_quality) = (0, None);
            self.with_typos = true;
            self.run();
        }
        self.finish()
    }

    pub(super) fn run(&mut self) {
        let end = self.units_end;
        let provinces = self.find(end, &[Table::Province, Table::LegacyProvince], &|_| true);
        for i in provinces.clone() {
            let p = self.buffers.found[i];
            match p.unit {
                Unit::Province(prov) => self.current_below(p, prov),
                Unit::LegacyProvince(prov) => self.legacy_below(p, prov),
                _ => {}
            }
        }
        // No province written (or the last words are a district that shares its name
        // with a province, "TP Bến Tre"): a district, then a commune; or a commune.
        //
        // None of these readings can be kept when a reading already made explains
        // more words than they can (words explained rank first): they are not made. A
        // district found starts at `reach(end)` or after, and its commune at `reach`
        // of that.
        if !self.beaten(self.reach(self.reach(end))) {
            let districts = self.find(end, &[Table::LegacyDistrict], &|_| true);
            // They all start at the same word.
            if !districts.is_empty()
                && !self.beaten(self.reach(self.buffers.found[districts.start].start))
            {
                for i in districts {
                    let d = self.buffers.found[i];
                    if let Unit::LegacyDistrict(dist) = d.unit {
                        self.legacy_communes(None, Some(d), dist.province(), Some(dist), d.start);
                    }
                }
            }
        }
        if provinces.is_empty() {
            for i in self.find(end, &[Table::Commune, Table::LegacyCommune], &|_| true) {
                let c = self.buffers.found[i];
                match c.unit {
                    Unit::Commune(com) => self.push_current(None, com.province(), Some(c), None),
                    Unit::LegacyCommune(com) => {
                        self.push_legacy(None, None, com.province(), Some(com.district()), Some(c));
                    }
                    _ => {}
                }
            }
        }
        self.buffers.found.truncate(provinces.start);
    }

    pub(super) fn current_below(&mut self, p: Found, prov: &'static Province) {
        let code = prov.code().get();
        let in_province =
            move |u: &Unit| matches!(u, Unit::Commune(c) if c.province().code().get() == code);
        let communes = self.find(p.start, &[Table::Commune], &in_province);
        for i in communes.clone() {
            let c = self.buffers.found[i];
            self.push_current(Some(p), prov, Some(c), None);
        }
        if !communes.is_empty() {
            self.buffers.found.truncate(communes.start);
            return;
        }
        // A pre-2025 district between the commune and the province.
        let districts = self.find(p.start, &[Table::LegacyDistrict], &|u| {
            matches!(u, Unit::LegacyDistrict(d) if d.province().successor().code().get() == code)
        });
        let mut found = false;
        for i in districts.clone() {
            let d = self.buffers.found[i];
            let Unit::LegacyDistrict(dist) = d.unit else {
                continue;
            };
            let dcode = dist.code().get();
            let took_over = move |u: &Unit| {
                in_province(u)
                    && matches!(u, Unit::Commune(c) if c.predecessors().any(|(o, _)| o.district().code().get() == dcode))
            };
            for j in self.find(d.start, &[Table::Commune], &took_over) {
                let c = self.buffers.found[j];
                self.push_current(Some(p), prov, Some(c), Some((d, dist)));
                found = true;
            }
        }
        self.buffers.found.truncate(districts.start);
        if !found {
            self.push_current(Some(p), prov, None, None);
        }
    }

    /// `last`: `p` is the last province found at the end.
    pub(super) fn legacy_below(&mut self, p: Found, prov: &'static legacy::Province) {
        let code = prov.code().get();
        let districts = self.find(
            p.start,
            &[Table::LegacyDistrict],
            &|u| matches!(u, Unit::LegacyDistrict(d) if d.province().code().get() == code),
        );
        for i in districts.clone() {
            let d = self.buffers.found[i];
            if let Unit::LegacyDistrict(dist) = d.unit {
                self.legacy_communes(Some(p), Some(d), prov, Some(dist), d.start);
            }
        }
        self.buffers.found.truncate(districts.start);
        // Commune + province without district: these readings explain the words from
        // `reach(p.start)` at most, and are not made when a reading made explains more.
        if !self.beaten(self.reach(p.start)) {
            self.legacy_communes(Some(p), None, prov, None, p.start);
        }
    }

    pub(super) fn legacy_communes(
        &mut self,
        p: Option<Found>,
        d: Option<Found>,
        prov: &'static legacy::Province,
        dist: Option<&'static legacy::District>,
        end: usize,
    ) {
        let pcode = prov.code().get();
        let dcode = dist.map(|d| d.code().get());
        let communes = self.find(end, &[Table::LegacyCommune], &|u| match u {
            Unit::LegacyCommune(c) => match dcode {
                Some(dc) => c.district().code().get() == dc,
                None => c.province().code().get() == pcode,
            },
            _ => false,
        });
        if communes.is_empty() {
            if d.is_some() || p.is_some() {
                self.push_legacy(p, d, prov, dist, None);
            }
            return;
        }
        for i in communes.clone() {
            let c = self.buffers.found[i];
            let district = match c.unit {
                Unit::LegacyCommune(com) => Some(com.district()),
                _ => dist,
            };
            self.push_legacy(p, d, prov, district, Some(c));
        }
        self.buffers.found.truncate(communes.start);
    }

    /// Whether the exact pass left something a typo-tolerant pass may find: no
    /// reading, or a unit written with its kind word right before the units of one
    /// of the best readings ("Phường Bach Khoaa, Hai Bà Trưng, Hà Nội": a ward
    /// before a name that reads as a current ward or an old district).
    pub(super) fn needs_fuzzy(&self) -> bool {
        let Some(best) = self.readings.iter().map(|r| r.score.quality()).max() else {
            return true;
        };
        self.readings
            .iter()
            .filter(|r| r.score.quality() == best)
            .any(|r| {
                let below = match r.deepest().level() {
                    search::Level::Commune => search::Level::District,
                    level => level,
                };
                self.unresolved(r.first_word, Some(below)).is_some()
                    || (r.deepest().level() != search::Level::Commune
                        && self.name_segment_before(r.first_word))
            })
    }

    /// Whether the comma-separated segment ending at word `end` may be a unit's name
    /// written without its kind word ("Ben Ngeh, Quận 1"): up to four words, none with
    /// a digit, the first not a word the analysis knows (kind, hamlet or street word).
    pub(super) fn name_segment_before(&self, end: usize) -> bool {
        if end <= self.first_word || !self.segment_ends(end) {
            return false;
        }
        let seg = self.segment_start(end - 1);
        end - seg <= 4
            && self.buffers.words.tag(seg) == Tag::Untagged
            && (seg..end).all(|i| {
                !self
                    .buffers
                    .words
                    .key(i)
                    .bytes()
                    .any(|b| b.is_ascii_digit())
            })
    }

    /// Sorts and dedups the readings, checks for a unit written but not found, and
    /// builds the result.
    ///
    /// Returns how many readings are equally good in the best structure.
    pub(super) fn finish(&mut self) -> Result<usize, ParseError> {
        if self.readings.is_empty() {
            if let Some((name, _)) = self.unresolved(self.units_end, None) {
                return Err(ParseError::ProvinceNotFound {
                    name: self.input[name].to_owned(),
                });
            }
            return Err(ParseError::NotFound);
        }
        // Best first (`rank::reading_order`, a total order: the sort need not be
        // stable, and so needs no buffer).
        let readings = &mut self.readings;
        readings.sort_unstable_by(rank::reading_order);
        // One reading per deepest unit (the best), in order.
        let mut kept = 0;
        for i in 0..readings.len() {
            crate::work::add(1 + kept);
            let d = readings[i].deepest();
            if !readings[..kept].iter().any(|k| k.deepest() == d) {
                // A reading swapped with itself would still be copied three times.
                if kept != i {
                    readings.swap(kept, i);
                }
                kept += 1;
            }
        }
        readings.truncate(kept);
        let best = readings[0].score.quality();
        readings.retain(|r| r.score.quality() == best);
        // Ties are broken by the diacritics: "Xã Minh Quán" is not "Xã Minh Quân".
        if self.readings.len() > 1 && !self.input.is_ascii() {
            for i in 0..self.readings.len() {
                self.readings[i].score.fidelity = self.fidelity(&self.readings[i]);
            }
            self.readings.sort_unstable_by(rank::reading_order);
            let top = self.readings[0].score.quality();
            self.readings.retain(|r| r.score.quality() == top);
        }
        let best = self.readings[0];
        let ambiguous = self
            .readings
            .iter()
            .filter(|r| r.era() == best.era())
            .count();
        // A unit written with its kind word left of the units found, not found.
        let deepest = best.deepest();
        if let Some((name, level)) = self.unresolved(best.first_word, Some(deepest.level())) {
            let name = self.input[name].to_owned();
            return Err(match level {
                search::Level::District => ParseError::DistrictNotFound {
                    name,
                    within: deepest,
                },
                _ => ParseError::CommuneNotFound {
                    name,
                    within: deepest,
                },
            });
        }
        // The street part of each reading kept: the input left of its first unit.
        for i in 0..self.readings.len() {
            let r = &self.readings[i];
            let start = r.parts.iter().any(Option::is_some).then_some(r.first_word);
            self.readings[i].rest = self.rest(start);
        }
        Ok(ambiguous)
    }

    /// A unit written with a kind word of a level below `below` (any level when
    /// `None`) that ends at word `end`, verbatim, with its level: "Phường Xyz" right
    /// of "Quận 1". The kind word starts the segment before `end`, or is a full word
    /// (not an abbreviation) within a few words of it when there are no commas.
    pub(super) fn unresolved(
        &self,
        end: usize,
        below: Option<search::Level>,
    ) -> Option<(Range<usize>, search::Level)> {
        // Nothing is below a commune.
        if end <= self.first_word || below == Some(search::Level::Commune) {
            return None;
        }
        let seg = self.segment_start(end - 1);
        let at_break = end >= self.units_end || self.buffers.words.word(end).hard_break_before;
        // With commas, the kind word starts the segment; without, it is a full word
        // within a few words.
        let starts = if at_break && seg + MAX_SPAN >= end {
            seg..seg + 1
        } else {
            seg.max(end.saturating_sub(MAX_SPAN))..end
        };
        for start in starts.rev() {
            crate::work::add(1);
            let Some((k, n, full)) = self.buffers.words.kind_at(start, end) else {
                continue;
            };
            if start + n >= end || !(full || start == seg) {
                continue;
            }
            // "Tỉnh lộ 8", "Huyện lộ 2": roads.
            if self.buffers.words.tag(start + n) == Tag::Lo {
                continue;
            }
            let level = if k.is_commune() {
                search::Level::Commune
            } else if matches!(k, KindWord::Province) || (below.is_none() && k == KindWord::City) {
                search::Level::Province
            } else {
                search::Level::District
            };
            let lower = match below {
                None => level == search::Level::Province,
                Some(search::Level::Province) => level != search::Level::Province,
                Some(search::Level::District) => level == search::Level::Commune,
                Some(search::Level::Commune) => false,
            };
            if !lower {
                continue;
            }
            let a = self.buffers.words.word(start).start;
            let b = self.buffers.words.word(end - 1).end;
            return Some((a..b, level));
        }
        None
    }

    /// The verbatim input left of word `start`, without trailing separators.
    pub(super) fn rest(&self, start: Option<usize>) -> &'a str {
        let cut = match start {
            Some(i) if i < self.buffers.words.len() => self.buffers.words.word(i).start,
            Some(_) => self.input.len(),
            None => return self.input.trim(),
        };
        self.input[..cut]
            .trim_end_matches(|c: char| !is_alphanumeric(c) && !matches!(c, ')' | ']' | '.'))
            .trim_start()
    }

    /// The first word of the comma-separated segment that word `i` is in.
    pub(super) fn segment_start(&self, i: usize) -> usize {
        let start = (self.first_word..=i)
            .rev()
            .find(|&j| j == self.first_word || self.buffers.words.word(j).hard_break_before)
            .unwrap_or(self.first_word);
        crate::work::add(1 + i.saturating_sub(start));
        start
    }

    /// The leftmost word of a unit that [`find`](Self::find) may return for `end`
    /// (with its kind word), or `end` when it can return none: the name lies in the
    /// segment of word `end - 1`, within [`MAX_SPAN`] words of `end`, and two more
    /// for an English kind word after it ("Ben Nghe Ward"). Not decreasing in `end`.
    pub(super) fn reach(&self, end: usize) -> usize {
        if end <= self.first_word {
            return end;
        }
        self.segment_start(end - 1)
            .max(end.saturating_sub(MAX_SPAN + 2))
    }

    /// Whether a segment ends at `end`.
    pub(super) fn segment_ends(&self, end: usize) -> bool {
        end >= self.units_end || self.buffers.words.word(end).hard_break_before
    }
}
