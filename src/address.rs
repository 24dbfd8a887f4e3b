//! Free-text address parsing, for either structure.

use std::fmt;

use crate::legacy;
use crate::query::{self, KindWord, Word};
use crate::search::{self, exact_range, fuzzy_walk, max_distance, Key, Table, Unit, Via};
use crate::unit::{Commune, Province};

/// The longest address accepted, in bytes. Real addresses are under 200 bytes; longer
/// input is refused with [`ParseError::TooLong`] rather than searched.
pub const MAX_ADDRESS_LEN: usize = 1024;

/// The most words of an address considered for its units (from the right). Words
/// further left are kept verbatim in the street part.
const MAX_WORDS: usize = 64;

/// The most words one unit name (with its kind word) may span.
const MAX_SPAN: usize = 7;

/// Why an address could not be parsed.
///
/// # Examples
/// ```
/// use dvhc::address::{parse, ParseError};
///
/// assert_eq!(parse("   ").unwrap_err(), ParseError::Empty);
/// assert!(matches!(parse("12 Nowhere Street, Atlantis").unwrap_err(), ParseError::NotFound));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input has no letters or digits.
    #[error("the address is empty")]
    Empty,
    /// The input is longer than [`MAX_ADDRESS_LEN`] bytes.
    #[error("the address is {len} bytes long; the limit is {max}")]
    TooLong {
        /// The input's length in bytes.
        len: usize,
        /// The limit, [`MAX_ADDRESS_LEN`].
        max: usize,
    },
    /// No province, district or commune of either structure was recognised.
    #[error("no province, district or commune recognised in the address")]
    NotFound,
}

/// The units of an address read in the pre-2025 structure.
///
/// ```
/// let a = dvhc::address::parse("P. Bến Nghé, Q.1, TP.HCM").unwrap();
/// let l = a.reading().as_legacy().unwrap();
/// assert_eq!(l.commune().unwrap().to_string(), "Phường Bến Nghé");
/// assert_eq!(l.district().unwrap().to_string(), "Quận 1");
/// assert_eq!(l.province().to_string(), "Thành phố Hồ Chí Minh");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LegacyUnits {
    province: &'static legacy::Province,
    district: Option<&'static legacy::District>,
    commune: Option<&'static legacy::Commune>,
    commune_via: Via,
}

impl LegacyUnits {
    /// The province (written, or inferred from the district or commune).
    pub fn province(&self) -> &'static legacy::Province {
        self.province
    }
    /// The district, when written or inferred from the commune.
    pub fn district(&self) -> Option<&'static legacy::District> {
        self.district
    }
    /// The commune, when written.
    pub fn commune(&self) -> Option<&'static legacy::Commune> {
        self.commune
    }
    /// How the commune was recognised: by its official name, a spelling variant, or a
    /// historical name of a commune merged into it before 2025 ([`Via::Historical`]).
    pub fn commune_via(&self) -> Via {
        self.commune_via
    }
}

/// The units of an address read in the current structure.
///
/// ```
/// let a = dvhc::address::parse("Phường Sài Gòn, Thành phố Hồ Chí Minh").unwrap();
/// let c = a.reading().as_current().unwrap();
/// assert_eq!(c.commune().unwrap().code().to_string(), "26740");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CurrentUnits {
    province: &'static Province,
    commune: Option<&'static Commune>,
}

impl CurrentUnits {
    /// The province (written, or inferred from the commune).
    pub fn province(&self) -> &'static Province {
        self.province
    }
    /// The commune, when written.
    pub fn commune(&self) -> Option<&'static Commune> {
        self.commune
    }
}

/// One reading of an address: its units in one structure and the street part.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    units: Units,
    rest: &'a str,
    score: Score,
}

/// The units of a reading, in the structure they belong to.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Units {
    /// Pre-2025 structure (to 30 June 2025).
    Legacy(LegacyUnits),
    /// Current structure (from 1 July 2025).
    Current(CurrentUnits),
}

impl<'a> Reading<'a> {
    /// The units found.
    pub fn units(&self) -> Units {
        self.units
    }

    /// The legacy units, if this reading is in the pre-2025 structure.
    pub fn as_legacy(&self) -> Option<&LegacyUnits> {
        match &self.units {
            Units::Legacy(u) => Some(u),
            Units::Current(_) => None,
        }
    }

    /// The current units, if this reading is in the current structure.
    pub fn as_current(&self) -> Option<&CurrentUnits> {
        match &self.units {
            Units::Current(u) => Some(u),
            Units::Legacy(_) => None,
        }
    }

