//! The search index (`generated/index.rs`): its format, and the lookups that read it
//! (exact, prefix, by suffix, entry by position). Written by `cargo xtask codegen`
//! (`xtask/src/codegen/index.rs`).
//!
//! Every name and alias of a unit is a *key* ([`search_key`](crate::search_key):
//! lower-case ASCII letters, digits, a space between two numbers). The index holds:
//!
//! | table | element | what |
//! |---|---|---|
//! | `PROVINCE_KEYS`, `COMMUNE_KEYS`, `LEGACY_PROVINCE_KEYS`, `LEGACY_DISTRICT_KEYS`, `LEGACY_COMMUNE_KEYS` | [`Key`] | the entries of one level ([`Table`]), sorted by key: the key's place in `KEY_BLOB`, the unit's index in its level's records, the key's origin ([`Via`]); one entry per key and unit, the best origin |
//! | `KEY_TABLE_ENDS` | `u16` | where each level's entries end in the *concatenation* of those five arrays, in that order; a position in the concatenation names an entry ([`entry`]) |
//! | `KEY_BLOB` | `&str` | every distinct key once, sorted, concatenated |
//! | `KEY_ORDER` | `u16` | every entry's position in the concatenation, sorted by key, then level, then position: the *global order* |
//! | `KEY_AT` | `u32` | the key of each position of the global order, as `offset << 8 \| length` in `KEY_BLOB` |
//! | `KEY_LCP` | `u8` | the length of the prefix each key of the global order shares with the one before (for the typo-tolerant walk) |
//! | `KEY_BUCKETS` | `u16` | where the keys of each first two bytes start in the global order: bucket `ordinal(b0) * ORDS + ordinal(b1)` ([`layout`](crate::tables::layout)) |
//! | `KEY_HASH` | `u16` | exact lookups: an open-addressing table (linear probing, at most half full) of 1 + the global position of each distinct key's first entry, at [`key_hash`] of the key; 0 for an empty slot |
//! | `RKEY_BLOB`, `RKEY_ORDER`, `RKEY_AT`, `RKEY_LCP`, `RKEY_BUCKETS` | | the same for the keys read backwards (the *reversed order*): the blob holds each distinct key reversed, in the sorted order of that |
//! | `RKEY_SUFFIXES` | `u32` | every distinct suffix of every key, reversed, in an open-addressing table (linear probing, at most half full) at the hash of its reversed bytes; a slot holds `1 + p \| len << 16 \| exact << 24`: `p` the reversed-order position of the first key that ends with the suffix, `len` its length, `exact` how many keys equal it (they come first from `p`); 0 for an empty slot ([`suffix`]) |
//! | `LEVEL_KEY_BUCKETS` | `u16` | for each level in turn, where the keys of each first two bytes start in its array (`ORDS * ORDS + 1` values a level; for prefix search) |
//! | `UNIT_BASES` | `u16` | where each level's units start among the units of all levels, in the order of the concatenation, and one past the last ([`unit_entries`]) |
//! | `UNIT_ENTRY_STARTS`, `UNIT_ENTRIES` | `u16` | the entries of each unit (positions in the concatenation), ascending, unit after unit, level after level; unit `u` of level `l` has those from `UNIT_ENTRY_STARTS[UNIT_BASES[l] + u]` to the next start |
//! | `KEYS_BY_LENGTH` | `u16` | for the provinces' levels (current, then pre-2025): the positions in the level's array of its keys, sorted by length, then bytes ([`by_length`]) |
//! | `KEY_LENGTH_STARTS` | `u16` | for those levels in turn, `KEY_LEN_BOUND + 1` values each: where the keys of each length start in `KEYS_BY_LENGTH` |
//! | `KEY_LETTER_SETS` | `u64` | the [`letter_set`](crate::tables::layout::letter_set) of each key of `KEYS_BY_LENGTH`, at the same position |
//!
//! Keys are under 64 bytes and there are fewer than 65,535 entries (the generator
//! checks), so positions fit `u16` and a key's columns fit the typo-tolerant walk.

use std::cmp::Ordering;
use std::ops::Range;

use crate::tables::generated as g;
pub(crate) use crate::tables::layout::KEY_LEN_BOUND;
use crate::tables::layout::{key_hash, ordinal, ORDS};
use crate::units::{Era, Level, Unit};

