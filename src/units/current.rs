//! Provinces and communes of the current structure (from 1 July 2025).

use std::fmt;

use crate::legacy;
use crate::tables::generated as g;
use crate::tables::records;
use crate::tables::{Span, Str};
use crate::units::code::{CommuneCode, PostalCode, PostalPrefix, ProvinceCode};
use crate::units::date::Date;
use crate::units::kind::{CommuneKind, FullName, Geo, ProvinceKind, Share};
use crate::units::record::{english_names, record_traits};

/// A province-level unit of the current structure: one of the 34 provinces and
/// centrally governed cities in force from 1 July 2025.
///
/// Records are `&'static`: get them with [`Province::get`] or [`Province::all`]. They
/// compare, hash and sort by code, so they go in sets and maps as they are.
///
/// # Examples
/// ```
/// use dvhc::{Province, ProvinceKind};
///
/// let hcm = Province::get("79".parse().unwrap()).unwrap();
/// assert_eq!(hcm.name(), "Hồ Chí Minh");
/// assert_eq!(hcm.kind(), ProvinceKind::Municipality);
/// assert_eq!(hcm.to_string(), "Thành phố Hồ Chí Minh");
/// assert_eq!(hcm.communes().len(), 168);
/// ```
pub struct Province {
    pub(crate) code: ProvinceCode,
    pub(crate) name: Str,
    pub(crate) kind: ProvinceKind,
    pub(crate) resolution: u8,
    pub(crate) communes: Span,
    pub(crate) predecessors: Span,
    pub(crate) postal_prefixes: Span,
    pub(crate) phone_code: u16,
}

record_traits!(Province, "Province");
english_names!(
    Province,
    "dvhc::Province::get(\"79\".parse().unwrap()).unwrap()",
    name_en = "Ho Chi Minh",
    full = "Ho Chi Minh City",
    codename = "thanh_pho_ho_chi_minh",
    short = "ho_chi_minh"
);

