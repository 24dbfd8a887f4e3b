//! API v1 (`/api/v1/`): the pre-2025 three-level structure, as of 30 June 2025.
//! COMPAT.md §4.

use std::collections::BTreeMap;

use dvhc::legacy::{self, Commune, District, Province};
use dvhc::search::{Era, Level, Mode, Search, Unit};
use dvhc::{fold, Date, FullName};

use super::shapes::v1::{self as shape, Depth};
use super::{depth, int_param, path_code};
use crate::app::{json, Ctx, Outcome, Reply};
use crate::problem::{ApiError, FieldError};

/// A route of API v1; codes are raw path segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    /// `/api/v1/?depth=1..3`.
    Root,
    /// `/api/v1/p/`.
    Provinces,
    /// `/api/v1/p/search/?q=`.
    SearchProvinces,
    /// `/api/v1/p/{code}?depth=1..3`.
    Province(&'a str),
    /// `/api/v1/d/`.
    Districts,
    /// `/api/v1/d/search/?q=&p=`.
    SearchDistricts,
    /// `/api/v1/d/{code}?depth=1|2`.
    District(&'a str),
    /// `/api/v1/w/`.
    Wards,
    /// `/api/v1/w/search/?q=&d=&p=`.
    SearchWards,
    /// `/api/v1/w/{code}`.
    Ward(&'a str),
    /// `/api/v1/version`.
    Version,
}

impl<'a> Route<'a> {
    /// The route of the segments after `/api/v1`, and whether its canonical form ends
    /// with a slash.
    pub(crate) fn match_segments(segs: &[&'a str]) -> Option<(Route<'a>, bool)> {
        Some(match segs {
            [] => (Route::Root, true),
            ["version"] => (Route::Version, false),
            ["p"] => (Route::Provinces, true),
            ["p", "search"] => (Route::SearchProvinces, true),
            ["p", code] => (Route::Province(code), false),
            ["d"] => (Route::Districts, true),
            ["d", "search"] => (Route::SearchDistricts, true),
            ["d", code] => (Route::District(code), false),
            ["w"] => (Route::Wards, true),
            ["w", "search"] => (Route::SearchWards, true),
            ["w", code] => (Route::Ward(code), false),
            _ => return None,
        })
    }

    /// Answers a GET.
    pub(crate) fn get(self, ctx: &Ctx<'_>) -> Outcome {
        match self {
            Route::Root => match depth(ctx, 3)? {
                1 => Ok(provinces(ctx)),
                2 => Ok(Reply::Static(ctx.cache.get(("v1/", 0, 2), || {
                    json(
                        &Province::all()
                            .iter()
                            .map(|p| shape::Province::of(p, Depth::Two))
                            .collect::<Vec<_>>(),
                    )
                }))),
                _ => Ok(Reply::Static(ctx.cache.get(("v1/tree", 0, 3), || {
                    json(
                        &Province::all()
                            .iter()
                            .map(shape::TreeProvince::of)
                            .collect::<Vec<_>>(),
                    )
                }))),
            },
            Route::Provinces => Ok(provinces(ctx)),
            Route::Province(raw) => {
                let code = path_code(raw)?;
                let depth = depth(ctx, 3)?;
                let p = code
                    .ok()
                    .and_then(legacy::ProvinceCode::new_u32)
                    .and_then(Province::get)
                    .ok_or_else(|| ApiError::ProvinceNotFound(String::new()))?;
                Ok(Reply::Static(
                    ctx.cache.get(("v1/p", p.code().get(), depth), || {
                        json(&shape::Province::of(p, depth_of(depth)))
                    }),
                ))
            }
            Route::Districts => Ok(Reply::Static(ctx.cache.get(("v1/d", 0, 1), || {
                json(
                    &districts()
                        .map(|d| shape::District::of(d, Depth::One))
                        .collect::<Vec<_>>(),
                )
            }))),
            Route::District(raw) => {
                let code = path_code(raw)?;
                let depth = depth(ctx, 2)?;
                let d = code
                    .ok()
                    .and_then(legacy::DistrictCode::new_u32)
                    .and_then(District::get)
                    .ok_or_else(|| ApiError::DistrictNotFound(String::new()))?;
                Ok(Reply::Static(
                    ctx.cache.get(("v1/d", d.code().get(), depth), || {
                        json(&shape::District::of(d, depth_of(depth)))
                    }),
                ))
            }
            Route::Wards => Ok(Reply::Static(ctx.cache.get(("v1/w", 0, 0), || {
                json(
                    &districts()
                        .flat_map(|d| d.communes())
                        .map(shape::Ward::of)
                        .collect::<Vec<_>>(),
                )
            }))),
            Route::Ward(raw) => {
                let code = path_code(raw)?;
                let c = code
                    .ok()
                    .and_then(legacy::CommuneCode::new_u32)
                    .and_then(Commune::get)
                    .ok_or_else(|| ApiError::WardNotFound(String::new()))?;
                Ok(Reply::Json(json(&shape::Ward::of(c))))
            }
            Route::SearchProvinces => search(ctx, Level::Province),
            Route::SearchDistricts => search(ctx, Level::District),
            Route::SearchWards => search(ctx, Level::Commune),
            Route::Version => Ok(Reply::Json(json(&shape::Version {
                data_version: Date::LAST_LEGACY_DAY.to_string(),
            }))),
        }
    }
}

/// Legacy code constructors from any `u32` (`None` past the code's width).
trait NewU32: Sized {
    fn new_u32(v: u32) -> Option<Self>;
}

macro_rules! new_u32 {
    ($($t:ty),+) => {$(
        impl NewU32 for $t {
            fn new_u32(v: u32) -> Option<Self> {
                <$t>::new(v)
            }
        }
    )+};
}
new_u32!(
    legacy::ProvinceCode,
    legacy::DistrictCode,
    legacy::CommuneCode
);

fn depth_of(d: u8) -> Depth {
    match d {
        1 => Depth::One,
        2 => Depth::Two,
        _ => Depth::Three,
    }
}

/// The 63 provinces, without districts (`/api/v1/?depth=1`, `/api/v1/p/`).
fn provinces(ctx: &Ctx<'_>) -> Reply {
    Reply::Static(ctx.cache.get(("v1/", 0, 1), || {
        json(
            &Province::all()
                .iter()
                .map(|p| shape::Province::of(p, Depth::One))
                .collect::<Vec<_>>(),
        )
    }))
}

/// Every district, by province code then district code (upstream's order).
fn districts() -> impl Iterator<Item = &'static District> {
    Province::all().iter().flat_map(|p| p.districts())
}

/// One term of a v1 search query (lunr syntax, COMPAT.md §6.2).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// The folded word.
    word: String,
    presence: Presence,
    /// `term*`: a prefix.
    prefix: bool,
    /// `term~N`: typos allowed.
    fuzzy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    Optional,
    Required,
    Excluded,
}

/// Reads a lunr query: `+term` (required), `-term` (excluded), `term*` (prefix),
/// `term~N` (typos), `term^N` (boost, ignored), `name:term` and `stripped_name:term`
/// (field, ignored). Any other field or a lone `+`/`-` is refused, as lunr refuses
/// them.
fn parse_query(q: &str) -> Result<Vec<Term>, ApiError> {
    let mut terms = Vec::new();
    for token in q.split_whitespace() {
        let (presence, rest) = match token.as_bytes()[0] {
            b'+' => (Presence::Required, &token[1..]),
            b'-' => (Presence::Excluded, &token[1..]),
            _ => (Presence::Optional, token),
        };
        let rest = match rest.split_once(':') {
            Some(("name" | "stripped_name", t)) => t,
            Some(_) => return Err(ApiError::UnrecognizedSearchQuery),
            None => rest,
        };
        // Modifiers anywhere in the term: `*` (prefix), `~N` (typos), `^N` (boost,
        // ignored). lunr reads a `*` inside a word as a wildcard; dvhc reads any `*`
        // as "prefix", and drops the modifiers from the word.
        let prefix = rest.contains('*');
        let fuzzy = rest.contains('~');
        let mut word = String::with_capacity(rest.len());
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' => {}
                '~' | '^' => {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                }
                c => word.push(c),
            }
        }
        if rest.is_empty() {
            // A lone `+` or `-`.
            return Err(ApiError::UnrecognizedSearchQuery);
        }
        let folded = fold(&word);
        if folded.is_empty() {
            continue;
        }
        for w in folded.split(' ') {
            terms.push(Term {
                word: w.to_owned(),
                presence,
                prefix,
                fuzzy,
            });
        }
    }
    Ok(terms)
}

