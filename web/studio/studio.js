/* studio.js: the canting studio page.  Plain JavaScript, no build step and
 * nothing fetched from the internet: it talks only to the studio's own API.
 *
 * The page keeps one state object; every control change updates it and asks
 * for a preview.  At most one preview is in flight: changes made meanwhile
 * collapse into one follow-up request, so a slider drag shows frames as fast
 * as the server renders them and never queues up stale ones.  Each preview
 * also carries this page's id and a sequence number, and the server drops a
 * queued preview once a newer one from the same page has arrived. */
'use strict';

const TEXT = {
  en: {
    motif: 'Motif', source: 'Source', parameters: 'Parameters', reset: 'Reset', colourway: 'Colourway',
    layout: 'Layout', fraction: 'Drop / shift', cloth: 'Cloth', print_dpi: 'Print dpi', border: 'Border',
    download: 'Download', proof: 'Proof PNG', films: 'Films (zip)', stages: 'Stage sheet',
    variations: 'Variations of', save_as: 'Save as', own_inks: 'Own inks', motifs_own: 'Your folder',
    motifs_library: 'Library', layout_own: "Motif's own ({0})", size_repeats: '2 × 2 repeats',
    size_custom: 'Custom size', size_square: '60 × 60 cm', size_wide: 'Segi empat 110 × 110 cm',
    size_sarung: 'Sarung 200 × 110 cm', size_panjang: 'Kain panjang 250 × 105 cm',
    print_info: 'Print: {0} × {1} px at {2} dpi', preview_info: 'preview {0} in {1} ms',
    rendering: 'Rendering…', ready: 'Ready', edited: 'edited', saved_state: 'as saved',
    error_at: 'Line {0}, column {1}: {2}', last_good: 'The preview shows the last version that loaded.',
    saved: 'Saved as {0}.motif in your folder.', overwrite: '{0}.motif exists. Replace it?',
    no_folder: 'Start the studio with a folder to save: canting studio FOLDER',
    downloading: 'Preparing {0}…', downloaded: 'Downloaded {0}.', failed: 'Failed: {0}',
    no_params: 'This motif has no parameters.', unreachable: 'The studio is not answering.',
    name_hint: 'Names are lower-case letters, digits and _.', no_border: 'no border',
  },
  id: {
    motif: 'Motif', source: 'Sumber', parameters: 'Parameter', reset: 'Setel ulang', colourway: 'Pewarnaan',
    layout: 'Tata letak', fraction: 'Geser / turun', cloth: 'Kain', print_dpi: 'dpi cetak', border: 'Pinggiran',
    download: 'Unduh', proof: 'Proof PNG', films: 'Film (zip)', stages: 'Lembar tahapan',
    variations: 'Variasi dari', save_as: 'Simpan sebagai', own_inks: 'Warna asli', motifs_own: 'Folder Anda',
    motifs_library: 'Pustaka', layout_own: 'Bawaan motif ({0})', size_repeats: '2 × 2 ulangan',
    size_custom: 'Ukuran lain', size_square: '60 × 60 cm', size_wide: 'Segi empat 110 × 110 cm',
    size_sarung: 'Sarung 200 × 110 cm', size_panjang: 'Kain panjang 250 × 105 cm',
    print_info: 'Cetak: {0} × {1} px pada {2} dpi', preview_info: 'pratinjau {0} dalam {1} md',
    rendering: 'Menggambar…', ready: 'Siap', edited: 'diubah', saved_state: 'sesuai berkas',
    error_at: 'Baris {0}, kolom {1}: {2}', last_good: 'Pratinjau menampilkan versi terakhir yang berhasil dimuat.',
    saved: 'Tersimpan sebagai {0}.motif di folder Anda.', overwrite: '{0}.motif sudah ada. Ganti?',
    no_folder: 'Jalankan studio dengan folder untuk menyimpan: canting studio FOLDER',
    downloading: 'Menyiapkan {0}…', downloaded: '{0} terunduh.', failed: 'Gagal: {0}',
    no_params: 'Motif ini tidak punya parameter.', unreachable: 'Studio tidak menjawab.',
    name_hint: 'Nama: huruf kecil, angka dan _.', no_border: 'tanpa pinggiran',
  },
};

