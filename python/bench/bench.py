"""Benchmarks of the Python package (issue #16), one run, printed as Markdown.

    python python/bench/bench.py [--rows 1000000] [--vau-rows 2000] [--scalar-rows 100000]
                                 [--polars-rows 10000000] [--polars-only]

- translate_many on ROWS distinct old addresses (cli/bench/gen_addresses.py, every row
  unique), on every core and on one (threads=1), and dvhc.translate called once per
  address on the first SCALAR_ROWS;
- vietnamadminunits' convert_address on the first VAU_ROWS of the same addresses, in
  this process, its online geocoder stubbed (answers "not found") and counted;
- `dvhc csv` (target/release/dvhc, or $DVHC_CLI) on the same CSV file;
- the Polars expression on POLARS_ROWS rows (the addresses repeated), on 1 thread and
  on every core, with the peak memory of the process against the input column;
- import time of `dvhc` (fresh interpreters, best of 5) and the wheel's size.

Needs: dvhc installed, polars, pyarrow, vietnamadminunits (all from PyPI).
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def generate(rows: int, path: Path) -> list[str]:
    subprocess.run(
        [sys.executable, str(ROOT / "cli/bench/gen_addresses.py"), str(rows), "0", str(path)],
        check=True,
    )
    with path.open(encoding="utf-8", newline="") as f:
        return [r["address"] for r in csv.DictReader(f)]


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def cpu_timed(fn):  # type: ignore[no-untyped-def]
    """Wall time and CPU time of this process (every thread): on a machine shared with
    other jobs, the CPU time of a one-thread run is the fairer per-core figure."""
    c = time.process_time()
    out, wall = timed(fn)
    return out, wall, time.process_time() - c


def bench_dvhc(addresses: list[str], scalar_rows: int) -> dict[str, float]:
    import pyarrow as pa

    import dvhc

    column = pa.array(addresses)
    dvhc.translate_many(addresses[:1000])  # warm the schema and the tables
    out: dict[str, float] = {}
    for threads, key in ((0, "all"), (1, "one")):
        res, secs, cpu = cpu_timed(lambda t=threads: dvhc.translate_many(column, threads=t))
        assert len(pa.array(res)) == len(addresses)
        out[key] = len(addresses) / secs
        out[key + "_cpu"] = len(addresses) / cpu
    res, secs = timed(lambda: dvhc.translate_many(addresses))
    out["list"] = len(addresses) / secs
    # The scalar path, one call and one frozen record per address, on the first
    # scalar_rows addresses.
    part = addresses[:scalar_rows]

    def scalar() -> None:
        for a in part:
            try:
                dvhc.translate(a)
            except dvhc.TranslateError:
                pass

    _, secs, cpu = cpu_timed(scalar)
    out["scalar"] = len(part) / secs
    out["scalar_cpu"] = len(part) / cpu
    return out


def bench_vau(addresses: list[str]) -> tuple[float, float, int, int]:
    from vietnamadminunits.converter import converter_2025 as conv

    calls = [0]

    def stub(_address: str) -> None:
        calls[0] += 1
        return None

    conv.get_geo_location = stub  # the online ArcGIS geocoder, answered "not found"
    from vietnamadminunits import convert_address

    convert_address(addresses[0])
    failed = [0]

    def run() -> None:
        for a in addresses:
            try:
                convert_address(a)
            except Exception:
                failed[0] += 1

    _, secs, cpu = cpu_timed(run)
    return len(addresses) / secs, len(addresses) / cpu, calls[0], failed[0]


def bench_csv(path: Path, rows: int) -> tuple[float, float] | None:
    """Rows per second of `dvhc csv` on all cores, and per CPU second (user + sys)."""
    exe = os.environ.get("DVHC_CLI") or str(ROOT / "target/release/dvhc")
    if not Path(exe).is_file():
        return None

    def children_cpu() -> float:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return ru.ru_utime + ru.ru_stime

    c = children_cpu()
    t = time.perf_counter()
    subprocess.run(
        [exe, "csv", "--column", "address", str(path)], stdout=subprocess.DEVNULL, check=True
    )
    return rows / (time.perf_counter() - t), rows / (children_cpu() - c)


# The input of the Polars jobs: the addresses repeated to `rows`, written to Parquet so
# that each job reads a column whose strings are all in memory (a repeated Series
# shares the buffers of its copies, less memory than its size says).
POLARS_INPUT = r"""
import sys
import polars as pl
n = int(sys.argv[1])
base = pl.read_csv(sys.argv[2], columns=["address"])["address"]
pl.DataFrame({"address": pl.concat([base] * (n // len(base) + 1))[:n]}).write_parquet(sys.argv[3])
"""

POLARS_CHILD = r"""
import glob, os, resource, sys, tempfile, threading, time
import polars as pl, dvhc.polars
threads, fields, sink = int(sys.argv[2]), sys.argv[4], sys.argv[5] == "sink"
fields = None if fields == "all" else fields.split(",")
df = pl.read_parquet(sys.argv[3])
n = len(df)
input_mb = df.estimated_size("mb")
# Time each thread spent on a CPU or waiting for one (/proc/self/task/*/schedstat,
# sampled every 20 ms): the threads the job kept runnable on average, which the load
# of other sessions does not change, unlike (user+sys)/wall.
seen, stop, me = {}, threading.Event(), threading.get_native_id()
def sample():
    for p in glob.glob("/proc/self/task/*/schedstat"):
        tid = int(p.split("/")[4])
        try:
            run, wait = map(int, open(p).read().split()[:2])
        except (OSError, ValueError):
            continue
        if tid != me:
            seen[tid] = (seen.get(tid, (run + wait,))[0], run + wait)
def sampler():
    while not stop.wait(0.02):
        sample()
sample()
seen = {t: (v[1], v[1]) for t, v in seen.items()}
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
watch = threading.Thread(target=sampler)
c, t = cpu(), time.perf_counter()
watch.start()
q = df.lazy().select(pl.col("address").dvhc.translate(threads=threads, fields=fields))
if sink:
    with tempfile.TemporaryDirectory() as tmp:
        q.sink_parquet(os.path.join(tmp, "out.parquet"))
        output_mb = os.path.getsize(os.path.join(tmp, "out.parquet")) / 1e6
else:
    output_mb = q.collect(engine="streaming").estimated_size("mb")
stop.set()
watch.join()
sample()
secs, cpu_s = time.perf_counter() - t, cpu() - c
runnable = sum(last - first for first, last in seen.values()) / 1e9 / secs
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(n / secs, cpu_s / secs, runnable, input_mb, rss0, rss1, output_mb)
"""


def polars_run(path: Path, threads: int, fields: str, sink: bool) -> dict[str, float]:
    """One Polars job in a fresh process: rows/s, CPU utilisation ((user + sys) / wall),
    the threads it kept runnable on average,
    the input column's size, peak RSS before and after, the output's size (in memory,
    or the Parquet file's)."""
    # One core: Polars' own pool too (else the streaming engine runs the batches of
    # the one-thread run on every core).
    env = dict(os.environ, POLARS_MAX_THREADS="1") if threads == 1 else None
    args = ["-", str(threads), str(path), fields, "sink" if sink else "collect"]
    res = subprocess.run(
        [sys.executable, "-c", POLARS_CHILD, *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    keys = ("rate", "util", "runnable", "input_mb", "rss_before_mb", "rss_peak_mb", "output_mb")
    return dict(zip(keys, map(float, res.stdout.split())))


#: The fields of a typical pipeline (see python/README.md, "Polars").
SMALL_FIELDS = "status,formatted,candidates,error"


def bench_polars(path: Path, rows: int) -> dict[str, dict[str, float]]:
    parquet = path.with_name("polars-input.parquet")
    subprocess.run(
        [sys.executable, "-c", POLARS_INPUT, str(rows), str(path), str(parquet)], check=True
    )
    return {
        "one": polars_run(parquet, 1, "all", sink=False),
        "all": polars_run(parquet, 0, "all", sink=False),
        "sink": polars_run(parquet, 0, SMALL_FIELDS, sink=True),
    }


def print_polars(pol: dict[str, dict[str, float]], rows: int) -> None:
    one, all_, sink = pol["one"], pol["all"], pol["sink"]
    print(
        f"| Polars expression, {rows:,} rows, streaming, 1 thread "
        f"(POLARS_MAX_THREADS=1) | {one['rate']:,.0f} rows/s, (user+sys)/wall "
        f"{one['util']:.2f}, runnable threads {one['runnable']:.2f} |"
    )
    print(
        f"| Polars expression, all cores | {all_['rate']:,.0f} rows/s "
        f"({all_['rate'] / one['rate']:.2f}x), (user+sys)/wall {all_['util']:.2f}, "
        f"runnable threads {all_['runnable']:.2f} |"
    )
    print(
        f"| Polars, all fields, collected: input column / output / peak RSS (before) | "
        f"{all_['input_mb']:,.0f} MB / {all_['output_mb']:,.0f} MB / "
        f"{all_['rss_peak_mb']:,.0f} MB ({all_['rss_before_mb']:,.0f} MB) |"
    )
    print(
        f"| Polars, fields={SMALL_FIELDS}, sink_parquet: rows/s / Parquet file / peak RSS "
        f"(before) | {sink['rate']:,.0f} rows/s / {sink['output_mb']:,.0f} MB / "
        f"{sink['rss_peak_mb']:,.0f} MB ({sink['rss_before_mb']:,.0f} MB; "
        f"{sink['rss_peak_mb'] / sink['input_mb']:.2f}x the input column) |"
    )


def import_ms() -> float:
    best = float("inf")
    for _ in range(5):
        res = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import dvhc"],
            capture_output=True,
            text=True,
            check=True,
        )
        last = [line for line in res.stderr.splitlines() if line.rstrip().endswith("| dvhc")]
        best = min(best, int(last[-1].split("|")[1]) / 1000)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--vau-rows", type=int, default=2_000)
    ap.add_argument("--scalar-rows", type=int, default=100_000)
    ap.add_argument("--polars-rows", type=int, default=10_000_000)
    ap.add_argument("--polars-only", action="store_true", help="only the Polars rows")
    ap.add_argument("--wheel-glob", default=str(ROOT / "target/wheels/dvhc-*.whl"))
    a = ap.parse_args()
    if a.polars_only:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "addresses.csv"
            generate(a.rows, path)
            print_polars(bench_polars(path, a.polars_rows), a.polars_rows)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "addresses.csv"
        addresses = generate(a.rows, path)
        d = bench_dvhc(addresses, a.scalar_rows)
        vau, vau_cpu, calls, failed = bench_vau(addresses[: a.vau_rows])
        csv_rates = bench_csv(path, a.rows)
        pol = bench_polars(path, a.polars_rows) if a.polars_rows else {}
    cores = os.cpu_count() or 1
    print(f"| measure ({a.rows:,} distinct old addresses, {cores} cores) | value |")
    print("|---|---|")
    print(f"| translate_many, Arrow column, all cores | {d['all']:,.0f} addresses/s |")
    print(
        f"| translate_many, Arrow column, threads=1 | {d['one']:,.0f} addresses/s "
        f"({d['one_cpu']:,.0f} per CPU second) |"
    )
    print(f"| translate_many, Python list, all cores | {d['list']:,.0f} addresses/s |")
    print(
        f"| dvhc.translate, one call per address ({min(a.scalar_rows, a.rows):,} rows, "
        f"1 core) | {d['scalar']:,.0f} addresses/s ({d['scalar_cpu']:,.0f} per CPU second) |"
    )
    print(
        f"| CPU per address: translate_many threads=1 / dvhc.translate | "
        f"{1e6 / d['one_cpu']:.2f} µs / {1e6 / d['scalar_cpu']:.2f} µs |"
    )
    print(
        f"| vietnamadminunits convert_address ({a.vau_rows:,} rows, 1 core) | {vau:,.0f} "
        f"addresses/s ({vau_cpu:,.0f} per CPU second; {calls:,} geocoder calls stubbed, "
        f"{failed:,} exceptions) |"
    )
    print(
        f"| ratio per core (threads=1 / vietnamadminunits), wall / CPU | "
        f"{d['one'] / vau:,.0f}x / {d['one_cpu'] / vau_cpu:,.0f}x |"
    )
    if csv_rates:
        csv_rate, csv_cpu = csv_rates
        print(
            f"| dvhc csv, same rows, all cores | {csv_rate:,.0f} rows/s "
            f"({1e6 / csv_cpu:.2f} µs CPU per row) |"
        )
        print(
            f"| translate_many / dvhc csv, wall (all cores) / per CPU second | "
            f"{d['all'] / csv_rate:.2f} / {d['one_cpu'] / csv_cpu:.2f} |"
        )
    if pol:
        print_polars(pol, a.polars_rows)
    print(f"| import dvhc (best of 5) | {import_ms():.1f} ms |")
    wheels = sorted(glob.glob(a.wheel_glob))
    if wheels:
        print(
            f"| wheel size ({Path(wheels[-1]).name}) | {os.path.getsize(wheels[-1]) / 1e6:.1f} MB |"
        )
    print(
        f"| peak RSS of this process | "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB |"
    )


if __name__ == "__main__":
    main()
