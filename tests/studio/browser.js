// browser.js: the studio page in headless Chromium, as a designer uses it.
//
//   node tests/studio/browser.js URL OUT_DIR MOTIF_DIR
//
// Opens the page, picks the Metro motif, moves a slider and checks that the
// preview changed and that the value reached the server, saves the variation
// into MOTIF_DIR, downloads the films and the stage sheet, breaks the motif's
// text and checks that the mistake is shown at its line while the last good
// preview stays, and saves screenshots into OUT_DIR.  Prints "N passed,
// N failed"; exits nonzero on any failure.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, outDir, motifDir] = process.argv.slice(2);
const results = { passed: 0, failed: 0 };

function check(name, ok, detail) {
  if (ok) results.passed++;
  else {
    results.failed++;
    console.log('FAIL ' + name + (detail !== undefined ? ': ' + detail : ''));
  }
}

// The preview's pixels (through a canvas: the page's policy lets no script
// fetch its blob URLs), so two previews can be compared.
async function previewBytes(page) {
  return page.evaluate(() => {
    const img = document.getElementById('preview');
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    c.getContext('2d').drawImage(img, 0, 0);
    return c.toDataURL('image/png');
  });
}

async function waitForPreviewAfter(page, seq) {
  await page.waitForFunction((s) => Number(document.getElementById('preview').dataset.seq || 0) > s &&
    document.getElementById('busy').hidden, seq, { timeout: 20000 });
  return page.evaluate(() => Number(document.getElementById('preview').dataset.seq));
}

async function downloadVia(page, button, dir) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click(button)]);
  const file = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

async function run(browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB', acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  // A 4xx the page asked for and handled (a motif with a mistake) is logged by
  // the browser as a failed resource; only script errors count here.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text());
  });

  await page.goto(url);
  await page.waitForSelector('#motif option[value="metro"]', { state: 'attached' });
  await page.selectOption('#motif', 'metro');
  let seq = await waitForPreviewAfter(page, 0);
  await page.waitForSelector('#param-size');
  check('the Metro parameters are shown', await page.locator('.param').count() >= 5);
  check('the page speaks English here', (await page.textContent('[data-t="parameters"]')) === 'Parameters');
  const before = await previewBytes(page);

  // Move the wingspan slider five steps with the keyboard, as a person would.
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/preview') && /p\.size=/.test(r.postData() || ''));
  await page.focus('#param-size');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const request = await sent;
  const response = await request.response();
  const sentValue = new URLSearchParams(request.postData()).get('p.size');
  check('the slider value is sent', sentValue !== null && Number(sentValue) > 0.3, sentValue);
  check('the server applied it', /size=/.test((await response.allHeaders())['x-canting-applied'] || ''),
    JSON.stringify(await response.allHeaders()));
  seq = await waitForPreviewAfter(page, seq);
  const sliderValue = await page.inputValue('#param-size');
  await page.waitForFunction((v) => /size=/.test(document.getElementById('preview').dataset.applied) &&
    document.getElementById('preview').dataset.applied.includes('size=' + Number(v)), sliderValue, { timeout: 20000 });
  const after = await previewBytes(page);
  check('the preview changed', after !== before);
  check('the last preview shows the slider value',
    (await page.getAttribute('#preview', 'data-applied')).includes('size=' + Number(sliderValue)),
    await page.getAttribute('#preview', 'data-applied'));

  // A colourway, then the clean screenshot for the README.
  await page.click('.way[data-way="tapis"]');
  seq = await waitForPreviewAfter(page, seq);
  await page.evaluate(() => { document.activeElement.blur(); document.querySelector('.panel').scrollTop = 0; });
  await page.mouse.move(720, 880); // off the controls, so none shows its hover state
  await page.screenshot({ path: path.join(outDir, 'studio.png') });

  // Save the variation into the motif folder, then download its films and stage sheet.
  await page.fill('#save-name', 'metro_tapis');
  await page.click('#save');
  await page.waitForFunction(() => /metro_tapis/.test(document.getElementById('save-message').textContent), null,
    { timeout: 20000 });
  const saved = path.join(motifDir, 'metro_tapis.motif');
  const savedText = fs.existsSync(saved) ? fs.readFileSync(saved, 'utf8') : '';
  check('the variation is saved', /^motif metro_tapis\b/m.test(savedText), savedText.slice(0, 200));
  check('with the slider value as its default', new RegExp('^param size\\s*=\\s*' + Number(sliderValue) + '\\b', 'm')
    .test(savedText));
  check('and it is now the open motif', (await page.inputValue('#motif')) === 'metro_tapis');
  seq = await waitForPreviewAfter(page, 0).catch(() => seq);

  await page.selectOption('#dpi', '72');
  const films = await downloadVia(page, '#dl-films', outDir);
  const zip = fs.readFileSync(films);
  check('films download as a zip', zip.readUInt32LE(0) === 0x04034b50 && /metro_tapis-films\.zip$/.test(films), films);
  check('with a film per ink', (zip.toString('latin1').match(/metro_tapis-[a-z]+\.png/g) || []).length >= 8);
  const stages = await downloadVia(page, '#dl-stages', outDir);
  check('the stage sheet downloads as a PNG', fs.readFileSync(stages).readUInt32BE(0) === 0x89504e47, stages);
  const proof = await downloadVia(page, '#dl-proof', outDir);
  check('the proof downloads as a PNG', fs.readFileSync(proof).readUInt32BE(0) === 0x89504e47 &&
    /metro_tapis-proof\.png$/.test(proof), proof);
  await page.selectOption('#vary', 'pose');
  const sheet = await downloadVia(page, '#dl-contact', outDir);
  check('the variations sheet downloads', /metro_tapis-pose-variations\.png$/.test(sheet), sheet);

  // Break the text on line 14 and see the mistake reported there.
  const goodPreview = await previewBytes(page);
  await page.evaluate(() => {
    const src = document.getElementById('source');
    const lines = src.value.split('\n');
    lines[13] = lines[13].replace(/"[^"]*"/, (d) => d + ' bogus');
    src.value = lines.join('\n');
    src.dispatchEvent(new Event('input'));
  });
  await page.waitForSelector('#source-error:not([hidden])', { timeout: 20000 });
  const message = await page.textContent('#source-error');
  check('the error names line 14', /Line 14, column \d+/.test(message), message);
  check('the gutter marks line 14', (await page.textContent('#gutter .bad')) === '14');
  check('the last good preview stays', (await previewBytes(page)) === goodPreview);
  await page.screenshot({ path: path.join(outDir, 'studio-error.png') });

  // Indonesian, following the browser's language.
  const idPage = await browser.newPage({ locale: 'id-ID', viewport: { width: 1200, height: 800 } });
  await idPage.goto(url);
  await idPage.waitForSelector('#motif option', { state: 'attached' });
  check('Indonesian for an Indonesian browser', (await idPage.textContent('[data-t="parameters"]')) === 'Parameter');
  await idPage.close();

  check('no script errors', problems.length === 0, problems.join(' | '));
  await context.close();
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  // playwright-core starts Chromium with a fresh --user-data-dir of its own
  // (a new temporary profile, removed on close) and refuses one in args.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await run(browser);
  } catch (e) {
    check('the run finished', false, e.stack || String(e));
  } finally {
    await browser.close();
  }
  console.log(results.passed + ' passed, ' + results.failed + ' failed');
  process.exit(results.failed ? 1 : 0);
})();
