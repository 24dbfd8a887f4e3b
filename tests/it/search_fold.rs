//! Properties of `fold` and `search_key`, the normalisation every key and every query
//! goes through: idempotent, NFC ≡ NFD, old ≡ new tone placement, never panics, ASCII
//! for Vietnamese input, borrowed when nothing changes; and search keys agree with
//! what search and parsing compute from the same text.

use crate::common::TONE_PAIRS;

use std::borrow::Cow;

use dvhc::search::{Era, Level, Search};
use dvhc::{fold, search_key};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Vietnamese letters, precomposed, in both cases, with separators and digits.
const VIETNAMESE: &str = "[a-zA-Z0-9 ,./'’–-]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]|[ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ]";

fn vietnamese() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("({VIETNAMESE}){{0,60}}")).unwrap()
}

/// Anything: arbitrary Unicode, control characters, marks, other scripts, emoji.
fn anything() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex(
            "([\\x00-\\x1f\\x7f]|[\u{300}-\u{36f}]|[\u{1100}-\u{11ff}]|[\u{ac00}-\u{ac20}]|[\u{1f600}-\u{1f610}]|[İıẞǅ\u{212b}\u{2126}ÅΩ]|[a-z ]){0,40}"
        )
        .unwrap(),
        vietnamese(),
    ]
}

/// The other tone placement of every syllable that has one ("hoà" ↔ "hòa").
fn swap_tone_placement(s: &str) -> String {
    let mut out = s.to_owned();
    for (a, b) in TONE_PAIRS {
        out = out.replace(a, "\u{0}").replace(b, a).replace('\u{0}', b);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fold_is_idempotent(s in anything()) {
        let once = fold(&s).into_owned();
        prop_assert_eq!(fold(&once), once.as_str());
        // A folded ASCII string (all Vietnamese input) is returned borrowed.
        if once.is_ascii() {
            prop_assert!(matches!(fold(&once), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn fold_nfc_equals_nfd(s in anything()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        prop_assert_eq!(fold(&nfc), fold(&nfd));
        prop_assert_eq!(fold(&s), fold(&nfd));
    }

    #[test]
    fn fold_shape(s in anything()) {
        let f = fold(&s);
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
        prop_assert!(f.chars().all(|c| c == ' ' || c.is_alphanumeric()));
        prop_assert_eq!(f.to_lowercase(), f.as_ref());
    }

    #[test]
    fn vietnamese_folds_to_ascii(s in vietnamese()) {
        let f = fold(&s);
        prop_assert!(f.bytes().all(|b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit()), "{:?}", f);
        // Lower and upper case fold alike, and so do both tone placements.
        let upper = s.to_uppercase();
        prop_assert_eq!(fold(&upper), f.clone());
        let swapped = swap_tone_placement(&s.to_lowercase());
        prop_assert_eq!(fold(&swapped), f);
    }

    #[test]
    fn search_key_is_compact_fold(s in anything()) {
        let k = search_key(&s);
        prop_assert!(!k.contains(' ') || k.split(' ').all(|part| !part.is_empty()));
        // A key is its own key.
        prop_assert_eq!(search_key(&k), k.as_ref());
        // Folding first changes nothing.
        let folded = fold(&s);
        prop_assert_eq!(search_key(&folded), k.as_ref());
    }

    /// A query and its folded form find the same units (the query analysis splits
    /// words and numbers the way `fold` and `search_key` do).
    #[test]
    fn queries_compare_folded(q in vietnamese()) {
        let s = Search::new().era(Era::Legacy).level(Level::Commune);
        let codes = |x: &str| {
            let mut v: Vec<String> = s.run(x).iter().map(|h| h.unit().code().to_string()).collect();
            v.sort();
            v
        };
        prop_assert_eq!(codes(&q), codes(&fold(&q)));
    }
}

/// Every name in the data, folded, finds its unit by its key: the generator and the
/// runtime fold alike.
#[test]
fn keys_of_real_names() {
    for c in dvhc::legacy::Commune::all().iter().step_by(7) {
        let k = search_key(c.name());
        assert!(
            k.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "{k}"
        );
        let hits = Search::new().era(Era::Legacy).level(Level::Commune).run(&k);
        assert!(
            hits.iter()
                .any(|h| h.unit().code().to_string() == c.code().to_string()),
            "{c}"
        );
    }
}

#[test]
fn examples() {
    assert_eq!(fold("Hoà"), fold("Hòa"));
    assert_eq!(fold("Thuỷ"), fold("Thủy"));
    assert_eq!(fold("ĐẮK LẮK"), "dak lak");
    assert_eq!(fold("TP.HCM"), "tp hcm");
    assert_eq!(fold("Ea H’Leo"), "ea h leo");
    assert_eq!(search_key("Phường 01"), search_key("Phường 1"));
    assert_eq!(search_key("Bà Rịa–Vũng Tàu"), "bariavungtau");
    assert!(matches!(fold("xuan huong"), Cow::Borrowed(_)));
}
