// <ourplan-plan> end to end in Chromium: building a plan from a blank page, moving blocks by
// keyboard, delete and undo, starters, the budget panel, sign-off, reviews, files, Welsh, and
// axe on the main states.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, openPage, axeCheck, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RULES = { limit: { amount: '250.00', period: 'week' }, noSecondLook: true, notComplex: true };
const SAM = { name: 'Sam Patel', role: 'Social worker' };

/** Opens the demo page and waits for the builder. */
async function openPlan() {
  const page = await openPage(browser, '/plan.html');
  await page.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
  await page.evaluate(() => {
    window.seen = [];
    const el = document.querySelector('ourplan-plan');
    for (const type of ['input', 'change', 'ourplan-signoff']) {
      el.addEventListener(type, (e) => window.seen.push({ type, signoff: type === 'ourplan-signoff' ? e.detail.signoff : undefined }));
    }
  });
  return page;
}

const $ = (page, id) => page.locator(`ourplan-plan [id="${id}"]`);
const text = (page) => page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.textContent);
const active = (page) => page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement?.id ?? null);
const value = (page) => page.evaluate(() => document.querySelector('ourplan-plan').value);

/** Ids of the blocks directly inside `parent` (a section id) or at the top of the plan. */
function order(page, parent = null) {
  return page.evaluate((parent) => {
    const root = document.querySelector('ourplan-plan').shadowRoot;
    const list = parent
      ? root.getElementById(`op-b-${parent}`).querySelector(':scope > .op-plan-section__body > .op-plan__blocks')
      : root.querySelector('.op-plan__main > .op-plan__blocks');
    return [...list.children].map((li) => li.id.replace(/^op-b-/, ''));
  }, parent);
}

/** Adds a block of `kind` at the end of `parent` and returns its id (focus goes into it). */
async function add(page, kind, parent = null) {
  const base = parent ? `op-add-${parent}` : 'op-add-top';
  await $(page, `${base}-kind`).selectOption(kind);
  await $(page, base).click();
  return page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement.closest('.op-plan-block').id.replace(/^op-b-/, ''));
}

function assertNoKitErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

/** Starts from a blank page and adds a weekly and a monthly budget line. */
async function blankWithLines(page, weekly = '20', monthly = '100') {
  await $(page, 'op-start-blank').click();
  const a = await add(page, 'budgetLine');
  await $(page, `op-f-${a}-what`).fill('Personal assistant');
  await $(page, `op-f-${a}-costPence`).fill(weekly);
  const b = await add(page, 'budgetLine');
  await $(page, `op-f-${b}-what`).fill('Gym');
  await $(page, `op-f-${b}-costPence`).fill(monthly);
  await $(page, `op-f-${b}-frequency`).selectOption('monthly');
  return [a, b];
}

/** A plan's content: the document without `merge`, the history a plan gains once it has been
 * opened, shared or combined (issue 19). */
const content = (plan) => {
  const { merge, ...rest } = plan ?? {};
  return rest;
};

