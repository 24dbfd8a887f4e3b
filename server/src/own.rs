//! dvhc's own endpoints, under `/dvhc/`: `translate`, `parse`, `search`, `get` and
//! `locate`. Each answers GET for one item (parameters in the query string) and POST
//! for a batch (a JSON array in the body, up to [`MAX_BATCH`] items; options still in
//! the query string), with the library's JSON shapes: exactly what the `dvhc` command
//! line prints for the same input.

use dvhc::search::{Mode, Search, WithinError};
use dvhc::translate::Translator;
use dvhc::{
    address, translate, AsOf, Commune, Date, Era, Level, PostalCode, Unit, UnitCode, UnitCodeError,
};
use serde::Serialize;
use serde_json::Value;

use crate::app::json;
use crate::params::Query;
use crate::problem::{ApiError, FieldError};
use crate::router::Methods;

/// The most items a batch (POST) may hold.
pub const MAX_BATCH: usize = 1000;

/// The most hits a search returns (`limit`'s maximum; its default is 10).
pub const MAX_HITS: usize = 100;

/// A route under `/dvhc/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// `/dvhc/translate`: old or new addresses → the current structure.
    Translate,
    /// `/dvhc/parse`: addresses → their units.
    Parse,
    /// `/dvhc/search`: units by name.
    Search,
    /// `/dvhc/get`: a unit by code.
    Get,
    /// `/dvhc/locate`: the commune containing a point.
    Locate,
}

impl Route {
    /// The route of the segments after `/dvhc` (items: no trailing slash).
    pub(crate) fn match_segments(segs: &[&str]) -> Option<(Route, bool)> {
        let r = match segs {
            ["translate"] => Route::Translate,
            ["parse"] => Route::Parse,
            ["search"] => Route::Search,
            ["get"] => Route::Get,
            ["locate"] => Route::Locate,
            _ => return None,
        };
        Some((r, false))
    }

    /// Every route answers GET and POST.
    pub(crate) fn methods(self) -> Methods {
        Methods::GetPost
    }

    /// Answers a GET: one item, from the query string.
    pub(crate) fn get(self, q: &Query) -> Result<Vec<u8>, ApiError> {
        let opts = Options::read(self, q)?;
        match self {
            Route::Translate => {
                let address = required(q, "q", MAX_ADDRESS_CHARS)?;
                let point = point(q, false)?;
                let mut out = Vec::new();
                opts.translate_into(&mut out, address, point);
                Ok(out)
            }
            Route::Parse => {
                let mut out = Vec::new();
                opts.parse_into(&mut out, required(q, "q", MAX_ADDRESS_CHARS)?);
                Ok(out)
            }
            Route::Search => {
                let query = required(q, "q", crate::compat::MAX_SEARCH_CHARS)?;
                Ok(json(&opts.search_one(query)))
            }
            Route::Get => {
                let code = required(q, "code", 16)?;
                match opts.get_one(code)? {
                    Some(u) => Ok(json(&u)),
                    None => Err(ApiError::UnitNotFound(format!(
                        "has {}code {}",
                        if opts.postal { "postal " } else { "" },
                        code.trim()
                    ))),
                }
            }
            Route::Locate => {
                let Some((lat, lon)) = point(q, true)? else {
                    return Err(ApiError::Validation(vec![FieldError::missing(
                        "query", "lat",
                    )]));
                };
                match opts.locate_one(lat, lon)? {
                    Some(u) => Ok(json(&u)),
                    None => Err(ApiError::UnitNotFound(format!("contains ({lat}, {lon})"))),
                }
            }
        }
    }

