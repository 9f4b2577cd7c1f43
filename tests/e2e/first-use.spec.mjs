// What broke when the kit was tried as a new user would (issue 16), each a regression test in
// Chromium: answers filed in the wrong place, focus lost, read-back that reordered or looked like a
// form, and a plan that printed like a form. Print is checked on the PDF Chromium prints, read
// with poppler's pdftotext (and turned into PNG pages with pdftoppm, to look at).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, axeCheck, screenshot } from './harness.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function assertNoKitErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

/** The host page with a fresh record drawing `schema` (every field showing), and `attrs`. */
async function record(schema, attrs = {}) {
  const page = await openPage(browser, '/host.html');
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'));
  await page.evaluate(({ schema, attrs }) => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.setAttribute('level', 'full');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.schema = schema;
    document.querySelector('main').append(el);
  }, { schema, attrs });
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'));
  return page;
}

const recordValue = (page) => page.evaluate(() => document.querySelector('ourplan-record').value);
/** Which element has focus: inside the record, its id; else the page's focused tag. */
const focused = (page, tag = 'ourplan-record') => page.evaluate((tag) => {
  const el = document.querySelector(tag);
  if (document.activeElement === el) return el.shadowRoot.activeElement?.id || el.shadowRoot.activeElement?.tagName;
  return document.activeElement?.tagName;
}, tag);

const HOME = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name' },
    home: {
      title: 'Where you live',
      oneOf: [
        { title: 'Own home', type: 'object', required: ['kind'], properties: { kind: { const: 'own', title: 'Kind' }, address: { type: 'string', title: 'Address' } } },
        { title: 'Care home', type: 'object', required: ['kind', 'name'], properties: { kind: { const: 'care', title: 'Kind' }, name: { type: 'string', title: 'Name of the care home' } } },
      ],
    },
    notes: { type: 'string', title: 'Anything else' },
  },
};

test('a oneOf told apart by a const: choosing the shape sets it, it is not asked, and read-back names the shape', async () => {
  const page = await record(HOME);
  await page.locator('ourplan-record #op-f-home').check();
  await page.locator('ourplan-record #op-f-home-address').fill('1 High Street');
  await page.locator('ourplan-record #op-f-home-choice-1').check();
  const shown = await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.textContent);
  assert.ok(!/Kind/.test(shown), 'the shape’s const is not asked: ' + shown);
  assert.equal(await page.locator('ourplan-record input[type="radio"]').count(), 2, 'only the two shapes');
  await page.locator('ourplan-record #op-f-home-name').fill('Tŷ Gwyn');
  assert.deepEqual(await recordValue(page), { home: { kind: 'care', name: 'Tŷ Gwyn' } });
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.equal(verdict.valid, true, JSON.stringify(verdict));
  // A language switch keeps the shape chosen.
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('lang', 'cy'));
  assert.equal(await page.locator('ourplan-record #op-f-home-choice-1').isChecked(), true);
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('lang', 'en'));
  // Read back: the shape's title, never its const.
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('readonly', ''));
  await page.locator('ourplan-record .op-read-back').waitFor();
  const read = await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.querySelector('.op-read-back').innerText);
  assert.match(read, /Where you live\s+Care home/);
  assert.ok(!/Kind|^\s*care\s*$/m.test(read), read);
  assert.match(read, /Name of the care home\s+Tŷ Gwyn/);
  assertNoKitErrors(page);
  await page.context().close();
});

test('read-back keeps the form’s own order: a group stands where its question stands', async () => {
  const page = await record({
    type: 'object',
    properties: {
      name: { type: 'string', title: 'Name' },
      address: { type: 'object', title: 'Address', properties: { town: { type: 'string', title: 'Town' } } },
      notes: { type: 'string', title: 'Anything else' },
    },
  }, { readonly: '' });
  await page.evaluate(() => { document.querySelector('ourplan-record').value = { name: 'Ann', address: { town: 'Bala' }, notes: 'Likes tea' }; });
  await page.locator('ourplan-record .op-read-back dt').first().waitFor();
  const order = await page.evaluate(() => [...document.querySelector('ourplan-record').shadowRoot.querySelectorAll('.op-read-back dt, .op-read-back h3')].map((e) => e.textContent));
  assert.deepEqual(order, ['Name', 'Address', 'Town', 'Anything else']);
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});

