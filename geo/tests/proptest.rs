//! `locate`, `locate_all`, `nearest` and `province` never panic, whatever
//! the input, and agree with one another.

use proptest::prelude::*;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        -1e3..1e3f64,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics(lat in any_f64(), lon in any_f64(), km in any_f64()) {
        let a = dvhc_geo::locate(lat, lon);
        let _ = dvhc_geo::locate_all(lat, lon).map(|h| h.count());
        let _ = dvhc_geo::province(lat, lon);
        let _ = dvhc_geo::nearest(lat, lon, km);
        let valid = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        prop_assert_eq!(a.is_ok(), valid);
    }

    /// Over Vietnam and around it: the four functions agree.
    #[test]
    fn consistent(lat in 6.0..25.0f64, lon in 100.0..119.0f64, km in 0.0..3.0f64) {
        let one = dvhc_geo::locate(lat, lon).unwrap();
        let all: Vec<_> = dvhc_geo::locate_all(lat, lon).unwrap().collect();
        prop_assert_eq!(one.map(|c| c.code()), all.first().map(|c| c.code()));
        prop_assert!(all.len() <= 3);
        prop_assert!(all.windows(2).all(|w| w[0].code() < w[1].code()));
        prop_assert_eq!(
            dvhc_geo::province(lat, lon).unwrap().map(|p| p.code()),
            one.map(|c| c.province().code())
        );
        match (one, dvhc_geo::nearest(lat, lon, km).unwrap()) {
            (Some(c), Some((n, d))) => {
                prop_assert_eq!(c.code(), n.code());
                prop_assert_eq!(d, 0.0);
            }
            (Some(_), None) => prop_assert!(false, "inside but no nearest"),
            (None, Some((_, d))) => prop_assert!(d > 0.0 && d <= km),
            (None, None) => {}
        }
    }
}
