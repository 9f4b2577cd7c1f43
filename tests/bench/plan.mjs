// The plan builder's scenario for `cargo xtask bench` (run by run.mjs): for each of `loads` fresh
// browser contexts, it opens /bench-plan.html, sets a generated plan of `blocks` blocks on
// <ourplan-plan>, and times adding a block, typing one character and moving a block up, `reps`
// times each, then reads the memory after mounting. The Add and Move up buttons are focused
// before they are clicked, untimed, as a person's click or key press leaves them.
//
// Timing, all inside the page (performance.now(), 100 µs resolution):
//   handlers: from just before the dispatch to a setTimeout(0) posted right after it (so the
//             event's handlers and the microtasks they queued, Yew's render included, are done);
//   paint:    from the same start to a task posted from the next requestAnimationFrame callback;
//   event:    (edit) to the host's `input` event; (move) to the live region's text changing.

import { openPage } from '../e2e/harness.mjs';
import { median, ms, kib, pageProblems } from './stats.mjs';

const PAGE = '/bench-plan.html';

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
    // As a person's click or key press would, the button has focus first (not timed).
    button.focus();
    await settle();
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
    button.focus();
    await settle();
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

/** Reads the JS heap (after a full GC, through CDP) and the page's own memory figures. */
export async function memoryAfterGc(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const own = await page.evaluate(async () => ({
    usedJSHeapSize: performance.memory?.usedJSHeapSize ?? null,
    wasmMemoryBytes: await window.ourplanBench.wasmMemoryBytes(),
  }));
  return { heapUsedBytes: heap.usedSize, ...own };
}

/** Runs the plan scenario; returns the JSON to keep and the printed table's lines. */
export async function benchPlan(browser, { blocks, loads: LOADS, reps }) {
  const loads = [];
  for (let load = 0; load < LOADS; load++) {
    const page = await openPage(browser, PAGE);
    await page.waitForFunction(() => window.ourplanBench && document.getElementById('plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 30000 });
    const mounted = await page.evaluate(mount, { n: blocks });
    // Memory right after the plan is mounted, after a full GC.
    const memory = await memoryAfterGc(page);
    const r = { mount: mounted, memory, ...(await page.evaluate(operations, { reps })) };
    const problems = pageProblems(page);
    if (problems.length) throw new Error(`the plan page reported problems:\n${problems.join('\n')}`);
    await page.context().close();
    loads.push(r);
    console.error(`plan load ${load + 1}/${LOADS}: mounted ${blocks} blocks in ${r.mount.paint.toFixed(1)} ms`);
  }

  // Median of each operation's repeats within a load, then the median over the loads.
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

  const rows = [
    ['mount: set value → last block in DOM', summary.mount.rendered, summary.mount.paint, null],
    ['add a block (top-level Add)', summary.add.handlers, summary.add.paint, null],
    ['edit: type 1 char (event = host input)', summary.edit.handlers, summary.edit.paint, summary.edit.event],
    ['move: Move up (event = live region)', summary.move.handlers, summary.move.paint, summary.move.event],
  ];
  const lines = [
    `Plan builder, ${blocks} blocks: medians of ${LOADS} loads, ${reps} repeats each (ms)`,
    `  ${'operation'.padEnd(40)} ${'handlers'.padStart(9)} ${'paint'.padStart(9)} ${'event'.padStart(9)}`,
    ...rows.map(([name, h, p, e]) => `  ${name.padEnd(40)} ${ms(h).padStart(9)} ${ms(p).padStart(9)} ${ms(e).padStart(9)}`),
    `  (mount's "handlers" column is the time until the last block is in the DOM)`,
    `  memory after mounting (KiB): JS heap ${kib(summary.memory.heapUsedBytes)} (after GC, CDP), ` +
      `wasm linear memory ${kib(summary.memory.wasmMemoryBytes)}`,
  ];
  return { json: { blocks, loads: LOADS, reps, page: PAGE, summary, perLoad: loads }, lines };
}
