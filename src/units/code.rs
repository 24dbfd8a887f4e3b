//! Official codes as newtypes.
//!
//! Codes of the current structure and of the pre-2025 structure overlap with
//! different meanings (26740 was Phường Bến Nghé and is now Phường Sài Gòn), so each
//! era and level has its own type and a mix-up does not compile.

use std::fmt;
use std::str::FromStr;

/// Why a string (or a number) is not a well-formed code.
///
/// # Examples
/// ```
/// use dvhc::{CommuneCode, ParseCodeError};
///
/// assert_eq!("".parse::<CommuneCode>(), Err(ParseCodeError::Empty));
/// let e = "2674".parse::<CommuneCode>().unwrap_err();
/// assert_eq!(e, ParseCodeError::WrongLength { expected: 5, found: 4 });
/// assert_eq!(e.to_string(), "a code of this level has 5 digits, not 4");
/// let e = "2674x".parse::<CommuneCode>().unwrap_err();
/// assert_eq!(e, ParseCodeError::NotADigit { position: 5 });
/// assert_eq!(e.to_string(), "character 5 of the code is not a digit 0-9");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The string is empty (after trimming surrounding white space).
    #[error("empty code")]
    Empty,
    /// The code has the wrong number of digits: official codes have a fixed width
    /// (2 digits for a province, 3 for a district, 5 for a commune), leading zeros
    /// included. From [`TryFrom<u32>`], a value with more digits than that.
    #[error("a code of this level has {expected} digits, not {found}")]
    WrongLength {
        /// The number of digits a code of this level has.
        expected: usize,
        /// The number of digits found.
        found: usize,
    },
    /// The character at this position (counted in characters from 1, after trimming
    /// surrounding white space) is not an ASCII digit.
    #[error("character {position} of the code is not a digit 0-9")]
    NotADigit {
        /// Position of the offending character, counted in characters from 1.
        position: usize,
    },
}

/// Reads the digits of a code (surrounding white space allowed): exactly `width`
/// of them, or with `lenient` from 1 to `width` (leading zeros dropped).
fn parse_digits(s: &str, width: usize, lenient: bool) -> Result<u32, ParseCodeError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ParseCodeError::Empty);
    }
    if let Some(i) = s.chars().position(|c| !c.is_ascii_digit()) {
        // A wrong length is the more useful message for "2674x"-like input only when all
        // characters are digits; otherwise point at the first non-digit.
        return Err(ParseCodeError::NotADigit { position: i + 1 });
    }
    if s.len() > width || (s.len() < width && !lenient) {
        return Err(ParseCodeError::WrongLength {
            expected: width,
            found: s.len(),
        });
    }
    Ok(s.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
}

/// The number of decimal digits of `n` (1 for 0).
const fn digits(mut n: u32) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Writes `value` zero-padded to `width` digits (at most 10) through [`fmt::Formatter::pad`],
/// so that width and alignment flags apply to the whole code. Allocates nothing.
pub(crate) fn pad(value: u32, width: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut buf = [b'0'; 10];
    let s = padded(value, width, &mut buf);
    f.pad(s)
}

/// Every number below 1,000 as three digits, one after another: `"000001…999"`.
pub(crate) static DIGITS3: &str = {
    const BYTES: [u8; 3000] = {
        let mut t = [0; 3000];
        let mut i = 0;
        while i < 1000 {
            t[3 * i] = b'0' + (i / 100) as u8;
            t[3 * i + 1] = b'0' + (i / 10 % 10) as u8;
            t[3 * i + 2] = b'0' + (i % 10) as u8;
            i += 1;
        }
        t
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("ASCII digits are UTF-8"),
    }
};

/// `value` zero-padded to `width` digits (at most 10), written into `buf` (or, for
/// up to three digits, taken from [`DIGITS3`]).
#[inline]
pub(crate) fn padded(value: u32, width: usize, buf: &mut [u8; 10]) -> &str {
    if value < 1000 && (2..=3).contains(&width) {
        let at = 3 * value as usize + 3 - width;
        if let Some(s) = DIGITS3.get(at..at + width) {
            // Only when `value` has no more digits than `width`.
            if value < 10u32.pow(width as u32) {
                return s;
            }
        }
    }
    let mut n = value;
    let mut start = buf.len();
    // Every digit of `value`, then zeros up to `width`.
    while start > 0 && (n > 0 || buf.len() - start < width.max(1)) {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[start..]).unwrap_or_default()
}

