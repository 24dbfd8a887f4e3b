//! Metamorphic tests (issue #14, item 10): every clean address, rewritten the messy
//! ways people write addresses (`rewrite.rs`: a remark, kind words glued, other
//! separators, invisible characters, no diacritics, VNI/TCVN3 mojibake...), must
//! translate to the same answer as the clean address: the same old unit, the same new
//! candidates, the same status (resolved or ambiguous).
//!
//! The clean addresses are
//! * every row of `tests/data/translate_cases.tsv` except the errors and the "unsure"
//!   rows, and every row of `tests/data/parse_cases.tsv` except the errors: the rows
//!   that translate today (their answers are checked against the tables by
//!   `translate_table.rs` and `parse_cases.rs`);
//! * a seeded sample of [`SAMPLE`] old communes (all 10,035 with
//!   `DVHC_METAMORPHIC_ALL=1`) written from the tables in three writings, round robin:
//!   official (`Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh`), abbreviated
//!   (`P. Bến Nghé, Q. 1, TP. Hồ Chí Minh`) and with a street in front.
//!
//! "The same answer" is [`Answer`]: the structure, the level, the old province,
//! district and commune, the set of new candidates and whether it resolved to one.
//! Two families lose information by design ([`Family::loses_information`]):
//! stripping diacritics makes homonyms of Trực Hưng and Trực Hùng, dropping kind words
//! makes namesakes of Thị trấn Mường Tè, Xã Mường Tè and Huyện Mường Tè (and of Quận
//! Hoàn Kiếm and today's Phường Hoàn Kiếm). For them a different answer passes when it
//! is not another confident answer and a namesake explains it
//! ([`explained_by_namesake`]): in short, the clean candidates are all kept and every
//! extra candidate answers to the clean unit's name. Such answers are counted as
//! "widened" in the report. Other rewrites keep every letter that tells units apart,
//! so their answer must be the same.
//!
//! `no_different_ok` checks the weaker property for the remark-only and
//! invisible-character-only rewrites (and both at once): a confident clean answer
//! never becomes another confident answer. It counts the answers that became
//! ambiguous or an error (the family tests fail those).
//!
//! Each family is its own test. A family that still fails on a few inputs has a
//! ceiling in [`KNOWN_FAILURES`]: the number of failures on the default sample today.
//! Its test fails when there are more (a regression inside a family that mostly
//! passes is caught), and also when there are fewer, with a message to lower the
//! ceiling, so that the list only ever tightens. A family not listed must pass on
//! every input. The counts and the first [`SHOWN`] failures of every family are
//! printed (`cargo test --test it metamorphic -- --nocapture`); the whole table at
//! once: `cargo test --test it metamorphic::baseline -- --ignored --nocapture`.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use dvhc::search::{Era, Level};
use dvhc::translate::{TranslateError, Translation, Translator};
use dvhc::{fold, legacy, Commune, Status};

use crate::common::{abbreviation, Rng, STREETS};
use crate::rewrite::Family;

/// Families (by [`Family::name`], and `no_different_ok` for the test of that name)
/// that still fail on some inputs of the default sample, each with its ceiling: the
/// number of failures it has today. More is a regression; fewer means the ceiling
/// must come down (the test says so). With `DVHC_METAMORPHIC_ALL` the sample is
/// larger, so the ceilings do not apply and listed families only report.
const KNOWN_FAILURES: &[(&str, usize)] = &[("no_separators", 6), ("no_kind", 1)];

/// The ceiling of a family in [`KNOWN_FAILURES`] (0 when it is not listed).
fn ceiling(name: &str) -> usize {
    KNOWN_FAILURES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |&(_, c)| c)
}

/// Whether the whole of the official tables is used (`DVHC_METAMORPHIC_ALL`).
fn everything() -> bool {
    std::env::var_os("DVHC_METAMORPHIC_ALL").is_some()
}

/// Old communes in the seeded sample of official addresses (debug builds stay fast).
const SAMPLE: usize = 2_100;

/// Failing examples shown per family.
const SHOWN: usize = 20;

// ------------------------------------------------------------------------- answers

