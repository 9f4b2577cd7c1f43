// Combining copies, for `cargo xtask bench` (run by run.mjs): two copies of a 500-block plan, each
// with 50 changes of its own (25 texts rewritten, 5 of them the same blocks in both copies so
// there are conflicts; 15 blocks added; 5 removed; 5 moved), combined by the element's merge()
// in the browser. Per fresh page, the first copy is set as the value (not timed) and the second
// merged in `reps` times; the time is the whole call, reading the other copy included.
// Target: under 50 ms.

import { openPage } from '../e2e/harness.mjs';
import { median, ms, pageProblems } from './stats.mjs';

/** Runs in the page: makes the two copies and times `merge()`. */
async function merges({ blocks, reps }) {
  const el = document.getElementById('plan');
  await el.ready;
  el.value = window.ourplanBench.generatePlan(blocks);
  const base = el.value;
  const flat = (plan) => {
    const out = [];
    const walk = (list) => { for (const b of list) { out.push(b); if (b.children) walk(b.children); } };
    walk(plan.blocks);
    return out;
  };
  const copy = (side, offset) => {
    const plan = structuredClone(base);
    const all = flat(plan).filter((b) => typeof b.text === 'string');
    for (let i = 0; i < 25; i++) {
      // The first five are the same blocks in both copies: conflicts for the person to settle.
      const block = all[i < 5 ? i * 7 : offset + i * 5];
      block.text = `${block.text} (${side} rewrote this)`;
    }
    for (let i = 0; i < 15; i++) plan.blocks.splice(10 + i * 11, 0, { id: `b${1000 + i}_${side}`, kind: 'text', text: `Added by ${side}, ${i}` });
    for (let i = 0; i < 5; i++) plan.blocks.splice(offset + 40 + i * 13, 1);
    for (let i = 0; i < 5; i++) {
      const [moved] = plan.blocks.splice(offset + 100 + i * 9, 1);
      plan.blocks.splice(offset + 20 + i * 17, 0, moved);
    }
    return plan;
  };
  const mine = copy('mum', 1);
  const theirs = JSON.stringify(copy('sian', 3));
  const times = [];
  let summary;
  for (let r = 0; r < reps; r++) {
    el.value = mine;
    const t0 = performance.now();
    summary = el.merge(theirs);
    times.push(performance.now() - t0);
  }
  return { times, summary, size: JSON.stringify(el.value).length, plain: JSON.stringify({ ...el.value, merge: undefined }).length };
}

export async function benchMerge(browser, { blocks, loads, reps }) {
  const all = [];
  let last;
  for (let load = 0; load < loads; load++) {
    const page = await openPage(browser, '/bench-plan.html');
    last = await page.evaluate(merges, { blocks, reps });
    const problems = pageProblems(page);
    await page.context().close();
    if (problems.length) throw new Error(`merge bench: ${problems.join('; ')}`);
    all.push(...last.times);
    console.log(`merge load ${load + 1}/${loads}: ${ms(median(last.times))} ms`);
  }
  const s = last.summary;
  const lines = [
    '',
    `Combining copies: merge() of two ${blocks}-block copies with 50 changes each (ms; median of ${all.length})`,
    `  merge, in the browser                      ${ms(median(all)).padStart(10)}`,
    `  what it found: ${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.conflicts} conflicts`,
    `  the merged plan's file: ${(last.size / 1024).toFixed(1)} KiB, of which history ${((last.size - last.plain) / 1024).toFixed(1)} KiB`,
    `  target: under 50 ms: ${median(all) < 50 ? 'met' : 'NOT MET'}`,
  ];
  return { lines, json: { median: median(all), times: all, summary: s, size: last.size, plain: last.plain } };
}
