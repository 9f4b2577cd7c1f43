// Parity (issue 20): the `ourplan` command on a server and the kit in Chromium give the same
// verdicts and the same words. Every value of the JSON-Schema-Test-Suite (draft 2020-12, read from
// ../shared, never copied) and every example of the shipped record schemas goes through both
// `ourplan validate --format json` and the module's `validate()`, in English and in Welsh; every
// schema goes through `ourplan check-schema --format json` and `compile()`. Valid or not, each
// problem's pointer and message, and a schema or value that cannot be read: all must be equal.
//
// The command is target/debug/ourplan (`cargo xtask test` builds it first), or OURPLAN_CLI.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.OURPLAN_CLI ?? join(ROOT, 'target', 'debug', 'ourplan');
const SUITE = process.env.OURPLAN_JSON_SCHEMA_TEST_SUITE ?? join(ROOT, '..', 'shared', 'json-schema-test-suite');
const REMOTES_BASE = 'http://localhost:1234/';
const LANGS = ['en', 'cy'];

/** Every case: a schema (as JSON text) and its values (as JSON text), named for a failure. */
function cases() {
  const out = [];
  const dir = join(SUITE, 'tests', 'draft2020-12');
  if (!existsSync(dir)) {
    if (process.env.CI) throw new Error(`CI is set but there is no JSON-Schema-Test-Suite at ${SUITE}`);
  } else {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      for (const c of JSON.parse(readFileSync(join(dir, name), 'utf8'))) {
        out.push({
          name: `${basename(name, '.json')}: ${c.description}`,
          schema: JSON.stringify(c.schema),
          values: c.tests.map((t) => JSON.stringify(t.data)),
        });
      }
    }
  }
  const records = join(ROOT, 'schemas', 'records');
  for (const name of readdirSync(records).filter((n) => n.endsWith('.schema.json')).sort()) {
    const examples = JSON.parse(readFileSync(join(records, name.replace('.schema.json', '.examples.json')), 'utf8'));
    out.push({
      name: `schemas/records/${name}`,
      schema: readFileSync(join(records, name), 'utf8'),
      values: [...examples.valid, ...examples.invalid].map((e) => JSON.stringify(e.value)),
    });
  }
  return out;
}

function suiteRemotes() {
  const remotes = {};
  const dir = join(SUITE, 'remotes');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) remotes[REMOTES_BASE + relative(dir, path).split(sep).join('/')] = path;
    }
  };
  if (existsSync(dir)) walk(dir);
  return remotes;
}

