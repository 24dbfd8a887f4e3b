//! New to old: the old address forms a current address may have been written in.

use std::fmt;

use super::ties::tied_readings;
use super::TranslateError;
use crate::address::{self, Reading};
use crate::legacy;
use crate::units::current::Commune;
use crate::units::kind::Share;

/// One old address form a current address may have been written in.
#[derive(Debug, Clone, Copy)]
pub struct LegacyForm<'a> {
    rest: &'a str,
    district: &'static legacy::District,
    commune: Option<&'static legacy::Commune>,
    share: Share,
}

impl<'a> LegacyForm<'a> {
    /// The old commune; `None` for the 5 đặc khu formed from a whole island district
    /// that had no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo), whose old
    /// form stops at the [district](Self::district).
    ///
    /// ```
    /// let forms = dvhc::translate::reverse_address("Đặc khu Côn Đảo, TP.HCM").unwrap();
    /// assert!(forms[0].commune().is_none());
    /// assert_eq!(forms[0].to_string(), "Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu");
    /// ```
    pub fn commune(&self) -> Option<&'static legacy::Commune> {
        self.commune
    }
    /// The old district.
    pub fn district(&self) -> &'static legacy::District {
        self.district
    }
    /// Whether all of the old unit went into the current commune.
    pub fn share(&self) -> Share {
        self.share
    }
    /// The street part, verbatim.
    pub fn rest(&self) -> &'a str {
        self.rest
    }
}

impl fmt::Display for LegacyForm<'_> {
    /// The old address in official form: street, commune, district, province.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.rest.is_empty() {
            write!(f, "{}, ", self.rest)?;
        }
        if let Some(c) = self.commune {
            write!(f, "{c}, ")?;
        }
        write!(f, "{}, {}", self.district, self.district.province())
    }
}

/// The old address forms a current address may have been written in: one per old
/// commune the current commune was formed from (each flagged whole or partial), or
/// the old island district for the 5 đặc khu formed from one. A commune name that
/// several provinces share, written without its province, yields the forms of every
/// one of them, never a silent pick of one.
///
/// # Errors
/// [`TranslateError::Parse`] when no unit is recognised, [`TranslateError::NotCurrent`]
/// when the address does not read as a commune of the current structure.
///
/// # Examples
/// ```
/// let forms = dvhc::translate::reverse_address("12 Lê Lợi, Phường Sài Gòn, TP.HCM").unwrap();
/// let texts: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
/// assert!(texts.contains(&"12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh".to_owned()));
/// ```
pub fn reverse_address(address: &str) -> Result<Vec<LegacyForm<'_>>, TranslateError> {
    let parsed = address::parse(address)?;
    let current = |r: &Reading<'_>| r.as_current().and_then(|c| c.commune());
    // Homonyms: the forms of every tied commune, never a silent pick of one.
    let tied = tied_readings(&parsed);
    let mut communes: Vec<(&'static Commune, &str)> = tied
        .kept()
        .filter_map(|r| current(r).map(|c| (c, r.rest())))
        .collect();
    if communes.is_empty() {
        let reading = parsed
            .readings()
            .iter()
            .find(|r| current(r).is_some())
            .ok_or(TranslateError::NotCurrent)?;
        communes.extend(current(reading).map(|c| (c, reading.rest())));
    }
    let mut forms = Vec::new();
    for (commune, rest) in communes {
        if let Some(district) = commune.island_district() {
            forms.push(LegacyForm {
                rest,
                district,
                commune: None,
                share: Share::Whole,
            });
        }
        forms.extend(commune.predecessors().map(|(c, share)| LegacyForm {
            rest,
            district: c.district(),
            commune: Some(c),
            share,
        }));
    }
    Ok(forms)
}
