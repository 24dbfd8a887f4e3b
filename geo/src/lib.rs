//! # dvhc-geo — which Vietnamese commune contains this point?
//!
//! Offline point-in-commune lookup for the current (2025) structure of
//! Vietnam: 34 provinces and 3,321 communes (phường, xã, đặc khu), answered
//! from boundary polygons embedded in the crate. No network, no files, no
//! geocoder: a latitude/longitude in, a [`dvhc::Commune`] out.
//!
//! ```
//! // WGS 84 degrees, latitude first.
//! let c = dvhc_geo::locate(21.037446, 105.829422)?.unwrap();
//! assert_eq!(c.to_string(), "Phường Ba Đình");
//! assert_eq!(c.province().to_string(), "Thành phố Hà Nội");
//!
//! // At sea and abroad there is no commune…
//! assert!(dvhc_geo::locate(17.5, 108.5)?.is_none()); // the Gulf of Tonkin
//! assert!(dvhc_geo::locate(17.9757, 102.6331)?.is_none()); // Vientiane
//! // …but a point just off the coast has a nearest one.
//! let (c, km) = dvhc_geo::nearest(16.0678, 108.2508, 2.0)?.unwrap();
//! assert_eq!(c.to_string(), "Phường An Hải");
//! assert!((0.3..0.6).contains(&km), "{km} km off the beach");
//!
//! // Bad input is an error, never a panic.
//! assert!(dvhc_geo::locate(f64::NAN, 105.8).is_err());
//! assert!(dvhc_geo::locate(105.8, 21.0).is_err()); // swapped: latitude > 90
//! # Ok::<(), dvhc_geo::GeoError>(())
//! ```
//!
//! ## How it works
//! The boundaries are stored as shared arcs (each border between two
//! communes once, as in TopoJSON), simplified by a topology-preserving
//! Douglas-Peucker at [`TOLERANCE_METRES`] metres, kept on the source's
//! 10⁻⁶° grid and delta-encoded, together with a precomputed grid index:
//! 3.4 MB compiled into the binary with `include_bytes!`. The first query
//! decodes them into the index (about 10 ms, 8.8 MB of heap); call
//! [`preload`] to pay that at start-up instead. A query reads one cell of the
//! grid (2¹⁵ µ° ≈ 3.6 km): the communes containing the cell's corner are
//! known, and the few boundary segments between the corner and the point
//! decide, exactly, in integer arithmetic, which of them contain it (holes
//! and multi-part communes included). A query takes well under a
//! microsecond.
//!
//! ## Accuracy
//! On 20,000 seeded random points on land, the simplified boundaries give
//! the same commune as the full-resolution polygons for 99.94 % of them
//! (19,987); the others lie within a few metres of a border. Points in the
//! source's tiny gaps between communes or off the coast get `None` from
//! [`locate`]; [`nearest`] snaps them to the closest commune. The full
//! measurement is in `data/ACCURACY.md` in the repository.
//!
//! ## Overlaps and borders
//! The source polygons overlap in a few places, the largest a 3.49 km² patch
//! claimed by Phường Lào Cai (02647), Xã Bát Xát (02683) and Xã Cốc San
//! (02746). There [`locate`] returns the commune with the **lowest code**
//! and [`locate_all`] returns every one. A point exactly on a border between
//! two communes belongs to exactly one of them (the one to its north-east,
//! by symbolic perturbation), so every answer is deterministic.
//!
//! ## Data
//! Boundaries: the commune layer of the government map portal
//! sapnhap.bando.com.vn ("Bản đồ tra cứu các đơn vị hành chính Việt Nam",
//! Nhà xuất bản Tài nguyên – Môi trường và Bản đồ Việt Nam), as exported by
//! the `thanglequoc/vietnamese-provinces-database` project (v4.2.0, MIT),
//! with Xã Ba Chẽ re-coded from 06978 to its official code 06970. Names,
//! kinds and provinces come from [`dvhc`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decode;
mod index;
/// Written by `cargo xtask geo` (the other constants are read by `tests/`).
#[rustfmt::skip]
#[allow(dead_code)]
mod generated {
    pub(crate) mod meta;
}

use dvhc::{Commune, CommuneCode, Province};
use index::{Found, Index, KM_PER_MICRODEG};
use std::iter::FusedIterator;
use std::sync::OnceLock;

/// The embedded boundary data (`data/boundaries.bin`).
static DATA: &[u8] = include_bytes!("../data/boundaries.bin");

