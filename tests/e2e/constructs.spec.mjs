// The JSON Schema constructs a form needs, each drawn and working in Chromium: the ones not
// covered by record.spec.mjs and bad-input.spec.mjs, in one schema so the run stays short.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeCheck } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCHEMA = {
  $defs: {
    name: { type: 'string', title: 'Name', maxLength: 60 },
    base: { properties: { street: { type: 'string', title: 'Street' } }, required: ['street'] },
  },
  type: 'object',
  properties: {
    phone: { type: 'string', title: 'Phone', 'x-ourplan': { widget: 'tel' } },
    nickname: { type: ['string', 'null'], title: 'Nickname' },
    ref_name: { $ref: '#/$defs/name', title: 'Carer’s name' },
    address: { title: 'Address', allOf: [{ $ref: '#/$defs/base' }, { properties: { town: { type: 'string', title: 'Town' } } }] },
    id_number: { type: 'string', title: 'Reference', readOnly: true },
    visits: { type: 'integer', title: 'Visits a week', default: 2 },
    town: { type: 'string', title: 'Home town', examples: ['Cardiff'] },
    old_field: { type: 'string', title: 'Old field', deprecated: true },
    pair: { type: 'array', title: 'Blood pressure', prefixItems: [{ type: 'integer', title: 'Systolic' }, { type: 'integer', title: 'Diastolic' }], items: false },
    tags: { type: 'array', title: 'Tags', items: { type: 'string', title: 'Tag' }, uniqueItems: true, maxItems: 2 },
    council: { title: 'Council', enum: ['Cardiff', 'Swansea', 'Newport', 'Wrexham', 'Conwy', 'Powys', 'Gwynedd'] },
    agreed: { const: 'yes', title: 'I agree' },
    email: { type: 'string', format: 'email', title: 'Email' },
  },
  dependentRequired: { email: ['email_ok'] },
  dependentSchemas: { email: { properties: { email_ok: { type: 'boolean', title: 'We may email you' } } } },
};

/**
 * Opens the host page and swaps its record for a new one drawing `schema` (every field
 * showing), with `value` when given.
 */
async function openWithSchema(schema, value) {
  const page = await openPage(browser, '/host.html');
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'));
  await page.evaluate(({ text, value }) => {
    document.querySelector('ourplan-record').remove();
    const el = document.createElement('ourplan-record');
    el.setAttribute('level', 'full');
    el.schema = JSON.parse(text);
    if (value !== undefined) el.value = value;
    document.querySelector('main').append(el);
  }, { text: JSON.stringify(schema), value });
  return page;
}

/** The text of what `locator`'s aria-describedby names, inside the record. */
async function describedBy(page, locator) {
  return page.locator(`ourplan-record #${await locator.getAttribute('aria-describedby')}`).textContent();
}

test('constructs: shapes to choose between show their descriptions under their radios, once', async () => {
  const schema = {
    properties: {
      contact: { title: 'How to reach you', oneOf: [
        { title: 'By phone', description: 'We ring you back', type: 'object', properties: { phone: { type: 'string', title: 'Phone number' } } },
        { title: 'By post', type: 'object', properties: { address: { type: 'string', title: 'Address' } } },
        { title: 'A note', description: 'Tell us in your own words', type: 'string' },
      ] },
    },
  };
  const page = await openWithSchema(schema);
  const first = page.locator('ourplan-record #op-f-contact');
  await first.waitFor();
  assert.equal(await describedBy(page, first), 'We ring you back');
  assert.equal(await page.locator('ourplan-record #op-f-contact-choice-1').getAttribute('aria-describedby'), null, 'no description, nothing named');
  const note = page.locator('ourplan-record #op-f-contact-choice-2');
  assert.equal(await describedBy(page, note), 'Tell us in your own words');
  // Chosen, the single-field shape draws its box without saying the description a second time.
  await note.check();
  await page.locator('ourplan-record .op-conditional input, ourplan-record .op-conditional textarea').first().waitFor();
  const said = await page.locator('ourplan-record').evaluate((el) => el.shadowRoot.textContent.split('Tell us in your own words').length - 1);
  assert.equal(said, 1);
  assert.deepEqual(await axeCheck(page), []);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), []);
  await page.context().close();
});

