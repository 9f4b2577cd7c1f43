// Combining copies of a conversation record (issue 19, its second landing), in Chromium: a
// practitioner and the person, each offline in a browser context of their own, fill in copies of
// one record; one copy is handed over and combined; the answer both changed is settled by keyboard;
// the form posts the combined answers; a copy of another record is refused; the conflict view
// in Welsh at 320 px passes axe; a draft keeps the history, so a conflict survives a reload; and
// with `author` set, each answer says who left its words, in both languages, through copies and
// drafts, never inside the value; and the `copies` panel shares a file and combines one (shown
// first, combined by keyboard, undone in one step), refusing a file that is not a copy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openTab, BASE_URL, axeCheck, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCHEMA = {
  type: 'object',
  title: 'Our conversation',
  properties: {
    matters: { type: 'string', title: 'What matters to you' },
    lives: { type: 'string', title: 'Where you live' },
    people: {
      type: 'array',
      title: 'People who help',
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string', title: 'Name' } } },
    },
  },
};
const START = { matters: 'Seeing my grandchildren', lives: 'Bangor', people: [{ id: 'p1', name: 'Ann' }] };

/** Someone's page: a record inside a form, in its own browser context (its own device). */
async function person({ lang = 'en', width = 1000, storageKey = null, author = null, copies = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${BASE_URL}/embed-test.html`);
  await open(page, { lang, storageKey, setValue: !storageKey, author, copies });
  return page;
}

async function open(page, { lang, storageKey, setValue, author = null, copies = false }) {
  await page.evaluate(async ({ schema, start, lang, storageKey, setValue, author, copies }) => {
    await import('/pkg/ourplan.js');
    const form = document.createElement('form');
    form.id = 'form';
    const el = document.createElement('ourplan-record');
    el.id = 'el';
    el.setAttribute('name', 'record');
    el.setAttribute('lang', lang);
    el.setAttribute('level', 'full');
    if (storageKey) el.setAttribute('storage-key', storageKey);
    if (author) el.author = author;
    if (copies) el.setAttribute('copies', '');
    window.merges = [];
    window.saved = [];
    el.addEventListener('ourplan-merge', (e) => window.merges.push(e.detail.summary));
    el.addEventListener('ourplan-draft-saved', (e) => window.saved.push(e.detail));
    el.schema = schema;
    form.append(el);
    document.querySelector('main').append(form);
    await el.ready;
    if (setValue) el.value = start;
  }, { schema: SCHEMA, start: START, lang, storageKey, setValue, author, copies });
}

const $ = (page, id) => page.locator(`#el [id="${id}"]`);
const field = (page, pointer) => page.locator(`#el [id="op-f${pointer.replaceAll('/', '-')}"]`);

test('a practitioner and the person fill in copies offline, combine them, and settle the answer both changed by keyboard', async () => {
  const worker = await person();
  const citizen = await person();
  for (const p of [worker, citizen]) await p.context().setOffline(true);

  // Each types into their own copy.
  await field(worker, '/matters').fill('Seeing my grandchildren on Sundays');
  await field(citizen, '/matters').fill('Seeing my grandchildren and my sister');
  await field(citizen, '/lives').fill('Bangor, near the pier');

  const copy = await citizen.evaluate(() => document.getElementById('el').copy());
  assert.equal(copy.ourplan, 'record-copy');
  const summary = await worker.evaluate((c) => document.getElementById('el').merge(JSON.stringify(c)), copy);
  assert.equal(summary.conflicts, 1);
  assert.equal(summary.changed >= 1, true, JSON.stringify(summary));
  assert.deepEqual(await worker.evaluate(() => window.merges.length), 1);

  // The answer only the person changed is taken; both versions of the other are kept.
  const value = await worker.evaluate(() => document.getElementById('el').value);
  assert.equal(value.lives, 'Bangor, near the pier');
  const conflicts = await worker.evaluate(() => document.getElementById('el').conflicts());
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].pointer, '/matters');
  assert.deepEqual(new Set(conflicts[0].values), new Set(['Seeing my grandchildren on Sundays', 'Seeing my grandchildren and my sister']));

  await $(worker, 'op-conflicts').waitFor();
  assert.match(await $(worker, 'op-c-0-label').innerText(), /What matters to you/);
  assert.deepEqual(await axeCheck(worker), []);
  await screenshot(worker, 'record-merge-conflict');

  // Settled by keyboard: the second version.
  const second = await worker.evaluate(() => document.getElementById('el').conflicts()[0].values[1]);
  await $(worker, 'op-c-0-use-2').focus();
  await worker.keyboard.press('Enter');
  await worker.waitForFunction((v) => document.getElementById('el').value.matters === v, second);
  assert.deepEqual(await worker.evaluate(() => document.getElementById('el').conflicts()), []);
  assert.equal(await $(worker, 'op-conflicts').count(), 0);
  // Focus went to the answer kept.
  assert.equal(await worker.evaluate(() => document.getElementById('el').shadowRoot.activeElement?.id), 'op-f-matters');

  // The form posts the combined answers.
  const posted = await worker.evaluate(() => JSON.parse(new FormData(document.getElementById('form')).get('record')));
  assert.equal(posted.lives, 'Bangor, near the pier');
  assert.equal(posted.matters, second);

  // Combining the same copy again changes nothing.
  const again = await worker.evaluate((c) => document.getElementById('el').merge(c), copy);
  assert.equal(again.nothingNew, true);

  // A copy of another record is refused, and nothing changes.
  const refused = await worker.evaluate(() => {
    const el = document.getElementById('el');
    const before = JSON.stringify(el.value);
    const other = document.createElement('ourplan-record');
    document.querySelector('main').append(other);
    return other.ready.then(() => {
      other.schema = el.schema;
      other.value = { matters: 'Something else entirely' };
      try {
        el.merge(other.copy());
        return 'merged';
      } catch (e) {
        return { name: e.name, code: e.code, message: e.message, same: JSON.stringify(el.value) === before };
      }
    });
  });
  assert.equal(refused.code, 'other-document');
  assert.equal(refused.same, true);
  assert.match(refused.message, /different form/);

  assert.deepEqual(worker.pageErrors, []);
  assert.deepEqual(citizen.pageErrors, []);
  await worker.context().close();
  await citizen.context().close();
});

