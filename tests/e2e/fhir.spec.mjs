// Exports other systems read (issue 23): `ourplan export --fhir` on plans made from the starters
// with words typed in, and on a plan of hostile words, checked by an independent FHIR R4 library
// (tests/fhir/check_r4.py: fhir.resources 6.4.0, the last release of it that is R4) for three
// properties: the narrative holds every block's words, every outcome is a Goal referenced from
// CarePlan.goal, every money line is an activity with its exact amount. What the plan held is
// worked out here, from the plan file itself (not by the kit's code), and handed to the checker
// in a sidecar beside each bundle. The UK Core profiles cannot be fetched here: they are not
// checked.
//
// The command is target/debug/ourplan (`cargo xtask test` builds it first), or OURPLAN_CLI; the
// checker's Python is target/fhir-venv (`cargo xtask test` makes it), or OURPLAN_FHIR_PYTHON.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.OURPLAN_CLI ?? join(ROOT, 'target', 'debug', 'ourplan');
const PYTHON = process.env.OURPLAN_FHIR_PYTHON ?? join(ROOT, 'target', 'fhir-venv', 'bin', 'python');
const CHECKER = join(ROOT, 'tests', 'fhir', 'check_r4.py');
const HOSTILE = `<script>alert(1)</script> & "quoted" 'single' ŵ ŷ`;
/** A one-pixel PNG, and its key as the kit makes it (SHA-256 of the base64 text). */
const DOT = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const DOT_KEY = `sha256:${createHash('sha256').update(DOT).digest('hex')}`;

/** Without the checker's Python a local run skips the R4 checks; CI must have it. */
function needPython(t) {
  if (existsSync(PYTHON)) return true;
  if (process.env.CI) throw new Error(`CI is set but there is no ${PYTHON}: cargo xtask test makes it`);
  t.skip(`no ${PYTHON}: run cargo xtask test once to make it`);
  return false;
}

/** A plan from a starter file in `lang`, as the kit makes one: words in that language, fresh
 * ids, list items as objects, outcome links following the ids. Then `type` fills each empty
 * field and each budget line's cost, as a person would. */
function fromStarter(name, lang, type) {
  const template = JSON.parse(readFileSync(join(ROOT, 'schemas', 'templates', name), 'utf8'));
  let n = 0;
  const renamed = {};
  const words = (v) => (v && typeof v === 'object' && !Array.isArray(v) && 'en' in v ? (v[lang] ?? v.en) : v);
  const local = (v) => {
    if (Array.isArray(v)) return v.map(local);
    if (v && typeof v === 'object') {
      const w = words(v);
      if (w !== v) return w;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, local(x)]));
    }
    return v;
  };
  const ids = (b) => {
    const id = `b${++n}`;
    if (b.id) renamed[b.id] = id;
    b.id = id;
    for (const field of ['items', 'pleaseDo', 'pleaseDont']) {
      if (!b[field]) continue;
      b[field] = b[field].map((item) => {
        const it = typeof item === 'string' ? { text: item } : item;
        it.id = `i${++n}`;
        if (b.kind === 'checklist') it.done ??= false;
        return it;
      });
    }
    (b.children ?? []).forEach(ids);
  };
  const relink = (b) => {
    if ('outcomeId' in b) b.outcomeId = renamed[b.outcomeId] ?? null;
    (b.children ?? []).forEach(relink);
  };
  const blocks = local(template.blocks);
  blocks.forEach(ids);
  blocks.forEach(relink);
  const fill = (b) => {
    for (const [k, v] of Object.entries(b)) {
      if (v === '' && k !== 'id') b[k] = type(b, k);
      if (Array.isArray(v)) v.forEach((x) => typeof x === 'object' && fill(x));
    }
    if (b.kind === 'budgetLine') b.costPence = type(b, 'costPence');
  };
  blocks.forEach(fill);
  return { format: 'ourplan-plan', version: 1, title: words(template.title), blocks, nextId: n + 1 };
}

/** Every block in document order (sections before what they hold). */
function walk(blocks, out = []) {
  for (const b of blocks) {
    out.push(b);
    walk(b.children ?? [], out);
  }
  return out;
}

