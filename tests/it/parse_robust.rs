//! Bad input for `address::parse` and `Search::run`: empty strings, whitespace,
//! control characters, emoji, punctuation only, 1 MiB strings and adversarial shapes.
//! Each gives a clear error or an empty result, never a panic, within the documented
//! limits (`MAX_ADDRESS_LEN`, `MAX_QUERY_LEN`). Invalid UTF-8 cannot reach either: they
//! take `&str`. How much work these inputs cause is counted (not timed) in
//! `tests/it/work_bounds.rs`.

use dvhc::address::{parse, ParseError, MAX_ADDRESS_LEN};
use dvhc::search::{Mode, Search, MAX_QUERY_LEN};
use proptest::prelude::*;

#[test]
fn empty_and_meaningless_input() {
    for s in [
        "",
        " ",
        "\t\n\r",
        "\u{0}\u{1}\u{1b}\u{7f}",
        "!!! ... ,,, ;;; ---",
        "😀😀😀 🇻🇳",
        "\u{301}\u{323}\u{302}",
        "\u{feff}\u{200b}",
    ] {
        assert_eq!(parse(s).unwrap_err(), ParseError::Empty, "{s:?}");
        for mode in [Mode::Exact, Mode::Prefix, Mode::Fuzzy] {
            assert!(Search::new().mode(mode).run(s).is_empty(), "{s:?}");
        }
    }
    for s in [
        "Atlantis",
        "12 Baker Street",
        "1234567",
        "xyz xyz xyz",
        "ĐĐĐĐĐĐĐĐ",
    ] {
        assert_eq!(parse(s).unwrap_err(), ParseError::NotFound, "{s:?}");
    }
}

#[test]
fn too_long() {
    let mib = "Phường Bến Nghé, ".repeat(1 << 16);
    assert!(mib.len() > 1 << 20);
    assert_eq!(
        parse(&mib).unwrap_err(),
        ParseError::TooLong {
            len: mib.len(),
            max: MAX_ADDRESS_LEN
        }
    );
    let at_limit = "a".repeat(MAX_ADDRESS_LEN);
    assert_ne!(
        parse(&at_limit).unwrap_err(),
        ParseError::TooLong {
            len: at_limit.len(),
            max: MAX_ADDRESS_LEN
        }
    );
    // A query is cut at MAX_QUERY_LEN bytes, on a character boundary.
    let long = "Bến Nghé ".repeat(1 << 17);
    let hits = Search::new().run(&long);
    let cut: String = long
        .char_indices()
        .take_while(|(i, c)| i + c.len_utf8() <= MAX_QUERY_LEN)
        .map(|(_, c)| c)
        .collect();
    let same: Vec<String> = Search::new()
        .run(&cut)
        .iter()
        .map(|h| h.unit().code().to_string())
        .collect();
    assert_eq!(
        hits.iter()
            .map(|h| h.unit().code().to_string())
            .collect::<Vec<_>>(),
        same
    );
    for mode in [Mode::Prefix, Mode::Fuzzy] {
        let _ = Search::new().mode(mode).run(&long);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary text: a typed result, and the street part is taken verbatim from the
    /// input, before the units.
    #[test]
    fn parse_never_panics(s in prop_oneof![
        any::<String>(),
        "([a-zA-Z0-9 ,./-]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ]|phường |quận |xã |P\\.|Q\\.|TP\\.HCM|Hà Nội|Bến Nghé|An Bình|, ){0,40}",
    ]) {
        match parse(&s) {
            Ok(a) => {
                prop_assert!(!a.readings().is_empty());
                prop_assert!(!a.candidates().is_empty());
                let rest = a.reading().rest();
                prop_assert!(s.contains(rest));
                let _ = a.to_string();
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
        for mode in [Mode::Exact, Mode::Prefix, Mode::Fuzzy] {
            let _ = Search::new().mode(mode).limit(5).run(&s);
        }
    }
}
