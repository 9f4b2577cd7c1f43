// Pictures in a plan, and print() (issue 23, first step), in Chromium: a picture chosen from a
// real file, described, undone and redone, moved and taken out; printed with the element's own
// print() to PDF, its pages turned into pixels (pdftoppm) and text (pdftotext); a 10 MB photo,
// a file that is not a picture and one over 30 MB; axe in English and Welsh; a 320 px screen;
// a phone's camera button; a record printed as a summary list.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { launch, openPage, axeCheck, screenshot, BASE_URL } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const PHOTO = join(here, 'fixtures', 'photo.png');

let browser;
before(async () => {
  browser = await launch();
  mkdirSync(artifacts, { recursive: true });
});
after(async () => {
  await browser?.close();
});

const $ = (page, id) => page.locator(`ourplan-plan [id="${id}"]`);
const value = (page) => page.evaluate(() => document.querySelector('ourplan-plan').value);
const active = (page) => page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement?.id ?? null);

async function openPlan(path = '/plan.html', options = {}) {
  const page = options.context ? await options.context.newPage() : (await browser.newContext(options)).newPage();
  const opened = await page;
  opened.consoleMessages = [];
  opened.pageErrors = [];
  opened.on('console', (m) => opened.consoleMessages.push({ type: m.type(), text: m.text() }));
  opened.on('pageerror', (e) => opened.pageErrors.push(String(e)));
  await opened.goto(BASE_URL + path);
  await opened.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
  return opened;
}

/** Adds a block of `kind` at the end of the plan and returns its id (focus goes into it). */
async function add(page, kind) {
  await $(page, 'op-add-top-kind').selectOption(kind);
  await $(page, 'op-add-top').click();
  return page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement.closest('.op-plan-block').id.replace(/^op-b-/, ''));
}

/** Chooses `file` (a path, or { name, mimeType, buffer }) for picture block `id`. */
async function choose(page, id, file) {
  await $(page, `op-f-${id}-picture-file`).setInputFiles(file);
}

const note = (page, id) => page.locator(`ourplan-plan [id="op-f-${id}-picture-note"]`);

/** A PNG of `w` x `h` pixels of noise: about 3 bytes a pixel, however it is compressed. */
function noisePng(w, h) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) randomBytes(w * 3).copy(raw, y * (w * 3 + 1) + 1);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const head = Buffer.alloc(13);
  head.writeUInt32BE(w, 0);
  head.writeUInt32BE(h, 4);
  head.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', head), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Calls the element's print() and prints the copy it made to PDF, as the browser would: the
 * frame's document, opened on a page of the same origin. Returns the PDF's path.
 */
async function printToPdf(page, selector, name) {
  await page.evaluate((s) => document.querySelector(s).print(), selector);
  const doc = await page.evaluate(() => document.querySelector('iframe[data-ourplan-print]')?.srcdoc ?? null);
  assert.ok(doc, 'print() made a copy to print');
  assert.ok(!/<button|<input|<textarea|<select/.test(doc), 'no controls in the printed copy');
  const paper = await page.context().newPage();
  await paper.goto(`${BASE_URL}/embed-test.html`);
  await paper.setContent(doc, { waitUntil: 'load' });
  const pdf = join(artifacts, `${name}.pdf`);
  writeFileSync(pdf, await paper.pdf({ format: 'A4' }));
  await paper.close();
  return pdf;
}

/** The PDF's pages as pixels: [{ width, height, rgb }], read from pdftoppm's PPM output. */
function pages(pdf, name) {
  const prefix = join(artifacts, name);
  execFileSync('pdftoppm', ['-r', '40', pdf, prefix]);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix]);
  const out = [];
  for (let n = 1; ; n++) {
    let file;
    try {
      file = readFileSync(`${prefix}-${n}.ppm`);
    } catch {
      break;
    }
    const text = file.subarray(0, 40).toString('latin1');
    const [, w, h] = text.match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
    const start = text.match(/^P6\s+\d+\s+\d+\s+255\s/)[0].length;
    out.push({ width: Number(w), height: Number(h), rgb: file.subarray(start) });
  }
  return out;
}

/** How many pixels of `page` are close to the photo's yellow circle (255, 200, 0). */
function yellow({ rgb }) {
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    if (rgb[i] > 220 && rgb[i + 1] > 165 && rgb[i + 1] < 235 && rgb[i + 2] < 60) n++;
  }
  return n;
}

function noKitErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

