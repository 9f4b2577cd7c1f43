// Issue #7 experiment: what validating one keystroke costs when the validator lives in another
// wasm module and the value crosses as JSON text, against validating in the same module.
//
//   sh tests/bench/variants.sh crossing      # builds target/variants/crossing (release, wasm-opt)
//   node tests/bench/crossing.mjs
//
// The `crossing-bench` module's CrossingBench plays both sides (see
// components/ourplan-elements/src/crossing.rs): per keystroke, across modules =
//   send()           form side: value → JSON text → JS string
//   validate_text()  validator side: JS string → parse → validate → problems as JSON text
//   receive()        form side: problems text → parsed
// in module = validate_held(): the problems of the value already held in Rust.
// Each figure is the median over ROUNDS rounds of REPS calls timed together in the page.

import { readFileSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const moduleDir = join(root, 'target', 'variants', 'crossing');
const ROUNDS = Number(process.env.ROUNDS || 7);
const ORIGIN = 'http://bench.invalid';

/** A flat record of `n` fields, a mix of the kinds the kit draws, every one answered. */
function generated(n) {
  const properties = {};
  const value = {};
  const required = [];
  for (let i = 0; i < n; i++) {
    const k = `f${i}`;
    switch (i % 5) {
      case 0: properties[k] = { type: 'string', title: `Field ${i}`, maxLength: 200 }; value[k] = `Answer number ${i}`; break;
      case 1: properties[k] = { type: 'string', format: 'date', title: `Date ${i}` }; value[k] = '2026-03-02'; break;
      case 2: properties[k] = { type: 'integer', minimum: 0, maximum: 1000, title: `Count ${i}` }; value[k] = i % 1000; break;
      case 3: properties[k] = { type: 'boolean', title: `Yes or no ${i}` }; value[k] = i % 2 === 0; break;
      default: properties[k] = { enum: ['a', 'b', 'c'], title: `Choice ${i}` }; value[k] = 'b';
    }
    if (i % 10 === 0) required.push(k);
  }
  return { schema: { type: 'object', properties, required }, value };
}

const cases = [];
for (const name of ['community-hub', 'review-note', 'welsh-what-matters', 'what-matters']) {
  const schema = readFileSync(join(root, 'schemas', 'records', `${name}.schema.json`), 'utf8');
  const examples = JSON.parse(readFileSync(join(root, 'schemas', 'records', `${name}.examples.json`), 'utf8'));
  const biggest = (list) => list.map((e) => e.value).sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
  cases.push({ name: `${name} (valid)`, schema, value: JSON.stringify(biggest(examples.valid)), reps: 2000 });
  cases.push({ name: `${name} (with problems)`, schema, value: JSON.stringify(biggest(examples.invalid)), reps: 2000 });
}
for (const n of [200, 1000]) {
  const g = generated(n);
  cases.push({ name: `generated ${n} fields`, schema: JSON.stringify(g.schema), value: JSON.stringify(g.value), reps: n > 500 ? 200 : 500 });
  const broken = { ...g.value };
  for (let i = 0; i < n; i += 7) broken[`f${i}`] = 5000; // a type or range problem every 7th field
  cases.push({ name: `generated ${n} fields, ${Math.ceil(n / 7)} problems`, schema: JSON.stringify(g.schema), value: JSON.stringify(broken), reps: n > 500 ? 100 : 300 });
}

const browser = await launch();
const context = await browser.newContext();
await context.route(`${ORIGIN}/**`, (route) => {
  const path = new URL(route.request().url()).pathname;
  if (path === '/') return route.fulfill({ body: '<!doctype html><title>crossing</title>', contentType: 'text/html' });
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
  return route.fulfill({ body: readFileSync(join(moduleDir, path)), contentType: types[extname(path)] || 'application/octet-stream' });
});
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e));
await page.goto(`${ORIGIN}/`);
await page.evaluate(async (url) => {
  const m = await import(url);
  await m.default({ module_or_path: new URL('/ourplan_wasm_bg.wasm', location.href) });
  window.kit = m;
}, `${ORIGIN}/ourplan_wasm.js`);

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const rows = [];
for (const c of cases) {
  const r = await page.evaluate(({ schema, value, reps, rounds }) => {
    const b = new window.kit.CrossingBench(schema, value);
    const now = () => performance.now();
    const out = { inModule: [], across: [], send: [], validate: [], receive: [], problems: 0, problemsBytes: 0 };
    // Warm up both paths.
    b.validate_held(20);
    for (let i = 0; i < 20; i++) b.receive(b.validate_text(b.send()));
    for (let k = 0; k < rounds; k++) {
      let t = now();
      out.problems = b.validate_held(reps);
      out.inModule.push((now() - t) / reps);
      t = now();
      for (let i = 0; i < reps; i++) b.receive(b.validate_text(b.send()));
      out.across.push((now() - t) / reps);
      // The parts, to see where the crossing's time goes.
      t = now();
      let text;
      for (let i = 0; i < reps; i++) text = b.send();
      out.send.push((now() - t) / reps);
      t = now();
      let problems;
      for (let i = 0; i < reps; i++) problems = b.validate_text(text);
      out.validate.push((now() - t) / reps);
      out.problemsBytes = problems.length;
      t = now();
      for (let i = 0; i < reps; i++) b.receive(problems);
      out.receive.push((now() - t) / reps);
    }
    b.free();
    return out;
  }, { schema: c.schema, value: c.value, reps: c.reps, rounds: ROUNDS });
  const row = {
    case: c.name,
    valueBytes: c.value.length,
    problems: r.problems,
    problemsBytes: r.problemsBytes,
    inModuleMs: median(r.inModule),
    acrossMs: median(r.across),
    sendMs: median(r.send),
    validateTextMs: median(r.validate),
    receiveMs: median(r.receive),
  };
  row.extraMs = row.acrossMs - row.inModuleMs;
  rows.push(row);
}
await browser.close();

const f = (x) => x.toFixed(4);
console.log('Validating one keystroke: in the same module vs across modules with JSON text (ms per call, medians)');
console.log(`${'case'.padEnd(42)} ${'value B'.padStart(7)} ${'probs'.padStart(5)} ${'in-module'.padStart(10)} ${'across'.padStart(9)} ${'extra'.padStart(8)} ${'x'.padStart(5)} | ${'send'.padStart(7)} ${'parse+val'.padStart(9)} ${'receive'.padStart(7)}`);
for (const r of rows) {
  console.log(`${r.case.padEnd(42)} ${String(r.valueBytes).padStart(7)} ${String(r.problems).padStart(5)} ${f(r.inModuleMs).padStart(10)} ${f(r.acrossMs).padStart(9)} ${f(r.extraMs).padStart(8)} ${(r.acrossMs / r.inModuleMs).toFixed(1).padStart(5)} | ${f(r.sendMs).padStart(7)} ${f(r.validateTextMs).padStart(9)} ${f(r.receiveMs).padStart(7)}`);
}
if (process.env.OUT) (await import('node:fs')).writeFileSync(process.env.OUT, JSON.stringify(rows, null, 2));
