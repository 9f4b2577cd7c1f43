// Combining copies of a plan (issue 19), in Chromium: two people in two browser contexts, offline,
// each with their own copy; files shared and combined; a conflict settled by keyboard; undo and
// redo; "added by"; the element's merge() between two elements; a copy of another plan refused;
// axe on the conflict view in English and Welsh, at 320 px too.

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

const PLAN = {
  format: 'ourplan-plan',
  version: 1,
  title: 'Megan’s plan',
  blocks: [
    { id: 'b1', kind: 'text', text: 'Swimming on Tuesdays at the leisure centre.' },
    { id: 'b2', kind: 'budgetLine', what: 'Personal assistant', costPence: 12050, frequency: 'weekly', paidFrom: 'direct-payment', outcomeId: null, secondLook: false },
  ],
  nextId: 3,
};

/** A person's page: a plan element with `author`, in its own browser context (its own device). */
async function person({ author, lang = 'en', value = null, width = 1000 } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${BASE_URL}/embed-test.html`);
  await page.evaluate(async ({ author, lang, value }) => {
    await import('/pkg/ourplan.js');
    const el = document.createElement('ourplan-plan');
    el.id = 'el';
    el.setAttribute('lang', lang);
    if (author) el.setAttribute('author', author);
    window.merges = [];
    el.addEventListener('ourplan-merge', (e) => window.merges.push(e.detail.summary));
    document.querySelector('main').append(el);
    await el.ready;
    if (value) el.value = value;
  }, { author, lang, value });
  // Nothing here needs the network once the kit has loaded.
  await context.setOffline(true);
  return page;
}

const $ = (page, id) => page.locator(`#el [id="${id}"]`);
const value = (page) => page.evaluate(() => document.getElementById('el').value);

/** Downloads "Share a copy" and returns the file's text. */
async function share(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), $(page, 'op-share').click()]);
  return readFileSync(await download.path(), 'utf8');
}

async function typeInto(page, id, text) {
  const box = $(page, id);
  await box.fill(text);
  await box.dispatchEvent('change');
}

