"""Shared helpers: the crate's test tables and the `dvhc` tool's JSON for them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "tests" / "data"


def cli() -> str:
    """The `dvhc` binary: $DVHC_CLI, else the workspace's release or debug build."""
    env = os.environ.get("DVHC_CLI")
    found = [Path(env)] if env else [ROOT / "target/release/dvhc", ROOT / "target/debug/dvhc"]
    for p in found:
        if p.is_file():
            return str(p)
    pytest.fail("no dvhc binary: `cargo build -p dvhc-cli` or set DVHC_CLI")


def run_cli(args: list[str], lines: list[str] | None = None) -> list[dict[str, Any]]:
    """The JSON objects the tool prints, one per line."""
    text = None if lines is None else "".join(line + "\n" for line in lines)
    out = subprocess.run(
        [cli(), *args], input=text, capture_output=True, text=True, check=False, timeout=600
    )
    if out.returncode not in (0,):
        raise AssertionError(f"dvhc {args} failed ({out.returncode}): {out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines()]


def rows(name: str) -> list[list[str]]:
    """The rows of a test table (comments, blank lines and the header skipped)."""
    out = []
    for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("input\t"):
            continue
        out.append(line.split("\t"))
    return out


def option(cell: str, key: str) -> str | None:
    for part in cell.split(","):
        if part.startswith(key + "="):
            return part[len(key) + 1 :]
    return None
