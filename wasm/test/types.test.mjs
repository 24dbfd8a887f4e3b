// The TypeScript declarations compile against typed use, and refuse wrong use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './helpers.mjs';

const dir = path.join(root, 'wasm/test/types');
const tsc = (args) =>
  spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });

test('tsc accepts typed use of the package', () => {
  const r = tsc(['--project', 'tsconfig.json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('tsc refuses wrong use, one error per wrong line', () => {
  const r = tsc(['--project', 'tsconfig.bad.json']);
  const errors = r.stdout.split('\n').filter((l) => /bad\.ts\(\d+,\d+\): error/.test(l));
  const lines = new Set(errors.map((l) => /bad\.ts\((\d+)/.exec(l)[1]));
  assert.deepStrictEqual([...lines].sort(), ['4', '5', '6', '7', '8'], r.stdout);
});
