//! `dvhc._dvhc`, the native part of the Python package `dvhc`.
//!
//! Everything here converts the library's serialisable results (feature `serde`) into
//! Python: single results through `pythonize` (dicts and lists in the JSON shapes the
//! `dvhc` tool prints, which `dvhc/_records.py` wraps in frozen classes), columns
//! through `serde_arrow` (Arrow arrays whose schema is traced from the same serde
//! types, see the module `arrow`). No shape, parsing rule or ranking is written here: the
//! functions choose what to call and hand the library's values over.
//!
//! The public Python API is `dvhc/__init__.py`; this module is private.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

use dvhc::search::{Mode, Search};
use dvhc::translate::Translator;
use dvhc::{address, legacy, AsOf, Commune, Date, Era, Level, Province, Unit};

mod arrow;
mod input;

/// A Python error of the class `dvhc.<class>` (defined in `dvhc/_errors.py`) with the
/// library's message and its stable `kind` id.
fn error(py: Python<'_>, class: &str, kind: &str, message: String) -> PyErr {
    let made = py
        .import("dvhc._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1((message.clone(), kind)));
    match made {
        Ok(e) => PyErr::from_value(e),
        // The package is broken if its own module is missing; say what failed anyway.
        Err(_) => PyValueError::new_err(message),
    }
}

/// Serialises `value` as Python objects.
fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A date `YYYY-MM-DD` (the Python layer turns `datetime.date` into one).
fn date(py: Python<'_>, on: Option<&str>) -> PyResult<Option<Date>> {
    on.map(|s| {
        s.parse::<Date>()
            .map_err(|e| error(py, "Error", "bad_date", format!("{s:?}: {e}")))
    })
    .transpose()
}

fn era(py: Python<'_>, era: Option<&str>) -> PyResult<Option<Era>> {
    era.map(|s| {
        Era::from_id(s).ok_or_else(|| {
            error(
                py,
                "Error",
                "bad_era",
                format!("era {s:?}: expected \"current\" or \"legacy\""),
            )
        })
    })
    .transpose()
}

fn level(py: Python<'_>, level: Option<&str>) -> PyResult<Option<Level>> {
    level
        .map(|s| {
            Level::from_id(s).ok_or_else(|| {
                error(
                    py,
                    "Error",
                    "bad_level",
                    format!("level {s:?}: expected \"province\", \"district\" or \"commune\""),
                )
            })
        })
        .transpose()
}

/// The translator for a date: the CLI's setup (split communes resolved by the
/// boundary polygons of `dvhc-geo` when coordinates are given).
fn translator(on: Option<Date>, threads: usize) -> Translator {
    let t = Translator::new()
        .with_locator(dvhc_geo::Boundaries)
        .threads(threads);
    match on {
        Some(d) => t.on(d),
        None => t,
    }
}

/// `dvhc.translate`: one address; raises `dvhc.TranslateError`.
#[pyfunction]
#[pyo3(signature = (text, lat=None, lon=None, on=None))]
fn translate<'py>(
    py: Python<'py>,
    text: &str,
    lat: Option<f64>,
    lon: Option<f64>,
    on: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let tr = translator(date(py, on)?, 1);
    let result = match (lat, lon) {
        (None, None) => tr.translate(text),
        (Some(lat), Some(lon)) => tr.translate_at(text, lat, lon),
        _ => return Err(PyTypeError::new_err("give both lat and lon, or neither")),
    };
    match result {
        Ok(t) => to_py(py, &t),
        Err(e) => Err(error(py, "TranslateError", e.id(), e.to_string())),
    }
}

/// `dvhc.parse`: one address; raises `dvhc.ParseError`.
#[pyfunction]
#[pyo3(signature = (text, on=None))]
fn parse<'py>(py: Python<'py>, text: &str, on: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let on = date(py, on)?;
    match address::parse(text) {
        Ok(a) => to_py(py, &AsOf::new(&a, on)),
        Err(e) => Err(error(py, "ParseError", e.id(), e.to_string())),
    }
}

