// The npm package's API against the `dvhc` CLI: on the crate's test tables every
// result must equal the JSON the CLI prints, and match the declared types.
// Run: bash wasm/build.sh && node --test wasm/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as dvhc from '../pkg/node.js';
import { declarations, pkg, runCli, table } from './helpers.mjs';

const types = declarations(path.join(pkg, 'index.d.ts'));

/** Asserts that `values` equal the CLI's and have the declared type. */
function same(values, expected, type, what) {
  assert.equal(values.length, expected.length, `${what}: as many results as the CLI`);
  for (const [i, v] of values.entries()) {
    assert.deepStrictEqual(v, expected[i], `${what}: result ${i} differs from the CLI`);
    assert.deepStrictEqual(types.check(v, type), [], `${what}: result ${i} is not a ${type}`);
  }
}

test('dataVersion is the library constant, read from the module itself', async () => {
  const raw = await import('../pkg/dvhc.js');
  assert.match(dvhc.dataVersion, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(dvhc.dataVersion, raw.dataVersion());
  await dvhc.init(); // already loaded in Node: resolves at once
});

test('translate equals `dvhc translate` on the translation and messy tables', () => {
  const byDate = new Map();
  for (const row of table('translate_cases.tsv')) {
    const on = /date=(\d{4}-\d{2}-\d{2})/.exec(row[5] ?? '')?.[1] ?? '';
    if (!byDate.has(on)) byDate.set(on, []);
    byDate.get(on).push(row[0]);
  }
  byDate.get('').push(...table('messy_real.tsv', { header: true }).map((r) => r[0]));
  let n = 0;
  for (const [on, inputs] of byDate) {
    const args = ['translate', ...(on ? ['--on', on] : [])];
    const expected = runCli(args, inputs.join('\n') + '\n');
    const got = inputs.map((s) => dvhc.translate(s, on ? { on } : undefined));
    same(got, expected, 'Translation', `translate --on ${on}`);
    n += inputs.length;
  }
  assert.ok(n > 600, `${n} addresses`);
});

test('parse equals `dvhc parse` on the parse and messy tables', () => {
  const inputs = [
    ...table('parse_cases.tsv').map((r) => r[0]),
    ...table('messy_real.tsv', { header: true }).map((r) => r[0]),
  ];
  const expected = runCli(['parse'], inputs.join('\n') + '\n');
  same(
    inputs.map((s) => dvhc.parse(s)),
    expected,
    'Address',
    'parse',
  );
  const on = '2025-07-01';
  const few = inputs.slice(0, 40);
  same(
    few.map((s) => dvhc.parse(s, { on })),
    runCli(['parse', '--on', on], few.join('\n') + '\n'),
    'Address',
    'parse --on',
  );
});

test('search equals `dvhc search` on the search table', () => {
  let n = 0;
  for (const [query, options] of table('search_cases.tsv')) {
    const opts = {};
    for (const o of options === '-' ? [] : options.split(',')) {
      const [k, v] = o.split('=');
      if (k === 'limit') opts.limit = Number(v);
      else if (k === 'in') Object.assign(opts, { within: v, era: 'current' });
      else if (k === 'in-legacy') Object.assign(opts, { within: v, era: 'legacy' });
      else if (k === 'in-district') opts.within = v;
      else if (k === 'prefix' || k === 'fuzzy') opts[k] = true;
      else if (k === 'current' || k === 'legacy') opts.era = k;
      else if (k === 'province' || k === 'district' || k === 'commune') opts.level = k;
      else if (k !== 'exact') throw new Error(`unknown option ${o}`);
    }
    // The same search on the command line.
    const args = ['search'];
    for (const [k, v] of Object.entries(opts)) {
      args.push(k === 'within' ? `--in=${v}` : v === true ? `--${k}` : `--${k}=${v}`);
    }
    const expected = runCli([...args, '--', query]);
    same(dvhc.search(query, opts), expected, 'Hit', `search ${options} ${query}`);
    n++;
  }
  assert.ok(n > 150, `${n} searches`);
  // A 2-digit `within` without `era`: that province of both structures, merged.
  same(dvhc.search('Phường 1', { within: '79', limit: 5 }), runCli(['search', '--in=79', '--limit=5', 'Phường 1']), 'Hit', 'within both eras');
});

test('get, provinces and communes equal `dvhc get`', () => {
  const current = dvhc.provinces();
  const legacy = dvhc.provinces({ era: 'legacy' });
  assert.equal(current.length, 34);
  assert.equal(legacy.length, 63);
  const codes = [
    ...current.map((p) => [p.code, 'current']),
    ...legacy.map((p) => [p.code, 'legacy']),
  ];
  let communeCount = 0;
  for (const p of current) {
    const cs = dvhc.communes(p.code);
    communeCount += cs.length;
    cs.forEach((c, i) => i % 40 === 0 && codes.push([c.code, 'current']));
  }
  assert.equal(communeCount, 3321);
  for (const p of legacy.filter((_, i) => i % 9 === 0)) {
    const cs = dvhc.communes(p.code, { era: 'legacy' });
    cs.forEach((c, i) => i % 60 === 0 && codes.push([c.code, 'legacy']));
  }
  codes.push(['760', 'legacy'], ['001', 'legacy'], ['26740', 'legacy'], ['26740', 'current']);
  for (const [code, era] of codes) {
    const [expected] = runCli(['get', code, '--era', era]);
    same([dvhc.get(code, { era })], [expected], 'Unit', `get ${code} ${era}`);
  }
  // Lists are the units `get` returns.
  assert.deepStrictEqual(current[0], dvhc.get(current[0].code));
  assert.deepStrictEqual(dvhc.communes('79')[0], dvhc.get(dvhc.communes('79')[0].code));
  // Names on a date.
  const [dongNai] = runCli(['get', '75', '--on', '2026-01-01']);
  same([dvhc.get('75', { on: '2026-01-01' })], [dongNai], 'Unit', 'get 75 --on');
  assert.equal(dongNai.name, 'Tỉnh Đồng Nai');
  // A day before the reform: the structure then in force, as the CLI.
  const [before] = runCli(['get', '26740', '--on', '2025-06-30']);
  same([dvhc.get('26740', { on: '2025-06-30' })], [before], 'Unit', 'get 26740 --on 2025-06-30');
  assert.equal(before.name, 'Phường Bến Nghé');
  assert.equal(dvhc.get('75').name, 'Thành phố Đồng Nai');
  assert.equal(dvhc.provinces({ on: '2026-01-01' }).find((p) => p.code === '75').name, 'Tỉnh Đồng Nai');
});

test('get by postal code is the CLI\'s get --postal', () => {
  // data/postal_codes.tsv: 00004 Ba Đình 11120, 06970 Ba Chẽ 02006.
  for (const [postal, code] of [['11120', '00004'], ['02006', '06970'], ['71016', '26740']]) {
    const [expected] = runCli(['get', postal, '--postal']);
    same([dvhc.get(postal, { postal: true })], [expected], 'Unit', `get ${postal} --postal`);
    assert.deepStrictEqual(dvhc.get(postal, { postal: true }), dvhc.get(code));
    assert.equal(expected.postal_code, postal);
  }
  assert.equal(dvhc.get('99999', { postal: true }), null);
  assert.throws(() => dvhc.get('1112', { postal: true }), { name: 'RangeError' });
  assert.throws(() => dvhc.get('11120', { postal: true, era: 'legacy' }), { name: 'RangeError', message: /current communes/ });
  assert.throws(() => dvhc.get('11120', { postal: true, on: '2025-06-30' }), { name: 'RangeError', message: /current communes/ });
  assert.throws(() => dvhc.get('11120', { postal: 'yes' }), { name: 'TypeError', message: /option postal/ });
});

test('lookups of codes no unit has give null', () => {
  assert.equal(dvhc.get('99'), null);
  assert.equal(dvhc.get('00001'), null);
  assert.equal(dvhc.get('999', { era: 'legacy' }), null);
  assert.equal(dvhc.communes('99'), null);
  assert.equal(dvhc.communes('99', { era: 'legacy' }), null);
});

test('a split commune gives every candidate, partial; coordinates rank them', () => {
  const t = dvhc.translate('P. Đa Kao, Q.1, TP.HCM');
  assert.equal(t.status, 'ambiguous');
  assert.ok(t.candidates.length >= 2);
  assert.ok(t.candidates.every((c) => c.share === 'partial'));
  const near = dvhc.translate('P. Đa Kao, Q.1, TP.HCM', { lat: 10.79, lon: 106.69 });
  assert.ok(near.candidates.every((c) => typeof c.distance_km === 'number'));
  assert.deepStrictEqual(types.check(near, 'Translation'), []);
  const bad = dvhc.translate('P. Đa Kao, Q.1, TP.HCM', { lat: 91, lon: 0 });
  assert.equal(bad.error.kind, 'bad_coordinates');
});

test('the declared types are checked, not just trusted', () => {
  // The checker must see a missing, extra or reordered member and a wrong type.
  const t = dvhc.translate('12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM');
  assert.deepStrictEqual(types.check(t, 'Translation'), []);
  const { formatted, ...missing } = t;
  assert.notDeepStrictEqual(types.check(missing, 'Translation'), []);
  assert.notDeepStrictEqual(types.check({ ...t, extra: 1 }, 'Translation'), []);
  assert.notDeepStrictEqual(types.check({ formatted, ...missing }, 'Translation'), []);
  assert.notDeepStrictEqual(types.check({ ...t, status: 'fine' }, 'Translation'), []);
  assert.notDeepStrictEqual(types.check({ ...t, candidates: [{ ...t.candidates[0], share: 1 }] }, 'Translation'), []);
});
