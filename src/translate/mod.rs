//! Old→new address translation, and the reverse: [`translate`], [`Translator`] and
//! the [`Translation`] they return; [`reverse_address`].

mod candidates;
mod reverse;
#[cfg(feature = "serde")]
mod serde;
mod ties;

pub use reverse::{reverse_address, LegacyForm};

use candidates::{candidate_count, haversine_km, push_candidates};
use ties::tied_readings;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::address::{self, Address, LegacyUnits, ParseError, Reading, Units};
use crate::search::Via;
use crate::units::current::{Commune, Province};
use crate::units::date::Date;
use crate::units::kind::Share;
use crate::units::names::Names;
use crate::units::status::Status;
use crate::units::{Era, Level};

/// Why an address could not be translated.
///
/// ```
/// use dvhc::translate::{translate, TranslateError};
/// use dvhc::address::ParseError;
///
/// assert!(matches!(translate(""), Err(TranslateError::Parse(ParseError::Empty))));
/// ```
///
/// # JSON (feature `serde`)
/// `{"kind": id, "message": text}`: the [`id`](TranslateError::id) and the `Display`
/// text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TranslateError {
    /// The address could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// Coordinates given with the address are not finite or out of range.
    #[error("coordinates out of range: latitude must be within ±90 and longitude within ±180")]
    BadCoordinates,
    /// [`reverse_address`] was given an address in the pre-2025 structure.
    #[error("the address is in the pre-2025 structure; translate it instead")]
    NotCurrent,
    /// Units were recognised, but no new unit corresponds to them. The tables map
    /// every old unit, so this does not happen with the data shipped; it is reported
    /// rather than returning a translation without candidates.
    #[error("no new unit corresponds to the address")]
    NoNewUnit,
}

impl TranslateError {
    /// A stable ASCII id of the error, serialised as `"kind"`: the
    /// [parse error's](ParseError::id) for [`Parse`](Self::Parse),
    /// `"bad_coordinates"`, `"not_current"`, or `"not_found"` for
    /// [`NoNewUnit`](Self::NoNewUnit).
    ///
    /// ```
    /// use dvhc::translate::{translate_at, TranslateError};
    /// assert_eq!(translate_at("Quận 1", 91.0, 0.0).unwrap_err().id(), "bad_coordinates");
    /// assert_eq!(dvhc::translate::translate("").unwrap_err().id(), "empty");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            TranslateError::Parse(e) => e.id(),
            TranslateError::BadCoordinates => "bad_coordinates",
            TranslateError::NotCurrent => "not_current",
            TranslateError::NoNewUnit => "not_found",
        }
    }
}

/// How the candidates of a split commune were ordered.
///
/// Serialised (feature `serde`) as its [`id`](Ranking::id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ranking {
    /// By distance from the given coordinates to each candidate's centre (nearest
    /// first). An approximation: the candidates stay ambiguous.
    CentroidDistance,
    /// The given coordinates lie inside one candidate's boundary (as told by a
    /// [`Locate`] implementation such as `dvhc-geo`), which decides the translation.
    Containment,
}

impl Ranking {
    /// `"centroid_distance"` or `"containment"`.
    ///
    /// ```
    /// assert_eq!(dvhc::translate::Ranking::Containment.id(), "containment");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Ranking::CentroidDistance => "centroid_distance",
            Ranking::Containment => "containment",
        }
    }

    /// The ranking with this [`id`](Self::id), if any.
    ///
    /// ```
    /// use dvhc::translate::Ranking;
    /// assert_eq!(Ranking::from_id("containment"), Some(Ranking::Containment));
    /// ```
    pub fn from_id(id: &str) -> Option<Ranking> {
        [Ranking::CentroidDistance, Ranking::Containment]
            .into_iter()
            .find(|r| r.id() == id)
    }
}