const SIZE_PRESETS = [
  ['', 'size_repeats'], ['60x60cm', 'size_square'], ['110x110cm', 'size_wide'],
  ['200x110cm', 'size_sarung'], ['250x105cm', 'size_panjang'],
];

const $ = (id) => document.getElementById(id);

function pickLanguage() {
  const saved = localStorage.getItem('canting-studio-lang');
  if (saved === 'en' || saved === 'id') return saved;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const l of langs) {
    const base = String(l).toLowerCase().split('-')[0];
    if (base === 'id' || base === 'in') return 'id';
    if (base === 'en') return 'en';
  }
  return 'en';
}

const state = {
  lang: pickLanguage(),
  info: null,
  motifs: [],
  name: '',
  motif: null,          // the motif's JSON (from the server) for the last text that loaded
  where: 'library',
  savedSource: '',      // the text as it is on disk
  goodSource: '',       // the last text that loaded
  edited: false,
  values: {},           // parameter name -> value in the motif's unit (mm, deg, number)
  colourway: '',
  layout: '',
  fraction: 0.5,
  size: '',
  sizeChosen: false,
  dpi: '150',
  border: true,
  client: Math.random().toString(36).slice(2, 12) + Date.now().toString(36),
  seq: 0,
  inflight: false,
  pending: false,
  previewUrl: null,
};

function t(key, ...args) {
  const s = (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.en[key] || key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/* ---- talking to the studio ------------------------------------------------- */

function post(path, fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) body.append(k, String(v));
  // The header is what tells the studio the request comes from its own page.
  return fetch(path, { method: 'POST', headers: { 'X-Canting': '1' }, body });
}

async function errorOf(response) {
  try {
    const j = await response.json();
    return j.error || response.statusText;
  } catch (e) {
    return response.status + ' ' + response.statusText;
  }
}

function formatValue(kind, v) {
  const n = Number(v.toPrecision(6));
  return kind === 'mm' ? n + 'mm' : kind === 'deg' ? n + 'deg' : String(n);
}

/* The request fields that describe what is on screen. */
function sceneFields() {
  const f = { motif: state.name };
  if (state.edited) f.source = state.goodSource;
  for (const p of state.motif ? state.motif.params : []) {
    if (Math.abs(state.values[p.name] - p.value) > 1e-9) f['p.' + p.name] = formatValue(p.unit, state.values[p.name]);
  }
  if (state.colourway) f.colourway = state.colourway;
  if (state.layout) f.layout = state.layout;
  if (state.layout === 'half-drop' || state.layout === 'brick') f.fraction = state.fraction;
  if (state.size) f.size = state.size;
  f.dpi = state.dpi;
  if (state.motif && state.motif.border && !state.border) f.border = '0';
  return f;
}

/* ---- the preview ------------------------------------------------------------- */

function previewView() {
  const wrap = $('preview-wrap');
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const side = (v) => Math.max(16, Math.min(2048, Math.round((v - 24) * ratio)));
  return side(wrap.clientWidth) + 'x' + side(wrap.clientHeight);
}

function schedulePreview() {
  state.pending = true;
  if (!state.inflight) runPreview();
  updatePrintInfo();
}

async function runPreview() {
  if (!state.motif) return;
  state.pending = false;
  state.inflight = true;
  $('busy').hidden = false;
  const started = performance.now();
  const fields = Object.assign(sceneFields(), { view: previewView(), client: state.client, seq: ++state.seq });
  try {
    const r = await post('/api/preview', fields);
    if (r.ok) {
      const blob = await r.blob();
      const url = URL.createObjectURL(blob);
      const img = $('preview');
      img.src = url;
      if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
      state.previewUrl = url;
      img.dataset.seq = String(fields.seq);
      img.dataset.applied = r.headers.get('X-Canting-Applied') || '';
      $('render-info').textContent = t('preview_info', r.headers.get('X-Canting-Render') || '',
        Math.round(performance.now() - started));
      $('preview-error').hidden = true;
    } else if (r.status !== 409) { // 409: a newer preview was asked for
      showPreviewError(await errorOf(r));
    }
  } catch (e) {
    showPreviewError(t('unreachable'));
  }
  state.inflight = false;
  if (state.pending) runPreview();
  else $('busy').hidden = true;
}

function showPreviewError(message) {
  $('preview-error').textContent = message;
  $('preview-error').hidden = false;
}

/* "Print: W x H px at D dpi", worked out here from the size the server
 * parses; only a hint, the server checks for itself. */
function updatePrintInfo() {
  const m = state.motif;
  if (!m) return;
  let w = 2 * m.repeat.width_mm, h = 2 * m.repeat.height_mm;
  const s = /^\s*([\d.]+)\s*(?:(mm|cm|m|in)\s*)?x\s*([\d.]+)\s*(mm|cm|m|in)\s*$/i.exec(state.size);
  const unit = { mm: 1, cm: 10, m: 1000, in: 25.4 };
  if (s) {
    w = s[1] * unit[(s[2] || s[4]).toLowerCase()];
    h = s[3] * unit[s[4].toLowerCase()];
  } else if (state.size) {
    $('print-info').textContent = '';
    return;
  }
  const px = (mm) => Math.round(mm * state.dpi / 25.4);
  $('print-info').textContent = t('print_info', px(w), px(h), state.dpi);
}

/* ---- controls ----------------------------------------------------------------------- */

function stepFor(p) {
  const span = p.max - p.min;
  const raw = span / 200;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) || raw;
}

