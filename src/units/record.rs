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
