//! The vocabulary of addresses: kind words (`phường`, `P.`, `District`), hamlet and
//! street words, the tags the tokenizer gives them, and which units a kind word fits.

use crate::units::kind::{CommuneKind, DistrictKind, LegacyCommuneKind, ProvinceKind};
use crate::units::{Level, Unit};

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
    /// thị xã, tx
    Town,
    /// town: the English word of both thị xã and thị trấn (data/README.md, rule 2)
    EnglishTown,
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
    #[inline]
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
                    | (K::Town | K::EnglishTown, DistrictKind::Town)
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
                    | (K::Township | K::EnglishTown, LegacyCommuneKind::Township)
            ),
        }
    }

    /// Whether this kind word names units of `level`.
    #[inline]
    pub(crate) fn names_level(self, level: Level) -> bool {
        use KindWord as K;
        let kind = self;
        match level {
            Level::Province => matches!(kind, K::City | K::Province),
            Level::District => matches!(
                kind,
                K::UrbanDistrict
                    | K::RuralDistrict
                    | K::District
                    | K::Town
                    | K::EnglishTown
                    | K::City
            ),
            Level::Commune => matches!(
                kind,
                K::Ward | K::Commune | K::Township | K::EnglishTown | K::SpecialZone
            ),
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

/// What a word is, when it is one the analysis knows: a kind word or part of one, a
/// hamlet or a street word. Each word is tagged once, when the input is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Tag {
    /// A word the analysis does not know (most words).
    Untagged = 0,
    // Kind words and their parts.
    Thanh = 1,
    Pho = 2,
    Thu = 3,
    Do = 4,
    Thi = 5,
    Xa = 6,
    Tran = 7,
    Dac = 8,
    Khu = 9,
    Special = 10,
    Zone = 11,
    ThanhPho = 12,
    Tp = 13,
    City = 14,
    Tinh = 15,
    T = 16,
    Province = 17,
    Quan = 18,
    Q = 19,
    Huyen = 20,
    H = 21,
    District = 22,
    Dist = 23,
    ThiXa = 24,
    Tx = 25,
    Town = 26,
    Phuong = 27,
    P = 28,
    F = 29,
    Ward = 30,
    X = 31,
    Commune = 32,
    ThiTran = 33,
    Tt = 34,
    Ttr = 35,
    Township = 36,
    DacKhu = 37,
    Dk = 38,
    // Words that introduce a hamlet or neighbourhood (ấp, tổ, thôn, xóm, khu phố…).
    Ap = 40,
    To = 41,
    Thon = 42,
    Xom = 43,
    Khom = 44,
    Ban = 45,
    Buon = 46,
    Kp = 47,
    Doi = 48,
    Cum = 49,
    Lang = 50,
    Khoi = 51,
    Tdp = 52,
    Hamlet = 53,
    Group = 54,
    // Words that introduce a street (đường, ngõ, hẻm…).
    Duong = 60,
    D = 61,
    Ngo = 62,
    Hem = 63,
    Kiet = 64,
    Ngach = 65,
    Street = 66,
    St = 67,
    Road = 68,
    Rd = 69,
    Lane = 70,
    Avenue = 71,
    /// số (number), as in "Số 12 Lê Lợi".
    So = 72,
    /// lộ (road), as in "Tỉnh lộ 8", "Quốc lộ 1A".
    Lo = 80,
    /// đảo (island), as in "Huyện đảo Lý Sơn".
    Dao = 81,
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
const TAGGED: [(&[u8], Tag); 68] = {
    use Tag as T;
    [
        (b"thanh", T::Thanh),
        (b"pho", T::Pho),
        (b"thu", T::Thu),
        (b"do", T::Do),
        (b"thi", T::Thi),
        (b"xa", T::Xa),
        (b"tran", T::Tran),
        (b"dac", T::Dac),
        (b"khu", T::Khu),
        (b"special", T::Special),
        (b"zone", T::Zone),
        (b"thanhpho", T::ThanhPho),
        (b"tp", T::Tp),
        (b"city", T::City),
        (b"tinh", T::Tinh),
        (b"t", T::T),
        (b"province", T::Province),
        (b"quan", T::Quan),
        (b"q", T::Q),
        (b"huyen", T::Huyen),
        (b"h", T::H),
        (b"district", T::District),
        (b"dist", T::Dist),
        (b"thixa", T::ThiXa),
        (b"tx", T::Tx),
        (b"town", T::Town),
        (b"phuong", T::Phuong),
        (b"p", T::P),
        (b"f", T::F),
        (b"ward", T::Ward),
        (b"x", T::X),
        (b"commune", T::Commune),
        (b"thitran", T::ThiTran),
        (b"tt", T::Tt),
        (b"ttr", T::Ttr),
        (b"township", T::Township),
        (b"dackhu", T::DacKhu),
        (b"dk", T::Dk),
        (b"ap", T::Ap),
        (b"to", T::To),
        (b"thon", T::Thon),
        (b"xom", T::Xom),
        (b"khom", T::Khom),
        (b"ban", T::Ban),
        (b"buon", T::Buon),
        (b"kp", T::Kp),
        (b"doi", T::Doi),
        (b"cum", T::Cum),
        (b"lang", T::Lang),
        (b"khoi", T::Khoi),
        (b"tdp", T::Tdp),
        (b"hamlet", T::Hamlet),
        (b"group", T::Group),
        (b"duong", T::Duong),
        (b"d", T::D),
        (b"ngo", T::Ngo),
        (b"hem", T::Hem),
        (b"kiet", T::Kiet),
        (b"ngach", T::Ngach),
        (b"street", T::Street),
        (b"st", T::St),
        (b"road", T::Road),
        (b"rd", T::Rd),
        (b"lane", T::Lane),
        (b"avenue", T::Avenue),
        (b"so", T::So),
        (b"lo", T::Lo),
        (b"dao", T::Dao),
    ]
};

/// The multiplier of the perfect hash of [`TAG_TABLE`]: the top 8 bits of a packed
/// word times it differ for every word of [`TAGGED`] (checked when compiling).
const TAG_HASH: u64 = 0x827e_2955_3a64_45ed;

/// [`TAGGED`] by the perfect hash of the packed word: (packed word, tag); packed
/// word 0 (no word) for an empty slot.
static TAG_TABLE: [(u64, Tag); 256] = {
    let mut t = [(0u64, Tag::Untagged); 256];
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
pub(crate) fn tag_of(w: &[u8]) -> Tag {
    match packed(w) {
        Some(v) => tag_packed(v),
        None => Tag::Untagged,
    }
}

/// [`tag_of`] and whether [`remark_key`] is not [`RemarkKey::No`], from one packing
/// of the key: the tokenizer asks both of every word.
#[inline]
pub(crate) fn tag_and_remark(w: &[u8]) -> (Tag, bool) {
    match packed(w) {
        Some(v) => (tag_packed(v), remark_packed(v) != RemarkKey::No),
        None => (Tag::Untagged, false),
    }
}

/// A key [`pack`]ed, when it may be a tagged or a remark word (1 to 8 bytes).
///
/// At run time without [`pack`]'s loop: two reads that overlap (of 4 bytes, or of
/// single bytes for a shorter key) put every byte in its place; where they overlap
/// they put the same byte there.
#[inline]
fn packed(w: &[u8]) -> Option<u64> {
    let n = w.len();
    let v = match n {
        4..=8 => {
            let four = |at: usize| {
                let b = &w[at..at + 4];
                u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            };
            four(0) | four(n - 4) << (8 * (n - 4))
        }
        1..=3 => {
            let one = |at: usize| u64::from(w[at]) << (8 * at);
            one(0) | one(n / 2) | one(n - 1)
        }
        _ => return None,
    };
    Some(v)
}

/// The tag of a packed key.
#[inline]
fn tag_packed(v: u64) -> Tag {
    // One probe of a perfect hash table (no key packs to 0: keys have no NUL).
    let (k, t) = TAG_TABLE[(v.wrapping_mul(TAG_HASH) >> 56) as usize];
    if k == v {
        t
    } else {
        Tag::Untagged
    }
}

/// How a tagged kind or place word is spelt, for the words whose key other
/// syllables share (`tinh`: Tỉnh, Tĩnh, Tính; `duong`: Đường, Dương): `None` for the
/// others.
pub(crate) fn spelling(t: Tag) -> Option<&'static str> {
    use Tag as T;
    Some(match t {
        T::Xa => "xã",
        T::Tinh => "tỉnh",
        T::Quan => "quận",
        T::Huyen => "huyện",
        T::Phuong => "phường",
        T::Ap => "ấp",
        T::To => "tổ",
        T::Thon => "thôn",
        T::Xom => "xóm",
        T::Khom => "khóm",
        T::Ban => "bản",
        T::Buon => "buôn",
        T::Doi => "đội",
        T::Cum => "cụm",
        T::Lang => "làng",
        T::Khoi => "khối",
        T::Duong => "đường",
        T::Ngo => "ngõ",
        T::Hem => "hẻm",
        T::Kiet => "kiệt",
        T::Ngach => "ngách",
        T::So => "số",
        _ => return None,
    })
}

/// Whether `text`, a word tagged `t`, is written as that word: without diacritics,
/// or with the word's own (`Dương` is not `Đường`, `Tĩnh` not `Tỉnh`).
pub(crate) fn written_as(t: Tag, text: &str) -> bool {
    text.is_ascii() || spelling(t).is_none_or(|s| crate::text::letters::spelled(text, s))
}

/// Whether a tag is a word that introduces a hamlet, a street, a road or a house
/// number ("Ấp 2", "Tổ 3", "Khu phố 4", "Khu 5", "Đường Lê Lợi", "Tỉnh lộ 8", "Số 12").
/// "Khu" is one too: no unit's name starts with it, and as the second word of "Đặc
/// khu" it belongs to a kind word, which callers look for first.
pub(crate) fn is_place_word(t: Tag) -> bool {
    (Tag::Ap as u8..=Tag::Group as u8).contains(&(t as u8))
        || is_street(t)
        || matches!(t, Tag::Lo | Tag::Khu)
}

/// Whether a tag is a word that introduces a street or a house number ("Đường Lê
/// Lợi", "Ngõ 5", "Số 12").
pub(crate) fn is_street(t: Tag) -> bool {
    (Tag::Duong as u8..=Tag::So as u8).contains(&(t as u8))
}

/// Whether a kind word may start with a word tagged `t` ([`kind_of`] is `None` for
/// the others, whatever follows them).
#[inline]
pub(crate) fn may_start_kind(t: Tag) -> bool {
    usize::from(t as u8).wrapping_sub(1) < SINGLE_KINDS.len() - 1
}

/// Every kind word, in the order of its declaration.
const KIND_WORDS: [KindWord; 11] = [
    KindWord::City,
    KindWord::Province,
    KindWord::UrbanDistrict,
    KindWord::RuralDistrict,
    KindWord::District,
    KindWord::Town,
    KindWord::EnglishTown,
    KindWord::Ward,
    KindWord::Commune,
    KindWord::Township,
    KindWord::SpecialZone,
];

/// A result of [`kind_of`] in a byte: 0 for `None`, else the kind word's place in
/// [`KIND_WORDS`] with the word count and whether it is a full word.
pub(crate) const fn pack_kind(k: Option<(KindWord, usize, bool)>) -> u8 {
    match k {
        None => 0,
        Some((k, n, full)) => 1 + ((k as u8) << 2 | ((n == 2) as u8) << 1 | full as u8),
    }
}

/// [`pack_kind`] of the one-word kind of each tag that may start a kind word.
static PACKED_SINGLE_KINDS: [u8; Tag::Dk as usize + 1] = {
    let mut t = [0; Tag::Dk as usize + 1];
    let mut i = 0;
    while i < t.len() {
        if let Some((k, full)) = SINGLE_KIND_TABLE[i] {
            t[i] = pack_kind(Some((k, 1, full)));
        }
        i += 1;
    }
    t
};

/// Whether a word tagged `t` may start a kind word of two ([`kind_of`] depends on the
/// word after it).
#[inline]
pub(crate) fn starts_pair(t: Tag) -> bool {
    let i = u32::from(t as u8);
    i < 64 && PAIR_STARTS & (1 << i) != 0
}

/// [`pack_kind`] of [`kind_of`] for a word tagged `t`: alone, and followed by a word
/// tagged `next.0` (after a single dot when `next.1`).
#[inline]
pub(crate) fn packed_kinds(t: Tag, next: Option<(Tag, bool)>) -> [u8; 2] {
    let i = usize::from(t as u8);
    let Some(&single) = PACKED_SINGLE_KINDS.get(i) else {
        return [0, 0];
    };
    let with_next = match next {
        Some((t1, joined)) if starts_pair(t) => pack_kind(kind_of(t, Some(t1), joined)),
        _ => single,
    };
    [single, with_next]
}

/// [`pack_kind`] undone.
#[inline]
pub(crate) fn unpack_kind(b: u8) -> Option<(KindWord, usize, bool)> {
    let v = b.checked_sub(1)?;
    let k = *KIND_WORDS.get(usize::from(v >> 2))?;
    Some((k, 1 + usize::from(v >> 1 & 1), v & 1 == 1))
}

/// The kind word made of a word tagged `t0` (and the next one, tagged `t1`, which
/// follows it after a single dot when `joined`), how many words it takes, and whether
/// it is a full word (not an abbreviation).
///
/// The rules are [`pair_kind`] and [`single_kind`]; at run time they are two table
/// look-ups ([`SINGLE_KINDS`], [`PAIR_STARTS`]), as the parser asks this of every
/// tagged word of every span it reads.
#[inline]
pub(crate) fn kind_of(t0: Tag, t1: Option<Tag>, joined: bool) -> Option<(KindWord, usize, bool)> {
    let t = usize::from(t0 as u8);
    if t >= SINGLE_KINDS.len() {
        // A hamlet, street or other word: no kind word starts with one.
        return None;
    }
    if let Some(t1) = t1 {
        if PAIR_STARTS & (1 << t) != 0 {
            if let Some(k) = pair_kind(t0, t1, joined) {
                return Some(k);
            }
        }
    }
    SINGLE_KINDS[t].map(|(k, full)| (k, 1, full))
}

/// The kind word of two words, tagged `t0` and `t1` (`t1` after a single dot when
/// `joined`): `Thành phố`, `Thị xã`, `T.P`…, and whether it is a full word.
const fn pair_kind(t0: Tag, t1: Tag, joined: bool) -> Option<(KindWord, usize, bool)> {
    use KindWord as K;
    use Tag as T;
    let two = match (t0, t1) {
        (T::Thanh, T::Pho) | (T::Thu, T::Do) => Some(K::City),
        (T::Thi, T::Xa) => Some(K::Town),
        (T::Thi, T::Tran) => Some(K::Township),
        (T::Dac, T::Khu) | (T::Special, T::Zone) => Some(K::SpecialZone),
        // "Huyện đảo Lý Sơn": an island district (no district name starts with Đảo).
        (T::Huyen, T::Dao) => Some(K::RuralDistrict),
        _ => None,
    };
    if let Some(k) = two {
        return Some((k, 2, true));
    }
    // "H. đảo Lý Sơn", "H.đảo Phú Quý".
    if matches!((t0, t1), (T::H, T::Dao)) {
        return Some((K::RuralDistrict, 2, false));
    }
    // Two initials with a dot between them: "T.P Kon Tum", "T.X.Thuận Thành",
    // "T.Xã.Nghi Sơn", "T.T Na Dương", "T.Trấn Trâu Quỳ".
    if joined && matches!(t0, T::T) {
        let k = match t1 {
            T::P | T::Pho => Some(K::City),
            T::X | T::Xa => Some(K::Town),
            T::T | T::Tran => Some(K::Township),
            _ => None,
        };
        if let Some(k) = k {
            return Some((k, 2, false));
        }
    }
    None
}

/// The kind word of one word tagged `t`, and whether it is a full word.
const fn single_kind(t: Tag) -> Option<(KindWord, bool)> {
    use KindWord as K;
    use Tag as T;
    Some(match t {
        T::ThanhPho | T::City => (K::City, true),
        T::Tp => (K::City, false),
        T::Tinh | T::Province => (K::Province, true),
        T::T => (K::Province, false),
        T::Quan => (K::UrbanDistrict, true),
        T::Q => (K::UrbanDistrict, false),
        T::Huyen => (K::RuralDistrict, true),
        T::H => (K::RuralDistrict, false),
        T::District => (K::District, true),
        T::Dist => (K::District, false),
        T::ThiXa => (K::Town, true),
        T::Town => (K::EnglishTown, true),
        T::Tx => (K::Town, false),
        T::Phuong | T::Ward => (K::Ward, true),
        T::P | T::F => (K::Ward, false),
        T::Xa | T::Commune => (K::Commune, true),
        T::X => (K::Commune, false),
        T::ThiTran | T::Township => (K::Township, true),
        T::Tt | T::Ttr => (K::Township, false),
        T::DacKhu => (K::SpecialZone, true),
        T::Dk => (K::SpecialZone, false),
        _ => return None,
    })
}

/// Every tag a word can have ([`TAGGED`]'s and `Untagged`), by its number (`None`
/// for the numbers no word's tag has).
const TAGS: [Option<Tag>; 128] = {
    let mut t = [None; 128];
    t[Tag::Untagged as usize] = Some(Tag::Untagged);
    let mut i = 0;
    while i < TAGGED.len() {
        let tag = TAGGED[i].1;
        t[tag as usize] = Some(tag);
        i += 1;
    }
    t
};

/// [`single_kind`] of each tag, by its number, up to the last that has a kind word
/// or starts one.
static SINGLE_KINDS: [Option<(KindWord, bool)>; Tag::Dk as usize + 1] = SINGLE_KIND_TABLE;

/// [`SINGLE_KINDS`] as a constant, for the other tables built from it (a constant may
/// not read a static before Rust 1.83; the MSRV is 1.82).
const SINGLE_KIND_TABLE: [Option<(KindWord, bool)>; Tag::Dk as usize + 1] = {
    let mut t = [None; Tag::Dk as usize + 1];
    let mut i = 0;
    while i < t.len() {
        if let Some(tag) = TAGS[i] {
            t[i] = single_kind(tag);
        }
        i += 1;
    }
    t
};

/// The tags (bits by number) that start a kind word of two words with some tag
/// after them, joined or not ([`pair_kind`]).
const PAIR_STARTS: u64 = {
    let mut bits = 0u64;
    let mut i = 0;
    while i < SINGLE_KIND_TABLE.len() {
        if let Some(t0) = TAGS[i] {
            let mut j = 0;
            while j < TAGS.len() {
                if let Some(t1) = TAGS[j] {
                    if pair_kind(t0, t1, false).is_some() || pair_kind(t0, t1, true).is_some() {
                        bits |= 1 << i;
                    }
                }
                j += 1;
            }
        }
        i += 1;
    }
    bits
};

/// The English kind word that a name ending in a word tagged `t` ends with ("Ho Chi
/// Minh City", "Lam Dong Province", "Ben Nghe Ward").
pub(crate) fn trailing_kind(t: Tag) -> Option<KindWord> {
    use Tag as T;
    Some(match t {
        T::City => KindWord::City,
        T::Province => KindWord::Province,
        T::District => KindWord::District,
        T::Ward => KindWord::Ward,
        T::Commune => KindWord::Commune,
        T::Town => KindWord::EnglishTown,
        T::Township => KindWord::Township,
        _ => return None,
    })
}

/// A word that starts a remark after an address ("gần chợ", "đối diện UBND",
/// "Shop cũ: 94 Quốc Lộ 9"): what follows it describes the place, it names no unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RemarkWord {
    /// gần (near), sát (right by)
    Near,
    /// đối diện (opposite)
    Opposite,
    /// cạnh, bên cạnh, kế bên (next to)
    Beside,
    /// ngã ba, ngã tư, ngã 3, ngã 4… (a junction)
    Junction,
    /// "… cũ:" (a former address: "Shop cũ:", "CH cũ:", "Địa chỉ cũ:")
    Former,
    /// "… mới:" (a new address)
    New,
}

/// The remark words that start a remark by themselves, as written (key, spelling):
/// with their diacritics, since without them "gan", "canh" or "sat" may begin a
/// name.
const REMARK_STARTS: [(&[(&str, &str)], RemarkWord); 12] = [
    (&[("gan", "gần")], RemarkWord::Near),
    (&[("sat", "sát")], RemarkWord::Near),
    (&[("doi", "đối"), ("dien", "diện")], RemarkWord::Opposite),
    (&[("canh", "cạnh")], RemarkWord::Beside),
    (&[("ben", "bên"), ("canh", "cạnh")], RemarkWord::Beside),
    (&[("ke", "kế"), ("ben", "bên")], RemarkWord::Beside),
    (&[("nga", "ngã"), ("ba", "ba")], RemarkWord::Junction),
    (&[("nga", "ngã"), ("tu", "tư")], RemarkWord::Junction),
    (&[("nga", "ngã"), ("3", "")], RemarkWord::Junction),
    (&[("nga", "ngã"), ("4", "")], RemarkWord::Junction),
    (&[("nga", "ngã"), ("5", "")], RemarkWord::Junction),
    (&[("nga", "ngã"), ("6", "")], RemarkWord::Junction),
];

/// What a word may be in a remark, on its key alone: the quick test before
/// [`remark_start`] and [`remark_label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RemarkKey {
    /// Not a remark word.
    No,
    /// The first word of a [`remark_start`].
    Start,
    /// The "cũ" or "mới" of a [`remark_label`].
    Label,
}

