//! Translation: `translate`, `translate_at` (any `f64`s, with and without a
//! locator), `Translator::on(date)`, `Translator::translate_batch` and
//! `reverse_address`, on arbitrary text.
//!
//! Input: 1 selector byte, then per mode some fixed bytes, then the address (lossy
//! UTF-8).
//! Properties: no panic; bad coordinates give `BadCoordinates` exactly when they are
//! non-finite or out of range; a resolved translation formats, an ambiguous one does
//! not; the status is partial exactly when a unit is unresolved, else ok exactly when
//! it resolves; remarks and unresolved words are in the input; an assumed structure
//! is the only one read; a batch gives, in order, what one-by-one translation gives;
//! formatting and the reverse forms do not panic; the JSON line the command-line
//! tool's writer gives is serde_json's.
#![no_main]

use dvhc::translate::{
    reverse_address, translate, translate_at, Locate, TranslateError, Translation, Translator,
};
use dvhc::{Commune, Date, Era, Status};
use libfuzzer_sys::fuzz_target;

/// A locator that answers a commune picked from the point's bits.
struct Pick;
impl Locate for Pick {
    fn locate(&self, lat: f64, lon: f64) -> Option<&'static Commune> {
        let all = Commune::all();
        let i = (lat.to_bits() ^ lon.to_bits()) as usize % (all.len() + 1);
        all.get(i)
    }
}

fn check(t: &Translation<'_>) {
    assert_eq!(t.formatted().is_some(), !t.is_ambiguous());
    assert_eq!(t.resolved().is_some(), !t.is_ambiguous());
    match t.status() {
        Status::Partial => assert!(t.unresolved().is_some()),
        Status::Ok => assert!(t.unresolved().is_none() && t.resolved().is_some()),
        _ => assert!(t.unresolved().is_none() && t.resolved().is_none()),
    }
    for r in t.remarks() {
        assert!(t.input().contains(r));
    }
    if let Some(u) = t.unresolved() {
        assert!(t.input().contains(u.text()));
    }
    for c in t.conflicts() {
        assert_ne!(c.overruled(), c.by());
    }
    if let Some(p) = t.postal_code() {
        assert!(t.input().contains(p.text()));
        // Its digits as read (the text may be fullwidth, or hold invisible characters).
        assert_eq!(p.code().is_some(), dvhc::text::normalize(p.text()).len() == 5);
        if let (Some(c), dvhc::address::PostalAgreement::Commune) = (p.commune(), p.agreement()) {
            assert!(t.candidates().iter().any(|k| k.commune() == Some(c)));
        }
    }
    for c in t.candidates() {
        let _ = t.format(c);
        if let Some(m) = c.commune() {
            assert_eq!(m.province().code(), c.province().code());
        }
        if let Some(d) = c.distance_km() {
            assert!(d.is_finite() && d >= 0.0, "distance {d}");
        }
    }
    let _ = t.to_string();
    let _ = (t.level(), t.via(), t.era(), t.rest(), t.readings());
    // The JSON `dvhc translate` writes is serde_json's, byte for byte.
    let mut ours = Vec::new();
    dvhc_cli::json::line(t, &mut ours);
    let mut theirs = serde_json::to_vec(t).expect("a translation serialises");
    theirs.push(b'\n');
    assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
}

fn f64_at(b: &[u8]) -> f64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    f64::from_le_bytes(a)
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    match sel % 6 {
        0 => {
            let s = String::from_utf8_lossy(rest);
            if let Ok(t) = translate(&s) {
                check(&t);
            }
        }
        1 | 2 => {
            if rest.len() < 16 {
                return;
            }
            let (lat, lon) = if rest[0] & 1 == 0 {
                // Mostly in range, to reach the ranking code.
                (
                    f64::from(rest[1]) / 255.0 * 20.0 + 8.0,
                    f64::from(rest[2]) / 255.0 * 10.0 + 102.0,
                )
            } else {
                (f64_at(&rest[..8]), f64_at(&rest[8..16]))
            };
            let s = String::from_utf8_lossy(&rest[16..]);
            let valid =
                lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
            let r = if sel % 6 == 1 {
                translate_at(&s, lat, lon)
            } else {
                Translator::new()
                    .with_locator(Pick)
                    .translate_at(&s, lat, lon)
            };
            match r {
                Err(TranslateError::BadCoordinates) => assert!(!valid),
                Err(_) => assert!(valid),
                Ok(t) => {
                    assert!(valid);
                    check(&t);
                }
            }
        }
        3 => {
            if rest.len() < 4 {
                return;
            }
            let y = u16::from_le_bytes([rest[0], rest[1]]);
            let Some(d) = Date::new(y, rest[2], rest[3]) else {
                return;
            };
            let s = String::from_utf8_lossy(&rest[4..]);
            if let Ok(t) = Translator::new().on(d).translate(&s) {
                check(&t);
            }
            // An assumed structure: the only one read.
            let era = if rest[2] & 1 == 0 {
                Era::Legacy
            } else {
                Era::Current
            };
            if let Ok(t) = Translator::new().assume(era).translate(&s) {
                check(&t);
                assert_eq!(t.era(), era);
                assert!(t.candidates().iter().all(|c| c.era() == era));
            }
        }
        4 => {
            let s = String::from_utf8_lossy(rest);
            if let Ok(forms) = reverse_address(&s) {
                for f in &forms {
                    let _ = (f.to_string(), f.share(), f.rest());
                }
            }
        }
        _ => {
            // A batch: one address per line. Up to 64 lines stay on this thread,
            // more are spread over threads; either way results come in input order.
            let s = String::from_utf8_lossy(rest);
            let lines: Vec<&str> = s.split('\n').take(80).collect();
            let tr = Translator::new();
            let batch = tr.translate_batch(&lines);
            assert_eq!(batch.len(), lines.len());
            for (line, got) in lines.iter().zip(&batch) {
                let one = tr.translate(line);
                match (got, &one) {
                    (Ok(a), Ok(b)) => assert_eq!(a.to_string(), b.to_string()),
                    (Err(a), Err(b)) => assert_eq!(a, b),
                    _ => panic!("batch and single translation disagree on {line:?}"),
                }
            }
        }
    }
});
