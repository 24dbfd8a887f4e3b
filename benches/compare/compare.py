#!/usr/bin/env python3
"""Side-by-side comparison of dvhc with the Python peers (see README.md here).

`run.sh` drives it; the subcommands are:

  peer run    --tool T --workload W --data DIR --out O --timing J
              (in the venv) convert every workload address with peer T, single-threaded
  peer lookup --tool vp --codes C --out O --timing J
              (in the venv) current-commune code lookups with vietnam-provinces
  one T INPUT (in the venv) import, load and answer one address (a code for vp), then
              exit: the cold start
  size        --binary B --empty E --out J
              what dvhc's tables add to a release binary
  report      --work DIR --out results.md
              score every answer against the workload and write the tables

The peers are only installed from PyPI and called; none of their code is copied.
Only the standard library is used here, so `size` and `report` run on any Python 3.
"""

import sys
import time

START = time.perf_counter()

# The address every tool answers in the cold-start measurement.
COLD_ADDRESS = "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
COLD_CODE = "26740"

WRITINGS = ["full", "abbrev", "ascii", "street", "messy"]


# --------------------------------------------------------------------------- peers

class Guard:
    """Counts (and refuses) every network connection a peer attempts."""

    attempts = 0

    @classmethod
    def install(cls):
        import socket

        def refuse(*_args, **_kwargs):
            cls.attempts += 1
            raise OSError("network disabled by benches/compare")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse


class Vau:
    """vietnamadminunits: `convert_address(text)`, one answer with NSO codes.

    For a split commune given with a street it calls the online ArcGIS geocoder
    (`converter_2025.get_geo_location`). That call is stubbed: it is counted and
    answers "not found", which makes the library fall back to its default ward,
    exactly as it does when the geocoder finds nothing.
    """

    dist = "vietnamadminunits"
    label = "vietnamadminunits (vau)"

    def __init__(self):
        from vietnamadminunits import convert_address
        import vietnamadminunits.converter.converter_2025 as conv

        self.geocoder_calls = 0

        def stub(_address):
            self.geocoder_calls += 1
            return None

        conv.get_geo_location = stub
        self.convert_address = convert_address

    def convert(self, text):
        """[(kind, value...)] candidates, default first; empty when nothing found."""
        u = self.convert_address(text)
        if u.ward_code:
            return [("code", u.ward_code)]
        if u.province_code:
            return [("province", u.province_code)]
        return []


class Vac:
    """vietnam-address-converter: `create_converter().auto_convert_address(text)`.

    Its codes are its own (not NSO), so answers are names (ward, kind, province),
    mapped to NSO codes after timing. When several candidates exist it returns a
    default and lists them all in `conversion.candidates`: that list is its answer.
    """

    dist = "vietnam-address-converter"
    label = "vietnam-address-converter (vac)"

    def __init__(self):
        from vietnam_address_converter import create_converter

        self.geocoder_calls = 0
        self.converter = create_converter()

    def convert(self, text):
        r = self.converter.auto_convert_address(text)
        conversion = r.get("conversion") or {}
        cands = conversion.get("candidates") or []
        if r.get("input_type") == "old" and len(cands) > 1:
            out = []
            for c in cands:
                w, p = c.get("new_ward") or {}, c.get("new_province") or {}
                if w:
                    out.append(("name", w.get("name"), w.get("type"), p.get("name")))
                elif p:
                    out.append(("province-name", p.get("name")))
            return out
        new = r.get("converted_new") or {}
        w, p = new.get("ward") or {}, new.get("province") or {}
        if w:
            return [("name", w.get("name"), w.get("type"), p.get("name"))]
        if p:
            return [("province-name", p.get("name"))]
        return []


class Vp:
    """vietnam-provinces: `Ward.from_code(code)` (2025.10.1 has no old structure,
    no old-to-new mapping and no text search, so it cannot convert addresses)."""

    dist = "vietnam-provinces"
    label = "vietnam-provinces (vp)"

    def __init__(self):
        from vietnam_provinces import Ward

        self.geocoder_calls = 0
        self.Ward = Ward

    def lookup(self, code):
        try:
            w = self.Ward.from_code(int(code))
        except ValueError:
            return None
        return (w.name, int(w.province_code))


