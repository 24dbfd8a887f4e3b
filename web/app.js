// The demo address form: cascading province → commune selects, a type-ahead search
// box and an old → new address box, all answered by the dvhc package in the page.
// Everything it shows comes from the package's results; nothing is fetched after the
// page and the module have loaded.
import { init, provinces, communes, get, search, translate, dataVersion } from '../wasm/pkg/index.js';

const TEXT = {
  vi: {
    title: 'Địa chỉ theo đơn vị hành chính mới',
    toggle: 'English',
    loading: 'Đang tải dữ liệu…',
    ready: 'Sẵn sàng.',
    failed: 'Không tải được dữ liệu.',
    findTitle: 'Tìm nhanh',
    findLabel: 'Tìm phường, xã, tỉnh (không cần dấu)',
    findHelp: 'Ví dụ: “ben nghe”, “tp hcm”. Mũi tên lên/xuống để chọn, Enter để điền vào biểu mẫu.',
    formTitle: 'Địa chỉ mới',
    province: 'Tỉnh / thành phố',
    commune: 'Phường / xã / đặc khu',
    street: 'Số nhà, đường',
    chooseProvince: '— Chọn tỉnh / thành phố —',
    chooseCommune: '— Chọn phường / xã —',
    oldTitle: 'Tôi có địa chỉ cũ: địa chỉ mới là gì?',
    oldLabel: 'Địa chỉ cũ (trước 1/7/2025)',
    convert: 'Chuyển đổi',
    data: 'Dữ liệu',
    offline: 'Chạy hoàn toàn trong trình duyệt, không gửi dữ liệu đi đâu.',
    results: (n) => `${n} kết quả`,
    noResults: 'Không tìm thấy.',
    legacy: 'trước 2025',
    whole: 'toàn bộ',
    partial: 'một phần',
    use: 'Dùng địa chỉ này',
    oldUnits: 'Địa chỉ cũ được hiểu là',
    newAddress: 'Địa chỉ mới',
    split: (n) => `Đơn vị cũ đã được chia cho ${n} đơn vị mới; chọn một:`,
    oneCandidate: 'Đơn vị mới:',
    successorsOf: (name) => `${name} nay thuộc:`,
    error: 'Không chuyển đổi được',
  },
  en: {
    title: 'Addresses in the new administrative units',
    toggle: 'Tiếng Việt',
    loading: 'Loading data…',
    ready: 'Ready.',
    failed: 'The data could not be loaded.',
    findTitle: 'Quick find',
    findLabel: 'Find a ward, commune or province (no diacritics needed)',
    findHelp: 'For example “ben nghe”, “tp hcm”. Up/down arrows to choose, Enter to fill in the form.',
    formTitle: 'New address',
    province: 'Province / city',
    commune: 'Ward / commune / special zone',
    street: 'House number, street',
    chooseProvince: '— Choose a province or city —',
    chooseCommune: '— Choose a ward or commune —',
    oldTitle: 'I have my old address: what is it now?',
    oldLabel: 'Old address (before 1 July 2025)',
    convert: 'Convert',
    data: 'Data',
    offline: 'Runs entirely in your browser; nothing is sent anywhere.',
    results: (n) => `${n} result${n === 1 ? '' : 's'}`,
    noResults: 'Nothing found.',
    legacy: 'before 2025',
    whole: 'whole',
    partial: 'partial',
    use: 'Use this address',
    oldUnits: 'The old address was read as',
    newAddress: 'New address',
    split: (n) => `The old unit was split between ${n} new units; choose one:`,
    oneCandidate: 'New unit:',
    successorsOf: (name) => `${name} is now part of:`,
    error: 'Could not convert',
  },
};

let lang = 'vi';
const t = (key, ...args) => {
  const v = TEXT[lang][key];
  return typeof v === 'function' ? v(...args) : v;
};
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
};

const find = $('find');
const list = $('find-list');
const provinceSelect = $('province');
const communeSelect = $('commune');
let hits = [];
let active = -1;
let rerender = () => {};

// The status line, kept as a function of the language so that the toggle redraws it.
let status = () => t('loading');
function setStatus(text) {
  status = text;
  $('status').textContent = status();
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) {
    node.textContent = t(node.dataset.t);
  }
  $('lang').setAttribute('aria-pressed', String(lang === 'en'));
  $('status').textContent = status();
  if (hits.length) renderList();
  rerender();
}

// --- The cascading selects --------------------------------------------------------

function fillProvinces() {
  for (const p of provinces()) {
    provinceSelect.append(el('option', { value: p.code, textContent: p.name }));
  }
  provinceSelect.disabled = false;
}

function fillCommunes(provinceCode) {
  communeSelect.replaceChildren(el('option', { value: '', textContent: t('chooseCommune') }));
  communeSelect.firstChild.dataset.t = 'chooseCommune';
  const list = provinceCode ? communes(provinceCode) : null;
  for (const c of list ?? []) {
    communeSelect.append(el('option', { value: c.code, textContent: c.name }));
  }
  communeSelect.disabled = !list;
}

function showFull() {
  const parts = [$('street').value.trim()];
  for (const s of [communeSelect, provinceSelect]) {
    if (s.value) parts.push(s.selectedOptions[0].textContent);
  }
  $('full').textContent = provinceSelect.value ? parts.filter(Boolean).join(', ') : '';
}

/** Puts a current province (and commune) into the form. */
function choose(provinceCode, communeCode) {
  if (provinceSelect.value !== provinceCode) {
    provinceSelect.value = provinceCode;
    fillCommunes(provinceCode);
  }
  communeSelect.value = communeCode ?? '';
  showFull();
  (communeCode ? $('street') : communeSelect).focus();
}

// --- The type-ahead ----------------------------------------------------------------

