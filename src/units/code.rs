//! Official codes as newtypes.
//!
//! Codes of the current structure and of the pre-2025 structure overlap with
//! different meanings (26740 was Phường Bến Nghé and is now Phường Sài Gòn), so each
//! era and level has its own type and a mix-up does not compile.

use std::fmt;
use std::str::FromStr;

/// Why a string is not a well-formed code.
///
/// # Examples
/// ```
/// use dvhc::{CommuneCode, ParseCodeError};
///
/// assert_eq!("".parse::<CommuneCode>(), Err(ParseCodeError::Empty));
/// assert_eq!(
///     "2674".parse::<CommuneCode>(),
///     Err(ParseCodeError::WrongLength { expected: 5, found: 4 })
/// );
/// assert_eq!(
///     "2674x".parse::<CommuneCode>(),
///     Err(ParseCodeError::NotADigit { position: 4 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The string is empty (after trimming surrounding white space).
    #[error("empty code")]
    Empty,
    /// The code has the wrong number of characters: official codes have a fixed width
    /// (2 digits for a province, 3 for a district, 5 for a commune), leading zeros included.
    #[error("a code of this level has {expected} digits, found {found} characters")]
    WrongLength {
        /// The number of digits a code of this level has.
        expected: usize,
        /// The number of characters found.
        found: usize,
    },
    /// The character at this position (counted in characters from 0) is not an ASCII digit.
    #[error("character {position} of the code is not a digit 0-9")]
    NotADigit {
        /// Position of the offending character, counted in characters from 0.
        position: usize,
    },
}

/// Parses exactly `width` ASCII digits (surrounding white space allowed).
fn parse_digits(s: &str, width: usize) -> Result<u32, ParseCodeError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ParseCodeError::Empty);
    }
    if let Some(position) = s.chars().position(|c| !c.is_ascii_digit()) {
        // A wrong length is the more useful message for "2674x"-like input only when all
        // characters are digits; otherwise point at the first non-digit.
        return Err(ParseCodeError::NotADigit { position });
    }
    if s.len() != width {
        return Err(ParseCodeError::WrongLength {
            expected: width,
            found: s.len(),
        });
    }
    Ok(s.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
}

macro_rules! code_type {
    (
        $(#[$meta:meta])*
        $name:ident($repr:ty), width = $width:literal, max = $max:literal,
        example = $example:literal, example_value = $example_value:literal
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

        /// Zero-padded to the official width.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:0width$}", self.0, width = $width)
            }
        }

        /// Parses exactly the official number of digits, leading zeros included;
        /// surrounding white space is ignored.
        impl FromStr for $name {
            type Err = ParseCodeError;
            fn from_str(s: &str) -> Result<Self, ParseCodeError> {
                parse_digits(s, $width).map(|v| Self(v as $repr))
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
}
pub(crate) use code_path;

code_type! {
    /// The 2-digit code of a province of the current structure (from 1 July 2025),
    /// e.g. `79` for Thành phố Hồ Chí Minh.
    ProvinceCode(u8), width = 2, max = 99, example = "79", example_value = 79
}

code_type! {
    /// The 5-digit code of a commune-level unit (phường, xã, đặc khu) of the current
    /// structure, e.g. `26740` for Phường Sài Gòn.
    CommuneCode(u32), width = 5, max = 99999, example = "26740", example_value = 26740
}

code_type! {
    /// The 2-digit code of a province of the pre-2025 structure (to 30 June 2025),
    /// e.g. `74` for Tỉnh Bình Dương.
    LegacyProvinceCode(u8), width = 2, max = 99, example = "74", example_value = 74
}

code_type! {
    /// The 3-digit code of a district of the pre-2025 structure, e.g. `760` for Quận 1.
    LegacyDistrictCode(u16), width = 3, max = 999, example = "760", example_value = 760
}

code_type! {
    /// The 5-digit code of a commune-level unit (phường, xã, thị trấn) of the pre-2025
    /// structure, e.g. `26740` for Phường Bến Nghé.
    LegacyCommuneCode(u32), width = 5, max = 99999, example = "26740", example_value = 26740
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
            Err(ParseCodeError::NotADigit { position: 0 })
        );
        assert_eq!(
            "٠١".parse::<ProvinceCode>(),
            Err(ParseCodeError::NotADigit { position: 0 })
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
    }
}
