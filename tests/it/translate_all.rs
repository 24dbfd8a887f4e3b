//! Every one of the 10,035 legacy communes, written out as an address in several ways,
//! translates to exactly the official mapping's successors; and the round trip
//! old → new → predecessors comes back to it.
//!
//! The official writing ("Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh") is run for
//! every commune. The other writings (no diacritics, abbreviated kinds, no commas, …)
//! are run for every commune in an optimised build (`cargo test --release`) and for a
//! fixed sample of one in `SAMPLE_STRIDE` in a debug build, to keep `cargo test` fast.
//! Each writing's pass rate is printed (`-- --nocapture`).
//!
//! Without diacritics some communes of one district cannot be told apart (Xã Minh Quán
//! and Xã Minh Quân of Huyện Trấn Yên): for those the expected translation is every
//! candidate of the communes the address may name, ambiguous, never one of them.

use std::collections::{BTreeMap, BTreeSet};

use dvhc::legacy::{self, CommuneKind, DistrictKind};
use dvhc::search::{Era, Level, Via};
use dvhc::translate::{Translation, Translator};
use dvhc::{ProvinceKind, Share};

use crate::common::strip;

/// In a debug build, the non-official writings run for one commune in this many.
const SAMPLE_STRIDE: usize = if cfg!(debug_assertions) { 8 } else { 1 };

/// The words of a name as compared without diacritics.
fn bare_key(s: &str) -> String {
    strip(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn commune_abbr(k: CommuneKind) -> &'static str {
    match k {
        CommuneKind::Ward => "P.",
        CommuneKind::Commune => "X.",
        CommuneKind::Township => "TT.",
        k => panic!("unexpected kind {k:?}"),
    }
}

fn district_abbr(k: DistrictKind) -> &'static str {
    match k {
        DistrictKind::UrbanDistrict => "Q.",
        DistrictKind::RuralDistrict => "H.",
        DistrictKind::Town => "TX.",
        DistrictKind::City => "TP.",
        k => panic!("unexpected kind {k:?}"),
    }
}

/// "TP." for a centrally governed city; nothing for a tỉnh (people drop "Tỉnh").
fn province_abbr(k: ProvinceKind) -> &'static str {
    match k {
        ProvinceKind::Municipality => "TP.",
        _ => "",
    }
}

/// One way of writing an address.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Writing {
    /// "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
    Official,
    /// "Phuong Ben Nghe, Quan 1, Thanh pho Ho Chi Minh"
    NoDiacritics,
    /// "P. Bến Nghé, Q. 1, TP. Hồ Chí Minh"; "X. Tân Thành, H. Thủ Thừa, Long An"
    Abbreviated,
    /// "P.Ben Nghe, Q.1, TP.Ho Chi Minh"
    AbbreviatedGluedNoDiacritics,
    /// "phuong ben nghe quan 1 thanh pho ho chi minh"
    LowercaseNoCommas,
    /// "Số 12 ngõ 34 Trần Hưng Đạo, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh, Việt Nam"
    StreetAndCountry,
    /// "Bến Nghé, Quận 1, Hồ Chí Minh": no kind words except before numbers.
    NamesOnly,
}

const WRITINGS: [Writing; 7] = [
    Writing::Official,
    Writing::NoDiacritics,
    Writing::Abbreviated,
    Writing::AbbreviatedGluedNoDiacritics,
    Writing::LowercaseNoCommas,
    Writing::StreetAndCountry,
    Writing::NamesOnly,
];

/// Communes whose names-only writing the parser does not read yet (known gaps,
/// reported to the parser's owner): Phường Đúc of Quận Thuận Hóa, whose name begins with
/// a kind word, written "Phường Đúc" alone, is read through a historical name. A
/// commune that starts passing should leave the list.
const NAMES_ONLY_GAPS: &[u32] = &[19780];

const STREET: &str = "Số 12 ngõ 34 Trần Hưng Đạo";