/// The search a query runs with: mode, era, level, limit and the unit it is scoped to
/// (`within`: a 2-digit province code, current unless `era` is `"legacy"`, or a
/// 3-digit legacy district code).
fn search_for(
    py: Python<'_>,
    mode: &str,
    era_id: Option<&str>,
    level_id: Option<&str>,
    limit: Option<usize>,
    within: Option<&str>,
) -> PyResult<Search> {
    let mut s = Search::new();
    let era = era(py, era_id)?;
    if let Some(e) = era {
        s = s.era(e);
    }
    if let Some(l) = level(py, level_id)? {
        s = s.level(l);
    }
    s = s.mode(Mode::from_id(mode).ok_or_else(|| {
        error(
            py,
            "Error",
            "bad_mode",
            format!("mode {mode:?}: expected \"exact\", \"prefix\" or \"fuzzy\""),
        )
    })?);
    if let Some(n) = limit {
        s = s.limit(n);
    }
    let Some(code) = within.map(str::trim) else {
        return Ok(s);
    };
    let bad =
        |e: dvhc::ParseCodeError| error(py, "CodeError", "bad_code", format!("{code:?}: {e}"));
    match (code.len(), era) {
        (2, Some(Era::Legacy)) => Ok(s.within_legacy_province(code.parse().map_err(bad)?)),
        (2, _) => Ok(s.within_province(code.parse().map_err(bad)?)),
        (3, Some(Era::Current)) => Err(error(
            py,
            "CodeError",
            "bad_code",
            format!("{code:?}: districts exist only in the legacy structure"),
        )),
        (3, _) => Ok(s.within_district(code.parse().map_err(bad)?)),
        _ => Err(error(
            py,
            "CodeError",
            "bad_code",
            format!("within {code:?}: give a province code (2 digits) or a legacy district code (3 digits)"),
        )),
    }
}

/// `dvhc.search`: the hits of a query, best first.
#[pyfunction]
#[pyo3(signature = (query, mode="exact", era=None, level=None, limit=None, within=None))]
fn search<'py>(
    py: Python<'py>,
    query: &str,
    mode: &str,
    era: Option<&str>,
    level: Option<&str>,
    limit: Option<usize>,
    within: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let s = search_for(py, mode, era, level, limit, within)?;
    to_py(py, &s.run(query))
}

/// The unit with a code: 2 digits a province, 3 a legacy district, 5 a commune; the
/// era is the current one unless `era` says otherwise (districts are legacy).
fn unit_of(py: Python<'_>, code: &str, era_id: Option<&str>) -> PyResult<Option<Unit>> {
    let code = code.trim();
    let bad = |m: String| error(py, "CodeError", "bad_code", format!("{code:?}: {m}"));
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("a code is made of digits only".into()));
    }
    let era = era(py, era_id)?;
    let perr = |e: dvhc::ParseCodeError| bad(e.to_string());
    Ok(match (code.len(), era) {
        (2, Some(Era::Legacy)) => {
            legacy::Province::get(code.parse().map_err(perr)?).map(Unit::LegacyProvince)
        }
        (2, _) => Province::get(code.parse().map_err(perr)?).map(Unit::Province),
        (3, Some(Era::Current)) => {
            return Err(bad(
                "3-digit codes are districts, which exist only in the legacy structure".into(),
            ))
        }
        (3, _) => legacy::District::get(code.parse().map_err(perr)?).map(Unit::LegacyDistrict),
        (5, Some(Era::Legacy)) => {
            legacy::Commune::get(code.parse().map_err(perr)?).map(Unit::LegacyCommune)
        }
        (5, _) => Commune::get(code.parse().map_err(perr)?).map(Unit::Commune),
        (n, _) => {
            return Err(bad(format!(
                "a code has 2 digits (province), 3 (legacy district) or 5 (commune), not {n}"
            )))
        }
    })
}

/// `dvhc.get`: the unit with a code (as `dvhc get` prints it), or `None`.
#[pyfunction]
#[pyo3(signature = (code, era=None, on=None))]
fn get<'py>(
    py: Python<'py>,
    code: &str,
    era: Option<&str>,
    on: Option<&str>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let on = date(py, on)?;
    unit_of(py, code, era)?
        .map(|u| to_py(py, &AsOf::new(u, on)))
        .transpose()
}

/// The units below a unit, one level down (a current province's communes, a legacy
/// province's districts, a legacy district's communes); `None` for the provinces.
#[pyfunction]
#[pyo3(signature = (code=None, era=None, on=None))]
fn children<'py>(
    py: Python<'py>,
    code: Option<&str>,
    era: Option<&str>,
    on: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let on = date(py, on)?;
    let units: Vec<Unit> = match code {
        None => match self::era(py, era)? {
            Some(Era::Legacy) => legacy::Province::all()
                .iter()
                .map(Unit::LegacyProvince)
                .collect(),
            _ => Province::all().iter().map(Unit::Province).collect(),
        },
        Some(code) => match unit_of(py, code, era)? {
            Some(Unit::Province(p)) => p.communes().map(Unit::Commune).collect(),
            Some(Unit::LegacyProvince(p)) => p.districts().map(Unit::LegacyDistrict).collect(),
            Some(Unit::LegacyDistrict(d)) => d.communes().map(Unit::LegacyCommune).collect(),
            _ => Vec::new(),
        },
    };
    let out = PyList::empty(py);
    for u in units {
        out.append(to_py(py, &AsOf::new(u, on))?)?;
    }
    Ok(out)
}

