//! Diacritic-insensitive, typo-tolerant search over the units of both structures.

use std::cmp::Ordering;
use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::code::{CommuneCode, ProvinceCode};
use crate::generated as g;
use crate::kind::{CommuneKind, DistrictKind, FullName, LegacyCommuneKind, ProvinceKind};
use crate::legacy;
use crate::query::{self, KindWord};
use crate::unit::{Commune, Province};

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
        self.full_name().name()
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
                // Kinds changed in 2026 (xã → phường): the kind written in an older
                // address still fits.
                let then = u.kind_on(crate::Date::REFORM).unwrap_or(u.kind());
                [u.kind(), then].iter().any(|k| {
                    matches!(
                        (kind, k),
                        (K::Ward, CommuneKind::Ward)
                            | (K::Commune, CommuneKind::Commune)
                            | (K::SpecialZone, CommuneKind::SpecialZone)
                    )
                })
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
    fn province_code(&self) -> u32 {
        match self {
            Unit::Province(u) => u.code().get(),
            Unit::Commune(u) => u.province().code().get(),
            Unit::LegacyProvince(u) => u.code().get(),
            Unit::LegacyDistrict(u) => u.province().code().get(),
            Unit::LegacyCommune(u) => u.province().code().get(),
        }
    }

    fn district_code(&self) -> Option<u32> {
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

/// How a query is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// Same key as a name or alias (diacritics, case, spacing, punctuation, kind words
    /// and leading zeros do not matter).
    #[default]
    Exact,
    /// The key starts with the query (autocomplete).
    Prefix,
    /// Within a small edit distance (1 for keys of 4–7 letters, 2 from 8), including
    /// exact matches.
    Fuzzy,
}

/// One search result.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    unit: Unit,
    via: Via,
    distance: u8,
    kind_fits: bool,
    fidelity: u16,
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
    /// let hits = Search::new().run("Quận 1");
    /// assert!(hits[0].kind_fits());
    /// ```
    pub fn kind_fits(&self) -> bool {
        self.kind_fits
    }

    /// A score in 0..=1000, higher is better: exactness first, then whether the kind
    /// word fits, then how many of the query's diacritics agree with the name.
    ///
    /// ```
    /// let hits = dvhc::search::Search::new().run("Hà Nội");
    /// assert!(hits[0].score() > 900);
    /// ```
    pub fn score(&self) -> u32 {
        let base = 1000 - 100 * u32::from(self.distance.min(5));
        let kind = if self.kind_fits { 0 } else { 40 };
        let via = if self.via == Via::Name { 0 } else { 20 };
        base.saturating_sub(kind + via + 30u32.saturating_sub(u32::from(self.fidelity)).min(30))
    }

    fn rank_cmp(&self, other: &Hit) -> Ordering {
        self.distance
            .cmp(&other.distance)
            .then(other.kind_fits.cmp(&self.kind_fits))
            .then((self.via != Via::Name).cmp(&(other.via != Via::Name)))
            .then(other.fidelity.cmp(&self.fidelity))
            .then(self.unit.level().cmp(&other.unit.level()))
            .then(self.unit.era().cmp(&other.unit.era()))
            .then(self.unit.code_value().cmp(&other.unit.code_value()))
    }
}

