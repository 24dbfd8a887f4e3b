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

/// Whether a tag is a word that introduces a hamlet, a street, a road or a house
/// number ("Ấp 2", "Tổ 3", "Đường Lê Lợi", "Tỉnh lộ 8", "Số 12").
pub(crate) fn is_place_word(t: u8) -> bool {
    (tag::AP..=tag::GROUP).contains(&t) || is_street(t) || t == tag::LO
}

/// Whether a tag is a word that introduces a street or a house number ("Đường Lê
/// Lợi", "Ngõ 5", "Số 12").
pub(crate) fn is_street(t: u8) -> bool {
    (tag::DUONG..=tag::SO).contains(&t)
}

/// The kind word made of a word tagged `t0` (and the next one, tagged `t1`, which
/// follows it after a single dot when `joined`), how many words it takes, and whether
/// it is a full word (not an abbreviation).
#[inline]
pub(crate) fn kind_of(t0: u8, t1: Option<u8>, joined: bool) -> Option<(KindWord, usize, bool)> {
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
    // Two initials with a dot between them: "T.P Kon Tum", "T.X.Thuận Thành",
    // "T.Xã.Nghi Sơn", "T.T Na Dương", "T.Trấn Trâu Quỳ".
    if joined && t0 == T {
        let k = match t1 {
            Some(P | PHO) => Some(K::City),
            Some(X | XA) => Some(K::Town),
            Some(T | TRAN) => Some(K::Township),
            _ => None,
        };
        if let Some(k) = k {
            return Some((k, 2, false));
        }
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
    match key {
        b"gan" | b"sat" | b"doi" | b"canh" | b"ben" | b"ke" | b"nga" => RemarkKey::Start,
        b"cu" | b"moi" => RemarkKey::Label,
        _ => RemarkKey::No,
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
