#!/usr/bin/env bash
# Builds the npm packages from the dvhc-wasm crate: `dvhc` into wasm/pkg/ and
# `dvhc-geo` (the same API plus boundaries: `locate`, containment in `translate`)
# into wasm/pkg-geo/. Installs what it needs when it is missing: the
# wasm32-unknown-unknown target (rustup) and wasm-bindgen-cli at the version of the
# wasm-bindgen crate in Cargo.lock (cargo install). Prints the sizes of the .wasm files.
#
#   bash wasm/build.sh            both packages
#   bash wasm/build.sh main       only dvhc
#   bash wasm/build.sh geo        only dvhc-geo
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
target=wasm32-unknown-unknown
target_dir=${CARGO_TARGET_DIR:-target}

if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi

# The CLI must match the crate exactly: its output is generated for that version.
bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$bindgen" ]; then
  echo "== cargo install wasm-bindgen-cli $bindgen"
  # --locked first, as asked; a registry that lacks one of the CLI's locked
  # dependencies (seen: webpki-roots 1.0.11) gets a fresh resolution instead.
  cargo install wasm-bindgen-cli --version "$bindgen" --locked ||
    cargo install wasm-bindgen-cli --version "$bindgen"
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' wasm/Cargo.toml | head -n 1)

size_line() {
  local f=$1
  printf '%-28s raw %9d  gzip -9 %9d  brotli -q 11 %9d bytes\n' "$f" \
    "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)" \
    "$( (command -v brotli >/dev/null && brotli -q 11 -c "$f" || echo) | wc -c)"
}

# build NAME OUT DESCRIPTION [CARGO FLAGS...]
build() {
  local name=$1 out=$2 description=$3
  shift 3
  echo "== $name: cargo build --profile wasm $*"
  cargo build -p dvhc-wasm --target "$target" --profile wasm "$@"
  rm -rf "$out"
  mkdir -p "$out"
  # The name section only serves stack traces of panics, which the library does not
  # have: without it the module is 60 KB (18 KB gzip) smaller.
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$out" --out-name dvhc \
    "$target_dir/$target/wasm/dvhc_wasm.wasm"
  cp wasm/npm/index.js wasm/npm/node.js wasm/npm/index.d.ts "$out/"
  if [ "$name" = dvhc-geo ]; then
    cat wasm/npm/geo.js >>"$out/index.js"
    cat wasm/npm/geo.d.ts >>"$out/index.d.ts"
  fi
  cp wasm/README.md "$out/README.md"
  for l in LICENSE-MIT LICENSE-APACHE; do
    if [ -f "$l" ]; then cp "$l" "$out/"; fi
  done
  # dataVersion is read from the module itself (dvhc::DATA_VERSION).
  local data
  data=$(cd "$out" && node --input-type=module -e "
    import { readFileSync } from 'node:fs';
    import { initSync, dataVersion } from './dvhc.js';
    initSync({ module: readFileSync('dvhc_bg.wasm') });
    process.stdout.write(dataVersion());")
  sed -i "s/@DATA_VERSION@/$data/" "$out/index.js"
  sed -e "s/@NAME@/$name/" -e "s/@VERSION@/$version/" -e "s|@DESCRIPTION@|$description|" \
    wasm/npm/package.json >"$out/package.json"
  size_line "$out/dvhc_bg.wasm"
}

if [ "$which" = all ] || [ "$which" = main ]; then
  build dvhc wasm/pkg "Vietnamese administrative units offline: 34 provinces and 3,321 communes of 2025, the 63/696/10,035 before, old-to-new address translation, search and parsing (WebAssembly)"
fi
if [ "$which" = all ] || [ "$which" = geo ]; then
  build dvhc-geo wasm/pkg-geo "dvhc with commune boundaries: which of Vietnam's 3,321 communes contains a point, and old addresses with coordinates resolved by containment (WebAssembly)" --features geo
fi
