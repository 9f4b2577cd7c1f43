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
    const req = indexedDB.open('ourplan-drafts', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction('drafts', 'readonly');
      const all = tx.objectStore('drafts').getAll();
      all.onsuccess = () => { resolve(all.result); req.result.close(); };
      all.onerror = () => reject(all.error);
    };
    req.onerror = () => reject(req.error);
  }));
}

/** Puts rows straight into the store (as another app, a crash or a newer kit might have). */
function putRaw(page, rows) {
  return page.evaluate((rows) => new Promise((resolve, reject) => {
    const req = indexedDB.open('ourplan-drafts', 1);
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
  await savedAfter(page, 0);
  await page.close();
  page = await open(context, { kind: 'plan', key: 'my-plan', lang: 'cy' });
  assert.match(await page.locator('#el .op-drafts__offer').innerText(), /Mae gennych ddrafft o Dydd \w+ \d+ \w+ am \d\d:\d\d/);
  assert.deepEqual(await axeCheck(page), [], 'axe on the offer in Welsh');
  await $(page, 'op-draft-continue').click();
  await page.waitForFunction(() => document.getElementById('el').value.title === 'Cynllun Megan');
  noKitErrors(page);
  await context.close();
});

test('storage that fails says so calmly, the download holds the work, and recovery is said', async () => {
  const context = await browser.newContext();
  const page = await open(context);
  // The store refuses every write, as a full disk or a quota would.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    window.failWrites = true;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
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
  await page.evaluate(() => { window.failWrites = false; });
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
