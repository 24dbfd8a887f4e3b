// Any JS value given to any function: a result, or a TypeError/RangeError with a
// message naming the function; never a WebAssembly trap (RuntimeError), and the
// module keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dvhc from '../pkg/node.js';

const MiB = 1 << 20;
const values = [
  undefined,
  null,
  0,
  42,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  true,
  10n,
  Symbol('s'),
  {},
  [],
  ['79'],
  () => '79',
  new Date(0),
  new String('79'),
  '',
  ' ',
  '79',
  '026740',
  '\u0000',
  '\uD800',
  'B\uDFFFến Nghé\uD800, Q.1',
  '💥'.repeat(1000),
  'a'.repeat(MiB),
  'Phường 1, '.repeat(MiB / 10),
  'đ'.repeat(5 * MiB),
];
const optionValues = [
  ...values,
  { era: 'old' },
  { era: 1 },
  { on: 'tomorrow' },
  { on: '2025-02-30' },
  { on: 20250701 },
  { limit: -1 },
  { limit: 1.5 },
  { limit: Infinity },
  { limit: '5' },
  { limit: 1e300 },
  { prefix: 'yes' },
  { prefix: true, fuzzy: true },
  { within: 79 },
  { within: '99' },
  { within: '1234' },
  { within: '760', era: 'current' },
  { level: 'ward' },
  { lat: 10 },
  { lat: '10', lon: 106 },
  { lat: NaN, lon: 106 },
  { lat: 1e308, lon: -1e308 },
  { unknown: 1 },
  Object.create({ inherited: 1 }),
];

/** Calls `f`; returns 'ok', or the class of a clean error; fails on anything else. */
function outcome(name, f) {
  try {
    f();
    return 'ok';
  } catch (e) {
    assert.ok(
      e instanceof TypeError || e instanceof RangeError,
      `${name}: threw ${e?.constructor?.name}: ${e?.message}`,
    );
    assert.match(e.message, new RegExp(`^dvhc\\.\\w+: .{10,}`), `${name}: message ${e.message}`);
    return e.constructor.name;
  }
}

const show = (v) => {
  if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'function') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

const calls = {
  provinces: (v, o) => dvhc.provinces(o ?? v),
  communes: (v, o) => dvhc.communes(v, o),
  get: (v, o) => dvhc.get(v, o),
  search: (v, o) => dvhc.search(v, o),
  parse: (v, o) => dvhc.parse(v, o),
  translate: (v, o) => dvhc.translate(v, o),
};

test('every value as the first argument: a result or a clean error', () => {
  for (const [name, f] of Object.entries(calls)) {
    for (const v of values) outcome(`${name}(${show(v)})`, () => f(v));
  }
});

test('every value as the options: a result or a clean error', () => {
  const first = { provinces: undefined, communes: '79', get: '79', search: 'ben nghe', parse: 'Q1, HCM', translate: 'Q1, HCM' };
  for (const [name, f] of Object.entries(calls)) {
    for (const o of optionValues) outcome(`${name}(…, ${show(o)})`, () => f(first[name], o));
  }
});

test('wrong types throw TypeError, values out of range RangeError', () => {
  assert.throws(() => dvhc.search(42), { name: 'TypeError', message: /dvhc\.search: the query must be a string, not a number/ });
  assert.throws(() => dvhc.translate(undefined), { name: 'TypeError', message: /the address must be a string, not undefined/ });
  assert.throws(() => dvhc.get(null), { name: 'TypeError', message: /not null/ });
  assert.throws(() => dvhc.search('x', 'prefix'), { name: 'TypeError', message: /options must be an object/ });
  assert.throws(() => dvhc.search('x', { prefx: true }), { name: 'TypeError', message: /unknown option "prefx"/ });
  assert.throws(() => dvhc.search('x', { limit: -1 }), { name: 'RangeError', message: /limit/ });
  assert.throws(() => dvhc.search('x', { era: 'old' }), { name: 'RangeError', message: /era/ });
  assert.throws(() => dvhc.search('x', { prefix: true, fuzzy: true }), { name: 'RangeError' });
  assert.throws(() => dvhc.search('x', { within: '99' }), { name: 'RangeError', message: /no province/ });
  assert.throws(() => dvhc.get('7a'), { name: 'RangeError', message: /digits only/ });
  assert.throws(() => dvhc.get('1234'), { name: 'RangeError', message: /not 4/ });
  assert.throws(() => dvhc.get('760', { era: 'current' }), { name: 'RangeError', message: /legacy/ });
  assert.throws(() => dvhc.get('79', { on: '2025-13-01' }), { name: 'RangeError', message: /option on/ });
  assert.throws(() => dvhc.translate('x', { lat: 10 }), { name: 'TypeError', message: /lat and lon/ });
  assert.throws(() => dvhc.communes(79), { name: 'TypeError' });
  assert.throws(() => dvhc.parse('x'.repeat(5 * MiB)), { name: 'RangeError', message: /at most/ });
});

test('long and broken strings get normal results', () => {
  const long = dvhc.translate('a'.repeat(MiB));
  assert.equal(long.status, 'error');
  assert.equal(long.error.kind, 'too_long');
  assert.equal(long.input.length, MiB);
  assert.equal(dvhc.parse('Phường 1, '.repeat(MiB / 10)).error.kind, 'too_long');
  // Lone surrogates are read as U+FFFD.
  const t = dvhc.translate('P. Bến Nghé\uD800, Q.1, TP.HCM');
  assert.equal(t.input, 'P. Bến Nghé\uFFFD, Q.1, TP.HCM');
  assert.ok(Array.isArray(dvhc.search('\uDFFF'.repeat(1000))));
  assert.ok(Array.isArray(dvhc.search('x'.repeat(MiB), { fuzzy: true })));
});

test('the module still works after all of that', () => {
  assert.equal(dvhc.search('ben nghe', { prefix: true })[0].code, '26740');
  assert.equal(dvhc.translate('12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM').candidates[0].commune.code, '26740');
  assert.equal(dvhc.provinces().length, 34);
});
