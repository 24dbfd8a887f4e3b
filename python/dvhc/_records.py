"""Frozen, hashable records over the library's serialised results.

The fields are not declared here: a record holds what the library serialised (the
JSON shapes the ``dvhc`` tool prints), with nested objects as records and lists as
tuples. ``_records.pyi`` declares the fields for type checkers, and the tests check
that they are exactly the serialised ones. ``_nested`` only says which record class a
nested object gets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = [
    "Address",
    "Candidate",
    "Change",
    "Conflict",
    "ErrorInfo",
    "Geo",
    "Hit",
    "LegacyUnits",
    "Predecessor",
    "Reading",
    "Record",
    "Ref",
    "Successor",
    "Translation",
    "Unit",
    "Units",
    "Unresolved",
    "WrittenPostalCode",
]


def _freeze(value: Any, cls: type[Record] | None) -> Any:
    if isinstance(value, dict):
        return (cls or Record)(value)
    if isinstance(value, list):
        return tuple(_freeze(v, cls) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


class Record:
    """A frozen result: its fields are attributes; ``to_dict()`` gives the JSON shape
    (as ``dvhc <command>`` prints it). Records compare and hash by class and fields."""

    __slots__ = ("_fields",)
    _nested: ClassVar[Mapping[str, type[Record]]] = {}

    def __init__(self, fields: Mapping[str, Any]) -> None:
        nested = type(self)._nested
        object.__setattr__(
            self, "_fields", {k: _freeze(v, nested.get(k)) for k, v in fields.items()}
        )

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_fields")[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__!r} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self._fields == other._fields)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self._fields.items())))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"{type(self).__name__}({inner})"

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._fields))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.to_dict(),))

    def fields(self) -> tuple[str, ...]:
        """The names of the fields, in serialised order."""
        return tuple(self._fields)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: dicts, lists, strings, numbers and ``None``."""
        return {k: _thaw(v) for k, v in self._fields.items()}


class Ref(Record):
    """A unit named by its code and full name."""

    __slots__ = ()


class ErrorInfo(Record):
    """``{"kind", "message"}`` of a row that failed."""

    __slots__ = ()


class Candidate(Record):
    """A current unit an old address may now be in."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"province": Ref, "commune": Ref}


class LegacyUnits(Record):
    """The old units an address names."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {
        "province": Ref,
        "district": Ref,
        "commune": Ref,
    }


class Unresolved(Record):
    """``{"text", "level"}``: a unit written and not found (status ``partial``)."""

    __slots__ = ()


class Conflict(Record):
    """``{"overruled", "by"}``: a unit written that the others contradict."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"overruled": Ref, "by": Ref}


class WrittenPostalCode(Record):
    """``{"code", "agreement", "commune"}``: a postal code written in the address."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"commune": Ref}


class Translation(Record):
    """The translation of an address (``dvhc.translate``)."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {
        "legacy": LegacyUnits,
        "candidates": Candidate,
        "unresolved": Unresolved,
        "conflicts": Conflict,
        "postal_code": WrittenPostalCode,
        "error": ErrorInfo,
    }


class Units(Record):
    """The units a reading of an address names."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {
        "province": Ref,
        "district": Ref,
        "commune": Ref,
    }


class Reading(Record):
    """Another reading of an ambiguous address."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"units": Units}


class Address(Record):
    """A parsed address (``dvhc.parse``)."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {
        "units": Units,
        "alternatives": Reading,
        "unresolved": Unresolved,
        "conflict": Conflict,
        "postal_code": WrittenPostalCode,
        "error": ErrorInfo,
    }


class Hit(Record):
    """A search hit (``dvhc.search``)."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"province": Ref, "district": Ref}


class Successor(Record):
    """A unit this one went into."""

    __slots__ = ()


class Predecessor(Record):
    """A unit that went into this one."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"district": Ref}


class Geo(Record):
    """Centre, area and population of a current commune."""

    __slots__ = ()


class Change(Record):
    """A change of kind since 1 July 2025."""

    __slots__ = ()


class Unit(Record):
    """A unit of either structure with its relations (``dvhc.get``)."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {
        "province": Ref,
        "district": Ref,
        "successors": Successor,
        "predecessors": Predecessor,
        "geo": Geo,
        "changes": Change,
    }

    def _below(self) -> tuple[Unit, ...]:
        from . import _dvhc

        on = self._fields.get("on")
        return tuple(Unit(u) for u in _dvhc.children(self.code, self.era, on))

    @property
    def communes(self) -> tuple[Unit, ...]:
        """The communes of a province or of a legacy district, sorted by code (a legacy
        province's, district by district)."""
        if self.level == "commune":
            return ()
        if self.level == "province" and self.era == "legacy":
            return tuple(c for d in self._below() for c in d._below())
        return self._below()

    @property
    def districts(self) -> tuple[Unit, ...]:
        """The districts of a legacy province (current provinces have none)."""
        if self.level == "province" and self.era == "legacy":
            return self._below()
        return ()
