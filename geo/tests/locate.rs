//! Behaviour of `locate`, `locate_all`, `nearest` and `province` against the
//! points the importer wrote (`data/*.tsv`) and hand-picked cases.

use dvhc_geo::{locate, locate_all, nearest, province, GeoError};
use std::path::Path;

#[allow(dead_code)]
mod meta {
    include!("../src/generated/meta.rs");
}
use meta::*;

fn tsv(name: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn code(lat: f64, lon: f64) -> String {
    locate(lat, lon)
        .unwrap()
        .map_or(String::new(), |c| c.code().to_string())
}

/// Every commune has interior points (inside its full-resolution polygon,
/// at least twice the tolerance from its border, in no other polygon); each
/// must locate to it.
#[test]
fn interior_points_locate_to_their_commune() {
    let rows = tsv("interior_points.tsv");
    let mut communes = std::collections::BTreeSet::new();
    let mut wrong = Vec::new();
    for r in &rows {
        let (lat, lon) = (r[1].parse().unwrap(), r[2].parse().unwrap());
        communes.insert(r[0].clone());
        if code(lat, lon) != r[0] {
            wrong.push(format!("{} {lat} {lon} → {:?}", r[0], code(lat, lon)));
        }
    }
    assert!(wrong.is_empty(), "{} wrong: {wrong:?}", wrong.len());
    assert_eq!(communes.len(), 3_321, "every commune has a test point");
    assert!(rows.len() >= 9_900, "{} points", rows.len());
}

/// 20,000 seeded random land points: `locate` reproduces exactly what the
/// importer's independent point-in-polygon gave on the simplified polygons,
/// and agrees with the full-resolution polygons as often as stated.
#[test]
fn random_land_points_match_the_importer() {
    let rows = tsv("land_points.tsv");
    assert_eq!(rows.len(), LAND_POINTS);
    let mut agree = 0;
    let mut mismatch = Vec::new();
    for r in &rows {
        let (lat, lon) = (r[0].parse().unwrap(), r[1].parse().unwrap());
        let got = code(lat, lon);
        if got != r[3] {
            mismatch.push(format!("{lat} {lon}: {got:?} ≠ {:?}", r[3]));
        }
        agree += usize::from(got == r[2]);
    }
    assert!(
        mismatch.is_empty(),
        "{} mismatches: {:?}",
        mismatch.len(),
        &mismatch[..mismatch.len().min(20)]
    );
    assert_eq!(agree, LAND_AGREE);
    assert!(
        agree * 1000 >= rows.len() * 999,
        "{agree} of {}",
        rows.len()
    );
}

/// Well-known places.
#[test]
fn landmarks() {
    for (lat, lon, commune, province_name) in [
        (21.0288, 105.8525, "Phường Hoàn Kiếm", "Thành phố Hà Nội"),
        (10.776, 106.7031, "Phường Sài Gòn", "Thành phố Hồ Chí Minh"),
        (
            10.7725,
            106.698,
            "Phường Bến Thành",
            "Thành phố Hồ Chí Minh",
        ),
        (16.4698, 107.5786, "Phường Phú Xuân", "Thành phố Huế"),
        (16.06, 108.247, "Phường An Hải", "Thành phố Đà Nẵng"),
        (
            11.9404,
            108.4583,
            "Phường Xuân Hương - Đà Lạt",
            "Tỉnh Lâm Đồng",
        ),
        (10.227, 103.967, "Đặc khu Phú Quốc", "Tỉnh An Giang"),
        (8.6445, 111.92, "Đặc khu Trường Sa", "Tỉnh Khánh Hòa"),
    ] {
        let c = locate(lat, lon)
            .unwrap()
            .unwrap_or_else(|| panic!("{commune}: none"));
        assert_eq!(c.to_string(), commune);
        assert_eq!(
            province(lat, lon).unwrap().unwrap().to_string(),
            province_name
        );
        assert_eq!(c.province().to_string(), province_name);
    }
}

/// Open sea, neighbouring countries and the rest of the world: no commune.
#[test]
fn sea_and_abroad() {
    for (lat, lon) in [
        (17.5, 108.5),       // Gulf of Tonkin
        (10.0, 110.0),       // East Sea
        (12.0, 105.0),       // Cambodia
        (11.5564, 104.9282), // Phnom Penh
        (17.9757, 102.6331), // Vientiane
        (22.817, 108.366),   // Nanning
        (13.7563, 100.5018), // Bangkok, outside the index grid
        (48.8566, 2.3522),   // Paris
        (-33.87, 151.21),    // Sydney
        (90.0, 180.0),
        (-90.0, -180.0),
        (0.0, 0.0),
    ] {
        assert!(locate(lat, lon).unwrap().is_none(), "{lat} {lon}");
        assert_eq!(locate_all(lat, lon).unwrap().len(), 0);
        assert!(province(lat, lon).unwrap().is_none());
        assert!(nearest(lat, lon, 1.0).unwrap().is_none(), "{lat} {lon}");
    }
}

/// Every kind of bad coordinate is an error naming the problem.
#[test]
fn invalid_coordinates() {
    use GeoError::*;
    let cases = [
        (f64::NAN, 105.0, LatitudeNotFinite(f64::NAN)),
        (21.0, f64::NAN, LongitudeNotFinite(f64::NAN)),
        (f64::INFINITY, 105.0, LatitudeNotFinite(f64::INFINITY)),
        (
            21.0,
            f64::NEG_INFINITY,
            LongitudeNotFinite(f64::NEG_INFINITY),
        ),
        (90.000001, 105.0, LatitudeOutOfRange(90.000001)),
        (-91.0, 105.0, LatitudeOutOfRange(-91.0)),
        (105.8, 21.0, LatitudeOutOfRange(105.8)), // swapped
        (21.0, 180.5, LongitudeOutOfRange(180.5)),
        (21.0, -1e300, LongitudeOutOfRange(-1e300)),
    ];
    for (lat, lon, want) in cases {
        let same = |e: GeoError| match (e, want) {
            (LatitudeNotFinite(a), LatitudeNotFinite(b))
            | (LongitudeNotFinite(a), LongitudeNotFinite(b)) => a.is_nan() && b.is_nan() || a == b,
            (e, w) => e == w,
        };
        assert!(same(locate(lat, lon).unwrap_err()), "{lat} {lon}");
        assert!(same(locate_all(lat, lon).unwrap_err()));
        assert!(same(province(lat, lon).unwrap_err()));
        assert!(same(nearest(lat, lon, 1.0).unwrap_err()));
    }
    let msg = locate(105.8, 21.0).unwrap_err().to_string();
    assert!(msg.contains("latitude comes first"), "{msg}");
    for d in [-0.1, f64::NAN, f64::INFINITY, -f64::INFINITY] {
        assert!(matches!(
            nearest(21.0, 105.8, d),
            Err(GeoError::InvalidDistance(_))
        ));
    }
    // the extremes of the valid range are fine
    assert!(locate(-90.0, -180.0).is_ok() && locate(90.0, 180.0).is_ok());
    assert!(nearest(21.0, 105.8, 0.0).is_ok());
}

/// The documented tie-break: in the 3.49 km² patch claimed by three
/// communes, `locate` returns the lowest code and `locate_all` all three.
#[test]
fn overlap_tie_break() {
    let (lat, lon) = (22.5185, 103.942);
    let all: Vec<String> = locate_all(lat, lon)
        .unwrap()
        .map(|c| c.code().to_string())
        .collect();
    assert_eq!(all, ["02647", "02683", "02746"]);
    assert_eq!(code(lat, lon), "02647");
    assert_eq!(locate_all(lat, lon).unwrap().len(), 3);
    // the nearest commune of a point inside is that commune, at distance 0
    let (c, km) = nearest(lat, lon, 1.0).unwrap().unwrap();
    assert_eq!((c.code().to_string().as_str(), km), ("02647", 0.0));
}

/// Points off the coast snap to the nearest commune, within the limit.
#[test]
fn nearest_off_the_coast() {
    let (lat, lon) = (16.0678, 108.2508); // off the beach of Đà Nẵng
    assert!(locate(lat, lon).unwrap().is_none());
    let (c, km) = nearest(lat, lon, 5.0).unwrap().unwrap();
    assert_eq!(c.to_string(), "Phường An Hải");
    assert!((0.3..0.6).contains(&km), "{km}");
    assert!(nearest(lat, lon, km * 0.99).unwrap().is_none());
    let (c2, km2) = nearest(lat, lon, km * 1.01).unwrap().unwrap();
    assert_eq!((c2.code(), km2), (c.code(), km));
    // a point 4 km off Hoàng Sa
    let (c, km) = nearest(16.5333, 111.6, 10.0).unwrap().unwrap();
    assert_eq!(c.to_string(), "Đặc khu Hoàng Sa");
    assert!((3.0..6.0).contains(&km), "{km}");
    // walking away from the coast, the distance grows
    let mut last = 0.0;
    for i in 0..10 {
        let (_, km) = nearest(16.0678, 108.2508 + 0.002 * f64::from(i), 20.0)
            .unwrap()
            .unwrap();
        assert!(km > last, "{km} after {last}");
        last = km;
    }
}

/// The centre points of the communes (`dvhc::Commune::geo`) fall inside
/// their own polygon for 3,293 of the 3,312 communes that have one; the 19
/// others lie at sea or in a neighbour (PROVENANCE §10.3).
#[test]
fn centre_points() {
    let (mut n, mut inside) = (0, 0);
    for c in dvhc::Commune::all() {
        if let Some((lat, lon)) = c.geo().centroid() {
            n += 1;
            inside += usize::from(locate_all(lat, lon).unwrap().any(|x| x.code() == c.code()));
        }
    }
    assert_eq!((inside, n), (3_293, 3_312));
}