impl Province {
    /// The province with this code, if there is one.
    ///
    /// ```
    /// use dvhc::{Province, ProvinceCode};
    /// assert_eq!(Province::get(ProvinceCode::new(68).unwrap()).unwrap().name(), "Lâm Đồng");
    /// assert!(Province::get(ProvinceCode::new(2).unwrap()).is_none()); // Hà Giang, merged in 2025
    /// ```
    #[inline]
    pub fn get(code: ProvinceCode) -> Option<&'static Province> {
        records::province(code.0)
    }

    /// All 34 provinces, sorted by code.
    ///
    /// ```
    /// assert_eq!(dvhc::Province::all().len(), 34);
    /// ```
    pub fn all() -> &'static [Province] {
        &g::PROVINCES
    }

    /// The official code.
    ///
    /// ```
    /// let p = dvhc::Province::all().first().unwrap();
    /// assert_eq!(p.code().to_string(), "01");
    /// ```
    pub fn code(&self) -> ProvinceCode {
        self.code
    }

    /// The name without the kind prefix, exactly as officially written (NFC), e.g.
    /// `"Hồ Chí Minh"`.
    ///
    /// ```
    /// assert_eq!(dvhc::Province::all()[0].name(), "Hà Nội");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name.get()
    }

    /// The kind in force now (after the 2026 amendments).
    ///
    /// ```
    /// use dvhc::{Province, ProvinceKind};
    /// let dong_nai = Province::get("75".parse().unwrap()).unwrap();
    /// assert_eq!(dong_nai.kind(), ProvinceKind::Municipality); // since 30 April 2026
    /// ```
    pub fn kind(&self) -> ProvinceKind {
        self.kind
    }

    /// The kind in force on `date`, or `None` before 1 July 2025, when this unit did
    /// not exist in this form.
    ///
    /// ```
    /// use dvhc::{Date, Province, ProvinceKind};
    /// let dong_nai = Province::get("75".parse().unwrap()).unwrap();
    /// assert_eq!(dong_nai.kind_on("2026-04-29".parse().unwrap()), Some(ProvinceKind::Province));
    /// assert_eq!(dong_nai.kind_on("2026-04-30".parse().unwrap()), Some(ProvinceKind::Municipality));
    /// assert_eq!(dong_nai.kind_on(Date::LAST_LEGACY_DAY), None);
    /// ```
    pub fn kind_on(&self, date: Date) -> Option<ProvinceKind> {
        kind_on(self.kind, date, |d| match d {
            ChangeDetail::ProvinceKind {
                code,
                before,
                after,
            } if code == self.code => Some((before, after)),
            _ => None,
        })
    }

    /// The full official name now, e.g. `Thành phố Hồ Chí Minh`.
    ///
    /// ```
    /// let p = dvhc::Province::get("68".parse().unwrap()).unwrap();
    /// assert_eq!(p.full_name().to_string(), "Tỉnh Lâm Đồng");
    /// ```
    pub fn full_name(&self) -> FullName {
        FullName {
            prefix: self.kind.prefix(),
            name: self.name.get(),
        }
    }

    /// The full official name in force on `date` (`None` before 1 July 2025).
    ///
    /// ```
    /// let qn = dvhc::Province::get("22".parse().unwrap()).unwrap();
    /// let before = qn.full_name_on("2026-08-31".parse().unwrap()).unwrap();
    /// let after = qn.full_name_on("2026-09-01".parse().unwrap()).unwrap();
    /// assert_eq!(before.to_string(), "Tỉnh Quảng Ninh");
    /// assert_eq!(after.to_string(), "Thành phố Quảng Ninh");
    /// ```
    pub fn full_name_on(&self, date: Date) -> Option<FullName> {
        self.kind_on(date).map(|kind| FullName {
            prefix: kind.prefix(),
            name: self.name.get(),
        })
    }

    /// The resolution of the Standing Committee of the National Assembly that
    /// arranged this province's communes in 2025, e.g. `"1685/NQ-UBTVQH15"`.
    ///
    /// ```
    /// let p = dvhc::Province::get("79".parse().unwrap()).unwrap();
    /// assert_eq!(p.resolution(), "1685/NQ-UBTVQH15");
    /// ```
    pub fn resolution(&self) -> &'static str {
        g::RESOLUTIONS[usize::from(self.resolution)]
    }

    /// The communes of this province, sorted by code. Allocates nothing.
    ///
    /// ```
    /// let lang_son = dvhc::Province::get("20".parse().unwrap()).unwrap();
    /// assert_eq!(lang_son.communes().len(), 65);
    /// assert!(lang_son.communes().all(|c| c.province().code() == lang_son.code()));
    /// ```
    pub fn communes(
        &self,
    ) -> impl ExactSizeIterator<Item = &'static Commune> + DoubleEndedIterator + Clone {
        self.communes
            .of(&g::PROVINCE_COMMUNES)
            .iter()
            .map(|&i| &g::COMMUNES[usize::from(i)])
    }

    /// The pre-2025 provinces merged into this one, sorted by code (one when the
    /// province was not merged).
    ///
    /// ```
    /// let hcm = dvhc::Province::get("79".parse().unwrap()).unwrap();
    /// let old: Vec<_> = hcm.predecessors().map(|p| p.name()).collect();
    /// assert_eq!(old, ["Bình Dương", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"]);
    /// ```
    pub fn predecessors(
        &self,
    ) -> impl ExactSizeIterator<Item = &'static legacy::Province> + DoubleEndedIterator + Clone
    {
        self.predecessors
            .of(&g::PROVINCE_PREDECESSORS)
            .iter()
            .map(|&i| &g::LEGACY_PROVINCES[usize::from(i)])
    }

    /// The fixed-line telephone area code (*mã vùng*, without the trunk `0`): that of
    /// the pre-2025 province whose name this one bears, as the provinces web API gives
    /// it (`28` Hồ Chí Minh, `24` Hà Nội, `222` Bắc Ninh). A merged province keeps
    /// every code of its old provinces in use; see [`phone_codes`](Self::phone_codes).
    ///
    /// ```
    /// let bac_ninh = dvhc::Province::get("24".parse().unwrap()).unwrap();
    /// assert_eq!(bac_ninh.phone_code(), 222); // Bắc Ninh's, not Bắc Giang's 204
    /// ```
    pub fn phone_code(&self) -> u16 {
        self.phone_code
    }

    /// Every telephone area code in use in the province: those of the pre-2025
    /// provinces merged into it (letter 2784/BKHCN-CVT of 2025 keeps them all), by
    /// their code.
    ///
    /// ```
    /// let hcm = dvhc::Province::get("79".parse().unwrap()).unwrap();
    /// assert_eq!(hcm.phone_codes().collect::<Vec<_>>(), [274, 254, 28]);
    /// ```
    pub fn phone_codes(&self) -> impl ExactSizeIterator<Item = u16> + Clone {
        self.predecessors().map(legacy::Province::phone_code)
    }

    /// The two-digit postal code prefixes assigned to the province (1 to 7), in
    /// order; the postal code of each of its communes starts with one of them. Some
    /// are reserved and no commune's code uses them (Hà Nội 10 and 14).
    ///
    /// ```
    /// let hcm = dvhc::Province::get("79".parse().unwrap()).unwrap();
    /// let prefixes: Vec<String> = hcm.postal_code_prefixes().iter().map(|p| p.to_string()).collect();
    /// assert_eq!(prefixes, ["70", "71", "72", "73", "74", "75", "78"]);
    /// assert!(hcm.communes().all(|c| hcm.postal_code_prefixes().contains(&c.postal_code().prefix())));
    /// ```
    pub fn postal_code_prefixes(&self) -> &'static [PostalPrefix] {
        self.postal_prefixes.of(&g::POSTAL_PREFIXES)
    }
}