test('two people edit copies offline, share files, combine, settle a conflict by keyboard, and undo', async () => {
  const mum = await person({ author: 'Mum', value: PLAN });
  const copy = await share(mum);
  assert.equal(JSON.parse(copy).merge.doc.length > 0, true, 'the shared file carries its merge history');

  // Sian opens Mum's copy on her own device, rewrites the swimming sentence and adds a block.
  const sian = await person({ author: 'Sian' });
  await $(sian, 'op-import').setInputFiles({ name: 'support-plan-copy.json', mimeType: 'application/json', buffer: Buffer.from(copy) });
  await sian.waitForFunction(() => document.getElementById('el').value.title === 'Megan’s plan');
  await typeInto(sian, 'op-f-b1-text', 'Swimming on Wednesdays, with Sian.');
  await $(sian, 'op-add-top-kind').selectOption('text');
  await $(sian, 'op-add-top').click();
  const added = (await value(sian)).blocks.at(-1).id;
  assert.match(added, /^b\d+_[a-z0-9]{8}$/, 'a block added in a copy has an id no other copy can make');
  await typeInto(sian, `op-f-${added}-text`, 'Sian can drive to the pool on Wednesdays.');
  const back = await share(sian);

  // Meanwhile Mum changes the same sentence her own way, and the cost.
  await typeInto(mum, 'op-f-b1-text', 'Swimming on Tuesdays, with Jo.');

  // Mum combines Sian's copy: first what it will do, in plain words; nothing has changed yet.
  await $(mum, 'op-combine-file').setInputFiles({ name: 'from-sian.json', mimeType: 'application/json', buffer: Buffer.from(back) });
  await $(mum, 'op-combine-summary').waitFor();
  assert.equal(await $(mum, 'op-combine-summary').innerText(), 'Added: 1. Changed: 1. Removed: 0. For you to look at: 1.');
  assert.equal((await value(mum)).blocks.length, 2, 'nothing changes before the person says so');
  await mum.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-combine');
  await $(mum, 'op-combine-apply').focus();
  await mum.keyboard.press('Enter');
  await mum.waitForFunction(() => document.getElementById('el').shadowRoot.activeElement?.id === 'op-conflicts');
  assert.deepEqual(await mum.evaluate(() => window.merges), [{ added: 1, changed: 1, removed: 0, conflicts: 1, kept: 0, nothingNew: false }]);

  // Both versions are kept and shown, the differing words marked; Sian's block says who added it.
  const conflicts = await mum.evaluate(() => document.getElementById('el').conflicts());
  assert.deepEqual(conflicts.map((c) => [c.part, c.id, c.field, [...c.values].sort()]), [
    ['block', 'b1', 'text', ['Swimming on Tuesdays, with Jo.', 'Swimming on Wednesdays, with Sian.']],
  ]);
  const marked = await mum.locator('#el .op-diff').allInnerTexts();
  assert.ok(marked.some((t) => t.includes('Wednesdays')) && marked.some((t) => t.includes('Jo.')), marked.join(' | '));
  assert.match(await $(mum, `op-b-${added}`).innerText(), /Added by Sian/);
  assert.equal((await value(mum)).blocks.find((b) => b.id === added).text, 'Sian can drive to the pool on Wednesdays.');
  assert.deepEqual(await axeCheck(mum), []);
  await screenshot(mum, 'merge-conflict');

  // The keyboard: from the panel, Tab to "Keep version 2", Enter.
  const second = await mum.evaluate(() => document.getElementById('el').conflicts()[0].values[1]);
  let steps = 0;
  while (steps++ < 12 && (await mum.evaluate(() => document.getElementById('el').shadowRoot.activeElement?.id)) !== 'op-c-0-use-2') {
    await mum.keyboard.press('Tab');
  }
  assert.equal(await mum.evaluate(() => document.getElementById('el').shadowRoot.activeElement?.id), 'op-c-0-use-2');
  await mum.keyboard.press('Enter');
  await mum.waitForFunction(() => document.getElementById('el').conflicts().length === 0);
  assert.equal((await value(mum)).blocks[0].text, second);

  // Undo brings the choice back; undo again takes the whole combination away; redo twice returns.
  await mum.keyboard.press('Control+z');
  await mum.waitForFunction(() => document.getElementById('el').conflicts().length === 1);
  await mum.keyboard.press('Control+z');
  await mum.waitForFunction(() => document.getElementById('el').value.blocks.length === 2);
  assert.equal((await value(mum)).blocks[0].text, 'Swimming on Tuesdays, with Jo.');
  await mum.keyboard.press('Control+y');
  await mum.keyboard.press('Control+y');
  await mum.waitForFunction(() => document.getElementById('el').conflicts().length === 0 && document.getElementById('el').value.blocks.length === 3);

  // Combining the same copy again changes nothing.
  await $(mum, 'op-combine-file').setInputFiles({ name: 'from-sian.json', mimeType: 'application/json', buffer: Buffer.from(back) });
  await $(mum, 'op-combine-summary').waitFor();
  assert.match(await $(mum, 'op-combine-summary').innerText(), /Nothing new/);
  assert.deepEqual(mum.pageErrors, []);
  assert.deepEqual(sian.pageErrors, []);
  await mum.context().close();
  await sian.context().close();
});

test('merge() between two elements, conflicts(), and a copy of another plan refused', async () => {
  const page = await person({ author: 'Sam' });
  const result = await page.evaluate(async (plan) => {
    const a = document.getElementById('el');
    a.value = plan;
    const b = document.createElement('ourplan-plan');
    document.querySelector('main').append(b);
    await b.ready;
    b.value = a.value;
    const base = a.value;
    a.value = { ...base, title: 'Megan’s plan, by Megan' };
    b.value = { ...base, blocks: [...base.blocks, { id: 'b9_zz', kind: 'heading', text: 'Nights' }] };
    const events = [];
    a.addEventListener('ourplan-merge', (e) => events.push(e.type));
    a.addEventListener('change', (e) => events.push(e.type));
    const summary = a.merge(b.value);
    const again = a.merge(b.value);
    let refused;
    try {
      a.merge({ format: 'ourplan-plan', version: 1, title: 'Someone else', blocks: [{ id: 'b1', kind: 'text', text: 'x' }] });
    } catch (e) {
      refused = { name: e.name, code: e.code, message: e.message };
    }
    let unreadable;
    try { a.merge('{"format":'); } catch (e) { unreadable = e.code; }
    return { summary, again, refused, unreadable, events, title: a.value.title, kinds: a.value.blocks.map((x) => x.kind), conflicts: a.conflicts() };
  }, PLAN);
  assert.deepEqual(result.summary, { added: 1, changed: 0, removed: 0, conflicts: 0, kept: 0, nothingNew: false });
  assert.equal(result.again.nothingNew, true);
  assert.deepEqual(result.refused, { name: 'MergeRefusedError', code: 'other-document', message: 'This file is a copy of a different plan.' });
  assert.equal(result.unreadable, 'unreadable');
  assert.deepEqual(result.events, ['ourplan-merge', 'change']);
  assert.equal(result.title, 'Megan’s plan, by Megan');
  assert.deepEqual(result.kinds, ['text', 'budgetLine', 'heading']);
  assert.deepEqual(result.conflicts, []);
  await page.context().close();
});

