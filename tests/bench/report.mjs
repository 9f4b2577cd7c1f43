// The printed tables of `cargo xtask bench`: the kit beside each peer, with kit ÷ peer ratios
// (below 1 means the kit is smaller or faster), and the issue's budgets with their verdicts.

import { kib, ms, ratio } from './stats.mjs';

const KIT = 'kit';
const COL = 20;

/** Rows of libraries, columns of N; a peer's cell is `value (kit ÷ peer)` or what stopped it. */
function matrix(title, sizes, rows, get, fmt = ms) {
  const out = [title, `  ${''.padEnd(34)}${sizes.map((n) => `N=${n}`.padStart(COL)).join('')}`];
  for (const { key, label, kitKey = KIT } of rows) {
    const cells = sizes.map((n) => {
      const { value, error } = get(key, n);
      if (error) return error;
      if (value === null || value === undefined) return '—';
      if (key === kitKey) return fmt(value);
      const { value: kitValue } = get(kitKey, n);
      const r = ratio(kitValue, value);
      return r ? `${fmt(value)} (${r})` : fmt(value);
    });
    out.push(`  ${label.slice(0, 33).padEnd(34)}${cells.map((c) => c.padStart(COL)).join('')}`);
  }
  return out;
}

export function labelOf(lib, peers) {
  if (lib === KIT) return 'ourplan kit';
  const p = peers?.[lib];
  if (!p) return lib;
  const main = Object.entries(p.versions)[0];
  return `${p.label} ${main[1]}`;
}

function sizeLines(kitSizes, peers, libs) {
  const lines = ['Bytes a host transfers (KiB; brotli quality 11, gzip level 9, raw); ratios: kit ÷ peer, brotli'];
  lines.push(`  ${'library'.padEnd(40)}${['brotli', 'gzip', 'raw', 'records ÷', 'kit ÷'].map((h) => h.padStart(12)).join('')}`);
  const row = (label, s, extra = ['', '']) =>
    lines.push(`  ${label.padEnd(40)}${[kib(s.brotli), kib(s.gzip), kib(s.raw), ...extra].map((c) => c.padStart(12)).join('')}`);
  if (kitSizes) {
    row('ourplan kit: a page (ourplan.js)', kitSizes.beforeFirstRender);
    if (kitSizes.recordPage) row('ourplan kit: a page of records only', kitSizes.recordPage);
    row('ourplan kit: all of pkg/ (both modules)', kitSizes.total);
  }
  for (const lib of libs.filter((l) => l !== KIT && peers?.[l]).concat(peers?.ajv && !libs.includes('ajv') ? ['ajv'] : [])) {
    const p = peers[lib];
    const extra = kitSizes
      ? [ratio(kitSizes.recordPage?.brotli ?? kitSizes.beforeFirstRender.brotli, p.brotli), ratio(kitSizes.beforeFirstRender.brotli, p.brotli)]
      : ['', ''];
    row(`${labelOf(lib, peers)} (one bundle)`, p, extra);
  }
  lines.push('  (each peer is one esbuild bundle, minified, its CSS included as text; Form.io without');
  lines.push('   Bootstrap\'s CSS. A peer needs all of its bundle before it draws anything.)');
  return lines;
}

const PEER_NOTES = [
  'How the peers were set up (same generated form: demo/bench-schema.js):',
  '  ourplan kit: <ourplan-record level="full"> (every field shows; the default "brief" level would',
  '    hide the optional ones), schema set as a property; it revalidates the whole value on every',
  '    keystroke and shows a field\'s problem once the person has left it.',
  '  react-jsonschema-form: core theme, validator-ajv8 with ajv\'s 2020-12 class, liveValidate "onChange"',
  '    (every problem in the form shows from the first keystroke).',
  '  JSON Forms: vanilla renderers, ajv 2020-12 as its createAjv sets it up, ValidateAndShow; a UI',
  '    schema with a group per nested object (its vanilla renderers draw no nested object otherwise).',
  '  SurveyJS and Form.io read no JSON Schema: the same fields in their own formats. SurveyJS: answers',
  '    updated as you type, checked on each change; a nested object is a panel with flat answers (no',
  '    nested values); no whole-number check (numeric range only); maxLength stops typing instead of',
  '    reporting; the list of strings is a dynamic panel. Form.io: a nested object is a container',
  '    (nested data, as in JSON Schema); integers are numbers with no decimals; the list of strings is a',
  '    text field with `multiple`; its change event is debounced.',
  '  Keystrokes are input events on f1 (value set with the native setter); "first" is the first after',
  '  the form drew, "steady" the median of the rest (a load stops typing after 3 s, with at least one',
  '  steady keystroke). handlers: to a task posted after the dispatch; paint: to a task posted from',
  '  the next requestAnimationFrame callback. Form.io does its work in a debounced change handler, so',
  '  its "handlers" end before that work: its change event is its real cost.',
];

