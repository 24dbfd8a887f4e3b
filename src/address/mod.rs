//! Free-text address parsing, for either structure: [`parse`], the [`Address`] it
//! returns, its [`Reading`]s and the [`ParseError`]s.
//!
//! The parser reads an address right to left (`parser.rs`): it finds the unit names
//! that end at a word (`spans.rs`), makes a reading of each combination of units that
//! nest (`readings.rs`), and keeps the readings that explain the input best
//! (`scoring.rs`).

mod parser;
mod postal;
pub use postal::{PostalAgreement, WrittenPostalCode};
mod readings;
mod scoring;
#[cfg(feature = "serde")]
mod serde;
mod spans;

use crate::rank::Score;
pub(crate) use parser::{parse_with, Options};

use std::fmt;
use std::ops::Range;

use crate::legacy;
use crate::search::{Level, Via};
use crate::text::LegacyEncoding;
use crate::units::current::{Commune, Province};
use crate::units::status::Status;
use crate::units::{Era, Unit};

/// The longest address accepted, in bytes. Real addresses are under 200 bytes; longer
/// input is refused with [`ParseError::TooLong`] rather than searched, so parsing time
/// is bounded whatever the input.
pub const MAX_ADDRESS_LEN: usize = 1024;

/// Why an address could not be parsed: nothing in it was recognised.
///
/// A unit written but not found where the rest of the address puts it ("Phường Xyz,
/// Quận 1") is not an error: the address is read as far as it goes, with
/// [`Status::Partial`] and the words not found in
/// [`Address::unresolved`].
///
/// # Examples
/// ```
/// use dvhc::address::{parse, ParseError};
///
/// assert_eq!(parse("   ").unwrap_err(), ParseError::Empty);
/// assert!(matches!(parse("12 Nowhere Street, Atlantis").unwrap_err(), ParseError::NotFound));
/// let e = parse("12 Lê Lợi, Tỉnh Không Có").unwrap_err();
/// assert_eq!(e.to_string(), "no province \"Tỉnh Không Có\"");
/// assert_eq!(e.id(), "parse");
/// ```
///
/// # JSON (feature `serde`)
/// `{"kind": id, "message": text}`: the [`id`](ParseError::id) and the `Display`
/// text.
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
}

/// A unit written in an address that contradicts two others that agree, and was
/// overruled by them: a district of another province, a commune not in the district
/// written. The reading keeps the units that agree.
///
/// ```
/// use dvhc::address::parse;
///
/// // Long Thành is a district of Đồng Nai; Phường Phú Mỹ is in Bà Rịa - Vũng Tàu.
/// let a = parse("Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu").unwrap();
/// let c = a.reading().conflict().unwrap();
/// assert_eq!(c.overruled().to_string(), "Huyện Long Thành");
/// assert_eq!(c.by().to_string(), "Phường Phú Mỹ");
/// assert_eq!(c.to_string(), "Huyện Long Thành overruled by Phường Phú Mỹ");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    overruled: Unit,
    by: Unit,
}

impl Conflict {
    /// The unit as written, which the reading does not keep.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu").unwrap();
    /// assert_eq!(a.reading().conflict().unwrap().overruled().code().to_string(), "740");
    /// ```
    pub fn overruled(&self) -> Unit {
        self.overruled
    }

    /// The unit kept that contradicts it: the commune that is not in the overruled
    /// district, or the district that is not in the overruled province.
    ///
    /// ```
    /// let a = dvhc::address::parse("Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu").unwrap();
    /// assert_eq!(a.reading().conflict().unwrap().by().name(), "Phú Mỹ");
    /// ```
    pub fn by(&self) -> Unit {
        self.by
    }
}

impl fmt::Display for Conflict {
    /// `Huyện Long Thành overruled by Phường Phú Mỹ`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} overruled by {}", self.overruled, self.by)
    }
}

/// Words of an address that look like a unit (a kind word and a name, a number after
/// `P.` or `Q.`, a name of its own between commas) left of the units found, which no
/// unit matches there: the address is read only partly ([`Status::Partial`]).
///
/// ```
/// use dvhc::address::parse;
/// use dvhc::search::Level;
///
/// let a = parse("12 Lê Lợi, Phường Xyz, Quận 1, TP.HCM").unwrap();
/// let u = a.unresolved().unwrap();
/// assert_eq!((u.text(), u.level()), ("Phường Xyz", Level::Commune));
/// assert_eq!(a.reading().deepest().to_string(), "Quận 1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unresolved<'a> {
    text: &'a str,
    level: Level,
}

