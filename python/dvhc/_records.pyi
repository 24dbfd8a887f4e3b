# Type stubs of the records: the fields of the library's serialised results (the
# JSON of the `dvhc` tool). tests/test_records.py checks that each class declares
# exactly the fields the library serialises, with the nested record classes used.
from collections.abc import Mapping
from typing import Any, ClassVar

class Record:
    _nested: ClassVar[Mapping[str, type[Record]]]
    def __init__(self, fields: Mapping[str, Any]) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def fields(self) -> tuple[str, ...]: ...
    def to_dict(self) -> dict[str, Any]: ...

class Ref(Record):
    code: str
    name: str

class ErrorInfo(Record):
    kind: str
    message: str

class Candidate(Record):
    province: Ref
    commune: Ref | None
    share: str
    distance_km: float | None
    structure: str

class LegacyUnits(Record):
    province: Ref
    district: Ref | None
    commune: Ref | None

class Unresolved(Record):
    text: str
    level: str

class Conflict(Record):
    overruled: Ref
    by: Ref

class WrittenPostalCode(Record):
    code: str
    agreement: str
    commune: Ref | None

class Translation(Record):
    input: str
    status: str
    structure: str | None
    legacy: LegacyUnits | None
    rest: str
    candidates: tuple[Candidate, ...]
    formatted: str | None
    level: str | None
    unresolved: Unresolved | None
    remarks: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    repaired: str | None
    postal_code: WrittenPostalCode | None
    error: ErrorInfo | None

class Units(Record):
    province: Ref | None
    district: Ref | None
    commune: Ref | None

class Reading(Record):
    structure: str
    units: Units

class Address(Record):
    input: str
    status: str
    structure: str | None
    units: Units
    alternatives: tuple[Reading, ...]
    rest: str
    unresolved: Unresolved | None
    remarks: tuple[str, ...]
    conflict: Conflict | None
    repaired: str | None
    postal_code: WrittenPostalCode | None
    error: ErrorInfo | None

class Hit(Record):
    code: str
    name: str
    kind: str
    level: str
    era: str
    province: Ref
    district: Ref | None
    score: int

class Successor(Record):
    code: str
    name: str
    share: str

class Predecessor(Record):
    code: str
    name: str
    share: str
    district: Ref | None

class Geo(Record):
    lat: float
    lon: float
    area_km2: float | None
    population: int | None

class Change(Record):
    date: str
    kind_before: str
    kind_after: str
    legal_basis: str

class Unit(Record):
    code: str
    name: str
    kind: str
    level: str
    era: str
    province: Ref | None
    district: Ref | None
    successors: tuple[Successor, ...]
    predecessors: tuple[Predecessor, ...]
    short_name: str
    on: str | None
    resolution: str | None
    geo: Geo | None
    changes: tuple[Change, ...]
    name_en: str
    full_name_en: str
    codename: str
    short_codename: str
    postal_code: str | None
    postal_code_prefixes: tuple[str, ...]
    phone_code: int | None
    @property
    def communes(self) -> tuple[Unit, ...]: ...
    @property
    def districts(self) -> tuple[Unit, ...]: ...
