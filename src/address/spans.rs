//! Unit names in an address: the spans of words that end at a word and whose key is
//! a unit's (exactly, or within a few edits).

use std::ops::Range;

use super::parser::{Accept, Buffers, Parser, MAX_FUZZY_PROVINCE_SPAN, MAX_SPAN};
use crate::search::fuzzy::{
    each_key_within_by_length, each_within, fuzzy_walk, fuzzy_walk_stage, loose_first,
    max_distance, Stage,
};
use crate::search::Via;
use crate::tables::index::{self, Table};
use crate::tables::layout::{hash_step, HASH_START};
use crate::text::key::push_key;
use crate::text::tokenize::Words;
use crate::text::vocab::{self, KindWord};
use crate::units::Unit;

/// A span of words ending at some `end` whose key is in the index.
#[derive(Debug, Clone)]
pub(super) struct SpanHit {
    pub(super) start: usize,
    /// The kind word written, when the key is the name without it.
    pub(super) kind: Option<KindWord>,
    /// Positions in the reversed-key order.
    pub(super) positions: Range<usize>,
    /// A name without kind word where [`Parser::may_be_name`] expects a street, which
    /// only a written district may confirm ([`Parser::relaxable`]).
    pub(super) relaxed: bool,
}

/// A unit name found in the words `start..end`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) unit: Unit,
    pub(super) start: usize,
    pub(super) edits: u8,
    /// A kind word was written with the name.
    pub(super) kinded: bool,
    /// The name starts a comma-separated segment, or ends the address.
    pub(super) delimited: bool,
    pub(super) kind_fits: bool,
    pub(super) via: Via,
}

impl Found {
    /// A unit matched by the span from `start`, with `kind` written.
    #[inline]
    pub(super) fn new(
        unit: Unit,
        via: Via,
        edits: u8,
        start: usize,
        kind: Option<KindWord>,
    ) -> Found {
        Found {
            unit,
            start,
            edits,
            kinded: kind.is_some(),
            delimited: false,
            // A historical name ("Thị trấn Cầu Gồ", "Quận 9") was the name of a unit
            // whose kind need not be the kind of the unit that absorbed it: any kind
            // word of its level fits it, as it fits an alias.
            kind_fits: kind.is_some_and(|k| {
                k.fits(&unit)
                    || (matches!(via, Via::Historical | Via::Alias) && k.names_level(unit.level()))
            }),
            via,
        }
    }
}

/// The [`Found`] for a unit matched by a span, if `accept` holds and the kind word,
/// if any, names the unit's level.
pub(super) fn consider(
    unit: Unit,
    via: Via,
    edits: u8,
    start: usize,
    kind: Option<KindWord>,
    accept: Accept<'_>,
) -> Option<Found> {
    // A kind word that contradicts the level (a "Quận" read as a province) rules the
    // reading out.
    if kind.is_some_and(|k| !k.names_level(unit.level())) || !accept(&unit) {
        return None;
    }
    Some(Found::new(unit, via, edits, start, kind))
}

impl Parser<'_, '_> {
    /// The spans ending at `end` whose key (without or with the kind word) is in the
    /// index, longest first.
    pub(super) fn span_hits(&mut self, end: usize) -> Range<usize> {
        if let Some((_, r)) = self.buffers.spans.iter().find(|(e, _)| *e == end) {
            return r.clone();
        }
        let mut hits = std::mem::take(&mut self.buffers.hits);
        let from = hits.len();
        if end > self.first_word {
            self.collect_spans(end, end, None, &mut hits);
            // An English kind word after the name: "Ben Nghe Ward", "Thu Duc City".
            if let Some((k, n)) = self.buffers.words.trailing_kind_at(end) {
                if end - n > self.segment_start(end - 1) {
                    self.collect_spans(end, end - n, Some(k), &mut hits);
                }
            }
            hits[from..].sort_by_key(|h: &SpanHit| h.start);
        }
        let r = from..hits.len();
        self.buffers.hits = hits;
        self.buffers.spans.push((end, r.clone()));
        r
    }

