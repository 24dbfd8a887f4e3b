"""The scalar API: look-ups, search, parse, translate, locate, errors."""

from __future__ import annotations

import datetime
import pickle

import pytest

import dvhc


def test_versions() -> None:
    assert len(dvhc.__data_version__) == 10 and dvhc.__data_version__[4] == "-"
    assert dvhc.__version__


def test_get_and_children() -> None:
    hcm = dvhc.get("79")
    assert hcm is not None
    assert (hcm.name, hcm.level, hcm.era) == ("Thành phố Hồ Chí Minh", "province", "current")
    communes = hcm.communes
    assert len(communes) == 168 and all(c.province.code == "79" for c in communes)
    assert [c.code for c in communes] == sorted(c.code for c in communes)
    assert hcm.districts == ()
    old = dvhc.get("79", era="legacy")
    assert old is not None and len(old.districts) == 22 and len(old.communes) == 273
    q1 = dvhc.get("760")
    assert q1 is not None and q1.era == "legacy" and len(q1.communes) == 10
    assert dvhc.get("99") is None
    assert dvhc.get("26740", era="legacy").successors[0].name == "Phường Sài Gòn"  # type: ignore[union-attr]


def test_provinces() -> None:
    assert len(dvhc.provinces()) == 34
    assert len(dvhc.provinces(era="legacy")) == 63
    assert all(p.level == "province" for p in dvhc.provinces())


def test_bad_codes_raise() -> None:
    for code in ("7a", "", "1234", "123456"):
        with pytest.raises(dvhc.CodeError) as e:
            dvhc.get(code)
        assert e.value.kind == "bad_code"
    with pytest.raises(dvhc.CodeError):
        dvhc.get("760", era="current")
    with pytest.raises(TypeError):
        dvhc.get(79)  # type: ignore[arg-type]
    with pytest.raises(dvhc.Error):
        dvhc.get("79", era="future")


def test_on_date() -> None:
    a = dvhc.get("75", on="2025-07-01")
    b = dvhc.get("75", on=datetime.date(2025, 7, 1))
    assert a == b and a is not None and a.name == "Tỉnh Đồng Nai" and a.on == "2025-07-01"
    assert dvhc.get("75").name == "Thành phố Đồng Nai"  # type: ignore[union-attr]
    with pytest.raises(dvhc.Error):
        dvhc.get("75", on="yesterday")
    with pytest.raises(TypeError):
        dvhc.get("75", on=20250701)  # type: ignore[arg-type]


def test_search() -> None:
    hits = dvhc.search("ben nghe")
    assert hits[0].code == "26740" and hits[0].era == "legacy"
    assert dvhc.search("Lam D", prefix=True)[0].name.endswith("Lâm Đồng")
    assert dvhc.search("Lam Dongg", fuzzy=True)[0].name.endswith("Lâm Đồng")
    assert dvhc.search("Bến Nghé", limit=1, era="legacy", level="commune", within="760")
    assert all(h.province.code == "79" for h in dvhc.search("Tân Phú", within="79"))
    with pytest.raises(ValueError):
        dvhc.search("x", fuzzy=True, prefix=True)
    with pytest.raises(dvhc.CodeError):
        dvhc.search("x", within="7")


def test_parse() -> None:
    a = dvhc.parse("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM")
    assert a.units.commune is not None and a.units.commune.code == "26740"
    assert a.rest == "12 Lê Lợi" and a.status == "ok" and a.error is None
    with pytest.raises(dvhc.ParseError) as e:
        dvhc.parse("")
    assert e.value.kind == "empty" and str(e.value) == "the address is empty"


def test_translate() -> None:
    t = dvhc.translate("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM")
    assert t.formatted == "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh"
    assert t.status == "ok" and t.legacy is not None and t.legacy.commune.code == "26740"  # type: ignore[union-attr]
    assert isinstance(t.candidates, tuple) and isinstance(t.candidates[0], dvhc.Candidate)
    amb = dvhc.translate("Quận 1, TP.HCM")
    assert amb.status == "ambiguous" and len(amb.candidates) == 4 and amb.formatted is None
    with pytest.raises(dvhc.TranslateError) as e:
        dvhc.translate("xxx")
    assert e.value.kind == "not_found" and isinstance(e.value, ValueError)
    with pytest.raises(TypeError):
        dvhc.translate(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dvhc.translate(b"Hue")  # type: ignore[arg-type]


def test_translate_with_point() -> None:
    # Phường Đa Kao was split; the point picks the part that contains it.
    t = dvhc.translate("P. Đa Kao, Q.1, TP.HCM", lat=10.7906, lon=106.6953)
    assert t.status == "ok" and len(t.candidates) >= 1
    with pytest.raises(dvhc.TranslateError) as e:
        dvhc.translate("Huế", lat=100.0, lon=0.0)
    assert e.value.kind == "bad_coordinates"
    with pytest.raises(TypeError):
        dvhc.translate("Huế", lat=10.0)


def test_locate() -> None:
    c = dvhc.locate(10.7769, 106.7009)
    assert c is not None and c.name == "Phường Sài Gòn" and c.level == "commune"
    assert dvhc.locate(0.0, 0.0) is None
    with pytest.raises(dvhc.Error):
        dvhc.locate(float("nan"), 106.0)


def test_records_are_frozen_hashable_and_plain() -> None:
    t = dvhc.translate("P. Bến Nghé, Q.1, TP.HCM")
    u = dvhc.translate("P. Bến Nghé, Q.1, TP.HCM")
    assert t == u and hash(t) == hash(u) and len({t, u}) == 1
    with pytest.raises(AttributeError):
        t.status = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        t.nothing  # type: ignore[attr-defined]  # noqa: B018
    d = t.to_dict()
    assert d["candidates"][0]["commune"]["code"] == "26740" and isinstance(d["candidates"], list)
    assert type(t)(d) == t
    assert pickle.loads(pickle.dumps(t)) == t
    assert "formatted" in dir(t) and repr(t).startswith("Translation(input=")
    assert t != dvhc.translate("Huế")
