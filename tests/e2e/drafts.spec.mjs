// Drafts kept on the device (issue 18), in Chromium with its real IndexedDB: type, reload and
// continue, for both elements; the last keystroke before the page closes; starting again keeps the
// old draft; storage that fails says so calmly and the download works; garbage, truncated and
// future-version entries; a trap mid-edit; axe and the keyboard on the new states, in English and
// Welsh.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL, axeCheck, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCHEMA = {
  type: 'object',
  title: 'What matters',
  required: ['name', 'matters'],
  properties: {
    name: { type: 'string', title: 'Name' },
    matters: { type: 'string', title: 'What matters to you', maxLength: 4000 },
    extra: { type: 'string', title: 'Anything else', 'x-ourplan': { level: 'full' } },
  },
};

/** A page of one origin with a record or plan carrying `storage-key`, in `context` (so reloads
 * and new pages share IndexedDB, as a person's browser does). */
async function open(context, { kind = 'record', key = 'case-42', lang = 'en', attrs = {} } = {}) {
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.on('console', (m) => page.consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${BASE_URL}/embed-test.html`);
  await page.evaluate(async ({ kind, key, lang, attrs, schema }) => {
    await import('/pkg/ourplan.js');
    const el = document.createElement(`ourplan-${kind}`);
    el.id = 'el';
    el.setAttribute('lang', lang);
    el.setAttribute('storage-key', key);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (kind === 'record') el.schema = schema;
    window.saved = [];
    window.errors = [];
    el.addEventListener('ourplan-draft-saved', (e) => window.saved.push(e.detail));
    el.addEventListener('ourplan-storage-error', (e) => window.errors.push(e.detail));
    document.querySelector('main').append(el);
    await el.ready;
  }, { kind, key, lang, attrs, schema: SCHEMA });
  return page;
}

const $ = (page, id) => page.locator(`#el [id="${id}"]`);
const value = (page) => page.evaluate(() => document.getElementById('el').value);
/** Waits for the next `ourplan-draft-saved` after `n` saves. */
const savedAfter = (page, n) => page.waitForFunction((n) => window.saved.length > n, n);

/** What the store holds for the page's origin, read straight from IndexedDB. */
function stored(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('ourplan-drafts');
    req.onsuccess = () => {
      const tx = req.result.transaction('drafts', 'readonly');
      const all = tx.objectStore('drafts').getAll();
      all.onsuccess = () => { resolve(all.result); req.result.close(); };
      all.onerror = () => reject(all.error);
    };
    req.onerror = () => reject(req.error);
  }));
}

/** The stored values once a save makes `ok(values)` true (each save is waited for, not time). */
async function storedWhen(page, ok) {
  for (let seen = await page.evaluate(() => window.saved.length); ; seen++) {
    const values = (await stored(page)).map((r) => JSON.parse(r.text).value);
    if (ok(values)) return values;
    await savedAfter(page, seen);
  }
}

