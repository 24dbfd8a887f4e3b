//! The library's serialisable results as Arrow columns.
//!
//! The schemas are not written down here: each is traced once, with `serde_arrow`,
//! from the serialisations of a few sample results of the library that between them
//! fill every field (an unambiguous, an ambiguous and a failed translation, one
//! resolved by distance, one of a current address, …). A field that the library adds
//! appears in the columns by itself; a field that no sample fills fails the tracing
//! (`allow_null_fields(false)`), which the Python tests catch, rather than being
//! given Arrow's `null` type.

use std::sync::{Arc, OnceLock};

use arrow_array::{Array, ArrayRef, ListArray, StructArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, FieldRef, Fields};
use serde::ser::{Serialize, Serializer};
use serde_arrow::schema::{SchemaLike, TracingOptions};
use serde_arrow::ArrayBuilder;

use dvhc::search::{Hit, Search};
use dvhc::translate::{Outcome, TranslateError, Translation, Translator};
use dvhc::{address, AsOf, Date};

use crate::input::{Cell, RowError, Rows};

/// An error of a row: the library's, or one found before the library saw the row.
/// Both serialise as `{"kind", "message"}`.
enum Error<'r, E> {
    Library(E),
    Row(&'r RowError),
}

impl<E: Serialize> Serialize for Error<'_, E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Error::Library(e) => e.serialize(s),
            Error::Row(e) => e.serialize(s),
        }
    }
}

/// The name of the one column a batch function returns.
const COLUMN: &str = "dvhc";

fn options() -> TracingOptions {
    TracingOptions::default()
        .allow_null_fields(false)
        .strings_as_large_utf8(false)
        .sequence_as_large_list(false)
}

/// Traces the fields of `samples` (serialised rows of one shape).
fn trace<T: Serialize>(samples: &[T]) -> Result<Vec<FieldRef>, String> {
    Vec::<FieldRef>::from_samples(samples, options()).map_err(|e| e.to_string())
}

/// The fields of a translation row.
fn translate_fields() -> &'static Result<Vec<FieldRef>, String> {
    static FIELDS: OnceLock<Result<Vec<FieldRef>, String>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        // Without the boundary polygons, a split commune with a point is ranked by
        // centroid distance, which fills `distance_km`.
        let plain = Translator::new();
        let inputs = [
            "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
            "Quận 1, TP.HCM",
            "Phường Sài Gòn, Thành phố Hồ Chí Minh",
            "",
        ];
        let mut results: Vec<Result<Translation<'_>, TranslateError>> =
            inputs.iter().map(|a| plain.translate(a)).collect();
        results.push(plain.translate_at("P. Đa Kao, Q.1, TP.HCM", 10.79, 106.69));
        let outcomes: Vec<Outcome<'_, '_, TranslateError>> = inputs
            .iter()
            .chain(["P. Đa Kao, Q.1, TP.HCM"].iter())
            .zip(&results)
            .map(|(i, r)| Outcome::new(i, r))
            .collect();
        trace(&outcomes)
    })
}

/// The fields of a parse row.
fn parse_fields() -> &'static Result<Vec<FieldRef>, String> {
    static FIELDS: OnceLock<Result<Vec<FieldRef>, String>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let inputs = [
            "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
            "Phường Sài Gòn, Thành phố Hồ Chí Minh",
            "Xã Tân Phú, Huyện Đồng Phú, Tỉnh Bình Phước",
            "Tân Phú",
            "",
        ];
        let results: Vec<_> = inputs.iter().map(|a| address::parse(a)).collect();
        let outcomes: Vec<_> = inputs
            .iter()
            .zip(&results)
            .map(|(i, r)| AsOf::new(address::Outcome::new(i, r), None))
            .collect();
        trace(&outcomes)
    })
}

/// The hits of one query, as the struct `serde_arrow` wants for a row.
#[derive(serde::Serialize)]
struct Hits<'a> {
    hits: &'a [Hit],
}

/// The fields of a search row (`hits`, a list of hits).
fn search_fields() -> &'static Result<Vec<FieldRef>, String> {
    static FIELDS: OnceLock<Result<Vec<FieldRef>, String>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let hits: Vec<Vec<Hit>> = ["Bến Nghé", "Hồ Chí Minh", "Quận 1"]
            .iter()
            .map(|q| Search::new().run(q))
            .collect();
        let rows: Vec<Hits<'_>> = hits.iter().map(|h| Hits { hits: h }).collect();
        trace(&rows)
    })
}

/// The Arrow field of the column `<what>_many` returns.
pub fn field(what: &str) -> Result<Option<FieldRef>, String> {
    Ok(Some(match what {
        "translate" => struct_field(translate_fields().clone()?),
        "parse" => struct_field(parse_fields().clone()?),
        "search" => {
            let fields = search_fields().clone()?;
            let mut f = (*fields[0]).clone();
            f.set_name(COLUMN);
            Arc::new(f.with_nullable(true))
        }
        _ => return Ok(None),
    }))
}