function budgets(forms, validation, kitSizes) {
  const lines = ['Budgets (issue #7; reported, not enforced)'];
  const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT MET');
  const line = (what, figure, ok) => lines.push(`  ${what.padEnd(58)} ${figure.padEnd(34)} ${verdict(ok)}`);
  const f1000 = forms?.[1000];
  if (f1000?.kit && f1000?.rjsf) {
    const k = f1000.kit.summary.paint;
    const r = f1000.rjsf.summary.paint;
    line('first render at 1,000 fields ≤ half of RJSF\'s (to paint)', `${ms(k)} vs ${ms(r)} ms (${ratio(k, r)})`,
      k === null || r === null ? null : k <= r / 2);
  } else line('first render at 1,000 fields ≤ half of RJSF\'s', '', null);
  const key = f1000?.kit?.summary;
  line('steady keystroke handlers at 1,000 fields < 5 ms', key ? `${ms(key.steadyKey.handlers)} ms` : '',
    key?.steadyKey.handlers == null ? null : key.steadyKey.handlers < 5);
  line('first keystroke handlers at 1,000 fields < 16 ms', key ? `${ms(key.firstKey.handlers)} ms` : '',
    key?.firstKey.handlers == null ? null : key.firstKey.handlers < 16);
  const v2000 = validation?.summary?.[2000];
  if (v2000) {
    const kit = v2000.kit.invalid;
    const ajv = v2000.ajv.invalid;
    const figure = kit.error ? `kit: ${kit.error}` : ajv.error ? `${ms(kit.ms)} ms; ajv: ${ajv.error}` : `${ms(kit.ms)} vs ${ms(ajv.ms)} ms (${ratio(kit.ms, ajv.ms)})`;
    line('validation at 2,000 fields ≤ ¼ of ajv\'s, no stack overflow', figure,
      kit.error ? false : ajv.error ? null : kit.ms <= ajv.ms / 4);
  } else line('validation at 2,000 fields ≤ ¼ of ajv\'s', '', null);
  if (kitSizes) {
    const first = kitSizes.beforeFirstRender.brotli;
    const all = kitSizes.beforeFirstRender.brotli;
    line('bytes before first render ≤ 150 KiB brotli', `${kib(first)} KiB`, first <= 150 * 1024);
    line('whole kit ≤ 550 KiB brotli', `${kib(all)} KiB`, all <= 550 * 1024);
  }
  return lines;
}

