// Issue #24's targets, the last table of `cargo xtask bench`:
//   node tests/bench/targets.mjs <results.json>
// Reads the results file the run just wrote (target/bench/results-<time>.json) and prints, with a
// verdict each (reported, not enforced):
//   - the whole kit (every file a page fetches) at most 500 KiB brotli;
//   - validate() at 2,000 fields at most 2× the validator's native floor: the `jsonschema` crate
//     compiled for this machine, parsing the value's JSON and checking it (validation_floor.rs),
//     for the valid value and the one with 600 problems;
//   - on the slow phone, the kit fully working at most 2.0× react-jsonschema-form's time, on a
//     first visit and on a second (module cached).

import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tests/bench/targets.mjs <results.json>');
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const lines = ['', 'Targets (issue #24; reported, not enforced)'];
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT MET');
const line = (what, figure, ok) => {
  // A long figure goes on a line of its own, under what it measures.
  if (what.length > 60 || figure.length > 44) lines.push(`  ${what}`, `      ${figure.padEnd(92)} ${verdict(ok)}`);
  else lines.push(`  ${what.padEnd(60)} ${figure.padEnd(44)} ${verdict(ok)}`);
};
const fixed = (x, digits = 2) => (x == null ? '—' : x.toFixed(digits));

// The whole kit: what a page that imports ourplan.js fetches (both elements, the validator).
const total = results.sizes?.beforeFirstRender?.brotli;
line('whole kit (a page of ourplan.js) ≤ 500 KiB brotli', total == null ? '' : `${fixed(total / 1024, 1)} KiB`, total == null ? null : total <= 500 * 1024);
const records = results.sizes?.recordPage?.brotli;
line('a page of records only (ourplan-record.js) ≤ 500 KiB brotli', records == null ? '' : `${fixed(records / 1024, 1)} KiB`, records == null ? null : records <= 500 * 1024);

const N = 2000;
const floor = results.floor?.[N];
const kit = results.browser?.validation?.summary?.[N]?.kit;
const cases = [
  ['validate(schema, value), valid value', 'validateWithSchemaValid', 'valid'],
  ['validate(schema, value), 600 problems', 'validateWithSchema', 'invalid'],
  ['compiled.validate(value), valid value', 'valid', 'valid'],
  ['compiled.validate(value), 600 problems', 'invalid', 'invalid'],
];
for (const [what, key, floorKey] of cases) {
  const ms = kit?.[key]?.ms;
  const under = floor ? floor[floorKey] + floor.parse : null;
  const ok = ms == null || under == null ? null : ms <= 2 * under;
  const figure = ms == null || under == null ? '' : `${fixed(ms)} vs ${fixed(under)} ms (${fixed(ms / under)}×)`;
  line(`${what} ≤ 2× the floor`, figure, ok);
}
if (floor) {
  lines.push(`  (the floor at ${N.toLocaleString('en-GB')} fields, natively: parse ${fixed(floor.parse, 3)} ms, check ${fixed(floor.valid, 3)} ms valid, ` +
    `${fixed(floor.invalid, 3)} ms with ${floor.problems} problems)`);
}

const slow = results.slowPhone?.summary;
for (const visit of ['first', 'second']) {
  for (const way of [['kit-first-paint', 'with the first paint'], ['kit-record-first-paint', 'first paint, ourplan-record.js'], ['kit', 'alone']]) {
    const figures = Object.entries(slow ?? {}).map(([n, ways]) => {
      const k = ways[way[0]]?.[visit]?.working;
      const r = ways.rjsf?.[visit]?.working;
      return { n, k, r, ratio: k != null && r ? k / r : null };
    });
    const ok = figures.length && figures.every((f) => f.ratio != null) ? figures.every((f) => f.ratio <= 2) : null;
    const figure = figures.map((f) => `N=${f.n} ${f.k == null ? '—' : Math.round(f.k)} ms (${fixed(f.ratio)}×)`).join(', ');
    line(`slow phone, ${visit} visit, kit ${way[1]}: working ≤ 2.0× RJSF's time`, figure, ok);
  }
}
console.log(lines.join('\n'));
