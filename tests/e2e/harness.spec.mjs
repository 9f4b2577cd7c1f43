// Self-test of the e2e harness: the server answers, Chromium starts, the demo index loads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the demo index page loads and has a title', async () => {
  const page = await openPage(browser, '/');
  assert.equal(await page.locator('head > title').count(), 1, 'index.html has no <title>');
  assert.notEqual((await page.title()).trim(), '', 'the <title> is empty');
  await page.context().close();
});
