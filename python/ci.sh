#!/usr/bin/env bash
# The Python package's CI step (.ci/run runs it): builds the wheel with maturin,
# installs it into a fresh venv with what the tests use, then ruff, mypy on the stubs
# and pytest (every path against the CLI's JSON; Spark local[2] on 100,000 rows).
# Installs what it needs when missing: maturin and ruff (python/requirements-ci.txt) in
# a tools venv kept under the cache dir, the test packages (python/requirements-test.txt:
# pyspark, pyarrow, pandas, polars, duckdb, …) from PyPI; pip's downloads and the wheels
# it builds are cached. Java 17 is the machine's (/usr/bin/java).
#   bash python/ci.sh                       cache in $DVHC_CI_CACHE or ~/.cache/dvhc-ci
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${DVHC_CI_CACHE:-$HOME/.cache/dvhc-ci}"
export PIP_CACHE_DIR="$cache/pip" PIP_DISABLE_PIP_VERSION_CHECK=1
start=$(date +%s)
lap() { echo "   ($(($(date +%s) - start)) s)"; }

# The build tools, in a venv named after the requirements it was made from (a change
# of versions makes a new one).
tools="$cache/tools-$(sha256sum python/requirements-ci.txt | cut -c1-12)"
if [ ! -x "$tools/bin/maturin" ] || [ ! -x "$tools/bin/ruff" ]; then
  echo "== tools venv ($tools)"
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install -q -r python/requirements-ci.txt
fi

echo "== ruff"
"$tools/bin/ruff" check python
"$tools/bin/ruff" format --check python

echo "== maturin build --release"
rm -rf target/wheels
"$tools/bin/maturin" build --release -m python/Cargo.toml -o target/wheels
ls -l target/wheels
lap

echo "== the wheel in a fresh venv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q target/wheels/dvhc-*.whl -r python/requirements-test.txt
lap

echo "== mypy (the stubs, typing_check.py)"
(cd python && "$py" -m mypy --python-executable "$py")

echo "== pytest"
# The CLI the Python results are compared with.
cargo build -q -p dvhc-cli
# From the repository root: a Python started in python/ (pytest's workers, Spark's)
# would import the source tree's dvhc, which has no extension module, not the wheel's.
CI=true DVHC_CLI="$PWD/target/debug/dvhc" timeout 1200 \
  "$py" -m pytest -q -p no:cacheprovider python/tests
echo "python/ci.sh took $(($(date +%s) - start)) s"
