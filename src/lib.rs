//! # dvhc — Vietnamese administrative units
//!
//! On 1 July 2025 Vietnam replaced its three-level local government (63 provinces,
//! 696 districts, 10,035 communes) with two levels: 34 provinces and 3,321
//! commune-level units, districts abolished. `dvhc` carries both structures as typed,
//! `&'static` tables compiled into your binary, with the official old→new mapping
//! between them.
//!
//! * **No start-up cost.** Every table is a `static` generated ahead of time from the
//!   canonical data in `data/`; nothing is parsed or built at run time, so the first
//!   lookup costs what the millionth does.
//! * **Two eras, two sets of types.** Current units are [`Province`] and [`Commune`];
//!   pre-2025 units are [`legacy::Province`], [`legacy::District`] and
//!   [`legacy::Commune`]. Their codes overlap with different meanings (26740 was
//!   Phường Bến Nghé; it is now the code of Phường Sài Gòn), so each era has its own
//!   code types and a mix-up does not compile.
//! * **Honest mapping.** A legacy commune split between several new communes yields
//!   every one of them, each flagged [`Share::Partial`].
//!
//! ## Quick start
//! ```
//! use dvhc::{legacy, Commune, Share};
//!
//! // A current commune by code.
//! let c = Commune::get("24781".parse()?).unwrap();
//! assert_eq!(c.to_string(), "Phường Xuân Hương - Đà Lạt");
//! assert_eq!(c.province().to_string(), "Tỉnh Lâm Đồng");
//!
//! // Where did an old ward go?
//! let da_kao = legacy::Commune::get("26737".parse()?).unwrap();
//! for (new, share) in da_kao.successors() {
//!     println!("{da_kao}, {} → {new}, {} ({share})", da_kao.district(), new.province());
//! }
//! assert!(da_kao.successors().all(|(_, s)| s == Share::Partial));
//! # Ok::<(), dvhc::ParseCodeError>(())
//! ```
//!
//! ## Eras and codes
//! Official codes are fixed-width strings of digits: 2 for a province, 3 for a
//! district, 5 for a commune. Parse them with [`str::parse`] (exact width, leading
//! zeros included, [`ParseCodeError`] otherwise) and print them with `Display`
//! (zero-padded). Lookups return `Option`: a well-formed code need not name a unit.
//!
//! | era | province | district | commune |
//! |---|---|---|---|
//! | current (from 2025-07-01) | [`ProvinceCode`] → [`Province`] | — | [`CommuneCode`] → [`Commune`] |
//! | legacy (to 2025-06-30) | [`legacy::ProvinceCode`] → [`legacy::Province`] | [`legacy::DistrictCode`] → [`legacy::District`] | [`legacy::CommuneCode`] → [`legacy::Commune`] |
//!
//! ## Changes after 1 July 2025
//! The current tables describe the newest law. In 2026 three provinces became centrally
//! governed cities (Đồng Nai on 30 April, Quảng Ninh on 1 September, Bắc Ninh on
//! 20 September) and 22 xã became phường; no code changed. [`changes`] lists them, and
//! [`Province::kind_on`] / [`Commune::full_name_on`] answer what was in force on a day:
//!
//! ```
//! use dvhc::{Date, Province};
//! let dong_nai = Province::get("75".parse().unwrap()).unwrap();
//! assert_eq!(dong_nai.full_name_on(Date::REFORM).unwrap().to_string(), "Tỉnh Đồng Nai");
//! assert_eq!(dong_nai.to_string(), "Thành phố Đồng Nai");
//! ```
//!
//! ## Data
//! Names are stored exactly as officially written (NFC, official tone placement and
//! apostrophes); spelling variants are search aliases, never replacements. The
//! sources, legal basis (Decision 19/2025/QĐ-TTg, the NQ-UBTVQH15 resolutions of
//! 16 June 2025, the 2026 amendments), corrections to the sources and pinned counts
//! are documented in `data/README.md` and `data/errata.tsv` in the repository.
//! Data version: [`DATA_VERSION`].
//!
//! ## Features
//! * `serde`: `Serialize`/`Deserialize` for codes (as zero-padded strings), kinds,
//!   [`Share`] and [`Date`], and `Serialize` for the records.
//!
//! ## Minimum supported Rust version
//! Rust 1.82. Raising it is a minor-version change.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod address;
mod code;
mod date;
mod fold;
mod key;
mod query;
pub mod search;
#[rustfmt::skip]
mod generated;
mod kind;
pub mod legacy;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod translate;
mod unit;

pub use code::{CommuneCode, ParseCodeError, ProvinceCode};
pub use date::{Date, ParseDateError};
pub use fold::fold;
pub use key::search_key;
pub use kind::{CommuneKind, FullName, Geo, ProvinceKind, Share};
pub use unit::{changes, Change, ChangeDetail, Commune, Province};

/// The version of the data: the date of the newest official list it reflects
/// (NSO snapshot), as ISO 8601.
///
/// ```
/// assert_eq!(dvhc::DATA_VERSION, "2026-10-10");
/// ```
pub const DATA_VERSION: &str = "2026-10-10";

#[cfg(test)]
mod static_size {
    use crate::generated as g;
    use std::mem::size_of_val;

    /// The tables compiled into a binary that uses every part of the crate: records,
    /// index arrays and distinct string bytes. Pinned so growth is a conscious choice;
    /// the budget is 2 MB.
    #[test]
    fn static_data_fits_the_budget() {
        let tables = size_of_val(&g::PROVINCE_BY_CODE)
            + size_of_val(&g::PROVINCES)
            + size_of_val(&g::PROVINCE_COMMUNES)
            + size_of_val(&g::PROVINCE_PREDECESSORS)
            + size_of_val(&g::COMMUNE_CODES)
            + size_of_val(&g::COMMUNES)
            + size_of_val(&g::PREDECESSORS)
            + size_of_val(&g::CHANGES)
            + size_of_val(&g::LEGACY_PROVINCE_BY_CODE)
            + size_of_val(&g::LEGACY_PROVINCES)
            + size_of_val(&g::LEGACY_PROVINCE_DISTRICTS)
            + size_of_val(&g::LEGACY_DISTRICT_BY_CODE)
            + size_of_val(&g::LEGACY_DISTRICTS)
            + size_of_val(&g::LEGACY_DISTRICT_COMMUNES)
            + size_of_val(&g::LEGACY_COMMUNE_CODES)
            + size_of_val(&g::LEGACY_COMMUNES)
            + size_of_val(&g::SUCCESSORS)
            + size_of_val(&g::PROVINCE_KEYS)
            + size_of_val(&g::COMMUNE_KEYS)
            + size_of_val(&g::LEGACY_PROVINCE_KEYS)
            + size_of_val(&g::LEGACY_DISTRICT_KEYS)
            + size_of_val(&g::LEGACY_COMMUNE_KEYS);
        let total = tables + g::STRING_BYTES;
        eprintln!(
            "static tables: {tables} bytes, strings: {} bytes, total: {total} bytes",
            g::STRING_BYTES
        );
        assert!(
            total <= 2_000_000,
            "static data is {total} bytes, over the 2 MB budget"
        );
    }
}

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
