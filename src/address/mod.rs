//! Free-text address parsing, for either structure.

use std::cell::Cell;
use std::fmt;
use std::ops::Range;

use crate::legacy;
use crate::search::fidelity::Diacritics;
use crate::search::fuzzy::{distance_within, fuzzy_walk, max_distance};
use crate::search::{self, Unit, Via};
use crate::tables::index::{self, Table};
use crate::tables::layout::{hash_step, HASH_START};
use crate::text::key::push_key;
use crate::text::tokenize::Words;
use crate::text::vocab::{self, KindWord};
use crate::units::current::{Commune, Province};

/// The longest address accepted, in bytes. Real addresses are under 200 bytes; longer
/// input is refused with [`ParseError::TooLong`] rather than searched, so parsing time
/// is bounded whatever the input.
pub const MAX_ADDRESS_LEN: usize = 1024;

/// The most words of an address considered for its units (from the right). Words
/// further left are kept verbatim in the street part.
const MAX_WORDS: usize = 64;

/// The most words one unit name (with its kind word) may span.
const MAX_SPAN: usize = 7;

/// The most words a province name may span in a typo-tolerant match.
const MAX_FUZZY_PROVINCE_SPAN: usize = 5;

/// Why an address could not be parsed: what was missing, and what was found.
///
/// # Examples
/// ```
/// use dvhc::address::{parse, ParseError};
///
/// assert_eq!(parse("   ").unwrap_err(), ParseError::Empty);
/// assert!(matches!(parse("12 Nowhere Street, Atlantis").unwrap_err(), ParseError::NotFound));
///
/// // A ward written with its kind word, in a district that has no ward of that name.
/// let e = parse("12 Lê Lợi, Phường Xyz, Quận 1, TP.HCM").unwrap_err();
/// match &e {
///     ParseError::CommuneNotFound { name, within } => {
///         assert_eq!(name, "Phường Xyz");
///         assert_eq!(within.to_string(), "Quận 1");
///     }
///     other => panic!("{other}"),
/// }
/// assert_eq!(e.to_string(), "no commune \"Phường Xyz\" in Quận 1");
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
    /// The address names a province (with its kind word, e.g. `Tỉnh Xyz`) that does
    /// not exist in either structure, and nothing else was recognised.
    #[error("no province {name:?}")]
    ProvinceNotFound {
        /// The province as written, kind word included.
        name: String,
    },
    /// The address names a district (with its kind word, e.g. `Quận Xyz`) that the
    /// province found has no district of that name.
    #[error("no district {name:?} in {within}")]
    DistrictNotFound {
        /// The district as written, kind word included.
        name: String,
        /// The unit found right of it (a province).
        within: Unit,
    },
    /// The address names a commune (with its kind word, e.g. `Phường Xyz`) that the
    /// district or province found has no commune of that name.
    #[error("no commune {name:?} in {within}")]
    CommuneNotFound {
        /// The commune as written, kind word included.
        name: String,
        /// The unit found right of it (a district or a province).
        within: Unit,
    },
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
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường Bến Nghé, Quận 1").unwrap();
    /// assert_eq!(a.reading().as_legacy().unwrap().province().code().to_string(), "79");
    /// ```
    pub fn province(&self) -> &'static legacy::Province {
        self.province
    }

    /// The district, when written or inferred from the commune.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường Đa Kao, TP.HCM").unwrap();
    /// assert_eq!(a.reading().as_legacy().unwrap().district().unwrap().name(), "1");
    /// ```
    pub fn district(&self) -> Option<&'static legacy::District> {
        self.district
    }

    /// The commune, when written.
    ///
    /// ```
    /// let a = dvhc::address::parse("Quận 1, TP.HCM").unwrap();
    /// assert!(a.reading().as_legacy().unwrap().commune().is_none());
    /// ```
    pub fn commune(&self) -> Option<&'static legacy::Commune> {
        self.commune
    }

    /// How the commune was recognised: by its official name, a spelling variant, or a
    /// historical name of a commune merged into it before 2025 ([`Via::Historical`]).
    ///
    /// ```
    /// use dvhc::search::Via;
    /// let a = dvhc::address::parse("Phường Bến Nghé, Quận 1, TP.HCM").unwrap();
    /// assert_eq!(a.reading().as_legacy().unwrap().commune_via(), Via::Name);
    /// ```
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
    legacy_district: Option<&'static legacy::District>,
}

impl CurrentUnits {
    /// The province (written, or inferred from the commune).
    ///
    /// ```
    /// let a = dvhc::address::parse("Xã Đức Trọng, Lâm Đồng").unwrap();
    /// assert_eq!(a.reading().as_current().unwrap().province().name(), "Lâm Đồng");
    /// ```
    pub fn province(&self) -> &'static Province {
        self.province
    }

    /// The commune, when written.
    ///
    /// ```
    /// let a = dvhc::address::parse("Xã Đức Trọng, Lâm Đồng").unwrap();
    /// assert_eq!(a.reading().as_current().unwrap().commune().unwrap().name(), "Đức Trọng");
    /// ```
    pub fn commune(&self) -> Option<&'static Commune> {
        self.commune
    }

    /// A pre-2025 district written between the commune and the province, as people
    /// still do out of habit ("Phường Sài Gòn, Quận 1, TP.HCM"). Districts no longer
    /// exist; it is reported, and it was only accepted if the commune took over part
    /// of it.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường Sài Gòn, Quận 1, TP.HCM").unwrap();
    /// let c = a.reading().as_current().unwrap();
    /// assert_eq!(c.legacy_district().unwrap().to_string(), "Quận 1");
    /// ```
    pub fn legacy_district(&self) -> Option<&'static legacy::District> {
        self.legacy_district
    }
}