test('a picture from a file: described, undone, redone, moved, taken out, and printed with it', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  await $(page, 'op-title').fill('Megan’s plan');
  const words = await add(page, 'whatMatters');
  await $(page, `op-f-${words}-text`).fill('My dog Bran and the sea.');
  const pic = await add(page, 'picture');
  assert.equal(await active(page), `op-f-${pic}-picture`, 'focus on "Choose a picture"');
  assert.equal(await page.locator(`ourplan-plan [id="op-f-${pic}-picture"]`).textContent(), 'Choose a picture');
  await choose(page, pic, PHOTO);
  await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
  assert.match(await note(page, pic).textContent(), /^Picture added\. It was made smaller to fit in your plan \(129 KB to \d+ KB\)\.$/);
  // The gentle prompt: focus on the description, which may be left empty.
  assert.equal(await active(page), `op-f-${pic}-description`);
  // Without a description, the picture is "Picture" and the plan's title, never a file name.
  assert.equal(await page.getByRole('img', { name: 'Picture: Megan’s plan' }).count(), 1);
  let v = await value(page);
  const [key] = Object.keys(v.pictures);
  assert.match(key, /^sha256:[0-9a-f]{64}$/);
  assert.equal(v.pictures[key].type, 'image/webp', 'WebP where the canvas writes it');
  assert.deepEqual([v.pictures[key].width, v.pictures[key].height], [1200, 900], 'longest side 1,200');
  assert.ok(v.pictures[key].data.length * 0.75 <= 200_000);
  assert.deepEqual(v.blocks.find((b) => b.id === pic), { id: pic, kind: 'picture', picture: key, description: '' });
  assert.ok(!JSON.stringify(v).includes('photo.png'), 'the file name is not kept');

  await page.keyboard.type('Bran on the beach at Aberaeron');
  await page.locator('ourplan-plan [id="op-undo"]').focus();
  assert.equal(await page.getByRole('img', { name: 'Bran on the beach at Aberaeron' }).count(), 1);
  // Undo takes back the words, then the picture; redo brings the picture back, the same one.
  await page.keyboard.press('Enter');
  assert.equal((await value(page)).blocks[1].description, '');
  // Focus went to the block the undo changed; the Undo button again.
  assert.equal(await active(page), `op-b-${pic}`);
  await $(page, 'op-undo').click();
  await page.waitForFunction(() => !document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
  v = await value(page);
  assert.equal(v.blocks[1].picture, '');
  assert.equal(v.pictures, undefined, 'a picture no block shows is not in the value');
  await $(page, 'op-redo').click();
  await $(page, 'op-redo').click();
  await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
  v = await value(page);
  assert.equal(v.blocks[1].picture, key);
  assert.equal(v.blocks[1].description, 'Bran on the beach at Aberaeron');
  // Moved like any block: up above the words.
  await $(page, `op-b-${pic}-up`).click();
  assert.deepEqual((await value(page)).blocks.map((b) => b.id), [pic, words]);
  await screenshot(page, 'pictures-builder');

  // print(): the element alone, the picture on paper.
  const pdf = await printToPdf(page, 'ourplan-plan', 'pictures-plan');
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.ok(text.includes('Megan’s plan'), text);
  assert.ok(text.includes('Bran on the beach at Aberaeron'), 'the description under the picture');
  assert.ok(text.includes('My dog Bran and the sea.'));
  for (const tool of ['Undo', 'Choose a different picture', 'Take the picture out', 'Print your plan', 'Demo settings']) {
    assert.ok(!text.includes(tool), `no "${tool}" on paper`);
  }
  const printed = pages(pdf, 'pictures-plan');
  assert.equal(printed.length, 1, 'one page');
  assert.ok(yellow(printed[0]) > 500, `the photo's yellow circle is on the page (${yellow(printed[0])} pixels)`);

  // Taken out: the block stays with its words; the value holds no picture.
  await $(page, `op-f-${pic}-picture-remove`).click();
  await page.waitForFunction(() => !document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
  v = await value(page);
  assert.equal(v.pictures, undefined);
  assert.equal(v.blocks[0].description, 'Bran on the beach at Aberaeron');
  noKitErrors(page);
  await page.context().close();
});

test('a picture beside any block’s heading: added, named by the block, printed beside it, taken out', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  const words = await add(page, 'whatMatters');
  await $(page, `op-f-${words}-text`).fill('Walking by the sea');
  assert.equal(await $(page, `op-b-${words}-picture`).textContent(), 'Add a picture Walking by the sea');
  await $(page, `op-b-${words}-picture-file`).setInputFiles(PHOTO);
  await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-block__picture'));
  assert.equal(await page.getByRole('img', { name: 'Picture: Walking by the sea' }).count(), 1);
  assert.match(await page.locator(`ourplan-plan [id="op-b-${words}-picture-note"]`).textContent(), /^Picture added\./);
  const v = await value(page);
  const [key] = Object.keys(v.pictures);
  assert.equal(v.blocks[0].headingPicture, key);
  const pdf = await printToPdf(page, 'ourplan-plan', 'pictures-beside');
  const printed = pages(pdf, 'pictures-beside');
  assert.ok(yellow(printed[0]) > 20, `the picture is beside the words on paper (${yellow(printed[0])} pixels)`);
  assert.ok(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).includes('Walking by the sea'));
  await $(page, `op-b-${words}-picture-remove`).click();
  await page.waitForFunction(() => !document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-block__picture'));
  assert.equal((await value(page)).blocks[0].headingPicture, undefined);
  await $(page, 'op-undo').click();
  await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-block__picture'));
  assert.deepEqual(await axeCheck(page), []);
  noKitErrors(page);
  await page.context().close();
});

