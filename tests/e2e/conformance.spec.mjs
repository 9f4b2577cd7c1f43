// The JSON-Schema-Test-Suite (draft 2020-12, required tests) in Chromium, through the kit as a
// host page uses it: `validate()` from /pkg/ourplan.js must agree with the suite (the same
// expected failures as the native run in tests/cross/tests/suite.rs), and <ourplan-record> must
// draw every schema in the suite without a kit error or a blank element.
//
// The suite is read where it lies (never copied into the project): beside the workspace at
// `../shared/json-schema-test-suite`, or wherever OURPLAN_JSON_SCHEMA_TEST_SUITE points. Where it
// is absent each test says so and skips (and fails when CI is set). Work is batched one `page.evaluate` per test file, and
// the suite crosses into the page as JSON text (Playwright's serialiser chokes on the deepest
// schemas when they are passed as objects).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './harness.mjs';

/** The environment variable that points at a checkout of the suite, overriding the default place. */
const SUITE_ENV = 'OURPLAN_JSON_SCHEMA_TEST_SUITE';

/** Where the suite expects its `remotes/` folder to be served. */
const REMOTES_BASE = 'http://localhost:1234/';

/**
 * Fewer than this many means the suite was found but not read properly, which must fail rather
 * than pass with nothing checked (1,299 tests in 46 files when this was written).
 */
const MIN_FILES = 40;
const MIN_TESTS = 1_000;

/** Why the format.json annotation tests fail (as in suite.rs). */
const FORMATS_ASSERTED = 'the kit asserts formats on purpose, where the suite expects format to be only an annotation by default';

/**
 * Tests the kit is known to disagree with: the same list as EXPECTED_FAILURES in
 * tests/cross/tests/suite.rs, kept in step with it by hand. `test: '*'` covers every test of the
 * case. An entry that matches nothing, or a listed test that now passes, fails the run.
 */
const EXPECTED_FAILURES = [
  ...['email', 'regex', 'ipv4', 'ipv6', 'hostname', 'date', 'date-time', 'time', 'json-pointer',
    'relative-json-pointer', 'iri', 'iri-reference', 'uri', 'uri-reference', 'uri-template', 'uuid',
    'duration'].map((format) => ({
    file: 'format',
    case: `${format} format`,
    test: `invalid ${format} string is only an annotation by default`,
    why: FORMATS_ASSERTED,
  })),
];

/** The suite's root, whether it came from the environment, and its files read as text; or why not. */
function loadSuite() {
  const fromEnv = Boolean(process.env[SUITE_ENV]);
  const root = fromEnv
    ? process.env[SUITE_ENV]
    : fileURLToPath(new URL('../../../shared/json-schema-test-suite/', import.meta.url));
  const testsDir = join(root, 'tests', 'draft2020-12');
  if (!existsSync(testsDir) || !statSync(testsDir).isDirectory()) {
    if (fromEnv) throw new Error(`${SUITE_ENV} is set to ${root}, which holds no tests/draft2020-12`);
    // In CI a skip would pass a run that checked nothing.
    if (process.env.CI) throw new Error(`CI is set but there is no JSON-Schema-Test-Suite at ${root} (set ${SUITE_ENV} to a checkout)`);
    return { skip: `no JSON-Schema-Test-Suite at ${root} (set ${SUITE_ENV} to a checkout to run it)` };
  }
  const files = readdirSync(testsDir)
    .filter((name) => name.endsWith('.json') && statSync(join(testsDir, name)).isFile())
    .sort()
    .map((name) => {
      const path = join(testsDir, name);
      const text = readFileSync(path, 'utf8');
      const cases = JSON.parse(text);
      assert.ok(Array.isArray(cases), `${path}: not an array of cases`);
      for (const c of cases) {
        assert.equal(typeof c.description, 'string', `${path}: a case has no description`);
        assert.ok('schema' in c, `${path}: ${c.description}: no schema`);
        assert.ok(Array.isArray(c.tests), `${path}: ${c.description}: no tests`);
        for (const t of c.tests) {
          assert.ok('data' in t && typeof t.valid === 'boolean' && typeof t.description === 'string',
            `${path}: ${c.description}: a test lacks data, valid or description`);
        }
      }
      return { name: basename(name, '.json'), text, cases };
    });
  const remotesDir = join(root, 'remotes');
  const remotes = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) {
        remotes[REMOTES_BASE + relative(remotesDir, path).split(sep).join('/')] = JSON.parse(readFileSync(path, 'utf8'));
      }
    }
  };
  if (existsSync(remotesDir)) walk(remotesDir);
  const tests = files.reduce((n, f) => n + f.cases.reduce((m, c) => m + c.tests.length, 0), 0);
  return { root, files, remotesText: JSON.stringify(remotes), tests };
}

