//! Columns in: the addresses (a Python iterable or any Arrow array or stream, through
//! the Arrow PyCapsule interface) and the optional coordinates; the result out as an
//! Arrow array with the PyCapsule interface.
//!
//! A row never fails the batch: a missing value (None, NaN, an Arrow null) is a null
//! row; a value that is not text (a number, an object, bytes that are not UTF-8) is a
//! row in error with the reason. Only an argument that is not a column at all raises.

use std::ops::Range;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use arrow_schema::{DataType, Field};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyFloat, PyString};
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::PyArray;

/// An error of a row that the library never saw, serialised as the library's errors
/// are (`{"kind", "message"}`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct RowError {
    /// `not_a_string` or `invalid_utf8`.
    pub kind: &'static str,
    /// A sentence for people.
    pub message: String,
}

/// One input row.
#[derive(Debug, Clone)]
pub enum Cell {
    /// No value: the output row is null.
    Null,
    /// Text, at this range of [`Rows::buf`].
    Text(Range<usize>),
    /// A value that is not text: its printable form at this range, and why.
    Bad(Range<usize>, RowError),
}

/// The rows of a column, their text in one buffer.
#[derive(Debug, Default)]
pub struct Rows {
    pub buf: String,
    pub cells: Vec<Cell>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn text(&self, r: &Range<usize>) -> &str {
        &self.buf[r.clone()]
    }

    fn push_text(&mut self, s: &str) {
        let start = self.buf.len();
        self.buf.push_str(s);
        self.cells.push(Cell::Text(start..self.buf.len()));
    }

    fn push_bytes(&mut self, b: &[u8]) {
        match std::str::from_utf8(b) {
            Ok(s) => self.push_text(s),
            Err(e) => {
                let start = self.buf.len();
                self.buf.push_str(&String::from_utf8_lossy(b));
                self.cells.push(Cell::Bad(
                    start..self.buf.len(),
                    RowError {
                        kind: "invalid_utf8",
                        message: format!("the input is not valid UTF-8 ({e})"),
                    },
                ));
            }
        }
    }

    fn push_bad(&mut self, shown: &str, error: RowError) {
        let start = self.buf.len();
        self.buf.push_str(shown);
        self.cells.push(Cell::Bad(start..self.buf.len(), error));
    }
}

fn has_capsule(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.hasattr("__arrow_c_array__")? || obj.hasattr("__arrow_c_stream__")?)
}

/// The arrays of an Arrow producer, materialised.
fn arrow_chunks(obj: &Bound<'_, PyAny>) -> PyResult<Vec<ArrayRef>> {
    let any: AnyArray = obj.extract()?;
    let reader = any.into_reader()?;
    reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// An address column as it came in: read (a Python iterable, read with the GIL) or
/// Arrow arrays, read into [`Rows`] by [`Column::rows`] with the GIL released.
pub enum Column {
    Read(Rows),
    Arrow(Vec<ArrayRef>),
}

impl Column {
    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Read(rows) => rows.len(),
            Column::Arrow(chunks) => chunks.iter().map(|c| c.len()).sum(),
        }
    }

    /// The rows (a column of a type that is not text is a `TypeError`).
    pub fn rows(self) -> PyResult<Rows> {
        match self {
            Column::Read(rows) => Ok(rows),
            Column::Arrow(chunks) => {
                let mut rows = Rows::default();
                for chunk in &chunks {
                    arrow_texts(chunk, &mut rows)?;
                }
                Ok(rows)
            }
        }
    }
}

/// Takes the address column: an Arrow producer's arrays as they are (zero-copy), any
/// other iterable read row by row.
pub fn texts(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Column> {
    let _ = py;
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "expected a column of addresses (a list, an array or a Series), not one string",
        ));
    }
    if has_capsule(obj)? {
        return Ok(Column::Arrow(arrow_chunks(obj)?));
    }
    let mut rows = Rows::default();
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "expected a column of addresses (a list, an array or a Series), not {}",
            type_name(obj)
        ))
    })?;
    for item in iter {
        let item = item?;
        if item.is_none() || is_pandas_missing(&item) {
            rows.cells.push(Cell::Null);
        } else if let Ok(s) = item.cast::<PyString>() {
            match s.to_cow() {
                Ok(t) => rows.push_text(&t),
                // Lone surrogates: text Python holds but UTF-8 cannot.
                Err(_) => rows.push_bad(
                    &s.to_string_lossy(),
                    RowError {
                        kind: "invalid_utf8",
                        message: "the input is not valid UTF-8 (a lone surrogate)".to_owned(),
                    },
                ),
            }
        } else if let Ok(b) = item.cast::<PyBytes>() {
            rows.push_bytes(b.as_bytes());
        } else if let Ok(b) = item.cast::<PyByteArray>() {
            rows.push_bytes(&b.to_vec());
        } else if item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
            // pandas' and NumPy's missing value.
            rows.cells.push(Cell::Null);
        } else {
            let shown = item.str().map(|s| s.to_string_lossy().into_owned());
            rows.push_bad(
                &shown.unwrap_or_default(),
                RowError {
                    kind: "not_a_string",
                    message: format!("expected a string, got {}", type_name(&item)),
                },
            );
        }
    }
    Ok(Column::Read(rows))
}

