//! The two legacy 8-bit Vietnamese encodings still met in government spreadsheets,
//! VNI-Windows and TCVN3 (ABC), and Windows-1252, through which their bytes are
//! usually seen when a program takes them for Western text.
//!
//! # Sources
//! * **TCVN3** is the `VN3` subset of the Vietnamese standard TCVN 5712:1993: ASCII,
//!   then 0xA1–0xFF for the small letters with tones, the seven capitals Ă Â Ê Ô Ơ Ư Đ
//!   and, where VN1 (the full table of the standard) puts them in that range, 16 of
//!   the 60 capitals with tones; 0xB0–0xB4 are the five combining tone marks. The
//!   other 44 capitals with tones are in VN1 only, at 0x01–0x17 and 0x80–0x9F, which
//!   the TCVN3 ("ABC", `.Vn…`) fonts leave to control characters and Windows-1252
//!   punctuation; this crate does the same. [`TCVN3_HIGH`] was written from the
//!   standard's table and checked byte for byte against glibc's `TCVN5712-1` charmap
//!   (`iconv -f TCVN5712-1`), which is VN1.
//! * **VNI-Windows** (VNI Software's font encoding) writes a letter as its ASCII base
//!   letter followed by one byte for its diacritics: a tone (ù ø û õ ï = sắc, huyền,
//!   hỏi, ngã, nặng), a circumflex (â) or breve (ê) alone, or a circumflex or breve
//!   together with a tone (á à å ã ä, é è ú ü ë). ơ, ư, đ, the five toned i and ỵ have
//!   a byte of their own (ô ö ñ, í ì æ ó ò, î). Capitals use the same bytes 0x20
//!   lower (Latin-1's case offset). Checked against the VNI table of xvnkb (vni.h) and
//!   against the issue's example, `Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai`.
//!   VNI uses no byte below 0xC0 outside ASCII.

use std::fmt;

use unicode_normalization::char::compose;
use unicode_normalization::UnicodeNormalization;

use crate::text::letters::name_letter;
use crate::text::marks::{self, TONES};

/// A legacy 8-bit Vietnamese encoding, for [`decode`], [`encode`] and
/// [`repair`](super::repair).
///
/// ```
/// use dvhc::text::LegacyEncoding;
///
/// assert_eq!(LegacyEncoding::Vni.to_string(), "VNI-Windows");
/// assert_eq!(LegacyEncoding::Tcvn3.id(), "tcvn3");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LegacyEncoding {
    /// VNI-Windows: a base letter followed by a byte for its diacritics.
    Vni,
    /// TCVN3 (ABC), the VN3 subset of TCVN 5712:1993: one byte per letter.
    Tcvn3,
}

impl LegacyEncoding {
    /// Both encodings, in a fixed order.
    ///
    /// ```
    /// assert_eq!(dvhc::text::LegacyEncoding::ALL.len(), 2);
    /// ```
    pub const ALL: [LegacyEncoding; 2] = [LegacyEncoding::Vni, LegacyEncoding::Tcvn3];

    /// The encoding's usual name: `"VNI-Windows"` or `"TCVN3"`.
    ///
    /// ```
    /// assert_eq!(dvhc::text::LegacyEncoding::Tcvn3.name(), "TCVN3");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Vni => "VNI-Windows",
            LegacyEncoding::Tcvn3 => "TCVN3",
        }
    }

    /// A short lower-case identifier, `"vni"` or `"tcvn3"` (the CLI's `--encoding`
    /// values and the serialised form).
    ///
    /// ```
    /// assert_eq!(dvhc::text::LegacyEncoding::Vni.id(), "vni");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            LegacyEncoding::Vni => "vni",
            LegacyEncoding::Tcvn3 => "tcvn3",
        }
    }

    /// The encoding with identifier `id` (see [`id`](Self::id)), ignoring ASCII case.
    ///
    /// ```
    /// use dvhc::text::LegacyEncoding;
    /// assert_eq!(LegacyEncoding::from_id("TCVN3"), Some(LegacyEncoding::Tcvn3));
    /// assert_eq!(LegacyEncoding::from_id("viscii"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<LegacyEncoding> {
        LegacyEncoding::ALL
            .into_iter()
            .find(|e| e.id().eq_ignore_ascii_case(id))
    }
}

impl fmt::Display for LegacyEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LegacyEncoding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for LegacyEncoding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        LegacyEncoding::from_id(&s)
            .ok_or_else(|| serde::de::Error::unknown_variant(&s, &["vni", "tcvn3"]))
    }
}