    /// The structure of this reading.
    pub fn era(&self) -> search::Era {
        match self.units {
            Units::Legacy(_) => search::Era::Legacy,
            Units::Current(_) => search::Era::Current,
        }
    }

    /// The part of the input before the units (house number, street, hamlet…),
    /// verbatim, without trailing separators.
    pub fn rest(&self) -> &'a str {
        self.rest
    }

    /// The total edit distance of the names matched (0 when every name was exact).
    pub fn edits(&self) -> u8 {
        self.score.edits
    }

    /// The deepest unit of the reading.
    pub fn deepest(&self) -> Unit {
        match self.units {
            Units::Legacy(u) => match (u.commune, u.district) {
                (Some(c), _) => Unit::LegacyCommune(c),
                (None, Some(d)) => Unit::LegacyDistrict(d),
                (None, None) => Unit::LegacyProvince(u.province),
            },
            Units::Current(u) => match u.commune {
                Some(c) => Unit::Commune(c),
                None => Unit::Province(u.province),
            },
        }
    }

    fn same_units(&self, other: &Reading<'_>) -> bool {
        self.deepest() == other.deepest()
    }
}

impl fmt::Display for Reading<'_> {
    /// The address in official form, deepest unit first, e.g.
    /// `12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.rest.is_empty() {
            write!(f, "{}, ", self.rest)?;
        }
        match self.units {
            Units::Legacy(u) => {
                if let Some(c) = u.commune {
                    write!(f, "{c}, ")?;
                }
                if let Some(d) = u.district {
                    write!(f, "{d}, ")?;
                }
                write!(f, "{}", u.province)
            }
            Units::Current(u) => {
                if let Some(c) = u.commune {
                    write!(f, "{c}, ")?;
                }
                write!(f, "{}", u.province)
            }
        }
    }
}

/// How well a reading explains the input; compared lexicographically, greater is
/// better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    /// Levels written and found (province, district, commune).
    levels: u8,
    /// Words consumed by unit names.
    words: u8,
    /// Fewer edits is better, so this is stored negated as `u8::MAX - edits`.
    exactness: u8,
    /// Kind words that fit the units found.
    kinds: u8,
    /// Official names count more than aliases.
    names: u8,
    /// Current structure preferred on a complete tie (an address without a district
    /// that reads in both structures is most likely written in the current one).
    current: bool,
    #[doc(hidden)]
    edits: u8,
}

/// A parsed address: the best reading, and the other readings when the address is
/// ambiguous.
///
/// # Examples
/// ```
/// use dvhc::address::parse;
///
/// let a = parse("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").unwrap();
/// assert!(!a.is_ambiguous());
/// assert_eq!(a.reading().rest(), "12 Lê Lợi");
/// assert_eq!(a.to_string(), "12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh");
/// ```
#[derive(Debug, Clone)]
pub struct Address<'a> {
    input: &'a str,
    readings: Vec<Reading<'a>>,
    ambiguous: bool,
}

impl<'a> Address<'a> {
    /// The input, as given.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// The best reading.
    pub fn reading(&self) -> &Reading<'a> {
        &self.readings[0]
    }

    /// Every reading, best first; more than one only when the address is ambiguous
    /// or reads in both structures.
    pub fn readings(&self) -> &[Reading<'a>] {
        &self.readings
    }

    /// `true` when several readings explain the address equally well (homonyms with
    /// no district or province to tell them apart); then [`readings`](Self::readings)
    /// lists them all.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường 1").unwrap();
    /// assert!(a.is_ambiguous());
    /// assert!(a.readings().len() > 20);
    /// ```
    pub fn is_ambiguous(&self) -> bool {
        self.ambiguous
    }
}

impl fmt::Display for Address<'_> {
    /// The best reading in official form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.reading().fmt(f)
    }
}