macro_rules! code_type {
    (
        $(#[$meta:meta])*
        $name:ident($repr:ty), width = $width:literal, max = $max:literal,
        example = $example:literal, example_value = $example_value:literal,
        lenient = $lenient:literal => $lenient_padded:literal
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub(crate) $repr);

        impl $name {
            /// The number of digits of this kind of code, leading zeros included.
            pub const WIDTH: usize = $width;

            #[doc = concat!("Makes a code from its numeric value, or `None` when the value has more than ", stringify!($width), " digits.")]
            ///
            /// A well-formed code need not belong to any unit; look it up to find out.
            ///
            /// # Examples
            /// ```
            #[doc = concat!("use dvhc::", $crate::units::code::code_path!($name), ";")]
            #[doc = concat!("let code = ", stringify!($name), "::new(", stringify!($example_value), ").unwrap();")]
            #[doc = concat!("assert_eq!(code.get(), ", stringify!($example_value), ");")]
            #[doc = concat!("assert_eq!(code.to_string(), \"", $example, "\");")]
            #[doc = concat!("assert!(", stringify!($name), "::new(", stringify!($max), " + 1).is_none());")]
            /// ```
            pub const fn new(value: u32) -> Option<Self> {
                if value <= $max {
                    Some(Self(value as $repr))
                } else {
                    None
                }
            }

            /// The numeric value of the code.
            ///
            /// # Examples
            /// ```
            #[doc = concat!("use dvhc::", $crate::units::code::code_path!($name), ";")]
            #[doc = concat!("let code: ", stringify!($name), " = \"", $example, "\".parse().unwrap();")]
            #[doc = concat!("assert_eq!(code.get(), ", stringify!($example_value), ");")]
            /// ```
            pub const fn get(self) -> u32 {
                self.0 as u32
            }
        }

        /// Zero-padded to the official width. Width and alignment flags apply to the
        /// whole code (`{:>7}`).
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                pad(self.get(), $width, f)
            }
        }

        /// Parses exactly the official number of digits, leading zeros included;
        /// surrounding white space is ignored. See
        #[doc = concat!("[`", stringify!($name), "::parse_lenient`]")]
        /// for codes whose leading zeros a spreadsheet dropped.
        impl FromStr for $name {
            type Err = ParseCodeError;
            fn from_str(s: &str) -> Result<Self, ParseCodeError> {
                parse_digits(s, $width, false).map(|v| Self(v as $repr))
            }
        }

        /// The code of this value, or [`ParseCodeError::WrongLength`] when it has more
        /// digits than the official width.
        ///
        /// # Examples
        /// ```
        #[doc = concat!("use dvhc::", $crate::units::code::code_path!($name), ";")]
        #[doc = concat!("let code = ", stringify!($name), "::try_from(", stringify!($example_value), "u32).unwrap();")]
        #[doc = concat!("assert_eq!(u32::from(code), ", stringify!($example_value), ");")]
        #[doc = concat!("assert!(", stringify!($name), "::try_from(", stringify!($max), "u32 + 1).is_err());")]
        /// ```
        impl TryFrom<u32> for $name {
            type Error = ParseCodeError;
            fn try_from(value: u32) -> Result<Self, ParseCodeError> {
                Self::new(value).ok_or(ParseCodeError::WrongLength {
                    expected: $width,
                    found: digits(value),
                })
            }
        }

        /// The numeric value, as
        #[doc = concat!("[`", stringify!($name), "::get`].")]
        impl From<$name> for u32 {
            fn from(code: $name) -> u32 {
                code.get()
            }
        }

        impl $name {
            /// Parses a code that may have lost its leading zeros, as spreadsheets drop
            /// them from codes stored as numbers (`"4"` for `"00004"`): from 1 to
            #[doc = concat!(stringify!($width), " digits,")]
            /// surrounding white space ignored. Anything else (an empty string, a
            /// character that is not a digit, too many digits) is refused as by
            /// [`str::parse`], which stays strict.
            ///
            /// # Errors
            /// [`ParseCodeError::Empty`], [`ParseCodeError::NotADigit`] or
            /// [`ParseCodeError::WrongLength`] (more digits than the official width).
            ///
            /// # Examples
            /// ```
            #[doc = concat!("use dvhc::", $crate::units::code::code_path!($name), ";")]
            #[doc = concat!("let code = ", stringify!($name), "::parse_lenient(\"", $lenient, "\").unwrap();")]
            #[doc = concat!("assert_eq!(code.to_string(), \"", $lenient_padded, "\");")]
            #[doc = concat!("assert!(\"", $lenient, "\".parse::<", stringify!($name), ">().is_err());")]
            #[doc = concat!("assert!(", stringify!($name), "::parse_lenient(\"", $lenient, "x\").is_err());")]
            /// ```
            pub fn parse_lenient(s: &str) -> Result<Self, ParseCodeError> {
                parse_digits(s, $width, true).map(|v| Self(v as $repr))
            }
        }
    };
}