/// A point-in-commune oracle, e.g. `dvhc-geo`'s boundary polygons, that a
/// [`Translator`] may use to resolve split communes exactly.
///
/// ```
/// use dvhc::translate::{Locate, Translator};
/// use dvhc::Commune;
///
/// /// A toy locator: everything north of 11° is Phường Tân Định.
/// struct North;
/// impl Locate for North {
///     fn locate(&self, lat: f64, _lon: f64) -> Option<&'static Commune> {
///         (lat > 11.0).then(|| Commune::get("26737".parse().unwrap()).unwrap())
///     }
/// }
/// let t = Translator::new().with_locator(North);
/// let r = t.translate_at("P. Đa Kao, Q.1, TP.HCM", 11.5, 106.7).unwrap();
/// assert!(!r.is_ambiguous());
/// assert_eq!(r.candidates()[0].commune().unwrap().name(), "Tân Định");
/// ```
pub trait Locate: Send + Sync {
    /// The current commune whose boundary contains the point, if any.
    fn locate(&self, lat: f64, lon: f64) -> Option<&'static Commune>;
}

/// One possible new unit for a translated address.
///
/// # JSON (feature `serde`)
/// ```json
/// {"province": ref, "commune": ref | null, "share": "whole" | "partial",
///  "distance_km": number | null}
/// ```
///
/// Names are those in force on the translator's date; `distance_km` is
/// [`Candidate::distance_km`] rounded to metres.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    province: &'static Province,
    commune: Option<&'static Commune>,
    share: Share,
    distance_km: Option<f64>,
    /// How the translator names current units.
    names: Names,
}

impl Candidate {
    /// The new province.
    ///
    /// ```
    /// let t = dvhc::translate::translate("Tỉnh Bình Dương").unwrap();
    /// assert_eq!(t.candidates()[0].province().name(), "Hồ Chí Minh");
    /// ```
    pub fn province(&self) -> &'static Province {
        self.province
    }

    /// The new commune, when the address went down to commune (or district) level.
    ///
    /// ```
    /// let t = dvhc::translate::translate("P. Bến Nghé, Q.1, TP.HCM").unwrap();
    /// assert_eq!(t.candidates()[0].commune().unwrap().name(), "Sài Gòn");
    /// ```
    pub fn commune(&self) -> Option<&'static Commune> {
        self.commune
    }

    /// Whether all of the old unit went into this candidate, or only part of it.
    ///
    /// ```
    /// use dvhc::Share;
    /// let t = dvhc::translate::translate("P. Đa Kao, Q.1, TP.HCM").unwrap();
    /// assert!(t.candidates().iter().all(|c| c.share() == Share::Partial));
    /// ```
    pub fn share(&self) -> Share {
        self.share
    }

    /// Distance in km from the coordinates given to the candidate's centre, when
    /// coordinates were given and the centre is known.
    ///
    /// ```
    /// let t = dvhc::translate::translate_at("P. Đa Kao, Q.1, TP.HCM", 10.79, 106.69).unwrap();
    /// assert!(t.candidates()[0].distance_km().unwrap() < 3.0);
    /// ```
    pub fn distance_km(&self) -> Option<f64> {
        self.distance_km
    }
}