test('the conflict view in Welsh, at 320 px: axe clean, nothing wider than the screen', async () => {
  const a = await person({ lang: 'cy', value: PLAN, width: 320 });
  const theirs = await a.evaluate(() => {
    const el = document.getElementById('el');
    const base = el.value;
    const other = structuredClone(base);
    other.blocks[0].text = 'Nofio ar ddydd Mercher.';
    other.blocks[1].costPence = 13000;
    el.value = { ...base, blocks: [{ ...base.blocks[0], text: 'Nofio ar ddydd Mawrth.' }, base.blocks[1]] };
    return other;
  });
  await a.evaluate((other) => document.getElementById('el').merge(other), theirs);
  await $(a, 'op-conflicts').waitFor();
  assert.match(await $(a, 'op-conflicts-title').innerText(), /Wedi’i newid mewn dau gopi/);
  assert.match(await $(a, 'op-c-0-use-1').innerText(), /Cadw fersiwn 1/);
  assert.deepEqual(await axeCheck(a), []);
  const wide = await a.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `the page is ${wide}px wide`);
  await screenshot(a, 'merge-conflict-cy-320');
  // A blend of her own, written and kept by keyboard.
  await $(a, 'op-c-0-blend').fill('Nofio ar ddydd Mawrth a dydd Mercher.');
  await $(a, 'op-c-0-use-blend').focus();
  await a.keyboard.press('Enter');
  await a.waitForFunction(() => document.getElementById('el').value.blocks[0].text === 'Nofio ar ddydd Mawrth a dydd Mercher.');
  assert.deepEqual(a.pageErrors, []);
  await a.context().close();
});

test('two tabs of one plan: the second offers to combine, and gets both tabs’ work', async () => {
  const context = await browser.newContext();
  const tab = async () => {
    const page = await openTab(context, '/embed-test.html');
    await page.evaluate(async (plan) => {
      await import('/pkg/ourplan.js');
      const el = document.createElement('ourplan-plan');
      el.id = 'el';
      el.setAttribute('storage-key', 'megan-plan');
      window.merges = [];
      el.addEventListener('ourplan-merge', (e) => window.merges.push(e.detail.summary));
      document.querySelector('main').append(el);
      await el.ready;
      el.value = plan;
    }, PLAN);
    return page;
  };
  const first = await tab();
  const second = await tab();
  await $(second, 'op-draft-combine-tab').waitFor();
  await typeInto(first, 'op-f-b1-text', 'Swimming on Tuesdays, with Jo.');
  await typeInto(second, 'op-f-b2-what', 'Personal assistant, mornings');
  // By keyboard, from the note that the plan is open in another tab.
  await $(second, 'op-draft-combine-tab').focus();
  await second.keyboard.press('Enter');
  await second.waitForFunction(() => window.merges.length === 1);
  const plan = await value(second);
  assert.equal(plan.blocks[0].text, 'Swimming on Tuesdays, with Jo.');
  assert.equal(plan.blocks[1].what, 'Personal assistant, mornings');
  assert.deepEqual(await second.evaluate(() => document.getElementById('el').conflicts()), []);
  assert.deepEqual(await axeCheck(second), []);
  assert.deepEqual([...first.pageErrors, ...second.pageErrors], []);
  await context.close();
});

test('a person gives their own name, in Welsh: the blocks they add say so', async () => {
  const page = await person({ lang: 'cy', value: PLAN });
  await $(page, 'op-author').fill('Efa');
  await $(page, 'op-author').dispatchEvent('change');
  await $(page, 'op-add-top-kind').selectOption('text');
  await $(page, 'op-add-top').click();
  const added = (await value(page)).blocks.at(-1);
  assert.equal(added.addedBy, 'Efa');
  assert.match(await $(page, `op-b-${added.id}`).innerText(), /Ychwanegwyd gan Efa/);
  // The blocks already there are nobody's in particular.
  assert.equal((await value(page)).blocks[0].addedBy, undefined);
  assert.deepEqual(await axeCheck(page), []);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
