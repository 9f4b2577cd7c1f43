// The WordPress plugin (hosts/wordpress/ourplan) on a real WordPress: Debian's wordpress 6.1 with
// MariaDB, under PHP's built-in server, set up fresh by tests/wordpress/site.sh and install.php.
// Pages made with each shortcode and with the block are loaded in Chromium and used as a person
// would. Skipped with the reason when WordPress, MariaDB or PHP is missing, except in CI, where
// `cargo xtask test` has installed them and a missing one fails.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, axeCheck, screenshot } from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const state = join(root, 'target', 'wordpress');
const NEEDS = { '/usr/share/wordpress/wp-settings.php': 'wordpress', '/usr/bin/php': 'php-cli', '/usr/bin/mysql': 'mariadb-client', '/usr/sbin/mariadbd': 'mariadb-server' };
const lacking = Object.entries(NEEDS).filter(([file]) => !existsSync(file)).map(([file, pkg]) => `${file} (Debian package ${pkg})`);
const why = lacking.length ? `missing: ${lacking.join(', ')}; \`cargo xtask test\` installs them as root` : null;
const skip = why && !process.env.CI ? why : false;

const ADMIN_PASSWORD = 'ourplan-test-admin';

let browser;
let server;
let pages;
let site;

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

before(async () => {
  if (skip) return;
  assert.equal(why, null, why ?? '');
  const port = await freePort();
  site = `http://127.0.0.1:${port}`;
  execFileSync('sh', [join(root, 'tests/wordpress/site.sh'), String(port), state], { stdio: 'inherit' });
  pages = JSON.parse(execFileSync('php', [join(root, 'tests/wordpress/install.php'), String(port)], { encoding: 'utf8' }));
  server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', '/usr/share/wordpress', join(root, 'tests/wordpress/router.php')], {
    env: { ...process.env, OURPLAN_WP_CONTENT: join(state, 'wp-content'), OURPLAN_ROOT: root },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.log = '';
  server.stderr.on('data', (d) => { server.log += d; });
  // Ready when WordPress answers (a signal, polled).
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(pages.record)).ok) break;
    } catch { /* not listening yet */ }
    assert.ok(i < 400, 'PHP’s server did not answer');
    await new Promise((r) => { setTimeout(r, 50); });
  }
  browser = await launch();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  server?.kill();
});

/** Opens `url` in a fresh context, recording console messages, page errors and requests. */
async function open(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.requests = [];
  page.on('console', (m) => page.consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  await page.goto(url);
  return page;
}

/** What WordPress logged from the plugin's own files (core 6.1's PHP 8.2 deprecations aside). */
function pluginNotices() {
  const log = existsSync(join(state, 'debug.log')) ? readFileSync(join(state, 'debug.log'), 'utf8') : '';
  return `${log}\n${server.log}`.split('\n').filter((l) => /plugins\/ourplan\//.test(l));
}

/** A fresh page signed in as the site's admin, through WordPress's own login form. */
async function signedIn() {
  const page = await open(`${site}/wp-login.php`);
  await page.locator('#user_login').fill('admin');
  await page.locator('#user_pass').fill(ADMIN_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('#wp-submit').click()]);
  return page;
}

function clean(page) {
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), []);
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(site)), [], 'nothing fetched from elsewhere');
}

test('a page with [ourplan_record]: the form works as on any page, axe clean, no PHP notice from the plugin', { skip }, async () => {
  const page = await open(pages.record);
  const html = await page.content();
  // A page of records only loads the records-only entry, and with it the smaller module.
  assert.match(html, /<script type="module" src="[^"]+\/wp-content\/plugins\/ourplan\/pkg\/ourplan-record\.js\?ver=0\.1\.0"><\/script>/);
  assert.doesNotMatch(html, /pkg\/ourplan\.js\?ver/);
  const record = page.locator('ourplan-record');
  await record.locator('#op-f-person__name').waitFor();
  assert.deepEqual(page.requests.filter((u) => u.endsWith('.wasm')).map((u) => u.split('/').pop()), ['ourplan_record_bg.wasm']);
  await record.locator('#op-f-person__name').fill('Ann Jones');
  await record.getByLabel('Day').fill('2');
  await record.getByLabel('Month').fill('3');
  await record.getByLabel('Year').fill('2026');
  await record.locator('#op-f-what__matters').fill('My garden, and my sister Mair on Sundays.');
  const verdict = await page.evaluate(() => document.querySelector('ourplan-record').validate());
  assert.deepEqual(verdict, { valid: true, errors: [] });
  assert.deepEqual(await page.evaluate(() => document.querySelector('ourplan-record').value), {
    person_name: 'Ann Jones',
    conversation_date: '2026-03-02',
    what_matters: 'My garden, and my sister Mair on Sundays.',
  });
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'wordpress-record');
  clean(page);
  assert.deepEqual(pluginNotices(), []);
  await page.context().close();
});

