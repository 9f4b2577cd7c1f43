// The form scenario for `cargo xtask bench` (run by run.mjs): the kit (demo/bench-record.html)
// and each peer (demo/bench-peer.html?peer=…) draw the same generated form of N fields
// (demo/bench-schema.js). For each N and each of `loads` loads (a fresh browser context each,
// the libraries taking turns), it reads when the last input reached the DOM and the next paint
// (both from the start of the navigation), the JS heap and wasm memory at `memoryAt` fields, and
// types `reps` characters into the first text box (see demo/bench-form.js for what is timed).

import { openPage } from '../e2e/harness.mjs';
import { median } from './stats.mjs';
import { memoryAfterGc } from './plan.mjs';

/** How long one load may take to draw its form before it counts as failed. */
const RENDER_TIMEOUT_MS = 120000;

function pageFor(lib, n) {
  return lib === 'kit' ? `/bench-record.html?n=${n}` : `/bench-peer.html?peer=${lib}&n=${n}`;
}

/** A short name for what stopped a library: "overflow" for a stack overflow. */
export function failure(message) {
  if (/Maximum call stack size exceeded|too much recursion/i.test(message)) return 'overflow';
  return message.length > 80 ? `${message.slice(0, 77)}…` : message;
}

async function oneLoad(browser, lib, n, { reps, memory }) {
  const page = await openPage(browser, pageFor(lib, n));
  try {
    const drawn = await page.evaluate((timeout) => Promise.race([
      window.ourplanBench.ready,
      new Promise((r) => setTimeout(() => r({ error: `no last input after ${timeout / 1000} s` }), timeout)),
    ]), RENDER_TIMEOUT_MS);
    const out = { lastInput: drawn.lastInput ?? null, paint: drawn.paint ?? null };
    if (drawn.error) return { ...out, error: drawn.error };
    out.controls = await page.evaluate(() => window.ourplanBench.controls());
    if (memory) out.memory = await memoryAfterGc(page);
    const typing = await page.evaluate((r) => window.ourplanBench.type(r), reps);
    out.keys = typing.reps;
    out.typed = typing.typed;
    const problems = [...page.pageErrors, ...page.consoleMessages.filter((m) => m.type === 'error').map((m) => m.text)];
    if (problems.length) out.problems = problems.slice(0, 3).map((p) => p.slice(0, 300));
    return out;
  } catch (e) {
    return { lastInput: null, paint: null, error: String(e.message ?? e).split('\n')[0] };
  } finally {
    await page.context().close();
  }
}

/** Medians over the loads that drew the form; `error` when any load failed. */
function summarise(loads) {
  const ok = loads.filter((l) => !l.error);
  const firstKey = (k) => median(ok.map((l) => l.keys?.[0]?.[k]));
  // Steady state: the median of every keystroke after the first, per load, then over loads.
  const steady = (k) => median(ok.map((l) => median((l.keys ?? []).slice(1).map((x) => x[k]))));
  const mem = (k) => median(ok.map((l) => l.memory?.[k]));
  const failed = loads.find((l) => l.error);
  return {
    loads: ok.length,
    error: failed ? failure(failed.error) : null,
    errorDetail: failed?.error ?? null,
    lastInput: median(ok.map((l) => l.lastInput)),
    paint: median(ok.map((l) => l.paint)),
    controls: median(ok.map((l) => l.controls)),
    firstKey: { handlers: firstKey('handlers'), paint: firstKey('paint'), event: firstKey('event') },
    steadyKey: { handlers: steady('handlers'), paint: steady('paint'), event: steady('event') },
    memory: ok.some((l) => l.memory)
      ? { heapUsedBytes: mem('heapUsedBytes'), wasmMemoryBytes: mem('wasmMemoryBytes') }
      : null,
    typed: ok.every((l) => l.typed !== false),
    problems: [...new Set(ok.flatMap((l) => l.problems ?? []))].slice(0, 3),
  };
}

/**
 * Runs the form scenario. Returns `{ [n]: { [lib]: { summary, perLoad } } }`. A library that
 * fails to draw at some N (a stack overflow, a timeout) is not loaded again at that N.
 */
export async function benchForms(browser, { sizes, libs, loads, reps, memoryAt }) {
  const results = {};
  for (const n of sizes) {
    const perLoad = Object.fromEntries(libs.map((lib) => [lib, []]));
    for (let load = 0; load < loads; load++) {
      const line = [];
      for (const lib of libs) {
        if (perLoad[lib].some((l) => l.error)) continue;
        const r = await oneLoad(browser, lib, n, { reps, memory: n === memoryAt });
        perLoad[lib].push(r);
        line.push(`${lib} ${r.error ? failure(r.error) : `${Math.round(r.paint)} ms`}`);
      }
      console.error(`forms N=${n} load ${load + 1}/${loads}: ${line.join(', ')}`);
    }
    results[n] = Object.fromEntries(libs.map((lib) => [lib, { summary: summarise(perLoad[lib]), perLoad: perLoad[lib] }]));
  }
  return results;
}
