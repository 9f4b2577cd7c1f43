// <ourplan-record> end to end in Chromium: rendering, errors shown and cleared, events, the host
// API, text never becoming HTML, bad schemas, and axe on each state.

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

/** Waits until the element on `page` has drawn its form (or its load error). */
async function ready(page, selector = 'ourplan-record') {
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'),
    selector,
    { timeout: 20000 },
  );
}

/** The element's shadow-root text, for checks on what a person reads. */
function shadowText(page, selector = 'ourplan-record') {
  return page.evaluate((sel) => document.querySelector(sel).shadowRoot.textContent, selector);
}

/** Console errors are the kit's own bugs: none may appear. */
function assertNoKitErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

/** Puts a fresh element on the blank host page with `schema` set as a property. */
async function mountWith(page, schema, attrs = {}) {
  await page.evaluate(({ schema, attrs }) => {
    document.querySelector('ourplan-record')?.remove();
    const el = document.createElement('ourplan-record');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (schema !== undefined) el.schema = schema;
    document.querySelector('main').append(el);
  }, { schema, attrs });
  await ready(page);
}

test('the demo record renders labelled fields with no axe violations', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  const label = page.locator('ourplan-record label[for="op-f-person__name"]');
  assert.equal((await label.textContent()).trim(), 'Name of the person');
  // Hints are linked to their inputs.
  const described = await page.locator('ourplan-record #op-f-what__matters').getAttribute('aria-describedby');
  assert.equal(described, 'op-f-what__matters-hint op-f-what__matters-count');
  // Schema order is kept.
  const ids = await page.locator('ourplan-record .op-form-group > label, ourplan-record .op-form-group > fieldset > legend').allTextContents();
  assert.ok(ids[0].startsWith('Name of the person') && ids[1].startsWith('Date of the conversation'), ids.join(' | '));
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'record-empty');
  assertNoKitErrors(page);
  await page.context().close();
});

test('an error shows after leaving the field, and goes as soon as it is fixed', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  // "Follow up" is a full-level field: one "Add more" button away in the brief record.
  await page.getByRole('button', { name: 'Follow up in how many weeks?' }).click();
  const weeks = page.locator('ourplan-record #op-f-follow__up__weeks');
  const error = page.locator('ourplan-record #op-f-follow__up__weeks-error');
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id), 'op-f-follow__up__weeks', 'focus moves to the opened field');
  await weeks.fill('12a');
  assert.equal(await error.count(), 0, 'no error while the person is still typing');
  await weeks.press('Tab');
  await error.waitFor();
  assert.match(await error.textContent(), /Enter ‘Follow up in how many weeks\?’ as a whole number, like 12/);
  assert.match(await weeks.getAttribute('aria-describedby'), /op-f-follow__up__weeks-error/);
  assert.deepEqual(await axeCheck(page), [], 'axe with an inline error');
  await weeks.fill('53');
  assert.match(await error.textContent(), /52 or less/);
  await weeks.fill('12');
  await error.waitFor({ state: 'detached' });
  assert.equal(await page.locator('ourplan-record .op-form-group--error').count(), 0);
  await page.context().close();
});

test('the host receives input and change events with the value, once each', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  await page.evaluate(() => {
    window.seen = [];
    const el = document.querySelector('ourplan-record');
    for (const type of ['input', 'change']) {
      el.addEventListener(type, (e) => window.seen.push({ type, target: e.target.localName, composed: e.composed, value: e.detail?.value }));
    }
    // Listeners further up see the same single event, retargeted to the element.
    document.addEventListener('input', (e) => window.seen.push({ type: 'doc-input', target: e.target.localName }));
  });
  const name = page.locator('ourplan-record #op-f-person__name');
  await name.pressSequentially('Jo');
  await name.press('Tab');
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen, [
    { type: 'input', target: 'ourplan-record', composed: true, value: { person_name: 'J' } },
    { type: 'doc-input', target: 'ourplan-record' },
    { type: 'input', target: 'ourplan-record', composed: true, value: { person_name: 'Jo' } },
    { type: 'doc-input', target: 'ourplan-record' },
    { type: 'change', target: 'ourplan-record', composed: true, value: { person_name: 'Jo' } },
  ]);
  // A checkbox change: input then change, with the boolean in the value.
  await page.evaluate(() => { window.seen = []; });
  await page.locator('ourplan-record #op-f-consent__to__share').check();
  const afterTick = await page.evaluate(() => window.seen.filter((s) => s.type !== 'doc-input').map((s) => [s.type, s.value.consent_to_share]));
  assert.deepEqual(afterTick, [['input', true], ['change', true]]);
  assertNoKitErrors(page);
  await page.context().close();
});

