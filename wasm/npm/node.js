// dvhc for Node.js: the module is instantiated synchronously when this file is
// imported, so every function can be called at once (`init()` resolves at once).
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./dvhc_bg.wasm', import.meta.url)));

export * from './index.js';