/// What a translation says, in the terms the properties compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// An error (its message).
    Error(String),
    /// A translation.
    Found {
        era: Era,
        level: Level,
        /// Old province, district, commune codes (legacy structure only).
        legacy: Option<(u32, Option<u32>, Option<u32>)>,
        /// New commune codes, or `pNN` for a province-only candidate.
        candidates: BTreeSet<String>,
        /// [`Status::Ok`]: a confident answer (else ambiguous).
        resolved: bool,
    },
}

impl Answer {
    pub fn of(result: &Result<Translation<'_>, TranslateError>) -> Answer {
        let t = match result {
            Ok(t) => t,
            Err(e) => return Answer::Error(e.to_string()),
        };
        Answer::Found {
            era: t.era(),
            level: t.level(),
            legacy: t.legacy().map(|l| {
                (
                    l.province().code().get(),
                    l.district().map(|d| d.code().get()),
                    l.commune().map(|c| c.code().get()),
                )
            }),
            candidates: t
                .candidates()
                .iter()
                .map(|c| match c.commune() {
                    Some(m) => m.code().to_string(),
                    None => format!("p{}", c.province().code()),
                })
                .collect(),
            resolved: t.status() == Status::Ok,
        }
    }

    /// The one new unit of a confident answer.
    fn confident(&self) -> Option<&str> {
        match self {
            Answer::Found {
                candidates,
                resolved: true,
                ..
            } => candidates.iter().next().map(String::as_str),
            _ => None,
        }
    }

