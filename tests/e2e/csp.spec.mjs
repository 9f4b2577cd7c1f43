// The kit under a strict Content Security Policy (demo/strict.html, served with the header in
// demo/strict.headers): no inline scripts, no eval, no inline styles, and still a working form.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, BASE_URL, axeCheck } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the record works under a strict CSP with no violations', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => { if (m.type() === 'error') violations.push(m.text()); });
  // Count violations from inside the page too (CDP-injected, so the CSP does not block it).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`${BASE_URL}/strict.html`);
  assert.match(response.headers()['content-security-policy'], /style-src 'self'/);
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('#op-f-person__name'), null, { timeout: 20000 });
  const name = page.locator('ourplan-record #op-f-person__name');
  await name.fill('Ann');
  await page.evaluate(() => document.querySelector('ourplan-record').validate());
  await page.locator('ourplan-record .op-error-summary').waitFor();
  // The kit's look arrived: the constructed stylesheet applies inside the shadow root.
  const border = await page.locator('ourplan-record .op-error-summary').evaluate((el) => getComputedStyle(el).borderTopWidth);
  assert.equal(border, '5px');
  const styled = await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.querySelectorAll('[style], style').length);
  assert.equal(styled, 0, 'no style attributes or <style> tags');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(violations, []);
  assert.deepEqual(await axeCheck(page), []);
  await context.close();
});