test('setting value from the host fires no event and shows in the fields', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  const name = page.locator('ourplan-record #op-f-name');
  assert.equal(await name.inputValue(), 'Ann');
  const events = await page.evaluate(async () => {
    const el = document.querySelector('ourplan-record');
    const fired = [];
    for (const type of ['input', 'change']) el.addEventListener(type, () => fired.push(type));
    el.value = { name: 'Bea', visits: 3, contact: 'Email' };
    await el.ready;
    return { fired, value: el.value };
  });
  assert.deepEqual(events, { fired: [], value: { name: 'Bea', visits: 3, contact: 'Email' } });
  assert.equal(await name.inputValue(), 'Bea');
  assert.equal(await page.locator('ourplan-record #op-f-visits').inputValue(), '3');
  assert.equal(await page.locator('ourplan-record input[type=radio]:checked + label').textContent(), 'Email');
  assertNoKitErrors(page);
  await page.context().close();
});

test('validate() called while schema-src is still on its way waits for it', async () => {
  const page = await openPage(browser, '/embed-test.html');
  const verdict = await page.evaluate(async () => {
    await import('/pkg/ourplan.js');
    const el = document.createElement('ourplan-record');
    el.setAttribute('schema-src', '/schemas/records/what-matters.schema.json');
    document.body.append(el);
    return el.validate();
  });
  assert.equal(verdict.valid, false);
  assert.deepEqual(verdict.errors.map((e) => e.pointer), ['/person_name', '/conversation_date', '/what_matters']);
  assertNoKitErrors(page);
  await page.context().close();
});

test('validate() shows a focused error summary whose links move focus to the field', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.equal(verdict.valid, false);
  assert.deepEqual(verdict.errors.map((e) => e.pointer), ['/person_name', '/conversation_date', '/what_matters']);
  assert.equal(verdict.errors[0].message, 'Enter ‘Name of the person’');
  const summary = page.locator('ourplan-record .op-error-summary');
  assert.equal(await summary.locator('h2').textContent(), 'There is a problem');
  const focused = await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.className);
  assert.equal(focused, 'op-error-summary');
  // The summary and the inline message use the same words.
  assert.equal(
    await summary.locator('a').first().textContent(),
    (await page.locator('ourplan-record #op-f-person__name-error').textContent()).replace(/^Error:\s*/, ''),
  );
  assert.deepEqual(await axeCheck(page), [], 'axe with the error summary');
  await screenshot(page, 'record-error-summary');
  await summary.locator('a', { hasText: 'Enter ‘What matters to me’' }).click();
  const nowFocused = await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id);
  assert.equal(nowFocused, 'op-f-what__matters');
  await page.context().close();
});

test('text from the schema is shown as text, never run as HTML', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    title: '<img src=x onerror="window.__pwned = 1">',
    description: '<script>window.__pwned = 2</script>',
    properties: {
      a: { type: 'string', title: '<b onclick=alert(1)>bold</b>' },
      b: { enum: ['<i>x</i>', '<svg onload="window.__pwned = 3">'], title: 'Pick' },
    },
  }, { level: 'full' });
  await page.evaluate(() => document.querySelector('ourplan-record').ready);
  const text = await shadowText(page);
  assert.ok(text.includes('<img src=x onerror="window.__pwned = 1">'), text);
  assert.ok(text.includes('<b onclick=alert(1)>bold</b>'));
  assert.ok(text.includes('<svg onload="window.__pwned = 3">'));
  const injected = await page.evaluate(() => ({
    pwned: window.__pwned,
    tags: document.querySelector('ourplan-record').shadowRoot.querySelectorAll('img, script, b, i, svg').length,
  }));
  assert.deepEqual(injected, { pwned: undefined, tags: 0 });
  assertNoKitErrors(page);
  await page.context().close();
});

