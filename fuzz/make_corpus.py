#!/usr/bin/env python3
"""Builds the seed corpus of every fuzz target from the data in ../data.

    python3 fuzz/make_corpus.py            # writes fuzz/corpus/<target>/ (git-ignored)

Deterministic (fixed random seed), a few hundred small files per target: names,
curated abbreviations and aliases, codes and dates, and addresses of both
structures composed in several writings (full kind words, abbreviations, no
diacritics, no commas, upper case, decomposed Unicode, English).
"""
import csv
import os
import random
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
OUT = os.path.join(HERE, "corpus")
PER_TARGET = 300

rnd = random.Random(20250701)


def tsv(path):
    with open(os.path.join(DATA, path), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


provinces = tsv("provinces.tsv")
communes = tsv("communes.tsv")
lprovinces = tsv("legacy/provinces.tsv")
ldistricts = tsv("legacy/districts.tsv")
lcommunes = tsv("legacy/communes.tsv")
aliases = tsv("aliases.tsv")
curated = tsv("aliases_curated.tsv")
changes = tsv("changes.tsv")

lprov_by_code = {p["code"]: p for p in lprovinces}
ldist_by_code = {d["code"]: d for d in ldistricts}
prov_by_code = {p["code"]: p for p in provinces}

# Kind words, full and abbreviated, as people write them.
KINDS = {
    "tinh": ["Tỉnh", "T.", "tinh", ""],
    "thanh_pho": ["Thành phố", "TP.", "TP ", "Tp", "thanh pho", ""],
    "quan": ["Quận", "Q.", "Q", "quan", "District"],
    "huyen": ["Huyện", "H.", "huyen"],
    "thi_xa": ["Thị xã", "TX.", "thi xa"],
    "phuong": ["Phường", "P.", "P", "F", "phuong", "Ward"],
    "xa": ["Xã", "X.", "xa", "Commune"],
    "thi_tran": ["Thị trấn", "TT.", "thi tran"],
    "dac_khu": ["Đặc khu", "ĐK", "dac khu"],
}
STREETS = ["12 Lê Lợi", "Số 5 Ấp 2", "18/3 Nguyễn Trãi", "Tổ 3", "", "Thôn Đông", "125 Hai Bà Trưng"]


def ascii_fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def unit(kind, name):
    k = rnd.choice(KINDS.get(kind, [""]))
    if not k:
        return name
    glue = "" if k.endswith(".") and rnd.random() < 0.5 else " "
    if k in ("Q", "P", "F") and name.isdigit():
        glue = ""
    return f"{k}{glue}{name}"


def writing(s):
    """One of several writings of the same address."""
    r = rnd.random()
    if r < 0.2:
        return ascii_fold(s)
    if r < 0.3:
        return s.upper()
    if r < 0.4:
        return unicodedata.normalize("NFD", s)
    if r < 0.5:
        return s.replace(",", "")
    if r < 0.55:
        return s + ", Việt Nam"
    if r < 0.6:
        return ascii_fold(s).lower().replace(",", " ,")
    return s


def legacy_address():
    c = rnd.choice(lcommunes)
    d = ldist_by_code[c["district"]]
    p = lprov_by_code[d["province"]]
    parts = [rnd.choice(STREETS), unit(c["kind"], c["name"])]
    if rnd.random() < 0.85:
        parts.append(unit(d["kind"], d["name"]))
    if rnd.random() < 0.9:
        parts.append(unit(p["kind"], p["name"]))
    return writing(", ".join(x for x in parts if x))


def current_address():
    c = rnd.choice(communes)
    p = prov_by_code[c["province"]]
    parts = [rnd.choice(STREETS), unit(c["kind"], c["name"])]
    if rnd.random() < 0.9:
        parts.append(unit(p["kind"], p["name"]))
    return writing(", ".join(x for x in parts if x))


def examples():
    path = os.path.join(HERE, "..", "examples", "data", "old_addresses.txt")
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def curated_aliases():
    return [a["alias"] for a in curated]


def addresses(n):
    out = examples() + curated_aliases()
    while len(out) < n:
        out.append(legacy_address() if rnd.random() < 0.6 else current_address())
    return out[:n]


def names(n):
    pool = (
        [unit(p["kind"], p["name"]) for p in provinces + lprovinces]
        + [a["alias"] for a in rnd.sample(aliases, 60)]
        + curated_aliases()
    )
    while len(pool) < n:
        table = rnd.choice([communes, lcommunes, ldistricts])
        u = rnd.choice(table)
        pool.append(writing(unit(u["kind"], u["name"])) if rnd.random() < 0.7 else u["name"])
    return pool[:n]


def typo(s):
    if len(s) < 4:
        return s
    i = rnd.randrange(len(s) - 1)
    op = rnd.randrange(3)
    if op == 0:
        return s[:i] + s[i + 1 :]
    if op == 1:
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    return s[:i] + "x" + s[i + 1 :]


def codes():
    out = []
    for table, n in ((provinces, 20), (communes, 60), (lprovinces, 20), (ldistricts, 40), (lcommunes, 80)):
        for u in rnd.sample(table, n):
            c = u["code"]
            out.append(rnd.choice([c, c, f" {c} ", c[1:], c + "0", "\t" + c]))
    out += [ch["date"] for ch in changes]
    out += ["2025-07-01", "2025-06-30", "2025-02-30", "2024-02-29", "0000-01-01", "9999-12-31", "2025-7-1", ""]
    return out


def write(target, items):
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for i, item in enumerate(items):
        data = item if isinstance(item, bytes) else item.encode("utf-8")
        with open(os.path.join(d, f"seed-{i:04}"), "wb") as f:
            f.write(data)
    return len(items)


def main():
    counts = {}
    counts["codes"] = write("codes", codes())
    counts["fold"] = write("fold", names(PER_TARGET))
    queries = names(PER_TARGET // 2) + [typo(ascii_fold(x)) for x in names(PER_TARGET // 2)]
    # 4 configuration bytes: mode/era/level, limit, scope kind, scope code.
    counts["search"] = write(
        "search", [bytes([rnd.randrange(36), rnd.choice([0, 0, 5, 20]), rnd.randrange(256), rnd.randrange(256)]) + q.encode() for q in queries]
    )
    counts["address"] = write("address", addresses(PER_TARGET))
    items = []
    for i, a in enumerate(addresses(PER_TARGET)):
        sel = i % 6
        if sel in (1, 2):
            head = bytes([sel, 0]) + bytes(rnd.randrange(256) for _ in range(15))
        elif sel == 3:
            head = bytes([sel]) + (2025 + rnd.randrange(3)).to_bytes(2, "little") + bytes([rnd.randrange(1, 13), rnd.randrange(1, 29)])
        elif sel == 5:
            head = bytes([sel])
            a = "\n".join(addresses(rnd.randrange(2, 6)))
        else:
            head = bytes([sel])
        items.append(head + a.encode())
    counts["translate"] = write("translate", items)
    for t, n in counts.items():
        print(f"{t}: {n} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
