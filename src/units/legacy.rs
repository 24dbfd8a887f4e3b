//! The pre-2025 three-level structure (in force to 30 June 2025): 63 provinces,
//! 696 districts and 10,035 communes, wards and townships.
//!
//! Codes of this structure have their own types, so a legacy code cannot be looked
//! up among current units by mistake:
//!
//! ```compile_fail
//! let old: dvhc::legacy::CommuneCode = "26740".parse().unwrap();
//! dvhc::Commune::get(old); // error: expected `CommuneCode`, found `LegacyCommuneCode`
//! ```

use std::fmt;

use crate::tables::generated as g;
use crate::tables::records;
use crate::tables::{Span, Str};
use crate::units::current;
use crate::units::kind::{FullName, Share};
use crate::units::record::{english_names, record_traits};

pub use crate::units::code::{
    LegacyCommuneCode as CommuneCode, LegacyDistrictCode as DistrictCode,
    LegacyProvinceCode as ProvinceCode,
};
pub use crate::units::kind::{DistrictKind, LegacyCommuneKind as CommuneKind, ProvinceKind};

/// A province of the pre-2025 structure (63 in all).
///
/// # Examples
/// ```
/// use dvhc::legacy;
///
/// let binh_duong = legacy::Province::get("74".parse().unwrap()).unwrap();
/// assert_eq!(binh_duong.to_string(), "Tỉnh Bình Dương");
/// assert_eq!(binh_duong.successor().to_string(), "Thành phố Hồ Chí Minh");
/// ```
pub struct Province {
    pub(crate) code: ProvinceCode,
    pub(crate) name: Str,
    pub(crate) kind: ProvinceKind,
    pub(crate) districts: Span,
    pub(crate) successor: u8,
    pub(crate) phone_code: u16,
}

record_traits!(Province, "legacy::Province");
english_names!(
    Province,
    "dvhc::legacy::Province::get(\"74\".parse().unwrap()).unwrap()",
    name_en = "Binh Duong",
    full = "Binh Duong Province",
    codename = "tinh_binh_duong",
    short = "binh_duong"
);

impl Province {
    /// The province with this code, if there was one on 30 June 2025.
    ///
    /// ```
    /// use dvhc::legacy;
    /// assert_eq!(legacy::Province::get("02".parse().unwrap()).unwrap().name(), "Hà Giang");
    /// assert!(legacy::Province::get("03".parse().unwrap()).is_none());
    /// ```
    #[inline]
    pub fn get(code: ProvinceCode) -> Option<&'static Province> {
        records::legacy_province(code.0)
    }

    /// All 63 provinces, sorted by code.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::Province::all().len(), 63);
    /// ```
    pub fn all() -> &'static [Province] {
        &g::LEGACY_PROVINCES
    }

    /// The official code.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::Province::all()[1].code().to_string(), "02");
    /// ```
    pub fn code(&self) -> ProvinceCode {
        self.code
    }

    /// The name without the kind prefix, as officially written.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::Province::all()[0].name(), "Hà Nội");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name.get()
    }

    /// The kind (*tỉnh* or *thành phố trực thuộc trung ương*).
    ///
    /// ```
    /// use dvhc::{legacy, ProvinceKind};
    /// assert_eq!(legacy::Province::all()[0].kind(), ProvinceKind::Municipality);
    /// ```
    pub fn kind(&self) -> ProvinceKind {
        self.kind
    }

    /// The full official name, e.g. `Tỉnh Bà Rịa - Vũng Tàu`.
    ///
    /// ```
    /// let p = dvhc::legacy::Province::get("77".parse().unwrap()).unwrap();
    /// assert_eq!(p.full_name().to_string(), "Tỉnh Bà Rịa - Vũng Tàu");
    /// ```
    pub fn full_name(&self) -> FullName {
        FullName {
            prefix: self.kind.prefix(),
            name: self.name.get(),
        }
    }

    /// The districts of this province, sorted by code. Allocates nothing.
    ///
    /// ```
    /// let hcm = dvhc::legacy::Province::get("79".parse().unwrap()).unwrap();
    /// assert_eq!(hcm.districts().len(), 22);
    /// ```
    pub fn districts(
        &self,
    ) -> impl ExactSizeIterator<Item = &'static District> + DoubleEndedIterator + Clone {
        self.districts
            .of(&g::LEGACY_PROVINCE_DISTRICTS)
            .iter()
            .map(|&i| &g::LEGACY_DISTRICTS[usize::from(i)])
    }

    /// The communes of this province, district by district. Allocates nothing.
    ///
    /// ```
    /// let hcm = dvhc::legacy::Province::get("79".parse().unwrap()).unwrap();
    /// assert_eq!(hcm.communes().count(), 273);
    /// ```
    pub fn communes(&self) -> impl Iterator<Item = &'static Commune> + Clone {
        self.districts().flat_map(District::communes)
    }

    /// The current province this one became part of (every legacy province went
    /// whole into exactly one).
    ///
    /// ```
    /// let ha_giang = dvhc::legacy::Province::get("02".parse().unwrap()).unwrap();
    /// assert_eq!(ha_giang.successor().name(), "Tuyên Quang");
    /// ```
    pub fn successor(&self) -> &'static current::Province {
        &g::PROVINCES[usize::from(self.successor)]
    }

    /// The fixed-line telephone area code (*mã vùng*, without the trunk `0`), as
    /// converted by Quyết định 2036/QĐ-BTTTT (2017) and still in use: `24` Hà Nội,
    /// `28` Hồ Chí Minh, three digits elsewhere.
    ///
    /// ```
    /// let binh_duong = dvhc::legacy::Province::get("74".parse().unwrap()).unwrap();
    /// assert_eq!(binh_duong.phone_code(), 274);
    /// ```
    pub fn phone_code(&self) -> u16 {
        self.phone_code
    }
}