fn write(c: &legacy::Commune, w: Writing) -> String {
    let (d, p) = (c.district(), c.province());
    let official = format!("{}, {}, {}", c.full_name(), d.full_name(), p.full_name());
    let abbr = |kind: &str, name: &str, sep: &str| {
        if kind.is_empty() {
            name.to_owned()
        } else {
            format!("{kind}{sep}{name}")
        }
    };
    let abbreviated = |sep: &str| {
        format!(
            "{}, {}, {}",
            abbr(commune_abbr(c.kind()), c.name(), sep),
            abbr(district_abbr(d.kind()), d.name(), sep),
            abbr(province_abbr(p.kind()), p.name(), sep)
        )
    };
    match w {
        Writing::Official => official,
        Writing::NoDiacritics => strip(&official),
        Writing::Abbreviated => abbreviated(" "),
        Writing::AbbreviatedGluedNoDiacritics => strip(&abbreviated("")),
        Writing::LowercaseNoCommas => strip(&official).to_lowercase().replace(',', ""),
        Writing::StreetAndCountry => format!("{STREET}, {official}, Việt Nam"),
        Writing::NamesOnly => {
            let bare = |prefix: &str, name: &str| {
                if name.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{prefix} {name}")
                } else {
                    name.to_owned()
                }
            };
            format!(
                "{}, {}, {}",
                bare(c.full_name().prefix(), c.name()),
                bare(d.full_name().prefix(), d.name()),
                p.name()
            )
        }
    }
}

