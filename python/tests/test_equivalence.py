"""Issue #16 item 8: on the crate's test tables, every Python path gives exactly what
the `dvhc` tool prints (one test per table and path)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from conftest import option, rows, run_cli
from paths import PARSE, SEARCH, TRANSLATE

PATHS = ["scalar", "many", "polars", "pandas", "duckdb"]


def _same(path: str, got: list[Any], want: list[dict[str, Any]], inputs: list[str]) -> None:
    assert len(got) == len(want)
    bad = []
    for text, g, w in zip(inputs, got, want):
        if path == "scalar" and w["status"] == "error":
            # The scalar functions raise: compare the exception's kind and message.
            w = {"status": "error", "error": w["error"]}
        if g != w:
            bad.append((text, g, w))
    assert not bad, f"{len(bad)} rows differ from the CLI; first: {bad[0]}"


def _translate_table(name: str, path: str, date_col: int | None) -> None:
    by_date: dict[str | None, list[str]] = defaultdict(list)
    for r in rows(name):
        date = option(r[date_col], "date") if date_col is not None and len(r) > date_col else None
        by_date[date].append(r[0])
    assert sum(len(v) for v in by_date.values()) > 100
    for date, inputs in by_date.items():
        want = run_cli(["translate", *(["--on", date] if date else [])], inputs)
        _same(path, TRANSLATE[path](inputs, date), want, inputs)


@pytest.mark.parametrize("path", PATHS)
def test_translate_cases(path: str) -> None:
    _translate_table("translate_cases.tsv", path, date_col=5)


@pytest.mark.parametrize("path", PATHS)
def test_messy_real(path: str) -> None:
    _translate_table("messy_real.tsv", path, date_col=None)


@pytest.mark.parametrize("path", PATHS)
def test_parse_cases(path: str) -> None:
    inputs = [r[0] for r in rows("parse_cases.tsv")]
    assert len(inputs) > 400
    _same(path, PARSE[path](inputs), run_cli(["parse"], inputs), inputs)


def _search_options(cell: str) -> tuple[dict[str, Any], list[str]]:
    """The Python keyword arguments and the CLI flags of a search_cases.tsv options
    cell."""
    py: dict[str, Any] = {}
    for part in [] if cell in ("", "-") else cell.split(","):
        key, _, value = part.partition("=")
        if key in ("prefix", "fuzzy"):
            py[key] = True
        elif key in ("current", "legacy"):
            py["era"] = key
        elif key in ("province", "district", "commune"):
            py["level"] = key
        elif key == "limit":
            py["limit"] = int(value)
        elif key == "in":
            py.update(within=value, era="current")
        elif key == "in-legacy":
            py.update(within=value, era="legacy")
        elif key == "in-district":
            py["within"] = value
        elif key != "exact":
            raise AssertionError(f"unknown search option {part!r}")
    flags = [f for k in ("prefix", "fuzzy") if py.get(k) for f in ["--" + k]]
    for k, flag in (
        ("era", "--era"),
        ("level", "--level"),
        ("limit", "--limit"),
        ("within", "--in"),
    ):
        if k in py:
            flags += [flag, str(py[k])]
    return py, flags


@pytest.mark.parametrize("path", PATHS)
def test_search_cases(path: str) -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows("search_cases.tsv"):
        groups[r[1]].append(r[0])
    assert sum(len(v) for v in groups.values()) > 150
    for cell, queries in groups.items():
        py, flags = _search_options(cell)
        want = [run_cli(["search", *flags, "--", q]) for q in queries]
        got = SEARCH[path](queries, py)
        assert len(got) == len(want)
        bad = [(q, g, w) for q, g, w in zip(queries, got, want) if g != w]
        assert not bad, f"options {cell!r}: {len(bad)} queries differ; first: {bad[0]}"
