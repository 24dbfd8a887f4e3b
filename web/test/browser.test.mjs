// The demo page in a real browser: Debian's Chromium driven by playwright-core.
// Serves the checkout's files from a tiny static server on loopback, loads web/,
// then uses the page with the keyboard and checks what it shows; after load, no
// request may leave the page. Run by web/test.sh (which builds the package first).
// Leaves web/artifacts/demo.png and web/artifacts/timings.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const artifacts = path.join(root, 'web/artifacts');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

let server;
let base;
let context;
let page;
let profile;
const served = [];
const requests = [];

before(async () => {
  // Only web/ and the built package are served.
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    served.push(url.pathname);
    const file = path.join(root, decodeURIComponent(url.pathname));
    const allowed = ['web', 'wasm/pkg'].some((d) => file.startsWith(path.join(root, d) + path.sep));
    let body;
    try {
      body = allowed && statSync(file).isFile() ? readFileSync(file) : null;
    } catch {
      body = null;
    }
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(path.join(tmpdir(), 'dvhc-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => assert.fail(`error in the page: ${e.message}`));
  await page.goto(`${base}/web/index.html`);
  await page.waitForFunction(() => document.body.dataset.ready);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  page.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the page loads only its own files, the module among them', () => {
  assert.ok(served.includes('/wasm/pkg/dvhc_bg.wasm'), served.join(' '));
});

/** Moves down the open list to the first option matching `re` and presses Enter. */
async function pickWithKeyboard(options, re) {
  await options.first().waitFor();
  const texts = await options.allInnerTexts();
  const i = texts.findIndex((t) => re.test(t));
  assert.ok(i >= 0, `${re} not among ${texts.join(' | ')}`);
  for (let k = 0; k <= i; k++) await page.keyboard.press('ArrowDown');
  assert.equal(await options.nth(i).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
}

test('type-ahead: no diacritics needed, keyboard to choose, fills the form', async () => {
  const box = page.getByRole('combobox', { name: /Tìm phường/ });
  await box.focus();
  await page.keyboard.type('tp hcm');
  const options = page.getByRole('listbox', { name: /Tìm phường/ }).getByRole('option');
  await options.first().waitFor();
  assert.match(await options.first().innerText(), /Thành phố Hồ Chí Minh/);
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'find-opt-0');
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#province').inputValue(), '79');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');

  // A commune of today's structure, typed without diacritics.
  await box.fill('');
  await box.focus();
  await page.keyboard.type('xuan huong');
  await pickWithKeyboard(options, /Xuân Hương - Đà Lạt/);
  assert.equal(await page.locator('#province').inputValue(), '68');
  assert.equal(await page.locator('#commune').inputValue(), '24781');

  // An old ward: where it went (Bến Nghé is now part of Phường Sài Gòn).
  await box.fill('');
  await box.focus();
  await page.keyboard.type('ben nghe');
  await pickWithKeyboard(options, /Phường Bến Nghé/);
  assert.equal(await page.locator('#province').inputValue(), '79');
  assert.equal(await page.locator('#commune').inputValue(), '26740');
  assert.match(await page.locator('#full').innerText(), /Phường Sài Gòn, Thành phố Hồ Chí Minh/);

  // Escape closes the list.
  await box.fill('');
  await box.focus();
  await page.keyboard.type('da lat');
  await options.first().waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('listbox').isHidden(), true);
});

test('cascade: province, then its communes', async () => {
  const province = page.getByLabel('Tỉnh / thành phố');
  const commune = page.getByLabel('Phường / xã / đặc khu');
  assert.equal(await page.locator('#province option').count(), 35);
  await province.selectOption('75');
  assert.equal(await province.evaluate((s) => s.selectedOptions[0].textContent), 'Thành phố Đồng Nai');
  assert.equal(await commune.isEnabled(), true);
  const n = await page.locator('#commune option').count();
  assert.ok(n > 90, `${n} options`);
  // Keyboard only: move down the province list, the communes follow.
  await province.focus();
  await page.keyboard.press('ArrowDown');
  const next = await province.inputValue();
  assert.notEqual(next, '75');
  const first = await page.locator('#commune option').nth(1).getAttribute('value');
  assert.equal(first.length, 5);
  await commune.selectOption(first);
  await page.getByLabel('Số nhà, đường').fill('12 Lê Lợi');
  assert.match(await page.locator('#full').innerText(), /^12 Lê Lợi, .+, .+$/);
});

test('old → new: a split commune shows every candidate, partial', async () => {
  await page.getByLabel('Địa chỉ cũ (trước 1/7/2025)').fill('P. Đa Kao, Q.1, TP.HCM');
  await page.keyboard.press('Enter');
  const items = page.locator('#old-result .candidates li');
  await items.first().waitFor();
  const texts = await items.allInnerTexts();
  assert.ok(texts.length >= 2, texts.join(' | '));
  assert.ok(texts.every((t) => /một phần/.test(t)), texts.join(' | '));
  assert.ok(texts.some((t) => /Phường Sài Gòn/.test(t)), texts.join(' | '));
  assert.ok(texts.some((t) => /Phường Tân Định/.test(t)), texts.join(' | '));
  // Choosing one fills the form.
  await items.filter({ hasText: 'Tân Định' }).getByRole('button').click();
  assert.equal(await page.locator('#province').inputValue(), '79');
  assert.equal(await page.locator('#commune').evaluate((s) => s.selectedOptions[0].textContent), 'Phường Tân Định');
});

test('English toggle', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.getByLabel('Province / city').inputValue(), '79');
  // Every text follows, the live status line among them.
  const status = await page.getByRole('status').innerText();
  assert.doesNotMatch(status, /Đang|kết quả|Sẵn sàng|Không/, status);
  const texts = await page.locator('#old-result .candidates li').allInnerTexts();
  assert.ok(texts.every((t) => /partial/.test(t)), texts.join(' | '));
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'demo.png'), fullPage: true });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
});