    /// The spans `start..end` whose name ends at `name_end`, for [`span_hits`].
    ///
    /// The span grows leftwards a word at a time. Its key, read backwards, is
    /// looked up in the reversed-key order, which narrows at each step: once no key
    /// ends with the span, it stops growing (after a word or two, for a kind word).
    pub(super) fn collect_spans(
        &mut self,
        end: usize,
        name_end: usize,
        trailing: Option<KindWord>,
        hits: &mut Vec<SpanHit>,
    ) {
        let seg = self.segment_start(name_end - 1);
        let min_start = seg.max(name_end.saturating_sub(MAX_SPAN));
        // The reversed key of words start..name_end, and for each start the keys
        // equal to it (positions in the reversed-key order), at `name_end - 1 - start`.
        // (In a fixed array: a key as long as `KEY_LEN_BOUND` ends no key's name.)
        let mut rkey = [0u8; index::KEY_LEN_BOUND];
        let mut rlen = 0;
        let mut exact_at = std::mem::take(&mut self.buffers.exact_at);
        exact_at.clear();
        // The hash of `rkey`, kept up as it grows.
        let mut hash = HASH_START;
        let mut dead_at = None;
        for start in (min_start..name_end).rev() {
            crate::work::add(1);
            let w = self.buffers.words.key_bytes(start);
            if dead_at.is_none() {
                let spaced = w.last().is_some_and(u8::is_ascii_digit)
                    && rlen > 0
                    && rkey[rlen - 1].is_ascii_digit();
                let mut fits = true;
                let mut push = |b: u8| match rkey.get_mut(rlen) {
                    Some(at) => {
                        *at = b;
                        rlen += 1;
                        hash = hash_step(hash, b);
                    }
                    None => fits = false,
                };
                if spaced {
                    push(b' ');
                }
                for &b in w.iter().rev() {
                    push(b);
                }
                let found = match fits {
                    true => index::suffix(&rkey[..rlen], hash),
                    false => None,
                };
                match found {
                    Some(exact) => exact_at.push(exact),
                    None => {
                        dead_at = Some(start);
                        exact_at.push(0..0);
                    }
                }
            } else if dead_at.is_some_and(|d| start + 2 < d) {
                // Only a kind word of up to two words may still precede a name.
                break;
            } else {
                exact_at.push(0..0);
            }
            let lead = self
                .buffers
                .words
                .kind_at(start, name_end)
                .map(|(k, n, _)| (k, n))
                .filter(|&(_, n)| start + n < name_end);
            let (name_start, kind) = match (lead, trailing) {
                (Some((k, n)), None) => (start + n, Some(k)),
                (None, Some(k)) => (start, Some(k)),
                (Some(_), Some(_)) => continue,
                (None, None) => (start, None),
            };
            let positions = exact_at[name_end - 1 - name_start].clone();
            if !positions.is_empty() {
                let relaxed = kind.is_none() && !self.may_be_name(start, name_end, end);
                if !relaxed || self.relaxable(start) {
                    hits.push(SpanHit {
                        start,
                        kind,
                        positions,
                        relaxed,
                    });
                }
            }
            // The kind-like word may be part of the name ("Xà Phìn", "Quan Hóa").
            if lead.is_some() && trailing.is_none() {
                let positions = exact_at[name_end - 1 - start].clone();
                if !positions.is_empty() {
                    hits.push(SpanHit {
                        start,
                        kind: None,
                        positions,
                        relaxed: false,
                    });
                }
            }
        }
        self.buffers.exact_at = exact_at;
    }

    /// Whether word `i` starts a unit written on its own: it is the first word
    /// considered, or a separator (a comma or a dash) precedes it.
    #[inline]
    pub(super) fn at_break(&self, i: usize) -> bool {
        i == self.first_word || self.buffers.words.word(i).break_before()
    }

