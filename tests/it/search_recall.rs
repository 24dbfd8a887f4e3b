//! Generated recall: every unit of both structures, written the ways people write it,
//! must be found.
//!
//! For each unit a fixed, deterministic procedure builds variants of its name:
//!
//! * exact variants: the official name; the full name with its kind word; no
//!   diacritics; upper case; the abbreviated kind word (`P.`, `Q.`, `TX.`, …) before
//!   the name without diacritics; the kind glued to a number (`P7`, `Q1`) for
//!   numbered names; the other tone placement (`Hoà`/`Hòa`) when the name has one;
//! * typo variants, for names of at least 5 letters: one letter deleted, one letter
//!   replaced (positions and letters chosen from the code).
//!
//! Each variant is searched in the unit's structure and level. A unit is *found* when
//! it is the first hit if its name is unique there (by search key, aliases aside),
//! and among the hits otherwise (homonyms are all returned, in rank order; for exact
//! variants, among the hits of distance 0). Exact variants must all be found
//! (asserted: 100 %). Typo variants are searched typo-tolerantly; the test reports
//! how many are found, and how often the unit is first even among homonyms, and
//! asserts floors so that a regression fails.
//!
//! Every unit is covered, in a few seconds in release and well under a minute in
//! debug; run with `--nocapture` to see the figures.

use crate::common::{abbreviation, TONE_PAIRS};

use std::collections::HashMap;

use dvhc::search::{Era, Level, Mode, Search, Unit};
use dvhc::{fold, legacy, search_key, Commune, Province};

/// A unit with what the variants need.
struct Case {
    unit: Unit,
    era: Era,
    level: Level,
    name: &'static str,
    /// Official kind prefix ("Phường", "Quận", …).
    prefix: &'static str,
    /// The usual abbreviation of the kind.
    abbr: &'static str,
    code: u32,
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    let mut add = |unit: Unit| {
        let full = unit.full_name();
        v.push(Case {
            unit,
            era: unit.era(),
            level: unit.level(),
            name: full.name(),
            prefix: full.prefix(),
            abbr: abbreviation(full.prefix()),
            code: unit.code_value(),
        });
    };
    Province::all().iter().for_each(|u| add(Unit::Province(u)));
    Commune::all().iter().for_each(|u| add(Unit::Commune(u)));
    legacy::Province::all()
        .iter()
        .for_each(|u| add(Unit::LegacyProvince(u)));
    legacy::District::all()
        .iter()
        .for_each(|u| add(Unit::LegacyDistrict(u)));
    legacy::Commune::all()
        .iter()
        .for_each(|u| add(Unit::LegacyCommune(u)));
    v
}

/// The other tone placement: "oà" ↔ "òa", "uỷ" ↔ "ủy", … (old and new style).
fn other_tone_placement(name: &str) -> Option<String> {
    for (a, b) in TONE_PAIRS {
        if name.contains(a) {
            return Some(name.replace(a, b));
        }
        if name.contains(b) {
            return Some(name.replace(b, a));
        }
    }
    None
}

fn exact_variants(c: &Case) -> Vec<String> {
    let mut v = vec![
        c.name.to_owned(),
        format!("{} {}", c.prefix, c.name),
        fold(c.name).into_owned(),
        format!("{} {}", c.prefix, c.name).to_uppercase(),
        format!("{} {}", c.abbr, fold(c.name)),
    ];
    if c.name.bytes().all(|b| b.is_ascii_digit()) {
        // "P7", "Q1", "F15"
        v.push(format!("{}{}", c.abbr.trim_end_matches('.'), c.name));
    }
    if let Some(t) = other_tone_placement(c.name) {
        v.push(t);
    }
    v
}

/// A deterministic number from a code and a salt.
fn mix(code: u32, salt: u32) -> usize {
    let mut x = u64::from(code) * 0x9E37_79B9 + u64::from(salt) * 0x85EB_CA6B;
    x ^= x >> 15;
    x = x.wrapping_mul(0x2C1B_3C6D);
    x ^= x >> 12;
    x as usize
}

/// One letter deleted and one letter replaced, for names of at least 5 letters.
fn typo_variants(c: &Case) -> Vec<String> {
    let chars: Vec<char> = c.name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 5 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let del = letters[mix(c.code, 1) % letters.len()];
    let mut d = chars.clone();
    d.remove(del);
    out.push(d.into_iter().collect());
    let sub = letters[mix(c.code, 2) % letters.len()];
    let mut s = chars;
    let base = fold(&s[sub].to_string()).into_owned();
    let alphabet = "abcdeghiklmnopqrstuvxy";
    let mut r = alphabet.as_bytes()[mix(c.code, 3) % alphabet.len()] as char;
    if base == r.to_string() {
        r = if r == 'a' { 'o' } else { 'a' };
    }
    s[sub] = r;
    out.push(s.into_iter().collect());
    out
}

/// Counts of typo variants.
#[derive(Default)]
struct Tally {
    total: usize,
    among: usize,
    unique: usize,
    unique_first: usize,
    unique_nearer: usize,
    unique_tied: usize,
}