/// Parses a free-text Vietnamese address of either structure.
///
/// Units are resolved right to left: the province, then (in the pre-2025 structure)
/// the district inside it, then the commune inside that. Commas are optional; kind
/// words may be full, abbreviated, glued to numbers or in English (`Phường`, `P.`,
/// `F15`, `Q1`, `District 1`, `Ho Chi Minh City`); diacritics, case and tone placement do
/// not matter; a province, district or commune may be missing; "Việt Nam" and
/// postcodes at the end are ignored; names with typos are found when nothing matches
/// exactly. Everything left of the units (house number, street, hamlet, "Tổ 3",
/// "Ấp 2") is kept verbatim as the street part.
///
/// # Errors
/// [`ParseError::Empty`], [`ParseError::TooLong`] (over [`MAX_ADDRESS_LEN`] bytes) or
/// [`ParseError::NotFound`].
///
/// # Examples
/// ```
/// use dvhc::address::parse;
/// use dvhc::search::Era;
///
/// // Old structure, no commas, no diacritics.
/// let a = parse("so 5 ap 2 xa tan thanh huyen thu thua long an").unwrap();
/// let old = a.reading().as_legacy().unwrap();
/// assert_eq!(old.district().unwrap().name(), "Thủ Thừa");
/// assert_eq!(a.reading().rest(), "so 5 ap 2");
///
/// // New structure.
/// let a = parse("Xã Đức Trọng, Lâm Đồng").unwrap();
/// assert_eq!(a.reading().era(), Era::Current);
/// ```
pub fn parse(input: &str) -> Result<Address<'_>, ParseError> {
    if input.len() > MAX_ADDRESS_LEN {
        return Err(ParseError::TooLong {
            len: input.len(),
            max: MAX_ADDRESS_LEN,
        });
    }
    let mut all = query::words(input, usize::MAX);
    if all.is_empty() {
        return Err(ParseError::Empty);
    }
    let skip = all.len().saturating_sub(MAX_WORDS);
    let words: Vec<Word> = all.split_off(skip);
    let end = strip_noise(&words);
    let mut p = Parser {
        input,
        words: &words,
        readings: Vec::new(),
    };
    p.run(end);
    let mut readings = p.readings;
    if readings.is_empty() {
        return Err(ParseError::NotFound);
    }
    readings.sort_by_key(|r| std::cmp::Reverse(r.score));
    // Drop duplicate readings of the same units (kept: the best).
    let mut kept: Vec<Reading<'_>> = Vec::with_capacity(readings.len());
    for r in readings {
        if !kept.iter().any(|k| k.same_units(&r)) {
            kept.push(r);
        }
    }
    let best = kept[0].score;
    let ties = kept.iter().filter(|r| tie(&r.score, &best)).count();
    let ambiguous = ties > 1;
    if !ambiguous {
        // Keep only readings that are a real alternative: other structure or close.
        kept.truncate(
            1 + kept[1..]
                .iter()
                .take_while(|r| r.score.levels == best.levels && r.score.words == best.words)
                .count(),
        );
    }
    Ok(Address {
        input,
        readings: kept,
        ambiguous,
    })
}

/// Two scores tie when only the era preference separates them, or not even that.
fn tie(a: &Score, b: &Score) -> bool {
    (a.levels, a.words, a.exactness, a.kinds, a.names)
        == (b.levels, b.words, b.exactness, b.kinds, b.names)
        && a.current == b.current
}

/// The index of the first trailing noise word: "Việt Nam", "VN", postcodes.
fn strip_noise(words: &[Word]) -> usize {
    let mut end = words.len();
    loop {
        let texts: Vec<&str> = words[..end].iter().map(|w| w.text.as_str()).collect();
        let n = match texts.as_slice() {
            [.., "viet", "nam"] => 2,
            [.., "vietnam" | "vn"] => 1,
            [.., w] if w.len() >= 5 && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()) => 1,
            _ => 0,
        };
        if n == 0 || n >= end {
            return end;
        }
        end -= n;
    }
}

/// A unit name found in the words `start..end`.
#[derive(Debug, Clone, Copy)]
struct Found {
    unit: Unit,
    start: usize,
    edits: u8,
    kind_fits: bool,
    via: Via,
}

struct Parser<'a, 'w> {
    input: &'a str,
    words: &'w [Word],
    readings: Vec<Reading<'a>>,
}

