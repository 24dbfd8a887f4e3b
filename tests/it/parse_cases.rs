//! The real-world address table, `tests/data/parse_cases.tsv`: every case must pass.
//! Run with `--nocapture` for the count.

use crate::common::{is, unit_ref};

use dvhc::address::{parse, ParseError, Reading};
use dvhc::Status;

fn describe(r: &Reading<'_>) -> String {
    let u = r.deepest();
    format!(
        "{:?} {:?} {} {u} (rest {:?})",
        u.era(),
        u.level(),
        u.code(),
        r.rest()
    )
}

fn error_name(e: &ParseError) -> &'static str {
    match e {
        ParseError::Empty => "Empty",
        ParseError::TooLong { .. } => "TooLong",
        ParseError::NotFound => "NotFound",
        ParseError::ProvinceNotFound { .. } => "ProvinceNotFound",
        _ => "other",
    }
}

/// Checks one case; `Err` says what went wrong.
fn check(input: &str, expect: &str, rest: &str) -> Result<(), String> {
    let parsed = parse(input);
    if let Some(variant) = expect.strip_prefix("error:") {
        return match &parsed {
            Err(e) if error_name(e) == variant => Ok(()),
            Err(e) => Err(format!("expected error {variant}, got error {e:?}")),
            Ok(a) => Err(format!(
                "expected error {variant}, got {}",
                describe(a.reading())
            )),
        };
    }
    let a = parsed.map_err(|e| format!("expected {expect}, got error {e:?}"))?;
    let best = a.reading();
    let partial = matches!(a.status(), Status::Partial);
    let expect = match expect.strip_prefix("partial ") {
        Some(unit) if partial => unit,
        Some(_) => return Err(format!("expected partial, got {:?}", a.status())),
        None if partial => {
            return Err(format!(
                "{:?} ({:?} unresolved), expected {expect}",
                a.status(),
                a.unresolved().map(|u| u.text())
            ))
        }
        None => expect,
    };
    if let Some(list) = expect.strip_prefix("ambiguous ") {
        if !a.is_ambiguous() {
            return Err(format!("expected ambiguous, got {}", describe(best)));
        }
        let (kind, codes) = list.split_once(':').unwrap();
        for code in codes.split(',') {
            let want = unit_ref(&format!("{kind}:{code}"));
            if !a.candidates().iter().any(|r| is(r.deepest(), want)) {
                return Err(format!(
                    "candidate {kind}:{code} missing from {} candidates",
                    a.candidates().len()
                ));
            }
        }
    } else if expect != "*" {
        let want = unit_ref(expect);
        if a.is_ambiguous() {
            return Err(format!(
                "expected {expect}, got ambiguous: {}",
                a.candidates()
                    .iter()
                    .map(describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        if !is(best.deepest(), want) {
            return Err(format!("expected {expect}, got {}", describe(best)));
        }
    }
    let want_rest = match rest {
        "-" => "",
        other => other,
    };
    if rest != "*" && best.rest() != want_rest {
        return Err(format!(
            "rest: expected {want_rest:?}, got {:?}",
            best.rest()
        ));
    }
    Ok(())
}

#[test]
fn real_world_addresses() {
    let table = include_str!("../data/parse_cases.tsv");
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
        if let Err(e) = check(fields[0], fields[1], fields[2]) {
            failures.push(format!("line {}: {:?}: {e}", n + 1, fields[0]));
        }
    }
    eprintln!(
        "{total} real-world addresses, {} passed",
        total - failures.len()
    );
    assert!(total >= 300, "the table has {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