test('the add-another name and answer: Tab moves from the name to the answer, like any form', async () => {
  const page = await record({ type: 'object', properties: { pets: { type: 'object', title: 'Pets', additionalProperties: { type: 'string' } } } });
  await page.locator('ourplan-record #op-f-pets-add').click();
  assert.equal(await focused(page), 'op-f-pets--name', 'focus on the new name box');
  await page.keyboard.type('Pets');
  await page.keyboard.press('Tab');
  await page.keyboard.type('A cat');
  assert.deepEqual(await recordValue(page), { pets: { Pets: 'A cat' } });
  assert.equal(await focused(page), 'op-f-pets-Pets');
  // Shift+Tab goes back to the name, which can be changed again.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'op-f-pets-Pets-name');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a change with no input before it is the person’s edit, in both elements', async () => {
  const page = await record({ type: 'object', properties: { name: { type: 'string', title: 'Name' }, when: { type: 'string', format: 'date', title: 'When' } } });
  await page.evaluate(() => {
    window.events = [];
    const el = document.querySelector('ourplan-record');
    el.addEventListener('change', () => window.events.push('change'));
    // What autofill, password managers and WebDriver's clear() do: the value, then only `change`.
    const set = (id, text) => {
      const box = el.shadowRoot.getElementById(id);
      box.value = text;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    };
    set('op-f-name', 'Ann Jones');
    set('op-f-when', '3');
    set('op-f-when-month', '4');
    set('op-f-when-year', '2026');
  });
  assert.deepEqual(await recordValue(page), { name: 'Ann Jones', when: '2026-04-03' });
  assert.equal(await page.locator('ourplan-record #op-f-name').inputValue(), 'Ann Jones');
  assert.ok((await page.evaluate(() => window.events)).length > 0, 'the host hears the change');
  await page.context().close();

  const plan = await openPage(browser, '/plan.html');
  await plan.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'));
  await plan.locator('ourplan-plan #op-start-blank').click();
  await plan.evaluate(() => {
    const box = document.querySelector('ourplan-plan').shadowRoot.getElementById('op-title');
    box.value = 'Plan filled in by autofill';
    box.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.equal(await plan.evaluate(() => document.querySelector('ourplan-plan').value.title), 'Plan filled in by autofill');
  assert.equal(await plan.locator('ourplan-plan #op-title').inputValue(), 'Plan filled in by autofill');
  await plan.context().close();
});

test('revealing a follow-up question keeps focus on the control used, and the question comes next', async () => {
  const page = await record({
    type: 'object',
    required: ['contact'],
    properties: {
      name: { type: 'string', title: 'Name' },
      contact: { type: 'boolean', title: 'Happy for us to email them' },
      how: { title: 'How should we reach you', enum: ['phone', 'post'] },
      after: { type: 'string', title: 'Anything else' },
    },
    if: { properties: { contact: { const: true } }, required: ['contact'] },
    then: { properties: { email: { type: 'string', title: 'Email address' } }, required: ['email'] },
    dependentSchemas: { how: { properties: { detail: { type: 'string', title: 'Number or address' } } } },
  });
  await page.locator('ourplan-record #op-f-name').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'op-f-contact');
  await page.keyboard.press('Space');
  await page.locator('ourplan-record #op-f-email').waitFor();
  assert.equal(await focused(page), 'op-f-contact', 'focus stays on the checkbox');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'op-f-email', 'the new question comes next');
  await page.keyboard.type('ann@example.org');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'op-f-how');
  await page.keyboard.press('Space');
  await page.locator('ourplan-record #op-f-detail').waitFor();
  assert.equal(await focused(page), 'op-f-how', 'focus stays on the radio');
  assert.deepEqual(await recordValue(page), { contact: true, email: 'ann@example.org', how: 'phone' });
  // The message for a statement reads naturally.
  await page.locator('ourplan-record #op-f-contact').uncheck();
  await page.evaluate(() => { document.querySelector('ourplan-record').value = {}; });
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.equal(verdict.errors[0].message, 'Answer ‘Happy for us to email them’');
  assertNoKitErrors(page);
  await page.context().close();
});