test('the record’s conflict view in Welsh, at 320 px: axe clean, nothing wider than the screen; a blend kept', async () => {
  const page = await person({ lang: 'cy', width: 320 });
  // Ours changes the same answer, typed; theirs is a copy made before.
  const theirs = await page.evaluate(() => {
    const el = document.getElementById('el');
    const c = el.copy();
    c.value = { ...c.value, matters: 'Gweld fy wyrion ar ddydd Sul' };
    return c;
  });
  await field(page, '/matters').fill('Gweld fy wyrion a fy chwaer');
  await page.evaluate((c) => document.getElementById('el').merge(c), theirs);
  await $(page, 'op-conflicts').waitFor();
  assert.match(await $(page, 'op-conflicts-title').innerText(), /Wedi’i newid mewn dau gopi/);
  assert.match(await $(page, 'op-c-0-use-1').innerText(), /Cadw fersiwn 1/);
  assert.deepEqual(await axeCheck(page), []);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `the page is ${wide}px wide`);
  await screenshot(page, 'record-merge-conflict-cy-320');
  await $(page, 'op-c-0-blend').fill('Gweld fy wyrion ar ddydd Sul, a fy chwaer');
  await $(page, 'op-c-0-use-blend').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('el').value.matters === 'Gweld fy wyrion ar ddydd Sul, a fy chwaer');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a draft keeps the record’s history: a conflict still open comes back after a reload', async () => {
  const storageKey = `record-merge-${Date.now()}`;
  const page = await person({ storageKey });
  await page.evaluate((start) => { document.getElementById('el').value = start; }, START);
  const theirs = await page.evaluate(() => {
    const c = document.getElementById('el').copy();
    c.value = { ...c.value, lives: 'Caernarfon' };
    return c;
  });
  await field(page, '/lives').fill('Conwy');
  const seen = await page.evaluate(() => window.saved.length);
  await page.evaluate((c) => document.getElementById('el').merge(c), theirs);
  await $(page, 'op-conflicts').waitFor();
  // Saved after the merge (its input and change).
  await page.waitForFunction((n) => window.saved.length > n, seen);

  await page.reload();
  await open(page, { lang: 'en', storageKey, setValue: false });
  await $(page, 'op-draft-continue').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('el').conflicts().length === 1);
  const [c] = await page.evaluate(() => document.getElementById('el').conflicts());
  assert.equal(c.pointer, '/lives');
  assert.deepEqual(new Set(c.values), new Set(['Conwy', 'Caernarfon']));
  await $(page, 'op-conflicts').waitFor();
  // And the history came back too: the same copy again brings nothing new.
  const again = await page.evaluate((c) => document.getElementById('el').merge(c), theirs);
  assert.equal(again.nothingNew, true);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

/** The "Answered by" lines under the answers, in the form's order. */
const answeredBy = (page) => page.locator('#el [part="answered-by"]').allInnerTexts();

