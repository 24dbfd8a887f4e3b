//! Query analysis shared by search and address parsing: words with their positions
//! in the input and their search keys, kind words (`phường`, `P.`, `Q1`, `District`),
//! and the keys of names.

use std::ops::Range;

use crate::text::fold::{fold_char, FoldSink};
use crate::units::kind::{CommuneKind, DistrictKind, LegacyCommuneKind, ProvinceKind};
use crate::units::{Level, Unit};

/// A word of the input: a run of characters that fold to letters or digits (with
/// any combining marks), with its byte range in the input.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte offset of the word in the input.
    pub(crate) start: usize,
    /// Byte offset just past the word.
    pub(crate) end: usize,
    /// Range of the word's key in [`Words::buf`].
    key: Range<u32>,
    /// A comma, semicolon, newline or similar stands between this word and the
    /// previous one.
    pub(crate) hard_break_before: bool,
    /// What the word is, if it is one the analysis knows ([`tag`]).
    pub(crate) tag: u8,
}

/// The words of an input and their keys: each word folded, with the leading zeros of
/// its numbers dropped (`"Phường"` → `phuong`, `"07"` → `7`), as in
/// [`search_key`](crate::search_key).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    buf: String,
    list: Vec<Word>,
}

impl Words {
    /// Splits `input` into words. A kind abbreviation glued to a number (`Q1`, `p07`,
    /// `F15`, `phuong12`) becomes two words. Time and space are linear in the input.
    pub(crate) fn new(input: &str) -> Words {
        let mut w = Words {
            buf: String::with_capacity(input.len()),
            list: Vec::with_capacity(input.len() / 4 + 1),
        };
        w.refill(input);
        w
    }

    /// [`Words::new`], reusing this value's buffers.
    pub(crate) fn refill(&mut self, input: &str) {
        // One pass over the input, and the words' ends below.
        crate::work::add(input.len());
        self.buf.clear();
        self.list.clear();
        let mut t = Tokenizer {
            input,
            words: self,
            pos: 0,
            in_word: false,
            word_start: 0,
            key_start: 0,
            last_end: 0,
            hard: false,
            digits: false,
        };
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let key = ASCII_KEY[usize::from(b)];
                if key != 0 {
                    t.pos = i;
                    t.letter(char::from(key));
                    t.last_end = i + 1;
                } else {
                    t.gap();
                    // A slash between digits is part of a house number ("18/3").
                    if is_hard_break(b as char)
                        && !(b == b'/'
                            && i > 0
                            && bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                    {
                        t.hard = true;
                    }
                }
                i += 1;
                continue;
            }
            let c = input[i..].chars().next().unwrap_or(' ');
            t.pos = i;
            fold_char(c, &mut t);
            i += c.len_utf8();
            if t.in_word {
                t.last_end = i;
            }
            if is_hard_break(c) {
                t.hard = true;
            }
        }
        if t.in_word {
            t.finish();
        }
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Word `i`.
    pub(crate) fn word(&self, i: usize) -> &Word {
        &self.list[i]
    }

    /// The key of word `i`.
    pub(crate) fn key(&self, i: usize) -> &str {
        let r = &self.list[i].key;
        &self.buf[r.start as usize..r.end as usize]
    }

    /// The key of word `i`, as bytes (without the checks of slicing a `str`).
    #[inline]
    pub(crate) fn key_bytes(&self, i: usize) -> &[u8] {
        let r = &self.list[i].key;
        &self.buf.as_bytes()[r.start as usize..r.end as usize]
    }

    /// The English kind word that the words before `end` end with ("Ho Chi Minh
    /// City", "Con Dao Special Zone"), and how many words it takes, when a name is
    /// left before it.
    pub(crate) fn trailing_kind_at(&self, end: usize) -> Option<(KindWord, usize)> {
        if end >= 3 && self.list[end - 1].tag == tag::ZONE && self.list[end - 2].tag == tag::SPECIAL
        {
            return Some((KindWord::SpecialZone, 2));
        }
        if end >= 2 {
            return trailing_kind(self.list[end - 1].tag).map(|k| (k, 1));
        }
        None
    }

    /// The tag of word `i`.
    pub(crate) fn tag(&self, i: usize) -> u8 {
        self.list[i].tag
    }