/// The result of translating an address.
///
/// # Examples
/// ```
/// use dvhc::translate::translate;
///
/// let t = translate("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").unwrap();
/// assert!(!t.is_ambiguous());
/// assert_eq!(t.to_string(), "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh");
/// assert_eq!(t.legacy().unwrap().commune().unwrap().name(), "Bến Nghé");
///
/// // A translation borrows its input; `into_owned` makes one that does not.
/// let owned: dvhc::translate::Translation<'static> = {
///     let input = String::from("P. Bến Nghé, Q.1, TP.HCM");
///     translate(&input).unwrap().into_owned()
/// };
/// assert_eq!(owned.input(), "P. Bến Nghé, Q.1, TP.HCM");
/// ```
///
/// # JSON (feature `serde`)
/// One object per address, as `dvhc translate` prints it (conventions in the crate
/// documentation, "Serialisation"):
///
/// ```json
/// {"input": "...", "status": "ok" | "ambiguous" | "error",
///  "structure": "legacy" | "current" | null,
///  "legacy": {"province": ref, "district": ref | null, "commune": ref | null} | null,
///  "rest": "street part, verbatim" | "",
///  "candidates": [{"province": ref, "commune": ref | null, "share": "whole" | "partial",
///                  "distance_km": number | null}],
///  "formatted": "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh" | null,
///  "error": {"kind": "...", "message": "..."} | null}
/// ```
///
/// `structure` is the [era](Translation::era) of the input; `legacy` the old units
/// when it is written in the pre-2025 structure; `candidates` as [`Candidate`];
/// `formatted` is [`Translation::formatted`]; names of current units are those in
/// force on the translator's date. A translation serialises with `error: null`;
/// [`Outcome`] gives the same shape to an input that could not be translated (`status`
/// `"error"`; `structure`, `legacy`, `formatted` `null`, `rest` `""`, `candidates`
/// `[]`).
#[derive(Debug, Clone)]
pub struct Translation<'a> {
    input: Cow<'a, str>,
    era: Era,
    legacy: Option<LegacyUnits>,
    rest: Cow<'a, str>,
    level: Level,
    candidates: Vec<Candidate>,
    ranking: Option<Ranking>,
    via: Via,
    readings: usize,
    /// How current units are named (the translator's date).
    names: Names,
}

impl<'a> Translation<'a> {
    /// The input, as given.
    ///
    /// ```
    /// let t = dvhc::translate::translate("Huế").unwrap();
    /// assert_eq!(t.input(), "Huế");
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The structure (era) the input was written in.
    ///
    /// ```
    /// use dvhc::Era;
    /// let t = dvhc::translate::translate("Phường Sài Gòn, TP.HCM").unwrap();
    /// assert_eq!(t.era(), Era::Current);
    /// ```
    pub fn era(&self) -> Era {
        self.era
    }

    /// [`Status::Ok`] when the translation [resolves](Self::resolved) to one unit,
    /// else [`Status::Ambiguous`] (a translation has at least one candidate; an input
    /// without any is a [`TranslateError`]).
    ///
    /// ```
    /// use dvhc::{translate::translate, Status};
    /// assert_eq!(translate("Quận 1, TP.HCM").unwrap().status(), Status::Ambiguous);
    /// ```
    pub fn status(&self) -> Status {
        if self.resolved().is_some() {
            Status::Ok
        } else {
            Status::Ambiguous
        }
    }

    /// The day whose names the translation renders (the translator's
    /// [`on`](Translator::on), from 1 July 2025), or `None` for the newest law. Name
    /// other current units alike with [`AsOf`](crate::AsOf).
    ///
    /// ```
    /// use dvhc::{translate::Translator, Date};
    /// let t = Translator::new().on(Date::new(2020, 1, 1).unwrap()).translate("Huế").unwrap();
    /// assert_eq!(t.date(), Some(Date::REFORM));
    /// assert_eq!(dvhc::translate::translate("Huế").unwrap().date(), None);
    /// ```
    pub fn date(&self) -> Option<Date> {
        self.names.date()
    }