test('with author set, each answer says who left its words, through copies, in Welsh and after a reload, and never in the value', async () => {
  const storageKey = `record-authors-${Date.now()}`;
  const worker = await person({ author: 'Alun', storageKey });
  await worker.evaluate((start) => { document.getElementById('el').value = start; }, START);
  const citizen = await person({ author: 'Sian', lang: 'cy' });
  for (const p of [worker, citizen]) await p.context().setOffline(true);
  assert.deepEqual(await answeredBy(worker), [], 'nothing is noted before anyone answers');

  await field(worker, '/lives').fill('Bangor, by the pier');
  await worker.waitForFunction(() => document.getElementById('el').shadowRoot.querySelector('[part="answered-by"]'));
  assert.deepEqual(await answeredBy(worker), ['Answered by Alun']);
  await field(citizen, '/matters').fill('Gweld fy wyrion ar ddydd Sul');
  await citizen.waitForFunction(() => document.getElementById('el').shadowRoot.querySelector('[part="answered-by"]'));
  assert.deepEqual(await answeredBy(citizen), ['Atebwyd gan Sian']);

  // The copies carry who answered what; the value does not.
  const fromCitizen = await citizen.evaluate(() => document.getElementById('el').copy());
  assert.equal(fromCitizen.authors['/matters'][0].by, 'Sian');
  const fromWorker = await worker.evaluate(() => document.getElementById('el').copy());
  await worker.evaluate((c) => document.getElementById('el').merge(c), fromCitizen);
  await citizen.evaluate((c) => document.getElementById('el').merge(c), fromWorker);
  await worker.waitForFunction(() => document.getElementById('el').shadowRoot.querySelectorAll('[part="answered-by"]').length === 2);
  assert.deepEqual(await answeredBy(worker), ['Answered by Sian', 'Answered by Alun']);
  await citizen.waitForFunction(() => document.getElementById('el').shadowRoot.querySelectorAll('[part="answered-by"]').length === 2);
  assert.deepEqual(await answeredBy(citizen), ['Atebwyd gan Sian', 'Atebwyd gan Alun']);
  for (const p of [worker, citizen]) {
    const value = await p.evaluate(() => document.getElementById('el').value);
    assert.deepEqual(Object.keys(value).sort(), ['lives', 'matters', 'people']);
    const posted = await p.evaluate(() => JSON.parse(new FormData(document.getElementById('form')).get('record')));
    assert.equal(posted.authors, undefined);
    assert.deepEqual(await axeCheck(p), []);
  }
  await screenshot(worker, 'record-answered-by');
  await screenshot(citizen, 'record-answered-by-cy');

  // Alun changes Sian's answer: now it is his.
  const seen = await worker.evaluate(() => window.saved.length);
  await field(worker, '/matters').fill('Seeing my grandchildren on Sundays, and my sister');
  await worker.waitForFunction(() => [...document.getElementById('el').shadowRoot.querySelectorAll('[part="answered-by"]')].every((p) => p.textContent === 'Answered by Alun'));

  // The draft keeps the notes: after a reload, they come back with the answers.
  await worker.waitForFunction((n) => window.saved.length > n, seen);
  await worker.context().setOffline(false);
  await worker.reload();
  await open(worker, { lang: 'en', storageKey, setValue: false, author: 'Alun' });
  await $(worker, 'op-draft-continue').focus();
  await worker.keyboard.press('Enter');
  await worker.waitForFunction(() => document.getElementById('el').shadowRoot.querySelectorAll('[part="answered-by"]').length === 2);
  assert.deepEqual(await answeredBy(worker), ['Answered by Alun', 'Answered by Alun']);

  assert.deepEqual(worker.pageErrors, []);
  assert.deepEqual(citizen.pageErrors, []);
  await worker.context().close();
  await citizen.context().close();
});

