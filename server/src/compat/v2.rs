//! API v2 (`/api/v2/`): the 2025 two-level structure. COMPAT.md §3.

use dvhc::search::{Era, Level, Mode, Search, Unit};
use dvhc::{legacy, Commune, CommuneCode, Province, ProvinceCode};

use super::shapes::v2 as shape;
use super::{depth, int_param, path_code, text_param, Int};
use crate::app::{json, Ctx, Outcome, Reply};
use crate::problem::ApiError;

/// A route of API v2; codes are raw path segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    /// `/api/v2/?depth=1|2`.
    Root,
    /// `/api/v2/p/?search=`.
    Provinces,
    /// `/api/v2/p/{code}?depth=1|2`.
    Province(&'a str),
    /// `/api/v2/w/?province=&search=`.
    Wards,
    /// `/api/v2/w/{code}`.
    Ward(&'a str),
    /// `/api/v2/w/from-legacy/?legacy_name=&legacy_code=`.
    FromLegacy,
    /// `/api/v2/w/{code}/to-legacies/`.
    ToLegacies(&'a str),
}

impl<'a> Route<'a> {
    /// The route of the segments after `/api/v2`, and whether its canonical form ends
    /// with a slash.
    pub(crate) fn match_segments(segs: &[&'a str]) -> Option<(Route<'a>, bool)> {
        Some(match segs {
            [] => (Route::Root, true),
            ["p"] => (Route::Provinces, true),
            ["p", code] => (Route::Province(code), false),
            ["w"] => (Route::Wards, true),
            ["w", "from-legacy"] => (Route::FromLegacy, true),
            ["w", code] => (Route::Ward(code), false),
            ["w", code, "to-legacies"] => (Route::ToLegacies(code), true),
            _ => return None,
        })
    }

    /// Answers a GET.
    pub(crate) fn get(self, ctx: &Ctx<'_>) -> Outcome {
        match self {
            Route::Root => match depth(ctx, 2)? {
                1 => Ok(provinces(ctx)),
                _ => Ok(Reply::Static(ctx.cache.get(("v2/tree", 0, 2), || {
                    json(
                        &Province::all()
                            .iter()
                            .map(shape::TreeProvince::of)
                            .collect::<Vec<_>>(),
                    )
                }))),
            },
            Route::Provinces => {
                let search = text_param(ctx, "search")?;
                if search.trim().is_empty() {
                    return Ok(provinces(ctx));
                }
                let hits = Search::new()
                    .era(Era::Current)
                    .level(Level::Province)
                    .mode(Mode::Prefix)
                    .run(search);
                let found: Vec<_> = hits
                    .iter()
                    .filter_map(|h| match h.unit() {
                        Unit::Province(p) => Some(shape::Province::of(p, false)),
                        _ => None,
                    })
                    .collect();
                Ok(Reply::Json(json(&found)))
            }
            Route::Province(raw) => {
                let code = path_code(raw)?;
                let depth = depth(ctx, 2)?;
                let p = code
                    .as_ref()
                    .ok()
                    .and_then(|&c| ProvinceCode::new(c).and_then(Province::get))
                    .ok_or_else(|| ApiError::ProvinceNotFound(canonical(&code)))?;
                Ok(Reply::Static(
                    ctx.cache.get(("v2/p", p.code().get(), depth), || {
                        json(&shape::Province::of(p, depth == 2))
                    }),
                ))
            }
            Route::Wards => wards(ctx),
            Route::Ward(raw) => {
                let c = commune(raw)?;
                Ok(Reply::Json(json(&shape::Ward::of(c))))
            }
            Route::FromLegacy => from_legacy(ctx),
            Route::ToLegacies(raw) => {
                let c = commune(raw)?;
                let mut old: Vec<_> = c.predecessors().map(|(l, _)| l).collect();
                old.sort_by_key(|l| l.code());
                old.dedup_by_key(|l| l.code());
                let out: Vec<_> = old.into_iter().map(shape::LegacyWard::of).collect();
                Ok(Reply::Json(json(&out)))
            }
        }
    }
}

/// The 34 provinces, without wards (`/api/v2/?depth=1`, `/api/v2/p/`).
fn provinces(ctx: &Ctx<'_>) -> Reply {
    Reply::Static(ctx.cache.get(("v2/p", 0, 1), || {
        json(
            &Province::all()
                .iter()
                .map(|p| shape::Province::of(p, false))
                .collect::<Vec<_>>(),
        )
    }))
}

/// The text of a code that is not a possible code (already canonical) or its number.
fn canonical(code: &Result<u32, String>) -> String {
    match code {
        Ok(c) => c.to_string(),
        Err(text) => text.clone(),
    }
}

/// The current commune of a path code, or the v2 errors.
fn commune(raw: &str) -> Result<&'static Commune, ApiError> {
    let code = path_code(raw)?;
    code.as_ref()
        .ok()
        .and_then(|&c| CommuneCode::new(c).and_then(Commune::get))
        .ok_or_else(|| ApiError::WardNotFound(canonical(&code)))
}

/// `/api/v2/w/?province=&search=` (COMPAT.md §3.4, without upstream's empty list when
/// neither is given).
fn wards(ctx: &Ctx<'_>) -> Outcome {
    let province = int_param(ctx, "province", 0).map_err(|e| ApiError::Validation(vec![e]))?;
    let search = text_param(ctx, "search")?.trim();
    let province = if province.is_zero() {
        None
    } else {
        match province
            .as_code()
            .and_then(|c| ProvinceCode::new(c).and_then(Province::get))
        {
            Some(p) => Some(p),
            // Upstream's answer to an unknown province: the same request without it.
            None => return Ok(Reply::Redirect(without_param(ctx, "province"))),
        }
    };
    if search.is_empty() {
        return Ok(Reply::Static(match province {
            None => ctx.cache.get(("v2/w", 0, 0), || {
                json(
                    &Commune::all()
                        .iter()
                        .map(shape::Ward::of)
                        .collect::<Vec<_>>(),
                )
            }),
            Some(p) => ctx.cache.get(("v2/w", p.code().get(), 0), || {
                json(&p.communes().map(shape::Ward::of).collect::<Vec<_>>())
            }),
        }));
    }
    let mut s = Search::new()
        .era(Era::Current)
        .level(Level::Commune)
        .mode(Mode::Prefix);
    if let Some(p) = province {
        s = s.within_province(p.code());
    }
    let mut found: Vec<&Commune> = s
        .run(search)
        .iter()
        .filter_map(|h| match h.unit() {
            Unit::Commune(c) => Some(c),
            _ => None,
        })
        .collect();
    // Upstream returns ward searches in code order.
    found.sort_by_key(|c| c.code());
    found.dedup_by_key(|c| c.code());
    let out: Vec<_> = found.into_iter().map(shape::Ward::of).collect();
    Ok(Reply::Json(json(&out)))
}

/// `/api/v2/w/from-legacy/` (COMPAT.md §3.6): a legacy code wins over a name.
fn from_legacy(ctx: &Ctx<'_>) -> Outcome {
    let code = int_param(ctx, "legacy_code", 0).map_err(|e| ApiError::Validation(vec![e]))?;
    let name = text_param(ctx, "legacy_name")?.trim();
    let mut out = Vec::new();
    if code.is_positive() {
        if let Some(old) = legacy_commune(&code) {
            for (c, _) in old.successors() {
                out.push(shape::WardWithLegacySource {
                    source_code: old.code().get(),
                    ward: shape::Ward::of(c),
                });
            }
        }
        return Ok(Reply::Json(json(&out)));
    }
    if name.is_empty() {
        return Ok(Reply::Json(json(&out)));
    }
    let hits = Search::new()
        .era(Era::Legacy)
        .level(Level::Commune)
        .mode(Mode::Prefix)
        .run(name);
    let mut seen = std::collections::HashSet::new();
    for h in &hits {
        let Unit::LegacyCommune(old) = h.unit() else {
            continue;
        };
        for (c, _) in old.successors() {
            if seen.insert(c.code()) {
                out.push(shape::WardWithLegacySource {
                    source_code: old.code().get(),
                    ward: shape::Ward::of(c),
                });
            }
        }
    }
    Ok(Reply::Json(json(&out)))
}

fn legacy_commune(code: &Int) -> Option<&'static legacy::Commune> {
    code.as_code()
        .and_then(legacy::CommuneCode::new)
        .and_then(legacy::Commune::get)
}

/// The request's path and query without the parameter `name` (raw pairs kept as sent).
fn without_param(ctx: &Ctx<'_>, name: &str) -> String {
    let kept: Vec<&str> = ctx
        .raw_query
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let n = pair.split_once('=').map_or(*pair, |(n, _)| n);
            !pair.is_empty() && crate::params::decode_segment(&n.replace('+', " ")) != name
        })
        .collect();
    if kept.is_empty() {
        ctx.path.to_owned()
    } else {
        format!("{}?{}", ctx.path, kept.join("&"))
    }
}
