// The host demo pages end to end in Chromium (issues #5 and #6): a council's case system, a
// user-led organisation's website, a citizen page in English and Welsh, a plain HTML form, and
// a host that drives the element from its own script. Each journey runs under the page's strict
// CSP (demo/<page>.headers) with no violations, axe finds nothing on every state, and every
// state is photographed at desktop width and at 320 CSS px (tests/e2e/artifacts/demo-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL, axeCheck, screenshot } from './harness.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens a demo page in a fresh context, checks it was served with the strict CSP, and records
 * console errors, uncaught errors and CSP violations (counted from inside the page by a script
 * the browser injects, which the CSP does not block).
 */
async function openDemo(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.on('console', (msg) => page.consoleMessages.push({ type: msg.type(), text: msg.text() }));
  page.on('pageerror', (err) => page.pageErrors.push(String(err?.stack ?? err)));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(BASE_URL + path);
  assert.equal(response.status(), 200, path);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, `${path} is served with the strict CSP`);
  return page;
}

/** Waits until every kit element on the page has drawn. */
async function drawn(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('ourplan-record, ourplan-plan')]
    .every((el) => el.shadowRoot?.querySelector('.op-record, .op-plan, .op-load-error')), null, { timeout: 30000 });
}

/**
 * What sticks out past the right edge of the window: the page's own elements, and elements
 * inside the kit's shadow roots.
 */
function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const host = [];
    const kit = [];
    const visit = (root, inKit) => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5) {
          (inKit ? kit : host).push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} (${Math.round(box.right - width)}px)`);
        }
        if (el.shadowRoot) visit(el.shadowRoot, true);
      }
    };
    visit(document, false);
    return { host, kit };
  });
}

/**
 * One state of a journey: axe finds nothing, and it is photographed at desktop width and at
 * 320 CSS px, where nothing of the page's own may stick out sideways (WCAG 1.4.10, reflow).
 */
async function checkState(page, name) {
  assert.deepEqual(await axeCheck(page), [], `axe: ${name}`);
  await screenshot(page, `demo-${name}`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  // Laid out again at the new width by the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { host, kit } = await overflowing(page);
  await screenshot(page, `demo-${name}-320`);
  assert.deepEqual(await axeCheck(page), [], `axe at 320 px: ${name}`);
  await page.setViewportSize(size);
  assert.deepEqual(host, [], `${name}: the page's own elements stick out sideways at 320 CSS px`);
  assert.deepEqual(kit, [], `${name}: the kit's elements stick out sideways at 320 CSS px`);
}

/** No CSP violations, console errors or uncaught errors since the page opened. */
async function assertClean(page) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

const shadowText = (page, selector) => page.evaluate((s) => document.querySelector(s).shadowRoot.textContent, selector);

/** The page's own text (outside the kit's elements and outside any lang="en" part), as words. */
function hostText(page) {
  return page.evaluate(() => {
    const words = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) words.push(child.textContent);
        else if (child.nodeType === Node.ELEMENT_NODE && !/^(OURPLAN-|SCRIPT|STYLE)/.test(child.tagName) && child.getAttribute('lang') !== 'en') walk(child);
      }
    };
    walk(document.body);
    words.push(document.title);
    return words.join(' ').replace(/\s+/g, ' ');
  });
}

test('council: the preload links the README shows start the kit early and are used, not fetched twice', async () => {
  const page = await openDemo('/council.html');
  await drawn(page);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((r) => r.name.split('/').pop()).filter((name) => name.startsWith('ourplan')).sort());
  assert.deepEqual(fetched, ['ourplan.css', 'ourplan.js', 'ourplan_wasm.js', 'ourplan_wasm_bg.wasm']);
  assert.deepEqual(page.consoleMessages.filter((m) => /preload/i.test(m.text)), []);
});