    /// Answers a POST: a JSON array of items in `body`, one result each, in order.
    pub(crate) fn post(self, q: &Query, body: &[u8]) -> Result<Vec<u8>, ApiError> {
        let opts = Options::read(self, q)?;
        let items: Vec<Value> = serde_json::from_slice(body).map_err(|e| {
            ApiError::BadBody(format!("the body must be a JSON array of items: {e}"))
        })?;
        if items.len() > MAX_BATCH {
            return Err(ApiError::Validation(vec![FieldError {
                kind: "too_long",
                loc: vec!["body".into()],
                msg: format!("A batch has at most {MAX_BATCH} items"),
                input: Value::Null,
                ctx: Some(Box::new(serde_json::json!({ "max_length": MAX_BATCH }))),
            }]));
        }
        let mut out = Vec::with_capacity(items.len() * 200 + 2);
        out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let bad = |what: &str| {
                ApiError::Validation(vec![FieldError {
                    kind: "type_error",
                    loc: vec!["body".into(), i.into()],
                    msg: format!("Input should be {what}"),
                    input: item.clone(),
                    ctx: None,
                }])
            };
            match self {
                Route::Translate => {
                    let s = item.as_str().ok_or_else(|| bad("a string"))?;
                    opts.translate_into(&mut out, s, None);
                }
                Route::Parse => {
                    let s = item.as_str().ok_or_else(|| bad("a string"))?;
                    opts.parse_into(&mut out, s);
                }
                Route::Search => {
                    let s = item.as_str().ok_or_else(|| bad("a string"))?;
                    write(&mut out, &opts.search_one(s));
                }
                Route::Get => {
                    let s = item.as_str().ok_or_else(|| bad("a string of digits"))?;
                    // A code that is malformed or names no unit: null.
                    write(&mut out, &opts.get_one(s).ok().flatten());
                }
                Route::Locate => {
                    let pair = item
                        .as_array()
                        .filter(|a| a.len() == 2)
                        .and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)))
                        .ok_or_else(|| bad("a [latitude, longitude] pair"))?;
                    write(&mut out, &opts.locate_one(pair.0, pair.1).ok().flatten());
                }
            }
        }
        out.push(b']');
        Ok(out)
    }
}

/// Appends the JSON of `v`.
fn write<T: Serialize>(out: &mut Vec<u8>, v: &T) {
    // The library's shapes serialise without error.
    let _ = serde_json::to_writer(&mut *out, v);
}

/// A required text parameter of at most `max` characters.
fn required<'a>(q: &'a Query, name: &str, max: usize) -> Result<&'a str, ApiError> {
    let v = q
        .get(name)
        .ok_or_else(|| ApiError::Validation(vec![FieldError::missing("query", name)]))?;
    if v.len() > max && v.chars().count() > max {
        return Err(ApiError::Validation(vec![FieldError::too_long(
            "query", name, v, max,
        )]));
    }
    Ok(v)
}

/// The longest address accepted in a query string, in characters (the library
/// refuses more than [`dvhc::address::MAX_ADDRESS_LEN`] bytes, with an error in the
/// result).
const MAX_ADDRESS_CHARS: usize = dvhc::address::MAX_ADDRESS_LEN;

/// `lat` and `lon` when both are given (`required`: they must be).
fn point(q: &Query, required: bool) -> Result<Option<(f64, f64)>, ApiError> {
    let mut errors = Vec::new();
    let mut read = |name: &str| match q.get(name) {
        None => {
            if required {
                errors.push(FieldError::missing("query", name));
            }
            None
        }
        Some(raw) => {
            let limit = if name == "lat" { 90.0 } else { 180.0 };
            match raw.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
                _ => {
                    errors.push(FieldError {
                        kind: "coordinate",
                        loc: vec!["query".into(), name.into()],
                        msg: format!("Input should be a number from -{limit} to {limit}"),
                        input: raw.into(),
                        ctx: Some(Box::new(serde_json::json!({ "ge": -limit, "le": limit }))),
                    });
                    None
                }
            }
        }
    };
    let (lat, lon) = (read("lat"), read("lon"));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    match (lat, lon) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        (None, None) => Ok(None),
        (a, _) => Err(ApiError::Validation(vec![FieldError::missing(
            "query",
            if a.is_some() { "lon" } else { "lat" },
        )])),
    }
}

