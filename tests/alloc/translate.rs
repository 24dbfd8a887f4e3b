//! Parsing and translation allocate nothing beyond their result: the readings of
//! a parsed address and the candidates of a translation are one vector each, and the
//! work buffers are reused from one call to the next on the same thread (after the
//! first call, which sizes them). Counts are printed with `-- --nocapture`.

use crate::count;
use dvhc::translate::Translator;

#[test]
fn parse_and_translation_allocate_only_their_result() {
    let translator = Translator::new();
    let on_date = Translator::new().on("2025-07-01".parse().unwrap());
    for input in [
        // whole, split, abbreviated, no diacritics, with typo, historical name
        "12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        "125 Hai Bà Trưng, P. Đa Kao, Q.1, TP.HCM",
        "so 5 ap 2 xa tan thanh huyen thu thua long an",
        "Phuong Ben Ngeh, Quan 1, TP HCM",
        "Phường 10, Quận 3, TP.HCM",
        // district and province level, island district, current structure
        "Quận 1, TP.HCM",
        "Huyện Côn Đảo, Bà Rịa - Vũng Tàu",
        "Tỉnh Bình Dương",
        "Phường Sài Gòn, TP.HCM",
        "Thị trấn Long Thành, Huyện Long Thành, Tỉnh Đồng Nai",
    ] {
        // Warm up lazily initialised state (none expected, but be fair).
        let _ = translator.translate(input);
        let (parse, parsed) = count(|| dvhc::address::parse(input));
        let parsed = parsed.unwrap();
        assert!(!parsed.is_ambiguous(), "{input}");
        let (translate, t) = count(|| translator.translate(input));
        let t = t.unwrap();
        eprintln!(
            "{parse:3} allocations to parse, {translate:3} to translate ({} candidates): {input}",
            t.candidates().len()
        );
        assert_eq!(parse, 1, "{input}: the readings only");
        assert_eq!(translate, 1, "{input}: the candidates only");
        // Rendering on a date and ranking by a point add nothing.
        let (dated, _) = count(|| on_date.translate(input));
        assert_eq!(dated, 1, "{input}: on a date");
        let (at, _) = count(|| translator.translate_at(input, 10.79, 106.69));
        assert_eq!(at, 1, "{input}: with a point");
        // Reading the result allocates nothing; formatting allocates its string.
        let (read, _) = count(|| {
            (
                t.candidates().len(),
                t.legacy().map(|l| l.province().code()),
                t.resolved().map(|c| c.share()),
                t.rest().len(),
                t.level(),
            )
        });
        assert_eq!(read, 0, "{input}");
        if let Some(c) = t.resolved() {
            let (fmt, s) = count(|| t.format(c));
            assert!(fmt <= 2, "{input}: {fmt} allocations to format {s:?}");
        }
    }
}

/// Every input of the hand-written translation table, translated a second time on the
/// same thread: one allocation when there are candidates, none otherwise (an error
/// allocates only its message); messy input adds one for its remarks and one for the
/// units it overrules, when it has any.
#[test]
fn no_allocation_beyond_the_result_on_the_translation_table() {
    let translator = Translator::new();
    let table = include_str!("../data/translate_cases.tsv");
    let mut checked = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let input = line.split('\t').next().unwrap();
        let _ = translator.translate(input);
        let (n, t) = count(|| translator.translate(input));
        match t {
            Ok(t) => {
                let (p, a) = count(|| dvhc::address::parse(input));
                let remarks = usize::from(t.remarks().len() > 0);
                assert_eq!(p, 1 + remarks, "{input}: {p} allocations to parse");
                assert_eq!(
                    n,
                    usize::from(!t.candidates().is_empty())
                        + remarks
                        + usize::from(!t.conflicts().is_empty()),
                    "{input}: {n} allocations; parse {p}, {} readings",
                    a.map_or(0, |a| a.readings().len())
                )
            }
            Err(e) => assert!(n <= 1, "{input}: {n} allocations for {e}"),
        }
        checked += 1;
    }
    assert!(checked >= 200, "{checked} inputs");
}

/// A locator that parses addresses itself (it may): the nested parse gets buffers
/// of its own, and both results are right.
#[test]
fn a_locator_may_parse() {
    use dvhc::translate::Locate;
    use dvhc::Commune;
    struct Parsing;
    impl Locate for Parsing {
        fn locate(&self, _lat: f64, _lon: f64) -> Option<&'static Commune> {
            let a = dvhc::address::parse("Phường Sài Gòn, TP.HCM").ok()?;
            a.reading().as_current()?.commune()
        }
    }
    let t = Translator::new().with_locator(Parsing);
    // Đa Kao was split between Tân Định and Sài Gòn; the locator picks Sài Gòn.
    let r = t
        .translate_at("P. Đa Kao, Q.1, TP.HCM", 10.79, 106.69)
        .unwrap();
    assert_eq!(r.candidates().len(), 2);
    assert_eq!(r.candidates()[0].commune().unwrap().name(), "Sài Gòn");
    assert_eq!(r.ranking(), Some(dvhc::translate::Ranking::Containment));
}