impl<'a> Unresolved<'a> {
    /// Words `text` of a unit of `level` not found.
    pub(crate) fn new(text: &'a str, level: Level) -> Self {
        Unresolved { text, level }
    }

    /// The words, verbatim.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The level of the unit they seem to name.
    pub fn level(&self) -> Level {
        self.level
    }
}

impl ParseError {
    /// A stable ASCII id of the error, serialised as `"kind"`: `"empty"`,
    /// `"too_long"`, `"not_found"`, or `"parse"` for a province written with its kind
    /// word that does not exist ([`ProvinceNotFound`](Self::ProvinceNotFound)).
    ///
    /// ```
    /// use dvhc::address::{parse, ParseError};
    /// assert_eq!(ParseError::Empty.id(), "empty");
    /// assert_eq!(parse("12 Nowhere Street, Atlantis").unwrap_err().id(), "not_found");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            ParseError::Empty => "empty",
            ParseError::TooLong { .. } => "too_long",
            ParseError::NotFound => "not_found",
            ParseError::ProvinceNotFound { .. } => "parse",
        }
    }
}

/// The remarks of an address or a translation, verbatim: an iterator of `&str`
/// ([`Address::remarks`], [`Translation::remarks`](crate::translate::Translation::remarks)).
///
/// ```
/// let a = dvhc::address::parse("P. Bến Nghé (cũ), Q.1, TP.HCM (gần chợ)").unwrap();
/// assert_eq!(a.remarks().collect::<Vec<_>>(), ["(cũ)", "(gần chợ)"]);
/// assert_eq!(a.remarks().len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Remarks<'r, 'a> {
    input: &'a str,
    ranges: std::slice::Iter<'r, Range<usize>>,
}

impl<'r, 'a> Remarks<'r, 'a> {
    /// The remarks at `ranges` of `input`.
    pub(crate) fn new(input: &'a str, ranges: &'r [Range<usize>]) -> Self {
        Remarks {
            input,
            ranges: ranges.iter(),
        }
    }
}

impl<'a> Iterator for Remarks<'_, 'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let r = self.ranges.next()?;
        Some(self.input.get(r.clone()).unwrap_or(""))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ranges.size_hint()
    }
}

