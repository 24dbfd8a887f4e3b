// dvhc for browsers and bundlers: Vietnamese administrative units, address parsing
// and old → new translation, offline, in WebAssembly. Load the module once with
// `await init()`, then call the functions; each returns plain objects in the shapes
// that the `dvhc` command-line tool prints as JSON (see index.d.ts and README.md).
import load, * as wasm from './dvhc.js';

let loading = null;
let loaded = false;

/** The version of the official data the tables hold, e.g. "2026-10-10". */
export const dataVersion = '@DATA_VERSION@';

/**
 * Loads and instantiates the WebAssembly module; resolves when the other functions
 * can be called. By default it fetches `dvhc_bg.wasm` next to this file; give a URL,
 * a Response, bytes or a WebAssembly.Module to load it from elsewhere. Calling it
 * again returns the same promise.
 */
export function init(source) {
  if (loading === null) {
    const arg = source === undefined ? undefined : { module_or_path: source };
    loading = load(arg).then(() => {
      loaded = true;
    });
    // A failed load may be retried.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Instantiates the module synchronously from its bytes or a compiled Module. */
export function initSync(module) {
  if (!loaded) {
    wasm.initSync({ module });
    loaded = true;
  }
}

function ready(name) {
  if (!loaded) {
    throw new Error(`dvhc.${name}: the WebAssembly module is not loaded yet; await init() first`);
  }
}

export function provinces(options) {
  ready('provinces');
  return wasm.provinces(options);
}

export function communes(provinceCode, options) {
  ready('communes');
  return wasm.communes(provinceCode, options);
}

export function get(code, options) {
  ready('get');
  return wasm.get(code, options);
}

export function search(query, options) {
  ready('search');
  return wasm.search(query, options);
}

export function parse(text, options) {
  ready('parse');
  return wasm.parse(text, options);
}

export function translate(text, options) {
  ready('translate');
  return wasm.translate(text, options);
}