// The plan.

const PLAN = {
  format: 'ourplan-plan',
  version: 1,
  title: 'Megan’s plan',
  blocks: [
    { id: 'b1', kind: 'section', title: 'My mornings', children: [
      { id: 'b2', kind: 'text', text: 'I like a slow start with the radio on.\n\nTea before anything else.' },
      { id: 'b3', kind: 'checklist', items: [{ id: 'i4', text: 'Ring Jo on Sundays', done: true }, { id: 'i5', text: 'Book the bus', done: false }] },
    ] },
    { id: 'b6', kind: 'person', name: 'Jo', relationship: 'My sister', howTheyHelp: '', contact: '' },
    { id: 'b7', kind: 'budgetLine', what: 'Personal assistant', costPence: 12050, frequency: 'weekly', paidFrom: 'direct-payment', outcomeId: null, secondLook: false },
    { id: 'b8', kind: 'budgetLine', what: 'Swimming', costPence: 2000, frequency: 'monthly', paidFrom: 'own-money', outcomeId: null, secondLook: false },
    { id: 'b9', kind: 'text', text: '' },
  ],
  budget: { indicative: { amountPence: 15000, period: 'week' }, howWorkedOut: '', managedAs: 'direct-payment' },
  complex: false,
  signoff: null,
  reviews: [
    { id: 'r10', date: '2026-03-02', by: 'Megan and Sam', working: 'Mornings are calmer', notWorking: '', changes: '' },
    { id: 'r11', date: '', by: '', working: '', notWorking: '', changes: '' },
  ],
  nextId: 12,
};

async function planPage(plan = PLAN) {
  const page = await openPage(browser, '/plan.html');
  await page.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'));
  await page.evaluate((plan) => {
    const el = document.querySelector('ourplan-plan');
    el.setAttribute('checks', 'england');
    el.signoffRules = { limit: { amount: '250.00', period: 'week' } };
    el.practitioner = { name: 'Sam Patel', role: 'Social worker' };
    if (plan) el.value = plan;
  }, plan);
  return page;
}

test('a read-only plan reads as the person’s document: text as text, the budget as a table, nothing editable', async () => {
  const page = await planPage();
  await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('readonly', ''));
  await page.locator('ourplan-plan .op-plan-read').waitFor();
  const shape = await page.evaluate(() => {
    const root = document.querySelector('ourplan-plan').shadowRoot;
    return {
      // The one button a read-only plan has prints it.
      controls: root.querySelectorAll('input, textarea, select, button:not(#op-print)').length,
      print: root.getElementById('op-print')?.textContent,
      table: [...root.querySelectorAll('.op-plan-read table tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      text: root.querySelector('.op-plan-read').innerText,
    };
  });
  assert.equal(shape.controls, 0, 'no boxes, ticks or buttons');
  assert.equal(shape.print, 'Print your plan');
  assert.deepEqual(shape.table, [
    ['What it is for', 'How often', 'Paid from', 'Cost'],
    ['Personal assistant', 'Every week', 'Direct payment', '£120.50'],
    ['Swimming', 'Every month', 'My own money', '£20.00'],
  ]);
  for (const words of ['Megan’s plan', 'My mornings', 'I like a slow start with the radio on.', 'Ring Jo on Sundays', 'My sister', 'Mornings are calmer']) {
    assert.ok(shape.text.includes(words), words);
  }
  assert.ok(!/How they help|Who took part\s*\n\s*\n/.test(shape.text), 'empty fields are left out');
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'plan-read-back');
  assertNoKitErrors(page);
  await page.context().close();
});