/// `/api/v1/{p,d,w}/search/?q=` with the filters `p` and `d`.
fn search(ctx: &Ctx<'_>, level: Level) -> Outcome {
    let Some(q) = ctx.query.get("q") else {
        return Err(ApiError::Validation(vec![FieldError::missing(
            "query", "q",
        )]));
    };
    super::check_length("q", q)?;
    let mut errors = Vec::new();
    let mut filter = |name: &str| match int_param(ctx, name, 0) {
        Ok(v) => (!v.is_zero()).then(|| v.as_code().unwrap_or(u32::MAX)),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let p = if level == Level::Province {
        None
    } else {
        filter("p")
    };
    let d = if level == Level::Commune {
        filter("d")
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let terms = parse_query(q)?;
    let positive: Vec<&Term> = terms
        .iter()
        .filter(|t| t.presence != Presence::Excluded)
        .collect();
    if positive.is_empty() {
        return Ok(Reply::Json(b"[]".to_vec()));
    }
    let mut s =
        Search::new()
            .era(Era::Legacy)
            .level(level)
            .mode(if positive.iter().any(|t| t.fuzzy) {
                Mode::Fuzzy
            } else {
                Mode::Prefix
            });
    // An unknown filter code filters everything out.
    match (d, p) {
        (Some(d), _) => match legacy::DistrictCode::new_u32(d) {
            Some(code) if District::get(code).is_some() => s = s.within_district(code),
            _ => return Ok(Reply::Json(b"[]".to_vec())),
        },
        (None, Some(p)) => match legacy::ProvinceCode::new_u32(p) {
            Some(code) if Province::get(code).is_some() => s = s.within_legacy_province(code),
            _ => return Ok(Reply::Json(b"[]".to_vec())),
        },
        (None, None) => {}
    }
    let query: Vec<&str> = positive.iter().map(|t| t.word.as_str()).collect();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for hit in s.run(&query.join(" ")) {
        let (name, code) = match hit.unit() {
            Unit::LegacyProvince(u) => (u.full_name(), u.code().get()),
            Unit::LegacyDistrict(u) => (u.full_name(), u.code().get()),
            Unit::LegacyCommune(u) => (u.full_name(), u.code().get()),
            _ => continue,
        };
        if !seen.insert(code) {
            continue;
        }
        let words = words_of(name);
        let found = |t: &Term| {
            words
                .iter()
                .find(|w| w.folded == t.word || (t.prefix && w.folded.starts_with(t.word.as_str())))
        };
        let excluded = terms
            .iter()
            .any(|t| t.presence == Presence::Excluded && found(t).is_some());
        let missing = terms
            .iter()
            .any(|t| t.presence == Presence::Required && found(t).is_none());
        if excluded || missing {
            continue;
        }
        let mut matches = BTreeMap::new();
        for t in &positive {
            // A word the query ends with may be the start of a name's word.
            let w = found(t).or_else(|| words.iter().find(|w| w.folded.starts_with(&t.word)));
            if let Some(w) = w {
                matches.insert(w.folded.clone(), [w.start, w.end]);
            }
        }
        out.push(shape::SearchResult {
            name,
            code,
            matches,
        });
    }
    Ok(Reply::Json(json(&out)))
}

/// A word of a unit's full name: its folded form and its `[start, end)` offsets in
/// characters.
struct Word {
    folded: String,
    start: usize,
    end: usize,
}

/// The words of a full name, split at white space and hyphens.
fn words_of(name: FullName) -> Vec<Word> {
    let text = name.to_string();
    let mut words = Vec::new();
    let mut start = None;
    let mut chars: Vec<char> = text.chars().collect();
    chars.push(' ');
    let mut word = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() || *c == '-' {
            if let Some(s) = start.take() {
                let folded = fold(&word).replace(' ', "");
                if !folded.is_empty() {
                    words.push(Word {
                        folded,
                        start: s,
                        end: i,
                    });
                }
                word.clear();
            }
        } else {
            start.get_or_insert(i);
            word.push(*c);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(word: &str, presence: Presence, prefix: bool, fuzzy: bool) -> Term {
        Term {
            word: word.into(),
            presence,
            prefix,
            fuzzy,
        }
    }

    #[test]
    fn lunr_queries() {
        use Presence::*;
        assert_eq!(
            parse_query("+Bến -Nghé ngh* hoa~1 name:x^10").unwrap(),
            [
                t("ben", Required, false, false),
                t("nghe", Excluded, false, false),
                t("ngh", Optional, true, false),
                t("hoa", Optional, false, true),
                t("x", Optional, false, false),
            ]
        );
        assert_eq!(
            parse_query("Bà-Rịa").unwrap(),
            [
                t("ba", Optional, false, false),
                t("ria", Optional, false, false)
            ]
        );
        assert!(parse_query("").unwrap().is_empty());
        assert!(parse_query("   ").unwrap().is_empty());
        // Odd modifiers are read leniently.
        assert_eq!(
            parse_query("ha*x ha~ ha^ *").unwrap(),
            [
                t("hax", Optional, true, false),
                t("ha", Optional, false, true),
                t("ha", Optional, false, false),
            ]
        );
        for bad in ["+", "-", "foo:ha", "a +", "x:"] {
            assert!(
                matches!(parse_query(bad), Err(ApiError::UnrecognizedSearchQuery)),
                "{bad}"
            );
        }
    }

    #[test]
    fn word_offsets() {
        let ben_nghe = Commune::get("26740".parse().unwrap()).unwrap();
        let w = words_of(ben_nghe.full_name());
        let got: Vec<_> = w
            .iter()
            .map(|w| (w.folded.as_str(), w.start, w.end))
            .collect();
        assert_eq!(got, [("phuong", 0, 6), ("ben", 7, 10), ("nghe", 11, 15)]);
    }
}