test('two copies that chose different pictures: both shown side by side, chosen by keyboard, nothing lost', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  await add(page, 'picture');
  // The shared starting point: both copies come from it (as a file sent and opened).
  const base = await value(page);
  const other = await page.context().newPage();
  await other.goto(`${BASE_URL}/plan.html`);
  await other.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'));
  await page.evaluate((v) => { document.querySelector('ourplan-plan').value = v; }, base);
  await other.evaluate((v) => { document.querySelector('ourplan-plan').value = v; }, base);
  const pic = base.blocks[0].id;
  await choose(page, pic, PHOTO);
  await other.locator(`ourplan-plan [id="op-f-${pic}-picture-file"]`).setInputFiles({ name: 'beach.png', mimeType: 'image/png', buffer: noisePng(300, 200) });
  await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
  await other.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
  const theirs = await other.evaluate(() => document.querySelector('ourplan-plan').value);
  const ourKey = (await value(page)).blocks[0].picture;
  const summary = await page.evaluate((v) => document.querySelector('ourplan-plan').merge(v), theirs);
  assert.equal(summary.conflicts, 1);
  const view = page.locator('ourplan-plan .op-plan-conflict');
  assert.deepEqual(await view.locator('img').evaluateAll((imgs) => imgs.map((i) => i.alt)), ['Picture, version 1', 'Picture, version 2']);
  assert.equal(await view.locator('textarea').count(), 0, 'no words to blend');
  assert.ok(!/sha256/.test(await view.textContent()), 'never a key');
  // Both pictures are in the value until the person chooses.
  assert.deepEqual(Object.keys((await value(page)).pictures).sort(), [ourKey, theirs.blocks[0].picture].sort());
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'pictures-conflict');
  // Version 2, by keyboard: it becomes the block's picture, and the other leaves the value.
  const second = await view.locator('img').nth(1).getAttribute('src');
  await $(page, 'op-c-0-use-2').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-conflict'));
  const after = await value(page);
  const [kept] = Object.keys(after.pictures);
  assert.equal(Object.keys(after.pictures).length, 1);
  assert.equal(after.blocks[0].picture, kept);
  assert.equal(`data:${after.pictures[kept].type};base64,${after.pictures[kept].data}`, second);
  noKitErrors(page);
  await page.context().close();
});