/// One reading of an address: its units in one structure and the street part.
///
/// ```
/// use dvhc::search::Era;
/// let a = dvhc::address::parse("Số 5, Ấp 2, Xã Tân Thành, Huyện Thủ Thừa, Long An").unwrap();
/// let r = a.reading();
/// assert_eq!(r.era(), Era::Legacy);
/// assert_eq!(r.rest(), "Số 5, Ấp 2");
/// assert_eq!(r.deepest().to_string(), "Xã Tân Thành");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    units: Units,
    rest: &'a str,
    score: Score,
    /// The first word of the units.
    first_word: usize,
    /// The units found and the word each starts at, for the diacritic fidelity.
    parts: [Option<(Unit, usize)>; 3],
    /// The order in which the parser found the readings, the last tie-break.
    seq: u32,
}

/// The units of a reading, in the structure they belong to.
///
/// ```
/// use dvhc::address::{parse, Units};
/// match parse("Phường Sài Gòn, TP.HCM").unwrap().reading().units() {
///     Units::Current(c) => assert_eq!(c.commune().unwrap().name(), "Sài Gòn"),
///     Units::Legacy(_) => unreachable!(),
///     _ => unreachable!(),
/// }
/// ```
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
    ///
    /// ```
    /// use dvhc::address::{parse, Units};
    /// assert!(matches!(parse("Quận 1, TP.HCM").unwrap().reading().units(), Units::Legacy(_)));
    /// ```
    pub fn units(&self) -> Units {
        self.units
    }

    /// The legacy units, if this reading is in the pre-2025 structure.
    ///
    /// ```
    /// assert!(dvhc::address::parse("Quận 1, TP.HCM").unwrap().reading().as_legacy().is_some());
    /// ```
    pub fn as_legacy(&self) -> Option<&LegacyUnits> {
        match &self.units {
            Units::Legacy(u) => Some(u),
            Units::Current(_) => None,
        }
    }

    /// The current units, if this reading is in the current structure.
    ///
    /// ```
    /// assert!(dvhc::address::parse("Phường Sài Gòn, TP.HCM").unwrap().reading().as_current().is_some());
    /// ```
    pub fn as_current(&self) -> Option<&CurrentUnits> {
        match &self.units {
            Units::Current(u) => Some(u),
            Units::Legacy(_) => None,
        }
    }

    /// The structure of this reading.
    ///
    /// ```
    /// use dvhc::search::Era;
    /// assert_eq!(dvhc::address::parse("Quận 1, TP.HCM").unwrap().reading().era(), Era::Legacy);
    /// ```
    pub fn era(&self) -> search::Era {
        match self.units {
            Units::Legacy(_) => search::Era::Legacy,
            Units::Current(_) => search::Era::Current,
        }
    }

    /// The part of the input before the units (house number, street, hamlet…),
    /// verbatim, without trailing separators.
    ///
    /// ```
    /// let a = dvhc::address::parse("Tổ 3, Khu phố 4, P. Linh Trung, TP. Thủ Đức, TP.HCM").unwrap();
    /// assert_eq!(a.reading().rest(), "Tổ 3, Khu phố 4");
    /// ```
    pub fn rest(&self) -> &'a str {
        self.rest
    }

    /// The total edit distance of the names matched (0 when every name was exact).
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường Bến Ngé, Quận 1, TP.HCM").unwrap();
    /// assert_eq!(a.reading().edits(), 1);
    /// ```
    pub fn edits(&self) -> u8 {
        self.score.edits
    }

    /// The deepest unit of the reading.
    ///
    /// ```
    /// let a = dvhc::address::parse("Quận 1, TP.HCM").unwrap();
    /// assert_eq!(a.reading().deepest().to_string(), "Quận 1");
    /// ```
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

/// [`Score::quality`].
type Quality = (u8, u8, u8, u8, u8, u8, bool);

/// How well a reading explains the input; compared lexicographically, greater is
/// better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    /// Words explained: from the leftmost unit found to the end. The reading that
    /// explains most of the input wins ("Phường Sài Gòn, Quận 1, TP.HCM" is a current
    /// ward with an old district, not an old district with an unknown ward).
    words: u8,
    /// Levels written and found (province, district, commune), counting a unit
    /// written with a kind word when the kind fits ("Xã Liên Sơn Lắk" is not the old
    /// "Thị trấn Liên Sơn" of "Huyện Lắk"), and one written without when it starts a
    /// comma-separated segment or ends the address ("Xã Nam Hà Lâm Hà" is one name,
    /// not "Xã Nam Hà, Lâm Hà").
    levels: u8,
    /// Fewer edits is better, so this is stored negated as `u8::MAX - edits`.
    exactness: u8,
    /// Kind words that fit the units found.
    kinds: u8,
    /// Names matched by a variant or alias rather than the official name, stored
    /// negated as `u8::MAX - count`.
    names: u8,
    /// Diacritics of the input that agree with the names found, offset by 128.
    fidelity: u8,
    /// A province is written: "Hà Giang" alone is the province, not its capital
    /// city (which is written "TP. Hà Giang").
    province: bool,
    /// On a complete tie, the current structure (an address without a district that
    /// reads in both is most likely written in the current one), unless the current
    /// reading skipped an old district: 2 current, 1 legacy, 0 current with an old
    /// district.
    era: u8,
    edits: u8,
}

