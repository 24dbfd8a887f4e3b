//! Diacritic-insensitive, typo-tolerant search over the units of both structures.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::text::fold::marks;

use crate::legacy;
use crate::tables::generated as g;
use crate::tables::layout::{key_hash, ordinal, ORDS};
use crate::text::query::{KindWord, NameQuery, Words};
use crate::units::code::{CommuneCode, ProvinceCode};
use crate::units::current::{Commune, Province};
use crate::units::kind::{
    CommuneKind, DistrictKind, FullName, LegacyCommuneKind, ProvinceKind, Str,
};

/// Which structure a unit belongs to.
///
/// ```
/// use dvhc::search::{Era, Search};
/// let hits = Search::new().era(Era::Legacy).run("Bình Dương");
/// assert!(hits.iter().all(|h| h.unit().era() == Era::Legacy));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    /// The structure in force from 1 July 2025.
    Current,
    /// The structure in force to 30 June 2025.
    Legacy,
}

/// The level of a unit.
///
/// ```
/// use dvhc::search::{Level, Search};
/// let hits = Search::new().level(Level::District).run("Quận 1");
/// assert!(hits.iter().all(|h| h.unit().level() == Level::District));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Province or centrally governed city.
    Province,
    /// District (legacy structure only).
    District,
    /// Commune, ward, township or special zone.
    Commune,
}