test('a schema that is not JSON says where the mistake is, warns, and loses nothing', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await page.locator('ourplan-record #op-f-name').fill('Ann Jones');
  await page.evaluate(() => { document.querySelector('ourplan-record').schema = '{\n  "type": "object",\n  "properties": { "a": }\n}'; });
  await page.locator('ourplan-record .op-load-error').waitFor();
  const text = await shadowText(page);
  assert.match(text, /This form cannot be shown/);
  assert.match(text, /line 3, column 24/);
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /not JSON \(line 3, column 24\)/.test(m.text)), JSON.stringify(page.consoleMessages));
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { name: 'Ann Jones' });
  assert.deepEqual(await axeCheck(page), [], 'axe on the load error');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a schema that breaks the JSON Schema rules gets a clear message', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, { type: 'object', properties: { a: { type: 12 } } });
  // The schema is drawn first and compiled just after the first paint: the message replaces it.
  await page.locator('ourplan-record .op-load-error').waitFor();
  const text = await shadowText(page);
  assert.match(text, /does not follow the JSON Schema rules \(at “\/properties\/a\/type”\)/);
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /JSON Schema rules/.test(m.text)));
  await mountWith(page, { properties: { a: { type: 'string', pattern: '(' } } });
  await page.locator('ourplan-record .op-load-error').waitFor();
  assert.match(await shadowText(page), /does not follow the JSON Schema rules/);
  assertNoKitErrors(page);
  await page.context().close();
});

test('a schema that fails to fetch gets a clear message', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, undefined, { 'schema-src': '/schemas/records/no-such-schema.json' });
  await page.locator('ourplan-record .op-load-error').waitFor();
  assert.match(await shadowText(page), /could not be loaded\. Check your connection and reload the page/);
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /could not fetch its schema.*HTTP 404/.test(m.text)), JSON.stringify(page.consoleMessages));
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('what the renderer cannot draw yet is a checked raw-JSON field with a warning', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, { properties: { tags: { type: ['array', 'object'], title: 'Tags', maxItems: 2 } } }, { level: 'full' });
  const field = page.locator('ourplan-record #op-f-tags');
  await field.fill('["a", "b", "c"]');
  await field.press('Tab');
  await page.locator('ourplan-record #op-f-tags-error').waitFor();
  assert.match(await page.locator('ourplan-record #op-f-tags-error').textContent(), /Remove items from ‘Tags’ so there are 2 or fewer/);
  await field.fill('["a", ');
  assert.match(await page.locator('ourplan-record #op-f-tags-error').textContent(), /not complete JSON \(line 1/);
  assert.equal(await field.inputValue(), '["a", ', 'what was typed stays');
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /not drawn/.test(m.text)));
  assertNoKitErrors(page);
  await page.context().close();
});

test('lang="cy" switches the element to Welsh at once, keeping what was typed', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await page.locator('ourplan-record #op-f-name').fill('');
  await page.evaluate(() => document.querySelector('ourplan-record').validate());
  await page.locator('#lang-cy').click();
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.textContent.includes('Mae problem'));
  const text = await shadowText(page);
  assert.match(text, /Rhowch ateb ar gyfer ‘Your name’/);
  assert.match(text, /\(dewisol\)/);
  assert.equal(await page.locator('ourplan-record .op-record').getAttribute('lang'), 'cy');
  await page.context().close();
});

