//! `Search` in every mode, era, level, scope and limit, on arbitrary queries.
//!
//! Input: 4 configuration bytes, then the query (lossy UTF-8).
//! Properties: no panic; hits are bounded (limit, number of units), unique, respect
//! the era, level and scope filters; exact and prefix hits have distance 0, fuzzy
//! hits at most 2; scores are in 0..=1000; the `communes`/`provinces` shortcuts
//! agree with the searches they stand for.
#![no_main]

use dvhc::search::{self, Era, Level, Mode, Search, Unit};
use dvhc::{legacy, Commune, Province, ProvinceCode};
use libfuzzer_sys::fuzz_target;

fn units() -> usize {
    Province::all().len()
        + Commune::all().len()
        + legacy::Province::all().len()
        + legacy::District::all().len()
        + legacy::Commune::all().len()
}

fn province_of(u: &Unit) -> u32 {
    match u {
        Unit::Province(p) => p.code().get(),
        Unit::Commune(c) => c.province().code().get(),
        Unit::LegacyProvince(p) => p.code().get(),
        Unit::LegacyDistrict(d) => d.province().code().get(),
        Unit::LegacyCommune(c) => c.province().code().get(),
        _ => u32::MAX,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (cfg, rest) = data.split_at(4);
    let q = String::from_utf8_lossy(rest);
    let q: &str = &q;

    let mode = [Mode::Exact, Mode::Prefix, Mode::Fuzzy][usize::from(cfg[0] % 3)];
    let era = [None, Some(Era::Current), Some(Era::Legacy)][usize::from(cfg[0] / 3 % 3)];
    let level = [
        None,
        Some(Level::Province),
        Some(Level::District),
        Some(Level::Commune),
    ][usize::from(cfg[0] / 9 % 4)];
    let limit = (cfg[1] != 0).then_some(usize::from(cfg[1] & 0x3f));
    let scope_code = u32::from(cfg[3]) * 4 + u32::from(cfg[2] >> 2);

    let mut s = Search::new().mode(mode);
    if let Some(e) = era {
        s = s.era(e);
    }
    if let Some(l) = level {
        s = s.level(l);
    }
    if let Some(n) = limit {
        s = s.limit(n);
    }
    let mut province = None;
    let mut district = None;
    match cfg[2] & 3 {
        1 => {
            let c = ProvinceCode::new(scope_code % 100).unwrap();
            province = Some((Era::Current, c.get()));
            s = s.within_province(c);
        }
        2 => {
            let c = legacy::ProvinceCode::new(scope_code % 100).unwrap();
            province = Some((Era::Legacy, c.get()));
            s = s.within_legacy_province(c);
        }
        3 => {
            let c = legacy::DistrictCode::new(scope_code % 1000).unwrap();
            district = Some(c);
            s = s.within_district(c);
        }
        _ => {}
    }

    let hits = s.run(q);
    assert!(hits.len() <= units());
    if let Some(n) = limit {
        assert!(hits.len() <= n);
    }
    for (i, h) in hits.iter().enumerate() {
        let u = h.unit();
        assert!(!hits[..i].iter().any(|o| o.unit() == u), "duplicate {u}");
        assert!(h.score() <= 1000);
        match mode {
            Mode::Fuzzy => assert!(h.distance() <= 2),
            _ => assert_eq!(h.distance(), 0),
        }
        if let Some(e) = era {
            if province.is_none() && district.is_none() {
                assert_eq!(u.era(), e);
            }
        }
        // `within_district` implies the commune level.
        let level = if district.is_some() {
            Some(Level::Commune)
        } else {
            level
        };
        if let Some(l) = level {
            assert_eq!(u.level(), l);
        }
        if let Some((e, p)) = province {
            assert_eq!(u.era(), e);
            assert_eq!(province_of(&u), p);
        }
        if let Some(d) = district {
            match u {
                Unit::LegacyCommune(c) => assert_eq!(c.district().code(), d),
                other => panic!("{other} outside district {d}"),
            }
        }
        let code = u.code().to_string();
        assert_eq!(code.len(), u.code().width());
        assert_eq!(code.parse::<u32>().ok(), Some(u.code_value()));
        let _ = u.to_string();
    }

    if cfg[0] < 3 {
        let c = search::communes(q);
        assert!(c.len() <= Commune::all().len());
        let p = search::provinces(q);
        assert!(p.len() <= Province::all().len());
    }
});
