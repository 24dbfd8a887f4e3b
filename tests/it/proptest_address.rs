//! Property tests for the entry points that take free text: `Search` (every mode),
//! `address::parse`, `translate`, `translate_at`, `Translator::translate_batch` and
//! `reverse_address`.
//!
//! Each property holds for every input: no panic, only the documented typed errors,
//! hits in the order their scores say and a limit that keeps the first of them,
//! readings whose official form reads back as the same unit, and translations that
//! translate to themselves. Work is bounded without measuring time: input over a documented limit
//! is refused (`ParseError::TooLong`) or cut (`search::MAX_QUERY_LEN`) before any
//! search, which is checked by comparing results, and repetition of a kind word,
//! separator or combining mark does not change what is found.

use crate::common::flood_into;

use dvhc::address::{parse, ParseError, MAX_ADDRESS_LEN};
use dvhc::search::{Era, Level, Mode, Search, Unit, MAX_QUERY_LEN};
use dvhc::translate::{reverse_address, translate, translate_at, TranslateError, Translator};
use dvhc::{legacy, Commune, Province};
use proptest::prelude::*;

/// Words an address is made of: kind words in every writing, names, numbers,
/// noise, separators.
#[rustfmt::skip]
const VOCAB: &[&str] = &[
    "phường", "Phường", "P.", "P", "F", "xã", "Xã", "X.", "thị trấn", "TT", "quận", "Quận", "Q.",
    "Q", "huyện", "H.", "thị xã", "TX", "thành phố", "TP.", "TP", "tỉnh", "Tỉnh", "T.", "đặc khu",
    "District", "Ward", "City", "Province", "Bến Nghé", "Ben Nghe", "Sài Gòn", "Đa Kao", "1",
    "01", "3", "10", "12", "Hồ Chí Minh", "HCM", "TP.HCM", "Hà Nội", "HN", "Lâm Đồng", "Đà Lạt",
    "Xuân Hương", "Tân Định", "Long An", "Thủ Thừa", "Tân Thành", "Côn Đảo", "Bình Dương",
    "Đồng Nai", "Long Thành", "Việt Nam", "VN", "700000", "Số", "Ấp", "Tổ", "18/3", "Lê Lợi",
    ",", ", ", ";", " - ", "/", "\n", "\u{0301}", "😀", "Ленина", "北京", "서울",
];

fn vocab_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..24).prop_map(|w| w.join(" "))
}

fn mixed_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([a-zA-Z0-9 ,./\\-]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ]|[\u{0300}-\u{036f}]|[\u{0400}-\u{04ff}]|[\u{4e00}-\u{4e40}]|[\u{ac00}-\u{ac40}]|[\u{1f600}-\u{1f640}]){0,120}",
    )
    .unwrap()
}

/// Adversarial shapes: floods of separators, kind words and combining marks around
/// a base text; lengths from tiny to well past the limits.
fn flood() -> impl Strategy<Value = String> {
    (
        prop_oneof![vocab_text(), mixed_text()],
        prop::sample::select(vec![
            ",",
            " ",
            ",,",
            ", ",
            "phường ",
            "P.",
            "Q1 ",
            "thành phố ",
            "\u{0301}",
            "\u{0323}",
            "1 ",
            "0",
            "Đ",
            "a",
            "\n",
        ]),
        0usize..1500,
        any::<usize>(),
    )
        .prop_map(|(base, unit, n, at)| flood_into(&base, unit, n, at))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), vocab_text(), mixed_text(), flood()]
}

fn modes() -> impl Strategy<Value = (Mode, Option<Era>, Option<Level>, Option<usize>)> {
    (
        prop::sample::select(vec![Mode::Exact, Mode::Prefix, Mode::Fuzzy]),
        prop::option::of(prop::sample::select(vec![Era::Current, Era::Legacy])),
        prop::option::of(prop::sample::select(vec![
            Level::Province,
            Level::District,
            Level::Commune,
        ])),
        prop::option::of(0usize..30),
    )
}