test('a blank page is offered first, and a plan is built, moved by keyboard, deleted and undone', async () => {
  const page = await openPlan();
  const buttons = await page.locator('ourplan-plan .op-plan-start button').allTextContents();
  assert.equal(buttons[0].trim(), 'Start with a blank page');
  assert.ok(buttons.length > 3, 'starters are offered after the blank page');
  assert.deepEqual(await axeCheck(page), [], 'axe on the starters');
  await screenshot(page, 'plan-starters');

  await $(page, 'op-start-blank').click();
  assert.equal(await active(page), 'op-title');
  await $(page, 'op-title').fill('Living my life');

  const section = await add(page, 'section');
  assert.equal(await active(page), `op-f-${section}-title`, 'focus goes into the new block');
  await $(page, `op-f-${section}-title`).fill('Mornings');
  const words = await add(page, 'text');
  await $(page, `op-f-${words}-text`).fill('I like a slow start with the radio on.');
  const outcome = await add(page, 'outcome');
  await $(page, `op-f-${outcome}-what`).fill('Go swimming every week');
  const line = await add(page, 'budgetLine');
  await $(page, `op-f-${line}-what`).fill('Personal assistant');
  await $(page, `op-f-${line}-costPence`).fill('20');
  await $(page, `op-f-${line}-outcomeId`).selectOption(outcome);
  assert.deepEqual(await order(page), [section, words, outcome, line]);
  const plan = await value(page);
  assert.equal(plan.title, 'Living my life');
  assert.equal(plan.blocks[3].costPence, 2000);
  assert.equal(plan.blocks[3].outcomeId, outcome);

  // Reorder by keyboard: focus "Move up" on the outcome and press Enter, twice.
  await $(page, `op-b-${outcome}-up`).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await order(page), [section, outcome, words, line]);
  assert.equal(await active(page), `op-b-${outcome}-up`, 'focus stays on the button');
  assert.match(await text(page), /Moved ‘Go swimming every week’ up, now 2 of 4/);
  await page.keyboard.press('Enter');
  assert.deepEqual(await order(page), [outcome, section, words, line]);

  // Into the section above, then out again, by keyboard.
  await $(page, `op-b-${words}-into`).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await order(page), [outcome, section, line]);
  assert.deepEqual(await order(page, section), [words]);
  await $(page, `op-b-${words}-out`).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await order(page, section), []);
  assert.deepEqual(await order(page), [outcome, section, words, line]);

  // Alt and an arrow key moves the block you are in, and you stay where you were.
  await $(page, `op-f-${words}-text`).focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual(await order(page), [outcome, words, section, line]);
  assert.equal(await active(page), `op-f-${words}-text`);
  await page.keyboard.press('Alt+ArrowDown');
  assert.deepEqual(await order(page), [outcome, section, words, line]);
  assert.equal(await active(page), `op-f-${words}-text`);

  // Add straight into the section.
  const inside = await add(page, 'heading', section);
  assert.deepEqual(await order(page, section), [inside]);
  assert.deepEqual(await axeCheck(page), [], 'axe on a built plan');
  await screenshot(page, 'plan-built');

  // Delete, then undo.
  await $(page, `op-b-${words}-remove`).click();
  assert.deepEqual(await order(page), [outcome, section, line]);
  assert.match(await text(page), /You can undo this/);
  await $(page, 'op-undo').click();
  assert.deepEqual(await order(page), [outcome, section, words, line]);
  await $(page, 'op-redo').click();
  assert.deepEqual(await order(page), [outcome, section, line]);
  await $(page, 'op-undo').click();

  const kinds = await page.evaluate(() => window.seen.map((e) => e.type));
  assert.ok(kinds.includes('input') && kinds.includes('change'));
  assertNoKitErrors(page);
  await page.context().close();
});

test('every starter makes a plan that can be changed', async () => {
  const page = await openPlan();
  const ids = await page.evaluate(() => [...document.querySelector('ourplan-plan').shadowRoot.querySelectorAll('.op-plan-start__item button')].map((b) => b.id));
  assert.ok(ids.length >= 4, ids.join());
  for (const id of ids) {
    await page.reload();
    await page.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('#op-start-blank'));
    await $(page, id).click();
    const plan = await value(page);
    assert.ok(plan.blocks.length > 0, `${id} adds blocks`);
    assert.equal(plan.budget.indicative.amountPence, 15000, `${id} keeps the host's budget`);
    assert.equal(await active(page), 'op-title');
    if (id === 'op-start-one-page-profile') {
      assert.deepEqual(await axeCheck(page), [], 'axe on a starter');
      await screenshot(page, 'plan-starter');
    }
  }
  assertNoKitErrors(page);
  await page.context().close();
});

test('the budget panel totals the lines against the indicative budget, never blocking', async () => {
  const page = await openPlan();
  const [a] = await blankWithLines(page);
  // £20 a week + £100 a month = £2,240.00 a year = £43.08 a week.
  assert.equal((await $(page, 'op-budget-indicative').textContent()).trim(), '£150.00 a week');
  assert.equal((await $(page, 'op-budget-spending').textContent()).trim(), '£43.08 a week');
  assert.equal((await $(page, 'op-budget-balance').textContent()).trim(), '£106.92 a week left');
  await $(page, `op-f-${a}-costPence`).fill('200');
  assert.equal((await $(page, 'op-budget-balance').textContent()).trim(), '£73.08 a week over');
  assert.match(await text(page), /This does not stop you saving your plan/);
  // Something that is not an amount is explained beside the box, and the plan keeps the last amount.
  await $(page, `op-f-${a}-costPence`).fill('twenty');
  assert.match(await $(page, `op-f-${a}-costPence-error`).textContent(), /Enter an amount in pounds and pence/);
  assert.equal((await value(page)).blocks[0].costPence, 20000);
  assert.deepEqual(await axeCheck(page), [], 'axe with the budget over and a cost error');
  await screenshot(page, 'plan-budget-over');
  const verdict = await page.evaluate(() => document.querySelector('ourplan-plan').validate());
  assert.equal(verdict.valid, false);
  assertNoKitErrors(page);
  await page.context().close();
});