/// Where an index key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Via {
    /// The official name.
    Name,
    /// A spelling variant found in an official document (e.g. the conversion table).
    Spelling,
    /// A historical name of a unit abolished or renamed before 30 June 2025 that
    /// went into this one (the hop is reported so callers can show it).
    Historical,
    /// A curated alias: an abbreviation (`TP.HCM`, `HN`), an English name or a
    /// common informal name (`Sài Gòn`).
    Alias,
}

impl Via {
    /// `"name"`, `"spelling"`, `"historical"` or `"alias"`: the stable ASCII id used
    /// in serialised output.
    ///
    /// ```
    /// assert_eq!(dvhc::search::Via::Historical.id(), "historical");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Spelling => "spelling",
            Via::Historical => "historical",
            Via::Alias => "alias",
        }
    }

    /// The origin with this [`id`](Self::id), if any.
    ///
    /// ```
    /// use dvhc::search::Via;
    /// assert_eq!(Via::from_id("alias"), Some(Via::Alias));
    /// ```
    pub fn from_id(id: &str) -> Option<Via> {
        [Via::Name, Via::Spelling, Via::Historical, Via::Alias]
            .into_iter()
            .find(|v| v.id() == id)
    }
}

/// A search index entry: where its key is in `KEY_BLOB`, the unit's index within
/// its level's table, and the origin of the key. 8 bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    at: u32,
    pub(crate) len: u8,
    /// The unit's index within its level's table.
    pub(crate) index: u16,
    /// Where the key came from.
    pub(crate) via: Via,
}

/// A [`Key`], for the generated tables.
pub(crate) const fn k(at: u32, len: u8, index: u16, via: Via) -> Key {
    Key {
        at,
        len,
        index,
        via,
    }
}

impl Key {
    /// The key.
    #[inline]
    pub(crate) fn key(&self) -> &'static [u8] {
        blob(g::KEY_BLOB, self.at, self.len)
    }
}

/// Bytes `at..at + len` of a blob.
#[inline]
fn blob(b: &'static str, at: u32, len: u8) -> &'static [u8] {
    let at = at as usize;
    &b.as_bytes()[at..at + usize::from(len)]
}

/// A blob slice from an `offset << 8 | length` word (`KEY_AT`, `RKEY_AT`).
#[inline]
pub(crate) fn blob_at(b: &'static str, packed: u32) -> &'static [u8] {
    blob(b, packed >> 8, packed as u8)
}

/// Which table: (era, level).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Province,
    Commune,
    LegacyProvince,
    LegacyDistrict,
    LegacyCommune,
}

impl Table {
    /// Every table, in the order of their arrays in the concatenation.
    #[cfg(test)]
    pub(crate) const ALL: [Table; 5] = [
        Table::Province,
        Table::Commune,
        Table::LegacyProvince,
        Table::LegacyDistrict,
        Table::LegacyCommune,
    ];

    #[inline]
    pub(crate) fn keys(self) -> &'static [Key] {
        match self {
            Table::Province => &g::PROVINCE_KEYS,
            Table::Commune => &g::COMMUNE_KEYS,
            Table::LegacyProvince => &g::LEGACY_PROVINCE_KEYS,
            Table::LegacyDistrict => &g::LEGACY_DISTRICT_KEYS,
            Table::LegacyCommune => &g::LEGACY_COMMUNE_KEYS,
        }
    }

    #[inline]
    pub(crate) fn unit(self, i: u16) -> Unit {
        let i = usize::from(i);
        match self {
            Table::Province => Unit::Province(&g::PROVINCES[i]),
            Table::Commune => Unit::Commune(&g::COMMUNES[i]),
            Table::LegacyProvince => Unit::LegacyProvince(&g::LEGACY_PROVINCES[i]),
            Table::LegacyDistrict => Unit::LegacyDistrict(&g::LEGACY_DISTRICTS[i]),
            Table::LegacyCommune => Unit::LegacyCommune(&g::LEGACY_COMMUNES[i]),
        }
    }

    #[inline]
    pub(crate) fn era(self) -> Era {
        match self {
            Table::Province | Table::Commune => Era::Current,
            _ => Era::Legacy,
        }
    }

    #[inline]
    pub(crate) fn level(self) -> Level {
        match self {
            Table::Province | Table::LegacyProvince => Level::Province,
            Table::LegacyDistrict => Level::District,
            Table::Commune | Table::LegacyCommune => Level::Commune,
        }
    }

    /// Position in the concatenation of the per-level arrays (`KEY_TABLE_ENDS`).
    #[inline]
    pub(crate) fn concat_index(self) -> usize {
        match self {
            Table::Province => 0,
            Table::Commune => 1,
            Table::LegacyProvince => 2,
            Table::LegacyDistrict => 3,
            Table::LegacyCommune => 4,
        }
    }
}

