//! Old→new address translation, and the reverse: [`translate`], [`Translator`] and
//! the [`Translation`] they return; [`reverse_address`].

mod candidates;
mod reverse;
mod ties;

pub use reverse::{reverse_address, LegacyForm};

use candidates::{candidate_count, haversine_km, push_candidates};
use ties::tied_readings;

use std::fmt;
use std::sync::Arc;

use crate::address::{
    self, Address, Conflict, LegacyUnits, Options, ParseError, Reading, Status, Units, Unresolved,
};
use crate::search::{Era, Level, Via};
use crate::units::current::{Commune, Province};
use crate::units::date::Date;
use crate::units::kind::Share;

/// Why an address could not be translated.
///
/// ```
/// use dvhc::translate::{translate, TranslateError};
/// use dvhc::address::ParseError;
///
/// assert!(matches!(translate(""), Err(TranslateError::Parse(ParseError::Empty))));
/// ```
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
}

/// How the candidates of a split commune were ordered.
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
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    province: &'static Province,
    commune: Option<&'static Commune>,
    share: Share,
    distance_km: Option<f64>,
    era: Era,
}

impl Candidate {
    /// The structure the input was read in to give this candidate: when the text
    /// reads validly in both structures with different answers, the candidates of
    /// both readings are listed, each with its own.
    ///
    /// ```
    /// use dvhc::search::Era;
    /// // The district Long Biên (before 2025) or the ward Long Biên (today).
    /// let t = dvhc::translate::translate("Đ. Đức Giang, Long Biên").unwrap();
    /// assert!(t.candidates().iter().any(|c| c.era() == Era::Current));
    /// assert!(t.candidates().iter().any(|c| c.era() == Era::Legacy));
    /// ```
    pub fn era(&self) -> Era {
        self.era
    }

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
/// ```
#[derive(Debug, Clone)]
pub struct Translation<'a> {
    input: &'a str,
    era: Era,
    legacy: Option<LegacyUnits>,
    rest: &'a str,
    level: Level,
    candidates: Vec<Candidate>,
    ranking: Option<Ranking>,
    via: Via,
    readings: usize,
    date: Option<Date>,
    unresolved: Option<Unresolved<'a>>,
    remarks: Vec<&'a str>,
    conflicts: Vec<Conflict>,
}

impl<'a> Translation<'a> {
    /// The input, as given.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// The structure the input was written in.
    ///
    /// ```
    /// use dvhc::search::Era;
    /// let t = dvhc::translate::translate("Phường Sài Gòn, TP.HCM").unwrap();
    /// assert_eq!(t.structure(), Era::Current);
    /// ```
    pub fn structure(&self) -> Era {
        self.era
    }

    /// The old units the input names, when written in the pre-2025 structure.
    pub fn legacy(&self) -> Option<&LegacyUnits> {
        self.legacy.as_ref()
    }

    /// The street part (house number, street, hamlet), verbatim.
    pub fn rest(&self) -> &'a str {
        self.rest
    }

    /// The deepest level the input gave: an address that stops at the district or
    /// province translates only that far.
    ///
    /// ```
    /// use dvhc::search::Level;
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
    /// homonyms, two structures); the candidates list them all. Never a silent single
    /// guess.
    pub fn is_ambiguous(&self) -> bool {
        self.resolved().is_none()
    }

    /// How completely the address was translated: [`Status::Ok`] when it
    /// [resolves](Self::resolved) to one new unit and no unit written was left
    /// unresolved, [`Status::Partial`] when one was ([`unresolved`](Self::unresolved)),
    /// [`Status::Ambiguous`] otherwise. The rules are [`Status`]'s.
    ///
    /// ```
    /// use dvhc::address::Status;
    /// use dvhc::search::Level;
    /// use dvhc::translate::translate;
    /// assert_eq!(translate("P. Bến Nghé, Q.1, TP.HCM").unwrap().status(), Status::Ok);
    /// let t = translate("Phường Xyz, Quận 1, TP.HCM").unwrap();
    /// assert_eq!(t.status(), Status::Partial { reached: Level::District });
    /// ```
    pub fn status(&self) -> Status {
        let answers = if self.resolved().is_some() {
            1
        } else {
            self.candidates.len()
        };
        Status::of(self.unresolved.is_some(), self.level, answers)
    }

    /// A unit written left of the units found that was not found there: the
    /// translation goes only as far as [`level`](Self::level) ([`Status::Partial`]).
    ///
    /// ```
    /// let t = dvhc::translate::translate("Phường Xyz, Quận 1, TP.HCM").unwrap();
    /// assert_eq!(t.unresolved().unwrap().text(), "Phường Xyz");
    /// ```
    pub fn unresolved(&self) -> Option<Unresolved<'a>> {
        self.unresolved
    }

    /// The remarks of the input, verbatim (see [`Address::remarks`]): text in
    /// brackets, a trailing "gần chợ" or "Shop cũ: …". They are not read as units
    /// unless nothing else is.
    ///
    /// ```
    /// let t = dvhc::translate::translate("Số 7, Tổ 3, Phường Hòa Bình, TP Biên Hòa, Đồng Nai (gần chợ)").unwrap();
    /// assert_eq!(t.remarks(), ["(gần chợ)"]);
    /// assert_eq!(t.resolved().unwrap().commune().unwrap().name(), "Trấn Biên");
    /// ```
    pub fn remarks(&self) -> &[&'a str] {
        &self.remarks
    }

    /// Written units that the translation overrules because two others agree against
    /// them (see [`Reading::conflict`]).
    ///
    /// ```
    /// let t = dvhc::translate::translate("Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu").unwrap();
    /// assert_eq!(t.conflicts()[0].overruled().to_string(), "Huyện Long Thành");
    /// ```
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
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
        // Pieces are pushed as they are (no formatting machinery): this runs once per
        // row in `dvhc csv`.
        let mut push = |parts: &[&str]| {
            if !s.is_empty() {
                s.push_str(", ");
            }
            for p in parts {
                s.push_str(p);
            }
        };
        if !self.rest.is_empty() {
            push(&[self.rest]);
        }
        if let Some(c) = candidate.commune {
            let name = self
                .date
                .and_then(|d| c.full_name_on(d))
                .unwrap_or_else(|| c.full_name());
            push(&[name.prefix(), " ", name.name()]);
        }
        let p = candidate.province;
        let name = self
            .date
            .and_then(|d| p.full_name_on(d))
            .unwrap_or_else(|| p.full_name());
        push(&[name.prefix(), " ", name.name()]);
        s
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
            Some(c) => f.write_str(&self.format(c)),
            None => f.write_str(self.rest),
        }
    }
}