impl Score {
    /// The part of the score that decides whether two readings explain the input
    /// equally well (the era preference aside).
    fn quality(&self) -> Quality {
        (
            self.words,
            self.levels,
            self.exactness,
            self.kinds,
            self.names,
            self.fidelity,
            self.province,
        )
    }
}

/// A parsed address: the best reading, and the equally good alternatives.
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
    ambiguous: usize,
}

/// Whether an address has one best reading, or several that explain it equally well.
///
/// ```
/// use dvhc::address::{parse, Resolution};
/// match parse("Phường 1, TP.HCM").unwrap().resolution() {
///     Resolution::Ambiguous(candidates) => assert!(candidates.len() > 5),
///     Resolution::Unique(r) => panic!("one reading: {r}"),
///     _ => unreachable!(),
/// }
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Resolution<'r, 'a> {
    /// One reading explains the address best.
    Unique(&'r Reading<'a>),
    /// Several readings of the same structure explain the address equally well
    /// (homonyms with no district or province to tell them apart): all of them, in
    /// order of code.
    Ambiguous(&'r [Reading<'a>]),
}

impl<'a> Address<'a> {
    /// The input, as given.
    ///
    /// ```
    /// assert_eq!(dvhc::address::parse("Huế").unwrap().input(), "Huế");
    /// ```
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// The best reading (the first candidate when the address is ambiguous).
    ///
    /// ```
    /// let a = dvhc::address::parse("Hà Nội").unwrap();
    /// assert_eq!(a.reading().deepest().code(), "01");
    /// ```
    pub fn reading(&self) -> &Reading<'a> {
        &self.readings[0]
    }

    /// Every reading that explains the address as well as the best one, best first:
    /// the candidates when it is ambiguous, then the reading in the other structure
    /// when it reads in both (an address without a district often does; the current
    /// structure comes first then).
    ///
    /// ```
    /// use dvhc::search::Era;
    /// let a = dvhc::address::parse("Phường Bến Thành, TP.HCM").unwrap();
    /// let eras: Vec<Era> = a.readings().iter().map(|r| r.era()).collect();
    /// assert_eq!(eras, [Era::Current, Era::Legacy]);
    /// assert!(!a.is_ambiguous());
    /// ```
    pub fn readings(&self) -> &[Reading<'a>] {
        &self.readings
    }

    /// `true` when several readings of the same structure explain the address equally
    /// well (homonyms with no district or province to tell them apart); then
    /// [`candidates`](Self::candidates) lists them all.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường 1").unwrap();
    /// assert!(a.is_ambiguous());
    /// assert!(a.candidates().len() > 20);
    /// ```
    pub fn is_ambiguous(&self) -> bool {
        self.ambiguous > 1
    }

    /// The equally good readings of the best structure: one unless the address is
    /// ambiguous.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường 1, Quận 3, TP.HCM").unwrap();
    /// assert_eq!(a.candidates().len(), 1);
    /// ```
    pub fn candidates(&self) -> &[Reading<'a>] {
        &self.readings[..self.ambiguous]
    }

    /// The reading, or the candidates when the address is ambiguous, as a type.
    ///
    /// ```
    /// use dvhc::address::{parse, Resolution};
    /// assert!(matches!(parse("Quận 3, TP.HCM").unwrap().resolution(), Resolution::Unique(_)));
    /// ```
    pub fn resolution(&self) -> Resolution<'_, 'a> {
        if self.is_ambiguous() {
            Resolution::Ambiguous(self.candidates())
        } else {
            Resolution::Unique(self.reading())
        }
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
/// the district inside it, then the commune inside that; in the current structure the
/// commune inside the province. Commas are optional; kind words may be full,
/// abbreviated, glued to numbers or in English (`Phường`, `P.`, `F15`, `Q1`,
/// `District 1`, `Ho Chi Minh City`); diacritics, case and tone placement do not
/// matter; aliases are known (`TP.HCM`, `HCMC`, `Sài Gòn`, `HN`); the province, the
/// district or both may be missing; "Việt Nam" and postcodes at the end are ignored;
/// names with typos are found when nothing matches exactly. Everything left of the
/// units (house number, street, hamlet, "Tổ 3", "Ấp 2", "Thôn …", "Khu phố …") is
/// kept verbatim as the street part.
///
/// A name written without kind word right after a house number ("36 Trần Hưng Đạo")
/// is taken as a street, not as a commune, and a bare number is a unit only with its
/// kind word or alone between commas.
///
/// When several readings explain the address equally well, all are returned
/// ([`Address::is_ambiguous`], [`Address::resolution`]), never silently one.
///
/// Time is linear in the input and bounded ([`MAX_ADDRESS_LEN`]).
///
/// # Errors
/// [`ParseError::Empty`] when the input has no letters or digits;
/// [`ParseError::TooLong`] over [`MAX_ADDRESS_LEN`] bytes; [`ParseError::NotFound`]
/// when no unit is recognised; [`ParseError::ProvinceNotFound`],
/// [`ParseError::DistrictNotFound`] or [`ParseError::CommuneNotFound`] when a unit is
/// written with its kind word (`Tỉnh …`, `Quận …`, `Phường …`) but does not exist
/// where the rest of the address puts it.
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
///
/// // English, abbreviations, noise.
/// let a = parse("27A Hai Ba Trung St, Ward 9, District 3, Ho Chi Minh City, Vietnam 700000").unwrap();
/// assert_eq!(a.to_string(), "27A Hai Ba Trung St, Phường 9, Quận 3, Thành phố Hồ Chí Minh");
/// ```
pub fn parse(input: &str) -> Result<Address<'_>, ParseError> {
    parse_with(input, |a| Address {
        input: a.input,
        readings: a.readings.to_vec(),
        ambiguous: a.ambiguous,
    })
}

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
    let mut s = SCRATCH
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default();
    let readings = recycle(std::mem::take(&mut s.readings));
    let mut p = Parser {
        input,
        first: 0,
        end: 0,
        fuzzy: false,
        readings,
        made: 0,
        best: None,
        s,
    };
    let parsed = p.parse();
    let Parser {
        readings, mut s, ..
    } = p;
    let out = match parsed {
        Ok(ambiguous) => {
            let address = Address {
                input,
                readings,
                ambiguous,
            };
            let out = f(&address);
            s.readings = recycle(address.readings);
            Ok(out)
        }
        Err(e) => {
            s.readings = recycle(readings);
            Err(e)
        }
    };
    // On a thread being torn down there is nowhere to keep the buffers: they go.
    let _ = SCRATCH.try_with(|c| c.set(Some(s)));
    out
}

