"""Spark: ``translate(df, "address")`` adds the translation's columns through
``mapInArrow``.

>>> import dvhc.spark
>>> out = dvhc.spark.translate(df, "address")            # doctest: +SKIP
>>> out.select("address", "dvhc_status", "dvhc_formatted")  # doctest: +SKIP

Every executor translates its Arrow batches with ``dvhc.translate_many`` (all its
cores, no GIL); the driver only plans. The executors need the ``dvhc`` wheel: see
"Spark on a cluster" in python/README.md.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

import dvhc

__all__ = ["translate"]


def translate(
    df: Any,
    column: str,
    lat: str | None = None,
    lon: str | None = None,
    on: _dt.date | str | None = None,
    prefix: str = "dvhc_",
    threads: int | None = None,
    fields: Iterable[str] | None = None,
) -> Any:
    """``df`` with the fields of ``dvhc.Translation`` of ``column`` appended as
    columns ``<prefix><field>`` (all but ``input``, which is ``column``, or those
    that ``fields`` names, as for ``dvhc.translate_many``); ``lat`` and ``lon`` name
    coordinate columns. One output row per input row, in order."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StructType

    if (lat is None) != (lon is None):
        raise TypeError("give both lat and lon, or neither")
    on_text = dvhc._on(on)
    chosen = dvhc._fields(fields)
    if chosen is None:
        # All but `input`, which is not built at all.
        chosen = [f.name for f in pa.field(dvhc.schema("translate")).type if f.name != "input"]
    out_fields = list(pa.field(dvhc.schema("translate", chosen)).type)
    chosen = [f.name for f in out_fields]
    names = [prefix + f.name for f in out_fields]
    clash = sorted(set(names) & set(df.columns))
    if clash:
        raise ValueError(f"the DataFrame already has the columns {clash}; choose another prefix")
    out_schema = pa.schema([pa.field(prefix + f.name, f.type, nullable=True) for f in out_fields])
    spark_schema = StructType(df.schema.fields + from_arrow_schema(out_schema).fields)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            points = {}
            if lat is not None and lon is not None:
                points = {"lat": batch.column(lat), "lon": batch.column(lon)}
            result = pa.array(
                dvhc.translate_many(
                    batch.column(column), on=on_text, threads=threads, fields=chosen, **points
                )
            )
            # flatten() carries the struct's nulls into the fields.
            columns = batch.columns + result.flatten()
            yield pa.RecordBatch.from_arrays(columns, names=batch.schema.names + names)

    return df.mapInArrow(run, spark_schema)
