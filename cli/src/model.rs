//! What the tool adds to the library's serialisable results: errors of its own (an
//! input line that is not UTF-8 or is too long, a bad row) in the library's
//! `{"kind", "message"}` shape, and names on the date given with `--on`/`--era-out`.
//!
//! The JSON shapes themselves are the library's (feature `serde`): `dvhc translate`
//! prints `dvhc::translate::Outcome`, `parse` `dvhc::address::Outcome`, `search`
//! `dvhc::search::Hit`, `get` and `locate` `dvhc::Unit`, with current units named as
//! on `--on` through `dvhc::AsOf`. Their documentation is the normative description.

use dvhc::translate::TranslateError;
use dvhc::{AsOf, Commune, Date, FullName, Province, Unit};
use serde::Serialize;

/// How names and kinds of current units are rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names {
    /// Render what was in force on this day; `None` for now.
    pub on: Option<Date>,
}

impl Names {
    /// The full name of a current province.
    pub fn province_name(self, p: &'static Province) -> FullName {
        AsOf::new(Unit::Province(p), self.on).full_name()
    }

    /// The full name of a current commune.
    pub fn commune_name(self, c: &'static Commune) -> FullName {
        AsOf::new(Unit::Commune(c), self.on).full_name()
    }
}

/// `{"kind", "message"}` of a per-input error, as the library serialises its own.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorOut {
    /// A stable ASCII id: the library's (`empty`, `too_long`, `not_found`,
    /// `bad_coordinates`, `parse`), or the tool's `invalid_utf8`, `too_long`,
    /// `missing_column`, `bad_input`; for `dvhc csv` rows that could not be read,
    /// `record_too_large`, `unclosed_quote`, `bad_json`.
    pub kind: &'static str,
    /// A sentence for people.
    pub message: String,
}

impl ErrorOut {
    /// The error of a failed translation.
    pub fn translate(e: &TranslateError) -> ErrorOut {
        ErrorOut {
            kind: e.id(),
            message: e.to_string(),
        }
    }

    /// An input line that is not valid UTF-8.
    pub fn invalid_utf8() -> ErrorOut {
        ErrorOut {
            kind: "invalid_utf8",
            message: "the input is not valid UTF-8".to_owned(),
        }
    }

    /// An input line longer than the tool reads.
    pub fn line_too_long(max: usize) -> ErrorOut {
        ErrorOut {
            kind: "too_long",
            message: format!("the line is longer than {max} bytes; only its start was kept"),
        }
    }
}