test('no request left the page after load', () => {
  assert.deepStrictEqual(requests, []);
});

// Last: it loads the page again, which makes requests of its own.
test('timings in the page (reported, not asserted)', async () => {
  // init() on fresh loads of the page (median of 5): fetching, compiling and
  // instantiating the module.
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const p = await context.newPage();
    await p.goto(`${base}/web/index.html?load=${i}`);
    await p.waitForFunction(() => document.body.dataset.ready);
    loads.push(
      await p.evaluate(() => {
        const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
        return { init: window.dvhcDemo.initMs, fetch: wasm.responseEnd - wasm.startTime };
      }),
    );
    await p.close();
  }
  // Instantiation alone: init() given the module's bytes in a fresh page (compiling
  // and instantiating, no network). V8 reuses the code of bytes it compiled before:
  // a custom section that differs each time (id 0, size 3, name "x", one byte) makes
  // every compilation a real one.
  const instantiate = [];
  for (let i = 0; i < 5; i++) {
    const p = await context.newPage();
    await p.goto(`${base}/web/test/blank.html`);
    instantiate.push(
      await p.evaluate(async (i) => {
        const dvhc = await import('/wasm/pkg/index.js');
        const bytes = new Uint8Array(await (await fetch('/wasm/pkg/dvhc_bg.wasm')).arrayBuffer());
        const copy = new Uint8Array(bytes.length + 5);
        copy.set(bytes);
        copy.set([0, 3, 1, 0x78, i], bytes.length);
        const t0 = performance.now();
        await dvhc.init(copy);
        const ms = performance.now() - t0;
        if (dvhc.search('ben nghe').length === 0) throw new Error('the module does not answer');
        return ms;
      }, i),
    );
    await p.close();
  }
  const search = await page.evaluate(() => {
    const { search } = window.dvhcDemo;
    // What a person types, one keystroke at a time. performance.now() is coarse in
    // a page (0.1 ms), so each query is timed over 20 runs.
    const words = ['ben nghe', 'tp hcm', 'xuan huong', 'phuong 1', 'ha noi', 'da nang', 'thu duc', 'long an'];
    const queries = [];
    for (const w of words) for (let i = 1; i <= w.length; i++) queries.push(w.slice(0, i));
    const times = [];
    for (let i = 0; i < 1000; i++) {
      const q = queries[i % queries.length];
      const t0 = performance.now();
      for (let k = 0; k < 20; k++) search(q, { prefix: true, limit: 8 });
      times.push((performance.now() - t0) / 20);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[500], p95Ms: times[950], maxMs: times[999], queries: 1000 };
  });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const timings = {
    // init(): fetching the module over loopback, compiling and instantiating it.
    initMs: { median: median(loads.map((l) => l.init)), all: loads.map((l) => l.init) },
    // The fetch alone (streaming compilation overlaps it).
    fetchMs: { median: median(loads.map((l) => l.fetch)), all: loads.map((l) => l.fetch) },
    instantiateMs: { median: median(instantiate), all: instantiate },
    searchPrefix: search,
    chromium: context.browser()?.version() ?? null,
  };
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
  console.log(`# timings in Chromium: ${JSON.stringify(timings)}`);
});
