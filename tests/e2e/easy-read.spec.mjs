// Easy read (issue 23, third step), in Chromium: `easy-read` on both elements, in English, with
// the kit's own words from the easy-read catalogue, a schema's `x-ourplan` easy words, the error
// summary in easy read, larger text, a picture beside the kit's own headings and buttons (every
// one of them drawn, looked at in a gallery), axe clean; switched off and on again keeping what
// was typed; in Welsh, standard Welsh with a note saying so; the easy-read starter.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeCheck, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCHEMA = {
  type: 'object',
  title: 'About you',
  required: ['name', 'matters'],
  properties: {
    name: {
      type: 'string',
      title: 'Your full name',
      'x-ourplan': { easy: { en: 'What is your name?' }, easyHint: { en: 'Write your first name.\nYou can add your last name too.' } },
    },
    matters: { type: 'string', title: 'What matters to you' },
    friends: { type: 'array', title: 'Friends', items: { type: 'string', title: 'Friend' } },
  },
};

/** A page with a record and a plan, both `easy-read`, in `lang`. */
async function both(lang = 'en', viewport = { width: 800, height: 900 }) {
  const page = await openPage(browser, '/embed-test.html');
  await page.setViewportSize(viewport);
  await page.evaluate(async ({ schema, lang }) => {
    await import('/pkg/ourplan.js');
    const rec = document.createElement('ourplan-record');
    rec.id = 'rec';
    rec.setAttribute('lang', lang);
    rec.setAttribute('easy-read', '');
    rec.setAttribute('level', 'full');
    rec.schema = schema;
    const plan = document.createElement('ourplan-plan');
    plan.id = 'plan';
    plan.setAttribute('lang', lang);
    plan.setAttribute('easy-read', '');
    plan.setAttribute('checks', 'wales');
    plan.signoffRules = { limit: { amount: '250.00', period: 'week' } };
    plan.practitioner = { name: 'Sam Patel', role: 'Social worker' };
    document.querySelector('main').append(rec, plan);
    await rec.ready;
    await plan.ready;
  }, { schema: SCHEMA, lang });
  return page;
}

const inRec = (page, id) => page.locator(`#rec [id="${id}"]`);
const inPlan = (page, id) => page.locator(`#plan [id="${id}"]`);

function noKitErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

test('a record in easy read: its own words, the schema’s easy words, the error summary, larger text, axe clean', async () => {
  const page = await both();
  // The schema's own easy-read label and hint.
  assert.equal((await page.locator('#rec label[for="op-f-name"]').textContent()).trim(), 'What is your name?');
  assert.equal(await page.locator('#rec [id="op-f-name-hint"]').textContent(), 'Write your first name.\nYou can add your last name too.');
  // The hint keeps one idea a line on screen.
  const lines = await page.locator('#rec [id="op-f-name-hint"]').evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  assert.equal(lines, 2, 'two lines');
  await page.evaluate(() => document.getElementById('rec').validate());
  const summary = page.locator('#rec .op-error-summary');
  assert.equal((await summary.locator('h2').textContent()).trim(), 'Something needs fixing');
  assert.deepEqual(await summary.locator('li').allTextContents(), ['Please answer ‘What is your name?’', 'Please answer ‘What matters to you’']);
  assert.equal(await summary.locator('svg.op-icon[data-icon="problem"][aria-hidden="true"]').count(), 1);
  // Larger text than a standard record.
  const size = await page.locator('#rec').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.equal(size, 20, 'a 20 px base font (16 px standard)');
  assert.deepEqual(await axeCheck(page), [], 'axe in easy read');
  await screenshot(page, 'easy-read-record');
  // Copies and who answered, in easy words too.
  await page.evaluate(() => { const rec = document.getElementById('rec'); rec.copies = true; rec.author = 'Sian'; });
  await inRec(page, 'op-f-matters').fill('My garden');
  await inRec(page, 'op-copies-title').waitFor();
  assert.equal((await inRec(page, 'op-copies-title').textContent()).trim(), 'Share your answers');
  assert.equal(await page.locator('#rec [id="op-copies-title"] svg.op-icon[data-icon="share"]').count(), 1);
  assert.equal((await inRec(page, 'op-combine-button').textContent()).trim(), 'Put a copy together with yours');
  assert.deepEqual(await page.locator('#rec [part="answered-by"]').allTextContents(), ['Sian wrote this answer']);
  assert.deepEqual(await axeCheck(page), [], 'axe with the copies panel in easy read');
  await screenshot(page, 'easy-read-record-copies');
  noKitErrors(page);
  await page.context().close();
});

