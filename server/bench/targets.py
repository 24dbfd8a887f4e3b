#!/usr/bin/env python3
"""Writes the request targets of the load test, from a running dvhc serve.

usage: targets.py BASE_URL OUT_DIR

  wards.txt      /api/v2/w/{code} for every current commune (3,321 distinct)
  translate.txt  /dvhc/translate?q=… for every legacy commune, as a full old
                 address "Xã …, Huyện …, Tỉnh …" (10,035 distinct)
"""
import json
import sys
import urllib.parse
import urllib.request

base, out = sys.argv[1], sys.argv[2]


def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)


with open(f"{out}/wards.txt", "w") as f:
    for w in get("/api/v2/w/"):
        f.write(f"/api/v2/w/{w['code']}\n")

with open(f"{out}/translate.txt", "w") as f:
    for p in get("/api/v1/?depth=3"):
        for d in p["districts"]:
            for w in d["wards"]:
                q = f"{w['name']}, {d['name']}, {p['name']}"
                f.write("/dvhc/translate?q=" + urllib.parse.quote(q) + "\n")