    /// The kind word that starts at word `i` and ends before word `end`, how many
    /// words it takes, and whether it is a full word (not an abbreviation).
    #[inline]
    pub(crate) fn kind_at(&self, i: usize, end: usize) -> Option<(KindWord, usize, bool)> {
        // Most words have no tag, and no kind word starts with one.
        if i >= end || self.list[i].tag == tag::NONE {
            return None;
        }
        self.tagged_kind_at(i, end)
    }

    /// [`kind_at`](Self::kind_at) for a tagged word.
    fn tagged_kind_at(&self, i: usize, end: usize) -> Option<(KindWord, usize, bool)> {
        let next = (i + 1 < end).then(|| self.list[i + 1].tag);
        kind_of(self.list[i].tag, next)
    }
}

struct Tokenizer<'a> {
    input: &'a str,
    words: &'a mut Words,
    /// Byte offset of the character being folded.
    pos: usize,
    in_word: bool,
    word_start: usize,
    key_start: usize,
    /// Byte offset just past the last character of the current word.
    last_end: usize,
    hard: bool,
    /// The current word has a digit.
    digits: bool,
}

/// The key byte of each ASCII byte: letters lower-cased, digits as they are, 0 for
/// anything else (a gap between words).
const ASCII_KEY: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

impl FoldSink for Tokenizer<'_> {
    #[inline]
    fn letter(&mut self, c: char) {
        if !self.in_word {
            self.start_word();
        }
        self.digits |= c.is_ascii_digit();
        self.words.buf.push(c);
    }

    #[inline]
    fn gap(&mut self) {
        if self.in_word {
            self.finish();
        }
    }
}

impl Tokenizer<'_> {
    /// Starts a word at the character being folded.
    #[inline]
    fn start_word(&mut self) {
        self.in_word = true;
        self.word_start = self.pos;
        self.key_start = self.words.buf.len();
        self.digits = false;
    }

    /// Ends the current word: drops leading zeros and splits a glued kind word.
    fn finish(&mut self) {
        crate::work::add(1);
        self.in_word = false;
        let buf = &mut self.words.buf;
        let ks = self.key_start;
        if self.digits && has_leading_zero(&buf.as_bytes()[ks..]) {
            drop_leading_zeros(buf, ks);
        }
        let (start, end) = (self.word_start, self.last_end);
        let hard = std::mem::take(&mut self.hard);
        let key = &buf.as_bytes()[ks..];
        // Split a glued kind abbreviation and number: "q1", "p07", "phuong12".
        let split = (if self.digits {
            key.iter().position(u8::is_ascii_digit)
        } else {
            None
        })
        .filter(|&i| i > 0 && key[i..].iter().all(u8::is_ascii_digit))
        .filter(|&i| kind_of(tag_of(&key[..i]), None).is_some());
        let list = &mut self.words.list;
        let whole_tag = if split.is_some() {
            tag::NONE
        } else {
            tag_of(key)
        };
        match split {
            Some(i) => {
                let digit_at = self.input[start..end]
                    .char_indices()
                    .find(|(_, c)| c.is_ascii_digit())
                    .map_or(end, |(j, _)| start + j);
                let mid = (ks + i) as u32;
                list.push(Word {
                    start,
                    end: digit_at,
                    key: ks as u32..mid,
                    hard_break_before: hard,
                    tag: tag_of(&key[..i]),
                });
                list.push(Word {
                    start: digit_at,
                    end,
                    key: mid..buf.len() as u32,
                    hard_break_before: false,
                    tag: tag::NONE,
                });
            }
            None => list.push(Word {
                start,
                end,
                key: ks as u32..buf.len() as u32,
                hard_break_before: hard,
                tag: whole_tag,
            }),
        }
    }
}

/// `true` when a number in `w` starts with a zero that is not its last digit.
fn has_leading_zero(w: &[u8]) -> bool {
    w.iter().enumerate().any(|(i, &b)| {
        b == b'0'
            && (i == 0 || !w[i - 1].is_ascii_digit())
            && w.get(i + 1).is_some_and(u8::is_ascii_digit)
    })
}

