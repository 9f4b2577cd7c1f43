// The record gallery (demo/gallery.html) end to end in Chromium: every shipped record in
// schemas/records, at every level and in both languages, renders with no console or page errors,
// no kit warnings and no axe violations; the Welsh rendering carries the schema's Welsh title;
// and each record's fullest example fills it in as a valid record.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, axeCheck, screenshot } from './harness.mjs';

const recordsDir = join(dirname(fileURLToPath(import.meta.url)), '../../schemas/records');

/** Every shipped record: its name and its title in each language, read from the schema. */
const RECORDS = readdirSync(recordsDir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort()
  .map((f) => {
    const schema = JSON.parse(readFileSync(join(recordsDir, f), 'utf8'));
    const title = schema['x-ourplan']?.title ?? {};
    return { name: f.replace(/\.schema\.json$/, ''), title: { en: title.en ?? schema.title, cy: title.cy ?? schema.title } };
  });

const LEVELS = ['brief', 'standard', 'full'];
const LANGS = ['en', 'cy'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The record's title as drawn inside the element, and the language it is drawn in. */
function drawn(page) {
  return page.evaluate(() => {
    const root = document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record');
    return root && { title: root.querySelector('[part="title"]')?.textContent ?? null, lang: root.getAttribute('lang') };
  });
}

/** Waits until the element draws `title` in `lang`. */
async function drawnAs(page, title, lang) {
  await page.waitForFunction(
    ({ title, lang }) => {
      const root = document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record');
      return root?.getAttribute('lang') === lang && root.querySelector('[part="title"]')?.textContent === title;
    },
    { title, lang },
    { timeout: 20000 },
  );
}

/** Lets the element finish drawing after a change (the view renders on the next frames). */
function settle(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** What the element shows: its form controls, and whether an "Add more" list is there. */
function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector('ourplan-record').shadowRoot;
    return {
      controls: root.querySelectorAll('input, textarea, select').length,
      addMore: root.querySelectorAll('.op-add-more').length,
    };
  });
}

/** Console errors and uncaught errors are the kit's bugs; warnings mean the schema was not fully drawn. */
function assertClean(page, where) {
  assert.deepEqual(page.pageErrors, [], `${where}: uncaught errors`);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error' || m.type === 'warning'), [], `${where}: console errors or warnings`);
}

for (const record of RECORDS) {
  test(`${record.name}: every level, in English and Welsh, with no errors and no axe violations`, async () => {
    const page = await openPage(browser, `/gallery.html?record=${record.name}&level=brief&lang=en`);
    await drawnAs(page, record.title.en, 'en');
    assert.notEqual(record.title.cy, record.title.en, 'the schema has a Welsh title of its own');
    for (const lang of LANGS) {
      await page.locator(`#lang-${lang}`).check();
      await drawnAs(page, record.title[lang], lang);
      const counts = [];
      for (const level of LEVELS) {
        await page.locator(`#level-${level}`).check();
        assert.equal(await page.locator('ourplan-record').getAttribute('level'), level);
        assert.equal(await page.locator('ourplan-record').getAttribute('lang'), lang);
        await settle(page);
        const where = `${record.name} ${level} ${lang}`;
        assert.deepEqual(await drawn(page), { title: record.title[lang], lang }, where);
        const now = await shown(page);
        counts.push(now.controls);
        if (level === 'brief') assert.ok(now.addMore > 0, `${where}: the brief record keeps some fields one action away`);
        if (level === 'full') assert.equal(now.addMore, 0, `${where}: the full record shows everything`);
        assert.deepEqual(await axeCheck(page), [], `${where}: axe`);
        assertClean(page, where);
        if (level === 'brief' && lang === 'en') await screenshot(page, `gallery-${record.name}-brief-en`);
      }
      assert.ok(counts[0] < counts[1] || counts[1] < counts[2], `${record.name} ${lang}: more shows at each level (${counts})`);
      assert.ok(counts[0] <= counts[1] && counts[1] <= counts[2], `${record.name} ${lang}: never less at a higher level (${counts})`);
    }
    // The Welsh switch is live: the address remembers it, and the page's own text stays English.
    assert.match(page.url(), /lang=cy/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.context().close();
  });

  test(`${record.name}: the fullest example fills the record in, valid and accessible`, async () => {
    const page = await openPage(browser, `/gallery.html?record=${record.name}&level=brief&lang=cy`);
    await drawnAs(page, record.title.cy, 'cy');
    await page.locator('#example').click();
    await page.waitForFunction(() => Object.keys(document.querySelector('ourplan-record').value).length > 0);
    await settle(page);
    const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
    assert.deepEqual(verdict, { valid: true, errors: [] });
    // Fields holding a value show at every level: every answer in the example is drawn at brief.
    const missing = await page.evaluate(() => {
      const el = document.querySelector('ourplan-record');
      const id = (key) => `op-f-${key.replace(/_/g, '__')}`;
      return Object.keys(el.value).filter((key) => !el.shadowRoot.getElementById(id(key)));
    });
    assert.deepEqual(missing, [], 'answers not drawn');
    assert.deepEqual(await axeCheck(page), [], 'axe with the example filled in');
    assertClean(page, `${record.name} example`);
    await screenshot(page, `gallery-${record.name}-example-cy`);
    await page.context().close();
  });
}

test('the gallery lists every record, marks the one shown, and keeps the switches in its links', async () => {
  const page = await openPage(browser, '/gallery.html?record=review-note&level=standard&lang=cy');
  await drawnAs(page, RECORDS.find((r) => r.name === 'review-note').title.cy, 'cy');
  const links = await page.locator('#record-list a').evaluateAll((as) => as.map((a) => ({
    record: new URL(a.href).searchParams.get('record'),
    level: new URL(a.href).searchParams.get('level'),
    lang: new URL(a.href).searchParams.get('lang'),
    current: a.getAttribute('aria-current'),
  })));
  assert.deepEqual(links.map((l) => l.record).sort(), RECORDS.map((r) => r.name).sort(), 'one link per shipped record');
  assert.deepEqual(links.filter((l) => l.current === 'page').map((l) => l.record), ['review-note']);
  assert.ok(links.every((l) => l.level === 'standard' && l.lang === 'cy'), JSON.stringify(links));
  assert.equal(await page.locator('#level-standard').isChecked(), true);
  assert.equal(await page.locator('#lang-cy').isChecked(), true);
  // The index page links to the gallery.
  const index = await openPage(browser, '/');
  await index.getByRole('link', { name: /Record gallery/ }).click();
  await index.waitForURL(/gallery\.html/);
  await drawnAs(index, RECORDS.find((r) => r.name === 'what-matters').title.en, 'en');
  await index.context().close();
  await page.context().close();
});