/** Puts rows straight into the store (as another app, a crash or a newer kit might have). */
function putRaw(page, rows) {
  return page.evaluate((rows) => new Promise((resolve, reject) => {
    const req = indexedDB.open('ourplan-drafts');
    req.onupgradeneeded = () => req.result.createObjectStore('drafts', { keyPath: 'id' }).createIndex('slot', 'slot');
    req.onsuccess = () => {
      const tx = req.result.transaction('drafts', 'readwrite');
      for (const r of rows) tx.objectStore('drafts').put(r);
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), rows);
}

function noKitErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

test('a record: type, reload, continue; the value, the opened field and the focus come back', async () => {
  const context = await browser.newContext();
  let page = await open(context);
  assert.equal(await $(page, 'op-draft-continue').count(), 0, 'nothing to offer on a first visit');
  await $(page, 'op-f-name').fill('Megan');
  await page.getByRole('button', { name: 'Anything else' }).click();
  await $(page, 'op-f-extra').fill('Her cat, Biscuit');
  await savedAfter(page, 0);
  const rows = await stored(page);
  assert.equal(rows.length, 1);
  const envelope = JSON.parse(rows[0].text);
  assert.equal(envelope.format, 'ourplan-draft');
  assert.equal(envelope.kind, 'record');
  assert.equal(envelope.key, 'case-42');
  assert.match(envelope.schema, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(envelope.value, { name: 'Megan', extra: 'Her cat, Biscuit' });
  await page.close();

  page = await open(context);
  const offer = await page.locator('#el .op-drafts__offer').innerText();
  assert.match(offer, /You have a draft from \w+day \d+ \w+ at \d\d:\d\d\. Continue with it, or start again\?/);
  assert.deepEqual(await axeCheck(page), [], 'axe on the offer');
  await screenshot(page, 'drafts-offer');
  // By keyboard: Continue is the first control.
  await $(page, 'op-draft-continue').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('el').value.name === 'Megan');
  assert.deepEqual(await value(page), { name: 'Megan', extra: 'Her cat, Biscuit' });
  assert.equal(await $(page, 'op-f-extra').inputValue(), 'Her cat, Biscuit', 'the opened field shows');
  await page.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-f-extra');
  assert.equal(await $(page, 'op-draft-continue').count(), 0);
  // Editing goes on into the same draft.
  await $(page, 'op-f-name').fill('Megan Jones');
  await savedAfter(page, 0);
  assert.equal((await stored(page)).length, 1);
  noKitErrors(page);
  await context.close();
});

test('the last keystroke before the page closes is kept', async () => {
  const context = await browser.newContext();
  let page = await open(context);
  await $(page, 'op-f-name').click();
  await page.keyboard.type('Ann');
  // Closed at once, well within a second of the last keystroke: pagehide saves it.
  await page.close({ runBeforeUnload: true });
  page = await open(context);
  const rows = await stored(page);
  assert.equal(rows.length, 1);
  assert.deepEqual(JSON.parse(rows[0].text).value, { name: 'Ann' });
  await context.close();
});

test('start again keeps the old draft under earlier drafts, which can be opened, downloaded and deleted', async () => {
  const context = await browser.newContext();
  let page = await open(context);
  await $(page, 'op-f-name').fill('First try');
  await savedAfter(page, 0);
  await page.close();
  page = await open(context);
  await $(page, 'op-draft-start-again').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-f-name');
  await page.keyboard.type('Second try');
  await savedAfter(page, 0);
  assert.equal((await stored(page)).length, 2, 'both kept');
  const list = await page.evaluate(() => document.getElementById('el').drafts());
  assert.deepEqual(list.map((d) => [d.summary, d.state, d.current]), [['Second try', 'draft', true], ['First try', 'draft', false]]);
  await page.locator('#el .op-drafts__summary').click();
  assert.deepEqual(await axeCheck(page), [], 'axe on the list');
  await screenshot(page, 'drafts-earlier');
  // Download the earlier one: the file is the draft.
  const [download] = await Promise.all([page.waitForEvent('download'), $(page, 'op-draft-1-download').click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  assert.equal(JSON.parse(text).value.name, 'First try');
  // Delete asks first, with focus on "No, keep it"; by keyboard.
  const focusedId = () => page.evaluate(() => document.getElementById('el').shadowRoot.activeElement?.id || document.getElementById('el').shadowRoot.activeElement?.className);
  await $(page, 'op-draft-1-delete').focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#el .op-drafts__confirm').innerText(), /Delete the draft from .*\? This cannot be undone\./);
  await page.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-draft-1-delete-no');
  await page.keyboard.press('Enter');
  assert.equal((await stored(page)).length, 2);
  assert.equal(await focusedId(), 'op-drafts__summary', 'focus back on the list');
  await $(page, 'op-draft-1-delete').click();
  await $(page, 'op-draft-1-delete-yes').click();
  await page.waitForFunction(async () => (await document.getElementById('el').drafts()).length === 1);
  assert.equal(await focusedId(), 'op-drafts__summary');
  assert.equal((await stored(page)).length, 1);
  noKitErrors(page);
  await context.close();
});

test('a plan: type, reload, continue, in Welsh', async () => {
  const context = await browser.newContext();
  let page = await open(context, { kind: 'plan', key: 'my-plan', lang: 'cy' });
  await $(page, 'op-start-blank').click();
  await $(page, 'op-title').fill('Cynllun Megan');
  await $(page, 'op-add-top-kind').selectOption('text');
  await $(page, 'op-add-top').click();
  const block = await page.evaluate(() => document.getElementById('el').shadowRoot.activeElement.closest('.op-plan-block').id.replace(/^op-b-/, ''));
  await $(page, `op-f-${block}-text`).fill('Boreau tawel');
  await storedWhen(page, (values) => JSON.stringify(values).includes('Boreau tawel'));
  await page.close();
  page = await open(context, { kind: 'plan', key: 'my-plan', lang: 'cy' });
  assert.match(await page.locator('#el .op-drafts__offer').innerText(), /Mae gennych ddrafft o Dydd \w+ \d+ \w+ am \d\d:\d\d/);
  assert.deepEqual(await axeCheck(page), [], 'axe on the offer in Welsh');
  // By keyboard alone: the offer's first button is reached with Tab and pressed with Enter.
  await $(page, 'op-draft-continue').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('el').value.title === 'Cynllun Megan');
  // Focus goes back to the block where Megan last typed (waited for: it is moved after the render).
  await page.waitForFunction((id) => document.getElementById('el').shadowRoot.activeElement?.id === id, `op-f-${block}-text`);
  noKitErrors(page);
  await context.close();
});

/** Every stored picture (key, type, size in bytes), read straight from IndexedDB. */
function storedPictures(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('ourplan-drafts');
    req.onsuccess = () => {
      const tx = req.result.transaction('pictures', 'readonly');
      const all = tx.objectStore('pictures').getAll();
      all.onsuccess = () => {
        resolve(all.result.map((r) => ({ key: r.key, type: r.blob.type, size: r.blob.size })));
        req.result.close();
      };
      all.onerror = () => reject(all.error);
    };
    req.onerror = () => reject(req.error);
  }));
}

