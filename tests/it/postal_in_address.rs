//! Postal codes written in addresses (#19 item 2): recognised after the units, kept
//! out of the street part, compared with the units read and never deciding them.

use dvhc::address::{parse, PostalAgreement};
use dvhc::translate::translate;

fn agreement(input: &str) -> Option<(String, PostalAgreement)> {
    let t = translate(input).unwrap();
    let p = t.postal_code()?;
    // The parse says the same about the same words.
    let a = parse(input).unwrap();
    let q = a.postal_code().expect("the parse finds it too");
    assert_eq!(
        (q.text(), q.agreement()),
        (p.text(), p.agreement()),
        "{input}"
    );
    Some((p.text().to_owned(), p.agreement()))
}

#[test]
fn a_code_after_the_units_is_compared_with_them() {
    use PostalAgreement::*;
    let cases = [
        // Phường Ba Đình's own code, after the province, with or without a comma.
        ("Phường Ba Đình, Hà Nội 11120", "11120", Commune),
        ("Phường Ba Đình, Hà Nội, 11120", "11120", Commune),
        ("Phường Ba Đình, Hà Nội 11120, Việt Nam", "11120", Commune),
        ("Phường Ba Đình, Hà Nội, 11120 (gần chợ)", "11120", Commune),
        // The old Phường Bến Nghé went into Phường Sài Gòn (71016).
        (
            "12 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM 71016",
            "71016",
            Commune,
        ),
        // A code of the province, not of the commune read.
        ("Phường Ba Đình, Hà Nội 11119", "11119", Province),
        // Another province's.
        ("Phường Ba Đình, Hà Nội 71016", "71016", Contradicts),
        // Six digits: the scheme before 2018, compared with nothing.
        ("HN 100000", "100000", Unknown),
        ("Quận 1, TP.HCM, 700000", "700000", Unknown),
    ];
    for (input, text, want) in cases {
        assert_eq!(agreement(input), Some((text.to_owned(), want)), "{input}");
    }
}

#[test]
fn a_contradicting_code_changes_no_unit() {
    let with = translate("Phường Bến Nghé, Quận 1, TP.HCM 11120").unwrap();
    let without = translate("Phường Bến Nghé, Quận 1, TP.HCM").unwrap();
    assert_eq!(with.formatted(), without.formatted());
    assert_eq!(with.status(), without.status());
    assert_eq!(
        with.postal_code().unwrap().commune().unwrap().name(),
        "Ba Đình"
    );
}

#[test]
fn a_code_decides_no_unit_on_its_own() {
    let t = translate("Hà Nội 11120").unwrap();
    assert!(t.candidates().iter().all(|c| c.commune().is_none()));
    let p = t.postal_code().unwrap();
    assert_eq!(p.agreement(), PostalAgreement::Province);
    assert_eq!(p.commune().unwrap().code().to_string(), "00004");
}

#[test]
fn house_numbers_are_no_postal_codes() {
    for input in [
        "11120 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM",
        "Số 11120, Phường Bến Nghé, Quận 1, TP.HCM",
        "Phường Bến Nghé, Quận 1, TP.HCM",
        "Phường Bến Nghé, Quận 1, TP.HCM 1234",
        "Phường Bến Nghé, Quận 1, TP.HCM 1234567",
    ] {
        let t = translate(input).unwrap();
        assert!(t.postal_code().is_none(), "{input}");
        assert!(parse(input).unwrap().postal_code().is_none(), "{input}");
    }
    // The street part keeps the house number; a postal code is never in it.
    let t = translate("11120 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM 71016").unwrap();
    assert_eq!(t.rest(), "11120 Lê Lợi");
    assert_eq!(t.postal_code().unwrap().text(), "71016");
}