/// The table and entry at position `p` of the global key order.
#[cfg(test)]
pub(crate) fn at(p: usize) -> (Table, &'static Key) {
    entry(g::KEY_ORDER[p])
}

/// The entry (a position in the concatenation of the per-level arrays) at position
/// `p` of the global order (`KEY_ORDER`).
#[inline]
pub(crate) fn entry_at(p: usize) -> u16 {
    g::KEY_ORDER[p]
}

/// One of the two orders of the keys, for a walk over all of them: the global
/// order (`KEY_*`), or the reversed order (`RKEY_*`, each key read backwards).
pub(crate) struct Order {
    /// The entry at each position (`KEY_ORDER`, `RKEY_ORDER`).
    pub(crate) entries: &'static [u16],
    /// The key at each position, `offset << 8 | length` in `blob`.
    pub(crate) at: &'static [u32],
    /// The bytes each key shares with the one before.
    pub(crate) lcp: &'static [u8],
    /// Where the keys of each first two bytes start.
    pub(crate) buckets: &'static [u16],
    /// The distinct keys, concatenated (read backwards for the reversed order).
    pub(crate) blob: &'static str,
}

/// The global order, or with `backwards` the reversed order.
#[inline]
pub(crate) fn order(backwards: bool) -> Order {
    if backwards {
        Order {
            entries: &g::RKEY_ORDER,
            at: &g::RKEY_AT,
            lcp: &g::RKEY_LCP,
            buckets: &g::RKEY_BUCKETS,
            blob: g::RKEY_BLOB,
        }
    } else {
        Order {
            entries: &g::KEY_ORDER,
            at: &g::KEY_AT,
            lcp: &g::KEY_LCP,
            buckets: &g::KEY_BUCKETS,
            blob: g::KEY_BLOB,
        }
    }
}

/// The table and entry at position `c` of the concatenation of the per-level arrays.
#[inline]
pub(crate) fn entry(c: u16) -> (Table, &'static Key) {
    let e = &g::KEY_TABLE_ENDS;
    let (t, base, keys): (Table, u16, &'static [Key]) = if c < e[0] {
        (Table::Province, 0, &g::PROVINCE_KEYS)
    } else if c < e[1] {
        (Table::Commune, e[0], &g::COMMUNE_KEYS)
    } else if c < e[2] {
        (Table::LegacyProvince, e[1], &g::LEGACY_PROVINCE_KEYS)
    } else if c < e[3] {
        (Table::LegacyDistrict, e[2], &g::LEGACY_DISTRICT_KEYS)
    } else {
        (Table::LegacyCommune, e[3], &g::LEGACY_COMMUNE_KEYS)
    };
    (t, &keys[usize::from(c - base)])
}

/// The position in the concatenation of the per-level arrays of entry `i` of table
/// `t`: the inverse of [`entry`].
#[inline]
pub(crate) fn concat_entry(t: Table, i: usize) -> u16 {
    let e = &g::KEY_TABLE_ENDS;
    let base = match t {
        Table::Province => 0,
        Table::Commune => e[0],
        Table::LegacyProvince => e[1],
        Table::LegacyDistrict => e[2],
        Table::LegacyCommune => e[3],
    };
    // (The concatenation has fewer than 2^16 entries: `entry` takes a u16.)
    base + i as u16
}

/// The key at position `p` of the global key order.
#[inline]
fn key_at(p: usize) -> &'static [u8] {
    blob_at(g::KEY_BLOB, g::KEY_AT[p])
}

/// The number of keys in the global order.
#[cfg(test)]
pub(crate) fn key_count() -> usize {
    g::KEY_ORDER.len()
}

/// The key at position `p` of the reversed-key order, read backwards.
#[inline]
fn rkey_at(p: usize) -> &'static [u8] {
    blob_at(g::RKEY_BLOB, g::RKEY_AT[p])
}

/// The entry at position `p` of the reversed-key order, known to be in `table`
/// (a position from [`of_table`]).
#[inline]
pub(crate) fn rentry_in(p: usize, table: Table) -> &'static Key {
    let i = table.concat_index();
    let base = if i == 0 { 0 } else { g::KEY_TABLE_ENDS[i - 1] };
    &table.keys()[usize::from(g::RKEY_ORDER[p] - base)]
}