    /// The same translation, owning its input and street part, so that it outlives
    /// the input string (to keep, send to another thread, or cache).
    ///
    /// ```
    /// let lines = vec![String::from("P. Bến Nghé, Q.1, TP.HCM")];
    /// let kept: Vec<dvhc::translate::Translation<'static>> = lines
    ///     .iter()
    ///     .map(|l| dvhc::translate::translate(l).unwrap().into_owned())
    ///     .collect();
    /// drop(lines);
    /// assert_eq!(kept[0].rest(), "");
    /// ```
    pub fn into_owned(self) -> Translation<'static> {
        Translation {
            input: Cow::Owned(self.input.into_owned()),
            rest: Cow::Owned(self.rest.into_owned()),
            era: self.era,
            legacy: self.legacy,
            level: self.level,
            candidates: self.candidates,
            ranking: self.ranking,
            via: self.via,
            readings: self.readings,
            names: self.names,
        }
    }

    /// The old units the input names, when written in the pre-2025 structure.
    pub fn legacy(&self) -> Option<&LegacyUnits> {
        self.legacy.as_ref()
    }

    /// The street part (house number, street, hamlet), verbatim.
    ///
    /// ```
    /// let t = dvhc::translate::translate("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").unwrap();
    /// assert_eq!(t.rest(), "12 Lê Lợi");
    /// ```
    pub fn rest(&self) -> &str {
        &self.rest
    }

    /// The deepest level the input gave: an address that stops at the district or
    /// province translates only that far.
    ///
    /// ```
    /// use dvhc::Level;
    /// let t = dvhc::translate::translate("Quận 1, TP.HCM").unwrap();
    /// assert_eq!(t.level(), Level::District);
    /// assert!(t.is_ambiguous()); // Quận 1 went into several new wards
    /// ```
    pub fn level(&self) -> Level {
        self.level
    }

    /// Every new unit the address may now be in, best first. One when the old
    /// commune went whole into one new commune; several when it was split (each
    /// [`Share::Partial`]), when the input stops at district level, or when the
    /// input was ambiguous.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// How the candidates were ranked, when coordinates were given.
    pub fn ranking(&self) -> Option<Ranking> {
        self.ranking
    }

    /// How the old commune's name was recognised; [`Via::Historical`] means the
    /// input used the name of a commune abolished before 2025, and the translation
    /// went through the commune it was merged into (the "hop" is
    /// [`legacy`](Self::legacy)`().commune()`).
    ///
    /// ```
    /// use dvhc::search::Via;
    /// // Phường 10 of Quận 3 was merged into Phường 9 before 2025.
    /// let t = dvhc::translate::translate("Phường 10, Quận 3, TP.HCM").unwrap();
    /// assert_eq!(t.via(), Via::Historical);
    /// assert_eq!(t.legacy().unwrap().commune().unwrap().name(), "9");
    /// ```
    pub fn via(&self) -> Via {
        self.via
    }

    /// The single new unit the address resolves to, if it resolves to one: a single
    /// candidate, or the candidate whose boundary contains the given coordinates.
    ///
    /// ```
    /// let t = dvhc::translate::translate("P. Bến Nghé, Q.1, TP.HCM").unwrap();
    /// assert_eq!(t.resolved().unwrap().commune().unwrap().code().to_string(), "26740");
    /// ```
    pub fn resolved(&self) -> Option<&Candidate> {
        match (self.candidates.as_slice(), self.ranking) {
            ([only], _) => Some(only),
            ([first, ..], Some(Ranking::Containment)) => Some(first),
            _ => None,
        }
    }

    /// `true` when several candidates remain (split commune, district-level input,
    /// homonyms); the candidates list them all. Never a silent single guess.
    pub fn is_ambiguous(&self) -> bool {
        self.resolved().is_none()
    }

    /// How many equally good readings the input had (more than one for homonyms
    /// that nothing in the address tells apart).
    pub fn readings(&self) -> usize {
        self.readings
    }

    /// The new address of `candidate` in official form: the street part, the commune
    /// and the province, with the names in force on the translator's date (today's
    /// law by default).
    ///
    /// ```
    /// let t = dvhc::translate::translate("P. Đa Kao, Q.1, TP.HCM").unwrap();
    /// let all: Vec<String> = t.candidates().iter().map(|c| t.format(c)).collect();
    /// assert_eq!(all, ["Phường Tân Định, Thành phố Hồ Chí Minh", "Phường Sài Gòn, Thành phố Hồ Chí Minh"]);
    /// ```
    pub fn format(&self, candidate: &Candidate) -> String {
        let mut s = String::with_capacity(self.rest.len() + 64);
        // Writing to a `String` cannot fail.
        let _ = self.write_formatted(candidate, &mut s);
        s
    }

    /// Writes the new address of `candidate` in official form: the one definition of
    /// [`format`](Self::format), also used to serialise `formatted`.
    fn write_formatted(&self, candidate: &Candidate, w: &mut impl fmt::Write) -> fmt::Result {
        // Pieces are written as they are (no formatting machinery): this runs once per
        // row in `dvhc csv`.
        let mut first = true;
        let mut put = |w: &mut dyn fmt::Write, parts: &[&str]| {
            if !first {
                w.write_str(", ")?;
            }
            first = false;
            parts.iter().try_for_each(|p| w.write_str(p))
        };
        if !self.rest.is_empty() {
            put(w, &[&self.rest])?;
        }
        if let Some(c) = candidate.commune {
            let name = self.names.commune(c);
            put(w, &[name.prefix(), " ", name.name()])?;
        }
        let name = self.names.province(candidate.province);
        put(w, &[name.prefix(), " ", name.name()])
    }

    /// The new address in official form when it [resolves](Self::resolved) to one
    /// unit; `None` when ambiguous.
    ///
    /// ```
    /// let t = dvhc::translate::translate("P. Đa Kao, Q.1, TP.HCM").unwrap();
    /// assert!(t.formatted().is_none());
    /// ```
    pub fn formatted(&self) -> Option<String> {
        self.resolved().map(|c| self.format(c))
    }
}

