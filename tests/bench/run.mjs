// The browser half of `cargo xtask bench`: `node tests/bench/run.mjs <base URL> <out.json>`.
// In headless Chromium, for each of LOADS fresh browser contexts, it opens /bench-plan.html,
// sets a generated plan of N blocks on <ourplan-plan>, and times adding a block, typing one
// character and moving a block up, REPS times each. It prints a table of medians and writes
// them, with every load's figures, as JSON to <out.json>.
//
// Timing, all inside the page (performance.now(), 100 µs resolution):
//   handlers: from just before the dispatch to a setTimeout(0) posted right after it (so the
//             event's handlers and the microtasks they queued, Yew's render included, are done);
//   paint:    from the same start to a task posted from the next requestAnimationFrame callback;
//   event:    (edit) to the host's `input` event; (move) to the live region's text changing.

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node tests/bench/run.mjs <base URL> <out.json>');
  process.exit(2);
}
process.env.OURPLAN_BASE_URL = base;
const { writeFileSync } = await import('node:fs');
const { launch, openPage } = await import('../e2e/harness.mjs');

const N = Number(process.env.OURPLAN_BENCH_BLOCKS || 500);
const LOADS = Number(process.env.OURPLAN_BENCH_LOADS || 5);
const REPS = Number(process.env.OURPLAN_BENCH_REPS || 20);
const PAGE = '/bench-plan.html';

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/** Runs in the page: sets a generated plan of `n` blocks and waits for it to render and paint. */
async function mount({ n }) {
  const el = document.getElementById('plan');
  const root = el.shadowRoot;
  const now = () => performance.now();
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  /** Promises for the end of handlers and the next paint, posted right after a dispatch. */
  const marks = () => ({
    task: new Promise((r) => setTimeout(() => r(now()), 0)),
    paint: new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(now()), 0))),
  });

  // Mount: set the value, then wait until the last block is in the DOM.
  const plan = window.ourplanBench.generatePlan(n);
  const t0 = now();
  el.value = plan;
  const m = marks();
  const mountTask = (await m.task) - t0;
  while (!root.getElementById(`op-b-b${n}`)) {
    await new Promise((r) => setTimeout(r, 0));
    if (now() - t0 > 60000) throw new Error(`the plan of ${n} blocks did not render in 60 s`);
  }
  const rendered = now() - t0;
  await settle();
  const mountPaint = now() - t0;
  const blocksInDom = root.querySelectorAll('.op-plan-block').length;
  await settle();
  return { handlers: mountTask, rendered, paint: mountPaint, blocksInDom };
}

/** Runs in the page after `mount`: times the three operations, `reps` times each. */
async function operations({ reps }) {
  const el = document.getElementById('plan');
  const root = el.shadowRoot;
  const now = () => performance.now();
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const marks = () => ({
    task: new Promise((r) => setTimeout(() => r(now()), 0)),
    paint: new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(now()), 0))),
  });
  const withTimeout = (p, ms) => Promise.race([p, new Promise((r) => setTimeout(() => r(null), ms))]);
  const result = { add: [], edit: [], move: [] };

  // (a) add a block with the top-level "Add" control.
  for (let i = 0; i < reps; i++) {
    const button = root.getElementById('op-add-top');
    const before = root.querySelectorAll('.op-plan-block').length;
    const start = now();
    button.click();
    const { task, paint } = marks();
    const t = await task;
    const p = await paint;
    if (root.querySelectorAll('.op-plan-block').length !== before + 1) throw new Error('Add did not add a block');
    result.add.push({ handlers: t - start, paint: p - start });
    await settle();
  }

  // (b) edit: type one character into the text block b1's textarea.
  const area = root.getElementById('op-f-b1-text');
  if (!area) throw new Error('no textarea op-f-b1-text');
  area.focus();
  for (let i = 0; i < reps; i++) {
    let resolveInput;
    const heard = new Promise((r) => (resolveInput = r));
    const onInput = () => resolveInput(now());
    el.addEventListener('input', onInput, { once: true });
    const start = now();
    area.value += 'x';
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }));
    const { task, paint } = marks();
    const t = await task;
    const p = await paint;
    const h = await withTimeout(heard, 2000);
    el.removeEventListener('input', onInput);
    result.edit.push({ event: h === null ? null : h - start, handlers: t - start, paint: p - start });
    await settle();
  }
  if (!el.value.blocks[0].text.endsWith('x'.repeat(reps))) throw new Error('typing did not reach the plan value');

  // (c) move: "Move up" on a top-level text block in the middle of the plan.
  const live = root.querySelector('[role="status"][aria-live]');
  if (!live) throw new Error('no live region');
  const ids = [...root.querySelector('.op-plan__main > .op-plan__blocks').children].map((li) => li.id.replace(/^op-b-/, ''));
  const target = ids[Math.floor(ids.length / 2)];
  for (let i = 0; i < reps; i++) {
    const button = root.getElementById(`op-b-${target}-up`);
    if (!button || button.disabled) throw new Error(`no enabled Move up on ${target}`);
    const text = live.textContent;
    let resolveLive;
    const announced = new Promise((r) => (resolveLive = r));
    const observer = new MutationObserver(() => {
      if (live.textContent !== text) resolveLive(now());
    });
    observer.observe(live, { childList: true, characterData: true, subtree: true });
    const start = now();
    button.click();
    const { task, paint } = marks();
    const t = await task;
    const p = await paint;
    const a = await withTimeout(announced, 2000);
    observer.disconnect();
    result.move.push({ event: a === null ? null : a - start, handlers: t - start, paint: p - start });
    await settle();
  }
  result.moved = target;
  return result;
}

