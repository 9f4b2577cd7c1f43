// Both elements inside a plain <form> (demo/form-test.html), end to end in Chromium: what a real
// submission posts to the demo server's /echo, validity (checkValidity, :invalid, a submit with
// problems showing the kit's own error summary, focused), reset, back-navigation restore, and
// which changes fire events.

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

/** Waits until both elements on the form page have drawn. */
async function ready(page) {
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record #op-f-name')
    && document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
}

async function openForm() {
  const page = await openPage(browser, '/form-test.html');
  await ready(page);
  return page;
}

/** The fields the echo page lists, as { name: value }. */
function echoed(page) {
  return page.evaluate(() => {
    const out = {};
    const names = [...document.querySelectorAll('#fields dt')];
    for (const dt of names) out[dt.textContent] = dt.nextElementSibling.textContent;
    return out;
  });
}

const $ = (page, sel) => page.locator(sel);
const value = (page, tag) => page.evaluate((tag) => document.querySelector(tag).value, tag);

/** Adds a budget line to the plan (from its blank page) and returns the cost box's selector. */
async function addBudgetLine(page) {
  if (await $(page, 'ourplan-plan #op-start-blank').count()) await $(page, 'ourplan-plan #op-start-blank').click();
  await $(page, 'ourplan-plan #op-add-top-kind').selectOption('budgetLine');
  await $(page, 'ourplan-plan #op-add-top').click();
  const id = await page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement.closest('.op-plan-block').id.replace(/^op-b-/, ''));
  return `ourplan-plan [id="op-f-${id}-costPence"]`;
}

/** No kit errors. (The echo page has no icon, so the browser's 404 for /favicon.ico is not ours.) */
function assertNoErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  const errors = page.consoleMessages.filter((m) => m.type === 'error' && !/^Failed to load resource: .*404/.test(m.text));
  assert.deepEqual(errors, [], 'console errors');
}

test('a real form submission posts both values as JSON under their names', async () => {
  const page = await openForm();
  await $(page, 'ourplan-record #op-f-name').fill('Ann “Nan” <Jones>');
  await $(page, 'ourplan-record #op-f-visits').fill('3');
  const cost = await addBudgetLine(page);
  await page.locator(cost).fill('12.50');
  const plan = await value(page, 'ourplan-plan');
  assert.equal(plan.blocks.length, 1);
  await Promise.all([page.waitForURL('**/echo'), $(page, '#send').click()]);
  const fields = await echoed(page);
  assert.deepEqual(Object.keys(fields), ['ref', 'record', 'plan']);
  assert.equal(fields.ref, 'R-1');
  assert.deepEqual(JSON.parse(fields.record), { name: 'Ann “Nan” <Jones>', visits: 3 });
  assert.deepEqual(JSON.parse(fields.plan), plan);
  assert.equal(JSON.parse(fields.plan).blocks[0].costPence, 1250);
  assertNoErrors(page);
  await page.context().close();
});

test('a new schema is drawn off the page and arrives whole: one change for an observer, none missing in a frame, focus kept', async () => {
  const page = await openForm();
  const seen = await page.evaluate(async () => {
    const el = document.getElementById('record');
    const schema = (n) => ({
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, { type: 'string', title: `Question ${i}` }])),
    });
    el.schema = schema(3);
    await new Promise((r) => setTimeout(r, 0));
    const root = el.shadowRoot;
    let records = 0;
    const observer = new MutationObserver((list) => { records += list.length; });
    observer.observe(root, { childList: true, subtree: true });
    const out = {};
    el.schema = schema(200);
    // A frame callback runs before that frame paints: the form must be there, whole, by then.
    const inFrame = new Promise((r) => requestAnimationFrame(() => r(root.querySelectorAll('input').length)));
    await new Promise((r) => setTimeout(r, 0));
    out.inputsAfterTask = root.querySelectorAll('input').length;
    out.inputsInFrame = await inFrame;
    out.fewRecords = records <= 4;
    observer.disconnect();
    // With focus inside, nothing is taken out of the page: the focused field keeps focus.
    root.getElementById('op-f-q5').focus();
    el.schema = { ...schema(200), required: ['q1'] };
    await new Promise((r) => setTimeout(r, 0));
    out.focusKept = root.activeElement?.id ?? null;
    return out;
  });
  assert.deepEqual(seen, { inputsAfterTask: 200, inputsInFrame: 200, fewRecords: true, focusKept: 'op-f-q5' });
  assertNoErrors(page);
});

