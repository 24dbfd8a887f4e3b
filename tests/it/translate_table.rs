//! Real-world address translations: `tests/data/translate_cases.tsv`, a hand-written
//! table of old (and some current) addresses as people write them, with the new units
//! each must translate to. Expectations come from `data/` (mapping, tables), never from
//! the translator's own output.

use std::collections::BTreeSet;

use dvhc::address::ParseError;
use dvhc::search::{Era, Level, Via};
use dvhc::translate::{TranslateError, Translation, Translator};
use dvhc::{Date, Share};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// One old commune that went whole into one new commune.
    One,
    /// One old commune split between several new ones.
    Split,
    /// The address stops at an old district.
    District,
    /// The address stops at an old province.
    Province,
    /// Already in the current structure.
    Current,
    /// Homonyms nothing in the address tells apart.
    Homonym,
    /// Not an address.
    Error,
    /// Ambiguous, with at least the listed candidates.
    Contains,
    /// An error or an ambiguous result, never a confident answer.
    Unsure,
    /// Units that contradict: the codes of the two that agree, with the third
    /// reported as overruled.
    Conflict,
}

#[derive(Debug)]
struct Case {
    line: usize,
    input: String,
    status: Status,
    legacy: String,
    codes: Vec<String>,
    formatted: String,
    date: Option<Date>,
    historical: bool,
}

fn load(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "line {}: 6 columns expected: {line:?}", i + 1);
        if !header {
            assert_eq!(
                f,
                ["input", "status", "legacy", "codes", "formatted", "options"]
            );
            header = true;
            continue;
        }
        let status = match f[1] {
            "one" => Status::One,
            "split" => Status::Split,
            "district" => Status::District,
            "province" => Status::Province,
            "current" => Status::Current,
            "homonym" => Status::Homonym,
            "error" => Status::Error,
            "contains" => Status::Contains,
            "unsure" => Status::Unsure,
            "conflict" => Status::Conflict,
            s => panic!("line {}: unknown status {s:?}", i + 1),
        };
        let mut date = None;
        let mut historical = false;
        for opt in f[5].split(',').filter(|o| !o.is_empty()) {
            match opt.split_once('=') {
                Some(("date", d)) => date = Some(d.parse().expect("date")),
                Some(("via", "historical")) => historical = true,
                _ => panic!("line {}: unknown option {opt:?}", i + 1),
            }
        }
        cases.push(Case {
            line: i + 1,
            input: f[0].to_owned(),
            status,
            legacy: f[2].to_owned(),
            codes: f[3]
                .split(' ')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            formatted: f[4].to_owned(),
            date,
            historical,
        });
    }
    cases
}

fn table() -> Vec<Case> {
    load(include_str!("../data/translate_cases.tsv"))
}

fn codes(t: &Translation<'_>) -> BTreeSet<String> {
    t.candidates()
        .iter()
        .map(|c| match c.commune() {
            Some(m) => m.code().to_string(),
            None => c.province().code().to_string(),
        })
        .collect()
}

fn describe(t: &Translation<'_>) -> String {
    let cands: Vec<String> = t
        .candidates()
        .iter()
        .map(|c| {
            format!(
                "{} {} ({})",
                c.commune()
                    .map_or(c.province().code().to_string(), |m| m.code().to_string()),
                t.format(c),
                c.share()
            )
        })
        .collect();
    format!(
        "{:?} level {:?} via {:?} legacy {:?} readings {} ambiguous {} → [{}]",
        t.era(),
        t.level(),
        t.via(),
        t.legacy().map(|l| (
            l.province().code().to_string(),
            l.district().map(|d| d.code().to_string()),
            l.commune().map(|c| c.code().to_string())
        )),
        t.readings(),
        t.is_ambiguous(),
        cands.join("; ")
    )
}

