//! Generated address recall: for every commune and district of both structures, an
//! address is written in several styles from the data, parsed, and must give that
//! unit (first when the address names it unambiguously, among the candidates when
//! homonyms make it ambiguous).
//!
//! Styles, for a pre-2025 commune: official full names with commas and a street in
//! front; no diacritics and no commas; abbreviated kind words ("P.", "Q.", "H.", "TP.")
//! in upper case; province and district without kind words and "Việt Nam" plus a
//! postcode at the end. For a current commune: the same with the province only.
//! Run with `--nocapture` for the figures.

use crate::common::abbreviation;

use dvhc::address::{parse, Address};
use dvhc::search::Unit;
use dvhc::{fold, legacy, Commune, Province};

/// Full name, abbreviated: "P. Bến Nghé".
fn short(u: Unit) -> String {
    let f = u.full_name();
    format!("{} {}", abbreviation(f.prefix()), f.name())
}

#[derive(Default)]
struct Stats {
    total: usize,
    first: usize,
    among: usize,
    misses: Vec<String>,
}

impl Stats {
    fn check(&mut self, unit: Unit, input: &str) {
        self.total += 1;
        let parsed: Result<Address<'_>, _> = parse(input);
        let (first, among) = match &parsed {
            Ok(a) => (
                a.reading().deepest() == unit,
                a.candidates().iter().any(|r| r.deepest() == unit),
            ),
            Err(_) => (false, false),
        };
        self.first += usize::from(first);
        self.among += usize::from(among);
        if !among && self.misses.len() < 15 {
            let got = match &parsed {
                Ok(a) => a.to_string(),
                Err(e) => format!("error: {e}"),
            };
            self.misses
                .push(format!("{unit} ({}): {input:?} → {got}", unit.code()));
        }
    }

    fn report(&self, what: &str) {
        let pct = |n: usize| 100.0 * n as f64 / self.total.max(1) as f64;
        eprintln!(
            "{what}: {} addresses; the unit first {:.2} %, among the candidates {:.2} %",
            self.total,
            pct(self.first),
            pct(self.among)
        );
        for m in &self.misses {
            eprintln!("  miss: {m}");
        }
    }
}

#[test]
fn legacy_communes() {
    let mut s = Stats::default();
    for c in legacy::Commune::all() {
        let (d, p) = (c.district(), c.province());
        let u = Unit::LegacyCommune(c);
        s.check(u, &format!("12 Lê Lợi, {c}, {d}, {p}"));
        s.check(u, &fold(&format!("{c} {d} {p}")));
        s.check(
            u,
            &format!(
                "{}, {}, {}",
                short(u),
                short(Unit::LegacyDistrict(d)),
                short(Unit::LegacyProvince(p))
            )
            .to_uppercase(),
        );
        s.check(
            u,
            &format!(
                "Tổ 3, {}, {}, {}, Việt Nam 70000",
                c.full_name(),
                d.name(),
                p.name()
            ),
        );
    }
    s.report("legacy communes");
    assert_eq!(s.among, s.total, "legacy communes not found");
}

#[test]
fn current_communes() {
    let mut s = Stats::default();
    for c in Commune::all() {
        let p = c.province();
        let u = Unit::Commune(c);
        s.check(u, &format!("12 Lê Lợi, {c}, {p}"));
        s.check(u, &fold(&format!("{c} {p}")));
        s.check(
            u,
            &format!("{}, {}", short(u), short(Unit::Province(p))).to_uppercase(),
        );
        s.check(
            u,
            &format!("Thôn Đông, {}, {}, Việt Nam", c.full_name(), p.name()),
        );
    }
    s.report("current communes");
    assert_eq!(s.among, s.total, "current communes not found");
}

#[test]
fn districts_and_provinces() {
    let mut s = Stats::default();
    for d in legacy::District::all() {
        let p = d.province();
        let u = Unit::LegacyDistrict(d);
        s.check(u, &format!("{d}, {p}"));
        s.check(u, &fold(&format!("{d} {p}")));
    }
    for p in Province::all() {
        s.check(Unit::Province(p), &p.to_string());
    }
    for p in legacy::Province::all() {
        // A legacy province that kept its name reads in both structures; the current
        // one comes first, so check the legacy one is among the readings.
        let a = parse(p.name()).unwrap();
        s.total += 1;
        let found = a
            .readings()
            .iter()
            .any(|r| r.deepest() == Unit::LegacyProvince(p));
        s.first += usize::from(found);
        s.among += usize::from(found);
    }
    s.report("districts and provinces");
    assert_eq!(s.among, s.total, "districts or provinces not found");
}