impl fmt::Display for Translation<'_> {
    /// The new address of the best candidate (check [`Translation::is_ambiguous`]
    /// before trusting it alone).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.candidates.first() {
            Some(c) => self.write_formatted(c, f),
            None => f.write_str(&self.rest),
        }
    }
}

/// A reusable, thread-safe translator: the date whose names to render, optionally a
/// [`Locate`] oracle for split communes, and the threads of a batch.
///
/// # Examples
/// ```
/// use dvhc::translate::Translator;
///
/// // Render names in force on 1 July 2025 (before Đồng Nai became a city).
/// let t = Translator::new().on("2025-07-01".parse().unwrap());
/// let r = t.translate("Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai").unwrap();
/// assert_eq!(r.formatted().unwrap(), "Xã Long Thành, Tỉnh Đồng Nai");
/// let r = Translator::new().translate("Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai").unwrap();
/// assert_eq!(r.formatted().unwrap(), "Phường Long Thành, Thành phố Đồng Nai");
///
/// // Many addresses on all cores (or on 2 threads), in input order.
/// let out = Translator::new().translate_batch(&["P. Bến Nghé, Q.1, TP.HCM", "???"]);
/// assert!(out[0].is_ok() && out[1].is_err());
/// let out = Translator::new().threads(2).translate_batch(&["Huế"; 100]);
/// assert_eq!(out.len(), 100);
/// ```
#[derive(Clone, Default)]
pub struct Translator {
    names: Names,
    locator: Option<Arc<dyn Locate>>,
    /// Threads of a batch; 0 for every core.
    threads: usize,
}

impl fmt::Debug for Translator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translator")
            .field("names", &self.names)
            .field("locator", &self.locator.is_some())
            .field("threads", &self.threads)
            .finish()
    }
}

/// The most threads a batch uses, whatever [`Translator::threads`] asks for.
pub const MAX_THREADS: usize = 256;

/// Addresses per chunk a batch thread takes at a time, at least.
const MIN_CHUNK: usize = 16;

impl Translator {
    /// A translator rendering today's names (the newest law), without locator, whose
    /// batches run on every core.
    ///
    /// ```
    /// let t = dvhc::translate::Translator::new();
    /// assert!(t.translate("Huế").is_ok());
    /// ```
    pub fn new() -> Translator {
        Translator::default()
    }

