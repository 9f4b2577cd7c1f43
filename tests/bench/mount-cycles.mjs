// Mount/remove cycles, a part of `cargo xtask bench`: `node tests/bench/mount-cycles.mjs <base URL> <out.json>`.
// On demo/embed-test.html it mounts an <ourplan-record> (the shipped what-matters record, with a
// value) and an <ourplan-plan> (a small plan) with mount(), waits until both have drawn, and
// removes both: one cycle. After CYCLES_BASE cycles and again after CYCLES cycles it forces a full
// garbage collection (CDP HeapProfiler.collectGarbage) and reads the JS heap (CDP
// Runtime.getHeapUsage, precise; and performance.memory.usedJSHeapSize, which Chromium rounds)
// and the wasm module's linear memory (its buffer's byteLength, which only grows: a leak in Rust
// shows as growth). Target: the figures after CYCLES at most 5% above those after CYCLES_BASE.
// Prints a table and writes the figures as JSON to <out.json>.

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node tests/bench/mount-cycles.mjs <base URL> <out.json>');
  process.exit(2);
}
process.env.OURPLAN_BASE_URL = base;
const { writeFileSync } = await import('node:fs');
const { launch, openPage } = await import('../e2e/harness.mjs');

const CYCLES_BASE = Number(process.env.OURPLAN_BENCH_CYCLES_BASE || 100);
const CYCLES = Number(process.env.OURPLAN_BENCH_CYCLES || 1000);
const TARGET = 1.05;
/** Which elements a cycle mounts (record, plan or both): to tell which one leaks. */
const KINDS = (process.env.OURPLAN_BENCH_KINDS || 'record,plan').split(',');

/** Runs in the page: loads the kit, the record's schema and example, and defines cycle(n). */
async function setUp(kinds) {
  const kit = await import('/pkg/ourplan.js');
  const schema = await (await fetch('/schemas/records/what-matters.schema.json')).json();
  const plan = {
    format: 'ourplan-plan', version: 1, title: 'My plan', nextId: 3,
    blocks: [
      { id: 'b1', kind: 'text', label: 'What matters to me', text: 'Seeing my grandchildren on Sundays.' },
      { id: 'b2', kind: 'budgetLine', what: 'Personal assistant', costPence: 4500, frequency: 'weekly' },
    ],
  };
  const value = { person_name: 'Ann Jones', what_matters: 'Getting to the allotment twice a week.' };
  const box = document.querySelector('main');
  const drawn = (el, sel) => new Promise((resolve, reject) => {
    const start = performance.now();
    const poll = () => {
      if (el.shadowRoot?.querySelector(sel)) resolve();
      else if (performance.now() - start > 10000) reject(new Error(`${el.localName} did not draw in 10 s`));
      else setTimeout(poll, 0);
    };
    poll();
  });
  window.cycle = async (n) => {
    for (let i = 0; i < n; i++) {
      const one = box.appendChild(document.createElement('div'));
      const two = box.appendChild(document.createElement('div'));
      const handles = [];
      if (kinds.includes('record')) {
        const record = kit.mount(one, { kind: 'record', schema, value, level: 'full' });
        handles.push([record, drawn(record.element, '#op-f-person__name')]);
      }
      if (kinds.includes('plan')) {
        const builder = kit.mount(two, { kind: 'plan', value: plan, indicativeBudget: '150.00' });
        handles.push([builder, drawn(builder.element, '.op-plan')]);
      }
      await Promise.all(handles.map(([, ready]) => ready));
      for (const [handle] of handles) handle.destroy();
      one.remove();
      two.remove();
    }
    return document.querySelectorAll('ourplan-record, ourplan-plan').length;
  };
  window.wasmMemoryBytes = async () => {
    const glue = await import('/pkg/ourplan_wasm.js');
    return (await glue.default()).memory.buffer.byteLength;
  };
}

async function measure(page, cdp) {
  // Twice: a first collection can leave objects that finalizers freed for the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const inPage = await page.evaluate(async () => ({
    usedJSHeapSize: performance.memory?.usedJSHeapSize ?? null,
    wasmMemoryBytes: await window.wasmMemoryBytes(),
  }));
  return { heapUsedBytes: heap.usedSize, ...inPage };
}

const browser = await launch();
let result;
try {
  const page = await openPage(browser, '/embed-test.html');
  await page.evaluate(setUp, KINDS);
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now();
  let left = await page.evaluate((n) => window.cycle(n), CYCLES_BASE);
  const atBase = await measure(page, cdp);
  left += await page.evaluate((n) => window.cycle(n), CYCLES - CYCLES_BASE);
  const atEnd = await measure(page, cdp);
  const seconds = (Date.now() - t0) / 1000;
  const problems = [...page.pageErrors, ...page.consoleMessages.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => m.text)];
  if (problems.length) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
  if (left !== 0) throw new Error(`${left} elements were still in the page after their cycles`);
  const ratio = (k) => (atBase[k] ? atEnd[k] / atBase[k] : null);
  result = {
    cyclesBase: CYCLES_BASE,
    cycles: CYCLES,
    kinds: KINDS,
    seconds,
    afterBase: atBase,
    afterAll: atEnd,
    ratio: { heapUsedBytes: ratio('heapUsedBytes'), usedJSHeapSize: ratio('usedJSHeapSize'), wasmMemoryBytes: ratio('wasmMemoryBytes') },
    target: TARGET,
  };
  result.withinTarget = Object.values(result.ratio).every((r) => r === null || r <= TARGET);
  await page.context().close();
} finally {
  await browser.close();
}

const mib = (n) => (n == null ? '?' : (n / 1048576).toFixed(2));
const pct = (r) => (r == null ? '?' : `${((r - 1) * 100).toFixed(1)}%`);
console.log(`\nMount/remove cycles (${KINDS.join(' and ')} each; ${result.seconds.toFixed(1)} s in all), MiB after a full GC`);
console.log(`  ${'measure'.padEnd(34)} ${`after ${CYCLES_BASE}`.padStart(12)} ${`after ${CYCLES}`.padStart(12)} ${'change'.padStart(8)}`);
for (const [key, label] of [['heapUsedBytes', 'JS heap (CDP getHeapUsage)'], ['usedJSHeapSize', 'JS heap (performance.memory)'], ['wasmMemoryBytes', 'wasm linear memory']]) {
  console.log(`  ${label.padEnd(34)} ${mib(result.afterBase[key]).padStart(12)} ${mib(result.afterAll[key]).padStart(12)} ${pct(result.ratio[key]).padStart(8)}`);
}
console.log(`  target: at most ${pct(TARGET)} above the figure after ${CYCLES_BASE} cycles: ${result.withinTarget ? 'met' : 'missed'}`);
writeFileSync(out, JSON.stringify(result, null, 2));