impl fmt::Display for Province {
    /// The full official name in force now, e.g. `Thành phố Hồ Chí Minh`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}

/// A commune-level unit of the current structure: a *phường* (ward), *xã* (commune)
/// or *đặc khu* (special zone); 3,321 in all.
///
/// # Examples
/// ```
/// use dvhc::{Commune, CommuneKind, Share};
///
/// let sai_gon = Commune::get("26740".parse().unwrap()).unwrap();
/// assert_eq!(sai_gon.to_string(), "Phường Sài Gòn");
/// assert_eq!(sai_gon.kind(), CommuneKind::Ward);
/// assert_eq!(sai_gon.province().name(), "Hồ Chí Minh");
/// // Formed from Bến Nghé (whole) and parts of Đa Kao and Nguyễn Thái Bình.
/// let bn = sai_gon.predecessors().find(|(c, _)| c.name() == "Bến Nghé").unwrap();
/// assert_eq!(bn.1, Share::Whole);
/// ```
pub struct Commune {
    pub(crate) code: CommuneCode,
    pub(crate) name: Str,
    pub(crate) kind: CommuneKind,
    pub(crate) province: u8,
    pub(crate) resolution: u8,
    pub(crate) geo: Geo,
    pub(crate) predecessors: Span,
    /// For the 5 đặc khu formed from whole communeless island districts: the index of
    /// that legacy district, else `u16::MAX`.
    pub(crate) island_district: u16,
    pub(crate) postal_code: PostalCode,
}

record_traits!(Commune, "Commune");
english_names!(
    Commune,
    "dvhc::Commune::get(\"26740\".parse().unwrap()).unwrap()",
    name_en = "Sai Gon",
    full = "Sai Gon Ward",
    codename = "phuong_sai_gon",
    short = "sai_gon"
);

impl Commune {
    /// The commune with this code, if there is one.
    ///
    /// ```
    /// use dvhc::{Commune, CommuneCode};
    /// let c = Commune::get(CommuneCode::new(24781).unwrap()).unwrap();
    /// assert_eq!(c.name(), "Xuân Hương - Đà Lạt");
    /// assert!(Commune::get(CommuneCode::new(1).unwrap()).is_none());
    /// ```
    #[inline]
    pub fn get(code: CommuneCode) -> Option<&'static Commune> {
        records::commune(code.0)
    }