/// Drops the leading zeros of the numbers in `buf[from..]`, in place and in linear
/// time: the word is copied to the end of the buffer without them, then moved back.
fn drop_leading_zeros(buf: &mut String, from: usize) {
    let end = buf.len();
    let mut i = from;
    let mut prev_digit = false;
    while let Some(c) = buf[i..end].chars().next() {
        let next = i + c.len_utf8();
        let next_digit = next < end && buf.as_bytes()[next].is_ascii_digit();
        if !(c == '0' && !prev_digit && next_digit) {
            prev_digit = c.is_ascii_digit();
            buf.push(c);
        }
        i = next;
    }
    buf.drain(from..end);
}

fn is_hard_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '\n' | '\r' | '|' | '\t' | '/' | '\\' | '，' | '、' | '；'
    )
}

/// A word (or two) naming the kind of a unit, in Vietnamese, abbreviated or in
/// English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindWord {
    /// thành phố, tp, city, thủ đô
    City,
    /// tỉnh, t, province
    Province,
    /// quận, q
    UrbanDistrict,
    /// huyện, h, huyện đảo
    RuralDistrict,
    /// district (quận or huyện)
    District,
    /// thị xã, tx, town
    Town,
    /// phường, p, f, ward
    Ward,
    /// xã, x, commune
    Commune,
    /// thị trấn, tt, township
    Township,
    /// đặc khu, đk, special zone
    SpecialZone,
}

impl KindWord {
    /// Whether this kind word (as the user wrote it) fits the unit's kind.
    pub(crate) fn fits(self, unit: &Unit) -> bool {
        use KindWord as K;
        let kind = self;
        match unit {
            Unit::Province(u) => matches!(
                (kind, u.kind()),
                (K::City, ProvinceKind::Municipality) | (K::Province, _)
            ),
            Unit::LegacyProvince(u) => matches!(
                (kind, u.kind()),
                (K::City, ProvinceKind::Municipality) | (K::Province, _)
            ),
            Unit::LegacyDistrict(u) => matches!(
                (kind, u.kind()),
                (K::UrbanDistrict, DistrictKind::UrbanDistrict)
                    | (K::RuralDistrict, DistrictKind::RuralDistrict)
                    | (
                        K::District,
                        DistrictKind::UrbanDistrict | DistrictKind::RuralDistrict
                    )
                    | (K::Town, DistrictKind::Town)
                    | (K::City, DistrictKind::City)
            ),
            Unit::Commune(u) => {
                let fits = |k: CommuneKind| {
                    matches!(
                        (kind, k),
                        (K::Ward, CommuneKind::Ward)
                            | (K::Commune, CommuneKind::Commune)
                            | (K::SpecialZone, CommuneKind::SpecialZone)
                    )
                };
                // Kinds changed in 2026 (xã → phường): the kind written in an older
                // address still fits.
                fits(u.kind())
                    || u.kind_on(crate::Date::REFORM)
                        .is_some_and(|then| then != u.kind() && fits(then))
            }
            Unit::LegacyCommune(u) => matches!(
                (kind, u.kind()),
                (K::Ward, LegacyCommuneKind::Ward)
                    | (K::Commune, LegacyCommuneKind::Commune)
                    | (K::Township, LegacyCommuneKind::Township)
            ),
        }
    }

    /// Whether this kind word names units of `level`.
    pub(crate) fn names_level(self, level: Level) -> bool {
        use KindWord as K;
        let kind = self;
        match level {
            Level::Province => matches!(kind, K::City | K::Province),
            Level::District => matches!(
                kind,
                K::UrbanDistrict | K::RuralDistrict | K::District | K::Town | K::City
            ),
            Level::Commune => matches!(kind, K::Ward | K::Commune | K::Township | K::SpecialZone),
        }
    }

    /// Whether this is a kind of commune-level unit.
    pub(crate) fn is_commune(self) -> bool {
        matches!(
            self,
            KindWord::Ward | KindWord::Commune | KindWord::Township | KindWord::SpecialZone
        )
    }
}