test('a plan with a picture: each change saves the picture named, not copied; it comes back whole', async () => {
  const context = await browser.newContext();
  let page = await open(context, { kind: 'plan', key: 'pictured' });
  await $(page, 'op-start-blank').click();
  await $(page, 'op-add-top-kind').selectOption('picture');
  await $(page, 'op-add-top').click();
  const block = await page.evaluate(() => document.getElementById('el').shadowRoot.activeElement.closest('.op-plan-block').id.replace(/^op-b-/, ''));
  await $(page, `op-f-${block}-picture-file`).setInputFiles(new URL('./fixtures/photo.png', import.meta.url).pathname);
  await page.waitForFunction(() => document.getElementById('el').shadowRoot.querySelector('.op-plan-picture__img'));
  const key = Object.keys((await value(page)).pictures)[0];
  const data = (await value(page)).pictures[key].data;
  await $(page, `op-f-${block}-description`).fill('Bran on the beach');
  const values = await storedWhen(page, (v) => JSON.stringify(v).includes('Bran on the beach'));
  // The draft names the picture without its data; the store holds the picture once, as a Blob.
  assert.deepEqual(Object.keys(values[0].pictures), [key]);
  assert.equal(values[0].pictures[key].data, undefined, 'no picture data in the per-change save');
  const rows = await stored(page);
  assert.ok(rows[0].text.length < 2000, `the saved draft is small (${rows[0].text.length} characters)`);
  const pictures = await storedPictures(page);
  assert.deepEqual(pictures.map((p) => p.key), [key]);
  assert.equal(pictures[0].type, 'image/webp');
  assert.equal(pictures[0].size, Math.floor(data.length / 4) * 3 - (data.match(/=*$/)[0].length));
  // More typing: still one picture in the store.
  await $(page, `op-f-${block}-description`).fill('Bran on the beach at Aberaeron');
  await storedWhen(page, (v) => JSON.stringify(v).includes('Aberaeron'));
  assert.equal((await storedPictures(page)).length, 1);
  await page.close();
  // Reload and continue: the picture is back, with every byte.
  page = await open(context, { kind: 'plan', key: 'pictured' });
  await $(page, 'op-draft-continue').click();
  await page.waitForFunction(() => document.getElementById('el').shadowRoot.querySelector('.op-plan-picture__img'));
  const back = await value(page);
  assert.equal(back.pictures[key].data, data);
  assert.equal(await page.locator('#el .op-plan-picture__img').getAttribute('alt'), 'Bran on the beach at Aberaeron');
  noKitErrors(page);
  await context.close();
});