test('council: a social worker records what matters and signs off a plan within their limit', async () => {
  const page = await openDemo('/council.html');
  await drawn(page);
  // The host told the kit who is signed in; the header shows the same.
  assert.match(await page.locator('.council-user').textContent(), /Signed in as Sam Patel, social worker\.\s+You can sign off plans up to £250\.00 a week\./);
  // What the council knew is in the record already.
  assert.equal(await page.locator('ourplan-record #op-f-person__name').inputValue(), 'Ann Jones');
  assert.equal(await page.locator('ourplan-record #op-f-recorded__by').inputValue(), 'Sam Patel, social worker');
  await checkState(page, 'council-start');

  // Saving with "what matters" empty: the kit's error summary, and nothing saved.
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.locator('ourplan-record .op-error-summary').waitFor();
  assert.match(await shadowText(page, 'ourplan-record'), /Enter .*What matters to me/);
  assert.equal(await page.locator('#banner').isVisible(), false);
  await checkState(page, 'council-record-missing');

  await page.locator('ourplan-record #op-f-what__matters').fill('Getting back out into my garden, and seeing my sister Mair every Sunday.');
  await page.locator('ourplan-record').getByLabel('3. Build a good life').check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.locator('#banner').waitFor();
  assert.match(await page.locator('#banner').textContent(), /Conversation record saved/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'banner', 'focus moves to the banner');
  assert.equal(await page.locator('ourplan-record').getAttribute('readonly'), '', 'the record reads back');
  await page.locator('ourplan-record .op-summary-list').first().waitFor();
  const record = await page.evaluate(() => document.querySelector('ourplan-record').value);
  assert.equal(record.person_name, 'Ann Jones');
  assert.equal(record.conversation, 'build-a-good-life');
  assert.match(record.conversation_date, /^\d{4}-\d\d-\d\d$/);
  await checkState(page, 'council-record-saved');

  // The plan Ann drafted is within Sam's limit: sign it off.
  await page.evaluate(() => {
    window.signoffs = [];
    document.addEventListener('ourplan-signoff', (e) => window.signoffs.push({ target: e.target.id, signoff: e.detail.signoff, value: e.detail.value }));
  });
  assert.match(await page.locator('ourplan-plan #op-budget-spending').textContent(), /£102\.00 a week/);
  assert.equal(await page.locator('#signed-off').isVisible(), false);
  assert.match(await shadowText(page, 'ourplan-plan'), /You can sign this plan off/);
  await page.locator('ourplan-plan #op-signoff').click();
  const events = await page.evaluate(() => window.signoffs);
  assert.equal(events.length, 1, 'one ourplan-signoff event, bubbling to the document');
  const [{ target, signoff, value }] = events;
  assert.equal(target, 'plan');
  assert.equal(signoff.name, 'Sam Patel');
  assert.equal(signoff.role, 'Social worker');
  assert.match(signoff.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
  assert.match(signoff.fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(value.signoff, signoff, 'the event carries the signed-off plan');
  const plan = await page.evaluate(() => document.querySelector('ourplan-plan').value);
  assert.deepEqual(plan.signoff, signoff, 'the plan records the sign-off');
  assert.equal(plan.title, 'My garden and my Sundays');
  assert.match(await page.locator('ourplan-plan #op-signoff-status').textContent(), /Signed off by Sam Patel \(Social worker\)/);
  // The council's own "what happens next", from the event.
  assert.equal(await page.locator('#signed-off').isVisible(), true);
  assert.match(await page.locator('#signed-off-by').textContent(), /^Sam Patel \(Social worker\) signed off Ann’s plan on /);
  assert.equal(await page.locator('#signed-off-fingerprint').textContent(), signoff.fingerprint);
  await checkState(page, 'council-signed-off');

  // Changing the record again puts the fields back, focus in the first.
  await page.getByRole('button', { name: 'Change the record' }).click();
  assert.equal(await page.locator('ourplan-record').getAttribute('readonly'), null);
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id === 'op-f-person__name');
  assert.equal(await page.locator('#banner').isVisible(), false);
  await assertClean(page);
  await page.context().close();
});

test('user-led organisation: its own starter and its own look, through custom properties and parts', async () => {
  const page = await openDemo('/community.html');
  await drawn(page);
  const starters = await page.locator('ourplan-plan .op-plan-start button').allTextContents();
  assert.ok(starters.some((s) => s.includes('Maple Lane peer support plan')), starters.join(' | '));
  assert.ok(starters.some((s) => /blank page/.test(s)), 'the blank page is still offered');
  // Themed from outside: a custom property and a part.
  const theme = await page.evaluate(() => {
    const plan = document.querySelector('ourplan-plan');
    const starters = plan.shadowRoot.querySelector('[part~="starters"]');
    return {
      link: getComputedStyle(plan).getPropertyValue('--op-link').trim(),
      radius: getComputedStyle(starters).borderTopLeftRadius,
      background: getComputedStyle(starters).backgroundColor,
    };
  });
  assert.deepEqual(theme, { link: '#5a2a82', radius: '16px', background: 'rgb(244, 236, 250)' });
  await checkState(page, 'community-starters');

  await page.locator('ourplan-plan').getByRole('button', { name: /Maple Lane peer support plan/ }).click();
  const plan = await page.evaluate(() => document.querySelector('ourplan-plan').value);
  assert.deepEqual(plan.blocks.map((b) => b.kind), ['whatMatters', 'section', 'section', 'section', 'doDont']);
  assert.deepEqual(plan.blocks.filter((b) => b.kind === 'section').map((b) => b.title), ['A good week for me', 'Who is on my side', 'What I want to try next']);
  const look = await page.evaluate(() => {
    const root = document.querySelector('ourplan-plan').shadowRoot;
    const block = root.querySelector('[part~="block"]');
    const input = root.querySelector('[part~="input"], [part~="textarea"]');
    return {
      blockRadius: getComputedStyle(block).borderTopLeftRadius,
      blockEdge: getComputedStyle(block).borderLeftColor,
      inputRadius: getComputedStyle(input).borderTopLeftRadius,
      font: getComputedStyle(input).fontFamily === getComputedStyle(document.body).fontFamily,
    };
  });
  assert.deepEqual(look, { blockRadius: '12px', blockEdge: 'rgb(90, 42, 130)', inputRadius: '8px', font: true });
  await checkState(page, 'community-plan');

  const matters = plan.blocks[0].id;
  await page.locator(`ourplan-plan [id="op-f-${matters}-text"]`).fill('Being out and about, and having a say.');
  assert.equal((await page.evaluate(() => document.querySelector('ourplan-plan').value)).blocks[0].text, 'Being out and about, and having a say.');
  await assertClean(page);
  await page.context().close();
});

test('citizen page in Welsh: a Welsh page throughout, and the language switch keeps the plan', async () => {
  const page = await openDemo('/citizen-cy.html');
  await drawn(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.equal(await page.locator('ourplan-plan').getAttribute('lang'), 'cy');
  assert.match(await shadowText(page, 'ourplan-plan'), /Sut hoffech chi ddechrau\?/);
  // All of the page's own words are Welsh: no common English words outside lang="en" parts.
  const words = await hostText(page);
  assert.match(words, /Drafftiwch eich cynllun cymorth eich hun/);
  assert.doesNotMatch(words, /\b(the|and|your|you|plan|with|to|of|this|page)\b/i, words);
  const toEnglish = page.locator('#switch-language');
  assert.equal(await toEnglish.textContent(), 'English');
  assert.equal(await toEnglish.getAttribute('lang'), 'en');
  assert.equal(await toEnglish.getAttribute('hreflang'), 'en');
  await checkState(page, 'citizen-cy-start');

  await page.locator('ourplan-plan #op-start-blank').click();
  await page.locator('ourplan-plan #op-title').fill('Fy wythnos i');
  assert.match(await shadowText(page, 'ourplan-plan'), /Teitl eich cynllun/);
  await page.locator('ourplan-plan #op-add-top-kind').selectOption('whatMatters');
  await page.locator('ourplan-plan #op-add-top').click();
  const matters = await page.evaluate(() => document.querySelector('ourplan-plan').value.blocks[0].id);
  await page.locator(`ourplan-plan [id="op-f-${matters}-text"]`).fill('Canu yn y côr bob nos Fawrth.');
  await checkState(page, 'citizen-cy-plan');
  await assertClean(page);

  // To the English twin: the same plan, in English.
  await toEnglish.click();
  await page.waitForURL(/\/citizen\.html$/);
  await drawn(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal((await page.evaluate(() => document.querySelector('ourplan-plan').value)).title, 'Fy wythnos i');
  assert.equal(await page.locator('ourplan-plan #op-title').inputValue(), 'Fy wythnos i');
  assert.equal(await page.locator(`ourplan-plan [id="op-f-${matters}-text"]`).inputValue(), 'Canu yn y côr bob nos Fawrth.');
  assert.match(await shadowText(page, 'ourplan-plan'), /Title of your plan/);
  const toWelsh = page.locator('#switch-language');
  assert.equal(await toWelsh.textContent(), 'Cymraeg');
  assert.equal(await toWelsh.getAttribute('lang'), 'cy');
  await checkState(page, 'citizen-en-plan');

  // And back again.
  await toWelsh.click();
  await page.waitForURL(/\/citizen-cy\.html$/);
  await drawn(page);
  assert.equal(await page.locator('ourplan-plan #op-title').inputValue(), 'Fy wythnos i');
  await assertClean(page);
  await page.context().close();
});

test('citizen page in English starts fresh in a new tab and is clean', async () => {
  const page = await openDemo('/citizen.html');
  await drawn(page);
  assert.match(await shadowText(page, 'ourplan-plan'), /How would you like to start\?/);
  assert.match(await page.locator('h1').textContent(), /Draft your own support plan/);
  await checkState(page, 'citizen-en-start');
  await assertClean(page);
  await page.context().close();
});

test('plain form: the record and the plan post as JSON and arrive intact', async () => {
  const page = await openDemo('/form.html');
  await drawn(page);
  await checkState(page, 'form-start');

  // The record needs its answers first: the form does not send.
  await page.getByRole('button', { name: 'Send the record and the plan' }).click();
  await page.locator('ourplan-record .op-error-summary').waitFor();
  assert.match(page.url(), /\/form\.html$/, 'an incomplete record stops the form');
  assert.equal(await page.evaluate(() => document.getElementById('form').checkValidity()), false);
  assert.equal(await page.evaluate(() => document.activeElement.id + ' ' + document.activeElement.shadowRoot.activeElement.className), 'record op-error-summary', 'focus goes to the error summary');
  assert.match(await page.locator('ourplan-record .op-error-summary').textContent(), /Enter ‘Name of the person’.*Enter ‘Date of the conversation’.*Enter ‘What matters to me’/);
  await checkState(page, 'form-problem');

  const record = page.locator('ourplan-record');
  await record.locator('#op-f-person__name').fill('Ann "Nan" Jones <3');
  await record.getByLabel('Day').fill('2');
  await record.getByLabel('Month').fill('3');
  await record.getByLabel('Year').fill('2026');
  await record.locator('#op-f-what__matters').fill('My garden & my sister; “Sundays” = family.\nSecond line.');
  await page.locator('ourplan-plan #op-start-blank').click();
  await page.locator('ourplan-plan #op-title').fill('Plan with {braces}, [brackets] and "quotes"');
  await page.locator('ourplan-plan #op-add-top-kind').selectOption('budgetLine');
  await page.locator('ourplan-plan #op-add-top').click();
  const line = await page.evaluate(() => document.querySelector('ourplan-plan').value.blocks[0].id);
  await page.locator(`ourplan-plan [id="op-f-${line}-what"]`).fill('Taxi to choir');
  await page.locator(`ourplan-plan [id="op-f-${line}-costPence"]`).fill('12.50');
  assert.equal(await page.evaluate(() => document.getElementById('form').checkValidity()), true);
  await checkState(page, 'form-filled');

  const sent = await page.evaluate(() => ({
    record: document.querySelector('ourplan-record').value,
    plan: document.querySelector('ourplan-plan').value,
  }));
  assert.equal(sent.plan.blocks[0].costPence, 1250);
  await assertClean(page);

  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Send the record and the plan' }).click(),
  ]);
  assert.match(page.url(), /\/echo$/);
  assert.match(response.headers()['content-security-policy'], /script-src 'none'/);
  // Exactly as the browser sent them...
  const raw = new URLSearchParams(await page.locator('#raw').textContent());
  assert.deepEqual([...raw.keys()], ['record', 'plan']);
  assert.deepEqual(JSON.parse(raw.get('record')), sent.record);
  assert.deepEqual(JSON.parse(raw.get('plan')), sent.plan);
  // ...and as the page shows them to people, indented.
  const fields = await page.locator('#fields dt').allTextContents();
  const shown = await page.locator('#fields dd').allTextContents();
  assert.deepEqual(fields, ['record', 'plan']);
  assert.deepEqual(JSON.parse(shown[0]), sent.record);
  assert.deepEqual(JSON.parse(shown[1]), sent.plan);
  assert.match(shown[1], /\n {2}"format": "ourplan-plan",\n/);
  await checkState(page, 'form-received');
  await page.context().close();
});

test('host script: sets the schema, the value and the language, and hears the events', async () => {
  const page = await openDemo('/host.html');
  await drawn(page);
  const log = page.locator('#events');
  const name = page.locator('ourplan-record #op-f-name');
  assert.equal(await name.inputValue(), 'Ann', 'the value the host set');
  assert.match(await page.locator('#schema').textContent(), /"title": "About you"/);
  assert.equal(await log.textContent(), 'None yet.', 'setting the value fired nothing');
  await checkState(page, 'host-start');

  await name.fill('Ann Jones');
  assert.match(await log.textContent(), /^input: \{"name":"Ann Jones"\}/);
  await name.press('Tab');
  assert.match(await log.textContent(), /^change: \{"name":"Ann Jones"\}/);

  await page.getByRole('button', { name: 'Set a new value from the host' }).click();
  assert.equal(await name.inputValue(), 'Bea');
  assert.match(await log.textContent(), /^the host set value \{"name":"Bea","visits":3,"contact":"Email"\} \(no event\)\n/);

  await page.locator('#lang-cy').click();
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.textContent.includes('(dewisol)'));
  assert.equal(await page.locator('#lang-cy').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#lang-en').getAttribute('aria-pressed'), 'false');
  assert.equal(await name.inputValue(), 'Bea', 'switching language keeps the value');

  await name.fill('');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('ourplan-record .op-error-summary').waitFor();
  await page.waitForFunction(() => document.getElementById('events').textContent.startsWith('invalid:'));
  assert.match(await log.textContent(), /^invalid: .* errors: \/name\nvalidate\(\): \{"valid":false,"errors":\[\{"pointer":"\/name"/);
  assert.match(await shadowText(page, 'ourplan-record'), /Mae problem/);
  await checkState(page, 'host-welsh-problem');
  await assertClean(page);
  await page.context().close();
});

test('the demo home links to every demo page, each with a line about it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/`);
  const links = await page.locator('.page-list li').evaluateAll((items) => items.map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    line: li.textContent.replace(/\s+/g, ' ').trim(),
  })));
  const hrefs = links.map((l) => l.href);
  for (const page of ['council.html', 'community.html', 'citizen.html', 'citizen-cy.html', 'form.html', 'host.html', 'plan.html', 'gallery.html', 'strict.html', 'first-paint.html', 'no-script.html']) {
    assert.ok(hrefs.includes(page), `the home page links to ${page}`);
  }
  for (const { href, line } of links) {
    const response = await page.request.get(`${BASE_URL}/${href}`);
    assert.equal(response.status(), 200, href);
    assert.ok(line.length > 40, `a line about ${href}: "${line}"`);
  }
  assert.equal(await page.locator('a[href="citizen-cy.html"]').getAttribute('lang'), 'cy');
  await context.close();
});
