//! WebAssembly bindings of `dvhc`: the npm package `dvhc` and, with the `geo`
//! feature, `dvhc-geo` (the same API plus `locate`, and translations that resolve
//! split communes by polygon containment). `bash wasm/build.sh` builds both; the
//! JavaScript API is documented in `wasm/README.md` and typed in `wasm/npm/index.d.ts`.
//!
//! This crate only converts. JavaScript arguments become the library's types, and a
//! value of the wrong type or out of range is refused with a `TypeError` or
//! `RangeError` naming the function and the argument. The library's results go back
//! as plain objects through their `Serialize` impls (`serde-wasm-bindgen`, absent
//! values as `null`), so the shapes are the library's, the ones `dvhc` prints as JSON
//! (see the crate documentation of `dvhc`, "Serialisation"). Nothing here parses
//! addresses, ranks or shapes results.

use std::fmt::Display;

use dvhc::search::{Mode, Search};
use dvhc::translate::{Outcome, Translator};
use dvhc::{
    address, legacy, AsOf, Commune, Date, Era, Level, PostalCode, Province, Unit, UnitCode,
};
use js_sys::{Array, JsString, Object, RangeError, Reflect, TypeError};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a function returns to JavaScript: a value, or the error it throws.
type Js = Result<JsValue, JsValue>;

/// The longest string argument taken, in UTF-16 code units. Addresses and queries are
/// cut or refused by the library far below this (an address longer than
/// `dvhc::address::MAX_ADDRESS_LEN` bytes gets a `too_long` error in its result);
/// this bound only keeps a huge string from being copied into the module's memory.
pub const MAX_STRING_LEN: u32 = 4 << 20;

fn type_error(f: &str, msg: impl Display) -> JsValue {
    TypeError::new(&format!("dvhc.{f}: {msg}")).into()
}

fn range_error(f: &str, msg: impl Display) -> JsValue {
    RangeError::new(&format!("dvhc.{f}: {msg}")).into()
}

/// How a value is named in an error message: its `typeof`, `null` or `an array`.
fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".to_owned()
    } else if Array::is_array(v) {
        "an array".to_owned()
    } else {
        let t = v.js_typeof().as_string().unwrap_or_default();
        match t.as_str() {
            "object" => "an object".to_owned(),
            "undefined" => "undefined".to_owned(),
            _ => format!("a {t}"),
        }
    }
}

/// A library value as a plain JS object: absent values `null`, maps as objects.
fn to_js<T: Serialize + ?Sized>(f: &str, value: &T) -> Js {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| type_error(f, e))
}

/// A string argument, refused (`TypeError`) when it is not a string and
/// (`RangeError`) when longer than [`MAX_STRING_LEN`]. Lone surrogates become U+FFFD.
fn string_arg(f: &str, name: &str, v: &JsValue) -> Result<String, JsValue> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(type_error(
            f,
            format!("{name} must be a string, not {}", describe(v)),
        ));
    };
    if s.length() > MAX_STRING_LEN {
        return Err(range_error(
            f,
            format!(
                "{name} is {} characters long; at most {MAX_STRING_LEN} are taken",
                s.length()
            ),
        ));
    }
    Ok(String::from(s))
}

/// A number argument (`TypeError` otherwise; NaN and infinities are the library's
/// to judge).
fn number_arg(f: &str, name: &str, v: &JsValue) -> Result<f64, JsValue> {
    v.as_f64()
        .ok_or_else(|| type_error(f, format!("{name} must be a number, not {}", describe(v))))
}

/// The options object of a call: absent (`undefined` or `null`), or a plain object
/// whose own keys are all known.
struct Options {
    f: &'static str,
    obj: Option<Object>,
}

