//! The library's serialisable results as Arrow columns.
//!
//! The schemas are not written down here: each is traced once, with `serde_arrow`,
//! from the serialisations of a few sample results of the library that between them
//! fill every field (an unambiguous, an ambiguous and a failed translation, one
//! resolved by distance, one of a current address, …). A field that the library adds
//! appears in the columns by itself; a field that no sample fills fails the tracing
//! (`allow_null_fields(false)`), which the Python tests catch, rather than being
//! given Arrow's `null` type.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use arrow_array::{Array, ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema};
use arrow_select::concat::concat_batches;
use serde::Serialize;
use serde_arrow::schema::{SchemaLike, TracingOptions};
use serde_arrow::ArrayBuilder;

use dvhc::search::{Hit, Search};
use dvhc::translate::{Outcome, TranslateError, Translation, Translator};
use dvhc::{address, AsOf, Date};

use crate::input::{Cell, RowError, Rows};

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
            // The members of messy input: a unit not found, a legacy encoding repaired,
            // a remark, a unit overruled, postal codes written (naming a commune or not).
            "Xã Qwerty, Huyện Củ Chi, TP.HCM",
            "Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai",
            "Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu 79000 (gần chợ)",
            "Phường Ba Đình, Hà Nội 11120",
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
            "Xã Qwerty, Huyện Củ Chi, TP.HCM",
            "Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai",
            "Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu 79000 (gần chợ)",
            "Phường Ba Đình, Hà Nội 11120",
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

