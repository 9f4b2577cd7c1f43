// Script injection (issue 20): a corpus of payloads (tests/e2e/fixtures/injection-payloads.json)
// placed in every string the kit shows, one page load per kind of string. Each payload calls
// window.__pwned(n) if it ever runs; the page also carries a report-only CSP for scripts, so
// any script or handler that tries to run is reported as a violation too. A deliberately unsafe
// control (the same payloads put in with innerHTML) proves the tripwire fires. The kit must show
// every payload as text: nothing runs, nothing is reported, and the words are there to read.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, BASE_URL } from './harness.mjs';

const { payloads: CORPUS } = JSON.parse(readFileSync(new URL('./fixtures/injection-payloads.json', import.meta.url), 'utf8'));
/** Every payload, plus a very long string. */
const PAYLOADS = [...CORPUS, `<img src=x onerror=__pwned(99)>${'long '.repeat(20_000)}`];
/** Those short enough to look for in the page's text. */
const SHORT = CORPUS.filter((p) => p.length < 300);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A page that records every call of the tripwire and every CSP violation (in `context`, or a
 * new one). */
async function trapPage(context = null) {
  if (!context) {
    context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    await context.route('**/embed-test.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy-report-only': "script-src 'self' 'wasm-unsafe-eval'" },
      });
    });
    await context.addInitScript(() => {
      window.__pwnedCalls = [];
      window.__pwned = (n) => window.__pwnedCalls.push(n);
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
  }
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${BASE_URL}/embed-test.html`);
  await page.evaluate(async () => { await import('/pkg/ourplan.js'); });
  return page;
}

/** Nothing ran and nothing tried to; every short payload can be read in `selector`'s shadow root. */
async function assertSafe(page, selector, { literal = true } = {}) {
  // Give anything that would run (an image's error, a focus, a toggle) its moment: one round
  // of the event loop after the next two frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  assert.deepEqual(await page.evaluate(() => window.__pwnedCalls), [], 'a payload ran');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'a script tried to run');
  assert.deepEqual(page.pageErrors, []);
  if (literal) {
    const missing = await page.evaluate(({ selector, short }) => {
      const root = document.querySelector(selector).shadowRoot;
      // What the page shows: its text, and what its boxes hold.
      const text = root.textContent + [...root.querySelectorAll('input, textarea')].map((e) => e.value).join('\n');
      return short.filter((p) => !text.includes(p));
    }, { selector, short: SHORT });
    assert.deepEqual(missing, [], 'payloads not shown as text');
  }
  // No element the kit drew came from a payload.
  const foreign = await page.evaluate((selector) => [...document.querySelector(selector).shadowRoot.querySelectorAll('script, iframe, object, embed, img, svg, math, base, meta, marquee, video, details[ontoggle], [onerror], [onload], [onfocus], [href^="javascript" i], [src^="javascript" i], [formaction]')].map((e) => e.outerHTML.slice(0, 80)), selector);
  assert.deepEqual(foreign, []);
}

test('the tripwire fires when payloads are put in unsafely (so these tests can fail)', async () => {
  const page = await trapPage();
  await page.evaluate((payloads) => {
    const div = document.createElement('div');
    div.innerHTML = payloads.join('\n');
    document.body.append(div);
  }, CORPUS);
  await page.waitForFunction(() => window.__pwnedCalls.length > 0 && window.__violations.length > 0);
  await page.context().close();
});

test('a record: payloads in every string of the schema, in the answers, in Welsh and read back', async () => {
  const page = await trapPage();
  const properties = {};
  const value = {};
  PAYLOADS.forEach((p, i) => {
    properties[`f${i}`] = {
      type: 'string',
      title: p,
      description: p,
      examples: [p],
      default: p,
      maxLength: 3,
      'x-ourplan': { title: { en: p, cy: p }, hint: { en: p, cy: p }, messages: { maxLength: { en: p, cy: p } } },
    };
    value[`f${i}`] = p;
  });
  properties.choice = { title: 'Choose', oneOf: PAYLOADS.slice(0, 20).map((p, i) => ({ const: `c${i}`, title: p })) };
  properties.pick = { title: 'Pick', enum: SHORT.slice(0, 20) };
  properties.named = { type: 'object', title: 'Named answers', additionalProperties: { type: 'string' } };
  value.named = Object.fromEntries(SHORT.map((p, i) => [p, `answer ${i}`]));
  value.pick = SHORT[0] + ' (not one of the options)';
  const schema = { type: 'object', title: PAYLOADS[0], description: PAYLOADS[1], properties };
  await page.evaluate(async ({ schema, value }) => {
    const el = document.createElement('ourplan-record');
    el.id = 'el';
    el.setAttribute('level', 'full');
    el.schema = schema;
    el.value = value;
    document.querySelector('main').append(el);
    await el.ready;
    // Every problem shown: messages that echo a value, the error summary.
    await el.validate();
  }, { schema, value });
  await assertSafe(page, '#el');
  // The answers are the payloads, exactly.
  const back = await page.evaluate(() => document.getElementById('el').value);
  assert.equal(back.f1, PAYLOADS[1]);
  await page.evaluate(async () => {
    const el = document.getElementById('el');
    el.setAttribute('lang', 'cy');
    await el.ready;
  });
  await assertSafe(page, '#el');
  await page.evaluate(async () => {
    const el = document.getElementById('el');
    el.readOnly = true;
    el.setAttribute('readonly', '');
    await el.ready;
  });
  await assertSafe(page, '#el', { literal: false });
  await page.context().close();
});

test('a plan: payloads in starters, blocks, money, reviews, sign-off, an opened file, the read view and the Markdown export', async () => {
  const page = await trapPage();
  const blocks = [];
  PAYLOADS.forEach((p, i) => {
    blocks.push({ id: `t${i}`, kind: 'text', text: p });
    if (i < 20) {
      blocks.push({ id: `h${i}`, kind: 'section', title: p, children: [{ id: `c${i}`, kind: 'list', items: [{ id: `i${i}`, text: p }] }] });
      blocks.push({ id: `m${i}`, kind: 'budgetLine', what: p, costPence: 100 + i, frequency: 'weekly', paidFrom: 'direct-payment' });
    }
  });
  const plan = {
    format: 'ourplan-plan',
    version: 1,
    title: PAYLOADS[0],
    blocks,
    reviews: SHORT.slice(0, 10).map((p, i) => ({ id: `r${i}`, date: '2026-12-01', by: p, working: p, notWorking: p, changes: p })),
    nextId: 500,
    [PAYLOADS[1]]: PAYLOADS[2],
  };
  const starter = { id: 'evil', title: { en: PAYLOADS[0], cy: PAYLOADS[1] }, description: { en: PAYLOADS[2], cy: PAYLOADS[3] }, blocks: [{ kind: 'text', text: { en: PAYLOADS[4], cy: PAYLOADS[5] } }] };
  await page.evaluate(async ({ starter }) => {
    const el = document.createElement('ourplan-plan');
    el.id = 'el';
    el.templates = [starter];
    el.signoffRules = { limit: { amount: '999999.00', period: 'week' } };
    el.practitioner = { name: '<img src=x onerror=__pwned(70)>', role: '<script>__pwned(71)</script>' };
    document.querySelector('main').append(el);
    await el.ready;
  }, { starter });
  // The starter list, then the starter itself.
  const starterText = await page.evaluate(() => document.getElementById('el').shadowRoot.textContent);
  assert.ok(starterText.includes(PAYLOADS[0]) && starterText.includes(PAYLOADS[2]), 'the starter is shown as text');
  await page.locator('#el [id="op-start-evil"]').click();
  await assertSafe(page, '#el', { literal: false });
  // The plan as a file the person opens.
  await page.locator('#el [id="op-import"]').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
  await page.waitForFunction(() => document.getElementById('el').value.blocks.length > 80);
  await page.locator('#el [id="op-signoff"]').click();
  await page.waitForFunction(() => document.getElementById('el').value.signoff?.name === '<img src=x onerror=__pwned(70)>');
  await assertSafe(page, '#el');
  // The Markdown export: nothing a renderer would turn into HTML or a link.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#el [id="op-export-md"]').click()]);
  const md = readFileSync(await download.path(), 'utf8');
  for (const line of md.split('\n')) {
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '<' || line[i] === '[' && !/^- \[[ x]\] /.test(line)) {
        assert.equal(line[i - 1], '\\', `unescaped ${line[i]} in the Markdown export: ${line.slice(0, 120)}`);
      }
    }
  }
  // Welsh, then the plan read as a document.
  await page.evaluate(async () => {
    const el = document.getElementById('el');
    el.setAttribute('lang', 'cy');
    el.setAttribute('readonly', '');
    await el.ready;
  });
  await assertSafe(page, '#el', { literal: false });
  await page.context().close();
});

test('a draft holding payloads is offered, listed and opened as text', async () => {
  let page = await trapPage();
  const key = `injection-${Date.now()}`;
  const open = (value) => page.evaluate(async ({ key, value }) => {
    const el = document.createElement('ourplan-record');
    el.id = 'el';
    el.setAttribute('storage-key', key);
    el.setAttribute('level', 'full');
    el.schema = { type: 'object', properties: { note: { type: 'string', title: 'Note' }, other: { type: 'string', title: 'Other' } } };
    window.saved = [];
    el.addEventListener('ourplan-draft-saved', () => window.saved.push(1));
    document.querySelector('main').append(el);
    await el.ready;
    if (value) el.value = value;
  }, { key, value });
  await open({});
  await page.locator('#el [id="op-f-note"]').fill(SHORT[1]);
  await page.locator('#el [id="op-f-other"]').fill(SHORT[2]);
  await page.waitForFunction(() => window.saved.length > 0);
  // The person comes back later, in a new tab.
  const context = page.context();
  await page.close();
  page = await trapPage(context);
  await open(null);
  await page.locator('#el [id="op-draft-continue"]').waitFor();
  await page.locator('#el .op-drafts__summary').click();
  await assertSafe(page, '#el', { literal: false });
  await page.locator('#el [id="op-draft-continue"]').click();
  await page.waitForFunction((p) => document.getElementById('el').value.note === p, SHORT[1]);
  await assertSafe(page, '#el', { literal: false });
  await page.context().close();
});

test('a web address is a link only where the schema says it is a URI, and only http: or https:', async () => {
  const page = await trapPage();
  await page.evaluate(async () => {
    const el = document.createElement('ourplan-record');
    el.id = 'el';
    el.setAttribute('level', 'full');
    el.setAttribute('readonly', '');
    el.schema = {
      type: 'object',
      properties: {
        site: { type: 'string', format: 'uri', title: 'Website' },
        bad: { type: 'string', format: 'uri', title: 'Another website' },
        data: { type: 'string', format: 'uri', title: 'A third' },
        note: { type: 'string', title: 'A note' },
      },
    };
    el.value = { site: 'https://example.org/groups?town=Bangor', bad: 'javascript:__pwned(80)', data: 'data:text/html,<script>parent.__pwned(81)</script>', note: 'https://example.org/typed-in-a-note' };
    document.querySelector('main').append(el);
    await el.ready;
  });
  const links = await page.evaluate(() => [...document.getElementById('el').shadowRoot.querySelectorAll('a[href]')].map((a) => ({ href: a.getAttribute('href'), rel: a.rel, text: a.textContent })));
  assert.deepEqual(links, [{ href: 'https://example.org/groups?town=Bangor', rel: 'noopener noreferrer', text: 'https://example.org/groups?town=Bangor' }]);
  const text = await page.evaluate(() => document.getElementById('el').shadowRoot.textContent);
  for (const shown of ['javascript:__pwned(80)', 'data:text/html,<script>parent.__pwned(81)</script>', 'https://example.org/typed-in-a-note']) {
    assert.ok(text.includes(shown), `${shown} is shown as text`);
  }
  await assertSafe(page, '#el', { literal: false });
  await page.context().close();
});
