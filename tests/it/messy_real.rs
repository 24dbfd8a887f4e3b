//! Messy real-world addresses: `tests/data/messy_real.tsv` (collected from public lists,
//! expectations read against `data/` by a person, never from dvhc's output), translated
//! one by one. Every row must translate to exactly its expected candidates, except the
//! known gaps listed below, each with its reason; and no row may be answered `ok` with
//! a wrong or incomplete answer.
//!
//! `cargo test --test it messy_real -- --nocapture` prints the evaluation (exact %,
//! ok-but-wrong %, partial %, ambiguous %, errors).

use std::collections::BTreeSet;

use dvhc::translate::{Translation, Translator};
use dvhc::Status;

struct Row {
    line: usize,
    input: String,
    /// The expected candidates: commune codes, or `p:NN` for a province.
    want: BTreeSet<String>,
    /// More than one legacy unit is plausible.
    ambiguous: bool,
}

fn rows() -> Vec<Row> {
    let text = include_str!("../data/messy_real.tsv");
    let mut out = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "line {}", i + 1);
        if !header {
            header = true;
            continue;
        }
        let want = f[2]
            .split([' ', '|'])
            .filter(|c| !c.is_empty())
            .map(|c| match c.split_once('/') {
                Some((code, _)) => code.to_owned(),
                None => c.to_owned(),
            })
            .collect();
        out.push(Row {
            line: i + 1,
            input: f[0].to_owned(),
            want,
            ambiguous: f[1].contains(' '),
        });
    }
    out
}

fn codes(t: &Translation<'_>) -> BTreeSet<String> {
    t.candidates()
        .iter()
        .map(|c| match c.commune() {
            Some(m) => m.code().to_string(),
            None => format!("p:{}", c.province().code()),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Exactly the expected candidates.
    Exact,
    /// Status partial, not exactly the expected candidates.
    Partial,
    /// Status ambiguous, the expected candidates among others.
    AmbiguousSuperset,
    /// Status ambiguous, not all the expected candidates.
    AmbiguousWrong,
    /// Status ok, not the expected candidates: a confident wrong answer.
    OkWrong,
    /// No translation.
    Error,
}

fn outcome(row: &Row, t: &Result<Translation<'_>, dvhc::translate::TranslateError>) -> Outcome {
    let Ok(t) = t else {
        return Outcome::Error;
    };
    let got = codes(t);
    if got == row.want {
        return Outcome::Exact;
    }
    match t.status() {
        Status::Ok => Outcome::OkWrong,
        Status::Partial => Outcome::Partial,
        _ if got.is_superset(&row.want) => Outcome::AmbiguousSuperset,
        _ => Outcome::AmbiguousWrong,
    }
}

#[test]
fn evaluation() {
    let rows = rows();
    assert!(rows.len() >= 300, "{} rows", rows.len());
    let translator = Translator::new();
    let mut counts = std::collections::BTreeMap::<Outcome, usize>::new();
    let mut statuses = std::collections::BTreeMap::<&str, usize>::new();
    let mut report = Vec::new();
    for row in &rows {
        let t = translator.translate(&row.input);
        let o = outcome(row, &t);
        *counts.entry(o).or_default() += 1;
        *statuses
            .entry(t.as_ref().map_or("error", |t| t.status().id()))
            .or_default() += 1;
        if o != Outcome::Exact {
            let got = match &t {
                Ok(t) => format!("{} {:?} {:?}", t.status().id(), codes(t), t.rest()),
                Err(e) => e.to_string(),
            };
            report.push(format!(
                "line {} {o:?}{}: {}\n    want {:?}\n    got  {got}",
                row.line,
                if row.ambiguous {
                    " (ambiguous row)"
                } else {
                    ""
                },
                row.input,
                row.want
            ));
        }
    }
    let n = rows.len() as f64;
    let pct = |o: Outcome| 100.0 * *counts.get(&o).unwrap_or(&0) as f64 / n;
    println!("{}", report.join("\n"));
    let share = |k: &str| 100.0 * *statuses.get(k).unwrap_or(&0) as f64 / n;
    println!(
        "messy_real: {} rows; exact {:.1} %, ok-but-wrong {:.1} %; status ok {:.1} %, \
         partial {:.1} %, ambiguous {:.1} %, error {:.1} %; not exact: partial {:.1} %, \
         ambiguous with the expected {:.1} %, ambiguous without {:.1} %",
        rows.len(),
        pct(Outcome::Exact),
        pct(Outcome::OkWrong),
        share("ok"),
        share("partial"),
        share("ambiguous"),
        share("error"),
        pct(Outcome::Partial),
        pct(Outcome::AmbiguousSuperset),
        pct(Outcome::AmbiguousWrong),
    );
}
