//! Diacritic-insensitive, typo-tolerant search over the units of both structures: the
//! [`Search`] builder and its [`Hit`]s.

mod collect;
pub(crate) mod fidelity;
pub(crate) mod fuzzy;
mod query;
#[cfg(feature = "serde")]
mod serde;

use crate::legacy;
use crate::search::collect::collect;
use crate::search::query::NameQuery;
use crate::tables::index::Table;
use crate::text::tokenize::Words;
use crate::units::code::{CommuneCode, ProvinceCode};
use crate::units::current::{Commune, Province};

pub use crate::tables::index::Via;
#[doc(no_inline)]
pub use crate::units::{Era, Level, Unit};

/// How a query is matched.
///
/// ```
/// use dvhc::search::{Mode, Search};
/// use dvhc::{Era, Level};
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

impl Mode {
    /// `"exact"`, `"prefix"` or `"fuzzy"`: the stable ASCII id used in serialised
    /// output.
    ///
    /// ```
    /// assert_eq!(dvhc::search::Mode::Prefix.id(), "prefix");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Mode::Exact => "exact",
            Mode::Prefix => "prefix",
            Mode::Fuzzy => "fuzzy",
        }
    }

    /// The mode with this [`id`](Self::id), if any.
    ///
    /// ```
    /// use dvhc::search::Mode;
    /// assert_eq!(Mode::from_id("fuzzy"), Some(Mode::Fuzzy));
    /// ```
    pub fn from_id(id: &str) -> Option<Mode> {
        [Mode::Exact, Mode::Prefix, Mode::Fuzzy]
            .into_iter()
            .find(|m| m.id() == id)
    }
}

/// One search result.
///
/// # JSON (feature `serde`)
/// One object per hit, as `dvhc search` prints them (conventions in the crate
/// documentation, "Serialisation"):
///
/// ```json
/// {"code": "26740", "name": "Phường Bến Nghé", "kind": "phuong", "level": "commune",
///  "era": "legacy", "province": ref, "district": ref | null, "score": 1000}
/// ```
///
/// `province` is the unit's province (itself for a province); `district` the legacy
/// district it is in (itself for a district), `null` for provinces and current units;
/// `score` is [`Hit::score`].
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
    /// assert!(hits.iter().any(|h| h.unit().code().to_string() == "68"));
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
    /// use dvhc::search::Search;
    /// use dvhc::{Era, Level};
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

    /// A score in 0..=1000, higher is better, that follows the order hits are
    /// returned in: it never increases from one hit to the next. Each criterion of
    /// that order takes away more points than all the later ones together: a prefix
    /// match that is not the whole key 448, each edit 112, a kind
    /// word that does not fit 56, a kind-like word read as part of the name 28, a
    /// spelling variant, historical name or alias 7, 14 or 21, and each point of
    /// negative [fidelity](Self::fidelity) 2 (at most 3). Hits the score does not tell
    /// apart are ordered by level, era and code ([`Search::run`]).
    ///
    /// ```
    /// use dvhc::search::{Mode, Search};
    /// let hits = dvhc::search::Search::new().run("Hà Nội");
    /// assert_eq!(hits[0].score(), 1000);
    /// let hits = Search::new().mode(Mode::Fuzzy).run("Ha Noii");
    /// assert!(hits.windows(2).all(|w| w[0].score() >= w[1].score()));
    /// assert_eq!(hits[0].score(), 888); // one edit
    /// ```
    pub fn score(&self) -> u32 {
        crate::rank::hit_score(self.rank)
    }
}

