//! The status of a parsed or translated address: the one home of its rules.

use crate::search::Level;

/// How completely an address was resolved. The rules, for [`Address::status`] and
/// [`Translation::status`] alike:
///
/// | status | when |
/// |---|---|
/// | `Ok` | the deepest unit the text writes was resolved to exactly one answer: one reading ([`Address`]) or one new unit ([`Translation`]), and every unit written left of it was found. A unit overruled by two that agree may be reported with it ([`Reading::conflict`]). |
/// | `Partial { reached }` | words that look like a unit (a kind word and a name, a number after `P.`/`Q.`, a name between commas right of nothing else) were left unresolved left of the units found; `reached` is the deepest level resolved, and the answers are that level's. Never `Ok`, whatever the number of answers. |
/// | `Ambiguous` | several answers remain: homonyms nothing in the text tells apart, an old commune split between new ones, an old district (its new communes), text that reads validly in both structures with different answers ([`Translator::assume`] fixes the structure). |
/// | error | nothing was recognised: [`parse`] and [`translate`] return an `Err` (the command-line tool prints status `error`). |
///
/// [`Address`]: super::Address
/// [`Address::status`]: super::Address::status
/// [`Reading::conflict`]: super::Reading::conflict
/// [`parse`]: super::parse
/// [`Translation`]: crate::translate::Translation
/// [`Translation::status`]: crate::translate::Translation::status
/// [`Translator::assume`]: crate::translate::Translator::assume
/// [`translate`]: crate::translate::translate
///
/// ```
/// use dvhc::address::Status;
/// use dvhc::search::Level;
/// use dvhc::translate::translate;
///
/// assert_eq!(translate("P. Bến Nghé, Q.1, TP.HCM").unwrap().status(), Status::Ok);
/// assert_eq!(translate("P. Đa Kao, Q.1, TP.HCM").unwrap().status(), Status::Ambiguous);
/// let t = translate("Phường Xyz, Quận 1, TP.HCM").unwrap();
/// assert_eq!(t.status(), Status::Partial { reached: Level::District });
/// assert_eq!(t.status().id(), "partial");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// Resolved to exactly one answer.
    Ok,
    /// Resolved only down to `reached`: a unit written below it was not found.
    Partial {
        /// The deepest level resolved.
        reached: Level,
    },
    /// Several answers remain.
    Ambiguous,
}

impl Status {
    /// The status of a reading that stops at `reached`, with a unit written below it
    /// unresolved or not, and `answers` answers.
    pub(crate) fn of(unresolved: bool, reached: Level, answers: usize) -> Status {
        if unresolved {
            Status::Partial { reached }
        } else if answers == 1 {
            Status::Ok
        } else {
            Status::Ambiguous
        }
    }

    /// `"ok"`, `"partial"` or `"ambiguous"`: the status in the command-line tool's
    /// output.
    ///
    /// ```
    /// assert_eq!(dvhc::address::Status::Ambiguous.id(), "ambiguous");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial { .. } => "partial",
            Status::Ambiguous => "ambiguous",
        }
    }
}