test('sign-off shows only for a practitioner, within the rules or with every reason', async () => {
  const page = await openPlan();
  const [a] = await blankWithLines(page);
  assert.equal(await $(page, 'op-signoff').count(), 0, 'no sign-off for the person alone');
  await page.evaluate(({ RULES, SAM }) => {
    const el = document.querySelector('ourplan-plan');
    el.signoffRules = RULES;
    el.practitioner = SAM;
  }, { RULES, SAM });
  assert.match(await text(page), /You can sign this plan off/);
  await $(page, 'op-signoff').click();
  const events = await page.evaluate(() => window.seen.filter((e) => e.type === 'ourplan-signoff'));
  assert.equal(events.length, 1);
  assert.equal(events[0].signoff.name, 'Sam Patel');
  assert.match(events[0].signoff.at, /^\d{4}-\d\d-\d\dT/);
  assert.match(await $(page, 'op-signoff-status').textContent(), /Signed off by Sam Patel \(Social worker\) on \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.equal((await value(page)).signoff.name, 'Sam Patel');
  assert.deepEqual(await axeCheck(page), [], 'axe after sign-off');
  await screenshot(page, 'plan-signed-off');
  assert.equal(await $(page, 'op-signoff').count(), 0, 'a signed plan is not offered for sign-off again');
  assert.doesNotMatch(await text(page), /You can sign this plan off/);
  assert.equal(await $(page, 'op-complex').count(), 1, 'the practitioner can still mark a signed plan complex');

  // An edit afterwards: the sign-off stays, with a note that the plan changed, and the plan as
  // it now stands can be signed off again.
  await $(page, `op-f-${a}-what`).fill('Personal assistant, mornings');
  assert.match(await text(page), /This plan has changed since it was signed off/);
  assert.equal(await $(page, 'op-signoff').count(), 1, 'a changed plan can be signed off again');

  // Outside the rules: every reason is listed.
  await $(page, `op-f-${a}-costPence`).fill('300');
  await $(page, 'op-complex').check();
  assert.match(await text(page), /This plan needs a second look/);
  const reasons = await page.locator('ourplan-plan #op-signoff-reasons li').allTextContents();
  assert.equal(reasons.length, 2, reasons.join(' | '));
  assert.match(reasons.join(' | '), /over your limit of £250\.00/);
  assert.match(reasons.join(' | '), /complex/);
  assert.equal(await $(page, 'op-signoff').count(), 0);
  assert.deepEqual(await axeCheck(page), [], 'axe with a second look needed');
  await screenshot(page, 'plan-second-look');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a review is added, and shows when the plan was last reviewed', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  assert.match(await $(page, 'op-last-reviewed').textContent(), /Not reviewed yet/);
  await $(page, 'op-add-review').click();
  await page.waitForFunction(() => /-date$/.test(document.querySelector('ourplan-plan').shadowRoot.activeElement?.id ?? ''), null, { timeout: 5000 });
  const id = await active(page);
  assert.match(id, /^op-r-.*-date$/);
  const rid = id.replace(/^op-r-/, '').replace(/-date$/, '');
  await $(page, `op-r-${rid}-by`).fill('Me and my sister');
  await $(page, `op-r-${rid}-working`).fill('Swimming on Tuesdays');
  await $(page, `op-r-${rid}-date`).fill('2026-03-01');
  assert.match(await $(page, 'op-last-reviewed').textContent(), /Last reviewed: 1 March 2026/);
  const plan = await value(page);
  assert.equal(plan.reviews[0].working, 'Swimming on Tuesdays');
  assert.equal(plan.reviews[0].date, '2026-03-01');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a plan is exported and opened again exactly; a damaged file is refused', async () => {
  const page = await openPlan();
  await blankWithLines(page);
  const section = await add(page, 'section');
  await $(page, `op-f-${section}-title`).fill('Evenings — “quiet” <b>time</b>');
  await add(page, 'checklist', section);
  const before = await value(page);
  // The files are written when the person reaches for a link; before that the links are empty.
  assert.equal(await $(page, 'op-export-json').getAttribute('href'), 'data:application/json;charset=utf-8,');
  // The links really download (under the page's strict CSP too), and hold the plan as it is.
  const fetchDownload = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), $(page, id).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const json = await fetchDownload('op-export-json');
  assert.equal(json.name, 'support-plan.json');
  const exported = json.text;
  assert.deepEqual(JSON.parse(exported), before);
  const md = await fetchDownload('op-export-md');
  assert.equal(md.name, 'support-plan.md');
  assert.match(md.text, /Evenings/);
  // Focus (by keyboard) fills a link too, so the address a person copies is never stale.
  await $(page, `op-f-${section}-title`).fill('Evenings, changed');
  await $(page, 'op-export-json').focus();
  const href = await $(page, 'op-export-json').getAttribute('href');
  assert.match(decodeURIComponent(href), /Evenings, changed/);

  // Change the plan, then open the exported file: the plan is as it was.
  await $(page, `op-b-${section}-remove`).click();
  await $(page, 'op-import').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.waitForFunction(() => document.querySelector('ourplan-plan').value.blocks.length === 3);
  // The plan is as it was, and now carries a merge history from the moment it was opened.
  assert.deepEqual(content(await value(page)), before);
  assert.equal(typeof (await value(page)).merge?.rev, 'string');
  const opened = await value(page);

  // A damaged file: a clear message, and the plan untouched.
  await $(page, 'op-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "ourplan-plan", ') });
  await $(page, 'op-import-error').waitFor();
  assert.match(await $(page, 'op-import-error').textContent(), /could not be opened/);
  assert.deepEqual(await value(page), opened);
  await $(page, 'op-import').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.waitForFunction(() => /not a support plan/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById('op-import-error')?.textContent));
  assert.deepEqual(await value(page), opened);
  assert.deepEqual(await axeCheck(page), [], 'axe with an import error');
  await screenshot(page, 'plan-import-error');
  assertNoKitErrors(page);
  await page.context().close();
});