    /// The commune with this postal code (*mã bưu chính*), if there is one. Every
    /// commune has its own code (the importer and the generator check that no two
    /// share one), so there is at most one; the look-up is a binary search of a
    /// static table.
    ///
    /// ```
    /// use dvhc::{Commune, PostalCode};
    /// let code: PostalCode = "11120".parse().unwrap();
    /// let c = Commune::by_postal_code(code).unwrap();
    /// assert_eq!(c.to_string(), "Phường Ba Đình");
    /// assert_eq!(c.postal_code(), code);
    /// // Leading zeros are part of the code; a lenient parse adds them.
    /// let ba_che = Commune::by_postal_code(PostalCode::parse_lenient("2006").unwrap());
    /// assert_eq!(ba_che.unwrap().name(), "Ba Chẽ");
    /// assert!(Commune::by_postal_code("99999".parse().unwrap()).is_none());
    /// ```
    #[inline]
    pub fn by_postal_code(code: PostalCode) -> Option<&'static Commune> {
        records::commune_by_postal(code.0)
    }

    /// All 3,321 communes, sorted by code.
    ///
    /// ```
    /// assert_eq!(dvhc::Commune::all().len(), 3321);
    /// ```
    pub fn all() -> &'static [Commune] {
        &g::COMMUNES
    }

    /// The official code.
    ///
    /// ```
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(c.code().to_string(), "00004");
    /// ```
    pub fn code(&self) -> CommuneCode {
        self.code
    }

    /// The name without the kind prefix, exactly as officially written (NFC).
    /// Numbered wards keep their official digits.
    ///
    /// ```
    /// let c = dvhc::Commune::all().first().unwrap();
    /// assert_eq!(c.name(), "Ba Đình");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name.get()
    }

    /// The kind in force now (after the 2026 amendments).
    ///
    /// ```
    /// use dvhc::{Commune, CommuneKind};
    /// let long_thanh = Commune::get("26368".parse().unwrap()).unwrap();
    /// assert_eq!(long_thanh.kind(), CommuneKind::Ward); // a xã until 30 April 2026
    /// ```
    pub fn kind(&self) -> CommuneKind {
        self.kind
    }

    /// The kind in force on `date`, or `None` before 1 July 2025.
    ///
    /// ```
    /// use dvhc::{Commune, CommuneKind};
    /// let long_thanh = Commune::get("26368".parse().unwrap()).unwrap();
    /// assert_eq!(long_thanh.kind_on("2025-07-01".parse().unwrap()), Some(CommuneKind::Commune));
    /// assert_eq!(long_thanh.kind_on("2026-04-30".parse().unwrap()), Some(CommuneKind::Ward));
    /// ```
    pub fn kind_on(&self, date: Date) -> Option<CommuneKind> {
        kind_on(self.kind, date, |d| match d {
            ChangeDetail::CommuneKind {
                code,
                before,
                after,
            } if code == self.code => Some((before, after)),
            _ => None,
        })
    }

    /// The full official name now, e.g. `Phường Sài Gòn`.
    ///
    /// ```
    /// let c = dvhc::Commune::get("24781".parse().unwrap()).unwrap();
    /// assert_eq!(c.full_name().to_string(), "Phường Xuân Hương - Đà Lạt");
    /// ```
    pub fn full_name(&self) -> FullName {
        FullName {
            prefix: self.kind.prefix(),
            name: self.name.get(),
        }
    }

    /// The full official name in force on `date` (`None` before 1 July 2025).
    ///
    /// ```
    /// let c = dvhc::Commune::get("07294".parse().unwrap()).unwrap();
    /// assert_eq!(c.full_name_on("2026-09-19".parse().unwrap()).unwrap().to_string(), "Xã Bố Hạ");
    /// assert_eq!(c.full_name_on("2026-09-20".parse().unwrap()).unwrap().to_string(), "Phường Bố Hạ");
    /// ```
    pub fn full_name_on(&self, date: Date) -> Option<FullName> {
        self.kind_on(date).map(|kind| FullName {
            prefix: kind.prefix(),
            name: self.name.get(),
        })
    }

    /// The province this commune belongs to.
    ///
    /// ```
    /// let c = dvhc::Commune::get("24781".parse().unwrap()).unwrap();
    /// assert_eq!(c.province().code().get(), 68);
    /// ```
    pub fn province(&self) -> &'static Province {
        &g::PROVINCES[usize::from(self.province)]
    }

    /// The NQ-UBTVQH15 resolution (16 June 2025) that formed this commune, e.g.
    /// `"1685/NQ-UBTVQH15"`.
    ///
    /// ```
    /// let c = dvhc::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(c.resolution(), "1685/NQ-UBTVQH15");
    /// ```
    pub fn resolution(&self) -> &'static str {
        g::RESOLUTIONS[usize::from(self.resolution)]
    }

    /// Centre, area and population, where known.
    ///
    /// ```
    /// let c = dvhc::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert!(c.geo().population().is_some());
    /// ```
    pub fn geo(&self) -> &Geo {
        &self.geo
    }

    /// The pre-2025 communes this commune was formed from, sorted by code, each with
    /// whether all of it or only part of it came here.
    ///
    /// The 5 đặc khu formed from whole island districts that had no communes
    /// (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) yield none here; see
    /// [`Commune::island_district`].
    ///
    /// ```
    /// use dvhc::{Commune, Share};
    /// let tan_dinh = Commune::get("26737".parse().unwrap()).unwrap();
    /// let da_kao = tan_dinh.predecessors().find(|(c, _)| c.name() == "Đa Kao").unwrap();
    /// assert_eq!(da_kao.1, Share::Partial);
    /// ```
    pub fn predecessors(
        &self,
    ) -> impl ExactSizeIterator<Item = (&'static legacy::Commune, Share)> + DoubleEndedIterator + Clone
    {
        self.predecessors
            .of(&g::PREDECESSORS)
            .iter()
            .map(|&(i, share)| (&g::LEGACY_COMMUNES[usize::from(i)], share))
    }

    /// For the 5 đặc khu formed from a whole island district that had no communes, that
    /// district; `None` for every other commune.
    ///
    /// ```
    /// let con_dao = dvhc::Commune::get("26732".parse().unwrap()).unwrap();
    /// assert_eq!(con_dao.island_district().unwrap().to_string(), "Huyện Côn Đảo");
    /// ```
    pub fn island_district(&self) -> Option<&'static legacy::District> {
        records::island_district(self.island_district)
    }

    /// The five-digit national postal code (*mã bưu chính*, Quyết định
    /// 2334/QĐ-BKHCN of 24 August 2025). It starts with one of the
    /// [prefixes](Province::postal_code_prefixes) of the commune's province, and no two
    /// communes share one.
    ///
    /// ```
    /// let sai_gon = dvhc::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(sai_gon.postal_code().to_string(), "71016");
    /// let ba_che = dvhc::Commune::get("06970".parse().unwrap()).unwrap();
    /// assert_eq!(ba_che.postal_code().to_string(), "02006");
    /// ```
    pub fn postal_code(&self) -> PostalCode {
        self.postal_code
    }
}