/// Path of a code type for doc examples: current codes are at the crate root, legacy
/// ones in `legacy`.
macro_rules! code_path {
    (ProvinceCode) => {
        "ProvinceCode"
    };
    (CommuneCode) => {
        "CommuneCode"
    };
    (LegacyProvinceCode) => {
        "legacy::ProvinceCode as LegacyProvinceCode"
    };
    (LegacyDistrictCode) => {
        "legacy::DistrictCode as LegacyDistrictCode"
    };
    (LegacyCommuneCode) => {
        "legacy::CommuneCode as LegacyCommuneCode"
    };
    (PostalCode) => {
        "PostalCode"
    };
    (PostalPrefix) => {
        "PostalPrefix"
    };
}
pub(crate) use code_path;

code_type! {
    /// The 2-digit code of a province of the current structure (from 1 July 2025),
    /// e.g. `79` for Thành phố Hồ Chí Minh.
    ProvinceCode(u8), width = 2, max = 99, example = "79", example_value = 79,
    lenient = "1" => "01"
}

code_type! {
    /// The 5-digit code of a commune-level unit (phường, xã, đặc khu) of the current
    /// structure, e.g. `26740` for Phường Sài Gòn.
    CommuneCode(u32), width = 5, max = 99999, example = "26740", example_value = 26740,
    lenient = "4" => "00004"
}

code_type! {
    /// The 2-digit code of a province of the pre-2025 structure (to 30 June 2025),
    /// e.g. `74` for Tỉnh Bình Dương.
    LegacyProvinceCode(u8), width = 2, max = 99, example = "74", example_value = 74,
    lenient = "2" => "02"
}

code_type! {
    /// The 3-digit code of a district of the pre-2025 structure, e.g. `760` for Quận 1.
    LegacyDistrictCode(u16), width = 3, max = 999, example = "760", example_value = 760,
    lenient = "1" => "001"
}

code_type! {
    /// The 5-digit code of a commune-level unit (phường, xã, thị trấn) of the pre-2025
    /// structure, e.g. `26740` for Phường Bến Nghé.
    LegacyCommuneCode(u32), width = 5, max = 99999, example = "26740", example_value = 26740,
    lenient = "1" => "00001"
}

code_type! {
    /// The five-digit national postal code (*mã bưu chính*) of a current commune, e.g.
    /// `71016` for Phường Sài Gòn (Quyết định 2334/QĐ-BKHCN of 24 August 2025). Leading
    /// zeros are part of it: Ba Chẽ's is `02006`.
    PostalCode(u32), width = 5, max = 99999, example = "71016", example_value = 71016,
    lenient = "2006" => "02006"
}

code_type! {
    /// A two-digit postal code prefix, assigned to one province (1 to 7 each, 83 in
    /// all), e.g. `70` to `74` for Thành phố Hồ Chí Minh; every postal code of a
    /// commune starts with one of its province's prefixes.
    PostalPrefix(u8), width = 2, max = 99, example = "70", example_value = 70,
    lenient = "2" => "02"
}

impl PostalCode {
    /// The two-digit prefix of the code, which names its province.
    ///
    /// ```
    /// let code: dvhc::PostalCode = "71016".parse().unwrap();
    /// assert_eq!(code.prefix().to_string(), "71");
    /// ```
    pub const fn prefix(self) -> PostalPrefix {
        PostalPrefix((self.0 / 1000) as u8)
    }
}

