#!/usr/bin/env python3
"""Builds the seed corpus of every fuzz target from the data in ../data.

    python3 fuzz/make_corpus.py            # writes fuzz/corpus/<target>/ (git-ignored)
    python3 fuzz/make_corpus.py cli_csv    # only these targets' (the others are kept)

Deterministic (fixed random seeds), a few hundred small files per target: names,
curated abbreviations and aliases, codes and dates, and addresses of both
structures composed in several writings (full kind words, abbreviations, no
diacritics, no commas, upper case, decomposed Unicode, English); for `cli_csv`,
small CSV files of such addresses (headers or none, four delimiters, quoted fields
with delimiters, quotes and line breaks, a BOM, CRLF, empty cells, short and long
rows, coordinates, bytes that are not UTF-8).
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

mapping = tsv("mapping.tsv")
geo_by_code = {g["code"]: g for g in tsv("geo.tsv")}
lcommune_by_code = {c["code"]: c for c in lcommunes}
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


# Addresses that once broke a target's property: text of Windows-1252 characters
# that reads as Vietnamese as it is and as VNI (the parser's second reading reports a
# repair that `repair` alone does not make), one TCVN3 word of weak evidence.
ADDRESS_REGRESSIONS = ["P. 9, Q. 10, TP. Hoà Chí Minh", "Tp. Hoà Chí Minh", "HuÕ", "Xã Hoà Sơn"]


def addresses(n):
    out = examples() + ADDRESS_REGRESSIONS + curated_aliases()
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


def write_target(target, items):
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for i, item in enumerate(items):
        data = item if isinstance(item, bytes) else item.encode("utf-8")
        with open(os.path.join(d, f"seed-{i:04}"), "wb") as f:
            f.write(data)
    return len(items)


# `cli_csv` seeds: 6 option bytes (see fuzz_targets/cli_csv.rs), then the CSV.
CSV_DELIMITERS = [",", ";", "\t", "|"]
# Other delimiters (option byte 4): usable ones, then refused ones.
CSV_OTHER_DELIMITERS = [" ", ":", "a", "\x00", '"', "\n", "\r", "\xe1"]
CSV_HEADERS = [
    ["id", "address", "note"],
    ["address"],
    ["STT", "Họ tên", "Địa chỉ", "Ghi chú"],
    ["id", " Address ", "lat", "lon"],
    ["name", "addr", "phone", "email", "city"],
]
CSV_NOTES = ["", "x", "a, b", 'say "hi"', "line\nbreak", "crlf\r\ninside", "  spaces  ", "Tổ 3; ấp 2", "|pipe|"]


def csv_field(v, delim):
    if delim in v or any(c in v for c in ('"', "\n", "\r")):
        return '"' + v.replace('"', '""') + '"'
    return v


def successor_point(rnd):
    """A legacy address and a point near one of the communes it went into."""
    m = rnd.choice(mapping)
    g = geo_by_code.get(m["commune"])
    c = lcommune_by_code[m["legacy_commune"]]
    d = ldist_by_code[c["district"]]
    p = lprov_by_code[d["province"]]
    addr = ", ".join([unit(c["kind"], c["name"]), unit(d["kind"], d["name"]), unit(p["kind"], p["name"])])
    if not g or not g["lat"]:
        return addr, "", ""
    lat = float(g["lat"]) + rnd.uniform(-0.005, 0.005)
    lon = float(g["lon"]) + rnd.uniform(-0.005, 0.005)
    return addr, f"{lat:.5f}", f"{lon:.5f}"


def csv_seed(i, rnd):
    header = rnd.choice(CSV_HEADERS)
    delim_i = rnd.randrange(4) if i % 3 == 0 else 0
    delim = CSV_DELIMITERS[delim_i]
    other = i % 23 == 22
    if other:
        delim = rnd.choice(CSV_OTHER_DELIMITERS)
    has_header = i % 5 != 4
    point = "lat" in header and i % 2 == 0
    # Where the address goes, and how the option names it.
    addr_col = next((j for j, h in enumerate(header) if h.strip().lower() in ("address", "địa chỉ", "addr")), 0)
    variant = rnd.choice([0, 0, 0, 1, 1, 3]) if has_header else rnd.choice([0, 0, 0, 3])
    if has_header:
        col_sel = (addr_col << 2) | variant
    else:
        col_sel = ((addr_col + 1) << 2) | (3 if variant == 3 else 0)
    # With a header a column's index, without one its number from 1 (fuzz_targets/cli_csv.rs).
    lat_sel = (header.index("lat") + (0 if has_header else 1)) << 2 if point else 0
    lon_sel = (header.index("lon") + (0 if has_header else 1)) << 2 if point else 0
    flags = int(has_header) | (2 if point else 0) | (4 if rnd.random() < 0.7 else 0)
    flags |= (8 if rnd.random() < 0.2 else 0) | (delim_i << 4) | (64 if rnd.random() < 0.3 else 0)
    flags |= 128 if other else 0
    limit = rnd.choice([0, 0, 0, 1, 2, 3])  # the record limit: default, 8, 40 or 200 bytes
    head = bytes([flags, col_sel, lat_sel, lon_sel, ord(delim) if other else 0, limit])

    eol = "\r\n" if rnd.random() < 0.3 else "\n"
    rows = [header] if has_header else []
    previous = []
    for r in range(rnd.randrange(1, 7)):
        row = [rnd.choice(CSV_NOTES) for _ in header]
        if "id" in header:
            row[header.index("id")] = str(r + 1)
        if point:
            a, lat, lon = successor_point(rnd)
            row[header.index("lat")], row[header.index("lon")] = rnd.choice(
                [(lat, lon), (lat, lon), ("", ""), (lat, ""), ("abc", lon), ("95", lon)]
            )
        else:
            a = rnd.choice([legacy_address, current_address, legacy_address])()
        k = rnd.random()
        if k < 0.08:
            a = ""
        elif k < 0.16 and previous:
            a = rnd.choice(previous)  # a repeat: the cache answers
        elif k < 0.2:
            a = '"' + a + '", ' + a
        previous.append(a)
        row[addr_col] = a
        if rnd.random() < 0.1:
            row = row[: rnd.randrange(1, len(row) + 1)]  # a short row
        elif rnd.random() < 0.1:
            row = row + ["extra"]  # a long row
        rows.append(row)
    text = eol.join(delim.join(csv_field(v, delim) for v in row) for row in rows)
    if rnd.random() < 0.8:
        text += eol
    data = text.encode()
    if rnd.random() < 0.15:
        data = b"\xef\xbb\xbf" + data  # a byte-order mark
    if rnd.random() < 0.08:
        at = rnd.randrange(len(data) + 1)
        data = data[:at] + rnd.choice([b"\xff", b"\xc3", b"\xe1\xba"]) + data[at:]  # not UTF-8
    if rnd.random() < 0.1:
        at = rnd.randrange(len(data) + 1)
        data = data[:at] + b'"' + data[at:]  # a stray quote
    return head + data


# Option byte 5, bits 2-5: the encoding `open` reads the CSV in (fuzz_targets/cli_csv.rs).
ENC_AUTO, ENC_UTF16LE, ENC_W1258, ENC_TCVN3, ENC_VNI = 1, 4, 6, 7, 8


def with_encoding(seed, enc):
    return seed[:5] + bytes([seed[5] & 3 | enc << 2]) + seed[6:]


def cli_csv():
    rnd = random.Random(20250702)  # its own seed: the other targets' seeds stay the same
    out = [csv_seed(i, rnd) for i in range(PER_TARGET)]
    # Some seeds read through the decoder: `auto` mostly, any other encoding at times
    # (a random generator of its own, so that the seeds above stay the same).
    enc_rnd = random.Random(20261207)
    out = [with_encoding(s, enc_rnd.choice([ENC_AUTO, ENC_AUTO, enc_rnd.randrange(2, 9)])) if enc_rnd.random() < 0.3 else s for s in out]
    # TCVN3 and VNI bytes (the library's encoder's output for these names), and
    # UTF-16; each told and detected.
    tcvn3 = b"id,address\n1,X\xb7 Long Th\xb5nh, T\xd8nh \xa7\xe5ng Nai\n2,H\xb5 N\xe9i\n"
    vni = b'id,address\n1,"Xa\xf5 Long Tha\xf8nh, Huye\xe4n Long Tha\xf8nh, T\xe6nh \xd1o\xe0ng Nai"\n'
    utf16 = "id,address\n1,Phường Bến Nghé, Quận 1\n".encode("utf-16-le")
    for data, enc in [(tcvn3, ENC_TCVN3), (vni, ENC_VNI), (utf16, ENC_UTF16LE)]:
        for e in (enc, ENC_AUTO):
            out.append(bytes([1, 4, 0, 0, 0, e << 2]) + data)
    out += [
        bytes([1, 4, 0, 0, 0, 0]) + b"",
        bytes([1, 4, 0, 0, 0, 0]) + b"a,address\r\n",
        bytes([0, 4, 0, 0, 0, 0]) + b'""\n\n,\n"a""b",c\n',
        bytes([1, 0, 0, 0, 0, 0]) + "\ufeffaddress\r\nP. Bến Nghé, Q.1, TP.HCM".encode(),
        bytes([0x09, 8, 0, 0, 0, 0]) + b'x,"unterminated\n1,2\n',
        # Non-UTF-8 address and coordinate cells (cache keys must not collide).
        bytes([0x0F, 0, 4, 8, 0, 0]) + b"address,lat,lon\n\xff,,\n,,\xff\n",
        # Records over a small limit, a stray quote, a resynchronisation at a BOM.
        bytes([0x09, 4, 0, 0, 0, 1]) + b'id,address\n1,"P. Ben Nghe\n2,Q1\n3,"x"\n',
        bytes([0x01, 4, 0, 0, 0, 2]) + b'id,address\n1,' + b"x" * 60 + b'\n"a\n\xef\xbb\xbfb,c\n',
        # A file dvhc csv wrote: its dvhc_* columns are replaced.
        bytes([0x01, 4, 0, 0, 0, 0]) + b"id,address,dvhc_status,dvhc_error\n1,Q1 HCM,ok,\n",
    ]
    return out


def main():
    only = set(sys.argv[1:])
    known = {"codes", "fold", "search", "address", "translate", "cli_csv"}
    if only - known:
        sys.exit(f"unknown targets: {', '.join(sorted(only - known))}; known: {', '.join(sorted(known))}")

    def write(target, items):
        if only and target not in only:
            return None
        return write_target(target, items)

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
    counts["cli_csv"] = write("cli_csv", cli_csv())
    for t, n in counts.items():
        if n is not None:
            print(f"{t}: {n} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
