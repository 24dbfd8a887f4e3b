//! Postal codes (issue #19) and telephone area codes: counts, samples from the
//! sources, and the prefix rule for every commune.

use std::collections::{BTreeMap, BTreeSet};

use dvhc::{legacy, Commune, PostalCode, Province};

fn commune(code: &str) -> &'static Commune {
    Commune::get(code.parse().unwrap()).unwrap()
}

#[test]
fn every_commune_has_a_distinct_postal_code_under_its_provinces_prefixes() {
    let codes: BTreeSet<PostalCode> = Commune::all().iter().map(|c| c.postal_code()).collect();
    assert_eq!(codes.len(), 3321);
    for c in Commune::all() {
        let code = c.postal_code();
        assert_eq!(code.to_string().len(), 5);
        assert!(
            c.province().postal_code_prefixes().contains(&code.prefix()),
            "{c}: {code} under none of {:?}",
            c.province().postal_code_prefixes()
        );
    }
    // 83 prefixes, 1 to 7 per province, none shared.
    let mut owner = BTreeMap::new();
    for p in Province::all() {
        let prefixes = p.postal_code_prefixes();
        assert!((1..=7).contains(&prefixes.len()), "{p}");
        assert!(prefixes.windows(2).all(|w| w[0] < w[1]), "{p}: not sorted");
        for x in prefixes {
            assert!(owner.insert(*x, p.code()).is_none(), "prefix {x} shared");
            assert!(x.contains(format!("{x}000").parse().unwrap()));
        }
    }
    assert_eq!(owner.len(), 83);
    // The prefixes no commune's code uses.
    let used: BTreeSet<_> = codes.iter().map(|c| c.prefix()).collect();
    let unused: Vec<String> = owner
        .iter()
        .filter(|(x, _)| !used.contains(x))
        .map(|(x, p)| format!("{p}:{x}"))
        .collect();
    assert_eq!(unused, ["01:10", "01:14", "79:70", "79:74"]);
}

/// The samples the importer pins (xtask/src/expected.rs), from the source and an
/// independent extraction of the annex of Quyết định 2334/QĐ-BKHCN.
#[test]
fn postal_code_samples() {
    let samples = [
        ("00004", "11120"),
        ("00070", "11024"),
        ("01273", "21117"),
        ("01288", "21112"),
        ("06970", "02006"),
        ("08872", "15221"),
        ("11713", "05127"),
        ("20333", "50906"),
        ("22736", "57906"),
        ("24781", "66122"),
        ("26740", "71016"),
        ("31825", "97116"),
        ("32248", "98912"),
    ];
    for (c, postal) in samples {
        assert_eq!(commune(c).postal_code().to_string(), postal, "{c}");
        // And back: the postal code resolves to the commune.
        let found = Commune::by_postal_code(postal.parse().unwrap()).unwrap();
        assert_eq!(found.code().to_string(), c, "{postal}");
    }
    let hcm = Province::get("79".parse().unwrap()).unwrap();
    let prefixes: Vec<String> = hcm
        .postal_code_prefixes()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(prefixes, ["70", "71", "72", "73", "74", "75", "78"]);
}

#[test]
fn telephone_area_codes() {
    assert_eq!(legacy::Province::all().len(), 63);
    for p in legacy::Province::all() {
        let c = p.phone_code();
        assert!(c == 24 || c == 28 || (200..300).contains(&c), "{p}: {c}");
    }
    let legacy_code = |p: &str| {
        legacy::Province::get(p.parse().unwrap())
            .unwrap()
            .phone_code()
    };
    assert_eq!(
        ["01", "79", "02", "74", "77", "26", "17", "25"].map(legacy_code),
        [24, 28, 219, 274, 254, 211, 218, 210]
    );
    // A current province: the code of the legacy province whose name it bears (7 differ
    // from the legacy province with the same code), and it is one of the codes in use.
    let current = |p: &str| Province::get(p.parse().unwrap()).unwrap();
    assert_eq!(current("24").phone_code(), 222);
    assert_eq!(current("52").phone_code(), 269);
    assert_eq!(current("79").phone_code(), 28);
    for p in Province::all() {
        let namesake = p.predecessors().find(|old| old.name() == p.name()).unwrap();
        assert_eq!(p.phone_code(), namesake.phone_code(), "{p}");
        assert!(p.phone_codes().any(|c| c == p.phone_code()));
    }
    assert_eq!(
        current("79").phone_codes().collect::<Vec<_>>(),
        [274, 254, 28]
    );
    let differing = Province::all()
        .iter()
        .filter(|p| {
            legacy::Province::get(p.code().get().try_into().unwrap()).map(|l| l.phone_code())
                != Some(p.phone_code())
        })
        .count();
    assert_eq!(differing, 7);
}

#[test]
fn every_postal_code_resolves_to_its_commune_and_no_other_code_does() {
    for c in Commune::all() {
        assert_eq!(
            Commune::by_postal_code(c.postal_code()).map(Commune::code),
            Some(c.code()),
            "{c}"
        );
    }
    // Every other five-digit code: none (3,321 of the 100,000 are used).
    let found = (0..=99_999u32)
        .map(|n| format!("{n:05}").parse::<PostalCode>().unwrap())
        .filter(|&p| Commune::by_postal_code(p).is_some())
        .count();
    assert_eq!(found, 3321);
    for unused in ["00000", "10000", "99999", "70000"] {
        assert!(
            Commune::by_postal_code(unused.parse().unwrap()).is_none(),
            "{unused}"
        );
    }
}