    /// Whether words from `start` to `name_end` (and an English kind word up to
    /// `end`), written without a kind word before them, may name a unit: a bare number
    /// only alone between separators ("Quận 3" may be written ", 3,"), and no name
    /// right after a house number ("36 Trần Hưng Đạo") or a street word.
    ///
    /// The words are those of a name whose key is a unit's: a bare number when every
    /// word is one (the key is the words' keys, a space between two numbers).
    pub(super) fn may_be_name(&self, start: usize, name_end: usize, end: usize) -> bool {
        let words = &self.buffers.words;
        if (start..name_end).all(|i| words.key_bytes(i).iter().all(u8::is_ascii_digit)) {
            return self.at_break(start) && self.unit_ends(end);
        }
        if self.at_break(start) {
            return true;
        }
        if vocab::is_street(self.buffers.words.tag(start - 1)) {
            return false;
        }
        // Right after a kind word, the name is that kind's ("Huyện Đất Đỏ" is no Xã
        // Đất Đỏ with "Huyện" left over), unless the word is written with other
        // diacritics than the kind word (see `find_in`: "Quán" is no "Quận").
        if self.kind_ends_at(start) && !self.kind_misspelt_at(start - 1) {
            return false;
        }
        if self
            .buffers
            .words
            .key_bytes(start - 1)
            .iter()
            .any(u8::is_ascii_digit)
        {
            // A house number starts its segment or follows "Số", a street word or
            // "lộ"; a number after a kind or hamlet word is a unit's or a hamlet's
            // ("Phường 15 Gò Vấp", "Ấp 2 Tân Thành").
            if self.at_break(start - 1) {
                return false;
            }
            let t = self.buffers.words.tag(start - 2);
            return !(vocab::is_street(t) || t == vocab::Tag::Lo);
        }
        true
    }

    /// Whether a name from `start` that [`may_be_name`](Self::may_be_name) takes
    /// for a street may still be a unit when a written district confirms it: after
    /// the number of a street or an alley ("đường số 7 Mường Khoa, Bắc Yên", "hẻm 3
    /// Sì Lở Lầu huyện Phong Thổ"), never after a house number that starts its
    /// segment ("36 Trần Hưng Đạo").
    pub(super) fn relaxable(&self, start: usize) -> bool {
        let words = &self.buffers.words;
        start >= 2
            && start - 1 > self.first_word
            && !self.at_break(start - 1)
            && !words.key_bytes(start).iter().all(u8::is_ascii_digit)
            && words.key_bytes(start - 1).iter().any(u8::is_ascii_digit)
            && vocab::is_street(words.tag(start - 2))
    }

    /// Whether word `i` is a one-word kind word inside a segment, written with other
    /// diacritics than its own ([`misspelt_kind`]).
    fn kind_misspelt_at(&self, i: usize) -> bool {
        misspelt_kind(&self.buffers.words, self.text, self.first_word, i)
    }

    /// Whether a kind word (of one or two words) ends right before word `i`.
    pub(super) fn kind_ends_at(&self, i: usize) -> bool {
        let words = &self.buffers.words;
        // (Words without a tag are no part of a kind word: the quick test.)
        i > self.first_word
            && words.tag(i - 1) != vocab::Tag::Untagged
            && (words.kind_at(i - 1, i).is_some()
                || (i > self.first_word + 1
                    && words.kind_at(i - 2, i).is_some_and(|(_, n, _)| n == 2)))
    }

    /// Unit names among `tables` that end exactly at word `end` (exclusive), for
    /// which `accept` holds: the exact matches of the longest span that has any; when
    /// there are none, names within a small edit distance, for a span that starts
    /// with a kind word (or, for provinces, any short span).
    ///
    /// The units are pushed on [`Buffers::found`]; the range returned is theirs.
    pub(super) fn find(
        &mut self,
        end: usize,
        tables: &[Table],
        accept: Accept<'_>,
    ) -> Range<usize> {
        self.find_in(end, tables, Scope::Everywhere, accept)
    }