/// A reusable, thread-safe translator: the date whose names to render, and
/// optionally a [`Locate`] oracle for split communes.
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
/// // Many addresses on all cores, in input order.
/// let out = Translator::new().translate_batch(&["P. Bến Nghé, Q.1, TP.HCM", "???"]);
/// assert!(out[0].is_ok() && out[1].is_err());
/// ```
#[derive(Clone, Default)]
pub struct Translator {
    date: Option<Date>,
    locator: Option<Arc<dyn Locate>>,
    assume: Option<Era>,
}

impl fmt::Debug for Translator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translator")
            .field("date", &self.date)
            .field("locator", &self.locator.is_some())
            .field("assume", &self.assume)
            .finish()
    }
}

impl Translator {
    /// A translator rendering today's names (the newest law), without locator.
    pub fn new() -> Translator {
        Translator::default()
    }

    /// Render names and kinds in force on `date` (from 1 July 2025 on; earlier
    /// dates render today's names).
    pub fn on(mut self, date: Date) -> Translator {
        self.date = Some(date);
        self
    }

    /// Read every address in the structure `era` only: when a list is known to be
    /// written before 1 July 2025 (or after), text that reads validly in both
    /// structures is not ambiguous. Units of the other structure are not recognised.
    ///
    /// ```
    /// use dvhc::address::Status;
    /// use dvhc::search::Era;
    /// use dvhc::translate::Translator;
    ///
    /// let old = Translator::new().assume(Era::Legacy).translate("Đức Giang, Long Biên").unwrap();
    /// assert_eq!(old.structure(), Era::Legacy);
    /// assert_eq!(old.legacy().unwrap().commune().unwrap().name(), "Đức Giang");
    /// let new = Translator::new().assume(Era::Current).translate("Long Biên, Hà Nội").unwrap();
    /// assert_eq!(new.status(), Status::Ok);
    /// ```
    pub fn assume(mut self, era: Era) -> Translator {
        self.assume = Some(era);
        self
    }

    /// Resolve split communes by containment with `locator` when coordinates are
    /// given; centroid distance remains the fallback.
    pub fn with_locator(mut self, locator: impl Locate + 'static) -> Translator {
        self.locator = Some(Arc::new(locator));
        self
    }

    /// Translates an address written in either structure.
    ///
    /// # Errors
    /// [`TranslateError::Parse`] when no unit is recognised.
    pub fn translate<'a>(&self, address: &'a str) -> Result<Translation<'a>, TranslateError> {
        Ok(address::parse_with(address, self.options(), |parsed| {
            self.build(parsed, None)
        })?)
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
        Ok(address::parse_with(address, self.options(), |parsed| {
            self.build(parsed, Some((lat, lon)))
        })?)
    }

    /// Translates many addresses on all cores; results are in input order.
    ///
    /// The addresses are handed out to the threads in small chunks as they finish the
    /// previous one, so a slow stretch of input (or a busy core) does not hold the
    /// others up.
    pub fn translate_batch<'a, S: AsRef<str> + Sync>(
        &self,
        addresses: &'a [S],
    ) -> Vec<Result<Translation<'a>, TranslateError>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads <= 1 || addresses.len() < 64 {
            return addresses
                .iter()
                .map(|a| self.translate(a.as_ref()))
                .collect();
        }
        let chunk = (addresses.len() / (threads * 16)).clamp(16, 1024);
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
            let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
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

    fn options(&self) -> Options {
        Options { era: self.assume }
    }

    fn build<'a>(&self, parsed: &Address<'a>, point: Option<(f64, f64)>) -> Translation<'a> {
        // Homonyms nothing tells apart: every tied reading contributes candidates.
        let tied = tied_readings(parsed);
        let best = tied.kept().next().unwrap_or(parsed.reading());
        // The text reads as well in the other structure: its candidates too (those
        // of both are one candidate).
        let other = parsed.readings()[parsed.candidates().len()..]
            .iter()
            .filter(|r| r.era() != best.era());
        let mut candidates: Vec<Candidate> =
            Vec::with_capacity(tied.kept().chain(other.clone()).map(candidate_count).sum());
        for r in tied.kept().chain(other.clone()) {
            push_candidates(r, &mut candidates);
        }
        let mut conflicts = Vec::new();
        if parsed.readings().iter().any(|r| r.conflict().is_some()) {
            for r in tied.kept().chain(other) {
                if let Some(c) = r.conflict() {
                    if !conflicts.contains(&c) {
                        conflicts.push(c);
                    }
                }
            }
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
        Translation {
            input: parsed.input(),
            era: best.era(),
            legacy,
            rest: best.rest(),
            level: best.deepest().level(),
            candidates,
            ranking,
            via,
            readings: tied.kept().count(),
            date: self.date,
            unresolved: parsed.unresolved(),
            remarks: parsed.remarks().to_vec(),
            conflicts,
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
