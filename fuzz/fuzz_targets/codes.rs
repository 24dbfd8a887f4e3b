//! Code and date parsing: `FromStr` for the five code types and `Date`.
//!
//! Properties: no panic; an accepted code prints back (zero-padded, official width)
//! to the trimmed input and parses again to itself; looking it up and navigating
//! from the unit found does not panic; an accepted date prints back to the trimmed
//! input and `Date::new` agrees with it.
#![no_main]

use dvhc::{legacy, Commune, CommuneCode, Date, Province, ProvinceCode};
use libfuzzer_sys::fuzz_target;

macro_rules! roundtrip {
    ($s:expr, $ty:ty) => {{
        let r = $s.parse::<$ty>();
        if let Ok(c) = r {
            let printed = c.to_string();
            assert_eq!(printed.len(), <$ty>::WIDTH);
            assert_eq!(printed, $s.trim());
            assert_eq!(printed.parse::<$ty>(), Ok(c));
            assert_eq!(<$ty>::new(c.get()), Some(c));
        }
        r.ok()
    }};
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;

    if let Some(c) = roundtrip!(s, ProvinceCode) {
        if let Some(p) = Province::get(c) {
            assert_eq!(p.code(), c);
            let _ = p.communes().count();
            let _ = p.to_string();
        }
    }
    if let Some(c) = roundtrip!(s, CommuneCode) {
        if let Some(u) = Commune::get(c) {
            assert_eq!(u.code(), c);
            let _ = u.province().to_string();
            let _ = u.predecessors().count();
            let _ = u.to_string();
        }
    }
    if let Some(c) = roundtrip!(s, legacy::ProvinceCode) {
        if let Some(p) = legacy::Province::get(c) {
            assert_eq!(p.code(), c);
            let _ = p.successor().to_string();
            let _ = p.districts().count();
        }
    }
    if let Some(c) = roundtrip!(s, legacy::DistrictCode) {
        if let Some(d) = legacy::District::get(c) {
            assert_eq!(d.code(), c);
            let _ = d.province().to_string();
            let _ = d.communes().count();
        }
    }
    if let Some(c) = roundtrip!(s, legacy::CommuneCode) {
        if let Some(u) = legacy::Commune::get(c) {
            assert_eq!(u.code(), c);
            let _ = u.district().to_string();
            for (n, _) in u.successors() {
                let _ = n.to_string();
            }
        }
    }

    if let Ok(d) = s.parse::<Date>() {
        assert_eq!(d.to_string(), s.trim());
        assert_eq!(Date::new(d.year(), d.month(), d.day()), Some(d));
        for p in Province::all() {
            let _ = p.kind_on(d);
        }
    }
});
