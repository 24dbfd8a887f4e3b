//! The one place where the translator is built.
//!
//! Every subcommand that translates gets its [`Translator`] from [`translator`], so an
//! option that changes how addresses resolve is added here once. This is where the
//! `dvhc-geo` crate's boundary polygons plug in: the locator attached with
//! [`Translator::with_locator`] makes `--lat/--lon` resolve split communes by
//! containment; points in none of the candidates fall back to centroid distance.

use dvhc::translate::Translator;
use dvhc::{Date, Era};

/// What the translator is built from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setup {
    /// Render names and kinds in force on this day (`--on`, `--era-out`).
    pub on: Option<Date>,
    /// Read every address in this structure only (`--assume`).
    pub assume: Option<Era>,
}

/// The translator for `setup`.
pub fn translator(setup: Setup) -> Translator {
    let t = Translator::new().with_locator(dvhc_geo::Boundaries);
    let t = match setup.on {
        Some(d) => t.on(d),
        None => t,
    };
    match setup.assume {
        Some(era) => t.assume(era),
        None => t,
    }
}
