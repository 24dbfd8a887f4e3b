//! `address::parse` on arbitrary text.
//!
//! Properties: no panic; input over `MAX_ADDRESS_LEN` bytes is refused with
//! `TooLong` (and nothing else is); a parse has at least one reading, an ambiguous
//! one at least two; every reading's units are consistent (commune in district in
//! province); the street part is a slice of the input; formatting does not panic.
#![no_main]

use dvhc::address::{parse, ParseError, Units, MAX_ADDRESS_LEN};
use dvhc::search::Era;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;

    let r = parse(s);
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
    for r in a.readings() {
        let rest = r.rest();
        assert!(range.contains(&(rest.as_ptr() as usize)));
        assert!(range.contains(&(rest.as_ptr() as usize + rest.len())));
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
});