impl fmt::Display for Province {
    /// The full official name, e.g. `Tỉnh Bình Dương`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}

/// A district of the pre-2025 structure (696 in all): *quận*, *huyện*, *thị xã* or
/// *thành phố* (thuộc tỉnh). Districts were abolished on 1 July 2025.
///
/// # Examples
/// ```
/// use dvhc::legacy;
///
/// let q1 = legacy::District::get("760".parse().unwrap()).unwrap();
/// assert_eq!(q1.to_string(), "Quận 1");
/// assert_eq!(q1.province().name(), "Hồ Chí Minh");
/// ```
pub struct District {
    pub(crate) code: DistrictCode,
    pub(crate) name: Str,
    pub(crate) kind: DistrictKind,
    pub(crate) province: u8,
    pub(crate) communes: Span,
    /// For the 5 communeless island districts, the index of the đặc khu it became,
    /// else `u16::MAX`.
    pub(crate) island_successor: u16,
}

record_traits!(District, "legacy::District");
english_names!(
    District,
    "dvhc::legacy::District::get(\"760\".parse().unwrap()).unwrap()",
    name_en = "1",
    full = "District 1",
    codename = "quan_1",
    short = "1"
);

impl District {
    /// The district with this code, if there was one on 30 June 2025.
    ///
    /// ```
    /// use dvhc::legacy;
    /// assert_eq!(legacy::District::get("001".parse().unwrap()).unwrap().name(), "Ba Đình");
    /// assert!(legacy::District::get("999".parse().unwrap()).is_none());
    /// ```
    #[inline]
    pub fn get(code: DistrictCode) -> Option<&'static District> {
        records::legacy_district(code.0)
    }

