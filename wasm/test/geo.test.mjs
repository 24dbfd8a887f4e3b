// dvhc-geo: the same API plus `locate`, and translations resolved by containment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as geo from '../pkg-geo/node.js';
import * as main from '../pkg/node.js';
import { declarations, pkgGeo, root, runCli } from './helpers.mjs';

const types = declarations(path.join(pkgGeo, 'index.d.ts'));

test('locate equals `dvhc locate` on interior points of the boundary tests', () => {
  const points = readFileSync(path.join(root, 'geo/data/interior_points.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
  let n = 0;
  for (let i = 0; i < points.length; i += 331) {
    const [code, lat, lon] = points[i];
    const got = geo.locate(Number(lat), Number(lon));
    assert.equal(got.code, code, `${lat} ${lon}`);
    const [expected] = runCli(['locate', '--', lat, lon]);
    assert.deepStrictEqual(got, expected);
    assert.deepStrictEqual(types.check(got, 'Unit'), []);
    n++;
  }
  assert.ok(n >= 30);
  assert.equal(geo.locate(10.0, 112.0), null); // the South China Sea
  assert.equal(geo.locate(10.7769, 106.7009, { on: '2025-07-01' }).name, 'Phường Sài Gòn');
});

test('locate refuses what is not a coordinate', () => {
  assert.throws(() => geo.locate(91, 0), { name: 'RangeError', message: /^dvhc\.locate: latitude 91/ });
  assert.throws(() => geo.locate(NaN, 0), { name: 'RangeError' });
  assert.throws(() => geo.locate('10', '106'), { name: 'TypeError' });
  assert.throws(() => geo.locate(10, 106, { on: 'x' }), { name: 'RangeError' });
});

test('a split commune with a point inside one candidate resolves to it', () => {
  const address = 'P. Đa Kao, Q.1, TP.HCM';
  const ambiguous = main.translate(address);
  assert.equal(ambiguous.status, 'ambiguous');
  for (const c of ambiguous.candidates) {
    const centre = geo.get(c.commune.code).geo;
    const point = { lat: centre.lat, lon: centre.lon };
    // The package without boundaries only ranks by distance.
    assert.equal(main.translate(address, point).status, 'ambiguous');
    if (geo.locate(point.lat, point.lon)?.code !== c.commune.code) continue;
    const t = geo.translate(address, point);
    assert.equal(t.status, 'ok', JSON.stringify(t));
    assert.equal(t.candidates[0].commune.code, c.commune.code);
    assert.deepStrictEqual(types.check(t, 'Translation'), []);
  }
});

test('the rest of the API is the same as the main package', () => {
  assert.equal(geo.dataVersion, main.dataVersion);
  assert.deepStrictEqual(geo.search('ben nghe', { prefix: true }), main.search('ben nghe', { prefix: true }));
  assert.deepStrictEqual(geo.provinces(), main.provinces());
  assert.equal(typeof main.locate, 'undefined');
});