/// Tags of the words that the analysis knows: parts of kind words, hamlet and street
/// words. Tagged once per word when the input is split.
pub(crate) mod tag {
    pub(crate) const NONE: u8 = 0;
    // Kind words and their parts.
    pub(crate) const THANH: u8 = 1;
    pub(crate) const PHO: u8 = 2;
    pub(crate) const THU: u8 = 3;
    pub(crate) const DO: u8 = 4;
    pub(crate) const THI: u8 = 5;
    pub(crate) const XA: u8 = 6;
    pub(crate) const TRAN: u8 = 7;
    pub(crate) const DAC: u8 = 8;
    pub(crate) const KHU: u8 = 9;
    pub(crate) const SPECIAL: u8 = 10;
    pub(crate) const ZONE: u8 = 11;
    pub(crate) const THANHPHO: u8 = 12;
    pub(crate) const TP: u8 = 13;
    pub(crate) const CITY: u8 = 14;
    pub(crate) const TINH: u8 = 15;
    pub(crate) const T: u8 = 16;
    pub(crate) const PROVINCE: u8 = 17;
    pub(crate) const QUAN: u8 = 18;
    pub(crate) const Q: u8 = 19;
    pub(crate) const HUYEN: u8 = 20;
    pub(crate) const H: u8 = 21;
    pub(crate) const DISTRICT: u8 = 22;
    pub(crate) const DIST: u8 = 23;
    pub(crate) const THIXA: u8 = 24;
    pub(crate) const TX: u8 = 25;
    pub(crate) const TOWN: u8 = 26;
    pub(crate) const PHUONG: u8 = 27;
    pub(crate) const P: u8 = 28;
    pub(crate) const F: u8 = 29;
    pub(crate) const WARD: u8 = 30;
    pub(crate) const X: u8 = 31;
    pub(crate) const COMMUNE: u8 = 32;
    pub(crate) const THITRAN: u8 = 33;
    pub(crate) const TT: u8 = 34;
    pub(crate) const TTR: u8 = 35;
    pub(crate) const TOWNSHIP: u8 = 36;
    pub(crate) const DACKHU: u8 = 37;
    pub(crate) const DK: u8 = 38;
    // Words that introduce a hamlet or neighbourhood (ấp, tổ, thôn, xóm, khu phố…).
    pub(crate) const AP: u8 = 40;
    pub(crate) const TO: u8 = 41;
    pub(crate) const THON: u8 = 42;
    pub(crate) const XOM: u8 = 43;
    pub(crate) const KHOM: u8 = 44;
    pub(crate) const BAN: u8 = 45;
    pub(crate) const BUON: u8 = 46;
    pub(crate) const KP: u8 = 47;
    pub(crate) const DOI: u8 = 48;
    pub(crate) const CUM: u8 = 49;
    pub(crate) const LANG: u8 = 50;
    pub(crate) const KHOI: u8 = 51;
    pub(crate) const TDP: u8 = 52;
    pub(crate) const HAMLET: u8 = 53;
    pub(crate) const GROUP: u8 = 54;
    // Words that introduce a street (đường, ngõ, hẻm…).
    pub(crate) const DUONG: u8 = 60;
    pub(crate) const D: u8 = 61;
    pub(crate) const NGO: u8 = 62;
    pub(crate) const HEM: u8 = 63;
    pub(crate) const KIET: u8 = 64;
    pub(crate) const NGACH: u8 = 65;
    pub(crate) const STREET: u8 = 66;
    pub(crate) const ST: u8 = 67;
    pub(crate) const ROAD: u8 = 68;
    pub(crate) const RD: u8 = 69;
    pub(crate) const LANE: u8 = 70;
    pub(crate) const AVENUE: u8 = 71;
    /// số (number), as in "Số 12 Lê Lợi".
    pub(crate) const SO: u8 = 72;
    /// lộ (road), as in "Tỉnh lộ 8", "Quốc lộ 1A".
    pub(crate) const LO: u8 = 80;
    /// đảo (island), as in "Huyện đảo Lý Sơn".
    pub(crate) const DAO: u8 = 81;
}

