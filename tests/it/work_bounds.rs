//! Work bounds without clocks: with the internal `work-counter` feature (on in CI via
//! `--all-features`), dvhc counts the inner-loop steps of tokenizing, searching and
//! parsing (binary-search probes, index nodes walked, spans extended, units and
//! readings considered, words compared). These tests assert that the count grows at
//! most linearly with the input, `steps <= PER_BYTE * len + BASE`, on real addresses,
//! on arbitrary and adversarial text (floods of commas, kind words, combining marks,
//! numbers, names), and that doubling a long input adds at most linear work.
//!
//! The constant parts are set from what real input costs (printed with
//! `-- --nocapture`): a bound a few times above the worst real address, so that a
//! combinatorial blow-up (readings multiplying, a walk revisiting the index) fails,
//! while no timing is involved.
#![cfg(feature = "work-counter")]

use dvhc::search::{Era, Level, Mode, Search, MAX_QUERY_LEN};
use dvhc::translate::Translator;
use proptest::prelude::*;

/// Steps per input byte allowed on top of the constant part.
const PER_BYTE: u64 = 8;
/// Constant part for parsing and translating an address (worst real address: about
/// 12,000 steps, a typo'd one; worst adversarial shape found: about 41,000, a short
/// input that is read in every pass there is: words as written, with typos, glued
/// words split, remarks read, trailing segments left out; at most seven readings of
/// the words, each bounded like the first).
const ADDRESS_BASE: u64 = 60_000;
/// Constant parts for the search modes (worst real queries: exact about 200, prefix
/// top-10 about 400, typo-tolerant about 9,300).
const EXACT_BASE: u64 = 2_000;
const PREFIX_BASE: u64 = 5_000;
const FUZZY_BASE: u64 = 20_000;

fn steps<T>(f: impl FnOnce() -> T) -> u64 {
    dvhc::work::take();
    let _ = f();
    dvhc::work::take()
}

fn bound(base: u64, len: usize) -> u64 {
    PER_BYTE * len as u64 + base
}

fn first_column(t: &str) -> Vec<&str> {
    t.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect()
}

fn searches(limit: Option<usize>) -> [(Mode, u64, Search); 3] {
    let with = |s: Search| match limit {
        Some(n) => s.limit(n),
        None => s,
    };
    [
        (
            Mode::Exact,
            EXACT_BASE,
            with(Search::new().mode(Mode::Exact)),
        ),
        (
            Mode::Prefix,
            PREFIX_BASE,
            with(Search::new().mode(Mode::Prefix)),
        ),
        (
            Mode::Fuzzy,
            FUZZY_BASE,
            with(Search::new().mode(Mode::Fuzzy)),
        ),
    ]
}

/// Checks every entry point on `s`; `Err` names the one over its bound.
fn check(s: &str) -> Result<(), String> {
    let t = Translator::new();
    let len = s.len();
    for (what, n) in [
        ("parse", steps(|| dvhc::address::parse(s))),
        ("translate", steps(|| t.translate(s))),
        ("reverse", steps(|| dvhc::translate::reverse_address(s))),
    ] {
        if n > bound(ADDRESS_BASE, len) {
            return Err(format!("{what}: {n} steps for {len} bytes: {s:?}"));
        }
    }
    let qlen = len.min(MAX_QUERY_LEN);
    for (mode, base, search) in searches(Some(10)) {
        let n = steps(|| search.run(s));
        if n > bound(base, qlen) {
            return Err(format!(
                "{mode:?} top-10: {n} steps for {qlen} bytes: {s:?}"
            ));
        }
    }
    Ok(())
}

#[test]
fn real_inputs_are_within_the_bounds() {
    let mut addresses = first_column(include_str!("../data/translate_cases.tsv"));
    addresses.extend(first_column(include_str!("../data/parse_cases.tsv")));
    assert!(addresses.len() > 700);
    let t = Translator::new();
    let worst = addresses
        .iter()
        .map(|a| (steps(|| t.translate(a)), *a))
        .max()
        .unwrap();
    eprintln!("worst real address: {} steps: {:?}", worst.0, worst.1);
    for a in &addresses {
        check(a).unwrap();
    }
    let queries = first_column(include_str!("../data/search_cases.tsv"));
    for (mode, base, search) in searches(Some(10)) {
        let worst = queries
            .iter()
            .map(|q| (steps(|| search.run(q)), *q))
            .max()
            .unwrap();
        eprintln!(
            "worst real {mode:?} query: {} steps: {:?}",
            worst.0, worst.1
        );
        assert!(worst.0 <= base, "{mode:?}: {worst:?}");
    }
}