test('the module API validates and compiles without rendering', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  const out = await page.evaluate(async () => {
    const kit = await import('/pkg/ourplan.js');
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'string', format: 'email', title: 'Email' } } };
    const results = {};
    results.missing = await kit.validate(schema, {});
    results.bad = await kit.validate(JSON.stringify(schema), { a: 'nope' });
    results.good = await kit.validate(schema, { a: 'a@example.org' });
    results.welsh = await kit.validate(schema, {}, { lang: 'cy' });
    results.boolean = await kit.validate(false, 1);
    const compiled = await kit.compile(schema);
    results.compileOk = { valid: compiled.valid, errors: compiled.errors };
    // The compiled schema checks values synchronously, with the same results as validate().
    results.compiledMissing = compiled.validate({});
    results.compiledGood = compiled.validate({ a: 'a@example.org' });
    schema.properties.a.format = 'date'; // later changes to the object do not reach the compiled schema
    results.compiledAfterChange = compiled.validate({ a: 'a@example.org' });
    try {
      compiled.validate(1n);
      results.compiledBigInt = 'returned';
    } catch (e) {
      results.compiledBigInt = e.name;
    }
    results.compileBad = await kit.compile({ type: 'strin' });
    results.compileBadHasValidate = typeof results.compileBad.validate;
    results.remote = await kit.validate({ $ref: 'https://example.org/name.json' }, 5, { remotes: { 'https://example.org/name.json': { type: 'string' } } });
    try {
      await kit.validate('{ nope', {});
      results.notJson = 'resolved';
    } catch (e) {
      results.notJson = { name: e.name, message: e.message };
    }
    return results;
  });
  assert.deepEqual(out.missing, { valid: false, errors: [{ pointer: '/a', message: 'Enter ‘Email’' }] });
  assert.deepEqual(out.bad, { valid: false, errors: [{ pointer: '/a', message: 'Enter ‘Email’ as an email address, like name@example.com' }] });
  assert.deepEqual(out.good, { valid: true, errors: [] });
  assert.deepEqual(out.welsh.errors[0].message, 'Rhowch ateb ar gyfer ‘Email’');
  assert.equal(out.boolean.valid, false);
  assert.deepEqual(out.compileOk, { valid: true, errors: [] });
  assert.deepEqual(out.compiledMissing, out.missing);
  assert.deepEqual(out.compiledGood, { valid: true, errors: [] });
  assert.deepEqual(out.compiledAfterChange, { valid: true, errors: [] });
  assert.equal(out.compiledBigInt, 'TypeError', 'a value JSON cannot carry is refused, not ignored');
  assert.equal(out.compileBadHasValidate, 'undefined', 'a schema that did not compile offers no validate');
  assert.equal(out.compileBad.valid, false);
  assert.equal(out.compileBad.errors[0].pointer, '/type');
  assert.equal(out.remote.valid, false);
  assert.equal(out.notJson.name, 'OurplanError');
  assert.match(out.notJson.message, /line 1, column 3/);
  await page.context().close();
});

test('fallback content shows until the kit loads, then the form replaces it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/ourplan_wasm_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${process.env.OURPLAN_BASE_URL || 'http://127.0.0.1:8080'}/`);
  await page.waitForTimeout(300);
  assert.ok(await page.getByText('Loading the form. If it does not appear').isVisible());
  release();
  await ready(page);
  assert.equal(await page.getByText('Loading the form. If it does not appear').isVisible(), false);
  await context.close();
});

