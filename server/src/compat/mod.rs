//! The endpoints compatible with the provinces web API: `/api/v1/` (pre-2025
//! structure) and `/api/v2/` (2025 structure). COMPAT.md is their specification;
//! server/README.md lists the differences kept.

pub(crate) mod shapes;
pub(crate) mod v1;
pub(crate) mod v2;

use crate::app::Ctx;
use crate::params::LaxInt;
use crate::problem::{ApiError, FieldError};

/// An integer query parameter: its value, or `default` when absent.
pub(crate) fn int_param(ctx: &Ctx<'_>, name: &str, default: i64) -> Result<Int, FieldError> {
    match ctx.query.get(name) {
        None => Ok(Int::Small(default)),
        Some(raw) => match LaxInt::parse(raw) {
            Some(v) => Ok(match v.as_i64() {
                Some(i) => Int::Small(i),
                None => Int::Huge(v),
            }),
            None => Err(FieldError::not_integer("query", name, raw)),
        },
    }
}

/// An integer parameter's value, of any size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Int {
    /// It fits an `i64`.
    Small(i64),
    /// It does not.
    Huge(LaxInt),
}

impl Int {
    /// The value when it is a possible code (`0..=u32::MAX`).
    pub(crate) fn as_code(&self) -> Option<u32> {
        match self {
            Int::Small(i) => u32::try_from(*i).ok(),
            Int::Huge(_) => None,
        }
    }

    /// Whether the value is zero.
    pub(crate) fn is_zero(&self) -> bool {
        *self == Int::Small(0)
    }

    /// Whether the value is above zero.
    pub(crate) fn is_positive(&self) -> bool {
        match self {
            Int::Small(i) => *i > 0,
            Int::Huge(v) => !v.is_negative(),
        }
    }
}

/// `depth`, an integer in `1..=max`, 1 when absent.
pub(crate) fn depth(ctx: &Ctx<'_>, max: i64) -> Result<u8, ApiError> {
    let raw = ctx.query.get("depth").unwrap_or("1");
    let v = int_param(ctx, "depth", 1).map_err(|e| ApiError::Validation(vec![e]))?;
    let err = match v {
        Int::Small(d) if (1..=max).contains(&d) => return Ok(d as u8),
        Int::Small(d) if d < 1 => FieldError::below("query", "depth", raw, 1),
        Int::Huge(ref h) if h.is_negative() => FieldError::below("query", "depth", raw, 1),
        _ => FieldError::above("query", "depth", raw, max),
    };
    Err(ApiError::Validation(vec![err]))
}

/// A path code: its value when it is a possible code, `Err` with the canonical text
/// for a well-formed integer that cannot be one (so "not found"), or a validation
/// error for a segment that is not an integer.
pub(crate) fn path_code(raw: &str) -> Result<Result<u32, String>, ApiError> {
    let text = crate::params::decode_segment(raw);
    match LaxInt::parse(&text) {
        Some(v) => Ok(v.as_u32().ok_or_else(|| v.to_string())),
        None => Err(ApiError::Validation(vec![FieldError::not_integer(
            "path", "code", &text,
        )])),
    }
}

/// The longest search text accepted, in characters: any text this long fits the
/// library's search limit in bytes (4 bytes a character at most), so a query is
/// searched whole or refused, never cut.
pub(crate) const MAX_SEARCH_CHARS: usize = dvhc::search::MAX_QUERY_LEN / 4;

/// A text query parameter, `""` when absent; over [`MAX_SEARCH_CHARS`] a 422.
pub(crate) fn text_param<'a>(ctx: &'a Ctx<'_>, name: &str) -> Result<&'a str, ApiError> {
    let v = ctx.query.get(name).unwrap_or("");
    check_length(name, v)?;
    Ok(v)
}

/// A 422 for a search text over [`MAX_SEARCH_CHARS`].
pub(crate) fn check_length(name: &str, v: &str) -> Result<(), ApiError> {
    if v.len() > MAX_SEARCH_CHARS && v.chars().count() > MAX_SEARCH_CHARS {
        return Err(ApiError::Validation(vec![FieldError::too_long(
            "query",
            name,
            v,
            MAX_SEARCH_CHARS,
        )]));
    }
    Ok(())
}