impl Tally {
    fn add(&mut self, unique: bool, pos: Option<usize>, nearer: bool, tied: bool) {
        self.total += 1;
        self.among += usize::from(pos.is_some());
        if unique {
            self.unique += 1;
            self.unique_first += usize::from(pos == Some(0));
            self.unique_nearer += usize::from(nearer);
            self.unique_tied += usize::from(tied);
        }
    }

    /// A unique name first where no other name is as near the typo, in %.
    fn clear_first_rate(&self) -> f64 {
        let clear = self.unique - self.unique_nearer - self.unique_tied;
        let first_clear = self.unique_first;
        100.0 * first_clear as f64 / clear.max(1) as f64
    }

    /// The unit among the hits, in %.
    fn among_rate(&self) -> f64 {
        100.0 * self.among as f64 / self.total.max(1) as f64
    }

    /// A unique name first, in %, where the typo is not nearer another name.
    fn first_rate(&self) -> f64 {
        100.0 * self.unique_first as f64 / (self.unique - self.unique_nearer).max(1) as f64
    }

    fn report(&self) -> String {
        format!(
            "{} variants, unit among the hits {:.2} %; unique names {}: unit first {} ({:.2} %); \
             typo nearer another name {}, as near another name {}; first where neither {:.2} %",
            self.total,
            self.among_rate(),
            self.unique,
            self.unique_first,
            100.0 * self.unique_first as f64 / self.unique.max(1) as f64,
            self.unique_nearer,
            self.unique_tied,
            self.clear_first_rate()
        )
    }
}

fn key(c: &Case) -> (Era, Level, String) {
    (c.era, c.level, search_key(c.name).into_owned())
}

#[test]
fn recall() {
    let cases = cases();
    let mut homonyms: HashMap<(Era, Level, String), usize> = HashMap::new();
    for c in &cases {
        *homonyms.entry(key(c)).or_default() += 1;
    }

    let (mut exact_total, mut exact_found) = (0usize, 0usize);
    let mut exact_misses: Vec<String> = Vec::new();
    // Typo variants: total; unit among the hits; unit first; unique names; unique
    // names with the unit first; unique names where the typo is nearer another name
    // (no ranking by distance can put the unit first).
    let mut t = Tally::default();
    let mut typo_misses: Vec<String> = Vec::new();
    let mut by_level: HashMap<(Era, Level), Tally> = HashMap::new();

    for c in &cases {
        let unique = homonyms[&key(c)] == 1;
        let s = Search::new().era(c.era).level(c.level);
        for q in exact_variants(c) {
            exact_total += 1;
            let hits = s.run(&q);
            let ok = if unique {
                hits.first().is_some_and(|h| h.unit() == c.unit)
            } else {
                hits.iter().any(|h| h.unit() == c.unit && h.distance() == 0)
            };
            if ok {
                exact_found += 1;
            } else if exact_misses.len() < 20 {
                exact_misses.push(format!(
                    "{} {:?}: {:?} → {:?}",
                    c.code,
                    c.unit.to_string(),
                    q,
                    hits.iter()
                        .take(3)
                        .map(|h| h.unit().to_string())
                        .collect::<Vec<_>>()
                ));
            }
        }
        let fuzzy = s.mode(Mode::Fuzzy);
        for q in typo_variants(c) {
            let hits = fuzzy.run(&q);
            let pos = hits.iter().position(|h| h.unit() == c.unit);
            let (nearer, tied) = match pos {
                Some(i) => (
                    hits[0].distance() < hits[i].distance(),
                    i > 0 && hits[0].distance() == hits[i].distance(),
                ),
                None => (false, false),
            };
            let level = by_level.entry((c.era, c.level)).or_default();
            for tally in [&mut t, level] {
                tally.add(unique, pos, nearer, tied);
            }
            if pos.is_none() && typo_misses.len() < 12 {
                typo_misses.push(format!(
                    "{} {:?}: {:?} → {:?}",
                    c.code,
                    c.unit.to_string(),
                    q,
                    hits.iter()
                        .take(3)
                        .map(|h| h.unit().to_string())
                        .collect::<Vec<_>>()
                ));
            }
        }
    }

    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    eprintln!(
        "units: {}; exact variants: {exact_total}, found {exact_found} ({:.2} %)",
        cases.len(),
        pct(exact_found, exact_total)
    );
    eprintln!("typo variants: {}", t.report());
    let mut levels: Vec<_> = by_level.into_iter().collect();
    levels.sort_by_key(|(k, _)| *k);
    for ((era, level), tally) in levels {
        eprintln!("  {era:?} {level:?}: {}", tally.report());
    }
    for m in &typo_misses {
        eprintln!("  typo miss: {m}");
    }
    assert!(
        exact_misses.is_empty(),
        "exact variants not found ({} of {exact_total}):\n{}",
        exact_total - exact_found,
        exact_misses.join("\n")
    );
    // Floors for typo recall (the figures above are the measure).
    assert!(t.among_rate() >= 99.0, "typo recall fell: {}", t.report());
    assert!(t.first_rate() >= 94.0, "typo top-1 fell: {}", t.report());
    assert!(
        t.clear_first_rate() >= 99.9,
        "typo top-1 fell: {}",
        t.report()
    );
}
