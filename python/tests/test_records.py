"""The type stubs declare exactly the fields the library serialises, with the record
classes used at run time: they cannot drift from the Rust serde types."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
from conftest import rows

import dvhc

STUB = Path(dvhc.__file__).with_name("_records.pyi")


def _stub_fields() -> dict[str, dict[str, str]]:
    """Class name -> field -> annotation, from _records.pyi."""
    out: dict[str, dict[str, str]] = {}
    for node in ast.parse(STUB.read_text()).body:
        if isinstance(node, ast.ClassDef) and node.name != "Record":
            out[node.name] = {
                n.target.id: ast.unparse(n.annotation)
                for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            }
    return out


def _records(value: Any) -> Iterator[dvhc.Record]:
    if isinstance(value, dvhc.Record):
        yield value
        for f in value.fields():
            yield from _records(getattr(value, f))
    elif isinstance(value, tuple):
        for v in value:
            yield from _records(v)


def _corpus() -> list[dvhc.Record]:
    out: list[dvhc.Record] = []
    for r in rows("translate_cases.tsv")[:200]:
        try:
            out.append(dvhc.translate(r[0]))
        except dvhc.TranslateError:
            pass
    out.append(dvhc.translate("P. Đa Kao, Q.1, TP.HCM", lat=10.7906, lon=106.6953))
    # The members of messy input: a remark, a unit overruled, a postal code written
    # (contradicting, and naming a commune), a unit written and not found.
    messy = [
        "Phường Phú Mỹ, Huyện Long Thành, Tỉnh Bà Rịa - Vũng Tàu 79000 (gần chợ)",
        "Phường Ba Đình, Hà Nội 11120",
        "Xã Qwerty, Huyện Củ Chi, TP.HCM",
        "Xaõ Long Thaønh, Huyeän Long Thaønh, Tænh Ñoàng Nai",
    ]
    out += [dvhc.translate(t) for t in messy]
    out += [dvhc.parse(t) for t in messy]
    for r in [["Phường 1, TP.HCM"], *rows("parse_cases.tsv")[:200]]:
        try:
            out.append(dvhc.parse(r[0]))
        except dvhc.ParseError:
            pass
    out += dvhc.search("Tân Phú") + dvhc.search("Quận 1")
    # Rows of the columns are the same records (failed rows carry ErrorInfo).
    texts = [r[0] for r in rows("translate_cases.tsv")[:100]] + ["", "xxx", 5]
    out += [dvhc.Translation(r) for r in pa.array(dvhc.translate_many(texts)).to_pylist()]
    out += [dvhc.Address(r) for r in pa.array(dvhc.parse_many(texts)).to_pylist()]
    for code, era in [
        ("79", None),
        ("79", "legacy"),
        ("760", None),
        ("26740", "legacy"),
        ("26368", None),
        ("26740", None),
    ]:
        u = dvhc.get(code, era=era)
        assert u is not None
        out.append(u)
    return out


def test_stub_fields_are_the_serialised_fields() -> None:
    stub = _stub_fields()
    seen: dict[str, set[tuple[str, ...]]] = {}
    for rec in (r for top in _corpus() for r in _records(top)):
        seen.setdefault(type(rec).__name__, set()).add(rec.fields())
    assert "Record" not in seen, "a nested object got no record class (see _nested)"
    for cls, shapes in seen.items():
        assert cls in stub, f"{cls} is not in _records.pyi"
        for shape in shapes:
            assert shape == tuple(stub[cls]), f"{cls}: serialised {shape}, stub {tuple(stub[cls])}"
    # Every class of the stub was seen, so no stub class is stale.
    assert set(stub) == set(seen)


def test_stub_annotations_name_the_runtime_classes() -> None:
    stub = _stub_fields()
    for rec in (r for top in _corpus() for r in _records(top)):
        for name in rec.fields():
            value = getattr(rec, name)
            ann = stub[type(rec).__name__][name]
            items = value if isinstance(value, tuple) else (value,)
            for v in items:
                if isinstance(v, dvhc.Record):
                    assert type(v).__name__ in ann, f"{type(rec).__name__}.{name}: {ann}"