/// [`RemarkKey`] of a key.
#[inline]
pub(crate) fn remark_key(key: &[u8]) -> RemarkKey {
    packed(key).map_or(RemarkKey::No, remark_packed)
}

/// The keys [`remark_key`] knows, with what each may be.
const REMARK_KEYS: [(&[u8], RemarkKey); 9] = [
    (b"gan", RemarkKey::Start),
    (b"sat", RemarkKey::Start),
    (b"doi", RemarkKey::Start),
    (b"canh", RemarkKey::Start),
    (b"ben", RemarkKey::Start),
    (b"ke", RemarkKey::Start),
    (b"nga", RemarkKey::Start),
    (b"cu", RemarkKey::Label),
    (b"moi", RemarkKey::Label),
];

/// The slot of a packed key in [`REMARK_TABLE`]: the byte of the [`TAG_HASH`]
/// product below [`TAG_TABLE`]'s.
#[inline]
const fn remark_slot(v: u64) -> usize {
    ((v.wrapping_mul(TAG_HASH) >> 48) & 0xFF) as usize
}

/// [`REMARK_KEYS`] by a perfect hash of the packed key: (packed key, what it may
/// be); key 0 (no key) for an empty slot.
static REMARK_TABLE: [(u64, RemarkKey); 256] = {
    let mut t = [(0u64, RemarkKey::No); 256];
    let mut i = 0;
    while i < REMARK_KEYS.len() {
        let v = pack(REMARK_KEYS[i].0);
        let slot = remark_slot(v);
        assert!(
            t[slot].0 == 0,
            "remark_slot is not a perfect hash of REMARK_KEYS"
        );
        t[slot] = (v, REMARK_KEYS[i].1);
        i += 1;
    }
    t
};