/* A value as a designer reads it: long lengths in cm, short in mm. */
function displayValue(p, v) {
  if (p.unit === 'mm') return p.max >= 50 ? (v / 10).toFixed(1) + ' cm' : v.toFixed(2) + ' mm';
  if (p.unit === 'deg') return (Math.round(v * 10) / 10) + '°';
  return Number(v.toPrecision(3)).toString();
}

function describe(p) {
  return (state.lang === 'id' && p.description_id) || p.description || '';
}

function buildParams() {
  const box = $('params');
  box.replaceChildren();
  const params = state.motif ? state.motif.params : [];
  if (!params.length) box.append(el('div', { class: 'hint', text: t('no_params') }));
  for (const p of params) {
    if (p.min === undefined || p.max === undefined || !(p.max > p.min)) continue;
    const input = el('input', { type: 'range', min: p.min, max: p.max, step: stepFor(p), id: 'param-' + p.name });
    input.value = state.values[p.name];
    input.setAttribute('aria-label', p.name);
    const out = el('output', { text: displayValue(p, state.values[p.name]) });
    const row = el('div', { class: 'param', 'data-param': p.name },
      el('div', { class: 'param-head' }, el('span', { class: 'param-name', text: p.name }), out),
      el('div', { class: 'param-desc', text: describe(p) }), input);
    row.classList.toggle('changed', Math.abs(state.values[p.name] - p.value) > 1e-9);
    input.addEventListener('input', () => {
      state.values[p.name] = Number(input.value);
      out.textContent = displayValue(p, state.values[p.name]);
      row.classList.toggle('changed', Math.abs(state.values[p.name] - p.value) > 1e-9);
      schedulePreview();
    });
    input.addEventListener('dblclick', () => {
      input.value = p.value;
      input.dispatchEvent(new Event('input'));
    });
    box.append(row);
  }
  const vary = $('vary');
  const before = vary.value;
  vary.replaceChildren(...params.filter((p) => p.max > p.min).map((p) => el('option', { value: p.name, text: p.name })));
  if (params.some((p) => p.name === before)) vary.value = before;
  $('dl-contact').disabled = vary.options.length === 0;
}

function swatches(colours) {
  return el('span', { class: 'swatches' }, ...colours.map((c) => {
    const s = el('span', { title: c });
    s.style.background = c;
    return s;
  }));
}

function buildColourways() {
  const box = $('colourways');
  box.replaceChildren();
  const m = state.motif;
  if (!m) return;
  const own = m.inks.map((i) => i.colour);
  const ways = [['', t('own_inks'), own]].concat(
    m.colourways.map((w) => [w.name, w.name, m.inks.map((i) => w.inks[i.name] || i.colour)]));
  if (!ways.some(([name]) => name === state.colourway)) state.colourway = '';
  for (const [name, label, colours] of ways) {
    const b = el('button', { type: 'button', class: 'way' + (name === state.colourway ? ' on' : ''), 'data-way': name },
      el('span', { text: label }), swatches(colours));
    b.addEventListener('click', () => {
      state.colourway = name;
      for (const x of box.children) x.classList.toggle('on', x === b);
      schedulePreview();
    });
    box.append(b);
  }
}

