// Embedding in any host page (tests/e2e/embed.spec.mjs, on demo/embed-test.html): the mount()
// API, a second copy of the module on the page, and failure isolation after a trap.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, axeCheck, screenshot } from './harness.mjs';

const PKG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCHEMA = JSON.stringify({
  title: 'About you',
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', title: 'Your name' }, visits: { type: 'integer', title: 'Visits a week' } },
});

/** A page in a fresh context that keeps its console messages, uncaught errors and the kit's requests. */
async function watchedPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.kitFetches = [];
  page.on('console', (m) => page.consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/pkg/')) page.kitFetches.push(new URL(r.url()).pathname); });
  return { context, page };
}

function assertNoErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), [], 'console errors');
}

test('mount() puts a record or a plan in a container and returns a handle', async () => {
  const page = await openPage(browser, '/embed-test.html');
  await page.evaluate(async (schema) => {
    const kit = await import('/pkg/ourplan.js');
    window.seen = [];
    window.record = kit.mount(document.getElementById('one'), {
      kind: 'record', schema: JSON.parse(schema), value: { name: 'Ann' }, lang: 'cy', name: 'about',
      onInput: (e) => window.seen.push(['input', e.detail.value]),
      onChange: (e) => window.seen.push(['change', e.detail.value]),
    });
    window.plan = kit.mount(document.getElementById('two'), { kind: 'plan', indicativeBudget: '100.00', checks: 'wales' });
  }, SCHEMA);
  await page.waitForFunction(() => document.querySelector('#one > ourplan-record')?.shadowRoot?.querySelector('#op-f-name')
    && document.querySelector('#two > ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
  assert.equal(await page.locator('#one ourplan-record #op-f-name').inputValue(), 'Ann');
  const handles = await page.evaluate(() => ({
    record: window.record.value,
    attrs: [window.record.element.getAttribute('lang'), window.record.element.getAttribute('name')],
    plan: window.plan.value.format,
    budget: window.plan.element.getAttribute('indicative-budget'),
  }));
  assert.deepEqual(handles, { record: { name: 'Ann' }, attrs: ['cy', 'about'], plan: 'ourplan-plan', budget: '100.00' });

  // setValue fires nothing and shows; validate() answers (and shows the summary, in Welsh here).
  await page.evaluate(() => window.record.setValue({ name: 'Bea', visits: 2 }));
  assert.equal(await page.locator('#one ourplan-record #op-f-name').inputValue(), 'Bea');
  assert.deepEqual(await page.evaluate(() => window.record.validate()), { valid: true, errors: [] });
  await page.evaluate(() => window.record.setValue({}));
  const verdict = await page.evaluate(() => window.record.validate());
  assert.equal(verdict.valid, false);
  assert.deepEqual(verdict.errors.map((e) => e.pointer), ['/name']);
  await page.locator('#one ourplan-record .op-error-summary').waitFor();
  assert.match(await page.locator('#one ourplan-record .op-error-summary h2').textContent(), /problem|broblem/i);
  assert.deepEqual(await page.evaluate(() => window.seen), [], 'setValue fires no event');
  // The person's edits reach the listeners given as options.
  await page.locator('#one ourplan-record #op-f-name').fill('Cai');
  assert.deepEqual(await page.evaluate(() => window.seen.at(-1)), ['input', { name: 'Cai' }]);
  assert.deepEqual(await page.evaluate(() => window.plan.validate()), { valid: true, errors: [] });

  // destroy() removes the element; the container is empty again.
  const afterDestroy = await page.evaluate(() => {
    const el = window.record.element;
    window.record.destroy();
    window.plan.destroy();
    return { connected: el.isConnected, one: document.getElementById('one').childElementCount, two: document.getElementById('two').childElementCount };
  });
  assert.deepEqual(afterDestroy, { connected: false, one: 0, two: 0 });

  // Mistakes a host can make get plain answers.
  const mistakes = await page.evaluate(async () => {
    const kit = await import('/pkg/ourplan.js');
    const out = [];
    try { kit.mount(document.getElementById('one'), { kind: 'form' }); } catch (e) { out.push(e.message); }
    try { kit.mount(null, {}); } catch (e) { out.push(e.message); }
    kit.mount(document.getElementById('one'), { kind: 'record', colour: 'red' }).destroy();
    return out;
  });
  assert.match(mistakes[0], /kind "form" is not "record" or "plan"/);
  assert.match(mistakes[1], /needs an element/);
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /does not know the option "colour"/.test(m.text)));
  assertNoErrors(page);
  await page.context().close();
});

