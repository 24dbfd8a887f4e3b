"""Every way of running dvhc from Python, each returning the JSON shapes (dicts and
lists) so that they compare with the `dvhc` tool's output."""

from __future__ import annotations

import math
from typing import Any, Callable

import dvhc


def _table(rel: Any) -> Any:
    """A DuckDB relation as a pyarrow Table (arrow() gives a reader since DuckDB 2)."""
    out = rel.arrow()
    return out.read_all() if hasattr(out, "read_all") else out


def _plain(v: Any) -> Any:
    """pandas' and NumPy's scalars as plain Python values."""
    try:
        import pandas as pd

        if v is pd.NA:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "tolist"):  # NumPy arrays and scalars
        return _plain(v.tolist())
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


# --- translate ---------------------------------------------------------------


def translate_scalar(texts: list[str], on: str | None) -> list[Any]:
    out = []
    for t in texts:
        try:
            out.append(dvhc.translate(t, on=on).to_dict())
        except dvhc.TranslateError as e:
            out.append({"status": "error", "error": {"kind": e.kind, "message": str(e)}})
    return out


def translate_many(texts: list[str], on: str | None) -> list[Any]:
    import pyarrow as pa

    return pa.array(dvhc.translate_many(texts, on=on)).to_pylist()


def translate_polars(texts: list[str], on: str | None) -> list[Any]:
    import polars as pl

    import dvhc.polars  # noqa: F401

    df = pl.DataFrame({"a": texts}).lazy()
    return df.select(pl.col("a").dvhc.translate(on=on)).collect().to_series().to_list()


def translate_pandas(texts: list[str], on: str | None) -> list[Any]:
    import pandas as pd

    import dvhc.pandas  # noqa: F401

    df = pd.Series(texts, dtype=object).dvhc.translate(on=on)
    return [_plain(dict(zip(df.columns, row))) for row in df.itertuples(index=False)]


def translate_duckdb(texts: list[str], on: str | None) -> list[Any]:
    import duckdb
    import pyarrow as pa

    import dvhc.duckdb

    con = duckdb.connect()
    dvhc.duckdb.register(con, on=on)
    t = pa.table({"i": list(range(len(texts))), "a": texts})  # noqa: F841
    res = _table(con.sql("SELECT dvhc_translate(a) AS r FROM t ORDER BY i"))
    return res.column("r").to_pylist()


TRANSLATE: dict[str, Callable[[list[str], str | None], list[Any]]] = {
    "scalar": translate_scalar,
    "many": translate_many,
    "polars": translate_polars,
    "pandas": translate_pandas,
    "duckdb": translate_duckdb,
}


# --- parse -------------------------------------------------------------------


def parse_scalar(texts: list[str]) -> list[Any]:
    out = []
    for t in texts:
        try:
            out.append(dvhc.parse(t).to_dict())
        except dvhc.ParseError as e:
            out.append({"status": "error", "error": {"kind": e.kind, "message": str(e)}})
    return out


def parse_many(texts: list[str]) -> list[Any]:
    import pyarrow as pa

    return pa.array(dvhc.parse_many(texts)).to_pylist()


def parse_polars(texts: list[str]) -> list[Any]:
    import polars as pl

    import dvhc.polars  # noqa: F401

    return pl.DataFrame({"a": texts}).select(pl.col("a").dvhc.parse()).to_series().to_list()


def parse_pandas(texts: list[str]) -> list[Any]:
    import pandas as pd

    import dvhc.pandas  # noqa: F401

    df = pd.Series(texts, dtype=object).dvhc.parse()
    return [_plain(dict(zip(df.columns, row))) for row in df.itertuples(index=False)]


def parse_duckdb(texts: list[str]) -> list[Any]:
    import duckdb
    import pyarrow as pa

    import dvhc.duckdb

    con = duckdb.connect()
    dvhc.duckdb.register(con)
    t = pa.table({"i": list(range(len(texts))), "a": texts})  # noqa: F841
    return _table(con.sql("SELECT dvhc_parse(a) AS r FROM t ORDER BY i")).column("r").to_pylist()


PARSE: dict[str, Callable[[list[str]], list[Any]]] = {
    "scalar": parse_scalar,
    "many": parse_many,
    "polars": parse_polars,
    "pandas": parse_pandas,
    "duckdb": parse_duckdb,
}


# --- search ------------------------------------------------------------------


def search_scalar(queries: list[str], opts: dict[str, Any]) -> list[Any]:
    return [[h.to_dict() for h in dvhc.search(q, **opts)] for q in queries]


def search_many(queries: list[str], opts: dict[str, Any]) -> list[Any]:
    import pyarrow as pa

    return pa.array(dvhc.search_many(queries, **opts)).to_pylist()


def search_polars(queries: list[str], opts: dict[str, Any]) -> list[Any]:
    import polars as pl

    import dvhc.polars  # noqa: F401

    df = pl.DataFrame({"q": queries})
    return df.select(pl.col("q").dvhc.search(**opts)).to_series().to_list()


def search_pandas(queries: list[str], opts: dict[str, Any]) -> list[Any]:
    import pandas as pd

    import dvhc.pandas  # noqa: F401

    return [_plain(v) for v in pd.Series(queries, dtype=object).dvhc.search(**opts)]


def search_duckdb(queries: list[str], opts: dict[str, Any]) -> list[Any]:
    import duckdb
    import pyarrow as pa

    import dvhc.duckdb

    con = duckdb.connect()
    dvhc.duckdb.register(con, search=opts)
    t = pa.table({"i": list(range(len(queries))), "q": queries})  # noqa: F841
    return _table(con.sql("SELECT dvhc_search(q) AS r FROM t ORDER BY i")).column("r").to_pylist()


SEARCH: dict[str, Callable[[list[str], dict[str, Any]], list[Any]]] = {
    "scalar": search_scalar,
    "many": search_many,
    "polars": search_polars,
    "pandas": search_pandas,
    "duckdb": search_duckdb,
}