function buildLayouts() {
  const sel = $('layout');
  const own = state.motif ? state.motif.repeat.layout : 'straight';
  sel.replaceChildren(el('option', { value: '', text: t('layout_own', own) }),
    ...(state.info ? state.info.layouts : []).map((l) => el('option', { value: l, text: l })));
  sel.value = state.layout;
  $('fraction-row').hidden = !(state.layout === 'half-drop' || state.layout === 'brick');
}

function buildSizes() {
  if (!state.motif) return;
  const sel = $('size-preset');
  sel.replaceChildren(...SIZE_PRESETS.map(([v, k]) => el('option', { value: v, text: t(k) })),
    el('option', { value: '*', text: t('size_custom') }));
  sel.value = SIZE_PRESETS.some(([v]) => v === state.size) ? state.size : '*';
  $('size').value = state.size;
  $('border-row').hidden = !(state.motif && state.motif.border);
}

function buildAll() {
  buildParams();
  buildColourways();
  buildLayouts();
  buildSizes();
  updatePrintInfo();
}

/* Values follow a new text of the same motif where they still fit. */
function takeMotif(motif, keepValues) {
  const old = state.values;
  state.values = {};
  for (const p of motif.params) {
    const kept = old[p.name];
    const prev = state.motif && state.motif.params.find((q) => q.name === p.name);
    const moved = prev && Math.abs(kept - prev.value) > 1e-9;
    state.values[p.name] = keepValues && moved && kept >= p.min && kept <= p.max ? kept : p.value;
  }
  state.motif = motif;
  $('motif-title').textContent = (state.lang === 'id' && motif.title_id) || motif.title || '';
}

/* ---- motifs ------------------------------------------------------------------------- */

async function loadMotifList(select) {
  const r = await fetch('/api/motifs');
  const j = await r.json();
  state.motifs = j.motifs;
  const sel = $('motif');
  const groups = [['folder', t('motifs_own')], ['library', t('motifs_library')]];
  sel.replaceChildren(...groups.filter(([w]) => j.motifs.some((m) => m.where === w)).map(([w, label]) =>
    el('optgroup', { label }, ...j.motifs.filter((m) => m.where === w).map((m) =>
      el('option', { value: m.name, text: m.name + (m.error ? ' ⚠' : '') })))));
  if (select) sel.value = select;
}

async function openMotif(name) {
  const r = await fetch('/api/motif?name=' + encodeURIComponent(name));
  const j = await r.json();
  if (!r.ok && !j.source) {
    showPreviewError(j.error);
    return;
  }
  state.name = name;
  state.where = j.where;
  state.savedSource = state.goodSource = j.source;
  state.edited = false;
  state.colourway = '';
  state.layout = '';
  $('source').value = j.source;
  $('save-name').value = suggestName(name);
  $('save-message').textContent = '';
  updateGutter();
  if (j.motif) {
    state.motif = null;
    takeMotif(j.motif, false);
    // A border needs a cloth to stand on; a plain repeat shows best big.
    if (!state.sizeChosen) state.size = j.motif.border ? '110x110cm' : '';
    showSourceError(null);
    buildAll();
    schedulePreview();
  } else { // a motif that does not load: its text, to be mended, and no controls
    state.motif = null;
    buildAll();
    showSourceError(j);
  }
  updateSourceState();
  history.replaceState(null, '', '#' + name);
}

function suggestName(name) {
  const base = name.replace(/_v\d+$/, '');
  const taken = new Set(state.motifs.map((m) => m.name));
  for (let i = 2; i < 100; i++) if (!taken.has(base + '_v' + i)) return base + '_v' + i;
  return base + '_new';
}

/* ---- the editor ------------------------------------------------------------------------ */

const LINE_PX = 18;
let checkTimer = 0;
let checkSeq = 0;

function updateGutter(badLine) {
  const lines = $('source').value.split('\n').length;
  const g = $('gutter');
  g.replaceChildren();
  for (let i = 1; i <= lines; i++) {
    const s = el('span', { text: String(i) });
    if (i === badLine) s.className = 'bad';
    g.append(s, '\n');
  }
  g.scrollTop = $('source').scrollTop;
}

