//! English names and codenames: rules 1, 3 and 4 of `data/README.md` ("English names
//! and codenames"), the one implementation of them. The generator builds the English
//! names of the tables with [`strip_diacritics`]; records write their full English
//! names with [`FullNameEn`] and their codenames with [`slug`]'s rule.

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Removes every diacritic from `s` (rule 1 of the English names): Unicode
/// decomposition, every combining mark dropped, `Đ`→`D`, `đ`→`d`, and the curly
/// apostrophe `’` turned into `'`. Spaces, hyphens, digits and letter case stay as
/// they are. ASCII input is returned as it is, without allocating.
///
/// This is how the English name of every unit is made from its official name.
///
/// # Examples
/// ```
/// use dvhc::text::strip_diacritics;
/// assert_eq!(strip_diacritics("Bến Nghé"), "Ben Nghe");
/// assert_eq!(strip_diacritics("Xuân Hương - Đà Lạt"), "Xuan Huong - Da Lat");
/// assert_eq!(strip_diacritics("Ea H’Leo"), "Ea H'Leo");
/// ```
pub fn strip_diacritics(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.nfd()
            .filter(|&c| !is_combining_mark(c))
            .map(|c| match c {
                'Đ' => 'D',
                'đ' => 'd',
                '\u{2019}' => '\'',
                c => c,
            })
            .collect(),
    )
}

/// The codename (slug) of `s` (rule 4): [`strip_diacritics`], lower case,
/// apostrophes dropped, every run of characters other than `a`–`z` and `0`–`9`
/// replaced by one `_`, no `_` at either end.
///
/// A unit's [`codename`](crate::Commune::codename) is the slug of its full name, its
/// [`short_codename`](crate::Commune::short_codename) that of its bare name. Slugs are
/// not unique: names that differ only in diacritics share one.
///
/// # Examples
/// ```
/// use dvhc::text::slug;
/// assert_eq!(slug("Phường Bến Nghé"), "phuong_ben_nghe");
/// assert_eq!(slug("Xã Ea H’Leo"), "xa_ea_hleo");
/// assert_eq!(slug(" Phan Rang-Tháp Chàm "), "phan_rang_thap_cham");
/// ```
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a `String` cannot fail.
    let _ = write_slug(&mut out, &[&strip_diacritics(s)]);
    out
}

/// Writes the slug of the concatenation of `parts`, which are already without
/// diacritics (rule 4 from the lower-casing on).
pub(crate) fn write_slug(w: &mut impl fmt::Write, parts: &[&str]) -> fmt::Result {
    let (mut started, mut gap) = (false, false);
    for c in parts
        .iter()
        .flat_map(|p| p.chars())
        .flat_map(char::to_lowercase)
    {
        if c == '\'' {
            continue;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if gap && started {
                w.write_char('_')?;
            }
            w.write_char(c)?;
            (started, gap) = (true, false);
        } else {
            gap = true;
        }
    }
    Ok(())
}

/// A full English name (rule 3): the English name and the English kind word, in
/// that order ("Ben Nghe Ward", "Ho Chi Minh City", "Con Dao Special Zone"), or kind
/// word first when the name has a digit ("Ward 1", "District 12", "Ward Ha Giang 1").
/// Written without allocating.
///
/// # Examples
/// ```
/// use dvhc::{Commune, FullNameEn};
///
/// let c = Commune::get("26740".parse().unwrap()).unwrap();
/// assert_eq!(c.full_name_en().to_string(), "Sai Gon Ward");
/// assert_eq!(c.full_name_en().kind_word(), "Ward");
/// assert_eq!(FullNameEn::new("1", "District").to_string(), "District 1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FullNameEn<'a> {
    name: &'a str,
    kind_word: &'a str,
}