    /// Render names and kinds of current units as in force on `date`. A date before
    /// 1 July 2025 renders them as on 1 July 2025, the day they came into being
    /// (they had no name before); the old units an input names keep theirs of
    /// 30 June 2025 whatever the date.
    ///
    /// ```
    /// use dvhc::{translate::Translator, Date};
    /// let before = Translator::new().on(Date::new(2020, 1, 1).unwrap());
    /// let t = before.translate("Tỉnh Đồng Nai").unwrap();
    /// assert_eq!(t.formatted().unwrap(), "Tỉnh Đồng Nai"); // as on 2025-07-01
    /// ```
    #[must_use]
    pub fn on(mut self, date: Date) -> Translator {
        self.names = Names::on(Some(date));
        self
    }

    /// Resolve split communes by containment with `locator` when coordinates are
    /// given; centroid distance remains the fallback.
    #[must_use]
    pub fn with_locator(mut self, locator: impl Locate + 'static) -> Translator {
        self.locator = Some(Arc::new(locator));
        self
    }

    /// The number of threads [`translate_batch`](Self::translate_batch) uses, the
    /// calling thread included: `0` (the default) for every core
    /// ([`std::thread::available_parallelism`]), `1` to stay on the calling thread.
    /// It is capped at [`MAX_THREADS`] and at one thread per 16 addresses; a thread
    /// the system refuses to start is done without.
    ///
    /// ```
    /// let t = dvhc::translate::Translator::new().threads(usize::MAX);
    /// assert_eq!(t.translate_batch(&["Huế", "Đà Lạt"]).len(), 2);
    /// ```
    #[must_use]
    pub fn threads(mut self, n: usize) -> Translator {
        self.threads = n;
        self
    }

