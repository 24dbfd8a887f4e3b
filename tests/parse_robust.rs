//! Bad input for `address::parse` and `Search::run`: empty strings, whitespace,
//! control characters, emoji, punctuation only, 1 MiB strings and adversarial shapes.
//! Each gives a clear error or an empty result, never a panic, in time bounded by the
//! documented limits (`MAX_ADDRESS_LEN`, `MAX_QUERY_LEN`). Invalid UTF-8 cannot reach
//! either: they take `&str`.

use std::time::{Duration, Instant};

use dvhc::address::{parse, ParseError, MAX_ADDRESS_LEN};
use dvhc::search::{Mode, Search, MAX_QUERY_LEN};
use proptest::prelude::*;

/// The fastest of `n` runs of `f`: robust against a busy machine.
fn fastest(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

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
        .map(|h| h.unit().code())
        .collect();
    assert_eq!(
        hits.iter().map(|h| h.unit().code()).collect::<Vec<_>>(),
        same
    );
    for mode in [Mode::Prefix, Mode::Fuzzy] {
        let _ = Search::new().mode(mode).run(&long);
    }
    // Refusing or cutting a 1 MiB input costs about what a short one does.
    let short = "Phường Bến Nghé, Quận 1";
    let t_short = fastest(5, || {
        let _ = parse(short);
        let _ = Search::new().run(short);
    });
    let t_long = fastest(5, || {
        let _ = parse(&mib);
        let _ = Search::new().run(&long);
    });
    assert!(
        t_long <= t_short * 20 + Duration::from_millis(2),
        "1 MiB: {t_long:?}, short: {t_short:?}"
    );
}

/// Adversarial shapes at the length limit: kind words, numbers, commas, homonyms,
/// marks, repeated. Each is bounded: none costs more than a few hundred typical
/// addresses.
#[test]
fn adversarial_shapes_are_bounded() {
    let fill = |unit: &str| -> String {
        let mut s = String::new();
        while s.len() + unit.len() <= MAX_ADDRESS_LEN {
            s.push_str(unit);
        }
        s
    };
    let shapes = [
        fill("phường "),
        fill("P. "),
        fill("Phường Phường Quận Huyện "),
        fill("1 "),
        fill("Phường 1, "),
        fill(","),
        fill("An Bình "),
        fill("Xã An Bình, "),
        fill("Châu Thành "),
        fill("Phường Thanhh Xuânn, "),
        fill("Thanh Thanh Thanh, Châu Thành, "),
        fill("a\u{301}\u{323}"),
        fill("Quận 1 TP.HCM "),
        fill("x"),
    ];
    let typical = "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM";
    let t_typical = fastest(5, || {
        let _ = parse(typical);
    });
    for s in &shapes {
        let t = fastest(3, || {
            let _ = parse(s);
            let _ = Search::new().mode(Mode::Fuzzy).run(s);
        });
        assert!(
            t <= t_typical * 2000 + Duration::from_millis(20),
            "{:?}…: {t:?} (typical {t_typical:?})",
            &s[..40]
        );
    }
}

/// Time grows at most linearly with the input, up to the limit.
#[test]
fn linear_in_the_input() {
    let unit = "Thôn Phú An, ";
    let time = |n: usize| {
        let s = unit.repeat(n);
        fastest(5, || {
            let _ = parse(&s);
        })
    };
    let (small, large) = (time(8), time(8 * 8));
    assert!(
        large <= small * 8 * 4 + Duration::from_millis(1),
        "8 units: {small:?}, 64 units: {large:?}"
    );
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
