"""Polars: the ``.dvhc`` expression and Series namespaces (``import dvhc.polars``).

>>> import polars as pl, dvhc.polars
>>> df = pl.DataFrame({"address": ["P. Bến Nghé, Q.1, TP.HCM", None]})
>>> df.select(pl.col("address").dvhc.translate().struct.field("status"))["status"].to_list()
['ok', None]

The expressions return a struct column with the fields of ``dvhc.Translation``
(``Address`` for ``parse``; ``search`` a list of hit structs), or those that
``fields=`` names. They run on whole
batches through ``map_batches`` over the Arrow path, elementwise, so the lazy and the
streaming engines split the column as they like; the batch is translated on all cores
without the GIL.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import cache
from typing import Any, Callable

import polars as pl

import dvhc

__all__ = ["DvhcExpr", "DvhcSeries"]


def _series(column: Any, name: str) -> pl.Series:
    return pl.Series(name, column)


@cache
def _dtype(what: str, fields: tuple[str, ...] | None = None) -> pl.DataType:
    """The Polars type of a dvhc column (with the top-level ``fields``), read off an
    empty one."""
    if what == "translate":
        empty = dvhc.translate_many([], fields=fields)
    elif what == "parse":
        empty = dvhc.parse_many([], fields=fields)
    else:
        empty = dvhc.search_many([])
    return _series(empty, "").dtype


def _map(
    expr: pl.Expr,
    what: str,
    run: Callable[..., Any],
    *extra: pl.Expr,
    fields: list[str] | None = None,
) -> pl.Expr:
    dtype = _dtype(what, None if fields is None else tuple(fields))
    if not extra:
        return expr.map_batches(
            lambda s: _series(run(s), s.name), return_dtype=dtype, is_elementwise=True
        )
    return pl.map_batches(
        [expr, *extra],
        lambda ss: _series(run(*ss), ss[0].name),
        return_dtype=dtype,
        is_elementwise=True,
    )


@pl.api.register_expr_namespace("dvhc")
class DvhcExpr:
    """``pl.col(...).dvhc.translate()``, ``.parse()``, ``.search()``."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def translate(
        self,
        lat: pl.Expr | str | None = None,
        lon: pl.Expr | str | None = None,
        on: _dt.date | str | None = None,
        threads: int | None = None,
        fields: Iterable[str] | None = None,
    ) -> pl.Expr:
        """The translation of each address, as a struct (``lat``/``lon``: columns of
        coordinates that resolve split communes; ``fields``: the fields to build, as
        for ``dvhc.translate_many``)."""
        names = dvhc._fields(fields)
        if lat is None and lon is None:
            return _map(
                self._expr,
                "translate",
                lambda s: dvhc.translate_many(s, on=on, threads=threads, fields=names),
                fields=names,
            )
        if lat is None or lon is None:
            raise TypeError("give both lat and lon, or neither")
        lat_e = pl.col(lat) if isinstance(lat, str) else lat
        lon_e = pl.col(lon) if isinstance(lon, str) else lon
        return _map(
            self._expr,
            "translate",
            lambda s, a, b: dvhc.translate_many(
                s, lat=a, lon=b, on=on, threads=threads, fields=names
            ),
            lat_e,
            lon_e,
            fields=names,
        )

    def parse(
        self, on: _dt.date | str | None = None, fields: Iterable[str] | None = None
    ) -> pl.Expr:
        """The parse of each address, as a struct (``fields`` as for
        ``dvhc.parse_many``)."""
        names = dvhc._fields(fields)
        return _map(
            self._expr, "parse", lambda s: dvhc.parse_many(s, on=on, fields=names), fields=names
        )

    def search(self, **options: Any) -> pl.Expr:
        """The hits of each query, as a list of structs (options as ``dvhc.search``)."""
        return _map(self._expr, "search", lambda s: dvhc.search_many(s, **options))


@pl.api.register_series_namespace("dvhc")
class DvhcSeries:
    """``series.dvhc.translate()``, ``.parse()``, ``.search()``."""

    def __init__(self, series: pl.Series) -> None:
        self._s = series

    def translate(self, **options: Any) -> pl.Series:
        """As ``dvhc.translate_many``, a struct Series."""
        return _series(dvhc.translate_many(self._s, **options), self._s.name)

    def parse(self, **options: Any) -> pl.Series:
        """As ``dvhc.parse_many``, a struct Series."""
        return _series(dvhc.parse_many(self._s, **options), self._s.name)

    def search(self, **options: Any) -> pl.Series:
        """As ``dvhc.search_many``, a list Series."""
        return _series(dvhc.search_many(self._s, **options), self._s.name)
