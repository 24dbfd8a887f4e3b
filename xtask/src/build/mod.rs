//! Builders of the canonical tables.

pub mod aliases;
pub mod area_codes;
pub mod changes;
pub mod current;
pub mod geo;
pub mod legacy;
pub mod mapping;
pub mod postal;