/// Unlimited search returns every hit; its work is bounded by the size of the index,
/// not only by the query (a one-letter prefix matches thousands of keys).
#[test]
fn unlimited_search_is_bounded_by_the_index() {
    let index_bound = 4
        * (dvhc::Commune::all().len()
            + dvhc::legacy::Commune::all().len()
            + dvhc::legacy::District::all().len()
            + 200) as u64
        * 8;
    for q in ["a", "p", "x", "phuong", "1", "t", "tan", "an", "b", "h"] {
        for (mode, base, search) in searches(None) {
            let n = steps(|| search.run(q));
            assert!(n <= base + index_bound, "{mode:?} {q}: {n}");
        }
    }
    // Scoped and filtered searches do no more.
    let s = Search::new()
        .mode(Mode::Prefix)
        .era(Era::Legacy)
        .level(Level::Commune);
    assert!(steps(|| s.run("a")) <= PREFIX_BASE + index_bound);
}

/// Repeating a piece of text: the work reaches a plateau (units are looked for only
/// in the last words) and then grows by at most a few steps per byte.
#[test]
fn doubling_a_long_input_adds_linear_work() {
    let t = Translator::new();
    let fuzzy = Search::new().mode(Mode::Fuzzy);
    for piece in [
        "phường ",
        "P. ",
        ",",
        "a",
        "Phường 1, ",
        "Xã An Bình ",
        "Quận 1 ",
        "\u{301}",
        "Hồ Chí Minh ",
        "1 ",
        "Tân ",
        "xa ",
        "phuong phuong ",
        "Ấp 2 ",
        "ab,",
        "Thành phố ",
        "TP.HCM ",
        "Q1P2 ",
        "0",
        "đ",
        "😀",
        "Huyện đảo ",
        "thị trấn ",
        "Việt Nam ",
        // Messy input (#14): brackets, dashes, glued kind words, invisible and
        // look-alike characters, remark words, legacy-encoded text, units apart.
        "(",
        ")",
        "(a) ",
        "[Phường 1] ",
        "- ",
        "–",
        "XãBù ",
        "TỉnhBắc Giang ",
        "xãbù ",
        "T.X.",
        "\u{200B}",
        "P\u{AD}",
        "\u{A0}",
        "ｑ１",
        "gần chợ, ",
        "Shop cũ: ",
        "Xaõ Long Thaønh, ",
        "X· Long Thµnh, ",
        "Huyện Yên Dũng-Xã Hương Gián-",
        "TP, ",
    ] {
        let mut n = 1;
        while piece.len() * n * 2 <= dvhc::address::MAX_ADDRESS_LEN {
            let (a, b) = (piece.repeat(n), piece.repeat(2 * n));
            if a.len() >= 128 {
                let (wa, wb) = (steps(|| t.translate(&a)), steps(|| t.translate(&b)));
                assert!(
                    wb <= wa + PER_BYTE * a.len() as u64 + 1_000,
                    "{piece:?} × {n}: {wa} steps, doubled {wb}"
                );
                let (fa, fb) = (steps(|| fuzzy.run(&a)), steps(|| fuzzy.run(&b)));
                assert!(
                    fb <= fa + PER_BYTE * a.len() as u64 + 1_000,
                    "fuzzy {piece:?} × {n}: {fa} steps, doubled {fb}"
                );
            }
            check(&b).unwrap();
            n *= 2;
        }
    }
}

/// Over-long input is refused before any work; an over-long query is cut first.
#[test]
fn over_long_input_costs_nothing() {
    let unit = "Phường Bến Nghé, Quận 1, TP.HCM, ";
    let mib = unit.repeat((1 << 20) / unit.len() + 1);
    assert_eq!(steps(|| dvhc::address::parse(&mib)), 0);
    assert_eq!(steps(|| dvhc::translate::translate(&mib)), 0);
    assert_eq!(
        steps(|| dvhc::translate::translate_at(&mib, 10.0, 106.0)),
        0
    );
    assert_eq!(steps(|| dvhc::translate::reverse_address(&mib)), 0);
    for (mode, base, search) in searches(None) {
        let n = steps(|| search.run(&mib));
        assert!(n <= bound(base, MAX_QUERY_LEN), "{mode:?}: {n}");
    }
}

/// Shapes at the length limit: kind words, numbers, commas, homonyms, misspellings,
/// combining marks, repeated.
#[test]
fn adversarial_shapes_at_the_limit() {
    let fill = |piece: &str| {
        let mut s = String::new();
        while s.len() + piece.len() <= dvhc::address::MAX_ADDRESS_LEN {
            s.push_str(piece);
        }
        s
    };
    for piece in [
        "phường ",
        "P. ",
        "Phường Phường Quận Huyện ",
        "1 ",
        "Phường 1, ",
        ",",
        "An Bình ",
        "Xã An Bình, ",
        "Châu Thành ",
        "Phường Thanhh Xuânn, ",
        "Thanh Thanh Thanh, Châu Thành, ",
        "a\u{301}\u{323}",
        "Quận 1 TP.HCM ",
        "x",
        "Thôn Phú An, ",
        "(Phường 1, Quận 1) ",
        "((((",
        "Xã An Bình - ",
        "XãAn Bình ",
        "Huyện Châu Thành-Xã An Bình-Ấp 1/",
        "gần ",
        "Địa chỉ cũ: Phường 1, ",
        "\u{200B}P\u{200B}",
        "Phöôøng Beán Ngheù, ",
        "Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu, ",
    ] {
        let s = fill(piece);
        check(&s).unwrap();
    }
}

