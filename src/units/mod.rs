//! The records of both structures and the small value types every other part of the
//! crate uses: codes, kinds, dates, shares, names and statuses.

pub(crate) mod code;
pub(crate) mod current;
pub(crate) mod date;
pub(crate) mod kind;
pub mod legacy;
pub(crate) mod names;
mod record;
#[cfg(feature = "serde")]
pub(crate) mod serde_impls;
pub(crate) mod status;
mod unit;

pub use unit::{Era, Level, Unit, UnitCode, UnitCodeError};