    /// Translates an address written in either structure.
    ///
    /// # Errors
    /// [`TranslateError::Parse`] when no unit is recognised.
    pub fn translate<'a>(&self, address: &'a str) -> Result<Translation<'a>, TranslateError> {
        address::parse_with(address, |parsed| self.build(parsed, None))?
    }

    /// Translates an address and ranks split-commune candidates by the point
    /// `(lat, lon)` (WGS 84 degrees): by containment when a locator is set and the
    /// point lies in one candidate, else by distance to the candidates' centres.
    ///
    /// # Errors
    /// [`TranslateError::BadCoordinates`] for non-finite or out-of-range coordinates;
    /// [`TranslateError::Parse`] when no unit is recognised.
    pub fn translate_at<'a>(
        &self,
        address: &'a str,
        lat: f64,
        lon: f64,
    ) -> Result<Translation<'a>, TranslateError> {
        if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
            return Err(TranslateError::BadCoordinates);
        }
        address::parse_with(address, |parsed| self.build(parsed, Some((lat, lon))))?
    }

    /// Translates many addresses on several threads (see [`threads`](Self::threads));
    /// results are in input order.
    ///
    /// The addresses are handed out to the threads in small chunks as they finish the
    /// previous one, so a slow stretch of input (or a busy core) does not hold the
    /// others up.
    ///
    /// ```
    /// let t = dvhc::translate::Translator::new().threads(4);
    /// let addresses = vec!["P. Bến Nghé, Q.1, TP.HCM"; 1000];
    /// let out = t.translate_batch(&addresses);
    /// assert!(out.iter().all(|r| r.as_ref().unwrap().rest().is_empty()));
    /// ```
    pub fn translate_batch<'a, S: AsRef<str> + Sync>(
        &self,
        addresses: &'a [S],
    ) -> Vec<Result<Translation<'a>, TranslateError>> {
        let wanted = match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let threads = wanted
            .min(MAX_THREADS)
            .min(addresses.len() / MIN_CHUNK)
            .max(1);
        if threads <= 1 {
            return addresses
                .iter()
                .map(|a| self.translate(a.as_ref()))
                .collect();
        }
        let chunk = (addresses.len() / (threads * 16)).clamp(MIN_CHUNK, 1024);
        let chunks = addresses.len().div_ceil(chunk);
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Each worker takes the next chunk until none is left, and returns the chunks
        // it did with their index.
        let work = || {
            let mut done: Vec<(usize, Vec<Result<Translation<'a>, TranslateError>>)> = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= chunks {
                    return done;
                }
                let part = &addresses[i * chunk..((i + 1) * chunk).min(addresses.len())];
                done.push((i, part.iter().map(|a| self.translate(a.as_ref())).collect()));
            }
        };
        let mut parts: Vec<Option<Vec<Result<Translation<'a>, TranslateError>>>> =
            (0..chunks).map(|_| None).collect();
        std::thread::scope(|s| {
            // A thread the system cannot start is simply not used: the others, and
            // this one, take its chunks.
            let handles: Vec<_> = (1..threads.min(chunks))
                .map_while(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
                .collect();
            let mine = work();
            for (i, v) in handles
                .into_iter()
                .flat_map(|h| match h.join() {
                    Ok(v) => v,
                    Err(e) => std::panic::resume_unwind(e),
                })
                .chain(mine)
            {
                parts[i] = Some(v);
            }
        });
        let mut out = Vec::with_capacity(addresses.len());
        for part in parts.into_iter().flatten() {
            out.extend(part);
        }
        debug_assert_eq!(out.len(), addresses.len());
        out
    }

    fn build<'a>(
        &self,
        parsed: &Address<'a>,
        point: Option<(f64, f64)>,
    ) -> Result<Translation<'a>, TranslateError> {
        // Homonyms nothing tells apart: every tied reading contributes candidates.
        let tied = tied_readings(parsed);
        let best = tied.kept().next().unwrap_or(parsed.reading());
        let mut candidates: Vec<Candidate> =
            Vec::with_capacity(tied.kept().map(candidate_count).sum());
        for r in tied.kept() {
            push_candidates(r, &mut candidates);
        }
        if candidates.is_empty() {
            return Err(TranslateError::NoNewUnit);
        }
        for c in &mut candidates {
            c.names = self.names;
        }
        let mut ranking = None;
        if let Some((lat, lon)) = point {
            if candidates.len() > 1 {
                for c in &mut candidates {
                    c.distance_km = c
                        .commune
                        .and_then(|m| m.geo().centroid())
                        .map(|(a, b)| haversine_km(lat, lon, a, b));
                }
                candidates.sort_by(|a, b| {
                    a.distance_km
                        .unwrap_or(f64::INFINITY)
                        .total_cmp(&b.distance_km.unwrap_or(f64::INFINITY))
                });
                ranking = Some(Ranking::CentroidDistance);
                if let Some(hit) = self.locator.as_ref().and_then(|l| l.locate(lat, lon)) {
                    if let Some(i) = candidates
                        .iter()
                        .position(|c| c.commune.is_some_and(|m| std::ptr::eq(m, hit)))
                    {
                        let c = candidates.remove(i);
                        candidates.insert(0, c);
                        ranking = Some(Ranking::Containment);
                    }
                }
            }
        }
        let (legacy, via) = match best.units() {
            Units::Legacy(u) => (Some(u), u.commune_via()),
            Units::Current(_) => (None, Via::Name),
        };
        Ok(Translation {
            input: Cow::Borrowed(parsed.input()),
            era: best.era(),
            legacy,
            rest: Cow::Borrowed(best.rest()),
            level: best.deepest().level(),
            candidates,
            ranking,
            via,
            readings: tied.kept().count(),
            names: self.names,
        })
    }
}

