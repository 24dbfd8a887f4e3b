#!/usr/bin/env bash
# Tests the npm package in Node.js and the demo page in Chromium.
# Installs what it needs when missing: Debian's chromium (apt-get), the node
# packages of package-lock.json (npm ci: playwright-core, typescript), and what
# wasm/build.sh needs to build the package.
#   bash web/test.sh          build, then Node and browser tests
#   SKIP_BUILD=1 bash web/test.sh   use the packages already in wasm/pkg*
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "== apt-get install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/typescript ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --prefer-offline
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  bash wasm/build.sh
fi
# The CLI the package's results are compared with.
cargo build -q -p dvhc-cli

echo "== node --test (package API, types, bad input, dvhc-geo)"
node --test wasm/test/
echo "== node --test (the demo page in Chromium)"
node --test web/test/
echo "screenshot: web/artifacts/demo.png; timings: web/artifacts/timings.json"