/// A word of up to 8 bytes as a number, for matching words quickly.
const fn pack(w: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut i = 0;
    while i < w.len() {
        v |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    v
}

/// The words that have a tag, with it.
const TAGGED: [(&[u8], u8); 68] = {
    use tag::*;
    [
        (b"thanh", THANH),
        (b"pho", PHO),
        (b"thu", THU),
        (b"do", DO),
        (b"thi", THI),
        (b"xa", XA),
        (b"tran", TRAN),
        (b"dac", DAC),
        (b"khu", KHU),
        (b"special", SPECIAL),
        (b"zone", ZONE),
        (b"thanhpho", THANHPHO),
        (b"tp", TP),
        (b"city", CITY),
        (b"tinh", TINH),
        (b"t", T),
        (b"province", PROVINCE),
        (b"quan", QUAN),
        (b"q", Q),
        (b"huyen", HUYEN),
        (b"h", H),
        (b"district", DISTRICT),
        (b"dist", DIST),
        (b"thixa", THIXA),
        (b"tx", TX),
        (b"town", TOWN),
        (b"phuong", PHUONG),
        (b"p", P),
        (b"f", F),
        (b"ward", WARD),
        (b"x", X),
        (b"commune", COMMUNE),
        (b"thitran", THITRAN),
        (b"tt", TT),
        (b"ttr", TTR),
        (b"township", TOWNSHIP),
        (b"dackhu", DACKHU),
        (b"dk", DK),
        (b"ap", AP),
        (b"to", TO),
        (b"thon", THON),
        (b"xom", XOM),
        (b"khom", KHOM),
        (b"ban", BAN),
        (b"buon", BUON),
        (b"kp", KP),
        (b"doi", DOI),
        (b"cum", CUM),
        (b"lang", LANG),
        (b"khoi", KHOI),
        (b"tdp", TDP),
        (b"hamlet", HAMLET),
        (b"group", GROUP),
        (b"duong", DUONG),
        (b"d", D),
        (b"ngo", NGO),
        (b"hem", HEM),
        (b"kiet", KIET),
        (b"ngach", NGACH),
        (b"street", STREET),
        (b"st", ST),
        (b"road", ROAD),
        (b"rd", RD),
        (b"lane", LANE),
        (b"avenue", AVENUE),
        (b"so", SO),
        (b"lo", LO),
        (b"dao", DAO),
    ]
};

/// The multiplier of the perfect hash of [`TAG_TABLE`]: the top 8 bits of a packed
/// word times it differ for every word of [`TAGGED`] (checked when compiling).
const TAG_HASH: u64 = 0x827e_2955_3a64_45ed;

/// [`TAGGED`] by the perfect hash of the packed word: (packed word, tag); packed
/// word 0 (no word) for an empty slot.
static TAG_TABLE: [(u64, u8); 256] = {
    let mut t = [(0u64, tag::NONE); 256];
    let mut i = 0;
    while i < TAGGED.len() {
        let v = pack(TAGGED[i].0);
        let slot = (v.wrapping_mul(TAG_HASH) >> 56) as usize;
        assert!(t[slot].0 == 0, "TAG_HASH is not a perfect hash of TAGGED");
        t[slot] = (v, TAGGED[i].1);
        i += 1;
    }
    t
};

/// The tag of a word key. (Not inlined: in `Tokenizer::finish` it costs more.)
#[inline(never)]
pub(crate) fn tag_of(w: &[u8]) -> u8 {
    if w.is_empty() || w.len() > 8 {
        return tag::NONE;
    }
    // One probe of a perfect hash table (no key packs to 0: keys have no NUL).
    let v = pack(w);
    let (k, t) = TAG_TABLE[(v.wrapping_mul(TAG_HASH) >> 56) as usize];
    if k == v {
        t
    } else {
        tag::NONE
    }
}

/// Whether a tag is a word that introduces a street or a house number ("Đường Lê
/// Lợi", "Ngõ 5", "Số 12").
pub(crate) fn is_street(t: u8) -> bool {
    (tag::DUONG..=tag::SO).contains(&t)
}

/// The kind word made of a word tagged `t0` (and the next one, tagged `t1`), how
/// many words it takes, and whether it is a full word (not an abbreviation).
pub(crate) fn kind_of(t0: u8, t1: Option<u8>) -> Option<(KindWord, usize, bool)> {
    use tag::*;
    use KindWord as K;
    let two = match (t0, t1) {
        (THANH, Some(PHO)) | (THU, Some(DO)) => Some(K::City),
        (THI, Some(XA)) => Some(K::Town),
        (THI, Some(TRAN)) => Some(K::Township),
        (DAC, Some(KHU)) | (SPECIAL, Some(ZONE)) => Some(K::SpecialZone),
        // "Huyện đảo Lý Sơn": an island district (no district name starts with Đảo).
        (HUYEN, Some(DAO)) => Some(K::RuralDistrict),
        _ => None,
    };
    if let Some(k) = two {
        return Some((k, 2, true));
    }
    let (k, full) = match t0 {
        THANHPHO | CITY => (K::City, true),
        TP => (K::City, false),
        TINH | PROVINCE => (K::Province, true),
        T => (K::Province, false),
        QUAN => (K::UrbanDistrict, true),
        Q => (K::UrbanDistrict, false),
        HUYEN => (K::RuralDistrict, true),
        H => (K::RuralDistrict, false),
        DISTRICT => (K::District, true),
        DIST => (K::District, false),
        THIXA | TOWN => (K::Town, true),
        TX => (K::Town, false),
        PHUONG | WARD => (K::Ward, true),
        P | F => (K::Ward, false),
        XA | COMMUNE => (K::Commune, true),
        X => (K::Commune, false),
        THITRAN | TOWNSHIP => (K::Township, true),
        TT | TTR => (K::Township, false),
        DACKHU => (K::SpecialZone, true),
        DK => (K::SpecialZone, false),
        _ => return None,
    };
    Some((k, 1, full))
}

/// The English kind word that a name ending in a word tagged `t` ends with ("Ho Chi
/// Minh City", "Lam Dong Province", "Ben Nghe Ward").
pub(crate) fn trailing_kind(t: u8) -> Option<KindWord> {
    use tag::*;
    Some(match t {
        CITY => KindWord::City,
        PROVINCE => KindWord::Province,
        DISTRICT => KindWord::District,
        WARD => KindWord::Ward,
        COMMUNE => KindWord::Commune,
        TOWN => KindWord::Town,
        TOWNSHIP => KindWord::Township,
        _ => return None,
    })
}

/// Appends the key of a word to a key being built left to right (a space separates
/// two numbers: "1 2" is not "12").
pub(crate) fn push_key(out: &mut String, word: &str) {
    if out.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit())
    {
        out.push(' ');
    }
    out.push_str(word);
}

