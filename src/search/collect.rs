//! Collecting the hits of a search: one per unit, in rank order, at most the limit.

use crate::rank::{
    fidelity_bits, hit_rank, via_class, FIDELITY, IDENTITY, KIND_MISFITS, RANKED_TABLES,
};
use crate::search::fidelity::Diacritics;
use crate::search::fuzzy::{fuzzy_walk, max_distance};
use crate::search::query::NameQuery;
use crate::search::{Hit, Mode, Search};
use crate::tables::index::{entry, entry_at, exact, with_prefix, Key, Table, Via};
use crate::text::tokenize::Words;
use crate::text::vocab::KindWord;
use crate::units::Unit;

/// Runs `search` for `query`, whose words and keys are `words` and `q`.
pub(super) fn collect(search: &Search, query: &str, words: &Words, q: &NameQuery) -> Vec<Hit> {
    let key = q.key();
    if key.is_empty() {
        return Vec::new();
    }
    let mut c = Collector {
        search,
        query,
        words,
        kind: q.kind,
        marks: Diacritics::of_words(query, words, q.name_words()),
        raw_marks: RawMarks::None,
        limit: search.limit.unwrap_or(usize::MAX),
        hits: Vec::new(),
        seen: [(u64::MAX, 0); 16],
        held: 0,
    };
    if c.limit == 0 {
        return Vec::new();
    }
    let raw = q.raw_key();
    if raw.is_some() && c.marks.marked > 0 {
        c.raw_marks = RawMarks::Pending;
    }
    if search.mode != Mode::Exact {
        // Allocated directly, not through the growth path of `reserve`.
        c.hits = Vec::with_capacity(c.limit.min(32));
    }
    match search.mode {
        Mode::Exact => {
            let (k, r) = (exact(key), raw.map_or(0..0, exact));
            c.hits.reserve_exact((k.len() + r.len()).min(c.limit));
            for p in k {
                c.add(entry_at(p), 0, false, false);
            }
            for p in r {
                c.add(entry_at(p), 0, false, true);
            }
        }
        Mode::Prefix => c.prefix(key, raw),
        Mode::Fuzzy => {
            let max = max_distance(key.len());
            fuzzy_walk(key.as_bytes(), max, |p, d| c.add(p, d, false, false));
            // The kind-like word may be part of a name with a typo: "Phương iệt".
            if let Some(raw) = raw {
                let max = max_distance(raw.len());
                fuzzy_walk(raw.as_bytes(), max, |p, d| c.add(p, d, false, true));
            }
        }
    }
    c.finish()
}

/// The diacritics of the whole query: not needed (no kind word, or none marked), not
/// computed yet, or computed.
enum RawMarks {
    None,
    Pending,
    Ready(Diacritics),
}

/// Collects hits in rank order, one per unit, at most `limit`.
struct Collector<'s> {
    search: &'s Search,
    query: &'s str,
    words: &'s Words,
    kind: Option<KindWord>,
    /// Diacritics of the name part of the query.
    marks: Diacritics,
    /// Diacritics of the whole query, for matches of the whole query as a name.
    raw_marks: RawMarks,
    limit: usize,
    /// The hits, sorted by rank when `limit` is finite.
    hits: Vec<Hit>,
    /// Fidelities computed, direct-mapped by name and whether read with the kind
    /// word (see [`Collector::fidelity`]).
    seen: [(u64, i16); 16],
    /// A Bloom filter of the units held (their `IDENTITY` bits hashed), so that a
    /// new hit is looked for among them only when it may be there.
    held: u64,
}