function placeErrorLine() {
  const mark = $('error-line');
  const line = Number(mark.dataset.line || 0);
  mark.hidden = !line;
  if (line) mark.style.top = (8 + (line - 1) * LINE_PX - $('source').scrollTop) + 'px';
}

function showSourceError(err) {
  const box = $('source-error');
  const mark = $('error-line');
  if (!err) {
    box.hidden = true;
    mark.dataset.line = '';
    placeErrorLine();
    updateGutter();
    return;
  }
  const line = err.line || 0;
  const message = String(err.error || '').replace(/^line \d+, column \d+: /, '');
  box.replaceChildren(line ? t('error_at', line, err.column, message) : message, el('br'),
    el('small', { text: t('last_good') }));
  box.dataset.line = String(line);
  box.dataset.column = String(err.column || 0);
  box.hidden = false;
  mark.dataset.line = String(line);
  placeErrorLine();
  updateGutter(line);
}

function updateSourceState() {
  $('source-state').textContent = $('source').value === state.savedSource ? t('saved_state') : t('edited');
}

async function checkSource() {
  const text = $('source').value;
  const mine = ++checkSeq;
  let r;
  try {
    r = await post('/api/check', { motif: state.name, source: text });
  } catch (e) {
    return;
  }
  const j = await r.json().catch(() => ({ error: r.statusText }));
  if (mine !== checkSeq) return; // the text changed again meanwhile
  if (r.ok) {
    state.goodSource = text;
    state.edited = text !== state.savedSource;
    takeMotif(j.motif, true);
    showSourceError(null);
    buildAll();
    schedulePreview();
  } else {
    showSourceError(j);
  }
}

function onSourceInput() {
  updateGutter(Number($('error-line').dataset.line || 0));
  updateSourceState();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkSource, 350);
}

/* The text to save: the editor's last good text with the sliders' values
 * written in as the parameters' defaults, under the new name. */
function sourceToSave(newName) {
  let text = state.goodSource;
  for (const p of state.motif.params) {
    if (Math.abs(state.values[p.name] - p.value) <= 1e-9) continue;
    const re = new RegExp('^(\\s*param\\s+' + p.name + '\\s*=\\s*)(.*?)(\\s+range\\b|\\s+"|\\s*#|\\s*$)', 'm');
    text = text.replace(re, (_, head, old, tail) => head + formatValue(p.unit, state.values[p.name]) + tail);
  }
  return text.replace(/^(\s*motif\s+)([A-Za-z_][A-Za-z0-9_-]*)/m, (_, head) => head + newName);
}

async function save(overwrite) {
  const name = $('save-name').value.trim();
  const msg = $('save-message');
  if (!state.motif) return;
  if (!/^[a-z0-9_]{1,64}$/.test(name)) {
    msg.textContent = t('name_hint');
    return;
  }
  if (state.info && !state.info.motif_dir) {
    msg.textContent = t('no_folder');
    return;
  }
  const source = sourceToSave(name);
  const r = await post('/api/save', { name, source, overwrite: overwrite ? '1' : '0' });
  if (r.status === 409 && !overwrite) {
    if (confirm(t('overwrite', name))) save(true);
    return;
  }
  if (!r.ok) {
    msg.textContent = t('failed', await errorOf(r));
    return;
  }
  const keep = { colourway: state.colourway, layout: state.layout };
  await loadMotifList(name);
  await openMotif(name);
  Object.assign(state, keep);
  buildAll();
  schedulePreview();
  msg.textContent = t('saved', name);
}

/* ---- downloads ------------------------------------------------------------------------------ */

async function download(button, path, extra) {
  const label = button.textContent;
  const status = $('status');
  button.disabled = true;
  button.classList.add('working');
  status.textContent = t('downloading', label);
  try {
    const r = await post(path, Object.assign(sceneFields(), extra || {}));
    if (!r.ok) {
      status.textContent = t('failed', await errorOf(r));
      return;
    }
    const blob = await r.blob();
    const m = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '');
    const a = el('a', { href: URL.createObjectURL(blob), download: m ? m[1] : 'canting-download' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    status.textContent = t('downloaded', m ? m[1] : label);
  } catch (e) {
    status.textContent = t('unreachable');
  } finally {
    button.disabled = false;
    button.classList.remove('working');
  }
}

/* ---- language ------------------------------------------------------------------------------ */

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  for (const b of document.querySelectorAll('[data-lang]')) b.classList.toggle('on', b.dataset.lang === state.lang);
  $('save-name').title = t('name_hint');
  if (state.motif) {
    $('motif-title').textContent = (state.lang === 'id' && state.motif.title_id) || state.motif.title || '';
    buildAll();
  }
}