/// A name query: the key of the whole query, the part of it that is the name (without
/// the kind word), and the kind word, if any.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameQuery {
    raw: String,
    name: Range<usize>,
    words: Range<usize>,
    /// The kind word of the query.
    pub(crate) kind: Option<KindWord>,
}

impl NameQuery {
    /// Analyses a free-text name query ("P. Bến Nghé", "Q1", "Ho Chi Minh City").
    pub(crate) fn new(words: &Words) -> NameQuery {
        let mut q = NameQuery {
            raw: String::with_capacity(words.buf.len() + 4),
            name: 0..0,
            words: 0..0,
            kind: None,
        };
        q.refill(words);
        q
    }

    /// [`NameQuery::new`], reusing this value's buffer.
    pub(crate) fn refill(&mut self, words: &Words) {
        let n = words.len();
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        let mut name = 0..0;
        let mut kind = None;
        let mut word_range = 0..n;
        let lead = words
            .kind_at(0, n)
            .map(|(k, len, _)| (k, len))
            .filter(|&(_, len)| len < n);
        let trail = match lead {
            None => words.trailing_kind_at(n),
            _ => None,
        };
        // The keys of the words follow one another in `words.buf`: that is the key of
        // the query, unless two numbers meet ("1 2" is not "12").
        let numbers_meet = (1..n).any(|i| {
            words.key(i - 1).ends_with(|c: char| c.is_ascii_digit())
                && words.key(i).starts_with(|c: char| c.is_ascii_digit())
        });
        if !numbers_meet {
            raw.push_str(&words.buf);
            let at = |i: usize| {
                words
                    .list
                    .get(i)
                    .map_or(raw.len(), |w| w.key.start as usize)
            };
            if let Some((k, len)) = lead {
                kind = Some(k);
                name.start = at(len);
                word_range.start = len;
            }
            name.end = raw.len();
            if let Some((k, len)) = trail {
                kind = Some(k);
                name.end = at(n - len);
                word_range.end = n - len;
            }
        } else {
            for i in 0..n {
                if let Some((k, len)) = lead {
                    if i == len {
                        kind = Some(k);
                        name.start = raw.len();
                        word_range.start = i;
                    }
                }
                if let Some((k, len)) = trail {
                    if i == n - len {
                        kind = Some(k);
                        name.end = raw.len();
                        word_range.end = i;
                    }
                }
                push_key(&mut raw, words.key(i));
            }
            if trail.is_none() {
                name.end = raw.len();
            }
        }
        *self = NameQuery {
            raw,
            name,
            words: word_range,
            kind,
        };
    }

