//! The tables generated from `data/` and what they share with their generator.

#[rustfmt::skip]
pub(crate) mod generated;
pub(crate) mod layout;
