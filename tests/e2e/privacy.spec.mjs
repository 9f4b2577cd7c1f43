// Privacy (issue 20): once loaded, the kit makes no network request of its own. Every request
// the page makes is counted through a full record journey (typing, a list item, Welsh, checking)
// and a full plan journey (a blank plan, blocks, money, both exports downloaded, a file opened,
// sign-off, a review, Welsh); none is allowed. The counter is proved at the end: a request the
// page makes on purpose is seen, so the test can fail.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCHEMA = JSON.parse(readFileSync(new URL('../../schemas/records/what-matters.schema.json', import.meta.url), 'utf8'));

test('a record and a plan, used from start to finish, make no network request', async () => {
  const page = await openPage(browser, '/embed-test.html');
  await page.evaluate(async (schema) => {
    await import('/pkg/ourplan.js');
    const record = document.createElement('ourplan-record');
    record.id = 'record';
    record.setAttribute('level', 'full');
    record.schema = schema;
    const plan = document.createElement('ourplan-plan');
    plan.id = 'plan';
    document.querySelector('main').append(record, plan);
    await Promise.all([record.ready, plan.ready]);
  }, SCHEMA);

  // From here on, everything the page asks of the network is counted.
  const requests = [];
  page.on('request', (r) => {
    if (/^(https?|wss?|ftp):/i.test(r.url())) requests.push(`${r.method()} ${r.url()}`);
  });
  page.on('websocket', (ws) => requests.push(`websocket ${ws.url()}`));
  const r = (id) => page.locator(`#record [id="${id}"]`);
  const p = (id) => page.locator(`#plan [id="${id}"]`);

  // The record: typed, a list item added, checked, in Welsh and back.
  await r('op-f-person__name').fill('Ann Jones');
  await r('op-f-what__matters').fill('My garden <img src=x onerror=alert(1)> and https://example.org/x');
  const addButtons = page.locator('#record button.op-button--secondary', { hasText: /^Add/ });
  if (await addButtons.count()) await addButtons.first().click();
  await page.evaluate(() => document.getElementById('record').validate());
  await page.evaluate(() => document.getElementById('record').setAttribute('lang', 'cy'));
  await page.waitForFunction(() => document.getElementById('record').shadowRoot.textContent.includes('dewisol'));
  await page.evaluate(() => document.getElementById('record').setAttribute('lang', 'en'));

  // The plan: blank, blocks and money, both exports, a file opened, sign-off, a review, Welsh.
  await p('op-start-blank').click();
  await p('op-add-top-kind').selectOption('text');
  await p('op-add-top').click();
  await page.keyboard.type('Swimming on Tuesdays, see https://example.org');
  await p('op-add-top-kind').selectOption('budgetLine');
  await p('op-add-top').click();
  const line = await page.evaluate(() => document.getElementById('plan').value.blocks.at(-1).id);
  await p(`op-f-${line}-what`).fill('Personal assistant');
  await p(`op-f-${line}-costPence`).fill('120.50');
  const exported = {};
  for (const id of ['op-export-json', 'op-export-md']) {
    const [download] = await Promise.all([page.waitForEvent('download'), p(id).click()]);
    exported[id] = readFileSync(await download.path(), 'utf8');
  }
  assert.match(exported['op-export-md'], /Personal assistant/);
  await p('op-import').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(exported['op-export-json']) });
  await page.waitForFunction(() => document.getElementById('plan').value.blocks.length === 2);
  await page.evaluate(() => {
    const el = document.getElementById('plan');
    el.signoffRules = { limit: { amount: '250.00', period: 'week' } };
    el.practitioner = { name: 'Sam Patel', role: 'Social worker' };
  });
  await p('op-signoff').click();
  await page.waitForFunction(() => document.getElementById('plan').value.signoff?.name === 'Sam Patel');
  await p('op-add-review').click();
  await page.evaluate(() => document.getElementById('plan').setAttribute('lang', 'cy'));
  await page.waitForFunction(() => document.getElementById('plan').shadowRoot.textContent.toLowerCase().includes('cyllideb'));

  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(requests, [], 'the kit asked the network for something');

  // The counter sees a request when one is made.
  await page.evaluate(() => fetch('/favicon.svg').then((r) => r.text()));
  assert.equal(requests.length, 1, 'the counter missed a request the page made');
  await page.context().close();
});