fn struct_field(fields: Vec<FieldRef>) -> FieldRef {
    Arc::new(Field::new(
        COLUMN,
        DataType::Struct(Fields::from(fields)),
        true,
    ))
}

/// Builds the struct column of `rows`, one serialised row per cell, null for null
/// cells (whose placeholder values are hidden by the null).
fn build(
    fields: &[FieldRef],
    cells: &[Cell],
    mut row: impl FnMut(usize, &mut ArrayBuilder) -> Result<(), serde_arrow::Error>,
) -> Result<(ArrayRef, FieldRef), String> {
    let mut builder = ArrayBuilder::from_arrow(fields).map_err(|e| e.to_string())?;
    for i in 0..cells.len() {
        row(i, &mut builder).map_err(|e| e.to_string())?;
    }
    let batch = builder.to_record_batch().map_err(|e| e.to_string())?;
    let valid = NullBuffer::from_iter(cells.iter().map(|c| !matches!(c, Cell::Null)));
    let nulls = (valid.null_count() > 0).then_some(valid);
    let (schema, columns, _) = batch.into_parts();
    let array = StructArray::try_new(schema.fields().clone(), columns, nulls)
        .map_err(|e| e.to_string())?;
    let field = struct_field(fields.to_vec());
    Ok((Arc::new(array), field))
}

/// The row that stands for a null cell (hidden by the struct's null).
static NULL_ROW: RowError = RowError {
    kind: "null",
    message: String::new(),
};

/// Translates the rows (the text rows without a point in one
/// [`Translator::translate_batch`] on the translator's threads, the others one by
/// one) and returns the struct column of their `translate::Outcome`s.
pub fn translate(
    tr: &Translator,
    rows: &Rows,
    points: Option<&[Option<(f64, f64)>]>,
) -> Result<(ArrayRef, FieldRef), String> {
    let fields = translate_fields().clone()?;
    let point = |i: usize| points.and_then(|p| p[i]);
    let batch: Vec<&str> = rows
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Cell::Text(r) if point(i).is_none() => Some(rows.text(r)),
            _ => None,
        })
        .collect();
    let mut translated = tr.translate_batch(&batch).into_iter();
    build(&fields, &rows.cells, |i, b| match &rows.cells[i] {
        Cell::Null => b.push(Outcome::failed("", &Error::<TranslateError>::Row(&NULL_ROW))),
        Cell::Bad(r, e) => b.push(Outcome::failed(rows.text(r), &Error::<TranslateError>::Row(e))),
        Cell::Text(r) => {
            let text = rows.text(r);
            let result = match point(i) {
                Some((lat, lon)) => tr.translate_at(text, lat, lon),
                // One result per text row without a point, in order.
                None => translated
                    .next()
                    .unwrap_or_else(|| tr.translate(text)),
            };
            let result = result.map_err(Error::Library);
            b.push(Outcome::new(text, &result))
        }
    })
}

/// Parses the rows; the struct column of their `address::Outcome`s, names as on `on`.
pub fn parse(rows: &Rows, on: Option<Date>) -> Result<(ArrayRef, FieldRef), String> {
    let fields = parse_fields().clone()?;
    build(&fields, &rows.cells, |i, b| match &rows.cells[i] {
        Cell::Null => b.push(AsOf::new(
            address::Outcome::failed("", &Error::<address::ParseError>::Row(&NULL_ROW)),
            on,
        )),
        Cell::Bad(r, e) => b.push(AsOf::new(
            address::Outcome::failed(rows.text(r), &Error::<address::ParseError>::Row(e)),
            on,
        )),
        Cell::Text(r) => {
            let text = rows.text(r);
            let result = address::parse(text).map_err(Error::Library);
            b.push(AsOf::new(address::Outcome::new(text, &result), on))
        }
    })
}

/// Runs the search on every row; a list of hits per row (null for a row that is null
/// or not text).
pub fn search(s: &Search, rows: &Rows) -> Result<(ArrayRef, FieldRef), String> {
    let fields = search_fields().clone()?;
    let (array, _) = build(&fields, &rows.cells, |i, b| match &rows.cells[i] {
        Cell::Text(r) => b.push(Hits {
            hits: &s.run(rows.text(r)),
        }),
        _ => b.push(Hits { hits: &[] }),
    })?;
    let st = array
        .as_any()
        .downcast_ref::<StructArray>()
        .ok_or("not a struct array")?;
    let list = st.column(0).clone();
    let list = list
        .as_any()
        .downcast_ref::<ListArray>()
        .ok_or("hits are not a list")?;
    let valid = NullBuffer::from_iter(rows.cells.iter().map(|c| matches!(c, Cell::Text(_))));
    let nulls = (valid.null_count() > 0).then_some(valid);
    let (item, offsets, values, _) = list.clone().into_parts();
    let list = ListArray::try_new(item, offsets, values, nulls).map_err(|e| e.to_string())?;
    let field = field("search")?.ok_or("no search schema")?;
    Ok((Arc::new(list), field))
}