PEERS = {"vau": Vau, "vac": Vac, "vp": Vp}


def version_of(dist):
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def peer_run(tool, workload, data_dir, out_path, timing_path):
    """Convert every workload input once; the timed loop only calls the peer and
    keeps its raw answer. Names are mapped to codes afterwards."""
    import json

    Guard.install()
    rows = read_workload(workload)
    t0 = time.perf_counter()
    peer = PEERS[tool]()
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    peer.convert(COLD_ADDRESS)  # the first call builds lazy indexes in some peers
    first_call_s = time.perf_counter() - t0
    first_answer_s = time.perf_counter() - START
    answers = []
    errors = 0
    t0, c0 = time.perf_counter(), time.thread_time()
    for r in rows:
        try:
            answers.append(peer.convert(r["input"]))
        except Exception:  # a peer's exception is its answer: no result
            answers.append(None)
            errors += 1
    pass_s, cpu_s = time.perf_counter() - t0, time.thread_time() - c0
    names = NameMap(data_dir)
    with open(out_path, "w", encoding="utf-8") as f:
        for r, a in zip(rows, answers):
            if a is None:
                f.write(f"{r['id']}\terr\t\n")
            else:
                f.write(f"{r['id']}\tok\t{','.join(names.codes(a))}\n")
    timing = {
        "tool": tool,
        "version": version_of(peer.dist),
        "n": len(rows),
        "import_s": import_s,
        "first_call_s": first_call_s,
        "first_answer_s": first_answer_s,
        "median_pass_s": pass_s,
        "passes_s": [pass_s],
        "median_cpu_pass_s": cpu_s,
        "cpu_passes_s": [cpu_s],
        "exceptions": errors,
        "geocoder_calls_stubbed": peer.geocoder_calls,
        "network_attempts_refused": Guard.attempts,
    }
    with open(timing_path, "w") as f:
        json.dump(timing, f)


def peer_lookup(tool, codes_path, out_path, timing_path):
    import json

    Guard.install()
    codes = [l.strip() for l in open(codes_path) if l.strip()]
    t0 = time.perf_counter()
    peer = PEERS[tool]()
    import_s = time.perf_counter() - t0
    peer.lookup(COLD_CODE)
    passes, cpu = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.thread_time()
        found = [peer.lookup(c) for c in codes]
        passes.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    with open(out_path, "w", encoding="utf-8") as f:
        for c, w in zip(codes, found):
            f.write(f"{c}\t{w[0]}\t{w[1]:02d}\n" if w else f"{c}\t\t\n")
    with open(timing_path, "w") as f:
        json.dump({"tool": tool, "version": version_of(peer.dist), "n": len(codes),
                   "import_s": import_s, "median_pass_s": sorted(passes)[2],
                   "passes_s": passes, "median_cpu_pass_s": sorted(cpu)[2],
                   "cpu_passes_s": cpu}, f)


def one(tool, arg):
    """Cold start: import, load, answer one input, print it, exit."""
    peer = PEERS[tool]()
    if tool == "vp":
        print(peer.lookup(arg))
    else:
        print(peer.convert(arg))


# ------------------------------------------------------------------ names → codes