test('the brief record shows a handful of fields; the rest are one action away', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  const visibleFields = () => page.evaluate(() => [...document.querySelector('ourplan-record').shadowRoot.querySelectorAll('input, textarea, select')]
    .map((el) => el.id.replace(/-\d+$/, '').replace(/-(month|year)$/, '')).filter((id, i, all) => all.indexOf(id) === i));
  const brief = await visibleFields();
  assert.deepEqual(brief, ['op-f-person__name', 'op-f-conversation__date', 'op-f-conversation', 'op-f-what__matters', 'op-f-consent__to__share', 'op-f-recorded__by']);
  const more = await page.locator('ourplan-record .op-add-more button').allTextContents();
  assert.deepEqual(more, ['What a good life looks like', 'Strengths', 'Worries and risks', 'What’s working', 'What’s not working', 'What I want to achieve', 'Connections made', 'Information and advice given', 'Agreed next steps', 'Follow up in how many weeks?', 'Email for follow-up', 'Who helped']);
  // The brief record's value holds only what was typed: no empty sections.
  await page.locator('ourplan-record #op-f-person__name').fill('Ann');
  await page.getByRole('button', { name: 'Strengths' }).click();
  await page.locator('ourplan-record #op-f-strengths-personal').fill('Kind');
  await page.locator('ourplan-record #op-f-strengths-personal').fill('');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { person_name: 'Ann' });
  // level="full" shows everything; a field holding a value shows at every level.
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('level', 'full'));
  await page.waitForFunction(() => !document.querySelector('ourplan-record').shadowRoot.querySelector('.op-add-more'));
  assert.ok((await visibleFields()).includes('op-f-contact__email'));
  await page.locator('ourplan-record #op-f-contact__email').fill('ann@example.org');
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('level', 'brief'));
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.querySelector('.op-add-more'));
  assert.ok((await visibleFields()).includes('op-f-contact__email'), 'a field with a value stays');
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});

test('list items are added, reordered and removed with buttons, focus following', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  const active = () => page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id);
  const live = () => page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.querySelector('[role=status]').textContent);
  await page.getByRole('button', { name: 'Agreed next steps' }).click();
  await page.getByRole('button', { name: 'Add step' }).click();
  assert.equal(await active(), 'op-f-next__steps-0-who');
  assert.equal(await live(), 'Step 1 added');
  await page.keyboard.type('Sam');
  await page.getByRole('button', { name: 'Add another step' }).click();
  assert.equal(await active(), 'op-f-next__steps-1-who');
  await page.keyboard.type('Ann');
  // Keyboard only: Enter on the focused "Move up" button.
  await page.locator('ourplan-record #op-f-next__steps-1-up').focus();
  await page.keyboard.press('Enter');
  assert.equal(await live(), 'Step 2 moved up: it is now number 1');
  assert.equal(await active(), 'op-f-next__steps-0-down', 'the moved item is first: focus on its other move button');
  const value = () => page.evaluate(() => document.querySelector('ourplan-record').value.next_steps);
  assert.deepEqual(await value(), [{ who: 'Ann' }, { who: 'Sam' }]);
  assert.deepEqual(await axeCheck(page), [], 'axe with a list open');
  await screenshot(page, 'record-list');
  await page.getByRole('button', { name: 'Remove Step 1' }).click();
  assert.deepEqual(await value(), [{ who: 'Sam' }]);
  assert.equal(await active(), 'op-f-next__steps-0-who', 'focus goes to the neighbour');
  assert.equal(await page.locator('ourplan-record #op-f-next__steps-0-who').inputValue(), 'Sam');
  await page.getByRole('button', { name: 'Remove Step 1' }).click();
  assert.equal(await active(), 'op-f-next__steps-add');
  // Required fields inside an item are checked like any other.
  await page.getByRole('button', { name: 'Add step' }).click();
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.ok(verdict.errors.some((e) => e.pointer === '/next_steps/0/what' && e.message === 'Enter ‘What’'), JSON.stringify(verdict.errors));
  assertNoKitErrors(page);
  await page.context().close();
});

test('an array of options is a set of checkboxes; a long answer has a character count', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    properties: {
      ways: { type: 'array', title: 'Ways to contact', items: { enum: ['Phone', 'Email', 'Letter'] }, uniqueItems: true, 'x-ourplan': { level: 'brief' } },
      story: { type: 'string', title: 'Your story', maxLength: 20, 'x-ourplan': { widget: 'textarea', level: 'brief' } },
    },
  });
  await page.getByLabel('Letter').check();
  await page.getByLabel('Phone').check();
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { ways: ['Phone', 'Letter'] });
  const story = page.locator('ourplan-record #op-f-story');
  const count = page.locator('ourplan-record #op-f-story-count');
  assert.equal(await count.textContent(), 'You have 20 characters remaining');
  await story.fill('a'.repeat(19));
  assert.equal(await count.textContent(), 'You have 1 character remaining');
  await story.fill('a'.repeat(23));
  assert.equal(await count.textContent(), 'You have 3 characters too many');
  assert.match(await story.getAttribute('aria-describedby'), /op-f-story-count/);
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});

