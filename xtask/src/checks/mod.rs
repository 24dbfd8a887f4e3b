//! Cross-checks between sources; each prints its figures and fails on any
//! departure from PROVENANCE.md / AMENDMENTS.md.

pub mod amendments;
pub mod compare;
pub mod conversion;
pub mod english;
pub mod kinds;
pub mod legacy;
pub mod mapping;
pub mod new_list;
