"""Checked by mypy (not run by pytest): the stubs type what the API returns."""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

import dvhc

t = dvhc.translate("P. Bến Nghé, Q.1, TP.HCM")
assert_type(t, dvhc.Translation)
assert_type(t.formatted, "str | None")
assert_type(t.candidates, "tuple[dvhc.Candidate, ...]")
assert_type(t.candidates[0].province.name, str)
assert_type(t.candidates[0].distance_km, "float | None")
if t.legacy is not None and t.legacy.commune is not None:
    assert_type(t.legacy.commune.code, str)
a = dvhc.parse("Huế")
assert_type(a.units.province, "dvhc.Ref | None")
assert_type(a.alternatives, "tuple[dvhc.Reading, ...]")
h = dvhc.search("Huế")[0]
assert_type(h.score, int)
u = dvhc.get("79")
if u is not None:
    assert_type(u.communes, "tuple[dvhc.Unit, ...]")
    assert_type(u.geo, "dvhc.Geo | None")
    assert_type(u.predecessors[0].district, "dvhc.Ref | None")
assert_type(dvhc.provinces(), "list[dvhc.Unit]")
assert_type(dvhc.locate(10.0, 106.0), "dvhc.Unit | None")
assert_type(t.to_dict(), dict[str, Any])
if u is not None:
    assert_type(u.phone_code, "int | None")
    assert_type(u.postal_code_prefixes, "tuple[str, ...]")
# fields= takes any iterable of names.
dvhc.translate_many(["Huế"], fields=["status", "formatted"])
dvhc.translate_many(["Huế"], fields=("status",))
dvhc.parse_many(["Huế"], fields=["units"])
dvhc.schema("translate", fields=["status"])