fn search(mode: Mode, era: Option<Era>, level: Option<Level>, limit: Option<usize>) -> Search {
    let mut s = Search::new().mode(mode);
    if let Some(e) = era {
        s = s.era(e);
    }
    if let Some(l) = level {
        s = s.level(l);
    }
    if let Some(n) = limit {
        s = s.limit(n);
    }
    s
}

fn codes(s: &Search, q: &str) -> Vec<(Era, Level, u32)> {
    s.run(q)
        .iter()
        .map(|h| (h.unit().era(), h.unit().level(), h.unit().code_value()))
        .collect()
}

/// A translator that reads every address as current (post-2025).
fn current() -> Translator {
    Translator::new().assume(Era::Current)
}

/// The units of an address in official form (`rest, units`): without the street part.
fn units_only<'s>(official: &'s str, rest: &str) -> &'s str {
    if rest.is_empty() {
        official
    } else {
        official[rest.len()..].trim_start_matches(", ")
    }
}

/// The deepest unit of the best reading, for comparisons.
fn deepest(s: &str) -> Result<(Era, Level, u32), ParseError> {
    parse(s).map(|a| {
        let u: Unit = a.reading().deepest();
        (u.era(), u.level(), u.code_value())
    })
}

fn cut(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

proptest! {
    // Debug builds parse an address that matches nothing in ~10-100 ms (typo-tolerant
    // walks over the whole index): keep the case counts small.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn search_is_bounded((mode, era, level, limit) in modes(), q in any_text()) {
        let s = search(mode, era, level, limit);
        let hits = s.run(&q);
        // A limit keeps the first hits of the unlimited search, in the same order.
        if let Some(n) = limit {
            let all = codes(&search(mode, era, level, None), &q);
            prop_assert_eq!(codes(&s, &q), all[..n.min(all.len())].to_vec());
        }
        // The score follows the order of the hits.
        for w in hits.windows(2) {
            prop_assert!(w[0].score() >= w[1].score(), "{} then {}", w[0].score(), w[1].score());
        }
        for (i, h) in hits.iter().enumerate() {
            prop_assert!(!hits[..i].iter().any(|o| o.unit() == h.unit()), "duplicate hit");
            let max_distance = if mode == Mode::Fuzzy { 2 } else { 0 };
            prop_assert!(h.distance() <= max_distance);
            if let Some(e) = era {
                prop_assert_eq!(h.unit().era(), e);
            }
            if let Some(l) = level {
                prop_assert_eq!(h.unit().level(), l);
            }
        }
        // Only the first MAX_QUERY_LEN bytes are searched.
        if q.len() > MAX_QUERY_LEN {
            prop_assert_eq!(codes(&s, &q), codes(&s, cut(&q, MAX_QUERY_LEN)));
        }
    }

    #[test]
    fn parse_gives_typed_results(s in any_text()) {
        match parse(&s) {
            Ok(a) => {
                prop_assert!(s.len() <= MAX_ADDRESS_LEN);
                prop_assert!(!a.readings().is_empty());
                // The candidates are the readings of the best one's structure.
                let era = a.reading().era();
                prop_assert!(a.candidates().iter().all(|r| r.era() == era));
                // The official form of the best reading's units reads back as the same
                // unit. (The street part is left out: written before a comma, it may
                // read as a unit where it did not: "Hà Nội Hà Nội".)
                let official = a.reading().to_string();
                let units = units_only(&official, a.reading().rest());
                let again = parse(units);
                prop_assert!(
                    again.as_ref().is_ok_and(|b| b.candidates().iter().any(|r| r.deepest() == a.reading().deepest())),
                    "{:?} reads as {:?}", units, again.map(|b| b.reading().to_string())
                );
                for r in a.readings() {
                    // The street part is a slice of the input.
                    let (p, n) = (r.rest().as_ptr() as usize, r.rest().len());
                    prop_assert!(p >= s.as_ptr() as usize && p + n <= s.as_ptr() as usize + s.len());
                    let _ = r.to_string();
                }
            }
            Err(ParseError::TooLong { len, max }) => {
                prop_assert_eq!((len, max), (s.len(), MAX_ADDRESS_LEN));
                prop_assert!(s.len() > MAX_ADDRESS_LEN);
            }
            Err(ParseError::Empty) => prop_assert!(dvhc::fold(&s).is_empty()),
            // NotFound and the other "not recognised" errors (the enum is
            // non-exhaustive): typed, printable, and only under the limit.
            Err(e) => {
                prop_assert!(s.len() <= MAX_ADDRESS_LEN);
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn translate_gives_typed_results(s in any_text(), lat in -100.0f64..100.0, lon in -200.0f64..200.0) {
        match translate(&s) {
            Ok(t) => {
                for c in t.candidates() {
                    prop_assert!(c.commune().is_none_or(|m| std::ptr::eq(m.province(), c.province())));
                }
                // The new address (its units, as for parsing) translates to itself as a
                // current address. Read with no era fixed it may honestly be ambiguous:
                // "Xã Long Hòa, Thành phố Hồ Chí Minh" is today's commune (formerly in
                // Bình Dương) and, read as a pre-2025 address, the old Xã Long Hòa of
                // Cần Giờ, now Xã Cần Giờ (#14, "era evidence").
                if let Some(f) = t.formatted() {
                    let units = units_only(&f, t.rest());
                    let again = current().translate(units).map(|t| t.formatted());
                    prop_assert_eq!(again, Ok(Some(units.to_owned())));
                }
                let _ = t.to_string();
            }
            Err(TranslateError::BadCoordinates) => prop_assert!(false, "BadCoordinates without coordinates"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        let valid = lat.abs() <= 90.0 && lon.abs() <= 180.0;
        match translate_at(&s, lat, lon) {
            Err(TranslateError::BadCoordinates) => prop_assert!(!valid),
            Err(_) => prop_assert!(valid),
            Ok(t) => {
                prop_assert!(valid);
                for c in t.candidates() {
                    prop_assert!(c.distance_km().is_none_or(|d| d.is_finite() && d >= 0.0));
                }
            }
        }
        match reverse_address(&s) {
            Ok(forms) => forms.iter().for_each(|f| { let _ = f.to_string(); }),
            Err(TranslateError::BadCoordinates) => prop_assert!(false, "BadCoordinates without coordinates"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// A kind word written many times is read once: the units found do not change,
    /// the extra words go to the street part.
    #[test]
    fn repeated_kind_words(n in 1usize..100, word in prop::sample::select(vec!["phường ", "P. ", "phuong ", "Phường, "])) {
        let base = "Bến Nghé, Quận 1, TP.HCM";
        let s = format!("{}{base}", word.repeat(n));
        let want = deepest(&format!("{word}{base}"));
        if s.len() <= MAX_ADDRESS_LEN {
            prop_assert_eq!(deepest(&s), want);
        } else {
            prop_assert!(matches!(parse(&s), Err(ParseError::TooLong { .. })), "over the limit must be refused");
        }
    }

    /// Separators and combining marks in floods do not change the units found.
    #[test]
    fn floods_do_not_change_units(n in 1usize..400, sep in prop::sample::select(vec![",", " ,", ";", " , ", "\n"])) {
        let want = deepest("P. Bến Nghé, Q.1, TP.HCM");
        let s = format!("P. Bến Nghé{0} Q.1{0} TP.HCM", sep.repeat(n));
        if s.len() <= MAX_ADDRESS_LEN {
            prop_assert_eq!(deepest(&s), want.clone());
        }
        let marks = format!("P. Bến Nghe{} , Q.1, TP.HCM", "\u{0301}".repeat(n));
        if marks.len() <= MAX_ADDRESS_LEN {
            prop_assert_eq!(deepest(&marks), want);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn batch_equals_one_by_one(lines in prop::collection::vec(prop_oneof![vocab_text(), mixed_text()], 0..4)) {
        let t = Translator::new();
        let batch = t.translate_batch(&lines);
        prop_assert_eq!(batch.len(), lines.len());
        for (line, got) in lines.iter().zip(&batch) {
            match (got, t.translate(line)) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (Err(a), Err(b)) => prop_assert_eq!(a, &b),
                _ => prop_assert!(false, "batch and single disagree on {:?}", line),
            }
        }
    }
}

/// The limits, on inputs far past them: refused or cut before any work that
/// depends on their length.
#[test]
fn limits_on_huge_inputs() {
    let mib = "Phường Bến Nghé, ".repeat((1 << 20) / 20);
    assert!(mib.len() > MAX_ADDRESS_LEN);
    let too_long = ParseError::TooLong {
        len: mib.len(),
        max: MAX_ADDRESS_LEN,
    };
    assert_eq!(parse(&mib).unwrap_err(), too_long);
    assert_eq!(
        translate(&mib).unwrap_err(),
        TranslateError::Parse(too_long.clone())
    );
    assert_eq!(
        translate_at(&mib, 10.0, 106.0).unwrap_err(),
        TranslateError::Parse(too_long.clone())
    );
    assert_eq!(
        reverse_address(&mib).unwrap_err(),
        TranslateError::Parse(too_long)
    );
    // One byte over the limit is refused, the limit itself is not.
    let at = "a".repeat(MAX_ADDRESS_LEN);
    assert!(!matches!(parse(&at), Err(ParseError::TooLong { .. })));
    let over = "a".repeat(MAX_ADDRESS_LEN + 1);
    assert!(matches!(parse(&over), Err(ParseError::TooLong { .. })));
    // Search cuts the query: a MiB-long query costs what its first 256 bytes do.
    for mode in [Mode::Exact, Mode::Prefix, Mode::Fuzzy] {
        let s = Search::new().mode(mode);
        assert_eq!(codes(&s, &mib), codes(&s, cut(&mib, MAX_QUERY_LEN)));
        let commas = ",".repeat(1 << 20);
        assert!(s.run(&commas).is_empty());
        let marks = format!("a{}", "\u{0301}".repeat(1 << 19));
        assert_eq!(codes(&s, &marks), codes(&s, cut(&marks, MAX_QUERY_LEN)));
    }
    // Thousands of commas and nothing else: empty.
    assert_eq!(
        parse(&",".repeat(MAX_ADDRESS_LEN)).unwrap_err(),
        ParseError::Empty
    );
}

/// More than 64 addresses are spread over threads; results come back in order.
#[test]
fn batch_on_threads_keeps_order() {
    let mut lines: Vec<String> = Vec::new();
    for i in 0..80 {
        lines.push(match i % 4 {
            0 => "P. Bến Nghé, Q.1, TP.HCM".to_owned(),
            1 => ",".repeat(i),
            2 => format!("Phường {}, Quận 3, TP.HCM", i % 15),
            _ => format!("{}Xã Đức Trọng, Lâm Đồng", "phường ".repeat(i)),
        });
    }
    let t = Translator::new();
    let batch = t.translate_batch(&lines);
    assert_eq!(batch.len(), lines.len());
    for (line, got) in lines.iter().zip(&batch) {
        match (got, t.translate(line)) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_string(), b.to_string()),
            (Err(a), Err(b)) => assert_eq!(a, &b),
            _ => panic!("batch and single disagree on {line:?}"),
        }
    }
}

/// Every public type is `Send + Sync` (the tables are immutable `static`s), so one
/// `Search` or `Translator` can serve all threads.
#[test]
fn public_types_are_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Province>();
    is::<Commune>();
    is::<legacy::Province>();
    is::<legacy::District>();
    is::<legacy::Commune>();
    is::<&'static [Commune]>();
    is::<Search>();
    is::<dvhc::search::Hit>();
    is::<Unit>();
    is::<dvhc::address::Address<'static>>();
    is::<ParseError>();
    is::<Translator>();
    is::<dvhc::translate::Translation<'static>>();
    is::<dvhc::translate::LegacyForm<'static>>();
    is::<TranslateError>();
    is::<dvhc::ParseCodeError>();
    is::<dvhc::Date>();
}