    /// [`find`](Self::find), the units known to lie in `scope` (`accept` holds for
    /// none outside it): a misspelt name is looked for among the keys of the units in
    /// scope only, not in the whole index.
    pub(super) fn find_in(
        &mut self,
        end: usize,
        tables: &[Table],
        scope: Scope,
        accept: Accept<'_>,
    ) -> Range<usize> {
        let base = self.buffers.found.len();
        if end <= self.first_word {
            return base..base;
        }
        debug_assert!(tables
            .windows(2)
            .all(|w| w[0].concat_index() < w[1].concat_index()));
        let span = self.span_hits(end);
        let relax = std::mem::take(&mut self.relax);
        let (era, text, first_word) = (self.era, self.text, self.first_word);
        let Buffers {
            hits, found, words, ..
        } = &mut *self.buffers;
        let mut best_start = usize::MAX;
        // Names a written district may confirm only when there are no others.
        let relaxed = relax
            && hits[span.clone()].iter().any(|h| h.relaxed)
            && !hits[span.clone()].iter().any(|h| {
                !h.relaxed
                    && tables.iter().any(|&t| {
                        h.kind.is_none_or(|k| k.names_level(t.level()))
                            && index::of_table(h.positions.clone(), t)
                                .any(|p| accept(&t.unit(index::rentry_in(p, t).index)))
                    })
            });
        // Where the units found at the start being read begin (`found` holds those
        // of one start, or of two: see below).
        let mut floor = base;
        for h in &hits[span] {
            if h.start > best_start {
                // A kind word inside a segment written with other diacritics than its
                // own may be the last word of the name before it ("Phường Văn Quán Hà
                // Đông": Quán is no Quận): the name without it is found too.
                if h.start == best_start + 1
                    && found.last().is_some_and(|f| f.kinded)
                    && misspelt_kind(words, text, first_word, best_start)
                {
                    floor = found.len();
                } else {
                    break;
                }
            }
            if h.relaxed != relaxed {
                continue;
            }
            crate::work::add(1);
            // Per table, in the order the positions have (ascending concatenation
            // index), so that units are found in the same order as one scan would.
            for &t in tables {
                // A kind word that does not name the table's level rules out all its
                // units (see `consider`); so does a structure the caller ruled out.
                if h.kind.is_some_and(|k| !k.names_level(t.level()))
                    || era.is_some_and(|e| e != t.era())
                {
                    continue;
                }
                for p in index::of_table(h.positions.clone(), t) {
                    crate::work::add(1);
                    let e = index::rentry_in(p, t);
                    // `consider`, but for the level, which fits.
                    let unit = t.unit(e.index);
                    if accept(&unit) && !found[floor..].iter().any(|b| b.unit == unit) {
                        found.push(Found::new(unit, e.via, 0, h.start, h.kind));
                        best_start = h.start;
                    }
                }
            }
            // A kind word inside a segment written with other diacritics than its
            // own may be the last word of the name before it ("Phường Văn Quán Hà
            // Đông": Quán is no Quận): the name without it is found too.
        }
        if found.len() == base && self.with_typos {
            self.find_fuzzy(end, tables, scope, accept);
        }
        let last = end >= self.units_end;
        for i in base..self.buffers.found.len() {
            let start = self.buffers.found[i].start;
            self.buffers.found[i].delimited = last || self.at_break(start);
        }
        base..self.buffers.found.len()
    }