test('the plan prints as the person’s document: their words, headings and totals; no hint, control, prompt or empty box', async () => {
  const page = await planPage();
  // Focus in the builder, as when someone presses Ctrl+P while writing.
  await page.locator('ourplan-plan #op-title').focus();
  mkdirSync(artifacts, { recursive: true });
  const pdfPath = join(artifacts, 'plan-print.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4' }));
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const words of ['Megan’s plan', 'My mornings', 'I like a slow start with the radio on.', 'Tea before anything else.',
    'Ring Jo on Sundays', 'Book the bus', 'Jo', 'My sister', 'Personal assistant', '£120.50', '£20.00', 'Budget',
    'Review on 2 March 2026', 'Mornings are calmer']) {
    assert.ok(text.includes(words), `printed: ${words}\n${text}`);
  }
  for (const words of ['In pounds', 'Undo', 'Add a block', 'Delete', 'You might want', 'Care Act', 'Sign off as',
    'Not reviewed', 'How they help', 'What is not working', 'Download', 'Title of your plan', 'Note how the plan']) {
    assert.ok(!text.includes(words), `not printed: ${words}\n${text}`);
  }
  // After printing, the builder is as it was: focus kept, no copy left behind.
  assert.equal(await focused(page, 'ourplan-plan'), 'op-title');
  assert.equal(await page.locator('ourplan-plan .op-plan-print').count(), 0);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(artifacts, 'plan-print')]);
  assertNoKitErrors(page);
  await page.context().close();
});

test('sign-off on an empty plan says there is nothing to sign off yet', async () => {
  const page = await planPage(null);
  await page.locator('ourplan-plan #op-start-blank').click();
  await page.locator('ourplan-plan [part="signoff"]').waitFor();
  const panel = await page.locator('ourplan-plan [part="signoff"]').innerText();
  assert.match(panel, /There is nothing to sign off yet/);
  assert.equal(await page.locator('ourplan-plan #op-signoff').count(), 0, 'no sign-off button');
  await page.context().close();
});

test('a plan file with a block of an unknown kind opens, says which part, and keeps it as it was', async () => {
  const page = await planPage();
  const photo = { id: 'b20', kind: 'photo', src: 'data:image/png;base64,AAAA', alt: 'Me at the beach' };
  const file = { ...PLAN, blocks: [PLAN.blocks[0], photo, ...PLAN.blocks.slice(1)], nextId: 21 };
  await page.locator('ourplan-plan #op-import').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('ourplan-plan #op-import-notes').waitFor();
  assert.match(await page.locator('ourplan-plan #op-import-notes').innerText(), /Part 2 is a kind of part this version of the page cannot show \(‘photo’\)/);
  assert.match(await page.locator('ourplan-plan #op-b-b20').innerText(), /A part this version cannot show/);
  const value = await page.evaluate(() => document.querySelector('ourplan-plan').value);
  assert.deepEqual(value.blocks[1], photo, 'kept exactly');
  assert.equal(value.blocks.length, 6);
  assert.deepEqual(await axeCheck(page), []);
  // A file that does not fit says which part and field.
  const bad = { ...PLAN, blocks: [...PLAN.blocks] };
  bad.blocks[2] = { ...PLAN.blocks[2], costPence: 'lots' };
  await page.locator('ourplan-plan #op-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.locator('ourplan-plan #op-import-error').waitFor();
  assert.match(await page.locator('ourplan-plan #op-import-error').innerText(), /‘Cost’ in part 3 \(‘Personal assistant’\)/);
  assertNoKitErrors(page);
  await page.context().close();
});