test('a 10 MB photo is made smaller and says so; not a picture, or over 30 MB: a clear message and nothing changes', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  const pic = await add(page, 'picture');
  const big = noisePng(2000, 1700);
  assert.ok(big.length > 10_000_000, `a 10 MB file (${big.length} bytes)`);
  await choose(page, pic, { name: 'camera-roll.png', mimeType: 'image/png', buffer: big });
  await page.waitForFunction((id) => /made smaller/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById(`op-f-${id}-picture-note`)?.textContent ?? ''), pic, { timeout: 60000 });
  assert.match(await note(page, pic).textContent(), /^Picture added\. It was made smaller to fit in your plan \(10\.\d MB to \d+ KB\)\.$/);
  const before = JSON.stringify(await value(page));
  const [key] = Object.keys(JSON.parse(before).pictures);
  assert.ok(JSON.parse(before).pictures[key].data.length * 0.75 <= 200_000, 'about 200 KB at most');

  await choose(page, pic, { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are my notes, not a picture') });
  await page.waitForFunction((id) => /not a picture/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById(`op-f-${id}-picture-note`)?.textContent ?? ''), pic);
  assert.equal(await note(page, pic).textContent(), 'Error: “notes.png” is not a picture that can be opened here. Choose a photo or a picture file, such as JPEG, PNG or WebP.');
  assert.equal(await note(page, pic).getAttribute('role'), 'alert');
  assert.equal(JSON.stringify(await value(page)), before, 'nothing changed');

  await choose(page, pic, { name: 'scan.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(31_000_000) });
  await page.waitForFunction((id) => /too big/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById(`op-f-${id}-picture-note`)?.textContent ?? ''), pic);
  assert.equal(await note(page, pic).textContent(), 'Error: “scan.jpg” is 31.0 MB, which is too big. Choose a picture smaller than 30 MB.');
  assert.equal(JSON.stringify(await value(page)), before, 'nothing changed');
  // Script in a file name is shown as words.
  await choose(page, pic, { name: '<img src=x onerror=alert(1)>.png', mimeType: 'image/png', buffer: Buffer.from('x') });
  await page.waitForFunction((id) => /onerror/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById(`op-f-${id}-picture-note`)?.textContent ?? ''), pic);
  assert.equal(await page.locator('ourplan-plan img').count(), 1, 'no element made from the name');
  noKitErrors(page);
  await page.context().close();
});

test('a plan with a picture: axe clean in English and Welsh, and it fits a 320 px screen', async () => {
  for (const lang of ['en', 'cy']) {
    const page = await openPlan('/plan.html', { viewport: { width: 320, height: 800 } });
    await page.evaluate((lang) => document.querySelector('ourplan-plan').setAttribute('lang', lang), lang);
    await $(page, 'op-start-blank').click();
    const pic = await add(page, 'picture');
    await choose(page, pic, PHOTO);
    await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img'));
    if (lang === 'cy') {
      assert.match(await note(page, pic).textContent(), /^Llun wedi’i ychwanegu\./);
      assert.equal(await $(page, `op-f-${pic}-picture`).textContent(), 'Dewis llun gwahanol');
    }
    assert.deepEqual(await axeCheck(page), [], `axe in ${lang}`);
    const widths = await page.evaluate(() => {
      const img = document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img');
      return { img: img.getBoundingClientRect().right, page: document.documentElement.scrollWidth };
    });
    assert.ok(widths.img <= 320 && widths.page <= 320, `nothing wider than the screen (${JSON.stringify(widths)})`);
    await screenshot(page, `pictures-320-${lang}`);
    noKitErrors(page);
    await page.context().close();
  }
});

test('on a touch screen a camera button opens the camera; elsewhere it is not offered', async () => {
  const phone = await openPlan('/plan.html', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
  await $(phone, 'op-start-blank').click();
  const pic = await add(phone, 'picture');
  assert.equal(await $(phone, `op-f-${pic}-picture-take`).textContent(), 'Take a photo');
  assert.equal(await $(phone, `op-f-${pic}-picture-camera`).getAttribute('capture'), 'environment');
  assert.equal(await $(phone, `op-f-${pic}-picture-camera`).getAttribute('accept'), 'image/*');
  await phone.context().close();
  const desk = await openPlan();
  await $(desk, 'op-start-blank').click();
  const other = await add(desk, 'picture');
  assert.equal(await $(desk, `op-f-${other}-picture-take`).count(), 0);
  await desk.context().close();
});

test('print() on a record prints what was answered as a summary list, not the page or the form', async () => {
  const page = await openPage(browser, '/embed-test.html');
  await page.evaluate(async () => {
    await import('/pkg/ourplan.js');
    const el = document.createElement('ourplan-record');
    el.schema = {
      type: 'object', title: 'What matters',
      properties: { name: { type: 'string', title: 'Your name' }, matters: { type: 'string', title: 'What matters to you' } },
    };
    el.value = { name: 'Megan', matters: 'Walking Bran by the sea' };
    document.querySelector('main').append(el);
    await el.ready;
  });
  const pdf = await printToPdf(page, 'ourplan-record', 'pictures-record');
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const words of ['Your name', 'Megan', 'What matters to you', 'Walking Bran by the sea']) {
    assert.ok(text.includes(words), `${words} in ${text}`);
  }
  assert.ok(!text.includes('Embed test'), 'not the host page');
  // The form on screen is as it was: the read-back was drawn for the copy alone.
  assert.equal(await page.locator('ourplan-record [id="op-f-name"]').inputValue(), 'Megan');
  assert.equal(await page.locator('ourplan-record .op-record-print').count(), 0);
  await page.context().close();
});