#[rustfmt::skip]
const VOCAB: &[&str] = &[
    "phường", "P.", "F", "xã", "X.", "thị trấn", "TT", "quận", "Q.", "huyện", "H.", "thị xã",
    "TX", "thành phố", "TP.", "tỉnh", "đặc khu", "District", "Ward", "City", "Bến Nghé",
    "Ben Nghe", "Sài Gòn", "1", "01", "10", "Hồ Chí Minh", "HCM", "TP.HCM", "Hà Nội", "HN",
    "Tân", "An Bình", "Long An", "Thủ Thừa", "Tân Thành", "Việt Nam", "700000", "Số", "Ấp",
    "Tổ", "18/3", ",", ";", "-", "/", "\u{0301}", "😀", "北京", "Phuong Ben Ngeh", "Thanh pho",
    "(", ")", "[", "]", "–", "gần", "đối diện", "Shop cũ:", "XãBù", "TỉnhBắc", "T.X.", "\u{200B}",
    "\u{A0}", "\u{AD}", "Xaõ", "Thaønh", "X·", "Thµnh", "ｑ１", "Huyện Yên Dũng-Xã Hương Gián-",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(VOCAB), 0..160).prop_map(|w| w.join(" ")),
        "([a-zA-Z0-9 ,./\\-]|[àáạảãâầấậđĐơườớợ]|[\u{0300}-\u{0323}]){0,1100}",
        (prop::sample::select(VOCAB), 1usize..300).prop_map(|(w, n)| format!("{w} ").repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn any_text_is_within_the_bounds(s in text()) {
        if let Err(e) = check(&s) {
            return Err(TestCaseError::fail(e));
        }
    }
}

/// Typo-tolerant walks of the index are bounded per address (`MAX_FUZZY_WALKS`,
/// `MAX_LOOSE_HALVES`): kind words piled before a misspelt name ("P. X. Thị trấn Xã
/// Huyện P. Hoằgn Hóa") give a different name to look up from each kind word, and
/// without the bounds each is a walk (2.6 to 3.3 times the work of the name written
/// once with one kind word; within 2.5 times with them).
#[test]
fn misspelt_names_walk_the_index_a_bounded_number_of_times() {
    let t = Translator::new();
    for (once, piled) in [
        (
            "P. Hoằgn Hóa, Tỉnh Thahn Hóa",
            "P. X. Thị trấn Xã Huyện P. Hoằgn Hóa, Tỉnh Thahn Hóa",
        ),
        ("P. Hoằgn Hóa", "P. X. Thị trấn Xã Huyện P. Hoằgn Hóa"),
        ("P. Hoằgn Hóa", "X. P. X. P. Xã Huyện P. Hoằgn Hóa"),
    ] {
        let (a, b) = (steps(|| t.translate(once)), steps(|| t.translate(piled)));
        eprintln!("misspelt name once {a} steps, after piled kind words {b}: {piled:?}");
        assert!(2 * b <= 5 * a, "{piled:?}: {b} steps, {once:?}: {a}");
    }
}

/// A misspelt name below a province or district already found is looked for among
/// the units of that province or district only, not in the whole index: written
/// within it, the misspelt name costs a fraction of what it costs alone, where the
/// whole index is walked (without the scope, about as much).
#[test]
fn misspelt_names_below_a_unit_found_are_looked_for_in_it() {
    let t = Translator::new();
    for (alone, within, level) in [
        (
            "Phường Tây Thnạhh",
            "P Tây Thnạhh, Q Tân Phú, TP HCM",
            Level::Commune,
        ),
        (
            "Huyện Hoằgnn Hóa",
            "Huyện Hoằgnn Hóa, Tỉnh Thanh Hóa",
            Level::District,
        ),
        (
            "Xã Thanh Thy",
            "Xã Thanh Thy, Huyện Thanh Chương, Tỉnh Nghệ An",
            Level::Commune,
        ),
    ] {
        let (a, b) = (steps(|| t.translate(alone)), steps(|| t.translate(within)));
        eprintln!("misspelt name alone {a} steps, within a unit {b}: {within:?}");
        assert_eq!(
            t.translate(within).map(|x| x.level()),
            Ok(level),
            "{within:?}"
        );
        assert!(3 * b <= a, "{within:?}: {b} steps, {alone:?}: {a}");
    }
}