test('Welsh switches live, and gentle legal checks are suggestions', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  await add(page, 'text');
  await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('checks', 'england'));
  assert.match(await text(page), /Things you might want to include/);
  assert.match(await text(page), /Care Act 2014/);
  await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('lang', 'cy'));
  const cy = await text(page);
  assert.match(cy, /Dadwneud/);
  assert.match(cy, /Cyllideb/);
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan').lang), 'cy');
  assert.deepEqual(await axeCheck(page), [], 'axe in Welsh');
  await screenshot(page, 'plan-welsh');
  await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('lang', 'en'));
  assert.match(await text(page), /Undo/);
  assertNoKitErrors(page);
  await page.context().close();
});

test('the host sets the plan without events, a bad plan is refused, and readonly hides the tools', async () => {
  const page = await openPlan();
  await blankWithLines(page);
  const plan = await value(page);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'));
  await page.evaluate((plan) => {
    window.seen = [];
    const el = document.querySelector('ourplan-plan');
    for (const type of ['input', 'change']) el.addEventListener(type, () => window.seen.push(type));
    el.value = plan;
  }, plan);
  assert.deepEqual(content(await value(page)), plan);
  const set = await value(page);
  assert.equal(await $(page, 'op-start-blank').count(), 0, 'a plan with blocks skips the starters');
  await page.evaluate(() => { document.querySelector('ourplan-plan').value = { hello: 1 }; });
  assert.deepEqual(await value(page), set, 'a value that is not a plan is refused');
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /was not used/.test(m.text)));
  assert.deepEqual(await page.evaluate(() => window.seen), [], 'setting value fires nothing');

  await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('readonly', ''));
  assert.equal(await $(page, 'op-undo').count(), 0);
  assert.equal(await page.locator('ourplan-plan .op-plan-block__tools').count(), 0);
  assert.equal(await page.locator('ourplan-plan input[type="text"]:not([readonly])').count(), 0);
  assert.deepEqual(await axeCheck(page), [], 'axe when read-only');
  await screenshot(page, 'plan-readonly');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a host adds its own starter, and one it cannot read is left out with a warning', async () => {
  const page = await openPlan();
  await page.evaluate(() => {
    document.querySelector('ourplan-plan').templates = [
      {
        id: 'carers-week',
        title: { en: 'A carer’s week', cy: 'Wythnos gofalwr' },
        description: { en: 'Who helps, and when.', cy: 'Pwy sy’n helpu, a phryd.' },
        blocks: [{ kind: 'heading', text: { en: 'Who helps me', cy: 'Pwy sy’n fy helpu' } }],
      },
      { id: 'broken' },
    ];
  });
  await $(page, 'op-start-carers-week').click();
  const plan = await value(page);
  assert.equal(plan.blocks.length, 1);
  assert.equal(plan.blocks[0].text, 'Who helps me');
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /left out starters/.test(m.text)));
  assertNoKitErrors(page);
  await page.context().close();
});