impl PostalPrefix {
    /// Whether `code` starts with this prefix.
    ///
    /// ```
    /// use dvhc::{PostalCode, PostalPrefix};
    /// let p: PostalPrefix = "02".parse().unwrap();
    /// assert!(p.contains("02006".parse::<PostalCode>().unwrap()));
    /// ```
    pub const fn contains(self, code: PostalCode) -> bool {
        code.prefix().0 == self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        let c: CommuneCode = "00004".parse().unwrap();
        assert_eq!(c.get(), 4);
        assert_eq!(c.to_string(), "00004");
        assert_eq!(" 01 ".parse::<ProvinceCode>().unwrap().get(), 1);
        assert_eq!(
            "1".parse::<ProvinceCode>(),
            Err(ParseCodeError::WrongLength {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            "001234".parse::<CommuneCode>(),
            Err(ParseCodeError::WrongLength {
                expected: 5,
                found: 6
            })
        );
        assert_eq!(
            "-1".parse::<ProvinceCode>(),
            Err(ParseCodeError::NotADigit { position: 1 })
        );
        assert_eq!(
            "٠١".parse::<ProvinceCode>(),
            Err(ParseCodeError::NotADigit { position: 1 })
        );
        assert_eq!(
            " 1٠".parse::<ProvinceCode>(),
            Err(ParseCodeError::NotADigit { position: 2 })
        );
        assert_eq!(
            "99999999999999999999".parse::<CommuneCode>(),
            Err(ParseCodeError::WrongLength {
                expected: 5,
                found: 20
            })
        );
        assert_eq!(LegacyDistrictCode::new(760).unwrap().to_string(), "760");
        assert!(LegacyDistrictCode::new(1000).is_none());
        assert_eq!(
            format!("{:>7}|{:<4}|", CommuneCode(4), ProvinceCode(1)),
            "  00004|01  |"
        );
    }

    #[test]
    fn lenient_parsing_pads_but_refuses_what_strict_refuses() {
        for (s, v) in [
            ("4", 4),
            ("04", 4),
            (" 0004 ", 4),
            ("00004", 4),
            ("26740", 26740),
        ] {
            assert_eq!(CommuneCode::parse_lenient(s), Ok(CommuneCode(v)), "{s:?}");
        }
        assert_eq!(CommuneCode::parse_lenient(" "), Err(ParseCodeError::Empty));
        assert_eq!(
            CommuneCode::parse_lenient("123456"),
            Err(ParseCodeError::WrongLength {
                expected: 5,
                found: 6
            })
        );
        assert_eq!(
            CommuneCode::parse_lenient("4.0"),
            Err(ParseCodeError::NotADigit { position: 2 })
        );
        assert_eq!(
            CommuneCode::parse_lenient("-4"),
            Err(ParseCodeError::NotADigit { position: 1 })
        );
        assert_eq!(
            LegacyDistrictCode::parse_lenient("1"),
            Ok(LegacyDistrictCode(1))
        );
        assert!("4".parse::<CommuneCode>().is_err());
    }

    #[test]
    fn numbers_convert_both_ways() {
        assert_eq!(ProvinceCode::try_from(79), Ok(ProvinceCode(79)));
        assert_eq!(
            ProvinceCode::try_from(100),
            Err(ParseCodeError::WrongLength {
                expected: 2,
                found: 3
            })
        );
        assert_eq!(
            CommuneCode::try_from(u32::MAX),
            Err(ParseCodeError::WrongLength {
                expected: 5,
                found: 10
            })
        );
        assert_eq!(u32::from(CommuneCode(26740)), 26740);
        assert_eq!(digits(0), 1);
        assert_eq!(digits(99_999), 5);
    }

    #[test]
    fn padding() {
        let mut buf = [0; 10];
        for (v, w, s) in [
            (0, 2, "00"),
            (0, 0, "0"),
            (4, 5, "00004"),
            (26740, 5, "26740"),
            (123_456, 5, "123456"),
            (u32::MAX, 10, "4294967295"),
            (7, 12, "0000000007"),
            (7, 2, "07"),
            (7, 3, "007"),
            (999, 3, "999"),
            (999, 2, "999"),
            (100, 2, "100"),
            (1000, 3, "1000"),
            (99, 2, "99"),
            (0, 3, "000"),
        ] {
            assert_eq!(padded(v, w, &mut buf), s, "{v} {w}");
        }
    }

    #[test]
    fn error_messages() {
        let cases = [
            (ParseCodeError::Empty, "empty code"),
            (
                ParseCodeError::WrongLength {
                    expected: 5,
                    found: 1,
                },
                "a code of this level has 5 digits, not 1",
            ),
            (
                ParseCodeError::NotADigit { position: 1 },
                "character 1 of the code is not a digit 0-9",
            ),
        ];
        for (e, m) in cases {
            assert_eq!(e.to_string(), m);
        }
    }
}
