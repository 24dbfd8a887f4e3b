//! [`Status`]: how well an input resolved, the first thing a caller (or a JSON
//! consumer) checks.

use std::fmt;

/// How an input resolved: to one unit, to several, or to none.
///
/// [`Translation::status`](crate::translate::Translation::status) and
/// [`Address::status`](crate::address::Address::status) report it, and serialised
/// results carry it as `"status"`. New statuses may be added (the enum is
/// non-exhaustive); match with a wildcard arm.
///
/// ```
/// use dvhc::{translate::translate, Status};
/// assert_eq!(translate("P. Bến Nghé, Q.1, TP.HCM").unwrap().status(), Status::Ok);
/// assert_eq!(translate("P. Đa Kao, Q.1, TP.HCM").unwrap().status(), Status::Ambiguous);
/// assert_eq!(Status::Ambiguous.id(), "ambiguous");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Status {
    /// The input resolves to exactly one unit at the deepest level it gives.
    Ok,
    /// Several candidates remain: a split commune, a district-level input, homonyms.
    /// Every one of them is reported, never a silent pick.
    Ambiguous,
    /// Nothing resolves: the input could not be read, or no unit corresponds to it.
    Error,
}

impl Status {
    /// `"ok"`, `"ambiguous"` or `"error"`: the stable ASCII id used in serialised
    /// output.
    ///
    /// ```
    /// assert_eq!(dvhc::Status::Ok.id(), "ok");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Ambiguous => "ambiguous",
            Status::Error => "error",
        }
    }

    /// The status with this [`id`](Self::id), if any.
    ///
    /// ```
    /// assert_eq!(dvhc::Status::from_id("error"), Some(dvhc::Status::Error));
    /// assert_eq!(dvhc::Status::from_id("OK"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Status> {
        match id {
            "ok" => Some(Status::Ok),
            "ambiguous" => Some(Status::Ambiguous),
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