/** Whole pence as exact pounds, with integers alone. */
const pounds = (pence) => {
  const p = BigInt(pence);
  return `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
};

/** What the checker is told the plan holds. */
function expected(plan) {
  const texts = [plan.title];
  const goals = [];
  const money = [];
  const skip = new Set(['id', 'kind', 'frequency', 'paidFrom', 'outcomeId', 'picture', 'headingPicture']);
  for (const b of walk(plan.blocks)) {
    for (const [k, v] of Object.entries(b)) {
      if (typeof v === 'string' && !skip.has(k) && v.trim()) texts.push(v);
      if (Array.isArray(v)) for (const item of v) if (item?.text?.trim()) texts.push(item.text);
    }
    if (b.kind === 'outcome') {
      const words = [b.what, b.howIWillKnow, b.byWhen].map((w) => (w ?? '').trim()).find(Boolean);
      if (words) goals.push(words);
    }
    if (b.kind === 'budgetLine') money.push({ description: (b.what ?? '').trim(), value: pounds(b.costPence) });
  }
  return { texts, goals, money };
}

function hostilePlan() {
  return {
    format: 'ourplan-plan',
    version: 1,
    title: `Plan ${HOSTILE}`,
    blocks: [
      { id: 'b1', kind: 'section', title: 'Section </div><b>', children: [
        { id: 'b2', kind: 'text', text: `Line one ${HOSTILE}\nLine two\n\n]]> & <!-- not a comment -->` },
        { id: 'b3', kind: 'list', items: [{ id: 'i1', text: '<img src=x onerror=alert(1)>' }] },
      ] },
      { id: 'b4', kind: 'whatMatters', text: HOSTILE },
      { id: 'b5', kind: 'person', name: 'Siôn "Jo"', relationship: "Brawd & ffrind", howTheyHelp: '<b>Siopa</b>', contact: '' },
      { id: 'b6', kind: 'outcome', what: `Mynd allan ${HOSTILE}`, howIWillKnow: 'Ddwywaith yr wythnos', byWhen: '2027-02-28' },
      { id: 'b7', kind: 'outcome', what: 'Nofio', howIWillKnow: '', byWhen: 'yr haf nesaf' },
      { id: 'b8', kind: 'budgetLine', what: 'Stamps', costPence: 1, frequency: 'one-off', paidFrom: 'own-money', outcomeId: null },
      { id: 'b9', kind: 'budgetLine', what: `Bus ${HOSTILE}`, costPence: 99, frequency: 'weekly', paidFrom: 'direct-payment', outcomeId: 'b6' },
      { id: 'b10', kind: 'budgetLine', what: 'Personal assistant', costPence: 123456789, frequency: 'monthly', paidFrom: 'council-managed', outcomeId: 'b7' },
      { id: 'b11', kind: 'budgetLine', what: 'Largest', costPence: 9007199254740991, frequency: 'yearly', paidFrom: 'other' },
      { id: 'b12', kind: 'doDont', pleaseDo: [{ id: 'i2', text: 'Knock <first>' }], pleaseDont: [{ id: 'i3', text: "Don't rush & shout" }] },
      { id: 'b13', kind: 'labelValue', label: 'Supported to write this by', value: 'Ann <Advocate>', headingPicture: DOT_KEY },
      { id: 'b14', kind: 'picture', picture: DOT_KEY, description: `Bran <on> the beach ${HOSTILE}` },
    ],
    pictures: { [DOT_KEY]: { type: 'image/png', width: 1, height: 1, data: DOT } },
    reviews: [{ id: 'r1', date: '2027-01-05', by: 'Sam & Jo', working: 'PA *great*', notWorking: 'Bus <late>', changes: '' }],
    nextId: 20,
  };
}

let work;
const plans = {};
before(() => {
  assert.ok(existsSync(CLI), `no ourplan command at ${CLI}: run cargo build -p ourplan-cli (cargo xtask test does)`);
  work = mkdtempSync(join(tmpdir(), 'ourplan-fhir-'));
  let count = 0;
  const typed = (lang) => (block, field) => {
    if (field === 'costPence') return [1, 99, 123456789, 250000][count++ % 4];
    if (field === 'byWhen') return count++ % 2 ? '2027-03-31' : (lang === 'cy' ? 'erbyn yr hydref' : 'by the autumn');
    return `${lang === 'cy' ? 'geiriau' : 'words'} ${++count} ŵ & <${field}>`;
  };
  plans['about-me-cy'] = { plan: fromStarter('about-me.json', 'cy', typed('cy')), lang: 'cy' };
  plans['one-page-profile-en'] = { plan: fromStarter('one-page-profile.json', 'en', typed('en')), lang: 'en' };
  plans['budget-plan-en'] = { plan: fromStarter('budget-plan.json', 'en', typed('en')), lang: 'en' };
  plans.hostile = { plan: hostilePlan(), lang: 'cy' };
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs `ourplan export --fhir` on a plan; the bundle's path, with its sidecar beside it. */
function exportFhir(name) {
  const { plan, lang } = plans[name];
  const planFile = join(work, `${name}.plan.json`);
  writeFileSync(planFile, JSON.stringify(plan, null, 2));
  const run = spawnSync(CLI, ['export', '--fhir', '--lang', lang, planFile], { encoding: 'utf8' });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `ourplan export --fhir ${name}: ${run.stderr}`);
  assert.equal(run.stderr, '');
  const bundle = join(work, `${name}.json`);
  writeFileSync(bundle, run.stdout);
  writeFileSync(join(work, `${name}.expected.json`), JSON.stringify(expected(plan), null, 2));
  return bundle;
}

function check(files) {
  const run = spawnSync(PYTHON, [CHECKER, ...files], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return run;
}

test('every starter with words typed in, and a plan of hostile words, pass as FHIR R4 with the three properties', (t) => {
  if (!needPython(t)) return;
  const files = Object.keys(plans).map(exportFhir);
  const run = check(files);
  assert.equal(run.status, 0, `the R4 check failed:\n${run.stderr}`);
  assert.match(run.stdout, /4 bundle\(s\) pass as FHIR R4 \(fhir\.resources 6\.4\.0, FHIR 4\.0\.1\)/);
  // The starters' outcomes and money were there to check.
  const budget = expected(plans['budget-plan-en'].plan);
  assert.equal(budget.goals.length, 1);
  assert.equal(budget.money.length, 1);
});

test('the hostile words are inert text in the narrative, and the amounts are exact in the JSON text', () => {
  const bundle = exportFhir('hostile');
  const text = readFileSync(bundle, 'utf8');
  const div = JSON.parse(text).entry[0].resource.text.div;
  assert.ok(!/<script|<img|<!--/i.test(div), div);
  assert.ok(div.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39; ŵ ŷ'), div);
  for (const amount of ['0.01', '0.99', '1234567.89', '90071992547409.91']) {
    assert.ok(text.includes(`"value": ${amount}`), `${amount} is not written exactly`);
  }
  // The picture (shown twice: a picture block and beside a heading) is one DocumentReference
  // holding it whole, referenced from the CarePlan; its description is in the narrative.
  const entries = JSON.parse(text).entry;
  const pictures = entries.filter((e) => e.resource.resourceType === 'DocumentReference');
  assert.equal(pictures.length, 1);
  const attachment = pictures[0].resource.content[0].attachment;
  assert.deepEqual([attachment.contentType, attachment.data, attachment.size], ['image/png', DOT, 70]);
  assert.ok(attachment.title.startsWith('Bran <on> the beach'));
  assert.deepEqual(entries[0].resource.supportingInfo, [{ reference: pictures[0].fullUrl }]);
  assert.ok(div.includes('Llun: Bran &lt;on&gt; the beach'), div);
  assert.ok(!div.includes('sha256'), 'no picture key in the words');
});

test('the checker is not a rubber stamp: each spoilt bundle fails, for its reason', (t) => {
  if (!needPython(t)) return;
  const source = exportFhir('hostile');
  const text = readFileSync(source, 'utf8');
  const sidecar = readFileSync(join(work, 'hostile.expected.json'), 'utf8');
  const edit = (f) => (s) => {
    const b = JSON.parse(s);
    f(b.entry[0].resource);
    return JSON.stringify(b);
  };
  // Each spoilt bundle, and the reason the checker must give.
  const spoilt = {
    amount: [(s) => s.replace('"value": 1234567.89', '"value": 1234567.88'), /costs 1234567\.88, expected 1234567\.89/],
    penny: [(s) => s.replace('"value": 0.99', '"value": 0.990'), /costs 0\.990, expected 0\.99/],
    goal: [edit((cp) => cp.goal.pop()), /is not referenced from CarePlan\.goal/],
    script: [edit((cp) => { cp.text.div = cp.text.div.replace('<h1>', '<h1><script>alert(1)</script>'); }), /<script> is not allowed/],
    status: [edit((cp) => { delete cp.status; }), /not a valid FHIR R4 Bundle[\s\S]*field required/],
    code: [edit((cp) => { cp.intent = 'wish'; }), /CarePlan\.intent 'wish' is not in its required value set/],
    unknown: [edit((cp) => { cp.colour = 'green'; }), /extra fields not permitted/],
    words: [(s) => s.replaceAll('Knock', 'Knack'), /'Knock <first>' is not in the narrative/],
  };
  for (const [name, [change, reason]] of Object.entries(spoilt)) {
    const file = join(work, `spoilt-${name}.json`);
    writeFileSync(file, change(text));
    writeFileSync(join(work, `spoilt-${name}.expected.json`), sidecar);
    const run = check([file]);
    assert.equal(run.status, 1, `${name}: the checker passed a spoilt bundle:\n${run.stdout}`);
    assert.match(run.stderr, reason, name);
  }
});

test('an unreadable plan: nothing written, the reason on standard error, exit code 2', () => {
  const notAPlan = join(work, 'not-a-plan.json');
  writeFileSync(notAPlan, '{"format": "something-else", "version": 1}');
  for (const file of [join(work, 'missing.json'), notAPlan]) {
    const run = spawnSync(CLI, ['export', '--fhir', file], { encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.startsWith(`ourplan: ${file}: `), run.stderr);
  }
  // Exactly one form is asked for.
  const both = spawnSync(CLI, ['export', '--fhir', '--about-me', notAPlan], { encoding: 'utf8' });
  assert.equal(both.status, 2, both.stderr);
});

test('--about-me maps a starter onto the About Me sections', () => {
  const { plan } = plans['about-me-cy'];
  const file = join(work, 'about.plan.json');
  writeFileSync(file, JSON.stringify(plan));
  const run = spawnSync(CLI, ['export', '--about-me', '--lang', 'cy', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const about = JSON.parse(run.stdout);
  assert.equal(Object.keys(about.sections).length, 9);
  const wellness = walk(plan.blocks).find((b) => b.kind === 'section' && b.title === 'Fy llesiant').children[0].text;
  assert.deepEqual(about.sections.myWellness.entries.map((e) => e.text), [wellness]);
  assert.equal(about.sections.myWellness.heading, 'Fy llesiant');
});
