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
//! (zero-padded). Spreadsheets often store codes as numbers and drop their leading
//! zeros (`4` for `00004`): accept those with `parse_lenient` (e.g.
//! [`CommuneCode::parse_lenient`]), which pads 1 to *width* digits and refuses
//! anything else; from a number, use `TryFrom<u32>` (and `u32::from` back). Lookups
//! return `Option`: a well-formed code need not name a unit. Records compare, hash
//! and sort by code; [`Unit`] and [`UnitCode`] cover units of every era and level.
//!
//! | era | province | district | commune |
//! |---|---|---|---|
//! | current (from 2025-07-01) | [`ProvinceCode`] → [`Province`] | — | [`CommuneCode`] → [`Commune`] |
//! | legacy (to 2025-06-30) | [`legacy::ProvinceCode`] → [`legacy::Province`] | [`legacy::DistrictCode`] → [`legacy::District`] | [`legacy::CommuneCode`] → [`legacy::Commune`] |
//!
//! ## English names, codenames, postal and telephone codes
//! Every unit of both structures has an English name, its name without diacritics
//! (`name_en()`: `Ben Nghe`), a full English name with the English kind word
//! (`full_name_en()`: `Ben Nghe Ward`, `Ho Chi Minh City`, `Con Dao Special Zone`,
//! `District 1`) and a codename, the slug of its full name (`codename()`:
//! `phuong_ben_nghe`; `short_codename()`: `ben_nghe`), by the rules of the Ministry
//! of Foreign Affairs' Circular 03/2009/TT-BNG that `data/README.md` spells out
//! ([`text::strip_diacritics`], [`text::slug`]). Search understands the English kind
//! words. Current communes have their five-digit postal code
//! ([`Commune::postal_code`]), current provinces their postal code prefixes
//! ([`Province::postal_code_prefixes`]); provinces of both structures have their
//! telephone area code ([`Province::phone_code`], [`legacy::Province::phone_code`]).
//!
//! ```
//! use dvhc::{search::Search, Commune, Province};
//!
//! let c = Commune::get("26740".parse().unwrap()).unwrap();
//! assert_eq!(c.full_name_en().to_string(), "Sai Gon Ward");
//! assert_eq!(c.codename().to_string(), "phuong_sai_gon");
//! assert_eq!(c.postal_code().to_string(), "71016");
//! assert_eq!(Province::get("79".parse().unwrap()).unwrap().phone_code(), 28);
//! assert_eq!(Search::new().run("Sai Gon Ward")[0].unit().code().to_string(), "26740");
//! ```
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
//! ## Searching
//! [`search::Search`] finds units of either structure by name. Diacritics, case,
//! spacing, punctuation, old or new tone placement (`Hoà`/`Hòa`, `Thuỷ`/`Thủy`) and
//! leading zeros do not matter ([`fold`] and [`search_key`] are the normalisation);
//! kind words may be full, abbreviated, glued to numbers or in English (`Phường`,
//! `P.`, `F15`, `Q1`, `TX.`, `District 1`, `Ho Chi Minh City`); aliases are known
//! (`TP.HCM`, `HCMC`, `Sài Gòn`, `HN`, `Huế`, and the names of the provinces merged
//! in 2025). Three modes: exact (the default), prefix (autocomplete, top-N) and
//! typo-tolerant (1 edit for names of 4–7 letters, 2 from 8). Homonyms are all
//! returned, never silently one, ranked by edit distance, then whether the kind word
//! fits, official name before alias, [diacritic fidelity](search::Hit::fidelity),
//! then level, era and code. A search can be scoped to a province or a district. The
//! index is generated ahead of time like the tables: nothing is built at start-up.
//!
//! ```
//! use dvhc::search::{Mode, Search};
//! use dvhc::{Era, Level};
//!
//! let hits = Search::new().run("P. Bến Nghé");
//! assert_eq!(hits[0].unit().to_string(), "Phường Bến Nghé");
//!
//! // Every "Phường 1" of the old structure, or the one of Quận 3.
//! let all = Search::new().era(Era::Legacy).level(Level::Commune).run("Phuong 01");
//! assert!(all.len() > 30);
//! let one = Search::new().within_district("770".parse()?).run("P1");
//! assert_eq!(one.len(), 1);
//!
//! // Autocomplete, and typos.
//! let top = Search::new().mode(Mode::Prefix).era(Era::Current).limit(10).run("xuan huo");
//! assert_eq!(top[0].unit().name(), "Xuân Hương - Đà Lạt");
//! let hits = Search::new().mode(Mode::Fuzzy).level(Level::Province).run("Ho Chi Mihn City");
//! assert_eq!(hits[0].unit().code().to_string(), "79");
//! # Ok::<(), dvhc::ParseCodeError>(())
//! ```
//!
//! ## Parsing addresses
//! [`address::parse`] reads a free-text address of either structure, right to left:
//! the province, then (pre-2025) the district inside it, then the commune inside
//! that. It keeps the street part verbatim; works with or without commas; tolerates a
//! missing province or district, "Việt Nam" and postcodes, hamlet and neighbourhood
//! words ("Ấp 2", "Tổ 3", "Thôn Đông", "Khu phố 4") and typos; tells which structure
//! the address is written in; and reports ambiguity with every candidate. Errors say
//! what was not found, and where. Input is limited to [`address::MAX_ADDRESS_LEN`]
//! bytes, so time is bounded whatever the input.
//!
//! ```
//! use dvhc::address::{parse, ParseError, Resolution};
//! use dvhc::Era;
//!
//! let a = parse("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM")?;
//! let r = a.reading();
//! assert_eq!(r.era(), Era::Legacy);
//! assert_eq!(r.rest(), "12 Lê Lợi");
//! assert_eq!(r.deepest().to_string(), "Phường Bến Nghé");
//!
//! // The current structure, with the old district written out of habit.
//! let a = parse("Phường Sài Gòn, Quận 1, Thành phố Hồ Chí Minh")?;
//! assert_eq!(a.reading().era(), Era::Current);
//!
//! // Ambiguous: every candidate.
//! match parse("Phường 1, TP.HCM")?.resolution() {
//!     Resolution::Ambiguous(candidates) => assert!(candidates.len() > 5),
//!     _ => unreachable!(),
//! }
//!
//! // What was not found.
//! let e = parse("Phường Xyz, Quận 1, TP.HCM").unwrap_err();
//! assert!(matches!(e, ParseError::CommuneNotFound { .. }));
//! assert_eq!(e.to_string(), "no commune \"Phường Xyz\" in Quận 1");
//! # Ok::<(), ParseError>(())
//! ```
//!
//! ## Messy text
//! [`text::clean`] prepares text copied from anywhere: it deletes zero-width characters
//! and soft hyphens, turns no-break, ideographic and other Unicode spaces into spaces
//! and fullwidth letters into ASCII, and repairs Vietnamese typed in the legacy VNI-Windows
//! or TCVN3 (ABC) encodings that a program decoded as Windows-1252 — still common in
//! government spreadsheets — saying which encoding it was. [`text::decode`] reads
//! bytes in those encodings.
//!
//! ```
//! use dvhc::text::{clean, LegacyEncoding};
//!
//! let c = clean("Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai");
//! assert_eq!(c.text(), "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai");
//! assert_eq!(c.encoding(), Some(LegacyEncoding::Vni));
//! ```
//!
//! ## Translating addresses
//! [`translate::translate`] turns an address written in either structure into the
//! current one: every new candidate with its province and whole/partial share, the
//! street part verbatim, the old units found, and the level the input stopped at.
//! A [`translate::Translator`] renders names in force on a chosen date, ranks the
//! candidates of a split commune by coordinates (or resolves them by containment with
//! a [`translate::Locate`] oracle such as `dvhc-geo`'s boundaries) and translates
//! batches on all cores; [`translate::reverse_address`] goes the other way.
//!
//! ```
//! use dvhc::translate::translate;
//!
//! let t = translate("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").unwrap();
//! assert_eq!(t.formatted().unwrap(), "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh");
//! let split = translate("P. Đa Kao, Q.1, TP.HCM").unwrap();
//! assert!(split.is_ambiguous() && split.candidates().len() == 2);
//! ```
//!
//! ## Guarantees
//! * **No panics on any input.** Every function that takes user text (code and date
//!   parsing, [`fold`], [`search_key`], [`text`]'s functions, [`search::Search`],
//!   [`address::parse`] and [`translate`]'s functions) returns a value or a typed error
//!   for every `&str` (and [`text::decode`] for every byte string). This
//!   is checked by property tests and by the cargo-fuzz targets in `fuzz/`. The library
//!   has no `unsafe` code (`#![forbid(unsafe_code)]`).
//! * **Bounded work.** Code and date parsing, [`fold`], [`search_key`] and [`text`]'s
//!   functions run in time linear in the input. [`search::Search::run`] looks only at the first
//!   [`search::MAX_QUERY_LEN`] bytes of a query. [`address::parse`] and the translation
//!   functions refuse input over [`address::MAX_ADDRESS_LEN`] bytes with
//!   [`address::ParseError::TooLong`] before doing any work. Below those limits the work
//!   depends on the size of the tables, not on the input: only the last words of an
//!   address are read for its units, and a unit name spans only a few words. Outputs
//!   are bounded too: never more hits, readings or candidates than there are units.
//!   The test suite counts the inner-loop steps of tokenizing, searching and parsing
//!   (not time) and checks that they stay under a linear bound, `a · len + b`, on real
//!   addresses and on adversarial floods of commas, kind words, numbers and combining
//!   marks.
//! * **Memory.** Parsing and translation allocate only their result (one vector of
//!   readings or candidates; an error allocates its message): their work buffers are
//!   kept per thread and reused, and never grow past what an input of
//!   [`address::MAX_ADDRESS_LEN`] bytes needs.
//! * **Thread safety.** All data are immutable `static`s. The only mutable state is
//!   those per-thread buffers, invisible to callers. Every public type is
//!   `Send + Sync`, so one `Search` or `Translator` can serve all threads.
//!   `Translator::translate_batch` uses scoped threads and returns results in input
//!   order.
//! * **MSRV.** Rust 1.82. Raising it is a minor-version change.
//! * **Semver and data.** A data correction (a misspelt name, a wrong code or mapping
//!   pair, a new alias) is a minor release. A new administrative reform (new units, new
//!   levels, a new mapping) is a major release. [`DATA_VERSION`] names the official
//!   list the data reflects.
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
//! * `serde`: `Serialize` for every result type and record, in the JSON shapes below
//!   (the `dvhc` command-line tool prints exactly these), and `Serialize` +
//!   `Deserialize` for the value types (codes, kinds, [`Share`], [`Date`], [`Era`],
//!   [`Level`], [`Status`], [`search::Via`], [`search::Mode`]).
//!
//! ## Serialisation
//! With the `serde` feature, results serialise to the shapes documented on their
//! types; this is the one normative description of the JSON that `dvhc translate`,
//! `parse`, `search` and `get` print, and that bindings and services return:
//!
//! | value | shape | `dvhc` |
//! |---|---|---|
//! | [`translate::Translation`], [`translate::Outcome`] | one object per input | `translate` |
//! | [`address::Address`], [`address::Outcome`] | one object per input | `parse` |
//! | [`search::Hit`] | one object per hit | `search` |
//! | [`Unit`] and the records ([`Commune`], [`legacy::District`], …) | a unit with its relations | `get`, `locate` |
//! | [`translate::Candidate`], [`translate::LegacyForm`], [`address::Reading`], errors | parts of the above | |
//!
//! Conventions shared by every shape:
//! * A **unit reference** (`ref`) is `{"code", "name"}`: the official code as a
//!   zero-padded string (2 digits province, 3 district, 5 commune) and the **full
//!   official name with its kind prefix**, exactly as officially written
//!   (`"Phường Sài Gòn"`, `"Thành phố Hồ Chí Minh"`).
//! * **Names on a date.** Names and kinds of current units are those in force now
//!   (the newest law in the data: Đồng Nai is `Thành phố Đồng Nai`), or on the day
//!   given to [`translate::Translator::on`] or to [`AsOf`]. A day before 1 July 2025
//!   names current units as on 1 July 2025, the day they came into being. Legacy
//!   units have their names of 30 June 2025.
//! * **Ids** are stable ASCII strings: kinds `phuong`, `xa`, `dac_khu`, `thi_tran`,
//!   `quan`, `huyen`, `thi_xa`, `thanh_pho`, `tinh`; eras `current`, `legacy`; levels
//!   `province`, `district`, `commune`; shares `whole`, `partial`.
//! * **`status`** ([`Status`]) is `ok` when the input resolves to exactly one unit at
//!   the deepest level it gives, `ambiguous` when several candidates remain (a split
//!   commune, a district, a homonym), `error` when nothing resolves; then `error` is
//!   `{"kind", "message"}` with a stable `kind` ([`address::ParseError::id`],
//!   [`translate::TranslateError::id`]) and a sentence for people.
//! * Members come in the documented order; absent values are `null`, never left
//!   out, so every object of a kind has the same members. New members may be added
//!   in a minor release: ignore the ones you do not know.
//!
//! Results are not deserialisable: they point into the static tables. Keep the
//! input, or the codes, and look them up again.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! let t = dvhc::translate::translate("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").unwrap();
//! let json = serde_json::to_string(&t).unwrap();
//! assert!(json.starts_with(r#"{"input":"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM","status":"ok","structure":"legacy""#));
//! # }
//! ```
//!
//! ## Minimum supported Rust version
//! Rust 1.82. Raising it is a minor-version change.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with `--cfg docsrs` on nightly: items behind a feature say so.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod address;
mod rank;
pub mod search;
mod tables;
pub mod text;
pub mod translate;
mod units;
#[doc(hidden)]
pub mod work;

pub use text::english::{Codename, FullNameEn};
pub use text::fold::fold;
pub use text::key::search_key;
pub use units::code::{CommuneCode, ParseCodeError, PostalCode, PostalPrefix, ProvinceCode};
pub use units::current::{changes, Change, ChangeDetail, Commune, Province};
pub use units::date::{Date, ParseDateError};
pub use units::kind::{CommuneKind, FullName, Geo, ProvinceKind, Share};
pub use units::legacy;
pub use units::names::AsOf;
pub use units::status::Status;
pub use units::{Era, Level, Unit, UnitCode, UnitCodeError};

/// The version of the data: the date of the newest official list it reflects
/// (NSO snapshot), as ISO 8601.
///
/// ```
/// assert_eq!(dvhc::DATA_VERSION, "2026-10-10");
/// ```
pub const DATA_VERSION: &str = "2026-10-10";

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