test('storage that fails says so calmly, the download holds the work, and recovery is said', async () => {
  const context = await browser.newContext();
  const page = await open(context);
  // The browser's real quota for this origin is set to one byte (Chromium's DevTools protocol), so
  // IndexedDB itself refuses every write with QuotaExceededError, as a full phone would.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(BASE_URL).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await $(page, 'op-f-name').fill('Kept in the page');
  await page.waitForFunction(() => window.errors.length > 0);
  assert.equal(await page.evaluate(() => window.errors[0].reason), 'quota');
  const message = await page.locator('#el #op-draft-storage-failed').innerText();
  assert.match(message, /We could not save a copy on this device\. Your work is still here\. Download a copy to keep it safe\./);
  assert.deepEqual(await axeCheck(page), [], 'axe on the message');
  await screenshot(page, 'drafts-storage-failed');
  const [download] = await Promise.all([page.waitForEvent('download'), $(page, 'op-draft-storage-download').click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  assert.deepEqual(JSON.parse(text), { name: 'Kept in the page' });
  assert.deepEqual(await value(page), { name: 'Kept in the page' }, 'nothing lost');
  // Storage comes back: the next change saves, and the person is told.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await $(page, 'op-f-name').fill('Kept in the page, and saved');
  await savedAfter(page, 0);
  await page.locator('#el .op-drafts__recovered').waitFor();
  assert.equal(JSON.parse((await stored(page))[0].text).value.name, 'Kept in the page, and saved');
  await context.close();
});

test('garbage, truncated, foreign and newer entries never break the element; each is kept and can be downloaded', async () => {
  const context = await browser.newContext();
  let page = await open(context, { key: 'other' });
  await putRaw(page, [
    { id: 'g1', slot: 'record:case-9', savedAt: 'x', text: '{"format": "ourplan-draft", "version": 1, "kind": "rec' },
    { id: 'g2', slot: 'record:case-9', savedAt: 'x', text: '{"hello": "another app"}' },
    { id: 'g3', slot: 'record:case-9', savedAt: 'x', text: JSON.stringify({ format: 'ourplan-draft', version: 99, kind: 'record', key: 'case-9', savedAt: '2030-01-01T00:00:00Z', value: { shape: 'new' } }) },
    { id: 'g4', slot: 'record:case-9', savedAt: 'x', weird: [1, 2] },
  ]);
  await page.close();
  page = await open(context, { key: 'case-9' });
  assert.equal(await $(page, 'op-draft-continue').count(), 0, 'nothing openable is offered');
  await $(page, 'op-f-name').fill('Still works');
  assert.equal((await value(page)).name, 'Still works');
  const list = await page.evaluate(() => document.getElementById('el').drafts());
  assert.deepEqual(list.map((d) => d.state).sort(), ['newer', 'unreadable', 'unreadable', 'unreadable']);
  await page.locator('#el .op-drafts__summary').click();
  assert.match(await page.locator('#el .op-drafts__earlier').innerText(), /saved by a newer version of this page/);
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /could not be opened/.test(m.text)), 'the developer is told');
  assert.equal((await stored(page)).length, 4, 'nothing deleted');
  assert.deepEqual(await axeCheck(page), []);
  noKitErrors(page);
  await context.close();
});

test('a trap mid-edit: the last value is saved with the module stopped, and comes back after a reload', async () => {
  const context = await browser.newContext();
  let page = await open(context, { key: 'trap' });
  await $(page, 'op-f-name').fill('Typed before the trap');
  await page.evaluate(async () => {
    const wasm = await import('/pkg/ourplan_wasm.js');
    setTimeout(() => wasm.debugTrap(), 0);
  });
  await page.locator('#el [part="load-error"]').waitFor();
  await page.waitForFunction(() => window.saved.length > 0);
  await page.close();
  page = await open(context, { key: 'trap' });
  await $(page, 'op-draft-continue').click();
  await page.waitForFunction(() => document.getElementById('el').value.name === 'Typed before the trap');
  await context.close();
});