test('a plan in easy read: its own words and pictures, the easy-read starter, axe clean, and off again keeping the work', async () => {
  const page = await both();
  assert.equal((await inPlan(page, 'op-start-title').textContent()).trim(), 'How do you want to start?');
  assert.equal(await inPlan(page, 'op-start-title').locator('svg[data-icon="start"]').count(), 1);
  await inPlan(page, 'op-start-easy-read-profile').click();
  const value = await page.evaluate(() => document.getElementById('plan').value);
  assert.equal(value.blocks[0].kind, 'picture', 'the easy-read profile opens with a photo of the person');
  assert.deepEqual(value.blocks.slice(1).map((b) => b.title), ['What people like about me', 'What is important to me', 'How to help me', 'People who help me']);
  for (const [id, words, icon] of [
    ['op-undo', 'Go back', 'undo'],
    ['op-redo', 'Go forward', 'redo'],
    ['op-budget-title', 'Money', 'money'],
    ['op-reviews-title', 'How is it going?', 'talk'],
    ['op-files-title', 'Keep your plan', 'save'],
    ['op-print', 'Print your plan', 'print'],
  ]) {
    assert.equal((await inPlan(page, id).textContent()).trim(), words, id);
    assert.equal(await inPlan(page, id).locator(`svg.op-icon[data-icon="${icon}"]`).count(), 1, `${id} has its picture`);
  }
  // Every picture is decoration beside words: hidden from screen readers, never focusable.
  const icons = await page.evaluate(() => [...document.getElementById('plan').shadowRoot.querySelectorAll('svg.op-icon')]
    .map((s) => [s.getAttribute('aria-hidden'), s.getAttribute('focusable')]));
  assert.ok(icons.length > 20);
  assert.ok(icons.every(([hidden, focusable]) => hidden === 'true' && focusable === 'false'));
  assert.deepEqual(await axeCheck(page), [], 'axe on the plan in easy read');
  await screenshot(page, 'easy-read-plan');

  // Off: the standard words, no pictures, nothing typed lost; on again.
  await inPlan(page, 'op-title').fill('Megan’s plan');
  await page.evaluate(() => document.getElementById('plan').removeAttribute('easy-read'));
  await page.waitForFunction(() => document.getElementById('plan').shadowRoot.getElementById('op-undo')?.textContent.trim() === 'Undo');
  assert.equal(await page.locator('#plan svg.op-icon').count(), 0);
  assert.equal(await inPlan(page, 'op-title').inputValue(), 'Megan’s plan');
  await page.evaluate(() => { document.getElementById('plan').easyRead = true; });
  await page.waitForFunction(() => document.getElementById('plan').shadowRoot.getElementById('op-undo')?.textContent.trim() === 'Go back');
  assert.equal(await page.evaluate(() => document.getElementById('plan').value.title), 'Megan’s plan');
  noKitErrors(page);
  await page.context().close();
});

test('every picture of the kit’s own is drawn somewhere, and a gallery of them is looked at', async () => {
  const page = await both();
  await page.evaluate(() => document.getElementById('rec').validate());
  const startIcon = await page.evaluate(() => document.getElementById('plan').shadowRoot.querySelector('svg.op-icon[data-icon="start"]')?.outerHTML);
  await inPlan(page, 'op-start-blank').click();
  await inPlan(page, 'op-add-top-kind').selectOption('text');
  await inPlan(page, 'op-add-top').click();
  await inPlan(page, 'op-add-top-kind').selectOption('picture');
  await inPlan(page, 'op-add-top').click();
  await inRec(page, 'op-f-friends-add').click().catch(() => {});
  const found = await page.evaluate(() => {
    const seen = new Map();
    for (const host of ['rec', 'plan']) {
      for (const svg of document.getElementById(host).shadowRoot.querySelectorAll('svg.op-icon')) {
        if (!seen.has(svg.dataset.icon)) seen.set(svg.dataset.icon, svg.outerHTML);
      }
    }
    return Object.fromEntries(seen);
  });
  found.start = startIcon;
  const names = ['undo', 'redo', 'add', 'remove', 'up', 'down', 'money', 'talk', 'save', 'open', 'print', 'picture', 'problem', 'share', 'start', 'agreed', 'idea'];
  const missing = names.filter((n) => !found[n]);
  assert.deepEqual(missing, [], 'every picture is used');
  await page.setContent(`<!doctype html><html lang="en"><head><title>ourplan easy-read pictures</title></head>
    <body style="font: 20px system-ui, sans-serif; color: #0b0c0c">
    <h1 style="font-size: 24px">The kit’s own pictures, for easy read</h1>
    <ul style="list-style: none; display: grid; grid-template-columns: repeat(4, 180px); gap: 16px; padding: 0">
    ${Object.entries(found).map(([name, svg]) => `<li style="display: flex; gap: 10px; align-items: center">${svg.replace('<svg', '<svg style="width: 48px; height: 48px"')}<span>${name}</span></li>`).join('')}
    </ul></body></html>`);
  await screenshot(page, 'easy-read-pictures');
  await page.context().close();
});

test('in Welsh, easy read is standard Welsh for now, and a note says so; axe clean', async () => {
  const page = await both('cy');
  const note = 'Nid yw’r fersiwn hawdd ei darllen ar gael yn Gymraeg eto. Mae’r geiriau yma yn Gymraeg arferol.';
  assert.equal(await inPlan(page, 'op-easy-note').textContent(), note);
  assert.equal(await inRec(page, 'op-easy-note').textContent(), note);
  assert.equal((await inPlan(page, 'op-start-blank').textContent()).trim(), 'Dechrau gyda thudalen wag');
  assert.equal(await page.locator('#plan svg.op-icon').count() > 0, true, 'the pictures are there in Welsh too');
  assert.deepEqual(await axeCheck(page), [], 'axe in Welsh easy read');
  // Without easy read, no note.
  await page.evaluate(() => document.getElementById('plan').removeAttribute('easy-read'));
  await page.waitForFunction(() => !document.getElementById('plan').shadowRoot.getElementById('op-easy-note'));
  noKitErrors(page);
  await page.context().close();
});

test('easy read fits a 320 px screen', async () => {
  const page = await both('en', { width: 320, height: 800 });
  await inPlan(page, 'op-start-easy-read-profile').click();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `nothing wider than the screen (${wide} px)`);
  await screenshot(page, 'easy-read-320');
  await page.context().close();
});