test('constructs: tel, nullable, $ref/$defs, allOf, readOnly, default, examples, deprecated', async () => {
  const page = await openWithSchema(SCHEMA);
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot?.querySelector('#op-f-phone'));
  const field = (id) => page.locator(`ourplan-record #${id}`);
  const value = () => page.evaluate(() => document.querySelector('ourplan-record').value);
  assert.equal(await field('op-f-phone').getAttribute('type'), 'tel');
  await field('op-f-nickname').fill('Jo');
  assert.equal((await value()).nickname, 'Jo');
  assert.equal(await page.locator('ourplan-record label[for=op-f-ref__name]').textContent(), 'Carer’s name (optional)', '$ref with a title beside it');
  assert.equal(await field('op-f-ref__name-count').count(), 0, 'no count on a short field far from its limit');
  assert.equal(await field('op-f-address-street').count(), 1, 'allOf merged, through a $ref');
  assert.equal(await field('op-f-address-town').count(), 1);
  assert.equal(await page.locator('ourplan-record label[for=op-f-address-street]').textContent(), 'Street', 'required from the merged part');
  assert.notEqual(await field('op-f-id__number').getAttribute('readonly'), null, 'readOnly');
  assert.equal(await field('op-f-visits').inputValue(), '2', 'default pre-fills a fresh record');
  assert.match(await field('op-f-town-hint').textContent(), /For example, Cardiff/);
  assert.equal(await field('op-f-old__field').count(), 0, 'deprecated is hidden');
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});

test('constructs: options with their own hints, in English and Welsh, named by aria-describedby', async () => {
  const schema = {
    properties: {
      often: { title: 'How often', oneOf: [
        { const: 'often', title: 'Often', description: 'Most days', 'x-ourplan': { title: { cy: 'Yn aml' }, hint: { cy: 'Y rhan fwyaf o ddyddiau' } } },
        { const: 'rarely', title: 'Rarely' },
      ] },
      help: { title: 'What helps', type: 'array', items: { oneOf: [
        { const: 'friends', title: 'Friends', description: 'People you know' },
        { const: 'groups', title: 'Groups' },
      ] } },
    },
  };
  const page = await openWithSchema(schema);
  const radio = page.locator('ourplan-record #op-f-often');
  await radio.waitFor();
  assert.equal(await describedBy(page, radio), 'Most days');
  assert.equal(await page.locator('ourplan-record #op-f-often-1').getAttribute('aria-describedby'), null, 'no hint, nothing named');
  assert.equal(await describedBy(page, page.locator('ourplan-record #op-f-help')), 'People you know');
  assert.deepEqual(await axeCheck(page), []);
  await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('lang', 'cy'));
  await page.locator('ourplan-record label[for=op-f-often]', { hasText: 'Yn aml' }).waitFor();
  assert.equal(await describedBy(page, radio), 'Y rhan fwyaf o ddyddiau');
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});

test('constructs: tuples, unique and limited lists, many options, const, dependent fields', async () => {
  const page = await openWithSchema(SCHEMA, { pair: [120, 80] });
  await page.waitForFunction(() => document.querySelector('ourplan-record').shadowRoot?.querySelector('#op-f-pair-0'));
  const field = (id) => page.locator(`ourplan-record #${id}`);
  const value = () => page.evaluate(() => document.querySelector('ourplan-record').value);
  // prefixItems: each position has its own label; items: false means no third.
  assert.match(await page.locator('ourplan-record label[for=op-f-pair-0]').textContent(), /^Systolic 1/);
  assert.equal(await page.getByRole('button', { name: 'Add another blood pressure' }).count(), 0);
  // uniqueItems and maxItems.
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.keyboard.type('same');
  await page.getByRole('button', { name: 'Add another tag' }).click();
  await page.keyboard.type('same');
  assert.match(await field('op-f-tags').textContent(), /You can add up to 2 items/, 'no add button at maxItems');
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.ok(verdict.errors.some((e) => e.pointer === '/tags' && e.message === 'Remove the repeated items from ‘Tags’'), JSON.stringify(verdict.errors));
  // Many options: a select.
  assert.equal(await field('op-f-council').evaluate((el) => el.localName), 'select');
  await field('op-f-council').selectOption({ label: 'Powys' });
  assert.equal((await value()).council, 'Powys');
  // const: one option to choose.
  await page.getByLabel('yes', { exact: true }).check();
  assert.equal((await value()).agreed, 'yes');
  // dependentSchemas/dependentRequired: the consent question appears with an email, required.
  assert.equal(await field('op-f-email__ok').count(), 0);
  await field('op-f-email').fill('ann@example.org');
  await field('op-f-email__ok').waitFor();
  assert.equal(await page.locator('ourplan-record label[for=op-f-email__ok]').textContent(), 'We may email you');
  await field('op-f-email').fill('');
  await field('op-f-email__ok').waitFor({ state: 'detached' });
  assert.deepEqual(await axeCheck(page), []);
  await page.context().close();
});
