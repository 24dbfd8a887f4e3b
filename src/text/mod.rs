//! Text: the clean-up of input before parsing (public), and the text knowledge the
//! crate's search and parser share (folding, search keys, the characters and words of
//! addresses, the tokenizer; internal).
//!
//! The clean-up handles invisible and look-alike characters, and Vietnamese text in the
//! legacy 8-bit encodings VNI-Windows and TCVN3 (ABC).
//!
//! * [`normalize`] deletes zero-width characters and soft hyphens, turns no-break and
//!   other Unicode spaces into spaces, fullwidth ASCII into ASCII and `Ð` into `Đ`.
//! * [`repair`] finds VNI or TCVN3 text that was decoded as Windows-1252 or Latin-1
//!   (`Xaõ Long Thaønh`, `X· Long Thµnh`) and turns it back into Unicode, saying which
//!   encoding it was; correct text is left alone.
//! * [`clean`] does both, in the order that works; it is what the address parser
//!   runs on its input.
//! * [`decode`] (or [`decode_to`], for a stream in chunks) and [`encode`] convert bytes
//!   in either encoding to and from Unicode;
//!   [`mojibake`] shows what the damage looks like.
//! * [`vietnamese_score`] says how much of a text reads as Vietnamese: the evidence
//!   for choosing between readings of the same bytes.
//!
//! And the two rules English names and codenames are made by: [`strip_diacritics`]
//! (`Bến Nghé` → `Ben Nghe`) and [`slug`] (`Phường Bến Nghé` → `phuong_ben_nghe`).
//!
//! ```
//! use dvhc::text::{clean, decode, LegacyEncoding};
//!
//! let c = clean("Ph\u{AD}êng BÕn NghÐ,\u{A0}QuËn 1");
//! assert_eq!(c.text(), "Phường Bến Nghé, Quận 1");
//! assert_eq!(c.encoding(), Some(LegacyEncoding::Tcvn3));
//! assert_eq!(decode(b"Ha\xf8 No\xe4i", LegacyEncoding::Vni), "Hà Nội");
//! ```

pub(crate) mod chars;
pub(crate) mod english;
pub(crate) mod fold;
mod invisible;
pub(crate) mod key;
mod legacy_encodings;
pub(crate) mod letters;
pub(crate) mod marks;
mod repair;
mod syllable;
pub(crate) mod tokenize;
pub(crate) mod vocab;

pub use english::{slug, strip_diacritics};
pub use invisible::normalize;
pub use legacy_encodings::{decode, decode_to, encode, mojibake, EncodeError, LegacyEncoding};
pub use repair::{clean, repair, Repaired};
pub use syllable::{vietnamese_score, VietnameseScore};
