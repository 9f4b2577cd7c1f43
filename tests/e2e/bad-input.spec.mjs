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
