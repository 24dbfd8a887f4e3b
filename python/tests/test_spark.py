"""Spark in local mode (local[2]): dvhc.spark.translate through mapInArrow, on the
crate's translation table (equal to the CLI) and on 100,000 generated rows.

Needs pyspark and Java 17; .ci/run installs pyspark. Outside CI, without them, the
tests are skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest
from conftest import ROOT, option, rows, run_cli

if not os.environ.get("CI"):
    pytest.importorskip("pyspark")

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # The Python workers are this interpreter (its venv has dvhc and pyarrow), not the
    # first python3 on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("dvhc-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def _to_plain(v: Any) -> Any:
    if hasattr(v, "asDict"):
        return {k: _to_plain(x) for k, x in v.asDict().items()}
    if isinstance(v, list):
        return [_to_plain(x) for x in v]
    return v


def test_translate_cases_equal_the_cli(spark: Any) -> None:
    import dvhc.spark

    inputs = [r[0] for r in rows("translate_cases.tsv") if not option(r[5], "date")]
    want = run_cli(["translate"], inputs)
    df = spark.createDataFrame([(i, a) for i, a in enumerate(inputs)], "i long, address string")
    out = dvhc.spark.translate(df, "address").orderBy("i").collect()
    assert len(out) == len(inputs)
    for row, w in zip(out, want):
        got = {
            k[len("dvhc_") :]: _to_plain(v)
            for k, v in row.asDict().items()
            if k.startswith("dvhc_")
        }
        w = {k: v for k, v in w.items() if k != "input"}
        assert got == w, row["address"]


def test_hundred_thousand_rows(spark: Any, tmp_path: Any) -> None:
    import dvhc.spark

    csv = tmp_path / "addresses.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "cli/bench/gen_addresses.py"), "100000", "0", str(csv)],
        check=True,
    )
    import pyarrow.csv

    table = pyarrow.csv.read_csv(csv)
    assert table.num_rows == 100_000
    df = spark.createDataFrame(table)
    out = dvhc.spark.translate(df.repartition(4), "address")
    assert out.columns[:4] == ["id", "customer", "address", "phone"]
    got = out.select("id", "address", "dvhc_status", "dvhc_formatted").orderBy("id").toArrow()
    assert got.num_rows == 100_000
    want = pa.array(dvhc.translate_many(got.column("address")))
    assert got.column("dvhc_status").to_pylist() == want.field("status").to_pylist()
    assert got.column("dvhc_formatted").to_pylist() == want.field("formatted").to_pylist()
    # The generated addresses are all valid old addresses: none fails.
    assert "error" not in set(got.column("dvhc_status").to_pylist())


def test_null_and_bad_rows(spark: Any) -> None:
    import dvhc.spark

    df = spark.createDataFrame(
        [(1, None), (2, "P. Bến Nghé, Q.1, TP.HCM"), (3, "")], "i long, address string"
    )
    out = {r["i"]: r for r in dvhc.spark.translate(df, "address").collect()}
    assert out[1]["dvhc_status"] is None
    assert out[2]["dvhc_status"] == "ok"
    assert out[3]["dvhc_error"]["kind"] == "empty"
    with pytest.raises(ValueError):
        dvhc.spark.translate(dvhc.spark.translate(df, "address"), "address")
    assert dvhc.__data_version__


def test_fields(spark: Any) -> None:
    """fields= appends only the fields named (in the schema's order), equal to those
    of translate_many; an unknown name is a ValueError naming the valid ones."""
    import dvhc.spark

    inputs = ["12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM", None, "Quận 1, TP.HCM", "xxx"]
    df = spark.createDataFrame(list(enumerate(inputs)), "i long, address string")
    out = dvhc.spark.translate(df, "address", fields=["formatted", "candidates", "status"])
    assert out.columns == ["i", "address", "dvhc_status", "dvhc_candidates", "dvhc_formatted"]
    got = [
        [_to_plain(r[c]) for c in ("dvhc_status", "dvhc_candidates", "dvhc_formatted")]
        for r in out.orderBy("i").collect()
    ]
    want = pa.array(dvhc.translate_many(inputs, fields=["status", "candidates", "formatted"]))
    assert got == [
        [None, None, None] if w is None else [w["status"], w["candidates"], w["formatted"]]
        for w in want.to_pylist()
    ]
    with pytest.raises(ValueError, match="postal_code"):
        dvhc.spark.translate(df, "address", fields=["status", "nope"])
