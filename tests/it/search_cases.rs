//! The real-world search table, `tests/data/search_cases.tsv`: every case must pass.
//! Run with `--nocapture` for the count.

use crate::common::{is, unit_ref};

use dvhc::search::{Era, Hit, Level, Mode, Search};

fn search(options: &str) -> Search {
    let mut s = Search::new();
    for o in options.split(',').filter(|o| *o != "-") {
        s = match o.split_once('=') {
            Some(("limit", n)) => s.limit(n.parse().unwrap()),
            Some(("in", c)) => s.within_province(c.parse().unwrap()),
            Some(("in-legacy", c)) => s.within_legacy_province(c.parse().unwrap()),
            Some(("in-district", c)) => s.within_district(c.parse().unwrap()),
            _ => match o {
                "exact" => s.mode(Mode::Exact),
                "prefix" => s.mode(Mode::Prefix),
                "fuzzy" => s.mode(Mode::Fuzzy),
                "current" => s.era(Era::Current),
                "legacy" => s.era(Era::Legacy),
                "province" => s.level(Level::Province),
                "district" => s.level(Level::District),
                "commune" => s.level(Level::Commune),
                other => panic!("unknown option {other:?}"),
            },
        };
    }
    s
}

fn expand(list: &str) -> Vec<(Era, Level, u32)> {
    // "L/C:1,2,3" → three units.
    let (kind, codes) = list.split_once(':').unwrap();
    codes
        .split(',')
        .map(|c| unit_ref(&format!("{kind}:{c}")))
        .collect()
}

fn check(hits: &[Hit], expect: &str) -> Result<(), String> {
    for e in expect.split(" & ") {
        let ok = if let Some(u) = e.strip_prefix("first ") {
            hits.first().is_some_and(|h| is(h.unit(), unit_ref(u)))
        } else if let Some(list) = e.strip_prefix("has ") {
            expand(list)
                .into_iter()
                .all(|u| hits.iter().any(|h| is(h.unit(), u)))
        } else if let Some(n) = e.strip_prefix("count>=") {
            hits.len() >= n.parse().unwrap()
        } else if let Some(n) = e.strip_prefix("count=") {
            hits.len() == n.parse::<usize>().unwrap()
        } else if e == "none" {
            hits.is_empty()
        } else {
            panic!("bad expectation {e:?}")
        };
        if !ok {
            let got: Vec<String> = hits
                .iter()
                .take(5)
                .map(|h| format!("{} {} (d{})", h.unit().code(), h.unit(), h.distance()))
                .collect();
            return Err(format!("{e}: got {} hits {got:?}", hits.len()));
        }
    }
    Ok(())
}

#[test]
fn real_world_searches() {
    let table = include_str!("../data/search_cases.tsv");
    let mut total = 0;
    let mut failures = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() && !line.contains('\t') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            3,
            "line {}: expected 3 fields: {line:?}",
            n + 1
        );
        total += 1;
        let hits = search(fields[1]).run(fields[0]);
        if let Err(e) = check(&hits, fields[2]) {
            failures.push(format!(
                "line {}: {:?} [{}]: {e}",
                n + 1,
                fields[0],
                fields[1]
            ));
        }
    }
    eprintln!(
        "{total} real-world searches, {} passed",
        total - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `Hit::score` follows the order of the hits on real queries that give many hits of
/// mixed quality: names with a kind word that may not fit, prefixes, and typos, in
/// every mode, with and without a limit (a limit keeps the first hits).
#[test]
fn scores_follow_the_order_and_limits_keep_the_first_hits() {
    let mut queries = Vec::new();
    for (i, c) in dvhc::legacy::Commune::all().iter().enumerate().step_by(41) {
        let name = c.name();
        let kind = ["Phường", "Xã", "Quận", "TP", "Thị trấn"][i % 5];
        queries.push(format!("{kind} {name}"));
        queries.push(name.chars().take(3 + i % 5).collect::<String>());
        let mut typo: Vec<char> = dvhc::fold(name).chars().collect();
        if typo.len() > 4 {
            typo.swap(1, 2);
        }
        queries.push(typo.into_iter().collect());
    }
    let mut hits_seen = 0;
    for q in &queries {
        for mode in [Mode::Exact, Mode::Prefix, Mode::Fuzzy] {
            let all = Search::new().mode(mode).run(q);
            for w in all.windows(2) {
                assert!(
                    w[0].score() >= w[1].score(),
                    "{mode:?} {q:?}: {} ({}) before {} ({})",
                    w[0].unit(),
                    w[0].score(),
                    w[1].unit(),
                    w[1].score()
                );
            }
            let first: Vec<_> = Search::new().mode(mode).limit(5).run(q);
            let want = &all[..all.len().min(5)];
            assert_eq!(first.len(), want.len(), "{mode:?} {q:?}");
            for (a, b) in first.iter().zip(want) {
                assert_eq!(a.unit(), b.unit(), "{mode:?} {q:?}");
            }
            hits_seen += all.len();
        }
    }
    assert!(hits_seen > 10_000, "{hits_seen} hits");
}
