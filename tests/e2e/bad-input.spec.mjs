// Bad input to <ourplan-record>: each gets a clear message or a working element, and nothing the
// person typed (or the host gave) is lost. Large values are built inside the page.

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

/** Replaces the element on the host page with one built by `build` (run in the page with `arg`). */
async function mountBuilt(page, build, arg) {
  await page.evaluate(build, arg);
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'), null, { timeout: 60000 });
}

/** Replaces the element on the host page with a new record drawing `schema`, every field showing. */
function mountSchema(page, schema) {
  return mountBuilt(page, (s) => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.setAttribute('level', 'full');
    el.schema = s;
    document.querySelector('main').append(el);
  }, schema);
}

async function fresh() {
  const page = await openPage(browser, '/host.html');
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'));
  return page;
}

function noKitErrors(page) {
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), []);
}

test('a recursive $ref is drawn one level at a time, when opened or holding a value', async () => {
  const page = await fresh();
  await mountSchema(page, { title: 'Person', properties: { name: { type: 'string', title: 'Name' }, helper: { $ref: '#', title: 'Who helps them' } } });
  assert.equal(await page.locator('ourplan-record #op-f-helper-name').count(), 0, 'closed until opened');
  await page.getByRole('button', { name: 'Add who helps them' }).click();
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id), 'op-f-helper-name');
  await page.keyboard.type('Bea');
  assert.equal(await page.locator('ourplan-record #op-f-helper-helper-name').count(), 0, 'the next level stays closed');
  await page.getByRole('button', { name: 'Add who helps them' }).click();
  await page.locator('ourplan-record #op-f-helper-helper-name').fill('Cy');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { helper: { name: 'Bea', helper: { name: 'Cy' } } });
  // A value from the host opens as deep as it goes.
  await page.evaluate(() => { document.querySelector('ourplan-record').value = { helper: { helper: { helper: { name: 'Di' } } } }; });
  await page.locator('ourplan-record #op-f-helper-helper-helper-name').waitFor();
  noKitErrors(page);
  await page.context().close();
});

test('an unknown format is reported to the developer and the field still works', async () => {
  const page = await fresh();
  await mountSchema(page, { properties: { code: { type: 'string', format: 'postcode-ish', title: 'Code' } } });
  await page.locator('ourplan-record #op-f-code').fill('AB1 2CD');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { code: 'AB1 2CD' });
  assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && /format 'postcode-ish' is not one the kit knows/.test(m.text)));
  noKitErrors(page);
  await page.context().close();
});

test('a mistake in an x-ourplan annotation is reported to the developer once, and the field still works', async () => {
  const page = await fresh();
  await mountSchema(page, { properties: { name: { type: 'string', title: 'Name', 'x-ourplan': { level: 'sometimes' } } } });
  await page.locator('ourplan-record #op-f-name').fill('Ann');
  // Annotations are checked with the schema, after the form is drawn.
  await page.waitForFunction(() => !document.querySelector('ourplan-record').matches(':invalid'));
  const warnings = page.consoleMessages.filter((m) => m.type === 'warning' && /x-ourplan\/level/.test(m.text));
  assert.equal(warnings.length, 1, JSON.stringify(page.consoleMessages));
  assert.match(warnings[0].text, /schema at "\/properties\/name"/);
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { name: 'Ann' });
  noKitErrors(page);
  await page.context().close();
});

test('a 10 MB answer is kept whole, and the count says how far over the limit it is', async () => {
  const page = await fresh();
  await mountBuilt(page, () => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.schema = { properties: { story: { type: 'string', title: 'Story', maxLength: 4000, 'x-ourplan': { widget: 'textarea' } } } };
    el.value = { story: 'x'.repeat(10_000_000) };
    document.querySelector('main').append(el);
  });
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').value.story.length), 10_000_000);
  assert.equal(await page.locator('ourplan-record #op-f-story-count').textContent(), 'You have 9996000 characters too many');
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.equal(verdict.errors[0].message, 'Shorten ‘Story’ to 4000 characters or fewer');
  noKitErrors(page);
  await page.context().close();
});

test('a 10,000-item list draws a page at a time and keeps every item', async () => {
  const page = await fresh();
  await mountBuilt(page, () => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.setAttribute('level', 'full');
    el.schema = { properties: { notes: { type: 'array', title: 'Notes', items: { type: 'string', title: 'Note' } } } };
    el.value = { notes: Array.from({ length: 10_000 }, (_, i) => `note ${i}`) };
    document.querySelector('main').append(el);
  });
  assert.equal(await page.locator('ourplan-record .op-list-item').count(), 50);
  assert.match(await page.locator('ourplan-record .op-record').textContent(), /Showing 50 of 10000 items\. The others are kept\./);
  await page.getByRole('button', { name: 'Show more items' }).click();
  assert.equal(await page.locator('ourplan-record .op-list-item').count(), 100);
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement?.id), 'op-f-notes-50');
  await page.locator('ourplan-record #op-f-notes-50').fill('changed');
  const notes = await page.evaluate(() => document.querySelector('ourplan-record').value.notes);
  assert.equal(notes.length, 10_000);
  assert.equal(notes[50], 'changed');
  assert.equal(notes[9999], 'note 9999');
  noKitErrors(page);
  await page.context().close();
});