    fn candidates(&self) -> Option<&BTreeSet<String>> {
        match self {
            Answer::Found { candidates, .. } => Some(candidates),
            Answer::Error(_) => None,
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Error(e) => write!(f, "error: {e}"),
            Answer::Found {
                era,
                level,
                legacy,
                candidates,
                resolved,
            } => {
                let status = if *resolved { "ok" } else { "ambiguous" };
                let list: Vec<&str> = candidates.iter().map(String::as_str).collect();
                write!(f, "{status} [{}] {era:?} {level:?}", list.join(" "))?;
                if let Some((p, d, c)) = legacy {
                    write!(f, " old {p:02}")?;
                    if let Some(d) = d {
                        write!(f, "/{d:03}")?;
                    }
                    if let Some(c) = c {
                        write!(f, "/{c:05}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

// -------------------------------------------------------------------- clean inputs

/// A clean address and its answer today.
pub struct Base {
    /// Where it comes from: `translate_cases.tsv:12`, `official:26740`.
    pub origin: String,
    pub input: String,
    pub answer: Answer,
}

/// `Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh`, abbreviated, or with a street.
pub fn official(c: &legacy::Commune, writing: usize, rng: &mut Rng) -> String {
    let (d, p) = (c.district(), c.province());
    match writing % 3 {
        0 => format!("{}, {}, {}", c.full_name(), d.full_name(), p.full_name()),
        1 => {
            let abbr = |f: dvhc::FullName| format!("{} {}", abbreviation(f.prefix()), f.name());
            format!(
                "{}, {}, {}",
                abbr(c.full_name()),
                abbr(d.full_name()),
                abbr(p.full_name())
            )
        }
        _ => {
            let street = loop {
                let s = rng.pick(STREETS);
                if !s.is_empty() {
                    break s;
                }
            };
            format!(
                "{street}, {}, {}, {}",
                c.full_name(),
                d.full_name(),
                p.full_name()
            )
        }
    }
}

/// Every clean input with its answer today (computed once for all the tests).
pub fn bases() -> &'static [Base] {
    static BASES: OnceLock<Vec<Base>> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut rows: Vec<(String, String)> = Vec::new();
        for (i, line) in include_str!("../data/translate_cases.tsv")
            .lines()
            .enumerate()
        {
            let f: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || f.len() < 2 || f[0] == "input" {
                continue;
            }
            if !matches!(f[1], "error" | "unsure") {
                rows.push((format!("translate_cases.tsv:{}", i + 1), f[0].to_owned()));
            }
        }
        for (i, line) in include_str!("../data/parse_cases.tsv").lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || f.len() < 2 {
                continue;
            }
            if !f[1].starts_with("error:") {
                rows.push((format!("parse_cases.tsv:{}", i + 1), f[0].to_owned()));
            }
        }
        let all = legacy::Commune::all();
        let mut order: Vec<usize> = (0..all.len()).collect();
        let mut rng = Rng(0x6d65_7461_6d6f_7270);
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let everything = everything();
        let (count, writings) = if everything {
            (all.len(), 3)
        } else {
            (SAMPLE, 1)
        };
        for (k, &i) in order.iter().take(count).enumerate() {
            let c = &all[i];
            for w in 0..writings {
                let writing = if everything { w } else { k };
                rows.push((
                    format!("official:{}/{}", c.code(), writing % 3),
                    official(c, writing, &mut rng),
                ));
            }
        }
        // One base per distinct input (the tables share a few).
        let mut seen = BTreeSet::new();
        rows.retain(|(_, input)| seen.insert(input.clone()));
        let inputs: Vec<&str> = rows.iter().map(|(_, i)| i.as_str()).collect();
        let answers: Vec<Answer> = Translator::new()
            .translate_batch(&inputs)
            .iter()
            .map(Answer::of)
            .collect();
        rows.into_iter()
            .zip(answers)
            .map(|((origin, input), answer)| Base {
                origin,
                input,
                answer,
            })
            .filter(|b| !matches!(b.answer, Answer::Error(_)))
            .collect()
    })
}

// ---------------------------------------------------------------------- properties

/// Whether the old unit (or, for the current structure, the commune) of `clean` has
/// a namesake in its province once folded: another commune or district whose name
/// has the same [`fold`] key. It explains why a rewrite that loses diacritics or kind
/// words may widen the answer.
fn has_namesake(clean: &Answer) -> bool {
    let Answer::Found {
        legacy, candidates, ..
    } = clean
    else {
        return false;
    };
    match legacy {
        Some((_, district, commune)) => {
            let (name, code, province) = if let Some(c) = commune {
                let Some(c) = legacy::Commune::get(format!("{c:05}").parse().unwrap()) else {
                    return false;
                };
                (c.name(), c.code().get(), c.province())
            } else if let Some(d) = district {
                let Some(d) = legacy::District::get(format!("{d:03}").parse().unwrap()) else {
                    return false;
                };
                (d.name(), d.code().get(), d.province())
            } else {
                return false;
            };
            let key = fold(name);
            province
                .communes()
                .any(|o| o.code().get() != code && fold(o.name()) == key)
                || province
                    .districts()
                    .any(|o| o.code().get() != code && fold(o.name()) == key)
        }
        None => candidates.iter().any(|code| {
            let Some(c) = code.parse().ok().and_then(Commune::get) else {
                return false;
            };
            let key = fold(c.name());
            c.province()
                .communes()
                .any(|o| o.code() != c.code() && fold(o.name()) == key)
        }),
    }
}

/// The name of the deepest old unit of an answer, folded.
fn old_name(answer: &Answer) -> Option<String> {
    let Answer::Found {
        legacy: Some((_, district, commune)),
        ..
    } = answer
    else {
        return None;
    };
    if let Some(c) = commune {
        let c = legacy::Commune::get(format!("{c:05}").parse().ok()?)?;
        return Some(fold(c.name()).into_owned());
    }
    let d = legacy::District::get(format!("{:03}", (*district)?).parse().ok()?)?;
    Some(fold(d.name()).into_owned())
}

/// How a rewritten address fared.
enum Verdict {
    Same,
    /// A family that loses information gave a wider answer, or the same new unit
    /// through another old unit, explained by a namesake.
    Widened,
    Failed(String),
}

/// The folded name of the unit an answer names: its deepest old unit, or the
/// current commune all its candidates are named after.
fn unit_name(answer: &Answer) -> Option<String> {
    if let Some(n) = old_name(answer) {
        return Some(n);
    }
    let names: BTreeSet<Option<String>> = answer
        .candidates()?
        .iter()
        .map(|code| commune_name(code))
        .collect();
    match names.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(n)] => Some(n.clone()),
        _ => None,
    }
}

/// The folded name of a current commune, from its code.
fn commune_name(code: &str) -> Option<String> {
    let c = Commune::get(code.parse().ok()?)?;
    Some(fold(c.name()).into_owned())
}

/// The folded names a current commune answers to: its own, its old communes' and
/// their districts' (an address naming an old district may mean any of them).
fn names_of(code: &str) -> BTreeSet<String> {
    let Some(c) = code.parse().ok().and_then(Commune::get) else {
        return BTreeSet::new();
    };
    std::iter::once(c.name())
        .chain(
            c.predecessors()
                .flat_map(|(p, _)| [p.name(), p.district().name()]),
        )
        .map(|n| fold(n).into_owned())
        .collect()
}

/// Whether `got`, which differs from `clean`, is explained by a namesake that the
/// lost information told apart (Trực Hưng and Trực Hùng without diacritics; Thị trấn
/// Mường Tè, Xã Mường Tè and Huyện Mường Tè without kind words; Quận Hoàn Kiếm and
/// today's Phường Hoàn Kiếm):
/// * the same new candidates and status, read in the other structure or through an
///   old unit of the same folded name (Phường Sa Pa for Phường Sa Pả, both now in
///   Phường Sa Pa) or with a namesake in its province;
/// * both name units of the same folded name, and one's candidates include the
///   other's: an old district read, without its kind word, as the current commune of
///   its name that took part of it, or the other way round;
/// * the clean candidates all kept, and every extra candidate answers to the name of
///   the clean unit or of a clean candidate ([`names_of`]: Xã An Bình and Phường An
///   Bình; Phường Thuận Hóa and old Phường Thuận Hòa, now in Phường Phú Xuân; Phường
///   Hoàn Kiếm and the communes of old Quận Hoàn Kiếm);
/// * the clean candidates all kept, and the old unit has a namesake commune or
///   district in its province ([`has_namesake`]).
fn explained_by_namesake(clean: &Answer, got: &Answer) -> bool {
    let (Some(want), Some(have)) = (clean.candidates(), got.candidates()) else {
        return false;
    };
    let legacy_of = |a: &Answer| match a {
        Answer::Found { legacy, .. } => *legacy,
        Answer::Error(_) => None,
    };
    if want == have && clean.confident().is_some() == got.confident().is_some() {
        return legacy_of(got).is_none() || old_name(clean) == old_name(got) || has_namesake(clean);
    }
    let nested = want.is_subset(have) || have.is_subset(want);
    if nested && unit_name(clean).is_some_and(|n| unit_name(got) == Some(n)) {
        return true;
    }
    if !want.is_subset(have) {
        return false;
    }
    let names: BTreeSet<String> = unit_name(clean)
        .into_iter()
        .chain(want.iter().filter_map(|c| commune_name(c)))
        .collect();
    have.difference(want)
        .all(|c| names_of(c).iter().any(|n| names.contains(n)))
        || has_namesake(clean)
}

/// The property for `family`: the same answer; or, for a family that loses
/// information, either the clean candidates among the rewritten ones with no other
/// confident answer, or a reading explained by a namesake
/// ([`explained_by_namesake`]).
fn judge(family: Family, clean: &Answer, got: &Answer) -> Verdict {
    if got == clean {
        return Verdict::Same;
    }
    if !family.loses_information() {
        return Verdict::Failed("different answer".into());
    }
    if matches!(got, Answer::Error(_)) {
        return Verdict::Failed("error".into());
    }
    match (clean.confident(), got.confident()) {
        (Some(x), Some(y)) if x != y => Verdict::Failed("a different confident answer".into()),
        _ if explained_by_namesake(clean, got) => Verdict::Widened,
        (None, Some(_)) => Verdict::Failed("confident where the clean answer is not".into()),
        _ => Verdict::Failed("another answer, not explained by a namesake".into()),
    }
}

/// The outcome of one family over every clean input.
#[derive(Default)]
struct Report {
    name: String,
    applied: usize,
    not_applicable: usize,
    same: usize,
    widened: usize,
    failures: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let passed = self.same + self.widened;
        write!(
            f,
            "{}: {passed}/{} pass ({:.1} %), {} fail; {} widened by a namesake; \
             {} inputs it does not apply to",
            self.name,
            self.applied,
            100.0 * passed as f64 / self.applied.max(1) as f64,
            self.failures.len(),
            self.widened,
            self.not_applicable
        )
    }
}