/// [`remark_key`] of a packed key: one probe.
#[inline]
fn remark_packed(v: u64) -> RemarkKey {
    let (k, r) = REMARK_TABLE[remark_slot(v)];
    if k == v {
        r
    } else {
        RemarkKey::No
    }
}

/// The remark word that the words from `i` begin with (`text(j)` is word `j` as
/// written, `key(j)` its key; `n` words in all), if any.
pub(crate) fn remark_start<'t>(
    i: usize,
    n: usize,
    text: impl Fn(usize) -> &'t str,
    key: impl Fn(usize) -> &'t str,
) -> Option<RemarkWord> {
    'starts: for (spelling, word) in REMARK_STARTS {
        if i + spelling.len() > n {
            continue;
        }
        for (j, (k, s)) in spelling.iter().enumerate() {
            // The key first: it rules out almost every word without reading it.
            if key(i + j) != *k || !(s.is_empty() || crate::text::letters::spelled(text(i + j), s))
            {
                continue 'starts;
            }
        }
        return Some(word);
    }
    None
}

/// The remark label that the words `i..i + n` end with: a word "cũ" (former) or
/// "mới" (new) followed by a colon ("Shop cũ:", "Địa chỉ mới:"), as (word, index of
/// "cũ"/"mới"). `after(j)` is the text right after word `j`.
pub(crate) fn remark_label<'t>(
    range: std::ops::Range<usize>,
    text: impl Fn(usize) -> &'t str,
    key: impl Fn(usize) -> &'t str,
    after: impl Fn(usize) -> &'t str,
) -> Option<RemarkWord> {
    for j in range {
        let word = match key(j) {
            "cu" if crate::text::letters::spelled(text(j), "cũ") => RemarkWord::Former,
            "moi" if crate::text::letters::spelled(text(j), "mới") => RemarkWord::New,
            _ => continue,
        };
        if after(j).trim_start().starts_with(':') {
            return Some(word);
        }
    }
    None
}