test('50 levels of nesting draw as nested groups, and a value deep inside is kept', async () => {
  const page = await fresh();
  await mountBuilt(page, () => {
    let deep = { type: 'string', title: 'Leaf' };
    for (let i = 0; i < 50; i++) deep = { type: 'object', title: `Level ${50 - i}`, properties: { n: deep } };
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.setAttribute('level', 'full');
    el.schema = { properties: { d: deep } };
    document.querySelector('main').append(el);
  });
  assert.equal(await page.locator('ourplan-record fieldset').count(), 50);
  const leaf = page.locator(`ourplan-record #op-f-d${'-n'.repeat(50)}`);
  await leaf.fill('deep');
  const depth = await page.evaluate(() => {
    let v = document.querySelector('ourplan-record').value.d;
    let n = 0;
    while (v && typeof v === 'object') { v = v.n; n += 1; }
    return [n, v];
  });
  assert.deepEqual(depth, [50, 'deep']);
  noKitErrors(page);
  await page.context().close();
});

test('an unresolvable $ref says so plainly, local or to another file, and keeps the value', async () => {
  const page = await fresh();
  for (const [schema, words, warning] of [
    [{ properties: { a: { $ref: '#/$defs/missing' } } }, /does not follow the JSON Schema rules/, /does not exist/],
    [{ properties: { a: { $ref: 'https://example.org/other.json' } } }, /refers to another file that this page has not provided/, /not handed over \(set the element's remotes property\)/],
  ]) {
    await page.evaluate((text) => {
      const el = document.querySelector('ourplan-record');
      el.value = { kept: 'yes' };
      el.schema = JSON.parse(text);
    }, JSON.stringify(schema));
    await page.locator('ourplan-record .op-load-error').waitFor();
    assert.match(await page.locator('ourplan-record .op-load-error').textContent(), words);
    assert.ok(page.consoleMessages.some((m) => m.type === 'warning' && warning.test(m.text)), JSON.stringify(page.consoleMessages.slice(-2)));
    assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { kept: 'yes' });
  }
  // Handing the other file over through `remotes` makes the same schema work.
  await page.evaluate(() => {
    const el = document.querySelector('ourplan-record');
    el.remotes = { 'https://example.org/other.json': { type: 'string', title: 'From the other file' } };
  });
  await page.locator('ourplan-record .op-load-error').waitFor({ state: 'detached' });
  noKitErrors(page);
  await page.context().close();
});

test('a schema or a value 10,000 levels deep is refused in plain words, and the element keeps working', async () => {
  const page = await fresh();
  const deepSchema = `${'{"items":'.repeat(10_000)}true${'}'.repeat(10_000)}`;
  await mountBuilt(page, (text) => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.schema = text;
    document.querySelector('main').append(el);
  }, deepSchema);
  const said = await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.textContent);
  assert.match(said, /nested more than 128 levels deep/);
  // A value that deep, set on a working form: refused, and the answers kept.
  await mountSchema(page, { type: 'object', properties: { name: { type: 'string', title: 'Name' } } });
  await page.locator('ourplan-record #op-f-name').fill('Ann');
  const kept = await page.evaluate(() => {
    const el = document.querySelector('ourplan-record');
    let deep = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    try {
      el.value = deep;
    } catch (e) {
      return { threw: String(e), value: el.value };
    }
    return { value: el.value };
  });
  assert.deepEqual(kept.value, { name: 'Ann' }, JSON.stringify(kept).slice(0, 300));
  await page.locator('ourplan-record #op-f-name').fill('Ann Jones');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { name: 'Ann Jones' });
  // The module's validate() says the same as the element and the command.
  const verdict = await page.evaluate(async () => {
    const { validate } = await import('/pkg/ourplan.js');
    try {
      await validate({ type: 'object' }, JSON.parse(`${'['.repeat(5_000)}${']'.repeat(5_000)}`));
      return 'valid';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(verdict, /nested more than 128 levels deep/);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the kit’s limits: a host changes them, each says what happened, and nothing typed is lost', async () => {
  const page = await fresh();
  // Per-answer limits: kept whole, shown at the field, the record not valid until shortened.
  await mountBuilt(page, () => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.setAttribute('level', 'full');
    el.limits = { textChars: 10, listItems: 2 };
    el.schema = { type: 'object', properties: { name: { type: 'string', title: 'Name' }, pets: { type: 'array', title: 'Pets', items: { type: 'string', title: 'Pet' } } } };
    el.value = { pets: ['cat', 'dog', 'newt'] };
    document.querySelector('main').append(el);
  });
  await page.locator('ourplan-record #op-f-name').fill('Bethan Lloyd-Jones');
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.deepEqual(verdict.errors.map((e) => e.message), [
    'Shorten ‘Name’ to 10 characters or fewer',
    'Remove items from ‘Pets’ so there are 2 or fewer',
  ]);
  assert.match(await page.locator('ourplan-record #op-f-name-error').textContent(), /Shorten ‘Name’ to 10 characters or fewer/);
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { name: 'Bethan Lloyd-Jones', pets: ['cat', 'dog', 'newt'] });

  // A schema past `schemaBytes` is refused in plain words; the answers stay.
  await page.evaluate(() => {
    const el = document.querySelector('ourplan-record');
    el.limits = { schemaBytes: 200 };
    el.schema = { type: 'object', title: 'x'.repeat(300), properties: { name: { type: 'string' } } };
  });
  await page.waitForFunction(() => /larger than 0.2 KB \(it is 0.4 KB\)/.test(document.querySelector('ourplan-record').shadowRoot.textContent));
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').value.name), 'Bethan Lloyd-Jones');

  // Limits that cannot be read are the developer's mistake: told in the console, defaults kept.
  await page.evaluate(() => { document.querySelector('ourplan-record').limits = { depth: 500 }; });
  assert.ok(page.consoleMessages.some((m) => m.type === 'error' && /limits given to <ourplan-record> were not used: limits: depth can be at most 128/.test(m.text)));
  page.consoleMessages.length = 0;

  // The module's validate(): a value past `valueBytes`, and limits it cannot read, in both languages.
  const said = await page.evaluate(async () => {
    const { validate } = await import('/pkg/ourplan.js');
    const out = [];
    for (const [value, options] of [
      [{ story: 'x'.repeat(3000) }, { limits: { valueBytes: 2000 } }],
      [{ story: 'x'.repeat(3000) }, { lang: 'cy', limits: { valueBytes: 2000 } }],
      [{}, { limits: { nope: 1 } }],
    ]) {
      try {
        out.push(await validate({ type: 'object' }, value, options));
      } catch (e) {
        out.push({ name: e.name, message: e.message, detail: e.detail });
      }
    }
    return out;
  });
  assert.equal(said[0].message, 'The answers given to this form are larger than 2 KB (they are 3 KB), so they cannot be read. Tell whoever runs this page.');
  assert.match(said[1].message, /^Mae’r atebion a roddwyd i’r ffurflen hon yn fwy na 2 KB \(maen nhw’n 3 KB\)/);
  assert.equal(said[2].message, 'This form has been set up wrongly, so it cannot be shown. Tell whoever runs this page. Nothing you typed has been lost.');
  assert.match(said[2].detail, /unknown field `nope`/);
  noKitErrors(page);
  await page.context().close();
});