let suiteCache;
function suite() {
  suiteCache ??= loadSuite();
  return suiteCache;
}

function assertEnough(s) {
  assert.ok(s.files.length >= MIN_FILES && s.tests >= MIN_TESTS,
    `only ${s.tests} tests in ${s.files.length} files were read from the suite; expected at least ${MIN_TESTS} in ${MIN_FILES}`);
}

// One browser and one page (host.html, its own element removed) for both tests, opened on first use so a
// machine without the suite needs neither.
let browser;
let page;
async function hostPage() {
  if (!page) {
    browser = await launch();
    page = await openPage(browser, '/host.html');
    await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'), null, { timeout: 30000 });
    await page.evaluate((remotesText) => {
      window.__suiteRemotes = JSON.parse(remotesText);
      document.querySelector('ourplan-record')?.remove();
    }, suite().remotesText);
  }
  return page;
}
after(async () => {
  await browser?.close();
});

/** What the page logged or threw from `from` on: console errors and uncaught errors. */
function kitErrorsSince(from) {
  return {
    pageErrors: page.pageErrors.slice(from.pageErrors),
    consoleErrors: page.consoleMessages.slice(from.console).filter((m) => m.type === 'error').map((m) => m.text),
  };
}
const mark = () => ({ pageErrors: page.pageErrors.length, console: page.consoleMessages.length });

test('validate() in the browser agrees with the JSON-Schema-Test-Suite (draft 2020-12)', async (t) => {
  const s = suite();
  if (s.skip) {
    console.log(`browser conformance: skipped, ${s.skip}`);
    t.skip(s.skip);
    return;
  }
  assertEnough(s);
  await hostPage();
  const start = mark();
  const used = EXPECTED_FAILURES.map(() => false);
  const unexpected = [];
  const nowPassing = [];
  let tests = 0;
  let passed = 0;
  let expected = 0;
  for (const file of s.files) {
    // Per case, per test: { valid } or { error } when validate() rejected (the schema cannot be read).
    const verdicts = await page.evaluate(async (fileText) => {
      const { validate } = await import('/pkg/ourplan.js');
      const remotes = window.__suiteRemotes;
      const out = [];
      for (const c of JSON.parse(fileText)) {
        const row = [];
        for (const t of c.tests) {
          try {
            row.push({ valid: (await validate(c.schema, t.data, { remotes })).valid });
          } catch (e) {
            row.push({ error: `${e?.name}: ${e?.message}${e?.detail ? ` (${e.detail})` : ''}` });
          }
        }
        out.push(row);
      }
      return out;
    }, file.text);
    file.cases.forEach((c, i) => {
      c.tests.forEach((tt, j) => {
        tests += 1;
        const verdict = verdicts[i][j];
        const place = `${file.name} / ${c.description} / ${tt.description}`;
        const why = verdict.error !== undefined
          ? `validate() rejected: ${verdict.error}`
          : verdict.valid !== tt.valid ? `expected valid=${tt.valid}, got valid=${verdict.valid}` : null;
        const k = EXPECTED_FAILURES.findIndex((e) => e.file === file.name && e.case === c.description && (e.test === '*' || e.test === tt.description));
        if (k >= 0) used[k] = true;
        if (!why && k < 0) passed += 1;
        else if (!why) nowPassing.push(`${place}: passes now; take it off EXPECTED_FAILURES (${EXPECTED_FAILURES[k].why})`);
        else if (k < 0) unexpected.push(`${place}: ${why}\n    schema: ${JSON.stringify(c.schema)}\n    data: ${JSON.stringify(tt.data)}`);
        else expected += 1;
      });
    });
  }
  const stale = EXPECTED_FAILURES.filter((_, k) => !used[k])
    .map((e) => `${e.file} / ${e.case} / ${e.test}: matches no test in the suite; take it off EXPECTED_FAILURES`);
  console.log(`browser conformance: ${tests} tests in ${s.files.length} files: ${passed} passed, ${expected} expected failures`);
  assert.equal(tests, s.tests);
  const wrong = [...unexpected, ...nowPassing, ...stale];
  assert.ok(wrong.length === 0, `${wrong.length} disagreements with the suite:\n${wrong.join('\n')}`);
  assert.deepEqual(kitErrorsSince(start), { pageErrors: [], consoleErrors: [] }, 'the kit reported its own errors while validating');
});

