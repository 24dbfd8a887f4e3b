#!/usr/bin/env python3
"""Check tests/data/messy_real.tsv against the tables in data/ (Python 3 stdlib only).

    python3 tests/data/check_messy_real.py           # verify every row, print a coverage summary
    python3 tests/data/check_messy_real.py --write   # recompute the `candidates` column in place

The `legacy` column is decided by a person reading the address against data/legacy/*.tsv; this
script never guesses it. It verifies that

  * every code in `legacy` exists (5 digits: legacy commune, 3: legacy district, 2: legacy
    province; `c:NNNNN`: a current commune), and `level` is at least as deep as the codes;
  * `candidates` equals what data/mapping.tsv (and data/mapping_districts.tsv) gives for
    `legacy` (the format is described in the file header; `--write` fills it in);
  * `source` is a number listed in the header and `mess` uses only the known tags;
  * the written names are compatible with the expected units: after folding (lower case, no
    diacritics, đ -> d, only letters and digits) the name of each expected unit, or one of its
    aliases in data/aliases.tsv / data/aliases_curated.tsv, occurs in the folded input.
    Rows where it does not are printed to be eyeballed (typos, glued or abbreviated names,
    names abolished before 2025 are expected there); they are not errors.

Exit status 1 on any error (not on rows printed for eyeballing).
"""

import csv
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TABLE = os.path.join(HERE, "messy_real.tsv")
DATA = os.path.join(ROOT, "data")
COLUMNS = ["input", "legacy", "candidates", "level", "source", "mess"]
LEVELS = {"province": 2, "district": 3, "commune": 5}

# One line per tag; the file header repeats these meanings for readers of the table.
TAGS = {
    "abbreviation": "kind word abbreviated (P., Q., TX., TT., H., X., F, TP, BD, HCM, QL ...)",
    "ambiguous": "more than one unit is plausible; all are listed in `legacy`",
    "apostrophe": "name with an apostrophe (B'Lao)",
    "bilingual": "Vietnamese and English copies of the address in one string",
    "case": "odd capitalisation inside a name (Dịch vọng, hậu Giang)",
    "contradiction": "two parts of the address name units that cannot both hold",
    "country": "country name (Việt Nam, Vietnam) in the address",
    "dash": "dash or en dash used as separator",
    "digit_for_word": "a digit written for a word of the name (Thủ Dầu 1)",
    "dot_separator": "full stops used as separators",
    "double_space": "doubled spaces",
    "english": "English kind words or English street words (Ward, District, Street)",
    "escaped_quote": "quote escaped by the source format",
    "extra_words": "hamlet, group, quarter, building, km or road words before the units",
    "glued": "kind abbreviation glued to the name (P.Bến Nghé, TP.Pleiku) or words glued together",
    "house_range": "house number range (19-21, 47 - 49)",
    "house_slash": "house number or alley with a slash (27B/3, 5/86)",
    "hyphen_name": "official name containing a hyphen (Phan Rang-Tháp Chàm)",
    "informal_name": "colloquial name of a unit (Ban Mê Thuột)",
    "km": "kilometre marker",
    "landmark": "a name that is both a unit and a landmark",
    "leading_zero": "number written with a leading zero (Phường 06)",
    "lower": "all lower case",
    "mixed_era": "pre-2025 and post-2025 names mixed",
    "newline": "line break inside the address in the source (replaced by a space)",
    "no_diacritics": "names written without diacritics",
    "no_district": "no district given",
    "no_kind": "unit names without their kind words",
    "no_province": "no province given",
    "no_separator": "units not separated by commas",
    "numbered_street": "street named after a date or number (3 Tháng 2, 30/4)",
    "old_only": "deepest unit written is a pre-2025 district (no commune)",
    "outdated": "a unit named as it was before a change made before 2025-07-01",
    "plus_code": "Google plus code",
    "postal": "postal code",
    "remark": "remark, label or note besides the address",
    "repeated": "a unit or the whole address written twice",
    "reversed": "largest unit first",
    "semicolon": "semicolon used as separator",
    "slash": "slash used as separator",
    "space_before_comma": "space before a comma",
    "spelling": "a spelling that differs from the official table (Đắk/Đăk, Hoà/Hòa)",
    "split_name": "a unit name cut in two by a separator",
    "trailing_code": "trailing code or number that is not part of the address (sales zone)",
    "trailing_punct": "trailing full stop or other punctuation",
    "trap": "a street, hamlet or remark that looks like another unit",
    "truncated": "a name cut short",
    "two_addresses": "two addresses in one string",
    "typo": "misspelt unit or kind word",
    "underscore": "underscore used in a house number",
    "upper": "all upper case",
    "wrong_kind": "a unit given the wrong kind word (xã for phường ...)",
}