/// `dvhc.locate`: the current commune containing a point (`dvhc-geo`), or `None`.
#[pyfunction]
#[pyo3(signature = (lat, lon, on=None))]
fn locate<'py>(
    py: Python<'py>,
    lat: f64,
    lon: f64,
    on: Option<&str>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let on = date(py, on)?;
    match dvhc_geo::locate(lat, lon) {
        Ok(c) => c
            .map(|c| to_py(py, &AsOf::new(Unit::Commune(c), on)))
            .transpose(),
        Err(e) => Err(error(py, "Error", "bad_coordinates", e.to_string())),
    }
}

/// The top-level fields of the rows of `what` that `fields` names (all if `None`);
/// `ValueError` for a name that is not one of them.
fn selection(what: &str, fields: Option<Vec<String>>) -> PyResult<Vec<arrow_schema::FieldRef>> {
    arrow::selection(what, fields.as_deref()).map_err(PyValueError::new_err)
}

/// `dvhc.translate_many`: a struct array of `translate::Outcome`s, one per input row,
/// with the top-level `fields` (all if `None`).
#[pyfunction]
#[pyo3(signature = (texts, lat=None, lon=None, on=None, threads=0, fields=None))]
fn translate_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    lat: Option<&Bound<'py, PyAny>>,
    lon: Option<&Bound<'py, PyAny>>,
    on: Option<&str>,
    threads: usize,
    fields: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let tr = translator(date(py, on)?, threads);
    let fields = selection("translate", fields)?;
    let column = input::texts(py, texts)?;
    let points = input::points(py, lat, lon, column.len())?;
    // Everything from here to the result is done without the GIL: reading an Arrow
    // column, translating, serialising.
    let array = py.detach(|| {
        let rows = column.rows()?;
        arrow::translate(&tr, &rows, points.as_deref(), threads, &fields)
            .map_err(PyValueError::new_err)
    });
    input::export(py, array)
}

/// `dvhc.parse_many`: a struct array of `address::Outcome`s (names as on `on`), with
/// the top-level `fields` (all if `None`).
#[pyfunction]
#[pyo3(signature = (texts, on=None, threads=0, fields=None))]
fn parse_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    on: Option<&str>,
    threads: usize,
    fields: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let on = date(py, on)?;
    let fields = selection("parse", fields)?;
    let column = input::texts(py, texts)?;
    let array = py.detach(|| {
        let rows = column.rows()?;
        arrow::parse(&rows, on, threads, &fields).map_err(PyValueError::new_err)
    });
    input::export(py, array)
}

/// `dvhc.search_many`: a list array of hits per input row.
#[pyfunction]
#[pyo3(signature = (texts, mode="exact", era=None, level=None, limit=None, within=None, threads=0))]
#[allow(clippy::too_many_arguments)]
fn search_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    mode: &str,
    era: Option<&str>,
    level: Option<&str>,
    limit: Option<usize>,
    within: Option<&str>,
    threads: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let s = search_for(py, mode, era, level, limit, within)?;
    let column = input::texts(py, texts)?;
    let array = py.detach(|| {
        let rows = column.rows()?;
        arrow::search(&s, &rows, threads).map_err(PyValueError::new_err)
    });
    input::export(py, array)
}

/// The Arrow field (`__arrow_c_schema__`) of what `<what>_many` returns:
/// `"translate"`, `"parse"` or `"search"`; `fields` as for `translate_many`.
#[pyfunction]
#[pyo3(signature = (what, fields=None))]
fn schema<'py>(
    py: Python<'py>,
    what: &str,
    fields: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let field = arrow::field(what, fields.as_deref())
        .map_err(PyValueError::new_err)?
        .ok_or_else(|| PyValueError::new_err(format!("no schema named {what:?}")))?;
    pyo3_arrow::PyField::new(field)
        .into_pyobject(py)
        .map(Bound::into_any)
}

#[pymodule]
fn _dvhc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DATA_VERSION", dvhc::DATA_VERSION)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(translate, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(search, m)?)?;
    m.add_function(wrap_pyfunction!(get, m)?)?;
    m.add_function(wrap_pyfunction!(children, m)?)?;
    m.add_function(wrap_pyfunction!(locate, m)?)?;
    m.add_function(wrap_pyfunction!(translate_many, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(search_many, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    Ok(())
}