/// Builds and runs a search.
///
/// By default it searches every level of both structures, exactly (diacritics, case,
/// spacing, punctuation, kind words and leading zeros do not matter) and returns
/// every match, best first. Homonyms are all returned, never silently one.
///
/// # Examples
/// ```
/// use dvhc::search::{Mode, Search};
/// use dvhc::{Era, Level};
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
    /// use dvhc::search::Search;
    /// use dvhc::Era;
    /// assert!(Search::new().era(Era::Current).run("Bình Dương").iter().all(|h| h.unit().era() == Era::Current));
    /// ```
    #[must_use]
    pub fn era(mut self, era: Era) -> Search {
        self.era = Some(era);
        self
    }

    /// Only units of this level.
    ///
    /// ```
    /// use dvhc::search::Search;
    /// use dvhc::Level;
    /// assert!(Search::new().level(Level::Province).run("Huế").iter().all(|h| h.unit().level() == Level::Province));
    /// ```
    #[must_use]
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
    #[must_use]
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
    #[must_use]
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
    #[must_use]
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
    #[must_use]
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
    /// assert_eq!(hits[0].unit().code().to_string(), "26740");
    /// ```
    #[must_use]
    pub fn within_district(mut self, code: legacy::DistrictCode) -> Search {
        self.district = Some(code.get());
        self.era = Some(Era::Legacy);
        self.level = Some(Level::Commune);
        self
    }

    /// Only units inside the unit with this code, as people give it: a province code
    /// (2 digits) scopes to that province of the era set with [`Search::era`], or of
    /// both structures when none is set; a legacy district code (3 digits) to that
    /// district's communes, as [`Search::within_district`]. Set the era and level
    /// first: they decide what the code may be. This is `dvhc search --in`.
    ///
    /// # Errors
    /// [`WithinError`]: not a code of 2 or 3 digits, no province or district with
    /// this code, a district with the current era or with a level above commune.
    ///
    /// ```
    /// use dvhc::search::{Search, WithinError};
    /// use dvhc::Era;
    ///
    /// // Both structures' Thành phố Hồ Chí Minh.
    /// let hits = Search::new().within("79")?.run("Bình Thạnh");
    /// assert!(hits.iter().any(|h| h.unit().era() == Era::Current));
    /// assert!(hits.iter().any(|h| h.unit().era() == Era::Legacy));
    /// // Quận 3's Phường 1 only.
    /// assert_eq!(Search::new().within("770")?.run("P1").len(), 1);
    ///
    /// assert_eq!(Search::new().era(Era::Current).within("01").unwrap().run("Ba Đình").len(), 1);
    /// assert_eq!(Search::new().era(Era::Current).within("02").unwrap_err(), WithinError::NoProvince(Some(Era::Current)));
    /// assert_eq!(Search::new().era(Era::Current).within("760").unwrap_err(), WithinError::DistrictNotCurrent);
    /// assert_eq!(Search::new().within("7").unwrap_err(), WithinError::Width(1));
    /// # Ok::<(), WithinError>(())
    /// ```
    pub fn within(self, code: &str) -> Result<Search, WithinError> {
        let code = code.trim();
        match code.len() {
            2 => {
                let current: ProvinceCode = code.parse().map_err(WithinError::Code)?;
                let old: legacy::ProvinceCode = code.parse().map_err(WithinError::Code)?;
                let in_current = self.era != Some(Era::Legacy) && Province::get(current).is_some();
                let in_legacy =
                    self.era != Some(Era::Current) && legacy::Province::get(old).is_some();
                match (in_current, in_legacy) {
                    (true, true) => Ok(Search {
                        province: Some(current.get()),
                        legacy_province: Some(old.get()),
                        ..self
                    }),
                    (true, false) => Ok(self.within_province(current)),
                    (false, true) => Ok(self.within_legacy_province(old)),
                    (false, false) => Err(WithinError::NoProvince(self.era)),
                }
            }
            3 => {
                if self.era == Some(Era::Current) {
                    return Err(WithinError::DistrictNotCurrent);
                }
                if matches!(self.level, Some(Level::Province | Level::District)) {
                    return Err(WithinError::OnlyCommunes);
                }
                let c: legacy::DistrictCode = code.parse().map_err(WithinError::Code)?;
                match legacy::District::get(c) {
                    Some(_) => Ok(self.within_district(c)),
                    None => Err(WithinError::NoDistrict),
                }
            }
            n => Err(WithinError::Width(n)),
        }
    }

    #[inline]
    fn table_allowed(&self, t: Table) -> bool {
        self.era.is_none_or(|e| e == t.era()) && self.level.is_none_or(|l| l == t.level())
    }

    #[inline]
    fn accepts(&self, unit: &Unit) -> bool {
        (self.province.is_none() && self.legacy_province.is_none() && self.district.is_none())
            || self.accepts_scoped(unit)
    }

    fn accepts_scoped(&self, unit: &Unit) -> bool {
        // A province of each era may be set (`within` a code of both structures): a
        // unit must be in the one of its own era.
        if self.province.is_some() || self.legacy_province.is_some() {
            let province = match unit.era() {
                Era::Current => self.province,
                Era::Legacy => self.legacy_province,
            };
            if province != Some(unit.province_code()) {
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
                collect(self, query, words, q)
            }
            Err(_) => {
                let words = Words::new(query);
                let q = NameQuery::new(&words);
                collect(self, query, &words, &q)
            }
        })
    }
}

/// Why [`Search::within`] could not scope a search to a code.
///
/// ```
/// use dvhc::search::WithinError;
/// assert_eq!(WithinError::NoProvince(None).to_string(), "no province has this code");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum WithinError {
    /// The code has this many characters, not 2 (province) or 3 (legacy district).
    #[error("give a province code (2 digits) or a legacy district code (3 digits)")]
    Width(usize),
    /// The code is not made of digits.
    #[error("{0}")]
    Code(crate::ParseCodeError),
    /// No province of the era searched (of either, for `None`) has this code.
    #[error("no {}province has this code", match .0 { Some(Era::Current) => "current ", Some(Era::Legacy) => "legacy ", None => "" })]
    NoProvince(Option<Era>),
    /// No legacy district has this code.
    #[error("no legacy district has this code")]
    NoDistrict,
    /// A district code in a search of the current structure.
    #[error("districts exist only in the legacy structure")]
    DistrictNotCurrent,
    /// A district code in a search of provinces or districts.
    #[error("inside a district there are only communes")]
    OnlyCommunes,
}

thread_local! {
    /// Buffers for the words and keys of queries.
    static SCRATCH: std::cell::RefCell<(Words, NameQuery)> = std::cell::RefCell::default();
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