function lookUp(query) {
  if (!query.trim()) return [];
  const found = search(query, { prefix: true, limit: 8 });
  // Nothing starts so: perhaps a typo.
  return found.length || query.trim().length < 4 ? found : search(query, { fuzzy: true, limit: 8 });
}

function describeHit(h) {
  const where = [h.district?.name, h.level !== 'province' ? h.province.name : null].filter(Boolean);
  if (h.era === 'legacy') where.push(t('legacy'));
  return where.join(', ');
}

function renderList() {
  list.replaceChildren(
    ...hits.map((h, i) =>
      el(
        'li',
        { id: `find-opt-${i}`, role: 'option' },
        el('span', { textContent: h.name }),
        ' ',
        el('small', { textContent: describeHit(h) }),
      ),
    ),
  );
  for (const [i, li] of [...list.children].entries()) {
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', String(i === active));
    li.addEventListener('mousedown', (e) => e.preventDefault());
    li.addEventListener('click', () => pick(i));
  }
  const open = hits.length > 0;
  list.hidden = !open;
  find.setAttribute('aria-expanded', String(open));
  if (active >= 0) {
    find.setAttribute('aria-activedescendant', `find-opt-${active}`);
    list.children[active].scrollIntoView({ block: 'nearest' });
  } else {
    find.removeAttribute('aria-activedescendant');
  }
}

function close() {
  hits = [];
  active = -1;
  renderList();
}

function pick(i) {
  const h = hits[i];
  close();
  if (!h) return;
  find.value = h.name;
  if (h.era === 'current') {
    choose(h.level === 'province' ? h.code : h.province.code, h.level === 'commune' ? h.code : null);
    return;
  }
  // A unit of the old structure: where it went.
  const unit = get(h.code, { era: 'legacy' });
  const next = unit?.successors ?? [];
  if (h.level === 'province' && next.length === 1) {
    choose(next[0].code, null);
  } else if (next.length === 1) {
    const c = get(next[0].code);
    choose(c.province.code, c.code);
  } else {
    showSuccessors(unit);
  }
}

find.addEventListener('input', () => {
  hits = lookUp(find.value);
  active = -1;
  renderList();
  const n = find.value.trim() ? hits.length : null;
  setStatus(() => (n === null ? '' : n ? t('results', n) : t('noResults')));
});

find.addEventListener('keydown', (e) => {
  const n = hits.length;
  if (e.key === 'ArrowDown' && n) {
    active = (active + 1) % n;
  } else if (e.key === 'ArrowUp' && n) {
    active = active <= 0 ? n - 1 : active - 1;
  } else if (e.key === 'Home' && n && active >= 0) {
    active = 0;
  } else if (e.key === 'End' && n && active >= 0) {
    active = n - 1;
  } else if (e.key === 'Enter' && active >= 0) {
    pick(active);
    e.preventDefault();
    return;
  } else if (e.key === 'Escape' && n) {
    close();
    e.preventDefault();
    return;
  } else {
    return;
  }
  e.preventDefault();
  renderList();
});

find.addEventListener('blur', () => setTimeout(close, 0));

// --- Old → new ---------------------------------------------------------------------

function candidateItem(province, commune, share) {
  const name = commune ? `${commune.name}, ${province.name}` : province.name;
  const use = el('button', { type: 'button', textContent: t('use') });
  use.addEventListener('click', () => choose(province.code, commune?.code ?? null));
  return el(
    'li',
    {},
    el('span', { textContent: name }),
    el('span', { className: `share ${share}`, textContent: t(share) }),
    ' ',
    use,
  );
}

function showSuccessors(unit) {
  rerender = () => showSuccessors(unit);
  const items = unit.successors.map((s) => {
    const c = get(s.code);
    return candidateItem(c.province, { code: c.code, name: c.name }, s.share);
  });
  $('old-result').replaceChildren(
    el('p', { textContent: t('successorsOf', unit.name) }),
    el('ul', { className: 'candidates' }, ...items),
  );
}

function showTranslation(r) {
  rerender = () => showTranslation(r);
  const out = [];
  if (r.error) {
    out.push(el('p', { className: 'error', textContent: `${t('error')}: ${r.error.message}` }));
  } else {
    if (r.legacy) {
      const old = [r.legacy.commune, r.legacy.district, r.legacy.province].filter(Boolean).map((u) => u.name);
      out.push(el('p', { textContent: `${t('oldUnits')}: ${old.join(', ')}` }));
    }
    if (r.formatted) {
      out.push(el('p', { className: 'result', textContent: `${t('newAddress')}: ${r.formatted}` }));
    }
    const n = r.candidates.length;
    out.push(el('p', { textContent: n > 1 ? t('split', n) : t('oneCandidate') }));
    out.push(
      el('ul', { className: 'candidates' }, ...r.candidates.map((c) => candidateItem(c.province, c.commune, c.share))),
    );
  }
  $('old-result').replaceChildren(...out);
}

$('old-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showTranslation(translate($('old').value));
});

provinceSelect.addEventListener('change', () => {
  fillCommunes(provinceSelect.value);
  showFull();
});
communeSelect.addEventListener('change', showFull);
$('street').addEventListener('input', showFull);
$('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  applyLanguage();
});

// --- Start -------------------------------------------------------------------------

const start = performance.now();
try {
  await init();
  const initMs = performance.now() - start;
  window.dvhcDemo = { initMs, search, translate };
  $('data-version').textContent = dataVersion;
  fillProvinces();
  for (const id of ['find', 'old', 'old-go']) $(id).disabled = false;
  setStatus(() => t('ready'));
  document.body.dataset.ready = 'true';
} catch (e) {
  setStatus(() => `${t('failed')} ${e}`);
  document.body.dataset.ready = 'failed';
}