/// Keys of words that begin the name of a place that is not a unit: a building, a
/// market, a school, an office ("Nhà văn hóa", "Chợ Bến Thành", "Bệnh viện Chợ
/// Rẫy", "Tòa nhà Bitexco", "Công ty …"). A segment that no unit matched and that
/// starts with one names a landmark, not a unit left unresolved. (Units begin with
/// some of these words too, "Nhà Bè", "Chợ Mới": they are matched before this is
/// asked.)
const LANDMARK_STARTS: [&str; 22] = [
    "benh", "block", "building", "can", "cho", "chung", "cong", "cty", "cua", "kcn", "kiot", "nha",
    "phong", "shop", "sieu", "tang", "tap", "toa", "tower", "truong", "ubnd", "van",
];

/// Whether a word with key `key` begins a landmark's name ([`LANDMARK_STARTS`]).
pub(crate) fn is_landmark_start(key: &str) -> bool {
    LANDMARK_STARTS.binary_search(&key).is_ok()
}

#[cfg(test)]
mod landmark_tests {
    #[test]
    fn landmark_starts_are_sorted_keys() {
        let l = super::LANDMARK_STARTS;
        assert!(l.windows(2).all(|w| w[0] < w[1]));
        assert!(l.iter().all(|k| crate::search_key(k) == *k));
        assert!(super::is_landmark_start("nha"));
        assert!(!super::is_landmark_start("nhabe"));
    }
}