/// A character that [`encode`] cannot write in the chosen encoding.
///
/// ```
/// use dvhc::text::{encode, LegacyEncoding};
///
/// let e = encode("Hà Nội ∑", LegacyEncoding::Vni).unwrap_err();
/// assert_eq!((e.character(), e.index()), ('∑', 10));
/// assert_eq!(e.to_string(), "'∑' at byte 10 has no code in VNI-Windows");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{character}' at byte {index} has no code in {encoding}")]
pub struct EncodeError {
    character: char,
    index: usize,
    encoding: LegacyEncoding,
}

impl EncodeError {
    /// The character.
    ///
    /// ```
    /// # use dvhc::text::{encode, LegacyEncoding};
    /// assert_eq!(encode("ß", LegacyEncoding::Tcvn3).unwrap_err().character(), 'ß');
    /// ```
    pub fn character(&self) -> char {
        self.character
    }

    /// Its byte offset in the NFC form of the input.
    ///
    /// ```
    /// # use dvhc::text::{encode, LegacyEncoding};
    /// assert_eq!(encode("aß", LegacyEncoding::Tcvn3).unwrap_err().index(), 1);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// The encoding it was written in.
    ///
    /// ```
    /// # use dvhc::text::{encode, LegacyEncoding};
    /// assert_eq!(encode("ß", LegacyEncoding::Vni).unwrap_err().encoding(), LegacyEncoding::Vni);
    /// ```
    pub fn encoding(&self) -> LegacyEncoding {
        self.encoding
    }
}

/// Windows-1252 at 0x80–0x9F; the five bytes it leaves undefined are read as Latin-1
/// (the C1 control of the same number), as Windows itself does.
pub(crate) const CP1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// TCVN3 at 0xA1..=0xFF (see the module documentation).
pub(crate) const TCVN3_HIGH: [char; 95] = [
    // 0xA1..=0xB0: the capitals without tones, the small ă â ê ô ơ ư đ, Ằ, combining grave
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', '\u{300}',
    // 0xB1..=0xC0: combining hook, tilde, acute, dot below; a with tones; ă with tones
    '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ',
    'Ẵ', 'Ắ', // 0xC1..=0xD0
    'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', 'é',
    // 0xD1..=0xE0
    'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', 'Ổ',
    // 0xE1..=0xF0
    'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', 'Ỗ',
    // 0xF1..=0xFF
    'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// The TCVN3 combining tone marks at 0xB0..=0xB4.
const TCVN3_COMBINING: std::ops::RangeInclusive<u8> = 0xB0..=0xB4;

/// VNI's tone bytes (small-letter forms), in the order sắc, huyền, hỏi, ngã, nặng.
const VNI_TONES: [u8; 5] = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF];
/// VNI's circumflex bytes: alone, then with sắc, huyền, hỏi, ngã, nặng.
const VNI_CIRCUMFLEX: [u8; 6] = [0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4];
/// VNI's breve bytes, in the same order.
const VNI_BREVE: [u8; 6] = [0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB];
/// VNI's i with sắc, huyền, hỏi, ngã, nặng.
const VNI_I: [u8; 5] = [0xED, 0xEC, 0xE6, 0xF3, 0xF2];
/// VNI's own bytes for ơ, ư, đ and ỵ.
const VNI_O_HORN: u8 = 0xF4;
const VNI_U_HORN: u8 = 0xF6;
const VNI_D_STROKE: u8 = 0xF1;
const VNI_Y_DOT: u8 = 0xEE;