/// The legacy communes an address of `c` written with `w` may name: `c` and, when the
/// writing drops diacritics, the communes of the same district and kind whose names
/// differ from its name only in diacritics; when it drops kind words, the communes of
/// the same district and name (Thị trấn Mường Tè and Xã Mường Tè).
fn namesakes(c: &'static legacy::Commune, w: Writing) -> Vec<&'static legacy::Commune> {
    if w == Writing::NamesOnly {
        return c
            .district()
            .communes()
            .filter(|o| o.name() == c.name())
            .collect();
    }
    let keeps_diacritics = matches!(
        w,
        Writing::Official | Writing::Abbreviated | Writing::StreetAndCountry
    );
    if keeps_diacritics {
        return vec![c];
    }
    let key = bare_key(c.name());
    c.district()
        .communes()
        .filter(|o| o.kind() == c.kind() && bare_key(o.name()) == key)
        .collect()
}

/// The expected candidates: new commune code → share (the share only when one old
/// commune is named).
fn expected(names: &[&'static legacy::Commune]) -> BTreeMap<u32, Option<Share>> {
    let mut out = BTreeMap::new();
    for c in names {
        for (n, share) in c.successors() {
            out.insert(n.code().get(), (names.len() == 1).then_some(share));
        }
    }
    out
}

fn check(
    c: &'static legacy::Commune,
    w: Writing,
    input: &str,
    t: &Translation<'_>,
) -> Result<(), String> {
    let names = namesakes(c, w);
    let want = expected(&names);
    let got: BTreeMap<u32, Option<Share>> = t
        .candidates()
        .iter()
        .map(|k| {
            (
                k.commune().map_or(0, |m| m.code().get()),
                (names.len() == 1).then_some(k.share()),
            )
        })
        .collect();
    let legacy = t.legacy().and_then(|l| l.commune());
    let street = if w == Writing::StreetAndCountry {
        STREET
    } else {
        ""
    };
    let problem = if got != want || t.candidates().len() != want.len() {
        Some(format!("candidates {got:?}, expected {want:?}"))
    } else if t.era() != Era::Legacy || t.level() != Level::Commune {
        Some(format!("read as {:?} at {:?}", t.era(), t.level()))
    } else if !legacy.is_some_and(|l| names.iter().any(|n| std::ptr::eq(*n, l))) {
        Some(format!("old commune {:?}", legacy.map(|l| l.code())))
    } else if t.via() != Via::Name {
        Some(format!("via {:?}", t.via()))
    } else if t.is_ambiguous() != (want.len() > 1) {
        Some("ambiguity flag".to_owned())
    } else if t.rest() != street {
        Some(format!("street part {:?}", t.rest()))
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(p) => Err(format!("{} {input:?}: {p}", c.code())),
    }
}

/// Translates every commune in every writing, checks each against the mapping, prints
/// the pass rate per writing, and checks the round trip.
#[test]
fn every_legacy_commune_translates_to_its_successors() {
    let all = legacy::Commune::all();
    assert_eq!(all.len(), 10_035);
    let translator = Translator::new();
    let mut report = Vec::new();
    let mut failures: BTreeMap<Writing, Vec<String>> = BTreeMap::new();
    for w in WRITINGS {
        let stride = if w == Writing::Official {
            1
        } else {
            SAMPLE_STRIDE
        };
        let communes: Vec<&'static legacy::Commune> = all.iter().step_by(stride).collect();
        let inputs: Vec<String> = communes.iter().map(|c| write(c, w)).collect();
        let results = translator.translate_batch(&inputs);
        let mut failed = Vec::new();
        let mut known = 0;
        for ((c, input), r) in communes.iter().zip(&inputs).zip(&results) {
            let outcome = match r {
                Ok(t) => check(c, w, input, t),
                Err(e) => Err(format!("{} {input:?}: error {e}", c.code())),
            };
            if let Err(e) = outcome {
                if w == Writing::NamesOnly && NAMES_ONLY_GAPS.contains(&c.code().get()) {
                    known += 1;
                } else {
                    failed.push(e);
                }
            } else if w == Writing::NamesOnly && NAMES_ONLY_GAPS.contains(&c.code().get()) {
                eprintln!("known gap {} now passes: {input}", c.code());
            }
            // Round trip: the original is a predecessor of every candidate.
            if w == Writing::Official {
                let t = r.as_ref().expect("official writing translates");
                for k in t.candidates() {
                    let new = k.commune().expect("commune-level candidate");
                    assert!(
                        new.predecessors()
                            .any(|(p, s)| std::ptr::eq(p, *c) && s == k.share()),
                        "{}: {} does not list {} as a predecessor",
                        input,
                        new,
                        c
                    );
                }
            }
        }
        let n = communes.len();
        let ok = n - failed.len() - known;
        report.push(format!(
            "{w:?}: {ok}/{n} ({:.2}%){}",
            100.0 * ok as f64 / n as f64,
            if known > 0 {
                format!(", {known} known parser gaps")
            } else {
                String::new()
            }
        ));
        if !failed.is_empty() {
            failures.insert(w, failed);
        }
    }
    eprintln!("pass rate per writing:\n  {}", report.join("\n  "));
    let shown: Vec<String> = failures
        .iter()
        .flat_map(|(w, f)| f.iter().take(30).map(move |e| format!("{w:?} {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{}\nfirst failures:\n{}",
        report.join("\n"),
        shown.join("\n")
    );
}

/// The writings above are what the test claims: a spot check of each for one commune.
#[test]
fn writings_look_as_documented() {
    let ben_nghe = legacy::Commune::get("26740".parse().unwrap()).unwrap();
    let got: Vec<String> = WRITINGS.iter().map(|w| write(ben_nghe, *w)).collect();
    assert_eq!(
        got,
        [
            "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
            "Phuong Ben Nghe, Quan 1, Thanh pho Ho Chi Minh",
            "P. Bến Nghé, Q. 1, TP. Hồ Chí Minh",
            "P.Ben Nghe, Q.1, TP.Ho Chi Minh",
            "phuong ben nghe quan 1 thanh pho ho chi minh",
            "Số 12 ngõ 34 Trần Hưng Đạo, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh, Việt Nam",
            "Bến Nghé, Quận 1, Hồ Chí Minh",
        ]
    );
    let tan_thanh = legacy::Commune::get("28042".parse().unwrap()).unwrap();
    assert_eq!(
        write(tan_thanh, Writing::Abbreviated),
        "X. Tân Thành, H. Thủ Thừa, Long An"
    );
    assert_eq!(strip("Đặc khu Côn Đảo"), "Dac khu Con Dao");
    // Xã Minh Quán and Xã Minh Quân of Huyện Trấn Yên are namesakes without diacritics.
    let minh_quan = legacy::Commune::get("04516".parse().unwrap()).unwrap();
    let names: BTreeSet<String> = namesakes(minh_quan, Writing::NoDiacritics)
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["Minh Quán".into(), "Minh Quân".into()])
    );
    assert_eq!(namesakes(minh_quan, Writing::Official).len(), 1);
}