def fold(s):
    """Tone- and diacritic-insensitive key: NFD, marks dropped, đ→d, lower case,
    letters and digits only (so Hoà = Hòa, "Xuân Hương - Đà Lạt" = "xuanhuongdalat")."""
    import unicodedata

    s = unicodedata.normalize("NFD", (s or "").replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return "".join(c for c in s if c.isalnum())


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def tone_key(s):
    """Diacritic-exact but tone-placement-insensitive key: per word, the letters with
    their vowel marks (â, ơ, ư…) and, after them, the word's tone marks in order, so
    "Hoà" = "Hòa" but "Ba Tơ" ≠ "Ba Tô" and "Phú Thành" ≠ "Phú Thạnh"."""
    import unicodedata

    out = []
    for word in unicodedata.normalize("NFD", (s or "").lower()).split():
        letters = "".join(c for c in word if c not in TONES and (c.isalnum() or unicodedata.combining(c)))
        out.append(unicodedata.normalize("NFC", letters) + "".join(c for c in word if c in TONES))
    return " ".join(w for w in out if w)


KIND_WORDS = [["thanh", "pho", "trung", "uong"], ["thanh", "pho"], ["dac", "khu"], ["thi", "tran"],
              ["tinh"], ["phuong"], ["xa"]]


def strip_kind(name):
    """The folded name without a leading kind word ("Phường Sài Gòn" → "saigon");
    the plain fold when the name starts with no kind word."""
    import re

    words = re.findall(r"[a-z0-9]+", " ".join(fold(w) for w in (name or "").split()))
    for k in KIND_WORDS:
        if words[:len(k)] == k and len(words) > len(k):
            return "".join(words[len(k):])
    return "".join(words)


class NameMap:
    """Maps a peer's (ward, kind, province) names to NSO codes, using dvhc's own
    tables in data/ (current structure): the name with its diacritics first (tone
    placement aside), then diacritic-insensitively; the kind decides between
    homonyms of one province."""

    KINDS = {"phuong": "phuong", "xa": "xa", "dackhu": "dac_khu"}

    def __init__(self, data_dir):
        self.provinces = {}
        for r in read_tsv(f"{data_dir}/provinces.tsv"):
            self.provinces[fold(r["name"])] = r["code"]
        self.exact, self.folded = {}, {}
        for r in read_tsv(f"{data_dir}/communes.tsv"):
            entry = (r["code"], r["kind"])
            self.exact.setdefault((r["province"], tone_key(r["name"])), []).append(entry)
            self.folded.setdefault((r["province"], fold(r["name"])), []).append(entry)

    def province(self, name):
        return self.provinces.get(fold(name)) or self.provinces.get(strip_kind(name))

    def commune(self, ward, kind, province):
        p = self.province(province)
        kind = self.KINDS.get(fold(kind))
        for hits in (self.exact.get((p, tone_key(ward))), self.folded.get((p, fold(ward))),
                     self.folded.get((p, strip_kind(ward)))):
            if not hits:
                continue
            if len(hits) == 1:
                return hits[0][0]
            same = [c for c, k in hits if k == kind]
            if len(same) == 1:
                return same[0]
        return "?"

    def codes(self, answers):
        out = []
        for a in answers:
            if a[0] == "code":
                out.append(a[1])
            elif a[0] == "province":
                out.append(f"p{a[1]}")
            elif a[0] == "province-name":
                p = self.province(a[1])
                out.append(f"p{p}" if p else "?")
            else:
                out.append(self.commune(*a[1:]))
        return out


# ------------------------------------------------------------------------ scoring

def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, l.rstrip("\n").split("\t"))) for l in f if l.strip()]