/// A row's seed: a hash of its text (FNV-1a), so every run rewrites it the same way
/// and a row added to a table changes no other row's rewrites (a seed by position
/// did: every family's sample moved, and its failure count with it).
fn seed(input: &str) -> u64 {
    input.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A clean input rewritten, and what it translates to.
struct Rewritten {
    /// Index of the clean input in [`bases`].
    base: usize,
    input: String,
    answer: Answer,
}

/// Translates `rewritten` (base index, text) in a batch.
fn translate_all(rewritten: Vec<(usize, String)>) -> Vec<Rewritten> {
    let inputs: Vec<&str> = rewritten.iter().map(|(_, r)| r.as_str()).collect();
    let answers: Vec<Answer> = Translator::new()
        .translate_batch(&inputs)
        .iter()
        .map(Answer::of)
        .collect();
    rewritten
        .into_iter()
        .zip(answers)
        .map(|((base, input), answer)| Rewritten {
            base,
            input,
            answer,
        })
        .collect()
}

/// Every clean input that `family` applies to, rewritten and translated; computed
/// once (the family's test and `no_different_ok` share it).
fn rewritten(family: Family) -> &'static [Rewritten] {
    static RUNS: [OnceLock<Vec<Rewritten>>; Family::ALL.len()] =
        [const { OnceLock::new() }; Family::ALL.len()];
    RUNS[family as usize].get_or_init(|| {
        let texts = bases()
            .iter()
            .enumerate()
            .filter_map(|(i, b)| family.apply(&b.input, seed(&b.input)).map(|r| (i, r)))
            .collect();
        translate_all(texts)
    })
}