/* ---- wiring ------------------------------------------------------------------------------ */

function wire() {
  $('motif').addEventListener('change', () => openMotif($('motif').value));
  $('reset').addEventListener('click', () => {
    for (const p of state.motif ? state.motif.params : []) state.values[p.name] = p.value;
    buildParams();
    schedulePreview();
  });
  $('layout').addEventListener('change', () => {
    state.layout = $('layout').value;
    $('fraction-row').hidden = !(state.layout === 'half-drop' || state.layout === 'brick');
    schedulePreview();
  });
  $('fraction').addEventListener('input', () => {
    state.fraction = Number($('fraction').value);
    $('fraction-value').textContent = state.fraction.toFixed(2);
    schedulePreview();
  });
  $('size-preset').addEventListener('change', () => {
    if ($('size-preset').value === '*') return $('size').focus();
    state.size = $('size').value = $('size-preset').value;
    state.sizeChosen = true;
    schedulePreview();
  });
  let sizeTimer = 0;
  $('size').addEventListener('input', () => {
    clearTimeout(sizeTimer);
    sizeTimer = setTimeout(() => {
      state.size = $('size').value.trim();
      state.sizeChosen = true;
      $('size-preset').value = SIZE_PRESETS.some(([v]) => v === state.size) ? state.size : '*';
      schedulePreview();
    }, 400);
  });
  $('dpi').addEventListener('change', () => {
    state.dpi = $('dpi').value;
    updatePrintInfo();
  });
  $('border').addEventListener('change', () => {
    state.border = $('border').checked;
    schedulePreview();
  });
  const src = $('source');
  src.addEventListener('input', onSourceInput);
  src.addEventListener('scroll', () => {
    $('gutter').scrollTop = src.scrollTop;
    placeErrorLine();
  });
  src.addEventListener('keydown', (e) => { // a tab key indents rather than leaving the editor
    if (e.key !== 'Tab' || e.shiftKey) return;
    e.preventDefault();
    src.setRangeText('  ', src.selectionStart, src.selectionEnd, 'end');
    onSourceInput();
  });
  $('source-error').addEventListener('click', () => { // jump to the mistake
    const line = Number($('source-error').dataset.line), col = Number($('source-error').dataset.column);
    if (!line) return;
    const lines = src.value.split('\n');
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    src.focus();
    src.setSelectionRange(at + Math.max(col - 1, 0), at + Math.max(col - 1, 0));
  });
  $('save').addEventListener('click', () => save(false));
  $('editor-toggle').addEventListener('click', () => {
    $('main').classList.toggle('no-editor');
    $('main').classList.toggle('show-editor');
    schedulePreview();
  });
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      state.lang = b.dataset.lang;
      localStorage.setItem('canting-studio-lang', state.lang);
      applyLanguage();
    });
  }
  $('dl-proof').addEventListener('click', (e) => download(e.currentTarget, '/api/proof'));
  $('dl-films').addEventListener('click', (e) => download(e.currentTarget, '/api/films'));
  $('dl-stages').addEventListener('click', (e) => download(e.currentTarget, '/api/stages'));
  $('dl-contact').addEventListener('click', (e) => download(e.currentTarget, '/api/contact', { vary: $('vary').value }));
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(schedulePreview, 200);
  });
}

async function start() {
  wire();
  applyLanguage();
  try {
    state.info = await (await fetch('/api/info')).json();
    await loadMotifList();
  } catch (e) {
    showPreviewError(t('unreachable'));
    return;
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  const names = state.motifs.map((m) => m.name);
  const first = names.includes(wanted) ? wanted : names.includes('metro') ? 'metro' : names[0];
  if (first) {
    $('motif').value = first;
    await openMotif(first);
  }
  $('status').textContent = t('ready');
}

start();
