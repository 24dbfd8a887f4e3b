//! A postal code written in an address (issue #19): where one is recognised, and what
//! it says about the units read.
//!
//! **Recognised**: a word of exactly five digits (the national postal code since
//! 2018, the scheme of `Commune::postal_code`) or six digits (the older scheme,
//! `100000` for Hà Nội, still common) among the trailing words after the units, before
//! or after "Việt Nam" ("…, Phường Ba Đình, Hà Nội 11120", "Hà Nội, 11120", "HN
//! 100000"). A number at the start or in the street part ("11120 Lê Lợi, …") is a house
//! number, never a postal code; so is a number that is the whole address.
//!
//! **Kept out** of the street part and of the unit search (it was already: trailing
//! numbers are not units).
//!
//! **Evidence only**: the code is compared with the current units of the answer
//! ([`PostalAgreement`]): it names the commune read, a commune of the province read,
//! or contradicts them. A contradiction is reported and never changes the units; a
//! code does not decide a commune on its own either ("Hà Nội 11120" stays at the
//! province, and [`WrittenPostalCode::commune`] names Phường Ba Đình for the caller
//! to use). Six-digit codes of the older scheme are recognised but compared with
//! nothing ([`PostalAgreement::Unknown`]).

use std::ops::Range;

use crate::units::current::{Commune, Province};
use crate::PostalCode;

/// How a postal code written in an address agrees with the units read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PostalAgreement {
    /// It is the postal code of the commune read (of one of them, for a legacy
    /// commune that was split).
    Commune,
    /// It starts with a prefix of the province read, and is not the code of the
    /// commune read (or no commune was read).
    Province,
    /// It belongs to another province: the units read are kept, the code is not.
    Contradicts,
    /// A six-digit code of the scheme before 2018: compared with nothing.
    Unknown,
}

impl PostalAgreement {
    /// A stable lower-case identifier: `commune`, `province`, `contradicts`, `unknown`
    /// (the JSON value).
    ///
    /// ```
    /// assert_eq!(dvhc::address::PostalAgreement::Contradicts.id(), "contradicts");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            PostalAgreement::Commune => "commune",
            PostalAgreement::Province => "province",
            PostalAgreement::Contradicts => "contradicts",
            PostalAgreement::Unknown => "unknown",
        }
    }
}

/// A postal code written at the end of an address (the rules are in the module
/// `address::postal` documentation, summarised on [`Address::postal_code`]).
///
/// [`Address::postal_code`]: crate::address::Address::postal_code
///
/// ```
/// use dvhc::address::{parse, PostalAgreement};
/// let a = parse("Phường Ba Đình, Hà Nội 11120").unwrap();
/// let p = a.postal_code().unwrap();
/// assert_eq!(p.text(), "11120");
/// assert_eq!(p.code().unwrap().to_string(), "11120");
/// assert_eq!(p.agreement(), PostalAgreement::Commune);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenPostalCode<'a> {
    text: &'a str,
    code: Option<PostalCode>,
    agreement: PostalAgreement,
}

impl<'a> WrittenPostalCode<'a> {
    /// The code as written (fullwidth digits and invisible characters included; see
    /// [`code`](Self::code) for its value).
    ///
    /// ```
    /// let a = dvhc::address::parse("Hà Nội, 100000").unwrap();
    /// assert_eq!(a.postal_code().unwrap().text(), "100000");
    /// ```
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The code, when it has five digits (the current scheme).
    ///
    /// ```
    /// let a = dvhc::address::parse("HN 100000").unwrap();
    /// assert_eq!(a.postal_code().unwrap().code(), None);
    /// ```
    pub fn code(&self) -> Option<PostalCode> {
        self.code
    }

    /// How it agrees with the units read.
    ///
    /// ```
    /// use dvhc::address::{parse, PostalAgreement};
    /// // 70000 is in Hồ Chí Minh City, not Hà Nội.
    /// let a = parse("Phường Ba Đình, Hà Nội 70000").unwrap();
    /// assert_eq!(a.postal_code().unwrap().agreement(), PostalAgreement::Contradicts);
    /// assert_eq!(a.reading().deepest().name(), "Ba Đình");
    /// ```
    pub fn agreement(&self) -> PostalAgreement {
        self.agreement
    }

    /// The current commune whose postal code it is, if any (whatever was read).
    ///
    /// ```
    /// let a = dvhc::address::parse("Hà Nội 11120").unwrap();
    /// assert_eq!(a.postal_code().unwrap().commune().unwrap().name(), "Ba Đình");
    /// assert_eq!(a.reading().deepest().name(), "Hà Nội");
    /// ```
    pub fn commune(&self) -> Option<&'static Commune> {
        Commune::by_postal_code(self.code?)
    }

    /// The postal code written in `input` at `range` (five or six digits), compared
    /// with the current communes and provinces of an answer.
    pub(crate) fn new(
        input: &'a str,
        range: Range<usize>,
        communes: impl Iterator<Item = &'static Commune> + Clone,
        provinces: impl Iterator<Item = &'static Province>,
    ) -> WrittenPostalCode<'a> {
        let text = input.get(range).unwrap_or("");
        // The digits as the parser read them: written in fullwidth digits or with an
        // invisible character inside, the text is kept as written.
        let digits = crate::text::normalize(text);
        let code = match digits.len() {
            5 => digits.parse::<PostalCode>().ok(),
            _ => None,
        };
        let agreement = match code {
            None => PostalAgreement::Unknown,
            Some(code) => {
                if communes.clone().any(|c| c.postal_code() == code) {
                    PostalAgreement::Commune
                } else if communes
                    .map(Commune::province)
                    .chain(provinces)
                    .any(|p| p.postal_code_prefixes().iter().any(|x| x.contains(code)))
                {
                    PostalAgreement::Province
                } else {
                    PostalAgreement::Contradicts
                }
            }
        };
        WrittenPostalCode {
            text,
            code,
            agreement,
        }
    }
}

/// Whether `word` (as written) may be a postal code: five or six ASCII digits.
pub(super) fn is_postal_word(word: &str) -> bool {
    matches!(word.len(), 5 | 6) && word.bytes().all(|b| b.is_ascii_digit())
}
