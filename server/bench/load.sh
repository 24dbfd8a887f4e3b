#!/usr/bin/env bash
# Load test of `dvhc serve` on the loopback interface, bounded in time.
#
# wrk runs pinned to CPU 0 and the server (one worker thread) to CPU 1, 10 s per run:
#   1. GET /api/v2/w/{code}, every current commune in turn;
#   2. GET /dvhc/translate?q=…, every legacy commune as a full old address in turn
#      (skipped while the server has no /dvhc/translate);
#   3. GET /api/v2/?depth=2 with Accept-Encoding: br (the full list, from memory);
#   4. 60 s of run 1 (run 2 when available), RSS before and after.
# The server logs every request to a file, as it would in production.
#
# usage: server/bench/load.sh            (builds target/release/dvhc first)
#        BIN=path/to/dvhc DURATION=10s CONNECTIONS=32 SOAK=60s server/bench/load.sh
# Needs wrk (apt-get install -y wrk), taskset, python3, curl. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
SOAK=${SOAK:-60s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18181}
BASE="http://127.0.0.1:$PORT"
if [ -z "${BIN:-}" ]; then
  cargo build --release -p dvhc-cli >&2
  BIN=target/release/dvhc
fi
for tool in wrk taskset python3 curl; do
  command -v "$tool" >/dev/null || { echo "load.sh: $tool is missing" >&2; exit 2; }
done

WORK=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Start-up: from exec to the first answered /healthz (20 runs).
python3 server/bench/startup.py "$BIN" 20

taskset -c 1 "$BIN" serve --addr "127.0.0.1:$PORT" --threads 1 2>"$WORK/access.log" &
SERVER=$!
until curl -sf "$BASE/healthz" >/dev/null 2>&1; do
  kill -0 "$SERVER" 2>/dev/null || { echo "load.sh: the server exited" >&2; cat "$WORK/access.log" >&2; exit 1; }
  sleep 0.01
done

python3 server/bench/targets.py "$BASE" "$WORK"
rss() { ps -o rss= -p "$SERVER" | tr -d ' '; }
# The server's CPU time (user + system), in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICK=$(getconf CLK_TCK)

run() { # name duration paths-file [accept-encoding]
  echo
  echo "== $1 ($2, $CONNECTIONS connections)"
  local before after out n
  before=$(cpu)
  out=$(PATHS_FILE="$3" ACCEPT_ENCODING="${4:-}" taskset -c 0 \
    wrk -t1 -c"$CONNECTIONS" -d"$2" --latency -s server/bench/paths.lua "$BASE")
  after=$(cpu)
  echo "$out" | grep -E "Requests/sec|Transfer/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors"
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  # CPU per request does not depend on how busy the machine is, unlike requests/s.
  echo "   server CPU: $(( (after - before) * 1000000 / TICK / n )) µs per request"
}

run "GET /api/v2/w/{code}" "$DURATION" "$WORK/wards.txt"
HAVE_TRANSLATE=0
if curl -sf "$BASE/dvhc/translate?q=Ph%C6%B0%E1%BB%9Dng%20B%E1%BA%BFn%20Ngh%C3%A9" >/dev/null; then
  HAVE_TRANSLATE=1
  run "GET /dvhc/translate?q=… (distinct old addresses)" "$DURATION" "$WORK/translate.txt"
else
  echo; echo "== /dvhc/translate: not served by this build, skipped"
fi
echo "/api/v2/?depth=2" >"$WORK/tree.txt"
run "GET /api/v2/?depth=2, Accept-Encoding: br" "$DURATION" "$WORK/tree.txt" br
echo "   (body: $(curl -s -H 'Accept-Encoding: br' "$BASE/api/v2/?depth=2" | wc -c) bytes br, $(curl -s "$BASE/api/v2/?depth=2" | wc -c) bytes identity)"

SOAK_FILE="$WORK/wards.txt"
[ "$HAVE_TRANSLATE" = 1 ] && SOAK_FILE="$WORK/translate.txt"
BEFORE=$(rss)
run "soak: $(basename "$SOAK_FILE" .txt)" "$SOAK" "$SOAK_FILE"
AFTER=$(rss)
echo
echo "RSS before the soak: $BEFORE KiB, after: $AFTER KiB, growth: $(( AFTER - BEFORE )) KiB"
echo "request lines logged: $(wc -l <"$WORK/access.log")"