/// The keys that end with the bytes of `rsuffix` read backwards (`rsuffix` is the
/// suffix reversed), by hash: `None` when no key does; else the positions in the
/// reversed-key order of the keys equal to the suffix (empty when keys only end
/// with it). `hash` is [`key_hash`] of `rsuffix`, which a caller growing the suffix a
/// byte at a time keeps up with [`hash_step`](crate::tables::layout::hash_step).
#[inline]
pub(crate) fn suffix(rsuffix: &[u8], hash: u32) -> Option<Range<usize>> {
    let mask = g::RKEY_SUFFIXES.len() - 1;
    let mut slot = hash as usize & mask;
    loop {
        crate::work::add(1);
        // `1 + p | len << 16 | exact << 24`, 0 for an empty slot (see the module docs).
        let v = g::RKEY_SUFFIXES[slot] as usize;
        if v == 0 {
            return None;
        }
        let (p, len, exact) = ((v & 0xffff) - 1, (v >> 16) & 0xff, v >> 24);
        if len == rsuffix.len() && rkey_at(p).starts_with(rsuffix) {
            return Some(p..p + exact);
        }
        slot = (slot + 1) & mask;
    }
}

/// The positions of `exact` (a range from [`suffix`]: equal keys) whose entries are in
/// `table`. Equal keys are ordered by their entry's position in the concatenation of
/// the per-level arrays, so these form one subrange.
pub(crate) fn of_table(exact: Range<usize>, table: Table) -> Range<usize> {
    let i = table.concat_index();
    let ends = &g::KEY_TABLE_ENDS;
    let lo = if i == 0 { 0 } else { ends[i - 1] };
    let hi = ends[i];
    let c = |p: usize| g::RKEY_ORDER[p];
    let start = partition(exact.clone(), |p| c(p) < lo);
    start..partition(start..exact.end, |p| c(p) < hi)
}

/// The first `p` in `range` for which `pred` is false (`pred` must be true, then false).
#[inline]
fn partition(range: Range<usize>, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        crate::work::add(1);
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Positions in the global order of the keys equal to `key`.
#[inline]
pub(crate) fn exact(key: &str) -> Range<usize> {
    exact_bytes(key.as_bytes())
}

pub(crate) fn exact_bytes(key: &[u8]) -> Range<usize> {
    // The hash table holds each distinct key's first position, probed linearly; it is
    // at most half full, so an empty slot ends every probe sequence.
    let mask = g::KEY_HASH.len() - 1;
    let mut slot = key_hash(key) as usize & mask;
    let lo = loop {
        crate::work::add(1);
        match usize::from(g::KEY_HASH[slot]) {
            0 => return 0..0,
            p if key_at(p - 1) == key => break p - 1,
            _ => slot = (slot + 1) & mask,
        }
    };
    let end = g::KEY_ORDER.len();
    // The equal keys that follow share all their bytes with the one before.
    let mut hi = lo + 1;
    while hi < end
        && usize::from(g::KEY_LCP[hi]) == key.len()
        && usize::from(g::KEY_AT[hi] as u8) == key.len()
    {
        crate::work::add(1);
        hi += 1;
    }
    lo..hi
}

/// The keys of table `t` that start with `prefix`, in key order.
pub(crate) fn with_prefix(t: Table, prefix: &str) -> &'static [Key] {
    let keys = t.keys();
    let p = prefix.as_bytes();
    let buckets = &g::LEVEL_KEY_BUCKETS[t.concat_index() * (ORDS * ORDS + 1)..];
    let at = |b: usize| usize::from(buckets[b]);
    // The keys of a bucket share its bytes with the prefix: compared from there on,
    // byte by byte (keys are short).
    let (range, shared) = match (
        p.first().map(|&c| ordinal(c)),
        p.get(1).map(|&c| ordinal(c)),
    ) {
        (Some(Some(o0)), None) => (at(o0 * ORDS)..at((o0 + 1) * ORDS), 1),
        (Some(Some(o0)), Some(Some(o1))) => (at(o0 * ORDS + o1)..at(o0 * ORDS + o1 + 1), 2),
        _ => (0..0, 0),
    };
    let keys = &keys[range];
    let cmp = |i: usize| compare_prefix(keys[i].key(), p, shared);
    // The first key not before the prefix; the keys found after it on the way
    // bound the search for the end of those that start with it.
    let (mut lo, mut hi, mut end) = (0, keys.len(), keys.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match cmp(mid) {
            Ordering::Less => lo = mid + 1,
            Ordering::Equal => hi = mid,
            Ordering::Greater => (hi, end) = (mid, mid),
        }
    }
    let mut hi = lo;
    while hi < end {
        let mid = hi + (end - hi) / 2;
        if cmp(mid) == Ordering::Equal {
            hi = mid + 1;
        } else {
            end = mid;
        }
    }
    &keys[lo..hi]
}