/// The search index entry: key, unit index within its level's table, origin.
pub(crate) type Key = (&'static str, u16, Via);

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
    const ALL: [Table; 5] = [
        Table::Province,
        Table::Commune,
        Table::LegacyProvince,
        Table::LegacyDistrict,
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

    fn era(self) -> Era {
        match self {
            Table::Province | Table::Commune => Era::Current,
            _ => Era::Legacy,
        }
    }

    fn level(self) -> Level {
        match self {
            Table::Province | Table::LegacyProvince => Level::Province,
            Table::LegacyDistrict => Level::District,
            Table::Commune | Table::LegacyCommune => Level::Commune,
        }
    }
}

/// Keys of `keys` equal to `key`.
pub(crate) fn exact_range(keys: &'static [Key], key: &str) -> &'static [Key] {
    let lo = keys.partition_point(|k| k.0 < key);
    let hi = lo + keys[lo..].partition_point(|k| k.0 == key);
    &keys[lo..hi]
}

/// Keys of `keys` starting with `prefix`.
pub(crate) fn prefix_range(keys: &'static [Key], prefix: &str) -> &'static [Key] {
    let lo = keys.partition_point(|k| k.0 < prefix);
    let hi = lo + keys[lo..].partition_point(|k| k.0.starts_with(prefix));
    &keys[lo..hi]
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

/// Calls `found(entry, distance)` for every key within `max` edits (optimal string
/// alignment: insertions, deletions, substitutions, adjacent transpositions) of
/// `query`.
///
/// The keys are sorted, so consecutive keys share prefixes: the dynamic-programming
/// rows of a shared prefix are reused, and when every cell of a row exceeds `max`,
/// all keys with that prefix are skipped at once. This is a walk of the implicit trie
/// of the keys, without building one.
pub(crate) fn fuzzy_walk(
    keys: &'static [Key],
    query: &[u8],
    max: u8,
    mut found: impl FnMut(&'static Key, u8),
) {
    let m = query.len();
    if m > MAX_FUZZY_LEN {
        return;
    }
    let width = m + 1;
    // rows[d * width + j]: distance between key[..d] and query[..j].
    let mut rows: Vec<u8> = Vec::with_capacity(width * 64);
    rows.extend((0..=m).map(|j| j as u8));
    let mut prev: &[u8] = b"";
    let mut valid = 0usize; // rows 0..=valid are valid for prev[..valid]
    let mut i = 0;
    while i < keys.len() {
        let key = keys[i].0.as_bytes();
        let lcp = prev
            .iter()
            .zip(key)
            .take_while(|(a, b)| a == b)
            .count()
            .min(valid);
        let mut d = lcp;
        let mut pruned = None;
        rows.truncate((d + 1) * width);
        while d < key.len() {
            let c = key[d];
            let base = d * width;
            rows.push((d + 1).min(255) as u8);
            let mut row_min = rows[base + width];
            for j in 1..=m {
                let sub = rows[base + j - 1] + u8::from(query[j - 1] != c);
                let del = rows[base + j] + 1;
                let ins = rows[base + width + j - 1] + 1;
                let mut v = sub.min(del).min(ins);
                if d >= 1 && j >= 2 && query[j - 1] == key[d - 1] && query[j - 2] == c {
                    v = v.min(rows[base - width + j - 2] + 1);
                }
                let v = v.min(250);
                rows.push(v);
                row_min = row_min.min(v);
            }
            d += 1;
            if row_min > max {
                pruned = Some(d);
                break;
            }
        }
        prev = key;
        match pruned {
            Some(p) => {
                valid = p;
                let stem = &key[..p];
                i += keys[i..].partition_point(|k| k.0.as_bytes().starts_with(stem));
            }
            None => {
                valid = key.len();
                let dist = rows[key.len() * width + m];
                if dist <= max {
                    found(&keys[i], dist);
                }
                i += 1;
            }
        }
    }
}

/// How many of the name's letters the query writes with the same diacritics: used to
/// prefer `Hòa Bình` over `Hoà Bình` for the query `Hòa Bình`, and any accented name
/// over none.
pub(crate) fn fidelity(query: &str, name: &str) -> u16 {
    if query.is_ascii() {
        return 0;
    }
    let q: Vec<char> = query.nfc().flat_map(char::to_lowercase).collect();
    let mut n = 0u16;
    for c in name.nfc().flat_map(char::to_lowercase) {
        if !c.is_ascii() && q.contains(&c) {
            n = n.saturating_add(1);
        }
    }
    n
}

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

/// The longest query searched; the rest is ignored (names are under 40 characters).
pub const MAX_QUERY_LEN: usize = 256;
/// The most words of a query considered.
const MAX_QUERY_WORDS: usize = 24;

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

    /// At most `n` results.
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

    fn tables(&self) -> impl Iterator<Item = Table> + '_ {
        Table::ALL.into_iter().filter(move |t| {
            self.era.is_none_or(|e| e == t.era()) && self.level.is_none_or(|l| l == t.level())
        })
    }

    fn accepts(&self, unit: &Unit) -> bool {
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

    /// Runs the search for `query` and returns the hits, best first: by edit
    /// distance, then whether the kind word fits, then official name before alias,
    /// then diacritic fidelity, then level, era and code.
    ///
    /// Queries longer than [`MAX_QUERY_LEN`] bytes are cut at a character boundary;
    /// an empty query (or one of punctuation only) gives no hits.
    ///
    /// ```
    /// use dvhc::search::Search;
    /// assert!(Search::new().run("").is_empty());
    /// assert!(Search::new().run("!!!").is_empty());
    /// ```
    pub fn run(&self, query: &str) -> Vec<Hit> {
        let query = truncate(query, MAX_QUERY_LEN);
        let q = query::name_query(query, MAX_QUERY_WORDS);
        if q.key.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for table in self.tables() {
            // A kind word names a level: "Quận 1" is not "Phường 1".
            if !q.kind.is_none_or(|k| Unit::level_fits(k, table.level())) {
                continue;
            }
            let push = |entry: &'static Key, distance: u8, hits: &mut Vec<Hit>| {
                let unit = table.unit(entry.1);
                if !self.accepts(&unit) {
                    return;
                }
                let kind_fits = q.kind.is_none_or(|k| unit.fits(k));
                hits.push(Hit {
                    unit,
                    via: entry.2,
                    distance,
                    kind_fits,
                    fidelity: 0,
                });
            };
            match self.mode {
                Mode::Exact => {
                    for e in exact_range(table.keys(), &q.key) {
                        push(e, 0, &mut hits);
                    }
                    if let Some(raw) = &q.raw_key {
                        for e in exact_range(table.keys(), raw) {
                            push(e, 0, &mut hits);
                        }
                    }
                }
                Mode::Prefix => {
                    for e in prefix_range(table.keys(), &q.key) {
                        push(e, 0, &mut hits);
                    }
                }
                Mode::Fuzzy => {
                    let max = max_distance(q.key.len());
                    fuzzy_walk(table.keys(), q.key.as_bytes(), max, |e, d| {
                        push(e, d, &mut hits)
                    });
                    if let Some(raw) = &q.raw_key {
                        for e in exact_range(table.keys(), raw) {
                            push(e, 0, &mut hits);
                        }
                    }
                }
            }
        }
        finish(&mut hits, query, self.mode, &q.key, self.limit);
        hits
    }
}

/// Dedups hits by unit (keeping the best), ranks them and applies the limit.
fn finish(hits: &mut Vec<Hit>, query: &str, mode: Mode, key: &str, limit: Option<usize>) {
    if hits.len() > 1 {
        for h in hits.iter_mut() {
            h.fidelity = fidelity(query, h.unit.name());
        }
    }
    if mode == Mode::Prefix {
        // Autocomplete: whole-key matches first, then shorter names.
        hits.sort_by(|a, b| {
            let la = search_len(a);
            let lb = search_len(b);
            (la != key.len())
                .cmp(&(lb != key.len()))
                .then(a.rank_cmp(b))
                .then(la.cmp(&lb))
        });
    } else {
        hits.sort_by(Hit::rank_cmp);
    }
    let mut seen: Vec<Unit> = Vec::with_capacity(hits.len());
    hits.retain(|h| {
        if seen.contains(&h.unit) {
            false
        } else {
            seen.push(h.unit);
            true
        }
    });
    if let Some(n) = limit {
        hits.truncate(n);
    }
}

fn search_len(h: &Hit) -> usize {
    crate::key::search_key(h.unit.name()).len()
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

    fn walk(keys: &'static [Key], q: &str, max: u8) -> Vec<(&'static str, u8)> {
        let mut v = Vec::new();
        fuzzy_walk(keys, q.as_bytes(), max, |k, d| v.push((k.0, d)));
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
        let keys = Table::LegacyDistrict.keys();
        for q in [
            "bading", "hoankiem", "thuduc", "1", "12", "xyz", "", "caugiay", "acuygai", "tanphu",
        ] {
            for max in 0..=2u8 {
                let got = walk(keys, q, max);
                let want: Vec<(&str, u8)> = keys
                    .iter()
                    .filter_map(|k| {
                        let d = brute(k.0.as_bytes(), q.as_bytes());
                        (d <= max).then_some((k.0, d))
                    })
                    .collect();
                assert_eq!(got, want, "query {q:?} max {max}");
            }
        }
    }

    #[test]
    fn ranges() {
        let keys = Table::Province.keys();
        assert_eq!(exact_range(keys, "hanoi").len(), 1);
        assert!(exact_range(keys, "zzz").is_empty());
        assert!(!prefix_range(keys, "thanh").is_empty());
        assert_eq!(prefix_range(keys, "").len(), keys.len());
    }
}