    /// The typo-tolerant part of [`find`](Self::find), pushing on `found`. Out of
    /// line: rarely needed, and kept out of the exact look-up's code.
    #[inline(never)]
    pub(super) fn find_fuzzy(
        &mut self,
        end: usize,
        tables: &[Table],
        scope: Scope,
        accept: Accept<'_>,
    ) {
        let base = self.buffers.found.len();
        let provinces = tables.contains(&Table::Province);
        let seg = self.segment_start(end - 1);
        let unit = self.unit_start(end - 1);
        let span = if provinces {
            MAX_FUZZY_PROVINCE_SPAN
        } else {
            MAX_SPAN
        };
        let mut best_key = (u8::MAX, usize::MAX);
        let mut key = std::mem::take(&mut self.buffers.fuzzy_key);
        for start in (seg.max(end.saturating_sub(span))..end).rev() {
            crate::work::add(1);
            let kind_word = self.buffers.words.kind_at(start, end);
            // A kind word alone ("Thành phố") is no misspelt name.
            if kind_word.is_some_and(|(_, n, _)| start + n >= end) {
                continue;
            }
            let lead = kind_word.filter(|&(_, n, _)| start + n < end);
            let (name_start, kind) = match lead {
                Some((k, n, _)) => (start + n, Some(k)),
                None => (start, None),
            };
            // Without a kind word, a misspelt name below the province must be a whole
            // segment of its own ("Ben Ngeh, Quận 1").
            if kind.is_none()
                && !provinces
                && !(start == unit && end < self.units_end && self.name_segment_before(end))
            {
                continue;
            }
            // A kind word must name a level searched.
            if kind.is_some_and(|k| !tables.iter().any(|t| k.names_level(t.level()))) {
                continue;
            }
            key.clear();
            for i in name_start..end {
                push_key(&mut key, self.buffers.words.key(i));
            }
            let max = max_distance(key.len());
            if max == 0 {
                continue;
            }
            // A longer span wins only with as few edits as the best so far: a match
            // with more is not needed, and a walk with a tighter bound is cheaper.
            let max = max.min(best_key.0);
            // Fewest edits first, then the longest span (this one, as the spans
            // shrink).
            let era = self.era;
            let first = key.as_bytes().first().copied();
            // The unit a match names, if it may be one here.
            let acceptable = |t: Table, e: &'static index::Key, dist| {
                if !tables.contains(&t) || era.is_some_and(|e| e != t.era()) {
                    return None;
                }
                // Without a kind word to say what it is, a short name with another first
                // letter is another word, not a typo: "nhue" is not "hue" (Cổ Nhuế is
                // no Huế), nor "binh" "vinh". ("Xã nA Cư" and "Thành phố sHuế" are.)
                if dist > 0
                    && kind.is_none()
                    && e.len <= SHORT_NAME
                    && e.key().first().copied() != first
                {
                    return None;
                }
                consider(t.unit(e.index), e.via, dist, start, kind, accept)
            };
            let mut offer = |found: &mut Vec<Found>, t: Table, e: &'static index::Key, dist| {
                let Some(f) = acceptable(t, e, dist) else {
                    return;
                };
                let k = (f.edits, start);
                if k < best_key {
                    best_key = k;
                    found.truncate(base);
                }
                if k == best_key && !found[base..].iter().any(|b| b.unit == f.unit) {
                    found.push(f);
                }
            };
            let lookup = match (provinces, scope, tables) {
                (true, ..) => Lookup::Provinces,
                (false, Scope::Within(a, b), &[t]) => Lookup::Within(t, a, b),
                _ => Lookup::Everywhere,
            };
            // The whole index within two edits in stages ([`fuzzy_walk_stage`]):
            // the exact half, then the other half within one; if those find a unit
            // within one edit, its matches within one are enough (that unit is the
            // best: the best so far has two edits or more, else `max` would be
            // less, and those with two lose to it), else the half within one
            // finishes the walk within two.
            let mut matches = None;
            if lookup == Lookup::Everywhere && max == 2 {
                self.fuzzy_matches(Lookup::FirstStage(false), &key, 2);
                let one = self.fuzzy_matches(lookup, &key, 1);
                let hits = &self.buffers.fuzzy_hits[one.clone()];
                crate::work::add(hits.len());
                if hits.iter().any(|&(c, d)| {
                    let (t, e) = index::entry(c);
                    d <= 1 && acceptable(t, e, d).is_some()
                }) {
                    matches = Some(one);
                }
            }
            let matches = matches.unwrap_or_else(|| self.fuzzy_matches(lookup, &key, max));
            let Buffers {
                fuzzy_hits, found, ..
            } = &mut *self.buffers;
            crate::work::add(matches.len());
            for &(c, d) in &fuzzy_hits[matches] {
                let (t, e) = index::entry(c);
                offer(found, t, e, d);
            }
        }
        self.buffers.fuzzy_key = key;
    }

    /// The keys within `max` edits of `key` (their entries in the concatenation of
    /// the per-level arrays, and distances, by entry), in `fuzzy_hits`: those of the
    /// provinces only (both structures), of the units in a scope, or of the whole
    /// index. Each key is looked up once per parse, lookup and bound (a look-up
    /// with a bound as large or larger serves, and a scoped look-up after the whole
    /// index was walked for the key reuses that walk); a key below
    /// the province is looked up at all only if it is one of the first
    /// [`MAX_FUZZY_WALKS`](super::parser::MAX_FUZZY_WALKS) such keys of the parse
    /// (after that, nothing is found), be its look-ups scoped or not.
    ///
    /// The matches come sorted by entry, so a scoped look-up gives the matches of
    /// the whole index in scope in the same order, and the same names (or aliases)
    /// win their ties.
    ///
    /// [`Lookup::FirstStage`] walks the exact half of the whole index within two
    /// ([`Stage::ExactHalf`]); a look-up of the whole index after it walks only the
    /// rest of its bound ([`Stage::WithinOne`] or [`Stage::LooseHalf`]).
    fn fuzzy_matches(&mut self, lookup: Lookup, key: &str, max: u8) -> Range<usize> {
        let b = &mut *self.buffers;
        let keys = &b.fuzzy_keys;
        // A look-up made with as many edits or more holds the matches (and maybe
        // some farther, which the caller passes over).
        let cached = |l: &Lookup| {
            b.fuzzy_spans
                .iter()
                .find(|(x, m, k, _)| x == l && *m >= max && &keys[k.clone()] == key)
                .map(|(_, _, _, r)| r.clone())
        };
        // The exact half of a walk within two of the key, and its split.
        let exact_half = match lookup {
            Lookup::Everywhere | Lookup::FirstStage(_) => [false, true]
                .into_iter()
                .find_map(|loose| cached(&Lookup::FirstStage(loose)).map(|r| (loose, r))),
            _ => None,
        };
        if let Lookup::FirstStage(_) = lookup {
            // The whole index already walked within two holds its matches.
            if let Some(r) = cached(&Lookup::Everywhere).or(exact_half.clone().map(|(_, r)| r)) {
                return r;
            }
        } else if let Some(r) = cached(&lookup) {
            return r;
        }
        // The whole index already walked for the key: its matches hold those in
        // any scope, in the same order.
        if let (Lookup::Within(..), Some(r)) = (lookup, cached(&Lookup::Everywhere)) {
            return r;
        }
        let granted = match lookup {
            Lookup::Provinces => true,
            _ => match cached(&Lookup::Below) {
                Some(r) => !r.is_empty(),
                None => {
                    let granted = b.fuzzy_walks_left > 0;
                    b.fuzzy_walks_left = b.fuzzy_walks_left.saturating_sub(1);
                    let k = b.fuzzy_keys.len()..b.fuzzy_keys.len() + key.len();
                    b.fuzzy_keys.push_str(key);
                    // A range that is empty or not, for the grant.
                    let g = 0..usize::from(granted);
                    b.fuzzy_spans.push((Lookup::Below, u8::MAX, k, g));
                    granted
                }
            },
        };
        let from = b.fuzzy_hits.len();
        let mut done = lookup;
        let mut recorded = max;
        let hits = &mut b.fuzzy_hits;
        let scoped = &mut b.fuzzy_scope;
        match lookup {
            _ if !granted => {}
            Lookup::Provinces => {
                for t in [Table::Province, Table::LegacyProvince] {
                    let from = hits.len();
                    each_key_within_by_length(key.as_bytes(), max, t, |i, d| {
                        hits.push((index::concat_entry(t, i), d));
                    });
                    // In the table's order (each entry is found once).
                    hits[from..].sort_unstable();
                }
            }
            Lookup::Within(t, a, other) => {
                scoped.clear();
                let mut ok = index::entries_within(t, a, scoped);
                if let Some(u) = other {
                    ok &= index::entries_within(t, u, scoped);
                }
                if ok {
                    let entries = scoped.iter().map(|&c| index::entry(c).1.key());
                    each_within(key.as_bytes(), max, entries, |i, d| {
                        hits.push((scoped[i], d));
                    });
                    sort_dedup(hits, from);
                } else {
                    whole_walk(key, max, hits);
                }
            }
            Lookup::FirstStage(_) => {
                let loose = loose_first(key.as_bytes());
                fuzzy_walk_stage(key.as_bytes(), loose, Stage::ExactHalf, |c, d| {
                    hits.push((c, d));
                });
                sort_dedup(hits, from);
                done = Lookup::FirstStage(loose);
            }
            Lookup::Everywhere => match exact_half {
                Some((loose, r)) if (1..=2).contains(&max) => {
                    // The loose half is the costly stage: past the parse's
                    // budget, the look-up within two gives the matches within one
                    // (recorded so: a scoped look-up within two walks its scope).
                    let max = if max == 2 && b.loose_halves_left == 0 {
                        recorded = 1;
                        1
                    } else {
                        b.loose_halves_left -= u8::from(max == 2);
                        max
                    };
                    for i in r {
                        if hits[i].1 <= max {
                            hits.push(hits[i]);
                        }
                    }
                    let stage = if max == 1 {
                        Stage::WithinOne
                    } else {
                        Stage::LooseHalf
                    };
                    fuzzy_walk_stage(key.as_bytes(), loose, stage, |c, d| hits.push((c, d)));
                    sort_dedup(hits, from);
                }
                _ => whole_walk(key, max, hits),
            },
            Lookup::Below => whole_walk(key, max, hits),
        }
        let k = b.fuzzy_keys.len()..b.fuzzy_keys.len() + key.len();
        b.fuzzy_keys.push_str(key);
        let r = from..b.fuzzy_hits.len();
        b.fuzzy_spans.push((done, recorded, k, r.clone()));
        r
    }
}

