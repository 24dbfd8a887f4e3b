"""dvhc: Vietnamese administrative units (đơn vị hành chính).

The 2025 two-level structure (34 provinces, 3,321 communes) and the pre-2025
three-level one (63 provinces, 696 districts, 10,035 communes): look-up by code,
search, free-text address parsing and old→new translation, from the Rust library
``dvhc``. Results are frozen records with the fields of the ``dvhc`` tool's JSON;
``translate_many``, ``parse_many`` and ``search_many`` work on whole columns (Arrow,
Polars, pandas, NumPy, lists) on all cores. See ``dvhc.polars``, ``dvhc.pandas``,
``dvhc.duckdb`` and ``dvhc.spark`` for the data-frame integrations.

>>> import dvhc
>>> dvhc.translate("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").formatted
'12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from . import _dvhc
from ._errors import CodeError, Error, ParseError, TranslateError
from ._records import (
    Address,
    Candidate,
    Change,
    Conflict,
    ErrorInfo,
    Geo,
    Hit,
    LegacyUnits,
    Predecessor,
    Reading,
    Record,
    Ref,
    Successor,
    Translation,
    Unit,
    Units,
    Unresolved,
    WrittenPostalCode,
)

__all__ = [
    "Address",
    "Candidate",
    "Change",
    "CodeError",
    "Conflict",
    "Error",
    "ErrorInfo",
    "Geo",
    "Hit",
    "LegacyUnits",
    "ParseError",
    "Predecessor",
    "Reading",
    "Record",
    "Ref",
    "Successor",
    "TranslateError",
    "Translation",
    "Unit",
    "Units",
    "Unresolved",
    "WrittenPostalCode",
    "__data_version__",
    "__version__",
    "get",
    "locate",
    "parse",
    "parse_many",
    "provinces",
    "schema",
    "search",
    "search_many",
    "translate",
    "translate_many",
]

__version__: str = _dvhc.VERSION
#: The date of the tables (``dvhc::DATA_VERSION``).
__data_version__: str = _dvhc.DATA_VERSION


def _on(on: _dt.date | str | None) -> str | None:
    """A date as the library reads it (``YYYY-MM-DD``)."""
    if on is None or isinstance(on, str):
        return on
    if isinstance(on, _dt.date):
        return on.strftime("%Y-%m-%d")
    raise TypeError(
        f"on: expected a datetime.date or a 'YYYY-MM-DD' string, not {type(on).__name__}"
    )


def _str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected str, not {type(value).__name__}")
    return value


def _mode(fuzzy: bool, prefix: bool) -> str:
    if fuzzy and prefix:
        raise ValueError("choose fuzzy or prefix, not both")
    return "fuzzy" if fuzzy else "prefix" if prefix else "exact"


def translate(
    text: str,
    lat: float | None = None,
    lon: float | None = None,
    on: _dt.date | str | None = None,
) -> Translation:
    """Translates an address written in either structure to the current one.

    With ``lat``/``lon`` (WGS 84), a split commune resolves to the part containing the
    point (boundary polygons), else to the nearest part's centre. ``on`` names the
    current units as in force on that date. Raises ``TranslateError`` (with the
    library's message and ``kind``) when no unit is recognised.

    >>> t = translate("Quận 1, TP.HCM")
    >>> t.status, len(t.candidates)
    ('ambiguous', 4)
    """
    return Translation(_dvhc.translate(_str("text", text), lat, lon, _on(on)))


def parse(text: str, on: _dt.date | str | None = None) -> Address:
    """Parses an address into its units (either structure) and street part.

    >>> parse("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM").units.commune.code
    '26740'
    """
    return Address(_dvhc.parse(_str("text", text), _on(on)))


def search(
    query: str,
    fuzzy: bool = False,
    prefix: bool = False,
    within: str | None = None,
    era: str | None = None,
    level: str | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """Searches units by name, diacritics and case aside, best first.

    ``prefix`` for autocomplete, ``fuzzy`` for typos; ``era`` ``"current"`` or
    ``"legacy"``; ``level`` ``"province"``, ``"district"`` or ``"commune"``;
    ``within`` a 2-digit province code (current, or legacy with ``era="legacy"``) or
    a 3-digit legacy district code.

    >>> search("ben nghe", era="legacy")[0].code
    '26740'
    """
    hits = _dvhc.search(_str("query", query), _mode(fuzzy, prefix), era, level, limit, within)
    return [Hit(h) for h in hits]


def get(code: str, era: str | None = None, on: _dt.date | str | None = None) -> Unit | None:
    """The unit with an official code, or ``None``.

    2 digits is a province, 3 a (legacy) district, 5 a commune; the current structure
    unless ``era="legacy"``. Raises ``CodeError`` for a malformed code.

    >>> get("79").name
    'Thành phố Hồ Chí Minh'
    >>> get("26740", era="legacy").successors[0].name
    'Phường Sài Gòn'
    """
    u = _dvhc.get(_str("code", code), era, _on(on))
    return None if u is None else Unit(u)


def provinces(era: str | None = None, on: _dt.date | str | None = None) -> list[Unit]:
    """The provinces of the current structure (or ``era="legacy"``), by code.

    >>> len(provinces()), len(provinces(era="legacy"))
    (34, 63)
    """
    return [Unit(u) for u in _dvhc.children(None, era, _on(on))]


def locate(lat: float, lon: float, on: _dt.date | str | None = None) -> Unit | None:
    """The current commune containing a point (WGS 84), or ``None`` (at sea, abroad).

    >>> locate(10.7769, 106.7009).name
    'Phường Sài Gòn'
    """
    c = _dvhc.locate(float(lat), float(lon), _on(on))
    return None if c is None else Unit(c)


def _column(values: Any) -> Any:
    """What the native code reads: an Arrow producer as it is, object columns (pandas,
    NumPy) as lists so that each value is judged on its own."""
    dtype = getattr(values, "dtype", None)
    # NumPy object, str and bytes columns (pandas object Series too); pandas' own
    # string dtypes go through Arrow.
    if type(dtype).__module__.startswith("numpy") and getattr(dtype, "kind", "") in ("O", "U", "S"):
        return values.tolist()
    if hasattr(values, "__arrow_c_stream__") or hasattr(values, "__arrow_c_array__"):
        return values
    to_arrow = getattr(values, "to_arrow", None)  # Polars before the PyCapsule interface
    if callable(to_arrow) and type(values).__module__.startswith("polars"):
        return to_arrow()
    return values


def _threads(threads: int | None) -> int:
    if threads is None:
        return 0
    if not isinstance(threads, int) or threads < 0:
        raise TypeError("threads: expected a non-negative int (0 or None for every core)")
    return threads


def _fields(fields: Iterable[str] | None) -> list[str] | None:
    """The names of the fields to build (checked by the native code against the
    schema), or ``None`` for all of them."""
    if fields is None:
        return None
    if isinstance(fields, str):
        raise TypeError(f"fields: expected a list of field names, not one string ({fields!r})")
    names = list(fields)
    for n in names:
        if not isinstance(n, str):
            raise TypeError(f"fields: expected field names (str), not {type(n).__name__}")
    return names


def translate_many(
    texts: Any,
    lat: Any = None,
    lon: Any = None,
    on: _dt.date | str | None = None,
    threads: int | None = None,
    fields: Iterable[str] | None = None,
) -> Any:
    """Translates a column of addresses on all cores, without the GIL.

    ``texts``: a list, a NumPy array, a pandas or Polars Series, or any Arrow array or
    stream (``__arrow_c_array__``/``__arrow_c_stream__``); ``lat``/``lon`` columns
    of the same length (a missing value: no point for that row). Returns an Arrow
    struct array (PyCapsule interface; ``pyarrow.array(r)``, ``polars.Series(r)``)
    with one row per input row, in order, the fields of ``Translation``. A missing
    input gives a null row; a value that is not text gives a row whose ``status`` is
    ``"error"`` with ``error.kind`` ``"not_a_string"`` or ``"invalid_utf8"``.

    ``fields`` chooses the top-level fields that are built (names from
    ``schema("translate")``, kept in its order; an unknown name raises ``ValueError``
    listing them): the others, ``input`` (a copy of the address) among them, cost
    neither time nor memory. ``None``, the default, builds them all.

    >>> import pyarrow as pa
    >>> r = pa.array(translate_many(["P. Bến Nghé, Q.1, TP.HCM", None, 5]))
    >>> [None if row is None else row["status"] for row in r.to_pylist()]
    ['ok', None, 'error']
    >>> pa.array(translate_many(["Quận 1, TP.HCM"], fields=["formatted", "status"])).type.names
    ['status', 'formatted']
    """
    lat_col = None if lat is None else _column(lat)
    lon_col = None if lon is None else _column(lon)
    return _dvhc.translate_many(
        _column(texts), lat_col, lon_col, _on(on), _threads(threads), _fields(fields)
    )


def parse_many(
    texts: Any,
    on: _dt.date | str | None = None,
    threads: int | None = None,
    fields: Iterable[str] | None = None,
) -> Any:
    """Parses a column of addresses: an Arrow struct array with the fields of
    ``Address`` (or those that ``fields`` names, as for ``translate_many``), one row
    per input row (see ``translate_many`` for the input)."""
    return _dvhc.parse_many(_column(texts), _on(on), _threads(threads), _fields(fields))


def search_many(
    queries: Any,
    fuzzy: bool = False,
    prefix: bool = False,
    within: str | None = None,
    era: str | None = None,
    level: str | None = None,
    limit: int | None = None,
    threads: int | None = None,
) -> Any:
    """Searches every query of a column: an Arrow list array of hits (the fields of
    ``Hit``) per row, null for a missing query or one that is not text."""
    mode = _mode(fuzzy, prefix)
    return _dvhc.search_many(_column(queries), mode, era, level, limit, within, _threads(threads))


def schema(what: str = "translate", fields: Iterable[str] | None = None) -> Any:
    """The Arrow field (``__arrow_c_schema__``) of what ``translate_many``,
    ``parse_many`` or ``search_many`` returns (``what``: ``"translate"``, ``"parse"``
    or ``"search"``), with the top-level ``fields`` chosen as they choose them.

    >>> import pyarrow as pa
    >>> [f.name for f in pa.field(schema("translate", fields=["formatted", "status"])).type]
    ['status', 'formatted']
    """
    return _dvhc.schema(what, _fields(fields))