fn run(family: Family) -> Report {
    let bases = bases();
    let done = rewritten(family);
    let mut report = Report {
        name: family.name().to_owned(),
        applied: done.len(),
        not_applicable: bases.len() - done.len(),
        ..Report::default()
    };
    for r in done {
        let clean = &bases[r.base];
        match judge(family, &clean.answer, &r.answer) {
            Verdict::Same => report.same += 1,
            Verdict::Widened => report.widened += 1,
            Verdict::Failed(why) => report.failures.push(format!(
                "{} ({why})\n      clean {:?}: {}\n      messy {:?}: {}",
                clean.origin, clean.input, clean.answer, r.input, r.answer
            )),
        }
    }
    report
}

/// Prints the report; fails when the family has more failures than its ceiling in
/// [`KNOWN_FAILURES`] (none for a family not listed), or fewer (the ceiling must then
/// come down).
fn verdict(report: &Report) {
    eprintln!("metamorphic {report}");
    let shown: Vec<&str> = report
        .failures
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect();
    let ceiling = ceiling(&report.name);
    let failed = report.failures.len();
    if everything() && ceiling > 0 {
        return;
    }
    assert!(
        failed <= ceiling,
        "{report}\n{failed} failures, more than the {ceiling} allowed in KNOWN_FAILURES; \
         first {} failures:\n  {}",
        shown.len(),
        shown.join("\n  ")
    );
    assert!(
        failed == ceiling,
        "{report}\n`{}` has {failed} failures now, fewer than its ceiling: lower it to \
         {failed} in KNOWN_FAILURES in tests/it/metamorphic.rs (or take it off at 0)",
        report.name
    );
}

macro_rules! family_tests {
    ($($test:ident => $family:expr,)*) => {
        $(
            #[test]
            fn $test() {
                verdict(&run($family));
            }
        )*
        /// Every family in the test list above.
        const TESTED: &[Family] = &[$($family),*];
    };
}

family_tests! {
    remark => Family::Remark,
    glued => Family::Glued,
    separators => Family::Separators,
    no_separators => Family::NoSeparators,
    no_kind => Family::NoKind,
    no_diacritics => Family::NoDiacritics,
    extra_words => Family::ExtraWords,
    invisible => Family::Invisible,
    lookalike => Family::Lookalike,
    vni => Family::Vni,
    tcvn3 => Family::Tcvn3,
}