test('choosing another shape keeps what fits, and choosing back restores the rest', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    properties: {
      contact: {
        title: 'How to reach you',
        oneOf: [
          { title: 'By phone', type: 'object', required: ['phone'], properties: { name: { type: 'string', title: 'Name' }, phone: { type: 'string', title: 'Phone number' } } },
          { title: 'By post', type: 'object', required: ['address'], properties: { name: { type: 'string', title: 'Name' }, address: { type: 'string', title: 'Address' } } },
        ],
      },
    },
  }, { level: 'full' });
  const value = () => page.evaluate(() => document.querySelector('ourplan-record').value);
  await page.getByLabel('By phone').check();
  await page.locator('ourplan-record #op-f-contact-name').fill('Ann');
  await page.locator('ourplan-record #op-f-contact-phone').fill('01234 567890');
  await page.getByLabel('By post').check();
  assert.deepEqual(await value(), { contact: { name: 'Ann' } });
  assert.equal(await page.locator('ourplan-record #op-f-contact-phone').count(), 0);
  await page.locator('ourplan-record #op-f-contact-address').fill('1 High Street');
  assert.deepEqual(await axeCheck(page), [], 'axe with a shape chosen');
  await page.getByLabel('By phone').check();
  assert.deepEqual(await value(), { contact: { phone: '01234 567890', name: 'Ann' } });
  assert.equal(await page.locator('ourplan-record #op-f-contact-phone').inputValue(), '01234 567890');
  await page.getByLabel('By post').check();
  assert.equal((await value()).contact.address, '1 High Street');
  assertNoKitErrors(page);
  await page.context().close();
});

test('conditional fields appear and disappear with the answers, and their values come back', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    type: 'object',
    properties: { has_carer: { type: 'boolean', title: 'I have a carer' } },
    if: { properties: { has_carer: { const: true } }, required: ['has_carer'] },
    then: { properties: { carer_name: { type: 'string', title: 'Carer’s name' } }, required: ['carer_name'] },
  }, { level: 'full' });
  const carer = page.locator('ourplan-record #op-f-carer__name');
  assert.equal(await carer.count(), 0);
  await page.getByLabel('I have a carer').check();
  await carer.fill('Bea');
  assert.match(await page.locator('ourplan-record label[for=op-f-carer__name]').textContent(), /^Carer’s name$/, 'required now: no “(optional)”');
  await page.getByLabel('I have a carer').uncheck();
  await carer.waitFor({ state: 'detached' });
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { has_carer: false });
  await page.getByLabel('I have a carer').check();
  assert.equal(await carer.inputValue(), 'Bea');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { has_carer: true, carer_name: 'Bea' });
  assert.deepEqual(await axeCheck(page), [], 'axe with a conditional field shown');
  assertNoKitErrors(page);
  await page.context().close();
});

test('dates: a memorable date as day, month and year; times and date-times carry the UTC offset', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    properties: {
      date_of_birth: { type: 'string', format: 'date', title: 'Date of birth', 'x-ourplan': { widget: 'memorable-date' } },
      visit: { type: 'string', format: 'date-time', title: 'Visit' },
      call: { type: 'string', format: 'time', title: 'Call at' },
    },
  }, { level: 'full' });
  const value = () => page.evaluate(() => document.querySelector('ourplan-record').value);
  await page.locator('ourplan-record #op-f-date__of__birth').fill('7');
  await page.locator('ourplan-record #op-f-date__of__birth-month').fill('13');
  await page.locator('ourplan-record #op-f-date__of__birth-year').fill('1950');
  await page.locator('ourplan-record #op-f-date__of__birth-year').press('Tab');
  assert.match(await page.locator('ourplan-record #op-f-date__of__birth-error').textContent(), /Enter ‘Date of birth’ as a real date/);
  await page.locator('ourplan-record #op-f-date__of__birth-month').fill('3');
  assert.equal((await value()).date_of_birth, '1950-03-07');
  assert.equal(await page.locator('ourplan-record #op-f-date__of__birth-error').count(), 0);
  await page.locator('ourplan-record #op-f-visit').fill('2026-06-01T10:30');
  await page.locator('ourplan-record #op-f-call').fill('14:05');
  const v = await value();
  assert.match(v.visit, /^2026-06-01T10:30:00[+-]\d\d:\d\d$/);
  assert.match(v.call, /^14:05:00[+-]\d\d:\d\d$/);
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.deepEqual(verdict, { valid: true, errors: [] }, 'the offsets make them valid RFC 3339');
  assert.equal(await page.locator('ourplan-record #op-f-visit').inputValue(), '2026-06-01T10:30');
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});