/// Whether word `i` of `words` (of `text`) is a one-word kind word inside a segment
/// (no separator before it) written with other diacritics than its own: "Quán" in
/// "Phường Văn Quán Hà Đông" is no "Quận" and may end the name before it. (At the
/// start of a segment a kind word is one whatever its diacritics.)
#[inline]
fn misspelt_kind(words: &Words, text: &str, first_word: usize, i: usize) -> bool {
    i > first_word && !words.word(i).break_before() && misspelt_kind_word(words, text, i)
}

/// [`misspelt_kind`] past the quick test (out of line: rarely asked).
#[cold]
#[inline(never)]
fn misspelt_kind_word(words: &Words, text: &str, i: usize) -> bool {
    let t = words.tag(i);
    let w = words.word(i);
    vocab::spelling(t).is_some()
        && words.kind_at(i, i + 1).is_some()
        && !vocab::written_as(t, &text[w.start..w.end])
}

/// The matches of [`fuzzy_walk`] pushed on `hits`, sorted by entry, each once.
fn whole_walk(key: &str, max: u8, hits: &mut Vec<(u16, u8)>) {
    let from = hits.len();
    fuzzy_walk(key.as_bytes(), max, |c, d| hits.push((c, d)));
    sort_dedup(hits, from);
}

/// Sorts `hits[from..]` by entry and keeps each entry once (at its least distance).
fn sort_dedup(hits: &mut Vec<(u16, u8)>, from: usize) {
    if hits.len() - from > BITMAP_FROM && mark_in_order(hits, from) {
        return;
    }
    hits[from..].sort_unstable();
    let mut w = from;
    for r in from..hits.len() {
        if w == from || hits[w - 1].0 != hits[r].0 {
            hits[w] = hits[r];
            w += 1;
        }
    }
    hits.truncate(w);
}