/// The options an endpoint takes from the query string.
struct Options {
    on: Option<Date>,
    era: Option<Era>,
    translator: Option<Translator>,
    /// The search to run; `None` when `within` names no unit that can hold what is
    /// asked (no hits).
    search: Option<Search>,
    /// `get`: the code is a postal code (`postal=true`).
    postal: bool,
}

impl Options {
    fn read(route: Route, q: &Query) -> Result<Options, ApiError> {
        let mut errors = Vec::new();
        let on = match q.get("on") {
            None => None,
            Some(raw) => match raw.trim().parse::<Date>() {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(FieldError {
                        kind: "date_parsing",
                        loc: vec!["query".into(), "on".into()],
                        msg: format!("Input should be a date (YYYY-MM-DD): {e}"),
                        input: raw.into(),
                        ctx: None,
                    });
                    None
                }
            },
        };
        let era = match q.get("era") {
            None => None,
            Some(raw) => {
                let e = Era::from_id(raw);
                if e.is_none() {
                    errors.push(FieldError::not_one_of(
                        "query",
                        "era",
                        raw,
                        &["current", "legacy"],
                    ));
                }
                e
            }
        };
        let mut opts = Options {
            on,
            era,
            translator: None,
            search: None,
            postal: false,
        };
        match route {
            Route::Translate => {
                let t = Translator::new().with_locator(dvhc_geo::Boundaries);
                opts.translator = Some(match on {
                    Some(d) => t.on(d),
                    None => t,
                });
            }
            Route::Search => opts.read_search(q, &mut errors),
            Route::Get => opts.read_postal(q, &mut errors),
            _ => {}
        }
        if errors.is_empty() {
            Ok(opts)
        } else {
            Err(ApiError::Validation(errors))
        }
    }

    /// `mode`, `level`, `era`, `within` and `limit` of a search.
    fn read_search(&mut self, q: &Query, errors: &mut Vec<FieldError>) {
        let mut s = Search::new();
        if let Some(e) = self.era {
            s = s.era(e);
        }
        if let Some(raw) = q.get("mode") {
            match Mode::from_id(raw) {
                Some(m) => s = s.mode(m),
                None => errors.push(FieldError::not_one_of(
                    "query",
                    "mode",
                    raw,
                    &["exact", "prefix", "fuzzy"],
                )),
            }
        }
        if let Some(raw) = q.get("level") {
            match Level::from_id(raw) {
                Some(l) => s = s.level(l),
                None => errors.push(FieldError::not_one_of(
                    "query",
                    "level",
                    raw,
                    &["province", "district", "commune"],
                )),
            }
        }
        let mut limit = 10;
        if let Some(raw) = q.get("limit") {
            match raw.trim().parse::<usize>() {
                Ok(n) if (1..=MAX_HITS).contains(&n) => limit = n,
                _ => errors.push(FieldError {
                    kind: "limit",
                    loc: vec!["query".into(), "limit".into()],
                    msg: format!("Input should be an integer from 1 to {MAX_HITS}"),
                    input: raw.into(),
                    ctx: Some(Box::new(serde_json::json!({ "ge": 1, "le": MAX_HITS }))),
                }),
            }
        }
        s = s.limit(limit);
        // `within` is the library's rule (`dvhc search --in`): a malformed code is a
        // 422; a code of no unit, or of one that cannot hold the era or level asked
        // for, gives no hits.
        self.search = match q.get("within") {
            None => Some(s),
            Some(raw) => match s.within(raw) {
                Ok(s) => Some(s),
                Err(WithinError::Width(_) | WithinError::Code(_)) => {
                    errors.push(FieldError {
                        kind: "within",
                        loc: vec!["query".into(), "within".into()],
                        msg: "Give a province code (2 digits) or a legacy district code (3 digits)"
                            .into(),
                        input: raw.into(),
                        ctx: None,
                    });
                    None
                }
                Err(_) => None,
            },
        };
    }

    /// `postal` of `get`: a boolean.
    fn read_postal(&mut self, q: &Query, errors: &mut Vec<FieldError>) {
        match q.get("postal").map(str::trim) {
            None => {}
            Some("true" | "1") => self.postal = true,
            Some("false" | "0") => self.postal = false,
            Some(raw) => errors.push(FieldError::not_one_of(
                "query",
                "postal",
                raw,
                &["true", "false"],
            )),
        }
    }

    /// Writes the translation of `address` (the library's `translate::Outcome`).
    fn translate_into(&self, out: &mut Vec<u8>, address: &str, point: Option<(f64, f64)>) {
        let Some(translator) = &self.translator else {
            return;
        };
        let result = match point {
            Some((lat, lon)) => translator.translate_at(address, lat, lon),
            None => translator.translate(address),
        };
        write(out, &translate::Outcome::new(address, &result));
    }

    /// Writes the parse of `address` (the library's `address::Outcome`).
    fn parse_into(&self, out: &mut Vec<u8>, address: &str) {
        let result = address::parse(address);
        write(
            out,
            &AsOf::new(address::Outcome::new(address, &result), self.on),
        );
    }

    fn search_one(&self, query: &str) -> Vec<dvhc::search::Hit> {
        self.search.as_ref().map_or_else(Vec::new, |s| s.run(query))
    }

    /// The unit of a code (`Err` for a malformed code, `Ok(None)` for an unknown one),
    /// read as `dvhc get` reads it: [`UnitCode::parse_in`], or with `postal` a postal
    /// code ([`Commune::by_postal_code`]). A well-formed code asked for where no unit
    /// can have it (a district, or a postal code, in the structure that lacks it; a
    /// current unit before 1 July 2025; a postal code of 2 or 3 digits) is unknown,
    /// not malformed: a 404, as schema-valid requests must not get a 422.
    fn get_one(&self, code: &str) -> Result<Option<AsOf<Unit>>, ApiError> {
        let bad = |msg: String| {
            ApiError::Validation(vec![FieldError {
                kind: "code",
                loc: vec!["query".into(), "code".into()],
                msg,
                input: code.trim().into(),
                ctx: None,
            }])
        };
        let unit = if self.postal {
            let code = code.trim();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("A postal code is made of digits only".into()));
            }
            // Digits of another width (a valid `code` for the other lookups) are no
            // postal code: none found.
            let current =
                self.era != Some(Era::Legacy) && self.on.is_none_or(|d| d >= Date::REFORM);
            code.parse::<PostalCode>()
                .ok()
                .and_then(Commune::by_postal_code)
                .filter(|_| current)
                .map(Unit::Commune)
        } else {
            match UnitCode::parse_in(code, self.era, self.on) {
                Ok(c) => c.unit(),
                // Districts exist only in the legacy structure, current units only
                // from 1 July 2025.
                Err(UnitCodeError::DistrictNotCurrent | UnitCodeError::CurrentBeforeReform(_)) => {
                    None
                }
                Err(e) => return Err(bad(e.to_string())),
            }
        };
        Ok(unit.map(|u| AsOf::new(u, self.on)))
    }

    /// The commune containing a point (`Err` for coordinates out of range).
    fn locate_one(&self, lat: f64, lon: f64) -> Result<Option<AsOf<Unit>>, ApiError> {
        match dvhc_geo::locate(lat, lon) {
            Ok(c) => Ok(c.map(|c| AsOf::new(Unit::Commune(c), self.on))),
            Err(e) => Err(ApiError::Validation(vec![FieldError {
                kind: "coordinates",
                loc: vec!["query".into(), "lat".into()],
                msg: e.to_string(),
                input: format!("{lat},{lon}").into(),
                ctx: None,
            }])),
        }
    }
}