test('without a storage-key nothing is stored', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/embed-test.html`);
  await page.evaluate(async (schema) => {
    await import('/pkg/ourplan.js');
    const el = document.createElement('ourplan-record');
    el.id = 'el';
    el.schema = schema;
    document.querySelector('main').append(el);
    await el.ready;
  }, SCHEMA);
  await $(page, 'op-f-name').fill('Not kept');
  // The page is hidden (a keeper would save at once), then the tasks that queued run.
  const dbs = await page.evaluate(async () => {
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return indexedDB.databases();
  });
  assert.deepEqual(dbs.map((d) => d.name), []);
  await context.close();
});

// The second landing: two tabs, a schema that changed, the host's say, a shared computer.

test('two tabs with one key: both say so, both stay editable, and each keeps its own draft', async () => {
  const context = await browser.newContext();
  const one = await open(context, { kind: 'plan', key: 'family-plan' });
  const two = await open(context, { kind: 'plan', key: 'family-plan' });
  for (const page of [one, two]) {
    await page.locator('#el #op-draft-other-tab').waitFor();
    assert.match(await page.locator('#el #op-draft-other-tab').innerText(), /This plan is also open in another tab\. You can go on in both/);
  }
  await $(one, 'op-start-blank').click();
  await $(one, 'op-title').fill('Written in tab one');
  await $(two, 'op-start-blank').click();
  await $(two, 'op-title').fill('Written in tab two');
  await Promise.all([savedAfter(one, 0), savedAfter(two, 0)]);
  const texts = (await stored(one)).map((r) => JSON.parse(r.text).value.title).sort();
  assert.deepEqual(texts, ['Written in tab one', 'Written in tab two'], 'never last-write-wins');
  assert.deepEqual(await axeCheck(one), []);
  // One tab goes: the other no longer says so.
  await two.close({ runBeforeUnload: true });
  await one.waitForFunction(() => !document.getElementById('el').shadowRoot.getElementById('op-draft-other-tab'));
  // Next time, both are there: the newest offered, the other listed.
  const three = await open(context, { kind: 'plan', key: 'family-plan' });
  const list = await three.evaluate(() => document.getElementById('el').drafts());
  assert.equal(list.length, 2);
  await context.close();
});

test('a draft from before the form changed: what still fits comes back, the rest is kept aside and downloadable', async () => {
  const context = await browser.newContext();
  const before = { ...SCHEMA, properties: { ...SCHEMA.properties, pets: { type: 'string', title: 'Pets' } } };
  let page = await context.newPage();
  await page.goto(`${BASE_URL}/embed-test.html`);
  await page.evaluate(async (schema) => {
    await import('/pkg/ourplan.js');
    const el = document.createElement('ourplan-record');
    el.id = 'el';
    el.setAttribute('storage-key', 'changing');
    el.setAttribute('level', 'full');
    el.schema = schema;
    window.saved = [];
    el.addEventListener('ourplan-draft-saved', (e) => window.saved.push(e.detail));
    document.querySelector('main').append(el);
    await el.ready;
  }, before);
  await $(page, 'op-f-name').fill('Ann');
  await $(page, 'op-f-pets').fill('A cat called Biscuit');
  await savedAfter(page, 0);
  await page.close();
  // The form no longer asks about pets.
  page = await open(context, { key: 'changing' });
  await $(page, 'op-draft-continue').click();
  await page.locator('#el #op-draft-aside').waitFor();
  assert.deepEqual(await value(page), { name: 'Ann' });
  const aside = await page.locator('#el #op-draft-aside').innerText();
  assert.match(aside, /Answers to questions this form no longer asks/);
  assert.match(aside, /Pets\s+A cat called Biscuit/);
  const [download] = await Promise.all([page.waitForEvent('download'), $(page, 'op-draft-aside-download').click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  assert.deepEqual(JSON.parse(text), { '/pets': 'A cat called Biscuit' });
  assert.deepEqual(await axeCheck(page), [], 'axe with answers put aside');
  await screenshot(page, 'drafts-aside');
  // The old draft keeps every answer: this page writes a new one.
  await $(page, 'op-f-name').fill('Ann Jones');
  const values = await storedWhen(page, (vs) => vs.some((v) => v.name === 'Ann Jones'));
  assert.ok(values.some((v) => v.pets === 'A cat called Biscuit'), 'the old draft still holds the pets answer');
  assert.ok(values.some((v) => v.name === 'Ann Jones' && !('pets' in v)));
  noKitErrors(page);
  await context.close();
});

test('a host that sets value while a different draft is kept decides (ourplan-draft-found); by default the person is offered it', async () => {
  const context = await browser.newContext();
  let page = await open(context, { key: 'case-7' });
  await $(page, 'op-f-name').fill('Typed at the kitchen table');
  await savedAfter(page, 0);
  await page.close();
  const withHost = async (prevent) => {
    const p = await context.newPage();
    await p.goto(`${BASE_URL}/embed-test.html`);
    const found = await p.evaluate(async ({ schema, prevent }) => {
      await import('/pkg/ourplan.js');
      const el = document.createElement('ourplan-record');
      el.id = 'el';
      el.setAttribute('storage-key', 'case-7');
      el.schema = schema;
      el.value = { name: 'From the case system' };
      const heard = [];
      el.addEventListener('ourplan-draft-found', (e) => {
        heard.push({ cancelable: e.cancelable, summary: e.detail.summary, key: e.detail.key });
        if (prevent) e.preventDefault();
      });
      document.querySelector('main').append(el);
      await el.ready;
      return heard;
    }, { schema: SCHEMA, prevent });
    return { p, found };
  };
  let { p, found } = await withHost(true);
  assert.deepEqual(found, [{ cancelable: true, summary: 'Typed at the kitchen table', key: 'case-7' }]);
  assert.equal(await $(p, 'op-draft-continue').count(), 0, 'the host said no: no offer');
  assert.deepEqual(await value(p), { name: 'From the case system' }, 'the host’s value shows');
  await p.close();
  ({ p, found } = await withHost(false));
  assert.equal(found.length, 1);
  assert.deepEqual(await value(p), { name: 'From the case system' }, 'nothing replaced silently');
  await $(p, 'op-draft-continue').click();
  await p.waitForFunction(() => document.getElementById('el').value.name === 'Typed at the kitchen table');
  await context.close();
});

test('a shared computer keeps nothing; the person can say so themselves, and clear what was kept', async () => {
  const context = await browser.newContext();
  // The host says so (a kiosk): nothing is read or written; no database is even made.
  let page = await open(context, { key: 'kiosk', attrs: { 'shared-device': '' } });
  await $(page, 'op-f-name').fill('Not kept');
  const dbs = await page.evaluate(async () => {
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { dbs: (await indexedDB.databases()).map((d) => d.name), pending: Object.keys(localStorage) };
  });
  assert.deepEqual(dbs, { dbs: [], pending: [] });
  await page.close();
  // The person says so: saving stops, and what was kept can be cleared (asked first).
  page = await open(context, { key: 'library' });
  await $(page, 'op-f-name').fill('Kept until I clear it');
  await savedAfter(page, 0);
  await page.locator('#el .op-drafts__summary').click();
  await $(page, 'op-draft-shared').focus();
  await page.keyboard.press('Space');
  const saves = await page.evaluate(() => window.saved.length);
  await $(page, 'op-f-name').fill('Not kept either');
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  assert.equal(await page.evaluate(() => window.saved.length), saves, 'no save after the choice');
  assert.equal(JSON.parse((await stored(page))[0].text).value.name, 'Kept until I clear it');
  await $(page, 'op-draft-clear').click();
  await page.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-draft-clear-no');
  assert.deepEqual(await axeCheck(page), [], 'axe on clearing');
  await $(page, 'op-draft-clear-yes').click();
  await page.waitForFunction(async () => (await document.getElementById('el').drafts()).length === 0);
  assert.deepEqual(await stored(page), []);
  noKitErrors(page);
  await context.close();
});