def fold(text):
    """Lower case, no diacritics, đ -> d, keep only [a-z0-9] (words joined)."""
    text = text.replace("đ", "d").replace("Đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def spaced(text):
    """Like fold(), but every run of other characters becomes one space."""
    text = text.replace("đ", "d").replace("Đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return " ".join("".join(c if c.isascii() and c.isalnum() else " " for c in text).split())


def read_tsv(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


class Tables:
    def __init__(self):
        self.lprov = {r["code"]: r for r in read_tsv("legacy/provinces.tsv")}
        self.ldist = {r["code"]: r for r in read_tsv("legacy/districts.tsv")}
        self.lcomm = {r["code"]: r for r in read_tsv("legacy/communes.tsv")}
        self.comm = {r["code"]: r for r in read_tsv("communes.tsv")}
        self.mapping = defaultdict(list)
        for r in read_tsv("mapping.tsv"):
            self.mapping[r["legacy_commune"]].append((r["commune"], r["share"]))
        self.island = defaultdict(list)
        for r in read_tsv("mapping_districts.tsv"):
            self.island[r["legacy_district"]].append(r["commune"])
        self.aliases = defaultdict(set)
        for name in ("aliases.tsv", "aliases_curated.tsv"):
            for r in read_tsv(name):
                self.aliases[(r["level"], r["code"])].add(fold(r["alias"]))

    def legacy_province_of(self, code):
        if len(code) == 5:
            code = self.lcomm[code]["district"]
        if len(code) == 3:
            code = self.ldist[code]["province"]
        return code

    def candidates(self, code):
        """The new communes (or new province) the legacy unit `code` maps to."""
        if code.startswith("c:"):
            return [code[2:] + "/c"]
        if len(code) == 5:
            return ["%s/%s" % (c, s[0]) for c, s in sorted(self.mapping[code])]
        if len(code) == 3:
            targets = set(self.island[code])
            for c, row in self.lcomm.items():
                if row["district"] == code:
                    targets.update(t for t, _ in self.mapping[c])
            return ["%s/d" % t for t in sorted(targets)]
        provinces = set()
        for c, row in self.lcomm.items():
            if self.legacy_province_of(c) == code:
                provinces.update(self.comm[t]["province"] for t, _ in self.mapping[c])
        return ["p:%s" % p for p in sorted(provinces)]

    def names(self, code):
        """(level, code, name) of the unit and its parents, deepest first."""
        out = []
        if code.startswith("c:"):
            row = self.comm[code[2:]]
            return [("commune", code[2:], row["name"])]
        if len(code) == 5:
            out.append(("legacy_commune", code, self.lcomm[code]["name"]))
            code = self.lcomm[code]["district"]
        if len(code) == 3:
            out.append(("legacy_district", code, self.ldist[code]["name"]))
            code = self.ldist[code]["province"]
        out.append(("legacy_province", code, self.lprov[code]["name"]))
        return out

    def exists(self, code):
        if code.startswith("c:"):
            return code[2:] in self.comm
        return code in {2: self.lprov, 3: self.ldist, 5: self.lcomm}.get(len(code), {})

    def written(self, level, code, name, raw):
        """Is the unit's name (or an alias) written in `raw`? Glued forms count (TP.Pleiku,
        EaTam); a numbered ward or district (Phường 2, Quận 9) must follow a kind word or its
        abbreviation (P 2, P.2, F2, Q9, Ward 2, 2 Ward), since a bare digit proves nothing."""
        keys = {fold(name)} | self.aliases[(level, code)]
        if all(k.isdigit() for k in keys if k):
            numbers = {k.lstrip("0") for k in keys if k}
            kinds = r"(?:phuong|p|f|ward|quan|q|district)"
            alternatives = "|".join(sorted(numbers))
            before = r"(?<![a-z0-9])%s ?0*(%s)(?![0-9])" % (kinds, alternatives)
            after = r"(?<![a-z0-9])0*(%s) (?:ward|district)(?![a-z])" % alternatives
            text = spaced(raw)
            return re.search(before, text) is not None or re.search(after, text) is not None
        text = fold(raw)
        return any(k and k in text for k in keys)


def read_table():
    header, rows, sources = None, [], {}
    with open(TABLE, encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        if line.startswith("#"):
            m = re.match(r"#\s+\[(\d+)\]\s", line)
            if m:
                sources[m.group(1)] = line
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            continue
        rows.append((number, fields))
    return lines, header, rows, sources


def main():
    write = "--write" in sys.argv[1:]
    tables = Tables()
    lines, header, rows, sources = read_table()
    errors = []
    if header != COLUMNS:
        sys.exit("header must be %s, found %s" % (COLUMNS, header))
    eyeball = []
    per_tag, per_province, per_source, per_level = Counter(), Counter(), Counter(), Counter()
    new_lines = list(lines)
    seen_inputs = Counter()
    for number, fields in rows:
        if len(fields) != len(COLUMNS):
            errors.append("line %d: %d fields" % (number, len(fields)))
            continue
        row = dict(zip(COLUMNS, fields))
        where = "line %d (%s)" % (number, row["input"][:50])
        seen_inputs[row["input"]] += 1
        if row["input"] != row["input"].strip() or not row["input"]:
            errors.append("%s: input empty or with outer whitespace" % where)
        codes = row["legacy"].split()
        if not codes:
            errors.append("%s: no legacy code" % where)
            continue
        bad = [c for c in codes if not tables.exists(c)]
        if bad:
            errors.append("%s: unknown code(s) %s" % (where, " ".join(bad)))
            continue
        level = LEVELS.get(row["level"])
        if level is None:
            errors.append("%s: level %r" % (where, row["level"]))
        else:
            depth = max(5 if c.startswith("c:") else len(c) for c in codes)
            if depth > level:
                errors.append("%s: code deeper than level %s" % (where, row["level"]))
        expected = " | ".join(" ".join(tables.candidates(c)) for c in codes)
        if write:
            fields[2] = expected
            new_lines[number - 1] = "\t".join(fields)
        elif row["candidates"] != expected:
            errors.append("%s: candidates %r, mapping gives %r" % (where, row["candidates"], expected))
        if row["source"] not in sources:
            errors.append("%s: source %r not in the header list" % (where, row["source"]))
        tags = [t.strip() for t in row["mess"].split(":", 1)[0].split(",") if t.strip()]
        unknown = [t for t in tags if t not in TAGS]
        if unknown or not tags:
            errors.append("%s: unknown or missing mess tags %s" % (where, unknown))
        if ("ambiguous" in tags) != (len(codes) > 1):
            errors.append("%s: 'ambiguous' tag and number of legacy codes disagree" % where)
        for code in codes:
            missing = [
                "%s %s" % (lvl.replace("legacy_", ""), name)
                for lvl, c, name in tables.names(code)[:1]
                if not tables.written(lvl, c, name, row["input"])
            ]
            if missing:
                eyeball.append("  line %d: %s\n      expected %s: %s not found"
                               % (number, row["input"], code, ", ".join(missing)))
        per_tag.update(tags)
        for code in codes:
            if code.startswith("c:"):
                per_province["c" + tables.comm[code[2:]]["province"]] += 1
            else:
                per_province[tables.legacy_province_of(code)] += 1
        per_source[row["source"]] += 1
        per_level[row["level"]] += 1
    for text, n in seen_inputs.items():
        if n > 1:
            errors.append("input repeated %d times: %s" % (n, text))
    for number, fields in rows:
        if len(fields) == len(COLUMNS) and "\t" in "".join(fields):
            errors.append("line %d: tab inside a field" % number)

    if write:
        with open(TABLE, "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(new_lines) + "\n")
        print("candidates written for %d rows" % len(rows))

    print("rows: %d, sources: %d (used %d)" % (len(rows), len(sources), len(per_source)))
    print("levels: " + ", ".join("%s %d" % kv for kv in sorted(per_level.items())))
    print("rows per mess tag:")
    for tag, n in sorted(per_tag.items(), key=lambda kv: (-kv[1], kv[0])):
        print("  %-20s %4d" % (tag, n))
    seps = sum(1 for _, f in rows if len(f) == 6 and re.search(r"\b(dash|slash|semicolon)\b", f[5]))
    print("  (dash, slash or semicolon separators: %d rows)" % seps)
    print("rows per old province (code name: rows; cNN = current province):")
    missing = sorted(set(tables.lprov) - set(per_province))
    cells = []
    for code, n in sorted(per_province.items()):
        name = tables.lprov[code]["name"] if code in tables.lprov else "current"
        cells.append("%s %s: %d" % (code, name, n))
    for i in range(0, len(cells), 4):
        print("  " + "; ".join(cells[i:i + 4]))
    print("old provinces with no row (%d): %s" % (len(missing), ", ".join(
        "%s %s" % (c, tables.lprov[c]["name"]) for c in missing) or "none"))
    print("rows per source: " + ", ".join("%s:%d" % (s, per_source[s])
                                          for s in sorted(per_source, key=int)))
    if eyeball:
        print("rows to eyeball (expected name not found verbatim after folding): %d" % len(eyeball))
        print("\n".join(eyeball))
    if errors:
        print("ERRORS (%d):" % len(errors))
        print("\n".join("  " + e for e in errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