impl<'a> FullNameEn<'a> {
    /// The full English name of the English name `name` and the kind word `kind_word`.
    ///
    /// ```
    /// let f = dvhc::FullNameEn::new("Ha Giang 1", "Ward");
    /// assert_eq!(f.to_string(), "Ward Ha Giang 1");
    /// ```
    pub const fn new(name: &'a str, kind_word: &'a str) -> FullNameEn<'a> {
        FullNameEn { name, kind_word }
    }

    /// The English name, e.g. `"Ben Nghe"`.
    ///
    /// ```
    /// assert_eq!(dvhc::FullNameEn::new("Ben Nghe", "Ward").name(), "Ben Nghe");
    /// ```
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// The English kind word, e.g. `"Ward"`.
    ///
    /// ```
    /// assert_eq!(dvhc::FullNameEn::new("Ben Nghe", "Ward").kind_word(), "Ward");
    /// ```
    pub const fn kind_word(&self) -> &'a str {
        self.kind_word
    }

    /// Whether the kind word comes first: the name has an ASCII digit.
    fn kind_first(&self) -> bool {
        self.name.bytes().any(|b| b.is_ascii_digit())
    }
}

impl fmt::Display for FullNameEn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, second) = if self.kind_first() {
            (self.kind_word, self.name)
        } else {
            (self.name, self.kind_word)
        };
        f.write_str(first)?;
        f.write_str(" ")?;
        f.write_str(second)
    }
}

/// A codename (rule 4): the [slug](slug) of a unit's full Vietnamese name
/// (`"phuong_ben_nghe"`) or, short, of its bare name (`"ben_nghe"`). Written without
/// allocating.
///
/// A codename changes with the kind (`xa_loc_ninh` became `phuong_loc_ninh` on
/// 30 April 2026), and several units can share one; the code is the stable key.
///
/// # Examples
/// ```
/// let c = dvhc::Commune::get("26740".parse().unwrap()).unwrap();
/// assert_eq!(c.codename().to_string(), "phuong_sai_gon");
/// assert_eq!(c.short_codename().to_string(), "sai_gon");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Codename {
    /// The kind's id (the slug of its prefix), or `""` for a short codename.
    kind: &'static str,
    /// The English name.
    name: &'static str,
}

impl Codename {
    pub(crate) const fn new(kind: &'static str, name_en: &'static str) -> Codename {
        Codename {
            kind,
            name: name_en,
        }
    }
}

impl fmt::Display for Codename {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_slug(f, &[self.kind, " ", self.name])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::kind::{CommuneKind, DistrictKind, LegacyCommuneKind, ProvinceKind};

    #[test]
    fn rules() {
        assert_eq!(strip_diacritics("Đắk Lắk"), "Dak Lak");
        assert_eq!(strip_diacritics("Thừa Thiên Huế"), "Thua Thien Hue");
        assert!(matches!(strip_diacritics("Ward 1"), Cow::Borrowed(_)));
        assert_eq!(slug("Thành phố Hà Nội"), "thanh_pho_ha_noi");
        assert_eq!(slug("N.T Phong Hải"), "n_t_phong_hai");
        assert_eq!(slug(" -Quận 1- "), "quan_1");
        assert_eq!(slug("--"), "");
        assert_eq!(
            FullNameEn::new("Ben Nghe", "Ward").to_string(),
            "Ben Nghe Ward"
        );
        assert_eq!(FullNameEn::new("12", "District").to_string(), "District 12");
        assert_eq!(Codename::new("xa", "Ea H'Leo").to_string(), "xa_ea_hleo");
        assert_eq!(Codename::new("", "Ea H'Leo").to_string(), "ea_hleo");
        assert_eq!(Codename::new("quan", "1").to_string(), "quan_1");
    }

    /// A codename is written from the kind's id, which must be the slug of its prefix.
    #[test]
    fn kind_ids_are_the_slugs_of_their_prefixes() {
        let kinds = ProvinceKind::ALL
            .iter()
            .map(|k| (k.prefix(), k.id()))
            .chain(CommuneKind::ALL.iter().map(|k| (k.prefix(), k.id())))
            .chain(DistrictKind::ALL.iter().map(|k| (k.prefix(), k.id())))
            .chain(LegacyCommuneKind::ALL.iter().map(|k| (k.prefix(), k.id())));
        for (prefix, id) in kinds {
            assert_eq!(slug(prefix), id);
        }
    }
}