/// The tone bits of [`marks`], in VNI's order (sắc, huyền, hỏi, ngã, nặng).
const TONE_BITS: [u16; 5] = [
    marks::ACUTE,
    marks::GRAVE,
    marks::HOOK,
    marks::TILDE,
    marks::DOT,
];
/// The index of nặng (dot below) in [`TONE_BITS`].
const DOT_BELOW: usize = 4;
/// The combining characters of the same tones.
const TONE_MARKS: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// The character a byte stands for when it is not a letter of the encoding:
/// ASCII, Windows-1252 at 0x80–0x9F, Latin-1 above.
#[inline]
pub(crate) fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_C1[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The byte of `c` when `c` is seen as one byte of Windows-1252 or Latin-1 (both are
/// accepted: mojibake comes through either), `None` for any other character.
#[inline]
pub(crate) fn byte_of(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u <= 0xFF {
        return Some(u as u8);
    }
    // The characters of CP1252_C1 lie in these three ranges; Vietnamese letters
    // (ơ ư, U+1EA0..) mostly do not, and are answered without a search.
    if !matches!(u, 0x152..=0x192 | 0x2C6..=0x2DC | 0x2013..=0x2122) {
        return None;
    }
    CP1252_C1
        .iter()
        .position(|&x| x == c)
        .map(|i| 0x80 + i as u8)
}

/// Decodes `bytes` written in `encoding` into Unicode (NFC).
///
/// For reading a file or a field in a legacy encoding (for text that was already
/// decoded the wrong way, use [`repair`](super::repair)). Every byte string decodes:
/// ASCII stays ASCII; a byte that is not a letter of the encoding (a VNI diacritic
/// byte that follows no letter it fits, TCVN3's 0x80–0xA0) is read as Windows-1252.
/// This is a plain byte-to-character mapping: TCVN3's lack of capitals with tones is
/// not guessed at here (see [`repair`](super::repair) for that).
///
/// ```
/// use dvhc::text::{decode, LegacyEncoding};
///
/// // VNI-Windows bytes, as in the issue: "Xaõ Long Thaønh, ... Ñoàng Nai".
/// let vni = b"Xa\xf5 Long Tha\xf8nh, Huye\xe4n Long Tha\xf8nh, T\xe6nh \xd1o\xe0ng Nai";
/// assert_eq!(
///     decode(vni, LegacyEncoding::Vni),
///     "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai"
/// );
///
/// // TCVN3 bytes ("Hµ Néi" when seen as Windows-1252).
/// assert_eq!(decode(b"H\xb5 N\xe9i", LegacyEncoding::Tcvn3), "Hà Nội");
/// ```
pub fn decode(bytes: &[u8], encoding: LegacyEncoding) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    decode_to(bytes, encoding, &mut out);
    out
}

/// [`decode`], appending to `out`. A diacritic byte at the start of `bytes` attaches
/// to the letter `out` ends with, so a stream can be decoded in chunks cut anywhere:
/// the result is the same as decoding it whole.
///
/// ```
/// use dvhc::text::{decode, decode_to, LegacyEncoding};
///
/// let bytes = b"Huye\xe4n Long Tha\xf8nh";
/// let mut out = String::new();
/// for chunk in bytes.chunks(4) {
///     decode_to(chunk, LegacyEncoding::Vni, &mut out);
/// }
/// assert_eq!(out, decode(bytes, LegacyEncoding::Vni));
/// assert_eq!(out, "Huyện Long Thành");
/// ```
pub fn decode_to(bytes: &[u8], encoding: LegacyEncoding, out: &mut String) {
    crate::work::add(bytes.len());
    out.reserve(bytes.len());
    match encoding {
        LegacyEncoding::Vni => {
            for &b in bytes {
                if !vni_push(out, b) {
                    out.push(cp1252_char(b));
                }
            }
        }
        LegacyEncoding::Tcvn3 => {
            for &b in bytes {
                tcvn3_push(out, b);
            }
        }
    }
}

/// Appends the TCVN3 byte `b` to `out`, composing a combining tone byte with the
/// letter before it when Unicode has the composed letter.
#[inline]
pub(crate) fn tcvn3_push(out: &mut String, b: u8) {
    if b < 0xA1 {
        out.push(cp1252_char(b));
        return;
    }
    let c = TCVN3_HIGH[usize::from(b - 0xA1)];
    if TCVN3_COMBINING.contains(&b) {
        if let Some(prev) = out.chars().next_back() {
            if let Some(composed) = compose_mark(prev, c) {
                out.pop();
                out.push(composed);
                return;
            }
        }
    }
    out.push(c);
}

/// Appends the VNI byte `b` to `out`: an ASCII character or a letter of its own as is,
/// a diacritic byte composed into the letter before it. Returns `false`, leaving `out`
/// as it was, for a diacritic byte that fits no letter before it or a byte VNI does not
/// use.
#[inline]
pub(crate) fn vni_push(out: &mut String, b: u8) -> bool {
    if b < 0x80 {
        out.push(char::from(b));
        return true;
    }
    if b < 0xC0 {
        return false;
    }
    // VNI's capitals are its small letters' bytes less 0x20, as in Latin-1.
    let upper = b < 0xE0;
    let small = b | 0x20;
    let own = match small {
        VNI_O_HORN => Some('ơ'),
        VNI_U_HORN => Some('ư'),
        VNI_D_STROKE => Some('đ'),
        VNI_Y_DOT => Some('ỵ'),
        _ => VNI_I
            .iter()
            .position(|&x| x == small)
            .and_then(|t| compose_mark('i', TONE_MARKS[t])),
    };
    if let Some(c) = own {
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        return true;
    }
    // A diacritic byte: it needs a letter before it that takes it.
    let Some(prev) = out.chars().next_back() else {
        return false;
    };
    let Some((base, m)) = name_letter(prev) else {
        return false;
    };
    let (modifier, tone) = if let Some(i) = VNI_CIRCUMFLEX.iter().position(|&x| x == small) {
        if m != 0 || !matches!(base, b'a' | b'e' | b'o') {
            return false;
        }
        ('\u{302}', i.checked_sub(1))
    } else if let Some(i) = VNI_BREVE.iter().position(|&x| x == small) {
        if m != 0 || base != b'a' {
            return false;
        }
        ('\u{306}', i.checked_sub(1))
    } else if let Some(t) = VNI_TONES.iter().position(|&x| x == small) {
        // A tone goes on a vowel without one: a e o u y bare, or ơ ư.
        let bare = m == 0 && matches!(base, b'a' | b'e' | b'o' | b'u' | b'y');
        if !(bare || m == marks::HORN) {
            return false;
        }
        ('\0', Some(t))
    } else {
        return false;
    };
    let mut c = prev;
    if modifier != '\0' {
        match compose_mark(c, modifier) {
            Some(x) => c = x,
            None => return false,
        }
    }
    if let Some(t) = tone {
        match compose_mark(c, TONE_MARKS[t]) {
            Some(x) => c = x,
            None => return false,
        }
    }
    out.pop();
    out.push(c);
    true
}

/// `c` with the combining mark `mark` added, as one precomposed character (NFC),
/// or `None` when Unicode has no such character. Canonical order matters: `ệ` is
/// `ẹ` + circumflex, so `ê` + dot below does not compose pairwise.
fn compose_mark(c: char, mark: char) -> Option<char> {
    if let Some(x) = compose(c, mark) {
        return Some(x);
    }
    let mut nfc = [c, mark].into_iter().nfd().nfc();
    match (nfc.next(), nfc.next()) {
        (Some(x), None) => Some(x),
        _ => None,
    }
}

/// Encodes `text` (any normalisation form; it is composed first) in `encoding`.
///
/// The inverse of [`decode`] on Vietnamese text: `decode(&encode(s)?, e)` is the NFC
/// form of `s` for every `s` made of ASCII and Vietnamese letters, in both encodings.
/// TCVN3 writes the 44 capitals with tones that it has no byte for as the capital
/// without the tone followed by TCVN3's combining tone byte (0xB0–0xB4). Punctuation
/// of Windows-1252 at bytes the encoding does not use for letters (’ “ – …, and for
/// VNI also © ° « » and the like) is written as that byte, as [`decode`] reads it.
/// Other characters are an [`EncodeError`].
///
/// ```
/// use dvhc::text::{decode, encode, LegacyEncoding};
///
/// let vni = encode("Tỉnh Đồng Nai", LegacyEncoding::Vni)?;
/// assert_eq!(vni, b"T\xe6nh \xd1o\xe0ng Nai");
/// let tcvn3 = encode("Ủy ban", LegacyEncoding::Tcvn3)?;
/// assert_eq!(decode(&tcvn3, LegacyEncoding::Tcvn3), "Ủy ban");
/// # Ok::<(), dvhc::text::EncodeError>(())
/// ```
pub fn encode(text: &str, encoding: LegacyEncoding) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::with_capacity(text.len());
    let mut index = 0;
    for c in text.nfc() {
        let ok = match encoding {
            LegacyEncoding::Vni => vni_encode_char(c, &mut out),
            LegacyEncoding::Tcvn3 => tcvn3_encode_char(c, &mut out),
        };
        if !ok {
            return Err(EncodeError {
                character: c,
                index,
                encoding,
            });
        }
        index += c.len_utf8();
    }
    Ok(out)
}