    /// All 696 districts, sorted by code.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::District::all().len(), 696);
    /// ```
    pub fn all() -> &'static [District] {
        &g::LEGACY_DISTRICTS
    }

    /// The official code.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::District::all()[0].code().to_string(), "001");
    /// ```
    pub fn code(&self) -> DistrictCode {
        self.code
    }

    /// The name without the kind prefix, as officially written (`"1"` for Quận 1).
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::District::all()[0].name(), "Ba Đình");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name.get()
    }

    /// The kind.
    ///
    /// ```
    /// use dvhc::legacy::{District, DistrictKind};
    /// assert_eq!(District::all()[0].kind(), DistrictKind::UrbanDistrict);
    /// ```
    pub fn kind(&self) -> DistrictKind {
        self.kind
    }

    /// The full official name, e.g. `Quận Ba Đình`.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::District::all()[0].full_name().to_string(), "Quận Ba Đình");
    /// ```
    pub fn full_name(&self) -> FullName {
        FullName {
            prefix: self.kind.prefix(),
            name: self.name.get(),
        }
    }

    /// The province this district belonged to.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::District::all()[0].province().code().get(), 1);
    /// ```
    pub fn province(&self) -> &'static Province {
        &g::LEGACY_PROVINCES[usize::from(self.province)]
    }

    /// The communes of this district, sorted by code (none for the 5 island districts
    /// that had no communes). Allocates nothing.
    ///
    /// ```
    /// let q1 = dvhc::legacy::District::get("760".parse().unwrap()).unwrap();
    /// assert_eq!(q1.communes().len(), 10);
    /// ```
    pub fn communes(
        &self,
    ) -> impl ExactSizeIterator<Item = &'static Commune> + DoubleEndedIterator + Clone {
        self.communes
            .of(&g::LEGACY_DISTRICT_COMMUNES)
            .iter()
            .map(|&i| &g::LEGACY_COMMUNES[usize::from(i)])
    }

    /// For the 5 island districts that had no communes and became a đặc khu whole
    /// (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo), that đặc khu.
    ///
    /// ```
    /// let ly_son = dvhc::legacy::District::get("536".parse().unwrap()).unwrap();
    /// assert_eq!(ly_son.island_successor().unwrap().to_string(), "Đặc khu Lý Sơn");
    /// ```
    pub fn island_successor(&self) -> Option<&'static current::Commune> {
        records::island_successor(self.island_successor)
    }

    /// The current communes this district's communes went into, sorted by code, each
    /// [`Share::Whole`] only when the whole district went into that one commune (an
    /// island district became one đặc khu), else [`Share::Partial`].
    ///
    /// ```
    /// use dvhc::{legacy, Share};
    /// let q1 = legacy::District::get("760".parse().unwrap()).unwrap();
    /// let new: Vec<_> = q1.successors().iter().map(|(c, _)| c.name()).collect();
    /// assert_eq!(new, ["Tân Định", "Sài Gòn", "Bến Thành", "Cầu Ông Lãnh"]);
    /// assert!(q1.successors().iter().all(|&(_, s)| s == Share::Partial));
    /// let con_dao = legacy::District::get("755".parse().unwrap()).unwrap();
    /// assert_eq!(con_dao.successors()[0].1, Share::Whole);
    /// ```
    pub fn successors(&self) -> Vec<(&'static current::Commune, Share)> {
        if let Some(zone) = self.island_successor() {
            return vec![(zone, Share::Whole)];
        }
        let mut out: Vec<&'static current::Commune> = self
            .communes()
            .flat_map(|c| c.successors().map(|(n, _)| n))
            .collect();
        out.sort_unstable();
        out.dedup();
        let share = if out.len() == 1 {
            Share::Whole
        } else {
            Share::Partial
        };
        out.into_iter().map(|c| (c, share)).collect()
    }
}

impl fmt::Display for District {
    /// The full official name, e.g. `Quận 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}

/// A commune-level unit of the pre-2025 structure (10,035 in all): *phường*, *xã* or
/// *thị trấn*.
///
/// # Examples
/// ```
/// use dvhc::{legacy, Share};
///
/// let da_kao = legacy::Commune::get("26737".parse().unwrap()).unwrap();
/// assert_eq!(da_kao.to_string(), "Phường Đa Kao");
/// assert_eq!(da_kao.district().to_string(), "Quận 1");
/// let parts: Vec<_> = da_kao.successors().map(|(c, s)| (c.name(), s)).collect();
/// assert_eq!(parts, [("Tân Định", Share::Partial), ("Sài Gòn", Share::Partial)]);
/// ```
pub struct Commune {
    pub(crate) code: CommuneCode,
    pub(crate) name: Str,
    pub(crate) kind: CommuneKind,
    pub(crate) district: u16,
    pub(crate) successors: Span,
}

record_traits!(Commune, "legacy::Commune");
english_names!(
    Commune,
    "dvhc::legacy::Commune::get(\"15061\".parse().unwrap()).unwrap()",
    name_en = "Ngoc Lac",
    full = "Ngoc Lac Town",
    codename = "thi_tran_ngoc_lac",
    short = "ngoc_lac"
);

impl Commune {
    /// The commune with this code, if there was one on 30 June 2025.
    ///
    /// ```
    /// use dvhc::legacy;
    /// assert_eq!(legacy::Commune::get("00001".parse().unwrap()).unwrap().name(), "Phúc Xá");
    /// assert!(legacy::Commune::get("00002".parse().unwrap()).is_none());
    /// ```
    #[inline]
    pub fn get(code: CommuneCode) -> Option<&'static Commune> {
        records::legacy_commune(code.0)
    }