test('a $ref chain 10,000 long is refused before it can overflow the stack, and the page keeps working', async () => {
  const page = await fresh();
  // Measured before this limit: the module's validate() threw "Maximum call stack size
  // exceeded" on this schema, and every element on the page then fell back.
  const results = await page.evaluate(async () => {
    const chain = (n) => {
      const defs = {};
      for (let i = 0; i < n; i++) defs[`d${i}`] = { $ref: `#/$defs/d${i + 1}` };
      defs[`d${n}`] = { type: 'string' };
      return { $ref: '#/$defs/d0', $defs: defs };
    };
    const { validate } = await import('/pkg/ourplan.js');
    const out = [];
    for (const [n, limits] of [[10_000, undefined], [150, { refChain: 200 }]]) {
      try {
        out.push(await validate(chain(n), 5, { limits }));
      } catch (e) {
        out.push({ message: e.message });
      }
    }
    return out;
  });
  assert.equal(results[0].message, 'The form’s design has references that lead through more than 100 others, so it cannot be shown. Tell whoever runs this page. Nothing you typed has been lost.');
  assert.deepEqual(results[1], { valid: false, errors: [{ pointer: '', message: 'Enter this answer as text' }] });
  // The same schema in an element: the message, then a good schema draws.
  await mountBuilt(page, () => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    const defs = {};
    for (let i = 0; i < 10_000; i++) defs[`d${i}`] = { $ref: `#/$defs/d${i + 1}` };
    defs.d10000 = { type: 'string' };
    el.schema = { $ref: '#/$defs/d0', $defs: defs };
    document.querySelector('main').append(el);
  });
  await page.waitForFunction(() => /lead through more than 100 others/.test(document.querySelector('ourplan-record').shadowRoot.textContent));
  await mountSchema(page, { type: 'object', properties: { name: { type: 'string', title: 'Name' } } });
  await page.locator('ourplan-record #op-f-name').fill('Ann');
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), { name: 'Ann' });
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a pattern built to backtrack without end does not freeze typing, and says it could not check', async () => {
  const page = await fresh();
  await mountSchema(page, { type: 'object', properties: { code: { type: 'string', title: 'Code', pattern: '^(?:(a|aa)+)\\1c$' } } });
  const field = page.locator('ourplan-record #op-f-code');
  await field.fill('a'.repeat(40));
  // One keystroke, timed in the page: the pattern gives up after `patternSteps` (100,000).
  const ms = await page.evaluate(async () => {
    const input = document.querySelector('ourplan-record').shadowRoot.getElementById('op-f-code');
    const started = performance.now();
    input.value += '!';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: '!', inputType: 'insertText' }));
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - started;
  });
  assert.ok(ms < 1000, `a keystroke took ${ms} ms`);
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.deepEqual(verdict.errors.map((e) => e.message), ['We could not check ‘Code’ against the format it needs. Try a shorter answer, or tell whoever runs this page.']);
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').value.code), `${'a'.repeat(40)}!`);
  await field.fill('aac');
  assert.equal((await page.evaluate(() => document.querySelector('ourplan-record').validate())).valid, true);
  noKitErrors(page);
  await page.context().close();
});

