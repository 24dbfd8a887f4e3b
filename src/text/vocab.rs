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
    if w.is_empty() || w.len() > 8 {
        return Tag::Untagged;
    }
    // One probe of a perfect hash table (no key packs to 0: keys have no NUL).
    let v = pack(w);
    let (k, t) = TAG_TABLE[(v.wrapping_mul(TAG_HASH) >> 56) as usize];
    if k == v {
        t
    } else {
        Tag::Untagged
    }
}

/// Whether a tag is a word that introduces a street or a house number ("Đường Lê
/// Lợi", "Ngõ 5", "Số 12").
pub(crate) fn is_street(t: Tag) -> bool {
    (Tag::Duong as u8..=Tag::So as u8).contains(&(t as u8))
}

/// The kind word made of a word tagged `t0` (and the next one, tagged `t1`), how
/// many words it takes, and whether it is a full word (not an abbreviation).
#[inline]
pub(crate) fn kind_of(t0: Tag, t1: Option<Tag>) -> Option<(KindWord, usize, bool)> {
    use KindWord as K;
    use Tag as T;
    let two = match (t0, t1) {
        (T::Thanh, Some(T::Pho)) | (T::Thu, Some(T::Do)) => Some(K::City),
        (T::Thi, Some(T::Xa)) => Some(K::Town),
        (T::Thi, Some(T::Tran)) => Some(K::Township),
        (T::Dac, Some(T::Khu)) | (T::Special, Some(T::Zone)) => Some(K::SpecialZone),
        // "Huyện đảo Lý Sơn": an island district (no district name starts with Đảo).
        (T::Huyen, Some(T::Dao)) => Some(K::RuralDistrict),
        _ => None,
    };
    if let Some(k) = two {
        return Some((k, 2, true));
    }
    let (k, full) = match t0 {
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
    };
    Some((k, 1, full))
}

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