def unescape(s):
    """Undoes the workload's escapes of the input column (compare_runner's `escape`):
    \\t, \\n, \\r and \\\\ stand for a tab, a line break, a carriage return and a backslash."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_workload(path):
    rows = read_tsv(path)
    for r in rows:
        r["input"] = unescape(r["input"])
    return rows


def read_answers(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            codes = [c for c in parts[2].split(",") if c] if len(parts) > 2 else []
            out[parts[0]] = (parts[1], codes)
    return out


def ascii_homonyms(data_dir):
    """Old communes whose name, without diacritics, another commune of the same
    district shares (Trực Hưng / Trực Hùng): only the diacritics tell them apart."""
    groups = {}
    for r in read_tsv(f"{data_dir}/legacy/communes.tsv"):
        groups.setdefault((r["district"], fold(r["name"])), []).append(r["code"])
    return {c for codes in groups.values() if len(codes) > 1 for c in codes}


def score(rows, answers, homonyms=frozenset()):
    """Per writing: correct (every candidate in the expected set; an empty answer,
    a province-only answer or a wrong extra candidate is wrong), default correct
    (first candidate in the set), and split-commune handling."""
    s = {w: dict(n=0, correct=0, default=0, unresolved=0, homonym_misses=0)
         for w in WRITINGS + ["all"]}
    split = dict(n=0, flagged=0, complete=0, correct=0)
    nonsplit = dict(n=0, flagged=0)
    for r in rows:
        expected = set(r["expected"].split(","))
        status, codes = answers.get(r["id"], ("err", []))
        ok = status == "ok" and bool(codes) and all(c in expected for c in codes)
        for w in (r["writing"], "all"):
            s[w]["n"] += 1
            s[w]["correct"] += ok
            s[w]["default"] += bool(codes) and codes[0] in expected
            s[w]["unresolved"] += not codes or codes[0].startswith(("p", "?"))
            s[w]["homonym_misses"] += not ok and r["legacy_code"] in homonyms
        if r["split"] == "1":
            split["n"] += 1
            split["flagged"] += len(codes) > 1
            split["complete"] += set(codes) == expected
            split["correct"] += ok
        else:
            nonsplit["n"] += 1
            nonsplit["flagged"] += len(codes) > 1
    return s, split, nonsplit


# --------------------------------------------------------------------------- size

def elf_sections(path):
    """{name: (addr, offset, size)} of a 64-bit little-endian ELF file."""
    import struct

    with open(path, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    heads = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    strtab = heads[shstrndx]
    names = data[strtab[4]:strtab[4] + strtab[5]]
    out = {}
    for h in heads:
        name = names[h[0]:names.index(b"\0", h[0])].decode()
        out[name] = (h[3], h[4], h[5])
    return data, out


# Where the generated tables live (src/tables/generated/, since the 1.0 layout).
GENERATED = "dvhc::tables::generated::"


def size(binary, empty, out_path):
    """What the tables add to an optimised binary (with its symbols: release strips them):
    * the table statics the linker kept (`nm`, symbols under dvhc::tables::generated);
    * the distinct string bytes they point to (each &str found through its dynamic
      relocation: pointer target = relocation addend, length = the word after it);
    * the dynamic relocation records (24 bytes each) that PIE needs for every
      pointer in a table, applied by the loader at every start;
    and, as an upper bound, the growth of the data sections over an empty Rust
    binary built by the same rustc."""
    import json
    import struct
    import subprocess

    data, secs = elf_sections(binary)
    nm = subprocess.run(["nm", "-S", "-C", binary], capture_output=True, text=True, check=True).stdout
    tables = {}
    for line in nm.splitlines():
        parts = line.split(None, 3)
        # Keyed by the path under `generated` (module::NAME), which is unique.
        if len(parts) == 4 and parts[3].startswith(GENERATED):
            tables[parts[3][len(GENERATED):]] = (int(parts[0], 16), int(parts[1], 16))
    ranges = sorted(tables.values())

    def in_tables(addr):
        return any(a <= addr < a + n for a, n in ranges)

    def file_offset(addr):
        for addr0, off, n in secs.values():
            if addr0 and addr0 <= addr < addr0 + n:
                return off + addr - addr0
        return None

    rela_addr, rela_off, rela_size = secs[".rela.dyn"]
    relocs = table_relocs = 0
    strings = []
    for i in range(rela_off, rela_off + rela_size, 24):
        r_offset, r_info, r_addend = struct.unpack_from("<QQq", data, i)
        relocs += 1
        if not in_tables(r_offset):
            continue
        table_relocs += 1
        if in_tables(r_addend):
            continue  # a pointer from one table into another
        off = file_offset(r_offset + 8)
        length, = struct.unpack_from("<Q", data, off)
        if 0 < length < 4096:
            strings.append((r_addend, r_addend + length))
    strings.sort()
    string_bytes, end = 0, -1
    for a, b in strings:  # union of the intervals: shared strings count once
        if b > end:
            string_bytes += b - max(a, end)
            end = b
    _, empty_secs = elf_sections(empty)
    data_secs = [".rodata", ".data.rel.ro", ".rela.dyn", ".data"]
    delta = sum(secs.get(s, (0, 0, 0))[2] - empty_secs.get(s, (0, 0, 0))[2] for s in data_secs)
    import os

    result = {
        "tables": {k: v[1] for k, v in sorted(tables.items(), key=lambda kv: -kv[1][1])},
        "table_bytes": sum(n for _, n in ranges),
        "string_bytes": string_bytes,
        "table_relocations": table_relocs,
        "relocation_bytes": table_relocs * 24,
        "all_relocations": relocs,
        "data_section_growth_vs_empty": delta,
        "sections": {s: secs.get(s, (0, 0, 0))[2] for s in data_secs + [".text"]},
        "empty_sections": {s: empty_secs.get(s, (0, 0, 0))[2] for s in data_secs + [".text"]},
        "binary_file_bytes": os.path.getsize(binary),
        "empty_file_bytes": os.path.getsize(empty),
    }
    result["total_bytes"] = result["table_bytes"] + string_bytes + result["relocation_bytes"]
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)


# ------------------------------------------------------------------------- report

def report(work, out_path):
    import json
    import os

    def load(name):
        p = os.path.join(work, name)
        if not os.path.exists(p):
            return None
        with open(p) as f:
            return json.load(f)

    def max_rss_kb(name):
        p = os.path.join(work, name)
        if not os.path.exists(p):
            return None
        for line in open(p):
            if "Maximum resident set size" in line:
                return int(line.rsplit(":", 1)[1])
        return None

    def cold(name):
        """hyperfine JSON → {command: {median, min, cpu}} (cpu = mean user + system)."""
        h = load(name)
        if not h:
            return {}
        return {r["command"]: {"median": r["median"], "min": r["min"], "cpu": r["user"] + r["system"]}
                for r in h["results"]}

    def tput(tm, wall=False):
        cpu = tm.get("median_cpu_pass_s")
        return tm["n"] / (tm["median_pass_s"] if wall or not cpu else cpu)

    def pct(a, n):
        return f"{100 * a / n:.1f} %" if n else "–"

    def ms(s):
        if s is None:
            return "–"
        return f"{s * 1e3:,.2f} ms" if abs(s) < 1 else f"{s:,.2f} s"

    def mb(kb):
        return f"{kb / 1024:,.0f} MB" if kb else "–"

    rows = read_workload(os.path.join(work, "workload.tsv"))
    env = load("env.json") or {}
    data_dir = env.get("data", "data")
    homonyms = ascii_homonyms(data_dir)
    timings, scores = {}, {}
    for t in ("dvhc", "vau", "vac"):
        timings[t] = load(f"{t}.timing.json")
        if timings[t]:
            scores[t] = score(rows, read_answers(os.path.join(work, f"{t}.out")), homonyms)
    labels = {"dvhc": f"dvhc {env.get('dvhc_version', '')}"}
    for t in ("vau", "vac"):
        if timings[t]:
            labels[t] = f"{PEERS[t].label} {timings[t]['version']}"
    tools = [t for t in ("dvhc", "vau", "vac") if timings[t]]
    lk_d, lk_v = load("dvhc.lookup.timing.json"), load("vp.lookup.timing.json")
    dvhc_tp = tput(timings["dvhc"])

    cold_all = {**cold("cold_dvhc.json"), **cold("cold_python.json"), **cold("cold_vac.json")}
    empty_of = {"dvhc-noop": "rust-empty", "dvhc-code": "rust-empty", "dvhc-one": "rust-empty",
                "vau-one": "python-empty", "vp-one": "python-empty", "vac-one": "python-empty"}

    def cold_minus(cmd, what="cpu"):
        if cmd not in cold_all or empty_of[cmd] not in cold_all:
            return None
        return cold_all[cmd][what] - cold_all[empty_of[cmd]][what]

    L = []
    w = L.append
    w("# dvhc vs the Python peers: one run\n")
    w(f"Written by `bash benches/compare/run.sh` on {env.get('date', '?')}.\n")
    w(f"- Machine: {env.get('cpu', '?')}, {env.get('cores', '?')} cores, {env.get('mem', '?')}, "
      f"{env.get('os', '?')}. Load average (1 min) before / after the run: "
      f"{env.get('load_before', '?')} / {env.get('load_after', '?')}.")
    w(f"- dvhc {env.get('dvhc_version', '')} at `{env.get('git', '?')}`, {env.get('rustc', '?')}, "
      "profiling profile (release with symbols), `examples/compare_runner.rs`, one thread.")
    versions = [labels[t].split(" (")[0] + " " + timings[t]["version"] for t in tools if t != "dvhc"]
    if lk_v:
        versions.append(f"{PEERS['vp'].dist} {lk_v['version']}")
    w(f"- {env.get('python', 'Python')}; peers installed from PyPI into a venv the script creates: "
      + ", ".join(versions) + ".")
    split_n = sum(r["split"] == "1" for r in rows)
    per = {x: sum(r["writing"] == x for r in rows) for x in WRITINGS}
    w(f"- Workload: {len(rows):,} old addresses (seed {env.get('seed', '?')}): old communes written "
      "four ways and real messy addresses (`tests/it/workload.rs`): "
      + ", ".join(f"{per[x]:,} {x}" for x in WRITINGS)
      + f"; {split_n} are split communes. Expected answer: the commune's successors in dvhc's "
      "mapping (the NSO conversion table); for a messy address, the new communes its table row "
      "lists (checked against the same mapping by `tests/data/check_messy_real.py`).")
    w("- Times are CPU time of the working thread (wall time is in the details): the machine "
      "is shared, and CPU time is what a busy neighbour inflates least.\n")

    w("## Old → new translation\n")
    w("| tool | addresses/s (1 thread) | dvhc is × faster | full | abbreviated | no diacritics | "
      "with street | messy | all | split communes flagged ambiguous | cold start | peak RSS |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    cold_cmd = {"dvhc": "dvhc-one", "vau": "vau-one", "vac": "vac-one"}
    for t in tools:
        s, split, _ = scores[t]
        tp = tput(timings[t])
        ratio = "1" if t == "dvhc" else f"{dvhc_tp / tp:,.0f}"
        w(f"| {labels[t]} | {tp:,.0f} | {ratio} | "
          + " | ".join(pct(s[x]["correct"], s[x]["n"]) for x in WRITINGS + ["all"])
          + f" | {split['flagged']} / {split['n']} | {ms(cold_minus(cold_cmd[t]))} | "
          + f"{mb(max_rss_kb(f'{t}.timev'))} |")
    if lk_v:
        w(f"| {PEERS['vp'].label} {lk_v['version']} | cannot convert | – | – | – | – | – | – | – | – | "
          f"{ms(cold_minus('vp-one'))} | {mb(max_rss_kb('vp.lookup.timev'))} |")
    w("")
    w("- **Correct**: the answer lies in the expected set: the single answer, or every candidate "
      "when the tool lists several (a wrong extra candidate makes it wrong; an error, no answer "
      "or a province-only answer is wrong). For a split commune any one successor is correct.")
    w("- **Split communes flagged ambiguous**: split-commune inputs answered with more than one "
      "candidate.")
    w("- **Cold start**: a fresh process that loads the tool and answers one address "
      f"(\"{COLD_ADDRESS}\"; vietnam-provinces: looks code {COLD_CODE} up), minus an empty process of "
      "the same runtime; CPU time, see the table below.")
    w("- **Peak RSS**: maximum resident set of the whole throughput run (`/usr/bin/time -v`).\n")

    w("### Details per tool\n")
    homonym_inputs = sum(r["legacy_code"] in homonyms for r in rows)
    w(f"*Misses on ASCII homonyms*: wrong answers for the {homonym_inputs} inputs whose old commune "
      "shares its name, diacritics aside, with another commune of its district (Trực Hưng / Trực "
      "Hùng): written with diacritics, the diacritics tell them apart; without, only the kind "
      "word can, when the two differ in kind.\n")
    w("| tool | first answer correct (all) | misses on ASCII homonyms (all / without diacritics) | "
      "no answer | split: every successor listed | non-split answered with >1 candidate | "
      "load (import, index) | first call | addresses/s, wall | timed passes (CPU) | notes |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for t in tools:
        tm = timings[t]
        s, split, nonsplit = scores[t]
        notes = []
        if t == "vau":
            notes.append(f"{tm.get('geocoder_calls_stubbed', 0):,} calls to the online ArcGIS geocoder "
                         "stubbed (counted, answered 'not found')")
        if tm.get("network_attempts_refused"):
            notes.append(f"{tm['network_attempts_refused']} other network attempts refused")
        if tm.get("exceptions"):
            notes.append(f"{tm['exceptions']:,} exceptions (counted as no answer)")
        cpu = tm.get("cpu_passes_s") or tm["passes_s"]
        ptxt = (f"median of {len(cpu)}: {ms(sorted(cpu)[len(cpu) // 2])} ({ms(min(cpu))}–{ms(max(cpu))})"
                if len(cpu) > 1 else f"1 pass: {ms(cpu[0])}")
        w(f"| {labels[t]} | {pct(s['all']['default'], s['all']['n'])} | "
          f"{s['all']['homonym_misses']} / {s['ascii']['homonym_misses']} | {s['all']['unresolved']:,} | "
          f"{split['complete']} / {split['n']} | {nonsplit['flagged']} / {nonsplit['n']} | "
          f"{ms(tm.get('import_s', tm.get('load_s')))} | {ms(tm['first_call_s'])} | "
          f"{tput(tm, wall=True):,.0f} | {ptxt} | {'; '.join(notes) or '–'} |")
    w("")

    w("### Cold start\n")
    w("Whole processes timed by `hyperfine -N` (no shell); CPU = mean user + system time.\n")
    w("| process | runs | wall, median | wall, min | CPU | CPU minus empty process |")
    w("|---|---:|---:|---:|---:|---:|")
    texts = [
        ("rust-empty", "empty Rust binary (`fn main() {}`, same rustc, `-O`)"),
        ("dvhc-noop", "`compare_runner noop`: dvhc linked in, does nothing"),
        ("dvhc-code", f"`compare_runner code {COLD_CODE}`: one code lookup"),
        ("dvhc-one", "`compare_runner one ADDRESS`: one translation"),
        ("python-empty", "`python -c pass` (the venv's)"),
        ("vau-one", "vietnamadminunits: import + `convert_address(ADDRESS)`"),
        ("vp-one", f"vietnam-provinces: import + `Ward.from_code({COLD_CODE})`"),
        ("vac-one", "vietnam-address-converter: import + `create_converter()` + convert ADDRESS"),
    ]
    runs = {}
    for name in ("cold_dvhc.json", "cold_python.json", "cold_vac.json"):
        for r in (load(name) or {}).get("results", []):
            runs[r["command"]] = len(r["times"])
    for key, text in texts:
        if key in cold_all:
            c = cold_all[key]
            w(f"| {text} | {runs.get(key, '?')} | {ms(c['median'])} | {ms(c['min'])} | {ms(c['cpu'])} | "
              f"{ms(cold_minus(key)) if key in empty_of else '–'} |")
    w("")

    if lk_d and lk_v:
        ours = {r["code"]: (r["province"], fold(r["name"]))
                for r in read_tsv(os.path.join(data_dir, "communes.tsv"))}

        def agree(name):
            n = same = 0
            for line in open(os.path.join(work, name), encoding="utf-8"):
                code, nm_, prov = line.rstrip("\n").split("\t")
                n += 1
                o = ours.get(code)
                same += bool(o) and o[0] == prov and o[1] in (fold(nm_), strip_kind(nm_))
            return same, n

        w("### Current-commune lookup by code (all 3,321 codes)\n")
        w("vietnam-provinces 2025.10.1 has only the new structure, looked up by code, so that is "
          "what it is measured on.\n")
        w("| tool | lookups/s (CPU) | dvhc is × faster | same commune as dvhc's table |")
        w("|---|---:|---:|---:|")
        for label, tm, f in [("dvhc `Commune::get`", lk_d, "dvhc.lookup.out"),
                             (f"vietnam-provinces {lk_v['version']} `Ward.from_code`", lk_v, "vp.lookup.out")]:
            same, n = agree(f)
            w(f"| {label} | {tput(tm):,.0f} | {tput(lk_d) / tput(tm):,.0f} | {same:,} / {n:,} |")
        w("")

    sz = load("size.json")
    if sz:
        w("### Data in the binary\n")
        w(f"Measured on the optimised `compare_runner` (its `tables` mode reaches every table); "
          f"{len(sz['tables'])} table statics were kept by the linker.\n")
        w("| part | bytes |")
        w("|---|---:|")
        w(f"| table statics (`nm`: `{GENERATED}*`) | {sz['table_bytes']:,} |")
        w(f"| distinct string bytes the tables point to | {sz['string_bytes']:,} |")
        w(f"| **tables + strings** | **{sz['table_bytes'] + sz['string_bytes']:,}** |")
        w(f"| dynamic relocations for the tables' pointers ({sz['table_relocations']:,} × 24 B, "
          "applied by the loader at every start) | " f"{sz['relocation_bytes']:,} |")
        w(f"| **total, relocations included** | **{sz['total_bytes']:,}** |")
        w(f"| for reference: growth of `.rodata` + `.data.rel.ro` + `.rela.dyn` + `.data` over the "
          f"empty Rust binary (includes the runner's own data) | {sz['data_section_growth_vs_empty']:,} |")
        w("")

    w("### Targets of the issue\n")
    w("| target | measured | met |")
    w("|---|---|---|")
    peer_tps = {t: tput(timings[t]) for t in tools if t != "dvhc"}
    if peer_tps:
        fastest = max(peer_tps, key=peer_tps.get)
        r = dvhc_tp / peer_tps[fastest]
        rw = tput(timings["dvhc"], wall=True) / tput(timings[fastest], wall=True)
        w(f"| single-core throughput ≥ 300× the fastest Python peer | {r:,.1f}× {PEERS[fastest].label} "
          f"(wall time: {rw:,.1f}×) | {'yes' if r >= 300 else 'no'} |")
        worse = [f"{x}: {scores['dvhc'][0][x]['correct']:,} vs {scores[t][0][x]['correct']:,} "
                 f"of {scores[t][0][x]['n']:,} correct ({t})"
                 for t in peer_tps for x in WRITINGS
                 if scores["dvhc"][0][x]["correct"] < scores[t][0][x]["correct"]]
        w(f"| accuracy at least as high on every writing | "
          f"{'; '.join(worse) or f'higher or equal on all {len(WRITINGS)} writings'} | {'no' if worse else 'yes'} |")
    code_cpu, code_wall = cold_minus("dvhc-code"), cold_minus("dvhc-code", "median")
    if code_cpu is not None:
        w(f"| cold start ≤ 1 ms (trivial lookup minus empty process) | {ms(code_cpu)} CPU, "
          f"{ms(code_wall)} wall median (one code lookup); one translation: {ms(cold_minus('dvhc-one'))} "
          f"CPU | {'yes' if code_cpu <= 1e-3 else 'no'} |")
    if sz:
        ts = sz["table_bytes"] + sz["string_bytes"]
        w(f"| data in the binary ≤ 2 MB | {ts / 1e6:.2f} MB tables + strings; "
          f"{sz['total_bytes'] / 1e6:.2f} MB with their relocations | "
          f"{'yes' if sz['total_bytes'] <= 2_000_000 else ('tables + strings only' if ts <= 2_000_000 else 'no')} |")
    w("")
    text = "\n".join(L)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


# --------------------------------------------------------------------------- main

def main(argv):
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("peer")
    p.add_argument("what", choices=["run", "lookup"])
    p.add_argument("--tool", choices=sorted(PEERS), required=True)
    p.add_argument("--workload")
    p.add_argument("--codes")
    p.add_argument("--data", default="data")
    p.add_argument("--out", required=True)
    p.add_argument("--timing", required=True)
    p = sub.add_parser("size")
    p.add_argument("--binary", required=True)
    p.add_argument("--empty", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("report")
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.cmd == "peer" and a.what == "run":
        peer_run(a.tool, a.workload, a.data, a.out, a.timing)
    elif a.cmd == "peer":
        peer_lookup(a.tool, a.codes, a.out, a.timing)
    elif a.cmd == "size":
        size(a.binary, a.empty, a.out)
    else:
        report(a.work, a.out)


if __name__ == "__main__":
    # `one` skips argparse and every other import: it is what the cold start measures.
    if len(sys.argv) == 4 and sys.argv[1] == "one":
        one(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1:])