impl Collector<'_> {
    /// Offers the entry at position `c` of the concatenated per-level arrays.
    /// `partial`: a prefix match that is not the whole key; `whole`: a match of the
    /// whole query, kind word included.
    fn add(&mut self, c: u16, distance: u8, partial: bool, whole: bool) {
        let (t, e) = entry(c);
        self.add_entry(t, e, distance, partial, whole);
    }

    fn add_entry(&mut self, t: Table, e: &'static Key, distance: u8, partial: bool, whole: bool) {
        crate::work::add(1);
        if !self.search.table_allowed(t) {
            return;
        }
        let kind = if whole { None } else { self.kind };
        // A kind word names a level: "Quận 1" is not "Phường 1".
        if kind.is_some_and(|k| !k.names_level(t.level())) {
            return;
        }
        // The whole query's diacritics, once a match of the whole query needs them
        // (rarely: "Xà Phìn", where the kind-like word is part of the name).
        if whole && matches!(self.raw_marks, RawMarks::Pending) {
            let all = 0..self.words.len();
            self.raw_marks = RawMarks::Ready(Diacritics::of_words(self.query, self.words, all));
        }
        let best_fidelity = self.marks_for(whole).max();
        let best = hit_rank(
            partial,
            distance,
            true,
            whole,
            e.via,
            best_fidelity,
            t,
            e.index,
        );
        self.offer(t, e, distance, best, kind, whole);
    }

    /// Offers entry `e` of table `t` at `distance`, whose rank is `best` if the kind
    /// fits and the fidelity is the best possible (`kind`: the kind word it must fit,
    /// if any).
    #[inline(always)]
    fn offer(
        &mut self,
        t: Table,
        e: &'static Key,
        distance: u8,
        best: u64,
        kind: Option<KindWord>,
        whole: bool,
    ) {
        // With the hits full, a hit that cannot rank before the last even with the
        // kind fitting and the best fidelity is not worth looking at.
        let bar = self.bar();
        if best >= bar {
            return;
        }
        let unit = t.unit(e.index);
        if !self.search.accepts(&unit) {
            return;
        }
        let kind_fits = kind.is_none_or(|k| k.fits(&unit));
        let best = if kind_fits { best } else { best | KIND_MISFITS };
        if best >= bar {
            return;
        }
        let fidelity = self.fidelity(unit, whole);
        let r = (best & !FIDELITY) | fidelity_bits(fidelity);
        if r >= bar {
            return;
        }
        let hit = Hit {
            unit,
            via: e.via,
            distance,
            kind_fits,
            fidelity,
            rank: r,
        };
        if self.limit == usize::MAX {
            self.hits.push(hit);
            return;
        }
        // Bounded insertion, one hit per unit.
        let held = 1 << ((r & IDENTITY).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58);
        let same = if self.held & held == 0 {
            None
        } else {
            self.hits
                .iter()
                .position(|o| o.rank & IDENTITY == r & IDENTITY)
        };
        self.held |= held;
        if let Some(i) = same {
            if self.hits[i].rank <= r {
                return;
            }
            self.hits.remove(i);
        } else if self.hits.len() >= self.limit {
            // The last one goes (the hit ranks before it); making room first keeps
            // the vector within its capacity.
            self.hits.pop();
        }
        let at = self.hits.partition_point(|o| o.rank < r);
        self.hits.insert(at, hit);
    }

    /// The diacritics a match is compared with: of the whole query for a `whole`
    /// match once computed, else of the name part.
    #[inline]
    fn marks_for(&self, whole: bool) -> &Diacritics {
        match (&self.raw_marks, whole) {
            (RawMarks::Ready(m), true) => m,
            _ => &self.marks,
        }
    }

    /// The fidelity of the unit's name to the query's diacritics (`whole`: to the
    /// whole query's), computed once per name: homonyms share a name, and usually
    /// its place in the string pool, by which names are told apart here.
    #[inline]
    fn fidelity(&mut self, unit: Unit, whole: bool) -> i16 {
        let marks = self.marks_for(whole);
        if !marks.intentional {
            return 0;
        }
        let name = unit.name_ref();
        let key = u64::from(name.at) << 24 | u64::from(name.len) << 8 | u64::from(whole);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize;
        let (k, f) = self.seen[slot];
        if k == key {
            return f;
        }
        let f = marks.fidelity(name.get());
        self.seen[slot] = (key, f);
        f
    }

    /// The rank a hit must beat to be kept: the last one's when the hits are full.
    #[inline]
    fn bar(&self) -> u64 {
        if self.hits.len() >= self.limit {
            self.hits[self.hits.len() - 1].rank
        } else {
            u64::MAX
        }
    }

    /// Prefix search: whole-key matches, then the other keys starting with `key`, table
    /// by table in rank order, skipping the tables that cannot beat the hits held.
    fn prefix(&mut self, key: &str, raw: Option<&str>) {
        for p in exact(key) {
            self.add(entry_at(p), 0, false, false);
        }
        if let Some(raw) = raw {
            for p in exact(raw) {
                self.add(entry_at(p), 0, false, true);
            }
        }
        let best_fidelity = self.marks.max();
        for t in RANKED_TABLES {
            if !self.search.table_allowed(t) {
                continue;
            }
            // The best rank a key of `t` can have, but for its origin and index.
            let best = hit_rank(true, 0, true, false, Via::Name, best_fidelity, t, 0);
            if best > self.bar() {
                break;
            }
            // A kind word names a level: "Quận 1" is not "Phường 1".
            if self.kind.is_none_or(|k| k.names_level(t.level())) {
                for e in with_prefix(t, key) {
                    // The whole-key matches were offered above.
                    if usize::from(e.len) != key.len() {
                        // `add_entry`, with what is known of the table taken out.
                        crate::work::add(1);
                        let best = best | (via_class(e.via) << 56) | u64::from(e.index);
                        self.offer(t, e, 0, best, self.kind, false);
                    }
                }
            }
            if let Some(raw) = raw {
                for e in with_prefix(t, raw) {
                    if e.key().len() != raw.len() {
                        self.add_entry(t, e, 0, true, true);
                    }
                }
            }
        }
    }

    fn finish(&mut self) -> Vec<Hit> {
        crate::work::add(self.hits.len());
        if self.limit == usize::MAX {
            // One hit per unit (the best), in rank order.
            let hits = &mut self.hits;
            if hits.len() > 1 {
                hits.sort_unstable_by_key(|h| h.rank);
                if hits.len() <= 32 {
                    // Few hits: keep the first (best) of each unit.
                    let mut i = 1;
                    while i < hits.len() {
                        let id = hits[i].rank & IDENTITY;
                        if hits[..i].iter().any(|h| h.rank & IDENTITY == id) {
                            hits.remove(i);
                        } else {
                            i += 1;
                        }
                    }
                } else {
                    hits.sort_by_key(|h| h.rank & IDENTITY);
                    hits.dedup_by_key(|h| h.rank & IDENTITY);
                    hits.sort_unstable_by_key(|h| h.rank);
                }
            }
        }
        std::mem::take(&mut self.hits)
    }
}