test('a plan with pictures: the value the form, a submission and the events get is the module’s, word for word, and a keystroke does not carry the pictures across again', async () => {
  const page = await openPlan();
  const steps = await page.evaluate(async () => {
    const old = document.querySelector('ourplan-plan');
    const form = document.createElement('form');
    const el = document.createElement('ourplan-plan');
    el.setAttribute('name', 'plan');
    form.append(el);
    old.replaceWith(form);
    await el.ready;
    const picture = (seed) => {
      const bytes = new Uint8Array(150000).map((_, i) => (i * seed) % 251);
      let text = '';
      for (let at = 0; at < bytes.length; at += 8192) text += String.fromCharCode(...bytes.subarray(at, at + 8192));
      return btoa(text);
    };
    // Words that look like the kit's own marker, or like a pictures object, stay words.
    const hostile = '"pictures":"\u0001abc:def" \u0001 "data":"\u0001x" </script><script>alert(1)</script>';
    el.value = {
      format: 'ourplan-plan', version: 1, title: 'Pictures', nextId: 10,
      blocks: [
        { id: 'b1', kind: 'whatMatters', text: hostile },
        { id: 'p1', kind: 'picture', picture: 'sha256:' + '1'.repeat(64), description: 'One' },
        { id: 'p2', kind: 'picture', picture: 'sha256:' + '2'.repeat(64), description: 'Two' },
      ],
      pictures: {
        ['sha256:' + '1'.repeat(64)]: { type: 'image/png', width: 10, height: 10, data: picture(3) },
        ['sha256:' + '2'.repeat(64)]: { type: 'image/png', width: 20, height: 20, data: picture(7), note: 'kept' },
      },
    };
    await el.ready;
    await new Promise((r) => requestAnimationFrame(r));
    const calls = [];
    const call = el._call.bind(el);
    el._call = (f) => { calls.push(String(f)); return call(f); };
    const same = () => {
      const module = call((h) => h.value());
      const sent = new FormData(form).get('plan');
      return { same: el._currentText() === module && sent === module && JSON.stringify(el.value) === JSON.stringify(JSON.parse(module)), pictures: Object.keys(JSON.parse(module).pictures ?? {}).length };
    };
    const out = [['set', same()]];
    const box = el.shadowRoot.getElementById('op-f-b1-text');
    const details = [];
    el.addEventListener('input', (e) => { if (e instanceof CustomEvent) details.push(e.detail.value); });
    calls.length = 0;
    for (const ch of 'xyz') {
      box.value += ch;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: ch }));
    }
    // The form read straight after typing: what was typed.
    out.push(['read at once', new FormData(form).get('plan') === call((h) => h.value())]);
    // A submission straight after typing sends what was typed (the form gets a value this
    // large at most every 300 ms while typing, and is caught up as it reads it).
    box.value += '!';
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: '!' }));
    const submitted = await new Promise((resolve) => {
      form.addEventListener('submit', (e) => { e.preventDefault(); resolve(new FormData(form).get('plan')); }, { once: true });
      form.requestSubmit();
    });
    out.push(['submitted', submitted === call((h) => h.value()) && JSON.parse(submitted).blocks[0].text.endsWith('xyz!')]);
    out.push(['typed', same(), calls.filter((c) => c.includes('pictures_json')).length, details.at(-1).blocks[0].text.endsWith('xyz!'), Object.keys(details.at(-1).pictures).length]);
    // A picture block taken out: the pictures written change, and so does what the form gets.
    el.shadowRoot.getElementById('op-b-p2-remove').click();
    await new Promise((r) => requestAnimationFrame(r));
    out.push(['removed', same()]);
    el.shadowRoot.getElementById('op-undo').click();
    await new Promise((r) => requestAnimationFrame(r));
    out.push(['undone', same()]);
    return out;
  });
  assert.deepEqual(steps, [
    ['set', { same: true, pictures: 2 }],
    ['read at once', true],
    ['submitted', true],
    ['typed', { same: true, pictures: 2 }, 0, true, 2],
    ['removed', { same: true, pictures: 1 }],
    ['undone', { same: true, pictures: 2 }],
  ]);
  noKitErrors(page);
  await page.context().close();
});