/// Index keys up to this many bytes are short names: a typo-tolerant match must keep
/// their first letter (`Parser::find_fuzzy`).
const SHORT_NAME: u8 = 4;

/// From how many hits [`sort_dedup`] orders them through a bitmap of every entry
/// (one pass over 16,384 bits a distance) rather than by sorting them: a common
/// misspelt name ("tanduong") matches hundreds of keys, whose sort took 50,000
/// instructions.
const BITMAP_FROM: usize = 128;
/// Entries a bitmap of [`mark_in_order`] holds (the index has about 15,900).
const BITMAP_WORDS: usize = 256;

/// [`sort_dedup`] by a bitmap of the entries per distance; `false` (and `hits`
/// untouched) if an entry or a distance is beyond the bitmaps.
fn mark_in_order(hits: &mut Vec<(u16, u8)>, from: usize) -> bool {
    // Per word of 64 entries, a bitmap per distance.
    let mut seen = [[0u64; 4]; BITMAP_WORDS];
    for &(c, d) in &hits[from..] {
        let (w, d) = (usize::from(c) / 64, usize::from(d));
        if w >= BITMAP_WORDS || d >= 4 {
            return false;
        }
        seen[w][d] |= 1 << (c % 64);
    }
    hits.truncate(from);
    for (w, by_distance) in seen.iter().enumerate() {
        let mut any = by_distance.iter().fold(0, |a, &b| a | b);
        while any != 0 {
            crate::work::add(1);
            let bit = any.trailing_zeros();
            let d = by_distance.iter().position(|&b| b >> bit & 1 == 1);
            // `w < 256` and `d < 4`: both fit.
            hits.push(((w * 64) as u16 | bit as u16, d.unwrap_or(0) as u8));
            any &= any - 1;
        }
    }
    true
}