#[cfg(test)]
mod remark_key_tests {
    use super::*;

    #[test]
    fn packed_is_pack() {
        let bytes = b"abcdefghij";
        for n in 0..=bytes.len() {
            let w = &bytes[..n];
            let want = (1..=8).contains(&n).then(|| pack(w));
            assert_eq!(packed(w), want, "{n}");
        }
        assert_eq!(packed(b"\xFF\x01\xFE"), Some(0xFE01FF));
    }

    #[test]
    fn remark_keys_and_tags_from_one_packing() {
        let starts = ["gan", "sat", "doi", "canh", "ben", "ke", "nga"];
        for w in starts {
            assert_eq!(remark_key(w.as_bytes()), RemarkKey::Start, "{w}");
        }
        for w in ["cu", "moi"] {
            assert_eq!(remark_key(w.as_bytes()), RemarkKey::Label, "{w}");
        }
        for w in [
            "",
            "g",
            "ga",
            "gann",
            "bent",
            "kee",
            "nga3",
            "canhcanh",
            "gangangan",
        ] {
            assert_eq!(remark_key(w.as_bytes()), RemarkKey::No, "{w}");
        }
        let words = TAGGED.iter().map(|(w, _)| *w);
        for w in words.chain(starts.iter().map(|w| w.as_bytes())).chain([
            &b"cu"[..],
            b"moi",
            b"",
            b"thanhphox",
            b"x1",
        ]) {
            let (tag, remark) = tag_and_remark(w);
            assert_eq!(tag, tag_of(w), "{w:?}");
            assert_eq!(remark, remark_key(w) != RemarkKey::No, "{w:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables [`kind_of`] reads give what its rules say, for every pair of tags
    /// and every tag alone.
    #[test]
    fn kind_tables_follow_the_rules() {
        let tags: Vec<Tag> = TAGS.iter().flatten().copied().collect();
        assert!(tags.len() > 60);
        for &t0 in &tags {
            let single = single_kind(t0).map(|(k, full)| (k, 1, full));
            assert_eq!(kind_of(t0, None, false), single, "{t0:?}");
            for &t1 in &tags {
                for joined in [false, true] {
                    let want = pair_kind(t0, t1, joined).or(single);
                    assert_eq!(
                        kind_of(t0, Some(t1), joined),
                        want,
                        "{t0:?} {t1:?} {joined}"
                    );
                }
            }
        }
        assert_eq!(
            kind_of(Tag::Thanh, Some(Tag::Pho), false),
            Some((KindWord::City, 2, true))
        );
        assert_eq!(
            kind_of(Tag::T, Some(Tag::X), true),
            Some((KindWord::Town, 2, false))
        );
        assert_eq!(
            kind_of(Tag::T, Some(Tag::X), false),
            Some((KindWord::Province, 1, false))
        );
        assert_eq!(kind_of(Tag::Dao, None, false), None);
        for &t0 in &tags {
            for &t1 in &tags {
                for joined in [false, true] {
                    let k = kind_of(t0, Some(t1), joined);
                    assert!(may_start_kind(t0) || k.is_none(), "{t0:?}");
                    assert_eq!(unpack_kind(pack_kind(k)), k, "{t0:?} {t1:?} {joined}");
                    let packed = packed_kinds(t0, Some((t1, joined)));
                    assert_eq!(unpack_kind(packed[1]), k, "{t0:?} {t1:?} {joined}");
                    assert_eq!(unpack_kind(packed[0]), kind_of(t0, None, false));
                    if !starts_pair(t0) {
                        assert_eq!(packed[0], packed[1], "{t0:?} {t1:?} {joined}");
                    }
                }
            }
        }
        for (i, &k) in KIND_WORDS.iter().enumerate() {
            assert_eq!(k as usize, i);
        }
    }
}
