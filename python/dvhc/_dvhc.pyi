# The native module (Rust, PyO3). Private: use the functions of `dvhc`.
from typing import Any

DATA_VERSION: str
VERSION: str

def translate(
    text: str, lat: float | None = None, lon: float | None = None, on: str | None = None
) -> dict[str, Any]: ...
def parse(text: str, on: str | None = None) -> dict[str, Any]: ...
def search(
    query: str,
    mode: str = "exact",
    era: str | None = None,
    level: str | None = None,
    limit: int | None = None,
    within: str | None = None,
) -> list[dict[str, Any]]: ...
def get(code: str, era: str | None = None, on: str | None = None) -> dict[str, Any] | None: ...
def children(
    code: str | None = None, era: str | None = None, on: str | None = None
) -> list[dict[str, Any]]: ...
def locate(lat: float, lon: float, on: str | None = None) -> dict[str, Any] | None: ...
def translate_many(
    texts: Any,
    lat: Any = None,
    lon: Any = None,
    on: str | None = None,
    threads: int = 0,
    fields: list[str] | None = None,
) -> Any: ...
def parse_many(
    texts: Any, on: str | None = None, threads: int = 0, fields: list[str] | None = None
) -> Any: ...
def search_many(
    texts: Any,
    mode: str = "exact",
    era: str | None = None,
    level: str | None = None,
    limit: int | None = None,
    within: str | None = None,
    threads: int = 0,
) -> Any: ...
def schema(what: str, fields: list[str] | None = None) -> Any: ...