/** Every table, as lines. */
export function report({ kitSizes, peers, forms, validation, plan, drafts, merge, sizes, libs, loads, keys, memoryAt, browser }) {
  const out = [];
  const push = (lines) => out.push('', ...lines);
  out.push(`Kit and peers side by side: medians of ${loads} loads, a fresh browser context each (${browser}, 127.0.0.1)`);
  if (peers || kitSizes) push(sizeLines(kitSizes, peers, libs));
  const rows = libs.map((key) => ({ key, label: labelOf(key, peers) }));
  if (forms) {
    const get = (field) => (lib, n) => {
      const s = forms[n]?.[lib]?.summary;
      if (!s) return { value: null };
      if (s.loads === 0 && s.error) return { error: s.error };
      return { value: field(s) };
    };
    push(matrix('First render: navigation → last input in the DOM (ms; kit ÷ peer)', sizes, rows, get((s) => s.lastInput)));
    push(matrix('First render: navigation → next paint after it (ms; kit ÷ peer)', sizes, rows, get((s) => s.paint)));
    push(matrix(`First keystroke in f1 → end of handlers (ms; kit ÷ peer)`, sizes, rows, get((s) => s.firstKey.handlers)));
    push(matrix(`First keystroke in f1 → next paint (ms; kit ÷ peer)`, sizes, rows, get((s) => s.firstKey.paint)));
    push(matrix(`Steady keystrokes (median of up to ${keys - 1}) → end of handlers (ms; kit ÷ peer)`, sizes, rows, get((s) => s.steadyKey.handlers)));
    push(matrix(`Steady keystrokes → next paint (ms; kit ÷ peer)`, sizes, rows, get((s) => s.steadyKey.paint)));
    push(matrix(`Steady keystrokes → the library's change event (ms; kit ÷ peer)`, sizes, rows, get((s) => s.steadyKey.event)));
    push(matrix('Controls drawn (input, select, textarea elements)', sizes, rows, get((s) => s.controls), (x) => String(Math.round(x))));
    const mem = forms[memoryAt];
    if (mem) {
      const lines = [`Memory after mounting the ${memoryAt}-field form, after a full GC (KiB; kit ÷ peer on the sum)`];
      lines.push(`  ${'library'.padEnd(34)}${['JS heap', 'wasm memory', 'sum', 'kit ÷'].map((h) => h.padStart(14)).join('')}`);
      const sum = (m) => (m ? m.heapUsedBytes + (m.wasmMemoryBytes ?? 0) : null);
      const kitSum = sum(mem.kit?.summary.memory);
      for (const { key, label } of rows) {
        const s = mem[key]?.summary;
        if (!s) continue;
        const m = s.memory;
        const cells = s.error && !m ? [s.error, '', '', ''] : [kib(m?.heapUsedBytes), m?.wasmMemoryBytes == null ? '—' : kib(m.wasmMemoryBytes), kib(sum(m)), key === KIT ? '' : ratio(kitSum, sum(m))];
        lines.push(`  ${label.slice(0, 33).padEnd(34)}${cells.map((c) => c.padStart(14)).join('')}`);
      }
      lines.push('  (wasm linear memory only grows: it is the most the kit has needed so far, not what it holds)');
      push(lines);
    }
    const trouble = [];
    for (const n of sizes) {
      for (const lib of libs) {
        const s = forms[n]?.[lib]?.summary;
        if (s?.errorDetail) trouble.push(`  ${labelOf(lib, peers)} at N=${n}: ${s.errorDetail.slice(0, 160)}`);
        if (s && !s.typed) trouble.push(`  ${labelOf(lib, peers)} at N=${n}: the typed text did not stay in f1`);
        for (const p of s?.problems ?? []) trouble.push(`  ${labelOf(lib, peers)} at N=${n} logged: ${p.slice(0, 160)}`);
      }
    }
    if (trouble.length) push(['What went wrong', ...trouble]);
    push(PEER_NOTES);
  }
  if (validation) {
    const s = validation.summary;
    const vsizes = sizes.filter((n) => s[n]);
    const get = (path) => (key, n) => {
      const [lib, c] = key.split('.');
      const r = s[n]?.[lib]?.[c];
      return r?.error ? { error: r.error } : { value: r?.ms ?? null };
    };
    const rowsV = [
      { key: 'kit.compile', label: 'kit compile(schema)' },
      { key: 'ajv.compile', label: 'ajv compile', kitKey: 'kit.compile' },
      { key: 'kit.valid', label: 'kit compiled.validate(), valid' },
      { key: 'kit.validateWithSchemaValid', label: 'kit validate(schema, value), same' },
      { key: 'ajv.valid', label: 'ajv validate, valid value', kitKey: 'kit.valid' },
      { key: 'kit.invalid', label: 'kit compiled.validate(), 3 err/10' },
      { key: 'kit.validateWithSchema', label: 'kit validate(schema, value), same' },
      { key: 'ajv.invalid', label: 'ajv validate, same value', kitKey: 'kit.invalid' },
    ];
    push([
      ...matrix('Validation per call (ms; kit ÷ ajv 8.20, allErrors, draft 2020-12)', vsizes, rowsV, get()),
      '  (kit compile times a fresh schema each call; compiled.validate is compile(schema).validate(value),',
      '   beside ajv\'s compiled function; validate(schema, value) reuses the schema compiled by its text.',
      '   Errors found at the largest N:',
      `   kit ${s[vsizes.at(-1)]?.kit.invalid.errors ?? '—'}, ajv ${s[vsizes.at(-1)]?.ajv.invalid.errors ?? '—'})`,
    ]);
  }
  if (plan) push(plan.lines);
  if (drafts) push(drafts.lines);
  if (merge) push(merge.lines);
  push(budgets(forms, validation, kitSizes));
  return out;
}