test('focus() on an element moves to its first control, and stays put when there is none', async () => {
  const page = await openPage(browser, '/embed-test.html');
  await page.evaluate(async (schema) => {
    const kit = await import('/pkg/ourplan.js');
    window.record = kit.mount(document.getElementById('one'), { kind: 'record', schema: JSON.parse(schema), value: { name: 'Ann' } });
    window.plan = kit.mount(document.getElementById('two'), { kind: 'plan' });
  }, SCHEMA);
  await page.waitForFunction(() => document.querySelector('#one > ourplan-record')?.shadowRoot?.querySelector('#op-f-name')
    && document.querySelector('#two > ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
  const focusIn = (selector) => page.evaluate((selector) => {
    const el = document.querySelector(selector);
    el.focus();
    return [document.activeElement === el, el.shadowRoot.activeElement?.id || el.shadowRoot.activeElement?.tagName || null];
  }, selector);
  assert.deepEqual(await focusIn('#one > ourplan-record'), [true, 'op-f-name']);
  const [inPlan, planTarget] = await focusIn('#two > ourplan-plan');
  assert.ok(inPlan && planTarget, `focus went into the plan (${planTarget})`);
  // Read-only, a record draws no controls: focus() moves nothing and throws nothing.
  await page.evaluate(() => { document.querySelector('#one > ourplan-record').readOnly = true; });
  await page.waitForFunction(() => !document.querySelector('#one > ourplan-record').shadowRoot.querySelector('input'));
  await page.evaluate(() => document.body.focus());
  const [inRecord] = await focusIn('#one > ourplan-record');
  assert.equal(inRecord, false);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('an element made after another was removed starts clean: nothing of the first person shows or leaks', async () => {
  // The kit reuses a removed element's drawing machinery (Yew never lets go of its listeners);
  // this checks the reuse carries nothing over.
  const page = await openPage(browser, '/embed-test.html');
  const first = await page.evaluate(async (schema) => {
    const kit = await import('/pkg/ourplan.js');
    const one = kit.mount(document.getElementById('one'), { kind: 'record', schema: JSON.parse(schema), level: 'full' });
    const plan = kit.mount(document.getElementById('two'), { kind: 'plan', value: { format: 'ourplan-plan', version: 1, title: 'Ann’s plan', blocks: [{ id: 'b1', kind: 'text', text: 'Private words' }] } });
    await Promise.all([one.element.ready, plan.element.ready]);
    one.setValue({ name: 'Ann Secret', visits: 3 });
    await one.element.ready;
    const seen = one.element.shadowRoot.getElementById('op-f-name').value;
    one.destroy();
    plan.destroy();
    return seen;
  }, SCHEMA);
  assert.equal(first, 'Ann Secret');
  const second = await page.evaluate(async () => {
    const kit = await import('/pkg/ourplan.js');
    window.heard = [];
    const schema = { type: 'object', properties: { town: { type: 'string', title: 'Town' } } };
    const rec = kit.mount(document.getElementById('one'), { kind: 'record', schema, level: 'full', onInput: (e) => window.heard.push(e.detail.value) });
    const plan = kit.mount(document.getElementById('two'), { kind: 'plan' });
    await Promise.all([rec.element.ready, plan.element.ready]);
    const root = rec.element.shadowRoot;
    const input = root.getElementById('op-f-town');
    input.value = 'Bala';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await rec.element.ready;
    return {
      recordText: root.textContent,
      planText: plan.element.shadowRoot.textContent,
      value: rec.value,
      planValue: plan.value,
      heard: window.heard,
      hosts: root.querySelectorAll('.op-record').length,
    };
  });
  assert.doesNotMatch(second.recordText, /Ann Secret|Your name/);
  assert.match(second.recordText, /Town/);
  assert.equal(second.hosts, 1, 'one form in the new element');
  assert.deepEqual(second.value, { town: 'Bala' });
  assert.deepEqual(second.heard, [{ town: 'Bala' }], 'the new element’s events reach its host');
  assert.doesNotMatch(second.planText, /Private words|Ann’s plan/);
  assert.equal(second.planValue.blocks.length, 0);
  assertNoErrors(page);
  await page.context().close();
});

test('a second import or a second copy of the module is harmless, and every element shares one wasm module', async () => {
  const { context, page } = await watchedPage();
  // A second copy of the package at another address, as a second plugin would bring.
  await page.route('**/copy/*', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop();
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ body: readFileSync(join(PKG, file)), contentType: type });
  });
  const wasmFetches = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmFetches.push(new URL(r.url()).pathname); });
  await page.addInitScript(() => {
    window.instantiations = 0;
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) { window.instantiations += 1; return original.apply(this, args); };
    }
  });
  const { BASE_URL } = await import('./harness.mjs');
  await page.goto(`${BASE_URL}/embed-test.html`);
  const result = await page.evaluate(async (schema) => {
    const first = await import('/pkg/ourplan.js');
    const again = await import('/pkg/ourplan.js?again');
    const copy = await import('/copy/ourplan.js');
    const handles = [];
    for (const [i, kit] of [first, again, copy].entries()) {
      const box = document.createElement('div');
      document.querySelector('main').append(box);
      handles.push(kit.mount(box, { kind: i === 2 ? 'plan' : 'record', schema: JSON.parse(schema), value: i === 2 ? undefined : { name: `N${i}` } }));
    }
    await Promise.all(handles.map((h) => h.validate()));
    const verdicts = await Promise.all([first, again, copy].map((kit) => kit.validate(JSON.parse(schema), {})));
    let caught = null;
    try { await copy.validate('{ not json', {}); } catch (e) { caught = e; }
    return {
      sameApi: first.mount === copy.mount && first.validate === again.validate,
      errorClass: caught instanceof first.OurplanError && caught instanceof copy.OurplanError,
      verdicts: verdicts.map((v) => v.valid),
      drawn: [...document.querySelectorAll('ourplan-record, ourplan-plan')].map((el) => Boolean(el.shadowRoot?.querySelector('.op-record, .op-plan'))),
      values: handles.slice(0, 2).map((h) => h.value.name),
      instantiations: window.instantiations,
    };
  }, SCHEMA);
  assert.deepEqual(result, {
    sameApi: true, errorClass: true, verdicts: [false, false, false], drawn: [true, true, true], values: ['N0', 'N1'], instantiations: 1,
  });
  assert.deepEqual(wasmFetches, ['/pkg/ourplan_wasm_bg.wasm'], 'the copy never fetches its own wasm');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'warning' || m.type === 'error'), [], 'same version: nothing to warn about');
  assert.deepEqual(page.pageErrors, []);
  await context.close();
});