/// An empty vector for readings of any lifetime, with the allocation of `v`.
fn recycle<'b>(mut v: Vec<Reading<'_>>) -> Vec<Reading<'b>> {
    v.clear();
    // Collecting into a vector of the same layout reuses the allocation; there is
    // nothing to collect. (`filter_map` is what changes the lifetime of the type.)
    #[allow(clippy::unnecessary_filter_map)]
    v.into_iter().filter_map(|_| None).collect()
}

thread_local! {
    /// The parser's work buffers, between two parses on this thread.
    /// Boxed, so that taking and putting back moves a pointer, not the buffers.
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// The buffers of a parse, all empty between parses.
#[derive(Default)]
struct Scratch {
    words: Words,
    /// For each end of a span looked at, its span hits in `hits`.
    spans: Vec<(usize, Range<usize>)>,
    hits: Vec<SpanHit>,
    /// The reversed key of the span being extended, and the keys equal to each of
    /// its suffixes.
    rkey: Vec<u8>,
    exact_at: Vec<Range<usize>>,
    /// The units found by [`Parser::find`], a stack: each call pushes its results
    /// above those of the calls still using theirs.
    found: Vec<Found>,
    /// The typo-tolerant matches of the words `start..end`: (start, end, their
    /// matches in `fuzzy_hits`).
    fuzzy: Vec<(usize, usize, Range<usize>)>,
    /// (entry, distance) for each key matched.
    fuzzy_hits: Vec<(u16, u8)>,
    /// The key of the span being matched with typos.
    key: String,
    readings: Vec<Reading<'static>>,
}

/// The index of the first trailing noise word: "Việt Nam", "VN", postcodes.
fn strip_noise(words: &Words, first: usize) -> usize {
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

/// A span of words ending at some `end` whose key is in the index.
#[derive(Debug, Clone)]
struct SpanHit {
    start: usize,
    /// The kind word written, when the key is the name without it.
    kind: Option<KindWord>,
    /// Positions in the reversed-key order.
    positions: Range<usize>,
}

/// A unit name found in the words `start..end`.
#[derive(Debug, Clone, Copy)]
struct Found {
    unit: Unit,
    start: usize,
    edits: u8,
    /// A kind word was written with the name.
    kinded: bool,
    /// The name starts a comma-separated segment, or ends the address.
    delimited: bool,
    kind_fits: bool,
    via: Via,
}

struct Parser<'a> {
    input: &'a str,
    /// The first word that may belong to a unit.
    first: usize,
    /// The end of the words that may belong to a unit (trailing noise removed).
    end: usize,
    /// Whether names with typos are looked for (the second pass).
    fuzzy: bool,
    readings: Vec<Reading<'a>>,
    /// The readings made in this pass, kept in `readings` or not (their `seq`).
    made: u32,
    /// The best quality of the readings made in this pass.
    best: Option<Quality>,
    s: Box<Scratch>,
}

/// A filter on the units found.
type Accept<'f> = &'f dyn Fn(&Unit) -> bool;

impl<'a> Parser<'a> {
    /// Parses the input into `readings`; returns how many of them are equally good
    /// in the best structure.
    fn parse(&mut self) -> Result<usize, ParseError> {
        let s = &mut self.s;
        s.words.refill(self.input);
        s.spans.clear();
        s.hits.clear();
        s.fuzzy.clear();
        s.found.clear();
        s.fuzzy_hits.clear();
        if s.words.len() == 0 {
            return Err(ParseError::Empty);
        }
        self.first = s.words.len().saturating_sub(MAX_WORDS);
        self.end = strip_noise(&s.words, self.first);
        // First exact names only; names with typos only when that leaves a unit
        // written with its kind word unresolved, or finds nothing.
        self.run();
        if self.needs_fuzzy() {
            self.readings.clear();
            (self.made, self.best) = (0, None);
            self.fuzzy = true;
            self.run();
        }
        self.finish()
    }

    fn run(&mut self) {
        let end = self.end;
        let provinces = self.find(end, &[Table::Province, Table::LegacyProvince], &|_| true);
        for i in provinces.clone() {
            let p = self.s.found[i];
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
                && !self.beaten(self.reach(self.s.found[districts.start].start))
            {
                for i in districts {
                    let d = self.s.found[i];
                    if let Unit::LegacyDistrict(dist) = d.unit {
                        self.legacy_communes(None, Some(d), dist.province(), Some(dist), d.start);
                    }
                }
            }
        }
        if provinces.is_empty() {
            for i in self.find(end, &[Table::Commune, Table::LegacyCommune], &|_| true) {
                let c = self.s.found[i];
                match c.unit {
                    Unit::Commune(com) => self.push_current(None, com.province(), Some(c), None),
                    Unit::LegacyCommune(com) => {
                        self.push_legacy(None, None, com.province(), Some(com.district()), Some(c));
                    }
                    _ => {}
                }
            }
        }
        self.s.found.truncate(provinces.start);
    }

    fn current_below(&mut self, p: Found, prov: &'static Province) {
        let code = prov.code().get();
        let in_province =
            move |u: &Unit| matches!(u, Unit::Commune(c) if c.province().code().get() == code);
        let communes = self.find(p.start, &[Table::Commune], &in_province);
        for i in communes.clone() {
            let c = self.s.found[i];
            self.push_current(Some(p), prov, Some(c), None);
        }
        if !communes.is_empty() {
            self.s.found.truncate(communes.start);
            return;
        }
        // A pre-2025 district between the commune and the province.
        let districts = self.find(p.start, &[Table::LegacyDistrict], &|u| {
            matches!(u, Unit::LegacyDistrict(d) if d.province().successor().code().get() == code)
        });
        let mut found = false;
        for i in districts.clone() {
            let d = self.s.found[i];
            let Unit::LegacyDistrict(dist) = d.unit else {
                continue;
            };
            let dcode = dist.code().get();
            let took_over = move |u: &Unit| {
                in_province(u)
                    && matches!(u, Unit::Commune(c) if c.predecessors().any(|(o, _)| o.district().code().get() == dcode))
            };
            for j in self.find(d.start, &[Table::Commune], &took_over) {
                let c = self.s.found[j];
                self.push_current(Some(p), prov, Some(c), Some((d, dist)));
                found = true;
            }
        }
        self.s.found.truncate(districts.start);
        if !found {
            self.push_current(Some(p), prov, None, None);
        }
    }

    /// `last`: `p` is the last province found at the end.
    fn legacy_below(&mut self, p: Found, prov: &'static legacy::Province) {
        let code = prov.code().get();
        let districts = self.find(
            p.start,
            &[Table::LegacyDistrict],
            &|u| matches!(u, Unit::LegacyDistrict(d) if d.province().code().get() == code),
        );
        for i in districts.clone() {
            let d = self.s.found[i];
            if let Unit::LegacyDistrict(dist) = d.unit {
                self.legacy_communes(Some(p), Some(d), prov, Some(dist), d.start);
            }
        }
        self.s.found.truncate(districts.start);
        // Commune + province without district: these readings explain the words from
        // `reach(p.start)` at most, and are not made when a reading made explains more.
        if !self.beaten(self.reach(p.start)) {
            self.legacy_communes(Some(p), None, prov, None, p.start);
        }
    }

    /// Whether a reading made explains more words than any reading can whose units
    /// start at `reach` or after.
    fn beaten(&self, reach: usize) -> bool {
        self.readings
            .iter()
            .any(|r| usize::from(r.score.words) > self.end - reach)
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
            let c = self.s.found[i];
            let district = match c.unit {
                Unit::LegacyCommune(com) => Some(com.district()),
                _ => dist,
            };
            self.push_legacy(p, d, prov, district, Some(c));
        }
        self.s.found.truncate(communes.start);
    }

    fn push_current(
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
            score.words = (self.end - s).min(255) as u8;
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
            first_word: start.unwrap_or(self.end),
            parts: [
                p.map(|f| (f.unit, f.start)),
                c.map(|f| (f.unit, f.start)),
                None,
            ],
            seq,
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
            first_word: start.unwrap_or(self.end),
            parts: parts.map(|f| f.map(|f| (f.unit, f.start))),
            seq,
        });
    }

    /// The number (`seq`) of a reading about to be made with `score`; `None` when a
    /// reading made before is of a better quality, which `finish` would drop it for
    /// (the best quality first, one reading per deepest unit, then only the best).
    #[inline]
    fn number(&mut self, score: &Score) -> Option<u32> {
        let seq = self.made;
        self.made += 1;
        let q = score.quality();
        if self.best.is_some_and(|b| q < b) {
            return None;
        }
        if self.best.is_none_or(|b| q > b) {
            self.best = Some(q);
        }
        Some(seq)
    }

    fn score(&self, parts: &[Option<Found>], era: u8) -> Score {
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
            Some(s) => self.end - s,
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
    fn fidelity(&self, r: &Reading<'_>) -> u8 {
        let mut sum = 0i16;
        for &(unit, start) in r.parts.iter().flatten() {
            crate::work::add(1);
            // The words of the name: from its start to the next comma (or the end).
            let end = (start + 1..self.end)
                .find(|&i| self.s.words.word(i).hard_break_before)
                .unwrap_or(self.end);
            let from = match self.s.words.kind_at(start, end) {
                Some((_, n, _)) if start + n < end => start + n,
                _ => start,
            };
            sum += Diacritics::of_words(self.input, &self.s.words, from..end).fidelity(unit.name());
        }
        (sum.clamp(-127, 127) + 128) as u8
    }

    /// The verbatim input left of word `start`, without trailing separators.
    fn rest(&self, start: Option<usize>) -> &'a str {
        let cut = match start {
            Some(i) if i < self.s.words.len() => self.s.words.word(i).start,
            Some(_) => self.input.len(),
            None => return self.input.trim(),
        };
        self.input[..cut]
            .trim_end_matches(|c: char| !is_alphanumeric(c) && !matches!(c, ')' | ']' | '.'))
            .trim_start()
    }

    /// The first word of the comma-separated segment that word `i` is in.
    fn segment_start(&self, i: usize) -> usize {
        let start = (self.first..=i)
            .rev()
            .find(|&j| j == self.first || self.s.words.word(j).hard_break_before)
            .unwrap_or(self.first);
        crate::work::add(1 + i.saturating_sub(start));
        start
    }

    /// The leftmost word of a unit that [`find`](Self::find) may return for `end`
    /// (with its kind word), or `end` when it can return none: the name lies in the
    /// segment of word `end - 1`, within [`MAX_SPAN`] words of `end`, and two more
    /// for an English kind word after it ("Ben Nghe Ward"). Not decreasing in `end`.
    fn reach(&self, end: usize) -> usize {
        if end <= self.first {
            return end;
        }
        self.segment_start(end - 1)
            .max(end.saturating_sub(MAX_SPAN + 2))
    }

    /// Whether a segment ends at `end`.
    fn segment_ends(&self, end: usize) -> bool {
        end >= self.end || self.s.words.word(end).hard_break_before
    }

    /// The spans ending at `end` whose key (without or with the kind word) is in the
    /// index, longest first.
    fn span_hits(&mut self, end: usize) -> Range<usize> {
        if let Some((_, r)) = self.s.spans.iter().find(|(e, _)| *e == end) {
            return r.clone();
        }
        let mut hits = std::mem::take(&mut self.s.hits);
        let from = hits.len();
        if end > self.first {
            self.collect_spans(end, end, None, &mut hits);
            // An English kind word after the name: "Ben Nghe Ward", "Thu Duc City".
            if let Some((k, n)) = self.s.words.trailing_kind_at(end) {
                if end - n > self.segment_start(end - 1) {
                    self.collect_spans(end, end - n, Some(k), &mut hits);
                }
            }
            hits[from..].sort_by_key(|h: &SpanHit| h.start);
        }
        let r = from..hits.len();
        self.s.hits = hits;
        self.s.spans.push((end, r.clone()));
        r
    }

    /// The spans `start..end` whose name ends at `name_end`, for [`span_hits`].
    ///
    /// The span grows leftwards a word at a time. Its key, read backwards, is
    /// looked up in the reversed-key order, which narrows at each step: once no key
    /// ends with the span, it stops growing (after a word or two, for a kind word).
    fn collect_spans(
        &mut self,
        end: usize,
        name_end: usize,
        trailing: Option<KindWord>,
        hits: &mut Vec<SpanHit>,
    ) {
        let seg = self.segment_start(name_end - 1);
        let whole_segment_end = self.segment_ends(end);
        let min_start = seg.max(name_end.saturating_sub(MAX_SPAN));
        // The reversed key of words start..name_end, and for each start the keys
        // equal to it (positions in the reversed-key order), at `name_end - 1 - start`.
        let mut rkey = std::mem::take(&mut self.s.rkey);
        rkey.clear();
        let mut exact_at = std::mem::take(&mut self.s.exact_at);
        exact_at.clear();
        // The hash of `rkey`, kept up as it grows.
        let mut hash = HASH_START;
        let mut dead_at = None;
        for start in (min_start..name_end).rev() {
            crate::work::add(1);
            let w = self.s.words.key_bytes(start);
            if dead_at.is_none() {
                if w.last().is_some_and(u8::is_ascii_digit)
                    && rkey.last().is_some_and(u8::is_ascii_digit)
                {
                    rkey.push(b' ');
                    hash = hash_step(hash, b' ');
                }
                for &b in w.iter().rev() {
                    rkey.push(b);
                    hash = hash_step(hash, b);
                }
                match index::suffix(&rkey, hash) {
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
                .s
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
            if !positions.is_empty()
                && (kind.is_some() || self.may_be_name(start, name_end, seg, whole_segment_end))
            {
                hits.push(SpanHit {
                    start,
                    kind,
                    positions,
                });
            }
            // The kind-like word may be part of the name ("Xà Phìn", "Quan Hóa").
            if lead.is_some() && trailing.is_none() {
                let positions = exact_at[name_end - 1 - start].clone();
                if !positions.is_empty() {
                    hits.push(SpanHit {
                        start,
                        kind: None,
                        positions,
                    });
                }
            }
        }
        self.s.rkey = rkey;
        self.s.exact_at = exact_at;
    }

    /// Whether words from `start`, written without a kind word, may name a unit: a
    /// bare number only alone in its segment ("Quận 3" may be written ", 3,"), and no
    /// name right after a house number ("36 Trần Hưng Đạo") or a street word.
    ///
    /// The words are `start..name_end`, whose key is a unit's: a bare number when
    /// every word is one (the key is the words' keys, a space between two numbers).
    fn may_be_name(&self, start: usize, name_end: usize, seg: usize, seg_end: bool) -> bool {
        let words = &self.s.words;
        if (start..name_end).all(|i| words.key_bytes(i).iter().all(u8::is_ascii_digit)) {
            return start == seg && seg_end;
        }
        if start == seg {
            return true;
        }
        if vocab::is_street(self.s.words.tag(start - 1)) {
            return false;
        }
        if self
            .s
            .words
            .key_bytes(start - 1)
            .iter()
            .any(u8::is_ascii_digit)
        {
            // A house number starts its segment or follows "Số", a street word or
            // "lộ"; a number after a kind or hamlet word is a unit's or a hamlet's
            // ("Phường 15 Gò Vấp", "Ấp 2 Tân Thành").
            if start - 1 == seg {
                return false;
            }
            let t = self.s.words.tag(start - 2);
            return !(vocab::is_street(t) || t == vocab::tag::LO);
        }
        true
    }

    /// Unit names among `tables` that end exactly at word `end` (exclusive), for
    /// which `accept` holds: the exact matches of the longest span that has any; when
    /// there are none, names within a small edit distance, for a span that starts
    /// with a kind word (or, for provinces, any short span).
    ///
    /// The units are pushed on [`Scratch::found`]; the range returned is theirs.
    fn find(&mut self, end: usize, tables: &[Table], accept: Accept<'_>) -> Range<usize> {
        let base = self.s.found.len();
        if end <= self.first {
            return base..base;
        }
        debug_assert!(tables
            .windows(2)
            .all(|w| w[0].concat_index() < w[1].concat_index()));
        let span = self.span_hits(end);
        let Scratch { hits, found, .. } = &mut *self.s;
        let mut best_start = usize::MAX;
        for h in &hits[span] {
            if h.start > best_start {
                break;
            }
            crate::work::add(1);
            // Per table, in the order the positions have (ascending concatenation
            // index), so that units are found in the same order as one scan would.
            for &t in tables {
                // A kind word that does not name the table's level rules out all its
                // units (see `consider`).
                if h.kind.is_some_and(|k| !k.names_level(t.level())) {
                    continue;
                }
                for p in index::of_table(h.positions.clone(), t) {
                    crate::work::add(1);
                    let e = index::rentry_in(p, t);
                    // `consider`, but for the level, which fits.
                    let unit = t.unit(e.index);
                    if accept(&unit) && !found[base..].iter().any(|b| b.unit == unit) {
                        found.push(Found::new(unit, e.via, 0, h.start, h.kind));
                        best_start = h.start;
                    }
                }
            }
        }
        if found.len() == base && self.fuzzy {
            self.find_fuzzy(end, tables, accept);
        }
        let last = end >= self.end;
        for i in base..self.s.found.len() {
            let start = self.s.found[i].start;
            self.s.found[i].delimited = last || start == self.segment_start(start);
        }
        base..self.s.found.len()
    }

    /// Whether the exact pass left something a typo-tolerant pass may find: no
    /// reading, or a unit written with its kind word right before the units of one
    /// of the best readings ("Phường Bach Khoaa, Hai Bà Trưng, Hà Nội": a ward
    /// before a name that reads as a current ward or an old district).
    fn needs_fuzzy(&self) -> bool {
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
    fn name_segment_before(&self, end: usize) -> bool {
        if end <= self.first || !self.segment_ends(end) {
            return false;
        }
        let seg = self.segment_start(end - 1);
        end - seg <= 4
            && self.s.words.tag(seg) == vocab::tag::NONE
            && (seg..end).all(|i| !self.s.words.key(i).bytes().any(|b| b.is_ascii_digit()))
    }

    /// The typo-tolerant part of [`find`](Self::find), pushing on `found`.
    fn find_fuzzy(&mut self, end: usize, tables: &[Table], accept: Accept<'_>) {
        let base = self.s.found.len();
        let provinces = tables.contains(&Table::Province);
        let seg = self.segment_start(end - 1);
        let span = if provinces {
            MAX_FUZZY_PROVINCE_SPAN
        } else {
            MAX_SPAN
        };
        let mut best_key = (u8::MAX, usize::MAX);
        let mut key = std::mem::take(&mut self.s.key);
        for start in (seg.max(end.saturating_sub(span))..end).rev() {
            crate::work::add(1);
            let kind_word = self.s.words.kind_at(start, end);
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
                && !(start == seg && end < self.end && self.name_segment_before(end))
            {
                continue;
            }
            // A kind word must name a level searched.
            if kind.is_some_and(|k| !tables.iter().any(|t| k.names_level(t.level()))) {
                continue;
            }
            key.clear();
            for i in name_start..end {
                push_key(&mut key, self.s.words.key(i));
            }
            let max = max_distance(key.len());
            if max == 0 {
                continue;
            }
            // Fewest edits first, then the longest span (this one, as the spans
            // shrink).
            let mut offer = |found: &mut Vec<Found>, t: Table, e: &'static index::Key, dist| {
                if !tables.contains(&t) {
                    return;
                }
                let Some(f) = consider(t.unit(e.index), e.via, dist, start, kind, accept) else {
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
            if provinces {
                for t in [Table::Province, Table::LegacyProvince] {
                    for e in t.keys() {
                        if let Some(d) = distance_within(e.key(), key.as_bytes(), max) {
                            offer(&mut self.s.found, t, e, d);
                        }
                    }
                }
            } else {
                // The walk does not depend on the scope: homonym districts share it.
                let cached = self
                    .s
                    .fuzzy
                    .iter()
                    .find(|(s, e, _)| (*s, *e) == (name_start, end))
                    .map(|(_, _, r)| r.clone());
                let matches = match cached {
                    Some(r) => r,
                    None => {
                        let hits = &mut self.s.fuzzy_hits;
                        let from = hits.len();
                        fuzzy_walk(key.as_bytes(), max, |c, d| hits.push((c, d)));
                        let r = from..hits.len();
                        self.s.fuzzy.push((name_start, end, r.clone()));
                        r
                    }
                };
                let Scratch {
                    fuzzy_hits, found, ..
                } = &mut *self.s;
                crate::work::add(matches.len());
                for &(c, d) in &fuzzy_hits[matches] {
                    let (t, e) = index::entry(c);
                    offer(found, t, e, d);
                }
            }
        }
        self.s.key = key;
    }

    /// Sorts and dedups the readings, checks for a unit written but not found, and
    /// builds the result.
    ///
    /// Returns how many readings are equally good in the best structure.
    fn finish(&mut self) -> Result<usize, ParseError> {
        if self.readings.is_empty() {
            if let Some((name, _)) = self.unresolved(self.end, None) {
                return Err(ParseError::ProvinceNotFound {
                    name: self.input[name].to_owned(),
                });
            }
            return Err(ParseError::NotFound);
        }
        // Best first, then by code, then in the order found (a total order: the sort
        // need not be stable, and so needs no buffer).
        let by_score = |a: &Reading<'_>, b: &Reading<'_>| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.deepest().code_value().cmp(&b.deepest().code_value()))
                .then(a.seq.cmp(&b.seq))
        };
        let readings = &mut self.readings;
        readings.sort_unstable_by(by_score);
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
            self.readings.sort_unstable_by(by_score);
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
    fn unresolved(
        &self,
        end: usize,
        below: Option<search::Level>,
    ) -> Option<(Range<usize>, search::Level)> {
        // Nothing is below a commune.
        if end <= self.first || below == Some(search::Level::Commune) {
            return None;
        }
        let seg = self.segment_start(end - 1);
        let at_break = end >= self.end || self.s.words.word(end).hard_break_before;
        // With commas, the kind word starts the segment; without, it is a full word
        // within a few words.
        let starts = if at_break && seg + MAX_SPAN >= end {
            seg..seg + 1
        } else {
            seg.max(end.saturating_sub(MAX_SPAN))..end
        };
        for start in starts.rev() {
            crate::work::add(1);
            let Some((k, n, full)) = self.s.words.kind_at(start, end) else {
                continue;
            };
            if start + n >= end || !(full || start == seg) {
                continue;
            }
            // "Tỉnh lộ 8", "Huyện lộ 2": roads.
            if self.s.words.tag(start + n) == vocab::tag::LO {
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
            let a = self.s.words.word(start).start;
            let b = self.s.words.word(end - 1).end;
            return Some((a..b, level));
        }
        None
    }
}

/// The [`Found`] for a unit matched by a span, if `accept` holds and the kind word,
/// if any, names the unit's level.
fn consider(
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

impl Found {
    /// A unit matched by the span from `start`, with `kind` written.
    #[inline]
    fn new(unit: Unit, via: Via, edits: u8, start: usize, kind: Option<KindWord>) -> Found {
        Found {
            unit,
            start,
            edits,
            kinded: kind.is_some(),
            delimited: false,
            kind_fits: kind.is_some_and(|k| k.fits(&unit)),
            via,
        }
    }
}

/// [`char::is_alphanumeric`], without the Unicode table search for ASCII and for
/// the precomposed Latin letters of Vietnamese (all of which are alphabetic).
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        crate::text::fold::latin_base(c).is_some() || c.is_alphanumeric()
    }
}

fn leftmost(parts: &[Option<Found>]) -> Option<usize> {
    parts.iter().flatten().map(|f| f.start).min()
}

#[cfg(test)]
mod alnum_tests {
    #[test]
    fn latin_letters_are_alphanumeric() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