impl Options {
    fn new(f: &'static str, v: &JsValue, known: &[&str]) -> Result<Options, JsValue> {
        if v.is_undefined() || v.is_null() {
            return Ok(Options { f, obj: None });
        }
        if !v.is_object() || Array::is_array(v) {
            return Err(type_error(
                f,
                format!("options must be an object, not {}", describe(v)),
            ));
        }
        let obj: Object = v.clone().unchecked_into();
        for key in Object::keys(&obj).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                let known = if known.is_empty() {
                    "it takes none".to_owned()
                } else {
                    format!("the options are {}", known.join(", "))
                };
                return Err(type_error(f, format!("unknown option {key:?}; {known}")));
            }
        }
        Ok(Options { f, obj: Some(obj) })
    }

    /// The option's value; `None` when absent, `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let Some(obj) = &self.obj else {
            return Ok(None);
        };
        let v = Reflect::get(obj, &JsValue::from_str(key))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    fn flag(&self, key: &str) -> Result<bool, JsValue> {
        match self.get(key)? {
            None => Ok(false),
            Some(v) => v.as_bool().ok_or_else(|| {
                type_error(
                    self.f,
                    format!("option {key} must be true or false, not {}", describe(&v)),
                )
            }),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.get(key)?
            .map(|v| string_arg(self.f, &format!("option {key}"), &v))
            .transpose()
    }

    fn number(&self, key: &str) -> Result<Option<f64>, JsValue> {
        self.get(key)?
            .map(|v| number_arg(self.f, &format!("option {key}"), &v))
            .transpose()
    }

    /// `era`: `"current"` or `"legacy"` (the library's ids).
    fn era(&self) -> Result<Option<Era>, JsValue> {
        self.string("era")?
            .map(|s| {
                Era::from_id(&s).ok_or_else(|| {
                    range_error(
                        self.f,
                        format!("option era must be \"current\" or \"legacy\", not {s:?}"),
                    )
                })
            })
            .transpose()
    }

    /// `level`: `"province"`, `"district"` or `"commune"` (the library's ids).
    fn level(&self) -> Result<Option<Level>, JsValue> {
        self.string("level")?
            .map(|s| {
                Level::from_id(&s).ok_or_else(|| {
                    range_error(
                        self.f,
                        format!(
                            "option level must be \"province\", \"district\" or \"commune\", not {s:?}"
                        ),
                    )
                })
            })
            .transpose()
    }

    /// `on`: the day whose names to show, `"YYYY-MM-DD"`.
    fn on(&self) -> Result<Option<Date>, JsValue> {
        self.string("on")?
            .map(|s| {
                s.parse::<Date>()
                    .map_err(|e| range_error(self.f, format!("option on {s:?}: {e}")))
            })
            .transpose()
    }

    /// `limit`: a whole number from 0.
    fn limit(&self) -> Result<Option<usize>, JsValue> {
        self.number("limit")?
            .map(|n| {
                if n.is_finite() && n >= 0.0 && n.fract() == 0.0 {
                    // Saturates: any limit above the number of units is no limit.
                    Ok(n as usize)
                } else {
                    Err(range_error(
                        self.f,
                        format!("option limit must be a whole number from 0, not {n}"),
                    ))
                }
            })
            .transpose()
    }
}

/// The version of the official data the tables hold (`dvhc::DATA_VERSION`), e.g.
/// `"2026-10-10"`.
#[wasm_bindgen(js_name = dataVersion)]
pub fn data_version() -> String {
    dvhc::DATA_VERSION.to_owned()
}

/// Every province of a structure (current by default), sorted by code, each as
/// `dvhc get` shows it.
///
/// Options: `era` (`"current"` or `"legacy"`), `on` (`"YYYY-MM-DD"`: names in force
/// that day).
#[wasm_bindgen]
pub fn provinces(options: JsValue) -> Js {
    const F: &str = "provinces";
    let o = Options::new(F, &options, &["era", "on"])?;
    let on = o.on()?;
    let units: Vec<AsOf<Unit>> = match o.era()? {
        Some(Era::Legacy) => legacy::Province::all()
            .iter()
            .map(|p| AsOf::new(Unit::LegacyProvince(p), on))
            .collect(),
        _ => Province::all()
            .iter()
            .map(|p| AsOf::new(Unit::Province(p), on))
            .collect(),
    };
    to_js(F, &units)
}

/// The communes of a province, sorted by code (legacy: district by district), each
/// as `dvhc get` shows it; `null` when no province has the code.
///
/// Options: `era`, `on`, as for [`provinces`].
#[wasm_bindgen]
pub fn communes(province_code: JsValue, options: JsValue) -> Js {
    const F: &str = "communes";
    let code = string_arg(F, "the province code", &province_code)?;
    let o = Options::new(F, &options, &["era", "on"])?;
    let on = o.on()?;
    let bad = |e: dvhc::ParseCodeError| range_error(F, format!("province code {code:?}: {e}"));
    let units: Option<Vec<AsOf<Unit>>> = match o.era()? {
        Some(Era::Legacy) => legacy::Province::get(code.parse().map_err(bad)?).map(|p| {
            p.communes()
                .map(|c| AsOf::new(Unit::LegacyCommune(c), on))
                .collect()
        }),
        _ => Province::get(code.parse().map_err(bad)?).map(|p| {
            p.communes()
                .map(|c| AsOf::new(Unit::Commune(c), on))
                .collect()
        }),
    };
    match units {
        Some(u) => to_js(F, &u),
        None => Ok(JsValue::NULL),
    }
}

/// One unit by code, as `dvhc get` shows it, or `null` when no unit has the code.
///
/// The code is read by `dvhc::UnitCode::parse_in`: the level follows from the digits
/// (2 province, 3 district, 5 commune). Options: `era` (default: the structure in
/// force on `on`, current when no day is given; legacy for 3 digits), `on`, and
/// `postal`: the code is a five-digit postal code, and the unit the current commune
/// that has it (`dvhc get CODE --postal`; not with `era: 'legacy'` or a day before
/// the reform).
#[wasm_bindgen]
pub fn get(code: JsValue, options: JsValue) -> Js {
    const F: &str = "get";
    let code = string_arg(F, "the code", &code)?;
    let o = Options::new(F, &options, &["era", "on", "postal"])?;
    let (era, on, postal) = (o.era()?, o.on()?, o.flag("postal")?);
    let unit = if postal {
        if era == Some(Era::Legacy) || on.is_some_and(|d| d < Date::REFORM) {
            return Err(range_error(
                F,
                format!(
                    "postal codes are those of the current communes, which came into being on {}",
                    Date::REFORM
                ),
            ));
        }
        let postal: PostalCode = code
            .trim()
            .parse()
            .map_err(|e| range_error(F, format!("postal code {:?}: {e}", code.trim())))?;
        Commune::by_postal_code(postal).map(Unit::Commune)
    } else {
        UnitCode::parse_in(&code, era, on)
            .map_err(|e| range_error(F, format!("code {:?}: {e}", code.trim())))?
            .unit()
    };
    match unit {
        Some(u) => to_js(F, &AsOf::new(u, on)),
        None => Ok(JsValue::NULL),
    }
}