test('<ourplan-record level="full"> draws every schema in the suite, never blank, never a kit error', async (t) => {
  const s = suite();
  if (s.skip) {
    console.log(`browser rendering: skipped, ${s.skip}`);
    t.skip(s.skip);
    return;
  }
  assertEnough(s);
  await hostPage();
  const start = mark();
  const problems = [];
  let schemas = 0;
  let blank = 0;
  for (const file of s.files) {
    // Each case in turn: mount (with the suite's remotes, so its $refs draw rather than show a
    // load error), wait for the record, give it the case's first instance as its value, look at
    // it, remove it. console.error and uncaught errors are caught per case here, so a failure
    // names its schema; the page's own console log is checked as well, after the loop.
    const results = await page.evaluate(async (fileText) => {
      await import('/pkg/ourplan.js');
      const remotes = window.__suiteRemotes;
      const host = document.querySelector('main');
      const seen = [];
      const originalError = console.error;
      console.error = (...args) => {
        seen.push(args.map((a) => (a instanceof Error ? a.stack || String(a) : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
        originalError.apply(console, args);
      };
      const onError = (event) => seen.push(`uncaught: ${event.error?.stack || event.message}`);
      const onRejection = (event) => seen.push(`unhandled rejection: ${event.reason?.stack || event.reason}`);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      const out = [];
      try {
        for (const c of JSON.parse(fileText)) {
          seen.length = 0;
          const el = document.createElement('ourplan-record');
          el.setAttribute('level', 'full');
          el.schema = c.schema;
          el.remotes = remotes;
          host.append(el);
          await el.ready;
          let record = el.shadowRoot?.querySelector('.op-record');
          if (record && c.tests.length > 0) {
            el.value = c.tests[0].data;
            await el.ready;
            record = el.shadowRoot.querySelector('.op-record');
          }
          const root = el.shadowRoot;
          out.push({
            drawn: Boolean(record),
            fields: root ? root.querySelectorAll('input, textarea, select').length : 0,
            loadError: Boolean(root?.querySelector('.op-load-error')),
            text: (root?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
            errors: [...seen],
          });
          el.remove();
        }
      } finally {
        console.error = originalError;
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onRejection);
      }
      return out;
    }, file.text);
    file.cases.forEach((c, i) => {
      schemas += 1;
      const r = results[i];
      const place = `${file.name} / ${c.description}\n    schema: ${JSON.stringify(c.schema)}\n    value: ${JSON.stringify(c.tests[0]?.data)}`;
      if (!r.drawn || (r.fields === 0 && !r.loadError && r.text === '')) {
        blank += 1;
        problems.push(`${place}\n    ${r.drawn ? 'blank: no fields, no load error, no text' : 'no .op-record in the shadow root after 10 s'}`);
      }
      if (r.errors.length) problems.push(`${place}\n    kit errors: ${r.errors.join(' | ')}`);
    });
  }
  const { pageErrors, consoleErrors } = kitErrorsSince(start);
  const warnings = page.consoleMessages.slice(start.console).filter((m) => m.type === 'warning').length;
  console.log(`browser rendering: ${schemas} schemas rendered, ${warnings} warnings, ${consoleErrors.length + pageErrors.length} errors, ${blank} blank`);
  assert.ok(problems.length === 0, `${problems.length} schemas drawn badly:\n${problems.join('\n')}`);
  assert.deepEqual({ pageErrors, consoleErrors }, { pageErrors: [], consoleErrors: [] }, 'the kit reported its own errors while drawing');
});
