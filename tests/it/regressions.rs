//! Minimal reproducers of what fuzzing (`fuzz/`) and the property tests found, one
//! test per finding. Each names the fuzz target and the commit it was found at; both
//! below fail at f33fcf3 and pass since d9e4d36 (the search and parsing rework).
//! Property-test failures are also kept as seeds in `tests/proptest-regressions/`.

use dvhc::address::parse;
use dvhc::fold;

/// fuzz target `fold`, at aba1d4e: a precomposed Hangul syllable folded to its first
/// jamo only (`쬬` → `ᄍ`), so the NFC and NFD forms of a string folded differently,
/// against `fold`'s documented law.
#[test]
fn fold_hangul_syllable_equals_its_decomposition() {
    // U+CB2C HANGUL SYLLABLE JJYO = U+110D U+116D.
    assert_eq!(fold("\u{cb2c}"), fold("\u{110d}\u{116d}"));
    assert_eq!(
        fold("Lang Mi 0h#\u{cb2c} 0nh"),
        fold("Lang Mi 0h#\u{110d}\u{116d} 0nh")
    );
}

/// Found while triaging slow fuzz inputs of `address`, at aba1d4e: a short address
/// whose district name has 10 homonyms ("Châu Thành") and whose commune part matched
/// nothing exactly ran one edit-distance walk over the whole legacy commune index per
/// homonym and span (~150 ms). The fix searches only the chosen parents' own units.
/// Timings are never asserted; the work is bounded in `work_bounds.rs` (inner-loop
/// steps counted). This pins the answer: every reading is a unit named Châu Thành,
/// the rest is kept.
#[test]
fn homonym_districts_answer_without_a_commune() {
    let slow = "Thanh Thanh Thanh Thanh Thanh Thanh Thanh, Châu Thành";
    let a = parse(slow).expect("a unit named Châu Thành exists");
    assert!(a
        .readings()
        .iter()
        .all(|r| r.deepest().name() == "Châu Thành"));
    assert_eq!(
        a.reading().rest(),
        "Thanh Thanh Thanh Thanh Thanh Thanh Thanh"
    );
}