/// Units by name, best first, as `dvhc search` prints them: diacritics, case and
/// kind words optional.
///
/// Options: `prefix` (autocomplete) or `fuzzy` (typos), `within` (a province code,
/// or a legacy district code), `limit`, `era`, `level`.
#[wasm_bindgen]
pub fn search(query: JsValue, options: JsValue) -> Js {
    const F: &str = "search";
    let query = string_arg(F, "the query", &query)?;
    let o = Options::new(
        F,
        &options,
        &["prefix", "fuzzy", "within", "limit", "era", "level"],
    )?;
    let (prefix, fuzzy) = (o.flag("prefix")?, o.flag("fuzzy")?);
    if prefix && fuzzy {
        return Err(range_error(
            F,
            "options prefix and fuzzy cannot both be true",
        ));
    }
    let (era, level, limit) = (o.era()?, o.level()?, o.limit()?);
    let mut s = Search::new();
    if let Some(e) = era {
        s = s.era(e);
    }
    if let Some(l) = level {
        s = s.level(l);
    }
    if prefix {
        s = s.mode(Mode::Prefix);
    } else if fuzzy {
        s = s.mode(Mode::Fuzzy);
    }
    if let Some(n) = limit {
        s = s.limit(n);
    }
    // After the era and level, which decide what the code may be.
    if let Some(code) = o.string("within")? {
        s = s
            .within(&code)
            .map_err(|e| range_error(F, format!("option within {:?}: {e}", code.trim())))?;
    }
    to_js(F, &s.run(&query))
}

/// A free-text address of either structure read into its units, as `dvhc parse`
/// prints it: `{input, status, structure, units, alternatives, rest, error}`.
///
/// Options: `on`.
#[wasm_bindgen]
pub fn parse(text: JsValue, options: JsValue) -> Js {
    const F: &str = "parse";
    let text = string_arg(F, "the address", &text)?;
    let o = Options::new(F, &options, &["on"])?;
    let on = o.on()?;
    let result = address::parse(&text);
    to_js(F, &AsOf::new(address::Outcome::new(&text, &result), on))
}

/// The translator `translate` uses: with the boundary polygons in `dvhc-geo`.
fn translator() -> Translator {
    let t = Translator::new();
    #[cfg(feature = "geo")]
    let t = t.with_locator(dvhc_geo::Boundaries);
    t
}

/// An address (old or new structure) in the current structure, as `dvhc translate`
/// prints it: `{input, status, structure, legacy, rest, candidates, formatted, error}`.
///
/// Options: `lat` and `lon` (WGS 84 degrees, together: the candidates of a split
/// commune nearest first, or, in `dvhc-geo`, the one whose boundary contains the
/// point), `on`.
#[wasm_bindgen]
pub fn translate(text: JsValue, options: JsValue) -> Js {
    const F: &str = "translate";
    let text = string_arg(F, "the address", &text)?;
    let o = Options::new(F, &options, &["lat", "lon", "on"])?;
    let point = match (o.number("lat")?, o.number("lon")?) {
        (Some(lat), Some(lon)) => Some((lat, lon)),
        (None, None) => None,
        _ => {
            return Err(type_error(
                F,
                "options lat and lon go together: give both or neither",
            ))
        }
    };
    let mut t = translator();
    if let Some(d) = o.on()? {
        t = t.on(d);
    }
    let result = match point {
        Some((lat, lon)) => t.translate_at(&text, lat, lon),
        None => t.translate(&text),
    };
    to_js(F, &Outcome::new(&text, &result))
}

/// The current commune whose boundary contains the point (WGS 84 degrees), as
/// `dvhc locate` shows it, or `null` for a point in none (at sea, abroad).
///
/// Options: `on`.
#[cfg(feature = "geo")]
#[wasm_bindgen]
pub fn locate(lat: JsValue, lon: JsValue, options: JsValue) -> Js {
    const F: &str = "locate";
    let lat = number_arg(F, "the latitude", &lat)?;
    let lon = number_arg(F, "the longitude", &lon)?;
    let o = Options::new(F, &options, &["on"])?;
    let on = o.on()?;
    match dvhc_geo::locate(lat, lon).map_err(|e| range_error(F, e))? {
        Some(c) => to_js(F, &AsOf::new(Unit::Commune(c), on)),
        None => Ok(JsValue::NULL),
    }
}