test('after a trap every element keeps the person’s value, says so calmly and offers it as a download', async () => {
  const page = await openPage(browser, '/embed-test.html');
  await page.evaluate(async (schema) => {
    const kit = await import('/pkg/ourplan.js');
    window.kit = kit;
    window.handles = [
      kit.mount(document.getElementById('one'), { kind: 'record', schema: JSON.parse(schema), level: 'full' }),
      kit.mount(document.getElementById('two'), { kind: 'record', schema: JSON.parse(schema), value: { name: 'Set by the host' } }),
      kit.mount(document.getElementById('three'), { kind: 'plan' }),
    ];
  }, SCHEMA);
  await page.waitForFunction(() => document.querySelector('#one ourplan-record')?.shadowRoot?.querySelector('#op-f-name')
    && document.querySelector('#three ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
  await page.locator('#one ourplan-record #op-f-name').fill('Typed by the person');
  await page.locator('#one ourplan-record #op-f-visits').fill('3');
  await page.locator('#three ourplan-plan #op-start-blank').click();
  await page.locator('#three ourplan-plan #op-add-top').click();
  const before = await page.evaluate(() => window.handles.map((h) => h.value));
  assert.equal(before[2].blocks.length, 1);

  // A panic inside the wasm (the documented debugTrap() export), thrown from a task of its own
  // as a trap inside one of the view's event handlers would be.
  await page.evaluate(async () => {
    const wasm = await import('/pkg/ourplan_wasm.js');
    setTimeout(() => wasm.debugTrap(), 0);
  });
  await page.waitForFunction(() => document.querySelectorAll('ourplan-record, ourplan-plan').length === 3
    && [...document.querySelectorAll('ourplan-record, ourplan-plan')].every((el) => el.shadowRoot.querySelector('[part="load-error"][role="alert"] a[download]')));
  const shown = await page.evaluate(async () => Promise.all([...document.querySelectorAll('ourplan-record, ourplan-plan')].map(async (el) => {
    const box = el.shadowRoot.querySelector('[part="load-error"]');
    const link = box.querySelector('a[download]');
    return {
      heading: box.querySelector('h2').textContent,
      message: box.querySelector('p').textContent,
      file: link.download,
      link: link.textContent,
      downloaded: JSON.parse(await (await fetch(link.href)).text()),
      value: el.value,
    };
  })));
  assert.deepEqual(shown.map((s) => s.heading), ['This form has stopped working', 'This form has stopped working', 'The plan builder has stopped working']);
  assert.deepEqual(shown.map((s) => s.file), ['my-answers.json', 'my-answers.json', 'support-plan.json']);
  assert.match(shown[0].message, /Your answers are safe\. Download them, then reload the page\./);
  for (const [i, s] of shown.entries()) {
    assert.deepEqual(s.downloaded, before[i], `element ${i}: the download holds the last value`);
    assert.deepEqual(s.value, before[i], `element ${i}: value still answers`);
    assert.doesNotMatch(`${s.heading} ${s.message} ${s.link}`, /invalid|must|NOT|error/i);
  }
  assert.deepEqual(before[0], { name: 'Typed by the person', visits: 3 });
  // The link really downloads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#one ourplan-record a[download]').click()]);
  assert.equal(download.suggestedFilename(), 'my-answers.json');

  // An element added afterwards says the same at once; validate() answers without throwing.
  const late = await page.evaluate(async () => {
    const h = window.kit.mount(document.querySelector('main').appendChild(document.createElement('div')), { kind: 'record', value: { a: 1 } });
    await h.element.ready;
    return { text: h.element.shadowRoot?.querySelector('[part="load-error"] h2')?.textContent, value: h.value };
  });
  assert.deepEqual(late, { text: 'This form has stopped working', value: { a: 1 } });
  assert.deepEqual(await axeCheck(page), [], 'axe on the calm message');
  await screenshot(page, 'embed-after-trap');
  // The kit says once, for developers, that it stopped; the panic itself is reported as a bug.
  const errors = page.consoleMessages.filter((m) => m.type === 'error').map((m) => m.text);
  assert.ok(errors.some((t) => /ourplan: internal error \(please report it\): .*debugTrap/s.test(t)), errors.join('\n'));
  assert.equal(errors.filter((t) => /the kit stopped working/.test(t)).length, 1, errors.join('\n'));
  await page.context().close();
});

test('the stylesheet arrives once, beside the module; without it the form still works, unstyled, and the console says why', async () => {
  const { BASE_URL } = await import('./harness.mjs');
  for (const missing of [false, true]) {
    const { context, page } = await watchedPage();
    if (missing) await page.route('**/pkg/ourplan.css', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(`${BASE_URL}/embed-test.html`);
    const result = await page.evaluate(async (schema) => {
      const kit = await import('/pkg/ourplan.js');
      const boxes = [document.createElement('div'), document.createElement('div')];
      document.querySelector('main').append(...boxes);
      const handles = boxes.map((box) => kit.mount(box, { kind: 'record', schema: JSON.parse(schema) }));
      await Promise.all(handles.map((h) => h.validate()));
      const el = document.querySelector('ourplan-record');
      const input = el.shadowRoot.querySelector('input[type="text"]');
      input.value = 'Sian';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await handles[0].validate();
      const sheets = el.shadowRoot.adoptedStyleSheets;
      return {
        name: handles[0].value.name,
        rules: sheets.length === 1 ? sheets[0].cssRules.length : -1,
        // The kit's text box has 5 px of padding; the browser's own has 1 or 2.
        padding: getComputedStyle(input).padding,
      };
    }, SCHEMA);
    assert.equal(result.name, 'Sian', 'typing reaches the value either way');
    assert.deepEqual(page.kitFetches.filter((p) => p.endsWith('.css')), ['/pkg/ourplan.css'], 'one fetch of the stylesheet for every element');
    assert.deepEqual(page.pageErrors, []);
    const errors = page.consoleMessages.filter((m) => m.type === 'error').map((m) => m.text);
    if (missing) {
      assert.equal(result.rules, 0);
      // Chromium also logs the 404 itself; the kit says one thing, and what to do.
      const ours = errors.filter((t) => t.startsWith('ourplan:'));
      assert.equal(ours.length, 1, errors.join('\n'));
      assert.match(ours[0], /stylesheet could not be loaded from .*\/pkg\/ourplan\.css \(the server answered 404\)/);
    } else {
      assert.ok(result.rules > 100, `the kit's rules are adopted (${result.rules})`);
      assert.equal(result.padding, '5px', 'the kit\'s text box padding applies');
      assert.deepEqual(errors, []);
    }
    await context.close();
  }
});

test('a page of records imports ourplan-record.js: the smaller module, the same API; a plan there still works, from the whole kit, with a warning', async () => {
  const { BASE_URL } = await import('./harness.mjs');
  const { context, page } = await watchedPage();
  const wasmFetches = () => page.kitFetches.filter((p) => p.endsWith('.wasm'));
  await page.goto(`${BASE_URL}/embed-test.html`);
  const records = await page.evaluate(async (schema) => {
    const kit = await import('/pkg/ourplan-record.js');
    const whole = await import('/pkg/ourplan.js');
    const handle = kit.mount(document.getElementById('one'), { kind: 'record', schema: JSON.parse(schema), value: { name: 'Ann' } });
    const verdict = await handle.validate();
    const checked = await kit.validate(JSON.parse(schema), { visits: 'x' });
    return {
      sameApi: kit.mount === whole.mount && kit.validate === whole.validate && kit.OurplanError === whole.OurplanError,
      valid: verdict.valid,
      value: handle.value,
      errors: checked.errors.map((e) => e.pointer),
      drawn: Boolean(document.querySelector('ourplan-record').shadowRoot.querySelector('.op-record')),
    };
  }, SCHEMA);
  assert.deepEqual(records, { sameApi: true, valid: true, value: { name: 'Ann' }, errors: ['/name', '/visits'], drawn: true });
  assert.deepEqual(wasmFetches(), ['/pkg/ourplan_record_bg.wasm'], 'only the record\'s module');
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'warning' || m.type === 'error'), []);
  // A plan on the same page: it works, from the whole kit, and the console says what to import.
  const plan = await page.evaluate(async () => {
    const kit = await import('/pkg/ourplan-record.js');
    const handle = kit.mount(document.getElementById('two'), { kind: 'plan' });
    await handle.element.ready;
    return Boolean(document.querySelector('ourplan-plan').shadowRoot?.querySelector('.op-plan'));
  });
  assert.equal(plan, true, `the plan is drawn; console: ${JSON.stringify(page.consoleMessages)}`);
  assert.deepEqual(wasmFetches(), ['/pkg/ourplan_record_bg.wasm', '/pkg/ourplan_wasm_bg.wasm']);
  const warnings = page.consoleMessages.filter((m) => m.type === 'warning').map((m) => m.text);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /imported ourplan-record\.js, which has no <ourplan-plan>.*Import ourplan\.js instead/);
  assert.deepEqual(page.pageErrors, []);
  await context.close();
});
