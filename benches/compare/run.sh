#!/usr/bin/env bash
# dvhc vs the Python peers, side by side, in one run (see README.md in this folder).
#
#   bash benches/compare/run.sh            # writes benches/compare/results.md
#
# Settings (environment): N (addresses, 10000), SEED (2025), PASSES (dvhc passes over
# the workload, 5), WORK (scratch folder, $CARGO_TARGET_DIR/compare), OUT (the results
# file), VAU_VERSION / VAC_VERSION / VP_VERSION (PyPI versions), PY_RUNS / VAC_RUNS
# (cold-start repetitions of the Python peers).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${WORK:-$CARGO_TARGET_DIR/compare}
OUT=${OUT:-$HERE/results.md}
N=${N:-10000}
SEED=${SEED:-2025}
PASSES=${PASSES:-5}
PY_RUNS=${PY_RUNS:-10}
VAC_RUNS=${VAC_RUNS:-1}
VAU_VERSION=${VAU_VERSION:-1.0.4}
VAC_VERSION=${VAC_VERSION:-1.0.5}
# 2025.10.1 is the newest vietnam-provinces for Python < 3.12 (2026.x requires 3.12).
VP_VERSION=${VP_VERSION:-2025.10.1}
COLD_ADDRESS="Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"

say() { printf '\n== %s\n' "$*"; }
mkdir -p "$WORK"
cd "$ROOT"

say "tools"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v nm >/dev/null || missing+=(binutils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
python3 - "$WORK/env.json" "$SEED" "$ROOT/data" <<'EOF'
import json, os, platform, subprocess, sys, time
def sh(*c):
    try:
        return subprocess.run(c, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
version = next((l.split('"')[1] for l in open("Cargo.toml") if l.startswith("version")), "?")
json.dump({
    "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    "cpu": cpu, "cores": os.cpu_count(), "mem": f"{int(mem.split()[0]) / 2**20:.0f} GiB RAM",
    "os": f"{platform.system()} {platform.release()}",
    "load_before": open("/proc/loadavg").read().split()[0],
    "git": sh("git", "describe", "--always", "--dirty", "--abbrev=12"),
    "rustc": sh("rustc", "-V"), "python": "CPython " + platform.python_version(),
    "dvhc_version": version, "seed": int(sys.argv[2]), "data": sys.argv[3],
}, open(sys.argv[1], "w"), indent=1)
EOF

# The profiling profile is the release build with its symbols kept (release strips
# them), which the size analysis reads with nm; the code is the same.
say "build (profiling = release + symbols): examples/compare_runner.rs and an empty Rust binary"
cargo build --profile profiling --quiet --example compare_runner
RUNNER=$CARGO_TARGET_DIR/profiling/examples/compare_runner
printf 'fn main() {}\n' > "$WORK/empty.rs"
rustc --edition 2021 -C opt-level=3 -C debuginfo=1 -o "$WORK/empty" "$WORK/empty.rs"

say "workload: $N addresses, seed $SEED"
"$RUNNER" generate --count "$N" --seed "$SEED" > "$WORK/workload.tsv"
tail -n +2 data/communes.tsv | cut -f1 > "$WORK/codes.txt"

say "peers: venv $WORK/venv"
[ -x "$WORK/venv/bin/python" ] || python3 -m venv "$WORK/venv"
PY=$WORK/venv/bin/python
"$PY" -m pip install --quiet --disable-pip-version-check \
  "vietnamadminunits==$VAU_VERSION" \
  "vietnam-address-converter==$VAC_VERSION" \
  "vietnam-provinces==$VP_VERSION"

say "throughput, accuracy and peak memory"
echo "dvhc ($PASSES passes)"
/usr/bin/time -v -o "$WORK/dvhc.timev" "$RUNNER" translate "$WORK/workload.tsv" \
  --passes "$PASSES" --timing "$WORK/dvhc.timing.json" > "$WORK/dvhc.out"
"$RUNNER" lookup "$WORK/codes.txt" --timing "$WORK/dvhc.lookup.timing.json" \
  > "$WORK/dvhc.lookup.out"
for tool in vau vac; do
  echo "$tool"
  /usr/bin/time -v -o "$WORK/$tool.timev" "$PY" "$HERE/compare.py" peer run --tool "$tool" \
    --workload "$WORK/workload.tsv" --data "$ROOT/data" \
    --out "$WORK/$tool.out" --timing "$WORK/$tool.timing.json"
done
echo "vp (code lookups only)"
/usr/bin/time -v -o "$WORK/vp.lookup.timev" "$PY" "$HERE/compare.py" peer lookup --tool vp \
  --codes "$WORK/codes.txt" --out "$WORK/vp.lookup.out" --timing "$WORK/vp.lookup.timing.json"

say "cold start (hyperfine)"
hyperfine -N --style basic --warmup 20 --runs 300 --export-json "$WORK/cold_dvhc.json" \
  -n rust-empty "$WORK/empty" \
  -n dvhc-noop "$RUNNER noop" \
  -n dvhc-code "$RUNNER code 26740" \
  -n dvhc-one "$RUNNER one '$COLD_ADDRESS'"
hyperfine -N --style basic --warmup 1 --runs "$PY_RUNS" --export-json "$WORK/cold_python.json" \
  -n python-empty "$PY -c pass" \
  -n vau-one "$PY $HERE/compare.py one vau '$COLD_ADDRESS'" \
  -n vp-one "$PY $HERE/compare.py one vp 26740"
hyperfine -N --style basic --runs "$VAC_RUNS" --export-json "$WORK/cold_vac.json" \
  -n vac-one "$PY $HERE/compare.py one vac '$COLD_ADDRESS'"

say "data in the binary"
"$RUNNER" tables > /dev/null
python3 "$HERE/compare.py" size --binary "$RUNNER" --empty "$WORK/empty" --out "$WORK/size.json"

say "report"
python3 - "$WORK/env.json" <<'EOF'
import json, sys
env = json.load(open(sys.argv[1]))
env["load_after"] = open("/proc/loadavg").read().split()[0]
json.dump(env, open(sys.argv[1], "w"), indent=1)
EOF
python3 "$HERE/compare.py" report --work "$WORK" --out "$OUT"
echo
echo "written: $OUT (raw outputs in $WORK)"