/// A unit of either structure, at any level.
///
/// ```
/// use dvhc::search::{Search, Unit};
/// let hit = &Search::new().run("Phường Bến Nghé")[0];
/// match hit.unit() {
///     Unit::LegacyCommune(c) => assert_eq!(c.code().to_string(), "26740"),
///     other => panic!("unexpected {other}"),
/// }
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Unit {
    /// A current province.
    Province(&'static Province),
    /// A current commune.
    Commune(&'static Commune),
    /// A pre-2025 province.
    LegacyProvince(&'static legacy::Province),
    /// A pre-2025 district.
    LegacyDistrict(&'static legacy::District),
    /// A pre-2025 commune.
    LegacyCommune(&'static legacy::Commune),
}

impl Unit {
    /// The era of the unit.
    ///
    /// ```
    /// use dvhc::search::{Era, Unit};
    /// let p = dvhc::Province::all().first().unwrap();
    /// assert_eq!(Unit::Province(p).era(), Era::Current);
    /// ```
    pub fn era(&self) -> Era {
        match self {
            Unit::Province(_) | Unit::Commune(_) => Era::Current,
            _ => Era::Legacy,
        }
    }

    /// The level of the unit.
    ///
    /// ```
    /// use dvhc::search::{Level, Unit};
    /// let d = dvhc::legacy::District::all().first().unwrap();
    /// assert_eq!(Unit::LegacyDistrict(d).level(), Level::District);
    /// ```
    pub fn level(&self) -> Level {
        match self {
            Unit::Province(_) | Unit::LegacyProvince(_) => Level::Province,
            Unit::LegacyDistrict(_) => Level::District,
            Unit::Commune(_) | Unit::LegacyCommune(_) => Level::Commune,
        }
    }

    /// The official code as a zero-padded string of its level's width.
    ///
    /// ```
    /// use dvhc::search::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).code(), "00004");
    /// ```
    pub fn code(&self) -> String {
        match self {
            Unit::Province(u) => u.code().to_string(),
            Unit::Commune(u) => u.code().to_string(),
            Unit::LegacyProvince(u) => u.code().to_string(),
            Unit::LegacyDistrict(u) => u.code().to_string(),
            Unit::LegacyCommune(u) => u.code().to_string(),
        }
    }

    /// The numeric value of the code.
    ///
    /// ```
    /// use dvhc::search::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).code_value(), 4);
    /// ```
    pub fn code_value(&self) -> u32 {
        match self {
            Unit::Province(u) => u.code().get(),
            Unit::Commune(u) => u.code().get(),
            Unit::LegacyProvince(u) => u.code().get(),
            Unit::LegacyDistrict(u) => u.code().get(),
            Unit::LegacyCommune(u) => u.code().get(),
        }
    }

    /// The name without the kind prefix.
    ///
    /// ```
    /// use dvhc::search::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).name(), "Ba Đình");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name_ref().get()
    }

    /// Where the name is in the string pool (homonyms usually share it).
    #[inline]
    fn name_ref(&self) -> Str {
        match self {
            Unit::Province(u) => u.name,
            Unit::Commune(u) => u.name,
            Unit::LegacyProvince(u) => u.name,
            Unit::LegacyDistrict(u) => u.name,
            Unit::LegacyCommune(u) => u.name,
        }
    }

    /// The full official name (in force now), e.g. `Phường Sài Gòn`.
    ///
    /// ```
    /// use dvhc::search::Unit;
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(Unit::Commune(c).full_name().to_string(), "Phường Ba Đình");
    /// ```
    pub fn full_name(&self) -> FullName {
        match self {
            Unit::Province(u) => u.full_name(),
            Unit::Commune(u) => u.full_name(),
            Unit::LegacyProvince(u) => u.full_name(),
            Unit::LegacyDistrict(u) => u.full_name(),
            Unit::LegacyCommune(u) => u.full_name(),
        }
    }

    /// Whether `kind` (a kind word the user wrote) fits this unit's kind.
    pub(crate) fn fits(&self, kind: KindWord) -> bool {
        use KindWord as K;
        match self {
            Unit::Province(u) => matches!(
                (kind, u.kind()),
                (K::City, ProvinceKind::Municipality) | (K::Province, _)
            ),
            Unit::LegacyProvince(u) => matches!(
                (kind, u.kind()),
                (K::City, ProvinceKind::Municipality) | (K::Province, _)
            ),
            Unit::LegacyDistrict(u) => matches!(
                (kind, u.kind()),
                (K::UrbanDistrict, DistrictKind::UrbanDistrict)
                    | (K::RuralDistrict, DistrictKind::RuralDistrict)
                    | (
                        K::District,
                        DistrictKind::UrbanDistrict | DistrictKind::RuralDistrict
                    )
                    | (K::Town, DistrictKind::Town)
                    | (K::City, DistrictKind::City)
            ),
            Unit::Commune(u) => {
                let fits = |k: CommuneKind| {
                    matches!(
                        (kind, k),
                        (K::Ward, CommuneKind::Ward)
                            | (K::Commune, CommuneKind::Commune)
                            | (K::SpecialZone, CommuneKind::SpecialZone)
                    )
                };
                // Kinds changed in 2026 (xã → phường): the kind written in an older
                // address still fits.
                fits(u.kind())
                    || u.kind_on(crate::Date::REFORM)
                        .is_some_and(|then| then != u.kind() && fits(then))
            }
            Unit::LegacyCommune(u) => matches!(
                (kind, u.kind()),
                (K::Ward, LegacyCommuneKind::Ward)
                    | (K::Commune, LegacyCommuneKind::Commune)
                    | (K::Township, LegacyCommuneKind::Township)
            ),
        }
    }

    pub(crate) fn level_fits(kind: KindWord, level: Level) -> bool {
        use KindWord as K;
        match level {
            Level::Province => matches!(kind, K::City | K::Province),
            Level::District => matches!(
                kind,
                K::UrbanDistrict | K::RuralDistrict | K::District | K::Town | K::City
            ),
            Level::Commune => matches!(kind, K::Ward | K::Commune | K::Township | K::SpecialZone),
        }
    }

    /// The current province of a current unit, or the legacy province of a legacy one.
    pub(crate) fn province_code(&self) -> u32 {
        match self {
            Unit::Province(u) => u.code().get(),
            Unit::Commune(u) => u.province().code().get(),
            Unit::LegacyProvince(u) => u.code().get(),
            Unit::LegacyDistrict(u) => u.province().code().get(),
            Unit::LegacyCommune(u) => u.province().code().get(),
        }
    }

    pub(crate) fn district_code(&self) -> Option<u32> {
        match self {
            Unit::LegacyDistrict(u) => Some(u.code().get()),
            Unit::LegacyCommune(u) => Some(u.district().code().get()),
            _ => None,
        }
    }
}

impl PartialEq for Unit {
    fn eq(&self, other: &Unit) -> bool {
        self.era() == other.era()
            && self.level() == other.level()
            && self.code_value() == other.code_value()
    }
}

impl Eq for Unit {}

impl fmt::Display for Unit {
    /// The full official name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}

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
    /// Rank in results: official names first.
    fn class(self) -> u64 {
        match self {
            Via::Name => 0,
            Via::Spelling => 1,
            Via::Historical => 2,
            Via::Alias => 3,
        }
    }
}

/// How a query is matched.
///
/// ```
/// use dvhc::search::{Era, Level, Mode, Search};
/// let s = Search::new().era(Era::Current).level(Level::Province);
/// assert_eq!(s.clone().mode(Mode::Exact).run("Lam Dong")[0].unit().name(), "Lâm Đồng");
/// assert_eq!(s.clone().mode(Mode::Prefix).run("Lam D")[0].unit().name(), "Lâm Đồng");
/// assert_eq!(s.mode(Mode::Fuzzy).run("Lam Dongg")[0].unit().name(), "Lâm Đồng");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// Same key as a name or alias (diacritics, case, spacing, punctuation, kind words
    /// and leading zeros do not matter).
    #[default]
    Exact,
    /// The key starts with the query (autocomplete). Names whose whole key is the
    /// query come first.
    Prefix,
    /// Within a small edit distance (1 for keys of 4–7 letters, 2 from 8; insertions,
    /// deletions, substitutions and swaps of adjacent letters), exact matches included.
    Fuzzy,
}

/// One search result.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    unit: Unit,
    via: Via,
    distance: u8,
    kind_fits: bool,
    fidelity: i16,
    /// The rank of the hit among the others (lower is better).
    rank: u64,
}

impl Hit {
    /// The unit found.
    ///
    /// ```
    /// let hits = dvhc::search::Search::new().run("Lâm Đồng");
    /// assert!(hits.iter().any(|h| h.unit().code() == "68"));
    /// ```
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// What the query matched: the official name or an alias.
    ///
    /// ```
    /// use dvhc::search::{Search, Via};
    /// assert_eq!(Search::new().run("TP.HCM")[0].via(), Via::Alias);
    /// ```
    pub fn via(&self) -> Via {
        self.via
    }

    /// The edit distance between the query and the matched key (0 for exact and
    /// prefix matches).
    ///
    /// ```
    /// use dvhc::search::{Mode, Search};
    /// let hit = Search::new().mode(Mode::Fuzzy).run("Xuan Huong Da Lac")[0];
    /// assert_eq!(hit.distance(), 1);
    /// ```
    pub fn distance(&self) -> u8 {
        self.distance
    }

    /// Whether the kind word in the query, if any, fits the unit's kind.
    ///
    /// ```
    /// use dvhc::search::Search;
    /// let hits = Search::new().run("Xã An Bình");
    /// assert!(hits[0].kind_fits());
    /// assert!(!hits.last().unwrap().kind_fits()); // a Phường An Bình
    /// ```
    pub fn kind_fits(&self) -> bool {
        self.kind_fits
    }

    /// How well the diacritics of the query agree with the name, letter by letter:
    /// each letter the query writes with the name's diacritics counts +1, each letter
    /// written differently −1 (a letter written without diacritics counts only when the
    /// query has diacritics elsewhere). 0 for a query without diacritics.
    ///
    /// ```
    /// use dvhc::search::{Era, Level, Search};
    /// let s = Search::new().era(Era::Current).level(Level::Commune);
    /// // Xã Cẩm Giang and the two Xã Cẩm Giàng fold alike; the ones the query
    /// // spells come first.
    /// let hits = s.run("Xã Cẩm Giàng");
    /// let names: Vec<_> = hits.iter().map(|h| h.unit().name()).collect();
    /// assert_eq!(names, ["Cẩm Giàng", "Cẩm Giàng", "Cẩm Giang"]);
    /// assert!(hits[0].fidelity() > hits[2].fidelity());
    /// // Tone placement does not count: "Hoà" is written "Hòa".
    /// let hits = s.run("Phường Yên Hoà");
    /// assert_eq!((hits[0].unit().name(), hits[0].fidelity()), ("Yên Hòa", 2));
    /// ```
    pub fn fidelity(&self) -> i16 {
        self.fidelity
    }

    /// A score in 0..=1000, higher is better: exactness first, then whether the kind
    /// word fits, then official name before alias, then diacritic fidelity.
    ///
    /// ```
    /// let hits = dvhc::search::Search::new().run("Hà Nội");
    /// assert!(hits[0].score() > 900);
    /// ```
    pub fn score(&self) -> u32 {
        let base = 1000 - 100 * u32::from(self.distance.min(5));
        let kind = if self.kind_fits { 0 } else { 40 };
        let via = if self.via == Via::Name { 0 } else { 20 };
        let fid = 10 * u32::from((-self.fidelity).clamp(0, 3) as u16);
        base - kind - via - fid
    }
}

// ---------------------------------------------------------------------------------
// The index.

/// A search index entry: where its key is in `KEY_BLOB`, the unit's index within
/// its level's table, and the origin of the key. 8 bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    at: u32,
    len: u8,
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
fn blob_at(b: &'static str, packed: u32) -> &'static [u8] {
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
    /// In rank order: level, then era.
    const RANKED: [Table; 5] = [
        Table::Province,
        Table::LegacyProvince,
        Table::LegacyDistrict,
        Table::Commune,
        Table::LegacyCommune,
    ];

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

    pub(crate) fn era(self) -> Era {
        match self {
            Table::Province | Table::Commune => Era::Current,
            _ => Era::Legacy,
        }
    }

    pub(crate) fn level(self) -> Level {
        match self {
            Table::Province | Table::LegacyProvince => Level::Province,
            Table::LegacyDistrict => Level::District,
            Table::Commune | Table::LegacyCommune => Level::Commune,
        }
    }

    /// Position in the concatenation of the per-level arrays (`KEY_TABLE_ENDS`).
    pub(crate) fn concat_index(self) -> usize {
        match self {
            Table::Province => 0,
            Table::Commune => 1,
            Table::LegacyProvince => 2,
            Table::LegacyDistrict => 3,
            Table::LegacyCommune => 4,
        }
    }

    /// Position in [`Table::RANKED`].
    fn rank(self) -> u64 {
        match self {
            Table::Province => 0,
            Table::LegacyProvince => 1,
            Table::LegacyDistrict => 2,
            Table::Commune => 3,
            Table::LegacyCommune => 4,
        }
    }
}

/// The table and entry at position `p` of the global key order.
#[cfg(test)]
fn at(p: usize) -> (Table, &'static Key) {
    entry(g::KEY_ORDER[p])
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

/// The key at position `p` of the global key order.
#[inline]
fn key_at(p: usize) -> &'static [u8] {
    blob_at(g::KEY_BLOB, g::KEY_AT[p])
}

/// The number of keys in the global order.
#[cfg(test)]
fn key_count() -> usize {
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
pub(crate) fn suffix(rsuffix: &[u8], hash: u32) -> Option<Range<usize>> {
    let mask = g::RKEY_SUFFIXES.len() - 1;
    let mut slot = hash as usize & mask;
    loop {
        crate::work::add(1);
        let v = g::RKEY_SUFFIXES[slot] as usize;
        if v == 0 {
            return None;
        }
        let p = (v & 0xffff) - 1;
        if (v >> 16) & 0xff == rsuffix.len() && rkey_at(p).starts_with(rsuffix) {
            return Some(p..p + (v >> 24));
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
pub(crate) fn exact(key: &str) -> Range<usize> {
    exact_bytes(key.as_bytes())
}

fn exact_bytes(key: &[u8]) -> Range<usize> {
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
fn with_prefix(t: Table, prefix: &str) -> &'static [Key] {
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

/// The largest edit distance tolerated for a key of this length.
pub(crate) fn max_distance(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Longest query key fuzzy search accepts; longer keys are matched exactly only.
const MAX_FUZZY_LEN: usize = 48;
/// Longest index key the walk handles (the longest is 31 bytes; codegen checks).
const MAX_KEY_LEN: usize = 63;
/// The largest edit distance the walk handles.
const MAX_EDITS: u8 = 3;
const BAND: usize = 2 * MAX_EDITS as usize + 1;

/// Calls `found(entry, distance)` for every key of the index within `max` edits of
/// `query` (optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of adjacent letters); `entry` is the key's position in the
/// concatenation of the per-level arrays. A key may be reported twice.
///
/// The keys are sorted, so consecutive keys share prefixes: this walks the implicit
/// trie of the keys without building one, one bit-parallel column per trie node
/// ([`BitParallel`]). The column of a shared prefix (`KEY_LCP`) is reused, and when no
/// cell of a column is within `max`, all keys with that prefix are skipped.
///
/// The error budget is split: with `f = max / 2` and `b = max - f - 1`, a match has at
/// most `f` errors in the alignment of the first `h` letters of the query or at most
/// `b` in the alignment of the rest (else it would have more than `max`). The first case is found by walking the keys
/// forwards with the bound `f` while in the first `h` letters, the second by walking
/// them backwards (`RKEY_ORDER`) with the query reversed and the bound `b`; tight
/// bounds prune the trie near its root. A key may be reported twice.
pub(crate) fn fuzzy_walk(query: &[u8], max: u8, mut found: impl FnMut(u16, u8)) {
    let m = query.len();
    if m > MAX_FUZZY_LEN || max > MAX_EDITS {
        return;
    }
    if max == 0 {
        for p in exact_bytes(query) {
            found(g::KEY_ORDER[p], 0);
        }
        return;
    }
    let f = max / 2;
    let b = max - f - 1;
    // A tighter bound can cover more of the query.
    let h = if f > b { (3 * m + 2) / 5 } else { m / 2 };
    walk(query, max, Some((h, f)), false, &mut found);
    let mut rq = [0u8; MAX_FUZZY_LEN];
    for (r, &c) in rq.iter_mut().zip(query.iter().rev()) {
        *r = c;
    }
    // Backwards, the rows after h come first; row h itself is loose (a swap across
    // the boundary is covered that way).
    let back = (m - h).checked_sub(1).map(|hb| (hb, b));
    walk(&rq[..m], max, back, true, &mut found);
}

/// One walk of [`fuzzy_walk`]: forwards over `KEY_ORDER` or backwards over
/// `RKEY_ORDER` (keys read from their end), keeping only the nodes with a cell within
/// `split.1` in the first `split.0` letters of the query or within `max` after.
fn walk(
    query: &[u8],
    max: u8,
    split: Option<(usize, u8)>,
    backwards: bool,
    found: &mut impl FnMut(u16, u8),
) {
    let mut bp = BitParallel::new(query, max, split);
    let (order, at, lcp, buckets, text): (&[u16], &[u32], &[u8], &[u16], &'static str) =
        if backwards {
            (
                &g::RKEY_ORDER,
                &g::RKEY_AT,
                &g::RKEY_LCP,
                &g::RKEY_BUCKETS,
                g::RKEY_BLOB,
            )
        } else {
            (
                &g::KEY_ORDER,
                &g::KEY_AT,
                &g::KEY_LCP,
                &g::KEY_BUCKETS,
                g::KEY_BLOB,
            )
        };
    let n = order.len();
    let mut valid = 0usize; // cols[..=valid] hold the prefix of the previous key
    let mut p = 0;
    while p < n {
        crate::work::add(1);
        // Keys are under 64 bytes (checked by codegen): the columns fit.
        let key = blob_at(text, at[p]);
        let mut d = usize::from(lcp[p]).min(valid);
        let pruned = bp.descend(key, &mut d);
        valid = d;
        if pruned {
            // Skip every following key that shares the pruned prefix key[..d]: to
            // the next bucket for one or two letters, else by scanning the LCPs.
            p = match (d, key.first().and_then(|&c| ordinal(c))) {
                (1, Some(o0)) => usize::from(buckets[(o0 + 1) * ORDS]),
                (2, Some(o0)) => match key.get(1).and_then(|&c| ordinal(c)) {
                    Some(o1) => usize::from(buckets[o0 * ORDS + o1 + 1]),
                    None => skip_shared(lcp, p + 1, d),
                },
                _ => skip_shared(lcp, p + 1, d),
            };
        } else {
            if let Some(dist) = bp.distance(key.len()) {
                found(order[p], dist);
            }
            p += 1;
        }
    }
}

/// The first position from `p` whose key shares fewer than `depth` bytes with the one
/// before it.
#[inline]
fn skip_shared(lcp: &[u8], mut p: usize, depth: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let n = lcp.len();
    // Key prefixes are under 128 bytes, so the "has a byte less than" trick is exact
    // for the lowest byte it flags.
    let below = ONES.wrapping_mul(depth as u64);
    while p + 8 <= n {
        crate::work::add(1);
        let x = u64::from_le_bytes(lcp[p..p + 8].try_into().unwrap());
        let flags = x.wrapping_sub(below) & !x & HIGHS;
        if flags != 0 {
            return p + (flags.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while p < n && usize::from(lcp[p]) >= depth {
        crate::work::add(1);
        p += 1;
    }
    p
}

/// The state of the bit-parallel distance computation after a key prefix of length
/// `d`: the vertical deltas of the column `D[0..=m][d]` (bit `i` of `vp`/`vn`:
/// `D[i + 1][d]` is one more/less than `D[i][d]`), the diagonal-zero vector, the
/// match vector of the last key letter (for swaps) and `e = D[lo][d]` at the bottom
/// of the band, `lo = d - max` (0 when `d <= max`).
#[derive(Clone, Copy, Default)]
struct Column {
    vp: u64,
    vn: u64,
    d0: u64,
    pm: u64,
    e: i32,
}

/// Bits of the band window: `2 * MAX_EDITS` deltas.
const WINDOW: u32 = 2 * MAX_EDITS as u32;

/// `BAND_MIN[vp | vn << WINDOW]`: the least prefix sum of the deltas (+1 for a `vp`
/// bit, −1 for a `vn` bit, in bit order), starting from 0.
static BAND_MIN: [i8; 1 << (2 * WINDOW)] = band_min_table();

/// `BAND_SUM[vp | vn << WINDOW]`: the sum of the deltas.
static BAND_SUM: [i8; 1 << (2 * WINDOW)] = band_sum_table();

const fn band_sum_table() -> [i8; 1 << (2 * WINDOW)] {
    let mut t = [0i8; 1 << (2 * WINDOW)];
    let mut x = 0;
    while x < t.len() {
        let (vp, vn) = (x & ((1 << WINDOW) - 1), x >> WINDOW);
        t[x] = vp.count_ones() as i8 - vn.count_ones() as i8;
        x += 1;
    }
    t
}
const BAND_MASK: u64 = (1 << (2 * WINDOW)) - 1;

const fn band_min_table() -> [i8; 1 << (2 * WINDOW)] {
    let mut t = [0i8; 1 << (2 * WINDOW)];
    let mut x = 0;
    while x < t.len() {
        let (vp, vn) = (x & ((1 << WINDOW) - 1), x >> WINDOW);
        let (mut v, mut best, mut i) = (0i8, 0i8, 0);
        while i < WINDOW {
            v += ((vp >> i) & 1) as i8 - ((vn >> i) & 1) as i8;
            if v < best {
                best = v;
            }
            i += 1;
        }
        t[x] = best;
        x += 1;
    }
    t
}

/// Optimal string alignment distance between a query and the keys of a trie walk,
/// one key letter at a time (Hyyrö's bit-vector algorithm with transpositions, after
/// Myers), with the column of every depth kept so that a shared prefix is not
/// recomputed.
struct BitParallel {
    /// Bit `i` of `peq[c]`: `query[i] == c`.
    peq: [u64; 256],
    cols: [Column; MAX_KEY_LEN + 1],
    m: usize,
    max: u8,
    mask: u64,
    /// Query length `h` and bound: a column is kept if a cell of row `i <= h` is
    /// within the bound, or a cell of row `i > h` within `max`.
    split: Option<(usize, u8)>,
}

impl BitParallel {
    fn new(query: &[u8], max: u8, split: Option<(usize, u8)>) -> BitParallel {
        let mut peq = [0u64; 256];
        for (i, &c) in query.iter().enumerate() {
            peq[usize::from(c)] |= 1 << i;
        }
        let m = query.len();
        let mask = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
        let mut cols = [Column::default(); MAX_KEY_LEN + 1];
        // D[i][0] = i: every delta +1.
        cols[0].vp = mask;
        BitParallel {
            peq,
            cols,
            m,
            max,
            mask,
            split: split.filter(|&(_, b)| b < max),
        }
    }

    /// Extends the columns from depth `*d` down `key`, leaving `*d` at the depth
    /// reached; `true` when the walk was pruned there (no cell of the column at `*d`
    /// is within `max`, so no key with the prefix `key[..*d]` can be).
    #[inline(always)]
    fn descend(&mut self, key: &[u8], d: &mut usize) -> bool {
        let max = usize::from(self.max);
        let maxi = i32::from(self.max);
        let window = (1u64 << (2 * max)) - 1;
        let mut col = self.cols[*d];
        while *d < key.len() {
            crate::work::add(1);
            let x = self.peq[usize::from(key[*d])];
            let tr = ((!col.d0 & x) << 1) & col.pm;
            let d0 = ((((x & col.vp).wrapping_add(col.vp)) ^ col.vp) | x | col.vn | tr) & self.mask;
            let hp = col.vn | !(d0 | col.vp);
            let hn = col.vp & d0;
            // D[0][d + 1] = d + 1: the top row always grows.
            let xh = (hp << 1) | 1;
            let vn = xh & d0;
            let vp = ((hn << 1) | !(xh | d0)) & self.mask;
            // e = D[lo][d + 1], lo = d + 1 - max: along the diagonal D grows by 1
            // unless the diagonal-zero bit is set.
            let (e, lo) = if *d < max {
                (*d as i32 + 1, 0)
            } else {
                let lo = *d - max;
                if lo >= self.m {
                    *d += 1;
                    return true;
                }
                (col.e + 1 - ((d0 >> lo) & 1) as i32, lo + 1)
            };
            col = Column {
                vp,
                vn,
                d0,
                pm: x,
                e,
            };
            *d += 1;
            self.cols[*d] = col;
            // The least cell of the band: from lo, 2 max deltas up.
            let (wp, wn) = ((vp >> lo) & window, (vn >> lo) & window);
            let least = e + i32::from(BAND_MIN[((wp | (wn << WINDOW)) & BAND_MASK) as usize]);
            if least > maxi {
                return true;
            }
            if let Some((h, bound)) = self.split {
                if lo <= h && !self.split_keeps(e, lo, wp, wn, h, i32::from(bound)) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether a band (from `D[lo] = e`, deltas `wp`/`wn`) has a cell of row
    /// `i <= h` within `bound` or of row `i > h` within `max`.
    #[inline]
    fn split_keeps(&self, e: i32, lo: usize, wp: u64, wn: u64, h: usize, bound: i32) -> bool {
        // Cells lo..=h are deltas 0..k; the rest start at k + 1.
        let k = h - lo;
        if k >= 2 * usize::from(self.max) {
            return e + i32::from(BAND_MIN[(wp | (wn << WINDOW)) as usize]) <= bound;
        }
        let low = (1u64 << k) - 1;
        let (lp, ln) = (wp & low, wn & low);
        if e + i32::from(BAND_MIN[(lp | (ln << WINDOW)) as usize]) <= bound {
            return true;
        }
        // D at row h + 1, then the least of the cells from there.
        let next = (1u64 << (k + 1)) - 1;
        let at = e + i32::from(BAND_SUM[((wp & next) | ((wn & next) << WINDOW)) as usize]);
        let (hp, hn) = (wp >> (k + 1), wn >> (k + 1));
        at + i32::from(BAND_MIN[(hp | (hn << WINDOW)) as usize]) <= i32::from(self.max)
            && lo + k < self.m
    }

    /// The distance between the query and a key of length `len` (columns computed),
    /// if within `max`.
    fn distance(&self, len: usize) -> Option<u8> {
        if len.abs_diff(self.m) > usize::from(self.max) {
            return None;
        }
        let col = self.cols[len];
        let d = len as i64 + i64::from(col.vp.count_ones()) - i64::from(col.vn.count_ones());
        (d <= i64::from(self.max)).then_some(d as u8)
    }
}

/// The optimal string alignment distance between `a` and `b` if it is at most `max`.
pub(crate) fn distance_within(a: &[u8], b: &[u8], max: u8) -> Option<u8> {
    let maxi = usize::from(max);
    if a.len().abs_diff(b.len()) > maxi || a.len() > MAX_KEY_LEN || max > MAX_EDITS {
        return None;
    }
    let w = 2 * maxi + 1;
    crate::work::add(a.len() * w + 1);
    let inf = max + 1;
    let m = b.len();
    let mut rows = [[inf; BAND]; 3];
    for (k, cell) in rows[0].iter_mut().enumerate().take(w) {
        if k >= maxi && k - maxi <= m {
            *cell = (k - maxi) as u8;
        }
    }
    for d in 0..a.len() {
        let c = a[d];
        let (cur, prev, prev2) = ((d + 1) % 3, d % 3, (d + 2) % 3);
        let mut row_min = inf;
        for k in 0..w {
            let j = (d + 1 + k) as isize - maxi as isize;
            let v = if j < 0 || j as usize > m {
                inf
            } else if j == 0 {
                ((d + 1).min(usize::from(inf))) as u8
            } else {
                let j = j as usize;
                let mut v = rows[prev][k] + u8::from(b[j - 1] != c);
                if k + 1 < w {
                    v = v.min(rows[prev][k + 1] + 1);
                }
                if k >= 1 {
                    v = v.min(rows[cur][k - 1] + 1);
                }
                if d >= 1 && j >= 2 && b[j - 2] == c && b[j - 1] == a[d - 1] {
                    v = v.min(rows[prev2][k] + 1);
                }
                v.min(inf)
            };
            rows[cur][k] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let k = m as isize - a.len() as isize + maxi as isize;
    let dist = rows[a.len() % 3][k as usize];
    (dist <= max).then_some(dist)
}

// ---------------------------------------------------------------------------------
// Diacritic fidelity.

/// Calls `f(base, marks)` for every Latin letter of `text`, in order: its ASCII base
/// and the set of its diacritics (precomposed or combining). Digits and other
/// characters are skipped.
fn letters(text: &str, mut f: impl FnMut(u8, u16) -> bool) {
    // The tone of a syllable is one mark, wherever it is written (old "Hoà", new
    // "Hòa"): it is taken off its letter and given as a letter of its own (base 0)
    // after the word.
    let mut in_word = false;
    let mut tone = 0u16;
    // The letter before, held back until its combining marks are known.
    let mut held: Option<(u8, u16)> = None;
    crate::work::add(text.len());
    for c in text.chars() {
        let u = c as u32;
        let letter = if u < 0x80 {
            let b = u as u8;
            b.is_ascii_alphabetic().then_some((b | 0x20, 0))
        } else if let Some(l) = crate::text::fold::latin_letter(c) {
            Some(l)
        } else if (0x300..=0x36F).contains(&u) || is_combining_mark(c) {
            if let Some((_, m)) = &mut held {
                *m |= marks::of(c);
            }
            continue;
        } else {
            None
        };
        if let Some((b, m)) = held.take() {
            tone |= m & TONES;
            if !f(b, m & !TONES) {
                return;
            }
        }
        match letter {
            Some(l) => {
                held = Some(l);
                in_word = true;
            }
            None if in_word => {
                if !f(0, std::mem::take(&mut tone)) {
                    return;
                }
                in_word = false;
            }
            None => {}
        }
    }
    if let Some((b, m)) = held {
        tone |= m & TONES;
        if !f(b, m & !TONES) {
            return;
        }
    }
    if in_word {
        f(0, tone);
    }
}

/// The marks that make a syllable's tone.
const TONES: u16 = marks::GRAVE | marks::ACUTE | marks::TILDE | marks::HOOK | marks::DOT;

/// A character of a name (NFC) as a letter: its ASCII base and its diacritics.
#[inline(always)]
fn name_letter(c: char) -> Option<(u8, u16)> {
    let u = c as u32;
    if u < 0x80 {
        let b = u as u8;
        b.is_ascii_alphabetic().then_some((b | 0x20, 0))
    } else {
        crate::text::fold::latin_letter(c)
    }
}

/// The character of a name (valid UTF-8) beginning at byte `p`, not ASCII, as a
/// letter ([`name_letter`]), and its length in bytes.
#[inline(always)]
fn name_letter_at(s: &[u8], p: usize) -> (Option<(u8, u16)>, usize) {
    let c0 = u32::from(s[p]);
    let next = |k: usize| u32::from(s[p + k] & 0x3F);
    let (u, width) = if c0 < 0xE0 {
        ((c0 & 0x1F) << 6 | next(1), 2)
    } else if c0 < 0xF0 {
        ((c0 & 0x0F) << 12 | next(1) << 6 | next(2), 3)
    } else {
        // Beyond the Latin letters.
        return (None, 4);
    };
    (
        char::from_u32(u).and_then(crate::text::fold::latin_letter),
        width,
    )
}

/// The character of a name (valid UTF-8) ending at byte `end`: where it begins,
/// and it as a letter ([`name_letter`]).
#[inline(always)]
fn name_letter_before(s: &[u8], end: usize) -> (usize, Option<(u8, u16)>) {
    let c = s[end - 1];
    if c < 0x80 {
        let l = c | 0x20;
        return (end - 1, l.is_ascii_lowercase().then_some((l, 0)));
    }
    let mut at = end - 1;
    while s[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    (at, name_letter_at(s, at).0)
}

/// [`letters`] for a name of the tables, which is NFC: every letter is one character.
fn name_letters(name: &str, mut f: impl FnMut(u8, u16) -> bool) {
    let mut in_word = false;
    let mut tone = 0u16;
    for c in name.chars() {
        match name_letter(c) {
            Some((b, m)) => {
                tone |= m & TONES;
                if !f(b, m & !TONES) {
                    return;
                }
                in_word = true;
            }
            None if in_word => {
                if !f(0, std::mem::take(&mut tone)) {
                    return;
                }
                in_word = false;
            }
            None => {}
        }
    }
    if in_word {
        f(0, tone);
    }
}

const MAX_LETTERS: usize = 48;

/// The letters of a name or query with their diacritics, for [`Diacritics::fidelity`].
#[derive(Clone)]
pub(crate) struct Diacritics {
    base: [u8; MAX_LETTERS],
    marks: [u16; MAX_LETTERS],
    len: usize,
    /// Letters with diacritics.
    marked: u16,
    /// The text these letters come from has diacritics somewhere, so a letter
    /// written without them is written so on purpose.
    intentional: bool,
}

impl Diacritics {
    fn new() -> Diacritics {
        Diacritics {
            base: [0; MAX_LETTERS],
            marks: [0; MAX_LETTERS],
            len: 0,
            marked: 0,
            intentional: false,
        }
    }

    fn push(&mut self, b: u8, m: u16) {
        if self.len < MAX_LETTERS {
            self.base[self.len] = b;
            self.marks[self.len] = m;
            self.len += 1;
            self.marked += u16::from(m != 0);
        }
    }

    /// The letters of `words[range]` of `input`.
    pub(crate) fn of_words(input: &str, words: &Words, range: Range<usize>) -> Diacritics {
        let mut d = Diacritics::new();
        if input.is_ascii() {
            return d;
        }
        d.intentional = true;
        if range.is_empty() {
            return d;
        }
        // The words and what separates them: separators end words in `letters` too.
        let text = &input[words.word(range.start).start..words.word(range.end - 1).end];
        letters(text, |b, m| {
            d.push(b, m);
            true
        });
        d
    }

    /// The largest fidelity any name can have.
    fn max(&self) -> i16 {
        self.marked as i16
    }

    /// How well the diacritics of this query agree with `name`, letter by letter: +1
    /// for each letter where they agree and either has diacritics, −1 where they
    /// differ. Letters are aligned from the start and, after the first letter that
    /// differs (a typo), from the end. A syllable's tone counts once, wherever it is
    /// placed (`Hoà` = `Hòa`). 0 when the text has no diacritics at all.
    ///
    /// The letters of the name are each letter with its diacritics but the tone, and
    /// after each word a letter of its own (base 0) for the word's tone. Every such
    /// letter has a byte position in the name, increasing along the sequence: its
    /// character's, or for a tone the end of its word. From the start this reads the
    /// name only as far as the query's letters go; the alignment from the end reads
    /// the name backwards, from its last word, and stops at the position where the
    /// letters first differed. (A test checks this against the plain reading of the
    /// whole name, `Diacritics::fidelity_reference`.)
    pub(crate) fn fidelity(&self, name: &str) -> i16 {
        if !self.intentional {
            return 0;
        }
        // From the start, while the letters agree: `stop` is the position of the first
        // letter that differs, letter `i` of both.
        let s = name.as_bytes();
        let mut score = 0i16;
        let mut i = 0;
        let mut in_word = false;
        let mut tone = 0u16;
        let mut p = 0;
        let stop = 'forward: loop {
            // A run of ASCII letters: no diacritics (and no tone). (Bytes from 0x80 on
            // stay above `z` with 0x20 set.)
            while let Some(&c) = s.get(p) {
                let l = c | 0x20;
                if !l.is_ascii_lowercase() {
                    break;
                }
                if i >= self.len {
                    return score;
                }
                if self.base[i] != l {
                    break 'forward p;
                }
                score -= i16::from(self.marks[i] != 0);
                i += 1;
                p += 1;
                in_word = true;
            }
            let Some(&c0) = s.get(p) else {
                // The tone of the last word, at the end.
                if !in_word || i >= self.len {
                    return score;
                }
                if self.base[i] == 0 {
                    return score + agreement(self.marks[i], tone);
                }
                break s.len();
            };
            let at = p;
            let letter = if c0 < 0x80 {
                p += 1;
                None
            } else {
                let (letter, width) = name_letter_at(s, p);
                p += width;
                letter
            };
            let (b, m) = match letter {
                Some((b, m)) => {
                    tone |= m & TONES;
                    in_word = true;
                    (b, m & !TONES)
                }
                None if in_word => {
                    in_word = false;
                    (0, std::mem::take(&mut tone))
                }
                None => continue,
            };
            if i >= self.len {
                return score;
            }
            if self.base[i] != b {
                break at;
            }
            score += agreement(self.marks[i], m);
            i += 1;
        };
        // A typo: the rest from the end. The name's letters from `i` on are those at
        // `stop` or after. A name of 47 bytes or fewer has at most 48 letters (a letter
        // per character and a tone per word), all of which a `Diacritics` would hold;
        // a longer one is read whole into one, so that the cap applies the same.
        if name.len() >= MAX_LETTERS {
            return score + self.tail_from_end(name, i);
        }
        let mut qi = self.len;
        let mut end = s.len();
        loop {
            // The last word before `end`: where it ends and starts, and its tone.
            let word_end = loop {
                if end == 0 {
                    return score;
                }
                match name_letter_before(s, end) {
                    (_, Some(_)) => break end,
                    (at, None) => end = at,
                }
            };
            let mut start = word_end;
            let mut tone = 0u16;
            while start > 0 {
                match name_letter_before(s, start) {
                    (at, Some((_, m))) => {
                        tone |= m & TONES;
                        start = at;
                    }
                    (_, None) => break,
                }
            }
            // Its tone, at the word's end, then its letters backwards.
            if qi <= i || word_end < stop || self.base[qi - 1] != 0 {
                return score;
            }
            qi -= 1;
            score += agreement(self.marks[qi], tone);
            let mut at = word_end;
            while at > start {
                // Every character of the word is a letter.
                let (from, letter) = name_letter_before(s, at);
                let (b, m) = letter.unwrap_or_default();
                if qi <= i || from < stop || self.base[qi - 1] != b {
                    return score;
                }
                qi -= 1;
                score += agreement(self.marks[qi], m & !TONES);
                at = from;
            }
            end = start;
        }
    }

    /// The alignment from the end for a long name: every letter of the name read
    /// into a `Diacritics` (at most `MAX_LETTERS`), then compared backwards down to
    /// letter `i`.
    #[cold]
    fn tail_from_end(&self, name: &str, i: usize) -> i16 {
        let mut n = Diacritics::new();
        name_letters(name, |b, m| {
            n.push(b, m);
            true
        });
        self.agreement_from_end(&n, i)
    }

    /// [`Diacritics::fidelity`] computed plainly: every letter of the name read, then
    /// aligned from the start and from the end.
    #[cfg(test)]
    fn fidelity_reference(&self, name: &str) -> i16 {
        if !self.intentional {
            return 0;
        }
        let mut score = 0i16;
        let mut i = 0;
        let mut stopped = false;
        name_letters(name, |b, m| {
            if i >= self.len {
                return false;
            }
            if self.base[i] != b {
                stopped = true;
                return false;
            }
            score += agreement(self.marks[i], m);
            i += 1;
            true
        });
        if !stopped || i >= self.len {
            return score;
        }
        let mut n = Diacritics::new();
        name_letters(name, |b, m| {
            n.push(b, m);
            true
        });
        if i >= n.len {
            return score;
        }
        score + self.agreement_from_end(&n, i)
    }

    /// The diacritics' agreement of the letters this query and `n` share at their
    /// ends, aligned from the end and stopping at the first difference or at letter
    /// `i` (where the alignment from the start stopped).
    fn agreement_from_end(&self, n: &Diacritics, i: usize) -> i16 {
        let mut score = 0;
        let (mut qi, mut ni) = (self.len, n.len);
        while qi > i && ni > i && self.base[qi - 1] == n.base[ni - 1] {
            qi -= 1;
            ni -= 1;
            score += agreement(self.marks[qi], n.marks[ni]);
        }
        score
    }
}

/// How two letters' diacritics agree: +1 the same (and some), −1 different, 0 none.
#[inline(always)]
fn agreement(a: u16, b: u16) -> i16 {
    match (a == b, a | b) {
        (_, 0) => 0,
        (true, _) => 1,
        (false, _) => -1,
    }
}

// ---------------------------------------------------------------------------------
// Search.

/// Builds and runs a search.
///
/// By default it searches every level of both structures, exactly (diacritics, case,
/// spacing, punctuation, kind words and leading zeros do not matter) and returns
/// every match, best first. Homonyms are all returned, never silently one.
///
/// # Examples
/// ```
/// use dvhc::search::{Era, Level, Mode, Search};
///
/// // Diacritic-insensitive, kind word optional.
/// let hits = Search::new().era(Era::Current).level(Level::Commune).run("xuan huong da lat");
/// assert_eq!(hits[0].unit().to_string(), "Phường Xuân Hương - Đà Lạt");
///
/// // Homonyms: every "Phường 1" of the old structure.
/// let hits = Search::new().era(Era::Legacy).level(Level::Commune).run("Phường 1");
/// assert!(hits.len() > 20);
///
/// // Scoped to a (legacy) province, with a typo.
/// let hits = Search::new()
///     .mode(Mode::Fuzzy)
///     .within_legacy_province("79".parse().unwrap())
///     .run("Ben Ngheh");
/// assert_eq!(hits[0].unit().to_string(), "Phường Bến Nghé");
///
/// // Autocomplete.
/// let hits = Search::new().mode(Mode::Prefix).level(Level::Province).era(Era::Current).limit(5).run("Thanh");
/// assert!(hits.iter().any(|h| h.unit().name() == "Thanh Hóa"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Search {
    era: Option<Era>,
    level: Option<Level>,
    mode: Mode,
    limit: Option<usize>,
    province: Option<u32>,
    legacy_province: Option<u32>,
    district: Option<u32>,
}

/// The longest query searched, in bytes; the rest is ignored (names are under 40
/// characters).
pub const MAX_QUERY_LEN: usize = 256;

impl Search {
    /// A search of every level of both structures, exact, unlimited.
    ///
    /// ```
    /// assert!(!dvhc::search::Search::new().run("Huế").is_empty());
    /// ```
    pub fn new() -> Search {
        Search::default()
    }

    /// Only units of this era.
    ///
    /// ```
    /// use dvhc::search::{Era, Search};
    /// assert!(Search::new().era(Era::Current).run("Bình Dương").iter().all(|h| h.unit().era() == Era::Current));
    /// ```
    pub fn era(mut self, era: Era) -> Search {
        self.era = Some(era);
        self
    }

    /// Only units of this level.
    ///
    /// ```
    /// use dvhc::search::{Level, Search};
    /// assert!(Search::new().level(Level::Province).run("Huế").iter().all(|h| h.unit().level() == Level::Province));
    /// ```
    pub fn level(mut self, level: Level) -> Search {
        self.level = Some(level);
        self
    }

    /// How to match (default [`Mode::Exact`]).
    ///
    /// ```
    /// use dvhc::search::{Mode, Search};
    /// assert!(!Search::new().mode(Mode::Prefix).run("Xuân Hươ").is_empty());
    /// ```
    pub fn mode(mut self, mode: Mode) -> Search {
        self.mode = mode;
        self
    }

    /// At most `n` results: the first `n` in rank order.
    ///
    /// ```
    /// use dvhc::search::Search;
    /// assert_eq!(Search::new().limit(3).run("Phường 1").len(), 3);
    /// ```
    pub fn limit(mut self, n: usize) -> Search {
        self.limit = Some(n);
        self
    }

    /// Only current units in this current province (the province itself included).
    /// Implies [`Era::Current`].
    ///
    /// ```
    /// use dvhc::search::Search;
    /// let hits = Search::new().within_province("68".parse().unwrap()).run("Đức Trọng");
    /// assert_eq!(hits.len(), 1);
    /// ```
    pub fn within_province(mut self, code: ProvinceCode) -> Search {
        self.province = Some(code.get());
        self.era = Some(Era::Current);
        self
    }

    /// Only legacy units in this legacy province. Implies [`Era::Legacy`].
    ///
    /// ```
    /// use dvhc::search::Search;
    /// let hits = Search::new().within_legacy_province("79".parse().unwrap()).run("Quận 1");
    /// assert_eq!(hits.len(), 1);
    /// ```
    pub fn within_legacy_province(mut self, code: legacy::ProvinceCode) -> Search {
        self.legacy_province = Some(code.get());
        self.era = Some(Era::Legacy);
        self
    }

    /// Only legacy communes of this legacy district. Implies [`Era::Legacy`] and
    /// [`Level::Commune`].
    ///
    /// ```
    /// use dvhc::search::Search;
    /// let hits = Search::new().within_district("760".parse().unwrap()).run("Bến Nghé");
    /// assert_eq!(hits[0].unit().code(), "26740");
    /// ```
    pub fn within_district(mut self, code: legacy::DistrictCode) -> Search {
        self.district = Some(code.get());
        self.era = Some(Era::Legacy);
        self.level = Some(Level::Commune);
        self
    }

    fn table_allowed(&self, t: Table) -> bool {
        self.era.is_none_or(|e| e == t.era()) && self.level.is_none_or(|l| l == t.level())
    }

    #[inline]
    fn accepts(&self, unit: &Unit) -> bool {
        (self.province.is_none() && self.legacy_province.is_none() && self.district.is_none())
            || self.accepts_scoped(unit)
    }

    fn accepts_scoped(&self, unit: &Unit) -> bool {
        if let Some(p) = self.province {
            if unit.era() != Era::Current || unit.province_code() != p {
                return false;
            }
        }
        if let Some(p) = self.legacy_province {
            if unit.era() != Era::Legacy || unit.province_code() != p {
                return false;
            }
        }
        if let Some(d) = self.district {
            if unit.district_code() != Some(d) {
                return false;
            }
        }
        true
    }

    /// Runs the search for `query` and returns the hits, best first, one per unit.
    ///
    /// Rank order: edit distance (0 in exact and prefix mode; in prefix mode a name
    /// whose whole key is the query comes first), then whether the kind word of the
    /// query fits (`Xã An Bình` puts the xã before the phường; a kind-like word read
    /// as part of a name, as in `Xà Phìn`, comes after a kind word read as one), then
    /// official name before spelling variant, historical name and alias, then
    /// [diacritic fidelity](Hit::fidelity), then level (province, district,
    /// commune), era (current first) and code. In typo-tolerant mode a kind-like
    /// word is also tried as part of a misspelt name (`Phương iệt`).
    ///
    /// A kind word restricts the levels searched (`Quận 1` is a district, never
    /// `Phường 1`). Queries longer than [`MAX_QUERY_LEN`] bytes are cut at a character
    /// boundary; an empty query (or one of punctuation only) gives no hits.
    ///
    /// ```
    /// use dvhc::search::Search;
    /// assert!(Search::new().run("").is_empty());
    /// assert!(Search::new().run("!!!").is_empty());
    /// ```
    pub fn run(&self, query: &str) -> Vec<Hit> {
        let query = truncate(query, MAX_QUERY_LEN);
        // The words and keys of the query go in buffers kept per thread: a search
        // allocates only the vector it returns.
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let (words, q) = &mut *scratch;
                words.refill(query);
                q.refill(words);
                self.run_with(query, words, q)
            }
            Err(_) => {
                let words = Words::new(query);
                let q = NameQuery::new(&words);
                self.run_with(query, &words, &q)
            }
        })
    }

    fn run_with(&self, query: &str, words: &Words, q: &NameQuery) -> Vec<Hit> {
        let key = q.key();
        if key.is_empty() {
            return Vec::new();
        }
        let mut c = Collector {
            search: self,
            query,
            words,
            kind: q.kind,
            marks: Diacritics::of_words(query, words, q.name_words()),
            raw_marks: RawMarks::None,
            limit: self.limit.unwrap_or(usize::MAX),
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
        if self.mode != Mode::Exact {
            // Allocated directly, not through the growth path of `reserve`.
            c.hits = Vec::with_capacity(c.limit.min(32));
        }
        match self.mode {
            Mode::Exact => {
                let (k, r) = (exact(key), raw.map_or(0..0, exact));
                c.hits.reserve_exact((k.len() + r.len()).min(c.limit));
                for p in k {
                    c.add(g::KEY_ORDER[p], 0, false, false);
                }
                for p in r {
                    c.add(g::KEY_ORDER[p], 0, false, true);
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

thread_local! {
    /// Buffers for the words and keys of queries.
    static SCRATCH: std::cell::RefCell<(Words, NameQuery)> = std::cell::RefCell::default();
}

/// The part of a rank that identifies a unit: table and index.
const IDENTITY: u64 = (7 << 43) | 0x1_FFFF;

/// The rank of a hit: lower is better. `whole`: the kind-like word of the query was
/// read as part of the name ("Xà Phìn"), which comes after reading it as a kind word.
#[allow(clippy::too_many_arguments)]
fn rank(
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
        | (via.class() << 56)
        | fidelity_bits(fidelity)
        | (t.rank() << 43)
        | u64::from(i)
}

/// The bits of a rank that hold the fidelity.
const FIDELITY: u64 = 0x3FF << 46;

/// The fidelity part of a rank: higher fidelity ranks lower.
#[inline]
fn fidelity_bits(fidelity: i16) -> u64 {
    ((512 - i64::from(fidelity.clamp(-255, 255))) as u64) << 46
}

/// The bits of a rank that hold the kind fitting (set: it does not).
const KIND_MISFITS: u64 = 1 << 59;

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
        if kind.is_some_and(|k| !Unit::level_fits(k, t.level())) {
            return;
        }
        // The whole query's diacritics, once a match of the whole query needs them
        // (rarely: "Xà Phìn", where the kind-like word is part of the name).
        if whole && matches!(self.raw_marks, RawMarks::Pending) {
            let all = 0..self.words.len();
            self.raw_marks = RawMarks::Ready(Diacritics::of_words(self.query, self.words, all));
        }
        let best_fidelity = self.marks_for(whole).max();
        let best = rank(
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
        let kind_fits = kind.is_none_or(|k| unit.fits(k));
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
            self.add(g::KEY_ORDER[p], 0, false, false);
        }
        if let Some(raw) = raw {
            for p in exact(raw) {
                self.add(g::KEY_ORDER[p], 0, false, true);
            }
        }
        let best_fidelity = self.marks.max();
        for t in Table::RANKED {
            if !self.search.table_allowed(t) {
                continue;
            }
            // The best rank a key of `t` can have, but for its origin and index.
            let best = rank(true, 0, true, false, Via::Name, best_fidelity, t, 0);
            if best > self.bar() {
                break;
            }
            // A kind word names a level: "Quận 1" is not "Phường 1".
            if self.kind.is_none_or(|k| Unit::level_fits(k, t.level())) {
                for e in with_prefix(t, key) {
                    // The whole-key matches were offered above.
                    if usize::from(e.len) != key.len() {
                        // `add_entry`, with what is known of the table taken out.
                        crate::work::add(1);
                        let best = best | (e.via.class() << 56) | u64::from(e.index);
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

/// Cuts `s` to at most `max` bytes at a character boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Current communes named `query` (exact search, kind word optional), best first.
/// A shortcut for `Search::new().era(Era::Current).level(Level::Commune).run(query)`.
///
/// ```
/// let hits = dvhc::search::communes("Phường Sài Gòn");
/// assert_eq!(hits.len(), 1);
/// assert_eq!(hits[0].code().to_string(), "26740");
/// ```
pub fn communes(query: &str) -> Vec<&'static Commune> {
    Search::new()
        .era(Era::Current)
        .level(Level::Commune)
        .run(query)
        .into_iter()
        .filter_map(|h| match h.unit {
            Unit::Commune(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Current provinces named `query` (exact, aliases included), best first.
///
/// ```
/// let hits = dvhc::search::provinces("TP.HCM");
/// assert_eq!(hits[0].code().to_string(), "79");
/// ```
pub fn provinces(query: &str) -> Vec<&'static Province> {
    Search::new()
        .era(Era::Current)
        .level(Level::Province)
        .run(query)
        .into_iter()
        .filter_map(|h| match h.unit {
            Unit::Province(c) => Some(c),
            _ => None,
        })
        .collect()
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Unit>();
    is::<Hit>();
    is::<Search>();
    let _ = CommuneCode::new(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_str(k: &Key) -> &'static str {
        std::str::from_utf8(k.key()).unwrap()
    }

    fn walk(q: &str, max: u8) -> Vec<(&'static str, u8)> {
        let mut v = Vec::new();
        fuzzy_walk(q.as_bytes(), max, |c, d| v.push((key_str(entry(c).1), d)));
        v.sort_unstable();
        v.dedup();
        v
    }

    fn brute(a: &[u8], b: &[u8]) -> u8 {
        // Optimal string alignment distance, plainly.
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[n][m].min(255) as u8
    }

    #[test]
    fn fuzzy_walk_equals_brute_force() {
        let all: Vec<&str> = (0..key_count()).map(|p| key_str(at(p).1)).collect();
        for q in [
            "bading",
            "hoankiem",
            "thuduc",
            "1",
            "12",
            "xyz",
            "",
            "caugiay",
            "acuygai",
            "tanphu",
            "bennghe",
            "enngh",
            "a",
            "zzzzzzzzzzzz",
            "phuong12",
            "bennhge",
            "ebnnghe",
            "hanio",
            "ahnoi",
            "xuanhuongdalta",
            "uxanhuong",
        ] {
            for max in 0..=3u8 {
                let got = walk(q, max);
                let mut want: Vec<(&str, u8)> = all
                    .iter()
                    .filter(|k| k.len().abs_diff(q.len()) <= usize::from(max))
                    .filter_map(|k| {
                        let d = brute(k.as_bytes(), q.as_bytes());
                        (d <= max).then_some((*k, d))
                    })
                    .collect();
                want.sort_unstable();
                want.dedup();
                assert_eq!(got, want, "query {q:?} max {max}");
            }
        }
    }

    /// Every key with every single and double edit at every position (a sample of
    /// keys): the walk finds exactly what brute force finds.
    #[test]
    fn fuzzy_walk_finds_every_edit() {
        let all: Vec<&str> = (0..key_count()).map(|p| key_str(at(p).1)).collect();
        let mut queries: Vec<Vec<u8>> = Vec::new();
        // Fewer keys in debug builds, where brute force is slow.
        let sample = if cfg!(debug_assertions) { 12 } else { 40 };
        for k in all.iter().step_by(97).take(sample) {
            let k = k.as_bytes();
            for i in 0..k.len() {
                let mut v = k.to_vec();
                v.remove(i);
                queries.push(v);
                let mut v = k.to_vec();
                v[i] = b'x';
                queries.push(v.clone());
                if i + 1 < k.len() {
                    let mut v = k.to_vec();
                    v.swap(i, i + 1);
                    queries.push(v.clone());
                    // and a second edit further on
                    let j = (i + 3).min(k.len());
                    v.insert(j, b'q');
                    queries.push(v);
                }
            }
        }
        for q in &queries {
            let max = max_distance(q.len()).max(1);
            let mut got = Vec::new();
            fuzzy_walk(q, max, |c, d| got.push((key_str(entry(c).1), d)));
            got.sort_unstable();
            got.dedup();
            let mut want: Vec<(&str, u8)> = all
                .iter()
                .filter(|k| k.len().abs_diff(q.len()) <= usize::from(max))
                .filter_map(|k| {
                    let d = brute(k.as_bytes(), q);
                    (d <= max).then_some((*k, d))
                })
                .collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(
                got,
                want,
                "query {:?} max {max}",
                String::from_utf8_lossy(q)
            );
        }
    }

    #[test]
    fn distance_within_equals_brute_force() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bennghe", "bennge", "benghe", "nbennghe", "hanoi",
            "hanio", "hnoi", "xyz", "1", "12", "21",
        ];
        for a in words {
            for b in words {
                for max in 0..=3u8 {
                    let d = brute(a.as_bytes(), b.as_bytes());
                    let want = (d <= max).then_some(d);
                    assert_eq!(
                        distance_within(a.as_bytes(), b.as_bytes(), max),
                        want,
                        "{a} {b} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn global_order_is_sorted_and_complete() {
        let n = key_count();
        let total: usize = Table::RANKED.iter().map(|t| t.keys().len()).sum();
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
        for t in Table::RANKED {
            for k in t.keys().iter().step_by(7) {
                let k = key_str(k);
                for n in 1..=k.len() {
                    prefixes.push(k[..n].to_string());
                }
                prefixes.push(format!("{k}a"));
            }
        }
        for t in Table::RANKED {
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

    #[test]
    fn fidelity() {
        let q = |s: &str| Diacritics::of_words(s, &Words::new(s), 0..Words::new(s).len());
        assert_eq!(q("hoa binh").fidelity("Hòa Bình"), 0);
        assert_eq!(q("Hòa Bình").fidelity("Hòa Bình"), 2);
        assert_eq!(q("Hòa Bình").fidelity("Hoà Bình"), 2);
        assert_eq!(q("Hoà Bình").fidelity("Hòa Bình"), 2);
        assert_eq!(q("Hòa Bình").fidelity("Hóa Bình"), 0);
        assert_eq!(q("Hòa Binh").fidelity("Hòa Bình"), 0);
        assert_eq!(q("Ba Đình").fidelity("Ba Đình"), 2);
        assert_eq!(q("Ba Đình").fidelity("Bà Đình"), 1);
        assert_eq!(q("Cẩm Giàng").fidelity("Cẩm Giang"), 1);
        assert_eq!(q("Cẩm Giàng").fidelity("Cẩm Giàng"), 3);
        // Decomposed input.
        assert_eq!(q("Ho\u{300}a Bi\u{300}nh").fidelity("Hòa Bình"), 2);
        // A typo: aligned from both ends.
        assert_eq!(q("Hòa Bìnnh").fidelity("Hòa Bình"), 2);
        // A prefix.
        assert_eq!(q("Tân").fidelity("Tân Phú"), 1);
        assert_eq!(q("Tân").fidelity("Tản Lĩnh"), -2);
    }

    /// The fidelity read from both ends of the name equals the plain reading of every
    /// letter, for queries made from the names (whole, cut short, with a typo, with
    /// other diacritics) against names that share their start and a spread of others.
    #[test]
    fn fidelity_equals_reference() {
        let mut names: Vec<&str> = crate::Province::all().iter().map(|u| u.name()).collect();
        names.extend(crate::Commune::all().iter().map(|u| u.name()));
        names.extend(legacy::Province::all().iter().map(|u| u.name()));
        names.extend(legacy::District::all().iter().map(|u| u.name()));
        names.extend(legacy::Commune::all().iter().map(|u| u.name()));
        // Long names (more letters than a `Diacritics` holds, or nearly), and names
        // with digits, punctuation or no letters.
        names.extend([
            "Văn Miếu - Quốc Tử Giám Văn Miếu - Quốc Tử Giám",
            "Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bìn",
            "Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bình",
            "Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bình Hòa Bình",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Phường 1",
            "1",
            "",
            " - ",
            "Ea H'leo",
            "Đắk Lắk - ",
            "Thị trấn Nông trường Mộc Châu",
        ]);
        names.sort_unstable();
        names.dedup();
        let step = if cfg!(debug_assertions) { 11 } else { 3 };
        let mut checked = 0;
        for (at, src) in names.iter().enumerate().step_by(step) {
            let chars: Vec<char> = src.chars().collect();
            let mut queries = vec![src.to_string(), src.to_uppercase()];
            for n in [1, 2, 3, 4, 5, 6, 8, 10, 12] {
                queries.push(chars.iter().take(n).collect());
            }
            for i in (0..chars.len()).step_by(3) {
                // A letter dropped, and one written with other diacritics.
                let mut v = chars.clone();
                v.remove(i);
                queries.push(v.iter().collect());
                let mut v = chars.clone();
                v[i] = match v[i] {
                    'a' => 'à',
                    'à' | 'á' | 'ạ' => 'a',
                    'o' => 'ô',
                    'ô' => 'ộ',
                    'ư' => 'u',
                    'u' => 'ú',
                    'đ' => 'd',
                    'n' => 'ñ',
                    c => c,
                };
                queries.push(v.iter().collect());
                queries.push(v.iter().take(i + 2).collect());
            }
            queries.push(format!("{src} {src}"));
            queries.push(format!("Ho\u{300}a {src}"));
            let near = &names[at.saturating_sub(12)..(at + 12).min(names.len())];
            for q in &queries {
                let words = Words::new(q);
                let d = Diacritics::of_words(q, &words, 0..words.len());
                for name in near.iter().chain(names.iter().step_by(389)) {
                    assert_eq!(
                        d.fidelity(name),
                        d.fidelity_reference(name),
                        "query {q:?}, name {name:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }
}