impl<'a> Parser<'a, '_> {
    fn run(&mut self, end: usize) {
        let provinces = self.find(
            end,
            &[Table::Province, Table::LegacyProvince],
            &|_| true,
            true,
        );
        for p in &provinces {
            match p.unit {
                Unit::Province(prov) => self.current_below(Some(*p), prov, p.start),
                Unit::LegacyProvince(prov) => self.legacy_below(Some(*p), prov, p.start),
                _ => {}
            }
        }
        if provinces.is_empty() {
            // No province written: look for a district or a commune anywhere.
            let districts = self.find(end, &[Table::LegacyDistrict], &|_| true, false);
            for d in &districts {
                if let Unit::LegacyDistrict(dist) = d.unit {
                    self.legacy_communes(None, Some(*d), dist.province(), Some(dist), d.start);
                }
            }
            if districts.is_empty() {
                for c in self.find(
                    end,
                    &[Table::Commune, Table::LegacyCommune],
                    &|_| true,
                    false,
                ) {
                    match c.unit {
                        Unit::Commune(com) => self.push_current(None, com.province(), Some(c)),
                        Unit::LegacyCommune(com) => {
                            self.push_legacy(
                                None,
                                None,
                                com.province(),
                                Some(com.district()),
                                Some(c),
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    fn current_below(&mut self, p: Option<Found>, prov: &'static Province, end: usize) {
        let code = prov.code().get();
        let communes = self.find(
            end,
            &[Table::Commune],
            &|u| matches!(u, Unit::Commune(c) if c.province().code().get() == code),
            false,
        );
        if communes.is_empty() {
            self.push_current(p, prov, None);
        }
        for c in communes {
            self.push_current(p, prov, Some(c));
        }
    }

    fn legacy_below(&mut self, p: Option<Found>, prov: &'static legacy::Province, end: usize) {
        let code = prov.code().get();
        let districts = self.find(
            end,
            &[Table::LegacyDistrict],
            &|u| matches!(u, Unit::LegacyDistrict(d) if d.province().code().get() == code),
            false,
        );
        for d in &districts {
            if let Unit::LegacyDistrict(dist) = d.unit {
                self.legacy_communes(p, Some(*d), prov, Some(dist), d.start);
            }
        }
        // Commune + province without district.
        self.legacy_communes(p, None, prov, None, end);
    }

    fn legacy_communes(
        &mut self,
        p: Option<Found>,
        d: Option<Found>,
        prov: &'static legacy::Province,
        dist: Option<&'static legacy::District>,
        end: usize,
    ) {
        let pcode = prov.code().get();
        let dcode = dist.map(|d| d.code().get());
        let communes = self.find(
            end,
            &[Table::LegacyCommune],
            &|u| match u {
                Unit::LegacyCommune(c) => match dcode {
                    Some(dc) => c.district().code().get() == dc,
                    None => c.province().code().get() == pcode,
                },
                _ => false,
            },
            false,
        );
        if communes.is_empty() {
            if dist.is_some() || p.is_some() {
                self.push_legacy(p, d, prov, dist, None);
            }
            return;
        }
        for c in communes {
            let district = match c.unit {
                Unit::LegacyCommune(com) => Some(com.district()),
                _ => dist,
            };
            self.push_legacy(p, d, prov, district, Some(c));
        }
    }

    fn push_current(&mut self, p: Option<Found>, prov: &'static Province, c: Option<Found>) {
        let commune = c.and_then(|c| match c.unit {
            Unit::Commune(x) => Some(x),
            _ => None,
        });
        let parts = [p, c];
        let score = score(self.words, &parts, true);
        let start = leftmost(&parts);
        self.readings.push(Reading {
            units: Units::Current(CurrentUnits {
                province: prov,
                commune,
            }),
            rest: self.rest(start),
            score,
        });
    }

    fn push_legacy(
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
        let parts = [p, d, c];
        let score = score(self.words, &parts, false);
        let start = leftmost(&parts);
        self.readings.push(Reading {
            units: Units::Legacy(LegacyUnits {
                province: prov,
                district: dist,
                commune,
                commune_via: c.map_or(Via::Name, |c| c.via),
            }),
            rest: self.rest(start),
            score,
        });
    }

    /// The verbatim input left of word `start`, without trailing separators.
    fn rest(&self, start: Option<usize>) -> &'a str {
        let cut = match start {
            Some(i) if i < self.words.len() => self.words[i].start,
            Some(_) => self.input.len(),
            None => return self.input.trim(),
        };
        self.input[..cut]
            .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | ']'))
            .trim_start()
    }

    /// Unit names among `tables` that end exactly at word `end` (exclusive), for
    /// which `accept` holds. Exact matches first; the longest span wins. When nothing
    /// matches exactly, names within a small edit distance in the same segment are
    /// tried.
    fn find(
        &self,
        end: usize,
        tables: &[Table],
        accept: &dyn Fn(&Unit) -> bool,
        is_province: bool,
    ) -> Vec<Found> {
        if end == 0 {
            return Vec::new();
        }
        let words = self.words;
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        let mut best: Vec<Found> = Vec::new();
        let mut best_len = 0;
        let min_start = end.saturating_sub(MAX_SPAN);
        for start in (min_start..end).rev() {
            // A unit name does not cross a comma.
            if (start + 1..end).any(|i| words[i].hard_break_before) {
                break;
            }
            let span = &texts[start..end];
            let q = query::analyse(span);
            if q.key.is_empty() {
                continue;
            }
            let whole_segment = words[start].hard_break_before || start == 0;
            // A bare number is a unit name only with a kind word or alone in its segment
            // ("Quận 3", "P.7", ", 3,"), never a house number ("Số 5").
            if q.kind.is_none()
                && q.key.bytes().all(|b| b.is_ascii_digit() || b == b' ')
                && !whole_segment
            {
                continue;
            }
            let mut here = Vec::new();
            for &t in tables {
                for key in [Some(&q.key), q.raw_key.as_ref()].into_iter().flatten() {
                    for e in exact_range(t.keys(), key) {
                        self.consider(e, t, 0, start, q.kind, accept, &mut here);
                    }
                }
            }
            if !here.is_empty() && end - start >= best_len {
                best_len = end - start;
                best = here;
            }
        }
        if best.is_empty() {
            best = self.find_fuzzy(end, tables, accept, is_province);
        }
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn consider(
        &self,
        e: &'static Key,
        t: Table,
        edits: u8,
        start: usize,
        kind: Option<KindWord>,
        accept: &dyn Fn(&Unit) -> bool,
        out: &mut Vec<Found>,
    ) {
        let unit = t.unit(e.1);
        if !accept(&unit) || out.iter().any(|f: &Found| f.unit == unit) {
            return;
        }
        let kind_fits = kind.is_some_and(|k| kind_fits(&unit, k));
        // A kind word that contradicts the level (a "Quận" read as a province) rules
        // the reading out.
        if let Some(k) = kind {
            if !level_fits(k, &unit) {
                return;
            }
        }
        out.push(Found {
            unit,
            start,
            edits,
            kind_fits,
            via: e.2,
        });
    }

    fn find_fuzzy(
        &self,
        end: usize,
        tables: &[Table],
        accept: &dyn Fn(&Unit) -> bool,
        is_province: bool,
    ) -> Vec<Found> {
        let words = self.words;
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        let mut best: Vec<Found> = Vec::new();
        let mut best_key = (u8::MAX, 0usize);
        let span = if is_province { 5 } else { MAX_SPAN };
        for start in (end.saturating_sub(span)..end).rev() {
            if (start + 1..end).any(|i| words[i].hard_break_before) {
                break;
            }
            let q = query::analyse(&texts[start..end]);
            let max = max_distance(q.key.len());
            if max == 0 {
                continue;
            }
            for &t in tables {
                let mut here = Vec::new();
                fuzzy_walk(t.keys(), q.key.as_bytes(), max, |e, dist| {
                    self.consider(e, t, dist, start, q.kind, accept, &mut here);
                });
                for f in here {
                    // Fewest edits first, then the longest span.
                    let k = (f.edits, usize::MAX - (end - start));
                    if k < best_key {
                        best_key = k;
                        best.clear();
                    }
                    if k == best_key && !best.iter().any(|b| b.unit == f.unit) {
                        best.push(f);
                    }
                }
            }
        }
        best
    }
}

fn kind_fits(unit: &Unit, k: KindWord) -> bool {
    unit.fits(k)
}

fn level_fits(k: KindWord, unit: &Unit) -> bool {
    Unit::level_fits(k, unit.level())
}

fn leftmost(parts: &[Option<Found>]) -> Option<usize> {
    parts.iter().flatten().map(|f| f.start).min()
}

fn score(words: &[Word], parts: &[Option<Found>], current: bool) -> Score {
    let found: Vec<&Found> = parts.iter().flatten().collect();
    let consumed = match (found.iter().map(|f| f.start).min(), words.len()) {
        (Some(s), n) => n.saturating_sub(s),
        (None, _) => 0,
    };
    let edits: u8 = found.iter().map(|f| f.edits).fold(0, u8::saturating_add);
    Score {
        levels: found.len() as u8,
        words: consumed.min(255) as u8,
        exactness: u8::MAX - edits,
        kinds: found.iter().filter(|f| f.kind_fits).count() as u8,
        names: found.iter().filter(|f| f.via == Via::Name).count() as u8,
        current,
        edits,
    }
}