/// The index in [`TONE_BITS`] of the one tone in `m`, if any.
fn tone_index(m: u16) -> Option<usize> {
    TONE_BITS.iter().position(|&t| m & t != 0)
}

/// The text a program shows when it reads `text`, encoded in `encoding`, as
/// Windows-1252: the damage [`repair`](super::repair) undoes, for tests and
/// examples.
///
/// ```
/// use dvhc::text::{mojibake, repair, LegacyEncoding};
///
/// let m = mojibake("Tỉnh Đồng Nai", LegacyEncoding::Vni)?;
/// assert_eq!(m, "Tænh Ñoàng Nai");
/// assert_eq!(mojibake("Hà Nội", LegacyEncoding::Tcvn3)?, "Hµ Néi");
/// assert_eq!(repair(&m).text(), "Tỉnh Đồng Nai");
/// # Ok::<(), dvhc::text::EncodeError>(())
/// ```
pub fn mojibake(text: &str, encoding: LegacyEncoding) -> Result<String, EncodeError> {
    Ok(encode(text, encoding)?
        .into_iter()
        .map(cp1252_char)
        .collect())
}

fn vni_encode_char(c: char, out: &mut Vec<u8>) -> bool {
    if c.is_ascii() {
        out.push(c as u8);
        return true;
    }
    // Punctuation and symbols at the bytes VNI leaves to Windows-1252 (’ “ – © °).
    if let Some(b @ 0x80..=0xBF) = byte_of(c).filter(|&b| cp1252_char(b) == c) {
        out.push(b);
        return true;
    }
    let Some((base, m)) = name_letter(c) else {
        return false;
    };
    // At most one tone, and no diacritic Vietnamese does not use.
    if m & marks::OTHER != 0 || (m & TONES).count_ones() > 1 {
        return false;
    }
    // VNI's capitals are its small letters' bytes less 0x20, as in Latin-1.
    let (ascii, lower) = if c.is_uppercase() {
        (base.to_ascii_uppercase(), 0x20)
    } else {
        (base, 0)
    };
    let with = |t: Option<usize>, table: &[u8; 6]| table[t.map_or(0, |t| t + 1)] - lower;
    match (base, m & !TONES, tone_index(m)) {
        (b'd', marks::STROKE, None) if matches!(c, 'đ' | 'Đ') => out.push(VNI_D_STROKE - lower),
        (b'a' | b'e' | b'o', marks::CIRCUMFLEX, t) => {
            out.push(ascii);
            out.push(with(t, &VNI_CIRCUMFLEX));
        }
        (b'a', marks::BREVE, t) => {
            out.push(ascii);
            out.push(with(t, &VNI_BREVE));
        }
        (b'o' | b'u', marks::HORN, t) => {
            out.push(if base == b'o' { VNI_O_HORN } else { VNI_U_HORN } - lower);
            if let Some(t) = t {
                out.push(VNI_TONES[t] - lower);
            }
        }
        (b'i', 0, Some(t)) => out.push(VNI_I[t] - lower),
        (b'y', 0, Some(DOT_BELOW)) => out.push(VNI_Y_DOT - lower),
        (b'a' | b'e' | b'o' | b'u' | b'y', 0, Some(t)) => {
            out.push(ascii);
            out.push(VNI_TONES[t] - lower);
        }
        _ => return false,
    }
    true
}