impl ExactSizeIterator for Remarks<'_, '_> {}

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
/// use dvhc::Era;
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
    /// How well it explains the input (`rank.rs`).
    pub(crate) score: Score,
    /// The first word of the units.
    first_word: usize,
    /// The units found and the word each starts at, for the diacritic fidelity.
    parts: [Option<(Unit, usize)>; 3],
    /// The order in which the parser found the readings, the last tie-break.
    pub(crate) seq: u32,
    /// A written unit this reading overrules.
    conflict: Option<Conflict>,
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
    /// use dvhc::Era;
    /// assert_eq!(dvhc::address::parse("Quận 1, TP.HCM").unwrap().reading().era(), Era::Legacy);
    /// ```
    pub fn era(&self) -> Era {
        match self.units {
            Units::Legacy(_) => Era::Legacy,
            Units::Current(_) => Era::Current,
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

    /// A unit written in the address that this reading overrules because two others
    /// agree against it ("Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu":
    /// Long Thành is in Đồng Nai). A reading with a conflict ranks below one whose
    /// units all agree.
    ///
    /// ```
    /// let a = dvhc::address::parse("P. Bến Nghé, Q.1, TP.HCM").unwrap();
    /// assert!(a.reading().conflict().is_none());
    /// ```
    pub fn conflict(&self) -> Option<Conflict> {
        self.conflict
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
///
/// # JSON (feature `serde`)
/// One object per address, as `dvhc parse` prints it (conventions in the crate
/// documentation, "Serialisation"):
///
/// ```json
/// {"input": "...", "status": "ok" | "partial" | "ambiguous" | "error",
///  "structure": "legacy" | "current" | null,
///  "units": {"province": ref | null, "district": ref | null, "commune": ref | null},
///  "alternatives": [{"structure": ..., "units": {...}}],
///  "rest": "street part, verbatim" | "",
///  "unresolved": {"text": "Phường Xyz", "level": "commune"} | null,
///  "remarks": ["(gần chợ)"],
///  "conflict": {"overruled": ref, "by": ref} | null,
///  "repaired": "vni" | "tcvn3" | null,
///  "postal_code": {"code": "71016" (its digits, ASCII), "agreement": "commune" | "province"
///                  | "contradicts" | "unknown", "commune": ref | null} | null,
///  "error": {"kind": ..., "message": ...} | null}
/// ```
///
/// `status` follows [`Status`]'s rules; `structure`, `units` and `conflict` are the
/// best reading's (`district` is always `null` in the current structure);
/// `alternatives` the other [readings](Address::readings) when the address
/// [is ambiguous](Address::is_ambiguous), else `[]`; `unresolved`, `remarks`,
/// `repaired` and `postal_code` as their methods. An address serialises with `error: null`; [`Outcome`]
/// gives the same shape to an input that failed, and [`AsOf`](crate::AsOf) names
/// current units as on a date.
#[derive(Debug, Clone)]
pub struct Address<'a> {
    input: &'a str,
    readings: Vec<Reading<'a>>,
    ambiguous: usize,
    /// A unit written and not found: its bytes in `input` and its level.
    unresolved: Option<(Range<usize>, Level)>,
    /// The bytes of the remarks in `input`.
    remarks: Vec<Range<usize>>,
    /// The legacy encoding the input was repaired from.
    repaired: Option<LegacyEncoding>,
    /// The best reading's street part, repaired, when the input was.
    repaired_rest: Option<String>,
    /// A postal code written after the units: its bytes in `input`.
    postal: Option<Range<usize>>,
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
    /// assert_eq!(a.reading().deepest().code().to_string(), "01");
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
    /// use dvhc::Era;
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

    /// How completely the address was read: [`Status::Partial`] when a unit written
    /// left of the units found was not found there ([`unresolved`](Self::unresolved);
    /// the level reached is the best reading's deepest), [`Status::Ambiguous`] when
    /// several readings of one structure tie, else [`Status::Ok`]. The rules are
    /// [`Status`]'s.
    ///
    /// ```
    /// use dvhc::{address::parse, Level, Status};
    /// assert_eq!(parse("P. Bến Nghé, Q.1, TP.HCM").unwrap().status(), Status::Ok);
    /// assert_eq!(parse("Phường 1").unwrap().status(), Status::Ambiguous);
    /// assert_eq!(parse("Phường 1, Quận 3, TP.HCM").unwrap().status(), Status::Ok);
    /// let a = parse("Phường Xyz, Quận 1, TP.HCM").unwrap();
    /// assert_eq!(a.status(), Status::Partial);
    /// assert_eq!(a.reading().deepest().level(), Level::District);
    /// ```
    pub fn status(&self) -> Status {
        Status::of(self.unresolved.is_some(), self.ambiguous)
    }

    /// A unit written left of the units found that was not found there (the address
    /// is read only as far as the units found: [`Status::Partial`]).
    ///
    /// ```
    /// let a = dvhc::address::parse("Xã Qwerty, Huyện Củ Chi, TP.HCM").unwrap();
    /// assert_eq!(a.unresolved().unwrap().text(), "Xã Qwerty");
    /// assert!(dvhc::address::parse("Xã Tân Thông Hội, Huyện Củ Chi").unwrap().unresolved().is_none());
    /// ```
    pub fn unresolved(&self) -> Option<Unresolved<'a>> {
        let input = self.input;
        self.unresolved.clone().map(|(r, level)| Unresolved {
            text: input.get(r).unwrap_or(""),
            level,
        })
    }

    /// The remarks of the address, verbatim and in order: text in brackets, and a
    /// trailing remark introduced by "gần", "đối diện", "cạnh", "kế bên", "ngã tư"… or
    /// a label such as "Shop cũ:". Their words are not read as units unless nothing
    /// outside them is (then there are no remarks).
    ///
    /// ```
    /// let a = dvhc::address::parse("Số 7, Phường Hòa Bình, TP Biên Hòa, Đồng Nai (gần chợ)").unwrap();
    /// assert_eq!(a.remarks().collect::<Vec<_>>(), ["(gần chợ)"]);
    /// assert_eq!(a.reading().rest(), "Số 7");
    /// assert_eq!(a.reading().deepest().to_string(), "Phường Quang Vinh"); // Hòa Bình merged into it
    /// let a = dvhc::address::parse("139 Quốc Lộ 9, Phường 5, TP Đông Hà, Quảng Trị, Shop cũ: 94 Quốc Lộ 9, P1").unwrap();
    /// assert_eq!(a.remarks().collect::<Vec<_>>(), ["Shop cũ: 94 Quốc Lộ 9, P1"]);
    /// ```
    pub fn remarks(&self) -> Remarks<'_, 'a> {
        Remarks {
            input: self.input,
            ranges: self.remarks.iter(),
        }
    }

    /// The legacy encoding the input was written in, when it was VNI or TCVN3 text
    /// decoded as Windows-1252 or Latin-1 ("mojibake"), which was repaired before it
    /// was read ([`dvhc::text::clean`](crate::text::clean)). Everything verbatim (the
    /// street part, remarks) is the input's, unrepaired.
    ///
    /// ```
    /// use dvhc::text::LegacyEncoding;
    /// let a = dvhc::address::parse("Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai").unwrap();
    /// assert_eq!(a.repaired(), Some(LegacyEncoding::Vni));
    /// assert_eq!(a.reading().deepest().to_string(), "Thị trấn Long Thành");
    /// assert_eq!(dvhc::address::parse("Xã Long Thành, Đồng Nai").unwrap().repaired(), None);
    /// ```
    pub fn repaired(&self) -> Option<LegacyEncoding> {
        self.repaired
    }

    /// The postal code written after the units, if any, and how it agrees with the
    /// best reading's current units (a legacy reading's through its successors).
    ///
    /// A word of five digits (the current scheme) or six (the one before 2018) among
    /// the trailing words after the units is a postal code; a number at the start or
    /// in the street part is a house number ("11120 Lê Lợi"). It is evidence only: a
    /// code of another province is reported ([`PostalAgreement::Contradicts`]) and
    /// changes nothing, and a code never decides a unit the words do not name.
    ///
    /// ```
    /// use dvhc::address::{parse, PostalAgreement};
    /// let a = parse("12 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM 71016").unwrap();
    /// // Bến Nghé went into Phường Sài Gòn, whose code is 71016.
    /// assert_eq!(a.postal_code().unwrap().agreement(), PostalAgreement::Commune);
    /// assert_eq!(a.reading().rest(), "12 Lê Lợi");
    /// assert!(parse("11120 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM").unwrap().postal_code().is_none());
    /// ```
    pub fn postal_code(&self) -> Option<WrittenPostalCode<'a>> {
        let range = self.postal.clone()?;
        let r = self.reading();
        Some(match &r.units {
            Units::Current(c) => WrittenPostalCode::new(
                self.input,
                range,
                c.commune.into_iter(),
                std::iter::once(c.province),
            ),
            Units::Legacy(l) => {
                let communes: Vec<&'static Commune> = match (l.commune, l.district) {
                    (Some(c), _) => c.successors().map(|(c, _)| c).collect(),
                    (None, Some(d)) => d.successors().into_iter().map(|(c, _)| c).collect(),
                    (None, None) => Vec::new(),
                };
                WrittenPostalCode::new(
                    self.input,
                    range,
                    communes.iter().copied(),
                    std::iter::once(l.province.successor()),
                )
            }
        })
    }

    /// The bytes of the postal code written, in the input.
    pub(crate) fn postal_range(&self) -> Option<Range<usize>> {
        self.postal.clone()
    }

    /// The best reading's street part repaired from a legacy encoding, when the input
    /// was.
    pub(crate) fn repaired_rest(&self) -> Option<&str> {
        self.repaired_rest.as_deref()
    }

    /// The byte ranges of the remarks in the input.
    pub(crate) fn remark_ranges(&self) -> &[Range<usize>] {
        &self.remarks
    }

    /// The byte range of the unit written and not found in the input, and its level.
    pub(crate) fn unresolved_range(&self) -> Option<(Range<usize>, Level)> {
        self.unresolved.clone()
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

/// One input and what became of its parsing: an [`Address`] or an error, serialised
/// (feature `serde`) as the one object [`Address`] documents, `status` `"error"` and
/// `error` set for a failure, so that every input gets a line of the same shape.
///
/// The error type is [`ParseError`] for the library's errors; a caller with errors of
/// its own (an input line that is not UTF-8) uses any serialisable type, preferably
/// with the same `{"kind", "message"}` shape.
///
/// # Examples
/// ```
/// use dvhc::address::{parse, Outcome};
/// use dvhc::Status;
///
/// let r = parse("");
/// let o = Outcome::new("", &r);
/// assert_eq!(o.status(), Status::Error);
/// # #[cfg(feature = "serde")]
/// assert_eq!(
///     serde_json::to_string(&o).unwrap(),
///     r#"{"input":"","status":"error","structure":null,"units":{"province":null,"district":null,"commune":null},"alternatives":[],"rest":"","unresolved":null,"remarks":[],"conflict":null,"repaired":null,"postal_code":null,"error":{"kind":"empty","message":"the address is empty"}}"#
/// );
/// ```
#[derive(Debug)]
pub struct Outcome<'r, 'a, E = ParseError> {
    input: &'r str,
    result: Result<&'r Address<'a>, &'r E>,
}

impl<E> Clone for Outcome<'_, '_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Outcome<'_, '_, E> {}

impl<'r, 'a, E> Outcome<'r, 'a, E> {
    /// The outcome of parsing `input`.
    ///
    /// ```
    /// let r = dvhc::address::parse("Huế");
    /// assert!(dvhc::address::Outcome::new("Huế", &r).address().is_some());
    /// ```
    pub fn new(input: &'r str, result: &'r Result<Address<'a>, E>) -> Self {
        Outcome {
            input,
            result: result.as_ref(),
        }
    }

    /// The outcome of an input that failed with `error`, before or during parsing.
    ///
    /// ```
    /// let e = "not valid UTF-8";
    /// let o = dvhc::address::Outcome::<&str>::failed("\u{FFFD}", &e);
    /// assert_eq!(o.error(), Some(&"not valid UTF-8"));
    /// ```
    pub fn failed(input: &'r str, error: &'r E) -> Self {
        Outcome {
            input,
            result: Err(error),
        }
    }

    /// The input, as given.
    ///
    /// ```
    /// let r = dvhc::address::parse("Huế");
    /// assert_eq!(dvhc::address::Outcome::new("Huế", &r).input(), "Huế");
    /// ```
    pub fn input(&self) -> &'r str {
        self.input
    }

    /// The address, unless parsing failed.
    pub fn address(&self) -> Option<&'r Address<'a>> {
        self.result.ok()
    }

    /// The error, if parsing failed.
    pub fn error(&self) -> Option<&'r E> {
        self.result.err()
    }

    /// The address's [status](Address::status), or [`Status::Error`].
    ///
    /// ```
    /// use dvhc::{address::{parse, Outcome}, Status};
    /// let r = parse("Phường 1");
    /// assert_eq!(Outcome::new("Phường 1", &r).status(), Status::Ambiguous);
    /// ```
    pub fn status(&self) -> Status {
        match self.result {
            Ok(a) => a.status(),
            Err(_) => Status::Error,
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
/// when no unit is recognised; [`ParseError::ProvinceNotFound`] when, in addition,
/// the address ends with a province written with its kind word (`Tỉnh …`) that does
/// not exist. A unit written but not found where the rest of the address puts it is
/// no error: see [`Address::status`].
///
/// # Examples
/// ```
/// use dvhc::address::parse;
/// use dvhc::Era;
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
    parse_with(input, Options::default(), Address::clone)
}

/// [`parse`], reading the address in the structure `era` only: for a list known to be
/// written before 1 July 2025 (or after), so that text that reads in both structures
/// is read in that one. Units of the other structure are not recognised.
/// ([`Translator::assume`](crate::translate::Translator::assume) does the same for
/// translations.)
///
/// # Errors
/// As [`parse`].
///
/// # Examples
/// ```
/// use dvhc::{address::{parse, parse_as}, Era};
/// // The ward Phường Bến Thành exists in both structures.
/// assert_eq!(parse("Phường Bến Thành, TP.HCM").unwrap().reading().era(), Era::Current);
/// assert_eq!(parse_as("Phường Bến Thành, TP.HCM", Era::Legacy).unwrap().reading().era(), Era::Legacy);
/// // A commune only the current structure has: only the province, in the old one.
/// let a = parse_as("Phường Sài Gòn, TP.HCM", Era::Legacy).unwrap();
/// assert_eq!(a.reading().deepest().to_string(), "Thành phố Hồ Chí Minh");
/// ```
pub fn parse_as(input: &str, era: Era) -> Result<Address<'_>, ParseError> {
    parse_with(input, Options { era: Some(era) }, Address::clone)
}