/// Whether `key` sorts before `prefix` (`Less`), starts with it (`Equal`) or sorts
/// after it without starting with it (`Greater`), for a key whose first `shared`
/// bytes are the prefix's.
#[inline]
fn compare_prefix(key: &[u8], prefix: &[u8], shared: usize) -> Ordering {
    for i in shared..key.len().min(prefix.len()) {
        if key[i] != prefix[i] {
            return key[i].cmp(&prefix[i]);
        }
    }
    if key.len() < prefix.len() {
        Ordering::Less
    } else {
        Ordering::Equal
    }
}

/// Positions in `keys` of the keys starting with `prefix`.
#[cfg(test)]
fn prefix_range(keys: &'static [Key], prefix: &str) -> Range<usize> {
    let prefix = prefix.as_bytes();
    let lo = keys.partition_point(|k| k.key() < prefix);
    let hi = lo + keys[lo..].partition_point(|k| k.key().starts_with(prefix));
    lo..hi
}

/// The entries (positions in the concatenation of the per-level arrays) of unit
/// `unit` (its index in its level's records) of table `t`, ascending: the keys of one
/// unit, for a typo-tolerant search among the units of a province or district.
///
/// Generated (`UNIT_ENTRIES`); empty for a unit the table does not have.
#[inline]
pub(crate) fn unit_entries(t: Table, unit: u16) -> &'static [u16] {
    let i = t.concat_index();
    let (base, end) = (g::UNIT_BASES[i], g::UNIT_BASES[i + 1]);
    if unit >= end - base {
        return &[];
    }
    let u = usize::from(base + unit);
    let starts = &g::UNIT_ENTRY_STARTS;
    &g::UNIT_ENTRIES[usize::from(starts[u])..usize::from(starts[u + 1])]
}

/// The keys of a table by length, then bytes ([`by_length`]).
pub(crate) struct ByLength {
    /// The positions in the table's array of its keys, by length, then bytes, in
    /// `order[starts[0]..starts[KEY_LEN_BOUND]]`.
    pub(crate) order: &'static [u16],
    /// Where the keys of each length start in `order`, and `starts[KEY_LEN_BOUND]`
    /// where they end (every key is shorter).
    pub(crate) starts: &'static [u16],
    /// The [`letter_set`](crate::tables::layout::letter_set) of the key at each
    /// position of `order`.
    pub(crate) sets: &'static [u64],
}

/// The keys of table `t` by length, then bytes, with their letter sets, for the
/// tables that have them generated (`KEYS_BY_LENGTH`): the provinces' of both
/// structures; `None` for the others.
#[inline]
pub(crate) fn by_length(t: Table) -> Option<ByLength> {
    let i = match t {
        Table::Province => 0,
        Table::LegacyProvince => 1,
        _ => return None,
    };
    let n = KEY_LEN_BOUND + 1;
    Some(ByLength {
        order: &g::KEYS_BY_LENGTH,
        starts: &g::KEY_LENGTH_STARTS[i * n..(i + 1) * n],
        sets: &g::KEY_LETTER_SETS,
    })
}

