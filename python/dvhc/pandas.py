"""pandas: the ``.dvhc`` Series accessor (``import dvhc.pandas`` registers it).

>>> import pandas as pd, dvhc.pandas
>>> df = pd.DataFrame({"address": ["P. Bến Nghé, Q.1, TP.HCM", None]})
>>> out = df["address"].dvhc.translate()
>>> out["status"].tolist()
['ok', <NA>]

The columns are the fields of ``dvhc.Translation`` (``Address`` for ``parse``), with
pandas' ``ArrowDtype``: nested fields stay structs and lists, nothing is copied into
Python objects. The frame has the Series' index, so ``df.join(out)`` lines it up.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import pandas as pd
import pyarrow as pa

import dvhc

__all__ = ["DvhcAccessor", "frame"]


def frame(column: Any, index: Any = None) -> pd.DataFrame:
    """A struct column from ``dvhc.translate_many``/``parse_many`` as a DataFrame of
    its fields (ArrowDtype), a null row staying null in every column."""
    array = pa.array(column)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    # flatten() carries the struct's nulls into the fields.
    table = pa.Table.from_arrays(array.flatten(), names=[f.name for f in array.type])
    out = table.to_pandas(types_mapper=pd.ArrowDtype)
    if index is not None:
        out.index = index
    return out


@pd.api.extensions.register_series_accessor("dvhc")
class DvhcAccessor:
    """``series.dvhc.translate()``, ``.parse()``, ``.search()``."""

    def __init__(self, series: pd.Series) -> None:
        self._s = series

    def translate(
        self,
        lat: Any = None,
        lon: Any = None,
        on: _dt.date | str | None = None,
        threads: int | None = None,
        fields: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """The translations, one row per address: a DataFrame of the new columns
        (those that ``fields`` names, as for ``dvhc.translate_many``)."""
        col = dvhc.translate_many(self._s, lat=lat, lon=lon, on=on, threads=threads, fields=fields)
        return frame(col, self._s.index)

    def parse(
        self, on: _dt.date | str | None = None, fields: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """The parsed addresses, one row per address."""
        return frame(dvhc.parse_many(self._s, on=on, fields=fields), self._s.index)

    def search(self, **options: Any) -> pd.Series:
        """The hits of each query (a list of structs per row; options as
        ``dvhc.search``)."""
        hits = pa.array(dvhc.search_many(self._s, **options))
        return pd.Series(
            pd.arrays.ArrowExtensionArray(hits), index=self._s.index, name=self._s.name
        )