/** Runs the command; its JSON Lines, without `file` and `line`. */
function cli(args) {
  const run = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw run.error;
  assert.ok([0, 1, 2].includes(run.status), `ourplan ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean).map((line) => {
    const { file, line: _, ...verdict } = JSON.parse(line);
    return { file, verdict };
  });
}

let browser;
let page;
let all;
let remotes;
let work;
before(async () => {
  assert.ok(existsSync(CLI), `no ourplan command at ${CLI}: run cargo build -p ourplan-cli (cargo xtask test does)`);
  all = cases();
  remotes = suiteRemotes();
  work = mkdtempSync(join(tmpdir(), 'ourplan-parity-'));
  browser = await launch();
  page = await openPage(browser, '/embed-test.html');
  const remotesText = JSON.stringify(Object.fromEntries(Object.entries(remotes).map(([uri, path]) => [uri, JSON.parse(readFileSync(path, 'utf8'))])));
  await page.evaluate(async (remotesText) => {
    window.kit = await import('/pkg/ourplan.js');
    window.remotes = JSON.parse(remotesText);
  }, remotesText);
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** What the browser says for each case's values: `{valid, errors}` or `{error: {message, detail}}`. */
async function inBrowser(lang) {
  return page.evaluate(async ({ text, lang }) => {
    const out = [];
    for (const c of JSON.parse(text)) {
      const row = [];
      for (const v of c.values) {
        try {
          row.push(await window.kit.validate(c.schema, JSON.parse(v), { lang, remotes: window.remotes }));
        } catch (e) {
          row.push({ error: { message: e.message, detail: e.detail } });
        }
      }
      out.push(row);
    }
    return out;
  }, { text: JSON.stringify(all), lang });
}

const remoteArgs = () => Object.entries(remotes).flatMap(([uri, path]) => ['--remote', `${uri}=${path}`]);

for (const lang of LANGS) {
  test(`validate: the command and the browser agree on every value, in ${lang === 'en' ? 'English' : 'Welsh'}`, async () => {
    assert.ok(all.length >= 10, `only ${all.length} cases`);
    const browserSays = await inBrowser(lang);
    let values = 0;
    let problems = 0;
    all.forEach((c, i) => {
      const schemaFile = join(work, `s${i}.json`);
      const valuesFile = join(work, `v${i}.jsonl`);
      writeFileSync(schemaFile, c.schema);
      writeFileSync(valuesFile, c.values.join('\n') + '\n');
      const lines = cli(['validate', '--format', 'json', '--lang', lang, '--lines', '--schema', schemaFile, ...remoteArgs(), valuesFile]);
      // A schema that cannot be read is one line about the schema; the browser says so per value.
      const said = lines.length === 1 && lines[0].file === schemaFile
        ? c.values.map(() => lines[0].verdict)
        : lines.map((l) => l.verdict);
      assert.equal(said.length, c.values.length, `${c.name}: ${said.length} results for ${c.values.length} values`);
      c.values.forEach((v, j) => {
        values++;
        problems += said[j].errors?.length ?? 0;
        assert.deepEqual(said[j], browserSays[i][j], `${c.name}, value ${j} (${v.slice(0, 80)})`);
      });
    });
    assert.ok(values >= 1000 || !existsSync(join(SUITE, 'tests')), `only ${values} values compared`);
    assert.ok(problems > 100, `only ${problems} problems compared: the comparison would not see wrong words`);
  });
}

test('check-schema: the command and compile() agree on every schema, in both languages', async () => {
  const files = all.map((c, i) => {
    const file = join(work, `c${i}.json`);
    writeFileSync(file, c.schema);
    return file;
  });
  // Schemas the kit refuses, so that both sides have problems to word.
  const broken = ['{"type": "object",\n  "properties": {', '{"type": "strin"}', '{"minimum": "three"}', '{"$ref": "#/nowhere"}'];
  broken.forEach((text, i) => {
    const file = join(work, `broken${i}.json`);
    writeFileSync(file, text);
    files.push(file);
  });
  const texts = [...all.map((c) => c.schema), ...broken];
  for (const lang of LANGS) {
    const lines = cli(['check-schema', '--format', 'json', '--lang', lang, ...remoteArgs(), ...files]);
    assert.equal(lines.length, files.length);
    const browserSays = await page.evaluate(async ({ texts, lang }) => {
      const out = [];
      for (const text of texts) {
        try {
          const { valid, errors } = await window.kit.compile(text, { lang, remotes: window.remotes });
          out.push({ valid, errors });
        } catch (e) {
          out.push({ error: { message: e.message, detail: e.detail } });
        }
      }
      return out;
    }, { texts, lang });
    let refused = 0;
    lines.forEach(({ verdict }, i) => {
      const { diagnostics: _, ...rest } = verdict;
      if (!rest.valid) refused++;
      assert.deepEqual(rest, browserSays[i], `${files[i]} (${texts[i].slice(0, 80)})`);
    });
    assert.ok(refused >= broken.length, `only ${refused} schemas refused`);
  }
});

const LINES = [
  { id: 'm1', kind: 'budgetLine', what: 'Personal assistant', costPence: 12050, frequency: 'weekly', paidFrom: 'direct-payment', secondLook: true },
  { id: 'm2', kind: 'budgetLine', what: 'Gym', costPence: 10000, frequency: 'monthly', paidFrom: 'direct-payment' },
  { id: 'm3', kind: 'budgetLine', what: 'Walking boots', costPence: 5000, frequency: 'one-off', paidFrom: 'own-money' },
];
const PLANS = [
  { name: 'budget lines, no budget', plan: { format: 'ourplan-plan', version: 1, title: 'Megan’s plan', blocks: [{ id: 't1', kind: 'text', text: 'Swimming on Tuesdays' }, ...LINES], nextId: 10 } },
  { name: 'its own budget, money left', plan: { format: 'ourplan-plan', version: 1, title: 'Dai', blocks: LINES.slice(1), budget: { indicative: { amountPence: 15000, period: 'week' } }, nextId: 10 } },
  { name: 'its own budget, over', plan: { format: 'ourplan-plan', version: 1, blocks: LINES, budget: { indicative: { amountPence: 40000, period: 'month' } }, complex: true, nextId: 10 } },
  { name: 'empty', plan: { format: 'ourplan-plan', version: 1, blocks: [], nextId: 1 } },
  {
    name: 'sections, outcomes, a review',
    plan: {
      format: 'ourplan-plan', version: 1, title: 'Siân',
      blocks: [
        { id: 's1', kind: 'section', title: 'My week', children: [{ id: 'w1', kind: 'whatMatters', text: 'My garden' }, LINES[0]] },
        { id: 'o1', kind: 'outcome', text: 'Get to choir', measure: 'Every Tuesday' },
      ],
      reviews: [{ id: 'r1', date: '2026-11-01', by: 'Sam', working: 'Choir', notWorking: '', changes: '' }],
      nextId: 20,
    },
  },
];
const SETTINGS = [
  { lang: 'en' },
  { lang: 'cy', rules: { limit: { amount: '100.00', period: 'week' }, noSecondLook: true, notComplex: true, withinIndicative: true }, indicative: '150.00', period: 'week', checks: 'wales' },
  { lang: 'en', rules: { limit: { amount: '1000.00', period: 'month' }, oneOffLimit: '10.00' }, indicative: '600.00', period: 'month', checks: 'england' },
];

test('check-plan: the command and <ourplan-plan>.check() agree, signed and unsigned, in both languages', async () => {
  let compared = 0;
  const kinds = new Set();
  for (const [s, settings] of SETTINGS.entries()) {
    const rulesFile = join(work, `rules${s}.json`);
    if (settings.rules) writeFileSync(rulesFile, JSON.stringify(settings.rules));
    const args = ['check-plan', '--format', 'json', '--lang', settings.lang];
    if (settings.rules) args.push('--signoff-rules', rulesFile);
    if (settings.indicative) args.push('--indicative-budget', settings.indicative, '--budget-period', settings.period);
    if (settings.checks) args.push('--checks', settings.checks);
    // In the browser: each plan as the element holds it, and its check(); then signed off (where
    // the rules allow) and checked; then changed since, and checked.
    const seen = await page.evaluate(async ({ plans, settings }) => {
      const out = [];
      for (const { plan } of plans) {
        const el = document.createElement('ourplan-plan');
        el.setAttribute('lang', settings.lang);
        if (settings.indicative) {
          el.setAttribute('indicative-budget', settings.indicative);
          el.setAttribute('budget-period', settings.period);
        }
        if (settings.checks) el.setAttribute('checks', settings.checks);
        document.querySelector('main').append(el);
        await el.ready;
        if (settings.rules) el.signoffRules = settings.rules;
        el.practitioner = { name: 'Sam Patel', role: 'Social worker' };
        el.value = plan;
        out.push({ value: el.value, check: await el.check() });
        const button = el.shadowRoot.getElementById('op-signoff');
        if (button) {
          button.click();
          out.push({ value: el.value, check: await el.check() });
          const changed = structuredClone(el.value);
          changed.title = `${changed.title ?? ''} (changed)`;
          el.value = changed;
          out.push({ value: el.value, check: await el.check() });
        }
        el.remove();
      }
      return out;
    }, { plans: PLANS.map((p) => ({ plan: p.plan })), settings });
    const files = seen.map(({ value }, i) => {
      const file = join(work, `plan${s}-${i}.json`);
      writeFileSync(file, JSON.stringify(value));
      return file;
    });
    const lines = cli([...args, ...files]);
    assert.equal(lines.length, seen.length);
    lines.forEach(({ verdict }, i) => {
      compared++;
      assert.deepEqual(verdict, seen[i].check, `settings ${s}, plan file ${i}`);
      if (verdict.signoff) kinds.add(verdict.signoff.current ? 'signed' : 'changed since');
      if (verdict.rules) kinds.add(verdict.rules.within ? 'within' : 'second look');
      if (verdict.budget.balance) kinds.add(verdict.budget.balance.state);
      if (verdict.suggestions.length) kinds.add(`suggestions ${settings.lang}`);
    });
  }
  assert.ok(compared >= 20, `only ${compared} plans compared`);
  // Every state the comparison is meant to cover was among them.
  assert.deepEqual([...kinds].sort(), ['changed since', 'left', 'over', 'second look', 'signed', 'suggestions cy', 'suggestions en', 'within']);
});