/// Pushes on `out` the entries ([`unit_entries`]) of the units of table `t` inside
/// `within`: the communes of a province, the districts of a pre-2025 province or
/// those of the pre-2025 provinces a current one took in, the communes of a
/// pre-2025 province or district. `false` (nothing pushed) when `t` has no units
/// inside `within`.
pub(crate) fn entries_within(t: Table, within: Unit, out: &mut Vec<u16>) -> bool {
    let mut add = |units: &[u16]| {
        for &u in units {
            out.extend_from_slice(unit_entries(t, u));
        }
    };
    let districts =
        |p: &crate::units::legacy::Province| p.districts.of(&g::LEGACY_PROVINCE_DISTRICTS);
    match (t, within) {
        (Table::Commune, Unit::Province(p)) => add(p.communes.of(&g::PROVINCE_COMMUNES)),
        (Table::LegacyDistrict, Unit::Province(p)) => {
            for &lp in p.predecessors.of(&g::PROVINCE_PREDECESSORS) {
                add(districts(&g::LEGACY_PROVINCES[usize::from(lp)]));
            }
        }
        (Table::LegacyDistrict, Unit::LegacyProvince(p)) => add(districts(p)),
        (Table::LegacyCommune, Unit::LegacyProvince(p)) => {
            for &d in districts(p) {
                add(g::LEGACY_DISTRICTS[usize::from(d)]
                    .communes
                    .of(&g::LEGACY_DISTRICT_COMMUNES));
            }
        }
        (Table::LegacyCommune, Unit::LegacyDistrict(d)) => {
            add(d.communes.of(&g::LEGACY_DISTRICT_COMMUNES))
        }
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_shorter_than_the_bound() {
        let longest = (0..key_count()).map(|p| rkey_at(p).len()).max().unwrap();
        assert!(longest < KEY_LEN_BOUND, "{longest}");
        assert!(longest > 20, "{longest}");
    }

    fn key_str(k: &Key) -> &'static str {
        std::str::from_utf8(k.key()).unwrap()
    }

    #[test]
    fn global_order_is_sorted_and_complete() {
        let n = key_count();
        let total: usize = Table::ALL.iter().map(|t| t.keys().len()).sum();
        assert_eq!(n, total);
        for p in 1..n {
            let (a, b) = (key_at(p - 1), key_at(p));
            assert_eq!(a, at(p - 1).1.key());
            assert!(a <= b, "{a:?} > {b:?}");
            let lcp = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            assert_eq!(usize::from(g::KEY_LCP[p]), lcp);
        }
        for p in 0..n {
            let k = std::str::from_utf8(key_at(p)).unwrap();
            assert!(exact(k).contains(&p), "{k}");
        }
        assert_eq!(exact("hanoi").len(), 2);
        assert!(exact("zzz").is_empty());
        assert!(exact("").is_empty());
        assert!(exact("é").is_empty());
    }

    #[test]
    fn ranges() {
        let keys = Table::Province.keys();
        assert!(!prefix_range(keys, "thanh").is_empty());
        assert_eq!(prefix_range(keys, "").len(), keys.len());
    }

    /// `with_prefix` (buckets, then one search for both ends) finds what a plain
    /// search of the whole table finds, for every prefix of a sample of keys and
    /// prefixes no key has.
    #[test]
    fn with_prefix_equals_plain_search() {
        let mut prefixes: Vec<String> = ["", "a", "zz", "9", "1 ", "a1", "é", "thanhz", "xyz"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for t in Table::ALL {
            for k in t.keys().iter().step_by(7) {
                let k = key_str(k);
                for n in 1..=k.len() {
                    prefixes.push(k[..n].to_string());
                }
                prefixes.push(format!("{k}a"));
            }
        }
        for t in Table::ALL {
            let keys = t.keys();
            for p in &prefixes {
                let want = &keys[prefix_range(keys, p)];
                let got = with_prefix(t, p);
                // Empty prefixes are not searched (no bucket).
                if p.is_empty() {
                    assert!(got.is_empty());
                    continue;
                }
                assert_eq!(got.len(), want.len(), "{t:?} {p:?}");
                assert!(
                    std::ptr::eq(got.as_ptr(), want.as_ptr()) || got.is_empty(),
                    "{t:?} {p:?}"
                );
            }
        }
    }

    /// Every entry of a table is among the entries of its unit, once; the children
    /// in a scope are those whose parent is the scope.
    #[test]
    fn unit_entries_and_entries_within_are_complete() {
        for t in Table::ALL {
            let mut seen = vec![false; t.keys().len()];
            for (i, k) in t.keys().iter().enumerate() {
                let c = concat_entry(t, i);
                assert!(unit_entries(t, k.index).contains(&c), "{t:?} {i}");
            }
            for u in 0..=u16::MAX {
                for &c in unit_entries(t, u) {
                    let (tt, k) = entry(c);
                    assert!(tt == t && k.index == u);
                    let i = usize::from(c - concat_entry(t, 0));
                    assert!(!seen[i]);
                    seen[i] = true;
                }
            }
            assert!(seen.iter().all(|&s| s));
        }
        let mut out = Vec::new();
        for p in &g::PROVINCES {
            out.clear();
            assert!(entries_within(Table::Commune, Unit::Province(p), &mut out));
            let want: usize = p.communes().map(|c| unit_keys(Unit::Commune(c))).sum();
            assert_eq!(out.len(), want);
            for &c in &out {
                let Unit::Commune(x) = Table::Commune.unit(entry(c).1.index) else {
                    panic!()
                };
                assert_eq!(x.province().code(), p.code());
            }
            out.clear();
            assert!(entries_within(
                Table::LegacyDistrict,
                Unit::Province(p),
                &mut out
            ));
            for &c in &out {
                let Unit::LegacyDistrict(d) = Table::LegacyDistrict.unit(entry(c).1.index) else {
                    panic!()
                };
                assert_eq!(d.province().successor().code(), p.code());
            }
            assert!(!entries_within(
                Table::LegacyCommune,
                Unit::Province(p),
                &mut out
            ));
        }
        for p in &g::LEGACY_PROVINCES {
            out.clear();
            assert!(entries_within(
                Table::LegacyCommune,
                Unit::LegacyProvince(p),
                &mut out
            ));
            let want: usize = p
                .communes()
                .map(|c| unit_keys(Unit::LegacyCommune(c)))
                .sum();
            assert_eq!(out.len(), want);
            for d in p.districts() {
                out.clear();
                assert!(entries_within(
                    Table::LegacyCommune,
                    Unit::LegacyDistrict(d),
                    &mut out
                ));
                for &c in &out {
                    let Unit::LegacyCommune(x) = Table::LegacyCommune.unit(entry(c).1.index) else {
                        panic!()
                    };
                    assert_eq!(x.district().code(), d.code());
                }
            }
        }
    }

    /// The unit entries as they were built at run time, on first use, before they
    /// were generated: per table, where each unit's entries start (one more than
    /// there are units), and the entries, by a counting sort of its array by unit.
    fn unit_entries_at_run_time(t: Table) -> (Vec<u32>, Vec<u16>) {
        let keys = t.keys();
        let units = match t {
            Table::Province => g::PROVINCES.len(),
            Table::Commune => g::COMMUNES.len(),
            Table::LegacyProvince => g::LEGACY_PROVINCES.len(),
            Table::LegacyDistrict => g::LEGACY_DISTRICTS.len(),
            Table::LegacyCommune => g::LEGACY_COMMUNES.len(),
        };
        // Entries per unit at `u + 1`, then where each unit's entries start at `u`;
        // filling moves that to where the next unit's start.
        let mut starts = vec![0u32; units + 1];
        for k in keys {
            starts[usize::from(k.index) + 1] += 1;
        }
        for u in 0..units {
            starts[u + 1] += starts[u];
        }
        let base = concat_entry(t, 0);
        let mut entries = vec![0u16; keys.len()];
        for (i, k) in (base..).zip(keys) {
            let slot = &mut starts[usize::from(k.index)];
            entries[*slot as usize] = i;
            *slot += 1;
        }
        starts.rotate_right(1);
        starts[0] = 0;
        (starts, entries)
    }

    /// The generated unit entries are what the run-time construction built, for
    /// every unit of every table and for the indexes no unit has.
    #[test]
    fn generated_unit_entries_equal_the_run_time_construction() {
        for t in Table::ALL {
            let (starts, entries) = unit_entries_at_run_time(t);
            for u in 0..=u16::MAX {
                let i = usize::from(u);
                let want: &[u16] = match (starts.get(i), starts.get(i + 1)) {
                    (Some(&a), Some(&b)) => &entries[a as usize..b as usize],
                    _ => &[],
                };
                assert_eq!(unit_entries(t, u), want, "{t:?} unit {u}");
            }
        }
    }

    /// How many entries name `u`.
    fn unit_keys(u: Unit) -> usize {
        use std::collections::HashMap;
        use std::sync::OnceLock;
        static COUNTS: OnceLock<HashMap<Unit, usize>> = OnceLock::new();
        let counts = COUNTS.get_or_init(|| {
            let mut m = HashMap::new();
            for t in Table::ALL {
                for k in t.keys() {
                    *m.entry(t.unit(k.index)).or_insert(0) += 1;
                }
            }
            m
        });
        counts.get(&u).copied().unwrap_or(0)
    }
}