/// The simplification tolerance of the embedded boundaries, in metres: every
/// dropped vertex lies within this distance of the stored boundary.
///
/// ```
/// assert_eq!(dvhc_geo::TOLERANCE_METRES, 10.0);
/// ```
pub const TOLERANCE_METRES: f64 = generated::meta::TOLERANCE_M;

/// Why a coordinate was rejected.
///
/// ```
/// use dvhc_geo::GeoError;
/// assert_eq!(dvhc_geo::locate(95.0, 105.0).unwrap_err(), GeoError::LatitudeOutOfRange(95.0));
/// assert_eq!(
///     dvhc_geo::locate(f64::INFINITY, 105.0).unwrap_err().to_string(),
///     "latitude inf is not a finite number",
/// );
/// assert!(matches!(dvhc_geo::nearest(21.0, 105.0, -1.0), Err(GeoError::InvalidDistance(_))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// The latitude is NaN or infinite.
    #[error("latitude {0} is not a finite number")]
    LatitudeNotFinite(f64),
    /// The longitude is NaN or infinite.
    #[error("longitude {0} is not a finite number")]
    LongitudeNotFinite(f64),
    /// The latitude is outside −90..=90 degrees.
    #[error("latitude {0} is outside -90..=90 degrees (latitude comes first, then longitude)")]
    LatitudeOutOfRange(f64),
    /// The longitude is outside −180..=180 degrees.
    #[error("longitude {0} is outside -180..=180 degrees")]
    LongitudeOutOfRange(f64),
    /// The maximum distance is negative, NaN or infinite.
    #[error("maximum distance {0} km is not a finite, non-negative number")]
    InvalidDistance(f64),
}

/// Validated coordinates in micro-degrees `(lon, lat)`.
fn micro(lat: f64, lon: f64) -> Result<(i64, i64), GeoError> {
    if !lat.is_finite() {
        return Err(GeoError::LatitudeNotFinite(lat));
    }
    if !lon.is_finite() {
        return Err(GeoError::LongitudeNotFinite(lon));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(GeoError::LatitudeOutOfRange(lat));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(GeoError::LongitudeOutOfRange(lon));
    }
    Ok(((lon * 1e6).round() as i64, (lat * 1e6).round() as i64))
}

struct Geo {
    index: Index,
    communes: Vec<&'static Commune>,
}

fn geo() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(build)
}

fn build() -> Geo {
    let index = decode::decode(DATA)
        .and_then(Index::build)
        .expect("the embedded boundary data is valid (tested)");
    let communes = index
        .codes
        .iter()
        .map(|&c| {
            CommuneCode::new(c)
                .and_then(Commune::get)
                .expect("every boundary belongs to a current commune (tested)")
        })
        .collect();
    Geo { index, communes }
}

/// The commune containing a point, or `None` at sea, abroad and in the few
/// tiny gaps between the source polygons.
///
/// Coordinates are WGS 84 degrees, **latitude first**, taken to the nearest
/// 10⁻⁶° (0.1 m), the grid of the boundaries. Where polygons overlap (see the
/// crate docs) the commune with the lowest code wins; a point on a border
/// belongs to exactly one of the communes sharing it. The first call builds
/// the index (see [`preload`]).
///
/// # Errors
/// [`GeoError`] if a coordinate is NaN, infinite or out of range.
///
/// ```
/// let c = dvhc_geo::locate(10.776, 106.7031)?.unwrap(); // the Opera House, Sài Gòn
/// assert_eq!(c.to_string(), "Phường Sài Gòn");
/// assert_eq!(c.code().to_string(), "26740");
/// assert!(dvhc_geo::locate(10.0, 110.0)?.is_none()); // the East Sea
/// # Ok::<(), dvhc_geo::GeoError>(())
/// ```
pub fn locate(lat: f64, lon: f64) -> Result<Option<&'static Commune>, GeoError> {
    Ok(locate_all(lat, lon)?.next())
}

/// The province containing a point, through its commune ([`locate`]).
///
/// This uses the commune polygons, not the coarser province layer of the
/// source, so it always agrees with [`locate`].
///
/// # Errors
/// [`GeoError`] if a coordinate is NaN, infinite or out of range.
///
/// ```
/// let p = dvhc_geo::province(16.4698, 107.5786)?.unwrap(); // the citadel of Huế
/// assert_eq!(p.to_string(), "Thành phố Huế");
/// # Ok::<(), dvhc_geo::GeoError>(())
/// ```
pub fn province(lat: f64, lon: f64) -> Result<Option<&'static Province>, GeoError> {
    Ok(locate(lat, lon)?.map(Commune::province))
}