/// Where the units of a look-up below the province may be: anywhere, or inside a
/// unit already found (or one of two), a province or district. Only the
/// typo-tolerant pass reads it, to search the keys of those units' children rather
/// than the whole index.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Scope {
    Everywhere,
    Within(Unit, Option<Unit>),
}

/// A typo-tolerant look-up of one key ([`Parser::fuzzy_matches`]).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Lookup {
    /// Among the provinces.
    Provinces,
    /// In the whole index.
    Everywhere,
    /// Among the units of one table inside one or two units.
    Within(Table, Unit, Option<Unit>),
    /// Not a look-up: whether the key, below the province, is looked up at all
    /// (its range of matches is not empty).
    Below,
    /// The exact half of a walk of the whole index within two edits
    /// ([`Stage::ExactHalf`]; the split it chose, once walked), for the rest.
    FirstStage(bool),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain sort and dedup `sort_dedup` does below `BITMAP_FROM` hits.
    fn by_sorting(mut hits: Vec<(u16, u8)>) -> Vec<(u16, u8)> {
        hits.sort_unstable();
        hits.dedup_by_key(|h| h.0);
        hits
    }

    #[test]
    fn bitmap_order_equals_sorting() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in [1, 2, 63, 129, 300, 2_000] {
            // Entries repeated (one key reported by both walks, homonyms), at
            // distances 0 to 3, some at the same entry with different distances.
            let mut hits: Vec<(u16, u8)> = (0..n)
                .map(|_| ((next() % 16_384) as u16, (next() % 4) as u8))
                .collect();
            for i in (0..n).step_by(5) {
                let (c, d) = hits[i];
                hits.push((c, 3 - d));
            }
            let mut marked = vec![(7, 1)];
            marked.extend_from_slice(&hits);
            assert!(mark_in_order(&mut marked, 1));
            let mut want = vec![(7, 1)];
            want.extend(by_sorting(hits.clone()));
            assert_eq!(marked, want, "{n} hits");
            let mut sorted = hits.clone();
            sort_dedup(&mut sorted, 0);
            assert_eq!(sorted, by_sorting(hits), "{n} hits");
        }
        // Beyond the bitmaps: left to the sort, untouched.
        for bad in [vec![(3, 1), (16_384, 1)], vec![(3, 1), (5, 4)]] {
            let mut hits = bad.clone();
            assert!(!mark_in_order(&mut hits, 0));
            assert_eq!(hits, bad);
            sort_dedup(&mut hits, 0);
            assert_eq!(hits, by_sorting(bad));
        }
    }
}
