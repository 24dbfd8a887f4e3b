//! `address::parse` and `address::parse_as` (each structure) on arbitrary text.
//!
//! Properties: no panic; input over `MAX_ADDRESS_LEN` bytes is refused with
//! `TooLong` (and nothing else is); a parse has at least one reading, an ambiguous
//! one at least two; every reading's units are consistent (commune in district in
//! province); the street part, the remarks and the words unresolved are slices of the
//! input; the status is partial exactly when a unit is unresolved; a conflict
//! overrules a unit other than the one it keeps; a repair is reported only for text
//! `dvhc::text::repair` repairs, or text of Windows-1252 characters only that it
//! leaves alone (the parser's second reading); a postal code is five or six digits of the input
//! outside the street part; `parse_as` reads the structure asked only;
//! formatting does not panic.
#![no_main]

use dvhc::address::{parse, parse_as, Address, ParseError, Units, MAX_ADDRESS_LEN};
use dvhc::{Era, Status};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;

    check(s, parse(s), None);
    check(s, parse_as(s, Era::Legacy), Some(Era::Legacy));
    check(s, parse_as(s, Era::Current), Some(Era::Current));
});

fn check(s: &str, r: Result<Address<'_>, ParseError>, era: Option<Era>) {
    if s.len() > MAX_ADDRESS_LEN {
        assert_eq!(
            r.unwrap_err(),
            ParseError::TooLong {
                len: s.len(),
                max: MAX_ADDRESS_LEN
            }
        );
        return;
    }
    let a = match r {
        Ok(a) => a,
        Err(ParseError::TooLong { .. }) => panic!("TooLong under the limit"),
        Err(_) => return,
    };
    assert!(!a.readings().is_empty());
    if a.is_ambiguous() {
        assert!(a.readings().len() > 1);
    }
    let range = s.as_ptr() as usize..=s.as_ptr() as usize + s.len();
    let within = |t: &str| {
        range.contains(&(t.as_ptr() as usize)) && range.contains(&(t.as_ptr() as usize + t.len()))
    };
    assert_eq!(a.status() == Status::Partial, a.unresolved().is_some());
    if let Some(u) = a.unresolved() {
        assert!(within(u.text()));
    }
    for remark in a.remarks() {
        assert!(within(remark));
    }
    if let Some(e) = a.repaired() {
        // Text `repair` repairs, or text it leaves alone (Vietnamese as it is, or one
        // word of weak evidence) that may be legacy bytes seen through Windows-1252
        // or Latin-1: the parser's checked second reading.
        let by_repair = dvhc::text::repair(s).encoding();
        assert!(
            by_repair == Some(e) || (by_repair.is_none() && windows_1252_only(s)),
            "{s:?}: repaired as {e:?}, repair says {by_repair:?}"
        );
    }
    if let Some(p) = a.postal_code() {
        // Five or six digits of the input (fullwidth ones and invisible characters
        // as written), never in the street part; a value exactly for five.
        assert!(within(p.text()));
        let digits = dvhc::text::normalize(p.text());
        assert!(matches!(digits.len(), 5 | 6) && digits.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(p.code().is_some(), digits.len() == 5);
        if let Some(code) = p.code() {
            assert_eq!(code.to_string(), digits);
        }
        let rest = a.reading().rest();
        let (r0, p0) = (rest.as_ptr() as usize, p.text().as_ptr() as usize);
        assert!(p0 >= r0 + rest.len() || p0 + p.text().len() <= r0);
        let _ = p.commune();
    }
    for r in a.readings() {
        let rest = r.rest();
        assert!(within(rest));
        if let Some(e) = era {
            assert_eq!(r.era(), e);
        }
        if let Some(c) = r.conflict() {
            assert_ne!(c.overruled(), c.by());
            let _ = c.to_string();
        }
        match r.units() {
            Units::Legacy(u) => {
                assert_eq!(r.era(), Era::Legacy);
                assert!(r.as_legacy().is_some() && r.as_current().is_none());
                if let Some(d) = u.district() {
                    assert_eq!(d.province().code(), u.province().code());
                }
                if let Some(c) = u.commune() {
                    assert_eq!(c.province().code(), u.province().code());
                    if let Some(d) = u.district() {
                        assert_eq!(c.district().code(), d.code());
                    }
                }
            }
            Units::Current(u) => {
                assert_eq!(r.era(), Era::Current);
                assert!(r.as_current().is_some() && r.as_legacy().is_none());
                if let Some(c) = u.commune() {
                    assert_eq!(c.province().code(), u.province().code());
                }
            }
            _ => {}
        }
        let _ = r.deepest().to_string();
        let _ = r.to_string();
    }
    let _ = a.to_string();
}

/// Whether every character of `s` (not all ASCII) is one of Windows-1252 or Latin-1,
/// or an invisible one `normalize` deletes.
fn windows_1252_only(s: &str) -> bool {
    const CP1252: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    !s.is_ascii()
        && s.chars().all(|c| {
            c <= '\u{FF}'
                || CP1252.contains(c)
                || dvhc::text::normalize(c.encode_utf8(&mut [0; 4])).is_empty()
        })
}
