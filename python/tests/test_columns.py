"""translate_many and friends: every kind of column in, one row out per row in, in
order; nulls stay null; bad values are rows in error, never an exception."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import dvhc

ADDRS = [
    "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
    "Quận 1, TP.HCM",
    "xxx",
    "Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai",
]


def _status(col: object) -> list[object]:
    # field() would show the placeholders under null rows; to_pylist() does not.
    return [None if r is None else r["status"] for r in pa.array(col).to_pylist()]


def _expected(texts: list[object]) -> list[object]:
    out: list[object] = []
    for t in texts:
        if t is None:
            out.append(None)
        else:
            try:
                out.append(dvhc.translate(t).status)  # type: ignore[arg-type]
            except dvhc.TranslateError:
                out.append("error")
    return out


@pytest.mark.parametrize(
    "make",
    [
        lambda v: v,
        lambda v: tuple(v),
        lambda v: np.array(v, dtype=object),
        lambda v: pa.array(v),
        lambda v: pa.array(v, pa.large_string()),
        lambda v: pa.array(v, pa.string_view()),
        lambda v: pa.array(v).dictionary_encode(),
        lambda v: pa.chunked_array([v[:2], v[2:]]),
        lambda v: pa.array([None if s is None else s.encode() for s in v], pa.binary()),
        lambda v: pd.Series(v, dtype=object),
        lambda v: pd.Series(v, dtype="string[pyarrow]"),
        lambda v: pd.Series(v, dtype=pd.ArrowDtype(pa.string())),
        lambda v: pl.Series(v),
        lambda v: pl.Series(v, dtype=pl.Categorical),
    ],
    ids=[
        "list",
        "tuple",
        "numpy-object",
        "pa-string",
        "pa-large",
        "pa-view",
        "pa-dict",
        "pa-chunked",
        "pa-binary",
        "pd-object",
        "pd-string",
        "pd-arrow",
        "pl",
        "pl-cat",
    ],
)
def test_every_column_kind(make: object) -> None:
    texts: list[object] = [*ADDRS, None, *ADDRS]
    got = dvhc.translate_many(make(texts))  # type: ignore[operator]
    assert len(pa.array(got)) == len(texts)
    assert _status(got) == _expected(texts)


def test_numpy_unicode_array() -> None:
    assert _status(dvhc.translate_many(np.array(ADDRS))) == _expected(list(ADDRS))


def test_order_and_length_on_many_rows() -> None:
    texts = [ADDRS[i % 4] + ("" if i % 3 else f", số {i}") for i in range(5000)]
    got = pa.array(dvhc.translate_many(texts, threads=2))
    assert got.field("input").to_pylist() == texts


def test_nulls_stay_null() -> None:
    got = pa.array(dvhc.translate_many([None, ADDRS[0], None, float("nan")]))
    assert got.is_null().to_pylist() == [True, False, True, True]
    assert _status(got) == [None, "ok", None, None]
    # flatten() carries the nulls into the fields.
    assert got.flatten()[0].to_pylist() == [None, ADDRS[0], None, None]


def test_bad_values_are_rows_in_error() -> None:
    huge = "Huế " * (1 << 18)  # 1 MiB
    texts = [5, 2.5, b"\xff\xfe", "\ud800", object(), huge, ADDRS[0], b"Hu\xe1\xba\xbf", True]
    got = pa.array(dvhc.translate_many(texts)).to_pylist()
    assert len(got) == len(texts)
    kinds = [r["error"]["kind"] if r["error"] else None for r in got]
    assert kinds[:5] == [
        "not_a_string",
        "not_a_string",
        "invalid_utf8",
        "invalid_utf8",
        "not_a_string",
    ]
    assert kinds[5] == "too_long"
    assert kinds[6] is None and got[6]["status"] == "ok"
    assert got[7]["status"] == "ok"  # UTF-8 bytes are text
    assert kinds[8] == "not_a_string"
    assert got[0]["status"] == "error" and "int" in got[0]["error"]["message"]


def test_mixed_object_column() -> None:
    s = pd.Series([ADDRS[0], 3, None, np.nan, b"Hu\xc3\xa9", ["x"]], dtype=object)
    got = pa.array(dvhc.translate_many(s))
    assert _status(got) == ["ok", "error", None, None, "ok", "error"]


def test_wrong_argument_types_raise() -> None:
    with pytest.raises(TypeError):
        dvhc.translate_many("P. Bến Nghé, Q.1, TP.HCM")
    with pytest.raises(TypeError):
        dvhc.translate_many(5)
    with pytest.raises(TypeError):
        dvhc.translate_many(pa.array([1, 2]))
    with pytest.raises(TypeError):
        dvhc.translate_many(ADDRS, lat=[1.0] * 4)
    with pytest.raises(ValueError):
        dvhc.translate_many(ADDRS, lat=[1.0], lon=[1.0])
    with pytest.raises(TypeError):
        dvhc.translate_many(ADDRS, threads=-1)
    with pytest.raises(TypeError):
        dvhc.translate_many(ADDRS, lat=["a"] * 4, lon=[1.0] * 4)


def test_points() -> None:
    texts = ["P. Đa Kao, Q.1, TP.HCM"] * 3
    lat = pa.array([10.7906, None, 100.0])
    lon = [106.6953, 106.6953, 0.0]
    got = pa.array(dvhc.translate_many(texts, lat=lat, lon=lon)).to_pylist()
    assert got[0] == dvhc.translate(texts[0], lat=10.7906, lon=106.6953).to_dict()
    assert got[1] == dvhc.translate(texts[0]).to_dict()
    assert got[2]["error"]["kind"] == "bad_coordinates"


def test_on_date() -> None:
    got = pa.array(
        dvhc.translate_many(["Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai"], on="2025-07-01")
    )
    assert got.field("formatted").to_pylist() == ["Xã Long Thành, Tỉnh Đồng Nai"]


def test_empty_column() -> None:
    assert len(pa.array(dvhc.translate_many([]))) == 0
    assert len(pa.array(dvhc.parse_many([]))) == 0
    assert len(pa.array(dvhc.search_many([]))) == 0


def test_zero_copy_targets() -> None:
    got = dvhc.translate_many(ADDRS)
    s = pl.Series(got)
    assert s.dtype == pl.Struct and s.struct.field("status").to_list() == _expected(list(ADDRS))
    p = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(got)))
    assert isinstance(p.dtype, pd.ArrowDtype) and len(p) == 4


def test_schemas_have_no_null_type() -> None:
    def walk(t: pa.DataType) -> None:
        assert t != pa.null()
        if pa.types.is_struct(t):
            for f in t:
                walk(f.type)
        elif pa.types.is_list(t):
            walk(t.value_type)

    for what in ("translate", "parse", "search"):
        walk(pa.field(dvhc.schema(what)).type)
        assert pa.array(dvhc.translate_many([])).type == pa.field(dvhc.schema("translate")).type


def test_arrow_fields_are_the_record_fields() -> None:
    st = pa.field(dvhc.schema("translate")).type
    assert [f.name for f in st] == list(dvhc.translate(ADDRS[0]).fields())
    st = pa.field(dvhc.schema("parse")).type
    assert [f.name for f in st] == list(dvhc.parse(ADDRS[0]).fields())
    hit = pa.field(dvhc.schema("search")).type.value_type
    assert [f.name for f in hit] == list(dvhc.search("Huế")[0].fields())


def test_parse_and_search_many() -> None:
    got = pa.array(dvhc.parse_many([ADDRS[0], None, 7])).to_pylist()
    assert got[0] == dvhc.parse(ADDRS[0]).to_dict()
    assert got[1] is None and got[2]["error"]["kind"] == "not_a_string"
    hits = pa.array(dvhc.search_many(["ben nghe", None, 7], era="legacy")).to_pylist()
    assert hits[0] == [h.to_dict() for h in dvhc.search("ben nghe", era="legacy")]
    assert hits[1] is None and hits[2] is None


def test_gil_is_released() -> None:
    """Another Python thread runs while a batch is translated."""
    texts = [ADDRS[i % 4] for i in range(200_000)]
    ticks = [0]
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks[0] += 1

    # Python switches threads only every 0.5 s: the other thread can run during the
    # call only if the call lets go of the GIL.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.5)
    t = threading.Thread(target=tick)
    t.start()
    try:
        before = ticks[0]
        dvhc.translate_many(texts)
        during = ticks[0] - before
    finally:
        stop.set()
        t.join()
        sys.setswitchinterval(interval)
    assert during > 0


def test_polars_lazy_and_streaming() -> None:
    import dvhc.polars

    texts = [ADDRS[i % 4] if i % 7 else None for i in range(30_000)]
    lf = pl.LazyFrame({"a": texts}).with_columns(t=pl.col("a").dvhc.translate())
    want = pa.array(dvhc.translate_many(texts)).to_pylist()
    for engine in ("in-memory", "streaming"):
        got = lf.collect(engine=engine)  # type: ignore[call-overload]
        assert got["t"].to_list() == want
    # A query the engine plans around the namespace: filter, then a field.
    ok = (
        lf.filter(pl.col("a").is_not_null())
        .select(pl.col("t").struct.field("status"))
        .collect(engine="streaming")
    )
    assert ok["status"].to_list() == [r["status"] for r in want if r is not None]


def test_threads_agree_on_mixed_rows() -> None:
    """The rows, shared out in chunks between threads, come back in order and equal
    to one thread's, with nulls, bad values and points among them."""
    texts: list[object] = []
    lat: list[float | None] = []
    for i in range(12_345):
        texts.append(None if i % 11 == 0 else 7 if i % 13 == 0 else ADDRS[i % 4] + f", số {i}")
        lat.append(10.7906 if i % 5 == 0 else None)
    lon = [None if a is None else 106.6953 for a in lat]
    one = pa.array(dvhc.translate_many(texts, lat=lat, lon=lon, threads=1))
    for threads in (2, 3, 7):
        many = pa.array(dvhc.translate_many(texts, lat=lat, lon=lon, threads=threads))
        assert many.equals(one), threads
    assert one.field("input").to_pylist()[1:3] == texts[1:3]
