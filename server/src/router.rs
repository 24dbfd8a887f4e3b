//! Which route a path names, and whether it is written in its canonical form.
//!
//! Every route has one canonical form, with or without a trailing slash, as in the
//! provinces web API: collections end with `/` (`/api/v2/p/`), items do not
//! (`/api/v2/p/1`). The other form is answered with a 307 to the canonical one, the
//! query string kept (COMPAT.md §2.1). Literal segments are tried before codes, so
//! `/api/v1/p/search` is the search collection written without its slash (a 307), not
//! a province code "search" as upstream reads it (a 422).

use crate::compat::{v1, v2};
use crate::own;

/// A route and the request paths it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    /// `GET /healthz`.
    Health,
    /// `GET /version`.
    Version,
    /// `GET /openapi.json`.
    OpenApi,
    /// `/api/`: a 307 to `/api/v1/`, as upstream.
    ApiRoot,
    /// `/api/v1/…`.
    V1(v1::Route<'a>),
    /// `/api/v2/…`.
    V2(v2::Route<'a>),
    /// `/dvhc/…`.
    Own(own::Route),
}

/// Methods a route accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Methods {
    /// GET and HEAD.
    Get,
    /// GET, HEAD and POST (dvhc's own endpoints: POST for batches).
    GetPost,
}

impl Methods {
    /// The `Allow` header value.
    pub(crate) fn allow(self) -> &'static str {
        match self {
            Methods::Get => "GET, HEAD, OPTIONS",
            Methods::GetPost => "GET, HEAD, POST, OPTIONS",
        }
    }
}

impl Route<'_> {
    /// The methods the route accepts.
    pub(crate) fn methods(&self) -> Methods {
        match self {
            Route::Own(r) => r.methods(),
            _ => Methods::Get,
        }
    }
}

/// A matched path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Matched<'a> {
    /// The route.
    pub(crate) route: Route<'a>,
    /// Whether the route's canonical form ends with a slash.
    pub(crate) slash: bool,
}

/// The route of `path` (raw, percent-encoded), or `None` for an unknown path.
pub(crate) fn route(path: &str) -> Option<Matched<'_>> {
    let leaf = |route, slash| Some(Matched { route, slash });
    let trimmed = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    match trimmed {
        "/healthz" => return leaf(Route::Health, false),
        "/version" => return leaf(Route::Version, false),
        "/openapi.json" => return leaf(Route::OpenApi, false),
        "/api" => return leaf(Route::ApiRoot, true),
        _ => {}
    }
    if let Some(rest) = path.strip_prefix("/api/v1") {
        let segs = segments(rest)?;
        let (r, slash) = v1::Route::match_segments(&segs)?;
        return leaf(Route::V1(r), slash);
    }
    if let Some(rest) = path.strip_prefix("/api/v2") {
        let segs = segments(rest)?;
        let (r, slash) = v2::Route::match_segments(&segs)?;
        return leaf(Route::V2(r), slash);
    }
    if let Some(rest) = path.strip_prefix("/dvhc") {
        let segs = segments(rest)?;
        let (r, slash) = own::Route::match_segments(&segs)?;
        return leaf(Route::Own(r), slash);
    }
    None
}

/// The segments of the part of a path after an API's prefix, a trailing slash
/// dropped: `""` and `"/"` → `[]`, `"/p/1"` and `"/p/1/"` → `["p", "1"]`. `None` when
/// `rest` does not start a new segment (`/api/v2x`).
fn segments(rest: &str) -> Option<Vec<&str>> {
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix('/')?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Some(Vec::new());
    }
    Some(rest.split('/').collect())
}

/// The canonical form of `path` for a route whose canonical form has (`slash`) or
/// has not a trailing slash, or `None` when `path` is already canonical.
pub(crate) fn canonical(path: &str, slash: bool) -> Option<String> {
    let has = path.ends_with('/');
    match (slash, has) {
        (true, false) => Some(format!("{path}/")),
        (false, true) => Some(path[..path.len() - 1].to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        assert_eq!(segments(""), Some(vec![]));
        assert_eq!(segments("/"), Some(vec![]));
        assert_eq!(segments("/p"), Some(vec!["p"]));
        assert_eq!(segments("/p/"), Some(vec!["p"]));
        assert_eq!(segments("/p/1"), Some(vec!["p", "1"]));
        assert_eq!(segments("/p//"), Some(vec!["p", ""]));
        assert_eq!(segments("x"), None);
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("/api/v2/p", true).as_deref(), Some("/api/v2/p/"));
        assert_eq!(canonical("/api/v2/p/", true), None);
        assert_eq!(
            canonical("/api/v2/p/1/", false).as_deref(),
            Some("/api/v2/p/1")
        );
        assert_eq!(canonical("/api/v2/p/1", false), None);
    }

    #[test]
    fn top_level() {
        assert_eq!(route("/healthz").unwrap().route, Route::Health);
        assert!(!route("/healthz").unwrap().slash);
        assert_eq!(route("/healthz/").unwrap().route, Route::Health);
        assert_eq!(route("/api").unwrap().route, Route::ApiRoot);
        assert!(route("/api").unwrap().slash);
        assert_eq!(route("/"), None);
        assert_eq!(route(""), None);
        assert_eq!(route("/nothing"), None);
        assert_eq!(route("/api/v3/"), None);
        assert_eq!(route("/api/v2x/"), None);
        assert_eq!(route("//healthz"), None);
    }
}