test('the plan prints as the person wrote it: their headings and words in their order, no tools', async () => {
  const page = await openPage(browser, '/plan.html');
  await page.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'));
  await $(page, 'op-start-blank').click();
  const section = await add(page, 'section');
  await $(page, `op-f-${section}-title`).fill('My mornings');
  const words = 'I like a slow start with the radio on. '.repeat(12).trim();
  const t = await add(page, 'text', section);
  await $(page, `op-f-${t}-text`).fill(words);
  const pdf = new URL('./artifacts/plan-print-blank.pdf', import.meta.url).pathname;
  mkdirSync(dirname(pdf), { recursive: true });
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  // One line per paragraph, so the whole text can be found however the page wrapped it.
  const printed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.ok(printed.includes('My mornings'), printed);
  assert.ok(printed.includes(words), 'the whole text, not a clipped box');
  for (const tool of ['Undo', 'Add a block', 'Move', 'Delete', 'Section title']) {
    assert.ok(!printed.includes(tool), `no ${tool} on paper`);
  }
  await page.context().close();
});

test('a block is added just below another, inside its section, and Ctrl+Z and Ctrl+Y undo and redo', async () => {
  const page = await openPlan();
  await $(page, 'op-start-blank').click();
  const section = await add(page, 'section');
  await $(page, `op-f-${section}-title`).fill('Mornings');
  const first = await add(page, 'text', section);
  await $(page, `op-f-${first}-text`).fill('Tea first.');
  const second = await add(page, 'text', section);
  await $(page, `op-f-${second}-text`).fill('Then the paper.');
  const end = await add(page, 'heading');

  // "Add below" on the first block opens a control right under it, focused on the kind.
  await $(page, `op-b-${first}-add-below`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await active(page), `op-add-after-${first}-kind`);
  assert.deepEqual(await axeCheck(page), [], 'axe with "add here" open');
  await screenshot(page, 'plan-add-here');
  // Escape closes it and focus goes back to the button.
  await page.keyboard.press('Escape');
  assert.equal(await active(page), `op-b-${first}-add-below`);
  assert.equal(await page.locator('ourplan-plan .op-plan-add-here').count(), 0);
  await page.keyboard.press('Enter');
  await $(page, `op-add-after-${first}-kind`).selectOption('person');
  await $(page, `op-add-after-${first}`).click();
  const person = await page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement.closest('.op-plan-block').id.replace(/^op-b-/, ''));
  assert.equal(await active(page), `op-f-${person}-name`, 'focus goes into the new block');
  assert.deepEqual(await order(page, section), [first, person, second], 'the new block sits just below, in the section');
  assert.deepEqual(await order(page), [section, end]);
  await page.keyboard.type('Ann');

  // Ctrl+Z in the name box takes back the typing, then the new block; Ctrl+Y puts them back.
  await page.keyboard.press('Control+z');
  let plan = await value(page);
  assert.equal(plan.blocks[0].children[1].name, '');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await order(page, section), [first, second]);
  await $(page, 'op-title').focus();
  await page.keyboard.press('Control+y');
  assert.deepEqual(await order(page, section), [first, person, second]);
  await page.keyboard.press('Control+Shift+z');
  plan = await value(page);
  assert.equal(plan.blocks[0].children[1].name, 'Ann');
  assert.match(await page.locator('ourplan-plan [role="status"]').textContent(), /Redone|Ann/);
  assertNoKitErrors(page);
  await page.context().close();
});