/// Every commune whose polygon contains a point, by ascending code: usually
/// none or one; two or three where the source polygons overlap.
///
/// # Errors
/// [`GeoError`] if a coordinate is NaN, infinite or out of range.
///
/// ```
/// // Inside the 3.49 km² patch that three communes claim:
/// let all: Vec<String> = dvhc_geo::locate_all(22.5185, 103.942)?
///     .map(|c| c.code().to_string())
///     .collect();
/// assert_eq!(all, ["02647", "02683", "02746"]);
/// // `locate` picks the lowest code.
/// assert_eq!(dvhc_geo::locate(22.5185, 103.942)?.unwrap().code().to_string(), "02647");
/// # Ok::<(), dvhc_geo::GeoError>(())
/// ```
pub fn locate_all(lat: f64, lon: f64) -> Result<Hits, GeoError> {
    let (x, y) = micro(lat, lon)?;
    let g = geo();
    let Found { mask, list } = g.index.find(x, y);
    Ok(Hits {
        mask,
        list,
        communes: &g.communes,
    })
}

/// The communes containing a point, by ascending code (see [`locate_all`]).
///
/// ```
/// let hits = dvhc_geo::locate_all(21.037446, 105.829422)?;
/// assert_eq!(hits.len(), 1);
/// assert_eq!(format!("{hits:?}"), "[00004 Phường Ba Đình]");
/// # Ok::<(), dvhc_geo::GeoError>(())
/// ```
#[derive(Clone)]
pub struct Hits {
    mask: u64,
    list: &'static [u16],
    communes: &'static [&'static Commune],
}

impl Iterator for Hits {
    type Item = &'static Commune;

    fn next(&mut self) -> Option<&'static Commune> {
        if self.mask == 0 {
            return None;
        }
        let bit = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        let i = *self.list.get(bit)?;
        self.communes.get(usize::from(i)).copied()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.mask.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Hits {}

impl std::fmt::Debug for Hits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut list = f.debug_list();
        for c in self.clone() {
            list.entry(&format_args!("{} {c}", c.code()));
        }
        list.finish()
    }
}
impl FusedIterator for Hits {}

/// The commune containing a point or, failing that, the commune whose
/// boundary is closest, if within `max_km` kilometres; with the distance in
/// kilometres (0 inside a commune).
///
/// Meant for points just off the coast, on a river bank or in a gap between
/// polygons. The distance is to the stored (simplified) boundary, on the
/// sphere (haversine, mean Earth radius); the search picks the closest
/// boundary in a local projection, which is exact enough for distances up to
/// a few tens of kilometres. Cost grows with `max_km`; a few kilometres is a
/// sensible limit.
///
/// # Errors
/// [`GeoError`] if a coordinate is NaN, infinite or out of range, or if
/// `max_km` is negative, NaN or infinite.
///
/// ```
/// // Inside a commune: distance 0.
/// let (c, km) = dvhc_geo::nearest(21.037446, 105.829422, 1.0)?.unwrap();
/// assert_eq!((c.name(), km), ("Ba Đình", 0.0));
///
/// // Off the beach of Đà Nẵng, about 440 m from the shore.
/// let (c, km) = dvhc_geo::nearest(16.0678, 108.2508, 5.0)?.unwrap();
/// assert_eq!(c.name(), "An Hải");
/// assert!((0.3..0.6).contains(&km), "{km} km");
/// // Beyond the limit: nothing.
/// assert!(dvhc_geo::nearest(16.0678, 108.2508, 0.1)?.is_none());
/// # Ok::<(), dvhc_geo::GeoError>(())
/// ```
pub fn nearest(
    lat: f64,
    lon: f64,
    max_km: f64,
) -> Result<Option<(&'static Commune, f64)>, GeoError> {
    let (x, y) = micro(lat, lon)?;
    if !max_km.is_finite() || max_km < 0.0 {
        return Err(GeoError::InvalidDistance(max_km));
    }
    let g = geo();
    let found = g.index.find(x, y);
    if found.mask != 0 {
        let i = found.list[found.mask.trailing_zeros() as usize];
        return Ok(Some((g.communes[usize::from(i)], 0.0)));
    }
    let Some((i, q)) = g.index.nearest_boundary(x, y, max_km) else {
        return Ok(None);
    };
    let km = haversine_km([x as f64, y as f64], q);
    Ok((km <= max_km).then(|| (g.communes[usize::from(i)], km)))
}

