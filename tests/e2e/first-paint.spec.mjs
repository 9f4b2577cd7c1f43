// A record drawn by the server (issue #21, `ourplan render`): the real form shows, and takes
// typing, before the kit's module has arrived; when the kit takes over it keeps every character,
// the focus, the caret and the scroll, with no layout shift. The module is held back by the
// test (a route that answers only when told), so "before the kit" is a signal, not a guess.
//
// The command is target/debug/ourplan (`cargo xtask test` builds it first), or OURPLAN_CLI.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, BASE_URL, axeCheck, screenshot } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = process.env.OURPLAN_CLI ?? join(ROOT, 'target', 'debug', 'ourplan');
const { payloads: PAYLOADS } = JSON.parse(readFileSync(new URL('./fixtures/injection-payloads.json', import.meta.url), 'utf8'));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** `ourplan render ARGS`: { status, html, stderr }. */
function render(...args) {
  const run = spawnSync(CLI, ['render', '--stylesheet', '/pkg/ourplan.css', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, html: run.stdout, stderr: run.stderr };
}

/** A host page holding `<ourplan-record ATTRS>FIRST PAINT</ourplan-record>`. */
function hostPage(firstPaint, attrs = '', lang = 'en') {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>First paint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="/pkg/ourplan.js"></script></head>
<body><main><h1>${lang === 'cy' ? 'Cofnod' : 'A record'}</h1><ourplan-record ${attrs}>${firstPaint}</ourplan-record></main></body></html>`;
}

/**
 * A fresh page whose kit module waits until `release()`. Layout shifts without recent input
 * are summed in `window.__cls`.
 */
async function heldPage({ route = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.on('console', (m) => page.consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  let release;
  const held = new Promise((r) => { release = r; });
  let asked;
  const wasmAsked = new Promise((r) => { asked = r; });
  await page.route('**/ourplan_wasm_bg.wasm', async (r) => { asked(); await held; await r.continue(); });
  if (route) await page.route(route.url, route.handler);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return { page, context, release, wasmAsked };
}

const shadow = (page, fn, arg) => page.evaluate(({ fn, arg }) => {
  const root = document.querySelector('ourplan-record').shadowRoot;
  return new Function('root', 'arg', `return (${fn})(root, arg)`)(root, arg);
}, { fn: fn.toString(), arg });
const firstPaintThere = (page) => shadow(page, (root) => Boolean(root.querySelector('[data-ourplan-prerendered]')));

test('the demo’s record shows and takes typing before the kit arrives; the kit keeps every character, the focus, the caret and the scroll', async () => {
  const { page, context, release, wasmAsked } = await heldPage();
  await page.goto(`${BASE_URL}/first-paint.html`);
  await wasmAsked;
  // The server's form, in the element's own shadow root, with the kit's stylesheet linked.
  assert.equal(await firstPaintThere(page), true);
  assert.equal(await page.evaluate(() => Boolean(document.querySelector('ourplan-record')._handle)), false, 'the kit has not taken over');
  await page.getByLabel('Name of the person').click();
  await page.keyboard.type('Ann Jones');
  await page.getByLabel('2. Work intensively in a crisis').check();
  const what = page.locator('#op-f-what__matters');
  await what.click();
  await page.keyboard.type('Gardening and my dog');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
  await page.evaluate(() => window.scrollBy(0, 120));
  const before = {
    box: await what.boundingBox(),
    scroll: await page.evaluate(() => window.scrollY),
    caret: await shadow(page, (root) => root.activeElement.selectionStart),
  };
  assert.equal(before.caret, 'Gardening and my dog'.length - 3);
  await screenshot(page, 'first-paint-before-the-kit');
  // The host hears the adopted typing as typing.
  await page.evaluate(() => {
    window.__inputs = 0;
    document.querySelector('ourplan-record').addEventListener('input', () => { window.__inputs += 1; });
  });
  release();
  await page.evaluate(() => document.querySelector('ourplan-record').ready);
  assert.equal(await firstPaintThere(page), false, 'the kit has taken over');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), {
    person_name: 'Ann Jones', conversation: 'work-intensively', what_matters: 'Gardening and my dog',
  });
  assert.ok(await page.evaluate(() => window.__inputs) >= 2);
  assert.deepEqual(await shadow(page, (root) => [root.activeElement?.id, root.activeElement?.selectionStart]), ['op-f-what__matters', before.caret]);
  // Drawn in one step, with nothing moved: the same place, the same scroll, no layout shift.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(await what.boundingBox(), before.box);
  assert.equal(await page.evaluate(() => window.scrollY), before.scroll);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  // The next keystroke goes where the caret was, into the kit's own field.
  await page.keyboard.type('e');
  assert.equal((await page.evaluate(() => document.querySelector('ourplan-record').value)).what_matters, 'Gardening and my edog');
  // The kit is live: its character count follows.
  assert.match(await shadow(page, (root) => root.querySelector('#op-f-what__matters-count').textContent), /3979/);
  await screenshot(page, 'first-paint-after-the-kit');
  assert.deepEqual(page.pageErrors, []);
  // The page's strict policy (demo/first-paint.headers) holds: the first paint links its styles.
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

test('a first paint in Welsh, with the value’s problems and the error summary, is usable and axe-clean before the kit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ourplan-first-paint-'));
  const value = join(dir, 'value.json');
  writeFileSync(value, JSON.stringify({ person_name: 'Ann', contact_email: 'not an address' }));
  const out = render('--schema', 'schemas/records/what-matters.schema.json', '--lang', 'cy', '--level', 'standard', '--value', value, '--problems');
  assert.equal(out.status, 0, out.stderr);
  const { page, context, release, wasmAsked } = await heldPage({
    route: { url: '**/first-paint-cy.html', handler: (r) => r.fulfill({ contentType: 'text/html', body: hostPage(out.html, 'lang="cy" level="standard" schema-src="/schemas/records/what-matters.schema.json"', 'cy') }) },
  });
  await page.goto(`${BASE_URL}/first-paint-cy.html`);
  await wasmAsked;
  assert.equal(await firstPaintThere(page), true);
  const summary = page.getByRole('alert');
  assert.match(await summary.textContent(), /Mae problem/);
  assert.equal(await page.getByLabel('Enw’r person').inputValue(), 'Ann');
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'first-paint-welsh-with-problems');
  release();
  await page.evaluate(() => document.querySelector('ourplan-record').ready);
  assert.equal(await firstPaintThere(page), false);
  // The host set no value: the element starts from the one drawn, with its problems showing.
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { person_name: 'Ann', contact_email: 'not an address' });
  assert.match(await summary.textContent(), /Mae problem/);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  assert.deepEqual(await axeCheck(page), []);
  await context.close();
});

test('a first paint the kit cannot take over (another schema arrived) stays on the page, with what was typed in it', async () => {
  const first = render('--schema', 'schemas/records/what-matters.schema.json', '--level', 'standard');
  const { page, context, release, wasmAsked } = await heldPage({
    route: { url: '**/first-paint-mismatch.html', handler: (r) => r.fulfill({ contentType: 'text/html', body: hostPage(first.html, 'level="standard" schema-src="/schemas/records/review-note.schema.json"') }) },
  });
  await page.goto(`${BASE_URL}/first-paint-mismatch.html`);
  await wasmAsked;
  await page.locator('#op-f-what__matters').fill('Seeing my grandchildren');
  release();
  await page.evaluate(() => document.querySelector('ourplan-record').ready);
  assert.equal(await firstPaintThere(page), true, 'the first paint stays');
  assert.equal(await page.locator('#op-f-what__matters').inputValue(), 'Seeing my grandchildren');
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /first paint does not match/.test(m.text)), JSON.stringify(page.consoleMessages));
  await context.close();
});

test('script in any string of the schema is drawn as text by the server, and nothing runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ourplan-first-paint-'));
  const schema = {
    title: PAYLOADS[0],
    description: PAYLOADS[1],
    type: 'object',
    properties: Object.fromEntries(PAYLOADS.map((p, i) => [`f${i}`, {
      title: p, description: p, ...(i % 2 ? { enum: [p, `${p}!`] } : { type: 'string', default: p }),
    }])),
  };
  const file = join(dir, 'schema.json');
  writeFileSync(file, JSON.stringify(schema));
  const value = join(dir, 'value.json');
  writeFileSync(value, JSON.stringify(Object.fromEntries(PAYLOADS.map((p, i) => [`f${i}`, p]).filter((_, i) => i % 2 === 0))));
  const out = render('--schema', file, '--value', value, '--level', 'full');
  assert.equal(out.status, 0, out.stderr);
  const { page, context, wasmAsked } = await heldPage({
    route: { url: '**/first-paint-payloads.html', handler: (r) => r.fulfill({ contentType: 'text/html', body: hostPage(out.html) }) },
  });
  await page.addInitScript(() => {
    window.__pwnedCalls = [];
    window.__pwned = (n) => window.__pwnedCalls.push(n);
  });
  await page.goto(`${BASE_URL}/first-paint-payloads.html`);
  await wasmAsked;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  assert.deepEqual(await page.evaluate(() => window.__pwnedCalls), []);
  const missing = await shadow(page, (root, short) => {
    const text = root.textContent + [...root.querySelectorAll('input, textarea')].map((e) => e.value).join('\n');
    return short.filter((p) => !text.includes(p));
  }, PAYLOADS.filter((p) => p.length < 300));
  assert.deepEqual(missing, []);
  await context.close();
});

test('where declarative shadow DOM is missing, the host’s fallback content shows until the kit draws the form', async () => {
  // A first paint put in with innerHTML is never a shadow root (only the HTML parser makes
  // one), as in a browser without declarative shadow DOM (Chrome before 111, Firefox before 123).
  const first = render('--schema', 'schemas/records/what-matters.schema.json');
  const { page, context, release, wasmAsked } = await heldPage();
  await page.goto(`${BASE_URL}/embed-test.html`);
  await page.evaluate((html) => {
    const el = document.createElement('ourplan-record');
    el.setAttribute('schema-src', '/schemas/records/what-matters.schema.json');
    el.innerHTML = `${html}<p id="fallback">Loading the form.</p>`;
    document.querySelector('main').append(el);
    import('/pkg/ourplan.js');
  }, first.html);
  await wasmAsked;
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot), null);
  assert.ok(await page.locator('#fallback').isVisible());
  release();
  await page.evaluate(() => customElements.whenDefined('ourplan-record').then(() => document.querySelector('ourplan-record').ready));
  assert.equal(await page.locator('#fallback').isVisible(), false);
  assert.ok(await page.getByLabel('Name of the person').isVisible());
  await context.close();
});

test('a plan drawn by the server reads at once, axe-clean, while the tools to change it arrive; then the builder holds the same plan', async () => {
  const { page, context, release, wasmAsked } = await heldPage();
  await page.goto(`${BASE_URL}/first-paint.html`);
  await wasmAsked;
  const plan = page.locator('ourplan-plan');
  assert.equal(await plan.evaluate((el) => Boolean(el.shadowRoot?.querySelector('[data-ourplan-prerendered]'))), true);
  const text = await plan.evaluate((el) => el.shadowRoot.textContent);
  for (const words of ['Ann’s support plan', 'What matters to me', 'seeing my grandchildren on Sundays', 'Personal assistant, 4 hours a week', '£88.50', 'Loading the tools to change your plan…']) {
    assert.ok(text.includes(words), `the first paint reads "${words}": ${text.slice(0, 400)}`);
  }
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'first-paint-plan-before-the-kit');
  release();
  await page.evaluate(() => document.querySelector('ourplan-plan').ready);
  assert.equal(await plan.evaluate((el) => Boolean(el.shadowRoot.querySelector('[data-ourplan-prerendered]'))), false);
  // The page set no value: the builder starts from the plan drawn.
  const value = await plan.evaluate((el) => el.value);
  assert.equal(value.title, 'Ann’s support plan');
  assert.equal(value.blocks.length, 7);
  assert.ok(await plan.evaluate((el) => Boolean(el.shadowRoot.querySelector('.op-plan:not(.op-plan--read)'))));
  assert.deepEqual(page.pageErrors, []);
  await context.close();
});