fn tcvn3_encode_char(c: char, out: &mut Vec<u8>) -> bool {
    if c.is_ascii() {
        out.push(c as u8);
        return true;
    }
    // Punctuation at the bytes TCVN3 leaves to Windows-1252 (’ “ – and no-break space).
    if let Some(b @ 0x80..=0xA0) = byte_of(c).filter(|&b| cp1252_char(b) == c) {
        out.push(b);
        return true;
    }
    if let Some(i) = TCVN3_HIGH.iter().position(|&x| x == c) {
        if !TCVN3_COMBINING.contains(&(0xA1 + i as u8)) {
            out.push(0xA1 + i as u8);
            return true;
        }
        return false;
    }
    // A capital with a tone that TCVN3 has no byte for: the capital without its tone,
    // then the combining tone byte.
    let Some((_, m)) = name_letter(c) else {
        return false;
    };
    let Some(t) = tone_index(m) else {
        return false;
    };
    let mut bare = std::iter::once(c)
        .nfd()
        .filter(|&d| d != TONE_MARKS[t])
        .nfc();
    let (Some(b), None) = (bare.next(), bare.next()) else {
        return false;
    };
    let start = out.len();
    if !tcvn3_encode_char(b, out) {
        out.truncate(start);
        return false;
    }
    // 0xB0..=0xB4 hold grave, hook, tilde, acute, dot below.
    let combining = match TONE_BITS[t] {
        marks::GRAVE => 0xB0,
        marks::HOOK => 0xB1,
        marks::TILDE => 0xB2,
        marks::ACUTE => 0xB3,
        _ => 0xB4,
    };
    out.push(combining);
    true
}