/// Great-circle distance between two `[lon, lat]` points in micro-degrees.
fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let r = KM_PER_MICRODEG * 1e6 * 180.0 / std::f64::consts::PI;
    let (la1, la2) = ((a[1] * 1e-6).to_radians(), (b[1] * 1e-6).to_radians());
    let dla = la2 - la1;
    let dlo = ((b[0] - a[0]) * 1e-6).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().min(1.0).asin()
}

/// Builds the index now instead of on the first query (a few milliseconds,
/// once per process); later calls return at once. Useful in a server, so
/// that the first request does not pay for it.
///
/// ```
/// dvhc_geo::preload();
/// assert!(dvhc_geo::locate(21.037446, 105.829422).unwrap().is_some());
/// ```
pub fn preload() {
    geo();
}

/// Size and shape of the index (builds it if needed).
///
/// ```
/// let s = dvhc_geo::index_stats();
/// assert_eq!(s.communes, 3_321);
/// assert!(s.heap_bytes < 16 << 20);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct IndexStats {
    /// Communes with a boundary (all 3,321).
    pub communes: usize,
    /// Polygons (a commune may have islands).
    pub polygons: usize,
    /// Rings, outer and holes.
    pub rings: usize,
    /// Shared arcs: each border between two communes is stored once.
    pub arcs: usize,
    /// Vertices of all arcs.
    pub vertices: usize,
    /// Grid cells.
    pub cells: usize,
    /// Cells crossed by a boundary.
    pub mixed_cells: usize,
    /// Chunks of boundary segments (up to 8 segments of one arc in one cell).
    pub chunks: usize,
    /// The most boundary segments a query examines.
    pub max_segments_per_cell: usize,
    /// Heap memory held by the index, in bytes.
    pub heap_bytes: usize,
    /// Size of the embedded boundary data, in bytes.
    pub data_bytes: usize,
}

/// Returns the [`IndexStats`], building the index if needed.
///
/// ```
/// let s = dvhc_geo::index_stats();
/// println!("{} vertices, {} KiB of heap", s.vertices, s.heap_bytes / 1024);
/// assert!(s.mixed_cells < s.cells);
/// ```
pub fn index_stats() -> IndexStats {
    let g = geo();
    let i = &g.index;
    let (cells, mixed_cells, chunks, max_segments_per_cell) = i.shape();
    IndexStats {
        communes: i.codes.len(),
        polygons: i.polygons,
        rings: i.rings,
        arcs: i.arcs,
        vertices: i.vertices,
        cells,
        mixed_cells,
        chunks,
        max_segments_per_cell,
        heap_bytes: i.heap_bytes() + g.communes.capacity() * std::mem::size_of::<&Commune>(),
        data_bytes: DATA.len(),
    }
}

/// Not public API: for the benchmarks only.
#[doc(hidden)]
pub mod __private {
    /// Decodes the data and builds a fresh index (what the first query
    /// does), returning its number of communes.
    ///
    /// ```
    /// assert_eq!(dvhc_geo::__private::build_index(), 3_321);
    /// ```
    pub fn build_index() -> usize {
        super::build().communes.len()
    }
}

#[cfg(test)]
mod tests;

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The boundary polygons as a [`dvhc::translate::Locate`] oracle: give it to a
/// [`dvhc::translate::Translator`] and split communes are resolved by containment when
/// the address comes with coordinates (the translation reports
/// [`Ranking::Containment`](dvhc::translate::Ranking::Containment)); points in no
/// commune, or in none of the candidates, fall back to centroid distance.
///
/// # Examples
/// ```
/// use dvhc::translate::{Ranking, Translator};
///
/// let translator = Translator::new().with_locator(dvhc_geo::Boundaries);
/// // Old Phường Đa Kao was split between Phường Tân Định and Phường Sài Gòn.
/// let t = translator.translate_at("125 Hai Bà Trưng, P. Đa Kao, Q.1, TP.HCM", 10.79479, 106.689172).unwrap();
/// assert_eq!(t.ranking(), Some(Ranking::Containment));
/// assert_eq!(t.formatted().unwrap(), "125 Hai Bà Trưng, Phường Tân Định, Thành phố Hồ Chí Minh");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Boundaries;

impl dvhc::translate::Locate for Boundaries {
    fn locate(&self, lat: f64, lon: f64) -> Option<&'static Commune> {
        locate(lat, lon).ok().flatten()
    }
}