test('a file too large to open or combine is refused by its size, unread, in plain words', async () => {
  const page = await fresh();
  // Counts the kit's reads of chosen files: a file over the limit must never be read (a film or a
  // phone's backup chosen by mistake would otherwise sit whole in the tab's memory first).
  await page.evaluate(async () => {
    window.reads = 0;
    const text = Blob.prototype.text;
    Blob.prototype.text = function () {
      window.reads += 1;
      return text.call(this);
    };
    await import('/pkg/ourplan.js');
    document.querySelector('ourplan-record').remove();
    const plan = document.createElement('ourplan-plan');
    plan.id = 'plan';
    document.querySelector('main').append(plan);
    await plan.ready;
    plan.value = { format: 'ourplan-plan', version: 1, title: 'Plan', blocks: [{ id: 'b1', kind: 'text', text: 'Walks' }], nextId: 2 };
    plan.limits = { valueBytes: 1000 };
    const record = document.createElement('ourplan-record');
    record.id = 'record';
    record.setAttribute('lang', 'cy');
    record.setAttribute('copies', '');
    record.schema = { type: 'object', properties: { name: { type: 'string', title: 'Name' } } };
    record.limits = { valueBytes: 1000 };
    document.querySelector('main').append(record);
    await record.ready;
  });
  const big = (name) => ({ name, mimeType: 'application/json', buffer: Buffer.alloc(5000, 'x') });
  const reads = () => page.evaluate(() => window.reads);
  const said = (host, id) => page.locator(`#${host} [id="${id}"]`);

  // The plan: opening a file and combining with a copy.
  await said('plan', 'op-import').setInputFiles(big('film.json'));
  await page.waitForFunction(() => /larger than 1 KB \(it is 5 KB\)/.test(document.getElementById('plan').shadowRoot.getElementById('op-import-error')?.textContent));
  await said('plan', 'op-combine-file').setInputFiles(big('backup.json'));
  await page.waitForFunction(() => document.getElementById('plan').shadowRoot.activeElement?.id === 'op-import-error');
  assert.equal(await reads(), 0, 'neither file was read');
  assert.equal(await page.evaluate(() => document.getElementById('plan').value.blocks[0].text), 'Walks');

  // The record's copies panel, in Welsh: said as it is, not as a copy that could not be read.
  await said('record', 'op-combine-file').setInputFiles(big('ffilm.json'));
  await page.waitForFunction(() => document.getElementById('record').shadowRoot.getElementById('op-combine-error'));
  assert.match(await said('record', 'op-combine-error').textContent(), /^Mae’r ffeil honno’n fwy na 1 KB, y mwyaf y gall y dudalen hon ei agor/);
  assert.equal(await reads(), 0, 'the copy was not read');

  // A file within the limit is read as before (so the count above could have moved).
  await said('plan', 'op-import').setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
  await page.waitForFunction(() => !/larger than/.test(document.getElementById('plan').shadowRoot.getElementById('op-import-error')?.textContent ?? 'larger than'));
  assert.equal(await reads(), 1);
  noKitErrors(page);
  await page.context().close();
});
