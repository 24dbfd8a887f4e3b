//! Reading the request URL: query parameters and path integers.
//!
//! Both follow the provinces web API (COMPAT.md §2.2): a parameter given twice takes
//! its last value, unknown parameters are ignored, and integers are parsed leniently
//! (`01`, `+1` and `1.0` are 1) but to any size, so that a code too big for a machine
//! integer is "not found" rather than invalid.

use std::borrow::Cow;

use percent_encoding::percent_decode;

/// The decoded query string of a request.
#[derive(Debug, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

/// The query string is not UTF-8 once percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidUtf8 {
    /// The name of the parameter whose name or value is not UTF-8 (lossily decoded).
    pub(crate) name: String,
}

impl Query {
    /// Decodes `application/x-www-form-urlencoded` pairs (`+` is a space). A name
    /// without `=` has the empty value. Fails on a name or value that is not UTF-8.
    pub(crate) fn parse(raw: Option<&str>) -> Result<Query, InvalidUtf8> {
        let mut pairs = Vec::new();
        for part in raw.unwrap_or("").split('&') {
            if part.is_empty() {
                continue;
            }
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let name_bytes = decode_form(name);
            let name = match String::from_utf8(name_bytes) {
                Ok(n) => n,
                Err(e) => {
                    return Err(InvalidUtf8 {
                        name: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    })
                }
            };
            match String::from_utf8(decode_form(value)) {
                Ok(v) => pairs.push((name, v)),
                Err(_) => return Err(InvalidUtf8 { name }),
            }
        }
        Ok(Query { pairs })
    }

    /// The last value given for `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Percent-decodes one form component, `+` meaning a space.
fn decode_form(s: &str) -> Vec<u8> {
    if s.contains('+') {
        let spaced = s.replace('+', " ");
        percent_decode(spaced.as_bytes()).collect()
    } else {
        percent_decode(s.as_bytes()).collect()
    }
}

/// Percent-decodes one path segment, replacing invalid UTF-8 (the segment is then
/// reported as not an integer, with the replacement characters in the echo).
pub(crate) fn decode_segment(s: &str) -> Cow<'_, str> {
    percent_decode(s.as_bytes()).decode_utf8_lossy()
}

/// An integer read the way the provinces web API reads one: surrounding white space
/// is ignored, a sign is allowed, leading zeros too, and a fractional part of zeros
/// (`1.0`). Its size is unbounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LaxInt {
    negative: bool,
    /// Decimal digits without leading zeros (`"0"` for zero).
    digits: String,
}

impl LaxInt {
    /// Parses `s`, or `None` when it is not an integer.
    pub(crate) fn parse(s: &str) -> Option<LaxInt> {
        let s = s.trim_matches(|c: char| c.is_ascii_whitespace());
        let (negative, rest) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = match rest.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if let Some(f) = frac {
            if f.is_empty() || !f.bytes().all(|b| b == b'0') {
                return None;
            }
        }
        let trimmed = int.trim_start_matches('0');
        let digits = if trimmed.is_empty() { "0" } else { trimmed };
        Some(LaxInt {
            negative: negative && digits != "0",
            digits: digits.to_owned(),
        })
    }

    /// The value when it is in `0..=u32::MAX`.
    pub(crate) fn as_u32(&self) -> Option<u32> {
        if self.negative || self.digits.len() > 10 {
            return None;
        }
        self.digits.parse().ok()
    }

    /// The value when it fits an `i64` (for range checks).
    pub(crate) fn as_i64(&self) -> Option<i64> {
        if self.digits.len() > 19 {
            return None;
        }
        let v: i64 = self.digits.parse().ok()?;
        Some(if self.negative { -v } else { v })
    }

    /// Whether the value is below zero.
    pub(crate) fn is_negative(&self) -> bool {
        self.negative
    }
}

/// The canonical decimal form: no `+`, no leading zeros (`"+007"` is `"7"`).
impl std::fmt::Display for LaxInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(&self.digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lax_integers() {
        for (s, v) in [
            ("1", 1),
            ("01", 1),
            ("+1", 1),
            ("1.0", 1),
            ("1.000", 1),
            (" 7 ", 7),
            ("0", 0),
            ("-0", 0),
        ] {
            assert_eq!(LaxInt::parse(s).and_then(|i| i.as_u32()), Some(v), "{s}");
        }
        for s in [
            "", " ", "abc", "1.5", "1.", ".0", "1e3", "--1", "+", "1 2", "٣", "0x1",
        ] {
            assert_eq!(LaxInt::parse(s), None, "{s:?}");
        }
        let huge = LaxInt::parse("99999999999999999999999").unwrap();
        assert_eq!(huge.as_u32(), None);
        assert_eq!(huge.as_i64(), None);
        assert_eq!(huge.to_string(), "99999999999999999999999");
        let neg = LaxInt::parse("-5").unwrap();
        assert_eq!((neg.as_u32(), neg.as_i64()), (None, Some(-5)));
        assert!(neg.is_negative());
        assert_eq!(LaxInt::parse("+007").unwrap().to_string(), "7");
        assert_eq!(LaxInt::parse("-0").unwrap().to_string(), "0");
        assert_eq!(LaxInt::parse("4294967296").unwrap().as_u32(), None);
        assert_eq!(
            LaxInt::parse("4294967295").unwrap().as_u32(),
            Some(u32::MAX)
        );
    }

    #[test]
    fn query_strings() {
        let q = Query::parse(Some("depth=1&depth=2&search=H%C3%A0+N%E1%BB%99i&flag&&x=")).unwrap();
        assert_eq!(q.get("depth"), Some("2"));
        assert_eq!(q.get("search"), Some("Hà Nội"));
        assert_eq!(q.get("flag"), Some(""));
        assert_eq!(q.get("x"), Some(""));
        assert_eq!(q.get("missing"), None);
        assert_eq!(Query::parse(None).unwrap().get("a"), None);
        assert_eq!(
            Query::parse(Some("a=1&q=%FF")).unwrap_err(),
            InvalidUtf8 { name: "q".into() }
        );
        assert!(Query::parse(Some("%C3=1")).is_err());
        // A literal plus sign is %2B.
        assert_eq!(
            Query::parse(Some("q=%2Bben")).unwrap().get("q"),
            Some("+ben")
        );
        assert_eq!(decode_segment("H%C3%A0"), "Hà");
        assert_eq!(decode_segment("%FF1"), "\u{FFFD}1");
    }
}
