//! A calendar date, just enough to ask which law was in force.

use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar, used to ask for the name and kind of a
/// unit in force on that day.
///
/// It is deliberately small (no time zone, no arithmetic); convert from your date
/// library with [`Date::new`].
///
/// # Examples
/// ```
/// use dvhc::Date;
///
/// let d: Date = "2026-04-30".parse().unwrap();
/// assert_eq!(d, Date::new(2026, 4, 30).unwrap());
/// assert!(Date::REFORM < d);
/// assert_eq!(d.to_string(), "2026-04-30");
/// assert!(Date::new(2026, 2, 29).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

impl Date {
    /// 1 July 2025, the day the two-level structure took effect.
    pub const REFORM: Date = Date {
        year: 2025,
        month: 7,
        day: 1,
    };

    /// 30 June 2025, the last day of the three-level (pre-2025) structure.
    pub const LAST_LEGACY_DAY: Date = Date {
        year: 2025,
        month: 6,
        day: 30,
    };

    /// Makes a date, or `None` if it does not exist (month 13, 30 February, year 0 or
    /// after 9999).
    ///
    /// # Examples
    /// ```
    /// use dvhc::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2025, 2, 29).is_none());
    /// assert!(Date::new(2025, 13, 1).is_none());
    /// ```
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || year > 9999 || month == 0 || month > 12 || day == 0 {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day > days {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(dvhc::Date::REFORM.year(), 2025);
    /// ```
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// assert_eq!(dvhc::Date::REFORM.month(), 7);
    /// ```
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    ///
    /// ```
    /// assert_eq!(dvhc::Date::REFORM.day(), 1);
    /// ```
    pub const fn day(self) -> u8 {
        self.day
    }
}

/// ISO 8601, `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a string is not a date.
///
/// ```
/// use dvhc::{Date, ParseDateError};
/// assert_eq!("2025-7-1".parse::<Date>(), Err(ParseDateError::Format));
/// assert_eq!("2025-02-30".parse::<Date>(), Err(ParseDateError::NoSuchDay));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseDateError {
    /// Not of the form `YYYY-MM-DD` (ISO 8601, zero-padded).
    #[error("expected a date as YYYY-MM-DD")]
    Format,
    /// Well-formed, but no such day exists.
    #[error("no such day in the calendar")]
    NoSuchDay,
}

/// Parses ISO 8601 `YYYY-MM-DD` (surrounding white space allowed).
impl FromStr for Date {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let b = s.trim().as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(ParseDateError::Format);
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, ParseDateError> {
            b[r].iter().try_fold(0u16, |n, &c| {
                if c.is_ascii_digit() {
                    Ok(n * 10 + u16::from(c - b'0'))
                } else {
                    Err(ParseDateError::Format)
                }
            })
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        // m and d are at most 99 here, so the casts are lossless.
        Date::new(y, m as u8, d as u8).ok_or(ParseDateError::NoSuchDay)
    }
}