test('readonly reads the record back as a summary list of what was answered', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  await page.evaluate(() => {
    const el = document.querySelector('ourplan-record');
    el.value = {
      person_name: 'Ann <b>Jones</b>',
      conversation_date: '2026-11-20',
      conversation: 'listen-and-connect',
      what_matters: 'My garden\nand my cat',
      next_steps: [{ who: 'Sam', what: 'Call the lunch club' }],
      consent_to_share: true,
    };
    el.setAttribute('readonly', '');
  });
  await page.locator('ourplan-record .op-summary-list').first().waitFor();
  const rows = await page.locator('ourplan-record .op-summary-list__row').evaluateAll((rs) => rs.map((r) => [r.querySelector('dt').textContent, r.querySelector('dd').textContent]));
  assert.deepEqual(rows.slice(0, 4), [
    ['Name of the person', 'Ann <b>Jones</b>'],
    ['Date of the conversation', '20 November 2026'],
    ['Which conversation is this?', '1. Listen and connect'],
    ['What matters to me', 'My garden\nand my cat'],
  ]);
  assert.ok(rows.some(([k, v]) => k === 'Who' && v === 'Sam'));
  assert.ok(rows.some(([k, v]) => /agrees to share/.test(k) && v === 'Yes'));
  assert.equal(await page.locator('ourplan-record input, ourplan-record textarea').count(), 0);
  assert.deepEqual(await axeCheck(page), [], 'axe on the read-back');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'record-read-back-print');
  await page.context().close();
});

test('the read-back writes dates, times and numbers as people read them, in English and Welsh', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    properties: {
      born: { type: 'string', format: 'date', title: 'Date of birth' },
      visit_day: { type: 'string', format: 'date', title: 'Visit day', 'x-ourplan': { widget: 'date-picker' } },
      call: { type: 'string', format: 'time', title: 'Call at' },
      visit: { type: 'string', format: 'date-time', title: 'Visit' },
      steps: { type: 'integer', title: 'Steps a day' },
      year: { type: 'integer', title: 'Year moved in' },
      savings: { type: 'number', title: 'Savings' },
      odd: { type: 'string', format: 'date', title: 'Not a date' },
    },
  }, { level: 'full' });
  await page.evaluate(() => {
    const el = document.querySelector('ourplan-record');
    el.value = {
      born: '1950-03-07', visit_day: '2026-11-23', call: '14:05:00+00:00', visit: '2026-06-01T10:30:00+01:00',
      steps: 12500, year: 1998, savings: 1234567.5, odd: '2026-02-30',
    };
    el.setAttribute('readonly', '');
  });
  await page.locator('ourplan-record .op-summary-list').waitFor();
  const rows = () => page.locator('ourplan-record .op-summary-list__row').evaluateAll((rs) => rs.map((r) => r.querySelector('dd').textContent));
  assert.deepEqual(await rows(), ['7 March 1950', '23 November 2026', '14:05', '1 June 2026 at 10:30', '12,500', '1998', '1,234,567.5', '2026-02-30']);
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('lang', 'cy'));
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot.textContent.includes('Mawrth'));
  assert.deepEqual(await rows(), ['7 Mawrth 1950', '23 Tachwedd 2026', '14:05', '1 Mehefin 2026 am 10:30', '12,500', '1998', '1,234,567.5', '2026-02-30']);
  // The value itself is untouched: formatting is for reading only.
  assert.equal((await page.evaluate(() => document.querySelector('ourplan-record').value)).born, '1950-03-07');
  assertNoKitErrors(page);
  await page.context().close();
});

