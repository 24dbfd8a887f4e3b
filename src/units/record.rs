//! What every record type has in common: identity by code and a short `Debug`.

/// Implements `PartialEq`, `Eq`, `Hash`, `PartialOrd` and `Ord` by code (records are
/// unique by code within their table) and a `Debug` that shows the code and the full
/// name, e.g. `Commune { code: 26740, name: "Phường Sài Gòn" }`.
macro_rules! record_traits {
    ($t:ty, $debug_name:literal) => {
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                self.code == other.code
            }
        }

        impl Eq for $t {}

        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.code.hash(state);
            }
        }

        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        /// By code.
        impl Ord for $t {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.code.cmp(&other.code)
            }
        }

        /// The code and the full name: `Commune { code: 26740, name: "Phường Sài Gòn" }`.
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct($debug_name)
                    .field("code", &format_args!("{}", self.code))
                    .field("name", &format_args!("\"{}\"", self.full_name()))
                    .finish()
            }
        }
    };
}
pub(crate) use record_traits;

/// The English name, full English name and codenames of a record type, with doc
/// examples on one unit of it.
macro_rules! english_names {
    (
        $t:ty, $get:literal,
        name_en = $name_en:literal, full = $full:literal,
        codename = $codename:literal, short = $short:literal
    ) => {
        impl $t {
            /// The English name: the official name without diacritics (`Đ`→`D`,
            /// `’`→`'`), as the Ministry of Foreign Affairs writes names (Thông tư
            /// 03/2009/TT-BNG); see [`text::strip_diacritics`](crate::text::strip_diacritics).
            ///
            /// ```
            #[doc = concat!("let u = ", $get, ";")]
            #[doc = concat!("assert_eq!(u.name_en(), \"", $name_en, "\");")]
            /// ```
            pub fn name_en(&self) -> &'static str {
                self.name.en()
            }

            /// The full English name, kind in force now: the English name and the
            /// English kind word, kind word first when the name has a digit
            /// ("Ward 1").
            ///
            /// ```
            #[doc = concat!("let u = ", $get, ";")]
            #[doc = concat!("assert_eq!(u.full_name_en().to_string(), \"", $full, "\");")]
            /// ```
            pub fn full_name_en(&self) -> crate::text::english::FullNameEn<'static> {
                crate::text::english::FullNameEn::new(self.name.en(), self.kind.english())
            }

            /// The codename, kind in force now: the [slug](crate::text::slug) of the
            /// full name. Not unique (names differing only in diacritics share one)
            /// and it changes with the kind; the code is the stable key.
            ///
            /// ```
            #[doc = concat!("let u = ", $get, ";")]
            #[doc = concat!("assert_eq!(u.codename().to_string(), \"", $codename, "\");")]
            /// ```
            pub fn codename(&self) -> crate::text::english::Codename {
                crate::text::english::Codename::new(self.kind.id(), self.name.en())
            }

            /// The short codename: the [slug](crate::text::slug) of the bare name.
            ///
            /// ```
            #[doc = concat!("let u = ", $get, ";")]
            #[doc = concat!("assert_eq!(u.short_codename().to_string(), \"", $short, "\");")]
            /// ```
            pub fn short_codename(&self) -> crate::text::english::Codename {
                crate::text::english::Codename::new("", self.name.en())
            }
        }
    };
}
pub(crate) use english_names;