/// pandas' missing values `pd.NA` and `pd.NaT`, found in object columns.
fn is_pandas_missing(obj: &Bound<'_, PyAny>) -> bool {
    let t = obj.get_type();
    let named = |n: &str| t.name().is_ok_and(|s| s == n);
    (named("NAType") || named("NaTType"))
        && t.module()
            .is_ok_and(|m| m.to_string().starts_with("pandas"))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// Appends the rows of one Arrow array of text (strings, binary, a dictionary of
/// them, or nulls).
fn arrow_texts(a: &ArrayRef, rows: &mut Rows) -> PyResult<()> {
    rows.cells.reserve(a.len());
    // One loop for every layout: `$push` is `push_text` for strings, `push_bytes`
    // for binary.
    macro_rules! cells {
        ($arr:expr, $push:ident) => {{
            let arr = $arr;
            for i in 0..arr.len() {
                if arr.is_null(i) {
                    rows.cells.push(Cell::Null);
                } else {
                    rows.$push(arr.value(i));
                }
            }
        }};
    }
    match a.data_type() {
        DataType::Utf8 => cells!(a.as_string::<i32>(), push_text),
        DataType::LargeUtf8 => cells!(a.as_string::<i64>(), push_text),
        DataType::Utf8View => cells!(a.as_string_view(), push_text),
        DataType::Binary => cells!(a.as_binary::<i32>(), push_bytes),
        DataType::LargeBinary => cells!(a.as_binary::<i64>(), push_bytes),
        DataType::BinaryView => cells!(a.as_binary_view(), push_bytes),
        DataType::Null => rows.cells.extend((0..a.len()).map(|_| Cell::Null)),
        DataType::Dictionary(_, v)
            if matches!(
                **v,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            ) =>
        {
            let plain = arrow_cast::cast(a, &DataType::Utf8)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            cells!(plain.as_string::<i32>(), push_text)
        }
        other => {
            return Err(PyTypeError::new_err(format!(
                "expected a column of strings, got Arrow type {other}"
            )))
        }
    }
    Ok(())
}

/// Reads one coordinate column: `None` (or NaN) where a row has no coordinate.
fn floats(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Option<f64>>> {
    // NaN is pandas' and NumPy's missing value; an infinite value stays, for the
    // library to report as bad coordinates.
    let keep = |v: f64| (!v.is_nan()).then_some(v);
    if has_capsule(obj)? {
        let mut out = Vec::new();
        for chunk in arrow_chunks(obj)? {
            let f = arrow_cast::cast(&chunk, &DataType::Float64)
                .map_err(|e| PyTypeError::new_err(format!("{what}: expected numbers ({e})")))?;
            let f = f.as_primitive::<arrow_array::types::Float64Type>();
            out.extend(f.iter().map(|v| v.and_then(keep)));
        }
        return Ok(out);
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: expected a column of numbers, not {}",
            type_name(obj)
        ))
    })?;
    iter.map(|item| {
        let item = item?;
        if item.is_none() {
            return Ok(None);
        }
        item.extract::<f64>().map(keep).map_err(|_| {
            PyTypeError::new_err(format!("{what}: {} is not a number", type_name(&item)))
        })
    })
    .collect()
}

/// A row's point (latitude, longitude), if it has one.
pub type Point = Option<(f64, f64)>;

/// Reads the coordinate columns, as long as the address column; a row whose latitude
/// or longitude is missing has no point.
pub fn points(
    py: Python<'_>,
    lat: Option<&Bound<'_, PyAny>>,
    lon: Option<&Bound<'_, PyAny>>,
    len: usize,
) -> PyResult<Option<Vec<Point>>> {
    let _ = py;
    let (lat, lon) = match (lat, lon) {
        (None, None) => return Ok(None),
        (Some(a), Some(b)) => (floats(a, "lat")?, floats(b, "lon")?),
        _ => return Err(PyTypeError::new_err("give both lat and lon, or neither")),
    };
    if lat.len() != len || lon.len() != len {
        return Err(PyValueError::new_err(format!(
            "lat and lon must have one value per address: {len} addresses, {} latitudes, {} longitudes",
            lat.len(),
            lon.len()
        )));
    }
    Ok(Some(
        lat.into_iter()
            .zip(lon)
            .map(|(a, b)| Some((a?, b?)))
            .collect(),
    ))
}

/// The result as an Arrow array with the PyCapsule interface.
pub fn export<'py>(
    py: Python<'py>,
    result: PyResult<(ArrayRef, Arc<Field>)>,
) -> PyResult<Bound<'py, PyAny>> {
    let (array, field) = result?;
    PyArray::try_new(array, field)
        .map_err(|e| PyValueError::new_err(e.to_string()))?
        .into_pyobject(py)
        .map(Bound::into_any)
}
