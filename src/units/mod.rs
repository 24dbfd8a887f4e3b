//! The records of both structures and the small value types every other part of the
//! crate uses: codes, kinds, dates, shares and names.

pub(crate) mod code;
pub(crate) mod current;
pub(crate) mod date;
pub(crate) mod kind;
pub mod legacy;
#[cfg(feature = "serde")]
mod serde_impls;
mod unit;

pub use unit::{Era, Level, Unit};