impl fmt::Display for Commune {
    /// The full official name in force now, e.g. `Phường Sài Gòn`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}

/// The kind in force on `date` of a unit whose kind is `now`: undo, newest first, the
/// changes (`before`, `after`) that `of` picks out and that took effect after `date`.
/// `None` before the reform, when no current unit existed.
fn kind_on<K: Copy + PartialEq>(
    now: K,
    date: Date,
    of: impl Fn(ChangeDetail) -> Option<(K, K)>,
) -> Option<K> {
    if date < Date::REFORM {
        return None;
    }
    let mut kind = now;
    for change in g::CHANGES.iter().rev().filter(|c| c.date > date) {
        if let Some((before, after)) = of(change.detail) {
            if kind == after {
                kind = before;
            }
        }
    }
    Some(kind)
}

/// One change to the current structure after 1 July 2025 (the 2026 amendments).
///
/// Codes never changed; only kinds did (3 provinces became centrally governed cities,
/// 22 xã became phường).
///
/// # Examples
/// ```
/// use dvhc::{changes, ChangeDetail};
///
/// let first = &changes()[0];
/// assert_eq!(first.date().to_string(), "2026-04-30");
/// assert!(matches!(first.detail(), ChangeDetail::ProvinceKind { .. } | ChangeDetail::CommuneKind { .. }));
/// assert_eq!(changes().len(), 25);
/// ```
#[derive(Debug)]
pub struct Change {
    pub(crate) date: Date,
    pub(crate) detail: ChangeDetail,
    pub(crate) legal_basis: &'static str,
}

impl Change {
    /// The day the change took effect.
    ///
    /// ```
    /// assert_eq!(dvhc::changes().last().unwrap().date().to_string(), "2026-09-20");
    /// ```
    pub fn date(&self) -> Date {
        self.date
    }

    /// What changed.
    ///
    /// ```
    /// use dvhc::{changes, ChangeDetail, CommuneKind};
    /// let n = changes().iter().filter(|c| matches!(c.detail(),
    ///     ChangeDetail::CommuneKind { after: CommuneKind::Ward, .. })).count();
    /// assert_eq!(n, 22);
    /// ```
    pub fn detail(&self) -> ChangeDetail {
        self.detail
    }

    /// The resolution that made the change, e.g. `"30/2026/QH16"`.
    ///
    /// ```
    /// assert!(dvhc::changes().iter().any(|c| c.legal_basis() == "388/NQ-UBTVQH16"));
    /// ```
    pub fn legal_basis(&self) -> &'static str {
        self.legal_basis
    }
}

/// What a [`Change`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeDetail {
    /// A province changed kind.
    ProvinceKind {
        /// The province.
        code: ProvinceCode,
        /// Its kind before the change.
        before: ProvinceKind,
        /// Its kind from the change on.
        after: ProvinceKind,
    },
    /// A commune changed kind.
    CommuneKind {
        /// The commune.
        code: CommuneCode,
        /// Its kind before the change.
        before: CommuneKind,
        /// Its kind from the change on.
        after: CommuneKind,
    },
}

/// Every change to the current structure since 1 July 2025, sorted by date.
///
/// ```
/// let cities: Vec<_> = dvhc::changes().iter().filter_map(|c| match c.detail() {
///     dvhc::ChangeDetail::ProvinceKind { code, .. } => Some(code.get()),
///     _ => None,
/// }).collect();
/// assert_eq!(cities, [75, 22, 24]);
/// ```
pub fn changes() -> &'static [Change] {
    &g::CHANGES
}