test('a long outcome list draws its options when reached, and keeps the linked outcome', async () => {
  const page = await openPlan();
  const outcomes = Array.from({ length: 12 }, (_, i) => ({ id: `o${i + 1}`, kind: 'outcome', what: `Goal number ${i + 1}` }));
  const line = { id: 'l1', kind: 'budgetLine', what: 'Support worker', costPence: 1500, frequency: 'weekly', outcomeId: 'o7' };
  await page.evaluate((blocks) => {
    document.querySelector('ourplan-plan').value = { format: 'ourplan-plan', version: 1, title: 'Goals', blocks, nextId: 20 };
  }, [...outcomes, line]);
  const select = $(page, 'op-f-l1-outcomeId');
  await select.waitFor();
  const options = () => select.evaluate((s) => [...s.options].map((o) => o.textContent));
  // Until someone reaches for it, the select holds only the linked outcome (a 500-block plan
  // would otherwise carry thousands of options that the browser restyles on every move).
  assert.deepEqual(await options(), ['Goal number 7']);
  assert.equal(await select.evaluate((s) => s.value), 'o7');
  await select.focus();
  const all = await options();
  assert.equal(all.length, 13, 'every outcome and "none" once focused');
  assert.equal(await select.evaluate((s) => s.value), 'o7', 'the link is still chosen');
  // The keyboard changes the link as with any select.
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('ourplan-plan').value.blocks[12].outcomeId === 'o8');
  assert.deepEqual(await axeCheck(page), [], 'axe with the full list drawn');
  assertNoKitErrors(page);
  await page.context().close();
});

test('Move up keeps focus on the pressed button, by mouse and by keyboard', async () => {
  const page = await openPlan();
  await page.evaluate(() => {
    const blocks = ['a', 'b', 'c', 'd'].map((id) => ({ id, kind: 'text', text: `Words ${id}` }));
    document.querySelector('ourplan-plan').value = { format: 'ourplan-plan', version: 1, title: 'Four', blocks, nextId: 5 };
  });
  await $(page, 'op-b-d-up').click();
  await $(page, 'op-b-d-up').click();
  assert.deepEqual(await order(page), ['a', 'd', 'b', 'c']);
  assert.equal(await active(page), 'op-b-d-up');
  await $(page, 'op-b-c-up').click();
  assert.deepEqual(await order(page), ['a', 'd', 'c', 'b']);
  // Moved with focus kept (moveBefore), not taken out and focused again: no focus events, so
  // nothing forces the browser to lay out the changed list inside the key press.
  await page.evaluate(() => {
    document.querySelector('ourplan-plan').shadowRoot.addEventListener('focusin', () => window.refocused++);
  });
  const countFocus = () => page.evaluate(() => (window.refocused = 0));
  await countFocus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await order(page), ['a', 'c', 'd', 'b']);
  assert.equal(await active(page), 'op-b-c-up');
  assert.equal(await page.evaluate(() => window.refocused), 0, 'focus was never dropped and restored');
  await countFocus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await order(page), ['c', 'a', 'd', 'b']);
  assert.equal(await page.evaluate(() => window.refocused), 1, 'one focus: to the block, as Move up is gone');
  // At the top there is no Move up: focus goes to the block itself, as before.
  assert.equal(await active(page), 'op-b-c');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a plan holds as many blocks as its limits allow: adding past them, and a file past them, say so and change nothing', async () => {
  const page = await openPlan();
  await page.evaluate(() => { document.querySelector('ourplan-plan').limits = { planBlocks: 2 }; });
  await $(page, 'op-start-blank').click();
  await add(page, 'text');
  await add(page, 'text');
  // Full: the add control says so before anyone tries, and trying is refused out loud.
  assert.equal(await $(page, 'op-add-top-full').textContent(), 'This plan has 2 parts, as many as this page allows. To add another, remove one first.');
  await $(page, 'op-add-top-kind').selectOption('text');
  await $(page, 'op-add-top').click();
  await page.waitForFunction(() => /A plan can have up to 2 parts, and this would make 3/.test(document.querySelector('ourplan-plan').shadowRoot.querySelector('[role=status]').textContent));
  assert.equal((await value(page)).blocks.length, 2);
  // A file with more blocks than the limit is refused where files are opened.
  const blocks = [0, 1, 2].map((i) => ({ id: `x${i}`, kind: 'text', text: `part ${i}` }));
  const file = JSON.stringify({ format: 'ourplan-plan', version: 1, title: 'Three parts', blocks });
  await $(page, 'op-import').setInputFiles({ name: 'three.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.waitForFunction(() => /up to 2 parts, and this would make 3/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById('op-import-error')?.textContent));
  assert.equal((await value(page)).blocks.length, 2);
  // In Welsh too.
  await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('lang', 'cy'));
  await page.waitForFunction(() => /cymaint ag y mae’r dudalen hon yn ei ganiatáu/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById('op-add-top-full')?.textContent));
  assertNoKitErrors(page);
  await page.context().close();
});