test('a new schema draws before it compiles: until then the form is never wrongly valid, and a submit compiles it first', async () => {
  const page = await openForm();
  const seen = await page.evaluate(async () => {
    const el = document.getElementById('record');
    const form = document.getElementById('form');
    const schema = (required) => ({
      type: 'object', required, properties: { name: { type: 'string', title: 'Your name' }, town: { type: 'string', title: 'Town' } },
    });
    const out = {};
    el.schema = schema(['name']);
    el.value = { name: 'Ann' };
    // Drawn in a microtask; compiled after the next paint.
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    out.drawnBeforeCompile = Boolean(el.shadowRoot.querySelector('#op-f-town'));
    out.invalidWhileWaiting = el.matches(':invalid') && !form.checkValidity();
    // The element's own validity compiles at once.
    out.checkValidity = el.checkValidity();
    el.schema = schema(['name', 'town']);
    out.message = el.validationMessage;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    await new Promise((r) => setTimeout(r, 0));
    out.formValidAfterPaint = form.checkValidity();
    return out;
  });
  assert.deepEqual(seen, {
    drawnBeforeCompile: true,
    invalidWhileWaiting: true,
    checkValidity: true,
    message: 'Enter ‘Town’',
    formValidAfterPaint: false,
  });
  // A valid value with a fresh schema, submitted in the same task: the click compiles it first.
  await Promise.all([page.waitForURL('**/echo'), page.evaluate(() => {
    const el = document.getElementById('record');
    el.schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    el.value = { name: 'Bo' };
    document.getElementById('send').click();
  })]);
  assert.deepEqual(JSON.parse((await echoed(page)).record), { name: 'Bo' });
  assertNoErrors(page);
  await page.context().close();
});

test('a form with problems is not sent: the kit shows its own error summary, focused, not a bubble', async () => {
  const page = await openForm();
  const state = () => page.evaluate(() => {
    const record = document.querySelector('ourplan-record');
    return {
      invalid: record.matches(':invalid'),
      formValid: document.getElementById('form').checkValidity(),
      message: record.validationMessage,
      summary: Boolean(record.shadowRoot.querySelector('.op-error-summary')),
    };
  });
  // Checking validity from a script says no, but shows nothing: the person has not submitted.
  assert.deepEqual(await state(), { invalid: true, formValid: false, message: 'Enter ‘Your name’', summary: false });
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').checkValidity()), false);
  assert.equal(await $(page, 'ourplan-record .op-error-summary').count(), 0);

  await $(page, '#send').click();
  await $(page, 'ourplan-record .op-error-summary').waitFor();
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.className === 'op-error-summary');
  assert.match(page.url(), /form-test\.html$/, 'nothing was sent');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'ourplan-record');
  assert.match(await $(page, 'ourplan-record .op-error-summary').textContent(), /Enter ‘Your name’/);
  assert.deepEqual(await axeCheck(page), [], 'axe with the error summary after a submit');
  await screenshot(page, 'form-submit-with-problems');

  // A host field that comes first and has its own problem keeps the browser's own handling;
  // the kit's summary still shows, without taking focus from it.
  await page.reload();
  await ready(page);
  await page.evaluate(() => { const ref = document.getElementById('ref'); ref.required = true; ref.value = ''; });
  await $(page, '#send').click();
  await $(page, 'ourplan-record .op-error-summary').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'ref');

  // Fixed: the form is sent.
  await page.evaluate(() => { document.getElementById('ref').value = 'R-2'; });
  await $(page, 'ourplan-record #op-f-name').fill('Bea');
  assert.equal((await state()).invalid, false);
  await Promise.all([page.waitForURL('**/echo'), $(page, '#send').click()]);
  assert.deepEqual(JSON.parse((await echoed(page)).record), { name: 'Bea' });
  assertNoErrors(page);
  await page.context().close();
});

test('a plan cost that is not an amount stops the submit and takes focus; reportValidity does too', async () => {
  const page = await openForm();
  await $(page, 'ourplan-record #op-f-name').fill('Cai');
  const cost = await addBudgetLine(page);
  await page.locator(cost).fill('ten pounds');
  const planState = () => page.evaluate(() => {
    const plan = document.querySelector('ourplan-plan');
    return { invalid: plan.matches(':invalid'), message: plan.validationMessage };
  });
  const bad = await planState();
  assert.equal(bad.invalid, true);
  assert.ok(bad.message.length > 0 && !/invalid|must/i.test(bad.message), bad.message);
  await $(page, '#send').click();
  const costId = (await page.locator(cost).getAttribute('id'));
  await page.waitForFunction((id) => document.querySelector('ourplan-plan').shadowRoot.activeElement?.id === id, costId);
  assert.match(page.url(), /form-test\.html$/, 'nothing was sent');
  // The element's own reportValidity: the same focus, no bubble.
  await page.evaluate(() => document.getElementById('ref').focus());
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-plan').reportValidity()), false);
  await page.waitForFunction((id) => document.querySelector('ourplan-plan').shadowRoot.activeElement?.id === id && document.activeElement.localName === 'ourplan-plan', costId);
  await page.locator(cost).fill('10');
  assert.deepEqual(await planState(), { invalid: false, message: '' });
  await Promise.all([page.waitForURL('**/echo'), $(page, '#send').click()]);
  assert.equal(JSON.parse((await echoed(page)).plan).blocks[0].costPence, 1000);
  assertNoErrors(page);
  await page.context().close();
});