    /// All 10,035 communes, sorted by code.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::Commune::all().len(), 10_035);
    /// ```
    pub fn all() -> &'static [Commune] {
        &g::LEGACY_COMMUNES
    }

    /// The official code.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::Commune::all()[0].code().to_string(), "00001");
    /// ```
    pub fn code(&self) -> CommuneCode {
        self.code
    }

    /// The name without the kind prefix, as officially written.
    ///
    /// ```
    /// assert_eq!(dvhc::legacy::Commune::all()[0].name(), "Phúc Xá");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name.get()
    }

    /// The kind (taken from the official name where the statistics office's level
    /// column is wrong; see `data/errata.tsv`).
    ///
    /// ```
    /// use dvhc::legacy::{Commune, CommuneKind};
    /// let ngoc_lac = Commune::get("15061".parse().unwrap()).unwrap();
    /// assert_eq!(ngoc_lac.kind(), CommuneKind::Township);
    /// ```
    pub fn kind(&self) -> CommuneKind {
        self.kind
    }

    /// The full official name, e.g. `Thị trấn Ngọc Lặc`.
    ///
    /// ```
    /// let c = dvhc::legacy::Commune::get("15061".parse().unwrap()).unwrap();
    /// assert_eq!(c.full_name().to_string(), "Thị trấn Ngọc Lặc");
    /// ```
    pub fn full_name(&self) -> FullName {
        FullName {
            prefix: self.kind.prefix(),
            name: self.name.get(),
        }
    }

    /// The district this commune belonged to.
    ///
    /// ```
    /// let c = dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(c.district().code().get(), 760);
    /// ```
    pub fn district(&self) -> &'static District {
        &g::LEGACY_DISTRICTS[usize::from(self.district)]
    }

    /// The province this commune belonged to.
    ///
    /// ```
    /// let c = dvhc::legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// assert_eq!(c.province().code().get(), 79);
    /// ```
    pub fn province(&self) -> &'static Province {
        self.district().province()
    }

    /// The current communes this one went into, each with whether all of it
    /// ([`Share::Whole`]) or part of it ([`Share::Partial`]) went there. Every legacy
    /// commune has at least one successor; 440 have several.
    ///
    /// ```
    /// use dvhc::{legacy, Share};
    /// let ben_nghe = legacy::Commune::get("26740".parse().unwrap()).unwrap();
    /// let v: Vec<_> = ben_nghe.successors().map(|(c, s)| (c.code().get(), s)).collect();
    /// assert_eq!(v, [(26740, Share::Whole)]);
    /// ```
    pub fn successors(
        &self,
    ) -> impl ExactSizeIterator<Item = (&'static current::Commune, Share)> + DoubleEndedIterator + Clone
    {
        self.successors
            .of(&g::SUCCESSORS)
            .iter()
            .map(|&(i, share)| (&g::COMMUNES[usize::from(i)], share))
    }

    /// `true` when this commune was split between several current communes.
    ///
    /// ```
    /// let da_kao = dvhc::legacy::Commune::get("26737".parse().unwrap()).unwrap();
    /// assert!(da_kao.is_split());
    /// ```
    pub fn is_split(&self) -> bool {
        self.successors.len > 1
    }
}

impl fmt::Display for Commune {
    /// The full official name, e.g. `Phường Bến Nghé`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full_name().fmt(f)
    }
}
