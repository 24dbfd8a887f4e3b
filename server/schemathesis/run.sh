#!/usr/bin/env bash
# Property-based tests of `dvhc serve` from its OpenAPI document, with schemathesis
# (PyPI), on one worker (hypothesis is not thread-safe on Python 3.11), bounded: MAX_EXAMPLES examples per operation and phase (default 30), and
# MAX_TIME seconds (default 150; schemathesis spends all of it). Run by .ci/run.
#
# usage: server/schemathesis/run.sh [path/to/dvhc]    (default: target/debug/dvhc)
# The venv lives in $DVHC_CACHE (default ~/.cache/dvhc); pip caches the download.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=4.32.5
MAX_EXAMPLES=${MAX_EXAMPLES:-30}
MAX_TIME=${MAX_TIME:-150}
CACHE=${DVHC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dvhc}
VENV="$CACHE/schemathesis-$VERSION"
BIN=${1:-target/debug/dvhc}

if [ ! -x "$VENV/bin/st" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "schemathesis==$VERSION"
fi
[ -x "$BIN" ] || cargo build -p dvhc-cli

# A free port on the loopback interface.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG=$(mktemp)
RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$PORT" 2>"$LOG" &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz')" 2>/dev/null && break
  sleep 0.1
done

status=0
# Run from a scratch directory: schemathesis keeps a cache (.schemathesis/) where it runs.
CONFIG="$PWD/server/schemathesis/schemathesis.toml"
SCRATCH=$(mktemp -d)
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$LOG" "$SCRATCH"' EXIT
(cd "$SCRATCH" && "$VENV/bin/st" --config-file "$CONFIG" run \
  "http://127.0.0.1:$PORT/openapi.json" \
  --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" \
  --workers 1 --seed 18 --no-color) || status=$?
# The server must still be alive and must not have logged a panic.
kill -0 "$SERVER" || { echo "schemathesis: the server died" >&2; status=1; }
if grep -q "panicked" "$LOG"; then
  echo "schemathesis: the server panicked:" >&2
  cat "$LOG" >&2
  status=1
fi
exit "$status"