/** Downloads "Share a copy" from the copies panel and returns the file's name and text. */
async function shareFile(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), $(page, 'op-share').click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('the copies panel: a file shared, shown before combining, combined and undone by keyboard, in both languages; a file that is not a copy refused', async () => {
  const worker = await person({ copies: true });
  const citizen = await person({ copies: true, lang: 'cy', width: 320 });
  for (const p of [worker, citizen]) await p.context().setOffline(true);
  await field(worker, '/matters').fill('Seeing my grandchildren on Sundays');
  await field(citizen, '/matters').fill('Gweld fy wyrion a fy chwaer');
  await field(citizen, '/lives').fill('Bangor, ger y pier');
  // She gives her name in the panel: her answers from now on say so.
  await $(citizen, 'op-author').fill('Sian');
  await $(citizen, 'op-author').dispatchEvent('change');
  await field(citizen, '/lives').fill('Bangor, ger y pier mawr');

  // The person's side, in Welsh at 320 px: the panel reads in Welsh, fits, and is axe clean.
  assert.match(await $(citizen, 'op-copies-title').innerText(), /Rhannu copi, neu gyfuno copïau/);
  assert.deepEqual(await axeCheck(citizen), []);
  const wide = await citizen.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `the page is ${wide}px wide`);
  await screenshot(citizen, 'record-copies-cy-320');
  const file = await shareFile(citizen);
  assert.equal(file.name, 'copi-atebion.json');
  const copy = JSON.parse(file.text);
  assert.equal(copy.ourplan, 'record-copy');
  assert.equal(copy.value.lives, 'Bangor, ger y pier mawr');
  assert.equal(copy.authors['/lives'][0].by, 'Sian');

  // The practitioner chooses it: what it will do, before anything changes.
  const before = await worker.evaluate(() => document.getElementById('el').value);
  await $(worker, 'op-combine-file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await $(worker, 'op-combine').waitFor();
  await worker.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-combine');
  assert.match(await $(worker, 'op-combine-summary').innerText(), /Changed: \d+\. Removed: 0\. For you to look at: 1\./);
  assert.deepEqual(await worker.evaluate(() => document.getElementById('el').value), before);
  assert.deepEqual(await axeCheck(worker), []);
  await screenshot(worker, 'record-copies-preview');

  // Combined by keyboard: ourplan-merge, then the answer both changed waits in the conflicts.
  await $(worker, 'op-combine-apply').focus();
  await worker.keyboard.press('Enter');
  await worker.waitForFunction(() => window.merges.length === 1);
  const summary = await worker.evaluate(() => window.merges[0]);
  assert.equal(summary.conflicts, 1);
  assert.equal((await worker.evaluate(() => document.getElementById('el').value)).lives, 'Bangor, ger y pier mawr');
  await worker.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-conflicts');
  assert.deepEqual(await answeredBy(worker), ['Answered by Sian']);

  // Undone in one step, by keyboard: the answers and the history as they were.
  await $(worker, 'op-combine-undo').focus();
  await worker.keyboard.press('Enter');
  await worker.waitForFunction((b) => JSON.stringify(document.getElementById('el').value) === JSON.stringify(b), before);
  assert.deepEqual(await worker.evaluate(() => document.getElementById('el').conflicts()), []);
  assert.equal(await $(worker, 'op-combine-undo').count(), 0);
  await worker.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-combine-button');

  // A file that is not a copy: said plainly beside the button, and nothing changes.
  await $(worker, 'op-combine-file').setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('<script>alert(1)</script>') });
  await $(worker, 'op-combine-error').waitFor();
  assert.match(await $(worker, 'op-combine-error').innerText(), /That file could not be read as a copy of these answers/);
  assert.deepEqual(await worker.evaluate(() => document.getElementById('el').value), before);
  assert.equal(await $(worker, 'op-combine').count(), 0);

  // A copy of another record waits for a yes.
  const other = await worker.evaluate(() => {
    const el = document.createElement('ourplan-record');
    document.querySelector('main').append(el);
    return el.ready.then(() => {
      el.schema = document.getElementById('el').schema;
      el.value = { matters: 'Something else entirely' };
      return JSON.stringify(el.copy());
    });
  });
  await $(worker, 'op-combine-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(other) });
  await $(worker, 'op-combine-anyway').waitFor();
  assert.match(await $(worker, 'op-combine-summary').innerText(), /a different form/);
  await $(worker, 'op-combine-cancel').focus();
  await worker.keyboard.press('Enter');
  await worker.waitForFunction(() => !document.getElementById('el').shadowRoot.getElementById('op-combine'));
  assert.deepEqual(await worker.evaluate(() => document.getElementById('el').value), before);

  assert.deepEqual(worker.pageErrors, []);
  assert.deepEqual(citizen.pageErrors, []);
  await worker.context().close();
  await citizen.context().close();
});

test('two tabs of one record: the second offers to combine, and gets both tabs’ answers', async () => {
  const context = await browser.newContext();
  const tab = async () => {
    const page = await openTab(context, '/embed-test.html');
    await open(page, { lang: 'en', storageKey: 'two-tabs-record', setValue: true });
    return page;
  };
  const first = await tab();
  const second = await tab();
  await $(second, 'op-draft-combine-tab').waitFor();
  assert.match(await $(second, 'op-draft-other-tab').innerText(), /This form is also open in another tab/);
  await field(first, '/lives').fill('Bangor, by the pier');
  await field(second, '/matters').fill('Seeing my grandchildren on Sundays');
  // By keyboard, from the note that the form is open in another tab.
  await $(second, 'op-draft-combine-tab').focus();
  await second.keyboard.press('Enter');
  await second.waitForFunction(() => window.merges.length === 1);
  const value = await second.evaluate(() => document.getElementById('el').value);
  assert.equal(value.lives, 'Bangor, by the pier');
  assert.equal(value.matters, 'Seeing my grandchildren on Sundays');
  assert.deepEqual(await second.evaluate(() => document.getElementById('el').conflicts()), []);
  assert.deepEqual(await axeCheck(second), []);
  assert.deepEqual([...first.pageErrors, ...second.pageErrors], []);
  await context.close();
});