/// No remark-only or invisible-character-only change turns a confident answer into
/// another confident answer. (It may turn it into an ambiguous answer or an error:
/// those are counted, not failed, here; the family tests require the same answer.)
#[test]
fn no_different_ok() {
    let bases = bases();
    let mut report = Report {
        name: "no_different_ok".to_owned(),
        ..Report::default()
    };
    // Both at once: a remark, then invisible characters in it too.
    let both: Vec<(usize, String)> = bases
        .iter()
        .enumerate()
        .filter(|(_, b)| b.answer.confident().is_some())
        .filter_map(|(i, b)| {
            let r = Family::Remark.apply(&b.input, seed(&b.input))?;
            Family::Invisible.apply(&r, seed(&b.input)).map(|r| (i, r))
        })
        .collect();
    let both = translate_all(both);
    let kinds = Family::ALL
        .into_iter()
        .filter(|f| f.is_remark_or_invisible())
        .map(|f| (f.name(), rewritten(f)))
        .chain([("remark+invisible", both.as_slice())]);
    let mut counts = Vec::new();
    for (kind, done) in kinds {
        // (rewritten, another confident answer, ambiguous, error)
        let mut c = (0, 0, 0, 0);
        for r in done {
            let clean = &bases[r.base];
            let Some(x) = clean.answer.confident() else {
                continue;
            };
            c.0 += 1;
            match (&r.answer, r.answer.confident()) {
                (_, Some(y)) if y != x => {
                    c.1 += 1;
                    report.failures.push(format!(
                        "{kind} {}\n      clean {:?}: {}\n      messy {:?}: {}",
                        clean.origin, clean.input, clean.answer, r.input, r.answer
                    ));
                }
                (_, Some(_)) => {}
                (Answer::Error(_), None) => c.3 += 1,
                (_, None) => c.2 += 1,
            }
        }
        report.applied += c.0;
        report.same += c.0 - c.1;
        counts.push(format!(
            "{kind}: {} rewritten, {} another ok, {} ambiguous, {} error",
            c.0, c.1, c.2, c.3
        ));
    }
    eprintln!(
        "metamorphic no_different_ok (confident clean answers; ambiguous and error are \
         allowed here, the family tests require the same answer): {}",
        counts.join("; ")
    );
    verdict(&report);
}

/// The pass rate of every family at once (the baseline for the parser work):
/// `cargo test --test it metamorphic::baseline -- --ignored --nocapture`.
#[test]
#[ignore]
fn baseline() {
    let bases = bases();
    eprintln!("{} clean inputs", bases.len());
    for family in Family::ALL {
        let r = run(family);
        eprintln!("{r}");
        for f in r.failures.iter().take(3) {
            eprintln!("    {f}");
        }
    }
}

/// The clean inputs are what the module says: the tables' rows that translate, and a
/// sample covering every old province in three writings; every family has its test.
#[test]
fn clean_inputs_cover_the_tables_and_every_province() {
    let bases = bases();
    let from = |prefix: &str| {
        bases
            .iter()
            .filter(|b| b.origin.starts_with(prefix))
            .count()
    };
    assert!(
        from("translate_cases.tsv") >= 300,
        "{}",
        from("translate_cases.tsv")
    );
    assert!(
        from("parse_cases.tsv") >= 300,
        "{}",
        from("parse_cases.tsv")
    );
    assert!(from("official:") >= 2_000, "{}", from("official:"));
    let provinces: BTreeSet<u32> = bases
        .iter()
        .filter_map(|b| match &b.answer {
            Answer::Found {
                legacy: Some((p, _, _)),
                ..
            } if b.origin.starts_with("official:") => Some(*p),
            _ => None,
        })
        .collect();
    assert_eq!(provinces.len(), 63);
    for w in 0..3 {
        assert!(bases.iter().any(|b| b.origin.ends_with(&format!("/{w}"))));
    }
    let mut families: Vec<Family> = TESTED.to_vec();
    families.sort();
    assert_eq!(families, Family::ALL.to_vec());
    for (name, ceiling) in KNOWN_FAILURES {
        assert!(
            Family::ALL.iter().any(|f| f.name() == *name) || *name == "no_different_ok",
            "unknown family {name} in KNOWN_FAILURES"
        );
        assert!(
            *ceiling > 0,
            "{name}: a family at 0 failures is taken off KNOWN_FAILURES"
        );
    }
}