const browser = await launch();
const browserVersion = browser.version();
const loads = [];
try {
  for (let load = 0; load < LOADS; load++) {
    const page = await openPage(browser, PAGE);
    await page.waitForFunction(() => window.ourplanBench && document.getElementById('plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 30000 });
    const mounted = await page.evaluate(mount, { n: N });
    // Memory right after the N-block plan is mounted, after a full GC.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const memory = await page.evaluate(async () => ({
      usedJSHeapSize: performance.memory?.usedJSHeapSize ?? null,
      wasmMemoryBytes: await window.ourplanBench.wasmMemoryBytes(),
    }));
    memory.heapUsedBytes = heap.usedSize;
    await cdp.detach();
    const r = { mount: mounted, memory, ...(await page.evaluate(operations, { reps: REPS })) };
    const errors = [...page.pageErrors, ...page.consoleMessages.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => m.text)];
    if (errors.length) throw new Error(`the page reported problems:\n${errors.join('\n')}`);
    await page.context().close();
    loads.push(r);
    console.error(`load ${load + 1}/${LOADS}: mounted ${N} blocks in ${r.mount.paint.toFixed(1)} ms`);
  }
} finally {
  await browser.close();
}

// Median of each operation's REPS within a load, then the median over the loads.
const perLoad = (op, key) => loads.map((l) => median(l[op].map((x) => x[key])));
const summary = {
  mount: {
    handlers: median(loads.map((l) => l.mount.handlers)),
    rendered: median(loads.map((l) => l.mount.rendered)),
    paint: median(loads.map((l) => l.mount.paint)),
  },
  add: { handlers: median(perLoad('add', 'handlers')), paint: median(perLoad('add', 'paint')) },
  edit: { event: median(perLoad('edit', 'event')), handlers: median(perLoad('edit', 'handlers')), paint: median(perLoad('edit', 'paint')) },
  move: { event: median(perLoad('move', 'event')), handlers: median(perLoad('move', 'handlers')), paint: median(perLoad('move', 'paint')) },
  memory: {
    heapUsedBytes: median(loads.map((l) => l.memory.heapUsedBytes)),
    usedJSHeapSize: median(loads.map((l) => l.memory.usedJSHeapSize)),
    wasmMemoryBytes: median(loads.map((l) => l.memory.wasmMemoryBytes)),
  },
};

const ms = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));
const kib = (x) => (x === null || x === undefined ? '—' : (x / 1024).toFixed(1));
const rows = [
  ['mount: set value → last block in DOM', summary.mount.rendered, summary.mount.paint, null],
  ['add a block (top-level Add)', summary.add.handlers, summary.add.paint, null],
  ['edit: type 1 char (event = host input)', summary.edit.handlers, summary.edit.paint, summary.edit.event],
  ['move: Move up (event = live region)', summary.move.handlers, summary.move.paint, summary.move.event],
];
console.log(`\nPlan of ${N} blocks: medians of ${LOADS} loads, ${REPS} repeats each (ms)`);
console.log(`  ${'operation'.padEnd(40)} ${'handlers'.padStart(9)} ${'paint'.padStart(9)} ${'event'.padStart(9)}`);
for (const [name, h, p, e] of rows) console.log(`  ${name.padEnd(40)} ${ms(h).padStart(9)} ${ms(p).padStart(9)} ${ms(e).padStart(9)}`);
console.log(`  (mount's "handlers" column is the time until the last block is in the DOM)`);
console.log(`\nMemory after mounting (KiB): JS heap ${kib(summary.memory.heapUsedBytes)} (after GC, CDP), ` +
  `performance.memory ${kib(summary.memory.usedJSHeapSize)} (coarse), wasm linear memory ${kib(summary.memory.wasmMemoryBytes)}`);

writeFileSync(out, JSON.stringify({ blocks: N, loads: LOADS, reps: REPS, page: PAGE, browser: browserVersion, summary, perLoad: loads }, null, 2));
