"""``fields=``: the chosen top-level fields of the results, on every path that has it,
equal to those fields of the full results; an unknown name is a ValueError that
lists the valid ones."""

from __future__ import annotations

from typing import Any, Callable

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from paths import _plain, _table

import dvhc
import dvhc.duckdb
import dvhc.pandas
import dvhc.polars

TEXTS: list[Any] = [
    "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
    None,
    "Quận 1, TP.HCM",
    "xxx",
    "P. Đa Kao, Q.1, TP.HCM",
    5,
]
# What the paths that take only text columns (Polars, DuckDB) are given.
STRINGS = [t if isinstance(t, str) else None for t in TEXTS]
LAT = [10.7906, None, None, None, 10.7906, None]
LON = [106.6953, None, None, None, 106.6953, None]
# Given out of the schema's order, with a nested field: the result keeps the
# schema's order.
CHOSEN = ["formatted", "candidates", "status"]
IN_ORDER = ["status", "candidates", "formatted"]


def _names(what: str) -> list[str]:
    return [f.name for f in pa.field(dvhc.schema(what)).type]


def _project(rows: list[Any], names: list[str]) -> list[Any]:
    return [None if r is None else {k: r[k] for k in names} for r in rows]


def _full(texts: list[Any], points: bool) -> list[Any]:
    extra = {"lat": LAT, "lon": LON} if points else {}
    return pa.array(dvhc.translate_many(texts, **extra)).to_pylist()  # type: ignore[arg-type]


def _many(fields: list[str], points: bool) -> list[Any]:
    extra = {"lat": LAT, "lon": LON} if points else {}
    return pa.array(dvhc.translate_many(TEXTS, fields=fields, **extra)).to_pylist()  # type: ignore[arg-type]


def _polars_expr(fields: list[str], points: bool) -> list[Any]:
    df = pl.DataFrame({"a": STRINGS, "lat": LAT, "lon": LON})
    kw: dict[str, Any] = {"lat": "lat", "lon": "lon"} if points else {}
    expr = pl.col("a").dvhc.translate(fields=fields, **kw)
    return df.lazy().select(expr).collect(engine="streaming").to_series().to_list()


def _polars_series(fields: list[str], points: bool) -> list[Any]:
    extra = {"lat": LAT, "lon": LON} if points else {}
    s = pl.Series("a", STRINGS)
    return s.dvhc.translate(fields=fields, **extra).to_list()


def _pandas(fields: list[str], points: bool) -> list[Any]:
    extra = {"lat": LAT, "lon": LON} if points else {}
    df = pd.Series(TEXTS, dtype=object).dvhc.translate(fields=fields, **extra)
    assert list(df.columns) == IN_ORDER
    rows = [_plain(dict(zip(df.columns, r))) for r in df.itertuples(index=False)]
    # A null row is a row of nulls in a DataFrame.
    return [None if TEXTS[i] is None else r for i, r in enumerate(rows)]


def _duckdb(fields: list[str], points: bool) -> list[Any]:
    con = duckdb.connect()
    dvhc.duckdb.register(con, fields=fields)
    t = pa.table(  # noqa: F841
        {"i": range(len(TEXTS)), "a": STRINGS} | {"lat": LAT, "lon": LON}
    )
    call = "dvhc_translate_at(a, lat, lon)" if points else "dvhc_translate(a)"
    return _table(con.sql(f"SELECT {call} AS r FROM t ORDER BY i")).column("r").to_pylist()


PATHS: dict[str, Callable[[list[str], bool], list[Any]]] = {
    "many": _many,
    "polars_expr": _polars_expr,
    "polars_series": _polars_series,
    "pandas": _pandas,
    "duckdb": _duckdb,
}


@pytest.mark.parametrize("points", [False, True])
@pytest.mark.parametrize("path", PATHS)
def test_chosen_fields_equal_the_full_results(path: str, points: bool) -> None:
    texts = TEXTS if path in ("many", "pandas") else STRINGS
    want = _project(_full(texts, points), IN_ORDER)
    got = PATHS[path](CHOSEN, points)
    assert got == want
    assert any(r is not None and r["candidates"] for r in got)


@pytest.mark.parametrize("path", PATHS)
def test_unknown_field_is_a_value_error_naming_the_valid_ones(path: str) -> None:
    with pytest.raises(ValueError, match="nope") as e:
        PATHS[path](["status", "nope"], False)
    for name in _names("translate"):
        assert name in str(e.value)


def test_the_input_is_not_built_unless_asked() -> None:
    got = pa.array(dvhc.translate_many(TEXTS, fields=["status"]))
    assert got.type.names == ["status"]
    got = pa.array(dvhc.translate_many(TEXTS, fields=["input", "status"]))
    assert got.field("input").to_pylist()[0] == TEXTS[0]


def test_schema_with_fields_is_the_result_type() -> None:
    want = pa.array(dvhc.translate_many(TEXTS, fields=CHOSEN)).type
    assert pa.field(dvhc.schema("translate", fields=CHOSEN)).type == want
    assert (
        pa.field(dvhc.schema("translate", fields=_names("translate"))).type
        == pa.field(dvhc.schema("translate")).type
    )
    with pytest.raises(ValueError, match="no fields to choose"):
        dvhc.schema("search", fields=["hits"])


def test_parse_many_fields() -> None:
    full = pa.array(dvhc.parse_many(TEXTS)).to_pylist()
    got = pa.array(dvhc.parse_many(TEXTS, fields=["units", "status"])).to_pylist()
    assert got == _project(full, ["status", "units"])
    with pytest.raises(ValueError, match="alternatives"):
        dvhc.parse_many(TEXTS, fields=["formatted"])
    df = pl.DataFrame({"a": ["12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM"]})
    out = df.select(pl.col("a").dvhc.parse(fields=["status"])).to_series()
    assert out.to_list() == [{"status": "ok"}]


def test_bad_field_arguments() -> None:
    with pytest.raises(TypeError):
        dvhc.translate_many(TEXTS, fields="status")
    with pytest.raises(TypeError):
        dvhc.translate_many(TEXTS, fields=[1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at least one"):
        dvhc.translate_many(TEXTS, fields=[])