test('[ourplan_plan] and the record block draw, with the settings they were given', { skip }, async () => {
  const page = await open(pages.plan);
  // lang="cy" on the shortcode: the builder speaks Welsh.
  assert.equal(await page.locator('ourplan-plan').getAttribute('lang'), 'cy');
  assert.equal((await page.locator('ourplan-plan #op-start-blank').textContent()).trim(), 'Dechrau gyda thudalen wag');
  await page.locator('ourplan-plan #op-start-blank').click();
  assert.equal(await page.locator('ourplan-plan #op-budget-indicative').textContent(), '£150.00 yr wythnos');
  await page.locator('ourplan-plan #op-add-top-kind').selectOption('budgetLine');
  await page.locator('ourplan-plan #op-add-top').click();
  const line = await page.evaluate(() => document.querySelector('ourplan-plan').value.blocks[0].id);
  await page.locator(`ourplan-plan [id="op-f-${line}-costPence"]`).fill('20.00');
  await page.locator(`ourplan-plan [id="op-f-${line}-what"]`).fill('Gardener');
  assert.match(await page.locator('ourplan-plan #op-budget-balance').textContent(), /^£130\.00 /);
  assert.deepEqual(await axeCheck(page), []);
  await screenshot(page, 'wordpress-plan');
  clean(page);
  await page.context().close();

  const block = await open(pages.block);
  assert.equal(await block.locator('ourplan-record').getAttribute('level'), 'full');
  // The block's "Easy read" toggle.
  assert.equal(await block.locator('ourplan-record').getAttribute('easy-read'), '');
  await block.locator('ourplan-record #op-f-recorded__by').fill('Sam Patel');
  assert.equal(await block.evaluate(() => document.querySelector('ourplan-record').value.recorded_by), 'Sam Patel');
  clean(block);
  await block.context().close();
  assert.deepEqual(pluginNotices(), []);
});

test('easy_read and copies on a shortcode: yes turns them on, no leaves them off', { skip }, async () => {
  const page = await open(pages.easy);
  // A page with a plan and a record loads the whole kit, once: no records-only entry beside it.
  const html = await page.content();
  assert.match(html, /pkg\/ourplan\.js\?ver=0\.1\.0/);
  assert.doesNotMatch(html, /ourplan-record\.js/);
  assert.equal(await page.locator('ourplan-plan').getAttribute('easy-read'), '');
  assert.equal(await page.locator('ourplan-record').getAttribute('easy-read'), null);
  // copies="yes": the record's copies panel.
  assert.equal(await page.locator('ourplan-record').getAttribute('copies'), '');
  assert.equal((await page.locator('ourplan-record #op-copies-title').textContent()).trim(), 'Share a copy, or combine copies');
  assert.equal((await page.locator('ourplan-plan #op-start-title').textContent()).trim(), 'How do you want to start?');
  assert.equal(await page.locator('ourplan-plan #op-start-title svg.op-icon').count(), 1);
  assert.deepEqual(await axeCheck(page), []);
  assert.deepEqual(page.requests.filter((u) => u.endsWith('.wasm')).map((u) => u.split('/').pop()), ['ourplan_wasm_bg.wasm']);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'warning' && /ourplan/.test(m.text)), []);
  clean(page);
  await page.context().close();
  assert.deepEqual(pluginNotices(), []);
});

