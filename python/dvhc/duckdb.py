"""DuckDB: vectorised scalar functions over Arrow.

>>> import duckdb, dvhc.duckdb
>>> con = duckdb.connect()
>>> dvhc.duckdb.register(con)
>>> con.sql("SELECT dvhc_translate('P. Bến Nghé, Q.1, TP.HCM').formatted").fetchone()[0]
'Phường Sài Gòn, Thành phố Hồ Chí Minh'

``register`` adds ``dvhc_translate(address)``, ``dvhc_translate_at(address, lat,
lon)``, ``dvhc_parse(address)`` (structs with the fields of ``dvhc.Translation`` and
``dvhc.Address``) and ``dvhc_search(query)`` (a list of hit structs). DuckDB hands
them whole vectors as Arrow arrays; a NULL address gives NULL.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import duckdb as _duckdb
import pyarrow as pa

import dvhc

__all__ = ["register"]


def _type(con: Any, what: str, fields: list[str] | None = None) -> Any:
    """The DuckDB type of a dvhc column, read off an empty Arrow column of it (no
    mapping of types is written here)."""
    empty = pa.array([], type=pa.field(dvhc.schema(what, fields)).type)
    rel = con.from_arrow(pa.table({"x": empty}))
    return rel.types[0]


def register(
    con: Any,
    prefix: str = "dvhc_",
    on: _dt.date | str | None = None,
    search: dict[str, Any] | None = None,
    fields: Iterable[str] | None = None,
) -> None:
    """Registers ``<prefix>translate``, ``<prefix>translate_at``, ``<prefix>parse``
    and ``<prefix>search`` on a DuckDB connection; ``on`` names current units as on
    that date, ``search`` holds the options of ``dvhc.search`` for ``<prefix>search``,
    ``fields`` the fields of the translations' structs (as for
    ``dvhc.translate_many``; all if ``None``).
    """
    options = dict(search or {})
    names = dvhc._fields(fields)

    def translate(texts: Any) -> Any:
        return pa.array(dvhc.translate_many(texts, on=on, fields=names))

    def translate_at(texts: Any, lat: Any, lon: Any) -> Any:
        return pa.array(dvhc.translate_many(texts, lat=lat, lon=lon, on=on, fields=names))

    def parse_(texts: Any) -> Any:
        return pa.array(dvhc.parse_many(texts, on=on))

    def search_(texts: Any) -> Any:
        return pa.array(dvhc.search_many(texts, **options))

    varchar = _duckdb.sqltype("VARCHAR")
    double = _duckdb.sqltype("DOUBLE")
    common = {"type": "arrow", "null_handling": "special", "side_effects": False}
    translated = _type(con, "translate", names)
    con.create_function(f"{prefix}translate", translate, [varchar], translated, **common)
    con.create_function(
        f"{prefix}translate_at", translate_at, [varchar, double, double], translated, **common
    )
    con.create_function(f"{prefix}parse", parse_, [varchar], _type(con, "parse"), **common)
    con.create_function(f"{prefix}search", search_, [varchar], _type(con, "search"), **common)
