//! [`Status`]: how well an input resolved, the first thing a caller (or a JSON
//! consumer) checks. The one home of the status rules.

use std::fmt;

/// How an input resolved: to one unit, to several, only partly, or to none.
///
/// [`Translation::status`](crate::translate::Translation::status) and
/// [`Address::status`](crate::address::Address::status) report it, and serialised
/// results carry it as `"status"`. The rules, for both:
///
/// | status | when |
/// |---|---|
/// | `ok` | the deepest unit the text writes was resolved to exactly one answer (one reading of an [`Address`], one new unit of a [`Translation`]), and every unit written left of it was found. A unit overruled because two others agree against it may be reported with it ([`Translation::conflicts`]). |
/// | `partial` | words that look like a unit (a kind word and a name, a number after `P.`/`Q.`, a name between commas before the units found, a trailing segment nothing matched) were left unresolved ([`Translation::unresolved`]); the answers are those of the deepest level resolved ([`Translation::level`]). Never `ok`, whatever the number of answers. |
/// | `ambiguous` | several answers remain: homonyms nothing in the text tells apart, an old commune split between new ones, an old district (its new communes), or text that reads validly in both structures with different answers (each candidate says which, [`Candidate::era`]; [`Translator::assume`] fixes the structure). An [`Address`] counts the readings of its best structure. |
/// | `error` | nothing was recognised: [`parse`] and [`translate`] return an `Err`, which an [`Outcome`] reports with this status. |
///
/// New statuses may be added (the enum is non-exhaustive); match with a wildcard arm.
///
/// [`Address`]: crate::address::Address
/// [`Translation`]: crate::translate::Translation
/// [`Translation::conflicts`]: crate::translate::Translation::conflicts
/// [`Translation::unresolved`]: crate::translate::Translation::unresolved
/// [`Translation::level`]: crate::translate::Translation::level
/// [`Candidate::era`]: crate::translate::Candidate::era
/// [`Translator::assume`]: crate::translate::Translator::assume
/// [`parse`]: crate::address::parse
/// [`translate`]: crate::translate::translate
/// [`Outcome`]: crate::translate::Outcome
///
/// ```
/// use dvhc::{translate::translate, Level, Status};
/// assert_eq!(translate("P. Bến Nghé, Q.1, TP.HCM").unwrap().status(), Status::Ok);
/// assert_eq!(translate("P. Đa Kao, Q.1, TP.HCM").unwrap().status(), Status::Ambiguous);
/// let t = translate("Phường Xyz, Quận 1, TP.HCM").unwrap();
/// assert_eq!((t.status(), t.level()), (Status::Partial, Level::District));
/// assert_eq!(Status::Ambiguous.id(), "ambiguous");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Status {
    /// The input resolves to exactly one unit at the deepest level it gives.
    Ok,
    /// Several candidates remain: a split commune, a district-level input, homonyms,
    /// two structures. Every one of them is reported, never a silent pick.
    Ambiguous,
    /// A unit written was not resolved: the answers stop at a higher level.
    Partial,
    /// Nothing resolves: the input could not be read, or no unit corresponds to it.
    Error,
}

impl Status {
    /// The status of a reading with a unit written left of it unresolved or not, and
    /// `answers` answers: the rules above, in one place.
    pub(crate) fn of(unresolved: bool, answers: usize) -> Status {
        if unresolved {
            Status::Partial
        } else if answers == 1 {
            Status::Ok
        } else {
            Status::Ambiguous
        }
    }

    /// `"ok"`, `"ambiguous"`, `"partial"` or `"error"`: the stable ASCII id used in
    /// serialised output.
    ///
    /// ```
    /// assert_eq!(dvhc::Status::Ok.id(), "ok");
    /// assert_eq!(dvhc::Status::Partial.id(), "partial");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Ambiguous => "ambiguous",
            Status::Partial => "partial",
            Status::Error => "error",
        }
    }

    /// The status with this [`id`](Self::id), if any.
    ///
    /// ```
    /// assert_eq!(dvhc::Status::from_id("error"), Some(dvhc::Status::Error));
    /// assert_eq!(dvhc::Status::from_id("partial"), Some(dvhc::Status::Partial));
    /// assert_eq!(dvhc::Status::from_id("OK"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Status> {
        match id {
            "ok" => Some(Status::Ok),
            "ambiguous" => Some(Status::Ambiguous),
            "partial" => Some(Status::Partial),
            "error" => Some(Status::Error),
            _ => None,
        }
    }
}

/// The [`id`](Status::id).
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}