    /// The words of the name, without the kind word.
    pub(crate) fn name_words(&self) -> Range<usize> {
        self.words.clone()
    }

    /// The key of the name, without the kind word.
    pub(crate) fn key(&self) -> &str {
        &self.raw[self.name.clone()]
    }

    /// The key of the whole query when it differs from [`key`](Self::key) (names may
    /// begin with a kind-like word: "Xà Phìn", "Quan Hóa").
    pub(crate) fn raw_key(&self) -> Option<&str> {
        (self.name != (0..self.raw.len())).then_some(self.raw.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let w = Words::new(s);
        (0..w.len()).map(|i| w.key(i).to_owned()).collect()
    }

    fn nq(s: &str) -> NameQuery {
        NameQuery::new(&Words::new(s))
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            texts("12 Lê Lợi, P.Bến Nghé, Q1"),
            ["12", "le", "loi", "p", "ben", "nghe", "q", "1"]
        );
        assert_eq!(
            texts("F15 phuong012 tx.abc 007 x00y"),
            ["f", "15", "phuong", "12", "tx", "abc", "7", "x0y"]
        );
        assert_eq!(texts("Ea H’Leo"), ["ea", "h", "leo"]);
        let ws = Words::new("a, b c;d 18/3 e/f");
        let hard: Vec<bool> = (0..ws.len())
            .map(|i| ws.word(i).hard_break_before)
            .collect();
        assert_eq!(hard, [false, true, false, true, false, false, false, true]);
        let ws = Words::new("Q1");
        assert_eq!((ws.word(0).start, ws.word(1).start), (0, 1));
        assert_eq!((ws.word(0).end, ws.word(1).end), (1, 2));
        // Decomposed input: the marks belong to the word.
        let ws = Words::new("Ha\u{300} Nội");
        assert_eq!((ws.word(0).start, ws.word(0).end), (0, 4));
        assert_eq!(ws.key(0), "ha");
        assert_eq!(texts(""), Vec::<String>::new());
        assert_eq!(texts("!!! 😀"), Vec::<String>::new());
    }

    #[test]
    fn analyses_names() {
        let q = nq("P. Bến Nghé");
        assert_eq!((q.key(), q.kind), ("bennghe", Some(KindWord::Ward)));
        assert_eq!(q.raw_key(), Some("pbennghe"));
        let q = nq("Quận 01");
        assert_eq!((q.key(), q.kind), ("1", Some(KindWord::UrbanDistrict)));
        let q = nq("Ho Chi Minh City");
        assert_eq!((q.key(), q.kind), ("hochiminh", Some(KindWord::City)));
        assert_eq!(q.raw_key(), Some("hochiminhcity"));
        let q = nq("Xà Phìn");
        assert_eq!(q.key(), "phin");
        assert_eq!(q.raw_key(), Some("xaphin"));
        let q = nq("phường");
        assert_eq!((q.key(), q.kind), ("phuong", None));
        assert_eq!(q.raw_key(), None);
        let q = nq("1 02");
        assert_eq!(q.key(), "1 2");
        let q = nq("District 1");
        assert_eq!((q.key(), q.kind), ("1", Some(KindWord::District)));
    }

    #[test]
    fn keys_agree_with_search_key() {
        for s in [
            "Phường 01",
            "1 2",
            "a 0 0 1",
            "x00y",
            "0 07",
            "1 01",
            "Bà Rịa - Vũng Tàu",
            "12 05a",
            "1 0a",
        ] {
            let w = Words::new(s);
            let mut k = String::new();
            for i in 0..w.len() {
                push_key(&mut k, w.key(i));
            }
            assert_eq!(k, crate::search_key(s), "{s:?}");
        }
    }
}
