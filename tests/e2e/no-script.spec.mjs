// A record that works without JavaScript (issue #21): demo/no-script.html draws its form in the
// page itself (`ourplan render --light`), inside a plain <form>; the demo server turns what is
// sent back into the record (`ourplan assemble`), with the kit's own rules and words, and draws
// the form again with the GOV.UK error summary until the record is right. With JavaScript, the
// kit takes the same form over as it arrives.

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

/**
 * axe on what a page without JavaScript shows. axe runs as script and waits on timers, which a
 * context with JavaScript off never fires; so the same HTML is checked in a context with
 * JavaScript on and the kit's module refused (without it, the page is exactly the no-script one).
 */
async function axeWithoutKit(page) {
  const html = await page.content();
  const context = await browser.newContext();
  const copy = await context.newPage();
  await copy.route('**/pkg/ourplan.js', (r) => r.abort());
  await copy.route('**/no-script-copy.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await copy.goto(`${BASE_URL}/no-script-copy.html`);
  const violations = await axeCheck(copy);
  await context.close();
  return violations;
}

/** The record the server accepted, from its answer page. */
async function received(page) {
  await page.waitForSelector('#received');
  return JSON.parse(await page.locator('#received').textContent()).value;
}

test('without JavaScript: fill in, send, see the problems, put them right, and the server has the record', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/no-script.html`);
  // The form is in the page: no shadow root, labelled fields, the kit's look from the page's link.
  assert.ok(await page.locator('ourplan-record > .op-light').isVisible());
  await page.getByLabel('Name of the person').fill('Ann Jones');
  await page.getByLabel('2. Work intensively in a crisis').check();
  await page.getByLabel('Community (optional)').fill('The allotment society');
  assert.deepEqual(await axeWithoutKit(page), []);
  await screenshot(page, 'no-script-form');
  // Enter in a field sends the form (not the form's first button, "Add outcome").
  await page.getByLabel('Name of the person').press('Enter');

  // Sent back: the GOV.UK error summary, each problem linked to its field, nothing typed lost.
  const summary = page.locator('.op-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /There is a problem/);
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(links.map(([, href]) => href), ['#op-f-conversation__date', '#op-f-what__matters']);
  assert.equal(await page.getByLabel('Name of the person').inputValue(), 'Ann Jones');
  assert.equal(await page.getByLabel('2. Work intensively in a crisis').isChecked(), true);
  assert.equal(await page.getByLabel('Community (optional)').inputValue(), 'The allotment society');
  assert.deepEqual(await axeWithoutKit(page), []);
  await screenshot(page, 'no-script-problems');

  // A date that is not finished is kept as typed, and asked for again.
  await page.getByLabel('Day').fill('31');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('What matters to me').fill('Getting to the allotment twice a week');
  await page.getByRole('button', { name: 'Send the record' }).click();
  await summary.waitFor();
  assert.equal(await page.getByLabel('Day').inputValue(), '31');
  assert.equal(await page.locator('.op-error-summary a').count(), 1);
  await page.getByLabel('Day').fill('28');
  await page.getByRole('button', { name: 'Send the record' }).click();
  assert.deepEqual(await received(page), {
    person_name: 'Ann Jones',
    conversation: 'work-intensively',
    conversation_date: '2026-02-28',
    what_matters: 'Getting to the allotment twice a week',
    strengths: { community: 'The allotment society' },
  });
  await context.close();
});

test('without JavaScript, the form’s own buttons work: “Add more” and adding to a list send the form and it comes back with the field', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/no-script.html`);
  await page.getByLabel('Name of the person').fill('Ann Jones');
  await page.getByRole('button', { name: 'Email for follow-up' }).click();
  // No problems shown for pressing a button; the field asked for is there; nothing lost.
  await page.getByLabel('Email for follow-up').waitFor();
  assert.equal(await page.locator('.op-error-summary').count(), 0);
  assert.equal(await page.getByLabel('Name of the person').inputValue(), 'Ann Jones');
  await page.getByLabel('Email for follow-up').fill('ann@example.org');
  await page.getByRole('button', { name: /^Add outcome/ }).click();
  const outcome = page.locator('[name="/outcomes/0"]');
  await outcome.waitFor();
  await outcome.fill('Back at the allotment by spring');
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('12');
  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('What matters to me').fill('The allotment');
  await page.getByRole('button', { name: 'Send the record' }).click();
  const value = await received(page);
  assert.equal(value.contact_email, 'ann@example.org');
  assert.deepEqual(value.outcomes, ['Back at the allotment by spring']);
  await context.close();
});

test('with JavaScript, the kit takes the same form over, keeping what was typed, and sends the record as JSON', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const held = new Promise((r) => { release = r; });
  let asked;
  const wasmAsked = new Promise((r) => { asked = r; });
  await page.route('**/ourplan_wasm_bg.wasm', async (r) => { asked(); await held; await r.continue(); });
  await page.goto(`${BASE_URL}/no-script.html`);
  await wasmAsked;
  await page.getByLabel('Name of the person').fill('Ann Jones');
  const what = page.getByLabel('What matters to me');
  await what.click();
  await page.keyboard.type('My dog');
  release();
  await page.evaluate(() => document.querySelector('ourplan-record').ready);
  // The form in the page is gone (its fields would be sent twice); the kit's own is there.
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record > [data-ourplan-prerendered]')), null);
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { person_name: 'Ann Jones', what_matters: 'My dog' });
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id), 'op-f-what__matters');
  // Sending with problems: the kit shows them, in the page; nothing is sent.
  await page.getByRole('button', { name: 'Send the record' }).click();
  await page.locator('ourplan-record .op-error-summary').waitFor();
  assert.equal(new URL(page.url()).pathname, '/no-script.html');
  await page.locator('ourplan-record #op-f-conversation__date').fill('5');
  await page.locator('ourplan-record #op-f-conversation__date-month').fill('3');
  await page.locator('ourplan-record #op-f-conversation__date-year').fill('2026');
  await page.getByRole('button', { name: 'Send the record' }).click();
  assert.deepEqual(await received(page), { person_name: 'Ann Jones', what_matters: 'My dog', conversation_date: '2026-03-05' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript, at 320 CSS px nothing scrolls sideways, before and after a send with problems', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.goto(`${BASE_URL}/no-script.html`);
  assert.equal(await sideways(), 0);
  await page.getByRole('button', { name: 'Send the record' }).click();
  await page.locator('.op-error-summary').waitFor();
  assert.equal(await sideways(), 0);
  await context.close();
});