/// Each rewrite does what its documentation says, on a known address.
#[test]
fn rewrites_look_as_documented() {
    let a = "12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh";
    let all: Vec<String> = (0..64).filter_map(|s| Family::Glued.apply(a, s)).collect();
    assert!(all.iter().any(|r| r.contains("PhườngBến Nghé")), "{all:?}");
    assert!(all.iter().any(|r| r.contains("P.Bến Nghé")), "{all:?}");
    assert!(
        all.iter().any(|r| r.contains("Q1") || r.contains("Q.1")),
        "{all:?}"
    );
    assert!(all.iter().any(|r| r.contains("TP.Hồ Chí Minh")), "{all:?}");
    assert!(all.iter().all(|r| r.starts_with("12 Lê Lợi, ")), "{all:?}");
    assert_eq!(
        Family::NoKind.apply(a, 0).unwrap(),
        "12 Lê Lợi, Bến Nghé, Quận 1, Hồ Chí Minh"
    );
    assert_eq!(
        Family::NoSeparators.apply(a, 0).unwrap(),
        "12 Lê Lợi Phường Bến Nghé Quận 1 Thành phố Hồ Chí Minh"
    );
    let seps: BTreeSet<String> = (0..64)
        .filter_map(|s| {
            Family::Separators.apply("Phường 1, Thành phố Vũng Tàu, Bà Rịa - Vũng Tàu", s)
        })
        .collect();
    assert!(
        seps.contains("Phường 1 | Thành phố Vũng Tàu | Bà Rịa - Vũng Tàu"),
        "{seps:?}"
    );
    assert!(seps.iter().all(|s| s.ends_with("Bà Rịa - Vũng Tàu")));
    let bare: BTreeSet<String> = (0..8)
        .filter_map(|s| Family::NoDiacritics.apply(a, s))
        .collect();
    assert!(bare.contains("12 Le Loi, Phuong Ben Nghe, Quan 1, Thanh pho Ho Chi Minh"));
    assert!(bare.contains("12 le loi, phuong ben nghe, quan 1, thanh pho ho chi minh"));
    let extra = Family::ExtraWords.apply(a, 1).unwrap();
    assert!(
        extra.starts_with("12 Lê Lợi, ")
            && extra.ends_with(", Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"),
        "{extra}"
    );
    // Remarks keep the address, characters rewrites keep its meaning.
    for s in 0..16 {
        let r = Family::Remark.apply(a, s).unwrap();
        assert!(r.contains("Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"), "{r}");
        let v = Family::Invisible.apply(a, s).unwrap();
        assert_eq!(dvhc::text::normalize(&v).replace('\t', " "), a);
        let l = Family::Lookalike.apply(a, s).unwrap();
        assert_eq!(dvhc::text::clean(&l).text().nfc_string(), a, "{l}");
        for enc in [Family::Vni, Family::Tcvn3] {
            let m = enc.apply(a, s).unwrap();
            assert_eq!(dvhc::text::clean(&m).text(), a, "{m}");
        }
    }
    // Not applicable: nothing to change.
    assert_eq!(Family::Vni.apply("Quan 1", 0), None);
    assert_eq!(Family::Separators.apply("Quận 1 TP.HCM", 0), None);
    assert_eq!(Family::NoKind.apply("Quận 1, TP.HCM", 0), None);
    // Deterministic.
    for f in Family::ALL {
        assert_eq!(f.apply(a, 7), f.apply(a, 7));
    }
    // Without commas, the units are found between the words.
    let plain = "12 le loi phuong ben nghe quan 1 thanh pho ho chi minh";
    assert_eq!(
        Family::NoKind.apply(plain, 0).unwrap(),
        "12 le loi ben nghe quan 1 ho chi minh"
    );
}

trait NfcString {
    fn nfc_string(&self) -> String;
}

impl NfcString for str {
    fn nfc_string(&self) -> String {
        use unicode_normalization::UnicodeNormalization;
        self.nfc().collect()
    }
}