test('a schema uploaded to the media library is used by its id', { skip }, async () => {
  const page = await open(pages.media);
  assert.match(await page.locator('ourplan-record').getAttribute('schema-src'), /\/wp-content\/uploads\/.*review-note\.schema.*\.json$/);
  await page.locator('ourplan-record #op-f-person__name').fill('Ann Jones');
  assert.match(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.textContent), /Review note/);
  clean(page);
  assert.deepEqual(pluginNotices(), []);
  await page.context().close();
});

test('hostile shortcode attributes stay inert, and a schema on another site is never fetched', { skip }, async () => {
  const page = await open(pages.hostile);
  const attributes = await page.evaluate(() => [...document.querySelectorAll('ourplan-record')].map((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)));
  assert.equal(attributes.length, 1, 'the shortcode naming another site draws no element');
  assert.equal(attributes[0][0], `schema-src=${site}/wp-content/plugins/ourplan/schemas/records/what-matters.schema.json`);
  assert.equal(attributes[0][1], 'name=xquotonmouseoverquotalert1');
  // WordPress drops or strips the script in storage_key; either way no markup reaches the page.
  for (const a of attributes[0]) {
    assert.match(a, /^(schema-src|name|storage-key)=[^<>"]*$/, a);
  }
  await page.locator('ourplan-record #op-f-person__name').waitFor();
  // In its place, a plain notice for the visitor (the reason is for logged-in editors only).
  const notice = await page.locator('.ourplan-notice').textContent();
  assert.equal(notice, 'This form is not ready yet. Please contact us by phone or email.');
  clean(page);
  assert.deepEqual(pluginNotices(), []);
  await page.context().close();
});

test('the blocks in the block editor: inserted with their settings, saved, and drawn on the page', { skip }, async () => {
  const page = await signedIn();
  await page.goto(`${site}/wp-admin/post-new.php?post_type=page`);
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('ourplan/record') && window.wp.data.select('core/editor').getCurrentPostId(), null, { timeout: 60000 });
  // Both blocks are registered by the plugin's editor scripts, with their attributes.
  const types = await page.evaluate(() => ['ourplan/record', 'ourplan/plan'].map((n) => Object.keys(window.wp.blocks.getBlockType(n).attributes).filter((a) => !['className', 'lock'].includes(a)).sort()));
  assert.deepEqual(types, [['copies', 'easyRead', 'level', 'name', 'schema', 'storageKey'], ['budgetPeriod', 'checks', 'easyRead', 'indicativeBudget', 'name', 'storageKey']]);
  await page.evaluate(() => {
    const { dispatch } = window.wp.data;
    dispatch('core/editor').editPost({ title: 'Made in the block editor' });
    dispatch('core/block-editor').insertBlocks([
      window.wp.blocks.createBlock('ourplan/record', { schema: 'review-note' }),
      window.wp.blocks.createBlock('ourplan/plan', { indicativeBudget: '90.00' }),
    ]);
  });
  await page.locator('.ourplan-block-placeholder').first().waitFor();
  assert.match(await page.locator('.ourplan-block-placeholder').first().textContent(), /Conversation record: review-note/);
  await page.evaluate(() => window.wp.data.dispatch('core/editor').savePost({ isAutosave: false }));
  await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost() && window.wp.data.select('core/editor').didPostSaveRequestSucceed());
  const id = await page.evaluate(() => window.wp.data.select('core/editor').getCurrentPostId());
  const saved = await page.evaluate(() => window.wp.data.select('core/editor').getEditedPostContent());
  assert.match(saved, /<!-- wp:ourplan\/record \{"schema":"review-note"\} \/-->/);
  assert.match(saved, /<!-- wp:ourplan\/plan \{"indicativeBudget":"90.00"\} \/-->/);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error' && /ourplan/i.test(m.text)), []);
  await page.context().close();

  // Published (saved as a draft here, so previewed as the admin): the elements draw.
  const view = await signedIn();
  await view.goto(`${site}/?page_id=${id}&preview=true`);
  await view.locator('ourplan-record #op-f-person__name').waitFor();
  assert.equal(await view.locator('ourplan-plan').getAttribute('indicative-budget'), '90.00');
  assert.deepEqual(view.pageErrors, []);
  await view.context().close();
  assert.deepEqual(pluginNotices(), []);
});