test('a map (additionalProperties) is an add-another editor of names and answers', async () => {
  const page = await openPage(browser, '/host.html');
  await ready(page);
  await mountWith(page, {
    properties: {
      contacts: { type: 'object', title: 'Other people to contact', additionalProperties: { type: 'string', format: 'email', title: 'Email' } },
    },
  }, { level: 'full' });
  const value = () => page.evaluate(() => document.querySelector('ourplan-record').value);
  const active = () => page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id);
  await page.getByRole('button', { name: 'Add another Other people to contact' }).click();
  assert.equal(await active(), 'op-f-contacts--name', 'focus goes to the new name box');
  await page.keyboard.type('Sam');
  await page.keyboard.press('Tab');
  await page.locator('ourplan-record #op-f-contacts-Sam').fill('sam@example.org');
  assert.deepEqual(await value(), { contacts: { Sam: 'sam@example.org' } });
  await page.getByRole('button', { name: 'Add another Other people to contact' }).click();
  await page.keyboard.type('Sam');
  await page.keyboard.press('Tab');
  assert.match(await page.locator('ourplan-record #op-f-contacts--name-error').textContent(), /Use a different name: ‘Sam’ is already used/);
  assert.equal(await page.locator('ourplan-record #op-f-contacts--name').inputValue(), 'Sam', 'the typed name stays');
  await page.locator('ourplan-record #op-f-contacts--name').fill('Bea');
  await page.locator('ourplan-record #op-f-contacts--name').press('Tab');
  assert.deepEqual(Object.keys((await value()).contacts), ['Sam', 'Bea']);
  assert.deepEqual(await axeCheck(page), [], 'axe with the map editor open');
  await page.getByRole('button', { name: 'Remove Sam' }).click();
  assert.deepEqual(await value(), { contacts: { Bea: '' } });
  assertNoKitErrors(page);
  await page.context().close();
});

test('the brief what-matters record, completed by keyboard alone: fields and keystrokes', async () => {
  const page = await openPage(browser, '/');
  await ready(page);
  let keys = 0;
  let moves = 0;
  const type = async (text) => { await page.keyboard.type(text); keys += [...text].length; };
  const press = async (key, move = true) => { await page.keyboard.press(key); keys += 1; if (move) moves += 1; };
  await page.locator('ourplan-record #op-f-person__name').focus();
  await type('Ann Jones');
  await press('Tab');
  await type('20');
  await press('Tab');
  await type('11');
  await press('Tab');
  await type('2026');
  await press('Tab');
  await press('Space', false); // first conversation option
  await press('Tab');
  await type('Seeing my grandchildren and keeping my garden.');
  await press('Tab');
  await press('Space', false); // consent
  await press('Tab');
  await type('Sam Patel');
  const value = await page.evaluate(() => document.querySelector('ourplan-record').value);
  assert.equal(value.person_name, 'Ann Jones');
  assert.equal(value.conversation, 'listen-and-connect');
  assert.equal(value.what_matters, 'Seeing my grandchildren and keeping my garden.');
  assert.equal(value.consent_to_share, true);
  assert.equal(value.recorded_by, 'Sam Patel');
  assert.equal(value.conversation_date, '2026-11-20');
  // A field is a question: the day, month and year boxes are one, and so are a set of radios.
  const fields = await page.evaluate(() => new Set([...document.querySelector('ourplan-record').shadowRoot.querySelectorAll('input, textarea, select')]
    .map((el) => (el.name || el.id).replace(/~(day|month|year)$/, ''))).size);
  console.log(`# brief what-matters record: ${fields} fields, ${keys} keystrokes, ${moves} of them moving between fields`);
  assert.equal(fields, 6);
  await page.context().close();
});