test('a form reset takes both elements back to where they started, firing nothing', async () => {
  const page = await openForm();
  await page.evaluate(() => {
    // The host's starting value: what a reset returns to.
    document.querySelector('ourplan-record').value = { visits: 2 };
    window.seen = [];
    for (const tag of ['ourplan-record', 'ourplan-plan']) {
      for (const type of ['input', 'change']) document.querySelector(tag).addEventListener(type, () => window.seen.push(`${tag} ${type}`));
    }
  });
  const fresh = await value(page, 'ourplan-plan');
  await $(page, 'ourplan-record #op-f-name').fill('Dai');
  await $(page, 'ourplan-record #op-f-visits').fill('5');
  await addBudgetLine(page);
  await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.equal(await $(page, 'ourplan-record .op-error-summary').count(), 0, 'no problems now');
  await $(page, 'ourplan-record #op-f-visits').fill('50');
  await page.evaluate(() => document.querySelector('ourplan-record').validate());
  await $(page, 'ourplan-record .op-error-summary').waitFor();
  assert.ok((await page.evaluate(() => window.seen)).length > 0, 'the person’s edits fired events');

  await page.evaluate(() => { window.seen = []; });
  await $(page, '#reset').click();
  await page.waitForFunction(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('#op-start-blank'));
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.querySelector('#op-f-visits')?.value === '2');
  assert.deepEqual(await value(page, 'ourplan-record'), { visits: 2 });
  assert.equal(await $(page, 'ourplan-record #op-f-name').inputValue(), '');
  assert.equal(await $(page, 'ourplan-record .op-error-summary').count(), 0, 'the shown problems went with the reset');
  assert.deepEqual(await value(page, 'ourplan-plan'), fresh);
  assert.deepEqual(await page.evaluate(() => window.seen), [], 'a reset fires no input or change');
  const formData = await page.evaluate(() => Object.fromEntries(new FormData(document.getElementById('form'))));
  assert.deepEqual(JSON.parse(formData.record), { visits: 2 });
  assert.deepEqual(JSON.parse(formData.plan), fresh);
  assertNoErrors(page);
  await page.context().close();
});

test('going back to the form after sending it brings back what the person had entered', async () => {
  const page = await openForm();
  await $(page, 'ourplan-record #op-f-name').fill('Efa');
  await $(page, 'ourplan-record #op-f-visits').fill('4');
  const cost = await addBudgetLine(page);
  await page.locator(cost).fill('7');
  const plan = await value(page, 'ourplan-plan');
  await Promise.all([page.waitForURL('**/echo'), $(page, '#send').click()]);
  await page.goBack();
  await ready(page);
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.querySelector('#op-f-name')?.value === 'Efa', null, { timeout: 5000 });
  assert.deepEqual(await value(page, 'ourplan-record'), { name: 'Efa', visits: 4 });
  assert.equal(await $(page, 'ourplan-record #op-f-visits').inputValue(), '4');
  // The plan comes back as it was (with the merge history a plan gains once it is opened).
  const { merge: _history, ...back } = await value(page, 'ourplan-plan');
  const { merge: _before, ...sent } = plan;
  assert.deepEqual(back, sent);
  assert.equal(await page.locator(cost).inputValue(), '7.00');
  assertNoErrors(page);
  await page.context().close();
});

test('the host setting value fires nothing but reaches the form; the person’s edits fire input and change', async () => {
  const page = await openForm();
  const plan = await value(page, 'ourplan-plan');
  const after = await page.evaluate(async (plan) => {
    window.seen = [];
    for (const tag of ['ourplan-record', 'ourplan-plan']) {
      for (const type of ['input', 'change']) document.querySelector(tag).addEventListener(type, (e) => window.seen.push(`${tag} ${type}`));
    }
    document.querySelector('ourplan-record').value = { name: 'Fflur' };
    document.querySelector('ourplan-plan').value = { ...plan, title: 'My plan for the spring' };
    await Promise.all([document.querySelector('ourplan-record').ready, document.querySelector('ourplan-plan').ready]);
    return { seen: window.seen, form: Object.fromEntries(new FormData(document.getElementById('form'))) };
  }, plan);
  assert.deepEqual(after.seen, []);
  assert.deepEqual(JSON.parse(after.form.record), { name: 'Fflur' });
  assert.equal(JSON.parse(after.form.plan).title, 'My plan for the spring');

  await $(page, 'ourplan-record #op-f-name').fill('Gwen');
  await $(page, 'ourplan-record #op-f-name').press('Tab');
  await addBudgetLine(page);
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual([...new Set(seen)].sort(), ['ourplan-plan change', 'ourplan-plan input', 'ourplan-record change', 'ourplan-record input']);
  const form = await page.evaluate(() => Object.fromEntries(new FormData(document.getElementById('form'))));
  assert.deepEqual(JSON.parse(form.record), { name: 'Gwen' });
  assert.equal(JSON.parse(form.plan).blocks.length, 1);
  assertNoErrors(page);
  await page.context().close();
});