/// Checks one case; the error says what differs.
fn check(case: &Case) -> Result<(), String> {
    let translator = match case.date {
        Some(d) => Translator::new().on(d),
        None => Translator::new(),
    };
    let result = translator.translate(&case.input);
    if case.status == Status::Error {
        let want = match case.codes[0].as_str() {
            "Empty" => ParseError::Empty,
            "NotFound" => ParseError::NotFound,
            e => panic!("unknown error {e}"),
        };
        return match result {
            Err(TranslateError::Parse(e)) if e == want => Ok(()),
            Err(e) => Err(format!("error {e:?}, expected {want:?}")),
            Ok(t) => Err(format!("translated, expected {want:?}: {}", describe(&t))),
        };
    }
    if case.status == Status::Unsure {
        return match result {
            Ok(t) if t.resolved().is_some() => Err(format!("confident: {}", describe(&t))),
            _ => Ok(()),
        };
    }
    let t = result.map_err(|e| format!("error {e:?}"))?;
    let fail = |what: &str| Err(format!("{what}: {}", describe(&t)));
    let want: BTreeSet<String> = case.codes.iter().cloned().collect();
    if case.status == Status::Conflict {
        return if codes(&t) == want && !t.conflicts().is_empty() {
            Ok(())
        } else {
            fail(&format!("no conflict, or candidates differ from {want:?}"))
        };
    }
    if case.status == Status::Contains {
        return if t.is_ambiguous() && codes(&t).is_superset(&want) {
            Ok(())
        } else {
            fail(&format!("not ambiguous with {want:?}"))
        };
    }
    if codes(&t) != want || t.candidates().len() != want.len() {
        return fail(&format!("candidates differ from {want:?}"));
    }
    let formatted = (!case.formatted.is_empty()).then(|| case.formatted.clone());
    if t.formatted() != formatted {
        return fail(&format!(
            "formatted {:?}, expected {formatted:?}",
            t.formatted()
        ));
    }
    if let Some(f) = &formatted {
        if t.to_string() != *f {
            return fail(&format!(
                "Display {:?} differs from formatted",
                t.to_string()
            ));
        }
    }
    if (t.via() == Via::Historical) != case.historical {
        return fail("via");
    }
    let legacy = t.legacy();
    let legacy_code = |level: Level| -> Option<String> {
        let l = legacy?;
        match level {
            Level::Province => Some(l.province().code().to_string()),
            Level::District => l.district().map(|d| d.code().to_string()),
            Level::Commune => l.commune().map(|c| c.code().to_string()),
        }
    };
    let all_partial = t.candidates().iter().all(|c| c.share() == Share::Partial);
    let ok = match case.status {
        Status::One => {
            t.era() == Era::Legacy
                && t.level() == Level::Commune
                && !t.is_ambiguous()
                && t.candidates()[0].share() == Share::Whole
                && legacy_code(Level::Commune).as_deref() == Some(&case.legacy)
        }
        Status::Split => {
            t.era() == Era::Legacy
                && t.level() == Level::Commune
                && t.is_ambiguous()
                && t.resolved().is_none()
                && t.readings() == 1
                && all_partial
                && legacy_code(Level::Commune).as_deref() == Some(&case.legacy)
        }
        Status::District => {
            t.era() == Era::Legacy
                && t.level() == Level::District
                && legacy.is_some_and(|l| l.commune().is_none())
                && legacy_code(Level::District).as_deref() == Some(&case.legacy)
                && if want.len() == 1 {
                    t.candidates()[0].share() == Share::Whole
                } else {
                    t.is_ambiguous() && all_partial
                }
        }
        Status::Province => {
            t.era() == Era::Legacy
                && t.level() == Level::Province
                && !t.is_ambiguous()
                && t.candidates()[0].commune().is_none()
                && legacy.is_some_and(|l| l.district().is_none() && l.commune().is_none())
                && legacy_code(Level::Province).as_deref() == Some(&case.legacy)
        }
        Status::Current => {
            t.era() == Era::Current
                && legacy.is_none()
                && !t.is_ambiguous()
                && t.level()
                    == if t.candidates()[0].commune().is_some() {
                        Level::Commune
                    } else {
                        Level::Province
                    }
        }
        Status::Homonym => t.is_ambiguous() && t.readings() > 1 && t.resolved().is_none(),
        Status::Error | Status::Contains | Status::Unsure | Status::Conflict => unreachable!(),
    };
    if ok {
        Ok(())
    } else {
        fail(&format!("not a {:?} translation", case.status))
    }
}

fn failures(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|c| {
            check(c)
                .err()
                .map(|e| format!("line {}: {:?}\n    {e}", c.line, c.input))
        })
        .collect()
}

#[test]
fn real_world_table() {
    let cases = table();
    assert!(cases.len() >= 200, "only {} cases", cases.len());
    let failed = failures(&cases);
    assert!(
        failed.is_empty(),
        "{} of {} table cases failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

/// The table covers what it claims to: each kind of case appears.
#[test]
fn table_covers_every_kind_of_case() {
    let cases = table();
    let count = |s: Status| cases.iter().filter(|c| c.status == s).count();
    assert!(count(Status::One) >= 100);
    assert!(count(Status::Split) >= 25);
    assert!(count(Status::District) >= 10);
    assert!(count(Status::Province) >= 5);
    assert!(count(Status::Current) >= 15);
    assert!(count(Status::Homonym) >= 3);
    assert!(count(Status::Error) >= 5);
    assert!(cases.iter().filter(|c| c.historical).count() >= 10);
    assert!(cases.iter().filter(|c| c.date.is_some()).count() >= 10);
    assert!(cases.iter().filter(|c| c.input.is_ascii()).count() >= 15);
    // Distinct inputs except the ones rendered on several dates.
    let distinct: BTreeSet<(&str, Option<Date>)> =
        cases.iter().map(|c| (c.input.as_str(), c.date)).collect();
    assert_eq!(distinct.len(), cases.len(), "duplicate rows");
}

/// The batch API returns, in order, what one-by-one translation returns.
#[test]
fn batch_matches_single() {
    let cases = table();
    let inputs: Vec<&str> = cases
        .iter()
        .filter(|c| c.date.is_none())
        .map(|c| c.input.as_str())
        .collect();
    let translator = Translator::new();
    let batch = translator.translate_batch(&inputs);
    assert_eq!(batch.len(), inputs.len());
    for (input, got) in inputs.iter().zip(&batch) {
        let one = translator.translate(input);
        match (got, &one) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.input(), *input);
                assert_eq!(codes(a), codes(b), "{input}");
                assert_eq!(a.formatted(), b.formatted(), "{input}");
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{input}"),
            _ => panic!("{input}: batch {got:?} vs single {one:?}"),
        }
    }
}