/// The Arrow field of the column `<what>_many` returns, with the top-level fields
/// `names` (all if `None`; see [`selection`]).
pub fn field(what: &str, names: Option<&[String]>) -> Result<Option<FieldRef>, String> {
    Ok(Some(match what {
        "translate" | "parse" => struct_field(selection(what, names)?),
        "search" if names.is_none() => {
            let fields = search_fields().clone()?;
            let mut f = (*fields[0]).clone();
            f.set_name(COLUMN);
            Arc::new(f.with_nullable(true))
        }
        "search" => return Err("fields: the rows of \"search\" have no fields to choose".into()),
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

/// The threads rows are worked on: `threads` (0 for every core), at most one per
/// 1,024 rows.
fn threads_for(threads: usize, rows: usize) -> usize {
    let wanted = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    wanted.min(rows / 1024).max(1)
}

/// One row, worked out (translated, parsed, …) and written into a builder.
type RowFn<'f> = dyn Fn(usize, &mut ArrayBuilder) -> Result<(), serde_arrow::Error> + Sync + 'f;

/// Works out rows `0..n` with `row` into one record batch, in input order, on
/// `threads` threads. Each thread does the whole work of a row (the library's call
/// and the Arrow serialisation), taking the next chunk of rows as it gets free, so a
/// thread that the machine slows down delays nobody; a chunk's rows become one batch
/// and the batches are put together once at the end. No row's result outlives its
/// serialisation, so the memory is that of the output.
fn build_rows(
    fields: &[FieldRef],
    n: usize,
    threads: usize,
    row: &RowFn<'_>,
) -> Result<RecordBatch, String> {
    let work = |part: Range<usize>| -> Result<RecordBatch, String> {
        let mut b = ArrayBuilder::from_arrow(fields).map_err(|e| e.to_string())?;
        for i in part {
            row(i, &mut b).map_err(|e| e.to_string())?;
        }
        b.into_record_batch().map_err(|e| e.to_string())
    };
    let threads = threads_for(threads, n);
    if threads <= 1 {
        return work(0..n);
    }
    // About 8 chunks per thread (the last ones even out the threads' speeds), each
    // big enough that a builder's set-up is nothing against its rows.
    let chunk = (n / (threads * 8)).clamp(1024, 16 * 1024);
    let chunks = n.div_ceil(chunk);
    let next = AtomicUsize::new(0);
    let worker = || -> Vec<(usize, Result<RecordBatch, String>)> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= chunks {
                return done;
            }
            done.push((i, work(i * chunk..((i + 1) * chunk).min(n))));
        }
    };
    let mut done = std::thread::scope(|s| {
        // A thread the system cannot start is not used: the others take its chunks.
        let handles: Vec<_> = (1..threads.min(chunks))
            .map_while(|_| std::thread::Builder::new().spawn_scoped(s, worker).ok())
            .collect();
        let mut done = worker();
        for h in handles {
            done.extend(
                h.join()
                    .map_err(|_| "a worker thread panicked".to_owned())?,
            );
        }
        Ok::<_, String>(done)
    })?;
    // Every chunk was taken exactly once; back in input order.
    done.sort_unstable_by_key(|(i, _)| *i);
    let batches = done
        .into_iter()
        .map(|(_, b)| b)
        .collect::<Result<Vec<_>, _>>()?;
    let schema = Arc::new(Schema::new(fields.to_vec()));
    concat_batches(&schema, &batches).map_err(|e| e.to_string())
}

/// The struct column of the rows' batch, null where the cell is null (the
/// placeholder values under a null are hidden by it).
fn finish(
    fields: &[FieldRef],
    batch: RecordBatch,
    cells: &[Cell],
) -> Result<(ArrayRef, FieldRef), String> {
    let valid = NullBuffer::from_iter(cells.iter().map(|c| !matches!(c, Cell::Null)));
    let nulls = (valid.null_count() > 0).then_some(valid);
    let (schema, columns, _) = batch.into_parts();
    let array =
        StructArray::try_new(schema.fields().clone(), columns, nulls).map_err(|e| e.to_string())?;
    Ok((Arc::new(array), struct_field(fields.to_vec())))
}

/// The row that stands for a null cell (hidden by the struct's null).
static NULL_ROW: RowError = RowError {
    kind: "null",
    message: String::new(),
};

/// The top-level fields of a row of `what` (`"translate"` or `"parse"`) named in
/// `names` (in the order of the schema), or all of them; an unknown name is an error
/// that lists the known ones. The fields left out are not serialised at all
/// (`serde_arrow` skips the fields of a struct that its schema does not have).
pub fn selection(what: &str, names: Option<&[String]>) -> Result<Vec<FieldRef>, String> {
    let all = match what {
        "translate" => translate_fields(),
        "parse" => parse_fields(),
        _ => {
            return Err(format!(
                "fields: the rows of {what:?} have no fields to choose"
            ))
        }
    }
    .clone()?;
    let Some(names) = names else {
        return Ok(all);
    };
    let known = |n: &String| all.iter().any(|f| f.name() == n);
    if let Some(bad) = names.iter().find(|n| !known(n)) {
        let valid: Vec<&str> = all.iter().map(|f| f.name().as_str()).collect();
        return Err(format!(
            "fields: no field {bad:?} in the rows of {what:?}; the fields are {}",
            valid.join(", ")
        ));
    }
    if names.is_empty() {
        return Err("fields: choose at least one field (None for all of them)".to_owned());
    }
    Ok(all
        .into_iter()
        .filter(|f| names.iter().any(|n| n == f.name()))
        .collect())
}

/// Translates the rows and returns the struct column of their `translate::Outcome`s
/// with the top-level `fields` (see [`selection`]). The rows are shared out
/// between `threads` threads, each translating a row (with its point, if it has one)
/// and serialising it at once.
pub fn translate(
    tr: &Translator,
    rows: &Rows,
    points: Option<&[Option<(f64, f64)>]>,
    threads: usize,
    fields: &[FieldRef],
) -> Result<(ArrayRef, FieldRef), String> {
    let point = |i: usize| points.and_then(|p| p[i]);
    let cells = &rows.cells;
    let row = |i: usize, b: &mut ArrayBuilder| match &cells[i] {
        Cell::Null => b.push(Outcome::failed("", &NULL_ROW)),
        Cell::Bad(r, e) => b.push(Outcome::failed(rows.text(r), e)),
        Cell::Text(r) => {
            let text = rows.text(r);
            let result = match point(i) {
                Some((lat, lon)) => tr.translate_at(text, lat, lon),
                None => tr.translate(text),
            };
            b.push(Outcome::new(text, &result))
        }
    };
    let batch = build_rows(fields, cells.len(), threads, &row)?;
    finish(fields, batch, cells)
}

/// Parses the rows; the struct column of their `address::Outcome`s with the top-level
/// `fields`, names as on `on`.
pub fn parse(
    rows: &Rows,
    on: Option<Date>,
    threads: usize,
    fields: &[FieldRef],
) -> Result<(ArrayRef, FieldRef), String> {
    let cells = &rows.cells;
    let row = |i: usize, b: &mut ArrayBuilder| match &cells[i] {
        Cell::Null => b.push(AsOf::new(address::Outcome::failed("", &NULL_ROW), on)),
        Cell::Bad(r, e) => b.push(AsOf::new(address::Outcome::failed(rows.text(r), e), on)),
        Cell::Text(r) => {
            let text = rows.text(r);
            let result = address::parse(text);
            b.push(AsOf::new(address::Outcome::new(text, &result), on))
        }
    };
    let batch = build_rows(fields, cells.len(), threads, &row)?;
    finish(fields, batch, cells)
}

/// Runs the search on every row; a list of hits per row (null for a row that is null
/// or not text).
pub fn search(s: &Search, rows: &Rows, threads: usize) -> Result<(ArrayRef, FieldRef), String> {
    let fields = search_fields().clone()?;
    let cells = &rows.cells;
    let row = |i: usize, b: &mut ArrayBuilder| match &cells[i] {
        Cell::Text(r) => b.push(Hits {
            hits: &s.run(rows.text(r)),
        }),
        _ => b.push(Hits { hits: &[] }),
    };
    let batch = build_rows(&fields, cells.len(), threads, &row)?;
    let list = batch
        .column(0)
        .as_any()
        .downcast_ref::<ListArray>()
        .ok_or("hits are not a list")?;
    let valid = NullBuffer::from_iter(rows.cells.iter().map(|c| matches!(c, Cell::Text(_))));
    let nulls = (valid.null_count() > 0).then_some(valid);
    let (item, offsets, values, _) = list.clone().into_parts();
    let list = ListArray::try_new(item, offsets, values, nulls).map_err(|e| e.to_string())?;
    let field = field("search", None)?.ok_or("no search schema")?;
    Ok((Arc::new(list), field))
}
