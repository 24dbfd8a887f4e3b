//! Kinds of units and the small value types shared by both structures.

use std::fmt;

macro_rules! kind_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = ($id:literal, $prefix:literal, $english:literal) ),+ $(,)? }
        example = $example:literal
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every kind, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The official Vietnamese prefix of the full name, e.g. `"Phường"`.
            ///
            /// # Examples
            /// ```
            #[doc = $example]
            /// ```
            pub const fn prefix(self) -> &'static str {
                match self {
                    $($name::$variant => $prefix,)+
                }
            }

            /// The stable ASCII identifier used in `data/*.tsv` and in serialised
            /// output, e.g. `"phuong"`, `"thi_tran"`.
            pub const fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            /// The English kind word (Thông tư 03/2009/TT-BNG; *Special Zone* for đặc
            /// khu, which postdates it), as in the full English name, e.g. `"Ward"`.
            pub const fn english(self) -> &'static str {
                match self {
                    $($name::$variant => $english,)+
                }
            }

            /// The kind with this [`id`](Self::id), if any.
            pub fn from_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        /// The Vietnamese prefix, as in the official full name.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.prefix())
            }
        }
    };
}

kind_enum! {
    /// The kind of a province-level unit, in either structure.
    ProvinceKind {
        /// *Thành phố trực thuộc trung ương*: a centrally governed city.
        Municipality = ("thanh_pho", "Thành phố", "City"),
        /// *Tỉnh*: a province.
        Province = ("tinh", "Tỉnh", "Province"),
    }
    example = "assert_eq!(dvhc::ProvinceKind::Municipality.prefix(), \"Thành phố\");"
}

kind_enum! {
    /// The kind of a commune-level unit of the current structure (from 1 July 2025).
    CommuneKind {
        /// *Phường*: an urban ward.
        Ward = ("phuong", "Phường", "Ward"),
        /// *Xã*: a rural commune.
        Commune = ("xa", "Xã", "Commune"),
        /// *Đặc khu*: a special zone (13 island units).
        SpecialZone = ("dac_khu", "Đặc khu", "Special Zone"),
    }
    example = "assert_eq!(dvhc::CommuneKind::SpecialZone.prefix(), \"Đặc khu\");"
}

kind_enum! {
    /// The kind of a district of the pre-2025 structure.
    DistrictKind {
        /// *Quận*: an urban district.
        UrbanDistrict = ("quan", "Quận", "District"),
        /// *Huyện*: a rural district.
        RuralDistrict = ("huyen", "Huyện", "District"),
        /// *Thị xã*: a district-level town.
        Town = ("thi_xa", "Thị xã", "Town"),
        /// *Thành phố* (thuộc tỉnh or thuộc thành phố): a provincial city.
        City = ("thanh_pho", "Thành phố", "City"),
    }
    example = "assert_eq!(dvhc::legacy::DistrictKind::Town.prefix(), \"Thị xã\");"
}

kind_enum! {
    /// The kind of a commune-level unit of the pre-2025 structure.
    LegacyCommuneKind {
        /// *Phường*: an urban ward.
        Ward = ("phuong", "Phường", "Ward"),
        /// *Xã*: a rural commune.
        Commune = ("xa", "Xã", "Commune"),
        /// *Thị trấn*: a township (*Town* in English names, as the Circular has it).
        Township = ("thi_tran", "Thị trấn", "Town"),
    }
    example = "assert_eq!(dvhc::legacy::CommuneKind::Township.prefix(), \"Thị trấn\");"
}

/// How much of a pre-2025 commune went into one current commune.
///
/// A legacy commune with a single successor went into it [`Whole`](Share::Whole);
/// one that was split between several current communes is [`Partial`](Share::Partial)
/// in each of them (440 legacy communes were split).
///
/// # Examples
/// ```
/// use dvhc::{legacy, Share};
///
/// let ben_nghe = legacy::Commune::get("26740".parse().unwrap()).unwrap();
/// let (sai_gon, share) = ben_nghe.successors().next().unwrap();
/// assert_eq!(sai_gon.name(), "Sài Gòn");
/// assert_eq!(share, Share::Whole);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Share {
    /// The whole legacy commune went into this current commune.
    Whole,
    /// Only part of the legacy commune went into this current commune; the rest went
    /// into one or more others.
    Partial,
}

impl Share {
    /// `"whole"` or `"partial"`.
    ///
    /// ```
    /// assert_eq!(dvhc::Share::Partial.id(), "partial");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Share::Whole => "whole",
            Share::Partial => "partial",
        }
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A full official name, `prefix name`, e.g. `Phường Sài Gòn`, written without
/// allocating.
///
/// # Examples
/// ```
/// use dvhc::Commune;
///
/// let c = Commune::get("26740".parse().unwrap()).unwrap();
/// let full = c.full_name();
/// assert_eq!(full.prefix(), "Phường");
/// assert_eq!(full.name(), "Sài Gòn");
/// assert_eq!(full.to_string(), "Phường Sài Gòn");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FullName {
    pub(crate) prefix: &'static str,
    pub(crate) name: &'static str,
}

impl FullName {
    /// The kind prefix, e.g. `"Phường"`.
    pub const fn prefix(&self) -> &'static str {
        self.prefix
    }

    /// The name without the prefix, e.g. `"Sài Gòn"`.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Display for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix)?;
        f.write_str(" ")?;
        f.write_str(self.name)
    }
}

/// Position, area and population of a current commune, where known.
///
/// Sourced from the government map portal (sapnhap.bando.com.vn) and tied to official
/// codes; see `data/README.md`. The centre is an approximate polygon centroid; the 9
/// centres the portal gets wrong are left out rather than shipped wrong.
///
/// # Examples
/// ```
/// use dvhc::Commune;
///
/// let geo = Commune::get("26740".parse().unwrap()).unwrap().geo();
/// let (lat, lon) = geo.centroid().unwrap();
/// assert!((10.7..10.8).contains(&lat) && (106.6..106.8).contains(&lon));
/// assert!(geo.area_km2().unwrap() > 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) area_km2: f64,
    pub(crate) population: u32,
}

impl Geo {
    /// Latitude and longitude (WGS 84, degrees) of the centre, if known.
    pub fn centroid(&self) -> Option<(f64, f64)> {
        (!self.lat.is_nan()).then_some((self.lat, self.lon))
    }

    /// Area in km², if known.
    pub fn area_km2(&self) -> Option<f64> {
        (!self.area_km2.is_nan()).then_some(self.area_km2)
    }

    /// Population (the portal does not date the figure), if known.
    pub fn population(&self) -> Option<u32> {
        (self.population != u32::MAX).then_some(self.population)
    }
}