/// One input and what became of its translation: a [`Translation`] or an error,
/// serialised (feature `serde`) as the one object [`Translation`] documents, `status`
/// `"error"` and `error` set for a failure, so that every input gets a line of the
/// same shape.
///
/// The error type is [`TranslateError`] for the library's errors; a caller with
/// errors of its own (an input line that is not UTF-8) uses any serialisable type,
/// preferably with the same `{"kind", "message"}` shape.
///
/// # Examples
/// ```
/// use dvhc::translate::{translate, Outcome};
/// use dvhc::Status;
///
/// let r = translate("P. Bến Nghé, Q.1, TP.HCM");
/// assert_eq!(Outcome::new("P. Bến Nghé, Q.1, TP.HCM", &r).status(), Status::Ok);
/// let r = translate("");
/// let o = Outcome::new("", &r);
/// assert_eq!(o.status(), Status::Error);
/// # #[cfg(feature = "serde")]
/// assert_eq!(
///     serde_json::to_string(&o).unwrap(),
///     r#"{"input":"","status":"error","structure":null,"legacy":null,"rest":"","candidates":[],"formatted":null,"error":{"kind":"empty","message":"the address is empty"}}"#
/// );
/// ```
#[derive(Debug)]
pub struct Outcome<'r, 'a, E = TranslateError> {
    input: &'r str,
    result: Result<&'r Translation<'a>, &'r E>,
}

impl<E> Clone for Outcome<'_, '_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Outcome<'_, '_, E> {}

impl<'r, 'a, E> Outcome<'r, 'a, E> {
    /// The outcome of translating `input`.
    ///
    /// ```
    /// let r = dvhc::translate::translate("Huế");
    /// assert!(dvhc::translate::Outcome::new("Huế", &r).translation().is_some());
    /// ```
    pub fn new(input: &'r str, result: &'r Result<Translation<'a>, E>) -> Self {
        Outcome {
            input,
            result: result.as_ref(),
        }
    }

    /// The outcome of an input that failed with `error`, before or during translation.
    ///
    /// ```
    /// let e = "not valid UTF-8";
    /// let o = dvhc::translate::Outcome::<&str>::failed("\u{FFFD}", &e);
    /// assert_eq!(o.error(), Some(&"not valid UTF-8"));
    /// ```
    pub fn failed(input: &'r str, error: &'r E) -> Self {
        Outcome {
            input,
            result: Err(error),
        }
    }

    /// The input, as given.
    pub fn input(&self) -> &'r str {
        self.input
    }

    /// The translation, unless it failed.
    pub fn translation(&self) -> Option<&'r Translation<'a>> {
        self.result.ok()
    }

    /// The error, if the translation failed.
    pub fn error(&self) -> Option<&'r E> {
        self.result.err()
    }

    /// The translation's [status](Translation::status), or [`Status::Error`].
    ///
    /// ```
    /// use dvhc::{translate::{translate, Outcome}, Status};
    /// let r = translate("Quận 1, TP.HCM");
    /// assert_eq!(Outcome::new("Quận 1, TP.HCM", &r).status(), Status::Ambiguous);
    /// ```
    pub fn status(&self) -> Status {
        match self.result {
            Ok(t) => t.status(),
            Err(_) => Status::Error,
        }
    }
}

/// Translates an address (either structure) with today's names and no
/// coordinates. See [`Translator`] for dates, coordinates and batches.
///
/// # Examples
/// ```
/// let t = dvhc::translate::translate("12 Le Loi, P Ben Nghe, Q1, TPHCM").unwrap();
/// assert_eq!(t.formatted().unwrap(), "12 Le Loi, Phường Sài Gòn, Thành phố Hồ Chí Minh");
/// ```
///
/// # Errors
/// [`TranslateError::Parse`] when no unit is recognised.
pub fn translate(address: &str) -> Result<Translation<'_>, TranslateError> {
    Translator::new().translate(address)
}

/// Translates an address, ranking split-commune candidates by distance from
/// `(lat, lon)` to their centres. See [`Translator::translate_at`].
///
/// # Errors
/// As [`Translator::translate_at`].
pub fn translate_at(address: &str, lat: f64, lon: f64) -> Result<Translation<'_>, TranslateError> {
    Translator::new().translate_at(address, lat, lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_coordinates() {
        for (a, b) in [
            (f64::NAN, 1.0),
            (1.0, f64::INFINITY),
            (91.0, 0.0),
            (0.0, -180.5),
        ] {
            assert_eq!(
                translate_at("Quận 1, TP.HCM", a, b).unwrap_err(),
                TranslateError::BadCoordinates
            );
        }
    }
}
